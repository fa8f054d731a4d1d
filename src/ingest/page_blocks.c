/*
 * page_blocks.c - a unit's body into the law's structure (page_impl.h, pg_add_blocks):
 * numbered paragraphs, subparagraphs, points and sub-points by their labels and
 * indentation (the CRA's multi-level "4.3." points, the AI Act's inserted "1a."
 * paragraphs), tables, quoted text that spans paragraphs.
 */
#include "ingest/page_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/text.h"

/* ---- labels -------------------------------------------------------------- */

int pg_is_lower_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/*
 * A point label at the start of a paragraph: "(a) ", "(iv) ", "(44) " or a
 * multi-level number "4.3. " / "4.3 ". Writes the label without brackets or final
 * dot into out and returns the bytes to skip (label and the space), or 0.
 */
static size_t point_label(const char *s, char *out, size_t outsz)
{
	size_t i = 0, n;
	if (s[0] == '(') {
		for (i = 1; i < 6 && pg_is_lower_alnum(s[i]); i++)
			;
		if (i == 1 || s[i] != ')' || (s[i + 1] != ' ' && s[i + 1] != '\0'))
			return 0;
		n = i - 1;
		if (n >= outsz)
			return 0;
		memcpy(out, s + 1, n);
		out[n] = '\0';
		return s[i + 1] == ' ' ? i + 2 : i + 1;
	}
	/* digits ('.' digits)+ '.'? ' ' */
	{
		int groups = 0;
		while (1) {
			size_t start = i;
			while (s[i] >= '0' && s[i] <= '9' && i - start < 4)
				i++;
			if (i == start)
				return 0;
			groups++;
			if (s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
				i++;
				continue;
			}
			break;
		}
		if (groups < 2)
			return 0;
		n = i;
		if (s[i] == '.')
			i++;
		if (s[i] != ' ' || n >= outsz)
			return 0;
		memcpy(out, s, n);
		out[n] = '\0';
		return i + 1;
	}
}

/* A paragraph number the law inserted, "1a. " at the start of a plain paragraph (a
 * CommonMark list marker has no letters): the label "1a" into out, the bytes to skip. */
static size_t inserted_para_label(const char *s, char *out, size_t outsz)
{
	size_t d = 0, l;
	while (s[d] >= '0' && s[d] <= '9' && d < 4)
		d++;
	if (d == 0 || s[0] == '0')
		return 0;
	for (l = d; s[l] >= 'a' && s[l] <= 'z' && l - d < 3; l++)
		;
	if (l == d || s[l] != '.' || s[l + 1] != ' ' || l >= outsz)
		return 0;
	memcpy(out, s, l);
	out[l] = '\0';
	return l + 2;
}

/* First text of a paragraph, where a label would be. */
static const char *para_lead(cmark_node *para)
{
	cmark_node *c = cmark_node_first_child(para);
	if (!c || cmark_node_get_type(c) != CMARK_NODE_TEXT)
		return NULL;
	return cmark_node_get_literal(c);
}

/* ---- structure ----------------------------------------------------------- */

void pg_make_id(char *out, const char *base, const char *sep, const char *part)
{
	size_t a = strlen(base), b = strlen(sep), c = strlen(part);
	if (a >= ID_MAX)
		a = ID_MAX - 1;
	memcpy(out, base, a);
	if (b > ID_MAX - 1 - a)
		b = ID_MAX - 1 - a;
	memcpy(out + a, sep, b);
	if (c > ID_MAX - 1 - a - b)
		c = ID_MAX - 1 - a - b;
	memcpy(out + a + b, part, c);
	out[a + b + c] = '\0';
}

static frame *top(builder *b)
{
	return &b->stack[b->depth - 1];
}

void pg_frame_open(frame *f, xmlNodePtr el, const char *id, int col, int has_text)
{
	f->el = el;
	snprintf(f->id, sizeof f->id, "%s", id);
	f->col = col;
	f->has_text = has_text;
	f->nsubs = 1;
	f->multilevel = 0;
	f->label[0] = '\0';
	f->same_column = 0;
	f->inserted_para = 0;
	f->holder = el;
	snprintf(f->holder_id, sizeof f->holder_id, "%s", id);
}

/* Close the open points a paragraph at col cannot belong to: those at a deeper
 * column, and those at the same column, except that a multi-level point ("3.2.")
 * keeps the points and text at its own column until the next multi-level one. */
static void close_frames_from(builder *b, int col, int new_multilevel)
{
	while (b->depth > 1 && (top(b)->col > col ||
	                        (top(b)->col == col && (!top(b)->multilevel || new_multilevel))))
		b->depth--;
}

