/*
 * diff.h - `regdoc diff OLD NEW`: what changed between two versions of a regulation, and
 * what that does to its example products.
 *
 * Owns: comparing two graphs of one regulation unit by unit and element by element (ids
 * follow the law's numbering, so an element is "the same" when its id is: changed when
 * its own text or title differs, added or removed otherwise), the word-level difference
 * of a changed text, and comparing each example product's assessment under the old
 * corpus (graph and rules) with its assessment under the new one: conclusions (the
 * route), checklist items (added, removed, the law's text of their provision changed)
 * and items whose provisions or citations are among the changed elements. The result is
 * a diff document (templates/schema/diff.rng) that templates/diff/{text,html}.xsl render.
 * Not: loading the corpora (src/job_diff.c) or rendering.
 */
#ifndef REGDOC_TOOL_DIFF_H
#define REGDOC_TOOL_DIFF_H

#include <stddef.h>

#include <libxml/tree.h>

#include "assess/assess.h"
#include "util/diag.h"

/* Longest texts compared word by word (words old × words new); longer ones are shown
 * as one changed stretch between their common beginning and end. */
#define DIFF_MAX_CELLS (4u * 1024u * 1024u)

/* One version of a regulation. */
typedef struct diff_side {
	const char *dir;                /* its folder (as given) */
	xmlDocPtr graph;                /* linked graph (borrowed) */
	const assess_regulation *others; /* the other regulations beside it (for combined rules) */
	size_t nothers;
} diff_side;

/* A new diff document: <diff old= new= generator=>. NULL when out of memory. */
xmlDocPtr diff_new(const char *old_dir, const char *new_dir, const char *generator);

/* Append to doc's root the comparison of one regulation: its units and elements, and
 * (templates: for the schemas the assessment needs; NULL = the text only, e.g. the
 * history of a regulation's versions on its site) its example products
 * (the <dir>/products/NAME.xml of either side, assessed with <dir>/rules). Errors of a
 * product's assessment are recorded in the document, not reported to d. Returns 0, or
 * -1 with a diagnostic (out of memory, interrupted). */
int diff_regulation(xmlDocPtr doc, const diff_side *old, const diff_side *new,
                    const char *templates, diag *d);

/* Record a regulation found on one side only ("old" or "new"). */
int diff_only_in(xmlDocPtr doc, const char *side, const char *id, const char *dir);

/*
 * Two versions of one regulation compared (the last <regulation> of doc, from
 * diff_regulation): each element and unit it lists gets an <amendment> for every row of
 * the amendment tables of the versions after old_version up to new_version that names
 * it (the regulation's history document, graph/history.h): action (replaced, inserted,
 * deleted), by (the amending provision, qualified), its label from the amending act's
 * graph (among graphs), the act's name, and the table's line. So every row is
 * accounted for: one inside a unit added or removed whole is on the unit (element=
 * the id it names); an element the amendment left with the same words is listed with
 * change="amended". The summary says how many (amendments, elements-amended).
 * diff_amend.c. 0, or -1 with a diagnostic.
 */
int diff_amendments(xmlDocPtr doc, xmlDocPtr history, const char *old_version,
                    const char *new_version, xmlDocPtr new_graph, const xmlDocPtr *graphs,
                    size_t ngraphs, diag *d);

/* The word difference of two texts as children of parent: <same>, <del>, <ins> runs. */
int diff_words(xmlNodePtr parent, const char *old_text, const char *new_text);

#endif
