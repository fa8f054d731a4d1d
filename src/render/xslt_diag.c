/*
 * xslt_diag.c - the messages of libxml2 and libxslt as diagnostics (xslt_impl.h): each
 * with the stylesheet's file and line, its level from its words, the process-wide error
 * channels swapped in for one load or transform and restored after.
 */
#include "render/xslt_impl.h"

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
void xslt_generic_error(void *ctx, const char *fmt, ...)
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


void xslt_channels_enter(struct saved_channels *sv, struct err_sink *s)
{
	sv->xslt_generic = xsltGenericError;
	sv->xslt_generic_ctx = xsltGenericErrorContext;
	sv->xml_structured = xmlStructuredError;
	sv->xml_structured_ctx = xmlStructuredErrorContext;
	sv->xml_generic = xmlGenericError;
	sv->xml_generic_ctx = xmlGenericErrorContext;
	xsltSetGenericErrorFunc(s, xslt_generic_error);
	xmlSetStructuredErrorFunc(s, structured_error);
	/* libxml2's own generic channel too: no message of either library reaches the
	 * user but as a diagnostic with the stylesheet's file and line */
	xmlSetGenericErrorFunc(s, xslt_generic_error);
}

void xslt_channels_leave(const struct saved_channels *sv)
{
	xsltSetGenericErrorFunc(sv->xslt_generic_ctx, sv->xslt_generic);
	xmlSetStructuredErrorFunc(sv->xml_structured_ctx, sv->xml_structured);
	xmlSetGenericErrorFunc(sv->xml_generic_ctx, sv->xml_generic);
}
