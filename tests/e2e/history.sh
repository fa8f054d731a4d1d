#!/bin/sh
# The law in time (issue 14): the amending act in the library, the amends edges, the
# history document. One check per run (one ctest each).
#
# usage: tests/e2e/history.sh CHECK REGDOC_BINARY        (from the source tree's root)
#   amends    `regdoc build --stage=graph corpus`: every row of
#             corpus/ai-act/versions/2026-07-27/amendments.tsv (80 rows) is an amends edge of
#             links.xml from the provision of Regulation (EU) 2026/1744 that made it to each
#             element it names, and a marked change of that element in ai-act/history.xml;
#             no edge dangles (tests/e2e/amendments_oracle.py). The row of Article 3(14a)/(14b)
#             is read with the provision the manifest corrects (Article 1, point (4)(b); the
#             corpus README, "Checks" 4, on the source's AR:1;PT:14;PT:b).
#   links     `regdoc links corpus ai-act:art-43.3` shows Article 43(3) replaced by Article 1,
#             point (19) of Regulation (EU) 2026/1744, and ai-act:art-42.3 Article 42(3)
#             inserted by Article 1, point (18) (amendments.tsv); under --as-of 2025-01-01
#             (the 2024 text) Article 43(3) has no amends edge, and ai-act:art-42.3 is an
#             error (exit 1) saying it is in version 2026-07-27, not in 2024-08-01
#   history   history.xml validates against templates/schema/history.rng; it lists both
#             versions; Article 4a is only in 2026-07-27; Article 10(5) is deleted by
#             Article 1, point (9)(b); the only changes no marker names are Article 78(1)(a)
#             and Article 110, whose footnote markers were renumbered ((57) -> (2), (58) ->
#             (3)); Annex XIV inserted by Article 1, point (43)
#   dates     dates of application in the graphs (corpus/ai-act/application.xml and
#             versions/2026-07-27/application.xml, from Article 113): as amended, Article 43
#             applies from 2 August 2026 (Article 113, second paragraph); Article 5 from 2
#             February 2025 (Article 113(a)) but its points (1)(ba), (1)(bb) and paragraphs
#             (1a), (1b) from 2 December 2026 (Article 113(a) as amended); Article 6 (Chapter
#             III Section 1) from 2 December 2027 for Annex III systems and 2 August 2028
#             for Annex I systems (Article 113(c)(i), (ii)), except Article 6(5) (2 August
#             2026); Article 4 (replaced) from 27 July 2026 (Regulation (EU) 2026/1744,
#             Article 4); recitals have none. In the 2024 text Article 6(1) applies from 2
#             August 2027 (Article 113(c) of 2024)
#   bad-dates a copy whose application.xml names Article 5(1)(zz): exit 1, naming the file
#             and line
#   diff      `regdoc diff corpus/ai-act -o DIR` (its two versions): diff.xml validates
#             (templates/schema/diff.rng); every row of versions/2026-07-27/amendments.tsv
#             is an <amendment> of the element it names (tests/e2e/diff_oracle.py); every
#             element changed, added or removed is named by a row, or is inside one a
#             row names, but Article 78(1)(a) and Article 110 (footnote markers
#             renumbered, no marker: see "history"); Article 43(3) replaced by Regulation
#             (EU) 2026/1744, Article 1, point (19) (table line 41) and Article 42(3)
#             inserted by its point (18) (line 40), in the text report too; --from
#             2024-08-01 gives the same report; --as-of 2025-01-01 (the 2024 text, the
#             first version) is exit 1 naming the version, so is the CRA (one version);
#             two folders and --from is a usage error (exit 2)
#   as-of-all --as-of 2024-07-31 (before 1 August 2024, the AI Act's first version) on
#             every command (graph, check, links, site, assess, build, diff): exit 1 and
#             a message naming the dates there are (2024-08-01, 2026-07-27)
#   check     `regdoc check -W corpus` (every version, the amending act, the history) is clean
#   cra-dates the CRA's dates of application (Article 71(2)) in its graph and on the
#             checklist items of a CRA product and of an AI Act product combined with it;
#             <application> beside <versions> in a manifest is an error at its line
#   as-of-amending  `regdoc check -W --as-of 2025-01-01 corpus` is clean: the amending
#             act's citations of the AI Act resolve in the version it made (version= on
#             them); a citation of an article no version has still warns
#   as-of-site  the sites of `regdoc build --as-of 2025-01-01`: the amending act's
#             citations of the AI Act link to the pages of the version it made (v/2026-07-27/),
#             never to the 2024 text's page of the same id, nor to EUR-Lex
#   bad-amendments  a copy whose amendments.tsv names Article 43(9) (there is none) and
#             Article 1, point (99) (there is none): `regdoc build` exits 1 naming the table
#             and its lines, and leaves the previous output as it was
#   bad-versions    a copy whose manifest lists its versions newest first, or a version
#             whose folder does not exist: exit 1, naming manifest.xml and the line or the
#             folder
# $REGDOC_WRAPPER (e.g. valgrind) is put in front of the regdoc command when set.
set -u
check=${1:?usage: history.sh CHECK REGDOC_BINARY}
regdoc=${2:?usage: history.sh CHECK REGDOC_BINARY}
[ -f corpus/ai-act/manifest.xml ] || { echo "history.sh: run me from the source root" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/regdoc-history.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM
fail=0
failed() { echo "FAIL [$check]: $*"; fail=1; }
rd() { ${REGDOC_WRAPPER:-} "$regdoc" "$@"; }
build() {
	rd build --stage=graph corpus -o "$work/out" 2>"$work/build.err" ||
		{ echo "FAIL [$check]: regdoc build --stage=graph corpus failed:"; cat "$work/build.err"; exit 1; }
}
count() { xmllint --xpath "count($1)" "$2"; }
expect_count() { # WHAT XPATH FILE N
	n=$(count "$2" "$3")
	[ "$n" = "$4" ] || failed "$n $1, expected $4"
}
tab=$(printf '\t')

case "$check" in
amends)
	build
	python3 tests/e2e/amendments_oracle.py "$work/out" ai-act digital-omnibus-ai \
		corpus/ai-act/versions/2026-07-27/amendments.tsv 'art-3.14a+14b=AR:1;PT:4;PT:b' ||
		failed "amendments.tsv is not accounted for"
	;;
