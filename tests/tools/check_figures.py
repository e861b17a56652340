#!/usr/bin/env python3
"""Check lesson.md's figures: every diagram renders, every plotted number is the program's.

    python3 tests/tools/check_figures.py BUILD_DIR [OUT_DIR]

A figure in lesson.md is a ```mermaid block (GitHub draws them where the
lesson is read: flowcharts, and xychart-beta line and bar charts). The check
does two things.

Every block renders. Mermaid's own command-line tool, @mermaid-js/mermaid-cli
11.17.0, is installed with npm into OUT_DIR/node_modules (once; later runs
reuse it) without letting Puppeteer download a browser of its own
(PUPPETEER_SKIP_DOWNLOAD=1): it drives Debian's Chromium, /usr/bin/chromium
(or the one MLP_CHROMIUM names). Each block becomes two pictures a person can
look at, OUT_DIR/figures/lesson-<line>.png (Mermaid's default theme on white,
GitHub's light page) and lesson-<line>-dark.png (Mermaid's dark theme on
#0d1117, GitHub's dark page), <line> being the line of the block's opening
```mermaid. A block Mermaid cannot parse or draw fails the check, naming
that line.

Every plotted number is the program's. A block that plots numbers names the
command whose output holds them, on the line just before it (blank lines
between are allowed):

    <!-- figure-data: build/dev/solution/06_training_loop -->
    ```mermaid
    xychart-beta
        x-axis "epoch" ["1", "2", "5"]
        line [0.7785, 0.7739, 0.7615]
    ```

The check runs that command as check_transcripts.py runs a transcript's:
the program from BUILD_DIR, with the arguments shown, in a scratch folder,
stdout and stderr together. It reads every number the output prints: a run
of digits with an optional fraction and exponent, a minus sign when it does
not follow a letter or a digit ("-0.4" is negative, "2-3-2" is three
numbers), and nothing that is part of a word ("0x9e37" is not 9). Then every
data series of the block must be found in it, written with the same digits
(the text of each number, not its value: 0.50 is not 0.5):

- each `line [...]` and `bar [...]`, and the x-axis when all its labels are
  numbers;
- either as consecutive numbers of the output, in the order printed (a row:
  one printed line, or a line that continues on the next), or as one column
  of a table: the k-th number of each of consecutive lines, for one k (a
  table's column, row after row; a blank line ends a table).

So a figure cannot drift from its program: change one digit of one number,
leave one out, swap two, or plot numbers from two different columns, and the
series is no longer in the output. A block with a series but no figure-data
line fails, and so does a figure-data line with no series under it.

Exit status 1 on any problem. It prints what it rendered and what it checked.
"""

import json
import os
import pathlib
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
MERMAID_CLI = "@mermaid-js/mermaid-cli"
MERMAID_CLI_VERSION = "11.17.0"
MARKER = re.compile(r"^<!-- figure-data: (?P<command>build/dev/\S+(?: [^>]*?)?) -->$")
SERIES = re.compile(r"^\s*(?P<kind>line|bar)\b[^\[]*\[(?P<values>[^\]]*)\]\s*$")
X_AXIS = re.compile(r"^\s*x-axis\b[^\[]*\[(?P<values>[^\]]*)\]\s*$")
# A number as a program prints it; a minus sign only where it cannot be a
# hyphen, and no digits that are part of a word.
NUMBER = re.compile(r"(?<![\w.])(?:(?<![\w)\]])-)?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w.]*\w)")
PLAIN_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]
THEMES = (("", "default", "white"), ("-dark", "dark", "#0d1117"))

# Renders every job with one browser: [{"input", "output", "theme", "background"}].
RENDER_SCRIPT = r"""
import fs from "node:fs";
import puppeteer from "puppeteer";
import { run } from "@mermaid-js/mermaid-cli";

const [jobsFile, configFile] = process.argv.slice(2);
const jobs = JSON.parse(fs.readFileSync(jobsFile, "utf8"));
const launched = Date.now();
const browser = await puppeteer.launch(JSON.parse(fs.readFileSync(configFile, "utf8")));
console.log(JSON.stringify({ browser_ms: Date.now() - launched }));
try {
  for (const job of jobs) {
    const start = Date.now();
    try {
      await run(job.input, job.output, {
        browser,
        quiet: true,
        parseMMDOptions: {
          backgroundColor: job.background,
          mermaidConfig: { theme: job.theme },
        },
      });
      console.log(JSON.stringify({ output: job.output, ms: Date.now() - start }));
    } catch (error) {
      const message = String(error && error.message ? error.message : error);
      const lines = message.split("\n").slice(0, 6).join(" ");
      console.log(JSON.stringify({ output: job.output, error: lines }));
    }
  }
} finally {
  await browser.close();
}
"""


