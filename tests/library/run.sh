#!/bin/sh
# The library of regulations: one check per run (one ctest each), from the source root.
#
# usage: tests/library/run.sh CHECK REGDOC_BINARY
#   graph-beside     `regdoc graph tests/fixtures/library/alpha` (one regulation) reads
#                    its sibling beta to resolve its citations of it: the same graph,
#                    byte for byte, as the one `regdoc build tests/fixtures/library` writes
#   graph-symlink    issue 18: `regdoc graph LINK` where LINK is a symbolic link (in
#                    another folder) to alpha reads the siblings beside alpha, the
#                    link's target: beta's citations resolve as in graph-beside
#   sibling-broken   a sibling with errors is left out with a warning (exit 0): the
#                    citations of it stay citations of an external act
#   duplicate-id     two regulations of a library with the same manifest id: exit 1
#   atomic           a library build that fails (beta broken) leaves the previous
#                    library output byte-identical and no temporary output behind
#   standalone-site  `regdoc site` of one regulation links its citations of another
#                    regulation to EUR-Lex (there is no other site to link to)
#   links-cli        `regdoc links tests/fixtures/library beta:art-2` prints alpha's
#                    edges into beta's Article 2, ids qualified
#   fixture-site     check_links.py --library over the fixture library: every link, and
#                    every edge of links.xml both ways
#   corpus-site      the same over the whole corpus (the AI Act and the CRA); prints how
#                    many cross-regulation links resolve in each direction
#   cra              the CRA's graph validates and has the counts of its provenance note
#                    (corpus/cra/PROVENANCE.md): 130 recitals, 71 articles, 8 annexes,
#                    8 chapters, no relates-to edge (its pages have no such lists:
#                    absent, not faked), and its citations of the AI Act resolve into it
# $REGDOC_WRAPPER (e.g. valgrind) is put in front of every regdoc command when set.
set -u
check=${1:?usage: run.sh CHECK REGDOC_BINARY}
regdoc=${2:?usage: run.sh CHECK REGDOC_BINARY}
fixture=tests/fixtures/library
if [ ! -f "$fixture/alpha/manifest.xml" ]; then
	echo "run.sh: run me from the source root" >&2
	exit 2
