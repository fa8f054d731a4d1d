/*
 * test_cra_routes.c - the Cyber Resilience Act (Regulation (EU) 2024/2847) as the
 * specification: fact combinations against the conformity assessment procedures the law
 * gives, for products described for the CRA alone and for high-risk AI systems that are
 * also products with digital elements (CRA Article 12, AI Act Recital 78 and Article 43),
 * evaluated with the shipped rules (corpus/cra/rules, corpus/ai-act/rules) over the real
 * graphs (built in-process from corpus/). Each row cites the paragraph that gives the
 * answer.
 *
 * A row's "want" lists conclusions as name=value pairs ("-": not concluded), and
 * notice=RULE for a notice the rule RULE must have given. The rule files are also
 * checked against each other: every id one cites in the other's graph exists, and no
 * rule or item id is used by both.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "assess/engine.h"
#include "assess/gindex.h"
#include "assess/product.h"
#include "assess/rules.h"
#include "assess_helpers.h"
#include "util/buf.h"

#define PRODUCT_RNG SOURCE_DIR "/templates/schema/product.rng"
#define RULES_RNG SOURCE_DIR "/templates/schema/rules.rng"

typedef struct row {
	const char *law;   /* the paragraph that gives the answer */
	const char *reg;   /* "cra": described for the CRA alone; "ai-act": an AI system (combined) */
	const char *facts; /* product elements */
	const char *want;  /* "cra-route=third-party-32-2 cra-procedure=module-h notice=RULE" */
} row;

#define PDE(attrs) "<cybersecurity product-with-digital-elements=\"yes\" " attrs "/>"
#define CLASS1(point) "<cra-annex-iii class=\"1\" point=\"" point "\"/>"
#define CLASS2(point) "<cra-annex-iii class=\"2\" point=\"" point "\"/>"
#define CRITICAL(point) "<cra-annex-iv point=\"" point "\"/>"
/* AI Act: an Annex III point 2 system (critical infrastructure): Annex VI, Article 43(2) */
#define ANNEX_VI "<annex-iii area=\"2\"/><profiling natural-persons=\"no\"/>"
/* AI Act: remote biometric identification with no standards: Annex VII, Article 43(1),
 * second subparagraph, point (a) */
#define ANNEX_VII                                                                             \
	"<annex-iii area=\"1\" point=\"a\"/><profiling natural-persons=\"no\"/>"                  \
	"<put-into-service-by authority=\"any\"/><standards harmonised=\"none\" "                  \
	"common-specifications=\"none\"/>"
#define HS_FULL "harmonised=\"exist\" harmonised-applied=\"full\" restricted-part-relied-on=\"no\" common-specifications=\"none\""

