/*
 * fuzz_inert.h - what the fuzz targets check of the output regdoc writes (issue 18):
 * XML is well-formed (parsed back, strictly), HTML is inert (no script the site did not
 * ship, no event handler, no javascript:/data:/vbscript: URL), and Markdown rendered by
 * cmark (raw HTML kept, as a permissive renderer would) is inert the same way and holds
 * no tag Markdown itself does not make. A breach aborts, so the fuzzer reports it.
 */
#ifndef REGDOC_FUZZ_INERT_H
#define REGDOC_FUZZ_INERT_H

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

/* http:, https:, mailto: or no scheme (relative), as url_is_safe in page.c. */
static inline int fuzz_url_ok(const xmlChar *u)
{
	const char *s = (const char *)u;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f')
		s++;
	for (const char *p = s; *p && *p != '/' && *p != '?' && *p != '#'; p++)
		if (*p == ':')
			return (p - s == 4 && !strncasecmp(s, "http", 4)) ||
			       (p - s == 5 && !strncasecmp(s, "https", 5)) ||
			       (p - s == 6 && !strncasecmp(s, "mailto", 6));
	return 1;
}

/* The tags cmark makes from Markdown syntax (and libxml2's HTML parser adds). */
static inline int fuzz_md_tag(const char *name)
{
	static const char *const tags[] = {"html", "body", "p", "h1", "h2", "h3", "h4", "h5",
	                                   "h6", "ul", "ol", "li", "em", "strong", "code", "pre",
	                                   "a", "img", "blockquote", "hr", "br", NULL};
	for (size_t i = 0; tags[i]; i++)
		if (!strcasecmp(name, tags[i]))
			return 1;
	return 0;
}

/* md: the tree came from rendered Markdown, where only fuzz_md_tag tags may appear. */
static inline void fuzz_check_inert(xmlNodePtr n, int md)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (md && !fuzz_md_tag((const char *)n->name))
			abort(); /* raw HTML got through the Markdown escaping */
		if (!strcasecmp((const char *)n->name, "script")) {
			xmlChar *src = xmlGetProp(n, (const xmlChar *)"src");
			int own = src && (!strcmp((const char *)src, "search-index.js") ||
			                  !strncmp((const char *)src, "static/", 7));
			xmlFree(src);
			if (!own || (n->children && n->children->content && n->children->content[0]))
				abort(); /* a script the site did not ship */
		}
		for (xmlAttrPtr a = n->properties; a; a = a->next) {
			const char *name = (const char *)a->name;
			if ((name[0] == 'o' || name[0] == 'O') && (name[1] == 'n' || name[1] == 'N'))
				abort(); /* an event handler */
			if (!strcasecmp(name, "href") || !strcasecmp(name, "src") ||
			    !strcasecmp(name, "action") || !strcasecmp(name, "formaction")) {
				xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
				int ok = !v || fuzz_url_ok(v);
				xmlFree(v);
				if (!ok)
					abort(); /* javascript:, data:, vbscript: ... */
			}
		}
		fuzz_check_inert(n->children, md);
	}
}

static inline void fuzz_check_html(const char *s, size_t len, int md)
{
	htmlDocPtr html;
	if (!len)
		return;
	html = htmlReadMemory(s, (int)len, "fuzz.html", "UTF-8",
	                      HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	if (!html)
		abort();
	fuzz_check_inert(xmlDocGetRootElement(html), md);
	xmlFreeDoc(html);
}

static inline void fuzz_check_markdown(const char *s, size_t len)
{
	char *html = cmark_markdown_to_html(s, len, CMARK_OPT_UNSAFE);
	if (!html)
		abort();
	fuzz_check_html(html, strlen(html), 1);
	free(html);
}

/* Well-formed XML: parsed back without recovery; anything else aborts. */
static inline void fuzz_check_xml(const char *s, size_t len, const char *name)
{
	xmlParserCtxtPtr pc = xmlNewParserCtxt();
	xmlDocPtr doc;
	int ok;
	if (!pc)
		abort();
	doc = xmlCtxtReadMemory(pc, s, (int)len, name, NULL,
	                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
	ok = doc && pc->wellFormed;
	if (doc)
		xmlFreeDoc(doc);
	xmlFreeParserCtxt(pc);
	if (!ok)
		abort(); /* regdoc wrote XML that is not well-formed */
}

#endif
