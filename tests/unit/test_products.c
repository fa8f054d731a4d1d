/*
 * test_products.c - the example products of corpus/ai-act/products against the real
 * graph and the shipped rules:
 *   - there are at least 12, each file named after its product id, each assessed
 *     without error, and each exercising a different branch (the set of rules that
 *     fired differs between any two products);
 *   - every checklist item's provision and citations exist in the graph of the
 *     regulation they belong to (the AI Act's, or the Cyber Resilience Act's for the
 *     products with digital elements, assessed under both), and every recital listed
 *     for an item is a recital that graph relates (relates-to) to the unit of the item's
 *     provision or of one of its citations;
 *   - the assessment validates against templates/schema/assessment.rng (checked by
 *     assess_product_doc itself);
 *   - the same outputs with and without the cache between products;
 *   - the Markdown renderings escape the characters of Markdown markup;
 *   - every point the Annex IV templates prefill is in their $prefill-refs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "assess/assess.h"
#include "assess/gindex.h"
#include "assess_helpers.h"
#include "util/buf.h"
#include "util/fsio.h"

#define PRODUCTS SOURCE_DIR "/corpus/ai-act/products"
#define RULES SOURCE_DIR "/corpus/ai-act/rules"

typedef struct world {
	char dir[256];
	xmlDocPtr graph, cra_graph;
	gindex g, cra;
	xmlDocPtr graph24; /* the AI Act as in force before 27 July 2026 (the 2024 text) */
	gindex g24;
	xmlDocPtr omni_graph; /* Regulation (EU) 2026/1744, cited by the Section B route */
	gindex omni;
} world;

static int setup(void **state)
{
	world *w = calloc(1, sizeof *w);
	diag d;
	diag_init(&d, stderr);
	make_temp_dir(w->dir, sizeof w->dir, "products");
	w->graph = build_ai_act_graph(w->dir);
	w->cra_graph = build_corpus_graph(w->dir, "cra");
	w->graph24 = build_corpus_graph_as_of(w->dir, "ai-act", "2026-07-26");
	w->omni_graph = build_corpus_graph(w->dir, "digital-omnibus-ai");
	if (!w->graph || gindex_init(&w->g, w->graph, "ai-act graph", &d) != 0 || !w->cra_graph ||
	    gindex_init(&w->cra, w->cra_graph, "cra graph", &d) != 0 || !w->graph24 ||
	    gindex_init(&w->g24, w->graph24, "ai-act 2024 graph", &d) != 0 || !w->omni_graph ||
	    gindex_init(&w->omni, w->omni_graph, "digital-omnibus-ai graph", &d) != 0)
		return -1;
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	world *w = *state;
	gindex_free(&w->g);
	gindex_free(&w->cra);
	gindex_free(&w->g24);
	gindex_free(&w->omni);
	xmlFreeDoc(w->graph24);
	xmlFreeDoc(w->omni_graph);
	xmlFreeDoc(w->graph);
	xmlFreeDoc(w->cra_graph);
	remove_tree(w->dir);
	free(w);
	return 0;
}

/* Check one item; returns the number of problems (printed). */
static size_t check_item(const world *w, const char *product, xmlNodePtr item)
{
	const gindex *graphs[3] = {&w->g, &w->cra, &w->omni};
	return check_item_refs(graphs, 3, w->g.regulation, product, item, 0);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted, comma-joined ids of the rules that fired. */
static char *fired_rules(xmlDocPtr doc)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)"//trace/step/@rule", ctx);
	int n = r && r->nodesetval ? r->nodesetval->nodeNr : 0;
	char **v = calloc((size_t)n + 1, sizeof *v);
	buf b;
	buf_init(&b);
	for (int i = 0; i < n; i++)
		v[i] = (char *)xmlNodeGetContent(r->nodesetval->nodeTab[i]);
	qsort(v, (size_t)n, sizeof *v, cmp_str);
	for (int i = 0; i < n; i++) {
		buf_printf(&b, "%s%s", i ? "," : "", v[i]);
		xmlFree(v[i]);
	}
	free(v);
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	return b.s;
}

