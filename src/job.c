/*
 * job.c - the job (options, data folder, diagnostics) and the library it loads: pages →
 * units → graph, linked, every version.
 */
#include "job.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "graph/application.h"
#include "graph/graph.h"
#include "graph/history.h"
#include "ingest/reload.h"
#include "link/suggest.h"
#include "util/datadir.h"
#include "util/xmlsafe.h"

void job_init(job *j, const regdoc_options *o)
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
const char *job_corpus(job *j, const char *dir)
{
	return dir ? dir : datadir_default_corpus(j->datadir, j->corpus, sizeof j->corpus);
}

int job_status(job *j)
{
	diag_summary(&j->d);
	if (j->d.sys_error)
		return REGDOC_EXIT_SYSTEM;
	return j->d.errors ? REGDOC_EXIT_INPUT : REGDOC_EXIT_OK;
}

/* The regulation folders under dir: dir itself when it has a manifest, else its
 * subfolders that have one, in byte order. */
int job_find_regulations(const char *dir, fsio_names *out, diag *d)
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
	link_library view;
	library_view own;
	/* an amending act's citations of the act it amends: into the version it made */
	if (library_view_for(j->lib, r, j->datadir, &view, &own, &j->d) != 0)
		return -1;
	link_resolve_library(r, &view, &st, &j->d);
	library_view_free(&own);
	if (diag_interrupted(&j->d))
		return -1;
	/* computed recital <-> article/annex relations (suggests edges, never relates-to) */
	if (graph_suggest(r->doc, j->datadir, regdir, &j->d) != 0)
		return -1;
	/* from when each provision applies (its version's dates of application) */
	if (graph_apply_dates(r, j->datadir, &j->d) != 0)
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

int job_has_manifest(const char *dir)
{
	char *m = fsio_join(dir, "manifest.xml");
	int has = m && access(m, F_OK) == 0;
	free(m);
	return has;
}

/* The folder that holds dir ("." for a bare name). */
char *job_parent_dir(const char *dir)
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

