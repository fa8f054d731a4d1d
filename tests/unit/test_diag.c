/*
 * test_diag.c - diagnostics: the "path:line: level: message" format, the counts a
 * run's exit status comes from, the cap on printed messages, and -W (werror).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "util/diag.h"

/* A diag writing into memory; text() flushes and returns what was printed. */
typedef struct capture {
	diag d;
	FILE *f;
	char *s;
	size_t n;
} capture;

static void cap_open(capture *c)
{
	c->s = NULL;
	c->n = 0;
	c->f = open_memstream(&c->s, &c->n);
	assert_non_null(c->f);
	diag_init(&c->d, c->f);
}

static const char *cap_text(capture *c)
{
	fflush(c->f);
	return c->s ? c->s : "";
}

static void cap_close(capture *c)
{
	fclose(c->f);
	free(c->s);
}

static void test_format_path_line(void **state)
{
	capture c;
	(void)state;
	cap_open(&c);
	diag_error(&c.d, "corpus/x/articles/article-003.md", 12, "bad %s number %d", "point", 7);
	assert_string_equal(cap_text(&c), "corpus/x/articles/article-003.md:12: error: bad point number 7\n");
	cap_close(&c);
}

static void test_format_warning_and_note(void **state)
{
	capture c;
	(void)state;
	cap_open(&c);
	diag_warning(&c.d, "a.md", 3, "careful");
	diag_report(&c.d, DIAG_NOTE, "a.md", 4, "for what it is worth");
	assert_string_equal(cap_text(&c), "a.md:3: warning: careful\na.md:4: note: for what it is worth\n");
	assert_int_equal(c.d.warnings, 1);
	assert_int_equal(c.d.errors, 0);
	assert_false(diag_failed(&c.d));
	cap_close(&c);
}

static void test_format_without_line_or_path(void **state)
{
	capture c;
	(void)state;
	cap_open(&c);
	diag_error(&c.d, "corpus/x/articles", 0, "missing folder");
	diag_error(&c.d, NULL, 0, "no regulation here");
	diag_warning(&c.d, NULL, 5, "a line without a path is not printed");
	assert_string_equal(cap_text(&c), "corpus/x/articles: error: missing folder\n"
	                                  "regdoc: error: no regulation here\n"
	                                  "regdoc: warning: a line without a path is not printed\n");
	cap_close(&c);
}

static void test_counts(void **state)
{
	capture c;
	(void)state;
	cap_open(&c);
	assert_false(diag_failed(&c.d));
	diag_warning(&c.d, "a", 1, "w1");
	diag_warning(&c.d, "a", 2, "w2");
	assert_false(diag_failed(&c.d));
	diag_error(&c.d, "a", 3, "e1");
	assert_true(diag_failed(&c.d));
	assert_int_equal(c.d.errors, 1);
	assert_int_equal(c.d.warnings, 2);
	assert_int_equal(c.d.printed, 3);
	assert_int_equal(c.d.sys_error, 0);
	cap_close(&c);
}

static void test_cap_counts_everything_prints_some(void **state)
{
	capture c;
	(void)state;
	cap_open(&c);
	c.d.max_printed = 2;
	for (int i = 1; i <= 4; i++)
		diag_error(&c.d, "p.md", (unsigned long)i, "error %d", i);
	diag_warning(&c.d, "p.md", 9, "hidden warning");
	assert_int_equal(c.d.errors, 4);
	assert_int_equal(c.d.warnings, 1);
	assert_int_equal(c.d.printed, 2);
	diag_summary(&c.d);
	assert_string_equal(cap_text(&c), "p.md:1: error: error 1\np.md:2: error: error 2\n"
	                                  "regdoc: 4 error(s), 1 warning(s); 3 not shown (limit 2)\n");
	cap_close(&c);
}

static void test_default_cap_is_100(void **state)
{
	capture c;
	(void)state;
	cap_open(&c);
	assert_int_equal(c.d.max_printed, 100);
	for (int i = 0; i < 150; i++)
		diag_error(&c.d, "p.md", 1, "e");
	assert_int_equal(c.d.printed, 100);
	assert_int_equal(c.d.errors, 150);
	cap_close(&c);
}

static void test_no_cap_and_no_summary_when_all_shown(void **state)
{
	capture c;
	size_t lines = 0;
	const char *t;
	(void)state;
	cap_open(&c);
	c.d.max_printed = 0; /* no cap */
	for (int i = 0; i < 250; i++)
		diag_error(&c.d, "p.md", 1, "e");
	diag_summary(&c.d); /* everything was shown: prints nothing */
	t = cap_text(&c);
	for (; *t; t++)
		lines += *t == '\n';
	assert_int_equal(lines, 250);
	assert_int_equal(c.d.printed, 250);
	cap_close(&c);
}