static void test_products(void **state)
{
	world *w = *state;
	fsio_names names;
	diag d;
	size_t nproducts = 0, problems = 0, items = 0, recitals = 0;
	char **signatures = NULL;
	char **ids = NULL;

	diag_init(&d, stderr);
	assert_int_equal(fsio_list_dir(PRODUCTS, &names, &d), 0);
	signatures = calloc(names.n + 1, sizeof *signatures);
	ids = calloc(names.n + 1, sizeof *ids);
	for (size_t i = 0; i < names.n; i++) {
		char *path;
		xmlDocPtr out;
		xmlXPathContextPtr ctx;
		xmlXPathObjectPtr r;
		char *pid;
		size_t len = strlen(names.v[i]);
		if (len < 5 || strcmp(names.v[i] + len - 4, ".xml") != 0)
			continue;
		path = fsio_join(PRODUCTS, names.v[i]);
		{
			/* the Cyber Resilience Act too, for the products with digital elements */
			assess_regulation cra = {NULL, w->cra_graph, SOURCE_DIR "/corpus/cra/rules"};
			assess_options ao;
			memset(&ao, 0, sizeof ao);
			ao.others = &cra;
			ao.nothers = 1;
			out = assess_product_doc(w->graph, path, RULES, SOURCE_DIR "/templates", &ao, &d);
		}
		free(path);
		if (!out) {
			print_error("%s: not assessed\n", names.v[i]);
			problems++;
			continue;
		}
		pid = xpath_string(out, "string(/assessment/product/@id)");
		if (strncmp(names.v[i], pid, len - 4) != 0 || strlen(pid) != len - 4) {
			print_error("%s: the product id is \"%s\"; name the file after it\n", names.v[i], pid);
			problems++;
		}
		ctx = xmlXPathNewContext(out);
		r = xmlXPathEvalExpression((const xmlChar *)"//checklist/group/item", ctx);
		for (int k = 0; r && r->nodesetval && k < r->nodesetval->nodeNr; k++) {
			problems += check_item(w, names.v[i], r->nodesetval->nodeTab[k]);
			items++;
		}
		recitals += (size_t)xpath_number(out, "count(//checklist/group/item/recital)");
		xmlXPathFreeObject(r);
		xmlXPathFreeContext(ctx);
		signatures[nproducts] = fired_rules(out);
		ids[nproducts] = pid;
		for (size_t k = 0; k < nproducts; k++)
			if (!strcmp(signatures[k], signatures[nproducts])) {
				print_error("%s and %s exercise the same rules: make one of them show another "
				            "branch\n",
				            ids[k], pid);
				problems++;
			}
		nproducts++;
		xmlFreeDoc(out);
	}
	print_message("%zu products, %zu checklist items, %zu recital links checked\n", nproducts,
	              items, recitals);
	for (size_t k = 0; k < nproducts; k++) {
		free(signatures[k]);
		free(ids[k]);
	}
	free(signatures);
	free(ids);
	fsio_names_free(&names);
	assert_true(nproducts >= 12);
	assert_true(recitals > 0);
	assert_int_equal(problems, 0);
}

/* Dates on the checklist (doc/rules.md, "Dates on the checklist"): an item whose
 * provision is in an article or annex of the AI Act says from when it applies, with the
 * provision of Article 113 (or of the amending act) that says so; one date when the rules
 * concluded the case of Article 113, third paragraph, point (c) (the amended text). */
static size_t check_item_dates(const gindex *g, const char *product, xmlDocPtr out,
                               xmlNodePtr item)
{
	xmlNodePtr prov = NULL, unit;
	size_t n = 0, bad = 0;
	char *cases = xpath_string(out, "string(/assessment/conclusions/conclusion[@name='application']/@value)");
	for (xmlNodePtr c = item->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "provision"))
			prov = c;
	unit = prov && !helper_prop(prov, "regulation") && helper_prop(prov, "ref")
	           ? gindex_unit(g, helper_prop(prov, "ref"))
	           : NULL;
	for (xmlNodePtr c = item->children; c; c = c->next) {
		const char *from;
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "applies"))
			continue;
		n++;
		from = helper_prop(c, "from");
		if (!from || strlen(from) != 10 || from[4] != '-' || !helper_prop(c, "ref") ||
		    !helper_prop(c, "label")) {
			print_error("%s under %s: item %s: <applies> without a date or its provision\n",
			            product, g->version, helper_prop(item, "id"));
			bad++;
		}
	}
	if (unit && strcmp((const char *)unit->name, "recital") != 0 && n == 0) {
		print_error("%s under %s: item %s (%s) says not from when it applies\n", product,
		            g->version, helper_prop(item, "id"), helper_prop(prov, "ref"));
		bad++;
	}
	if (*cases && n > 1) {
		print_error("%s under %s: item %s lists %zu dates though the case \"%s\" was concluded\n",
		            product, g->version, helper_prop(item, "id"), n, cases);
		bad++;
	}
	free(cases);
	return bad;
}

