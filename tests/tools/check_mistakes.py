#!/usr/bin/env python3
"""Prove the tests catch the classic learner mistakes.

    python3 tests/tools/check_mistakes.py [--build DIR] [--only NAME ...] [--chapter N ...]
    python3 tests/tools/check_mistakes.py --lesson-only

For each mistake in tests/mistakes.toml: copy solution/ to a scratch folder
of its own and apply the mistake (a find -> replace in one file; the find
text must occur exactly once). One CMake build then makes every mistake's
chapter suite at once, in parallel (cmake/Mistakes.cmake), and each suite
runs as one process, its quick tests first and the trainings of every seed
only if the quick ones did not catch the mistake; at least one test must
fail (a watchdog stops a test that hangs). Prints a table, mistake -> the
tests that caught it, and exits 1 if a mistake survives, no longer matches
the solution, or does not compile.

It also checks that lesson.md's "Common mistakes" are the catalogue: every
entry is named, once, in its own chapter's section by a comment
<!-- mistake: NAME --> at the end of the bullet that explains it, and every
such comment names an entry of that chapter.
"""

import argparse
import pathlib
import re
import shutil
import sys
import time
import tomllib

from check_report import ROOT, run


CATALOGUE = ROOT / "tests" / "mistakes.toml"


def load_catalogue():
    with open(CATALOGUE, "rb") as f:
        data = tomllib.load(f)
    mistakes = data.get("mistake", [])
    names = set()
    for m in mistakes:
        for key in ("name", "chapter", "file", "explain", "find", "replace"):
            if key not in m:
                raise SystemExit(f"mistakes.toml: an entry lacks '{key}': {m.get('name', m)}")
        if m["name"] in names:
            raise SystemExit(f"mistakes.toml: the name {m['name']} is used twice")
        names.add(m["name"])
    return mistakes


def lesson_problems(mistakes):
    """Where lesson.md's Common mistakes and the catalogue disagree."""
    lesson = (ROOT / "lesson.md").read_text(encoding="utf-8")
    named = {}  # name -> chapters whose Common mistakes mention it
    for match in re.finditer(r"^## Chapter (\d+):(.*?)(?=^## |\Z)", lesson, re.M | re.S):
        chapter, text = int(match.group(1)), match.group(2)
        section = re.search(r"^### Common mistakes\n(.*?)(?=^### |\Z)", text, re.M | re.S)
        if not section:
            continue
        for name in re.findall(r"<!-- mistake: ([\w-]+) -->", section.group(1)):
            named.setdefault(name, []).append(chapter)
    problems = []
    by_name = {m["name"]: m for m in mistakes}
    for m in mistakes:
        where = named.get(m["name"], [])
        if where != [m["chapter"]]:
            problems.append(f"{m['name']}: lesson.md's chapter {m['chapter']} Common mistakes should "
                            f"explain it once, with <!-- mistake: {m['name']} -->; found in {where or 'none'}")
    for name in named:
        if name not in by_name:
            problems.append(f"lesson.md names a mistake '{name}' that the catalogue does not have")
    return problems


def chapter_stem(chapter):
    matches = sorted(ROOT.glob(f"solution/{chapter:02d}_*.hpp"))
    if not matches:
        raise SystemExit(f"no solution header for chapter {chapter}")
    return matches[0].stem


# The tests that train a classifier for every seed take most of a chapter's
# time: they run only when the quick tests have not caught the mistake yet.
SLOW = "Seeds/*"


def failing_tests(executable):
    """The tests of one suite that fail, quick ones first; None if it cannot run."""
    failed, ran = [], False
    for selection in (f"--gtest_filter=-{SLOW}", f"--gtest_filter={SLOW}"):
        code, output = run([str(executable), selection], timeout=600)
        if "passed," in output or "FAILED" in output or code != 0:
            ran = True
        failed += re.findall(r"^  \^ FAILED (\S+)", output, re.M)
        if code != 0 and not failed:
            failed.append(f"(the suite ended with status {code}: a crash or a hang)")
        if failed:
            break
    return failed if ran else None


