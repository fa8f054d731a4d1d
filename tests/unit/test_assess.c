/*
 * test_assess.c - unit tests of the product rule engine (src/assess/) against a small
 * hand-written graph (tests/fixtures/products/mini-graph.xml) and rule files written
 * by the tests: product flattening, every condition operator, decision modes,
 * conclusions feeding later decisions, the product checks (require, conflict, exists)
 * with file:line diagnostics, rule-file checks (missing provision, duplicate rule id,
 * undeclared group, schema errors), labels, links, recitals, the documentation template
 * (Annex IV skeleton), combined assessments (<combine>: another regulation's rules, graph,
 * links and documentation; its absence; the checks across rule sets), and that changing
 * a rule file changes the result.
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

#define TEMPLATES SOURCE_DIR "/templates"
#define PRODUCT_RNG TEMPLATES "/schema/product.rng"
#define RULES_RNG TEMPLATES "/schema/rules.rng"
#define ASSESSMENT_RNG TEMPLATES "/schema/assessment.rng"

/* A product: the identity on line 2, the body from line 3 on. */
#define PRODUCT(body)                                                                         \
	"<?xml version=\"1.0\"?>\n"                                                               \
	"<product id=\"t\"><name>T</name><version>1</version><provider "                         \
	"established-in-union=\"yes\" sme=\"yes\">Prov</provider><intended-purpose>x</intended-"  \
	"purpose><what ai-system=\"yes\" gpai-model=\"no\"/>\n" body "</product>\n"

/* A rule file: groups and the documentation template on line 3, the body from line 4 on. */
#define RULES(body)                                                                           \
	"<?xml version=\"1.0\"?>\n"                                                               \
	"<rules regulation=\"ai-act\">\n"                                                         \
	"<group id=\"g\" title=\"Group\"/>" DOCUMENTATION "\n" body "</rules>\n"
#define DOCUMENTATION                                                                         \
	"<documentation file=\"annex-iv\" annex=\"anx-4\" basis=\"art-1.1\"><required><fact "    \
	"name=\"annex-iv\" is=\"required\"/></required><simplified><fact name=\"provider.sme\" "  \
	"is=\"yes\"/></simplified></documentation>"

typedef struct world {
	char dir[256];
	char rules_dir[300];
	char product_path[300];
	xmlDocPtr graph;
	gindex g;
	captured cap;
	xmlDocPtr out;
	int load_failed;
} world;

static int setup(void **state)
{
	world *w = calloc(1, sizeof *w);
	diag d;
	make_temp_dir(w->dir, sizeof w->dir, "assess");
	snprintf(w->rules_dir, sizeof w->rules_dir, "%s/rules", w->dir);
	snprintf(w->product_path, sizeof w->product_path, "%s/product.xml", w->dir);
	if (mkdir(w->rules_dir, 0777) != 0)
		return -1;
	diag_init(&d, stderr);
	w->graph = xmlsafe_read_file(SOURCE_DIR "/tests/fixtures/products/mini-graph.xml", &d);
	if (!w->graph || gindex_init(&w->g, w->graph, "mini-graph.xml", &d) != 0)
		return -1;
	capture_begin(&w->cap);
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	world *w = *state;
	if (w->out)
		xmlFreeDoc(w->out);
	capture_end(&w->cap);
	gindex_free(&w->g);
	xmlFreeDoc(w->graph);
	remove_tree(w->dir);
	free(w);
	return 0;
}

/* Write the rule file and product, run the engine; w->out is the assessment or NULL. */
static xmlDocPtr run(world *w, const char *rules_xml, const char *product_xml)
{
	char path[400];
	ruleset rs;
	product p;
	snprintf(path, sizeof path, "%s/10-test.xml", w->rules_dir);
	write_text(path, rules_xml);
	write_text(w->product_path, product_xml);
	if (w->out) {
		xmlFreeDoc(w->out);
		w->out = NULL;
	}
	w->load_failed = 0;
	ruleset_init(&rs);
	if (ruleset_load_dir(&rs, w->rules_dir, RULES_RNG, &w->g, &w->cap.d) != 0) {
		w->load_failed = 1;
		ruleset_free(&rs);
		return NULL;
	}
	if (product_load(&p, w->product_path, PRODUCT_RNG, &w->cap.d) != 0) {
		w->load_failed = 1;
		ruleset_free(&rs);
		return NULL;
	}
	w->out = engine_assess(&rs, &p, &w->g, NULL, &w->cap.d);
	product_free(&p);
	ruleset_free(&rs);
	return w->out;
}

static void assert_conclusion(xmlDocPtr doc, const char *name, const char *want)
{
	char *got = conclusion(doc, name);
	if (strcmp(got, want) != 0)
		fail_msg("conclusion %s: got \"%s\", want \"%s\"", name, got, want);
	free(got);
}

static void assert_diag(world *w, const char *needle)
{
	const char *text = capture_text(&w->cap);
	if (!strstr(text, needle))
		fail_msg("diagnostics lack \"%s\"; they are:\n%s", needle, text);
}

/* ---- products ---------------------------------------------------------------- */

