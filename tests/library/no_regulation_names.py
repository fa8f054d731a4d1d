#!/usr/bin/env python3
"""No C code names a regulation of the corpus.

regdoc learns everything about a regulation from its manifest (doc/manifest.md): ids,
titles, CELEX numbers, the phrases that name other acts. This test reads every .c and
.h file under src/ with its comments removed, and fails on any name or number of the
AI Act or the Cyber Resilience Act left in the code (identifiers and string literals):

  ai-act, ai_act, aiact, AI Act, Artificial Intelligence, Cyber Resilience,
  cyber-resilience, cra as a word of its own (cra:art-12.3, "cra", is_cra; not
  "craft" or "scrap"), 1689 and 2847 as numbers (2024/1689, 32024R1689), and the
  CRA's defining phrases "horizontal cybersecurity requirements" and "products with
  digital elements".

Comments may talk about the real corpus; code may not. The command-line help shows
example commands on the embedded corpus: those string literals are the only
exceptions, listed in ALLOWED by file and text, each with its reason.

usage: no_regulation_names.py [SRC_DIR]      (default: src/ under the source root)
       no_regulation_names.py --self-test
"""
import os
import re
import sys

PATTERNS = [
    ("ai-act", re.compile(r"ai[-_ ]?act", re.I)),
    ("Artificial Intelligence", re.compile(r"artificial[-_ ]intelligence", re.I)),
    ("Cyber Resilience", re.compile(r"cyber[-_ ]?resilience", re.I)),
    ("cra", re.compile(r"(?<![A-Za-z0-9])cra(?![A-Za-z0-9])", re.I)),
    ("1689", re.compile(r"(?<![0-9])1689(?![0-9])")),
    ("2847", re.compile(r"(?<![0-9])2847(?![0-9])")),
    ("horizontal cybersecurity", re.compile(r"horizontal[-_ ]cybersecurity", re.I)),
    ("digital elements", re.compile(r"digital[-_ ]elements", re.I)),
]

# (file relative to src/, a substring of the offending string literal): why allowed.
ALLOWED = [
    ("cli/main.c", "cra:art-12.3", "usage text: the syntax of a qualified id"),
    ("cli/help.c", "corpus/ai-act", "help text: example commands on the embedded corpus"),
    ("cli/help.c", "cra:art-12.3", "help text: the syntax of a qualified id"),
]


def strip_comments(text):
    """The code with /* */ and // comments blanked (newlines kept), string and
    character literals kept as they are."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def literal_at(line, pos):
    """The string literal of line that holds pos, or None."""
    for m in re.finditer(r'"(?:[^"\\]|\\.)*"', line):
        if m.start() <= pos < m.end():
            return m.group(0)
    return None


def findings(path, rel, text):
    code = strip_comments(text)
    found = []
    for lineno, line in enumerate(code.split("\n"), 1):
        for name, rx in PATTERNS:
            for m in rx.finditer(line):
                lit = literal_at(line, m.start())
                if lit and any(rel == f and s in lit for f, s, _why in ALLOWED):
                    continue
                found.append(f"{path}:{lineno}: names {name!r}: {line.strip()[:120]}")
    return found


def scan(src):
    found = []
    for root, _dirs, files in os.walk(src):
        for name in sorted(files):
            if name.endswith((".c", ".h")):
                path = os.path.join(root, name)
                with open(path, encoding="utf-8", errors="replace") as f:
                    found += findings(path, os.path.relpath(path, src), f.read())
    return found


def self_test():
    """The detector finds what it must and nothing else."""
    must = ['x = "cra";', 'if (is_cra(r))', 'id = "ai-act";', 'n = 2847;',
            'p = "2024/1689";', 's = "32024R1689";', 't = "Cyber Resilience Act";',
            'u = "AI Act";', 'v = "products with digital elements";', 'w = CRA_ID;']
    never = ['/* the CRA and the AI Act, 2024/1689 */', '// cra:art-12.3', 'craft(x);',
             'scrap = 1;', 'n = 16890;', 'x = 28470;', 'democracy();', 'o = "Cracow";']
    bad = []
    for s in must:
        if not findings("t.c", "t.c", s):
            bad.append(f"not found in {s!r}")
    for s in never:
        f = findings("t.c", "t.c", s)
        if f:
            bad.append(f"false positive: {f[0]}")
    if findings("x.c", "cli/help.c", '"Example: regdoc graph corpus/ai-act -o g.xml\\n"'):
        bad.append("an ALLOWED literal was reported")
    if not findings("x.c", "link/x.c", '"Example: regdoc graph corpus/ai-act -o g.xml\\n"'):
        bad.append("ALLOWED applied to another file")
    for b in bad:
        print("SELF-TEST FAIL:", b)
    return 1 if bad else 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    here = os.path.dirname(os.path.abspath(__file__))
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "src")
    if self_test() != 0:
        return 1
    found = scan(src)
    for f in found:
        print("FAIL:", f)
    nfiles = sum(1 for _r, _d, fs in os.walk(src) for x in fs if x.endswith((".c", ".h")))
    print(f"{nfiles} C files under {os.path.normpath(src)}: "
          f"{len(found)} names of a regulation in code")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
