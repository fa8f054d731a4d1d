#include "util/datadir.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int has_templates(const char *dir)
{
	char p[PATH_MAX];
	struct stat st;
	snprintf(p, sizeof p, "%s/templates/schema", dir);
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *datadir_find(char *out, size_t outsz)
{
	const char *env = getenv("REGDOC_DATADIR");
	char exe[PATH_MAX];
	ssize_t n;
	if (env && *env) {
		snprintf(out, outsz, "%s", env);
		return out;
	}
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		char *slash;
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(out, outsz, "%s/../share/regdoc", exe);
			if (has_templates(out))
				return out;
		}
	}
	snprintf(out, outsz, "%s", REGDOC_SOURCE_DATADIR);
	return out;
}
