/* filehash.c - build/filehash.h: the inputs' digests and the stat cache. */
#include "build/filehash.h"
#include "util/grow.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PATH_LONGEST 4095
#define SEC_LARGEST (1LL << 62) /* a time beyond is not one a file system gives */

typedef struct fh_entry {
	char *path; /* as the build named it: absolute or relative to where it ran */
	unsigned long long dev, ino;
	long long size;
	struct timespec mtime, ctime;
	unsigned char d[BLAKE2B_OUT];
} fh_entry;

typedef struct fh_list {
	fh_entry *v;
	size_t n, cap;
} fh_list;

struct fh_cache {
	int reuse;
	fh_list prev;             /* the previous build's, in byte order of the paths */
	fh_list next;             /* this build's, in the order digested */
	int has_prev_start, started;
	struct timespec prev_start, start; /* the `hashed` times */
	size_t nread, nreused;
};

fh_cache *fh_new(int reuse)
{
	fh_cache *f = calloc(1, sizeof *f);
	if (f)
		f->reuse = reuse;
	return f;
}

static void free_list(fh_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].path);
	free(l->v);
	memset(l, 0, sizeof *l);
}

void fh_free(fh_cache *f)
{
	if (!f)
		return;
	free_list(&f->prev);
	free_list(&f->next);
	free(f);
}

/* A path a `stat` line may name: what ends the line or its fields is not in it. */
static int path_ok(const char *p)
{
	size_t n = 0;
	for (; p[n]; n++)
		if ((unsigned char)p[n] < 0x20 || p[n] == 0x7f || n >= PATH_LONGEST)
			return 0;
	return n > 0;
}

static int add(fh_list *l, const fh_entry *e, const char *path)
{
	if (GROW_FOR_ONE(l->v, l->n, l->cap, 256) != 0)
		return -1;
	l->v[l->n] = *e;
	if (!(l->v[l->n].path = strdup(path)))
		return -1;
	l->n++;
	return 0;
}

/* ---- reading the previous build's lines --------------------------------------- */

/* A decimal number at *p (digits only, below 2^64); *p moves past it. */
static int num(const char **p, unsigned long long *v)
{
	const char *s = *p;
	unsigned long long x = 0;
	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		unsigned dg = (unsigned)(*s - '0');
		if (x > (ULLONG_MAX - dg) / 10)
			return -1;
		x = x * 10 + dg;
	}
	*v = x;
	*p = s;
	return 0;
}

/* [-]SECONDS.NANOSECONDS (nine digits), as fh_write writes a timespec */
static int time_at(const char **p, struct timespec *t)
{
	unsigned long long sec, ns;
	const char *frac;
	int neg = **p == '-';
	*p += neg;
	if (num(p, &sec) != 0 || sec > (unsigned long long)SEC_LARGEST || (neg && !sec) ||
	    **p != '.')
		return -1;
	frac = ++*p;
	if (num(p, &ns) != 0 || *p - frac != 9)
		return -1;
	t->tv_sec = (time_t)(neg ? -(long long)sec : (long long)sec);
	t->tv_nsec = (long)ns;
	return (long long)t->tv_sec == (neg ? -(long long)sec : (long long)sec) ? 0 : -1;
}

static int digest_at(const char **p, unsigned char d[BLAKE2B_OUT])
{
	for (int i = 0; i < 2 * BLAKE2B_OUT; i++) {
		char ch = (*p)[i];
		unsigned v = ch >= '0' && ch <= '9' ? (unsigned)(ch - '0')
		             : ch >= 'a' && ch <= 'f' ? (unsigned)(ch - 'a' + 10) : 16u;
		if (v > 15)
			return -1;
		d[i / 2] = (unsigned char)(i % 2 ? d[i / 2] | v : v << 4);
	}
	*p += 2 * BLAKE2B_OUT;
	return 0;
}

/* "DEV INO SIZE MTIME CTIME DIGEST PATH"; the path is the rest of the line */
static const char *parse_stat(const char *a, fh_entry *e)
{
	unsigned long long size;
	if (num(&a, &e->dev) || *a++ != ' ' || num(&a, &e->ino) || *a++ != ' ' ||
	    num(&a, &size) || size > (unsigned long long)LLONG_MAX || *a++ != ' ' ||
	    time_at(&a, &e->mtime) || *a++ != ' ' || time_at(&a, &e->ctime) || *a++ != ' ' ||
	    digest_at(&a, e->d) || *a++ != ' ' || !path_ok(a))
		return NULL;
	e->size = (long long)size;
	return a;
}

