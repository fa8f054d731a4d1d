/*
 * product.h - a product description (templates/schema/product.rng, doc/product.md)
 * read into a table of facts.
 *
 * Owns: parsing a product file (xmlsafe), validating it against product.rng, and
 * flattening it into facts with no knowledge of what any fact means: each attribute
 * of an element below <product> is the fact "element.attribute" (nested elements:
 * "outer.inner.attribute"), the text of a leaf element is the fact "element", and the
 * root's attributes are "id" and "regulation". A repeated element gives a fact several
 * values. Each fact keeps the line and element it came from, for diagnostics and the
 * decision trace. Rules (rules.h) give the facts their meaning.
 */
#ifndef REGDOC_ASSESS_PRODUCT_H
#define REGDOC_ASSESS_PRODUCT_H

#include <stddef.h>

#include <libxml/tree.h>

#include "util/diag.h"
#include "util/xmlsafe.h"

typedef struct fact {
	char *name;
	char *value;
	unsigned long line;  /* 0 for a conclusion */
	xmlNodePtr elem;     /* the product element it came from; NULL for a conclusion */
	char *rule;          /* a conclusion: the rule that set it */
	char *label;         /* a conclusion: its human label, or NULL */
} fact;

typedef struct factset {
	fact *v;
	size_t n, cap;
} factset;

void factset_init(factset *fs);
void factset_free(factset *fs);
/* Append a fact (strings are copied; rule/label may be NULL). Returns 0 or -1 (memory). */
int factset_add(factset *fs, const char *name, const char *value, unsigned long line,
                xmlNodePtr elem, const char *rule, const char *label);

typedef struct product {
	char *path;       /* as given, for diagnostics */
	xmlDocPtr doc;    /* owned */
	factset facts;
	const char *id;   /* the product id (points into facts) */
} product;

/* Read, validate (against schema_path unless NULL) and flatten the product at path.
 * Returns 0, or -1 with path:line diagnostics (p is then empty). */
int product_load(product *p, const char *path, const char *schema_path, diag *d);

/* As product_load, the schema compiled once per cache (util/xmlsafe.h; NULL: none). */
int product_load_cached(product *p, const char *path, const char *schema_path,
                        xmlsafe_schemas *schemas, diag *d);

/* As product_load, from a parsed document (ownership moves to p, also on failure);
 * name is used in diagnostics. */
int product_from_doc(product *p, xmlDocPtr doc, const char *name, const char *schema_path,
                     diag *d);

/* The same from the XML text buf[0..len), named name in diagnostics. */
int product_load_memory(product *p, const char *buf, size_t len, const char *name,
                        const char *schema_path, diag *d);

void product_free(product *p);

#endif
