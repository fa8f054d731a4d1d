/*
 * qnhelp.c - see qnhelp.h.
 */
#include "tool/qnhelp.h"

#include <string.h>

static int is_elem(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static const char *attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a = n ? xmlHasProp(n, (const xmlChar *)name) : NULL;
	return a && a->children && a->children->type == XML_TEXT_NODE ? (const char *)a->children->content
	                                                              : NULL;
}

static const qn_graph *graph_of(const qn_graph *g, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (g[i].id && id && !strcmp(g[i].id, id) && g[i].doc)
			return &g[i];
	return NULL;
}

/* The next node of a pre-order walk of root's subtree (iterative). */
static xmlNodePtr next_node(xmlNodePtr root, xmlNodePtr n, int descend)
{
	if (descend && n->children)
		return n->children;
	while (n && n != root && !n->next)
		n = n->parent;
	return n && n != root ? n->next : NULL;
}

static xmlNodePtr find_id(xmlDocPtr doc, const char *id)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	for (xmlNodePtr n = root; n; n = next_node(root, n, 1)) {
		const char *v;
		if (n->type == XML_ELEMENT_NODE && (v = attr(n, "id")) && !strcmp(v, id))
			return n;
	}
	return NULL;
}

/* The text of provision e: its <text> elements' words, one space between, at most max
 * bytes (cut at a word, with "…"). */
static void provision_text(buf *out, xmlNodePtr e, size_t max)
{
	size_t start = out->len;
	int space = 0;
	for (xmlNodePtr n = e; n; n = next_node(e, n, !is_elem(n, "text"))) {
		xmlChar *t;
		if (!is_elem(n, "text"))
			continue;
		t = xmlNodeGetContent(n);
		for (const xmlChar *p = t; p && *p; p++) {
			if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
				space = out->len > start;
				continue;
			}
			if (out->len - start >= max && space) {
				buf_puts(out, " …");
				xmlFree(t);
				return;
			}
			if (space)
				buf_putc(out, ' ');
			space = 0;
			buf_putc(out, (char)*p);
		}
		space = out->len > start;
		xmlFree(t);
	}
}

typedef struct term {
	const qn_graph *g;
	const char *ref;
} term;

typedef struct terms {
	term v[QNHELP_MAX_TERMS];
	size_t n;
} terms;

static void add_term(terms *t, const qn_graph *g, const char *ref, const char *const *skip,
                     size_t nskip)
{
	for (size_t i = 0; i < nskip; i++)
		if (skip[i] && !strcmp(skip[i], ref))
			return; /* the question cites the definition itself */
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].g == g && !strcmp(t->v[i].ref, ref))
			return;
	if (t->n < QNHELP_MAX_TERMS)
		t->v[t->n++] = (term){g, ref};
}

/* The <term ref> marks inside e. */
static void terms_in(terms *t, const qn_graph *g, xmlNodePtr e, const char *const *skip, size_t nskip)
{
	for (xmlNodePtr n = e; n; n = next_node(e, n, 1))
		if (is_elem(n, "term") && attr(n, "ref"))
			add_term(t, g, attr(n, "ref"), skip, nskip);
}

static int is_word_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
	       c >= 0x80;
}

/* s contains word (ASCII case ignored) with no letter or digit on either side. */
static int has_words(const char *s, const char *word)
{
	size_t n = strlen(word);
	if (n < 3)
		return 0;
	for (const char *p = s; *p; p++) {
		size_t i = 0;
		while (i < n && p[i]) {
			char a = p[i], b = word[i];
			if (a >= 'A' && a <= 'Z')
				a = (char)(a - 'A' + 'a');
			if (b >= 'A' && b <= 'Z')
				b = (char)(b - 'A' + 'a');
			if (a != b)
				break;
			i++;
		}
		if (i == n && (p == s || !is_word_char((unsigned char)p[-1])) && !is_word_char((unsigned char)p[n]))
			return 1;
	}
	return 0;
}

/* Terms of graph g whose words (as the graph marks them anywhere) the question's own
 * text uses: "Is it an AI system" -> the definition of "AI system". */
static void terms_in_words(terms *t, const qn_graph *g, const char *text, const char *const *skip,
                           size_t nskip)
{
	xmlNodePtr root = xmlDocGetRootElement(g->doc);
	for (xmlNodePtr n = root; n && t->n < QNHELP_MAX_TERMS; n = next_node(root, n, 1)) {
		xmlChar *w;
		if (!is_elem(n, "term") || !attr(n, "ref"))
			continue;
		w = xmlNodeGetContent(n);
		if (w && has_words(text, (const char *)w))
			add_term(t, g, attr(n, "ref"), skip, nskip);
		xmlFree(w);
	}
}

size_t qnhelp_text(buf *out, xmlNodePtr qu, const char *own, const qn_graph *graphs,
                   size_t ngraphs)
{
	const char *cited[16];
	size_t ncited = 0, found = 0;
	const qn_graph *first = NULL;
	terms t;
	memset(&t, 0, sizeof t);
	for (xmlNodePtr c = qu->children; c; c = c->next)
		if (is_elem(c, "cite") && attr(c, "ref") && ncited < 16)
			cited[ncited++] = attr(c, "ref");
	for (xmlNodePtr c = qu->children; c; c = c->next) {
		const char *ref = attr(c, "ref"), *reg = attr(c, "regulation");
		const qn_graph *g;
		xmlNodePtr e;
		xmlChar *label;
		if (!is_elem(c, "cite") || !ref)
			continue;
		g = graph_of(graphs, ngraphs, reg ? reg : own);
		if (!first)
			first = g;
		label = xmlNodeGetContent(c);
		buf_printf(out, "The law: %s [%s:%s]: ", label ? (const char *)label : ref,
		           reg ? reg : own, ref);
		xmlFree(label);
		e = g ? find_id(g->doc, ref) : NULL;
		if (e) {
			provision_text(out, e, QNHELP_MAX_TEXT);
			terms_in(&t, g, e, cited, ncited);
			found++;
		} else {
			buf_puts(out, "(not in the graph)");
		}
		{
			const char *dot = strchr(ref, '.');
			buf_printf(out, " (site page %s/site/%.*s.html#%s)\n", reg ? reg : own,
			           (int)(dot ? (size_t)(dot - ref) : strlen(ref)), ref, ref);
		}
	}
	if (first) { /* the question's own words, in the regulation it is about */
		xmlChar *text = NULL;
		for (xmlNodePtr c = qu->children; c; c = c->next)
			if (is_elem(c, "text"))
				text = xmlNodeGetContent(c);
		if (text)
			terms_in_words(&t, first, (const char *)text, cited, ncited);
		xmlFree(text);
	}
	for (size_t i = 0; i < t.n; i++) {
		xmlNodePtr e = find_id(t.v[i].g->doc, t.v[i].ref);
		if (!e)
			continue;
		if (i == 0)
			buf_puts(out, "Definitions:\n");
		buf_printf(out, "  [%s:%s] ", t.v[i].g->id, t.v[i].ref);
		provision_text(out, e, 400);
		buf_putc(out, '\n');
	}
	return found;
}