static void test_flatten(void **state)
{
	world *w = *state;
	product p;
	int area4 = 0, area1 = 0;
	write_text(w->product_path,
	           PRODUCT("<annex-iii area=\"4\" point=\"a\"/>\n<annex-iii area=\"1\" point=\"b\"/>\n"
	                   "<history already-assessed=\"no\">first version</history>\n"));
	assert_int_equal(product_load(&p, w->product_path, PRODUCT_RNG, &w->cap.d), 0);
	assert_string_equal(p.id, "t");
	for (size_t i = 0; i < p.facts.n; i++) {
		const fact *f = &p.facts.v[i];
		if (!strcmp(f->name, "annex-iii.area") && !strcmp(f->value, "4")) {
			area4 = 1;
			assert_int_equal(f->line, 3);
		}
		if (!strcmp(f->name, "annex-iii.area") && !strcmp(f->value, "1")) {
			area1 = 1;
			assert_int_equal(f->line, 4);
		}
		if (!strcmp(f->name, "provider"))
			assert_string_equal(f->value, "Prov");
		if (!strcmp(f->name, "history"))
			assert_string_equal(f->value, "first version");
		if (!strcmp(f->name, "provider.sme"))
			assert_string_equal(f->value, "yes");
	}
	assert_true(area4 && area1);
	product_free(&p);
}

static void test_unknown_element(void **state)
{
	world *w = *state;
	product p;
	write_text(w->product_path, PRODUCT("<colour value=\"red\"/>\n"));
	assert_int_equal(product_load(&p, w->product_path, PRODUCT_RNG, &w->cap.d), -1);
	assert_diag(w, "product.xml:3: error:");
}

static void test_bad_slug(void **state)
{
	world *w = *state;
	product p;
	write_text(w->product_path,
	           "<product id=\"../evil\"><name>T</name><version>1</version><provider "
	           "established-in-union=\"yes\">P</provider><intended-purpose>x</intended-purpose>"
	           "<what ai-system=\"yes\" gpai-model=\"no\"/></product>");
	assert_int_equal(product_load(&p, w->product_path, PRODUCT_RNG, &w->cap.d), -1);
	assert_diag(w, "product.xml:1: error:");
}

/* ---- conditions and decisions ------------------------------------------------- */

/* One decision with one rule whose condition is cond; the conclusion "hit" is "yes"
 * when it held. */
static int holds(world *w, const char *cond, const char *body)
{
	char rules[4096];
	char *v;
	int r;
	snprintf(rules, sizeof rules,
	         RULES("<decision name=\"d\" mode=\"first\">\n"
	               "<rule id=\"r\"><when>%s</when><because>b</because>"
	               "<set name=\"hit\" value=\"yes\"/></rule>\n</decision>\n"),
	         cond);
	assert_non_null(run(w, rules, body));
	v = conclusion(w->out, "hit");
	r = !strcmp(v, "yes");
	free(v);
	return r;
}

static void test_operators(void **state)
{
	world *w = *state;
	const char *p = PRODUCT("<annex-iii area=\"4\" point=\"a\"/>\n<annex-iii area=\"1\" point=\"b\"/>\n"
	                        "<gpai training-flop=\"3.8e25\" commission-designated=\"no\"/>\n");
	static const struct {
		const char *cond;
		int want;
	} rows[] = {
		{"<fact name=\"annex-iii.area\" is=\"4\"/>", 1},
		{"<fact name=\"annex-iii.area\" is=\"1\"/>", 1}, /* any value of a repeated fact */
		{"<fact name=\"annex-iii.area\" is=\"2\"/>", 0},
		{"<fact name=\"annex-iii.area\" in=\"2 3 4\"/>", 1},
		{"<fact name=\"annex-iii.area\" in=\"2 3\"/>", 0},
		{"<fact name=\"annex-iii.area\" not-in=\"2 3\"/>", 1},
		{"<fact name=\"annex-iii.area\" not-in=\"1\"/>", 0},
		{"<fact name=\"nothing.here\" not-in=\"yes\"/>", 1}, /* absent: not in any list */
		{"<fact name=\"nothing.here\" present=\"no\"/>", 1},
		{"<fact name=\"annex-iii.point\" present=\"yes\"/>", 1},
		{"<fact name=\"gpai.training-flop\" gt=\"1e25\"/>", 1},
		{"<fact name=\"gpai.training-flop\" gt=\"3.8e25\"/>", 0},
		{"<fact name=\"gpai.training-flop\" ge=\"3.8e25\"/>", 1},
		{"<fact name=\"gpai.training-flop\" lt=\"1e26\"/>", 1},
		{"<fact name=\"gpai.training-flop\" le=\"1e24\"/>", 0},
		{"<fact name=\"gpai.commission-designated\" gt=\"0\"/>", 0}, /* not a number */
		{"<all><fact name=\"annex-iii.area\" is=\"4\"/><fact name=\"annex-iii.point\" is=\"b\"/></all>", 1},
		{"<all><fact name=\"annex-iii.area\" is=\"4\"/><fact name=\"annex-iii.point\" is=\"c\"/></all>", 0},
		{"<any><fact name=\"annex-iii.area\" is=\"9\"/><fact name=\"annex-iii.point\" is=\"a\"/></any>", 1},
		{"<any><fact name=\"annex-iii.area\" is=\"9\"/><fact name=\"annex-iii.point\" is=\"z\"/></any>", 0},
		{"<not><fact name=\"annex-iii.area\" is=\"9\"/></not>", 1},
		{"<not><always/></not>", 0},
		{"<always/>", 1},
		{"<fact name=\"what.ai-system\" is=\"yes\"/>", 1},
		{"<fact name=\"provider\" is=\"Prov\"/>", 1},
		{"<fact name=\"id\" is=\"t\"/>", 1},
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		int got = holds(w, rows[i].cond, p);
		if (got != rows[i].want)
			fail_msg("row %zu: %s: got %d, want %d", i, rows[i].cond, got, rows[i].want);
	}
}

