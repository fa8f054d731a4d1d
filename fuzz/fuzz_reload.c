/*
 * fuzz_reload.c - libFuzzer target for reading a graph back from a previous build's
 * output (ingest/reload.c, regdoc build when no input of the graph stage changed):
 * the input is the bytes of OUTDIR/mini/graph.xml, which anyone who can write the
 * output folder controls, read for the fixture regulation tests/fixtures/mini.
 * Checked beyond the sanitizers: a refused file is refused with a reason; a graph
 * read back is one the graph stage could have made: serialised as graph_write
 * writes it (graph_serialize, indented) and read back again, it is the same document,
 * node for node (what the build cache relies on: a warm build byte-identical to a
 * cold one).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "graph/graph.h"
#include "ingest/corpus.h"
#include "ingest/reload.h"

#define MINI FUZZ_SOURCE_DIR "/tests/fixtures/mini"

static regulation opened; /* the fixture's manifest; each input gets a copy without a doc */

static void check_golden(void);

static void free_opened(void)
{
	regulation_free(&opened);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	diag d;
	(void)argc;
	(void)argv;
	fuzz_quiet_libxml();
	diag_init(&d, stderr);
	if (regulation_open_version(MINI, FUZZ_SOURCE_DIR, NULL, NULL, &opened, &d) != 0)
		fuzz_setup_failed("tests/fixtures/mini/manifest.xml");
	atexit(free_opened);
	check_golden();
	return 0;
}

static int check_one(const uint8_t *data, size_t size);

/* The fixture's graph as regdoc writes it (golden.graph.mini) reads back and passes
 * the round trip: so the replay of the seeds runs the whole check, not only refusals. */
static void check_golden(void)
{
	size_t len = 0;
	char *g = NULL;
	FILE *f = fopen(FUZZ_SOURCE_DIR "/tests/golden/graph/mini.graph.xml", "rb");
	if (f) {
		g = malloc(1 << 20);
		len = g ? fread(g, 1, 1 << 20, f) : 0;
		fclose(f);
	}
	if (!g || len == 0 || check_one((const uint8_t *)g, len) != 1)
		fuzz_setup_failed("tests/golden/graph/mini.graph.xml (not read back)");
	free(g);
}

/* doc, every node as it is (not indented) */
static xmlChar *dumped(xmlDocPtr doc, int *n)
{
	xmlChar *s = NULL;
	xmlDocDumpMemory(doc, &s, n);
	return s;
}

/* 1: read back and round-tripped; 0: refused with a reason; aborts otherwise */
static int check_one(const uint8_t *data, size_t size)
{
	diag d;
	regulation r = opened, again = opened; /* the manifest is shared: never freed here */
	xmlBufferPtr w;
	xmlChar *a, *b;
	int na = 0, nb = 0;

	r.doc = again.doc = NULL;
	diag_init(&d, NULL);
	if (regulation_reload(&r, (const char *)data, size, "fuzz-graph.xml", &d) != 0) {
		if (d.errors == 0 || r.doc)
			abort(); /* refused without a reason, or half taken */
		return 0;
	}
	if (!r.doc || !r.edges || r.edges->doc != r.doc)
		abort();
	w = graph_serialize(r.doc);
	if (!w)
		abort(); /* a document read back that the writer cannot write */
	diag_init(&d, NULL);
	if (regulation_reload(&again, (const char *)xmlBufferContent(w), (size_t)xmlBufferLength(w),
	                      "fuzz-graph-again.xml", &d) != 0)
		abort(); /* what the writer wrote is not read back */
	a = dumped(r.doc, &na);
	b = dumped(again.doc, &nb);
	if (!a || !b || na != nb || memcmp(a, b, (size_t)na) != 0)
		abort(); /* written and read back, it is another document */
	xmlFree(a);
	xmlFree(b);
	xmlBufferFree(w);
	xmlFreeDoc(r.doc);
	xmlFreeDoc(again.doc);
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_one(data, size);
	return 0;
}
