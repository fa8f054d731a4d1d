#!/bin/sh
# Evaluation of the computed relations (README, "Computed relations").
#
# usage: tests/e2e/eval_suggest.sh REGDOC EVAL_SUGGEST [REGULATION_DIR] [EVAL OPTIONS...]
#        (run from the source root; ctest -R e2e.suggest does)
#
# Builds the graph of the regulation (default corpus/ai-act), then scores it again with
# eval_suggest — the scorer never reads edges, so each recital is scored without its
# sourced relations: a leave-one-out evaluation — and prints recall@3, recall@5 and
# precision@3 for recitals and for articles/annexes against the relates-to pairs.
# Without extra options it is the regression guard: it fails when recall@5 of the
# recitals is below GUARD (0.904 reached on the AI Act, minus 0.05).
# The CRA report of the README: eval_suggest.sh REGDOC EVAL corpus/cra --report art-7,…
# $REGDOC_WRAPPER (e.g. valgrind) is put in front of the regdoc command when set.
set -u
GUARD=0.854
regdoc=${1:?usage: eval_suggest.sh REGDOC EVAL_SUGGEST [REGULATION_DIR] [OPTIONS...]}
eval=${2:?usage: eval_suggest.sh REGDOC EVAL_SUGGEST [REGULATION_DIR] [OPTIONS...]}
shift 2
reg=corpus/ai-act
if [ $# -gt 0 ]; then
	case $1 in -*) ;; *) reg=$1; shift ;; esac
fi
[ $# -gt 0 ] || set -- --min-recall5 "$GUARD"
if [ ! -f "$reg/manifest.xml" ] || [ ! -d templates/suggest ]; then
	echo "eval_suggest.sh: run me from the source root ($reg/manifest.xml, templates/suggest)" >&2
	exit 2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/regdoc-eval-suggest.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM

if ! ${REGDOC_WRAPPER:-} "$regdoc" graph "$reg" -o "$work/graph.xml" 2>"$work/err"; then
	echo "FAIL: regdoc graph $reg:"
	cat "$work/err"
	exit 1
fi
# the same word lists as the graph stage: the language's, then the regulation's own
lang=$(sed -n 's/.*<manifest [^>]*lang="\([A-Za-z]*\).*/\1/p' "$reg/manifest.xml" | head -n 1)
set -- --words "templates/suggest/$lang.txt" "$@"
[ -f "$reg/suggest-stopwords.txt" ] && set -- --words "$reg/suggest-stopwords.txt" "$@"
${REGDOC_WRAPPER:-} "$eval" "$@" "$work/graph.xml"
