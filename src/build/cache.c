#define _GNU_SOURCE /* strndup */
#include "build/cache.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/fsio.h"
#include "util/fsout.h"
#include "util/blake2b.h"
#include "build/cache_impl.h"
#include "build/filehash.h"

/* ---- hashing ---------------------------------------------------------------- */

static void hash_str(blake2b *s, const char *tag, const char *v)
{
	blake2b_update(s, tag, strlen(tag) + 1);
	blake2b_update(s, v ? v : "", v ? strlen(v) + 1 : 1);
}

/* A file, framed by its name: its length and the digest of its bytes (build/filehash.h:
 * an unchanged file is not read again); an unreadable one as such. st: what stat(2)
 * said of path just now, or NULL. */
static void hash_file(blake2b *s, fh_cache *fh, const char *name, const char *path,
                      const struct stat *st)
{
	unsigned char d[BLAKE2B_OUT], len[8];
	long long size;
	const char *why = NULL;
	hash_str(s, "file", name);
	if (fh_digest(fh, path, st, d, &size, &why) != 0) {
		hash_str(s, "unreadable", why);
		return;
	}
	for (int i = 0; i < 8; i++)
		len[i] = (unsigned char)((unsigned long long)size >> (56 - 8 * i));
	blake2b_update(s, len, sizeof len);
	blake2b_update(s, d, sizeof d);
}

/* Every file under dir (symlinks followed, to a depth), names in byte order, each with
 * its path relative to the top; skip: a top-level name left out. */
static void hash_tree(blake2b *s, fh_cache *fh, const char *dir, const char *rel,
                      const char *skip, int depth)
{
	fsio_names names;
	diag quiet;
	diag_init(&quiet, NULL);
	hash_str(s, "dir", rel);
	if (depth > TREE_DEPTH || fsio_list_dir(dir, &names, &quiet) != 0) {
		hash_str(s, "unreadable", dir);
		return;
	}
	for (size_t i = 0; i < names.n; i++) {
		char *path = fsio_join(dir, names.v[i]);
		char *sub = fsio_join(rel, names.v[i]);
		struct stat st;
		if (!path || !sub)
			hash_str(s, "unreadable", names.v[i]);
		else if (skip && !strcmp(names.v[i], skip))
			;
		else if (stat(path, &st) != 0)
			hash_str(s, "unreadable", sub);
		else if (S_ISDIR(st.st_mode))
			hash_tree(s, fh, path, sub, NULL, depth + 1);
		else
			hash_file(s, fh, sub, path, &st);
		free(path);
		free(sub);
	}
	fsio_names_free(&names);
}

/* The file regdoc's code was loaded from: libregdoc.so for a program linked with it,
 * else the executable itself. */
static const char code_anchor = 0;

static const char *code_file(void)
{
	Dl_info info;
	if (dladdr(&code_anchor, &info) && info.dli_fname && info.dli_fname[0] == '/' &&
	    !strstr(info.dli_fname, "/proc/"))
		return info.dli_fname;
	return "/proc/self/exe";
}

/* What the code file is, for the stat cache: its fstat once opened (under valgrind, an
 * open of /proc/self/exe gives the program run, a stat of it valgrind itself). */
static const struct stat *code_stat(const char *path, struct stat *st)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), ok = fd >= 0 && fstat(fd, st) == 0;
	if (fd >= 0)
		close(fd);
	return ok ? st : NULL;
}

int bcache_inputs(bcache *c, const char *const *regdirs, size_t n, const char *datadir,
                  const char *templates, const char *options, const char *run)
{
	blake2b s;
	struct stat st;
	char *p;
	if (!c)
		return -1;
	blake2b_init(&s);
	hash_str(&s, MANIFEST_HEAD, REGDOC_VERSION);
	hash_file(&s, c->fh, "regdoc", code_file(), code_stat(code_file(), &st));
	hash_str(&s, "options", options);
	/* the paths as given too: the graphs name their pages' files (src="DIR/...") */
	hash_str(&s, "datadir", datadir);
	hash_str(&s, "templates", templates);
	for (size_t i = 0; i < n; i++) {
		hash_str(&s, "regulation", regdirs[i]);
		hash_tree(&s, c->fh, regdirs[i], "regulation", "products", 0);
	}
	p = fsio_join(datadir, "templates/schema");
	if (!p)
		return -1;
	hash_tree(&s, c->fh, p, "schema", NULL, 0);
	free(p);
	p = fsio_join(datadir, "templates/suggest");
	if (!p)
		return -1;
	hash_tree(&s, c->fh, p, "suggest", NULL, 0);
	free(p);
	blake2b_final(&s, c->kgraph);
	blake2b_init(&s);
	blake2b_update(&s, c->kgraph, sizeof c->kgraph);
	hash_tree(&s, c->fh, templates, "templates", NULL, 0);
	blake2b_final(&s, c->krender);
	blake2b_init(&s);
	blake2b_update(&s, c->krender, sizeof c->krender);
	hash_str(&s, "run", run);
	for (size_t i = 0; i < n; i++) {
		p = fsio_join(regdirs[i], "products");
		if (!p)
			return -1;
		hash_tree(&s, c->fh, p, "products", NULL, 0);
		free(p);
	}
	blake2b_final(&s, c->kbuild);
	c->keyed = 1;
	return 0;
}

