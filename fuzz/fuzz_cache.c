/*
 * fuzz_cache.c - libFuzzer target for the build cache's readers of a previous output
 * folder, files anyone who can write that folder controls: the manifest
 * OUTDIR/.regdoc-cache (build/cache_manifest.c) and the stat cache OUTDIR/.regdoc-stat
 * (build/filehash.c). The input is the manifest's bytes, then, after a NUL byte, the
 * stat cache's (no NUL: no stat cache; an empty input: no manifest either).
 *
 * Checked beyond the sanitizers, against readers of both formats written from
 * doc/cache.md ("The manifest", "The stat cache"; fuzz_cache_ref.h):
 * - bcache_open takes the records ref_manifest takes, to the first line not well
 *   formed: bcache_listed says 1 and the size of each path listed, 0 for every other
 *   path the input names ("../x", "/etc", a line after the stop), -1 without a
 *   manifest, and the manifest file's time; bcache_wrote_under agrees.
 * - Replay: the build line made this process's build key (learnt at start), the
 *   folders and files the manifest lists made in a fresh OUTDIR, beside a symlink
 *   "lnk" to a folder outside it. bcache_replay either puts every group back and
 *   writes the manifest ref_manifest read, canonical (the same bytes when replayed
 *   again), or leaves OUTDIR as it was; and nothing outside OUTDIR is ever created,
 *   linked or removed (the folder outside keeps its one file, of one link).
 * - fh_read_line takes the stat cache's lines ref_stat takes, in order, the reading
 *   stopping at the first it does not; a record taken stands for its file (fh_digest
 *   gives its digest, the file not read) when both its times are 2 s before the
 *   `hashed` line, never otherwise, and never a line after the stop; fh_write writes
 *   the records used, in byte order of their paths, each a line ref_stat takes, the
 *   same bytes twice, read back whole.
 * The folders are made once per process under /dev/shm (else /tmp): a replay creates
 * and removes files by the thousand, which costs ext4 far more than a RAM file system.
 * Seeds: fuzz/make-seeds, from the files regdoc build writes.
 */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "fuzz_cache_ref.h"
#include "build/cache.h"
#include "build/filehash.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fsio.h"
#include "util/fsout.h"

#define CHECK(cond) do { if (!(cond)) { fprintf(stderr, "fuzz_cache: %s:%d: %s\n", \
	__FILE__, __LINE__, #cond); abort(); } } while (0)

#define DIGESTS 128               /* fh_digest calls per input */
#define REPLAY_ENTRIES 64         /* a manifest listing more is not replayed (cost) */
#define REPLAY_SIZE (256 << 10)   /* nor one listing a bigger file */
#define STATS_HEAD "regdoc-stat 1"

static char base[64];             /* /dev/shm/regdoc-fuzz-cache.XXXXXX, made once */
static char *dir_a, *dir_b, *datadir, *tpl, *outside, *outside_file, *setup;
static char *man_a, *stat_a, *man_b, *stat_b; /* the two files in OUTDIR a and b */
static char kbuild[65];           /* this process's build key, learnt from a build */
static char *stats;               /* that build's stat cache: the code file not read again */
static size_t stats_len;
static const char *base_names[] = {"a", "b", "data", "outside", "setup", "tpl"};

static void put(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || (len && write(fd, data, len) != (ssize_t)len) || close(fd) != 0)
		fuzz_setup_failed(path);
}

static char *slurp(const char *path, size_t *len)
{
	diag d;
	char *s = NULL;
	diag_init(&d, NULL);
	return fsio_read_file(path, 64u << 20, &s, len, &d) == 0 ? s : NULL;
}

/* ---- the manifest read by bcache_open -------------------------------------------- */

/* OUTDIR a holds the input's manifest (has_file) and stat cache as they are. */
static void check_listed(const ref_manifest *m, int has_file)
{
	static const char *probe[] = {"", ".", "..", "../x", "/", "/etc/passwd", "a/../b",
	                              "a//b", ".regdoc-cache", "lnk/f"};
	struct stat st;
	bcache *c = bcache_open(dir_a, 1);
	if (!c)
		return; /* no memory */
	CHECK(!has_file || stat(man_a, &st) == 0);
	for (size_t i = 0; i < m->nnamed + sizeof probe / sizeof *probe; i++) {
		const char *p = i < m->nnamed ? m->named[i] : probe[i - m->nnamed];
		const ref_entry *e = ref_listed(m, p);
		long long size = -2;
		struct timespec w = {0, 0};
		int got = bcache_listed(c, p, &size, &w);
		if (!has_file) {
			CHECK(got == -1);
			continue;
		}
		/* listed: relative, no "." or ".." part, printable (ref_path_ok), in a
		 * group, the size it says (-1: a folder), as of the file's time */
		CHECK(got == (e != NULL));
		CHECK(!e || size == e->size);
		CHECK(w.tv_sec == st.st_mtim.tv_sec && w.tv_nsec == st.st_mtim.tv_nsec);
		CHECK(bcache_wrote_under(c, p) == ref_wrote_under(m, p));
		CHECK(bcache_note(c, p) == NULL); /* a previous note: of a group taken over only */
	}
	bcache_free(c);
}

