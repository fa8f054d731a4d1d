/* Tests for src/render/site.c and search_index.c: the fixture site, determinism,
 * hostile text, ids, the search index escaping and sitemap base URLs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "render/search_index.h"
#include "render/site.h"
#include "tool/diff.h"
#include "util/fsio.h"
#include "util/fsout.h"
#include "util/xmlsafe.h"

#define FIXTURES SOURCE_DIR "/tests/fixtures/site"
#define TEMPLATES SOURCE_DIR "/templates"

struct fx {
	char dir[64];
	diag d;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/regdoc-test-site-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	diag_init(&f->d, stderr);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	fsout_remove_tree(f->dir);
	free(f);
	return 0;
}

static char *slurp(const char *dir, const char *name)
{
	char *path = fsio_join(dir, name);
	char *buf = NULL;
	size_t len;
	diag d;
	diag_init(&d, NULL);
	if (fsio_read_file(path, 64u << 20, &buf, &len, &d) != 0)
		buf = NULL;
	free(path);
	return buf;
}

/* Render graph_file into dir/sub (created); returns site_render_opts' status. */
static int render(struct fx *f, const char *graph_file, const char *sub, const char *base_url,
                  char *outdir, size_t outdir_size)
{
	xmlDocPtr g = xmlsafe_read_file(graph_file, &f->d);
	site_options o = {.base_url = base_url};
	int rc;
	assert_non_null(g);
	snprintf(outdir, outdir_size, "%s/%s", f->dir, sub);
	assert_int_equal(mkdir(outdir, 0755), 0);
	rc = site_render_opts(g, TEMPLATES, outdir, &o, &f->d);
	xmlFreeDoc(g);
	return rc;
}

static void assert_not_contains(const char *dir, const char *file, const char *needle)
{
	char *s = slurp(dir, file);
	if (!s)
		fail_msg("%s/%s: cannot read", dir, file);
	if (strstr(s, needle))
		fail_msg("%s: contains %s", file, needle);
	free(s);
}

static void assert_contains(const char *dir, const char *file, const char *needle)
{
	char *s = slurp(dir, file);
	if (!s)
		fail_msg("%s/%s: cannot read", dir, file);
	if (!strstr(s, needle))
		fail_msg("%s: does not contain %s", file, needle);
	free(s);
}

static void test_fixture_site(void **state)
{
	struct fx *f = *state;
	char out[256];
	static const char *const files[] = {
		"index.html", "search.html", "sitemap.xml", "search-index.js", "chp-1.html",
		"chp-3.html", "rec-1.html", "rec-78.html", "rec-79.html", "art-1.html", "art-3.html",
		"art-6.html", "art-15.html", "art-43.html", "anx-1.html", "anx-3.html", "anx-7.html",
		"static/site.css", "static/print.css", "static/site.js", "static/search.js",
		"static/minisearch.js", "static/minisearch.LICENSE.txt", NULL};
	size_t i;
	assert_int_equal(render(f, FIXTURES "/graph.xml", "site", NULL, out, sizeof out), 0);
	assert_int_equal(f->d.errors, 0);
	for (i = 0; files[i]; i++) {
		char *p = fsio_join(out, files[i]);
		struct stat st;
		if (stat(p, &st) != 0 || !S_ISREG(st.st_mode))
			fail_msg("missing %s", files[i]);
		free(p);
	}
	/* a citation links to the exact paragraph/point */
	assert_contains(out, "art-43.html", "<a class=\"cite\" href=\"anx-3.html#anx-3.1\">point 1 of Annex III</a>");
	/* ids with capitals (annex sections) link too */
	assert_contains(out, "art-6.html", "<a class=\"cite\" href=\"anx-1.html#anx-1.A\">Section A of Annex I</a>");
	assert_contains(out, "anx-1.html", "aria-label=\"Permalink to Annex I, Section A, point 1\"");
	/* anchors and permalinks on paragraphs, subparagraphs and points */
	assert_contains(out, "art-43.html", "<div class=\"para\" id=\"art-43.1\">");
	assert_contains(out, "art-43.html", "<li id=\"art-43.1.sub2.a\">");
	assert_contains(out, "art-43.html", "<a class=\"pl\" href=\"#art-43.1.a\"");
	/* relations both ways and cited-by */
	assert_contains(out, "art-43.html", "<h2 id=\"h-related\">Related recitals</h2>");
	assert_contains(out, "art-43.html", "<a href=\"rec-78.html\">Recital 78</a>");
	assert_contains(out, "rec-78.html", "<a href=\"art-43.html\">Article 43: Conformity assessment</a>");
	assert_contains(out, "anx-7.html", "<a href=\"art-43.html#art-43.2\">Article 43(2)</a>");
	/* defined terms link to the definition, with its text as title */
	assert_contains(out, "rec-78.html", "<a class=\"term\" href=\"art-3.html#art-3.1\" title=\"‘AI system’ means");
	/* other acts go to EUR-Lex */
	assert_contains(out, "rec-1.html",
	                "href=\"https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32016R0679\"");
	/* breadcrumb and pager */
	assert_contains(out, "art-43.html", "<li><a href=\"chp-3.html#chp-3.sec-5\">Section 5</a></li>");
	assert_contains(out, "art-43.html", "<a class=\"prev\" rel=\"prev\" href=\"art-15.html\">");
	/* HTML5 shell: doctype, lang, CSP, skip link */
	assert_contains(out, "index.html", "<!DOCTYPE html>\n<html lang=\"en\">");
	assert_contains(out, "index.html", "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self';");
	assert_contains(out, "index.html", "<a class=\"skip\" href=\"#main\">");
	/* sitemap: relative by default */
	assert_contains(out, "sitemap.xml", "<loc>art-43.html</loc>");
	/* search index: a global, and entries down to the point */
	assert_contains(out, "search-index.js", "window.REGDOC_SEARCH = {");
	assert_contains(out, "search-index.js", "\"art-43.1.a\",\"Article 43(1)(a)\"");
}

