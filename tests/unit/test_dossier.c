/*
 * test_dossier.c - the modules of the dossier (issue 16): util/zipio (a ZIP written
 * from parts reads back, in order, deterministic, the stored entry stored, an oversized
 * member refused), render/package (a package description to a ZIP; a part named with
 * ".." or an absolute path refused), assess/answers (where the answers of a product
 * live; merging: another product's answers refused with file and line, an unknown
 * point a warning, the product's own regulation dropped from a point) and tool/status
 * (answered, missing and to-review counts; complete only when all are answered).
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

#include "assess/answers.h"
#include "render/package.h"
#include "render/partxml.h"
#include "tool/status.h"
#include "util/diag.h"
#include "util/xmlsafe.h"
#include "util/zipio.h"

static char *diag_text;
static size_t diag_len;

static diag quiet_diag(FILE **f)
{
	diag d;
	*f = open_memstream(&diag_text, &diag_len);
	diag_init(&d, *f);
	return d;
}

static void close_diag(FILE *f)
{
	fclose(f);
}

static xmlDocPtr parse(const char *s)
{
	return xmlReadMemory(s, (int)strlen(s), "mem.xml", NULL, XML_PARSE_NONET);
}

static void test_zip_roundtrip(void **state)
{
	FILE *f;
	diag d = quiet_diag(&f);
	zipio_part parts[] = {
		{"mimetype", "application/x-test", 18, 1},
		{"a/b.xml", "<a>one</a>", 10, 0},
		{"c.txt", "two", 3, 0},
	};
	char *z1 = NULL, *z2 = NULL, *m = NULL;
	size_t n1 = 0, n2 = 0, ml = 0;
	char path[] = "/tmp/regdoc-test-zip.XXXXXX";
	int fd;
	(void)state;
	assert_int_equal(zipio_write_memory(parts, 3, 1767225600, "t", &z1, &n1, &d), 0);
	assert_int_equal(zipio_write_memory(parts, 3, 1767225600, "t", &z2, &n2, &d), 0);
	/* deterministic: same bytes twice */
	assert_int_equal(n1, n2);
	assert_memory_equal(z1, z2, n1);
	/* the first entry's name right after the first local header (30 bytes), stored
	 * (compression method 0 at offset 8) */
	assert_memory_equal(z1, "PK\3\4", 4);
	assert_int_equal(z1[8], 0);
	assert_memory_equal(z1 + 30, "mimetype", 8);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, z1, n1), (ssize_t)n1);
	close(fd);
	assert_int_equal(zipio_read_member(path, "a/b.xml", 100, &m, &ml, &d), 0);
	assert_string_equal(m, "<a>one</a>");
	free(m);
	assert_int_equal(zipio_read_member(path, "nope", 100, &m, &ml, &d), 1);
	/* larger than max: refused unread */
	assert_int_equal(zipio_read_member(path, "a/b.xml", 5, &m, &ml, &d), -1);
	assert_null(m);
	unlink(path);
	free(z1);
	free(z2);
	close_diag(f);
	assert_non_null(strstr(diag_text, "larger than 5 bytes"));
	free(diag_text);
}

