#include "ingest/page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/text.h"

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

/* ---- small helpers ------------------------------------------------------- */

static unsigned long node_line(const builder *b, cmark_node *n)
{
	return (unsigned long)(cmark_node_get_start_line(n) + b->line_offset);
}

static void set_prop(xmlNodePtr el, const char *name, const char *value)
{
	xmlNewProp(el, (const xmlChar *)name, (const xmlChar *)value);
}

static void set_prop_ulong(xmlNodePtr el, const char *name, unsigned long v)
{
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%lu", v);
	set_prop(el, name, tmp);
}

static xmlNodePtr new_child(xmlNodePtr parent, const char *name)
{
	return xmlNewChild(parent, NULL, (const xmlChar *)name, NULL);
}

static void append_text(xmlNodePtr parent, const char *s, size_t len)
{
	if (len)
		xmlNodeAddContentLen(parent, (const xmlChar *)s, (int)len);
}

char *page_plain_text(cmark_node *node)
{
	buf out;
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	buf_init(&out);
	buf_puts(&out, "");
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE || t == CMARK_NODE_HTML_INLINE ||
		    t == CMARK_NODE_CODE_BLOCK || t == CMARK_NODE_HTML_BLOCK) {
			const char *lit = cmark_node_get_literal(n);
			if (lit)
				buf_puts(&out, lit);
		} else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
			buf_putc(&out, ' ');
		} else if ((t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING) && out.len &&
		           n != node) {
			buf_putc(&out, ' ');
		}
	}
	cmark_iter_free(it);
	if (out.oom) {
		buf_free(&out);
		return NULL;
	}
	return out.s;
}

cmark_node *page_parse_markdown(const char *text, size_t len, int *line_offset)
{
	cmark_node *outer = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
	cmark_node *first = outer ? cmark_node_first_child(outer) : NULL;
	const char *info;
	*line_offset = 0;
	if (!first || cmark_node_get_type(first) != CMARK_NODE_CODE_BLOCK)
		return outer;
	info = cmark_node_get_fence_info(first);
	if (!info || strcmp(info, "markdown") != 0)
		return outer;
	/* The page is the fenced block: its content starts the line after the fence. */
	{
		const char *lit = cmark_node_get_literal(first);
		cmark_node *inner;
		*line_offset = cmark_node_get_start_line(first);
		inner = cmark_parse_document(lit ? lit : "", lit ? strlen(lit) : 0, CMARK_OPT_DEFAULT);
		cmark_node_free(outer);
		return inner;
	}
}

/* A safe link destination: http, https, mailto, or relative (no scheme at all). */
static int url_is_safe(const char *url)
{
	const char *p = url;
	if (!url)
		return 0;
	for (; *p && *p != '/' && *p != '?' && *p != '#'; p++) {
		if (*p == ':') {
			size_t n = (size_t)(p - url);
			return (n == 4 && text_ncase_eq(url, "http", 4)) ||
			       (n == 5 && text_ncase_eq(url, "https", 5)) ||
			       (n == 6 && text_ncase_eq(url, "mailto", 6));
		}
	}
	return 1;
}

/* ---- inline content ------------------------------------------------------ */

#define INLINE_MAX_DEPTH 12

static void inline_children(builder *b, cmark_node *n, xmlNodePtr out, size_t *skip, int depth);

/* Beyond the nesting bound, keep the words and drop the markup. */
static void inline_flatten(cmark_node *n, xmlNodePtr out)
{
	char *t = page_plain_text(n);
	if (t) {
		append_text(out, t, strlen(t));
		free(t);
	}
}

static void inline_node(builder *b, cmark_node *n, xmlNodePtr out, size_t *skip, int depth)
{
	const char *lit;
	xmlNodePtr el;
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_HTML_INLINE: /* kept as text: escaped, inert, nothing lost */
		lit = cmark_node_get_literal(n);
		if (!lit)
			return;
		{
			size_t len = strlen(lit);
			if (*skip) {
				size_t k = *skip < len ? *skip : len;
				lit += k;
				len -= k;
				*skip -= k;
			}
			append_text(out, lit, len);
		}
		return;
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		append_text(out, " ", 1);
		return;
	case CMARK_NODE_CODE:
		lit = cmark_node_get_literal(n);
		el = new_child(out, "code");
		if (lit)
			append_text(el, lit, strlen(lit));
		return;
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
		if (depth >= INLINE_MAX_DEPTH) {
			inline_flatten(n, out);
			return;
		}
		el = new_child(out, cmark_node_get_type(n) == CMARK_NODE_EMPH ? "em" : "strong");
		inline_children(b, n, el, skip, depth + 1);
		return;
	case CMARK_NODE_LINK:
		if (depth >= INLINE_MAX_DEPTH || !url_is_safe(cmark_node_get_url(n))) {
			inline_flatten(n, out);
			return;
		}
		el = new_child(out, "a");
		set_prop(el, "href", cmark_node_get_url(n));
		inline_children(b, n, el, skip, depth + 1);
		return;
	case CMARK_NODE_IMAGE:
		inline_flatten(n, out); /* the alt text */
		return;
	default:
		inline_flatten(n, out);
		return;
	}
}

