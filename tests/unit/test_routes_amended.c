/*
 * test_routes_amended.c - the AI Act as amended by Regulation (EU) 2026/1744 (the
 * consolidated text 02024R1689-20260727, ../shared/corpus/ai-act-consolidated) as the
 * specification: fact combinations against the classification, route and assessor the
 * amended text gives, evaluated with the shipped rules over the graph of the latest
 * version. Each row cites the paragraph of the consolidated text that gives the answer.
 * The rows of the 2024 text stay in test_routes.c, run under that text.
 */
#define ROUTES_AS_OF NULL

/* Article 5(1) as amended: every point answered, (ba) and (bb) included */
#define NO_PRACTICES                                                                          \
	"<practices subliminal-manipulation=\"no\" exploits-vulnerabilities=\"no\" "              \
	"social-scoring=\"no\" crime-risk-profiling-only=\"no\" untargeted-facial-scraping=\"no\" " \
	"emotion-recognition-workplace-education=\"no\" biometric-categorisation-sensitive=\"no\" " \
	"realtime-rbi-public-law-enforcement=\"no\" intimate-imagery=\"no\" csam=\"no\"/>"
#define IMAGERY(extra)                                                                        \
	"<practices subliminal-manipulation=\"no\" exploits-vulnerabilities=\"no\" "              \
	"social-scoring=\"no\" crime-risk-profiling-only=\"no\" untargeted-facial-scraping=\"no\" " \
	"emotion-recognition-workplace-education=\"no\" biometric-categorisation-sensitive=\"no\" " \
	"realtime-rbi-public-law-enforcement=\"no\" " extra "/>"
#define III(a, p) "<annex-iii area=\"" a "\" point=\"" p "\"/><profiling natural-persons=\"no\"/><put-into-service-by authority=\"any\"/>"
#define BIO(who, standards)                                                                   \
	"<annex-iii area=\"1\" point=\"a\"/><profiling natural-persons=\"no\"/>"                  \
	"<put-into-service-by authority=\"" who "\"/><standards " standards "/>"
#define HS_FULL "harmonised=\"exist\" harmonised-applied=\"full\" restricted-part-relied-on=\"no\" common-specifications=\"none\""
#define HS_PART "harmonised=\"exist\" harmonised-applied=\"part\" restricted-part-relied-on=\"no\" common-specifications=\"none\""
/* an Annex I element: point, section, role, and the rest of its attributes */
#define ANNEX_I(point, section, role, rest)                                                   \
	"<annex-i point=\"" point "\" section=\"" section "\" role=\"" role "\" " rest ">Act</annex-i>"
#define SC_SAFETY "solely-non-safety=\"no\" "
#define TP_HEALTH "third-party-assessment=\"yes\" third-party-other-risks-only=\"no\" "
#define CRA_MET "<cybersecurity product-with-digital-elements=\"yes\" cra-class=\"default\" cra-essential-requirements-met=\"yes\" cra-declaration=\"yes\"/>"
#define CRA_NOT_MET "<cybersecurity product-with-digital-elements=\"yes\" cra-class=\"default\" cra-essential-requirements-met=\"no\"/>"

#define ROUTES_BASE_PRACTICES NO_PRACTICES
#include "routes_runner.h"