static void test_package(void **state)
{
	FILE *f;
	diag d = quiet_diag(&f);
	xmlDocPtr ok = parse("<package xmlns='urn:x-regdoc:package'>"
	                     "<part name='mimetype' store='yes'>text/x</part>"
	                     "<part name='x/doc.xml'><d xmlns='urn:d'><e>&amp;&lt;</e></d></part>"
	                     "</package>");
	xmlDocPtr bad = parse("<package xmlns='urn:x-regdoc:package'>"
	                      "<part name='../evil.xml'><d/></part></package>");
	xmlDocPtr abs = parse("<package xmlns='urn:x-regdoc:package'>"
	                      "<part name='/etc/x'><d/></part></package>");
	char *z = NULL, *m = NULL;
	size_t n = 0, ml = 0;
	char path[] = "/tmp/regdoc-test-pkg.XXXXXX";
	int fd;
	(void)state;
	assert_int_equal(package_zip(ok, 0, "t", &z, &n, &d), 0);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, z, n), (ssize_t)n);
	close(fd);
	/* the part is a document of its own: declaration, its namespace, escaped text */
	assert_int_equal(zipio_read_member(path, "x/doc.xml", 1000, &m, &ml, &d), 0);
	assert_non_null(strstr(m, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
	assert_non_null(strstr(m, "<d xmlns=\"urn:d\"><e>&amp;&lt;</e></d>"));
	free(m);
	assert_int_equal(zipio_read_member(path, "mimetype", 1000, &m, &ml, &d), 0);
	assert_string_equal(m, "text/x");
	free(m);
	unlink(path);
	free(z);
	z = NULL;
	assert_int_equal(package_zip(bad, 0, "t", &z, &n, &d), -1);
	assert_null(z);
	assert_int_equal(package_zip(abs, 0, "t", &z, &n, &d), -1);
	xmlFreeDoc(ok);
	xmlFreeDoc(bad);
	xmlFreeDoc(abs);
	close_diag(f);
	assert_non_null(strstr(diag_text, "without \"..\""));
	free(diag_text);
}

static void test_answers_path(void **state)
{
	char *p = answers_path_for("corpus/ai-act/products/x.xml");
	(void)state;
	assert_string_equal(p, "corpus/ai-act/products/x.answers.xml");
	free(p);
	p = answers_path_for("noext");
	assert_string_equal(p, "noext.answers.xml");
	free(p);
	assert_true(answers_is_answers_file("x.answers.xml"));
	assert_false(answers_is_answers_file("x.xml"));
	assert_false(answers_is_answers_file(".answers.xml"));
}

static const char assessment[] =
	"<assessment regulation='ai-act'><product id='p1'/>"
	"<checklist><group><item id='i1'><title>One</title><provision ref='art-9.1'/></item>"
	"<item id='i2'><title>Two</title><provision ref='art-10.1'/></item></group></checklist>"
	"<documentation><part><point ref='anx-4.1'><point ref='anx-4.1.a'/><point ref='anx-4.1.b'/></point>"
	"<point ref='anx-7.1' regulation='cra'/></part></documentation></assessment>";

static void test_answers_merge(void **state)
{
	FILE *f;
	diag d = quiet_diag(&f);
	xmlDocPtr a = parse(assessment);
	xmlDocPtr mine = parse("<answers product='p1'>\n<point ref='anx-4.1.a' regulation='ai-act'><p>x</p></point>\n"
	                       "<point ref='anx-9.9'><p>y</p></point>\n<item id='i1' status='done'/></answers>");
	xmlDocPtr other = parse("<answers product='p2'/>");
	xmlNodePtr ans;
	(void)state;
	assert_int_equal(answers_merge(a, other, "o.answers.xml", &d), -1);
	assert_int_equal(d.errors, 1);
	assert_int_equal(answers_merge(a, mine, "m.answers.xml", &d), 0);
	assert_int_equal(d.warnings, 1); /* anx-9.9 */
	ans = xmlDocGetRootElement(a)->last;
	assert_string_equal((const char *)ans->name, "answers");
	assert_null(xmlHasProp(ans, (const xmlChar *)"product"));
	/* the product's own regulation is dropped from the point */
	for (xmlNodePtr c = ans->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "point")) {
			assert_null(xmlHasProp(c, (const xmlChar *)"regulation"));
			break;
		}
	xmlFreeDoc(a);
	xmlFreeDoc(mine);
	xmlFreeDoc(other);
	close_diag(f);
	assert_non_null(strstr(diag_text, "o.answers.xml:1: error: these answers are for product \"p2\", not \"p1\""));
	assert_non_null(strstr(diag_text, "m.answers.xml:3: warning: an answer for anx-9.9"));
	free(diag_text);
}

/* anx-4.1.b "changed" since version v1 */
static int changed(void *arg, const char *reg, const char *since, const char *ref)
{
	(void)arg;
	return !strcmp(reg, "ai-act") && !strcmp(since, "v1") && !strcmp(ref, "anx-4.1.b");
}

static void test_status(void **state)
{
	FILE *f;
	diag d = quiet_diag(&f);
	xmlDocPtr a = parse(assessment);
	xmlDocPtr ans = parse("<answers product='p1'><law regulation='ai-act' version='v1'/>"
	                      "<point ref='anx-4.1.a'><p>x</p></point><point ref='anx-4.1.b'><p>y</p></point>"
	                      "<point ref='anx-7.1' regulation='cra'><p> </p></point>"
	                      "<item id='i1' status='done'/><item id='i2' status='in-progress'/></answers>");
	status_counts c;
	char *out = NULL;
	size_t len = 0;
	FILE *o = open_memstream(&out, &len);
	(void)state;
	assert_int_equal(answers_merge(a, ans, "a.xml", &d), 0);
	status_report(a, changed, NULL, o, &c);
	fclose(o);
	assert_int_equal(c.items, 2);
	assert_int_equal(c.items_answered, 1);
	assert_int_equal(c.points, 3); /* the leaves: 4.1.a, 4.1.b, cra 7.1 */
	assert_int_equal(c.points_answered, 2); /* blank text is no answer */
	assert_int_equal(c.review, 1);
	assert_false(status_complete(&c));
	assert_non_null(strstr(out, "review\tpoint\tanx-4.1.b\t"));
	assert_non_null(strstr(out, "missing\titem\ti2\tTwo (in-progress)\n"));
	assert_non_null(strstr(out, "missing\tpoint\tcra:anx-7.1\t"));
	assert_non_null(strstr(out, "p1: 3 of 5 items answered, 1 to review"));
	free(out);
	c.items_answered = c.items;
	c.points_answered = c.points;
	assert_false(status_complete(&c));
	c.review = 0;
	assert_true(status_complete(&c));
	xmlFreeDoc(a);
	xmlFreeDoc(ans);
	close_diag(f);
	free(diag_text);
}

