/*
 * regdoc.c - the jobs of the public API: each wires the stages together (pages →
 * units → graph → renderers) and turns the diagnostics into an exit status.
 */
#include "regdoc.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assess/assess.h"
#include "graph/graph.h"
#include "ingest/corpus.h"
#include "render/site.h"
#include "util/datadir.h"
#include "util/fsio.h"
#include "util/fsout.h"

typedef struct job {
	const regdoc_options *o;
	char datadir[PATH_MAX];
	char templates[PATH_MAX + 16];
	int validate;
	diag d;
} job;

void regdoc_options_init(regdoc_options *o)
{
	memset(o, 0, sizeof *o);
	o->max_diagnostics = 100;
}

const char *regdoc_version(void)
{
	return REGDOC_VERSION;
}

static void job_init(job *j, const regdoc_options *o)
{
	j->o = o;
	if (o->datadir)
		snprintf(j->datadir, sizeof j->datadir, "%s", o->datadir);
	else
		datadir_find(j->datadir, sizeof j->datadir);
	if (o->templates)
		snprintf(j->templates, sizeof j->templates, "%s", o->templates);
	else
		snprintf(j->templates, sizeof j->templates, "%s/templates", j->datadir);
	j->validate = o->validate;
	diag_init(&j->d, o->diagnostics ? o->diagnostics : stderr);
	j->d.max_printed = o->max_diagnostics;
	j->d.werror = o->werror;
	j->d.interrupt = o->interrupt;
}

static int job_status(job *j)
{
	diag_summary(&j->d);
	if (j->d.sys_error)
		return REGDOC_EXIT_SYSTEM;
	return j->d.errors ? REGDOC_EXIT_INPUT : REGDOC_EXIT_OK;
}

/* The regulation folders under dir: dir itself when it has a manifest, else its
 * subfolders that have one, in byte order. */
static int find_regulations(const char *dir, fsio_names *out, diag *d)
{
	char *m = fsio_join(dir, "manifest.xml");
	fsio_names all;
	int has = m && access(m, F_OK) == 0;
	free(m);
	out->v = NULL;
	out->n = 0;
	if (has) {
		out->v = malloc(sizeof *out->v);
		if (!out->v || !(out->v[0] = strdup(dir)))
			return -1;
		out->n = 1;
		return 0;
	}
	if (fsio_list_dir(dir, &all, d) != 0)
		return -1;
	out->v = calloc(all.n + 1, sizeof *out->v);
	for (size_t i = 0; out->v && i < all.n; i++) {
		char *sub = fsio_join(dir, all.v[i]);
		char *sm = sub ? fsio_join(sub, "manifest.xml") : NULL;
		if (sm && access(sm, F_OK) == 0)
			out->v[out->n++] = sub;
		else
			free(sub);
		free(sm);
	}
	fsio_names_free(&all);
	if (!out->n)
		diag_error(d, dir, 0, "no regulation here: no manifest.xml in it or its folders");
	return out->n ? 0 : -1;
}

/* pages → units → graph, checked. NULL regulation doc on fatal errors. */
static int load_graph(job *j, const char *regdir, regulation *r)
{
	link_stats st;
	if (regulation_load(regdir, j->datadir, r, &j->d) != 0 || !r->doc ||
	    diag_interrupted(&j->d))
		return -1;
	graph_link(r, &st, &j->d);
	if (diag_interrupted(&j->d))
		return -1;
	{
		/* RELAX NG validation is a quarter of the graph's time: check does it always,
		 * the other jobs on request; the test suite validates every graph it builds. */
		char *rng = j->validate ? fsio_join(j->datadir, "templates/schema/graph.rng") : NULL;
		int bad = graph_check(r->doc, rng, r->m.id, &j->d) != 0;
		free(rng);
		if (bad)
			return -1;
	}
	if (j->o->verbose) {
		FILE *f = j->d.out ? j->d.out : stderr;
		fprintf(f, "regdoc: %s: %lu citations (%lu internal, %lu of other acts, %lu acts); "
		           "%lu internal targets: %lu exact, %lu coarser, %lu unresolved; %lu term uses\n",
		        r->m.id, st.cites, st.internal, st.external, st.acts, st.targets, st.exact,
		        st.coarsened, st.unresolved, st.terms);
		for (int k = 0; k < 7; k++)
			fprintf(f, "regdoc: %s:   targets that are a %s: %lu\n", r->m.id, link_kind_names[k],
			        st.by_kind[k]);
	}
	return j->d.errors ? -1 : 0;
}

