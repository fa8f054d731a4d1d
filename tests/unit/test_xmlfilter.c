/*
 * test_xmlfilter.c - the filtered read of util/xmlsafe (xmlsafe_read_file_filtered, what
 * the products page reads of every assessment.xml, render/products.c):
 *   - what the filter keeps is built exactly as a whole read builds it (same
 *     serialisation, same line numbers), what it drops is absent, an emptied element
 *     keeps its attributes and nothing of its content; the tree is the file's with the
 *     dropped parts cut out of its text;
 *   - the filter is asked about the children of the elements it asks to see, with their
 *     depth and namespace, and about nothing inside a dropped, emptied or whole one;
 *   - what is not built is still parsed: a file that is not well-formed, or nests too
 *     deep, inside a dropped element is refused with the diagnostic of a whole read
 *     (file and line), and a DOCTYPE declaring entities or naming an external DTD is
 *     refused: nothing declared, expanded or loaded.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/fsio.h"
#include "util/xmlsafe.h"

/* An assessment as regdoc writes one, in small: the page keeps product, conclusions and
 * combined whole, documentation empty, and drops the rest. */
static const char ASSESSMENT[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                       /* 1 */
    "<!-- before the root -->\n"                                          /* 2 */
    "<assessment regulation=\"ai-act\" generator=\"regdoc\">\n"           /* 3 */
    "  <law regulation=\"ai-act\" version=\"2026-07-27\"/>\n"             /* 4 */
    "  <product id=\"p\" src=\"a &amp; b.xml\">\n"                        /* 5 */
    "    <name>Ask<b>Helio</b> &#233; &lt;chat&gt;</name>\n"              /* 6 */
    "    <!-- kept: inside a whole element -->\n"                         /* 7 */
    "    <version><![CDATA[2.1 <x>]]></version>\n"                        /* 8 */
    "  </product>\n"                                                      /* 9 */
    "  <facts><fact name=\"id\" value=\"p\"/></facts>\n"                  /* 10 */
    "  <conclusions>\n"                                                   /* 11 */
    "    <conclusion name=\"risk\" value=\"high-risk\" label=\"High\"/>\n" /* 12 */
    "  </conclusions>\n"                                                  /* 13 */
    "  <combined regulation=\"cra\"><x:y xmlns:x=\"urn:x\">z</x:y></combined>\n" /* 14 */
    "  <checklist>\n"                                                     /* 15 */
    "    <item id=\"i1\"><text>Do <em>this</em></text><!-- gone --></item>\n" /* 16 */
    "    <?gone too?>\n"                                                  /* 17 */
    "  </checklist>\n"                                                    /* 18 */
    "  <documentation file=\"annex-iv\">\n"                               /* 19 */
    "    <point id=\"anx-4.1\">text</point>\n"                            /* 20 */
    "  </documentation>\n"                                                /* 21 */
    "</assessment>\n";                                                    /* 22 */

/* The same with what the page's filter leaves out cut out of the text. */
static const char ASSESSMENT_CUT[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!-- before the root -->\n"
    "<assessment regulation=\"ai-act\" generator=\"regdoc\">\n"
    "  \n"
    "  <product id=\"p\" src=\"a &amp; b.xml\">\n"
    "    <name>Ask<b>Helio</b> &#233; &lt;chat&gt;</name>\n"
    "    <!-- kept: inside a whole element -->\n"
    "    <version><![CDATA[2.1 <x>]]></version>\n"
    "  </product>\n"
    "  \n"
    "  <conclusions>\n"
    "    <conclusion name=\"risk\" value=\"high-risk\" label=\"High\"/>\n"
    "  </conclusions>\n"
    "  <combined regulation=\"cra\"><x:y xmlns:x=\"urn:x\">z</x:y></combined>\n"
    "  \n"
    "  <documentation file=\"annex-iv\"></documentation>\n"
    "</assessment>\n";

/* What the filter was asked, one "depth:name[ ns]" a line. */
typedef struct asked {
	buf log;
} asked;

static xmlsafe_keep page_keeps(void *user, int depth, const xmlChar *name, const xmlChar *ns)
{
	const char *n = (const char *)name;
	asked *a = user;
	if (a)
		buf_printf(&a->log, "%d:%s%s%s\n", depth, n, ns ? " " : "", ns ? (const char *)ns : "");
	if (!strcmp(n, "product") || !strcmp(n, "conclusions") || !strcmp(n, "combined"))
		return XMLSAFE_WHOLE;
	return strcmp(n, "documentation") ? XMLSAFE_DROP : XMLSAFE_EMPTY;
}

/* Parse xml as "p.xml" (keep NULL: a whole read); what the diagnostics said in *said. */
static xmlDocPtr parse(const char *xml, xmlsafe_filter keep, void *user, char **said)
{
	size_t n = 0;
	FILE *f = open_memstream(said, &n);
	diag d;
	xmlDocPtr doc;
	assert_non_null(f);
	diag_init(&d, f);
	doc = xmlsafe_read_memory_filtered(xml, strlen(xml), "p.xml", keep, user, &d);
	fclose(f);
	if (!doc)
		assert_true(d.errors > 0);
	return doc;
}

static char *dump(xmlDocPtr doc)
{
	xmlChar *s = NULL;
	int n = 0;
	xmlDocDumpMemory(doc, &s, &n);
	assert_non_null(s);
	return (char *)s;
}

static xmlNodePtr child(xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr c = parent->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, name))
			return c;
	return NULL;
}

