/*
 * test_text.c - util/text (Roman numerals, numbers, slugs, small string helpers) and
 * the UTF-8 and file checks of util/fsio that every page passes before a parser
 * sees it.
 */
#include <errno.h>
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

#include "util/buf.h"
#include "util/diag.h"
#include "util/fsio.h"
#include "util/fsout.h"
#include "util/text.h"

static unsigned roman(const char *s)
{
	return text_roman_value(s, strlen(s));
}

static void test_roman_value(void **state)
{
	(void)state;
	assert_int_equal(roman("I"), 1);
	assert_int_equal(roman("IV"), 4);
	assert_int_equal(roman("VI"), 6);
	assert_int_equal(roman("IX"), 9);
	assert_int_equal(roman("XIII"), 13);
	assert_int_equal(roman("XL"), 40);
	assert_int_equal(roman("XC"), 90);
	assert_int_equal(roman("CD"), 400);
	assert_int_equal(roman("MCMXCIX"), 1999);
	assert_int_equal(roman("MMMCMXCIX"), 3999);
	assert_int_equal(roman("xiii"), 13); /* lower case: "point (xiii)" */
	assert_int_equal(roman("vii"), 7);
	/* only a prefix of the buffer is read */
	assert_int_equal(text_roman_value("VII: Conformity", 3), 7);
}

static void test_roman_value_rejects(void **state)
{
	(void)state;
	assert_int_equal(text_roman_value("", 0), 0);
	assert_int_equal(roman("IIII"), 0); /* not canonical */
	assert_int_equal(roman("VX"), 0);
	assert_int_equal(roman("IC"), 0);
	assert_int_equal(roman("IL"), 0);
	assert_int_equal(roman("VV"), 0);
	assert_int_equal(roman("MMMM"), 0); /* 4000: out of range */
	assert_int_equal(roman("ABC"), 0);
	assert_int_equal(roman("X1"), 0);
	assert_int_equal(roman("1"), 0);
	assert_int_equal(roman("MMMDCCCLXXXVIII"), 3888); /* 15 characters: the longest */
	assert_int_equal(roman("MMMDCCCLXXXVIIII"), 0);  /* 16: too long */
}

static void test_roman_format_round_trip(void **state)
{
	char out[16];
	(void)state;
	text_roman_format(1, out);
	assert_string_equal(out, "I");
	text_roman_format(4, out);
	assert_string_equal(out, "IV");
	text_roman_format(13, out);
	assert_string_equal(out, "XIII");
	text_roman_format(1689, out);
	assert_string_equal(out, "MDCLXXXIX");
	text_roman_format(3888, out);
	assert_string_equal(out, "MMMDCCCLXXXVIII");
	for (unsigned v = 1; v <= 3999; v++) {
		text_roman_format(v, out);
		assert_true(strlen(out) < sizeof out);
		assert_int_equal(text_roman_value(out, strlen(out)), v);
	}
}

