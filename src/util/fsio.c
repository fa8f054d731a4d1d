#define _DEFAULT_SOURCE /* struct dirent d_type, DT_DIR, DT_UNKNOWN */
#include "util/fsio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/text.h"

char *fsio_join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = malloc(a + b + 2);
	if (!p)
		return NULL;
	memcpy(p, dir, a);
	p[a] = '/';
	memcpy(p + a + 1, name, b + 1);
	return p;
}

int fsio_write_file(const char *path, const void *data, size_t len, int flags, diag *d)
{
	FILE *f = fopen(path, (flags & FSIO_EXCLUSIVE) ? "wbx" : "wb");
	if (!f) {
		diag_sys(d, path, "cannot create", errno);
		return -1;
	}
	/* a full disk shows at fflush or fclose, not at fwrite */
	if ((len && fwrite(data, 1, len, f) != len) || fflush(f) != 0) {
		diag_sys(d, path, "cannot write", errno);
		fclose(f);
		return -1;
	}
	if (fclose(f) != 0) {
		diag_sys(d, path, "cannot write", errno);
		return -1;
	}
	return 0;
}

int fsio_write_all(int fd, const void *p, size_t n)
{
	const char *s = p;
	while (n) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

int fsio_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int fsio_read_stream(FILE *f, size_t max_bytes, char **buf, size_t *len, const char *name,
                     diag *d)
{
	size_t cap = 4096, n = 0;
	char *p = malloc(cap + 1);
	*buf = NULL;
	*len = 0;
	while (p) {
		size_t got = fread(p + n, 1, cap - n, f);
		n += got;
		if (n > max_bytes) {
			diag_error(d, name, 0, "more than the limit of %zu bytes", max_bytes);
			free(p);
			return -1;
		}
		if (got == 0) {
			if (ferror(f)) {
				diag_sys(d, name, "cannot read", errno ? errno : EIO);
				free(p);
				return -1;
			}
			p[n] = '\0';
			*buf = p;
			*len = n;
			return 0;
		}
		if (n == cap) {
			char *np = realloc(p, cap * 2 + 1);
			if (!np)
				free(p);
			p = np;
			cap *= 2;
		}
	}
	diag_sys(d, name, "cannot allocate", ENOMEM);
	return -1;
}

int fsio_read_file(const char *path, size_t max_bytes, char **buf, size_t *len, diag *d)
{
	struct stat st;
	char *p;
	size_t got = 0;
	/* O_NONBLOCK: opening a FIFO (or a device) must not wait for a writer; the
	 * descriptor is checked with fstat before anything is read from it. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	int fl;

	*buf = NULL;
	*len = 0;
	if (fd < 0) {
		diag_sys(d, path, "cannot open", errno);
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		diag_sys(d, path, "cannot stat", errno);
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_error(d, path, 0, "not a regular file (%s): refused",
		           S_ISDIR(st.st_mode)    ? "a folder"
		           : S_ISFIFO(st.st_mode) ? "a FIFO"
		           : S_ISSOCK(st.st_mode) ? "a socket"
		           : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device"
		                                                          : "not a file");
		close(fd);
		return -1;
	}
	/* a regular file: back to blocking reads (O_NONBLOCK means nothing for it on
	 * Linux, but a network file system may honour it) */
	if ((fl = fcntl(fd, F_GETFL)) != -1)
		(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	if ((unsigned long long)st.st_size > max_bytes) {
		diag_error(d, path, 0, "file of %lld bytes is over the limit of %zu bytes",
		           (long long)st.st_size, max_bytes);
		close(fd);
		return -1;
	}
	p = malloc((size_t)st.st_size + 1);
	if (!p) {
		diag_sys(d, path, "cannot allocate", ENOMEM);
		close(fd);
		return -1;
	}
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, p + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			diag_sys(d, path, "cannot read", errno);
			free(p);
			close(fd);
			return -1;
		}
		if (r == 0)
			break; /* the file shrank under us: take what is there */
		got += (size_t)r;
	}
	close(fd);
	p[got] = '\0';
	*buf = p;
	*len = got;
	return 0;
}

