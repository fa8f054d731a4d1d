/*
 * main.c - the regdoc command: parses the command line, calls one libregdoc job,
 * exits with its status. Nothing else lives here but the signal handling: SIGINT,
 * SIGTERM and SIGHUP only set a flag (async-signal-safe); the job polls it, stops,
 * removes its temporary output and returns; then the signal is raised again with its
 * default action, so the caller sees the process killed by it (SECURITY.md, "Signals").
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/help.h"
#include "regdoc.h"

static const char usage_text[] =
	"usage: regdoc [OPTIONS] COMMAND [ARGS]\n"
	"\n"
	"Commands:\n"
	"  build [CORPUS_DIR] [-o DIR]   every regulation under CORPUS_DIR (default: ./corpus,\n"
	"                                else the corpus installed with regdoc)\n"
	"                                into DIR/<regulation-id>/ (default: output):\n"
	"                                graph.xml, site/, products/<id>/\n"
	"  graph [CORPUS_DIR] [-o FILE]  the XML graph of one regulation (default: stdout)\n"
	"  check [CORPUS_DIR]            read and check everything, write nothing\n"
	"  links [CORPUS_DIR] ID...      every edge into and out of each ID (e.g. art-43,\n"
	"                                rec-78, cra:art-12.3), one per line:\n"
	"                                KIND<TAB>FROM<TAB>TO<TAB>SOURCE:LINE\n"
	"  site [CORPUS_DIR] -o DIR      the HTML reference site of one regulation\n"
	"  assess PRODUCT.xml [-o DIR] [--regulation DIR]\n"
	"                                the product's assessment, checklist and Annex IV\n"
	"                                template (default DIR: output/products/<file name>)\n"
	"  new PRODUCT.xml [--set ID=VALUE]... [--batch] [--force] [--regulation DIR]\n"
	"                                ask the product's facts one question at a time and\n"
	"                                write PRODUCT.xml; print the route it leads to\n"
	"  diff OLD_CORPUS NEW_CORPUS [-o DIR]\n"
	"                                what changed between two versions of a regulation\n"
	"                                and what it does to the example products; -o: also\n"
	"                                DIR/diff.html, diff.xml, diff.txt\n"
	"  templates [--export DIR]      the templates folder in use; --export: a copy of it\n"
	"                                to restyle (then: build --templates DIR)\n"
	"\n"
	"Options:\n"
	"  -o, --output PATH     where to write (see each command)\n"
	"  -W, --werror          treat warnings as errors\n"
	"  -v, --verbose         report what was built and citation statistics\n"
	"      --validate        validate graphs against graph.rng (check always does)\n"
	"      --suggested       links: also the computed suggests edges, with score and\n"
	"                        evidence (README, \"Computed relations\")\n"
	"      --as-of DATE      the law in force on DATE (YYYY-MM-DD): the version of each\n"
	"                        regulation that applies then (default: the latest)\n"
	"      --max-errors N    print at most N diagnostics (default 100; 0: all)\n"
	"      --datadir DIR     shipped data (templates, schemas); default: found\n"
	"      --templates DIR   use the templates in DIR instead of the shipped ones\n"
	"      --regulation DIR  assess, new: the regulation whose rules apply\n"
	"      --export DIR      templates: write a copy of the templates into DIR\n"
	"      --set ID=VALUE    new: the answer to question ID, given in advance\n"
	"      --batch           new: read no answers; --set and defaults only\n"
	"      --force           new: replace an existing PRODUCT.xml\n"
	"  -h, --help            this help; 'regdoc COMMAND --help': that command's\n"
	"      --version         print the version\n"
	"\n"
	"Diagnostics go to stderr as PATH:LINE: error|warning: MESSAGE.\n"
	"Exit status: 0 success; 1 the input has errors (nothing written, previous output\n"
	"intact); 2 usage error; 3 I/O or system error.\n";

static int usage_error(const char *fmt, const char *arg)
{
	fputs("regdoc: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'regdoc --help'.\n", stderr);
	return REGDOC_EXIT_USAGE;
}

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	interrupted = sig;
}

/* No SA_RESTART: a system call blocked on something slow (a FIFO planted as an input)
 * returns EINTR, so the job gets to look at the flag. */
