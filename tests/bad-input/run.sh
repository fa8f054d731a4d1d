#!/bin/sh
# One class of bad input per run: break a copy of tests/fixtures/mini, run
#     regdoc build mini -o out
# over an `out` that holds the previous good output, and check
#   (a) the exit status documented for the class (README, "Exit status"),
#   (b) a diagnostic "PATH:LINE: error: …" naming the broken file and line (for a
#       problem with the whole file, a missing page or one too many, "PATH: error: …"),
#   (c) the previous output is byte-identical afterwards (checksum of the whole tree)
#       and no temporary output (*.tmp-*) is left behind.
#
# usage: tests/bad-input/run.sh CLASS REGDOC_BINARY      (run it with no CLASS for the list)
# $REGDOC_WRAPPER (e.g. valgrind) is put in front of the regdoc command when set.
set -u
class=${1:-}
regdoc=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
fixture=$here/../fixtures/mini
classes="invalid-utf8 nul-byte no-heading unknown-kind duplicate-unit dangling-relation
empty-page binary-file oversize symlink-loop missing-page extra-page control-char fifo-page
leading-zeros invisible-title"

if [ -z "$class" ] || [ -z "$regdoc" ]; then
	echo "usage: run.sh CLASS REGDOC_BINARY; classes:" $classes >&2
	exit 2
fi
case "$regdoc" in /*) ;; *) regdoc=$(pwd)/$regdoc ;; esac

work=$(mktemp -d "${TMPDIR:-/tmp}/regdoc-bad.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM
cd "$work" || exit 2
cp -R "$fixture" mini

fail=0
failed() { echo "FAIL [$class]: $*"; fail=1; }

# Every path and file in the tree, and the content of each file: any change shows.
tree_sum() {
	(cd "$1" && find . -print | LC_ALL=C sort && find . -type f -print0 | LC_ALL=C sort -z |
		xargs -0 sha256sum) | sha256sum
}

# the previous good output
if ! ${REGDOC_WRAPPER:-} "$regdoc" build mini -o out >setup.out 2>setup.err; then
	echo "FAIL [$class]: setup: the intact fixture does not build:"
	cat setup.err
	exit 1
fi
[ -f out/mini/graph.xml ] || { echo "FAIL [$class]: setup: no out/mini/graph.xml"; exit 1; }
before=$(tree_sum out)

# Break the copy. want_status: the exit status; want_diag: an extended regular
# expression one line of stderr must match.
A=mini/articles R=mini/recitals X=mini/annexes
args=
case "$class" in
invalid-utf8)
	# a Latin-1 byte (0xE9, "é") in the text of definition (1), line 6
	sed -i '6s/a device/a d\xe9vice/' $A/article-002.md
	want_status=1
	want_diag="^mini/articles/article-002\.md:6: error: .*UTF-8"
	;;
nul-byte)
	# a NUL byte in the middle of paragraph 1 of Article 1, line 4
	sed -i '4s/lays down/lays\x00down/' $A/article-001.md
	want_status=1
	want_diag="^mini/articles/article-001\.md:4: error: .*NUL"
	;;
no-heading)
	# "# Recital 2" (line 2) becomes a plain paragraph
	sed -i '2s/^# //' $R/recital-002.md
	want_status=1
	want_diag="^mini/recitals/recital-002\.md:2: error: .*heading"
	;;
unknown-kind)
	sed -i '2s/^# Article 4: .*/# Chapter 5/' $A/article-004.md
	want_status=1
	want_diag="^mini/articles/article-004\.md:2: error: .*unknown unit kind.*Chapter"
	;;
duplicate-unit)
	# article-004.md claims Article 3, which article-003.md is
	sed -i '2s/^# Article 4: /# Article 3: /' $A/article-004.md
	want_status=1
	want_diag="^mini/articles/article-004\.md:2: error: .*art-3"
	;;
dangling-relation)
	# Recital 3 relates to Article 9, which the regulation does not have (line 8)
	sed -i '8s|/en/mini/article-4|/en/mini/article-9|' $R/recital-003.md
	want_status=1
	want_diag="^mini/recitals/recital-003\.md:8: error: .*art-9"
	;;
