/*
 * test_page.c - ingest/page: one Markdown page → one unit element.
 *
 * The chrome never reaches a unit; the heading gives kind, number and title; the body
 * gives the law's structure (numbered paragraphs, subparagraphs, points and sub-points
 * by indentation in both the AI Act's and the CRA's layout, Article 3's definitions,
 * annex sections, parts and multi-level points); text is verbatim with its emphasis;
 * links and raw HTML are made safe; the relates-to list becomes edges with lines.
 * Pages are built in the test; the manifest is tests/fixtures/mini's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "ingest/manifest.h"
#include "ingest/page.h"
#include "util/buf.h"

#define PATH "t/article-099.md"

/* The chrome of a Service Desk page, as it follows the law's text. */
static const char chrome[] =
	"View the [official text](https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=OJ:L_202401689). "
	"The text used in this tool is the \xe2\x80\x98[Artificial Intelligence Act (Regulation (EU) 2024/1689), "
	"Official version of 13 June 2024](https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=OJ:L_202401689)"
	"\xe2\x80\x99.\n"
	"\n"
	"---\n"
	"\n"
	"**AI Act Service Desk**\n"
	"\n"
	"This site is managed by:\n"
	"Directorate-General for Communications Networks, Content and Technology\n"
	"\n"
	"*   [Accessibility](/en/accessibility-statement)\n"
	"\n"
	"### Contact us\n"
	"\n"
	"*   [Contact the AI Office](mailto:CNECT-AIOFFICE@ec.europa.eu)\n"
	"\n"
	"### About us\n"
	"\n"
	"*   [Copyright notice](/en/copyright-notice)\n"
	"\n"
	"### Legal Notices\n"
	"\n"
	"*   [Cookies](https://commission.europa.eu/cookies_en)\n"
	"```";

typedef struct fx {
	manifest m;
	diag d;
	FILE *f;
	char *out;
	size_t outlen;
	xmlDocPtr doc;
	xmlNodePtr root, edges, unit;
	xmlXPathContextPtr xp;
	buf page;
} fx;

static int setup(void **state)
{
	fx *t = calloc(1, sizeof *t);
	diag quiet;
	if (!t)
		return -1;
	diag_init(&quiet, stderr);
	if (manifest_load(SOURCE_DIR "/tests/fixtures/mini", SOURCE_DIR "/templates/schema/manifest.rng",
	                  &t->m, &quiet) != 0)
		return -1;
	t->f = open_memstream(&t->out, &t->outlen);
	diag_init(&t->d, t->f);
	t->doc = xmlNewDoc((const xmlChar *)"1.0");
	t->root = xmlNewDocNode(t->doc, NULL, (const xmlChar *)"test", NULL);
	xmlDocSetRootElement(t->doc, t->root);
	t->edges = xmlNewChild(t->root, NULL, (const xmlChar *)"edges", NULL);
	t->xp = xmlXPathNewContext(t->doc);
	buf_init(&t->page);
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	fx *t = *state;
	xmlXPathFreeContext(t->xp);
	xmlFreeDoc(t->doc);
	manifest_free(&t->m);
	fclose(t->f);
	free(t->out);
	buf_free(&t->page);
	free(t);
	return 0;
}

static const char *diags(fx *t)
{
	fflush(t->f);
	return t->out ? t->out : "";
}

/* Parse md as the page PATH; the unit is attached to the test document. */
static xmlNodePtr parse_n(fx *t, const char *md, size_t len)
{
	page_ctx pc = {&t->m, PATH, t->doc, t->edges, &t->d};
	t->unit = page_parse(&pc, md, len);
	if (t->unit)
		xmlAddChild(t->root, t->unit);
	return t->unit;
}

static xmlNodePtr parse(fx *t, const char *md)
{
	return parse_n(t, md, strlen(md));
}

/* A Service Desk page: the fence, body, the relates-to list if any, the chrome. */
static xmlNodePtr parse_page(fx *t, const char *body)
{
	buf_clear(&t->page);
	buf_puts(&t->page, "```markdown\n");
	buf_puts(&t->page, body);
	buf_puts(&t->page, "\n");
	buf_puts(&t->page, chrome);
	assert_false(t->page.oom);
	return parse_n(t, t->page.s, t->page.len);
}

static xmlXPathObjectPtr eval(fx *t, const char *expr)
{
	xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)expr, t->xp);
	if (!r)
		fail_msg("bad XPath: %s", expr);
	return r;
}

static int count(fx *t, const char *expr)
{
	char e[512];
	xmlXPathObjectPtr r;
	int n;
	snprintf(e, sizeof e, "count(%s)", expr);
	r = eval(t, e);
	n = (int)r->floatval;
	xmlXPathFreeObject(r);
	return n;
}

/* The string value of expr (malloc'd; "" when it selects nothing). */
static char *str(fx *t, const char *expr)
{
	char e[512];
	xmlXPathObjectPtr r;
	char *s;
	snprintf(e, sizeof e, "string(%s)", expr);
	r = eval(t, e);
	s = strdup((const char *)r->stringval);
	xmlXPathFreeObject(r);
	return s;
}