static void test_werror(void **state)
{
	capture c;
	(void)state;
	cap_open(&c);
	c.d.werror = 1;
	diag_warning(&c.d, "r.md", 4, "'Article 99' cites art-99, which does not exist");
	assert_string_equal(cap_text(&c), "r.md:4: error: 'Article 99' cites art-99, which does not exist\n");
	assert_int_equal(c.d.errors, 1);
	assert_int_equal(c.d.warnings, 0);
	assert_true(diag_failed(&c.d));
	cap_close(&c);
}

static void test_sys_error(void **state)
{
	capture c;
	char want[256];
	(void)state;
	cap_open(&c);
	diag_sys(&c.d, "out/graph.xml", "cannot write", ENOSPC);
	snprintf(want, sizeof want, "out/graph.xml: error: cannot write: %s\n", strerror(ENOSPC));
	assert_string_equal(cap_text(&c), want);
	assert_int_equal(c.d.sys_error, 1);
	assert_int_equal(c.d.errors, 1);
	cap_close(&c);
}

static void test_count_only_and_runs_independent(void **state)
{
	diag a, b;
	(void)state;
	diag_init(&a, NULL); /* count only: nothing printed anywhere */
	diag_init(&b, NULL);
	diag_error(&a, "x", 1, "e");
	diag_warning(&a, "x", 2, "w");
	assert_int_equal(a.errors, 1);
	assert_int_equal(a.warnings, 1);
	assert_int_equal(a.printed, 0);
	assert_int_equal(b.errors, 0); /* no global state: b saw nothing */
	assert_int_equal(b.warnings, 0);
	diag_summary(&a); /* out is NULL: must not crash */
}


/* Issue 18, class 4: input text in a diagnostic cannot drive the terminal: control
 * characters (C0, DEL, C1) and the invisible bidi/zero-width ones are shown escaped,
 * in the path as in the message. */
static void test_escapes_terminal_controls(void **state)
{
	capture c;
	(void)state;
	cap_open(&c);
	diag_error(&c.d, "p\x1b]0;owned\x07.md", 3, "heading '%s'",
	           "\x1b[2J\xe2\x80\xae\xc2\x85\x7f\ttab \xe2\x80\x8b\xef\xbb\xbf \xc3\xa9t\xc3\xa9");
	assert_string_equal(cap_text(&c),
	                    "p\\x1b]0;owned\\x07.md:3: error: heading "
	                    "'\\x1b[2J\\u202E\\u0085\\x7f\\x09tab \\u200B\\uFEFF \xc3\xa9t\xc3\xa9'\n");
	cap_close(&c);
}

static void test_format_column(void **state)
{
	capture c;
	(void)state;
	cap_open(&c);
	diag_report_col(&c.d, DIAG_ERROR, "a.md", 3, 7, "bad %d", 1);
	assert_string_equal(cap_text(&c), "a.md:3:7: error: bad 1\n");
	assert_int_equal(c.d.errors, 1);
	cap_close(&c);
}

/* Issue 18, class 6: a reader that went away (EPIPE) is an I/O error of the run. */
static void test_closed_stream_is_io_error(void **state)
{
	int fds[2];
	FILE *w;
	diag d;
	(void)state;
	signal(SIGPIPE, SIG_IGN);
	assert_int_equal(pipe(fds), 0);
	close(fds[0]);
	w = fdopen(fds[1], "w");
	assert_non_null(w);
	diag_init(&d, w);
	diag_warning(&d, "a.md", 1, "nobody reads this");
	assert_int_equal(d.sys_error, 1);
	assert_true(diag_failed(&d));
	assert_null(d.out); /* nothing more is written */
	diag_warning(&d, "a.md", 2, "nor this");
	fclose(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_path_line),
		cmocka_unit_test(test_escapes_terminal_controls),
		cmocka_unit_test(test_format_column),
		cmocka_unit_test(test_closed_stream_is_io_error),
		cmocka_unit_test(test_format_warning_and_note),
		cmocka_unit_test(test_format_without_line_or_path),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_cap_counts_everything_prints_some),
		cmocka_unit_test(test_default_cap_is_100),
		cmocka_unit_test(test_no_cap_and_no_summary_when_all_shown),
		cmocka_unit_test(test_werror),
		cmocka_unit_test(test_sys_error),
		cmocka_unit_test(test_count_only_and_runs_independent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
