/*
 * main.c - the regdoc command: parses the command line, calls one libregdoc job,
 * exits with its status. Nothing else lives here but the signal handling: SIGINT,
 * SIGTERM and SIGHUP only set a flag (async-signal-safe); the job polls it, stops,
 * removes its temporary output and returns; then the signal is raised again with its
 * default action, so the caller sees the process killed by it (SECURITY.md, "Signals").
 * SIGPIPE is ignored: a closed pipe is an EPIPE write error, exit status 3.
 */
#define _DEFAULT_SOURCE /* sbrk, madvise: the heap in huge pages (glibc, Linux) */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || __has_feature(thread_sanitizer)
#define REGDOC_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define REGDOC_SANITIZED 1
#endif

#include "cli/help.h"
#include "cli/opts.h"
#include "regdoc.h"
#include "util/diag.h"
#include "util/text.h"
#include "util/workers.h"

static const char usage_text[] =
	"usage: regdoc [OPTIONS] COMMAND [ARGS]\n"
	"\n"
	"Commands:\n"
	"  build [CORPUS_DIR] [-o DIR]   every regulation under CORPUS_DIR (default:\n"
	"                                ./corpus, else the corpus installed with\n"
	"                                regdoc) into DIR/<regulation-id>/ (default:\n"
	"                                output):\n"
	"                                graph.xml, site/, products/<id>/; a summary line\n"
	"                                per regulation on stderr\n"
	"  graph [CORPUS_DIR] [-o FILE]  the XML graph of one regulation (default, or\n"
	"                                -o -: stdout)\n"
	"  check [CORPUS_DIR]            read and check everything, write nothing\n"
	"  links [CORPUS_DIR] ID...      every edge into and out of each ID (e.g. art-43,\n"
	"                                rec-78, cra:art-12.3), one per line:\n"
	"                                KIND<TAB>FROM<TAB>TO<TAB>SOURCE:LINE\n"
	"  site [CORPUS_DIR] -o DIR      the HTML reference site of one regulation\n"
	"  assess PRODUCT.xml [-o DIR] [--regulation DIR]\n"
	"                                the product's assessment, checklist and Annex IV\n"
	"                                template (default DIR:\n"
	"                                output/products/<file name>); PRODUCT.xml '-':\n"
	"                                standard input (then -o DIR)\n"
	"  import FILLED -o ANSWERS      read the answers filled into a checklist or\n"
	"                                template (.md, .docx, .odt, .fodt) into the\n"
	"                                answers file\n"
	"  status PRODUCT.xml            answered / missing / to review per item and\n"
	"                                point; exit 0 when complete\n"
	"  new PRODUCT.xml [--set ID=VALUE]... [--batch] [--force] [--regulation DIR]\n"
	"                                ask the product's facts one question at a time\n"
	"                                and write PRODUCT.xml; print the route it leads\n"
	"                                to\n"
	"  diff OLD_CORPUS NEW_CORPUS [-o DIR], diff CORPUS_DIR [--from DATE] [-o DIR]\n"
	"                                what changed between two versions of a\n"
	"                                regulation (two folders, or a folder's versions)\n"
	"                                and what it does to the products; -o: also\n"
	"                                DIR/diff.html, .xml\n"
	"  templates [--export DIR]      the templates folder in use; --export: a copy of\n"
	"                                it to restyle (then: build --templates DIR)\n"
	"\n";

