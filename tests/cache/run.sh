#!/bin/sh
# Incremental builds (issue 19; doc/cache.md): one check per run (one ctest each), from the
# source root. Every check compares a warm build with a cold build (--no-cache) of the same
# input into a fresh folder: every path and every byte, .regdoc-cache included (not
# .regdoc-stat: the stat cache, this machine's record of the inputs, doc/cache.md). Which
# outputs were taken over shows in their inode numbers: a file taken over is a hard link
# of the previous one (same inode), a rebuilt one is a new file.
#
# usage: tests/cache/run.sh CHECK REGDOC_BINARY
#   warm       tests/fixtures/library built twice: the second build takes every file over
#              (same inodes), links.xml and index.html copied; the same tree as a cold one
#              (a build with warnings is not replayed: the next one says them again;
#              one without is, and says so)
#   no-cache   --no-cache and its alias --clean rebuild every file (no inode kept)
#   damaged    a file missing from the previous output, a file the manifest does not
#              list (a replay would drop it: the build is not replayed), a manifest that
#              is garbage, one that names paths outside the output (../): each build is
#              still the cold build's tree, the missing file is back, nothing outside is
#              touched
#   library-page  a page of one regulation of the fixture library edited: both graphs
#              rebuilt (the other one's citations resolve into it), equal to a cold build
#   product    corpus copy (AI Act, CRA, three products): one product file edited: its
#              documents and its regulation's products page rebuilt, the other products,
#              the sites and graphs taken over; an answers file added beside another
#              product: that product's documents rebuilt with the answers (issue 16); the
#              products page made from the entries kept in the manifest: another
#              product's assessment.xml overwritten (its size, an old date) leaves the
#              page a cold build's
#   page       an article page that a CRA checklist cites (Article 13, cited by item
#              cra-items-requirements) edited: graphs, sites and products rebuilt
#   rule       a CRA rule's item title edited: the products show it, equal to a cold build
#   template   a copy of the templates with the checklist's Markdown heading changed
#              (--templates): the products show it, equal to a cold build
#   version    another regdoc program (the same one with a byte appended): nothing taken
#              over
#   as-of      the AI Act's graphs (--stage=graph) with its latest version, then with
#              --as-of 2025-01-01 (issue 14: the other version in graph.xml, the latest
#              under versions/): both rebuilt, equal to a cold build; back to the latest:
#              equal to a cold build again
#   versions   tests/fixtures/versions (a regulation in two versions, issue 14): the
#              warm build takes over every file, the earlier version's site (site/v/),
#              its graph and history.xml included, the same tree as a cold one; with
#              --as-of the earlier version's date, then with a page of the earlier
#              version edited: the sites rebuilt, each time equal to a cold build
#   graph-reuse  corpus copy: one product file edited: the graphs are read back from the
#              previous output (--verbose says so, no link statistics), equal to a cold
#              build; then a page edited after that: the graphs built again from the
#              pages, equal to a cold build; the fixture library (a build with warnings):
#              never read back, its warnings said again
#   versions-later  corpus copy, a product of the AI Act edited: the AI Act's graphs read
#              back, its earlier version's graph not even read (no product and no page
#              needs it) and taken over; then the product dated before the amendment
#              (<placing-on-market>): that version's graph read back, the assessment
#              made under it; then that graph damaged (garbage of its size and an old
#              date) after the product is edited again (and a CRA product, --jobs 3:
#              both rendered by worker processes): made again from the pages, the
#              damaged file replaced; each time equal to a cold build
#   graph-damaged  corpus copy, one product edited each time, the previous output's
#              cra/graph.xml damaged first: garbage of the same size and an old date
#              (the manifest's size and date match: the parse refuses it), then a
#              well-formed graph of another regulation in its place, then one character
#              of it edited since the manifest was written: each time not read back, not taken over, the graph
#              built again from the pages, equal to a cold build
#   stat       the stat cache (doc/cache.md, "What the cache trusts"), on a copy of the
#              fixture library, the stat cache's `stat` lines of its files given digests
#              that are not theirs (a forged digest that is used changes every key, so
#              every group is rebuilt; one that is not, none) and its `hashed` time set
#              by hand (which files are old enough then does not hang on the machine's
#              speed): files within 2 s of `hashed` are read again (every group taken
#              over); 2 s older, their recorded digests are used (every group rebuilt),
#              but not by --no-cache (equal to a cold build, manifest included); a
#              garbled `stat` line: the lines after it are not used, the ones before it
#              are; a page edited in place to the same size, its mtime set back with
#              touch -d: its ctime is not the one recorded, it is read again (beta
#              rebuilt, the edit shown), equal to a cold build
#   jobs       the corpus, answers with unknown items beside two products of each
#              regulation (a warning each, from the products' stage): --jobs 1 and
#              --jobs 3 (doc/cache.md, "Worker processes") write the same tree and the
#              same messages, in product order; two product files broken: both fail
#              alike (exit 1, the same errors, also under --max-errors 3), the previous
#              output left as it was
#   warnings   a copy of the CRA (built alone), answers beside a product that name an item
#              its checklist does not have (a warning from the products' stage): each
#              rebuild renders that product again and says the warning again (the other
#              products taken over), with -W exit 1 as a cold build, the output left as
#              it was (doc/cache.md, "What a rebuild says")
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
work=$(mktemp -d "${TMPDIR:-/tmp}/regdoc-cache.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM
fail=0
failed() { echo "FAIL [$check]: $*"; fail=1; }
rd() { ${REGDOC_WRAPPER:-} "$regdoc" "$@"; }

build() { # OUT ARGS...: a build that must succeed
	out=$1
	shift
	rd build "$@" -o "$out" 2>"$work/build.err" || { failed "regdoc build $* -o $out failed"; cat "$work/build.err"; }
}

tree_sum() { # every path and file content under $1 but the stat cache
	(cd "$1" && find . ! -path ./.regdoc-stat -print | LC_ALL=C sort &&
		find . -type f ! -path ./.regdoc-stat -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) |
		sha256sum
}

same_as_cold() { # OUT ARGS...: OUT is what a cold build of ARGS writes
	warm=$1 # not $out: build sets that
	shift
	rm -rf "$work/cold"
	build "$work/cold" --no-cache "$@"
	[ "$(tree_sum "$warm")" = "$(tree_sum "$work/cold")" ] ||
		{ failed "the warm build differs from a cold one"; diff -r "$warm" "$work/cold" | head -20; }
}

inodes() { # OUT > "PATH INODE" of every file but the manifest
	(cd "$1" && find . -type f ! -name .regdoc-cache ! -name .regdoc-stat ! -name .regdoc.lock -printf '%P %i\n' | LC_ALL=C sort)
}

kept() { # BEFORE AFTER: the paths whose inode stayed
	join "$1" "$2" | awk '$2 == $3 { print $1 }'
}

expect_kept() { # BEFORE AFTER PATTERN WHAT: every file matching PATTERN kept
	n=$(grep -c . "$1")
	k=$(kept "$1" "$2" | grep -c "$3")
	all=$(grep -c "$3" "$1")
	[ "$all" -gt 0 ] && [ "$k" = "$all" ] || failed "$4: $k of $all files taken over, expected all"
	: "$n"
}

expect_rebuilt() { # BEFORE AFTER PATTERN WHAT: no file matching PATTERN kept
	k=$(kept "$1" "$2" | grep -c "$3")
	all=$(grep -c "$3" "$1")
	[ "$all" -gt 0 ] && [ "$k" = 0 ] || failed "$4: $k of $all files taken over, expected none"
}

stat_lines() { # HASHED GARBLE FORGE: the stat cache of $work/out with `hashed HASHED.0`,
	# the GARBLE-th `stat` line of a file of $work/lib damaged (0: none), the digests of
	# that library's files forged: FORGE all, after (the lines after the damaged one), none
	awk -v lib="$work/lib/" -v t="$1" -v garble="$2" -v forge="$3" '
		BEGIN { z = sprintf("%064d", 0) }
		/^hashed / { print "hashed " t ".000000000"; next }
		/^stat / && index($8, lib) == 1 {
			n++
			if (n == garble) $3 = "x"
			else if (forge == "all" || (forge == "after" && garble && n > garble)) $7 = z
		}
		{ print }' "$work/out/.regdoc-stat" >"$work/stats" &&
		cat "$work/stats" >"$work/out/.regdoc-stat"
	grep -c "^stat [0-9]* [0-9]* [0-9]* [0-9.]* [0-9.]* $(printf '%064d' 0) $work/lib/" "$work/out/.regdoc-stat"
}

corpus_copy() { # a small library: the AI Act and the CRA, three products
	mkdir -p "$work/c"
	cp -r corpus/ai-act corpus/cra "$work/c/"
	find "$work/c/ai-act/products" "$work/c/cra/products" -name '*.xml' \
		! -name helpdesk-chatbot.xml ! -name homegate-router.xml ! -name vaultkey-password-manager.xml \
		-exec rm {} +
}

case "$check" in
warnings)
	cp -r corpus/cra "$work/cra"
	printf '<answers product="homegate-router">\n<item id="no-such-item" status="done"/>\n</answers>\n' \
		>"$work/cra/products/homegate-router.answers.xml"
	build "$work/out" "$work/cra"
	grep -c ': warning: an answer for checklist item no-such-item' "$work/build.err" >"$work/n1"
	[ "$(cat "$work/n1")" = 1 ] || failed "the first build did not warn once"
	inodes "$work/out" >"$work/before"
	build "$work/out" "$work/cra"
	inodes "$work/out" >"$work/after"
	grep -q ': warning: an answer for checklist item no-such-item' "$work/build.err" ||
		failed "the rebuild did not say the product's warning again"
	expect_rebuilt "$work/before" "$work/after" '^cra/products/homegate-router/' "the product that warned"
	expect_kept "$work/before" "$work/after" '^cra/products/vaultkey' "a product that did not"
	same_as_cold "$work/out" "$work/cra"
	before=$(tree_sum "$work/out")
	rd build -q -W "$work/cra" -o "$work/out" 2>"$work/werr"
	st=$?
	rd build -q -W --no-cache "$work/cra" -o "$work/cold-w" 2>"$work/cerr"
	cst=$?
	[ "$st" = 1 ] && [ "$cst" = 1 ] || failed "-W: a rebuild exits $st, a cold build $cst; expected 1 both"
	cmp -s "$work/werr" "$work/cerr" || { failed "-W: a rebuild and a cold build said different things"; diff "$work/werr" "$work/cerr"; }
	[ "$(tree_sum "$work/out")" = "$before" ] || failed "the failed -W build changed the output"
	;;
