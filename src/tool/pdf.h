/*
 * pdf.h - regdoc assess/build --pdf: PDF of the product documents through LibreOffice
 * (`soffice --headless --convert-to pdf`), when it is installed.
 *
 * Owns: finding soffice on PATH, running it with a private profile (a temporary folder,
 * removed after: no state shared with a user's LibreOffice) on files of one folder, and
 * checking that each PDF was written. Without soffice: one clear error, nothing run.
 */
#ifndef REGDOC_PDF_H
#define REGDOC_PDF_H

#include <stddef.h>

#include "util/diag.h"

/* Convert dir/names[i] (i < n) to dir/<name>.pdf. 0, or -1 with diagnostics (I/O:
 * d->sys_error). */
int pdf_convert(const char *dir, const char *const *names, size_t n, diag *d);

#endif
