#include "render/html5.h"

#include <string.h>

static int in_list(const xmlChar *name, const char *const *list)
{
	size_t i;
	for (i = 0; list[i]; i++)
		if (list[i][0] == (char)name[0] && strcmp((const char *)name, list[i]) == 0)
			return 1;
	return 0;
}

static const char *const void_elements[] = {"area", "base", "br", "col", "embed", "hr", "img",
                                            "input", "link", "meta", "source", "track",
                                            "wbr", NULL};

/* Elements after whose end tag (or, for void ones, start tag) a newline is written. */
static const char *const block_elements[] = {
	"html", "head", "body", "title", "meta", "link", "script", "style", "header", "footer",
	"main", "nav", "aside", "article", "section", "div", "p", "ul", "ol", "li", "dl", "dt",
	"dd", "h1", "h2", "h3", "h4", "h5", "h6", "form", "table", "tr", "blockquote", "noscript",
	"details", "summary", "figure", "hr", NULL};

/* Elements after whose start tag a newline is written when their first child is an
 * element. */
static const char *const container_elements[] = {
	"html", "head", "body", "header", "footer", "main", "nav", "aside", "article", "section",
	"div", "ul", "ol", "dl", "form", "table", "noscript", "details", NULL};

static void put_escaped(buf *b, const xmlChar *s, int attr)
{
	const char *p = (const char *)s;
	const char *stops = attr ? "&<>\"" : "&<>";
	if (!s)
		return;
	for (;;) {
		size_t n = strcspn(p, stops);
		if (n)
			buf_append(b, p, n);
		p += n;
		switch (*p) {
		case '\0': return;
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		default: buf_puts(b, "&quot;"); break;
		}
		p++;
	}
}

static void put_name(buf *b, const xmlChar *prefix, const xmlChar *name)
{
	if (prefix) {
		buf_puts(b, (const char *)prefix);
		buf_putc(b, ':');
	}
	buf_puts(b, (const char *)name);
}

static void put_node(buf *b, xmlNodePtr n, int depth);

/* The marks of html5_raw_node (their addresses only): markup that starts with an
 * element, or with text. */
static const char raw_element_first, raw_text_first;

static int is_raw(xmlNodePtr n)
{
	return n->type == XML_PI_NODE &&
	       (n->_private == (void *)&raw_element_first || n->_private == (void *)&raw_text_first);
}

/* An element, or raw markup that starts with one. */
static int starts_with_element(xmlNodePtr n)
{
	return n->type == XML_ELEMENT_NODE || (is_raw(n) && n->_private == (void *)&raw_element_first);
}

static void put_children(buf *b, xmlNodePtr n, int depth)
{
	xmlNodePtr c;
	for (c = n->children; c; c = c->next)
		put_node(b, c, depth + 1);
}

static void put_element(buf *b, xmlNodePtr n, int depth)
{
	xmlAttrPtr a;
	int is_void = in_list(n->name, void_elements);
	int is_block = in_list(n->name, block_elements);

	buf_putc(b, '<');
	put_name(b, n->ns ? n->ns->prefix : NULL, n->name);
	for (a = n->properties; a; a = a->next) {
		buf_putc(b, ' ');
		put_name(b, a->ns ? a->ns->prefix : NULL, a->name);
		buf_puts(b, "=\"");
		if (a->children && !a->children->next && a->children->type == XML_TEXT_NODE) {
			put_escaped(b, a->children->content, 1);
		} else {
			/* inLine = 1: the raw value, not entity-encoded */
			xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
			put_escaped(b, v, 1);
			xmlFree(v);
		}
		buf_putc(b, '"');
	}
	buf_putc(b, '>');
	if (is_void) {
		if (is_block)
			buf_putc(b, '\n');
		return;
	}
	if (n->children && starts_with_element(n->children) &&
	    in_list(n->name, container_elements))
		buf_putc(b, '\n');
	if (depth < 256)
		put_children(b, n, depth);
	buf_puts(b, "</");
	put_name(b, n->ns ? n->ns->prefix : NULL, n->name);
	buf_putc(b, '>');
	if (is_block)
		buf_putc(b, '\n');
}

static void put_node(buf *b, xmlNodePtr n, int depth)
{
	switch (n->type) {
	case XML_ELEMENT_NODE:
		put_element(b, n, depth);
		break;
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		put_escaped(b, n->content, 0);
		break;
	case XML_ENTITY_REF_NODE: {
		xmlChar *s = xmlNodeGetContent(n);
		put_escaped(b, s, 0);
		xmlFree(s);
		break;
	}
	case XML_DOCUMENT_FRAG_NODE:
		put_children(b, n, depth);
		break;
	case XML_PI_NODE:
		if (is_raw(n))
			buf_puts(b, (const char *)n->content);
		break;
	default: /* comments, processing instructions, DTD nodes: dropped */
		break;
	}
}

void html5_serialize(xmlNodePtr root, buf *out)
{
	buf_puts(out, "<!DOCTYPE html>\n");
	if (root)
		put_node(out, root, 0);
}

int html5_serialize_children(xmlNodePtr parent, buf *out)
{
	/* what a container's start tag looks at is its first child node, written or not */
	put_children(out, parent, 0);
	return parent->children && starts_with_element(parent->children);
}

xmlNodePtr html5_raw_node(xmlDocPtr doc, const char *html, int element_first)
{
	xmlNodePtr n = xmlNewDocPI(doc, BAD_CAST "regdoc-cached", BAD_CAST html);
	if (n)
		n->_private = (void *)(element_first ? &raw_element_first : &raw_text_first);
	return n;
}
