#!/bin/sh
# Bad product descriptions and rule files: run
#     regdoc assess BAD.xml --regulation REG -o out
# over an `out` that holds the previous good output of the same product, and check
#   (a) exit status 1,
#   (b) a diagnostic "FILE:LINE: error: ..." naming the file, the line and the problem,
#   (c) the previous output is byte-identical afterwards (checksum of the whole tree).
#
# usage: tests/bad-input/run_products.sh CASE REGDOC_BINARY   (no CASE: the list)
# The bad products are tests/fixtures/products/bad/CASE.xml (copies of
# corpus/ai-act/products/hirerank-cv-screening.xml with one defect).
# $REGDOC_WRAPPER (e.g. valgrind) is put in front of the regdoc command when set.
set -u
case_=${1:-}
regdoc=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$here/../..
cases="unknown-element missing-fact contradictory-facts no-such-annex-iii-point not-well-formed
entity rule-cites-missing-provision product-date-not-a-date product-date-before-first-version
rule-amended-provision-in-2024 rule-since-after-until"
if [ -z "$case_" ] || [ -z "$regdoc" ]; then
	echo "usage: run_products.sh CASE REGDOC_BINARY; cases:" $cases >&2
	exit 2
fi
case "$regdoc" in /*) ;; *) regdoc=$(pwd)/$regdoc ;; esac

work=$(mktemp -d "${TMPDIR:-/tmp}/regdoc-bad-products.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM
cd "$work" || exit 2
# a private copy of the regulation (pages, manifest, rules), so rules can be broken
cp -R "$root/corpus/ai-act" reg
good=reg/products/hirerank-cv-screening.xml
if ! "$regdoc" assess "$good" --regulation reg -o out 2>good.err; then
	echo "FAIL: the good product does not assess:"; cat good.err; exit 1
fi
sum_before=$(find out -type f | LC_ALL=C sort | xargs cat | cksum)

product=$root/tests/fixtures/products/bad/$case_.xml
name=$case_.xml
case $case_ in
unknown-element)   want="$name:21: error: unknown element <colour> in <product>; allowed here: <name>, <version>," ;;
missing-fact)      want="$name:14: error: missing required fact \"practices.social-scoring\"" ;;
contradictory-facts) want="$name:20: error: contradictory facts: standards.harmonised=\"none\" (line 20) and standards.harmonised-applied=\"full\" (line 20)" ;;
no-such-annex-iii-point) want="$name:15: error: <annex-iii>: Annex III has no point 4(c) (anx-3.4.c does not exist" ;;
not-well-formed)   want="$name:21: error: </product> where </name> was expected: <name> (opened on line 5) must be closed first" ;;
entity)            want="$name:" ; want2="error: DOCTYPE with entity declarations or an external DTD is refused" ;;
rule-cites-missing-provision)
	product=$good
	name=hirerank-cv-screening.xml
	# Article 43(2) has no point 9: a legal editor's typo in the rule that gives the route
	sed 's|<cite ref="art-43.2"/><cite ref="anx-6"/>|<cite ref="art-43.9"/><cite ref="anx-6"/>|' \
		reg/rules/20-route.xml > reg/rules/20-route.xml.new && mv reg/rules/20-route.xml.new reg/rules/20-route.xml
	line=$(grep -n 'ref="art-43.9"' reg/rules/20-route.xml | cut -d: -f1)
	[ -n "$line" ] || { echo "FAIL: could not break the rule file"; exit 1; }
	want="reg/rules/20-route.xml:$line: error: <cite ref=\"art-43.9\">: provision art-43.9 does not exist in the graph of ai-act" ;;
product-date-not-a-date)
	want="$name:21: error: <placing-on-market date=\"2026-02-30\">: not a date; write YYYY-MM-DD" ;;
product-date-before-first-version)
	want="$name:21: error: <placing-on-market date=\"2023-05-01\">: no version of ai-act is in force on that date; the first applies from 2024-08-01" ;;
rule-amended-provision-in-2024)
	# a product placed on the market in 2025 is assessed under the 2024 text, where
	# Article 42(3) does not exist: a rule citing it must say since="2026-07-27"
	name=dated.xml
	product=$good
	sed 's|<history already-assessed="no"/>|<history already-assessed="no"/><placing-on-market date="2025-03-01"/>|' "$good" >"$name"
	sed 's|<rule id="cyber-presumption-42-3" since="2026-07-27"|<rule id="cyber-presumption-42-3"|' \
		reg/rules/20-route.xml > reg/rules/20-route.xml.new && mv reg/rules/20-route.xml.new reg/rules/20-route.xml
	line=$(grep -n '<cite ref="art-42.3"/><cite ref="art-15.5"/>' reg/rules/20-route.xml | head -1 | cut -d: -f1)
	[ -n "$line" ] || { echo "FAIL: could not break the rule file"; exit 1; }
	want="reg/rules/20-route.xml:$line: error: <cite ref=\"art-42.3\">: provision art-42.3 does not exist in the graph of ai-act" ;;
rule-since-after-until)
	product=$good
	name=hirerank-cv-screening.xml
	sed 's|<rule id="route-6-1" since="2026-07-27"|<rule id="route-6-1" since="2026-07-27" until="2024-08-01"|' \
		reg/rules/20-route.xml > reg/rules/20-route.xml.new && mv reg/rules/20-route.xml.new reg/rules/20-route.xml
	line=$(grep -n '<rule id="route-6-1" since="2026-07-27" until' reg/rules/20-route.xml | cut -d: -f1)
	[ -n "$line" ] || { echo "FAIL: could not break the rule file"; exit 1; }
	want="reg/rules/20-route.xml:$line: error: <rule since=\"2026-07-27\" until=\"2024-08-01\">: since is after until" ;;
*) echo "unknown case $case_" >&2; exit 2 ;;
esac
[ "$product" = "$good" ] || cp "$product" "$name"
[ "$product" = "$good" ] && [ "$name" != dated.xml ] && name=$good

${REGDOC_WRAPPER:-} "$regdoc" assess "$name" --regulation reg -o out 2>err.txt
status=$?
fail=0
if [ $status != 1 ]; then echo "FAIL: exit status $status, want 1"; fail=1; fi
if ! grep -F -- "$want" err.txt >/dev/null; then
	echo "FAIL: no diagnostic containing: $want"; fail=1
fi
if [ -n "${want2:-}" ] && ! grep -F -- "$want2" err.txt >/dev/null; then
	echo "FAIL: no diagnostic containing: $want2"; fail=1
fi
sum_after=$(find out -type f | LC_ALL=C sort | xargs cat | cksum)
if [ "$sum_before" != "$sum_after" ]; then echo "FAIL: the previous output changed"; fail=1; fi
if [ $fail = 0 ]; then echo "$case_: 1 passed, 0 failed"; else echo "diagnostics were:"; grep -v "warning:" err.txt; fi
exit $fail
