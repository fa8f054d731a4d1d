/*
 * test_rule_fixes.c - what the AI Act rules used to leave out (issue 15, "Fix what the
 * current rules leave out"), checked on the real graph with the shipped rules:
 *   - the Article 43(1) choice cites Article 40 and Annexes VI and VII; the second
 *     subparagraph, point (a), cites Articles 40 and 41;
 *   - an Annex I product that fails Article 6(1)(b) gets a rule citing 6(1)(b) that
 *     records the Annex I facts it used (no catch-all);
 *   - the exceptions of Article 5(1) are trace steps, and the decision diagram shows
 *     them (derived from the trace, never "none of the practices applies" beside a
 *     step that states an exception);
 *   - a computed recital is listed under a checklist item only when its evidence
 *     touches the item's own provision (Recital 173 on delegated acts is not under the
 *     Annex VII items, Recital 23 not under national registration, Article 49(5)).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "assess/assess.h"
#include "assess/engine.h"
#include "assess/gindex.h"
#include "assess/product.h"
#include "assess/rules.h"
#include "assess/touch.h"
#include "assess_helpers.h"
#include "util/buf.h"
#include "util/fsio.h"

#define PRODUCT_RNG SOURCE_DIR "/templates/schema/product.rng"
#define RULES_RNG SOURCE_DIR "/templates/schema/rules.rng"

typedef struct world {
	char dir[256];
	xmlDocPtr graph;
	gindex g;
	ruleset rs;
} world;

static int setup(void **state)
{
	world *w = calloc(1, sizeof *w);
	diag d;
	diag_init(&d, stderr);
	make_temp_dir(w->dir, sizeof w->dir, "rulefix");
	w->graph = build_ai_act_graph(w->dir);
	if (!w->graph || gindex_init(&w->g, w->graph, "ai-act graph", &d) != 0)
		return -1;
	ruleset_init(&w->rs);
	if (ruleset_load_dir(&w->rs, SOURCE_DIR "/corpus/ai-act/rules", RULES_RNG, &w->g, &d) != 0)
		return -1;
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	world *w = *state;
	ruleset_free(&w->rs);
	gindex_free(&w->g);
	xmlFreeDoc(w->graph);
	remove_tree(w->dir);
	free(w);
	return 0;
}

#define HEAD                                                                                  \
	"<?xml version=\"1.0\"?>\n<product id=\"t\" regulation=\"ai-act\"><name>T</name><version>1</version>"        \
	"<provider established-in-union=\"yes\" sme=\"no\">P</provider>"                         \
	"<intended-purpose>Test.</intended-purpose><what ai-system=\"yes\" gpai-model=\"no\"/>"   \
	"<scope eu-market=\"yes\" military-defence-national-security=\"no\" "                     \
	"scientific-research-only=\"no\"/>"                                                       \
	"<transparency interacts-with-persons=\"no\" synthetic-content=\"no\" "                   \
	"emotion-recognition=\"no\" biometric-categorisation=\"no\"/>"
#define NO_PRACTICES                                                                          \
	"<practices subliminal-manipulation=\"no\" exploits-vulnerabilities=\"no\" "              \
	"social-scoring=\"no\" crime-risk-profiling-only=\"no\" untargeted-facial-scraping=\"no\" " \
	"emotion-recognition-workplace-education=\"no\" biometric-categorisation-sensitive=\"no\" " \
	"realtime-rbi-public-law-enforcement=\"no\" intimate-imagery=\"no\" csam=\"no\"/>"
#define RBI_SUSPECTS                                                                          \
	"<practices subliminal-manipulation=\"no\" exploits-vulnerabilities=\"no\" "              \
	"social-scoring=\"no\" crime-risk-profiling-only=\"no\" untargeted-facial-scraping=\"no\" " \
	"emotion-recognition-workplace-education=\"no\" biometric-categorisation-sensitive=\"no\" " \
	"realtime-rbi-public-law-enforcement=\"yes\" rbi-objective=\"suspects\" intimate-imagery=\"no\" "    \
	"csam=\"no\"/>"
#define BIO_LE(standards)                                                                     \
	"<annex-iii area=\"1\" point=\"a\"/><profiling natural-persons=\"no\"/>"                  \
	"<put-into-service-by authority=\"law-enforcement\"/><standards " standards "/>"

static xmlDocPtr assess_text(world *w, const char *body)
{
	buf b;
	captured cap;
	product p;
	xmlDocPtr doc, out = NULL;
	buf_init(&b);
	buf_puts(&b, HEAD);
	buf_puts(&b, body);
	buf_puts(&b, "</product>\n");
	capture_begin(&cap);
	doc = xmlsafe_read_memory(b.s, b.len, "t.xml", &cap.d);
	if (doc && product_from_doc(&p, doc, "t.xml", PRODUCT_RNG, &cap.d) == 0) {
		out = engine_assess(&w->rs, &p, &w->g, NULL, &cap.d);
		product_free(&p);
	}
	if (!out)
		print_error("assessment failed:\n%s\n", capture_text(&cap));
	capture_end(&cap);
	buf_free(&b);
	return out;
}

static int count(xmlDocPtr doc, const char *expr)
{
	char e[512];
	snprintf(e, sizeof e, "count(%s)", expr);
	return (int)xpath_number(doc, e);
}

/* Article 43(1), first subparagraph: "harmonised standards referred to in Article 40 ...
 * opt for ... (a) the internal control referred to in Annex VI; or (b) ... referred to in
 * Annex VII". */
