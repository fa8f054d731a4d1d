/*
 * corpus.h - a regulation's folder → one XML document of its units.
 *
 * Owns: finding the pages the manifest promises (file names from the manifest, never
 * readdir order), reporting missing, extra, unreadable and duplicate pages, and
 * assembling the units, the contents and the relates-to edges into the document the
 * link stage completes into the graph.
 */
#ifndef REGDOC_CORPUS_H
#define REGDOC_CORPUS_H

#include <libxml/tree.h>

#include "ingest/manifest.h"
#include "util/diag.h"

typedef struct regulation {
	char *dir;        /* the regulation's folder as given */
	char *pages;      /* where the pages of its version are (dir, or dir/<version dir>) */
	manifest m;
	xmlDocPtr doc;    /* root <regulation>; units, contents and edges */
	xmlNodePtr edges; /* <edges> */
} regulation;

/* Load every page of the regulation in dir. Returns 0 when the units could be
 * assembled (r->doc set), even with errors in some pages (they are reported). */
int regulation_load(const char *dir, const char *datadir, regulation *r, diag *d);

/* As regulation_load, for one version of the text (manifest <versions>; doc/manifest.md):
 * the one with id version when not NULL, else the one in force on as_of (YYYY-MM-DD)
 * when not NULL, else the latest. A version that does not exist, or a date before the
 * first, is an error naming those there are (-1, r->doc NULL). The graph's root says
 * which version it is (version, applies-from) when the manifest has versions. */
int regulation_load_version(const char *dir, const char *datadir, const char *version,
                            const char *as_of, regulation *r, diag *d);

/* The first half of regulation_load_version: the manifest read and the version chosen
 * (r->dir, r->m, r->pages set), no page read (r->doc NULL). For a job that takes the
 * graph from elsewhere (ingest/reload.h). 0, or -1 with a diagnostic. */
int regulation_open_version(const char *dir, const char *datadir, const char *version,
                            const char *as_of, regulation *r, diag *d);

/* The version r holds (NULL when its manifest has no versions). */
const manifest_version *regulation_version(const regulation *r);
void regulation_free(regulation *r);

#endif
