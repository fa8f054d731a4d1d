/*
 * engine.h - evaluate a regulation's rules over a product's facts.
 *
 * Owns: running the product checks of the rule files (<require>: missing required
 * facts, <conflict>: contradictory facts naming both, <exists>: a product fact that
 * must name a graph id such as an Annex III point) with product-file:line errors, then
 * the decisions in order, and building the assessment document
 * (templates/schema/assessment.rng): the facts, the conclusions, the decision trace
 * (each fired rule, why in words, the facts it tested with their lines and the
 * provisions it cites, labelled and linked), notices, the checklist (items grouped,
 * each with its provision, citations, the recitals the graph relates to them and the
 * law's text) and the Annex IV skeleton with the law's text of every point.
 * The engine knows no fact or rule by name except the conclusion "annex-iv" (value
 * "required") and the fact "provider.sme", which drive the Annex IV template.
 */
#ifndef REGDOC_ASSESS_ENGINE_H
#define REGDOC_ASSESS_ENGINE_H

#include <libxml/tree.h>

#include "assess/gindex.h"
#include "assess/product.h"
#include "assess/rules.h"
#include "util/diag.h"

typedef struct engine_options {
	const char *site_base;    /* link prefix for this regulation's site, e.g. "../../site/" */
	const char *library_base; /* prefix to other regulations' folders, e.g. "../../../"
	                             (their sites are at library_base + reg + "/site/") */
	const char *generator;    /* e.g. "regdoc 0.1.0" */
	const char *product_src;  /* path recorded for the product (NULL: the product's path) */
} engine_options;

/* The assessment document, or NULL with diagnostics (product errors are reported
 * against the product file and line, rule errors against the rule file and line).
 * o may be NULL (defaults above). */
xmlDocPtr engine_assess(const ruleset *rs, const product *p, const gindex *g,
                        const engine_options *o, diag *d);

#endif
