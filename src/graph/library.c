/*
 * library.c - the regulations of one run and the links between them (library.h).
 */
#include "graph/library.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/fsio.h"
#include "util/xmlnode.h"

void library_init(library *L)
{
	memset(L, 0, sizeof *L);
}

int library_add(library *L, regulation *r, int named, diag *d)
{
	diag quiet;
	if (!strcmp(r->m.id, "ext")) {
		/* ext:CELEX names an act: ext:art-1 could not be told from one */
		diag_report(d, named ? DIAG_ERROR : DIAG_WARNING, r->m.path, 0,
		            "the id ext is reserved for other acts (ext:CELEX)%s",
		            named ? "" : "; this regulation is left out of the library");
		return -1;
	}
	for (size_t i = 0; i < L->n; i++) {
		const regulation *o = &L->regs[i];
		int same_id = !strcmp(o->m.id, r->m.id);
		if (same_id || (o->m.celex && r->m.celex && !strcmp(o->m.celex, r->m.celex))) {
			diag_report(d, named ? DIAG_ERROR : DIAG_WARNING, r->m.path, 0,
			            "%s %s is also %s's (%s); %s", same_id ? "the id" : "the CELEX number",
			            same_id ? r->m.id : r->m.celex, o->m.id, o->dir,
			            named ? "each regulation of a library needs its own"
			                  : "this regulation is left out of the library");
			return -1;
		}
	}
	if (L->n == L->cap) {
		size_t cap = L->cap ? L->cap * 2 : 4;
		regulation *regs = realloc(L->regs, cap * sizeof *regs);
		int *nm = regs ? realloc(L->named, cap * sizeof *nm) : NULL;
		link_regulation *t = nm ? realloc(L->table, cap * sizeof *t) : NULL;
		if (regs)
			L->regs = regs;
		if (nm)
			L->named = nm;
		if (!t) {
			diag_sys(d, r->dir, "cannot allocate", ENOMEM);
			return -1;
		}
		L->table = t;
		L->cap = cap;
	}
	/* duplicate ids are reported when the regulation is linked, not twice */
	diag_init(&quiet, NULL);
	L->regs[L->n] = *r;
	L->named[L->n] = named;
	r = &L->regs[L->n];
	L->table[L->n].id = r->m.id;
	L->table[L->n].celex = r->m.celex;
	L->table[L->n].ids = graph_index_ids(r->doc, &quiet);
	L->table[L->n].dir = r->dir;
	L->table[L->n].version = regulation_version(r) ? regulation_version(r)->id : NULL;
	L->table[L->n].other_version = 0;
	L->n++;
	/* regs may have moved: the table points into the manifests, which did not */
	L->view.v = L->table;
	L->view.n = L->n;
	return 0;
}

void library_free(library *L)
{
	for (size_t i = 0; i < L->n; i++) {
		xmlHashFree(L->table[i].ids, NULL);
		regulation_free(&L->regs[i]);
	}
	for (size_t k = 0; k < L->nversions; k++)
		regulation_free(&L->versions[k]);
	free(L->versions);
	free(L->version_of);
	free(L->regs);
	free(L->named);
	free(L->table);
	memset(L, 0, sizeof *L);
}

/* The id of the version of the regulation in dir that r made (its manifest's
 * <version amended-by>, by r's id or CELEX), into out; 1 when there is one. */
static int version_made_by(const char *dir, const char *datadir, const regulation *r,
                           char *out, size_t size)
{
	char *schema = fsio_join(datadir, "templates/schema/manifest.rng");
	manifest m;
	diag quiet;
	int found = 0;
	diag_init(&quiet, NULL);
	memset(&m, 0, sizeof m);
	if (schema && manifest_load(dir, schema, &m, &quiet) == 0)
		for (size_t v = 0; v < m.nversions && !found; v++) {
			const manifest_version *mv = &m.versions[v];
			if ((mv->amended_by && !strcmp(mv->amended_by, r->m.id)) ||
			    (mv->amended_by_celex && r->m.celex && !strcmp(mv->amended_by_celex, r->m.celex))) {
				snprintf(out, size, "%s", mv->id);
				found = 1;
			}
		}
	manifest_free(&m);
	free(schema);
	return found;
}

