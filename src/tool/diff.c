#include "tool/diff.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>

#include "assess/gindex.h"
#include "util/buf.h"
#include "util/fsio.h"

/* ------------------------------------------------------------------ helpers */

static int is_elem(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && (!name || !strcmp((const char *)n->name, name));
}

static xmlNodePtr first_elem(xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next)
		if (is_elem(c, name))
			return c;
	return NULL;
}

/* An attribute, borrowed (NULL when absent or not a plain value). */
static const char *attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a = n ? xmlHasProp(n, (const xmlChar *)name) : NULL;
	if (!a || !a->children || a->children->type != XML_TEXT_NODE || a->children->next)
		return NULL;
	return (const char *)a->children->content;
}

/* Append s to b with runs of white space made one space, no space at the ends. */
static void put_normalized(buf *b, const char *s)
{
	int space = b->len > 0;
	for (; s && *s; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
			space = b->len > 0;
			continue;
		}
		if (space)
			buf_putc(b, ' ');
		space = 0;
		buf_putc(b, *s);
	}
}

/* The element's own text: its <text> children, in order (not the elements inside it). */
static void own_text(xmlNodePtr n, buf *b)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (is_elem(c, "text")) {
			xmlChar *s = xmlNodeGetContent(c);
			put_normalized(b, (const char *)s);
			xmlFree(s);
		}
}

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* ------------------------------------------------------------------ word diff */

typedef struct word {
	const char *s;
	size_t n;
} word;

static size_t split_words(const char *s, word **out)
{
	size_t n = 0, cap = 0;
	word *v = NULL;
	*out = NULL;
	while (s && *s) {
		size_t k;
		while (*s == ' ')
			s++;
		k = strcspn(s, " ");
		if (!k)
			break;
		if (n == cap) {
			word *nv;
			cap = cap ? 2 * cap : 64;
			nv = realloc(v, cap * sizeof *v);
			if (!nv) {
				free(v);
				return (size_t)-1;
			}
			v = nv;
		}
		v[n].s = s;
		v[n].n = k;
		n++;
		s += k;
	}
	*out = v;
	return n;
}

static int word_eq(const word *a, const word *b)
{
	return a->n == b->n && !memcmp(a->s, b->s, a->n);
}

/* Append a run of words [from, to) as <kind>text</kind>, merged with the previous run of
 * the same kind. */
static int put_run(xmlNodePtr parent, const char *kind, const word *w, size_t from, size_t to)
{
	buf b;
	xmlNodePtr last = parent->last;
	int rc = 0;
	if (from >= to)
		return 0;
	buf_init(&b);
	for (size_t i = from; i < to; i++) {
		if (i > from)
			buf_putc(&b, ' ');
		buf_append(&b, w[i].s, w[i].n);
	}
	if (b.oom) {
		buf_free(&b);
		return -1;
	}
	if (last && is_elem(last, kind)) {
		xmlNodeAddContentLen(last, (const xmlChar *)" ", 1);
		xmlNodeAddContentLen(last, (const xmlChar *)b.s, (int)b.len);
	} else if (!xmlNewTextChild(parent, NULL, (const xmlChar *)kind, (const xmlChar *)b.s)) {
		rc = -1;
	}
	buf_free(&b);
	return rc;
}

