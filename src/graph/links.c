/*
 * links.c - "regdoc links": the edges into and out of an element, including the
 * elements inside it (art-43 covers art-43.1.a).
 */
#include <string.h>

#include "graph/graph.h"
#include "util/xmlnode.h"

static int covers(const char *id, const char *x)
{
	size_t n = strlen(id);
	return x && !strncmp(x, id, n) && (x[n] == '\0' || x[n] == '.');
}

static int is_suggests(xmlNodePtr e)
{
	const char *kind = xmlnode_attr(e, "kind");
	return kind && !strcmp(kind, "suggests");
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

/* The edge after e (from the first when e is NULL) in root's <edges> with from or to
 * covered by id: a computed one (suggests) when suggests is set, else any other. The
 * one walk of both listings; NULL after the last. */
static xmlNodePtr next_edge(xmlNodePtr root, xmlNodePtr e, const char *id, int suggests)
{
	xmlNodePtr edges = e ? NULL : xmlnode_child(root, "edges");
	for (e = e ? e->next : edges ? edges->children : NULL; e; e = e->next) {
		if (e->type != XML_ELEMENT_NODE || is_suggests(e) != suggests)
			continue;
		if (covers(id, xmlnode_attr(e, "from")) || covers(id, xmlnode_attr(e, "to")))
			return e;
	}
	return NULL;
}

/* An attribute's value, or dflt when e has none. */
static const char *attr_or(xmlNodePtr e, const char *name, const char *dflt)
{
	const char *v = xmlnode_attr(e, name);
	return v ? v : dflt;
}

size_t graph_print_links_q(xmlDocPtr doc, const char *id, const char *qual, FILE *out)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	size_t printed = 0;
	/* computed edges: graph_print_suggested, on request only */
	for (xmlNodePtr e = next_edge(root, NULL, id, 0); e; e = next_edge(root, e, id, 0)) {
		fprintf(out, "%s\t", xmlnode_attr(e, "kind"));
		print_id(qual, xmlnode_attr(e, "from"), out);
		fputc('\t', out);
		print_id(qual, xmlnode_attr(e, "to"), out);
		fprintf(out, "\t%s:%s", attr_or(e, "src", ""), attr_or(e, "line", "0"));
		/* amends: what the provision did (replaced, inserted, deleted), a fifth field */
		if (xmlnode_attr(e, "action"))
			fprintf(out, "\t%s", xmlnode_attr(e, "action"));
		fputc('\n', out);
		printed++;
	}
	return printed;
}

size_t graph_print_suggested(xmlDocPtr doc, const char *id, FILE *out)
{
	return graph_print_suggested_q(doc, id, NULL, out);
}

size_t graph_print_suggested_q(xmlDocPtr doc, const char *id, const char *qual, FILE *out)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	size_t printed = 0;
	for (xmlNodePtr e = next_edge(root, NULL, id, 1); e; e = next_edge(root, e, id, 1)) {
		fputs("suggests\t", out);
		print_id(qual, xmlnode_attr(e, "from"), out);
		fputc('\t', out);
		print_id(qual, xmlnode_attr(e, "to"), out);
		fprintf(out, "\t%s:%s\t%s\t%s\n", attr_or(e, "src", ""), attr_or(e, "line", "0"),
		        attr_or(e, "score", ""), attr_or(e, "evidence", ""));
		printed++;
	}
	return printed;
}
