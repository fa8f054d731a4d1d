/*
 * test_suggest.c - computed relations (src/link/suggest.c) and sourced relations from
 * relations.xml (src/ingest/relations.c).
 *
 * The scorer on a tiny hand-written graph: stop words and suffix rules from a word
 * list; the best unit of each recital (words, a citation, a shared defined term);
 * ties in document order; the evidence text; relates-to edges are never an input
 * (scores are the same without them); a sourced pair is never emitted as suggests,
 * and suggests edges are never read as relates-to (links, gindex); K and the minimum
 * score; two runs give the same bytes; the graph validates. relations.xml: pairs
 * become relates-to edges both ways with their source, a pair the pages give is kept
 * once, wrong ids and schema errors are reported with the line, no file is fine.
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
#include <libxml/xmlsave.h>

#include "assess/gindex.h"
#include "graph/graph.h"
#include "ingest/corpus.h"
#include "ingest/relations.h"
#include "link/link.h"
#include "link/suggest.h"
#include "util/fsout.h"

#define MINI "tests/fixtures/mini"
#define GRAPH_RNG SOURCE_DIR "/templates/schema/graph.rng"

/* A regulation "t": three recitals, five articles (4 and 5 identical), one annex. */
static const char fixture[] =
	"<regulation id=\"t\" lang=\"en\" celex=\"32099R0002\" "
	"eli=\"http://data.europa.eu/eli/reg/2099/2/oj\">"
	"<title>T</title><short-title>T</short-title>"
	"<recitals>"
	"<recital id=\"rec-1\" n=\"1\" src=\"r/1.md\" line=\"2\"><text line=\"4\">Widgets sold to "
	"consumers should carry a safety label that explains the labelling of batteries.</text>"
	"</recital>"
	"<recital id=\"rec-2\" n=\"2\" src=\"r/2.md\" line=\"2\"><text line=\"4\">A <term "
	"ref=\"art-1.1\">widget maker</term> must report every incident to the authority, as "
	"<cite to=\"art-3.1\">Article 3(1)</cite> requires.</text></recital>"
	"<recital id=\"rec-3\" n=\"3\" src=\"r/3.md\" line=\"2\"><text line=\"4\">Penalties for "
	"infringements should be effective, proportionate and dissuasive.</text></recital>"
	"</recitals>"
	"<articles>"
	"<article id=\"art-1\" n=\"1\" title=\"Definitions\" src=\"a/1.md\" line=\"2\">"
	"<point id=\"art-1.1\" label=\"1\" line=\"4\"><text line=\"4\">\xE2\x80\x98widget "
	"maker\xE2\x80\x99 means a person who makes widgets;</text></point>"
	"<point id=\"art-1.2\" label=\"2\" line=\"5\"><text line=\"5\">\xE2\x80\x98"
	"authority\xE2\x80\x99 means the body that keeps the register;</text></point>"
	"</article>"
	"<article id=\"art-2\" n=\"2\" title=\"Safety labelling\" src=\"a/2.md\" line=\"2\">"
	"<para id=\"art-2.1\" n=\"1\" line=\"4\"><text line=\"4\">Every widget shall carry a "
	"safety label on its batteries.</text></para></article>"
	"<article id=\"art-3\" n=\"3\" title=\"Reporting of incidents\" src=\"a/3.md\" line=\"2\">"
	"<para id=\"art-3.1\" n=\"1\" line=\"4\"><text line=\"4\">The <term ref=\"art-1.1\">widget "
	"maker</term> shall report each incident to the <term ref=\"art-1.2\">authority</term>."
	"</text></para></article>"
	"<article id=\"art-4\" n=\"4\" title=\"Penalties\" src=\"a/4.md\" line=\"2\"><text "
	"line=\"4\">Member States shall lay down penalties for infringements; they shall be "
	"effective, proportionate and dissuasive.</text></article>"
	"<article id=\"art-5\" n=\"5\" title=\"Penalties\" src=\"a/5.md\" line=\"2\"><text "
	"line=\"4\">Member States shall lay down penalties for infringements; they shall be "
	"effective, proportionate and dissuasive.</text></article>"
	"</articles>"
	"<annexes><annex id=\"anx-1\" n=\"1\" number=\"I\" title=\"Label contents\" src=\"x/1.md\" "
	"line=\"2\"><point id=\"anx-1.1\" label=\"1\" line=\"4\"><text line=\"4\">The safety label "
	"shows the type of battery.</text></point></annex></annexes>"
	"<edges>"
	"<edge kind=\"relates-to\" from=\"rec-1\" to=\"art-2\" src=\"r/1.md\" line=\"7\"/>"
	"<edge kind=\"relates-to\" from=\"art-2\" to=\"rec-1\" src=\"a/2.md\" line=\"7\"/>"
	"<edge kind=\"cites\" from=\"rec-2\" to=\"art-3.1\" src=\"r/2.md\" line=\"4\"/>"
	"</edges></regulation>";