static void test_first_and_all(void **state)
{
	world *w = *state;
	const char *rules = RULES(
		"<decision name=\"one\" mode=\"first\">\n"
		"<rule id=\"a1\"><when><always/></when><because>b</because><set name=\"one\" value=\"x\"/></rule>\n"
		"<rule id=\"a2\"><when><always/></when><because>b</because><set name=\"one\" value=\"y\"/></rule>\n"
		"</decision>\n"
		"<decision name=\"many\" mode=\"all\">\n"
		"<rule id=\"b1\"><when><always/></when><because>b</because><set name=\"many\" value=\"x\"/></rule>\n"
		"<rule id=\"b2\"><when><not><always/></not></when><because>b</because><set name=\"many\" value=\"y\"/></rule>\n"
		"<rule id=\"b3\"><when><always/></when><because>b</because><set name=\"many\" value=\"z\"/></rule>\n"
		"</decision>\n");
	assert_non_null(run(w, rules, PRODUCT("")));
	assert_conclusion(w->out, "one", "x");
	assert_conclusion(w->out, "many", "x z");
	assert_int_equal((int)xpath_number(w->out, "count(/assessment/trace/step)"), 3);
}

static void test_chaining_and_guard(void **state)
{
	world *w = *state;
	const char *rules = RULES(
		"<decision name=\"risk\" mode=\"first\">\n"
		"<rule id=\"hr\"><when><fact name=\"annex-iii.area\" present=\"yes\"/></when><because>b</because>"
		"<set name=\"risk\" value=\"high\"/></rule>\n"
		"<rule id=\"low\"><when><always/></when><because>b</because><set name=\"risk\" value=\"low\"/></rule>\n"
		"</decision>\n"
		"<decision name=\"route\" mode=\"first\">\n"
		"<when><fact name=\"risk\" is=\"high\"/></when>\n"
		"<rule id=\"rt\"><when><always/></when><because>b</because><set name=\"route\" value=\"vi\"/></rule>\n"
		"</decision>\n");
	assert_non_null(run(w, rules, PRODUCT("<annex-iii area=\"2\"/>\n")));
	assert_conclusion(w->out, "risk", "high");
	assert_conclusion(w->out, "route", "vi");
	assert_non_null(run(w, rules, PRODUCT("")));
	assert_conclusion(w->out, "risk", "low");
	assert_conclusion(w->out, "route", ""); /* the guard kept the decision out */
}

/* ---- checks on the product ----------------------------------------------------- */

static void test_require(void **state)
{
	world *w = *state;
	const char *rules = RULES(
		"<require fact=\"profiling.natural-persons\" message=\"say whether it profiles\">\n"
		"<when><fact name=\"annex-iii.area\" present=\"yes\"/></when></require>\n"
		"<decision name=\"d\" mode=\"first\"><rule id=\"r\"><when><always/></when><because>b</because></rule></decision>\n");
	assert_null(run(w, rules, PRODUCT("<annex-iii area=\"2\"/>\n")));
	/* no <profiling> element: reported at the root's line */
	assert_diag(w, "product.xml:2: error: missing required fact \"profiling.natural-persons\": say "
	               "whether it profiles");
	assert_diag(w, "10-test.xml:4)");
	/* not needed without an Annex III point */
	assert_non_null(run(w, rules, PRODUCT("")));
}

static void test_require_line_of_group(void **state)
{
	world *w = *state;
	const char *rules = RULES(
		"<require fact=\"standards.harmonised-applied\" message=\"say how\"/>\n"
		"<decision name=\"d\" mode=\"first\"><rule id=\"r\"><when><always/></when><because>b</because></rule></decision>\n");
	assert_null(run(w, rules, PRODUCT("\n\n<standards harmonised=\"exist\"/>\n")));
	assert_diag(w, "product.xml:5: error: missing required fact \"standards.harmonised-applied\"");
}

static void test_conflict(void **state)
{
	world *w = *state;
	const char *rules = RULES(
		"<conflict message=\"cannot apply what does not exist\">\n"
		"<fact name=\"standards.harmonised\" is=\"none\"/>\n"
		"<fact name=\"standards.harmonised-applied\" in=\"full part\"/></conflict>\n"
		"<decision name=\"d\" mode=\"first\"><rule id=\"r\"><when><always/></when><because>b</because></rule></decision>\n");
	assert_null(run(w, rules, PRODUCT("<standards harmonised=\"none\" harmonised-applied=\"full\"/>\n")));
	assert_diag(w, "product.xml:3: error: contradictory facts: standards.harmonised=\"none\" (line 3) "
	               "and standards.harmonised-applied=\"full\" (line 3): cannot apply what does not exist");
	assert_non_null(run(w, rules, PRODUCT("<standards harmonised=\"none\"/>\n")));
}

