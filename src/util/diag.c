#include "util/diag.h"

#include <string.h>

static const char *const level_names[] = {"note", "warning", "error"};

void diag_init(diag *d, FILE *out)
{
	memset(d, 0, sizeof *d);
	d->out = out;
	d->max_printed = 100;
}

void diag_vreport(diag *d, enum diag_level level, const char *path, unsigned long line,
                  const char *fmt, va_list ap)
{
	if (level == DIAG_WARNING && d->werror)
		level = DIAG_ERROR;
	if (level == DIAG_ERROR)
		d->errors++;
	else if (level == DIAG_WARNING)
		d->warnings++;
	if (!d->out || d->interrupted || (d->max_printed && d->printed >= d->max_printed))
		return;
	d->printed++;
	if (path && line)
		fprintf(d->out, "%s:%lu: ", path, line);
	else if (path)
		fprintf(d->out, "%s: ", path);
	else
		fputs("regdoc: ", d->out);
	fprintf(d->out, "%s: ", level_names[level]);
	vfprintf(d->out, fmt, ap);
	fputc('\n', d->out);
}

void diag_report(diag *d, enum diag_level level, const char *path, unsigned long line,
                 const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vreport(d, level, path, line, fmt, ap);
	va_end(ap);
}

void diag_sys(diag *d, const char *path, const char *what, int err)
{
	d->sys_error = 1;
	diag_report(d, DIAG_ERROR, path, 0, "%s: %s", what, strerror(err));
}

void diag_summary(diag *d)
{
	size_t total = d->errors + d->warnings;
	if (!d->out || d->interrupted || !d->max_printed || total <= d->printed)
		return;
	fprintf(d->out, "regdoc: %zu error(s), %zu warning(s); %zu not shown (limit %zu)\n",
	        d->errors, d->warnings, total - d->printed, d->max_printed);
}

int diag_failed(const diag *d)
{
	return d->errors > 0;
}

int diag_interrupted(diag *d)
{
	sig_atomic_t sig;
	if (d->interrupted)
		return 1;
	if (!d->interrupt || (sig = *d->interrupt) == 0)
		return 0;
	d->sys_error = 1;
	diag_report(d, DIAG_ERROR, NULL, 0,
	            "interrupted by signal %d: stopping; the previous output is left as it was",
	            (int)sig);
	d->interrupted = 1;
	return 1;
}