static void test_parse_uint(void **state)
{
	unsigned v = 77;
	(void)state;
	assert_int_equal(text_parse_uint("0", 1, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(text_parse_uint("113", 3, &v), 0);
	assert_int_equal(v, 113);
	assert_int_equal(text_parse_uint("999999999", 9, &v), 0);
	assert_int_equal(v, 999999999u);
	assert_int_equal(text_parse_uint("43(1)", 2, &v), 0);
	assert_int_equal(v, 43);
	v = 5;
	assert_int_equal(text_parse_uint("", 0, &v), -1);
	assert_int_equal(text_parse_uint("12a", 3, &v), -1);
	assert_int_equal(text_parse_uint("-1", 2, &v), -1);
	assert_int_equal(text_parse_uint(" 1", 2, &v), -1);
	assert_int_equal(text_parse_uint("1234567890", 10, &v), -1); /* no overflow */
	assert_int_equal(v, 5);
}

static void test_slug(void **state)
{
	char s65[66];
	(void)state;
	assert_true(text_is_slug("ai-act"));
	assert_true(text_is_slug("mini"));
	assert_true(text_is_slug("cra"));
	assert_true(text_is_slug("2024-1689"));
	assert_true(text_is_slug("art-43.1.a"));
	assert_true(text_is_slug("a_b"));
	assert_false(text_is_slug(NULL));
	assert_false(text_is_slug(""));
	assert_false(text_is_slug("-x"));
	assert_false(text_is_slug(".x"));
	assert_false(text_is_slug("_x"));
	assert_false(text_is_slug("AI-Act"));
	assert_false(text_is_slug("a..b"));
	assert_false(text_is_slug("x/y"));
	assert_false(text_is_slug("x y"));
	assert_false(text_is_slug("x:y"));
	assert_false(text_is_slug("caf\xc3\xa9"));
	memset(s65, 'a', 65);
	s65[64] = '\0';
	assert_true(text_is_slug(s65)); /* 64 bytes: the longest */
	s65[64] = 'a';
	s65[65] = '\0';
	assert_false(text_is_slug(s65));
}

static void test_string_helpers(void **state)
{
	size_t len = 8;
	const char *t = text_trim("  a b \t\n", &len);
	char *d;
	(void)state;
	assert_int_equal(len, 3);
	assert_memory_equal(t, "a b", 3);
	len = 3;
	t = text_trim("   ", &len);
	assert_int_equal(len, 0);
	d = text_ndup("Article 43: x", 10);
	assert_non_null(d);
	assert_string_equal(d, "Article 43");
	free(d);
	assert_true(text_starts_with("View the official text", "View the"));
	assert_false(text_starts_with("View", "View the"));
	assert_true(text_starts_with("x", ""));
	assert_true(text_ncase_eq("HTTPS://x", "https", 5));
	assert_true(text_ncase_eq("JavaScript:", "javascript", 10));
	assert_false(text_ncase_eq("httpx", "https", 5));
}

/* ---- UTF-8 --------------------------------------------------------------- */

static size_t bad_at(const char *s)
{
	return fsio_utf8_invalid_at(s, strlen(s));
}

static void test_utf8_valid(void **state)
{
	static const char *const valid[] = {
		"",
		"plain ASCII, Article 43(1)",
		"caf\xc3\xa9",                 /* é: 2 bytes */
		"\xe2\x80\x98quoted\xe2\x80\x99", /* ‘ ’: 3 bytes */
		"\xe2\x80\x94",                 /* — */
		"\xf0\x9f\x98\x80",             /* U+1F600: 4 bytes */
		"\xc2\x80",                     /* U+0080: the smallest 2-byte */
		"\xef\xbf\xbf",                 /* U+FFFF */
		"\xf4\x8f\xbf\xbf",             /* U+10FFFF: the largest */
		"\xed\x9f\xbf",                 /* U+D7FF: just below the surrogates */
	};
	(void)state;
	for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++)
		assert_int_equal(bad_at(valid[i]), strlen(valid[i]));
}

static void test_utf8_invalid(void **state)
{
	static const struct {
		const char *s;
		size_t at;
	} cases[] = {
		{"abc\xff", 3},                    /* never valid */
		{"ab\xe9t\xc3\xa9", 2},            /* Latin-1 é */
		{"\x80", 0},                       /* lone continuation byte */
		{"x\xc0\x80", 1},                  /* overlong NUL */
		{"\xc1\xbf", 0},                   /* overlong */
		{"\xe0\x80\x80", 0},               /* overlong 3-byte */
		{"\xf0\x80\x80\x80", 0},           /* overlong 4-byte */
		{"ok \xed\xa0\x80", 3},            /* surrogate U+D800 */
		{"\xed\xbf\xbf", 0},               /* surrogate U+DFFF */
		{"\xf4\x90\x80\x80", 0},           /* U+110000 */
		{"\xf5\x80\x80\x80", 0},           /* F5: never valid */
		{"end \xe2\x80", 4},               /* truncated at the end */
		{"\xc3", 0},                       /* truncated */
		{"\xe2\x28\xa1", 0},               /* bad continuation */
		{"\xf0\x9f\x98", 0},               /* 4-byte cut short */
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t got = bad_at(cases[i].s);
		if (got != cases[i].at)
			fail_msg("case %zu: invalid at %zu, expected %zu", i, got, cases[i].at);
	}
	/* a NUL byte is valid UTF-8 (fsio_read_text refuses it separately) */
	assert_int_equal(fsio_utf8_invalid_at("a\0b", 3), 3);
}

/* ---- reading files ------------------------------------------------------- */

typedef struct tmp {
	char dir[64];
	char *out;
	size_t outlen;
	FILE *f;
	diag d;
} tmp;

static int tmp_setup(void **state)
{
	tmp *t = calloc(1, sizeof *t);
	if (!t)
		return -1;
	snprintf(t->dir, sizeof t->dir, "/tmp/regdoc-test-text.XXXXXX");
	if (!mkdtemp(t->dir))
		return -1;
	t->f = open_memstream(&t->out, &t->outlen);
	diag_init(&t->d, t->f);
	*state = t;
	return 0;
}

static int tmp_teardown(void **state)
{
	tmp *t = *state;
	fclose(t->f);
	free(t->out);
	fsout_remove_tree(t->dir);
	free(t);
	return 0;
}

static char *tmp_file(tmp *t, const char *name, const char *content, size_t len)
{
	char *p = fsio_join(t->dir, name);
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(content, 1, len, f), len);
	fclose(f);
	return p;
}

