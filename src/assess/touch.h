/*
 * touch.h - does a computed recital belong under a checklist item?
 *
 * Owns: reading the evidence of a suggests edge (doc/graph.md, "Computed relations":
 * "cites: ID, ...; terms: ...; words: ...; via: ID") against the provision a checklist
 * item names. A suggestion is computed for a whole unit (an article or annex); an item
 * names a paragraph or point of it, so the unit's suggestion is shown under the item
 * only when its evidence touches that provision (doc/rules.md, "What the engine does
 * with a fired rule").
 */
#ifndef REGDOC_ASSESS_TOUCH_H
#define REGDOC_ASSESS_TOUCH_H

#include "assess/gindex.h"

/* 1 when the evidence touches the provision id of g: the provision is a whole unit;
 * or an id of the evidence's "cites:" group is the provision, lies inside it or holds
 * it; or every item of its "words:" group (its "terms:" group when it has no words)
 * occurs in the provision's text (its own and everything below it), case-insensitive,
 * at the start of a word. 0 otherwise, also for a NULL evidence. */
int touch_evidence(const gindex *g, const char *provision, const char *evidence);

#endif
