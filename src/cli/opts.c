/*
 * opts.c - see opts.h. The table below is the whole list of options; the parser knows
 * nothing of any one of them.
 */
#include "cli/opts.h"

#include <stdlib.h>
#include <string.h>

#include "util/diag.h"
#include "util/text.h"

enum opt_kind {
	FLAG, /* sets an int to 1 */
	VALUE, /* takes a value: a const char * */
	LIST, /* takes a value, repeatable: appended to a list (--set) */
};

typedef struct opt {
	char short_name; /* 0: none */
	const char *long_name;
	enum opt_kind kind;
	size_t field; /* offsetof(cli_args, ...) */
} opt;

#define F(m) offsetof(cli_args, m)
static const opt options[] = {
	{'o', "output", VALUE, F(output)},
	{'W', "werror", FLAG, F(werror)},
	{'v', "verbose", FLAG, F(verbose)},
	{'q', "quiet", FLAG, F(quiet)},
	{'h', "help", FLAG, F(help)},
	{0, "version", FLAG, F(version)},
	{0, "validate", FLAG, F(validate)},
	{0, "no-cache", FLAG, F(no_cache)},
	{0, "clean", FLAG, F(no_cache)},
	{'j', "jobs", VALUE, F(jobs)},
	{0, "suggested", FLAG, F(suggested)},
	{0, "max-errors", VALUE, F(max_errors)},
	{0, "as-of", VALUE, F(as_of)},
	{0, "from", VALUE, F(from)},
	{0, "datadir", VALUE, F(datadir)},
	{0, "templates", VALUE, F(templates)},
	{0, "regulation", VALUE, F(regulation)},
	{0, "export", VALUE, F(export_dir)},
	{0, "set", LIST, F(sets)},
	{0, "batch", FLAG, F(batch)},
	{0, "force", FLAG, F(force)},
	{0, "answers", VALUE, F(answers)},
	{0, "site-url", VALUE, F(site_url)},
	{0, "pdf", FLAG, F(pdf)},
	{0, "stage", VALUE, F(stage)}, /* hidden, for bench/run: graph|site|products */
};
#undef F
#define NOPTIONS (sizeof options / sizeof *options)

int cli_usage_error(FILE *err, const char *fmt, const char *arg)
{
	char msg[1024];
	snprintf(msg, sizeof msg, fmt, arg);
	fputs("regdoc: ", err);
	diag_put_escaped(err, msg); /* arg is the user's: a file name may hold ESC */
	fputs("\nTry 'regdoc --help'.\n", err);
	return 2;
}

static int set_option(cli_args *a, const opt *o, const char *value)
{
	char *base = (char *)a + o->field;
	if (o->kind == FLAG)
		*(int *)(void *)base = 1;
	else if (o->kind == VALUE)
		*(const char **)(void *)base = value;
	else
		a->sets[a->nsets++] = value; /* the only LIST; sized for argc in cli_parse */
	return 0;
}

static const opt *find_long(const char *name, size_t len)
{
	for (size_t i = 0; i < NOPTIONS; i++)
		if (strlen(options[i].long_name) == len && !strncmp(options[i].long_name, name, len))
			return &options[i];
	return NULL;
}

static const opt *find_short(char c)
{
	for (size_t i = 0; i < NOPTIONS; i++)
		if (options[i].short_name == c)
			return &options[i];
	return NULL;
}

static int unknown_long(FILE *err, const char *name, size_t len)
{
	const char *names[NOPTIONS], *near;
	char word[64];
	snprintf(word, sizeof word, "%.*s", (int)(len < 63 ? len : 63), name);
	for (size_t i = 0; i < NOPTIONS; i++)
		names[i] = options[i].long_name;
	near = text_nearest(word, names, NOPTIONS);
	fputs("regdoc: unknown option --", err);
	diag_put_escaped(err, word);
	if (near)
		fprintf(err, "; did you mean --%s?", near);
	fputs("\nTry 'regdoc --help'.\n", err);
	return -1;
}

int cli_parse(int argc, char **argv, cli_args *a, FILE *err)
{
	int options_end = 0;
	memset(a, 0, sizeof *a);
	a->args = calloc((size_t)argc + 1, sizeof *a->args);
	a->sets = calloc((size_t)argc + 1, sizeof *a->sets);
	if (!a->args || !a->sets) {
		fputs("regdoc: out of memory\n", err);
		cli_args_free(a);
		return -1;
	}
	for (int i = 1; i < argc; i++) {
		const char *s = argv[i];
		if (options_end || s[0] != '-' || s[1] == '\0') { /* an operand; "-" is stdin/stdout */
			if (!a->command)
				a->command = s;
			else
				a->args[a->nargs++] = s;
		} else if (!strcmp(s, "--")) {
			options_end = 1;
		} else if (s[1] == '-') { /* --name, --name=VALUE, --name VALUE */
			const char *name = s + 2, *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			const opt *o = find_long(name, len);
			if (!o)
				return unknown_long(err, name, len);
			if (o->kind == FLAG && eq) {
				cli_usage_error(err, "option --%s takes no value", o->long_name);
				return -1;
			}
			if (o->kind != FLAG && !eq && i + 1 >= argc) {
				cli_usage_error(err, "option --%s needs a value", o->long_name);
				return -1;
			}
			set_option(a, o, o->kind == FLAG ? NULL : eq ? eq + 1 : argv[++i]);
		} else { /* -x, -xyz (flags), -oVALUE, -o VALUE */
			for (const char *c = s + 1; *c; c++) {
				const opt *o = find_short(*c);
				char name[2] = {*c, '\0'};
				if (!o) {
					cli_usage_error(err, "unknown option -%s", name);
					return -1;
				}
				if (o->kind == FLAG) {
					set_option(a, o, NULL);
					continue;
				}
				if (c[1]) {
					set_option(a, o, c + 1);
				} else if (i + 1 < argc) {
					set_option(a, o, argv[++i]);
				} else {
					cli_usage_error(err, "option -%s needs a value", name);
					return -1;
				}
				break;
			}
		}
	}
	return 0;
}

void cli_args_free(cli_args *a)
{
	free(a->args);
	free(a->sets);
	a->args = a->sets = NULL;
}