static const char *tmp_diags(tmp *t)
{
	fflush(t->f);
	return t->out ? t->out : "";
}

static void test_read_text_ok(void **state)
{
	tmp *t = *state;
	static const char page[] = "```markdown\n# Recital 1\n\n\xe2\x80\x98x\xe2\x80\x99\n```";
	char *p = tmp_file(t, "ok.md", page, sizeof page - 1);
	char *buf;
	size_t len;
	assert_int_equal(fsio_read_text(p, 1024, &buf, &len, &t->d), 0);
	assert_int_equal(len, sizeof page - 1);
	assert_memory_equal(buf, page, len);
	assert_int_equal(buf[len], '\0');
	assert_int_equal(t->d.errors, 0);
	free(buf);
	free(p);
}

static void test_read_text_invalid_utf8_names_line(void **state)
{
	tmp *t = *state;
	static const char page[] = "line 1\nline 2\nline \xe9 3\n";
	char *p = tmp_file(t, "latin1.md", page, sizeof page - 1);
	char *buf = (char *)1, want[512];
	size_t len = 1;
	assert_int_equal(fsio_read_text(p, 1024, &buf, &len, &t->d), -1);
	assert_null(buf);
	assert_int_equal(len, 0);
	snprintf(want, sizeof want, "%s:3: error: invalid UTF-8 at byte 19\n", p);
	assert_string_equal(tmp_diags(t), want);
	assert_int_equal(t->d.sys_error, 0); /* an input error: exit status 1 */
	free(p);
}

static void test_read_text_nul_names_line(void **state)
{
	tmp *t = *state;
	static const char page[] = "# Recital 1\n\nte\0xt\n";
	char *p = tmp_file(t, "nul.md", page, sizeof page - 1);
	char *buf;
	size_t len;
	char prefix[512];
	assert_int_equal(fsio_read_text(p, 1024, &buf, &len, &t->d), -1);
	snprintf(prefix, sizeof prefix, "%s:3: error: NUL byte", p);
	assert_true(text_starts_with(tmp_diags(t), prefix));
	assert_int_equal(t->d.errors, 1);
	assert_int_equal(t->d.sys_error, 0);
	free(p);
}

static void test_read_size_limit(void **state)
{
	tmp *t = *state;
	char *p = tmp_file(t, "big.md", "0123456789", 10);
	char *buf;
	size_t len;
	char want[512];
	assert_int_equal(fsio_read_text(p, 10, &buf, &len, &t->d), 0); /* at the limit: read */
	free(buf);
	assert_int_equal(fsio_read_text(p, 9, &buf, &len, &t->d), -1); /* over it: refused */
	snprintf(want, sizeof want, "%s: error: file of 10 bytes is over the limit of 9 bytes\n", p);
	assert_string_equal(tmp_diags(t), want);
	assert_int_equal(t->d.sys_error, 0);
	free(p);
}

static void test_read_not_regular_missing_loop(void **state)
{
	tmp *t = *state;
	char *dir = fsio_join(t->dir, "folder.md");
	char *loop = fsio_join(t->dir, "loop.md");
	char *missing = fsio_join(t->dir, "missing.md");
	char *buf;
	size_t len;
	assert_int_equal(mkdir(dir, 0755), 0);
	assert_int_equal(symlink("loop.md", loop), 0);
	assert_int_equal(fsio_read_text(dir, 1024, &buf, &len, &t->d), -1);
	assert_int_equal(t->d.errors, 1);
	assert_int_equal(t->d.sys_error, 0); /* a folder where a page should be: input error */
	assert_int_equal(fsio_read_text(loop, 1024, &buf, &len, &t->d), -1);
	assert_int_equal(t->d.errors, 2);
	assert_int_equal(t->d.sys_error, 1); /* README: a symlink loop is exit status 3 */
	assert_int_equal(fsio_read_text(missing, 1024, &buf, &len, &t->d), -1);
	assert_int_equal(t->d.errors, 3);
	assert_non_null(strstr(tmp_diags(t), "folder.md: error: not a regular file (a folder): refused\n"));
	assert_non_null(strstr(tmp_diags(t), "loop.md: error: cannot open: "));
	assert_non_null(strstr(tmp_diags(t), "missing.md: error: cannot open: "));
	free(dir);
	free(loop);
	free(missing);
}

