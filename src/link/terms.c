/*
 * terms.c - uses of defined terms.
 *
 * The definitions article's numbered points open with the term in quotes
 * ("(1) ‘AI system’ means …"). Each term's first use in every other text block
 * becomes <term ref="art-3.1">: one link per block keeps pages readable.
 */
#include <stdlib.h>
#include <string.h>

#include "graph/graph.h"
#include "ingest/page.h"
#include "link/link.h"
#include "util/xmlnode.h"

#define LQUOTE "\xE2\x80\x98" /* ‘ */
#define RQUOTE "\xE2\x80\x99" /* ’ */
#define MAX_TERMS 512

typedef struct term {
	char *text;
	size_t len;
	const char *ref;   /* id of the definition point */
} term;

typedef struct term_table {
	term v[MAX_TERMS];
	size_t n;
	size_t bucket_start[257]; /* terms by folded first byte, longest first */
} term_table;

static unsigned char fold(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

static int is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c >= 0x80 || c == '-';
}

static void add_terms_of(term_table *t, xmlNodePtr point)
{
	xmlNodePtr text = point->children;
	xmlChar *content;
	const char *s, *means;
	xmlChar *id = xmlGetProp(point, (const xmlChar *)"id");
	while (text && (text->type != XML_ELEMENT_NODE || xmlStrcmp(text->name, (const xmlChar *)"text")))
		text = text->next;
	if (!text || !id) {
		xmlFree(id);
		return;
	}
	content = xmlNodeGetContent(text);
	s = (const char *)content;
	means = strstr(s, " means");
	/* every quoted term before "means": ‘A’ or ‘B’ */
	while (means && (s = strstr(s, LQUOTE)) != NULL && s < means && t->n < MAX_TERMS) {
		const char *end = strstr(s + 3, RQUOTE);
		size_t len;
		char *copy;
		if (!end || end > means)
			break;
		len = (size_t)(end - (s + 3));
		/* "‘subject’, for the purpose of real-world testing, means": a term
		 * defined for one context only is not linked everywhere. */
		if (end[3] == ',')
			break;
		copy = len >= 2 ? malloc(len + 1) : NULL;
		if (copy) {
			memcpy(copy, s + 3, len);
			copy[len] = '\0';
			t->v[t->n].text = copy;
			t->v[t->n].len = len;
			t->v[t->n].ref = (const char *)xmlStrdup(id);
			t->n++;
		}
		s = end + 3;
	}
	xmlFree(content);
	xmlFree(id);
}

static int cmp_terms(const void *a, const void *b)
{
	const term *x = a, *y = b;
	unsigned char fx = fold((unsigned char)x->text[0]), fy = fold((unsigned char)y->text[0]);
	if (fx != fy)
		return fx < fy ? -1 : 1;
	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	return strcmp(x->text, y->text);
}

static void build_buckets(term_table *t)
{
	size_t i = 0;
	qsort(t->v, t->n, sizeof t->v[0], cmp_terms);
	for (unsigned c = 0; c <= 256; c++) {
		while (i < t->n && fold((unsigned char)t->v[i].text[0]) < c)
			i++;
		t->bucket_start[c] = i;
	}
}

/* Length matched by term tm at s (case of the first letter may differ; a plural
 * "s" may follow), or 0. */
static size_t match_at(const term *tm, const char *s, size_t avail)
{
	size_t n = tm->len;
	if (avail < n || fold((unsigned char)s[0]) != fold((unsigned char)tm->text[0]) ||
	    memcmp(s + 1, tm->text + 1, n - 1) != 0)
		return 0;
	if (n < avail && s[n] == 's' && (n + 1 == avail || !is_word_byte((unsigned char)s[n + 1])))
		return n + 1;
	if (n < avail && is_word_byte((unsigned char)s[n]))
		return 0;
	return n;
}

/* The term that starts at s[0..avail), not yet used in this block: its index, or -1. */
static long find_term(const term_table *t, const char *s, size_t avail, const unsigned char *used,
                      const char *self_id, size_t *matched)
{
	unsigned char c = fold((unsigned char)s[0]);
	for (size_t k = t->bucket_start[c]; k < t->bucket_start[c + 1]; k++) {
		if (used[k] || (*matched = match_at(&t->v[k], s, avail)) == 0)
			continue;
		if (!self_id || strcmp(self_id, t->v[k].ref) != 0)
			return (long)k;
	}
	return -1;
}

/* Mark the first use of each term in a text node, splitting it into text, <term>,
 * text…; used[] is per text block. Returns the last node of the split. */
static xmlNodePtr mark_in_node(const term_table *t, xmlNodePtr tn, unsigned char *used,
                               const char *self_id, unsigned long *count)
{
	size_t i = 0;
	while (tn) {
		const char *s = (const char *)tn->content;
		size_t len = s ? strlen(s) : 0, m = 0;
		long k = -1;
		for (; i < len; i++) {
			if (i > 0 && is_word_byte((unsigned char)s[i - 1]))
				continue;
			if ((k = find_term(t, s + i, len - i, used, self_id, &m)) >= 0)
				break;
		}
		if (k < 0)
			return tn;
		used[k] = 1;
		(*count)++;
		{
			xmlNodePtr el = xmlNewDocNode(tn->doc, NULL, (const xmlChar *)"term", NULL);
			xmlNodePtr rest = i + m < len ? xmlNewDocText(tn->doc, (const xmlChar *)s + i + m) : NULL;
			xmlChar *before = xmlStrndup((const xmlChar *)s, (int)i);
			xmlNewProp(el, (const xmlChar *)"ref", (const xmlChar *)t->v[k].ref);
			xmlNodeAddContentLen(el, (const xmlChar *)s + i, (int)m);
			graph_insert_after(tn, el);
			if (rest)
				graph_insert_after(el, rest);
			/* s is tn's own content: it was copied above, before this frees it */
			xmlNodeSetContent(tn, before);
			xmlFree(before);
			if (!rest)
				return el;
			tn = rest;
			i = 0;
		}
	}
	return tn;
}

unsigned long link_mark_terms(xmlDocPtr doc, const char *definitions_unit, xmlHashTablePtr ids)
{
	term_table *t;
	xmlNodePtr defs, cur, root = xmlDocGetRootElement(doc);
	unsigned long count = 0;
	unsigned char *used;
	int is_text = 0;
	if (!definitions_unit || !(defs = xmlHashLookup(ids, (const xmlChar *)definitions_unit)))
		return 0;
	t = calloc(1, sizeof *t);
	if (!t)
		return 0;
	for (xmlNodePtr c = defs->children; c; c = c->next)
		if (xmlnode_is(c, "point"))
			add_terms_of(t, c);
	build_buckets(t);
	used = calloc(t->n + 1, 1);
	/* every <text>, in document order; its children change, not its siblings */
	for (cur = root; cur && used; cur = graph_walk_next(root, cur, !is_text)) {
		is_text = xmlnode_is(cur, "text");
		if (is_text) {
			/* read in place: marking changes the text's children, never this */
			const char *self = xmlnode_attr(cur->parent, "id");
			xmlChar *copy = !self ? xmlGetProp(cur->parent, (const xmlChar *)"id") : NULL;
			memset(used, 0, t->n + 1);
			/* mark_in_node splits a node; continue after the last piece */
			for (xmlNodePtr c = cur->children; c; c = c->next)
				if (c->type == XML_TEXT_NODE)
					c = mark_in_node(t, c, used, self ? self : (const char *)copy, &count);
			xmlFree(copy);
		}
	}
	free(used);
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].text);
		xmlFree((xmlChar *)t->v[i].ref);
	}
	free(t);
	return count;
}
