/*
 * job.h - what the jobs of the public API (regdoc.h) share; private to the job files of src/.
 *
 * A job is one call of the API: its options, where the data and templates are, and
 * its diagnostics (turned into the exit status by job_status). The jobs are split by
 * command: job.c (loading the library), regdoc.c, job_build.c, job_assess.c,
 * job_diff.c. Nothing here is exported from libregdoc (regdoc.map).
 */
#ifndef REGDOC_JOB_H
#define REGDOC_JOB_H

/* realpath is XSI: _POSIX_C_SOURCE alone does not declare it in glibc; this header comes
 * first in each job file, before any system header */
#if !defined(_XOPEN_SOURCE) || _XOPEN_SOURCE < 700
#undef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include <limits.h>
#include <libxml/tree.h>

#include "regdoc.h"
#include "assess/assess.h"
#include "build/cache.h"
#include "graph/library.h"
#include "ingest/corpus.h"
#include "link/link.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fsio.h"
#include "util/workers.h"
#include "render/site.h"

typedef struct job {
	const regdoc_options *o;
	char datadir[PATH_MAX];
	char templates[PATH_MAX + 16];
	char corpus[PATH_MAX + 16]; /* the default corpus (job_corpus) */
	int validate;
	const link_library *lib; /* while a library is linked: its regulations (job_load_library) */
	assess_cache *cache;     /* regdoc build: what the products share (assess.h) */
	bcache *bc;              /* regdoc build: what it takes over from its previous output */
	size_t *reg_warnings;    /* build with on_built: warnings per regulation of the library */
	int want_versions;       /* job_load_library also loads the other versions (check, build) */
	library *versions_later; /* after job_reload_library: whose other versions' graphs
	                          * are read back on first need (job_need_versions) */
	int versions_from_pages; /* job_need_versions could not read one back: made again */
	diag d;
} job;

/* job.c */
void job_init(job *j, const regdoc_options *o);
const char *job_corpus(job *j, const char *dir);
int job_status(job *j);
int job_find_regulations(const char *dir, fsio_names *out, diag *d);
int job_has_manifest(const char *dir);
char *job_parent_dir(const char *dir);
int job_same_dir(const char *a, const char *b);
xmlDocPtr job_make_history(job *j, const library *L, size_t i);
xmlDocPtr *job_make_histories(job *j, const library *L);
int job_load_library(job *j, const char *dir, int link_all, library *L);
int job_reload_library(job *j, const char *dir, library *L);
/* The other versions of the library job_reload_library read back, in it before their
 * first use (library_versions); 0, or -1 with errors reported. */
int job_need_versions(job *j);
int job_one_regulation(job *j, const char *dir, char **regdir);
regulation *job_named_reg(library *L, const char *id);
/* The regulation a job of one regulation named (the last named one), or NULL. */
regulation *job_named_one(library *L);

/* job_assess.c */
const char *job_site_url_of(const job *j, const regulation *r);
void job_product_links(assess_options *ao, const char *url, const char *reg, int in_site,
                       buf *sb, buf *lb);
int job_product_pdfs(job *j, const char *dir);
int job_builds_products(const job *j, const regulation *r);
assess_regulation *job_library_others(const library *L, const regulation *r, size_t *n);
void job_free_others(assess_regulation *v, size_t n);
void job_law_version(assess_options *ao, const regulation *r);
const regulation *job_product_version(job *j, const library *L, const regulation *r,
                                      const char *product, assess_options *ao, char *date,
                                      size_t n);

/* job_products.c: regdoc build's products, in worker processes beside the sites */
typedef struct job_products job_products;
/* "ID/NAME" or "ID/products/STEM": an output group of the build cache (build/cache.h). */
char *job_cache_group(const char *id, const char *name, const char *stem);
/* rc of making group at dest; when 0, the cache records it (bcache_keep), or, when its
 * making warned, records it for the next build to make again and say the warning again
 * (bcache_keep_once; doc/cache.md, "What a rebuild says"). */
int job_cache_kept(job *j, const char *group, const char *dest, int warned, int rc);
job_products *job_products_new(job *j, const library *L);
/* The products of L->regs[reg] into dir/products/<stem>/: each taken over from the
 * previous output (j->bc) when unchanged, else listed to render. 0, or -1 (diagnosed). */
int job_products_add(job_products *p, size_t reg, const char *dir);
/* Start rendering the listed products: in jobs processes in all, this one included
 * (util/workers.h); this one takes its share in job_products_finish. */
int job_products_start(job_products *p, unsigned jobs);
int job_products_started(const job_products *p);
/* Render what is left, wait for the rest, report every product's messages in list
 * order, and record each one rendered in the cache; each product's warnings and time
 * added to reps[its regulation]. 0 when all were rendered. */
int job_products_finish(job_products *p, regdoc_build_report *reps);
void job_products_free(job_products *p);
/* DIR/site/products.html of r (dir: its output folder): the products page, cached as
 * the group ID/site/products.html, whose inputs are r's products/ folder's files. */
int job_products_page(job *j, regulation *r, const char *dir, const site_library *lib);

#endif
