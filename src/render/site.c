#include "render/site.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "render/html5.h"
#include "render/search_index.h"
#include "render/xslt.h"
#include "util/buf.h"
#include "util/fsio.h"

#define STATIC_MAX_BYTES (32u * 1024u * 1024u)

static int make_dir(const char *path, diag *d)
{
	if (mkdir(path, 0755) == 0 || (errno == EEXIST && fsio_is_dir(path)))
		return 0;
	diag_sys(d, path, "cannot create directory", errno);
	return -1;
}

/* Copy the regular files of src into dst (created), recursively, in sorted order;
 * names starting with "." are skipped. */
static int copy_tree(const char *src, const char *dst, int depth, diag *d)
{
	fsio_names names;
	size_t i;
	int rc = 0;

	if (depth > 8) {
		diag_error(d, src, 0, "static assets nested too deep");
		return -1;
	}
	if (make_dir(dst, d) != 0)
		return -1;
	if (fsio_list_dir(src, &names, d) != 0)
		return -1;
	for (i = 0; i < names.n && rc == 0; i++) {
		char *from, *to;
		struct stat st;
		if (names.v[i][0] == '.')
			continue;
		from = fsio_join(src, names.v[i]);
		to = fsio_join(dst, names.v[i]);
		if (!from || !to) {
			diag_sys(d, src, "cannot allocate", ENOMEM);
			rc = -1;
		} else if (lstat(from, &st) != 0) {
			diag_sys(d, from, "cannot stat", errno);
			rc = -1;
		} else if (S_ISDIR(st.st_mode)) {
			rc = copy_tree(from, to, depth + 1, d);
		} else if (S_ISREG(st.st_mode)) {
			char *data;
			size_t len;
			rc = fsio_read_file(from, STATIC_MAX_BYTES, &data, &len, d);
			if (rc == 0) {
				rc = fsio_write_file(to, data, len, 0, d);
				free(data);
			}
		} else {
			diag_warning(d, from, 0, "not a regular file: not copied into the site");
		}
		free(from);
		free(to);
	}
	fsio_names_free(&names);
	return rc;
}

/* A page file name: [a-z0-9][a-z0-9.-]*.html, no directory part. */
static int page_name_ok(const xmlChar *href)
{
	size_t n = href ? (size_t)xmlStrlen(href) : 0, i;
	if (n < 6 || n > 200 || strcmp((const char *)href + n - 5, ".html") != 0)
		return 0;
	for (i = 0; i < n; i++) {
		int c = href[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (i > 0 && (c == '.' || c == '-'))))
			return 0;
	}
	return 1;
}

/* One page: its <html> element (the first element of page) as HTML5, into outdir/href. */
static int write_page(const char *outdir, const char *href, xmlNodePtr page, const char *xsl,
                      buf *b, diag *d)
{
	xmlNodePtr html;
	char *path;
	int rc;
	if (!page_name_ok((const xmlChar *)href)) {
		diag_error(d, xsl, 0, "site: page name \"%.80s\" is not NAME.html", href ? href : "");
		return -1;
	}
	for (html = page->children; html && html->type != XML_ELEMENT_NODE; html = html->next)
		;
	buf_clear(b);
	html5_serialize(html, b);
	path = fsio_join(outdir, href);
	if (!path || b->oom) {
		diag_sys(d, outdir, "cannot allocate", ENOMEM);
		rc = -1;
	} else {
		rc = fsio_write_file(path, b->s, b->len, 0, d);
	}
	free(path);
	return rc;
}

/* The pages the stylesheet writes as it goes (rd:page, xslt.h). */
struct page_sink {
	const char *outdir, *xsl;
	buf b;
};

static int page_written(void *arg, const char *href, xmlNodePtr page, diag *d)
{
	struct page_sink *ps = arg;
	return write_page(ps->outdir, href, page, ps->xsl, &ps->b, d);
}

/* Write the pages and the search index of the stylesheet's principal result:
 * <site><page href="F"><html>…</html></page>…<search>…</search></site>. The pages a
 * stylesheet writes with rd:page are written already; a restyled copy made before
 * rd:page leaves them all here. */
