/*
 * fuzz_xmlfilter.c - libFuzzer target for the filtered read of util/xmlsafe
 * (xmlsafe_read_memory_filtered: what the products page reads of every assessment.xml,
 * a file anyone who can write the output folder controls). The input is one XML file,
 * read whole (xmlsafe_read_memory) and filtered, the filter deciding by each element's
 * name and depth so that every kind of keep is taken at every depth.
 * Checked beyond the sanitizers: the filtered read refuses exactly what the whole read
 * refuses (what is not built is still parsed), each with a reason; and what it builds
 * is the whole read's tree pruned by the same filter, serialised byte for byte.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "util/xmlsafe.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet_libxml();
	return 0;
}

/* By the name's first byte and the depth: the four keeps. */
static xmlsafe_keep keeps(void *user, int depth, const xmlChar *name, const xmlChar *ns)
{
	(void)user;
	(void)ns;
	return (xmlsafe_keep)((name[0] + depth) % 4);
}

/* The whole read's tree pruned as the filter prunes: the children of el (at depth). */
static void prune(xmlNodePtr el, int depth)
{
	xmlNodePtr c = el->children, next;
	for (; c; c = next) {
		next = c->next;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		switch (keeps(NULL, depth, c->name, c->ns ? c->ns->href : NULL)) {
		case XMLSAFE_DROP:
			xmlUnlinkNode(c);
			xmlFreeNode(c);
			break;
		case XMLSAFE_EMPTY:
			xmlFreeNodeList(c->children);
			c->children = c->last = NULL;
			break;
		case XMLSAFE_WHOLE:
			break;
		case XMLSAFE_ASK:
			prune(c, depth + 1);
			break;
		}
	}
}

static xmlChar *dumped(xmlDocPtr doc, int *n)
{
	xmlChar *s = NULL;
	xmlDocDumpMemory(doc, &s, n);
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	diag dw, df;
	xmlDocPtr whole, filtered;
	xmlChar *a, *b;
	int na = 0, nb = 0;

	diag_init(&dw, NULL);
	diag_init(&df, NULL);
	whole = xmlsafe_read_memory((const char *)data, size, "fuzz-whole.xml", &dw);
	filtered = xmlsafe_read_memory_filtered((const char *)data, size, "fuzz-filtered.xml", keeps,
	                                        NULL, &df);
	if (!whole != !filtered)
		abort(); /* refused by one read and not by the other */
	if (!whole) {
		if (dw.errors == 0 || df.errors == 0)
			abort(); /* refused without a reason */
		return 0;
	}
	if (xmlDocGetRootElement(whole))
		prune(xmlDocGetRootElement(whole), 1);
	a = dumped(whole, &na);
	b = dumped(filtered, &nb);
	if (!a || !b || na != nb || memcmp(a, b, (size_t)na) != 0)
		abort(); /* the filtered tree is not the pruned whole one */
	xmlFree(a);
	xmlFree(b);
	xmlFreeDoc(whole);
	xmlFreeDoc(filtered);
	return 0;
}
