#!/bin/sh
# regdoc diff OLD NEW (issue 9).
#
#   text      a modified copy of tests/fixtures/mini (an article's title, two paragraphs'
#             words, a point added, a point removed, a recital added): the text report
#             is byte for byte tests/diff/mini.expected.txt (each change once, in the
#             law's order, changed words as [-old-] {+new+}); with -o DIR, diff.xml
#             validates against diff.rng, diff.txt is the text report, diff.html shows
#             the changes as <del>/<ins>; the same corpus twice says "The text is the
#             same."; a NEW that is not a corpus is exit 1 with nothing written.
#   products  a copy of the AI Act (and the CRA beside it) whose new version changes
#             Annex VI point 2, adds a route rule for Annex III point 4 and a check that
#             needs a new fact of products with digital elements: the route of the
#             Annex III point 4 products changes (Annex VI -> Annex VII, new checklist
#             items), the Annex VI products' item anx6-qms has a changed law text, the
#             products with digital elements cannot be assessed under the new version
#             (with the rules' message), a spam filter does not change.
#
# usage: tests/diff/run.sh text|products REGDOC_BINARY     (from the source root)
# $REGDOC_WRAPPER (e.g. valgrind) is put in front of every regdoc command.
set -u
what=${1:?usage: run.sh text|products REGDOC}
regdoc=${2:?usage: run.sh text|products REGDOC}
src=$(pwd)
[ -d "$src/tests/fixtures/mini" ] || { echo "run.sh: run me from the source root" >&2; exit 2; }
case "$regdoc" in /*) ;; *) regdoc=$src/$regdoc ;; esac
work=$(mktemp -d "${TMPDIR:-/tmp}/regdoc-diff.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM
cd "$work" || exit 2
fail=0
failed() { echo "FAIL [$what]: $*"; fail=1; }
rd() { ${REGDOC_WRAPPER:-} "$regdoc" "$@"; }
errs() { grep -v "warning: '" "$1" | grep -v "cites .*, which does not exist" || true; }

case "$what" in
text)
	mkdir old new
	cp -R "$src/tests/fixtures/mini" old/mini
	cp -R "$src/tests/fixtures/mini" new/mini
	a=new/mini/articles/article-003.md
	sed -i 's/# Article 3: Requirements for widgets/# Article 3: Requirements for widgets and gadgets/' $a
	sed -i 's/for ten years\./for fifteen years after the last widget was placed on the market./' $a
	sed -i 's/   (c) carry the information referred to in Article 2(1)\./   (c) carry the information referred to in Article 2(1);\n\n   (d) are registered before they are placed on the market./' $a
	sed -i '/   (b) are assessed in accordance with point 2 of Annex II;/,+1d' $a
	sed 's/# Recital 3/# Recital 4/; s/In order to give makers time to adapt, point (a) of Article 3(1) should apply later than the other provisions./Makers should register their widgets, so that market surveillance authorities can find them./' \
		new/mini/recitals/recital-003.md >new/mini/recitals/recital-004.md
	sed -i 's/link-prefix="recital-" numerals="arabic" count="3"/link-prefix="recital-" numerals="arabic" count="4"/' new/mini/manifest.xml
	if ! rd diff old/mini new/mini -o report >got.txt 2>err.txt; then
		failed "regdoc diff exited non-zero:"; errs err.txt
	fi
	if [ "${REGDOC_REGEN:-}" = 1 ]; then
		cp got.txt "$src/tests/diff/mini.expected.txt"
		echo "regenerated tests/diff/mini.expected.txt"
	elif ! cmp -s "$src/tests/diff/mini.expected.txt" got.txt; then
		failed "the report differs from tests/diff/mini.expected.txt:"; diff -u "$src/tests/diff/mini.expected.txt" got.txt | head -40
	fi
	[ -z "$(errs err.txt)" ] || { failed "diagnostics:"; errs err.txt; }
	xmllint --noout --relaxng "$src/templates/schema/diff.rng" report/diff.xml 2>lint.txt ||
		{ failed "diff.xml does not validate:"; cat lint.txt; }
	cmp -s got.txt report/diff.txt || failed "diff.txt is not the text report"
	xmllint --html --noout report/diff.html 2>/dev/null || failed "diff.html does not parse"
	for want in '<del>ten years.</del>' '<ins>fifteen years after the last widget was placed on the market.</ins>' \
	            '<span class="badge">removed</span>Article 3(1)(b)' '<span class="badge">added</span>Recital 4' \
	            'Title: <del>Requirements for widgets</del> <ins>Requirements for widgets and gadgets</ins>'; do
		grep -qF "$want" report/diff.html || failed "diff.html lacks: $want"
	done
	grep -q '<script' report/diff.html && failed "diff.html has a script"
	# the same corpus twice
	rd diff old/mini old/mini >same.txt 2>/dev/null || failed "diff of a corpus with itself exited non-zero"
	grep -q '^  The text is the same\.$' same.txt || { failed "no 'The text is the same.'"; cat same.txt; }
	grep -q 'units changed, 0 added' same.txt && ! grep -q '^mini (Mini Act): 0 units changed, 0 added, 0 removed' same.txt &&
		failed "the same corpus has changes"
	# not a corpus: exit 1, nothing written
	mkdir empty
	rd diff old/mini empty -o none >/dev/null 2>e.txt
	st=$?
	[ $st = 1 ] || failed "diff with an empty folder: exit $st, want 1"
	grep -q "empty: error: no regulation here" e.txt || { failed "no diagnostic for the empty folder"; cat e.txt; }
	[ ! -e none ] || failed "diff with an error wrote its output"
	;;
products)
	mkdir old new
	cp -R "$src/corpus/ai-act" "$src/corpus/cra" old/
	cp -R "$src/corpus/ai-act" "$src/corpus/cra" new/
	# the page of the text in force (the AI Act's latest version, corpus/ai-act/manifest.xml)
	a6=new/ai-act/versions/2026-07-27/annexes/annex-06.md
	sed -i 's/2\. The provider verifies that the established quality management system/2. The provider verifies, at least once a year, that the established quality management system/' $a6
	grep -q 'at least once a year' $a6 || failed "could not change Annex VI"
	python3 - new/ai-act/rules <<'PY'
import sys
d = sys.argv[1]
p = d + '/20-route.xml'
s = open(p).read()
old = '    <rule id="route-2-8" '
assert s.count(old) == 1
s = s.replace(old, '''    <rule id="route-4-amended" title="Annex III point 4: a notified body (amendment)">
      <when><fact name="annex-iii.area" is="4"/></when>
      <because>As amended: for high-risk systems referred to in point 4 of Annex III, the provider follows the procedure of Annex VII.</because>
      <cite ref="art-43.2"/><cite ref="anx-7"/>
      <set name="route" value="annex-vii" label="Annex VII: assessment of the quality management system and the technical documentation with a notified body"/>
    </rule>
''' + old)
open(p, 'w').write(s)
p = d + '/00-checks.xml'
s = open(p).read()
old = '  <!-- Article 43(4). -->'
assert s.count(old) == 1
s = s.replace(old, '''  <require fact="cybersecurity.cra-spare-part" message="as amended, a product with digital elements says whether it is an identical spare part">
    <when><fact name="cybersecurity.product-with-digital-elements" is="yes"/></when><cite ref="rec-78"/>
  </require>
''' + old)
open(p, 'w').write(s)
PY
	if ! rd diff old/ai-act new/ai-act -o report >got.txt 2>err.txt; then
		failed "regdoc diff exited non-zero:"; errs err.txt | head
	fi
	xmllint --noout --relaxng "$src/templates/schema/diff.rng" report/diff.xml 2>lint.txt ||
		{ failed "diff.xml does not validate:"; head lint.txt; }
	grep -q '^ai-act (AI Act): 1 units changed, 0 added, 0 removed; 1 paragraphs' got.txt || failed "summary line"
	grep -q '^      The provider \[-verifies-\] {+verifies, at least once a year,+} that the established' got.txt ||
		failed "the word change of Annex VI point 2"
	sed -n '/^    hirerank-cv-screening /,/^    [a-z]/p' got.txt >hire.txt
	grep -q 'the route changes' hire.txt || failed "hirerank: the route does not change"
	grep -q '^      Conformity assessment route (Article 43) \[route\]: Annex VI: internal control, no notified body (Article 43(2)) -> Annex VII' hire.txt ||
		{ failed "hirerank: no Annex VI -> Annex VII line"; cat hire.txt; }
	grep -q '^      item anx7-qms-application (Annex VII, point 3.1): added' hire.txt || failed "hirerank: Annex VII items not added"
	grep -q '^      item anx6-qms (Annex VI, point 2): removed' hire.txt || failed "hirerank: Annex VI items not removed"
	sed -n '/^    lendwise-credit-scoring /,/^    [a-z]/p' got.txt >lend.txt
	grep -q 'the checklist changes' lend.txt || failed "lendwise: the checklist does not change"
	grep -q "item anx6-qms (Annex VI, point 2): the law's text of its provision changed (anx-6.2)" lend.txt ||
		{ failed "lendwise: anx6-qms not flagged"; cat lend.txt; }
	grep -q '\[route\]' lend.txt && failed "lendwise: its route changed"
	grep -q '^    mailguard-spam-filter (MailGuard spam filter): no change$' got.txt || failed "mailguard changed"
	sed -n '/^    gridsentinel-critical-infrastructure /,/^    [a-z]/p' got.txt >grid.txt
	grep -q 'cannot be assessed under both versions' grid.txt || { failed "gridsentinel: not failing under the new version"; cat grid.txt; }
	grep -q 'under the new version: .*missing required fact "cybersecurity.cra-spare-part"' grid.txt ||
		{ failed "gridsentinel: the rules' message is not shown"; cat grid.txt; }
	grep -q 'id="product-hirerank-cv-screening"' report/diff.html || failed "diff.html has no row for hirerank"
	;;
*)
	echo "run.sh: text or products, not '$what'" >&2; exit 2 ;;
esac
[ $fail = 0 ] && echo "diff $what: passed"
exit $fail
