#!/bin/sh
# Schema diagnostics in the writer's terms (issue 17; src/util/rngexplain.c): one case per
# message kind, each a copy of a good file with one mistake, run from the source root.
# Each case checks the exit status (1), the exact file:line message, and that none of
# libxml2's RELAX NG sentences reaches the user (they come only with -v, as notes).
#
# usage: tests/bad-input/run_schema.sh CASE REGDOC_BINARY
#   unknown-attribute   <provider estabished-in-union=...>: the allowed ones, "did you mean"
#   unknown-element     <nmae> in <product>: "did you mean <name>?", the allowed ones
#   missing-element     no <version>: why it is needed (the schema's comment: Annex IV 1(a))
#   missing-attribute   <provider> without established-in-union: why, the values it takes
#   bad-choice          sme="maybe": the allowed values
#   bad-number          cra-support-period-years="five": a number, 0 or more
#   not-empty           <name></name>: text, not empty
#   only-once           two <version>: may appear only once
#   no-elements         an element inside <name>: takes text, not elements
#   manifest            a manifest with a misspelt element and a bad numerals value
#   rules               a rule file with a bad mode and a misspelt attribute
#   verbose             -v adds the schema engine's message as a note
# $REGDOC_WRAPPER (e.g. valgrind) is put in front of every regdoc command when set.
set -u
case_=${1:?usage: run_schema.sh CASE REGDOC_BINARY}
regdoc=${2:?usage: run_schema.sh CASE REGDOC_BINARY}
[ -f corpus/ai-act/manifest.xml ] || { echo "run me from the source root" >&2; exit 2; }
case "$regdoc" in /*) ;; *) regdoc=$(pwd)/$regdoc ;; esac
root=$(pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/regdoc-schema.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM
good=corpus/ai-act/products/hirerank-cv-screening.xml
fail=0
failed() { echo "FAIL [$case_]: $*"; fail=1; }
product() { # SED-EXPRESSION: p.xml, the good product with one change
	sed "$1" "$root/$good" >"$work/p.xml"
	cmp -s "$root/$good" "$work/p.xml" && failed "the change '$1' changed nothing"
}
run() { # regdoc ARGS...: status in $status, stderr in $work/err
	(cd "$work" && ${REGDOC_WRAPPER:-} "$regdoc" "$@") >"$work/out" 2>"$work/err"
	status=$?
}
assess() { run assess p.xml --regulation "$root/corpus/ai-act" -o outdir "$@"; }
want() { # the exact start of one diagnostic line
	grep -qF -- "$1" "$work/err" || { failed "no diagnostic starting: $1"; cat "$work/err"; }
}
no_raw() {
	if grep -E "Invalid sequence|Expecting an element|failed to validate|extra content|Datatype element|Element [a-z-]+ |does not validate" "$work/err" | grep -v ": note: schema engine:" | grep -q .; then
		failed "a raw RELAX NG message reached the user:"; cat "$work/err"
	fi
}
case "$case_" in
unknown-attribute)
	product 's/established-in-union="yes"/estabished-in-union="yes"/'
	assess
	want "p.xml:7: error: unknown attribute estabished-in-union on <provider> (did you mean established-in-union?); allowed here: established-in-union, sme, micro-or-small, financial-institution"
	;;
unknown-element)
	product 's|<name>\(.*\)</name>|<nmae>\1</nmae>|'
	assess
	want "p.xml:5: error: unknown element <nmae> in <product> (did you mean <name>?); allowed here: <name>, <version>, <provider>,"
	grep -q "lacks <name>" "$work/err" && failed "the misspelt <name> reported again as missing"
	;;
missing-element)
	product '/<version>/d'
	assess
	want "p.xml:4: error: <product> lacks <version>, which is required: the version assessed, reflecting its relation to previous versions: the technical documentation states it (AI Act Annex IV, point 1(a))"
	;;
missing-attribute)
	product 's/ established-in-union="yes"//'
	assess
	want "p.xml:7: error: <provider> lacks the attribute established-in-union, which is required (one of: yes, no): a provider established outside the Union must appoint an authorised representative (AI Act Articles 22 and 54; CRA Article 18)"
	;;
bad-choice)
	product 's/sme="yes"/sme="maybe"/'
	assess
	want 'p.xml:7: error: bad value "maybe" for attribute sme of <provider>; allowed: yes, no'
	;;
bad-number)
	product 's|<history already-assessed="no"/>|<history already-assessed="no"/><cybersecurity product-with-digital-elements="yes" cra-support-period-years="five"/>|'
	assess
	want 'p.xml:20: error: bad value "five" for attribute cra-support-period-years of <cybersecurity>; expected a number written with digits and a decimal point (such as 3 or 2.5), 0 or more'
	;;
not-empty)
	product 's|<name>.*</name>|<name></name>|'
	assess
	want 'p.xml:5: error: bad value "" for <name>; expected text, not empty, at most 200 characters'
	;;
only-once)
	product 's|<version>4.2.0</version>|<version>4.2.0</version><version>4.3</version>|'
	assess
	want "p.xml:6: error: <version> may appear only once in <product>"
	;;
no-elements)
	product 's|<name>HireRank CV Screening</name>|<name><b>HireRank</b></name>|'
	assess
	want "p.xml:5: error: <name> takes text, not elements: <b> is not allowed in it"
	;;
manifest)
	cp -r "$root/tests/fixtures/mini" "$work/mini"
	sed -i -e 's|<celex>\(.*\)</celex>|<celx>\1</celx>|' -e 's/numerals="roman"/numerals="greek"/' "$work/mini/manifest.xml"
	run check mini
	want "mini/manifest.xml:7: error: unknown element <celx> in <manifest> (did you mean <celex>?); allowed here: <short-title>, <title>, <celex>,"
	want 'mini/manifest.xml:15: error: bad value "greek" for attribute numerals of <unit>; allowed: arabic, roman'
	# a required attribute whose type is xsd:language: said in words, never "()"
	cp -r "$root/tests/fixtures/mini" "$work/mini2"
	sed -i 's/<manifest id="mini" lang="en">/<manifest id="mini">/' "$work/mini2/manifest.xml"
	run check mini2
	want 'mini2/manifest.xml:4: error: <manifest> lacks the attribute lang, which is required (a language code such as en or pt-PT)'
	sed -i 's/<manifest id="mini">/<manifest id="mini" lang="e n">/' "$work/mini2/manifest.xml"
	run check mini2
	want 'mini2/manifest.xml:4: error: bad value "e n" for attribute lang of <manifest>; expected a language code such as en or pt-PT'
	grep -F '()' "$work/err" && failed "empty parentheses in a diagnostic"
	;;
rules)
	mkdir "$work/reg"
	cp -r "$root/corpus/ai-act/." "$work/reg/"
	sed -i '15s/mode="first"/mode="frist"/; 16s/<fact name="risk"/<fact nme="risk"/' "$work/reg/rules/20-route.xml"
	run assess "$root/$good" --regulation reg -o outdir
	want 'reg/rules/20-route.xml:15: error: bad value "frist" for attribute mode of <decision>; allowed: first, all'
	want "reg/rules/20-route.xml:16: error: unknown attribute nme on <fact> (did you mean name?); allowed here: name, is, in,"
	;;
verbose)
	product 's/sme="yes"/sme="maybe"/'
	assess -v
	want 'p.xml:7: error: bad value "maybe" for attribute sme of <provider>; allowed: yes, no'
	want "p.xml:7: note: schema engine: "
	;;
*)
	echo "run_schema.sh: unknown case '$case_'" >&2; exit 2 ;;
esac
[ "$status" = 1 ] || failed "exit status $status, expected 1"
no_raw
[ "$fail" = 0 ] && echo "schema diagnostic $case_: passed"
exit "$fail"
