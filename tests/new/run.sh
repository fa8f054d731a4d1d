#!/bin/sh
# regdoc new PRODUCT.xml: the questionnaire (templates/questionnaire.xml; issue 9).
#
#   roundtrip  every example product of corpus/ai-act/products can be described through
#              the questionnaire: its facts become `--set ID=VALUE` answers
#              (answers_from_product.py), `regdoc new --batch` writes a product that is
#              valid against product.rng, and `regdoc assess` gives it the same
#              conclusions (classification, route, procedure, assessor, ...) and the same
#              checklist items as the example. So the questions cover every branch the
#              rules know, and no question the rules need is ever skipped.
#   amended    the questions of the amended text (Art. 5(1a), 6(1a)-(1c), 3(14b)) are asked
#              only where the law needs them: for example products that need one, a
#              --set of it is used; for products that do not, it is "not used".
#   stdin      answers piped in, one per line (tests/new/*.answers): the product file
#              is byte for byte tests/new/*.expected.xml (a wrong question order or a
#              question not skipped shifts the answers and fails), and the route printed
#              is the rules' (Annex VI for HireRank; the provider's choice, Annex VII and
#              the market surveillance authority of Article 74(8) for a biometric system).
#              Also: Enter takes the default, y/n and upper case are accepted.
#   errors     a bad answer (stdin:LINE: error naming the question), answers that end too
#              early, an unknown --set ID, an existing file without --force (untouched),
#              and a --set answer to a question that is never asked (a warning): exit 1
#              and nothing written, except the warning case; --force replaces a file.
#   back       "back" undoes the previous answer, any number of times: a wrong name
#              undone, three answers undone in a row, and "no" to "Is it an AI system?"
#              (which skips every AI Act question after it) undone and answered "yes":
#              the product is byte for byte tests/new/hirerank.expected.xml; "back"
#              before any answer is an error naming its line
#   help       "?" prints the law's text of the provision the question cites and the
#              Article 3 definitions of the terms it uses, from the graphs: for an AI
#              Act question the AI Act's, for a Cyber Resilience Act question the CRA's
#              Article 3 (cra:art-3.N), never the AI Act's; and every question of
#              templates/questionnaire.xml cites a provision the graphs have
#   type-errors an answer of the wrong type gets the message of its fact in
#              product.rng: a support period in years "five" (or 3.8e25) is "a number
#              written with digits ..., 0 or more", not "a number such as 3.8e25"
#   batch-all  --batch reports every question without an answer in one run (name,
#              version, provider, ... all of them), not one per run
#   cra-route  a product with digital elements: the route printed ends with the Cyber
#              Resilience Act's conclusions after the AI Act's
#   pty        a person at a terminal (util-linux `script` gives regdoc a pseudo-terminal):
#              prompts, each question citing its provision ("Article 5(1)(a) [art-5.1.a]"),
#              in the order the law decides (Article 2, 5, 6(1), 6(2), 6(3), 40, 43(1),
#              50, Recital 78), help on "?", a wrong answer asked again, skipped questions
#              never shown; then the route; and Ctrl-C stops it with nothing written.
#
# usage: tests/new/run.sh CASE REGDOC_BINARY        (from the source root)
# $REGDOC_WRAPPER (e.g. valgrind) is put in front of every regdoc command.
set -u
case_=${1:?usage: run.sh roundtrip|amended|stdin|errors|back|help|type-errors|batch-all|cra-route|pty REGDOC}
regdoc=${2:?usage: run.sh CASE REGDOC}
src=$(pwd)
[ -f "$src/templates/questionnaire.xml" ] || { echo "run.sh: run me from the source root" >&2; exit 2; }
case "$regdoc" in /*) ;; *) regdoc=$src/$regdoc ;; esac
here=$src/tests/new
reg=$src/corpus/ai-act
work=$(mktemp -d "${TMPDIR:-/tmp}/regdoc-new.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM
cd "$work" || exit 2
fail=0
failed() { echo "FAIL [$case_]: $*"; fail=1; }
rd() { ${REGDOC_WRAPPER:-} "$regdoc" "$@"; }
# the diagnostics that matter (the corpus's own citation warnings are not about this)
errs() { grep -v "warning: '" "$1" | grep -v "cites .*, which does not exist" || true; }

# conclusions (name=value, sorted) and checklist item ids of an assessment.xml
signature() {
	python3 - "$1" <<'EOF'
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
for n, v in sorted((c.get('name'), c.get('value')) for c in r.iter('conclusion')):
    print('conclusion %s=%s' % (n, v))
for i in r.iter('item'):
    print('item %s' % i.get('id'))
EOF
}

case "$case_" in
roundtrip)
	n=0
	for p in "$reg"/products/*.xml; do
		id=$(basename "$p" .xml)
		n=$((n + 1))
		python3 "$here/answers_from_product.py" "$src/templates/questionnaire.xml" "$p" >"$id.sets" ||
			{ failed "$id: cannot derive the answers"; continue; }
		set --
		while IFS= read -r a; do set -- "$@" --set "$a"; done <"$id.sets"
		if ! rd new "$id.xml" --batch --regulation "$reg" "$@" >"$id.out" 2>"$id.err"; then
			failed "$id: regdoc new --batch exited non-zero:"; errs "$id.err" | head -5; continue
		fi
		xmllint --noout --relaxng "$src/templates/schema/product.rng" "$id.xml" 2>"$id.lint" ||
			{ failed "$id: the new product is not valid:"; head -3 "$id.lint"; }
		rd assess "$p" -o "ex-$id" >/dev/null 2>&1 || { failed "$id: the example does not assess"; continue; }
		rd assess "$id.xml" --regulation "$reg" -o "new-$id" >/dev/null 2>"$id.aerr" ||
			{ failed "$id: the new product does not assess:"; errs "$id.aerr" | head -5; continue; }
		signature "ex-$id/assessment.xml" >"$id.want"
		signature "new-$id/assessment.xml" >"$id.got"
		if ! cmp -s "$id.want" "$id.got"; then
			failed "$id: the questionnaire's product is assessed differently from the example:"
			diff "$id.want" "$id.got" | head -10
		fi
		grep -q "^  Classification: " "$id.out" || failed "$id: no route printed"
	done
	[ $n -ge 19 ] || failed "only $n example products"
	[ $fail = 0 ] && echo "roundtrip: $n example products described through the questionnaire"
	;;
amended)
	# the questions of the amended text (Regulation (EU) 2026/1744) are asked only where
	# the law needs their answer: an extra --set of a question never asked is "not used"
	# asked PRODUCT QUESTION=VALUE yes|no
	asked() {
		python3 "$here/answers_from_product.py" "$src/templates/questionnaire.xml" "$reg/products/$1.xml" >"$1.sets" ||
			{ failed "$1: cannot derive the answers"; return; }
		set -- "$1" "$2" "$3" --set "$2"
		while IFS= read -r a; do
			case "$a" in "${2%%=*}="*) ;; *) set -- "$@" --set "$a" ;; esac
		done <"$1.sets"
		p=$1 q=$2 want=$3
		shift 3
		rd new "a-$p.xml" --batch --force --regulation "$reg" "$@" >/dev/null 2>"$p.err"
		if grep -q "warning: --set $q: not used" "$p.err"; then got=no; else got=yes; fi
		[ "$got" = "$want" ] || failed "$p: --set $q: asked=$got, want $want"
	}
	# Art. 6(1a): only for a safety component of an Annex I product
	asked liftwise-energy-optimiser solely-non-safety=yes yes
	asked radiolink-spectrum-gateway solely-non-safety=no no
	asked hirerank-cv-screening solely-non-safety=no no
	# Art. 6(1b): only when 6(1a) would apply
	asked liftwise-energy-optimiser failure-endangers=no yes
	asked pressguard-machinery-vision failure-endangers=no no
	# Art. 6(1c): only for an Annex I product with third-party assessment
	asked radiolink-spectrum-gateway third-party-other-risks-only=yes yes
	asked hirerank-cv-screening third-party-other-risks-only=no no
	# Art. 5(1a)(a)(ii): safeguards only when the material is a foreseeable outcome
	asked pixelforge-image-generator imagery-safeguards=yes yes
	asked hirerank-cv-screening imagery-safeguards=no no
	# Art. 3(14b), 11(1): SMC only when not an SME
	asked staffsense-smc-recruiting smc=yes yes
	asked hirerank-cv-screening smc=no no
	[ $fail = 0 ] && echo "amended: the new questions are asked where they matter and only there"
	;;
stdin)
	for t in hirerank biometric; do
		if ! rd new "$t.xml" --regulation "$reg" <"$here/$t.answers" >"$t.out" 2>"$t.err"; then
			failed "$t: exited non-zero:"; errs "$t.err" | head -5; continue
		fi
		if ! cmp -s "$here/$t.expected.xml" "$t.xml"; then
			failed "$t.xml differs from tests/new/$t.expected.xml:"; diff -u "$here/$t.expected.xml" "$t.xml" | head -30
		fi
		[ -z "$(errs "$t.err")" ] || { failed "$t: diagnostics:"; errs "$t.err" | head; }
		grep -q "^Wrote $t.xml (valid against product.rng)" "$t.out" || failed "$t: no 'Wrote' line"
		grep -q '\[' "$t.out" && failed "$t: prompts printed although stdin is not a terminal"
	done
	grep -q "^  Conformity assessment route (Article 43): Annex VI: internal control" hirerank.out ||
		{ failed "hirerank: the route printed is not Annex VI:"; cat hirerank.out; }
	grep -q "^  Conformity assessment route (Article 43): Provider's choice" biometric.out ||
		{ failed "biometric: the route printed is not the provider's choice:"; cat biometric.out; }
	grep -q "^  Who assesses (Article 43): The market surveillance authority of Article 74(8)" biometric.out ||
		failed "biometric: the assessor printed is not the authority of Article 74(8)"
	;;
errors)
	# a bad answer: line 5 is "maybe" for "Is the provider established in the Union?"
	sed '5s/.*/maybe/' "$here/hirerank.answers" >bad.answers
	rd new bad.xml --regulation "$reg" <bad.answers >bad.out 2>bad.err
	st=$?
	[ $st = 1 ] || failed "bad answer: exit $st, want 1"
	grep -q "^stdin:5: error: question \"established-in-union\": 'maybe': answer yes or no" bad.err ||
		{ failed "bad answer: no stdin:5 diagnostic:"; errs bad.err; }
	[ ! -e bad.xml ] || failed "bad answer: a file was written"
	# the answers end too early
	head -21 "$here/hirerank.answers" >short.answers
	rd new short.xml --regulation "$reg" <short.answers >/dev/null 2>short.err
	st=$?
	[ $st = 1 ] || failed "short answers: exit $st, want 1"
	grep -q "^stdin: error: the answers ended before question \"emotion-recognition-workplace\"" short.err ||
		{ failed "short answers: no diagnostic naming the question:"; errs short.err; }
	[ ! -e short.xml ] || failed "short answers: a file was written"
	ls -a | grep -q 'tmp-' && failed "a temporary file was left behind"
	# an unknown --set
	rd new x.xml --regulation "$reg" --set no-such-question=yes <"$here/hirerank.answers" >/dev/null 2>set.err
	st=$?
	[ $st = 1 ] || failed "--set unknown: exit $st, want 1"
	grep -q "error: --set no-such-question=yes: no question has that id" set.err || { failed "--set unknown: no diagnostic"; errs set.err; }
	[ ! -e x.xml ] || failed "--set unknown: a file was written"
	# an existing file is not replaced without --force
	echo "precious" >keep.xml
	rd new keep.xml --regulation "$reg" <"$here/hirerank.answers" >/dev/null 2>keep.err
	st=$?
	[ $st = 1 ] || failed "existing file: exit $st, want 1"
	grep -q "keep.xml: error: exists: not overwritten" keep.err || { failed "existing file: no diagnostic"; errs keep.err; }
	[ "$(cat keep.xml)" = precious ] || failed "existing file: it was changed"
	rd new keep.xml --force --regulation "$reg" <"$here/hirerank.answers" >/dev/null 2>force.err ||
		{ failed "--force: exited non-zero"; errs force.err; }
	cmp -s keep.xml "$here/hirerank.expected.xml" || failed "--force: the file was not replaced"
	# a --set for a question that is never asked (Article 2(1)(c) once eu-market=yes): a warning
	rd new w.xml --regulation "$reg" --set output-used-in-eu=no <"$here/hirerank.answers" >/dev/null 2>w.err ||
		{ failed "unused --set: exited non-zero"; errs w.err; }
	grep -q "warning: --set output-used-in-eu=no: not used: the question does not apply" w.err ||
		{ failed "unused --set: no warning"; errs w.err; }
	# --set answers a question in advance: it is not read from stdin (the id line is gone)
	sed 1d "$here/hirerank.answers" >noid.answers
	rd new preset.xml --regulation "$reg" --set id=hirerank-cv-screening <noid.answers >/dev/null 2>p.err ||
		{ failed "--set id: exited non-zero"; errs p.err; }
	cmp -s preset.xml "$here/hirerank.expected.xml" || failed "--set id: the product differs"
	# --batch with nothing given: the first question without a default is reported
	rd new b.xml --batch --regulation "$reg" >/dev/null 2>b.err </dev/null
	st=$?
	[ $st = 1 ] || failed "--batch without answers: exit $st, want 1"
	grep -q "error: question \"name\" has no default: answer it with --set name=VALUE" b.err ||
		{ failed "--batch: no diagnostic for the first unanswered question"; errs b.err; }
	;;
