/*
 * regdoc.c - the jobs of the public API: each wires the stages together (pages →
 * units → graph → renderers) and turns the diagnostics into an exit status.
 */
/* realpath is XSI: _POSIX_C_SOURCE alone does not declare it in glibc */
#if !defined(_XOPEN_SOURCE) || _XOPEN_SOURCE < 700
#undef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include "regdoc.h"
#include "report.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "assess/assess.h"
#include "build/cache.h"
#include "graph/graph.h"
#include "graph/library.h"
#include "ingest/corpus.h"
#include "link/link.h"
#include "link/suggest.h"
#include "render/site.h"
#include "render/xslt.h"
#include "tool/diff.h"
#include "tool/export.h"
#include "tool/new.h"
#include "tool/questionnaire.h"
#include "util/datadir.h"
#include "util/fsio.h"
#include "util/fsout.h"
#include "util/text.h"
#include "util/xmlsafe.h"

typedef struct job {
	const regdoc_options *o;
	char datadir[PATH_MAX];
	char templates[PATH_MAX + 16];
	char corpus[PATH_MAX + 16]; /* the default corpus (job_corpus) */
	int validate;
	const link_library *lib; /* while a library is linked: its regulations (load_library) */
	assess_cache *cache;     /* regdoc build: what the products share (assess.h) */
	bcache *bc;              /* regdoc build: what it takes over from its previous output */
	size_t *reg_warnings;    /* build with on_built: warnings per regulation of the library */
	int want_versions;       /* load_library also loads the other versions (check, build) */
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
	memset(j, 0, sizeof *j);
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
	j->d.verbose = o->verbose;
	j->d.interrupt = o->interrupt;
}

/* dir, or when NULL the default corpus: ./corpus if present, else <datadir>/corpus. */
static const char *job_corpus(job *j, const char *dir)
{
	return dir ? dir : datadir_default_corpus(j->datadir, j->corpus, sizeof j->corpus);
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

/* units → graph, checked; citations of the regulations of j->lib resolve into them. */
static int link_graph(job *j, const char *regdir, regulation *r)
{
	link_stats st;
	link_resolve_library(r, j->lib, &st, &j->d);
	if (diag_interrupted(&j->d))
		return -1;
	/* computed recital <-> article/annex relations (suggests edges, never relates-to) */
	if (graph_suggest(r->doc, j->datadir, regdir, &j->d) != 0)
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
		fprintf(f, "regdoc: %s: %lu citations by alias phrase; %lu into other regulations "
		           "of the library (%lu targets, %lu unresolved)\n",
		        r->m.id, st.aliases, st.cross, st.cross_targets, st.cross_unresolved);
		for (int k = 0; k < 7; k++)
			fprintf(f, "regdoc: %s:   targets that are a %s: %lu\n", r->m.id, link_kind_names[k],
			        st.by_kind[k]);
	}
	return j->d.errors ? -1 : 0;
}


static int has_manifest(const char *dir)
{
	char *m = fsio_join(dir, "manifest.xml");
	int has = m && access(m, F_OK) == 0;
	free(m);
	return has;
}

/* The folder that holds dir ("." for a bare name). */
static char *parent_dir(const char *dir)
{
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	while (n > 0 && dir[n - 1] != '/')
		n--;
	while (n > 1 && dir[n - 1] == '/')
		n--;
	return n ? strndup(dir, n) : strdup(".");
}

