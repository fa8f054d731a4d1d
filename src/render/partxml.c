#include "render/partxml.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/xmlsave.h>

#include "graph/graph.h"

/* The bytes of buffer b as a new NUL-terminated string, or NULL. */
static char *take(xmlBufferPtr b, size_t *len)
{
	char *res;
	*len = (size_t)xmlBufferLength(b);
	res = malloc(*len + 1);
	if (res) {
		memcpy(res, xmlBufferContent(b), *len);
		res[*len] = '\0';
	}
	return res;
}

char *partxml_copied(xmlNodePtr el, size_t *len)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr copy = doc ? xmlDocCopyNode(el, doc, 1) : NULL;
	xmlBufferPtr b = xmlBufferCreate();
	xmlSaveCtxtPtr s;
	char *res = NULL;
	if (!copy || !b)
		goto out;
	xmlDocSetRootElement(doc, copy);
	xmlReconciliateNs(doc, copy);
	s = xmlSaveToBuffer(b, "UTF-8", 0);
	if (!s)
		goto out;
	xmlSaveDoc(s, doc);
	if (xmlSaveClose(s) < 0)
		goto out;
	res = take(b, len);
out:
	if (b)
		xmlBufferFree(b);
	if (doc)
		xmlFreeDoc(doc);
	return res;
}

/* ---- in place ------------------------------------------------------------------ */

/* The namespaces the copy ends with on its root besides el's own, in the order they
 * come: first those xmlDocCopyNode declares there (the declarations of el's ancestors
 * that its subtree uses), then those xmlReconciliateNs does (every other namespace the
 * subtree uses and the root does not declare); and whether the subtree is plain
 * enough for the in-place writing to be the copy's bytes. */
typedef struct nsuse {
	xmlNsPtr *add; /* declarations outside el (not owned) */
	size_t n, cap;
	int plain;
	xmlNsPtr at_root[8]; /* declarations whose name the root has (use_root), recent */
	size_t next;
} nsuse;

static int same(const xmlChar *a, const xmlChar *b)
{
	return a == b || (a && b && !strcmp((const char *)a, (const char *)b));
}

static void add(nsuse *u, xmlNsPtr ns)
{
	if (u->n == u->cap) {
		size_t ncap = u->cap ? 2 * u->cap : 8;
		xmlNsPtr *nv = realloc(u->add, ncap * sizeof *nv);
		if (!nv) {
			u->plain = 0;
			return;
		}
		u->add = nv;
		u->cap = ncap;
	}
	u->add[u->n++] = ns;
}

/* prefix declared on node or an ancestor up to el (inclusive)? */
static xmlNsPtr in_subtree(xmlNodePtr node, xmlNodePtr el, const xmlChar *prefix)
{
	for (xmlNodePtr n = node;; n = n->parent) {
		for (xmlNsPtr ns = n->type == XML_ELEMENT_NODE ? n->nsDef : NULL; ns; ns = ns->next)
			if (same(ns->prefix, prefix))
				return ns;
		if (n == el || !n->parent)
			return NULL;
	}
}

/* One use of ns (by an element or an attribute at node): declared inside, or added. */
static void use(nsuse *u, xmlNodePtr node, xmlNodePtr el, xmlNsPtr ns)
{
	xmlNsPtr found;
	if (!u->plain || !ns)
		return;
	for (size_t i = 0; i < u->n; i++)
		if (u->add[i] == ns)
			return; /* added before: the copy finds it under its prefix again */
	if (ns->prefix && !strcmp((const char *)ns->prefix, "xml"))
		return; /* the document's own, declared nowhere */
	found = in_subtree(node, el, ns->prefix);
	for (size_t i = 0; !found && i < u->n; i++)
		if (same(u->add[i]->prefix, ns->prefix))
			found = u->add[i];
	if (!found) {
		found = xmlSearchNs(node->doc, node, ns->prefix);
		if (!found) {
			u->plain = 0; /* not declared at all: the copy's own way */
			return;
		}
		add(u, found);
	}
	if (!same(found->href, ns->href))
		u->plain = 0; /* a prefix bound to another name here */
}

/* One use of ns as xmlReconciliateNs sees it after the copy: a namespace not declared
 * on the root (by its name) is declared there, under its prefix (under one_to_one that
 * prefix is free there); a default namespace would get a made-up prefix. */
static void use_root(nsuse *u, xmlNodePtr el, xmlNsPtr ns)
{
	if (!u->plain || !ns)
		return;
	for (size_t i = 0; i < sizeof u->at_root / sizeof *u->at_root; i++)
		if (u->at_root[i] == ns)
			return; /* seen: the root only gains declarations */
	if (ns->prefix && !strcmp((const char *)ns->prefix, "xml"))
		return;
	u->at_root[u->next++ % (sizeof u->at_root / sizeof *u->at_root)] = ns;
	for (xmlNsPtr d = el->nsDef; d; d = d->next)
		if (same(d->href, ns->href))
			return;
	for (size_t i = 0; i < u->n; i++)
		if (same(u->add[i]->href, ns->href))
			return;
	if (!ns->prefix)
		u->plain = 0;
	else
		add(u, ns);
}

/* Walk el's subtree in the order the copy and xmlReconciliateNs do (the element's
 * namespace, its attributes', then the children; graph_walk_next, without recursion):
 * pass 0 as the copy, 1 as xmlReconciliateNs. */
