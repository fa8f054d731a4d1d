#!/bin/sh
# Real-browser test of the AI Act site (ctest -R e2e.site.browser).
#
# usage: tests/browser/run.sh REGDOC_BINARY OUT_DIR     (run from the source root)
#
# Builds the library with `regdoc build corpus -o OUT_DIR/lib --stage=site` (the AI Act
# in its versions, the amending act, the other regulations, their sites), then runs
# tests/browser/site_test.py over it (the AI Act's site OUT_DIR/lib/ai-act/site, the
# amending act's beside it): Debian's chromium (/usr/bin/chromium, or $CHROMIUM) driven
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
if ! "$regdoc" build corpus -o "$out/lib" --stage=site; then
	echo "FAIL: regdoc build corpus failed"
	exit 1
fi
exec python3 "$here/site_test.py" --chromium "$chromium" "$out/lib" "$out"
