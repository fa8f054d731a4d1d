#include "assess/assess.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/xmlsave.h>

#include "assess/answers.h"
#include "assess/engine.h"
#include "assess/gindex.h"
#include "assess/product.h"
#include "assess/rules.h"
#include "render/package.h"
#include "render/xslt.h"
#include "util/buf.h"
#include "util/fsio.h"
#include "util/xmlsafe.h"

#ifndef REGDOC_VERSION
#define REGDOC_VERSION "0"
#endif

/* The rendered outputs: stylesheet (below templates_dir) and file name; the technical
 * documentation template takes the name the rules declare (<documentation file=...>).
 * A package (DOCX, ODT) is a description the stylesheet writes (render/package.h),
 * zipped; an ODT's stylesheet reads the Flat ODT rendered before it (from), not the
 * assessment. */
enum { OUT_TEXT, OUT_PACKAGE };
static const struct {
	const char *sheet;
	const char *ext;
	int documentation;
	int kind;
	int from; /* -1: the assessment; else the index of the output it reads */
} outputs[] = {
	{"checklist/html.xsl", ".html", 0, OUT_TEXT, -1},
	{"checklist/md.xsl", ".md", 0, OUT_TEXT, -1},
	{"checklist/fodt.xsl", ".fodt", 0, OUT_TEXT, -1},
	{"checklist/csv.xsl", ".csv", 0, OUT_TEXT, -1},
	{"docx/checklist.xsl", ".docx", 0, OUT_PACKAGE, -1},
	{"odt/package.xsl", ".odt", 0, OUT_PACKAGE, 2},
	{"annex-iv/html.xsl", ".html", 1, OUT_TEXT, -1},
	{"annex-iv/md.xsl", ".md", 1, OUT_TEXT, -1},
	{"annex-iv/fodt.xsl", ".fodt", 1, OUT_TEXT, -1},
	{"docx/annex-iv.xsl", ".docx", 1, OUT_PACKAGE, -1},
	{"odt/package.xsl", ".odt", 1, OUT_PACKAGE, 8},
};
#define NOUTPUTS (sizeof outputs / sizeof *outputs)

static char *join3(const char *a, const char *b)
{
	return fsio_join(a, b);
}

/* ---- what a job keeps between products (assess_cache) ---------------------------- */

struct cgraph {
	xmlDocPtr graph;
	gindex g;
};

struct crules {
	char *dir, *schema;
	const gindex *g;
	ruleset rs;
};

/* the checks across rule sets (others_load) passed for this list of rule sets and
 * graph indexes */
struct cchecked {
	const void **key;
	size_t n;
};

struct csheet {
	char *path;
	xslt_sheet *s;
};

struct assess_cache {
	xmlsafe_schemas *schemas;
	struct cgraph **graphs; /* pointers: the indexes must not move */
	size_t ngraphs;
	struct crules **rules;
	size_t nrules;
	struct cchecked *checked;
	size_t nchecked;
	struct csheet *sheets;
	size_t nsheets;
};

assess_cache *assess_cache_new(void)
{
	assess_cache *c = calloc(1, sizeof *c);
	if (c && !(c->schemas = xmlsafe_schemas_new())) {
		free(c);
		c = NULL;
	}
	return c;
}

void assess_cache_free(assess_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nrules; i++) {
		ruleset_free(&c->rules[i]->rs);
		free(c->rules[i]->dir);
		free(c->rules[i]->schema);
		free(c->rules[i]);
	}
	free(c->rules);
	for (size_t i = 0; i < c->ngraphs; i++) {
		gindex_free(&c->graphs[i]->g);
		free(c->graphs[i]);
	}
	free(c->graphs);
	for (size_t i = 0; i < c->nchecked; i++)
		free(c->checked[i].key);
	free(c->checked);
	for (size_t i = 0; i < c->nsheets; i++) {
		xslt_sheet_free(c->sheets[i].s);
		free(c->sheets[i].path);
	}
	free(c->sheets);
	xmlsafe_schemas_free(c->schemas);
	free(c);
}

/* Grow *v (of *n elements of size sz) by one; 0, or -1 when out of memory. */
static int grow(void *v, size_t *n, size_t sz)
{
	void **pv = v;
	void *nv = realloc(*pv, (*n + 1) * sz);
	if (!nv)
		return -1;
	*pv = nv;
	return 0;
}