links)
	rd links corpus ai-act:art-43.3 >"$work/l" 2>"$work/e" || { failed "links failed"; cat "$work/e"; }
	grep -q "^amends${tab}digital-omnibus-ai:art-1\.19${tab}ai-act:art-43\.3${tab}corpus/ai-act/versions/2026-07-27/amendments\.tsv:[0-9]*${tab}replaced$" "$work/l" ||
		{ failed "no amends edge art-1.19 -> ai-act:art-43.3 (replaced)"; cat "$work/l"; }
	rd links corpus ai-act:art-42.3 >"$work/l" 2>"$work/e" || { failed "links failed"; cat "$work/e"; }
	grep -q "^amends${tab}digital-omnibus-ai:art-1\.18${tab}ai-act:art-42\.3${tab}.*${tab}inserted$" "$work/l" ||
		{ failed "no amends edge art-1.18 -> ai-act:art-42.3 (inserted)"; cat "$work/l"; }
	rd links --as-of 2025-01-01 corpus ai-act:art-43.3 >"$work/l" 2>"$work/e" || { failed "links --as-of failed"; cat "$work/e"; }
	grep -q '^amends' "$work/l" && failed "amends edges into the 2024 text"
	grep -q "^cites${tab}ai-act:art-43\.3" "$work/l" || failed "the 2024 Article 43(3) has no edges"
	rd links --as-of 2025-01-01 corpus ai-act:art-42.3 >"$work/l" 2>"$work/e"
	st=$?
	[ "$st" = 1 ] || failed "links --as-of 2025-01-01 ai-act:art-42.3: exit $st, expected 1 (no such id in 2024)"
	# inserted in 2026-07-27 (Regulation (EU) 2026/1744, Article 1, point (18)): known as such
	grep -q 'ai-act:art-42\.3: not in ai-act version 2024-08-01 .* it is in version 2026-07-27' "$work/e" ||
		failed "Article 42(3) in the 2024 text: $(cat "$work/e")"
	;;