jobs)
	mkdir -p "$work/c"
	cp -r corpus/ai-act corpus/cra "$work/c/"
	for p in ai-act/products/adaptive-tutor-predetermined ai-act/products/helpdesk-chatbot \
		cra/products/homegate-router cra/products/vaultkey-password-manager; do
		printf '<answers product="%s">\n<item id="no-such-item" status="done"/>\n</answers>\n' \
			"${p##*/}" >"$work/c/$p.answers.xml"
	done
	for j in 1 3; do
		rd build -q --no-cache --jobs $j "$work/c" -o "$work/out$j" 2>"$work/err$j" ||
			{ failed "--jobs $j failed"; cat "$work/err$j"; }
	done
	[ "$(tree_sum "$work/out1")" = "$(tree_sum "$work/out3")" ] ||
		{ failed "--jobs 1 and --jobs 3 wrote different trees"; diff -r "$work/out1" "$work/out3" | head; }
	cmp -s "$work/err1" "$work/err3" || { failed "--jobs 1 and --jobs 3 said different things"; diff "$work/err1" "$work/err3"; }
	grep -o '[a-z-]*\.answers\.xml:2: warning' "$work/err1" | tr '\n' ' ' >"$work/order"
	[ "$(cat "$work/order")" = "adaptive-tutor-predetermined.answers.xml:2: warning helpdesk-chatbot.answers.xml:2: warning homegate-router.answers.xml:2: warning vaultkey-password-manager.answers.xml:2: warning " ] ||
		failed "the products' warnings are not in product order: $(cat "$work/order")"
	before=$(tree_sum "$work/out3")
	printf '<product>\n' >"$work/c/ai-act/products/broken-one.xml"
	printf '<product>\n' >"$work/c/cra/products/broken-two.xml"
	for cap in "" "--max-errors 3"; do
		for j in 1 3; do
			rd build -q --no-cache --jobs $j $cap "$work/c" -o "$work/out$j" 2>"$work/err$j"
			st=$?
			[ "$st" = 1 ] || failed "--jobs $j $cap with broken products: exit $st, expected 1"
		done
		cmp -s "$work/err1" "$work/err3" ||
			{ failed "--jobs 1 and --jobs 3 $cap said different things"; diff "$work/err1" "$work/err3"; }
		grep -q 'broken-one.xml' "$work/err3" || failed "$cap: the broken AI Act product is not named"
	done
	grep -q 'broken-two.xml' "$work/err3" && failed "--max-errors 3: more than 3 messages"
	[ "$(tree_sum "$work/out3")" = "$before" ] || failed "a failed build changed the previous output"
	;;