/* The subtree under el, serialised. */
static char *dump_node(xmlNodePtr el)
{
	xmlBufferPtr b = xmlBufferCreate();
	char *s;
	assert_non_null(b);
	assert_true(xmlNodeDump(b, el->doc, el, 0, 0) >= 0);
	s = strdup((const char *)xmlBufferContent(b));
	xmlBufferFree(b);
	return s;
}

/* Every element under a and b has the same line, in document order. */
static void same_lines(xmlNodePtr a, xmlNodePtr b)
{
	for (; a && b; a = a->next, b = b->next) {
		assert_int_equal(a->type, b->type);
		if (a->type == XML_ELEMENT_NODE) {
			assert_int_equal(xmlGetLineNo(a), xmlGetLineNo(b));
			same_lines(a->children, b->children);
		}
	}
	assert_null(a);
	assert_null(b);
}

static void test_kept_exact(void **state)
{
	char *said_f = NULL, *said_w = NULL, *said_c = NULL;
	xmlDocPtr filtered = parse(ASSESSMENT, page_keeps, NULL, &said_f);
	xmlDocPtr whole = parse(ASSESSMENT, NULL, NULL, &said_w);
	xmlDocPtr cut = parse(ASSESSMENT_CUT, NULL, NULL, &said_c);
	xmlNodePtr fr, wr;
	char *a, *b;
	(void)state;
	assert_non_null(filtered);
	assert_non_null(whole);
	assert_non_null(cut);
	assert_string_equal(said_f, "");
	/* the tree is the file's with the dropped parts cut out of its text */
	a = dump(filtered);
	b = dump(cut);
	assert_string_equal(a, b);
	xmlFree(a);
	xmlFree(b);
	/* each kept subtree as a whole read builds it, with the file's line numbers */
	fr = xmlDocGetRootElement(filtered);
	wr = xmlDocGetRootElement(whole);
	assert_int_equal(xmlGetLineNo(fr), 3);
	for (const char *const *k = (const char *const[]){"product", "conclusions", "combined", NULL};
	     *k; k++) {
		xmlNodePtr fe = child(fr, *k), we = child(wr, *k);
		assert_non_null(fe);
		assert_non_null(we);
		a = dump_node(fe);
		b = dump_node(we);
		assert_string_equal(a, b);
		free(a);
		free(b);
		assert_int_equal(xmlGetLineNo(fe), xmlGetLineNo(we));
		same_lines(fe->children, we->children);
	}
	assert_int_equal(xmlGetLineNo(child(fr, "conclusions")), 11);
	free(said_f);
	free(said_w);
	free(said_c);
	xmlFreeDoc(filtered);
	xmlFreeDoc(whole);
	xmlFreeDoc(cut);
}

