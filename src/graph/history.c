/*
 * history.c - the law in time (history.h).
 */
#include "graph/history.h"

#include <errno.h>
#include <libxml/hash.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph.h"
#include "util/xmlnode.h"
#include "util/buf.h"

static void set(xmlNodePtr n, const char *name, const char *v)
{
	if (v)
		xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)v);
}

static void set_ulong(xmlNodePtr n, const char *name, unsigned long v)
{
	char b[24];
	snprintf(b, sizeof b, "%lu", v);
	set(n, name, b);
}

/* The elements of the law in a graph: the units and everything with an id inside
 * them (not the contents, acts or edges), in document order. */
typedef struct law_index {
	xmlHashTablePtr ids; /* id → element */
	xmlNodePtr *order;
	size_t n;
} law_index;

static int is_law_group(const xmlNode *g)
{
	return g->type == XML_ELEMENT_NODE && !xmlnode_is(g, "title") && !xmlnode_is(g, "short-title") &&
	       !xmlnode_is(g, "contents") && !xmlnode_is(g, "acts") && !xmlnode_is(g, "edges");
}

static int index_law(xmlDocPtr doc, law_index *x)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	size_t cap = 0;
	memset(x, 0, sizeof *x);
	for (xmlNodePtr g = root ? root->children : NULL; g; g = g->next) {
		if (!is_law_group(g))
			continue;
		for (xmlNodePtr cur = g->children; cur; cur = graph_walk_next(g, cur, !xmlnode_is(cur, "text"))) {
			const char *id = cur->type == XML_ELEMENT_NODE ? xmlnode_attr(cur, "id") : NULL;
			if (!id || xmlnode_is(cur, "text"))
				continue;
			if (x->n == cap) {
				size_t nc = cap ? cap * 2 : 1024;
				xmlNodePtr *o = realloc(x->order, nc * sizeof *o);
				if (!o)
					return -1;
				x->order = o;
				cap = nc;
			}
			x->order[x->n++] = cur;
		}
	}
	/* sized to the ids (graph_hash_for: a table of 4,096 buckets would never grow) */
	x->ids = graph_hash_for(x->n);
	if (!x->ids)
		return -1;
	for (size_t k = 0; k < x->n; k++)
		xmlHashAddEntry(x->ids, (const xmlChar *)xmlnode_attr(x->order[k], "id"), x->order[k]);
	return 0;
}

static void free_law(law_index *x)
{
	xmlHashFree(x->ids, NULL);
	free(x->order);
	memset(x, 0, sizeof *x);
}

/* What an element says itself: its title, and the words of its own text blocks (not
 * those of the elements inside it), markup aside. */
static char *own_words(xmlNodePtr el)
{
	buf b;
	buf_init(&b);
	buf_puts(&b, xmlnode_attr(el, "title") ? xmlnode_attr(el, "title") : "");
	buf_putc(&b, '\n');
	for (xmlNodePtr c = el->children; c; c = c->next)
		if (xmlnode_is(c, "text")) {
			xmlChar *t = xmlNodeGetContent(c);
			buf_puts(&b, t ? (const char *)t : "");
			buf_putc(&b, '\n');
			xmlFree(t);
		}
	if (b.oom) {
		buf_free(&b);
		return NULL;
	}
	return b.s;
}

static int same_words(xmlNodePtr a, xmlNodePtr b)
{
	char *x = own_words(a), *y = own_words(b);
	int same = x && y && !strcmp(x, y);
	free(x);
	free(y);
	return same;
}

/* id, or one of the elements that hold it, is in h (a '.'-prefix of id). */
static void *covered(xmlHashTablePtr h, const char *id)
{
	char buf[ID_MAX];
	void *hit;
	snprintf(buf, sizeof buf, "%s", id);
	for (;;) {
		char *dot;
		if ((hit = xmlHashLookup(h, (const xmlChar *)buf)) != NULL)
			return hit;
		dot = strrchr(buf, '.');
		if (!dot)
			return NULL;
		*dot = '\0';
	}
}

typedef struct builder {
	xmlDocPtr doc;
	xmlNodePtr root;
	xmlHashTablePtr elements; /* id → <element> */
	const history_version *v;
	size_t n;
	law_index *idx;           /* of each version */
	diag *d;
} builder;

