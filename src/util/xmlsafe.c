#include "util/xmlsafe.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/fsio.h"
#include "util/rngexplain.h"
#include "util/xmlerr.h"
#include "util/xmlsafe_impl.h"

/* NONET: never fetch; NONOENT is absent so entities are not substituted; no DTDLOAD,
 * DTDATTR, XINCLUDE or HUGE. NOBLANKS is not used: whitespace is the author's. */
#define XMLSAFE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR | XML_PARSE_NOCDATA)

static void report_structured(void *user, xmlErrorPtr err)
{
	struct report_ctx *rc = user;
	char msg[512];
	size_t n;
	if (!err || !err->message || rc->refused || rc->fatal)
		return;
	if (!xmlerr_say(err, msg, sizeof msg)) {
		n = strlen(err->message);
		if (n >= sizeof msg)
			n = sizeof msg - 1;
		memcpy(msg, err->message, n);
		msg[n] = '\0';
		while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
			msg[--n] = '\0';
	}
	/* the parser stops at its first fatal error; libxml2 2.9 still reports what that
	 * error left unfinished ("Couldn't find end of Start Tag", "Extra content"), which
	 * says nothing more to the writer */
	if (err->domain == XML_FROM_PARSER && err->level == XML_ERR_FATAL)
		rc->fatal = 1;
	{
		/* a schema error may come without a line but with its node; with neither,
		 * no line (never a made-up ":1:") */
		unsigned long line = err->line > 0 ? (unsigned long)err->line : 0;
		if (!line && err->node && ((xmlNodePtr)err->node)->type == XML_ELEMENT_NODE) {
			long l = xmlGetLineNo((xmlNodePtr)err->node);
			line = l > 0 ? (unsigned long)l : 0;
		}
		diag_error(rc->d, rc->name, line, "%s", msg);
	}
}

/* libxml2 2.9 hands a parser's structured errors the parser context itself; our
 * report context rides in its _private field. */
static void report_parser_error(void *user, xmlErrorPtr err)
{
	xmlParserCtxtPtr pc = user;
	report_structured(pc->_private, err);
}

/* The parser stops at the first entity declaration (general or parameter) or external
 * DTD: nothing is declared, expanded or fetched, and the only message is regdoc's. */
static void refuse_here(xmlParserCtxtPtr pc)
{
	struct report_ctx *rc = pc->_private;
	if (!rc->refused) {
		int line = xmlSAX2GetLineNumber(pc);
		rc->refused = line > 0 ? (unsigned long)line : 1;
	}
	xmlStopParser(pc);
}

static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                           const xmlChar *system_id, xmlChar *content)
{
	(void)name;
	(void)type;
	(void)public_id;
	(void)system_id;
	(void)content;
	refuse_here(ctx);
}

static void on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *external_id,
                               const xmlChar *system_id)
{
	if (external_id || system_id)
		refuse_here(ctx);
	else
		xmlSAX2InternalSubset(ctx, name, external_id, system_id);
}

static int declares_entities(xmlDocPtr doc)
{
	xmlDtdPtr dtd = xmlGetIntSubset(doc);
	if (!dtd)
		return 0;
	return dtd->entities != NULL || dtd->pentities != NULL || dtd->ExternalID || dtd->SystemID;
}

/* The deepest element below root, iteratively, stopping past limit: the element
 * there, or NULL when nothing is nested deeper than limit. */
static xmlNodePtr too_deep(xmlNodePtr root, int limit)
{
	xmlNodePtr n = root;
	int depth = 1;
	while (n) {
		if (n->type == XML_ELEMENT_NODE && depth > limit)
			return n;
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			depth++;
			continue;
		}
		while (n && n != root && !n->next) {
			n = n->parent;
			depth--;
		}
		if (!n || n == root)
			break;
		n = n->next;
	}
	return NULL;
}

/* xmlsafe_read_memory; with run, only what its filter keeps is built. */
static xmlDocPtr read_memory(const char *buf, size_t len, const char *name,
                             struct xmlsafe_run *run, diag *d)
{
	struct report_ctx rc = {d, name, 0, 0, NULL};
	xmlParserCtxtPtr pc;
	xmlDocPtr doc;

