#!/usr/bin/env python3
"""Check that Windows line endings change nothing a learner or instructor sees.

    python3 tests/tools/check_line_endings.py [SCRATCH_DIR]

.gitattributes asks git for LF everywhere, but a copy can still arrive with
CRLF line endings: a zip downloaded from the repository's page, an editor
that converts, git settings that override the attributes. This check makes
such a copy (every text file of the repository rewritten with CRLF, the way
unix2dos would) in SCRATCH_DIR (a temporary folder if not given) and proves:

1. git: a clone made with core.autocrlf=true still has LF in every text file
   (the .gitattributes rule; skipped when there is no git history to clone).
2. catch-up: cmake/catch_up.cmake recognises the CRLF starter headers as
   handed out and completes them, then finds them already complete, and
   still refuses a CRLF header the learner changed.
3. listings: the lesson listing test, built from the CRLF copy, finds every
   listing of lesson.md (as many as this script counts), passes, and still
   fails when a listing no longer matches its file.

Exits 1 naming each problem.
"""

import pathlib
import re
import shutil
import sys
import tempfile
import xml.etree.ElementTree as ET

from check_report import ROOT, expect, problems, run

NAMES_A_FILE = re.compile(r"^// (solution|starter_code|tests)/\S+$")


def repository_files():
    """The repository's files: git's list when there is one, else every file
    outside build/ and .git/."""
    if (ROOT / ".git").exists():
        code, out = run(["git", "ls-files", "-z"], ROOT)
        if code == 0:
            return [ROOT / name for name in out.split("\0") if name]
    return [path for path in ROOT.rglob("*") if path.is_file() and
            not {"build", ".git"} & set(path.relative_to(ROOT).parts)]


def to_crlf(data):
    """unix2dos: every LF that has no CR before it gets one."""
    return re.sub(rb"(?<!\r)\n", b"\r\n", data)


def is_text(data):
    return b"\0" not in data


def crlf_copy(target):
    """Copy the repository to target with every text file in CRLF; returns
    how many files were converted."""
    shutil.rmtree(target, ignore_errors=True)
    converted = 0
    for source in repository_files():
        if not source.is_file():  # listed by git but deleted in the work tree
            continue
        destination = target / source.relative_to(ROOT)
        destination.parent.mkdir(parents=True, exist_ok=True)
        data = source.read_bytes()
        if is_text(data) and b"\n" in data:
            data = to_crlf(data)
            converted += 1
        destination.write_bytes(data)
        shutil.copymode(source, destination)
    return converted


def count_listings(lesson):
    """The listings the lesson test must check: a ```cpp block whose first
    line names a file, closed by ```."""
    count, inside, first, named = 0, False, False, False
    for line in lesson.split("\n"):
        if not inside and line == "```cpp":
            inside, first, named = True, True, False
        elif inside and line == "```":
            inside = False
            count += named
        elif inside and first:
            first = False
            named = bool(NAMES_A_FILE.match(line))
    return count


def check_git_checkout(scratch):
    print("git checkout with core.autocrlf=true")
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        print("  skipped: no git history here")
        return
    clone = scratch / "autocrlf-clone"
    shutil.rmtree(clone, ignore_errors=True)
    code, out = run(["git", "-c", "core.autocrlf=true", "clone", "-q", "--no-hardlinks",
                     str(ROOT), str(clone)], scratch)
    if code != 0:
        expect(False, "git can clone the repository", out)
        return
    with_cr = [str(path.relative_to(clone)) for path in clone.rglob("*")
               if path.is_file() and ".git" not in path.relative_to(clone).parts
               and is_text(path.read_bytes()) and b"\r\n" in path.read_bytes()]
    expect(not with_cr, "every text file of the clone has LF line endings"
           + (f" (CRLF in: {', '.join(sorted(with_cr)[:8])})" if with_cr else ""))


