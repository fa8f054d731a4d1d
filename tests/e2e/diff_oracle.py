#!/usr/bin/env python3
"""regdoc diff of two versions of one folder against the version's amendment table.

usage: diff_oracle.py DIFF_XML AMENDMENTS_TSV [UNMARKED_ID...]

Every row of the table (not a # line, nor the line of column names) must be an <amendment> with its line; every element
or unit the diff lists as changed, added or removed must carry an <amendment>, or be
inside one that does (its id starts with that id and a "."), or be inside a unit added
whole; the UNMARKED_IDs (changes no marker names, doc/graph.md "History") are the only
exceptions, and each of them must be listed. Prints what does not hold; exit 1 then.
"""
import sys
import xml.etree.ElementTree as ET


def main():
    diff, tsv, unmarked = sys.argv[1], sys.argv[2], set(sys.argv[3:])
    rows = set()
    with open(tsv, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip() and not line.startswith("#") and not line.startswith("unit\t"):
                rows.add(n)  # (the first such line names the columns)
    root = ET.parse(diff).getroot()
    got, marked, listed = set(), set(), []
    for reg in root.iter("regulation"):
        for unit in reg.iter("unit"):
            whole = unit.get("change") in ("added", "removed")
            for a in unit.findall("amendment"):
                got.add(int(a.get("line")))
                marked.add(a.get("element") or unit.get("id"))
            if whole:
                marked.add(unit.get("id"))
            else:
                listed.append(unit.get("id"))
            for el in unit.findall("element"):
                for a in el.findall("amendment"):
                    got.add(int(a.get("line")))
                    marked.add(el.get("id"))
                if el.get("change") != "amended":
                    listed.append(el.get("id"))
    bad = 0
    for n in sorted(rows - got):
        print(f"row at line {n} of {tsv} is not in the diff")
        bad = 1
    for n in sorted(got - rows):
        print(f"the diff names line {n} of {tsv}, which is no row")
        bad = 1

    def covered(i):
        parts = i.split(".")
        return any(".".join(parts[:k]) in marked for k in range(1, len(parts) + 1))

    for i in listed:
        if covered(i) or i in unmarked:
            continue
        # a unit listed for the elements inside it
        if "." not in i and any(x.startswith(i + ".") or x == i for x in marked | unmarked):
            continue
        print(f"{i} is listed as changed but no row of {tsv} names it or an element holding it")
        bad = 1
    for i in sorted(unmarked - set(listed)):
        print(f"{i} (no marker) is not listed as changed")
        bad = 1
    print(f"{len(rows)} rows, {len(got)} in the diff, {len(listed)} elements and units listed")
    return bad


if __name__ == "__main__":
    sys.exit(main())
