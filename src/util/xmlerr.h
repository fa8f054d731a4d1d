/*
 * xmlerr.h - libxml2's well-formedness errors said in the writer's terms.
 *
 * Owns: the sentence a writer reads when a file regdoc parses (a product, its answers,
 * a rule file, a manifest) is not well-formed XML: what is wrong and how to write it
 * instead ("'&' starts an entity reference that never ends with ';': write a lone '&'
 * as &amp;"), in place of the parser's own ("EntityRef: expecting ';'"). The line is
 * the caller's (xmlsafe.c); schema errors are rngexplain's.
 */
#ifndef REGDOC_XMLERR_H
#define REGDOC_XMLERR_H

#include <stddef.h>

#include <libxml/xmlerror.h>

/* Write into out[0..n) what err means, for a parser or namespace error (libxml2's
 * domains XML_FROM_PARSER and XML_FROM_NAMESPACE); an error of a code without a
 * sentence of regdoc's keeps libxml2's words after "not well-formed XML: ". Returns 0
 * when err is not a parser or namespace error (out is then untouched). */
int xmlerr_say(const xmlError *err, char *out, size_t n);

#endif
