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

#include "assess/answers.h"
#include "assess/assess.h"
#include "build/cache.h"
#include "graph/application.h"
#include "build/written.h"
#include "graph/graph.h"
#include "graph/history.h"
#include "graph/library.h"
#include "ingest/corpus.h"
#include "ingest/reload.h"
#include "link/link.h"
#include "link/suggest.h"
#include "render/products.h"
#include "render/site.h"
#include "render/xslt.h"
#include "versions.h"
#include "tool/diff.h"
#include "tool/export.h"
#include "tool/import.h"
#include "tool/pdf.h"
#include "tool/status.h"
#include "tool/new.h"
#include "tool/questionnaire.h"
#include "util/datadir.h"
#include "util/buf.h"
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
static xmlDocPtr make_history(job *j, const library *L, size_t i)
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
static xmlDocPtr *make_histories(job *j, const library *L)
{
	xmlDocPtr *h = calloc(L->n + 1, sizeof *h);
	int bad = 0;
	if (!h) {
		diag_sys(&j->d, NULL, "cannot allocate the histories", ENOMEM);
		return NULL;
	}
	for (size_t i = 0; i < L->n; i++)
		if (L->named[i] && L->regs[i].m.nversions > 1 && !(h[i] = make_history(j, L, i)))
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

/* One regulation of reload_library: opened at version (NULL: the job's), its graph
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
static int reload_library(job *j, const char *dir, library *L)
{
	fsio_names named = {NULL, 0};
	diag quiet;
	int rc = 0;
	library_init(L);
	diag_init(&quiet, NULL);
	quiet.interrupt = j->d.interrupt;
	if (!j->bc || j->o->no_cache || has_manifest(dir) ||
	    find_regulations(dir, &named, &quiet) != 0)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < named.n; i++) {
		regulation r;
		if (reload_one(j, named.v[i], NULL, &r, &quiet) != 0 || library_add(L, &r, 1, &quiet) != 0) {
			regulation_free(&r);
			rc = -1;
		}
	}
	for (size_t i = 0; rc == 0 && i < L->n; i++)
		for (size_t v = 0; rc == 0 && v < L->regs[i].m.nversions; v++) {
			regulation r;
			if (v == L->regs[i].m.current)
				continue;
			if (reload_one(j, L->regs[i].dir, L->regs[i].m.versions[v].id, &r, &quiet) != 0 ||
			    library_add_version(L, i, &r, &quiet) != 0) {
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
	return 0;
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
	j.want_versions = 1; /* every version of the text is checked, and its history */
	dir = job_corpus(&j, dir);
	if (load_library(&j, dir, 0, &L) == 0)
		for (size_t i = 0; i < L.n; i++)
			if (L.named[i]) {
				xmlDocPtr h = make_history(&j, &L, i);
				if (h)
					xmlFreeDoc(h);
			}
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

/* The versions of regs[i] other than the one the job chose that have the element id,
 * with their dates ("2026-07-27 (from 2026-07-27)"), into out ("" when none): an
 * element inserted or deleted in some version is known as such. Loads those versions'
 * pages: for the error of an unknown id only. */
static void versions_with_id(job *j, const library *L, size_t i, const char *id, char *out,
                             size_t size)
{
	const manifest *m = &L->regs[i].m;
	size_t n = 0;
	out[0] = '\0';
	for (size_t v = 0; v < m->nversions && n + 1 < size; v++) {
		regulation r;
		diag quiet;
		xmlHashTablePtr h = NULL;
		if (v == m->current)
			continue;
		diag_init(&quiet, NULL);
		if (regulation_load_version(L->regs[i].dir, j->datadir, m->versions[v].id, NULL, &r,
		                            &quiet) == 0 && r.doc)
			h = graph_index_ids(r.doc, &quiet);
		if (h && xmlHashLookup(h, (const xmlChar *)id)) {
			int w = snprintf(out + n, size - n, "%s%s (from %s)", n ? ", " : "",
			                 m->versions[v].id, m->versions[v].applies_from);
			if (w > 0 && (size_t)w < size - n)
				n += (size_t)w;
		}
		xmlHashFree(h, NULL);
		regulation_free(&r);
	}
}

/* The error of an id no named regulation of L has in the version chosen: says the
 * versions that have it, when some do. 1 when said. */
static int id_in_other_versions(job *j, const library *L, const char *given, const char *id,
                                size_t rl)
{
	for (size_t i = 0; i < L->n; i++) {
		const regulation *r = &L->regs[i];
		char there[512];
		if (!L->named[i] || r->m.nversions < 2 ||
		    (rl && (strlen(r->m.id) != rl || strncmp(given, r->m.id, rl) != 0)))
			continue;
		versions_with_id(j, L, i, id, there, sizeof there);
		if (there[0]) {
			diag_error(&j->d, NULL, 0,
			           "%s: not in %s version %s (from %s, the one in force %s%s); it is in "
			           "version %s: --as-of a date of that version",
			           given, r->m.id, regulation_version(r)->id, regulation_version(r)->applies_from,
			           j->o->as_of ? "on " : "now", j->o->as_of ? j->o->as_of : "", there);
			return 1;
		}
	}
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
			else if (!known && !id_in_other_versions(&j, &L, ids[k], id, qualified ? rl : 0))
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

/* Where the output of a regulation is published: --site-url, else its manifest's
 * <site-url>, else NULL. */
static const char *site_url_of(const job *j, const regulation *r)
{
	return j->o->site_url ? j->o->site_url : r ? r->m.site_url : NULL;
}

/* The links of a product's documents (doc/answers.md, "Links"): absolute into the site
 * published at url; else relative into the built site (in_site: regdoc build); else to
 * EUR-Lex. sb and lb hold the bases. */
static void product_links(assess_options *ao, const char *url, const char *reg, int in_site,
                          buf *sb, buf *lb)
{
	if (url) {
		size_t n = strlen(url);
		const char *slash = n && url[n - 1] == '/' ? "" : "/";
		buf_printf(lb, "%s%s", url, slash);
		buf_printf(sb, "%s%s%s/site/", url, slash, reg);
		if (!lb->oom && !sb->oom) {
			ao->site_base = sb->s;
			ao->library_base = lb->s;
		}
	} else if (!in_site) {
		ao->eurlex = 1;
	}
}

/* With --pdf: a PDF of each document of dir, from its one source (tool/pdf.h). */
static int product_pdfs(job *j, const char *dir)
{
	fsio_names names = {NULL, 0};
	const char **v;
	size_t n = 0;
	int rc = 0;
	if (!j->o->pdf)
		return 0;
	if (fsio_list_dir(dir, &names, &j->d) != 0)
		return -1;
	v = calloc(names.n + 1, sizeof *v);
	for (size_t i = 0; v && i < names.n; i++)
		if (pdf_is_source(names.v[i]))
			v[n++] = names.v[i];
	if (!v)
		diag_sys(&j->d, dir, "cannot convert to PDF", ENOMEM);
	rc = v ? pdf_convert(dir, v, n, &j->d) : -1;
	free(v);
	fsio_names_free(&names);
	return rc;
}

/* 1 when regdoc build writes the products of r (and so its products page). */
static int builds_products(const job *j, const regulation *r)
{
	char *pdir = fsio_join(r->dir, "products");
	int yes = pdir && fsio_is_dir(pdir) &&
	          (!j->o->stages || (j->o->stages & REGDOC_STAGE_PRODUCTS));
	free(pdir);
	return yes;
}

/* The site of regs[i] into sdir (which exists): the version the job chose there, and
 * when it has several versions (V), every other version under sdir/v/<id>/, each with
 * the version switcher and its units' history (doc/site.md, "Versions"). */
static int render_sites(job *j, const library *L, size_t i, const char *sdir,
                        const site_library *lib, const versions_docs *V)
{
	const regulation *v[MANIFEST_MAX_VERSIONS];
	site_options o;
	site_library vl;
	size_t n;
	int rc;
	const regulation *r = &L->regs[i];
	const char *url = site_url_of(j, r);
	int products;
	buf base, vbase;
	memset(&o, 0, sizeof o);
	memset(&vl, 0, sizeof vl);
	buf_init(&base);
	if (url)
		buf_printf(&base, "%s%s%s/site/", url, url[0] && url[strlen(url) - 1] == '/' ? "" : "/",
		           r->m.id);
	o.base_url = url && !base.oom ? base.s : NULL;
	/* in a build, the products page (written after the products) */
	products = lib && builds_products(j, r);
	o.products_href = products ? "products.html" : NULL;
	if (lib)
		vl = *lib;
	if (V) {
		versions_site_options(V, L, i, &L->regs[i], &o);
		vl.docs = V->docs;
		vl.ndocs = V->ndocs;
	}
	rc = site_render_in(L->regs[i].doc, j->templates, sdir, &o, lib || V ? &vl : NULL, &j->d);
	if (rc != 0 || !o.versions) {
		buf_free(&base);
		return rc;
	}
	/* from DIR/<id>/site/v/<version>/PAGE.html to DIR/ */
	if (vl.library && vl.library[0])
		vl.href = "../../../../";
	n = library_versions(L, i, v);
	for (size_t k = 0; k < n && rc == 0 && !diag_interrupted(&j->d); k++) {
		char rel[96], *vdir;
		if (v[k] == &L->regs[i])
			continue;
		snprintf(rel, sizeof rel, "v/%s", regulation_version(v[k])->id);
		vdir = fsio_join(sdir, rel);
		o.version = regulation_version(v[k])->id;
		o.products_href = products ? "../../products.html" : NULL;
		buf_init(&vbase); /* the sitemap of v/<id>/ lists its own pages */
		if (o.base_url)
			buf_printf(&vbase, "%s%s/", base.s, rel);
		o.base_url = o.base_url && !vbase.oom ? vbase.s : NULL;
		rc = vdir && fsout_mkdirs(vdir, &j->d) == 0 ? 0 : -1;
		if (rc == 0)
			rc = site_render_in(v[k]->doc, j->templates, vdir, &o, &vl, &j->d);
		o.base_url = url && !base.oom ? base.s : NULL;
		buf_free(&vbase);
		free(vdir);
	}
	buf_free(&base);
	return rc;
}

int regdoc_site(const regdoc_options *o, const char *dir, const char *outdir)
{
	job j;
	library L;
	versions_docs V;
	xmlDocPtr *hist;
	char *regdir;
	fsout out;
	job_init(&j, o);
	dir = job_corpus(&j, dir);
	if (one_regulation(&j, dir, &regdir) != 0)
		return job_status(&j);
	/* a site on its own: citations of the regulations beside it link to EUR-Lex;
	 * every version of its text (the one chosen at the root) */
	j.want_versions = 1;
	memset(&V, 0, sizeof V);
	if (load_library(&j, regdir, 0, &L) == 0 && (hist = make_histories(&j, &L)) &&
	    versions_docs_build(&V, &L, NULL, 0, hist, &j.d) == 0 &&
	    fsout_begin_dir(&out, outdir, &j.d) == 0) {
		if (render_sites(&j, &L, 0, out.tmp, NULL, V.uri ? &V : NULL) == 0 && !j.d.errors &&
		    !diag_interrupted(&j.d))
			fsout_commit(&out, &j.d);
		fsout_abort(&out);
	}
	versions_docs_free(&V);
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

/* As library_others, for a product assessed on its own (assess, status): the
 * regulations beside its own were linked but not dated (load_library links only the
 * named ones in full); their dates of application go into their graphs first, so that
 * their checklist items say from when they apply, as in regdoc build. */
static assess_regulation *dated_others(job *j, library *L, const regulation *r, size_t *n)
{
	for (size_t i = 0; i < L->n; i++) {
		diag quiet;
		xmlNodePtr root = L->regs[i].doc ? xmlDocGetRootElement(L->regs[i].doc) : NULL;
		int dated = 0;
		for (xmlNodePtr c = root ? root->children : NULL; c && !dated; c = c->next)
			dated = c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "application");
		if (L->named[i] || !root || dated)
			continue;
		diag_init(&quiet, NULL); /* as its linking: a regulation beside is read quietly */
		graph_apply_dates(&L->regs[i], j->datadir, &quiet);
	}
	return library_others(L, r, n);
}

static void free_others(assess_regulation *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free((char *)v[i].rules_dir);
	free(v);
}

/* A product's placing-on-market date must be a date some version of its regulation is
 * in force on: an error in the product's terms (the library would say "--as-of"). */
static void product_date_check(job *j, const char *product, unsigned long line,
                               const char *regdir, const char *date)
{
	manifest m;
	diag quiet;
	char *schema = fsio_join(j->datadir, "templates/schema/manifest.rng");
	if (!manifest_is_date(date)) {
		diag_error(&j->d, product, line,
		           "<placing-on-market date=\"%s\">: not a date; write YYYY-MM-DD (e.g. 2026-09-01)", date);
		free(schema);
		return;
	}
	diag_init(&quiet, NULL);
	memset(&m, 0, sizeof m);
	if (schema && manifest_load(regdir, schema, &m, &quiet) == 0 && m.nversions &&
	    manifest_version_as_of(&m, date, &quiet) < 0)
		diag_error(&j->d, product, line,
		           "<placing-on-market date=\"%s\">: no version of %s is in force on that date; the "
		           "first applies from %s",
		           date, m.id, m.versions[0].applies_from);
	manifest_free(&m);
	free(schema);
}

/* The CELEX, ELI and label of the version r holds, for the assessment's <law>. */
static void law_version(assess_options *ao, const regulation *r)
{
	const manifest_version *v = r ? regulation_version(r) : NULL;
	if (!v)
		return;
	ao->law_celex = v->celex;
	ao->law_eli = v->eli;
	ao->law_label = v->label;
}

/* The version of r a product of regdoc build is assessed under: the job's --as-of
 * (already r), else the one in force on the product's placing-on-market date among the
 * versions the library holds, else r (the latest). Sets ao (zeroed) to say how it was
 * chosen (date is its buffer). NULL with a diagnostic on a date no version covers. */
static const regulation *product_version(job *j, const library *L, const regulation *r,
                                         const char *product, assess_options *ao, char *date,
                                         size_t n)
{
	const regulation *v[MANIFEST_MAX_VERSIONS];
	size_t nv, i = (size_t)(r - L->regs);
	unsigned long line = 0;
	diag quiet;
	long k;
	memset(ao, 0, sizeof *ao);
	if (!r->m.nversions)
		return r;
	if (j->o->as_of) {
		ao->law_chosen_by = "as-of";
		ao->law_date = j->o->as_of;
		return r;
	}
	ao->law_chosen_by = "latest";
	if (assess_product_date(product, NULL, 0, date, n, &line, &j->d) != 0)
		return NULL;
	if (!date[0])
		return r;
	diag_init(&quiet, NULL);
	k = manifest_is_date(date) ? manifest_version_as_of(&r->m, date, &quiet) : -1;
	if (k < 0) {
		diag_error(&j->d, product, line, "<placing-on-market date=\"%s\">: not a date, or no version of %s is in force on it",
		           date, r->m.id);
		return NULL;
	}
	ao->law_chosen_by = "placing-on-market";
	ao->law_date = date;
	nv = library_versions(L, i, v);
	for (size_t x = 0; x < nv; x++) {
		const manifest_version *mv = regulation_version(v[x]);
		if (mv && !strcmp(mv->id, r->m.versions[k].id))
			return v[x];
	}
	return r; /* the library holds one version: the job's */
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

/* What the sites and the home page read of the versions (versions.h: the histories,
 * each version's changes), made on first need: a build that takes every site and the
 * home page over (a product edited) never makes it. */
typedef struct lazy_versions {
	job *j;
	const library *L;
	const xslt_doc *docs; /* the library's own documents (or NULL) */
	size_t nd;
	site_library *lib;    /* NULL, or the library's: its documents become V's */
	versions_docs V;
	int state;            /* 0 not made yet, 1 made, -1 failed (diagnosed) */
} lazy_versions;

static const versions_docs *need_versions(lazy_versions *lv)
{
	if (lv->state == 0) {
		job *j = lv->j;
		xmlDocPtr *hist = make_histories(j, lv->L);
		lv->state = hist && versions_docs_build(&lv->V, lv->L, lv->docs, lv->nd, hist, &j->d) == 0
		                ? 1 : -1;
		if (lv->state == 1 && lv->V.vdoc && j->validate) {
			char *rng = fsio_join(j->datadir, "templates/schema/site-versions.rng");
			if (!rng || xmlsafe_validate(lv->V.vdoc, rng, "versions", &j->d) != 0)
				lv->state = -1;
			free(rng);
		}
		if (lv->state == 1 && lv->lib) {
			lv->lib->docs = lv->V.docs;
			lv->lib->ndocs = lv->V.ndocs;
		}
	}
	return lv->state == 1 ? &lv->V : NULL;
}

/* What build_regulation builds one regulation's groups from. */
typedef struct reg_build {
	regulation *r;
	const library *L;
	const site_library *lib;
	lazy_versions *LV; /* every version's documents (need_versions) */
} reg_build;

/* Group ID/name of b->r at dest: taken over from the previous output when its key is
 * unchanged (its inputs: the usual ones and inputs[0..n), build/cache.h), else built
 * by make. 0, or -1 when building it failed. */
static int cached_in(job *j, const reg_build *b, const char *name, bcache_kind kind,
                     const char *dest, const char *const *inputs, size_t n,
                     int (*make)(job *, const reg_build *, const char *))
{
	char *group = cache_group(b->r->m.id, name, NULL);
	int rc = 0;
	if (!group || bcache_take_inputs(j->bc, group, kind, inputs, n, dest) == 0)
		rc = kept(j, group ? group : "", dest, make(j, b, dest));
	free(group);
	return rc;
}

static int cached(job *j, const reg_build *b, const char *name, bcache_kind kind,
                  const char *dest, int (*make)(job *, const reg_build *, const char *))
{
	return cached_in(j, b, name, kind, dest, NULL, 0, make);
}

static int make_graph(job *j, const reg_build *b, const char *dest)
{
	return graph_write(b->r->doc, dest, &j->d);
}

/* Every version's site: the chosen one at dest, the others under dest/v/ (one group). */
static int make_sites(job *j, const reg_build *b, const char *dest)
{
	const versions_docs *V = need_versions(b->LV);
	return V ? render_sites(j, b->L, (size_t)(b->r - b->L->regs), dest, b->lib, V->uri ? V : NULL)
	         : -1;
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
		if (n <= 4 || strcmp(names.v[i] + n - 4, ".xml") != 0 ||
		    answers_is_answers_file(names.v[i]))
			continue; /* PRODUCT.answers.xml: merged into its product's assessment */
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
			buf sb, lb;
			buf_init(&sb);
			buf_init(&lb);
			char date[16];
			const regulation *rv;
			memset(&ao, 0, sizeof ao);
			rv = product ? product_version(j, L, r, product, &ao, date, sizeof date) : NULL;
			ao.others = library_others(L, r, &ao.nothers);
			ao.cache = j->cache;
			product_links(&ao, site_url_of(j, r), r->m.id, 1, &sb, &lb);
			char *group = stem ? cache_group(r->m.id, "products/", stem) : NULL;
			char *answers = product ? answers_path_for(product) : NULL;
			const char *inputs[2] = {product, answers};
			if (rv)
				law_version(&ao, rv);
			if (!stem || !product || !outp || !rv || !group || !answers)
				rc = -1;
			else if (bcache_take_inputs(j->bc, group, BCACHE_RENDER, inputs, 2, outp) == 0 &&
			         kept(j, group, outp,
			              assess_product_opts(rv->doc, product, rules, j->templates, outp, &ao,
			                                  &j->d) != 0 || product_pdfs(j, outp) != 0 ? -1 : 0) != 0)
				rc = -1;
			free(group);
			free(answers);
			free_others((assess_regulation *)ao.others, ao.nothers);
			buf_free(&sb);
			buf_free(&lb);
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

/* r's history (made once for the run, make_histories: the sites read it too). */
static int write_history(job *j, const reg_build *b, const char *dest)
{
	size_t i = (size_t)(b->r - b->L->regs);
	const versions_docs *V = need_versions(b->LV);
	xmlDocPtr h = V && V->uri && i < V->nhistory ? V->history[i] : NULL;
	return h ? graph_write(h, dest, &j->d) : -1;
}

/* site/products.html: the products of the build, in the site's look; the group
 * ID/site/products.html of the cache, its inputs every file of r's products/ folder (the
 * product descriptions and their answers). */
static int products_page(job *j, regulation *r, const char *dir, const site_library *lib)
{
	char *pdir = fsio_join(dir, "products");
	char *sdir = fsio_join(dir, "site");
	char *page = sdir ? fsio_join(sdir, "products.html") : NULL;
	char *group = cache_group(r->m.id, "site/products.html", NULL);
	char *src = fsio_join(r->dir, "products");
	fsio_names names = {NULL, 0};
	const char **inputs = NULL;
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
	if (rc == 0 && bcache_take_inputs(j->bc, group, BCACHE_RENDER, inputs, names.n, page) == 0)
		rc = kept(j, group, page,
		          site_products_page(r->m.id, r->m.short_title, pdir, j->templates, page, lib,
		                             &j->d));
	free(inputs);
	fsio_names_free(&names);
	free(group);
	free(src);
	free(pdir);
	free(sdir);
	free(page);
	return rc;
}

/* The other versions' graphs (write_versions): the group ID/versions of the cache;
 * and their history beside them, the group ID/history.xml. */
static int cached_versions(job *j, const reg_build *b, const char *dir)
{
	const regulation *v[MANIFEST_MAX_VERSIONS];
	regulation *r = b->r;
	char *group, *vdir, *hpath;
	int rc = 0;
	if (library_versions(b->L, (size_t)(r - b->L->regs), v) < 2)
		return write_versions(j, r, dir, b->L); /* none to write */
	group = cache_group(r->m.id, "versions", NULL);
	vdir = fsio_join(dir, "versions");
	if (!group || !vdir || bcache_take(j->bc, group, BCACHE_GRAPH, NULL, vdir) == 0)
		rc = kept(j, group ? group : "", vdir ? vdir : dir, write_versions(j, r, dir, b->L));
	hpath = fsio_join(dir, "history.xml");
	if (rc == 0)
		rc = hpath ? cached(j, b, "history.xml", BCACHE_GRAPH, hpath, write_history) : -1;
	free(hpath);
	free(group);
	free(vdir);
	return rc;
}

/* One regulation into outdir/<id>/ (built in a temporary folder, *out). */
/* One regulation into outdir/<id>/ (built in a temporary folder, *out); its warnings
 * and time added to *rep. */
static int build_regulation(job *j, regulation *r, const char *outdir, fsout *out,
                            const site_library *lib, const library *L, lazy_versions *LV,
                            regdoc_build_report *rep)
{
	int rc = -1;
	size_t warnings = j->d.warnings;
	double t0 = report_now();
	char *target = fsio_join(outdir, r->m.id);
	if (target && fsout_begin_dir(out, target, &j->d) == 0) {
		char *gpath = fsio_join(out->tmp, "graph.xml");
		char *sdir = fsio_join(out->tmp, "site");
		unsigned st = j->o->stages ? j->o->stages : REGDOC_STAGE_SITE | REGDOC_STAGE_PRODUCTS;
		reg_build b = {r, L, lib, LV};
		/* the site links to the products page when r has a products/ folder: the
		 * folder is among its inputs (one there or not, build/cache.h) */
		char *pdir = fsio_join(r->dir, "products");
		const char *inputs[1] = {pdir};
		if (pdir && gpath && sdir && cached(j, &b, "graph.xml", BCACHE_GRAPH, gpath, make_graph) == 0 &&
		    cached_versions(j, &b, out->tmp) == 0 &&
		    (!(st & REGDOC_STAGE_SITE) ||
		     (fsout_mkdirs(sdir, &j->d) == 0 && !diag_interrupted(&j->d) &&
		      cached_in(j, &b, "site", BCACHE_RENDER, sdir, inputs, pdir ? 1 : 0, make_sites) == 0)) &&
		    !diag_interrupted(&j->d) &&
		    (!(st & REGDOC_STAGE_PRODUCTS) || render_products(j, r, out->tmp, L) == 0) &&
		    (!(st & REGDOC_STAGE_SITE) || !(st & REGDOC_STAGE_PRODUCTS) || !lib ||
		     !builds_products(j, r) || products_page(j, r, out->tmp, lib) == 0))
			rc = 0;
		free(pdir);
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
static int render_home(job *j, xmlDocPtr links, const site_library *lib, lazy_versions *LV,
                       const char *path)
{
	const versions_docs *V = need_versions(LV);
	return V ? site_render_library_versions(links, j->templates, path, lib, V->uri, &j->d) : -1;
}

static int build_library_files(job *j, xmlDocPtr links, const site_library *lib,
                               lazy_versions *LV, const char *outdir, fsout *lout,
                               fsout *hout)
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
	       kept(j, "index.html", hout->tmp, render_home(j, links, lib, LV, hout->tmp)) == 0))))
		rc = 0;
	free(lpath);
	free(hpath);
	return rc;
}

/* " ai-act cra ": the named regulations of L whose products page the build writes. */
static const char *products_ids(const job *j, const library *L, buf *b)
{
	buf_putc(b, ' ');
	for (size_t i = 0; i < L->n; i++)
		if (L->named[i] && builds_products(j, &L->regs[i]))
			buf_printf(b, "%s ", L->regs[i].m.id);
	return b->oom ? NULL : b->s;
}

/* The build cache of outdir (build/cache.h), keyed on the regulation folders a build
 * of dir reads (load_library's: dir's regulations, and for one regulation the ones
 * beside it), the data and templates folders and the options; NULL when there is none. */
static bcache *open_cache(job *j, const char *dir, const char *outdir, int whole)
{
	bcache *c = bcache_open(outdir, !j->o->no_cache);
	fsio_names named = {NULL, 0}, beside = {NULL, 0};
	const char **dirs = NULL;
	char run[96], *parent = whole ? NULL : parent_dir(dir);
	buf mode;
	size_t n = 0;
	diag quiet;
	diag_init(&quiet, NULL);
	buf_init(&mode);
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
	/* the version --as-of picks is the one in graph.xml and the sites; --site-url is in
	 * the sitemaps and the product documents' links, --pdf adds files */
	buf_printf(&mode, "%s as-of=%s pdf=%d site-url=%s", whole ? "library" : "alone",
	           j->o->as_of ? j->o->as_of : "latest", j->o->pdf,
	           j->o->site_url ? j->o->site_url : "");
	if (!dirs || mode.oom ||
	    bcache_inputs(c, dirs, n, j->datadir, j->templates, mode.s, run) != 0) {
		bcache_free(c);
		c = NULL;
	}
	free(dirs);
	free(parent);
	buf_free(&mode);
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
	lazy_versions LV;
	regdoc_build_report *reps = NULL;
	buf prods;
	int ok = 1, whole, replayed, reloaded = 0;
	size_t nd = 0;
	double t0 = report_now();
	job_init(&j, o);
	buf_init(&prods);
	memset(&lout, 0, sizeof lout);
	memset(&hout, 0, sizeof hout);
	corpus_dir = job_corpus(&j, corpus_dir);
	j.want_versions = 1; /* their graphs: versions/<version id>/graph.xml */
	/* a folder of regulations is one library: one site, links.xml; a regulation
	 * folder is built alone (its citations of the others link to EUR-Lex) */
	whole = !has_manifest(corpus_dir);
	j.bc = open_cache(&j, corpus_dir, outdir, whole);
	library_init(&L);
	if ((replayed = bcache_replay(j.bc, &j.d)) != 0 ||
	    (!(reloaded = reload_library(&j, corpus_dir, &L) == 0) &&
	     load_library(&j, corpus_dir, 0, &L) != 0)) {
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
			slib.products = products_ids(&j, &L, &prods);
			lib = &slib;
		}
	}
	/* Build every regulation into a temporary folder first (all of them, so every
	 * error is reported); replace the previous output only when all succeeded. The
	 * products share their stylesheets, schemas, rules and graph indexes. */
	/* every version of each regulation, its changes, and what the sites read of them */
	memset(&LV, 0, sizeof LV);
	LV.j = &j;
	LV.L = &L;
	LV.docs = docs;
	LV.nd = nd;
	LV.lib = lib;
	/* made now, unless the graphs were read back: then on first need (the sites and
	 * the home page are usually taken over); a build that reads its pages reports
	 * the histories' problems before it writes anything */
	if (ok && !reloaded && !need_versions(&LV))
		ok = 0;
	if (ok) {
		outs = calloc(L.n, sizeof *outs);
		j.cache = assess_cache_new(); /* NULL (no memory): each product loads its own */
	}
	for (size_t i = 0; outs && i < L.n && !diag_interrupted(&j.d); i++)
		if (L.named[i] && build_regulation(&j, &L.regs[i], outdir, &outs[i], lib, &L, &LV,
		                                  &reps[i]) != 0)
			ok = 0;
	if (!outs || (whole && ok && build_library_files(&j, links, lib, &LV, outdir, &lout, &hout) != 0))
		ok = 0;
	/* The last look at the interrupt flag: once the first swap is made, all are. */
	if (diag_interrupted(&j.d) || j.d.errors)
		ok = 0;
	/* what a writer filled in or put beside the product documents is never deleted
	 * (build/written.h); checked under the output's lock, before the first swap */
	if (ok && written_by_writer(outdir, &j.d) != 0)
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
	else if (ok)
		bcache_quiet(j.bc); /* the next build may read its graphs back */
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
	versions_docs_free(&LV.V);
	free(docs);
	free(uris);
	assess_cache_free(j.cache);
	buf_free(&prods);
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

/* "DIR, version ID (LABEL)": one side of a comparison of versions. */
static char *version_side(const char *dir, const manifest_version *mv)
{
	size_t n = strlen(dir) + strlen(mv->id) + (mv->label ? strlen(mv->label) : 0) + 32;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%s, version %s%s%s%s", dir, mv->id, mv->label ? " (" : "",
		         mv->label ? mv->label : "", mv->label ? ")" : "");
	return s;
}

/* regs[i] at the version the job chose (--as-of) against the one before it, or the one
 * in force on --from: its text, products and the amendments between them
 * (diff_amendments). 1 compared, 0 nothing to compare (one version), -1 errors. */
static int diff_one_versions(job *j, library *L, size_t i, xmlDocPtr doc, char **old_label,
                             char **new_label)
{
	const regulation *v[MANIFEST_MAX_VERSIONS];
	regulation *r = &L->regs[i];
	size_t n = library_versions(L, i, v), kn = r->m.current;
	long ko;
	xmlDocPtr h, *graphs;
	diff_side so, sn;
	int rc = -1;
	if (n < 2)
		return 0;
	if (j->o->from) {
		ko = manifest_version_as_of(&r->m, j->o->from, &j->d);
		if (ko >= 0 && (size_t)ko >= kn) {
			diag_error(&j->d, r->m.path, 0,
			           "--from %s: %s is at version %s then, not before the version compared "
			           "with it (%s; --as-of picks that one)",
			           j->o->from, r->m.id, r->m.versions[ko].id, r->m.versions[kn].id);
			ko = -1;
		}
	} else if (kn == 0) {
		diag_error(&j->d, r->m.path, 0,
		           "%s: version %s is its first; no version before it to compare with "
		           "(--as-of DATE picks a later one; its versions apply from %s on)",
		           r->m.id, r->m.versions[0].id, r->m.versions[0].applies_from);
		ko = -1;
	} else {
		ko = (long)kn - 1;
	}
	if (ko < 0 || (size_t)ko >= n)
		return -1;
	h = make_history(j, L, i);
	graphs = calloc(L->n + 1, sizeof *graphs);
	if (!h || !graphs) {
		if (!j->d.errors)
			diag_sys(&j->d, r->dir, "cannot compare", ENOMEM);
		goto done;
	}
	for (size_t k = 0; k < L->n; k++)
		graphs[k] = L->regs[k].doc;
	memset(&so, 0, sizeof so);
	memset(&sn, 0, sizeof sn);
	so.dir = sn.dir = r->dir;
	so.graph = v[ko]->doc;
	sn.graph = r->doc;
	so.others = sn.others = library_others(L, r, &so.nothers);
	sn.nothers = so.nothers;
	free(*old_label);
	free(*new_label);
	*old_label = version_side(r->dir, &r->m.versions[ko]);
	*new_label = version_side(r->dir, &r->m.versions[kn]);
	if (diff_regulation(doc, &so, &sn, j->templates, &j->d) == 0 &&
	    diff_amendments(doc, h, r->m.versions[ko].id, r->m.versions[kn].id, r->doc,
	                    (const xmlDocPtr *)graphs, L->n, &j->d) == 0) {
		xmlNodePtr reg = xmlGetLastChild(xmlDocGetRootElement(doc));
		if (reg && *old_label && *new_label) {
			xmlSetProp(reg, (const xmlChar *)"old", (const xmlChar *)*old_label);
			xmlSetProp(reg, (const xmlChar *)"new", (const xmlChar *)*new_label);
			xmlSetProp(reg, (const xmlChar *)"old-version", (const xmlChar *)r->m.versions[ko].id);
			xmlSetProp(reg, (const xmlChar *)"new-version", (const xmlChar *)r->m.versions[kn].id);
			rc = 1;
		} else {
			diag_sys(&j->d, r->dir, "cannot compare", ENOMEM);
		}
	}
	free_others((assess_regulation *)so.others, so.nothers);
done:
	free(graphs);
	if (h)
		xmlFreeDoc(h);
	return rc;
}

/* `regdoc diff DIR`: every named regulation of L with several versions. */
static xmlDocPtr diff_versions(job *j, library *L, const char *dir)
{
	xmlDocPtr doc = diff_new(dir, dir, "regdoc " REGDOC_VERSION);
	char *ol = NULL, *nl = NULL;
	size_t compared = 0;
	if (!doc) {
		diag_sys(&j->d, dir, "cannot compare", ENOMEM);
		return NULL;
	}
	for (size_t i = 0; i < L->n && !j->d.errors && !diag_interrupted(&j->d); i++) {
		int rc = L->named[i] ? diff_one_versions(j, L, i, doc, &ol, &nl) : 0;
		compared += rc > 0;
	}
	if (!compared && !j->d.errors && !diag_interrupted(&j->d))
		diag_error(&j->d, dir, 0,
		           "no regulation here has several versions to compare (manifest <versions>, "
		           "doc/manifest.md); to compare two folders: regdoc diff OLD NEW");
	if (compared == 1 && ol && nl) {
		/* one regulation: the report's first line names its two versions */
		xmlSetProp(xmlDocGetRootElement(doc), (const xmlChar *)"old", (const xmlChar *)ol);
		xmlSetProp(xmlDocGetRootElement(doc), (const xmlChar *)"new", (const xmlChar *)nl);
	}
	free(ol);
	free(nl);
	if (j->d.errors || diag_interrupted(&j->d)) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
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
	if (!new_dir) {
		/* one folder: the versions of each regulation in it */
		j.want_versions = 1;
		if (load_library(&j, old_dir, 1, &Ln) != 0 || !(doc = diff_versions(&j, &Ln, old_dir)))
			goto done;
		goto render;
	}
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
render:
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

int regdoc_import(const regdoc_options *o, const char *filled, const char *answers_path,
                  FILE *out)
{
	job j;
	char *rng;
	job_init(&j, o);
	rng = fsio_join(j.templates, "schema/answers.rng");
	if (!rng)
		diag_sys(&j.d, filled, "cannot import", ENOMEM);
	else
		import_answers(filled, answers_path, rng, out, &j.d);
	free(rng);
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

/* The product's text (*text, *len; "-": standard input) and the regulation it belongs
 * to: regdir if given; else the folder above the product's products/ folder; else the
 * regulation the product names, in the default corpus (as regdoc new finds it). NULL
 * after a diagnostic; *guess (free it) holds a folder found. */
static const char *product_regulation(job *j, const char *product, const char *name,
                                      const char *regdir, char **text, size_t *len,
                                      char **guess)
{
	char *reg;
	*guess = NULL;
	if (!strcmp(product, "-") ? fsio_read_stream(stdin, XMLSAFE_MAX_BYTES, text, len, name, &j->d)
	                          : fsio_read_file(product, XMLSAFE_MAX_BYTES, text, len, &j->d))
		return NULL; /* unreadable or missing: an I/O error (exit status 3) */
	if (!regdir && strcmp(product, "-") != 0)
		regdir = *guess = products_parent(product);
	if (regdir)
		return regdir;
	reg = named_regulation(*text, *len, name, &j->d);
	if (j->d.errors)
		return NULL;
	if (!reg) {
		diag_error(&j->d, name, 1,
		           "which regulation? the product names none (<product regulation=\"ID\">) and "
		           "is not in a <regulation>/products/ folder; name it with --regulation DIR");
	} else {
		*guess = fsio_join(job_corpus(j, NULL), reg);
		if (!*guess)
			diag_sys(&j->d, name, "cannot allocate", ENOMEM);
		else if (!has_manifest(*guess))
			diag_error(&j->d, name, 1,
			           "the product names regulation \"%s\", which is not in the corpus (%s); "
			           "name its folder with --regulation DIR", reg, job_corpus(j, NULL));
		regdir = *guess;
	}
	free(reg);
	return j->d.errors || j->d.sys_error ? NULL : regdir;
}

/* "To review" (regdoc status): the graphs of every version of the library's
 * regulations, and for the two compared the elements by id. */
typedef struct review {
	const library *L;
	char reg[128], since[128]; /* the pair the tables below are for ("" none) */
	xmlHashTablePtr old_ids, cur_ids;
} review;

static void index_ids(xmlNodePtr n, xmlHashTablePtr h)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
		xmlChar *id;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!strcmp((const char *)c->name, "edges"))
			continue;
		id = xmlGetProp(c, (const xmlChar *)"id");
		if (id) {
			xmlHashAddEntry(h, id, c);
			xmlFree(id);
		}
		index_ids(c, h);
	}
}