static void inline_children(builder *b, cmark_node *n, xmlNodePtr out, size_t *skip, int depth)
{
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c))
		inline_node(b, c, out, skip, depth);
}

/* A provision the law deleted keeps its number and reads "[deleted]" (as on EUR-Lex):
 * its paragraph, subparagraph or point says so (deleted="true"). */
static void mark_deleted(xmlNodePtr parent, xmlNodePtr t)
{
	xmlChar *c;
	if (t->prev || (xmlStrcmp(parent->name, (const xmlChar *)"para") != 0 &&
	                xmlStrcmp(parent->name, (const xmlChar *)"point") != 0 &&
	                xmlStrcmp(parent->name, (const xmlChar *)"sub") != 0))
		return;
	c = xmlNodeGetContent(t);
	if (c && !xmlStrcmp(c, (const xmlChar *)"[deleted]"))
		xmlSetProp(parent, (const xmlChar *)"deleted", (const xmlChar *)"true");
	xmlFree(c);
}

/* <text line=…> holding the paragraph's inline content, after skip bytes of label. */
static xmlNodePtr add_text(builder *b, xmlNodePtr parent, cmark_node *para, size_t skip)
{
	xmlNodePtr t = new_child(parent, "text");
	set_prop_ulong(t, "line", node_line(b, para));
	if (cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH)
		inline_children(b, para, t, &skip, 0);
	else
		inline_flatten(para, t);
	mark_deleted(parent, t);
	return t;
}

/* ---- labels -------------------------------------------------------------- */

static int is_lower_alnum(char c)
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
		for (i = 1; i < 6 && is_lower_alnum(s[i]); i++)
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

/* base + sep + part; an id longer than ID_MAX is cut (ids that long do not occur in
 * the law, and the uniqueness check reports any clash it would cause). */
static void make_id(char *out, const char *base, const char *sep, const char *part)
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

static void frame_open(frame *f, xmlNodePtr el, const char *id, int col, int has_text)
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
		make_id(id, parent->id, ".", part);
		el = new_child(parent->el, "point");
	} else {
		make_id(id, parent->holder_id, ".", part);
		el = new_child(parent->holder, "point");
	}
	set_prop(el, "id", id);
	set_prop(el, "label", label);
	set_prop_ulong(el, "line", node_line(b, para));
	add_text(b, el, para, skip);
	if (b->depth > PAGE_MAX_DEPTH) {
		if (!b->warned_depth++)
			diag_warning(b->pc->d, b->pc->path, node_line(b, para),
			             "points nested deeper than %d levels are kept as text of their parent",
			             PAGE_MAX_DEPTH);
		return;
	}
	frame_open(&b->stack[b->depth++], el, id, col, 1);
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
	make_id(id, f->id, ".", n);
	sub = new_child(f->el, "sub");
	set_prop(sub, "id", id);
	set_prop_ulong(sub, "n", f->nsubs);
	set_prop_ulong(sub, "line", line);
	f->holder = sub;
	snprintf(f->holder_id, sizeof f->holder_id, "%s", id);
	return sub;
}