static void test_43_1_choice_cites_40_and_annexes(void **state)
{
	world *w = *state;
	xmlDocPtr a = assess_text(w, NO_PRACTICES BIO_LE(
	    "harmonised=\"exist\" harmonised-applied=\"full\" restricted-part-relied-on=\"no\" "
	    "common-specifications=\"none\""));
	assert_non_null(a);
	assert_int_equal(count(a, "/assessment/trace/step[@rule='route-1-hs-full']"), 1);
	assert_int_equal(count(a, "/assessment/trace/step[@rule='route-1-hs-full']/cite[@ref='art-40']"), 1);
	assert_int_equal(count(a, "/assessment/trace/step[@rule='route-1-hs-full']/cite[@ref='anx-6']"), 1);
	assert_int_equal(count(a, "/assessment/trace/step[@rule='route-1-hs-full']/cite[@ref='anx-7']"), 1);
	/* the item asking for the choice cites both annexes */
	assert_int_equal(count(a, "//item[@id='procedure-choose']/cite[@ref='anx-6']"), 1);
	assert_int_equal(count(a, "//item[@id='procedure-choose']/cite[@ref='anx-7']"), 1);
	xmlFreeDoc(a);
	/* common specifications in full: Article 41 and both annexes */
	a = assess_text(w, NO_PRACTICES BIO_LE("harmonised=\"none\" common-specifications=\"exist\" "
	                                       "common-specifications-applied=\"full\""));
	assert_non_null(a);
	assert_int_equal(count(a, "/assessment/trace/step[@rule='route-1-cs-full']/cite[@ref='art-41.3']"), 1);
	assert_int_equal(count(a, "/assessment/trace/step[@rule='route-1-cs-full']/cite[@ref='anx-6']"), 1);
	assert_int_equal(count(a, "/assessment/trace/step[@rule='route-1-cs-full']/cite[@ref='anx-7']"), 1);
	xmlFreeDoc(a);
}

/* Article 43(1), second subparagraph, point (a): "harmonised standards referred to in
 * Article 40 do not exist, and common specifications referred to in Article 41 are not
 * available". */
static void test_43_1_sub2_a_cites_40_41(void **state)
{
	world *w = *state;
	xmlDocPtr a = assess_text(w, NO_PRACTICES BIO_LE("harmonised=\"none\" common-specifications=\"none\""));
	assert_non_null(a);
	assert_int_equal(count(a, "/assessment/trace/step[@rule='route-1-none-exist']/cite[@ref='art-43.1.sub2.a']"), 1);
	assert_int_equal(count(a, "/assessment/trace/step[@rule='route-1-none-exist']/cite[@ref='art-40']"), 1);
	assert_int_equal(count(a, "/assessment/trace/step[@rule='route-1-none-exist']/cite[@ref='art-41']"), 1);
	assert_int_equal(count(a, "/assessment/trace/step[@rule='route-1-none-exist']/cite[@ref='anx-7']"), 1);
	xmlFreeDoc(a);
}

