/*
 * opts.h - the command line of regdoc, parsed GNU-style from one table.
 *
 * Owns: the option table (one line per option: short name, long name, what it sets),
 * the forms every option takes (--opt VALUE, --opt=VALUE, -o VALUE, -oVALUE, flags
 * bundled as -Wv, `--` ending the options, `-` an argument meaning stdin/stdout), and
 * the usage messages for a bad command line (with a "did you mean" for a near miss).
 * Nothing here runs a job: main.c turns a cli_args into one libregdoc call.
 */
#ifndef REGDOC_CLI_OPTS_H
#define REGDOC_CLI_OPTS_H

#include <stddef.h>
#include <stdio.h>

/* What the command line says. Adding an option: a field here and a line in the table
 * of opts.c. */
typedef struct cli_args {
	const char *command;
	const char **args; /* the operands after the command, in order */
	size_t nargs;
	const char **sets; /* new --set ID=VALUE, in order */
	size_t nsets;
	const char *output, *regulation, *export_dir, *datadir, *templates, *stage;
	const char *max_errors, *as_of, *from, *answers, *site_url, *jobs;
	int help, version, werror, verbose, quiet, validate, suggested, batch, force, no_cache, pdf;
} cli_args;

/* Parse argv into a (which holds pointers into argv; free with cli_args_free).
 * 0, or -1 after printing a usage message on err. */
int cli_parse(int argc, char **argv, cli_args *a, FILE *err);
void cli_args_free(cli_args *a);

/* "regdoc: MESSAGE\nTry 'regdoc --help'." on err; returns 2 (usage error). */
int cli_usage_error(FILE *err, const char *fmt, const char *arg);

#endif