	if (len > XMLSAFE_MAX_BYTES) {
		diag_error(d, name, 0, "XML file of %zu bytes is over the limit of %u bytes", len,
		           XMLSAFE_MAX_BYTES);
		return NULL;
	}
	if (len > (size_t)INT32_MAX) {
		diag_error(d, name, 0, "XML file too large");
		return NULL;
	}
	pc = xmlNewParserCtxt();
	if (!pc) {
		diag_sys(d, name, "cannot create XML parser", ENOMEM);
		return NULL;
	}
	pc->_private = &rc;
	pc->sax->serror = report_parser_error;
	pc->sax->entityDecl = on_entity_decl;
	pc->sax->internalSubset = on_internal_subset;
	if (run) {
		rc.run = run;
		xmlsafe_filter_handlers(pc->sax);
	}
	pc->sax->initialized = XML_SAX2_MAGIC;
	doc = xmlCtxtReadMemory(pc, buf, (int)len, name, NULL, XMLSAFE_OPTIONS);
	if (rc.refused) {
		if (doc)
			xmlFreeDoc(doc);
		xmlFreeParserCtxt(pc);
		diag_error(d, name, rc.refused,
		           "DOCTYPE with entity declarations or an external DTD is refused");
		return NULL;
	}
	if (run && run->deep) {
		/* counted as the parser went: what was not built cannot be measured below */
		if (doc)
			xmlFreeDoc(doc);
		xmlFreeParserCtxt(pc);
		diag_error(d, name, run->deep, "elements nested deeper than %d levels are refused",
		           XMLSAFE_MAX_DEPTH);
		return NULL;
	}
	if (doc && !pc->wellFormed) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (!doc && d->errors == 0)
		diag_error(d, name, 1, "not well-formed XML");
	xmlFreeParserCtxt(pc);
	if (doc && declares_entities(doc)) {
		/* libxml2 keeps no line for the DTD node: the DOCTYPE precedes the root */
		xmlNodePtr root = xmlDocGetRootElement(doc);
		long line = root ? xmlGetLineNo(root) : 1;
		diag_error(d, name, line > 0 ? (unsigned long)line : 1,
		           "DOCTYPE with entity declarations or an external DTD is refused");
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (doc) {
		xmlNodePtr deep = too_deep(xmlDocGetRootElement(doc), XMLSAFE_MAX_DEPTH);
		if (deep) {
			long line = xmlGetLineNo(deep);
			diag_error(d, name, line > 0 ? (unsigned long)line : 1,
			           "elements nested deeper than %d levels are refused", XMLSAFE_MAX_DEPTH);
			xmlFreeDoc(doc);
			doc = NULL;
		}
	}
	return doc;
}

xmlDocPtr xmlsafe_read_memory(const char *buf, size_t len, const char *name, diag *d)
{
	return read_memory(buf, len, name, NULL, d);
}

xmlDocPtr xmlsafe_read_memory_filtered(const char *buf, size_t len, const char *name,
                                       xmlsafe_filter keep, void *user, diag *d)
{
	struct xmlsafe_run run = {keep, user, 0, -1, 0, -1, 0};
	return read_memory(buf, len, name, keep ? &run : NULL, d);
}

xmlDocPtr xmlsafe_read_file(const char *path, diag *d)
{
	return xmlsafe_read_file_filtered(path, NULL, NULL, d);
}

xmlDocPtr xmlsafe_read_file_filtered(const char *path, xmlsafe_filter keep, void *user, diag *d)
{
	struct xmlsafe_run run = {keep, user, 0, -1, 0, -1, 0};
	char *buf;
	size_t len;
	xmlDocPtr doc;
	if (fsio_read_file(path, XMLSAFE_MAX_BYTES, &buf, &len, d) != 0)
		return NULL;
	doc = read_memory(buf, len, path, keep ? &run : NULL, d);
	free(buf);
	return doc;
}

/* A compiled schema: what xmlsafe_validate compiles on every call, kept. */
typedef struct schema {
	char *path;
	xmlDocPtr doc;
	xmlRelaxNGPtr rng;
} schema;

struct xmlsafe_schemas {
	schema *v;
	size_t n, cap;
};

static void schema_free(schema *s)
{
	if (s->rng)
		xmlRelaxNGFree(s->rng);
	if (s->doc)
		xmlFreeDoc(s->doc);
	free(s->path);
	memset(s, 0, sizeof *s);
}

/* Read and compile the schema at rng_path; 0, or -1 with diagnostics (the schema's
 * own errors named after the document validated, name). */
static int schema_load(schema *s, const char *rng_path, const char *name, diag *d)
{
	struct report_ctx rc = {d, name, 0, 0, NULL};
	xmlRelaxNGParserCtxtPtr pctx;
	memset(s, 0, sizeof *s);
	s->doc = xmlsafe_read_file(rng_path, d);
	if (!s->doc)
		return -1;
	pctx = xmlRelaxNGNewDocParserCtxt(s->doc);
	xmlRelaxNGSetParserStructuredErrors(pctx, report_structured, &rc);
	s->rng = xmlRelaxNGParse(pctx);
	xmlRelaxNGFreeParserCtxt(pctx);
	if (!s->rng) {
		schema_free(s);
		diag_error(d, rng_path, 0, "cannot compile RELAX NG schema");
		return -1;
	}
	return 0;
}

/* libxml2's validation messages, kept: they are for -v, not for the writer. */
typedef struct raw_errors {
	buf text;                /* "line\tmessage\n" per error */
	unsigned long first_line;
	size_t n;
} raw_errors;

static void keep_raw(void *user, xmlErrorPtr err)
{
	raw_errors *r = user;
	unsigned long line = err && err->line > 0 ? (unsigned long)err->line : 0;
	const char *m = err && err->message ? err->message : "";
	size_t n = strlen(m);
	if (!line && err && err->node && ((xmlNodePtr)err->node)->type == XML_ELEMENT_NODE)
		line = (unsigned long)xmlGetLineNo((xmlNodePtr)err->node);
	while (n && (m[n - 1] == '\n' || m[n - 1] == ' '))
		n--;
	if (r->n++ == 0)
		r->first_line = line ? line : 1;
	buf_printf(&r->text, "%lu\t%.*s\n", line ? line : 1, (int)n, m);
}

/* The schema's file name, for messages. */
static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Invalid: say why in the writer's terms (rngexplain.h); libxml2's own sentences only
 * with -v, as notes. */
static void explain_invalid(const schema *s, xmlDocPtr doc, const char *rng_path,
                            const char *name, raw_errors *raw, diag *d)
{
	size_t said = rngexplain(s->doc, doc, name, base_name(rng_path), d);
	if (!said)
		diag_error(d, name, raw->first_line,
		           "the file does not fit its schema %s here (regdoc -v shows the schema "
		           "engine's message)", base_name(rng_path));
	if (d->verbose && raw->text.s) {
		for (char *line = raw->text.s, *nl; *line; line = nl + 1) {
			char *tab = strchr(line, '\t');
			nl = strchr(line, '\n');
			if (!tab || !nl)
				break;
			*nl = '\0';
			diag_report(d, DIAG_NOTE, name, strtoul(line, NULL, 10), "schema engine: %s", tab + 1);
		}
	}
}

static int schema_validate(const schema *s, xmlDocPtr doc, const char *rng_path,
                           const char *name, diag *d)
{
	raw_errors raw;
	xmlRelaxNGValidCtxtPtr vctx;
	int rc_valid;
	memset(&raw, 0, sizeof raw);
	buf_init(&raw.text);
	vctx = xmlRelaxNGNewValidCtxt(s->rng);
	if (!vctx) {
		diag_sys(d, name, "cannot validate", ENOMEM);
		return -1;
	}
	xmlRelaxNGSetValidStructuredErrors(vctx, keep_raw, &raw);
	rc_valid = xmlRelaxNGValidateDoc(vctx, doc);
	xmlRelaxNGFreeValidCtxt(vctx);
	if (rc_valid != 0)
		explain_invalid(s, doc, rng_path, name, &raw, d);
	buf_free(&raw.text);
	return rc_valid == 0 ? 0 : -1;
}

int xmlsafe_validate(xmlDocPtr doc, const char *rng_path, const char *name, diag *d)
{
	return xmlsafe_validate_cached(NULL, doc, rng_path, name, d);
}

xmlsafe_schemas *xmlsafe_schemas_new(void)
{
	return calloc(1, sizeof(xmlsafe_schemas));
}

void xmlsafe_schemas_free(xmlsafe_schemas *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		schema_free(&c->v[i]);
	free(c->v);
	free(c);
}

int xmlsafe_validate_cached(xmlsafe_schemas *c, xmlDocPtr doc, const char *rng_path,
                            const char *name, diag *d)
{
	schema one;
	int rc;
	if (c) {
		for (size_t i = 0; i < c->n; i++)
			if (!strcmp(c->v[i].path, rng_path))
				return schema_validate(&c->v[i], doc, rng_path, name, d);
		if (c->n == c->cap) {
			size_t ncap = c->cap ? c->cap * 2 : 4;
			schema *nv = realloc(c->v, ncap * sizeof *nv);
			if (nv) {
				c->v = nv;
				c->cap = ncap;
			}
		}
	}
	if (schema_load(&one, rng_path, name, d) != 0)
		return -1; /* a schema that does not compile is not kept: every use reports it */
	rc = schema_validate(&one, doc, rng_path, name, d);
	if (c && c->n < c->cap && (one.path = strdup(rng_path)) != NULL)
		c->v[c->n++] = one;
	else
		schema_free(&one);
	return rc;
}
