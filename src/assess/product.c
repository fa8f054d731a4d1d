#include "assess/product.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/text.h"
#include "util/xmlsafe.h"

void factset_init(factset *fs)
{
	fs->v = NULL;
	fs->n = fs->cap = 0;
}

void factset_free(factset *fs)
{
	for (size_t i = 0; i < fs->n; i++) {
		free(fs->v[i].name);
		free(fs->v[i].value);
		free(fs->v[i].rule);
		free(fs->v[i].label);
	}
	free(fs->v);
	factset_init(fs);
}

static char *dup_or_null(const char *s, int *fail)
{
	char *r;
	if (!s)
		return NULL;
	r = strdup(s);
	if (!r)
		*fail = 1;
	return r;
}

int factset_add(factset *fs, const char *name, const char *value, unsigned long line,
                xmlNodePtr elem, const char *rule, const char *label)
{
	fact *f;
	int fail = 0;
	if (fs->n == fs->cap) {
		size_t ncap = fs->cap ? fs->cap * 2 : 32;
		fact *nv = realloc(fs->v, ncap * sizeof *nv);
		if (!nv)
			return -1;
		fs->v = nv;
		fs->cap = ncap;
	}
	f = &fs->v[fs->n];
	f->name = dup_or_null(name, &fail);
	f->value = dup_or_null(value, &fail);
	f->rule = dup_or_null(rule, &fail);
	f->label = dup_or_null(label, &fail);
	f->line = line;
	f->elem = elem;
	if (fail || !f->name || !f->value) {
		free(f->name);
		free(f->value);
		free(f->rule);
		free(f->label);
		return -1;
	}
	fs->n++;
	return 0;
}

/* The element's text when it has no element children, trimmed and with runs of
 * whitespace collapsed; NULL when it has none. */
static char *leaf_text(xmlNodePtr n)
{
	buf b;
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return NULL;
	buf_init(&b);
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
			buf_put_collapsed(&b, (const char *)c->content);
	buf_trim_end(&b);
	if (!b.len || b.oom) {
		buf_free(&b);
		return NULL;
	}
	return b.s;
}

static int flatten(product *p, xmlNodePtr n, const char *prefix, diag *d)
{
	for (; n; n = n->next) {
		buf name;
		size_t base;
		char *text;
		unsigned long line;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		line = (unsigned long)xmlGetLineNo(n);
		buf_init(&name);
		if (prefix) {
			buf_puts(&name, prefix);
			buf_putc(&name, '.');
		}
		buf_puts(&name, (const char *)n->name);
		base = name.len;
		for (xmlAttrPtr a = n->properties; a; a = a->next) {
			xmlChar *v = xmlNodeListGetString(p->doc, a->children, 1);
			size_t vlen = v ? strlen((const char *)v) : 0;
			const char *t = v ? text_trim((const char *)v, &vlen) : "";
			char *tv = text_ndup(t, vlen);
			name.len = base;
			name.s[base] = '\0';
			buf_putc(&name, '.');
			buf_puts(&name, (const char *)a->name);
			if (!tv || name.oom ||
			    factset_add(&p->facts, name.s, tv, line, n, NULL, NULL) != 0) {
				free(tv);
				xmlFree(v);
				buf_free(&name);
				diag_sys(d, p->path, "cannot read product", ENOMEM);
				return -1;
			}
			free(tv);
			xmlFree(v);
		}
		name.len = base;
		name.s[base] = '\0';
		text = leaf_text(n);
		if (text) {
			int rc = factset_add(&p->facts, name.s, text, line, n, NULL, NULL);
			free(text);
			if (rc != 0) {
				buf_free(&name);
				diag_sys(d, p->path, "cannot read product", ENOMEM);
				return -1;
			}
		} else if (!n->properties && !n->children) {
			/* an empty element with no attributes states that it is there */
			if (factset_add(&p->facts, name.s, "yes", line, n, NULL, NULL) != 0) {
				buf_free(&name);
				diag_sys(d, p->path, "cannot read product", ENOMEM);
				return -1;
			}
		}
		if (flatten(p, n->children, name.s, d) != 0) {
			buf_free(&name);
			return -1;
		}
		buf_free(&name);
	}
	return 0;
}

static int from_doc(product *p, xmlDocPtr doc, const char *name, const char *schema_path,
                    xmlsafe_schemas *schemas, diag *d)
{
	xmlNodePtr root;
	memset(p, 0, sizeof *p);
	factset_init(&p->facts);
	p->doc = doc;
	p->path = strdup(name ? name : "product");
	if (!p->path) {
		diag_sys(d, name, "cannot read product", ENOMEM);
		goto fail;
	}
	root = xmlDocGetRootElement(doc);
	if (!root || strcmp((const char *)root->name, "product") != 0 || root->ns) {
		diag_error(d, p->path, root ? (unsigned long)xmlGetLineNo(root) : 1,
		           "not a product description: the root element must be <product>");
		goto fail;
	}
	if (schema_path && xmlsafe_validate_cached(schemas, doc, schema_path, p->path, d) != 0)
		goto fail;
	for (xmlAttrPtr a = root->properties; a; a = a->next) {
		xmlChar *v = xmlNodeListGetString(doc, a->children, 1);
		int rc = factset_add(&p->facts, (const char *)a->name, v ? (const char *)v : "",
		                     (unsigned long)xmlGetLineNo(root), root, NULL, NULL);
		xmlFree(v);
		if (rc != 0) {
			diag_sys(d, p->path, "cannot read product", ENOMEM);
			goto fail;
		}
	}
	if (flatten(p, root->children, NULL, d) != 0)
		goto fail;
	for (size_t i = 0; i < p->facts.n; i++)
		if (!strcmp(p->facts.v[i].name, "id"))
			p->id = p->facts.v[i].value;
	if (!p->id || !text_is_slug(p->id)) {
		diag_error(d, p->path, (unsigned long)xmlGetLineNo(root),
		           "the product needs an id that is a safe slug ([a-z0-9][a-z0-9-]*)");
		goto fail;
	}
	return 0;
fail:
	product_free(p);
	return -1;
}

int product_from_doc(product *p, xmlDocPtr doc, const char *name, const char *schema_path,
                     diag *d)
{
	return from_doc(p, doc, name, schema_path, NULL, d);
}

int product_load_cached(product *p, const char *path, const char *schema_path,
                        xmlsafe_schemas *schemas, diag *d)
{
	xmlDocPtr doc = xmlsafe_read_file(path, d);
	if (!doc) {
		memset(p, 0, sizeof *p);
		return -1;
	}
	return from_doc(p, doc, path, schema_path, schemas, d);
}

int product_load_memory(product *p, const char *buf, size_t len, const char *name,
                        const char *schema_path, diag *d)
{
	xmlDocPtr doc = xmlsafe_read_memory(buf, len, name, d);
	if (!doc) {
		memset(p, 0, sizeof *p);
		return -1;
	}
	return from_doc(p, doc, name, schema_path, NULL, d);
}

int product_load(product *p, const char *path, const char *schema_path, diag *d)
{
	return product_load_cached(p, path, schema_path, NULL, d);
}

void product_free(product *p)
{
	factset_free(&p->facts);
	if (p->doc)
		xmlFreeDoc(p->doc);
	free(p->path);
	memset(p, 0, sizeof *p);
}
