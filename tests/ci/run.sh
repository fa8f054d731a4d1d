#!/bin/sh
# First contact (issue 17): README's commands and CI's rule that nothing passes by
# skipping. One check per run, from the source root.
#
# usage: tests/ci/run.sh CHECK [REGDOC_BINARY]
#   apt-readme     README's first command's package list (the `apt-get install -y ...`
#                  of "On a fresh machine") resolves: `apt-get install -s` (a simulation:
#                  nothing is installed, no root needed) exits 0. This is what failed on an
#                  image whose newer nodejs conflicts with Debian's npm. Needs apt's
#                  package lists (README's command runs apt-get update first); without
#                  them, or without apt-get, skipped (77), a failure under CI=true.
#   ci-installs    .ci/run installs exactly README's list (every package of it, nothing
#                  else, no other installer or download), on a line that fails the run
#                  when one cannot be installed (no `|| true`), and exports CI=true
#   no-skip-in-ci  the tests that skip when a tool is missing (browser, OpenDocument, man
#                  lint, the terminal questionnaire) or under a wrapper (the memory
#                  bound) skip (77) with CI unset, and fail (1) with CI=true
set -u
check=${1:?usage: run.sh CHECK [REGDOC]}
regdoc=${2:-}
[ -f README.md ] && [ -f .ci/run ] || { echo "run.sh: run me from the source root" >&2; exit 2; }
fail=0
failed() { echo "FAIL [$check]: $*"; fail=1; }
skip() {
	[ "${CI:-}" = true ] && { echo "FAIL [$check]: $* (CI=true: no skipping)"; exit 1; }
	echo "SKIP: $*"; exit 77
}
# the packages of README's first command: the words after `apt-get install -y` up to `&&`
readme_packages() {
	sed -n '/^## On a fresh machine/,/^## /p' README.md | grep -m1 'apt-get install -y' |
		sed 's/.*apt-get install -y //; s/ &&.*//'
}

case "$check" in
apt-readme)
	pkgs=$(readme_packages)
	[ -n "$pkgs" ] || { failed "no apt-get install -y line in README's 'On a fresh machine'"; exit 1; }
	command -v apt-get >/dev/null 2>&1 || skip "no apt-get here (not Debian)"
	ls /var/lib/apt/lists/*_Packages* >/dev/null 2>&1 || skip "no apt package lists (run apt-get update)"
	log=$(mktemp "${TMPDIR:-/tmp}/regdoc-apt.XXXXXX") || exit 2
	# shellcheck disable=SC2086
	if ! apt-get install -s $pkgs >"$log" 2>&1; then
		failed "apt cannot resolve README's package list:"
		grep -E '^ |^E:' "$log" | head -20
	fi
	rm -f "$log"
	echo "README's packages: $pkgs"
	;;
ci-installs)
	pkgs=$(readme_packages)
	grep -q '^export CI=true' .ci/run || failed ".ci/run does not export CI=true"
	grep -n '|| true' .ci/run | grep -i 'apt-get' && failed ".ci/run ignores a failed apt-get install"
	installs=$(sed -n '/^apt-get install/,/[^\\]$/p' .ci/run | tr '\\\n\t' '   ')
	for p in $pkgs; do
		case " $installs " in *" $p "*) ;; *) failed "README's package $p is not installed by .ci/run" ;; esac
	done
	# and nothing more: every package .ci/run installs is in README's list, and it has no
	# other install (a second apt-get install, pip, npm, a download)
	for p in $installs; do
		case "$p" in apt-get|install|-*|'>/dev/null') continue ;; esac
		case " $pkgs " in *" $p "*) ;; *) failed ".ci/run installs $p, which README's list lacks" ;; esac
	done
	n=$(grep -c 'apt-get install' .ci/run)
	[ "$n" = 1 ] || failed ".ci/run has $n apt-get install lines, not one"
	grep -nE '(^|[^a-z])(pip3?|npm|npx|curl|wget|snap|flatpak) ' .ci/run && failed ".ci/run installs or downloads something else"
	;;
no-skip-in-ci)
	[ -n "$regdoc" ] || { echo "no-skip-in-ci needs REGDOC_BINARY" >&2; exit 2; }
	work=$(mktemp -d "${TMPDIR:-/tmp}/regdoc-ci.XXXXXX") || exit 2
	trap 'rm -rf "$work"' EXIT HUP INT TERM
	mkdir "$work/bin"
	# a PATH with sh and the basic tools but without soffice, mandoc or script
	for t in sh dirname mkdir rm mktemp cat sed grep echo command python3 env; do
		p=$(command -v "$t" 2>/dev/null) && case "$p" in /*) ln -s "$p" "$work/bin/$t" ;; esac
	done
	expect() { # WANT CI-VALUE COMMAND...
		want=$1 ci=$2; shift 2
		if [ -n "$ci" ]; then CI=$ci "$@" >"$work/out" 2>&1; else env -u CI "$@" >"$work/out" 2>&1; fi
		got=$?
		[ "$got" = "$want" ] || { failed "CI=${ci:-unset} $*: exit $got, expected $want"; cat "$work/out"; }
	}
	expect 77 "" env CHROMIUM=/nonexistent/chromium sh tests/browser/run.sh "$regdoc" "$work/b"
	expect 1 true env CHROMIUM=/nonexistent/chromium sh tests/browser/run.sh "$regdoc" "$work/b"
	expect 77 "" env PATH="$work/bin" sh tests/e2e/fodt_pdf.sh "$regdoc"
	expect 1 true env PATH="$work/bin" sh tests/e2e/fodt_pdf.sh "$regdoc"
	expect 77 "" env PATH="$work/bin" sh tests/man/check.sh lint "$regdoc"
	expect 1 true env PATH="$work/bin" sh tests/man/check.sh lint "$regdoc"
	expect 77 "" env PATH="$work/bin" sh tests/new/run.sh pty "$regdoc"
	expect 1 true env PATH="$work/bin" sh tests/new/run.sh pty "$regdoc"
	# the memory bound's test under a wrapper (valgrind): the bound is off by design
	expect 77 "" env REGDOC_WRAPPER=env sh tests/faults/run.sh memory "$regdoc"
	expect 1 true env REGDOC_WRAPPER=env sh tests/faults/run.sh memory "$regdoc"
	;;
*)
	echo "run.sh: unknown check '$check'" >&2; exit 2 ;;
esac
[ "$fail" = 0 ] && echo "ci $check: passed"
exit "$fail"
