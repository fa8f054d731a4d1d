/*
 * fuzz_cache_ref.h - the build cache's two files as doc/cache.md describes them, read
 * anew for fuzz_cache.c to check build/cache_manifest.c and build/filehash.c against:
 * the manifest OUTDIR/.regdoc-cache ("The manifest"; ref_manifest_read, and what
 * bcache_commit writes of it, ref_manifest_write) and the lines of the stat cache
 * OUTDIR/.regdoc-stat ("The stat cache"; ref_stat_take). Each rule is the doc's, quoted
 * where it says one; where it is silent, the writer's format (a timespec as fh_write
 * prints it, a key in lower case).
 */
#ifndef REGDOC_FUZZ_CACHE_REF_H
#define REGDOC_FUZZ_CACHE_REF_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fuzz_common.h"
#include "build/filehash.h"
#include "util/buf.h"

#define REF_MANIFEST_HEAD "regdoc-cache 1"
#define REF_NAMED 128 /* paths of an input kept for bcache_listed */

static inline void *ref_grow(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? 2 * *cap : 16;
	if (!(v = realloc(v, *cap * size)))
		fuzz_setup_failed("out of memory");
	return v;
}

static inline char *ref_copy(const uint8_t *data, size_t len)
{
	char *s = malloc(len + 1);
	if (!s)
		fuzz_setup_failed("out of memory");
	memcpy(s, data, len);
	s[len] = '\0';
	return s;
}

/* ---- the manifest as doc/cache.md "The manifest" describes it -------------------- */

typedef struct ref_entry {
	const char *path;
	long long size; /* -1: a folder */
} ref_entry;

typedef struct ref_group {
	const char *name, *key, *note; /* note: the line as written (escaped), or NULL */
	size_t first, n;               /* its entries */
} ref_group;

typedef struct ref_manifest {
	char *text;                    /* the input's copy, cut into records */
	int quiet;                     /* "warnings 0" */
	const char *build;             /* the build key's 64 digits, or NULL */
	ref_group *g;
	ref_entry *e;
	size_t ng, ne, gcap, ecap;
	const char *named[REF_NAMED];  /* the paths its lines name, taken or not */
	size_t nnamed;
} ref_manifest;

/* "Paths must be relative, printable, inside their group and without . or .. parts":
 * printable ASCII (a space ends the path), parts separated by single slashes. */
static inline int ref_path_ok(const char *p)
{
	const char *part = p;
	for (;; p++) {
		if (*p == '/' || !*p) {
			size_t n = (size_t)(p - part);
			if (!n || (n == 1 && part[0] == '.') || (n == 2 && !strncmp(part, "..", 2)))
				return 0;
			if (!*p)
				return 1;
			part = p + 1;
		} else if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f) {
			return 0;
		}
	}
}

static inline int ref_in_group(const char *p, const char *g)
{
	size_t n = strlen(g);
	return !strncmp(p, g, n) && (!p[n] || p[n] == '/');
}

/* "64 hex digits", as the writer prints them (lower case) */
static inline int ref_hex64(const char *s)
{
	size_t n = 0;
	while ((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f'))
		n++;
	return n == 64 && !s[n];
}

/* a size in bytes: decimal digits */
static inline int ref_size(const char *s, long long *v)
{
	unsigned long long x = 0;
	if (!*s)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || x > ((unsigned long long)LLONG_MAX - (unsigned)(*s - '0')) / 10)
			return 0;
		x = x * 10 + (unsigned)(*s - '0');
	}
	*v = (long long)x;
	return 1;
}

/* a note line: "backslash, newline, carriage return and tab escaped as \\, \n, \r,
 * \t" (doc/cache.md, "The products page"); no other control character */
static inline int ref_note_ok(const char *s)
{
	for (; *s; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
		if (*s == '\\' && (!*++s || !strchr("\\nrt", *s)))
			return 0;
	}
	return 1;
}

static inline void ref_name(ref_manifest *m, const char *kind, const char *path)
{
	if (path && m->nnamed < REF_NAMED &&
	    (!strcmp(kind, "group") || !strcmp(kind, "dir") || !strcmp(kind, "file")))
		m->named[m->nnamed++] = path;
}

