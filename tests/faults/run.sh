#!/bin/sh
# System faults, one class per run (issue 18; SECURITY.md, "Faults"): what a full disk,
# a read-only file system, a second process, a killed process, a closed pipe or a
# FIFO does to every command that writes. Each class asserts the exit status, the
# diagnostic (a file named, every stderr line a diagnostic: no libxml2 "I/O error"
# without a file), that the previous output is byte-identical and that no temporary
# output (*.tmp-*, *.old-*) is left behind.
#
#   full-disk    a 16 MiB tmpfs holding the previous outputs, then filled: build, site,
#                assess, diff -o, graph -o, templates --export and new each fail with
#                exit 3 and "No space left on device" naming a file (diff -o used to
#                call fclose twice and abort)
#   read-only    the same tmpfs remounted read-only: exit 3, "Read-only file system",
#                nothing leaked ($REGDOC_WRAPPER=valgrind, or an ASan build, checks)
#   wrong-kind   -o naming an existing file (build, site, assess, diff, templates
#                --export) or folder (graph -o, new), a FIFO or a link to a device
#                (graph, site, assess, new --force): refused, exit 1, each intact
#   sigkill      a build killed with SIGKILL half way leaves its temporary folder; the
#                next build (any command writing there) removes it and builds whole
#   concurrent   two builds of a library (two regulations, links.xml, index.html) into
#                one folder at once: the second waits for the first ("another regdoc
#                is writing here"), both exit 0, the output is entirely the second's
#   sigpipe      stderr and stdout a pipe whose reader is gone: exit 3 (EPIPE is an I/O
#                error), not killed by SIGPIPE, no temporary output, previous intact
#   fifo         FIFOs where a manifest, a page, contents.md, a product, a rule file, a
#                sibling regulation's manifest, a template's static file and a file a
#                stylesheet reads with document() should be: refused at once with the
#                file named (each run under `timeout 60`: a hang fails)
#   memory       a template that doubles a string: stopped by the command's memory bound
#                (REGDOC_MEMORY_LIMIT_MB=256), exit 3, "out of memory"
#
# full-disk and read-only mount a tmpfs: they need root (CI runs as root). Without it
# they print why and exit 77 (skipped), or fail under CI=true. memory is skipped (77)
# when the bound is off by design: under $REGDOC_WRAPPER (valgrind) or a sanitizer
# build (SECURITY.md, "Limits"), a failure under CI=true; .ci/run keeps it out of
# those runs (label native-only), and the ordinary ctest run of CI runs it.
#
# usage: tests/faults/run.sh CLASS REGDOC_BINARY      (from anywhere)
set -u
class=${1:-}
regdoc=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
classes="full-disk read-only wrong-kind sigkill concurrent sigpipe fifo memory"
if [ -z "$class" ] || [ -z "$regdoc" ]; then
	echo "usage: run.sh CLASS REGDOC_BINARY; classes:" $classes >&2
	exit 2