/* The <element> of id (made on first use, with the versions that hold it). */
static xmlNodePtr element_of(builder *b, const char *id, xmlNodePtr el)
{
	xmlNodePtr e = xmlHashLookup(b->elements, (const xmlChar *)id);
	buf in;
	if (e)
		return e;
	e = xmlNewChild(b->root, NULL, (const xmlChar *)"element", NULL);
	set(e, "id", id);
	set(e, "kind", (const char *)el->name);
	buf_init(&in);
	buf_puts(&in, "");
	for (size_t k = 0; k < b->n; k++)
		if (xmlHashLookup(b->idx[k].ids, (const xmlChar *)id)) {
			if (in.len)
				buf_putc(&in, ' ');
			buf_puts(&in, regulation_version(b->v[k].r)->id);
		}
	set(e, "in", in.oom ? "" : in.s);
	buf_free(&in);
	xmlHashAddEntry(b->elements, (const xmlChar *)id, e);
	return e;
}

static xmlNodePtr add_change(builder *b, size_t k, const char *id, xmlNodePtr el, const char *status)
{
	xmlNodePtr c = xmlNewChild(element_of(b, id, el), NULL, (const xmlChar *)"change", NULL);
	set(c, "version", regulation_version(b->v[k].r)->id);
	set(c, "status", status);
	return c;
}

/* The marked changes of version k (its amendment table), checked against its graph. */
static void marked_changes(builder *b, size_t k, const amendment_table *t,
                           const regulation *amending, xmlHashTablePtr marked)
{
	const manifest_version *mv = regulation_version(b->v[k].r);
	xmlHashTablePtr amending_ids = NULL;
	diag quiet;
	diag_init(&quiet, NULL);
	if (amending)
		amending_ids = graph_index_ids(amending->doc, &quiet);
	for (size_t i = 0; i < t->n; i++) {
		const amendment *a = &t->v[i];
		char by[2 * ID_MAX + 2];
		snprintf(by, sizeof by, "%s:%s", mv->amended_by ? mv->amended_by : "ext", a->by);
		if (amending_ids && !xmlHashLookup(amending_ids, (const xmlChar *)a->by))
			diag_error(b->d, t->path, a->line,
			           "the amending provision %s (%s) is not an element of %s", a->loc, a->by,
			           amending->m.id);
		for (size_t j = 0; j < a->nids; j++) {
			xmlNodePtr now = xmlHashLookup(b->idx[k].ids, (const xmlChar *)a->ids[j]);
			xmlNodePtr before = xmlHashLookup(b->idx[k - 1].ids, (const xmlChar *)a->ids[j]);
			xmlNodePtr c;
			if (!now) {
				diag_error(b->d, t->path, a->line, "%s names %s, which version %s does not have",
				           a->path, a->ids[j], mv->id);
				continue;
			}
			if (!strcmp(a->action, "deleted") && !xmlnode_attr(now, "deleted"))
				diag_error(b->d, t->path, a->line,
				           "%s is deleted, but version %s does not mark it [deleted]", a->ids[j], mv->id);
			if (!strcmp(a->action, "inserted") && before && a->part[0] == '\0')
				diag_warning(b->d, t->path, a->line, "%s is inserted, but version %s has it already",
				             a->ids[j], regulation_version(b->v[k - 1].r)->id);
			c = add_change(b, k, a->ids[j], now, a->action);
			set(c, "by", by);
			if (a->part[0])
				set(c, "part", a->part);
			set(c, "level", a->level);
			set(c, "marker", a->marker);
			if (a->corrected)
				set(c, "corrected", "true");
			set(c, "src", t->path);
			set_ulong(c, "line", a->line);
			xmlHashAddEntry(marked, (const xmlChar *)a->ids[j], (void *)a);
		}
	}
	xmlHashFree(amending_ids, NULL);
}

/* What the comparison of versions k-1 and k finds that no marker says. */
static void compared_changes(builder *b, size_t k, xmlHashTablePtr marked)
{
	const law_index *o = &b->idx[k - 1], *n = &b->idx[k];
	for (size_t i = 0; i < n->n; i++) {
		xmlNodePtr now = n->order[i], before;
		const char *id = xmlnode_attr(now, "id");
		const char *status = NULL;
		if (covered(marked, id))
			continue;
		before = xmlHashLookup(o->ids, (const xmlChar *)id);
		if (!before)
			status = "inserted";
		else if (xmlnode_attr(now, "deleted") && !xmlnode_attr(before, "deleted"))
			status = "deleted";
		else if (!same_words(before, now))
			status = "changed";
		if (status)
			set(add_change(b, k, id, now, status), "marked", "false");
	}
	for (size_t i = 0; i < o->n; i++) {
		const char *id = xmlnode_attr(o->order[i], "id");
		if (!xmlHashLookup(n->ids, (const xmlChar *)id) && !covered(marked, id))
			set(add_change(b, k, id, o->order[i], "removed"), "marked", "false");
	}
}