static void add_point(builder *b, cmark_node *para, const char *label, size_t skip, int col,
                      int same_column)
{
	frame *parent = top(b);
	char id[ID_MAX];
	const char *part = label;
	xmlNodePtr el;
	int multilevel = strchr(label, '.') != NULL;

	/* "4.3" under "## 4. …" or under point 4 is that element's ".3" */
	if (multilevel) {
		xmlChar *pl = xmlGetProp(parent->el, (const xmlChar *)"label");
		size_t n = pl ? strlen((const char *)pl) : 0;
		if (n && !strncmp(label, (const char *)pl, n) && label[n] == '.')
			part = label + n + 1;
		xmlFree(pl);
	}
	/* "4.3" belongs to its section, never to a subparagraph of it. */
	if (multilevel) {
		pg_make_id(id, parent->id, ".", part);
		el = pg_new_child(parent->el, "point");
	} else {
		pg_make_id(id, parent->holder_id, ".", part);
		el = pg_new_child(parent->holder, "point");
	}
	pg_set_prop(el, "id", id);
	pg_set_prop(el, "label", label);
	pg_set_prop_ulong(el, "line", pg_node_line(b, para));
	pg_add_text(b, el, para, skip);
	if (b->depth > PAGE_MAX_DEPTH) {
		if (!b->warned_depth++)
			diag_warning(b->pc->d, b->pc->path, pg_node_line(b, para),
			             "points nested deeper than %d levels are kept as text of their parent",
			             PAGE_MAX_DEPTH);
		return;
	}
	pg_frame_open(&b->stack[b->depth++], el, id, col, 1);
	top(b)->multilevel = multilevel;
	top(b)->same_column = same_column;
	snprintf(top(b)->label, sizeof top(b)->label, "%s", label);
}

static int is_roman_label(const char *label)
{
	return label[0] && strspn(label, "ivxl") == strlen(label);
}

static int is_digit_label(const char *label)
{
	return label[0] && strspn(label, "0123456789") == strlen(label);
}

/*
 * Points written at the same column as the point they belong to (the CRA's pages):
 * "(a)" right after "(2)" opens the points of (2) (CRA Annex I, Part I); "(i)" right
 * after a lettered point opens its sub-points (CRA Article 14(2)), except after "(h)",
 * where it is the letter i.
 */
static int nests_at_same_column(const frame *f, int col, const char *label)
{
	if (!f->label[0] || f->col != col)
		return 0;
	if (!strcmp(label, "a"))
		return is_digit_label(f->label);
	if (!strcmp(label, "i"))
		return !is_digit_label(f->label) && !strchr(f->label, '.') &&
		       !(is_roman_label(f->label) && strlen(f->label) > 1) && strcmp(f->label, "h") != 0;
	return 0;
}

/* A later point of a run that nests_at_same_column opened: same kind of label. */
static int continues_nested_run(const frame *t, int col, const char *label)
{
	return t->same_column && t->col == col + 1 && !strchr(label, '.') &&
	       is_digit_label(label) == is_digit_label(t->label);
}

/* An unnumbered paragraph: the frame's own text, or its next subparagraph. */
/* Where the next unnumbered paragraph's text goes: the frame itself while it has no
 * text, else a new <sub> of it. */
static xmlNodePtr next_subparagraph(builder *b, unsigned long line)
{
	frame *f = top(b);
	char id[ID_MAX], n[16];
	xmlNodePtr sub;
	if (!f->has_text) {
		f->has_text = 1;
		return f->el;
	}
	f->nsubs++;
	snprintf(n, sizeof n, "sub%u", f->nsubs);
	pg_make_id(id, f->id, ".", n);
	sub = pg_new_child(f->el, "sub");
	pg_set_prop(sub, "id", id);
	pg_set_prop_ulong(sub, "n", f->nsubs);
	pg_set_prop_ulong(sub, "line", line);
	f->holder = sub;
	snprintf(f->holder_id, sizeof f->holder_id, "%s", id);
	return sub;
}

static void add_subparagraph(builder *b, cmark_node *para)
{
	pg_add_text(b, next_subparagraph(b, pg_node_line(b, para)), para, 0);
}

/* A row of a pipe table, "| AIP 0102 | AI systems … |", as its cells joined by " | ";
 * 1 when the row is the header rule ("| --- | --- |") or has no text (dropped). */
