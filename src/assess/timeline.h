/*
 * timeline.h - the law in time, in an assessment.
 *
 * Owns: the <law> element of the assessment document (templates/schema/assessment.rng):
 * which version of the regulation's text the product was assessed under (the graph's
 * version, its date of application, CELEX number (the consolidation's for a consolidated
 * version, when the caller gives it), title and label), why that version (the
 * --as-of date, the product's placing-on-market date, or the latest version) and where
 * to read it (EUR-Lex and the version's site). Nothing here names a regulation or a
 * version: all of it comes from the graph's root and the options.
 */
#ifndef REGDOC_ASSESS_TIMELINE_H
#define REGDOC_ASSESS_TIMELINE_H

#include <libxml/tree.h>

#include "assess/gindex.h"

/* How the version was chosen (doc/product.md, "Which version of the law"). */
typedef struct timeline_choice {
	const char *chosen_by; /* "as-of", "placing-on-market", "latest" or NULL (one version) */
	const char *date;      /* the date it was chosen by, or NULL */
	/* the version's own CELEX, ELI and label (manifest <version>: a consolidated text has
	 * its own CELEX), or NULL: the graph root's */
	const char *celex, *eli, *label;
} timeline_choice;

/* Append <law .../> to root for graph g. Returns 0, or -1 when out of memory. */
int timeline_law(xmlNodePtr root, const gindex *g, const timeline_choice *c,
                 const char *site_base);

#endif
