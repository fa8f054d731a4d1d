/*
 * relations.c - sourced relations from corpus/<regulation>/relations.xml (relations.h).
 */
#include "ingest/relations.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/hash.h>

#include "util/fsio.h"
#include "util/xmlsafe.h"

static int is_el(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static const char *attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (!a->ns && !strcmp((const char *)a->name, name) && a->children &&
		    a->children->type == XML_TEXT_NODE)
			return (const char *)a->children->content;
	return NULL;
}

static void add_edge(regulation *r, const char *from, const char *to, const char *source,
                     const char *path, long line)
{
	char lbuf[24];
	xmlNodePtr e = xmlNewChild(r->edges, NULL, (const xmlChar *)"edge", NULL);
	snprintf(lbuf, sizeof lbuf, "%ld", line > 0 ? line : 0);
	xmlNewProp(e, (const xmlChar *)"kind", (const xmlChar *)"relates-to");
	xmlNewProp(e, (const xmlChar *)"from", (const xmlChar *)from);
	xmlNewProp(e, (const xmlChar *)"to", (const xmlChar *)to);
	xmlNewProp(e, (const xmlChar *)"source", (const xmlChar *)source);
	xmlNewProp(e, (const xmlChar *)"src", (const xmlChar *)path);
	xmlNewProp(e, (const xmlChar *)"line", (const xmlChar *)lbuf);
}

/* "rec-78\tart-15" for both directions of a pair */
static void pair_key(char *key, size_t sz, const char *rec, const char *unit)
{
	snprintf(key, sz, "%s\t%s", rec, unit);
}

int relations_load(regulation *r, const char *datadir, diag *d)
{
	char *path = fsio_join(r->dir, RELATIONS_FILE), *rng = NULL;
	xmlDocPtr doc = NULL;
	xmlHashTablePtr units = NULL, pairs = NULL;
	size_t errors = d->errors;
	int rc = -1;
	if (!path) {
		diag_sys(d, r->dir, "cannot read " RELATIONS_FILE, ENOMEM);
		return -1;
	}
	if (access(path, F_OK) != 0 && errno == ENOENT) {
		free(path);
		return 0; /* no file: the pages' relations only */
	}
	rng = fsio_join(datadir, "templates/schema/relations.rng");
	if (!rng || !(doc = xmlsafe_read_file(path, d)) || xmlsafe_validate(doc, rng, path, d) != 0)
		goto out;
	units = xmlHashCreate(512);
	pairs = xmlHashCreate(512);
	if (!units || !pairs) {
		diag_sys(d, path, "cannot read", ENOMEM);
		goto out;
	}
	/* the units by id, with their element name; the pairs the pages give */
	for (xmlNodePtr g = xmlDocGetRootElement(r->doc)->children; g; g = g->next)
		for (xmlNodePtr u = g->type == XML_ELEMENT_NODE ? g->children : NULL; u; u = u->next)
			if (u->type == XML_ELEMENT_NODE && attr(u, "id"))
				xmlHashAddEntry(units, (const xmlChar *)attr(u, "id"), (void *)u->name);
	for (xmlNodePtr e = r->edges->children; e; e = e->next) {
		const char *from = attr(e, "from"), *to = attr(e, "to"), *kind = attr(e, "kind");
		const char *fk;
		char key[256];
		if (!from || !to || !kind || strcmp(kind, "relates-to") != 0)
			continue;
		fk = xmlHashLookup(units, (const xmlChar *)from);
		if (fk && !strcmp(fk, "recital"))
			pair_key(key, sizeof key, from, to);
		else
			pair_key(key, sizeof key, to, from);
		xmlHashAddEntry(pairs, (const xmlChar *)key, (void *)"page");
	}
	for (xmlNodePtr s = xmlDocGetRootElement(doc)->children; s; s = s->next) {
		const char *source = is_el(s, "source") ? attr(s, "name") : NULL;
		if (!source)
			continue;
		for (xmlNodePtr p = s->children; p; p = p->next) {
			const char *rec, *to, *rk, *tk;
			long line;
			char key[256];
			if (!is_el(p, "relation"))
				continue;
			rec = attr(p, "recital");
			to = attr(p, "to");
			line = xmlGetLineNo(p);
			rk = rec ? xmlHashLookup(units, (const xmlChar *)rec) : NULL;
			tk = to ? xmlHashLookup(units, (const xmlChar *)to) : NULL;
			if (!rk || strcmp(rk, "recital") != 0) {
				diag_error(d, path, line > 0 ? (unsigned long)line : 0,
				           "%s is not a recital of this regulation", rec ? rec : "(none)");
				continue;
			}
			if (!tk || (strcmp(tk, "article") != 0 && strcmp(tk, "annex") != 0)) {
				diag_error(d, path, line > 0 ? (unsigned long)line : 0,
				           "%s is not an article or annex of this regulation", to ? to : "(none)");
				continue;
			}
			pair_key(key, sizeof key, rec, to);
			if (xmlHashLookup(pairs, (const xmlChar *)key))
				continue; /* the pages (or an earlier line) give it already */
			xmlHashAddEntry(pairs, (const xmlChar *)key, (void *)"file");
			add_edge(r, rec, to, source, path, line);
			add_edge(r, to, rec, source, path, line);
		}
	}
	rc = d->errors > errors ? -1 : 0;
out:
	if (units)
		xmlHashFree(units, NULL);
	if (pairs)
		xmlHashFree(pairs, NULL);
	if (doc)
		xmlFreeDoc(doc);
	free(rng);
	free(path);
	return rc;
}