warm)
	build "$work/out" "$fixture"
	inodes "$work/out" >"$work/before"
	build "$work/out" "$fixture"
	inodes "$work/out" >"$work/after"
	expect_kept "$work/before" "$work/after" '/' "every file of the regulations"
	expect_rebuilt "$work/before" "$work/after" '^links.xml\|^index.html' "links.xml, index.html (copied: swapped in by rename)"
	same_as_cold "$work/out" "$fixture"
	grep -q '^group alpha/site [0-9a-f]\{64\}$' "$work/out/.regdoc-cache" || failed "no key of alpha/site in .regdoc-cache"
	ls "$work/out" | grep -q 'tmp-' && failed "temporary output left behind: $(ls "$work/out")"
	# the fixture has warnings: the warm build says them again (it is not replayed)
	grep -q "warning: " "$work/build.err" || failed "the warm build did not repeat the warnings"
	grep -q '^build ' "$work/out/.regdoc-cache" && failed "a build with warnings may be replayed (its warnings would not be said again)"
	# beta alone has none: its rebuild is replayed, says so, and takes over every file
	build "$work/beta" "$fixture/beta"
	grep -q '^build [0-9a-f]\{64\}$' "$work/beta/.regdoc-cache" || failed "no build key in .regdoc-cache"
	inodes "$work/beta" >"$work/before"
	build "$work/beta" "$fixture/beta"
	inodes "$work/beta" >"$work/after"
	expect_kept "$work/before" "$work/after" '/' "every file of a replayed build"
	grep -q "^regdoc: nothing changed since the last build: $work/beta/ is as it was" "$work/build.err" || { failed "a replayed build does not say so:"; cat "$work/build.err"; }
	# the fixture has warnings: with --werror the build fails as a cold one does, and
	# the output stays as it was
	before=$(tree_sum "$work/out")
	rd build -W "$fixture" -o "$work/out" 2>/dev/null
	rc=$?
	[ "$rc" = 1 ] || failed "build -W after a build with warnings: exit $rc, expected 1"
	[ "$(tree_sum "$work/out")" = "$before" ] || failed "a failed build changed the output"
	;;