/* ---- taking over ------------------------------------------------------------ */

static int copy_file(const char *from, const char *to)
{
	char buf[65536];
	ssize_t got;
	int in = open(from, O_RDONLY | O_CLOEXEC | O_NOFOLLOW), out, rc = 0;
	if (in < 0)
		return -1;
	out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (out < 0) {
		close(in);
		return -1;
	}
	while ((got = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)got) != got) {
			rc = -1;
			break;
		}
	if (got < 0 || close(out) != 0)
		rc = -1;
	close(in);
	return rc;
}

static int newer(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec > b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec > b->tv_nsec);
}

/* dest + the part of path after the group's name */
static char *dest_path(const char *dest, const char *group, const char *path)
{
	const char *tail = path + strlen(group);
	size_t n = strlen(dest) + strlen(tail) + 1;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s%s", dest, tail);
	return p;
}

/* Every folder of rel (a path under OUTDIR; not its last part) is one, not a symbolic
 * link: a file the manifest lists is taken from the previous output, never through a
 * link planted in it to a folder elsewhere (that would link or copy a file from
 * outside into the output). *known: the folder last found so (freed by the caller),
 * which spares the lstat calls for the other files of one folder. */
static int real_folders(const char *outdir, const char *rel, char **known)
{
	const char *last = strrchr(rel, '/');
	size_t n = last ? (size_t)(last - rel) : 0;
	if (!n || (*known && strlen(*known) == n && !strncmp(*known, rel, n)))
		return 1;
	for (const char *q = strchr(rel, '/'); q; q = strchr(q + 1, '/')) {
		char *part = strndup(rel, (size_t)(q - rel)), *path = part ? fsio_join(outdir, part) : NULL;
		struct stat st;
		int ok = path && lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
		free(part);
		free(path);
		if (!ok)
			return 0;
	}
	free(*known);
	*known = strndup(rel, n); /* without memory: each file checked in full */
	return 1;
}

/* Link (or copy) every file of the previous group g into dest. copy: always copy (a
 * file swapped in by rename: renaming a link onto its own inode would do nothing). */
