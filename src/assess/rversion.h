/*
 * rversion.h - the versions of the law a part of the rules holds for.
 *
 * Owns: the since and until attributes of the rule files (doc/rules.md, "Versions of
 * the law"): an element of a rule file (the whole <rules>, a decision, rule, because, check,
 * item, citation, notice, conclusion, group, combine or documentation) holds for the
 * versions of the law from its since (a version id) up to and including its until;
 * without them, for every version. Version ids are the dates the versions apply from
 * (YYYY-MM-DD, doc/manifest.md), so they order by time as strings do.
 * The rules loader (rules.h) removes, after schema validation and before its checks,
 * every element that does not hold for the version of the graph the rules are loaded
 * against: the engine then sees the rules of that version only.
 */
#ifndef REGDOC_ASSESS_RVERSION_H
#define REGDOC_ASSESS_RVERSION_H

#include <libxml/tree.h>

#include "util/diag.h"

/* 1 when n (an element of a rule file) holds for version (NULL: a regulation with one
 * version, for which every element holds). */
int rversion_holds(const xmlNode *n, const char *version);

/* Remove from doc every element that does not hold for version. An element with since
 * or until when version is NULL (the graph has no versions), with since after until, or
 * a rule left with no <because> or more than one, is an error at path:line. Returns 0, or -1 with diagnostics. */
int rversion_prune(xmlDocPtr doc, const char *path, const char *version, diag *d);

#endif
