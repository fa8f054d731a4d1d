/*
 * status.h - regdoc status: how far a product's answers are (doc/answers.md).
 *
 * Owns: the state of each fill-in place of an assessment with its answers merged
 * (assess/answers.h): every point of the technical documentation that takes text and
 * every checklist item is answered, missing, or to review (answered against a version
 * of the law in which the provision it rests on has changed since), and the summary.
 * Which provisions changed between two versions is asked of the caller (a function),
 * so this module knows nothing of how versions are stored.
 */
#ifndef REGDOC_STATUS_H
#define REGDOC_STATUS_H

#include <stdio.h>

#include <libxml/tree.h>

/* 1 when the provision ref of regulation changed after version since (the version the
 * answers were written against); 0 when not or unknown. */
typedef int (*status_changed_fn)(void *arg, const char *regulation, const char *since,
                                 const char *ref);

typedef struct status_counts {
	size_t items, items_answered, points, points_answered, review;
} status_counts;

/* One line per place (STATE<TAB>KIND<TAB>ID<TAB>LABEL[: why]) and the summary line to
 * out; the counts into *c. changed may be NULL (nothing to review). */
void status_report(xmlDocPtr assessment, status_changed_fn changed, void *arg, FILE *out,
                   status_counts *c);

/* 1 when every place is answered and none is to review. */
int status_complete(const status_counts *c);

#endif