/* the second half of --help (one string literal would be longer than C11 promises) */
static const char usage_options[] =
	"Options (GNU style: --output PATH or --output=PATH, -o PATH or -oPATH, flags\n"
	"bundled as -Wq, '--' ends the options, '-' is standard input or output):\n"
	"  -o, --output PATH     where to write (see each command)\n"
	"  -W, --werror          treat warnings as errors\n"
	"  -v, --verbose         report what was built (build: every file written), the\n"
	"                        citation statistics, and the schema engine's own words\n"
	"                        beside each schema error\n"
	"  -q, --quiet           build: no summary lines\n"
	"      --validate        validate graphs against graph.rng (check always does)\n"
	"      --no-cache, --clean  build: a cold build, nothing taken over from the\n"
	"                        previous output (doc/cache.md)\n"
	"  -j, --jobs N          build: render the products in N processes, the sites\n"
	"                        beside them (default: the processors online; 1: one\n"
	"                        process); the output is the same\n"
	"      --suggested       links: also the computed suggests edges, with score and\n"
	"                        evidence (README, \"Computed relations\")\n"
	"      --as-of DATE      the law in force on DATE (YYYY-MM-DD): the version of\n"
	"                        each regulation that applies then (default: the latest)\n"
	"      --from DATE       diff CORPUS_DIR: compare from the version of DATE\n"
	"      --max-errors N    print at most N diagnostics (default 100; 0: all)\n"
	"      --datadir DIR     shipped data (templates, schemas); default: found\n"
	"      --templates DIR   use the templates in DIR instead of the shipped ones\n"
	"      --regulation DIR  assess, new, status: the regulation whose rules apply\n"
	"      --answers FILE    assess, status: the writer's answers (default:\n"
	"                        PRODUCT.answers.xml beside the product)\n"
	"      --site-url URL    build, assess, site: where the output is published;\n"
	"                        links of product documents and sitemaps become absolute\n"
	"      --pdf             build, assess: also a PDF of each document, from its\n"
	"                        .odt (LibreOffice)\n"
	"      --export DIR      templates: write a copy of the templates into DIR\n"
	"      --set ID=VALUE    new: the answer to question ID, given in advance\n"
	"      --batch           new: read no answers; --set and defaults only\n"
	"      --force           new: replace an existing PRODUCT.xml\n"
	"  -h, --help            this help; 'regdoc COMMAND --help': that command's help\n"
	"      --version         print the version\n"
	"\n"
	"Diagnostics go to stderr as PATH:LINE: error|warning: MESSAGE.\n"
	"Exit status: 0 success; 1 the input has errors (nothing written, previous output\n"
	"intact); 2 usage error; 3 I/O or system error.\n";

static int usage_error(const char *fmt, const char *arg)
{
	return cli_usage_error(stderr, fmt, arg);
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
	/* A reader that goes away (regdoc ... 2>&1 | head): no SIGPIPE killing regdoc half
	 * way with its temporary output left behind; the write fails with EPIPE instead,
	 * which is an I/O error of the run (exit status 3, temporary output removed). */
	signal(SIGPIPE, SIG_IGN);
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

/* The default bound on regdoc's address space, in MiB: a template that builds a string
 * of doubling length (or any input that would need more) fails with an out-of-memory
 * error instead of taking the machine's memory. A build of the whole corpus needs
 * under 100 MiB of it. REGDOC_MEMORY_LIMIT_MB=N changes it (0: no bound). */
#define MEMORY_LIMIT_MB 2048

/* Not under AddressSanitizer or valgrind, which reserve terabytes of address space of
 * their own; never raised above a limit the caller has set. */
static void limit_memory(void)
{
#if !defined(REGDOC_SANITIZED)
	unsigned long long mb = MEMORY_LIMIT_MB;
	const char *e = getenv("REGDOC_MEMORY_LIMIT_MB");
	struct rlimit rl;
#if defined(RUNNING_ON_VALGRIND)
	if (RUNNING_ON_VALGRIND)
		return;
#endif
	if (e && *e) {
		char *end;
		mb = strtoull(e, &end, 10);
		if (*end) {
			fprintf(stderr, "regdoc: warning: REGDOC_MEMORY_LIMIT_MB is not a number: "
			                "the default, %d MiB, applies\n", MEMORY_LIMIT_MB);
			mb = MEMORY_LIMIT_MB;
		}
	}
	if (mb == 0 || mb > (1ull << 40) || getrlimit(RLIMIT_AS, &rl) != 0)
		return;
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > (rlim_t)(mb << 20)) {
		rl.rlim_cur = (rlim_t)(mb << 20);
		if (rl.rlim_max != RLIM_INFINITY && rl.rlim_cur > rl.rlim_max)
			rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_AS, &rl);
	}
#endif
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

