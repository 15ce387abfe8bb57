#!/usr/bin/env python3
"""Every rule's "enforces" text (`bpv rules --format json`) quotes its sources word for word, so
that the sentence a rule names is one a reader finds where the rule says it is.

The text is one or more parts "LABEL: QUOTE". LABEL names the source:
  URI                    the API page's URI section
  a member of the API    that member's row of the page's request table
  frequency / week_frequency   either of those two rows
  decisions              decisions.md
  error codes            error-codes.md
QUOTE is one or more pieces separated by "..."; each piece, less the punctuation around it,
appears in the source, compared without case, markup (HTML tags, Markdown's backticks, bold,
table bars and escapes) and differences of white space.

usage: catalog_quotes.py --cli BPV --spec DIR
"""
import argparse
import html
import re
import sys

from rule_table import rule_table

MEMBERS = ("backup_policy_name", "scheduled_policy", "start_time", "frequency", "week_frequency", "rentention_num",
           "rentention_day", "remain_first_backup_of_curMonth", "status", "time_zone")
LABELS = ("URI", "decisions", "error codes", "frequency / week_frequency") + MEMBERS
# A label begins the text or follows the end of the part before it (". ").
LABEL = re.compile(r"(?:^|(?<=\. ))(" + "|".join(re.escape(l) for l in sorted(LABELS, key=len, reverse=True)) + r"): ")
BLOCK_TAGS = re.compile(r"</?(?:p|td|th|tr|li|ul|ol|table|thead|tbody)\b[^>]*>", re.I)


def plain(text):
    """Text as a reader sees it: tags gone (block ones leave a space), entities and Markdown
    escapes resolved, backticks and bold dropped, table bars a space, white space collapsed,
    lower case."""
    text = BLOCK_TAGS.sub(" ", text)
    text = re.sub(r"</?[A-Za-z][^>]*>", "", text)
    text = html.unescape(text)
    text = re.sub(r"\\([{}_*])", r"\1", text)
    text = re.sub(r"`|\*\*", "", text).replace("|", " ")
    return re.sub(r"\s+", " ", text).strip().lower()


def page_sources(page):
    """The URI section and each member's row of the request table, as plain text."""
    sources = {}
    uri = re.search(r"## URI(.*?)## Request", page, re.S)
    sources["URI"] = plain(uri.group(1)) if uri else ""
    for row in re.findall(r"<tr\b.*?</tr>", page, re.S):
        cells = re.findall(r"<td\b.*?</td>", row, re.S)
        if cells:
            name = plain(cells[0])
            for member in MEMBERS:
                if name == member.lower():
                    sources[member] = plain(row)
    sources["frequency / week_frequency"] = sources.get("frequency", "") + " | " + sources.get("week_frequency", "")
    return sources


def parts(enforces):
    """(label, quote) of each part of an "enforces" text; a text that does not start with a
    label gives a part with the label None."""
    marks = list(LABEL.finditer(enforces))
    if not marks or marks[0].start() != 0:
        yield None, enforces
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(enforces)
        yield m.group(1), enforces[m.end():end]


def pieces(quote):
    for piece in quote.split("..."):
        piece = plain(piece).strip(" .,;()")
        if piece:
            yield piece


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--spec", required=True)
    a = ap.parse_args()
    read = lambda name: open(f"{a.spec}/{name}", encoding="utf-8").read()
    sources = page_sources(read("seed-modifying-a-backup-policy.md"))
    sources["decisions"] = plain(read("decisions.md"))
    sources["error codes"] = plain(read("error-codes.md"))
    for member in MEMBERS:
        if not sources.get(member):
            sys.exit(f"catalog_quotes: no row for {member} in the API page's request table")

    rules = rule_table(a.cli)
    failures, checked = [], 0
    for r in rules:
        for label, quote in parts(r["enforces"]):
            if label is None:
                failures.append(f"{r['rule']}: {quote!r} has no label naming its source")
                continue
            found = list(pieces(quote))
            if not found:
                failures.append(f"{r['rule']}: {label}: nothing quoted")
            for piece in found:
                checked += 1
                if piece not in sources[label]:
                    failures.append(f"{r['rule']}: {label}: {piece!r} is not in that source")
    for f in failures:
        print(f)
    print(f"catalog_quotes: {len(rules)} rules, {checked} quoted pieces, {len(failures)} not found")
    return 1 if failures or not rules or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