/* ---- replay --------------------------------------------------------------------- */

/* mkdir -p of OUTDIR/path's folders, not the last part */
static void make_parents(const char *path)
{
	char *p = strdup(path);
	diag d;
	char *slash = p ? strrchr(p, '/') : NULL;
	diag_init(&d, NULL);
	if (slash) {
		*slash = '\0';
		fsout_mkdirs(p, &d);
	}
	free(p);
}

/* What the manifest lists, made in OUTDIR b: each folder, each file of its size
 * (sparse), as best it can (a file where a folder goes is left out). Nothing under
 * "lnk", the symlink to the folder outside: the harness does not write through it. */
static void make_listed(const ref_manifest *m)
{
	diag d;
	diag_init(&d, NULL);
	for (size_t i = 0; i < m->ne; i++) {
		char *p;
		int fd;
		if (ref_in_group(m->e[i].path, "lnk"))
			continue;
		p = fsio_join(dir_b, m->e[i].path);
		if (!p)
			continue;
		make_parents(p);
		if (m->e[i].size < 0) {
			fsout_mkdirs(p, &d);
		} else if ((fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) >= 0) {
			if (ftruncate(fd, (off_t)m->e[i].size) != 0)
				fuzz_setup_failed(p);
			close(fd);
		}
		free(p);
	}
}

/* Nothing outside OUTDIR was created, linked or removed: the base folder holds what
 * LLVMFuzzerInitialize made, the folder outside its one file, of one link. */
