/* Tests for src/render/xslt*.c: loading, parameters, secondary documents, and the
 * security rules (no write outside outdir, no directory creation, no network, no
 * entities). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "render/html5.h"
#include "render/xslt.h"
#include "util/buf.h"
#include "util/fsout.h"

#define XSL_HEAD                                                                           \
	"<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"\n" \
	"  xmlns:exsl=\"http://exslt.org/common\" extension-element-prefixes=\"exsl\">\n"
#define XSL_TAIL "</xsl:stylesheet>\n"

struct fx {
	char dir[64];     /* scratch root */
	char out[128];    /* dir/out: the output directory */
	char sheet[128];  /* dir/sheet.xsl */
	xmlDocPtr in;
	diag d;
	char *msgs;
	size_t msgs_len;
	FILE *msgf;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/regdoc-test-xslt-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->out, sizeof f->out, "%s/out", f->dir);
	snprintf(f->sheet, sizeof f->sheet, "%s/sheet.xsl", f->dir);
	if (mkdir(f->out, 0755) != 0)
		return -1;
	f->in = xmlReadMemory("<r><v>x</v></r>", 15, "in.xml", NULL, XML_PARSE_NONET);
	f->msgf = open_memstream(&f->msgs, &f->msgs_len);
	diag_init(&f->d, f->msgf);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	fclose(f->msgf);
	free(f->msgs);
	xmlFreeDoc(f->in);
	fsout_remove_tree(f->dir);
	free(f);
	return 0;
}

static void write_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static char *read_text(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *s;
	long n;
	if (!fp)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	s = malloc((size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, fp), (size_t)n);
	s[n] = '\0';
	fclose(fp);
	return s;
}

static int exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

static const char *messages(struct fx *f)
{
	fflush(f->msgf);
	return f->msgs ? f->msgs : "";
}

/* Load body as the stylesheet and apply it; returns xslt_apply's status. */
static int run(struct fx *f, const char *body, const char *const *params, const char *main_output)
{
	xslt_sheet *s;
	int rc;
	write_text(f->sheet, body);
	s = xslt_sheet_load(f->sheet, &f->d);
	if (!s)
		return -2;
	rc = xslt_apply(s, f->in, params, f->out, main_output, &f->d);
	xslt_sheet_free(s);
	return rc;
}

static void test_main_output_and_params(void **state)
{
	struct fx *f = *state;
	/* a value with both quote kinds is passed as a string, not XPath */
	const char *params[] = {"p", "it's \"quoted\" & <b>", "q", "2+2", NULL};
	char path[512];
	char *got;
	assert_int_equal(run(f, XSL_HEAD
	                     "<xsl:param name=\"p\"/><xsl:param name=\"q\"/>\n"
	                     "<xsl:output method=\"text\"/>\n"
	                     "<xsl:template match=\"/\"><xsl:value-of select=\"concat($p, '|', $q, '|', r/v)\"/></xsl:template>\n"
	                     XSL_TAIL,
	                     params, "main.txt"),
	                 0);
	snprintf(path, sizeof path, "%s/main.txt", f->out);
	got = read_text(path);
	assert_non_null(got);
	assert_string_equal(got, "it's \"quoted\" & <b>|2+2|x");
	free(got);
	assert_int_equal(f->d.errors, 0);
}

static void test_to_memory_and_doc(void **state)
{
	struct fx *f = *state;
	xslt_sheet *s;
	char *out;
	size_t len;
	xmlDocPtr doc;
	write_text(f->sheet, XSL_HEAD "<xsl:output method=\"xml\" omit-xml-declaration=\"yes\"/>\n"
	                              "<xsl:template match=\"/\"><a><xsl:value-of select=\"r/v\"/></a></xsl:template>\n"
	                              XSL_TAIL);
	s = xslt_sheet_load(f->sheet, &f->d);
	assert_non_null(s);
	assert_int_equal(xslt_apply_to_memory(s, f->in, NULL, NULL, &out, &len, &f->d), 0);
	assert_string_equal(out, "<a>x</a>\n");
	assert_int_equal(len, strlen(out));
	free(out);
	doc = xslt_apply_to_doc(s, f->in, NULL, f->out, &f->d);
	assert_non_null(doc);
	assert_string_equal((const char *)xmlDocGetRootElement(doc)->name, "a");
	xmlFreeDoc(doc);
	assert_string_equal(xslt_sheet_path(s), f->sheet);
	xslt_sheet_free(s);
}

