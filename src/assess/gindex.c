#include "assess/gindex.h"

#include <stdlib.h>
#include <string.h>

#include "graph/graph.h"

static int is_elem(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static int is_unit(const xmlNode *n)
{
	return is_elem(n, "recital") || is_elem(n, "article") || is_elem(n, "annex");
}

static const char *attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (!a->ns && !strcmp((const char *)a->name, name) && a->children &&
		    a->children->type == XML_TEXT_NODE)
			return (const char *)a->children->content;
	return NULL;
}

static void index_ids(gindex *g, xmlNodePtr n)
{
	for (; n; n = n->next) {
		const char *id;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		id = attr(n, "id");
		if (id)
			xmlHashAddEntry(g->ids, (const xmlChar *)id, n);
		if (!is_elem(n, "text")) /* ids never stand inside text */
			index_ids(g, n->children);
	}
}

/* How many elements index_ids adds, to size the table (graph_hash_for). */
static size_t count_ids(xmlNodePtr n)
{
	size_t k = 0;
	for (; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			k += (attr(n, "id") != NULL) + (is_elem(n, "text") ? 0 : count_ids(n->children));
	return k;
}

static unsigned recital_number(const char *id)
{
	unsigned v = 0;
	if (strncmp(id, "rec-", 4) != 0)
		return 0;
	for (const char *p = id + 4; *p >= '0' && *p <= '9'; p++)
		v = v * 10 + (unsigned)(*p - '0');
	return v;
}

static int cmp_pair(const void *a, const void *b)
{
	const gindex_pair *x = a, *y = b;
	int c = strcmp(x->unit, y->unit);
	if (c)
		return c;
	if (x->n != y->n)
		return x->n < y->n ? -1 : 1;
	return strcmp(x->recital, y->recital);
}

/* A unit's computed recital, in edge order (n = its place, for sorting). */
static int add_suggested(gindex *g, size_t *cap, const char *unit, const char *rec,
                         const char *evidence)
{
	if (g->nsug == *cap) {
		size_t ncap = *cap ? *cap * 2 : 256;
		gindex_pair *nv = realloc(g->sug, ncap * sizeof *nv);
		if (!nv)
			return -1;
		g->sug = nv;
		*cap = ncap;
	}
	g->sug[g->nsug].unit = strdup(unit);
	g->sug[g->nsug].recital = strdup(rec);
	g->sug[g->nsug].n = (unsigned)g->nsug;
	g->sug[g->nsug].evidence = evidence;
	if (!g->sug[g->nsug].unit || !g->sug[g->nsug].recital) {
		free(g->sug[g->nsug].unit);
		free(g->sug[g->nsug].recital);
		return -1;
	}
	g->nsug++;
	return 0;
}

/* A relates-to pair once, however many edges give it (seen: the pairs so far). */
static int add_pair(gindex *g, size_t *cap, xmlHashTablePtr seen, const char *unit,
                    const char *rec)
{
	if (xmlHashLookup2(seen, (const xmlChar *)unit, (const xmlChar *)rec))
		return 0;
	if (xmlHashAddEntry2(seen, (const xmlChar *)unit, (const xmlChar *)rec, (void *)1) != 0)
		return -1;
	if (g->nrel == *cap) {
		size_t ncap = *cap ? *cap * 2 : 64;
		gindex_pair *nv = realloc(g->rel, ncap * sizeof *nv);
		if (!nv)
			return -1;
		g->rel = nv;
		*cap = ncap;
	}
	g->rel[g->nrel].unit = strdup(unit);
	g->rel[g->nrel].recital = strdup(rec);
	g->rel[g->nrel].n = recital_number(rec);
	g->rel[g->nrel].evidence = NULL;
	if (!g->rel[g->nrel].unit || !g->rel[g->nrel].recital) {
		free(g->rel[g->nrel].unit);
		free(g->rel[g->nrel].recital);
		return -1;
	}
	g->nrel++;
	return 0;
}

/* The cites edges into each id, in document order (gindex_cited_by). */
typedef struct edge_list {
	xmlNodePtr *v;
	size_t n, cap;
} edge_list;

static void free_edge_list(void *payload, const xmlChar *name)
{
	edge_list *l = payload;
	(void)name;
	free(l->v);
	free(l);
}

static int add_cited_by(gindex *g, const char *to, xmlNodePtr edge)
{
	edge_list *l = xmlHashLookup(g->cited, (const xmlChar *)to);
	if (!l) {
		l = calloc(1, sizeof *l);
		if (!l || xmlHashAddEntry(g->cited, (const xmlChar *)to, l) != 0) {
			free(l);
			return -1;
		}
	}
	if (l->n == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 4;
		xmlNodePtr *nv = realloc(l->v, ncap * sizeof *nv);
		if (!nv)
			return -1;
		l->v = nv;
		l->cap = ncap;
	}
	l->v[l->n++] = edge;
	return 0;
}

int gindex_init(gindex *g, xmlDocPtr graph, const char *name, diag *d)
{
	xmlNodePtr root = graph ? xmlDocGetRootElement(graph) : NULL;
	size_t cap = 0, sug_cap = 0, nids;
	xmlHashTablePtr seen = NULL;

	memset(g, 0, sizeof *g);
	if (!root || !is_elem(root, "regulation") || !attr(root, "id")) {
		diag_error(d, name, 0, "not a regdoc graph (no <regulation id=...> root)");
		return -1;
	}
	g->doc = graph;
	g->regulation = attr(root, "id");
	g->version = attr(root, "version");
	g->applies_from = attr(root, "applies-from");
	/* sized to the graph (graph_hash_for: libxml2 2.9 never grows a table made with
	 * 4,096 buckets); about a quarter of the ids are cited (the AI Act: 440 of 1,914) */
	nids = count_ids(root->children);
	g->ids = graph_hash_for(nids);
	g->cited = graph_hash_for(nids / 4);
	g->labels = xmlHashCreate(256);
	g->texts = xmlHashCreate(256);
	seen = xmlHashCreate(256);
	if (!g->ids || !g->cited || !g->labels || !g->texts || !seen)
		goto oom;
	index_ids(g, root->children);
	for (xmlNodePtr sec = root->children; sec; sec = sec->next) {
		if (!is_elem(sec, "edges"))
			continue;
		for (xmlNodePtr e = sec->children; e; e = e->next) {
			const char *kind, *from, *to;
			if (!is_elem(e, "edge"))
				continue;
			kind = attr(e, "kind");
			from = attr(e, "from");
			to = attr(e, "to");
			if (kind && from && to && !strcmp(kind, "cites")) {
				if (add_cited_by(g, to, e) != 0)
					goto oom;
				continue;
			}
			if (kind && from && to && !strcmp(kind, "suggests") && !strncmp(to, "rec-", 4) &&
			    strncmp(from, "rec-", 4) != 0) {
				if (add_suggested(g, &sug_cap, from, to, attr(e, "evidence")) != 0)
					goto oom;
				continue;
			}
			if (!kind || !from || !to || strcmp(kind, "relates-to") != 0)
				continue;
			if (!strncmp(from, "rec-", 4) && strncmp(to, "rec-", 4) != 0) {
				if (add_pair(g, &cap, seen, to, from) != 0)
					goto oom;
			} else if (!strncmp(to, "rec-", 4) && strncmp(from, "rec-", 4) != 0) {
				if (add_pair(g, &cap, seen, from, to) != 0)
					goto oom;
			}
		}
	}
	if (g->nrel)
		qsort(g->rel, g->nrel, sizeof *g->rel, cmp_pair);
	if (g->nsug)
		qsort(g->sug, g->nsug, sizeof *g->sug, cmp_pair);
	xmlHashFree(seen, NULL);
	return 0;
oom:
	if (seen)
		xmlHashFree(seen, NULL);
	gindex_free(g);
	diag_sys(d, name, "cannot index graph", 12);
	return -1;
}

static void free_memo(void *payload, const xmlChar *name)
{
	(void)name;
	free(payload);
}

void gindex_free(gindex *g)
{
	if (g->ids)
		xmlHashFree(g->ids, NULL);
	if (g->labels)
		xmlHashFree(g->labels, free_memo);
	if (g->texts)
		xmlHashFree(g->texts, free_memo);
	if (g->cited)
		xmlHashFree(g->cited, free_edge_list);
	for (size_t i = 0; i < g->nrel; i++) {
		free(g->rel[i].unit);
		free(g->rel[i].recital);
	}
	free(g->rel);
	for (size_t i = 0; i < g->nsug; i++) {
		free(g->sug[i].unit);
		free(g->sug[i].recital);
	}
	free(g->sug);
	memset(g, 0, sizeof *g);
}

xmlNodePtr gindex_find(const gindex *g, const char *id)
{
	if (!g->ids || !id)
		return NULL;
	return xmlHashLookup(g->ids, (const xmlChar *)id);
}

size_t gindex_cited_by(const gindex *g, const char *id, xmlNodePtr const **edges)
{
	edge_list *l = g->cited && id ? xmlHashLookup(g->cited, (const xmlChar *)id) : NULL;
	*edges = l ? l->v : NULL;
	return l ? l->n : 0;
}

xmlNodePtr gindex_unit(const gindex *g, const char *id)
{
	xmlNodePtr n = gindex_find(g, id);
	while (n && !is_unit(n))
		n = n->parent;
	return n;
}

int gindex_has_points(const gindex *g, const char *id)
{
	xmlNodePtr n = gindex_find(g, id);
	if (!n)
		return 0;
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (is_elem(c, "point"))
			return 1;
	return 0;
}

static const char *ordinal(const char *n)
{
	static const char *const words[] = {"first", "second", "third", "fourth", "fifth",
	                                    "sixth", "seventh", "eighth", "ninth", "tenth"};
	long v = n ? strtol(n, NULL, 10) : 0;
	if (v >= 1 && v <= 10)
		return words[v - 1];
	return NULL;
}

static void put_ordinal(buf *out, const char *n, const char *what)
{
	const char *w = ordinal(n);
	if (w)
		buf_printf(out, ", %s %s", w, what);
	else
		buf_printf(out, ", %s %s", what, n ? n : "?");
}

static void label_of(const gindex *g, const char *id, buf *out)
{
	xmlNodePtr chain[16];
	size_t depth = 0;
	xmlNodePtr n = gindex_find(g, id);
	xmlNodePtr unit;
	int after_sub = 0, had_point = 0;
	size_t last_point_at = 0;
	const char *last_point_label = NULL;

	if (!n) {
		buf_puts(out, id);
		return;
	}
	while (n && !is_unit(n) && depth < 16) {
		chain[depth++] = n;
		n = n->parent;
	}
	unit = n;
	if (!unit) {
		buf_puts(out, id);
		return;
	}
	if (is_elem(unit, "recital")) {
		const char *num = attr(unit, "n");
		buf_printf(out, "Recital %s", num ? num : "?");
	} else if (is_elem(unit, "article")) {
		const char *num = attr(unit, "n");
		buf_printf(out, "Article %s", num ? num : "?");
	} else {
		const char *num = attr(unit, "number");
		buf_printf(out, "Annex %s", num ? num : (attr(unit, "n") ? attr(unit, "n") : "?"));
	}
	while (depth > 0) {
		xmlNodePtr c = chain[--depth];
		const char *label = attr(c, "label");
		if (is_elem(c, "para")) {
			buf_printf(out, "(%s)", attr(c, "n") ? attr(c, "n") : "?");
			after_sub = 0;
		} else if (is_elem(c, "sub")) {
			/* a subparagraph of a numbered paragraph; the unnumbered paragraphs of an
			 * article without numbered ones (Article 113, third paragraph) */
			put_ordinal(out, attr(c, "n"),
			            is_elem(unit, "article") && is_elem(c->parent, "para") ? "subparagraph"
			                                                                : "paragraph");
			after_sub = 1;
		} else if (is_elem(c, "section")) {
			const char *kind = attr(c, "kind");
			if (kind && !strcmp(kind, "part"))
				buf_printf(out, ", Part %s", label ? label : "?");
			else if (kind && !strcmp(kind, "class"))
				buf_printf(out, ", Class %s", label ? label : "?");
			else if (kind && !strcmp(kind, "numbered")) {
				/* "4. Control of ..." : named by its points when one follows */
				if (depth == 0)
					buf_printf(out, ", point %s", label ? label : "?");
			} else
				buf_printf(out, ", Section %s", label ? label : "?");
		} else if (is_elem(c, "point")) {
			size_t at = out->len;
			/* a decimal point below its parent ("4.1" below "4"): name it alone */
			if (had_point && !after_sub && label && strchr(label, '.') &&
			    last_point_label && !strncmp(label, last_point_label, strlen(last_point_label)) &&
			    label[strlen(last_point_label)] == '.') {
				out->len = last_point_at;
				out->s[out->len] = '\0';
				at = out->len;
				buf_printf(out, ", point %s", label);
			} else if (is_elem(unit, "article") && !after_sub)
				buf_printf(out, "(%s)", label ? label : "?");
			else if (is_elem(unit, "article"))
				buf_printf(out, ", point (%s)", label ? label : "?");
			else if (!had_point || after_sub)
				buf_printf(out, after_sub ? ", point (%s)" : ", point %s", label ? label : "?");
			else
				buf_printf(out, "(%s)", label ? label : "?");
			last_point_at = at;
			last_point_label = label;
			had_point = 1;
			after_sub = 0;
		}
	}
}

/* Append the memo of id in table, computing it into an empty buffer with fn the first
 * time (not kept when out of memory: asked again, it is computed again). */
static void memo(xmlHashTablePtr table, const gindex *g, const char *id, buf *out,
                 void (*fn)(const gindex *, const char *, buf *))
{
	const char *kept = table ? xmlHashLookup(table, (const xmlChar *)id) : NULL;
	buf b;
	char *copy;
	if (kept) {
		buf_puts(out, kept);
		return;
	}
	buf_init(&b);
	fn(g, id, &b);
	if (b.oom) {
		out->oom = 1;
		buf_free(&b);
		return;
	}
	buf_puts(out, b.s ? b.s : "");
	copy = strdup(b.s ? b.s : "");
	if (table && copy && xmlHashAddEntry(table, (const xmlChar *)id, copy) == 0)
		copy = NULL;
	free(copy);
	buf_free(&b);
}

void gindex_label(const gindex *g, const char *id, buf *out)
{
	memo(g->labels, g, id, out, label_of);
}

void gindex_href(const gindex *g, const char *id, const char *site_base, buf *out)
{
	xmlNodePtr unit = gindex_unit(g, id);
	const char *uid = unit ? attr(unit, "id") : NULL;
	buf_puts(out, site_base ? site_base : "");
	if (!uid) {
		/* not in this graph: link the unit part of the id ("art-43.1" -> "art-43") */
		const char *dot = strchr(id, '.');
		buf_append(out, id, dot ? (size_t)(dot - id) : strlen(id));
	} else {
		buf_puts(out, uid);
	}
	buf_puts(out, ".html#");
	buf_puts(out, id);
}

void gindex_eurlex_doc(const gindex *g, buf *out)
{
	xmlNodePtr root = xmlDocGetRootElement(g->doc);
	const char *celex = root ? attr(root, "version-celex") : NULL;
	/* the text of the version assessed under: a consolidation has its own CELEX */
	if (!celex)
		celex = root ? attr(root, "celex") : NULL;
	buf_puts(out, GINDEX_EURLEX);
	buf_puts(out, celex ? celex : "");
}

void gindex_href_eurlex(const gindex *g, const char *id, buf *out)
{
	xmlNodePtr n = gindex_find(g, id), para = NULL;
	xmlNodePtr unit = gindex_unit(g, id);
	const char *kind = unit ? (const char *)unit->name : "";
	const char *un = unit ? attr(unit, "n") : NULL;
	gindex_eurlex_doc(g, out);
	if (!unit || !un)
		return;
	for (; n && n != unit; n = n->parent)
		if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, "para"))
			para = n;
	if (!strcmp(kind, "article") && para && attr(para, "n")) {
		unsigned a = (unsigned)strtoul(un, NULL, 10), p = (unsigned)strtoul(attr(para, "n"), NULL, 10);
		buf_printf(out, "#%03u.%03u", a, p);
	} else if (!strcmp(kind, "article")) {
		buf_printf(out, "#art_%s", un);
	} else if (!strcmp(kind, "recital")) {
		buf_printf(out, "#rct_%s", un);
	} else if (!strcmp(kind, "annex") && attr(unit, "number")) {
		buf_printf(out, "#anx_%s", attr(unit, "number"));
	}
}

