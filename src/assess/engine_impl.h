/*
 * engine_impl.h - what the engine's two files share; private to src/assess (engine.h is
 * the interface).
 *
 * engine.c evaluates: conditions over the product's facts and the conclusions, the
 * product checks, the decisions, the <combine>s; engine_doc.c writes what they found as
 * the assessment document (templates/schema/assessment.rng).
 */
#ifndef REGDOC_ASSESS_ENGINE_IMPL_H
#define REGDOC_ASSESS_ENGINE_IMPL_H

#include <stddef.h>

#include <libxml/tree.h>

#include "assess/engine.h"

/* One fact a fired rule tested, as it stood then. */
typedef struct used_fact {
	char *name;
	char *value; /* values joined with ", "; NULL when not stated */
	unsigned long line;
} used_fact;

/* A regulation of the assessment: regs[0] is the product's own (primary), the others
 * come in through a <combine> of the primary's rules. */
typedef struct ereg {
	const char *id;      /* the graph's root id */
	const gindex *g;
	const ruleset *rs;
	char *site_base;     /* owned: link prefix into its site */
	int active;          /* its rules are evaluated */
	xmlNodePtr combine;  /* the <combine> that brought it in (others) */
} ereg;

typedef struct step {
	xmlNodePtr decision; /* NULL: a <combine> (rule is the <combine> element) */
	xmlNodePtr rule;
	const ereg *home;    /* the regulation whose rules hold it */
	used_fact *used;
	size_t nused;
} step;

typedef struct fired_item {
	xmlNodePtr item;
	xmlNodePtr rule;
	const ereg *home;
} fired_item;

/* A notice the engine itself adds (not from a rule's <notice>). */
typedef struct extra_notice {
	char *text;
	char *rule;
} extra_notice;

typedef struct engine {
	const product *p;
	const gindex *g;     /* the primary graph (regs[0].g) */
	ereg *regs;
	size_t nregs;
	engine_options o;
	diag *d;
	factset concl;
	/* missing facts already reported by a <require> (names borrowed from rule files) */
	const char **missing;
	size_t nmissing, capmissing;
	extra_notice *notes;
	size_t nnotes, capnotes;
	/* names tested while evaluating the current rule's condition */
	const char **tested;
	size_t ntested, captested;
	step *steps;
	size_t nsteps, capsteps;
	fired_item *items;
	size_t nitems, capitems;
	int oom;
} engine;

/* engine.c: reading rule elements in place */
int eng_is_elem(const xmlNode *n, const char *name);
/* An attribute's value in place (no namespace; NULL when absent). */
const char *eng_attr(const xmlNode *n, const char *name);
/* n or its first following sibling that is an element. */
xmlNodePtr eng_first_elem(xmlNodePtr n);
/* The first child element of n named name. */
xmlNodePtr eng_child(const xmlNode *n, const char *name);

/* The fact values with that name: product facts first, then conclusions. Calls fn for
 * each; stops when fn returns nonzero and returns that. */
typedef int (*value_fn)(const fact *f, void *arg);
int eng_each_value(const engine *e, const char *name, value_fn fn, void *arg);
/* The first value of fact name (product facts, then conclusions), or NULL. */
const fact *eng_first_fact(const engine *e, const char *name);
/* Condition c holds over the facts and conclusions (NULL: it does not). */
int eng_eval(engine *e, xmlNodePtr c);

/* engine_doc.c */
/* The element's text content, whitespace collapsed (a new string). */
char *eng_node_text(const xmlNode *n);
/* The assessment document of what the run found, or NULL (out of memory). */
xmlDocPtr eng_build(engine *e);

#endif
