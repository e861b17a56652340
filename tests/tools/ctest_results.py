"""Run ctest and read back what every test did, for the project's tools.

    from ctest_results import run_ctest
    results = run_ctest(build_dir, ["-L", "^starter$"])

Each result is a dict: name, status ("run", "fail", ...), failure (ctest's
message for a crash or a timeout, or None), output (what the test printed).
"""

import pathlib
import subprocess
import tempfile
import xml.etree.ElementTree as ElementTree


def run_ctest(build_dir, selection, jobs=2, timeout=None):
    """Run the tests of build_dir that `selection` (ctest arguments such as
    ["-L", "^starter$"]) picks, and return one result per test."""
    with tempfile.TemporaryDirectory() as tmp:
        junit = pathlib.Path(tmp) / "results.xml"
        command = ["ctest", "--test-dir", str(build_dir), *selection, f"-j{jobs}",
                   "--output-junit", str(junit)]
        if timeout is not None:
            command += ["--timeout", str(timeout)]
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        if not junit.exists():
            return []
        root = ElementTree.parse(junit).getroot()
    results = []
    for case in root.iter("testcase"):
        failure = case.find("failure")
        out = case.find("system-out")
        results.append({
            "name": case.get("name"),
            "status": case.get("status"),
            "failure": None if failure is None else (failure.get("message") or ""),
            "output": "" if out is None or out.text is None else out.text,
        })
    return results
