#!/usr/bin/env python3
"""End-to-end checks of the instructor commands, as an instructor runs them.

    python3 tests/tools/check_instructor_tools.py [SCRATCH_DIR]

1. catch-up: in a copy of the repository, completes chapters before N,
   refuses to overwrite a header the learner changed, and with FORCE keeps
   the learner's version as .mine; the completed chapters' tests then pass.
2. grade: grading solution/ gives every test of every chapter; grading
   starter_code/ gives none; a submission outside the repository works; a
   chapter that does not compile scores 0 and the others are still graded.
3. handout: the copy has no solution/, no answer listings, and in it the
   build, the starter tests and the progress command work.
"""

import csv
import pathlib
import shutil
import sys
import tempfile

from check_report import ROOT, expect, problems, run


def copy_repository(target):
    shutil.rmtree(target, ignore_errors=True)
    ignore = shutil.ignore_patterns("build", ".git")
    shutil.copytree(ROOT, target, ignore=ignore)


def scores(folder):
    with open(folder / "scores.csv", newline="") as f:
        return {row["chapter"]: row for row in csv.DictReader(f)}


def check_catch_up(scratch):
    print("catch-up")
    repo = scratch / "catchup"
    copy_repository(repo)
    code, out = run(["cmake", "-DCHAPTER=3", "-P", "cmake/catch_up.cmake"], cwd=repo)
    same = all((repo / "starter_code" / n).read_text() == (repo / "solution" / n).read_text()
               for n in ("01_math_foundations.hpp", "02_single_neuron.hpp"))
    expect(code == 0 and same, "CHAPTER=3 completes chapters 1 and 2", out)
    untouched = (repo / "starter_code" / "03_forward_pass.hpp").read_text() == \
        (ROOT / "starter_code" / "03_forward_pass.hpp").read_text()
    expect(untouched, "CHAPTER=3 leaves chapter 3 as handed out")

    learner = repo / "starter_code" / "03_forward_pass.hpp"
    learner.write_text(learner.read_text() + "\n// my own work\n")
    code, out = run(["cmake", "-DCHAPTER=4", "-P", "cmake/catch_up.cmake"], cwd=repo)
    expect(code != 0 and "03_forward_pass.hpp" in out and "my own work" in learner.read_text(),
           "CHAPTER=4 refuses to overwrite a chapter the learner changed, and names it", out)
    code, out = run(["cmake", "-DCHAPTER=4", "-DFORCE=ON", "-P", "cmake/catch_up.cmake"], cwd=repo)
    mine = repo / "starter_code" / "03_forward_pass.hpp.mine"
    expect(code == 0 and mine.exists() and "my own work" in mine.read_text(),
           "FORCE=ON overwrites it and keeps the learner's version as .mine", out)

    build = repo / "build" / "dev"
    code, out = run(["cmake", "-S", ".", "-B", str(build), "-DCMAKE_BUILD_TYPE=Debug"], cwd=repo)
    code2, out2 = run(["cmake", "--build", str(build), "-j2", "--target",
                       "test_01_math_foundations_starter", "test_02_single_neuron_starter",
                       "test_03_forward_pass_starter"], cwd=repo)
    code3, out3 = run(["ctest", "--test-dir", str(build), "-R", r"^starter\.ch0[123]\.", "-j2"],
                      cwd=repo)
    expect(code == 0 and code2 == 0 and code3 == 0,
           "after catch-up, the starter tests of chapters 1 to 3 pass", out + out2 + out3)
    shutil.rmtree(repo, ignore_errors=True)


