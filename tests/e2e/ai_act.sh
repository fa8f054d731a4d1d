#!/bin/sh
# End-to-end checks on the real corpus, one check per run (one ctest each).
#
# usage: tests/e2e/ai_act.sh CHECK REGDOC_BINARY        (from the source tree's root)
#   counts      `regdoc graph corpus/ai-act` succeeds: 180 recitals, 113 articles, 13 annexes
#   validate    the graph validates against templates/schema/graph.rng (xmllint --relaxng)
#   relations   Recital 78 relates to Articles 15, 42 and 43 and each of them back to it
#               (`regdoc links corpus/ai-act rec-78`)
#   cites-43-1  Article 43(1) cites Annex VI, Annex VII, Articles 40 and 41 and Article
#               74(8) and (9): cites edges from art-43.1 or an element inside it, and the
#               <cite> element of "Article 74(8) or (9)"
#   oracle      tests/e2e/structure_oracle.py passes on the graph (corpus/ai-act/structure.tsv)
#   cra         the Cyber Resilience Act builds too: 130 recitals, 71 articles, 8 annexes,
#               and its graph validates
# $REGDOC_WRAPPER (e.g. valgrind) is put in front of the regdoc command when set.
set -u
check=${1:?usage: ai_act.sh CHECK REGDOC_BINARY}
regdoc=${2:?usage: ai_act.sh CHECK REGDOC_BINARY}
if [ ! -f corpus/ai-act/manifest.xml ]; then
	echo "ai_act.sh: run me from the source root" >&2
	exit 2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/regdoc-e2e.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM
fail=0
failed() { echo "FAIL [$check]: $*"; fail=1; }

graph() { # graph REG: corpus/REG's graph into $work/REG.xml, or exit
	if ! ${REGDOC_WRAPPER:-} "$regdoc" graph "corpus/$1" -o "$work/$1.xml" 2>"$work/$1.err"; then
		echo "FAIL [$check]: regdoc graph corpus/$1 failed:"
		cat "$work/$1.err"
		exit 1
	fi
}

count() { # count XPATH FILE
	xmllint --xpath "count($1)" "$2"
}

expect_count() { # expect_count WHAT XPATH FILE N
	n=$(count "$2" "$3")
	[ "$n" = "$4" ] || failed "$n $1, expected $4"
}

case "$check" in
counts)
	graph ai-act
	expect_count recitals /regulation/recitals/recital "$work/ai-act.xml" 180
	expect_count articles /regulation/articles/article "$work/ai-act.xml" 113
	expect_count annexes /regulation/annexes/annex "$work/ai-act.xml" 13
	# every unit is there with its own id, not only the right number of elements
	for id in rec-1 rec-180 art-1 art-113 anx-1 anx-13; do
		expect_count "elements with id $id" "//*[@id='$id']" "$work/ai-act.xml" 1
	done
	;;
validate)
	graph ai-act
	xmllint --noout --relaxng templates/schema/graph.rng "$work/ai-act.xml" 2>"$work/v.err" ||
		{ failed "the graph does not validate against templates/schema/graph.rng:"; head -20 "$work/v.err"; }
	;;
relations)
	${REGDOC_WRAPPER:-} "$regdoc" links corpus/ai-act rec-78 >"$work/links" 2>"$work/links.err" ||
		{ failed "regdoc links corpus/ai-act rec-78 failed:"; cat "$work/links.err"; }
	for art in 15 42 43; do
		grep -Eq "^relates-to	rec-78	art-$art	corpus/ai-act/recitals/recital-078\.md:[0-9]+$" "$work/links" ||
			failed "no relates-to rec-78 -> art-$art"
		grep -Eq "^relates-to	art-$art	rec-78	corpus/ai-act/articles/article-0$art\.md:[0-9]+$" "$work/links" ||
			failed "no relates-to art-$art -> rec-78"
	done
	n=$(grep -c '^relates-to	' "$work/links")
	[ "$n" = 6 ] || failed "$n relates-to edges of rec-78, expected 6"
	[ "$fail" = 0 ] || cat "$work/links"
	;;
cites-43-1)
	graph ai-act
	${REGDOC_WRAPPER:-} "$regdoc" links corpus/ai-act art-43.1 >"$work/links" 2>"$work/links.err" ||
		{ failed "regdoc links corpus/ai-act art-43.1 failed:"; cat "$work/links.err"; }
	for to in anx-6 anx-7 art-40 art-41 art-74.8 art-74.9; do
		grep -Eq "^cites	art-43\.1(\.[a-z0-9.]+)?	$to	corpus/ai-act/articles/article-043\.md:[0-9]+$" "$work/links" ||
			failed "no cites edge from art-43.1 (or inside it) to $to"
	done
	# the <cite> elements themselves, in Article 43(1)
	p="//para[@id='art-43.1']//cite"
	expect_count "<cite to=\"anx-6\"> in art-43.1" "$p[@to='anx-6']" "$work/ai-act.xml" 1
	expect_count "<cite to=\"art-40\"> in art-43.1" "$p[@to='art-40']" "$work/ai-act.xml" 2
	# "Article 74(8) or (9)": one <cite> with both targets, or one per target
	for to in art-74.8 art-74.9; do
		expect_count "<cite> with target $to in art-43.1" \
			"$p[contains(concat(' ', @to, ' '), ' $to ')]" "$work/ai-act.xml" 1
	done
	[ "$fail" = 0 ] || grep '^cites' "$work/links"
	;;
oracle)
	graph ai-act
	python3 tests/e2e/structure_oracle.py "$work/ai-act.xml" corpus/ai-act/structure.tsv ||
		failed "the structure differs from corpus/ai-act/structure.tsv"
	;;
cra)
	graph cra
	expect_count recitals /regulation/recitals/recital "$work/cra.xml" 130
	expect_count articles /regulation/articles/article "$work/cra.xml" 71
	expect_count annexes /regulation/annexes/annex "$work/cra.xml" 8
	xmllint --noout --relaxng templates/schema/graph.rng "$work/cra.xml" 2>"$work/v.err" ||
		{ failed "the CRA graph does not validate:"; head -20 "$work/v.err"; }
	;;
*)
	echo "ai_act.sh: unknown check '$check'" >&2
	exit 2
	;;
esac
[ "$fail" = 0 ] && echo "ok [$check]"
exit "$fail"
