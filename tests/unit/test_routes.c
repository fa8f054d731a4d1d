/*
 * test_routes.c - the AI Act as the specification: fact combinations against the
 * classification, conformity assessment route and assessor the law gives, evaluated
 * with the shipped rules (corpus/ai-act/rules) over the real graph (built in-process
 * from corpus/ai-act). Each row cites the paragraph that gives the answer.
 *
 * A row's "want" lists conclusions as name=value pairs; "-" means "not concluded".
 *
 * Written for the 2024 text: run under the version in force on 1 January 2025 (the rows
 * of the amended text are in test_routes_amended.c).
 */
#define ROUTES_AS_OF "2025-01-01"

#define NO_PRACTICES                                                                          \
	"<practices subliminal-manipulation=\"no\" exploits-vulnerabilities=\"no\" "              \
	"social-scoring=\"no\" crime-risk-profiling-only=\"no\" untargeted-facial-scraping=\"no\" " \
	"emotion-recognition-workplace-education=\"no\" biometric-categorisation-sensitive=\"no\" " \
	"realtime-rbi-public-law-enforcement=\"no\"/>"
#define PRACTICES(extra)                                                                      \
	"<practices subliminal-manipulation=\"no\" exploits-vulnerabilities=\"no\" "              \
	"untargeted-facial-scraping=\"no\" biometric-categorisation-sensitive=\"no\" " extra "/>"
#define BIO(area_point, who, standards)                                                       \
	"<annex-iii area=\"1\" point=\"" area_point "\"/><profiling natural-persons=\"no\"/>"      \
	"<put-into-service-by authority=\"" who "\"/><standards " standards "/>"
#define HS_FULL "harmonised=\"exist\" harmonised-applied=\"full\" restricted-part-relied-on=\"no\" common-specifications=\"none\""
#define III(a, p) "<annex-iii area=\"" a "\" point=\"" p "\"/><profiling natural-persons=\"no\"/><put-into-service-by authority=\"any\"/>"

#define ROUTES_BASE_PRACTICES NO_PRACTICES
#include "routes_runner.h"

