/*
 * manifest.h - a regulation's manifest (corpus/<reg>/manifest.xml).
 *
 * Owns: what regdoc knows about a regulation before reading its pages: ids, titles,
 * CELEX and ELI, where each kind of unit lives and how its pages are named and linked,
 * how many of each there must be, where the page chrome starts, and which article
 * defines terms. Nothing in C names a regulation; it all comes from here.
 */
#ifndef REGDOC_MANIFEST_H
#define REGDOC_MANIFEST_H

#include <stddef.h>

#include "util/diag.h"

#define MANIFEST_MAX_KINDS 4
#define MANIFEST_MAX_UNITS 100000u /* pages of one kind (manifest.rng says the same) */

typedef struct unit_kind {
	char *kind;            /* "article" */
	char *heading;         /* "Article" (the page heading's first word) */
	char *id_prefix;       /* "art" */
	char *dir;             /* "articles" */
	char *file_prefix;     /* "article-" */
	char *link_prefix;     /* "article-" (after the manifest's link-prefix) */
	char *relates_heading; /* "This Article relates to" */
	int digits;            /* zero padding of file numbers */
	int roman;             /* headings number this kind in Roman numerals */
	unsigned count;        /* pages there must be, numbered 1..count */
} unit_kind;

/* <alias act="CELEX">phrase</alias>: the text names that act with this phrase
 * (the AI Act's "a regulation ... on horizontal cybersecurity requirements for
 * products with digital elements" before that act had a number). */
typedef struct manifest_alias {
	char *phrase; /* whitespace collapsed to single spaces, trimmed */
	char *celex;  /* "32024R2847" */
} manifest_alias;

#define MANIFEST_MAX_ALIASES 64

typedef struct manifest {
	char *path; /* of manifest.xml, for diagnostics */
	char *id, *lang, *short_title, *title, *celex, *eli;
	char *site_url; /* <site-url>: where the built output is published, or NULL */
	char *contents_file, *link_prefix, *chrome_starts_with, *definitions_unit;
	unit_kind kinds[MANIFEST_MAX_KINDS];
	size_t nkinds;
	manifest_alias aliases[MANIFEST_MAX_ALIASES];
	size_t naliases;
} manifest;

/* Load and validate regdir/manifest.xml against schema_path. */
int manifest_load(const char *regdir, const char *schema_path, manifest *m, diag *d);
void manifest_free(manifest *m);

const unit_kind *manifest_kind_by_heading(const manifest *m, const char *word, size_t len);
const unit_kind *manifest_kind_by_prefix(const manifest *m, const char *id_prefix, size_t len);
const unit_kind *manifest_kind_by_link(const manifest *m, const char *link, size_t len,
                                       unsigned *number);

#endif