static void test_exists(void **state)
{
	world *w = *state;
	const char *rules = RULES(
		"<exists element=\"annex-iii\" id=\"anx-3.{area}[.{point}]\" leaf=\"yes\" "
		"message=\"Annex III has no point {area}[({point})]\"/>\n"
		"<decision name=\"d\" mode=\"first\"><rule id=\"r\"><when><always/></when><because>b</because></rule></decision>\n");
	assert_non_null(run(w, rules, PRODUCT("<annex-iii area=\"1\" point=\"a\"/>\n<annex-iii area=\"2\"/>\n")));
	assert_null(run(w, rules, PRODUCT("\n<annex-iii area=\"9\" point=\"c\"/>\n")));
	assert_diag(w, "product.xml:4: error: <annex-iii>: Annex III has no point 9(c) (anx-3.9.c does not "
	               "exist in the graph of ai-act)");
	assert_null(run(w, rules, PRODUCT("<annex-iii area=\"1\"/>\n")));
	assert_diag(w, "product.xml:3: error: <annex-iii>: anx-3.1 has points below it (a, b): name one of them");
}

/* ---- checks on the rules --------------------------------------------------------- */

static void test_rule_cites_missing_provision(void **state)
{
	world *w = *state;
	const char *rules = RULES(
		"<decision name=\"d\" mode=\"first\">\n"
		"<rule id=\"r\"><when><always/></when><because>b</because>\n"
		"<cite ref=\"art-1.1\"/>\n"
		"<cite ref=\"art-99.1\"/>\n"
		"<cite regulation=\"cra\" ref=\"art-12.3\"/>\n"
		"<item id=\"i\" group=\"g\" provision=\"art-98\"><title>t</title><statement>s</statement></item>\n"
		"</rule></decision>\n");
	assert_null(run(w, rules, PRODUCT("")));
	assert_true(w->load_failed);
	assert_diag(w, "10-test.xml:7: error: <cite ref=\"art-99.1\">: provision art-99.1 does not exist in "
	               "the graph of ai-act");
	assert_diag(w, "10-test.xml:9: error: <item provision=\"art-98\">");
	/* another regulation's id is not checked against this graph */
	assert_null(strstr(capture_text(&w->cap), "art-12.3"));
}

static void test_duplicate_rule_id(void **state)
{
	world *w = *state;
	const char *rules = RULES(
		"<decision name=\"d\" mode=\"first\">\n"
		"<rule id=\"same\"><when><always/></when><because>b</because></rule>\n"
		"<rule id=\"same\"><when><always/></when><because>b</because></rule>\n"
		"</decision>\n");
	assert_null(run(w, rules, PRODUCT("")));
	assert_diag(w, "10-test.xml:6: error: rule id \"same\" is already used at");
}

static void test_undeclared_group(void **state)
{
	world *w = *state;
	const char *rules = RULES(
		"<decision name=\"d\" mode=\"first\">\n"
		"<rule id=\"r\"><when><always/></when><because>b</because>\n"
		"<item id=\"i\" group=\"nope\" provision=\"art-1\"><title>t</title><statement>s</statement></item>\n"
		"</rule></decision>\n");
	assert_null(run(w, rules, PRODUCT("")));
	assert_diag(w, "10-test.xml:6: error: item \"i\" names group \"nope\"");
}

static void test_rules_schema(void **state)
{
	world *w = *state;
	const char *rules = RULES(
		"<decision name=\"d\" mode=\"first\">\n"
		"<rule id=\"r\"><when><fact name=\"x\" equals=\"1\"/></when><because>b</because></rule>\n"
		"</decision>\n");
	assert_null(run(w, rules, PRODUCT("")));
	assert_diag(w, "10-test.xml:5: error:");
}

static void test_rules_wrong_regulation(void **state)
{
	world *w = *state;
	assert_null(run(w,
	                "<rules regulation=\"cra\">\n<decision name=\"d\" mode=\"first\"><rule id=\"r\">"
	                "<when><always/></when><because>b</because></rule></decision></rules>\n",
	                PRODUCT("")));
	assert_diag(w, "10-test.xml:1: error: rules for regulation \"cra\" cannot be used with the graph "
	               "of \"ai-act\"");
}

/* ---- a legal editor changes a rule: the result changes ----------------------- */

