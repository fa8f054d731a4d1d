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
	manifest m;
	xmlDocPtr doc;    /* root <regulation>; units, contents and edges */
	xmlNodePtr edges; /* <edges> */
} regulation;

/* Load every page of the regulation in dir. Returns 0 when the units could be
 * assembled (r->doc set), even with errors in some pages (they are reported). */
int regulation_load(const char *dir, const char *datadir, regulation *r, diag *d);
void regulation_free(regulation *r);

#endif
