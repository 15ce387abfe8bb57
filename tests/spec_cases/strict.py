#!/usr/bin/env python3
"""The stricter half of the spec cases (tests/spec_cases/cases.json): for each case with a
"strict" member, the whole of what the spec decides about its report, which the conformance
runner's "any error at" checks cannot pin down.

  errs     every error, in report order, as [code, path, offset]
  all      every diagnostic, in report order, as [severity, code, path, offset]
  warns    the warnings' paths (any order); infos: the info notes' paths
  nocodes  codes no error may carry
  eff_int  JSON Pointers into "effective" that must hold integers (rentention_day rounded down)

Every report is also checked to list its diagnostics by offset, null first.
usage: strict.py --cli PATH/TO/bpv [--cases FILE]   (exit 0 only if some ran and all held)
"""
import argparse, base64, json, os, subprocess, sys


def body_of(case):
    if "body_b64" in case:
        return base64.b64decode(case["body_b64"])
    if "body" in case:
        return case["body"].encode("utf-8")
    return json.dumps(case["body_json"], separators=(",", ":")).encode("utf-8")


def pointer(doc, ptr):
    for token in ptr.split("/")[1:]:
        doc = doc.get(token.replace("~1", "/").replace("~0", "~")) if isinstance(doc, dict) else None
    return doc


def problems_of(case, cli):
    want = case["strict"]
    run = subprocess.run([cli, "validate", "--format", "json", *case.get("args", []), "-"],
                         input=body_of(case), capture_output=True, timeout=60)
    lines = run.stdout.decode("utf-8", "replace").splitlines()
    if run.returncode not in (0, 1) or len(lines) != 1:
        return [f"exit {run.returncode}, {len(lines)} lines of output"]
    report = json.loads(lines[0])
    diags = report["diagnostics"]
    by = lambda severity: [d for d in diags if d["severity"] == severity]
    found = []
    errors = [[d["code"], d["path"], d["offset"]] for d in by("error")]
    if "errs" in want and errors != want["errs"]:
        found.append(f"errors {errors}, expected {want['errs']}")
    if "all" in want:
        every = [[d["severity"], d["code"], d["path"], d["offset"]] for d in diags]
        if every != want["all"]:
            found.append(f"diagnostics {every}, expected {want['all']}")
    for key, severity in (("warns", "warning"), ("infos", "info")):
        if key in want:
            paths = sorted(d["path"] for d in by(severity))
            if paths != sorted(want[key]):
                found.append(f"{severity} paths {paths}, expected {sorted(want[key])}")
    unwanted = [e[0] for e in errors if e[0] in want.get("nocodes", [])]
    if unwanted:
        found.append(f"codes {unwanted} must not appear")
    for ptr in want.get("eff_int", []):
        value = pointer(report.get("effective"), ptr)
        if type(value) is not int:
            found.append(f"effective{ptr} is {value!r}, not an integer")
    offsets = [-1 if d["offset"] is None else d["offset"] for d in diags]
    if offsets != sorted(offsets):
        found.append(f"diagnostics not in offset order: {offsets}")
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--cases", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases.json"))
    args = ap.parse_args()
    cases = [c for c in json.load(open(args.cases, encoding="utf-8")) if "strict" in c]
    failed = 0
    for case in cases:
        found = problems_of(case, args.cli)
        if found:
            failed += 1
            print(f"FAIL {case['id']}: " + "; ".join(found))
    print(f"{len(cases) - failed} passed, {failed} failed")
    return 0 if cases and not failed else 1


if __name__ == "__main__":
    sys.exit(main())