static void test_rule_change_changes_result(void **state)
{
	world *w = *state;
	const char *before = RULES(
		"<decision name=\"route\" mode=\"first\">\n"
		"<rule id=\"biometrics\"><when><fact name=\"annex-iii.area\" is=\"1\"/></when><because>43(1)</because>"
		"<set name=\"route\" value=\"annex-vii\"/></rule>\n"
		"<rule id=\"others\"><when><fact name=\"annex-iii.area\" in=\"2 3 4 5 6 7 8\"/></when><because>43(2)</because>"
		"<set name=\"route\" value=\"annex-vi\"/></rule>\n"
		"</decision>\n");
	/* the same file after an (imagined) delegated act under Article 43(6) moving point 4 of
	 * Annex III to Annex VII */
	const char *after = RULES(
		"<decision name=\"route\" mode=\"first\">\n"
		"<rule id=\"biometrics\"><when><fact name=\"annex-iii.area\" in=\"1 4\"/></when><because>43(1)</because>"
		"<set name=\"route\" value=\"annex-vii\"/></rule>\n"
		"<rule id=\"others\"><when><fact name=\"annex-iii.area\" in=\"2 3 5 6 7 8\"/></when><because>43(2)</because>"
		"<set name=\"route\" value=\"annex-vi\"/></rule>\n"
		"</decision>\n");
	const char *product = PRODUCT("<annex-iii area=\"4\" point=\"a\"/>\n");
	assert_non_null(run(w, before, product));
	assert_conclusion(w->out, "route", "annex-vi");
	assert_non_null(run(w, after, product));
	assert_conclusion(w->out, "route", "annex-vii");
}

/* ---- the assessment document ------------------------------------------------------ */

static void test_trace_items_recitals(void **state)
{
	world *w = *state;
	const char *rules = RULES(
		"<decision name=\"d\" mode=\"first\">\n"
		"<rule id=\"r\" title=\"The rule\"><when><fact name=\"annex-iii.area\" is=\"2\"/></when>"
		"<because>Because.</because>\n"
		"<cite ref=\"art-1.1.sub2.b\"/><cite regulation=\"cra\" ref=\"art-12.3\">CRA Article 12(3)</cite>\n"
		"<set name=\"x\" value=\"y\" label=\"Why\"/>\n"
		"<notice level=\"warning\">Careful.</notice>\n"
		"<item id=\"i1\" group=\"g\" provision=\"art-1.1.a\"><title>T</title><statement>S</statement>"
		"<cite ref=\"anx-3.1.a\"/></item>\n"
		"</rule></decision>\n");
	char *s;
	assert_non_null(run(w, rules, PRODUCT("\n<annex-iii area=\"2\"/>\n")));
	s = xpath_string(w->out, "string(//step[@rule='r']/used[@fact='annex-iii.area']/@line)");
	assert_string_equal(s, "4");
	free(s);
	s = xpath_string(w->out, "string(//step[@rule='r']/cite[1]/@label)");
	assert_string_equal(s, "Article 1(1), second subparagraph, point (b)");
	free(s);
	s = xpath_string(w->out, "string(//step[@rule='r']/cite[1]/@href)");
	assert_string_equal(s, "../../site/art-1.html#art-1.1.sub2.b");
	free(s);
	s = xpath_string(w->out, "string(//step[@rule='r']/cite[2]/@href)");
	assert_string_equal(s, "../../../cra/site/art-12.html#art-12.3");
	free(s);
	s = xpath_string(w->out, "string(//step[@rule='r']/cite[2]/@label)");
	assert_string_equal(s, "CRA Article 12(3)");
	free(s);
	s = xpath_string(w->out, "string(//notice[@rule='r'])");
	assert_string_equal(s, "Careful.");
	free(s);
	/* recitals: rec-2 and rec-10 from art-1 (numeric order), rec-1 from anx-3 via the cite */
	s = xpath_string(w->out, "concat(//item[@id='i1']/recital[1]/@ref, ' ', //item[@id='i1']/recital[2]/@ref, ' ', //item[@id='i1']/recital[3]/@ref)");
	assert_string_equal(s, "rec-1 rec-2 rec-10");
	free(s);
	s = xpath_string(w->out, "string(//item[@id='i1']/provision/law)");
	assert_string_equal(s, "point (a);");
	free(s);
	s = xpath_string(w->out, "string(//item[@id='i1']/../@title)");
	assert_string_equal(s, "Group");
	free(s);
	/* the documentation template the rules declare (Annex IV) with the provisions
	 * citing a point */
	s = xpath_string(w->out, "string(//documentation/part/point[@ref='anx-4.1']/point[@ref='anx-4.1.a']/cited-by/@ref)");
	assert_string_equal(s, "art-2.1");
	free(s);
	s = xpath_string(w->out, "concat(//documentation/@file, ' ', //documentation/part/@required, ' ', //documentation/part/@simplified)");
	assert_string_equal(s, "annex-iv no yes");
	free(s);
	{
		diag d;
		diag_init(&d, stderr);
		assert_int_equal(xmlsafe_validate(w->out, ASSESSMENT_RNG, "assessment", &d), 0);
	}
}

/* ---- combined assessments (another regulation brought in by <combine>) ------------ */

