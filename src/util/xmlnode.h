/*
 * xmlnode.h - reading a tree's elements and attributes in place (no copies).
 *
 * Owns: the element-name test, the attribute read and the child lookup that the
 * graph's readers share (src/graph, src/link). Meant for trees regdoc builds, or
 * parses through util/xmlsafe (no DTD, no entities): there an attribute's value is
 * its one text child, read where it is. Inline: the scorer calls them per node.
 */
#ifndef REGDOC_XMLNODE_H
#define REGDOC_XMLNODE_H

#include <string.h>

#include <libxml/tree.h>

/* 1 when n is an element named name (namespaces aside: the graph has none). */
static inline int xmlnode_is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->name[0] == (unsigned char)name[0] &&
	       !strcmp((const char *)n->name, name);
}

/* The value of attribute a read in place: its one text child's content; NULL when a
 * is NULL or its value is not one text node. */
static inline const char *xmlnode_attr_value(const xmlAttr *a)
{
	return a && a->children && a->children->type == XML_TEXT_NODE && !a->children->next
	           ? (const char *)a->children->content
	           : NULL;
}

/* The value of element n's attribute name (the first of that name, whatever its
 * namespace, as xmlHasProp finds it) read in place; NULL when n has none or its value
 * is not one text node. */
static inline const char *xmlnode_attr(const xmlNode *n, const char *name)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (a->name[0] == (unsigned char)name[0] && !strcmp((const char *)a->name, name))
			return xmlnode_attr_value(a);
	return NULL;
}

/* The first child element of n named name, or NULL (n may be NULL). */
static inline xmlNodePtr xmlnode_child(const xmlNode *n, const char *name)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (xmlnode_is(c, name))
			return c;
	return NULL;
}

#endif
