#include "assess/assess.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/xmlsave.h>

#include "assess/engine.h"
#include "assess/gindex.h"
#include "assess/product.h"
#include "assess/rules.h"
#include "render/xslt.h"
#include "util/buf.h"
#include "util/fsio.h"
#include "util/xmlsafe.h"

#ifndef REGDOC_VERSION
#define REGDOC_VERSION "0"
#endif

/* The rendered outputs: stylesheet (below templates_dir) and file name; the technical
 * documentation template takes the name the rules declare (<documentation file=...>). */
static const struct {
	const char *sheet;
	const char *ext;
	int documentation;
} outputs[] = {
	{"checklist/html.xsl", ".html", 0}, {"checklist/md.xsl", ".md", 0},
	{"checklist/fodt.xsl", ".fodt", 0}, {"annex-iv/html.xsl", ".html", 1},
	{"annex-iv/md.xsl", ".md", 1},      {"annex-iv/fodt.xsl", ".fodt", 1},
};
#define NOUTPUTS (sizeof outputs / sizeof *outputs)

static char *join3(const char *a, const char *b)
{
	return fsio_join(a, b);
}

/* The other regulations of a combined assessment, loaded. */
typedef struct others {
	gindex *g;
	ruleset *rs;
	engine_regulation *er;
	size_t n;
} others;

static void others_free(others *x)
{
	for (size_t i = 0; i < x->n; i++) {
		ruleset_free(&x->rs[i]);
		gindex_free(&x->g[i]);
	}
	free(x->g);
	free(x->rs);
	free(x->er);
	memset(x, 0, sizeof *x);
}

/* Index the graphs and load the rules of the other regulations (the primary's own id is
 * skipped), and check the rules against each other: ids cited across regulations exist,
 * rule and item ids are distinct. */
static int others_load(others *x, const assess_options *o, const gindex *primary,
                       ruleset *prs, const char *rules_rng, diag *d)
{
	size_t n = o ? o->nothers : 0;
	size_t errors = d->errors;
	const gindex **all;
	memset(x, 0, sizeof *x);
	x->g = calloc(n + 1, sizeof *x->g);
	x->rs = calloc(n + 1, sizeof *x->rs);
	x->er = calloc(n + 1, sizeof *x->er);
	all = calloc(n + 2, sizeof *all);
	if (!x->g || !x->rs || !x->er || !all) {
		free(all);
		diag_sys(d, "assessment", "cannot assess", ENOMEM);
		return -1;
	}
	all[0] = primary;
	for (size_t i = 0; i < n; i++) {
		const assess_regulation *ar = &o->others[i];
		size_t k = x->n;
		ruleset_init(&x->rs[k]);
		if (gindex_init(&x->g[k], ar->graph, ar->id ? ar->id : "graph", d) != 0)
			continue;
		if (ar->id && strcmp(ar->id, x->g[k].regulation) != 0) {
			diag_error(d, ar->id, 0, "the graph given for regulation \"%s\" is the graph of \"%s\"",
			           ar->id, x->g[k].regulation);
			gindex_free(&x->g[k]);
			continue;
		}
		if (!strcmp(x->g[k].regulation, primary->regulation)) {
			gindex_free(&x->g[k]); /* the product's own regulation */
			continue;
		}
		x->n++;
		if (ar->rules_dir && ruleset_load_dir(&x->rs[k], ar->rules_dir, rules_rng, &x->g[k], d) != 0)
			continue;
		x->er[k].rs = &x->rs[k];
		x->er[k].g = &x->g[k];
		all[1 + k] = &x->g[k];
	}
	if (d->errors == errors) {
		ruleset_check_other_refs(prs, all, x->n + 1, d);
		for (size_t k = 0; k < x->n; k++) {
			ruleset_check_other_refs(&x->rs[k], all, x->n + 1, d);
			ruleset_check_disjoint(prs, &x->rs[k], d);
			for (size_t j = 0; j < k; j++)
				ruleset_check_disjoint(&x->rs[j], &x->rs[k], d);
		}
	}
	free(all);
	return d->errors > errors ? -1 : 0;
}

