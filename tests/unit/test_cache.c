/*
 * test_cache.c - util/sha256 (the FIPS 180-4 example vectors) and build/cache: keys,
 * the manifest, taking a group over, what invalidates it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build/cache.h"
#include "util/fsio.h"
#include "util/fsout.h"
#include "util/sha256.h"

static void hex(const unsigned char *d, char out[65])
{
	for (int i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static void expect_sha(const char *msg, size_t len, size_t chunk, const char *want)
{
	sha256 s;
	unsigned char d[32];
	char h[65];
	sha256_init(&s);
	for (size_t i = 0; i < len; i += chunk)
		sha256_update(&s, msg + i, len - i < chunk ? len - i : chunk);
	sha256_final(&s, d);
	hex(d, h);
	assert_string_equal(h, want);
}

/* FIPS 180-4 / NIST CSRC example values, fed whole and in odd-sized pieces */
static void test_sha256_vectors(void **state)
{
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	char *million = malloc(1000000);
	(void)state;
	expect_sha("", 0, 1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	expect_sha("abc", 3, 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	expect_sha(two, strlen(two), 7,
	           "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	expect_sha(two, strlen(two), 64,
	           "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	assert_non_null(million);
	memset(million, 'a', 1000000);
	expect_sha(million, 1000000, 4093,
	           "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(million);
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
static int one_build(tree *t, int reuse, bcache_kind kind)
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_vectors),
		cmocka_unit_test_setup_teardown(test_take_over, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalidation, setup, teardown),
		cmocka_unit_test(test_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