/* Every example product under every version of the AI Act (the 2024 text and the text as
 * amended by Regulation (EU) 2026/1744): each checklist item's provision, citations and
 * recitals exist in the graph of the version it was assessed under (a provision of the
 * amended text, such as Article 42(3), is never cited under the 2024 text), and none is a
 * provision that version deleted (Article 10(5), Annex I Section A point 1 in the amended
 * text). */
static void test_products_every_version(void **state)
{
	world *w = *state;
	fsio_names names;
	diag d;
	const gindex *versions[2] = {&w->g24, &w->g};
	size_t problems = 0, items = 0;
	diag_init(&d, stderr);
	assert_string_equal(w->g24.version, "2024-08-01");
	assert_string_equal(w->g.version, "2026-07-27");
	assert_int_equal(fsio_list_dir(PRODUCTS, &names, &d), 0);
	for (size_t v = 0; v < 2; v++)
		for (size_t i = 0; i < names.n; i++) {
			const gindex *graphs[3] = {versions[v], &w->cra, &w->omni};
			assess_regulation cra = {NULL, w->cra_graph, SOURCE_DIR "/corpus/cra/rules"};
			assess_options ao;
			char *path;
			xmlDocPtr out;
			xmlXPathContextPtr ctx;
			xmlXPathObjectPtr r;
			size_t len = strlen(names.v[i]);
			if (len < 5 || strcmp(names.v[i] + len - 4, ".xml") != 0)
				continue;
			path = fsio_join(PRODUCTS, names.v[i]);
			memset(&ao, 0, sizeof ao);
			ao.others = &cra;
			ao.nothers = 1;
			out = assess_product_doc(versions[v]->doc, path, RULES, SOURCE_DIR "/templates", &ao, &d);
			free(path);
			if (!out) {
				print_error("%s: not assessed under version %s\n", names.v[i], versions[v]->version);
				problems++;
				continue;
			}
			ctx = xmlXPathNewContext(out);
			r = xmlXPathEvalExpression((const xmlChar *)"//checklist/group/item", ctx);
			for (int k = 0; r && r->nodesetval && k < r->nodesetval->nodeNr; k++) {
				xmlNodePtr item = r->nodesetval->nodeTab[k];
				problems += check_item_refs(graphs, 3, versions[v]->regulation, names.v[i], item, 0);
				for (xmlNodePtr c = item->children; c; c = c->next) {
					const char *ref;
					xmlNodePtr el;
					if (c->type != XML_ELEMENT_NODE || helper_prop(c, "regulation") ||
					    (strcmp((const char *)c->name, "provision") && strcmp((const char *)c->name, "cite")))
						continue;
					ref = helper_prop(c, "ref");
					el = ref ? gindex_find(versions[v], ref) : NULL;
					if (el && helper_prop(el, "deleted")) {
						print_error("%s under %s: item %s cites %s, which that version deleted\n",
						            names.v[i], versions[v]->version, helper_prop(item, "id"), ref);
						problems++;
					}
				}
				problems += check_item_dates(versions[v], names.v[i], out, item);
				items++;
			}
			/* the assessment says which version it used */
			{
				char *lv = xpath_string(out, "string(/assessment/law/@version)");
				if (strcmp(lv, versions[v]->version) != 0) {
					print_error("%s: <law version=\"%s\">, not %s\n", names.v[i], lv, versions[v]->version);
					problems++;
				}
				free(lv);
			}
			xmlXPathFreeObject(r);
			xmlXPathFreeContext(ctx);
			xmlFreeDoc(out);
		}
	print_message("%zu checklist items checked against the version they were assessed under\n", items);
	fsio_names_free(&names);
	assert_true(items > 0);
	assert_int_equal(problems, 0);
}

/* The same bytes of every output with and without the cache regdoc build shares between
 * products (assess.h: compiled stylesheets and schemas, rules, graph indexes, the checks
 * across rule sets); and a rule file with an error is reported for every product it
 * affects, as without a cache. */
