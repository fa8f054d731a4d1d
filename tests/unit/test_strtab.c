/*
 * test_strtab.c - util/strtab (the arena and the string → id table the suggest scorer
 * interns its vocabularies in) and util/xmlnode (the in-place element and attribute
 * reads of the graph's readers).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <libxml/parser.h>

#include "util/strtab.h"
#include "util/xmlnode.h"

static void test_arena(void **state)
{
	arena a = {NULL};
	char *s, *big;
	(void)state;
	s = arena_strndup(&a, "conformity assessment", 10);
	assert_non_null(s);
	assert_string_equal(s, "conformity");
	assert_int_equal((uintptr_t)arena_alloc(&a, 3) % 8, 0);
	assert_int_equal((uintptr_t)arena_alloc(&a, 5) % 8, 0);
	/* larger than a block: a block of its own, the earlier strings kept */
	big = arena_alloc(&a, 100000);
	assert_non_null(big);
	memset(big, 'x', 100000);
	assert_string_equal(s, "conformity");
	arena_free(&a);
	assert_null(a.head);
}

static void test_strtab_ids_in_order(void **state)
{
	arena a = {NULL};
	strtab t;
	int added;
	(void)state;
	memset(&t, 0, sizeof t);
	assert_int_equal(strtab_lookup(&t, "provider", 8), STRTAB_NONE); /* empty table */
	assert_int_equal(strtab_intern(&t, &a, "provider", 8, &added), 0);
	assert_int_equal(added, 1);
	assert_int_equal(strtab_intern(&t, &a, "deployer", 8, &added), 1);
	assert_int_equal(strtab_intern(&t, &a, "provider", 8, &added), 0);
	assert_int_equal(added, 0);
	/* the length counts, not a NUL: a prefix is another key */
	assert_int_equal(strtab_intern(&t, &a, "providers", 8, &added), 0);
	assert_int_equal(strtab_intern(&t, &a, "providers", 9, &added), 2);
	assert_int_equal(strtab_lookup(&t, "deployer", 8), 1);
	assert_int_equal(strtab_lookup(&t, "deploy", 6), STRTAB_NONE);
	assert_string_equal(t.keys[2], "providers");
	assert_int_equal(t.lens[2], 9);
	assert_int_equal(t.n, 3);
	strtab_free(&t);
	arena_free(&a);
}

static void test_strtab_grows(void **state)
{
	arena a = {NULL};
	strtab t;
	char key[32];
	int added;
	(void)state;
	memset(&t, 0, sizeof t);
	/* past the first table (4,096 slots, half full) and the first key array (2,048) */
	for (unsigned k = 0; k < 10000; k++) {
		int n = snprintf(key, sizeof key, "word-%u", k);
		assert_int_equal(strtab_intern(&t, &a, key, (size_t)n, &added), k);
		assert_int_equal(added, 1);
	}
	for (unsigned k = 0; k < 10000; k += 7) {
		int n = snprintf(key, sizeof key, "word-%u", k);
		assert_int_equal(strtab_lookup(&t, key, (size_t)n), k);
		assert_string_equal(t.keys[k], key);
	}
	assert_int_equal(strtab_lookup(&t, "word-10000", 10), STRTAB_NONE);
	strtab_free(&t);
	arena_free(&a);
}

static void test_xmlnode(void **state)
{
	static const char xml[] =
	    "<regulation xmlns:x='urn:x'><edges/><article id='art-5' x:title='ns' title='T'>"
	    "<text/><point id='art-5.1'/></article><edges/></regulation>";
	xmlDocPtr doc = xmlReadMemory(xml, (int)sizeof xml - 1, "t.xml", NULL, XML_PARSE_NONET);
	xmlNodePtr root, art, edges;
	xmlAttrPtr id;
	(void)state;
	assert_non_null(doc);
	root = xmlDocGetRootElement(doc);
	assert_true(xmlnode_is(root, "regulation"));
	assert_false(xmlnode_is(root, "regulations"));
	assert_false(xmlnode_is(NULL, "regulation"));
	edges = xmlnode_child(root, "edges");
	assert_ptr_equal(edges, root->children); /* the first of two */
	art = xmlnode_child(root, "article");
	assert_non_null(art);
	assert_null(xmlnode_child(root, "annex"));
	assert_null(xmlnode_child(NULL, "annex"));
	assert_string_equal(xmlnode_attr(art, "id"), "art-5");
	/* the first attribute of the name, as xmlHasProp: here the namespaced one */
	assert_string_equal(xmlnode_attr(art, "title"), "ns");
	assert_null(xmlnode_attr(art, "to"));
	assert_null(xmlnode_attr(NULL, "id"));
	{
		xmlNodePtr txt = xmlNewDocText(doc, (const xmlChar *)"id"); /* not an element */
		assert_null(xmlnode_attr(txt, "id"));
		assert_false(xmlnode_is(txt, "text"));
		xmlFreeNode(txt);
	}
	assert_string_equal(xmlnode_attr(xmlnode_child(art, "point"), "id"), "art-5.1");
	/* a value that is not one text node is not read in place */
	id = xmlHasProp(art, (const xmlChar *)"id");
	assert_string_equal(xmlnode_attr_value(id), "art-5");
	{
		/* linked by hand: xmlAddChild would merge the two texts into one */
		xmlNodePtr second = xmlNewDocText(doc, (const xmlChar *)"b");
		assert_non_null(second);
		second->parent = (xmlNodePtr)id;
		second->prev = id->children;
		id->children->next = second;
		id->last = second;
	}
	assert_null(xmlnode_attr_value(id));
	assert_null(xmlnode_attr(art, "id"));
	assert_null(xmlnode_attr_value(NULL));
	xmlFreeDoc(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arena),
		cmocka_unit_test(test_strtab_ids_in_order),
		cmocka_unit_test(test_strtab_grows),
		cmocka_unit_test(test_xmlnode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