/* A second regulation: the mini graph under the id "other", short title "Other Act". */
static xmlDocPtr other_graph(void)
{
	diag d;
	xmlDocPtr g;
	diag_init(&d, stderr);
	g = xmlsafe_read_file(SOURCE_DIR "/tests/fixtures/products/mini-graph.xml", &d);
	if (g) {
		xmlNodePtr root = xmlDocGetRootElement(g);
		xmlSetProp(root, (const xmlChar *)"id", (const xmlChar *)"other");
		xmlNewTextChild(root, NULL, (const xmlChar *)"short-title", (const xmlChar *)"Other Act");
		/* a regulation with versions (doc/manifest.md): its <law> in the assessment */
		xmlSetProp(root, (const xmlChar *)"version", (const xmlChar *)"v2");
		xmlSetProp(root, (const xmlChar *)"applies-from", (const xmlChar *)"2026-01-01");
	}
	return g;
}

#define OTHER_RULES(body)                                                                     \
	"<?xml version=\"1.0\"?>\n"                                                               \
	"<rules regulation=\"other\">\n"                                                          \
	"<group id=\"og\" title=\"Other group\"/>\n" body "</rules>\n"

/* Run the primary rules with the other regulation given (give_other) or not; the other
 * rules are written to other-rules/10-other.xml. */
static xmlDocPtr run_combined(world *w, const char *rules_xml, const char *other_xml,
                              const char *product_xml, int give_other)
{
	char path[700], odir[300];
	ruleset rs, ors;
	product p;
	gindex og;
	xmlDocPtr ograph = other_graph();
	engine_regulation er;
	engine_options eo;
	const gindex *graphs[2];
	snprintf(odir, sizeof odir, "%s/other-rules", w->dir);
	mkdir(odir, 0777);
	snprintf(path, sizeof path, "%s/10-other.xml", odir);
	write_text(path, other_xml);
	snprintf(path, sizeof path, "%s/10-test.xml", w->rules_dir);
	write_text(path, rules_xml);
	write_text(w->product_path, product_xml);
	if (w->out) {
		xmlFreeDoc(w->out);
		w->out = NULL;
	}
	assert_non_null(ograph);
	assert_int_equal(gindex_init(&og, ograph, "other", &w->cap.d), 0);
	ruleset_init(&rs);
	ruleset_init(&ors);
	w->load_failed = 0;
	graphs[0] = &w->g;
	graphs[1] = &og;
	if (ruleset_load_dir(&rs, w->rules_dir, RULES_RNG, &w->g, &w->cap.d) != 0 ||
	    ruleset_load_dir(&ors, odir, RULES_RNG, &og, &w->cap.d) != 0 ||
	    ruleset_check_other_refs(&rs, graphs, 2, &w->cap.d) != 0 ||
	    ruleset_check_other_refs(&ors, graphs, 2, &w->cap.d) != 0 ||
	    ruleset_check_disjoint(&rs, &ors, &w->cap.d) != 0 ||
	    product_load(&p, w->product_path, PRODUCT_RNG, &w->cap.d) != 0) {
		w->load_failed = 1;
	} else {
		memset(&eo, 0, sizeof eo);
		er.rs = &ors;
		er.g = &og;
		eo.others = &er;
		eo.nothers = give_other ? 1 : 0;
		w->out = engine_assess(&rs, &p, &w->g, &eo, &w->cap.d);
		product_free(&p);
	}
	ruleset_free(&rs);
	ruleset_free(&ors);
	gindex_free(&og);
	xmlFreeDoc(ograph);
	return w->out;
}

static const char combine_rules[] = RULES(
	"<combine regulation=\"other\"><when><fact name=\"annex-iii.area\" is=\"2\"/></when>"
	"<because>Both apply.</because><cite ref=\"art-1.1\"/><cite regulation=\"other\" ref=\"art-1.1.a\"/></combine>\n"
	"<decision name=\"d\" mode=\"first\"><rule id=\"r\"><when><always/></when><because>B.</because>"
	"<set name=\"x\" value=\"y\"/></rule></decision>\n");
static const char other_rules[] = OTHER_RULES(
	"<documentation file=\"annex-x\" annex=\"anx-4\" basis=\"art-1.1\"/>\n"
	"<require fact=\"profiling.natural-persons\" message=\"say it\"/>\n"
	"<decision name=\"od\" mode=\"first\"><rule id=\"o1\"><when><fact name=\"x\" is=\"y\"/></when>"
	"<because>The primary concluded x.</because><cite ref=\"art-1.1\"/>"
	"<cite regulation=\"ai-act\" ref=\"art-1.1.sub2\">Primary Article 1(1), second subparagraph</cite>"
	"<set name=\"o\" value=\"1\"/>"
	"<item id=\"oi\" group=\"og\" provision=\"art-1.1.a\"><title>T</title><statement>S</statement>"
	"<cite ref=\"anx-3.1.a\"/></item></rule></decision>\n");

