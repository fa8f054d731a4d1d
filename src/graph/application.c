/*
 * application.c - from when each provision applies (application.h).
 */
#include "graph/application.h"

#include <errno.h>
#include <libxml/hash.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph.h"
#include "util/xmlnode.h"
#include "ingest/amendments.h"
#include "util/fsio.h"
#include "util/xmlsafe.h"

typedef struct rule {
	const char *from; /* NULL: the dates depend on the case (<when>) */
	const char *by;
} rule;

typedef struct dates {
	regulation *r;
	const char *path;
	xmlHashTablePtr ids;     /* of the graph */
	xmlHashTablePtr to;      /* id → rule* */
	rule *rules;
	size_t nrules;
	rule general;            /* <default> */
	const char *kinds;       /* "article annex" */
	rule amended;            /* <amended> (from NULL: none) */
	xmlHashTablePtr changed; /* ids the version's amendment table names */
	diag *d;
} dates;

/* A provision named by the data: an id of the graph, or qualified (another act's). */
static void check_ref(dates *x, const xmlNode *n, const char *attr)
{
	const char *v = xmlnode_attr(n, attr);
	if (v && !graph_is_qualified(v, NULL) && !xmlHashLookup(x->ids, (const xmlChar *)v))
		diag_error(x->d, x->path, (unsigned long)xmlGetLineNo((xmlNodePtr)n),
		           "%s=\"%s\" names no element of %s version %s", attr, v, x->r->m.id,
		           regulation_version(x->r)->id);
}

/* The rules of the data file, checked against the graph. */
static int read_rules(dates *x, xmlNodePtr root)
{
	size_t n = 0;
	for (xmlNodePtr c = root->children; c; c = c->next)
		n += xmlnode_is(c, "applies");
	x->rules = calloc(n + 1, sizeof *x->rules);
	if (!x->rules)
		return -1;
	check_ref(x, root, "entry-by");
	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (xmlnode_is(c, "default")) {
			x->general.from = xmlnode_attr(c, "date");
			x->general.by = xmlnode_attr(c, "by");
			x->kinds = xmlnode_attr(c, "kinds");
			check_ref(x, c, "by");
		} else if (xmlnode_is(c, "amended")) {
			x->amended.from = xmlnode_attr(c, "date");
			x->amended.by = xmlnode_attr(c, "by");
			check_ref(x, c, "by");
		} else if (xmlnode_is(c, "applies")) {
			rule *r = &x->rules[x->nrules++];
			char *list = strdup(xmlnode_attr(c, "to") ? xmlnode_attr(c, "to") : ""), *save = NULL;
			unsigned long line = (unsigned long)xmlGetLineNo(c);
			r->from = xmlnode_attr(c, "date");
			r->by = xmlnode_attr(c, "by");
			check_ref(x, c, "by");
			check_ref(x, c, "except");
			for (xmlNodePtr w = c->children; w; w = w->next)
				if (xmlnode_is(w, "when"))
					check_ref(x, w, "by");
			for (char *id = list ? strtok_r(list, " \t\n", &save) : NULL; id;
			     id = strtok_r(NULL, " \t\n", &save)) {
				if (!xmlHashLookup(x->ids, (const xmlChar *)id))
					diag_error(x->d, x->path, line, "to=\"%s\" names no element of %s version %s", id,
					           x->r->m.id, regulation_version(x->r)->id);
				else if (xmlHashAddEntry(x->to, (const xmlChar *)id, r) != 0)
					diag_error(x->d, x->path, line, "%s has two dates of application", id);
			}
			free(list);
		}
	}
	return 0;
}

/* The ids named by the version's amendment table, with the parts a row amends. */
static void read_changed(dates *x)
{
	amendment_table t;
	diag quiet;
	diag_init(&quiet, NULL);
	x->changed = xmlHashCreate(128);
	if (!x->amended.from || !x->changed || amendments_load(x->r, x->r->m.current, &t, &quiet) != 0)
		return;
	for (size_t i = 0; i < t.n; i++)
		for (size_t j = 0; j < t.v[i].nids; j++)
			xmlHashAddEntry(x->changed, (const xmlChar *)t.v[i].ids[j], (void *)1);
	amendments_free(&t);
}

static int same_rule(const rule *a, const rule *b)
{
	return a && b && ((!a->from && !b->from) || (a->from && b->from && !strcmp(a->from, b->from))) &&
	       !strcmp(a->by, b->by);
}

/* el's rule, given the one of its parent (NULL for a unit) and whether an element that
 * holds it was amended in this version. */
