/*
 * test_reload.c - ingest/reload: a graph written by the graph writer (graph/graph.c,
 * indented) and read back is the document that was written, node for node: the
 * writer's indentation removed, text of the document's own (mixed content, whitespace
 * between inline elements, a text that looks like indentation) kept; a document that
 * is not the regulation's graph refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>

#include "graph/graph.h"
#include "ingest/reload.h"
#include "util/fsio.h"

static xmlNodePtr el(xmlNodePtr parent, const char *name, const char *text)
{
	return xmlNewChild(parent, NULL, (const xmlChar *)name, (const xmlChar *)text);
}

static void text(xmlNodePtr parent, const char *t)
{
	xmlAddChild(parent, xmlNewText((const xmlChar *)t));
}

/* a graph-like document with every case: indented levels deeper than the writer's
 * 30, mixed content, whitespace-only text of its own */
static xmlDocPtr sample(const char *id)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root = xmlNewDocNode(doc, NULL, (const xmlChar *)"regulation", NULL);
	xmlNodePtr art, p, deep;
	xmlDocSetRootElement(doc, root);
	xmlNewProp(root, (const xmlChar *)"id", (const xmlChar *)id);
	el(root, "title", "A title");
	art = el(root, "article", NULL);
	xmlNewProp(art, (const xmlChar *)"id", (const xmlChar *)"art-1");
	p = el(art, "p", NULL);
	text(p, "Text ");
	el(p, "ref", "b");
	text(p, " ");
	el(p, "ref", "c");
	p = el(art, "p", NULL); /* whitespace between elements only: the writer keeps it */
	el(p, "ref", "d");
	text(p, "\n  ");
	el(p, "ref", "e");
	p = el(art, "p", NULL); /* a text that looks like the indentation */
	text(p, "\n      ");
	p = el(art, "p", NULL); /* below mixed content nothing is indented */
	text(p, "x");
	deep = el(el(p, "b", NULL), "i", NULL);
	el(deep, "u", "y");
	el(deep, "u", "z");
	xmlAddChild(art, xmlNewComment((const xmlChar *)" a comment "));
	deep = art;
	for (int i = 0; i < 40; i++)
		deep = el(deep, "d", NULL);
	el(deep, "leaf", "deepest");
	el(deep, "leaf", NULL);
	el(el(root, "edges", NULL), "edge", NULL);
	return doc;
}

static char *dump(xmlDocPtr doc)
{
	xmlChar *s = NULL;
	int n = 0;
	char *out;
	xmlDocDumpMemory(doc, &s, &n); /* not indented: every text node as it is */
	out = strndup((const char *)s, (size_t)n);
	xmlFree(s);
	return out;
}

/* doc as graph_write writes it, read back into a regulation of id (version: none) */
static int round_trip(xmlDocPtr doc, const char *id, regulation *r, char **written)
{
	char path[] = "/tmp/regdoc-test-reload.XXXXXX";
	char *file, *buf = NULL;
	size_t len = 0;
	diag d;
	int rc;
	diag_init(&d, NULL);
	assert_non_null(mkdtemp(path));
	file = fsio_join(path, "graph.xml");
	assert_int_equal(graph_write(doc, file, &d), 0);
	assert_int_equal(fsio_read_file(file, 1u << 24, &buf, &len, &d), 0);
	memset(r, 0, sizeof *r);
	r->m.id = strdup(id);
	rc = regulation_reload(r, buf, len, "graph.xml", &d);
	*written = buf;
	remove(file);
	remove(path);
	free(file);
	return rc;
}

static void test_same_document(void **state)
{
	xmlDocPtr doc = sample("x");
	regulation r;
	char *written, *a, *b;
	(void)state;
	assert_int_equal(round_trip(doc, "x", &r, &written), 0);
	assert_non_null(strstr(written, "\n  <title>")); /* the writer did indent */
	assert_non_null(r.doc);
	assert_string_equal((const char *)r.edges->name, "edges");
	assert_null(r.doc->URL);
	assert_null(r.doc->encoding);
	a = dump(doc);
	b = dump(r.doc);
	assert_string_equal(a, b);
	free(a);
	free(b);
	free(written);
	regulation_free(&r);
	xmlFreeDoc(doc);
}

static void test_refused(void **state)
{
	xmlDocPtr doc = sample("x");
	regulation r;
	char *written;
	diag d;
	(void)state;
	/* another regulation's graph */
	assert_int_equal(round_trip(doc, "y", &r, &written), -1);
	assert_null(r.doc);
	free(written);
	regulation_free(&r);
	/* not well-formed, no <edges>, another root */
	diag_init(&d, NULL);
	memset(&r, 0, sizeof r);
	r.m.id = strdup("x");
	assert_int_equal(regulation_reload(&r, "<regulation id=\"x\">", 19, "g", &d), -1);
	assert_int_equal(regulation_reload(&r, "<regulation id=\"x\"/>", 20, "g", &d), -1);
	assert_int_equal(regulation_reload(&r, "<graph id=\"x\"><edges/></graph>", 30, "g", &d), -1);
	/* a namespace (the graph stage makes none): an attribute named xml:lang would
	 * come back in the XML namespace */
	assert_int_equal(regulation_reload(&r, "<regulation id=\"x\"><p xml:lang=\"en\"/><edges/></regulation>",
	                                   58, "g", &d), -1);
	/* a graph of a version where none is expected */
	assert_int_equal(
	    regulation_reload(&r, "<regulation id=\"x\" version=\"v\"><edges/></regulation>", 52, "g", &d),
	    -1);
	assert_null(r.doc);
	assert_int_equal(regulation_reload(&r, "<regulation id=\"x\"><edges/></regulation>", 40, "g", &d), 0);
	assert_non_null(r.doc);
	regulation_free(&r);
	xmlFreeDoc(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_document),
		cmocka_unit_test(test_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
