/*
 * check.c - what a schema cannot see: unique ids and references that name an
 * existing id; then validity against templates/schema/graph.rng.
 */
#include <stdlib.h>
#include <string.h>

#include "graph/graph.h"
#include "util/xmlsafe.h"

static const char *where(xmlNodePtr n, unsigned long *line)
{
	xmlNodePtr u;
	*line = (unsigned long)xmlGetLineNo(n);
	for (u = n; u && u->type == XML_ELEMENT_NODE; u = u->parent) {
		xmlAttrPtr a = xmlHasProp(u, (const xmlChar *)"src");
		if (a && a->children)
			return (const char *)a->children->content;
	}
	return NULL;
}

static unsigned long node_line(xmlNodePtr n)
{
	xmlAttrPtr a = xmlHasProp(n, (const xmlChar *)"line");
	if (a && a->children && a->children->content)
		return strtoul((const char *)a->children->content, NULL, 10);
	return 0;
}

xmlHashTablePtr graph_index_ids(xmlDocPtr doc, diag *d)
{
	xmlHashTablePtr ids = xmlHashCreate(16384);
	xmlNodePtr root = xmlDocGetRootElement(doc), cur = root;
	while (cur) {
		if (cur->type == XML_ELEMENT_NODE) {
			xmlAttrPtr a = xmlHasProp(cur, (const xmlChar *)"id");
			if (a && a->children && a->children->content &&
			    xmlHashAddEntry(ids, a->children->content, cur) != 0) {
				unsigned long l;
				const char *src = where(cur, &l);
				diag_error(d, src, node_line(cur), "duplicate id %s",
				           (const char *)a->children->content);
			}
			if (cur->children) {
				cur = cur->children;
				continue;
			}
		}
		while (cur && !cur->next && cur != root)
			cur = cur->parent;
		if (!cur || cur == root)
			break;
		cur = cur->next;
	}
	return ids;
}

/* Every IDREF-like attribute names an existing id. */
static void check_refs(xmlDocPtr doc, xmlHashTablePtr ids, const char *name, diag *d)
{
	static const char *const ref_attrs[] = {"ref", "to", "from", "act", "chapter", "section"};
	xmlNodePtr root = xmlDocGetRootElement(doc), cur = root;
	while (cur) {
		if (cur->type == XML_ELEMENT_NODE) {
			int is_section_el = !xmlStrcmp(cur->name, (const xmlChar *)"section");
			for (size_t i = 0; i < sizeof ref_attrs / sizeof ref_attrs[0]; i++) {
				xmlChar *v;
				char *save = NULL, *tok;
				/* <section> elements have no section attribute; units do */
				if (is_section_el && !strcmp(ref_attrs[i], "section"))
					continue;
				v = xmlGetProp(cur, (const xmlChar *)ref_attrs[i]);
				if (!v)
					continue;
				/* a qualified id (cra:art-12.3) is another regulation's: the link
				 * stage checked it against that regulation's graph */
				for (tok = strtok_r((char *)v, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
					if (!xmlHashLookup(ids, (const xmlChar *)tok) &&
					    !(graph_is_qualified(tok, NULL) && !strcmp(ref_attrs[i], "to"))) {
						unsigned long l;
						const char *src = where(cur, &l);
						diag_error(d, src ? src : name, node_line(cur),
						           "%s=\"%s\" names no element of the graph", ref_attrs[i], tok);
					}
				xmlFree(v);
			}
			if (cur->children) {
				cur = cur->children;
				continue;
			}
		}
		while (cur && !cur->next && cur != root)
			cur = cur->parent;
		if (!cur || cur == root)
			break;
		cur = cur->next;
	}
}

int graph_check(xmlDocPtr doc, const char *rng_path, const char *name, diag *d)
{
	size_t before = d->errors;
	xmlHashTablePtr ids = graph_index_ids(doc, d);
	check_refs(doc, ids, name, d);
	xmlHashFree(ids, NULL);
	if (rng_path)
		xmlsafe_validate(doc, rng_path, name, d);
	return d->errors == before ? 0 : -1;
}