static int one_regulation(job *j, const char *dir, char **regdir)
{
	fsio_names regs;
	*regdir = NULL;
	if (find_regulations(dir, &regs, &j->d) != 0) {
		fsio_names_free(&regs);
		return -1;
	}
	if (regs.n != 1) {
		diag_error(&j->d, dir, 0, "holds %zu regulations; name one of them (e.g. %s)", regs.n,
		           regs.v[0]);
		fsio_names_free(&regs);
		return -1;
	}
	*regdir = regs.v[0];
	regs.v[0] = NULL;
	fsio_names_free(&regs);
	return 0;
}

int regdoc_graph(const regdoc_options *o, const char *dir, const char *out_path)
{
	job j;
	regulation r;
	char *regdir;
	fsout out;
	job_init(&j, o);
	if (one_regulation(&j, dir, &regdir) != 0)
		return job_status(&j);
	if (load_graph(&j, regdir, &r) == 0) {
		if (!strcmp(out_path, "-"))
			graph_write(r.doc, "-", &j.d);
		else if (fsout_begin_file(&out, out_path, &j.d) == 0) {
			if (graph_write(r.doc, out.tmp, &j.d) == 0 && !diag_interrupted(&j.d))
				fsout_commit(&out, &j.d);
			fsout_abort(&out);
		}
	}
	regulation_free(&r);
	free(regdir);
	return job_status(&j);
}

int regdoc_check(const regdoc_options *o, const char *dir)
{
	job j;
	fsio_names regs;
	job_init(&j, o);
	j.validate = 1;
	if (find_regulations(dir, &regs, &j.d) == 0)
		for (size_t i = 0; i < regs.n; i++) {
			regulation r;
			load_graph(&j, regs.v[i], &r);
			regulation_free(&r);
		}
	fsio_names_free(&regs);
	return job_status(&j);
}

int regdoc_links(const regdoc_options *o, const char *dir, const char *const *ids, size_t nids,
                 FILE *out)
{
	job j;
	fsio_names regs;
	size_t *found = calloc(nids + 1, sizeof *found);
	job_init(&j, o);
	if (found && find_regulations(dir, &regs, &j.d) == 0) {
		for (size_t i = 0; i < regs.n; i++) {
			regulation r;
			if (load_graph(&j, regs.v[i], &r) == 0)
				for (size_t k = 0; k < nids; k++) {
					/* "cra:art-12.3" names the regulation; a bare id is looked up in each */
					const char *colon = strchr(ids[k], ':');
					const char *id = ids[k];
					if (colon) {
						if (strncmp(ids[k], r.m.id, (size_t)(colon - ids[k])) != 0 ||
						    strlen(r.m.id) != (size_t)(colon - ids[k]))
							continue;
						id = colon + 1;
					}
					found[k] += graph_print_links(r.doc, id, out);
				}
			regulation_free(&r);
		}
		fsio_names_free(&regs);
		for (size_t k = 0; k < nids && !j.d.errors; k++)
			if (!found[k])
				diag_warning(&j.d, NULL, 0, "no edge into or out of %s", ids[k]);
	}
	free(found);
	return job_status(&j);
}

static int render_site(job *j, regulation *r, const char *outdir)
{
	return site_render(r->doc, j->templates, outdir, &j->d);
}

int regdoc_site(const regdoc_options *o, const char *dir, const char *outdir)
{
	job j;
	regulation r;
	char *regdir;
	fsout out;
	job_init(&j, o);
	if (one_regulation(&j, dir, &regdir) != 0)
		return job_status(&j);
	if (load_graph(&j, regdir, &r) == 0 && fsout_begin_dir(&out, outdir, &j.d) == 0) {
		if (render_site(&j, &r, out.tmp) == 0 && !j.d.errors && !diag_interrupted(&j.d))
			fsout_commit(&out, &j.d);
		fsout_abort(&out);
	}
	regulation_free(&r);
	free(regdir);
	return job_status(&j);
}

