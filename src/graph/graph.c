/*
 * graph.c - serialising the graph. libxml2 writes attributes in creation order and
 * children in document order, so the bytes depend on the input only.
 */
#include <errno.h>
#include <libxml/xmlsave.h>
#include <string.h>

#include "graph/graph.h"

int graph_write(xmlDocPtr doc, const char *path, diag *d)
{
	xmlSaveCtxtPtr save;
	int rc;
	if (!strcmp(path, "-"))
		save = xmlSaveToFd(1, "UTF-8", XML_SAVE_FORMAT);
	else
		save = xmlSaveToFilename(path, "UTF-8", XML_SAVE_FORMAT);
	if (!save) {
		diag_sys(d, path, "cannot write", errno ? errno : EIO);
		return -1;
	}
	rc = xmlSaveDoc(save, doc) < 0 ? -1 : 0;
	if (xmlSaveClose(save) < 0 || rc != 0) {
		diag_sys(d, path, "cannot write", errno ? errno : EIO);
		return -1;
	}
	return 0;
}

xmlNodePtr graph_walk_next(const xmlNode *root, xmlNodePtr cur, int descend)
{
	if (descend && cur->type == XML_ELEMENT_NODE && cur->children)
		return cur->children;
	while (cur && cur != root && !cur->next)
		cur = cur->parent;
	return !cur || cur == root ? NULL : cur->next;
}

void graph_insert_after(xmlNodePtr anchor, xmlNodePtr node)
{
	node->parent = anchor->parent;
	node->doc = anchor->doc;
	node->prev = anchor;
	node->next = anchor->next;
	if (anchor->next)
		anchor->next->prev = node;
	else if (anchor->parent)
		anchor->parent->last = node;
	anchor->next = node;
}
