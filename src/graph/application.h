/*
 * application.h - from when each provision applies (dates of application).
 *
 * Owns: reading a version's dates of application (the manifest's <version
 * application="application.xml">, or <application file="application.xml"/> for a
 * regulation with one text; schema templates/schema/application.rng,
 * doc/application.md), checking that every id it names is an element of the version's
 * graph, and writing them into that graph: the rules themselves as <application> (so a
 * reader sees the conditional dates and the provisions that say so), and on every unit
 * of the kinds they cover, and on every element inside whose date differs from its
 * parent's, applies-from (the date) and applies-by (the provision: art-113.sub3.a).
 * The most specific rule wins: one naming the element or an element that holds it,
 * then its unit's section, then its chapter, then the general date. The dates are data;
 * nothing here names a regulation or a date.
 */
#ifndef REGDOC_APPLICATION_H
#define REGDOC_APPLICATION_H

#include "ingest/corpus.h"
#include "util/diag.h"

/* The dates of application of r's version (or of r, with one text) into r->doc
 * (nothing when it has none). Errors name the data file and line. */
int graph_apply_dates(regulation *r, const char *datadir, diag *d);

#endif
