#include "tool/new.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>

#include "assess/gindex.h"
#include "util/buf.h"
#include "util/fsio.h"
#include "util/fsout.h"
#include "util/xmlsafe.h"

static int graph_has(void *ctx, const char *id)
{
	return gindex_find((const gindex *)ctx, id) != NULL;
}

static int exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

static int is_elem(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* The title of the decision that concluded name (from the trace), borrowed; NULL. */
static xmlChar *decision_title(xmlNodePtr root, const char *name)
{
	for (xmlNodePtr t = root->children; t; t = t->next) {
		if (!is_elem(t, "trace"))
			continue;
		for (xmlNodePtr s = t->children; s; s = s->next)
			for (xmlNodePtr c = is_elem(s, "step") ? s->children : NULL; c; c = c->next)
				if (is_elem(c, "concludes")) {
					xmlChar *n = xmlGetProp(c, (const xmlChar *)"name");
					int match = n && !strcmp((const char *)n, name);
					xmlFree(n);
					if (match)
						return xmlGetProp(s, (const xmlChar *)"decision-title");
				}
	}
	return NULL;
}

/* The conclusions the questionnaire names as the route (<route>), in its order. */
static void print_route(FILE *out, const questionnaire *q, xmlDocPtr assessment)
{
	xmlNodePtr root = xmlDocGetRootElement(assessment);
	const char *route_conclusions[64];
	size_t n = qn_route(q, route_conclusions, 64);
	for (size_t k = 0; k < n; k++)
		for (xmlNodePtr c = root->children; c; c = c->next) {
			if (!is_elem(c, "conclusions"))
				continue;
			for (xmlNodePtr x = c->children; x; x = x->next) {
				xmlChar *name, *label, *title;
				if (!is_elem(x, "conclusion"))
					continue;
				name = xmlGetProp(x, (const xmlChar *)"name");
				if (name && !strcmp((const char *)name, route_conclusions[k])) {
					label = xmlGetProp(x, (const xmlChar *)"label");
					title = decision_title(root, route_conclusions[k]);
					fprintf(out, "  %s: %s\n", title ? (const char *)title : (const char *)name,
					        label ? (const char *)label : "");
					xmlFree(label);
					xmlFree(title);
				}
				xmlFree(name);
			}
		}
}

/* "dir/my-product.xml" -> "my-product" (NULL when not NAME.xml). */
static char *file_stem(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;
	base = base ? base + 1 : path;
	n = strlen(base);
	if (n <= 4 || strcmp(base + n - 4, ".xml") != 0)
		return NULL;
	return strndup(base, n - 4);
}

int new_product(const questionnaire *q, xmlDocPtr graph, const char *regdir,
                const char *templates, const char *product_path, const regdoc_new_options *n,
                const assess_options *base, diag *d)
{
	gindex g;
	qn_io io;
	xmlDocPtr doc = NULL, parsed = NULL, assessment = NULL;
	xmlChar *xml = NULL;
	int xml_len = 0, rc = -1;
	char *stem = NULL, *rng = NULL, *rules = NULL;
	FILE *out = n->out ? n->out : stdout;
	fsout fo;
	int began = 0;
	qn_graph *graphs = NULL;
	size_t ngraphs = 0;
	xmlDocPtr schema = NULL;

	if (!n->force && exists(product_path)) {
		diag_error(d, product_path, 0, "exists: not overwritten (regdoc new --force replaces it)");
		return -1;
	}
	{
		size_t pl = strlen(product_path);
		if (pl <= 4 || strcmp(product_path + pl - 4, ".xml") != 0) {
			diag_error(d, product_path, 0, "a product file is named NAME.xml");
			return -1;
		}
	}
	if (gindex_init(&g, graph, regdir, d) != 0)
		return -1;
	if (strcmp(g.regulation, qn_regulation(q)) != 0) {
		diag_error(d, regdir, 0, "the questionnaire is for regulation \"%s\", not \"%s\"",
		           qn_regulation(q), g.regulation);
		goto done;
	}
	if (qn_check_cites(q, graph_has, &g, d) != 0)
		goto done;

	memset(&io, 0, sizeof io);
	/* the graphs for the help: the questionnaire's regulation, then the others */
	graphs = calloc((base ? base->nothers : 0) + 1, sizeof *graphs);
	rng = fsio_join(templates, "schema/product.rng");
	if (!graphs || !rng) {
		diag_sys(d, product_path, "cannot ask", ENOMEM);
		goto done;
	}
	graphs[ngraphs].id = qn_regulation(q);
	graphs[ngraphs++].doc = graph;
	for (size_t i = 0; base && i < base->nothers; i++)
		if (base->others[i].graph != graph) {
			graphs[ngraphs].id = base->others[i].id;
			graphs[ngraphs++].doc = base->others[i].graph;
		}
	io.graphs = graphs;
	io.ngraphs = ngraphs;
	{
		diag quiet; /* a product.rng that does not parse: answers are checked at the end */
		diag_init(&quiet, NULL);
		schema = xmlsafe_read_file(rng, &quiet);
	}
	io.product_schema = schema;
	io.in = n->batch ? NULL : (n->in ? n->in : stdin);
	io.out = out;
	io.in_name = "stdin";
	io.interactive = n->interactive && !n->batch;
	stem = file_stem(product_path);
	doc = qn_run(q, n->answers, n->nanswers, stem, &io, d);
	if (!doc || d->errors)
		goto done;
	{
		xmlNodePtr c = xmlNewDocComment(doc, (const xmlChar *)
			" Written by regdoc new from the answers to questionnaire.xml: facts about the "
			"product, never conclusions (doc/product.md). Edit freely; regdoc assess checks it. ");
		if (!c || !xmlAddPrevSibling(xmlDocGetRootElement(doc), c)) {
			xmlFreeNode(c);
			diag_sys(d, product_path, "cannot write", ENOMEM);
			goto done;
		}
	}
	xmlDocDumpFormatMemoryEnc(doc, &xml, &xml_len, "UTF-8", 1);
	if (!xml || xml_len <= 0) {
		diag_sys(d, product_path, "cannot write", ENOMEM);
		goto done;
	}
	/* read back as regdoc reads any product file, so errors have lines */
	rules = fsio_join(regdir, "rules");
	if (!rules) {
		diag_sys(d, product_path, "cannot write", ENOMEM);
		goto done;
	}
	parsed = xmlsafe_read_memory((const char *)xml, (size_t)xml_len, product_path, d);
	if (!parsed || xmlsafe_validate(parsed, rng, product_path, d) != 0)
		goto done;
	if (fsout_begin_file(&fo, product_path, d) != 0)
		goto done;
	began = 1;
	if (fsio_write_file(fo.tmp, xml, (size_t)xml_len, 0, d) != 0)
		goto done;
	{
		assess_options ao;
		if (base)
			ao = *base;
		else
			memset(&ao, 0, sizeof ao);
		ao.product_src = product_path;
		assessment = assess_product_doc(graph, fo.tmp, rules, templates, &ao, d);
	}
	if (!assessment || d->errors || diag_interrupted(d))
		goto done;
	if (!n->force && exists(product_path)) {
		diag_error(d, product_path, 0, "appeared while asking: not overwritten (regdoc new --force replaces it)");
		goto done;
	}
	if (fsout_commit(&fo, d) != 0)
		goto done;
	fprintf(out, "%sWrote %s (valid against product.rng).\nThe route it leads to (the rules in %s):\n",
	        io.interactive ? "\n" : "", product_path, rules);
	print_route(out, q, assessment);
	fprintf(out, "Checklist, decision trace and Annex IV template: regdoc assess %s --regulation %s\n",
	        product_path, regdir);
	fflush(out);
	rc = 0;
done:
	if (began)
		fsout_abort(&fo);
	if (assessment)
		xmlFreeDoc(assessment);
	if (parsed)
		xmlFreeDoc(parsed);
	if (doc)
		xmlFreeDoc(doc);
	xmlFree(xml);
	free(stem);
	free(rng);
	free(rules);
	free(graphs);
	if (schema)
		xmlFreeDoc(schema);
	gindex_free(&g);
	return rc;
}
