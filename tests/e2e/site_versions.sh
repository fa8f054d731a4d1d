#!/bin/sh
# The site of the AI Act in time (issue 14; doc/site.md, "Versions"): `regdoc site
# corpus/ai-act` (a site on its own: the amending act is not beside it), then, on its pages:
#   - dates of application (doc/application.md, from Article 113 of each version):
#     Article 43 applies from 2 August 2026 (Article 113, second paragraph: "It shall
#     apply from 2 August 2026"); Article 5 from 2 February 2025 (Article 113, third
#     paragraph, point (a): "Chapters I and II shall apply from 2 February 2025") and, as
#     amended, its points (1)(ba) and (1)(bb) from 2 December 2026 (the same point (a) as
#     amended by Regulation (EU) 2026/1744, Article 1, point (40)); Article 6 by case,
#     2 December 2027 (Annex III) and 2 August 2028 (Annex I) (Article 113(c)(i) and (ii)
#     as amended); Article 4a, inserted, from 27 July 2026, the amending act's entry into
#     force (its Article 4), linked to EUR-Lex here; in the 2024 text Article 43 from
#     2 August 2026 and Article 6(1) from 2 August 2027 (Article 113, point (c), 2024);
#     no recital has a date;
#   - the version switcher on every page of both versions (the home lists the versions);
#   - the marks of amended elements link the amending point on EUR-Lex when the act is
#     not in the library (Article 43(3), replaced by Regulation (EU) 2026/1744, Article 1,
#     point (19): amendments.tsv).
# usage: tests/e2e/site_versions.sh REGDOC_BINARY        (from the source tree's root)
# $REGDOC_WRAPPER (e.g. valgrind) is put in front of the regdoc command when set.
set -u
regdoc=${1:?usage: site_versions.sh REGDOC_BINARY}
[ -f corpus/ai-act/manifest.xml ] || { echo "site_versions.sh: run me from the source root" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/regdoc-site-versions.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM
fail=0
failed() { echo "FAIL: $*"; fail=1; }

${REGDOC_WRAPPER:-} "$regdoc" site corpus/ai-act -o "$work/s" 2>"$work/err" ||
	{ echo "FAIL: regdoc site corpus/ai-act failed:"; cat "$work/err"; exit 1; }
s=$work/s
old=$s/v/2024-08-01
[ -d "$old" ] || { echo "FAIL: no v/2024-08-01/ (the 2024 text)"; exit 1; }

has() { # FILE TEXT WHAT: the page holds TEXT (fixed string)
	grep -qF -- "$2" "$1" || failed "$3 (${1#"$s"/}: no $2)"
}
note() { # the date note as the page shows it
	printf '<p class="applies">Applies from %s</p>' "$1"
}
by113() { # LABEL FRAGMENT
	printf '<a href="art-113.html#%s">Article 113, %s</a>' "$2" "$1"
}

# dates of application, the text in force
has "$s/art-43.html" "$(note "2 August 2026, $(by113 'subparagraph 2' art-113.sub2)")" "Article 43's date"
has "$s/art-5.html" "$(note "2 February 2025, $(by113 'subparagraph 3, point (a)' art-113.sub3.a)")" "Article 5's date"
for p in ba bb; do
	sed -n "/<li id=\"art-5\.1\.$p\">/,/<\/li>/p" "$s/art-5.html" >"$work/p"
	has "$work/p" "$(note "2 December 2026, $(by113 'subparagraph 3, point (a)' art-113.sub3.a)")" "Article 5(1)($p)'s date"
done
has "$s/art-6.html" "Applies from 2 December 2027 for AI systems classified as high-risk pursuant to Article 6(2) and Annex III, $(by113 'subparagraph 3, point (c)(i)' art-113.sub3.c.i)" "Article 6's date for Annex III systems"
has "$s/art-6.html" "from 2 August 2028 for AI systems classified as high-risk pursuant to Article 6(1) and Annex I, $(by113 'subparagraph 3, point (c)(ii)' art-113.sub3.c.ii)" "Article 6's date for Annex I systems"
has "$s/art-4a.html" "$(note '27 July 2026, <a href="https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32026R1744">Regulation (EU) 2026/1744, Article 4</a>')" "Article 4a's date"
# the 2024 text
has "$old/art-43.html" "$(note "2 August 2026, $(by113 'subparagraph 2' art-113.sub2)")" "Article 43's date in 2024"
has "$old/art-6.html" "$(note "2 August 2027, $(by113 'subparagraph 3, point (c)' art-113.sub3.c)")" "Article 6(1)'s date in 2024"
grep -q 'id="art-5\.1\.ba"' "$old/art-5.html" && failed "Article 5(1)(ba) in the 2024 text"
n=$(cat "$s"/rec-*.html "$old"/rec-*.html | grep -c 'class="applies"')
[ "$n" = 0 ] || failed "$n recital pages with a date of application"

# the switcher on every page
for f in "$s"/*.html "$old"/*.html; do
	grep -q '<nav class="v-switch' "$f" || failed "no version switcher on ${f#"$s"/}"
done

# a mark of an amended element, the amending act not in the library
has "$s/art-43.html" '<span class="amend amend-replaced">Replaced by <a class="amend-by" href="https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32026R1744">Regulation (EU) 2026/1744, Article 1, point (19)</a>, from 27 July 2026</span>' "Article 43(3)'s mark"

[ "$fail" = 0 ] && echo "ok: dates of application, switchers and marks of the AI Act site in both versions"
exit "$fail"
