/*
 * pdf.h - regdoc assess/build --pdf: PDF of the product documents through LibreOffice
 * (`soffice --headless --convert-to pdf`), when it is installed.
 *
 * Owns: which file a document's PDF is made from (its OpenDocument .odt, LibreOffice's
 * own format: one PDF per document, never two sources for one PDF), finding soffice on
 * PATH, running it with a private profile (a temporary folder, removed after: no state
 * shared with a user's LibreOffice) on files of one folder, and checking that each PDF
 * was written. Without soffice: one clear error, nothing run.
 *
 * The PDFs are not byte-identical between runs: LibreOffice writes the time of the
 * conversion (/CreationDate, XMP dates) and a random /ID into each, and it has no
 * supported option to fix them (7.4 ignores SOURCE_DATE_EPOCH).
 */
#ifndef REGDOC_PDF_H
#define REGDOC_PDF_H

#include <stddef.h>

#include "util/diag.h"

/* 1 when a document's PDF is made from the file name (DOCUMENT.odt), else 0. */
int pdf_is_source(const char *name);

/* Convert dir/names[i] (i < n) to dir/<name>.pdf; no two names may share a stem. 0, or -1 with diagnostics (I/O:
 * d->sys_error). */
int pdf_convert(const char *dir, const char *const *names, size_t n, diag *d);

#endif