static int same_tree(const char *a, const char *b)
{
	fsio_names na, nb;
	diag d;
	size_t i;
	int same = 1;
	diag_init(&d, stderr);
	if (fsio_list_dir(a, &na, &d) != 0)
		return 0;
	if (fsio_list_dir(b, &nb, &d) != 0) {
		fsio_names_free(&na);
		return 0;
	}
	if (na.n != nb.n)
		same = 0;
	for (i = 0; same && i < na.n; i++) {
		char *pa, *pb;
		if (strcmp(na.v[i], nb.v[i]) != 0) {
			same = 0;
			break;
		}
		pa = fsio_join(a, na.v[i]);
		pb = fsio_join(b, nb.v[i]);
		if (fsio_is_dir(pa)) {
			same = same_tree(pa, pb);
		} else {
			char *sa = slurp(a, na.v[i]), *sb = slurp(b, nb.v[i]);
			if (!sa || !sb || strcmp(sa, sb) != 0) {
				fprintf(stderr, "differs: %s\n", na.v[i]);
				same = 0;
			}
			free(sa);
			free(sb);
		}
		free(pa);
		free(pb);
	}
	fsio_names_free(&na);
	fsio_names_free(&nb);
	return same;
}

static void test_deterministic(void **state)
{
	struct fx *f = *state;
	char a[256], b[256];
	assert_int_equal(render(f, FIXTURES "/graph.xml", "a", NULL, a, sizeof a), 0);
	assert_int_equal(render(f, FIXTURES "/graph.xml", "b", NULL, b, sizeof b), 0);
	assert_true(same_tree(a, b));
}


/* The node with this id in doc (or NULL). */
static xmlNodePtr by_id(xmlNodePtr n, const char *id)
{
	for (; n; n = n->next) {
		xmlNodePtr found;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *v = xmlGetProp(n, BAD_CAST "id");
		int hit = v && !strcmp((const char *)v, id);
		xmlFree(v);
		if (hit)
			return n;
		if ((found = by_id(n->children, id)))
			return found;
	}
	return NULL;
}

/* Two versions of the fixture (the later one rewords Article 43(1)(b) and drops
 * Article 43(1), second subparagraph, point (b)): the site of the later one at the root,
 * the earlier one under v/old/, the versions document valid (site-versions.rng), the
 * switcher on every page, the history with the word differences, the anchor of the
 * dropped point, the dates of application of the later one. */
