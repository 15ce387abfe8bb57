#!/usr/bin/env python3
"""Independent reference model of bpv (body validator for "Modifying a Backup Policy",
PUT /v2/{project_id}/backuppolicy/{policy_id}).

Written only from ../../../shared/spec/{seed-modifying-a-backup-policy.md, decisions.md,
error-codes.md} and ../../../shared/contract/cli.md, never from bpv's sources, so that a
differential test against bpv compares two independent readings of the same text.

    validate(body: bytes, policy_id=None, default_policy=False) -> dict
        {"valid": bool, "http_status": 200 | 400,
         "errors":   [(code, path, offset), ...]   # ordered as the report orders them
         "warnings": [(path, offset), ...],
         "infos":    [(path, offset), ...],
         "first_code": code of the first error or None,
         "effective": dict | None}

Standard library only. Readings fixed by the project where decisions.md is open:
  * member-level offset = the byte of the member name's opening quote;
  * time_zone out of -12:00..+14:00 -> at the hour's first digit; minute > 59 -> at the
    minute's first digit, and also at the hour's when the hour alone (minute 00) is out of range;
  * more than 24 start_time entries = more than 24 comma-separated pieces, one error at the
    first byte of the 25th piece, whatever their syntax;
  * a string never closed -> at its opening quote;
  * JSON that is not an object -> at its first non-space byte, however deep it nests; within
    the depth limit, the rules that hold anywhere (duplicates, '<' and '>') hold in it too;
  * a body over the size limit (1 MiB) is 0008 (offset null) even if blank.
Readings this model takes where decisions.md leaves room (see the differential test's notes):
  * a start_time entry (what the commas separate) is read on its own: the first character
    that breaks its syntax is an error, and so is each part (hour, minute) that is well-formed
    (two digits between its delimiters) and breaks a rule, at its first digit (so "24:30"
    gives two, "25:0x" two, "250:00" and "12:300" one);
  * a start_time duplicate is reported only as a duplicate and is not the baseline of the
    order check ("the one before it" = the previous time that is not a duplicate);
  * input that ends anywhere inside a string (even inside an escape sequence or a UTF-8
    sequence) is a string never closed, at the opening quote; a bad escape that is complete
    before the end of input is reported at its backslash.
"""
from decimal import Decimal
import sys

MAX_BODY = 1048576
MAX_DEPTH = 64

P = "AutoBackup."
C0000, C0001, C0006, C0008 = P + "0000", P + "0001", P + "0006", P + "0008"
C0100, C0101, C0102, C0103 = P + "0100", P + "0101", P + "0102", P + "0103"
C0104, C0105, C0106, C0107 = P + "0104", P + "0105", P + "0106", P + "0107"
C0221, C0226 = P + "0221", P + "0226"

TOP_MEMBERS = {"backup_policy_name": C0102, "scheduled_policy": C0008, "time_zone": C0226}
SP_MEMBERS = {
    "start_time": C0103,
    "frequency": C0106,
    "week_frequency": C0106,
    "rentention_num": C0107,
    "rentention_day": C0107,
    "remain_first_backup_of_curMonth": C0105,
    "status": C0104,
}
WEEKDAYS = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")


# --------------------------------------------------------------------------- JSON reader

class JsonSyntaxError(Exception):
    def __init__(self, offset, why):
        super().__init__(why)
        self.offset = offset


class JsonDepthError(Exception):
    pass


class Node:
    __slots__ = ("kind", "off", "end", "value", "chars", "offs", "text", "members", "items")

    def __init__(self, kind, off):
        self.kind = kind          # object array string number true false null
        self.off = off            # first byte of the value
        self.end = None           # string: offset of the closing quote
        self.value = None         # string: unescaped text
        self.chars = None         # string: list of code points (as str)
        self.offs = None          # string: raw byte offset where each code point's text starts
        self.text = None          # number: its literal text
        self.members = None       # object: list of Member
        self.items = None         # array: list of Node