#define assert_str(t, expr, want)                                                              \
	do {                                                                                   \
		char *got_ = str((t), (expr));                                                 \
		if (strcmp(got_, (want)) != 0)                                                 \
			fail_msg("%s: got \"%s\", want \"%s\"", (expr), got_, (want));         \
		free(got_);                                                                    \
	} while (0)

#define assert_count(t, expr, want)                                                            \
	do {                                                                                   \
		int got_ = count((t), (expr));                                                 \
		if (got_ != (want))                                                            \
			fail_msg("count(%s): got %d, want %d", (expr), got_, (want));          \
	} while (0)

/* The unit serialised, for what XPath cannot see (escaping). */
static char *dump(fx *t)
{
	xmlBufferPtr b = xmlBufferCreate();
	char *s;
	xmlNodeDump(b, t->doc, t->unit, 0, 0);
	s = strdup((const char *)xmlBufferContent(b));
	xmlBufferFree(b);
	return s;
}

/* ---- chrome ------------------------------------------------------------------ */

static void test_chrome_never_reaches_unit(void **state)
{
	fx *t = *state;
	char *all;
	assert_non_null(parse_page(t, "# Recital 7\n\nThe text of the recital.\n"));
	assert_str(t, "/test/recital/@id", "rec-7");
	assert_count(t, "/test/recital/*", 1);
	assert_str(t, "/test/recital/text", "The text of the recital.");
	assert_str(t, "/test/recital/text/@line", "4"); /* file line: the fence is line 1 */
	assert_str(t, "/test/recital/@line", "2");
	all = dump(t);
	assert_null(strstr(all, "View the"));
	assert_null(strstr(all, "official text"));
	assert_null(strstr(all, "Service Desk"));
	assert_null(strstr(all, "Contact us"));
	assert_null(strstr(all, "Cookies"));
	assert_null(strstr(all, "```"));
	assert_null(strstr(all, "markdown"));
	free(all);
	assert_count(t, "//section", 0); /* "### Contact us" is chrome, not an annex section */
	assert_count(t, "/test/edges/*", 0);
	assert_string_equal(diags(t), "");
}

static void test_chrome_after_relations_and_structure(void **state)
{
	fx *t = *state;
	char *all;
	assert_non_null(parse_page(t, "# Article 9: Title\n"
	                              "\n"
	                              "1. First.\n"
	                              "\n"
	                              "   (a) point;\n"
	                              "\n"
	                              "## This Article relates to\n"
	                              "\n"
	                              "*   [Recital 2](/en/mini/recital-2)\n"));
	all = dump(t);
	assert_null(strstr(all, "View the"));
	assert_null(strstr(all, "Accessibility"));
	free(all);
	assert_count(t, "//point", 1);
	assert_count(t, "//text", 2);
	assert_count(t, "/test/edges/edge", 1);
}

static void test_page_without_fence(void **state)
{
	fx *t = *state;
	assert_non_null(parse(t, "# Recital 3\n\nBare text.\n"));
	assert_str(t, "/test/recital/@line", "1");
	assert_str(t, "/test/recital/text", "Bare text.");
	assert_str(t, "/test/recital/text/@line", "3");
}

/* ---- headings ---------------------------------------------------------------- */

static void test_heading_article(void **state)
{
	fx *t = *state;
	assert_non_null(parse_page(t, "# Article 43: Conformity assessment\n\nText.\n"));
	assert_str(t, "name(/test/*[2])", "article");
	assert_str(t, "/test/article/@id", "art-43");
	assert_str(t, "/test/article/@n", "43");
	assert_str(t, "/test/article/@title", "Conformity assessment");
	assert_str(t, "/test/article/@src", PATH);
	assert_count(t, "/test/article/@number", 0);
}

static void test_heading_recital_has_no_title(void **state)
{
	fx *t = *state;
	assert_non_null(parse_page(t, "# Recital 180\n\nText.\n"));
	assert_str(t, "/test/recital/@id", "rec-180");
	assert_str(t, "/test/recital/@n", "180");
	assert_count(t, "/test/recital/@title", 0);
}

