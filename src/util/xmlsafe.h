/*
 * xmlsafe.h - the one way regdoc parses XML it did not write.
 *
 * Owns: the libxml2 parser options for untrusted input (no network, no DTD loading,
 * no entity substitution, no XInclude, no huge mode), refusing a DOCTYPE that declares
 * entities, the size and nesting limits, reporting parse errors as path:line diagnostics, and
 * RELAX NG validation with the same reporting.
 */
#ifndef REGDOC_XMLSAFE_H
#define REGDOC_XMLSAFE_H

#include <libxml/tree.h>

#include "util/diag.h"

#define XMLSAFE_MAX_BYTES (16u * 1024u * 1024u)
/* Elements nested deeper than this are refused (libxml2 itself stops at 256 without
 * XML_PARSE_HUGE); regdoc's vocabularies nest a few levels, stylesheets a few dozen. */
#define XMLSAFE_MAX_DEPTH 128

/* Parse the file at path; NULL (with diagnostics) when it cannot be read, is too big,
 * nests too deep, is not well-formed, or declares a DTD with entities. */
xmlDocPtr xmlsafe_read_file(const char *path, diag *d);

/* Same, from memory; name is used in diagnostics. */
xmlDocPtr xmlsafe_read_memory(const char *buf, size_t len, const char *name, diag *d);

/* Validate doc against the RELAX NG schema at rng_path; every problem is reported
 * as name:line. Returns 0 when valid. */
int xmlsafe_validate(xmlDocPtr doc, const char *rng_path, const char *name, diag *d);

/* Compiled schemas by path, for a job that validates many documents against the same
 * few schemas (regdoc build: every product). A schema is read and compiled on its first
 * use; one that does not compile is not kept (every use reports it). */
typedef struct xmlsafe_schemas xmlsafe_schemas;

xmlsafe_schemas *xmlsafe_schemas_new(void); /* NULL: out of memory */
void xmlsafe_schemas_free(xmlsafe_schemas *c); /* NULL is a no-op */

/* As xmlsafe_validate, with the schema compiled once per cache c (NULL: no cache). */
int xmlsafe_validate_cached(xmlsafe_schemas *c, xmlDocPtr doc, const char *rng_path,
                            const char *name, diag *d);

#endif
