/*
 * test_timeline.c - from when a checklist item's provision applies (src/assess/timeline.c):
 * the dates of application a version's graph holds (doc/application.md, "In the graph")
 * read for an element: its own applies-from, else the nearest holder's; a date that depends
 * on the case (Article 113, third paragraph, point (c) as amended: 2 December 2027 for
 * Annex III systems, 2 August 2028 for Annex I ones) narrowed by the cases the rules
 * concluded, else every case; a provision of another act as the source; and the label of
 * an unnumbered paragraph of an article ("Article 113, third paragraph, point (c)").
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "assess/gindex.h"
#include "assess/timeline.h"
#include "util/buf.h"
#include "util/diag.h"

/* A graph in the shape graph_apply_dates writes: Article 5 dated by its chapter, its
 * point (ba) later; Article 9 by the case (applies-by only); Article 4 by the amending act;
 * Article 113 with unnumbered paragraphs; Article 50 without any date. */
static const char GRAPH[] =
	"<regulation id=\"t\" version=\"2026-07-27\" applies-from=\"2026-07-27\">"
	"<articles>"
	"<article id=\"art-4\" n=\"4\" applies-from=\"2026-07-27\" applies-by=\"omni:art-4\">"
	"<para id=\"art-4.1\" n=\"1\"><text>Literacy.</text></para></article>"
	"<article id=\"art-5\" n=\"5\" applies-from=\"2025-02-02\" applies-by=\"art-113.sub3.a\">"
	"<para id=\"art-5.1\" n=\"1\"><text>Practices.</text>"
	"<point id=\"art-5.1.a\" label=\"a\"><text>A.</text></point>"
	"<point id=\"art-5.1.ba\" label=\"ba\" applies-from=\"2026-12-02\"><text>BA.</text></point>"
	"</para></article>"
	"<article id=\"art-9\" n=\"9\" applies-by=\"art-113.sub3.c\">"
	"<para id=\"art-9.1\" n=\"1\"><text>Risk management.</text></para></article>"
	"<article id=\"art-50\" n=\"50\"><para id=\"art-50.1\" n=\"1\"><text>T.</text></para></article>"
	"<article id=\"art-113\" n=\"113\">"
	"<sub id=\"art-113.sub1\" n=\"1\"><text>In force.</text></sub>"
	"<sub id=\"art-113.sub2\" n=\"2\"><text>Applies.</text></sub>"
	"<sub id=\"art-113.sub3\" n=\"3\"><text>However:</text>"
	"<point id=\"art-113.sub3.a\" label=\"a\"><text>A.</text></point>"
	"<point id=\"art-113.sub3.c\" label=\"c\"><text>C.</text>"
	"<point id=\"art-113.sub3.c.i\" label=\"i\"><text>I.</text></point>"
	"<point id=\"art-113.sub3.c.ii\" label=\"ii\"><text>II.</text></point>"
	"</point></sub>"
	"</article>"
	"</articles>"
	"<application entry-into-force=\"2024-08-01\" entry-by=\"art-113\">"
	"<applies to=\"art-9\" by=\"art-113.sub3.c\">C."
	"<when condition=\"annex-iii\" date=\"2027-12-02\" by=\"art-113.sub3.c.i\">III</when>"
	"<when condition=\"annex-i\" date=\"2028-08-02\" by=\"art-113.sub3.c.ii\">I</when>"
	"</applies>"
	"</application>"
	"</regulation>";

typedef struct world {
	xmlDocPtr doc;
	gindex g;
} world;

static int setup(void **state)
{
	static world w;
	diag d;
	diag_init(&d, NULL);
	w.doc = xmlReadMemory(GRAPH, (int)sizeof GRAPH - 1, "t.xml", NULL, XML_PARSE_NONET);
	if (!w.doc || gindex_init(&w.g, w.doc, "t.xml", &d) != 0)
		return -1;
	*state = &w;
	return 0;
}

static int teardown(void **state)
{
	world *w = *state;
	gindex_free(&w->g);
	xmlFreeDoc(w->doc);
	return 0;
}

