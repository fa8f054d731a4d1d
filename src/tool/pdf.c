#include "tool/pdf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fsout.h"

/* The path of an executable named name on PATH, or NULL. */
static char *which(const char *name)
{
	const char *path = getenv("PATH");
	buf b;
	if (!path || !*path)
		path = "/usr/bin:/bin";
	buf_init(&b);
	while (*path) {
		const char *colon = strchr(path, ':');
		size_t n = colon ? (size_t)(colon - path) : strlen(path);
		buf_clear(&b);
		buf_append(&b, n ? path : ".", n ? n : 1);
		buf_printf(&b, "/%s", name);
		if (!b.oom && access(b.s, X_OK) == 0)
			return b.s;
		path += n + (colon ? 1 : 0);
	}
	buf_free(&b);
	return NULL;
}

int pdf_is_source(const char *name)
{
	size_t l = strlen(name);
	return l > 4 && !strcmp(name + l - 4, ".odt");
}

int pdf_convert(const char *dir, const char *const *names, size_t n, diag *d)
{
	char *soffice = which("soffice");
	char profile[] = "/tmp/regdoc-soffice.XXXXXX";
	char **argv = NULL;
	buf prof;
	pid_t pid;
	int status = 0, rc = -1;
	size_t k = 0;

	if (!soffice) {
		diag_error(d, dir, 0,
		           "--pdf needs LibreOffice (soffice on PATH), which is not installed: install "
		           "it (Debian: apt-get install libreoffice-writer-nogui) or leave --pdf out; "
		           "the .docx and .odt open in Word and LibreOffice as they are");
		return -1;
	}
	buf_init(&prof);
	if (!mkdtemp(profile)) {
		diag_sys(d, profile, "cannot create a LibreOffice profile", errno);
		free(soffice);
		return -1;
	}
	buf_printf(&prof, "-env:UserInstallation=file://%s/profile", profile);
	argv = calloc(n + 9, sizeof *argv);
	if (!argv || prof.oom) {
		diag_sys(d, dir, "cannot run LibreOffice", ENOMEM);
		goto out;
	}
	argv[k++] = soffice;
	argv[k++] = (char *)"--headless";
	argv[k++] = (char *)"--norestore";
	argv[k++] = prof.s;
	argv[k++] = (char *)"--convert-to";
	argv[k++] = (char *)"pdf";
	argv[k++] = (char *)"--outdir";
	argv[k++] = (char *)dir;
	for (size_t i = 0; i < n; i++) {
		buf f;
		buf_init(&f);
		buf_printf(&f, "%s/%s", dir, names[i]);
		argv[k++] = f.s;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		diag_sys(d, soffice, "cannot run LibreOffice", errno);
		goto out;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0) {
			dup2(null, 1);
			dup2(null, 2);
		}
		setenv("HOME", profile, 1);
		execv(soffice, argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	rc = 0;
	for (size_t i = 0; i < n; i++) {
		buf pdf;
		const char *dot = strrchr(names[i], '.');
		struct stat st;
		buf_init(&pdf);
		buf_printf(&pdf, "%s/%.*s.pdf", dir, (int)(dot ? (size_t)(dot - names[i]) : strlen(names[i])),
		           names[i]);
		if (pdf.oom || stat(pdf.s, &st) != 0 || st.st_size == 0) {
			diag_error(d, names[i], 0, "LibreOffice did not convert it to PDF (soffice exited %d)",
			           WIFEXITED(status) ? WEXITSTATUS(status) : -1);
			d->sys_error = 1;
			rc = -1;
		}
		buf_free(&pdf);
	}
out:
	for (size_t i = 8; argv && i < k; i++)
		free(argv[i]);
	free(argv);
	fsout_remove_tree(profile);
	buf_free(&prof);
	free(soffice);
	return rc;
}