def check_catch_up(copy):
    print("catch-up on a CRLF copy")
    code, out = run(["cmake", "-DCHAPTER=3", "-P", "cmake/catch_up.cmake"], copy)
    completed = all(f"{name}: completed with the solution" in out
                    for name in ("01_math_foundations.hpp", "02_single_neuron.hpp"))
    expect(code == 0 and completed,
           "CHAPTER=3 takes the CRLF headers of chapters 1 and 2 as handed out and completes them",
           out)
    code, out = run(["cmake", "-DCHAPTER=3", "-P", "cmake/catch_up.cmake"], copy)
    expect(code == 0 and out.count(": already complete") == 2,
           "run again, it finds chapters 1 and 2 already complete", out)
    learner = copy / "starter_code" / "03_forward_pass.hpp"
    learner.write_bytes(learner.read_bytes() + b"// my own work\r\n")
    code, out = run(["cmake", "-DCHAPTER=4", "-P", "cmake/catch_up.cmake"], copy)
    expect(code != 0 and "03_forward_pass.hpp" in out and b"my own work" in learner.read_bytes(),
           "CHAPTER=4 still refuses a CRLF header the learner changed, and names it", out)


def listing_test(program, xml_file, env=None):
    """Runs the listing test; returns (exit code, output, listings checked)."""
    xml_file.unlink(missing_ok=True)
    code, out = run([str(program), f"--gtest_output=xml:{xml_file}"], program.parent, env)
    checked = None
    if xml_file.exists():
        for case in ET.parse(xml_file).iter("testcase"):
            if case.get("name") == "EveryListingThatNamesAFileAppearsInItVerbatim":
                # An attribute of <testcase> (GoogleTest 1.12) or a
                # <property> inside it (later releases).
                value = case.get("listings")
                for prop in case.iter("property"):
                    if prop.get("name") == "listings":
                        value = prop.get("value")
                checked = int(value) if value is not None else None
    return code, out, checked


def check_listings(copy):
    print("lesson listings on a CRLF copy")
    expected = count_listings((ROOT / "lesson.md").read_text(encoding="utf-8").replace("\r\n", "\n"))
    build = copy / "build" / "listings"
    code, out = run(["cmake", "-S", str(copy), "-B", str(build), "-DCMAKE_BUILD_TYPE=Debug",
                     "-DMLP_WARNINGS_AS_ERRORS=ON"], copy)
    if code == 0:
        code, out = run(["cmake", "--build", str(build), "--target", "test_lesson_listings",
                         "-j", "2"], copy)
    expect(code == 0, "the listing test builds from the CRLF copy", out)
    if code != 0:
        return
    program = build / "tests" / ("test_lesson_listings" + (".exe" if sys.platform == "win32" else ""))
    xml_file = build / "listings.xml"
    code, out, checked = listing_test(program, xml_file)
    expect(code == 0 and checked == expected,
           f"it passes and checks all {expected} listings of lesson.md "
           f"(it reported {checked})", out)

    # A listing that no longer matches its file must still be caught.
    lesson = copy / "lesson.md"
    original = lesson.read_bytes()
    lines = original.split(b"\r\n")
    try:
        start = next(i for i, line in enumerate(lines[:-3]) if line == b"```cpp"
                     and NAMES_A_FILE.match(lines[i + 1].decode("utf-8"))
                     and lines[i + 2].strip() not in (b"", b"```"))
    except StopIteration:
        expect(False, "lesson.md has a listing that names a file")
        return
    lines[start + 2] += b" // changed in the lesson only"
    lesson.write_bytes(b"\r\n".join(lines))
    try:
        code, out, _ = listing_test(program, xml_file)
    finally:
        lesson.write_bytes(original)
    expect(code != 0 and f"lesson.md line {start + 2}" in out,
           f"it fails when the listing at lesson.md line {start + 2} no longer matches its file",
           out)


def main():
    if len(sys.argv) > 2 or (len(sys.argv) == 2 and sys.argv[1].startswith("-")):
        print(__doc__)
        return 2
    if shutil.which("cmake") is None:
        print("check_line_endings: cmake is not on the PATH", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as temporary:
        scratch = pathlib.Path(sys.argv[1]).resolve() if len(sys.argv) == 2 else pathlib.Path(temporary)
        scratch.mkdir(parents=True, exist_ok=True)
        copy = scratch / "crlf-copy"
        converted = crlf_copy(copy)
        print(f"copied the repository to {copy} with CRLF line endings ({converted} text files)")
        check_git_checkout(scratch)
        check_catch_up(copy)
        check_listings(copy)
    if problems:
        print(f"line endings: {len(problems)} problem(s):")
        for problem in problems:
            print("  - " + problem)
        return 1
    print("line endings: CRLF copies work like LF ones")
    return 0


if __name__ == "__main__":
    sys.exit(main())