/* rd:page (xslt_apply_to_doc_pages): each page reaches the page function with its href
 * and its own content, is freed after, and is not in the principal result; without a
 * page function element-available('rd:page') is false (the fallback runs); a page
 * function that fails stops the transform. */
struct pages_seen {
	char hrefs[256];
	char names[256];
	int fail_at;
	int n;
};

static int page_seen(void *arg, const char *href, xmlNodePtr page, diag *d)
{
	struct pages_seen *ps = arg;
	xmlNodePtr c = page ? page->children : NULL;
	while (c && c->type != XML_ELEMENT_NODE)
		c = c->next;
	ps->n++;
	strncat(ps->hrefs, href, sizeof ps->hrefs - strlen(ps->hrefs) - 2);
	strcat(ps->hrefs, ";");
	strncat(ps->names, c ? (const char *)c->name : "-", sizeof ps->names - strlen(ps->names) - 2);
	if (c && c->children && c->children->content)
		strncat(ps->names, (const char *)c->children->content,
		        sizeof ps->names - strlen(ps->names) - 2);
	strcat(ps->names, ";");
	if (ps->n == ps->fail_at) {
		diag_error(d, href, 0, "page refused");
		return -1;
	}
	return 0;
}

#define PAGES_SHEET                                                                         \
	"<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"\n"   \
	"  xmlns:rd=\"" XSLT_REGDOC_NS "\" extension-element-prefixes=\"rd\">\n"                     \
	"<xsl:template match=\"/\"><site>\n"                                                       \
	"  <xsl:for-each select=\"r/v | r/v\">\n"                                                   \
	"    <xsl:choose><xsl:when test=\"element-available('rd:page')\">\n"                        \
	"      <rd:page href=\"{.}-1.html\"><html><xsl:value-of select=\".\"/></html></rd:page>\n"   \
	"      <rd:page href=\"{.}-2.html\"><body>2</body></rd:page>\n"                              \
	"    </xsl:when><xsl:otherwise><page href=\"{.}.html\"/></xsl:otherwise></xsl:choose>\n"  \
	"  </xsl:for-each><search/></site></xsl:template>\n" XSL_TAIL

static void test_pages_as_they_go(void **state)
{
	struct fx *f = *state;
	struct pages_seen ps;
	xslt_sheet *s;
	xmlDocPtr doc;
	xmlNodePtr c;
	memset(&ps, 0, sizeof ps);
	write_text(f->sheet, PAGES_SHEET);
	s = xslt_sheet_load(f->sheet, &f->d);
	assert_non_null(s);
	doc = xslt_apply_to_doc_pages(s, f->in, NULL, NULL, 0, f->out, page_seen, &ps, &f->d);
	assert_non_null(doc);
	assert_int_equal(ps.n, 2);
	assert_string_equal(ps.hrefs, "x-1.html;x-2.html;");
	assert_string_equal(ps.names, "htmlx;body2;");
	/* the principal result holds no page */
	c = xmlDocGetRootElement(doc)->children;
	while (c && c->type != XML_ELEMENT_NODE)
		c = c->next;
	assert_non_null(c);
	assert_string_equal((const char *)c->name, "search");
	xmlFreeDoc(doc);

	/* no page function: the fallback's <page> elements */
	doc = xslt_apply_to_doc(s, f->in, NULL, f->out, &f->d);
	assert_non_null(doc);
	c = xmlDocGetRootElement(doc)->children;
	while (c && c->type != XML_ELEMENT_NODE)
		c = c->next;
	assert_non_null(c);
	assert_string_equal((const char *)c->name, "page");
	xmlFreeDoc(doc);
	assert_int_equal(f->d.errors, 0);

	/* a page function that fails stops the transform with its diagnostic only */
	memset(&ps, 0, sizeof ps);
	ps.fail_at = 1;
	doc = xslt_apply_to_doc_pages(s, f->in, NULL, NULL, 0, f->out, page_seen, &ps, &f->d);
	assert_null(doc);
	assert_int_equal(ps.n, 1);
	assert_int_equal(f->d.errors, 1);
	assert_non_null(strstr(messages(f), "x-1.html: error: page refused"));
	xslt_sheet_free(s);
}

