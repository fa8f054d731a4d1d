/* Tests for src/tool/questionnaire.c: what the loader refuses (beyond the schema),
 * conditions and skipping, the kinds of answers, defaults, optional questions, multi
 * questions writing one element per option, presets (--set), and the diagnostics of a
 * script's answers. The shipped questionnaire loads and every cite of the AI Act
 * questions is checked by tests/new/run.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "assess_helpers.h"
#include "tool/qnhelp.h"
#include "tool/questionnaire.h"

#define RNG SOURCE_DIR "/templates/schema/questionnaire.rng"

struct fx {
	char path[64];
	diag d;
	char *msgs;
	size_t msgs_len;
	FILE *msgf;
	questionnaire *q;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	f->msgf = open_memstream(&f->msgs, &f->msgs_len);
	diag_init(&f->d, f->msgf);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	qn_free(f->q);
	fclose(f->msgf);
	free(f->msgs);
	if (f->path[0])
		unlink(f->path);
	free(f);
	return 0;
}

static const char *msgs(struct fx *f)
{
	fflush(f->msgf);
	return f->msgs ? f->msgs : "";
}

/* Write a questionnaire (the sections and defines given) and load it. */
static questionnaire *load(struct fx *f, const char *body)
{
	FILE *o;
	int fd;
	strcpy(f->path, "/tmp/regdoc-test-qn-XXXXXX");
	fd = mkstemp(f->path);
	assert_true(fd >= 0);
	o = fdopen(fd, "w");
	assert_non_null(o);
	fprintf(o, "<questionnaire regulation=\"mini\" version=\"1\"><title>T</title>%s</questionnaire>\n", body);
	fclose(o);
	f->q = qn_load(f->path, RNG, &f->d);
	return f->q;
}

/* Run with the answers (one per line) and return the product serialised (free it). */
static char *run_with(struct fx *f, const char *answers, const char *const *presets, size_t npresets)
{
	qn_io io = {0};
	FILE *in = answers ? fmemopen((void *)answers, strlen(answers), "r") : NULL;
	xmlDocPtr doc;
	xmlChar *xml = NULL;
	int len = 0;
	io.in = in;
	io.in_name = "stdin";
	doc = qn_run(f->q, presets, npresets, "stem", &io, &f->d);
	if (in)
		fclose(in);
	if (!doc)
		return NULL;
	xmlDocDumpMemory(doc, &xml, &len);
	xmlFreeDoc(doc);
	{
		char *s = strdup((const char *)xml);
		xmlFree(xml);
		return s;
	}
}

#define YN(id, fact, extra) \
	"<question id=\"" id "\" kind=\"yes-no\" fact=\"" fact "\" " extra "><cite ref=\"art-1\">Article 1</cite><text>Q " id "?</text>"

static const char *const basic =
	"<define name=\"ai\"><fact name=\"what.ai\" is=\"yes\"/></define>"
	"<section title=\"S1\">"
	"<question id=\"id\" kind=\"slug\" fact=\"product.id\" default=\"{file}\"><cite ref=\"art-1\">A1</cite><text>Id?</text></question>"
	YN("ai", "what.ai", "") "</question>"
	"<question id=\"why\" kind=\"yes-no\" fact=\"what.why\"><when><ref name=\"ai\"/></when><cite ref=\"art-1\">A1</cite><text>Why?</text></question>"
	"</section>"
	"<section title=\"S2\"><when><fact name=\"what.ai\" is=\"no\"/></when>"
	"<question id=\"n\" kind=\"number\" fact=\"gpai.flop\" optional=\"yes\"><cite ref=\"art-2\">A2</cite><text>N?</text></question>"
	"<question id=\"big\" kind=\"yes-no\" fact=\"gpai.big\"><when><fact name=\"gpai.flop\" gt=\"1e25\"/></when><cite ref=\"art-2\">A2</cite><text>Big?</text></question>"
	"<question id=\"uses\" kind=\"multi\" none=\"yes\"><cite ref=\"art-3\">A3</cite><text>Uses?</text>"
	"<option value=\"4a\" label=\"x\"><set fact=\"use.area\" value=\"4\"/><set fact=\"use.point\" value=\"a\"/></option>"
	"<option value=\"2\"><set fact=\"use.area\" value=\"2\"/></option>"
	"<option value=\"any\" alone=\"yes\"><set fact=\"use.area\" value=\"9\"/></option>"
	"</question>"
	"<question id=\"c\" kind=\"choice\" fact=\"what.kind\" default=\"later\"><cite ref=\"art-3\">A3</cite><text>C?</text>"
	"<option value=\"A\"/><option value=\"later\" write=\"no\"/></question>"
	"<question id=\"name\" kind=\"text\" fact=\"name\"><cite ref=\"art-3\">A3</cite><text>Name?</text></question>"
	"</section>";

