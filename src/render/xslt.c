/*
 * xslt.c - see xslt.h.
 *
 * Safety, in layers:
 *  - the top stylesheet is read with xmlsafe_read_file (no network, no DTD, no
 *    entities); xsl:import / xsl:include and document() go through safe_loader (set
 *    once per process with xsltSetLoaderFunc), which refuses every URI with a scheme
 *    other than file:, parses with the same safe options and refuses DTDs with
 *    entities;
 *  - every transform runs with its own xsltSecurityPrefs: network read and write and
 *    directory creation forbidden, file writes checked by check_write, which
 *    canonicalises the target's directory (realpath) and refuses anything that is not
 *    inside the canonical output root (and refuses to write through a symlink);
 *  - ctxt->outputFile is "file://<escaped canonical outdir>/.regdoc-result", so every relative
 *    exsl:document href resolves inside the output directory.
 */
/* realpath is XSI: _POSIX_C_SOURCE alone does not declare it in glibc */
#if !defined(_XOPEN_SOURCE) || _XOPEN_SOURCE < 700
#undef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include "render/xslt.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <threads.h>

#include <libexslt/exslt.h>
#include <libxml/parser.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxslt/documents.h>
#include <libxslt/extensions.h>
#include <libxslt/security.h>
#include <libxslt/templates.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "render/html5.h"
#include "util/buf.h"
#include "util/fsio.h"
#include "util/xmlsafe.h"

/* The options of xmlsafe plus no CDATA nodes: never NOENT, DTDLOAD, DTDATTR, XINCLUDE
 * or HUGE. */
#define SAFE_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOWARNING)

struct xslt_sheet {
	xsltStylesheetPtr style;
	char *path;
};

/* Where messages of one load or one transform go. */
struct err_sink {
	diag *d;
	const char *sheet_path;          /* fallback location */
	xsltTransformContextPtr tctxt;   /* NULL while compiling */
	char pending_file[PATH_MAX];     /* location announced by xsltPrintErrorContext */
	unsigned long pending_line;
	int have_pending;
	size_t errors;                   /* errors reported through this sink */
	int oom_reported;                /* "out of memory" said once */
};

/* One transform: what check_write needs (reached through tctxt->_private). */
#define RUN_MAGIC 0x72647275u /* "rdru": a context of ours, in the process-wide hook */
struct run {
	unsigned magic;
	unsigned long steps;    /* instructions run (the step hook) */
	char root[PATH_MAX]; /* canonical output directory, or "" = refuse every write */
	struct err_sink *sink;
	xslt_page_fn page_fn; /* rd:page (xslt_apply_to_doc_pages), or NULL */
	void *page_arg;
	xmlHashTablePtr cache; /* rd:cache: key -> 'e' or 't' + HTML (xslt.h), or NULL */
};

/* ---------------------------------------------------------------- diagnostics */

static void sink_emit(struct err_sink *s, enum diag_level level, const char *msg)
{
	const char *file = s->sheet_path;
	unsigned long line = 0;
	char buf[1024];
	size_t n = strlen(msg);

	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, msg, n);
	buf[n] = '\0';
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' ' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	if (n == 0)
		return;
	/* libxslt's messages in regdoc's terms, on one line */
	if (strstr(buf, "infinite template recursion") || strstr(buf, "infinite variable recursion"))
		snprintf(buf, sizeof buf, "templates nested deeper than libxslt's limit (%d calls or "
		         "variables): stopped; a template that calls itself without end?",
		         s->tctxt ? s->tctxt->maxTemplateDepth : 3000);
	else if (strstr(buf, "Memory allocation failed")) {
		s->d->sys_error = 1;
		snprintf(buf, sizeof buf, "out of memory: the transform needs more than regdoc may "
		         "use (the regdoc command's bound: REGDOC_MEMORY_LIMIT_MB, SECURITY.md)");
		if (s->oom_reported)
			return;
		s->oom_reported = 1;
	}
	for (char *p = buf; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	if (s->have_pending) {
		file = s->pending_file;
		line = s->pending_line;
	} else if (s->tctxt && s->tctxt->inst) {
		xmlNodePtr inst = s->tctxt->inst;
		if (inst->doc && inst->doc->URL)
			file = (const char *)inst->doc->URL;
		line = (unsigned long)xmlGetLineNo(inst);
		if ((long)line < 0)
			line = 0;
	}
	if (strncmp(file, "file://", 7) == 0)
		file += 7;
	if (level == DIAG_ERROR)
		s->errors++;
	diag_report(s->d, level, file, line, "%s", buf);
	s->have_pending = 0;
}

/* Parse "runtime error: file F line N element E" (any subset) into the pending
 * location. Returns 1 when msg is such a context line. */
