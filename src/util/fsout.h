/*
 * fsout.h - all-or-nothing output.
 *
 * Owns: building output in a fresh temporary directory (mkdtemp, so nothing can be
 * planted in it) beside the target, and swapping it into place only on success
 * (renameat2 RENAME_EXCHANGE where the file system has it, two renames otherwise);
 * on failure the temporary directory is removed and the previous output is untouched.
 * Also: refusing to replace something of another kind (a file where the output folder
 * goes, a folder where a file goes), and the lock on the output folder (.regdoc.lock
 * in the target's parent, fsout.c: take_lock) that makes two runs writing into one
 * folder take turns. Under that lock, the temporary output of the same target that a
 * killed run left behind (SIGKILL: target.tmp-XXXXXX, target.old-XXXXXX) is removed.
 */
#ifndef REGDOC_FSOUT_H
#define REGDOC_FSOUT_H

#include "util/diag.h"

typedef struct fsout {
	char *target; /* the directory or file the caller asked for */
	char *tmp;    /* where to build it */
	int is_file;
	int lock_fd;  /* the lock on the parent folder, held until fsout_abort; -1: none */
} fsout;

/* Prepare a temporary directory beside target (its parent is created if missing),
 * after taking the lock on the parent (waiting for another run that holds it). On
 * failure nothing is left to clean up (fsout_abort is a no-op). */
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