def check_grade(scratch):
    print("grade")
    full = scratch / "grade-solution"
    code, out = run(["cmake", f"-DSUBMISSION={ROOT / 'solution'}", f"-DOUTPUT={full}",
                     "-P", "cmake/grade.cmake"])
    ok = code == 0 and (full / "junit.xml").exists()
    rows = scores(full) if ok else {}
    expect(ok and rows and all(r["passed"] == r["total"] and int(r["total"]) > 0
                               for r in rows.values()),
           "grading solution/ gives every test of every chapter", out)

    # A submission outside the repository: chapter 1 done, chapter 2 untouched, chapter 4 broken.
    submission = scratch / "student"
    shutil.rmtree(submission, ignore_errors=True)
    shutil.copytree(ROOT / "starter_code", submission)
    shutil.copy(ROOT / "solution" / "01_math_foundations.hpp", submission)
    broken = submission / "04_loss_function.hpp"
    broken.write_text(broken.read_text().replace("namespace mlp {", "namespace mlp {\nsyntax error;", 1))
    result = scratch / "grade-student"
    code, out = run(["cmake", f"-DSUBMISSION={submission}", f"-DOUTPUT={result}",
                     "-P", "cmake/grade.cmake"])
    rows = scores(result) if (result / "scores.csv").exists() else {}
    expect(code == 0 and rows.get("01", {}).get("passed") == rows.get("01", {}).get("total")
           and int(rows.get("01", {}).get("total", 0)) > 0,
           "a folder outside the repository is graded: its complete chapter 1 gets full marks", out)
    expect(rows.get("02", {}).get("passed") == "0" and rows.get("02", {}).get("status") == "graded",
           "its stubbed chapter 2 gets 0", out)
    expect(rows.get("04", {}).get("status") == "does not compile"
           and rows.get("04", {}).get("passed") == "0" and int(rows.get("04", {}).get("total", 0)) > 0,
           "its chapter 4, which does not compile, scores 0 of the chapter's tests", out)
    shutil.rmtree(submission, ignore_errors=True)


def check_handout():
    print("handout")
    # The handout refuses a folder inside the repository, so this one is not.
    with tempfile.TemporaryDirectory() as outside:
        check_handout_in(pathlib.Path(outside) / "handout")


def check_handout_in(copy):
    inside = ROOT / "build" / "handout-inside"
    code, out = run(["cmake", f"-DOUTPUT={inside}", "-P", "cmake/handout.cmake"])
    expect(code != 0 and "inside the repository" in out and not inside.exists(),
           "the handout refuses to write inside the repository", out)
    code, out = run(["cmake", f"-DOUTPUT={copy}", "-P", "cmake/handout.cmake"])
    expect(code == 0 and copy.is_dir() and not (copy / "solution").exists(),
           "the handout has no solution/", out)
    if code != 0:
        return
    lesson = (copy / "lesson.md").read_text()
    answers = [line for line in (ROOT / "solution" / "01_math_foundations.hpp").read_text().splitlines()
               if "sum += a[i] * b[i];" in line]
    expect(answers and answers[0] not in lesson, "the handout's lesson.md does not show the answers")
    build = copy / "build" / "dev"
    code, out = run(["cmake", "--preset", "dev"], cwd=copy)
    code2, out2 = run(["cmake", "--build", "--preset", "dev", "-j2"], cwd=copy)
    expect(code == 0 and code2 == 0, "the handout configures and builds", out + out2)
    code, out = run(["cmake", "--workflow", "--preset", "ch01"], cwd=copy)
    expect(code != 0 and "not implemented yet" in out and "solution." not in out,
           "in the handout, cmake --workflow --preset ch01 runs the starter tests (failing, as handed out)",
           out)
    code, out = run(["cmake", "-P", "cmake/progress.cmake"], cwd=copy)
    expect(code == 0 and "Chapter 1  Math foundations" in out and "Next: chapter 1" in out,
           "in the handout, the progress command works", out)
    expect(not (build / "solution").exists(), "the handout builds no solution programs")


def main():
    scratch = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "instructor"
    scratch = scratch.resolve()
    scratch.mkdir(parents=True, exist_ok=True)
    check_catch_up(scratch)
    check_grade(scratch)
    check_handout()
    if problems:
        print(f"instructor tools: {len(problems)} problem(s)")
        return 1
    print("instructor tools: catch-up, grade and handout work as documented")
    return 0


if __name__ == "__main__":
    sys.exit(main())
