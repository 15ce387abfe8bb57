#!/usr/bin/env python3
"""Runs nst/JSONTestSuite (../shared/suites/JSONTestSuite) through `bpv validate --format json`.

Checks, from ../shared/contract/cli.md, ../shared/spec/decisions.md and ../shared/suites/README.md:
  - no crash: the exit status is 0, 1 or 2, never a signal or a hang;
  - every file gets exactly one report line, in order, that is JSON with the keys of cli.md
    (and the invariants that tie them: valid <-> no error, http_status, response, effective);
  - n_ files are refused with first error AutoBackup.0008, except n_structure_no_data.json and
    n_single_space.json (empty / only white space): AutoBackup.0000;
  - y_ files whose top level is an object get no AutoBackup.0008 error, unless they have
    duplicate member names (y_object_duplicated_key*.json): then they must get 0008, a documented
    departure; y_ files whose top level is not an object get first error AutoBackup.0008;
  - test_transform files follow the same rule as y_ files when they are JSON (duplicates: 0008);
  - i_ files (and transform files that are not JSON) only need a report.
Many files go to one invocation; when a batch misbehaves, its files are run one by one so that
the failure is pinned on the right file.

Prints one line per failing file, then `N passed, N failed`. Exit status 0 only when none failed.
"""

import argparse
import json
import os
import re
import subprocess
import sys

REPORT_KEYS = {"source", "valid", "http_status", "response", "diagnostics", "effective"}
DIAG_KEYS = {"rule", "severity", "code", "path", "offset", "message"}
CODE_RE = re.compile(r"AutoBackup\.[0-9]{4}\Z")
EMPTY_BODY_FILES = {"n_structure_no_data.json", "n_single_space.json"}
JSON_SPACE = b" \t\n\r"
BATCH = 64
TIMEOUT = 120  # seconds per invocation


class DuplicateKey(Exception):
    pass


def strict_pairs(pairs):
    seen = set()
    for key, _ in pairs:
        if key in seen:
            raise DuplicateKey(key)
        seen.add(key)
    return dict(pairs)


def reject_constant(name):
    raise ValueError("not JSON: " + name)


def load_report(line):
    """The report on one output line, strictly: UTF-8, JSON, no duplicate names."""
    text = line.decode("utf-8")  # raises on bytes that are not UTF-8
    return json.loads(text, object_pairs_hook=strict_pairs, parse_constant=reject_constant)


def has_duplicate_names(data):
    """True when the JSON text has a repeated member name anywhere (after unescaping);
    None when Python cannot read the text as JSON."""
    found = []

    def hook(pairs):
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            found.append(True)
        return dict(pairs)

    try:
        json.loads(data.decode("utf-8"), object_pairs_hook=hook, parse_constant=reject_constant)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    return bool(found)


def is_object_text(data):
    return data.lstrip(JSON_SPACE)[:1] == b"{"