int diff_words(xmlNodePtr parent, const char *old_text, const char *new_text)
{
	word *a = NULL, *b = NULL;
	size_t n = split_words(old_text, &a), m = split_words(new_text, &b);
	size_t pre = 0, suf = 0, i, j;
	int rc = -1;
	if (n == (size_t)-1 || m == (size_t)-1)
		goto out;
	while (pre < n && pre < m && word_eq(&a[pre], &b[pre]))
		pre++;
	while (suf < n - pre && suf < m - pre && word_eq(&a[n - 1 - suf], &b[m - 1 - suf]))
		suf++;
	if (put_run(parent, "same", a, 0, pre) != 0)
		goto out;
	{
		/* the middle: longest common subsequence of words when small enough */
		size_t an = n - pre - suf, bn = m - pre - suf;
		const word *x = a + pre, *y = b + pre;
		uint32_t *t = NULL;
		if (an && bn && (uint64_t)(an + 1) * (bn + 1) <= DIFF_MAX_CELLS)
			t = calloc((an + 1) * (bn + 1), sizeof *t);
		if (!t) {
			if (put_run(parent, "del", x, 0, an) != 0 || put_run(parent, "ins", y, 0, bn) != 0)
				goto out;
		} else {
#define T(r, c) t[(size_t)(r) * (bn + 1) + (c)]
			for (i = an; i-- > 0;)
				for (j = bn; j-- > 0;)
					T(i, j) = word_eq(&x[i], &y[j]) ? T(i + 1, j + 1) + 1
					          : (T(i + 1, j) >= T(i, j + 1) ? T(i + 1, j) : T(i, j + 1));
			i = j = 0;
			while (i < an || j < bn) {
				size_t i0 = i, j0 = j;
				if (i < an && j < bn && word_eq(&x[i], &y[j])) {
					while (i < an && j < bn && word_eq(&x[i], &y[j]))
						i++, j++;
					if (put_run(parent, "same", x, i0, i) != 0) {
						free(t);
						goto out;
					}
					continue;
				}
				while (i < an && (j >= bn || T(i + 1, j) >= T(i, j + 1)) &&
				       !(j < bn && word_eq(&x[i], &y[j])))
					i++;
				while (j < bn && (i >= an || T(i, j + 1) > T(i + 1, j)) &&
				       !(i < an && word_eq(&x[i], &y[j])))
					j++;
				if (put_run(parent, "del", x, i0, i) != 0 || put_run(parent, "ins", y, j0, j) != 0) {
					free(t);
					goto out;
				}
				if (i == i0 && j == j0) { /* cannot happen; never loop forever */
					if (i < an)
						i++;
					else
						j++;
				}
			}
#undef T
			free(t);
		}
	}
	if (put_run(parent, "same", a, n - suf, n) != 0)
		goto out;
	rc = 0;
out:
	free(a);
	free(b);
	return rc;
}

/* ------------------------------------------------------------------ units */

/* Every element with an id below a unit (not the unit), in document order. */
static void collect(xmlNodePtr n, xmlNodePtr **v, size_t *len, size_t *cap, int *oom)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (!is_elem(c, NULL) || is_elem(c, "text"))
			continue;
		if (xmlHasProp(c, (const xmlChar *)"id")) {
			if (*len == *cap) {
				size_t nc = *cap ? 2 * *cap : 32;
				xmlNodePtr *nv = realloc(*v, nc * sizeof *nv);
				if (!nv) {
					*oom = 1;
					return;
				}
				*v = nv;
				*cap = nc;
			}
			(*v)[(*len)++] = c;
		}
		collect(c, v, len, cap, oom);
	}
}

/* id -> element, over a unit and everything below it. */
static xmlHashTablePtr index_unit(xmlNodePtr u, xmlNodePtr **elems, size_t *n, int *oom)
{
	xmlHashTablePtr h = xmlHashCreate(64);
	size_t cap = 0;
	*elems = NULL;
	*n = 0;
	if (!h) {
		*oom = 1;
		return NULL;
	}
	collect(u, elems, n, &cap, oom);
	for (size_t i = 0; i < *n; i++) {
		const char *id = attr((*elems)[i], "id");
		if (id)
			xmlHashAddEntry(h, (const xmlChar *)id, (*elems)[i]);
	}
	return h;
}

/* The units (recitals, articles, annexes) of a graph, by id, in document order. */
static xmlHashTablePtr index_units(xmlDocPtr g, xmlNodePtr **units, size_t *n, int *oom)
{
	static const char *const groups[] = {"recitals", "articles", "annexes", NULL};
	xmlNodePtr root = xmlDocGetRootElement(g);
	xmlHashTablePtr h = xmlHashCreate(512);
	size_t cap = 0;
	*units = NULL;
	*n = 0;
	if (!h) {
		*oom = 1;
		return NULL;
	}
	for (size_t k = 0; groups[k]; k++)
		for (xmlNodePtr u = first_elem(root, groups[k]) ? first_elem(root, groups[k])->children : NULL; u; u = u->next) {
			const char *id = attr(u, "id");
			if (!is_elem(u, NULL) || !id)
				continue;
			if (*n == cap) {
				size_t nc = cap ? 2 * cap : 256;
				xmlNodePtr *nv = realloc(*units, nc * sizeof *nv);
				if (!nv) {
					*oom = 1;
					return h;
				}
				*units = nv;
				cap = nc;
			}
			(*units)[(*n)++] = u;
			xmlHashAddEntry(h, (const xmlChar *)id, u);
		}
	return h;
}