static const char word_list[] =
	"# a test list\n"
	"@min-length 3\n"
	"@min-stem 4\n"
	"-ies y\n"
	"-ing\n"
	"-ss ss\n"
	"-s\n"
	"the\nto\nof\nand\nshall\nshould\nfor\nevery\neach\non\nas\nthat\nbe\nthey\nmust\n"
	"who\nmeans\nits\nlay\ndown\nmember\nstates\n";

typedef struct fx {
	char *out;
	size_t outlen;
	FILE *f;
	diag d;
	suggest_words *w;
	suggest_params p;
	xmlDocPtr doc;
	char dir[64];
} fx;

static int setup(void **state)
{
	fx *t = calloc(1, sizeof *t);
	if (!t || chdir(SOURCE_DIR) != 0)
		return -1;
	t->f = open_memstream(&t->out, &t->outlen);
	diag_init(&t->d, t->f);
	t->w = suggest_words_new();
	if (!t->w || suggest_words_parse(t->w, word_list, sizeof word_list - 1, "list", &t->d) != 0)
		return -1;
	suggest_params_default(&t->p);
	t->doc = xmlReadMemory(fixture, (int)sizeof fixture - 1, "t.xml", NULL, XML_PARSE_NONET);
	if (!t->doc)
		return -1;
	snprintf(t->dir, sizeof t->dir, "/tmp/regdoc-test-suggest.XXXXXX");
	if (!mkdtemp(t->dir))
		return -1;
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	fx *t = *state;
	suggest_words_free(t->w);
	xmlFreeDoc(t->doc);
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

static const char *stem_into(const suggest_words *w, const char *tok, char *buf, size_t sz)
{
	return suggest_words_stem(w, tok, strlen(tok), buf, sz) ? buf : NULL;
}

static void test_words(void **state)
{
	fx *t = *state;
	char out[64];
#define stem(w, tok) stem_into((w), (tok), out, sizeof out)
	assert_string_equal(stem(t->w, "Labels"), "label");
	assert_string_equal(stem(t->w, "batteries"), "battery");
	assert_string_equal(stem(t->w, "labelling"), "labell");
	assert_string_equal(stem(t->w, "process"), "process"); /* -ss before -s */
	assert_string_equal(stem(t->w, "uses"), "uses");       /* a 3-byte stem is too short */
	assert_null(stem(t->w, "The"));                        /* a stop word, any case */
	assert_null(stem(t->w, "ab"));                         /* shorter than @min-length */
	assert_null(stem(t->w, "2024"));                       /* a number */
#undef stem
}

static void test_words_errors(void **state)
{
	fx *t = *state;
	suggest_words *w = suggest_words_new();
	static const char bad[] = "ok\nUpper\n@min-length x\n@colour 3\n- \nword two\n";
	assert_int_equal(suggest_words_parse(w, bad, sizeof bad - 1, "bad.txt", &t->d), -1);
	assert_string_equal(diags(t),
		"bad.txt:2: error: upper case or tab in a word list: write words in lower case\n"
		"bad.txt:3: error: '@min-length' needs a number from 1 to 63\n"
		"bad.txt:4: error: unknown setting '@colour' (@min-length, @min-stem)\n"
		"bad.txt:5: error: a suffix rule is '-SUFFIX' or '-SUFFIX REPLACEMENT'\n"
		"bad.txt:6: error: one stop word per line\n");
	/* a missing optional file is fine, a missing required one is not */
	assert_int_equal(suggest_words_load(w, "/nonexistent/en.txt", 1, &t->d), 1);
	assert_int_equal(suggest_words_load(w, "/nonexistent/en.txt", 0, &t->d), -1);
	suggest_words_free(w);
}

static size_t best(const suggest_model *m, const char *rec, size_t *top, size_t k)
{
	size_t i = suggest_find_recital(m, rec);
	assert_true(i != (size_t)-1);
	return suggest_rank_units(m, i, top, k);
}

static void test_scorer(void **state)
{
	fx *t = *state;
	suggest_model *m = suggest_compute(t->doc, t->w, &t->p);
	size_t top[6], n;
	unsigned s4, s5;
	assert_non_null(m);
	assert_int_equal(suggest_nrecitals(m), 3);
	assert_int_equal(suggest_nunits(m), 6);
	/* rec-1: the labelling article, then the annex on labels */
	n = best(m, "rec-1", top, 6);
	assert_int_equal(n, 6);
	assert_string_equal(suggest_unit_id(m, top[0]), "art-2");
	assert_string_equal(suggest_unit_id(m, top[1]), "anx-1");
	/* rec-2 cites Article 3(1) and shares its defined terms */
	best(m, "rec-2", top, 2);
	assert_string_equal(suggest_unit_id(m, top[0]), "art-3");
	/* rec-3: Articles 4 and 5 are identical; the tie goes to document order */
	best(m, "rec-3", top, 2);
	assert_string_equal(suggest_unit_id(m, top[0]), "art-4");
	assert_string_equal(suggest_unit_id(m, top[1]), "art-5");
	s4 = suggest_score(m, suggest_find_recital(m, "rec-3"), suggest_find_unit(m, "art-4"));
	s5 = suggest_score(m, suggest_find_recital(m, "rec-3"), suggest_find_unit(m, "art-5"));
	assert_int_equal(s4, s5);
	assert_true(s4 > 0 && s4 <= 1000);
	/* nothing shared: a zero score */
	assert_int_equal(suggest_score(m, suggest_find_recital(m, "rec-3"), suggest_find_unit(m, "art-2")),
	                 0);
	/* the reverse ranking: Article 2's best recital is the one about labels */
	n = suggest_rank_recitals(m, suggest_find_unit(m, "art-2"), top, 1);
	assert_int_equal(n, 1);
	assert_string_equal(suggest_recital_id(m, top[0]), "rec-1");
	suggest_model_free(m);
}

static void test_evidence(void **state)
{
	fx *t = *state;
	suggest_model *m = suggest_compute(t->doc, t->w, &t->p);
	size_t r2 = suggest_find_recital(m, "rec-2");
	buf b;
	buf_init(&b);
	suggest_evidence(m, r2, suggest_find_unit(m, "art-3"), &b);
	/* the citation, the shared defined term (named as Article 1 defines it), words */
	assert_non_null(b.s);
	assert_true(!strncmp(b.s, "cites: art-3.1; terms: widget maker; words: ", 44));
	assert_non_null(strstr(b.s, "incident"));
	buf_clear(&b);
	/* the definition counts its own term: rec-2 and Article 1 share "widget maker" */
	suggest_evidence(m, r2, suggest_find_unit(m, "art-1"), &b);
	assert_true(!strncmp(b.s, "terms: widget maker", 19));
	buf_free(&b);
	suggest_model_free(m);
}

/* Remove every edge of doc (a copy of the fixture without any relation). */
static xmlDocPtr without_edges(xmlDocPtr doc)
{
	xmlDocPtr copy = xmlCopyDoc(doc, 1);
	xmlNodePtr root = xmlDocGetRootElement(copy);
	for (xmlNodePtr c = root->children; c; c = c->next)
		if (!xmlStrcmp(c->name, (const xmlChar *)"edges"))
			while (c->children) {
				xmlNodePtr e = c->children;
				xmlUnlinkNode(e);
				xmlFreeNode(e);
			}
	return copy;
}

static void test_relations_are_not_an_input(void **state)
{
	fx *t = *state;
	xmlDocPtr bare = without_edges(t->doc);
	suggest_model *a = suggest_compute(t->doc, t->w, &t->p);
	suggest_model *b = suggest_compute(bare, t->w, &t->p);
	for (size_t i = 0; i < suggest_nrecitals(a); i++)
		for (size_t j = 0; j < suggest_nunits(a); j++)
			assert_int_equal(suggest_score(a, i, j), suggest_score(b, i, j));
	suggest_model_free(a);
	suggest_model_free(b);
	xmlFreeDoc(bare);
}

static char *serialise(xmlDocPtr doc)
{
	xmlChar *mem = NULL;
	int len = 0;
	char *s;
	xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
	s = strndup((const char *)mem, (size_t)len);
	xmlFree(mem);
	return s;
}

static int has_edge(xmlDocPtr doc, const char *kind, const char *from, const char *to)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	int found = 0;
	for (xmlNodePtr c = root->children; c; c = c->next)
		if (!xmlStrcmp(c->name, (const xmlChar *)"edges"))
			for (xmlNodePtr e = c->children; e; e = e->next) {
				xmlChar *k = xmlGetProp(e, (const xmlChar *)"kind");
				xmlChar *f = xmlGetProp(e, (const xmlChar *)"from");
				xmlChar *o = xmlGetProp(e, (const xmlChar *)"to");
				found += k && f && o && !strcmp((char *)k, kind) && !strcmp((char *)f, from) &&
				         !strcmp((char *)o, to);
				xmlFree(k);
				xmlFree(f);
				xmlFree(o);
			}
	return found;
}

