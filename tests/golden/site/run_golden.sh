#!/bin/sh
# Golden test of the HTML site of the fixture graph tests/fixtures/site/graph.xml.
#
# usage: tests/golden/site/run_golden.sh RENDER_GRAPH_BINARY [REGDOC_BINARY]
#        (run from the source root; ctest does: ctest -R golden.site)
#
# Renders the fixture graph with the shipped templates and compares every generated
# file (pages, sitemap.xml, search-index.js; not the static/ assets, which are copied
# verbatim) byte for byte with tests/golden/site/expected/, showing `diff -u` on a
# difference; a file missing on either side fails too. A second render must be
# byte-identical (determinism), static/ must hold the shipped assets, and every link of
# the fixture site must resolve (tests/e2e/check_links.py).
#
# With REGDOC_BINARY, the same for the site of a regulation in two versions
# (tests/fixtures/versions: `regdoc site`, doc/site.md "Versions") against
# tests/golden/site/expected-versions/: the text in force at the root, the earlier text
# under v/2099-04-01/, the switcher, the history with its word differences, the anchor
# of a deleted subparagraph and the page of what changed; and every id of the earlier
# version's graph resolves on the root pages (check_links.py --permalinks).
#
# Regenerate after an intended change (then review `git diff tests/golden/site`):
#     REGDOC_REGEN=1 ctest -R golden.site          (from the build directory)
# $REGDOC_WRAPPER (e.g. valgrind) is put in front of the render command when set.
set -u
render=${1:?usage: run_golden.sh RENDER_GRAPH_BINARY [REGDOC_BINARY]}
regdoc=${2:-}
golden=tests/golden/site/expected
vgolden=tests/golden/site/expected-versions
fixture=tests/fixtures/site/graph.xml
vfixture=tests/fixtures/versions

if [ ! -f "$fixture" ]; then
	echo "run_golden.sh: run me from the source root (no $fixture here)" >&2
	exit 2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/regdoc-golden-site.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM

if ! ${REGDOC_WRAPPER:-} "$render" "$fixture" "$work/site" templates 2>"$work/diagnostics"; then
	echo "FAIL: rendering $fixture failed; diagnostics:"
	cat "$work/diagnostics"
	exit 1
fi
if [ -s "$work/diagnostics" ]; then
	echo "FAIL: rendering $fixture printed diagnostics:"
	cat "$work/diagnostics"
	exit 1
fi

generated() { # the generated files of a site, one per line, sorted
	(cd "$1" && find . -type f ! -path './static/*' ! -path './v/*/static/*' | sed 's|^\./||' | LC_ALL=C sort)
}

if [ -n "$regdoc" ]; then
	if ! ${REGDOC_WRAPPER:-} "$regdoc" site "$vfixture" -o "$work/vsite" 2>"$work/vdiagnostics" ||
		! "$regdoc" graph "$vfixture" --as-of 2099-12-31 -o "$work/old-graph.xml" 2>/dev/null; then
		echo "FAIL: regdoc site $vfixture failed; diagnostics:"
		cat "$work/vdiagnostics"
		exit 1
	fi
fi

if [ "${REGDOC_REGEN:-}" = 1 ]; then
	rm -rf "$golden"
	mkdir -p "$golden"
	generated "$work/site" | while read -r f; do cp "$work/site/$f" "$golden/$f"; done
	if [ -n "$regdoc" ]; then
		rm -rf "$vgolden"
		generated "$work/vsite" | while read -r f; do
			mkdir -p "$(dirname "$vgolden/$f")" && cp "$work/vsite/$f" "$vgolden/$f"
		done
	fi
	echo "regenerated $golden${regdoc:+ and $vgolden}: review with git diff tests/golden/site"
	exit 0
fi

fail=0
if [ ! -d "$golden" ]; then
	echo "FAIL: $golden is missing (REGDOC_REGEN=1 ctest -R golden.site makes it)"
	exit 1
fi
generated "$work/site" >"$work/got.list"
(cd "$golden" && find . -type f | sed 's|^\./||' | LC_ALL=C sort) >"$work/want.list"
if ! cmp -s "$work/want.list" "$work/got.list"; then
	echo "FAIL: the set of generated files differs (- golden, + this run):"
	diff -u "$work/want.list" "$work/got.list"
	fail=1
fi
while read -r f; do
	if [ -f "$golden/$f" ] && ! cmp -s "$golden/$f" "$work/site/$f"; then
		echo "FAIL: $f differs from $golden/$f (- golden, + this run):"
		diff -u "$golden/$f" "$work/site/$f"
		fail=1
	fi
done <"$work/got.list"

# the static assets are the shipped ones
if ! diff -r templates/site/static "$work/site/static" >"$work/static.diff"; then
	echo "FAIL: site/static differs from templates/site/static:"
	cat "$work/static.diff"
	fail=1
fi

# links, fragments and structure of the fixture site (as for the whole AI Act)
if command -v python3 >/dev/null 2>&1 &&
	! python3 tests/e2e/check_links.py "$work/site" >"$work/links.txt"; then
	echo "FAIL: tests/e2e/check_links.py on the fixture site:"
	cat "$work/links.txt"
	fail=1
fi

# determinism: a second render writes the same bytes
if ! "$render" "$fixture" "$work/again" templates 2>/dev/null || ! diff -r "$work/site" "$work/again" >"$work/again.diff"; then
	echo "FAIL: a second render did not write byte-identical files:"
	cat "$work/again.diff"
	fail=1
fi
[ "$fail" = 0 ] && echo "ok: the site of $fixture matches $golden ($(wc -l <"$work/got.list") files)"

# the site of a regulation in two versions
if [ -n "$regdoc" ]; then
	vfail=0
	generated "$work/vsite" >"$work/vgot.list"
	(cd "$vgolden" 2>/dev/null && find . -type f | sed 's|^\./||' | LC_ALL=C sort) >"$work/vwant.list"
	if ! cmp -s "$work/vwant.list" "$work/vgot.list"; then
		echo "FAIL: the set of generated files of $vfixture differs (- golden, + this run):"
		diff -u "$work/vwant.list" "$work/vgot.list"
		vfail=1
	fi
	while read -r f; do
		if [ -f "$vgolden/$f" ] && ! cmp -s "$vgolden/$f" "$work/vsite/$f"; then
			echo "FAIL: $f differs from $vgolden/$f (- golden, + this run):"
			diff -u "$vgolden/$f" "$work/vsite/$f"
			vfail=1
		fi
	done <"$work/vgot.list"
	# every link of both versions, and every permalink of the earlier version at the root
	if command -v python3 >/dev/null 2>&1 &&
		! python3 tests/e2e/check_links.py "$work/vsite" --permalinks "$work/old-graph.xml" >"$work/vlinks.txt"; then
		echo "FAIL: tests/e2e/check_links.py on the site of $vfixture:"
		cat "$work/vlinks.txt"
		vfail=1
	fi
	if ! "$regdoc" site "$vfixture" -o "$work/vagain" 2>/dev/null || ! diff -r "$work/vsite" "$work/vagain" >"$work/vagain.diff"; then
		echo "FAIL: a second regdoc site $vfixture did not write byte-identical files:"
		cat "$work/vagain.diff"
		vfail=1
	fi
	[ "$vfail" = 0 ] && echo "ok: the site of $vfixture matches $vgolden ($(wc -l <"$work/vgot.list") files)"
	[ "$vfail" = 0 ] || fail=1
fi
exit "$fail"