no-cache)
	build "$work/out" "$fixture"
	for opt in --no-cache --clean; do
		inodes "$work/out" >"$work/before"
		build "$work/out" "$opt" "$fixture"
		inodes "$work/out" >"$work/after"
		expect_rebuilt "$work/before" "$work/after" '.' "$opt"
	done
	same_as_cold "$work/out" "$fixture"
	;;
damaged)
	build "$work/out" "$fixture"
	page=$(cd "$work/out" && ls alpha/site/*.html | head -1)
	rm "$work/out/$page"
	build "$work/out" "$fixture"
	[ -f "$work/out/$page" ] || failed "$page is not back"
	same_as_cold "$work/out" "$fixture"
	echo stray >"$work/out/alpha/stray.txt"
	build "$work/out" "$fixture"
	[ -f "$work/out/alpha/stray.txt" ] && failed "a replay kept a file no build writes"
	same_as_cold "$work/out" "$fixture"
	printf 'regdoc-cache 1\ngroup alpha/site zz\nfile alpha/site/x 1\n\001\002garbage' >"$work/out/.regdoc-cache"
	build "$work/out" "$fixture"
	same_as_cold "$work/out" "$fixture"
	# a manifest that names a file outside the output with its real key: never linked
	mkdir -p "$work/outside"
	echo secret >"$work/outside/secret"
	key=$(sed -n 's/^group alpha\/graph.xml //p' "$work/out/.regdoc-cache")
	printf 'regdoc-cache 1\ngroup alpha/graph.xml %s\nfile ../outside/secret 7\n' "$key" >"$work/out/.regdoc-cache"
	build "$work/out" "$fixture"
	same_as_cold "$work/out" "$fixture"
	grep -rq secret "$work/out" && failed "a file outside the output was taken over"
	;;
library-page)
	cp -r "$fixture" "$work/lib"
	build "$work/out" "$work/lib"
	inodes "$work/out" >"$work/before"
	sed -i '$ s/$/ Edited./' "$work/lib/beta/articles/article-001.md"
	build "$work/out" "$work/lib"
	inodes "$work/out" >"$work/after"
	expect_rebuilt "$work/before" "$work/after" '^alpha/graph.xml' "alpha's graph"
	expect_rebuilt "$work/before" "$work/after" '^beta/' "beta's outputs"
	same_as_cold "$work/out" "$work/lib"
	;;
product)
	corpus_copy
	build "$work/out" "$work/c"
	inodes "$work/out" >"$work/before"
	sed -i 's|<name>HomeGate AX3000 router</name>|<name>HomeGate AX6000 router</name>|' \
		"$work/c/cra/products/homegate-router.xml"
	build "$work/out" "$work/c"
	inodes "$work/out" >"$work/after"
	expect_rebuilt "$work/before" "$work/after" '^cra/products/homegate-router/' "the edited product"
	expect_kept "$work/before" "$work/after" '^cra/products/vaultkey' "the other CRA product"
	expect_kept "$work/before" "$work/after" '^ai-act/products/' "the AI Act product"
	# the products page lists the products' names (issue 16): the CRA's is rebuilt
	expect_rebuilt "$work/before" "$work/after" '^cra/site/products.html' "the CRA's products page"
	expect_kept "$work/before" "$work/after" '^ai-act/site/products.html' "the AI Act's products page"
	grep -v '/site/products.html' "$work/before" >"$work/before.s"
	grep -v '/site/products.html' "$work/after" >"$work/after.s"
	expect_kept "$work/before.s" "$work/after.s" '/site/\|/graph.xml' "the sites and graphs"
	grep -q 'HomeGate AX6000' "$work/out/cra/products/homegate-router/checklist.md" || failed "the edit is not in the checklist"
	same_as_cold "$work/out" "$work/c"
	# answers beside VaultKey (doc/answers.md): its documents rebuilt with them, the
	# other products taken over; warm = cold, DOCX, ODT and CSV included
	inodes "$work/out" >"$work/before"
	printf '<answers product="vaultkey-password-manager">\n<item id="%s" status="done"><evidence>Audit 2026</evidence></item>\n</answers>\n' \
		"$(sed -n 's/.*<item id="\([^"]*\)".*/\1/p' "$work/out/cra/products/vaultkey-password-manager/assessment.xml" | head -1)" \
		>"$work/c/cra/products/vaultkey-password-manager.answers.xml"
	build "$work/out" "$work/c"
	inodes "$work/out" >"$work/after"
	expect_rebuilt "$work/before" "$work/after" '^cra/products/vaultkey-password-manager/' "the product with answers"
	expect_kept "$work/before" "$work/after" '^cra/products/homegate-router/' "the product without"
	grep -q 'Audit 2026' "$work/out/cra/products/vaultkey-password-manager/checklist.csv" || failed "the answer is not in the CSV"
	same_as_cold "$work/out" "$work/c"
	# the products page takes each unchanged product's entry from the manifest (kept with
	# its cache group, doc/cache.md "The products page"), not from its assessment.xml:
	# VaultKey's overwritten with garbage of its size and an old date (what the cache
	# trusts of its output) does not change the page, which is a cold build's
	a=$work/out/cra/products/vaultkey-password-manager/assessment.xml
	grep -q '^note <entry dir="vaultkey-password-manager"' "$work/out/.regdoc-cache" ||
		failed "no entry kept with VaultKey's cache group"
	size=$(wc -c <"$a")
	head -c "$size" /dev/zero | tr '\0' x >"$work/g"
	cat "$work/g" >"$a"
	touch -d '2001-01-01' "$a"
	sed -i 's|<name>HomeGate AX6000 router</name>|<name>HomeGate AX7000 router</name>|' \
		"$work/c/cra/products/homegate-router.xml"
	build "$work/out" "$work/c"
	grep -q 'HomeGate AX7000' "$work/out/cra/site/products.html" || failed "the edit is not on the products page"
	rm -rf "$work/cold"
	build "$work/cold" --no-cache "$work/c"
	cmp -s "$work/out/cra/site/products.html" "$work/cold/cra/site/products.html" ||
		failed "the products page differs from a cold build's"
	grep -q 'VaultKey password manager' "$work/out/cra/site/products.html" ||
		failed "VaultKey is not on the products page"
	;;
page)
	corpus_copy
	build "$work/out" "$work/c"
	grep -q 'art-13.html#art-13.1' "$work/out/cra/products/homegate-router/checklist.md" ||
		failed "the checklist no longer cites Article 13(1): pick another page"
	inodes "$work/out" >"$work/before"
	sed -i '/^1\. When placing a product/ s/Part I of Annex I\./Part I of Annex I (edited)./' \
		"$work/c/cra/articles/article-013.md"
	build "$work/out" "$work/c"
	inodes "$work/out" >"$work/after"
	grep -q '(edited)' "$work/out/cra/site/art-13.html" || failed "the edit is not in the site"
	expect_rebuilt "$work/before" "$work/after" '^cra/products/' "the CRA products"
	expect_rebuilt "$work/before" "$work/after" '/graph.xml\|/site/' "the graphs and sites"
	same_as_cold "$work/out" "$work/c"
	;;