static int same_file(const char *a, const char *b)
{
	char *x = NULL, *y = NULL;
	size_t nx = 0, ny = 0;
	diag d;
	int same;
	diag_init(&d, stderr);
	same = fsio_read_file(a, 64u << 20, &x, &nx, &d) == 0 &&
	       fsio_read_file(b, 64u << 20, &y, &ny, &d) == 0 && nx == ny && !memcmp(x, y, nx);
	free(x);
	free(y);
	return same;
}

static void test_cache_same_bytes(void **state)
{
	world *w = *state;
	fsio_names names;
	assess_cache *cache = assess_cache_new();
	assess_regulation cra = {NULL, w->cra_graph, SOURCE_DIR "/corpus/cra/rules"};
	size_t compared = 0, problems = 0;
	captured c;
	char rules[512], cmd[1200];
	diag d;
	diag_init(&d, stderr);
	assert_non_null(cache);
	assert_int_equal(fsio_list_dir(PRODUCTS, &names, &d), 0);
	for (size_t i = 0; i < names.n; i++) {
		char *path, plain[512], cached[512];
		size_t len = strlen(names.v[i]);
		assess_options ao;
		fsio_names files;
		if (len < 5 || strcmp(names.v[i] + len - 4, ".xml") != 0)
			continue;
		path = fsio_join(PRODUCTS, names.v[i]);
		snprintf(plain, sizeof plain, "%s/plain-%.*s", w->dir, (int)(len - 4), names.v[i]);
		snprintf(cached, sizeof cached, "%s/cached-%.*s", w->dir, (int)(len - 4), names.v[i]);
		memset(&ao, 0, sizeof ao);
		ao.others = &cra;
		ao.nothers = 1;
		assert_int_equal(assess_product_opts(w->graph, path, RULES, SOURCE_DIR "/templates", plain,
		                                     &ao, &d), 0);
		ao.cache = cache;
		assert_int_equal(assess_product_opts(w->graph, path, RULES, SOURCE_DIR "/templates", cached,
		                                     &ao, &d), 0);
		free(path);
		assert_int_equal(fsio_list_dir(plain, &files, &d), 0);
		for (size_t k = 0; k < files.n; k++) {
			char *a = fsio_join(plain, files.v[k]), *b = fsio_join(cached, files.v[k]);
			if (!same_file(a, b)) {
				print_error("%s: differs with the cache\n", b);
				problems++;
			}
			compared++;
			free(a);
			free(b);
		}
		fsio_names_free(&files);
	}
	fsio_names_free(&names);
	assert_true(compared >= 12 * 6);
	assert_int_equal(problems, 0);

	/* a broken copy of the rules: both products report it, each with the same line */
	snprintf(rules, sizeof rules, "%s/rules", w->dir);
	snprintf(cmd, sizeof cmd, "cp -R '%s' '%s' && sed -i 's|<cite ref=\"art-43.2\"/>|<cite ref=\"art-43.9\"/>|' '%s/20-route.xml'",
	         RULES, rules, rules);
	assert_int_equal(system(cmd), 0);
	capture_begin(&c);
	{
		int n[2];
		for (int k = 0; k < 2; k++) {
			assess_options ao;
			char out[512];
			const char *p;
			memset(&ao, 0, sizeof ao);
			ao.cache = cache;
			snprintf(out, sizeof out, "%s/broken-%d", w->dir, k);
			assert_int_not_equal(assess_product_opts(w->graph, PRODUCTS "/hirerank-cv-screening.xml",
			                                         rules, SOURCE_DIR "/templates", out, &ao, &c.d),
			                     0);
			for (n[k] = 0, p = capture_text(&c); (p = strstr(p, "provision art-43.9 does not exist")); p++)
				n[k]++;
		}
		assert_true(n[0] > 0);
		assert_int_equal(n[1], 2 * n[0]);
	}
	capture_end(&c);
	assess_cache_free(cache);
}

/* The Markdown renderings escape every character that would start markup (\ ` * _ [ ]
 * < > | #) in the strings of the assessment, and only there: the corpus products have
 * none, so the stylesheets' escaping path is tested here with a product that has all. */