static void test_skipping_and_kinds(void **state)
{
	struct fx *f = *state;
	char *xml;
	if (!load(f, basic))
		fail_msg("%s", msgs(f));
	/* ai = yes: "why" asked; S2 skipped entirely */
	xml = run_with(f, "\nYes\nn\n", NULL, 0);
	assert_non_null(xml);
	assert_non_null(strstr(xml, "<product id=\"stem\" regulation=\"mini\">"));
	assert_non_null(strstr(xml, "<what ai=\"yes\" why=\"no\"/>"));
	assert_null(strstr(xml, "gpai"));
	free(xml);
	/* ai = no: "why" skipped, S2 asked; 3e25 > 1e25 asks "big"; multi writes one element
	 * per option; choice is case-insensitive; the text keeps its inner spaces */
	xml = run_with(f, "my-id\nno\n3e25\ny\n4A, 2\na\n  Hello   world  \n", NULL, 0);
	assert_non_null(xml);
	assert_non_null(strstr(xml, "<product id=\"my-id\""));
	assert_non_null(strstr(xml, "<what ai=\"no\" kind=\"A\"/>"));
	assert_non_null(strstr(xml, "<gpai flop=\"3e25\" big=\"yes\"/>"));
	assert_non_null(strstr(xml, "<use area=\"4\" point=\"a\"/><use area=\"2\"/>"));
	assert_non_null(strstr(xml, "<name>Hello   world</name>"));
	assert_int_equal(f->d.errors, 0);
	free(xml);
	/* optional left out (Enter): "big" skipped (no flop); none; the default "later"
	 * of the choice writes nothing */
	xml = run_with(f, "\nno\n\nnone\n\nN\n", NULL, 0);
	assert_non_null(xml);
	assert_null(strstr(xml, "gpai"));
	assert_null(strstr(xml, "<use"));
	assert_non_null(strstr(xml, "<what ai=\"no\"/>"));
	free(xml);
}

static void test_bad_answers(void **state)
{
	struct fx *f = *state;
	if (!load(f, basic))
		fail_msg("%s", msgs(f));
	assert_null(run_with(f, "\nmaybe\n", NULL, 0));
	assert_non_null(strstr(msgs(f), "stdin:2: error: question \"ai\": 'maybe': answer yes or no"));
	assert_null(run_with(f, "Bad_Id\n", NULL, 0));
	assert_non_null(strstr(msgs(f), "stdin:1: error: question \"id\": 'Bad_Id': lower-case letters"));
	assert_null(run_with(f, "\nno\n1e\n", NULL, 0));
	assert_non_null(strstr(msgs(f), "'1e': a number"));
	assert_null(run_with(f, "\nno\n\nany 2\n", NULL, 0));
	assert_non_null(strstr(msgs(f), "cannot be combined"));
	assert_null(run_with(f, "\nno\n\nnone 2\n", NULL, 0));
	assert_non_null(strstr(msgs(f), "'none' cannot be given with options"));
	assert_null(run_with(f, "\nno\n\n7z\n", NULL, 0));
	assert_non_null(strstr(msgs(f), "'7z' is not one of the options"));
	assert_null(run_with(f, "\nno\n\nnone\nB\n", NULL, 0));
	assert_non_null(strstr(msgs(f), "answer one of: A later"));
	assert_null(run_with(f, "\nno\n\nnone\n\nx\xff\n", NULL, 0));
	assert_non_null(strstr(msgs(f), "not valid UTF-8"));
	assert_null(run_with(f, "\nno\n\nnone\n\n\n", NULL, 0));
	assert_non_null(strstr(msgs(f), "question \"name\": '': an answer is needed"));
	assert_null(run_with(f, "\nyes\n", NULL, 0));
	assert_non_null(strstr(msgs(f), "stdin: error: the answers ended before question \"why\""));
}