typedef struct ctx {
	gindex gold, gnew;
	xmlHashTablePtr changed; /* ids changed, added or removed (values: non-NULL marker) */
	int oom;
	size_t units[3], elems[3]; /* changed, added, removed */
} ctx;

enum { CHANGED, ADDED, REMOVED };
static const char *const change_names[] = {"changed", "added", "removed"};

/* Record id, and every element it is inside (art-43.1.a: art-43.1, art-43), as touched
 * by the change. */
static void mark(ctx *c, const char *id)
{
	char tmp[256];
	size_t n;
	if (!id || strlen(id) >= sizeof tmp)
		return;
	snprintf(tmp, sizeof tmp, "%s", id);
	for (n = strlen(tmp);; n--) {
		if (n == strlen(tmp) || tmp[n] == '.') {
			tmp[n] = '\0';
			if (!xmlHashLookup(c->changed, (const xmlChar *)tmp) &&
			    xmlHashAddEntry(c->changed, (const xmlChar *)tmp, (void *)c) != 0)
				c->oom = 1;
		}
		if (n == 0)
			break;
	}
}

static void set_label(ctx *c, xmlNodePtr out, const gindex *g, const char *id)
{
	buf b;
	buf_init(&b);
	gindex_label(g, id, &b);
	if (b.oom || !xmlSetProp(out, (const xmlChar *)"label", (const xmlChar *)(b.s ? b.s : id)))
		c->oom = 1;
	buf_free(&b);
}

static xmlNodePtr text_child(ctx *c, xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr n = xmlNewTextChild(parent, NULL, (const xmlChar *)name, (const xmlChar *)text);
	if (!n)
		c->oom = 1;
	return n;
}

/* One element compared: old and/or new (NULL on the side where it is missing). */
static int compare_element(ctx *c, xmlNodePtr unit_out, xmlNodePtr o, xmlNodePtr n)
{
	buf ot, nt;
	const char *id = attr(n ? n : o, "id");
	const char *otitle = attr(o, "title"), *ntitle = attr(n, "title");
	int kind = -1;
	buf_init(&ot);
	buf_init(&nt);
	own_text(o, &ot);
	own_text(n, &nt);
	if (ot.oom || nt.oom)
		c->oom = 1;
	if (!o)
		kind = ADDED;
	else if (!n)
		kind = REMOVED;
	else if (!same_str(ot.s, nt.s) || !same_str(otitle, ntitle))
		kind = CHANGED;
	if (kind >= 0) {
		xmlNodePtr e = xmlNewChild(unit_out, NULL, (const xmlChar *)"element", NULL);
		if (!e) {
			c->oom = 1;
		} else {
			xmlSetProp(e, (const xmlChar *)"id", (const xmlChar *)id);
			xmlSetProp(e, (const xmlChar *)"change", (const xmlChar *)change_names[kind]);
			set_label(c, e, n ? &c->gnew : &c->gold, id);
			if (!same_str(otitle, ntitle)) {
				xmlNodePtr t = xmlNewChild(e, NULL, (const xmlChar *)"title", NULL);
				if (!t)
					c->oom = 1;
				else {
					if (otitle)
						xmlSetProp(t, (const xmlChar *)"old", (const xmlChar *)otitle);
					if (ntitle)
						xmlSetProp(t, (const xmlChar *)"new", (const xmlChar *)ntitle);
				}
			}
			if (ot.len && (kind != CHANGED || !same_str(ot.s, nt.s)))
				text_child(c, e, "old", ot.s);
			if (nt.len && (kind != CHANGED || !same_str(ot.s, nt.s)))
				text_child(c, e, "new", nt.s);
			if (kind == CHANGED && !same_str(ot.s, nt.s)) {
				xmlNodePtr w = xmlNewChild(e, NULL, (const xmlChar *)"words", NULL);
				if (!w || diff_words(w, ot.s ? ot.s : "", nt.s ? nt.s : "") != 0)
					c->oom = 1;
			}
		}
		c->elems[kind]++;
		mark(c, id);
	}
	buf_free(&ot);
	buf_free(&nt);
	return kind >= 0;
}

static void unit_out_attrs(ctx *c, xmlNodePtr u, xmlNodePtr src, const gindex *g, int kind)
{
	const char *id = attr(src, "id"), *title = attr(src, "title");
	xmlSetProp(u, (const xmlChar *)"id", (const xmlChar *)id);
	xmlSetProp(u, (const xmlChar *)"change", (const xmlChar *)change_names[kind]);
	set_label(c, u, g, id);
	if (title)
		xmlSetProp(u, (const xmlChar *)"title", (const xmlChar *)title);
}