def shape_problems(rep, source):
    """What in one report breaks cli.md."""
    if not isinstance(rep, dict):
        return ["the report is not a JSON object"]
    if set(rep) != REPORT_KEYS:
        return ["report keys %s, cli.md names %s" % (sorted(rep), sorted(REPORT_KEYS))]
    p = []
    if rep["source"] != source:
        p.append("source %r, expected %r" % (rep["source"], source))
    valid = rep["valid"]
    if not isinstance(valid, bool):
        return p + ["valid is not a boolean"]
    if rep["http_status"] != (200 if valid else 400) or isinstance(rep["http_status"], bool):
        p.append("http_status %r with valid=%r" % (rep["http_status"], valid))
    diags = rep["diagnostics"]
    if not isinstance(diags, list):
        return p + ["diagnostics is not an array"]
    first_error = None
    last = None
    seen_number = False
    for i, d in enumerate(diags):
        where = "diagnostic %d: " % i
        if not isinstance(d, dict) or set(d) != DIAG_KEYS:
            p.append(where + "keys are not %s" % sorted(DIAG_KEYS))
            continue
        if not isinstance(d["rule"], str) or not d["rule"]:
            p.append(where + "rule empty or not a string")
        sev = d["severity"]
        if sev not in ("error", "warning", "info"):
            p.append(where + "severity %r" % (sev,))
        code = d["code"]
        if sev == "error":
            if not (isinstance(code, str) and CODE_RE.match(code)):
                p.append(where + "an error without a service code: %r" % (code,))
            if first_error is None:
                first_error = d
        elif code is not None and not (isinstance(code, str) and CODE_RE.match(code)):
            p.append(where + "code %r" % (code,))
        path = d["path"]
        if not isinstance(path, str) or (path and not path.startswith("/")):
            p.append(where + "path %r is not a JSON Pointer" % (path,))
        off = d["offset"]
        if off is None:
            if seen_number:
                p.append(where + "null offset after a numeric one (null first)")
        elif isinstance(off, bool) or not isinstance(off, int) or off < 0:
            p.append(where + "offset %r" % (off,))
        else:
            if last is not None and off < last:
                p.append(where + "diagnostics not ordered by offset")
            last = off
            seen_number = True
        if not isinstance(d["message"], str) or not d["message"]:
            p.append(where + "message empty or not a string")
    if valid != (first_error is None):
        p.append("valid=%r but %s error diagnostic" % (valid, "an" if first_error else "no"))
    resp = rep["response"]
    eff = rep["effective"]
    if valid:
        if not (isinstance(resp, dict) and set(resp) == {"backup_policy_id"}):
            p.append("a valid report's response is not {backup_policy_id}: %r" % (resp,))
        if not isinstance(eff, dict):
            p.append("a valid report's effective is not an object")
    else:
        err = resp.get("error") if isinstance(resp, dict) and set(resp) == {"error"} else None
        if not (isinstance(err, dict) and set(err) == {"code", "message"}):
            p.append("an invalid report's response is not {error: {code, message}}: %r" % (resp,))
        elif first_error is not None and (err["code"] != first_error["code"] or err["message"] != first_error["message"]):
            p.append("response.error is not the first error (%r, first error %r)" % (err["code"], first_error["code"]))
        if eff is not None:
            p.append("effective is not null although invalid")
    return p


def error_codes(rep):
    return [d["code"] for d in rep["diagnostics"] if d["severity"] == "error"]


def expectation_problems(path, rep):
    """What in a well-formed report breaks the suite's expectations for this file."""
    name = os.path.basename(path)
    kind = os.path.basename(os.path.dirname(path))
    errors = error_codes(rep)
    first = errors[0] if errors else None
    with open(path, "rb") as f:
        data = f.read()
    if kind == "test_parsing" and name.startswith("n_"):
        want = "AutoBackup.0000" if name in EMPTY_BODY_FILES else "AutoBackup.0008"
        if rep["valid"] or first != want:
            return ["must be refused with first error %s, got %s" % (want, errors or "valid")]
        return []
    if (kind == "test_parsing" and name.startswith("y_")) or kind == "test_transform":
        duplicates = has_duplicate_names(data)
        if duplicates is None:
            if kind == "test_parsing":
                return ["internal: Python cannot read this y_ file as JSON"]
            return []  # not JSON (invalid UTF-8): only a report is needed
        if is_object_text(data):
            if duplicates and "AutoBackup.0008" not in errors:
                return ["duplicate member names must get AutoBackup.0008 (decisions.md), got %s" % (errors or "valid")]
            if not duplicates and "AutoBackup.0008" in errors:
                return ["a JSON object must not get AutoBackup.0008, got %s" % errors]
        elif first != "AutoBackup.0008":
            return ["a top level that is not an object must get first error AutoBackup.0008, got %s" % (errors or "valid")]
        return []
    return []  # i_ files: a report is enough


