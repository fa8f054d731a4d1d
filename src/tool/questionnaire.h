/*
 * questionnaire.h - `regdoc new PRODUCT.xml`: ask the facts of a product description
 * one question at a time and build the product document.
 *
 * Owns: reading the questionnaire (templates/questionnaire.xml, schema
 * templates/schema/questionnaire.rng: the questions are data, doc/questionnaire.md),
 * evaluating its conditions on the answers given so far (the condition language of
 * the rule files, plus <ref> to a <define>), asking (a terminal: prompts, help, asking
 * again after a bad answer; a script: one answer per line, no prompts, a bad or missing
 * answer is an error with its line), answers given in advance (--set ID=VALUE), and
 * turning the answers into a <product> document (doc/product.md).
 * Not: validating the product against product.rng or assessing it (regdoc.c does).
 */
#ifndef REGDOC_TOOL_QUESTIONNAIRE_H
#define REGDOC_TOOL_QUESTIONNAIRE_H

#include <stddef.h>
#include <stdio.h>

#include <libxml/tree.h>

#include "tool/qnhelp.h"
#include "util/diag.h"

#define QN_MAX_ANSWER 4096 /* bytes of one answer line */

typedef struct questionnaire questionnaire;

/* Load and validate path against schema (questionnaire.rng); also checks what a schema
 * cannot: unique question ids, every <ref> names a define declared before it, a multi
 * question's options each set facts of one element, choice options have no <set>.
 * NULL with diagnostics. */
questionnaire *qn_load(const char *path, const char *schema, diag *d);
void qn_free(questionnaire *q);

/* The regulation the questionnaire describes products for (its regulation attribute). */
const char *qn_regulation(const questionnaire *q);

/* The names of the conclusions printed as the route (<route><conclusion name>), in
 * order, into names[0..max); returns how many. */
size_t qn_route(const questionnaire *q, const char **names, size_t max);

/* Report every <cite ref> for which exists(ctx, ref) is 0. Returns the number reported. */
size_t qn_check_cites(const questionnaire *q, int (*exists)(void *ctx, const char *id),
                      void *ctx, diag *d);

typedef struct qn_io {
	FILE *in;            /* answers; NULL: none (batch: defaults and presets only) */
	FILE *out;           /* prompts (interactive only); NULL: stdout */
	const char *in_name; /* the answers' name in diagnostics, e.g. "stdin" */
	int interactive;     /* a person at a terminal: prompts, help, ask again */
	/* the regulations' graphs, for the help of a question ("?": the law's text of the
	 * provisions it cites and the definitions of the terms it uses; qnhelp.h) */
	const qn_graph *graphs;
	size_t ngraphs;
	/* product.rng, parsed: an answer is checked against the fact's attribute or
	 * element in it (the error then says what the schema allows); NULL: not checked */
	xmlDocPtr product_schema;
} qn_io;

/* Ask the questions. presets: "ID=VALUE" answers given in advance (an unknown ID or a
 * bad value is an error; one for a question that is never asked, a warning). An answer
 * "back" undoes the one before it (any number of times): the answers are replayed from
 * the start without it, so the questions that follow are the ones the law asks then.
 * "?" prints the question's help. Without answers (batch), every question that has no
 * preset and no default is reported, all in one run.
 * file_stem: the product file's name without .xml, for default="{file}" (NULL: none).
 * Returns the product document, or NULL with diagnostics (also when the answers ended
 * or the run was interrupted). */
xmlDocPtr qn_run(const questionnaire *q, const char *const *presets, size_t npresets,
                 const char *file_stem, const qn_io *io, diag *d);

#endif
