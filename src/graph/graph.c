/*
 * graph.c - serialising the graph. libxml2 writes attributes in creation order and
 * children in document order, so the bytes depend on the input only.
 */
#include <errno.h>
#include <libxml/xmlsave.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "graph/graph.h"
#include "util/fsio.h"

xmlBufferPtr graph_serialize(xmlDocPtr doc)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlSaveCtxtPtr save = b ? xmlSaveToBuffer(b, "UTF-8", XML_SAVE_FORMAT) : NULL;
	int rc = save ? xmlSaveDoc(save, doc) : -1;
	if (save && xmlSaveClose(save) < 0)
		rc = -1;
	if (rc < 0 && b) {
		xmlBufferFree(b);
		b = NULL;
	}
	return b;
}

/* Serialised in memory, then written by regdoc (fsio_write_file, or a loop on standard
 * output): a write error (a full disk, a closed pipe) is regdoc's diagnostic naming the
 * file, never libxml2's "I/O error" without one. */
int graph_write(xmlDocPtr doc, const char *path, diag *d)
{
	xmlBufferPtr b = graph_serialize(doc);
	int rc;
	if (!b) {
		diag_sys(d, path, "cannot serialise the graph", ENOMEM);
		return -1;
	}
	if (strcmp(path, "-") != 0) {
		rc = fsio_write_file(path, xmlBufferContent(b), (size_t)xmlBufferLength(b), 0, d);
	} else {
		fflush(stdout);
		rc = fsio_write_all(1, xmlBufferContent(b), (size_t)xmlBufferLength(b));
		if (rc != 0)
			diag_sys(d, "standard output", "cannot write", errno);
	}
	xmlBufferFree(b);
	return rc;
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