static const row rows[] = {
	/* ---- the Cyber Resilience Act alone: Article 32 by class ---- */
	{"CRA Art. 32(1), Recital 91: default product, no choice stated => any procedure of 32(1), to be chosen",
	 "cra", PDE("cra-class=\"default\""),
	 "cra-classification=default cra-route=any-32-1 cra-procedure=undecided cra-assessor=depends"},
	{"CRA Art. 32(1)(a), Annex VIII Part I: default product, internal control => the manufacturer",
	 "cra", PDE("cra-class=\"default\" cra-chosen-procedure=\"module-a\""),
	 "cra-route=any-32-1 cra-procedure=module-a cra-assessor=manufacturer cra-technical-documentation=required"},
	{"CRA Art. 32(2): class I, no harmonised standards, specifications or schemes applied => module B + C or H",
	 "cra", PDE("cra-class=\"important-class-1\" cra-standards-applied=\"none\"") CLASS1("12"),
	 "cra-classification=important-class-1 cra-route=third-party-32-2 cra-procedure=undecided"},
	{"CRA Art. 32(2)(a), Annex VIII Parts II and III: class I, standards in part, module B + C => a notified body examines the type",
	 "cra", PDE("cra-class=\"important-class-1\" cra-standards-applied=\"part\" cra-chosen-procedure=\"module-b-c\"") CLASS1("3"),
	 "cra-route=third-party-32-2 cra-procedure=module-b-c cra-assessor=notified-body-type"},
	{"CRA Art. 32(2), a contrario, and Recital 91: class I with standards applied in full => internal control allowed",
	 "cra", PDE("cra-class=\"important-class-1\" cra-standards-applied=\"full\" cra-chosen-procedure=\"module-a\"") CLASS1("3"),
	 "cra-route=any-32-1 cra-procedure=module-a cra-assessor=manufacturer"},
	{"CRA Art. 32(2): class I with standards in part cannot use internal control => refused, to be chosen",
	 "cra", PDE("cra-class=\"important-class-1\" cra-standards-applied=\"part\" cra-chosen-procedure=\"module-a\"") CLASS1("7"),
	 "cra-route=third-party-32-2 cra-procedure=undecided notice=cra-procedure-module-a-refused"},
	{"CRA Art. 32(2) lists only modules B + C and H: class I choosing a certification scheme => refused",
	 "cra", PDE("cra-class=\"important-class-1\" cra-standards-applied=\"none\" cra-chosen-procedure=\"certification\"") CLASS1("1"),
	 "cra-procedure=undecided notice=cra-procedure-certification-refused"},
	{"CRA Art. 32(3), Recital 91: class II always involves a third party, even with standards in full => internal control refused",
	 "cra", PDE("cra-class=\"important-class-2\" cra-standards-applied=\"full\" cra-chosen-procedure=\"module-a\"") CLASS2("2"),
	 "cra-classification=important-class-2 cra-route=third-party-or-scheme-32-3 cra-procedure=undecided notice=cra-procedure-module-a-refused"},
	{"CRA Art. 32(3)(b), Annex VIII Part IV: class II, full quality assurance => a notified body approves the quality system",
	 "cra", PDE("cra-class=\"important-class-2\" cra-chosen-procedure=\"module-h\"") CLASS2("1"),
	 "cra-route=third-party-or-scheme-32-3 cra-procedure=module-h cra-assessor=notified-body-quality-system"},
	{"CRA Art. 32(3)(c), Art. 27(9): class II, certification scheme at least 'substantial' => certification body",
	 "cra", PDE("cra-class=\"important-class-2\" cra-chosen-procedure=\"certification\"") CLASS2("3"),
	 "cra-procedure=certification cra-assessor=certification-body"},
	{"CRA Art. 32(4)(a), Art. 8(1): critical, a delegated act requires a certificate => the certificate, whatever was chosen",
	 "cra", PDE("cra-class=\"critical\" cra-eucc-required=\"yes\" cra-chosen-procedure=\"module-h\"") CRITICAL("3"),
	 "cra-classification=critical cra-route=certification-8-1 cra-procedure=certification notice=cra-procedure-mandatory-certificate-other-choice"},
	{"CRA Art. 32(4)(b), Art. 8(1) second subparagraph: critical, no delegated act => the procedures of Art. 32(3)",
	 "cra", PDE("cra-class=\"critical\" cra-eucc-required=\"no\" cra-chosen-procedure=\"module-b-c\"") CRITICAL("2"),
	 "cra-route=third-party-or-scheme-32-3 cra-procedure=module-b-c"},
	{"CRA Art. 32(5), Recital 91: open-source class I with public documentation => any procedure of 32(1), internal control included",
	 "cra", PDE("cra-class=\"important-class-1\" cra-standards-applied=\"none\" cra-free-open-source=\"yes\" cra-documentation-public=\"yes\" cra-chosen-procedure=\"module-a\"") CLASS1("5"),
	 "cra-route=foss-32-5 cra-procedure=module-a"},
	{"CRA Art. 32(5): open-source class II whose documentation is not public => Art. 32(3) applies",
	 "cra", PDE("cra-class=\"important-class-2\" cra-free-open-source=\"yes\" cra-documentation-public=\"no\"") CLASS2("1"),
	 "cra-route=third-party-or-scheme-32-3"},
	{"CRA Art. 32(5) covers only Annex III: an open-source critical product => Art. 32(4)(b)",
	 "cra", PDE("cra-class=\"critical\" cra-eucc-required=\"no\" cra-free-open-source=\"yes\" cra-documentation-public=\"yes\"") CRITICAL("1"),
	 "cra-route=third-party-or-scheme-32-3"},

	{"CRA Art. 27(8): a certificate under a scheme of Regulation (EU) 2019/881 covering Annex I in part => presumption in so far as covered",
	 "cra", PDE("cra-class=\"default\" cra-chosen-procedure=\"module-a\"")
	 "<cybersecurity-certificate scheme=\"EUCC\" kind=\"certificate\" assurance-level=\"substantial\" cra-scheme=\"yes\" covers-cra-annex-i=\"part\"/>",
	 "cra-procedure=module-a cra-presumption=certificate-27-8"},

	/* ---- the Cyber Resilience Act alone: scope ---- */
	{"CRA Art. 2(2)(a): a medical device under Regulation (EU) 2017/745 => excluded, no procedure",
	 "cra", PDE("cra-class=\"default\" cra-other-act=\"mdr\""),
	 "cra-scope=no cra-classification=out-of-scope cra-route=- cra-technical-documentation=-"},
	{"CRA Art. 2(3): certified under Regulation (EU) 2018/1139 (civil aviation) => excluded",
	 "cra", PDE("cra-class=\"default\" cra-other-act=\"aviation\""), "cra-scope=no cra-route=-"},
	{"CRA Art. 2(6): an identical spare part => excluded",
	 "cra", PDE("cra-class=\"default\" cra-spare-part=\"yes\""), "cra-scope=no"},
	{"CRA Art. 2(7): exclusively for national security or defence => excluded",
	 "cra", PDE("cra-class=\"important-class-2\" cra-national-security=\"yes\"") CLASS2("2"),
	 "cra-scope=no cra-route=-"},
	{"CRA Art. 2(1): no data connection to a device or network => outside the scope",
	 "cra", PDE("cra-class=\"default\" cra-data-connection=\"no\""), "cra-scope=no"},
	{"CRA Art. 3(22), Recital 18: open-source software not monetised, no commercial activity => outside the scope",
	 "cra", PDE("cra-class=\"default\" cra-free-open-source=\"yes\" cra-commercial-activity=\"no\""),
	 "cra-scope=no cra-classification=out-of-scope"},
	{"CRA Art. 3(14), Art. 24, Recital 19: open-source software steward => Art. 24 only, no conformity assessment",
	 "cra", PDE("cra-role=\"open-source-steward\" cra-free-open-source=\"yes\""),
	 "cra-scope=steward cra-classification=open-source-steward cra-route=- cra-technical-documentation=-"},
	{"CRA Art. 13(8), third subparagraph: support period under five years for a product used longer => warning",
	 "cra", PDE("cra-class=\"default\" cra-support-period-years=\"2\" cra-expected-use-years=\"7\""),
	 "cra-scope=yes notice=cra-items-support-period-short"},

	/* ---- a high-risk AI system that is also a product with digital elements ---- */
	{"CRA Art. 12(2): Annex VI (AI Act Art. 43(2)) and a default product => the AI Act procedure covers the essential requirements",
	 "ai-act", ANNEX_VI PDE("cra-class=\"default\""),
	 "route=annex-vi cyber-procedure=ai-act cra-route=ai-act-procedure cra-procedure=ai-act cra-assessor=as-ai-act cra-coverage=ai-act-procedure"},
	{"CRA Art. 12(3) and 32(2), AI Act Recital 78: Annex VI and class I with standards in part => the CRA procedure for Annex I, Annex VI for the rest",
	 "ai-act", ANNEX_VI PDE("cra-class=\"important-class-1\" cra-standards-applied=\"part\" cra-chosen-procedure=\"module-h\"") CLASS1("7"),
	 "cyber-procedure=cra cra-route=third-party-32-2 cra-procedure=module-h cra-coverage=split"},
	{"CRA Art. 12(3) names only products subject to Art. 32(2)(a), (b): Annex VI and class I with standards in full => Art. 12(2)",
	 "ai-act", ANNEX_VI PDE("cra-class=\"important-class-1\" cra-standards-applied=\"full\"") CLASS1("6"),
	 "cyber-procedure=ai-act cra-route=ai-act-procedure cra-coverage=ai-act-procedure"},
	{"CRA Art. 12(3) and 32(3): Annex VI and class II => the CRA procedure (module B + C, H or a scheme)",
	 "ai-act", ANNEX_VI PDE("cra-class=\"important-class-2\"") CLASS2("2"),
	 "cyber-procedure=cra cra-route=third-party-or-scheme-32-3 cra-procedure=undecided cra-coverage=split"},
	{"CRA Art. 12(3) and 32(4)(a), Art. 8(1): Annex VI and a critical product with a required certificate => the certificate",
	 "ai-act", ANNEX_VI PDE("cra-class=\"critical\" cra-eucc-required=\"yes\"") CRITICAL("2"),
	 "cyber-procedure=cra cra-route=certification-8-1 cra-procedure=certification cra-assessor=certification-body"},
	{"CRA Art. 12(3) 'absent that' and 32(4)(b): Annex VI and a critical product with no required certificate => Art. 32(3)",
	 "ai-act", ANNEX_VI PDE("cra-class=\"critical\" cra-eucc-required=\"no\" cra-chosen-procedure=\"module-b-c\"") CRITICAL("2"),
	 "cyber-procedure=cra cra-route=third-party-or-scheme-32-3 cra-procedure=module-b-c"},
	{"CRA Art. 12(3) needs AI Act Annex VI: Annex VII (AI Act Art. 43(1)(a)) and class II => Art. 12(2), the AI Act notified body",
	 "ai-act", ANNEX_VII PDE("cra-class=\"important-class-2\"") CLASS2("2"),
	 "route=annex-vii assessor=notified-body cyber-procedure=ai-act cra-route=ai-act-procedure cra-procedure=ai-act"},
	{"CRA Art. 12(2) (regdoc's reading): Annex VII and a critical product with a required certificate => the AI Act procedure, with a warning",
	 "ai-act", ANNEX_VII PDE("cra-class=\"critical\" cra-eucc-required=\"yes\"") CRITICAL("1"),
	 "cyber-procedure=ai-act cra-route=ai-act-procedure notice=cra-critical-certificate-under-ai-act"},
	{"CRA Art. 12(2) and (3), AI Act Art. 43(1) first subparagraph: choice between Annex VI and VII open, class II => depends on the choice",
	 "ai-act", "<annex-iii area=\"1\" point=\"a\"/><profiling natural-persons=\"no\"/><put-into-service-by authority=\"any\"/><standards " HS_FULL "/>"
	 PDE("cra-class=\"important-class-2\"") CLASS2("2"),
	 "route=choice cyber-procedure=depends-on-choice cra-route=depends-on-choice cra-procedure=undecided cra-coverage=depends-on-choice"},
	{"CRA Art. 12(3): the provider chose Annex VI under AI Act Art. 43(1)(a) for a critical product => the CRA procedure",
	 "ai-act", "<annex-iii area=\"1\" point=\"a\"/><profiling natural-persons=\"no\"/><put-into-service-by authority=\"any\"/><standards " HS_FULL " chosen-procedure=\"annex-vi\"/>"
	 PDE("cra-class=\"critical\" cra-eucc-required=\"no\"") CRITICAL("1"),
	 "procedure=annex-vi cyber-procedure=cra cra-route=third-party-or-scheme-32-3"},
	{"CRA Art. 12(2) covers AI Act Art. 43(3): machinery product with a sectoral notified body, class II => the sectoral procedure covers Annex I",
	 "ai-act", "<annex-i point=\"1\" section=\"A\" role=\"safety-component\" third-party-assessment=\"yes\" opt-out-available=\"no\"/>"
	 PDE("cra-class=\"important-class-2\"") CLASS2("2"),
	 "route=sectoral cyber-procedure=ai-act cra-route=ai-act-procedure"},
	{"CRA Art. 12(3) names only AI Act Annex VI, Recital 51: sectoral opt-out with no third party and class II => Art. 12(2), with a warning",
	 "ai-act", "<annex-i point=\"2\" section=\"A\" role=\"safety-component\" third-party-assessment=\"yes\" opt-out-available=\"yes\" sectoral-standards-applied=\"yes\"/><standards " HS_FULL "/>"
	 PDE("cra-class=\"important-class-2\"") CLASS2("2"),
	 "route=sectoral-opt-out cyber-procedure=ai-act notice=cra-assurance-not-reduced"},
	{"CRA Art. 32(5) then Art. 12(2) (regdoc's reading): open-source class II with public documentation under Annex VI is not 'subject to' Art. 32(3) => the AI Act procedure",
	 "ai-act", ANNEX_VI PDE("cra-class=\"important-class-2\" cra-free-open-source=\"yes\" cra-documentation-public=\"yes\"") CLASS2("1"),
	 "cyber-procedure=ai-act cra-route=ai-act-procedure"},
	{"CRA Art. 2(2)(a): an AI medical device under Regulation (EU) 2017/745 => no CRA procedure; AI Act Art. 43(3) alone",
	 "ai-act", "<annex-i point=\"11\" section=\"A\" role=\"product\" third-party-assessment=\"yes\" opt-out-available=\"no\"/>"
	 PDE("cra-class=\"default\" cra-other-act=\"mdr\""),
	 "route=sectoral cyber-procedure=- cra-scope=no cra-route=- cra-coverage=-"},
	{"CRA Art. 12 is for high-risk AI systems only: a chatbot (AI Act Art. 50(1)) that is a class I product with standards in full => the CRA alone, Art. 32(1)",
	 "ai-act", PDE("cra-class=\"important-class-1\" cra-standards-applied=\"full\" cra-chosen-procedure=\"module-a\"") CLASS1("16"),
	 "classification=transparency cyber-procedure=- cra-route=any-32-1 cra-procedure=module-a cra-coverage=-"},
	{"CRA Art. 12(1)(a) to (c): Annex I met and the CRA declaration shows the Art. 15 level => deemed to comply with AI Act Art. 15 cybersecurity",
	 "ai-act", ANNEX_VI PDE("cra-class=\"default\" cra-essential-requirements-met=\"yes\" cra-declaration=\"yes\""),
	 "art-15-presumption=cra-12-1 cra-route=ai-act-procedure"},
};

