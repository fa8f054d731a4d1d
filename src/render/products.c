#include "render/products.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "render/xslt.h"
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

int site_products_page(const char *regulation, const char *short_title, const char *products_dir,
                       const char *templates_dir, const char *out_path,
                       const site_library *lib, diag *d)
{
	fsio_names names = {NULL, 0};
	xmlDocPtr index = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root = index ? xmlNewDocNode(index, NULL, (const xmlChar *)"products", NULL) : NULL;
	char *sheet_path = fsio_join(templates_dir, "site/products.xsl");
	xslt_sheet *sheet = NULL;
	char *html = NULL;
	size_t len = 0;
	int rc = -1;

	if (!root || !sheet_path) {
		diag_sys(d, products_dir, "cannot write the products page", ENOMEM);
		goto out;
	}
	xmlDocSetRootElement(index, root);
	xmlNewProp(root, (const xmlChar *)"regulation", (const xmlChar *)regulation);
	xmlNewProp(root, (const xmlChar *)"short-title", (const xmlChar *)(short_title ? short_title : regulation));
	if (fsio_list_dir(products_dir, &names, d) != 0)
		goto out;
	for (size_t i = 0; i < names.n; i++) {
		char *dir = fsio_join(products_dir, names.v[i]);
		char *path = dir ? fsio_join(dir, "assessment.xml") : NULL;
		xmlDocPtr a = path && fsio_is_dir(dir) ? xmlsafe_read_file_filtered(path, page_keeps, NULL, d) : NULL;
		int bad = a && add_entry(root, names.v[i], a) != 0;
		if (a)
			xmlFreeDoc(a);
		free(path);
		free(dir);
		if (bad) {
			diag_sys(d, products_dir, "cannot write the products page", ENOMEM);
			goto out;
		}
	}
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
	fsio_names_free(&names);
	if (index)
		xmlFreeDoc(index);
	return rc;
}
