/*
 * page.h - one Markdown page → one unit element.
 *
 * Owns: reading a page through cmark's AST (never regular expressions over the raw
 * Markdown): unwrapping the ```markdown fence, dropping the page chrome, the heading
 * (kind, number, title), the law's structure (numbered paragraphs, subparagraphs,
 * points and sub-points by their indentation, Article 3's numbered definitions, annex
 * sections, parts and multi-level points such as 4.3.), verbatim inline text with its
 * emphasis, and the "This … relates to" list as relates-to edges. Every element gets
 * its id (README, "Ids") and its source line.
 */
#ifndef REGDOC_PAGE_H
#define REGDOC_PAGE_H

#include <cmark.h>
#include <libxml/tree.h>

#include "ingest/manifest.h"
#include "util/diag.h"

#define PAGE_MAX_BYTES (1024u * 1024u) /* a page over 1 MiB is refused */
#define PAGE_MAX_DEPTH 16              /* nesting of lists/points kept as structure */
#define ID_MAX 64

typedef struct page_ctx {
	const manifest *m;
	const char *path; /* of the page: diagnostics and the src attribute */
	xmlDocPtr doc;    /* the graph document new nodes belong to */
	xmlNodePtr edges; /* relates-to edges are appended here */
	diag *d;
} page_ctx;

/* The Markdown inside the ```markdown fence (or the whole text when a page has no
 * fence), parsed; *line_offset is added to cmark's line numbers to get file lines.
 * Caller frees with cmark_node_free. */
cmark_node *page_parse_markdown(const char *text, size_t len, int *line_offset);

/* Plain text of a node (text, code, link text; breaks as spaces), iteratively. */
char *page_plain_text(cmark_node *node);

/* Parse a page into its unit element (unattached, owned by pc->doc), or NULL after
 * reporting why. */
xmlNodePtr page_parse(const page_ctx *pc, const char *text, size_t len);

#endif
