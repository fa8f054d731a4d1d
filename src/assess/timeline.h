/*
 * timeline.h - the law in time, in an assessment.
 *
 * Owns: the <law> elements of the assessment document (templates/schema/assessment.rng):
 * which version of the regulation's text the product was assessed under (the graph's
 * version, its date of application, CELEX number (the consolidation's for a consolidated
 * version, when the caller gives it), title and label), why that version (the
 * --as-of date, the product's placing-on-market date, or the latest version) and where
 * to read it (EUR-Lex and the version's site); and from when a provision applies, read
 * from the dates of application the version's graph holds (applies-from/applies-by and
 * <application>, doc/application.md). Nothing here names a regulation or a version: all
 * of it comes from the graph and the options.
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

/* Append <law .../> to root for graph g: c says how the version was chosen (the
 * product's own regulation); NULL for a regulation assessed with it (no chosen-by).
 * Returns 0, or -1 when out of memory. */
int timeline_law(xmlNodePtr root, const gindex *g, const timeline_choice *c,
                 const char *site_base);

/* A date of application and the provision that says so (both borrowed from the graph;
 * by may be a qualified id of another regulation, "digital-omnibus-ai:art-4"). */
typedef struct timeline_date {
	const char *from;
	const char *by;
} timeline_date;

/* From when the element id of g applies: the applies-from of the element or of the
 * nearest element holding it that has one. Where the date depends on the case (an
 * applies-by without applies-from: the <when>s of the graph's <application>), the
 * <when>s whose condition is one of conds (the assessment's conclusions, see
 * doc/rules.md, "Dates on the checklist"), or every <when> when none is. Fills at most
 * max dates into out and returns their count: 0 when the graph holds no date for it. */
size_t timeline_dates(const gindex *g, const char *id, const char *const *conds, size_t nconds,
                      timeline_date *out, size_t max);

#endif
