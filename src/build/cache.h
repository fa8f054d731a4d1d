/*
 * cache.h - incremental builds: what `regdoc build` takes over from its previous output.
 *
 * Owns: the key of each output group (a BLAKE2b-256 hash of everything the group depends on),
 * the key manifest kept in the output (OUTDIR/.regdoc-cache, doc/cache.md) and the
 * inputs' stat cache beside it (OUTDIR/.regdoc-stat, build/filehash.h), and taking
 * an unchanged group over from the previous output into the new temporary folder (a
 * hard link per file; a copy where a link is impossible). The swap of the temporary
 * folders into place stays with fsout: the cache only fills them.
 *
 * A group is one output file or folder, named by its path under OUTDIR: "ID/graph.xml",
 * "ID/site", "ID/products/STEM", "links.xml", "index.html". Its key covers
 *   BCACHE_GRAPH:  the regdoc code (the bytes of libregdoc.so, or of the executable it
 *                  is linked into, so a rebuilt regdoc is a new version), the options
 *                  given to bcache_inputs, the shipped schemas
 *                  and suggest word lists, and every regulation folder of the library
 *                  (pages, manifest, contents, relations, rules; not products/);
 *   BCACHE_RENDER: all that and the whole templates folder;
 * and the group's own input files when there are (a product description and its
 * answers file, present or not). Files
 * count by their bytes (the digest of them, which build/filehash.h takes from the
 * stat cache, OUTDIR/.regdoc-stat, for a file that did not change) and their names; the folders given
 * and the input file also by their paths as given (outputs name them: a graph's
 * src="corpus/cra/articles/...").
 *
 * Every function takes a NULL cache (no memory, or not wanted): nothing is reused, the
 * caller builds everything. Nothing here names a regulation or a template.
 */
#ifndef REGDOC_BUILD_CACHE_H
#define REGDOC_BUILD_CACHE_H

#include <stddef.h>
#include <time.h>

#include "util/diag.h"

typedef struct bcache bcache;

typedef enum bcache_kind { BCACHE_GRAPH, BCACHE_RENDER } bcache_kind;

/* The cache of outdir: what its manifest says the previous build wrote. reuse = 0
 * (--no-cache): take nothing over, still record what is built. NULL without memory. */
bcache *bcache_open(const char *outdir, int reuse);
void bcache_free(bcache *c);

/* What the previous build wrote (its manifest, read by bcache_open whatever reuse):
 * 1 when it lists the file rel (a path under OUTDIR) with *size (-1: a folder); 0 when
 * not; -1 when there is no manifest. *written: when the manifest was written (every
 * file of that build was in place by then). For build/written.h. */
int bcache_listed(const bcache *c, const char *rel, long long *size, struct timespec *written);

/* 1 when the previous build wrote a group under the folder top ("ai-act"). */
int bcache_wrote_under(const bcache *c, const char *top);

/* What every group depends on: the regulation folders the build reads (in the
 * library's order), the data folder (its templates/schema and templates/suggest), the
 * templates folder, and a string of the options that change the output; run: the
 * other options of the run (what it reports or refuses), for bcache_replay only, which
 * also covers every products/ folder. -1 without memory (the cache then reuses
 * nothing); an unreadable file is hashed as unreadable. */
int bcache_inputs(bcache *c, const char *const *regdirs, size_t n, const char *datadir,
                  const char *templates, const char *options, const char *run);

/* Nothing changed since the previous build (the same inputs, products and run
 * options): put every group it wrote back in place (taken over into temporary folders,
 * swapped in, the manifest written) without building anything. 1 done; 0 not possible
 * (nothing touched: build as usual); -1 a swap failed (diagnosed). */
int bcache_replay(bcache *c, diag *d);

/* The build being committed may not be replayed by the next one: it printed warnings,
 * which a replay (no library load) would not print again. The next build loads the
 * library, so says them again, and still takes over every group that did not change. */
void bcache_no_replay(bcache *c);

/* The build being committed printed no warning: the manifest says so ("warnings 0"),
 * and the next build may read its graphs back (bcache_read). */
void bcache_quiet(bcache *c);
/* The file rel (a path under OUTDIR) of the previous build's group `group` (of this
 * kind, no input file) into *text (malloc'd, NUL-terminated; *len bytes): 1 when that
 * build printed no warning (bcache_quiet), wrote the group with the key it has now, and
 * rel is listed in it and is still the file it wrote (a regular file of the listed size,
 * not modified since the manifest was written); else 0 and *text NULL. A graph read
 * back this way is the one the graph stage would build (doc/cache.md, "The graph
 * stage"): its parse is still the caller's to check. */
int bcache_read(const bcache *c, const char *group, bcache_kind kind, const char *rel,
                char **text, size_t *len);
/* What bcache_read gave of group is not what that build wrote (it does not parse as
 * one): the group is never taken over, nor read again, in this build; when it was
 * taken over already, it leaves the new manifest unless made again (bcache_keep). */
void bcache_distrust(bcache *c, const char *group);
/* Group `group` of this kind (and its input file, or NULL): 1 when the previous output
 * has it with the same key and it is now at dest (every file linked or copied); 0 when
 * the caller must build it at dest, then call bcache_keep. */
int bcache_take(bcache *c, const char *group, bcache_kind kind, const char *input,
                const char *dest);

/* The same for a group with several input files (a product and its answers): each
 * counts by its path and bytes, one that does not exist as missing. */
int bcache_take_inputs(bcache *c, const char *group, bcache_kind kind,
                       const char *const *inputs, size_t ninputs, const char *dest);

/* Record what the caller built at dest for the group last passed to bcache_take, or
 * for one bcache_distrust took back after it was taken over (made again at dest). */
void bcache_keep(bcache *c, const char *group, const char *dest);
/* The same for a group whose making reported warnings: its files are listed (they are
 * the build's, build/written.h) under a key of zeros, which no inputs hash to, so the
 * next build makes it again and says them again (doc/cache.md, "What a rebuild says"). */
void bcache_keep_once(bcache *c, const char *group, const char *dest);

/* What a later build may need of a group's files without reading them (the products
 * page's entry of a product, site/products.html): one line of text kept with the group
 * in the manifest, and taken over with it. bcache_set_note: of a group of this build
 * (taken over or kept; else nothing); bcache_note: its note, the previous build's for a
 * group taken over, or NULL (none: read the files). */
void bcache_set_note(bcache *c, const char *group, const char *note);
const char *bcache_note(const bcache *c, const char *group);

/* Before the first swap into OUTDIR: remove the previous manifest, so that an output
 * swapped in without its keys is never taken for its previous version. */
void bcache_forget(bcache *c);

/* After the last swap: write OUTDIR/.regdoc-cache (in a temporary file, then moved),
 * then the stat cache beside it, OUTDIR/.regdoc-stat (build/filehash.h). */
int bcache_commit(bcache *c, diag *d);

#endif