/* A unit on both sides: its elements; the unit is output only when something changed. */
static void compare_unit(ctx *c, xmlNodePtr reg_out, xmlNodePtr o, xmlNodePtr n)
{
	xmlNodePtr u = xmlNewNode(NULL, (const xmlChar *)"unit");
	xmlNodePtr *oe = NULL, *ne = NULL;
	size_t on = 0, nn = 0;
	xmlHashTablePtr oh, nh;
	int any = 0;
	if (!u) {
		c->oom = 1;
		return;
	}
	oh = index_unit(o, &oe, &on, &c->oom);
	nh = index_unit(n, &ne, &nn, &c->oom);
	any |= compare_element(c, u, o, n);
	{
		/* in the new order; a removed element where it was, before the next old element
		 * that is still there */
		size_t k = 0;
		for (size_t i = 0; oh && nh && i < nn; i++) {
			xmlNodePtr old = xmlHashLookup(oh, (const xmlChar *)attr(ne[i], "id"));
			if (old)
				for (; k < on && oe[k] != old; k++)
					if (!xmlHashLookup(nh, (const xmlChar *)attr(oe[k], "id")))
						any |= compare_element(c, u, oe[k], NULL);
			if (old && k < on)
				k++;
			any |= compare_element(c, u, old, ne[i]);
		}
		for (; nh && k < on; k++)
			if (!xmlHashLookup(nh, (const xmlChar *)attr(oe[k], "id")))
				any |= compare_element(c, u, oe[k], NULL);
	}
	if (any) {
		unit_out_attrs(c, u, n, &c->gnew, CHANGED);
		xmlAddChild(reg_out, u);
		c->units[CHANGED]++;
		mark(c, attr(n, "id"));
	} else {
		xmlFreeNode(u);
	}
	xmlHashFree(oh, NULL);
	xmlHashFree(nh, NULL);
	free(oe);
	free(ne);
}

/* A unit on one side only. */
static void lone_unit(ctx *c, xmlNodePtr reg_out, xmlNodePtr src, int kind)
{
	xmlNodePtr u = xmlNewChild(reg_out, NULL, (const xmlChar *)"unit", NULL);
	xmlNodePtr *e = NULL;
	size_t n = 0, cap = 0;
	buf t;
	char num[32];
	if (!u) {
		c->oom = 1;
		return;
	}
	unit_out_attrs(c, u, src, kind == ADDED ? &c->gnew : &c->gold, kind);
	collect(src, &e, &n, &cap, &c->oom);
	snprintf(num, sizeof num, "%zu", n);
	xmlSetProp(u, (const xmlChar *)"elements", (const xmlChar *)num);
	buf_init(&t);
	own_text(src, &t);
	if (t.len)
		text_child(c, u, kind == ADDED ? "new" : "old", t.s);
	buf_free(&t);
	c->units[kind]++;
	mark(c, attr(src, "id"));
	for (size_t i = 0; i < n; i++)
		mark(c, attr(e ? e[i] : NULL, "id"));
	free(e); /* after its last use (it was freed before the loop) */
}

/* ------------------------------------------------------------------ products */

/* The assessment of a product on one side, quietly: NULL and *err (the first
 * diagnostic, to free) when it fails. */
static xmlDocPtr assess_side(const diff_side *s, const char *product, const char *templates,
                             diag *parent, char **err)
{
	char *msgs = NULL, *rules = fsio_join(s->dir, "rules");
	size_t len = 0;
	FILE *m = open_memstream(&msgs, &len);
	diag q;
	assess_options ao;
	xmlDocPtr doc = NULL;
	*err = NULL;
	if (!m || !rules) {
		free(rules);
		if (m)
			fclose(m);
		free(msgs);
		*err = strdup("out of memory");
		return NULL;
	}
	diag_init(&q, m);
	q.max_printed = 3;
	q.interrupt = parent->interrupt;
	memset(&ao, 0, sizeof ao);
	ao.others = s->others;
	ao.nothers = s->nothers;
	doc = assess_product_doc(s->graph, product, rules, templates, &ao, &q);
	fclose(m);
	if (doc && (q.errors || q.sys_error)) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (!doc) {
		const char *e = msgs ? strstr(msgs, "error: ") : NULL;
		size_t k;
		e = e ? e + 7 : (msgs && *msgs ? msgs : "the assessment failed");
		k = strcspn(e, "\n");
		*err = strndup(e, k > 300 ? 300 : k);
	}
	free(msgs);
	free(rules);
	return doc;
}

