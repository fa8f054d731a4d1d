/*
 * test_graph.c - the graph stage: the writer is deterministic (two runs, same bytes),
 * graph_check catches what a schema cannot (a duplicate id, a dangling reference) and
 * passes a good graph, the links output is KIND\tFROM\tTO\tSOURCE:LINE, and citations
 * of the real corpus resolve to the element the law means (link/resolve.c).
 *
 * Runs in SOURCE_DIR so that src attributes are the relative paths the golden test
 * and users see (tests/fixtures/mini/...).
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
#include "ingest/corpus.h"
#include "link/link.h"
#include "regdoc.h"
#include "util/fsio.h"
#include "util/fsout.h"

#define MINI "tests/fixtures/mini"
#define GRAPH_RNG SOURCE_DIR "/templates/schema/graph.rng"

typedef struct fx {
	char dir[64];
	char *out;
	size_t outlen;
	FILE *f;
	diag d;
	regulation r;
} fx;

static int setup(void **state)
{
	fx *t = calloc(1, sizeof *t);
	if (!t || chdir(SOURCE_DIR) != 0)
		return -1;
	snprintf(t->dir, sizeof t->dir, "/tmp/regdoc-test-graph.XXXXXX");
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
	regulation_free(&t->r);
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

/* pages → units → linked graph of the mini fixture into t->r */
static void load_mini(fx *t)
{
	link_stats st;
	assert_int_equal(regulation_load(MINI, SOURCE_DIR, &t->r, &t->d), 0);
	assert_non_null(t->r.doc);
	assert_int_equal(link_resolve(&t->r, &st, &t->d), 0);
	assert_int_equal(t->d.errors, 0);
}

static char *slurp(const char *path, size_t *len)
{
	char *s;
	diag quiet;
	diag_init(&quiet, NULL);
	assert_int_equal(fsio_read_file(path, 1u << 26, &s, len, &quiet), 0);
	return s;
}

static xmlNodePtr by_id(xmlDocPtr doc, const char *id)
{
	char expr[128];
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr res;
	xmlNodePtr n = NULL;
	snprintf(expr, sizeof expr, "//*[@id='%s']", id);
	res = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	if (res && res->nodesetval && res->nodesetval->nodeNr == 1)
		n = res->nodesetval->nodeTab[0];
	xmlXPathFreeObject(res);
	xmlXPathFreeContext(ctx);
	assert_non_null(n);
	return n;
}

static xmlNodePtr edges_of(xmlDocPtr doc)
{
	for (xmlNodePtr c = xmlDocGetRootElement(doc)->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "edges"))
			return c;
	fail_msg("no <edges>");
	return NULL;
}

static void test_writer_deterministic(void **state)
{
	fx *t = *state;
	regulation again;
	link_stats st;
	char *a = fsio_join(t->dir, "a.xml"), *b = fsio_join(t->dir, "b.xml");
	char *sa, *sb;
	size_t la, lb;
	load_mini(t);
	assert_int_equal(graph_write(t->r.doc, a, &t->d), 0);
	/* a second, independent run in the same process */
	assert_int_equal(regulation_load(MINI, SOURCE_DIR, &again, &t->d), 0);
	link_resolve(&again, &st, &t->d);
	assert_int_equal(graph_write(again.doc, b, &t->d), 0);
	regulation_free(&again);
	sa = slurp(a, &la);
	sb = slurp(b, &lb);
	assert_true(la > 1000);
	assert_int_equal(la, lb);
	assert_memory_equal(sa, sb, la);
	/* UTF-8, declared, and the relative src paths of the pages */
	assert_true(strncmp(sa, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<regulation id=\"mini\"", 58) == 0);
	assert_non_null(strstr(sa, "src=\"tests/fixtures/mini/articles/article-003.md\""));
	assert_non_null(strstr(sa, "\xe2\x80\x98widget\xe2\x80\x99 means")); /* not &#x2018; */
	free(sa);
	free(sb);
	free(a);
	free(b);
}