static void add_subparagraph(builder *b, cmark_node *para)
{
	add_text(b, next_subparagraph(b, node_line(b, para)), para, 0);
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
	unsigned long line = node_line(b, para);
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
			xmlNodePtr t = new_child(next_subparagraph(b, line), "text");
			set_prop_ulong(t, "line", line);
			append_text(t, cells.s, cells.len);
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
	make_id(id, top(b)->id, ".", label);
	el = new_child(top(b)->el, "para");
	set_prop(el, "id", id);
	set_prop(el, "n", label);
	set_prop_ulong(el, "line", node_line(b, para));
	add_text(b, el, para, skip);
	frame_open(&b->stack[b->depth++], el, id, 0, 1);
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
	set_prop(add_text(b, holder, para, 0), "quoted", "true");
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

static void add_blocks(builder *b, cmark_node *first, cmark_node *stop, int depth);

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
			make_id(id, parent->id, ".", label);
			el = new_child(parent->el, "para");
			set_prop(el, "id", id);
			set_prop(el, "n", label);
		} else {
			make_id(id, parent->holder_id, ".", label);
			el = new_child(parent->holder, "point");
			set_prop(el, "id", id);
			set_prop(el, "label", label);
		}
		set_prop_ulong(el, "line", node_line(b, it));
		frame_open(&b->stack[b->depth++], el, id, 0, 0);
		add_blocks(b, cmark_node_first_child(it), NULL, depth + 1);
		b->depth = saved_depth;
	}
}

static void add_blocks(builder *b, cmark_node *first, cmark_node *stop, int depth)
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
			diag_warning(b->pc->d, b->pc->path, node_line(b, n),
			             "raw HTML block kept as plain text");
			add_subparagraph(b, n);
			break;
		default: /* block quotes, code blocks, stray headings: keep the words */
			diag_warning(b->pc->d, b->pc->path, node_line(b, n),
			             "unexpected %s in the law's text, kept as a paragraph",
			             cmark_node_get_type_string(n));
			add_subparagraph(b, n);
			break;
		}
	}
}

/* ---- headings ------------------------------------------------------------ */

/* Split "Word Label<sep>Title" (sep ": ", ". ", " — ", " "): word and label spans. */
static void split_heading(const char *s, size_t *word_len, const char **label, size_t *label_len,
                          const char **title)
{
	const char *p = s;
	while (*p && *p != ' ')
		p++;
	*word_len = (size_t)(p - s);
	while (*p == ' ')
		p++;
	*label = p;
	while (*p && *p != ' ' && *p != ':' && *p != '.')
		p++;
	*label_len = (size_t)(p - *label);
	while (*p == ':' || *p == '.' || *p == ' ')
		p++;
	if (!strncmp(p, "\xE2\x80\x94", 3)) /* an em dash between label and title */
		p += 3;
	while (*p == ' ')
		p++;
	*title = p;
}

/* Bidi controls and zero-width characters in a title are kept (they may be the law's),
 * but flagged: they can make a title display as something else than it is. */
static void warn_invisible(builder *b, cmark_node *h, const char *title)
{
	unsigned cp = title ? text_first_invisible(title) : 0;
	if (cp)
		diag_warning(b->pc->d, b->pc->path, node_line(b, h),
		             "invisible character U+%04X (bidirectional control or zero-width) in "
		             "a heading: it can make the title display as other text", cp);
}

/* A heading's number written with leading zeros ("Article 044") is refused: it would
 * name the same unit as "Article 44" and hide a typing error. */
static int leading_zeros(builder *b, cmark_node *h, const char *label, size_t ll)
{
	if (ll > 1 && label[0] == '0' && label[1] >= '0' && label[1] <= '9') {
		diag_error(b->pc->d, b->pc->path, node_line(b, h),
		           "heading number '%.*s' has leading zeros: write it without them",
		           (int)(ll > 20 ? 20 : ll), label);
		return 1;
	}
	return 0;
}

