#!/usr/bin/env python3
"""Check cmake/GoogleTest.cmake's fallback, for machines without GoogleTest.

    python3 tests/tools/check_googletest_fallback.py [SCRATCH_DIR]

The installed GoogleTest is hidden from the build (CMAKE_DISABLE_FIND_PACKAGE_GTest)
in each case, and the build folders go to SCRATCH_DIR (default
build/ci-googletest):

1. local source: with FETCHCONTENT_SOURCE_DIR_GOOGLETEST=/usr/src/googletest
   (Debian's googletest package, installed if missing), configuring names
   that folder and the version its CMakeLists.txt declares, prints no CMake
   warning of any kind, and the solution suites build and pass (each
   suite run once).
2. offline: with no network (a network namespace of its own, when
   `unshare -n` works here), with a mirror URL that refuses connections and
   with one that accepts and never answers (both on 127.0.0.1), configuring
   fails within 20 seconds and names both ways forward: install GoogleTest,
   or -DMLP_BUILD_TESTS=OFF. That second way configures offline.

Exits 1 naming each problem.
"""

import pathlib
import re
import shutil
import socket
import sys
import threading
import time
import xml.etree.ElementTree as ET

from check_report import ROOT, expect, problems
from check_report import run as run_command
from ci_packages import ensure

LOCAL_SOURCE = pathlib.Path("/usr/src/googletest")
FAST = 20  # seconds an offline configure may take, at most
WAYS_FORWARD = ["sudo apt-get install libgtest-dev", "brew install googletest",
                "vcpkg install gtest", "-DMLP_BUILD_TESTS=OFF"]
WARNINGS = re.compile(r"CMake (Deprecation )?Warning|Policy CMP|CMP0[0-9]{3}")
HIDDEN = ["-DCMAKE_DISABLE_FIND_PACKAGE_GTest=ON"]


def run(command, prefix=(), timeout=None):
    """(exit status, output, seconds taken) of the command run after prefix
    (such as ["unshare", "-n"], to take the network away)."""
    start = time.monotonic()
    code, output = run_command(list(prefix) + command, timeout=timeout)
    return code, output, time.monotonic() - start


def declared_version(source):
    text = (source / "CMakeLists.txt").read_text(encoding="utf-8", errors="replace")
    found = re.search(r"^\s*set\(GOOGLETEST_VERSION\s+([0-9.]+)\)", text, re.MULTILINE)
    return found.group(1) if found else None


def check_local_source(scratch):
    print(f"GoogleTest built from the local source {LOCAL_SOURCE}", flush=True)
    version = declared_version(LOCAL_SOURCE)
    if version is None:
        expect(False, f"{LOCAL_SOURCE}/CMakeLists.txt declares GOOGLETEST_VERSION")
        return
    build = scratch / "local-source"
    shutil.rmtree(build, ignore_errors=True)
    code, out, seconds = run(["cmake", "-S", ".", "-B", str(build), "-DCMAKE_BUILD_TYPE=Debug",
                              "-DMLP_WARNINGS_AS_ERRORS=ON", *HIDDEN,
                              f"-DFETCHCONTENT_SOURCE_DIR_GOOGLETEST={LOCAL_SOURCE}"])
    print(f"  configured in {seconds:.1f} s")
    expect(code == 0, "it configures", out)
    named = f"building {version} from the local source {LOCAL_SOURCE}"
    expect(named in out, f"the configure log says it is {named!r}", out)
    warnings = sorted({line.strip() for line in out.splitlines() if WARNINGS.search(line)})
    expect(not warnings, "the configure log has no CMake warning and no policy message"
           + (f" (found: {'; '.join(warnings)})" if warnings else ""))
    if code != 0:
        return
    code, targets, _ = run(["cmake", "--build", str(build), "--target", "help"])
    suites = sorted(set(re.findall(r"\b(test_\w+_solution)\b", targets)))
    expect(len(suites) >= 7, f"it has a solution suite per chapter ({len(suites)})", targets)
    code, out, seconds = run(["cmake", "--build", str(build), "-j", "2", "--target", *suites])
    print(f"  built GoogleTest {version} and {len(suites)} suites in {seconds:.0f} s")
    expect(code == 0, "the solution suites build against it, warnings as errors", out)
    if code != 0:
        return
    # Each suite runs once (ctest would start one process per test).
    start, total, failed = time.monotonic(), 0, []
    for suite in suites:
        report = build / f"{suite}.xml"
        report.unlink(missing_ok=True)
        code, out, _ = run([str(build / "tests" / suite), f"--gtest_output=xml:{report}"])
        tests = len(ET.parse(report).getroot().findall(".//testcase")) if report.exists() else 0
        total += tests
        if code != 0 or tests == 0:
            failed.append(suite)
            expect(False, f"{suite} runs and passes", out)
    print(f"  ran {total} solution tests in {time.monotonic() - start:.0f} s")
    expect(not failed and total > 0, f"every solution test passes ({total})")