static void test_versions(void **state)
{
	struct fx *f = *state;
	xmlDocPtr old = xmlsafe_read_file(FIXTURES "/graph.xml", &f->d);
	xmlDocPtr new = xmlsafe_read_file(FIXTURES "/graph.xml", &f->d);
	xmlDocPtr changes = diff_new("old", "new", "test"), vdoc = site_versions_new();
	xmlNodePtr b, gone;
	diff_side so = {"old", NULL, NULL, 0}, sn = {"new", NULL, NULL, 0};
	site_version v[2] = {
	    {"old", "2024-08-01", "Original text", "32024R1689", NULL, "file:///t/old.xml", NULL},
	    {"new", "2026-07-27", "As amended", NULL, "amender", "file:///t/new.xml", "file:///t/changes.xml"}};
	xslt_doc docs[4];
	site_library lib = {NULL, "", docs, 4, NULL};
	site_options o = {.versions = "file:///t/versions.xml", .version = "new"};
	char root[256], vdir[300];
	assert_non_null(old);
	assert_non_null(new);
	b = by_id(xmlDocGetRootElement(new), "art-43.1.b");
	gone = by_id(xmlDocGetRootElement(new), "art-43.1.sub2.b");
	assert_non_null(b);
	assert_non_null(gone);
	xmlNodeSetContent(b->children, BAD_CAST "the assessment by a notified body.");
	xmlUnlinkNode(gone);
	xmlFreeNode(gone);
	/* dates of application as graph_apply_dates writes them (doc/application.md): a
	 * unit's, an element's that differs, and dates by case (the rule's <when>s) */
	xmlNewProp(by_id(xmlDocGetRootElement(new), "art-43"), BAD_CAST "applies-from", BAD_CAST "2026-08-02");
	xmlNewProp(by_id(xmlDocGetRootElement(new), "art-43"), BAD_CAST "applies-by", BAD_CAST "art-1");
	xmlNewProp(b, BAD_CAST "applies-from", BAD_CAST "2026-12-02");
	xmlNewProp(b, BAD_CAST "applies-by", BAD_CAST "art-3");
	xmlNewProp(by_id(xmlDocGetRootElement(new), "art-6"), BAD_CAST "applies-by", BAD_CAST "art-15");
	{
		xmlNodePtr app = xmlNewChild(xmlDocGetRootElement(new), NULL, BAD_CAST "application", NULL);
		xmlNodePtr rule = xmlNewChild(app, NULL, BAD_CAST "applies", BAD_CAST "Chapter III shall apply from:");
		xmlNodePtr w = xmlNewChild(rule, NULL, BAD_CAST "when", BAD_CAST "systems of Annex III");
		xmlNewProp(rule, BAD_CAST "by", BAD_CAST "art-15");
		xmlNewProp(w, BAD_CAST "condition", BAD_CAST "annex-iii");
		xmlNewProp(w, BAD_CAST "date", BAD_CAST "2027-12-02");
		xmlNewProp(w, BAD_CAST "by", BAD_CAST "art-15");
	}
	so.graph = old;
	sn.graph = new;
	assert_int_equal(diff_regulation(changes, &so, &sn, NULL, &f->d), 0);
	assert_int_equal(site_versions_add(vdoc, "ai-act", v, 2, 1, NULL), 0);
	assert_int_equal(xmlsafe_validate(vdoc, TEMPLATES "/schema/site-versions.rng", "versions", &f->d), 0);
	docs[0] = (xslt_doc){"file:///t/old.xml", old};
	docs[1] = (xslt_doc){"file:///t/new.xml", new};
	docs[2] = (xslt_doc){"file:///t/changes.xml", changes};
	docs[3] = (xslt_doc){"file:///t/versions.xml", vdoc};
	snprintf(root, sizeof root, "%s/root", f->dir);
	snprintf(vdir, sizeof vdir, "%s/root/v", f->dir);
	assert_int_equal(mkdir(root, 0755), 0);
	assert_int_equal(mkdir(vdir, 0755), 0);
	snprintf(vdir, sizeof vdir, "%s/root/v/old", f->dir);
	assert_int_equal(mkdir(vdir, 0755), 0);
	assert_int_equal(site_render_in(new, TEMPLATES, root, &o, &lib, &f->d), 0);
	o.version = "old";
	assert_int_equal(site_render_in(old, TEMPLATES, vdir, &o, &lib, &f->d), 0);
	assert_int_equal(f->d.errors, 0);
	/* the switcher: the same unit in the other version, the current one marked */
	assert_contains(root, "art-43.html", "<a href=\"v/old/art-43.html\"");
	assert_contains(root, "art-43.html", "<a href=\"art-43.html\" aria-current=\"page\"");
	assert_contains(vdir, "art-43.html", "<a href=\"../../art-43.html\"");
	/* the earlier text says so, and links the same page in the text in force */
	assert_contains(vdir, "art-43.html", "This is the text applicable from 1 August 2024");
	/* history: the words that changed */
	assert_contains(root, "art-43.html", "the assessment <del>of the quality management system, with the involvement of");
	assert_contains(root, "art-43.html", "<ins>by");
	/* a permalink of the earlier text still lands on the page in force */
	assert_contains(root, "art-43.html", "<p class=\"gone\" id=\"art-43.1.sub2.b\">Article 43(1), second subparagraph, point (b) [deleted]");
	/* the switcher on every page but the home (which lists the versions): chapters,
	 * their links maps, the search, the page of what changed (each version's home) */
	assert_contains(root, "chp-3.html", "<a href=\"v/old/chp-3.html\"");
	assert_contains(vdir, "chp-3.html", "<a href=\"chp-3.html\" aria-current=\"page\"");
	assert_contains(root, "chp-3-links.html", "<a href=\"v/old/chp-3-links.html\"");
	assert_contains(vdir, "search.html", "<a href=\"../../search.html\"");
	assert_contains(root, "changes-new.html", "<a href=\"v/old/index.html\"");
	/* dates of application: the unit's, an element's, by case; none in the earlier
	 * version's graph here */
	assert_contains(root, "art-43.html", "<p class=\"applies\">Applies from 2 August 2026, <a href=\"art-1.html\">Article 1</a></p>");
	assert_contains(root, "art-43.html", "<p class=\"applies\">Applies from 2 December 2026, <a href=\"art-3.html\">Article 3</a></p>");
	assert_contains(root, "art-6.html", "<p class=\"applies\">Applies from 2 December 2027 for systems of Annex III, <a href=\"art-15.html\">Article 15</a></p>");
	assert_not_contains(vdir, "art-43.html", "class=\"applies\"");
	/* what changed, on the root site only */
	assert_contains(root, "changes-new.html", "What changed on 27 July 2026");
	assert_contains(root, "index.html", "href=\"changes-new.html\"");
	xmlFreeDoc(old);
	xmlFreeDoc(new);
	xmlFreeDoc(changes);
	xmlFreeDoc(vdoc);
}