static int parse_context_line(struct err_sink *s, const char *msg)
{
	static const char *const kinds[] = {"runtime error", "compilation error",
	                                    "compilation warning", "error", NULL};
	const char *p = NULL;
	size_t i;

	for (i = 0; kinds[i]; i++) {
		size_t k = strlen(kinds[i]);
		if (strncmp(msg, kinds[i], k) == 0 && (msg[k] == ':' || msg[k] == '\n')) {
			p = msg + k;
			break;
		}
	}
	if (!p)
		return 0;
	if (*p == '\n' && p[1] == '\0') {
		s->have_pending = 0;
		return 1;
	}
	if (strncmp(p, ": ", 2) != 0 || !strchr(p, '\n') || strchr(p, '\n')[1] != '\0')
		return 0;
	p += 2;
	if (strncmp(p, "file ", 5) != 0 && strncmp(p, "element ", 8) != 0)
		return 0;
	s->have_pending = 0;
	s->pending_file[0] = '\0';
	s->pending_line = 0;
	if (strncmp(p, "file ", 5) == 0) {
		const char *start = p + 5, *end = start;
		size_t n;
		while (*end && *end != '\n' && strncmp(end, " line ", 6) != 0 &&
		       strncmp(end, " element ", 9) != 0)
			end++;
		n = (size_t)(end - start);
		if (n >= sizeof s->pending_file)
			n = sizeof s->pending_file - 1;
		memcpy(s->pending_file, start, n);
		s->pending_file[n] = '\0';
		p = end;
		if (strncmp(p, " line ", 6) == 0)
			s->pending_line = strtoul(p + 6, NULL, 10);
		s->have_pending = 1;
	}
	return 1;
}

static enum diag_level message_level(const char *msg)
{
	if (strncmp(msg, "warning:", 8) == 0)
		return DIAG_WARNING;
	if (strncmp(msg, "note:", 5) == 0)
		return DIAG_NOTE;
	return DIAG_ERROR;
}

/* libxslt's generic error channel (xsltTransformError, xsl:message). */
static void generic_error(void *ctx, const char *fmt, ...)
{
	struct err_sink *s = ctx;
	char buf[1024];
	va_list ap;
	const char *msg;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (parse_context_line(s, buf))
		return;
	msg = buf;
	if (!s->have_pending) {
		/* an xsl:message (no context line before it) */
		enum diag_level lv = message_level(msg);
		if (lv == DIAG_WARNING)
			msg += 8;
		else if (lv == DIAG_NOTE)
			msg += 5;
		while (*msg == ' ')
			msg++;
		sink_emit(s, lv, msg);
		return;
	}
	sink_emit(s, DIAG_ERROR, msg);
}

/* libxml2's structured channel (XPath errors, parser errors of loaded documents). */
static void structured_error(void *ctx, xmlErrorPtr err)
{
	struct err_sink *s = ctx;
	char buf[1024];
	if (!err || !err->message)
		return;
	if (err->level == XML_ERR_WARNING)
		return;
	if (err->domain == XML_FROM_XPATH && err->str1)
		snprintf(buf, sizeof buf, "XPath: %s in \"%s\"", err->message, err->str1);
	else
		snprintf(buf, sizeof buf, "%s", err->message);
	if (err->file && err->line > 0) {
		size_t n = strlen(err->file);
		if (n >= sizeof s->pending_file)
			n = sizeof s->pending_file - 1;
		memcpy(s->pending_file, err->file, n);
		s->pending_file[n] = '\0';
		s->pending_line = (unsigned long)err->line;
		s->have_pending = 1;
	}
	sink_emit(s, DIAG_ERROR, buf);
}

/* The process-wide error channels, swapped in for one call and restored after. */
struct saved_channels {
	xmlGenericErrorFunc xslt_generic;
	void *xslt_generic_ctx;
	xmlGenericErrorFunc xml_generic;
	void *xml_generic_ctx;
	xmlStructuredErrorFunc xml_structured;
	void *xml_structured_ctx;
};

static void channels_enter(struct saved_channels *sv, struct err_sink *s)
{
	sv->xslt_generic = xsltGenericError;
	sv->xslt_generic_ctx = xsltGenericErrorContext;
	sv->xml_structured = xmlStructuredError;
	sv->xml_structured_ctx = xmlStructuredErrorContext;
	sv->xml_generic = xmlGenericError;
	sv->xml_generic_ctx = xmlGenericErrorContext;
	xsltSetGenericErrorFunc(s, generic_error);
	xmlSetStructuredErrorFunc(s, structured_error);
	/* libxml2's own generic channel too: no message of either library reaches the
	 * user but as a diagnostic with the stylesheet's file and line */
	xmlSetGenericErrorFunc(s, generic_error);
}

static void channels_leave(const struct saved_channels *sv)
{
	xsltSetGenericErrorFunc(sv->xslt_generic_ctx, sv->xslt_generic);
	xmlSetStructuredErrorFunc(sv->xml_structured_ctx, sv->xml_structured);
	xmlSetGenericErrorFunc(sv->xml_generic_ctx, sv->xml_generic);
}

/* ---------------------------------------------------------------- the loader */