fi
case "$regdoc" in /*) ;; *) regdoc=$(pwd)/$regdoc ;; esac

work=$(mktemp -d "${TMPDIR:-/tmp}/regdoc-faults.XXXXXX") || exit 2
work=$(cd "$work" && pwd -P)
mnt=
pids=
cleanup() {
	for p in $pids; do kill -KILL "$p" 2>/dev/null; done
	[ -n "$mnt" ] && umount "$mnt" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 2' HUP INT TERM
cd "$work" || exit 2

fail=0
failed() { echo "FAIL [$class]: $*"; fail=1; }
tree_sum() { # every path and byte but the stat cache's (this machine's record of the
	# inputs, doc/cache.md)
	(cd "$1" && find . ! -path ./.regdoc-stat -print | LC_ALL=C sort &&
		find . -type f ! -path ./.regdoc-stat -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) |
		sha256sum
}
# run ARGS...: regdoc under test (a hang is a failure: timeout); $status, run.err
limit=60
[ -n "${REGDOC_WRAPPER:-}" ] && limit=900 # valgrind is 30-50 times slower
wrap=${REGDOC_WRAPPER:-}
run() {
	timeout $limit $wrap "$regdoc" "$@" >run.out 2>run.err
	status=$?
	[ "$status" = 124 ] && failed "regdoc $* did not finish in $limit s"
	last="regdoc $*"
}
expect_status() { [ "$status" = "$1" ] || { failed "exit status $status, expected $1 ($last)"; sed 's/^/    /' run.err | head -5; }; }
expect_diag() { grep -Eq -- "$1" run.err || { failed "no diagnostic matching /$1/ ($last)"; sed 's/^/    /' run.err | head -5; }; }
# every line of stderr is a regdoc diagnostic (PATH[:LINE[:COL]]: level: or regdoc: level:)
expect_only_diags() {
	bad=$(grep -Ev '^([^ ]+(:[0-9]+)*: (error|warning|note)|regdoc: (error|warning|note)): ' run.err | head -3)
	[ -z "$bad" ] || failed "stderr lines that are not diagnostics ($last): $bad"
}
no_tmp_left() {
	left=$(find "$1" \( -name '*.tmp-*' -o -name '*.old-*' \) -print 2>/dev/null)
	[ -z "$left" ] || failed "temporary output left behind: $left"
}
need_root_mount() {
	why=
	if [ "$(id -u)" != 0 ]; then
		why="not root: cannot mount a tmpfs"
	else
		mkdir -p "$work/mnt"
		mount -t tmpfs -o size=16m,mode=0755 tmpfs "$work/mnt" 2>mount.err || why="mount -t tmpfs failed: $(cat mount.err)"
	fi
	if [ -n "$why" ]; then
		if [ "${CI:-}" = true ]; then
			echo "FAIL [$class]: $why (CI=true: this test must run)"
			exit 1
		fi
		echo "SKIP [$class]: $why"
		exit 77
	fi
	mnt=$work/mnt
}

# the inputs: the mini fixture, a changed copy (for diff), the AI Act's first product
cp -R "$root/tests/fixtures/mini" mini
cp -R "$root/tests/fixtures/mini" mini2
sed -i '2s/Subject matter and scope/Subject matter/' mini2/articles/article-001.md
product=$root/corpus/ai-act/products/hirerank-cv-screening.xml
reg=$root/corpus/ai-act
new_args() { # the answers that make `regdoc new` write the product above again
	python3 "$root/tests/new/answers_from_product.py" "$root/templates/questionnaire.xml" "$product" >"$work/sets.txt" ||
		{ echo "FAIL [$class]: setup: no answers"; exit 1; }
}
run_new() { # PRODUCT.xml: regdoc new --batch --force with those answers
	p=$1
	set --
	while IFS= read -r a; do set -- "$@" --set "$a"; done <"$work/sets.txt"
	run new "$p" --batch --force --regulation "$reg" "$@"
}

# every writing command, into DIR (previous outputs made by the first call)
cold=
writes() { # DIR: runs each command into DIR/<command>, calling check_one after each
	d=$1
	run build $cold mini -o "$d/build"; check_one build
	run site mini -o "$d/site"; check_one site
	run assess "$product" --regulation "$reg" -o "$d/assess"; check_one assess
	run diff mini mini2 -o "$d/diff"; check_one diff
	run graph mini -o "$d/graph.xml"; check_one graph
	run templates --export "$d/templates${2:-}"; check_one templates # a new folder each time
	run_new "$d/new.xml"; check_one new
}

case "$class" in
full-disk | read-only)
	need_root_mount
	new_args
	check_one() { [ "$status" = 0 ] || { failed "setup: $1 into the tmpfs failed ($status)"; sed 's/^/    /' run.err | head -5; }; }
	wrap= # the previous outputs: without valgrind (it checks the runs that fail)
	writes "$mnt"
	wrap=${REGDOC_WRAPPER:-}
	# a rebuild takes over the unchanged files by hard link (doc/cache.md), which a full
	# disk allows: --no-cache makes it write them
	cold=--no-cache
	before=$(tree_sum "$mnt")
	if [ "$class" = full-disk ]; then
		dd if=/dev/zero of="$mnt/fill" bs=4096 2>/dev/null
		before=$(tree_sum "$mnt")
		want="No space left on device"
	else
		mount -o remount,ro "$mnt" || { echo "FAIL [$class]: setup: remount,ro failed"; exit 1; }
		want="Read-only file system"
	fi
	check_one() {
		expect_status 3
		expect_diag "^$mnt/[^:]*: error: .*$want"
		expect_only_diags
	}
	writes "$mnt" 2
	[ "$(tree_sum "$mnt")" = "$before" ] || failed "the previous outputs on the full/read-only file system changed"
	no_tmp_left "$mnt"
	;;
wrong-kind)
	new_args
	mkdir u u/folder u/folder.xml
	echo "the user's file" >u/file
	echo "inside" >u/folder/keep
	sum=$(tree_sum u)
	for cmd in "build mini -o u/file" "site mini -o u/file" \
	           "assess $product --regulation $reg -o u/file" "diff mini mini2 -o u/file" \
	           "templates --export u/file"; do
		# shellcheck disable=SC2086
		run $cmd
		expect_status 1
		expect_diag "^u/file: error: exists and is not a folder"
	done
	run graph mini -o u/folder
	expect_status 1
	expect_diag "^u/folder: error: is a folder: refusing to replace it with a file"
	run_new u/folder.xml
	expect_status 1
	expect_diag "^u/folder\.xml: error: is a folder"
	[ "$(cat u/file)" = "the user's file" ] || failed "the file named by -o changed"
	[ "$(tree_sum u)" = "$sum" ] || failed "something was written beside or into them"
	# a FIFO, or a symbolic link to a device (as /dev/stdout is): never replaced by a
	# file or a folder (as root, `graph -o /dev/null` used to put a file in its place)
	mkdir s
	mkfifo s/pipe s/pipe.xml
	ln -s /dev/null s/null
	for cmd in "graph mini -o s/pipe" "graph mini -o s/null" "site mini -o s/pipe" \
	           "assess $product --regulation $reg -o s/null"; do
		# shellcheck disable=SC2086
		run $cmd
		expect_status 1
		expect_diag "^s/(pipe|null): error: is a (FIFO|device), not a regular (file|folder): refusing to replace it"
	done
	run_new s/pipe.xml
	expect_status 1
	expect_diag "^s/pipe\.xml: error: is a FIFO, not a regular file"
	[ -p s/pipe ] && [ -p s/pipe.xml ] && [ -L s/null ] || failed "a FIFO or a link to a device was replaced"
	;;
sigkill)
	cp -R "$root/templates" T
	sed -i "s|<xsl:template match=\"regulation\" mode=\"site\">|&\\
    <xsl:for-each select=\"//node()\"><xsl:for-each select=\"//node()\"><xsl:for-each select=\"//node()\"><xsl:for-each select=\"//node()\"><xsl:if test=\"false()\"><p/></xsl:if></xsl:for-each></xsl:for-each></xsl:for-each></xsl:for-each>|" T/site/site.xsl
	"$regdoc" build mini -o ref >/dev/null 2>&1 || { echo "FAIL [$class]: setup: no reference build"; exit 1; }
	"$regdoc" build mini2 -o out >/dev/null 2>&1 || { echo "FAIL [$class]: setup: no previous build"; exit 1; }
	"$regdoc" build --templates T mini -o out >/dev/null 2>&1 &
	pid=$!
	pids=$pid
	i=0
	while [ -z "$(find out -maxdepth 1 -name 'mini.tmp-*' -print)" ] && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	sleep 0.3
	kill -KILL "$pid"
	wait "$pid" 2>/dev/null
	pids=
	[ -n "$(find out -maxdepth 1 -name 'mini.tmp-*' -print)" ] ||
		failed "setup: no temporary folder left by the killed build (it did not get half way?)"
	run build mini -o out
	expect_status 0
	[ "$(tree_sum out/mini)" = "$(tree_sum ref/mini)" ] || failed "the rebuild differs from a clean build"
	no_tmp_left out
	;;
concurrent)
	lib=$root/tests/fixtures/library
	cp -R "$lib" libA
	cp -R "$lib" libB
	sed -i '2s/$/ (B)/' libB/alpha/articles/article-001.md
	"$regdoc" build libB -o refB >/dev/null 2>&1 || { echo "FAIL [$class]: setup: no reference build"; exit 1; }
	# A is slow (a template with a loop of some 10^6 steps), so that B starts while A runs
	cp -R "$root/templates" T
	sed -i "s|<xsl:template match=\"regulation\" mode=\"site\">|&\\
    <xsl:for-each select=\"(//node())[position() \&lt; 300]\"><xsl:for-each select=\"(//node())[position() \&lt; 300]\"><xsl:for-each select=\"(//node())[position() \&lt; 30]\"><xsl:if test=\"false()\"><p/></xsl:if></xsl:for-each></xsl:for-each></xsl:for-each>|" T/site/site.xsl
	${REGDOC_WRAPPER:-} "$regdoc" build --templates T libA -o out >a.out 2>a.err &
	a=$!
	pids=$a
	i=0
	while [ -z "$(find out -maxdepth 1 -name '*.tmp-*' -print 2>/dev/null)" ] && [ $i -lt 600 ]; do
		kill -0 "$a" 2>/dev/null || break
		sleep 0.05
		i=$((i + 1))
	done
	kill -0 "$a" 2>/dev/null || failed "setup: build A finished before B could start (make it slower)"
	run build libB -o out
	wait "$a"
	sa=$?
	pids=
	[ "$sa" = 0 ] || { failed "build A exit status $sa"; head -5 a.err; }
	expect_status 0
	expect_diag "^out: note: another regdoc is writing here: waiting for it to finish"
	[ "$(tree_sum out)" = "$(tree_sum refB)" ] || failed "the output is not entirely the second build's (a mix?)"
	no_tmp_left out
	;;
sigpipe)
	"$regdoc" build mini -o out >/dev/null 2>&1 || { echo "FAIL [$class]: setup: no previous build"; exit 1; }
	before=$(tree_sum out)
	# a pipe whose read end is closed before regdoc starts; regdoc gets SIGPIPE's
	# default action (subprocess restores it), as under a shell's `| head`
	closed_pipe() { # OUT|ERR ARGS...: regdoc with stdout or stderr into a closed pipe
		which=$1
		shift
		python3 - "$which" ${REGDOC_WRAPPER:-} "$regdoc" "$@" <<'EOF' >run.err 2>&1
import os, subprocess, sys
which, argv = sys.argv[1], sys.argv[2:]
r, w = os.pipe()
os.close(r)
err = open("pipe.err", "wb")
out = open("pipe.out", "wb")
p = subprocess.run(argv, stdout=w if which == "OUT" else out, stderr=w if which == "ERR" else err)
print("status", p.returncode)
EOF
		status=$(sed -n 's/^status //p' run.err)
		last="regdoc $* ($which into a closed pipe)"
	}
	closed_pipe ERR build mini -o out
	[ "$status" = 3 ] || failed "exit status $status, expected 3 ($last; -13 is death by SIGPIPE)"
	[ "$(tree_sum out)" = "$before" ] || failed "the previous output changed"
	no_tmp_left .
	closed_pipe OUT graph mini
	[ "$status" = 3 ] || failed "exit status $status, expected 3 ($last)"
	grep -q "standard output: error: cannot write: Broken pipe" pipe.err || failed "no diagnostic naming standard output ($last)"
	closed_pipe OUT links mini art-1
	[ "$status" = 3 ] || failed "exit status $status, expected 3 ($last)"
	;;
fifo)
	mkfifo_at() { rm -f "$1" && mkfifo "$1"; }
	cp -R mini m1 && mkfifo_at m1/manifest.xml
	run build m1 -o out
	expect_status 1
	expect_diag "^m1/manifest\.xml: error: not a regular file \(a FIFO\): refused"
	cp -R mini m2 && mkfifo_at m2/contents.md
	run check m2
	expect_status 1
	expect_diag "^m2/contents\.md: error: not a regular file \(a FIFO\)"
	cp -R mini m3 && mkfifo_at m3/recitals/recital-002.md
	run check m3
	expect_status 1
	expect_diag "^m3/recitals/recital-002\.md: error: not a regular file \(a FIFO\)"
	# a sibling regulation with a FIFO for its manifest: left out (quietly read), the
	# command on its neighbour runs
	cp -R "$root/tests/fixtures/library" lib
	mkfifo_at lib/beta/manifest.xml
	run graph lib/alpha -o alpha.xml
	expect_status 0
	# products and rules
	cp -R "$reg" ai
	mkfifo_at ai/products/fifo.xml
	run build ai -o out --stage=products
	expect_status 1
	expect_diag "^ai/products/fifo\.xml: error: not a regular file \(a FIFO\)"
	rm ai/products/fifo.xml
	mkfifo fifo-product.xml
	run assess fifo-product.xml --regulation ai -o p
	expect_status 1
	expect_diag "^fifo-product\.xml: error: not a regular file \(a FIFO\)"
	rule=$(ls ai/rules/*.xml | head -1)
	mkfifo_at "$rule"
	run assess "$product" --regulation ai -o p
	expect_status 1
	expect_diag "^$rule: error: not a regular file \(a FIFO\)"
	# templates: a static file (not copied, with a warning, as a symbolic link there
	# is), a file read by document()
	cp -R "$root/templates" T
	mkfifo_at T/site/static/print.css
	run build --templates T mini -o out
	expect_status 0
	expect_diag "^T/site/static/print\.css: warning: not a regular file: not copied into the site"
	cp -R "$root/templates" T2
	mkfifo T2/block.xml
	sed -i "s|<xsl:template match=\"regulation\" mode=\"site\">|&\\
    <xsl:if test=\"document('$work/T2/block.xml')\"><p/></xsl:if>|" T2/site/site.xsl
	run build --templates T2 mini -o out
	expect_status 1
	expect_diag "error: cannot load .*block\.xml: not a regular file \(a FIFO\)"
	expect_only_diags
	no_tmp_left .
	;;
memory)
	if [ -n "${REGDOC_WRAPPER:-}" ] || grep -q __asan_init "$regdoc" 2>/dev/null; then
		why="the memory bound is off under valgrind and sanitizers, by design (SECURITY.md)"
		# .ci/run keeps this test out of its sanitizer and valgrind runs (-LE native-only)
		[ "${CI:-}" = true ] && { echo "FAIL [$class]: $why (CI=true: no skipping)"; exit 1; }
		echo "SKIP [$class]: $why; the ordinary build runs this test"
		exit 77
	fi
	"$regdoc" build mini -o out >/dev/null 2>&1 || { echo "FAIL [$class]: setup: no previous build"; exit 1; }
	before=$(tree_sum out)
	cp -R "$root/templates" T
	sed -i 's|<xsl:template match="regulation" mode="site">|<xsl:template name="rd-double"><xsl:param name="s"/><xsl:param name="n"/><xsl:if test="$n \&lt; 40"><xsl:call-template name="rd-double"><xsl:with-param name="s" select="concat($s, $s)"/><xsl:with-param name="n" select="$n + 1"/></xsl:call-template></xsl:if></xsl:template>\n&<xsl:call-template name="rd-double"><xsl:with-param name="s" select="\x27xxxxxxxxxxxxxxxx\x27"/><xsl:with-param name="n" select="0"/></xsl:call-template>|' T/site/site.xsl
	grep -q rd-double T/site/site.xsl || { echo "FAIL [$class]: setup: stylesheet not edited"; exit 1; }
	REGDOC_MEMORY_LIMIT_MB=256 timeout 60 "$regdoc" build --templates T mini -o out >run.out 2>run.err
	status=$?
	last="REGDOC_MEMORY_LIMIT_MB=256 regdoc build --templates T mini -o out"
	expect_status 3
	expect_diag "^T/site/site\.xsl:[0-9]+: error: out of memory: the transform needs more than regdoc may use"
	expect_only_diags
	[ "$(tree_sum out)" = "$before" ] || failed "the previous output changed"
	no_tmp_left .
	;;
*)
	echo "run.sh: unknown class '$class'; classes:" $classes >&2
	exit 2
	;;
esac
[ "$fail" = 0 ] && echo "ok [$class]"
exit $fail
