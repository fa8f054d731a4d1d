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

#endif
