#include "tool/export.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/fsio.h"
#include "util/fsout.h"

static int copy_tree(const char *src, const char *dst, int depth, diag *d)
{
	fsio_names names;
	int rc = 0;
	if (depth > EXPORT_MAX_DEPTH) {
		diag_error(d, src, 0, "templates nested deeper than %d folders", EXPORT_MAX_DEPTH);
		return -1;
	}
	if (mkdir(dst, 0755) != 0 && !(errno == EEXIST && depth == 0)) {
		diag_sys(d, dst, "cannot create directory", errno);
		return -1;
	}
	if (fsio_list_dir(src, &names, d) != 0)
		return -1;
	for (size_t i = 0; i < names.n && rc == 0; i++) {
		char *from, *to;
		struct stat st;
		if (names.v[i][0] == '.')
			continue;
		if (diag_interrupted(d)) {
			rc = -1;
			break;
		}
		from = fsio_join(src, names.v[i]);
		to = fsio_join(dst, names.v[i]);
		if (!from || !to) {
			diag_sys(d, src, "cannot allocate", ENOMEM);
			rc = -1;
		} else if (lstat(from, &st) != 0) {
			diag_sys(d, from, "cannot stat", errno);
			rc = -1;
		} else if (S_ISDIR(st.st_mode)) {
			rc = copy_tree(from, to, depth + 1, d);
		} else if (S_ISREG(st.st_mode)) {
			char *data;
			size_t len;
			rc = fsio_read_file(from, EXPORT_MAX_FILE_BYTES, &data, &len, d);
			if (rc == 0) {
				rc = fsio_write_file(to, data, len, FSIO_EXCLUSIVE, d);
				free(data);
			}
		} else {
			diag_error(d, from, 0, "not a regular file or folder: templates are copied, "
			                       "never followed through links");
			rc = -1;
		}
		free(from);
		free(to);
	}
	fsio_names_free(&names);
	return rc;
}

/* An empty folder (or none) may be exported into; anything else is someone's work. */
static int target_free(const char *outdir, diag *d)
{
	struct stat st;
	fsio_names names;
	size_t n;
	if (lstat(outdir, &st) != 0)
		return errno == ENOENT ? 0 : (diag_sys(d, outdir, "cannot stat", errno), -1);
	if (!S_ISDIR(st.st_mode)) {
		diag_error(d, outdir, 0, "exists and is not a folder: not overwritten");
		return -1;
	}
	if (fsio_list_dir(outdir, &names, d) != 0)
		return -1;
	n = names.n;
	fsio_names_free(&names);
	if (n) {
		diag_error(d, outdir, 0, "is not empty: not overwritten (export into a new folder)");
		return -1;
	}
	return 0;
}

int export_templates(const char *templates, const char *outdir, diag *d)
{
	fsout out;
	char *probe = fsio_join(templates, "schema");
	int ok = probe && fsio_is_dir(probe);
	free(probe);
	if (!ok) {
		diag_error(d, templates, 0, "not a templates folder (no schema/ in it)");
		return -1;
	}
	if (target_free(outdir, d) != 0)
		return -1;
	if (fsout_begin_dir(&out, outdir, d) != 0)
		return -1;
	ok = copy_tree(templates, out.tmp, 0, d) == 0 && !diag_interrupted(d) &&
	     fsout_commit(&out, d) == 0;
	fsout_abort(&out);
	return ok ? 0 : -1;
}
