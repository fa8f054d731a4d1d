/*
 * job_products.c - the products of regdoc build: each products/<id>.xml of a regulation
 * into DIR/<id>/products/<id>/ (taken over from the previous output where unchanged),
 * rendered as tasks that worker processes share with this one (util/workers.h) while
 * the job builds the sites; then each regulation's products page.
 */
#include "job.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assess/answers.h"
#include "render/products.h"
#include "util/grow.h"
#include "util/text.h"

/* A product to render: nothing of the previous output could be taken over for it. */
typedef struct product_item {
	size_t reg; /* its regulation, an index into L */
	char *product, *rules, *outp, *group;
} product_item;

struct job_products {
	pid_t pid; /* the build's process (not a worker's) */
	job *j;
	const library *L;
	product_item *v;
	size_t n, cap;
	workers *w;
};

char *job_cache_group(const char *id, const char *name, const char *stem)
{
	size_t n = strlen(id) + strlen(name) + (stem ? strlen(stem) : 0) + 2;
	char *g = malloc(n);
	if (g)
		snprintf(g, n, "%s/%s%s", id, name, stem ? stem : "");
	return g;
}

int job_cache_kept(job *j, const char *group, const char *dest, int warned, int rc)
{
	if (rc == 0 && !warned)
		bcache_keep(j->bc, group, dest);
	else if (rc == 0)
		bcache_keep_once(j->bc, group, dest);
	return rc;
}

job_products *job_products_new(job *j, const library *L)
{
	job_products *p = calloc(1, sizeof *p);
	if (!p) {
		diag_sys(&j->d, NULL, "cannot list the products", ENOMEM);
		return NULL;
	}
	p->j = j;
	p->L = L;
	return p;
}

void job_products_free(job_products *p)
{
	if (!p)
		return;
	if (p->w)
		workers_finish(p->w, NULL, &p->j->d);
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].product);
		free(p->v[i].rules);
		free(p->v[i].outp);
		free(p->v[i].group);
	}
	free(p->v);
	free(p);
}

/* One product of r into outp: its assessment under the version of the law it names
 * (job_product_version), its documents, its PDFs. */
static int render_product(job *j, const library *L, const regulation *r, const char *product,
                          const char *rules, const char *outp)
{
	assess_options ao;
	buf sb, lb;
	char date[16];
	const regulation *rv = job_product_version(j, L, r, product, &ao, date, sizeof date);
	int rc = -1;
	buf_init(&sb);
	buf_init(&lb);
	if (rv) {
		ao.others = job_library_others(L, r, &ao.nothers);
		ao.cache = j->cache;
		job_product_links(&ao, job_site_url_of(j, r), r->m.id, 1, &sb, &lb);
		job_law_version(&ao, rv);
		rc = assess_product_opts(rv->doc, product, rules, j->templates, outp, &ao, &j->d) != 0 ||
		             job_product_pdfs(j, outp) != 0 ? -1 : 0;
		job_free_others((assess_regulation *)ao.others, ao.nothers);
	}
	buf_free(&sb);
	buf_free(&lb);
	return rc;
}

/* Task i (util/workers.h). The job's functions report to its diag: for the task's time
 * it is d, which keeps this task's messages apart from the others'. A worker's copy of
 * the job is its own and lost with it: that is right for what a product loads (its
 * stylesheets, rules), not for a version of the law that did not read back from the
 * previous output (job_need_versions): the build's process must know, to write that
 * version's graph again, so it renders that product again itself. */
static int product_task(void *ctx, size_t i, diag *d)
{
	job_products *p = ctx;
	job *j = p->j;
	const product_item *it = &p->v[i];
	diag own = j->d;
	int from_pages = j->versions_from_pages, rc;
	if (d != &j->d)
		j->d = *d;
	rc = render_product(j, p->L, &p->L->regs[it->reg], it->product, it->rules, it->outp);
	if (d != &j->d) {
		*d = j->d;
		j->d = own;
	}
	if (getpid() != p->pid && j->versions_from_pages != from_pages)
		rc = WORKERS_AGAIN;
	return rc;
}

static int add_item(job_products *p, size_t reg, char *product, const char *rules, char *outp,
                    char *group)
{
	product_item *it;
	if (GROW_FOR_ONE(p->v, p->n, p->cap, 16) != 0)
		return -1;
	it = &p->v[p->n];
	it->reg = reg;
	it->product = product;
	it->rules = strdup(rules);
	it->outp = outp;
	it->group = group;
	p->n++;
	return it->rules ? 0 : -1;
}