static void test_markdown_escaping(void **state)
{
	world *w = *state;
	assess_regulation cra = {NULL, w->cra_graph, SOURCE_DIR "/corpus/cra/rules"};
	assess_options ao;
	char cmd[1600], product[512], out[512], *path, *md = NULL, *html = NULL;
	size_t len;
	diag d;
	diag_init(&d, stderr);
	snprintf(product, sizeof product, "%s/hire-special.xml", w->dir);
	snprintf(out, sizeof out, "%s/hire-special", w->dir);
	/* name: Hire*Rank_[2] <b>|#1\`x`; provider: A_B (C*) */
	snprintf(cmd, sizeof cmd,
	         "sed -e 's|<name>HireRank CV Screening</name>|<name>Hire*Rank_[2] \\&lt;b\\&gt;\\|#1\\\\`x`</name>|' "
	         "-e 's|>HireRank B.V. (Utrecht, NL)<|>A_B (C*)<|' '%s' > '%s'",
	         PRODUCTS "/hirerank-cv-screening.xml", product);
	assert_int_equal(system(cmd), 0);
	memset(&ao, 0, sizeof ao);
	ao.others = &cra;
	ao.nothers = 1;
	assert_int_equal(assess_product_opts(w->graph, product, RULES, SOURCE_DIR "/templates", out,
	                                     &ao, &d), 0);
	path = fsio_join(out, "checklist.md");
	assert_int_equal(fsio_read_file(path, 64u << 20, &md, &len, &d), 0);
	free(path);
	assert_non_null(strstr(md, "# Conformity checklist: Hire\\*Rank\\_\\[2\\] \\<b\\>\\|\\#1\\\\\\`x\\`\n"));
	assert_non_null(strstr(md, "- Provider: A\\_B (C\\*)\n"));
	free(md);
	md = NULL;
	path = fsio_join(out, "annex-iv.md");
	assert_int_equal(fsio_read_file(path, 64u << 20, &md, &len, &d), 0);
	free(path);
	assert_non_null(strstr(md, ": Hire\\*Rank\\_\\[2\\] \\<b\\>\\|\\#1\\\\\\`x\\`\n"));
	assert_non_null(strstr(md, "Provider: A\\_B (C\\*)"));
	free(md);
	/* HTML: the text as it is (escaped for HTML only) */
	path = fsio_join(out, "checklist.html");
	assert_int_equal(fsio_read_file(path, 64u << 20, &html, &len, &d), 0);
	free(path);
	assert_non_null(strstr(html, "Conformity checklist: Hire*Rank_[2] &lt;b&gt;|#1\\`x`</h1>"));
	free(html);
}

/* annex-iv/common.xsl calls prefill only for the refs of $prefill-refs: every ref that
 * prefill tests ($ref = '...') must be there, or its lines would be lost. */
static void test_prefill_refs(void **state)
{
	char *xsl = NULL, *list, *end, *p;
	size_t len, checked = 0;
	diag d;
	(void)state;
	diag_init(&d, stderr);
	assert_int_equal(fsio_read_file(SOURCE_DIR "/templates/annex-iv/common.xsl", 1u << 20, &xsl,
	                                &len, &d),
	                 0);
	list = strstr(xsl, "name=\"prefill-refs\"");
	assert_non_null(list);
	list = strstr(list, "select=\"'");
	assert_non_null(list);
	list += strlen("select=\"'");
	end = strchr(list, '\'');
	assert_non_null(end);
	*end = '\0';
	p = strstr(end + 1, "<xsl:template name=\"prefill\">");
	assert_non_null(p);
	for (; (p = strstr(p, "$ref = '")) != NULL; p++) {
		char ref[64], padded[68];
		const char *a = p + strlen("$ref = '"), *b = strchr(a, '\'');
		assert_non_null(b);
		assert_true((size_t)(b - a) < sizeof ref);
		memcpy(ref, a, (size_t)(b - a));
		ref[b - a] = '\0';
		snprintf(padded, sizeof padded, " %s ", ref);
		if (!strstr(list, padded))
			fail_msg("prefill has lines for %s, which $prefill-refs does not list", ref);
		checked++;
	}
	assert_true(checked >= 10);
	free(xsl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_products, setup, teardown),
		cmocka_unit_test_setup_teardown(test_products_every_version, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache_same_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_markdown_escaping, setup, teardown),
		cmocka_unit_test(test_prefill_refs),
	};
	return cmocka_run_group_tests_name("products", tests, NULL, NULL);
}
