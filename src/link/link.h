/*
 * link.h - the link stage: from a regulation's units to the edges of its graph.
 *
 * Owns: resolving citations (resolve.c, with the scanner of cite.h: every citation in
 * the text becomes a <cite> pointing at the finest element that exists, and cites /
 * cites-act edges, across the regulations of a library), defined-term uses (terms.c:
 * <term>), and what it found (link_stats). Computed relations have their own header
 * (suggest.h). The link stage reads and edits the graph with graph/graph.h and gets
 * the other regulations from graph/library.h; the graph stage never calls back here
 * (README, "Layout").
 */
#ifndef REGDOC_LINK_H
#define REGDOC_LINK_H

#include <libxml/hash.h>
#include <libxml/tree.h>

#include "graph/library.h"
#include "ingest/corpus.h"
#include "util/diag.h"

#define LINK_MAX_RANGE 500 /* a cited range expands to at most this many targets */

/* What the link stage found, by kind: for the README and the issue notes. */
typedef struct link_stats {
	unsigned long cites;            /* <cite> elements made */
	unsigned long internal;         /* of which to this regulation */
	unsigned long external;         /* of which to another act */
	unsigned long targets;          /* internal targets, ranges expanded */
	unsigned long exact;            /* targets found as cited */
	unsigned long coarsened;        /* targets found only at a coarser level */
	unsigned long unresolved;       /* targets naming nothing that exists */
	unsigned long by_kind[8];       /* targets by kind: see link_kind_names */
	unsigned long terms;            /* defined-term uses linked */
	unsigned long acts;             /* distinct other acts */
	unsigned long aliases;          /* citations made from a manifest alias phrase */
	unsigned long cross;            /* citations resolved into another regulation */
	unsigned long cross_targets;    /* their targets (qualified ids) */
	unsigned long cross_unresolved; /* targets naming nothing in that regulation */
} link_stats;

extern const char *const link_kind_names[8];

/* Resolve citations and terms in r->doc, add edges and the acts list. */
int link_resolve(regulation *r, link_stats *stats, diag *d);

/* As link_resolve, resolving citations of the library's other regulations into them
 * (lib may be NULL: no other regulation). Alias phrases of r's manifest become
 * citations of their act either way. */
int link_resolve_library(regulation *r, const link_library *lib, link_stats *stats, diag *d);

/* The library regulation with this CELEX, or NULL. */
const link_regulation *link_library_find(const link_library *lib, const char *celex);

/* Mark defined-term uses (terms.c); called by link_resolve. */
unsigned long link_mark_terms(xmlDocPtr doc, const char *definitions_unit, xmlHashTablePtr ids);

#endif
