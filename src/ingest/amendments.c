/*
 * amendments.c - the table of amendment markers of a version (amendments.h).
 */
#include "ingest/amendments.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/fsio.h"
#include "util/text.h"

#define AMENDMENTS_MAX_BYTES (4u * 1024u * 1024u)

enum { COL_UNIT, COL_PATH, COL_ACTION, COL_DOC, COL_LOC, COL_LEVEL, COL_MOD, COL_CMD, COL_MARKER, NCOLS };

static void lower_copy(char *dst, size_t size, const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n && i + 1 < size; i++)
		dst[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
	dst[i] = '\0';
}

size_t amendments_path_ids(const char *path, char ids[][ID_MAX], size_t max, char *part,
                           size_t part_size)
{
	char base[ID_MAX] = "", last[160] = "";
	const char *p = path, *dot;
	size_t n = 0, at;
	snprintf(part, part_size, "%s", "");
	/* the unit, then '.'-joined steps; siblings ('+') only in the last step */
	dot = strchr(p, '.');
	if (!dot) {
		if (!*p || strchr(p, '+') || strlen(p) >= ID_MAX || !max)
			return 0;
		snprintf(ids[0], ID_MAX, "%s", p);
		return 1;
	}
	at = (size_t)(dot - p);
	if (at == 0 || at >= ID_MAX)
		return 0;
	memcpy(base, p, at);
	base[at] = '\0';
	p = dot + 1;
	while (*p) {
		size_t len = strcspn(p, ".");
		char step[64];
		int final = p[len] == '\0';
		if (len == 0 || len >= sizeof step)
			return 0;
		memcpy(step, p, len);
		step[len] = '\0';
		p += len + (final ? 0 : 1);
		if (final) {
			snprintf(last, sizeof last, "%s", step);
			break;
		}
		if (!strcmp(step, "sub1"))
			continue; /* the first subparagraph is its paragraph */
		if (strlen(base) + 1 + len >= ID_MAX)
			return 0;
		strcat(base, ".");
		strcat(base, step);
	}
	if (!strcmp(last, "title") || !strcmp(last, "intro") || !strcmp(last, "sub1")) {
		snprintf(part, part_size, "%s", last);
		snprintf(ids[0], ID_MAX, "%s", base);
		return max ? 1 : 0;
	}
	if (!last[0] || last[strlen(last) - 1] == '+')
		return 0;
	for (const char *s = last; *s && n < max;) {
		size_t len = strcspn(s, "+");
		int w = snprintf(ids[n], ID_MAX, "%s.%.*s", base, (int)len, s);
		if (len == 0 || w < 0 || w >= ID_MAX)
			return 0;
		n++;
		s += len;
		if (*s == '+')
			s++;
	}
	return n;
}

int amendments_loc_id(const char *loc, const char *article_prefix, char *out, size_t size)
{
	const char *p = loc;
	size_t at;
	unsigned art;
	int w;
	if (strncmp(p, "AR:", 3) != 0)
		return -1;
	p += 3;
	at = strcspn(p, ";");
	if (text_parse_uint(p, at, &art) != 0 || art == 0)
		return -1;
	w = snprintf(out, size, "%s-%u", article_prefix, art);
	if (w < 0 || (size_t)w >= size)
		return -1;
	p += at;
	while (*p == ';') {
		size_t len;
		p++;
		if (strncmp(p, "PT:", 3) != 0)
			return -1;
		p += 3;
		len = strcspn(p, ";");
		if (len == 0 || strlen(out) + 1 + len >= size)
			return -1;
		for (size_t i = 0; i < len; i++)
			if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= '0' && p[i] <= '9')))
				return -1;
		strcat(out, ".");
		strncat(out, p, len);
		p += len;
	}
	return *p ? -1 : 0;
}

/* The fields of one line (tabs), in place; returns how many. */
static size_t split_tabs(char *line, char **f, size_t max)
{
	size_t n = 0;
	f[n++] = line;
	for (char *p = line; *p && n < max; p++)
		if (*p == '\t') {
			*p = '\0';
			f[n++] = p + 1;
		}
	return n;
}

