/*
 * rngexplain.h - why a document does not fit its RELAX NG schema, in its writer's terms.
 *
 * Owns: reading a RELAX NG schema (the .rng document itself, not libxml2's compiled
 * form) as a table of what each element may hold: its attributes (required or not, the
 * values they take), its child elements (required, repeatable), its text; and walking
 * a document against that table to report, with file:line, an unknown element or
 * attribute with the allowed ones (and a "did you mean" for a near miss), a missing
 * required element or attribute with the schema's comment saying what it is for, a
 * bad value with the values allowed. Used by xmlsafe when libxml2's validator refuses
 * a document: libxml2 decides validity, this says why in words a writer can act on.
 * It knows no vocabulary: everything comes from the schema.
 */
#ifndef REGDOC_RNGEXPLAIN_H
#define REGDOC_RNGEXPLAIN_H

#include <libxml/tree.h>

#include "util/diag.h"

/* Report every problem of doc against the schema document rng (name: the document's
 * path in diagnostics; schema: the schema's file name in messages). Returns how many
 * errors it reported (0: it found nothing it can name; the caller then says so). */
size_t rngexplain(xmlDocPtr rng, xmlDocPtr doc, const char *name, const char *schema, diag *d);

/* Whether value is one the schema rng allows for the attribute attr of the element
 * named element (attr NULL: for the element's text): 1 when it is, or when the schema
 * has no such element or attribute; 0 when not, with *want (free it) saying what is
 * ("one of: yes, no", "a number ..., 0 or more"). For a questionnaire checking an
 * answer before it becomes a fact (regdoc new). */
int rngexplain_value(xmlDocPtr rng, const char *element, const char *attr, const char *value,
                     char **want);

#endif