static int declares_entities(xmlDocPtr doc)
{
	xmlDtdPtr dtd = xmlGetIntSubset(doc);
	if (!dtd)
		return 0;
	return dtd->entities != NULL || dtd->pentities != NULL || dtd->ExternalID ||
	       dtd->SystemID;
}

/* 1 when uri has a scheme other than file: (http:, ftp:, data:, ...). */
static int is_remote(const xmlChar *uri)
{
	xmlURIPtr u = xmlParseURI((const char *)uri);
	int remote;
	if (!u)
		return strstr((const char *)uri, "://") != NULL;
	remote = u->scheme && xmlStrcasecmp((const xmlChar *)u->scheme, BAD_CAST "file") != 0;
	xmlFreeURI(u);
	return remote;
}

static void loader_error(void *ctxt, xsltLoadType type, const char *fmt, const xmlChar *uri)
{
	if (type == XSLT_LOAD_DOCUMENT)
		xsltTransformError((xsltTransformContextPtr)ctxt, NULL, NULL, fmt, uri);
	else
		xsltTransformError(NULL, (xsltStylesheetPtr)ctxt, NULL, fmt, uri);
}

/* The local file a URI names (file:, or no scheme), read through fsio_read_file. 0, or
 * -1 with *why a printf format (one %s: the URI) saying why, to free. */
static int read_local(const xmlChar *uri, char **text, size_t *len, char **why)
{
	xmlURIPtr u = xmlParseURI((const char *)uri);
	const char *path = (const char *)uri;
	char *msg = NULL, *nl;
	size_t msglen = 0;
	FILE *m;
	diag q;
	int rc;
	*why = NULL;
	if (u && u->path && (!u->scheme || !xmlStrcasecmp((const xmlChar *)u->scheme, BAD_CAST "file")))
		path = u->path; /* unescaped */
	m = open_memstream(&msg, &msglen);
	diag_init(&q, m);
	rc = fsio_read_file(path, XMLSAFE_MAX_BYTES, text, len, &q);
	if (m)
		fclose(m);
	if (rc != 0 && msg && (nl = strstr(msg, ": error: ")) != NULL) {
		/* "cannot load URI: not a regular file (a FIFO): refused" */
		const char *reason = nl + 9;
		size_t n = strcspn(reason, "\n");
		*why = malloc(n + 32);
		if (*why) {
			memcpy(*why, "cannot load %s: ", 16);
			for (size_t i = 0, o = 16; i <= n; i++)
				(*why)[o++] = i < n ? (reason[i] == '%' ? '?' : reason[i]) : '\n';
			(*why)[16 + n + 1] = '\0';
		}
	}
	free(msg);
	if (u)
		xmlFreeURI(u);
	return rc;
}

static xmlDocPtr safe_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
                             xsltLoadType type)
{
	xmlParserCtxtPtr pc;
	xmlDocPtr doc;
	char *text = NULL, *why = NULL;
	size_t len = 0;

	(void)options; /* replaced by SAFE_PARSE_OPTIONS */
	if (!uri)
		return NULL;
	if (type == XSLT_LOAD_DOCUMENT && ctxt) {
		/* document() during a transform: not after a signal */
		xsltTransformContextPtr tctxt = ctxt;
		struct run *r = tctxt->_private;
		if (r && r->sink && diag_interrupted(r->sink->d)) {
			tctxt->state = XSLT_STATE_STOPPED; /* xsltStopEngine is not in libxslt 1.1.35 */
			return NULL;
		}
	}
	if (is_remote(uri)) {
		loader_error(ctxt, type, "refused to load %s: only local files can be read\n", uri);
		return NULL;
	}
	pc = xmlNewParserCtxt();
	if (!pc)
		return NULL;
	if (dict) {
		if (pc->dict)
			xmlDictFree(pc->dict);
		pc->dict = dict;
		xmlDictReference(dict);
	}
	/* read by fsio (a regular file, non-blocking open: never a FIFO or a device that
	 * would make the transform wait; the size limit), parsed from memory; parser errors
	 * go to the process structured channel, which xslt_sheet_load and xslt_apply point
	 * at their err_sink */
	if (read_local(uri, &text, &len, &why) != 0) {
		xmlFreeParserCtxt(pc);
		loader_error(ctxt, type, why ? why : "cannot load %s\n", uri);
		free(why);
		return NULL;
	}
	doc = xmlCtxtReadMemory(pc, text, (int)len, (const char *)uri, NULL, SAFE_PARSE_OPTIONS);
	free(text);
	if (doc && !pc->wellFormed) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(pc);
	if (!doc) {
		loader_error(ctxt, type, "cannot load %s\n", uri);
		return NULL;
	}
	if (declares_entities(doc)) {
		xmlFreeDoc(doc);
		loader_error(ctxt, type,
		             "refused to load %s: DOCTYPE with entity declarations or an external DTD\n",
		             uri);
		return NULL;
	}
	return doc;
}

/* ---------------------------------------------------------------- the step hook */

/* Stop the transform now: libxslt checks state between instructions, and a debugger
 * status of QUIT makes every sequence constructor return at once. */
