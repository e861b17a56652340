#!/usr/bin/env python3
"""Attack the final project's command line and model files, and prove that
nothing is lost, nothing hangs and every failure is one clear line.

    python3 tests/tools/check_model_files.py PROGRAM [SCRATCH_DIR] [--pairs N]

PROGRAM is a built 07_final_project (the dev build's is fine). In a scratch
folder it tries, each time checking the exit status, the one line on stderr
and what is left on disk:

  - N pairs (200 unless told) of saves to the same path at the same moment:
    the target must always be a whole, loadable model afterwards;
  - a symbolic link where a temporary name would be, pointing at someone's
    file: that file must be unchanged;
  - a FIFO and a device node (when we may make one) as --save targets (they
    must stay what they are) and as --load sources (refused at once, never
    read: reading a FIFO would wait forever);
  - a loop of symbolic links as --load: named as a loop;
  - --save '' and --load '': usage errors (exit 2), nothing written;
  - a learning rate that makes training diverge: one line naming the rate,
    exit 1, nothing saved;
  - standard output that cannot be written (/dev/full): exit 1, one line;
  - --epochs far too large: a usage error at once;
  - a --save folder that does not exist: refused before training starts;
  - a model file whose parameter is NaN, with a correct checksum: refused;
  - and, after all of it, no temporary file left anywhere.
"""

import argparse
import os
import pathlib
import shutil
import stat
import struct
import subprocess
import sys
import tempfile
import time

from check_report import expect, problems