/* The index of graph: the cache's, or *own (initialised here; free it when the result
 * is own). NULL with a diagnostic when it is not a graph. */
static const gindex *get_gindex(assess_cache *c, xmlDocPtr graph, const char *name, gindex *own,
                                diag *d)
{
	struct cgraph *e;
	memset(own, 0, sizeof *own);
	for (size_t i = 0; c && i < c->ngraphs; i++)
		if (c->graphs[i]->graph == graph)
			return &c->graphs[i]->g;
	if (!c || grow(&c->graphs, &c->ngraphs, sizeof *c->graphs) != 0 ||
	    !(e = calloc(1, sizeof *e)))
		return gindex_init(own, graph, name, d) == 0 ? own : NULL;
	if (gindex_init(&e->g, graph, name, d) != 0) {
		free(e);
		return NULL;
	}
	e->graph = graph;
	c->graphs[c->ngraphs++] = e;
	return &e->g;
}

/* The rule set of dir checked against g: the cache's, or *own (initialised here; free
 * it either way when not cached). Only a rule set without errors is cached. */
static const ruleset *get_rules(assess_cache *c, const char *dir, const char *schema,
                                const gindex *g, ruleset *own, diag *d)
{
	struct crules *e;
	ruleset_init(own);
	own->schemas = c ? c->schemas : NULL;
	for (size_t i = 0; c && i < c->nrules; i++)
		if (c->rules[i]->g == g && !strcmp(c->rules[i]->dir, dir) &&
		    !strcmp(c->rules[i]->schema, schema))
			return &c->rules[i]->rs;
	e = c && grow(&c->rules, &c->nrules, sizeof *c->rules) == 0 ? calloc(1, sizeof *e) : NULL;
	if (e && (!(e->dir = strdup(dir)) || !(e->schema = strdup(schema)))) {
		free(e->dir);
		free(e);
		e = NULL;
	}
	if (!e)
		return ruleset_load_dir(own, dir, schema, g, d) == 0 ? own : NULL;
	ruleset_init(&e->rs);
	e->rs.schemas = c->schemas;
	if (ruleset_load_dir(&e->rs, dir, schema, g, d) != 0) {
		*own = e->rs; /* the files loaded before the bad one: the caller frees them */
		free(e->dir);
		free(e->schema);
		free(e);
		return NULL;
	}
	e->g = g;
	c->rules[c->nrules++] = e;
	return &e->rs;
}

/* A compiled stylesheet: the cache's, or a new one the caller frees (*owned set). */
static xslt_sheet *get_sheet(assess_cache *c, const char *path, int *owned, diag *d)
{
	xslt_sheet *s;
	*owned = 0;
	for (size_t i = 0; c && i < c->nsheets; i++)
		if (!strcmp(c->sheets[i].path, path))
			return c->sheets[i].s;
	s = xslt_sheet_load(path, d);
	if (!s)
		return NULL;
	if (c && grow(&c->sheets, &c->nsheets, sizeof *c->sheets) == 0 &&
	    (c->sheets[c->nsheets].path = strdup(path)) != NULL) {
		c->sheets[c->nsheets++].s = s;
		return s;
	}
	*owned = 1;
	return s;
}

/* The other regulations of a combined assessment, loaded (their indexes and rules
 * are the cache's, or owned here: gown, rsown). */
typedef struct others {
	gindex *gown;
	ruleset *rsown;
	engine_regulation *er;
	size_t n, cap;
} others;

static void others_free(others *x)
{
	for (size_t i = 0; i < x->cap; i++) {
		ruleset_free(&x->rsown[i]);
		gindex_free(&x->gown[i]);
	}
	free(x->gown);
	free(x->rsown);
	free(x->er);
	memset(x, 0, sizeof *x);
}

/* 1 when the checks across these rule sets passed before (key: the primary's rule set
 * and index, then each other's). */
static int checked_before(const assess_cache *c, const void **key, size_t n)
{
	for (size_t i = 0; c && i < c->nchecked; i++)
		if (c->checked[i].n == n && !memcmp(c->checked[i].key, key, n * sizeof *key))
			return 1;
	return 0;
}

static void remember_checked(assess_cache *c, const void **key, size_t n)
{
	const void **k;
	if (!c || grow(&c->checked, &c->nchecked, sizeof *c->checked) != 0 ||
	    !(k = malloc(n * sizeof *k)))
		return;
	memcpy(k, key, n * sizeof *k);
	c->checked[c->nchecked].key = k;
	c->checked[c->nchecked++].n = n;
}