static void test_emit(void **state)
{
	fx *t = *state;
	suggest_model *m = suggest_compute(t->doc, t->w, &t->p);
	long n = suggest_emit(t->doc, m);
	assert_true(n > 0);
	/* the sourced pair is never suggested, either way round */
	assert_int_equal(has_edge(t->doc, "suggests", "rec-1", "art-2"), 0);
	assert_int_equal(has_edge(t->doc, "suggests", "art-2", "rec-1"), 0);
	assert_int_equal(has_edge(t->doc, "relates-to", "rec-1", "art-2"), 1);
	/* rec-1's first suggestion is the next best unit, the annex */
	assert_int_equal(has_edge(t->doc, "suggests", "rec-1", "anx-1"), 1);
	assert_int_equal(has_edge(t->doc, "suggests", "rec-2", "art-3"), 1);
	assert_int_equal(has_edge(t->doc, "suggests", "art-3", "rec-2"), 1);
	/* a zero score is never suggested */
	assert_int_equal(has_edge(t->doc, "suggests", "rec-3", "art-2"), 0);
	assert_int_equal(has_edge(t->doc, "suggests", "art-2", "rec-3"), 0);
	/* fixed decimals, the evidence, and the from page's src and line */
	{
		char *s = serialise(t->doc);
		assert_non_null(strstr(s, "<edge kind=\"suggests\" from=\"rec-2\" to=\"art-3\" score=\"0."));
		assert_non_null(strstr(s, "evidence=\"cites: art-3.1; terms: widget maker; words: "));
		assert_non_null(strstr(s, "src=\"r/2.md\" line=\"2\"/>"));
		free(s);
	}
	assert_int_equal(graph_check(t->doc, GRAPH_RNG, "t", &t->d), 0);
	assert_string_equal(diags(t), "");
	suggest_model_free(m);
}

