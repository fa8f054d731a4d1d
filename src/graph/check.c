/*
 * check.c - what a schema cannot see: unique ids and references that name an
 * existing id; then validity against templates/schema/graph.rng.
 */
#include <stdlib.h>
#include <string.h>

#include "graph/graph.h"
#include "util/xmlnode.h"
#include "util/xmlsafe.h"

static const char *where(xmlNodePtr n, unsigned long *line)
{
	xmlNodePtr u;
	*line = (unsigned long)xmlGetLineNo(n);
	for (u = n; u && u->type == XML_ELEMENT_NODE; u = u->parent) {
		const char *src = xmlnode_attr(u, "src");
		if (src)
			return src;
	}
	return NULL;
}

static unsigned long node_line(xmlNodePtr n)
{
	const char *line = xmlnode_attr(n, "line");
	return line ? strtoul(line, NULL, 10) : 0;
}

static void index_id(xmlHashTablePtr ids, xmlNodePtr cur, const xmlChar *id, diag *d)
{
	if (xmlHashAddEntry(ids, id, cur) != 0) {
		unsigned long l;
		const char *src = where(cur, &l);
		diag_error(d, src, node_line(cur), "duplicate id %s", (const char *)id);
	}
}

int graph_is_qualified(const char *ref, size_t *reg_len)
{
	const char *colon = ref ? strchr(ref, ':') : NULL;
	size_t n = colon ? (size_t)(colon - ref) : 0;
	if (!colon || n == 0 || n > 64 || (n == 3 && !strncmp(ref, "ext", 3)) || !colon[1])
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((ref[i] >= 'a' && ref[i] <= 'z') || (ref[i] >= '0' && ref[i] <= '9') ||
		      (i > 0 && (ref[i] == '-' || ref[i] == '_' || ref[i] == '.'))))
			return 0;
	if (reg_len)
		*reg_len = n;
	return 1;
}

xmlHashTablePtr graph_hash_for(size_t n)
{
	/* a power of two at least n (a chain of about one), from 256 */
	int size = 256;
	while ((size_t)size < n && size < (1 << 24))
		size *= 2;
	return xmlHashCreate(size);
}

/* The id attribute of an element (as xmlHasProp finds it), or NULL. */
static const xmlChar *id_of(xmlNodePtr cur)
{
	xmlAttrPtr a = xmlHasProp(cur, (const xmlChar *)"id");
	return a && a->children ? a->children->content : NULL;
}

xmlHashTablePtr graph_index_ids(xmlDocPtr doc, diag *d)
{
	/* sized by a first walk that counts the ids: a small graph gets a small table
	 * (making and freeing large ones per regulation leaves holes in the heap that
	 * freeing the graphs then merges over and over), a large one no long chains */
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlHashTablePtr ids;
	size_t n = 0;
	for (xmlNodePtr cur = root; cur; cur = graph_walk_next(root, cur, 1))
		if (cur->type == XML_ELEMENT_NODE && id_of(cur))
			n++;
	ids = graph_hash_for(n);
	for (xmlNodePtr cur = root; cur; cur = graph_walk_next(root, cur, 1))
		if (cur->type == XML_ELEMENT_NODE) {
			const xmlChar *id = id_of(cur);
			if (id)
				index_id(ids, cur, id, d);
		}
	return ids;
}

static const char *const ref_attrs[] = {"ref", "to", "from", "act", "chapter", "section"};
#define NREF_ATTRS (sizeof ref_attrs / sizeof ref_attrs[0])

/* Which of ref_attrs a is (its index), or -1. Like xmlGetProp, namespaces do not
 * matter. */
static int ref_attr(const xmlAttr *a)
{
	for (size_t i = 0; i < NREF_ATTRS; i++)
		if (!strcmp((const char *)a->name, ref_attrs[i]))
			return (int)i;
	return -1;
}

/* Every IDREF-like attribute of el names an existing id (in the order of ref_attrs). */
static void check_refs_of(xmlNodePtr el, xmlHashTablePtr ids, const char *name, diag *d)
{
	/* <section> elements have no section attribute; units do */
	int is_section_el = !xmlStrcmp(el->name, (const xmlChar *)"section");
	for (size_t i = 0; i < NREF_ATTRS; i++) {
		xmlChar *v;
		char *save = NULL, *tok;
		if (is_section_el && !strcmp(ref_attrs[i], "section"))
			continue;
		v = xmlGetProp(el, (const xmlChar *)ref_attrs[i]);
		if (!v)
			continue;
		/* a qualified id (cra:art-12.3) is another regulation's: the link stage
		 * checked it against that regulation's graph */
		for (tok = strtok_r((char *)v, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
			if (!xmlHashLookup(ids, (const xmlChar *)tok) &&
			    !(graph_is_qualified(tok, NULL) && !strcmp(ref_attrs[i], "to"))) {
				unsigned long l;
				const char *src = where(el, &l);
				diag_error(d, src ? src : name, node_line(el),
				           "%s=\"%s\" names no element of the graph", ref_attrs[i], tok);
			}
		xmlFree(v);
	}
}

/* A reference that names an id: a single name, found as it is (the common case,
 * without copying it); anything else goes through check_refs_of. */
static int plain_ref_ok(const xmlAttr *a, xmlHashTablePtr ids)
{
	const char *v = xmlnode_attr_value(a);
	return v && !strchr(v, ' ') && xmlHashLookup(ids, (const xmlChar *)v);
}

int graph_check(xmlDocPtr doc, const char *rng_path, const char *name, diag *d)
{
	size_t before = d->errors;
	/* Two walks: a reference may point forward, so every id is indexed first. Keeping
	 * the referring elements from the first walk instead costs more than walking
	 * again: the growing list leaves holes in the heap among the graph's nodes, and
	 * freeing the graph then merges them over and over (malloc_consolidate). */
	xmlHashTablePtr ids = graph_index_ids(doc, d);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	for (xmlNodePtr cur = root; cur; cur = graph_walk_next(root, cur, 1)) {
		int ok = 1;
		if (cur->type != XML_ELEMENT_NODE)
			continue;
		for (xmlAttrPtr a = cur->properties; a && ok; a = a->next)
			if (ref_attr(a) >= 0)
				ok = plain_ref_ok(a, ids);
		if (!ok)
			check_refs_of(cur, ids, name, d);
	}
	xmlHashFree(ids, NULL);
	if (rng_path)
		xmlsafe_validate(doc, rng_path, name, d);
	return d->errors == before ? 0 : -1;
}