static xmlNodePtr child_of_root(xmlDocPtr d, const char *name)
{
	return d ? first_elem(xmlDocGetRootElement(d), name) : NULL;
}

/* "v1 v2" of the conclusions named name, in document order; the labels likewise. */
static void conclusion_values(xmlDocPtr d, const char *name, buf *values, buf *labels)
{
	for (xmlNodePtr c = child_of_root(d, "conclusions") ? child_of_root(d, "conclusions")->children : NULL; c; c = c->next)
		if (is_elem(c, "conclusion") && same_str(attr(c, "name"), name)) {
			if (values->len)
				buf_putc(values, ' ');
			buf_puts(values, attr(c, "value") ? attr(c, "value") : "");
			if (labels->len)
				buf_puts(labels, "; ");
			buf_puts(labels, attr(c, "label") ? attr(c, "label") : "");
		}
}

static const char *decision_title(xmlDocPtr d, const char *name)
{
	for (xmlNodePtr s = child_of_root(d, "trace") ? child_of_root(d, "trace")->children : NULL; s; s = s->next)
		for (xmlNodePtr c = is_elem(s, "step") ? s->children : NULL; c; c = c->next)
			if (is_elem(c, "concludes") && same_str(attr(c, "name"), name))
				return attr(s, "decision-title");
	return NULL;
}

/* Items of the checklist by id. */
static xmlHashTablePtr index_items(xmlDocPtr d, xmlNodePtr **v, size_t *n, int *oom)
{
	xmlHashTablePtr h = xmlHashCreate(64);
	xmlNodePtr cl = child_of_root(d, "checklist");
	size_t cap = 0;
	*v = NULL;
	*n = 0;
	if (!h) {
		*oom = 1;
		return NULL;
	}
	for (xmlNodePtr g = cl ? cl->children : NULL; g; g = g->next)
		for (xmlNodePtr it = is_elem(g, "group") ? g->children : NULL; it; it = it->next) {
			const char *id = attr(it, "id");
			if (!is_elem(it, "item") || !id)
				continue;
			if (*n == cap) {
				size_t nc = cap ? 2 * cap : 64;
				xmlNodePtr *nv = realloc(*v, nc * sizeof *nv);
				if (!nv) {
					*oom = 1;
					return h;
				}
				*v = nv;
				cap = nc;
			}
			(*v)[(*n)++] = it;
			xmlHashAddEntry(h, (const xmlChar *)id, it);
		}
	return h;
}

static char *content_of(xmlNodePtr n, const char *child)
{
	xmlNodePtr c = first_elem(n, child);
	xmlChar *s = c ? xmlNodeGetContent(c) : NULL;
	buf b;
	buf_init(&b);
	put_normalized(&b, (const char *)s);
	xmlFree(s);
	if (!b.s)
		buf_puts(&b, "");
	return b.oom ? (buf_free(&b), NULL) : b.s;
}

/* Does ref name a changed element or one that holds a changed element? */
static int touched(const ctx *c, const char *ref)
{
	return ref && xmlHashLookup(c->changed, (const xmlChar *)ref) != NULL;
}

/* The refs of an item (its provision and cites) that touch a changed element, joined. */
static void touched_refs(const ctx *c, xmlNodePtr item, buf *out)
{
	for (xmlNodePtr k = item->children; k; k = k->next) {
		const char *ref = (is_elem(k, "provision") || is_elem(k, "cite")) && !attr(k, "regulation")
		                      ? attr(k, "ref") : NULL;
		if (ref && touched(c, ref)) {
			if (out->len)
				buf_putc(out, ' ');
			buf_puts(out, ref);
		}
	}
}

static xmlNodePtr add_item_change(ctx *c, xmlNodePtr p, xmlNodePtr item, const char *change)
{
	xmlNodePtr e = xmlNewChild(p, NULL, (const xmlChar *)"item", NULL);
	xmlNodePtr prov = first_elem(item, "provision"), t = first_elem(item, "title");
	xmlChar *title = t ? xmlNodeGetContent(t) : NULL;
	if (!e) {
		c->oom = 1;
		xmlFree(title);
		return NULL;
	}
	xmlSetProp(e, (const xmlChar *)"id", (const xmlChar *)attr(item, "id"));
	xmlSetProp(e, (const xmlChar *)"change", (const xmlChar *)change);
	if (prov && attr(prov, "ref"))
		xmlSetProp(e, (const xmlChar *)"provision", (const xmlChar *)attr(prov, "ref"));
	if (prov && attr(prov, "label"))
		xmlSetProp(e, (const xmlChar *)"label", (const xmlChar *)attr(prov, "label"));
	if (title)
		xmlSetProp(e, (const xmlChar *)"title", title);
	xmlFree(title);
	return e;
}

