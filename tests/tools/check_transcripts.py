#!/usr/bin/env python3
"""Check that every program output lesson.md shows is what the program prints.

    python3 tests/tools/check_transcripts.py BUILD_DIR [LESSON]

A transcript in lesson.md is a ```text block whose first line is a command
that runs a chapter program from build/dev:

    ```text
    $ build/dev/solution/04_loss_function
    ...the program's exact output...
    ```

The check runs the program from BUILD_DIR (with the arguments shown, in a
scratch folder) and compares its output, stdout and stderr together, line by
line. A line "..." alone stands for any number of lines (for the ones that
vary, such as a timing). Exit status 1 on any difference.
"""

import pathlib
import shlex
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
PREFIX = "$ build/dev/"


def transcripts(lesson_text):
    """Yield (line number, command, expected lines) for each transcript."""
    lines = lesson_text.split("\n")
    i = 0
    while i < len(lines):
        if lines[i] == "```text" and i + 1 < len(lines) and lines[i + 1].startswith(PREFIX):
            start = i + 2
            end = start
            while end < len(lines) and lines[end] != "```":
                end += 1
            yield i + 2, lines[i + 1][2:], lines[start:end]
            i = end
        i += 1


def matches(expected, actual):
    """Line-by-line match where a lone '...' matches any run of lines."""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(matches(expected[1:], actual[k:]) for k in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


def main():
    if len(sys.argv) not in (2, 3):
        print(__doc__)
        return 2
    build_dir = pathlib.Path(sys.argv[1]).resolve()
    lesson = pathlib.Path(sys.argv[2]) if len(sys.argv) == 3 else ROOT / "lesson.md"
    problems, checked = 0, 0
    for line_number, command, expected in transcripts(lesson.read_text(encoding="utf-8")):
        words = shlex.split(command)
        program = build_dir / words[0][len("build/dev/"):]
        if not program.exists():
            print(f"{lesson.name}:{line_number}: {program} does not exist (is the build complete?)")
            problems += 1
            continue
        with tempfile.TemporaryDirectory() as scratch:
            run = subprocess.run([str(program)] + words[1:], cwd=scratch, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True, timeout=120, check=False)
        actual = run.stdout.split("\n")
        if actual and actual[-1] == "":
            actual.pop()
        while expected and expected[-1] == "":
            expected = expected[:-1]
        checked += 1
        if not matches(expected, actual):
            problems += 1
            print(f"{lesson.name}:{line_number}: '{command}' prints something else. It printed:")
            for line in actual[:60]:
                print("    | " + line)
    if checked == 0:
        print(f"transcripts: {lesson.name} shows no program output to check")
        return 1
    if problems:
        print(f"transcripts: {problems} of {checked} transcripts differ from the programs' output")
        return 1
    print(f"transcripts: all {checked} transcripts in {lesson.name} match the programs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