static void test_list_dir_sorted(void **state)
{
	tmp *t = *state;
	static const char *const create[] = {"b", "a10", "C", "a2", "a", "annex-10.md", "annex-02.md"};
	static const char *const sorted[] = {"C", "a", "a10", "a2", "annex-02.md", "annex-10.md", "b"};
	char *sub = fsio_join(t->dir, "list");
	fsio_names names;
	assert_int_equal(mkdir(sub, 0755), 0);
	for (size_t i = 0; i < sizeof create / sizeof create[0]; i++) {
		char *p = fsio_join(sub, create[i]);
		FILE *f = fopen(p, "w");
		assert_non_null(f);
		fclose(f);
		free(p);
	}
	assert_int_equal(fsio_list_dir(sub, &names, &t->d), 0);
	assert_int_equal(names.n, sizeof sorted / sizeof sorted[0]);
	for (size_t i = 0; i < names.n; i++)
		assert_string_equal(names.v[i], sorted[i]);
	fsio_names_free(&names);
	assert_int_equal(names.n, 0);
	assert_int_equal(fsio_list_dir("/nonexistent/regdoc", &names, &t->d), -1);
	assert_int_equal(t->d.sys_error, 1);
	assert_true(fsio_is_dir(sub));
	assert_false(fsio_is_dir("/nonexistent/regdoc"));
	free(sub);
}

static void test_join(void **state)
{
	char *p = fsio_join("corpus/ai-act", "articles");
	(void)state;
	assert_string_equal(p, "corpus/ai-act/articles");
	free(p);
}


/* Issue 18, class 1: a FIFO (or a device) where a page should be is refused at once,
 * with the file named: never opened blocking, never waited on. */
static void test_read_fifo_refused_without_waiting(void **state)
{
	tmp *t = *state;
	char *p = fsio_join(t->dir, "fifo.md");
	char *buf;
	size_t len;
	char want[512];
	assert_int_equal(mkfifo(p, 0644), 0);
	alarm(10); /* a blocking open would hang here: SIGALRM fails the test instead */
	assert_int_equal(fsio_read_text(p, 1024, &buf, &len, &t->d), -1);
	assert_int_equal(fsio_read_file("/dev/zero", 1024, &buf, &len, &t->d), -1);
	alarm(0);
	snprintf(want, sizeof want, "%s: error: not a regular file (a FIFO): refused\n"
	         "/dev/zero: error: not a regular file (a device): refused\n", p);
	assert_string_equal(tmp_diags(t), want);
	assert_int_equal(t->d.sys_error, 0); /* an input error: exit status 1 */
	free(p);
}

/* Issue 18, class 2: characters XML 1.0 forbids (ESC, VT, BEL, FF, U+FFFF ...) are an
 * error with the line and the column (in characters), never written to graph.xml. */
static void test_read_xml_forbidden_chars(void **state)
{
	tmp *t = *state;
	static const char esc[] = "# Recital 1\n\n\xc3\xa9t\xc3\xa9 \x1b[2J\n";
	static const char ffff[] = "# Recital 1\n\nx\xef\xbf\xbf\n";
	static const char ok[] = "# Recital 1\n\ttab\r\n\x7f \xc2\x85 \xef\xbf\xbd\n";
	char *p1 = tmp_file(t, "esc.md", esc, sizeof esc - 1);
	char *p2 = tmp_file(t, "ffff.md", ffff, sizeof ffff - 1);
	char *p3 = tmp_file(t, "ok.md", ok, sizeof ok - 1);
	char *buf;
	size_t len;
	char want[1024];
	assert_int_equal(fsio_read_text(p1, 1024, &buf, &len, &t->d), -1);
	assert_int_equal(fsio_read_text(p2, 1024, &buf, &len, &t->d), -1);
	snprintf(want, sizeof want,
	         "%s:3:5: error: control character U+001B: XML 1.0 forbids it, so regdoc cannot keep it (remove it)\n"
	         "%s:3:2: error: control character U+FFFF: XML 1.0 forbids it, so regdoc cannot keep it (remove it)\n",
	         p1, p2);
	assert_string_equal(tmp_diags(t), want);
	assert_int_equal(t->d.errors, 2);
	/* TAB, CR, DEL, C1 and U+FFFD are allowed in XML 1.0 */
	assert_int_equal(fsio_read_text(p3, 1024, &buf, &len, &t->d), 0);
	free(buf);
	free(p1);
	free(p2);
	free(p3);
}