static void test_base_url(void **state)
{
	struct fx *f = *state;
	char out[256];
	assert_int_equal(render(f, FIXTURES "/graph.xml", "s", "https://example.org/ai-act/", out,
	                        sizeof out),
	                 0);
	assert_contains(out, "sitemap.xml", "<loc>https://example.org/ai-act/art-43.html</loc>");
	assert_contains(out, "sitemap.xml", "<loc>https://example.org/ai-act/index.html</loc>");
}

/* ------------------------------------------------------------ hostile text */

static const char *const allowed_scripts[] = {"static/site.js", "static/search.js",
                                              "static/minisearch.js", "search-index.js", NULL};

static int allowed_script(const xmlChar *src)
{
	size_t i;
	for (i = 0; src && allowed_scripts[i]; i++)
		if (strcmp((const char *)src, allowed_scripts[i]) == 0)
			return 1;
	return 0;
}

static int bad_url(const xmlChar *v)
{
	const char *s = (const char *)v;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f')
		s++;
	return strncasecmp(s, "javascript:", 11) == 0 || strncasecmp(s, "data:", 5) == 0 ||
	       strncasecmp(s, "vbscript:", 9) == 0 || strncmp(s, "//", 2) == 0;
}

/* The link map of a chapter page (templates/site/links-map.xsl): an <svg> the templates
 * draw on chp-N-links.html, holding only these elements, without handlers or active
 * URLs. */