static int write_result(xmlNodePtr site, const char *outdir, const char *index_path,
                        const char *xsl, diag *d)
{
	xmlNodePtr n, search = NULL;
	buf b;
	int rc = 0;

	if (!site || !xmlStrEqual(site->name, BAD_CAST "site")) {
		diag_error(d, xsl, 0, "site: the stylesheet's result is not a <site> element");
		return -1;
	}
	buf_init(&b);
	for (n = site->children; n && rc == 0; n = n->next) {
		xmlChar *href;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrEqual(n->name, BAD_CAST "search")) {
			search = n;
			continue;
		}
		if (!xmlStrEqual(n->name, BAD_CAST "page")) {
			diag_error(d, xsl, 0, "site: unexpected <%s> in the stylesheet's result",
			           (const char *)n->name);
			rc = -1;
			break;
		}
		href = xmlGetProp(n, BAD_CAST "href");
		rc = write_page(outdir, (const char *)href, n, xsl, &b, d);
		xmlFree(href);
	}
	buf_free(&b);
	if (rc != 0)
		return -1;
	if (!search) {
		diag_error(d, xsl, 0, "site: the stylesheet's result has no <search> entries");
		return -1;
	}
	return search_index_write(search, index_path, d);
}

/* Ids become file names and hrefs: a page id (unit, chapter) is [a-z0-9][a-z0-9.-]*,
 * any other id [A-Za-z0-9][A-Za-z0-9._:-]*. regdoc's graph checks already ensure this;
 * this keeps a hand-made or damaged graph from producing odd file names or URLs. */
static int id_ok(const xmlChar *id, int page)
{
	const xmlChar *p;
	if (!id || !id[0])
		return 0;
	for (p = id; *p; p++) {
		int c = *p;
		int ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
		if (p != id) {
			ok = ok || c == '.' || c == '-';
			if (!page)
				ok = ok || c == '_' || c == ':';
		}
		if (!page)
			ok = ok || (c >= 'A' && c <= 'Z');
		if (!ok)
			return 0;
	}
	return 1;
}

static int is_page_element(xmlNodePtr n)
{
	const xmlChar *pn = n->parent && n->parent->type == XML_ELEMENT_NODE ? n->parent->name : NULL;
	if (!pn)
		return 0;
	return (xmlStrEqual(n->name, BAD_CAST "recital") && xmlStrEqual(pn, BAD_CAST "recitals")) ||
	       (xmlStrEqual(n->name, BAD_CAST "article") && xmlStrEqual(pn, BAD_CAST "articles")) ||
	       (xmlStrEqual(n->name, BAD_CAST "annex") && xmlStrEqual(pn, BAD_CAST "annexes")) ||
	       (xmlStrEqual(n->name, BAD_CAST "chapter") && xmlStrEqual(pn, BAD_CAST "contents"));
}

static int check_ids(xmlNodePtr root, const char *name, diag *d)
{
	xmlNodePtr n = root;
	int bad = 0;
	while (n) {
		if (n->type == XML_ELEMENT_NODE) {
			xmlChar *id = xmlGetProp(n, BAD_CAST "id");
			int page = is_page_element(n);
			if ((id || page) && !id_ok(id, page)) {
				long line = xmlGetLineNo(n);
				if (bad < 20)
					diag_error(d, name, line > 0 ? (unsigned long)line : 0,
					           "site: <%s> has an id unfit for a %s: \"%.60s\"",
					           (const char *)n->name, page ? "page name" : "URL fragment",
					           id ? (const char *)id : "");
				bad++;
			}
			xmlFree(id);
			if (n->children) {
				n = n->children;
				continue;
			}
		}
		while (n && !n->next && n != root)
			n = n->parent;
		if (!n || n == root)
			break;
		n = n->next;
	}
	return bad ? -1 : 0;
}

