#!/usr/bin/env python3
"""Differential test: bpv against the independent reference model (tests/model/bpv_model.py).

usage: differential.py --cli PATH [--count N] [--seed S] [--keep DIR]

Generates N request bodies (default 3000) with a fixed seed, mostly near-valid bodies of
"Modifying a Backup Policy", runs `bpv validate --format json` on them in batches of 200 files
per invocation (cases grouped by --policy-id / --default-policy), and compares each report with
the model: valid; the multiset of (code, path) of errors; first_code; the offset of each error;
warning paths; info paths; effective (when valid). Prints one line per mismatching case (up to
30), then `N passed, N failed`. Exit 0 only when none failed.
"""
import argparse
import collections
import json
import os
import random
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "model"))
from bpv_model import validate  # noqa: E402

BATCH = 200
SP_NAMES = ["start_time", "frequency", "week_frequency", "rentention_num", "rentention_day",
            "remain_first_backup_of_curMonth", "status"]
TOP_NAMES = ["backup_policy_name", "scheduled_policy", "time_zone"]
DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

# the distinct UTC offsets of the tz database, as minutes (shared/suites/tzdata_offsets.txt)
TZ_VALID = [-720, -660, -600, -570, -540, -480, -420, -360, -300, -240, -210, -180, -120, -60,
            0, 60, 120, 180, 210, 240, 270, 300, 330, 345, 360, 390, 420, 480, 525, 540, 570,
            600, 630, 660, 720, 765, 780, 825, 840]


def load_tz_offsets():
    path = os.path.join(HERE, "..", "..", "shared", "suites", "tzdata_offsets.txt")
    path = os.path.normpath(path)
    out = []
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                t = line.strip()
                if t.startswith("UTC") and len(t) == 9 and t[3] in "+-":
                    sign = 1 if t[3] == "+" else -1
                    out.append(sign * (int(t[4:6]) * 60 + int(t[7:9])))
    except OSError:
        pass
    return out or TZ_VALID


