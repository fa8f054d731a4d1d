/*
 * reload.c - a regulation's graph read back from a previous build's graph.xml
 * (reload.h). libxml2's formatted writer indents an element's children only when it has
 * no text child (then none of its subtree is indented): a newline and the indentation
 * of the child's level (two spaces a level, at most 30 levels) before each child, and
 * a newline and its own level's before the end tag. unindent undoes exactly that.
 */
#include "ingest/reload.h"

#include <errno.h>
#include <string.h>

#include "util/xmlsafe.h"

#define INDENT_MAX 30 /* libxml2's MAX_INDENT / 2: deeper levels indent as this one */

/* text is "\n" and the indentation of level */
static int is_indent(const xmlNode *t, unsigned level)
{
	const xmlChar *s = t->content;
	unsigned n = 2 * (level > INDENT_MAX ? INDENT_MAX : level);
	if (!s || s[0] != '\n')
		return 0;
	for (unsigned i = 1; i <= n; i++)
		if (s[i] != ' ')
			return 0;
	return s[n + 1] == '\0';
}

/* e (at level) has its children indented: text and other nodes alternate, from a text
 * to a text, each text the indentation of the children's level but the last (e's). */
static int indented(const xmlNode *e, unsigned level)
{
	int want_text = 1;
	const xmlNode *c = e->children;
	if (!c || !c->next)
		return 0; /* no child; or one, a text: the writer never indents that */
	for (; c; c = c->next) {
		int is_text = c->type == XML_TEXT_NODE;
		if (is_text != want_text)
			return 0;
		if (is_text && !is_indent(c, c->next ? level + 1 : level))
			return 0;
		if (!is_text && c->type != XML_ELEMENT_NODE && c->type != XML_COMMENT_NODE &&
		    c->type != XML_PI_NODE)
			return 0;
		want_text = !want_text;
	}
	return !want_text; /* ended on a text */
}

static void unindent(xmlNodePtr e, unsigned level)
{
	xmlNodePtr c, next;
	if (!indented(e, level))
		return; /* no children, or text of its own: written as it was */
	for (c = e->children; c; c = next) {
		next = c->next;
		if (c->type == XML_TEXT_NODE) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		} else if (c->type == XML_ELEMENT_NODE) {
			unindent(c, level + 1);
		}
	}
}

void reload_unindent(xmlDocPtr doc)
{
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (root)
		unindent(root, 0);
}

/* A namespace anywhere: the graph stage makes none (an attribute it named "xml:x"
 * would come back as x in the XML namespace: not the same document). */
static int has_namespace(xmlNodePtr root)
{
	xmlNodePtr n = root;
	while (n) {
		if (n->type == XML_ELEMENT_NODE) {
			if (n->ns || n->nsDef)
				return 1;
			for (xmlAttrPtr a = n->properties; a; a = a->next)
				if (a->ns)
					return 1;
		}
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n && n != root && !n->next)
			n = n->parent;
		n = n && n != root ? n->next : NULL;
	}
	return 0;
}

static int attr_is(xmlNodePtr n, const char *name, const char *want)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	int same = v ? want && !strcmp((const char *)v, want) : !want;
	xmlFree(v);
	return same;
}

int regulation_reload(regulation *r, const char *text, size_t len, const char *name, diag *d)
{
	const manifest_version *mv = regulation_version(r);
	xmlDocPtr doc = xmlsafe_read_memory(text, len, name, d);
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	xmlNodePtr edges = NULL;
	if (!doc)
		return -1;
	if (!root || root->type != XML_ELEMENT_NODE || has_namespace(root) ||
	    strcmp((const char *)root->name, "regulation") != 0 || !attr_is(root, "id", r->m.id) ||
	    !attr_is(root, "version", mv ? mv->id : NULL)) {
		diag_error(d, name, 1, "not the graph of %s%s%s", r->m.id, mv ? " version " : "",
		           mv ? mv->id : "");
		xmlFreeDoc(doc);
		return -1;
	}
	reload_unindent(doc);
	for (xmlNodePtr c = root->last; c && !edges; c = c->prev)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "edges"))
			edges = c;
	if (!edges) {
		diag_error(d, name, 1, "not a graph: no <edges>");
		xmlFreeDoc(doc);
		return -1;
	}
	/* as the graph stage's own document: no file behind it, no declared encoding */
	xmlFree((xmlChar *)doc->URL);
	doc->URL = NULL;
	xmlFree((xmlChar *)doc->encoding);
	doc->encoding = NULL;
	r->doc = doc;
	r->edges = edges;
	return 0;
}
