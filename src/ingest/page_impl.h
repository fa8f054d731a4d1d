/*
 * page_impl.h - what the page reader's two files share; private to src/ingest (page.h
 * is the interface).
 *
 * page.c reads the page: the fence, the chrome, the heading and its unit, sections,
 * inline text, the relations list; page_blocks.c turns the blocks of a unit's body into
 * the law's structure: numbered paragraphs, subparagraphs, points by their labels and
 * indentation, tables, quoted text.
 */
#ifndef REGDOC_INGEST_PAGE_IMPL_H
#define REGDOC_INGEST_PAGE_IMPL_H

#include <stddef.h>

#include <cmark.h>
#include <libxml/tree.h>

#include "ingest/page.h"

/* One open element that can hold text, subparagraphs and points: the unit, a
 * numbered paragraph, an annex section, or a point. col is the column its points
 * start at; a paragraph at or left of it closes it. */
typedef struct frame {
	xmlNodePtr el;
	char id[ID_MAX];
	int col;
	int multilevel;           /* a "4.3." point: at its own column it still holds
	                             points and subparagraphs (the CRA's indentation) */
	char label[16];           /* a point's label, "" for other frames */
	int same_column;          /* written at its parent's column (virtual col + 1) */
	int inserted_para;        /* a paragraph "1a." written as a plain paragraph */
	int has_text;
	unsigned nsubs;
	xmlNodePtr holder;        /* where points of the current subparagraph go */
	char holder_id[ID_MAX];
} frame;

typedef struct builder {
	const page_ctx *pc;
	int line_offset;
	frame stack[PAGE_MAX_DEPTH + 1];
	int depth;
	/* inner Markdown split in lines, to read the numbers of ordered-list markers */
	const char *src;
	size_t src_len;
	/* where item_number last found a line: items come in line order, so each page is
	 * read once, not once per item */
	int at_line;
	const char *at;
	int warned_depth;
	xmlNodePtr section2; /* the last "##" section: a "###" one goes inside it */
	/* an open quotation ("‘2. For …" without its closing ’): the paragraphs after it at
	 * its column or deeper are quoted text too, into quote_holder, until one closes it */
	int quote_col;
	xmlNodePtr quote_holder;
} builder;


/* page.c */
unsigned long pg_node_line(const builder *b, cmark_node *n);
void pg_set_prop(xmlNodePtr el, const char *name, const char *value);
void pg_set_prop_ulong(xmlNodePtr el, const char *name, unsigned long v);
xmlNodePtr pg_new_child(xmlNodePtr parent, const char *name);
/* len bytes of s added to parent's text (nothing when len is 0). */
void pg_append_text(xmlNodePtr parent, const char *s, size_t len);
/* <text line=…> holding the paragraph's inline content, after skip bytes of label. */
xmlNodePtr pg_add_text(builder *b, xmlNodePtr parent, cmark_node *para, size_t skip);

/* page_blocks.c */
int pg_is_lower_alnum(char c);
/* base + sep + part; an id longer than ID_MAX is cut (ids that long do not occur in
 * the law, and the uniqueness check reports any clash it would cause). */
void pg_make_id(char *out, const char *base, const char *sep, const char *part);
/* Open frame f for element el with id, its points at column col. */
void pg_frame_open(frame *f, xmlNodePtr el, const char *id, int col, int has_text);
/* The blocks first .. stop (NULL: to the end) into the structure of the open frames. */
void pg_add_blocks(builder *b, cmark_node *first, cmark_node *stop, int depth);

#endif