static void test_k_and_min_score(void **state)
{
	fx *t = *state;
	xmlDocPtr bare = without_edges(t->doc);
	suggest_model *m;
	t->p.k_recital = 1;
	t->p.k_unit = 0;
	m = suggest_compute(bare, t->w, &t->p);
	assert_int_equal(suggest_emit(bare, m), 3); /* one per recital, none per unit */
	assert_int_equal(has_edge(bare, "suggests", "rec-1", "art-2"), 1);
	assert_int_equal(has_edge(bare, "suggests", "rec-3", "art-4"), 1);
	suggest_model_free(m);
	xmlFreeDoc(bare);
	bare = without_edges(t->doc);
	t->p.min_score = 1001; /* above any score */
	m = suggest_compute(bare, t->w, &t->p);
	assert_int_equal(suggest_emit(bare, m), 0);
	suggest_model_free(m);
	xmlFreeDoc(bare);
}

/* The budget never changes a small regulation's scores; past it, a recital reads a
 * subset of its postings (every contribution is positive: no score rises) and its
 * citations still count. */
static void test_budget(void **state)
{
	fx *t = *state;
	suggest_params unlimited = t->p, tight = t->p;
	suggest_model *m, *u, *c;
	size_t top[8];
	unlimited.budget = 0;
	tight.budget = 6; /* passages' words 6, terms 1, units' words 3, terms 0 */
	tight.max_units = 1;
	m = suggest_compute(t->doc, t->w, &t->p);
	u = suggest_compute(t->doc, t->w, &unlimited);
	c = suggest_compute(t->doc, t->w, &tight);
	assert_non_null(m);
	assert_non_null(u);
	assert_non_null(c);
	for (size_t i = 0; i < suggest_nrecitals(m); i++) {
		size_t n = suggest_rank_units(c, i, top, 3);
		assert_int_equal(n, suggest_nunits(m) < 3 ? suggest_nunits(m) : 3);
		for (size_t k = 1; k < n; k++) {
			assert_true(suggest_score(c, i, top[k - 1]) >= suggest_score(c, i, top[k]));
			assert_true(top[k] != top[k - 1]);
		}
		for (size_t j = 0; j < suggest_nunits(m); j++) {
			assert_int_equal(suggest_score(m, i, j), suggest_score(u, i, j));
			assert_true(suggest_score(c, i, j) <= suggest_score(m, i, j));
		}
	}
	/* rec-2 cites art-3: a citation is always scored, budget or not */
	assert_true(suggest_score(c, suggest_find_recital(c, "rec-2"), suggest_find_unit(c, "art-3")) >=
	            (unsigned)(tight.w_cite * 1000));
	suggest_model_free(m);
	suggest_model_free(u);
	suggest_model_free(c);
}