static void add_section(builder *b, cmark_node *h, xmlNodePtr unit, const char *unit_id,
                        unsigned ordinal)
{
	char *text = page_plain_text(h);
	const char *label, *title;
	size_t wl, ll;
	char part[32], id[ID_MAX], kind[16];
	xmlNodePtr el;

	if (!text)
		return;
	if (text[0] >= 'a' && text[0] <= 'z' && text[1] == '.' && text[2] == ' ') {
		/* "a. AI systems subject to Annex I" (a group inside a numbered one) */
		snprintf(part, sizeof part, "%c", text[0]);
		snprintf(kind, sizeof kind, "lettered");
		label = text;
		ll = 1;
		title = text + 3;
	} else if (text[0] >= '0' && text[0] <= '9') {
		size_t i = 0;
		while (text[i] >= '0' && text[i] <= '9' && i < 8)
			i++;
		snprintf(part, sizeof part, "%.*s", (int)i, text);
		snprintf(kind, sizeof kind, "numbered");
		label = text;
		ll = i;
		title = text + i;
		while (*title == '.' || *title == ' ')
			title++;
	} else {
		unsigned v;
		split_heading(text, &wl, &label, &ll, &title);
		snprintf(kind, sizeof kind, "%.*s", (int)(wl < 15 ? wl : 15), text);
		for (char *k = kind; *k; k++)
			if (*k >= 'A' && *k <= 'Z')
				*k = (char)(*k - 'A' + 'a');
		if (!strcmp(kind, "section") && ll > 0 && ll <= 3 && is_lower_alnum((char)(label[0] | 0x20)))
			snprintf(part, sizeof part, "%.*s", (int)ll, label);
		else if ((v = text_roman_value(label, ll)) != 0 ||
		         (text_parse_uint(label, ll, &v) == 0 && !leading_zeros(b, h, label, ll)))
			snprintf(part, sizeof part, "%s-%u", kind, v);
		else {
			snprintf(part, sizeof part, "h%u", ordinal);
			snprintf(kind, sizeof kind, "heading");
			label = "";
			ll = 0;
			title = text;
		}
	}
	if (kind[0] == 'n' && leading_zeros(b, h, label, ll))
		snprintf(part, sizeof part, "h%u", ordinal);
	warn_invisible(b, h, title);
	make_id(id, unit_id, ".", part);
	el = new_child(unit, "section");
	set_prop(el, "id", id);
	set_prop(el, "kind", kind);
	{
		char lab[16];
		snprintf(lab, sizeof lab, "%.*s", (int)(ll < 15 ? ll : 15), label);
		set_prop(el, "label", lab);
	}
	set_prop(el, "title", title);
	set_prop_ulong(el, "line", node_line(b, h));
	b->depth = 1;
	b->quote_col = 0;
	frame_open(&b->stack[b->depth++], el, id, 0, 0);
	free(text);
	if (cmark_node_get_heading_level(h) == 2)
		b->section2 = el;
}

/* ---- the page ------------------------------------------------------------ */

static int heading_is(cmark_node *n, int level, const char *text)
{
	char *t;
	int r;
	if (cmark_node_get_type(n) != CMARK_NODE_HEADING || cmark_node_get_heading_level(n) != level)
		return 0;
	t = page_plain_text(n);
	r = t && !strcmp(t, text);
	free(t);
	return r;
}

static int is_chrome(const builder *b, cmark_node *n)
{
	char *t;
	int r;
	if (cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH || !b->pc->m->chrome_starts_with)
		return 0;
	t = page_plain_text(n);
	r = t && text_starts_with(t, b->pc->m->chrome_starts_with);
	free(t);
	return r;
}

static void add_relations(builder *b, cmark_node *list, const char *unit_id)
{
	const page_ctx *pc = b->pc;
	if (!list || cmark_node_get_type(list) != CMARK_NODE_LIST) {
		diag_error(pc->d, pc->path, list ? node_line(b, list) : 0,
		           "relates-to heading is not followed by a list of links");
		return;
	}
	for (cmark_node *it = cmark_node_first_child(list); it; it = cmark_node_next(it)) {
		cmark_iter *iter = cmark_iter_new(it);
		cmark_event_type ev;
		const char *url = NULL;
		while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE)
			if (ev == CMARK_EVENT_ENTER &&
			    cmark_node_get_type(cmark_iter_get_node(iter)) == CMARK_NODE_LINK) {
				url = cmark_node_get_url(cmark_iter_get_node(iter));
				break;
			}
		cmark_iter_free(iter);
		{
			char num[16];
			const unit_kind *k = url ? manifest_kind_by_link(pc->m, url, strlen(url), num) : NULL;
			char to[ID_MAX];
			xmlNodePtr e;
			if (!k) {
				diag_error(pc->d, pc->path, node_line(b, it),
				           "relates-to item is not a link to a unit of this regulation (%s)",
				           url ? url : "no link");
				continue;
			}
			snprintf(to, sizeof to, "%s-%s", k->id_prefix, num);
			e = xmlNewChild(pc->edges, NULL, (const xmlChar *)"edge", NULL);
			set_prop(e, "kind", "relates-to");
			set_prop(e, "from", unit_id);
			set_prop(e, "to", to);
			set_prop(e, "src", pc->path);
			set_prop_ulong(e, "line", node_line(b, it));
		}
	}
}