/* Article 6(1)(b): "the product ... is required to undergo a third-party conformity
 * assessment". An Annex I product without it is not high-risk by a rule that says so
 * and records the Annex I facts it used. */
static void test_6_1_b_not_met(void **state)
{
	world *w = *state;
	xmlDocPtr a = assess_text(w, NO_PRACTICES
	    "<annex-i point=\"4\" section=\"A\" role=\"safety-component\" solely-non-safety=\"no\" third-party-assessment=\"no\">Lifts</annex-i>");
	char *risk;
	assert_non_null(a);
	risk = conclusion(a, "risk");
	assert_string_equal(risk, "not-high-risk");
	free(risk);
	assert_int_equal(count(a, "/assessment/trace/step[@decision='risk']"), 1);
	assert_int_equal(count(a, "/assessment/trace/step[@rule='risk-6-1-b-not-met']"), 1);
	assert_int_equal(count(a, "/assessment/trace/step[@rule='risk-6-1-b-not-met']/cite[@ref='art-6.1.b']"), 1);
	assert_int_equal(count(a, "/assessment/trace/step[@rule='risk-6-1-b-not-met']/used[@fact='annex-i.third-party-assessment' and @value='no']"), 1);
	assert_int_equal(count(a, "/assessment/trace/step[@rule='risk-6-1-b-not-met']/used[@fact='annex-i.point' and @value='4']"), 1);
	assert_int_equal(count(a, "/assessment/trace/step[@rule='risk-6-1-b-not-met']/used[@fact='annex-i.section' and @value='A']"), 1);
	assert_int_equal(count(a, "/assessment/trace/step[@rule='risk-none']"), 0);
	xmlFreeDoc(a);
}

/* Article 5(1)(h)(iii): real-time remote biometric identification strictly necessary to
 * localise a suspect is not prohibited; the trace says so and so does the diagram. */
static void test_diagram_from_trace(void **state)
{
	world *w = *state;
	char path[1024], out[512];
	char *html = NULL;
	size_t len = 0;
	diag d;
	snprintf(path, sizeof path, "%s/rbi.xml", w->dir);
	snprintf(out, sizeof out, "%s/rbi-out", w->dir);
	write_text(path, HEAD RBI_SUSPECTS BIO_LE("harmonised=\"none\" common-specifications=\"none\"")
	           "</product>\n");
	diag_init(&d, stderr);
	assert_int_equal(assess_product(w->graph, path, SOURCE_DIR "/corpus/ai-act/rules",
	                                SOURCE_DIR "/templates", out, &d),
	                 0);
	snprintf(path, sizeof path, "%s/checklist.html", out);
	assert_int_equal(fsio_read_file(path, 1 << 24, &html, &len, &d), 0);
	assert_non_null(strstr(html, "Exception of Article 5(1)(h)(iii)"));
	assert_null(strstr(html, "none of the practices of Article 5(1) applies"));
	free(html);
	/* without any practice described: no step, and the diagram says so */
	snprintf(path, sizeof path, "%s/plain.xml", w->dir);
	snprintf(out, sizeof out, "%s/plain-out", w->dir);
	write_text(path, HEAD NO_PRACTICES "<annex-iii area=\"4\" point=\"a\"/><profiling natural-persons=\"no\"/>"
	                 "<put-into-service-by authority=\"any\"/></product>\n");
	assert_int_equal(assess_product(w->graph, path, SOURCE_DIR "/corpus/ai-act/rules",
	                                SOURCE_DIR "/templates", out, &d),
	                 0);
	snprintf(path, sizeof path, "%s/checklist.html", out);
	assert_int_equal(fsio_read_file(path, 1 << 24, &html, &len, &d), 0);
	assert_non_null(strstr(html, "none of the practices of Article 5(1) applies"));
	free(html);
}