/* build: one line per regulation and one for the run, on stderr (-q: none). */
static void print_built(void *ctx, const regdoc_build_report *r)
{
	(void)ctx;
	/* the output folder is the user's -o (or the corpus's name): shown escaped */
	if (r->unchanged) {
		fputs("regdoc: nothing changed since the last build: ", stderr);
		diag_put_escaped(stderr, r->outdir);
		fprintf(stderr, "/ is as it was (%.1f s)\n", r->seconds);
		return;
	}
	if (r->regulation)
		fprintf(stderr, "regdoc: built %s: %zu units, %zu pages, %zu products, %zu warnings -> ",
		        r->regulation, r->units, r->pages, r->products, r->warnings);
	else
		fprintf(stderr, "regdoc: built %zu regulation%s: %zu units, %zu pages, %zu products, "
		                "%zu files, %zu warnings -> ",
		        r->regulations, r->regulations == 1 ? "" : "s", r->units, r->pages, r->products,
		        r->files, r->warnings);
	diag_put_escaped(stderr, r->outdir);
	fprintf(stderr, "/ (%.1f s)\n", r->seconds);
}

/* build -v: every file written */
static void print_file(void *ctx, const char *path)
{
	(void)ctx;
	fputs("regdoc: wrote ", stderr);
	diag_put_escaped(stderr, path);
	fputc('\n', stderr);
}

/* The options that fill regdoc_options; 0, or a usage error's status. */
static int set_options(const cli_args *a, regdoc_options *o)
{
	o->werror = a->werror;
	o->verbose = a->verbose;
	o->validate = a->validate;
	o->suggested = a->suggested;
	o->datadir = a->datadir;
	o->templates = a->templates;
	o->as_of = a->as_of;
	o->from = a->from;
	o->no_cache = a->no_cache;
	o->answers = a->answers;
	o->pdf = a->pdf;
	if (a->site_url) {
		if (strncmp(a->site_url, "http://", 7) != 0 && strncmp(a->site_url, "https://", 8) != 0)
			return usage_error("--site-url needs an http:// or https:// URL, not '%s'", a->site_url);
		o->site_url = a->site_url;
	}
	o->jobs = workers_default_jobs();
	if (a->jobs) {
		char *end;
		unsigned long n = strtoul(a->jobs, &end, 10);
		if (*end || end == a->jobs || a->jobs[0] == '-' || n < 1 || n > 64)
			return usage_error("--jobs needs a number from 1 to 64, not '%s'", a->jobs);
		o->jobs = (unsigned)n;
	}
	if (a->max_errors) {
		char *end;
		unsigned long n = strtoul(a->max_errors, &end, 10);
		if (*end || end == a->max_errors || a->max_errors[0] == '-')
			return usage_error("--max-errors needs a number, not '%s'", a->max_errors);
		o->max_diagnostics = n;
	}
	if (a->stage) {
		/* hidden, for bench/run: build the graphs and only these stages */
		const char *v = a->stage;
		o->stages = !strcmp(v, "graph")      ? ~(REGDOC_STAGE_SITE | REGDOC_STAGE_PRODUCTS)
		            : !strcmp(v, "site")     ? REGDOC_STAGE_SITE
		            : !strcmp(v, "products") ? REGDOC_STAGE_PRODUCTS
		                                     : 0;
		if (!o->stages)
			return usage_error("--stage=graph|site|products, not '%s'", v);
	}
	if (a->quiet && a->verbose)
		return usage_error("%s", "-q and -v together: choose one");
	return 0;
}

