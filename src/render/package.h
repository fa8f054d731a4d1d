/*
 * package.h - a document package (DOCX, ODT) from the description an XSLT writes: a
 * <package xmlns="urn:x-regdoc:package"> of <part name="..."> elements, each holding one
 * XML element (the part's document) or text (store="yes": uncompressed, the ODF
 * mimetype); templates/schema/package.rng, doc/product.md "Word and OpenDocument".
 *
 * Owns: serialising each part as a document of its own (UTF-8, XML declaration) and
 * zipping the parts in their order (util/zipio: libzip). Knows nothing of what the
 * parts mean: the templates write [Content_Types].xml, the relationships, the ODF
 * manifest.
 */
#ifndef REGDOC_PACKAGE_H
#define REGDOC_PACKAGE_H

#include <stddef.h>
#include <time.h>

#include <libxml/tree.h>

#include "util/diag.h"

#define PACKAGE_NS "urn:x-regdoc:package"

/* The ZIP bytes of pkg (*out, *len; free() it), every entry dated mtime. name for
 * diagnostics. 0, or -1 with diagnostics. */
int package_zip(xmlDocPtr pkg, time_t mtime, const char *name, char **out, size_t *len,
                diag *d);

#endif