def tz_text(minutes):
    sign = "+" if minutes >= 0 else "-"
    m = abs(minutes)
    return "UTC%s%02d:%02d" % (sign, m // 60, m % 60)


class Gen:
    def __init__(self, rng):
        self.r = rng
        self.tzs = load_tz_offsets()

    # ---- lexical helpers -------------------------------------------------------------
    def ws(self):
        r = self.r.random()
        if r < 0.55:
            return ""
        if r < 0.8:
            return " "
        return self.r.choice(["\n", "\t", "  ", "\r\n", "\n    ", " \t "])

    def jstr(self, s, esc=0.0):
        """JSON string literal for s; each ASCII char escaped as \\uXXXX with prob esc,
        and '<'/'>' sometimes written as \\u003c / \\u003e."""
        out = ['"']
        for ch in s:
            o = ord(ch)
            if ch == '"':
                out.append('\\"')
            elif ch == "\\":
                out.append("\\\\")
            elif o < 0x20:
                out.append({"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(ch, "\\u%04x" % o))
            elif ch in "<>" and self.r.random() < 0.4:
                out.append("\\u%04x" % o if self.r.random() < 0.5 else "\\u%04X" % o)
            elif o < 0x80 and esc and self.r.random() < esc:
                out.append("\\u%04x" % o)
            else:
                out.append(ch)
        out.append('"')
        return "".join(out)

    def s(self, text, esc=None):
        if esc is None:
            esc = 0.15 if self.r.random() < 0.08 else 0.0
        return self.jstr(text, esc)

    def obj(self, members):
        if not members:
            return "{" + self.ws() + "}"
        parts = []
        for k, v in members:
            parts.append(self.ws() + k + self.ws() + ":" + self.ws() + v + self.ws())
        return "{" + ",".join(parts) + "}"

    def arr(self, items):
        if not items:
            return "[" + self.ws() + "]"
        return "[" + ",".join(self.ws() + it + self.ws() for it in items) + "]"

    def wrong(self, exclude=()):
        pool = ["null", "true", "false", "0", "1", "-1", "1.5", '"x"', '""', "[]", "{}",
                '["MON"]', '{"a":1}', "12", '"12:00"', '"ON"']
        pool = [p for p in pool if p not in exclude]
        return self.r.choice(pool)

    # ---- values ------------------------------------------------------------------------
    def name_value(self):
        r = self.r.random()
        if r < 0.55:
            return self.s(self.r.choice(["policy_01", "a", "Test_02", "x" * 64, "daily-1",
                                         "A_b-C", "p1", "Z9", "_", "-", "backup_2024"]))
        if r < 0.88:
            return self.s(self.r.choice([
                "", "x" * 65, "y" * 70, "default", "default_x", "defaultpolicy", "Default1",
                "mydefault", "policy.01", "my policy", "a<b", "a>b", "<", "tab\there", "é",
                "名前", "a" * 63 + "é", "default.x", "default<", "x" * 65 + ".", "\u00e9" * 64,
                "\u00e9" * 65, "😀", "a\u0000b"[:1] + "b", "a/b", "ab~"]))
        if r < 0.93:
            return self.r.choice(['"\\u0041bc"', '"\\u003cb"', '"a\\u003eb"', '"\\u0064efault"',
                                  '"\\ud83d\\ude00"', '"x\\/y"', '"a\\nb"'])
        return self.wrong()

    def int_value(self, lo, hi):
        r = self.r.random()
        if r < 0.5:
            return str(self.r.randint(lo, hi))
        if r < 0.9:
            return self.r.choice([
                "0", "1", "2", "14", "15", "99999", "100000", "1.5", "7.9", "2.0", "1e0",
                "1E1", "1e400", "-0", "-1", "123456789012345678901234567890",
                "-123456789012345678901234567890", "99999.99999999999999999", "10", "3",
                "18446744073709551617", "9223372036854775808", "14.0", "2e0", "0.2e1",
                "1e-400", "13", "7"])
        return self.wrong(exclude=("0", "1", "-1", "12"))

    def day_value(self):
        r = self.r.random()
        if r < 0.4:
            return str(self.r.randint(2, 99999))
        if r < 0.9:
            return self.r.choice([
                "0", "1", "2", "99999", "100000", "1.5", "7.9", "2.0", "1e0", "2e0", "1e400",
                "-0", "-2.5", "123456789012345678901234567890", "99999.99999999999999999",
                "99999.9", "100000.0", "1.999999999999999999999", "2.000001", "0.2e1", "1E2",
                "9.9999e4", "1e5", "30", "1e-400", "2.5E+1", "99998.5"])
        return self.wrong(exclude=("0", "1", "-1", "12", "1.5"))

    def enum_value(self, valid, near):
        r = self.r.random()
        if r < 0.6:
            return self.s(self.r.choice(valid))
        if r < 0.9:
            return self.s(self.r.choice(near))
        return self.wrong(exclude=tuple('"%s"' % v for v in valid))

    def tz_minutes(self):
        return self.r.choice(self.tzs)

    def tz_value(self, minutes=None):
        r = self.r.random()
        if minutes is not None or r < 0.6:
            return self.s(tz_text(self.tz_minutes() if minutes is None else minutes))
        if r < 0.93:
            return self.s(self.r.choice([
                "UTC+14:30", "UTC-12:30", "UTC+8:00", "GMT+08:00", "utc+08:00", "UTC+08:60",
                "UTC-03:60", "UTC+08:00 ", " UTC+08:00", "UTC 08:00", "UTC+0800", "UTC",
                "UTC+15:00", "UTC-13:00", "UTC+14:00", "UTC-12:00", "UTC+05:45", "+08:00",
                "UTC+08", "UTC+08:0", "UTC+１:00", "UTC+99:99", "UTC+15:60", "UTC-00:00",
                "UTC+00:00", "UTC+14:01", "UTC-12:01", "UTC+08:000", "UTC*08:00", "Utc+01:00",
                "UTC+8", "", "UTC+08:00<", "UTC+24:00", "UTC−08:00", "UTC+0a:00", "UTC+08:5x"]))
        if r < 0.96:
            return self.r.choice(['"\\u0055TC+08:00"', '"UTC\\u002b02:00"', '"UTC+0\\u0038:00"',
                                  '"UTC+08:\\u0036\\u0030"', '"UTC+1\\u0035:00"'])
        return self.wrong()

    def hours_local_sorted(self, k, z):
        us = self.r.sample(range(24), k)
        us.sort(key=lambda u: (u * 60 + z) % 1440)
        return us

    def start_time_value(self, z):
        """z: the time zone offset in minutes the body will carry (0 if none/invalid)."""
        r = self.r.random()
        hh = lambda u: "%02d:00" % u  # noqa: E731
        if r < 0.4:
            k = self.r.choice([1, 1, 2, 2, 3, 4, 5, 6, 24])
            return self.s(",".join(hh(u) for u in self.hours_local_sorted(k, z)))
        if r < 0.5:  # unordered
            k = self.r.randint(2, 6)
            us = self.r.sample(range(24), k)
            return self.s(",".join(hh(u) for u in us))
        if r < 0.58:  # duplicates (in ordered and in unordered lists)
            k = self.r.randint(1, 5)
            us = self.hours_local_sorted(k, z)
            if self.r.random() < 0.4:
                self.r.shuffle(us)
            for _ in range(self.r.randint(1, 2)):
                i = self.r.randrange(len(us))
                us.insert(self.r.randint(i, len(us)), us[i])
            return self.s(",".join(hh(u) for u in us))
        if r < 0.74:  # one or more broken entries among valid ones
            k = self.r.randint(1, 5)
            parts = [hh(u) for u in self.hours_local_sorted(k, z)]
            for _ in range(self.r.randint(1, 2)):
                bad = self.r.choice(["12:30", "24:00", "9:00", " 12:00", "12:00 ", "", "1200",
                                     "12:00:00", "12-00", "ab:cd", "12:0", "2x:00", "25:30",
                                     "23:59", "00:01", "99:99", "１２:00", "12:60", "T12:00",
                                     "12:00Z", "12.00", "-1:00", "+1:00", "12:", ":00",
                                     "12:00<", "24:30"])
                parts.insert(self.r.randint(0, len(parts)), bad)
            return self.s(",".join(parts))
        if r < 0.8:  # more than 24 pieces
            k = self.r.randint(25, 30)
            parts = [hh(u % 24) for u in range(k)]
            if self.r.random() < 0.5:
                parts[self.r.randrange(k)] = self.r.choice(["", "x", "12:30", " 1:00"])
            if self.r.random() < 0.3:
                parts[24] = ""
            return self.s(",".join(parts))
        if r < 0.9:  # day crossing at the chosen offset
            k = self.r.randint(2, 5)
            return self.s(",".join(hh(u) for u in self.hours_local_sorted(k, z)))
        if r < 0.95:
            return self.r.choice(['"\\u0031\\u0032:00"', '"12\\u003a00,13:00"',
                                  '"10:00,\\u0031\\u0032:30"', '"12:00\\u002c13:00"',
                                  '"1\\u00332:00"', '"12:00,\\u003c"', '"\\u0032\\u0034:00"',
                                  '"12:00,13:00,"', '",12:00"', '"12:00,,13:00"', '""'])
        return self.wrong(exclude=('"12:00"',))

    def week_value(self):
        r = self.r.random()
        if r < 0.6:
            k = self.r.randint(1, 7)
            return self.arr([self.s(d) for d in self.r.sample(DAYS, k)])
        if r < 0.9:
            c = self.r.random()
            if c < 0.2:
                return self.arr([self.s(d.lower()) for d in self.r.sample(DAYS, 2)])
            if c < 0.4:
                d = self.r.choice(DAYS)
                return self.arr([self.s(d), self.s("TUE" if d != "TUE" else "MON"), self.s(d)])
            if c < 0.55:
                return self.arr([])
            if c < 0.75:
                return self.arr([self.s("MON"), self.r.choice(["1", "null", "true", "[]",
                                                                '{"d":"MON"}'])])
            return self.arr([self.s(self.r.choice(["Mon", "MONDAY", "SUN ", "", "MON<", "M0N",
                                                  "sat", "SAT"]))]
                            + [self.s("FRI")] * self.r.randint(0, 1))
        if r < 0.94:
            return self.r.choice(['["\\u004dON"]', '["MON","\\u004dON"]', '["S\\u0055N","MON"]'])
        return self.wrong(exclude=("[]", '["MON"]'))

    # ---- member names ------------------------------------------------------------------
    def near_miss_name(self, name):
        r = self.r.random()
        spelled = {
            "rentention_num": ["retention_num", "Rentention_Num", "rentention-num",
                               "retentionNum", "rententionnum", "RENTENTION_NUM"],
            "backup_policy_name": ["backup_policy_nam", "backupPolicyName", "backup-policy-name"],
            "scheduled_policy": ["scheduled_polcy", "schedule_policy", "scheduledPolicy"],
            "rentention_day": ["retention_day", "retentionDay", "rentention_days"],
            "remain_first_backup_of_curMonth": ["remain_first_backup_of_curmonth",
                                                "remain_first_backup_of_cur_month"],
            "time_zone": ["timezone", "timeZone", "time_zon", "tz", "timzeone"],
            "week_frequency": ["weekFrequency", "week_frequence", "weekly_frequency"],
            "start_time": ["startTime", "start_tme", "starttimes", "start_times"],
            "status": ["Status", "stats", "statsu", "state", "txsatus", "saxttus"],
            "frequency": ["frequncy", "Frequency", "freq", "frequenzy", "frqeuxency"],
        }
        if r < 0.5 and name in spelled:
            return self.r.choice(spelled[name])
        s = list(name)
        for _ in range(self.r.choice([1, 1, 2, 2, 3])):
            op = self.r.randrange(4)
            i = self.r.randrange(len(s))
            ch = self.r.choice("abcdefghijklmnopqrstuvwxyz_-")
            if op == 0:
                s[i] = ch
            elif op == 1:
                s.insert(i, ch)
            elif op == 2 and len(s) > 1:
                del s[i]
            elif i + 1 < len(s):
                s[i], s[i + 1] = s[i + 1], s[i]
        return "".join(s)

    def unknown_name(self):
        return self.r.choice(["foo", "note", "backup_policy_id", "id", "x", "a/b~c", "", "na<me",
                              "description", "enabled", "policy", "tags", "x>y", "ÿ", "名前",
                              "retention", "weekly", "zone"])

    def extra_member(self, level):
        """An unknown, near-miss or misplaced member for level 'top' or 'sp'."""
        r = self.r.random()
        own = TOP_NAMES if level == "top" else SP_NAMES
        other = SP_NAMES if level == "top" else TOP_NAMES
        if r < 0.4:
            name = self.near_miss_name(self.r.choice(own))
        elif r < 0.65:
            name = self.r.choice(other)
        else:
            name = self.unknown_name()
        val = self.r.choice(['1', '"x"', 'null', '"UTC+08:00"', '"12:00"', '["MON"]', '{}',
                             '{"a":1,"b":[{"c":"<"}]}', '{"a":1,"a":2}', '"<b>"', '5',
                             '{"frequency":1}'])
        return (self.s(name), val)

    # ---- bodies --------------------------------------------------------------------------
    def scheduled_policy(self, tz_ok_minutes):
        r = self.r.random()
        if r < 0.04:
            return self.wrong(exclude=("{}", '{"a":1}'))
        members = []
        fr = self.r.random()
        has_f = fr < 0.45 or fr >= 0.8
        has_w = fr >= 0.45 and fr < 0.95 and not (fr >= 0.8 and fr < 0.9)
        if fr >= 0.95:
            has_f = has_w = False
        if has_f:
            members.append(("frequency", self.int_value(1, 14)))
        if has_w:
            members.append(("week_frequency", self.week_value()))
        if self.r.random() < 0.7:
            members.append(("start_time", self.start_time_value(tz_ok_minutes)))
        rr = self.r.random()
        if rr < 0.35:
            members.append(("rentention_num", self.int_value(2, 14)))
        elif rr < 0.65:
            members.append(("rentention_day", self.day_value()))
        elif rr < 0.8:
            members.append(("rentention_num", self.int_value(2, 14)))
            members.append(("rentention_day", self.day_value()))
        if self.r.random() < 0.5:
            members.append(("remain_first_backup_of_curMonth",
                            self.enum_value(["Y", "N"], ["y", "n", "YES", "", "Y ", "Y<", "N>"])))
        if self.r.random() < 0.5:
            members.append(("status", self.enum_value(["ON", "OFF"],
                                                      ["on", "Off", "", "ENABLED", "ON "])))
        self.r.shuffle(members)
        out = [(self.s(k), v) for k, v in members]
        self.decorate(out, "sp")
        return self.obj(out)

    def decorate(self, out, level):
        """Extra, duplicate and escaped-name members."""
        if self.r.random() < 0.25:
            for _ in range(self.r.randint(1, 2)):
                out.insert(self.r.randint(0, len(out)), self.extra_member(level))
        if out and self.r.random() < 0.08:
            k, v = self.r.choice(out)
            name = json.loads(k)
            if self.r.random() < 0.5 and name:
                i = self.r.randrange(len(name))
                k2 = self.jstr(name[:i]) [:-1] + "\\u%04x" % ord(name[i]) + self.jstr(name[i + 1:])[1:]
            else:
                k2 = k
            out.insert(self.r.randint(out.index((k, v)) + 1, len(out)), (k2, self.r.choice(
                [v, '"x"', '1', 'null', '{"frequency":1}'])))

    def body(self, odd=True):
        r = self.r.random()
        if odd and r < 0.05:
            return self.odd_body()
        members = []
        tz_minutes = 0
        tz_member = None
        if self.r.random() < 0.5:
            if self.r.random() < 0.8:
                tz_minutes = self.tz_minutes()
                tz_member = self.tz_value(tz_minutes)
            else:
                tz_member = self.tz_value()
        if self.r.random() < 0.6:
            members.append(("backup_policy_name", self.name_value()))
        if self.r.random() < 0.85:
            members.append(("scheduled_policy", self.scheduled_policy(tz_minutes)))
        if tz_member is not None:
            members.append(("time_zone", tz_member))
        if self.r.random() < 0.15:
            self.r.shuffle(members)
        out = [(self.s(k), v) for k, v in members]
        self.decorate(out, "top")
        return self.ws() + self.obj(out) + self.ws()

    def odd_body(self):
        r = self.r.random()
        if r < 0.5:
            return self.r.choice([
                "", "  ", "\n\t ", "{}", " {} ", '{"foo":1}', '{"foo":1,"foo":2}', "[]", "null",
                "1", '"x"', " [1]", "{} x", '{"backup_policy_name":"a"}{}', "\ufeff{}",
                '{"backup_policy_name":"a",}', '{"backup_policy_name":"a"', '{"a":01}',
                '{"backup_policy_name":"\\ud800"}', '{"backup_policy_name":"abc}',
                '{"x":' + "[" * 63 + "]" * 63 + ',"backup_policy_name":"a"}',
                '{"x":' + "[" * 64 + "]" * 64 + ',"backup_policy_name":"a"}',
                '{"note":"<"}', '{"scheduled_policy":{}}', '{"time_zone":"UTC+01:00"}',
                '{"backup_policy_name":"a","x":{"y":{"z":1,"z":2}}}',
                '{"\\u0062ackup_policy_name":"a","backup_policy_name":"b"}',
                '{"backup_policy_name":"a","backup_policy_name":"b","backup_policy_name":"c"}',
                '{"scheduled_policy":{"frequency":1,"time_zone":"UTC+01:00"}}',
                '{"start_time":"12:00","frequency":1}',
                '{"backup_policy_nam":"x"}', '{"Time_Zone":"UTC+01:00"}',
                '"<script>"', ' "a\\u003eb" ', '["<",{"a":1,"a":2}]', "[" * 64 + '"<"' + "]" * 64,
                "[" * 65 + '"<"' + "]" * 65, "[" * 65 + '"<"' + "]" * 64, '[1,"{",2]',
                '{"a":"<","x":{"y":1,"y":2},"z":' + "[" * 65 + "]" * 65 + '}',
            ])
        b = self.body(odd=False)
        if r < 0.6:  # JSON, not an object: the rules that hold anywhere still hold in it
            return "[" + b + "," + self.r.choice(['"<x>"', '"ok"', "1", '{"k":1,"k":2}']) + "]"
        if r < 0.8 and len(b) > 2:
            return b[: self.r.randrange(1, len(b))]
        raw = b.encode("utf-8")
        bad = self.r.choice([b"\x01", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xc0\xaf"])
        i = raw.find(b'"')
        return raw if i < 0 else raw[:i + 2] + bad + raw[i + 2:]


def run_bpv(cli, files, policy_id, default_policy):
    args = [cli, "validate", "--format", "json"]
    if policy_id is not None:
        args += ["--policy-id", policy_id]
    if default_policy:
        args.append("--default-policy")
    proc = subprocess.run(args + files, capture_output=True, timeout=300)
    if proc.returncode not in (0, 1):
        raise SystemExit("bpv exited %d: %s" % (proc.returncode, proc.stderr[:500]))
    lines = [l for l in proc.stdout.decode("utf-8").splitlines() if l.strip()]
    if len(lines) != len(files):
        raise SystemExit("bpv printed %d reports for %d files" % (len(lines), len(files)))
    reps = [json.loads(l) for l in lines]
    for f, rep in zip(files, reps):
        if rep.get("source") != f:
            raise SystemExit("report for %r where %r was expected" % (rep.get("source"), f))
    return reps


def summarize_bpv(rep):
    diags = rep.get("diagnostics") or []
    errors = [(d["code"], d["path"], d["offset"]) for d in diags if d["severity"] == "error"]
    resp = rep.get("response") or {}
    first = resp.get("error", {}).get("code") if isinstance(resp.get("error"), dict) else None
    return {
        "valid": rep.get("valid"),
        "http_status": rep.get("http_status"),
        "errors": errors,
        "warnings": [(d["path"], d["offset"]) for d in diags if d["severity"] == "warning"],
        "infos": [(d["path"], d["offset"]) for d in diags if d["severity"] == "info"],
        "first_code": first,
        "first_diag_code": errors[0][0] if errors else None,
        "effective": rep.get("effective"),
    }


def short(code):
    return code.replace("AutoBackup.", "") if isinstance(code, str) else code


def compare(m, b):
    """List of mismatch descriptions (empty when the reports agree)."""
    out = []
    if m["valid"] != b["valid"]:
        out.append("valid m=%s b=%s" % (m["valid"], b["valid"]))
    if b["http_status"] != (200 if b["valid"] else 400):
        out.append("bpv http_status %s with valid=%s" % (b["http_status"], b["valid"]))
    mcp = collections.Counter((c, p) for c, p, _ in m["errors"])
    bcp = collections.Counter((c, p) for c, p, _ in b["errors"])
    if mcp != bcp:
        only_m = sorted((mcp - bcp).elements())
        only_b = sorted((bcp - mcp).elements())
        out.append("errors only-model=%s only-bpv=%s" % (
            [(short(c), p) for c, p in only_m], [(short(c), p) for c, p in only_b]))
    else:
        mo = collections.Counter(m["errors"])
        bo = collections.Counter(b["errors"])
        if mo != bo:
            out.append("offsets model=%s bpv=%s" % (
                sorted((short(c), p, o) for c, p, o in (mo - bo).elements()),
                sorted((short(c), p, o) for c, p, o in (bo - mo).elements())))
    if m["first_code"] != b["first_code"]:
        out.append("first_code m=%s b=%s" % (short(m["first_code"]), short(b["first_code"])))
    if b["first_code"] != b["first_diag_code"]:
        out.append("bpv response code %s != first error diagnostic %s" % (
            short(b["first_code"]), short(b["first_diag_code"])))
    mw = collections.Counter(p for p, _ in m["warnings"])
    bw = collections.Counter(p for p, _ in b["warnings"])
    if mw != bw:
        out.append("warnings m=%s b=%s" % (sorted(mw.elements()), sorted(bw.elements())))
    mi = collections.Counter(p for p, _ in m["infos"])
    bi = collections.Counter(p for p, _ in b["infos"])
    if mi != bi:
        out.append("infos m=%s b=%s" % (sorted(mi.elements()), sorted(bi.elements())))
    if m["valid"] and b["valid"] and m["effective"] != b["effective"]:
        out.append("effective m=%s b=%s" % (json.dumps(m["effective"], sort_keys=True),
                                            json.dumps(b["effective"], sort_keys=True)))
    return out


def make_cases(count, seed):
    rng = random.Random(seed)
    g = Gen(rng)
    cases = []
    for _ in range(count):
        body = g.body()
        if isinstance(body, str):
            body = body.encode("utf-8")
        r = rng.random()
        policy_id = None if r < 0.75 else ("" if r < 0.8 else "af8a20b0-117d-4fc3")
        default_policy = rng.random() < 0.1
        cases.append((body, policy_id, default_policy))
    return cases


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--count", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--keep", help="write the bodies here instead of a temporary directory")
    ap.add_argument("--show", type=int, default=30, help="mismatching cases to print")
    a = ap.parse_args()

    cases = make_cases(a.count, a.seed)
    tmp = None
    if a.keep:
        os.makedirs(a.keep, exist_ok=True)
        workdir = a.keep
    else:
        tmp = tempfile.TemporaryDirectory(prefix="bpv-diff-")
        workdir = tmp.name
    files = []
    for i, (body, _pid, _dflt) in enumerate(cases):
        path = os.path.join(workdir, "case%05d.json" % i)
        with open(path, "wb") as fh:
            fh.write(body)
        files.append(path)

    groups = collections.defaultdict(list)
    for i, (_body, pid, dflt) in enumerate(cases):
        groups[(pid, dflt)].append(i)
    reports = [None] * len(cases)
    for (pid, dflt), idxs in sorted(groups.items(), key=lambda kv: repr(kv[0])):
        for k in range(0, len(idxs), BATCH):
            chunk = idxs[k:k + BATCH]
            reps = run_bpv(a.cli, [files[i] for i in chunk], pid, dflt)
            for i, rep in zip(chunk, reps):
                reports[i] = rep

    passed = failed = 0
    for i, (body, pid, dflt) in enumerate(cases):
        m = validate(body, policy_id=pid, default_policy=dflt)
        b = summarize_bpv(reports[i])
        problems = compare(m, b)
        if problems:
            failed += 1
            if failed <= a.show:
                flags = []
                if pid is not None:
                    flags.append("--policy-id %r" % pid)
                if dflt:
                    flags.append("--default-policy")
                print("case %d %s%s: %s" % (i, body[:400], (" [" + " ".join(flags) + "]")
                                            if flags else "", " | ".join(problems)))
        else:
            passed += 1
    if tmp is not None:
        tmp.cleanup()
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
