/*
 * test_manifest.c - ingest/manifest: loading and validating corpus/<reg>/manifest.xml
 * (templates/schema/manifest.rng), and the look-ups the page parser makes with it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "ingest/manifest.h"
#include "util/fsio.h"
#include "util/fsout.h"
#include "util/xmlsafe.h"

#define SCHEMA SOURCE_DIR "/templates/schema/manifest.rng"
#define MINI SOURCE_DIR "/tests/fixtures/mini"

typedef struct fx {
	char dir[64];
	char *out;
	size_t outlen;
	FILE *f;
	diag d;
	manifest m;
} fx;

static int setup(void **state)
{
	fx *t = calloc(1, sizeof *t);
	if (!t)
		return -1;
	snprintf(t->dir, sizeof t->dir, "/tmp/regdoc-test-manifest.XXXXXX");
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
	manifest_free(&t->m);
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

/* The mini manifest with one substitution (from → to), written into t->dir. */
static void write_variant(fx *t, const char *from, const char *to)
{
	char *src, *p;
	size_t len;
	diag quiet;
	FILE *f;
	const char *at;
	diag_init(&quiet, NULL);
	assert_int_equal(fsio_read_file(MINI "/manifest.xml", 65536, &src, &len, &quiet), 0);
	at = from ? strstr(src, from) : NULL;
	if (from)
		assert_non_null(at);
	p = fsio_join(t->dir, "manifest.xml");
	f = fopen(p, "w");
	assert_non_null(f);
	if (at) {
		fwrite(src, 1, (size_t)(at - src), f);
		fputs(to, f);
		fputs(at + strlen(from), f);
	} else {
		fputs(src, f);
	}
	fclose(f);
	free(p);
	free(src);
}

static void write_raw(fx *t, const char *text)
{
	char *p = fsio_join(t->dir, "manifest.xml");
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(p);
}

static void test_load_mini(void **state)
{
	fx *t = *state;
	const unit_kind *k;
	assert_int_equal(manifest_load(MINI, SCHEMA, &t->m, &t->d), 0);
	assert_string_equal(diags(t), "");
	assert_string_equal(t->m.path, MINI "/manifest.xml");
	assert_string_equal(t->m.id, "mini");
	assert_string_equal(t->m.lang, "en");
	assert_string_equal(t->m.short_title, "Mini Act");
	assert_non_null(strstr(t->m.title, "(Mini Act)"));
	assert_string_equal(t->m.celex, "32099R0001");
	assert_string_equal(t->m.eli, "http://data.europa.eu/eli/reg/2099/1/oj");
	assert_string_equal(t->m.contents_file, "contents.md");
	assert_string_equal(t->m.link_prefix, "/en/mini/");
	assert_string_equal(t->m.chrome_starts_with, "View the official text");
	assert_string_equal(t->m.definitions_unit, "art-2");
	assert_int_equal(t->m.nkinds, 3);
	k = &t->m.kinds[0];
	assert_string_equal(k->kind, "recital");
	assert_string_equal(k->heading, "Recital");
	assert_string_equal(k->id_prefix, "rec");
	assert_string_equal(k->dir, "recitals");
	assert_string_equal(k->file_prefix, "recital-");
	assert_string_equal(k->link_prefix, "recital-");
	assert_string_equal(k->relates_heading, "This Recital relates to");
	assert_int_equal(k->digits, 3);
	assert_int_equal(k->count, 3);
	assert_false(k->roman);
	k = &t->m.kinds[1];
	assert_string_equal(k->kind, "article");
	assert_int_equal(k->count, 4);
	k = &t->m.kinds[2];
	assert_string_equal(k->kind, "annex");
	assert_string_equal(k->id_prefix, "anx");
	assert_int_equal(k->digits, 2);
	assert_int_equal(k->count, 2);
	assert_true(k->roman);
}