rule)
	corpus_copy
	build "$work/out" "$work/c"
	inodes "$work/out" >"$work/before"
	sed -i 's|<title>Lodge the application for EU-type examination with one notified body</title>|<title>Lodge the application for EU-type examination with a single notified body</title>|' \
		"$work/c/cra/rules/30-obligations.xml"
	build "$work/out" "$work/c"
	inodes "$work/out" >"$work/after"
	grep -q 'EU-type examination with a single notified body' "$work/out/cra/products/homegate-router/checklist.md" ||
		failed "the edited rule is not in the checklist"
	expect_rebuilt "$work/before" "$work/after" '^cra/products/' "the CRA products"
	same_as_cold "$work/out" "$work/c"
	;;
template)
	corpus_copy
	rd templates --export "$work/t" >/dev/null 2>&1 || failed "templates --export failed"
	build "$work/out" --templates "$work/t" "$work/c"
	inodes "$work/out" >"$work/before"
	grep -q '# Conformity checklist' "$work/t/checklist/md.xsl" || failed "md.xsl has no '# Conformity checklist'"
	sed -i 's|# Conformity checklist|# Conformity check list|' "$work/t/checklist/md.xsl"
	build "$work/out" --templates "$work/t" "$work/c"
	inodes "$work/out" >"$work/after"
	grep -q '^# Conformity check list' "$work/out/ai-act/products/helpdesk-chatbot/checklist.md" ||
		failed "the edited template is not in the checklist"
	expect_rebuilt "$work/before" "$work/after" '/products/' "the products"
	same_as_cold "$work/out" --templates "$work/t" "$work/c"
	;;