static void test_deterministic(void **state)
{
	fx *t = *state;
	xmlDocPtr a = xmlCopyDoc(t->doc, 1), b = xmlCopyDoc(t->doc, 1);
	suggest_model *ma = suggest_compute(a, t->w, &t->p), *mb = suggest_compute(b, t->w, &t->p);
	char *sa, *sb;
	suggest_emit(a, ma);
	suggest_emit(b, mb);
	sa = serialise(a);
	sb = serialise(b);
	assert_string_equal(sa, sb);
	free(sa);
	free(sb);
	suggest_model_free(ma);
	suggest_model_free(mb);
	xmlFreeDoc(a);
	xmlFreeDoc(b);
}

/* suggests edges are not relations: links leaves them out (unless asked), the
 * product assessment's index does not read them */
static void test_suggests_are_not_relations(void **state)
{
	fx *t = *state;
	xmlDocPtr bare = without_edges(t->doc);
	suggest_model *m = suggest_compute(bare, t->w, &t->p);
	char *s = NULL;
	size_t len = 0;
	FILE *f;
	gindex g;
	assert_true(suggest_emit(bare, m) > 0);
	f = open_memstream(&s, &len);
	assert_int_equal(graph_print_links(bare, "rec-2", f), 0);
	assert_true(graph_print_suggested(bare, "rec-2", f) > 0);
	fclose(f);
	assert_true(!strncmp(s, "suggests\trec-2\tart-3\tr/2.md:2\t0.", 31));
	assert_non_null(strstr(s, "\tcites: art-3.1; terms: widget maker; words: "));
	free(s);
	assert_int_equal(gindex_init(&g, bare, "t.xml", &t->d), 0);
	assert_int_equal(g.nrel, 0);
	gindex_free(&g);
	suggest_model_free(m);
	xmlFreeDoc(bare);
}

/* ---- relations.xml ---- */

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static size_t count_edges(regulation *r, const char *kind)
{
	size_t n = 0;
	for (xmlNodePtr e = r->edges->children; e; e = e->next) {
		xmlChar *k = xmlGetProp(e, (const xmlChar *)"kind");
		n += k && !strcmp((char *)k, kind);
		xmlFree(k);
	}
	return n;
}

/* mini's pages; then relations.xml from t->dir */
static void load_with_relations(fx *t, regulation *r, const char *xml)
{
	char path[128];
	assert_int_equal(regulation_load(MINI, SOURCE_DIR, r, &t->d), 0);
	assert_int_equal(t->d.errors, 0);
	free(r->dir);
	r->dir = strdup(t->dir);
	snprintf(path, sizeof path, "%s/" RELATIONS_FILE, t->dir);
	if (xml)
		write_file(path, xml);
}