static void catch_signals(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
		struct sigaction old;
		/* a signal ignored by whoever started us (nohup) stays ignored */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
	}
}

/* After the job: die of the signal that stopped it, as if it had not been caught. */
static void reraise(void)
{
	int sig = (int)interrupted;
	if (!sig)
		return;
	fflush(NULL);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* A file name fit to name an output folder: [A-Za-z0-9][A-Za-z0-9._-]*, no "..". */
static int is_safe_name(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      *s == '.' || *s == '_' || *s == '-') ||
		    (s[0] == '.' && s[1] == '.'))
			return 0;
	return 1;
}

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

int main(int argc, char **argv)
{
	regdoc_options o;
	const char *command = NULL, *output = NULL, *regulation = NULL, *export_dir = NULL;
	const char **args = calloc((size_t)argc + 1, sizeof *args);
	const char **sets = calloc((size_t)argc + 1, sizeof *sets); /* new --set ID=VALUE */
	size_t nargs = 0, nsets = 0;
	int status, help = 0;
	regdoc_new_options no;

	regdoc_options_init(&o);
	regdoc_new_options_init(&no);
	if (!args || !sets) {
		free(args);
		free(sets);
		return REGDOC_EXIT_SYSTEM;
	}
	catch_signals();
	o.interrupt = &interrupted;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *val = NULL;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			help = 1;
		} else if (!strcmp(a, "--version")) {
			printf("regdoc %s\n", regdoc_version());
			free(args), free(sets);
			return REGDOC_EXIT_OK;
		} else if (!strcmp(a, "-W") || !strcmp(a, "--werror")) {
			o.werror = 1;
		} else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
			o.verbose = 1;
		} else if (!strcmp(a, "--validate")) {
			o.validate = 1;
		} else if (!strcmp(a, "--batch")) {
			no.batch = 1;
		} else if (!strcmp(a, "--force")) {
			no.force = 1;
		} else if (!strcmp(a, "--set")) {
			if (i + 1 >= argc) {
				free(args), free(sets);
				return usage_error("option %s needs a value", a);
			}
			sets[nsets++] = argv[++i];
		} else if (!strcmp(a, "--suggested")) {
			o.suggested = 1;
		} else if (!strncmp(a, "--stage=", 8)) {
			/* hidden, for bench/run: build the graphs and only these stages */
			const char *v = a + 8;
			o.stages = !strcmp(v, "graph")      ? ~(REGDOC_STAGE_SITE | REGDOC_STAGE_PRODUCTS)
			           : !strcmp(v, "site")     ? REGDOC_STAGE_SITE
			           : !strcmp(v, "products") ? REGDOC_STAGE_PRODUCTS
			                                    : 0;
			if (!o.stages) {
				free(args), free(sets);
				return usage_error("--stage=graph|site|products, not '%s'", v);
			}
		} else if (!strcmp(a, "-o") || !strcmp(a, "--output") || !strcmp(a, "--max-errors") ||
		           !strcmp(a, "--datadir") || !strcmp(a, "--templates") ||
		           !strcmp(a, "--regulation") || !strcmp(a, "--export") ||
		           !strcmp(a, "--as-of")) {
			if (i + 1 >= argc) {
				free(args), free(sets);
				return usage_error("option %s needs a value", a);
			}
			val = argv[++i];
			if (a[1] == 'o' || !strcmp(a, "--output"))
				output = val;
			else if (!strcmp(a, "--datadir"))
				o.datadir = val;
			else if (!strcmp(a, "--templates"))
				o.templates = val;
			else if (!strcmp(a, "--regulation"))
				regulation = val;
			else if (!strcmp(a, "--export"))
				export_dir = val;
			else if (!strcmp(a, "--as-of"))
				o.as_of = val;
			else {
				char *end;
				unsigned long n = strtoul(val, &end, 10);
				if (*end || end == val) {
					free(args), free(sets);
					return usage_error("--max-errors needs a number, not '%s'", val);
				}
				o.max_diagnostics = n;
			}
		} else if (a[0] == '-' && a[1] != '\0') {
			free(args), free(sets);
			return usage_error("unknown option %s", a);
		} else if (!command) {
			command = a;
		} else {
			args[nargs++] = a;
		}
	}
	if (help || (command && !strcmp(command, "help"))) {
		/* regdoc --help, regdoc COMMAND --help, regdoc help [COMMAND] */
		const char *about = command && !strcmp(command, "help") ? (nargs ? args[0] : NULL) : command;
		free(args), free(sets);
		if (!about) {
			fputs(usage_text, stdout);
			return REGDOC_EXIT_OK;
		}
		return help_command(about, stdout) == 0 ? REGDOC_EXIT_OK
		                                       : usage_error("unknown command '%s'", about);
	}
	if (!command) {
		free(args), free(sets);
		return usage_error("%s", "no command given");
	}
	if (!strcmp(command, "build")) {
		status = nargs > 1 ? usage_error("%s", "build takes one CORPUS_DIR")
		                   : regdoc_build(&o, nargs ? args[0] : NULL, output ? output : "output");
	} else if (!strcmp(command, "graph")) {
		status = nargs > 1 ? usage_error("%s", "graph takes one CORPUS_DIR")
		                   : regdoc_graph(&o, nargs ? args[0] : NULL, output ? output : "-");
	} else if (!strcmp(command, "check")) {
		status = nargs > 1 ? usage_error("%s", "check takes one CORPUS_DIR")
		                   : regdoc_check(&o, nargs ? args[0] : NULL);
	} else if (!strcmp(command, "site")) {
		if (!output)
			status = usage_error("%s", "site needs -o DIR");
		else
			status = nargs > 1 ? usage_error("%s", "site takes one CORPUS_DIR")
			                   : regdoc_site(&o, nargs ? args[0] : NULL, output);
	} else if (!strcmp(command, "links")) {
		const char *dir = NULL;
		size_t first = 0;
		if (nargs && is_dir(args[0])) {
			dir = args[0];
			first = 1;
		}
		status = nargs == first ? usage_error("%s", "links needs at least one ID")
		                        : regdoc_links(&o, dir, args + first, nargs - first, stdout);
	} else if (!strcmp(command, "assess")) {
		char def[512];
		const char *name = nargs == 1 ? strrchr(args[0], '/') : NULL;
		name = name ? name + 1 : (nargs == 1 ? args[0] : "");
		snprintf(def, sizeof def, "output/products/%.*s", (int)(strlen(name) > 4 ? strlen(name) - 4 : strlen(name)), name);
		if (nargs != 1)
			status = usage_error("%s", "assess takes one PRODUCT.xml");
		else if (!output && !is_safe_name(def + 16))
			status = usage_error("cannot name the output folder after '%s': give -o DIR", name);
		else
			status = regdoc_assess(&o, args[0], regulation, output ? output : def);
	} else if (!strcmp(command, "new")) {
		no.answers = sets;
		no.nanswers = nsets;
		no.regulation = regulation;
		no.interactive = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
		status = nargs != 1 ? usage_error("%s", "new takes one PRODUCT.xml")
		                    : regdoc_new(&o, args[0], &no);
	} else if (!strcmp(command, "diff")) {
		status = nargs != 2 ? usage_error("%s", "diff takes OLD_CORPUS and NEW_CORPUS")
		                    : regdoc_diff(&o, args[0], args[1], output, stdout);
	} else if (!strcmp(command, "templates")) {
		status = nargs ? usage_error("%s", "templates takes no arguments (--export DIR)")
		       : export_dir ? regdoc_templates_export(&o, export_dir)
		                    : regdoc_templates_path(&o, stdout);
	} else {
		status = usage_error("unknown command '%s'", command);
	}
	free(args), free(sets);
	reraise();
	return status;
}
