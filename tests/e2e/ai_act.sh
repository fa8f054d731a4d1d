#!/bin/sh
# End-to-end checks on the real corpus, one check per run (one ctest each).
#
# usage: tests/e2e/ai_act.sh CHECK REGDOC_BINARY        (from the source tree's root)
# The AI Act has two versions (corpus/ai-act/manifest.xml, <versions>): the 2024 text
# (--as-of 2025-01-01) and the consolidated text applicable from 27 July 2026 (the default,
# the latest). Checks on the 2024 text run with --as-of 2025-01-01.
#   counts      2024: 180 recitals, 113 articles, 13 annexes; latest: 180, 119 (Articles
#               4a, 60a, 75a-75d inserted by Regulation (EU) 2026/1744), 14 (Annex XIV)
#   validate    both versions' graphs validate against templates/schema/graph.rng
#   relations   Recital 78 relates to Articles 15, 42 and 43 and each of them back to it
#               (`regdoc links corpus/ai-act rec-78`), in both versions
#   cites-43-1  Article 43(1) cites Annex VI, Annex VII, Articles 40 and 41 and Article
#               74(8) and (9): cites edges from art-43.1 or an element inside it, and the
#               <cite> element of "Article 74(8) or (9)" (2024 text; unchanged since)
#   oracle      tests/e2e/structure_oracle.py passes on both graphs (corpus/ai-act/structure.tsv,
#               corpus/ai-act/versions/2026-07-27/structure.tsv)
#   as-of       --as-of picks the version in force: 2025-01-01 and 2026-07-26 give the 2024
#               text (no Article 42(3)), 2026-07-27 and the default the consolidated text
#               (Article 42(3) inserted by Regulation (EU) 2026/1744, Article 1, point (18);
#               Article 5(1)(ba) and (bb), Article 10(5) [deleted]); a date before 1 August
#               2024 is an input error (exit 1) that names the dates there are
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

old="--as-of 2025-01-01" # the 2024 text of the AI Act

graph() { # graph REG [OPTIONS]: corpus/REG's graph into $work/REG.xml, or exit
	r=$1
	shift
	if ! ${REGDOC_WRAPPER:-} "$regdoc" graph "$@" "corpus/$r" -o "$work/$r.xml" 2>"$work/$r.err"; then
		echo "FAIL [$check]: regdoc graph $* corpus/$r failed:"
		cat "$work/$r.err"
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
	graph ai-act $old
	expect_count recitals /regulation/recitals/recital "$work/ai-act.xml" 180
	expect_count articles /regulation/articles/article "$work/ai-act.xml" 113
	expect_count annexes /regulation/annexes/annex "$work/ai-act.xml" 13
	# every unit is there with its own id, not only the right number of elements
	for id in rec-1 rec-180 art-1 art-113 anx-1 anx-13; do
		expect_count "elements with id $id" "//*[@id='$id']" "$work/ai-act.xml" 1
	done
	expect_count "inserted articles in the 2024 text" "//article[@id='art-4a']" "$work/ai-act.xml" 0
	graph ai-act
	expect_count recitals /regulation/recitals/recital "$work/ai-act.xml" 180
	expect_count articles /regulation/articles/article "$work/ai-act.xml" 119
	expect_count annexes /regulation/annexes/annex "$work/ai-act.xml" 14
	for id in art-4a art-60a art-75a art-75b art-75c art-75d anx-14; do
		expect_count "elements with id $id" "//*[@id='$id']" "$work/ai-act.xml" 1
	done
	# in the order of the law: Article 4a between Articles 4 and 5
	expect_count "articles before art-4a" "//article[@id='art-4a']/preceding-sibling::article" "$work/ai-act.xml" 4
	;;
validate)
	for v in "$old" ""; do
		graph ai-act $v
		xmllint --noout --relaxng templates/schema/graph.rng "$work/ai-act.xml" 2>"$work/v.err" ||
			{ failed "the graph ($v) does not validate against templates/schema/graph.rng:"; head -20 "$work/v.err"; }
	done
	;;
