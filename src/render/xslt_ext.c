/*
 * xslt_ext.c - regdoc's extension elements (xslt_impl.h, xslt.h): rd:page (a page
 * built apart and handed to the caller's function) and rd:cache (a fragment built once
 * per key and copied after).
 */
#include "render/xslt_impl.h"

/* The result of the templates in list (NULL: none) built in a document of its own, under
 * a root element named root_name (*root), instead of at the current place of the
 * result; NULL when out of memory. The caller frees it. */
static xmlDocPtr build_apart(xsltTransformContextPtr ctxt, xmlNodePtr node, xmlNodePtr list,
                             const char *root_name, xmlNodePtr *root)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0"), old_output;
	xmlNodePtr old_insert;
	*root = NULL;
	if (!doc)
		return NULL;
	/* the names libxslt gives result nodes come from its dictionary */
	doc->dict = ctxt->dict;
	xmlDictReference(doc->dict);
	*root = xmlNewDocNode(doc, NULL, (const xmlChar *)root_name, NULL);
	if (!*root) {
		xmlFreeDoc(doc);
		return NULL;
	}
	xmlDocSetRootElement(doc, *root);
	old_output = ctxt->output;
	old_insert = ctxt->insert;
	ctxt->output = doc;
	ctxt->insert = *root;
	if (list)
		xsltApplyOneTemplate(ctxt, node, list, NULL, NULL);
	ctxt->output = old_output;
	ctxt->insert = old_insert;
	return doc;
}

/* <rd:page href="AVT">content</rd:page>: the content is built in a document of its own
 * (under a <page> root, as xsl:document builds its result), handed to the run's page
 * function with the href, and freed: the principal result never holds the pages. */
void xslt_page_element(xsltTransformContextPtr ctxt, xmlNodePtr node, xmlNodePtr inst,
                       xsltElemPreCompPtr comp)
{
	struct run *r = ctxt ? ctxt->_private : NULL;
	xmlDocPtr doc;
	xmlNodePtr root;
	xmlChar *href;
	(void)comp;
	if (!r || !r->page_fn || ctxt->state != XSLT_STATE_OK)
		return;
	href = xsltEvalAttrValueTemplate(ctxt, inst, (const xmlChar *)"href", NULL);
	doc = build_apart(ctxt, node, inst->children, "page", &root);
	if (!doc) {
		xmlFree(href);
		xsltTransformError(ctxt, NULL, inst, "cannot allocate a page\n");
		ctxt->state = XSLT_STATE_STOPPED;
		return;
	}
	if (ctxt->state == XSLT_STATE_OK && r->sink &&
	    r->page_fn(r->page_arg, href ? (const char *)href : "", root, r->sink->d) != 0)
		ctxt->state = XSLT_STATE_STOPPED;
	xmlFreeDoc(doc);
	xmlFree(href);
}

void xslt_cache_entry_free(void *payload, const xmlChar *name)
{
	(void)name;
	free(payload);
}

/* The key of an rd:cache: its AVT compiled once, on first use (libxslt compiles the
 * attributes of literal result elements only; parsing the AVT on every call cost as
 * much as the rest of the element). */
static xmlChar *cache_key(xsltTransformContextPtr ctxt, xmlNodePtr inst)
{
	xmlAttrPtr a = xmlHasProp(inst, (const xmlChar *)"key");
	if (!a || a->type != XML_ATTRIBUTE_NODE || !a->children)
		return NULL;
	if (!a->psvi && (xmlStrchr(a->children->content, '{') || xmlStrchr(a->children->content, '}')))
		xsltCompileAttr(ctxt->style, a);
	if (a->psvi)
		return xsltEvalAVT(ctxt, a->psvi, inst);
	if (xmlStrchr(a->children->content, '{') || xmlStrchr(a->children->content, '}'))
		return xsltEvalAttrValueTemplate(ctxt, inst, (const xmlChar *)"key", NULL);
	return xmlStrdup(a->children->content);
}

/* <rd:cache key="AVT"><xsl:fallback>content</xsl:fallback></rd:cache>: the first time a
 * key comes, the content is built (in a scratch document, as rd:page builds a page) and
 * kept as the HTML html5.c writes for it; every time, that HTML goes into the result as
 * one node (html5_raw_node). Much of a site's every page is the same (head, header,
 * footer, contents sidebar): built once per transform, it costs a hash lookup a page.
 * A processor without the element runs the fallback, which is the same content. */
void xslt_cache_element(xsltTransformContextPtr ctxt, xmlNodePtr node, xmlNodePtr inst,
                        xsltElemPreCompPtr comp)
{
	struct run *r = ctxt ? ctxt->_private : NULL;
	xmlChar *key;
	char *entry;
	xmlNodePtr raw;
	(void)comp;
	if (!r || ctxt->state != XSLT_STATE_OK)
		return;
	key = cache_key(ctxt, inst);
	if (!key) {
		xsltTransformError(ctxt, NULL, inst, "rd:cache needs a key\n");
		ctxt->state = XSLT_STATE_STOPPED;
		return;
	}
	if (!r->cache)
		r->cache = xmlHashCreate(64);
	entry = r->cache ? xmlHashLookup(r->cache, key) : NULL;
	if (!entry && r->cache) {
		xmlNodePtr fb, root;
		xmlDocPtr doc;
		buf b;
		int first;
		for (fb = inst->children; fb; fb = fb->next)
			if (fb->type == XML_ELEMENT_NODE && fb->ns &&
			    xmlStrEqual(fb->ns->href, XSLT_NAMESPACE) &&
			    xmlStrEqual(fb->name, (const xmlChar *)"fallback"))
				break;
		doc = build_apart(ctxt, node, fb ? fb->children : NULL, "cache", &root);
		if (!doc) {
			xmlFree(key);
			xsltTransformError(ctxt, NULL, inst, "cannot allocate a cached fragment\n");
			ctxt->state = XSLT_STATE_STOPPED;
			return;
		}
		buf_init(&b);
		buf_putc(&b, 't');
		first = html5_serialize_children(root, &b);
		xmlFreeDoc(doc);
		if (b.oom || ctxt->state != XSLT_STATE_OK) {
			buf_free(&b);
			xmlFree(key);
			if (ctxt->state == XSLT_STATE_OK) {
				xsltTransformError(ctxt, NULL, inst, "cannot allocate a cached fragment\n");
				ctxt->state = XSLT_STATE_STOPPED;
			}
			return;
		}
		b.s[0] = first ? 'e' : 't';
		entry = b.s; /* the buffer's string, now the entry's */
		if (xmlHashAddEntry(r->cache, key, entry) != 0) {
			buf_free(&b);
			xmlFree(key);
			xsltTransformError(ctxt, NULL, inst, "cannot allocate a cached fragment\n");
			ctxt->state = XSLT_STATE_STOPPED;
			return;
		}
	}
	xmlFree(key);
	if (!entry) {
		xsltTransformError(ctxt, NULL, inst, "cannot allocate a cached fragment\n");
		ctxt->state = XSLT_STATE_STOPPED;
		return;
	}
	if (!entry[1])
		return; /* no content: no node, as the content would have added none */
	raw = html5_raw_node(ctxt->output, entry + 1, entry[0] == 'e');
	if (!raw || !xmlAddChild(ctxt->insert, raw)) {
		xmlFreeNode(raw);
		xsltTransformError(ctxt, NULL, inst, "cannot allocate a cached fragment\n");
		ctxt->state = XSLT_STATE_STOPPED;
	}
}