static void version_entry(builder *b, size_t k, const amendment_table *t)
{
	const manifest_version *mv = regulation_version(b->v[k].r);
	xmlNodePtr e = xmlNewChild(b->root, NULL, (const xmlChar *)"version", NULL);
	set(e, "id", mv->id);
	set(e, "applies-from", mv->applies_from);
	set(e, "celex", mv->celex);
	set(e, "eli", mv->eli);
	set(e, "label", mv->label);
	set(e, "graph", b->v[k].graph);
	set(e, "amended-by", mv->amended_by);
	set(e, "amended-by-celex", mv->amended_by_celex);
	if (t && t->path)
		set(e, "amendments", t->path);
}

xmlDocPtr history_build(const history_version *v, size_t n, const regulation *const *amending,
                        diag *d)
{
	builder b;
	size_t before = d->errors;
	amendment_table *tables = calloc(n + 1, sizeof *tables);
	memset(&b, 0, sizeof b);
	b.v = v;
	b.n = n;
	b.d = d;
	b.idx = calloc(n + 1, sizeof *b.idx);
	b.doc = xmlNewDoc((const xmlChar *)"1.0");
	b.elements = xmlHashCreate(512);
	if (!tables || !b.idx || !b.doc || !b.elements || !n) {
		diag_sys(d, NULL, "cannot allocate", ENOMEM);
		goto done;
	}
	b.root = xmlNewDocNode(b.doc, NULL, (const xmlChar *)"history", NULL);
	xmlDocSetRootElement(b.doc, b.root);
	set(b.root, "regulation", v[0].r->m.id);
	for (size_t k = 0; k < n; k++) {
		if (index_law(v[k].r->doc, &b.idx[k]) != 0) {
			diag_sys(d, v[k].r->dir, "cannot allocate", ENOMEM);
			goto done;
		}
		if (k > 0)
			amendments_load(v[k].r, v[k].r->m.current, &tables[k], d);
		version_entry(&b, k, k ? &tables[k] : NULL);
	}
	for (size_t k = 1; k < n && d->errors == before; k++) {
		xmlHashTablePtr marked = xmlHashCreate(256);
		marked_changes(&b, k, &tables[k], amending ? amending[k] : NULL, marked);
		compared_changes(&b, k, marked);
		xmlHashFree(marked, NULL);
	}
done:
	for (size_t k = 0; k < n; k++) {
		if (b.idx)
			free_law(&b.idx[k]);
		if (tables)
			amendments_free(&tables[k]);
	}
	free(b.idx);
	free(tables);
	xmlHashFree(b.elements, NULL);
	if (d->errors != before && b.doc) {
		xmlFreeDoc(b.doc);
		b.doc = NULL;
	}
	return b.doc;
}

int history_add_amends(regulation *amending, const regulation *amended, const amendment_table *t,
                       int strict, diag *d)
{
	size_t before = d->errors;
	diag quiet;
	xmlHashTablePtr from_ids, to_ids;
	diag_init(&quiet, NULL);
	from_ids = graph_index_ids(amending->doc, &quiet);
	to_ids = graph_index_ids(amended->doc, &quiet);
	for (size_t i = 0; i < t->n; i++) {
		const amendment *a = &t->v[i];
		if (!xmlHashLookup(from_ids, (const xmlChar *)a->by)) {
			diag_error(d, t->path, a->line, "the amending provision %s (%s) is not an element of %s",
			           a->loc, a->by, amending->m.id);
			continue;
		}
		for (size_t j = 0; j < a->nids; j++) {
			char to[2 * ID_MAX + 2];
			xmlNodePtr e;
			if (!xmlHashLookup(to_ids, (const xmlChar *)a->ids[j])) {
				if (strict)
					diag_error(d, t->path, a->line, "%s names %s, which %s does not have", a->path,
					           a->ids[j], amended->m.id);
				continue;
			}
			snprintf(to, sizeof to, "%s:%s", amended->m.id, a->ids[j]);
			e = xmlNewChild(amending->edges, NULL, (const xmlChar *)"edge", NULL);
			set(e, "kind", "amends");
			set(e, "from", a->by);
			set(e, "to", to);
			set(e, "action", a->action);
			if (a->part[0])
				set(e, "part", a->part);
			set(e, "src", t->path);
			set_ulong(e, "line", a->line);
		}
	}
	xmlHashFree(from_ids, NULL);
	xmlHashFree(to_ids, NULL);
	return d->errors == before ? 0 : -1;
}