static void review_reset(review *rv)
{
	if (rv->old_ids)
		xmlHashFree(rv->old_ids, NULL);
	if (rv->cur_ids)
		xmlHashFree(rv->cur_ids, NULL);
	rv->old_ids = rv->cur_ids = NULL;
	rv->reg[0] = rv->since[0] = '\0';
}

/* The graph of version `version` of regulation reg in L, or NULL. */
static xmlDocPtr version_graph(const library *L, const char *reg, const char *version)
{
	for (size_t i = 0; i < L->n; i++) {
		const regulation *v[MANIFEST_MAX_VERSIONS];
		size_t n;
		if (strcmp(L->regs[i].m.id, reg) != 0)
			continue;
		n = library_versions(L, i, v);
		for (size_t k = 0; k < n; k++) {
			xmlChar *id = xmlGetProp(xmlDocGetRootElement(v[k]->doc), (const xmlChar *)"version");
			int same = id && !strcmp((const char *)id, version);
			xmlFree(id);
			if (same)
				return v[k]->doc;
		}
	}
	return NULL;
}

/* 1 when the text of ref (with everything inside it) differs between the version of
 * reg the answers were written against (since) and the one in use, or ref was not in
 * it; 0 when the same, or either version is unknown (a regulation without versions). */
static int changed_since(void *arg, const char *reg, const char *since, const char *ref)
{
	review *rv = arg;
	xmlNodePtr a, b;
	xmlChar *ta, *tb;
	int changed;
	if (strcmp(rv->reg, reg) != 0 || strcmp(rv->since, since) != 0) {
		xmlDocPtr old = version_graph(rv->L, reg, since), cur = NULL;
		review_reset(rv);
		for (size_t i = 0; i < rv->L->n; i++)
			if (!strcmp(rv->L->regs[i].m.id, reg))
				cur = rv->L->regs[i].doc;
		snprintf(rv->reg, sizeof rv->reg, "%s", reg);
		snprintf(rv->since, sizeof rv->since, "%s", since);
		if (!old || !cur || old == cur)
			return 0;
		rv->old_ids = xmlHashCreate(4096);
		rv->cur_ids = xmlHashCreate(4096);
		if (!rv->old_ids || !rv->cur_ids) {
			review_reset(rv);
			return 0;
		}
		index_ids(xmlDocGetRootElement(old), rv->old_ids);
		index_ids(xmlDocGetRootElement(cur), rv->cur_ids);
	}
	if (!rv->old_ids)
		return 0;
	a = xmlHashLookup(rv->old_ids, (const xmlChar *)ref);
	b = xmlHashLookup(rv->cur_ids, (const xmlChar *)ref);
	if (!b)
		return 0;
	if (!a)
		return 1;
	ta = xmlNodeGetContent(a);
	tb = xmlNodeGetContent(b);
	changed = !ta || !tb || !xmlStrEqual(ta, tb);
	xmlFree(ta);
	xmlFree(tb);
	return changed;
}

