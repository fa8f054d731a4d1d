/*
 * test_xmlmem.c - cli/xmlmem, the regdoc command's small-block cache for libxml2: a
 * freed block comes back for a request of its size class and never for a larger one;
 * blocks are plain malloc blocks either way (free() and xmlmem_free() mix); realloc
 * keeps the contents; a document built and freed through the cache is intact.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "cli/xmlmem.h"

static void test_reuse_within_class(void **state)
{
	char *a, *b, *c;
	(void)state;
	xmlmem_release();
	a = xmlmem_malloc(40); /* class 48 */
	assert_non_null(a);
	memset(a, 'a', 40);
	xmlmem_free(a);
#if defined(__GLIBC__)
	/* the same block for a request of its class (its usable size is at least 48) */
	b = xmlmem_malloc(48);
	assert_ptr_equal(a, b);
	assert_true(malloc_usable_size(b) >= 48);
#else
	b = xmlmem_malloc(48);
#endif
	memset(b, 'b', 48);
	/* never a cached block too small: a request of a larger class gets one that fits */
	xmlmem_free(b);
	c = xmlmem_malloc(200);
	assert_non_null(c);
#if defined(__GLIBC__)
	assert_true(malloc_usable_size(c) >= 200);
#endif
	memset(c, 'c', 200);
	free(c); /* a malloc block: libc's free takes it */
	xmlmem_release();
}

static void test_mixes_with_libc(void **state)
{
	char *p = malloc(24), *s;
	(void)state;
	assert_non_null(p);
	xmlmem_free(p);  /* a malloc block freed through the cache */
	s = xmlmem_strdup("Article 13(1)");
	assert_string_equal(s, "Article 13(1)");
	free(s);         /* and the reverse */
	xmlmem_free(NULL);
	xmlmem_release();
}

static void test_realloc_keeps_contents(void **state)
{
	char *p = xmlmem_malloc(10), *q;
	(void)state;
	memcpy(p, "0123456789", 10);
	q = xmlmem_realloc(p, 5000);
	assert_non_null(q);
	assert_memory_equal(q, "0123456789", 10);
	memset(q + 10, 'x', 4990);
	xmlmem_free(q); /* larger than XMLMEM_MAX_SMALL: straight back to malloc */
	assert_non_null(p = xmlmem_malloc(0));
	xmlmem_free(p);
	xmlmem_release();
}

static void test_many_blocks(void **state)
{
	enum { N = 5000 };
	static void *v[N];
	(void)state;
	for (int round = 0; round < 3; round++) {
		for (size_t i = 0; i < N; i++) {
			size_t n = 1 + (i * 37) % (XMLMEM_MAX_SMALL + 64);
			v[i] = xmlmem_malloc(n);
			assert_non_null(v[i]);
			memset(v[i], (int)(i & 0xff), n);
		}
		for (size_t i = 0; i < N; i++) {
			size_t n = 1 + (i * 37) % (XMLMEM_MAX_SMALL + 64);
			assert_int_equal(((unsigned char *)v[i])[0], i & 0xff);
			assert_int_equal(((unsigned char *)v[i])[n - 1], i & 0xff);
		}
		for (size_t i = 0; i < N; i++) /* in another order (7919 is prime to N) */
			xmlmem_free(v[(i * 7919) % N]);
	}
	xmlmem_release();
}

static void test_document_through_cache(void **state)
{
	static const char xml[] = "<regulation><article id='article-13'><p>Transparency</p>"
	                          "</article></regulation>";
	xmlFreeFunc f;
	xmlMallocFunc m;
	xmlReallocFunc r;
	xmlStrdupFunc s;
	(void)state;
	assert_int_equal(xmlMemGet(&f, &m, &r, &s), 0);
	assert_int_equal(xmlMemSetup(xmlmem_free, xmlmem_malloc, xmlmem_realloc, xmlmem_strdup), 0);
	for (int i = 0; i < 50; i++) {
		xmlDocPtr doc = xmlReadMemory(xml, (int)sizeof xml - 1, "t.xml", NULL, XML_PARSE_NONET);
		xmlChar *id;
		assert_non_null(doc);
		id = xmlGetProp(xmlDocGetRootElement(doc)->children, (const xmlChar *)"id");
		assert_string_equal((const char *)id, "article-13");
		xmlFree(id);
		xmlFreeDoc(doc);
	}
	assert_int_equal(xmlMemSetup(f, m, r, s), 0);
	xmlmem_release();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reuse_within_class),
		cmocka_unit_test(test_mixes_with_libc),
		cmocka_unit_test(test_realloc_keeps_contents),
		cmocka_unit_test(test_many_blocks),
		cmocka_unit_test(test_document_through_cache),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
