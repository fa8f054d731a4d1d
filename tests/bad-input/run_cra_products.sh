#!/bin/sh
# Bad Cyber Resilience Act and combined (AI Act + CRA) product descriptions and rule files:
# in a private copy of the library (corpus/ai-act and corpus/cra side by side), run
#     regdoc assess BAD.xml -o out
# over an `out` that holds the previous good output of the same product, and check
#   (a) exit status 1,
#   (b) a diagnostic "FILE:LINE: error: ..." naming the file, the line and the problem,
#   (c) the previous output is byte-identical afterwards (checksum of the whole tree).
#
# usage: tests/bad-input/run_cra_products.sh CASE REGDOC_BINARY   (no CASE: the list)
# Each bad product is an example product of the corpus with one defect, made here with sed.
# $REGDOC_WRAPPER (e.g. valgrind) is put in front of the regdoc command when set.
set -u
case_=${1:-}
regdoc=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$here/../..
cases="cra-no-such-category cra-class-contradicts-category cra-missing-category
cra-rule-cites-missing-ai-act-provision combined-missing-class"
if [ -z "$case_" ] || [ -z "$regdoc" ]; then
	echo "usage: run_cra_products.sh CASE REGDOC_BINARY; cases:" $cases >&2
	exit 2
fi
case "$regdoc" in /*) ;; *) regdoc=$(pwd)/$regdoc ;; esac

work=$(mktemp -d "${TMPDIR:-/tmp}/regdoc-bad-cra.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM
cd "$work" || exit 2
mkdir lib
cp -R "$root/corpus/ai-act" "$root/corpus/cra" lib/

# The line regdoc names for an element: libxml2 numbers an element by the line where its
# start tag ends (the <cybersecurity .../> of the examples spans two lines).
tag_end_line() { # FILE ELEMENT
	awk -v el="<$2" 'index($0, el) { on = 1 } on && index($0, ">") { print NR; exit }' "$1"
}

# the good product the case breaks, and the bad copy (in the same products/ folder)
case $case_ in
combined-missing-class) good=lib/ai-act/products/gridsentinel-critical-infrastructure.xml ;;
cra-missing-category) good=lib/cra/products/bastion-firewall-appliance.xml ;;
*) good=lib/cra/products/vaultkey-password-manager.xml ;;
esac
bad=$(dirname "$good")/bad-$case_.xml
name=$bad
if ! "$regdoc" assess "$good" -o out 2>good.err; then
	echo "FAIL: the good product does not assess:"; cat good.err; exit 1
fi
sum_before=$(find out -type f | LC_ALL=C sort | xargs cat | cksum)

case $case_ in
cra-no-such-category)
	# Annex III class I has 19 points
	sed 's|<cra-annex-iii class="1" point="3">|<cra-annex-iii class="1" point="25">|' "$good" > "$bad"
	line=$(grep -n 'point="25"' "$bad" | cut -d: -f1)
	want="$name:$line: error: <cra-annex-iii>: class 1 of Annex III of the Cyber Resilience Act has no point 25 (anx-3.class-1.25 does not exist in the graph of cra)" ;;
cra-class-contradicts-category)
	# a class II category (firewalls) for a product described as class I
	sed 's|<cra-annex-iii class="1" point="3">|<cra-annex-iii class="2" point="2">|' "$good" > "$bad"
	cline=$(tag_end_line "$bad" cybersecurity)
	aline=$(grep -n '<cra-annex-iii' "$bad" | cut -d: -f1)
	want="$name:$cline: error: contradictory facts: cybersecurity.cra-class=\"important-class-1\" (line $cline) and cra-annex-iii.class=\"2\" (line $aline)" ;;
cra-missing-category)
	grep -v '<cra-annex-iii' "$good" > "$bad"
	line=$(grep -n '<product' "$bad" | cut -d: -f1)
	want="$name:$line: error: missing required fact \"cra-annex-iii.class\": an important product must name the category of Annex III" ;;
cra-rule-cites-missing-ai-act-provision)
	# a CRA rule citing an AI Act paragraph that does not exist: checked against the AI Act's
	# graph, which the library gives to the assessment
	cp "$good" "$bad"
	rules=lib/cra/rules/20-procedure.xml
	sed 's|<cite regulation="ai-act" ref="art-43">AI Act Article 43</cite>|<cite regulation="ai-act" ref="art-43.9">AI Act Article 43(9)</cite>|' \
		"$rules" > "$rules.new" && mv "$rules.new" "$rules"
	line=$(grep -n 'ref="art-43.9"' "$rules" | head -1 | cut -d: -f1)
	[ -n "$line" ] || { echo "FAIL: could not break the rule file"; exit 1; }
	want="$rules:$line: error: <cite ref=\"art-43.9\" regulation=\"ai-act\">: provision art-43.9 does not exist in the graph of ai-act" ;;
combined-missing-class)
	# a product with digital elements must state its CRA class: both regulations' rules
	# require it, one error is reported
	sed 's| cra-class="important-class-2"||' "$good" > "$bad"
	line=$(tag_end_line "$bad" cybersecurity)
	want="$name:$line: error: missing required fact \"cybersecurity.cra-class\"" ;;
*) echo "unknown case $case_" >&2; exit 2 ;;
esac

${REGDOC_WRAPPER:-} "$regdoc" assess "$bad" -o out 2>err.txt
status=$?
fail=0
if [ $status != 1 ]; then echo "FAIL: exit status $status, want 1"; fail=1; fi
if ! grep -F -- "$want" err.txt >/dev/null; then
	echo "FAIL: no diagnostic containing: $want"; fail=1
fi
if [ "$case_" = combined-missing-class ] && [ "$(grep -c 'missing required fact "cybersecurity.cra-class"' err.txt)" != 1 ]; then
	echo "FAIL: the missing fact is not reported exactly once"; fail=1
fi
sum_after=$(find out -type f | LC_ALL=C sort | xargs cat | cksum)
if [ "$sum_before" != "$sum_after" ]; then echo "FAIL: the previous output changed"; fail=1; fi
if [ $fail = 0 ]; then echo "$case_: 1 passed, 0 failed"; else echo "diagnostics were:"; grep -v "warning:" err.txt; fi
exit $fail