empty-page)
	: >$X/annex-02.md
	want_status=1
	want_diag="^mini/annexes/annex-02\.md:1: error: .*empty"
	;;
binary-file)
	# a PNG header where Annex I's page should be: "\211PNG\r\n" "\032\n" then, on
	# line 3, a NUL byte
	printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\000\001' >$X/annex-01.md
	want_status=1
	want_diag="^mini/annexes/annex-01\.md:3: error: .*(binary|NUL)"
	;;
oversize)
	# the page limit is 1 MiB (PAGE_MAX_BYTES): Article 3's page padded past it
	head -c 1048576 /dev/zero | tr '\000' 'x' >>$A/article-003.md
	want_status=1
	want_diag="^mini/articles/article-003\.md: error: .*limit"
	;;
symlink-loop)
	# Article 2's page is a symbolic link to itself (README: exit status 3)
	rm $A/article-002.md
	ln -s article-002.md $A/article-002.md
	want_status=3
	want_diag="^mini/articles/article-002\.md: error: .*(loop|symbolic link)"
	;;
missing-page)
	rm $A/article-003.md
	want_status=1
	want_diag="^mini/articles/article-003\.md: error: .*missing"
	;;
extra-page)
	# a fifth article the manifest (count="4") does not promise
	sed '2s/^# Article 4: /# Article 5: /' $A/article-004.md >$A/article-005.md
	want_status=1
	want_diag="^mini/articles/article-005\.md: error: "
	;;
control-char)
	# issue 18: ESC (a terminal's "clear screen"), VT, BEL and FF in a page: XML 1.0
	# forbids them, so they are an error with line and column (the ESC is the 25th
	# character of line 4), never written raw into graph.xml
	sed -i '4s/lays down/lays \x1b[2J\x0b\x07\x0c down/' $A/article-001.md
	grep -q "$(printf '\033')" $A/article-001.md || { echo "FAIL [$class]: setup: page not edited"; exit 1; }
	want_status=1
	want_diag="^mini/articles/article-001\.md:4:25: error: control character U\+001B: XML 1\.0 forbids it"
	;;
fifo-page)
	# issue 18: a FIFO where a page should be is refused at once (it was opened
	# blocking and regdoc waited for a writer for ever); ctest's TIMEOUT catches a hang
	rm $A/article-003.md
	mkfifo $A/article-003.md
	want_status=1
	want_diag="^mini/articles/article-003\.md: error: not a regular file \(a FIFO\): refused"
	;;
leading-zeros)
	# issue 18: "Article 000000004" would name Article 4: a heading number with leading
	# zeros is an error
	sed -i '2s/^# Article 4:/# Article 000000004:/' $A/article-004.md
	grep -q '^# Article 000000004:' $A/article-004.md || { echo "FAIL [$class]: setup: page not edited"; exit 1; }
	want_status=1
	want_diag="^mini/articles/article-004\.md:2: error: heading number '000000004' has leading zeros"
	;;
invisible-title)
	# issue 18: a right-to-left override in a title (it displays "Subject" reversed
	# after it): kept, with a warning; -W makes it an error
	sed -i '2s/Subject matter/Subject \xe2\x80\xae matter/' $A/article-001.md
	args=-W
	want_status=1
	want_diag="^mini/articles/article-001\.md:2: error: invisible character U\+202E \(bidirectional control or zero-width\) in a heading"
	;;
*)
	echo "run.sh: unknown class '$class'; classes:" $classes >&2
	exit 2
	;;
esac

${REGDOC_WRAPPER:-} "$regdoc" $args build mini -o out >run.out 2>run.err
status=$?

[ "$status" = "$want_status" ] || failed "exit status $status, expected $want_status"
grep -Eq -- "$want_diag" run.err || failed "no diagnostic matching /$want_diag/"
after=$(tree_sum out)
[ "$before" = "$after" ] || failed "the previous output in out/ changed"
left=$(find . -name '*.tmp-*' -print)
[ -z "$left" ] || failed "temporary output left behind: $left"

if [ "$fail" != 0 ]; then
	echo "--- stderr of: regdoc build mini -o out"
	cat run.err
	exit 1
fi
echo "ok [$class]: exit $status; $(grep -Em1 -- "$want_diag" run.err)"
exit 0