static void stop_transform(xsltTransformContextPtr tctxt)
{
	tctxt->state = XSLT_STATE_STOPPED;
	tctxt->debugStatus = XSLT_DEBUG_QUIT;
}

/* Called by libxslt before every instruction of a transform of ours (its debugger
 * hook: the one place where libxslt hands control back while a template runs, whatever
 * the template does). It stops the transform when a signal came (SIGINT, SIGTERM,
 * SIGHUP: the flag main.c's handler sets), or when the transform has run more than
 * XSLT_MAX_STEPS instructions or XSLT_MAX_XPATH_OPS XPath operations (xslt.h). */
static void step_hook(xmlNodePtr cur, xmlNodePtr node, xsltTemplatePtr templ,
                      xsltTransformContextPtr tctxt)
{
	struct run *r = tctxt ? tctxt->_private : NULL;
	(void)node;
	(void)templ;
	if (!r || r->magic != RUN_MAGIC || tctxt->state != XSLT_STATE_OK)
		return;
	r->steps++;
	if ((r->steps & 1023) == 0 && r->sink && diag_interrupted(r->sink->d)) {
		stop_transform(tctxt);
		return;
	}
	if (r->steps > XSLT_MAX_STEPS) {
		xsltTransformError(tctxt, NULL, cur,
		                   "the transform ran more than %lu instructions (the limit): stopped; "
		                   "a template that loops?\n", (unsigned long)XSLT_MAX_STEPS);
		stop_transform(tctxt);
		return;
	}
	if (tctxt->xpathCtxt && tctxt->xpathCtxt->opCount >= XSLT_MAX_XPATH_OPS) {
		xsltTransformError(tctxt, NULL, cur,
		                   "the transform ran more than %lu XPath operations (the limit): "
		                   "stopped\n", (unsigned long)XSLT_MAX_XPATH_OPS);
		stop_transform(tctxt);
	}
}

static once_flag init_once = ONCE_FLAG_INIT;

static void init_process(void)
{
	/* the layout libxslt reads the hooks from (xsltutils.c: handler, add, drop) */
	static struct {
		xsltHandleDebuggerCallback handler;
		xsltAddCallCallback add;
		xsltDropCallCallback drop;
	} hooks = {step_hook, NULL, NULL};
	xmlInitParser();
	exsltRegisterAll();
	xsltSetLoaderFunc(safe_loader);
	xsltSetDebuggerCallbacks(3, &hooks);
}

/* ---------------------------------------------------------------- loading */

xslt_sheet *xslt_sheet_load(const char *path, diag *d)
{
	struct err_sink sink;
	struct saved_channels sv;
	xmlDocPtr doc;
	xsltStylesheetPtr style;
	xslt_sheet *s;
	size_t errors_before = d->errors;

	call_once(&init_once, init_process);
	doc = xmlsafe_read_file(path, d);
	if (!doc)
		return NULL;
	memset(&sink, 0, sizeof sink);
	sink.d = d;
	sink.sheet_path = path;
	channels_enter(&sv, &sink);
	style = xsltParseStylesheetDoc(doc);
	channels_leave(&sv);
	if (!style || style->errors) {
		if (style)
			xsltFreeStylesheet(style); /* frees doc */
		else
			xmlFreeDoc(doc);
		if (d->errors == errors_before)
			diag_error(d, path, 0, "cannot compile XSLT stylesheet");
		return NULL;
	}
	s = calloc(1, sizeof *s);
	if (s)
		s->path = malloc(strlen(path) + 1);
	if (!s || !s->path) {
		free(s);
		xsltFreeStylesheet(style);
		diag_sys(d, path, "cannot allocate", ENOMEM);
		return NULL;
	}
	strcpy(s->path, path);
	s->style = style;
	return s;
}

void xslt_sheet_free(xslt_sheet *s)
{
	if (!s)
		return;
	xsltFreeStylesheet(s->style);
	free(s->path);
	free(s);
}

const char *xslt_sheet_path(const xslt_sheet *s)
{
	return s->path;
}

/* ---------------------------------------------------------------- writing */

/* 1 when path (absolute) names a file directly or indirectly inside root (canonical),
 * through existing directories only and not through a symlink at the last step. */
static int path_inside(const char *root, const char *path)
{
	char dir[PATH_MAX], real[PATH_MAX];
	const char *slash, *base;
	size_t rl = strlen(root), dl;
	struct stat st;

	if (!root[0] || !path || path[0] != '/')
		return 0;
	slash = strrchr(path, '/');
	base = slash + 1;
	if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
		return 0;
	dl = (size_t)(slash - path);
	if (dl == 0)
		dl = 1; /* "/x": the directory is "/" */
	if (dl >= sizeof dir)
		return 0;
	memcpy(dir, path, dl);
	dir[dl] = '\0';
	if (!realpath(dir, real))
		return 0;
	if (strncmp(real, root, rl) != 0 || (real[rl] != '\0' && real[rl] != '/'))
		return 0;
	{
		char full[PATH_MAX];
		size_t a = strlen(real), b = strlen(base);
		if (a + 1 + b >= sizeof full)
			return 0;
		memcpy(full, real, a);
		full[a] = '/';
		memcpy(full + a + 1, base, b + 1);
		if (lstat(full, &st) == 0 && !S_ISREG(st.st_mode))
			return 0; /* a symlink, a directory, a device: never write through it */
	}
	return 1;
}

