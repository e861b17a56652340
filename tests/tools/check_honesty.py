#!/usr/bin/env python3
"""Prove that the starter tests check the learner's work, and only that.

    python3 tests/tools/check_honesty.py BUILD_DIR

BUILD_DIR must be configured with -DMLP_HONESTY_CHECK=ON and built. Then:

- every test against starter_code/ (label "starter") fails, cleanly (no
  crash, no timeout), and says so in exactly one line that starts with
  "not implemented yet:";
- every test of chapter N built against the solution's chapters before N
  and the starter's chapter N (label "honesty") fails because of chapter N's
  own stubs: its message names chapter N's file. A test that passes there
  would pass for a learner who has written nothing of chapter N;
- each chapter has as many honesty and starter tests as solution tests,
  leaving out the tests of the given plumbing (suites named Given...), which
  run against solution/ only.

Exit status 1 if any of that does not hold.
"""

import collections
import pathlib
import re
import sys

from ctest_results import run_ctest

NAME = re.compile(r"^(solution|starter|honesty)\.ch(\d\d)\.")
STUB = re.compile(r"^not implemented yet: mlp::\w+ in (\d\d)_\w+\.hpp \(read lesson\.md section .+\)$")


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    build_dir = pathlib.Path(sys.argv[1])
    problems = []
    counts = collections.defaultdict(collections.Counter)

    for label in ("solution", "starter", "honesty"):
        results = run_ctest(build_dir, ["-L", f"^{label}$"])
        if not results:
            problems.append(f"no {label} tests ran in {build_dir}"
                            + (" (configure it with -DMLP_HONESTY_CHECK=ON)" if label == "honesty" else ""))
        for result in results:
            match = NAME.match(result["name"])
            if not match:
                problems.append(f"{result['name']}: not named side.chNN.Suite.Test")
                continue
            chapter = match.group(2)
            counts[chapter][label] += 1
            if label == "solution":
                # Tests of the given plumbing (suites Given...) run against
                # solution/ only; the learner's sides must have all the rest.
                if ".Given" in result["name"]:
                    counts[chapter]["given"] += 1
                continue
            if ".Given" in result["name"]:
                problems.append(f"{result['name']}: a test of given plumbing runs against the learner's code")
                continue
            name, status, output = result["name"], result["status"], result["output"]
            lines = [line for line in output.splitlines() if line.strip()]
            if status != "fail":
                problems.append(f"{name}: PASSES against the stubs; it checks nothing of the learner's")
                continue
            if result["failure"]:
                problems.append(f"{name}: did not fail cleanly ({result['failure']}): a crash or a hang")
                continue
            stub_lines = [line for line in lines if STUB.match(line)]
            if label == "starter":
                if len(lines) != 1 or not stub_lines:
                    shown = " | ".join(lines[:3]) or "(no output)"
                    problems.append(f"{name}: should print one 'not implemented yet' line, printed: {shown}")
            else:
                own = [line for line in stub_lines if STUB.match(line).group(1) == chapter]
                if not own:
                    shown = " | ".join(lines[:3]) or "(no output)"
                    problems.append(f"{name}: fails, but not because of chapter {chapter}'s stubs: {shown}")

    for chapter in sorted(counts):
        c = counts[chapter]
        learners = c["solution"] - c["given"]  # the tests of the learner's own functions
        print(f"ch{chapter}: {c['solution']} solution tests ({c['given']} of them of given plumbing), "
              f"{c['starter']} starter tests, {c['honesty']} honesty tests")
        if c["solution"] and c["honesty"] != learners:
            problems.append(f"ch{chapter}: {c['honesty']} honesty tests for {learners} tests of the "
                            "learner's functions")
        if c["starter"] != learners:
            problems.append(f"ch{chapter}: {c['starter']} starter tests for {learners} tests of the "
                            "learner's functions")

    for problem in problems:
        print("honesty: " + problem)
    if problems:
        print(f"honesty: {len(problems)} problem(s)")
        return 1
    print("honesty: every starter test fails, cleanly, because of its own chapter's stubs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
