/*
 * xmlmem.c - see xmlmem.h.
 *
 * A freed block of usable size U (malloc_usable_size) goes on list U / 16: it can hold
 * any request of up to 16 * (U / 16) bytes. A request of n bytes takes the head of list
 * ceil(n / 16), or a new malloc block of that many bytes (whose usable size is at
 * least that). The list link is kept in the block itself. The lists hold at most
 * XMLMEM_CACHE_BYTES; beyond that a freed block goes back to malloc.
 *
 * Process-wide state, and not thread-safe: the regdoc command is one thread, and only
 * it installs the cache.
 */
#include "cli/xmlmem.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/xmlmemory.h>

#if defined(__GLIBC__)
#include <malloc.h>
#define XMLMEM_USABLE(p) malloc_usable_size(p)
#endif

#if defined(__SANITIZE_ADDRESS__)
#define XMLMEM_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define XMLMEM_SANITIZED 1
#endif
#endif

#define CLASS 16
#define NCLASS (XMLMEM_MAX_SMALL / CLASS)
#define XMLMEM_CACHE_BYTES ((size_t)32 << 20)

struct link {
	struct link *next;
};

static struct link *lists[NCLASS + 1];
static unsigned counts[NCLASS + 1];
static unsigned cap = 1u << 30;
static size_t cached; /* bytes on the lists */

void *xmlmem_malloc(size_t n)
{
	size_t c = n ? (n + CLASS - 1) / CLASS : 1;
	if (c <= NCLASS && lists[c]) {
		struct link *b = lists[c];
		lists[c] = b->next;
		counts[c]--;
		cached -= c * CLASS;
		return b;
	}
	return malloc(c <= NCLASS ? c * CLASS : n);
}

void xmlmem_free(void *p)
{
#ifdef XMLMEM_USABLE
	size_t c;
	if (!p)
		return;
	c = XMLMEM_USABLE(p) / CLASS;
	if (c >= 1 && c <= NCLASS && counts[c] < cap && cached + c * CLASS <= XMLMEM_CACHE_BYTES) {
		struct link *b = p;
		counts[c]++;
		b->next = lists[c];
		lists[c] = b;
		cached += c * CLASS;
		return;
	}
#endif
	free(p);
}

void *xmlmem_realloc(void *p, size_t n)
{
	/* every block is a malloc block: realloc may move or grow it as it likes */
	return realloc(p, n ? n : 1);
}

char *xmlmem_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = xmlmem_malloc(n);
	if (p)
		memcpy(p, s, n);
	return p;
}

void xmlmem_release(void)
{
	for (size_t c = 0; c <= NCLASS; c++)
		while (lists[c]) {
			struct link *b = lists[c];
			lists[c] = b->next;
			free(b);
		}
	cached = 0;
}

static int under_memcheck(void)
{
	const char *pre = getenv("LD_PRELOAD");
	return pre && (strstr(pre, "vgpreload_memcheck") || strstr(pre, "vgpreload_drd") ||
	               strstr(pre, "vgpreload_helgrind"));
}

int xmlmem_install(void)
{
#if defined(XMLMEM_USABLE) && !defined(XMLMEM_SANITIZED)
	const char *off = getenv("REGDOC_XMLMEM");
	if ((off && !strcmp(off, "off")) || under_memcheck())
		return 0;
	if (getenv("REGDOC_XMLMEM_CAP"))
		cap = (unsigned)atoi(getenv("REGDOC_XMLMEM_CAP"));
	if (xmlMemSetup(xmlmem_free, xmlmem_malloc, xmlmem_realloc, xmlmem_strdup) != 0)
		return 0;
	atexit(xmlmem_release);
	return 1;
#else
	return 0;
#endif
}
