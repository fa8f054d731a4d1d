#!/usr/bin/env python3
"""Every row of a version's amendments.tsv is accounted for in a library build: an
`amends` edge in links.xml from the amending provision to each element the row names,
and a marked change of that element in <regulation>/history.xml (same action, same
amending provision). No edge dangles: its ends are elements of the two graphs.

usage: amendments_oracle.py OUTDIR REGULATION AMENDING TSV [CORRECTED_PATH=AR:…]...

The path and provision notation of the table (corpus README) is read here on its own,
not with regdoc's code: art-5.1.sub1.ba+bb -> art-5.1.ba, art-5.1.bb (a first
subparagraph is its paragraph); AR:1;PT:35;PT:a -> art-1.35.a."""
import sys
import xml.etree.ElementTree as ET


def path_ids(path):
    unit, _, rest = path.partition(".")
    if not rest:
        return [unit], ""
    steps = rest.split(".")
    last = steps.pop()
    base = [unit] + [s for s in steps if s != "sub1"]
    if last in ("title", "intro", "sub1"):
        return [".".join(base)], last
    return [".".join(base + [s]) for s in last.split("+")], ""


def loc_id(loc):
    parts = loc.split(";")
    assert parts[0].startswith("AR:"), loc
    out = "art-" + parts[0][3:]
    for p in parts[1:]:
        assert p.startswith("PT:"), loc
        out += "." + p[3:]
    return out


def ids_of(graph):
    return {e.get("id") for e in graph.iter() if e.get("id")}


def main():
    outdir, reg, amending, tsv = sys.argv[1:5]
    corrected = dict(a.split("=", 1) for a in sys.argv[5:])
    links = ET.parse(f"{outdir}/links.xml").getroot()
    history = ET.parse(f"{outdir}/{reg}/history.xml").getroot()
    reg_ids = ids_of(ET.parse(f"{outdir}/{reg}/graph.xml").getroot())
    amending_ids = ids_of(ET.parse(f"{outdir}/{amending}/graph.xml").getroot())
    edges = {(e.get("from"), e.get("to"), e.get("action"))
             for e in links.iter("edge") if e.get("kind") == "amends"}
    changes = {}
    for el in history.iter("element"):
        for c in el.iter("change"):
            changes.setdefault(el.get("id"), []).append(c)
    bad = rows = targets = 0
    header = False
    for line in open(tsv, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        if not header:
            header = True
            continue
        rows += 1
        path, action, loc = f[1], f[2].lower(), corrected.get(f[1], f[4])
        by = loc_id(loc)
        ids, _part = path_ids(path)
        if by not in amending_ids:
            print(f"dangling: {path}: {amending}:{by} is not in {amending}'s graph")
            bad += 1
        for i in ids:
            targets += 1
            if i not in reg_ids:
                print(f"dangling: {path}: {reg}:{i} is not in {reg}'s graph")
                bad += 1
            if (f"{amending}:{by}", f"{reg}:{i}", action) not in edges:
                print(f"no edge: amends {amending}:{by} -> {reg}:{i} ({action})")
                bad += 1
            if not any(c.get("status") == action and c.get("by") == f"{amending}:{by}"
                       for c in changes.get(i, [])):
                print(f"not marked: {i} {action} by {amending}:{by} in history.xml")
                bad += 1
    for (frm, to, _a) in edges:
        if not (frm.startswith(amending + ":") and frm.split(":", 1)[1] in amending_ids):
            print(f"dangling edge source {frm}")
            bad += 1
        if not (to.startswith(reg + ":") and to.split(":", 1)[1] in reg_ids):
            print(f"dangling edge target {to}")
            bad += 1
    print(f"{rows} rows, {targets} elements, {len(edges)} amends edges, {bad} problems")
    sys.exit(1 if bad or rows == 0 else 0)


if __name__ == "__main__":
    main()