static void test_lookups(void **state)
{
	fx *t = *state;
	char n[16];
	const unit_kind *k;
	assert_int_equal(manifest_load(MINI, SCHEMA, &t->m, &t->d), 0);
	k = manifest_kind_by_heading(&t->m, "Annex VII", 5);
	assert_non_null(k);
	assert_string_equal(k->kind, "annex");
	assert_null(manifest_kind_by_heading(&t->m, "Chapter", 7));
	assert_null(manifest_kind_by_heading(&t->m, "article", 7)); /* the heading's case */
	assert_null(manifest_kind_by_heading(&t->m, "Art", 3));      /* whole word only */
	k = manifest_kind_by_prefix(&t->m, "art-43", 3);
	assert_non_null(k);
	assert_string_equal(k->kind, "article");
	assert_null(manifest_kind_by_prefix(&t->m, "chp", 3));
	assert_null(manifest_kind_by_prefix(&t->m, "ar", 2));

	k = manifest_kind_by_link(&t->m, "/en/mini/article-43", 19, n);
	assert_non_null(k);
	assert_string_equal(k->id_prefix, "art");
	assert_string_equal(n, "43");
	k = manifest_kind_by_link(&t->m, "/en/mini/annex-7", 16, n);
	assert_non_null(k);
	assert_string_equal(k->id_prefix, "anx");
	assert_string_equal(n, "7");
	k = manifest_kind_by_link(&t->m, "/en/mini/recital-78", 19, n);
	assert_non_null(k);
	assert_string_equal(n, "78");
	assert_null(manifest_kind_by_link(&t->m, "/en/ai-act/article-43", 21, n)); /* another act */
	assert_null(manifest_kind_by_link(&t->m, "/en/mini/article-", 17, n));
	assert_null(manifest_kind_by_link(&t->m, "/en/mini/article-4X", 19, n));
	assert_null(manifest_kind_by_link(&t->m, "/en/mini/article-x4", 19, n));
	assert_null(manifest_kind_by_link(&t->m, "/en/mini/article-04", 19, n));
	/* an inserted article (Regulation (EU) 2026/1744 inserted Article 4a in the AI Act) */
	k = manifest_kind_by_link(&t->m, "/en/mini/article-4a", 19, n);
	assert_non_null(k);
	assert_string_equal(n, "4a");
	assert_null(manifest_kind_by_link(&t->m, "/en/mini/chapter-3", 18, n));
	assert_null(manifest_kind_by_link(&t->m, "/en/mini/", 9, n));
	assert_null(manifest_kind_by_link(&t->m, "https://example.org/en/mini/article-4", 37, n));
}

static void test_load_real_corpus_manifests(void **state)
{
	fx *t = *state;
	manifest cra;
	diag d;
	assert_int_equal(manifest_load(SOURCE_DIR "/corpus/ai-act", SCHEMA, &t->m, &t->d), 0);
	assert_string_equal(t->m.id, "ai-act");
	assert_int_equal(t->m.kinds[0].count, 180);
	assert_int_equal(t->m.kinds[1].count, 113);
	assert_int_equal(t->m.kinds[2].count, 13);
	diag_init(&d, t->f);
	assert_int_equal(manifest_load(SOURCE_DIR "/corpus/cra", SCHEMA, &cra, &d), 0);
	assert_string_equal(cra.id, "cra");
	assert_int_equal(cra.kinds[0].count, 130);
	assert_int_equal(cra.kinds[1].count, 71);
	assert_int_equal(cra.kinds[2].count, 8);
	manifest_free(&cra);
	assert_string_equal(diags(t), "");
}

/* Each refusal: a diagnostic naming manifest.xml, manifest_load returns -1. */
static void expect_refused(fx *t, const char *what)
{
	char *path = fsio_join(t->dir, "manifest.xml");
	char prefix[512];
	assert_int_equal(manifest_load(t->dir, SCHEMA, &t->m, &t->d), -1);
	assert_true(t->d.errors > 0);
	snprintf(prefix, sizeof prefix, "%s:", path);
	if (strncmp(diags(t), prefix, strlen(prefix)) != 0)
		fail_msg("%s: diagnostics do not name %s:\n%s", what, path, diags(t));
	free(path);
}