static int check_write(xsltSecurityPrefsPtr sec, xsltTransformContextPtr tctxt,
                       const char *value)
{
	struct run *r = tctxt ? tctxt->_private : NULL;
	(void)sec;
	if (!r)
		return 0;
	if (r->sink && diag_interrupted(r->sink->d)) {
		tctxt->state = XSLT_STATE_STOPPED; /* a signal came: write nothing more, stop now */
		return 0;
	}
	return path_inside(r->root, value);
}

/* "file://" + percent-escaped root + "/.regdoc-result": the output URI of the transform.
 * Relative hrefs resolve against it (so into root); libxslt checks that it may be
 * written, but nothing is written there. */
static xmlChar *root_base_uri(const char *root)
{
	xmlChar *esc = xmlURIEscapeStr(BAD_CAST root, BAD_CAST "/-_.~");
	xmlChar *uri;
	if (!esc)
		return NULL;
	uri = xmlStrdup(BAD_CAST "file://");
	uri = xmlStrcat(uri, esc);
	uri = xmlStrcat(uri, BAD_CAST "/.regdoc-result");
	xmlFree(esc);
	return uri;
}

/* ---------------------------------------------------------------- applying */

enum result_kind { RESULT_FILE, RESULT_MEMORY, RESULT_DOC };

struct result {
	enum result_kind kind;
	const char *main_output; /* RESULT_FILE */
	char *buf;               /* RESULT_MEMORY */
	size_t len;
	xmlDocPtr doc;           /* RESULT_DOC */
	const xslt_doc *docs;    /* documents document() finds in memory */
	size_t ndocs;
	xslt_page_fn page_fn;    /* rd:page, or NULL: the element is not available */
	void *page_arg;
};

/* The result of the templates in list (NULL: none) built in a document of its own, under
 * a root element named root_name (*root), instead of at the current place of the
 * result; NULL when out of memory. The caller frees it. */
static xmlDocPtr build_apart(xsltTransformContextPtr ctxt, xmlNodePtr node, xmlNodePtr list,
                             const char *root_name, xmlNodePtr *root)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0"), old_output;
	xmlNodePtr old_insert;
	*root = NULL;
	if (!doc)
		return NULL;
	/* the names libxslt gives result nodes come from its dictionary */
	doc->dict = ctxt->dict;
	xmlDictReference(doc->dict);
	*root = xmlNewDocNode(doc, NULL, (const xmlChar *)root_name, NULL);
	if (!*root) {
		xmlFreeDoc(doc);
		return NULL;
	}
	xmlDocSetRootElement(doc, *root);
	old_output = ctxt->output;
	old_insert = ctxt->insert;
	ctxt->output = doc;
	ctxt->insert = *root;
	if (list)
		xsltApplyOneTemplate(ctxt, node, list, NULL, NULL);
	ctxt->output = old_output;
	ctxt->insert = old_insert;
	return doc;
}

/* <rd:page href="AVT">content</rd:page>: the content is built in a document of its own
 * (under a <page> root, as xsl:document builds its result), handed to the run's page
 * function with the href, and freed: the principal result never holds the pages. */
static void page_element(xsltTransformContextPtr ctxt, xmlNodePtr node, xmlNodePtr inst,
                         xsltElemPreCompPtr comp)
{
	struct run *r = ctxt ? ctxt->_private : NULL;
	xmlDocPtr doc;
	xmlNodePtr root;
	xmlChar *href;
	(void)comp;
	if (!r || !r->page_fn || ctxt->state != XSLT_STATE_OK)
		return;
	href = xsltEvalAttrValueTemplate(ctxt, inst, (const xmlChar *)"href", NULL);
	doc = build_apart(ctxt, node, inst->children, "page", &root);
	if (!doc) {
		xmlFree(href);
		xsltTransformError(ctxt, NULL, inst, "cannot allocate a page\n");
		ctxt->state = XSLT_STATE_STOPPED;
		return;
	}
	if (ctxt->state == XSLT_STATE_OK && r->sink &&
	    r->page_fn(r->page_arg, href ? (const char *)href : "", root, r->sink->d) != 0)
		ctxt->state = XSLT_STATE_STOPPED;
	xmlFreeDoc(doc);
	xmlFree(href);
}

static void cache_entry_free(void *payload, const xmlChar *name)
{
	(void)name;
	free(payload);
}

/* The key of an rd:cache: its AVT compiled once, on first use (libxslt compiles the
 * attributes of literal result elements only; parsing the AVT on every call cost as
 * much as the rest of the element). */
