/*
 * xmlsafe.h - the one way regdoc parses XML it did not write.
 *
 * Owns: the libxml2 parser options for untrusted input (no network, no DTD loading,
 * no entity substitution, no XInclude, no huge mode), refusing a DOCTYPE that declares
 * entities, the size and nesting limits, reporting parse errors as path:line diagnostics,
 * reading only the parts of a document a caller asks for (xmlsafe_read_file_filtered), and
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

/* What a filtered read builds of an element the filter is asked about. */
typedef enum xmlsafe_keep {
	XMLSAFE_DROP,  /* nothing of it */
	XMLSAFE_EMPTY, /* the element and its attributes, none of its content */
	XMLSAFE_WHOLE, /* the element and everything in it; nothing in it is asked about */
	XMLSAFE_ASK    /* the element, its attributes and text; each child element asked about */
} xmlsafe_keep;

/* Asked about each child element of an element built as XMLSAFE_ASK (the root element
 * is always built so): depth 1 for the root's children; name its name as the tree would
 * give it (the local name; prefix:name when the prefix is undeclared, itself an error),
 * ns its namespace URI (NULL: none). */
typedef xmlsafe_keep (*xmlsafe_filter)(void *user, int depth, const xmlChar *name,
                                       const xmlChar *ns);

/* As xmlsafe_read_file, with the same checks over the whole file (every byte parsed:
 * the same refusals, and the same diagnostics but for the validity messages libxml2's
 * tree builder adds about an xml:id it does not build), but building only what keep
 * says: the tree is the one the file would give with the dropped elements and the
 * content of the emptied ones cut out of its text (so text on either side of a dropped
 * element is one text node). For a page that needs a few small parts of large
 * documents: what is not built costs no allocation. Line numbers are the file's.
 * keep NULL: the whole tree. */
xmlDocPtr xmlsafe_read_file_filtered(const char *path, xmlsafe_filter keep, void *user, diag *d);

/* Same, from memory; name is used in diagnostics. */
xmlDocPtr xmlsafe_read_memory_filtered(const char *buf, size_t len, const char *name,
                                       xmlsafe_filter keep, void *user, diag *d);

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