static void test_dropped_absent(void **state)
{
	char *said = NULL;
	xmlDocPtr doc = parse(ASSESSMENT, page_keeps, NULL, &said);
	xmlNodePtr root, docu;
	xmlChar *file;
	(void)state;
	assert_non_null(doc);
	root = xmlDocGetRootElement(doc);
	assert_null(child(root, "law"));
	assert_null(child(root, "facts"));
	assert_null(child(root, "checklist"));
	/* nothing of the checklist anywhere: not its elements, comment or PI */
	{
		char *s = dump(doc);
		assert_null(strstr(s, "item"));
		assert_null(strstr(s, "gone"));
		assert_null(strstr(s, "anx-4.1"));
		xmlFree(s);
	}
	/* documentation: its attribute, none of its content, its line */
	docu = child(root, "documentation");
	assert_non_null(docu);
	assert_null(docu->children);
	file = xmlGetProp(docu, (const xmlChar *)"file");
	assert_string_equal((const char *)file, "annex-iv");
	xmlFree(file);
	assert_int_equal(xmlGetLineNo(docu), 19);
	free(said);
	xmlFreeDoc(doc);
}

/* The filter: asked about the root's children only (the page keeps them whole, empty
 * or not at all), then, when it asks to see an element, about that element's children. */
static xmlsafe_keep nested_keeps(void *user, int depth, const xmlChar *name, const xmlChar *ns)
{
	asked *a = user;
	const char *n = (const char *)name;
	buf_printf(&a->log, "%d:%s%s%s\n", depth, n, ns ? " " : "", ns ? (const char *)ns : "");
	if (!strcmp(n, "checklist"))
		return XMLSAFE_ASK;
	if (!strcmp(n, "item"))
		return XMLSAFE_ASK;
	if (!strcmp(n, "text"))
		return XMLSAFE_EMPTY;
	return XMLSAFE_DROP;
}

static void test_asked(void **state)
{
	asked a;
	char *said = NULL, *s;
	xmlDocPtr doc;
	(void)state;
	buf_init(&a.log);
	doc = parse(ASSESSMENT, page_keeps, &a, &said);
	assert_non_null(doc);
	assert_string_equal(said, "");
	assert_string_equal(a.log.s, "1:law\n1:product\n1:facts\n1:conclusions\n1:combined\n"
	                             "1:checklist\n1:documentation\n");
	xmlFreeDoc(doc);
	free(said);
	buf_free(&a.log);

	buf_init(&a.log);
	doc = parse("<r><checklist a=\"1\">t<item id=\"i\"><text>x<em>y</em></text>"
	            "<q:n xmlns:q=\"urn:q\"><m/></q:n>tail</item></checklist><law/></r>",
	            nested_keeps, &a, &said);
	assert_non_null(doc);
	assert_string_equal(a.log.s, "1:checklist\n2:item\n3:text\n3:n urn:q\n1:law\n");
	s = dump(doc);
	assert_non_null(strstr(s, "<r><checklist a=\"1\">t<item id=\"i\"><text/>tail</item>"
	                          "</checklist></r>"));
	xmlFree(s);
	xmlFreeDoc(doc);
	free(said);
	buf_free(&a.log);

	/* an undeclared prefix (an error) stays in the name, as in the tree */
	buf_init(&a.log);
	doc = parse("<r><f:law/></r>", nested_keeps, &a, &said);
	assert_non_null(doc);
	assert_string_equal(a.log.s, "1:f:law\n");
	assert_non_null(strstr(said, "p.xml:1: error: <f:law> uses the prefix f:"));
	xmlFreeDoc(doc);
	free(said);
	buf_free(&a.log);
}

/* xml read filtered and whole: both refused, with the same diagnostics, and those are
 * want (one "p.xml:LINE: error: ..." line starting so). */
static void refused_alike(const char *xml, const char *want)
{
	char *said_f = NULL, *said_w = NULL;
	xmlDocPtr f = parse(xml, page_keeps, NULL, &said_f);
	xmlDocPtr w = parse(xml, NULL, NULL, &said_w);
	assert_null(f);
	assert_null(w);
	assert_string_equal(said_f, said_w);
	if (strncmp(said_f, want, strlen(want)) != 0)
		fail_msg("said \"%s\", expected it to start \"%s\"", said_f, want);
	assert_non_null(strchr(said_f, '\n'));
	assert_string_equal(strchr(said_f, '\n'), "\n"); /* one diagnostic */
	free(said_f);
	free(said_w);
}