int fh_read_line(fh_cache *f, const char *kind, const char *arg)
{
	fh_entry e;
	const char *path;
	if (!strcmp(kind, "hashed")) {
		if (f->has_prev_start || time_at(&arg, &f->prev_start) != 0 || *arg)
			return -1;
		f->has_prev_start = 1;
		return 1;
	}
	if (strcmp(kind, "stat") != 0)
		return 0;
	if (!f->reuse) /* never used: not even read */
		return 1;
	if (!f->has_prev_start || !(path = parse_stat(arg, &e)) ||
	    (f->prev.n && strcmp(f->prev.v[f->prev.n - 1].path, path) >= 0))
		return -1;
	return add(&f->prev, &e, path) == 0 ? 1 : -1;
}

/* ---- digesting -------------------------------------------------------------- */

static int cmp_path(const void *key, const void *entry)
{
	return strcmp((const char *)key, ((const fh_entry *)entry)->path);
}

static int same_time(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec == b->tv_sec && a->tv_nsec == b->tv_nsec;
}

/* t is at least FH_RACY_SECONDS before start (|start| < 2^62: no overflow) */
static int old_enough(const struct timespec *t, const struct timespec *start)
{
	time_t limit = start->tv_sec - FH_RACY_SECONDS;
	return t->tv_sec < limit || (t->tv_sec == limit && t->tv_nsec <= start->tv_nsec);
}

/* The previous build's digest of path, when it may be trusted without reading it.
 *
 * The identity is every field of stat(2) a change of the bytes moves: the same device
 * and inode (not another file put in its place), the same size, the same modification
 * time, and the same status-change time (ctime). ctime is the one no user sets: touch
 * -d and utimensat(2) set mtime (to a value the file had before, say) but the kernel sets
 * ctime to the current time on every write and every utimensat. Yet a write in the same
 * clock tick as the one the previous build read the file in leaves every field as it
 * read it: timestamps are taken from the kernel's coarse clock (a tick, up to 10 ms,
 * behind CLOCK_REALTIME) and some file systems keep whole seconds (FAT: two). So a
 * recorded digest is trusted only for a file whose mtime and ctime are both at least
 * FH_RACY_SECONDS before the previous build started hashing: any write after that start
 * gives a later ctime than the one recorded (git's "racy clean" rule). */
static const fh_entry *trusted(const fh_cache *f, const char *path, const struct stat *st)
{
	const fh_entry *e;
	if (!f->reuse || !f->has_prev_start || !st || !S_ISREG(st->st_mode) || !f->prev.n)
		return NULL;
	e = bsearch(path, f->prev.v, f->prev.n, sizeof *f->prev.v, cmp_path);
	if (!e || e->dev != (unsigned long long)st->st_dev ||
	    e->ino != (unsigned long long)st->st_ino || e->size != (long long)st->st_size ||
	    !same_time(&e->mtime, &st->st_mtim) || !same_time(&e->ctime, &st->st_ctim) ||
	    !old_enough(&st->st_mtim, &f->prev_start) || !old_enough(&st->st_ctim, &f->prev_start))
		return NULL;
	return e;
}

static void record(fh_cache *f, const char *path, const struct stat *st,
                   const unsigned char d[BLAKE2B_OUT])
{
	fh_entry e;
	if (!path_ok(path))
		return;
	e.dev = (unsigned long long)st->st_dev;
	e.ino = (unsigned long long)st->st_ino;
	e.size = (long long)st->st_size;
	e.mtime = st->st_mtim;
	e.ctime = st->st_ctim;
	memcpy(e.d, d, BLAKE2B_OUT);
	add(&f->next, &e, path); /* without memory: not recorded, read again next time */
}