static void test_relations_file(void **state)
{
	fx *t = *state;
	regulation r;
	size_t before;
	char *s, expect[256];
	load_with_relations(t, &r,
		"<?xml version=\"1.0\"?>\n"
		"<relations>\n"
		"  <source name=\"Test mapping\" href=\"https://example.org/\">\n"
		"    <relation recital=\"rec-1\" to=\"art-2\"/>\n"
		"    <relation recital=\"rec-3\" to=\"art-4\"/>\n" /* the pages give it */
		"  </source>\n"
		"</relations>\n");
	before = count_edges(&r, "relates-to");
	assert_int_equal(relations_load(&r, SOURCE_DIR, &t->d), 0);
	assert_string_equal(diags(t), "");
	assert_int_equal(count_edges(&r, "relates-to"), before + 2);
	{
		xmlChar *mem = NULL;
		int len = 0;
		xmlDocDumpMemory(r.doc, &mem, &len);
		s = (char *)mem;
	}
	snprintf(expect, sizeof expect,
	         "<edge kind=\"relates-to\" from=\"rec-1\" to=\"art-2\" source=\"Test mapping\" "
	         "src=\"%s/relations.xml\" line=\"4\"/>", t->dir);
	assert_non_null(strstr(s, expect));
	snprintf(expect, sizeof expect,
	         "<edge kind=\"relates-to\" from=\"art-2\" to=\"rec-1\" source=\"Test mapping\" "
	         "src=\"%s/relations.xml\" line=\"4\"/>", t->dir);
	assert_non_null(strstr(s, expect));
	assert_null(strstr(s, "from=\"rec-3\" to=\"art-4\" source="));
	xmlFree(s);
	/* the graph with a sourced edge validates */
	{
		link_stats st;
		assert_int_equal(link_resolve(&r, &st, &t->d), 0);
		assert_int_equal(graph_check(r.doc, GRAPH_RNG, "mini", &t->d), 0);
	}
	regulation_free(&r);
}

static void test_relations_errors(void **state)
{
	fx *t = *state;
	regulation r;
	char expect[512];
	load_with_relations(t, &r,
		"<relations>\n"
		"  <source name=\"Test\">\n"
		"    <relation recital=\"art-1\" to=\"art-2\"/>\n"
		"    <relation recital=\"rec-1\" to=\"rec-2\"/>\n"
		"    <relation recital=\"rec-9\" to=\"art-2\"/>\n"
		"  </source>\n"
		"</relations>\n");
	assert_int_equal(relations_load(&r, SOURCE_DIR, &t->d), -1);
	snprintf(expect, sizeof expect,
	         "%s/relations.xml:3: error: art-1 is not a recital of this regulation\n"
	         "%s/relations.xml:4: error: rec-2 is not an article or annex of this regulation\n"
	         "%s/relations.xml:5: error: rec-9 is not a recital of this regulation\n",
	         t->dir, t->dir, t->dir);
	assert_string_equal(diags(t), expect);
	regulation_free(&r);
}

static void test_relations_schema(void **state)
{
	fx *t = *state;
	regulation r;
	load_with_relations(t, &r, "<relations>\n  <relation recital=\"rec-1\" to=\"art-2\"/>\n</relations>\n");
	assert_int_equal(relations_load(&r, SOURCE_DIR, &t->d), -1);
	assert_non_null(strstr(diags(t), "/relations.xml:2: error: "));
	regulation_free(&r);
}

static void test_relations_absent(void **state)
{
	fx *t = *state;
	regulation r;
	size_t before;
	load_with_relations(t, &r, NULL);
	before = count_edges(&r, "relates-to");
	assert_int_equal(relations_load(&r, SOURCE_DIR, &t->d), 0);
	assert_int_equal(count_edges(&r, "relates-to"), before);
	assert_string_equal(diags(t), "");
	regulation_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_words, setup, teardown),
		cmocka_unit_test_setup_teardown(test_words_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scorer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_evidence, setup, teardown),
		cmocka_unit_test_setup_teardown(test_relations_are_not_an_input, setup, teardown),
		cmocka_unit_test_setup_teardown(test_emit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_k_and_min_score, setup, teardown),
		cmocka_unit_test_setup_teardown(test_budget, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deterministic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_suggests_are_not_relations, setup, teardown),
		cmocka_unit_test_setup_teardown(test_relations_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_relations_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_relations_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(test_relations_absent, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
