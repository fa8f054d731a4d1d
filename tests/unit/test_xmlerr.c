/*
 * test_xmlerr.c - a file that is not well-formed XML gets one diagnostic, at the line
 * of the fault, in the writer's terms (util/xmlerr.c), through the parser every input
 * goes through (util/xmlsafe.c): never libxml2's own sentence, and never the echoes
 * libxml2 2.9 adds after its first fatal error.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/diag.h"
#include "util/xmlsafe.h"

/* What parsing xml as "p.xml" prints (NULL document expected unless ok). */
static char *parsed(const char *xml, int ok)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	diag d;
	xmlDocPtr doc;
	assert_non_null(f);
	diag_init(&d, f);
	doc = xmlsafe_read_memory(xml, strlen(xml), "p.xml", &d);
	if (ok)
		assert_non_null(doc);
	else
		assert_null(doc);
	xmlFreeDoc(doc);
	fclose(f);
	return s;
}

/* parsing xml prints exactly one line: "p.xml:LINE: error: " want */
static void says(const char *xml, unsigned line, const char *want)
{
	char expect[512];
	char *got = parsed(xml, 0);
	snprintf(expect, sizeof expect, "p.xml:%u: error: %s\n", line, want);
	assert_string_equal(got, expect);
	free(got);
}

static void test_structure(void **state)
{
	(void)state;
	says("", 1, "the file is empty: an XML document was expected");
	says("product", 1, "this is not XML: the file must start with '<' (its first element, "
	                   "or <?xml version=\"1.0\"?>)");
	says("<product>\n<name>HireRank\n</product>", 3,
	     "</product> where </name> was expected: <name> (opened on line 2) must be "
	     "closed first");
	says("<product>\n<name>HireRank", 2,
	     "the file ends before <name> (opened on line 2) is closed: add </name>");
	says("<product/>\n<name/>", 2, "text after the last element has closed: an XML file "
	                               "has one outermost element, and everything else goes "
	                               "inside it");
	says("<product\n<name/></product>", 2,
	     "a tag is not closed before what follows it (a '>' missing?)");
	says(" <?xml version=\"1.0\"?><product/>", 1,
	     "<?xml ...?> must be the very first thing in the file, with nothing before it "
	     "(not even a space)");
}

static void test_text(void **state)
{
	(void)state;
	says("<name>R&D</name>", 1, "'&' starts an entity reference that never ends with ';': "
	                            "write a lone '&' as &amp;");
	says("<name>R & D</name>", 1,
	     "'&' that does not start an entity reference: write a lone '&' as &amp;");
	says("<name>a&nbsp;b</name>", 1,
	     "&nbsp; is not an XML entity (XML has only &amp; &lt; &gt; &quot; &apos;): write "
	     "the character itself, or its number as &#NNN;");
	says("<name>\n1 < 2</name>", 2,
	     "'<' that does not start an element: write a '<' in text as &lt;");
	says("<name>a]]>b</name>", 1, "']]>' is not allowed in text: write it as ]]&gt;");
	says("<name><!-- a -- b --></name>", 1,
	     "'--' inside a comment <!-- ... -->: XML does not allow it");
}

static void test_attributes(void **state)
{
	(void)state;
	says("<p id='a' id='b'/>", 1, "attribute id is given twice in the same tag");
	says("<p id=a/>", 1, "an attribute's value must be in quotes: name=\"value\"");
	says("<p id='<'/>", 1, "'<' inside an attribute's value: write it as &lt;");
	says("<p id='a/>", 1, "an attribute's value has no closing quote");
	says("<p id/>", 1, "attribute id has no value: write id=\"...\"");
	says("<p id='a'sme='yes'/>", 1, "a tag's attributes are malformed: each is "
	                                "name=\"value\", separated from the next by a space");
}

static void test_characters(void **state)
{
	(void)state;
	says("<p>\n\xff</p>", 2, "byte 0xFF is not UTF-8 text: save the file as UTF-8");
	says("<p>\x01</p>", 1,
	     "character U+0001 is not allowed in XML (a control character: delete it)");
	says("<p>&#0;</p>", 1,
	     "character U+0000 is not allowed in XML (a control character: delete it)");
}

/* a namespace error is not fatal: the document is read, the error still reported */
static void test_namespace(void **state)
{
	char *got;
	(void)state;
	got = parsed("<p xmlns:a='u'><a:b/><q:c/></p>", 1);
	assert_string_equal(got, "p.xml:1: error: <q:c> uses the prefix q:, which no "
	                         "xmlns:q=\"...\" declares\n");
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_structure),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_attributes),
		cmocka_unit_test(test_characters),
		cmocka_unit_test(test_namespace),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