static void test_presets_and_batch(void **state)
{
	struct fx *f = *state;
	const char *const good[] = {"ai=no", "name=N", "uses=2", "why=yes"};
	const char *const unknown[] = {"nope=1"};
	const char *const bad[] = {"ai=perhaps"};
	char *xml;
	if (!load(f, basic))
		fail_msg("%s", msgs(f));
	/* batch (no input): presets and defaults; "why" never asked: a warning */
	xml = run_with(f, NULL, good, 4);
	assert_non_null(xml);
	assert_non_null(strstr(xml, "<product id=\"stem\""));
	assert_non_null(strstr(xml, "<use area=\"2\"/>"));
	assert_int_equal(f->d.errors, 0);
	assert_non_null(strstr(msgs(f), "warning: --set why=yes: not used"));
	free(xml);
	assert_null(run_with(f, NULL, unknown, 1));
	assert_non_null(strstr(msgs(f), "error: --set nope=1: no question has that id"));
	assert_null(run_with(f, NULL, bad, 1));
	assert_non_null(strstr(msgs(f), "error: --set ai=perhaps: answer yes or no"));
	assert_null(run_with(f, NULL, NULL, 0));
	assert_non_null(strstr(msgs(f), "question \"ai\" has no default: answer it with --set ai=VALUE"));
}

static void test_loader_refuses(void **state)
{
	struct fx *f = *state;
	/* a ref to a define declared later (or not at all) */
	assert_null(load(f, "<define name=\"a\"><ref name=\"b\"/></define><define name=\"b\"><fact name=\"x\" is=\"y\"/></define>"
	                    "<section title=\"S\">" YN("q", "x.y", "") "</question></section>"));
	assert_non_null(strstr(msgs(f), "<ref name=\"b\">: no <define> of that name before it"));
	unlink(f->path);
	/* duplicate ids */
	assert_null(load(f, "<section title=\"S\">" YN("q", "x.y", "") "</question></section>"
	                    "<section title=\"T\">" YN("q", "x.z", "") "</question></section>"));
	assert_non_null(strstr(msgs(f), "question id \"q\" is also used on line"));
	unlink(f->path);
	/* a multi option setting facts of two elements */
	assert_null(load(f, "<section title=\"S\"><question id=\"m\" kind=\"multi\"><cite ref=\"art-1\">A</cite><text>M</text>"
	                    "<option value=\"a\"><set fact=\"x.a\" value=\"1\"/><set fact=\"y.b\" value=\"2\"/></option></question></section>"));
	assert_non_null(strstr(msgs(f), "must be attributes of one element"));
	unlink(f->path);
	/* a choice without options; a yes-no without fact */
	assert_null(load(f, "<section title=\"S\"><question id=\"c\" kind=\"choice\" fact=\"x.c\"><cite ref=\"art-1\">A</cite><text>C</text></question>"
	                    "<question id=\"d\" kind=\"yes-no\"><cite ref=\"art-1\">A</cite><text>D</text></question></section>"));
	assert_non_null(strstr(msgs(f), "a choice question needs options"));
	assert_non_null(strstr(msgs(f), "question \"d\": kind yes-no needs fact="));
	unlink(f->path);
	/* the schema: an unknown kind */
	assert_null(load(f, "<section title=\"S\"><question id=\"c\" kind=\"maybe\" fact=\"x.c\"><cite ref=\"art-1\">A</cite><text>C</text></question></section>"));
	assert_true(f->d.errors > 0);
}

static int has_only_art(void *ctx, const char *id)
{
	(void)ctx;
	return strncmp(id, "art-", 4) == 0;
}

static void test_cites_and_shipped(void **state)
{
	struct fx *f = *state;
	assert_non_null(load(f, "<section title=\"S\"><question id=\"q\" kind=\"yes-no\" fact=\"x.y\"><cite ref=\"anx-9\">Annex IX</cite>"
	                        "<cite regulation=\"cra\" ref=\"anx-1\">CRA Annex I</cite><text>Q</text></question></section>"));
	assert_int_equal(qn_check_cites(f->q, has_only_art, NULL, &f->d), 1);
	assert_non_null(strstr(msgs(f), "<cite ref=\"anx-9\">: provision anx-9 does not exist in the graph of mini"));
	qn_free(f->q);
	f->q = qn_load(SOURCE_DIR "/templates/questionnaire.xml", RNG, &f->d);
	assert_non_null(f->q);
	assert_string_equal(qn_regulation(f->q), "ai-act");
}