static void test_invisible_chars(void **state)
{
	unsigned cp = 0;
	(void)state;
	assert_int_equal(text_invisible_at("\xe2\x80\xae", 3, &cp), 3);
	assert_int_equal(cp, 0x202E);
	assert_int_equal(text_invisible_at("\xe2\x81\xa6x", 4, &cp), 3);
	assert_int_equal(cp, 0x2066);
	assert_int_equal(text_invisible_at("\xd8\x9c", 2, &cp), 2);
	assert_int_equal(cp, 0x061C);
	assert_int_equal(text_invisible_at("\xe2\x80\x94", 3, &cp), 0); /* an em dash */
	assert_int_equal(text_invisible_at("\xe2\x80", 2, &cp), 0);     /* cut short */
	assert_int_equal(text_first_invisible("Article 5\xe2\x80\x8b"), 0x200B);
	assert_int_equal(text_first_invisible("Prohibited AI practices"), 0);
}

/* the edit distance behind every "did you mean" (issue 17) */
static void test_distance_nearest(void **state)
{
	const char *const opts[] = {"output", "verbose", "validate", "templates", "regulation"};
	(void)state;
	assert_int_equal(text_distance("name", "name", 3), 0);
	assert_int_equal(text_distance("nmae", "name", 3), 1); /* a swap of neighbours is one */
	assert_int_equal(text_distance("outptu", "output", 3), 1);
	assert_int_equal(text_distance("kitten", "sitting", 5), 3);
	assert_int_equal(text_distance("abc", "xyzuvw", 2), 3); /* capped: more than 2 */
	assert_int_equal(text_distance("", "abc", 5), 3);
	assert_string_equal(text_nearest("outptu", opts, 5), "output");
	assert_string_equal(text_nearest("regulaton", opts, 5), "regulation");
	assert_null(text_nearest("frobnicate", opts, 5)); /* too far: no suggestion */
	assert_null(text_nearest("output", opts, 5));     /* itself: nothing to suggest */
	assert_null(text_nearest("x", opts, 5));
}

/* white space as XML text reads it: runs as one space, none leading or trailing, and
 * none doubled where two pieces meet (a text node split by a comment) */
static void test_buf_collapsed(void **state)
{
	buf b;
	(void)state;
	buf_init(&b);
	buf_put_collapsed(&b, "\n  Article 43\t(3)\r\n ");
	buf_put_collapsed(&b, "  second  piece ");
	buf_put_collapsed(&b, NULL);
	buf_trim_end(&b);
	assert_string_equal(b.s, "Article 43 (3) second piece");
	buf_clear(&b);
	buf_put_collapsed(&b, " \t\n");
	buf_trim_end(&b);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roman_value),
		cmocka_unit_test(test_roman_value_rejects),
		cmocka_unit_test(test_roman_format_round_trip),
		cmocka_unit_test(test_parse_uint),
		cmocka_unit_test(test_slug),
		cmocka_unit_test(test_string_helpers),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_invalid),
		cmocka_unit_test_setup_teardown(test_read_text_ok, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(test_read_text_invalid_utf8_names_line, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(test_read_text_nul_names_line, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(test_read_size_limit, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(test_read_not_regular_missing_loop, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(test_read_fifo_refused_without_waiting, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(test_read_xml_forbidden_chars, tmp_setup, tmp_teardown),
		cmocka_unit_test(test_invisible_chars),
		cmocka_unit_test_setup_teardown(test_list_dir_sorted, tmp_setup, tmp_teardown),
		cmocka_unit_test(test_join),
		cmocka_unit_test(test_distance_nearest),
		cmocka_unit_test(test_buf_collapsed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