relations)
	for v in "$old" ""; do
		pages=corpus/ai-act
		[ -n "$v" ] || pages=corpus/ai-act/versions/2026-07-27
		${REGDOC_WRAPPER:-} "$regdoc" links $v corpus/ai-act rec-78 >"$work/links" 2>"$work/links.err" ||
			{ failed "regdoc links $v corpus/ai-act rec-78 failed:"; cat "$work/links.err"; }
		for art in 15 42 43; do
			grep -Eq "^relates-to	rec-78	art-$art	$pages/recitals/recital-078\.md:[0-9]+$" "$work/links" ||
				failed "no relates-to rec-78 -> art-$art ($v)"
			grep -Eq "^relates-to	art-$art	rec-78	$pages/articles/article-0$art\.md:[0-9]+$" "$work/links" ||
				failed "no relates-to art-$art -> rec-78 ($v)"
		done
		n=$(grep -c '^relates-to	' "$work/links")
		[ "$n" = 6 ] || failed "$n relates-to edges of rec-78, expected 6 ($v)"
		[ "$fail" = 0 ] || cat "$work/links"
	done
	;;
as-of)
	graph ai-act --as-of 2025-01-01
	expect_count "version 2024-08-01" "/regulation[@version='2024-08-01']" "$work/ai-act.xml" 1
	expect_count "Article 42(3) in the 2024 text" "//para[@id='art-42.3']" "$work/ai-act.xml" 0
	graph ai-act --as-of 2026-07-26
	expect_count "Article 42(3) the day before 27 July 2026" "//para[@id='art-42.3']" "$work/ai-act.xml" 0
	for v in "--as-of 2026-07-27" ""; do
		graph ai-act $v
		expect_count "version 2026-07-27 ($v)" "/regulation[@version='2026-07-27']" "$work/ai-act.xml" 1
		expect_count "Article 42(3) ($v)" "//para[@id='art-42.3']" "$work/ai-act.xml" 1
		expect_count "Article 5(1)(ba), (bb) ($v)" "//point[@id='art-5.1.ba' or @id='art-5.1.bb']" "$work/ai-act.xml" 2
		expect_count "Article 10(5) deleted ($v)" "//para[@id='art-10.5'][@deleted='true']" "$work/ai-act.xml" 1
	done
	${REGDOC_WRAPPER:-} "$regdoc" graph --as-of 2024-07-31 corpus/ai-act >"$work/out" 2>"$work/err"
	rc=$?
	[ "$rc" = 1 ] || failed "--as-of 2024-07-31: exit $rc, expected 1"
	grep -q '2024-08-01' "$work/err" && grep -q '2026-07-27' "$work/err" ||
		{ failed "--as-of 2024-07-31 does not name the dates there are:"; cat "$work/err"; }
	${REGDOC_WRAPPER:-} "$regdoc" graph --as-of 2025-13-01 corpus/ai-act >"$work/out" 2>"$work/err"
	rc=$?
	[ "$rc" = 1 ] && grep -q 'not a date' "$work/err" || failed "--as-of 2025-13-01: exit $rc, $(cat "$work/err")"
	;;
cites-43-1)
	graph ai-act $old
	${REGDOC_WRAPPER:-} "$regdoc" links $old corpus/ai-act art-43.1 >"$work/links" 2>"$work/links.err" ||
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
	graph ai-act $old
	python3 tests/e2e/structure_oracle.py "$work/ai-act.xml" corpus/ai-act/structure.tsv ||
		failed "the structure differs from corpus/ai-act/structure.tsv"
	graph ai-act
	python3 tests/e2e/structure_oracle.py "$work/ai-act.xml" corpus/ai-act/versions/2026-07-27/structure.tsv ||
		failed "the structure differs from corpus/ai-act/versions/2026-07-27/structure.tsv"
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