version)
	build "$work/out" "$fixture"
	inodes "$work/out" >"$work/before"
	cp "$regdoc" "$work/regdoc2"
	printf x >>"$work/regdoc2"
	regdoc=$work/regdoc2
	build "$work/out" "$fixture"
	inodes "$work/out" >"$work/after"
	expect_rebuilt "$work/before" "$work/after" '.' "every output of another regdoc"
	same_as_cold "$work/out" "$fixture"
	;;
as-of)
	build "$work/out" --stage=graph corpus/ai-act
	inodes "$work/out" >"$work/before"
	build "$work/out" --stage=graph --as-of 2025-01-01 corpus/ai-act
	inodes "$work/out" >"$work/after"
	expect_rebuilt "$work/before" "$work/after" 'graph.xml' "the graphs of another --as-of"
	same_as_cold "$work/out" --stage=graph --as-of 2025-01-01 corpus/ai-act
	build "$work/out" --stage=graph corpus/ai-act
	same_as_cold "$work/out" --stage=graph corpus/ai-act
	;;
versions)
	cp -r tests/fixtures/versions "$work/v"
	build "$work/out" "$work/v"
	inodes "$work/out" >"$work/before"
	build "$work/out" "$work/v"
	inodes "$work/out" >"$work/after"
	expect_kept "$work/before" "$work/after" '/site/v/2099-04-01/' "the earlier version's site"
	expect_kept "$work/before" "$work/after" '/' "every file of the regulation"
	for g in graph.xml versions history.xml site; do
		grep -q "^group mini-versions/$g [0-9a-f]\{64\}$" "$work/out/.regdoc-cache" ||
			failed "no key of mini-versions/$g in .regdoc-cache"
	done
	same_as_cold "$work/out" "$work/v"
	build "$work/out" --as-of 2099-06-01 "$work/v"
	inodes "$work/out" >"$work/after"
	expect_rebuilt "$work/before" "$work/after" '/site/' "the sites of another --as-of"
	grep -q 'v/2100-01-01/' "$work/out/mini-versions/site/art-1.html" ||
		failed "--as-of 2099-06-01: the later version is not under site/v/"
	same_as_cold "$work/out" --as-of 2099-06-01 "$work/v"
	build "$work/out" "$work/v"
	inodes "$work/out" >"$work/before"
	sed -i 's/on the design of \*widgets\*/on the design of *widgets* (edited)/' "$work/v/articles/article-001.md"
	build "$work/out" "$work/v"
	inodes "$work/out" >"$work/after"
	expect_rebuilt "$work/before" "$work/after" '/site/v/2099-04-01/art-1.html' "the earlier version's Article 1"
	grep -q '(edited)' "$work/out/mini-versions/site/v/2099-04-01/art-1.html" ||
		failed "the edit is not in the earlier version's site"
	same_as_cold "$work/out" "$work/v"
	;;
