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

static int is_suggests(xmlNodePtr e)
{
	xmlAttrPtr a = xmlHasProp(e, (const xmlChar *)"kind");
	return a && a->children && a->children->content &&
	       !xmlStrcmp(a->children->content, (const xmlChar *)"suggests");
}

size_t graph_print_links(xmlDocPtr doc, const char *id, FILE *out)
{
	return graph_print_links_q(doc, id, NULL, out);
}

/* id with the qualifier in front unless it is qualified already or an act's. */
static void print_id(const char *qual, const char *id, FILE *out)
{
	if (qual && !graph_is_qualified(id, NULL) && strncmp(id, "ext:", 4) != 0)
		fprintf(out, "%s:", qual);
	fputs(id, out);
}

size_t graph_print_links_q(xmlDocPtr doc, const char *id, const char *qual, FILE *out)
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
		if (is_suggests(e)) /* computed: graph_print_suggested, on request only */
			continue;
		from = xmlGetProp(e, (const xmlChar *)"from");
		to = xmlGetProp(e, (const xmlChar *)"to");
		if (covers(id, (const char *)from) || covers(id, (const char *)to)) {
			kind = xmlGetProp(e, (const xmlChar *)"kind");
			src = xmlGetProp(e, (const xmlChar *)"src");
			line = xmlGetProp(e, (const xmlChar *)"line");
			fprintf(out, "%s\t", (const char *)kind);
			print_id(qual, (const char *)from, out);
			fputc('\t', out);
			print_id(qual, (const char *)to, out);
			fprintf(out, "\t%s:%s", src ? (const char *)src : "", line ? (const char *)line : "0");
			{
				/* amends: what the provision did (replaced, inserted, deleted), a fifth field */
				xmlChar *action = xmlGetProp(e, (const xmlChar *)"action");
				if (action)
					fprintf(out, "\t%s", (const char *)action);
				xmlFree(action);
			}
			fputc('\n', out);
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

size_t graph_print_suggested(xmlDocPtr doc, const char *id, FILE *out)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), edges = NULL;
	size_t printed = 0;
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !xmlStrcmp(c->name, (const xmlChar *)"edges"))
			edges = c;
	for (xmlNodePtr e = edges ? edges->children : NULL; e; e = e->next) {
		xmlChar *from, *to;
		if (e->type != XML_ELEMENT_NODE || !is_suggests(e))
			continue;
		from = xmlGetProp(e, (const xmlChar *)"from");
		to = xmlGetProp(e, (const xmlChar *)"to");
		if (covers(id, (const char *)from) || covers(id, (const char *)to)) {
			xmlChar *src = xmlGetProp(e, (const xmlChar *)"src");
			xmlChar *line = xmlGetProp(e, (const xmlChar *)"line");
			xmlChar *score = xmlGetProp(e, (const xmlChar *)"score");
			xmlChar *ev = xmlGetProp(e, (const xmlChar *)"evidence");
			fprintf(out, "suggests\t%s\t%s\t%s:%s\t%s\t%s\n", (const char *)from,
			        (const char *)to, src ? (const char *)src : "",
			        line ? (const char *)line : "0", score ? (const char *)score : "",
			        ev ? (const char *)ev : "");
			printed++;
			xmlFree(src);
			xmlFree(line);
			xmlFree(score);
			xmlFree(ev);
		}
		xmlFree(from);
		xmlFree(to);
	}
	return printed;
}
