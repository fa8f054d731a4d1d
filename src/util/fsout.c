#define _GNU_SOURCE /* renameat2, nftw */
#include "util/fsout.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

int fsout_remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	return nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int fsout_mkdirs(const char *path, diag *d)
{
	char *p = strdup(path);
	if (!p) {
		diag_sys(d, path, "cannot create directory", ENOMEM);
		return -1;
	}
	for (char *s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0777) != 0 && errno != EEXIST) {
				diag_sys(d, p, "cannot create directory", errno);
				free(p);
				return -1;
			}
			*s = c;
			if (!c)
				break;
		}
	}
	free(p);
	return 0;
}

static char *parent_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

static int begin(fsout *o, const char *target, int is_file, diag *d)
{
	char *parent;
	size_t n;
	memset(o, 0, sizeof *o);
	o->is_file = is_file;
	o->target = strdup(target);
	parent = parent_of(target);
	if (!o->target || !parent || fsout_mkdirs(parent, d) != 0) {
		free(parent);
		return -1;
	}
	free(parent);
	n = strlen(target) + 32;
	o->tmp = malloc(n);
	if (!o->tmp)
		return -1;
	snprintf(o->tmp, n, "%s.tmp-XXXXXX", target);
	if (is_file) {
		int fd = mkstemp(o->tmp);
		if (fd < 0) {
			diag_sys(d, o->tmp, "cannot create temporary file", errno);
			free(o->tmp);
			o->tmp = NULL;
			return -1;
		}
		fchmod(fd, 0644);
		close(fd);
	} else if (!mkdtemp(o->tmp)) {
		diag_sys(d, o->tmp, "cannot create temporary directory", errno);
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	} else {
		chmod(o->tmp, 0755);
	}
	return 0;
}

int fsout_begin_dir(fsout *o, const char *target, diag *d)
{
	return begin(o, target, 0, d);
}

int fsout_begin_file(fsout *o, const char *target, diag *d)
{
	return begin(o, target, 1, d);
}

int fsout_commit(fsout *o, diag *d)
{
	struct stat st;
	if (!o->tmp)
		return -1;
	if (o->is_file || lstat(o->target, &st) != 0) {
		if (rename(o->tmp, o->target) != 0) {
			diag_sys(d, o->target, "cannot move output into place", errno);
			return -1;
		}
	} else if (renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->target, RENAME_EXCHANGE) == 0) {
		/* o->tmp now holds the previous output */
		fsout_remove_tree(o->tmp);
	} else {
		/* No atomic exchange here: move the old one aside first, then swap. */
		size_t n = strlen(o->target) + 32;
		char *old = malloc(n);
		if (!old)
			return -1;
		snprintf(old, n, "%s.old-XXXXXX", o->target);
		if (!mkdtemp(old) || rmdir(old) != 0 || rename(o->target, old) != 0) {
			diag_sys(d, o->target, "cannot replace the previous output", errno);
			free(old);
			return -1;
		}
		if (rename(o->tmp, o->target) != 0) {
			diag_sys(d, o->target, "cannot move output into place", errno);
			rename(old, o->target);
			free(old);
			return -1;
		}
		fsout_remove_tree(old);
		free(old);
	}
	free(o->tmp);
	o->tmp = NULL;
	return 0;
}

void fsout_abort(fsout *o)
{
	if (o->tmp)
		fsout_remove_tree(o->tmp);
	free(o->tmp);
	free(o->target);
	o->tmp = o->target = NULL;
}