static void test_refuses_missing_element(void **state)
{
	fx *t = *state;
	write_variant(t, "  <celex>32099R0001</celex>\n", "");
	expect_refused(t, "no celex");
}

static void test_refuses_bad_id(void **state)
{
	fx *t = *state;
	write_variant(t, "id=\"mini\"", "id=\"Mini Act\"");
	expect_refused(t, "id not a slug");
}

static void test_refuses_dir_escape(void **state)
{
	fx *t = *state;
	write_variant(t, "dir=\"articles\"", "dir=\"../articles\"");
	expect_refused(t, "dir with ..");
}

static void test_refuses_bad_count(void **state)
{
	fx *t = *state;
	write_variant(t, "count=\"4\"", "count=\"four\"");
	expect_refused(t, "count not a number");
}

static void test_refuses_malformed_xml(void **state)
{
	fx *t = *state;
	write_variant(t, "</units>", "</unit>");
	expect_refused(t, "not well-formed");
	/* the line of the problem, not line 0 */
	assert_null(strstr(diags(t), "manifest.xml: error"));
}

static void test_refuses_entities(void **state)
{
	fx *t = *state;
	write_raw(t, "<?xml version=\"1.0\"?>\n"
	             "<!DOCTYPE manifest [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
	             "<manifest id=\"mini\" lang=\"en\"><short-title>&x;</short-title></manifest>\n");
	expect_refused(t, "DOCTYPE with an external entity");
	assert_null(strstr(diags(t), "root:")); /* nothing of /etc/passwd leaked */
}

static void test_missing_manifest_is_system_error(void **state)
{
	fx *t = *state;
	char prefix[512];
	assert_int_equal(manifest_load(t->dir, SCHEMA, &t->m, &t->d), -1);
	snprintf(prefix, sizeof prefix, "%s/manifest.xml: error: cannot open: ", t->dir);
	assert_true(strncmp(diags(t), prefix, strlen(prefix)) == 0);
	assert_int_equal(t->d.sys_error, 1);
}


/* Issue 18, class 11: bidi controls and zero-width characters in a title are kept but
 * flagged with a warning naming the line: they can make the title display as other
 * text. */
static void test_invisible_title_warned(void **state)
{
	fx *t = *state;
	char want[512];
	write_variant(t, "<short-title>Mini Act</short-title>",
	              "<short-title>Mini \xe2\x80\xae tcA</short-title>");
	assert_int_equal(manifest_load(t->dir, SCHEMA, &t->m, &t->d), 0);
	assert_int_equal(t->d.warnings, 1);
	snprintf(want, sizeof want, "%s/manifest.xml:5: warning: invisible character U+202E", t->dir);
	assert_non_null(strstr(diags(t), want));
}

/* Issue 18, class 11: a schema error on a document without line numbers (built in
 * memory) is reported without a line, never as a made-up ":1:". */
static void test_schema_error_without_line(void **state)
{
	fx *t = *state;
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "manifest", NULL);
	xmlDocSetRootElement(doc, root);
	xmlNewProp(root, BAD_CAST "id", BAD_CAST "x");
	assert_int_not_equal(xmlsafe_validate(doc, SCHEMA, "in-memory.xml", &t->d), 0);
	assert_non_null(strstr(diags(t), "in-memory.xml: error: "));
	assert_null(strstr(diags(t), "in-memory.xml:1:"));
	xmlFreeDoc(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_load_mini, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invisible_title_warned, setup, teardown),
		cmocka_unit_test_setup_teardown(test_schema_error_without_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lookups, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load_real_corpus_manifests, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_missing_element, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_bad_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_dir_escape, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_bad_count, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_malformed_xml, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_entities, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_manifest_is_system_error, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