static int read_row(amendment_table *t, char **f, unsigned long line, const manifest_version *mv,
                    const char *art_prefix, diag *d)
{
	amendment *a;
	const char *loc = f[COL_LOC];
	if (t->n % 64 == 0) {
		amendment *v = realloc(t->v, (t->n + 64) * sizeof *v);
		if (!v) {
			diag_sys(d, t->path, "cannot allocate", ENOMEM);
			return -1;
		}
		t->v = v;
	}
	a = &t->v[t->n];
	memset(a, 0, sizeof *a);
	a->line = line;
	snprintf(a->path, sizeof a->path, "%s", f[COL_PATH]);
	lower_copy(a->action, sizeof a->action, f[COL_ACTION], strlen(f[COL_ACTION]));
	lower_copy(a->level, sizeof a->level, f[COL_LEVEL], strlen(f[COL_LEVEL]));
	snprintf(a->act, sizeof a->act, "%s", f[COL_DOC]);
	snprintf(a->marker, sizeof a->marker, "%s", f[COL_MARKER]);
	for (size_t k = 0; k < mv->ncorrections; k++)
		if (mv->corrections[k].path && !strcmp(mv->corrections[k].path, a->path)) {
			loc = mv->corrections[k].active_loc;
			a->corrected = 1;
		}
	snprintf(a->loc, sizeof a->loc, "%s", loc);
	if (strcmp(a->action, "replaced") != 0 && strcmp(a->action, "inserted") != 0 &&
	    strcmp(a->action, "deleted") != 0) {
		diag_error(d, t->path, line, "action '%s' is not REPLACED, INSERTED or DELETED", f[COL_ACTION]);
		return 0;
	}
	a->nids = amendments_path_ids(a->path, a->ids, AMENDMENT_MAX_TARGETS, a->part, sizeof a->part);
	if (!a->nids || strncmp(a->path, f[COL_UNIT], strlen(f[COL_UNIT])) != 0) {
		diag_error(d, t->path, line, "cannot read the path '%s' of unit %s", a->path, f[COL_UNIT]);
		return 0;
	}
	if (amendments_loc_id(a->loc, art_prefix, a->by, sizeof a->by) != 0) {
		diag_error(d, t->path, line, "cannot read the amending provision '%s' (AR:n;PT:x…)", a->loc);
		return 0;
	}
	t->n++;
	return 0;
}

int amendments_load(const regulation *r, size_t v, amendment_table *t, diag *d)
{
	const manifest_version *mv = v < r->m.nversions ? &r->m.versions[v] : NULL;
	char *vdir, *text = NULL, *line, *next;
	size_t len, before = d->errors;
	unsigned long ln = 0;
	int header = 0;
	memset(t, 0, sizeof *t);
	if (!mv || !mv->amendments)
		return 0;
	vdir = fsio_join(r->dir, mv->dir);
	t->path = vdir ? fsio_join(vdir, mv->amendments) : NULL;
	free(vdir);
	if (!t->path) {
		diag_sys(d, r->dir, "cannot allocate", ENOMEM);
		return -1;
	}
	if (fsio_read_text(t->path, AMENDMENTS_MAX_BYTES, &text, &len, d) != 0)
		return -1;
	for (line = text; line && *line; line = next) {
		char *f[NCOLS + 2];
		size_t nf;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		ln++;
		if (line[0] == '#' || line[0] == '\0')
			continue;
		nf = split_tabs(line, f, NCOLS + 2);
		if (!header) { /* the column names */
			header = 1;
			if (nf < NCOLS || strcmp(f[COL_UNIT], "unit") != 0 || strcmp(f[COL_LOC], "active_loc") != 0)
				diag_error(d, t->path, ln, "the first row must name the columns: unit, path, "
				                           "action, active_doc, active_loc, level, …, marker_id");
			continue;
		}
		if (nf < NCOLS) {
			diag_error(d, t->path, ln, "%zu columns, expected at least %d", nf, NCOLS);
			continue;
		}
		if (read_row(t, f, ln, mv, "art", d) != 0)
			break;
	}
	free(text);
	return d->errors == before ? 0 : -1;
}

void amendments_free(amendment_table *t)
{
	free(t->path);
	free(t->v);
	memset(t, 0, sizeof *t);
}
