#!/bin/sh
# SIGTERM during a run: the temporary output is removed and the previous output stays
# byte-identical (SECURITY.md, "Signals").
#
# usage: tests/hostile/signal.sh MODE REGDOC_BINARY
#   loop    deterministic: a --templates copy whose site stylesheet loops (nested
#           for-each, no document loaded, no file written), so `regdoc build` runs half
#           way (its temporary folder made, graph.xml written) and then for ever;
#           SIGTERM then. Expected: killed by SIGTERM (status 143) within seconds,
#           "interrupted by signal 15" on stderr, the previous output intact, no
#           temporary folder left. (A FIFO is refused at once now: tests/faults.)
#   corpus  the real corpus: `regdoc build corpus -o out` over a previous output that
#           differs from what this run builds, SIGTERM after 0.05 s ... 2.5 s. Each run
#           must end in one of the two consistent states: interrupted (status 143,
#           previous output byte-identical; "interrupted by signal 15" unless the
#           signal came before regdoc could catch it) or finished (the complete new output,
#           identical to a reference build; status 0, or 143 when the signal came after
#           the swap); never a mix, never a temporary folder left.
# $REGDOC_WRAPPER (e.g. valgrind) is put in front of the regdoc run that is signalled.
set -u
mode=${1:-}
regdoc=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if [ -z "$mode" ] || [ -z "$regdoc" ]; then
	echo "usage: signal.sh loop|corpus REGDOC_BINARY" >&2
	exit 2
fi
case "$regdoc" in /*) ;; *) regdoc=$(pwd)/$regdoc ;; esac

work=$(mktemp -d "${TMPDIR:-/tmp}/regdoc-signal.XXXXXX") || exit 2
work=$(cd "$work" && pwd -P)
pid=
cleanup() {
	[ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 2' HUP INT TERM
cd "$work" || exit 2

fail=0
failed() { echo "FAIL [signal $mode]: $*"; fail=1; }
tree_sum() {
	(cd "$1" && find . -print | LC_ALL=C sort && find . -type f -print0 | LC_ALL=C sort -z |
		xargs -0 sha256sum) | sha256sum
}
# the output without .regdoc-stat, this machine's record of when the build read its
# inputs (doc/cache.md, "The stat cache"): two builds of the same input differ there only
output_sum() {
	(cd "$1" && find . ! -name .regdoc-stat -print | LC_ALL=C sort &&
		find . -type f ! -name .regdoc-stat -print0 | LC_ALL=C sort -z |
		xargs -0 sha256sum) | sha256sum
}
no_tmp_left() {
	left=$(find "$work" \( -name '*.tmp-*' -o -name '*.old-*' \) -print)
	[ -z "$left" ] || failed "temporary output left behind: $left"
}

case "$mode" in
loop)
	cp -R "$root/tests/fixtures/mini" mini
	"$regdoc" build mini -o out >setup.out 2>setup.err || { cat setup.err; exit 1; }
	before=$(tree_sum out)
	cp -R "$root/templates" T
	# a template that loops (four nested for-each over every node: billions of
	# instructions) without loading a document or writing a file: only the step hook
	# of src/render/xslt_load.c sees the signal
	sed -i "s|<xsl:template match=\"regulation\" mode=\"site\">|&\\
    <xsl:for-each select=\"//node()\"><xsl:for-each select=\"//node()\"><xsl:for-each select=\"//node()\"><xsl:for-each select=\"//node()\"><xsl:if test=\"false()\"><p/></xsl:if></xsl:for-each></xsl:for-each></xsl:for-each></xsl:for-each>|" T/site/site.xsl
	grep -q 'for-each select="//node()"' T/site/site.xsl || { echo "FAIL: setup: stylesheet not edited"; exit 1; }
	${REGDOC_WRAPPER:-} "$regdoc" build --templates T mini -o out >run.out 2>run.err &
	pid=$!
	# wait until the run is half way: its temporary folder exists (valgrind is slow)
	i=0
	while [ -z "$(find out -maxdepth 1 -name 'mini.tmp-*' -print)" ] && [ $i -lt 1200 ]; do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
		i=$((i + 1))
	done
	[ -n "$(find out -maxdepth 1 -name 'mini.tmp-*' -print)" ] || failed "the run never got half way"
	sleep 0.5 # into the loop
	kill -TERM "$pid"
	i=0
	while kill -0 "$pid" 2>/dev/null && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -0 "$pid" 2>/dev/null && failed "still running 30 s after SIGTERM: the loop did not see the signal"
	wait "$pid"
	status=$?
	pid=
	[ "$status" = 143 ] || failed "exit status $status, expected 143 (killed by SIGTERM)"
	grep -q "^regdoc: error: interrupted by signal 15: stopping; the previous output is left as it was" run.err ||
		failed "no 'interrupted by signal 15' diagnostic"
	[ "$(tree_sum out)" = "$before" ] || failed "the previous output in out/ changed"
	no_tmp_left
	[ "$fail" = 0 ] && echo "ok [signal loop]: status $status; $(grep -m1 interrupted run.err)"
	;;
corpus)
	cp -R "$root/corpus" corpus
	page=corpus/ai-act/articles/article-001.md
	# the previous output: built from a corpus that says something else in Article 1
	sed -i 's/lays down/LAYS DOWN (previous build)/' $page
	grep -q 'previous build' $page || { echo "FAIL: setup: page not edited"; exit 1; }
	"$regdoc" build corpus -o prev >setup.out 2>setup.err || { cat setup.err; exit 1; }
	cp "$root/corpus/ai-act/articles/article-001.md" $page
	"$regdoc" build corpus -o ref >setup.out 2>setup.err || { cat setup.err; exit 1; }
	prevsum=$(tree_sum prev)
	refsum=$(output_sum ref)
	[ "$(output_sum prev)" != "$refsum" ] || { echo "FAIL: setup: previous and new output are the same"; exit 1; }
	interrupted=0 caught=0 finished=0
	for delay in 0.05 0.1 0.2 0.4 0.7 1.0 1.5 2.5; do
		rm -rf out
		# -p: the files as old as the build left them (a copy made a tick after the
		# manifest would be "changed since regdoc build wrote it", build/written.h)
		cp -Rp prev out
		${REGDOC_WRAPPER:-} "$regdoc" build corpus -o out >run.out 2>run.err &
		pid=$!
		sleep $delay
		kill -TERM "$pid" 2>/dev/null
		wait "$pid"
		status=$?
		pid=
		sum=$(tree_sum out)
		if [ "$sum" = "$prevsum" ] && [ "$status" = 143 ]; then
			# no message when the signal came before regdoc could catch it (a slow
			# $REGDOC_WRAPPER still starting): killed outright, nothing written yet
			interrupted=$((interrupted + 1))
			grep -q "interrupted by signal 15" run.err && caught=$((caught + 1))
		elif [ "$(output_sum out)" = "$refsum" ] && { [ "$status" = 0 ] || [ "$status" = 143 ]; }; then
			finished=$((finished + 1))
		else
			failed "after ${delay}s: exit status $status and an output that is neither the previous one nor the new one"
			grep -v 'warning:' run.err | head -5
		fi
		no_tmp_left
	done
	[ "$fail" = 0 ] && echo "ok [signal corpus]: $interrupted runs interrupted (previous output intact; $caught of them stopped by regdoc itself), $finished finished (new output complete)"
	;;
*)
	echo "signal.sh: unknown mode '$mode'" >&2
	exit 2
	;;
esac
exit $fail
