#!/bin/sh
# Golden test of the cross-regulation links of the library fixture tests/fixtures/library
# (two made-up regulations, alpha and beta, that cite each other by CELEX number and by
# an alias phrase; tests/README.md, "The library fixture").
#
# usage: tests/golden/run_library.sh REGDOC_BINARY     (run from the source tree's root;
#        ctest does: ctest -R golden.library)
#
# Runs `regdoc build tests/fixtures/library -o … --validate` from the source root and
# compares, byte for byte, with tests/golden/library/:
#   links.xml      the links document (every edge from one regulation into the other)
#   cites.txt      every <cite> of both graphs that names another regulation or act, or
#                  cites alpha or beta by number (one per line: REGULATION<TAB>the
#                  element), in document order
#   diagnostics    stderr (the dangling and the coarsened cross-regulation citation)
# showing `diff -u` on a difference; a second run must write the same bytes.
#
# Regenerate after an intended change (then review `git diff tests/golden/library`):
#     REGDOC_REGEN=1 ctest -R golden.library        (from the build directory)
# $REGDOC_WRAPPER (e.g. valgrind) is put in front of the regdoc command when set.
set -u
regdoc=${1:?usage: run_library.sh REGDOC_BINARY}
golden=tests/golden/library
fixture=tests/fixtures/library

if [ ! -f "$fixture/alpha/manifest.xml" ]; then
	echo "run_library.sh: run me from the source root (no $fixture/alpha/manifest.xml here)" >&2
	exit 2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/regdoc-golden-lib.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM

run() { # run OUTDIR ERR: regdoc build of the fixture library; prints the exit status
	${REGDOC_WRAPPER:-} "$regdoc" build -q "$fixture" -o "$1" --validate 2>"$2"
	echo $?
}

cites() { # cites OUTDIR: the <cite> elements that name another act, per regulation
	for reg in alpha beta; do
		grep -o '<cite [^>]*>[^<]*</cite>' "$1/$reg/graph.xml" |
			grep -E 'cite (to="[a-z0-9_-]+:|act=)|[Rr]egulation \(EU\) 2099/' | sed "s/^/$reg	/"
	done
}

status=$(run "$work/out" "$work/diagnostics")
if [ "$status" != 0 ]; then
	echo "FAIL: regdoc build $fixture exited with $status (expected 0); diagnostics:"
	cat "$work/diagnostics"
	exit 1
fi
cp "$work/out/links.xml" "$work/links.xml"
cites "$work/out" >"$work/cites.txt"

if [ "${REGDOC_REGEN:-}" = 1 ]; then
	mkdir -p "$golden"
	for f in links.xml cites.txt diagnostics; do
		cp "$work/$f" "$golden/$f"
	done
	echo "regenerated $golden/: review with git diff $golden"
	exit 0
fi

fail=0
for f in links.xml cites.txt diagnostics; do
	if [ ! -f "$golden/$f" ]; then
		echo "FAIL: $golden/$f is missing (REGDOC_REGEN=1 ctest -R golden.library makes it)"
		fail=1
	elif ! cmp -s "$golden/$f" "$work/$f"; then
		echo "FAIL: $f differs from $golden/$f (- golden, + this run):"
		diff -u "$golden/$f" "$work/$f"
		fail=1
	fi
done

# determinism: a second run writes the same bytes, every file of the library (but the
# stat cache, this machine's record of the inputs: doc/cache.md)
status=$(run "$work/again" "$work/again.err")
if [ "$status" != 0 ] || ! diff -r -x .regdoc-stat "$work/out" "$work/again" >"$work/again.diff"; then
	echo "FAIL: a second run (exit $status) did not write a byte-identical library:"
	head -40 "$work/again.diff"
	fail=1
fi
[ "$fail" = 0 ] && echo "ok: the links of $fixture match $golden/"
exit "$fail"