static void test_api_graph_twice_identical(void **state)
{
	fx *t = *state;
	regdoc_options o;
	char *a = fsio_join(t->dir, "a.xml"), *b = fsio_join(t->dir, "b.xml");
	char *sa, *sb;
	size_t la, lb;
	regdoc_options_init(&o);
	o.datadir = SOURCE_DIR;
	o.diagnostics = t->f;
	assert_int_equal(regdoc_graph(&o, MINI, a), REGDOC_EXIT_OK);
	assert_int_equal(regdoc_graph(&o, MINI, b), REGDOC_EXIT_OK);
	sa = slurp(a, &la);
	sb = slurp(b, &lb);
	assert_int_equal(la, lb);
	assert_memory_equal(sa, sb, la);
	/* the fixture's one dangling citation warns, with file and line, and only once per run */
	assert_non_null(strstr(diags(t), MINI "/articles/article-004.md:6: warning: 'Article 99' cites art-99"));
	free(sa);
	free(sb);
	free(a);
	free(b);
}

static void test_check_passes_good_graph(void **state)
{
	fx *t = *state;
	load_mini(t);
	assert_int_equal(graph_check(t->r.doc, GRAPH_RNG, "mini", &t->d), 0);
	assert_int_equal(t->d.errors, 0);
}

static void test_check_catches_duplicate_id(void **state)
{
	fx *t = *state;
	xmlNodePtr point;
	load_mini(t);
	/* point (b) of Article 1(2) now claims point (a)'s id */
	point = by_id(t->r.doc, "art-1.2.b");
	xmlSetProp(point, (const xmlChar *)"id", (const xmlChar *)"art-1.2.a");
	assert_int_equal(graph_check(t->r.doc, GRAPH_RNG, "mini", &t->d), -1);
	assert_non_null(strstr(diags(t), MINI "/articles/article-001.md:10: error: duplicate id art-1.2.a\n"));
}

static void test_check_catches_dangling_reference(void **state)
{
	fx *t = *state;
	xmlNodePtr e;
	load_mini(t);
	e = xmlNewChild(edges_of(t->r.doc), NULL, (const xmlChar *)"edge", NULL);
	xmlNewProp(e, (const xmlChar *)"kind", (const xmlChar *)"cites");
	xmlNewProp(e, (const xmlChar *)"from", (const xmlChar *)"art-3.1");
	xmlNewProp(e, (const xmlChar *)"to", (const xmlChar *)"art-77");
	xmlNewProp(e, (const xmlChar *)"src", (const xmlChar *)MINI "/articles/article-003.md");
	xmlNewProp(e, (const xmlChar *)"line", (const xmlChar *)"4");
	assert_int_equal(graph_check(t->r.doc, GRAPH_RNG, "mini", &t->d), -1);
	assert_non_null(strstr(diags(t), MINI "/articles/article-003.md:4: error: to=\"art-77\" names no element"));
	assert_int_equal(t->d.errors, 1);
}

static void test_check_catches_dangling_cite(void **state)
{
	fx *t = *state;
	xmlNodePtr text, cite;
	load_mini(t);
	/* a <cite to="… …"> with one good and one dangling target */
	text = by_id(t->r.doc, "art-4")->children;
	while (text && (text->type != XML_ELEMENT_NODE || strcmp((const char *)text->name, "text")))
		text = text->next;
	assert_non_null(text);
	cite = xmlNewChild(text, NULL, (const xmlChar *)"cite", (const xmlChar *)"Articles 3 and 88");
	xmlNewProp(cite, (const xmlChar *)"to", (const xmlChar *)"art-3 art-88");
	assert_int_equal(graph_check(t->r.doc, GRAPH_RNG, "mini", &t->d), -1);
	assert_non_null(strstr(diags(t), "to=\"art-88\" names no element"));
	assert_null(strstr(diags(t), "to=\"art-3\""));
}