history)
	build
	h=$work/out/ai-act/history.xml
	xmllint --noout --relaxng templates/schema/history.rng "$h" 2>"$work/v" || { failed "history.xml does not validate"; cat "$work/v"; }
	expect_count versions "/history/version" "$h" 2
	expect_count "graphs of the versions" "/history/version[@id='2024-08-01'][@graph='versions/2024-08-01/graph.xml'] | /history/version[@id='2026-07-27'][@graph='graph.xml']" "$h" 2
	[ -f "$work/out/ai-act/versions/2024-08-01/graph.xml" ] || failed "no versions/2024-08-01/graph.xml"
	expect_count "Article 4a only in 2026-07-27" "/history/element[@id='art-4a'][@in='2026-07-27']/change[@status='inserted'][@by='digital-omnibus-ai:art-1.6']" "$h" 1
	expect_count "Article 10(5) deleted" "/history/element[@id='art-10.5'][@in='2024-08-01 2026-07-27']/change[@status='deleted'][@by='digital-omnibus-ai:art-1.9.b']" "$h" 1
	expect_count "Annex XIV inserted" "/history/element[@id='anx-14']/change[@status='inserted'][@by='digital-omnibus-ai:art-1.43']" "$h" 1
	expect_count "Article 75 title replaced" "/history/element[@id='art-75']/change[@part='title'][@status='replaced']" "$h" 1
	expect_count "unmarked changes" "//change[@marked='false']" "$h" 2
	expect_count "Article 78(1)(a), Article 110 unmarked" "/history/element[@id='art-78.1.a' or @id='art-110']/change[@marked='false'][@status='changed']" "$h" 2
	;;
dates)
	rd graph corpus/ai-act -o "$work/g.xml" 2>"$work/e" || { failed "graph failed"; cat "$work/e"; }
	g=$work/g.xml
	a() { expect_count "$1 applies from $2 by $3" "//*[@id='$1'][@applies-from='$2'][@applies-by='$3']" "$g" 1; }
	a art-43 2026-08-02 art-113.sub2
	expect_count "dates inside Article 43" "//article[@id='art-43']//*[@applies-by]" "$g" 0
	a art-5 2025-02-02 art-113.sub3.a
	for id in art-5.1.ba art-5.1.bb art-5.1a art-5.1b; do a $id 2026-12-02 art-113.sub3.a; done
	expect_count "other dates inside Article 5" "//article[@id='art-5']//*[@applies-by]" "$g" 4
	expect_count "Article 6: dates by case" "//article[@id='art-6'][not(@applies-from)][@applies-by='art-113.sub3.c']" "$g" 1
	expect_count "the cases of Article 113(c)" "/regulation/application/applies[@by='art-113.sub3.c']/when[@condition='annex-iii'][@date='2027-12-02'][@by='art-113.sub3.c.i'] | /regulation/application/applies[@by='art-113.sub3.c']/when[@condition='annex-i'][@date='2028-08-02'][@by='art-113.sub3.c.ii']" "$g" 2
	a art-6.5 2026-08-02 art-113.sub2
	a art-4 2026-07-27 digital-omnibus-ai:art-4
	a art-4a 2026-07-27 digital-omnibus-ai:art-4
	a art-102 2026-07-27 art-113.sub3.d
	a art-101 2026-08-02 art-113.sub2
	a anx-3 2026-08-02 art-113.sub2
	expect_count "recitals with dates" "//recital[@applies-by]" "$g" 0
	expect_count "articles without dates" "//article[not(@applies-by)]" "$g" 0
	rd graph --as-of 2025-01-01 corpus/ai-act -o "$work/g.xml" 2>"$work/e" || { failed "graph --as-of failed"; cat "$work/e"; }
	a art-5 2025-02-02 art-113.sub3.a
	a art-6 2026-08-02 art-113.sub2
	a art-6.1 2027-08-02 art-113.sub3.c
	a art-102 2026-08-02 art-113.sub2
	expect_count "dates inside Article 5 (2024)" "//article[@id='art-5']//*[@applies-by]" "$g" 0
	;;
