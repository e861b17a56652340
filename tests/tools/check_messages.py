#!/usr/bin/env python3
"""Prove that every wording a test demands of an error message is promised
in the doc comment of the function that must produce it.

    python3 tests/tools/check_messages.py

A test such as

    expect_invalid_argument([&] { mlp::make_layer(0, 3, relu, rng); },
                            {"make_layer", "0 inputs", "3 outputs"}, ...);

demands that the message contain each of those texts. A learner writing
make_layer sees only its doc comment in starter_code/, so that comment must
promise them: every demanded text must appear in the comment, where any run
of digits stands for any other (the comment's example "got 0 inputs and 3
outputs" promises "2 inputs" as well). The function is the first mlp::
function the call makes; its doc comment is the /// block above it in
starter_code/ (any overload's will do).

A comment may hand a message on instead of repeating it: "a hidden size out
of range: require_hidden_size's std::invalid_argument" promises whatever
require_hidden_size's own comment promises, and so on down the chain. So
each message is written out once, in the comment of the function that
builds it, and a learner who follows the name finds it there.

Checked calls: tutor::expect_invalid_argument and the final project's
expect_model_error. Exit status 1 on the first unpromised text of each call.
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
CHECKERS = ("expect_invalid_argument", "expect_model_error")
FUNCTION = re.compile(r"^inline\s+[\w:<>,\s&*]+?\b(\w+)\(", re.M)


def digits_free(text):
    return re.sub(r"\d+", "#", text)


def doc_comments():
    """Map a function name to the doc comments of its overloads in starter_code/."""
    docs = {}
    for header in sorted((ROOT / "starter_code").glob("*.hpp")):
        lines = header.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")
        for i, line in enumerate(lines):
            match = FUNCTION.match(line)
            if not match:
                continue
            block = []
            k = i - 1
            while k >= 0 and lines[k].startswith("///"):
                block.insert(0, lines[k][3:].strip())
                k -= 1
            docs.setdefault(match.group(1), []).append((header.name, " ".join(block)))
    return docs


def promises(docs):
    """Map a function name to the comments that promise its messages: its own,
    and those of every function it names as "name's", followed through."""
    cited = {name: {c for _, comment in comments for c in re.findall(r"\b(\w+)'s\b", comment)
                    if c in docs and c != name}
             for name, comments in docs.items()}
    result = {}
    for name in docs:
        seen, todo = {name}, [name]
        while todo:
            for other in cited[todo.pop()] - seen:
                seen.add(other)
                todo.append(other)
        result[name] = [digits_free(comment) for other in sorted(seen)
                        for _, comment in docs[other]]
    return result


def balanced_call(text, start):
    """The text of the call whose '(' is at start, up to its matching ')'."""
    depth, i, quote = 0, start, None
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                return text[start + 1:i]
        i += 1
    raise ValueError("unbalanced call")


def top_level_arguments(text):
    parts, depth, current, quote, i = [], 0, "", None, 0
    while i < len(text):
        ch = text[i]
        if quote:
            current += ch
            if ch == "\\":
                current += text[i + 1]
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
            current += ch
        elif ch in "([{":
            depth += 1
            current += ch
        elif ch in ")]}":
            depth -= 1
            current += ch
        elif ch == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += ch
        i += 1
    if current.strip():
        parts.append(current.strip())
    return parts


def string_literals(text):
    return [bytes(s, "utf-8").decode("unicode_escape") for s in re.findall(r'"((?:[^"\\]|\\.)*)"', text)]


def demands(test_file):
    """Yield (line, function, demanded texts) for each checked call."""
    text = test_file.read_text(encoding="utf-8").replace("\r\n", "\n")
    for checker in CHECKERS:
        for match in re.finditer(r"\b" + checker + r"\(", text):
            before = text[:match.start()].rstrip()
            if before.endswith(("void", "inline")) or re.search(r"void\s*$", before):
                continue  # the helper's own definition
            arguments = top_level_arguments(balanced_call(text, match.end() - 1))
            if len(arguments) < 2 or not arguments[1].startswith("{"):
                continue
            called = re.search(r"mlp::([a-z_0-9]+)\(", arguments[0])
            line = text.count("\n", 0, match.start()) + 1
            yield line, called.group(1) if called else None, string_literals(arguments[1])


def main():
    docs = doc_comments()
    promised = promises(docs)
    problems, checked = [], 0
    for test_file in sorted((ROOT / "tests").glob("test_[0-9][0-9]_*.cpp")):
        for line, function, wanted in demands(test_file):
            checked += 1
            where = f"{test_file.name}:{line}"
            if function is None or function not in docs:
                problems.append(f"{where}: cannot tell which mlp:: function the call is about")
                continue
            for text in wanted:
                if not any(digits_free(text) in comment for comment in promised[function]):
                    shown = docs[function][0][0]
                    problems.append(f"{where}: the test demands \"{text}\" in {function}'s message, "
                                    f"but no doc comment of {function} in starter_code/{shown} "
                                    "promises it, nor any comment it hands on to as \"name's\" "
                                    "(give an example message there)")
                    break
    for problem in problems:
        print("messages: " + problem)
    if problems:
        print(f"messages: {len(problems)} of {checked} demanded messages are not promised")
        return 1
    print(f"messages: every text that {checked} tests demand of an error message is promised "
          "in the function's doc comment")
    return 0


if __name__ == "__main__":
    sys.exit(main())
