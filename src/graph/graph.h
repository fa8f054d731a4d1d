/*
 * graph.h - the graph of a regulation: the XML document the stages after ingest share.
 *
 * Owns: the id scheme's reads (check.c: the index of every id, qualified ids
 * "cra:art-12.3"), the checks a schema cannot make (check.c: ids unique, no dangling
 * reference, relates-to targets exist; then RELAX NG validation against
 * templates/schema/graph.rng), the one walk of a tree and the insertion that never
 * merges text (graph.c), the deterministic serialisation (graph.c), and edge queries
 * (links.c). The link stage (src/link, link/link.h) adds citations, terms and edges to
 * the graph with these; nothing here calls the link stage (README, "Layout").
 */
#ifndef REGDOC_GRAPH_H
#define REGDOC_GRAPH_H

#include <stdio.h>
#include <libxml/hash.h>
#include <libxml/tree.h>

#include "ingest/corpus.h"
#include "util/diag.h"

/* Index of every id in doc → element. Reports duplicate ids. */
xmlHashTablePtr graph_index_ids(xmlDocPtr doc, diag *d);

/* 1 when ref is a qualified id "reg:id" (reg a slug other than "ext"), and then
 * the length of its "reg" part in *reg_len. */
int graph_is_qualified(const char *ref, size_t *reg_len);

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

/* doc serialised as graph_write writes it (UTF-8, indented: XML_SAVE_FORMAT), or NULL
 * when memory ran out; the caller frees it with xmlBufferFree. */
xmlBufferPtr graph_serialize(xmlDocPtr doc);

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