bad-dates)
	mkdir "$work/c"
	cp -R corpus/ai-act "$work/c/"
	f=$work/c/ai-act/versions/2026-07-27/application.xml
	sed -i 's/to="art-5.1.ba art-5.1.bb/to="art-5.1.zz art-5.1.bb/' "$f"
	rd check "$work/c/ai-act" >/dev/null 2>"$work/e"
	st=$?
	[ "$st" = 1 ] || failed "exit $st, expected 1"
	grep -Eq "versions/2026-07-27/application\.xml:[0-9]+: error: to=\"art-5\.1\.zz\" names no element of ai-act version 2026-07-27" "$work/e" ||
		{ failed "no diagnostic for art-5.1.zz"; cat "$work/e"; }
	;;
diff)
	rd diff corpus/ai-act -o "$work/d" >"$work/report" 2>"$work/e" || { failed "regdoc diff corpus/ai-act failed"; cat "$work/e"; }
	xmllint --noout --relaxng templates/schema/diff.rng "$work/d/diff.xml" 2>"$work/v" || { failed "diff.xml does not validate"; cat "$work/v"; }
	python3 tests/e2e/diff_oracle.py "$work/d/diff.xml" corpus/ai-act/versions/2026-07-27/amendments.tsv art-78.1.a art-110 ||
		failed "the diff does not agree with amendments.tsv"
	grep -q "^        replaced by Regulation (EU) 2026/1744, Article 1, point (19) (corpus/ai-act/versions/2026-07-27/amendments.tsv:41)$" "$work/report" ||
		failed "the report does not say Article 43(3) was replaced by Article 1, point (19)"
	expect_count "Article 43(3) replaced by point (19)" "//element[@id='art-43.3'][@change='changed']/amendment[@action='replaced'][@by='digital-omnibus-ai:art-1.19'][@line='41']" "$work/d/diff.xml" 1
	expect_count "Article 42(3) inserted by point (18)" "//element[@id='art-42.3'][@change='added']/amendment[@action='inserted'][@by='digital-omnibus-ai:art-1.18'][@line='40']" "$work/d/diff.xml" 1
	rd diff --from 2024-08-01 corpus/ai-act >"$work/report2" 2>"$work/e" || { failed "diff --from failed"; cat "$work/e"; }
	cmp -s "$work/report" "$work/report2" || failed "--from 2024-08-01 gives another report"
	rd diff --as-of 2025-01-01 corpus/ai-act >"$work/o" 2>"$work/e"
	st=$?
	[ "$st" = 1 ] && grep -q "version 2024-08-01 is its first" "$work/e" || { failed "diff --as-of 2025-01-01: exit $st"; cat "$work/e"; }
	rd diff corpus/cra >"$work/o" 2>"$work/e"
	st=$?
	[ "$st" = 1 ] && grep -q "no regulation here has several versions" "$work/e" || { failed "diff corpus/cra: exit $st"; cat "$work/e"; }
	rd diff --from 2025-01-01 corpus/ai-act corpus/ai-act >"$work/o" 2>"$work/e"
	st=$?
	[ "$st" = 2 ] || failed "diff --from with two folders: exit $st, expected 2"
	;;
as-of-all)
	p=corpus/ai-act/products/hirerank-cv-screening.xml
	for cmd in "graph corpus/ai-act -o $work/g.xml" "check corpus" "links corpus ai-act:art-43.3" \
		"site corpus/ai-act -o $work/s" "assess $p -o $work/a" "build corpus -o $work/b" \
		"diff corpus/ai-act" "diff corpus corpus"; do
		# shellcheck disable=SC2086
		rd $cmd --as-of 2024-07-31 >"$work/o" 2>"$work/e"
		st=$?
		[ "$st" = 1 ] || failed "$cmd --as-of 2024-07-31: exit $st, expected 1"
		grep -q "as-of 2024-07-31: ai-act has no version in force then; its versions apply from 2024-08-01.*2026-07-27" "$work/e" ||
			{ failed "$cmd --as-of 2024-07-31 does not name the dates:"; cat "$work/e"; }
	done
	[ -e "$work/g.xml" ] || [ -e "$work/s" ] || [ -e "$work/b" ] && failed "an output was written"
	;;
