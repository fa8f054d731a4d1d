/*
 * written.h - what a writer put into the output of `regdoc build`, kept from deletion.
 *
 * Owns: the check, made before a build replaces its previous output, that the product
 * folders (OUTDIR/<regulation>/products/) hold only what the previous build wrote, as
 * it wrote it: a document filled in place (another size than written, or modified
 * after the build), or a note a writer added beside it, would be lost with the folder.
 * Such a build is refused (an input error naming each file, exit 1, the output left as
 * it is): the writer reads the answers back with `regdoc import`, or moves the file
 * away (doc/answers.md, "Filled in the output"). What the previous build wrote comes
 * from the cache's manifest (build/cache.h); an output without one is not checked.
 */
#ifndef REGDOC_BUILD_WRITTEN_H
#define REGDOC_BUILD_WRITTEN_H

#include <stddef.h>

#include "util/diag.h"

/* Report, as errors, every file under OUTDIR/<each regulation folder>/products/ that the
 * previous build did not leave there as it is now. Returns how many. Call it holding
 * the output's lock (after fsout_begin of the regulation folders). */
size_t written_by_writer(const char *outdir, diag *d);

#endif
