#define _GNU_SOURCE /* renameat2; struct dirent d_type */
#include "util/fsout.h"
#include "util/fsio.h"

#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Everything in the folder open as dfd (which this closes). What is a folder comes from
 * the listing's d_type, an fstatat only where the file system does not say: a build
 * removes the previous output's 1,500 files at each swap, nftw stat'ed each. Symbolic
 * links are removed, never followed. */
static int remove_in(int dfd)
{
	DIR *dp = fdopendir(dfd);
	struct dirent *de;
	int rc = 0;
	if (!dp) {
		close(dfd);
		return -1;
	}
	while ((de = readdir(dp)) != NULL) {
		int is_dir = de->d_type == DT_DIR, sub;
		struct stat st;
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (de->d_type == DT_UNKNOWN)
			is_dir = fstatat(dirfd(dp), de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
			         S_ISDIR(st.st_mode);
		if (!is_dir) {
			if (unlinkat(dirfd(dp), de->d_name, 0) != 0 && errno != ENOENT)
				rc = -1;
			continue;
		}
		sub = openat(dirfd(dp), de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub < 0 || remove_in(sub) != 0 || unlinkat(dirfd(dp), de->d_name, AT_REMOVEDIR) != 0)
			rc = -1;
	}
	closedir(dp);
	return rc;
}

int fsout_remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	{
		int dfd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (dfd < 0 || remove_in(dfd) != 0)
			return -1;
	}
	return rmdir(path);
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
			if (errno == EEXIST && !fsio_is_dir(p)) {
				/* a file where a folder of the path goes: never replaced */
				diag_error(d, p, 0, "exists and is not a folder: cannot write under it");
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

/* A device, FIFO or socket: never replaced (as root, `graph -o /dev/null` would put
 * a regular file in the device's place), nor a symbolic link to one (/dev/stdout). */
static const char *special_kind(mode_t m)
{
	return S_ISCHR(m) || S_ISBLK(m) ? "a device" : S_ISFIFO(m) ? "a FIFO"
	       : S_ISSOCK(m)            ? "a socket" : NULL;
}

/* What is at path, if anything, is of the kind the caller writes: a folder where a
 * folder goes, a file where a file goes; a symbolic link is replaced as a name (never
 * followed: tests/hostile output-symlink), unless it points at a device, FIFO or
 * socket. Replacing something of another kind would destroy what the user did not
 * ask to. */
static int kind_ok(const char *path, int is_file, diag *d)
{
	struct stat st, to;
	const char *special;
	if (lstat(path, &st) != 0)
		return 1;
	special = special_kind(st.st_mode);
	if (!special && S_ISLNK(st.st_mode) && stat(path, &to) == 0)
		special = special_kind(to.st_mode);
	if (special) {
		diag_error(d, path, 0, "is %s, not a regular %s: refusing to replace it%s", special,
		           is_file ? "file" : "folder",
		           is_file ? " (-o - writes to standard output)" : "");
		return 0;
	}
	if (is_file && S_ISDIR(st.st_mode)) {
		diag_error(d, path, 0, "is a folder: refusing to replace it with a file");
		return 0;
	}
	if (!is_file && !S_ISDIR(st.st_mode) && !S_ISLNK(st.st_mode)) {
		diag_error(d, path, 0, "exists and is not a folder: refusing to replace it with "
		                       "the output folder (remove it, or choose another -o)");
		return 0;
	}
	return 1;
}

#define LOCK_NAME ".regdoc.lock"

/* The lock on the output: a write lock (fcntl, POSIX record lock) on the file
 * .regdoc.lock in the target's parent folder, held from begin to abort, so that two
 * regdoc runs writing into one folder take turns: the second waits (saying so) until
 * the first has swapped all its outputs in. POSIX locks belong to the process, so the
 * several outputs of one build (every regulation, links.xml, index.html: one parent)
 * share the lock instead of waiting for themselves; the lock goes with the first of
 * them to be aborted, after every commit (regdoc_build commits all, then aborts all).
 * The lock file stays (removing it would race with a waiting run). */
static int take_lock(fsout *o, const char *parent, diag *d)
{
	struct flock fl;
	char *lp = fsio_join(parent, LOCK_NAME);
	int fd;
	if (!lp) {
		diag_sys(d, parent, "cannot lock the output folder", ENOMEM);
		return -1;
	}
	fd = open(lp, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0644);
	if (fd < 0) {
		diag_sys(d, lp, "cannot lock the output folder", errno);
		free(lp);
		return -1;
	}
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (fcntl(fd, F_SETLK, &fl) != 0) {
		if (errno != EACCES && errno != EAGAIN) {
			diag_sys(d, lp, "cannot lock the output folder", errno);
			close(fd);
			free(lp);
			return -1;
		}
		diag_report(d, DIAG_NOTE, parent, 0,
		            "another regdoc is writing here: waiting for it to finish");
		/* no SA_RESTART in regdoc's signal handlers: a signal ends the wait (EINTR) */
		while (fcntl(fd, F_SETLKW, &fl) != 0) {
			if (errno != EINTR || diag_interrupted(d)) {
				if (errno != EINTR)
					diag_sys(d, lp, "cannot lock the output folder", errno);
				close(fd);
				free(lp);
				return -1;
			}
		}
	}
	free(lp);
	o->lock_fd = fd;
	return 0;
}

/* 1 when name is base + ".tmp-" or ".old-" + the six characters mkstemp/mkdtemp add. */
static int is_leftover(const char *name, const char *base)
{
	size_t n = strlen(base);
	if (strncmp(name, base, n) != 0 ||
	    (strncmp(name + n, ".tmp-", 5) != 0 && strncmp(name + n, ".old-", 5) != 0) ||
	    strlen(name + n + 5) != 6)
		return 0;
	for (const char *c = name + n + 5; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9')))
			return 0;
	return 1;
}

/* Under the lock, no other regdoc writes in parent: a temporary output of target found
 * there is what a run killed by SIGKILL (or a crash) left behind. Removed (without
 * following symbolic links), so that the next run leaves the folder clean. */
static void remove_leftovers(const char *parent, const char *target)
{
	const char *slash = strrchr(target, '/');
	const char *base = slash ? slash + 1 : target;
	fsio_names names;
	diag quiet;
	diag_init(&quiet, NULL);
	if (!*base || fsio_list_dir(parent, &names, &quiet) != 0)
		return;
	for (size_t i = 0; i < names.n; i++) {
		char *p;
		if (!is_leftover(names.v[i], base) || !(p = fsio_join(parent, names.v[i])))
			continue;
		fsout_remove_tree(p);
		free(p);
	}
	fsio_names_free(&names);
}

static int begin(fsout *o, const char *target, int is_file, diag *d)
{
	char *parent;
	size_t n;
	memset(o, 0, sizeof *o);
	o->lock_fd = -1;
	o->is_file = is_file;
	o->target = strdup(target);
	parent = parent_of(target);
	if (!o->target || !parent) {
		diag_sys(d, target, "cannot allocate", ENOMEM);
		goto fail;
	}
	if (!kind_ok(target, is_file, d) || fsout_mkdirs(parent, d) != 0 ||
	    take_lock(o, parent, d) != 0 || !kind_ok(target, is_file, d))
		goto fail;
	remove_leftovers(parent, target);
	n = strlen(target) + 32;
	o->tmp = malloc(n);
	if (!o->tmp) {
		diag_sys(d, target, "cannot allocate", ENOMEM);
		goto fail;
	}
	snprintf(o->tmp, n, "%s.tmp-XXXXXX", target);
	if (is_file) {
		int fd = mkstemp(o->tmp);
		if (fd < 0) {
			diag_sys(d, o->tmp, "cannot create temporary file", errno);
			goto fail;
		}
		fchmod(fd, 0644);
		close(fd);
	} else if (!mkdtemp(o->tmp)) {
		diag_sys(d, o->tmp, "cannot create temporary directory", errno);
		goto fail;
	} else {
		chmod(o->tmp, 0755);
	}
	free(parent);
	return 0;
fail:
	/* nothing to clean up for the caller: fsout_abort is a no-op after this */
	free(parent);
	free(o->tmp);
	o->tmp = NULL;
	free(o->target);
	o->target = NULL;
	if (o->lock_fd >= 0)
		close(o->lock_fd);
	o->lock_fd = -1;
	return -1;
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
	if (!kind_ok(o->target, o->is_file, d))
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
	if (o->lock_fd > 0)
		close(o->lock_fd);
	o->lock_fd = -1;
}