def prepare(mistakes, scratch):
    """One solution copy per mistake, with the mistake in it; the problems."""
    problems = []
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    for m in mistakes:
        source = (ROOT / "solution" / m["file"]).read_text(encoding="utf-8")
        count = source.count(m["find"])
        if count != 1:
            problems.append(f"{m['name']}: its find text occurs {count} times in solution/{m['file']} "
                            "(must be exactly once)")
            continue
        copy = scratch / m["name"]
        shutil.copytree(ROOT / "solution", copy)
        (copy / m["file"]).write_text(source.replace(m["find"], m["replace"]), encoding="utf-8")
        (copy / "chapter.txt").write_text(chapter_stem(m["chapter"]) + "\n", encoding="utf-8")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", type=pathlib.Path, default=ROOT / "build" / "mistakes")
    parser.add_argument("--only", nargs="*", default=[], help="run only these mistakes")
    parser.add_argument("--chapter", nargs="*", type=int, default=[], help="only these chapters")
    parser.add_argument("--lesson-only", action="store_true",
                        help="only check that lesson.md's Common mistakes are the catalogue")
    args = parser.parse_args()

    mistakes = load_catalogue()
    in_lesson = lesson_problems(mistakes)
    if args.lesson_only:
        for problem in in_lesson:
            print("mistakes: " + problem)
        print(f"lesson.md and the catalogue: {len(in_lesson)} problem(s)")
        return 1 if in_lesson else 0
    if args.only:
        mistakes = [m for m in mistakes if m["name"] in args.only]
    if args.chapter:
        mistakes = [m for m in mistakes if m["chapter"] in args.chapter]

    scratch = (args.build / "copies").resolve()
    started = time.monotonic()
    problems = prepare(mistakes, scratch)
    # A debug build (every index checked) that compiles as fast as it can:
    # no debugger information, no optimisation. Compiling is most of the time.
    code, output = run(["cmake", "-S", str(ROOT), "-B", str(args.build),
                        "-DCMAKE_BUILD_TYPE=Debug", "-DCMAKE_CXX_FLAGS_DEBUG=",
                        "-DMLP_DEBUG_OPTIMIZE=OFF", f"-DMLP_MISTAKES_DIR={scratch}"])
    if code != 0:
        print(output)
        return 1
    # Keep going past a mistake that does not compile: it is reported below.
    keep_going = ["--", "-k"] if (args.build / "Makefile").exists() else \
        ["--", "-k", "0"] if (args.build / "build.ninja").exists() else []
    _, build_output = run(["cmake", "--build", str(args.build), "--target", "mistakes", "-j2",
                           *keep_going])
    print(f"built {len(mistakes)} suites in {time.monotonic() - started:.0f} s", flush=True)

    rows = []
    width = max((len(m["name"]) for m in mistakes), default=0)
    for m in mistakes:
        executable = scratch / "bin" / f"mistake_{m['name']}"
        if not (scratch / m["name"]).exists():
            rows.append((m, "NO MATCH", []))
            continue
        if not executable.exists() and not executable.with_suffix(".exe").exists():
            problems.append(f"{m['name']}: the mistake does not compile; make it a mistake that does")
            rows.append((m, "NO BUILD", []))
            errors = [line for line in build_output.splitlines() if m["name"] in line and "error" in line]
            print("\n".join(errors[:10]))
            continue
        failed = failing_tests(executable)
        if failed is None:
            problems.append(f"{m['name']}: no tests ran for chapter {m['chapter']}")
            rows.append((m, "NO TESTS", []))
        elif not failed:
            problems.append(f"{m['name']}: SURVIVES: every chapter {m['chapter']} test passes")
            rows.append((m, "SURVIVES", []))
        else:
            rows.append((m, "caught", failed))
        status = rows[-1][1]
        print(f"  ch{m['chapter']:02d} {m['name']:<{width}} {status:<8} {len(rows[-1][2])} test(s)",
              flush=True)

    print()
    print(f"{'chapter':<8}{'mistake':<{width + 2}}{'result':<10}caught by")
    for m, status, failed in rows:
        shown = ", ".join(failed[:3]) + (f" (+{len(failed) - 3} more)" if len(failed) > 3 else "")
        print(f"ch{m['chapter']:02d}    {m['name']:<{width + 2}}{status:<10}{shown}")
    elapsed = time.monotonic() - started
    caught = sum(1 for _, status, _ in rows if status == "caught")
    print(f"\n{caught} of {len(rows)} mistakes caught in {elapsed:.0f} s")
    if not args.only and not args.chapter:
        problems += in_lesson
    for problem in problems:
        print("mistakes: " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