static int table_row_text(const char *row, buf *out)
{
	const char *p = row;
	int cells = 0, rule = 1;
	while (*p) {
		const char *e = strchr(p, '|');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		const char *c = p;
		c = text_trim(c, &n);
		if (n) {
			if (strspn(c, "-:") < n)
				rule = 0;
			if (cells++)
				buf_puts(out, " | ");
			buf_append(out, c, n);
		}
		p = e ? e + 1 : p + strlen(p);
	}
	return rule || !cells;
}

/* A GFM pipe table (CommonMark reads it as one paragraph of lines that start with
 * '|'): each row a subparagraph, its cells joined by " | " (Annex XIV's code tables). */
static int add_table(builder *b, cmark_node *para)
{
	cmark_node *c = cmark_node_first_child(para);
	unsigned long line = pg_node_line(b, para);
	for (cmark_node *k = c; k; k = cmark_node_next(k))
		if (cmark_node_get_type(k) != CMARK_NODE_TEXT && cmark_node_get_type(k) != CMARK_NODE_SOFTBREAK)
			return 0; /* emphasis or links in a cell: kept as one paragraph */
	while (c) {
		buf row, cells;
		buf_init(&row);
		buf_init(&cells);
		for (; c && cmark_node_get_type(c) != CMARK_NODE_SOFTBREAK; c = cmark_node_next(c))
			buf_puts(&row, cmark_node_get_literal(c) ? cmark_node_get_literal(c) : "");
		if (!row.oom && row.len && !table_row_text(row.s, &cells) && !cells.oom) {
			xmlNodePtr t = pg_new_child(next_subparagraph(b, line), "text");
			pg_set_prop_ulong(t, "line", line);
			pg_append_text(t, cells.s, cells.len);
		}
		buf_free(&row);
		buf_free(&cells);
		if (c) {
			c = cmark_node_next(c);
			line++;
		}
	}
	return 1;
}

/* "1a. …" at the left margin of an article: a numbered paragraph of its own (its
 * points and subparagraphs follow at the margin too, until the next paragraph). */
static void add_inserted_para(builder *b, cmark_node *para, const char *label, size_t skip)
{
	char id[ID_MAX];
	xmlNodePtr el;
	b->depth = 1;
	pg_make_id(id, top(b)->id, ".", label);
	el = pg_new_child(top(b)->el, "para");
	pg_set_prop(el, "id", id);
	pg_set_prop(el, "n", label);
	pg_set_prop_ulong(el, "line", pg_node_line(b, para));
	pg_add_text(b, el, para, skip);
	pg_frame_open(&b->stack[b->depth++], el, id, 0, 1);
	top(b)->inserted_para = 1;
}

/* 1 when the paragraph ends a quotation: its last ’ is followed by nothing but
 * punctuation (’; ’. ’;) and perhaps "and" / "or" (’; and). */
static int closes_quote(cmark_node *para)
{
	char *t = page_plain_text(para);
	const char *last = NULL, *p;
	int r = 0;
	for (p = t; p && (p = strstr(p, "\xE2\x80\x99")) != NULL; p += 3)
		last = p;
	if (last) {
		p = last + 3;
		p += strspn(p, ";.,: ");
		r = !*p || !strcmp(p, "and") || !strcmp(p, "or");
	}
	free(t);
	return r;
}

/* Quoted text of the provision that quotes it (an amending act's new wording). */
static void add_quoted(builder *b, xmlNodePtr holder, cmark_node *para, int col)
{
	pg_set_prop(pg_add_text(b, holder, para, 0), "quoted", "true");
	b->quote_col = closes_quote(para) ? 0 : col;
	b->quote_holder = holder;
}

static void add_paragraph(builder *b, cmark_node *para)
{
	char label[16];
	const char *lead = para_lead(para);
	size_t skip = lead ? point_label(lead, label, sizeof label) : 0;
	int col = cmark_node_get_start_column(para);
	int same_column = 0;
	if (b->quote_col && col >= b->quote_col) {
		add_quoted(b, b->quote_holder, para, b->quote_col);
		return;
	}
	b->quote_col = 0;
	if (lead && lead[0] == '|' && add_table(b, para))
		return;
	if (!skip && lead && col == 1 && !strcmp((const char *)b->stack[0].el->name, "article") &&
	    (skip = inserted_para_label(lead, label, sizeof label)) != 0) {
		add_inserted_para(b, para, label, skip);
		return;
	}
	/* Same-column sub-points are given a virtual column one deeper than their
	 * point's, so the point stays open and later ones find them. */
	if (skip && b->depth > 1) {
		const frame *t = top(b);
		if (nests_at_same_column(t, col, label) || continues_nested_run(t, col, label)) {
			col++;
			same_column = 1;
		}
	}
	close_frames_from(b, col, skip && strchr(label, '.') != NULL);
	if (skip)
		add_point(b, para, label, skip, col, same_column);
	else if (lead && text_starts_with(lead, "\xE2\x80\x98") && top(b)->has_text)
		/* A quoted amendment ("‘5. For …") is text of the provision that quotes it,
		 * not a subparagraph of this act; so is the rest of the quotation. */
		add_quoted(b, top(b)->holder, para, col);
	else
		add_subparagraph(b, para);
}

