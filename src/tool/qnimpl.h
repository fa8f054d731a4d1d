/*
 * qnimpl.h - what the questionnaire's files share; private to src/tool (questionnaire.h
 * is the interface).
 *
 * questionnaire.c reads and checks the questionnaire; qnanswer.c holds a run's facts,
 * evaluates the conditions on them, parses an answer and records it in the product;
 * qnask.c asks (prompts, help, "back", presets, batch) and walks the questions.
 */
#ifndef REGDOC_TOOL_QNIMPL_H
#define REGDOC_TOOL_QNIMPL_H

#include <stddef.h>
#include <stdio.h>

#include <libxml/tree.h>

#include "tool/questionnaire.h"
#include "util/buf.h"
#include "util/diag.h"

struct questionnaire {
	xmlDocPtr doc;
	char *path;
	char *regulation;
};

typedef struct fact {
	char *name, *value;
} fact;

typedef struct run {
	const questionnaire *q;
	const qn_io *io;
	FILE *out;
	diag *d;
	fact *facts;
	size_t nfacts, capfacts;
	xmlDocPtr doc;     /* the product being built */
	xmlNodePtr root;
	unsigned long in_line;
	unsigned asked;
	const char *const *presets;
	size_t npresets;
	unsigned char *preset_used;
	const char *file_stem;
	char *line;        /* getline's buffer */
	size_t linecap;
	int oom;
	/* the answers read so far, in order (not the presets): replayed after "back" */
	char **hist;
	unsigned char *hist_empty; /* an optional question left out */
	size_t nhist, caphist;
	size_t replay;     /* during a walk: the next answer of hist to replay */
	size_t missing;    /* batch: questions without preset or default */
	xmlNodePtr shown_section; /* interactive: the section whose title was printed last */
} run;

enum { ASK_OK = 0, ASK_FAIL = -1, ASK_BACK = 1, ASK_MISSING = 2 };

/* One parsed answer: the chosen options (multi), or the value. */
/* One parsed answer: the chosen options (multi), or the value. */
typedef struct answer {
	char value[QN_MAX_ANSWER + 1];
	xmlNodePtr opts[64];
	size_t nopts;
} answer;

/* questionnaire.c: reading the tree */
int qn_is_elem(xmlNodePtr n, const char *name);
xmlNodePtr qn_first_elem(xmlNodePtr parent, const char *name);
/* An attribute's value, borrowed from the tree (NULL when absent). */
const char *qn_attr(xmlNodePtr n, const char *name);
unsigned long qn_line_of(xmlNodePtr n);
/* The text of an element with its white space collapsed, in a new string. */
char *qn_text_of(xmlNodePtr n);
/* s[0..n) and word[0..n) are equal ignoring ASCII case. */
int qn_ncase_eq(const char *s, const char *word, size_t n);
/* a and b are equal ignoring ASCII case. */
int qn_ieq(const char *a, const char *b);
/* The <define name> among root's children before `before` (NULL: any), or NULL. */
xmlNodePtr qn_find_define(xmlNodePtr root, const char *name, xmlNodePtr before);

/* qnanswer.c: the answers, the conditions, the product */
/* Keep an answer read (empty: an optional question left out) for replay after "back". */
int qn_remember(run *r, const char *answer, int empty);
/* A <when> child holds (or there is none). */
int qn_applies(const run *r, xmlNodePtr n);
/* s without leading and trailing white space (s is changed). */
const char *qn_trim(char *s);
/* Parse s as an answer to qu into *a. 1 when good; 0 with *why. */
int qn_parse_answer(run *r, xmlNodePtr qu, const char *s, answer *a, const char **why,
                    buf *whybuf);
/* The question's default, with {file} replaced; NULL when none applies. */
const char *qn_default_of(const run *r, xmlNodePtr qu);
/* Record the answer: facts for the conditions, and the product tree unless write="no". */
int qn_record(run *r, xmlNodePtr qu, const answer *a);

#endif