static int same_dir(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* The other versions of each named regulation (manifest <versions>) beside the one
 * the job chose: loaded, linked against the library and checked like it; for the
 * build (versions/<id>/graph.xml) and the history. */
static int load_versions(job *j, library *L)
{
	int rc = 0;
	size_t n = L->n;
	for (size_t i = 0; i < n && !diag_interrupted(&j->d); i++) {
		const manifest *m = &L->regs[i].m;
		if (!L->named[i])
			continue;
		for (size_t v = 0; v < m->nversions && !diag_interrupted(&j->d); v++) {
			regulation r;
			if (v == m->current)
				continue;
			if (regulation_load_version(L->regs[i].dir, j->datadir, m->versions[v].id, NULL, &r,
			                            &j->d) != 0 || !r.doc || link_graph(j, r.dir, &r) != 0 ||
			    library_add_version(L, i, &r, &j->d) != 0) {
				regulation_free(&r);
				rc = -1;
			}
			m = &L->regs[i].m;
		}
	}
	return rc;
}

/*
 * The library of a job (graph/library.h): every regulation under dir, named; or, when
 * dir is one regulation, that one named and the regulations beside it (the other
 * folders of its parent) to resolve its citations of them. Those are read quietly: one
 * with errors is left out with a warning, and its citations stay external. Then every
 * named regulation is linked against the library and checked (link_all: the others
 * too, quietly). Returns -1 when a named regulation has errors (all are reported).
 */
static int load_library(job *j, const char *dir, int link_all, library *L)
{
	fsio_names named, beside = {NULL, 0};
	int rc = 0;
	library_init(L);
	if (find_regulations(dir, &named, &j->d) != 0) {
		fsio_names_free(&named);
		return -1;
	}
	if (has_manifest(dir)) {
		/* beside the folder itself: for a symbolic link to a regulation (or ".",
		 * ".."), beside its target (where its siblings are), not beside the link;
		 * the path as the user wrote it when that is the same folder, so the
		 * siblings' pages are named relative like the regulation's own */
		char *real = realpath(dir, NULL);
		char *parent = parent_dir(dir);
		char *real_parent = real ? parent_dir(real) : NULL;
		if (parent && real_parent && !same_dir(parent, real_parent)) {
			free(parent);
			parent = real_parent;
			real_parent = NULL;
		}
		free(real_parent);
		free(real);
		diag quiet;
		diag_init(&quiet, NULL);
		if (!parent || find_regulations(parent, &beside, &quiet) != 0) {
			fsio_names_free(&beside);
			beside.v = NULL;
			beside.n = 0;
		}
		free(parent);
	}
	if (j->o->on_built)
		j->reg_warnings = calloc(named.n + beside.n + 1, sizeof *j->reg_warnings);
	for (size_t i = 0; i < named.n && !diag_interrupted(&j->d); i++) {
		regulation r;
		size_t at = L->n, before = j->d.warnings;
		if (regulation_load_version(named.v[i], j->datadir, NULL, j->o->as_of, &r, &j->d) != 0 ||
		    !r.doc ||
		    library_add(L, &r, 1, &j->d) != 0) {
			regulation_free(&r);
			rc = -1;
		} else if (j->reg_warnings) {
			j->reg_warnings[at] = j->d.warnings - before;
		}
	}
	for (size_t i = 0; i < beside.n && !diag_interrupted(&j->d); i++) {
		regulation r;
		diag quiet;
		if (same_dir(beside.v[i], dir))
			continue;
		diag_init(&quiet, NULL);
		quiet.interrupt = j->d.interrupt;
		if (regulation_load_version(beside.v[i], j->datadir, NULL, j->o->as_of, &r, &quiet) != 0 ||
		    !r.doc || quiet.errors) {
			if (!diag_interrupted(&j->d))
				diag_warning(&j->d, beside.v[i], 0,
				             "left out of the library: it has errors (see regdoc check %s); "
				             "citations of it stay citations of an external act", beside.v[i]);
			regulation_free(&r);
		} else if (library_add(L, &r, 0, &j->d) != 0) {
			regulation_free(&r);
		}
	}
	fsio_names_free(&named);
	fsio_names_free(&beside);
	j->lib = &L->view;
	for (size_t i = 0; i < L->n && !diag_interrupted(&j->d); i++) {
		if (L->named[i]) {
			size_t before = j->d.warnings;
			if (link_graph(j, L->regs[i].dir, &L->regs[i]) != 0)
				rc = -1;
			if (j->reg_warnings)
				j->reg_warnings[i] += j->d.warnings - before;
		} else if (link_all) {
			link_stats st;
			diag quiet;
			diag_init(&quiet, NULL);
			link_resolve_library(&L->regs[i], j->lib, &st, &quiet);
		}
	}
	if (j->want_versions && !rc)
		rc = load_versions(j, L);
	j->lib = NULL;
	return rc || j->d.errors || diag_interrupted(&j->d) ? -1 : 0;
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
	library L;
	char *regdir;
	fsout out;
	job_init(&j, o);
	dir = job_corpus(&j, dir);
	if (one_regulation(&j, dir, &regdir) != 0)
		return job_status(&j);
	/* the regulations beside it resolve its citations of them (cra:art-12.3) */
	if (load_library(&j, regdir, 0, &L) == 0) {
		regulation *r = &L.regs[0];
		if (!strcmp(out_path, "-"))
			graph_write(r->doc, "-", &j.d);
		else if (fsout_begin_file(&out, out_path, &j.d) == 0) {
			if (graph_write(r->doc, out.tmp, &j.d) == 0 && !diag_interrupted(&j.d))
				fsout_commit(&out, &j.d);
			fsout_abort(&out);
		}
	}
	library_free(&L);
	free(regdir);
	return job_status(&j);
}

int regdoc_check(const regdoc_options *o, const char *dir)
{
	job j;
	library L;
	job_init(&j, o);
	j.validate = 1;
	j.want_versions = 1; /* every version of the text is checked */
	dir = job_corpus(&j, dir);
	load_library(&j, dir, 0, &L);
	library_free(&L);
	return job_status(&j);
}

/* 1 when the regulation L->regs[i] has an element with this id (an act's "ext:" id:
 * when an edge of it names it). */
static int has_id(const library *L, size_t i, const char *id)
{
	if (!strncmp(id, "ext:", 4))
		return 1; /* checked by its edges: none is "unknown" */
	return L->table[i].ids && xmlHashLookup(L->table[i].ids, (const xmlChar *)id) != NULL;
}

static int has_regulation(const library *L, const char *id, size_t len)
{
	for (size_t i = 0; i < L->n; i++)
		if (strlen(L->regs[i].m.id) == len && !strncmp(L->regs[i].m.id, id, len))
			return 1;
	return 0;
}

int regdoc_links(const regdoc_options *o, const char *dir, const char *const *ids, size_t nids,
                 FILE *out)
{
	job j;
	library L;
	size_t *found = calloc(nids + 1, sizeof *found), nnamed = 0;
	job_init(&j, o);
	dir = job_corpus(&j, dir);
	if (!fsio_is_dir(dir)) {
		diag_error(&j.d, dir, 0, "no such corpus folder (a regulation folder, or a folder of them)");
		free(found);
		return job_status(&j);
	}
	if (found && load_library(&j, dir, 1, &L) == 0) {
		for (size_t i = 0; i < L.n; i++)
			nnamed += L.named[i] ? 1 : 0;
		for (size_t k = 0; k < nids; k++) {
			/* "cra:art-12.3" names the regulation; a bare id is looked up in each named
			 * one. Then the edges of the other regulations into it (cra:art-12.1 ->
			 * ai-act:art-15), with their ids qualified. Ids are printed qualified when
			 * the question is (a qualified id, or a folder of several regulations). */
			size_t rl = 0, known = 0;
			int qualified = graph_is_qualified(ids[k], &rl);
			const char *id = qualified ? ids[k] + rl + 1 : ids[k];
			for (size_t i = 0; i < L.n; i++) {
				const regulation *r = &L.regs[i];
				const char *qual = qualified || nnamed > 1 ? r->m.id : NULL;
				char q[256];
				if (qualified ? strlen(r->m.id) != rl || strncmp(ids[k], r->m.id, rl) != 0
				              : !L.named[i])
					continue;
				if (!has_id(&L, i, id))
					continue;
				known++;
				found[k] += graph_print_links_q(r->doc, id, qual, out);
				if (j.o->suggested)
					found[k] += graph_print_suggested_q(r->doc, id, qual, out);
				snprintf(q, sizeof q, "%s:%s", r->m.id, id);
				for (size_t i2 = 0; i2 < L.n; i2++)
					if (i2 != i)
						found[k] += graph_print_links_q(L.regs[i2].doc, q, L.regs[i2].m.id, out);
			}
			if (!known && qualified && rl && !has_regulation(&L, ids[k], rl))
				diag_error(&j.d, NULL, 0, "%s: no regulation '%.*s' in %s", ids[k], (int)rl,
				           ids[k], dir);
			else if (!known)
				diag_error(&j.d, NULL, 0, "%s: no such id in %s (ids as in art-43, art-43.1.a, "
				           "rec-78, anx-7, REG:art-12)", ids[k], dir);
		}
		for (size_t k = 0; k < nids && !j.d.errors; k++)
			if (!found[k])
				diag_warning(&j.d, NULL, 0, "no edge into or out of %s", ids[k]);
	}
	library_free(&L);
	free(found);
	return job_status(&j);
}

static int render_site(job *j, regulation *r, const char *outdir, const site_library *lib)
{
	return site_render_in(r->doc, j->templates, outdir, NULL, lib, &j->d);
}

int regdoc_site(const regdoc_options *o, const char *dir, const char *outdir)
{
	job j;
	library L;
	char *regdir;
	fsout out;
	job_init(&j, o);
	dir = job_corpus(&j, dir);
	if (one_regulation(&j, dir, &regdir) != 0)
		return job_status(&j);
	/* a site on its own: citations of the regulations beside it link to EUR-Lex */
	if (load_library(&j, regdir, 0, &L) == 0 && fsout_begin_dir(&out, outdir, &j.d) == 0) {
		if (render_site(&j, &L.regs[0], out.tmp, NULL) == 0 && !j.d.errors &&
		    !diag_interrupted(&j.d))
			fsout_commit(&out, &j.d);
		fsout_abort(&out);
	}
	library_free(&L);
	free(regdir);
	return job_status(&j);
}

/* The other regulations of the library, for combined assessments (assess.h): each
 * graph with its rules folder. NULL when there are none; free the rules_dir strings and
 * the array with free_others. */
static assess_regulation *library_others(const library *L, const regulation *r, size_t *n)
{
	assess_regulation *v = L ? calloc(L->n + 1, sizeof *v) : NULL;
	*n = 0;
	for (size_t i = 0; v && i < L->n; i++) {
		char *rules;
		if (&L->regs[i] == r || !L->regs[i].doc)
			continue;
		rules = fsio_join(L->regs[i].dir, "rules");
		v[*n].id = L->regs[i].m.id;
		v[*n].graph = L->regs[i].doc;
		v[*n].rules_dir = rules && fsio_is_dir(rules) ? rules : NULL;
		if (!v[*n].rules_dir)
			free(rules);
		(*n)++;
	}
	return v;
}

static void free_others(assess_regulation *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free((char *)v[i].rules_dir);
	free(v);
}

/* "ID/NAME" or "ID/products/STEM": an output group of the build cache (build/cache.h). */
static char *cache_group(const char *id, const char *name, const char *stem)
{
	size_t n = strlen(id) + strlen(name) + (stem ? strlen(stem) : 0) + 2;
	char *g = malloc(n);
	if (g)
		snprintf(g, n, "%s/%s%s", id, name, stem ? stem : "");
	return g;
}

/* rc of building dest; when 0, the cache records what is there as group. */
static int kept(job *j, const char *group, const char *dest, int rc)
{
	if (rc == 0)
		bcache_keep(j->bc, group, dest);
	return rc;
}

/* The graph (site = 0) or the site of r at dest: taken over from the previous output
 * when its key is unchanged, else built. 0, or -1 when building it failed. */
static int cached(job *j, const char *id, const char *name, bcache_kind kind, const char *dest,
                  regulation *r, int site, const site_library *lib)
{
	char *group = cache_group(id, name, NULL);
	int rc = 0;
	if (!group || bcache_take(j->bc, group, kind, NULL, dest) == 0)
		rc = kept(j, group ? group : "", dest,
		          site ? render_site(j, r, dest, lib) : graph_write(r->doc, dest, &j->d));
	free(group);
	return rc;
}

/* Every products/<id>.xml of the regulation into dir/products/<id>/, in name order;
 * the other regulations of L are there for products assessed under several. */
static int render_products(job *j, regulation *r, const char *dir, const library *L)
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
		/* the output folder is named after the file: only a safe slug (no "..") */
		if (stem && product && !text_is_slug(stem)) {
			diag_error(&j->d, product, 0,
			           "a product file name must be a safe slug ([a-z0-9][a-z0-9._-]*.xml)");
			rc = -1;
			free(stem);
			free(product);
			continue;
		}
		base = fsio_join(dir, "products");
		outp = base && stem ? fsio_join(base, stem) : NULL;
		{
			assess_options ao;
			memset(&ao, 0, sizeof ao);
			ao.others = library_others(L, r, &ao.nothers);
			ao.cache = j->cache;
			char *group = stem ? cache_group(r->m.id, "products/", stem) : NULL;
			if (!stem || !product || !outp || !group)
				rc = -1;
			else if (bcache_take(j->bc, group, BCACHE_RENDER, product, outp) == 0 &&
			         kept(j, group, outp, assess_product_opts(r->doc, product, rules, j->templates,
			                                                  outp, &ao, &j->d)) != 0)
				rc = -1;
			free(group);
			free_others((assess_regulation *)ao.others, ao.nothers);
		}
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

/* The graphs of r's other versions into dir/versions/<version id>/graph.xml. */
static int write_versions(job *j, const regulation *r, const char *dir, const library *L)
{
	const regulation *v[MANIFEST_MAX_VERSIONS];
	size_t n = library_versions(L, (size_t)(r - L->regs), v);
	int rc = 0;
	for (size_t k = 0; k < n && rc == 0; k++) {
		char rel[96], *vdir, *gpath;
		if (v[k] == r)
			continue;
		snprintf(rel, sizeof rel, "versions/%s", regulation_version(v[k])->id);
		vdir = fsio_join(dir, rel);
		gpath = vdir ? fsio_join(vdir, "graph.xml") : NULL;
		if (!gpath || fsout_mkdirs(vdir, &j->d) != 0 || graph_write(v[k]->doc, gpath, &j->d) != 0)
			rc = -1;
		free(vdir);
		free(gpath);
	}
	return rc;
}

/* The other versions' graphs (write_versions): the group ID/versions of the cache. */
static int cached_versions(job *j, regulation *r, const char *dir, const library *L)
{
	const regulation *v[MANIFEST_MAX_VERSIONS];
	char *group, *vdir;
	int rc = 0;
	if (library_versions(L, (size_t)(r - L->regs), v) < 2)
		return write_versions(j, r, dir, L); /* none to write */
	group = cache_group(r->m.id, "versions", NULL);
	vdir = fsio_join(dir, "versions");
	if (!group || !vdir || bcache_take(j->bc, group, BCACHE_GRAPH, NULL, vdir) == 0)
		rc = kept(j, group ? group : "", vdir ? vdir : dir, write_versions(j, r, dir, L));
	free(group);
	free(vdir);
	return rc;
}

/* One regulation into outdir/<id>/ (built in a temporary folder, *out). */
/* One regulation into outdir/<id>/ (built in a temporary folder, *out); its warnings
 * and time added to *rep. */
static int build_regulation(job *j, regulation *r, const char *outdir, fsout *out,
                            const site_library *lib, const library *L, regdoc_build_report *rep)
{
	int rc = -1;
	size_t warnings = j->d.warnings;
	double t0 = report_now();
	char *target = fsio_join(outdir, r->m.id);
	if (target && fsout_begin_dir(out, target, &j->d) == 0) {
		char *gpath = fsio_join(out->tmp, "graph.xml");
		char *sdir = fsio_join(out->tmp, "site");
		unsigned st = j->o->stages ? j->o->stages : REGDOC_STAGE_SITE | REGDOC_STAGE_PRODUCTS;
		if (gpath && sdir && cached(j, r->m.id, "graph.xml", BCACHE_GRAPH, gpath, r, 0, NULL) == 0 &&
		    cached_versions(j, r, out->tmp, L) == 0 &&
		    (!(st & REGDOC_STAGE_SITE) ||
		     (fsout_mkdirs(sdir, &j->d) == 0 && !diag_interrupted(&j->d) &&
		      cached(j, r->m.id, "site", BCACHE_RENDER, sdir, r, 1, lib) == 0)) &&
		    !diag_interrupted(&j->d) &&
		    (!(st & REGDOC_STAGE_PRODUCTS) || render_products(j, r, out->tmp, L) == 0))
			rc = 0;
		free(gpath);
		free(sdir);
	}
	free(target);
	rep->warnings += j->d.warnings - warnings;
	rep->seconds += report_now() - t0;
	return j->d.errors ? -1 : rc;
}

/* Once the output is in place: one report per regulation built, then the run's. */
static void report_build(job *j, const library *L, regdoc_build_report *reps, const char *outdir,
                         int whole, double t0)
{
	regdoc_build_report all;
	memset(&all, 0, sizeof all);
	all.outdir = outdir;
	for (size_t i = 0; i < L->n; i++) {
		char *dir;
		if (!L->named[i])
			continue;
		dir = fsio_join(outdir, L->regs[i].m.id);
		reps[i].regulation = L->regs[i].m.id;
		reps[i].outdir = dir;
		reps[i].units = report_count_units(L->regs[i].doc, &L->regs[i].m);
		reps[i].warnings += j->reg_warnings ? j->reg_warnings[i] : 0;
		if (dir)
			report_walk(j->o, dir, &reps[i]);
		j->o->on_built(j->o->report_ctx, &reps[i]);
		all.regulations++;
		all.units += reps[i].units;
		all.pages += reps[i].pages;
		all.products += reps[i].products;
		all.files += reps[i].files;
		free(dir);
	}
	if (whole) {
		static const char *const own[] = {"index.html", "links.xml"};
		for (size_t k = 0; k < 2; k++) {
			char *p = fsio_join(outdir, own[k]);
			if (p && access(p, F_OK) == 0) {
				all.files++;
				all.pages += k == 0;
				if (j->o->on_file)
					j->o->on_file(j->o->report_ctx, p);
			}
			free(p);
		}
	}
	all.warnings = j->d.warnings;
	all.seconds = report_now() - t0;
	j->o->on_built(j->o->report_ctx, &all);
}

/* Where the stylesheets find the library's documents in memory (never on disk): the
 * links document, and each graph where the links document says it is. */
#define LIBRARY_URI "file:///regdoc-library/"

/* The library's own files beside the regulations' folders: links.xml (the links
 * between them) and index.html (its home page), each built in a temporary file. */
static int build_library_files(job *j, xmlDocPtr links, const site_library *lib,
                               const char *outdir, fsout *lout, fsout *hout)
{
	char *lpath = fsio_join(outdir, "links.xml"), *hpath = fsio_join(outdir, "index.html");
	int rc = -1;
	if (lpath && hpath && fsout_begin_file(lout, lpath, &j->d) == 0 &&
	    (bcache_take(j->bc, "links.xml", BCACHE_GRAPH, NULL, lout->tmp) ||
	     kept(j, "links.xml", lout->tmp, graph_write(links, lout->tmp, &j->d)) == 0) &&
	    !diag_interrupted(&j->d) &&
	    ((j->o->stages && !(j->o->stages & REGDOC_STAGE_SITE)) || /* no home page */
	     (fsout_begin_file(hout, hpath, &j->d) == 0 &&
	      (bcache_take(j->bc, "index.html", BCACHE_RENDER, NULL, hout->tmp) ||
	       kept(j, "index.html", hout->tmp,
	            site_render_library(links, j->templates, hout->tmp, lib, &j->d)) == 0))))
		rc = 0;
	free(lpath);
	free(hpath);
	return rc;
}

/* The build cache of outdir (build/cache.h), keyed on the regulation folders a build
 * of dir reads (load_library's: dir's regulations, and for one regulation the ones
 * beside it), the data and templates folders and the options; NULL when there is none. */
static bcache *open_cache(job *j, const char *dir, const char *outdir, int whole)
{
	bcache *c = bcache_open(outdir, !j->o->no_cache);
	fsio_names named = {NULL, 0}, beside = {NULL, 0};
	const char **dirs = NULL;
	char run[96], mode[96], *parent = whole ? NULL : parent_dir(dir);
	size_t n = 0;
	diag quiet;
	diag_init(&quiet, NULL);
	if (c && find_regulations(dir, &named, &quiet) == 0 &&
	    (!parent || find_regulations(parent, &beside, &quiet) == 0 || !beside.n))
		dirs = calloc(named.n + beside.n + 1, sizeof *dirs);
	for (size_t i = 0; dirs && i < named.n; i++)
		dirs[n++] = named.v[i];
	for (size_t i = 0; dirs && i < beside.n; i++)
		if (!same_dir(beside.v[i], dir))
			dirs[n++] = beside.v[i];
	snprintf(run, sizeof run, "stages=%u werror=%d verbose=%d validate=%d max=%zu",
	         j->o->stages, j->o->werror, j->o->verbose, j->validate, j->o->max_diagnostics);
	/* the version --as-of picks is the one in graph.xml and the sites */
	snprintf(mode, sizeof mode, "%s as-of=%s", whole ? "library" : "alone",
	         j->o->as_of ? j->o->as_of : "latest");
	if (!dirs || bcache_inputs(c, dirs, n, j->datadir, j->templates, mode, run) != 0) {
		bcache_free(c);
		c = NULL;
	}
	free(dirs);
	free(parent);
	fsio_names_free(&named);
	fsio_names_free(&beside);
	return c;
}

int regdoc_build(const regdoc_options *o, const char *corpus_dir, const char *outdir)
{
	job j;
	library L;
	fsout *outs = NULL, lout, hout;
	xmlDocPtr links = NULL;
	xslt_doc *docs = NULL;
	char (*uris)[160] = NULL; /* LIBRARY_URI, a manifest id (64 at most), /graph.xml */
	site_library slib, *lib = NULL;
	regdoc_build_report *reps = NULL;
	int ok = 1, whole, replayed;
	size_t nd = 0;
	double t0 = report_now();
	job_init(&j, o);
	memset(&lout, 0, sizeof lout);
	memset(&hout, 0, sizeof hout);
	corpus_dir = job_corpus(&j, corpus_dir);
	j.want_versions = 1; /* their graphs: versions/<version id>/graph.xml */
	/* a folder of regulations is one library: one site, links.xml; a regulation
	 * folder is built alone (its citations of the others link to EUR-Lex) */
	whole = !has_manifest(corpus_dir);
	j.bc = open_cache(&j, corpus_dir, outdir, whole);
	library_init(&L);
	if ((replayed = bcache_replay(j.bc, &j.d)) != 0 || load_library(&j, corpus_dir, 0, &L) != 0) {
		bcache_free(j.bc); /* nothing changed: the previous output is back in place */
		if (replayed == 1 && o->on_built) {
			regdoc_build_report same = {0};
			same.outdir = outdir;
			same.unchanged = 1;
			same.seconds = report_now() - t0;
			o->on_built(o->report_ctx, &same);
		}
		library_free(&L);
		free(j.reg_warnings);
		return job_status(&j);
	}
	reps = calloc(L.n + 1, sizeof *reps);
	if (!reps)
		ok = 0;
	if (whole) {
		links = library_links(&L, &j.d);
		docs = calloc(L.n + 1, sizeof *docs);
		uris = calloc(L.n + 1, sizeof *uris);
		if (!links || !docs || !uris)
			ok = 0;
		if (ok && j.validate) {
			char *rng = fsio_join(j.datadir, "templates/schema/links.rng");
			if (!rng || xmlsafe_validate(links, rng, "links.xml", &j.d) != 0)
				ok = 0;
			free(rng);
		}
		if (ok) {
			snprintf(uris[nd], sizeof uris[nd], "%slinks.xml", LIBRARY_URI);
			docs[nd].uri = uris[nd];
			docs[nd++].doc = links;
			for (size_t i = 0; i < L.n; i++)
				if (L.named[i]) {
					snprintf(uris[nd], sizeof uris[nd], "%s%s/graph.xml", LIBRARY_URI, L.regs[i].m.id);
					docs[nd].uri = uris[nd];
					docs[nd++].doc = L.regs[i].doc;
				}
			slib.library = uris[0];
			slib.href = "../../"; /* from DIR/<id>/site/PAGE.html to DIR/ */
			slib.docs = docs;
			slib.ndocs = nd;
			lib = &slib;
		}
	}
	/* Build every regulation into a temporary folder first (all of them, so every
	 * error is reported); replace the previous output only when all succeeded. The
	 * products share their stylesheets, schemas, rules and graph indexes. */
	if (ok) {
		outs = calloc(L.n, sizeof *outs);
		j.cache = assess_cache_new(); /* NULL (no memory): each product loads its own */
	}
	for (size_t i = 0; outs && i < L.n && !diag_interrupted(&j.d); i++)
		if (L.named[i] && build_regulation(&j, &L.regs[i], outdir, &outs[i], lib, &L, &reps[i]) != 0)
			ok = 0;
	if (!outs || (whole && ok && build_library_files(&j, links, lib, outdir, &lout, &hout) != 0))
		ok = 0;
	/* The last look at the interrupt flag: once the first swap is made, all are. */
	if (diag_interrupted(&j.d) || j.d.errors)
		ok = 0;
	if (ok)
		bcache_forget(j.bc);
	for (size_t i = 0; outs && ok && i < L.n; i++)
		if (L.named[i] && fsout_commit(&outs[i], &j.d) != 0)
			ok = 0;
	if (ok && whole && (fsout_commit(&lout, &j.d) != 0 || (hout.tmp && fsout_commit(&hout, &j.d) != 0)))
		ok = 0;
	if (ok && j.d.warnings)
		bcache_no_replay(j.bc);
	if (ok)
		bcache_commit(j.bc, &j.d);
	for (size_t i = 0; outs && i < L.n; i++)
		fsout_abort(&outs[i]);
	fsout_abort(&lout);
	fsout_abort(&hout);
	if (ok && o->on_built)
		report_build(&j, &L, reps, outdir, whole, t0);
	free(reps);
	free(j.reg_warnings);
	free(outs);
	free(docs);
	free(uris);
	assess_cache_free(j.cache);
	bcache_free(j.bc);
	if (links)
		xmlFreeDoc(links);
	library_free(&L);
	return job_status(&j);
}

int regdoc_templates_export(const regdoc_options *o, const char *outdir)
{
	job j;
	job_init(&j, o);
	export_templates(j.templates, outdir, &j.d);
	return job_status(&j);
}

void regdoc_new_options_init(regdoc_new_options *n)
{
	memset(n, 0, sizeof *n);
}

int regdoc_new(const regdoc_options *o, const char *product_path, const regdoc_new_options *n)
{
	job j;
	library L;
	questionnaire *q;
	char *qpath, *qrng, *regdir = NULL;
	job_init(&j, o);
	library_init(&L);
	qpath = fsio_join(j.templates, "questionnaire.xml");
	qrng = fsio_join(j.templates, "schema/questionnaire.rng");
	q = qpath && qrng ? qn_load(qpath, qrng, &j.d) : NULL;
	if (q) {
		regdir = n->regulation ? strdup(n->regulation) : fsio_join(job_corpus(&j, NULL), qn_regulation(q));
		if (!regdir)
			diag_sys(&j.d, qpath, "cannot allocate", ENOMEM);
		else if (!n->regulation && !fsio_is_dir(regdir))
			diag_error(&j.d, regdir, 0, "no regulation %s here: name its folder with --regulation DIR",
			           qn_regulation(q));
		else if (load_library(&j, regdir, 1, &L) == 0) {
			/* assessed as regdoc assess would: with the regulations beside it */
			regulation *r = NULL;
			assess_options ao;
			for (size_t i = 0; i < L.n; i++)
				if (L.named[i])
					r = &L.regs[i];
			memset(&ao, 0, sizeof ao);
			ao.others = library_others(&L, r, &ao.nothers);
			if (r)
				new_product(q, r->doc, regdir, j.templates, product_path, n, &ao, &j.d);
			free_others((assess_regulation *)ao.others, ao.nothers);
		}
	}
	library_free(&L);
	qn_free(q);
	free(qpath);
	free(qrng);
	free(regdir);
	return job_status(&j);
}

/* The named regulation of L with manifest id `id`, or NULL. */
static regulation *named_reg(library *L, const char *id)
{
	for (size_t i = 0; i < L->n; i++)
		if (L->named[i] && !strcmp(L->regs[i].m.id, id))
			return &L->regs[i];
	return NULL;
}

/* Render the diff document with templates/diff/NAME.xsl into memory. */
static char *render_diff(job *j, xmlDocPtr doc, const char *name, size_t *len)
{
	char rel[64];
	char *path, *res = NULL;
	xslt_sheet *s;
	snprintf(rel, sizeof rel, "diff/%s.xsl", name);
	path = fsio_join(j->templates, rel);
	s = path ? xslt_sheet_load(path, &j->d) : NULL;
	if (s && xslt_apply_to_memory(s, doc, NULL, NULL, &res, len, &j->d) != 0)
		res = NULL;
	xslt_sheet_free(s);
	free(path);
	return res;
}

static int write_mem(const char *dir, const char *name, const char *data, size_t len, diag *d)
{
	/* through fsio_write_file: one fclose whatever fails (a second one, after a
	 * failed close on a full disk, was a double free) */
	char *p = fsio_join(dir, name);
	int rc;
	if (!p) {
		diag_sys(d, dir, "cannot create", ENOMEM);
		return -1;
	}
	rc = fsio_write_file(p, data, len, 0, d);
	free(p);
	return rc;
}

int regdoc_diff(const regdoc_options *o, const char *old_dir, const char *new_dir,
                const char *outdir, FILE *out)
{
	job j;
	library Lo, Ln;
	xmlDocPtr doc = NULL;
	char *text = NULL, *html = NULL;
	size_t tlen = 0, hlen = 0;
	job_init(&j, o);
	library_init(&Lo);
	library_init(&Ln);
	if (load_library(&j, old_dir, 1, &Lo) != 0 || load_library(&j, new_dir, 1, &Ln) != 0)
		goto done;
	doc = diff_new(old_dir, new_dir, "regdoc " REGDOC_VERSION);
	if (!doc) {
		diag_sys(&j.d, new_dir, "cannot compare", ENOMEM);
		goto done;
	}
	/* the regulations of the new version, in its order, then those only in the old */
	for (size_t i = 0; i < Ln.n && !j.d.errors && !diag_interrupted(&j.d); i++) {
		regulation *nr = &Ln.regs[i], *orr;
		if (!Ln.named[i])
			continue;
		orr = named_reg(&Lo, nr->m.id);
		if (!orr) {
			if (diff_only_in(doc, "new", nr->m.id, nr->dir) != 0)
				diag_sys(&j.d, new_dir, "cannot compare", ENOMEM);
			continue;
		}
		{
			diff_side so, sn;
			memset(&so, 0, sizeof so);
			memset(&sn, 0, sizeof sn);
			so.dir = orr->dir;
			so.graph = orr->doc;
			so.others = library_others(&Lo, orr, &so.nothers);
			sn.dir = nr->dir;
			sn.graph = nr->doc;
			sn.others = library_others(&Ln, nr, &sn.nothers);
			diff_regulation(doc, &so, &sn, j.templates, &j.d);
			free_others((assess_regulation *)so.others, so.nothers);
			free_others((assess_regulation *)sn.others, sn.nothers);
		}
	}
	for (size_t i = 0; i < Lo.n && !j.d.errors; i++)
		if (Lo.named[i] && !named_reg(&Ln, Lo.regs[i].m.id) &&
		    diff_only_in(doc, "old", Lo.regs[i].m.id, Lo.regs[i].dir) != 0)
			diag_sys(&j.d, old_dir, "cannot compare", ENOMEM);
	if (j.d.errors || diag_interrupted(&j.d))
		goto done;
	text = render_diff(&j, doc, "text", &tlen);
	if (!text)
		goto done;
	if (outdir) {
		fsout fo;
		xmlChar *xml = NULL;
		int xml_len = 0;
		html = render_diff(&j, doc, "html", &hlen);
		xmlDocDumpFormatMemoryEnc(doc, &xml, &xml_len, "UTF-8", 1);
		if (html && xml && xml_len > 0 && fsout_begin_dir(&fo, outdir, &j.d) == 0) {
			if (write_mem(fo.tmp, "diff.xml", (const char *)xml, (size_t)xml_len, &j.d) == 0 &&
			    write_mem(fo.tmp, "diff.html", html, hlen, &j.d) == 0 &&
			    write_mem(fo.tmp, "diff.txt", text, tlen, &j.d) == 0 && !diag_interrupted(&j.d))
				fsout_commit(&fo, &j.d);
			fsout_abort(&fo);
		} else if (!xml) {
			diag_sys(&j.d, outdir, "cannot write", ENOMEM);
		}
		xmlFree(xml);
	}
	if (!j.d.errors && !j.d.sys_error) {
		fwrite(text, 1, tlen, out);
		fflush(out);
	}
done:
	free(text);
	free(html);
	if (doc)
		xmlFreeDoc(doc);
	library_free(&Lo);
	library_free(&Ln);
	return job_status(&j);
}

int regdoc_templates_path(const regdoc_options *o, FILE *out)
{
	job j;
	job_init(&j, o);
	if (!fsio_is_dir(j.templates))
		diag_error(&j.d, j.templates, 0, "no templates here");
	else
		fprintf(out, "%s\n", j.templates);
	return job_status(&j);
}

/* The regulation a product names (<product regulation="...">), or NULL; *line set to
 * the root's line. */
static char *named_regulation(const char *text, size_t len, const char *name, diag *d)
{
	xmlDocPtr doc = xmlsafe_read_memory(text, len, name, d);
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	xmlChar *v = root ? xmlGetProp(root, (const xmlChar *)"regulation") : NULL;
	char *r = v ? strdup((const char *)v) : NULL;
	xmlFree(v);
	if (doc)
		xmlFreeDoc(doc);
	return r;
}

/* The folder above the product's products/ folder when it is a regulation, or NULL. */
static char *products_parent(const char *product)
{
	char *guess = strdup(product), *slash;
	slash = guess ? strrchr(guess, '/') : NULL;
	if (slash) {
		*slash = '\0';
		slash = strrchr(guess, '/');
	}
	if (slash && !strcmp(slash + 1, "products")) {
		*slash = '\0';
		if (has_manifest(guess))
			return guess;
	} else if (guess && !strcmp(slash ? slash + 1 : guess, "products") && has_manifest(".")) {
		free(guess);
		return strdup(".");
	}
	free(guess);
	return NULL;
}

/* The regulation a product belongs to: regdir if given; else the folder above the
 * product's products/ folder; else the regulation the product names, in the default
 * corpus (as regdoc new finds it). product "-": the product is read from stdin. */
int regdoc_assess(const regdoc_options *o, const char *product, const char *regdir,
                  const char *outdir)
{
	job j;
	library L;
	char *guess = NULL, *text = NULL;
	const char *name = !strcmp(product, "-") ? "stdin" : product;
	size_t len = 0;
	fsout out;
	job_init(&j, o);
	library_init(&L);
	if (!strcmp(product, "-") ? fsio_read_stream(stdin, XMLSAFE_MAX_BYTES, &text, &len, name, &j.d)
	                          : fsio_read_file(product, XMLSAFE_MAX_BYTES, &text, &len, &j.d))
		return job_status(&j); /* unreadable or missing: an I/O error (exit status 3) */
	if (!regdir && strcmp(product, "-") != 0)
		regdir = guess = products_parent(product);
	if (!regdir) {
		char *reg = named_regulation(text, len, name, &j.d);
		if (j.d.errors) {
			free(text);
			return job_status(&j);
		}
		if (!reg) {
			diag_error(&j.d, name, 1,
			           "which regulation? the product names none (<product regulation=\"ID\">) and "
			           "is not in a <regulation>/products/ folder; name it with --regulation DIR");
		} else {
			guess = fsio_join(job_corpus(&j, NULL), reg);
			if (!guess)
				diag_sys(&j.d, name, "cannot allocate", ENOMEM);
			else if (!has_manifest(guess))
				diag_error(&j.d, name, 1,
				           "the product names regulation \"%s\", which is not in the corpus (%s); "
				           "name its folder with --regulation DIR", reg, job_corpus(&j, NULL));
			regdir = guess;
		}
		free(reg);
		if (j.d.errors || j.d.sys_error) {
			free(guess);
			free(text);
			return job_status(&j);
		}
	}
	/* the product's regulation, linked with the regulations beside it: a product may be
	 * assessed under several (a <combine> in its rules) */
	if (load_library(&j, regdir, 1, &L) == 0 && fsout_begin_dir(&out, outdir, &j.d) == 0) {
		char *rules = fsio_join(regdir, "rules");
		regulation *r = NULL;
		assess_options ao;
		for (size_t i = 0; i < L.n; i++)
			if (L.named[i])
				r = &L.regs[i];
		memset(&ao, 0, sizeof ao);
		ao.others = library_others(&L, r, &ao.nothers);
		ao.product_text = text;
		ao.product_len = len;
		if (rules && r &&
		    assess_product_opts(r->doc, name, rules, j.templates, out.tmp, &ao, &j.d) == 0 &&
		    !j.d.errors && !diag_interrupted(&j.d))
			fsout_commit(&out, &j.d);
		fsout_abort(&out);
		free_others((assess_regulation *)ao.others, ao.nothers);
		free(rules);
	}
	library_free(&L);
	free(guess);
	free(text);
	return job_status(&j);
}
