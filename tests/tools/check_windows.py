#!/usr/bin/env python3
"""Check the Windows build: MinGW-w64 programs and suites, run under wine.

    python3 tests/tools/check_windows.py [--linux-build DIR] [SCRATCH_DIR]

Installs what it needs when it is missing (Debian's MinGW-w64 POSIX-thread
compilers, wine, and the googletest sources), then, in SCRATCH_DIR
(default build/ci-windows):

1. cross-builds every program and every suite for 64-bit Windows with
   cmake/mingw-w64.cmake, warnings as errors, GoogleTest built from
   /usr/src/googletest through cmake/GoogleTest.cmake's fallback;
2. runs each solution program under wine, with the arguments
   tests/tools/check_same_output.py uses, and requires the output of the
   Linux build in DIR (default build/dev; built in SCRATCH_DIR/linux when
   DIR has no programs) line for line, line endings and the training time
   aside, and the same saved model file, byte for byte. A fingerprint of
   the weights' bits at the end of a line (chapter 8) is reported, not
   compared: it depends on the platform's exp() and log();
3. runs each suite executable once under wine, reading its results from
   GoogleTest's XML report: every solution test passes, every starter test
   fails (a starter suite runs without its Given... tests, as under ctest),
   each chapter has as many starter tests as solution tests less the Given
   ones (and as many solution tests as the Linux build's suite lists, when
   DIR has it), and the lesson listing test passes.

Prints how long each step took. Exits 1 naming each problem.
"""

import argparse
import functools
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

from check_report import ROOT, expect, problems, run_raw
from check_same_output import RUNS, VARIES
from ci_packages import ensure

CXX = "x86_64-w64-mingw32-g++-posix"
GOOGLETEST_SOURCE = pathlib.Path("/usr/src/googletest")
SUITE = re.compile(r"^test_(\d\d)_\w+_(solution|starter)\.exe$")
timings = []


class Step:
    """with Step("name"): ... records how long the block took."""

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print(self.name, flush=True)
        self.start = time.monotonic()

    def __exit__(self, *_):
        seconds = time.monotonic() - self.start
        timings.append((self.name, seconds))
        print(f"  ({seconds:.0f} s)", flush=True)


# Every command is stopped after half an hour unless it says otherwise: wine can hang.
run = functools.partial(run_raw, timeout=1800)


def text(data):
    return data.decode("utf-8", "replace")


# A line that ends with a 64-bit fingerprint of the weights' bits (chapter
# 8's three ways of training). Those bits depend on the platform's exp()
# and log(): MinGW-w64's differ from glibc's in the last bit of some
# results, so after thousands of steps the weights can differ in their last
# bits, and the fingerprints with them. Such lines are compared without their fingerprint, and the
# fingerprints are reported.
FINGERPRINT = re.compile(rb"\b[0-9a-f]{16}$")


def comparable(output):
    """The output with CRLF read as LF, the lines that vary left out, and
    the fingerprints set apart: (text, fingerprints)."""
    lines = output.replace(b"\r\n", b"\n").split(b"\n")
    kept, fingerprints = [], []
    for line in lines:
        if text(line).startswith(VARIES):
            continue
        found = FINGERPRINT.search(line)
        if found:
            fingerprints.append(text(found.group(0)))
            line = line[:found.start()] + b"<fingerprint>"
        kept.append(line)
    return b"\n".join(kept), fingerprints


def install():
    with Step("install MinGW-w64, wine and the googletest sources where missing"):
        ensure([
            ("g++-mingw-w64-x86-64-posix", lambda: shutil.which(CXX) is not None),
            ("wine", lambda: shutil.which("wine") is not None),
            ("wine64", lambda: any(pathlib.Path(p).exists() for p in
                                   ("/usr/lib/wine/wine64", "/usr/bin/wine64"))),
            ("googletest", lambda: (GOOGLETEST_SOURCE / "CMakeLists.txt").exists()),
        ])


def cross_build(build):
    with Step("cross-build every program and suite for Windows (MinGW-w64)"):
        # Debug like the dev preset (the standard library checks every
        # index), without debug information: the build is faster and smaller.
        code, out = run(["cmake", "-S", ".", "-B", str(build),
                         f"-DCMAKE_TOOLCHAIN_FILE={ROOT / 'cmake' / 'mingw-w64.cmake'}",
                         f"-DFETCHCONTENT_SOURCE_DIR_GOOGLETEST={GOOGLETEST_SOURCE}",
                         "-DCMAKE_BUILD_TYPE=Debug", "-DCMAKE_CXX_FLAGS_DEBUG=-O0",
                         "-DCMAKE_C_FLAGS_DEBUG=-O0", "-DMLP_WARNINGS_AS_ERRORS=ON"])
        expect(code == 0, "configured with cmake/mingw-w64.cmake", text(out))
        if code != 0:
            return False
        out_text = text(out)
        expect(f"from the local source {GOOGLETEST_SOURCE}" in out_text,
               "GoogleTest is built from the local source, not a Linux copy", out_text)
        code, out = run(["cmake", "--build", str(build), "-j", "2"])
        expect(code == 0, "every program and suite builds, warnings as errors", text(out))
        return code == 0