int fh_digest(fh_cache *f, const char *path, const struct stat *st,
              unsigned char d[BLAKE2B_OUT], long long *size, const char **why)
{
	unsigned char buf[65536];
	struct stat fst;
	const fh_entry *e;
	blake2b s;
	ssize_t got;
	int fd;
	if (!f->started) { /* before any file is looked at (the racy rule above) */
		clock_gettime(CLOCK_REALTIME, &f->start);
		f->started = 1;
	}
	if ((e = trusted(f, path, st)) != NULL) {
		memcpy(d, e->d, BLAKE2B_OUT);
		*size = e->size;
		f->nreused++;
		record(f, path, st, d);
		return 0;
	}
	/* O_NONBLOCK: a FIFO or a device among the inputs must not stall the key; the
	 * load refuses it with its own error (util/fsio) */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0 || fstat(fd, &fst) != 0 || !S_ISREG(fst.st_mode)) {
		*why = fd < 0 ? strerror(errno) : "not a regular file";
		if (fd >= 0)
			close(fd);
		return -1;
	}
	blake2b_init(&s);
	while ((got = read(fd, buf, sizeof buf)) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			*why = strerror(errno);
			close(fd);
			return -1;
		}
		blake2b_update(&s, buf, (size_t)got);
	}
	close(fd);
	blake2b_final(&s, d);
	*size = (long long)fst.st_size;
	f->nread++;
	/* the identity before the read: a write during it moves ctime past it */
	record(f, path, &fst, d);
	return 0;
}

void fh_counts(const fh_cache *f, size_t *read, size_t *reused)
{
	*read = f ? f->nread : 0;
	*reused = f ? f->nreused : 0;
}

/* ---- writing this build's lines ------------------------------------------------- */

/* by path; one path digested twice (a product: the build key, then its own group),
 * by the rest of the record too, so that the one kept does not depend on qsort */
static int cmp_entry(const void *pa, const void *pb)
{
	const fh_entry *a = pa, *b = pb;
	int r = strcmp(a->path, b->path);
	if (r)
		return r;
#define CMP(x) if (a->x != b->x) return a->x < b->x ? -1 : 1
	CMP(dev);
	CMP(ino);
	CMP(size);
	CMP(mtime.tv_sec);
	CMP(mtime.tv_nsec);
	CMP(ctime.tv_sec);
	CMP(ctime.tv_nsec);
#undef CMP
	return memcmp(a->d, b->d, BLAKE2B_OUT);
}

/* v in decimal at p; the end */
static char *put_num(char *p, unsigned long long v)
{
	char t[20];
	int n = 0;
	do
		t[n++] = (char)('0' + v % 10);
	while (v /= 10);
	while (n)
		*p++ = t[--n];
	return p;
}

/* " [-]SECONDS.NANOSECONDS" (time_at reads it) */
static char *put_time(char *p, const struct timespec *t)
{
	unsigned long long sec = (unsigned long long)t->tv_sec;
	*p++ = ' ';
	if (t->tv_sec < 0) {
		*p++ = '-';
		sec = 0 - sec;
	}
	p = put_num(p, sec);
	*p++ = '.';
	for (long ns = t->tv_nsec, k = 100000000; k; k /= 10)
		*p++ = (char)('0' + ns / k % 10);
	return p;
}

void fh_write(fh_cache *f, buf *b)
{
	char line[160 + PATH_LONGEST], *p = line;
	if (!f || !f->started)
		return;
	/* by hand, not printf: a thousand lines cost a tenth of what it did */
	buf_puts(b, "hashed");
	p = put_time(p, &f->start);
	*p++ = '\n';
	buf_append(b, line, (size_t)(p - line));
	if (f->next.n)
		qsort(f->next.v, f->next.n, sizeof *f->next.v, cmp_entry);
	for (size_t i = 0; i < f->next.n; i++) {
		const fh_entry *e = &f->next.v[i];
		size_t n = strlen(e->path);
		if (i > 0 && !strcmp(e->path, f->next.v[i - 1].path))
			continue;
		p = line;
		memcpy(p, "stat ", 5);
		p = put_num(p + 5, e->dev);
		*p++ = ' ';
		p = put_num(p, e->ino);
		*p++ = ' ';
		p = put_num(p, (unsigned long long)e->size);
		p = put_time(p, &e->mtime);
		p = put_time(p, &e->ctime);
		*p++ = ' ';
		for (int k = 0; k < BLAKE2B_OUT; k++) {
			*p++ = "0123456789abcdef"[e->d[k] >> 4];
			*p++ = "0123456789abcdef"[e->d[k] & 15];
		}
		*p++ = ' ';
		memcpy(p, e->path, n); /* path_ok: at most PATH_LONGEST bytes */
		p += n;
		*p++ = '\n';
		buf_append(b, line, (size_t)(p - line));
	}
}
