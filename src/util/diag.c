#include "util/diag.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"

static const char *const level_names[] = {"note", "warning", "error"};

void diag_init(diag *d, FILE *out)
{
	memset(d, 0, sizeof *d);
	d->out = out;
	d->max_printed = 100;
}

/* Text from the input (a heading, a file name) shown on a terminal: control
 * characters (C0, DEL, C1) as \xNN or \u0085, and the invisible characters that
 * reorder or hide text (bidi controls, zero-width) as \u202E, so that a page cannot
 * move the cursor, retitle the terminal or disguise what the message says. */
static void put_escaped(FILE *out, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t k;
		if (u[i] < 0x20 || u[i] == 0x7F) {
			fprintf(out, "\\x%02x", u[i]);
			i++;
		} else if (u[i] == 0xC2 && i + 1 < n && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F) {
			fprintf(out, "\\u%04x", u[i + 1]);
			i += 2;
		} else if ((k = text_invisible_at(s + i, n - i, &cp)) != 0) {
			fprintf(out, "\\u%04X", cp);
			i += k;
		} else {
			fputc(u[i], out);
			i++;
		}
	}
}

void diag_put_escaped(FILE *out, const char *s)
{
	put_escaped(out, s ? s : "");
}

/* stderr gone (a closed pipe, a full disk): an I/O error of the run, which then fails
 * (exit status 3) and removes its temporary output; nothing more is printed. */
static void check_stream(diag *d)
{
	if (d->out && ferror(d->out)) {
		d->sys_error = 1;
		d->errors++;
		d->out = NULL;
	}
}

static void vreport(diag *d, enum diag_level level, const char *path, unsigned long line,
                    unsigned long column, const char *fmt, va_list ap)
{
	char small[512], *msg = small;
	va_list aq;
	int n;
	if (level == DIAG_WARNING && d->werror)
		level = DIAG_ERROR;
	if (level == DIAG_ERROR)
		d->errors++;
	else if (level == DIAG_WARNING)
		d->warnings++;
	if (!d->out || d->interrupted || (d->max_printed && d->printed >= d->max_printed))
		return;
	d->printed++;
	va_copy(aq, ap);
	n = vsnprintf(small, sizeof small, fmt, aq);
	va_end(aq);
	if (n >= (int)sizeof small && (msg = malloc((size_t)n + 1)) != NULL)
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
	else if (n < 0 || !msg)
		msg = small;
	if (path) {
		put_escaped(d->out, path);
		if (line && column)
			fprintf(d->out, ":%lu:%lu", line, column);
		else if (line)
			fprintf(d->out, ":%lu", line);
		fputs(": ", d->out);
	} else {
		fputs("regdoc: ", d->out);
	}
	fprintf(d->out, "%s: ", level_names[level]);
	put_escaped(d->out, msg);
	fputc('\n', d->out);
	if (msg != small)
		free(msg);
	fflush(d->out);
	check_stream(d);
}

void diag_vreport(diag *d, enum diag_level level, const char *path, unsigned long line,
                  const char *fmt, va_list ap)
{
	vreport(d, level, path, line, 0, fmt, ap);
}

void diag_report_col(diag *d, enum diag_level level, const char *path, unsigned long line,
                     unsigned long column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(d, level, path, line, column, fmt, ap);
	va_end(ap);
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
	fflush(d->out);
	check_stream(d);
}

void diag_merge(diag *d, const char *text, size_t len, const diag *from)
{
	size_t i = 0;
	d->errors += from->errors;
	d->warnings += from->warnings;
	d->sys_error |= from->sys_error;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (text + i)) + 1 : len - i;
		if (d->out && !d->interrupted && (!d->max_printed || d->printed < d->max_printed)) {
			d->printed++;
			fwrite(text + i, 1, n, d->out);
			if (!nl)
				fputc('\n', d->out);
		}
		i += n;
	}
	if (d->out && len) {
		fflush(d->out);
		check_stream(d);
	}
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