def linux_reference(linux_build, scratch):
    if all((linux_build / "solution" / run_[0]).exists() for run_ in RUNS):
        print(f"Linux reference: {linux_build}")
        return linux_build
    build = scratch / "linux"
    with Step(f"build the Linux reference programs ({linux_build} has none)"):
        code, out = run(["cmake", "-S", ".", "-B", str(build), "-DCMAKE_BUILD_TYPE=Debug",
                         "-DMLP_BUILD_TESTS=OFF"])
        if code == 0:
            targets = sorted({"solution_" + run_[0] for run_ in RUNS})
            code, out = run(["cmake", "--build", str(build), "-j", "2", "--target", *targets])
        expect(code == 0, "the Linux reference programs build", text(out))
    return build


def start_wine(scratch):
    prefix = scratch / "wineprefix"
    shutil.rmtree(prefix, ignore_errors=True)
    env = dict(os.environ, WINEPREFIX=str(prefix), WINEDEBUG="-all",
               WINEDLLOVERRIDES="mscoree,mshtml=")  # no Mono or Gecko installer
    env.pop("DISPLAY", None)
    with Step(f"make a fresh wine prefix ({prefix})"):
        # One wineserver for the whole check, stopped at the end: a program
        # started just as an idle server shuts down can fail to start.
        prefix.mkdir(parents=True)
        code, out = run(["wineserver", "--persistent"], env=env, timeout=60)
        expect(code == 0, "wineserver starts", text(out))
        code, out = run(["wineboot", "--init"], env=env, timeout=300)
        expect(code == 0, "wine makes its prefix", text(out))
    return env


def wine(command, cwd, env, timeout):
    """Runs a Windows program under wine. A run that ends at once with an
    error and no output at all is wine failing to start it; it gets one
    more try, and says so."""
    code, out = run(["wine"] + command, cwd=cwd, env=env, timeout=timeout)
    if code != 0 and not out.strip():
        print(f"  (wine could not start {pathlib.Path(command[0]).name}, exit {code}: "
              "trying once more)", flush=True)
        code, out = run(["wine"] + command, cwd=cwd, env=env, timeout=timeout)
    return code, out


def check_programs(mingw, linux, wine_env):
    with Step("run each solution program under wine; compare with Linux"):
        with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
            for run_ in RUNS:
                shown = " ".join(run_)
                code_l, out_l = run([str(linux / "solution" / run_[0])] + run_[1:], cwd=a,
                                    timeout=600)
                code_w, out_w = wine([str(mingw / "solution" / (run_[0] + ".exe"))] + run_[1:],
                                     cwd=b, env=wine_env, timeout=600)
                if code_l != 0 or code_w != 0:
                    expect(False, f"'{shown}' exits with 0 (Linux {code_l}, Windows {code_w})",
                           text(out_w))
                    continue
                (left, prints_l), (right, prints_w) = comparable(out_l), comparable(out_w)
                if left == right:
                    expect(True, f"'{shown}' prints the same ({len(left)} bytes)")
                    if prints_l != prints_w:
                        print(f"    (the weights' fingerprints differ, Linux "
                              f"{', '.join(sorted(set(prints_l)))} and Windows "
                              f"{', '.join(sorted(set(prints_w)))}: the platforms' exp() and "
                              "log() differ in the last bit of some results)")
                    continue
                lines_l, lines_w = left.split(b"\n"), right.split(b"\n")
                detail = f"one output is longer ({len(lines_l)} and {len(lines_w)} lines)"
                for number, (x, y) in enumerate(zip(lines_l, lines_w), 1):
                    if x != y:
                        detail = f"line {number}:\n  Linux:   {text(x)!r}\n  Windows: {text(y)!r}"
                        break
                expect(False, f"'{shown}' prints differently on Windows", detail)
            model_l, model_w = pathlib.Path(a) / "model.bin", pathlib.Path(b) / "model.bin"
            same = model_l.exists() and model_w.exists() and \
                model_l.read_bytes() == model_w.read_bytes()
            expect(same, "the saved model files are identical"
                   + (f" ({model_w.stat().st_size} bytes)" if same else ""))


def read_report(xml_file):
    """(passed, failed, skipped) test names from a GoogleTest XML report."""
    passed, failed, skipped = [], [], []
    for case in ET.parse(xml_file).iter("testcase"):
        name = f"{case.get('classname')}.{case.get('name')}"
        if case.find("failure") is not None or case.find("error") is not None:
            failed.append(name)
        elif case.get("result") == "skipped" or case.find("skipped") is not None \
                or case.get("status") == "notrun":
            skipped.append(name)
        else:
            passed.append(name)
    return passed, failed, skipped