int job_same_dir(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* The amending acts of the library get their amends edges (graph/history.h): for
 * each regulation at a version made by one of them (manifest amended-by), from the
 * amendment table of that version. Before the graphs are linked and checked. */
static int add_amends(job *j, library *L)
{
	int rc = 0;
	for (size_t i = 0; i < L->n; i++) {
		const regulation *r = &L->regs[i];
		for (size_t v = 1; v <= r->m.current && v < r->m.nversions; v++) {
			const manifest_version *mv = &r->m.versions[v];
			amendment_table t;
			diag quiet, *d = &j->d;
			size_t x;
			for (x = 0; x < L->n; x++)
				if (mv->amended_by && !strcmp(L->regs[x].m.id, mv->amended_by))
					break;
			if (x == L->n || !mv->amendments)
				continue; /* the amending act is not in this library */
			if (!L->named[i] && !L->named[x]) {
				diag_init(&quiet, NULL);
				d = &quiet;
			}
			if (amendments_load(r, v, &t, d) != 0 ||
			    history_add_amends(&L->regs[x], r, &t, v == r->m.current, d) != 0)
				rc = L->named[i] || L->named[x] ? -1 : rc;
			amendments_free(&t);
		}
	}
	return rc;
}

/* The history document of regs[i] (graph/history.h), when it has several versions and
 * the job loaded them all; NULL otherwise or after errors (reported). */
xmlDocPtr job_make_history(job *j, const library *L, size_t i)
{
	const regulation *v[MANIFEST_MAX_VERSIONS], *amending[MANIFEST_MAX_VERSIONS];
	history_version hv[MANIFEST_MAX_VERSIONS];
	char paths[MANIFEST_MAX_VERSIONS][96];
	size_t n = library_versions(L, i, v);
	xmlDocPtr doc;
	if (n < 2)
		return NULL;
	for (size_t k = 0; k < n; k++) {
		const manifest_version *mv = regulation_version(v[k]);
		hv[k].r = v[k];
		if (v[k] == &L->regs[i])
			snprintf(paths[k], sizeof paths[k], "graph.xml");
		else
			snprintf(paths[k], sizeof paths[k], "versions/%s/graph.xml", mv->id);
		hv[k].graph = paths[k];
		amending[k] = NULL;
		for (size_t x = 0; mv->amended_by && x < L->n; x++)
			if (!strcmp(L->regs[x].m.id, mv->amended_by))
				amending[k] = &L->regs[x];
	}
	doc = history_build(hv, n, amending, &j->d);
	if (doc && j->validate) {
		char *rng = fsio_join(j->datadir, "templates/schema/history.rng");
		if (!rng || xmlsafe_validate(doc, rng, "history.xml", &j->d) != 0) {
			xmlFreeDoc(doc);
			doc = NULL;
		}
		free(rng);
	}
	return doc;
}

/* The history document of every named regulation with several versions (NULL for the
 * others): an array of L->n for versions_docs_build, or NULL after errors (reported). */
xmlDocPtr *job_make_histories(job *j, const library *L)
{
	xmlDocPtr *h = calloc(L->n + 1, sizeof *h);
	int bad = 0;
	if (!h) {
		diag_sys(&j->d, NULL, "cannot allocate the histories", ENOMEM);
		return NULL;
	}
	for (size_t i = 0; i < L->n; i++)
		if (L->named[i] && L->regs[i].m.nversions > 1 && !(h[i] = job_make_history(j, L, i)))
			bad = 1;
	if (bad) {
		for (size_t i = 0; i < L->n; i++)
			if (h[i])
				xmlFreeDoc(h[i]);
		free(h);
		return NULL;
	}
	return h;
}

/* Version v of L->regs[i] from its pages: loaded, linked against the library and
 * checked like it (j->lib set). */
static int load_version(job *j, library *L, size_t i, size_t v)
{
	regulation r;
	if (regulation_load_version(L->regs[i].dir, j->datadir, L->regs[i].m.versions[v].id, NULL,
	                            &r, &j->d) != 0 || !r.doc || link_graph(j, r.dir, &r) != 0 ||
	    library_add_version(L, i, &r, &j->d) != 0) {
		regulation_free(&r);
		return -1;
	}
	return 0;
}

/* The other versions of each named regulation (manifest <versions>) beside the one
 * the job chose; for the build (versions/<id>/graph.xml) and the history. */
static int load_versions(job *j, library *L)
{
	int rc = 0;
	size_t n = L->n;
	for (size_t i = 0; i < n && !diag_interrupted(&j->d); i++)
		for (size_t v = 0; L->named[i] && v < L->regs[i].m.nversions && !diag_interrupted(&j->d); v++)
			if (v != L->regs[i].m.current && load_version(j, L, i, v) != 0)
				rc = -1;
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
int job_load_library(job *j, const char *dir, int link_all, library *L)
{
	fsio_names named, beside = {NULL, 0};
	int rc = 0;
	library_init(L);
	if (job_find_regulations(dir, &named, &j->d) != 0) {
		fsio_names_free(&named);
		return -1;
	}
	if (job_has_manifest(dir)) {
		/* beside the folder itself: for a symbolic link to a regulation (or ".",
		 * ".."), beside its target (where its siblings are), not beside the link;
		 * the path as the user wrote it when that is the same folder, so the
		 * siblings' pages are named relative like the regulation's own */
		char *real = realpath(dir, NULL);
		char *parent = job_parent_dir(dir);
		char *real_parent = real ? job_parent_dir(real) : NULL;
		if (parent && real_parent && !job_same_dir(parent, real_parent)) {
			free(parent);
			parent = real_parent;
			real_parent = NULL;
		}
		free(real_parent);
		free(real);
		diag quiet;
		diag_init(&quiet, NULL);
		if (!parent || job_find_regulations(parent, &beside, &quiet) != 0) {
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
		if (job_same_dir(beside.v[i], dir))
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
	if (add_amends(j, L) != 0)
		rc = -1;
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

/* One regulation of job_reload_library: opened at version (NULL: the job's), its graph
 * read back from the previous output ("ID/graph.xml", or the group "ID/versions"). */
static int reload_one(job *j, const char *dir, const char *version, regulation *r, diag *d)
{
	char group[96], rel[200], *text = NULL;
	size_t len;
	int rc = -1;
	if (regulation_open_version(dir, j->datadir, version, version ? NULL : j->o->as_of, r, d) != 0)
		return -1;
	snprintf(group, sizeof group, version ? "%s/versions" : "%s/graph.xml", r->m.id);
	if (version)
		snprintf(rel, sizeof rel, "%s/versions/%s/graph.xml", r->m.id, version);
	else
		snprintf(rel, sizeof rel, "%s", group);
	if (bcache_read(j->bc, group, BCACHE_GRAPH, rel, &text, &len) != 1)
		return -1;
	rc = regulation_reload(r, text, len, rel, d);
	free(text);
	if (rc == 0 && j->validate) { /* as link_graph would */
		char *rng = fsio_join(j->datadir, "templates/schema/graph.rng");
		rc = rng && xmlsafe_validate(r->doc, rng, rel, d) == 0 ? 0 : -1;
		free(rng);
	}
	if (rc != 0) /* not the graph that build wrote: rebuilt, never taken over */
		bcache_distrust(j->bc, group);
	return rc;
}

/*
 * regdoc build of a library (a folder of regulations) when nothing the graph stage reads
 * changed since the previous build and that build printed no warning (doc/cache.md,
 * "The graph stage"): every regulation's graph, and its other versions', read back from
 * the previous output (build/cache.h, bcache_read; ingest/reload.h) instead of being
 * built from the pages. The same documents the graph stage would make, so the same
 * output; and no warning to say again. 0 done; -1 not possible (nothing reported, L
 * empty): the caller loads the library.
 */
int job_reload_library(job *j, const char *dir, library *L)
{
	fsio_names named = {NULL, 0};
	diag quiet;
	int rc = 0;
	library_init(L);
	diag_init(&quiet, NULL);
	quiet.interrupt = j->d.interrupt;
	if (!j->bc || j->o->no_cache || job_has_manifest(dir) ||
	    job_find_regulations(dir, &named, &quiet) != 0)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < named.n; i++) {
		regulation r;
		if (reload_one(j, named.v[i], NULL, &r, &quiet) != 0 || library_add(L, &r, 1, &quiet) != 0) {
			regulation_free(&r);
			rc = -1;
		}
	}
	fsio_names_free(&named);
	if (rc == 0 && j->o->on_built && !(j->reg_warnings = calloc(L->n + 1, sizeof *j->reg_warnings)))
		rc = -1;
	if (rc != 0 || quiet.errors || diag_interrupted(&j->d)) {
		library_free(L);
		library_init(L);
		return -1;
	}
	for (size_t i = 0; j->o->verbose && i < L->n; i++)
		fprintf(j->d.out ? j->d.out : stderr,
		        "regdoc: %s: graphs read back from the previous build: no input of the graph "
		        "stage changed\n", L->regs[i].m.id);
	/* the other versions' graphs are read on first need (job_need_versions): a build
	 * that takes over every site and the versions' graphs (a product edited) reads
	 * none, and they are the largest of the graphs */
	j->versions_later = L;
	return 0;
}

/* A version's graph the previous build wrote, when it reads back as one, else from the
 * pages as the graph stage would make it: that build printed no warning (bcache_read),
 * so neither does this, and the group is then never taken over (bcache_distrust). */
int job_need_versions(job *j)
{
	library *L = j->versions_later;
	int rc = 0;
	if (!L)
		return 0;
	j->versions_later = NULL;
	for (size_t i = 0; i < L->n && !diag_interrupted(&j->d); i++)
		for (size_t v = 0; L->named[i] && v < L->regs[i].m.nversions && !diag_interrupted(&j->d); v++) {
			regulation r;
			diag quiet;
			if (v == L->regs[i].m.current)
				continue;
			diag_init(&quiet, NULL);
			quiet.interrupt = j->d.interrupt;
			if (reload_one(j, L->regs[i].dir, L->regs[i].m.versions[v].id, &r, &quiet) == 0 &&
			    !quiet.errors && library_add_version(L, i, &r, &j->d) == 0) {
				if (j->o->verbose)
					fprintf(j->d.out ? j->d.out : stderr,
					        "regdoc: %s: version %s's graph read back from the previous "
					        "build\n", L->regs[i].m.id, L->regs[i].m.versions[v].id);
				continue;
			}
			regulation_free(&r);
			j->versions_from_pages = 1;
			j->lib = &L->view;
			if (load_version(j, L, i, v) != 0)
				rc = -1;
			j->lib = NULL;
		}
	return rc || diag_interrupted(&j->d) ? -1 : 0;
}

int job_one_regulation(job *j, const char *dir, char **regdir)
{
	fsio_names regs;
	*regdir = NULL;
	if (job_find_regulations(dir, &regs, &j->d) != 0) {
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

/* The named regulation of L with manifest id `id`, or NULL. */
regulation *job_named_one(library *L)
{
	regulation *r = NULL;
	for (size_t i = 0; i < L->n; i++)
		if (L->named[i])
			r = &L->regs[i];
	return r;
}

regulation *job_named_reg(library *L, const char *id)
{
	for (size_t i = 0; i < L->n; i++)
		if (L->named[i] && !strcmp(L->regs[i].m.id, id))
			return &L->regs[i];
	return NULL;
}