back)
	# a wrong name undone; three answers undone in a row; "ai-system: no" undone
	# (sme no, smc no, no placing-on-market date: three answers undone)
	awk 'NR==2 { print "Wrong Name"; print "back" }
	     NR==6 { print "no"; print "no"; print ""; print "back"; print "back"; print "back"
	           }
	     NR==9 { print "no"; print "back" } { print }' "$here/hirerank.answers" >back.answers
	rd new back.xml --regulation "$reg" <back.answers >back.out 2>back.err ||
		{ failed "answers with back: exited non-zero"; errs back.err; }
	cmp -s back.xml "$here/hirerank.expected.xml" ||
		{ failed "after back: the product differs from hirerank.expected.xml"; diff -u "$here/hirerank.expected.xml" back.xml | head -20; }
	printf 'back\n' | rd new b2.xml --regulation "$reg" >/dev/null 2>b2.err
	st=$?
	[ $st = 1 ] || failed "back first: exit $st, want 1"
	grep -q "^stdin:1: error: question \"id\": 'back': there is no earlier answer to undo" b2.err ||
		{ failed "back first: no diagnostic"; errs b2.err; }
	;;
help)
	# "?" at the first question (Annex IV 1(a)), at "Is it an AI system?" (Article 3(1)),
	# and at "Is it a product with digital elements?" (Recital 78, CRA Article 3(1))
	awk 'NR==1 { print "?" } NR==9 { print "?" } { print }' "$here/hirerank.answers" >h.answers
	rd new h.xml --regulation "$reg" <h.answers >h.out 2>h.err || { failed "help: exited non-zero"; errs h.err; }
	for want in '  The law: Annex IV, point 1(a) \[ai-act:anx-4.1.a\]: its intended purpose, the' \
	            "    \[ai-act:art-3.3\] ‘provider’ means a natural or legal person" \
	            '  The law: Article 3(1) \[ai-act:art-3.1\]: ‘AI system’ means a'; do
		grep -q "$want" h.out || { failed "help: no line '$want'"; head -40 h.out; }
	done
	printf 'x\nX\n1\nP\nyes\nno\nno\n\nP.\nno\nno\n?\n' | rd new c.xml --regulation "$reg" >c.out 2>/dev/null
	grep -q '  The law: Cyber Resilience Act Article 3(1) \[cra:art-3.1\]: ‘product with' c.out ||
		{ failed "help: no CRA Article 3(1) text"; cat c.out; }
	grep -q '    \[cra:art-3.4\] ‘software’ means' c.out || failed "help: a CRA term is not defined by the CRA's Article 3"
	grep -q 'ai-act:art-3.*product with digital' c.out && failed "help: a CRA term defined by the AI Act"
	# every question's cite resolves: no "(not in the graph)" in any help (help of all)
	python3 - "$src/templates/questionnaire.xml" <<'PY' || failed "a question without a provision to show"
