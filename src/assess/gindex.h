/*
 * gindex.h - what the product assessment needs from a regulation's graph.
 *
 * Owns: looking up a graph id (doc/graph.md), the unit (recital, article, annex) an id
 * belongs to, the human label of an id ("Article 43(1), second subparagraph, point
 * (b)", "Annex VII, point 4.6, fifth paragraph"), the site link of an id, and the
 * recitals that explain a unit (its relates-to edges, both directions).
 * The graph document is borrowed: it must outlive the index.
 */
#ifndef REGDOC_ASSESS_GINDEX_H
#define REGDOC_ASSESS_GINDEX_H

#include <stddef.h>

#include <libxml/hash.h>
#include <libxml/tree.h>

#include "util/buf.h"
#include "util/diag.h"

typedef struct gindex_pair {
	char *unit;    /* art-43 */
	char *recital; /* rec-78 */
	unsigned n;    /* recital number, for ordering */
	const char *evidence; /* a suggests edge's evidence attribute (borrowed from the
	                       * graph; NULL for relates-to pairs or when absent) */
} gindex_pair;

typedef struct gindex {
	xmlDocPtr doc;         /* borrowed */
	const char *regulation; /* the root's id, e.g. "ai-act" (points into doc) */
	const char *version;    /* the version of the law the graph holds (the root's version,
	                         * "2026-07-27"), NULL for a regulation with one version */
	const char *applies_from; /* that version's date of application, or NULL */
	xmlHashTablePtr ids;   /* id -> xmlNodePtr */
	xmlHashTablePtr cited; /* id -> the cites edges into it (gindex_cited_by) */
	gindex_pair *rel;      /* relates-to pairs unit <-> recital, sorted by unit, n */
	size_t nrel;
	gindex_pair *sug;      /* a unit's computed list (suggests edges from the unit to a
	                        * recital), sorted by unit, then rank (n = the edge's place) */
	size_t nsug;
	/* id -> its label, id -> its text (char *), filled as they are asked for: an index
	 * kept in an assess_cache serves every product, and products ask for the same
	 * provisions again and again */
	xmlHashTablePtr labels, texts;
} gindex;

/* Index graph (a <regulation> document). Returns 0, or -1 with a diagnostic naming
 * name (e.g. the graph's path) when it is not a graph. */
int gindex_init(gindex *g, xmlDocPtr graph, const char *name, diag *d);
void gindex_free(gindex *g);

/* The element with that id, or NULL. */
xmlNodePtr gindex_find(const gindex *g, const char *id);

/* The <edge kind="cites"> elements whose to is exactly id, in document order: *edges
 * is set to them and their count returned (0: none). */
size_t gindex_cited_by(const gindex *g, const char *id, xmlNodePtr const **edges);

/* The unit (recital, article or annex element) that holds the id, or NULL. */
xmlNodePtr gindex_unit(const gindex *g, const char *id);

/* 1 when the element with that id has a point element directly below it. */
int gindex_has_points(const gindex *g, const char *id);

/* Append the human label of id to out ("Article 43(1)(a)"); the id itself when it is
 * not in the graph. */
void gindex_label(const gindex *g, const char *id, buf *out);

/* Append the site link of id: site_base + unit id + ".html#" + id. */
void gindex_href(const gindex *g, const char *id, const char *site_base, buf *out);

/* The regulation's text on EUR-Lex (its CELEX number; "" when the graph has none):
 * GINDEX_EURLEX + celex. */
#define GINDEX_EURLEX "https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:"
void gindex_eurlex_doc(const gindex *g, buf *out);

/* The link to id on EUR-Lex: the text's page with the anchor EUR-Lex gives the nearest
 * element that has one (doc/answers.md, "Links"): an article's paragraph #043.002, an
 * article #art_43, a recital #rct_78, an annex #anx_IV; points and subparagraphs have
 * none there, so they link to their paragraph or unit. */
void gindex_href_eurlex(const gindex *g, const char *id, buf *out);

/* The recitals related to the unit of id, in recital order: *first is set to the first
 * pair and the count returned (0 when none). */
size_t gindex_recitals(const gindex *g, const char *id, const gindex_pair **first);

/* The recitals computed for the unit of id (its suggests edges, README "Computed
 * relations"), best first: *first is set and the count returned (0 when none). Never
 * a recital gindex_recitals gives for that unit. */
size_t gindex_suggested(const gindex *g, const char *id, const gindex_pair **first);

/* Append the plain text of the element's own text block (its first <text>, inline
 * markup flattened, whitespace collapsed; no space before it when out is empty). */
void gindex_text(const gindex *g, const char *id, buf *out);

#endif
