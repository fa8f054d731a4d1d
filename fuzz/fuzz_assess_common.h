/*
 * fuzz_assess_common.h - the fixed half of the product and rule targets: the AI Act's
 * graph (built from corpus/ai-act by the real pipeline), its index, and the schemas,
 * loaded once.
 */
#ifndef REGDOC_FUZZ_ASSESS_COMMON_H
#define REGDOC_FUZZ_ASSESS_COMMON_H

#include <libxml/relaxng.h>

#include "assess/engine.h"
#include "assess/gindex.h"
#include "assess/product.h"
#include "assess/rules.h"
#include "fuzz_common.h"
#include "graph/graph.h"
#include "ingest/corpus.h"
#include "link/link.h"

#define FUZZ_REG FUZZ_SOURCE_DIR "/corpus/ai-act"

static regulation fuzz_reg;
static gindex fuzz_gindex;
static xmlRelaxNGPtr fuzz_product_rng, fuzz_rules_rng, fuzz_assessment_rng;

static inline void fuzz_free_graph(void)
{
	xmlRelaxNGFree(fuzz_product_rng);
	xmlRelaxNGFree(fuzz_rules_rng);
	xmlRelaxNGFree(fuzz_assessment_rng);
	gindex_free(&fuzz_gindex);
	regulation_free(&fuzz_reg);
}

/* Loads the graph, its index and the schemas; freed at exit (so valgrind and
 * LeakSanitizer see every block of the harness accounted for). */
static inline void fuzz_load_graph(void)
{
	diag d;
	link_stats st;
	fuzz_quiet_libxml();
	diag_init(&d, stderr);
	if (regulation_load(FUZZ_REG, FUZZ_SOURCE_DIR, &fuzz_reg, &d) != 0 || !fuzz_reg.doc)
		fuzz_setup_failed("the graph of corpus/ai-act");
	link_resolve(&fuzz_reg, &st, &d);
	if (d.errors || gindex_init(&fuzz_gindex, fuzz_reg.doc, "graph", &d) != 0)
		fuzz_setup_failed("the graph of corpus/ai-act");
	fuzz_product_rng = fuzz_load_rng(FUZZ_SOURCE_DIR "/templates/schema/product.rng");
	fuzz_rules_rng = fuzz_load_rng(FUZZ_SOURCE_DIR "/templates/schema/rules.rng");
	fuzz_assessment_rng = fuzz_load_rng(FUZZ_SOURCE_DIR "/templates/schema/assessment.rng");
	atexit(fuzz_free_graph);
}

/* The engine's result must be a valid assessment whatever the input (assess.c calls
 * a mismatch an internal error): a breach aborts, so the fuzzer reports it. Returns
 * the assessment (the caller frees it) or NULL. */
static inline xmlDocPtr fuzz_assess(const ruleset *rs, const product *p)
{
	diag d;
	xmlDocPtr out;
	diag_init(&d, NULL);
	out = engine_assess(rs, p, &fuzz_gindex, NULL, &d);
	if (!out)
		return NULL;
	if (!fuzz_valid(fuzz_assessment_rng, out))
		abort();
	return out;
}

#endif
