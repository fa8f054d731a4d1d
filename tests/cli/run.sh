#!/bin/sh
# The command line as a GNU tool's (issue 17): one check per run (one ctest each), from
# the source root; each fails unless regdoc's exit status and message are the ones below.
#
# usage: tests/cli/run.sh CHECK REGDOC_BINARY
#   opt-equals        --output=FILE and --max-errors=N work as --output FILE
#   short-attached    -oFILE works as -o FILE; flags bundle (-Wq); -q with -v is refused
#   double-dash       `--` ends the options: a product file named -x.xml is assessed
#   unknown-option    an unknown option: exit 2 with "did you mean --output?"
#   unknown-command   an unknown command: exit 2 with "did you mean 'build'?"
#   graph-stdout      `graph -o -` writes the graph to standard output
#   assess-stdin      `assess - -o DIR` reads the product from standard input; without
#                     -o it is a usage error; its placing-on-market date chooses the
#                     version of the law (1 July 2026: the 2024 text, before Regulation
#                     (EU) 2026/1744), a date before every version is exit 1 at its line
#   assess-default    a product outside corpus/ names regulation="ai-act": assess finds
#                     it in ./corpus (no --regulation); --regulation still overrides
#   assess-missing    a product file that does not exist: exit 3 (I/O), naming it
#   links-unknown-id  an id that is not in the corpus: exit 1, naming it
#   links-bad-path    a corpus path that is not one: exit 1, naming it
#   links-qualified   links over a folder of regulations: every id qualified; a sibling
#                     regulation's pages named relative, as the corpus was
#   help              --help and every COMMAND --help: exit 0, stdout, usage line
#   help-width        every line of --help, -h and every COMMAND --help / -h is at most 80
#                     columns
#   escaped-args      control characters from the command line shown escaped (\x1b) in
#                     usage errors, build's summary and -v lines
#   readme-links      README's example output of `regdoc links corpus/ai-act rec-78` is
#                     what it prints
#   build-summary     build prints one line per regulation and one for the run on stderr
#   build-quiet       -q: nothing on stderr
#   build-verbose     -v: every file written, as many as the summary counts
# $REGDOC_WRAPPER (e.g. valgrind) is put in front of every regdoc command when set.
set -u
check=${1:?usage: run.sh CHECK REGDOC_BINARY}
regdoc=${2:?usage: run.sh CHECK REGDOC_BINARY}
[ -f corpus/ai-act/manifest.xml ] || { echo "run.sh: run me from the source root" >&2; exit 2; }
case "$regdoc" in /*) ;; *) regdoc=$(pwd)/$regdoc ;; esac
root=$(pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/regdoc-cli.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM
fail=0
failed() { echo "FAIL [$check]: $*"; fail=1; }
rd() { ${REGDOC_WRAPPER:-} "$regdoc" "$@"; }
expect() { # STATUS WANTED, COMMAND...: run, check the exit status, keep stdout/stderr
	want=$1; shift
	rd "$@" >"$work/out" 2>"$work/err"
	got=$?
	[ "$got" = "$want" ] || { failed "regdoc $* exited $got, expected $want"; cat "$work/err"; }
}
has() { # FILE TEXT: the file has a line containing TEXT
	grep -qF -- "$2" "$1" || { failed "no '$2' in $1:"; cat "$1"; }
}
product=corpus/ai-act/products/hirerank-cv-screening.xml
mini=tests/fixtures/mini

case "$check" in
opt-equals)
	expect 0 graph --output="$work/g.xml" --max-errors=5 "$mini"
	[ -s "$work/g.xml" ] || failed "--output=FILE wrote nothing"
	expect 2 graph --max-errors=x "$mini"
	has "$work/err" "--max-errors needs a number, not 'x'"
	expect 2 graph --validate=yes "$mini"
	has "$work/err" "option --validate takes no value"
	;;
short-attached)
	expect 0 graph "-o$work/g.xml" "$mini"
	[ -s "$work/g.xml" ] || failed "-oFILE wrote nothing"
	expect 2 build -qv "$mini"
	has "$work/err" "-q and -v together"
	expect 0 build -q "$mini" "-o$work/b"
	[ -f "$work/b/mini/graph.xml" ] || failed "build -oDIR wrote no graph"
	expect 1 build -Wq "$mini" "-o$work/c" # the fixture's one warning, an error with -W
	has "$work/err" "error: 'Article 99' cites art-99"
	;;
double-dash)
	cp "$product" "$work/-x.xml"
	(cd "$work" && ${REGDOC_WRAPPER:-} "$regdoc" assess --regulation "$root/corpus/ai-act" -o p -- -x.xml) \
		>"$work/out" 2>"$work/err" || { failed "assess -- -x.xml failed"; cat "$work/err"; }
	[ -f "$work/p/checklist.html" ] || failed "assess -- -x.xml wrote no checklist"
	expect 2 assess -x.xml
	has "$work/err" "unknown option -x"
	;;
unknown-option)
	expect 2 build --outptu x
	has "$work/err" "unknown option --outptu; did you mean --output?"
	expect 2 build --frobnicate
	has "$work/err" "unknown option --frobnicate"
	grep -q "did you mean" "$work/err" && failed "a suggestion for a far miss"
	;;
unknown-command)
	expect 2 biuld
	has "$work/err" "unknown command 'biuld'; did you mean 'build'?"
	;;
graph-stdout)
	expect 0 graph -o - "$mini"
	head -c 200 "$work/out" | grep -q '<regulation id="mini"' || failed "graph -o - wrote no graph to stdout"
	;;
assess-stdin)
	rd assess - -o "$work/p" <"$product" >"$work/out" 2>"$work/err" || { failed "assess - failed"; cat "$work/err"; }
	[ -f "$work/p/checklist.html" ] || failed "assess - wrote no checklist"
	grep -q 'hirerank-cv-screening' "$work/p/assessment.xml" || failed "assess - assessed something else"
	printf '<product id="x" regulation="ai-act"><nmae>x</nmae></product>\n' |
		rd assess - -o "$work/q" >"$work/out" 2>"$work/err"
	[ $? = 1 ] || failed "a bad product on stdin: not exit 1"
	has "$work/err" "stdin:1: error:"
	sed 's|</provider>|</provider><placing-on-market date="2026-07-01"/>|' "$product" |
		rd assess - -o "$work/d" >"$work/out" 2>"$work/err" || { failed "assess - with a date failed"; cat "$work/err"; }
	grep -q '<law [^>]*version="2024-08-01"[^>]*chosen-by="placing-on-market"' "$work/d/assessment.xml" ||
		failed "assess -: the placing-on-market date on stdin did not choose the 2024 text"
	sed 's|</provider>|</provider><placing-on-market date="2020-01-01"/>|' "$product" |
		rd assess - -o "$work/e" >"$work/out" 2>"$work/err"
	[ $? = 1 ] || failed "assess -: a date before every version: not exit 1"
	has "$work/err" 'stdin:7: error: <placing-on-market date="2020-01-01">'
	rd assess - <"$product" >"$work/out" 2>"$work/err"
	[ $? = 2 ] || failed "assess - without -o: not a usage error"
	has "$work/err" "needs -o DIR"
	;;
assess-default)
	cp "$product" "$work/my-product.xml"
	expect 0 assess "$work/my-product.xml" -o "$work/p"
	[ -f "$work/p/checklist.html" ] || failed "assess outside corpus/ wrote no checklist"
	# the override: a regulation that is not the product's is refused, so it was used
	expect 1 assess "$work/my-product.xml" --regulation corpus/cra -o "$work/q"
	has "$work/err" 'described for regulation "ai-act", not "cra"'
	sed 's/regulation="ai-act"/regulation="no-such-act"/' "$product" >"$work/other.xml"
	expect 1 assess "$work/other.xml" -o "$work/r"
	has "$work/err" 'names regulation "no-such-act", which is not in the corpus'
	;;
assess-missing)
	expect 3 assess "$work/no-such-product.xml" -o "$work/p"
	has "$work/err" "$work/no-such-product.xml: error: cannot open"
	;;
links-unknown-id)
	expect 1 links corpus/ai-act rec-999
	has "$work/err" "rec-999: no such id in corpus/ai-act"
	expect 1 links corpus nope:art-1
	has "$work/err" "nope:art-1: no regulation 'nope' in corpus"
	;;
links-bad-path)
	expect 1 links corpus/ai-actt rec-78
	has "$work/err" "corpus/ai-actt: error: no such corpus folder"
	expect 1 links tests/ rec-78
	has "$work/err" "tests/: error: no regulation here"
	;;
links-qualified)
	expect 0 links --suggested corpus ai-act:art-15
	[ -s "$work/out" ] || failed "no edges"
	grep -q "^suggests	ai-act:" "$work/out" || failed "no qualified suggests edge"
	if grep -v "^[a-z-]*	[a-z-]*:[^	]*	[a-z-]*:" "$work/out" | grep -q .; then
		failed "an unqualified id:"; grep -v "^[a-z-]*	[a-z-]*:[^	]*	[a-z-]*:" "$work/out" | head -3
	fi
	expect 0 links corpus/ai-act rec-78
	has "$work/out" "relates-to	rec-78	art-43	corpus/ai-act/versions/2026-07-27/recitals/recital-078.md:10"
	# a sibling regulation's pages are named as the user named the corpus (relative),
	# not by their absolute path
	expect 0 links corpus/ai-act cra:art-12
	has "$work/out" "cites	cra:art-12.1	ai-act:art-15	corpus/cra/articles/article-012.md:4"
	grep -q "	$root/" "$work/out" && failed "an absolute page path: $(grep "	$root/" "$work/out" | head -1)"
	;;
help)
	# regdoc --help and every COMMAND --help: exit 0 on stdout, each command's usage
	# line; -h says where a command's own help is (the line used to stop mid-sentence)
	expect 0 --help
	has "$work/out" "-h, --help            this help; 'regdoc COMMAND --help': that command's help"
	for c in build graph check links site assess import status new diff templates; do
		expect 0 "$c" --help
		has "$work/out" "usage: regdoc $c"
		[ -s "$work/err" ] && failed "$c --help wrote to stderr"
	done
	;;
help-width)
	# issue 17: every line of every --help fits 80 columns (a terminal's and the man
	# page's width); the commands are the ones regdoc --help lists, -h as --help.
	# awk's length counts bytes (mawk) or characters: never less than the columns.
	expect 0 --help
	cmds=$(sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p' "$work/out")
	n=$(echo $cmds | wc -w)
	[ "$n" -ge 11 ] || failed "regdoc --help lists $n commands: $cmds"
	for args in "--help" "-h" $(for c in $cmds; do echo "$c,--help $c,-h"; done); do
		set -- $(echo "$args" | tr , ' ')
		expect 0 "$@"
		lines=$(wc -l < "$work/out")
		[ "$lines" -ge 5 ] || failed "regdoc $* printed $lines lines"
		LC_ALL=C.UTF-8 awk -v a="$*" 'length($0) > 80 { print "FAIL [help-width]: regdoc " a ": " length($0) " columns: " $0; bad = 1 } END { exit bad }' "$work/out" || fail=1
		grep -q "$(printf '\t')" "$work/out" && failed "regdoc $*: a tab (its width depends on the terminal)"
	done
	;;
escaped-args)
	# issue 18, class 4's sibling: what the command line gives (a file name from find |
	# xargs may hold ESC) is shown escaped in usage errors and the summary lines too
	esc=$(printf '\033]0;owned\007')
	expect 2 "bu${esc}ild"
	has "$work/err" "unknown command 'bu\x1b]0;owned\x07ild'"
	expect 2 build "--o${esc}"
	has "$work/err" "unknown option --o\x1b]0;owned\x07"
	expect 2 assess "a${esc}.xml"
	has "$work/err" "cannot name the output folder after 'a\x1b]0;owned\x07.xml'"
	expect 0 build "$mini" -o "$work/o${esc}"
	has "$work/err" "regdoc: built mini: 9 units, 15 pages, 0 products, 1 warnings -> $work/o\x1b]0;owned\x07/mini/ ("
	expect 0 build -v "$mini" -o "$work/o${esc}"
	has "$work/err" "regdoc: wrote $work/o\x1b]0;owned\x07/mini/graph.xml"
	if LC_ALL=C grep -q "$(printf '[\033\007]')" "$work/err"; then failed "a raw ESC or BEL on stderr"; fi
	;;
readme-links)
	# README's example of `regdoc links corpus/ai-act rec-78` is what the command prints
	awk '/^`regdoc links corpus\/ai-act rec-78` answers/ { at = 1; next }
	     at && /^```/ { if (++fence == 2) exit; next }
	     fence == 1 { print }' README.md >"$work/want"
	[ -s "$work/want" ] || failed "no example of regdoc links corpus/ai-act rec-78 in README.md"
	expect 0 links corpus/ai-act rec-78
	diff "$work/want" "$work/out" >"$work/diff" || { failed "README's example differs from the output:"; cat "$work/diff"; }
	;;
build-summary)
	expect 0 build tests/fixtures/library -o "$work/b"
	has "$work/err" "regdoc: built alpha: 5 units, 9 pages, 0 products, 2 warnings -> $work/b/alpha/ ("
	has "$work/err" "regdoc: built beta: 5 units, 9 pages, 0 products, 0 warnings -> $work/b/beta/ ("
	has "$work/err" "regdoc: built 2 regulations: 10 units, 19 pages, 0 products, 38 files, 2 warnings -> $work/b/ ("
	n=$(find "$work/b" -type f ! -name ".regdoc*" | wc -l) # not the lock, not the cache manifest
	[ "$n" = 38 ] || failed "the summary says 38 files, $n are there"
	;;
build-quiet)
	expect 0 build -q "$mini" -o "$work/b"
	grep -q "regdoc: built" "$work/err" && { failed "build -q printed a summary:"; cat "$work/err"; }
	has "$work/err" "warning: 'Article 99' cites art-99" # diagnostics are not silenced
	;;
build-verbose)
	expect 0 build -v "$mini" -o "$work/b"
	n=$(grep -c "^regdoc: wrote $work/b/mini/" "$work/err")
	m=$(find "$work/b/mini" -type f | wc -l)
	[ "$n" = "$m" ] && [ "$n" -gt 0 ] || failed "build -v listed $n files, $m were written"
	has "$work/err" "regdoc: built mini:"
	;;
*)
	echo "run.sh: unknown check '$check'" >&2; exit 2 ;;
esac
[ "$fail" = 0 ] && echo "cli $check: passed"
exit "$fail"
