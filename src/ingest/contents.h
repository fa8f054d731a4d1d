/*
 * contents.h - the regulation's contents page (contents.md) → <contents>.
 *
 * Owns: the title of the act, its chapters and sections and which articles each
 * holds, with ids chp-3 and chp-3.sec-2 (README, "Ids").
 */
#ifndef REGDOC_CONTENTS_H
#define REGDOC_CONTENTS_H

#include "ingest/page.h"

/* Parse contents.md; *title gets the act's full title (malloc'd, may be NULL). */
xmlNodePtr contents_parse(const page_ctx *pc, const char *text, size_t len, char **title);

#endif
