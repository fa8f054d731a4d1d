/*
 * filehash.h - the digest of an input file, and the stat cache that spares reading an
 * unchanged one again (like git's index or ninja's log).
 *
 * Owns: the BLAKE2b-256 digest of a file's bytes, which build/cache.c feeds into a key
 * in place of the bytes; and the record of every file digested in a build: its path
 * as the build named it, its stat identity (device, inode, size, modification and
 * status-change times in nanoseconds) and its digest, kept in OUTDIR/.regdoc-stat as `stat`
 * lines after a `hashed` line (when this build started hashing). The next build takes
 * a recorded digest without reading the file only when the file's identity is the one
 * recorded and both its times are at least FH_RACY_SECONDS older than the recorded
 * `hashed` time (doc/cache.md, "What the cache trusts"). Nothing here opens a path
 * because the stat cache names it: a `stat` line is only looked up for a path the build
 * digests anyway.
 */
#ifndef REGDOC_BUILD_FILEHASH_H
#define REGDOC_BUILD_FILEHASH_H

#include <stddef.h>
#include <sys/stat.h>

#include "util/blake2b.h"
#include "util/buf.h"

/* How much older than the previous build's start a file's times must be for its
 * recorded digest to be trusted: file systems with 1 or 2 s timestamps (FAT's are 2 s)
 * and the kernel's coarse clock (file times lag CLOCK_REALTIME by up to a tick) let a
 * write just after the previous build read the file keep the times it read. */
#define FH_RACY_SECONDS 2

typedef struct fh_cache fh_cache;

/* A stat cache; reuse = 0 (--no-cache): every file is read, the previous records are
 * not even parsed, this build's are still kept for fh_write. NULL without memory. */
fh_cache *fh_new(int reuse);
void fh_free(fh_cache *f);

/* One line of .regdoc-stat, "KIND ARG" split at its first space: 1 when it is one of
 * the stat cache's (`hashed`, `stat`) and well formed, and taken (with reuse = 0, a
 * `stat` line is skipped unread); 0 when KIND is not the stat cache's; -1 when it is
 * but is not well formed, or not in order (`stat` lines come after the one `hashed`
 * line, their paths in strictly increasing byte order): the reader stops there, the
 * records before it stay. */
int fh_read_line(fh_cache *f, const char *kind, const char *arg);

/* The digest of the file at path into d and its size into *size: 0; -1 when it cannot
 * be read (*why: an error or "not a regular file", to be used at once). st: what a
 * stat(2) of path just said, or NULL; a regular file whose st is the identity recorded
 * by the previous build, old enough, is not read. Every file read or reused is
 * recorded for fh_write; a path of no byte below 0x20, nor 0x7f, at most 4095 bytes,
 * only then (another is read every time). */
int fh_digest(fh_cache *f, const char *path, const struct stat *st,
              unsigned char d[BLAKE2B_OUT], long long *size, const char **why);

/* Of the fh_digest calls so far: how many files were read, how many reused. */
void fh_counts(const fh_cache *f, size_t *read, size_t *reused);

/* This build's `hashed` line (when it first called fh_digest; none when it did not)
 * and its `stat` lines, one per path, in byte order of the paths. */
void fh_write(fh_cache *f, buf *b);

#endif
