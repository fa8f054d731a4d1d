/*
 * fuzz_cite.c - libFuzzer target for the citation scanner (link/cite.h; its files:
 * link/cite_impl.h).
 *
 * Scans the input as one paragraph with a fixed context and checks what the
 * scanner promises in cite.h: spans inside the text, in order and not overlapping;
 * ranges cut at max_range; internal citations with at least one non-empty id;
 * external ones with a CELEX number and no targets. Any breach aborts, so the
 * fuzzer reports it like a crash. Build with -fsanitize=fuzzer,address,undefined.
 */
#include "link/cite.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_MAX_RANGE 16

/* Internal citations carry ids and no act; external ones the reverse. */
static int cite_is_well_formed(const cite *c)
{
	if (c->kind == CITE_EXTERNAL)
		return c->ntargets == 0 && c->targets == NULL && c->celex[0] == '3' &&
		       memchr(c->celex, '\0', sizeof c->celex) != NULL &&
		       memchr(c->act, '\0', sizeof c->act) != NULL;
	if (c->ntargets == 0 || c->ntargets > FUZZ_MAX_RANGE || c->targets == NULL)
		return 0;
	for (size_t j = 0; j < c->ntargets; j++) {
		const char *id = c->targets[j].s;
		if (id[0] == '\0' || memchr(id, '\0', CITE_ID_MAX) == NULL)
			return 0;
	}
	return 1;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Nothing to set up; defined so the replay driver (tests/fuzz-regress) can call it. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const cite_context ctx = {
		.unit = "art-43",
		.para = "art-43.1",
		.container = "art-43.1.sub2",
		.chapter = "chp-3",
		.section = "chp-3.sec-5",
	};
	cite_list list = {0};

	if (cite_scan((const char *)data, size, &ctx, FUZZ_MAX_RANGE, &list) != 0)
		abort(); /* only running out of memory may fail */

	size_t last_end = 0;
	for (size_t i = 0; i < list.n; i++) {
		const cite *c = &list.v[i];
		if (c->start >= c->end || c->end > size || c->start < last_end)
			abort();
		if (!cite_is_well_formed(c))
			abort();
		last_end = c->end;
	}
	cite_list_free(&list);
	return 0;
}
