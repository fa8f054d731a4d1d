/*
 * fuzz_product.c - libFuzzer target for the product parser (assess/product.c) and
 * what reads a product after it: the input is a product description (XML). It goes
 * the way `regdoc assess` takes it: xmlsafe_read_memory (size limit, no network, no
 * entities, no DTD), validation against templates/schema/product.rng, flattening
 * into facts (product_from_doc), then the AI Act's real rules evaluated over it
 * (engine_assess) against the real graph. Checked beyond the sanitizers: a refused
 * product is refused with a reason; a product that loads has a safe-slug id; every
 * assessment the engine writes is valid against assessment.rng; and every rendering of
 * it (the checklist and the Annex IV template, each as HTML, Markdown and FODT, by the
 * shipped stylesheets, as `regdoc assess` renders them) is inert HTML, inert Markdown
 * (rendered by cmark) or well-formed XML (fuzz_inert.h).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_assess_common.h"
#include "fuzz_inert.h"
#include "render/xslt.h"
#include "util/text.h"
#include "util/xmlsafe.h"

static ruleset rules;

/* the stylesheets of src/assess/assess.c's outputs, and what each writes */
enum kind { HTML, MD, XML };
static const struct {
	const char *path;
	enum kind kind;
} outputs[] = {
	{"checklist/html.xsl", HTML}, {"checklist/md.xsl", MD}, {"checklist/fodt.xsl", XML},
	{"annex-iv/html.xsl", HTML},  {"annex-iv/md.xsl", MD},  {"annex-iv/fodt.xsl", XML},
};
#define NOUT (sizeof outputs / sizeof *outputs)
static xslt_sheet *sheets[NOUT];

static void free_rules(void)
{
	ruleset_free(&rules);
	for (size_t i = 0; i < NOUT; i++)
		xslt_sheet_free(sheets[i]);
}

/* Every rendering of the assessment out: inert, or well-formed XML. */
static void check_renderings(xmlDocPtr out)
{
	for (size_t i = 0; i < NOUT; i++) {
		diag d;
		char *s = NULL;
		size_t len = 0;
		diag_init(&d, NULL);
		if (xslt_apply_to_memory(sheets[i], out, NULL, NULL, &s, &len, &d) != 0)
			continue; /* refused with diagnostics (a transform limit): nothing written */
		if (outputs[i].kind == HTML)
			fuzz_check_html(s, len, 0);
		else if (outputs[i].kind == MD)
			fuzz_check_markdown(s, len);
		else
			fuzz_check_xml(s, len, outputs[i].path);
		free(s);
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	diag d;
	(void)argc;
	(void)argv;
	fuzz_load_graph();
	diag_init(&d, stderr);
	ruleset_init(&rules);
	if (ruleset_load_dir(&rules, FUZZ_REG "/rules", FUZZ_SOURCE_DIR "/templates/schema/rules.rng",
	                     &fuzz_gindex, &d) != 0)
		fuzz_setup_failed("corpus/ai-act/rules");
	for (size_t i = 0; i < NOUT; i++) {
		char path[512];
		snprintf(path, sizeof path, "%s/templates/%s", FUZZ_SOURCE_DIR, outputs[i].path);
		if (!(sheets[i] = xslt_sheet_load(path, &d)))
			fuzz_setup_failed(path);
	}
	atexit(free_rules); /* registered after the graph's: runs before it */
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	diag d;
	xmlDocPtr doc;
	product p;

	diag_init(&d, NULL);
	doc = xmlsafe_read_memory((const char *)data, size, "fuzz-product.xml", &d);
	if (!doc) {
		if (d.errors == 0)
			abort(); /* refused without a reason */
		return 0;
	}
	/* product_load validates against product.rng: the same, with the schema compiled once */
	if (!fuzz_valid(fuzz_product_rng, doc)) {
		xmlFreeDoc(doc);
		return 0;
	}
	if (product_from_doc(&p, doc, "fuzz-product.xml", NULL, &d) != 0) {
		if (d.errors == 0)
			abort();
		return 0;
	}
	if (!p.id || !text_is_slug(p.id))
		abort(); /* output folders are named after it */
	{
		xmlDocPtr out = fuzz_assess(&rules, &p);
		if (out) {
			check_renderings(out);
			xmlFreeDoc(out);
		}
	}
	product_free(&p);
	return 0;
}
