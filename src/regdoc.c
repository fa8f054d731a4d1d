/*
 * regdoc.c - the small jobs of the public API: graph, check, links, new, import,
 * templates.
 * Each job wires the stages together (pages → units → graph → renderers) and turns
 * the diagnostics into an exit status; what the jobs share is in job.h.
 */
#include "job.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph.h"
#include "tool/export.h"
#include "tool/import.h"
#include "tool/new.h"
#include "util/fsout.h"
#include "versions.h"

void regdoc_options_init(regdoc_options *o)
{
	memset(o, 0, sizeof *o);
	o->max_diagnostics = 100;
}

const char *regdoc_version(void)
{
	return REGDOC_VERSION;
}

int regdoc_graph(const regdoc_options *o, const char *dir, const char *out_path)
{
	job j;
	library L;
	char *regdir;
	fsout out;
	job_init(&j, o);
	dir = job_corpus(&j, dir);
	if (job_one_regulation(&j, dir, &regdir) != 0)
		return job_status(&j);
	/* the regulations beside it resolve its citations of them (cra:art-12.3) */
	if (job_load_library(&j, regdir, 0, &L) == 0) {
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
	if (job_load_library(&j, dir, 0, &L) == 0)
		for (size_t i = 0; i < L.n; i++)
			if (L.named[i]) {
				xmlDocPtr h = job_make_history(&j, &L, i);
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
	if (found && job_load_library(&j, dir, 1, &L) == 0) {
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
		else if (job_load_library(&j, regdir, 1, &L) == 0) {
			/* assessed as regdoc assess would: with the regulations beside it */
			regulation *r = job_named_one(&L);
			assess_options ao;
			memset(&ao, 0, sizeof ao);
			ao.others = job_library_others(&L, r, &ao.nothers);
			if (r)
				new_product(q, r->doc, regdir, j.templates, product_path, n, &ao, &j.d);
			job_free_others((assess_regulation *)ao.others, ao.nothers);
		}
	}
	library_free(&L);
	qn_free(q);
	free(qpath);
	free(qrng);
	free(regdir);
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