static const rule *rule_of(const dates *x, xmlNodePtr el, const rule *parent, int *amended)
{
	const char *id = xmlnode_attr(el, "id");
	const rule *r = xmlHashLookup(x->to, (const xmlChar *)id);
	if (!r && !parent) {
		const char *sec = xmlnode_attr(el, "section"), *chp = xmlnode_attr(el, "chapter");
		r = sec ? xmlHashLookup(x->to, (const xmlChar *)sec) : NULL;
		if (!r && chp)
			r = xmlHashLookup(x->to, (const xmlChar *)chp);
		if (!r)
			r = &x->general;
	}
	if (!r)
		r = parent;
	*amended = *amended || (x->changed && xmlHashLookup(x->changed, (const xmlChar *)id));
	/* amended wording applies from the amending act's entry into force at the earliest */
	if (*amended && r->from && strcmp(r->from, x->amended.from) < 0)
		r = &x->amended;
	return r;
}

static void mark(xmlNodePtr el, const rule *r)
{
	if (r->from)
		xmlSetProp(el, (const xmlChar *)"applies-from", (const xmlChar *)r->from);
	xmlSetProp(el, (const xmlChar *)"applies-by", (const xmlChar *)r->by);
}

/* The elements inside el (paragraphs, subparagraphs, points, sections): marked where their
 * rule is not their parent's. Depth is bounded by the page parser (PAGE_MAX_DEPTH). */
static void mark_inside(const dates *x, xmlNodePtr el, const rule *parent, int amended)
{
	for (xmlNodePtr c = el->children; c; c = c->next) {
		const rule *r;
		int a = amended;
		if (c->type != XML_ELEMENT_NODE || xmlnode_is(c, "text") || !xmlnode_attr(c, "id"))
			continue;
		r = rule_of(x, c, parent, &a);
		if (!same_rule(r, parent))
			mark(c, r);
		mark_inside(x, c, r, a);
	}
}

/* Is the unit element name one of the kinds the general date covers? */
static int covered_kind(const char *kinds, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = kinds; p && *p;) {
		size_t k = strcspn(p, " ");
		if (k == n && !strncmp(p, name, n))
			return 1;
		p += k;
		while (*p == ' ')
			p++;
	}
	return 0;
}

static void mark_units(dates *x)
{
	xmlNodePtr root = xmlDocGetRootElement(x->r->doc);
	for (xmlNodePtr g = root->children; g; g = g->next)
		for (xmlNodePtr u = g->type == XML_ELEMENT_NODE ? g->children : NULL; u; u = u->next) {
			const rule *r;
			int amended = 0;
			if (u->type != XML_ELEMENT_NODE || !xmlnode_attr(u, "src") || !covered_kind(x->kinds, (const char *)u->name))
				continue;
			r = rule_of(x, u, NULL, &amended);
			mark(u, r);
			mark_inside(x, u, r, amended);
		}
}

int graph_apply_dates(regulation *r, const char *datadir, diag *d)
{
	const manifest_version *mv = regulation_version(r);
	char *vdir, *path, *rng;
	xmlDocPtr data;
	dates x;
	size_t before = d->errors;
	diag quiet;
	/* a version's own file, in its folder; else the one of a regulation with one text */
	const char *file = mv ? mv->application : r->m.application;
	if (!file)
		return 0;
	vdir = fsio_join(r->dir, mv ? mv->dir : ".");
	path = vdir ? fsio_join(vdir, file) : NULL;
	rng = fsio_join(datadir, "templates/schema/application.rng");
	free(vdir);
	if (!path || !rng) {
		free(path);
		free(rng);
		diag_sys(d, r->dir, "cannot allocate", ENOMEM);
		return -1;
	}
	data = xmlsafe_read_file(path, d);
	if (!data || xmlsafe_validate(data, rng, path, d) != 0) {
		if (data)
			xmlFreeDoc(data);
		free(path);
		free(rng);
		return -1;
	}
	free(rng);
	memset(&x, 0, sizeof x);
	x.r = r;
	x.path = path;
	x.d = d;
	diag_init(&quiet, NULL);
	x.ids = graph_index_ids(r->doc, &quiet);
	x.to = xmlHashCreate(64);
	if (!x.ids || !x.to || read_rules(&x, xmlDocGetRootElement(data)) != 0)
		diag_sys(d, path, "cannot allocate", ENOMEM);
	if (d->errors == before) {
		xmlNodePtr copy;
		read_changed(&x);
		mark_units(&x);
		/* the rules, as the data says them, for whoever reads the graph */
		copy = xmlDocCopyNode(xmlDocGetRootElement(data), r->doc, 1);
		for (xmlNodePtr c = copy ? copy->children : NULL, next; c; c = next) {
			next = c->next;
			if (c->type == XML_COMMENT_NODE || (c->type == XML_TEXT_NODE && xmlIsBlankNode(c))) {
				xmlUnlinkNode(c);
				xmlFreeNode(c);
			}
		}
		if (copy) {
			xmlSetProp(copy, (const xmlChar *)"src", (const xmlChar *)path);
			xmlAddPrevSibling(r->edges, copy);
		}
	}
	xmlHashFree(x.ids, NULL);
	xmlHashFree(x.to, NULL);
	xmlHashFree(x.changed, NULL);
	free(x.rules);
	xmlFreeDoc(data);
	free(path);
	return d->errors == before ? 0 : -1;
}