/* rd:cache: with a page function, the content of a key is built the first time only
 * and put in place, as html5.c writes it, every time (the second page shows what was
 * built for the first); another key builds anew; a cached fragment first in a container
 * keeps the newline after its start tag. Without a page function the fallback builds
 * the content every time. */
static int page_html(void *arg, const char *href, xmlNodePtr page, diag *d)
{
	buf *b = arg;
	xmlNodePtr c = page->children;
	(void)href;
	(void)d;
	while (c && c->type != XML_ELEMENT_NODE)
		c = c->next;
	html5_serialize(c, b);
	return 0;
}

#define CACHE_SHEET                                                                         \
	"<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"\n"   \
	"  xmlns:rd=\"" XSLT_REGDOC_NS "\" extension-element-prefixes=\"rd\">\n"                     \
	"<xsl:template match=\"/\"><site>\n"                                                       \
	"  <xsl:for-each select=\"r/v | r\">\n"                                                     \
	"    <xsl:choose><xsl:when test=\"element-available('rd:page')\">\n"                        \
	"      <rd:page href=\"p{position()}.html\"><html><body>\n"                                 \
	"        <rd:cache key=\"same\"><xsl:fallback><p>built for <xsl:value-of select=\"name()\"/></p>" \
	"</xsl:fallback></rd:cache>\n"                                                              \
	"        <rd:cache key=\"own-{name()}\"><xsl:fallback><i><xsl:value-of select=\"name()\"/></i>" \
	"</xsl:fallback></rd:cache>\n"                                                              \
	"      </body></html></rd:page>\n"                                                          \
	"    </xsl:when><xsl:otherwise><page><rd:cache key=\"same\"><xsl:fallback>"                \
	"<p><xsl:value-of select=\"name()\"/></p></xsl:fallback></rd:cache></page>"                \
	"</xsl:otherwise></xsl:choose>\n"                                                           \
	"  </xsl:for-each><search/></site></xsl:template>\n" XSL_TAIL

static void test_cache(void **state)
{
	struct fx *f = *state;
	xslt_sheet *s;
	xmlDocPtr doc;
	xmlChar *out = NULL;
	int len = 0;
	buf b;
	buf_init(&b);
	write_text(f->sheet, CACHE_SHEET);
	s = xslt_sheet_load(f->sheet, &f->d);
	assert_non_null(s);
	doc = xslt_apply_to_doc_pages(s, f->in, NULL, NULL, 0, f->out, page_html, &b, &f->d);
	assert_non_null(doc);
	assert_false(b.oom);
	assert_string_equal(b.s, "<!DOCTYPE html>\n<html>\n<body>\n<p>built for r</p>\n<i>r</i></body>\n</html>\n"
	                         "<!DOCTYPE html>\n<html>\n<body>\n<p>built for r</p>\n<i>v</i></body>\n</html>\n");
	xmlFreeDoc(doc);

	/* no page function: the fallback, built for each */
	doc = xslt_apply_to_doc(s, f->in, NULL, f->out, &f->d);
	assert_non_null(doc);
	xmlDocDumpMemory(doc, &out, &len);
	assert_non_null(strstr((const char *)out, "<page><p>r</p></page><page><p>v</p></page>"));
	xmlFree(out);
	xmlFreeDoc(doc);
	assert_int_equal(f->d.errors, 0);
	buf_free(&b);
	xslt_sheet_free(s);
}

static void test_exsl_document_inside(void **state)
{
	struct fx *f = *state;
	char path[512];
	char *got;
	assert_int_equal(run(f, XSL_HEAD
	                     "<xsl:template match=\"/\">\n"
	                     "  <exsl:document href=\"page-1.html\" method=\"html\"><p>one</p></exsl:document>\n"
	                     "  <exsl:document href=\"./page-2.txt\" method=\"text\">two</exsl:document>\n"
	                     "  <exsl:document href=\"{concat('page-', 3, '.txt')}\" method=\"text\">three</exsl:document>\n"
	                     "</xsl:template>\n" XSL_TAIL,
	                     NULL, NULL),
	                 0);
	snprintf(path, sizeof path, "%s/page-1.html", f->out);
	got = read_text(path);
	assert_non_null(got);
	assert_non_null(strstr(got, "<p>one</p>"));
	free(got);
	snprintf(path, sizeof path, "%s/page-2.txt", f->out);
	got = read_text(path);
	assert_string_equal(got, "two");
	free(got);
	snprintf(path, sizeof path, "%s/page-3.txt", f->out);
	assert_true(exists(path));
}

