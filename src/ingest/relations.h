/*
 * relations.h - corpus/<regulation>/relations.xml: sourced recital ↔ article/annex
 * pairs that a legal editor adds without editing pages (doc/graph.md, "Sourced
 * relations"; schema templates/schema/relations.rng).
 *
 * Owns: reading and validating the file (its absence is fine), checking that each
 * pair names a recital and an article or annex of the regulation, and adding each
 * pair as relates-to edges in both directions, with source="…" and the file's line,
 * unless the pages already give the pair.
 */
#ifndef REGDOC_RELATIONS_H
#define REGDOC_RELATIONS_H

#include "ingest/corpus.h"
#include "util/diag.h"

#define RELATIONS_FILE "relations.xml"

/* Add the pairs of <r->dir>/relations.xml to r->edges (the units must be loaded).
 * Returns 0 (also when there is no file), -1 when the file has errors (reported). */
int relations_load(regulation *r, const char *datadir, diag *d);

#endif
