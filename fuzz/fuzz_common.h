/*
 * fuzz_common.h - what every regdoc fuzz target shares.
 *
 * The targets are plain C11 and are compiled twice: with clang and libFuzzer
 * (fuzz/CMakeLists.txt, -DREGDOC_FUZZ=ON) and, in the ordinary build, with the replay
 * driver tests/fuzz-regress/replay.c, which feeds them the files of
 * tests/fuzz-regress/<target>/ (every crash the fuzzer found) and the seed corpus.
 *
 * FUZZ_SOURCE_DIR is the source tree (set by CMake): the targets read the shipped
 * schemas and the real corpus from there, once, in LLVMFuzzerInitialize.
 */
#ifndef REGDOC_FUZZ_COMMON_H
#define REGDOC_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#ifndef FUZZ_SOURCE_DIR
#error "FUZZ_SOURCE_DIR must name the source tree"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* libxml2 messages that bypass regdoc's diagnostics (none should) are dropped. */
static inline void fuzz_drop_generic(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static inline void fuzz_quiet_libxml(void)
{
	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, fuzz_drop_generic);
}

/* Setup failures are the harness's, not the input's: stop loudly. */
static inline void fuzz_setup_failed(const char *what)
{
	fprintf(stderr, "fuzz setup failed: %s\n", what);
	exit(2);
}

static inline void fuzz_drop_structured(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

/* A RELAX NG schema of the source tree, compiled once (the targets validate as
 * regdoc does, without compiling the schema for every input). */
static inline xmlRelaxNGPtr fuzz_load_rng(const char *path)
{
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(path);
	xmlRelaxNGPtr rng;
	if (!pc)
		fuzz_setup_failed(path);
	rng = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
	if (!rng)
		fuzz_setup_failed(path);
	return rng;
}

/* 1 when doc is valid against rng; the validation errors are dropped. */
static inline int fuzz_valid(xmlRelaxNGPtr rng, xmlDocPtr doc)
{
	xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(rng);
	int rc;
	if (!vc)
		return 0;
	xmlRelaxNGSetValidStructuredErrors(vc, fuzz_drop_structured, NULL);
	rc = xmlRelaxNGValidateDoc(vc, doc);
	xmlRelaxNGFreeValidCtxt(vc);
	return rc == 0;
}

#endif
