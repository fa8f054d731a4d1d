#!/bin/sh
# The Flat OpenDocument outputs open in LibreOffice: assess products and convert
# checklist.fodt and the documentation template (annex-iv.fodt, annex-vii.fodt) to PDF
# with `soffice --headless --convert-to pdf`.
# Skipped (exit 77) when soffice is not installed (.ci/run installs
# libreoffice-writer-nogui); under CI=true that is a failure, never a skip.
#
# usage: tests/e2e/fodt_pdf.sh REGDOC_BINARY     (from the source root)
set -u
regdoc=${1:?usage: fodt_pdf.sh REGDOC_BINARY}
if ! command -v soffice >/dev/null 2>&1; then
	[ "${CI:-}" = true ] && { echo "FAIL: soffice not installed (CI=true: no skipping)"; exit 1; }
	echo "soffice not installed: skipped"
	exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/regdoc-fodt.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM
# an AI Act product, a combined AI Act + Cyber Resilience Act product (its template has
# both annexes) and a product for the Cyber Resilience Act alone (annex-vii.fodt)
fail=0
count=0
for product in corpus/ai-act/products/police-live-facial-recognition.xml \
               corpus/ai-act/products/gridsentinel-critical-infrastructure.xml \
               corpus/cra/products/bastion-firewall-appliance.xml; do
	id=$(basename "$product" .xml)
	if ! "$regdoc" assess "$product" -o "$work/$id" 2>"$work/err"; then
		echo "FAIL: regdoc assess $product"; cat "$work/err"; exit 1
	fi
	doc=$(cd "$work/$id" && ls annex-*.fodt | sed 's/\.fodt$//')
	# a private profile: no state shared with a user's LibreOffice, no first-start dialogs
	HOME=$work/home timeout 300 soffice --headless --norestore \
		"-env:UserInstallation=file://$work/profile" \
		--convert-to pdf --outdir "$work/pdf/$id" "$work/$id/checklist.fodt" "$work/$id/$doc.fodt" \
		>"$work/soffice.log" 2>&1
	for f in checklist $doc; do
		count=$((count + 1))
		pdf=$work/pdf/$id/$f.pdf
		if [ ! -s "$pdf" ] || [ "$(head -c 5 "$pdf")" != "%PDF-" ]; then
			echo "FAIL: $id/$f.fodt did not convert to PDF"; fail=1
			cat "$work/soffice.log"
		fi
	done
done
if [ $fail = 0 ]; then echo "$count passed, 0 failed"; fi
exit $fail