def run(program, args, cwd, timeout=120, stdout=subprocess.PIPE):
    """Runs the program; a run that outlives `timeout` is killed and reported
    as exit status None, with "(hung)" as its stderr."""
    started = time.monotonic()
    try:
        result = subprocess.run([str(program)] + args, cwd=cwd, stdout=stdout,
                                stderr=subprocess.PIPE, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        result = subprocess.CompletedProcess(args, None, "", f"(hung: killed after {timeout} s)")
    return result, time.monotonic() - started


def one_line(stderr):
    lines = [line for line in stderr.splitlines() if line.strip()]
    return lines[0] if len(lines) == 1 else None


def loads(program, path, cwd):
    result, _ = run(program, ["--quiet", "--load", str(path)], cwd)
    return result.returncode == 0 and "Accuracy:" in result.stdout


def check_concurrent_saves(program, scratch, pairs):
    print(f"{pairs} pairs of saves to the same path at once")
    good = scratch / "good.bin"
    target = scratch / "shared.bin"
    shutil.copy(good, target)
    lost = 0
    for _ in range(pairs):
        writers = [subprocess.Popen([str(program), "--quiet", "--load", str(good), "--save",
                                     str(target)], cwd=scratch, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL) for _ in range(2)]
        for writer in writers:
            writer.wait(timeout=60)
        if not target.exists() or target.read_bytes() != good.read_bytes():
            lost += 1
    expect(lost == 0, f"after {pairs} pairs of concurrent saves the target is always the whole "
                      f"model ({lost} lost or damaged)")


def check_links_and_special_files(program, scratch):
    print("links, FIFOs and devices")
    victim = scratch / "victim.txt"
    victim.write_text("precious\n")
    for name in ("out.bin.tmp", ".out.bin.tmp"):
        os.symlink(victim, scratch / name)
    result, _ = run(program, ["--quiet", "--load", "good.bin", "--save", "out.bin"], scratch)
    expect(result.returncode == 0 and victim.read_bytes() == b"precious\n" and
           loads(program, scratch / "out.bin", scratch),
           "a link at a temporary-looking name is never written through", result.stderr)

    fifo = scratch / "pipe"
    os.mkfifo(fifo)
    result, elapsed = run(program, ["--quiet", "--load", "good.bin", "--save", "pipe"], scratch, 30)
    expect(result.returncode == 1 and stat.S_ISFIFO(os.lstat(fifo).st_mode) and
           "not a regular file" in (one_line(result.stderr) or ""),
           "--save onto a FIFO is refused in one line and the FIFO stays", result.stderr)
    result, elapsed = run(program, ["--quiet", "--load", "pipe"], scratch, 30)
    expect(result.returncode == 1 and elapsed < 10 and
           "not a regular file" in (one_line(result.stderr) or ""),
           f"--load of a FIFO is refused at once ({elapsed:.1f} s), never read", result.stderr)

    device = scratch / "device"
    try:
        os.mknod(device, 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # like /dev/null
    except PermissionError:
        print("  (not root: no device node made; the FIFO stands for it)")
    else:
        result, _ = run(program, ["--quiet", "--load", "good.bin", "--save", "device"], scratch)
        expect(result.returncode == 1 and stat.S_ISCHR(os.lstat(device).st_mode),
               "--save onto a device node is refused and the device stays", result.stderr)
        result, _ = run(program, ["--quiet", "--load", "device"], scratch, 30)
        expect(result.returncode == 1 and "not a regular file" in (one_line(result.stderr) or ""),
               "--load of a device node is refused", result.stderr)

    os.symlink("ring_b", scratch / "ring_a")
    os.symlink("ring_a", scratch / "ring_b")
    result, _ = run(program, ["--quiet", "--load", "ring_a"], scratch)
    expect(result.returncode == 1 and "a loop of links" in (one_line(result.stderr) or ""),
           "--load of a loop of links says it is a loop", result.stderr)


def check_command_line(program, scratch):
    print("the command line")
    before = sorted(p.name for p in scratch.iterdir())
    for args in (["--save", ""], ["--load", ""]):
        result, _ = run(program, ["--quiet"] + args, scratch)
        expect(result.returncode == 2 and "empty" in result.stderr,
               f"{' '.join(args)}'' is a usage error (exit 2)", result.stderr)
    result, elapsed = run(program, ["--epochs", "18446744073709551615", "--quiet"], scratch, 30)
    expect(result.returncode == 2 and elapsed < 5 and "--epochs" in result.stderr,
           "--epochs 18446744073709551615 is a usage error at once", result.stderr)
    result, _ = run(program, ["--learning-rate", "1e308", "--epochs", "3", "--quiet", "--save",
                              "nan.bin"], scratch)
    line = one_line(result.stderr) or ""
    expect(result.returncode == 1 and "1e+308" in line and "smaller" in line and
           not (scratch / "nan.bin").exists(),
           "a diverging learning rate stops training in one line, and nothing is saved",
           result.stderr)
    result, elapsed = run(program, ["--save", "no_such_folder/model.bin"], scratch)
    expect(result.returncode == 1 and elapsed < 2 and "no_such_folder" in result.stderr and
           "Training" not in result.stdout,
           f"a --save folder that does not exist is refused before training ({elapsed:.1f} s)",
           result.stderr)
    with open("/dev/full", "w") as full:
        for args in (["--quiet", "--load", "good.bin", "--predict", "abc"], ["--help"]):
            result, _ = run(program, args, scratch, stdout=full)
            expect(result.returncode == 1 and "cannot write the output" in (one_line(result.stderr) or ""),
                   f"{' '.join(args)} > /dev/full: exit 1 and one line", result.stderr)
    after = sorted(p.name for p in scratch.iterdir())
    expect(before == after, "none of these wrote a file", f"{before} -> {after}")


def check_non_finite(program, scratch):
    print("non-finite parameters")
    data = bytearray((scratch / "good.bin").read_bytes())
    data[100:104] = struct.pack("<f", float("nan"))
    checksum = 2166136261
    for byte in data[:-4]:
        checksum = ((checksum ^ byte) * 16777619) & 0xFFFFFFFF
    data[-4:] = struct.pack("<I", checksum)
    (scratch / "nan_parameter.bin").write_bytes(bytes(data))
    result, _ = run(program, ["--quiet", "--load", "nan_parameter.bin"], scratch)
    expect(result.returncode == 1 and "not a finite number" in (one_line(result.stderr) or ""),
           "a model with a NaN parameter (and a correct checksum) is refused", result.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("program", type=pathlib.Path)
    parser.add_argument("scratch", type=pathlib.Path, nargs="?")
    parser.add_argument("--pairs", type=int, default=200)
    args = parser.parse_args()
    program = args.program.resolve()
    scratch = (args.scratch or pathlib.Path(tempfile.mkdtemp(prefix="mlp-files-"))).resolve()
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    result, _ = run(program, ["--quiet", "--epochs", "30", "--save", "good.bin"], scratch)
    if result.returncode != 0:
        print(result.stderr)
        return 1
    check_concurrent_saves(program, scratch, args.pairs)
    check_links_and_special_files(program, scratch)
    check_command_line(program, scratch)
    check_non_finite(program, scratch)
    leftovers = [p.name for p in scratch.iterdir() if p.name.endswith(".tmp") and not p.is_symlink()]
    expect(not leftovers, "no temporary file is left behind", leftovers)
    if problems:
        print(f"model files: {len(problems)} problem(s)")
        return 1
    print(f"model files: {args.pairs} pairs of concurrent saves lost nothing, and every attack "
          "got a clear error")
    return 0


if __name__ == "__main__":
    sys.exit(main())