graph-reuse)
	corpus_copy
	build "$work/out" "$work/c"
	grep -q '^warnings 0$' "$work/out/.regdoc-cache" || failed "the corpus build had warnings: the graphs cannot be read back"
	sed -i 's|<name>HomeGate AX3000 router</name>|<name>HomeGate AX6000 router</name>|' \
		"$work/c/cra/products/homegate-router.xml"
	build "$work/out" --verbose "$work/c"
	for id in ai-act cra; do
		grep -q "^regdoc: $id: graphs read back from the previous build" "$work/build.err" ||
			failed "a product edit: $id's graphs not read back"
	done
	grep -q 'citations (' "$work/build.err" && failed "a product edit linked the pages again"
	grep -q 'HomeGate AX6000' "$work/out/cra/products/homegate-router/checklist.md" || failed "the edit is not in the checklist"
	same_as_cold "$work/out" --verbose "$work/c"
	sed -i '/^1\. When placing a product/ s/Part I of Annex I\./Part I of Annex I (edited)./' \
		"$work/c/cra/articles/article-013.md"
	build "$work/out" --verbose "$work/c"
	grep -q 'graphs read back' "$work/build.err" && failed "a page edit: a graph read back"
	grep -q '^regdoc: cra: .* citations (' "$work/build.err" || failed "a page edit: the CRA not linked again"
	grep -q '(edited)' "$work/out/cra/site/art-13.html" || failed "the page edit is not in the site"
	same_as_cold "$work/out" --verbose "$work/c"
	cp -r "$fixture" "$work/lib"
	build "$work/lout" "$work/lib"
	grep -q '^warnings 0$' "$work/lout/.regdoc-cache" && failed "a build with warnings says it had none"
	sed -i '$ s/$/ Edited./' "$work/lib/beta/articles/article-001.md"
	build "$work/lout" "$work/lib"
	build "$work/lout" --verbose "$work/lib"
	grep -q 'graphs read back' "$work/build.err" && failed "read back after a build with warnings"
	grep -q "warning: " "$work/build.err" || failed "the warnings were not said again"
	;;
versions-later)
	corpus_copy
	p=$work/c/ai-act/products/helpdesk-chatbot.xml
	build "$work/out" "$work/c"
	inodes "$work/out" >"$work/before"
	sed -i 's|<version>2.4</version>|<version>2.5</version>|' "$p"
	build "$work/out" --verbose "$work/c"
	inodes "$work/out" >"$work/after"
	grep -q '^regdoc: ai-act: graphs read back' "$work/build.err" || failed "ai-act's graphs not read back"
	grep -q "version 2024-08-01's graph read back" "$work/build.err" &&
		failed "a product of the latest text read the earlier version's graph"
	expect_kept "$work/before" "$work/after" '^ai-act/versions/' "the earlier version's graph"
	expect_rebuilt "$work/before" "$work/after" '^ai-act/products/helpdesk-chatbot/' "the edited product"
	same_as_cold "$work/out" --verbose "$work/c"
	# placed on the market before 27 July 2026: the version then in force, the 2024 text
	# (doc/product.md "Which version of the law"; Art. 3(9), 113)
	sed -i 's|^</product>|  <placing-on-market date="2025-06-01"/>\n</product>|' "$p"
	build "$work/out" --verbose "$work/c"
	grep -q "^regdoc: ai-act: version 2024-08-01's graph read back" "$work/build.err" ||
		failed "the product dated 2025 did not read the 2024 version's graph back"
	grep -q '<law regulation="ai-act" version="2024-08-01"' \
		"$work/out/ai-act/products/helpdesk-chatbot/assessment.xml" ||
		failed "the product dated 2025 is not assessed under the 2024 text"
	same_as_cold "$work/out" --verbose "$work/c"
	g=$work/out/ai-act/versions/2024-08-01/graph.xml
	size=$(wc -c <"$g")
	head -c "$size" /dev/zero | tr '\0' x >"$work/g"
	cat "$work/g" >"$g"
	touch -d '2001-01-01' "$g"
	sed -i 's|<version>2.5</version>|<version>2.6</version>|' "$p"
	# a CRA product edited too, --jobs 3: two products, each rendered by a worker process
	# (doc/cache.md, "Worker processes"), which cannot tell this one that the graph did
	# not read back: the product is rendered again here, which makes the graph again
	sed -i 's|<name>HomeGate AX3000 router</name>|<name>HomeGate AX3001 router</name>|' \
		"$work/c/cra/products/homegate-router.xml"
	build "$work/out" --verbose --jobs 3 "$work/c"
	grep -q "version 2024-08-01's graph read back" "$work/build.err" && failed "the damaged graph was read back"
	grep -q '^regdoc: ai-act: .* citations (' "$work/build.err" || failed "the 2024 version not linked again"
	grep -q '<regulation ' "$g" || failed "the damaged graph is still in the output"
	same_as_cold "$work/out" --verbose "$work/c"
	;;