/* Issue 17: help on every question of the shipped questionnaire, from the graphs of
 * the AI Act and the CRA: each cite's provision is found and shown, and the definitions
 * come from the cited regulation's own Article 3 (a CRA question's terms are the CRA's,
 * CRA Article 3; an AI Act question's the AI Act's, AI Act Article 3). */
static void test_help_every_question(void **state)
{
	char dir[256];
	xmlDocPtr ai, cra, qdoc;
	size_t nq = 0, ncra = 0;
	(void)state;
	make_temp_dir(dir, sizeof dir, "qnhelp");
	ai = build_corpus_graph(dir, "ai-act");
	cra = build_corpus_graph(dir, "cra");
	assert_non_null(ai);
	assert_non_null(cra);
	qdoc = xmlReadFile(SOURCE_DIR "/templates/questionnaire.xml", NULL, XML_PARSE_NONET);
	assert_non_null(qdoc);
	{
		qn_graph g[2] = {{"ai-act", ai}, {"cra", cra}};
		xmlNodePtr root = xmlDocGetRootElement(qdoc);
		for (xmlNodePtr sec = root->children; sec; sec = sec->next)
			for (xmlNodePtr qu = sec->type == XML_ELEMENT_NODE ? sec->children : NULL; qu; qu = qu->next) {
				buf b;
				size_t cites = 0, found;
				int is_cra = 0;
				if (qu->type != XML_ELEMENT_NODE || strcmp((const char *)qu->name, "question"))
					continue;
				for (xmlNodePtr c = qu->children; c; c = c->next)
					if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "cite")) {
						xmlChar *reg = xmlGetProp(c, (const xmlChar *)"regulation");
						cites++;
						is_cra |= reg && !strcmp((const char *)reg, "cra");
						xmlFree(reg);
					}
				buf_init(&b);
				found = qnhelp_text(&b, qu, "ai-act", g, 2);
				nq++;
				if (found != cites || cites == 0 || strstr(b.s ? b.s : "", "(not in the graph)"))
					fail_msg("question on line %ld: %zu of %zu cites found:\n%s", xmlGetLineNo(qu), found,
					         cites, b.s ? b.s : "");
				if (is_cra) {
					ncra++;
					/* every definition of a CRA-only question is the CRA's */
					if (!strstr(b.s, "[cra:"))
						fail_msg("CRA question on line %ld shows no CRA text:\n%s", xmlGetLineNo(qu), b.s);
				}
				buf_free(&b);
			}
	}
	assert_true(nq >= 80);
	assert_true(ncra >= 10);
	xmlFreeDoc(qdoc);
	xmlFreeDoc(ai);
	xmlFreeDoc(cra);
	remove_tree(dir);
}

/* the help of one question: its own words find the definitions ("AI system") */
static void test_help_terms(void **state)
{
	char dir[256];
	xmlDocPtr ai, qdoc;
	buf b;
	static const char q[] =
		"<question id=\"q\" kind=\"yes-no\" fact=\"x.y\"><cite ref=\"art-6.1\">Article 6(1)</cite>"
		"<text>Is the AI system used as a safety component?</text></question>";
	(void)state;
	make_temp_dir(dir, sizeof dir, "qnhelp");
	ai = build_corpus_graph(dir, "ai-act");
	assert_non_null(ai);
	qdoc = xmlReadMemory(q, (int)sizeof q - 1, "q.xml", NULL, 0);
	assert_non_null(qdoc);
	{
		qn_graph g[1] = {{"ai-act", ai}};
		buf_init(&b);
		assert_int_equal(qnhelp_text(&b, xmlDocGetRootElement(qdoc), "ai-act", g, 1), 1);
		assert_non_null(strstr(b.s, "The law: Article 6(1) [ai-act:art-6.1]: "));
		assert_non_null(strstr(b.s, "  [ai-act:art-3.1] ‘AI system’ means"));
		assert_non_null(strstr(b.s, "  [ai-act:art-3.14] ‘safety component’ means"));
		buf_free(&b);
	}
	xmlFreeDoc(qdoc);
	xmlFreeDoc(ai);
	remove_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_skipping_and_kinds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_answers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_presets_and_batch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_loader_refuses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cites_and_shipped, setup, teardown),
		cmocka_unit_test(test_help_every_question),
		cmocka_unit_test(test_help_terms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