static void test_heading_annex_roman(void **state)
{
	fx *t = *state;
	static const struct {
		const char *heading, *id, *n, *number, *title;
	} cases[] = {
		{"# Annex I: List of Union harmonisation legislation", "anx-1", "1", "I",
		 "List of Union harmonisation legislation"},
		{"# Annex IV: Technical documentation referred to in Article 11(1)", "anx-4", "4", "IV",
		 "Technical documentation referred to in Article 11(1)"},
		{"# Annex VII: Conformity based on an assessment", "anx-7", "7", "VII",
		 "Conformity based on an assessment"},
		{"# Annex XIII: Criteria", "anx-13", "13", "XIII", "Criteria"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char body[256];
		xmlNodePtr u;
		snprintf(body, sizeof body, "%s\n\nText.\n", cases[i].heading);
		u = parse_page(t, body);
		assert_non_null(u);
		assert_str(t, "/test/annex[last()]/@id", cases[i].id);
		assert_str(t, "/test/annex[last()]/@n", cases[i].n);
		assert_str(t, "/test/annex[last()]/@number", cases[i].number);
		assert_str(t, "/test/annex[last()]/@title", cases[i].title);
	}
	assert_string_equal(diags(t), "");
}

static void test_heading_errors(void **state)
{
	fx *t = *state;
	assert_null(parse_page(t, "# Annex IIII: Not a numeral\n\nText.\n"));
	assert_null(parse_page(t, "# Annex 7: Arabic where the manifest says Roman\n\nText.\n"));
	assert_null(parse_page(t, "# Article IV: Roman where the manifest says Arabic\n\nText.\n"));
	assert_null(parse_page(t, "# Article 0: Zero\n\nText.\n"));
	assert_null(parse_page(t, "# Article: No number\n\nText.\n"));
	assert_null(parse_page(t, "# Chapter 5\n\nText.\n"));
	assert_string_equal(diags(t),
		PATH ":2: error: heading 'Annex' has no valid Roman number\n"
		PATH ":2: error: heading 'Annex' has no valid Roman number\n"
		PATH ":2: error: heading 'Article' has no valid unit number\n"
		PATH ":2: error: heading 'Article' has no valid unit number\n"
		PATH ":2: error: unknown unit kind 'Article:' in the heading\n"
		PATH ":2: error: unknown unit kind 'Chapter' in the heading\n");
	assert_int_equal(t->d.errors, 6);
}

static void test_no_heading_and_empty(void **state)
{
	fx *t = *state;
	assert_null(parse_page(t, "Text without a heading.\n\n# Article 4: Late\n"));
	assert_null(parse_page(t, "## Article 4: Level two\n\nText.\n"));
	assert_null(parse(t, ""));
	assert_null(parse(t, "```markdown\n```"));
	assert_null(parse(t, "\n\n   \n"));
	assert_string_equal(diags(t),
		PATH ":2: error: page has no heading: it must start with '# Article N: Title' or the like\n"
		PATH ":2: error: page has no heading: it must start with '# Article N: Title' or the like\n"
		PATH ":1: error: empty page\n"
		PATH ":1: error: empty page\n"
		PATH ":1: error: empty page\n");
}

/* ---- structure: articles ------------------------------------------------------- */

/* AI Act layout: content indented by the marker width ("1. " = 3, "10. " = 4),
 * sub-points 2 more, a third level 3 more. */
static const char ai_act_article[] =
	"# Article 5: Prohibited AI practices\n"       /* 2 */
	"\n"
	"1. The following AI practices shall be prohibited:\n" /* 4 */
	"\n"
	"   (a) the placing on the market;\n"           /* 6 */
	"\n"
	"   (h) the use of systems, unless:\n"          /* 8 */
	"\n"
	"     (i) the targeted search for victims;\n"   /* 10 */
	"\n"
	"     (ii) the prevention of a threat.\n"       /* 12 */
	"\n"
	"   Point (h) of the first subparagraph is without prejudice.\n" /* 14 */
	"\n"
	"   (a) a point of the second subparagraph;\n"  /* 16 */
	"\n"
	"   A third subparagraph.\n"                    /* 18 */
	"\n"
	"2. The use shall be authorised.\n"             /* 20 */
	"\n"
	"10. Tenth paragraph:\n"                        /* 22 */
	"\n"
	"    (a) its point, indented by 4;\n"           /* 24 */
	"\n"
	"      (i) and its sub-point.\n";               /* 26 */

static void test_numbered_paragraphs_ai_act_layout(void **state)
{
	fx *t = *state;
	assert_non_null(parse_page(t, ai_act_article));
	assert_string_equal(diags(t), "");
	assert_count(t, "/test/article/para", 3);
	assert_str(t, "/test/article/para[1]/@id", "art-5.1");
	assert_str(t, "/test/article/para[1]/@n", "1");
	assert_str(t, "/test/article/para[1]/@line", "4");
	assert_str(t, "/test/article/para[1]/text", "The following AI practices shall be prohibited:");
	assert_str(t, "//point[@id='art-5.1.a']/@label", "a");
	assert_str(t, "//point[@id='art-5.1.a']/text", "the placing on the market;");
	assert_str(t, "//point[@id='art-5.1.a']/@line", "6");
	assert_str(t, "name(//point[@id='art-5.1.h']/..)", "para");
	assert_str(t, "//point[@id='art-5.1.h.i']/@label", "i");
	assert_str(t, "//point[@id='art-5.1.h.i']/@line", "10");
	assert_str(t, "//point[@id='art-5.1.h.i']/../@id", "art-5.1.h");
	assert_str(t, "//point[@id='art-5.1.h.ii']/text", "the prevention of a threat.");
	/* the second subparagraph and its own point (a) */
	assert_str(t, "//sub[@id='art-5.1.sub2']/@n", "2");
	assert_str(t, "//sub[@id='art-5.1.sub2']/@line", "14");
	assert_str(t, "//sub[@id='art-5.1.sub2']/text",
	           "Point (h) of the first subparagraph is without prejudice.");
	assert_str(t, "//sub[@id='art-5.1.sub2']/point/@id", "art-5.1.sub2.a");
	assert_str(t, "//sub[@id='art-5.1.sub3']/text", "A third subparagraph.");
	assert_str(t, "/test/article/para[2]/@id", "art-5.2");
	assert_str(t, "/test/article/para[2]/@line", "20");
	assert_count(t, "/test/article/para[2]/*", 1);
	/* 10. and above: 4-space indentation */
	assert_str(t, "/test/article/para[3]/@id", "art-5.10");
	assert_str(t, "//point[@id='art-5.10.a']/text", "its point, indented by 4;");
	assert_str(t, "//point[@id='art-5.10.a.i']/text", "and its sub-point.");
	assert_count(t, "//point", 7);
	assert_count(t, "//sub", 2);
}

/* The CRA's layout: points indented by 4 whatever the marker's width. */
static void test_numbered_paragraphs_cra_layout(void **state)
{
	fx *t = *state;
	assert_non_null(parse_page(t,
		"# Article 14: Reporting obligations of manufacturers\n"
		"\n"
		"1. A manufacturer shall notify:\n"
		"\n"
		"    (a) an early warning;\n"
		"\n"
		"    (b) a final report, including:\n"
		"\n"
		"      (i) a description of the vulnerability;\n"
		"\n"
		"      (ii) details about the security update.\n"
		"\n"
		"    The notifications shall be submitted electronically.\n"
		"\n"
		"2. Second paragraph.\n"));
	assert_string_equal(diags(t), "");
	assert_count(t, "/test/article/para", 2);
	assert_str(t, "//point[@id='art-14.1.a']/text", "an early warning;");
	assert_str(t, "//point[@id='art-14.1.b.i']/text", "a description of the vulnerability;");
	assert_str(t, "//point[@id='art-14.1.b.ii']/../@id", "art-14.1.b");
	assert_str(t, "//sub[@id='art-14.1.sub2']/text", "The notifications shall be submitted electronically.");
	assert_str(t, "/test/article/para[2]/@id", "art-14.2");
	assert_count(t, "//point", 4);
}

/* Points written at the column of the point they belong to (CRA Article 14(2)):
 * "(i)" after "(c)" opens its sub-points; "(ii)" continues them. */
static void test_subpoints_at_their_points_column(void **state)
{
	fx *t = *state;
	assert_non_null(parse_page(t,
		"# Article 14: Reporting obligations of manufacturers\n"
		"\n"
		"2. The manufacturer shall submit:\n"
		"\n"
		"    (a) an early warning;\n"
		"\n"
		"    (c) a final report, including:\n"
		"\n"
		"    (i) a description;\n"
		"\n"
		"    (ii) details.\n"
		"\n"
		"3. Another paragraph.\n"));
	assert_string_equal(diags(t), "");
	assert_str(t, "//point[@id='art-14.2.c.i']/text", "a description;");
	assert_str(t, "//point[@id='art-14.2.c.ii']/../@id", "art-14.2.c");
	assert_str(t, "//para[@id='art-14.3']/text", "Another paragraph.");
}

/* CRA Annex I, Part I: "(a)" after "(2)" at the same column opens the points of (2);
 * "(i)" after "(h)" is the letter i; "(3)" closes the run. */
static void test_points_at_their_parents_column(void **state)
{
	fx *t = *state;
	assert_non_null(parse_page(t,
		"# Annex I: Essential requirements\n"
		"\n"
		"## Part I Properties\n"
		"\n"
		"(1) Products shall be designed securely.\n"
		"\n"
		"(2) Products shall:\n"
		"\n"
		"(a) be secure;\n"
		"\n"
		"(h) be resilient;\n"
		"\n"
		"(i) be minimal;\n"
		"\n"
		"(3) Last.\n"));
	assert_string_equal(diags(t), "");
	assert_str(t, "//point[@id='anx-1.part-1.2.a']/text", "be secure;");
	assert_str(t, "//point[@id='anx-1.part-1.2.i']/text", "be minimal;");
	assert_str(t, "//point[@id='anx-1.part-1.3']/text", "Last.");
}

static void test_article_without_paragraphs(void **state)
{
	fx *t = *state;
	assert_non_null(parse_page(t,
		"# Article 113: Entry into force and application\n"
		"\n"
		"This Regulation shall enter into force.\n"
		"\n"
		"It shall apply from 2 August 2026.\n"
		"\n"
		"However:\n"
		"\n"
		"(a) Chapters I and II shall apply from 2 February 2025;\n"
		"\n"
		"(b) Chapter III shall apply from 2 August 2025.\n"));
	assert_count(t, "/test/article/para", 0);
	assert_str(t, "/test/article/text", "This Regulation shall enter into force.");
	assert_str(t, "/test/article/sub[@id='art-113.sub2']/text", "It shall apply from 2 August 2026.");
	assert_str(t, "/test/article/sub[@id='art-113.sub3']/point[1]/@id", "art-113.sub3.a");
	assert_str(t, "/test/article/sub[@id='art-113.sub3']/point[2]/@id", "art-113.sub3.b");
}

static void test_definitions_three_levels(void **state)
{
	fx *t = *state;
	buf b;
	char expr[96];
	buf_init(&b);
	buf_puts(&b, "# Article 3: Definitions\n\nFor the purposes of this Regulation:\n\n");
	for (int i = 1; i <= 68; i++) {
		buf_printf(&b, "(%d) \xe2\x80\x98term %d\xe2\x80\x99 means thing %d;\n\n", i, i, i);
		if (i == 61) {
			buf_puts(&b, "  (a) first level point;\n\n");
			buf_puts(&b, "   (i) second level point;\n\n");
			buf_puts(&b, "   (ii) another;\n\n");
			buf_puts(&b, "  (b) back to the first level;\n\n");
		}
	}
	assert_false(b.oom);
	assert_non_null(parse_page(t, b.s));
	buf_free(&b);
	assert_string_equal(diags(t), "");
	assert_count(t, "/test/article/point", 68);
	for (int i = 1; i <= 68; i += 67) {
		snprintf(expr, sizeof expr, "/test/article/point[%d]/@id", i);
		assert_str(t, expr, i == 1 ? "art-3.1" : "art-3.68");
	}
	assert_str(t, "/test/article/point[44]/@label", "44");
	assert_str(t, "/test/article/point[44]/text", "\xe2\x80\x98term 44\xe2\x80\x99 means thing 44;");
	assert_str(t, "//point[@id='art-3.61.a']/text", "first level point;");
	assert_str(t, "//point[@id='art-3.61.a.i']/text", "second level point;");
	assert_str(t, "//point[@id='art-3.61.a.ii']/../@id", "art-3.61.a");
	assert_str(t, "//point[@id='art-3.61.b']/../@id", "art-3.61");
	assert_str(t, "/test/article/point[62]/@id", "art-3.62");
	assert_str(t, "/test/article/text", "For the purposes of this Regulation:");
}

static void test_ordered_list_numbers_from_source(void **state)
{
	fx *t = *state;
	assert_non_null(parse_page(t,
		"# Article 7: Skips\n"
		"\n"
		"1. One.\n"
		"\n"
		"2. Two.\n"
		"\n"
		"5. Five (3 and 4 were deleted).\n"
		"\n"
		"12. Twelve.\n"));
	assert_count(t, "/test/article/para", 4);
	assert_str(t, "/test/article/para[1]/@id", "art-7.1");
	assert_str(t, "/test/article/para[2]/@id", "art-7.2");
	assert_str(t, "/test/article/para[3]/@id", "art-7.5");
	assert_str(t, "/test/article/para[3]/@n", "5");
	assert_str(t, "/test/article/para[3]/text", "Five (3 and 4 were deleted).");
	assert_str(t, "/test/article/para[4]/@id", "art-7.12");
	assert_count(t, "//*[@id='art-7.3']", 0);
}

static void test_quoted_amendment_is_text(void **state)
{
	fx *t = *state;
	assert_non_null(parse_page(t,
		"# Article 105: Amendment to Directive 2014/90/EU\n"
		"\n"
		"In Article 8 of Directive 2014/90/EU, the following paragraph is added:\n"
		"\n"
		"\xe2\x80\x98" "5. For Artificial Intelligence systems, Article 8 shall apply.\xe2\x80\x99.\n"));
	assert_count(t, "//sub", 0);
	assert_count(t, "//para", 0);
	assert_count(t, "//point", 0);
	assert_count(t, "/test/article/text", 2);
	assert_str(t, "/test/article/text[2]",
	           "\xe2\x80\x98" "5. For Artificial Intelligence systems, Article 8 shall apply.\xe2\x80\x99.");
	assert_str(t, "/test/article/text[2]/@quoted", "true"); /* its citations are not this act's */
	assert_count(t, "/test/article/text[1]/@quoted", 0);
}

/* Article 108's shape: each numbered amendment point holds its quotation. */
static void test_quoted_amendment_in_points(void **state)
{
	fx *t = *state;
	assert_non_null(parse_page(t,
		"# Article 108: Amendments to Regulation (EU) 2018/1139\n"
		"\n"
		"Regulation (EU) 2018/1139 is amended as follows:\n"
		"\n"
		"(1) in Article 17, the following paragraph is added:\n"
		"\n"
		"  \xe2\x80\x98" "3. Without prejudice to paragraph 2, the requirements apply.\xe2\x80\x99;\n"
		"\n"
		"(2) in Article 57, the following subparagraph is added:\n"
		"\n"
		"  \xe2\x80\x98" "When adopting those implementing acts, account shall be taken.\xe2\x80\x99.\n"));
	assert_count(t, "/test/article/point", 2);
	assert_count(t, "//sub", 0);
	assert_count(t, "//point[@id='art-108.1']/text", 2);
	assert_str(t, "//point[@id='art-108.1']/text[2]/@quoted", "true");
	assert_str(t, "//point[@id='art-108.2']/text[2]/@quoted", "true");
	assert_count(t, "//*[@id='art-108.1.3']", 0); /* "‘3." is not a point of this act */
}

/* ---- structure: annexes ---------------------------------------------------------- */

static void test_annex_sections(void **state)
{
	fx *t = *state;
	assert_non_null(parse_page(t,
		"# Annex I: List of Union harmonisation legislation\n"            /* 2 */
		"\n"
		"## Section A. List of legislation based on the New Legislative Framework\n" /* 4 */
		"\n"
		"1. Directive 2006/42/EC on machinery;\n"                         /* 6 */
		"\n"
		"2. Directive 2009/48/EC on the safety of toys.\n"                /* 8 */
		"\n"
		"## Section B \xe2\x80\x94 List of other legislation\n"         /* 10 */
		"\n"
		"13. Regulation (EC) No 300/2008.\n"                              /* 12 */
		"\n"
		"## Section 1: Information to be provided by all providers\n"    /* 14 */
		"\n"
		"Text of section 1.\n"
		"\n"
		"## Part II Vulnerability handling requirements\n"               /* 18 */
		"\n"
		"Manufacturers shall:\n"
		"\n"
		"(1) identify vulnerabilities;\n"                                /* 22 */
		"\n"
		"## 4. Control of the technical documentation.\n"               /* 24 */
		"\n"
		"Intro.\n"));
	assert_string_equal(diags(t), "");
	assert_count(t, "/test/annex/section", 5);
	assert_str(t, "/test/annex/section[1]/@id", "anx-1.A");
	assert_str(t, "/test/annex/section[1]/@kind", "section");
	assert_str(t, "/test/annex/section[1]/@label", "A");
	assert_str(t, "/test/annex/section[1]/@title", "List of legislation based on the New Legislative Framework");
	assert_str(t, "/test/annex/section[1]/@line", "4");
	assert_str(t, "/test/annex/section[1]/point[1]/@id", "anx-1.A.1");
	assert_str(t, "/test/annex/section[1]/point[2]/@id", "anx-1.A.2");
	assert_str(t, "/test/annex/section[1]/point[2]/@line", "8");
	assert_str(t, "/test/annex/section[2]/@id", "anx-1.B");
	assert_str(t, "/test/annex/section[2]/@title", "List of other legislation");
	assert_str(t, "/test/annex/section[2]/point/@id", "anx-1.B.13");
	assert_str(t, "/test/annex/section[3]/@id", "anx-1.1");
	assert_str(t, "/test/annex/section[3]/@kind", "section");
	assert_str(t, "/test/annex/section[3]/@label", "1");
	assert_str(t, "/test/annex/section[3]/@title", "Information to be provided by all providers");
	assert_str(t, "/test/annex/section[3]/text", "Text of section 1.");
	assert_str(t, "/test/annex/section[4]/@id", "anx-1.part-2");
	assert_str(t, "/test/annex/section[4]/@kind", "part");
	assert_str(t, "/test/annex/section[4]/@label", "II");
	assert_str(t, "/test/annex/section[4]/@title", "Vulnerability handling requirements");
	assert_str(t, "/test/annex/section[4]/point/@id", "anx-1.part-2.1");
	assert_str(t, "/test/annex/section[5]/@id", "anx-1.4");
	assert_str(t, "/test/annex/section[5]/@kind", "numbered");
	assert_str(t, "/test/annex/section[5]/@label", "4");
	assert_str(t, "/test/annex/section[5]/@title", "Control of the technical documentation.");
}

static void test_annex_multilevel_points(void **state)
{
	fx *t = *state;
	assert_non_null(parse_page(t,
		"# Annex VII: Conformity based on an assessment\n"              /* 2 */
		"\n"
		"## 3. Quality management system\n"                              /* 4 */
		"\n"
		"3.1. The application of the provider shall include:\n"          /* 6 */
		"\n"
		"  (a) the name and address of the provider;\n"                 /* 8 */
		"\n"
		"  (b) the list of AI systems.\n"                               /* 10 */
		"\n"
		"3.2. The quality management system shall be assessed.\n"       /* 12 */
		"\n"
		"## 4. Control of the technical documentation.\n"               /* 14 */
		"\n"
		"4.3. The technical documentation shall be examined.\n"         /* 16 */
		"\n"
		"4.6. The decision of the notified body shall be notified.\n"   /* 18 */
		"\n"
		"  Second paragraph of 4.6.\n"                                   /* 20 */
		"\n"
		"  Third.\n"
		"\n"
		"  Fourth.\n"
		"\n"
		"  Fifth paragraph of 4.6.\n"                                    /* 26 */
		"\n"
		"  (a) a point of the fifth paragraph.\n"                       /* 28 */
		"\n"
		"4.7. Next point.\n"));                                          /* 30 */
	assert_string_equal(diags(t), "");
	assert_str(t, "/test/annex/section[1]/@id", "anx-7.3");
	assert_str(t, "//point[@id='anx-7.3.1']/@label", "3.1");
	assert_str(t, "//point[@id='anx-7.3.1']/text", "The application of the provider shall include:");
	assert_str(t, "//point[@id='anx-7.3.1']/@line", "6");
	assert_str(t, "//point[@id='anx-7.3.1.a']/text", "the name and address of the provider;");
	assert_str(t, "//point[@id='anx-7.3.1.b']/../@id", "anx-7.3.1");
	assert_str(t, "//point[@id='anx-7.3.2']/../@id", "anx-7.3");
	assert_str(t, "//point[@id='anx-7.4.3']/@label", "4.3");
	assert_str(t, "//point[@id='anx-7.4.3']/../@id", "anx-7.4");
	assert_str(t, "//point[@id='anx-7.4.6']/text", "The decision of the notified body shall be notified.");
	assert_str(t, "//sub[@id='anx-7.4.6.sub2']/text", "Second paragraph of 4.6.");
	assert_str(t, "//sub[@id='anx-7.4.6.sub5']/text", "Fifth paragraph of 4.6.");
	assert_str(t, "//sub[@id='anx-7.4.6.sub5']/@line", "26");
	assert_str(t, "//sub[@id='anx-7.4.6.sub5']/point/@id", "anx-7.4.6.sub5.a");
	/* "4.7." is a point of the section again, not of 4.6's fifth paragraph */
	assert_str(t, "//point[@id='anx-7.4.7']/../@id", "anx-7.4");
	assert_count(t, "//sub", 4);
}

/* ---- inline text ---------------------------------------------------------------- */

static void test_inline_emphasis_and_escaping(void **state)
{
	fx *t = *state;
	char *all;
	assert_non_null(parse_page(t,
		"# Recital 5\n"
		"\n"
		"Text with *emphasis*, **strong** and `code`; a < b & c > d \"quoted\" "
		"\xe2\x80\x98typographic\xe2\x80\x99 and Council(37).\n"));
	assert_str(t, "/test/recital/text/em", "emphasis");
	assert_str(t, "/test/recital/text/strong", "strong");
	assert_str(t, "/test/recital/text/code", "code");
	assert_str(t, "/test/recital/text",
	           "Text with emphasis, strong and code; a < b & c > d \"quoted\" "
	           "\xe2\x80\x98typographic\xe2\x80\x99 and Council(37).");
	all = dump(t);
	assert_non_null(strstr(all, "<em>emphasis</em>"));
	assert_non_null(strstr(all, "<strong>strong</strong>"));
	assert_non_null(strstr(all, "a &lt; b &amp; c &gt; d"));
	free(all);
}

static void test_links_made_safe(void **state)
{
	fx *t = *state;
	char *all;
	assert_non_null(parse_page(t,
		"# Recital 6\n"
		"\n"
		"A [script](javascript:alert(1)) link, a [Data](DATA:text/html,x) link, "
		"an [official](https://eur-lex.europa.eu/) link, a [mail](mailto:a@example.org) "
		"and a [relative](/en/mini/article-1) one.\n"));
	assert_str(t, "/test/recital/text",
	           "A script link, a Data link, an official link, a mail and a relative one.");
	assert_count(t, "//a", 3);
	assert_str(t, "//a[1]/@href", "https://eur-lex.europa.eu/");
	assert_str(t, "//a[2]/@href", "mailto:a@example.org");
	assert_str(t, "//a[3]/@href", "/en/mini/article-1");
	all = dump(t);
	assert_null(strstr(all, "javascript"));
	assert_null(strstr(all, "DATA:"));
	free(all);
}

static void test_raw_html_kept_as_escaped_text(void **state)
{
	fx *t = *state;
	char *all;
	assert_non_null(parse_page(t,
		"# Recital 8\n"
		"\n"
		"Inline <script>alert(1)</script> and <b>bold</b> stay text.\n"
		"\n"
		"<div onclick=\"x()\">a block</div>\n"));
	assert_count(t, "//script", 0);
	assert_count(t, "//b", 0);
	assert_count(t, "//div", 0);
	assert_str(t, "/test/recital/text", "Inline <script>alert(1)</script> and <b>bold</b> stay text.");
	/* (the block's literal keeps its final newline: normalize-space) */
	assert_str(t, "normalize-space(//sub[@id='rec-8.sub2']/text)", "<div onclick=\"x()\">a block</div>");
	all = dump(t);
	assert_non_null(strstr(all, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert_non_null(strstr(all, "&lt;div onclick=\"x()\"&gt;"));
	free(all);
	assert_string_equal(diags(t), PATH ":6: warning: raw HTML block kept as plain text\n");
}

/* ---- relations ---------------------------------------------------------------------- */

static void test_relates_to_edges(void **state)
{
	fx *t = *state;
	assert_non_null(parse_page(t,
		"# Recital 78\n"                                                    /* 2 */
		"\n"
		"Text.\n"                                                           /* 4 */
		"\n"
		"## This Recital relates to\n"                                      /* 6 */
		"\n"
		"*   [Article 15: Accuracy](/en/mini/article-15)\n"                 /* 8 */
		"*   [Article 42: Presumption](/en/mini/article-42)\n"              /* 9 */
		"*   [Annex III: High-risk AI systems](/en/mini/annex-3)\n"         /* 10 */
		"*   [Elsewhere](https://example.org/article-1)\n"                  /* 11 */
		"*   no link at all\n"));                                           /* 12 */
	assert_count(t, "/test/edges/edge", 3);
	assert_str(t, "/test/edges/edge[1]/@kind", "relates-to");
	assert_str(t, "/test/edges/edge[1]/@from", "rec-78");
	assert_str(t, "/test/edges/edge[1]/@to", "art-15");
	assert_str(t, "/test/edges/edge[1]/@src", PATH);
	assert_str(t, "/test/edges/edge[1]/@line", "8");
	assert_str(t, "/test/edges/edge[2]/@to", "art-42");
	assert_str(t, "/test/edges/edge[2]/@line", "9");
	assert_str(t, "/test/edges/edge[3]/@to", "anx-3");
	assert_str(t, "/test/edges/edge[3]/@line", "10");
	/* the list is not text of the unit */
	assert_count(t, "/test/recital/*", 1);
	assert_string_equal(diags(t),
		PATH ":11: error: relates-to item is not a link to a unit of this regulation "
		"(https://example.org/article-1)\n"
		PATH ":12: error: relates-to item is not a link to a unit of this regulation (no link)\n");
}

static void test_relates_to_heading_of_the_kind(void **state)
{
	fx *t = *state;
	assert_non_null(parse_page(t,
		"# Annex III: High-risk AI systems\n"
		"\n"
		"1. Biometrics.\n"
		"\n"
		"## This Annex relates to\n"
		"\n"
		"*   [Recital 54](/en/mini/recital-54)\n"));
	assert_str(t, "/test/edges/edge/@from", "anx-3");
	assert_str(t, "/test/edges/edge/@to", "rec-54");
	assert_str(t, "/test/edges/edge/@line", "8");
	assert_count(t, "//section", 0); /* the relates-to heading is not an annex section */
}

static void test_plain_text(void **state)
{
	int off = -1;
	cmark_node *doc = page_parse_markdown("```markdown\n# A *b* `c`\n\nx\ny\n```", 36, &off);
	char *s;
	(void)state;
	assert_non_null(doc);
	assert_int_equal(off, 1);
	s = page_plain_text(cmark_node_first_child(doc));
	assert_string_equal(s, "A b c");
	free(s);
	s = page_plain_text(cmark_node_next(cmark_node_first_child(doc)));
	assert_string_equal(s, "x y");
	free(s);
	cmark_node_free(doc);
	/* a fence that is not "markdown" is not unwrapped */
	doc = page_parse_markdown("```text\n# A\n```", 15, &off);
	assert_int_equal(off, 0);
	assert_int_equal(cmark_node_get_type(cmark_node_first_child(doc)), CMARK_NODE_CODE_BLOCK);
	cmark_node_free(doc);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_chrome_never_reaches_unit),
		T(test_chrome_after_relations_and_structure),
		T(test_page_without_fence),
		T(test_heading_article),
		T(test_heading_recital_has_no_title),
		T(test_heading_annex_roman),
		T(test_heading_errors),
		T(test_no_heading_and_empty),
		T(test_numbered_paragraphs_ai_act_layout),
		T(test_numbered_paragraphs_cra_layout),
		T(test_subpoints_at_their_points_column),
		T(test_points_at_their_parents_column),
		T(test_article_without_paragraphs),
		T(test_definitions_three_levels),
		T(test_ordered_list_numbers_from_source),
		T(test_quoted_amendment_is_text),
		T(test_quoted_amendment_in_points),
		T(test_annex_sections),
		T(test_annex_multilevel_points),
		T(test_inline_emphasis_and_escaping),
		T(test_links_made_safe),
		T(test_raw_html_kept_as_escaped_text),
		T(test_relates_to_edges),
		T(test_relates_to_heading_of_the_kind),
		cmocka_unit_test(test_plain_text),
	};
#undef T
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	xmlCleanupParser();
	return rc;
}
