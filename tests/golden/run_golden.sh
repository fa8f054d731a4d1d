#!/bin/sh
# Golden test of the graph of the fixture corpus tests/fixtures/mini.
#
# usage: tests/golden/run_golden.sh REGDOC_BINARY     (run from the source tree's root;
#        ctest does: ctest -R golden.graph)
#
# Runs `regdoc graph tests/fixtures/mini -o …` from the source root (so the src
# attributes are relative paths) and compares, byte for byte, the graph with
# tests/golden/graph/mini.graph.xml and the diagnostics with
# tests/golden/graph/mini.diagnostics, showing `diff -u` on a difference. The graph
# must also come out byte-identical from a second run.
#
# Regenerate after an intended change (then review `git diff tests/golden`):
#     REGDOC_REGEN=1 ctest -R golden.graph        (from the build directory)
# $REGDOC_WRAPPER (e.g. valgrind) is put in front of the regdoc command when set.
set -u
regdoc=${1:?usage: run_golden.sh REGDOC_BINARY}
golden=tests/golden/graph
fixture=tests/fixtures/mini

if [ ! -f "$fixture/manifest.xml" ]; then
	echo "run_golden.sh: run me from the source root (no $fixture/manifest.xml here)" >&2
	exit 2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/regdoc-golden.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM

run() { # run OUT ERR: regdoc graph of the fixture; prints the exit status
	${REGDOC_WRAPPER:-} "$regdoc" graph "$fixture" -o "$1" 2>"$2"
	echo $?
}

status=$(run "$work/mini.graph.xml" "$work/mini.diagnostics")
if [ "$status" != 0 ]; then
	echo "FAIL: regdoc graph $fixture exited with $status (expected 0); diagnostics:"
	cat "$work/mini.diagnostics"
	exit 1
fi

if [ "${REGDOC_REGEN:-}" = 1 ]; then
	mkdir -p "$golden"
	cp "$work/mini.graph.xml" "$golden/mini.graph.xml"
	cp "$work/mini.diagnostics" "$golden/mini.diagnostics"
	echo "regenerated $golden/mini.graph.xml and $golden/mini.diagnostics: review with git diff"
	exit 0
fi

fail=0
for f in mini.graph.xml mini.diagnostics; do
	if [ ! -f "$golden/$f" ]; then
		echo "FAIL: $golden/$f is missing (REGDOC_REGEN=1 ctest -R golden.graph makes it)"
		fail=1
	elif ! cmp -s "$golden/$f" "$work/$f"; then
		echo "FAIL: $f differs from $golden/$f (- golden, + this run):"
		diff -u "$golden/$f" "$work/$f"
		fail=1
	fi
done

# determinism: a second run writes the same bytes
status=$(run "$work/again.graph.xml" "$work/again.diagnostics")
if [ "$status" != 0 ] || ! cmp -s "$work/mini.graph.xml" "$work/again.graph.xml"; then
	echo "FAIL: a second run (exit $status) did not write a byte-identical graph:"
	diff -u "$work/mini.graph.xml" "$work/again.graph.xml"
	fail=1
fi
[ "$fail" = 0 ] && echo "ok: the graph of $fixture matches $golden/mini.graph.xml"
exit "$fail"