static xmlChar *cache_key(xsltTransformContextPtr ctxt, xmlNodePtr inst)
{
	xmlAttrPtr a = xmlHasProp(inst, (const xmlChar *)"key");
	if (!a || a->type != XML_ATTRIBUTE_NODE || !a->children)
		return NULL;
	if (!a->psvi && (xmlStrchr(a->children->content, '{') || xmlStrchr(a->children->content, '}')))
		xsltCompileAttr(ctxt->style, a);
	if (a->psvi)
		return xsltEvalAVT(ctxt, a->psvi, inst);
	if (xmlStrchr(a->children->content, '{') || xmlStrchr(a->children->content, '}'))
		return xsltEvalAttrValueTemplate(ctxt, inst, (const xmlChar *)"key", NULL);
	return xmlStrdup(a->children->content);
}

/* <rd:cache key="AVT"><xsl:fallback>content</xsl:fallback></rd:cache>: the first time a
 * key comes, the content is built (in a scratch document, as rd:page builds a page) and
 * kept as the HTML html5.c writes for it; every time, that HTML goes into the result as
 * one node (html5_raw_node). Much of a site's every page is the same (head, header,
 * footer, contents sidebar): built once per transform, it costs a hash lookup a page.
 * A processor without the element runs the fallback, which is the same content. */
static void cache_element(xsltTransformContextPtr ctxt, xmlNodePtr node, xmlNodePtr inst,
                          xsltElemPreCompPtr comp)
{
	struct run *r = ctxt ? ctxt->_private : NULL;
	xmlChar *key;
	char *entry;
	xmlNodePtr raw;
	(void)comp;
	if (!r || ctxt->state != XSLT_STATE_OK)
		return;
	key = cache_key(ctxt, inst);
	if (!key) {
		xsltTransformError(ctxt, NULL, inst, "rd:cache needs a key\n");
		ctxt->state = XSLT_STATE_STOPPED;
		return;
	}
	if (!r->cache)
		r->cache = xmlHashCreate(64);
	entry = r->cache ? xmlHashLookup(r->cache, key) : NULL;
	if (!entry && r->cache) {
		xmlNodePtr fb, root;
		xmlDocPtr doc;
		buf b;
		int first;
		for (fb = inst->children; fb; fb = fb->next)
			if (fb->type == XML_ELEMENT_NODE && fb->ns &&
			    xmlStrEqual(fb->ns->href, XSLT_NAMESPACE) &&
			    xmlStrEqual(fb->name, (const xmlChar *)"fallback"))
				break;
		doc = build_apart(ctxt, node, fb ? fb->children : NULL, "cache", &root);
		if (!doc) {
			xmlFree(key);
			xsltTransformError(ctxt, NULL, inst, "cannot allocate a cached fragment\n");
			ctxt->state = XSLT_STATE_STOPPED;
			return;
		}
		buf_init(&b);
		buf_putc(&b, 't');
		first = html5_serialize_children(root, &b);
		xmlFreeDoc(doc);
		if (b.oom || ctxt->state != XSLT_STATE_OK) {
			buf_free(&b);
			xmlFree(key);
			if (ctxt->state == XSLT_STATE_OK) {
				xsltTransformError(ctxt, NULL, inst, "cannot allocate a cached fragment\n");
				ctxt->state = XSLT_STATE_STOPPED;
			}
			return;
		}
		b.s[0] = first ? 'e' : 't';
		entry = b.s; /* the buffer's string, now the entry's */
		if (xmlHashAddEntry(r->cache, key, entry) != 0) {
			buf_free(&b);
			xmlFree(key);
			xsltTransformError(ctxt, NULL, inst, "cannot allocate a cached fragment\n");
			ctxt->state = XSLT_STATE_STOPPED;
			return;
		}
	}
	xmlFree(key);
	if (!entry) {
		xsltTransformError(ctxt, NULL, inst, "cannot allocate a cached fragment\n");
		ctxt->state = XSLT_STATE_STOPPED;
		return;
	}
	if (!entry[1])
		return; /* no content: no node, as the content would have added none */
	raw = html5_raw_node(ctxt->output, entry + 1, entry[0] == 'e');
	if (!raw || !xmlAddChild(ctxt->insert, raw)) {
		xmlFreeNode(raw);
		xsltTransformError(ctxt, NULL, inst, "cannot allocate a cached fragment\n");
		ctxt->state = XSLT_STATE_STOPPED;
	}
}

/* Register res->docs in the transform's document list under their URIs, so that
 * document() finds them there before it would read a file. They are marked "main":
 * libxslt then does not free them with the context. Their URLs are swapped for the
 * URIs (saved[i] keeps the old ones; restore_docs puts them back). */
