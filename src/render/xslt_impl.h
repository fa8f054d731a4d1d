/*
 * xslt_impl.h - what the files of render/xslt share (private to src/render).
 *
 * Owns: the feature macro for realpath, the libxslt headers, the stylesheet, the message
 * sink and the run of one transform, and the calls between the files:
 *   xslt_diag.c  libxml2 / libxslt messages → diagnostics; the error channels
 *   xslt_load.c  the safe loader, the step hook, one-time set-up, xslt_sheet_load
 *   xslt_ext.c   the extension elements rd:page and rd:cache
 *   xslt.c       the security prefs (writes inside the output root), xslt_apply*
 * They call one way: xslt.c → ext, diag; load → diag. The public interface is
 * xslt.h; nothing outside src/render/xslt*.c includes this.
 */
#ifndef REGDOC_XSLT_IMPL_H
#define REGDOC_XSLT_IMPL_H

/* realpath is XSI: _POSIX_C_SOURCE alone does not declare it in glibc */
#if !defined(_XOPEN_SOURCE) || _XOPEN_SOURCE < 700
#undef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include "render/xslt.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <threads.h>

#include <libexslt/exslt.h>
#include <libxml/parser.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxslt/documents.h>
#include <libxslt/extensions.h>
#include <libxslt/security.h>
#include <libxslt/templates.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "render/html5.h"
#include "util/buf.h"
#include "util/fsio.h"
#include "util/xmlsafe.h"

/* The options of xmlsafe plus no CDATA nodes: never NOENT, DTDLOAD, DTDATTR, XINCLUDE
 * or HUGE. */
#define SAFE_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOWARNING)

struct xslt_sheet {
	xsltStylesheetPtr style;
	char *path;
};

/* Where messages of one load or one transform go. */
struct err_sink {
	diag *d;
	const char *sheet_path;          /* fallback location */
	xsltTransformContextPtr tctxt;   /* NULL while compiling */
	char pending_file[PATH_MAX];     /* location announced by xsltPrintErrorContext */
	unsigned long pending_line;
	int have_pending;
	size_t errors;                   /* errors reported through this sink */
	int oom_reported;                /* "out of memory" said once */
};

/* One transform: what check_write needs (reached through tctxt->_private). */
#define RUN_MAGIC 0x72647275u /* "rdru": a context of ours, in the process-wide hook */
struct run {
	unsigned magic;
	unsigned long steps;    /* instructions run (the step hook) */
	char root[PATH_MAX]; /* canonical output directory, or "" = refuse every write */
	struct err_sink *sink;
	xslt_page_fn page_fn; /* rd:page (xslt_apply_to_doc_pages), or NULL */
	void *page_arg;
	xmlHashTablePtr cache; /* rd:cache: key -> 'e' or 't' + HTML (xslt.h), or NULL */
};

/* The process-wide error channels, swapped in for one call and restored after. */
struct saved_channels {
	xmlGenericErrorFunc xslt_generic;
	void *xslt_generic_ctx;
	xmlGenericErrorFunc xml_generic;
	void *xml_generic_ctx;
	xmlStructuredErrorFunc xml_structured;
	void *xml_structured_ctx;
};

/* xslt_diag.c */
void xslt_generic_error(void *ctx, const char *fmt, ...);
void xslt_channels_enter(struct saved_channels *sv, struct err_sink *s);
void xslt_channels_leave(const struct saved_channels *sv);

/* xslt_ext.c */
void xslt_page_element(xsltTransformContextPtr ctxt, xmlNodePtr node, xmlNodePtr inst,
                       xsltElemPreCompPtr comp);
void xslt_cache_entry_free(void *payload, const xmlChar *name);
void xslt_cache_element(xsltTransformContextPtr ctxt, xmlNodePtr node, xmlNodePtr inst,
                        xsltElemPreCompPtr comp);

#endif
