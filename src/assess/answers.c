#include "assess/answers.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

char *answers_path_for(const char *product_path)
{
	size_t n = strlen(product_path);
	buf b;
	buf_init(&b);
	if (n > 4 && !strcmp(product_path + n - 4, ".xml"))
		n -= 4;
	buf_append(&b, product_path, n);
	buf_puts(&b, ".answers.xml");
	if (b.oom) {
		buf_free(&b);
		return NULL;
	}
	return b.s;
}

int answers_is_answers_file(const char *name)
{
	size_t n = strlen(name), k = strlen(".answers.xml");
	return n > k && !strcmp(name + n - k, ".answers.xml");
}

xmlDocPtr answers_load(const char *path, const char *rng, xmlsafe_schemas *c, diag *d)
{
	xmlDocPtr doc = xmlsafe_read_file(path, d);
	if (doc && xmlsafe_validate_cached(c, doc, rng, path, d) != 0) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	return doc;
}

static int is_el(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static xmlNodePtr child_el(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (is_el(c, name))
			return c;
	return NULL;
}

/* 1 when an attribute of n equals v (an absent attribute equals "") */
static int attr_is(xmlNodePtr n, const char *name, const char *v)
{
	xmlChar *a = xmlGetProp(n, (const xmlChar *)name);
	int eq = !strcmp(a ? (const char *)a : "", v ? v : "");
	xmlFree(a);
	return eq;
}

/* 1 when the documentation under n has a point (point, sub or section) with this ref
 * and regulation attribute ("" for the assessment's own) */
static int has_point(xmlNodePtr n, const char *reg, const char *ref)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
		if (!(is_el(c, "point") || is_el(c, "sub") || is_el(c, "section") || is_el(c, "part")))
			continue;
		if (!is_el(c, "part") && attr_is(c, "ref", ref) && attr_is(c, "regulation", reg))
			return 1;
		if (has_point(c, reg, ref))
			return 1;
	}
	return 0;
}

static int has_item(xmlNodePtr checklist, const char *id)
{
	for (xmlNodePtr g = checklist ? checklist->children : NULL; g; g = g->next)
		for (xmlNodePtr i = is_el(g, "group") ? g->children : NULL; i; i = i->next)
			if (is_el(i, "item") && attr_is(i, "id", id))
				return 1;
	return 0;
}

int answers_merge(xmlDocPtr assessment, xmlDocPtr answers, const char *path, diag *d)
{
	xmlNodePtr root = xmlDocGetRootElement(assessment);
	xmlNodePtr aroot = xmlDocGetRootElement(answers);
	xmlNodePtr product = child_el(root, "product");
	xmlNodePtr doc = child_el(root, "documentation");
	xmlNodePtr checklist = child_el(root, "checklist");
	xmlChar *reg = xmlGetProp(root, (const xmlChar *)"regulation");
	xmlChar *pid = product ? xmlGetProp(product, (const xmlChar *)"id") : NULL;
	xmlChar *aid = xmlGetProp(aroot, (const xmlChar *)"product");
	xmlNodePtr copy;
	int rc = -1;

	if (!reg || !pid || !aid) {
		diag_sys(d, path, "cannot merge the answers", ENOMEM);
		goto out;
	}
	if (strcmp((const char *)pid, (const char *)aid) != 0) {
		diag_error(d, path, (unsigned long)xmlGetLineNo(aroot),
		           "these answers are for product \"%s\", not \"%s\"", (const char *)aid,
		           (const char *)pid);
		goto out;
	}
	copy = xmlDocCopyNode(aroot, assessment, 1);
	if (!copy) {
		diag_sys(d, path, "cannot merge the answers", ENOMEM);
		goto out;
	}
	xmlNodeSetName(copy, (const xmlChar *)"answers");
	xmlUnsetProp(copy, (const xmlChar *)"product");
	xmlAddChild(root, copy);
	for (xmlNodePtr c = copy->children, o = aroot->children; c && o; c = c->next, o = o->next) {
		xmlChar *ref, *areg;
		unsigned long line = (unsigned long)xmlGetLineNo(o);
		if (is_el(c, "point")) {
			ref = xmlGetProp(c, (const xmlChar *)"ref");
			areg = xmlGetProp(c, (const xmlChar *)"regulation");
			if (areg && !strcmp((const char *)areg, (const char *)reg)) {
				xmlUnsetProp(c, (const xmlChar *)"regulation");
				xmlFree(areg);
				areg = NULL;
			}
			if (ref && !has_point(doc, areg ? (const char *)areg : "", (const char *)ref))
				diag_warning(d, path, line,
				             "an answer for %s%s%s, which this product's technical "
				             "documentation does not have: kept in the file, shown nowhere",
				             areg ? (const char *)areg : "", areg ? ":" : "",
				             (const char *)ref);
			xmlFree(ref);
			xmlFree(areg);
		} else if (is_el(c, "item")) {
			ref = xmlGetProp(c, (const xmlChar *)"id");
			if (ref && !has_item(checklist, (const char *)ref))
				diag_warning(d, path, line,
				             "an answer for checklist item %s, which this product's checklist "
				             "does not have: kept in the file, shown nowhere",
				             (const char *)ref);
			xmlFree(ref);
		}
		/* line numbers of the copy: the answers file's, for later diagnostics */
		c->line = o->line;
	}
	rc = 0;
out:
	xmlFree(reg);
	xmlFree(pid);
	xmlFree(aid);
	return rc;
}