static void compare_products(ctx *c, xmlDocPtr od, xmlDocPtr nd, xmlNodePtr p)
{
	xmlNodePtr *ov = NULL, *nv = NULL;
	size_t on = 0, nn = 0;
	xmlHashTablePtr oh = index_items(od, &ov, &on, &c->oom), nh = index_items(nd, &nv, &nn, &c->oom);
	const char *names[512];
	size_t nnames = 0;
	int route = 0, list = 0;
	/* conclusions, in the order the new assessment (then the old) concluded them */
	for (int side = 0; side < 2; side++) {
		xmlNodePtr cs = child_of_root(side ? od : nd, "conclusions");
		for (xmlNodePtr x = cs ? cs->children : NULL; x; x = x->next) {
			const char *name = attr(x, "name");
			int seen = 0;
			if (!is_elem(x, "conclusion") || !name)
				continue;
			for (size_t i = 0; i < nnames; i++)
				seen |= !strcmp(names[i], name);
			if (!seen && nnames < sizeof names / sizeof *names)
				names[nnames++] = name;
		}
	}
	for (size_t i = 0; i < nnames; i++) {
		buf ova, ola, nva, nla;
		buf_init(&ova);
		buf_init(&ola);
		buf_init(&nva);
		buf_init(&nla);
		conclusion_values(od, names[i], &ova, &ola);
		conclusion_values(nd, names[i], &nva, &nla);
		if (!same_str(ova.s ? ova.s : "", nva.s ? nva.s : "")) {
			xmlNodePtr e = xmlNewChild(p, NULL, (const xmlChar *)"conclusion", NULL);
			const char *title = decision_title(nd, names[i]);
			if (!title)
				title = decision_title(od, names[i]);
			if (!e)
				c->oom = 1;
			else {
				xmlSetProp(e, (const xmlChar *)"name", (const xmlChar *)names[i]);
				if (title)
					xmlSetProp(e, (const xmlChar *)"title", (const xmlChar *)title);
				xmlSetProp(e, (const xmlChar *)"old", (const xmlChar *)(ova.s ? ova.s : ""));
				xmlSetProp(e, (const xmlChar *)"new", (const xmlChar *)(nva.s ? nva.s : ""));
				xmlSetProp(e, (const xmlChar *)"old-label", (const xmlChar *)(ola.s ? ola.s : ""));
				xmlSetProp(e, (const xmlChar *)"new-label", (const xmlChar *)(nla.s ? nla.s : ""));
			}
			route = 1;
		}
		if (ova.oom || ola.oom || nva.oom || nla.oom)
			c->oom = 1;
		buf_free(&ova);
		buf_free(&ola);
		buf_free(&nva);
		buf_free(&nla);
	}
	/* checklist items */
	for (size_t i = 0; oh && i < nn; i++) {
		xmlNodePtr o = xmlHashLookup(oh, (const xmlChar *)attr(nv[i], "id"));
		buf refs;
		buf_init(&refs);
		touched_refs(c, nv[i], &refs);
		if (!o) {
			add_item_change(c, p, nv[i], "added");
			list = 1;
		} else {
			char *olaw = content_of(first_elem(o, "provision"), "law");
			char *nlaw = content_of(first_elem(nv[i], "provision"), "law");
			char *ost = content_of(o, "statement"), *nst = content_of(nv[i], "statement");
			xmlNodePtr e = NULL;
			if (!olaw || !nlaw || !ost || !nst)
				c->oom = 1;
			else if (strcmp(olaw, nlaw) != 0)
				e = add_item_change(c, p, nv[i], "law-changed");
			else if (strcmp(ost, nst) != 0)
				e = add_item_change(c, p, nv[i], "statement-changed");
			else if (refs.len)
				e = add_item_change(c, p, nv[i], "provision-changed");
			if (e)
				list = 1;
			free(olaw);
			free(nlaw);
			free(ost);
			free(nst);
			if (e && refs.len)
				xmlSetProp(e, (const xmlChar *)"refs", (const xmlChar *)refs.s);
		}
		buf_free(&refs);
	}
	for (size_t i = 0; nh && i < on; i++)
		if (!xmlHashLookup(nh, (const xmlChar *)attr(ov[i], "id"))) {
			add_item_change(c, p, ov[i], "removed");
			list = 1;
		}
	xmlSetProp(p, (const xmlChar *)"change",
	           (const xmlChar *)(route ? "route" : list ? "checklist" : "none"));
	xmlHashFree(oh, NULL);
	xmlHashFree(nh, NULL);
	free(ov);
	free(nv);
}

