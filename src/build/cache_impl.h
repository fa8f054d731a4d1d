/*
 * cache_impl.h - what cache.c (keys, taking over, replay) and cache_manifest.c (the
 * manifest and the stat cache read and written) share: the cache and its records of
 * output groups. Private to build/cache*.c.
 */
#ifndef REGDOC_BUILD_CACHE_IMPL_H
#define REGDOC_BUILD_CACHE_IMPL_H

#include <stddef.h>
#include <time.h>

#include "build/cache.h"
#include "build/filehash.h"

#define MANIFEST_NAME ".regdoc-cache"
/* the stat cache (build/filehash.h): this machine's record of the inputs, apart from
 * the manifest, which says what the output is and stays the same for the same input */
#define STATS_NAME ".regdoc-stat"
#define STATS_HEAD "regdoc-stat 1"
#define MANIFEST_HEAD "regdoc-cache 1"
#define MANIFEST_MAX (64u << 20)
#define TREE_DEPTH 16 /* folders followed below an input folder (symlink loops end here) */

typedef struct bc_entry {
	char *path;     /* under OUTDIR */
	long long size; /* -1: a folder */
} bc_entry;

typedef struct bc_group {
	char *name;
	unsigned char key[32];
	bc_entry *e;
	size_t n, cap;
	int done; /* next: taken over or kept (else left out of the manifest) */
	int taken; /* next: taken over, so its entries are the previous build's files */
	char *note; /* bcache_set_note: what a later build reads of the group's files */
} bc_group;

typedef struct bc_list {
	bc_group *v;
	size_t n, cap;
} bc_list;

struct bcache {
	char *outdir;
	int reuse, keyed; /* keyed: bcache_inputs succeeded */
	unsigned char kgraph[32], krender[32];
	unsigned char kbuild[32]; /* the whole build: all inputs, products too, and the run */
	unsigned char prev_build[32];
	int has_prev_build;
	int no_replay; /* bcache_no_replay: the manifest gets no build line */
	int quiet;      /* bcache_quiet: the manifest says "warnings 0" */
	int prev_quiet; /* the previous manifest said so */
	int has_manifest;
	struct timespec manifest_time; /* when the previous manifest was written */
	bc_list prev, next;
	fh_cache *fh; /* the files' digests: the previous build's, this one's (filehash.h) */
};

/* A path the manifest may name: relative, printable, no ".", ".." or empty part. */
int bc_safe_path(const char *p);
/* path is the group's own or inside it */
int bc_in_group(const char *path, const char *group);
bc_group *bc_add_group(bc_list *l, const char *name);
int bc_add_entry(bc_group *g, const char *path, long long size);
/* Its entries and note freed: a group with no file. */
void bc_clear_group(bc_group *g);
void bc_free_list(bc_list *l);

#endif
