/*
 * datadir.h - where regdoc's shipped data lives (templates/, schemas, corpus/).
 *
 * Owns: the lookup order: $REGDOC_DATADIR; <dir of the executable>/../share/regdoc
 * (an installed regdoc); the source tree it was built from.
 */
#ifndef REGDOC_DATADIR_H
#define REGDOC_DATADIR_H

#include <stddef.h>

/* Writes the data directory into out; returns out. */
const char *datadir_find(char *out, size_t outsz);

#endif
