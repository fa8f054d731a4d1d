/*
 * job_assess.c - regdoc assess and regdoc status, and what every product rendering
 * shares (links, version, the regulations beside it).
 */
#include "job.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/application.h"
#include "graph/graph.h"
#include "tool/pdf.h"
#include "tool/status.h"
#include "util/fsout.h"
#include "util/xmlsafe.h"

/* Where the output of a regulation is published: --site-url, else its manifest's
 * <site-url>, else NULL. */
const char *job_site_url_of(const job *j, const regulation *r)
{
	return j->o->site_url ? j->o->site_url : r ? r->m.site_url : NULL;
}

/* The links of a product's documents (doc/answers.md, "Links"): absolute into the site
 * published at url; else relative into the built site (in_site: regdoc build); else to
 * EUR-Lex. sb and lb hold the bases. */
void job_product_links(assess_options *ao, const char *url, const char *reg, int in_site,
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
int job_product_pdfs(job *j, const char *dir)
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
int job_builds_products(const job *j, const regulation *r)
{
	char *pdir = fsio_join(r->dir, "products");
	int yes = pdir && fsio_is_dir(pdir) &&
	          (!j->o->stages || (j->o->stages & REGDOC_STAGE_PRODUCTS));
	free(pdir);
	return yes;
}

/* The other regulations of the library, for combined assessments (assess.h): each
 * graph with its rules folder. NULL when there are none; free the rules_dir strings and
 * the array with job_free_others. */
assess_regulation *job_library_others(const library *L, const regulation *r, size_t *n)
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

/* As job_library_others, for a product assessed on its own (assess, status): the
 * regulations beside its own were linked but not dated (job_load_library links only the
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
	return job_library_others(L, r, n);
}

void job_free_others(assess_regulation *v, size_t n)
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
void job_law_version(assess_options *ao, const regulation *r)
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
const regulation *job_product_version(job *j, const library *L, const regulation *r,
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
	if (job_need_versions(j) != 0)
		return NULL;
	nv = library_versions(L, i, v);
	for (size_t x = 0; x < nv; x++) {
		const manifest_version *mv = regulation_version(v[x]);
		if (mv && !strcmp(mv->id, r->m.versions[k].id))
			return v[x];
	}
	return r; /* the library holds one version: the job's */
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
		if (job_has_manifest(guess))
			return guess;
	} else if (guess && !strcmp(slash ? slash + 1 : guess, "products") && job_has_manifest(".")) {
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
		else if (!job_has_manifest(*guess))
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

/* How many elements index_ids adds (ids of the same name counted each time). */
static size_t count_ids(xmlNodePtr n)
{
	size_t k = 0;
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "edges") != 0)
			k += (xmlHasProp(c, (const xmlChar *)"id") != NULL) + count_ids(c);
	return k;
}

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
		/* sized to the graphs (graph_hash_for: 4,096 buckets would never grow) */
		rv->old_ids = graph_hash_for(count_ids(xmlDocGetRootElement(old)));
		rv->cur_ids = graph_hash_for(count_ids(xmlDocGetRootElement(cur)));
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
	if (job_load_library(&j, regdir, 1, &L) == 0) {
		char *rules = fsio_join(regdir, "rules");
		regulation *r = job_named_one(&L);
		assess_options ao;
		xmlDocPtr doc = NULL;
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
		job_free_others((assess_regulation *)ao.others, ao.nothers);
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
	if (!j.d.errors && job_load_library(&j, regdir, 1, &L) == 0 &&
	    fsout_begin_dir(&out, outdir, &j.d) == 0) {
		char *rules = fsio_join(regdir, "rules");
		regulation *r = job_named_one(&L);
		assess_options ao;
		memset(&ao, 0, sizeof ao);
		buf sb, lb;
		buf_init(&sb);
		buf_init(&lb);
		ao.others = dated_others(&j, &L, r, &ao.nothers);
		ao.answers = j.o->answers;
		ao.law_chosen_by = chosen_by;
		ao.law_date = j.o->as_of;
		job_law_version(&ao, r);
		ao.product_text = text;
		ao.product_len = len;
		/* a product assessed on its own is read where no site is: EUR-Lex links, unless
		 * the site's URL is known */
		if (r)
			job_product_links(&ao, job_site_url_of(&j, r), r->m.id, 0, &sb, &lb);
		if (rules && r &&
		    assess_product_opts(r->doc, name, rules, j.templates, out.tmp, &ao, &j.d) == 0 &&
		    job_product_pdfs(&j, out.tmp) == 0 && !j.d.errors && !diag_interrupted(&j.d))
			fsout_commit(&out, &j.d);
		buf_free(&sb);
		buf_free(&lb);
		fsout_abort(&out);
		job_free_others((assess_regulation *)ao.others, ao.nothers);
		free(rules);
	}
	library_free(&L);
	free(guess);
	free(text);
	return job_status(&j);
}