class Block:
    """One ```mermaid block of the lesson."""

    def __init__(self, line, text, command):
        self.line = line          # the line of the opening fence, counted from 1
        self.text = text          # the diagram, without the fences
        self.command = command    # the figure-data command, or None
        self.series = []          # (name, [number texts]) to find in the output
        for row in text.split("\n"):
            match = SERIES.match(row)
            if match:
                values = [v.strip() for v in match["values"].split(",") if v.strip()]
                self.series.append((f"{match['kind']} [{', '.join(values)}]", values))
                continue
            match = X_AXIS.match(row)
            if match:
                labels = [v.strip().strip('"').strip() for v in match["values"].split(",")]
                if labels and all(PLAIN_NUMBER.match(label) for label in labels):
                    self.series.append((f"x-axis [{', '.join(labels)}]", labels))


def mermaid_blocks(lesson_text):
    """Every ```mermaid block, with the figure-data command just before it."""
    lines = lesson_text.split("\n")
    blocks, problems = [], []
    pending = None  # (line number, command) of a figure-data line not yet used
    i = 0
    while i < len(lines):
        marker = MARKER.match(lines[i])
        if lines[i].startswith("<!-- figure-data") and not marker:
            problems.append(f"lesson.md:{i + 1}: a figure-data line that does not read "
                            f"'<!-- figure-data: build/dev/... -->'")
        if marker:
            if pending:
                problems.append(f"lesson.md:{pending[0]}: a figure-data line with no ```mermaid "
                                f"block after it")
            pending = (i + 1, marker["command"].strip())
        elif lines[i] == "```mermaid":
            end = i + 1
            while end < len(lines) and lines[end] != "```":
                end += 1
            command = pending[1] if pending else None
            blocks.append(Block(i + 1, "\n".join(lines[i + 1:end]), command))
            pending = None
            i = end
        elif lines[i].strip() and pending:
            problems.append(f"lesson.md:{pending[0]}: a figure-data line with no ```mermaid "
                            f"block right after it")
            pending = None
        i += 1
    if pending:
        problems.append(f"lesson.md:{pending[0]}: a figure-data line with no ```mermaid block "
                        f"after it")
    return blocks, problems


def numbers_by_line(output):
    """The numbers each line of the output prints, as text, line by line."""
    return [NUMBER.findall(line) for line in output.split("\n")]


def find_series(values, table):
    """Where the series is in the output: a description, or None."""
    n = len(values)
    # A row: consecutive numbers of the output, across line ends.
    stream = [(row, number) for row, numbers in enumerate(table) for number in numbers]
    texts = [number for _, number in stream]
    for start in range(len(texts) - n + 1):
        if texts[start:start + n] == values:
            first, last = stream[start][0] + 1, stream[start + n - 1][0] + 1
            where = f"line {first}" if first == last else f"lines {first} to {last}"
            return f"in a row, output {where}"
    # A column: the k-th number of consecutive lines.
    for start in range(len(table) - n + 1):
        for k in range(len(table[start])):
            if all(k < len(table[start + j]) and table[start + j][k] == values[j]
                   for j in range(n)):
                return f"in column {k + 1} of output lines {start + 1} to {start + n}"
    return None


def run_program(build_dir, command):
    """The output of a figure-data command, or an error message."""
    words = shlex.split(command)
    program = build_dir / words[0][len("build/dev/"):]
    if not program.exists():
        return None, f"{program} does not exist (is the build complete?)"
    with tempfile.TemporaryDirectory() as scratch:
        run = subprocess.run([str(program)] + words[1:], cwd=scratch, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, timeout=600, check=False)
    if run.returncode != 0:
        return None, f"'{command}' exited with status {run.returncode}"
    return run.stdout, None


def check_numbers(blocks, build_dir):
    """Every series of every block in its program's output; the problems found."""
    problems, outputs, checked = [], {}, 0
    for block in blocks:
        if not block.series:
            if block.command:
                problems.append(f"lesson.md:{block.line}: the figure names '{block.command}' "
                                f"but plots no series (line [...], bar [...])")
            continue
        if not block.command:
            problems.append(f"lesson.md:{block.line}: the figure plots numbers but no "
                            f"'<!-- figure-data: build/dev/... -->' line before it says "
                            f"which program prints them")
            continue
        if block.command not in outputs:
            outputs[block.command] = run_program(build_dir, block.command)
        output, error = outputs[block.command]
        if error:
            problems.append(f"lesson.md:{block.line}: {error}")
            continue
        table = numbers_by_line(output)
        for name, values in block.series:
            checked += 1
            where = find_series(values, table)
            if where:
                print(f"  lesson.md:{block.line}: {name[:60]}{'...' if len(name) > 60 else ''}"
                      f" is {where}")
            else:
                problems.append(f"lesson.md:{block.line}: {name} is not in the output of "
                                f"'{block.command}', neither as consecutive numbers nor as a "
                                f"column of consecutive lines (same digits, same order)")
    return problems, checked


