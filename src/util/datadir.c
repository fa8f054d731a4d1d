/* realpath is XSI: _POSIX_C_SOURCE alone does not declare it in glibc */
#if !defined(_XOPEN_SOURCE) || _XOPEN_SOURCE < 700
#undef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include "util/datadir.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef REGDOC_REL_DATADIR
#define REGDOC_REL_DATADIR "../share/regdoc"
#endif
#ifndef REGDOC_INSTALL_DATADIR
#define REGDOC_INSTALL_DATADIR "/usr/local/share/regdoc"
#endif
#ifndef REGDOC_BUILD_DIR
#define REGDOC_BUILD_DIR ""
#endif

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int has_templates(const char *dir)
{
	char p[PATH_MAX];
	int n = snprintf(p, sizeof p, "%s/templates/schema", dir);
	return n > 0 && (size_t)n < sizeof p && is_dir(p);
}

/* Is path inside dir ("dir/..." textually; both as given)? */
static int inside(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return n > 0 && strncmp(path, dir, n) == 0 && path[n] == '/';
}

static const char *use(char *out, size_t outsz, const char *dir)
{
	int n = snprintf(out, outsz, "%s", dir);
	if (n < 0 || (size_t)n >= outsz)
		out[0] = '\0';
	return out;
}

const char *datadir_find(char *out, size_t outsz)
{
	const char *env = getenv("REGDOC_DATADIR");
	char exe[PATH_MAX];
	ssize_t n;
	if (env && *env)
		return use(out, outsz, env);
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		char *slash;
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			char cand[PATH_MAX];
			int k;
			*slash = '\0';
			k = snprintf(cand, sizeof cand, "%s/%s", exe, REGDOC_REL_DATADIR);
			if (k > 0 && (size_t)k < sizeof cand && has_templates(cand)) {
				/* a tidy path for messages: resolve the "..". */
				char real[PATH_MAX];
				return use(out, outsz, realpath(cand, real) ? real : cand);
			}
			*slash = '/';
		}
		{
			char build[PATH_MAX];
			if (realpath(REGDOC_BUILD_DIR, build) && inside(exe, build) &&
			    has_templates(REGDOC_SOURCE_DATADIR))
				return use(out, outsz, REGDOC_SOURCE_DATADIR);
		}
	}
	if (has_templates(REGDOC_INSTALL_DATADIR))
		return use(out, outsz, REGDOC_INSTALL_DATADIR);
	return use(out, outsz, REGDOC_SOURCE_DATADIR);
}

const char *datadir_default_corpus(const char *datadir, char *out, size_t outsz)
{
	int n;
	if (is_dir("corpus"))
		return use(out, outsz, "corpus");
	n = snprintf(out, outsz, "%s/corpus", datadir);
	if (n < 0 || (size_t)n >= outsz)
		out[0] = '\0';
	return out;
}
