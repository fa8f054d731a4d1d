/*
 * xmlsafe_filter.c - the SAX handlers of a filtered read (xmlsafe_impl.h): every element,
 * text, comment and processing instruction goes past them; they hand on to libxml2's
 * tree builder only what the run's filter keeps. The parser still reads every byte, so
 * well-formedness, the refusals and the diagnostics are those of a whole read. The
 * depth limit is counted here: elements that are not built cannot be measured later.
 */
#include <libxml/SAX2.h>

#include "util/xmlsafe_impl.h"

static struct xmlsafe_run *run_of(void *ctx)
{
	xmlParserCtxtPtr pc = ctx;
	return ((struct report_ctx *)pc->_private)->run;
}

/* What comes next (text, or an element's start) is built: it is inside no dropped or
 * emptied element. */
static int building(const struct xmlsafe_run *r)
{
	return r->skip < 0 || r->open < r->skip;
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                     const xmlChar *URI, int nb_namespaces, const xmlChar **namespaces,
                     int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	struct xmlsafe_run *r = run_of(ctx);
	int build = building(r);
	int depth = r->open++;
	if (r->open > XMLSAFE_MAX_DEPTH) {
		if (!r->deep) {
			int line = xmlSAX2GetLineNumber(ctx);
			r->deep = line > 0 ? (unsigned long)line : 1;
		}
		xmlStopParser(ctx);
		return;
	}
	if (!build)
		return;
	if (depth > 0 && r->whole < 0) {
		/* the name the tree gives it: an undeclared prefix (an error already
		 * reported) stays part of the name */
		xmlChar qbuf[64];
		const xmlChar *name = prefix && !URI ? xmlBuildQName(localname, prefix, qbuf, sizeof qbuf)
		                                     : localname;
		xmlsafe_keep k = r->keep(r->user, depth, name ? name : localname, URI);
		if (name && name != localname && name != qbuf)
			xmlFree((xmlChar *)name);
		switch (k) {
		case XMLSAFE_DROP:
			r->skip = depth;
			r->dropped = 1;
			return;
		case XMLSAFE_EMPTY:
			r->skip = depth + 1;
			r->dropped = 0;
			break;
		case XMLSAFE_WHOLE:
			r->whole = depth;
			break;
		case XMLSAFE_ASK:
			break;
		}
	}
	xmlSAX2StartElementNs(ctx, localname, prefix, URI, nb_namespaces, namespaces, nb_attributes,
	                      nb_defaulted, attributes);
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI)
{
	struct xmlsafe_run *r = run_of(ctx);
	int depth = --r->open;
	if (r->skip >= 0 && depth >= r->skip) {
		if (r->dropped && depth == r->skip)
			r->skip = -1; /* the dropped element ends */
		return;
	}
	xmlSAX2EndElementNs(ctx, localname, prefix, URI);
	if (!r->dropped && r->skip == depth + 1)
		r->skip = -1; /* the emptied element ends */
	if (r->whole == depth)
		r->whole = -1;
}

static void on_characters(void *ctx, const xmlChar *ch, int len)
{
	if (building(run_of(ctx)))
		xmlSAX2Characters(ctx, ch, len);
}

static void on_cdata(void *ctx, const xmlChar *value, int len)
{
	if (building(run_of(ctx)))
		xmlSAX2CDataBlock(ctx, value, len);
}

static void on_reference(void *ctx, const xmlChar *name)
{
	if (building(run_of(ctx)))
		xmlSAX2Reference(ctx, name);
}

static void on_comment(void *ctx, const xmlChar *value)
{
	if (building(run_of(ctx)))
		xmlSAX2Comment(ctx, value);
}

static void on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	if (building(run_of(ctx)))
		xmlSAX2ProcessingInstruction(ctx, target, data);
}

void xmlsafe_filter_handlers(xmlSAXHandlerPtr sax)
{
	sax->startElementNs = on_start;
	sax->endElementNs = on_end;
	sax->characters = on_characters;
	sax->ignorableWhitespace = on_characters;
	sax->cdataBlock = on_cdata; /* (XML_PARSE_NOCDATA: CDATA arrives as characters) */
	sax->reference = on_reference;
	sax->comment = on_comment;
	sax->processingInstruction = on_pi;
}
