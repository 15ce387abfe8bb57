#!/usr/bin/env python3
"""Every C and C++ code block of the README's embedding sections is an excerpt of an example
that ctest builds and runs (examples/*.cpp, examples/*.c): its lines appear, in order and
together, in one of them. So the README's code compiles and does what it says.

usage: readme_excerpts.py README.md EXAMPLES_DIR
"""
import pathlib
import re
import sys

SECTIONS = ("Embedding in C++", "Embedding in C", "Profiles and rules")


def blocks(readme: str):
    """(section, language, lines) of each fenced block under a level-2 heading."""
    section = None
    lang = None
    lines = []
    for line in readme.splitlines():
        if lang is None:
            m = re.match(r"^## (.*)", line)
            if m:
                section = m.group(1).strip()
            m = re.match(r"^```(\S*)\s*$", line)
            if m:
                lang, lines = m.group(1), []
        elif line.startswith("```"):
            yield section, lang, lines
            lang = None
        else:
            lines.append(line)


def contains(haystack, needle):
    return any(haystack[i:i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1))


def main():
    readme = pathlib.Path(sys.argv[1]).read_text(encoding="utf-8")
    examples = {p.name: p.read_text(encoding="utf-8").splitlines()
                for p in sorted(pathlib.Path(sys.argv[2]).iterdir()) if p.suffix in (".c", ".cpp")}
    checked = failed = 0
    for section, lang, lines in blocks(readme):
        if section not in SECTIONS or lang not in ("c", "c++", "cpp"):
            continue
        checked += 1
        homes = [name for name, text in examples.items() if contains(text, lines)]
        if not homes:
            failed += 1
            print(f"README section {section!r}: this {lang} block is not an excerpt of any example:")
            print("\n".join("    " + line for line in lines))
    if checked == 0:
        print("no code blocks found in the embedding sections")
        failed += 1
    print(f"{checked - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
