#!/usr/bin/env python3
"""Make starter_code/ from solution/, or prove that they still match.

A solution header marks each function a learner writes with a doc-comment
line "/// Exercise: lesson.md <section>". In the starter, that function keeps
its doc comment and signature, and its body becomes a stub that throws
mlp::NotImplemented naming the function, the file and the section. Everything
else (the plumbing, the chapter programs) is copied unchanged.

    python3 tests/tools/make_starter.py           write starter_code/
    python3 tests/tools/make_starter.py --check   exit 1 if starter_code/ differs

The check is how CI proves starter and solution cannot drift: same API, same
doc comments, same programs.
"""

import argparse
import difflib
import hashlib
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXERCISE = re.compile(r"^/// Exercise: lesson\.md (?P<section>.+)$")
IDENTIFIER = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*$")


class StarterError(Exception):
    pass


def split_parameters(text):
    """Split a parameter list at its top-level commas."""
    parts, depth, current = [], 0, ""
    for ch in text:
        if ch in "(<[{":
            depth += 1
        elif ch in ")>]}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    if current.strip():
        parts.append(current)
    return parts


def parameter_names(signature):
    """The names of the parameters in a function signature."""
    open_paren = signature.index("(")
    depth = 0
    for i in range(open_paren, len(signature)):
        depth += {"(": 1, ")": -1}.get(signature[i], 0)
        if depth == 0:
            inner = signature[open_paren + 1 : i]
            break
    else:
        raise StarterError("unbalanced parentheses in: " + signature)
    names = []
    for parameter in split_parameters(inner):
        declaration = parameter.split("=")[0].strip()
        if not declaration or declaration == "void":
            continue
        match = IDENTIFIER.search(declaration)
        if not match:
            raise StarterError("cannot find the parameter name in: " + parameter)
        names.append(match.group(1))
    return names


def function_name(signature):
    head = signature[: signature.index("(")]
    match = IDENTIFIER.search(head)
    if not match:
        raise StarterError("cannot find the function name in: " + signature)
    return match.group(1)


def make_starter(text, file_name):
    """Return the starter version of one solution header."""
    lines = text.split("\n")
    out, i, stubs = [], 0, 0
    while i < len(lines):
        match = EXERCISE.match(lines[i])
        if not match:
            out.append(lines[i])
            i += 1
            continue
        section = match.group("section").strip()
        out.append(lines[i])
        i += 1
        # The signature runs from here to the line that ends with "{".
        signature_lines = []
        while i < len(lines) and not lines[i].rstrip().endswith("{"):
            signature_lines.append(lines[i])
            i += 1
        if i == len(lines):
            raise StarterError(f"{file_name}: no function body after the Exercise line ({section})")
        signature_lines.append(lines[i])
        i += 1
        out.extend(signature_lines)
        signature = " ".join(line.strip() for line in signature_lines)
        # The body ends at the first line that is a lone "}" in column 0.
        while i < len(lines) and lines[i] != "}":
            i += 1
        if i == len(lines):
            raise StarterError(f"{file_name}: the body of {function_name(signature)} never ends")
        name = function_name(signature)
        names = parameter_names(signature)
        out.append("    // Your code goes here; then delete the two lines below.")
        if names:
            out.append("    " + " ".join(f"(void){n};" for n in names))
        else:
            out.append("    // (nothing to silence)")
        out.append(f'    throw NotImplemented("mlp::{name}", "{file_name}", "{section}");')
        out.append("}")
        i += 1
        stubs += 1
    if stubs == 0 and "Exercise:" in text:
        raise StarterError(f"{file_name}: an Exercise line is not of the form '/// Exercise: lesson.md <section>'")
    return "\n".join(out), stubs


def expected_starter(solution_dir):
    """Map each starter file name to the text it should have."""
    files = {}
    for path in sorted(solution_dir.iterdir()):
        if path.suffix == ".hpp":
            files[path.name], _ = make_starter(path.read_text(encoding="utf-8"), path.name)
        elif path.suffix == ".cpp":
            files[path.name] = path.read_text(encoding="utf-8")
    return files


def manifest(files):
    """cmake/starter_fingerprints.cmake: the SHA-256 of every starter header as
    handed out, so catch_up.cmake can tell an untouched file from a learner's."""
    lines = ["# Written by tests/tools/make_starter.py; do not edit.",
             "# The SHA-256 of each starter_code/ header as handed out (all its exercises stubbed)."]
    for name, text in files.items():
        if name.endswith(".hpp"):
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            lines.append(f'set(MLP_PRISTINE_{name.replace(".", "_")} "{digest}")')
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    parser.add_argument("--solution", type=pathlib.Path, default=ROOT / "solution")
    parser.add_argument("--starter", type=pathlib.Path, default=ROOT / "starter_code")
    args = parser.parse_args()
    try:
        files = expected_starter(args.solution)
    except StarterError as error:
        print(f"make_starter: {error}", file=sys.stderr)
        return 1
    fingerprints = ROOT / "cmake" / "starter_fingerprints.cmake"
    if not args.check:
        if not fingerprints.exists() or fingerprints.read_text(encoding="utf-8") != manifest(files):
            fingerprints.write_text(manifest(files), encoding="utf-8")
            print(f"wrote {fingerprints.relative_to(ROOT)}")
        args.starter.mkdir(exist_ok=True)
        for name, text in files.items():
            target = args.starter / name
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                target.write_text(text, encoding="utf-8")
                print(f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
        return 0
    problems = 0
    if not fingerprints.exists() or fingerprints.read_text(encoding="utf-8") != manifest(files):
        print("parity: cmake/starter_fingerprints.cmake is out of date")
        problems += 1
    for name, text in files.items():
        target = args.starter / name
        if not target.exists():
            print(f"parity: starter_code/{name} is missing")
            problems += 1
            continue
        actual = target.read_text(encoding="utf-8")
        if actual != text:
            problems += 1
            print(f"parity: starter_code/{name} differs from what solution/{name} gives:")
            diff = difflib.unified_diff(text.split("\n"), actual.split("\n"),
                                        "expected", "starter_code/" + name, lineterm="", n=1)
            for line in list(diff)[:40]:
                print("    " + line)
    for path in sorted(args.starter.iterdir()):
        if path.suffix in (".hpp", ".cpp") and path.name not in files:
            print(f"parity: starter_code/{path.name} has no twin in solution/")
            problems += 1
    if problems:
        print("parity: run 'python3 tests/tools/make_starter.py' to remake starter_code/ from solution/")
        return 1
    print(f"parity: starter_code/ matches solution/ ({len(files)} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
