/*
 * fuzz_rules.c - libFuzzer target for the rule parser (assess/rules.c) and the engine
 * that runs rules (assess/engine.c): the input is one rule file (XML), read the way
 * `regdoc assess` reads rules/ *.xml: xmlsafe_read_memory, validation against
 * templates/schema/rules.rng, ruleset_add_doc (regulation, cited ids checked against
 * the real AI Act graph, unique rule ids, id templates) and ruleset_check_groups;
 * when it loads, it is evaluated over a real example product
 * (corpus/ai-act/products/hirerank-cv-screening.xml). Checked beyond the sanitizers:
 * a refused file is refused with a reason; every assessment written is valid against
 * assessment.rng.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_assess_common.h"
#include "util/xmlsafe.h"

static product example;

static void free_example(void)
{
	product_free(&example);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	diag d;
	(void)argc;
	(void)argv;
	fuzz_load_graph();
	diag_init(&d, stderr);
	if (product_load(&example, FUZZ_REG "/products/hirerank-cv-screening.xml",
	                 FUZZ_SOURCE_DIR "/templates/schema/product.rng", &d) != 0)
		fuzz_setup_failed("corpus/ai-act/products/hirerank-cv-screening.xml");
	atexit(free_example);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	diag d;
	xmlDocPtr doc;
	ruleset rs;

	diag_init(&d, NULL);
	doc = xmlsafe_read_memory((const char *)data, size, "fuzz-rules.xml", &d);
	if (!doc) {
		if (d.errors == 0)
			abort(); /* refused without a reason */
		return 0;
	}
	/* ruleset_add_file validates against rules.rng: the same, compiled once */
	if (!fuzz_valid(fuzz_rules_rng, doc)) {
		xmlFreeDoc(doc);
		return 0;
	}
	ruleset_init(&rs);
	if (ruleset_add_doc(&rs, doc, "fuzz-rules.xml", NULL, &fuzz_gindex, &d) == 0 &&
	    ruleset_check_groups(&rs, &d) == 0) {
		xmlDocPtr out = fuzz_assess(&rs, &example);
		if (out)
			xmlFreeDoc(out);
	} else if (d.errors == 0)
		abort();
	ruleset_free(&rs);
	return 0;
}
