/*
 * import.h - regdoc import: a writer's answers read back out of a filled checklist or
 * technical documentation template (Markdown, DOCX, ODT or Flat ODT, as regdoc made
 * them) into the product's answers file (doc/answers.md).
 *
 * Owns: finding the fields by the ids the templates carry (templates/checklist/
 * answers.xsl), and merging what was filled in into the answers file without losing
 * anything: a field left empty in the document keeps the file's answer, a point or item
 * the document does not have is kept, and the file is replaced atomically (temporary
 * file and rename) only when everything was read; an existing file that is not a valid
 * answers file for the same product is never replaced.
 */
#ifndef REGDOC_IMPORT_H
#define REGDOC_IMPORT_H

#include <stdio.h>

#include "util/diag.h"

/* Read filled (by its extension: .md, .docx, .odt, .fodt) and merge its answers into
 * answers_path (created when missing). rng: templates/schema/answers.rng. A summary
 * line goes to out. 0, or -1 with diagnostics (nothing written). */
int import_answers(const char *filled, const char *answers_path, const char *rng, FILE *out,
                   diag *d);

#endif
