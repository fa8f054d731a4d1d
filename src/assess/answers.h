/*
 * answers.h - a writer's answers to a product's checklist and technical documentation
 * template (PRODUCT.answers.xml beside PRODUCT.xml; templates/schema/answers.rng;
 * doc/answers.md).
 *
 * Owns: where the answers of a product live, reading and validating them, and merging
 * them into an assessment as its <answers> element (every rendering reads them from
 * there). It never writes an answers file: only `regdoc import` does (src/tool/import.c).
 */
#ifndef REGDOC_ANSWERS_H
#define REGDOC_ANSWERS_H

#include <libxml/tree.h>

#include "util/diag.h"
#include "util/xmlsafe.h"

/* The answers file of a product: "dir/x.xml" -> "dir/x.answers.xml" (a path without
 * ".xml" gets ".answers.xml" appended). NULL when out of memory. */
char *answers_path_for(const char *product_path);

/* 1 when a file name is an answers file (ends in ".answers.xml"): regdoc build does not
 * read it as a product. */
int answers_is_answers_file(const char *name);

/* Read path and validate it against rng (the schemas cache c may be NULL). NULL with
 * path:line diagnostics. */
xmlDocPtr answers_load(const char *path, const char *rng, xmlsafe_schemas *c, diag *d);

/* Put a copy of the answers into the assessment as /assessment/answers (after its
 * documentation): a point of the assessment's own regulation loses its regulation
 * attribute, so that a point is found by (regulation or "", ref). The answers must be
 * for the assessment's product (an error naming path and line otherwise). An answer
 * for a point or item the assessment does not have is a warning (it is kept in the
 * file, shown nowhere). 0, or -1 with diagnostics. */
int answers_merge(xmlDocPtr assessment, xmlDocPtr answers, const char *path, diag *d);

#endif
