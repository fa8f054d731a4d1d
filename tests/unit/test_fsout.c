/*
 * test_fsout.c - all-or-nothing output (util/fsout): a commit replaces the previous
 * output whole, an abort leaves it byte-identical and removes the temporary
 * directory; and, through the public API, a build that fails at its last step
 * leaves the previous output intact.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "regdoc.h"
#include "util/buf.h"
#include "util/fsio.h"
#include "util/fsout.h"

typedef struct fx {
	char dir[64];
	char *out;
	size_t outlen;
	FILE *f;
	diag d;
} fx;

static int setup(void **state)
{
	fx *t = calloc(1, sizeof *t);
	if (!t)
		return -1;
	snprintf(t->dir, sizeof t->dir, "/tmp/regdoc-test-fsout.XXXXXX");
	if (!mkdtemp(t->dir))
		return -1;
	t->f = open_memstream(&t->out, &t->outlen);
	diag_init(&t->d, t->f);
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	fx *t = *state;
	fclose(t->f);
	free(t->out);
	fsout_remove_tree(t->dir);
	free(t);
	return 0;
}

static const char *diags(fx *t)
{
	fflush(t->f);
	return t->out ? t->out : "";
}

static char *path_in(const char *dir, const char *name)
{
	char *p = fsio_join(dir, name);
	assert_non_null(p);
	return p;
}

static void put(const char *dir, const char *name, const char *content)
{
	char *p = path_in(dir, name);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(content, f);
	fclose(f);
	free(p);
}

static char *get(const char *dir, const char *name)
{
	char *p = path_in(dir, name), *s;
	size_t len;
	diag quiet;
	diag_init(&quiet, NULL);
	if (fsio_read_file(p, 1u << 26, &s, &len, &quiet) != 0)
		s = NULL;
	free(p);
	return s;
}

/* A snapshot of a whole tree: every path, its type and every file's bytes, in
 * byte order. Two snapshots are equal exactly when the trees are byte-identical, but
 * for the bytes of the stat cache (.regdoc-stat: when the build read its inputs, and
 * their inodes and times on this machine, doc/cache.md). */
static void snapshot_into(buf *b, const char *dir, const char *rel)
{
	fsio_names names;
	diag quiet;
	diag_init(&quiet, NULL);
	if (fsio_list_dir(dir, &names, &quiet) != 0) {
		buf_printf(b, "[unlistable %s]\n", rel);
		return;
	}
	for (size_t i = 0; i < names.n; i++) {
		char *p = path_in(dir, names.v[i]);
		struct stat st;
		buf_printf(b, "%s/%s ", rel, names.v[i]);
		if (lstat(p, &st) != 0) {
			buf_puts(b, "?\n");
		} else if (S_ISDIR(st.st_mode)) {
			char *r = path_in(rel, names.v[i]);
			buf_puts(b, "dir\n");
			snapshot_into(b, p, r);
			free(r);
		} else if (!strcmp(names.v[i], ".regdoc-stat")) {
			buf_puts(b, "file (the stat cache)\n");
		} else {
			char *s = get(dir, names.v[i]);
			buf_printf(b, "file %lld\n", (long long)st.st_size);
			if (s) {
				buf_append(b, s, (size_t)st.st_size);
				buf_putc(b, '\n');
			}
			free(s);
		}
		free(p);
	}
	fsio_names_free(&names);
}

static char *snapshot(const char *dir)
{
	buf b;
	buf_init(&b);
	buf_puts(&b, "");
	snapshot_into(&b, dir, ".");
	assert_false(b.oom);
	return b.s;
}

/* Names in dir containing ".tmp-" or ".old-": leftovers of an output swap. */
static size_t leftovers(const char *dir)
{
	fsio_names names;
	size_t n = 0;
	diag quiet;
	diag_init(&quiet, NULL);
	if (fsio_list_dir(dir, &names, &quiet) != 0)
		return 0;
	for (size_t i = 0; i < names.n; i++)
		if (strstr(names.v[i], ".tmp-") || strstr(names.v[i], ".old-"))
			n++;
	fsio_names_free(&names);
	return n;
}

/* out/site with two files: the "previous output". */
static char *make_previous(fx *t)
{
	char *target = path_in(t->dir, "site");
	char *sub;
	assert_int_equal(mkdir(target, 0755), 0);
	put(target, "index.html", "<p>previous</p>\n");
	put(target, "old-only.html", "only in the previous output\n");
	sub = path_in(target, "static");
	assert_int_equal(mkdir(sub, 0755), 0);
	put(sub, "site.css", "body{}\n");
	free(sub);
	return target;
}

