#!/bin/sh
# Golden test of `regdoc diff corpus/ai-act`: what changed in the AI Act on 27 July 2026
# (its version 2026-07-27, Regulation (EU) 2026/1744), each change with the amending
# point of Article 1 of that Regulation (doc/diff.md, "Versions of one folder").
#
# usage: tests/golden/run_versions.sh REGDOC_BINARY     (run from the source tree's root;
#        ctest does: ctest -R golden.versions)
#
# Compares, byte for byte, with tests/golden/versions/ai-act.txt: the text report up to
# its example products (those follow the rules, issue 15; tests/diff covers them), and
# with ai-act.diagnostics (stderr); a second run must write the same bytes.
#
# Regenerate after an intended change (then review `git diff tests/golden/versions`):
#     REGDOC_REGEN=1 ctest -R golden.versions        (from the build directory)
# $REGDOC_WRAPPER (e.g. valgrind) is put in front of the regdoc command when set.
set -u
regdoc=${1:?usage: run_versions.sh REGDOC_BINARY}
golden=tests/golden/versions
if [ ! -f corpus/ai-act/manifest.xml ]; then
	echo "run_versions.sh: run me from the source root" >&2
	exit 2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/regdoc-golden-versions.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM

run() { # run N: the report (without its products) into $work/N.txt, stderr into N.err
	${REGDOC_WRAPPER:-} "$regdoc" diff corpus/ai-act >"$work/$1.full" 2>"$work/$1.err"
	st=$?
	if [ "$st" != 0 ]; then
		echo "FAIL: regdoc diff corpus/ai-act exited with $st; diagnostics:"
		cat "$work/$1.err"
		exit 1
	fi
	sed '/^  Example products/,$d' "$work/$1.full" >"$work/$1.txt"
}

run 1
run 2
cmp -s "$work/1.txt" "$work/2.txt" || { echo "FAIL: two runs differ"; exit 1; }
if [ "${REGDOC_REGEN:-}" = 1 ]; then
	cp "$work/1.txt" "$golden/ai-act.txt"
	cp "$work/1.err" "$golden/ai-act.diagnostics"
	echo "regenerated $golden"
	exit 0
fi
fail=0
diff -u "$golden/ai-act.txt" "$work/1.txt" || fail=1
diff -u "$golden/ai-act.diagnostics" "$work/1.err" || fail=1
[ "$fail" = 0 ] || echo "FAIL: regdoc diff corpus/ai-act differs from $golden (REGDOC_REGEN=1 to accept)"
exit $fail
