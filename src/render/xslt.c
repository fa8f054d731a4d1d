/*
 * xslt.c - see xslt.h; xslt_impl.h lists the files of this module's XSLT side.
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
#include "render/xslt_impl.h"

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

	xslt_channels_enter(&sv, &sink);
	tctxt = xsltNewTransformContext(s->style, in);
	sec = xsltNewSecurityPrefs();
	if (!tctxt || !sec) {
		xslt_channels_leave(&sv);
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
	                            xslt_page_element) != 0 ||
	     xsltRegisterExtElement(tctxt, (const xmlChar *)"cache", (const xmlChar *)XSLT_REGDOC_NS,
	                            xslt_cache_element) != 0)) {
		diag_sys(d, s->path, "cannot register rd:page and rd:cache", ENOMEM);
		goto done;
	}
	xsltSetTransformErrorFunc(tctxt, &sink, xslt_generic_error);
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
	case RESULT_MEMORY:
		rc = xslt_serialize(s, out, &res->buf, &res->len, d);
		break;
	case RESULT_DOC:
		res->doc = out;
		out = NULL;
		rc = 0;
		break;
	}

done:
	xslt_channels_leave(&sv);
done_nochan:
	if (out)
		xmlFreeDoc(out);
	if (tctxt)
		xsltFreeTransformContext(tctxt);
	if (run.cache)
		xmlHashFree(run.cache, xslt_cache_entry_free);
	if (saved_urls) {
		restore_docs(res, saved_urls);
		free(saved_urls);
	}
	if (sec)
		xsltFreeSecurityPrefs(sec);
	xmlFree(base);
	return rc;
}

int xslt_serialize(xslt_sheet *s, xmlDocPtr result, char **out, size_t *len, diag *d)
{
	xmlChar *buf = NULL;
	int n = 0;
	*out = NULL;
	*len = 0;
	if (xsltSaveResultToString(&buf, &n, result, s->style) != 0) {
		diag_error(d, s->path, 0, "cannot serialize the XSLT result");
		return -1;
	}
	*len = buf ? (size_t)n : 0;
	*out = malloc(*len + 1);
	if (!*out) {
		xmlFree(buf);
		*len = 0;
		diag_sys(d, s->path, "cannot allocate", ENOMEM);
		return -1;
	}
	if (*len)
		memcpy(*out, buf, *len);
	(*out)[*len] = '\0';
	xmlFree(buf);
	return 0;
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
