#!/bin/sh
# Golden test of the example products: for every corpus/ai-act/products/*.xml and
# corpus/cra/products/*.xml (product ids are unique over both),
#     regdoc assess PRODUCT -o DIR
# and compare, byte for byte, checklist.md, checklist.html and the technical
# documentation template in Markdown (annex-iv.md for the AI Act, also for a product
# assessed under the AI Act and the Cyber Resilience Act together; annex-vii.md for the
# Cyber Resilience Act alone) with tests/golden/products/<product-id>/, showing
# `diff -u` on a difference. The .fodt outputs must be well-formed XML (xmllint), and
# assessment.xml too.
#
# usage: tests/golden/run_products.sh REGDOC_BINARY     (from the source root;
#        ctest does: ctest -R golden.products)
#
# Regenerate after an intended change to rules, products or templates (then review
# `git diff tests/golden/products`):
#     REGDOC_REGEN=1 ctest -R golden.products        (from the build directory)
# $REGDOC_WRAPPER (e.g. valgrind) is put in front of the regdoc command when set.
set -u
regdoc=${1:?usage: run_products.sh REGDOC_BINARY}
golden=tests/golden/products
dirs="corpus/ai-act/products corpus/cra/products"

for products in $dirs; do
	if [ ! -d "$products" ]; then
		echo "run_products.sh: run me from the source root (no $products here)" >&2
		exit 2
	fi
done
work=$(mktemp -d "${TMPDIR:-/tmp}/regdoc-golden-products.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM

fail=0
count=0
for p in corpus/ai-act/products/*.xml corpus/cra/products/*.xml; do
	id=$(basename "$p" .xml)
	count=$((count + 1))
	if ! ${REGDOC_WRAPPER:-} "$regdoc" assess "$p" -o "$work/$id" 2>"$work/$id.err"; then
		echo "FAIL: regdoc assess $p exited non-zero:"
		cat "$work/$id.err"
		fail=1
		continue
	fi
	# the documentation template the rules declare: annex-iv or annex-vii
	doc=$(cd "$work/$id" && ls annex-*.md 2>/dev/null | sed 's/\.md$//')
	if [ -z "$doc" ]; then
		echo "FAIL: $id has no technical documentation template"
		fail=1
		continue
	fi
	files="checklist.md checklist.html $doc.md"
	for x in checklist.fodt $doc.fodt assessment.xml; do
		if ! xmllint --noout "$work/$id/$x" 2>"$work/xmllint.err"; then
			echo "FAIL: $id/$x is not well-formed:"
			cat "$work/xmllint.err"
			fail=1
		fi
	done
	if [ "${REGDOC_REGEN:-}" = 1 ]; then
		rm -rf "$golden/$id"
		mkdir -p "$golden/$id"
		for f in $files; do cp "$work/$id/$f" "$golden/$id/$f"; done
		continue
	fi
	for g in "$golden/$id"/*; do
		[ -f "$g" ] || continue
		case " $files " in
		*" $(basename "$g") "*) ;;
		*) echo "FAIL: $g is no longer written (REGDOC_REGEN=1 ctest -R golden.products)"; fail=1 ;;
		esac
	done
	for f in $files; do
		if [ ! -f "$golden/$id/$f" ]; then
			echo "FAIL: no golden $golden/$id/$f (REGDOC_REGEN=1 ctest -R golden.products)"
			fail=1
		elif ! cmp -s "$golden/$id/$f" "$work/$id/$f"; then
			echo "FAIL: $id/$f differs from $golden/$id/$f:"
			diff -u "$golden/$id/$f" "$work/$id/$f" | head -200
			fail=1
		fi
	done
done
# a golden folder whose product is gone
for g in "$golden"/*/; do
	[ -d "$g" ] || continue
	id=$(basename "$g")
	if [ ! -f "corpus/ai-act/products/$id.xml" ] && [ ! -f "corpus/cra/products/$id.xml" ]; then
		if [ "${REGDOC_REGEN:-}" = 1 ]; then rm -rf "$g"; else
			echo "FAIL: $golden/$id has no product corpus/*/products/$id.xml"
			fail=1
		fi
	fi
done
if [ "${REGDOC_REGEN:-}" = 1 ]; then
	echo "regenerated $count products into $golden"
	exit 0
fi
if [ $fail = 0 ]; then
	echo "$count passed, 0 failed"
else
	echo "golden products: FAILED"
fi
exit $fail
