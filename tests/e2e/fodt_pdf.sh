#!/bin/sh
# The Flat OpenDocument outputs open in LibreOffice: assess one product and convert
# checklist.fodt and annex-iv.fodt to PDF with `soffice --headless --convert-to pdf`.
# Skipped (exit 77) when soffice is not installed (.ci/run installs
# libreoffice-writer-nogui).
#
# usage: tests/e2e/fodt_pdf.sh REGDOC_BINARY     (from the source root)
set -u
regdoc=${1:?usage: fodt_pdf.sh REGDOC_BINARY}
if ! command -v soffice >/dev/null 2>&1; then
	echo "soffice not installed: skipped"
	exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/regdoc-fodt.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM
product=corpus/ai-act/products/police-live-facial-recognition.xml
if ! "$regdoc" assess "$product" -o "$work/out" 2>"$work/err"; then
	echo "FAIL: regdoc assess $product"; cat "$work/err"; exit 1
fi
# a private profile: no state shared with a user's LibreOffice, no first-start dialogs
HOME=$work/home timeout 300 soffice --headless --norestore \
	"-env:UserInstallation=file://$work/profile" \
	--convert-to pdf --outdir "$work/pdf" "$work/out/checklist.fodt" "$work/out/annex-iv.fodt" \
	>"$work/soffice.log" 2>&1
fail=0
for f in checklist annex-iv; do
	pdf=$work/pdf/$f.pdf
	if [ ! -s "$pdf" ] || [ "$(head -c 5 "$pdf")" != "%PDF-" ]; then
		echo "FAIL: $f.fodt did not convert to PDF"; fail=1
	fi
done
if [ $fail = 0 ]; then echo "2 passed, 0 failed"; else cat "$work/soffice.log"; fi
exit $fail