typedef struct world {
	char dir[256];
	xmlDocPtr ai_graph, cra_graph;
	gindex ai, cra;
	ruleset ai_rs, cra_rs;
} world;

static int setup(void **state)
{
	world *w = calloc(1, sizeof *w);
	diag d;
	diag_init(&d, stderr);
	make_temp_dir(w->dir, sizeof w->dir, "cra-routes");
	/* written for the 2024 text of the AI Act: run under it (test_routes_amended.c and
	 * test_products.c cover the amended text) */
	w->ai_graph = build_corpus_graph_as_of(w->dir, "ai-act", "2025-01-01");
	w->cra_graph = build_corpus_graph(w->dir, "cra");
	if (!w->ai_graph || !w->cra_graph || gindex_init(&w->ai, w->ai_graph, "ai-act graph", &d) != 0 ||
	    gindex_init(&w->cra, w->cra_graph, "cra graph", &d) != 0)
		return -1;
	ruleset_init(&w->ai_rs);
	ruleset_init(&w->cra_rs);
	if (ruleset_load_dir(&w->ai_rs, SOURCE_DIR "/corpus/ai-act/rules", RULES_RNG, &w->ai, &d) != 0 ||
	    ruleset_load_dir(&w->cra_rs, SOURCE_DIR "/corpus/cra/rules", RULES_RNG, &w->cra, &d) != 0)
		return -1;
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	world *w = *state;
	ruleset_free(&w->ai_rs);
	ruleset_free(&w->cra_rs);
	gindex_free(&w->ai);
	gindex_free(&w->cra);
	xmlFreeDoc(w->ai_graph);
	xmlFreeDoc(w->cra_graph);
	remove_tree(w->dir);
	free(w);
	return 0;
}