static void test_begin_dir_makes_fresh_temp_beside_target(void **state)
{
	fx *t = *state;
	char *target = path_in(t->dir, "deep/er/site");
	fsout o;
	struct stat st;
	char prefix[128];
	assert_int_equal(fsout_begin_dir(&o, target, &t->d), 0);
	assert_non_null(o.tmp);
	snprintf(prefix, sizeof prefix, "%s.tmp-", target);
	assert_true(strncmp(o.tmp, prefix, strlen(prefix)) == 0); /* beside: same file system */
	assert_int_equal(stat(o.tmp, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0755);
	assert_int_equal(stat(target, &st), -1); /* nothing at the target yet */
	fsout_abort(&o);
	assert_null(o.tmp);
	free(target);
	target = path_in(t->dir, "deep/er");
	assert_int_equal(leftovers(target), 0);
	free(target);
	assert_string_equal(diags(t), "");
}

static void test_commit_creates(void **state)
{
	fx *t = *state;
	char *target = path_in(t->dir, "site"), *s;
	fsout o;
	assert_int_equal(fsout_begin_dir(&o, target, &t->d), 0);
	put(o.tmp, "index.html", "<p>new</p>\n");
	assert_int_equal(fsout_commit(&o, &t->d), 0);
	fsout_abort(&o); /* after a commit: only frees */
	s = get(target, "index.html");
	assert_string_equal(s, "<p>new</p>\n");
	free(s);
	assert_int_equal(leftovers(t->dir), 0);
	free(target);
}

static void test_commit_replaces_whole_tree(void **state)
{
	fx *t = *state;
	char *target = make_previous(t), *s, *after;
	fsout o;
	assert_int_equal(fsout_begin_dir(&o, target, &t->d), 0);
	put(o.tmp, "index.html", "<p>new</p>\n");
	put(o.tmp, "new-only.html", "new\n");
	assert_int_equal(fsout_commit(&o, &t->d), 0);
	fsout_abort(&o);
	s = get(target, "index.html");
	assert_string_equal(s, "<p>new</p>\n");
	free(s);
	after = snapshot(target);
	/* exactly the new tree: the previous output's other files are gone */
	assert_string_equal(after, "./index.html file 11\n<p>new</p>\n\n./new-only.html file 4\nnew\n\n");
	free(after);
	assert_int_equal(leftovers(t->dir), 0);
	assert_string_equal(diags(t), "");
	free(target);
}

static void test_abort_leaves_previous_identical(void **state)
{
	fx *t = *state;
	char *target = make_previous(t);
	char *before = snapshot(target), *after;
	fsout o;
	assert_int_equal(fsout_begin_dir(&o, target, &t->d), 0);
	put(o.tmp, "index.html", "<p>half-built</p>\n");
	put(o.tmp, "x.html", "x\n");
	assert_int_equal(leftovers(t->dir), 1); /* the temporary directory exists ... */
	fsout_abort(&o);
	assert_int_equal(leftovers(t->dir), 0); /* ... and is gone */
	after = snapshot(target);
	assert_string_equal(before, after);
	assert_non_null(strstr(after, "only in the previous output"));
	free(before);
	free(after);
	free(target);
}

static void test_file_commit_and_abort(void **state)
{
	fx *t = *state;
	char *target = path_in(t->dir, "graph.xml"), *s;
	fsout o;
	FILE *f;
	put(t->dir, "graph.xml", "<previous/>\n");
	/* abort: the previous file stays, the temporary file goes */
	assert_int_equal(fsout_begin_file(&o, target, &t->d), 0);
	f = fopen(o.tmp, "w");
	assert_non_null(f);
	fputs("<half/>", f);
	fclose(f);
	fsout_abort(&o);
	s = get(t->dir, "graph.xml");
	assert_string_equal(s, "<previous/>\n");
	free(s);
	assert_int_equal(leftovers(t->dir), 0);
	/* commit: replaced */
	assert_int_equal(fsout_begin_file(&o, target, &t->d), 0);
	f = fopen(o.tmp, "w");
	assert_non_null(f);
	fputs("<new/>\n", f);
	fclose(f);
	assert_int_equal(fsout_commit(&o, &t->d), 0);
	fsout_abort(&o);
	s = get(t->dir, "graph.xml");
	assert_string_equal(s, "<new/>\n");
	free(s);
	assert_int_equal(leftovers(t->dir), 0);
	free(target);
}

static void test_remove_tree_does_not_follow_symlinks(void **state)
{
	fx *t = *state;
	char *outside = path_in(t->dir, "outside");
	char *tree = path_in(t->dir, "tree");
	char *link = path_in(tree, "link");
	char *s;
	assert_int_equal(mkdir(outside, 0755), 0);
	put(outside, "keep.txt", "keep me\n");
	assert_int_equal(mkdir(tree, 0755), 0);
	put(tree, "a.txt", "a\n");
	assert_int_equal(symlink(outside, link), 0);
	assert_int_equal(fsout_remove_tree(tree), 0);
	assert_false(fsio_is_dir(tree));
	s = get(outside, "keep.txt");
	assert_non_null(s);
	assert_string_equal(s, "keep me\n");
	free(s);
	assert_int_equal(fsout_remove_tree(tree), 0); /* already gone: fine */
	free(outside);
	free(tree);
	free(link);
}

static void test_mkdirs(void **state)
{
	fx *t = *state;
	char *p = path_in(t->dir, "a/b/c");
	char *file = path_in(t->dir, "plain");
	char *under = path_in(t->dir, "plain/sub");
	assert_int_equal(fsout_mkdirs(p, &t->d), 0);
	assert_true(fsio_is_dir(p));
	assert_int_equal(fsout_mkdirs(p, &t->d), 0); /* exists: fine */
	put(t->dir, "plain", "a file\n");
	assert_int_equal(fsout_mkdirs(under, &t->d), -1); /* a file in the way */
	/* refused like any output path of the wrong kind (issue 18): an input error */
	assert_int_equal(t->d.errors, 1);
	assert_int_equal(t->d.sys_error, 0);
	assert_non_null(strstr(diags(t), "plain: error: exists and is not a folder"));
	free(p);
	free(file);
	free(under);
}

/* ---- through the public API ------------------------------------------------ */

static int build(fx *t, const char *templates, const char *outdir)
{
	regdoc_options o;
	regdoc_options_init(&o);
	o.datadir = SOURCE_DIR;
	o.templates = templates;
	o.diagnostics = t->f;
	return regdoc_build(&o, SOURCE_DIR "/tests/fixtures/mini", outdir);
}

static void test_build_failing_at_last_step_keeps_previous(void **state)
{
	fx *t = *state;
	char *out = path_in(t->dir, "output");
	char *reg = path_in(out, "mini");
	char *templates = path_in(t->dir, "templates");
	char *site = path_in(templates, "site");
	char *before, *after;
	int status;
	assert_int_equal(build(t, NULL, out), REGDOC_EXIT_OK);
	before = snapshot(out);
	assert_non_null(strstr(before, "./mini/graph.xml file "));
	assert_non_null(strstr(before, "./mini/site "));
	/* Same input, but the site's stylesheet is broken: the graph is written into the
	 * temporary folder, then rendering the site, the last step, fails. */
	assert_int_equal(mkdir(templates, 0755), 0);
	assert_int_equal(mkdir(site, 0755), 0);
	put(site, "site.xsl", "<xsl:stylesheet version=\"1.0\"\n");
	status = build(t, templates, out);
	assert_true(status == REGDOC_EXIT_INPUT || status == REGDOC_EXIT_SYSTEM);
	assert_non_null(strstr(diags(t), "site.xsl"));
	after = snapshot(out);
	assert_string_equal(before, after);
	assert_int_equal(leftovers(out), 0);
	/* and a good build after it replaces the output again */
	assert_int_equal(build(t, NULL, out), REGDOC_EXIT_OK);
	free(after);
	after = snapshot(out);
	assert_string_equal(before, after); /* same input: same bytes */
	assert_int_equal(leftovers(out), 0);
	free(before);
	free(after);
	free(out);
	free(reg);
	free(templates);
	free(site);
}

static void test_graph_failing_keeps_previous_file(void **state)
{
	fx *t = *state;
	char *target = path_in(t->dir, "mini.graph.xml"), *s;
	regdoc_options o;
	regdoc_options_init(&o);
	o.datadir = SOURCE_DIR;
	o.diagnostics = t->f;
	o.werror = 1; /* the fixture's dangling "Article 99" warning now fails the run */
	put(t->dir, "mini.graph.xml", "<previous/>\n");
	assert_int_equal(regdoc_graph(&o, SOURCE_DIR "/tests/fixtures/mini", target),
	                 REGDOC_EXIT_INPUT);
	assert_non_null(strstr(diags(t), "article-004.md:6: error: 'Article 99'"));
	s = get(t->dir, "mini.graph.xml");
	assert_string_equal(s, "<previous/>\n");
	free(s);
	assert_int_equal(leftovers(t->dir), 0);
	free(target);
}


/* Issue 18, class 7: an output of another kind is never replaced: a file where the
 * output folder goes, a folder where a file goes; both stay as they were. */
static void test_refuses_other_kind(void **state)
{
	fx *t = *state;
	char *file = fsio_join(t->dir, "a-file"), *dir = fsio_join(t->dir, "a-dir");
	fsout o;
	struct stat st;
	put(t->dir, "a-file", "user's data\n");
	assert_int_equal(mkdir(dir, 0755), 0);
	assert_int_equal(fsout_begin_dir(&o, file, &t->d), -1);
	fsout_abort(&o); /* a no-op after a failed begin */
	assert_int_equal(fsout_begin_file(&o, dir, &t->d), -1);
	assert_non_null(strstr(diags(t), "a-file: error: exists and is not a folder"));
	assert_non_null(strstr(diags(t), "a-dir: error: is a folder: refusing to replace it with a file"));
	assert_int_equal(stat(file, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(stat(dir, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	free(file);
	free(dir);
}

/* Issue 18, class 7's sibling: a device, FIFO or socket, or a symbolic link to one, is
 * never replaced by an output file or folder (`regdoc graph -o /dev/null` as root put
 * a regular file in place of the device). */
static void test_refuses_special_files(void **state)
{
	fx *t = *state;
	char *fifo = fsio_join(t->dir, "a-fifo"), *link = fsio_join(t->dir, "to-null");
	fsout o;
	struct stat st;
	assert_int_equal(mkfifo(fifo, 0644), 0);
	assert_int_equal(symlink("/dev/null", link), 0);
	assert_int_equal(fsout_begin_file(&o, fifo, &t->d), -1);
	assert_int_equal(fsout_begin_dir(&o, fifo, &t->d), -1);
	assert_int_equal(fsout_begin_file(&o, link, &t->d), -1);
	assert_int_equal(fsout_begin_dir(&o, link, &t->d), -1);
	assert_int_equal(t->d.errors, 4);
	assert_non_null(strstr(diags(t), "a-fifo: error: is a FIFO, not a regular file: refusing to replace it (-o - writes to standard output)"));
	assert_non_null(strstr(diags(t), "a-fifo: error: is a FIFO, not a regular folder: refusing to replace it\n"));
	assert_non_null(strstr(diags(t), "to-null: error: is a device, not a regular file"));
	assert_int_equal(lstat(fifo, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	free(fifo);
	free(link);
}

/* Issue 18, class 10: a begin that fails (here: the parent cannot be made) leaves
 * nothing allocated, whether or not the caller aborts (LeakSanitizer, valgrind). */
static void test_failed_begin_leaks_nothing(void **state)
{
	fx *t = *state;
	char *target = fsio_join(t->dir, "a-file/out");
	fsout o;
	put(t->dir, "a-file", "x\n");
	assert_int_equal(fsout_begin_dir(&o, target, &t->d), -1);
	assert_null(o.target);
	assert_null(o.tmp);
	assert_int_equal(fsout_begin_file(&o, target, &t->d), -1);
	assert_null(o.target);
	assert_int_equal(t->d.errors, 2);
	free(target);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_begin_dir_makes_fresh_temp_beside_target, setup, teardown),
		cmocka_unit_test_setup_teardown(test_commit_creates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_commit_replaces_whole_tree, setup, teardown),
		cmocka_unit_test_setup_teardown(test_abort_leaves_previous_identical, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_commit_and_abort, setup, teardown),
		cmocka_unit_test_setup_teardown(test_remove_tree_does_not_follow_symlinks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mkdirs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_other_kind, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_special_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_begin_leaks_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_build_failing_at_last_step_keeps_previous, setup, teardown),
		cmocka_unit_test_setup_teardown(test_graph_failing_keeps_previous_file, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
