#!/usr/bin/env python3
"""Prove that a learner's worst failures each end in one clear line.

    python3 tests/tools/check_failure_lines.py [SCRATCH_DIR]

Copies of the solution, each with a classic bug put in on purpose, are built
as a learner's starter_code/ (MLP_STARTER_DIR) and run:

  tests:
    - a loop that never ends (add's counter never moves): the watchdog stops
      the test and says TIMED OUT, the function and the lesson section;
    - the unsigned counter in shuffle that runs below zero and divides by
      zero: CRASHED, the signal in words (SIGFPE), shuffle, 3.4;
    - an index one past the end in dot (i <= n): CRASHED, SIGABRT, dot, 1.3;
    - matmul throwing std::out_of_range where std::invalid_argument is due:
      the expected type and the one that came;
    - transpose writing t(r, c) into a (cols x rows) matrix: Matrix's bounds
      check throws, and the line names transpose, the type and section 1.5;
  programs:
    - the chapter 1 program with the dot bug: exit status 1, one line that
      says the program stopped, and every line printed before it kept in a
      redirected file;
    - the chapter 1 program with the transpose bug: exit status 1 and one
      line naming the exception's type and message.

Each test must print exactly one line of its own (the standard library's own
assertion message, when it prints one, may come before it). Exit status 1 if
any case does not hold.
"""

import pathlib
import re
import shutil
import subprocess
import sys
import time

from check_report import ROOT, expect, problems, run

SECONDS = 2  # MLP_TEST_SECONDS for the copies: a hang is stopped after 2 s

# (file, find, replace): each find text must occur exactly once.
HANG_IN_ADD = ("01_math_foundations.hpp",
               "    for (std::size_t i = 0; i < a.size(); ++i) {\n        c[i] = a[i] + b[i];",
               "    for (std::size_t i = 0; i < a.size(); i += 0) {\n        c[i] = a[i] + b[i];")
INDEX_PAST_END_IN_DOT = ("01_math_foundations.hpp",
                         "for (std::size_t i = 0; i < a.size(); ++i) {\n        sum += a[i] * b[i];",
                         "for (std::size_t i = 0; i <= a.size(); ++i) {\n        sum += a[i] * b[i];")
WRONG_TYPE_IN_MATMUL = ("01_math_foundations.hpp",
                        'throw std::invalid_argument("matmul: A is "',
                        'throw std::out_of_range("matmul: A is "')
SWAPPED_INDEX_IN_TRANSPOSE = ("01_math_foundations.hpp", "t(c, r) = m(r, c);", "t(r, c) = m(r, c);")
UNSIGNED_BELOW_ZERO_IN_SHUFFLE = (
    "03_forward_pass.hpp",
    "    for (std::size_t k = items.size(); k > 1; --k) {\n"
    "        const std::size_t i = k - 1;  // i runs from n-1 down to 1, and an empty vector is safe\n",
    "    for (std::size_t i = items.size() - 1; i >= 0; --i) {\n")

TEST_CASES = [
    ("starter.ch01.Vectors.AddSumsElementByElement",
     [f"TIMED OUT after {SECONDS} s while testing mlp::add (Vectors.AddSumsElementByElement)",
      "loop that never ends", "(lesson.md 1.2)"]),
    ("starter.ch03.Shuffle.KeepsEveryItemExactlyOnce",
     ["CRASHED while testing mlp::shuffle (Shuffle.KeepsEveryItemExactlyOnce)",
      "division by zero (SIGFPE)", "unsigned counter", "(lesson.md 3.4)"]),
    ("starter.ch01.DotProduct.OfOneTwoThreeAndFourFiveSixIs32",
     ["CRASHED while testing mlp::dot (DotProduct.OfOneTwoThreeAndFourFiveSixIs32)",
      "abort (SIGABRT)", "index past the end", "(lesson.md 1.3)"]),
    ("starter.ch01.ShapeErrors.MatmulNeedsMatchingInnerSizes",
     ["expected std::invalid_argument, but std::out_of_range was thrown", "matmul", "(lesson.md 1.7)"]),
    ("starter.ch01.Matrices.TransposeOfANonSquareMatrixSwapsRowsAndColumns",
     ['while testing mlp::transpose, std::out_of_range was thrown: "Matrix: element',
      "(lesson.md 1.5)", "Hint: an index past the end?"]),
]