import sys, xml.etree.ElementTree as ET
bad = [q.get('id') for q in ET.parse(sys.argv[1]).getroot().iter('question') if q.find('cite') is None]
print('questions without a cite:', bad) if bad else None
sys.exit(1 if bad else 0)
PY
	;;
type-errors)
	printf 'x\nX\n1\nP\nyes\nno\nno\n\nP.\nno\nno\nyes\n\ndefault\nfive\n' | rd new t.xml --regulation "$reg" >/dev/null 2>t.err
	grep -q "^stdin:15: error: question \"cra-support-period\": 'five': expected a number written with digits and a decimal point (such as 3 or 2.5), 0 or more" t.err ||
		{ failed "support period 'five': not the schema's message"; errs t.err; }
	grep -q '3.8e25' t.err && failed "a support period in years explained with 3.8e25"
	printf 'x\nX\n1\nP\nyes\nno\nno\n\nP.\nno\nno\nyes\n\ndefault\n3.8e25\n' | rd new t2.xml --regulation "$reg" >/dev/null 2>t2.err
	grep -q "'3.8e25': expected a number written with digits and a decimal point" t2.err ||
		{ failed "support period 3.8e25: accepted or not the schema's message"; errs t2.err; }
	;;
batch-all)
	rd new b.xml --batch --regulation "$reg" --set name=N >/dev/null 2>b.err </dev/null
	st=$?
	[ $st = 1 ] || failed "--batch: exit $st, want 1"
	for q in version provider established-in-union intended-purpose ai-system gpai-model digital-elements; do
		grep -q "error: question \"$q\" has no default: answer it with --set $q=VALUE" b.err ||
			{ failed "--batch: $q not reported"; errs b.err; }
	done
	grep -q 'question "name"' b.err && failed "--batch: the answered name reported"
	[ ! -e b.xml ] || failed "--batch: a file was written"
	;;
