/*
 * xslt_load.c - loading stylesheets (xslt_impl.h): the safe loader of xsl:import,
 * xsl:include and document() (file: only, no DTD with entities), the step hook that
 * bounds a transform, the process's one-time set-up, and xslt_sheet_load.
 */
#include "render/xslt_impl.h"

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
	xslt_channels_enter(&sv, &sink);
	style = xsltParseStylesheetDoc(doc);
	xslt_channels_leave(&sv);
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
