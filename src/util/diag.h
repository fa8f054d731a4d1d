/*
 * diag.h - diagnostics: "path:line: error: message" on a stream, counted.
 *
 * Owns: the format of every message regdoc prints about its input, the error and
 * warning counts a run's exit status is computed from, and the cap on how many are
 * printed (all are counted, so the summary stays true when the cap cuts output).
 * A diag is per run: no global state, so two runs in one process do not mix.
 * Every path and message is printed with control characters and invisible (bidi,
 * zero-width) characters escaped (\x1b, \u202E): input text cannot drive the terminal.
 * A stream that fails (EPIPE: the reader went away) is an I/O error of the run.
 */
#ifndef REGDOC_DIAG_H
#define REGDOC_DIAG_H

#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

enum diag_level { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR };

typedef struct diag {
	FILE *out;            /* where messages go; NULL = count only */
	size_t max_printed;   /* 0 = no cap */
	size_t printed;
	size_t errors;
	size_t warnings;
	int sys_error;        /* an I/O or system error happened (exit status 3) */
	int werror;           /* warnings count as errors */
	int verbose;          /* also the notes a person debugging a file wants (-v): the
	                         schema engine's own words beside regdoc's */
	/* A flag a signal handler sets (NULL: none). Long steps poll diag_interrupted()
	 * and stop; see SECURITY.md, "Signals". */
	const volatile sig_atomic_t *interrupt;
	int interrupted;      /* diag_interrupted() has seen it and reported it */
} diag;

void diag_init(diag *d, FILE *out);

/* s written to out as diagnostics write input text: control and invisible characters
 * escaped (\x1b, \u202E). For the messages printed outside a diag (usage errors, the
 * command's summary lines), which also carry what the user or a file name gave. */
void diag_put_escaped(FILE *out, const char *s);

/* path may be NULL (a message about the run); line 0 means "no line". */
void diag_report(diag *d, enum diag_level level, const char *path, unsigned long line,
                 const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;
/* As diag_report, at a column too: "path:line:column: level: message". */
void diag_report_col(diag *d, enum diag_level level, const char *path, unsigned long line,
                     unsigned long column, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 7)))
#endif
	;
void diag_vreport(diag *d, enum diag_level level, const char *path, unsigned long line,
                  const char *fmt, va_list ap);

#define diag_error(d, path, line, ...) diag_report((d), DIAG_ERROR, (path), (line), __VA_ARGS__)
#define diag_warning(d, path, line, ...) diag_report((d), DIAG_WARNING, (path), (line), __VA_ARGS__)

/* An I/O or system failure (errno-style): an error that also sets sys_error. */
void diag_sys(diag *d, const char *path, const char *what, int err);

/* Print "N errors, M warnings (K not shown)" when the cap hid some. */
void diag_summary(diag *d);

int diag_failed(const diag *d);

/* What another diag (from) printed into text (len bytes: its messages, one per line,
 * as this file writes them), reported here as if its reports had been made here, in
 * order: printed under d's cap, its errors, warnings and sys_error added. For work
 * done in another process (util/workers.h). */
void diag_merge(diag *d, const char *text, size_t len, const diag *from);

/* 1 when *d->interrupt is set. The first time, reports "interrupted by signal N" as a
 * system error (so the run fails and removes its temporary output); from then on the
 * messages of the run winding down are counted but not printed. */
int diag_interrupted(diag *d);

#endif