/* Every element child of every <part> of doc written by partxml is what the copy
 * (xmlDocCopyNode, xmlReconciliateNs, xmlSaveDoc) writes, and leaves the document as
 * it was; returns how many of them were written in place. */
static int parts_same_as_copy(const char *xml)
{
	xmlDocPtr doc = parse(xml);
	xmlChar *before = NULL, *after = NULL;
	int nb = 0, na = 0, in_place = 0;
	assert_non_null(doc);
	xmlDocDumpMemory(doc, &before, &nb);
	for (xmlNodePtr p = xmlDocGetRootElement(doc)->children; p; p = p->next)
		for (xmlNodePtr el = p->children; el; el = el->next) {
			char *a, *b;
			size_t la = 0, lb = 0;
			if (el->type != XML_ELEMENT_NODE)
				continue;
			in_place += partxml_in_place(el);
			a = partxml(el, &la);
			b = partxml_copied(el, &lb);
			assert_non_null(a);
			assert_non_null(b);
			assert_string_equal(a, b);
			assert_int_equal(la, lb);
			free(a);
			free(b);
		}
	xmlDocDumpMemory(doc, &after, &na);
	assert_string_equal((const char *)before, (const char *)after);
	xmlFree(before);
	xmlFree(after);
	xmlFreeDoc(doc);
	return in_place;
}

/* render/partxml: a package part written in place is byte for byte what the copy
 * writes, for the shapes the DOCX and ODT stylesheets make (namespaces declared on the
 * package, inside the part, on the part, xml:space, text and attributes beyond ASCII,
 * comments, CDATA) and for those it leaves to the copy (a prefix rebound, a name under
 * two prefixes, a default namespace inside). */
static void test_partxml(void **state)
{
	(void)state;
	/* DOCX: w: and r: declared on the package, used by elements and attributes */
	assert_int_equal(parts_same_as_copy(
	    "<p:package xmlns:p='urn:x-regdoc:package' xmlns:w='urn:w' xmlns:r='urn:r'>"
	    "<p:part name='a'><w:document><w:body><w:p><w:r><w:t xml:space='preserve'> é &amp; "
	    "&lt;x&gt; \xe2\x80\x94</w:t></w:r><w:sectPr r:id='x' w:val='&quot;\xc3\xa9&#10;'/>"
	    "</w:p><!-- c --><?pi x?><w:t><![CDATA[a<b]]></w:t></w:body></w:document></p:part>"
	    "<p:part name='b'><Types xmlns='urn:t'><Default Extension='xml'/></Types></p:part>"
	    "</p:package>"), 2);
	/* ODT: the part declares some, its children declare others (copy-of keeps the
	 * in-scope namespaces), some also used from the package */
	assert_int_equal(parts_same_as_copy(
	    "<p:package xmlns:p='urn:x-regdoc:package' xmlns:o='urn:o' xmlns:s='urn:s'>"
	    "<p:part name='c'><o:doc o:version='1.3'><o:meta xmlns:dc='urn:dc' xmlns:m='urn:m' "
	    "xmlns:o='urn:o'><dc:title>t</dc:title><m:u m:name='n' s:x='1'/></o:meta>"
	    "<o:body xmlns:t='urn:t'><t:p t:style='a'>x<t:s/></t:p><s:y/></o:body></o:doc>"
	    "</p:part></p:package>"), 1);
	/* left to the copy: a prefix bound to another name inside, a name under two
	 * prefixes, a default namespace declared below the part's element */
	assert_int_equal(parts_same_as_copy(
	    "<p:package xmlns:p='urn:x-regdoc:package' xmlns:w='urn:w'>"
	    "<p:part name='d'><w:a><w:b xmlns:w='urn:other'><w:c/></w:b><w:d/></w:a></p:part>"
	    "<p:part name='e'><w:a xmlns:v='urn:w'><v:b/><w:c/></w:a></p:part>"
	    "<p:part name='f'><w:a><b xmlns='urn:b'><c/></b></w:a></p:part>"
	    "</p:package>"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zip_roundtrip), cmocka_unit_test(test_package),
		cmocka_unit_test(test_answers_path),  cmocka_unit_test(test_answers_merge),
		cmocka_unit_test(test_status),
		cmocka_unit_test(test_partxml),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