static void test_malformed_in_dropped(void **state)
{
	(void)state;
	/* an element left open inside the dropped checklist */
	refused_alike("<assessment>\n  <product/>\n  <checklist>\n    <item>\n"
	              "  </checklist>\n  <documentation file=\"x\"/>\n</assessment>\n",
	              "p.xml:5: error: </checklist> where </item> was expected");
	/* an attribute without quotes inside documentation, which is built empty */
	refused_alike("<assessment>\n<documentation file=\"x\">\n<point id=p/>\n"
	              "</documentation>\n</assessment>\n",
	              "p.xml:3: error: ");
	/* a character reference to a character XML does not allow, inside a dropped part */
	refused_alike("<assessment>\n<trace>&#1;</trace>\n</assessment>\n", "p.xml:2: error: ");
	/* an undeclared entity, inside a dropped part */
	refused_alike("<assessment>\n<trace>\n&ext;</trace>\n</assessment>\n", "p.xml:3: error: ");
	/* the file ends inside a dropped part */
	refused_alike("<assessment>\n<trace>\n<step>", "p.xml:3: error: ");
}

static void test_dtd_refused(void **state)
{
	char *said = NULL;
	xmlDocPtr doc;
	(void)state;
	/* an internal entity, used only in a dropped part: refused, not expanded */
	refused_alike("<?xml version=\"1.0\"?>\n<!DOCTYPE assessment [\n"
	              "<!ENTITY big \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\">\n]>\n"
	              "<assessment><checklist>&big;&big;</checklist><product/></assessment>\n",
	              "p.xml:3: error: DOCTYPE with entity declarations or an external DTD is "
	              "refused");
	/* an external entity (a local file that exists): refused, never read */
	refused_alike("<!DOCTYPE assessment [\n<!ENTITY pw SYSTEM \"file:///etc/passwd\">\n]>\n"
	              "<assessment><product>&pw;</product></assessment>\n",
	              "p.xml:2: error: DOCTYPE with entity declarations or an external DTD is "
	              "refused");
	/* an external DTD: refused, never loaded */
	refused_alike("<!DOCTYPE assessment SYSTEM \"http://example.invalid/a.dtd\">\n"
	              "<assessment><product/></assessment>\n",
	              "p.xml:1: error: DOCTYPE with entity declarations or an external DTD is "
	              "refused");
	/* a DOCTYPE declaring nothing is no harm, as in a whole read */
	doc = parse("<!DOCTYPE assessment>\n<assessment><product>p</product></assessment>\n",
	            page_keeps, NULL, &said);
	assert_non_null(doc);
	assert_string_equal(said, "");
	free(said);
	xmlFreeDoc(doc);
}

static void test_too_deep_in_dropped(void **state)
{
	buf b;
	char want[128];
	(void)state;
	buf_init(&b);
	buf_puts(&b, "<assessment>\n<product/>\n<checklist>\n");
	for (int i = 0; i < XMLSAFE_MAX_DEPTH; i++)
		buf_puts(&b, "<d>");
	for (int i = 0; i < XMLSAFE_MAX_DEPTH; i++)
		buf_puts(&b, "</d>");
	buf_puts(&b, "\n</checklist>\n</assessment>\n");
	/* the root, checklist and 128 d: 130 levels, all but two on line 4 */
	snprintf(want, sizeof want,
	         "p.xml:4: error: elements nested deeper than %d levels are refused",
	         XMLSAFE_MAX_DEPTH);
	refused_alike(b.s, want);
	buf_free(&b);
}

/* From a file: the diagnostic names the file. */
static void test_file(void **state)
{
	const char *path = BINARY_DIR "/test_xmlfilter.xml";
	const char *bad = "<assessment>\n<product/>\n<checklist><item></checklist>\n</assessment>\n";
	char *said = NULL, want[512];
	size_t n = 0;
	FILE *f = fopen(path, "w"), *m;
	diag d;
	xmlDocPtr doc;
	(void)state;
	assert_non_null(f);
	assert_int_equal(fwrite(bad, 1, strlen(bad), f), strlen(bad));
	fclose(f);
	m = open_memstream(&said, &n);
	assert_non_null(m);
	diag_init(&d, m);
	doc = xmlsafe_read_file_filtered(path, page_keeps, NULL, &d);
	fclose(m);
	assert_null(doc);
	snprintf(want, sizeof want, "%s:3: error: ", path);
	assert_int_equal(strncmp(said, want, strlen(want)), 0);
	free(said);
	remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kept_exact),
		cmocka_unit_test(test_dropped_absent),
		cmocka_unit_test(test_asked),
		cmocka_unit_test(test_malformed_in_dropped),
		cmocka_unit_test(test_dtd_refused),
		cmocka_unit_test(test_too_deep_in_dropped),
		cmocka_unit_test(test_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