class Member:
    __slots__ = ("name", "name_node", "value", "dup")

    def __init__(self, name, name_node, value, dup):
        self.name = name
        self.name_node = name_node
        self.value = value
        self.dup = dup

    @property
    def off(self):
        return self.name_node.off


WS = b" \t\n\r"
ESC = {ord('"'): '"', ord("\\"): "\\", ord("/"): "/", ord("b"): "\b", ord("f"): "\f",
       ord("n"): "\n", ord("r"): "\r", ord("t"): "\t"}
HEX = b"0123456789abcdefABCDEF"


class Reader:
    def __init__(self, data, max_depth=MAX_DEPTH):
        self.d = data
        self.n = len(data)
        self.max_depth = max_depth

    def fail(self, off, why):
        raise JsonSyntaxError(off, why)

    def ws(self, i):
        d, n = self.d, self.n
        while i < n and d[i] in WS:
            i += 1
        return i

    def document(self):
        i = self.ws(0)
        node, i = self.value(i, 1)
        i = self.ws(i)
        if i != self.n:
            self.fail(i, "trailing content")
        return node

    def value(self, i, depth):
        if i >= self.n:
            self.fail(i, "unexpected end of input")
        c = self.d[i]
        if c == 0x7B:
            return self.obj(i, depth)
        if c == 0x5B:
            return self.arr(i, depth)
        if c == 0x22:
            return self.string(i)
        if c == 0x2D or 0x30 <= c <= 0x39:
            return self.number(i)
        for word, kind in ((b"true", "true"), (b"false", "false"), (b"null", "null")):
            if c == word[0]:
                for k in range(len(word)):
                    if i + k >= self.n or self.d[i + k] != word[k]:
                        self.fail(i + k, "bad literal")
                return Node(kind, i), i + len(word)
        self.fail(i, "unexpected character")

    def obj(self, i, depth):
        if depth > self.max_depth:
            raise JsonDepthError()
        node = Node("object", i)
        node.members = []
        seen = set()
        i = self.ws(i + 1)
        if i < self.n and self.d[i] == 0x7D:
            return node, i + 1
        while True:
            if i >= self.n:
                self.fail(i, "unexpected end of input")
            if self.d[i] != 0x22:
                self.fail(i, "expected a member name")
            name_node, i = self.string(i)
            i = self.ws(i)
            if i >= self.n:
                self.fail(i, "unexpected end of input")
            if self.d[i] != 0x3A:
                self.fail(i, "expected ':'")
            i = self.ws(i + 1)
            val, i = self.value(i, depth + 1)
            name = name_node.value
            node.members.append(Member(name, name_node, val, name in seen))
            seen.add(name)
            i = self.ws(i)
            if i >= self.n:
                self.fail(i, "unexpected end of input")
            c = self.d[i]
            if c == 0x2C:
                i = self.ws(i + 1)
                continue
            if c == 0x7D:
                return node, i + 1
            self.fail(i, "expected ',' or '}'")

    def arr(self, i, depth):
        if depth > self.max_depth:
            raise JsonDepthError()
        node = Node("array", i)
        node.items = []
        i = self.ws(i + 1)
        if i < self.n and self.d[i] == 0x5D:
            return node, i + 1
        while True:
            val, i = self.value(i, depth + 1)
            node.items.append(val)
            i = self.ws(i)
            if i >= self.n:
                self.fail(i, "unexpected end of input")
            c = self.d[i]
            if c == 0x2C:
                i = self.ws(i + 1)
                continue
            if c == 0x5D:
                return node, i + 1
            self.fail(i, "expected ',' or ']'")

    def hex4(self, i, esc, start):
        """Four hex digits at i of the \\u escape whose backslash is at esc. A bad digit is
        reported at the backslash (the escape is read as a unit); input that ends first is
        a string never closed (reported at its opening quote, start)."""
        for k in range(4):
            if i + k >= self.n:
                self.fail(start, "string never closed")
            if self.d[i + k] not in HEX:
                self.fail(esc, "bad \\u escape")
        return int(self.d[i:i + 4].decode("ascii"), 16)

    def utf8(self, i, start):
        """Decode one UTF-8 sequence at i (lead byte >= 0x80); returns (char, next).
        Invalid -> at the lead byte; cut off by the end of input -> string never closed."""
        d, n = self.d, self.n
        b = d[i]
        if 0xC2 <= b <= 0xDF:
            need, lo, hi = 1, 0x80, 0xBF
        elif b == 0xE0:
            need, lo, hi = 2, 0xA0, 0xBF
        elif 0xE1 <= b <= 0xEC or 0xEE <= b <= 0xEF:
            need, lo, hi = 2, 0x80, 0xBF
        elif b == 0xED:
            need, lo, hi = 2, 0x80, 0x9F
        elif b == 0xF0:
            need, lo, hi = 3, 0x90, 0xBF
        elif 0xF1 <= b <= 0xF3:
            need, lo, hi = 3, 0x80, 0xBF
        elif b == 0xF4:
            need, lo, hi = 3, 0x80, 0x8F
        else:
            self.fail(i, "invalid UTF-8")
        for k in range(1, need + 1):
            if i + k >= n:
                self.fail(start, "string never closed")
            if not ((lo <= d[i + k] <= hi) if k == 1 else (0x80 <= d[i + k] <= 0xBF)):
                self.fail(i, "invalid UTF-8")
        return d[i:i + need + 1].decode("utf-8"), i + need + 1

    def string(self, start):
        d, n = self.d, self.n
        node = Node("string", start)
        chars, offs = [], []
        i = start + 1
        while True:
            if i >= n:
                self.fail(start, "string never closed")
            c = d[i]
            if c == 0x22:
                node.end = i
                break
            if c < 0x20:
                self.fail(i, "control character in string")
            if c == 0x5C:
                if i + 1 >= n:
                    self.fail(start, "string never closed")
                e = d[i + 1]
                if e in ESC:
                    chars.append(ESC[e]); offs.append(i)
                    i += 2
                    continue
                if e != 0x75:
                    self.fail(i, "bad escape")
                cp = self.hex4(i + 2, i, start)
                if 0xD800 <= cp <= 0xDBFF:
                    j = i + 6
                    if j >= n or (d[j] == 0x5C and j + 1 >= n):
                        self.fail(start, "string never closed")
                    if d[j] == 0x5C and d[j + 1] == 0x75:
                        lo = self.hex4(j + 2, j, start)
                        if 0xDC00 <= lo <= 0xDFFF:
                            chars.append(chr(0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)))
                            offs.append(i)
                            i = j + 6
                            continue
                    self.fail(i, "lone surrogate escape")
                if 0xDC00 <= cp <= 0xDFFF:
                    self.fail(i, "lone surrogate escape")
                chars.append(chr(cp)); offs.append(i)
                i += 6
                continue
            if c < 0x80:
                chars.append(chr(c)); offs.append(i)
                i += 1
                continue
            ch, j = self.utf8(i, start)
            chars.append(ch); offs.append(i)
            i = j
        node.chars, node.offs = chars, offs
        node.value = "".join(chars)
        return node, node.end + 1

    def number(self, start):
        d, n = self.d, self.n
        i = start
        if d[i] == 0x2D:
            i += 1
        if i >= n or not 0x30 <= d[i] <= 0x39:
            self.fail(i, "bad number")
        if d[i] == 0x30:
            i += 1
        else:
            while i < n and 0x30 <= d[i] <= 0x39:
                i += 1
        if i < n and d[i] == 0x2E:
            i += 1
            if i >= n or not 0x30 <= d[i] <= 0x39:
                self.fail(i, "bad fraction")
            while i < n and 0x30 <= d[i] <= 0x39:
                i += 1
        if i < n and d[i] in b"eE":
            i += 1
            if i < n and d[i] in b"+-":
                i += 1
            if i >= n or not 0x30 <= d[i] <= 0x39:
                self.fail(i, "bad exponent")
            while i < n and 0x30 <= d[i] <= 0x39:
                i += 1
        node = Node("number", start)
        node.text = d[start:i].decode("ascii")
        return node, i