static void test_own_and_inherited(void **state)
{
	world *w = *state;
	timeline_date d[4];
	/* Article 113, third paragraph, point (a): Article 5(1)(a) as Chapter II */
	assert_int_equal(timeline_dates(&w->g, "art-5.1.a", NULL, 0, d, 4), 1);
	assert_string_equal(d[0].from, "2025-02-02");
	assert_string_equal(d[0].by, "art-113.sub3.a");
	/* point (ba) its own date; the provision that says so is its holder's */
	assert_int_equal(timeline_dates(&w->g, "art-5.1.ba", NULL, 0, d, 4), 1);
	assert_string_equal(d[0].from, "2026-12-02");
	/* replaced by the amending act: its provision, qualified */
	assert_int_equal(timeline_dates(&w->g, "art-4.1", NULL, 0, d, 4), 1);
	assert_string_equal(d[0].from, "2026-07-27");
	assert_string_equal(d[0].by, "omni:art-4");
}

static void test_by_case(void **state)
{
	world *w = *state;
	timeline_date d[4];
	const char *iii[] = {"annex-iii"}, *i[] = {"prohibited", "annex-i"}, *none[] = {"x"};
	/* no case concluded: both, in the file's order */
	assert_int_equal(timeline_dates(&w->g, "art-9.1", NULL, 0, d, 4), 2);
	assert_string_equal(d[0].from, "2027-12-02");
	assert_string_equal(d[0].by, "art-113.sub3.c.i");
	assert_string_equal(d[1].from, "2028-08-02");
	assert_string_equal(d[1].by, "art-113.sub3.c.ii");
	/* Article 113(c)(i): an Annex III system */
	assert_int_equal(timeline_dates(&w->g, "art-9.1", iii, 1, d, 4), 1);
	assert_string_equal(d[0].from, "2027-12-02");
	/* Article 113(c)(ii): an Annex I system, among other conclusions */
	assert_int_equal(timeline_dates(&w->g, "art-9", i, 2, d, 4), 1);
	assert_string_equal(d[0].from, "2028-08-02");
	/* a case the file does not know: every case again */
	assert_int_equal(timeline_dates(&w->g, "art-9.1", none, 1, d, 4), 2);
	/* room for one: the first */
	assert_int_equal(timeline_dates(&w->g, "art-9.1", NULL, 0, d, 1), 1);
	assert_int_equal(timeline_dates(&w->g, "art-9.1", NULL, 0, d, 0), 0);
}

static void test_no_date(void **state)
{
	world *w = *state;
	timeline_date d[2];
	assert_int_equal(timeline_dates(&w->g, "art-50.1", NULL, 0, d, 2), 0);
	assert_int_equal(timeline_dates(&w->g, "art-77", NULL, 0, d, 2), 0);
	assert_int_equal(timeline_dates(&w->g, NULL, NULL, 0, d, 2), 0);
}

/* An article without numbered paragraphs: its blocks are paragraphs (Article 113, "third
 * paragraph, point (c)"), not subparagraphs. */
static void test_labels(void **state)
{
	world *w = *state;
	static const char *const rows[][2] = {
		{"art-113.sub2", "Article 113, second paragraph"},
		{"art-113.sub3.c.i", "Article 113, third paragraph, point (c)(i)"},
		{"art-5.1.ba", "Article 5(1)(ba)"},
	};
	for (size_t k = 0; k < sizeof rows / sizeof *rows; k++) {
		buf b;
		buf_init(&b);
		gindex_label(&w->g, rows[k][0], &b);
		if (!b.s || strcmp(b.s, rows[k][1]) != 0)
			fail_msg("%s: got \"%s\", want \"%s\"", rows[k][0], b.s ? b.s : "", rows[k][1]);
		buf_free(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_own_and_inherited),
		cmocka_unit_test(test_by_case),
		cmocka_unit_test(test_no_date),
		cmocka_unit_test(test_labels),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
