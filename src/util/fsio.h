/*
 * fsio.h - reading input files.
 *
 * Owns: the checks every input file passes before a parser sees it: it opens (no
 * symlink loop; non-blocking, so a FIFO or a device never makes regdoc wait), is a
 * regular file (checked with fstat on the open descriptor, before any read), fits the size limit, is not binary (no NUL byte)
 * and is valid UTF-8; and directory listings in a fixed (byte-wise sorted) order,
 * never readdir order.
 */
#ifndef REGDOC_FSIO_H
#define REGDOC_FSIO_H

#include <stddef.h>

#include <stdio.h>

#include "util/diag.h"

/* Read the whole file, NUL-terminated (the terminator is not counted in *len).
 * Diagnoses and returns -1 when it cannot be read or exceeds max_bytes. */
int fsio_read_file(const char *path, size_t max_bytes, char **buf, size_t *len, diag *d);

/* As fsio_read_file, and also refuse NUL bytes, invalid UTF-8 (with the line) and the
 * characters XML 1.0 forbids (C0 controls but TAB, LF, CR; U+FFFE, U+FFFF), with the
 * line and column: text that reaches graph.xml must be able to. */
int fsio_read_text(const char *path, size_t max_bytes, char **buf, size_t *len, diag *d);

/* Index of the first byte of invalid UTF-8 in s[0..len), or len when all is valid. */
size_t fsio_utf8_invalid_at(const char *s, size_t len);

typedef struct fsio_names {
	char **v;
	size_t n;
} fsio_names;

/* Names in dir (not "." or ".."), sorted with strcmp. Returns -1 with a diagnostic. */
int fsio_list_dir(const char *dir, fsio_names *out, diag *d);
/* The same, and *is_dir (malloc'd, one a name; the caller frees it) 1 for a folder (not
 * a symbolic link to one): what the listing says, no stat of each name. */
int fsio_list_dir_kinds(const char *dir, fsio_names *out, unsigned char **is_dir, diag *d);
void fsio_names_free(fsio_names *names);

/* Read all of stream f (e.g. stdin) into *buf (NUL-terminated); name in diagnostics.
 * More than max_bytes is an input error. */
int fsio_read_stream(FILE *f, size_t max_bytes, char **buf, size_t *len, const char *name,
                     diag *d);

/* "dir/name" in a new allocation. */
char *fsio_join(const char *dir, const char *name);

/* Writes len bytes of data to path, replacing it, or with FSIO_EXCLUSIVE only when it
 * does not exist yet (a file someone else put there is never overwritten). 0, or -1
 * with a diagnostic naming path. */
#define FSIO_EXCLUSIVE 1
int fsio_write_file(const char *path, const void *data, size_t len, int flags, diag *d);

/* All n bytes of p to the descriptor fd, through short writes and EINTR; 0, or -1
 * with errno set (EIO when the descriptor takes nothing). */
int fsio_write_all(int fd, const void *p, size_t n);

/* 1 when path exists as a directory, 0 otherwise. */
int fsio_is_dir(const char *path);

#endif
