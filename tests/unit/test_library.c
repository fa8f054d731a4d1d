/*
 * test_library.c - the library of regulations: the provisions an act citation names
 * (cite_act_targets), alias phrases, citations resolved into another regulation
 * (qualified ids, dangling and coarser ones warned with file:line), a regulation citing
 * itself by number, the links document, qualified ids in graph_check, and documents an
 * XSLT reads from memory (xslt_apply_to_doc_with).
 *
 * Runs in SOURCE_DIR on tests/fixtures/library (alpha and beta cite each other).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "graph/graph.h"
#include "graph/library.h"
#include "ingest/corpus.h"
#include "link/cite.h"
#include "link/link.h"
#include "render/xslt.h"
#include "util/diag.h"
#include "util/xmlsafe.h"

#define LIB "tests/fixtures/library"

typedef struct fx {
	char *out;
	size_t outlen;
	FILE *f;
	diag d;
	library L;
} fx;

static int setup(void **state)
{
	fx *t = calloc(1, sizeof *t);
	if (!t || chdir(SOURCE_DIR) != 0)
		return -1;
	t->f = open_memstream(&t->out, &t->outlen);
	diag_init(&t->d, t->f);
	library_init(&t->L);
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	fx *t = *state;
	library_free(&t->L);
	fclose(t->f);
	free(t->out);
	free(t);
	return 0;
}

static const char *diags(fx *t)
{
	fflush(t->f);
	return t->out ? t->out : "";
}

static char *xpath_string(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr c = xmlXPathNewContext(doc);
	xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, c);
	char *s = o ? (char *)xmlXPathCastToString(o) : NULL;
	char *r = strdup(s ? s : "");
	xmlFree(s);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(c);
	return r;
}

static void assert_xpath(xmlDocPtr doc, const char *expr, const char *want)
{
	char *s = xpath_string(doc, expr);
	if (strcmp(s, want) != 0)
		fail_msg("%s = \"%s\", expected \"%s\"", expr, s, want);
	free(s);
}

/* targets of the span as one space-separated string */
static char *act_targets(const char *span)
{
	cite_list l;
	static char buf[512];
	size_t n = 0;
	memset(&l, 0, sizeof l);
	assert_int_equal(cite_act_targets(span, strlen(span), 50, &l), 0);
	buf[0] = '\0';
	for (size_t i = 0; i < l.n; i++) {
		assert_int_equal(l.v[i].kind, CITE_INTERNAL);
		for (size_t k = 0; k < l.v[i].ntargets; k++)
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", n ? " " : "", l.v[i].targets[k].s);
	}
	cite_list_free(&l);
	return buf;
}

static void test_act_targets(void **state)
{
	(void)state;
	assert_string_equal(act_targets("Article 12(3) of Regulation (EU) 2024/2847"), "art-12.3");
	assert_string_equal(act_targets("Annex VI to Regulation (EU) 2024/1689"), "anx-6");
	assert_string_equal(act_targets("Article 2(1), points (a) and (b), of Regulation (EU) 2099/102"),
	                    "art-2.1.a art-2.1.b");
	assert_string_equal(act_targets("Articles 1 to 3 of Regulation (EU) 2099/102"), "art-1 art-2 art-3");
	assert_string_equal(act_targets("point (a) of Article 5(1) of Regulation (EU) 2016/679"), "art-5.1.a");
	/* an earlier group of an enumeration is its own span */
	assert_string_equal(act_targets("Article 6(4)"), "art-6.4");
	/* a bare act, and a relative provision of another act, name nothing */
	assert_string_equal(act_targets("Regulation (EU) 2016/679"), "");
	assert_string_equal(act_targets("paragraph 2 of Regulation (EU) 2016/679"), "");
	assert_string_equal(act_targets(""), "");
}

