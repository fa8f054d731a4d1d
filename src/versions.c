#include "versions.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool/diff.h"

void versions_docs_free(versions_docs *V)
{
	for (size_t k = 0; k < V->nchanges; k++)
		xmlFreeDoc(V->changes[k]);
	for (size_t k = 0; k < V->nhistory; k++)
		if (V->history[k])
			xmlFreeDoc(V->history[k]);
	if (V->vdoc)
		xmlFreeDoc(V->vdoc);
	free(V->history);
	free(V->changes);
	free(V->docs);
	free(V->uris);
	memset(V, 0, sizeof *V);
}

/* The URI doc has among V->docs, or NULL. */
static const char *uri_of(const versions_docs *V, xmlDocPtr doc)
{
	for (size_t k = 0; k < V->ndocs; k++)
		if (V->docs[k].doc == doc)
			return V->docs[k].uri;
	return NULL;
}

static const char *add_doc(versions_docs *V, xmlDocPtr doc, const char *reg, const char *vid,
                           const char *file)
{
	char *u = V->uris[V->ndocs];
	if ((size_t)snprintf(u, VERSIONS_URI_MAX, "%s%s/%s%s%s", VERSIONS_URI, reg, vid ? vid : "",
	                     vid ? "/" : "", file) >= VERSIONS_URI_MAX)
		return NULL;
	V->docs[V->ndocs].uri = u;
	V->docs[V->ndocs++].doc = doc;
	return u;
}

/* The changes of version b from version a (their graphs): the text only. */
static xmlDocPtr changes_of(const regulation *a, const regulation *b, diag *d)
{
	xmlDocPtr doc = diff_new(regulation_version(a)->id, regulation_version(b)->id, "regdoc");
	diff_side sa, sb;
	memset(&sa, 0, sizeof sa);
	memset(&sb, 0, sizeof sb);
	sa.dir = a->dir;
	sa.graph = a->doc;
	sb.dir = b->dir;
	sb.graph = b->doc;
	if (!doc) {
		diag_sys(d, b->dir, "cannot compare", ENOMEM);
		return NULL;
	}
	if (diff_regulation(doc, &sa, &sb, NULL, d) != 0) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

int versions_docs_build(versions_docs *V, const library *L, const xslt_doc *lib_docs,
                        size_t nlib, xmlDocPtr *history, diag *d)
{
	size_t cap = nlib + 2 * L->nversions + 3 * L->n + 1;
	memset(V, 0, sizeof *V);
	if (history) {
		V->history = history;
		V->nhistory = L->n;
	}
	V->docs = calloc(cap, sizeof *V->docs);
	V->uris = calloc(cap, sizeof *V->uris);
	V->changes = calloc(L->nversions + L->n + 1, sizeof *V->changes);
	if (!V->docs || !V->uris || !V->changes)
		goto oom;
	for (size_t k = 0; k < nlib; k++)
		V->docs[V->ndocs++] = lib_docs[k];
	for (size_t i = 0; i < L->n; i++) {
		const regulation *v[MANIFEST_MAX_VERSIONS];
		site_version sv[MANIFEST_MAX_VERSIONS];
		size_t n, root = 0;
		if (!L->named[i] || (n = library_versions(L, i, v)) < 2)
			continue;
		if (!V->vdoc && !(V->vdoc = site_versions_new()))
			goto oom;
		for (size_t k = 0; k < n; k++) {
			const manifest_version *mv = regulation_version(v[k]);
			memset(&sv[k], 0, sizeof sv[k]);
			sv[k].id = mv->id;
			sv[k].applies_from = mv->applies_from;
			sv[k].label = mv->label;
			sv[k].celex = mv->celex;
			sv[k].amended_by = mv->amended_by;
			if (v[k] == &L->regs[i])
				root = k;
			sv[k].graph_uri = uri_of(V, v[k]->doc);
			if (!sv[k].graph_uri &&
			    !(sv[k].graph_uri = add_doc(V, v[k]->doc, L->regs[i].m.id, mv->id, "graph.xml")))
				goto oom;
			if (k > 0) {
				xmlDocPtr c = changes_of(v[k - 1], v[k], d);
				if (!c)
					return -1;
				V->changes[V->nchanges++] = c;
				if (!(sv[k].changes_uri = add_doc(V, c, L->regs[i].m.id, mv->id, "changes.xml")))
					goto oom;
			}
		}
		{
			const char *huri = NULL;
			if (V->history && V->history[i] &&
			    !(huri = add_doc(V, V->history[i], L->regs[i].m.id, NULL, "history.xml")))
				goto oom;
			if (site_versions_add(V->vdoc, L->regs[i].m.id, sv, n, root, huri) != 0)
				goto oom;
		}
	}
	if (V->vdoc) {
		char *u = V->uris[V->ndocs];
		snprintf(u, VERSIONS_URI_MAX, "%sversions.xml", VERSIONS_URI);
		V->docs[V->ndocs].uri = u;
		V->docs[V->ndocs++].doc = V->vdoc;
		V->uri = u;
	}
	return 0;
oom:
	diag_sys(d, NULL, "cannot allocate the versions of the library", ENOMEM);
	return -1;
}

void versions_site_options(const versions_docs *V, const library *L, size_t i,
                           const regulation *shown, site_options *o)
{
	const regulation *v[MANIFEST_MAX_VERSIONS];
	o->versions = NULL;
	o->version = NULL;
	if (!V->uri)
		return;
	/* every site of the library: a citation may name another regulation's version
	 * (an amending act's, of the text it made: its pages under that site's v/<id>/) */
	o->versions = V->uri;
	if (!L->named[i] || library_versions(L, i, v) < 2)
		return;
	o->version = regulation_version(shown)->id;
}
