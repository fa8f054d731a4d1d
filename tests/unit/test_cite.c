/*
 * test_cite.c - unit tests for the citation scanner (link/cite.h; its files:
 * link/cite_impl.h).
 *
 * Most rows are real text from the AI Act pages in corpus/ai-act, written exactly as
 * they appear there (a test checks that each still does). A row's expectation is
 * the scan result rendered as one string, citations in text order:
 *
 *   [span] id id ...                internal citation and its targets
 *   [span] <CELEX act label>        external citation
 *   ... +cut                        the range was cut at max_range
 *
 * joined with " | ", so a failing row shows everything it got at once. Every scan
 * runs on an exact-size copy of the text without a terminating NUL, so a read past
 * len shows up under AddressSanitizer or valgrind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link/cite.h"

#ifndef SOURCE_DIR
#define SOURCE_DIR "."
#endif

#define CORPUS SOURCE_DIR "/corpus/ai-act/"
#define MAX_RANGE 50

#define CTX(u, p, c, ch, sec) {.unit = u, .para = p, .container = c, .chapter = ch, .section = sec}

/* ------------------------------------------------------------------------------ */
/* Rendering a scan as one string                                                  */
/* ------------------------------------------------------------------------------ */

struct strbuf {
	char *s;
	size_t len, cap;
};