static void check_links_map(xmlNodePtr n, const char *file)
{
	static const char *const ok[] = {"title", "text", "a", "rect", "circle", "line", "g", NULL};
	for (; n; n = n->next) {
		int allowed = 0;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (size_t i = 0; ok[i]; i++)
			allowed |= xmlStrEqual(n->name, BAD_CAST ok[i]);
		if (!allowed)
			fail_msg("%s: unexpected element <%s> in the link map", file, (const char *)n->name);
		for (xmlAttrPtr a = n->properties; a; a = a->next) {
			xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
			if (xmlStrncasecmp(a->name, BAD_CAST "on", 2) == 0 || xmlStrcasecmp(a->name, BAD_CAST "style") == 0 ||
			    (xmlStrEqual(a->name, BAD_CAST "href") && v && bad_url(v)))
				fail_msg("%s: %s=\"%s\" in the link map", file, (const char *)a->name, v ? (const char *)v : "");
			xmlFree(v);
		}
		check_links_map(n->children, file);
	}
}

static int is_links_map(xmlNodePtr n, const char *file)
{
	size_t len = strlen(file);
	xmlChar *l = xmlGetProp(n, BAD_CAST "aria-labelledby");
	int yes = len > 11 && strcmp(file + len - 11, "-links.html") == 0 && l &&
	          xmlStrEqual(l, BAD_CAST "lm-title");
	xmlFree(l);
	return yes;
}

/* Walk the parsed page; fail on anything active that the templates did not put there. */
static void check_inert(xmlNodePtr n, const char *file)
{
	for (; n; n = n->next) {
		xmlAttrPtr a;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcasecmp(n->name, BAD_CAST "svg") == 0 && is_links_map(n, file)) {
			check_links_map(n->children, file);
			continue;
		}
		if (xmlStrcasecmp(n->name, BAD_CAST "script") == 0) {
			xmlChar *src = xmlGetProp(n, BAD_CAST "src");
			if (!allowed_script(src) || n->children)
				fail_msg("%s: unexpected <script src=%s>", file, src ? (const char *)src : "(none)");
			xmlFree(src);
		}
		if (xmlStrcasecmp(n->name, BAD_CAST "iframe") == 0 || xmlStrcasecmp(n->name, BAD_CAST "img") == 0 ||
		    xmlStrcasecmp(n->name, BAD_CAST "svg") == 0 || xmlStrcasecmp(n->name, BAD_CAST "object") == 0 ||
		    xmlStrcasecmp(n->name, BAD_CAST "embed") == 0 || xmlStrcasecmp(n->name, BAD_CAST "style") == 0 ||
		    xmlStrcasecmp(n->name, BAD_CAST "base") == 0 || xmlStrcasecmp(n->name, BAD_CAST "b") == 0)
			fail_msg("%s: unexpected element <%s>", file, (const char *)n->name);
		for (a = n->properties; a; a = a->next) {
			xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
			if (xmlStrncasecmp(a->name, BAD_CAST "on", 2) == 0)
				fail_msg("%s: event handler attribute %s on <%s>", file, (const char *)a->name,
				         (const char *)n->name);
			if ((xmlStrEqual(a->name, BAD_CAST "href") || xmlStrEqual(a->name, BAD_CAST "src") ||
			     xmlStrEqual(a->name, BAD_CAST "action")) &&
			    v && bad_url(v))
				fail_msg("%s: active URL %s=\"%s\"", file, (const char *)a->name, (const char *)v);
			xmlFree(v);
		}
		check_inert(n->children, file);
	}
}

static xmlNodePtr find_element(xmlNodePtr n, const char *name)
{
	for (; n; n = n->next) {
		xmlNodePtr r;
		if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name))
			return n;
		if ((r = find_element(n->children, name)))
			return r;
	}
	return NULL;
}

