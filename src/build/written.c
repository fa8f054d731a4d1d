/*
 * written.c - see written.h.
 */
#include "build/written.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "build/cache.h"
#include "util/fsio.h"

#define WRITTEN_DEPTH 8 /* folders followed below products/ */

static int newer(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec > b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec > b->tv_nsec);
}

/* Every file under OUTDIR/rel (path: its path on disk). */
static size_t walk(const bcache *c, const char *path, const char *rel, int depth, diag *d)
{
	fsio_names names;
	diag quiet;
	size_t found = 0;
	diag_init(&quiet, NULL);
	if (depth > WRITTEN_DEPTH || fsio_list_dir(path, &names, &quiet) != 0)
		return 0;
	for (size_t i = 0; i < names.n; i++) {
		char *p = fsio_join(path, names.v[i]), *r = fsio_join(rel, names.v[i]);
		struct stat st;
		struct timespec when;
		long long size = 0;
		int listed;
		if (!p || !r || lstat(p, &st) != 0) {
			free(p);
			free(r);
			continue;
		}
		listed = bcache_listed(c, r, &size, &when);
		if (S_ISDIR(st.st_mode)) {
			found += walk(c, p, r, depth + 1, d);
		} else if (listed != 1) {
			diag_error(d, p, 0,
			           "regdoc build did not write this file and would delete it with the "
			           "product's folder: move it out of the output (answers filled into a "
			           "document: regdoc import FILE -o PRODUCT.answers.xml), then build again");
			found++;
		} else if (!S_ISREG(st.st_mode) || st.st_size != size || newer(&st.st_mtim, &when)) {
			diag_error(d, p, 0,
			           "changed since regdoc build wrote it, and a build would replace it: "
			           "read what was filled in back with regdoc import FILE -o "
			           "PRODUCT.answers.xml (the answers then appear in every document), or "
			           "move the file out of the output, then build again");
			found++;
		}
		free(p);
		free(r);
	}
	fsio_names_free(&names);
	return found;
}

size_t written_by_writer(const char *outdir, diag *d)
{
	bcache *c = bcache_open(outdir, 0); /* the manifest as it is now, under the lock */
	fsio_names regs;
	diag quiet;
	size_t found = 0;
	long long size;
	struct timespec when;
	diag_init(&quiet, NULL);
	if (!c || bcache_listed(c, "", &size, &when) < 0 || fsio_list_dir(outdir, &regs, &quiet) != 0) {
		bcache_free(c);
		return 0; /* no previous build of regdoc's to compare with */
	}
	for (size_t i = 0; i < regs.n; i++) {
		char *top = fsio_join(outdir, regs.v[i]);
		char *pdir = top ? fsio_join(top, "products") : NULL;
		char *rel = fsio_join(regs.v[i], "products");
		struct stat st;
		/* a regulation's folder (not a temporary one beside it) */
		if (pdir && rel && bcache_wrote_under(c, regs.v[i]) && lstat(pdir, &st) == 0 &&
		    S_ISDIR(st.st_mode))
			found += walk(c, pdir, rel, 0, d);
		free(top);
		free(pdir);
		free(rel);
	}
	fsio_names_free(&regs);
	bcache_free(c);
	return found;
}