/* alpha and beta, loaded and linked as a library */
static void load(fx *t)
{
	static const char *const dirs[] = {LIB "/alpha", LIB "/beta"};
	for (size_t i = 0; i < 2; i++) {
		regulation r;
		assert_int_equal(regulation_load(dirs[i], SOURCE_DIR, &r, &t->d), 0);
		assert_int_equal(library_add(&t->L, &r, 1, &t->d), 0);
	}
	for (size_t i = 0; i < t->L.n; i++) {
		link_stats st;
		assert_int_equal(link_resolve_library(&t->L.regs[i], &t->L.view, &st, &t->d), 0);
		assert_int_equal(graph_check(t->L.regs[i].doc, SOURCE_DIR "/templates/schema/graph.rng",
		                             t->L.regs[i].m.id, &t->d), 0);
		if (i == 0) {
			assert_int_equal(st.aliases, 2);
			assert_int_equal(st.cross, 5);
			assert_int_equal(st.cross_targets, 8);
			assert_int_equal(st.cross_unresolved, 1);
		}
	}
}

static void test_cross_citations(void **state)
{
	fx *t = *state;
	xmlDocPtr a, b;
	load(t);
	a = t->L.regs[0].doc;
	b = t->L.regs[1].doc;
	/* by number: qualified targets, cites edges, the act node says which regulation */
	assert_xpath(a, "string(//recital[@id='rec-2']//cite[2]/@to)", "beta:art-1.1");
	assert_xpath(a, "string(//para[@id='art-2.1']//cite/@to)", "beta:art-2.1.a beta:art-2.1.b");
	assert_xpath(a, "count(//edge[@kind='cites'][@from='art-2.1'][starts-with(@to, 'beta:')])", "2");
	assert_xpath(a, "string(//act[@celex='32099R0102']/@regulation)", "beta");
	/* by the alias phrase (either case of its first letter): the act, bare */
	assert_xpath(a, "count(//recital[@id='rec-1']//cite[@act='ext:32099R0102'])", "2");
	assert_xpath(a, "string(//recital[@id='rec-1']//cite[1])",
	             "a regulation of the European Parliament and of the Council on the safety of beta widgets");
	assert_xpath(a, "count(//edge[@kind='cites-act'][@from='rec-1'][@to='ext:32099R0102'])", "1");
	/* an act outside the library stays external */
	assert_xpath(a, "string(//act[@celex='32016R0679']/@regulation)", "");
	/* a regulation citing itself by number: internal */
	assert_xpath(a, "string(//para[@id='art-1.2']//cite/@to)", "art-1.2");
	/* a dangling target is dropped (the citation stays one of the act), a coarser one
	 * linked to what exists; both warned at the page's line */
	assert_xpath(a, "count(//para[@id='art-2.2']//cite[@act='ext:32099R0102'])", "1");
	assert_xpath(a, "count(//para[@id='art-2.2']//cite[@to='beta:art-1'])", "1");
	assert_non_null(strstr(diags(t), LIB "/alpha/articles/article-002.md:6: warning: 'Article 9 of "
	                                 "Regulation (EU) 2099/102' cites beta:art-9, which does not exist\n"));
	assert_non_null(strstr(diags(t), "cites beta:art-1.7, which does not exist; linked to beta:art-1\n"));
	/* the other direction */
	assert_xpath(b, "string(//point[@id='art-2.1.a']//cite/@to)", "alpha:art-1.1");
	assert_xpath(b, "count(//recital[@id='rec-1']//cite[@act='ext:32099R0101'])", "1");
}

static void test_links_document(void **state)
{
	fx *t = *state;
	xmlDocPtr links;
	load(t);
	links = library_links(&t->L, &t->d);
	assert_non_null(links);
	assert_int_equal(xmlsafe_validate(links, SOURCE_DIR "/templates/schema/links.rng", "links.xml",
	                                  &t->d), 0);
	assert_xpath(links, "count(/library/regulation)", "2");
	assert_xpath(links, "string(/library/regulation[@id='beta']/units[@kind='article']/@count)", "2");
	assert_xpath(links, "count(//edge[@kind='cites'][@from='alpha:art-2.1'])", "2");
	assert_xpath(links, "count(//edge[@kind='cites-act'][@from='beta:rec-1'][@to='alpha'])", "1");
	assert_xpath(links, "count(//edge[starts-with(@to, 'ext:')])", "0");
	xmlFreeDoc(links);
}