check)
	rd check -W corpus >"$work/o" 2>"$work/e" || { failed "regdoc check -W corpus:"; head -20 "$work/e"; }
	;;
cra-dates)
	# the Cyber Resilience Act's dates of application, Article 71(2): the Regulation from
	# 11 December 2027; "However, Article 14 shall apply from 11 September 2026 and
	# Chapter IV (Articles 35 to 51) shall apply from 11 June 2026" (its second
	# subparagraph); corpus/cra/application.xml, a regulation with one text
	rd graph --validate corpus/cra -o "$work/g.xml" 2>"$work/e" || { failed "graph failed"; cat "$work/e"; }
	g=$work/g.xml
	a() { expect_count "$1 applies from $2 by $3" "//*[@id='$1'][@applies-from='$2'][@applies-by='$3']" "$g" 1; }
	a art-14 2026-09-11 art-71.2.sub2
	for id in art-35 art-43 art-51; do a $id 2026-06-11 art-71.2.sub2; done
	for id in art-13 art-34 art-52 art-71 anx-1 anx-7; do a $id 2027-12-11 art-71.2; done
	expect_count "dates inside Article 14" "//article[@id='art-14']//*[@applies-by]" "$g" 0
	expect_count "articles without dates" "//article[not(@applies-by)] | //annex[not(@applies-by)]" "$g" 0
	expect_count "recitals with dates" "//recital[@applies-by]" "$g" 0
	expect_count "the entry into force, Article 71(1)" "/regulation/application[@entry-into-force='2024-12-10'][@entry-by='art-71.1']" "$g" 1
	# on the checklist: a CRA product's reporting item (Article 14(1)), and a CRA item of
	# an AI Act product assessed with the CRA (the regulation beside it, as in build)
	rd assess corpus/cra/products/homegate-router.xml -o "$work/h" 2>"$work/e" || { failed "assess homegate-router"; cat "$work/e"; }
	grep -A3 'cra-report-vulnerability`' "$work/h/checklist.md" | grep -qF -- "- Applies from: 2026-09-11 (Article 71(2), second subparagraph)" ||
		failed "homegate-router: no date of Article 71(2), second subparagraph on cra-report-vulnerability"
	rd assess corpus/ai-act/products/gridmeter-smart-meter-gateway.xml -o "$work/m" 2>"$work/e" || { failed "assess gridmeter"; cat "$work/e"; }
	grep -A3 'cra-req-part-1`' "$work/m/checklist.md" | grep -qF -- "- Applies from: 2027-12-11 (Cyber Resilience Act Article 71(2))" ||
		failed "gridmeter-smart-meter-gateway: no date of the CRA's Article 71(2) on cra-req-part-1"
	# <application> is for a regulation with one text: beside <versions> it is an error
	mkdir "$work/c" && cp -R corpus/ai-act "$work/c/ai-act"
	sed 's|<versions>|<application file="application.xml"/>\n  <versions>|' corpus/ai-act/manifest.xml >"$work/c/ai-act/manifest.xml"
	rd check "$work/c/ai-act" >"$work/o" 2>"$work/e"
	st=$?
	[ "$st" = 1 ] || failed "<application> beside <versions>: exit $st, expected 1"
	grep -q "manifest.xml:[0-9]*: error: <application> is for a regulation with one text" "$work/e" ||
		{ failed "<application> beside <versions>: no error naming the manifest's line"; head "$work/e"; }
	;;