int library_view_for(const link_library *lib, const regulation *r, const char *datadir,
                     link_library *view, library_view *own, diag *d)
{
	const link_regulation *e = NULL;
	char made[64];
	size_t k;
	diag quiet;
	memset(own, 0, sizeof *own);
	view->v = lib ? lib->v : NULL;
	view->n = lib ? lib->n : 0;
	for (k = 0; r->m.amends_celex && k < view->n && !e; k++)
		if (view->v[k].celex && !strcmp(view->v[k].celex, r->m.amends_celex) &&
		    strcmp(view->v[k].id, r->m.id) != 0 && view->v[k].dir)
			e = &view->v[k];
	if (!e || !e->version || !version_made_by(e->dir, datadir, r, made, sizeof made) ||
	    !strcmp(made, e->version))
		return 0; /* nothing amended here, or the library holds the version r made */
	diag_init(&quiet, NULL);
	if (regulation_load_version(e->dir, datadir, made, NULL, &own->made, &quiet) != 0 ||
	    !own->made.doc || quiet.errors) {
		regulation_free(&own->made);
		return 0;
	}
	own->loaded = 1;
	own->table = malloc(view->n * sizeof *own->table);
	if (!own->table) {
		diag_sys(d, r->dir, "cannot allocate", ENOMEM);
		library_view_free(own);
		return -1;
	}
	memcpy(own->table, view->v, view->n * sizeof *own->table);
	k = (size_t)(e - view->v);
	own->at = k;
	own->table[k].ids = graph_index_ids(own->made.doc, &quiet);
	own->table[k].version = regulation_version(&own->made)->id;
	own->table[k].other_version = 1;
	view->v = own->table;
	return 0;
}

void library_view_free(library_view *own)
{
	if (own->table) {
		xmlHashFree(own->table[own->at].ids, NULL); /* the one entry it indexed */
		free(own->table);
	}
	if (own->loaded)
		regulation_free(&own->made);
	memset(own, 0, sizeof *own);
}

int library_add_version(library *L, size_t i, regulation *r, diag *d)
{
	if (L->nversions == L->capversions) {
		size_t cap = L->capversions ? L->capversions * 2 : 4;
		regulation *v = realloc(L->versions, cap * sizeof *v);
		size_t *o = v ? realloc(L->version_of, cap * sizeof *o) : NULL;
		if (v)
			L->versions = v;
		if (!o) {
			diag_sys(d, r->dir, "cannot allocate", ENOMEM);
			return -1;
		}
		L->version_of = o;
		L->capversions = cap;
	}
	L->versions[L->nversions] = *r;
	L->version_of[L->nversions++] = i;
	return 0;
}

size_t library_versions(const library *L, size_t i, const regulation **out)
{
	const regulation *r = &L->regs[i];
	size_t n = 0;
	if (!r->m.nversions) {
		out[0] = r;
		return 1;
	}
	for (size_t v = 0; v < r->m.nversions && n < MANIFEST_MAX_VERSIONS; v++) {
		const regulation *found = v == r->m.current ? r : NULL;
		for (size_t k = 0; !found && k < L->nversions; k++)
			if (L->version_of[k] == i && L->versions[k].m.current == v)
				found = &L->versions[k];
		if (found)
			out[n++] = found;
	}
	return n;
}

static unsigned long count_children(xmlNodePtr n, const char *name)
{
	unsigned long k = 0;
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		k += xmlnode_is(c, name) ? 1 : 0;
	return k;
}

static void set_ulong(xmlNodePtr n, const char *name, unsigned long v)
{
	char b[24];
	snprintf(b, sizeof b, "%lu", v);
	xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)b);
}

/* The named regulation with this id, or -1. */
static long named_index(const library *L, const char *id, size_t len)
{
	for (size_t i = 0; i < L->n; i++)
		if (L->named[i] && strlen(L->regs[i].m.id) == len && !strncmp(L->regs[i].m.id, id, len))
			return (long)i;
	return -1;
}

static void regulation_entry(xmlNodePtr root, const regulation *r)
{
	xmlNodePtr e = xmlNewChild(root, NULL, (const xmlChar *)"regulation", NULL);
	xmlNodePtr g = xmlDocGetRootElement(r->doc), u;
	char path[96];
	xmlNewProp(e, (const xmlChar *)"id", (const xmlChar *)r->m.id);
	xmlNewProp(e, (const xmlChar *)"celex", (const xmlChar *)(r->m.celex ? r->m.celex : ""));
	xmlNewProp(e, (const xmlChar *)"eli", (const xmlChar *)(r->m.eli ? r->m.eli : ""));
	snprintf(path, sizeof path, "%s/graph.xml", r->m.id);
	xmlNewProp(e, (const xmlChar *)"graph", (const xmlChar *)path);
	snprintf(path, sizeof path, "%s/site/", r->m.id);
	xmlNewProp(e, (const xmlChar *)"site", (const xmlChar *)path);
	xmlNewTextChild(e, NULL, (const xmlChar *)"short-title",
	                (const xmlChar *)(r->m.short_title ? r->m.short_title : r->m.id));
	xmlNewTextChild(e, NULL, (const xmlChar *)"title", (const xmlChar *)(r->m.title ? r->m.title : ""));
	/* one count per kind of unit, named as the manifest names it */
	for (size_t k = 0; k < r->m.nkinds; k++) {
		const unit_kind *uk = &r->m.kinds[k];
		u = xmlNewChild(e, NULL, (const xmlChar *)"units", NULL);
		xmlNewProp(u, (const xmlChar *)"kind", (const xmlChar *)uk->kind);
		xmlNewProp(u, (const xmlChar *)"heading", (const xmlChar *)uk->heading);
		xmlNewProp(u, (const xmlChar *)"dir", (const xmlChar *)uk->dir);
		set_ulong(u, "count", count_children(xmlnode_child(g, uk->dir), uk->kind));
	}
	u = xmlNewChild(e, NULL, (const xmlChar *)"units", NULL);
	xmlNewProp(u, (const xmlChar *)"kind", (const xmlChar *)"chapter");
	xmlNewProp(u, (const xmlChar *)"heading", (const xmlChar *)"Chapter");
	xmlNewProp(u, (const xmlChar *)"dir", (const xmlChar *)"chapters");
	set_ulong(u, "count", count_children(xmlnode_child(g, "contents"), "chapter"));
}

