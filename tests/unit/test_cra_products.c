/*
 * test_cra_products.c - the example products of the Cyber Resilience Act against the real
 * graphs and the shipped rules:
 *   - corpus/cra/products (described for the CRA alone): at least 5, each file named after
 *     its product id, each assessed without error with the AI Act in the library too,
 *     each exercising a different branch (the rules that fired differ), together covering
 *     the default category, important classes I and II, critical, an open-source product
 *     under Article 32(5) and an open-source software steward; every checklist item's
 *     provision, citations and recitals exist in the graph they belong to; the Annex VII
 *     template is there;
 *   - the combined products of corpus/ai-act/products (high-risk AI systems that are
 *     products with digital elements): together they cover the default category, class I,
 *     class II and critical, the AI Act's internal control (Annex VI) and its notified-body
 *     procedure (Annex VII), and both outcomes of CRA Article 12 (the CRA procedure under
 *     Article 12(3), the AI Act procedure under Article 12(2)); each item is traced into
 *     the graph of its regulation with links into that regulation's site; the technical
 *     documentation template has the AI Act's Annex IV and the CRA's Annex VII
 *     (CRA Article 31(3)).
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

#define TEMPLATES SOURCE_DIR "/templates"

typedef struct world {
	char dir[256];
	xmlDocPtr ai_graph, cra_graph;
	gindex ai, cra;
} world;

static int setup(void **state)
{
	world *w = calloc(1, sizeof *w);
	diag d;
	diag_init(&d, stderr);
	make_temp_dir(w->dir, sizeof w->dir, "cra-products");
	/* written for the 2024 text of the AI Act: run under it (test_routes_amended.c and
	 * test_products.c cover the amended text) */
	w->ai_graph = build_corpus_graph_as_of(w->dir, "ai-act", "2025-01-01");
	w->cra_graph = build_corpus_graph(w->dir, "cra");
	if (!w->ai_graph || !w->cra_graph || gindex_init(&w->ai, w->ai_graph, "ai-act graph", &d) != 0 ||
	    gindex_init(&w->cra, w->cra_graph, "cra graph", &d) != 0)
		return -1;
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	world *w = *state;
	gindex_free(&w->ai);
	gindex_free(&w->cra);
	xmlFreeDoc(w->ai_graph);
	xmlFreeDoc(w->cra_graph);
	remove_tree(w->dir);
	free(w);
	return 0;
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
	return b.s ? b.s : strdup("");
}

/* Check every checklist item of out; returns the number of problems. */
static size_t check_items(const world *w, xmlDocPtr out, const char *primary, const char *name,
                          size_t *nitems)
{
	const gindex *graphs[2] = {&w->ai, &w->cra};
	xmlXPathContextPtr ctx = xmlXPathNewContext(out);
	xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)"//checklist/group/item", ctx);
	size_t bad = 0;
	for (int k = 0; r && r->nodesetval && k < r->nodesetval->nodeNr; k++) {
		bad += check_item_refs(graphs, 2, primary, name, r->nodesetval->nodeTab[k], 0);
		(*nitems)++;
	}
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	return bad;
}

/* Assess one product of regulation primary (its graph g, its rules) with the other
 * regulation of the library given too. */
static xmlDocPtr assess(const world *w, const char *primary, const char *path, diag *d)
{
	int ai = !strcmp(primary, "ai-act");
	assess_regulation other;
	assess_options ao;
	memset(&ao, 0, sizeof ao);
	other.id = ai ? "cra" : "ai-act";
	other.graph = ai ? w->cra_graph : w->ai_graph;
	other.rules_dir = ai ? SOURCE_DIR "/corpus/cra/rules" : SOURCE_DIR "/corpus/ai-act/rules";
	ao.others = &other;
	ao.nothers = 1;
	return assess_product_doc(ai ? w->ai_graph : w->cra_graph, path,
	                          ai ? SOURCE_DIR "/corpus/ai-act/rules" : SOURCE_DIR "/corpus/cra/rules",
	                          TEMPLATES, &ao, d);
}

/* "a b c": 1 when word is one of the space-separated words of list. */
static int listed(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = strstr(list, word); p; p = strstr(p + 1, word))
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

static void add_word(buf *b, const char *word)
{
	if (*word && !(b->s && listed(b->s, word)))
		buf_printf(b, "%s%s", b->len ? " " : "", word);
}