static void test_refuses_parent_dir(void **state)
{
	struct fx *f = *state;
	char path[512];
	assert_int_equal(run(f, XSL_HEAD
	                     "<xsl:template match=\"/\">\n"
	                     "  <exsl:document href=\"../escaped.txt\" method=\"text\">bad</exsl:document>\n"
	                     "</xsl:template>\n" XSL_TAIL,
	                     NULL, NULL),
	                 -1);
	snprintf(path, sizeof path, "%s/escaped.txt", f->dir);
	assert_false(exists(path));
	assert_true(f->d.errors > 0);
	/* the diagnostic names the stylesheet and the line of exsl:document */
	assert_non_null(strstr(messages(f), "sheet.xsl:4: error:"));
}

static void test_refuses_absolute_and_file_url(void **state)
{
	struct fx *f = *state;
	char body[1024], path[512];
	snprintf(path, sizeof path, "%s/abs.txt", f->dir);
	snprintf(body, sizeof body,
	         XSL_HEAD "<xsl:template match=\"/\">\n"
	                  "  <exsl:document href=\"%s\" method=\"text\">bad</exsl:document>\n"
	                  "</xsl:template>\n" XSL_TAIL,
	         path);
	assert_int_equal(run(f, body, NULL, NULL), -1);
	assert_false(exists(path));

	snprintf(body, sizeof body,
	         XSL_HEAD "<xsl:template match=\"/\">\n"
	                  "  <exsl:document href=\"file://%s\" method=\"text\">bad</exsl:document>\n"
	                  "</xsl:template>\n" XSL_TAIL,
	         path);
	assert_int_equal(run(f, body, NULL, NULL), -1);
	assert_false(exists(path));

	/* percent-escaped dots are dots too */
	assert_int_equal(run(f, XSL_HEAD "<xsl:template match=\"/\">\n"
	                            "  <exsl:document href=\"%2e%2e/abs.txt\" method=\"text\">bad</exsl:document>\n"
	                            "</xsl:template>\n" XSL_TAIL,
	                     NULL, NULL),
	                 -1);
	assert_false(exists(path));
}

static void test_refuses_main_output_outside(void **state)
{
	struct fx *f = *state;
	char path[512];
	assert_int_equal(run(f, XSL_HEAD "<xsl:output method=\"text\"/>"
	                            "<xsl:template match=\"/\">bad</xsl:template>\n" XSL_TAIL,
	                     NULL, "../main-escaped.txt"),
	                 -1);
	snprintf(path, sizeof path, "%s/main-escaped.txt", f->dir);
	assert_false(exists(path));
}

static void test_refuses_directory_creation(void **state)
{
	struct fx *f = *state;
	char path[512];
	assert_int_equal(run(f, XSL_HEAD
	                     "<xsl:template match=\"/\">\n"
	                     "  <exsl:document href=\"newdir/x.txt\" method=\"text\">bad</exsl:document>\n"
	                     "</xsl:template>\n" XSL_TAIL,
	                     NULL, NULL),
	                 -1);
	snprintf(path, sizeof path, "%s/newdir", f->out);
	assert_false(exists(path));
}

static void test_refuses_symlink_out(void **state)
{
	struct fx *f = *state;
	char link[256], target[256], path[512];
	snprintf(target, sizeof target, "%s/elsewhere", f->dir);
	snprintf(link, sizeof link, "%s/link", f->out);
	assert_int_equal(mkdir(target, 0755), 0);
	assert_int_equal(symlink(target, link), 0);
	assert_int_equal(run(f, XSL_HEAD
	                     "<xsl:template match=\"/\">\n"
	                     "  <exsl:document href=\"link/x.txt\" method=\"text\">bad</exsl:document>\n"
	                     "</xsl:template>\n" XSL_TAIL,
	                     NULL, NULL),
	                 -1);
	snprintf(path, sizeof path, "%s/x.txt", target);
	assert_false(exists(path));

	/* nor through a symlink named like the file */
	snprintf(link, sizeof link, "%s/file.txt", f->out);
	snprintf(target, sizeof target, "%s/victim.txt", f->dir);
	write_text(target, "intact");
	assert_int_equal(symlink(target, link), 0);
	assert_int_equal(run(f, XSL_HEAD
	                     "<xsl:template match=\"/\">\n"
	                     "  <exsl:document href=\"file.txt\" method=\"text\">bad</exsl:document>\n"
	                     "</xsl:template>\n" XSL_TAIL,
	                     NULL, NULL),
	                 -1);
	{
		char *got = read_text(target);
		assert_string_equal(got, "intact");
		free(got);
	}
}