cra-route)
	printf 'x\nX\n1\nP\nyes\nno\nno\n\nP.\nno\nno\nyes\n\ndefault\n5\n' | rd new r.xml --regulation "$reg" >r.out 2>r.err ||
		{ failed "cra product: exited non-zero"; errs r.err; }
	grep -q '^  Classification: Outside the scope of the AI Act' r.out || { failed "no AI Act classification"; cat r.out; }
	grep -q '^  Cyber Resilience Act: conformity assessment procedures (Article 32): ' r.out ||
		{ failed "no CRA route printed"; cat r.out; }
	a=$(grep -n '^  Classification:' r.out | cut -d: -f1)
	c=$(grep -n '^  Cyber Resilience Act: conformity' r.out | cut -d: -f1)
	[ -n "$a" ] && [ -n "$c" ] && [ "$a" -lt "$c" ] || failed "the CRA route is not after the AI Act's"
	;;
pty)
	if ! command -v script >/dev/null 2>&1; then
		[ "${CI:-}" = true ] && { echo "FAIL: no script(1) (util-linux; CI=true: no skipping)"; exit 1; }
		echo "SKIP: no script(1) (util-linux)"; exit 77
	fi
	# A person at a terminal. The answers are typed ahead into the pseudo-terminal (its
	# line discipline keeps them until regdoc reads); stdin stays open until regdoc ends.
	cat >typed <<'EOF'
