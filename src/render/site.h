/*
 * site.h - the HTML reference site of one regulation, rendered from its graph.
 *
 * Owns: running templates/site/site.xsl over the graph (one pass; its result holds every
 * page as an <html> tree, written as HTML5 by html5.c), copying templates/site/static/
 * into the site, and writing the client-side search index (search-index.js). It refuses
 * a graph whose ids are unfit for file names or URLs. The URL scheme is in doc/site.md:
 * index.html, <unit-id>.html (rec-78.html, art-43.html, anx-7.html), chp-N.html,
 * search.html, sitemap.xml; fragments are graph ids (art-43.1, art-43.1.a).
 *
 * Output bytes depend only on the graph, the templates and base_url (no timestamps).
 */
#ifndef REGDOC_RENDER_SITE_H
#define REGDOC_RENDER_SITE_H

#include <libxml/tree.h>

#include "render/xslt.h"
#include "util/diag.h"

typedef struct site_options {
	/* Absolute base URL for sitemap.xml <loc> (e.g. "https://example.org/ai-act/");
	 * NULL or "" = relative locations. */
	const char *base_url;
	/* the regulation's products page, linked from its home page (NULL: none) */
	const char *products_href;
	/* The versions of the regulation (a versions document, site_versions_new, read
	 * from memory: its URI, the document among the library's docs) and the id of the
	 * version this site shows; NULL = one version, no switcher, no history. */
	const char *versions;
	const char *version;
} site_options;

/* One version of a regulation, for its sites (doc/site.md, "Versions"): the site of
 * the version at the root shows the law in force at the site's root, each other version
 * is published under v/<id>/. graph_uri and changes_uri are where the stylesheet reads
 * its graph and the diff document (templates/schema/diff.rng, regdoc diff's) from the
 * version before (NULL for the first) with document(); the caller registers them. */
typedef struct site_version {
	const char *id, *applies_from, *label, *celex, *amended_by;
	const char *graph_uri, *changes_uri;
} site_version;

/* A new versions document (templates/schema/site-versions.rng): <versions/>. */
xmlDocPtr site_versions_new(void);

/* Append regulation reg's versions v[0..n) (oldest first; v[root] at the site's root)
 * to doc, with the URI of its history document (graph/history.h, history.rng: the
 * marks of amended elements and the amending provisions; NULL = none). Returns 0, or
 * -1 when out of memory. */
int site_versions_add(xmlDocPtr doc, const char *reg, const site_version *v, size_t n,
                      size_t root, const char *history_uri);

/* The library a site is part of (regdoc build over several regulations): library is
 * the URI of its links document (templates/schema/links.rng), docs the documents the
 * stylesheet reads from memory (that one and every regulation's graph, under the URIs
 * the links document gives), href the path from a page of the site to the library's
 * folder ("../../"). Citations into another regulation of the library link to its
 * site, and "cited by" lists its citations; without a library, citations of another
 * regulation link to the act on EUR-Lex. */
typedef struct site_library {
	const char *library;
	const char *href;
	const xslt_doc *docs;
	size_t ndocs;
	/* the ids of the regulations with a products page, space-separated and
	 * space-padded (" ai-act cra "), linked from the library's home; NULL: none */
	const char *products;
} site_library;

/* Render the site of graph into outdir, which exists (and should be empty; the caller
 * does temp-dir-and-rename). templates_dir is the folder holding site/ (site/site.xsl,
 * site/static/). Returns 0, or -1 with diagnostics. */
int site_render(xmlDocPtr graph, const char *templates_dir, const char *outdir, diag *d);

/* As site_render, with options (opts may be NULL). */
int site_render_opts(xmlDocPtr graph, const char *templates_dir, const char *outdir,
                     const site_options *opts, diag *d);

/* As site_render_opts, as part of a library (lib may be NULL). */
int site_render_in(xmlDocPtr graph, const char *templates_dir, const char *outdir,
                   const site_options *opts, const site_library *lib, diag *d);

/* The home page of a library of regulations (templates/site/library.xsl over its
 * links document, reading the graphs in lib->docs) into the file out_path. */
int site_render_library(xmlDocPtr links, const char *templates_dir, const char *out_path,
                        const site_library *lib, diag *d);

/* As site_render_library, with the versions document's URI (among lib->docs; NULL =
 * none): the home page links each regulation's pages of what changed. */
int site_render_library_versions(xmlDocPtr links, const char *templates_dir,
                                 const char *out_path, const site_library *lib,
                                 const char *versions, diag *d);

#endif
