/* Tests for src/tool/diff.c's word difference: the runs it writes (<same>, <del>, <ins>)
 * give back both texts (same + del = old, same + ins = new), unchanged words are found
 * (a longest common subsequence, so a moved word costs one deletion and one
 * insertion), and texts too long to compare word by word fall back to one changed
 * stretch between the common beginning and end. The whole comparison of two corpora is
 * tested end to end by tests/diff/run.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "tool/diff.h"
#include "util/buf.h"

/* The runs as "=a b|-c|+d" and both texts rebuilt. */
static void runs(const char *old_text, const char *new_text, buf *shape, buf *old_out, buf *new_out)
{
	xmlNodePtr w = xmlNewNode(NULL, BAD_CAST "words");
	assert_non_null(w);
	assert_int_equal(diff_words(w, old_text, new_text), 0);
	for (xmlNodePtr c = w->children; c; c = c->next) {
		xmlChar *s = xmlNodeGetContent(c);
		const char *k = (const char *)c->name;
		if (shape->len)
			buf_putc(shape, '|');
		buf_putc(shape, k[0] == 's' ? '=' : k[0] == 'd' ? '-' : '+');
		buf_puts(shape, (const char *)s);
		if (k[0] != 'i') {
			if (old_out->len)
				buf_putc(old_out, ' ');
			buf_puts(old_out, (const char *)s);
		}
		if (k[0] != 'd') {
			if (new_out->len)
				buf_putc(new_out, ' ');
			buf_puts(new_out, (const char *)s);
		}
		/* two runs of the same kind are merged */
		if (c->next)
			assert_false(xmlStrEqual(c->name, c->next->name));
		xmlFree(s);
	}
	xmlFreeNode(w);
}

static void expect(const char *old_text, const char *new_text, const char *want)
{
	buf shape, o, n;
	buf_init(&shape);
	buf_init(&o);
	buf_init(&n);
	runs(old_text, new_text, &shape, &o, &n);
	assert_string_equal(shape.s ? shape.s : "", want);
	assert_string_equal(o.s ? o.s : "", old_text);
	assert_string_equal(n.s ? n.s : "", new_text);
	buf_free(&shape);
	buf_free(&o);
	buf_free(&n);
}

static void test_shapes(void **state)
{
	(void)state;
	expect("a b c", "a b c", "=a b c");
	expect("a b c", "a x c", "=a|-b|+x|=c");
	expect("points 2 to 8 of Annex III", "points 2 to 7 of Annex III", "=points 2 to|-8|+7|=of Annex III");
	expect("b c", "a b c", "+a|=b c");
	expect("a b", "a b c", "=a b|+c");
	expect("", "a b", "+a b");
	expect("a b", "", "-a b");
	expect("a b c d", "a c b d", "=a|-b|=c|+b|=d");
	expect("x y z", "p q", "-x y z|+p q");
	/* words are compared whole: "years." is not "years" */
	expect("for ten years.", "for fifteen years after the last widget.",
	       "=for|-ten years.|+fifteen years after the last widget.");
	expect("for ten years.", "for fifteen years.", "=for|-ten|+fifteen|=years.");
}

/* Both texts come back, for many random pairs (a fixed seed: the same every run). */
static void test_random_pairs(void **state)
{
	static const char *const vocab[] = {"the", "provider", "shall", "ensure", "Annex", "VI", "a", "b"};
	uint32_t seed = 12345;
	(void)state;
	for (int round = 0; round < 300; round++) {
		buf a, b, shape, o, n;
		buf_init(&a);
		buf_init(&b);
		buf_init(&shape);
		buf_init(&o);
		buf_init(&n);
		for (int side = 0; side < 2; side++) {
			buf *t = side ? &b : &a;
			seed = seed * 1103515245u + 12345u;
			for (unsigned k = 0, len = (seed >> 16) % 12; k < len; k++) {
				seed = seed * 1103515245u + 12345u;
				if (t->len)
					buf_putc(t, ' ');
				buf_puts(t, vocab[(seed >> 16) % 8]);
			}
		}
		runs(a.s ? a.s : "", b.s ? b.s : "", &shape, &o, &n);
		assert_string_equal(o.s ? o.s : "", a.s ? a.s : "");
		assert_string_equal(n.s ? n.s : "", b.s ? b.s : "");
		buf_free(&a);
		buf_free(&b);
		buf_free(&shape);
		buf_free(&o);
		buf_free(&n);
	}
}

/* Over DIFF_MAX_CELLS: common ends kept, the middle as one deletion and one insertion. */
static void test_long_texts(void **state)
{
	buf a, b, shape, o, n;
	(void)state;
	buf_init(&a);
	buf_init(&b);
	buf_init(&shape);
	buf_init(&o);
	buf_init(&n);
	buf_puts(&a, "start");
	buf_puts(&b, "start");
	for (int i = 0; i < 2500; i++) {
		buf_printf(&a, " o%d", i);
		buf_printf(&b, " n%d", i);
	}
	buf_puts(&a, " end");
	buf_puts(&b, " end");
	runs(a.s, b.s, &shape, &o, &n);
	assert_string_equal(o.s, a.s);
	assert_string_equal(n.s, b.s);
	assert_true(strncmp(shape.s, "=start|-o0 ", 11) == 0);
	assert_non_null(strstr(shape.s, "|+n0 n1 "));
	assert_non_null(strstr(shape.s, "|=end"));
	buf_free(&a);
	buf_free(&b);
	buf_free(&shape);
	buf_free(&o);
	buf_free(&n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_random_pairs),
		cmocka_unit_test(test_long_texts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