static char *product_text(const row *r)
{
	buf b;
	int ai = !strcmp(r->reg, "ai-act");
	buf_init(&b);
	buf_printf(&b,
	           "<product id=\"row\" regulation=\"%s\"><name>Row</name><version>1</version>"
	           "<provider established-in-union=\"yes\" sme=\"no\">P</provider>"
	           "<intended-purpose>test</intended-purpose>\n",
	           r->reg);
	if (ai) {
		int chatbot = strstr(r->facts, "<annex-") == NULL;
		buf_puts(&b, "<what ai-system=\"yes\" gpai-model=\"no\"/>\n"
		             "<scope eu-market=\"yes\" military-defence-national-security=\"no\" "
		             "scientific-research-only=\"no\"/>\n"
		             "<practices subliminal-manipulation=\"no\" exploits-vulnerabilities=\"no\" "
		             "social-scoring=\"no\" crime-risk-profiling-only=\"no\" "
		             "untargeted-facial-scraping=\"no\" emotion-recognition-workplace-education=\"no\" "
		             "biometric-categorisation-sensitive=\"no\" "
		             "realtime-rbi-public-law-enforcement=\"no\"/>\n");
		buf_printf(&b, "<transparency interacts-with-persons=\"%s\" synthetic-content=\"no\" "
		               "emotion-recognition=\"no\" biometric-categorisation=\"no\"/>\n",
		           chatbot ? "yes" : "no");
	}
	buf_puts(&b, r->facts);
	buf_puts(&b, "\n</product>\n");
	return b.s;
}