static void test_check_schema_catches_unknown_element(void **state)
{
	fx *t = *state;
	load_mini(t);
	xmlNewChild(by_id(t->r.doc, "art-2"), NULL, (const xmlChar *)"bogus", NULL);
	assert_int_equal(graph_check(t->r.doc, GRAPH_RNG, "mini", &t->d), -1);
	assert_true(t->d.errors > 0);
}

static char *links_of(xmlDocPtr doc, const char *id, size_t *count)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	assert_non_null(f);
	*count = graph_print_links(doc, id, f);
	fclose(f);
	return s;
}

/* graph_walk_next: document order, a subtree skipped on request, never above root. */
/* The id index of a graph larger than libxml2 grows a table for (more than 16,384
 * buckets' worth of ids: graph_hash_for sizes it): every id found, the element it
 * names, a duplicate still reported, an id that is not there not found. */
static void test_index_ids_large(void **state)
{
	enum { N = 40000 };
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root = xmlNewDocNode(doc, NULL, (const xmlChar *)"regulation", NULL), *els;
	xmlHashTablePtr ids;
	char id[32];
	diag quiet;
	(void)state;
	diag_init(&quiet, NULL);
	xmlDocSetRootElement(doc, root);
	els = calloc(N, sizeof *els);
	assert_non_null(els);
	for (int i = 0; i < N; i++) {
		snprintf(id, sizeof id, "art-%d.%d", i / 7, i % 7);
		els[i] = xmlNewChild(root, NULL, (const xmlChar *)"para", NULL);
		xmlSetProp(els[i], (const xmlChar *)"id", (const xmlChar *)id);
	}
	xmlSetProp(xmlNewChild(root, NULL, (const xmlChar *)"para", NULL), (const xmlChar *)"id",
	           (const xmlChar *)"art-0.0");
	ids = graph_index_ids(doc, &quiet);
	assert_non_null(ids);
	assert_int_equal(xmlHashSize(ids), N);
	assert_int_equal(quiet.errors, 1);
	for (int i = 0; i < N; i++) {
		snprintf(id, sizeof id, "art-%d.%d", i / 7, i % 7);
		assert_ptr_equal(xmlHashLookup(ids, (const xmlChar *)id), els[i]);
	}
	assert_null(xmlHashLookup(ids, (const xmlChar *)"art-1.7"));
	xmlHashFree(ids, NULL);
	free(els);
	xmlFreeDoc(doc);
}

static void test_walk(void **state)
{
	static const char xml[] = "<g><a><b><c/></b>t1<d/></a><e/></g>";
	xmlDocPtr doc = xmlReadMemory(xml, (int)sizeof xml - 1, "w.xml", NULL, 0);
	xmlNodePtr root = xmlDocGetRootElement(doc), a = root->children;
	char seen[64];
	size_t n = 0;
	(void)state;
	for (xmlNodePtr cur = root; cur; cur = graph_walk_next(root, cur, 1))
		seen[n++] = cur->type == XML_TEXT_NODE ? 'T' : (char)cur->name[0];
	seen[n] = '\0';
	assert_string_equal(seen, "gabcTde");
	n = 0;
	for (xmlNodePtr cur = root; cur; cur = graph_walk_next(root, cur, strcmp((const char *)cur->name, "b") != 0))
		seen[n++] = cur->type == XML_TEXT_NODE ? 'T' : (char)cur->name[0];
	seen[n] = '\0';
	assert_string_equal(seen, "gabTde");
	/* a subtree's walk ends at its last node, not at the next sibling of its root */
	n = 0;
	for (xmlNodePtr cur = a; cur; cur = graph_walk_next(a, cur, 1))
		seen[n++] = cur->type == XML_TEXT_NODE ? 'T' : (char)cur->name[0];
	seen[n] = '\0';
	assert_string_equal(seen, "abcTd");
	assert_null(graph_walk_next(a, a, 0));
	xmlFreeDoc(doc);
}