static int register_docs(xsltTransformContextPtr tctxt, const struct result *res,
                         xmlChar **saved)
{
	for (size_t i = 0; i < res->ndocs; i++)
		saved[i] = (xmlChar *)res->docs[i].doc->URL;
	for (size_t i = 0; i < res->ndocs; i++) {
		xmlDocPtr doc = res->docs[i].doc;
		xsltDocumentPtr xd;
		if ((const xmlChar *)doc->URL != saved[i])
			return -1; /* the same document twice */
		doc->URL = xmlStrdup((const xmlChar *)res->docs[i].uri);
		xmlXPathOrderDocElems(doc);
		xd = doc->URL ? xsltNewDocument(tctxt, doc) : NULL;
		if (!xd)
			return -1;
		xd->main = 1;
	}
	return 0;
}

static void restore_docs(const struct result *res, xmlChar **saved)
{
	for (size_t i = 0; saved && i < res->ndocs; i++) {
		xmlDocPtr doc = res->docs[i].doc;
		if ((const xmlChar *)doc->URL != saved[i])
			xmlFree((xmlChar *)doc->URL);
		doc->URL = saved[i];
	}
}

static int apply(xslt_sheet *s, xmlDocPtr in, const char *const *params, const char *outdir,
                 struct result *res, diag *d)
{
	struct err_sink sink;
	struct saved_channels sv;
	struct run run;
	xsltTransformContextPtr tctxt = NULL;
	xsltSecurityPrefsPtr sec = NULL;
	xmlDocPtr out = NULL;
	xmlChar *base = NULL;
	xmlChar **saved_urls = NULL;
	int rc = -1;
	size_t errors_before = d->errors;

	memset(&sink, 0, sizeof sink);
	memset(&run, 0, sizeof run);
	sink.d = d;
	sink.sheet_path = s->path;
	run.sink = &sink;

	if (outdir) {
		if (!realpath(outdir, run.root)) {
			diag_sys(d, outdir, "output directory", errno);
			return -1;
		}
		if (!fsio_is_dir(run.root)) {
			diag_error(d, outdir, 0, "output directory is not a directory");
			return -1;
		}
		if (strcmp(run.root, "/") == 0) {
			diag_error(d, outdir, 0, "refusing / as the output directory");
			return -1;
		}
		base = root_base_uri(run.root);
		if (!base) {
			diag_sys(d, outdir, "cannot allocate", ENOMEM);
			return -1;
		}
	}
	/* without outdir, base stays NULL and check_write refuses every write (root "") */

	if (params) {
		size_t i;
		for (i = 0; params[i]; i += 2) {
			if (!params[i + 1]) {
				diag_error(d, s->path, 0, "parameter %s has no value", params[i]);
				xmlFree(base);
				return -1;
			}
		}
	}

	xmlXPathOrderDocElems(in); /* document order in O(1): a large speed-up for keys */

	channels_enter(&sv, &sink);
	tctxt = xsltNewTransformContext(s->style, in);
	sec = xsltNewSecurityPrefs();
	if (!tctxt || !sec) {
		channels_leave(&sv);
		diag_sys(d, s->path, "cannot create XSLT transform context", ENOMEM);
		goto done_nochan;
	}
	sink.tctxt = tctxt;
	run.magic = RUN_MAGIC;
	tctxt->_private = &run;
	/* the step hook runs for this transform (and for no one else's: a context's
	 * debugStatus starts as the process's, XSLT_DEBUG_NONE) */
	tctxt->debugStatus = XSLT_DEBUG_RUN;
	if (tctxt->xpathCtxt) {
		tctxt->xpathCtxt->opLimit = XSLT_MAX_XPATH_OPS;
		tctxt->xpathCtxt->opCount = 0;
	}
	run.page_fn = res->page_fn;
	run.page_arg = res->page_arg;
	if (res->page_fn &&
	    (xsltRegisterExtElement(tctxt, (const xmlChar *)"page", (const xmlChar *)XSLT_REGDOC_NS,
	                            page_element) != 0 ||
	     xsltRegisterExtElement(tctxt, (const xmlChar *)"cache", (const xmlChar *)XSLT_REGDOC_NS,
	                            cache_element) != 0)) {
		diag_sys(d, s->path, "cannot register rd:page and rd:cache", ENOMEM);
		goto done;
	}
	xsltSetTransformErrorFunc(tctxt, &sink, generic_error);
	xsltSetCtxtParseOptions(tctxt, SAFE_PARSE_OPTIONS);
	if (xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid) != 0 ||
	    xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid) != 0 ||
	    xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid) != 0 ||
	    xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE, check_write) != 0 ||
	    xsltSetCtxtSecurityPrefs(sec, tctxt) != 0) {
		diag_error(d, s->path, 0, "cannot set XSLT security preferences");
		goto done;
	}
	if (params && params[0] &&
	    xsltQuoteUserParams(tctxt, (const char **)params) != 0) {
		diag_error(d, s->path, 0, "cannot set stylesheet parameters");
		goto done;
	}
	if (res->ndocs) {
		saved_urls = calloc(res->ndocs, sizeof *saved_urls);
		if (!saved_urls || register_docs(tctxt, res, saved_urls) != 0) {
			diag_sys(d, s->path, "cannot register the library documents", ENOMEM);
			goto done;
		}
	}
	out = xsltApplyStylesheetUser(s->style, in, NULL, (const char *)base, NULL, tctxt);
	if (!out || tctxt->state != XSLT_STATE_OK || sink.errors || d->errors != errors_before) {
		if (d->errors == errors_before)
			diag_error(d, s->path, 0, "XSLT transformation failed");
		goto done;
	}

	switch (res->kind) {
	case RESULT_FILE:
		if (res->main_output) {
			xmlChar *buf = NULL;
			int len = 0;
			char *path;
			if (!outdir) {
				diag_error(d, s->path, 0, "no output directory for the result");
				goto done;
			}
			path = fsio_join(run.root, res->main_output);
			if (!path) {
				diag_sys(d, outdir, "cannot allocate", ENOMEM);
				goto done;
			}
			if (!path_inside(run.root, path)) {
				diag_error(d, path, 0, "refused to write outside the output directory");
				free(path);
				goto done;
			}
			if (xsltSaveResultToString(&buf, &len, out, s->style) != 0) {
				diag_error(d, path, 0, "cannot serialize the XSLT result");
				free(path);
				goto done;
			}
			rc = fsio_write_file(path, buf, buf ? (size_t)len : 0, 0, d);
			xmlFree(buf);
			free(path);
			if (rc != 0)
				goto done;
		}
		rc = 0;
		break;
	case RESULT_MEMORY: {
		xmlChar *buf = NULL;
		int len = 0;
		if (xsltSaveResultToString(&buf, &len, out, s->style) != 0) {
			diag_error(d, s->path, 0, "cannot serialize the XSLT result");
			goto done;
		}
		res->len = buf ? (size_t)len : 0;
		res->buf = malloc(res->len + 1);
		if (!res->buf) {
			xmlFree(buf);
			diag_sys(d, s->path, "cannot allocate", ENOMEM);
			goto done;
		}
		if (res->len)
			memcpy(res->buf, buf, res->len);
		res->buf[res->len] = '\0';
		xmlFree(buf);
		rc = 0;
		break;
	}
	case RESULT_DOC:
		res->doc = out;
		out = NULL;
		rc = 0;
		break;
	}

