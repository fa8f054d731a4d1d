/*
 * fsout.h - all-or-nothing output.
 *
 * Owns: building output in a fresh temporary directory (mkdtemp, so nothing can be
 * planted in it) beside the target, and swapping it into place only on success
 * (renameat2 RENAME_EXCHANGE where the file system has it, two renames otherwise);
 * on failure the temporary directory is removed and the previous output is untouched.
 */
#ifndef REGDOC_FSOUT_H
#define REGDOC_FSOUT_H

#include "util/diag.h"

typedef struct fsout {
	char *target; /* the directory or file the caller asked for */
	char *tmp;    /* where to build it */
	int is_file;
} fsout;

/* Prepare a temporary directory beside target (its parent is created if missing). */
int fsout_begin_dir(fsout *o, const char *target, diag *d);

/* Prepare a temporary file name beside target. */
int fsout_begin_file(fsout *o, const char *target, diag *d);

/* Move the temporary output into place, replacing the previous one. */
int fsout_commit(fsout *o, diag *d);

/* Remove the temporary output; the target is untouched. Safe after commit. */
void fsout_abort(fsout *o);

/* Remove a directory tree without following symlinks. */
int fsout_remove_tree(const char *path);

/* mkdir -p of path's parent directories and path itself. */
int fsout_mkdirs(const char *path, diag *d);

#endif
