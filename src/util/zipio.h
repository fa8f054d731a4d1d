/*
 * zipio.h - ZIP containers (DOCX, ODT) through libzip: writing one from parts in
 * memory, reading one member of one. The container format is libzip's job; this module
 * only makes it deterministic (the parts in the order given, one fixed modification
 * time, no extra fields) and bounded (a member larger than max is refused unread).
 */
#ifndef REGDOC_ZIPIO_H
#define REGDOC_ZIPIO_H

#include <stddef.h>
#include <time.h>

#include "util/diag.h"

typedef struct zipio_part {
	const char *name; /* path in the container: "word/document.xml" */
	const char *data;
	size_t len;
	int store; /* 1: uncompressed (an ODF package's mimetype, which comes first) */
} zipio_part;

/* A ZIP archive of parts[0..n) in that order, every entry dated mtime (UTC seconds;
 * stored with the DOS date's 2-second precision, at least 1980-01-01), into a new
 * buffer (*out, *len; free() it). name is for diagnostics. 0, or -1 with a diagnostic. */
int zipio_write_memory(const zipio_part *parts, size_t n, time_t mtime, const char *name,
                       char **out, size_t *len, diag *d);

/* The member named member of the archive at path, into a new NUL-terminated buffer.
 * 0; 1 when the archive has no such member (no diagnostic); -1 with a diagnostic when
 * path is no readable ZIP archive or the member is larger than max bytes. */
int zipio_read_member(const char *path, const char *member, size_t max, char **buf,
                      size_t *len, diag *d);

#endif
