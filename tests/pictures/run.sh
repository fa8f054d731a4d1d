#!/bin/sh
# The pictures (issue 9): `regdoc build corpus -o OUT`, then tests/pictures/check.py
# checks the product pages' decision diagrams (diagram) or the chapters' link maps
# (links-map) against assessment.xml and graph.xml (what each checks: check.py's help).
#
# usage: tests/pictures/run.sh diagram|links-map REGDOC_BINARY     (from the source root)
# $REGDOC_WRAPPER (e.g. valgrind) is put in front of the regdoc command.
set -u
what=${1:?usage: run.sh diagram|links-map REGDOC}
regdoc=${2:?usage: run.sh diagram|links-map REGDOC}
[ -d corpus/ai-act ] || { echo "run.sh: run me from the source root" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/regdoc-pictures.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM
if ! ${REGDOC_WRAPPER:-} "$regdoc" build corpus -o "$work/out" >"$work/out.log" 2>"$work/err.log"; then
	echo "FAIL: regdoc build corpus exited non-zero:"; grep -v "warning: '" "$work/err.log" | head -20
	exit 1
fi
python3 tests/pictures/check.py "$what" "$work/out"
