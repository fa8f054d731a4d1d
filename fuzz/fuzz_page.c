/*
 * fuzz_page.c - libFuzzer target for the page parser (ingest/page.c).
 *
 * The input is one Markdown page of the AI Act (its manifest is the real one,
 * corpus/ai-act/manifest.xml). page.c is only ever given text that fsio_read_text
 * checked (at most PAGE_MAX_BYTES, no NUL byte, valid UTF-8), so the harness applies
 * the same checks and skips what they refuse. What it checks beyond the sanitizers
 * (memory errors, leaks, undefined behaviour) and libFuzzer's time limit (the parser
 * must be linear): a unit that comes back has an id; no unit comes back only after
 * an error was reported.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "fuzz_common.h"
#include "ingest/manifest.h"
#include "ingest/page.h"
#include "util/diag.h"
#include "util/fsio.h"

static manifest m;

static void free_manifest(void)
{
	manifest_free(&m);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	diag d;
	(void)argc;
	(void)argv;
	fuzz_quiet_libxml();
	diag_init(&d, stderr);
	if (manifest_load(FUZZ_SOURCE_DIR "/corpus/ai-act", FUZZ_SOURCE_DIR "/templates/schema/manifest.rng",
	                  &m, &d) != 0)
		fuzz_setup_failed("corpus/ai-act/manifest.xml");
	atexit(free_manifest);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	char *copy;
	diag d;
	page_ctx pc;
	xmlDocPtr doc;
	xmlNodePtr unit;

	/* what fsio_read_text lets through, and nothing else */
	if (size > PAGE_MAX_BYTES || memchr(text, '\0', size) || fsio_utf8_invalid_at(text, size) != size)
		return 0;
	/* fsio_read_text NUL-terminates; the parser may rely on it */
	copy = malloc(size + 1);
	if (!copy)
		return 0;
	memcpy(copy, text, size);
	copy[size] = '\0';

	diag_init(&d, NULL);
	doc = xmlNewDoc((const xmlChar *)"1.0");
	pc.m = &m;
	pc.path = "fuzz/article-001.md";
	pc.doc = doc;
	pc.edges = xmlNewDocNode(doc, NULL, (const xmlChar *)"edges", NULL);
	pc.d = &d;
	unit = page_parse(&pc, copy, size);
	if (unit) {
		xmlChar *id = xmlGetProp(unit, (const xmlChar *)"id");
		if (!id || !id[0])
			abort(); /* every unit has an id */
		xmlFree(id);
		xmlDocSetRootElement(doc, unit);
	} else if (d.errors == 0) {
		abort(); /* a page is refused only with a reason */
	}
	xmlFreeNode(pc.edges);
	xmlFreeDoc(doc);
	free(copy);
	return 0;
}