static int xml_name(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && !strcmp(name + n - 4, ".xml") && name[0] != '.';
}

static void products(ctx *c, xmlNodePtr reg_out, const diff_side *o, const diff_side *n,
                     const char *templates, diag *d)
{
	char *odir = fsio_join(o->dir, "products"), *ndir = fsio_join(n->dir, "products");
	fsio_names on = {NULL, 0}, nn = {NULL, 0};
	diag quiet;
	xmlNodePtr ps;
	size_t i = 0, j = 0;
	diag_init(&quiet, NULL);
	if (odir && fsio_is_dir(odir))
		fsio_list_dir(odir, &on, &quiet);
	if (ndir && fsio_is_dir(ndir))
		fsio_list_dir(ndir, &nn, &quiet);
	if (!on.n && !nn.n)
		goto out;
	ps = xmlNewChild(reg_out, NULL, (const xmlChar *)"products", NULL);
	if (!ps) {
		c->oom = 1;
		goto out;
	}
	/* the two sorted listings, merged */
	while ((i < on.n || j < nn.n) && !c->oom && !diag_interrupted(d)) {
		int cmp = i >= on.n ? 1 : j >= nn.n ? -1 : strcmp(on.v[i], nn.v[j]);
		const char *name = cmp <= 0 ? on.v[i] : nn.v[j];
		char *op = cmp <= 0 ? fsio_join(odir, name) : NULL;
		char *np = cmp >= 0 ? fsio_join(ndir, name) : NULL;
		if (cmp <= 0)
			i++;
		if (cmp >= 0)
			j++;
		if (xml_name(name)) {
			char *oerr = NULL, *nerr = NULL;
			xmlDocPtr od = op ? assess_side(o, op, templates, d, &oerr) : NULL;
			xmlDocPtr nd = np ? assess_side(n, np, templates, d, &nerr) : NULL;
			xmlNodePtr p = xmlNewChild(ps, NULL, (const xmlChar *)"product", NULL);
			char *id = strndup(name, strlen(name) - 4);
			if (!p || !id) {
				c->oom = 1;
			} else {
				xmlNodePtr info = child_of_root(nd ? nd : od, "product");
				xmlNodePtr nm = first_elem(info, "name");
				xmlChar *pname = nm ? xmlNodeGetContent(nm) : NULL;
				xmlSetProp(p, (const xmlChar *)"id", (const xmlChar *)id);
				if (pname)
					xmlSetProp(p, (const xmlChar *)"name", pname);
				xmlFree(pname);
				if (!op || !np) {
					xmlSetProp(p, (const xmlChar *)"change", (const xmlChar *)(op ? "removed" : "added"));
				} else if (od && nd) {
					compare_products(c, od, nd, p);
				} else {
					xmlSetProp(p, (const xmlChar *)"change", (const xmlChar *)"fails");
				}
				if (oerr && op) {
					xmlNodePtr e = text_child(c, p, "error", oerr);
					if (e)
						xmlSetProp(e, (const xmlChar *)"side", (const xmlChar *)"old");
				}
				if (nerr && np) {
					xmlNodePtr e = text_child(c, p, "error", nerr);
					if (e)
						xmlSetProp(e, (const xmlChar *)"side", (const xmlChar *)"new");
				}
			}
			free(id);
			free(oerr);
			free(nerr);
			if (od)
				xmlFreeDoc(od);
			if (nd)
				xmlFreeDoc(nd);
		}
		free(op);
		free(np);
	}
out:
	fsio_names_free(&on);
	fsio_names_free(&nn);
	free(odir);
	free(ndir);
}

/* ------------------------------------------------------------------ the document */

