/*
 * datadir.h - where regdoc's shipped data lives (templates/, schemas, corpus/).
 *
 * Owns: the lookup order, first that holds templates/schema/:
 *   1. $REGDOC_DATADIR (taken as given, even when it holds nothing);
 *   2. <dir of the executable>/REGDOC_REL_DATADIR (default ../share/regdoc): an
 *      installed regdoc, wherever its prefix was installed or moved to;
 *   3. the source tree, when the executable lives in the build tree it was built in
 *      (a developer's build uses the templates being edited);
 *   4. REGDOC_INSTALL_DATADIR, the configured <prefix>/share/regdoc (a program linked
 *      with an installed libregdoc);
 *   5. the source tree (REGDOC_SOURCE_DATADIR), also when nothing else was found (the
 *      error then names a path there).
 * And the default corpus: ./corpus when it is a folder, else <datadir>/corpus.
 */
#ifndef REGDOC_DATADIR_H
#define REGDOC_DATADIR_H

#include <stddef.h>

/* Writes the data directory into out; returns out. */
const char *datadir_find(char *out, size_t outsz);

/* The corpus a command uses when none is named: "corpus" when ./corpus is a folder,
 * else <datadir>/corpus. Written into out; returns out. */
const char *datadir_default_corpus(const char *datadir, char *out, size_t outsz);

#endif
