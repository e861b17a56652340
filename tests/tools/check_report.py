"""What the project's check tools share: running a command, and saying what
each check found.

    from check_report import expect, problems, run
    code, output = run(["cmake", "--build", "build"])
    expect(code == 0, "the build succeeds", output)
    ...
    return 1 if problems else 0

Every check prints one line, "  ok: ..." or "  PROBLEM: ..." followed by the
last lines of the output that shows why; `problems` collects the PROBLEM
messages for the tool's summary.
"""

import pathlib
import subprocess
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]

problems = []


def expect(condition, message, output="", tail=25):
    """Report one check; on a problem, show the last `tail` lines of output."""
    if condition:
        print("  ok: " + message, flush=True)
        return True
    problems.append(message)
    print("  PROBLEM: " + message, flush=True)
    for line in str(output).splitlines()[-tail:]:
        print("    | " + line, flush=True)
    return False


def run_raw(command, cwd=ROOT, env=None, timeout=None):
    """(exit status, the bytes it wrote to stdout and stderr together).

    The output goes through a file, not a pipe: a command may leave a
    process behind that inherits it (wine's wineserver does), and a pipe
    would stay open until that process ends. A command still running after
    `timeout` seconds is stopped: exit status 124 and a note at the end."""
    note = b""
    with tempfile.TemporaryFile() as output:
        try:
            code = subprocess.run(command, cwd=cwd, env=env, stdout=output,
                                  stderr=subprocess.STDOUT, check=False, timeout=timeout).returncode
        except subprocess.TimeoutExpired:
            code, note = 124, f"\n(stopped after {timeout} s)".encode()
        output.seek(0)
        data = output.read()
    return code, data + note


def run(command, cwd=ROOT, env=None, timeout=None):
    """(exit status, what it printed on stdout and stderr, as text)."""
    code, data = run_raw(command, cwd, env, timeout)
    return code, data.decode("utf-8", "replace")
