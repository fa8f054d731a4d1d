/*
 * amendments.h - the table of amendment markers of a version (amendments.tsv).
 *
 * Owns: reading the tab-separated table a consolidated text comes with (one row per
 * marker and unit: which element was replaced, inserted or deleted, by which provision
 * of which act; the corpus README describes its columns), and turning each row into
 * graph ids: the elements it names (art-5.1.sub1.ba+bb → art-5.1.ba and art-5.1.bb)
 * and the amending provision (AR:1;PT:35;PT:a → art-1.35.a of the amending act). The
 * manifest's <correct> rows replace a provision the source names wrongly. Nothing here
 * names a regulation.
 */
#ifndef REGDOC_AMENDMENTS_H
#define REGDOC_AMENDMENTS_H

#include <stddef.h>

#include "ingest/corpus.h"
#include "ingest/page.h"
#include "util/diag.h"

#define AMENDMENT_MAX_TARGETS 8

typedef struct amendment {
	char path[160];                           /* as in the table: art-5.1.sub1.ba+bb */
	char ids[AMENDMENT_MAX_TARGETS][ID_MAX];  /* the graph ids it names */
	size_t nids;
	char part[8];          /* "" the whole element; "title", "intro" (its introductory
	                          wording) or "sub1" (its first subparagraph) */
	char action[12];       /* "replaced", "inserted", "deleted" */
	char level[12];        /* "structure", or "text" (punctuation only) */
	char act[16];          /* CELEX of the amending act (active_doc) */
	char loc[64];          /* its provision as the table names it (active_loc) */
	char by[ID_MAX];       /* that provision as an id of the amending act: art-1.35.a */
	char marker[32];       /* the marker's id in the source */
	int corrected;         /* loc/by come from the manifest's <correct> */
	unsigned long line;    /* in the table */
} amendment;

typedef struct amendment_table {
	char *path; /* of the table, for diagnostics and edges' src */
	amendment *v;
	size_t n;
} amendment_table;

/* The table of version v of r (its manifest's amendments file, in the version's
 * folder); an empty table when the version has none. Errors name the file and line. */
int amendments_load(const regulation *r, size_t v, amendment_table *t, diag *d);
void amendments_free(amendment_table *t);

/* The ids a table path names, and the part ("title", "intro", "sub1" or ""): the
 * graph's id scheme, where a first subparagraph is its paragraph. Returns how many ids
 * (0 when the path cannot be read). Exposed for the unit tests. */
size_t amendments_path_ids(const char *path, char ids[][ID_MAX], size_t max, char *part,
                           size_t part_size);

/* "AR:1;PT:35;PT:a" → "art-1.35.a" (the id prefix of articles given); -1 when unread. */
int amendments_loc_id(const char *loc, const char *article_prefix, char *out, size_t size);

#endif
