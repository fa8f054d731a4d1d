/*
 * test_cache.c - util/blake2b (RFC 7693; the values of Python's hashlib.blake2b with
 * digest_size=32) and build/cache: keys,
 * the manifest (and what a hostile one cannot do), taking a group over, what
 * invalidates it; build/filehash: the stat
 * cache's rule (doc/cache.md, "What the cache trusts") and its manifest lines.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "build/cache.h"
#include "build/filehash.h"
#include "util/fsio.h"
#include "util/fsout.h"
#include "util/blake2b.h"

static void hex(const unsigned char *d, char out[65])
{
	for (int i = 0; i < BLAKE2B_OUT; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static void expect_hash(const char *msg, size_t len, size_t chunk, const char *want)
{
	blake2b s;
	unsigned char d[BLAKE2B_OUT];
	char h[65];
	blake2b_init(&s);
	for (size_t i = 0; i < len; i += chunk)
		blake2b_update(&s, msg + i, len - i < chunk ? len - i : chunk);
	blake2b_final(&s, d);
	hex(d, h);
	assert_string_equal(h, want);
}

/* BLAKE2b-256 of the FIPS 180-4 example messages, fed whole and in odd-sized pieces
 * (a block boundary in the middle of an update, a message of exactly six blocks) */
static void test_blake2b_vectors(void **state)
{
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	char *million = malloc(1000000), bytes[768];
	(void)state;
	expect_hash("", 0, 1, "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
	expect_hash("abc", 3, 3, "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
	expect_hash(two, strlen(two), 7,
	            "5f7a93da9c5621583f22e49e8e91a40cbba37536622235a380f434b9f68e49c4");
	assert_non_null(million);
	memset(million, 'a', 1000000);
	expect_hash(million, 1000000, 4093,
	            "0741850f36cba4259628355d1073e24ddb9ca0e1bfac36fd39ae5dc2101e23a4");
	expect_hash(million, 1000000, 1000000,
	            "0741850f36cba4259628355d1073e24ddb9ca0e1bfac36fd39ae5dc2101e23a4");
	free(million);
	for (int i = 0; i < 768; i++)
		bytes[i] = (char)(i % 256);
	expect_hash(bytes, 768, 128, "b8007121274217790e2923e0ad7027986e5a99d5531ef6ae7d294140fc81615d");
	expect_hash(bytes, 768, 768, "b8007121274217790e2923e0ad7027986e5a99d5531ef6ae7d294140fc81615d");
	expect_hash(bytes, 768, 100, "b8007121274217790e2923e0ad7027986e5a99d5531ef6ae7d294140fc81615d");
}

typedef struct tree {
	char root[64], out[128], reg[128], tpl[128], data[128];
} tree;

static void put(const char *dir, const char *name, const char *text)
{
	char *p = fsio_join(dir, name);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(p);
}

static int setup(void **state)
{
	tree *t = calloc(1, sizeof *t);
	diag d;
	diag_init(&d, NULL);
	if (!t)
		return -1;
	snprintf(t->root, sizeof t->root, "/tmp/regdoc-test-cache.XXXXXX");
	if (!mkdtemp(t->root))
		return -1;
	snprintf(t->out, sizeof t->out, "%s/out", t->root);
	snprintf(t->reg, sizeof t->reg, "%s/reg", t->root);
	snprintf(t->tpl, sizeof t->tpl, "%s/templates", t->root);
	snprintf(t->data, sizeof t->data, "%s/data", t->root);
	fsout_mkdirs(t->out, &d);
	fsout_mkdirs(t->reg, &d);
	fsout_mkdirs(t->tpl, &d);
	fsout_mkdirs(t->data, &d);
	put(t->reg, "page.md", "# Article 1\n");
	put(t->tpl, "site.xsl", "<xsl/>\n");
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	tree *t = *state;
	fsout_remove_tree(t->root);
	free(t);
	return 0;
}

static bcache *open_keyed(tree *t, int reuse)
{
	const char *dirs[1];
	bcache *c = bcache_open(t->out, reuse);
	dirs[0] = t->reg;
	assert_non_null(c);
	assert_int_equal(bcache_inputs(c, dirs, 1, t->data, t->tpl, "library", ""), 0);
	return c;
}

/* One build: the group "r/site" at OUT.tmp/site; 1 when it was taken over. The new
 * folder replaces OUT/r as the build would. */
static int one_build_q(tree *t, int reuse, bcache_kind kind, int quiet);

static int one_build(tree *t, int reuse, bcache_kind kind)
{
	return one_build_q(t, reuse, kind, 0);
}

/* the same; quiet: the build printed no warning (bcache_quiet) */
static int one_build_q(tree *t, int reuse, bcache_kind kind, int quiet)
{
	char target[160], dest[200];
	fsout o;
	int took;
	diag d;
	bcache *c = open_keyed(t, reuse);
	diag_init(&d, NULL);
	snprintf(target, sizeof target, "%s/r", t->out);
	assert_int_equal(fsout_begin_dir(&o, target, &d), 0);
	snprintf(dest, sizeof dest, "%s/site", o.tmp);
	took = bcache_take(c, "r/site", kind, NULL, dest);
	if (!took) {
		assert_int_equal(fsout_mkdirs(dest, &d), 0);
		put(dest, "index.html", "<p>built</p>\n");
		bcache_keep(c, "r/site", dest);
	}
	bcache_forget(c);
	assert_int_equal(fsout_commit(&o, &d), 0);
	fsout_abort(&o);
	if (quiet)
		bcache_quiet(c);
	assert_int_equal(bcache_commit(c, &d), 0);
	bcache_free(c);
	return took;
}

static ino_t inode(tree *t, const char *rel)
{
	char p[200];
	struct stat st;
	snprintf(p, sizeof p, "%s/%s", t->out, rel);
	assert_int_equal(stat(p, &st), 0);
	return st.st_ino;
}

static void test_take_over(void **state)
{
	tree *t = *state;
	ino_t first;
	assert_int_equal(one_build(t, 1, BCACHE_RENDER), 0); /* nothing to take over yet */
	first = inode(t, "r/site/index.html");
	assert_int_equal(one_build(t, 1, BCACHE_RENDER), 1);
	assert_true(inode(t, "r/site/index.html") == first); /* the same file, linked */
	assert_int_equal(one_build(t, 0, BCACHE_RENDER), 0);  /* --no-cache */
	assert_true(inode(t, "r/site/index.html") != first);
}

/* a page, a template (for a rendered group, not for a graph), a missing output file */
static void test_invalidation(void **state)
{
	tree *t = *state;
	char p[200];
	assert_int_equal(one_build(t, 1, BCACHE_RENDER), 0);
	assert_int_equal(one_build(t, 1, BCACHE_RENDER), 1);
	put(t->reg, "page.md", "# Article 1\nedited\n");
	assert_int_equal(one_build(t, 1, BCACHE_RENDER), 0);
	assert_int_equal(one_build(t, 1, BCACHE_RENDER), 1);
	put(t->tpl, "site.xsl", "<xsl version='2'/>\n");
	assert_int_equal(one_build(t, 1, BCACHE_RENDER), 0);
	assert_int_equal(one_build(t, 1, BCACHE_GRAPH), 0); /* another kind: another key */
	put(t->tpl, "site.xsl", "<xsl version='3'/>\n");
	assert_int_equal(one_build(t, 1, BCACHE_GRAPH), 1); /* a graph does not read them */
	snprintf(p, sizeof p, "%s/r/site/index.html", t->out);
	assert_int_equal(unlink(p), 0);
	assert_int_equal(one_build(t, 1, BCACHE_GRAPH), 0);
	assert_int_equal(access(p, F_OK), 0);
}

/* bcache_read (the graphs read back, doc/cache.md "The graph stage"): 1 with the bytes
 * only after a quiet build with the same key, of the file as it was written */
static int read_back(tree *t, int reuse, const char *rel, char **text)
{
	size_t len;
	bcache *c = open_keyed(t, reuse);
	int got = bcache_read(c, "r/site", BCACHE_GRAPH, rel, text, &len);
	if (got)
		assert_int_equal(len, strlen(*text));
	else
		assert_null(*text);
	bcache_free(c);
	return got;
}

static void test_read(void **state)
{
	tree *t = *state;
	char p[200], *text = NULL;
	bcache *c;
	assert_int_equal(one_build_q(t, 1, BCACHE_GRAPH, 0), 0);
	assert_int_equal(read_back(t, 1, "r/site/index.html", &text), 0); /* it had warnings */
	assert_int_equal(one_build_q(t, 1, BCACHE_GRAPH, 1), 1);
	assert_int_equal(read_back(t, 1, "r/site/index.html", &text), 1);
	assert_string_equal(text, "<p>built</p>\n");
	free(text);
	assert_int_equal(read_back(t, 0, "r/site/index.html", &text), 0); /* --no-cache */
	assert_int_equal(read_back(t, 1, "r/site/other.html", &text), 0); /* not listed */
	assert_int_equal(read_back(t, 1, "r/elsewhere/index.html", &text), 0); /* not in the group */
	/* bcache_distrust: neither read nor taken over again in that build */
	c = open_keyed(t, 1);
	bcache_distrust(c, "r/site");
	{
		size_t len;
		assert_int_equal(bcache_read(c, "r/site", BCACHE_GRAPH, "r/site/index.html", &text, &len), 0);
		snprintf(p, sizeof p, "%s/x", t->root);
		assert_int_equal(bcache_take(c, "r/site", BCACHE_GRAPH, NULL, p), 0);
	}
	bcache_free(c);
	/* edited since: the same size, modified after the manifest; another size */
	snprintf(p, sizeof p, "%s/r/site/index.html", t->out);
	put(t->out, "r/site/index.html", "<p>BUILT</p>\n");
	assert_int_equal(read_back(t, 1, "r/site/index.html", &text), 0);
	put(t->out, "r/site/index.html", "<p>built!</p>\n");
	assert_int_equal(read_back(t, 1, "r/site/index.html", &text), 0);
	/* rebuilt (not taken over); an input of the graph stage edited: another key */
	assert_int_equal(one_build_q(t, 1, BCACHE_GRAPH, 1), 0);
	assert_int_equal(read_back(t, 1, "r/site/index.html", &text), 1);
	free(text);
	put(t->reg, "page.md", "# Article 1\nedited\n");
	assert_int_equal(read_back(t, 1, "r/site/index.html", &text), 0);
}

#define KEY0 "0000000000000000000000000000000000000000000000000000000000000000"

/* doc/cache.md, "The manifest": the reading stops at the first line not well formed.
 * A size is decimal digits ("+13", " 13" and "" were taken: strtoll reads them); a
 * path is printable ASCII, whether char is signed or not (fuzz_cache) */
static void test_manifest_lines(void **state)
{
	tree *t = *state;
	const char *bad[] = {"+13", " 13", "", "13 ", "-1", "0x1", "99999999999999999999"};
	char text[512];
	long long size = 0;
	struct timespec w;
	bcache *c;
	for (size_t i = 0; i <= sizeof bad / sizeof *bad; i++) {
		const char *sz = i < sizeof bad / sizeof *bad ? bad[i] : "13";
		snprintf(text, sizeof text, "regdoc-cache 1\ngroup r/site " KEY0 "\ndir r/site\n"
		         "file r/site/a.html %s\nfile r/site/b.html 2\n", sz);
		put(t->out, ".regdoc-cache", text);
		c = bcache_open(t->out, 1);
		assert_non_null(c);
		assert_int_equal(bcache_listed(c, "r/site", &size, &w), 1);
		assert_int_equal(size, -1);
		if (i < sizeof bad / sizeof *bad) { /* that line and the ones after it: not read */
			assert_int_equal(bcache_listed(c, "r/site/a.html", &size, &w), 0);
			assert_int_equal(bcache_listed(c, "r/site/b.html", &size, &w), 0);
		} else {
			assert_int_equal(bcache_listed(c, "r/site/a.html", &size, &w), 1);
			assert_int_equal(size, 13);
			assert_int_equal(bcache_listed(c, "r/site/b.html", &size, &w), 1);
		}
		bcache_free(c);
	}
	put(t->out, ".regdoc-cache", "regdoc-cache 1\ngroup r/site " KEY0 "\ndir r/site\n"
	    "file r/site/caf\xc3\xa9.html 3\nfile r/site/b.html 2\n");
	c = bcache_open(t->out, 1);
	assert_non_null(c);
	assert_int_equal(bcache_listed(c, "r/site/caf\xc3\xa9.html", &size, &w), 0);
	assert_int_equal(bcache_listed(c, "r/site/b.html", &size, &w), 0);
	bcache_free(c);
}

/* SECURITY.md, "Rebuilds trust the output folder": a file the manifest lists is taken
 * over, or read back, from the previous output's own folders only, never through a
 * symbolic link planted in it to a folder elsewhere (a file there of the listed size,
 * older than the manifest, was hard-linked into the new output; fuzz_cache) */
static void test_planted_symlink(void **state)
{
	tree *t = *state;
	char victim[160], site[160], file[200], *text = NULL;
	struct timespec old[2] = {{1000000000, 0}, {1000000000, 0}};
	struct stat st;
	FILE *f;
	assert_int_equal(one_build_q(t, 1, BCACHE_GRAPH, 1), 0);
	assert_int_equal(read_back(t, 1, "r/site/index.html", &text), 1);
	free(text);
	snprintf(victim, sizeof victim, "%s/victim", t->root);
	snprintf(file, sizeof file, "%s/index.html", victim);
	snprintf(site, sizeof site, "%s/r/site", t->out);
	assert_int_equal(mkdir(victim, 0755), 0);
	put(victim, "index.html", "not-the-site\n"); /* the size listed: 13 */
	assert_int_equal(utimensat(AT_FDCWD, file, old, 0), 0);
	assert_int_equal(fsout_remove_tree(site), 0);
	assert_int_equal(symlink(victim, site), 0);
	assert_int_equal(read_back(t, 1, "r/site/index.html", &text), 0);
	assert_int_equal(one_build(t, 1, BCACHE_GRAPH), 0); /* built, not taken over */
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_nlink, 1);
	snprintf(file, sizeof file, "%s/index.html", site);
	f = fopen(file, "r");
	assert_non_null(f);
	assert_non_null(fgets(victim, sizeof victim, f));
	fclose(f);
	assert_string_equal(victim, "<p>built</p>\n");
}

/* bcache_replay of a manifest with a group that has nothing to put back (not one a
 * build writes: each group lists its own path first): not replayed (0), the build
 * goes on; the swap of the missing file failed the build (-1, exit status 3;
 * fuzz_cache) */
static void test_replay_recorded(void **state)
{
	tree *t = *state;
	const char *extra[] = {"group links.xml " KEY0 "\n", "group links.xml " KEY0 "\ndir links.xml\n",
	                       "group r/other " KEY0 "\n"};
	char *man = fsio_join(t->out, ".regdoc-cache"), *text;
	size_t len;
	diag d;
	bcache *c;
	diag_init(&d, NULL);
	assert_int_equal(one_build(t, 1, BCACHE_RENDER), 0);
	c = open_keyed(t, 1);
	assert_int_equal(bcache_replay(c, &d), 1); /* as it was written: replayed */
	bcache_free(c);
	assert_int_equal(fsio_read_file(man, 1 << 20, &text, &len, &d), 0);
	for (size_t i = 0; i < sizeof extra / sizeof *extra; i++) {
		FILE *f = fopen(man, "w");
		assert_non_null(f);
		fputs(text, f);
		fputs(extra[i], f);
		fclose(f);
		c = open_keyed(t, 1);
		assert_int_equal(bcache_replay(c, &d), 0);
		assert_int_equal(d.errors, 0);
		bcache_free(c);
	}
	free(text);
	free(man);
}

/* every function takes a NULL cache: nothing is reused */
static void test_null(void **state)
{
	diag d;
	(void)state;
	diag_init(&d, NULL);
	assert_int_equal(bcache_inputs(NULL, NULL, 0, "x", "y", "", ""), -1);
	assert_int_equal(bcache_take(NULL, "a/b", BCACHE_GRAPH, NULL, "/nonexistent"), 0);
	bcache_keep(NULL, "a/b", "/nonexistent");
	bcache_forget(NULL);
	assert_int_equal(bcache_commit(NULL, &d), 0);
	assert_int_equal(bcache_replay(NULL, &d), 0);
	bcache_free(NULL);
}

/* ---- build/filehash ------------------------------------------------------------ */

#define FORGED "00000000000000000000000000000000000000000000000000000000000000ff"

/* A stat cache of one previous `stat` line for path: its identity st (the fields
 * changed by the caller as it likes), digest FORGED, `hashed` at `after` seconds after
 * the file's ctime. */
static fh_cache *one_line(const char *path, const struct stat *st, long after, int reuse)
{
	fh_cache *f = fh_new(reuse);
	char t[64], line[512];
	assert_non_null(f);
	snprintf(t, sizeof t, "%lld.%09ld", (long long)st->st_ctim.tv_sec + after,
	         (long)st->st_ctim.tv_nsec);
	assert_int_equal(fh_read_line(f, "hashed", t), 1);
	snprintf(line, sizeof line, "%llu %llu %lld %lld.%09ld %lld.%09ld %s %s",
	         (unsigned long long)st->st_dev, (unsigned long long)st->st_ino,
	         (long long)st->st_size, (long long)st->st_mtim.tv_sec, (long)st->st_mtim.tv_nsec,
	         (long long)st->st_ctim.tv_sec, (long)st->st_ctim.tv_nsec, FORGED, path);
	assert_int_equal(fh_read_line(f, "stat", line), 1);
	return f;
}

/* the digest fh_digest gives path with that cache: "forged" (the record was used) or
 * "read" (the file's own: BLAKE2b-256 of "# Article 1\n") */
static const char *digest_of(fh_cache *f, const char *path, const struct stat *st)
{
	unsigned char d[BLAKE2B_OUT];
	char h[65];
	long long size;
	const char *why = NULL;
	assert_int_equal(fh_digest(f, path, st, d, &size, &why), 0);
	assert_int_equal(size, 12);
	hex(d, h);
	if (!strcmp(h, FORGED))
		return "forged";
	assert_string_equal(h, "b3c0ed44877d463766ee37eb13374cfc1d698037d0b92690e18cf96990db7fc4");
	return "read";
}

/* doc/cache.md, "What the cache trusts": a recorded digest is used only for a file of
 * exactly the recorded identity whose mtime and ctime are both 2 s or more before the
 * previous build's `hashed` time; --no-cache never uses one */
static void test_stat_rule(void **state)
{
	tree *t = *state;
	char *page = fsio_join(t->reg, "page.md");
	struct stat st, other;
	fh_cache *f;
	size_t nread, nreused;
	assert_int_equal(stat(page, &st), 0);
	f = one_line(page, &st, 2, 1); /* exactly 2 s: old enough */
	assert_string_equal(digest_of(f, page, &st), "forged");
	fh_counts(f, &nread, &nreused);
	assert_true(nread == 0 && nreused == 1);
	assert_string_equal(digest_of(f, page, NULL), "read"); /* no stat: read */
	fh_free(f);
	/* within the racy window (a write in the clock tick of the read keeps every field) */
	f = one_line(page, &st, 1, 1);
	assert_string_equal(digest_of(f, page, &st), "read");
	fh_counts(f, &nread, &nreused);
	assert_true(nread == 1 && nreused == 0);
	fh_free(f);
	/* --no-cache */
	f = one_line(page, &st, 10, 0);
	assert_string_equal(digest_of(f, page, &st), "read");
	fh_free(f);
	/* every field of the identity counts */
	for (int field = 0; field < 5; field++) {
		other = st;
		switch (field) {
		case 0: other.st_dev++; break;
		case 1: other.st_ino++; break;
		case 2: other.st_size++; break;
		case 3: other.st_mtim.tv_nsec ^= 1; break;
		default: other.st_ctim.tv_nsec ^= 1; break;
		}
		f = one_line(page, &other, 20, 1);
		assert_string_equal(digest_of(f, page, &st), "read");
		fh_free(f);
	}
	/* the ctime old enough, the mtime not (set ahead by a user): read */
	{
		struct timespec times[2];
		times[0].tv_sec = 0;
		times[0].tv_nsec = UTIME_OMIT;
		times[1] = st.st_ctim;
		times[1].tv_sec += 100;
		assert_int_equal(utimensat(AT_FDCWD, page, times, 0), 0);
		assert_int_equal(stat(page, &st), 0);
		f = one_line(page, &st, 10, 1);
		assert_string_equal(digest_of(f, page, &st), "read");
		fh_free(f);
	}
	/* another path of the same file: not the record's */
	f = one_line(page, &st, 10, 1);
	{
		char *alias = fsio_join(t->reg, "./page.md");
		assert_string_equal(digest_of(f, alias, &st), "read");
		free(alias);
	}
	fh_free(f);
	free(page);
}

/* the page edited in place to the same size, its mtime set back (touch -d): only its
 * ctime differs from the record, which the racy rule alone would trust (`hashed` long
 * after both times): read again */
static void test_stat_mtime_set_back(void **state)
{
	tree *t = *state;
	char *page = fsio_join(t->reg, "page.md");
	struct stat before, after;
	struct timespec times[2], tick = {0, 20000000};
	fh_cache *f;
	unsigned char d[BLAKE2B_OUT];
	long long size;
	const char *why;
	char h[65];
	assert_int_equal(stat(page, &before), 0);
	f = one_line(page, &before, 3600, 1);
	nanosleep(&tick, NULL); /* past the kernel's clock tick: the write gets a later ctime */
	put(t->reg, "page.md", "# Article 2\n");
	times[0].tv_nsec = UTIME_OMIT;
	times[0].tv_sec = 0;
	times[1] = before.st_mtim;
	assert_int_equal(utimensat(AT_FDCWD, page, times, 0), 0);
	assert_int_equal(stat(page, &after), 0);
	assert_true(after.st_ino == before.st_ino && after.st_size == before.st_size &&
	            after.st_mtim.tv_sec == before.st_mtim.tv_sec &&
	            after.st_mtim.tv_nsec == before.st_mtim.tv_nsec);
	assert_int_equal(fh_digest(f, page, &after, d, &size, &why), 0);
	hex(d, h);
	assert_string_not_equal(h, FORGED);
	assert_string_not_equal(h, "b3c0ed44877d463766ee37eb13374cfc1d698037d0b92690e18cf96990db7fc4");
	fh_free(f);
	free(page);
}

/* the manifest's lines: fh_write's are read back; anything not well formed, or out of
 * order, is refused (the reader stops there) */
static void test_stat_lines(void **state)
{
	tree *t = *state;
	char *page = fsio_join(t->reg, "page.md"), *tpl = fsio_join(t->tpl, "site.xsl");
	const char *bad[] = {
		"",
		"1 2 3 4.000000000 5.000000000 " FORGED,                   /* no path */
		"1 2 3 4.000000000 5.000000000 " FORGED " ",               /* empty path */
		"x 2 3 4.000000000 5.000000000 " FORGED " /p",
		"1 -2 3 4.000000000 5.000000000 " FORGED " /p",
		"1 2 3 4.0 5.000000000 " FORGED " /p",                     /* nine digits */
		"1 2 3 4 5.000000000 " FORGED " /p",
		"1 2 3 -0.000000000 5.000000000 " FORGED " /p",
		"1 2 3 4.000000000 5.000000000 " FORGED "0 /p",            /* 65 hex digits */
		"1 2 3 4.000000000 5.000000000 00000000000000000000000000000000000000000000000000000000000000FF /p",
		"1 2 3 4.000000000 5.000000000 " FORGED " /p\001",
		"1 2 18446744073709551616 4.000000000 5.000000000 " FORGED " /p", /* 2^64 */
		"1  2 3 4.000000000 5.000000000 " FORGED " /p",
	};
	fh_cache *f = fh_new(1), *g;
	unsigned char d[BLAKE2B_OUT];
	long long size;
	const char *why;
	buf b;
	struct stat st;
	assert_non_null(f);
	/* a stat line before the hashed line; a hashed line not well formed */
	assert_int_equal(fh_read_line(f, "stat", "1 2 3 4.000000000 5.000000000 " FORGED " /p"), -1);
	assert_int_equal(fh_read_line(f, "hashed", "12"), -1);
	assert_int_equal(fh_read_line(f, "hashed", "12.000000000 "), -1);
	assert_int_equal(fh_read_line(f, "hashed", "-12.000000000"), 1);
	assert_int_equal(fh_read_line(f, "hashed", "13.000000000"), -1); /* twice */
	assert_int_equal(fh_read_line(f, "group", "x"), 0); /* not the stat cache's */
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(fh_read_line(f, "stat", bad[i]), -1);
	assert_int_equal(fh_read_line(f, "stat", "1 2 3 -4.000000000 5.000000000 " FORGED " /p q"), 1);
	/* in strictly increasing byte order of the paths */
	assert_int_equal(fh_read_line(f, "stat", "1 2 3 4.000000000 5.000000000 " FORGED " /p q"), -1);
	assert_int_equal(fh_read_line(f, "stat", "1 2 3 4.000000000 5.000000000 " FORGED " /p"), -1);
	assert_int_equal(fh_read_line(f, "stat", "1 2 3 4.000000000 5.000000000 " FORGED " /q"), 1);
	fh_free(f);
	/* what a build writes: each file once (the page digested twice), in byte order,
	 * after the time it started; read back, the same */
	f = fh_new(1);
	assert_non_null(f);
	assert_int_equal(stat(page, &st), 0);
	assert_int_equal(fh_digest(f, tpl, NULL, d, &size, &why), 0);
	assert_int_equal(fh_digest(f, page, &st, d, &size, &why), 0);
	assert_int_equal(fh_digest(f, page, NULL, d, &size, &why), 0);
	why = NULL;
	assert_int_equal(fh_digest(f, t->reg, NULL, d, &size, &why), -1); /* a folder */
	assert_string_equal(why, "not a regular file");
	assert_int_equal(fh_digest(f, "/nonexistent/x", NULL, d, &size, &why), -1);
	buf_init(&b);
	fh_write(f, &b);
	assert_false(b.oom);
	{
		char *line = b.s, *nl, *sp;
		int n = 0;
		g = fh_new(1);
		assert_non_null(g);
		assert_int_equal(strncmp(line, "hashed ", 7), 0);
		while ((nl = strchr(line, '\n'))) {
			*nl = '\0';
			sp = strchr(line, ' ');
			assert_non_null(sp);
			*sp = '\0';
			assert_int_equal(fh_read_line(g, line, sp + 1), 1);
			if (!strcmp(line, "stat"))
				assert_non_null(strstr(sp + 1, n++ ? tpl : page)); /* reg/ < templates/ */
			line = nl + 1;
		}
		assert_int_equal(n, 2);
		fh_free(g);
	}
	buf_free(&b);
	fh_free(f);
	free(page);
	free(tpl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blake2b_vectors),
		cmocka_unit_test_setup_teardown(test_take_over, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalidation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_manifest_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_planted_symlink, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replay_recorded, setup, teardown),
		cmocka_unit_test(test_null),
		cmocka_unit_test_setup_teardown(test_stat_rule, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stat_mtime_set_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stat_lines, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