/* Index the graphs and load the rules of the other regulations (the primary's own id is
 * skipped), and check the rules against each other: ids cited across regulations exist,
 * rule and item ids are distinct. */
static int others_load(others *x, const assess_options *o, const gindex *primary,
                       const ruleset *prs, const char *rules_rng, diag *d)
{
	size_t n = o ? o->nothers : 0;
	size_t errors = d->errors;
	assess_cache *c = o ? o->cache : NULL;
	const gindex **all;
	const void **key;
	int cacheable = c != NULL;
	memset(x, 0, sizeof *x);
	x->cap = n + 1;
	x->gown = calloc(n + 1, sizeof *x->gown);
	x->rsown = calloc(n + 1, sizeof *x->rsown);
	x->er = calloc(n + 1, sizeof *x->er);
	all = calloc(n + 2, sizeof *all);
	key = calloc(2 * n + 2, sizeof *key);
	if (!x->gown || !x->rsown || !x->er || !all || !key) {
		free(all);
		free(key);
		diag_sys(d, "assessment", "cannot assess", ENOMEM);
		return -1;
	}
	for (size_t i = 0; i < n + 1; i++)
		ruleset_init(&x->rsown[i]);
	all[0] = primary;
	key[0] = prs;
	key[1] = primary;
	for (size_t i = 0; i < n; i++) {
		const assess_regulation *ar = &o->others[i];
		size_t k = x->n;
		const gindex *g = get_gindex(c, ar->graph, ar->id ? ar->id : "graph", &x->gown[k], d);
		const ruleset *rs = &x->rsown[k];
		if (!g)
			continue;
		if (ar->id && strcmp(ar->id, g->regulation) != 0) {
			diag_error(d, ar->id, 0, "the graph given for regulation \"%s\" is the graph of \"%s\"",
			           ar->id, g->regulation);
			gindex_free(&x->gown[k]);
			continue;
		}
		if (!strcmp(g->regulation, primary->regulation)) {
			gindex_free(&x->gown[k]); /* the product's own regulation */
			continue;
		}
		x->n++;
		if (ar->rules_dir) {
			rs = get_rules(c, ar->rules_dir, rules_rng, g, &x->rsown[k], d);
			if (!rs)
				continue;
		}
		/* a regulation without rules has an empty rule set of its own each time: it
		 * stands in the key as NULL (nothing of it to check), not as that address */
		if ((rs == &x->rsown[k] && ar->rules_dir) || g == &x->gown[k])
			cacheable = 0;
		x->er[k].rs = rs;
		x->er[k].g = g;
		all[1 + k] = g;
		key[2 + 2 * k] = rs == &x->rsown[k] ? NULL : rs;
		key[3 + 2 * k] = g;
	}
	if (d->errors == errors && !(cacheable && checked_before(c, key, 2 + 2 * x->n))) {
		ruleset_check_other_refs(prs, all, x->n + 1, d);
		for (size_t k = 0; k < x->n; k++) {
			ruleset_check_other_refs(x->er[k].rs, all, x->n + 1, d);
			ruleset_check_disjoint(prs, x->er[k].rs, d);
			for (size_t j = 0; j < k; j++)
				ruleset_check_disjoint(x->er[j].rs, x->er[k].rs, d);
		}
		if (cacheable && d->errors == errors)
			remember_checked(c, key, 2 + 2 * x->n);
	}
	free(all);
	free(key);
	return d->errors > errors ? -1 : 0;
}

/* The writer's answers (o->answers, else PRODUCT.answers.xml when there is one) into
 * the assessment. */
static int merge_answers(xmlDocPtr out, const char *product_path, const char *templates_dir,
                         const assess_options *o, diag *d)
{
	/* a product read from standard input has no file beside it: --answers only */
	char *path = o && o->answers       ? strdup(o->answers)
	             : o && o->product_text ? strdup("")
	                                    : answers_path_for(product_path);
	char *rng = join3(templates_dir, "schema/answers.rng");
	xmlDocPtr a = NULL;
	int rc = -1;
	if (!path || !rng) {
		diag_sys(d, product_path, "cannot assess", ENOMEM);
	} else if (!*path || (!(o && o->answers) && access(path, F_OK) != 0)) {
		rc = 0; /* no answers yet */
	} else if ((a = answers_load(path, rng, o && o->cache ? o->cache->schemas : NULL, d))) {
		rc = answers_merge(out, a, path, d);
	}
	xmlFreeDoc(a);
	free(path);
	free(rng);
	return rc;
}

