/*
 * export.h - `regdoc templates --export DIR`: a copy of the templates in use (schemas,
 * XSLT, static files, questionnaire) for a team to restyle and pass back with
 * `regdoc build --templates DIR`.
 *
 * Owns: the copy. Regular files and folders only (a symlink or other special file in the
 * templates is refused, never followed); names starting with "." are skipped; at most
 * EXPORT_MAX_DEPTH levels and EXPORT_MAX_FILE_BYTES per file. The copy is built in a
 * temporary folder beside DIR and renamed into place when complete; DIR must not exist
 * yet, or be an empty folder, so a restyled copy is never overwritten.
 */
#ifndef REGDOC_TOOL_EXPORT_H
#define REGDOC_TOOL_EXPORT_H

#include "util/diag.h"

#define EXPORT_MAX_DEPTH 8
#define EXPORT_MAX_FILE_BYTES (32u * 1024u * 1024u)

/* Copy the folder templates into outdir. Returns 0, or -1 with diagnostics. */
int export_templates(const char *templates, const char *outdir, diag *d);

#endif
