/*
 * page.c - one page into one unit (page.h): cmark's AST of the unwrapped fence, the
 * chrome dropped, the heading read into the unit's kind, number and title, the sections
 * of an annex, inline text with its emphasis, and the relations list as edges;
 * page_blocks.c builds the structure of the body.
 */
#include "ingest/page_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/text.h"

/* ---- small helpers ------------------------------------------------------- */

unsigned long pg_node_line(const builder *b, cmark_node *n)
{
	return (unsigned long)(cmark_node_get_start_line(n) + b->line_offset);
}

void pg_set_prop(xmlNodePtr el, const char *name, const char *value)
{
	xmlNewProp(el, (const xmlChar *)name, (const xmlChar *)value);
}

void pg_set_prop_ulong(xmlNodePtr el, const char *name, unsigned long v)
{
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%lu", v);
	pg_set_prop(el, name, tmp);
}

xmlNodePtr pg_new_child(xmlNodePtr parent, const char *name)
{
	return xmlNewChild(parent, NULL, (const xmlChar *)name, NULL);
}

void pg_append_text(xmlNodePtr parent, const char *s, size_t len)
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
		pg_append_text(out, t, strlen(t));
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
			pg_append_text(out, lit, len);
		}
		return;
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		pg_append_text(out, " ", 1);
		return;
	case CMARK_NODE_CODE:
		lit = cmark_node_get_literal(n);
		el = pg_new_child(out, "code");
		if (lit)
			pg_append_text(el, lit, strlen(lit));
		return;
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
		if (depth >= INLINE_MAX_DEPTH) {
			inline_flatten(n, out);
			return;
		}
		el = pg_new_child(out, cmark_node_get_type(n) == CMARK_NODE_EMPH ? "em" : "strong");
		inline_children(b, n, el, skip, depth + 1);
		return;
	case CMARK_NODE_LINK:
		if (depth >= INLINE_MAX_DEPTH || !url_is_safe(cmark_node_get_url(n))) {
			inline_flatten(n, out);
			return;
		}
		el = pg_new_child(out, "a");
		pg_set_prop(el, "href", cmark_node_get_url(n));
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

xmlNodePtr pg_add_text(builder *b, xmlNodePtr parent, cmark_node *para, size_t skip)
{
	xmlNodePtr t = pg_new_child(parent, "text");
	pg_set_prop_ulong(t, "line", pg_node_line(b, para));
	if (cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH)
		inline_children(b, para, t, &skip, 0);
	else
		inline_flatten(para, t);
	mark_deleted(parent, t);
	return t;
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
		diag_warning(b->pc->d, b->pc->path, pg_node_line(b, h),
		             "invisible character U+%04X (bidirectional control or zero-width) in "
		             "a heading: it can make the title display as other text", cp);
}

/* A heading's number written with leading zeros ("Article 044") is refused: it would
 * name the same unit as "Article 44" and hide a typing error. */
static int leading_zeros(builder *b, cmark_node *h, const char *label, size_t ll)
{
	if (ll > 1 && label[0] == '0' && label[1] >= '0' && label[1] <= '9') {
		diag_error(b->pc->d, b->pc->path, pg_node_line(b, h),
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
		if (!strcmp(kind, "section") && ll > 0 && ll <= 3 && pg_is_lower_alnum((char)(label[0] | 0x20)))
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
	pg_make_id(id, unit_id, ".", part);
	el = pg_new_child(unit, "section");
	pg_set_prop(el, "id", id);
	pg_set_prop(el, "kind", kind);
	{
		char lab[16];
		snprintf(lab, sizeof lab, "%.*s", (int)(ll < 15 ? ll : 15), label);
		pg_set_prop(el, "label", lab);
	}
	pg_set_prop(el, "title", title);
	pg_set_prop_ulong(el, "line", pg_node_line(b, h));
	b->depth = 1;
	b->quote_col = 0;
	pg_frame_open(&b->stack[b->depth++], el, id, 0, 0);
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
		diag_error(pc->d, pc->path, list ? pg_node_line(b, list) : 0,
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
				diag_error(pc->d, pc->path, pg_node_line(b, it),
				           "relates-to item is not a link to a unit of this regulation (%s)",
				           url ? url : "no link");
				continue;
			}
			snprintf(to, sizeof to, "%s-%s", k->id_prefix, num);
			e = xmlNewChild(pc->edges, NULL, (const xmlChar *)"edge", NULL);
			pg_set_prop(e, "kind", "relates-to");
			pg_set_prop(e, "from", unit_id);
			pg_set_prop(e, "to", to);
			pg_set_prop(e, "src", pc->path);
			pg_set_prop_ulong(e, "line", pg_node_line(b, it));
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
		diag_error(pc->d, pc->path, pg_node_line(b, h), "unknown unit kind '%.*s' in the heading",
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
		diag_error(pc->d, pc->path, pg_node_line(b, h), "heading '%s' has no valid %s number",
		           k->heading, k->roman ? "Roman" : "unit");
		free(text);
		return NULL;
	}
	snprintf(n, sizeof n, "%u%s", num, suffix);
	snprintf(unit_id, ID_MAX, "%s-%s", k->id_prefix, n);
	el = xmlNewDocNode(pc->doc, NULL, (const xmlChar *)k->kind, NULL);
	pg_set_prop(el, "id", unit_id);
	pg_set_prop(el, "n", n);
	if (k->roman) {
		char roman[16];
		text_roman_format(num, roman);
		pg_set_prop(el, "number", roman);
	}
	warn_invisible(b, h, title);
	if (*title)
		pg_set_prop(el, "title", title);
	pg_set_prop(el, "src", pc->path);
	pg_set_prop_ulong(el, "line", pg_node_line(b, h));
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
		diag_error(pc->d, pc->path, pg_node_line(&b, first),
		           "page has no heading: it must start with '# Article N: Title' or the like");
		cmark_node_free(doc);
		return NULL;
	}
	unit = unit_from_heading(&b, first, unit_id, &kind);
	if (!unit) {
		cmark_node_free(doc);
		return NULL;
	}
	pg_frame_open(&b.stack[0], unit, unit_id, 0, 0);
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
		pg_add_blocks(&b, n, stop, 0);
		if (!stop)
			break;
		n = cmark_node_previous(stop);
	}
	cmark_node_free(doc);
	return unit;
}