static void walk(nsuse *u, xmlNodePtr el, int pass)
{
	for (xmlNodePtr n = el; n && u->plain; n = graph_walk_next(el, n, 1)) {
		if (n->type == XML_ELEMENT_NODE) {
			if (pass)
				use_root(u, el, n->ns);
			else
				use(u, n, el, n->ns);
			for (xmlAttrPtr a = n->properties; a; a = a->next) {
				if (a->ns && !a->ns->prefix)
					u->plain = 0; /* an attribute in a default namespace */
				if (pass)
					use_root(u, el, a->ns);
				else
					use(u, n, el, a->ns);
			}
		} else if (n->type == XML_ENTITY_REF_NODE || n->type == XML_XINCLUDE_START ||
		           n->type == XML_XINCLUDE_END || n->type == XML_DTD_NODE) {
			u->plain = 0;
		}
	}
}

/* Every declaration the document will carry (inside el's subtree, and the added ones)
 * binds a prefix to one name and a name to one prefix: then xmlReconciliateNs changes
 * nothing in the copy. */
static int one_to_one(const nsuse *u, xmlNodePtr el)
{
	xmlNsPtr *all = NULL;
	size_t n = 0, cap = 0;
	int ok = 1;
	for (size_t i = 0; i < u->n; i++) {
		if (n == cap) {
			size_t ncap = cap ? 2 * cap : 16;
			xmlNsPtr *nv = realloc(all, ncap * sizeof *nv);
			if (!nv) {
				free(all);
				return 0;
			}
			all = nv;
			cap = ncap;
		}
		all[n++] = u->add[i];
	}
	for (xmlNodePtr c = el; c && ok; c = graph_walk_next(el, c, 1)) {
		for (xmlNsPtr ns = c->type == XML_ELEMENT_NODE ? c->nsDef : NULL; ns && ok; ns = ns->next) {
			for (size_t i = 0; i < n && ok; i++)
				if (same(all[i]->prefix, ns->prefix) != same(all[i]->href, ns->href))
					ok = 0;
			if (n == cap) {
				size_t ncap = cap ? 2 * cap : 16;
				xmlNsPtr *nv = realloc(all, ncap * sizeof *nv);
				if (!nv) {
					ok = 0;
					break;
				}
				all = nv;
				cap = ncap;
			}
			all[n++] = ns;
		}
	}
	free(all);
	return ok;
}

/* u for el; 1 when el can be written in place. */
static int plan(nsuse *u, xmlNodePtr el)
{
	memset(u, 0, sizeof *u);
	u->plain = el && el->type == XML_ELEMENT_NODE && el->doc &&
	           el->doc->type == XML_DOCUMENT_NODE;
	if (u->plain)
		walk(u, el, 0);
	if (u->plain)
		walk(u, el, 1);
	return u->plain && one_to_one(u, el);
}

int partxml_in_place(xmlNodePtr el)
{
	nsuse u;
	int r = plan(&u, el);
	free(u.add);
	return r;
}

char *partxml(xmlNodePtr el, size_t *len)
{
	nsuse u;
	xmlNsPtr last = NULL, first_added = NULL;
	xmlBufferPtr b = NULL;
	xmlSaveCtxtPtr s = NULL;
	const xmlChar *enc;
	char *res = NULL;
	int ok = 0;

	if (!plan(&u, el)) {
		free(u.add);
		return partxml_copied(el, len);
	}
	/* the declarations the copy would add at its root, appended to el's own for the
	 * time of the writing */
	for (last = el->nsDef; last && last->next; last = last->next)
		;
	for (size_t i = 0; i < u.n; i++) {
		xmlNsPtr ns = calloc(1, sizeof *ns);
		if (!ns)
			goto out;
		ns->type = XML_NAMESPACE_DECL;
		ns->href = u.add[i]->href;
		ns->prefix = u.add[i]->prefix;
		if (!first_added)
			first_added = ns;
		if (last)
			last->next = ns;
		else
			el->nsDef = ns;
		last = ns;
	}
	b = xmlBufferCreate();
	s = b ? xmlSaveToBuffer(b, "UTF-8", 0) : NULL;
	if (!s)
		goto out;
	/* as xmlSaveDoc writes a document whose root is el: its declaration, the element
	 * (attributes escaped as in a document in UTF-8), a newline */
	enc = el->doc->encoding;
	el->doc->encoding = (const xmlChar *)"UTF-8";
	xmlBufferCCat(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	xmlSaveTree(s, el);
	ok = xmlSaveFlush(s) >= 0;
	el->doc->encoding = enc;
	if (xmlSaveClose(s) < 0)
		ok = 0;
	s = NULL;
	if (ok) {
		xmlBufferCCat(b, "\n");
		res = take(b, len);
	}
out:
	if (s)
		xmlSaveClose(s);
	if (b)
		xmlBufferFree(b);
	/* el as it was */
	if (first_added) {
		xmlNsPtr *p = &el->nsDef;
		while (*p != first_added)
			p = &(*p)->next;
		*p = NULL;
		while (first_added) {
			xmlNsPtr nx = first_added->next;
			free(first_added);
			first_added = nx;
		}
	}
	free(u.add);
	return res;
}
