#!/usr/bin/env python3
"""Check that two builds' chapter programs print byte-identical output.

    python3 tests/tools/check_same_output.py BUILD_A BUILD_B

CI builds the programs with GCC and libstdc++ (BUILD_A) and with Clang and
libc++ (BUILD_B): the random generator, the shuffle and every printed number
must not depend on the compiler or its standard library. Each solution
program runs in both builds (the final project also with --save, --load and
--predict) and the outputs must be equal byte for byte, except the one line
that reports how long training took.
"""

import pathlib
import subprocess
import sys
import tempfile

RUNS = [
    ["01_math_foundations"],
    ["02_single_neuron"],
    ["03_forward_pass"],
    ["04_loss_function"],
    ["05_backpropagation"],
    ["06_training_loop"],
    ["07_final_project"],
    ["07_final_project", "--epochs", "60", "--hidden", "16", "--seed", "3", "--save", "model.bin"],
    ["07_final_project", "--load", "model.bin", "--predict", "aZq"],
    ["07_final_project", "--epochs", "40", "--learning-rate", "0.5", "--quiet", "--predict", "mlp"],
    ["08_fast_training", "1"],
    ["09_letters_never_seen"],
]
# Lines that report a time: they differ between any two runs.
VARIES = ("Training took ", "  took ", "  ratio ")


def output(build, run, scratch):
    program = build / "solution" / run[0]
    result = subprocess.run([str(program)] + run[1:], cwd=scratch, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, check=False, timeout=300)
    lines = result.stdout.split(b"\n")
    kept = [line for line in lines if not line.decode("utf-8", "replace").startswith(VARIES)]
    return result.returncode, b"\n".join(kept)


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    builds = [pathlib.Path(arg).resolve() for arg in sys.argv[1:]]
    problems = 0
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        for run in RUNS:
            code_a, out_a = output(builds[0], run, a)
            code_b, out_b = output(builds[1], run, b)
            shown = " ".join(run)
            if code_a != 0 or code_b != 0:
                print(f"same output: '{shown}' exited with {code_a} and {code_b}")
                problems += 1
            elif out_a != out_b:
                problems += 1
                print(f"same output: '{shown}' prints differently in the two builds:")
                left, right = out_a.split(b"\n"), out_b.split(b"\n")
                for i, (x, y) in enumerate(zip(left, right)):
                    if x != y:
                        print(f"    line {i + 1}: {x.decode(errors='replace')!r}")
                        print(f"    line {i + 1}: {y.decode(errors='replace')!r}")
                        break
                else:
                    print(f"    one output is longer ({len(left)} against {len(right)} lines)")
            else:
                print(f"same output: '{shown}' ({len(out_a)} bytes)")
        model_a, model_b = pathlib.Path(a) / "model.bin", pathlib.Path(b) / "model.bin"
        if not model_a.exists() or model_a.read_bytes() != model_b.read_bytes():
            print("same output: the two builds saved different model files")
            problems += 1
        else:
            print(f"same output: the saved model files are identical ({model_a.stat().st_size} bytes)")
    if problems:
        print(f"same output: {problems} difference(s)")
        return 1
    print("same output: every program prints the same in both builds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