static void check_outside(void)
{
	struct stat st;
	fsio_names names;
	diag d;
	diag_init(&d, NULL);
	CHECK(lstat(outside_file, &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink == 1 &&
	      st.st_size == 4);
	CHECK(fsio_list_dir(outside, &names, &d) == 0);
	CHECK(names.n == 1 && !strcmp(names.v[0], "f"));
	fsio_names_free(&names);
	CHECK(fsio_list_dir(base, &names, &d) == 0);
	CHECK(names.n == sizeof base_names / sizeof *base_names);
	for (size_t i = 0; i < names.n; i++)
		CHECK(!strcmp(names.v[i], base_names[i]));
	fsio_names_free(&names);
}

/* OUTDIR b holds no temporary output (fsout: "NAME.tmp-XXXXXX", "NAME.old-XXXXXX") */
static void check_no_leftover(void)
{
	fsio_names names;
	diag d;
	diag_init(&d, NULL);
	CHECK(fsio_list_dir(dir_b, &names, &d) == 0);
	for (size_t i = 0; i < names.n; i++)
		CHECK(!strstr(names.v[i], ".tmp-") && !strstr(names.v[i], ".old-"));
	fsio_names_free(&names);
}

/* One build that can only replay: 1 replayed, 0 not, -1 a swap failed. */
static int replay_once(void)
{
	diag d;
	int rc = 0;
	bcache *c = bcache_open(dir_b, 1);
	diag_init(&d, NULL);
	if (c && bcache_inputs(c, NULL, 0, datadir, tpl, "fuzz", "fuzz") == 0)
		rc = bcache_replay(c, &d);
	bcache_free(c);
	return rc;
}

/* The input's manifest, its build line this build's, over the files it lists in a
 * fresh OUTDIR b with "lnk" planted: 1 when it was replayed. */
static int check_replay(const ref_manifest *m, const uint8_t *data, size_t len)
{
	char *text, *lnk, *got;
	size_t glen;
	buf want;
	int rc;
	if (!m->build || !m->ng || m->ng > REPLAY_ENTRIES || m->ne > REPLAY_ENTRIES)
		return 0;
	for (size_t i = 0; i < m->ne; i++)
		if (m->e[i].size > REPLAY_SIZE)
			return 0;
	fsout_remove_tree(dir_b);
	lnk = fsio_join(dir_b, "lnk");
	if (mkdir(dir_b, 0755) != 0 || !lnk || symlink(outside, lnk) != 0)
		fuzz_setup_failed(dir_b);
	free(lnk);
	make_listed(m);
	text = ref_copy(data, len);
	memcpy(text + (m->build - m->text), kbuild, 64);
	put(man_b, text, len); /* after the files: they are not newer than it */
	put(stat_b, stats, stats_len);
	rc = replay_once();
	CHECK(rc == 0 || rc == 1); /* -1: a swap failed, in a folder of our own */
	check_outside();
	check_no_leftover();
	got = slurp(man_b, &glen);
	CHECK(got != NULL);
	if (rc == 0) {
		/* "not possible (nothing touched: build as usual)" */
		CHECK(glen == len && !memcmp(got, text, len));
	} else {
		/* every group put back, listed as it was: the manifest ref_manifest read,
		 * canonical; replayed again, the same bytes */
		buf_init(&want);
		ref_manifest_write(m, kbuild, &want);
		CHECK(!want.oom && want.len == glen && !memcmp(want.s, got, glen));
		for (size_t i = 0; i < m->ne; i++) {
			char *p = fsio_join(dir_b, m->e[i].path);
			struct stat st;
			CHECK(p && lstat(p, &st) == 0);
			CHECK(m->e[i].size < 0 ? S_ISDIR(st.st_mode)
			                       : S_ISREG(st.st_mode) && st.st_size == m->e[i].size);
			free(p);
		}
		free(got);
		CHECK(replay_once() == 1);
		check_outside();
		got = slurp(man_b, &glen);
		CHECK(got && want.len == glen && !memcmp(want.s, got, glen));
		buf_free(&want);
	}
	free(got);
	free(text);
	fsout_remove_tree(dir_b);
	return rc;
}

/* fh_digest of r's path as if a stat(2) of it said r's identity: its digest without
 * reading the file when trust, else (the path does not exist, so nothing is read)
 * the file is not found. Counts the calls in *calls. */
static void check_digest(fh_cache *f, const ref_stat *r, int trust, size_t *calls)
{
	struct stat st;
	unsigned char d[BLAKE2B_OUT];
	long long size = -1;
	const char *why = NULL;
	size_t read0, reused0, read1, reused1;
	int rc;
	if ((unsigned long long)(dev_t)r->dev != r->dev || (unsigned long long)(ino_t)r->ino != r->ino ||
	    (!trust && lstat(r->path, &st) == 0) || *calls >= DIGESTS)
		return; /* not a stat(2) this system gives; a file that exists would be read */
	memset(&st, 0, sizeof st);
	st.st_mode = S_IFREG | 0644;
	st.st_dev = (dev_t)r->dev;
	st.st_ino = (ino_t)r->ino;
	st.st_size = (off_t)r->size;
	st.st_mtim = r->mt;
	st.st_ctim = r->ct;
	fh_counts(f, &read0, &reused0);
	rc = fh_digest(f, r->path, &st, d, &size, &why);
	(*calls)++;
	fh_counts(f, &read1, &reused1);
	CHECK(read1 == read0);
	if (trust)
		CHECK(rc == 0 && !memcmp(d, r->d, sizeof d) && size == (long long)r->size &&
		      reused1 == reused0 + 1);
	else
		CHECK(rc == -1 && why && reused1 == reused0);
}

/* fh_write's lines: "hashed", then one stat line per record used, in byte order of
 * the paths, each the record as it was read; read back, every line is taken. */
static void check_written(fh_cache *f, const ref_stat *used, size_t nused, size_t calls)
{
	buf b, again;
	ref_stats s = {1, 0, {0, 0}, NULL};
	fh_cache *back = fh_new(1);
	char *line, *next;
	size_t n = 0;
	buf_init(&b);
	buf_init(&again);
	fh_write(f, &b);
	fh_write(f, &again);
	CHECK(!b.oom && !again.oom && b.len == again.len && (!b.len || !memcmp(b.s, again.s, b.len)));
	buf_free(&again);
	CHECK(calls || b.len == 0);
	for (line = b.s; calls && back && line && *line; line = next) {
		char *sp = strchr(line, ' ');
		ref_stat r;
		CHECK((next = strchr(line, '\n')) && sp && sp < next);
		*next++ = '\0';
		*sp = '\0';
		CHECK(ref_stat_take(&s, line, sp + 1, &r) == 1);
		CHECK(fh_read_line(back, line, sp + 1) == 1);
		CHECK(!strcmp(line, line == b.s ? "hashed" : "stat"));
		if (line != b.s) {
			const ref_stat *u = n < nused ? &used[n++] : NULL;
			CHECK(u && !strcmp(u->path, r.path) && u->dev == r.dev && u->ino == r.ino &&
			      u->size == r.size && !memcmp(u->d, r.d, sizeof r.d) &&
			      u->mt.tv_sec == r.mt.tv_sec && u->mt.tv_nsec == r.mt.tv_nsec &&
			      u->ct.tv_sec == r.ct.tv_sec && u->ct.tv_nsec == r.ct.tv_nsec);
		}
	}
	CHECK(!calls || !back || n == nused);
	fh_free(back);
	buf_free(&b);
}

/* The stat cache data[0..len), read line by line as bcache_open reads it (split at
 * the first space), with reuse 1 and 0, against ref_stat_take. */
static size_t check_stats(const uint8_t *data, size_t len)
{
	char *text = ref_copy(data, len), *line, *next;
	fh_cache *f = fh_new(1), *f0 = fh_new(0);
	ref_stats s = {1, 0, {0, 0}, NULL}, s0 = {0, 0, {0, 0}, NULL};
	ref_stat *taken = NULL, *after = NULL, *used = NULL;
	size_t ntaken = 0, nafter = 0, nused = 0, cap = 0, acap = 0, ucap = 0, calls = 0;
	int reading = 1, reading0 = 1;
	if (!f || !f0)
		goto done;
	next = strchr(text, '\n');
	if (!next || strncmp(text, STATS_HEAD "\n", strlen(STATS_HEAD) + 1))
		goto done; /* not a stat cache: nothing read */
	for (line = next + 1; (reading || reading0) && *line && (next = strchr(line, '\n'));
	     line = next + 1) {
		char *sp;
		ref_stat r;
		*next = '\0';
		if (!(sp = strchr(line, ' ')))
			break;
		*sp = '\0';
		if (reading) {
			int want = ref_stat_take(&s, line, sp + 1, &r);
			CHECK(fh_read_line(f, line, sp + 1) == want);
			if (want == 1 && !strcmp(line, "stat")) {
				taken = ref_grow(taken, ntaken, &cap, sizeof *taken);
				taken[ntaken++] = r;
			}
			reading = want == 1;
		} else if (!strcmp(line, "stat") && ref_stat_line(sp + 1, &r)) {
			/* "the lines after it are not used" */
			after = ref_grow(after, nafter, &acap, sizeof *after);
			after[nafter++] = r;
		}
		if (reading0) {
			int want = ref_stat_take(&s0, line, sp + 1, &r);
			CHECK(fh_read_line(f0, line, sp + 1) == want);
			reading0 = want == 1;
		}
	}
	for (size_t i = 0; i < ntaken; i++) {
		int trust = ref_old_enough(&taken[i].mt, &s.hashed) &&
		            ref_old_enough(&taken[i].ct, &s.hashed);
		size_t before = calls;
		check_digest(f, &taken[i], trust, &calls);
		if (trust && calls > before) {
			used = ref_grow(used, nused, &ucap, sizeof *used);
			used[nused++] = taken[i];
		}
	}
	for (size_t i = 0; i < nafter; i++)
		if (!ntaken || !bsearch(after[i].path, taken, ntaken, sizeof *taken, cmp_record))
			check_digest(f, &after[i], 0, &calls);
	check_written(f, used, nused, calls);
done:
	fh_free(f);
	fh_free(f0);
	free(taken);
	free(after);
	free(used);
	free(text);
	return nused;
}

/* ---- the target ------------------------------------------------------------------ */

/* 1: the manifest was replayed; + 2: a record of the stat cache stood for its file */
static int check_one(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	size_t mlen = nul ? (size_t)(nul - data) : size;
	ref_manifest m;
	int replayed, used = 0;
	if (size)
		put(man_a, (const char *)data, mlen);
	else
		unlink(man_a);
	if (nul)
		put(stat_a, (const char *)nul + 1, size - mlen - 1);
	else
		unlink(stat_a);
	ref_manifest_read(&m, data, mlen);
	check_listed(&m, size > 0);
	if (nul)
		used = check_stats(nul + 1, size - mlen - 1) > 0;
	replayed = check_replay(&m, data, mlen);
	ref_manifest_free(&m);
	return replayed + 2 * used;
}

static void cleanup(void)
{
	fsout_remove_tree(base);
	free(dir_a);
	free(dir_b);
	free(datadir);
	free(tpl);
	free(outside);
	free(outside_file);
	free(setup);
	free(man_a);
	free(stat_a);
	free(man_b);
	free(stat_b);
	free(stats);
}

static char *in_base(const char *name)
{
	char *p = fsio_join(base, name);
	if (!p)
		fuzz_setup_failed("out of memory");
	return p;
}

/* The stat cache trusts the code file (the fuzzer itself, 3 MB read for every key
 * otherwise) only 2 s after it was last written: wait for that once. */
static void wait_code_old(void)
{
	struct stat st;
	struct timespec now;
	int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0)
		fuzz_setup_failed("/proc/self/exe");
	close(fd);
	clock_gettime(CLOCK_REALTIME, &now);
	for (time_t t = st.st_mtim.tv_sec > st.st_ctim.tv_sec ? st.st_mtim.tv_sec : st.st_ctim.tv_sec;
	     now.tv_sec <= t + FH_RACY_SECONDS + 1; clock_gettime(CLOCK_REALTIME, &now)) {
		struct timespec nap = {0, 100000000};
		nanosleep(&nap, NULL);
	}
}

