/*
 * partxml.h - one element of a document written as a document of its own: the bytes
 * of a package part (render/package.c), as xmlDocCopyNode of the element into a new
 * document, xmlReconciliateNs and xmlSaveDoc (UTF-8, no formatting) write them.
 *
 * Owns: writing those bytes without the copy. The copy ends with declarations on its
 * root of every namespace the element's subtree uses and the element does not declare
 * (first those declared outside the element, as xmlDocCopyNode meets them, then those
 * declared inside it, as xmlReconciliateNs does); partxml adds the same declarations to
 * the element for the time of the writing and takes them off again. A subtree where
 * that would not give the copy's bytes (a prefix bound to two names or a name to two
 * prefixes, a namespace declared nowhere, a default namespace declared inside, an
 * attribute in a default namespace, entity references) is written through the copy.
 * On the corpus the parts cost 1,930M instructions through the copy (copying 693M,
 * writing 980M, freeing 257M), 1,152M in place (README.md, Speed).
 */
#ifndef REGDOC_RENDER_PARTXML_H
#define REGDOC_RENDER_PARTXML_H

#include <stddef.h>

#include <libxml/tree.h>

/* The bytes (*len; free() them, NUL-terminated), or NULL when out of memory. el is as
 * it was afterwards. */
char *partxml(xmlNodePtr el, size_t *len);

/* 1 when partxml writes el in place, 0 when through the copy. */
int partxml_in_place(xmlNodePtr el);

/* The same, always through the copy (what partxml must equal; for the tests). */
char *partxml_copied(xmlNodePtr el, size_t *len);

#endif
