/*
 * fuzz_product.c - libFuzzer target for the product parser (assess/product.c) and
 * what reads a product after it: the input is a product description (XML). It goes
 * the way `regdoc assess` takes it: xmlsafe_read_memory (size limit, no network, no
 * entities, no DTD), validation against templates/schema/product.rng, flattening
 * into facts (product_from_doc), then the AI Act's real rules evaluated over it
 * (engine_assess) against the real graph. Checked beyond the sanitizers: a refused
 * product is refused with a reason; a product that loads has a safe-slug id; every
 * assessment the engine writes is valid against assessment.rng.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_assess_common.h"
#include "util/text.h"
#include "util/xmlsafe.h"

static ruleset rules;

static void free_rules(void)
{
	ruleset_free(&rules);
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
	fuzz_assess(&rules, &p);
	product_free(&p);
	return 0;
}
