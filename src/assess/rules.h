/*
 * rules.h - the rule files of a regulation (templates/schema/rules.rng, doc/rules.md).
 *
 * Owns: reading every *.xml in a rules folder (byte order of names), validating each
 * against rules.rng, and the checks a schema cannot make, each reported as
 * file:line: the rules are for the graph's regulation; every graph id they cite
 * (cite/@ref, item/@provision) exists in the graph (ids of another regulation are
 * checked only when that graph is given); rule ids are unique; every item names a
 * declared group; id templates of <exists> are well formed.
 * The engine (engine.h) evaluates the loaded documents as they are.
 */
#ifndef REGDOC_ASSESS_RULES_H
#define REGDOC_ASSESS_RULES_H

#include <stddef.h>

#include <libxml/tree.h>

#include "assess/gindex.h"
#include "util/diag.h"
#include "util/xmlsafe.h"

typedef struct rulefile {
	char *path;
	xmlDocPtr doc;
} rulefile;

typedef struct ruleset {
	rulefile *v;
	size_t n, cap;
	/* borrowed, may be NULL: the compiled schemas to validate with, so that a folder
	 * of rule files compiles rules.rng once, not once a file */
	xmlsafe_schemas *schemas;
} ruleset;

/* An empty set; schemas may be NULL. */
void ruleset_init(ruleset *rs);
void ruleset_free(ruleset *rs);

/* Load every *.xml file of dir. Returns 0, or -1 with diagnostics (rs then holds the
 * files that loaded; free it either way). */
int ruleset_load_dir(ruleset *rs, const char *dir, const char *schema_path, const gindex *g,
                     diag *d);

/* Load one file and append it. */
int ruleset_add_file(ruleset *rs, const char *path, const char *schema_path,
                     const gindex *g, diag *d);

/* Append a parsed document (ownership moves to rs, also on failure); name is used
 * in diagnostics. schema_path may be NULL (no validation). */
int ruleset_add_doc(ruleset *rs, xmlDocPtr doc, const char *name, const char *schema_path,
                    const gindex *g, diag *d);

/* Every item names a group some loaded file declares (ruleset_load_dir runs this;
 * call it after the last ruleset_add_*). Returns 0, or -1 with diagnostics. */
int ruleset_check_groups(const ruleset *rs, diag *d);

/* The ids the rules name in other regulations (cite/@ref, item/@provision with a
 * regulation attribute that is not the rules' own) must exist in those regulations'
 * graphs; an id of a regulation that is not among graphs is not checked. Returns 0, or
 * -1 with file:line diagnostics. */
int ruleset_check_other_refs(const ruleset *rs, const gindex *const *graphs, size_t ngraphs,
                             diag *d);

/* Rules of regulations assessed together need distinct rule ids and item ids (the
 * trace and the checklist name them): -1 with file:line diagnostics when an id of a is
 * used in b. */
int ruleset_check_disjoint(const ruleset *a, const ruleset *b, diag *d);

/* The expansion of an <exists> id template for one product element: {attr} is the
 * element's attribute, "[...]" is dropped when an attribute inside it is absent.
 * Returns a new string, or NULL when a required attribute is absent or the template
 * is malformed (*bad set to 1 for a malformed one). */
char *rules_expand_template(const char *tmpl, xmlNodePtr elem, int *bad);

#endif