static void test_hostile_text_is_inert(void **state)
{
	struct fx *f = *state;
	char out[256];
	fsio_names names;
	size_t i, pages = 0;
	char *js;
	assert_int_equal(render(f, FIXTURES "/hostile.xml", "h", NULL, out, sizeof out), 0);
	assert_int_equal(fsio_list_dir(out, &names, &f->d), 0);
	for (i = 0; i < names.n; i++) {
		char *p;
		htmlDocPtr doc;
		size_t len = strlen(names.v[i]);
		if (len < 5 || strcmp(names.v[i] + len - 5, ".html") != 0)
			continue;
		p = fsio_join(out, names.v[i]);
		doc = htmlReadFile(p, "UTF-8", HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
		assert_non_null(doc);
		check_inert(xmlDocGetRootElement(doc), names.v[i]);
		if (strcmp(names.v[i], "art-1.html") == 0) {
			/* the title text survives as text, exactly */
			xmlNodePtr t = find_element(xmlDocGetRootElement(doc), "title");
			xmlChar *s = t ? xmlNodeGetContent(t) : NULL;
			assert_non_null(s);
			assert_string_equal((const char *)s,
			                    "Article 1: </title><script>alert(14)</script> – "
			                    "</title><script>alert('short')</script>");
			xmlFree(s);
		}
		xmlFreeDoc(doc);
		free(p);
		pages++;
	}
	fsio_names_free(&names);
	assert_true(pages >= 6);
	/* escaped markup is still visible as text */
	assert_contains(out, "rec-1.html", "&lt;script&gt;alert(4)&lt;/script&gt;");
	/* the search index never contains "<" literally */
	js = slurp(out, "search-index.js");
	assert_non_null(js);
	assert_null(strchr(js, '<'));
	assert_non_null(strstr(js, "\\u003cscript>alert(4)\\u003c/script>"));
	assert_non_null(strstr(js, "[\\u2028]"));
	assert_non_null(strstr(js, "[\\u2029]"));
	free(js);
}

static void test_bad_ids_refused(void **state)
{
	struct fx *f = *state;
	static const char graph[] =
		"<regulation id=\"x\"><title>t</title><recitals>"
		"<recital id=\"../../escape\" n=\"1\"><text>x</text></recital></recitals>"
		"<articles><article id=\"javascript:alert(1)\" n=\"1\"/></articles></regulation>";
	xmlDocPtr g = xmlsafe_read_memory(graph, sizeof graph - 1, "bad.xml", &f->d);
	diag d;
	assert_non_null(g);
	diag_init(&d, NULL);
	assert_int_equal(site_render(g, TEMPLATES, f->dir, &d), -1);
	assert_int_equal(d.errors, 2);
	xmlFreeDoc(g);
}

static void test_not_a_graph(void **state)
{
	struct fx *f = *state;
	xmlDocPtr g = xmlsafe_read_memory("<html/>", 7, "x.xml", &f->d);
	diag d;
	diag_init(&d, NULL);
	assert_int_equal(site_render(g, TEMPLATES, f->dir, &d), -1);
	assert_true(d.errors > 0);
	xmlFreeDoc(g);
}

static void test_missing_templates(void **state)
{
	struct fx *f = *state;
	xmlDocPtr g = xmlsafe_read_file(FIXTURES "/graph.xml", &f->d);
	diag d;
	diag_init(&d, NULL);
	assert_int_equal(site_render(g, "/nonexistent/templates", f->dir, &d), -1);
	assert_true(d.errors > 0);
	xmlFreeDoc(g);
}

static void test_search_index_escaping(void **state)
{
	static const char entries[] =
		"<search>"
		"<d p=\"a.html\" f=\"\" t=\"Unit &quot;A&quot;\">x</d>"
		"<d f=\"a.1\" l=\"A(1)\">q\"b\\s&lt;/script>&#9;&#10;\xe2\x80\xa8\xe2\x80\xa9\xe2\x80\x94</d>"
		"<d p=\"b.html\" f=\"\" t=\"B\"/>"
		"</search>";
	xmlDocPtr doc;
	char *out;
	size_t len;
	diag d;
	(void)state;
	diag_init(&d, stderr);
	doc = xmlsafe_read_memory(entries, sizeof entries - 1, "entries.xml", &d);
	assert_non_null(doc);
	assert_int_equal(search_index_build(xmlDocGetRootElement(doc), &out, &len, &d), 0);
	assert_string_equal(out, "/* regdoc search index (generated) */\n"
	                         "window.REGDOC_SEARCH = {\"v\":1,\n"
	                         "\"units\":[[\"a.html\",\"Unit \\\"A\\\"\"],[\"b.html\",\"B\"]],\n"
	                         "\"docs\":[\n"
	                         "[0,\"\",\"Unit \\\"A\\\"\",\"x\"],\n"
	                         "[0,\"a.1\",\"A(1)\",\"q\\\"b\\\\s\\u003c/script>\\t\\n\\u2028\\u2029\xe2\x80\x94\"],\n"
	                         "[1,\"\",\"B\",\"\"]]};\n");
	assert_int_equal(len, strlen(out));
	free(out);
	xmlFreeDoc(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fixture_site, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deterministic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_versions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_base_url, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile_text_is_inert, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_ids_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_a_graph, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_templates, setup, teardown),
		cmocka_unit_test(test_search_index_escaping),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
