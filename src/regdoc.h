/*
 * regdoc.h - the public interface of libregdoc.
 *
 * regdoc reads a regulation written as Markdown pages (one per recital, article and
 * annex), builds its XML graph (units, structure, citations, relations), and renders
 * from it an HTML reference site and, per product, the conformity-assessment
 * checklist and technical documentation template.
 *
 * Every function runs one whole job and returns an exit status (REGDOC_EXIT_*).
 * Diagnostics go to options->diagnostics as "path:line: error: message". Output is
 * all-or-nothing: it is built in a temporary place beside the target and renamed
 * into place only when the job succeeded. No global state: jobs may run one after
 * another in one process.
 */
#ifndef REGDOC_H
#define REGDOC_H

#include <signal.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
	REGDOC_EXIT_OK = 0,     /* success (warnings may have been printed) */
	REGDOC_EXIT_INPUT = 1,  /* the input has errors; nothing was written */
	REGDOC_EXIT_USAGE = 2,  /* bad command line */
	REGDOC_EXIT_SYSTEM = 3, /* I/O or system error (file unreadable, disk full, …) */
};

/* What regdoc_build made of one regulation, or of the whole library (regulation NULL):
 * handed to regdoc_options.on_built once the output is in place. */
typedef struct regdoc_build_report {
	const char *regulation; /* manifest id; NULL: the line of the whole run */
	const char *outdir;     /* the folder written (DIR/<id>, or DIR) */
	size_t regulations;     /* the run's line: regulations built */
	size_t units;           /* recitals, articles, annexes (the manifest's unit kinds) */
	size_t pages;           /* HTML pages written */
	size_t products;        /* products assessed */
	size_t files;           /* files written */
	size_t warnings;        /* warnings reported while reading and building it */
	double seconds;         /* wall time (the run's line: the whole run) */
	int unchanged;          /* the run's line only, all counts 0: nothing changed since the
	                           previous build, its output was put back as it was */
} regdoc_build_report;

typedef struct regdoc_options {
	const char *datadir;       /* shipped data (templates/, schemas); NULL: found */
	const char *templates;     /* templates folder; NULL: <datadir>/templates */
	FILE *diagnostics;         /* NULL: stderr */
	size_t max_diagnostics;    /* printed at most (all are counted); 0: no cap */
	int werror;                /* warnings are errors */
	int verbose;               /* print what was built and the citation statistics */
	int validate;              /* also validate graphs against graph.rng (check always does) */
	int suggested;             /* links: also the computed suggests edges */
	/* NULL: the latest version of each regulation; else "YYYY-MM-DD": the version in
	 * force on that date (manifest <versions>, doc/manifest.md). A date before a
	 * regulation's first version is an input error naming the dates there are. */
	const char *as_of;
	/* diff of one folder's versions: NULL, the version before the one compared; else
	 * "YYYY-MM-DD", the version in force on that date (as_of picks the newer one) */
	const char *from;
	unsigned stages;           /* build: 0 = everything; else the graphs and only the
	                              REGDOC_STAGE_* given (bench/run times each stage) */
	int no_cache;              /* build: take nothing over from the previous output
	                              (a cold build; doc/cache.md) */
	unsigned jobs;             /* build: the processes that render the products, this
	                              one included: jobs - 1 forked workers render them
	                              while this one builds the sites, then it takes its
	                              share (doc/cache.md, "Worker processes"); 0 or 1:
	                              this one only. The output is the same either way. */
	/* NULL, or a flag that a signal handler sets (to the signal number): the job
	 * notices it at its next step, removes its temporary output, leaves the previous
	 * output as it was and returns REGDOC_EXIT_SYSTEM. Once the job has started to
	 * swap its output into place it finishes that first. (SECURITY.md, "Signals") */
	const volatile sig_atomic_t *interrupt;
	/* assess, status: the writer's answers (doc/answers.md); NULL: PRODUCT.answers.xml
	 * beside the product when there is one */
	const char *answers;
	/* build, assess, site: the URL the output folder is published at; links in the
	 * product documents become absolute into it (URL/<regulation>/site/...), and so do
	 * the sitemaps. NULL: the manifest's <site-url>, else build links relatively and
	 * assess links to EUR-Lex (doc/answers.md, "Links") */
	const char *site_url;
	int pdf; /* build, assess: also PDF of the .docx and .odt through LibreOffice */
	/* regdoc_build, once its output is in place (NULL: not called): on_built once per
	 * regulation, in the order built, then once for the run (report->regulation NULL);
	 * on_file for each file written, by path, in byte order, before its regulation's
	 * on_built. ctx is handed back to both. */
	void (*on_built)(void *ctx, const regdoc_build_report *report);
	void (*on_file)(void *ctx, const char *path);
	void *report_ctx;
} regdoc_options;

#define REGDOC_STAGE_SITE 1u     /* the sites and the library's home page */
#define REGDOC_STAGE_PRODUCTS 2u /* every example product */

void regdoc_options_init(regdoc_options *o);

/* In regdoc_graph, _check, _links, _site and _build, a NULL corpus or regulation folder
 * (dir, regdir, corpus_dir) means the default corpus: ./corpus when it is a folder, else the corpus installed
 * with regdoc (<datadir>/corpus). */