class SilentServer:
    """Accepts connections on 127.0.0.1 and never answers; stops by itself."""

    def __init__(self, lifetime=60):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.5)
        self.port = self.sock.getsockname()[1]
        self.deadline = time.monotonic() + lifetime
        self.accepted = []
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while time.monotonic() < self.deadline:
            try:
                self.accepted.append(self.sock.accept()[0])
            except OSError:
                continue
        self.close()

    def close(self):
        self.deadline = 0
        for connection in self.accepted:
            connection.close()
        self.sock.close()


def refused_port():
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def check_offline_case(scratch, name, prefix=(), extra=()):
    build = scratch / f"offline-{name.split()[0]}"
    shutil.rmtree(build, ignore_errors=True)
    code, out, seconds = run(["cmake", "-S", ".", "-B", str(build), *HIDDEN, *extra],
                             prefix=prefix, timeout=300)
    missing = [way for way in WAYS_FORWARD if way not in out]
    expect(code != 0 and seconds <= FAST and not missing,
           f"{name}: configuring fails in {seconds:.1f} s (at most {FAST}) and names both ways "
           "forward" + (f" (missing: {', '.join(missing)})" if missing else ""), out)
    expect(not WARNINGS.search(out), f"{name}: no CMake warning and no policy message", out)


def check_offline(scratch):
    print("no GoogleTest and no way to download it", flush=True)
    code, _, _ = run(["unshare", "-n", "true"]) if shutil.which("unshare") else (1, "", 0)
    no_network = ["unshare", "-n"] if code == 0 else None
    if no_network:
        check_offline_case(scratch, "no network (unshare -n)", no_network)
    else:
        print("  (unshare -n does not work here: the no-network case is left out)")
    port = refused_port()
    check_offline_case(scratch, "refused connection",
                       extra=[f"-DMLP_GOOGLETEST_URL=http://127.0.0.1:{port}/googletest.tar.gz"])
    server = SilentServer()
    try:
        check_offline_case(scratch, "silent server", extra=[
            f"-DMLP_GOOGLETEST_URL=http://127.0.0.1:{server.port}/googletest.tar.gz"])
    finally:
        server.close()
    build = scratch / "offline-without-tests"
    shutil.rmtree(build, ignore_errors=True)
    code, out, seconds = run(["cmake", "-S", ".", "-B", str(build), "-DMLP_BUILD_TESTS=OFF"],
                             prefix=no_network or ())
    expect(code == 0 and not WARNINGS.search(out),
           f"-DMLP_BUILD_TESTS=OFF configures {'offline ' if no_network else ''}without "
           f"GoogleTest and without warnings ({seconds:.1f} s)", out)


def main():
    if len(sys.argv) > 2 or (len(sys.argv) == 2 and sys.argv[1].startswith("-")):
        print(__doc__)
        return 2
    scratch = pathlib.Path(sys.argv[1] if len(sys.argv) == 2 else ROOT / "build" / "ci-googletest")
    scratch = scratch.resolve()
    scratch.mkdir(parents=True, exist_ok=True)
    ensure([("googletest", lambda: (LOCAL_SOURCE / "CMakeLists.txt").exists())])
    check_offline(scratch)
    check_local_source(scratch)
    if problems:
        print(f"GoogleTest fallback: {len(problems)} problem(s):")
        for problem in problems:
            print("  - " + problem)
        return 1
    print("GoogleTest fallback: it says what it uses, and fails fast with the ways forward")
    return 0


if __name__ == "__main__":
    sys.exit(main())