xmlDocPtr diff_new(const char *old_dir, const char *new_dir, const char *generator)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root = doc ? xmlNewDocNode(doc, NULL, (const xmlChar *)"diff", NULL) : NULL;
	if (!root) {
		xmlFreeDoc(doc);
		return NULL;
	}
	xmlDocSetRootElement(doc, root);
	if (!xmlSetProp(root, (const xmlChar *)"old", (const xmlChar *)old_dir) ||
	    !xmlSetProp(root, (const xmlChar *)"new", (const xmlChar *)new_dir) ||
	    !xmlSetProp(root, (const xmlChar *)"generator", (const xmlChar *)generator)) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

int diff_only_in(xmlDocPtr doc, const char *side, const char *id, const char *dir)
{
	xmlNodePtr e = xmlNewChild(xmlDocGetRootElement(doc), NULL, (const xmlChar *)"only-in", NULL);
	if (!e || !xmlSetProp(e, (const xmlChar *)"side", (const xmlChar *)side) ||
	    !xmlSetProp(e, (const xmlChar *)"id", (const xmlChar *)id) ||
	    !xmlSetProp(e, (const xmlChar *)"dir", (const xmlChar *)dir))
		return -1;
	return 0;
}

int diff_regulation(xmlDocPtr doc, const diff_side *old, const diff_side *new,
                    const char *templates, diag *d)
{
	ctx c;
	xmlNodePtr reg, sum;
	xmlNodePtr *ou = NULL, *nu = NULL;
	size_t on = 0, nn = 0;
	xmlHashTablePtr oh = NULL, nh = NULL;
	int rc = -1;
	memset(&c, 0, sizeof c);
	if (gindex_init(&c.gold, old->graph, old->dir, d) != 0)
		return -1;
	if (gindex_init(&c.gnew, new->graph, new->dir, d) != 0) {
		gindex_free(&c.gold);
		return -1;
	}
	c.changed = xmlHashCreate(256);
	reg = xmlNewChild(xmlDocGetRootElement(doc), NULL, (const xmlChar *)"regulation", NULL);
	sum = reg ? xmlNewChild(reg, NULL, (const xmlChar *)"summary", NULL) : NULL;
	if (!c.changed || !sum)
		goto done;
	xmlSetProp(reg, (const xmlChar *)"id", (const xmlChar *)c.gnew.regulation);
	xmlSetProp(reg, (const xmlChar *)"old", (const xmlChar *)old->dir);
	xmlSetProp(reg, (const xmlChar *)"new", (const xmlChar *)new->dir);
	{
		xmlNodePtr st = first_elem(xmlDocGetRootElement(new->graph), "short-title");
		xmlChar *s = st ? xmlNodeGetContent(st) : NULL;
		if (s)
			xmlSetProp(reg, (const xmlChar *)"title", s);
		xmlFree(s);
	}
	oh = index_units(old->graph, &ou, &on, &c.oom);
	nh = index_units(new->graph, &nu, &nn, &c.oom);
	for (size_t i = 0; oh && i < nn && !c.oom; i++) {
		xmlNodePtr o = xmlHashLookup(oh, (const xmlChar *)attr(nu[i], "id"));
		if (o)
			compare_unit(&c, reg, o, nu[i]);
		else
			lone_unit(&c, reg, nu[i], ADDED);
	}
	for (size_t i = 0; nh && i < on && !c.oom; i++)
		if (!xmlHashLookup(nh, (const xmlChar *)attr(ou[i], "id")))
			lone_unit(&c, reg, ou[i], REMOVED);
	{
		static const char *const names[] = {"units-changed", "units-added", "units-removed",
		                                    "elements-changed", "elements-added", "elements-removed"};
		for (int k = 0; k < 6; k++) {
			char num[32];
			snprintf(num, sizeof num, "%zu", k < 3 ? c.units[k] : c.elems[k - 3]);
			if (!xmlSetProp(sum, (const xmlChar *)names[k], (const xmlChar *)num))
				c.oom = 1;
		}
	}
	if (!c.oom && !diag_interrupted(d))
		products(&c, reg, old, new, templates, d);
	if (c.oom)
		diag_sys(d, new->dir, "cannot compare", ENOMEM);
	else if (!diag_interrupted(d))
		rc = 0;
done:
	if (!c.changed || !sum)
		diag_sys(d, new->dir, "cannot compare", ENOMEM);
	xmlHashFree(oh, NULL);
	xmlHashFree(nh, NULL);
	xmlHashFree(c.changed, NULL);
	free(ou);
	free(nu);
	gindex_free(&c.gold);
	gindex_free(&c.gnew);
	return rc;
}
