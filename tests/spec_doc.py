#!/usr/bin/env python3
"""docs/SPEC.md, the traceability table, names only what exists: every test (`Suite.Name` or
`Suite.*`) is one of the GoogleTest binaries', every rule ID is in `bpv rules`, every conformance
case is in the public cases or the spec cases, every JSONTestSuite file and every source file
it names is there; and every rule of `bpv rules` has a row.

usage: spec_doc.py --doc SPEC.md --cli BPV --root SOURCE_DIR --shared SHARED_DIR --gtest BIN...
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys

from rule_table import rule_table

TEST = re.compile(r"^([A-Z]\w*)\.(\w+|\*)$")
RULE = re.compile(r"^(\w+)\.(\w+|\*)$")
CASE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")
SUITE_FILE = re.compile(r"^[nyi]_\w+$")
SOURCE = re.compile(r"^[\w./-]+\.(?:cpp|hpp|h|c|py)$")


def gtest_names(binaries):
    """{suite: {test, ...}} of each binary's --gtest_list_tests (parameterised ones by their
    instance name: Every/RuleTable.Fires/x is suite Every/RuleTable)."""
    names = {}
    for b in binaries:
        out = subprocess.run([b, "--gtest_list_tests"], capture_output=True, text=True, check=True).stdout
        suite = None
        for line in out.splitlines():
            if not line.startswith(" "):
                suite = line.strip().rstrip(".")
            else:
                names.setdefault(suite, set()).add(line.split()[0].split("/")[0])
    return names


def case_ids(paths):
    ids = set()
    for p in paths:
        with open(p, encoding="utf-8") as f:
            ids.update(c["id"] for c in json.load(f))
    return ids


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--doc", required=True)
    ap.add_argument("--cli", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--gtest", nargs="+", required=True)
    a = ap.parse_args()

    doc = open(a.doc, encoding="utf-8").read()
    tokens = re.findall(r"`([^`\n]+)`", doc)
    tests = gtest_names(a.gtest)
    rules = [r["rule"] for r in rule_table(a.cli)]
    prefixes = {r.split(".")[0] for r in rules}
    cases = case_ids([f"{a.shared}/conformance/cases.json"] + glob.glob(f"{a.root}/tests/spec_cases/*.json"))
    suite_dir = f"{a.shared}/suites/JSONTestSuite/test_parsing"

    problems, counts = [], {"tests": 0, "rules": 0, "cases": 0, "suite files": 0, "sources": 0}
    for t in sorted(set(tokens)):
        if m := TEST.match(t):
            counts["tests"] += 1
            suite, name = m.groups()
            if suite not in tests or (name != "*" and name not in tests[suite]):
                problems.append(f"test {t} is in no GoogleTest binary")
        elif (m := RULE.match(t)) and m.group(1) in prefixes:
            counts["rules"] += 1
            prefix, rest = m.groups()
            if not (t in rules or (rest == "*" and any(r.startswith(prefix + ".") for r in rules))):
                problems.append(f"rule {t} is not in `bpv rules`")
        elif CASE.match(t):
            counts["cases"] += 1
            if t not in cases:
                problems.append(f"conformance case {t} is in no case file")
        elif SUITE_FILE.match(t):
            counts["suite files"] += 1
            if not os.path.exists(f"{suite_dir}/{t}.json"):
                problems.append(f"JSONTestSuite file {t}.json is not in {suite_dir}")
        elif SOURCE.match(t) and "/" in t:
            counts["sources"] += 1
            if not any(os.path.exists(os.path.join(a.root, d, t)) for d in ("", "src", "tests")):
                problems.append(f"file {t} is not in the source tree")
    named = set(tokens)
    for r in rules:
        if r not in named:
            problems.append(f"rule {r} has no row in {os.path.basename(a.doc)}")
    for p in problems:
        print(p)
    print("spec_doc: " + ", ".join(f"{n} {k}" for k, n in counts.items()) + f" named; {len(problems)} problems")
    return 1 if problems or counts["tests"] == 0 or counts["rules"] == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
