/*
 * routes_runner.h - the route tables' engine (test_routes.c: the 2024 text;
 * test_routes_amended.c: the text as amended by Regulation (EU) 2026/1744): each row's
 * facts become a product, assessed with the shipped rules over the graph of the version
 * of the AI Act in force on ROUTES_AS_OF (NULL: the latest), and every conclusion the
 * row names must be what the row says the law gives.
 *
 * Before including it, a test defines ROUTES_AS_OF, ROUTES_BASE_PRACTICES (the practices
 * of a row without OWN_PRACTICES), then, after the include, routes_rows() giving its rows.
 * A row's "want" lists conclusions as name=value pairs; "-" means "not concluded".
 */
#ifndef REGDOC_TEST_ROUTES_RUNNER_H
#define REGDOC_TEST_ROUTES_RUNNER_H
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

/* What the base product leaves out because the row states it. */
enum {
	OWN_SCOPE = 1,       /* the row has its own <scope> */
	OWN_PRACTICES = 2,   /* its own <practices> */
	OWN_TRANSPARENCY = 4,
	GPAI_ONLY = 8,       /* a general-purpose AI model, not an AI system */
	OUTSIDE_UNION = 16,  /* the provider is established in a third country */
	SME_PROVIDER = 32,   /* the provider is an SME */
	SMC_PROVIDER = 64,   /* the provider is a small mid-cap enterprise (Art. 3(14b), amended text) */
};


typedef struct row {
	const char *law;   /* the paragraph that gives the answer */
	unsigned flags;
	const char *facts; /* product elements */
	const char *want;  /* "classification=high-risk route=annex-vii assessor=msa-74-8" */
} row;

/* the rows, defined by the including file */
static const row *routes_rows(size_t *n);

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
	make_temp_dir(w->dir, sizeof w->dir, "routes");
	w->graph = build_corpus_graph_as_of(w->dir, "ai-act", ROUTES_AS_OF);
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

static char *product_text(const row *r)
{
	buf b;
	buf_init(&b);
	buf_printf(&b,
	           "<product id=\"row\" regulation=\"ai-act\"><name>Row</name><version>1</version>"
	           "<provider established-in-union=\"%s\" sme=\"%s\"%s>P</provider>"
	           "<intended-purpose>test</intended-purpose>\n",
	           r->flags & OUTSIDE_UNION ? "no" : "yes", r->flags & SME_PROVIDER ? "yes" : "no",
	           r->flags & SMC_PROVIDER ? " smc=\"yes\"" : "");
	if (r->flags & GPAI_ONLY) {
		buf_puts(&b, "<what ai-system=\"no\" gpai-model=\"yes\"/><scope eu-market=\"yes\" "
		             "scientific-research-only=\"no\"/>\n");
	} else {
		buf_puts(&b, "<what ai-system=\"yes\" gpai-model=\"no\"/>\n");
		if (!(r->flags & OWN_SCOPE))
			buf_puts(&b, "<scope eu-market=\"yes\" military-defence-national-security=\"no\" "
			             "scientific-research-only=\"no\"/>\n");
		if (!(r->flags & OWN_PRACTICES))
			buf_puts(&b, ROUTES_BASE_PRACTICES "\n");
		if (!(r->flags & OWN_TRANSPARENCY))
			buf_puts(&b, "<transparency interacts-with-persons=\"no\" synthetic-content=\"no\" "
			             "emotion-recognition=\"no\" biometric-categorisation=\"no\"/>\n");
	}
	buf_puts(&b, r->facts);
	buf_puts(&b, "\n</product>\n");
	return b.s;
}

static void test_routes(void **state)
{
	world *w = *state;
	size_t failures = 0;
	size_t nrows;
	const row *rows = routes_rows(&nrows);
	assert_true(nrows >= 30);
	print_message("under the version of the law in force on %s\n", ROUTES_AS_OF ? ROUTES_AS_OF : "(the latest)");
	for (size_t i = 0; i < nrows; i++) {
		const row *r = &rows[i];
		char *text = product_text(r);
		captured cap;
		product p;
		xmlDocPtr doc, out;
		char want[1024];
		char *tok, *save = NULL;

		capture_begin(&cap);
		doc = xmlsafe_read_memory(text, strlen(text), "row.xml", &cap.d);
		if (!doc || product_from_doc(&p, doc, "row.xml", PRODUCT_RNG, &cap.d) != 0) {
			print_error("row %zu (%s): product rejected:\n%s\n", i + 1, r->law, capture_text(&cap));
			failures++;
			goto next;
		}
		out = engine_assess(&w->rs, &p, &w->g, NULL, &cap.d);
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
	print_message("%zu fact combinations checked against the law, %zu failures\n",
	              nrows, failures);
	assert_int_equal(failures, 0);
}

#endif
