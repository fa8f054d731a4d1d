#!/bin/sh
# Restyling from an exported copy of the templates (issue 9):
#   (a) `regdoc templates --export DIR` writes the shipped templates byte for byte
#       (schema/, site/, checklist/, annex-iv/ ...), and refuses to overwrite a folder
#       that is not empty (exit 1, the copy untouched);
#   (b) restyle the copy: a rule added to site/static/site.css, a heading changed in a
#       site stylesheet (layout.xsl, "Cited by") and one in a product stylesheet
#       (checklist/html.xsl, "Why: the decision trace"); `regdoc build --templates DIR`
#       shows all three in the site and in every product's checklist, and a build without
#       --templates shows none of them;
#   (c) a copy whose stylesheet writes outside the output folder (exsl:document
#       "../escaped.txt", in the site and, separately, in a product stylesheet) or reads
#       from the network (document('http://…')) fails with exit 1 and a diagnostic naming
#       the stylesheet: the same XSLT security prefs as the shipped templates; nothing
#       escapes and the previous output stays byte-identical.
#
# usage: tests/templates/run.sh REGDOC_BINARY       (from the source root)
# $REGDOC_WRAPPER (e.g. valgrind) is put in front of every regdoc command.
set -u
regdoc=${1:?usage: run.sh REGDOC_BINARY}
src=$(pwd)
[ -d "$src/templates/site" ] || { echo "run.sh: run me from the source root" >&2; exit 2; }
case "$regdoc" in /*) ;; *) regdoc=$src/$regdoc ;; esac
work=$(mktemp -d "${TMPDIR:-/tmp}/regdoc-templates.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM
fail=0
failed() { echo "FAIL: $*"; fail=1; }
rd() { ${REGDOC_WRAPPER:-} "$regdoc" "$@"; }
tree_sum() {
	(cd "$1" && find . -print | LC_ALL=C sort && find . -type f -print0 | LC_ALL=C sort -z |
		xargs -0 sha256sum) | sha256sum
}

# A small regulation with one example product: the fixture plus the AI Act's rules need
# the AI Act's graph, so the corpus is the AI Act itself (a second's work).
corpus=$src/corpus/ai-act
product=hirerank-cv-screening

# (a) export
rd templates --export "$work/tpl" 2>"$work/a.err" || { failed "templates --export exited non-zero"; cat "$work/a.err"; }
if ! diff -r -x '.*' "$src/templates" "$work/tpl" >"$work/a.diff"; then
	failed "the exported copy differs from the shipped templates:"; head -20 "$work/a.diff"
fi
before=$(tree_sum "$work/tpl")
rd templates --export "$work/tpl" 2>"$work/a2.err"
st=$?
[ $st = 1 ] || failed "export over a non-empty folder: exit $st, want 1"
grep -q "tpl: error: is not empty" "$work/a2.err" || { failed "no 'is not empty' diagnostic"; cat "$work/a2.err"; }
[ "$(tree_sum "$work/tpl")" = "$before" ] || failed "export over a non-empty folder changed it"
mkdir "$work/empty"
rd templates --export "$work/empty" 2>/dev/null || failed "export into an empty folder exited non-zero"
[ -f "$work/empty/site/site.xsl" ] || failed "export into an empty folder wrote no site/site.xsl"

# (b) restyle
printf '\nbody { background: #fdf6e3; } /* restyled-by-test */\n' >>"$work/tpl/site/static/site.css"
grep -q '>Cited by<' "$work/tpl/site/layout.xsl" || failed "layout.xsl has no 'Cited by' heading to change"
sed -i 's/>Cited by</>Quoted elsewhere (restyled)</' "$work/tpl/site/layout.xsl"
grep -q 'Why: the decision trace' "$work/tpl/checklist/html.xsl" || failed "checklist/html.xsl has no trace heading to change"
sed -i 's/Why: the decision trace/Why (restyled trace heading)/' "$work/tpl/checklist/html.xsl"

rd build "$corpus" --templates "$work/tpl" -o "$work/styled" 2>"$work/b.err" ||
	{ failed "build --templates exited non-zero"; tail "$work/b.err"; }
rd build "$corpus" -o "$work/plain" 2>"$work/p.err" || { failed "plain build exited non-zero"; tail "$work/p.err"; }
s=$work/styled/ai-act p=$work/plain/ai-act
grep -q 'restyled-by-test' "$s/site/static/site.css" 2>/dev/null || failed "site.css is not the restyled one"
grep -q 'Quoted elsewhere (restyled)' "$s/site/art-43.html" 2>/dev/null || failed "art-43.html lacks the changed heading"
grep -q '>Cited by<' "$s/site/art-43.html" 2>/dev/null && failed "art-43.html still has the shipped heading"
n=0
for c in "$s"/products/*/checklist.html; do
	n=$((n + 1))
	grep -q 'Why (restyled trace heading)' "$c" || failed "$(basename "$(dirname "$c")")/checklist.html lacks the changed heading"
done
[ $n -gt 1 ] || failed "no product checklists were built with --templates"
grep -q 'restyled' "$p/site/static/site.css" "$p/site/art-43.html" "$p/products/$product/checklist.html" 2>/dev/null &&
	failed "a build without --templates shows the restyling"

# (c) the same security prefs for custom templates
attempt() { # NAME FILE SED-EXPRESSION WANT-DIAGNOSTIC-REGEX
	name=$1 file=$2 expr=$3 want=$4
	rm -rf "$work/evil"
	cp -R "$work/tpl" "$work/evil"
	sed -i "$expr" "$work/evil/$file"
	grep -q 'EVIL' "$work/evil/$file" || { failed "[$name] could not plant the test in $file"; return; }
	prev=$(tree_sum "$work/styled")
	rd build "$corpus" --templates "$work/evil" -o "$work/styled" >"$work/c.out" 2>"$work/c.err"
	st=$?
	[ $st = 1 ] || failed "[$name] a stylesheet that breaks the security prefs: exit $st, want 1"
	grep -Eq "$want" "$work/c.err" || { failed "[$name] no diagnostic matching $want:"; head -5 "$work/c.err"; }
	[ ! -e "$work/escaped.txt" ] && [ ! -e "$work/styled/escaped.txt" ] ||
		failed "[$name] the stylesheet wrote outside its output folder"
	[ "$(tree_sum "$work/styled")" = "$prev" ] || failed "[$name] the previous output changed"
	rm -f "$work/escaped.txt" "$work/styled/escaped.txt"
}
# exsl:document is declared in site.xsl (prefix exsl)
attempt site-write site/site.xsl \
	's|<xsl:call-template name="sitemap"/>|&<exsl:document href="../../../escaped.txt" method="text">EVIL</exsl:document>|' \
	'site/site\.xsl(:[0-9]+)?: error: .*(refus|not allowed|outside|forbid)'
attempt product-write checklist/html.xsl \
	's|<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">|<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">|; s|<xsl:template match="/assessment">|&<exsl:document href="../escaped.txt" method="text">EVIL</exsl:document>|' \
	'checklist/html\.xsl(:[0-9]+)?: error: .*(refus|not allowed|outside|forbid)'
attempt network-read site/site.xsl \
	's|<xsl:call-template name="sitemap"/>|&<xsl:value-of select="document('"'"'http://127.0.0.1:9/EVIL'"'"')"/>|' \
	'site/site\.xsl(:[0-9]+)?: error: '

[ $fail = 0 ] && echo "templates: all checks passed"
exit $fail
