/*
 * site_versions.c - the versions document a site reads (templates/schema/site-versions.rng,
 * doc/site.md "Versions"): for each regulation with several versions, every version with
 * its date, label, source, where its pages are (href from the site's root: "" for the
 * version at the root, "v/<id>/" for the others) and where the stylesheet reads its
 * graph and its changes from the version before (in-memory URIs the caller registers).
 */
#include "render/site.h"

#include <stdio.h>
#include <string.h>

xmlDocPtr site_versions_new(void)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root = doc ? xmlNewNode(NULL, (const xmlChar *)"versions") : NULL;
	if (!root) {
		xmlFreeDoc(doc);
		return NULL;
	}
	xmlDocSetRootElement(doc, root);
	return doc;
}

static int set(xmlNodePtr n, const char *name, const char *value)
{
	return !value || !value[0] || xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)value) ? 0 : -1;
}

int site_versions_add(xmlDocPtr doc, const char *reg, const site_version *v, size_t n,
                      size_t root, const char *history_uri)
{
	xmlNodePtr r = xmlNewChild(xmlDocGetRootElement(doc), NULL, (const xmlChar *)"regulation", NULL);
	int rc = 0;
	if (!r || set(r, "id", reg) != 0 || root >= n || set(r, "root", v[root].id) != 0 ||
	    set(r, "history", history_uri) != 0)
		return -1;
	for (size_t k = 0; k < n && rc == 0; k++) {
		xmlNodePtr e = xmlNewChild(r, NULL, (const xmlChar *)"version", NULL);
		char href[128];
		if (k == root)
			href[0] = '\0';
		else if ((size_t)snprintf(href, sizeof href, "v/%s/", v[k].id) >= sizeof href)
			return -1;
		rc = !e || set(e, "id", v[k].id) || set(e, "applies-from", v[k].applies_from) ||
		             set(e, "label", v[k].label) || set(e, "celex", v[k].celex) ||
		             set(e, "amended-by", v[k].amended_by) || set(e, "href", href) ||
		             set(e, "graph", v[k].graph_uri) || set(e, "changes", v[k].changes_uri)
		         ? -1
		         : 0;
	}
	return rc;
}
