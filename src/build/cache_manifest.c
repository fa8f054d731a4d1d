/*
 * cache_manifest.c - the build cache's records (build/cache_impl.h): OUTDIR/.regdoc-cache,
 * the manifest of the groups the previous build wrote, read and written; and
 * OUTDIR/.regdoc-stat, the inputs' stat cache (build/filehash.h) beside it
 * (doc/cache.md, "The manifest", "The stat cache").
 */
#include "build/cache_impl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fsio.h"
#include "util/fsout.h"
#include "util/grow.h"

/* A path the manifest may name: relative, printable ASCII, no ".", ".." or empty part
 * (bytes above 0x7e are refused whether char is signed or not). */
int bc_safe_path(const char *p)
{
	const char *part = p;
	if (!*p || *p == '/')
		return 0;
	for (const char *q = p;; q++) {
		if (*q == '/' || !*q) {
			size_t n = (size_t)(q - part);
			if (!n || (n == 1 && part[0] == '.') || (n == 2 && part[0] == '.' && part[1] == '.'))
				return 0;
			if (!*q)
				return 1;
			part = q + 1;
		} else if ((unsigned char)*q <= ' ' || (unsigned char)*q >= 0x7f) {
			return 0;
		}
	}
}

/* path is the group's own or inside it */
int bc_in_group(const char *path, const char *group)
{
	size_t n = strlen(group);
	return !strncmp(path, group, n) && (!path[n] || path[n] == '/');
}

bc_group *bc_add_group(bc_list *l, const char *name)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		bc_group *v = realloc(l->v, cap * sizeof *v);
		if (!v)
			return NULL;
		l->v = v;
		l->cap = cap;
	}
	memset(&l->v[l->n], 0, sizeof l->v[l->n]);
	if (!(l->v[l->n].name = strdup(name)))
		return NULL;
	return &l->v[l->n++];
}

int bc_add_entry(bc_group *g, const char *path, long long size)
{
	if (GROW_FOR_ONE(g->e, g->n, g->cap, 16) != 0)
		return -1;
	if (!(g->e[g->n].path = strdup(path)))
		return -1;
	g->e[g->n++].size = size;
	return 0;
}

void bc_clear_group(bc_group *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->e[i].path);
	free(g->e);
	g->e = NULL;
	g->n = g->cap = 0;
	free(g->note);
	g->note = NULL;
}

/* A note as one manifest line: backslash, newline, carriage return and tab escaped. */
static void put_note(buf *b, const char *note)
{
	for (const unsigned char *p = (const unsigned char *)note; *p; p++)
		if ((*p < 0x20 && *p != '\n' && *p != '\r' && *p != '\t') || *p == 0x7f)
			return; /* not text XML can hold: no note (the next build reads the files) */
	buf_puts(b, "note ");
	for (const char *p = note; *p; p++)
		switch (*p) {
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		default: buf_putc(b, *p);
		}
	buf_putc(b, '\n');
}

/* put_note's line back, in place; -1 when it is not one put_note writes. */
static int unescape_note(char *s)
{
	char *w = s;
	for (const char *r = s; *r; r++) {
		unsigned char ch = (unsigned char)*r;
		if (ch < 0x20 || ch == 0x7f)
			return -1;
		if (ch != '\\') {
			*w++ = *r;
			continue;
		}
		switch (*++r) {
		case '\\': *w++ = '\\'; break;
		case 'n': *w++ = '\n'; break;
		case 'r': *w++ = '\r'; break;
		case 't': *w++ = '\t'; break;
		default: return -1;
		}
	}
	*w = '\0';
	return 0;
}