?
gatekeeper-face-id
GateKeeper Face ID
1.0
Gatekeeper Systems SA (Lyon, FR)
maybe
yes
no


Identifies persons at a distance from video against a watch list.
yes
no
yes
no
no
no


no
no
no
no
no
no
no
no
no
no
no
1a
no
none
exist
full
no
none
annex-vii
law-enforcement immigration

no
no
no
no
no
no
no
EOF
	# on_pty INPUT-COMMAND TRANSCRIPT REGDOC-ARGS...: run regdoc on a pseudo-terminal; once
	# it shows its first prompt, INPUT-COMMAND types (input sent before the terminal is
	# set up would be lost); the input stays open until script(1) has written its last
	# line ("Script done ... [COMMAND_EXIT_CODE="N"]"). Sets $status to N.
	on_pty() {
		feed=$1 ts=$2
		shift 2
		rm -f "$ts"
		( i=0; while ! grep -q '^> ' "$ts" 2>/dev/null && ! grep -q '^Script done' "$ts" 2>/dev/null && [ $i -lt 6000 ]; do
			sleep 0.1; i=$((i + 1)); done
		  $feed; i=0; while ! grep -q '^Script done' "$ts" 2>/dev/null && [ $i -lt 6000 ]; do
			sleep 0.1; i=$((i + 1)); done ) |
			script -qfec "${REGDOC_WRAPPER:-} '$regdoc' $*" "$ts" >/dev/null 2>&1
		status=$(sed -n 's/.*COMMAND_EXIT_CODE="\([0-9]*\)".*/\1/p' "$ts" | tail -1)
	}
	type_all() { cat typed; }
	type_some() { head -12 typed; sleep 2; printf '\003'; }
	on_pty type_all transcript new pty.xml --regulation "'$reg'"
	tr -d '\r' <transcript >t.txt
	[ "$status" = 0 ] || { failed "regdoc new on a terminal exited '$status', not 0:"; tail -20 t.txt; }
	cmp -s pty.xml "$here/biometric.expected.xml" ||
		{ failed "the product written on a terminal differs from tests/new/biometric.expected.xml"; diff -u "$here/biometric.expected.xml" pty.xml | head -20; }
	for want in 'Describe a product for the AI Act' '== Prohibited AI practices (Article 5) ==' \
	            '(1) Annex IV, point 1(a) \[anx-4.1.a\]' 'Article 5(1)(a) \[art-5.1.a\]' \
	            'Article 6(2) \[art-6.2\]; Annex III \[anx-3\]' '\[yes/no; ?: help; back: undo the previous answer\]' \
	            '\[yes/no; Enter: no; ?: help; back: undo' '  The law: Annex IV, point 1(a) \[ai-act:anx-4.1.a\]: its intended purpose' \
	            '  answer yes or no\.' 'Cyber Resilience Act Article 3(1) \[cra:art-3.1\]' \
	            "Conformity assessment route (Article 43): Provider's choice"; do
		grep -q "$want" t.txt || failed "the transcript lacks: $want"
	done
	# asked again after "maybe": the question shows twice
	[ "$(grep -c 'Article 22(1) \[art-22.1\]' t.txt)" = 2 ] || failed "the question was not asked again after a wrong answer"
	# skipped: Article 2(1)(c) (placed on the market), the 6(3) conditions' follow-ups, Annex I details
	for never in 'art-2.1.c\]' 'anx-1.A\]' 'art-5.1.h.i\]' 'art-43.4.sub2\]' 'art-51.2\]'; do
		grep -q "$never" t.txt && failed "a question that no longer matters was asked: $never"
	done
	# the order the law decides things
	prev=0
	for step in 'art-2.1.a\]' 'art-5.1.a\]' 'art-6.1.a\]' 'anx-3\]' 'art-6.3.sub3\]' 'art-40.1\]' \
	            'art-43.1.sub3\]' 'art-43.4\]' 'art-50.1\]' 'rec-78\]'; do
		at=$(grep -n "$step" t.txt | head -1 | cut -d: -f1)
		if [ -z "$at" ]; then failed "no question citing $step"; continue; fi
		[ "$at" -gt "$prev" ] || failed "the question citing $step comes before an earlier provision's"
		prev=$at
	done
	# Ctrl-C half way: nothing written, no temporary file
	on_pty type_some transcript2 new int.xml --regulation "'$reg'"
	[ -n "$status" ] && [ "$status" != 0 ] || failed "Ctrl-C: regdoc new exited '$status'"
	grep -q '\^C' transcript2 || failed "Ctrl-C: it was not typed"
	[ ! -e int.xml ] || failed "Ctrl-C: a file was written"
	ls -a | grep -q 'int.xml.tmp' && failed "Ctrl-C: a temporary file was left behind"
	;;
*)
	echo "run.sh: roundtrip, stdin, errors or pty, not '$case_'" >&2; exit 2 ;;
esac
[ $fail = 0 ] && echo "new $case_: passed"
exit $fail
