/*
 * reload.h - a regulation's graph read back from the graph.xml a previous build wrote,
 * instead of its pages (regdoc build, when no input of the graph stage changed:
 * doc/cache.md, "The graph stage").
 *
 * Owns: parsing the bytes (util/xmlsafe: untrusted like any input), undoing the
 * indentation the graph writer adds (graph/graph.c, XML_SAVE_FORMAT) so that the
 * document is the one the graph stage had in memory, node for node, and checking that
 * it is the graph of the regulation and version r was opened at
 * (regulation_open_version). Not: deciding whether the bytes can be trusted (the
 * build cache does: build/cache.h) or where they are.
 */
#ifndef REGDOC_RELOAD_H
#define REGDOC_RELOAD_H
#include <stddef.h>
#include "ingest/corpus.h"
#include "util/diag.h"

/* r opened (regulation_open_version, r->doc NULL): r->doc and r->edges from text[0..len)
 * (name: in diagnostics). 0; or -1 with a diagnostic (not well-formed, not a graph of
 * r's id and version) and r->doc left NULL. */
int regulation_reload(regulation *r, const char *text, size_t len, const char *name, diag *d);

/* Remove from doc the whitespace the formatted writer added (every element whose
 * children it indented: a newline and two spaces per level before each child and
 * before the end tag); elements with text of their own, and all below them, are left
 * as they are (the writer does not indent them). For tests: reload does it. */
void reload_unindent(xmlDocPtr doc);
#endif