fi
case "$regdoc" in /*) ;; *) regdoc=$(pwd)/$regdoc ;; esac
work=$(mktemp -d "${TMPDIR:-/tmp}/regdoc-library.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM
fail=0
failed() { echo "FAIL [$check]: $*"; fail=1; }
rd() { ${REGDOC_WRAPPER:-} "$regdoc" "$@"; }

tree_sum() { # every path and file content under $1
	(cd "$1" && find . -print | LC_ALL=C sort && find . -type f -print0 | LC_ALL=C sort -z |
		xargs -0 sha256sum) | sha256sum
}

count() { xmllint --xpath "count($1)" "$2"; }
expect_count() { # WHAT XPATH FILE N
	n=$(count "$2" "$3")
	[ "$n" = "$4" ] || failed "$n $1, expected $4"
}

case "$check" in
graph-beside)
	rd build "$fixture" -o "$work/out" 2>"$work/build.err" || { failed "build failed"; cat "$work/build.err"; }
	rd graph "$fixture/alpha" -o "$work/alpha.xml" 2>"$work/graph.err" || { failed "graph failed"; cat "$work/graph.err"; }
	cmp -s "$work/out/alpha/graph.xml" "$work/alpha.xml" ||
		{ failed "the graph of alpha alone differs from the library's"; diff -u "$work/out/alpha/graph.xml" "$work/alpha.xml" | head -30; }
	expect_count "citations of beta's Article 1(1)" "//cite[@to='beta:art-1.1']" "$work/alpha.xml" 1
	expect_count "beta acts" "//act[@regulation='beta']" "$work/alpha.xml" 1
	;;
graph-symlink)
	mkdir "$work/elsewhere"
	ln -s "$(pwd)/$fixture/alpha" "$work/elsewhere/alpha"
	rd graph "$work/elsewhere/alpha" -o "$work/alpha.xml" 2>"$work/graph.err" || { failed "graph failed"; cat "$work/graph.err"; }
	expect_count "citations of beta's Article 1(1)" "//cite[@to='beta:art-1.1']" "$work/alpha.xml" 1
	expect_count "beta acts" "//act[@regulation='beta']" "$work/alpha.xml" 1
	;;
sibling-broken)
	cp -R "$fixture" "$work/lib"
	rm "$work/lib/beta/articles/article-002.md"
	rd graph "$work/lib/alpha" -o "$work/alpha.xml" 2>"$work/err"
	status=$?
	[ "$status" = 0 ] || failed "exit $status, expected 0"
	grep -q "beta: warning: left out of the library" "$work/err" ||
		{ failed "no warning that beta is left out"; cat "$work/err"; }
	expect_count "qualified citations" "//cite[contains(@to, ':')]" "$work/alpha.xml" 0
	expect_count "citations of beta as an act" "//cite[@act='ext:32099R0102']" "$work/alpha.xml" 8
	expect_count "library acts" "//act[@regulation]" "$work/alpha.xml" 0
	;;
duplicate-id)
	cp -R "$fixture" "$work/lib"
	sed -i 's/<manifest id="beta"/<manifest id="alpha"/' "$work/lib/beta/manifest.xml"
	rd check "$work/lib" 2>"$work/err"
	status=$?
	[ "$status" = 1 ] || failed "exit $status, expected 1"
	grep -Eq "beta/manifest.xml: error: the id alpha is also alpha's" "$work/err" ||
		{ failed "no error about the duplicate id"; cat "$work/err"; }
	;;
atomic)
	cp -R "$fixture" "$work/lib"
	rd build "$work/lib" -o "$work/out" 2>"$work/err" || { failed "the intact library does not build"; cat "$work/err"; }
	for f in index.html links.xml alpha/graph.xml beta/site/index.html; do
		[ -f "$work/out/$f" ] || failed "no $f"
	done
	before=$(tree_sum "$work/out")
	printf '```markdown\n# Article 7: Wrong\n\nText.\n```' >"$work/lib/beta/articles/article-002.md"
	rd build "$work/lib" -o "$work/out" 2>"$work/err2"
	status=$?
	[ "$status" = 1 ] || failed "exit $status with a broken page, expected 1"
	[ "$(tree_sum "$work/out")" = "$before" ] || failed "the previous output changed"
	left=$(find "$work" -name '*.tmp-*' | head -3)
	[ -z "$left" ] || failed "temporary output left: $left"
	;;
standalone-site)
	rd site "$fixture/alpha" -o "$work/site" 2>"$work/err" || { failed "site failed"; cat "$work/err"; }
	grep -q 'href="https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32099R0102"' "$work/site/rec-2.html" ||
		failed "rec-2 does not link its citation of beta to EUR-Lex"
	! grep -q '\.\./\.\./' "$work/site/rec-2.html" || failed "a link out of the site in rec-2.html"
	python3 tests/e2e/check_links.py "$work/site" >"$work/links.out" || { failed "broken links"; cat "$work/links.out"; }
	;;
links-cli)
	rd links "$fixture" beta:art-2 >"$work/links" 2>"$work/err" || { failed "links failed"; cat "$work/err"; }
	for e in "cites	alpha:art-2.1	beta:art-2.1.a	$fixture/alpha/articles/article-002.md:4" \
	         "cites	alpha:art-2.2	beta:art-2	$fixture/alpha/articles/article-002.md:6" \
	         "cites	beta:art-2.1.a	alpha:art-1.1	$fixture/beta/articles/article-002.md:6"; do
		grep -qxF "$e" "$work/links" || failed "no line: $e"
	done
	# a folder of regulations: every id qualified (issue 17), none bare
	if grep -v "^[a-z-]*	[a-z]*:[^	]*	[a-z]*:" "$work/links" | grep -q .; then
		failed "an unqualified id in the links of a library"
	fi
	[ "$fail" = 0 ] || cat "$work/links"
	;;
fixture-site)
	python3 tests/e2e/check_links.py --library --regdoc "$regdoc" --corpus "$fixture" || failed "broken links"
	;;
corpus-site)
	python3 tests/e2e/check_links.py --library --regdoc "$regdoc" --corpus corpus >"$work/out" 2>&1
	status=$?
	cat "$work/out"
	[ "$status" = 0 ] || failed "broken links"
	for pair in "ai-act -> cra" "cra -> ai-act"; do
		grep -Eq "^links.xml $pair: ([0-9]+) edges, \1 resolve both ways$" "$work/out" ||
			failed "not every $pair edge resolves both ways"
	done
	;;
cra)
	rd graph corpus/cra -o "$work/cra.xml" 2>"$work/err" || { failed "regdoc graph corpus/cra failed"; cat "$work/err"; }
	expect_count recitals /regulation/recitals/recital "$work/cra.xml" 130
	expect_count articles /regulation/articles/article "$work/cra.xml" 71
	expect_count annexes /regulation/annexes/annex "$work/cra.xml" 8
	expect_count chapters /regulation/contents/chapter "$work/cra.xml" 8
	expect_count "contents links" "/regulation/contents//unit" "$work/cra.xml" 71
	# its pages have no "This Article relates to" lists: no relates-to edge, none faked
	expect_count "relates-to edges" "//edge[@kind='relates-to']" "$work/cra.xml" 0
	xmllint --noout --relaxng templates/schema/graph.rng "$work/cra.xml" 2>"$work/v.err" ||
		{ failed "the CRA graph does not validate:"; head -20 "$work/v.err"; }
	# Article 12(1)(c): "Article 15 of Regulation (EU) 2024/1689" is the AI Act's Article 15
	expect_count "cites of ai-act:art-15 from art-12.1.c" \
		"//edge[@kind='cites'][@from='art-12.1.c'][@to='ai-act:art-15']" "$work/cra.xml" 1
	expect_count "the AI Act as a library act" "//act[@celex='32024R1689'][@regulation='ai-act']" "$work/cra.xml" 1
	;;
*)
	echo "run.sh: unknown check '$check'" >&2
	exit 2
	;;
esac
[ "$fail" = 0 ] && echo "ok [$check]"
exit "$fail"