static void test_combine(void **state)
{
	world *w = *state;
	char *s;
	assert_non_null(run_combined(w, combine_rules, other_rules,
	                             PRODUCT("<annex-iii area=\"2\"/><profiling natural-persons=\"no\"/>\n"), 1));
	/* why: the first step of the trace, with the facts its condition tested */
	s = xpath_string(w->out, "concat(//step[1]/@rule, ' ', //step[1]/@decision, ' ', //step[1]/used/@fact, ' ', //step[1]/cite[2]/@href)");
	assert_string_equal(s, "combine-other combine annex-iii.area ../../../other/site/art-1.html#art-1.1.a");
	free(s);
	s = xpath_string(w->out, "concat(/assessment/combined/regulation/@id, ' ', /assessment/combined/regulation/@site-base)");
	assert_string_equal(s, "other ../../../other/site/");
	free(s);
	/* the other rules ran after the primary's, over its conclusions */
	assert_conclusion(w->out, "o", "1");
	/* their item: under their group, traced into their graph and site, with its recitals */
	s = xpath_string(w->out, "concat(//group[item/@id='oi']/@regulation, ' ', //item[@id='oi']/provision/@regulation, ' ', //item[@id='oi']/provision/@label, ' ', //item[@id='oi']/provision/@href)");
	assert_string_equal(s, "other other Other Act Article 1(1)(a) ../../../other/site/art-1.html#art-1.1.a");
	free(s);
	s = xpath_string(w->out, "concat(//item[@id='oi']/provision/law, '|', //item[@id='oi']/recital[1]/@ref, ' ', //item[@id='oi']/recital[1]/@regulation)");
	assert_string_equal(s, "point (a);|rec-1 other");
	free(s);
	/* a citation of the primary regulation from the other's rules links into its own site */
	s = xpath_string(w->out, "string(//step[@rule='o1']/cite[2]/@href)");
	assert_string_equal(s, "../../site/art-1.html#art-1.1.sub2");
	free(s);
	/* the documentation: the primary's part, then the other's */
	s = xpath_string(w->out, "concat(//documentation/@file, ' ', //documentation/part[1]/@regulation, ' ', //documentation/part[2]/@regulation, ' ', //documentation/part[2]/annex/@label)");
	assert_string_equal(s, "annex-iv ai-act other Other Act Annex IV");
	free(s);
	{
		diag d;
		diag_init(&d, stderr);
		assert_int_equal(xmlsafe_validate(w->out, ASSESSMENT_RNG, "assessment", &d), 0);
	}
}

/* One <law> per regulation (issue 16: no second <law-version> vocabulary): the product's
 * own first, with how its version was chosen, then each combined one with its version. */
static void test_combine_laws(void **state)
{
	world *w = *state;
	char *s;
	assert_non_null(run_combined(w, combine_rules, other_rules,
	                             PRODUCT("<annex-iii area=\"2\"/><profiling natural-persons=\"no\"/>\n"), 1));
	assert_true(xpath_number(w->out, "count(/assessment/law)") == 2);
	assert_true(xpath_number(w->out, "count(//law-version)") == 0);
	s = xpath_string(w->out, "concat(/assessment/law[1]/@regulation, ' ', /assessment/law[2]/@regulation, ' ', /assessment/law[2]/@version, ' ', /assessment/law[2]/@applies-from, ' ', /assessment/law[2]/@title, ' ', /assessment/law[2]/@site, ' ', count(/assessment/law[2]/@chosen-by))");
	assert_string_equal(s, "ai-act other v2 2026-01-01 Other Act ../../../other/site/ 0");
	free(s);
	/* without the other regulation: the product's own <law> alone */
	assert_non_null(run_combined(w, combine_rules, other_rules,
	                             PRODUCT("<annex-iii area=\"3\" point=\"a\"/>\n"), 1));
	s = xpath_string(w->out, "concat(count(/assessment/law), ' ', /assessment/law/@regulation)");
	assert_string_equal(s, "1 ai-act");
	free(s);
	{
		diag d;
		diag_init(&d, stderr);
		assert_int_equal(xmlsafe_validate(w->out, ASSESSMENT_RNG, "assessment", &d), 0);
	}
}

static void test_combine_condition_and_missing(void **state)
{
	world *w = *state;
	char *s;
	/* the condition does not hold: the other regulation stays out */
	assert_non_null(run_combined(w, combine_rules, other_rules, PRODUCT("<annex-iii area=\"3\" point=\"a\"/>\n"), 1));
	assert_conclusion(w->out, "o", "");
	assert_true(xpath_number(w->out, "count(//step[@decision='combine'] | /assessment/combined)") == 0);
	/* its checks do not run either: profiling is not required */
	assert_string_equal(capture_text(&w->cap), "");
	/* it holds, but the other regulation is not given: a warning notice, no items */
	assert_non_null(run_combined(w, combine_rules, other_rules, PRODUCT("<annex-iii area=\"2\"/>\n"), 0));
	assert_conclusion(w->out, "o", "");
	s = xpath_string(w->out, "concat(//notice[@rule='combine-other']/@level, ' ', count(//item[@id='oi']))");
	assert_string_equal(s, "warning 0");
	free(s);
	/* given and active: its <require> runs on the product */
	assert_null(run_combined(w, combine_rules, other_rules, PRODUCT("<annex-iii area=\"2\"/>\n"), 1));
	assert_diag(w, "missing required fact \"profiling.natural-persons\": say it");
}