# --------------------------------------------------------------------------- helpers

def ptr_escape(name):
    return name.replace("~", "~0").replace("/", "~1")


def normalize(name):
    return "".join(ch for ch in name.lower() if ch not in "_- ")


def damerau_levenshtein(a, b):
    """True (unrestricted) Damerau-Levenshtein distance (Lowrance-Wagner)."""
    la, lb = len(a), len(b)
    INF = la + lb
    da = {}
    h = [[INF] * (lb + 2) for _ in range(la + 2)]
    for i in range(la + 1):
        h[i + 1][0] = INF
        h[i + 1][1] = i
    for j in range(lb + 1):
        h[0][j + 1] = INF
        h[1][j + 1] = j
    for i in range(1, la + 1):
        db = 0
        for j in range(1, lb + 1):
            i1 = da.get(b[j - 1], 0)
            j1 = db
            cost = 1
            if a[i - 1] == b[j - 1]:
                cost = 0
                db = j
            h[i + 1][j + 1] = min(
                h[i][j] + cost,
                h[i + 1][j] + 1,
                h[i][j + 1] + 1,
                h[i1][j1] + (i - i1 - 1) + 1 + (j - j1 - 1),
            )
        da[a[i - 1]] = i
    return h[la + 1][lb + 1]


def near_miss(name, known):
    """The known member `name` nearly spells (normalized equal or DL <= 2), or None."""
    nn = normalize(name)
    best, best_d = None, 3
    for k in known:
        dist = damerau_levenshtein(nn, normalize(k))
        if dist < best_d:
            best, best_d = k, dist
    return best