static int run(const cli_args *a, regdoc_options *o)
{
	const char *command = a->command, *output = a->output;
	const char *const *args = a->args;
	size_t nargs = a->nargs;
	if (!strcmp(command, "build")) {
		if (!a->quiet)
			o->on_built = print_built;
		if (a->verbose)
			o->on_file = print_file;
		return nargs > 1 ? usage_error("%s", "build takes one CORPUS_DIR")
		                 : regdoc_build(o, nargs ? args[0] : NULL, output ? output : "output");
	}
	if (!strcmp(command, "graph"))
		return nargs > 1 ? usage_error("%s", "graph takes one CORPUS_DIR")
		                 : regdoc_graph(o, nargs ? args[0] : NULL, output ? output : "-");
	if (!strcmp(command, "check"))
		return nargs > 1 ? usage_error("%s", "check takes one CORPUS_DIR")
		                 : regdoc_check(o, nargs ? args[0] : NULL);
	if (!strcmp(command, "site")) {
		if (!output)
			return usage_error("%s", "site needs -o DIR");
		if (!strcmp(output, "-"))
			return usage_error("%s", "site writes a folder: -o DIR, not -o -");
		return nargs > 1 ? usage_error("%s", "site takes one CORPUS_DIR")
		                 : regdoc_site(o, nargs ? args[0] : NULL, output);
	}
	if (!strcmp(command, "links")) {
		/* the first operand is the corpus when it is a folder or a path (has a '/');
		 * anything else is an id */
		const char *dir = NULL;
		size_t first = 0;
		if (nargs && (is_dir(args[0]) || strchr(args[0], '/'))) {
			dir = args[0];
			first = 1;
		}
		return nargs == first ? usage_error("%s", "links needs at least one ID")
		                      : regdoc_links(o, dir, args + first, nargs - first, stdout);
	}
	if (!strcmp(command, "assess")) {
		char def[512];
		const char *name = nargs == 1 ? strrchr(args[0], '/') : NULL;
		name = name ? name + 1 : (nargs == 1 ? args[0] : "");
		snprintf(def, sizeof def, "output/products/%.*s",
		         (int)(strlen(name) > 4 ? strlen(name) - 4 : strlen(name)), name);
		if (nargs != 1)
			return usage_error("%s", "assess takes one PRODUCT.xml ('-': standard input)");
		if (output && !strcmp(output, "-"))
			return usage_error("%s", "assess writes a folder: -o DIR, not -o -");
		if (!output && !strcmp(args[0], "-"))
			return usage_error("%s", "assess - (the product from standard input) needs -o DIR");
		if (!output && !is_safe_name(def + 16))
			return usage_error("cannot name the output folder after '%s': give -o DIR", name);
		return regdoc_assess(o, args[0], a->regulation, output ? output : def);
	}
	if (!strcmp(command, "new")) {
		regdoc_new_options no;
		regdoc_new_options_init(&no);
		no.answers = a->sets;
		no.nanswers = a->nsets;
		no.regulation = a->regulation;
		no.batch = a->batch;
		no.force = a->force;
		no.interactive = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
		return nargs != 1 ? usage_error("%s", "new takes one PRODUCT.xml")
		       : !strcmp(args[0], "-") ? usage_error("%s", "new writes a file: PRODUCT.xml, not -")
		                               : regdoc_new(o, args[0], &no);
	}
	if (!strcmp(command, "diff"))
		return nargs != 1 && nargs != 2
		           ? usage_error("%s", "diff takes CORPUS (its versions) or OLD_CORPUS NEW_CORPUS")
		       : nargs == 2 && a->from
		           ? usage_error("%s", "diff --from compares the versions of one CORPUS folder")
		       : output && !strcmp(output, "-")
		           ? usage_error("%s", "diff -o writes a folder; the text report goes to stdout")
		           : regdoc_diff(o, args[0], nargs == 2 ? args[1] : NULL, output, stdout);
	if (!strcmp(command, "status"))
		return nargs != 1 ? usage_error("%s", "status takes one PRODUCT.xml")
		                  : regdoc_status(o, args[0], a->regulation, stdout);
	if (!strcmp(command, "import")) {
		if (nargs != 1)
			return usage_error("%s", "import takes one FILLED document");
		if (!output || !strcmp(output, "-"))
			return usage_error("%s", "import needs -o ANSWERS (the answers file)");
		return regdoc_import(o, args[0], output, stdout);
	}
	if (!strcmp(command, "templates"))
		return nargs ? usage_error("%s", "templates takes no arguments (--export DIR)")
		       : a->export_dir ? regdoc_templates_export(o, a->export_dir)
		                       : regdoc_templates_path(o, stdout);
	{
		static const char *const commands[] = {"build", "graph", "check", "links", "site",
		                                       "assess", "import", "status", "new", "diff",
		                                       "templates", "help"};
		const char *near = text_nearest(command, commands, sizeof commands / sizeof *commands);
		if (near) {
			fputs("regdoc: unknown command '", stderr);
			diag_put_escaped(stderr, command);
			fprintf(stderr, "'; did you mean '%s'?\n", near);
			fputs("Try 'regdoc --help'.\n", stderr);
			return REGDOC_EXIT_USAGE;
		}
	}
	return usage_error("unknown command '%s'", command);
}