/* This process's build key and stat cache, from one build of a file group at setup. */
static void learn_build(void)
{
	char *g = in_base("setup/s"), *man = in_base("setup/.regdoc-cache"), *sc, *k = NULL;
	size_t len;
	diag d;
	bcache *c = bcache_open(setup, 1);
	diag_init(&d, stderr);
	if (!c || bcache_inputs(c, NULL, 0, datadir, tpl, "fuzz", "fuzz") != 0 ||
	    bcache_take(c, "s", BCACHE_RENDER, NULL, g) != 0)
		fuzz_setup_failed("the setup build");
	put(g, "s\n", 2);
	bcache_keep(c, "s", g);
	if (bcache_commit(c, &d) != 0)
		fuzz_setup_failed("the setup build's manifest");
	bcache_free(c);
	if (!(sc = slurp(man, &len)) || !(k = strstr(sc, "\nbuild ")) || strlen(k) < 7 + 64)
		fuzz_setup_failed("the setup build's key");
	memcpy(kbuild, k + 7, 64);
	if (!ref_hex64(kbuild))
		fuzz_setup_failed("the setup build's key");
	free(sc);
	free(man);
	man = in_base("setup/.regdoc-stat");
	if (!(stats = slurp(man, &stats_len)) || !strstr(stats, "\nstat "))
		fuzz_setup_failed("the setup build's stat cache");
	free(man);
	free(g);
}