static void test_qualified_ids(void **state)
{
	size_t n = 0;
	(void)state;
	assert_true(graph_is_qualified("cra:art-12.3", &n));
	assert_int_equal(n, 3);
	assert_false(graph_is_qualified("ext:32016R0679", NULL));
	assert_false(graph_is_qualified("art-12.3", NULL));
	assert_false(graph_is_qualified(":art-1", NULL));
	assert_false(graph_is_qualified("cra:", NULL));
	assert_false(graph_is_qualified("CRA:art-1", NULL));
}

/* a graph citing a regulation the check cannot see: a qualified to is not dangling,
 * an unqualified one is */
static void test_check_qualified(void **state)
{
	fx *t = *state;
	static const char g[] =
	    "<regulation id=\"x\"><recitals><recital id=\"rec-1\">"
	    "<text><cite to=\"cra:art-12.3\">x</cite><cite to=\"art-9\">y</cite></text>"
	    "</recital></recitals><edges/></regulation>";
	xmlDocPtr doc = xmlReadMemory(g, (int)sizeof g - 1, "g.xml", NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	assert_int_equal(graph_check(doc, NULL, "g.xml", &t->d), -1);
	assert_int_equal(t->d.errors, 1);
	assert_non_null(strstr(diags(t), "to=\"art-9\" names no element"));
	assert_null(strstr(diags(t), "cra:art-12.3"));
	xmlFreeDoc(doc);
}

/* document() finds the registered documents in memory, never on disk, and their URLs
 * are restored afterwards */
static void test_xslt_docs(void **state)
{
	fx *t = *state;
	static const char sheet[] =
	    "<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"
	    "<xsl:template match=\"/\"><r><xsl:value-of select=\"document('file:///regdoc-nowhere/a.xml')/a\"/>"
	    "<xsl:value-of select=\"document('b.xml', document('file:///regdoc-nowhere/a.xml'))/b\"/>"
	    "</r></xsl:template></xsl:stylesheet>";
	char path[] = "/tmp/regdoc-test-library-XXXXXX";
	int fd = mkstemp(path);
	xmlDocPtr in = xmlReadMemory("<in/>", 5, "in.xml", NULL, 0);
	xmlDocPtr a = xmlReadMemory("<a>A</a>", 8, "a.xml", NULL, 0);
	xmlDocPtr b = xmlReadMemory("<b>B</b>", 8, NULL, NULL, 0);
	xslt_doc docs[] = {{"file:///regdoc-nowhere/a.xml", a}, {"file:///regdoc-nowhere/b.xml", b}};
	xslt_sheet *s;
	xmlDocPtr out;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, sheet, sizeof sheet - 1), (ssize_t)(sizeof sheet - 1));
	close(fd);
	s = xslt_sheet_load(path, &t->d);
	assert_non_null(s);
	out = xslt_apply_to_doc_with(s, in, NULL, docs, 2, NULL, &t->d);
	assert_non_null(out);
	assert_xpath(out, "string(/r)", "AB");
	assert_string_equal((const char *)a->URL, "a.xml");
	assert_null(b->URL);
	/* the same document twice is refused */
	docs[1].doc = a;
	assert_null(xslt_apply_to_doc_with(s, in, NULL, docs, 2, NULL, &t->d));
	assert_string_equal((const char *)a->URL, "a.xml");
	xmlFreeDoc(out);
	xslt_sheet_free(s);
	xmlFreeDoc(in);
	xmlFreeDoc(a);
	xmlFreeDoc(b);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_act_targets),
		cmocka_unit_test_setup_teardown(test_cross_citations, setup, teardown),
		cmocka_unit_test_setup_teardown(test_links_document, setup, teardown),
		cmocka_unit_test(test_qualified_ids),
		cmocka_unit_test_setup_teardown(test_check_qualified, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xslt_docs, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
