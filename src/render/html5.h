/*
 * html5.h - serialize an XSLT result tree as an HTML5 document.
 *
 * Owns: the bytes of every page of the site. The stylesheet builds each page as an
 * <html> tree (no namespace); this writes "<!DOCTYPE html>" and the markup with HTML5
 * rules: void elements (meta, link, br, input, ...) have no end tag, every other
 * element has one (never "<div/>"), text is escaped (& < >), attribute values are
 * double-quoted and escaped (& " < >), comments and processing instructions are
 * dropped. Content of <script> and <style> is escaped like any text (so it can never
 * become code: the templates give those elements no content). A newline follows the
 * end tag of block-level elements so that pages diff line by line; no other whitespace
 * is added. Faster than libxml2's HTML serializer and byte-stable.
 */
#ifndef REGDOC_RENDER_HTML5_H
#define REGDOC_RENDER_HTML5_H

#include <libxml/tree.h>

#include "util/buf.h"

/* Append the document whose root element is root to out. */
void html5_serialize(xmlNodePtr root, buf *out);

/* Append the children of parent (no doctype) to out, as html5_serialize writes them
 * inside parent. Returns 1 when the first child is an element (or raw markup that
 * starts with one), else 0: the newline after a container's start tag depends on it. */
int html5_serialize_children(xmlNodePtr parent, buf *out);

/* A node of doc that html5_serialize writes as html, verbatim: html must be markup this
 * serializer wrote (html5_serialize_children; element_first its return value). It is a
 * processing instruction marked through _private, which no stylesheet can set: an
 * xsl:processing-instruction, or a copy of this node, is dropped like any other.
 * NULL when out of memory. */
xmlNodePtr html5_raw_node(xmlDocPtr doc, const char *html, int element_first);

#endif
