#!/usr/bin/env python3
"""Time the learner's loop on a fresh clone: edit a chapter, see its result.

    python3 tests/tools/time_loop.py [--runs N] [--finished] [--keep DIR]

Clones this repository (its committed HEAD) into a scratch folder and there:

1. runs README's second command, `cmake --workflow --preset check`, from
   nothing, and times it;
2. for each chapter, touches its starter header (the learner's edit) and
   times the chapter's one command, `cmake --workflow --preset chNN`, the
   median of --runs runs (3 unless told), after one run that builds what the
   chapter needs the first time;
3. splits one run of each chapter into its three steps (configure, build,
   tests) to show where the seconds go.

With --finished the clone's starter_code/ first gets the solution's headers,
so the times are those of a learner whose chapters pass (their tests then
run to the end, chapter 7's trainings included) rather than of stubs that
fail at once. Prints a table; never judges the times (it always exits 0
unless a command could not run at all).
"""

import argparse
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
CHAPTER = re.compile(r'^mlp_add_chapter\((\d\d) (\w+) "([^"]+)"', re.M)


def timed(command, cwd):
    started = time.monotonic()
    result = subprocess.run(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, check=False)
    return time.monotonic() - started, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs per chapter (default 3)")
    parser.add_argument("--finished", action="store_true",
                        help="time a learner whose chapters are all written (the solution's headers)")
    parser.add_argument("--keep", type=pathlib.Path, help="clone into this folder and keep it")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be 1 or more")

    scratch = args.keep.resolve() if args.keep else pathlib.Path(tempfile.mkdtemp(prefix="mlp-loop-"))
    clone = scratch / "clone"
    shutil.rmtree(clone, ignore_errors=True)
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    chapters = CHAPTER.findall((clone / "CMakeLists.txt").read_text(encoding="utf-8"))
    if args.finished:
        for number, name, _ in chapters:
            shutil.copy(clone / "solution" / f"{number}_{name}.hpp", clone / "starter_code")

    print(f"Timing the learner's loop in a fresh clone ({clone}), "
          f"{'finished chapters' if args.finished else 'starter code as handed out'}")
    seconds, result = timed(["cmake", "--workflow", "--preset", "check"], clone)
    if "Executing workflow step" not in result.stdout:
        print(result.stdout[-3000:])
        print("time_loop: cmake --workflow --preset check could not run")
        return 1
    check_line = (f"README's second command, cmake --workflow --preset check, from nothing: "
                  f"{seconds:.1f} s ({'passed' if result.returncode == 0 else 'FAILED'})")
    print(check_line)

    rows = []
    for number, name, title in chapters:
        header = clone / "starter_code" / f"{number}_{name}.hpp"
        command = ["cmake", "--workflow", "--preset", f"ch{number}"]
        header.touch()
        first, _ = timed(command, clone)  # builds what the chapter needs the first time
        times = []
        for _ in range(args.runs):
            header.touch()
            seconds, result = timed(command, clone)
            times.append(seconds)
        header.touch()
        configure, _ = timed(["cmake", "--preset", "dev"], clone)
        build, _ = timed(["cmake", "--build", "--preset", f"ch{number}"], clone)
        tests, result = timed(["ctest", "--preset", f"ch{number}"], clone)
        counted = re.search(r"tests passed, (\d+) tests failed out of (\d+)", result.stdout)
        outcome = f"{int(counted.group(2)) - int(counted.group(1))}/{counted.group(2)} pass" if counted \
            else "all pass" if result.returncode == 0 else "?"
        rows.append((f"ch{number}", title, first, statistics.median(times), configure, build, tests,
                     outcome))
        print(f"  ch{number} done", flush=True)

    print()
    print(check_line)
    print()
    print("| chapter | first run | edit -> result (median) | configure | build | tests | tests passing |")
    print("|---|---|---|---|---|---|---|")
    for preset, title, first, median, configure, build, tests, outcome in rows:
        print(f"| {preset} {title} | {first:.1f} s | {median:.1f} s | {configure:.1f} s | {build:.1f} s "
              f"| {tests:.1f} s | {outcome} |")
    print(f"\n(median of {args.runs} runs; 'first run' builds what the chapter needs the first time)")
    if not args.keep:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
