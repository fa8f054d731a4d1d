/*
 * assess_helpers.h - shared by the product tests (test_assess.c, test_routes.c,
 * test_products.c): temporary folders, capturing diagnostics, building the AI Act
 * graph in-process, XPath look-ups in an assessment. Header-only (static functions).
 */
#ifndef REGDOC_TEST_ASSESS_HELPERS_H
#define REGDOC_TEST_ASSESS_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "regdoc.h"
#include "util/diag.h"
#include "util/xmlsafe.h"

/* Diagnostics captured in memory. */
typedef struct captured {
	char *text;
	size_t len;
	FILE *f;
	diag d;
} captured;

static inline void capture_begin(captured *c)
{
	c->text = NULL;
	c->len = 0;
	c->f = open_memstream(&c->text, &c->len);
	diag_init(&c->d, c->f);
	c->d.max_printed = 0;
}

/* Flush so c->text holds everything reported so far. */
static inline const char *capture_text(captured *c)
{
	fflush(c->f);
	return c->text ? c->text : "";
}

static inline void capture_end(captured *c)
{
	fclose(c->f);
	free(c->text);
	c->text = NULL;
}

static inline void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		abort();
	}
	fputs(text, f);
	fclose(f);
}

/* mkdtemp under TMPDIR; the caller removes it with remove_tree. */
static inline void make_temp_dir(char *out, size_t n, const char *tag)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(out, n, "%s/regdoc-%s.XXXXXX", tmp && *tmp ? tmp : "/tmp", tag);
	if (!mkdtemp(out)) {
		perror("mkdtemp");
		abort();
	}
}

static inline void remove_tree(const char *dir)
{
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
}

/* The graph of corpus/<reg>, built in-process with the regdoc library (as `regdoc
 * graph` does) into dir/<reg>.graph.xml and parsed. NULL on failure. */
static inline xmlDocPtr build_corpus_graph_as_of(const char *dir, const char *reg,
                                                 const char *as_of);

/* The graph of corpus/<reg> (its latest version) into dir/<reg>.graph.xml, read back. */
static inline xmlDocPtr build_corpus_graph(const char *dir, const char *reg)
{
	return build_corpus_graph_as_of(dir, reg, NULL);
}

/* The graph of the version of corpus/<reg> in force on as_of (NULL: the latest). */
static inline xmlDocPtr build_corpus_graph_as_of(const char *dir, const char *reg,
                                                 const char *as_of)
{
	regdoc_options o;
	char path[4200], regdir[4200];
	FILE *devnull = fopen("/dev/null", "w");
	diag d;
	xmlDocPtr g;
	int rc;
	regdoc_options_init(&o);
	o.datadir = SOURCE_DIR;
	o.diagnostics = devnull;
	o.as_of = as_of;
	snprintf(path, sizeof path, "%s/%s%s%s.graph.xml", dir, reg, as_of ? "-" : "", as_of ? as_of : "");
	snprintf(regdir, sizeof regdir, "%s/corpus/%s", SOURCE_DIR, reg);
	rc = regdoc_graph(&o, regdir, path);
	if (devnull)
		fclose(devnull);
	if (rc != REGDOC_EXIT_OK) {
		fprintf(stderr, "regdoc_graph failed with status %d\n", rc);
		return NULL;
	}
	diag_init(&d, stderr);
	g = xmlsafe_read_file(path, &d);
	return g;
}

/* The graph of corpus/ai-act (build_corpus_graph). */
static inline xmlDocPtr build_ai_act_graph(const char *dir)
{
	return build_corpus_graph(dir, "ai-act");
}

/* string(XPath) on doc, as a new string (free it). */
static inline char *xpath_string(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r = ctx ? xmlXPathEvalExpression((const xmlChar *)expr, ctx) : NULL;
	xmlChar *s = r ? xmlXPathCastToString(r) : NULL;
	char *out = strdup(s ? (const char *)s : "");
	xmlFree(s);
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	return out;
}

static inline double xpath_number(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r = ctx ? xmlXPathEvalExpression((const xmlChar *)expr, ctx) : NULL;
	double v = r ? xmlXPathCastToNumber(r) : -1;
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	return v;
}

/* The value(s) of a conclusion, space-separated in order ("" when none). */
static inline char *conclusion(xmlDocPtr doc, const char *name)
{
	char expr[256];
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r;
	size_t cap = 256, len = 0;
	char *out = calloc(1, cap);
	snprintf(expr, sizeof expr, "/assessment/conclusions/conclusion[@name='%s']/@value", name);
	r = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	for (int i = 0; r && r->nodesetval && i < r->nodesetval->nodeNr; i++) {
		xmlChar *v = xmlNodeGetContent(r->nodesetval->nodeTab[i]);
		size_t vl = strlen((const char *)v);
		while (len + vl + 2 > cap) {
			cap *= 2;
			out = realloc(out, cap);
		}
		if (len)
			out[len++] = ' ';
		memcpy(out + len, v, vl + 1);
		len += vl;
		xmlFree(v);
	}
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	return out;
}