static void sb_add(struct strbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char *p = realloc(b->s, cap);
		assert_non_null(p);
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void sb_str(struct strbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

/* What cite.h promises about every list, whatever the text. */
static void check_invariants(const cite_list *l, size_t first, size_t len, size_t max_range)
{
	size_t last_end = 0;
	for (size_t i = first; i < l->n; i++) {
		const cite *c = &l->v[i];
		assert_true(c->start < c->end);
		assert_true(c->end <= len);
		assert_true(c->start >= last_end); /* in order, not overlapping */
		last_end = c->end;
		if (c->kind == CITE_EXTERNAL) {
			assert_int_equal(c->ntargets, 0);
			assert_int_equal(strlen(c->celex), 10 + (strlen(c->celex) > 10));
			assert_int_equal(c->celex[0], '3');
			assert_true(strlen(c->act) > 0);
		} else {
			assert_true(c->ntargets >= 1);
			assert_true(c->ntargets <= (max_range ? max_range : 1));
			for (size_t j = 0; j < c->ntargets; j++) {
				assert_non_null(memchr(c->targets[j].s, '\0', CITE_ID_MAX));
				assert_true(strlen(c->targets[j].s) > 0);
			}
		}
	}
}

/* Scans an exact-size copy of text[0..len) and renders the result; the caller frees. */
static char *scan_n(const char *text, size_t len, const cite_context *ctx, size_t max_range)
{
	char *copy = malloc(len ? len : 1);
	cite_list l = {0};
	struct strbuf b = {0};

	assert_non_null(copy);
	memcpy(copy, text, len);
	assert_int_equal(cite_scan(copy, len, ctx, max_range, &l), 0);
	check_invariants(&l, 0, len, max_range);

	sb_str(&b, "");
	for (size_t i = 0; i < l.n; i++) {
		const cite *c = &l.v[i];
		if (i > 0)
			sb_str(&b, " | ");
		sb_str(&b, "[");
		sb_add(&b, copy + c->start, c->end - c->start);
		sb_str(&b, "]");
		if (c->kind == CITE_EXTERNAL) {
			sb_str(&b, " <");
			sb_str(&b, c->celex);
			sb_str(&b, " ");
			sb_str(&b, c->act);
			sb_str(&b, ">");
		}
		for (size_t j = 0; j < c->ntargets; j++) {
			sb_str(&b, " ");
			sb_str(&b, c->targets[j].s);
		}
		if (c->truncated)
			sb_str(&b, " +cut");
	}
	cite_list_free(&l);
	free(copy);
	return b.s;
}

static char *scan(const char *text, const cite_context *ctx)
{
	return scan_n(text, strlen(text), ctx, MAX_RANGE);
}

struct row {
	const char *page;     /* corpus/ai-act/<page>: where the text is (NULL: made up) */
	const char *text;
	cite_context ctx;
	const char *expect;
};

/* Runs a table and reports every row that differs before failing. */
static void run_rows(const struct row *rows, size_t n)
{
	size_t failures = 0;
	for (size_t i = 0; i < n; i++) {
		char *got = scan(rows[i].text, &rows[i].ctx);
		if (strcmp(got, rows[i].expect) != 0) {
			print_error("row %zu: %s\n  got:      %s\n  expected: %s\n", i,
			            rows[i].text, got, rows[i].expect);
			failures++;
		}
		free(got);
	}
	assert_int_equal(failures, 0);
}

/* ------------------------------------------------------------------------------ */
/* Real citations from the AI Act                                                  */
/* ------------------------------------------------------------------------------ */

static const struct row ai_act_rows[] = {
	/* Article 43: the citations named in the brief */
	{"articles/article-043.md",
	 "the market surveillance authority referred to in Article 74(8) or (9), as applicable, shall act as a notified body",
	 CTX("art-43", "art-43.1", "art-43.1.sub3", "chp-3", "chp-3.sec-5"),
	 "[Article 74(8)] art-74.8 | [(9)] art-74.9"},
	{"articles/article-043.md",
	 "harmonised standards referred to in Article 40, or, where applicable, common specifications referred to in Article 41",
	 CTX("art-43", "art-43.1", "art-43.1", "chp-3", "chp-3.sec-5"),
	 "[Article 40] art-40 | [Article 41] art-41"},
	{"articles/article-043.md",
	 "For high-risk AI systems listed in point 1 of Annex III",
	 CTX("art-43", "art-43.1", "art-43.1", "chp-3", "chp-3.sec-5"),
	 "[point 1 of Annex III] anx-3.1"},
	{"articles/article-043.md",
	 "For high-risk AI systems referred to in points 2 to 8 of Annex III, providers shall follow the conformity assessment procedure based on internal control as referred to in Annex VI",
	 CTX("art-43", "art-43.2", "art-43.2", "chp-3", "chp-3.sec-5"),
	 "[points 2 to 8 of Annex III] anx-3.2 anx-3.3 anx-3.4 anx-3.5 anx-3.6 anx-3.7 anx-3.8 | [Annex VI] anx-6"},
	{"articles/article-043.md",
	 "the Union harmonisation legislation listed in Section A of Annex I",
	 CTX("art-43", "art-43.3", "art-43.3", "chp-3", "chp-3.sec-5"),
	 "[Section A of Annex I] anx-1.A"},
	{"articles/article-043.md",
	 "The requirements set out in Section 2 of this Chapter shall apply to those high-risk AI systems",
	 CTX("art-43", "art-43.3", "art-43.3", "chp-3", "chp-3.sec-5"),
	 "[Section 2 of this Chapter] chp-3.sec-2"},
	{"articles/article-043.md",
	 "Points 4.3., 4.4., 4.5. and the fifth paragraph of point 4.6 of Annex VII shall also apply.",
	 CTX("art-43", "art-43.3", "art-43.3", "chp-3", "chp-3.sec-5"),
	 "[Points 4.3] anx-7.4.3 | [4.4] anx-7.4.4 | [4.5] anx-7.4.5 | "
	 "[the fifth paragraph of point 4.6 of Annex VII] anx-7.4.6.sub5"},
	{"articles/article-043.md",
	 "requirements laid down in Article 31(4), (5), (10) and (11) has been assessed",
	 CTX("art-43", "art-43.3", "art-43.3.sub2", "chp-3", "chp-3.sec-5"),
	 "[Article 31(4)] art-31.4 | [(5)] art-31.5 | [(10)] art-31.10 | [(11)] art-31.11"},
	{"articles/article-043.md",
	 "the technical documentation referred to in point 2(f) of Annex IV, shall not constitute a substantial modification",
	 CTX("art-43", "art-43.4", "art-43.4.sub2", "chp-3", "chp-3.sec-5"),
	 "[point 2(f) of Annex IV] anx-4.2.f"},
	{"articles/article-043.md",
	 "in accordance with Article 97 in order to amend Annexes VI and VII by updating them in light of technical progress",
	 CTX("art-43", "art-43.5", "art-43.5", "chp-3", "chp-3.sec-5"),
	 "[Article 97] art-97 | [Annexes VI] anx-6 | [VII] anx-7"},
	{"articles/article-043.md",
	 "in order to amend paragraphs 1 and 2 of this Article in order to subject high-risk AI systems referred to in points 2 to 8 of Annex III",
	 CTX("art-43", "art-43.6", "art-43.6", "chp-3", "chp-3.sec-5"),
	 "[paragraphs 1] art-43.1 | [2 of this Article] art-43.2 | "
	 "[points 2 to 8 of Annex III] anx-3.2 anx-3.3 anx-3.4 anx-3.5 anx-3.6 anx-3.7 anx-3.8"},
	{"articles/article-043.md",
	 "the common specifications referred to in point (a) exist, but the provider has not applied them",
	 CTX("art-43", "art-43.1", "art-43.1.sub2", "chp-3", "chp-3.sec-5"),
	 "[point (a)] art-43.1.sub2.a"},

	/* Article 5 and its points */
	{"articles/article-005.md",
	 "Point (h) of the first subparagraph is without prejudice to Article 9 of Regulation (EU) 2016/679 for the processing of biometric data",
	 CTX("art-5", "art-5.1", "art-5.1.sub2", "chp-2", NULL),
	 "[Point (h) of the first subparagraph] art-5.1.h | "
	 "[Article 9 of Regulation (EU) 2016/679] <32016R0679 Regulation (EU) 2016/679>"},
	{"articles/article-005.md",
	 "for any of the objectives referred to in paragraph 1, first subparagraph, point (h), of this Article shall comply",
	 CTX("art-5", "art-5.2", "art-5.2", "chp-2", NULL),
	 "[paragraph 1, first subparagraph, point (h), of this Article] art-5.1.h"},
	{"articles/article-005.md",
	 "within the limits and under the conditions listed in paragraph 1, first subparagraph, point (h), and paragraphs 2 and 3.",
	 CTX("art-5", "art-5.5", "art-5.5", "chp-2", NULL),
	 "[paragraph 1, first subparagraph, point (h)] art-5.1.h | [paragraphs 2] art-5.2 | [3] art-5.3"},
	{"articles/article-005.md",
	 "including which of the criminal offences referred to in point (h)(iii) thereof, the competent authorities",
	 CTX("art-5", "art-5.5", "art-5.5", "chp-2", NULL),
	 ""},
	{"annexes/annex-02.md",
	 "Criminal offences referred to in Article 5(1), first subparagraph, point (h)(iii):",
	 CTX("anx-2", NULL, "anx-2", NULL, NULL),
	 "[Article 5(1), first subparagraph, point (h)(iii)] art-5.1.h.iii"},
	{"recitals/recital-041.md",
	 "Article 5(1), first subparagraph, point (h), (2) to (6) and Article 26(10) of this Regulation adopted on the basis of Article 16 TFEU",
	 CTX("rec-41", NULL, NULL, NULL, NULL),
	 "[Article 5(1), first subparagraph, point (h)] art-5.1.h | "
	 "[(2) to (6)] art-5.2 art-5.3 art-5.4 art-5.5 art-5.6 | [Article 26(10)] art-26.10"},

	/* Definitions and "Article N, point (x)" */
	{"articles/article-096.md",
	 "the application of the definition of an AI system as set out in Article 3, point (1).",
	 CTX("art-96", "art-96.1", "art-96.1", "chp-9", NULL),
	 "[Article 3, point (1)] art-3.1"},
	{"articles/article-076.md",
	 "in derogation from the conditions set out in Article 60(4), points (f) and (g).",
	 CTX("art-76", "art-76.3", "art-76.3", "chp-9", NULL),
	 "[Article 60(4), points (f)] art-60.4.f | [(g)] art-60.4.g"},
	{"articles/article-024.md",
	 "as laid down in Article 16, points (b) and (c) and Article 23(3).",
	 CTX("art-24", "art-24.2", "art-24.2", "chp-3", "chp-3.sec-3"),
	 "[Article 16, points (b)] art-16.b | [(c)] art-16.c | [Article 23(3)] art-23.3"},
	{"articles/article-056.md",
	 "the information referred to in Article 53(1), points (a) and (b), is kept up to date",
	 CTX("art-56", "art-56.2", "art-56.2", "chp-5", "chp-5.sec-4"),
	 "[Article 53(1), points (a)] art-53.1.a | [(b)] art-53.1.b"},
	{"articles/article-010.md",
	 "in accordance with paragraph (2), points (f) and (g) of this Article, the providers of such systems",
	 CTX("art-10", "art-10.5", "art-10.5", "chp-3", "chp-3.sec-2"),
	 "[paragraph (2), points (f)] art-10.2.f | [(g) of this Article] art-10.2.g"},
	{"articles/article-017.md",
	 "with the exception of paragraph 1, points (g), (h) and (i) of this Article, shall be deemed to be fulfilled",
	 CTX("art-17", "art-17.4", "art-17.4", "chp-3", "chp-3.sec-3"),
	 "[paragraph 1, points (g)] art-17.1.g | [(h)] art-17.1.h | [(i) of this Article] art-17.1.i"},
	{"articles/article-006.md",
	 "independently of the products referred to in points (a) and (b), that AI system shall be considered",
	 CTX("art-6", "art-6.1", "art-6.1", "chp-3", "chp-3.sec-1"),
	 "[points (a)] art-6.1.a | [(b)] art-6.1.b"},

	/* Lists and ranges of articles, paragraphs and points */
	{"articles/article-097.md",
	 "The power to adopt delegated acts referred to in Article 6(6) and (7), Article 7(1) and (3), Article 11(3), Article 43(5) and (6), Article 47(5), Article 51(3), Article 52(4) and Article 53(5) and (6) shall be conferred",
	 CTX("art-97", "art-97.2", "art-97.2", "chp-11", NULL),
	 "[Article 6(6)] art-6.6 | [(7)] art-6.7 | [Article 7(1)] art-7.1 | [(3)] art-7.3 | "
	 "[Article 11(3)] art-11.3 | [Article 43(5)] art-43.5 | [(6)] art-43.6 | "
	 "[Article 47(5)] art-47.5 | [Article 51(3)] art-51.3 | [Article 52(4)] art-52.4 | "
	 "[Article 53(5)] art-53.5 | [(6)] art-53.6"},
	{"articles/article-063.md",
	 "including those established in Articles 9, 10, 11, 12, 13, 14, 15, 72 and 73.",
	 CTX("art-63", "art-63.2", "art-63.2", "chp-8", NULL),
	 "[Articles 9] art-9 | [10] art-10 | [11] art-11 | [12] art-12 | [13] art-13 | "
	 "[14] art-14 | [15] art-15 | [72] art-72 | [73] art-73"},
	{"articles/article-002.md",
	 "only Article 6(1), Articles 102 to 109 and Article 112 apply.",
	 CTX("art-2", "art-2.2", "art-2.2", "chp-1", NULL),
	 "[Article 6(1)] art-6.1 | [Articles 102 to 109] art-102 art-103 art-104 art-105 "
	 "art-106 art-107 art-108 art-109 | [Article 112] art-112"},
	{"articles/article-002.md",
	 "as an AI system that falls under Article 5 or 50.",
	 CTX("art-2", "art-2.6", "art-2.6", "chp-1", NULL),
	 "[Article 5] art-5 | [50] art-50"},
	{"articles/article-080.md",
	 "within the period referred to in paragraph 2 of this Article, Article 79(5) to (9) shall apply.",
	 CTX("art-80", "art-80.4", "art-80.4", "chp-9", "chp-9.sec-3"),
	 "[paragraph 2 of this Article] art-80.2 | "
	 "[Article 79(5) to (9)] art-79.5 art-79.6 art-79.7 art-79.8 art-79.9"},
	{"articles/article-071.md",
	 "in accordance with Article 49(3) and (4).",
	 CTX("art-71", "art-71.4", "art-71.4", "chp-8", NULL),
	 "[Article 49(3)] art-49.3 | [(4)] art-49.4"},
	{"articles/article-113.md",
	 "Chapters I and II shall apply from 2 February 2025;",
	 CTX("art-113", NULL, "art-113", "chp-13", NULL),
	 "[Chapters I] chp-1 | [II] chp-2"},
	/* Article 113(b): "Chapter III Section 4" without a comma is still Section 4 of
	 * Chapter III, not of Chapter XIII where the article stands */
	{"articles/article-113.md",
	 "Chapter III Section 4, Chapter V, Chapter VII and Chapter XII and Article 78 shall apply from 2 August 2025",
	 CTX("art-113", NULL, "art-113.sub3.b", "chp-13", NULL),
	 "[Chapter III Section 4] chp-3.sec-4 | [Chapter V] chp-5 | [Chapter VII] chp-7 | "
	 "[Chapter XII] chp-12 | [Article 78] art-78"},

	/* Annexes, their points, sections and parts */
	{"articles/article-027.md",
	 "deployers of high-risk AI systems referred to in points 5 (b) and (c) of Annex III, shall perform an assessment",
	 CTX("art-27", "art-27.1", "art-27.1", "chp-3", "chp-3.sec-3"),
	 "[points 5 (b)] anx-3.5.b | [(c) of Annex III] anx-3.5.c"},
	{"annexes/annex-08.md",
	 "migration, asylum and border control management referred to in Annex III, points 1, 6 and 7;",
	 CTX("anx-8", NULL, "anx-8.A", NULL, NULL),
	 "[Annex III, points 1] anx-3.1 | [6] anx-3.6 | [7] anx-3.7"},
	{"articles/article-049.md",
	 "Section C, points 1 to 3, of Annex VIII;",
	 CTX("art-49", "art-49.4", "art-49.4", "chp-3", "chp-3.sec-5"),
	 "[Section C, points 1 to 3, of Annex VIII] anx-8.C.1 anx-8.C.2 anx-8.C.3"},
	{"articles/article-049.md",
	 "Section A, points 1 to 10, of Annex VIII, with the exception of points 6, 8 and 9;",
	 CTX("art-49", "art-49.4", "art-49.4", "chp-3", "chp-3.sec-5"),
	 "[Section A, points 1 to 10, of Annex VIII] anx-8.A.1 anx-8.A.2 anx-8.A.3 anx-8.A.4 "
	 "anx-8.A.5 anx-8.A.6 anx-8.A.7 anx-8.A.8 anx-8.A.9 anx-8.A.10"},
	/* Article 49(4)(b): the section carries over the whole list, to the points 8 and
	 * 9 named with their keyword again */
	{"articles/article-049.md",
	 "Section B, points 1 to 5, and points 8 and 9 of Annex VIII;",
	 CTX("art-49", "art-49.4", "art-49.4.b", "chp-3", "chp-3.sec-5"),
	 "[Section B, points 1 to 5] anx-8.B.1 anx-8.B.2 anx-8.B.3 anx-8.B.4 anx-8.B.5 | "
	 "[points 8] anx-8.B.8 | [9 of Annex VIII] anx-8.B.9"},
	{"annexes/annex-06.md",
	 "the conformity assessment procedure based on points 2, 3 and 4.",
	 CTX("anx-6", NULL, "anx-6", NULL, NULL),
	 "[points 2] anx-6.2 | [3] anx-6.3 | [4] anx-6.4"},
	{"annexes/annex-07.md",
	 "continues to satisfy the requirements referred to in point 3.2 or whether a reassessment is necessary.",
	 CTX("anx-7", NULL, "anx-7.3.4", NULL, NULL),
	 "[point 3.2] anx-7.3.2"},
	{"articles/article-053.md",
	 "For the purpose of facilitating compliance with Annex XI, in particular points 2 (d) and (e) thereof, the Commission is empowered to adopt delegated acts in accordance with Article 97",
	 CTX("art-53", "art-53.5", "art-53.5", "chp-5", "chp-5.sec-2"),
	 "[Annex XI] anx-11 | [Article 97] art-97"},
	{"articles/article-086.md",
	 "a high-risk AI system listed in Annex III, with the exception of systems listed under point 2 thereof, and which produces legal effects",
	 CTX("art-86", "art-86.1", "art-86.1", "chp-9", "chp-9.sec-4"),
	 "[Annex III] anx-3"},

	/* Chapters and sections */
	{"articles/article-041.md",
	 "for the obligations set out in Sections 2 and 3 of Chapter V where the following conditions have been fulfilled",
	 CTX("art-41", "art-41.1", "art-41.1", "chp-3", "chp-3.sec-5"),
	 "[Sections 2] chp-5.sec-2 | [3 of Chapter V] chp-5.sec-3"},
	{"articles/article-040.md",
	 "with the obligations set out in of Chapter V, Sections 2 and 3, of this Regulation, to the extent",
	 CTX("art-40", "art-40.1", "art-40.1", "chp-3", "chp-3.sec-5"),
	 "[Chapter V, Sections 2] chp-5.sec-2 | [3] chp-5.sec-3"},
	{"articles/article-046.md",
	 "complies with the requirements of Section 2.",
	 CTX("art-46", "art-46.3", "art-46.3", "chp-3", "chp-3.sec-5"),
	 "[Section 2] chp-3.sec-2"},
	{"articles/article-011.md",
	 "complies with the requirements set out in this Section",
	 CTX("art-11", "art-11.1", "art-11.1", "chp-3", "chp-3.sec-2"),
	 "[this Section] chp-3.sec-2"},

	/* Relative subparagraphs */
	{"articles/article-096.md",
	 "The guidelines referred to in the first subparagraph of this paragraph shall take due account",
	 CTX("art-96", "art-96.1", "art-96.1", "chp-9", NULL),
	 "[the first subparagraph of this paragraph] art-96.1"},
	{"articles/article-079.md",
	 "Article 18 of Regulation (EU) 2019/1020 shall apply to the measures referred to in the second subparagraph of this paragraph.",
	 CTX("art-79", "art-79.2", "art-79.2", "chp-9", "chp-9.sec-3"),
	 "[Article 18 of Regulation (EU) 2019/1020] <32019R1020 Regulation (EU) 2019/1020> | "
	 "[the second subparagraph of this paragraph] art-79.2.sub2"},

	/* Articles of other acts: external, never art-N */
	{"articles/article-003.md",
	 "as defined in Article 2, point (4) of Regulation (EU) No 1025/2012, providing means to comply",
	 CTX("art-3", NULL, "art-3", "chp-1", NULL),
	 "[Article 2, point (4) of Regulation (EU) No 1025/2012] <32012R1025 Regulation (EU) No 1025/2012>"},
	{"recitals/recital-121.md",
	 "Compliance with harmonised standards as defined in Article 2, point (1)(c), of Regulation (EU) No 1025/2012 of the European Parliament and of the Council(41)",
	 CTX("rec-121", NULL, NULL, NULL, NULL),
	 "[Article 2, point (1)(c), of Regulation (EU) No 1025/2012] <32012R1025 Regulation (EU) No 1025/2012>"},
	{"articles/article-003.md",
	 "‘profiling’ means profiling as defined in Article 4, point (4), of Regulation (EU) 2016/679;",
	 CTX("art-3", NULL, "art-3", "chp-1", NULL),
	 "[Article 4, point (4), of Regulation (EU) 2016/679] <32016R0679 Regulation (EU) 2016/679>"},
	{"articles/article-003.md",
	 "the categories of personal data referred to in Article 9(1) of Regulation (EU) 2016/679, Article 10 of Directive (EU) 2016/680 and Article 10(1) of Regulation (EU) 2018/1725;",
	 CTX("art-3", NULL, "art-3", "chp-1", NULL),
	 "[Article 9(1) of Regulation (EU) 2016/679] <32016R0679 Regulation (EU) 2016/679> | "
	 "[Article 10 of Directive (EU) 2016/680] <32016L0680 Directive (EU) 2016/680> | "
	 "[Article 10(1) of Regulation (EU) 2018/1725] <32018R1725 Regulation (EU) 2018/1725>"},
	{"articles/article-040.md",
	 "in accordance with Articles 5, 6, and 7 of Regulation (EU) No 1025/2012.",
	 CTX("art-40", "art-40.2", "art-40.2", "chp-3", "chp-3.sec-5"),
	 "[Articles 5, 6, and 7 of Regulation (EU) No 1025/2012] <32012R1025 Regulation (EU) No 1025/2012>"},
	{"recitals/recital-140.md",
	 "should not provide a legal basis in the meaning of Article 22(2), point (b) of Regulation (EU) 2016/679 and Article 24(2), point (b) of Regulation (EU) 2018/1725.",
	 CTX("rec-140", NULL, NULL, NULL, NULL),
	 "[Article 22(2), point (b) of Regulation (EU) 2016/679] <32016R0679 Regulation (EU) 2016/679> | "
	 "[Article 24(2), point (b) of Regulation (EU) 2018/1725] <32018R1725 Regulation (EU) 2018/1725>"},
	{"recitals/recital-140.md",
	 "in accordance with Article 6(4) and Article 9(2), point (g), of Regulation (EU) 2016/679, and Articles 5, 6 and 10 of Regulation (EU) 2018/1725, and without prejudice to Article 4(2) and Article 10 of Directive (EU) 2016/680.",
	 CTX("rec-140", NULL, NULL, NULL, NULL),
	 "[Article 6(4)] <32016R0679 Regulation (EU) 2016/679> | "
	 "[Article 9(2), point (g), of Regulation (EU) 2016/679] <32016R0679 Regulation (EU) 2016/679> | "
	 "[Articles 5, 6 and 10 of Regulation (EU) 2018/1725] <32018R1725 Regulation (EU) 2018/1725> | "
	 "[Article 4(2)] <32016L0680 Directive (EU) 2016/680> | "
	 "[Article 10 of Directive (EU) 2016/680] <32016L0680 Directive (EU) 2016/680>"},
	{"articles/article-079.md",
	 "‘product presenting a risk’ as defined in Article 3, point 19 of Regulation (EU) 2019/1020, in so far as they present risks",
	 CTX("art-79", "art-79.1", "art-79.1", "chp-9", "chp-9.sec-3"),
	 "[Article 3, point 19 of Regulation (EU) 2019/1020] <32019R1020 Regulation (EU) 2019/1020>"},

	/* Other acts that cannot be named: nothing at all */
	{"articles/article-105.md",
	 "the Commission shall take into account the requirements set out in Chapter III, Section 2, of that Regulation.",
	 CTX("art-105", NULL, "art-105", "chp-12", NULL),
	 ""},
	{"articles/article-074.md",
	 "may exercise the powers referred to in Article 14(4), points (d) and (j), of that Regulation remotely",
	 CTX("art-74", "art-74.5", "art-74.5", "chp-9", "chp-9.sec-3"),
	 ""},
	{"recitals/recital-038.md",
	 "which are based on Article 16 TFEU, should apply as lex specialis",
	 CTX("rec-38", NULL, NULL, NULL, NULL),
	 ""},
	{"recitals/recital-024.md",
	 "such exclusion is justified both by Article 4(2) TEU and by the specificities",
	 CTX("rec-24", NULL, NULL, NULL, NULL),
	 ""},
	{"recitals/recital-003.md",
	 "on the basis of Article 114 of the Treaty on the Functioning of the European Union (TFEU)",
	 CTX("rec-3", NULL, NULL, NULL, NULL),
	 ""},
	{"recitals/recital-048.md",
	 "children have specific rights as enshrined in Article 24 of the Charter and in the United Nations Convention",
	 CTX("rec-48", NULL, NULL, NULL, NULL),
	 ""},
	{"recitals/recital-040.md",
	 "In accordance with Article 6a of Protocol No 21 on the position of the United Kingdom and Ireland",
	 CTX("rec-40", NULL, NULL, NULL, NULL),
	 ""},
	{"recitals/recital-041.md",
	 "In accordance with Articles 2 and 2a of Protocol No 22 on the position of Denmark, annexed to the TEU and to the TFEU",
	 CTX("rec-41", NULL, NULL, NULL, NULL),
	 ""},

	/* Acts by number */
	{"articles/article-002.md",
	 "This Regulation shall not affect Regulation (EU) 2016/679 or (EU) 2018/1725, or Directive 2002/58/EC or (EU) 2016/680, without prejudice to Article 10(5) and Article 59 of this Regulation.",
	 CTX("art-2", "art-2.7", "art-2.7", "chp-1", NULL),
	 "[Regulation (EU) 2016/679] <32016R0679 Regulation (EU) 2016/679> | "
	 "[(EU) 2018/1725] <32018R1725 Regulation (EU) 2018/1725> | "
	 "[Directive 2002/58/EC] <32002L0058 Directive 2002/58/EC> | "
	 "[(EU) 2016/680] <32016L0680 Directive (EU) 2016/680> | "
	 "[Article 10(5)] art-10.5 | [Article 59] art-59"},
	{"articles/article-010.md",
	 "In addition to the provisions set out in Regulations (EU) 2016/679 and (EU) 2018/1725 and Directive (EU) 2016/680, all the following conditions must be met",
	 CTX("art-10", "art-10.5", "art-10.5", "chp-3", "chp-3.sec-2"),
	 "[Regulations (EU) 2016/679] <32016R0679 Regulation (EU) 2016/679> | "
	 "[(EU) 2018/1725] <32018R1725 Regulation (EU) 2018/1725> | "
	 "[Directive (EU) 2016/680] <32016L0680 Directive (EU) 2016/680>"},
	{"articles/article-110.md",
	 "and Directives 2014/90/EU, (EU) 2016/797 and (EU) 2020/1828 (Artificial Intelligence Act)",
	 CTX("art-110", NULL, "art-110", "chp-12", NULL),
	 "[Directives 2014/90/EU] <32014L0090 Directive 2014/90/EU> | "
	 "[(EU) 2016/797] <32016L0797 Directive (EU) 2016/797> | "
	 "[(EU) 2020/1828] <32020L1828 Directive (EU) 2020/1828>"},
	{"recitals/recital-009.md",
	 "pursuant to Council Directive 85/374/EEC(10) remain unaffected",
	 CTX("rec-9", NULL, NULL, NULL, NULL),
	 "[Council Directive 85/374/EEC] <31985L0374 Directive 85/374/EEC>"},
	{"recitals/recital-009.md",
	 "consistently with Regulation (EC) No 765/2008 of the European Parliament and of the Council(7), Decision No 768/2008/EC of the European Parliament and of the Council(8) and Regulation (EU) 2019/1020",
	 CTX("rec-9", NULL, NULL, NULL, NULL),
	 "[Regulation (EC) No 765/2008] <32008R0765 Regulation (EC) No 765/2008> | "
	 "[Decision No 768/2008/EC] <32008D0768 Decision No 768/2008/EC> | "
	 "[Regulation (EU) 2019/1020] <32019R1020 Regulation (EU) 2019/1020>"},
	{"recitals/recital-033.md",
	 "the 32 criminal offences listed in the Council Framework Decision 2002/584/JHA(18), taking into account",
	 CTX("rec-33", NULL, NULL, NULL, NULL),
	 "[Council Framework Decision 2002/584/JHA] <32002F0584 Framework Decision 2002/584/JHA>"},
	{"articles/article-063.md",
	 "Microenterprises within the meaning of Recommendation 2003/361/EC may comply with certain elements of the quality management system required by Article 17 of this Regulation",
	 CTX("art-63", "art-63.1", "art-63.1", "chp-8", NULL),
	 "[Recommendation 2003/361/EC] <32003H0361 Recommendation 2003/361/EC> | [Article 17] art-17"},
	{"annexes/annex-01.md",
	 "Directive 2006/42/EC of the European Parliament and of the Council of 17 May 2006 on machinery, and amending Directive 95/16/EC (OJ L 157, 9.6.2006, p. 24);",
	 CTX("anx-1", NULL, "anx-1.A", NULL, NULL),
	 "[Directive 2006/42/EC] <32006L0042 Directive 2006/42/EC> | "
	 "[Directive 95/16/EC] <31995L0016 Directive 95/16/EC>"},
	{"recitals/recital-126.md",
	 "the electronic notification tool developed and managed by the Commission pursuant to Article R23 of Annex I to Decision No 768/2008/EC.",
	 CTX("rec-126", NULL, NULL, NULL, NULL),
	 "[Annex I to Decision No 768/2008/EC] <32008D0768 Decision No 768/2008/EC>"},
	{"articles/article-110.md",
	 "In Annex I to Directive (EU) 2020/1828 of the European Parliament and of the Council(58), the following point is added:",
	 CTX("art-110", NULL, "art-110", "chp-12", NULL),
	 "[Annex I to Directive (EU) 2020/1828] <32020L1828 Directive (EU) 2020/1828>"},
	{"annexes/annex-01.md",
	 "and Council Regulation (EEC) No 3922/91 (OJ L 212, 22.8.2018, p. 1), in so far as the design, production and placing on the market of aircrafts referred to in Article 2(1), points (a) and (b) thereof, where it concerns unmanned aircraft",
	 CTX("anx-1", NULL, "anx-1.B", NULL, NULL),
	 "[Council Regulation (EEC) No 3922/91] <31991R3922 Regulation (EEC) No 3922/91>"},
};

/* Each row's text must still be in its page, byte for byte. */
static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct strbuf b = {0};
	char chunk[4096];
	size_t n;
	if (f == NULL)
		return NULL;
	sb_str(&b, "");
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sb_add(&b, chunk, n);
	fclose(f);
	return b.s;
}

static void test_rows_are_ai_act_text(void **state)
{
	(void)state;
	char *probe = read_file(CORPUS "articles/article-043.md");
	if (probe == NULL)
		skip(); /* corpus not reachable from here: run from the source tree */
	free(probe);
	assert_true(sizeof ai_act_rows / sizeof ai_act_rows[0] >= 60);
	for (size_t i = 0; i < sizeof ai_act_rows / sizeof ai_act_rows[0]; i++) {
		char path[512];
		snprintf(path, sizeof path, "%s%s", CORPUS, ai_act_rows[i].page);
		char *page = read_file(path);
		if (page == NULL || strstr(page, ai_act_rows[i].text) == NULL)
			print_error("row %zu is not in %s: %s\n", i, path, ai_act_rows[i].text);
		assert_non_null(page);
		assert_non_null(strstr(page, ai_act_rows[i].text));
		free(page);
	}
}

static void test_ai_act_rows(void **state)
{
	(void)state;
	run_rows(ai_act_rows, sizeof ai_act_rows / sizeof ai_act_rows[0]);
}

/* ------------------------------------------------------------------------------ */
/* The grammar, form by form (made-up text)                                        */
/* ------------------------------------------------------------------------------ */

static const struct row grammar_rows[] = {
	{NULL, "Article 43", CTX("art-1", NULL, NULL, NULL, NULL), "[Article 43] art-43"},
	{NULL, "Article 43(1)", CTX("art-1", NULL, NULL, NULL, NULL), "[Article 43(1)] art-43.1"},
	{NULL, "article 43 and Article 6a", CTX("art-1", NULL, NULL, NULL, NULL),
	 "[article 43] art-43 | [Article 6a] art-6a"},
	{NULL, "Articles 40 and 41", CTX("art-1", NULL, NULL, NULL, NULL),
	 "[Articles 40] art-40 | [41] art-41"},
	{NULL, "Article 8, 9, 10 or 11", CTX("art-1", NULL, NULL, NULL, NULL),
	 "[Article 8] art-8 | [9] art-9 | [10] art-10 | [11] art-11"},
	{NULL, "point (a) of Article 5(1)", CTX("art-1", NULL, NULL, NULL, NULL),
	 "[point (a) of Article 5(1)] art-5.1.a"},
	{NULL, "points (a) and (b) of Article 5(1)", CTX("art-1", NULL, NULL, NULL, NULL),
	 "[points (a)] art-5.1.a | [(b) of Article 5(1)] art-5.1.b"},
	{NULL, "Article 5(1), point (h)", CTX("art-1", NULL, NULL, NULL, NULL),
	 "[Article 5(1), point (h)] art-5.1.h"},
	{NULL, "Article 3, point (44)", CTX("art-1", NULL, NULL, NULL, NULL),
	 "[Article 3, point (44)] art-3.44"},
	{NULL, "the second subparagraph of Article 43(1)", CTX("art-1", NULL, NULL, NULL, NULL),
	 "[the second subparagraph of Article 43(1)] art-43.1.sub2"},
	{NULL, "the first subparagraph of Article 43(1)", CTX("art-1", NULL, NULL, NULL, NULL),
	 "[the first subparagraph of Article 43(1)] art-43.1"},
	{NULL, "Article 43(1), second subparagraph, point (a)", CTX("art-1", NULL, NULL, NULL, NULL),
	 "[Article 43(1), second subparagraph, point (a)] art-43.1.sub2.a"},
	{NULL, "paragraph 1, paragraphs 1 and 2, paragraphs 1 to 3",
	 CTX("art-9", "art-9.4", "art-9.4", NULL, NULL),
	 "[paragraph 1] art-9.1 | [paragraphs 1] art-9.1 | [2] art-9.2 | "
	 "[paragraphs 1 to 3] art-9.1 art-9.2 art-9.3"},
	{NULL, "Paragraph 1 of this Article", CTX("art-9", "art-9.4", "art-9.4", NULL, NULL),
	 "[Paragraph 1 of this Article] art-9.1"},
	{NULL, "point (a), points (a) to (c)", CTX("art-9", "art-9.2", "art-9.2.sub2", NULL, NULL),
	 "[point (a)] art-9.2.sub2.a | [points (a) to (c)] art-9.2.sub2.a art-9.2.sub2.b art-9.2.sub2.c"},
	{NULL, "points (i) to (iii)", CTX("art-9", "art-9.2", "art-9.2.a", NULL, NULL),
	 "[points (i) to (iii)] art-9.2.a.i art-9.2.a.ii art-9.2.a.iii"},
	{NULL, "point (a) of paragraph 1", CTX("art-9", "art-9.4", "art-9.4", NULL, NULL),
	 "[point (a) of paragraph 1] art-9.1.a"},
	{NULL, "this Article, this paragraph, this Chapter",
	 CTX("art-9", "art-9.4", "art-9.4", "chp-3", NULL),
	 "[this Article] art-9 | [this paragraph] art-9.4 | [this Chapter] chp-3"},
	{NULL, "Annex III and Annex XIII and Annex XX", CTX("art-1", NULL, NULL, NULL, NULL),
	 "[Annex III] anx-3 | [Annex XIII] anx-13 | [Annex XX] anx-20"},
	{NULL, "point 4.3 of Annex VII", CTX("art-1", NULL, NULL, NULL, NULL),
	 "[point 4.3 of Annex VII] anx-7.4.3"},
	{NULL, "the first paragraph of point 4.6 of Annex VII", CTX("art-1", NULL, NULL, NULL, NULL),
	 "[the first paragraph of point 4.6 of Annex VII] anx-7.4.6"},
	{NULL, "Annex I, Section A", CTX("art-1", NULL, NULL, NULL, NULL),
	 "[Annex I, Section A] anx-1.A"},
	{NULL, "Part I of Annex VIII", CTX("art-1", NULL, NULL, NULL, NULL),
	 "[Part I of Annex VIII] anx-8.part-1"},
	{NULL, "point 1 of Section A of Annex VIII", CTX("art-1", NULL, NULL, NULL, NULL),
	 "[point 1 of Section A of Annex VIII] anx-8.A.1"},
	{NULL, "Chapter III; Chapter III, Section 2; Section 2 of Chapter III",
	 CTX("art-1", NULL, NULL, NULL, NULL),
	 "[Chapter III] chp-3 | [Chapter III, Section 2] chp-3.sec-2 | [Section 2 of Chapter III] chp-3.sec-2"},
	{NULL, "Section 2 of this Chapter and Section 3", CTX("art-9", NULL, NULL, "chp-3", NULL),
	 "[Section 2 of this Chapter] chp-3.sec-2 | [Section 3] chp-3.sec-3"},
	{NULL, "in point 2 and in Section B", CTX("anx-8", NULL, "anx-8.A", NULL, NULL),
	 "[point 2] anx-8.2 | [Section B] anx-8.B"},
	/* a unit's division straight after it, without a comma (AI Act Article 113(b):
	 * "Chapter III Section 4") */
	{NULL, "Chapter III Section 4 and Section 5; Annex I Section A; Annex VIII Part II",
	 CTX("art-113", NULL, NULL, "chp-13", NULL),
	 "[Chapter III Section 4] chp-3.sec-4 | [Section 5] chp-3.sec-5 | "
	 "[Annex I Section A] anx-1.A | [Annex VIII Part II] anx-8.part-2"},
	/* ... only Section after a chapter, only with the capital the OJ gives it */
	{NULL, "Chapter III Part II; Chapter III section 4", CTX("art-113", NULL, NULL, "chp-13", NULL),
	 "[Chapter III] chp-3 | [Chapter III] chp-3"},
	/* a list item that repeats the keyword of a refinement keeps what came before it
	 * (AI Act Article 49(4)(b): "Section B, points 1 to 5, and points 8 and 9") */
	{NULL, "Article 5(1), point (a), and point (c)", CTX("art-1", NULL, NULL, NULL, NULL),
	 "[Article 5(1), point (a)] art-5.1.a | [point (c)] art-5.1.c"},
	/* ... of the same kind only: an article's point (c) is not listed beside an
	 * annex's points 1 to 2, nor is anything carried when no refinement came first */
	{NULL, "Section B, points 1 to 2, and point (c); points 2 and points 5 of Annex III",
	 CTX("art-49", "art-49.4", "art-49.4", "chp-3", NULL),
	 "[point (c)] art-49.4.c | [points 5 of Annex III] anx-3.5"},
	/* CRA Annex VIII Part IV point 3.3: "the technical documentation referred to in
	 * point 3.1 (b)". The scanner gives the annex's point 3.1(b); the resolver finds
	 * it in Part IV, in the second subparagraph of point 3.1 (test_graph.c). */
	{NULL, "the technical documentation referred to in point 3.1 (b), to verify",
	 CTX("anx-8", NULL, "anx-8.part-4.3.3.sub3", NULL, NULL),
	 "[point 3.1 (b)] anx-8.3.1.b"},
	{NULL, "Recital 78, recital 78 and recital (78)", CTX("art-1", NULL, NULL, NULL, NULL),
	 "[Recital 78] rec-78 | [recital 78] rec-78 | [recital (78)] rec-78"},

	/* acts: the CELEX rules */
	{NULL, "Regulation (EU, Euratom) 2018/1046", CTX(NULL, NULL, NULL, NULL, NULL),
	 "[Regulation (EU, Euratom) 2018/1046] <32018R1046 Regulation (EU, Euratom) 2018/1046>"},
	{NULL, "Regulation (EU) No 1025/2012", CTX(NULL, NULL, NULL, NULL, NULL),
	 "[Regulation (EU) No 1025/2012] <32012R1025 Regulation (EU) No 1025/2012>"},
	{NULL, "Directive 95/46/EC and Decision 2010/227/EU", CTX(NULL, NULL, NULL, NULL, NULL),
	 "[Directive 95/46/EC] <31995L0046 Directive 95/46/EC> | "
	 "[Decision 2010/227/EU] <32010D0227 Decision 2010/227/EU>"},
	{NULL, "Commission Implementing Regulation (EU) 2019/947", CTX(NULL, NULL, NULL, NULL, NULL),
	 "[Commission Implementing Regulation (EU) 2019/947] "
	 "<32019R0947 Implementing Regulation (EU) 2019/947>"},
	{NULL, "Article 6(1) of Regulation (EU) 2016/679", CTX("art-9", NULL, NULL, NULL, NULL),
	 "[Article 6(1) of Regulation (EU) 2016/679] <32016R0679 Regulation (EU) 2016/679>"},
	{NULL, "Article 2, point (4), of Directive (EU) 2022/2557", CTX("art-9", NULL, NULL, NULL, NULL),
	 "[Article 2, point (4), of Directive (EU) 2022/2557] <32022L2557 Directive (EU) 2022/2557>"},
	{NULL, "points 2 to 8 of Annex III of Regulation (EU) 2024/1689", CTX("art-9", NULL, NULL, NULL, NULL),
	 "[points 2 to 8 of Annex III of Regulation (EU) 2024/1689] <32024R1689 Regulation (EU) 2024/1689>"},
	{NULL, "Annex III to this Regulation; Annex III to that Regulation; Article 5 to that end",
	 CTX("art-9", NULL, NULL, NULL, NULL),
	 "[Annex III] anx-3 | [Article 5] art-5"},
	{NULL, "Regulation 2016/679, Directive (EU) 2016/68O, Regulation (EU) 2016/679/EU",
	 CTX(NULL, NULL, NULL, NULL, NULL), ""},
};

static void test_grammar(void **state)
{
	(void)state;
	run_rows(grammar_rows, sizeof grammar_rows / sizeof grammar_rows[0]);
}

/* ------------------------------------------------------------------------------ */
/* Edge cases                                                                      */
/* ------------------------------------------------------------------------------ */

static const struct row edge_rows[] = {
	/* never inside a word, never the wrong case */
	{NULL, "Articled 5, subArticle 5, 5Article 5, the articles", CTX("art-1", NULL, NULL, NULL, NULL), ""},
	{NULL, "annex III, ANNEX III, AnnexIII, chapter III, section 2, part I", CTX("art-1", NULL, NULL, NULL, NULL), ""},
	{NULL, "point of contact; paragraph is added; points(a); the third party",
	 CTX("art-1", "art-1.1", "art-1.1", NULL, NULL), ""},
	{NULL, "Annex IIII, Annex IC, Annex VX", CTX("art-1", NULL, NULL, NULL, NULL), ""},
	/* another act's articles are never ours */
	{NULL, "Article 43 of that Regulation; Article 5 of those Regulations; Article 6(1) of that Directive",
	 CTX("art-1", NULL, NULL, NULL, NULL), ""},
	{NULL, "paragraph 2 of that Article and point (a) thereof", CTX("art-1", "art-1.1", "art-1.1", NULL, NULL), ""},
	{NULL, "Article 5 of this Regulation", CTX("art-1", NULL, NULL, NULL, NULL), "[Article 5] art-5"},
	{NULL, "Article 9 of Directive", CTX("art-1", NULL, NULL, NULL, NULL), ""},
	/* relative citations without the context they need give nothing */
	{NULL, "paragraph 2, point (a), the second subparagraph, this Article, Section 2, point 3",
	 CTX(NULL, NULL, NULL, NULL, NULL), ""},
	{NULL, "point 3 and Section A", CTX("art-4", "art-4.1", "art-4.1", "chp-1", NULL), ""},
	/* the no-break space the OJ uses */
	{NULL, "Article\xC2\xA0" "5 and Annex\xC2\xA0III", CTX("art-1", NULL, NULL, NULL, NULL),
	 "[Article\xC2\xA0" "5] art-5 | [Annex\xC2\xA0III] anx-3"},
	/* numbers too long to be citation numbers are not read as ones */
	{NULL, "Articles 1 to 9999999999999999999", CTX("art-1", NULL, NULL, NULL, NULL), "[Articles 1] art-1"},
	/* a range the scanner cannot count still names both ends */
	{NULL, "points 4.3 to 5.1 of Annex VII", CTX("art-1", NULL, NULL, NULL, NULL),
	 "[points 4.3 to 5.1 of Annex VII] anx-7.4.3 anx-7.5.1"},
	/* "point (a) of Articles 5 and 6" does not say which point of which: the
	 * articles are kept, the points dropped */
	{NULL, "point (a) of Articles 5 and 6", CTX("art-1", "art-1.1", "art-1.1", NULL, NULL),
	 "[Articles 5] art-5 | [6] art-6"},
};

static void test_edge_rows(void **state)
{
	(void)state;
	run_rows(edge_rows, sizeof edge_rows / sizeof edge_rows[0]);
}

static void test_huge_range_is_capped(void **state)
{
	(void)state;
	cite_context ctx = {.unit = "art-1"};
	char *got = scan_n("Articles 1 to 4000000000", 24, &ctx, 5);
	assert_string_equal(got, "[Articles 1 to 4000000000] art-1 art-2 art-3 art-4 art-5 +cut");
	free(got);

	got = scan_n("Articles 1 to 999999999999999999", 32, &ctx, 3);
	assert_string_equal(got, "[Articles 1 to 999999999999999999] art-1 art-2 art-3 +cut");
	free(got);

	/* max_range 0 still yields the first id */
	got = scan_n("points (a) to (z)", 17, &(cite_context){.container = "art-1.1"}, 0);
	assert_string_equal(got, "[points (a) to (z)] art-1.1.a +cut");
	free(got);

	/* exactly max_range targets is not a cut */
	got = scan_n("Annexes I to III", 16, &ctx, 3);
	assert_string_equal(got, "[Annexes I to III] anx-1 anx-2 anx-3");
	free(got);
}

static void test_empty_text(void **state)
{
	(void)state;
	cite_list l = {0};
	cite_context ctx = {.unit = "art-1"};
	assert_int_equal(cite_scan(NULL, 0, &ctx, 10, &l), 0);
	assert_int_equal(cite_scan("", 0, &ctx, 10, &l), 0);
	assert_int_equal(cite_scan("Article 5", 0, &ctx, 10, &l), 0);
	assert_int_equal(l.n, 0);
	/* a NULL context is allowed: absolute citations still work */
	assert_int_equal(cite_scan("Article 5 and paragraph 2", 25, NULL, 10, &l), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].targets[0].s, "art-5");
	cite_list_free(&l);
	assert_int_equal(cite_scan("Article 5", 9, &ctx, 10, NULL), -1);
}

