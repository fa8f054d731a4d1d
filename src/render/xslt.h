/*
 * xslt.h - run an XSLT stylesheet from C, safely.
 *
 * Owns: loading stylesheets with the xmlsafe rules (no network, no DTD, no entity
 * substitution, also for xsl:import / xsl:include and document()), the libxslt
 * security prefs of every transform (no network read or write, no directory creation,
 * no file write outside the output directory), resolving every relative
 * exsl:document / xsl:document href inside the output directory, writing the
 * principal result, and reporting XSLT errors as "sheet.xsl:LINE: error: ..."
 * diagnostics.
 *
 * Stylesheets may use EXSLT (exsl:document, str:, set:, math:, date: ...): the EXSLT
 * modules are registered once per process on the first xslt_sheet_load.
 *
 * xsl:message output is reported as a diagnostic: a message that starts with
 * "warning:" is a warning, "note:" a note, anything else (and terminate="yes") an
 * error. The location is the xsl:message element in the stylesheet.
 *
 * Not thread-safe: libxml2/libxslt keep some error handlers in process globals, which
 * xslt_sheet_load swaps in and restores around the compile step. regdoc runs one
 * transform at a time.
 */
#ifndef REGDOC_RENDER_XSLT_H
#define REGDOC_RENDER_XSLT_H

#include <stddef.h>

#include <libxml/tree.h>

#include "util/diag.h"

typedef struct xslt_sheet xslt_sheet;

/* Bounds on one transform (SECURITY.md, "Limits"): a template that loops is stopped
 * with an error naming the instruction it was at. The shipped site stylesheet on the
 * AI Act (the largest transform regdoc runs on its corpus) takes 262 000 instructions
 * and 2.9 million XPath operations, about 2 s: the limits leave a margin of 400, about
 * ten minutes.
 * A signal (regdoc_options.interrupt) is looked at every 1024 instructions. Template
 * recursion is bounded by libxslt (3000 nested calls), memory by the regdoc command
 * (main.c: its address space, REGDOC_MEMORY_LIMIT_MB). */
#define XSLT_MAX_STEPS 100000000ul
#define XSLT_MAX_XPATH_OPS 1000000000ul

/* Load and compile the stylesheet at path. Returns NULL with diagnostics (path:line)
 * when it cannot be read, is not well-formed, declares entities, or does not compile. */
xslt_sheet *xslt_sheet_load(const char *path, diag *d);

/* NULL is a no-op. */
void xslt_sheet_free(xslt_sheet *s);

/* Apply s to in (which is not modified).
 *
 * params: NULL, or name, value, name, value, ..., NULL. Values are plain strings (not
 *   XPath): each becomes a string parameter, whatever quotes it contains.
 * outdir: an existing directory; every file the stylesheet writes (exsl:document,
 *   xsl:document) must resolve inside it (relative hrefs resolve against it; absolute
 *   paths, "../", symlinks out, and URLs are refused with a diagnostic).
 * main_output: file name (relative to outdir, may contain "/" into existing
 *   subdirectories) for the principal result, or NULL to discard it.
 *
 * Returns 0 on success; -1 with diagnostics on any XSLT error (compile, runtime,
 * refused read/write, xsl:message terminate="yes") or I/O error. Files written before
 * the error are left in outdir (the caller owns cleaning up outdir). */
int xslt_apply(xslt_sheet *s, xmlDocPtr in, const char *const *params, const char *outdir,
               const char *main_output, diag *d);

/* As xslt_apply, but the principal result is returned serialized (per xsl:output) in a
 * new NUL-terminated buffer (*out, *len; free() it) instead of being written. outdir may
 * be NULL when the stylesheet writes no secondary documents: any write is then refused.
 * Returns 0, or -1 with diagnostics (*out is NULL then). */
int xslt_apply_to_memory(xslt_sheet *s, xmlDocPtr in, const char *const *params,
                         const char *outdir, char **out, size_t *len, diag *d);

/* A result tree of s (xslt_apply_to_doc) serialized as s's xsl:output says, the bytes
 * xslt_apply_to_memory gives for the same transform, in a new NUL-terminated buffer
 * (*out, *len; free() it): for a result that is both written and read by another
 * stylesheet, without writing and parsing it again. 0, or -1 with diagnostics. */
int xslt_serialize(xslt_sheet *s, xmlDocPtr result, char **out, size_t *len, diag *d);

/* As xslt_apply, but return the principal result tree (free with xmlFreeDoc), e.g. to
 * feed a second stylesheet. NULL with diagnostics on error. */
xmlDocPtr xslt_apply_to_doc(xslt_sheet *s, xmlDocPtr in, const char *const *params,
                            const char *outdir, diag *d);

/* A document the stylesheet reads with document(uri) from memory: registered in the
 * transform under uri (a file: URI or an absolute path, e.g.
 * "file:///regdoc-library/links.xml"), never read from disk. The caller keeps it; its
 * URL is uri during the transform and restored after. */
typedef struct xslt_doc {
	const char *uri;
	xmlDocPtr doc;
} xslt_doc;

/* As xslt_apply_to_doc, with docs[0..ndocs) readable by document(). */
xmlDocPtr xslt_apply_to_doc_with(xslt_sheet *s, xmlDocPtr in, const char *const *params,
                                 const xslt_doc *docs, size_t ndocs, const char *outdir,
                                 diag *d);

/* Pages written as the transform goes. With a page function, the stylesheet may use the
 * extension element page of namespace XSLT_REGDOC_NS (element-available('rd:page') is
 * then true): <rd:page href="{...}">content</rd:page> builds its content in a document
 * of its own under a <page> element, calls fn(arg, href, that element, d) and frees it,
 * so that the principal result never holds more than one page. fn returns 0, or -1
 * with diagnostics, which stops the transform. */
#define XSLT_REGDOC_NS "urn:x-regdoc:xslt"
typedef int (*xslt_page_fn)(void *arg, const char *href, xmlNodePtr page, diag *d);

/* With a page function, the extension element cache of the same namespace is available
 * too: <rd:cache key="{...}"><xsl:fallback>content</xsl:fallback></rd:cache> builds its
 * content the first time its key comes in a transform, keeps it as the HTML that
 * src/render/html5.c writes for it, and puts that HTML in place every time (a node only
 * html5.c writes: use it only where the content goes straight into a page, never in a
 * variable). The key must say everything the content depends on; the content must be
 * nodes (no attributes of the enclosing element). A processor without the element, or a
 * transform without a page function, runs the fallback: the same content, built. */

/* As xslt_apply_to_doc_with, with rd:page written through fn (NULL: not available). */
xmlDocPtr xslt_apply_to_doc_pages(xslt_sheet *s, xmlDocPtr in, const char *const *params,
                                  const xslt_doc *docs, size_t ndocs, const char *outdir,
                                  xslt_page_fn fn, void *arg, diag *d);

/* The path the sheet was loaded from (for messages). */
const char *xslt_sheet_path(const xslt_sheet *s);

#endif