static void test_no_outdir_refuses_writes(void **state)
{
	struct fx *f = *state;
	xslt_sheet *s;
	char *out = NULL;
	size_t len;
	write_text(f->sheet, XSL_HEAD "<xsl:template match=\"/\">\n"
	                              "  <exsl:document href=\"x.txt\" method=\"text\">bad</exsl:document>\n"
	                              "</xsl:template>\n" XSL_TAIL);
	s = xslt_sheet_load(f->sheet, &f->d);
	assert_non_null(s);
	assert_int_equal(xslt_apply_to_memory(s, f->in, NULL, NULL, &out, &len, &f->d), -1);
	assert_null(out);
	assert_false(exists("x.txt"));
	xslt_sheet_free(s);
}

static void test_document_http_fails(void **state)
{
	struct fx *f = *state;
	/* port 9 (discard) on loopback: even if something listened, the read is refused
	 * before any connection is made */
	assert_int_equal(run(f, XSL_HEAD "<xsl:output method=\"text\"/>\n"
	                            "<xsl:template match=\"/\">[<xsl:value-of select=\"document('http://127.0.0.1:9/x.xml')\"/>]</xsl:template>\n"
	                            XSL_TAIL,
	                     NULL, "out.txt"),
	                 -1);
	assert_true(f->d.errors > 0);
	assert_non_null(strstr(messages(f), "http://127.0.0.1:9/x.xml"));
}

static void test_document_local_ok_and_entities_refused(void **state)
{
	struct fx *f = *state;
	char doc_ok[256], doc_bad[256], body[1024], path[512];
	char *got;
	snprintf(doc_ok, sizeof doc_ok, "%s/ok.xml", f->dir);
	snprintf(doc_bad, sizeof doc_bad, "%s/bad.xml", f->dir);
	write_text(doc_ok, "<d>local</d>");
	write_text(doc_bad, "<!DOCTYPE d [<!ENTITY e \"boom\">]><d>&e;</d>");
	snprintf(body, sizeof body,
	         XSL_HEAD "<xsl:output method=\"text\"/>\n"
	                  "<xsl:template match=\"/\"><xsl:value-of select=\"document('%s')\"/></xsl:template>\n" XSL_TAIL,
	         doc_ok);
	assert_int_equal(run(f, body, NULL, "ok.txt"), 0);
	snprintf(path, sizeof path, "%s/ok.txt", f->out);
	got = read_text(path);
	assert_string_equal(got, "local");
	free(got);

	snprintf(body, sizeof body,
	         XSL_HEAD "<xsl:output method=\"text\"/>\n"
	                  "<xsl:template match=\"/\"><xsl:value-of select=\"document('%s')\"/></xsl:template>\n" XSL_TAIL,
	         doc_bad);
	assert_int_equal(run(f, body, NULL, "bad.txt"), -1);
	assert_non_null(strstr(messages(f), "DOCTYPE"));
}

static void test_sheet_with_entities_refused(void **state)
{
	struct fx *f = *state;
	assert_int_equal(run(f, "<!DOCTYPE xsl:stylesheet [<!ENTITY x SYSTEM \"/etc/passwd\">]>\n" XSL_HEAD
	                        "<xsl:template match=\"/\">&x;</xsl:template>\n" XSL_TAIL,
	                     NULL, NULL),
	                 -2);
	assert_true(f->d.errors > 0);
}

static void test_import_with_entities_refused(void **state)
{
	struct fx *f = *state;
	char inc[256], body[1024];
	snprintf(inc, sizeof inc, "%s/inc.xsl", f->dir);
	write_text(inc, "<!DOCTYPE xsl:stylesheet [<!ENTITY x SYSTEM \"/etc/passwd\">]>\n" XSL_HEAD
	                "<xsl:template name=\"t\">&x;</xsl:template>\n" XSL_TAIL);
	snprintf(body, sizeof body, XSL_HEAD "<xsl:include href=\"inc.xsl\"/>\n"
	                                     "<xsl:template match=\"/\"><xsl:call-template name=\"t\"/></xsl:template>\n" XSL_TAIL);
	assert_int_equal(run(f, body, NULL, NULL), -2);
	assert_non_null(strstr(messages(f), "DOCTYPE"));
}