size_t fsio_utf8_invalid_at(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		unsigned c = u[i];
		size_t need;
		unsigned min;
		unsigned cp;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			need = 1;
			min = 0x80;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			min = 0x800;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			min = 0x10000;
			cp = c & 0x07;
		} else {
			return i;
		}
		if (len - i <= need)
			return i;
		for (size_t k = 1; k <= need; k++) {
			if ((u[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (u[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += need + 1;
	}
	return len;
}

static unsigned long line_of(const char *s, size_t off)
{
	unsigned long line = 1;
	for (size_t i = 0; i < off; i++)
		if (s[i] == '\n')
			line++;
	return line;
}

int fsio_read_text(const char *path, size_t max_bytes, char **buf, size_t *len, diag *d)
{
	size_t bad;
	const char *nul;
	if (fsio_read_file(path, max_bytes, buf, len, d) != 0)
		return -1;
	nul = memchr(*buf, '\0', *len);
	if (nul) {
		diag_error(d, path, line_of(*buf, (size_t)(nul - *buf)),
		           "NUL byte: binary file, not a text page");
		goto fail;
	}
	bad = fsio_utf8_invalid_at(*buf, *len);
	if (bad != *len) {
		diag_error(d, path, line_of(*buf, bad), "invalid UTF-8 at byte %zu", bad);
		goto fail;
	}
	{
		unsigned cp;
		bad = text_xml_forbidden_at(*buf, *len, &cp);
		if (bad != *len) {
			/* the column in characters, from 1 */
			size_t start = bad, col = 1;
			while (start && (*buf)[start - 1] != '\n')
				start--;
			for (size_t i = start; i < bad; i++)
				if (((unsigned char)(*buf)[i] & 0xC0) != 0x80)
					col++;
			diag_report_col(d, DIAG_ERROR, path, line_of(*buf, bad), col,
			                "control character U+%04X: XML 1.0 forbids it, so regdoc "
			                "cannot keep it (remove it)", cp);
			goto fail;
		}
	}
	return 0;
fail:
	free(*buf);
	*buf = NULL;
	*len = 0;
	return -1;
}

typedef struct dir_entry {
	char *name;
	unsigned char is_dir;
} dir_entry;

static int cmp_entries(const void *a, const void *b)
{
	return strcmp(((const dir_entry *)a)->name, ((const dir_entry *)b)->name);
}

/* The names in dir, sorted; *is_dir (when asked) 1 for each that is a folder, from the
 * listing's d_type (an lstat only where the file system does not say). */
static int list_dir(const char *dir, fsio_names *out, unsigned char **is_dir, diag *d)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	dir_entry *e = NULL;
	size_t n = 0, cap = 0;

	out->v = NULL;
	out->n = 0;
	if (is_dir)
		*is_dir = NULL;
	if (!dp) {
		diag_sys(d, dir, "cannot open directory", errno);
		return -1;
	}
	while ((de = readdir(dp)) != NULL) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			dir_entry *ne = realloc(e, ncap * sizeof *ne);
			if (!ne)
				goto nomem;
			e = ne;
			cap = ncap;
		}
		if (!(e[n].name = strdup(de->d_name)))
			goto nomem;
		e[n].is_dir = de->d_type == DT_DIR;
		if (is_dir && de->d_type == DT_UNKNOWN) {
			struct stat st;
			e[n].is_dir = fstatat(dirfd(dp), de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
			              S_ISDIR(st.st_mode);
		}
		n++;
	}
	closedir(dp);
	dp = NULL;
	if (n)
		qsort(e, n, sizeof *e, cmp_entries);
	if (!(out->v = malloc((n ? n : 1) * sizeof *out->v)) ||
	    (is_dir && !(*is_dir = malloc(n ? n : 1))))
		goto nomem;
	for (size_t i = 0; i < n; i++) {
		out->v[i] = e[i].name;
		if (is_dir)
			(*is_dir)[i] = e[i].is_dir;
	}
	out->n = n;
	free(e);
	return 0;
nomem:
	if (dp)
		closedir(dp);
	for (size_t i = 0; i < n; i++)
		free(e[i].name);
	free(e);
	free(out->v);
	out->v = NULL;
	if (is_dir) {
		free(*is_dir);
		*is_dir = NULL;
	}
	diag_sys(d, dir, "cannot list directory", ENOMEM);
	return -1;
}

int fsio_list_dir(const char *dir, fsio_names *out, diag *d)
{
	return list_dir(dir, out, NULL, d);
}

int fsio_list_dir_kinds(const char *dir, fsio_names *out, unsigned char **is_dir, diag *d)
{
	return list_dir(dir, out, is_dir, d);
}

void fsio_names_free(fsio_names *names)
{
	for (size_t i = 0; i < names->n; i++)
		free(names->v[i]);
	free(names->v);
	names->v = NULL;
	names->n = 0;
}
