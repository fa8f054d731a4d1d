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

/* The graph of corpus/ai-act, built in-process with the regdoc library (as
 * `regdoc graph` does) into dir/ai-act.graph.xml and parsed. NULL on failure. */
static inline xmlDocPtr build_ai_act_graph(const char *dir)
{
	regdoc_options o;
	char path[4200];
	FILE *devnull = fopen("/dev/null", "w");
	diag d;
	xmlDocPtr g;
	int rc;
	regdoc_options_init(&o);
	o.datadir = SOURCE_DIR;
	o.diagnostics = devnull;
	snprintf(path, sizeof path, "%s/ai-act.graph.xml", dir);
	rc = regdoc_graph(&o, SOURCE_DIR "/corpus/ai-act", path);
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

#endif