/* One record of the manifest: 1 taken, 0 the reading stops here. */
static inline int ref_record(ref_manifest *m, const char *kind, char *arg, char *rest)
{
	ref_group *g = m->ng ? &m->g[m->ng - 1] : NULL;
	long long size;
	if (!strcmp(kind, "warnings") && !g) {
		m->quiet = !strcmp(arg, "0");
	} else if (!strcmp(kind, "build") && !g && !m->build) {
		if (!ref_hex64(arg))
			return 0;
		m->build = arg;
	} else if (!strcmp(kind, "group")) {
		if (!rest || !ref_path_ok(arg) || !ref_hex64(rest))
			return 0;
		m->g = ref_grow(m->g, m->ng, &m->gcap, sizeof *m->g);
		m->g[m->ng++] = (ref_group){arg, rest, NULL, m->ne, 0};
	} else if (g && (!strcmp(kind, "dir") || !strcmp(kind, "file"))) {
		if (kind[0] == 'd')
			size = -1;
		else if (!rest || !ref_size(rest, &size))
			return 0;
		if (!ref_path_ok(arg) || !ref_in_group(arg, g->name))
			return 0;
		m->e = ref_grow(m->e, m->ne, &m->ecap, sizeof *m->e);
		m->e[m->ne++] = (ref_entry){arg, size};
		g->n++;
	} else if (g && !strcmp(kind, "note") && !g->note) {
		if (!ref_note_ok(arg))
			return 0;
		g->note = arg;
	} else {
		return 0;
	}
	return 1;
}

/* The manifest text[0..len): "one record a line"; "the reading stops at the first
 * line that is not well formed". Every line's path is kept in named. */
static inline void ref_manifest_read(ref_manifest *m, const uint8_t *data, size_t len)
{
	char *line, *next;
	int reading;
	memset(m, 0, sizeof *m);
	line = m->text = ref_copy(data, len);
	next = strchr(line, '\n');
	reading = next && !strncmp(line, REF_MANIFEST_HEAD "\n", strlen(REF_MANIFEST_HEAD) + 1);
	for (line = next ? next + 1 : line + len; *line; line = next) {
		char *end = strchr(line, '\n'), *arg = strchr(line, ' '), *rest = NULL;
		next = end ? end + 1 : line + strlen(line);
		if (end)
			*end = '\0';
		if (arg) {
			*arg++ = '\0';
			if ((!strcmp(line, "group") || !strcmp(line, "file")) && (rest = strchr(arg, ' ')))
				*rest++ = '\0'; /* "group NAME KEY", "file PATH SIZE" */
		}
		ref_name(m, line, arg);
		reading = reading && end && arg && ref_record(m, line, arg, rest);
	}
}

static inline void ref_manifest_free(ref_manifest *m)
{
	free(m->g);
	free(m->e);
	free(m->text);
}

/* The first entry listing path: what bcache_listed finds. */
static inline const ref_entry *ref_listed(const ref_manifest *m, const char *path)
{
	for (size_t i = 0; i < m->ne; i++)
		if (!strcmp(m->e[i].path, path))
			return &m->e[i];
	return NULL;
}

static inline int ref_wrote_under(const ref_manifest *m, const char *top)
{
	size_t n = strlen(top);
	for (size_t i = 0; i < m->ng; i++)
		if (!strncmp(m->g[i].name, top, n) && m->g[i].name[n] == '/')
			return 1;
	return 0;
}

/* The manifest bcache_commit writes of these groups, every one taken over: records in
 * their canonical form, the build key `build` (doc/cache.md, "The manifest"). */
static inline void ref_manifest_write(const ref_manifest *m, const char *build, buf *b)
{
	buf_puts(b, REF_MANIFEST_HEAD "\n");
	buf_printf(b, "build %s\n", build);
	if (m->quiet)
		buf_puts(b, "warnings 0\n");
	for (size_t i = 0; i < m->ng; i++) {
		const ref_group *g = &m->g[i];
		buf_printf(b, "group %s %s\n", g->name, g->key);
		for (size_t k = g->first; k < g->first + g->n; k++)
			if (m->e[k].size < 0)
				buf_printf(b, "dir %s\n", m->e[k].path);
			else
				buf_printf(b, "file %s %lld\n", m->e[k].path, m->e[k].size);
		if (g->note)
			buf_printf(b, "note %s\n", g->note);
	}
}

/* ---- the stat cache as doc/cache.md "The stat cache" describes it ---------------- */

