/*
 * graph.h - from assembled units to the finished, checked graph of a regulation.
 *
 * Owns: the link stage (resolve.c: citations → <cite> and cites/cites-act edges,
 * terms.c: defined-term uses → <term>), the checks a schema cannot make (check.c: ids
 * unique, no dangling reference, relates-to targets exist; then RELAX NG validation
 * against templates/schema/graph.rng), the deterministic serialisation (graph.c), and
 * edge queries (links.c).
 */
#ifndef REGDOC_GRAPH_H
#define REGDOC_GRAPH_H

#include <stdio.h>
#include <libxml/hash.h>
#include <libxml/tree.h>

#include "ingest/corpus.h"
#include "util/diag.h"

#define GRAPH_MAX_RANGE 500 /* a cited range expands to at most this many targets */

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

/* The other regulations a citation may resolve into (the library being built):
 * a citation of an act whose CELEX is one of theirs names their units, as ids
 * qualified by their manifest id (cra:art-12.3). The regulation being linked may be
 * in the table too; its own CELEX always maps to itself. */
typedef struct link_regulation {
	const char *id;       /* manifest id ("cra") */
	const char *celex;    /* "32024R2847" */
	xmlHashTablePtr ids;  /* every id of its graph (graph_index_ids) */
} link_regulation;

typedef struct link_library {
	const link_regulation *v;
	size_t n;
} link_library;

extern const char *const link_kind_names[8];

/* Index of every id in doc → element. Reports duplicate ids. */
xmlHashTablePtr graph_index_ids(xmlDocPtr doc, diag *d);

/* Resolve citations and terms in r->doc, add edges and the acts list. */
int graph_link(regulation *r, link_stats *stats, diag *d);

/* As graph_link, resolving citations of the library's other regulations into them
 * (lib may be NULL: no other regulation). Alias phrases of r's manifest become
 * citations of their act either way. */
int graph_link_library(regulation *r, const link_library *lib, link_stats *stats, diag *d);

/* The library regulation with this CELEX, or NULL. */
const link_regulation *link_library_find(const link_library *lib, const char *celex);

/* 1 when ref is a qualified id "reg:id" (reg a slug other than "ext"), and then
 * the length of its "reg" part in *reg_len. */
int graph_is_qualified(const char *ref, size_t *reg_len);

/* Mark defined-term uses (terms.c); called by graph_link. */
unsigned long graph_mark_terms(xmlDocPtr doc, const char *definitions_unit, xmlHashTablePtr ids);

/* Unique ids and no dangling reference; and, when rng_path is not NULL, validity
 * against that RELAX NG schema (templates/schema/graph.rng). */
int graph_check(xmlDocPtr doc, const char *rng_path, const char *name, diag *d);

/* The node after cur in a walk of root's subtree in document order (pre-order): cur's
 * first child when descend is set and cur is an element with children, else the next
 * node that is not inside cur; NULL when the subtree is done. Iterative, so a hostile
 * depth cannot exhaust the stack; the one walk of every pass over a graph:
 *     for (n = root; n; n = graph_walk_next(root, n, descend)) …
 * cur's children may be changed before the call (only its siblings are read after). */
xmlNodePtr graph_walk_next(const xmlNode *root, xmlNodePtr cur, int descend);

/* Link node into the tree right after anchor. Unlike xmlAddNextSibling it never
 * merges adjacent text nodes (which frees one of them under the caller's feet). */
void graph_insert_after(xmlNodePtr anchor, xmlNodePtr node);

/* Write the graph to path (or stdout when path is "-"), deterministically. */
int graph_write(xmlDocPtr doc, const char *path, diag *d);

/* Print every edge into or out of id (or of an element inside it) as
 * KIND\tFROM\tTO\tSOURCE:LINE, except the computed suggests edges. Returns the
 * number printed. */
size_t graph_print_links(xmlDocPtr doc, const char *id, FILE *out);

/* As graph_print_links, with the doc's own ids qualified by qual ("cra:art-12.1"):
 * for the edges of one regulation into another (id then is qualified, ai-act:art-15). */
size_t graph_print_links_q(xmlDocPtr doc, const char *id, const char *qual, FILE *out);

/* The computed suggests edges into or out of id (src/link/suggest.c), as
 * suggests\tFROM\tTO\tSOURCE:LINE\tSCORE\tEVIDENCE. Returns the number printed. */
size_t graph_print_suggested(xmlDocPtr doc, const char *id, FILE *out);

/* As graph_print_suggested, the doc's ids qualified by qual (NULL: as they are). */
size_t graph_print_suggested_q(xmlDocPtr doc, const char *id, const char *qual, FILE *out);

#endif
