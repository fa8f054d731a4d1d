/* rversion.c - see rversion.h */
#include "assess/rversion.h"

#include <string.h>

static const char *attr(const xmlNode *n, const char *name)
{
	for (xmlAttrPtr a = n->properties; a; a = a->next)
		if (!strcmp((const char *)a->name, name) && a->children &&
		    a->children->type == XML_TEXT_NODE)
			return (const char *)a->children->content;
	return NULL;
}

int rversion_holds(const xmlNode *n, const char *version)
{
	const char *since = attr(n, "since"), *until = attr(n, "until");
	if (!version)
		return 1;
	if (since && strcmp(version, since) < 0)
		return 0;
	if (until && strcmp(version, until) > 0)
		return 0;
	return 1;
}

static void prune(xmlNodePtr n, const char *path, const char *version, diag *d)
{
	xmlNodePtr next;
	for (; n; n = next) {
		const char *since, *until;
		next = n->next;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		since = attr(n, "since");
		until = attr(n, "until");
		if ((since || until) && !version) {
			diag_error(d, path, (unsigned long)xmlGetLineNo(n),
			           "<%s> says which versions of the law it holds for (since/until), but the "
			           "graph of the regulation has no versions (manifest <versions>)",
			           (const char *)n->name);
			continue;
		}
		if (since && until && strcmp(since, until) > 0) {
			diag_error(d, path, (unsigned long)xmlGetLineNo(n),
			           "<%s since=\"%s\" until=\"%s\">: since is after until", (const char *)n->name,
			           since, until);
			continue;
		}
		if (!rversion_holds(n, version)) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
			continue;
		}
		prune(n->children, path, version, d);
		if (!strcmp((const char *)n->name, "rule")) {
			int because = 0;
			for (xmlNodePtr c = n->children; c; c = c->next)
				because += c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "because");
			if (because != 1)
				diag_error(d, path, (unsigned long)xmlGetLineNo(n),
				           "<rule id=\"%s\">: %d <because> hold for version %s; give each its "
				           "since/until so that exactly one does",
				           attr(n, "id") ? attr(n, "id") : "", because, version ? version : "(none)");
		}
	}
}

int rversion_prune(xmlDocPtr doc, const char *path, const char *version, diag *d)
{
	size_t errors = d->errors;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!root)
		return 0;
	/* the whole file: its root stays (an empty rule file), its content goes */
	if (version && (attr(root, "since") || attr(root, "until")) && !rversion_holds(root, version)) {
		xmlNodePtr c = root->children, next;
		for (; c; c = next) {
			next = c->next;
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
		return 0;
	}
	prune(root, path, version, d);
	return d->errors > errors ? -1 : 0;
}