/* The number printed in an ordered-list item's marker ("10." → 10): cmark keeps only
 * the list's start, so read the digits where the item starts in the source. */
static unsigned item_number(builder *b, cmark_node *item, unsigned fallback)
{
	int line = cmark_node_get_start_line(item) + b->line_offset, col = cmark_node_get_start_column(item);
	const char *p = b->src, *end = b->src + b->src_len;
	unsigned v = 0;
	int digits = 0, l = 1;
	if (b->at && b->at_line <= line) {
		p = b->at;
		l = b->at_line;
	}
	for (; l < line && p < end; p++)
		if (*p == '\n')
			l++;
	b->at = p;
	b->at_line = l;
	p += col - 1;
	while (p < end && *p >= '0' && *p <= '9' && digits < 9) {
		v = v * 10 + (unsigned)(*p++ - '0');
		digits++;
	}
	return digits ? v : fallback;
}

static void add_list(builder *b, cmark_node *list, int depth)
{
	unsigned n = (unsigned)cmark_node_get_list_start(list);
	int is_article_level;
	b->quote_col = 0;
	/* "2." after an inserted "1a." at the margin is the next paragraph, not its point */
	if (b->depth > 1 && b->stack[1].inserted_para && cmark_node_get_start_column(list) == 1)
		b->depth = 1;
	is_article_level = b->depth == 1 && !strcmp((const char *)top(b)->el->name, "article");
	if (cmark_node_get_list_type(list) != CMARK_ORDERED_LIST) {
		/* Bullets in the law's body: keep each as a subparagraph. */
		for (cmark_node *it = cmark_node_first_child(list); it; it = cmark_node_next(it))
			add_subparagraph(b, it);
		return;
	}
	close_frames_from(b, cmark_node_get_start_column(list), 1);
	for (cmark_node *it = cmark_node_first_child(list); it; it = cmark_node_next(it), n++) {
		frame *parent = top(b);
		char label[16], id[ID_MAX];
		xmlNodePtr el;
		int saved_depth = b->depth;
		n = item_number(b, it, n);
		snprintf(label, sizeof label, "%u", n);
		if (b->depth > PAGE_MAX_DEPTH || depth > PAGE_MAX_DEPTH) {
			add_subparagraph(b, it);
			continue;
		}
		if (is_article_level) {
			pg_make_id(id, parent->id, ".", label);
			el = pg_new_child(parent->el, "para");
			pg_set_prop(el, "id", id);
			pg_set_prop(el, "n", label);
		} else {
			pg_make_id(id, parent->holder_id, ".", label);
			el = pg_new_child(parent->holder, "point");
			pg_set_prop(el, "id", id);
			pg_set_prop(el, "label", label);
		}
		pg_set_prop_ulong(el, "line", pg_node_line(b, it));
		pg_frame_open(&b->stack[b->depth++], el, id, 0, 0);
		pg_add_blocks(b, cmark_node_first_child(it), NULL, depth + 1);
		b->depth = saved_depth;
	}
}

void pg_add_blocks(builder *b, cmark_node *first, cmark_node *stop, int depth)
{
	for (cmark_node *n = first; n && n != stop; n = cmark_node_next(n)) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_PARAGRAPH:
			add_paragraph(b, n);
			break;
		case CMARK_NODE_LIST:
			if (depth > PAGE_MAX_DEPTH) {
				add_subparagraph(b, n);
				break;
			}
			add_list(b, n, depth);
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			break;
		case CMARK_NODE_HTML_BLOCK:
			diag_warning(b->pc->d, b->pc->path, pg_node_line(b, n),
			             "raw HTML block kept as plain text");
			add_subparagraph(b, n);
			break;
		default: /* block quotes, code blocks, stray headings: keep the words */
			diag_warning(b->pc->d, b->pc->path, pg_node_line(b, n),
			             "unexpected %s in the law's text, kept as a paragraph",
			             cmark_node_get_type_string(n));
			add_subparagraph(b, n);
			break;
		}
	}
}