static void test_links_format(void **state)
{
	fx *t = *state;
	size_t n;
	char *s;
	load_mini(t);
	s = links_of(t->r.doc, "rec-2", &n);
	assert_string_equal(s,
		"relates-to\trec-2\tart-3\t" MINI "/recitals/recital-002.md:10\n"
		"relates-to\trec-2\tanx-1\t" MINI "/recitals/recital-002.md:11\n"
		"relates-to\tart-3\trec-2\t" MINI "/articles/article-003.md:18\n"
		"relates-to\tanx-1\trec-2\t" MINI "/annexes/annex-01.md:16\n"
		"cites\trec-2\tart-2\t" MINI "/recitals/recital-002.md:4\n"
		"cites\trec-2\tart-3\t" MINI "/recitals/recital-002.md:4\n"
		"cites\trec-2\tart-4\t" MINI "/recitals/recital-002.md:4\n"
		"cites\trec-2\tanx-1\t" MINI "/recitals/recital-002.md:4\n"
		"cites\trec-2.sub2\tanx-2.2\t" MINI "/recitals/recital-002.md:6\n");
	assert_int_equal(n, 9);
	free(s);
	/* an id covers the elements inside it, not a longer number */
	s = links_of(t->r.doc, "art-3.1", &n);
	assert_non_null(strstr(s, "cites\tart-3.1.a\tanx-1\t" MINI "/articles/article-003.md:6\n"));
	assert_non_null(strstr(s, "cites\trec-3\tart-3.1.a\t"));
	assert_null(strstr(s, "\tart-3\t"));
	free(s);
	s = links_of(t->r.doc, "art-9", &n);
	assert_int_equal(n, 0);
	assert_string_equal(s, "");
	free(s);
}

static void test_links_prefix_is_not_cover(void **state)
{
	static const char xml[] =
		"<regulation id=\"t\"><edges>"
		"<edge kind=\"cites\" from=\"art-1\" to=\"art-2\" src=\"a.md\" line=\"1\"/>"
		"<edge kind=\"cites\" from=\"art-10\" to=\"art-2\" src=\"a.md\" line=\"2\"/>"
		"<edge kind=\"cites\" from=\"art-1.2\" to=\"art-100\" src=\"a.md\" line=\"3\"/>"
		"<edge kind=\"cites\" from=\"art-2\" to=\"art-1.sub2\"/>"
		"</edges></regulation>";
	xmlDocPtr doc = xmlReadMemory(xml, (int)sizeof xml - 1, "t.xml", NULL, XML_PARSE_NONET);
	size_t n;
	char *s;
	(void)state;
	assert_non_null(doc);
	s = links_of(doc, "art-1", &n);
	assert_string_equal(s, "cites\tart-1\tart-2\ta.md:1\n"
	                       "cites\tart-1.2\tart-100\ta.md:3\n"
	                       "cites\tart-2\tart-1.sub2\t:0\n");
	assert_int_equal(n, 3);
	free(s);
	xmlFreeDoc(doc);
}

static void test_api_links(void **state)
{
	fx *t = *state;
	regdoc_options o;
	const char *ids[] = {"rec-3", "mini:rec-3"}, *unknown[] = {"rec-3", "art-9"};
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	regdoc_options_init(&o);
	o.datadir = SOURCE_DIR;
	o.diagnostics = t->f;
	assert_int_equal(regdoc_links(&o, MINI, ids, 2, f), REGDOC_EXIT_OK);
	fclose(f);
	/* a bare id of one regulation folder: bare ids; a qualified one: qualified ids */
	assert_non_null(strstr(s, "relates-to\trec-3\tart-4\t" MINI "/recitals/recital-003.md:8\n"));
	assert_non_null(strstr(s, "relates-to\tart-4\trec-3\t" MINI "/articles/article-004.md:12\n"));
	assert_non_null(strstr(s, "relates-to\tmini:rec-3\tmini:art-4\t" MINI "/recitals/recital-003.md:8\n"));
	free(s);
	s = NULL;
	/* an id that is not in the corpus is an error naming it (issue 17) */
	f = open_memstream(&s, &n);
	assert_int_equal(regdoc_links(&o, MINI, unknown, 2, f), REGDOC_EXIT_INPUT);
	fclose(f);
	assert_non_null(strstr(diags(t), "regdoc: error: art-9: no such id in " MINI));
	free(s);
}

