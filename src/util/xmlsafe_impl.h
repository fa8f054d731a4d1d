/*
 * xmlsafe_impl.h - what xmlsafe.c shares with xmlsafe_filter.c (not a public header):
 * the state a parse under xmlsafe carries in its parser context's _private field, and
 * the SAX handlers of a filtered read.
 */
#ifndef REGDOC_XMLSAFE_IMPL_H
#define REGDOC_XMLSAFE_IMPL_H

#include <libxml/parser.h>

#include "util/xmlsafe.h"

/* A filtered read in progress (xmlsafe_read_memory_filtered). Depths count from 0 at
 * the root element. */
struct xmlsafe_run {
	xmlsafe_filter keep;
	void *user;
	int open;            /* elements open */
	int skip;            /* nothing is built while this many elements or more are open; -1: none */
	int dropped;         /* skip is a dropped element's depth (else an emptied one's + 1) */
	int whole;           /* depth of the XMLSAFE_WHOLE element being built; -1: none */
	unsigned long deep;  /* line of an element nested deeper than XMLSAFE_MAX_DEPTH, 0: none */
};

struct report_ctx {
	diag *d;
	const char *name;
	unsigned long refused;   /* line of an entity declaration or external DTD, 0: none */
	int fatal;               /* a fatal parser error was reported: what follows is its echo */
	struct xmlsafe_run *run; /* a filtered read's state; NULL: the whole tree is built */
};

/* Set sax's tree-building handlers to the filtered read's, which build through libxml2's
 * own (xmlSAX2StartElementNs, xmlSAX2Characters, ...) only what the run's filter keeps. */
void xmlsafe_filter_handlers(xmlSAXHandlerPtr sax);

#endif
