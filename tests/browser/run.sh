#!/bin/sh
# Real-browser test of the AI Act site (ctest -R e2e.site.browser).
#
# usage: tests/browser/run.sh REGDOC_BINARY OUT_DIR     (run from the source root)
#
# Builds the AI Act site with `regdoc site corpus/ai-act -o OUT_DIR/site`, then runs
# tests/browser/site_test.py: Debian's chromium (/usr/bin/chromium, or $CHROMIUM) driven
# over the Chrome DevTools Protocol on a pipe, from Python 3's standard library alone (no
# Node, no npm, nothing downloaded). Screenshots go to OUT_DIR.
# Without chromium it exits 77 (ctest: skipped); under CI=true a missing chromium is a
# failure (exit 1): CI never passes by skipping.
set -u
regdoc=${1:?usage: run.sh REGDOC_BINARY OUT_DIR}
out=${2:?usage: run.sh REGDOC_BINARY OUT_DIR}
here=$(cd "$(dirname "$0")" && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}

skip() {
	if [ "${CI:-}" = true ]; then
		echo "FAIL: $* (CI=true: a test that would be skipped fails)"
		exit 1
	fi
	echo "SKIP: $*"
	exit 77
}
[ -x "$chromium" ] || skip "$chromium is missing (apt-get install chromium)"
command -v python3 >/dev/null 2>&1 || skip "python3 is missing"
rm -rf "$out"
mkdir -p "$out" || exit 1
if ! "$regdoc" site corpus/ai-act -o "$out/site"; then
	echo "FAIL: regdoc site corpus/ai-act failed"
	exit 1
fi
exec python3 "$here/site_test.py" --chromium "$chromium" "$out/site" "$out"