typedef struct ref_stat {
	unsigned long long dev, ino, size;
	struct timespec mt, ct;
	unsigned char d[BLAKE2B_OUT];
	const char *path;
} ref_stat;

/* decimal digits, below 2^64; the end, or NULL */
static inline const char *ref_num(const char *p, unsigned long long *v)
{
	unsigned long long x = 0;
	const char *s = p;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (x > (ULLONG_MAX - (unsigned)(*s - '0')) / 10)
			return NULL;
		x = x * 10 + (unsigned)(*s - '0');
	}
	*v = x;
	return s > p ? s : NULL;
}

/* "seconds and nine digits of nanoseconds", a timespec as the writer prints it:
 * "-" only before a negative tv_sec (not "-0"), at most 2^62 seconds (a time no file
 * system gives is not a record's) */
static inline const char *ref_time(const char *p, struct timespec *t)
{
	unsigned long long sec, ns;
	const char *frac;
	int neg = *p == '-';
	if (!(p = ref_num(p + neg, &sec)) || sec > (1ULL << 62) || (neg && !sec) || *p != '.')
		return NULL;
	frac = p + 1;
	if (!(p = ref_num(frac, &ns)) || p - frac != 9)
		return NULL;
	t->tv_sec = (time_t)(neg ? -(long long)sec : (long long)sec);
	t->tv_nsec = (long)ns;
	return p;
}

/* "DEV INO SIZE MTIME CTIME DIGEST PATH": the path the rest of the line, "not a
 * control character (below 0x20, or 0x7f), and at most 4,095 bytes" */
static inline int ref_stat_line(const char *a, ref_stat *r)
{
	size_t n;
	if (!(a = ref_num(a, &r->dev)) || *a++ != ' ' || !(a = ref_num(a, &r->ino)) ||
	    *a++ != ' ' || !(a = ref_num(a, &r->size)) || r->size > (unsigned long long)LLONG_MAX ||
	    *a++ != ' ' || !(a = ref_time(a, &r->mt)) || *a++ != ' ' ||
	    !(a = ref_time(a, &r->ct)) || *a++ != ' ')
		return 0;
	for (int i = 0; i < 2 * BLAKE2B_OUT; i++) {
		const char *hex = "0123456789abcdef", *at = a[i] ? strchr(hex, a[i]) : NULL;
		if (!at)
			return 0;
		r->d[i / 2] = (unsigned char)(i % 2 ? r->d[i / 2] | (at - hex) : (at - hex) << 4);
	}
	a += 2 * BLAKE2B_OUT;
	if (*a++ != ' ')
		return 0;
	for (n = 0; a[n]; n++)
		if ((unsigned char)a[n] < 0x20 || a[n] == 0x7f)
			return 0;
	r->path = a;
	return n > 0 && n <= 4095;
}

typedef struct ref_stats {
	int reuse, has_hashed;
	struct timespec hashed;
	const char *last; /* the last record's path */
} ref_stats;

/* One line, "KIND ARG": 1 taken, 0 not the stat cache's, -1 not well formed or out
 * of order ("stat lines come after the hashed line ... in byte order of their paths";
 * with reuse 0 a stat line is not even read). */
static inline int ref_stat_take(ref_stats *s, const char *kind, const char *arg, ref_stat *r)
{
	const char *end;
	struct timespec t;
	if (!strcmp(kind, "hashed")) {
		if (s->has_hashed || !(end = ref_time(arg, &t)) || *end)
			return -1;
		s->has_hashed = 1;
		s->hashed = t;
		return 1;
	}
	if (strcmp(kind, "stat"))
		return 0;
	if (!s->reuse)
		return 1;
	if (!s->has_hashed || !ref_stat_line(arg, r) || (s->last && strcmp(s->last, r->path) >= 0))
		return -1;
	s->last = r->path;
	return 1;
}

/* "at least 2 seconds older than when that build started hashing" */
static inline int ref_old_enough(const struct timespec *t, const struct timespec *hashed)
{
	return t->tv_sec + FH_RACY_SECONDS < hashed->tv_sec ||
	       (t->tv_sec + FH_RACY_SECONDS == hashed->tv_sec && t->tv_nsec <= hashed->tv_nsec);
}

static inline int cmp_record(const void *key, const void *r)
{
	return strcmp((const char *)key, ((const ref_stat *)r)->path);
}

#endif
