/*
 * links.c - "regdoc links": the edges into and out of an element, including the
 * elements inside it (art-43 covers art-43.1.a).
 */
#include <string.h>

#include "graph/graph.h"

static int covers(const char *id, const char *x)
{
	size_t n = strlen(id);
	return x && !strncmp(x, id, n) && (x[n] == '\0' || x[n] == '.');
}

size_t graph_print_links(xmlDocPtr doc, const char *id, FILE *out)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), edges = NULL;
	size_t printed = 0;
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !xmlStrcmp(c->name, (const xmlChar *)"edges"))
			edges = c;
	for (xmlNodePtr e = edges ? edges->children : NULL; e; e = e->next) {
		xmlChar *kind, *from, *to, *src, *line;
		if (e->type != XML_ELEMENT_NODE)
			continue;
		from = xmlGetProp(e, (const xmlChar *)"from");
		to = xmlGetProp(e, (const xmlChar *)"to");
		if (covers(id, (const char *)from) || covers(id, (const char *)to)) {
			kind = xmlGetProp(e, (const xmlChar *)"kind");
			src = xmlGetProp(e, (const xmlChar *)"src");
			line = xmlGetProp(e, (const xmlChar *)"line");
			fprintf(out, "%s\t%s\t%s\t%s:%s\n", (const char *)kind, (const char *)from,
			        (const char *)to, src ? (const char *)src : "", line ? (const char *)line : "0");
			printed++;
			xmlFree(kind);
			xmlFree(src);
			xmlFree(line);
		}
		xmlFree(from);
		xmlFree(to);
	}
	return printed;
}
