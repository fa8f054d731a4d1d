/*
 * job_build.c - regdoc build and regdoc site: each regulation's graph, sites and
 * products, taken over from the previous output where unchanged.
 */
#include "job.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assess/answers.h"
#include "build/written.h"
#include "graph/graph.h"
#include "render/products.h"
#include "render/site.h"
#include "render/xslt.h"
#include "report.h"
#include "util/fsout.h"
#include "util/text.h"
#include "versions.h"

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
	const char *url = job_site_url_of(j, r);
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
	products = lib && job_builds_products(j, r);
	o.products_href = products ? "products.html" : NULL;
	if (lib)
		vl = *lib;
	if (V) {
		versions_site_options(V, L, i, &L->regs[i], &o);
		vl.docs = V->docs;
		vl.ndocs = V->ndocs;
	}
	rc = site_render_in(L->regs[i].doc, j->templates, sdir, &o, lib || V ? &vl : NULL, &j->d);
	if (rc != 0 || !o.version) {
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
	if (job_one_regulation(&j, dir, &regdir) != 0)
		return job_status(&j);
	/* a site on its own: citations of the regulations beside it link to EUR-Lex;
	 * every version of its text (the one chosen at the root) */
	j.want_versions = 1;
	memset(&V, 0, sizeof V);
	if (job_load_library(&j, regdir, 0, &L) == 0 && (hist = job_make_histories(&j, &L)) &&
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

/* rc of building dest; when 0, the cache records what is there as group: to be taken
 * over by the next build when no warning was reported since there were `warned`; else
 * made again by it, which says the warning again: a rebuild reports what a cold build
 * does, and -W fails both (doc/cache.md, "What a rebuild says"). */
static int kept(job *j, const char *group, const char *dest, size_t warned, int rc)
{
	return job_cache_kept(j, group, dest, j->d.warnings != warned, rc);
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
		xmlDocPtr *hist = job_need_versions(j) == 0 ? job_make_histories(j, lv->L) : NULL;
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
	char *group = job_cache_group(b->r->m.id, name, NULL);
	int rc = 0;
	if (!group || bcache_take_inputs(j->bc, group, kind, inputs, n, dest) == 0) {
		size_t warned = j->d.warnings;
		rc = kept(j, group ? group : "", dest, warned, make(j, b, dest));
	}
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

/* The graphs of r's other versions into dir/versions/<version id>/graph.xml. */
static int write_versions(job *j, const regulation *r, const char *dir, const library *L)
{
	const regulation *v[MANIFEST_MAX_VERSIONS];
	size_t n = job_need_versions(j) == 0 ? library_versions(L, (size_t)(r - L->regs), v) : 0;
	int rc = n ? 0 : -1;
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

/* r's history (made once for the run, job_make_histories: the sites read it too). */
static int write_history(job *j, const reg_build *b, const char *dest)
{
	size_t i = (size_t)(b->r - b->L->regs);
	const versions_docs *V = need_versions(b->LV);
	xmlDocPtr h = V && V->uri && i < V->nhistory ? V->history[i] : NULL;
	return h ? graph_write(h, dest, &j->d) : -1;
}

/* The other versions' graphs (write_versions): the group ID/versions of the cache;
 * and their history beside them, the group ID/history.xml. */
static int cached_versions(job *j, const reg_build *b, const char *dir)
{
	regulation *r = b->r;
	char *group, *vdir, *hpath;
	int rc = 0;
	if (r->m.nversions < 2) /* its manifest's: the graphs may not be read back yet */
		return 0; /* no other version to write */
	group = job_cache_group(r->m.id, "versions", NULL);
	vdir = fsio_join(dir, "versions");
	if (!group || !vdir || bcache_take(j->bc, group, BCACHE_GRAPH, NULL, vdir) == 0) {
		size_t warned = j->d.warnings;
		rc = kept(j, group ? group : "", vdir ? vdir : dir, warned,
		          write_versions(j, r, dir, b->L));
	}
	hpath = fsio_join(dir, "history.xml");
	if (rc == 0)
		rc = hpath ? cached(j, b, "history.xml", BCACHE_GRAPH, hpath, write_history) : -1;
	free(hpath);
	free(group);
	free(vdir);
	return rc;
}

static unsigned build_stages(const job *j)
{
	return j->o->stages ? j->o->stages : REGDOC_STAGE_SITE | REGDOC_STAGE_PRODUCTS;
}

/* The graph, the other versions' graphs and the site of r into out->tmp (begun by
 * fsout_begin_dir); its warnings and time added to *rep. Its products are rendered
 * beside it (job_products.c), its products page after them (products_page). */
static int build_regulation(job *j, regulation *r, fsout *out, const site_library *lib,
                            const library *L, lazy_versions *LV, regdoc_build_report *rep)
{
	int rc = -1;
	size_t warnings = j->d.warnings;
	double t0 = report_now();
	char *gpath = fsio_join(out->tmp, "graph.xml");
	char *sdir = fsio_join(out->tmp, "site");
	unsigned st = build_stages(j);
	reg_build b = {r, L, lib, LV};
	/* the site links to the products page when r has a products/ folder: the folder is
	 * among its inputs (one there or not, build/cache.h) */
	char *pdir = fsio_join(r->dir, "products");
	const char *inputs[1] = {pdir};
	if (pdir && gpath && sdir && cached(j, &b, "graph.xml", BCACHE_GRAPH, gpath, make_graph) == 0 &&
	    cached_versions(j, &b, out->tmp) == 0 &&
	    (!(st & REGDOC_STAGE_SITE) ||
	     (fsout_mkdirs(sdir, &j->d) == 0 && !diag_interrupted(&j->d) &&
	      cached_in(j, &b, "site", BCACHE_RENDER, sdir, inputs, pdir ? 1 : 0, make_sites) == 0)) &&
	    !diag_interrupted(&j->d))
		rc = 0;
	free(pdir);
	free(gpath);
	free(sdir);
	rep->warnings += j->d.warnings - warnings;
	rep->seconds += report_now() - t0;
	return j->d.errors ? -1 : rc;
}

/* site/products.html of r, once its products are in out->tmp: a library's build of
 * both stages. */
static int products_page(job *j, regulation *r, fsout *out, const site_library *lib,
                         regdoc_build_report *rep)
{
	size_t warnings = j->d.warnings;
	double t0 = report_now();
	int rc = 0;
	if (build_stages(j) == (REGDOC_STAGE_SITE | REGDOC_STAGE_PRODUCTS) && lib &&
	    job_builds_products(j, r))
		rc = job_products_page(j, r, out->tmp, lib);
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
	size_t warned = j->d.warnings; /* links.xml is written without a warning */
	int rc = -1;
	if (lpath && hpath && fsout_begin_file(lout, lpath, &j->d) == 0 &&
	    (bcache_take(j->bc, "links.xml", BCACHE_GRAPH, NULL, lout->tmp) ||
	     kept(j, "links.xml", lout->tmp, warned, graph_write(links, lout->tmp, &j->d)) == 0) &&
	    !diag_interrupted(&j->d) &&
	    ((j->o->stages && !(j->o->stages & REGDOC_STAGE_SITE)) || /* no home page */
	     (fsout_begin_file(hout, hpath, &j->d) == 0 &&
	      (bcache_take(j->bc, "index.html", BCACHE_RENDER, NULL, hout->tmp) ||
	       kept(j, "index.html", hout->tmp, warned,
	            render_home(j, links, lib, LV, hout->tmp)) == 0))))
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
		if (L->named[i] && job_builds_products(j, &L->regs[i]))
			buf_printf(b, "%s ", L->regs[i].m.id);
	return b->oom ? NULL : b->s;
}

/* The build cache of outdir (build/cache.h), keyed on the regulation folders a build
 * of dir reads (job_load_library's: dir's regulations, and for one regulation the ones
 * beside it), the data and templates folders and the options; NULL when there is none. */
static bcache *open_cache(job *j, const char *dir, const char *outdir, int whole)
{
	bcache *c = bcache_open(outdir, !j->o->no_cache);
	fsio_names named = {NULL, 0}, beside = {NULL, 0};
	const char **dirs = NULL;
	char run[96], *parent = whole ? NULL : job_parent_dir(dir);
	buf mode;
	size_t n = 0;
	diag quiet;
	diag_init(&quiet, NULL);
	buf_init(&mode);
	if (c && job_find_regulations(dir, &named, &quiet) == 0 &&
	    (!parent || job_find_regulations(parent, &beside, &quiet) == 0 || !beside.n))
		dirs = calloc(named.n + beside.n + 1, sizeof *dirs);
	for (size_t i = 0; dirs && i < named.n; i++)
		dirs[n++] = named.v[i];
	for (size_t i = 0; dirs && i < beside.n; i++)
		if (!job_same_dir(beside.v[i], dir))
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
	job_products *pj = NULL;
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
	whole = !job_has_manifest(corpus_dir);
	j.bc = open_cache(&j, corpus_dir, outdir, whole);
	library_init(&L);
	if ((replayed = bcache_replay(j.bc, &j.d)) != 0 ||
	    (!(reloaded = job_reload_library(&j, corpus_dir, &L) == 0) &&
	     job_load_library(&j, corpus_dir, 0, &L) != 0)) {
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
		if (!(pj = job_products_new(&j, &L)))
			ok = 0;
	}
	/* Each regulation's temporary folder, and the products of each that cannot be taken
	 * over: worker processes render them while this one builds the graphs and sites,
	 * then takes its share (util/workers.h); the products pages wait for them all. */
	for (size_t i = 0; outs && pj && i < L.n && !diag_interrupted(&j.d); i++) {
		char *target = L.named[i] ? fsio_join(outdir, L.regs[i].m.id) : NULL;
		if (L.named[i] && (!target || fsout_begin_dir(&outs[i], target, &j.d) != 0 ||
		                   ((build_stages(&j) & REGDOC_STAGE_PRODUCTS) &&
		                    job_products_add(pj, i, outs[i].tmp) != 0)))
			ok = 0;
		free(target);
	}
	if (ok && job_products_start(pj, o->jobs) != 0)
		ok = 0;
	for (size_t i = 0; outs && pj && i < L.n && !diag_interrupted(&j.d); i++)
		if (L.named[i] && outs[i].tmp &&
		    build_regulation(&j, &L.regs[i], &outs[i], lib, &L, &LV, &reps[i]) != 0)
			ok = 0;
	if (pj && job_products_started(pj) && job_products_finish(pj, reps) != 0)
		ok = 0;
	for (size_t i = 0; ok && i < L.n && !diag_interrupted(&j.d); i++)
		if (L.named[i] && products_page(&j, &L.regs[i], &outs[i], lib, &reps[i]) != 0)
			ok = 0;
	if (!outs || (whole && ok && build_library_files(&j, links, lib, &LV, outdir, &lout, &hout) != 0))
		ok = 0;
	/* a version's graph that did not read back (job_need_versions) after its group was
	 * taken over: the taken files are not trusted, the graphs made again replace them */
	for (size_t i = 0; outs && ok && j.versions_from_pages && i < L.n; i++) {
		char *vdir = L.named[i] && L.regs[i].m.nversions > 1 ? fsio_join(outs[i].tmp, "versions") : NULL;
		char *group = vdir ? job_cache_group(L.regs[i].m.id, "versions", NULL) : NULL;
		size_t warned = j.d.warnings;
		if (vdir && (!group || fsout_remove_tree(vdir) != 0 ||
		             kept(&j, group, vdir, warned,
		                  write_versions(&j, &L.regs[i], outs[i].tmp, &L)) != 0))
			ok = 0;
		free(group);
		free(vdir);
	}
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
	job_products_free(pj); /* its workers done before their folders go */
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
