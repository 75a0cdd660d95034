#!/usr/bin/env python3
"""manopts.py - the option names a --help text and a man page each give.

    manopts.py help FILE    options named anywhere in a --help text
                            (for the top-level help: in its "options:" part)
    manopts.py man FILE     options that have an entry (a .TP tag line) in
                            a hand-written man(7) page

One name per line, sorted. Repeated letters are one option (-vv is -v),
a bracketed bundle such as [-#AenqS] is one option per letter, and
--help, which every command takes, is left out. Used by tests/manpages.sh.
"""
import re
import sys

OPTION = re.compile(r"(?<![\w\-])(--[a-z][a-z0-9-]*|-[#A-Za-z](?:[A-Za-z]*)?)(?![\w])")
BUNDLE = re.compile(r"\[-([#A-Za-z]{2,})\]")


def normalize(tok):
    if tok.startswith("--"):
        return tok
    letters = tok[1:]
    if len(set(letters)) == 1:  # -vv, -ttttt: repeats of one option
        return "-" + letters[0]
    return None  # a word after a hyphen, not an option


def names(text):
    found = set()
    for m in BUNDLE.finditer(text):
        found.update("-" + c for c in m.group(1))
    text = BUNDLE.sub(" ", text)
    for m in OPTION.finditer(text):
        n = normalize(m.group(1))
        if n:
            found.add(n)
    found.discard("--help")
    return found


def from_help(text):
    if re.search(r"^commands:", text, re.M):  # top level: only its own options
        m = re.search(r"^options:\n(.*?)(?:\n\n|\Z)", text, re.M | re.S)
        text = m.group(1) if m else ""
    return names(text)


def from_man(src):
    lines = src.split("\n")
    tags = []
    for i, line in enumerate(lines):
        if line.startswith(".TP") and i + 1 < len(lines):
            tags.append(lines[i + 1])
    text = "\n".join(tags)
    text = text.replace("\\-", "-").replace("\\(aq", "'").replace("\\c", "")
    text = re.sub(r"\\f[BIRP]", "", text)
    text = re.sub(r"^\.[A-Z]+\s*", "", text, flags=re.M)
    text = text.replace('"', " ")
    return names(text)


def main():
    kind, path = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for n in sorted(from_help(text) if kind == "help" else from_man(text)):
        print(n)


if __name__ == "__main__":
    main()