as-of-amending)
	# issue 14: Regulation (EU) 2026/1744's recitals 9 and 45 cite Article 4a and Annex
	# XIV of Regulation (EU) 2024/1689, which its Article 1, points (6) and (43) insert:
	# they resolve in the AI Act version it made (manifest <version amended-by>), not in
	# the 2024 text in force on 1 January 2025
	rd check -W --as-of 2025-01-01 corpus >"$work/o" 2>"$work/e" ||
		{ failed "regdoc check -W --as-of 2025-01-01 corpus:"; head -20 "$work/e"; }
	rd graph --validate --as-of 2025-01-01 corpus/digital-omnibus-ai -o "$work/g.xml" 2>"$work/e" ||
		{ failed "regdoc graph --as-of 2025-01-01 corpus/digital-omnibus-ai:"; head "$work/e"; }
	expect_count "citations of Article 4a into the version of 2026-07-27" \
		"//cite[@to='ai-act:art-4a' and @version='2026-07-27']" "$work/g.xml" 1
	expect_count "cites edges of Annex XIV into the version of 2026-07-27" \
		"//edge[@kind='cites' and @to='ai-act:anx-14' and @version='2026-07-27']" "$work/g.xml" 1
	# under the latest version (the one it made) nothing says a version
	rd graph corpus/digital-omnibus-ai -o "$work/g2.xml" 2>"$work/e" || failed "regdoc graph corpus/digital-omnibus-ai"
	expect_count "citations with a version under the latest" "//cite[@version] | //edge[@version]" "$work/g2.xml" 0
	# a citation of an article no version has still dangles, under both dates
	cp -R corpus "$work/c"
	sed 's/established by Article 4a of Regulation/established by Article 4z of Regulation/' \
		corpus/digital-omnibus-ai/recitals/recital-009.md >"$work/c/digital-omnibus-ai/recitals/recital-009.md"
	for asof in "--as-of 2025-01-01" ""; do
		# shellcheck disable=SC2086
		rd check -W $asof "$work/c" >"$work/o" 2>"$work/e"
		st=$?
		[ "$st" = 1 ] || failed "check -W $asof of a dangling citation: exit $st, expected 1"
		grep -q "recital-009.md:4: error: 'Article 4z of Regulation (EU) 2024/1689' cites ai-act:art-4z, which does not exist" "$work/e" ||
			{ failed "check -W $asof: no warning for ai-act:art-4z:"; head "$work/e"; }
		grep -q "art-4a\|anx-14" "$work/e" && failed "check -W $asof: Article 4a or Annex XIV reported"
	done
	;;