/* Regulations cite each other: the regulations read together (a folder of them, or
 * one regulation folder and the regulations beside it, which are read only for that)
 * are a library, and a citation of one of them by another resolves to its units as
 * qualified ids (cra:art-12.3; doc/graph.md, "Citations of other regulations"). */

/* The graph of the regulation in regdir, written to out_path ("-": stdout). */
int regdoc_graph(const regdoc_options *o, const char *regdir, const char *out_path);

/* Read and check every regulation under dir; write nothing. */
int regdoc_check(const regdoc_options *o, const char *dir);

/* Every edge into or out of each id, as KIND\tFROM\tTO\tSOURCE:LINE lines; a
 * qualified id (cra:art-12.3) also gets the other regulations' edges into it. */
int regdoc_links(const regdoc_options *o, const char *dir, const char *const *ids, size_t nids,
                 FILE *out);

/* The HTML site of the regulation in regdir, into outdir. */
int regdoc_site(const regdoc_options *o, const char *regdir, const char *outdir);

/* Every regulation under corpus_dir into outdir/<regulation-id>/: graph.xml, site/,
 * products/<product-id>/. A folder of regulations is one library: also
 * outdir/index.html (its home page) and outdir/links.xml (the links between them), and
 * the sites link into each other (doc/site.md, "The library"). */
int regdoc_build(const regdoc_options *o, const char *corpus_dir, const char *outdir);

/* The assessment, checklist and Annex IV template of one product (PRODUCT.xml) into
 * outdir. regdir: the regulation whose rules apply; NULL: the folder above the
 * product's products/ folder. */
int regdoc_assess(const regdoc_options *o, const char *product, const char *regdir,
                  const char *outdir);

/* Copy the templates in use (o->templates, else <datadir>/templates: schemas, XSLT,
 * static files) into outdir, to restyle and use with o->templates. outdir must not
 * exist or be an empty folder (a restyled copy is never overwritten). */
int regdoc_templates_export(const regdoc_options *o, const char *outdir);

/* How regdoc_new asks. */
typedef struct regdoc_new_options {
	FILE *in;                   /* answers, one per line; NULL: stdin */
	FILE *out;                  /* questions (interactive) and the result; NULL: stdout */
	int interactive;            /* a person at a terminal: prompts, help, ask again */
	int batch;                  /* read no answers: --set answers and defaults only */
	int force;                  /* replace an existing product file */
	const char *const *answers; /* "ID=VALUE" answers given in advance (regdoc new --set) */
	size_t nanswers;
	const char *regulation;     /* the regulation folder whose rules assess the product;
	                               NULL: <default corpus>/<the questionnaire's regulation> */
} regdoc_new_options;

void regdoc_new_options_init(regdoc_new_options *n);

/* The questionnaire (<templates>/questionnaire.xml): ask the facts of a product one
 * question at a time, in the order the law decides them, skipping those that no longer
 * matter; write product_path (validated against product.rng; all-or-nothing; an
 * existing file only with n->force) and print the route the rules give it. */
int regdoc_new(const regdoc_options *o, const char *product_path, const regdoc_new_options *n);

/* What changed between two versions of a corpus (each a regulation folder or a folder
 * of them; regulations are paired by manifest id): units and elements changed, added
 * or removed (word by word), and how each example product's assessment (route,
 * checklist) changes, under each version's own rules. The report goes to out as text
 * (templates/diff/text.xsl); with outdir, also into outdir/ as diff.xml (schema
 * templates/schema/diff.rng), diff.html and diff.txt (all-or-nothing). Differences are
 * not errors: the exit status is 0 when both versions could be read. */
/* new_dir NULL: the versions of each regulation in old_dir (manifest <versions>): the
 * version o->as_of picks (default the latest) against the one before it (or the one in
 * force on o->from), each change with the rows of the amendment tables that made it
 * (diff.h, diff_amendments). An error when no regulation there has two versions. */
int regdoc_diff(const regdoc_options *o, const char *old_dir, const char *new_dir,
                const char *outdir, FILE *out);

/* Read the answers a writer filled into a checklist or technical documentation template
 * that regdoc made (filled: .md, .docx, .odt or .fodt) and merge them into the answers
 * file answers_path (doc/answers.md): created when missing; an existing one only when
 * it is a valid answers file of the same product, updated atomically, keeping every
 * answer the document leaves empty. A summary line goes to out. */
int regdoc_import(const regdoc_options *o, const char *filled, const char *answers_path,
                  FILE *out);

/* How far a product's answers are: per point of its technical documentation and per
 * checklist item answered, missing or to review, one line each, then a summary line, to
 * out. REGDOC_EXIT_OK when every one is answered and none is to review;
 * REGDOC_EXIT_INPUT when not (or the input has errors). regdir as for regdoc_assess;
 * the answers: o->answers, else PRODUCT.answers.xml. */
int regdoc_status(const regdoc_options *o, const char *product, const char *regdir, FILE *out);

/* Print the templates folder in use, one line, to out. */
int regdoc_templates_path(const regdoc_options *o, FILE *out);

const char *regdoc_version(void);

#ifdef __cplusplus
}
#endif

#endif
