/*
 * versions.h - what the sites of a library need to show the law in time (regdoc build,
 * regdoc site; doc/site.md "Versions").
 *
 * Owns: for every named regulation with several versions (manifest <versions>), the
 * changes of each version from the one before (tool/diff.h, the text only: units and
 * elements changed, added, removed, with their word differences), the versions
 * document (render/site.h, site_versions_add) and the in-memory documents the
 * stylesheets read (the library's, every version's graph, the changes, the versions
 * document), each under its URI. Not: rendering (render/site.c) or loading (src/job.c).
 * Nothing here names a regulation or a date: they come from the manifests.
 */
#ifndef REGDOC_VERSIONS_H
#define REGDOC_VERSIONS_H

#include "graph/library.h"
#include "render/site.h"
#include "render/xslt.h"

#define VERSIONS_URI "file:///regdoc-versions/"
#define VERSIONS_URI_MAX 200

typedef struct versions_docs {
	xmlDocPtr vdoc;       /* the versions document; NULL when no regulation has versions */
	xmlDocPtr *changes;   /* diff documents made here (freed with it) */
	size_t nchanges;
	xmlDocPtr *history;   /* per regulation of the library (L->n): its history document
	                         (graph/history.h) or NULL; owned */
	size_t nhistory;
	xslt_doc *docs;       /* lib_docs, then the graphs of the versions, changes, vdoc */
	size_t ndocs;
	char (*uris)[VERSIONS_URI_MAX];
	const char *uri;      /* the versions document's URI (NULL: none) */
} versions_docs;

/* Build V for the named regulations of L, after the library's own documents
 * lib_docs[0..nlib) (copied first; a graph already among them keeps its URI).
 * history: NULL, or L->n history documents (NULL where a regulation has none), taken
 * over by V (also on failure): the site's marks of amended elements read them.
 * Returns 0, or -1 with a diagnostic; V is then still safe to free. */
int versions_docs_build(versions_docs *V, const library *L, const xslt_doc *lib_docs,
                        size_t nlib, xmlDocPtr *history, diag *d);

void versions_docs_free(versions_docs *V);

/* The site options for the version k of regs[i] (its graph v[k], library_versions
 * order): versions set when the library has a regulation with several versions,
 * version when regs[i] is one. */
void versions_site_options(const versions_docs *V, const library *L, size_t i,
                           const regulation *shown, site_options *o);

#endif