xmlDocPtr assess_product_doc(xmlDocPtr graph, const char *product_path, const char *rules_dir,
                             const char *templates_dir, const assess_options *o, diag *d)
{
	gindex g;
	product p;
	ruleset rs;
	others ox;
	engine_options eo;
	xmlDocPtr out = NULL;
	char *product_rng = join3(templates_dir, "schema/product.rng");
	char *rules_rng = join3(templates_dir, "schema/rules.rng");
	char *assessment_rng = join3(templates_dir, "schema/assessment.rng");

	ruleset_init(&rs);
	memset(&p, 0, sizeof p);
	memset(&ox, 0, sizeof ox);
	if (!product_rng || !rules_rng || !assessment_rng) {
		diag_sys(d, product_path, "cannot assess", ENOMEM);
		goto out_paths;
	}
	if (gindex_init(&g, graph, "graph", d) != 0)
		goto out_paths;
	if (product_load(&p, product_path, product_rng, d) != 0)
		goto out_graph;
	{
		const char *reg = NULL;
		for (size_t i = 0; i < p.facts.n; i++)
			if (!strcmp(p.facts.v[i].name, "regulation"))
				reg = p.facts.v[i].value;
		if (reg && strcmp(reg, g.regulation) != 0) {
			diag_error(d, product_path,
			           (unsigned long)xmlGetLineNo(xmlDocGetRootElement(p.doc)),
			           "the product is described for regulation \"%s\", not \"%s\"", reg,
			           g.regulation);
			goto out_product;
		}
	}
	if (ruleset_load_dir(&rs, rules_dir, rules_rng, &g, d) != 0) {
		ruleset_free(&rs); /* the files loaded before the bad one */
		goto out_product;
	}
	if (others_load(&ox, o, &g, &rs, rules_rng, d) != 0)
		goto out_rules;
	memset(&eo, 0, sizeof eo);
	eo.site_base = o ? o->site_base : NULL;
	eo.library_base = o ? o->library_base : NULL;
	eo.product_src = o ? o->product_src : NULL;
	eo.generator = "regdoc " REGDOC_VERSION;
	eo.others = ox.er;
	eo.nothers = ox.n;
	out = engine_assess(&rs, &p, &g, &eo, d);
	if (out && xmlsafe_validate(out, assessment_rng, "assessment.xml", d) != 0) {
		diag_error(d, product_path, 0,
		           "internal error: the assessment does not match %s", assessment_rng);
		xmlFreeDoc(out);
		out = NULL;
	}
out_rules:
	others_free(&ox);
	ruleset_free(&rs);
out_product:
	product_free(&p);
out_graph:
	gindex_free(&g);
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
	if ((len && fwrite(data, 1, len, f) != len) || fclose(f) != 0) {
		diag_sys(d, tmp.s, "cannot write", errno);
		unlink(tmp.s);
		goto out;
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

int assess_product_opts(xmlDocPtr graph, const char *product_path, const char *rules_dir,
                        const char *templates_dir, const char *outdir,
                        const assess_options *o, diag *d)
{
	xmlDocPtr doc = assess_product_doc(graph, product_path, rules_dir, templates_dir, o, d);
	char *rendered[NOUTPUTS] = {0};
	size_t lens[NOUTPUTS] = {0};
	char *names[NOUTPUTS] = {0};
	xmlChar *xml = NULL;
	xmlChar *docfile = NULL;
	int xml_len = 0;
	int rc = -1;
	buf dir;

	buf_init(&dir);
	if (!doc)
		return -1;
	docfile = documentation_file(doc);
	for (size_t i = 0; i < NOUTPUTS; i++) {
		char *sheet_path;
		xslt_sheet *sheet;
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
		sheet = sheet_path ? xslt_sheet_load(sheet_path, d) : NULL;
		free(sheet_path);
		if (!sheet)
			goto out;
		if (xslt_apply_to_memory(sheet, doc, NULL, NULL, &rendered[i], &lens[i], d) != 0) {
			xslt_sheet_free(sheet);
			goto out;
		}
		xslt_sheet_free(sheet);
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
