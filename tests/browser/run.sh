#!/bin/sh
# Real-browser test of the AI Act site (ctest -R e2e.site.browser).
#
# usage: tests/browser/run.sh REGDOC_BINARY OUT_DIR     (run from the source root)
#
# Builds the library with `regdoc build corpus -o OUT_DIR/lib --stage=site` (the AI Act
# in its versions, the other regulations, their sites), then runs
# tests/browser/site.test.js (playwright-core driving /usr/bin/chromium) over the AI Act's
# site OUT_DIR/lib/ai-act/site, which saves its screenshots in OUT_DIR. Exits 77 (ctest: skipped) only when /usr/bin/chromium or
# node is missing. playwright-core comes from tests/browser/node_modules; when that is
# missing, `npm ci` installs the version pinned in package-lock.json.
set -u
regdoc=${1:?usage: run.sh REGDOC_BINARY OUT_DIR}
out=${2:?usage: run.sh REGDOC_BINARY OUT_DIR}
here=$(cd "$(dirname "$0")" && pwd)

if [ ! -x /usr/bin/chromium ]; then
	echo "SKIP: /usr/bin/chromium is missing (apt-get install chromium)"
	exit 77
fi
if ! command -v node >/dev/null 2>&1; then
	echo "SKIP: node is missing"
	exit 77
fi
if [ ! -d "$here/node_modules/playwright-core" ]; then
	echo "installing playwright-core (npm ci in $here)"
	(cd "$here" && npm ci --no-audit --no-fund --loglevel=error) || {
		echo "FAIL: npm ci in $here failed"
		exit 1
	}
fi
rm -rf "$out"
mkdir -p "$out" || exit 1
if ! "$regdoc" build corpus -o "$out/lib" --stage=site; then
	echo "FAIL: regdoc build corpus failed"
	exit 1
fi
exec node "$here/site.test.js" "$out/lib" "$out"