/* Text cut in the middle of a citation: the scanner sees only len bytes. */
static void test_text_ending_mid_citation(void **state)
{
	(void)state;
	cite_context ctx = CTX("art-43", "art-43.1", "art-43.1.sub2", "chp-3", "chp-3.sec-5");
	static const struct { const char *text; size_t len; const char *expect; } cuts[] = {
		{"Article 74(8) or (9)", 11, "[Article 74] art-74"},
		{"Article 74(8) or (9)", 13, "[Article 74(8)] art-74.8"},
		{"Article 74(8) or (9)", 19, "[Article 74(8)] art-74.8"},
		{"Article 74", 7, ""},
		{"Article 74", 8, ""},
		{"Articles 40 and 41", 15, "[Articles 40] art-40"},
		{"points 2 to 8 of Annex III", 11, "[points 2] anx-43.2"},
		{"points 2 to 8 of Annex III", 13, "[points 2 to 8] anx-43.2 anx-43.3 anx-43.4 anx-43.5 anx-43.6 anx-43.7 anx-43.8"},
		{"points 2 to 8 of Annex III", 24, "[points 2 to 8 of Annex I] anx-1.2 anx-1.3 anx-1.4 anx-1.5 anx-1.6 anx-1.7 anx-1.8"},
		{"Regulation (EU) 2016/679", 21, ""},
		{"Directive 2006/42/EC", 18, ""},
		{"Article 6(1) of Regulation (EU) 2016/679", 34, ""},
		{"Article 5(1), first subparagraph, point (h)(iii)", 45, "[Article 5(1), first subparagraph, point (h)] art-5.1.h"},
		{"the second subparagraph", 22, ""},
	};
	/* "points 2" outside an annex has no id; inside one it does */
	cite_context annex = CTX("anx-43", NULL, "anx-43", NULL, NULL);
	for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		const cite_context *c = strncmp(cuts[i].text, "points", 6) == 0 ? &annex : &ctx;
		char *got = scan_n(cuts[i].text, cuts[i].len, c, MAX_RANGE);
		if (strcmp(got, cuts[i].expect) != 0)
			print_error("cut %zu (%zu bytes of \"%s\"): got \"%s\"\n", i, cuts[i].len,
			            cuts[i].text, got);
		assert_string_equal(got, cuts[i].expect);
		free(got);
	}

	/* every prefix of a dense paragraph scans cleanly (scan_n checks the spans) */
	static const char dense[] =
		"Points 4.3., 4.4., 4.5. and the fifth paragraph of point 4.6 of Annex VII, "
		"Article 5(1), first subparagraph, point (h), (2) to (6), Article 9(1) of "
		"Regulation (EU, Euratom) 2018/1046, Articles 102 to 109, recital (78), "
		"Section C, points 1 to 3, of Annex VIII, Regulations (EU) No 1025/2012 and "
		"(EU) 2016/679, Council Framework Decision 2002/584/JHA, this Section, "
		"the second subparagraph of this paragraph, Article 16 TFEU, Part I";
	for (size_t len = 0; len <= sizeof dense - 1; len++)
		free(scan_n(dense, len, &ctx, 4));
}

