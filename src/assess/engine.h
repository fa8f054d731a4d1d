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
 * The engine knows no fact, rule or regulation by name: the technical documentation
 * template is the one the rules declare (<documentation>), and the regulations assessed
 * together with the product's own are the ones its rules name (<combine>).
 *
 * Combined assessments (doc/rules.md): the rules of the primary regulation may name
 * another regulation with <combine regulation="..."> and a condition on the product's
 * facts. When it holds and that regulation is among o->others, its checks and
 * decisions run too (after the primary's, over the same facts and conclusions), its
 * items join the checklist under its own groups, its ids are labelled, linked and given
 * their law text and recitals from its own graph, and its technical documentation
 * becomes a further part of the template. When it holds and the regulation is not
 * given, the assessment says so in a warning notice.
 */
#ifndef REGDOC_ASSESS_ENGINE_H
#define REGDOC_ASSESS_ENGINE_H

#include <libxml/tree.h>

#include "assess/gindex.h"
#include "assess/product.h"
#include "assess/rules.h"
#include "assess/timeline.h"
#include "util/diag.h"

/* Another regulation the product may be assessed against as well. */
typedef struct engine_regulation {
	const ruleset *rs; /* its rule files (borrowed) */
	const gindex *g;   /* its graph (borrowed); its root id names the regulation */
} engine_regulation;

typedef struct engine_options {
	const char *site_base;    /* link prefix for this regulation's site, e.g. "../../site/" */
	const char *library_base; /* prefix to other regulations' folders, e.g. "../../../"
	                             (their sites are at library_base + reg + "/site/") */
	const char *generator;    /* e.g. "regdoc 0.1.0" */
	const char *product_src;  /* path recorded for the product (NULL: the product's path) */
	const engine_regulation *others; /* regulations a <combine> may bring in (may be NULL) */
	size_t nothers;
	/* links to the law on EUR-Lex (gindex_href_eurlex) instead of into the sites: for
	 * documents read where no site is (site_base and library_base are then unused) */
	int eurlex;
	timeline_choice law; /* how the graph's version of the law was chosen (timeline.h) */
} engine_options;

/* The assessment document, or NULL with diagnostics (product errors are reported
 * against the product file and line, rule errors against the rule file and line).
 * o may be NULL (defaults above). */
xmlDocPtr engine_assess(const ruleset *rs, const product *p, const gindex *g,
                        const engine_options *o, diag *d);

#endif