static int take_over(bcache *c, const bc_group *g, const char *dest, int copy)
{
	char *known = NULL;
	for (size_t i = 0; i < g->n; i++) {
		const bc_entry *e = &g->e[i];
		char *from = fsio_join(c->outdir, e->path), *to = dest_path(dest, g->name, e->path);
		struct stat st;
		int ok = from && to;
		diag quiet;
		diag_init(&quiet, NULL);
		if (ok && e->size < 0)
			ok = fsout_mkdirs(to, &quiet) == 0;
		else if (ok)
			ok = real_folders(c->outdir, e->path, &known) &&
			     lstat(from, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == e->size &&
			     !newer(&st.st_mtim, &c->manifest_time) && /* not edited since */
			     ((!copy && link(from, to) == 0) || ((copy || errno != EEXIST) && copy_file(from, to) == 0));
		free(from);
		free(to);
		if (!ok) {
			free(known);
			return -1;
		}
	}
	free(known);
	return 0;
}

static void group_key(const bcache *c, const char *group, bcache_kind kind,
                      const char *const *inputs, size_t ninputs, unsigned char key[32])
{
	blake2b s;
	struct stat st;
	blake2b_init(&s);
	blake2b_update(&s, kind == BCACHE_GRAPH ? c->kgraph : c->krender, 32);
	hash_str(&s, "group", group);
	for (size_t i = 0; i < ninputs; i++) /* their paths too: a product's documents name it */
		hash_file(&s, c->fh, inputs[i], inputs[i], /* a missing one as missing */
		          stat(inputs[i], &st) == 0 ? &st : NULL);
	blake2b_final(&s, key);
}

int bcache_take(bcache *c, const char *group, bcache_kind kind, const char *input,
                const char *dest)
{
	return bcache_take_inputs(c, group, kind, input ? &input : NULL, input ? 1 : 0, dest);
}

int bcache_take_inputs(bcache *c, const char *group, bcache_kind kind,
                       const char *const *inputs, size_t ninputs, const char *dest)
{
	bc_group *g;
	struct stat st;
	int existed, is_file;
	if (!c || !c->keyed || !bc_safe_path(group))
		return 0;
	if (!(g = bc_add_group(&c->next, group)))
		return 0;
	group_key(c, group, kind, inputs, ninputs, g->key);
	if (!c->reuse)
		return 0;
	for (size_t i = 0; i < c->prev.n; i++) {
		bc_group *p = &c->prev.v[i];
		if (strcmp(p->name, group) != 0 || memcmp(p->key, g->key, sizeof g->key) != 0 || !p->n)
			continue;
		/* a file group's temporary file (fsout_begin_file) gives way to the link */
		existed = lstat(dest, &st) == 0;
		is_file = existed && S_ISREG(st.st_mode);
		if (is_file)
			unlink(dest);
		if (take_over(c, p, dest, is_file) == 0) {
			/* the new manifest lists what was taken over */
			g->e = p->e;
			g->n = p->n;
			g->cap = p->cap;
			g->note = p->note;
			p->e = NULL;
			p->note = NULL;
			p->n = p->cap = 0;
			g->done = g->taken = 1;
			return 1;
		}
		/* leave dest as the caller made it */
		fsout_remove_tree(dest);
		if (existed && !is_file)
			mkdir(dest, 0755);
		else if (is_file)
			close(open(dest, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
		return 0;
	}
	return 0;
}

/* What the caller built: every folder and regular file under path (a symlink or
 * other special file makes the group uncacheable). */
static int record(bc_group *g, const char *path, const char *rel, int depth)
{
	struct stat st;
	fsio_names names;
	diag quiet;
	int rc = 0;
	if (lstat(path, &st) != 0 || !bc_safe_path(rel))
		return -1;
	if (S_ISREG(st.st_mode))
		return bc_add_entry(g, rel, (long long)st.st_size);
	if (!S_ISDIR(st.st_mode) || depth > TREE_DEPTH || bc_add_entry(g, rel, -1) != 0)
		return -1;
	diag_init(&quiet, NULL);
	if (fsio_list_dir(path, &names, &quiet) != 0)
		return -1;
	for (size_t i = 0; i < names.n && rc == 0; i++) {
		char *p = fsio_join(path, names.v[i]), *r = fsio_join(rel, names.v[i]);
		rc = p && r ? record(g, p, r, depth + 1) : -1;
		free(p);
		free(r);
	}
	fsio_names_free(&names);
	return rc;
}

static void keep(bcache *c, const char *group, const char *dest, int once);

void bcache_keep(bcache *c, const char *group, const char *dest)
{
	keep(c, group, dest, 0);
}

void bcache_keep_once(bcache *c, const char *group, const char *dest)
{
	keep(c, group, dest, 1);
}

static void keep(bcache *c, const char *group, const char *dest, int once)
{
	bc_group *g = NULL;
	/* the last one asked for, usually; or one bcache_distrust took back, made again */
	for (size_t i = c ? c->next.n : 0; !g && i-- > 0;)
		if (!strcmp(c->next.v[i].name, group))
			g = &c->next.v[i];
	if (!g || g->done)
		return;
	if (record(g, dest, group, 0) == 0)
		g->done = 1;
	else
		bc_clear_group(g);
	if (g->done && once) /* zeros: no group's inputs hash to them */
		memset(g->key, 0, sizeof g->key);
}

/* The group of this build named group, taken over or kept. */
static bc_group *this_builds(const bcache *c, const char *group)
{
	for (size_t i = c ? c->next.n : 0; i-- > 0;)
		if (c->next.v[i].done && !strcmp(c->next.v[i].name, group))
			return &c->next.v[i];
	return NULL;
}

void bcache_set_note(bcache *c, const char *group, const char *note)
{
	bc_group *g = this_builds(c, group);
	char *copy = g && note ? strdup(note) : NULL;
	if (!g || !copy) {
		free(copy);
		return; /* no memory: no note, the next build reads the files */
	}
	free(g->note);
	g->note = copy;
}

const char *bcache_note(const bcache *c, const char *group)
{
	const bc_group *g = this_builds(c, group);
	return g ? g->note : NULL;
}

void bcache_no_replay(bcache *c)
{
	if (c)
		c->no_replay = 1;
}

void bcache_distrust(bcache *c, const char *group)
{
	for (size_t i = 0; c && i < c->prev.n; i++)
		if (!strcmp(c->prev.v[i].name, group))
			bc_clear_group(&c->prev.v[i]); /* no file: bcache_take never takes it over */
	/* taken over already: this output keeps it, the next build makes it again */
	for (size_t i = 0; c && i < c->next.n; i++)
		if (c->next.v[i].taken && !strcmp(c->next.v[i].name, group)) {
			bc_clear_group(&c->next.v[i]);
			c->next.v[i].done = c->next.v[i].taken = 0;
		}
}

void bcache_quiet(bcache *c)
{
	if (c)
		c->quiet = 1;
}

int bcache_read(const bcache *c, const char *group, bcache_kind kind, const char *rel,
                char **text, size_t *len)
{
	unsigned char key[32];
	const bc_group *p = NULL;
	*text = NULL;
	*len = 0;
	if (!c || !c->keyed || !c->reuse || !c->prev_quiet || !bc_safe_path(group) ||
	    !bc_in_group(rel, group))
		return 0;
	group_key(c, group, kind, NULL, 0, key);
	/* the previous build's group: in its manifest, or taken over already (its entries
	 * then moved to the new manifest; the files are still the previous output's) */
	for (size_t i = 0; !p && i < c->prev.n; i++)
		if (c->prev.v[i].n && !strcmp(c->prev.v[i].name, group) &&
		    !memcmp(c->prev.v[i].key, key, sizeof key))
			p = &c->prev.v[i];
	for (size_t i = 0; !p && i < c->next.n; i++)
		if (c->next.v[i].taken && !strcmp(c->next.v[i].name, group) &&
		    !memcmp(c->next.v[i].key, key, sizeof key))
			p = &c->next.v[i];
	if (!p)
		return 0;
	for (size_t e = 0; e < p->n; e++) {
		char *path;
		struct stat st;
		int fd, ok;
		char *known = NULL;
		if (strcmp(p->e[e].path, rel) != 0 || p->e[e].size < 0)
			continue;
		ok = real_folders(c->outdir, rel, &known);
		free(known);
		if (!ok || !(path = fsio_join(c->outdir, rel)))
			return 0;
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
		free(path);
		if (fd < 0)
			return 0;
		/* the file the previous build wrote: its size, not modified since */
		ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == p->e[e].size &&
		     !newer(&st.st_mtim, &c->manifest_time) &&
		     (*text = malloc((size_t)st.st_size + 1)) != NULL;
		while (ok && *len < (size_t)st.st_size) {
			ssize_t got = read(fd, *text + *len, (size_t)st.st_size - *len);
			if (got < 0 && errno == EINTR)
				continue;
			if (got <= 0)
				ok = 0;
			else
				*len += (size_t)got;
		}
		close(fd);
		if (!ok) {
			free(*text);
			*text = NULL;
			*len = 0;
			return 0;
		}
		(*text)[*len] = '\0';
		return 1;
	}
	return 0;
}




/* ---- nothing changed --------------------------------------------------------- */

/* The top-level output a group is in: "ID" of "ID/site", or the group itself. */
static size_t top_len(const char *group)
{
	const char *slash = strchr(group, '/');
	return slash ? (size_t)(slash - group) : strlen(group);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every file under OUTDIR/rel is one the manifest lists (sorted in known[0..n)): an
 * output written outside the groups (by a stage the cache does not know) would be
 * lost by a replay. */
static int all_known(const bcache *c, const char *rel, const char **known, size_t n, int depth)
{
	char *path = fsio_join(c->outdir, rel);
	fsio_names names;
	diag quiet;
	int ok = 1;
	diag_init(&quiet, NULL);
	if (!path || depth > TREE_DEPTH || fsio_list_dir(path, &names, &quiet) != 0) {
		free(path);
		return 0;
	}
	for (size_t i = 0; i < names.n && ok; i++) {
		char *p = fsio_join(path, names.v[i]), *r = fsio_join(rel, names.v[i]);
		struct stat st;
		const char *key = r;
		if (!p || !r || lstat(p, &st) != 0)
			ok = 0;
		else if (S_ISDIR(st.st_mode))
			ok = all_known(c, r, known, n, depth + 1);
		else
			ok = S_ISREG(st.st_mode) && bsearch(&key, known, n, sizeof *known, cmp_str);
		free(p);
		free(r);
	}
	fsio_names_free(&names);
	free(path);
	return ok;
}

/* Each previous group lists what bcache_keep records of a group (record): its own
 * path first; a top-level file group ("links.xml"), that file alone. Any other is not
 * a manifest a build wrote: a group with nothing to put back would fail the swap. */
static int as_recorded(const bcache *c)
{
	for (size_t i = 0; i < c->prev.n; i++) {
		const bc_group *p = &c->prev.v[i];
		if (!p->n || strcmp(p->e[0].path, p->name) != 0 ||
		    (!p->name[top_len(p->name)] && (p->n != 1 || p->e[0].size < 0)))
			return 0;
	}
	return 1;
}

/* Every top-level folder of the previous groups holds only what they list. */
static int nothing_else(const bcache *c)
{
	const char **known;
	size_t n = 0, all = 0;
	int ok = 1;
	for (size_t i = 0; i < c->prev.n; i++)
		all += c->prev.v[i].n;
	if (!(known = malloc((all + 1) * sizeof *known)))
		return 0;
	for (size_t i = 0; i < c->prev.n; i++)
		for (size_t e = 0; e < c->prev.v[i].n; e++)
			if (c->prev.v[i].e[e].size >= 0)
				known[n++] = c->prev.v[i].e[e].path;
	qsort(known, n, sizeof *known, cmp_str);
	for (size_t i = 0; i < c->prev.n && ok; i++) {
		const char *g = c->prev.v[i].name;
		size_t tl = top_len(g);
		char *top;
		if (!g[tl] || (i > 0 && !strncmp(c->prev.v[i - 1].name, g, tl + 1)))
			continue; /* a file group; or the same folder as the group before */
		top = strndup(g, tl);
		ok = top && all_known(c, top, known, n, 0);
		free(top);
	}
	free(known);
	return ok;
}

int bcache_replay(bcache *c, diag *d)
{
	fsout *outs;
	size_t *top, ntop = 0;
	int rc = 0;
	if (!c || !c->keyed || !c->reuse || !c->has_prev_build || !c->prev.n ||
	    memcmp(c->prev_build, c->kbuild, sizeof c->kbuild) != 0 || !as_recorded(c) ||
	    !nothing_else(c))
		return 0;
	outs = calloc(c->prev.n, sizeof *outs);
	top = calloc(c->prev.n, sizeof *top); /* each group: its top-level output */
	if (!outs || !top) {
		free(outs);
		free(top);
		return 0;
	}
	for (size_t i = 0; i < c->prev.n; i++) {
		bc_group *p = &c->prev.v[i];
		size_t tl = top_len(p->name), t;
		int is_file = !p->name[tl];
		char *dest = NULL, *target;
		bc_group *g;
		for (t = 0; t < ntop; t++) {
			const char *other = c->prev.v[top[t]].name;
			if (top_len(other) == tl && !strncmp(other, p->name, tl))
				break;
		}
		if (t == ntop) {
			char *name = strndup(p->name, tl);
			target = name ? fsio_join(c->outdir, name) : NULL;
			free(name);
			if (!target || (is_file ? fsout_begin_file(&outs[t], target, d)
			                        : fsout_begin_dir(&outs[t], target, d)) != 0) {
				free(target);
				goto undo;
			}
			free(target);
			top[ntop++] = i;
		} else if (is_file || outs[t].is_file) {
			goto undo; /* a file and a folder of the same name: not a manifest we wrote */
		}
		if (is_file)
			unlink(outs[t].tmp);
		dest = malloc(strlen(outs[t].tmp) + strlen(p->name) + 1);
		if (dest) /* the temporary folder + "/site" of "ID/site"; the file itself */
			snprintf(dest, strlen(outs[t].tmp) + strlen(p->name) + 1, "%s%s", outs[t].tmp,
			         is_file ? "" : p->name + tl);
		if (!dest || diag_interrupted(d) || !(g = bc_add_group(&c->next, p->name)) ||
		    take_over(c, p, dest, is_file) != 0) {
			free(dest);
			goto undo;
		}
		free(dest);
		memcpy(g->key, p->key, sizeof g->key);
		g->e = p->e;
		g->n = p->n;
		g->cap = p->cap;
		g->note = p->note;
		p->e = NULL;
		p->note = NULL;
		p->n = p->cap = 0;
		g->done = 1;
	}
	/* all there: swap them in, then the manifest (a replayed build had no warnings) */
	c->quiet = c->prev_quiet;
	bcache_forget(c);
	rc = 1;
	for (size_t t = 0; t < ntop; t++)
		if (fsout_commit(&outs[t], d) != 0)
			rc = -1;
	if (rc == 1 && bcache_commit(c, d) != 0)
		rc = -1;
	goto done;
undo:
	bc_free_list(&c->next);
done:
	for (size_t t = 0; t < ntop; t++)
		fsout_abort(&outs[t]);
	free(outs);
	free(top);
	return rc;
}