def int_literal(node):
    """Value of a JSON integer literal (no fraction, no exponent), else None."""
    if node.kind != "number":
        return None
    t = node.text
    if "." in t or "e" in t or "E" in t:
        return None
    return int(t)


def floor_number(node):
    """rentention_day: any JSON number, rounded down from its decimal text; returns
    the integer when 2..99999 after rounding, else None."""
    d = Decimal(node.text)
    if d >= 100000 or d < 2:
        return None
    return int(d.to_integral_value(rounding="ROUND_FLOOR"))


# --------------------------------------------------------------------------- validator

RANK_ERR = {C0101: 0, C0102: 1, C0100: 2, C0221: 4}


class Diags:
    def __init__(self):
        self.items = []

    def error(self, code, path, offset):
        self.items.append(("error", code, path, offset, len(self.items)))

    def warning(self, path, offset):
        self.items.append(("warning", None, path, offset, len(self.items)))

    def info(self, path, offset):
        self.items.append(("info", None, path, offset, len(self.items)))

    def ordered(self):
        def key(d):
            sev, code, _path, off, seq = d
            if sev == "error":
                rank = RANK_ERR.get(code, 3)
            elif sev == "warning":
                rank = 5
            else:
                rank = 6
            return (0 if off is None else 1, off or 0, rank, seq)
        return sorted(self.items, key=key)


def first_member(obj, name):
    for m in obj.members:
        if m.name == name and not m.dup:
            return m
    return None


def walk_strings_and_dups(node, path, diags):
    """0221 on every string (names and values) anywhere; 0008 on every duplicate member."""
    if node.kind == "string":
        if "<" in node.value or ">" in node.value:
            diags.error(C0221, path, node.off)
    elif node.kind == "object":
        for m in node.members:
            mpath = path + "/" + ptr_escape(m.name)
            if m.dup:
                diags.error(C0008, mpath, m.off)
            if "<" in m.name or ">" in m.name:
                diags.error(C0221, mpath, m.off)
            walk_strings_and_dups(m.value, mpath, diags)
    elif node.kind == "array":
        for k, it in enumerate(node.items):
            walk_strings_and_dups(it, path + "/" + str(k), diags)