static const row rows[] = {
	/* ---- Article 2: scope ---- */
	{"Art. 2(3), second subparagraph: exclusively military, defence or national security => excluded",
	 OWN_SCOPE, "<scope eu-market=\"yes\" military-defence-national-security=\"yes\" scientific-research-only=\"no\"/>",
	 "classification=out-of-scope route=- assessor=-"},
	{"Art. 2(6): sole purpose of scientific research and development => excluded",
	 OWN_SCOPE, "<scope eu-market=\"yes\" military-defence-national-security=\"no\" scientific-research-only=\"yes\"/>" III("4", "a"),
	 "classification=out-of-scope route=-"},
	{"Art. 2(8): research and development before placing on the market => excluded",
	 OWN_SCOPE, "<scope eu-market=\"yes\" military-defence-national-security=\"no\" scientific-research-only=\"no\" pre-market-research-only=\"yes\"/>",
	 "classification=out-of-scope"},
	{"Art. 2(1)(a) and (c): not placed on the Union market and output not used in the Union => outside scope",
	 OWN_SCOPE, "<scope eu-market=\"no\" output-used-in-eu=\"no\" military-defence-national-security=\"no\" scientific-research-only=\"no\"/>",
	 "classification=out-of-scope in-scope=no"},
	{"Art. 2(1)(c): output used in the Union => in scope",
	 OWN_SCOPE, "<scope eu-market=\"no\" output-used-in-eu=\"yes\" military-defence-national-security=\"no\" scientific-research-only=\"no\"/>" III("4", "a"),
	 "in-scope=yes classification=high-risk route=annex-vi"},
	{"Art. 2(12): free and open-source, not high-risk, not Art. 5 or 50 => excluded",
	 OWN_SCOPE, "<scope eu-market=\"yes\" military-defence-national-security=\"no\" scientific-research-only=\"no\" free-open-source=\"yes\"/>",
	 "classification=out-of-scope foss-excluded=yes"},
	{"Art. 2(12): free and open-source but high-risk (Annex III 4(a)) => not excluded, Art. 43(2) Annex VI",
	 OWN_SCOPE, "<scope eu-market=\"yes\" military-defence-national-security=\"no\" scientific-research-only=\"no\" free-open-source=\"yes\"/>" III("4", "a"),
	 "classification=high-risk route=annex-vi foss-excluded=-"},

	/* ---- Article 5: prohibited ---- */
	{"Art. 5(1)(f): emotion recognition in the workplace, not medical or safety => prohibited",
	 OWN_PRACTICES, PRACTICES("social-scoring=\"no\" crime-risk-profiling-only=\"no\" emotion-recognition-workplace-education=\"yes\" medical-or-safety-reasons=\"no\" realtime-rbi-public-law-enforcement=\"no\"")
	 III("1", "c") "<standards harmonised=\"none\" common-specifications=\"none\"/>",
	 "classification=prohibited prohibited=art-5.1.f route=-"},
	{"Art. 5(1)(f) exception (medical reasons) => not prohibited; Annex III 1(c), no standards: Art. 43(1) second subparagraph point (a) => Annex VII",
	 OWN_PRACTICES, PRACTICES("social-scoring=\"no\" crime-risk-profiling-only=\"no\" emotion-recognition-workplace-education=\"yes\" medical-or-safety-reasons=\"yes\" realtime-rbi-public-law-enforcement=\"no\"")
	 III("1", "c") "<standards harmonised=\"none\" common-specifications=\"none\"/>",
	 "classification=high-risk prohibited=- route=annex-vii assessor=notified-body"},
	{"Art. 5(1)(c): social scoring => prohibited",
	 OWN_PRACTICES, PRACTICES("social-scoring=\"yes\" crime-risk-profiling-only=\"no\" emotion-recognition-workplace-education=\"no\" realtime-rbi-public-law-enforcement=\"no\""),
	 "classification=prohibited prohibited=art-5.1.c"},
	{"Art. 5(1)(h): real-time RBI in public spaces for law enforcement with no objective of (i)-(iii) => prohibited",
	 OWN_PRACTICES, PRACTICES("social-scoring=\"no\" crime-risk-profiling-only=\"no\" emotion-recognition-workplace-education=\"no\" realtime-rbi-public-law-enforcement=\"yes\" rbi-objective=\"none\"")
	 BIO("a", "law-enforcement", "harmonised=\"none\" common-specifications=\"none\""),
	 "classification=prohibited prohibited=art-5.1.h route=-"},
	{"Art. 5(1)(h)(ii): real-time RBI strictly necessary to prevent a terrorist threat => not prohibited; Art. 43(1) (a) + third subparagraph => Annex VII, MSA of Art. 74(8)",
	 OWN_PRACTICES, PRACTICES("social-scoring=\"no\" crime-risk-profiling-only=\"no\" emotion-recognition-workplace-education=\"no\" realtime-rbi-public-law-enforcement=\"yes\" rbi-objective=\"threat\"")
	 BIO("a", "law-enforcement", "harmonised=\"none\" common-specifications=\"none\""),
	 "classification=high-risk route=annex-vii assessor=msa-74-8 registration=secure-section"},
	{"Art. 5(1)(d) last clause: supports a human assessment based on objective facts => not prohibited; Annex III 6(d): Art. 43(2) => Annex VI",
	 OWN_PRACTICES, PRACTICES("social-scoring=\"no\" crime-risk-profiling-only=\"yes\" supports-human-assessment-on-facts=\"yes\" emotion-recognition-workplace-education=\"no\" realtime-rbi-public-law-enforcement=\"no\"")
	 III("6", "d"),
	 "classification=high-risk route=annex-vi assessor=provider registration=secure-section"},

	/* ---- Article 6(1) and Article 43(3): Annex I ---- */
	{"Art. 6(1) + Art. 43(3) first and second subparagraphs: MDR device with third-party assessment => MDR procedure + Annex VII 4.3-4.5, 4.6 fifth para, MDR notified body",
	 0, "<annex-i point=\"11\" section=\"A\" role=\"product\" third-party-assessment=\"yes\" opt-out-available=\"no\"/>",
	 "classification=high-risk risk=high-risk-6-1 route=sectoral assessor=sectoral-notified-body registration=-"},
	{"Art. 6(1)(b): Annex I Section A product without third-party assessment => not high-risk",
	 0, "<annex-i point=\"1\" section=\"A\" role=\"safety-component\" third-party-assessment=\"no\"/>",
	 "classification=minimal-risk risk=not-high-risk route=-"},
	{"Art. 43(3) third subparagraph: opt-out, sectoral standards and AI harmonised standards covering all of Section 2 applied => opt-out usable",
	 0, "<annex-i point=\"2\" section=\"A\" role=\"safety-component\" third-party-assessment=\"yes\" opt-out-available=\"yes\" sectoral-standards-applied=\"yes\"/><standards " HS_FULL "/>",
	 "route=sectoral-opt-out assessor=provider"},
	{"Art. 43(3) third subparagraph: opt-out with common specifications covering Section 2 => opt-out usable",
	 0, "<annex-i point=\"1\" section=\"A\" role=\"safety-component\" third-party-assessment=\"yes\" opt-out-available=\"yes\" sectoral-standards-applied=\"yes\"/><standards harmonised=\"none\" common-specifications=\"exist\" common-specifications-applied=\"full\"/>",
	 "route=sectoral-opt-out assessor=provider"},
	{"Art. 43(3) third subparagraph: AI harmonised standards applied only in part => no opt-out, sectoral notified body",
	 0, "<annex-i point=\"1\" section=\"A\" role=\"safety-component\" third-party-assessment=\"yes\" opt-out-available=\"yes\" sectoral-standards-applied=\"yes\"/><standards harmonised=\"exist\" harmonised-applied=\"part\" restricted-part-relied-on=\"no\" common-specifications=\"none\"/>",
	 "route=sectoral assessor=sectoral-notified-body"},
	{"Art. 43(3) third subparagraph: sectoral harmonised standards not all applied => no opt-out",
	 0, "<annex-i point=\"9\" section=\"A\" role=\"product\" third-party-assessment=\"yes\" opt-out-available=\"yes\" sectoral-standards-applied=\"no\"/><standards " HS_FULL "/>",
	 "route=sectoral assessor=sectoral-notified-body"},
	{"Art. 43(3) third subparagraph: relying on the restricted part of a standard is not full coverage => no opt-out",
	 0, "<annex-i point=\"1\" section=\"A\" role=\"safety-component\" third-party-assessment=\"yes\" opt-out-available=\"yes\" sectoral-standards-applied=\"yes\"/><standards harmonised=\"exist\" harmonised-applied=\"full\" restricted-part-relied-on=\"yes\" common-specifications=\"none\"/>",
	 "route=sectoral"},
	{"Art. 2(2): Annex I Section B product with third-party assessment => only Art. 6(1), 102-109, 112 apply",
	 0, "<annex-i point=\"20\" section=\"B\" role=\"safety-component\" third-party-assessment=\"yes\"/>",
	 "classification=high-risk-section-b route=section-b assessor=sectoral annex-iv=-"},
	{"Art. 6(1)(b) with Art. 2(2): Section B product without third-party assessment => not high-risk",
	 0, "<annex-i point=\"18\" section=\"B\" role=\"safety-component\" third-party-assessment=\"no\"/>",
	 "classification=minimal-risk route=-"},
	{"Art. 43(3) (regdoc's reading): Section A product that is also Annex III point 1 => the sectoral procedure",
	 0, "<annex-i point=\"11\" section=\"A\" role=\"product\" third-party-assessment=\"yes\" opt-out-available=\"no\"/>" BIO("a", "any", "harmonised=\"none\" common-specifications=\"none\""),
	 "route=sectoral assessor=sectoral-notified-body"},

	/* ---- Article 43(1): Annex III point 1 ---- */
	{"Art. 43(1) first subparagraph: harmonised standards applied, no choice stated => provider's choice",
	 0, BIO("a", "any", HS_FULL),
	 "route=choice procedure=undecided assessor=provider-or-notified-body"},
	{"Art. 43(1) first subparagraph point (a): standards applied, provider opts for Annex VI => internal control",
	 0, BIO("a", "any", HS_FULL " chosen-procedure=\"annex-vi\""),
	 "route=choice procedure=annex-vi assessor=provider"},
	{"Art. 43(1) first subparagraph point (b): provider opts for Annex VII => a notified body of its choice",
	 0, BIO("b", "any", HS_FULL " chosen-procedure=\"annex-vii\""),
	 "route=choice procedure=annex-vii assessor=notified-body"},
	{"Art. 43(1) third subparagraph: Annex VII for law-enforcement authorities => MSA of Art. 74(8)",
	 0, BIO("a", "law-enforcement", HS_FULL " chosen-procedure=\"annex-vii\""),
	 "procedure=annex-vii assessor=msa-74-8"},
	{"Art. 43(1) third subparagraph: Annex VII for Union institutions => MSA of Art. 74(9) (EDPS)",
	 0, BIO("b", "union-institution", HS_FULL " chosen-procedure=\"annex-vii\""),
	 "procedure=annex-vii assessor=msa-74-9"},
	{"Art. 43(1) third subparagraph applies to Annex VII only: law enforcement opting for Annex VI => provider",
	 0, BIO("a", "law-enforcement", HS_FULL " chosen-procedure=\"annex-vi\""),
	 "procedure=annex-vi assessor=provider"},
	{"Art. 43(1) first and third subparagraphs: choice open for immigration authorities => provider or MSA",
	 0, BIO("a", "immigration", HS_FULL),
	 "route=choice assessor=provider-or-msa"},
	{"Art. 43(1) second subparagraph point (a): no harmonised standards, no common specifications => Annex VII",
	 0, BIO("a", "any", "harmonised=\"none\" common-specifications=\"none\""),
	 "route=annex-vii assessor=notified-body"},
	{"Art. 43(1) second subparagraph point (b): harmonised standard applied only in part => Annex VII",
	 0, BIO("a", "any", "harmonised=\"exist\" harmonised-applied=\"part\" restricted-part-relied-on=\"no\" common-specifications=\"none\""),
	 "route=annex-vii assessor=notified-body"},
	{"Art. 43(1) second subparagraph point (b): harmonised standard not applied => Annex VII",
	 0, BIO("c", "any", "harmonised=\"exist\" harmonised-applied=\"none\" restricted-part-relied-on=\"no\" common-specifications=\"none\""),
	 "route=annex-vii"},
	{"Art. 43(1) second subparagraph point (c): common specifications exist but not applied => Annex VII",
	 0, BIO("a", "any", "harmonised=\"none\" common-specifications=\"exist\" common-specifications-applied=\"none\""),
	 "route=annex-vii"},
	{"Art. 43(1) first subparagraph ('where applicable, common specifications'): common specifications applied => choice",
	 0, BIO("a", "any", "harmonised=\"none\" common-specifications=\"exist\" common-specifications-applied=\"full\""),
	 "route=choice"},
	{"Art. 43(1) second subparagraph point (d): standard published with a restriction, restricted part relied on => Annex VII",
	 0, BIO("a", "any", "harmonised=\"exist\" harmonised-applied=\"full\" restricted-part-relied-on=\"yes\" common-specifications=\"none\""),
	 "route=annex-vii assessor=notified-body"},
	{"Art. 43(1) second subparagraph (a) + third subparagraph: immigration authorities => Annex VII, MSA of Art. 74(8)",
	 0, BIO("a", "immigration", "harmonised=\"none\" common-specifications=\"none\""),
	 "route=annex-vii assessor=msa-74-8 registration=secure-section"},
	{"Art. 43(1) third subparagraph: asylum authorities => MSA of Art. 74(8)",
	 0, BIO("b", "asylum", "harmonised=\"exist\" harmonised-applied=\"part\" restricted-part-relied-on=\"no\" common-specifications=\"none\""),
	 "route=annex-vii assessor=msa-74-8"},
	{"Art. 43(1) (regdoc's reading): a system under Annex III points 1(a) and 6(d) is 'listed in point 1' => Annex VII",
	 0, "<annex-iii area=\"6\" point=\"d\"/>" BIO("a", "law-enforcement", "harmonised=\"none\" common-specifications=\"none\""),
	 "route=annex-vii assessor=msa-74-8"},

	/* ---- Article 43(2): Annex III points 2 to 8 ---- */
	{"Art. 43(2): Annex III point 2 (critical infrastructure) => Annex VI, no notified body; Art. 49(5) national registration",
	 0, "<annex-iii area=\"2\"/><profiling natural-persons=\"no\"/>",
	 "route=annex-vi assessor=provider registration=national"},
	{"Art. 43(2): Annex III 3(a) (education admission) => Annex VI",
	 0, III("3", "a"), "route=annex-vi assessor=provider registration=eu-database"},
	{"Art. 43(2): Annex III 5(b) (creditworthiness) => Annex VI",
	 0, III("5", "b"), "route=annex-vi assessor=provider"},
	{"Art. 43(2): Annex III 6(a) used by law enforcement => Annex VI (Art. 43(1) third subparagraph is only for point 1)",
	 0, "<annex-iii area=\"6\" point=\"a\"/><profiling natural-persons=\"no\"/><put-into-service-by authority=\"law-enforcement\"/>",
	 "route=annex-vi assessor=provider registration=secure-section"},
	{"Art. 43(2): Annex III 7(b) (migration risk assessment) => Annex VI",
	 0, "<annex-iii area=\"7\" point=\"b\"/><profiling natural-persons=\"no\"/><put-into-service-by authority=\"immigration\"/>",
	 "route=annex-vi assessor=provider"},
	{"Art. 43(2): Annex III 8(a) (administration of justice) => Annex VI",
	 0, III("8", "a"), "route=annex-vi assessor=provider"},

	/* ---- Article 6(3) ---- */
	{"Art. 6(3) second subparagraph point (a), no profiling => not high-risk; Art. 6(4) and Art. 49(2)",
	 0, "<annex-iii area=\"3\" point=\"a\"/><derogation-6-3 condition=\"a\"/><profiling natural-persons=\"no\"/>",
	 "classification=not-high-risk-6-3 route=- registration=eu-database-49-2 annex-iv=-"},
	{"Art. 6(3) third subparagraph: derogation claimed but the system profiles => always high-risk, Annex VI",
	 0, "<annex-iii area=\"4\" point=\"b\"/><derogation-6-3 condition=\"d\"/><profiling natural-persons=\"yes\"/>",
	 "classification=high-risk risk=high-risk-6-2 route=annex-vi"},
	{"Art. 6(3) and Art. 49(4): derogation for an Annex III point 7 system => secure registration",
	 0, "<annex-iii area=\"7\" point=\"c\"/><derogation-6-3 condition=\"b\"/><profiling natural-persons=\"no\"/>",
	 "classification=not-high-risk-6-3 registration=secure-section"},

	/* ---- Article 43(4) ---- */
	{"Art. 43(4) first subparagraph: substantial modification => new conformity assessment",
	 0, III("4", "a") "<history already-assessed=\"yes\" change=\"substantial\"/>",
	 "route=annex-vi reassessment=required"},
	{"Art. 43(4) second subparagraph: pre-determined, documented change of a learning system => no new assessment",
	 0, III("3", "b") "<history already-assessed=\"yes\" change=\"predetermined\" continues-to-learn=\"yes\" predetermined-documented=\"yes\"/>",
	 "reassessment=not-required"},
	{"Art. 43(4) second subparagraph: change not documented under Annex IV 2(f) => new assessment",
	 0, III("3", "b") "<history already-assessed=\"yes\" change=\"predetermined\" continues-to-learn=\"yes\" predetermined-documented=\"no\"/>",
	 "reassessment=required"},
	{"Art. 43(4): no change since the assessment => no new assessment",
	 0, III("5", "c") "<history already-assessed=\"yes\" change=\"none\"/>",
	 "reassessment=not-required"},

	/* ---- Article 50 and minimal risk ---- */
	{"Art. 50(1): chatbot, not high-risk => transparency obligations",
	 OWN_TRANSPARENCY, "<transparency interacts-with-persons=\"yes\" synthetic-content=\"no\" emotion-recognition=\"no\" biometric-categorisation=\"no\"/>",
	 "classification=transparency transparency=art-50.1"},
	{"Art. 50(2) and (4): deep-fake generator => transparency obligations",
	 OWN_TRANSPARENCY, "<transparency interacts-with-persons=\"no\" synthetic-content=\"yes\" deep-fake=\"yes\" emotion-recognition=\"no\" biometric-categorisation=\"no\"/>",
	 "classification=transparency"},
	{"Art. 6 and Art. 50 not met: spam filter => minimal risk",
	 0, "", "classification=minimal-risk route=- transparency=-"},

	/* ---- Articles 51 to 55 ---- */
	{"Art. 51(2): training compute above 10^25 FLOP => presumed high impact, systemic risk",
	 GPAI_ONLY | OUTSIDE_UNION, "<gpai training-flop=\"2e25\" commission-designated=\"no\" free-open-source=\"no\"/>",
	 "classification=gpai-systemic-risk gpai=systemic-risk"},
	{"Art. 51(2): 'greater than 10^25' => exactly 10^25 FLOP is not presumed",
	 GPAI_ONLY, "<gpai training-flop=\"1e25\" commission-designated=\"no\" free-open-source=\"no\"/>",
	 "classification=gpai gpai=general"},
	{"Art. 51(1)(b) and Art. 52(4): designated by the Commission => systemic risk whatever the compute",
	 GPAI_ONLY, "<gpai training-flop=\"1e23\" commission-designated=\"yes\" free-open-source=\"yes\"/>",
	 "classification=gpai-systemic-risk"},
	{"Art. 52(2)-(3): presumption rebutted, arguments accepted => general-purpose AI model",
	 GPAI_ONLY, "<gpai training-flop=\"5e25\" commission-designated=\"no\" presumption-rebutted=\"yes\" free-open-source=\"no\"/>",
	 "classification=gpai gpai=general"},

	/* ---- Cybersecurity: Recital 78, CRA Article 12, Article 42(2) ---- */
	{"Recital 78 and CRA Art. 12(3): Annex VI + important class II product => CRA procedure for the essential cybersecurity requirements",
	 0, "<annex-iii area=\"2\"/><profiling natural-persons=\"no\"/><cybersecurity product-with-digital-elements=\"yes\" cra-class=\"important-class-2\"/>",
	 "route=annex-vi cyber-procedure=cra"},
	{"CRA Art. 12(3): Annex VI + critical product => CRA procedure",
	 0, III("4", "a") "<cybersecurity product-with-digital-elements=\"yes\" cra-class=\"critical\"/>",
	 "cyber-procedure=cra"},
	{"CRA Art. 12(3): class I with standards applied in full is not under Art. 32(2) => Art. 12(2): AI Act procedure",
	 0, III("4", "a") "<cybersecurity product-with-digital-elements=\"yes\" cra-class=\"important-class-1\" cra-standards-applied=\"full\"/>",
	 "cyber-procedure=ai-act"},
	{"CRA Art. 12(3): class I with standards applied in part, Annex VI => CRA procedure",
	 0, III("4", "a") "<cybersecurity product-with-digital-elements=\"yes\" cra-class=\"important-class-1\" cra-standards-applied=\"part\"/>",
	 "cyber-procedure=cra"},
	{"CRA Art. 12(3) needs internal control: critical product under Annex VII => Art. 12(2): AI Act procedure",
	 0, BIO("a", "any", "harmonised=\"none\" common-specifications=\"none\"") "<cybersecurity product-with-digital-elements=\"yes\" cra-class=\"critical\"/>",
	 "route=annex-vii cyber-procedure=ai-act"},
	{"CRA Art. 12(2): default product with digital elements => AI Act procedure covers the CRA requirements",
	 0, III("5", "b") "<cybersecurity product-with-digital-elements=\"yes\" cra-class=\"default\"/>",
	 "cyber-procedure=ai-act"},
	{"Art. 42(2): certificate under a Regulation (EU) 2019/881 scheme published in the OJ => presumption for Art. 15 cybersecurity",
	 0, III("5", "b") "<cybersecurity-certificate scheme=\"EUCC\" kind=\"certificate\" published-in-oj=\"yes\" covers-article-15=\"part\"/>",
	 "art-15-presumption=art-42-2"},
	{"CRA Art. 12(1): CRA essential requirements met and CRA declaration => deemed compliance with Art. 15 cybersecurity",
	 0, III("5", "b") "<cybersecurity product-with-digital-elements=\"yes\" cra-class=\"default\" cra-essential-requirements-met=\"yes\" cra-declaration=\"yes\"/>",
	 "art-15-presumption=cra-12-1"},
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
	return cmocka_run_group_tests_name("routes", tests, NULL, NULL);
}