xmlDocPtr assess_product_doc(xmlDocPtr graph, const char *product_path, const char *rules_dir,
                             const char *templates_dir, const assess_options *o, diag *d)
{
	gindex gown;
	const gindex *g;
	product p;
	ruleset rsown;
	const ruleset *rs;
	others ox;
	engine_options eo;
	xmlDocPtr out = NULL;
	assess_cache *c = o ? o->cache : NULL;
	char *product_rng = join3(templates_dir, "schema/product.rng");
	char *rules_rng = join3(templates_dir, "schema/rules.rng");
	char *assessment_rng = join3(templates_dir, "schema/assessment.rng");

	ruleset_init(&rsown);
	memset(&gown, 0, sizeof gown);
	memset(&p, 0, sizeof p);
	memset(&ox, 0, sizeof ox);
	if (!product_rng || !rules_rng || !assessment_rng) {
		diag_sys(d, product_path, "cannot assess", ENOMEM);
		goto out_paths;
	}
	if (!(g = get_gindex(c, graph, "graph", &gown, d)))
		goto out_paths;
	if ((o && o->product_text
	         ? product_load_memory(&p, o->product_text, o->product_len, product_path, product_rng, d)
	         : product_load_cached(&p, product_path, product_rng, c ? c->schemas : NULL, d)) != 0)
		goto out_graph;
	{
		const char *reg = NULL;
		for (size_t i = 0; i < p.facts.n; i++)
			if (!strcmp(p.facts.v[i].name, "regulation"))
				reg = p.facts.v[i].value;
		if (reg && strcmp(reg, g->regulation) != 0) {
			diag_error(d, product_path,
			           (unsigned long)xmlGetLineNo(xmlDocGetRootElement(p.doc)),
			           "the product is described for regulation \"%s\", not \"%s\"", reg,
			           g->regulation);
			goto out_product;
		}
	}
	if (!(rs = get_rules(c, rules_dir, rules_rng, g, &rsown, d)))
		goto out_rules; /* the files loaded before the bad one are freed there */
	if (others_load(&ox, o, g, rs, rules_rng, d) != 0)
		goto out_rules;
	memset(&eo, 0, sizeof eo);
	eo.site_base = o ? o->site_base : NULL;
	eo.library_base = o ? o->library_base : NULL;
	eo.product_src = o ? o->product_src : NULL;
	eo.eurlex = o ? o->eurlex : 0;
	eo.generator = "regdoc " REGDOC_VERSION;
	eo.law.chosen_by = o ? o->law_chosen_by : NULL;
	eo.law.date = o ? o->law_date : NULL;
	eo.law.celex = o ? o->law_celex : NULL;
	eo.law.eli = o ? o->law_eli : NULL;
	eo.law.label = o ? o->law_label : NULL;
	eo.others = ox.er;
	eo.nothers = ox.n;
	out = engine_assess(rs, &p, g, &eo, d);
	if (out && merge_answers(out, product_path, templates_dir, o, d) != 0) {
		xmlFreeDoc(out);
		out = NULL;
	}
	if (out && xmlsafe_validate_cached(c ? c->schemas : NULL, out, assessment_rng,
	                                   "assessment.xml", d) != 0) {
		diag_error(d, product_path, 0,
		           "internal error: the assessment does not match %s", assessment_rng);
		xmlFreeDoc(out);
		out = NULL;
	}
out_rules:
	others_free(&ox);
	ruleset_free(&rsown);
out_product:
	product_free(&p);
out_graph:
	gindex_free(&gown);
out_paths:
	free(product_rng);
	free(rules_rng);
	free(assessment_rng);
	return out;
}

/* mkdir -p */
static int make_dirs(const char *path, diag *d)
{
	char *p = strdup(path);
	if (!p) {
		diag_sys(d, path, "cannot create directory", ENOMEM);
		return -1;
	}
	for (char *s = p + 1;; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0777) != 0 && errno != EEXIST) {
				diag_sys(d, p, "cannot create directory", errno);
				free(p);
				return -1;
			}
			*s = c;
			if (!c)
				break;
		}
	}
	free(p);
	if (!fsio_is_dir(path)) {
		diag_error(d, path, 0, "not a directory");
		return -1;
	}
	return 0;
}

