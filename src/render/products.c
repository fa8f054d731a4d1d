#include "render/products.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "render/xslt.h"
#include "util/buf.h"
#include "util/fsio.h"
#include "util/xmlsafe.h"

static int is_el(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* What the page reads of an assessment (add_entry): the root's product, conclusions and
 * combined regulations, and its documentation element without content (the file
 * attribute); the checklist, trace and documentation, most of the file, are parsed
 * but not built (xmlsafe_read_file_filtered). */
static xmlsafe_keep page_keeps(void *user, int depth, const xmlChar *name, const xmlChar *ns)
{
	const char *n = (const char *)name;
	(void)user;
	(void)depth; /* only the root's children are asked about */
	(void)ns;    /* add_entry goes by local name */
	if (!strcmp(n, "product") || !strcmp(n, "conclusions") || !strcmp(n, "combined"))
		return XMLSAFE_WHOLE;
	return strcmp(n, "documentation") ? XMLSAFE_DROP : XMLSAFE_EMPTY;
}

/* What the page shows of one assessment, under parent. */
static int add_entry(xmlNodePtr parent, const char *dir, xmlDocPtr a)
{
	xmlNodePtr root = xmlDocGetRootElement(a);
	xmlNodePtr e = xmlNewChild(parent, NULL, (const xmlChar *)"entry", NULL);
	xmlChar *reg;
	if (!e || !xmlNewProp(e, (const xmlChar *)"dir", (const xmlChar *)dir))
		return -1;
	reg = xmlGetProp(root, (const xmlChar *)"regulation");
	if (reg)
		xmlNewProp(e, (const xmlChar *)"regulation", reg);
	xmlFree(reg);
	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (is_el(c, "product") || is_el(c, "conclusions") || is_el(c, "combined")) {
			if (!xmlAddChild(e, xmlDocCopyNode(c, parent->doc, 1)))
				return -1;
		} else if (is_el(c, "documentation")) {
			xmlChar *f = xmlGetProp(c, (const xmlChar *)"file");
			if (f)
				xmlNewProp(e, (const xmlChar *)"documentation", f);
			xmlFree(f);
		}
	}
	return 0;
}

char *site_products_entry(const char *products_dir, const char *stem, diag *d)
{
	char *dir = fsio_join(products_dir, stem);
	char *path = dir ? fsio_join(dir, "assessment.xml") : NULL;
	xmlDocPtr a = path ? xmlsafe_read_file_filtered(path, page_keeps, NULL, d) : NULL;
	xmlDocPtr tmp = a ? xmlNewDoc((const xmlChar *)"1.0") : NULL;
	xmlNodePtr holder = tmp ? xmlNewDocNode(tmp, NULL, (const xmlChar *)"products", NULL) : NULL;
	xmlBufferPtr out = holder ? xmlBufferCreate() : NULL;
	char *entry = NULL;
	if (out) {
		xmlDocSetRootElement(tmp, holder);
		if (add_entry(holder, stem, a) == 0 && holder->children &&
		    xmlNodeDump(out, tmp, holder->children, 0, 0) >= 0)
			entry = strdup((const char *)xmlBufferContent(out));
		if (!entry)
			diag_sys(d, path, "cannot write the products page", ENOMEM);
	} else if (a) {
		diag_sys(d, path, "cannot write the products page", ENOMEM);
	}
	if (out)
		xmlBufferFree(out);
	if (tmp)
		xmlFreeDoc(tmp);
	if (a)
		xmlFreeDoc(a);
	free(path);
	free(dir);
	return entry;
}

int site_products_page(const char *regulation, const char *short_title,
                       const char *const *entries, size_t n, const char *templates_dir,
                       const char *out_path, const site_library *lib, diag *d)
{
	static const char open_tag[] = "<products>", close_tag[] = "</products>";
	char *sheet_path = fsio_join(templates_dir, "site/products.xsl");
	xslt_sheet *sheet = NULL;
	xmlDocPtr index = NULL;
	xmlNodePtr root;
	char *html = NULL;
	size_t len = 0;
	int rc = -1;
	buf all;
	/* one document of the entries, as each product's serialization reads back: the
	 * tree add_entry makes, whether the entry was made now or kept from the previous
	 * build (build/cache.h, bcache_note) */
	buf_init(&all);
	buf_puts(&all, open_tag);
	for (size_t i = 0; i < n; i++)
		buf_puts(&all, entries[i]);
	buf_puts(&all, close_tag);
	if (!sheet_path || all.oom) {
		diag_sys(d, out_path, "cannot write the products page", ENOMEM);
		goto out;
	}
	if (!(index = xmlsafe_read_memory(all.s, all.len, out_path, d)))
		goto out;
	root = xmlDocGetRootElement(index);
	xmlNewProp(root, (const xmlChar *)"regulation", (const xmlChar *)regulation);
	xmlNewProp(root, (const xmlChar *)"short-title", (const xmlChar *)(short_title ? short_title : regulation));
	if (!(sheet = xslt_sheet_load(sheet_path, d)))
		goto out;
	{
		const char *params[] = {"library-href", lib && lib->href ? lib->href : "", NULL};
		if (xslt_apply_to_memory(sheet, index, params, NULL, &html, &len, d) != 0)
			goto out;
	}
	rc = fsio_write_file(out_path, html, len, 0, d);
out:
	free(html);
	xslt_sheet_free(sheet);
	free(sheet_path);
	buf_free(&all);
	if (index)
		xmlFreeDoc(index);
	return rc;
}
