#include "util/zipio.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

int zipio_write_memory(const zipio_part *parts, size_t n, time_t mtime, const char *name,
                       char **out, size_t *len, diag *d)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_stat_t st;
	char *res = NULL;
	int rc = -1;

	*out = NULL;
	*len = 0;
	if (mtime < 315532800) /* 1980-01-01, the first DOS date */
		mtime = 315532800;
	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!src) {
		diag_sys(d, name, "cannot make the ZIP container", ENOMEM);
		zip_error_fini(&ze);
		return -1;
	}
	zip_source_keep(src); /* read the result back after zip_close */
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (!za) {
		diag_error(d, name, 0, "cannot make the ZIP container: %s", zip_error_strerror(&ze));
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		zip_source_t *ps = zip_source_buffer(za, parts[i].data, parts[i].len, 0);
		zip_int64_t idx = ps ? zip_file_add(za, parts[i].name, ps, ZIP_FL_ENC_UTF_8) : -1;
		if (idx < 0) {
			if (ps)
				zip_source_free(ps);
			diag_error(d, name, 0, "cannot add %s to the ZIP container: %s", parts[i].name,
			           zip_strerror(za));
			zip_discard(za);
			goto out;
		}
		if (zip_set_file_compression(za, (zip_uint64_t)idx,
		                             parts[i].store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 9) != 0 ||
		    zip_file_set_mtime(za, (zip_uint64_t)idx, mtime, 0) != 0) {
			diag_error(d, name, 0, "cannot add %s to the ZIP container: %s", parts[i].name,
			           zip_strerror(za));
			zip_discard(za);
			goto out;
		}
	}
	if (zip_close(za) != 0) {
		diag_error(d, name, 0, "cannot make the ZIP container: %s", zip_strerror(za));
		zip_discard(za);
		goto out;
	}
	if (zip_source_stat(src, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
	    zip_source_open(src) != 0) {
		diag_error(d, name, 0, "cannot read the ZIP container back");
		goto out;
	}
	res = malloc(st.size ? st.size : 1);
	if (!res) {
		zip_source_close(src);
		diag_sys(d, name, "cannot make the ZIP container", ENOMEM);
		goto out;
	}
	if (zip_source_read(src, res, st.size) != (zip_int64_t)st.size) {
		zip_source_close(src);
		free(res);
		diag_error(d, name, 0, "cannot read the ZIP container back");
		goto out;
	}
	zip_source_close(src);
	*out = res;
	*len = (size_t)st.size;
	rc = 0;
out:
	zip_source_free(src);
	zip_error_fini(&ze);
	return rc;
}

int zipio_read_member(const char *path, const char *member, size_t max, char **buf,
                      size_t *len, diag *d)
{
	int err = 0;
	zip_t *za = zip_open(path, ZIP_RDONLY, &err);
	zip_stat_t st;
	zip_file_t *f;
	zip_int64_t got;
	char *b;

	*buf = NULL;
	*len = 0;
	if (!za) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, err);
		diag_error(d, path, 0, "not a document package (ZIP) regdoc can read: %s",
		           zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	if (zip_stat(za, member, 0, &st) != 0) {
		zip_discard(za);
		return 1;
	}
	if (!(st.valid & ZIP_STAT_SIZE) || st.size > max) {
		diag_error(d, path, 0, "%s is larger than %zu bytes", member, max);
		zip_discard(za);
		return -1;
	}
	b = malloc(st.size + 1);
	f = b ? zip_fopen_index(za, st.index, 0) : NULL;
	got = f ? zip_fread(f, b, st.size) : -1;
	if (f)
		zip_fclose(f);
	zip_discard(za);
	if (got != (zip_int64_t)st.size) {
		free(b);
		diag_error(d, path, 0, "cannot read %s from the package", member);
		return -1;
	}
	b[st.size] = '\0';
	*buf = b;
	*len = (size_t)st.size;
	return 0;
}