/* "Article 43: Conformity assessment" → kind, number and title. */
static xmlNodePtr unit_from_heading(builder *b, cmark_node *h, char *unit_id,
                                    const unit_kind **kind_out)
{
	const page_ctx *pc = b->pc;
	char *text = page_plain_text(h);
	const char *label, *title;
	size_t wl, ll;
	unsigned num = 0;
	char suffix[8] = "", n[24];
	const unit_kind *k;
	xmlNodePtr el;

	if (!text)
		return NULL;
	split_heading(text, &wl, &label, &ll, &title);
	k = manifest_kind_by_heading(pc->m, text, wl);
	if (!k) {
		diag_error(pc->d, pc->path, node_line(b, h), "unknown unit kind '%.*s' in the heading",
		           (int)(wl > 40 ? 40 : wl), text);
		free(text);
		return NULL;
	}
	if (k->roman)
		num = text_roman_value(label, ll);
	else if (leading_zeros(b, h, label, ll)) {
		free(text);
		return NULL;
	} else if (text_parse_numbered(label, ll, &num, suffix) != 0) /* 43, or 4a (inserted) */
		num = 0;
	if (num == 0) {
		diag_error(pc->d, pc->path, node_line(b, h), "heading '%s' has no valid %s number",
		           k->heading, k->roman ? "Roman" : "unit");
		free(text);
		return NULL;
	}
	snprintf(n, sizeof n, "%u%s", num, suffix);
	snprintf(unit_id, ID_MAX, "%s-%s", k->id_prefix, n);
	el = xmlNewDocNode(pc->doc, NULL, (const xmlChar *)k->kind, NULL);
	set_prop(el, "id", unit_id);
	set_prop(el, "n", n);
	if (k->roman) {
		char roman[16];
		text_roman_format(num, roman);
		set_prop(el, "number", roman);
	}
	warn_invisible(b, h, title);
	if (*title)
		set_prop(el, "title", title);
	set_prop(el, "src", pc->path);
	set_prop_ulong(el, "line", node_line(b, h));
	*kind_out = k;
	free(text);
	return el;
}

xmlNodePtr page_parse(const page_ctx *pc, const char *text, size_t len)
{
	builder b;
	cmark_node *doc, *n, *first;
	xmlNodePtr unit;
	char unit_id[ID_MAX];
	const unit_kind *kind = NULL;
	unsigned sections = 0;

	memset(&b, 0, sizeof b);
	b.pc = pc;
	b.src = text; /* the fence keeps lines verbatim: list markers are read here */
	b.src_len = len;
	doc = page_parse_markdown(text, len, &b.line_offset);
	if (!doc) {
		diag_error(pc->d, pc->path, 0, "cannot parse the page");
		return NULL;
	}
	first = cmark_node_first_child(doc);
	if (!first) {
		diag_error(pc->d, pc->path, 1, "empty page");
		cmark_node_free(doc);
		return NULL;
	}
	if (cmark_node_get_type(first) != CMARK_NODE_HEADING || cmark_node_get_heading_level(first) != 1) {
		diag_error(pc->d, pc->path, node_line(&b, first),
		           "page has no heading: it must start with '# Article N: Title' or the like");
		cmark_node_free(doc);
		return NULL;
	}
	unit = unit_from_heading(&b, first, unit_id, &kind);
	if (!unit) {
		cmark_node_free(doc);
		return NULL;
	}
	frame_open(&b.stack[0], unit, unit_id, 0, 0);
	b.depth = 1;
	for (n = cmark_node_next(first); n; n = cmark_node_next(n)) {
		cmark_node *stop;
		if (is_chrome(&b, n))
			break;
		if (heading_is(n, 2, kind->relates_heading)) {
			add_relations(&b, cmark_node_next(n), unit_id);
			n = cmark_node_next(n);
			if (!n)
				break;
			continue;
		}
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) >= 2) {
			if (cmark_node_get_heading_level(n) > 2 && b.section2) {
				xmlChar *sid = xmlGetProp(b.section2, (const xmlChar *)"id");
				add_section(&b, n, b.section2, (const char *)sid, ++sections);
				xmlFree(sid);
			} else {
				add_section(&b, n, unit, unit_id, ++sections);
			}
			continue;
		}
		/* a run of body blocks up to the next heading or the chrome; n itself always
		 * belongs to it (a stray level-1 heading is kept as text), so the loop moves on */
		for (stop = cmark_node_next(n); stop; stop = cmark_node_next(stop))
			if (cmark_node_get_type(stop) == CMARK_NODE_HEADING || is_chrome(&b, stop))
				break;
		add_blocks(&b, n, stop, 0);
		if (!stop)
			break;
		n = cmark_node_previous(stop);
	}
	cmark_node_free(doc);
	return unit;
}