static const row rows[] = {
	/* ---- Article 5(1)(ba), (bb), 5(1a), 5(1b) ---- */
	{"Art. 5(1)(ba) with 5(1a)(a)(i): generating non-consensual intimate imagery is the intended purpose => prohibited",
	 OWN_PRACTICES, IMAGERY("intimate-imagery=\"intended\" csam=\"no\""),
	 "classification=prohibited prohibited=art-5.1.ba binding=2026-12-02 route=-"},
	{"Art. 5(1)(ba) with 5(1a)(a)(ii): a reasonably foreseeable and reproducible outcome without adequate safeguards => prohibited",
	 OWN_PRACTICES, IMAGERY("intimate-imagery=\"foreseeable\" csam=\"no\" imagery-safeguards=\"no\""),
	 "classification=prohibited prohibited=art-5.1.ba"},
	{"Art. 5(1a)(a)(ii): foreseeable outcome, but reasonable and adequate safeguards reliably prevent it => not prohibited",
	 OWN_PRACTICES, IMAGERY("intimate-imagery=\"foreseeable\" csam=\"foreseeable\" imagery-safeguards=\"yes\""),
	 "classification=minimal-risk prohibited=-"},
	{"Art. 5(1a)(b): the deployer uses the system for generating such material => the use is prohibited",
	 OWN_PRACTICES, IMAGERY("intimate-imagery=\"foreseeable\" csam=\"no\" imagery-safeguards=\"yes\" imagery-deployer-purpose=\"yes\""),
	 "classification=prohibited prohibited=art-5.1a.b"},
	{"Art. 5(1b): manipulation that does not increase exposure of intimate parts is not manipulation => (ba) does not apply",
	 OWN_PRACTICES, IMAGERY("intimate-imagery=\"intended\" csam=\"no\" no-increased-exposure=\"yes\""),
	 "classification=minimal-risk prohibited=-"},
	{"Art. 5(1)(bb) with 5(1a)(a)(i): child sexual abuse material (Directive 2011/93/EU Art. 2(c), (e)) as intended purpose => prohibited",
	 OWN_PRACTICES, IMAGERY("intimate-imagery=\"no\" csam=\"intended\""),
	 "classification=prohibited prohibited=art-5.1.bb binding=2026-12-02"},
	{"Art. 5(1)(bb): a 'without right' defence under national law applies => not prohibited",
	 OWN_PRACTICES, IMAGERY("intimate-imagery=\"no\" csam=\"intended\" without-right-defence=\"yes\""),
	 "prohibited=-"},
	{"Art. 5(1)(bb) with 5(1a)(a)(ii): foreseeable, no safeguards => prohibited",
	 OWN_PRACTICES, IMAGERY("intimate-imagery=\"no\" csam=\"foreseeable\" imagery-safeguards=\"no\""),
	 "classification=prohibited prohibited=art-5.1.bb"},
	{"Art. 113, third paragraph, point (a) as amended: the other prohibitions of Art. 5(1) apply from 2 February 2025 (5(1)(c) social scoring)",
	 OWN_PRACTICES, "<practices subliminal-manipulation=\"no\" exploits-vulnerabilities=\"no\" "
	 "social-scoring=\"yes\" crime-risk-profiling-only=\"no\" untargeted-facial-scraping=\"no\" "
	 "emotion-recognition-workplace-education=\"no\" biometric-categorisation-sensitive=\"no\" "
	 "realtime-rbi-public-law-enforcement=\"no\" intimate-imagery=\"no\" csam=\"no\"/>",
	 "classification=prohibited prohibited=art-5.1.c binding=2025-02-02"},

	/* ---- Article 6(1), 6(1a) to (1c) and Annex I as amended ---- */
	{"Annex I as amended: Section A point 1 deleted, machinery is Section B point 21; Art. 2(2) => only Art. 6(1), 60a, 102-112 apply",
	 0, ANNEX_I("1", "A", "safety-component", SC_SAFETY TP_HEALTH "opt-out-available=\"no\""),
	 "annex-i-section=B risk=high-risk-section-b classification=high-risk-section-b route=section-b assessor=sectoral registration=-"},
	{"Annex I Section B point 21 (Regulation (EU) 2023/1230) stated directly; Art. 6(1) + Art. 2(2) => Section B route; Art. 113(c)(ii): Chapter III Section 1 (Art. 6(1)) from 2 August 2028 for Annex I systems (Art. 113(d) dates only Arts. 102-110)",
	 0, ANNEX_I("21", "B", "safety-component", SC_SAFETY TP_HEALTH),
	 "risk=high-risk-section-b route=section-b binding=2028-08-02 application=annex-i"},
	{"Art. 6(1a): solely performance optimisation (lift energy optimiser), failure not endangering health and safety => not a safety component, not high-risk",
	 0, ANNEX_I("4", "A", "safety-component", "solely-non-safety=\"yes\" failure-endangers=\"no\" " TP_HEALTH "opt-out-available=\"no\""),
	 "risk=not-high-risk classification=minimal-risk route=-"},
	{"Art. 6(1b): non-safety aspects, but its failure would endanger health and safety => a safety component: Art. 6(1), 43(3)",
	 0, ANNEX_I("4", "A", "safety-component", "solely-non-safety=\"yes\" failure-endangers=\"yes\" " TP_HEALTH "opt-out-available=\"no\""),
	 "risk=high-risk-6-1 route=sectoral assessor=sectoral-notified-body binding=2028-08-02 application=annex-i"},
	{"Art. 6(1c): third-party assessment solely for radio spectrum (Directive 2014/53/EU) => 6(1)(b) not fulfilled, not high-risk",
	 0, ANNEX_I("6", "A", "product", "third-party-assessment=\"yes\" third-party-other-risks-only=\"yes\" opt-out-available=\"no\""),
	 "risk=not-high-risk classification=minimal-risk route=-"},
	{"Art. 6(1c) does not reach Annex III: spectrum-only third-party assessment but an Annex III 4(a) use => high-risk under Art. 6(2), Art. 43(2)",
	 0, ANNEX_I("6", "A", "product", "third-party-assessment=\"yes\" third-party-other-risks-only=\"yes\" opt-out-available=\"no\"") III("4", "a"),
	 "risk=high-risk-6-2 route=annex-vi assessor=provider binding=2027-12-02 application=annex-iii"},
	{"Art. 6(1)(b): Annex I product without third-party assessment => not high-risk",
	 0, ANNEX_I("9", "A", "product", "third-party-assessment=\"no\""),
	 "risk=not-high-risk classification=minimal-risk"},
	{"Art. 6(1)(a), (b) + Art. 43(3) first subparagraph as replaced: MDR device => sectoral procedure, QMS of Art. 17, Annex VII points 3, 4.3-4.5, 4.6 fifth para, 5",
	 0, ANNEX_I("11", "A", "product", TP_HEALTH "opt-out-available=\"no\""),
	 "risk=high-risk-6-1 route=sectoral assessor=sectoral-notified-body binding=2028-08-02 registration=-"},
	{"Art. 43(3) third subparagraph as replaced: option without third party, sectoral and AI harmonised standards covering Section 2 applied => usable",
	 0, ANNEX_I("2", "A", "safety-component", SC_SAFETY TP_HEALTH "opt-out-available=\"yes\" sectoral-standards-applied=\"yes\"") "<standards " HS_FULL "/>",
	 "route=sectoral-opt-out assessor=provider"},
	{"Art. 43(3) third subparagraph as replaced: AI harmonised standards applied only in part => the third-party procedure",
	 0, ANNEX_I("2", "A", "safety-component", SC_SAFETY TP_HEALTH "opt-out-available=\"yes\" sectoral-standards-applied=\"yes\"") "<standards " HS_PART "/>",
	 "route=sectoral assessor=sectoral-notified-body"},
	{"Art. 43(3) third subparagraph as replaced: common specifications covering Section 2 applied => option usable",
	 0, ANNEX_I("5", "A", "safety-component", SC_SAFETY TP_HEALTH "opt-out-available=\"yes\" sectoral-standards-applied=\"yes\"") "<standards harmonised=\"none\" common-specifications=\"exist\" common-specifications-applied=\"full\"/>",
	 "route=sectoral-opt-out"},
	{"Art. 43(3) fourth subparagraph (inserted): Annex I Section A and Annex III point 1 => the Section A legislation's procedure, not Art. 43(1)",
	 0, ANNEX_I("11", "A", "product", TP_HEALTH "opt-out-available=\"no\"") BIO("any", "harmonised=\"none\" common-specifications=\"none\""),
	 "risk=high-risk-6-1 route=sectoral assessor=sectoral-notified-body"},
	{"Art. 43(3) fourth subparagraph: Annex I Section A and Annex III point 5(b) => sectoral procedure",
	 0, ANNEX_I("11", "A", "product", TP_HEALTH "opt-out-available=\"no\"") III("5", "b"),
	 "route=sectoral"},
	{"Annex I Section B (civil aviation security, point 13) with third-party assessment for health and safety => Art. 2(2), Section B route",
	 0, ANNEX_I("13", "B", "safety-component", SC_SAFETY TP_HEALTH),
	 "risk=high-risk-section-b route=section-b"},
	{"Annex I Section B with Art. 6(1a): solely convenience features of a vehicle (point 18) => not a safety component",
	 0, ANNEX_I("18", "B", "safety-component", "solely-non-safety=\"yes\" failure-endangers=\"no\" " TP_HEALTH),
	 "risk=not-high-risk route=-"},

	/* ---- Article 43(1), (2) unchanged, dates of Article 113(c)(i) ---- */
	{"Art. 43(2): Annex III point 4(a) => Annex VI; Art. 113 third paragraph point (c)(i): binding from 2 December 2027",
	 0, III("4", "a"),
	 "risk=high-risk-6-2 route=annex-vi assessor=provider binding=2027-12-02"},
	{"Art. 43(1) second subparagraph point (a): no harmonised standards (Art. 40), no common specifications (Art. 41) => Annex VII",
	 0, BIO("any", "harmonised=\"none\" common-specifications=\"none\""),
	 "route=annex-vii assessor=notified-body"},
	{"Art. 43(1) first subparagraph: harmonised standards of Art. 40 applied => choice between Annex VI and VII",
	 0, BIO("any", HS_FULL),
	 "route=choice procedure=undecided"},

	/* ---- Article 11(1) as replaced: SMEs and SMCs ---- */
	{"Art. 11(1) second subparagraph as replaced: a small mid-cap enterprise (Art. 3(14b)) may use the simplified form; notified bodies accept it",
	 SMC_PROVIDER, III("4", "a"),
	 "annex-iv=required annex-iv-form=sme-simplified-allowed"},
	{"Art. 11(1) second subparagraph as replaced: SMEs, including start-ups, keep the simplified form",
	 SME_PROVIDER, III("4", "a"),
	 "annex-iv-form=sme-simplified-allowed"},
	{"Art. 11(1) second subparagraph as replaced: neither an SME nor an SMC => no simplified form",
	 0, III("4", "a"),
	 "annex-iv-form=-"},

	/* ---- Article 42(3) ---- */
	{"Art. 42(3): CRA product meeting CRA Art. 12(1) => deemed to comply with Art. 15 cybersecurity",
	 0, III("4", "a") CRA_MET,
	 "art-15-presumption=art-42-3 cyber-procedure=ai-act"},
	{"Art. 42(3): CRA product not (yet) meeting CRA Art. 12(1) => told of Art. 42(3), no presumption",
	 0, III("4", "a") CRA_NOT_MET,
	 "art-15-presumption=-"},

	/* ---- Article 4 as replaced ---- */
	{"Art. 4(1) as replaced: AI literacy for every AI system in scope that is not prohibited (Annex III 8(a))",
	 0, III("8", "a"),
	 "classification=high-risk route=annex-vi"},
};

static const row *routes_rows(size_t *n)
{
	*n = sizeof rows / sizeof *rows;
	return rows;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_routes, setup, teardown),
	};
	return cmocka_run_group_tests_name("routes under the amended text", tests, NULL, NULL);
}