def linux_test_count(linux_build, name):
    program = linux_build / "tests" / name.removesuffix(".exe")
    if not program.exists():
        return None
    code, out = run([str(program), "--gtest_list_tests"], timeout=120)
    if code != 0:
        return None
    return sum(1 for line in text(out).splitlines() if line.startswith("  "))


def run_suite(program, results, wine_env, extra=()):
    xml_file = results / (program.stem + ".xml")
    xml_file.unlink(missing_ok=True)
    code, out = wine([str(program), f"--gtest_output=xml:{xml_file.name}", *extra], cwd=results,
                     env=wine_env, timeout=1200)
    if not xml_file.exists():
        expect(False, f"{program.name} writes its report (it exited with {code})", text(out))
        return None
    return code, out, read_report(xml_file)


def check_suites(mingw, linux_build, results, wine_env):
    with Step("run every suite once under wine; read its XML report"):
        results.mkdir(parents=True, exist_ok=True)
        suites = sorted(p for p in (mingw / "tests").glob("test_*.exe") if SUITE.match(p.name))
        chapters = sorted({SUITE.match(p.name).group(1) for p in suites})
        expect(len(chapters) >= 7 and len(suites) == 2 * len(chapters),
               f"a solution and a starter suite for each of {len(chapters)} chapters")
        counts = {}
        for program in suites:
            number, side = SUITE.match(program.name).groups()
            # The suites named Given... test the plumbing a learner is
            # given; like ctest, a starter suite runs without them.
            extra = ("--gtest_filter=-Given*",) if side == "starter" else ()
            outcome = run_suite(program, results, wine_env, extra)
            if outcome is None:
                continue
            code, out, (passed, failed, skipped) = outcome
            total = len(passed) + len(failed) + len(skipped)
            counts[(number, side)] = total
            if side == "solution":
                counts[(number, "given")] = sum(1 for name in passed + failed + skipped
                                                if name.startswith("Given"))
                expect(code == 0 and total > 0 and not failed and not skipped,
                       f"chapter {number}: all {total} solution tests pass"
                       + (f" (failed: {', '.join(failed[:5])})" if failed else "")
                       + (f" (skipped: {', '.join(skipped[:5])})" if skipped else ""), text(out))
            else:
                expect(code != 0 and total > 0 and not passed and not skipped,
                       f"chapter {number}: all {total} starter tests fail"
                       + (f" (passed: {', '.join(passed[:5])})" if passed else ""), text(out))
        for number in chapters:
            solution, starter = counts.get((number, "solution")), counts.get((number, "starter"))
            given = counts.get((number, "given"), 0)
            linux = None
            for program in suites:
                if program.name.startswith(f"test_{number}_") and "_solution" in program.name:
                    linux = linux_test_count(linux_build, program.name)
            same = (solution is not None and starter is not None and solution - given == starter
                    and linux in (None, solution))
            expect(same, f"chapter {number}: {solution} solution tests ({given} of them of the"
                   f" given plumbing, run against solution/ only), {starter} starter tests"
                   + (f", {linux} in the Linux build" if linux is not None else ""))
        listings = mingw / "tests" / "test_lesson_listings.exe"
        if listings.exists():
            outcome = run_suite(listings, results, wine_env)
            if outcome is not None:
                code, out, (passed, failed, skipped) = outcome
                expect(code == 0 and passed and not failed,
                       f"the lesson listing test passes ({len(passed)} tests)", text(out))
        else:
            expect(False, "the lesson listing test was built")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scratch", nargs="?", type=pathlib.Path,
                        default=ROOT / "build" / "ci-windows")
    parser.add_argument("--linux-build", type=pathlib.Path, default=ROOT / "build" / "dev",
                        help="the Linux build whose programs print the reference output")
    args = parser.parse_args()
    scratch = args.scratch.resolve()
    scratch.mkdir(parents=True, exist_ok=True)
    linux_build = args.linux_build.resolve()

    install()
    mingw = scratch / "mingw"
    built = cross_build(mingw)
    linux = linux_reference(linux_build, scratch)
    wine_env = start_wine(scratch)
    try:
        if built:
            check_programs(mingw, linux, wine_env)
            check_suites(mingw, linux_build, scratch / "results", wine_env)
    finally:
        subprocess.run(["wineserver", "-k"], env=wine_env, check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print("time per step:")
    for name, seconds in timings:
        print(f"  {seconds:6.0f} s  {name}")
    if problems:
        print(f"Windows: {len(problems)} problem(s):")
        for problem in problems:
            print("  - " + problem)
        return 1
    print("Windows: every program prints what it prints on Linux; the suites pass and fail as "
          "they should")
    return 0


if __name__ == "__main__":
    sys.exit(main())