static void test_import_over_network_refused(void **state)
{
	struct fx *f = *state;
	assert_int_equal(run(f, XSL_HEAD "<xsl:import href=\"http://127.0.0.1:9/evil.xsl\"/>\n"
	                                 "<xsl:template match=\"/\"/>\n" XSL_TAIL,
	                     NULL, NULL),
	                 -2);
	assert_non_null(strstr(messages(f), "only local files"));
}

static void test_include_local_ok(void **state)
{
	struct fx *f = *state;
	char inc[256], path[512];
	char *got;
	snprintf(inc, sizeof inc, "%s/inc.xsl", f->dir);
	write_text(inc, XSL_HEAD "<xsl:template name=\"t\">included</xsl:template>\n" XSL_TAIL);
	assert_int_equal(run(f, XSL_HEAD "<xsl:include href=\"inc.xsl\"/><xsl:output method=\"text\"/>\n"
	                                 "<xsl:template match=\"/\"><xsl:call-template name=\"t\"/></xsl:template>\n" XSL_TAIL,
	                     NULL, "inc.txt"),
	                 0);
	snprintf(path, sizeof path, "%s/inc.txt", f->out);
	got = read_text(path);
	assert_string_equal(got, "included");
	free(got);
}

static void test_compile_error_has_line(void **state)
{
	struct fx *f = *state;
	assert_int_equal(run(f, XSL_HEAD "<xsl:template match=\"/\">\n"
	                                 "  <xsl:value-of select=\"1 +\"/>\n"
	                                 "</xsl:template>\n" XSL_TAIL,
	                     NULL, NULL),
	                 -2);
	assert_non_null(strstr(messages(f), "sheet.xsl:4: error:"));
}

static void test_not_well_formed(void **state)
{
	struct fx *f = *state;
	assert_int_equal(run(f, XSL_HEAD "<xsl:template match=\"/\">\n" XSL_TAIL, NULL, NULL), -2);
	assert_true(f->d.errors > 0);
}

static void test_messages(void **state)
{
	struct fx *f = *state;
	assert_int_equal(run(f, XSL_HEAD "<xsl:output method=\"text\"/>\n"
	                                 "<xsl:template match=\"/\">\n"
	                                 "  <xsl:message>warning: just so you know</xsl:message>\n"
	                                 "  <xsl:message>note: fyi</xsl:message>ok</xsl:template>\n" XSL_TAIL,
	                     NULL, "m.txt"),
	                 0);
	assert_int_equal(f->d.warnings, 1);
	assert_int_equal(f->d.errors, 0);
	assert_non_null(strstr(messages(f), "sheet.xsl:5: warning: just so you know"));

	assert_int_equal(run(f, XSL_HEAD "<xsl:template match=\"/\">\n"
	                                 "  <xsl:message terminate=\"yes\">stop here</xsl:message>\n"
	                                 "</xsl:template>\n" XSL_TAIL,
	                     NULL, NULL),
	                 -1);
	assert_non_null(strstr(messages(f), "stop here"));
}

static void test_runtime_error_location(void **state)
{
	struct fx *f = *state;
	assert_int_equal(run(f, XSL_HEAD "<xsl:template match=\"/\">\n"
	                                 "  <xsl:call-template name=\"t\"><xsl:with-param name=\"x\" select=\"1\"/></xsl:call-template>\n"
	                                 "</xsl:template>\n"
	                                 "<xsl:template name=\"t\"><xsl:value-of select=\"$undefined\"/></xsl:template>\n" XSL_TAIL,
	                     NULL, NULL),
	                 -1);
	/* reported at the line of the instruction that failed */
	assert_non_null(strstr(messages(f), "sheet.xsl:6: error: Variable 'undefined'"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_main_output_and_params, setup, teardown),
		cmocka_unit_test_setup_teardown(test_to_memory_and_doc, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pages_as_they_go, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exsl_document_inside, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_parent_dir, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_absolute_and_file_url, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_main_output_outside, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_directory_creation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_symlink_out, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_outdir_refuses_writes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_document_http_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_document_local_ok_and_entities_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sheet_with_entities_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_with_entities_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_over_network_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_include_local_ok, setup, teardown),
		cmocka_unit_test_setup_teardown(test_compile_error_has_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_well_formed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_messages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_runtime_error_location, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