size_t gindex_recitals(const gindex *g, const char *id, const gindex_pair **first)
{
	xmlNodePtr unit = gindex_unit(g, id);
	const char *uid = unit ? attr(unit, "id") : NULL;
	size_t lo = 0, hi = g->nrel;
	*first = NULL;
	if (!uid)
		return 0;
	/* lower bound by unit */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(g->rel[mid].unit, uid) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	hi = lo;
	while (hi < g->nrel && !strcmp(g->rel[hi].unit, uid))
		hi++;
	if (hi == lo)
		return 0;
	*first = &g->rel[lo];
	return hi - lo;
}

size_t gindex_suggested(const gindex *g, const char *id, const gindex_pair **first)
{
	xmlNodePtr unit = gindex_unit(g, id);
	const char *uid = unit ? attr(unit, "id") : NULL;
	size_t lo = 0, hi = g->nsug;
	*first = NULL;
	if (!uid)
		return 0;
	while (lo < hi) { /* lower bound by unit */
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(g->sug[mid].unit, uid) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (hi = lo; hi < g->nsug && !strcmp(g->sug[hi].unit, uid); hi++)
		;
	if (hi == lo)
		return 0;
	*first = &g->sug[lo];
	return hi - lo;
}

static void flatten_text(const xmlNode *n, buf *out)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			const char *s = (const char *)n->content;
			for (; s && *s; s++) {
				int space = *s == ' ' || *s == '\n' || *s == '\t' || *s == '\r';
				if (space) {
					if (out->len && out->s[out->len - 1] != ' ')
						buf_putc(out, ' ');
				} else {
					buf_putc(out, *s);
				}
			}
		} else if (n->type == XML_ELEMENT_NODE) {
			flatten_text(n->children, out);
		}
	}
}

static void text_of(const gindex *g, const char *id, buf *out)
{
	xmlNodePtr n = gindex_find(g, id);
	size_t start = out->len;
	if (!n)
		return;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (is_elem(c, "text")) {
			flatten_text(c->children, out);
			break;
		}
	}
	while (out->len > start && out->s[out->len - 1] == ' ')
		out->s[--out->len] = '\0';
}

void gindex_text(const gindex *g, const char *id, buf *out)
{
	/* the memo is the text as it starts an empty buffer (no leading space) */
	if (out->len == 0)
		memo(g->texts, g, id, out, text_of);
	else
		text_of(g, id, out);
}