def run(cli, files):
    """Runs one invocation. Returns (status, stdout, stderr); status is None on a timeout and
    negative for a signal."""
    try:
        p = subprocess.run([cli, "validate", "--format", "json", *files], stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
    except subprocess.TimeoutExpired as e:
        return None, e.stdout or b"", e.stderr or b""
    return p.returncode, p.stdout, p.stderr


def check_batch(cli, files):
    """Returns ({file: [problems]}, None) for the files of one invocation, or (None, why) when
    the invocation as a whole misbehaved (so the files must be run one at a time)."""
    status, out, err = run(cli, files)
    if status is None:
        return None, "timed out after %d s" % TIMEOUT
    if status not in (0, 1):
        return None, "exit status %d (stderr %r)" % (status, err[:200])
    lines = out.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    elif out:
        return None, "the last report line is not terminated"
    if len(lines) != len(files):
        return None, "%d report lines for %d inputs" % (len(lines), len(files))
    result = {}
    any_invalid = False
    for path, line in zip(files, lines):
        problems = []
        try:
            rep = load_report(line)
        except (ValueError, UnicodeDecodeError, DuplicateKey) as e:
            problems.append("report line is not JSON (%s): %r" % (e, line[:200]))
            rep = None
        if rep is not None:
            problems += shape_problems(rep, path)
            if not problems:
                problems += expectation_problems(path, rep)
                any_invalid = any_invalid or not rep["valid"]
        result[path] = problems
    if status != (1 if any_invalid else 0):
        # which file is to blame is found one by one
        return None, "exit status %d, expected %d" % (status, 1 if any_invalid else 0)
    return result, None


def check_alone(cli, path):
    status, out, err = run(cli, [path])
    if status is None:
        return ["timed out after %d s" % TIMEOUT]
    if status < 0:
        return ["killed by signal %d" % -status]
    if status not in (0, 1, 2):
        return ["exit status %d (only 0, 1, 2 are allowed)" % status]
    lines = out.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    if len(lines) != 1:
        return ["%d report lines for one input (exit %d, stderr %r)" % (len(lines), status, err[:200])]
    try:
        rep = load_report(lines[0])
    except (ValueError, UnicodeDecodeError, DuplicateKey) as e:
        return ["report line is not JSON (%s): %r" % (e, lines[0][:200])]
    problems = shape_problems(rep, path)
    if problems:
        return problems
    problems = expectation_problems(path, rep)
    want = 0 if rep["valid"] else 1
    if status != want:
        problems.append("exit status %d, expected %d for a readable %s input" % (status, want, "valid" if rep["valid"] else "invalid"))
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", required=True, help="path of the bpv binary")
    ap.add_argument("--suite", required=True, help="the JSONTestSuite folder (holding test_parsing, test_transform)")
    args = ap.parse_args()

    files = []
    for sub in ("test_parsing", "test_transform"):
        d = os.path.join(args.suite, sub)
        if not os.path.isdir(d):
            print("missing folder %s" % d)
            return 1
        files += sorted(os.path.join(d, n) for n in os.listdir(d) if os.path.isfile(os.path.join(d, n)))
    if not files:
        print("no files in %s" % args.suite)
        return 1

    failures = {}
    for i in range(0, len(files), BATCH):
        batch = files[i:i + BATCH]
        result, why = check_batch(args.cli, batch)
        if result is None:
            result = {path: check_alone(args.cli, path) for path in batch}
            if not any(result.values()):
                # Each file is fine alone, but the invocation with many inputs was not: every
                # file of it failed to get its one report line (or the right exit status).
                result = {path: ["in one invocation with %d inputs: %s" % (len(batch), why)] for path in batch}
        for path, problems in result.items():
            if problems:
                failures[path] = problems

    for path in files:
        if path in failures:
            print("FAIL %s: %s" % (os.path.relpath(path, args.suite), "; ".join(failures[path])))
    failed = len(failures)
    print("%d passed, %d failed" % (len(files) - failed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
