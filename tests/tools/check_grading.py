#!/usr/bin/env python3
"""Grade hostile submissions and prove that grading finishes in bounded time
with the right verdicts, and cannot be fooled.

    python3 tests/tools/check_grading.py [SCRATCH_DIR]

1. A submission whose chapter 1 is written but sabotaged: dot never ends,
   transpose prints without end, matvec reads far past the end of a vector,
   scale divides an integer by zero. Graded with 2-second budgets, it must
   finish within a few minutes, with those tests reported in junit.xml and
   scores.csv as timed-out, flooded and crashed, and chapter 1's other tests
   passing.
2. Submissions that try to fool the tests instead of passing them: a macro
   that turns the checks into nothing, the digraph %:define, an overload in
   the tests' own namespace, an include of GoogleTest, code outside
   namespace mlp. Each must be refused with its file and line, before
   anything is compiled.
"""

import csv
import pathlib
import re
import shutil
import subprocess
import sys
import time

from check_report import ROOT, expect, problems


SABOTAGE = [  # (find, replace) in a copy of solution/01_math_foundations.hpp
    ("    for (std::size_t i = 0; i < a.size(); ++i) {\n        sum += a[i] * b[i];",
     "    for (std::size_t i = 0; i < a.size(); i += 0) {\n        sum += a[i] * b[i];"),
    ('    require_not_empty("transpose", m);',
     '    require_not_empty("transpose", m);\n'
     '    for (;;) {\n        std::puts("a line the grader did not ask for, again and again");\n    }'),
    ("    Vector y(w.rows);", "    Vector y(w.rows);\n    y[w.rows + 1000000] = 1.0;"),
    ('    require_not_empty("scale", v);',
     '    require_not_empty("scale", v);\n    volatile std::size_t zero = 0;\n'
     '    if (v.size() / zero == 7) {  // used, so that no optimiser may drop the division\n'
     '        return {};\n    }'),
    ("#include <cmath>", "#include <cmath>\n#include <cstdio>"),
]

# (chapter header, text added after "#pragma once" or replacing the file, what the refusal names)
TRICKS = [
    ("02_single_neuron.hpp", "#define EXPECT_TRUE(condition) (void)0", "preprocessor directive"),
    ("02_single_neuron.hpp", "namespace mlp {\n%:define ASSERT_EQ(a, b) (void)0\n}", "digraph"),
    ("03_forward_pass.hpp",
     "namespace tutor {\ninline void expect_near(double, int, const char*, const char*) {}\n}",
     "the name tutor"),
    ("04_loss_function.hpp", "#include <gtest/gtest.h>", "not a C++17 standard library header"),
    ("05_backpropagation.hpp", "void* operator new(unsigned long size);", "outside namespace mlp"),
]


def grade(submission, output, extra=()):
    started = time.monotonic()
    result = subprocess.run(["cmake", f"-DSUBMISSION={submission}", f"-DOUTPUT={output}", *extra,
                             "-P", str(ROOT / "cmake" / "grade.cmake")],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            timeout=1800, check=False)
    return result, time.monotonic() - started


def fresh_submission(folder):
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for header in (ROOT / "starter_code").glob("0*.hpp"):
        shutil.copy(header, folder)


def check_sabotage(scratch):
    print("a sabotaged chapter 1")
    submission = scratch / "sabotaged"
    fresh_submission(submission)
    text = (ROOT / "solution" / "01_math_foundations.hpp").read_text(encoding="utf-8")
    for find, replace in SABOTAGE:
        if text.count(find) != 1:
            raise SystemExit(f"check_grading: the sabotage {find!r} no longer matches the solution")
        text = text.replace(find, replace)
    (submission / "01_math_foundations.hpp").write_text(text, encoding="utf-8")
    output = scratch / "sabotaged-grade"
    result, seconds = grade(submission, output, ["-DTEST_SECONDS=2"])
    expect(result.returncode == 0 and seconds < 600,
           f"grading finishes ({seconds:.0f} s, bounded by the budgets)", result.stdout)
    rows = {}
    if (output / "scores.csv").exists():
        with open(output / "scores.csv", newline="") as f:
            rows = {row["chapter"]: row for row in csv.DictReader(f)}
    one = {key: int(value) if value.isdigit() else value for key, value in rows.get("01", {}).items()}
    expect(one.get("timed_out", 0) >= 2 and one.get("flooded", 0) >= 1 and one.get("crashed", 0) >= 3,
           "scores.csv: chapter 1 counts tests timed out (dot), flooded (transpose) and crashed "
           "(matvec, scale)", str(one))
    counted = sum(one.get(key, 0) for key in ("passed", "failed", "timed_out", "crashed", "flooded"))
    expect(one.get("passed", 0) > 0 and counted == one.get("total", -1),
           "scores.csv: chapter 1's other tests are graded as usual, and every test has one verdict",
           str(one))
    junit = (output / "junit.xml").read_text(encoding="utf-8") if (output / "junit.xml").exists() else ""
    for test, kind in [("DotProduct.OfOneTwoThreeAndFourFiveSixIs32", "timed-out"),
                       ("Matrices.TransposeOfANonSquareMatrixSwapsRowsAndColumns", "flooded"),
                       ("Matrices.MatvecTakesOneDotProductPerRow", "crashed"),
                       ("Vectors.ScaleMultipliesEveryElement", "crashed")]:
        case = re.search(r'<testcase name="starter\.ch01\.' + re.escape(test) + r'".*?</testcase>',
                         junit, re.S)
        expect(case is not None and f'type="{kind}"' in case.group(0),
               f"junit.xml: {test} is {kind}", case.group(0)[:600] if case else "(missing)")
    scale = re.search(r'ScaleMultipliesEveryElement".*?</testcase>', junit, re.S)
    expect(scale is not None and "SIGFPE" in scale.group(0), "junit.xml: the crash names SIGFPE")
    size = (output / "junit.xml").stat().st_size if (output / "junit.xml").exists() else 0
    expect(0 < size < 2_000_000, f"junit.xml stays small although a test printed without end "
                                 f"({size} bytes)")


def check_tricks(scratch):
    print("submissions that try to fool the tests")
    for header, text, named in TRICKS:
        submission = scratch / "trick"
        fresh_submission(submission)
        path = submission / header
        original = path.read_text(encoding="utf-8")
        path.write_text(original.replace("#pragma once", "#pragma once\n" + text, 1), encoding="utf-8")
        output = scratch / "trick-grade"
        shutil.rmtree(output, ignore_errors=True)
        result, seconds = grade(submission, output)
        said = " ".join(result.stdout.split())  # CMake wraps long messages
        line = re.search(re.escape(str(path)) + r":(\d+): ", said)
        expect(result.returncode != 0 and line is not None and named in said and
               not (output / "build").exists() and seconds < 60,
               f"{header} with {text.splitlines()[0]!r}: refused naming {header}:"
               f"{line.group(1) if line else '?'}, nothing built", result.stdout)
        scores = (output / "scores.csv").read_text() if (output / "scores.csv").exists() else ""
        expect("refused" in scores, "  and scores.csv says refused", scores)


def main():
    scratch = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "grading"
    scratch = scratch.resolve()
    scratch.mkdir(parents=True, exist_ok=True)
    check_tricks(scratch)
    check_sabotage(scratch)
    if problems:
        print(f"grading: {len(problems)} problem(s)")
        return 1
    print(f"grading: {len(TRICKS)} tricks refused; a hang, a flood and crashes graded as such")
    return 0


if __name__ == "__main__":
    sys.exit(main())