done:
	channels_leave(&sv);
done_nochan:
	if (out)
		xmlFreeDoc(out);
	if (tctxt)
		xsltFreeTransformContext(tctxt);
	if (run.cache)
		xmlHashFree(run.cache, cache_entry_free);
	if (saved_urls) {
		restore_docs(res, saved_urls);
		free(saved_urls);
	}
	if (sec)
		xsltFreeSecurityPrefs(sec);
	xmlFree(base);
	return rc;
}

int xslt_apply(xslt_sheet *s, xmlDocPtr in, const char *const *params, const char *outdir,
               const char *main_output, diag *d)
{
	struct result res;
	memset(&res, 0, sizeof res);
	res.kind = RESULT_FILE;
	res.main_output = main_output;
	return apply(s, in, params, outdir, &res, d);
}

int xslt_apply_to_memory(xslt_sheet *s, xmlDocPtr in, const char *const *params,
                         const char *outdir, char **out, size_t *len, diag *d)
{
	struct result res;
	memset(&res, 0, sizeof res);
	res.kind = RESULT_MEMORY;
	*out = NULL;
	*len = 0;
	if (apply(s, in, params, outdir, &res, d) != 0)
		return -1;
	*out = res.buf;
	*len = res.len;
	return 0;
}

xmlDocPtr xslt_apply_to_doc_with(xslt_sheet *s, xmlDocPtr in, const char *const *params,
                                 const xslt_doc *docs, size_t ndocs, const char *outdir,
                                 diag *d)
{
	struct result res;
	memset(&res, 0, sizeof res);
	res.kind = RESULT_DOC;
	res.docs = docs;
	res.ndocs = docs ? ndocs : 0;
	if (apply(s, in, params, outdir, &res, d) != 0)
		return NULL;
	return res.doc;
}

xmlDocPtr xslt_apply_to_doc_pages(xslt_sheet *s, xmlDocPtr in, const char *const *params,
                                  const xslt_doc *docs, size_t ndocs, const char *outdir,
                                  xslt_page_fn fn, void *arg, diag *d)
{
	struct result res;
	memset(&res, 0, sizeof res);
	res.kind = RESULT_DOC;
	res.docs = docs;
	res.ndocs = docs ? ndocs : 0;
	res.page_fn = fn;
	res.page_arg = arg;
	if (apply(s, in, params, outdir, &res, d) != 0)
		return NULL;
	return res.doc;
}

xmlDocPtr xslt_apply_to_doc(xslt_sheet *s, xmlDocPtr in, const char *const *params,
                            const char *outdir, diag *d)
{
	struct result res;
	memset(&res, 0, sizeof res);
	res.kind = RESULT_DOC;
	if (apply(s, in, params, outdir, &res, d) != 0)
		return NULL;
	return res.doc;
}
