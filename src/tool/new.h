/*
 * new.h - the job of `regdoc new PRODUCT.xml` once the regulation's graph is loaded:
 * ask (questionnaire.h), write the product file (validated against product.rng, built
 * beside it and renamed into place), assess it with the regulation's rules and print
 * the route it leads to.
 */
#ifndef REGDOC_TOOL_NEW_H
#define REGDOC_TOOL_NEW_H

#include <libxml/tree.h>

#include "assess/assess.h"
#include "regdoc.h"
#include "tool/questionnaire.h"
#include "util/diag.h"

/* graph: the regulation's graph (borrowed); regdir: its folder (rules/ in it);
 * templates: the templates folder (schema/product.rng, checklist/ ...); base: the
 * assessment options (the other regulations of the library; NULL: none). 0 or -1. */
int new_product(const questionnaire *q, xmlDocPtr graph, const char *regdir,
                const char *templates, const char *product_path, const regdoc_new_options *n,
                const assess_options *base, diag *d);

#endif
