/*
 * history.h - the law in time: what changed between the versions of a regulation.
 *
 * Owns: the history document of a regulation (history.xml, schema
 * templates/schema/history.rng, doc/graph.md "History"): its versions, and for every
 * element that differs between two consecutive versions its status in the later one
 * (inserted, replaced, deleted: from the amendment markers, amendments.h; changed or
 * removed: found by comparing the two graphs' texts where no marker says so), the
 * amending provision as a qualified id (digital-omnibus-ai:art-1.35) and the versions
 * that hold it; and the typed amends edges from the amending act's provisions to the
 * elements they amend, added to the amending act's graph. Reads graphs, never pages;
 * nothing here names a regulation.
 */
#ifndef REGDOC_HISTORY_H
#define REGDOC_HISTORY_H

#include <libxml/tree.h>

#include "ingest/amendments.h"
#include "ingest/corpus.h"
#include "util/diag.h"

/* One version's graph and where it is written, relative to the history document. */
typedef struct history_version {
	const regulation *r; /* loaded with that version (regulation_version(r)) */
	const char *graph;   /* "graph.xml", "versions/2024-08-01/graph.xml" */
} history_version;

/*
 * The history of versions v[0..n) (oldest first, the versions of one regulation). For
 * each later version: its amendment table, checked against its graph (every row names
 * an element it has: an error otherwise), and the comparison with the version before.
 * amending: the graph of the act that made each version, when loaded (may be NULL):
 * every amending provision must be an element of it. NULL after errors.
 */
xmlDocPtr history_build(const history_version *v, size_t n, const regulation *const *amending,
                        diag *d);

/*
 * Typed edges from the amending act's provisions to what they amended, into
 * amending->edges: <edge kind="amends" action="replaced" from="art-1.19"
 * to="ai-act:art-43.3" src="…/amendments.tsv" line="N"/>, one per element a row names,
 * in the table's order. amended: the regulation at a version that holds the elements
 * (checked, errors otherwise); t: the table of the version the act made.
 */
int history_add_amends(regulation *amending, const regulation *amended, const amendment_table *t,
                       int strict, diag *d);
/* strict 0: amended is at a later version than the table's; an element it no longer
 * has is left out quietly. */

#endif