/* ---- checking the items of an assessment against the graphs -------------------- */
#ifdef REGDOC_ASSESS_GINDEX_H

static inline const char *helper_prop(xmlNodePtr n, const char *name)
{
	for (xmlAttrPtr a = n->properties; a; a = a->next)
		if (!strcmp((const char *)a->name, name) && a->children)
			return (const char *)a->children->content;
	return NULL;
}

/* The graph of regulation reg among graphs, or NULL. */
static inline const gindex *helper_graph(const gindex *const *graphs, size_t n, const char *reg)
{
	for (size_t i = 0; i < n; i++)
		if (reg && !strcmp(graphs[i]->regulation, reg))
			return graphs[i];
	return NULL;
}

/* 1 when the graph relates recital rec to the unit of id. */
static inline int helper_related(const gindex *g, const char *id, const char *rec)
{
	const gindex_pair *first;
	size_t n = gindex_recitals(g, id, &first);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(first[i].recital, rec))
			return 1;
	return 0;
}

/* Check one checklist item of an assessment whose primary regulation is primary: its
 * provision, citations and recitals exist in the graph of the regulation they name
 * (their regulation attribute, else primary), and every recital is one that graph
 * relates (relates-to) to the unit of the item's provision or of one of its citations
 * of the same regulation. A reference to a regulation not among graphs is a problem too
 * unless allow_unknown. Returns the number of problems (printed). */
static inline size_t check_item_refs(const gindex *const *graphs, size_t ngraphs,
                                     const char *primary, const char *product, xmlNodePtr item,
                                     int allow_unknown)
{
	size_t bad = 0;
	const char *iid = helper_prop(item, "id");
	for (xmlNodePtr c = item->children; c; c = c->next) {
		const char *ref, *reg;
		const gindex *g;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "provision") && strcmp((const char *)c->name, "cite") &&
		    strcmp((const char *)c->name, "recital"))
			continue;
		ref = helper_prop(c, "ref");
		reg = helper_prop(c, "regulation") ? helper_prop(c, "regulation") : primary;
		g = helper_graph(graphs, ngraphs, reg);
		if (!g) {
			if (!allow_unknown) {
				print_error("%s: item %s: %s %s names regulation %s, which is not loaded\n",
				            product, iid, c->name, ref ? ref : "(none)", reg);
				bad++;
			}
			continue;
		}
		if (!ref || !gindex_find(g, ref)) {
			print_error("%s: item %s: %s %s is not in the graph of %s\n", product, iid, c->name,
			            ref ? ref : "(none)", reg);
			bad++;
			continue;
		}
		if (!strcmp((const char *)c->name, "recital")) {
			int ok = 0;
			if (strncmp(ref, "rec-", 4) != 0) {
				print_error("%s: item %s: recital %s is not a recital\n", product, iid, ref);
				bad++;
				continue;
			}
			for (xmlNodePtr k = item->children; k && !ok; k = k->next) {
				const char *kreg;
				if (k->type != XML_ELEMENT_NODE ||
				    (strcmp((const char *)k->name, "provision") && strcmp((const char *)k->name, "cite")) ||
				    !helper_prop(k, "ref"))
					continue;
				kreg = helper_prop(k, "regulation") ? helper_prop(k, "regulation") : primary;
				if (!strcmp(kreg, reg) && helper_related(g, helper_prop(k, "ref"), ref))
					ok = 1;
			}
			/* a computed recital: one the graph suggests for the provision's unit */
			if (helper_prop(c, "computed")) {
				const gindex_pair *first;
				const char *prov = NULL;
				size_t n;
				for (xmlNodePtr k = item->children; k && !prov; k = k->next)
					if (k->type == XML_ELEMENT_NODE && !strcmp((const char *)k->name, "provision"))
						prov = helper_prop(k, "ref");
				n = prov ? gindex_suggested(g, prov, &first) : 0;
				ok = 0;
				for (size_t s = 0; s < n && !ok; s++)
					ok = !strcmp(first[s].recital, ref);
			}
			if (!ok) {
				print_error("%s: item %s: recital %s has no %s edge to its provisions\n", product,
				            iid, ref, helper_prop(c, "computed") ? "suggests" : "relates-to");
				bad++;
			}
		}
	}
	return bad;
}
#endif

#endif