def check_members(obj, path, own, other, diags):
    """Unknown / near-miss / misplaced members of an API object (first occurrences)."""
    for m in obj.members:
        if m.dup or m.name in own:
            continue
        mpath = path + "/" + ptr_escape(m.name)
        if m.name in other:
            diags.warning(mpath, m.off)          # misplaced: belongs to the other object
            continue
        k = near_miss(m.name, own)
        if k is not None:
            diags.error(own[k], mpath, m.off)    # near miss: the resembled member's code
        else:
            diags.warning(mpath, m.off)          # unknown


def check_name(m, diags, default_policy):
    v = m.value
    path = "/backup_policy_name"
    if v.kind != "string":
        diags.error(C0102, path, v.off)
    else:
        s = v.value
        if not 1 <= len(s) <= 64:
            diags.error(C0101, path, v.off)
        if any(not (c.isascii() and (c.isalnum() or c in "_-")) for c in s):
            diags.error(C0102, path, v.off)
        if s.startswith("default"):
            diags.error(C0102, path, v.off)
    if default_policy:
        diags.error(C0100, path, v.off)


def match_pattern(chars, offs, a, b, end_off, pattern):
    """Match chars[a:b] against pattern ('d' = ASCII digit, other chars literal, exactly).
    Returns the raw offset of the first character that breaks it, or None."""
    def pos(i):
        return offs[i] if i < len(chars) else end_off
    for k, want in enumerate(pattern):
        if a + k >= b:
            return pos(a + k)
        c = chars[a + k]
        if want == "d":
            if c not in "0123456789":
                return offs[a + k]
        elif want == "s":
            if c not in "+-":
                return offs[a + k]
        elif c != want:
            return offs[a + k]
    if b - a > len(pattern):
        return offs[a + len(pattern)]
    return None


def check_time_zone(v, diags):
    """Returns the offset in minutes when valid, else None."""
    path = "/time_zone"
    if v.kind != "string":
        diags.error(C0226, path, v.off)
        return None
    chars, offs = v.chars, v.offs
    bad = match_pattern(chars, offs, 0, len(chars), v.end, "UTCsdd:dd")
    if bad is not None:
        diags.error(C0226, path, bad)
        return None
    hh = int(chars[4] + chars[5])
    mm = int(chars[7] + chars[8])
    sign = 1 if chars[3] == "+" else -1
    total = (hh * 60 + mm) * sign
    if not -720 <= hh * 60 * sign <= 840 or (mm <= 59 and not -720 <= total <= 840):
        diags.error(C0226, path, offs[4])
    if mm > 59:
        diags.error(C0226, path, offs[7])
    if mm > 59 or not -720 <= total <= 840:
        return None
    return total


def check_start_time_entries(v, diags):
    """Per-entry checks. Returns list of (utc_minutes, entry_offset) when every entry is
    valid and there are at most 24, else None (list checks are then skipped)."""
    path = "/scheduled_policy/start_time"
    if v.kind != "string":
        diags.error(C0103, path, v.off)
        return None
    chars, offs = v.chars, v.offs
    pieces, start = [], 0
    for i, c in enumerate(chars):
        if c == ",":
            pieces.append((start, i))
            start = i + 1
    pieces.append((start, len(chars)))
    if len(pieces) > 24:
        a = pieces[24][0]
        diags.error(C0103, path, offs[a] if a < len(chars) else v.end)
        return None
    # Each piece on its own: the first character that breaks "HH:mm", and each part (hour,
    # minute) that is well-formed, two digits between its delimiters, and breaks a rule, at its
    # first digit. The hour is well-formed when the piece matches past its ':', the minute only
    # when the whole piece matches.
    times, ok = [], True
    for a, b in pieces:
        bad = match_pattern(chars, offs, a, b, v.end, "dd:dd")
        matched = b - a if bad is None else next(
            (k for k in range(b - a) if offs[a + k] == bad), b - a)
        if matched >= 3 and int(chars[a] + chars[a + 1]) > 23:
            diags.error(C0103, path, offs[a])
            ok = False
        if bad is None and int(chars[a + 3] + chars[a + 4]) != 0:
            diags.error(C0103, path, offs[a + 3])
            ok = False
        if bad is not None:
            diags.error(C0103, path, bad)
            ok = False
        else:
            times.append((int(chars[a] + chars[a + 1]) * 60, offs[a]))
    return times if ok else None