/* Write via a temporary file and rename, so a reader sees the old or the new file. */
static int write_file(const char *dir, const char *name, const char *data, size_t len,
                      diag *d)
{
	char *path = fsio_join(dir, name);
	buf tmp;
	FILE *f;
	int rc = -1;
	buf_init(&tmp);
	if (!path) {
		diag_sys(d, dir, "cannot write", ENOMEM);
		return -1;
	}
	buf_printf(&tmp, "%s/.%s.tmp", dir, name);
	if (tmp.oom) {
		diag_sys(d, dir, "cannot write", ENOMEM);
		goto out;
	}
	f = fopen(tmp.s, "wb");
	if (!f) {
		diag_sys(d, tmp.s, "cannot write", errno);
		goto out;
	}
	{
		/* one fclose whatever happens (it frees f even when it fails) */
		int bad = (len && fwrite(data, 1, len, f) != len) || fflush(f) != 0;
		int err = errno;
		if (fclose(f) != 0 && !bad) {
			bad = 1;
			err = errno;
		}
		if (bad) {
			diag_sys(d, tmp.s, "cannot write", err);
			unlink(tmp.s);
			goto out;
		}
	}
	if (rename(tmp.s, path) != 0) {
		diag_sys(d, path, "cannot write", errno);
		unlink(tmp.s);
		goto out;
	}
	rc = 0;
out:
	buf_free(&tmp);
	free(path);
	return rc;
}

/* The file name of the documentation template (documentation/@file), or NULL. */
static xmlChar *documentation_file(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "documentation"))
			return xmlGetProp(c, (const xmlChar *)"file");
	return NULL;
}

/* The date of the documents (SOURCE_DATE_EPOCH, YYYY-MM-DD: never the clock) and the
 * time their packages' entries carry (0: the first DOS date). */
static void source_date(char out[16], time_t *mtime)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;
	struct tm tm;
	out[0] = '\0';
	*mtime = 0;
	if (!e || !*e)
		return;
	v = strtoll(e, &end, 10);
	if (*end || v < 0)
		return;
	*mtime = (time_t)v;
	if (gmtime_r(mtime, &tm))
		strftime(out, 16, "%Y-%m-%d", &tm);
}

/* 1 when a later output reads output i (outputs[].from). */
static int read_later(size_t i)
{
	for (size_t k = i + 1; k < NOUTPUTS; k++)
		if (outputs[k].from == (int)i)
			return 1;
	return 0;
}

/* Render output i of doc (or of the output it reads) into rendered[i], lens[i]. An
 * output a later one reads is kept as its result tree too (trees[i]): the later one
 * reads that tree, the very nodes its bytes were written from, instead of parsing the
 * bytes again. */
static int render_one(xslt_sheet *sheet, size_t i, xmlDocPtr doc, char **rendered, size_t *lens,
                      xmlDocPtr *trees, const char *name, const char *const *params,
                      time_t mtime, diag *d)
{
	xmlDocPtr in = doc, pkg;
	if (outputs[i].kind == OUT_TEXT && !read_later(i))
		return xslt_apply_to_memory(sheet, doc, params, NULL, &rendered[i], &lens[i], d);
	if (outputs[i].kind == OUT_TEXT) {
		trees[i] = xslt_apply_to_doc(sheet, doc, params, NULL, d);
		return trees[i] ? xslt_serialize(sheet, trees[i], &rendered[i], &lens[i], d) : -1;
	}
	if (outputs[i].from >= 0) {
		in = trees[outputs[i].from];
		if (!in)
			return -1;
	}
	pkg = xslt_apply_to_doc(sheet, in, params, NULL, d);
	if (!pkg)
		return -1;
	{
		int rc = package_zip(pkg, mtime, name, &rendered[i], &lens[i], d);
		xmlFreeDoc(pkg);
		return rc;
	}
}