def broken_copy(folder, bugs):
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(ROOT / "solution", folder)
    for file, find, replace in bugs:
        path = folder / file
        text = path.read_text(encoding="utf-8")
        if text.count(find) != 1:
            raise SystemExit(f"check_failure_lines: the bug for {file} no longer matches the solution "
                             f"({text.count(find)} matches of {find!r})")
        path.write_text(text.replace(find, replace), encoding="utf-8")


def configure(build, implementation):
    code, output = run(["cmake", "-S", str(ROOT), "-B", str(build), "-DCMAKE_BUILD_TYPE=Debug",
                        f"-DMLP_STARTER_DIR={implementation}",
                        f"-DMLP_SOLUTION_DIR={build / 'none'}", f"-DMLP_TEST_SECONDS={SECONDS}"])
    if code != 0:
        raise SystemExit("check_failure_lines: configure failed:\n" + output)


def build_targets(build, targets):
    code, output = run(["cmake", "--build", str(build), "-j2", "--target"] + targets)
    if code != 0:
        raise SystemExit("check_failure_lines: build failed:\n" + output[-4000:])


def own_lines(output):
    """The lines a test printed itself: not ctest's, not blank, not the
    standard library's assertion message."""
    kept = []
    for line in output.splitlines():
        if not line.strip() or re.search(r"Assertion .* failed\.$", line):
            continue
        kept.append(line)
    return kept


def check_tests(scratch):
    print("tests")
    implementation = scratch / "tests-impl"
    broken_copy(implementation, [HANG_IN_ADD, INDEX_PAST_END_IN_DOT, WRONG_TYPE_IN_MATMUL,
                                 SWAPPED_INDEX_IN_TRANSPOSE, UNSIGNED_BELOW_ZERO_IN_SHUFFLE])
    build = scratch / "tests-build"
    configure(build, implementation)
    build_targets(build, ["test_01_math_foundations_starter", "test_03_forward_pass_starter"])
    for name, wanted in TEST_CASES:
        started = time.monotonic()
        code, output = run(["ctest", "--test-dir", str(build), "-R", "^" + re.escape(name) + "$",
                            "--output-on-failure"], timeout=600)
        elapsed = time.monotonic() - started
        body = output.split("sec\n", 1)[1] if "sec\n" in output else output
        body = body.split("\n0% tests passed", 1)[0]
        lines = own_lines(body)
        expect(code != 0 and all(w in body for w in wanted) and len(lines) == 1,
               f"{name}: one line with " + "; ".join(repr(w) for w in wanted), output)
        expect(elapsed < 10 * SECONDS + 20, f"{name}: finished in {elapsed:.1f} s")


def check_programs(scratch):
    print("programs")
    for label, bug, wanted, kept in [
        ("an index past the end in dot", INDEX_PAST_END_IN_DOT,
         ["The program stopped: an abort (SIGABRT)", "cmake --workflow --preset ch01"],
         "a + b       = [5, 7, 9]"),
        ("Matrix's bounds check in transpose", SWAPPED_INDEX_IN_TRANSPOSE,
         ['The program stopped: std::out_of_range: "Matrix: element', "cmake --workflow --preset ch01"],
         "W . a = [14, 32]"),
    ]:
        implementation = scratch / "program-impl"
        broken_copy(implementation, [bug])
        build = scratch / "program-build"
        configure(build, implementation)
        build_targets(build, ["starter_01_math_foundations"])
        out_file = scratch / "program-output.txt"
        with open(out_file, "w", encoding="utf-8") as out:
            result = subprocess.run([str(build / "starter_code" / "01_math_foundations")], stdout=out,
                                    stderr=subprocess.PIPE, text=True, timeout=60, check=False)
        printed = out_file.read_text(encoding="utf-8")
        errors = [line for line in result.stderr.splitlines()
                  if line.strip() and not re.search(r"Assertion .* failed\.$", line)]
        expect(result.returncode == 1, f"program, {label}: exit status 1 (got {result.returncode})",
               result.stderr)
        expect(len(errors) == 1 and all(w in errors[0] for w in wanted),
               f"program, {label}: one line on stderr with " + "; ".join(repr(w) for w in wanted),
               result.stderr)
        expect(kept in printed, f"program, {label}: what it printed before is kept ({kept!r})",
               printed)


def main():
    scratch = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "failure-lines"
    scratch = scratch.resolve()
    scratch.mkdir(parents=True, exist_ok=True)
    check_tests(scratch)
    check_programs(scratch)
    if problems:
        print(f"failure lines: {len(problems)} problem(s)")
        return 1
    print("failure lines: a hang, a crash, a wrong exception and a bug in a program each give one line")
    return 0


if __name__ == "__main__":
    sys.exit(main())