static void test_combine_rule_checks(void **state)
{
	world *w = *state;
	/* an id cited in the other regulation must exist in its graph (file:line) */
	assert_null(run_combined(w, RULES("<combine regulation=\"other\"><when><always/></when><because>B.</because>\n"
	                                  "<cite regulation=\"other\" ref=\"art-99\"/></combine>\n"),
	                         other_rules, PRODUCT(""), 1));
	assert_diag(w, "10-test.xml:5: error: <cite ref=\"art-99\" regulation=\"other\">: provision art-99 does not exist in the graph of other");
	/* rules of regulations assessed together need distinct rule and item ids */
	assert_null(run_combined(w, RULES("<decision name=\"d\" mode=\"first\"><rule id=\"o1\"><when><always/></when><because>B.</because></rule></decision>\n"),
	                         other_rules, PRODUCT(""), 1));
	assert_diag(w, "rule id \"o1\" is already used by the rules of another regulation at");
}

static void test_labels(void **state)
{
	world *w = *state;
	static const char *const rows[][2] = {
		{"art-1", "Article 1"},
		{"art-1.1", "Article 1(1)"},
		{"art-1.1.a", "Article 1(1)(a)"},
		{"art-1.1.sub2", "Article 1(1), second subparagraph"},
		{"art-1.1.sub2.b", "Article 1(1), second subparagraph, point (b)"},
		{"anx-3", "Annex III"},
		{"anx-3.1", "Annex III, point 1"},
		{"anx-3.1.a", "Annex III, point 1(a)"},
		{"anx-3.1.a.sub2", "Annex III, point 1(a), second paragraph"},
		{"anx-7.4", "Annex VII, point 4"},
		{"anx-7.4.6", "Annex VII, point 4.6"},
		{"anx-7.4.6.sub5", "Annex VII, point 4.6, fifth paragraph"},
		{"anx-8.A", "Annex VIII, Section A"},
		{"anx-8.A.1", "Annex VIII, Section A, point 1"},
		{"rec-10", "Recital 10"},
		{"art-77.1", "art-77.1"}, /* not in the graph: the id itself */
	};
	/* twice: the second time from the index's memo, after a prefix */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
			buf b;
			buf_init(&b);
			buf_puts(&b, pass ? "Other Act " : "");
			gindex_label(&w->g, rows[i][0], &b);
			if (strcmp(b.s + (pass ? 10 : 0), rows[i][1]) != 0)
				fail_msg("%s: got \"%s\", want \"%s\"", rows[i][0], b.s, rows[i][1]);
			buf_free(&b);
		}
	}
	/* a text: the same from the memo, and after other text (flattened there) */
	{
		buf a, b, c;
		buf_init(&a);
		buf_init(&b);
		buf_init(&c);
		gindex_text(&w->g, "art-1.1", &a);
		gindex_text(&w->g, "art-1.1", &b);
		buf_puts(&c, "x");
		gindex_text(&w->g, "art-1.1", &c);
		assert_true(a.len > 0);
		assert_string_equal(a.s, b.s);
		assert_true(c.s[0] == 'x' && !strcmp(c.s + 1 + (c.s[1] == ' '), a.s));
		buf_free(&a);
		buf_free(&b);
		buf_free(&c);
	}
}

static void test_template(void **state)
{
	world *w = *state;
	xmlDocPtr doc = xmlReadMemory("<x area=\"4\" point=\"a\"/>", 24, "t", NULL, 0);
	xmlNodePtr el = xmlDocGetRootElement(doc);
	int bad;
	char *s;
	(void)w;
	s = rules_expand_template("anx-3.{area}[.{point}]", el, &bad);
	assert_string_equal(s, "anx-3.4.a");
	free(s);
	s = rules_expand_template("anx-3.{area}[.{nope}]", el, &bad);
	assert_string_equal(s, "anx-3.4");
	free(s);
	assert_null(rules_expand_template("anx-3.{nope}", el, &bad));
	assert_int_equal(bad, 0);
	assert_null(rules_expand_template("anx-3.[{area}", el, &bad));
	assert_int_equal(bad, 1);
	assert_null(rules_expand_template("anx-3.{area", el, &bad));
	assert_int_equal(bad, 1);
	xmlFreeDoc(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_flatten, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_element, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_slug, setup, teardown),
		cmocka_unit_test_setup_teardown(test_operators, setup, teardown),
		cmocka_unit_test_setup_teardown(test_first_and_all, setup, teardown),
		cmocka_unit_test_setup_teardown(test_chaining_and_guard, setup, teardown),
		cmocka_unit_test_setup_teardown(test_require, setup, teardown),
		cmocka_unit_test_setup_teardown(test_require_line_of_group, setup, teardown),
		cmocka_unit_test_setup_teardown(test_conflict, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exists, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rule_cites_missing_provision, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_rule_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_undeclared_group, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rules_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rules_wrong_regulation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rule_change_changes_result, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trace_items_recitals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_combine, setup, teardown),
		cmocka_unit_test_setup_teardown(test_combine_laws, setup, teardown),
		cmocka_unit_test_setup_teardown(test_combine_condition_and_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_combine_rule_checks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_labels, setup, teardown),
		cmocka_unit_test_setup_teardown(test_template, setup, teardown),
	};
	return cmocka_run_group_tests_name("assess", tests, NULL, NULL);
}