void bc_free_list(bc_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		bc_clear_group(&l->v[i]);
		free(l->v[i].name);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

static int unhex(const char *h, unsigned char out[32])
{
	for (int i = 0; i < 32; i++) {
		unsigned v = 0;
		for (int k = 0; k < 2; k++) {
			char ch = h[2 * i + k];
			v <<= 4;
			if (ch >= '0' && ch <= '9')
				v |= (unsigned)(ch - '0');
			else if (ch >= 'a' && ch <= 'f')
				v |= (unsigned)(ch - 'a' + 10);
			else
				return -1;
		}
		out[i] = (unsigned char)v;
	}
	return h[64] == '\0' ? 0 : -1;
}

/* The previous manifest; anything it says that is not well formed ends the reading
 * (what was read before stays usable: each group is checked file by file on reuse). */
static void read_manifest(bcache *c)
{
	char *path = fsio_join(c->outdir, MANIFEST_NAME), *text = NULL, *line, *next;
	size_t len;
	diag quiet;
	bc_group *g = NULL;
	struct stat st;
	diag_init(&quiet, NULL);
	if (!path || fsio_read_file(path, MANIFEST_MAX, &text, &len, &quiet) != 0) {
		free(path);
		return;
	}
	if (stat(path, &st) == 0) {
		c->has_manifest = 1;
		c->manifest_time = st.st_mtim;
	}
	free(path);
	line = text;
	next = strchr(line, '\n');
	if (!next || (size_t)(next - line) != strlen(MANIFEST_HEAD) ||
	    strncmp(line, MANIFEST_HEAD, strlen(MANIFEST_HEAD)) != 0) {
		free(text);
		return;
	}
	for (line = next + 1; *line; line = next + 1) {
		char *sp, *arg;
		if (!(next = strchr(line, '\n')))
			break;
		*next = '\0';
		sp = strchr(line, ' ');
		if (!sp)
			break;
		*sp = '\0';
		arg = sp + 1;
		if (!strcmp(line, "warnings") && !g) {
			c->prev_quiet = !strcmp(arg, "0");
		} else if (!strcmp(line, "build") && !g && !c->has_prev_build) {
			if (unhex(arg, c->prev_build) != 0)
				break;
			c->has_prev_build = 1;
		} else if (!strcmp(line, "group")) {
			char *k = strchr(arg, ' ');
			unsigned char key[32];
			if (!k)
				break;
			*k = '\0';
			if (!bc_safe_path(arg) || unhex(k + 1, key) != 0 || !(g = bc_add_group(&c->prev, arg)))
				break;
			memcpy(g->key, key, sizeof key);
		} else if (g && !strcmp(line, "dir")) {
			if (!bc_safe_path(arg) || !bc_in_group(arg, g->name) || bc_add_entry(g, arg, -1) != 0)
				break;
		} else if (g && !strcmp(line, "file")) {
			char *sz = strchr(arg, ' '), *end;
			long long size;
			if (!sz)
				break;
			*sz = '\0';
			errno = 0;
			size = strtoll(sz + 1, &end, 10);
			/* digits only: strtoll also takes "", " 5" and "+5" */
			if (sz[1] < '0' || sz[1] > '9' || errno || *end || size < 0 || !bc_safe_path(arg) ||
			    !bc_in_group(arg, g->name) ||
			    bc_add_entry(g, arg, size) != 0)
				break;
		} else if (g && !strcmp(line, "note") && !g->note) {
			if (unescape_note(arg) != 0 || !(g->note = strdup(arg)))
				break;
		} else {
			break;
		}
	}
	free(text);
}

/* The previous build's stat cache, to its first line that is not well formed (the
 * lines before it stay usable; a file not recorded is read). */
static void read_stats(bcache *c)
{
	char *path = fsio_join(c->outdir, STATS_NAME), *text = NULL, *line, *next;
	size_t len;
	diag quiet;
	diag_init(&quiet, NULL);
	if (!path || fsio_read_file(path, MANIFEST_MAX, &text, &len, &quiet) != 0) {
		free(path);
		return;
	}
	free(path);
	next = strchr(text, '\n');
	if (!next || (size_t)(next - text) != strlen(STATS_HEAD) ||
	    strncmp(text, STATS_HEAD, strlen(STATS_HEAD)) != 0) {
		free(text);
		return;
	}
	for (line = next + 1; *line && (next = strchr(line, '\n')); line = next + 1) {
		char *sp;
		*next = '\0';
		if (!(sp = strchr(line, ' ')))
			break;
		*sp = '\0';
		if (fh_read_line(c->fh, line, sp + 1) != 1)
			break;
	}
	free(text);
}

bcache *bcache_open(const char *outdir, int reuse)
{
	bcache *c = calloc(1, sizeof *c);
	if (!c || !(c->outdir = strdup(outdir)) || !(c->fh = fh_new(reuse))) {
		if (c)
			free(c->outdir);
		free(c);
		return NULL;
	}
	c->reuse = reuse;
	read_manifest(c); /* reuse = 0: only for bcache_listed */
	if (reuse)
		read_stats(c);
	return c;
}

int bcache_wrote_under(const bcache *c, const char *top)
{
	size_t n = strlen(top);
	for (size_t i = 0; c && i < c->prev.n; i++)
		if (!strncmp(c->prev.v[i].name, top, n) && c->prev.v[i].name[n] == '/')
			return 1;
	return 0;
}

int bcache_listed(const bcache *c, const char *rel, long long *size, struct timespec *written)
{
	if (!c || !c->has_manifest)
		return -1;
	*written = c->manifest_time;
	/* only in its group (every entry is under its group's path): the manifest lists
	 * every file of the output, the writer's check asks for each product file */
	for (size_t i = 0; i < c->prev.n; i++)
		for (size_t e = 0; (!*rel || bc_in_group(rel, c->prev.v[i].name)) && e < c->prev.v[i].n; e++)
			if (!strcmp(c->prev.v[i].e[e].path, rel)) {
				*size = c->prev.v[i].e[e].size;
				return 1;
			}
	return 0;
}

void bcache_free(bcache *c)
{
	if (!c)
		return;
	bc_free_list(&c->prev);
	bc_free_list(&c->next);
	fh_free(c->fh);
	free(c->outdir);
	free(c);
}

void bcache_forget(bcache *c)
{
	char *path = c ? fsio_join(c->outdir, MANIFEST_NAME) : NULL;
	if (path)
		unlink(path);
	free(path);
}

/* The stat cache beside the manifest. Not written, it costs the next build a read of
 * every input (a stat cache that is there is still right: each record is checked
 * against the file), so a failure is not the build's. */
static void write_stats(bcache *c)
{
	char *path = fsio_join(c->outdir, STATS_NAME);
	diag quiet;
	fsout out;
	buf b;
	diag_init(&quiet, NULL);
	buf_init(&b);
	buf_puts(&b, STATS_HEAD "\n");
	fh_write(c->fh, &b);
	if (path && !b.oom && fsout_begin_file(&out, path, &quiet) == 0) {
		if (fsio_write_file(out.tmp, b.s, b.len, 0, &quiet) == 0)
			fsout_commit(&out, &quiet);
		fsout_abort(&out);
	}
	free(path);
	buf_free(&b);
}

int bcache_commit(bcache *c, diag *d)
{
	buf b;
	fsout out;
	char *path;
	int rc = -1;
	if (!c)
		return 0;
	buf_init(&b);
	buf_puts(&b, MANIFEST_HEAD "\n");
	if (c->keyed && c->next.n && !c->no_replay) { /* every group recorded: the next build may replay it */
		size_t i = 0;
		while (i < c->next.n && c->next.v[i].done)
			i++;
		if (i == c->next.n) {
			char hex[65];
			for (int k = 0; k < 32; k++)
				snprintf(hex + 2 * k, 3, "%02x", c->kbuild[k]);
			buf_printf(&b, "build %s\n", hex);
		}
	}
	if (c->quiet)
		buf_puts(&b, "warnings 0\n");
	for (size_t i = 0; i < c->next.n; i++) {
		const bc_group *g = &c->next.v[i];
		char hex[65];
		if (!g->done)
			continue;
		for (int k = 0; k < 32; k++)
			snprintf(hex + 2 * k, 3, "%02x", g->key[k]);
		buf_printf(&b, "group %s %s\n", g->name, hex);
		for (size_t e = 0; e < g->n; e++) {
			if (g->e[e].size < 0)
				buf_printf(&b, "dir %s\n", g->e[e].path);
			else
				buf_printf(&b, "file %s %lld\n", g->e[e].path, g->e[e].size);
		}
		if (g->note)
			put_note(&b, g->note);
	}
	path = fsio_join(c->outdir, MANIFEST_NAME);
	if (path && !b.oom && fsout_begin_file(&out, path, d) == 0) {
		if (fsio_write_file(out.tmp, b.s, b.len, 0, d) == 0 && fsout_commit(&out, d) == 0)
			rc = 0;
		fsout_abort(&out);
	}
	free(path);
	buf_free(&b);
	if (rc == 0)
		write_stats(c);
	return rc;
}