/* 1 when the assessment has a notice of rule rid. */
static int has_notice(xmlDocPtr out, const char *rid)
{
	char expr[256];
	snprintf(expr, sizeof expr, "count(/assessment/notices/notice[@rule='%s'])", rid);
	return xpath_number(out, expr) > 0;
}

static void test_cra_routes(void **state)
{
	world *w = *state;
	size_t failures = 0;
	assert_true(sizeof rows / sizeof *rows >= 15);
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		const row *r = &rows[i];
		int ai = !strcmp(r->reg, "ai-act");
		char *text = product_text(r);
		captured cap;
		product p;
		xmlDocPtr doc, out;
		engine_regulation other;
		engine_options eo;
		char want[1024];
		char *tok, *save = NULL;

		memset(&eo, 0, sizeof eo);
		other.rs = ai ? &w->cra_rs : &w->ai_rs;
		other.g = ai ? &w->cra : &w->ai;
		eo.others = &other;
		eo.nothers = 1;
		capture_begin(&cap);
		doc = xmlsafe_read_memory(text, strlen(text), "row.xml", &cap.d);
		if (!doc || product_from_doc(&p, doc, "row.xml", PRODUCT_RNG, &cap.d) != 0) {
			print_error("row %zu (%s): product rejected:\n%s\n", i + 1, r->law, capture_text(&cap));
			failures++;
			goto next;
		}
		out = engine_assess(ai ? &w->ai_rs : &w->cra_rs, &p, ai ? &w->ai : &w->cra, &eo, &cap.d);
		product_free(&p);
		if (!out) {
			print_error("row %zu (%s): no assessment:\n%s\n", i + 1, r->law, capture_text(&cap));
			failures++;
			goto next;
		}
		snprintf(want, sizeof want, "%s", r->want);
		for (tok = strtok_r(want, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
			char *eq = strchr(tok, '=');
			char *got;
			const char *expect;
			if (!eq)
				continue;
			*eq = '\0';
			if (!strcmp(tok, "notice")) {
				if (!has_notice(out, eq + 1)) {
					print_error("row %zu: %s\n    no notice of rule %s\n", i + 1, r->law, eq + 1);
					failures++;
				}
				continue;
			}
			expect = strcmp(eq + 1, "-") ? eq + 1 : "";
			got = conclusion(out, tok);
			if (strcmp(got, expect) != 0) {
				print_error("row %zu: %s\n    %s: got \"%s\", the law gives \"%s\"\n", i + 1, r->law,
				            tok, got, expect);
				failures++;
			}
			free(got);
		}
		xmlFreeDoc(out);
	next:
		capture_end(&cap);
		free(text);
	}
	print_message("%zu CRA / AI Act combinations checked against the law, %zu failures\n",
	              sizeof rows / sizeof *rows, failures);
	assert_int_equal(failures, 0);
}

/* The two rule sets cite each other's graphs correctly and share no rule or item id. */
static void test_rules_across_regulations(void **state)
{
	world *w = *state;
	const gindex *graphs[2] = {&w->ai, &w->cra};
	captured cap;
	capture_begin(&cap);
	assert_int_equal(ruleset_check_other_refs(&w->ai_rs, graphs, 2, &cap.d), 0);
	assert_int_equal(ruleset_check_other_refs(&w->cra_rs, graphs, 2, &cap.d), 0);
	assert_int_equal(ruleset_check_disjoint(&w->ai_rs, &w->cra_rs, &cap.d), 0);
	assert_string_equal(capture_text(&cap), "");
	capture_end(&cap);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cra_routes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rules_across_regulations, setup, teardown),
	};
	return cmocka_run_group_tests_name("cra-routes", tests, NULL, NULL);
}