int regdoc_status(const regdoc_options *o, const char *product, const char *regdir, FILE *out)
{
	job j;
	library L;
	char *guess = NULL, *text = NULL;
	const char *name = !strcmp(product, "-") ? "stdin" : product;
	size_t len = 0;
	int complete = 0;
	review rv;
	job_init(&j, o);
	library_init(&L);
	memset(&rv, 0, sizeof rv);
	rv.L = &L;
	j.want_versions = 1; /* to compare the version the answers were written against */
	if (!(regdir = product_regulation(&j, product, name, regdir, &text, &len, &guess))) {
		free(guess);
		free(text);
		return job_status(&j);
	}
	if (load_library(&j, regdir, 1, &L) == 0) {
		char *rules = fsio_join(regdir, "rules");
		regulation *r = NULL;
		assess_options ao;
		xmlDocPtr doc = NULL;
		for (size_t i = 0; i < L.n; i++)
			if (L.named[i])
				r = &L.regs[i];
		memset(&ao, 0, sizeof ao);
		ao.others = dated_others(&j, &L, r, &ao.nothers);
		ao.answers = j.o->answers;
		ao.product_text = text;
		ao.product_len = len;
		if (rules && r)
			doc = assess_product_doc(r->doc, name, rules, j.templates, &ao, &j.d);
		if (doc && !j.d.errors) {
			status_counts c;
			status_report(doc, changed_since, &rv, out, &c);
			review_reset(&rv);
			complete = status_complete(&c);
		}
		if (doc)
			xmlFreeDoc(doc);
		free_others((assess_regulation *)ao.others, ao.nothers);
		free(rules);
	}
	library_free(&L);
	free(guess);
	free(text);
	{
		int st = job_status(&j);
		return st != REGDOC_EXIT_OK ? st : complete ? REGDOC_EXIT_OK : REGDOC_EXIT_INPUT;
	}
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
	regdoc_options dated;
	char date[16];
	unsigned long dline = 0;
	const char *chosen_by = "latest";
	job_init(&j, o);
	library_init(&L);
	if (!(regdir = product_regulation(&j, product, name, regdir, &text, &len, &guess))) {
		free(guess);
		free(text);
		return job_status(&j);
	}
	/* the version of the law: --as-of, else the one in force on the product's
	 * placing-on-market date, else the latest (doc/product.md, "Which version of the law") */
	if (!o->as_of && assess_product_date(name, text, len, date, sizeof date, &dline, &j.d) == 0 &&
	    date[0]) {
		dated = *o;
		dated.as_of = date;
		j.o = &dated;
		chosen_by = "placing-on-market";
		product_date_check(&j, name, dline, regdir, date);
	} else if (o->as_of) {
		chosen_by = "as-of";
	}
	/* the product's regulation, linked with the regulations beside it: a product may be
	 * assessed under several (a <combine> in its rules) */
	if (!j.d.errors && load_library(&j, regdir, 1, &L) == 0 &&
	    fsout_begin_dir(&out, outdir, &j.d) == 0) {
		char *rules = fsio_join(regdir, "rules");
		regulation *r = NULL;
		assess_options ao;
		for (size_t i = 0; i < L.n; i++)
			if (L.named[i])
				r = &L.regs[i];
		memset(&ao, 0, sizeof ao);
		buf sb, lb;
		buf_init(&sb);
		buf_init(&lb);
		ao.others = dated_others(&j, &L, r, &ao.nothers);
		ao.answers = j.o->answers;
		ao.law_chosen_by = chosen_by;
		ao.law_date = j.o->as_of;
		law_version(&ao, r);
		ao.product_text = text;
		ao.product_len = len;
		/* a product assessed on its own is read where no site is: EUR-Lex links, unless
		 * the site's URL is known */
		if (r)
			product_links(&ao, site_url_of(&j, r), r->m.id, 0, &sb, &lb);
		if (rules && r &&
		    assess_product_opts(r->doc, name, rules, j.templates, out.tmp, &ao, &j.d) == 0 &&
		    product_pdfs(&j, out.tmp) == 0 && !j.d.errors && !diag_interrupted(&j.d))
			fsout_commit(&out, &j.d);
		buf_free(&sb);
		buf_free(&lb);
		fsout_abort(&out);
		free_others((assess_regulation *)ao.others, ao.nothers);
		free(rules);
	}
	library_free(&L);
	free(guess);
	free(text);
	return job_status(&j);
}