/* Recital 173 (delegated acts amending the Annexes) explains no point of Annex VII and
 * Recital 23 (Union institutions as providers) not Article 49(5) (national
 * registration): computed for the unit, neither touches those provisions. */
static void test_computed_recitals_touch_provision(void **state)
{
	world *w = *state;
	const gindex_pair *first;
	size_t n;
	int rec173 = 0, rec23 = 0;
	xmlDocPtr a = assess_text(w, NO_PRACTICES BIO_LE("harmonised=\"none\" common-specifications=\"none\""));
	assert_non_null(a);
	assert_true(count(a, "//item[starts-with(provision/@ref, 'anx-7.')]") >= 5);
	assert_int_equal(count(a, "//item[starts-with(provision/@ref, 'anx-7.')]/recital[@ref='rec-173']"), 0);
	xmlFreeDoc(a);
	/* the graph does suggest them for the units */
	n = gindex_suggested(&w->g, "anx-7", &first);
	for (size_t i = 0; i < n; i++)
		rec173 |= !strcmp(first[i].recital, "rec-173");
	n = gindex_suggested(&w->g, "art-49", &first);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(first[i].recital, "rec-23")) {
			rec23 = 1;
			assert_int_equal(touch_evidence(&w->g, "art-49.5", first[i].evidence), 0);
			assert_int_equal(touch_evidence(&w->g, "art-49", first[i].evidence), 1);
		}
	assert_true(rec173 && rec23);
	/* Annex III point 2 (critical infrastructure): national registration, Article 49(5) */
	a = assess_text(w, NO_PRACTICES "<annex-iii area=\"2\"/><profiling natural-persons=\"no\"/>"
	                               "<put-into-service-by authority=\"any\"/>");
	assert_non_null(a);
	assert_int_equal(count(a, "//item[@id='register-national']"), 1);
	assert_int_equal(count(a, "//item[@id='register-national']/recital[@ref='rec-23']"), 0);
	xmlFreeDoc(a);
}

/* touch_evidence on made-up evidence: cites inside or around the provision, every word
 * in its text. Article 43(1), second subparagraph, point (a) has "harmonised standards
 * referred to in Article 40 do not exist". */
static void test_touch_rules(void **state)
{
	world *w = *state;
	assert_int_equal(touch_evidence(&w->g, "art-43.1.sub2.a", "words: harmonised, exist"), 1);
	assert_int_equal(touch_evidence(&w->g, "art-43.1.sub2.a", "words: harmonised, notified"), 0);
	assert_int_equal(touch_evidence(&w->g, "art-43.1.sub2.a", "words: HARMONISED"), 1);
	assert_int_equal(touch_evidence(&w->g, "art-43.1.sub2.a", "words: armonised"), 0);
	assert_int_equal(touch_evidence(&w->g, "art-43.1.sub2.a", "cites: art-43.1; words: xyz"), 1);
	assert_int_equal(touch_evidence(&w->g, "art-43.1", "cites: art-43.1.sub2.a"), 1);
	assert_int_equal(touch_evidence(&w->g, "art-43.1", "cites: art-43.10"), 0);
	assert_int_equal(touch_evidence(&w->g, "art-43.1", "cites: art-43.2; terms: provider"), 1);
	assert_int_equal(touch_evidence(&w->g, "art-43", "words: xyz"), 1); /* the whole unit */
	assert_int_equal(touch_evidence(&w->g, "art-43.1", NULL), 0);
	assert_int_equal(touch_evidence(&w->g, "art-43.1", "via: art-40"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_43_1_choice_cites_40_and_annexes),
		cmocka_unit_test(test_43_1_sub2_a_cites_40_41),
		cmocka_unit_test(test_6_1_b_not_met),
		cmocka_unit_test(test_diagram_from_trace),
		cmocka_unit_test(test_computed_recitals_touch_provision),
		cmocka_unit_test(test_touch_rules),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