as-of-site)
	# issue 14: Regulation (EU) 2026/1744, recital 8 cites "Article 4 of Regulation (EU)
	# 2024/1689", which its Article 1, point (5) replaces, and recital 9 "Article 4a",
	# which point (6) inserts. Under --as-of 2025-01-01 the AI Act's site root is the 2024
	# text; those citations name the text 2026/1744 made (version="2026-07-27").
	rd build --stage=site --as-of 2025-01-01 corpus -o "$work/out" 2>"$work/e" ||
		{ failed "regdoc build --stage=site --as-of 2025-01-01 corpus:"; head "$work/e"; }
	s=$work/out/digital-omnibus-ai/site
	grep -q 'href="../../ai-act/site/v/2026-07-27/art-4a.html"[^>]*>Article 4a of Regulation' "$s/rec-9.html" ||
		failed "rec-9: Article 4a does not link to the 2026-07-27 version's page"
	grep -q 'href="../../ai-act/site/v/2026-07-27/art-4.html"[^>]*>Article 4 of Regulation' "$s/rec-8.html" ||
		failed "rec-8: Article 4 does not link to the 2026-07-27 version's page"
	grep -q 'href="../../ai-act/site/art-' "$s"/*.html &&
		failed "a citation links to the 2024 text's page: $(grep -o 'href="../../ai-act/site/art-[^"]*"' "$s"/*.html | head -3)"
	grep -q 'CELEX:32024R1689"[^>]*>Article' "$s"/*.html &&
		failed "a citation of an AI Act article links to EUR-Lex"
	grep -q 'This obligation does not require providers or deployers to guarantee' "$work/out/ai-act/site/v/2026-07-27/art-4.html" ||
		failed "v/2026-07-27/art-4.html is not Article 4 as 2026/1744 replaced it"
	# every relative link of the amending act's site resolves, fragments included
	python3 - "$s" <<'PY' || failed "dead links in the amending act's site (above)"
import glob, os, re, sys
os.chdir(sys.argv[1]); bad = 0; pages = {}
for f in sorted(glob.glob('*.html')):
    for h, frag in re.findall(r'href="([^"#:]+)(?:#([^"]*))?"', open(f).read()):
        p = os.path.normpath(h)
        if p not in pages:
            pages[p] = open(p).read() if os.path.isfile(p) else None
        if pages[p] is None or (frag and 'id="%s"' % frag not in pages[p]):
            bad += 1; print("dead:", f, h, frag)
sys.exit(1 if bad else 0)
PY
	# under the latest version the same citations are the site root's pages
	rd build --stage=site corpus -o "$work/out2" 2>"$work/e" || failed "regdoc build --stage=site corpus"
	grep -q 'href="../../ai-act/site/art-4a.html"' "$work/out2/digital-omnibus-ai/site/rec-9.html" ||
		failed "latest: rec-9 does not link to art-4a.html at the site root"
	;;
bad-amendments)
	mkdir "$work/c"
	cp -R corpus/ai-act corpus/digital-omnibus-ai "$work/c/"
	rd build --stage=graph "$work/c" -o "$work/out" >/dev/null 2>&1 || failed "setup: the copy does not build"
	before=$(cd "$work/out" && find . -type f | LC_ALL=C sort | xargs sha256sum | sha256sum)
	t=$work/c/ai-act/versions/2026-07-27/amendments.tsv
	sed -i 's/^art-43\tart-43\.3\t/art-43\tart-43.9\t/; s/AR:1;PT:35\t/AR:1;PT:99\t/' "$t"
	grep -q 'art-43\.9' "$t" && grep -q 'PT:99' "$t" || failed "setup: table not edited"
	rd build --stage=graph "$work/c" -o "$work/out" >/dev/null 2>"$work/e"
	st=$?
	[ "$st" = 1 ] || failed "exit $st, expected 1"
	grep -Eq "amendments\.tsv:[0-9]+: error: art-43\.9 names art-43\.9, which ai-act does not have" "$work/e" ||
		{ failed "no diagnostic for Article 43(9)"; cat "$work/e"; }
	grep -Eq "amendments\.tsv:[0-9]+: error: the amending provision AR:1;PT:99 \(art-1\.99\) is not an element of digital-omnibus-ai" "$work/e" ||
		{ failed "no diagnostic for point (99)"; cat "$work/e"; }
	after=$(cd "$work/out" && find . -type f | LC_ALL=C sort | xargs sha256sum | sha256sum)
	[ "$before" = "$after" ] || failed "the previous output changed"
	;;
bad-versions)
	mkdir "$work/c"
	cp -R corpus/ai-act "$work/c/"
	m=$work/c/ai-act/manifest.xml
	sed -i 's/<version id="2024-08-01" applies-from="2024-08-01"/<version id="2024-08-01" applies-from="2027-01-01"/' "$m"
	rd check "$work/c/ai-act" >/dev/null 2>"$work/e"
	st=$?
	[ "$st" = 1 ] || failed "versions out of order: exit $st, expected 1"
	grep -Eq "ai-act/manifest\.xml:[0-9]+: error: version 2026-07-27: list the versions oldest first" "$work/e" ||
		{ failed "no diagnostic for versions out of order"; cat "$work/e"; }
	cp corpus/ai-act/manifest.xml "$m"
	sed -i 's|dir="versions/2026-07-27"|dir="versions/2026-07-28"|' "$m"
	rd check "$work/c/ai-act" >/dev/null 2>"$work/e"
	st=$?
	[ "$st" = 1 ] || failed "missing version folder: exit $st, expected 1"
	grep -Eq "ai-act/manifest\.xml:[0-9]+: error: version 2026-07-27: its folder .*versions/2026-07-28 is not there" "$work/e" ||
		{ failed "no diagnostic for the missing folder"; cat "$work/e"; }
	;;
*)
	echo "history.sh: unknown check '$check'" >&2
	exit 2
	;;
esac
[ "$fail" = 0 ] && echo "ok [$check]"
exit "$fail"