/* A build's heap grows to 40-60 MiB, in 4 KiB pages a fault each: about 10,000 faults,
 * a third of a one-product rebuild's system time. When the kernel gives transparent
 * huge pages on request (madvise), the heap is grown in 64 MiB steps and asked for
 * 2 MiB pages: 1,500 faults, and that rebuild 110 -> 90 ms (README, "Speed"). This is
 * the program's policy, not the library's: it is set here, before the first malloc
 * made the heap. Not under AddressSanitizer or valgrind, which have their own heaps. */
static void heap_in_huge_pages(void)
{
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE) && !defined(REGDOC_SANITIZED)
	const uintptr_t huge = (uintptr_t)2 << 20;
	const int step = 64 << 20;
	char *before, *after, *p[16];
	size_t n = 0;
#if defined(RUNNING_ON_VALGRIND)
	if (RUNNING_ON_VALGRIND)
		return;
#endif
	before = after = sbrk(0);
	if (before == (char *)-1 || mallopt(M_TOP_PAD, step) != 1 ||
	    mallopt(M_TRIM_THRESHOLD, step) != 1)
		return;
	/* the libraries' constructors made a small heap already: blocks under the mmap
	 * threshold (128 KiB) until it grows, by a step */
	while (n < 16 && after == before && (p[n] = malloc(120 << 10)) != NULL) {
		n++;
		after = sbrk(0);
	}
	if (after != (char *)-1 && after > before) {
		uintptr_t from = ((uintptr_t)before + huge - 1) & ~(huge - 1);
		uintptr_t to = (uintptr_t)after & ~(huge - 1);
		if (to > from)
			madvise((void *)from, to - from, MADV_HUGEPAGE); /* advice: may be refused */
	}
	while (n)
		free(p[--n]);
#endif
}

int main(int argc, char **argv)
{
	regdoc_options o;
	cli_args a;
	int status;

	heap_in_huge_pages();
	regdoc_options_init(&o);
	if (cli_parse(argc, argv, &a, stderr) != 0) {
		cli_args_free(&a);
		return REGDOC_EXIT_USAGE;
	}
	catch_signals();
	limit_memory();
	o.interrupt = &interrupted;
	if (a.version) {
		printf("regdoc %s\n", regdoc_version());
		cli_args_free(&a);
		return REGDOC_EXIT_OK;
	}
	if (a.help || (a.command && !strcmp(a.command, "help"))) {
		/* regdoc --help, regdoc COMMAND --help, regdoc help [COMMAND] */
		const char *about = a.command && !strcmp(a.command, "help") ? (a.nargs ? a.args[0] : NULL)
		                                                            : a.command;
		if (!about) {
			fputs(usage_text, stdout);
			fputs(usage_options, stdout);
			status = REGDOC_EXIT_OK;
		} else {
			status = help_command(about, stdout) == 0 ? REGDOC_EXIT_OK
			                                          : usage_error("unknown command '%s'", about);
		}
		cli_args_free(&a);
		return status;
	}
	if (!a.command) {
		cli_args_free(&a);
		return usage_error("%s", "no command given");
	}
	status = set_options(&a, &o);
	if (status == 0)
		status = run(&a, &o);
	cli_args_free(&a);
	/* what went to standard output (graph -, links, diff, templates) must have got
	 * there: a closed pipe or a full disk is an I/O error */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (status == REGDOC_EXIT_OK || status == REGDOC_EXIT_INPUT)
			status = REGDOC_EXIT_SYSTEM;
		fprintf(stderr, "regdoc: error: cannot write to standard output\n");
	}
	reraise();
	return status;
}
