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
	/* numbers the law inserted between those ("4a", "75d"), in the order of the
	 * selected version's manifest (<version><unit inserted="…"/>); each one a page
	 * named file-prefix + the padded number + the letters (article-004a.md) */
	char **inserted;
	size_t ninserted;
} unit_kind;

/* <alias act="CELEX">phrase</alias>: the text names that act with this phrase
 * (the AI Act's "a regulation ... on horizontal cybersecurity requirements for
 * products with digital elements" before that act had a number). */
typedef struct manifest_alias {
	char *phrase; /* whitespace collapsed to single spaces, trimmed */
	char *celex;  /* "32024R2847" */
} manifest_alias;

#define MANIFEST_MAX_ALIASES 64
#define MANIFEST_MAX_VERSIONS 32

/* What one version changes in a kind of unit: its count, the numbers it inserted. */
typedef struct manifest_unit_change {
	char *kind;
	unsigned count;  /* 0: the manifest's */
	char *inserted;  /* "4a 60a 75a" or NULL */
} manifest_unit_change;

/* <correct path="art-3.14a+14b" active-loc="AR:1;PT:4;PT:b">why</correct>: a row of the
 * amendments table whose amending provision the source names wrongly, and the right one. */
typedef struct manifest_correction {
	char *path, *active_loc, *why;
} manifest_correction;

#define MANIFEST_MAX_CORRECTIONS 16

/* <versions><version …/></versions>: one text of the regulation and when it applies
 * (doc/manifest.md, "Versions"). Versions are listed oldest first. */
typedef struct manifest_version {
	char *id;           /* "2026-07-27": a slug, by convention the date it applies from */
	char *applies_from; /* "2026-07-27" (YYYY-MM-DD) */
	char *dir;          /* its pages, relative to the regulation's folder ("." or
	                       "versions/2026-07-27") */
	char *celex, *eli;  /* of the text (the original act, or the consolidation) */
	char *label;        /* "As amended by Regulation (EU) 2026/1744" */
	char *amended_by;   /* the amending act's library id ("digital-omnibus-ai") or NULL */
	char *amended_by_celex; /* its CELEX ("32026R1744") or NULL */
	char *amendments;   /* file of the amendment markers (amendments.tsv), in dir, or NULL */
	char *application;  /* file of the dates of application (application.xml), in dir, or NULL */
	manifest_unit_change units[MANIFEST_MAX_KINDS];
	size_t nunits;
	manifest_correction corrections[MANIFEST_MAX_CORRECTIONS];
	size_t ncorrections;
	unsigned long line; /* in manifest.xml */
} manifest_version;

typedef struct manifest {
	char *path; /* of manifest.xml, for diagnostics */
	char *id, *lang, *short_title, *title, *celex, *eli;
	char *site_url; /* <site-url>: where the built output is published, or NULL */
	char *contents_file, *link_prefix, *chrome_starts_with, *definitions_unit;
	unit_kind kinds[MANIFEST_MAX_KINDS];
	size_t nkinds;
	manifest_alias aliases[MANIFEST_MAX_ALIASES];
	size_t naliases;
	/* <amends act="CELEX">label</amends>: the act this one amends; a citation of a unit
	 * this act does not have ("Article 5" in its recitals) is a citation of that act */
	char *amends_celex, *amends_label;
	/* <application file="application.xml"/>: the dates of application of a regulation
	 * with one text (no <versions>; a version names its own), in its folder, or NULL */
	char *application;
	unsigned long application_line;
	manifest_version versions[MANIFEST_MAX_VERSIONS]; /* none: one version, the pages */
	size_t nversions;
	size_t current; /* the version the kinds describe (manifest_use_version) */
} manifest;

/* Load and validate regdir/manifest.xml against schema_path. */
int manifest_load(const char *regdir, const char *schema_path, manifest *m, diag *d);
void manifest_free(manifest *m);

/* Make the kinds describe version i (its counts and inserted numbers); 0 when the
 * manifest has no versions. Called once, before the pages are read. */
int manifest_use_version(manifest *m, size_t i, diag *d);

/* The index of the version with this id, or -1 (an error naming the ids there are).
 * NULL id: the latest. */
long manifest_version_by_id(const manifest *m, const char *id, diag *d);

/* The index of the version in force on date (YYYY-MM-DD): the latest whose
 * applies-from is not after it; NULL date: the latest. A date before the first
 * version, or not a date, is an error naming the dates there are (-1). A manifest
 * without versions has one, in force at any date (0). */
long manifest_version_as_of(const manifest *m, const char *date, diag *d);

/* 1 when s is a date YYYY-MM-DD (a real day of the Gregorian calendar). */
int manifest_is_date(const char *s);

const unit_kind *manifest_kind_by_heading(const manifest *m, const char *word, size_t len);
const unit_kind *manifest_kind_by_prefix(const manifest *m, const char *id_prefix, size_t len);
/* The kind of a page link (/en/ai-act/article-4a) and its number as printed ("4a",
 * into number, at least 16 bytes). */
const unit_kind *manifest_kind_by_link(const manifest *m, const char *link, size_t len,
                                       char *number);

/* 1 when the selected version of k has page number label ("43", "4a"). */
int manifest_kind_has(const unit_kind *k, const char *label);

#endif