def check_start_time_list(times, tz, diags):
    """Duplicates (each at its later occurrence), order by local time (one error at most).
    A duplicate is reported only as a duplicate and takes no part in the order check: "the
    one before it" is the previous time that is not a duplicate (decisions.md leaves open
    whether a duplicate is the baseline for the next entry; this reading keeps the list
    strictly ascending once its duplicates are set aside)."""
    path = "/scheduled_policy/start_time"
    z = tz or 0
    seen = set()
    ordered_err = False
    prev_local = None
    for u, off in times:
        local = (u + z) % 1440
        if u in seen:
            diags.error(C0103, path, off)
            continue
        if prev_local is not None and not ordered_err and local <= prev_local:
            diags.error(C0103, path, off)
            ordered_err = True
        seen.add(u)
        prev_local = local


def crosses_utc_day(times, z):
    if len(times) < 2 or not z:
        return False
    days = set()
    for u, _off in times:
        local = (u + z) % 1440
        days.add((local - z) // 1440)
    return len(days) > 1


def check_scheduled_policy(sp, diags, tz, tz_ok):
    path = "/scheduled_policy"
    check_members(sp, path, SP_MEMBERS, TOP_MEMBERS, diags)
    freq = first_member(sp, "frequency")
    week = first_member(sp, "week_frequency")
    if freq is None and week is None:
        diags.error(C0106, path, sp.off)
    m = first_member(sp, "start_time")
    if m is not None:
        times = check_start_time_entries(m.value, diags)
        if times is not None and tz_ok:
            check_start_time_list(times, tz, diags)
            if freq is not None and crosses_utc_day(times, tz):
                diags.error(C0106, path + "/frequency", freq.off)
    if freq is not None:
        if freq.value.kind != "number" or not (int_literal(freq.value) is not None
                                               and 1 <= int_literal(freq.value) <= 14):
            diags.error(C0106, path + "/frequency", freq.value.off)
    if week is not None:
        v = week.value
        wpath = path + "/week_frequency"
        if v.kind != "array" or not v.items:
            diags.error(C0106, wpath, v.off)
        else:
            seen = set()
            for k, it in enumerate(v.items):
                if it.kind != "string" or it.value not in WEEKDAYS or it.value in seen:
                    diags.error(C0106, wpath + "/" + str(k), it.off)
                if it.kind == "string":
                    seen.add(it.value)
        if freq is not None:
            diags.info(wpath, week.off)
    num = first_member(sp, "rentention_num")
    day = first_member(sp, "rentention_day")
    if num is not None:
        n = int_literal(num.value)
        if n is None or not 2 <= n <= 14:
            diags.error(C0107, path + "/rentention_num", num.value.off)
    if day is not None:
        if day.value.kind != "number" or floor_number(day.value) is None:
            diags.error(C0107, path + "/rentention_day", day.value.off)
        if num is not None:
            diags.info(path + "/rentention_day", day.off)
    for name, code, allowed in (("remain_first_backup_of_curMonth", C0105, ("Y", "N")),
                                ("status", C0104, ("ON", "OFF"))):
        mm = first_member(sp, name)
        if mm is not None and (mm.value.kind != "string" or mm.value.value not in allowed):
            diags.error(code, path + "/" + name, mm.value.off)


def effective_of(root):
    eff = {}
    for m in root.members:
        if m.dup:
            continue
        if m.name in ("backup_policy_name", "time_zone"):
            eff[m.name] = m.value.value
        elif m.name == "scheduled_policy":
            sp = m.value
            names = {x.name for x in sp.members if not x.dup}
            out = {}
            for x in sp.members:
                if x.dup or x.name not in SP_MEMBERS:
                    continue
                if x.name == "week_frequency" and "frequency" in names:
                    continue
                if x.name == "rentention_day" and "rentention_num" in names:
                    continue
                v = x.value
                if x.name in ("frequency", "rentention_num"):
                    out[x.name] = int_literal(v)
                elif x.name == "rentention_day":
                    out[x.name] = floor_number(v)
                elif x.name == "week_frequency":
                    out[x.name] = [it.value for it in v.items]
                else:
                    out[x.name] = v.value
            eff[m.name] = out
    return eff


def validate(body: bytes, policy_id=None, default_policy=False,
             max_body=MAX_BODY, max_depth=MAX_DEPTH) -> dict:
    diags = Diags()
    root = None
    if policy_id is not None and policy_id == "":
        diags.error(C0006, "", None)
    if len(body) > max_body:
        diags.error(C0008, "", None)
    elif all(b in WS for b in body):
        diags.error(C0000, "", None)
    else:
        try:
            node = Reader(body, max_depth).document()
            if node.kind != "object":
                diags.error(C0008, "", node.off)
                walk_strings_and_dups(node, "", diags)
            else:
                root = node
        except JsonSyntaxError as e:
            diags.error(C0008, "", e.offset)
        except JsonDepthError:
            start = next(i for i, b in enumerate(body) if b not in WS)
            if body[start:start + 1] == b"{":
                diags.error(C0008, "", None)
            else:  # too deep, but not an object first (or not JSON, where it breaks)
                try:  # (read again, deeper: this reader recurses, so not without end)
                    Reader(body, max(max_depth, 400)).document()
                    diags.error(C0008, "", start)
                except JsonSyntaxError as e:
                    diags.error(C0008, "", e.offset)
                except JsonDepthError:  # beyond what the model reads: taken for JSON
                    diags.error(C0008, "", start)

    if root is not None:
        walk_strings_and_dups(root, "", diags)
        check_members(root, "", TOP_MEMBERS, SP_MEMBERS, diags)
        if all(m.name not in TOP_MEMBERS for m in root.members):
            diags.error(C0001, "", root.off)
        nm = first_member(root, "backup_policy_name")
        if nm is not None:
            check_name(nm, diags, default_policy)
        tz, tz_ok = None, True
        tzm = first_member(root, "time_zone")
        if tzm is not None:
            tz = check_time_zone(tzm.value, diags)
            tz_ok = tz is not None
        spm = first_member(root, "scheduled_policy")
        if spm is not None:
            if spm.value.kind != "object":
                diags.error(C0008, "/scheduled_policy", spm.value.off)
            else:
                check_scheduled_policy(spm.value, diags, tz, tz_ok)

    ordered = diags.ordered()
    errors = [(c, p, o) for s, c, p, o, _ in ordered if s == "error"]
    warnings = [(p, o) for s, c, p, o, _ in ordered if s == "warning"]
    infos = [(p, o) for s, c, p, o, _ in ordered if s == "info"]
    valid = not errors
    return {
        "valid": valid,
        "http_status": 200 if valid else 400,
        "errors": errors,
        "warnings": warnings,
        "infos": infos,
        "first_code": errors[0][0] if errors else None,
        "effective": effective_of(root) if valid else None,
    }


if __name__ == "__main__":
    import json
    args = sys.argv[1:]
    pid, dflt = None, False
    files = []
    while args:
        a = args.pop(0)
        if a == "--policy-id":
            pid = args.pop(0)
        elif a == "--default-policy":
            dflt = True
        else:
            files.append(a)
    for f in files or ["-"]:
        data = sys.stdin.buffer.read() if f == "-" else open(f, "rb").read()
        print(json.dumps(validate(data, pid, dflt)))