def chromium():
    path = os.environ.get("MLP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return path if pathlib.Path(path).exists() else None


def install_mermaid_cli(out_dir):
    """Installs the pinned mermaid-cli into out_dir once; an error message or None."""
    installed = out_dir / "node_modules" / "@mermaid-js" / "mermaid-cli" / "package.json"
    if installed.exists() and json.loads(installed.read_text())["version"] == MERMAID_CLI_VERSION:
        print(f"mermaid-cli {MERMAID_CLI_VERSION}: already in {out_dir / 'node_modules'}")
        return None
    if shutil.which("npm") is None or shutil.which("node") is None:
        return "node and npm are needed to render the figures (Debian: apt-get install nodejs npm)"
    package = out_dir / "package.json"
    if not package.exists():  # without it npm would install into a folder above
        package.write_text('{"name": "lesson-figures", "private": true}\n')
    environment = dict(os.environ, PUPPETEER_SKIP_DOWNLOAD="1",
                       PUPPETEER_SKIP_CHROMIUM_DOWNLOAD="1")
    start = time.monotonic()
    install = subprocess.run(["npm", "install", "--no-audit", "--no-fund",
                              f"{MERMAID_CLI}@{MERMAID_CLI_VERSION}"], cwd=out_dir,
                             env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True, check=False)
    if install.returncode != 0 or not installed.exists():
        return "npm could not install " + MERMAID_CLI + ":\n" + install.stdout[-3000:]
    print(f"mermaid-cli {MERMAID_CLI_VERSION}: npm install took "
          f"{time.monotonic() - start:.1f} s")
    return None


def render(blocks, out_dir):
    """Renders every block in both themes; the problems found."""
    browser = chromium()
    if browser is None:
        return ["Chromium is needed to render the figures (Debian: apt-get install chromium), "
                "or name one with MLP_CHROMIUM"]
    error = install_mermaid_cli(out_dir)
    if error:
        return [error]
    figures = out_dir / "figures"
    if figures.exists():
        shutil.rmtree(figures)
    figures.mkdir(parents=True)
    jobs, block_of = [], {}
    for block in blocks:
        source = figures / f"lesson-{block.line}.mmd"
        source.write_text(block.text + "\n", encoding="utf-8")
        for suffix, theme, background in THEMES:
            output = figures / f"lesson-{block.line}{suffix}.png"
            jobs.append({"input": str(source), "output": str(output), "theme": theme,
                         "background": background})
            block_of[str(output)] = block
    (out_dir / "jobs.json").write_text(json.dumps(jobs, indent=1))
    (out_dir / "puppeteer-config.json").write_text(
        json.dumps({"executablePath": browser, "args": BROWSER_ARGS}, indent=1))
    (out_dir / "render.mjs").write_text(RENDER_SCRIPT)
    start = time.monotonic()
    result = subprocess.run(["node", "render.mjs", "jobs.json", "puppeteer-config.json"],
                            cwd=out_dir, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, timeout=900, check=False)
    seconds = time.monotonic() - start
    problems, done, failed = [], set(), set()
    for row in result.stdout.splitlines():
        if not row.startswith("{"):
            continue
        report = json.loads(row)
        if "browser_ms" in report:
            print(f"  Chromium started in {report['browser_ms']} ms")
            continue
        block = block_of[report["output"]]
        done.add(report["output"])
        name = pathlib.Path(report["output"]).name
        if "error" in report:
            if block.line not in failed:  # once per figure, not once per theme
                failed.add(block.line)
                error = re.sub(r"\s*\S*\(https?://[^)]*\)", "", report["error"])
                problems.append(f"lesson.md:{block.line}: Mermaid cannot render this figure: "
                                f"{error}")
        elif not pathlib.Path(report["output"]).exists():
            problems.append(f"lesson.md:{block.line}: no picture was written ({name})")
        else:
            print(f"  lesson.md:{block.line}: rendered {report['output']} ({report['ms']} ms)")
    missing = [job["output"] for job in jobs if job["output"] not in done]
    if missing:
        problems.append(f"the renderer stopped (status {result.returncode}) before "
                        f"{len(missing)} of {len(jobs)} pictures:\n{result.stderr[-3000:]}")
    print(f"rendered {len(done)} pictures of {len(blocks)} figures in {seconds:.1f} s "
          f"(one browser for all)")
    return problems


def main():
    if len(sys.argv) not in (2, 3):
        print(__doc__)
        return 2
    build_dir = pathlib.Path(sys.argv[1]).resolve()
    out_dir = pathlib.Path(sys.argv[2] if len(sys.argv) == 3 else build_dir / "lesson-figures")
    out_dir = out_dir.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    lesson = ROOT / "lesson.md"
    blocks, problems = mermaid_blocks(lesson.read_text(encoding="utf-8"))
    if not blocks:
        print("figures: lesson.md has no ```mermaid block to check")
        return 1
    print(f"figures: {len(blocks)} ```mermaid blocks in lesson.md, "
          f"{sum(1 for b in blocks if b.command)} of them with a figure-data line")
    print("The numbers:")
    number_problems, checked = check_numbers(blocks, build_dir)
    problems += number_problems
    print("The pictures:")
    problems += render(blocks, out_dir)
    if problems:
        print()
        for problem in problems:
            print(problem)
        print(f"figures: {len(problems)} problems")
        return 1
    print(f"figures: all {len(blocks)} figures render (pictures in {out_dir / 'figures'}), "
          f"and all {checked} plotted series are in their programs' output")
    return 0


if __name__ == "__main__":
    sys.exit(main())