graph-damaged)
	corpus_copy
	build "$work/out" "$work/c"
	g=$work/out/cra/graph.xml
	n=0
	for damage in garbage other edited; do
		n=$((n + 1))
		size=$(wc -c <"$g")
		case $damage in
		garbage) head -c "$size" /dev/zero | tr '\0' x >"$work/g" ;;
		other) # well-formed, another regulation's root, padded to the size listed
			{ printf '<?xml version="1.0"?>\n<regulation id="ai-act"><edges/></regulation>\n'
			  head -c "$size" /dev/zero | tr '\0' ' '; } | head -c "$size" >"$work/g" ;;
		edited) sed '0,/<title>./s//<title>X/' "$g" >"$work/g" ;; # the same size
		esac
		# in place (the same inode as the manifest lists), dated before the manifest
		# except the edited one
		cat "$work/g" >"$g"
		[ "$damage" = edited ] || touch -d '2001-01-01' "$g"
		sed -i "s|<name>HomeGate AX[0-9]* router</name>|<name>HomeGate AX$n router</name>|" \
			"$work/c/cra/products/homegate-router.xml"
		build "$work/out" --verbose "$work/c"
		grep -q '^regdoc: cra: graphs read back' "$work/build.err" && failed "$damage: the damaged graph was read back"
		grep -q '^regdoc: cra: .* citations (' "$work/build.err" || failed "$damage: the CRA not linked again"
		same_as_cold "$work/out" --verbose "$work/c"
	done
	;;
stat)
	t0=$(date +%s)
	cp -r "$fixture" "$work/lib"
	build "$work/out" "$work/lib"
	grep -q "^stat .* $work/lib/beta/articles/article-001.md$" "$work/out/.regdoc-stat" ||
		failed "no stat line of beta's Article 1"
	# every file of the copy is younger than `hashed` - 2 s: its forged digest not used
	[ "$(stat_lines "$((t0 + 1))" 0 all)" -gt 10 ] || failed "the library's digests not forged"
	inodes "$work/out" >"$work/before"
	build "$work/out" "$work/lib"
	inodes "$work/out" >"$work/after"
	expect_kept "$work/before" "$work/after" '/' "racy files (read again, the same keys)"
	same_as_cold "$work/out" "$work/lib"
	# 2 s older than `hashed`: the recorded digests are used, the files not read
	stat_lines "$(($(date +%s) + 3))" 0 all >/dev/null
	inodes "$work/out" >"$work/before"
	build "$work/out" "$work/lib"
	inodes "$work/out" >"$work/after"
	expect_rebuilt "$work/before" "$work/after" '.' "old files (their recorded digests used)"
	# --no-cache reads every file, whatever the manifest says: a cold build's manifest
	stat_lines "$(($(date +%s) + 3))" 0 all >/dev/null
	build "$work/out" --no-cache "$work/lib"
	same_as_cold "$work/out" "$work/lib"
	# a garbled stat line (the 2nd of the library's): the forged ones after it not used
	stat_lines "$(($(date +%s) + 3))" 2 after >/dev/null
	inodes "$work/out" >"$work/before"
	build "$work/out" "$work/lib"
	inodes "$work/out" >"$work/after"
	expect_kept "$work/before" "$work/after" '/' "after a garbled stat line"
	same_as_cold "$work/out" "$work/lib"
	# ... the one before it is
	stat_lines "$(($(date +%s) + 3))" 2 all >/dev/null
	inodes "$work/out" >"$work/before"
	build "$work/out" "$work/lib"
	inodes "$work/out" >"$work/after"
	expect_rebuilt "$work/before" "$work/after" '.' "before a garbled stat line"
	build "$work/out" --no-cache "$work/lib"
	# edited in place, the same size, its mtime set back: only its ctime tells
	page=$work/lib/beta/articles/article-001.md
	mtime=$(stat -c %y "$page")
	sed 's/safety requirements for beta/safety stipulations for beta/' "$page" >"$work/page"
	[ "$(wc -c <"$work/page")" = "$(wc -c <"$page")" ] && ! cmp -s "$work/page" "$page" ||
		failed "the page edit is not one of the same size"
	cat "$work/page" >"$page"
	touch -m -d "$mtime" "$page"
	[ "$(stat -c %y "$page")" = "$mtime" ] || failed "touch -d did not set the mtime back"
	stat_lines "$(($(date +%s) + 3))" 0 none >/dev/null
	inodes "$work/out" >"$work/before"
	build "$work/out" "$work/lib"
	inodes "$work/out" >"$work/after"
	expect_rebuilt "$work/before" "$work/after" '^beta/' "beta, its page edited (mtime set back)"
	grep -q 'safety stipulations' "$work/out/beta/site/art-1.html" || failed "the edit is not in the site"
	same_as_cold "$work/out" "$work/lib"
	;;
*)
	echo "run.sh: unknown check '$check'" >&2
	exit 2
	;;
esac
[ "$fail" = 0 ] && echo "ok [$check]"
exit "$fail"