/* The to="" of the <cite> whose text is span, inside the element id of doc. */
static void expect_cite(xmlDocPtr doc, const char *id, const char *span, const char *to)
{
	char expr[256];
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr res;
	int found = 0;
	snprintf(expr, sizeof expr, "//*[@id='%s']//cite[.='%s']", id, span);
	res = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	if (res && res->nodesetval && res->nodesetval->nodeNr == 1) {
		xmlChar *got = xmlGetProp(res->nodesetval->nodeTab[0], (const xmlChar *)"to");
		if (got && !strcmp((const char *)got, to))
			found = 1;
		else
			print_error("%s: '%s' cites '%s', expected '%s'\n", id, span,
			            got ? (const char *)got : "(none)", to);
		xmlFree(got);
	} else {
		print_error("%s: no single <cite> '%s'\n", id, span);
	}
	xmlXPathFreeObject(res);
	xmlXPathFreeContext(ctx);
	assert_true(found);
}

/* Citations the resolver (link/resolve.c) links to the element the law means, in the
 * real corpus; each once linked a coarser id with a warning. */
static void test_resolve_corpus_citations(void **state)
{
	fx *t = *state;
	regulation r;
	link_stats st;

	assert_int_equal(regulation_load("corpus/ai-act", SOURCE_DIR, &r, &t->d), 0);
	assert_int_equal(link_resolve(&r, &st, &t->d), 0);
	/* AI Act Article 49(4)(b): "Section B, points 1 to 5, and points 8 and 9 of Annex
	 * VIII": Section B carries over the whole list */
	expect_cite(r.doc, "art-49.4.b", "Section B, points 1 to 5",
	            "anx-8.B.1 anx-8.B.2 anx-8.B.3 anx-8.B.4 anx-8.B.5");
	expect_cite(r.doc, "art-49.4.b", "points 8", "anx-8.B.8");
	expect_cite(r.doc, "art-49.4.b", "9 of Annex VIII", "anx-8.B.9");
	/* AI Act Article 113(b): "Chapter III Section 4, Chapter V, …" is Section 4 of
	 * Chapter III, not of Chapter XIII where Article 113 stands */
	expect_cite(r.doc, "art-113.sub3.b", "Chapter III Section 4", "chp-3.sec-4");
	/* every internal target of the AI Act exists as cited */
	assert_int_equal(st.coarsened, 0);
	assert_int_equal(st.unresolved, 0);
	regulation_free(&r);

	assert_int_equal(regulation_load("corpus/cra", SOURCE_DIR, &r, &t->d), 0);
	assert_int_equal(link_resolve(&r, &st, &t->d), 0);
	/* CRA Annex VIII Part IV point 3.3: "the technical documentation referred to in
	 * point 3.1 (b)" is Part IV's point 3.1, whose point (b) ("the technical
	 * documentation for one model …") is in its second subparagraph */
	expect_cite(r.doc, "anx-8.part-4.3.3", "point 3.1 (b)", "anx-8.part-4.3.1.sub2.b");
	assert_int_equal(st.coarsened, 0);
	assert_int_equal(st.unresolved, 0);
	regulation_free(&r);
	assert_null(strstr(diags(t), "which does not exist"));
	assert_int_equal(t->d.errors, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_writer_deterministic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_api_graph_twice_identical, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_passes_good_graph, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_catches_duplicate_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_catches_dangling_reference, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_catches_dangling_cite, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_schema_catches_unknown_element, setup, teardown),
		cmocka_unit_test(test_walk),
		cmocka_unit_test(test_index_ids_large),
		cmocka_unit_test_setup_teardown(test_links_format, setup, teardown),
		cmocka_unit_test(test_links_prefix_is_not_cover),
		cmocka_unit_test_setup_teardown(test_api_links, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resolve_corpus_citations, setup, teardown),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	xmlCleanupParser();
	return rc;
}
