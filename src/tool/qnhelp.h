/*
 * qnhelp.h - the help of a question of the questionnaire (regdoc new, "?").
 *
 * Owns: finding, in the graphs of the regulations, the law's text of every provision a
 * question cites (<cite ref regulation>) and the definitions of the terms the question
 * and those provisions use (the graph's <term ref> marks, and the defined terms' words
 * found in the question's own text), each from the right regulation's definitions.
 * Data-driven: nothing here knows a provision; a question needs no help text of its own.
 */
#ifndef REGDOC_TOOL_QNHELP_H
#define REGDOC_TOOL_QNHELP_H

#include <stddef.h>

#include <libxml/tree.h>

#include "util/buf.h"

/* A regulation's graph, by manifest id. */
typedef struct qn_graph {
	const char *id;
	xmlDocPtr doc;
} qn_graph;

#define QNHELP_MAX_TEXT 1200 /* bytes of one provision's text shown */
#define QNHELP_MAX_TERMS 8   /* definitions shown at most */

/* The help of question qu as lines (each a paragraph, '\n'-terminated) appended to out:
 * "The law: LABEL [REG:ID]: TEXT" per cite, then "Definitions:" and one line per
 * defined term. own: the questionnaire's regulation (a cite without regulation=).
 * Returns the number of provisions found. */
size_t qnhelp_text(buf *out, xmlNodePtr qu, const char *own, const qn_graph *graphs,
                   size_t ngraphs);

#endif