/* Every products/<id>.xml of the regulation into dir/products/<id>/, in name order. */
static int render_products(job *j, regulation *r, const char *dir)
{
	char *pdir = fsio_join(r->dir, "products");
	char *rules = fsio_join(r->dir, "rules");
	fsio_names names = {NULL, 0};
	int rc = 0;
	if (!pdir || !rules || !fsio_is_dir(pdir)) {
		free(pdir);
		free(rules);
		return 0; /* a regulation without example products */
	}
	if (fsio_list_dir(pdir, &names, &j->d) != 0)
		rc = -1;
	for (size_t i = 0; i < names.n; i++) {
		size_t n = strlen(names.v[i]);
		char *product, *stem, *outp, *base;
		if (n <= 4 || strcmp(names.v[i] + n - 4, ".xml") != 0)
			continue;
		if (diag_interrupted(&j->d)) {
			rc = -1;
			break;
		}
		stem = strndup(names.v[i], n - 4);
		product = fsio_join(pdir, names.v[i]);
		base = fsio_join(dir, "products");
		outp = base && stem ? fsio_join(base, stem) : NULL;
		if (!stem || !product || !outp ||
		    assess_product(r->doc, product, rules, j->templates, outp, &j->d) != 0)
			rc = -1;
		free(stem);
		free(product);
		free(base);
		free(outp);
	}
	fsio_names_free(&names);
	free(pdir);
	free(rules);
	return rc;
}

/* One regulation into outdir/<id>/ (built in a temporary folder, *out). */
static int build_regulation(job *j, const char *regdir, const char *outdir, fsout *out)
{
	regulation r;
	int rc = -1;
	if (load_graph(j, regdir, &r) == 0) {
		char *target = fsio_join(outdir, r.m.id);
		if (target && fsout_begin_dir(out, target, &j->d) == 0) {
			char *gpath = fsio_join(out->tmp, "graph.xml");
			char *sdir = fsio_join(out->tmp, "site");
			if (gpath && sdir && graph_write(r.doc, gpath, &j->d) == 0 &&
			    fsout_mkdirs(sdir, &j->d) == 0 && !diag_interrupted(&j->d) &&
			    render_site(j, &r, sdir) == 0 && !diag_interrupted(&j->d) &&
			    render_products(j, &r, out->tmp) == 0)
				rc = 0;
			free(gpath);
			free(sdir);
		}
		free(target);
	}
	regulation_free(&r);
	return j->d.errors ? -1 : rc;
}

int regdoc_build(const regdoc_options *o, const char *corpus_dir, const char *outdir)
{
	job j;
	fsio_names regs;
	fsout *outs;
	int ok = 1;
	job_init(&j, o);
	if (find_regulations(corpus_dir, &regs, &j.d) != 0) {
		fsio_names_free(&regs);
		return job_status(&j);
	}
	/* Build every regulation into a temporary folder first (all of them, so every
	 * error is reported); replace the previous output only when all succeeded. */
	outs = calloc(regs.n, sizeof *outs);
	for (size_t i = 0; outs && i < regs.n && !diag_interrupted(&j.d); i++)
		if (build_regulation(&j, regs.v[i], outdir, &outs[i]) != 0)
			ok = 0;
	/* The last look at the interrupt flag: once the first swap is made, all are. */
	if (diag_interrupted(&j.d))
		ok = 0;
	for (size_t i = 0; outs && ok && i < regs.n; i++)
		if (fsout_commit(&outs[i], &j.d) != 0)
			ok = 0;
	for (size_t i = 0; outs && i < regs.n; i++)
		fsout_abort(&outs[i]);
	free(outs);
	fsio_names_free(&regs);
	return job_status(&j);
}

/* The regulation a product belongs to: regdir if given, else the folder above the
 * product's products/ folder. */
int regdoc_assess(const regdoc_options *o, const char *product, const char *regdir,
                  const char *outdir)
{
	job j;
	regulation r;
	char *guess = NULL;
	fsout out;
	job_init(&j, o);
	if (!regdir) {
		char *slash;
		guess = strdup(product);
		slash = guess ? strrchr(guess, '/') : NULL;
		if (slash) {
			*slash = '\0';
			slash = strrchr(guess, '/');
		}
		if (!slash || strcmp(slash + 1, "products") != 0) {
			diag_error(&j.d, product, 0,
			           "which regulation? the product is not in a <regulation>/products/ folder; "
			           "name it with --regulation DIR");
			free(guess);
			return job_status(&j);
		}
		*slash = '\0';
		regdir = guess;
	}
	if (load_graph(&j, regdir, &r) == 0 && fsout_begin_dir(&out, outdir, &j.d) == 0) {
		char *rules = fsio_join(regdir, "rules");
		if (rules && assess_product(r.doc, product, rules, j.templates, out.tmp, &j.d) == 0 &&
		    !j.d.errors && !diag_interrupted(&j.d))
			fsout_commit(&out, &j.d);
		fsout_abort(&out);
		free(rules);
	}
	regulation_free(&r);
	free(guess);
	return job_status(&j);
}
