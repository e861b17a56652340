#!/usr/bin/env python3
"""Write CMakePresets.json from the chapter list, or prove it is up to date.

    python3 tests/tools/make_presets.py           write CMakePresets.json
    python3 tests/tools/make_presets.py --check   exit 1 if it differs

The chapters are the mlp_add_chapter(NN name "Title") lines of
CMakeLists.txt. Each chapter gets three presets named chNN:

- a build preset that builds only that chapter's starter program and suite
  (never a later chapter's, which would recompile everything that includes
  the header just edited);
- a test preset that runs that chapter's starter tests;
- a workflow preset that does both after configuring, so that the learner's
  one command, `cmake --workflow --preset chNN`, never runs an old binary.

Every build preset builds in parallel (kJobs).
"""

import argparse
import difflib
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
PRESETS = ROOT / "CMakePresets.json"
CHAPTER = re.compile(r'^mlp_add_chapter\((\d\d) (\w+) "([^"]+)"(?: (?:OPTIONAL|BONUS))?\)', re.M)

# Parallel jobs for every build preset: enough to keep 2 to 4 cores busy, few
# enough that a laptop with little memory is not swamped by compilers.
JOBS = 4


def chapters():
    text = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    found = CHAPTER.findall(text)
    if not found:
        raise SystemExit("make_presets: no mlp_add_chapter(NN name \"Title\") lines in CMakeLists.txt")
    return found


def configure_presets():
    return [
        {
            "name": "base",
            "hidden": True,
            "binaryDir": "${sourceDir}/build/${presetName}",
            "cacheVariables": {"CMAKE_EXPORT_COMPILE_COMMANDS": "ON"},
        },
        {
            "name": "dev",
            "inherits": "base",
            "displayName": "Debug (default)",
            "description": "Debug build: standard-library bounds checks, warnings, compile_commands.json",
            "cacheVariables": {"CMAKE_BUILD_TYPE": "Debug"},
        },
        {
            "name": "release",
            "inherits": "base",
            "displayName": "Release",
            "description": "Optimised build for speed (the benchmark), for this machine's processor",
            "cacheVariables": {"CMAKE_BUILD_TYPE": "Release", "MLP_NATIVE": "ON"},
        },
        {
            "name": "sanitize",
            "inherits": "base",
            "displayName": "AddressSanitizer + UBSan",
            "description": "Debug build that stops at the first memory error or undefined behaviour",
            "cacheVariables": {
                "CMAKE_BUILD_TYPE": "Debug",
                "CMAKE_CXX_FLAGS": "-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer",
                "CMAKE_EXE_LINKER_FLAGS": "-fsanitize=address,undefined",
                "MLP_TEST_SECONDS": "60",
            },
            "condition": {"type": "notEquals", "lhs": "${hostSystemName}", "rhs": "Windows"},
        },
    ]


def build_presets(chapter_list):
    presets = [
        {"name": "dev", "configurePreset": "dev", "configuration": "Debug", "jobs": JOBS,
         "description": "Every program and every suite, both sides"},
        {"name": "release", "configurePreset": "release", "configuration": "Release", "jobs": JOBS},
        {"name": "sanitize", "configurePreset": "sanitize", "configuration": "Debug", "jobs": JOBS},
        {"name": "solution", "configurePreset": "dev", "configuration": "Debug", "jobs": JOBS,
         "description": "The solution programs and the suites built against solution/",
         "targets": [f"solution_{n}_{name}" for n, name, _ in chapter_list]
         + [f"test_{n}_{name}_solution" for n, name, _ in chapter_list]},
    ]
    for number, name, title in chapter_list:
        presets.append({
            "name": f"ch{number}",
            "configurePreset": "dev",
            "configuration": "Debug",
            "jobs": JOBS,
            "description": f"Chapter {int(number)} ({title.lower()}): its starter program and suite only",
            "targets": [f"starter_{number}_{name}", f"test_{number}_{name}_starter"],
        })
    return presets


def test_presets(chapter_list):
    presets = [
        {
            "name": "test-base",
            "hidden": True,
            "configurePreset": "dev",
            "configuration": "Debug",
            "output": {"outputOnFailure": True},
            "execution": {"noTestsAction": "error", "jobs": JOBS},
        },
        {"name": "solution", "inherits": "test-base", "description": "Every chapter's tests against solution/",
         "filter": {"include": {"label": "^solution$"}}},
        {"name": "starter", "inherits": "test-base", "description": "Every chapter's tests against starter_code/",
         "filter": {"include": {"label": "^starter$"}}},
        {"name": "docs", "inherits": "test-base", "description": "lesson.md listings against the files they name",
         "filter": {"include": {"label": "^docs$"}}},
    ]
    for number, _, title in chapter_list:
        presets.append({
            "name": f"ch{number}",
            "inherits": "test-base",
            "description": f"Chapter {int(number)} ({title.lower()}): the tests of starter_code/",
            "filter": {"include": {"name": f"^starter\\.ch{number}\\."}},
        })
    presets += [
        {"name": "release-solution", "inherits": "solution", "configurePreset": "release",
         "configuration": "Release"},
        {"name": "sanitize-solution", "inherits": "solution", "configurePreset": "sanitize"},
    ]
    return presets


def workflow_presets(chapter_list):
    presets = [{
        "name": "check",
        "description": "Configure, build the solutions and their suites, run the suites (dev preset)",
        "steps": [{"type": "configure", "name": "dev"}, {"type": "build", "name": "solution"},
                  {"type": "test", "name": "solution"}],
    }]
    for number, _, title in chapter_list:
        presets.append({
            "name": f"ch{number}",
            "description": f"Chapter {int(number)} ({title.lower()}): build your code and run its tests",
            "steps": [{"type": "configure", "name": "dev"}, {"type": "build", "name": f"ch{number}"},
                      {"type": "test", "name": f"ch{number}"}],
        })
    return presets


def presets_text():
    chapter_list = chapters()
    data = {
        "version": 6,
        "cmakeMinimumRequired": {"major": 3, "minor": 25, "patch": 0},
        "configurePresets": configure_presets(),
        "buildPresets": build_presets(chapter_list),
        "testPresets": test_presets(chapter_list),
        "workflowPresets": workflow_presets(chapter_list),
    }
    return json.dumps(data, indent=2) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    wanted = presets_text()
    current = PRESETS.read_text(encoding="utf-8") if PRESETS.exists() else ""
    if not args.check:
        if current != wanted:
            PRESETS.write_text(wanted, encoding="utf-8")
            print("wrote CMakePresets.json")
        return 0
    if current.replace("\r\n", "\n") != wanted:
        print("presets: CMakePresets.json differs from what the chapter list gives:")
        diff = difflib.unified_diff(wanted.split("\n"), current.split("\n"), "expected",
                                    "CMakePresets.json", lineterm="", n=1)
        for line in list(diff)[:40]:
            print("    " + line)
        print("presets: run 'python3 tests/tools/make_presets.py' to remake it")
        return 1
    print(f"presets: CMakePresets.json matches the {len(chapters())} chapters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