int job_products_add(job_products *p, size_t reg, const char *dir)
{
	job *j = p->j;
	const regulation *r = &p->L->regs[reg];
	char *pdir = fsio_join(r->dir, "products");
	char *rules = fsio_join(r->dir, "rules");
	char *base = fsio_join(dir, "products");
	fsio_names names = {NULL, 0};
	int rc = 0;
	if (!pdir || !rules || !base || !fsio_is_dir(pdir)) {
		free(pdir);
		free(rules);
		free(base);
		return pdir && rules && base ? 0 : -1; /* a regulation without example products */
	}
	if (fsio_list_dir(pdir, &names, &j->d) != 0)
		rc = -1;
	for (size_t i = 0; i < names.n && rc == 0; i++) {
		size_t n = strlen(names.v[i]);
		char *product, *stem, *outp, *group, *answers;
		const char *inputs[2];
		if (n <= 4 || strcmp(names.v[i] + n - 4, ".xml") != 0 ||
		    answers_is_answers_file(names.v[i]))
			continue; /* PRODUCT.answers.xml: merged into its product's assessment */
		stem = strndup(names.v[i], n - 4);
		product = fsio_join(pdir, names.v[i]);
		/* the output folder is named after the file: only a safe slug (no "..") */
		if (stem && product && !text_is_slug(stem)) {
			diag_error(&j->d, product, 0,
			           "a product file name must be a safe slug ([a-z0-9][a-z0-9._-]*.xml)");
			free(stem);
			free(product);
			continue;
		}
		outp = stem ? fsio_join(base, stem) : NULL;
		group = stem ? job_cache_group(r->m.id, "products/", stem) : NULL;
		answers = product ? answers_path_for(product) : NULL;
		inputs[0] = product;
		inputs[1] = answers;
		if (!stem || !product || !outp || !group || !answers) {
			rc = -1;
		} else if (bcache_take_inputs(j->bc, group, BCACHE_RENDER, inputs, 2, outp) == 0) {
			if (add_item(p, reg, product, rules, outp, group) != 0)
				rc = -1;
			product = outp = group = NULL; /* the item's */
		}
		free(stem);
		free(product);
		free(outp);
		free(group);
		free(answers);
	}
	if (rc != 0 && !j->d.errors)
		diag_sys(&j->d, pdir, "cannot list the products", ENOMEM);
	fsio_names_free(&names);
	free(pdir);
	free(rules);
	free(base);
	return rc;
}

int job_products_start(job_products *p, unsigned jobs)
{
	p->pid = getpid();
	p->w = workers_start(p->n, jobs, product_task, p, &p->j->d);
	return p->w ? 0 : -1;
}

int job_products_started(const job_products *p)
{
	return p->w != NULL;
}

int job_products_finish(job_products *p, regdoc_build_report *reps)
{
	workers_result *res = calloc(p->n + 1, sizeof *res);
	int rc;
	if (!res) {
		diag_sys(&p->j->d, NULL, "cannot render the products", ENOMEM);
		return -1;
	}
	rc = workers_finish(p->w, res, &p->j->d);
	p->w = NULL;
	for (size_t i = 0; i < p->n; i++) {
		reps[p->v[i].reg].warnings += res[i].warnings;
		reps[p->v[i].reg].seconds += res[i].seconds;
		/* one that warned is rendered again by the next build, which says it again */
		job_cache_kept(p->j, p->v[i].group, p->v[i].outp, res[i].warnings != 0, res[i].rc);
	}
	free(res);
	return rc;
}

/* What the products page shows of each product folder of the build's output (pdir), in
 * name order: the entry kept with the product's cache group when it was taken over
 * unchanged, else read from its assessment.xml and kept with it (build/cache.h,
 * bcache_note): a one-product rebuild reads one assessment, not every one. */
static char **product_entries(job *j, const regulation *r, const char *pdir, size_t *n)
{
	fsio_names names = {NULL, 0};
	unsigned char *is_dir = NULL;
	char **v = NULL;
	int bad = 0;
	*n = 0;
	if (fsio_list_dir_kinds(pdir, &names, &is_dir, &j->d) != 0 ||
	    !(v = calloc(names.n + 1, sizeof *v)))
		bad = 1;
	for (size_t i = 0; !bad && i < names.n; i++) {
		char *group;
		const char *kept_entry;
		if (!is_dir[i])
			continue;
		group = job_cache_group(r->m.id, "products/", names.v[i]);
		kept_entry = group ? bcache_note(j->bc, group) : NULL;
		v[*n] = kept_entry ? strdup(kept_entry) : site_products_entry(pdir, names.v[i], &j->d);
		if (v[*n] && !kept_entry && group)
			bcache_set_note(j->bc, group, v[*n]);
		bad = !v[(*n)++];
		free(group);
	}
	fsio_names_free(&names);
	free(is_dir);
	if (bad && !j->d.errors)
		diag_sys(&j->d, pdir, "cannot write the products page", ENOMEM);
	if (bad && v) {
		for (size_t i = 0; i < *n; i++)
			free(v[i]);
		free(v);
		v = NULL;
	}
	return v;
}

int job_products_page(job *j, regulation *r, const char *dir, const site_library *lib)
{
	char *pdir = fsio_join(dir, "products");
	char *sdir = fsio_join(dir, "site");
	char *page = sdir ? fsio_join(sdir, "products.html") : NULL;
	char *group = job_cache_group(r->m.id, "site/products.html", NULL);
	char *src = fsio_join(r->dir, "products");
	fsio_names names = {NULL, 0};
	const char **inputs = NULL;
	char **entries = NULL;
	size_t nentries = 0;
	int rc = -1;
	if (pdir && page && group && src && fsio_list_dir(src, &names, &j->d) == 0 &&
	    (inputs = calloc(names.n + 1, sizeof *inputs))) {
		for (size_t i = 0; i < names.n; i++) {
			char *full = fsio_join(src, names.v[i]); /* each by its path */
			free(names.v[i]);
			inputs[i] = names.v[i] = full;
		}
		rc = 0;
		for (size_t i = 0; i < names.n; i++)
			if (!inputs[i])
				rc = -1;
	}
	if (rc == 0 && bcache_take_inputs(j->bc, group, BCACHE_RENDER, inputs, names.n, page) == 0) {
		size_t warned = j->d.warnings;
		entries = product_entries(j, r, pdir, &nentries);
		rc = entries ? site_products_page(r->m.id, r->m.short_title, (const char *const *)entries,
		                                  nentries, j->templates, page, lib, &j->d)
		             : -1;
		job_cache_kept(j, group, page, j->d.warnings != warned, rc);
	}
	for (size_t i = 0; entries && i < nentries; i++)
		free(entries[i]);
	free(entries);
	free(inputs);
	fsio_names_free(&names);
	free(group);
	free(src);
	free(pdir);
	free(sdir);
	free(page);
	return rc;
}
