#include "render/package.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "render/partxml.h"
#include "util/buf.h"
#include "util/zipio.h"

static int is_pkg(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns &&
	       !strcmp((const char *)n->ns->href, PACKAGE_NS) && !strcmp((const char *)n->name, name);
}

int package_zip(xmlDocPtr pkg, time_t mtime, const char *name, char **out, size_t *len,
                diag *d)
{
	xmlNodePtr root = pkg ? xmlDocGetRootElement(pkg) : NULL;
	zipio_part *parts = NULL;
	char **data = NULL;
	xmlChar **names = NULL;
	size_t n = 0, cap = 0;
	int rc = -1;

	*out = NULL;
	*len = 0;
	if (!is_pkg(root, "package")) {
		diag_error(d, name, 0, "internal error: the template did not write a <package>");
		return -1;
	}
	for (xmlNodePtr c = root->children; c; c = c->next)
		cap += is_pkg(c, "part");
	parts = calloc(cap + 1, sizeof *parts);
	data = calloc(cap + 1, sizeof *data);
	names = calloc(cap + 1, sizeof *names);
	if (!parts || !data || !names) {
		diag_sys(d, name, "cannot make the package", ENOMEM);
		goto out;
	}
	for (xmlNodePtr c = root->children; c; c = c->next) {
		xmlNodePtr el = NULL;
		xmlChar *store;
		if (!is_pkg(c, "part"))
			continue;
		for (xmlNodePtr k = c->children; k && !el; k = k->next)
			if (k->type == XML_ELEMENT_NODE)
				el = k;
		names[n] = xmlGetProp(c, (const xmlChar *)"name");
		store = xmlGetProp(c, (const xmlChar *)"store");
		if (!names[n] || !names[n][0] || names[n][0] == '/' ||
		    strstr((const char *)names[n], "..") || strchr((const char *)names[n], '\\')) {
			xmlFree(store);
			diag_error(d, name, 0, "the template names a package part \"%s\": a part is named "
			           "by a relative path without \"..\"", names[n] ? (const char *)names[n] : "");
			n++;
			goto out;
		}
		if (el) {
			data[n] = partxml(el, &parts[n].len);
		} else {
			xmlChar *t = xmlNodeGetContent(c);
			data[n] = t ? strdup((const char *)t) : NULL;
			parts[n].len = data[n] ? strlen(data[n]) : 0;
			xmlFree(t);
		}
		parts[n].store = store && !strcmp((const char *)store, "yes");
		xmlFree(store);
		if (!data[n]) {
			diag_sys(d, name, "cannot make the package", ENOMEM);
			n++;
			goto out;
		}
		parts[n].name = (const char *)names[n];
		parts[n].data = data[n];
		n++;
	}
	rc = zipio_write_memory(parts, n, mtime, name, out, len, d);
out:
	for (size_t i = 0; i < cap; i++) {
		free(data ? data[i] : NULL);
		xmlFree(names ? names[i] : NULL);
	}
	free(parts);
	free(data);
	free(names);
	return rc;
}