int assess_product_opts(xmlDocPtr graph, const char *product_path, const char *rules_dir,
                        const char *templates_dir, const char *outdir,
                        const assess_options *o, diag *d)
{
	xmlDocPtr doc = assess_product_doc(graph, product_path, rules_dir, templates_dir, o, d);
	char *rendered[NOUTPUTS] = {0};
	size_t lens[NOUTPUTS] = {0};
	xmlDocPtr trees[NOUTPUTS] = {0};
	char *names[NOUTPUTS] = {0};
	xmlChar *xml = NULL;
	xmlChar *docfile = NULL;
	int xml_len = 0;
	int rc = -1;
	buf dir;

	char date[16];
	time_t mtime;
	const char *params[] = {"date", date, NULL};

	buf_init(&dir);
	if (!doc)
		return -1;
	source_date(date, &mtime);
	docfile = documentation_file(doc);
	for (size_t i = 0; i < NOUTPUTS; i++) {
		char *sheet_path;
		xslt_sheet *sheet;
		int owned, failed;
		buf name;
		if (outputs[i].documentation && !docfile)
			continue;
		buf_init(&name);
		buf_printf(&name, "%s%s", outputs[i].documentation ? (const char *)docfile : "checklist",
		           outputs[i].ext);
		if (name.oom) {
			buf_free(&name);
			diag_sys(d, product_path, "cannot assess", ENOMEM);
			goto out;
		}
		names[i] = name.s;
		sheet_path = fsio_join(templates_dir, outputs[i].sheet);
		sheet = sheet_path ? get_sheet(o ? o->cache : NULL, sheet_path, &owned, d) : NULL;
		free(sheet_path);
		if (!sheet)
			goto out;
		failed = render_one(sheet, i, doc, rendered, lens, trees, names[i], params, mtime, d) != 0;
		if (owned)
			xslt_sheet_free(sheet);
		if (failed)
			goto out;
	}
	xmlDocDumpFormatMemoryEnc(doc, &xml, &xml_len, "UTF-8", 1);
	if (!xml || xml_len < 0) {
		diag_sys(d, product_path, "cannot serialise the assessment", ENOMEM);
		goto out;
	}
	if (outdir) {
		buf_puts(&dir, outdir);
	} else {
		xmlNodePtr root = xmlDocGetRootElement(doc);
		xmlChar *reg = xmlGetProp(root, (const xmlChar *)"regulation");
		xmlChar *id = NULL;
		for (xmlNodePtr c = root->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "product"))
				id = xmlGetProp(c, (const xmlChar *)"id");
		buf_printf(&dir, "output/%s/products/%s", reg ? (const char *)reg : "unknown",
		           id ? (const char *)id : "unknown");
		xmlFree(reg);
		xmlFree(id);
	}
	if (dir.oom) {
		diag_sys(d, product_path, "cannot assess", ENOMEM);
		goto out;
	}
	if (make_dirs(dir.s, d) != 0)
		goto out;
	if (write_file(dir.s, "assessment.xml", (const char *)xml, (size_t)xml_len, d) != 0)
		goto out;
	for (size_t i = 0; i < NOUTPUTS; i++)
		if (names[i] && write_file(dir.s, names[i], rendered[i], lens[i], d) != 0)
			goto out;
	rc = 0;
out:
	for (size_t i = 0; i < NOUTPUTS; i++) {
		free(rendered[i]);
		free(names[i]);
		if (trees[i])
			xmlFreeDoc(trees[i]);
	}
	xmlFree(docfile);
	xmlFree(xml);
	xmlFreeDoc(doc);
	buf_free(&dir);
	return rc;
}

int assess_product(xmlDocPtr graph, const char *product_path, const char *rules_dir,
                   const char *templates_dir, const char *outdir, diag *d)
{
	return assess_product_opts(graph, product_path, rules_dir, templates_dir, outdir, NULL, d);
}

int assess_product_date(const char *product_path, const char *text, size_t len, char *date,
                        size_t n, unsigned long *line, diag *d)
{
	xmlDocPtr doc = text ? xmlsafe_read_memory(text, len, product_path, d)
	                     : xmlsafe_read_file(product_path, d);
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (n)
		date[0] = '\0';
	if (line)
		*line = 0;
	if (!doc)
		return -1;
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next) {
		xmlChar *v;
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "placing-on-market") != 0)
			continue;
		v = xmlGetProp(c, (const xmlChar *)"date");
		if (v && n)
			snprintf(date, n, "%s", (const char *)v);
		if (line)
			*line = (unsigned long)xmlGetLineNo(c);
		xmlFree(v);
		break;
	}
	xmlFreeDoc(doc);
	return 0;
}