/* A manifest that must replay and a stat cache that must stand for a file: the
 * checks above are not all refusals. */
static void check_golden(void)
{
	static const char golden[] =
		REF_MANIFEST_HEAD "\nbuild 0000000000000000000000000000000000000000000000000000000000000000\n"
		"warnings 0\ngroup r/site 1111111111111111111111111111111111111111111111111111111111111111\n"
		"dir r/site\ndir r/site/static\nfile r/site/a.html 10\nfile r/site/static/b.css 0\n"
		"note <entry dir=\"a\\tb\"/>\\n\n"
		"group links.xml 2222222222222222222222222222222222222222222222222222222222222222\n"
		"file links.xml 3\n"
		"\0" STATS_HEAD "\nhashed 1796679784.004217983\n"
		"stat 1 2 3 1700000000.000000000 1700000000.000000001 "
		"3333333333333333333333333333333333333333333333333333333333333333 /nonexistent/x\n";
	if (check_one((const uint8_t *)golden, sizeof golden - 1) != 3)
		fuzz_setup_failed("the golden input (not replayed, or its stat record not used)");
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	diag d;
	(void)argc;
	(void)argv;
	diag_init(&d, stderr);
	snprintf(base, sizeof base, "%s/regdoc-fuzz-cache.XXXXXX",
	         access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	if (!mkdtemp(base))
		fuzz_setup_failed("mkdtemp");
	atexit(cleanup);
	dir_a = in_base("a");
	dir_b = in_base("b");
	datadir = in_base("data");
	tpl = in_base("tpl");
	outside = in_base("outside");
	outside_file = in_base("outside/f");
	setup = in_base("setup");
	man_a = in_base("a/.regdoc-cache");
	stat_a = in_base("a/.regdoc-stat");
	man_b = in_base("b/.regdoc-cache");
	stat_b = in_base("b/.regdoc-stat");
	if (fsout_mkdirs(dir_a, &d) || fsout_mkdirs(dir_b, &d) || fsout_mkdirs(datadir, &d) ||
	    fsout_mkdirs(tpl, &d) || fsout_mkdirs(outside, &d) || fsout_mkdirs(setup, &d))
		fuzz_setup_failed(base);
	put(outside_file, "leak", 4);
	wait_code_old();
	learn_build();
	check_golden();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_one(data, size);
	return 0;
}