int site_render_in(xmlDocPtr graph, const char *templates_dir, const char *outdir,
                   const site_options *opts, const site_library *lib, diag *d)
{
	char *sitedir = NULL, *xsl = NULL, *static_src = NULL, *static_dst = NULL;
	char *index_path = NULL;
	xslt_sheet *sheet = NULL;
	xmlDocPtr result = NULL;
	xmlNodePtr root = graph ? xmlDocGetRootElement(graph) : NULL;
	const char *base_url = opts && opts->base_url ? opts->base_url : "";
	const char *library = lib && lib->library ? lib->library : "";
	const char *library_href = lib && lib->href ? lib->href : "";
	const char *products_href = opts && opts->products_href ? opts->products_href : "";
	const char *versions = opts && opts->versions ? opts->versions : "";
	const char *version = opts && opts->version ? opts->version : "";
	const char *params[] = {"base-url", base_url, "library", library, "library-href",
	                        library_href, "products-href", products_href, "versions", versions,
	                        "version", version, NULL};
	struct page_sink ps;
	int rc = -1;

	memset(&ps, 0, sizeof ps);
	buf_init(&ps.b);

	if (!root || !xmlStrEqual(root->name, BAD_CAST "regulation")) {
		diag_error(d, graph && graph->URL ? (const char *)graph->URL : NULL, 0,
		           "site: the graph has no <regulation> root element");
		return -1;
	}
	if (check_ids(root, graph->URL ? (const char *)graph->URL : "graph", d) != 0)
		return -1;
	if (!fsio_is_dir(outdir)) {
		diag_error(d, outdir, 0, "site: the output directory does not exist");
		return -1;
	}
	sitedir = fsio_join(templates_dir, "site");
	xsl = sitedir ? fsio_join(sitedir, "site.xsl") : NULL;
	static_src = sitedir ? fsio_join(sitedir, "static") : NULL;
	static_dst = fsio_join(outdir, "static");
	index_path = fsio_join(outdir, "search-index.js");
	if (!sitedir || !xsl || !static_src || !static_dst || !index_path) {
		diag_sys(d, templates_dir, "cannot allocate", ENOMEM);
		goto done;
	}
	sheet = xslt_sheet_load(xsl, d);
	if (!sheet)
		goto done;
	if (fsio_is_dir(static_src)) {
		if (copy_tree(static_src, static_dst, 0, d) != 0)
			goto done;
	}
	ps.outdir = outdir;
	ps.xsl = xsl;
	result = xslt_apply_to_doc_pages(sheet, graph, params, lib ? lib->docs : NULL,
	                                 lib ? lib->ndocs : 0, outdir, page_written, &ps, d);
	if (!result)
		goto done;
	if (write_result(xmlDocGetRootElement(result), outdir, index_path, xsl, d) != 0)
		goto done;
	rc = 0;
done:
	buf_free(&ps.b);
	if (result)
		xmlFreeDoc(result);
	xslt_sheet_free(sheet);
	free(sitedir);
	free(xsl);
	free(static_src);
	free(static_dst);
	free(index_path);
	return rc;
}

int site_render_opts(xmlDocPtr graph, const char *templates_dir, const char *outdir,
                     const site_options *opts, diag *d)
{
	return site_render_in(graph, templates_dir, outdir, opts, NULL, d);
}

int site_render_library(xmlDocPtr links, const char *templates_dir, const char *out_path,
                        const site_library *lib, diag *d)
{
	return site_render_library_versions(links, templates_dir, out_path, lib, NULL, d);
}

int site_render_library_versions(xmlDocPtr links, const char *templates_dir,
                                 const char *out_path, const site_library *lib,
                                 const char *versions, diag *d)
{
	char *xsl = NULL, *sitedir = fsio_join(templates_dir, "site");
	const char *library = lib && lib->library ? lib->library : "";
	const char *params[] = {"library", library, "with-products",
	                        lib && lib->products ? lib->products : "", "versions",
	                        versions ? versions : "", NULL};
	xslt_sheet *sheet = NULL;
	xmlDocPtr result = NULL;
	xmlNodePtr page = NULL, html = NULL, root;
	buf b;
	int rc = -1;

	buf_init(&b);
	xsl = sitedir ? fsio_join(sitedir, "library.xsl") : NULL;
	if (!xsl) {
		diag_sys(d, templates_dir, "cannot allocate", ENOMEM);
		goto done;
	}
	sheet = xslt_sheet_load(xsl, d);
	if (!sheet)
		goto done;
	/* no outdir: the home page is the principal result, nothing else is written */
	result = xslt_apply_to_doc_with(sheet, links, params, lib ? lib->docs : NULL,
	                                lib ? lib->ndocs : 0, NULL, d);
	if (!result)
		goto done;
	root = xmlDocGetRootElement(result);
	for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST "page"))
			page = n;
	for (html = page ? page->children : NULL; html && html->type != XML_ELEMENT_NODE;
	     html = html->next)
		;
	if (!root || !xmlStrEqual(root->name, BAD_CAST "site") || !html) {
		diag_error(d, xsl, 0, "library: the stylesheet's result is not <site><page>…</page></site>");
		goto done;
	}
	html5_serialize(html, &b);
	if (b.oom) {
		diag_sys(d, out_path, "cannot allocate", ENOMEM);
		goto done;
	}
	rc = fsio_write_file(out_path, b.s, b.len, 0, d);
done:
	buf_free(&b);
	if (result)
		xmlFreeDoc(result);
	xslt_sheet_free(sheet);
	free(xsl);
	free(sitedir);
	return rc;
}

int site_render(xmlDocPtr graph, const char *templates_dir, const char *outdir, diag *d)
{
	return site_render_opts(graph, templates_dir, outdir, NULL, d);
}