/* Inputs built to make a backtracking parser crawl. Each has to finish, and the
 * time is checked loosely against a linear budget. */
static void test_long_inputs(void **state)
{
	(void)state;
	static const char *const units[] = {
		"Article (", "((((", "(1)", "points (a), ", "point (a) of ", "Article 5 and ",
		"5 and ", "the first subparagraph of ", "Article 5, ", "Points 4.3., ",
		"Annex IIIIIIIIIIIIIII ", "paragraph 1 of paragraph 1 of Article 2 of ",
		"Regulations (EU) 2016/679 and ", "\xC2\xA0", "Article 1", "of of ",
	};
	cite_context ctx = CTX("anx-5", "anx-5.1", "anx-5.1", "chp-3", NULL);
	for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
		size_t ul = strlen(units[u]), reps = 100000;
		char *text = malloc(ul * reps);
		assert_non_null(text);
		for (size_t i = 0; i < reps; i++)
			memcpy(text + i * ul, units[u], ul);
		cite_list l = {0};
		assert_int_equal(cite_scan(text, ul * reps, &ctx, 8, &l), 0);
		check_invariants(&l, 0, ul * reps, 8);
		cite_list_free(&l);
		free(text);
	}
	/* the paragraph-number digits of "Article 1(1)(1)..." do not pile up */
	size_t reps = 100000;
	char *deep = malloc(9 + 3 * reps);
	assert_non_null(deep);
	memcpy(deep, "Article 1", 9);
	for (size_t i = 0; i < reps; i++)
		memcpy(deep + 9 + 3 * i, "(1)", 3);
	cite_list l = {0};
	assert_int_equal(cite_scan(deep, 9 + 3 * reps, &ctx, 8, &l), 0);
	assert_int_equal(l.n, 0); /* too deep to be an id */
	cite_list_free(&l);
	free(deep);
}