static void add_link(xmlNodePtr edges, const char *kind, const char *from_reg, const char *from,
                     const char *to, xmlNodePtr e)
{
	char q[256];
	xmlNodePtr x = xmlNewChild(edges, NULL, (const xmlChar *)"edge", NULL);
	snprintf(q, sizeof q, "%s:%s", from_reg, from);
	xmlNewProp(x, (const xmlChar *)"kind", (const xmlChar *)kind);
	xmlNewProp(x, (const xmlChar *)"from", (const xmlChar *)q);
	xmlNewProp(x, (const xmlChar *)"to", (const xmlChar *)to);
	if (xmlnode_attr(e, "action")) /* amends: what the provision did, to which part */
		xmlNewProp(x, (const xmlChar *)"action", (const xmlChar *)xmlnode_attr(e, "action"));
	if (xmlnode_attr(e, "part"))
		xmlNewProp(x, (const xmlChar *)"part", (const xmlChar *)xmlnode_attr(e, "part"));
	xmlNewProp(x, (const xmlChar *)"src", (const xmlChar *)(xmlnode_attr(e, "src") ? xmlnode_attr(e, "src") : ""));
	xmlNewProp(x, (const xmlChar *)"line", (const xmlChar *)(xmlnode_attr(e, "line") ? xmlnode_attr(e, "line") : "0"));
}

xmlDocPtr library_links(const library *L, diag *d)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root, edges;
	size_t before = d->errors;
	if (!doc) {
		diag_sys(d, NULL, "cannot allocate", ENOMEM);
		return NULL;
	}
	root = xmlNewDocNode(doc, NULL, (const xmlChar *)"library", NULL);
	xmlDocSetRootElement(doc, root);
	for (size_t i = 0; i < L->n; i++)
		if (L->named[i])
			regulation_entry(root, &L->regs[i]);
	edges = xmlNewChild(root, NULL, (const xmlChar *)"edges", NULL);
	for (size_t i = 0; i < L->n; i++) {
		const regulation *r = &L->regs[i];
		xmlNodePtr g = L->named[i] ? xmlDocGetRootElement(r->doc) : NULL;
		xmlNodePtr acts = xmlnode_child(g, "acts");
		for (xmlNodePtr e = xmlnode_child(g, "edges") ? xmlnode_child(g, "edges")->children : NULL; e; e = e->next) {
			const char *kind = xmlnode_attr(e, "kind"), *to = xmlnode_attr(e, "to"), *from = xmlnode_attr(e, "from");
			size_t rl;
			if (!xmlnode_is(e, "edge") || !kind || !to || !from)
				continue;
			if ((!strcmp(kind, "cites") || !strcmp(kind, "amends")) && graph_is_qualified(to, &rl)) {
				long k = named_index(L, to, rl);
				if (k < 0)
					continue; /* into a regulation that is not part of this library */
				if (xmlnode_attr(e, "version") &&
				    !(regulation_version(&L->regs[k]) &&
				      !strcmp(regulation_version(&L->regs[k])->id, xmlnode_attr(e, "version"))))
					continue; /* into another version of it than this library's
					           * (library_view_for): checked when linked */
				if (!xmlHashLookup(L->table[k].ids, (const xmlChar *)to + rl + 1)) {
					diag_error(d, xmlnode_attr(e, "src"), strtoul(xmlnode_attr(e, "line") ? xmlnode_attr(e, "line") : "0", NULL, 10),
					           "%s cites %s, which is not in %s's graph", from, to, L->regs[k].m.id);
					continue;
				}
				add_link(edges, kind, r->m.id, from, to, e);
			} else if (!strcmp(kind, "cites-act")) {
				/* the act node says which regulation of the library it is */
				for (xmlNodePtr a = acts ? acts->children : NULL; a; a = a->next) {
					const char *reg = xmlnode_is(a, "act") ? xmlnode_attr(a, "regulation") : NULL;
					long k;
					if (!reg || !xmlnode_attr(a, "id") || strcmp(xmlnode_attr(a, "id"), to) != 0)
						continue;
					k = named_index(L, reg, strlen(reg));
					if (k >= 0 && (size_t)k != i)
						add_link(edges, kind, r->m.id, from, reg, e);
					break;
				}
			}
		}
	}
	if (d->errors != before) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}
