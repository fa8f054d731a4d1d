#!/bin/sh
# The man page doc/regdoc.1 (issue 9).
#   lint      `mandoc -Tlint` prints nothing (exit 77, skipped, without mandoc; a
#             failure under CI=true). Messages
#             about the local manual database (the system's own pages for .Xr are not
#             installed, as in Debian containers) are not about this page and are
#             ignored; everything else, down to STYLE, fails.
#   coverage  the page and the program agree: every command that `regdoc --help` lists
#             has an entry (.It Cm NAME) and a SYNOPSIS line, and `regdoc NAME --help`
#             works; every long option of `regdoc --help` and of each command's help is
#             in the page (Fl -NAME); the sections ENVIRONMENT (REGDOC_DATADIR,
#             SOURCE_DATE_EPOCH), FILES, EXIT STATUS (0-3), EXAMPLES and FILE FORMATS
#             (Manifest, Graph, Product, Rules, Relations) are there.
#
# usage: tests/man/check.sh lint|coverage REGDOC_BINARY     (from the source root)
# $REGDOC_WRAPPER (e.g. valgrind) is put in front of every regdoc command.
set -u
what=${1:?usage: check.sh lint|coverage REGDOC}
regdoc=${2:?usage: check.sh lint|coverage REGDOC}
page=doc/regdoc.1
[ -f "$page" ] || { echo "check.sh: run me from the source root (no $page)" >&2; exit 2; }
fail=0
failed() { echo "FAIL: $*"; fail=1; }

case "$what" in
lint)
	if ! command -v mandoc >/dev/null 2>&1; then
		[ "${CI:-}" = true ] && { echo "FAIL: mandoc is not installed (CI=true: no skipping)"; exit 1; }
		echo "SKIP: mandoc is not installed"; exit 77
	fi
	out=$(mandoc -Tlint -W style "$page" 2>&1 | grep -v 'outdated mandoc\.db\|mandoc\.db lacks')
	rc=$?
	if [ -n "$out" ]; then
		failed "mandoc -Tlint $page:"; echo "$out"
	fi
	# and it renders
	mandoc -Tmarkdown "$page" 2>/dev/null | grep -q '^# EXIT STATUS' || failed "mandoc -Tmarkdown does not render $page"
	: "$rc"
	;;
coverage)
	help=$(${REGDOC_WRAPPER:-} "$regdoc" --help) || failed "regdoc --help exited non-zero"
	cmds=$(printf '%s\n' "$help" | sed -n '/^Commands:/,/^$/p' | sed -n 's/^  \([a-z][a-z-]*\)\( .*\)\{0,1\}$/\1/p')
	[ -n "$cmds" ] || failed "no commands found in regdoc --help"
	for c in $cmds; do
		grep -q "^\.It Cm $c\( \|$\)" "$page" || failed "command '$c' has no '.It Cm $c' entry in $page"
		awk -v c="$c" '/^\.Sh SYNOPSIS/{s=1;next} /^\.Sh/{s=0} s && $0 == ".Cm " c {f=1} END{exit !f}' "$page" ||
			failed "command '$c' is not in the SYNOPSIS of $page"
		chelp=$(${REGDOC_WRAPPER:-} "$regdoc" "$c" --help) || failed "regdoc $c --help exited non-zero"
		printf '%s\n' "$chelp" | grep -q "^usage: regdoc $c" || failed "regdoc $c --help prints no usage line"
		help="$help
$chelp"
	done
	opts=$(printf '%s\n' "$help" | grep -o -- '--[a-z][a-z-]*' | sort -u)
	for o in $opts; do
		n=${o#--}
		grep -q "Fl -$n\b" "$page" || failed "option $o is not in $page"
	done
	for s in ENVIRONMENT FILES "EXIT STATUS" EXAMPLES "FILE FORMATS" SYNOPSIS DESCRIPTION; do
		grep -q "^\.Sh $s\$" "$page" || failed "no section $s in $page"
	done
	for s in Manifest Graph Product Rules Relations; do
		grep -q "^\.Ss $s\$" "$page" || failed "FILE FORMATS has no $s subsection"
	done
	for e in REGDOC_DATADIR SOURCE_DATE_EPOCH; do
		grep -q "^\.It Ev $e\$" "$page" || failed "ENVIRONMENT does not describe $e"
	done
	for x in 0 1 2 3; do
		awk -v x="$x" '/^\.Sh EXIT STATUS/{s=1;next} /^\.Sh/{s=0} s && $0 == ".It " x {f=1} END{exit !f}' "$page" ||
			failed "EXIT STATUS does not describe status $x"
	done
	;;
*)
	echo "check.sh: lint or coverage, not '$what'" >&2; exit 2 ;;
esac
[ $fail = 0 ] && echo "man $what: passed"
exit $fail