static void test_list_appends_and_frees(void **state)
{
	(void)state;
	cite_list l = {0};
	cite_context ctx = {.unit = "art-1"};
	assert_int_equal(cite_scan("Article 5", 9, &ctx, 10, &l), 0);
	assert_int_equal(cite_scan("Annex II and Directive 2006/42/EC", 33, &ctx, 10, &l), 0);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[0].targets[0].s, "art-5");
	assert_string_equal(l.v[1].targets[0].s, "anx-2");
	assert_int_equal(l.v[2].kind, CITE_EXTERNAL);
	assert_null(l.v[2].targets);
	cite_list_free(&l);
	assert_int_equal(l.n, 0);
	assert_null(l.v);
	cite_list_free(&l); /* twice is harmless */
	cite_list_free(NULL);
}

/* Every paragraph of every AI Act page: whatever is found keeps the promises. */
static void test_whole_ai_act_keeps_invariants(void **state)
{
	(void)state;
	static const struct { const char *dir, *prefix, *fmt; int count; } kinds[] = {
		{"articles", "art-", "%sarticles/article-%03d.md", 113},
		{"annexes", "anx-", "%sannexes/annex-%02d.md", 13},
		{"recitals", "rec-", "%srecitals/recital-%03d.md", 180},
	};
	size_t total = 0, pages = 0;
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		for (int i = 1; i <= kinds[k].count; i++) {
			char path[512], unit[32];
			snprintf(path, sizeof path, kinds[k].fmt, CORPUS, i);
			snprintf(unit, sizeof unit, "%s%d", kinds[k].prefix, i);
			char *page = read_file(path);
			if (page == NULL)
				continue;
			pages++;
			cite_context ctx = {.unit = unit, .para = unit, .container = unit, .chapter = "chp-1"};
			cite_list l = {0};
			for (char *line = page, *nl; *line; line = nl + 1) {
				nl = strchr(line, '\n');
				size_t len = nl ? (size_t)(nl - line) : strlen(line);
				size_t first = l.n;
				assert_int_equal(cite_scan(line, len, &ctx, 20, &l), 0);
				check_invariants(&l, first, len, 20);
				if (nl == NULL)
					break;
			}
			total += l.n;
			cite_list_free(&l);
			free(page);
		}
	}
	if (pages == 0)
		skip();
	assert_true(total > 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows_are_ai_act_text),
		cmocka_unit_test(test_ai_act_rows),
		cmocka_unit_test(test_grammar),
		cmocka_unit_test(test_edge_rows),
		cmocka_unit_test(test_huge_range_is_capped),
		cmocka_unit_test(test_empty_text),
		cmocka_unit_test(test_text_ending_mid_citation),
		cmocka_unit_test(test_long_inputs),
		cmocka_unit_test(test_list_appends_and_frees),
		cmocka_unit_test(test_whole_ai_act_keeps_invariants),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
