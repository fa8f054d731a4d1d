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

typedef struct regdoc_options {
	const char *datadir;       /* shipped data (templates/, schemas); NULL: found */
	const char *templates;     /* templates folder; NULL: <datadir>/templates */
	FILE *diagnostics;         /* NULL: stderr */
	size_t max_diagnostics;    /* printed at most (all are counted); 0: no cap */
	int werror;                /* warnings are errors */
	int verbose;               /* print what was built and the citation statistics */
	int validate;              /* also validate graphs against graph.rng (check always does) */
	/* NULL, or a flag that a signal handler sets (to the signal number): the job
	 * notices it at its next step, removes its temporary output, leaves the previous
	 * output as it was and returns REGDOC_EXIT_SYSTEM. Once the job has started to
	 * swap its output into place it finishes that first. (SECURITY.md, "Signals") */
	const volatile sig_atomic_t *interrupt;
} regdoc_options;

void regdoc_options_init(regdoc_options *o);

/* The graph of the regulation in regdir, written to out_path ("-": stdout). */
int regdoc_graph(const regdoc_options *o, const char *regdir, const char *out_path);

/* Read and check every regulation under dir; write nothing. */
int regdoc_check(const regdoc_options *o, const char *dir);

/* Every edge into or out of each id, as KIND\tFROM\tTO\tSOURCE:LINE lines. */
int regdoc_links(const regdoc_options *o, const char *dir, const char *const *ids, size_t nids,
                 FILE *out);

/* The HTML site of the regulation in regdir, into outdir. */
int regdoc_site(const regdoc_options *o, const char *regdir, const char *outdir);

/* Every regulation under corpus_dir into outdir/<regulation-id>/: graph.xml, site/,
 * products/<product-id>/. */
int regdoc_build(const regdoc_options *o, const char *corpus_dir, const char *outdir);

/* The assessment, checklist and Annex IV template of one product (PRODUCT.xml) into
 * outdir. regdir: the regulation whose rules apply; NULL: the folder above the
 * product's products/ folder. */
int regdoc_assess(const regdoc_options *o, const char *product, const char *regdir,
                  const char *outdir);

const char *regdoc_version(void);

#ifdef __cplusplus
}
#endif

#endif
