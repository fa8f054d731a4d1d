/*
 * search_index.h - the client-side search index of the site (search-index.js).
 *
 * Owns: turning the search entries site.xsl returns as its principal result into a
 * JavaScript file that assigns one global, so search works from file:// without fetch.
 * Entries: <search><d p="PAGE" t="UNIT TITLE" f="">TEXT</d> starts a unit (its label is
 * its title), and each following <d f="FRAGMENT" l="LABEL">TEXT</d> belongs to it:
 *
 *   window.REGDOC_SEARCH = {"v":1,"units":[[PAGE,TITLE],...],
 *                           "docs":[[UNIT_INDEX,FRAGMENT,LABEL,TEXT],...]};
 *
 * Strings are JSON-escaped (quotes, backslash, control characters, U+2028/U+2029, and
 * "<" as \u003c so that no "</script" can ever appear). Entries keep document order.
 */
#ifndef REGDOC_RENDER_SEARCH_INDEX_H
#define REGDOC_RENDER_SEARCH_INDEX_H

#include <stddef.h>

#include <libxml/tree.h>

#include "util/diag.h"

/* Serialize the entries (the <search> element) into a new NUL-terminated buffer
 * (free() it). -1 on error. */
int search_index_build(xmlNodePtr entries, char **out, size_t *len, diag *d);

/* search_index_build, written to path. */
int search_index_write(xmlNodePtr entries, const char *path, diag *d);

#endif
