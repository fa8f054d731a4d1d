#!/bin/sh
# The amendment impact report of the example products: what Regulation (EU) 2026/1744
# does to each of corpus/ai-act/products/*.xml. Every product is assessed twice,
#     regdoc assess PRODUCT --as-of 2026-07-26 -o OLD     (the 2024 text, the last day)
#     regdoc assess PRODUCT --as-of 2026-12-02 -o NEW     (the amended text, Art. 5(1)(ba) applying)
# and the report lists, per product, the version each used, its classification, route,
# procedure, assessor and binding date before and after, and the checklist items
# removed and added; it must be byte for byte tests/golden/impact/report.txt.
# Then `regdoc diff corpus/ai-act` (the version before the latest to the latest) lists
# every example product's route and items before and after: its products part must be
# byte for byte tests/golden/impact/diff-products.txt, and it must agree with the report
# (a product the report shows changed is not "no change" in the diff, nor the reverse for
# a route change; each version used is the one the report names).
#
# usage: tests/golden/impact/run_impact.sh REGDOC_BINARY     (from the source root;
#        ctest -R golden.impact)
# Regenerate after an intended change (then review `git diff tests/golden/impact`):
#     REGDOC_REGEN=1 ctest -R golden.impact   (both golden files)
set -u
regdoc=${1:?usage: run_impact.sh REGDOC_BINARY}
golden=tests/golden/impact/report.txt
[ -d corpus/ai-act/products ] || { echo "run_impact.sh: run me from the source root" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/regdoc-impact.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM
fail=0
for p in corpus/ai-act/products/*.xml; do
	id=$(basename "$p" .xml)
	for side in old:2026-07-26 new:2026-12-02; do
		name=${side%%:*}
		date=${side#*:}
		if ! ${REGDOC_WRAPPER:-} "$regdoc" assess "$p" --as-of "$date" -o "$work/$name/$id" 2>"$work/$id.$name.err"; then
			echo "FAIL: regdoc assess $p --as-of $date exited non-zero:"
			cat "$work/$id.$name.err"
			fail=1
		fi
	done
done
[ $fail = 0 ] || exit 1
python3 - "$work" >"$work/report.txt" <<'PY' || exit 1
import os, sys, xml.etree.ElementTree as ET
work = sys.argv[1]
NAMES = ['classification', 'prohibited', 'risk', 'route', 'procedure', 'assessor', 'binding',
         'annex-iv-form', 'art-15-presumption']
def load(side, pid):
    r = ET.parse(os.path.join(work, side, pid, 'assessment.xml')).getroot()
    law = r.find('law')
    concl = {}
    for c in r.iter('conclusion'):
        if c.get('name') in NAMES:
            concl.setdefault(c.get('name'), []).append(c.get('label'))
    items = [(i.get('id'), i.find('provision').get('label')) for i in r.iter('item')]
    return law.get('version'), concl, items
print('Amendment impact report: Regulation (EU) 2026/1744 on the example products of corpus/ai-act')
print('old: the text in force on 2026-07-26; new: the text in force on 2026-12-02')
print()
changed = 0
pids = sorted(n for n in os.listdir(os.path.join(work, 'old')) if not n.startswith('.'))  # not the lock file
for pid in pids:
    ov, oc, oi = load('old', pid)
    nv, nc, ni = load('new', pid)
    lines = []
    for n in NAMES:
        a, b = '; '.join(oc.get(n, ['-'])), '; '.join(nc.get(n, ['-']))
        if a != b:
            lines.append('  %s: %s\n    -> %s' % (n, a, b))
    oids, nids = dict(oi), dict(ni)
    for iid, lab in oi:
        if iid not in nids:
            lines.append('  item removed: %s (%s)' % (iid, lab))
    for iid, lab in ni:
        if iid not in oids:
            lines.append('  item added: %s (%s)' % (iid, lab))
    for iid, lab in ni:
        if iid in oids and oids[iid] != lab:
            lines.append('  item %s: provision %s -> %s' % (iid, oids[iid], lab))
    head = '%s (version %s -> %s)' % (pid, ov, nv)
    if lines:
        changed += 1
        print(head + ': changes')
        print('\n'.join(lines))
    else:
        print(head + ': no change')
print()
print('%d of %d products change' % (changed, len(pids)))
PY
# the same two versions through regdoc diff: its products part
if ! ${REGDOC_WRAPPER:-} "$regdoc" diff corpus/ai-act >"$work/diff.txt" 2>"$work/diff.err"; then
	echo "FAIL: regdoc diff corpus/ai-act exited non-zero:"
	cat "$work/diff.err"
	exit 1
fi
sed -n '/^  Example products/,$p' "$work/diff.txt" >"$work/diff-products.txt"
[ -s "$work/diff-products.txt" ] || { echo "FAIL: regdoc diff listed no example products"; exit 1; }
python3 - "$work/report.txt" "$work/diff-products.txt" "$work/diff.txt" <<'PY' || exit 1
import re, sys
report, products, full = (open(p, encoding='utf-8').read() for p in sys.argv[1:4])
rep = {m.group(1): (m.group(2), m.group(3), m.group(4))
       for m in re.finditer(r'^(\S+) \(version (\S+) -> (\S+)\): (changes|no change)$', report, re.M)}
dif = {m.group(1): m.group(2) for m in re.finditer(r'^    (\S+) \(.*\): (no change|the route changes|the checklist changes|.*)$', products, re.M)}
bad = [] if len(rep) > 0 else ['no product read from the report']
if set(rep) != set(dif):
    bad.append('products differ: report %s, diff %s' % (sorted(set(rep) - set(dif)), sorted(set(dif) - set(rep))))
for pid, (old, new, what) in sorted(rep.items()):
    d = dif.get(pid)
    if d is None:
        continue
    if what == 'changes' and d == 'no change':
        bad.append('%s: the report shows changes, regdoc diff "no change"' % pid)
    if d == 'the route changes' and what == 'no change':
        bad.append('%s: regdoc diff shows a route change, the report none' % pid)
    if 'version %s ' % old not in full.splitlines()[0] or 'version %s ' % new not in full.splitlines()[0]:
        bad.append('%s: regdoc diff compares other versions than %s -> %s' % (pid, old, new))
for b in bad:
    print('FAIL:', b)
sys.exit(1 if bad else 0)
PY
if [ "${REGDOC_REGEN:-}" = 1 ]; then
	cp "$work/report.txt" "$golden"
	cp "$work/diff-products.txt" tests/golden/impact/diff-products.txt
	echo "regenerated $golden and tests/golden/impact/diff-products.txt"
	exit 0
fi
if ! cmp -s tests/golden/impact/diff-products.txt "$work/diff-products.txt"; then
	echo "FAIL: regdoc diff's products differ from tests/golden/impact/diff-products.txt (REGDOC_REGEN=1 ctest -R golden.impact):"
	diff -u tests/golden/impact/diff-products.txt "$work/diff-products.txt" | head -80
	exit 1
fi
if ! cmp -s "$golden" "$work/report.txt"; then
	echo "FAIL: the impact report differs from $golden (REGDOC_REGEN=1 ctest -R golden.impact):"
	diff -u "$golden" "$work/report.txt" | head -80
	exit 1
fi
tail -1 "$work/report.txt"