static void test_cra_products(void **state)
{
	world *w = *state;
	fsio_names names;
	diag d;
	size_t nproducts = 0, problems = 0, items = 0;
	char **signatures, **ids;
	buf seen;
	static const char *const must_see[] = {
		"default", "important-class-1", "important-class-2", "critical", "open-source-steward",
		"route:foss-32-5", "route:third-party-32-2", "route:any-32-1", "route:certification-8-1",
		"out-of-scope",
	};

	diag_init(&d, stderr);
	buf_init(&seen);
	assert_int_equal(fsio_list_dir(SOURCE_DIR "/corpus/cra/products", &names, &d), 0);
	signatures = calloc(names.n + 1, sizeof *signatures);
	ids = calloc(names.n + 1, sizeof *ids);
	for (size_t i = 0; i < names.n; i++) {
		char *path, *pid, *v;
		xmlDocPtr out;
		size_t len = strlen(names.v[i]);
		if (len < 5 || strcmp(names.v[i] + len - 4, ".xml") != 0)
			continue;
		path = fsio_join(SOURCE_DIR "/corpus/cra/products", names.v[i]);
		out = assess(w, "cra", path, &d);
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
		problems += check_items(w, out, "cra", names.v[i], &items);
		v = xpath_string(out, "string(/assessment/documentation/@file)");
		if (strcmp(v, "annex-vii") != 0) {
			print_error("%s: the documentation template is \"%s\", not annex-vii\n", pid, v);
			problems++;
		}
		free(v);
		v = xpath_string(out, "string(//conclusion[@name='cra-classification']/@value)");
		add_word(&seen, v);
		free(v);
		v = xpath_string(out, "concat('route:', //conclusion[@name='cra-route']/@value)");
		add_word(&seen, v);
		free(v);
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
	for (size_t k = 0; k < sizeof must_see / sizeof *must_see; k++)
		if (!seen.s || !listed(seen.s, must_see[k])) {
			print_error("no example product of corpus/cra/products shows %s\n", must_see[k]);
			problems++;
		}
	print_message("%zu CRA products, %zu checklist items checked; seen: %s\n", nproducts, items,
	              seen.s ? seen.s : "");
	for (size_t k = 0; k < nproducts; k++) {
		free(signatures[k]);
		free(ids[k]);
	}
	free(signatures);
	free(ids);
	buf_free(&seen);
	fsio_names_free(&names);
	assert_true(nproducts >= 5);
	assert_int_equal(problems, 0);
}

static void test_combined_products(void **state)
{
	world *w = *state;
	fsio_names names;
	diag d;
	size_t ncombined = 0, problems = 0, items = 0;
	buf seen;
	/* class x AI Act procedure, and the two outcomes of CRA Article 12 */
	static const char *const must_see[] = {
		"default/annex-vi",   "important-class-1/annex-vi", "important-class-1/annex-vii",
		"important-class-2/annex-vi", "critical/annex-vi", "critical/annex-vii",
		"default/sectoral",   "default/annex-vii",          "important-class-2/sectoral",
		"cyber:cra",          "cyber:ai-act",
	};

	diag_init(&d, stderr);
	buf_init(&seen);
	assert_int_equal(fsio_list_dir(SOURCE_DIR "/corpus/ai-act/products", &names, &d), 0);
	for (size_t i = 0; i < names.n; i++) {
		char *path, *v, *href;
		xmlDocPtr out;
		size_t len = strlen(names.v[i]);
		if (len < 5 || strcmp(names.v[i] + len - 4, ".xml") != 0)
			continue;
		path = fsio_join(SOURCE_DIR "/corpus/ai-act/products", names.v[i]);
		out = assess(w, "ai-act", path, &d);
		free(path);
		if (!out) {
			print_error("%s: not assessed\n", names.v[i]);
			problems++;
			continue;
		}
		problems += check_items(w, out, "ai-act", names.v[i], &items);
		if (xpath_number(out, "count(/assessment/combined/regulation[@id='cra'])") != 1) {
			xmlFreeDoc(out);
			continue;
		}
		ncombined++;
		/* CRA items are traced into the CRA graph and site */
		href = xpath_string(out, "string((//item[starts-with(@id, 'cra-') and not(starts-with(@id, "
		                         "'cra-coverage-ai-act'))])[1]/provision/@href)");
		if (strncmp(href, "../../../cra/site/", 18) != 0) {
			print_error("%s: a CRA item links to %s, not into the CRA site\n", names.v[i], href);
			problems++;
		}
		free(href);
		/* (the two coverage items on the AI Act's side cite the AI Act) */
		if (xpath_number(out, "count(//item[starts-with(@id, 'cra-') and not(starts-with(@id, "
		                      "'cra-coverage-ai-act'))]/provision[not(@regulation = 'cra')])") > 0) {
			print_error("%s: a CRA item's provision is not marked as the CRA's\n", names.v[i]);
			problems++;
		}
		if (xpath_number(out, "count(//conclusion[@name='cra-scope'][@value='yes'])") == 1) {
			v = xpath_string(out, "concat(//documentation/part[1]/@regulation, ' ', //documentation/part[2]/@regulation)");
			if (strcmp(v, "ai-act cra") != 0) {
				print_error("%s: the documentation template has the parts \"%s\", not the AI Act's "
				            "and the CRA's (CRA Article 31(3))\n",
				            names.v[i], v);
				problems++;
			}
			free(v);
		}
		v = xpath_string(out, "concat(//conclusion[@name='cra-classification']/@value, '/', "
		                      "//conclusion[@name='route']/@value)");
		add_word(&seen, v);
		free(v);
		v = xpath_string(out, "concat('cyber:', //conclusion[@name='cyber-procedure']/@value)");
		add_word(&seen, v);
		free(v);
		xmlFreeDoc(out);
	}
	for (size_t k = 0; k < sizeof must_see / sizeof *must_see; k++)
		if (!seen.s || !listed(seen.s, must_see[k])) {
			print_error("no combined example product shows %s\n", must_see[k]);
			problems++;
		}
	print_message("%zu combined products (%zu checklist items of the AI Act's products checked); seen: %s\n", ncombined,
	              items, seen.s ? seen.s : "");
	buf_free(&seen);
	fsio_names_free(&names);
	assert_true(ncombined >= 4);
	assert_int_equal(problems, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cra_products, setup, teardown),
		cmocka_unit_test_setup_teardown(test_combined_products, setup, teardown),
	};
	return cmocka_run_group_tests_name("cra-products", tests, NULL, NULL);
}
