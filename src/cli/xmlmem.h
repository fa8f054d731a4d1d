/*
 * xmlmem.h - libxml2's allocator for the regdoc command.
 *
 * Owns: the small-block cache the regdoc command puts in front of malloc for libxml2
 * and libxslt (xmlMemSetup). A build makes and frees some ten million small blocks
 * (nodes, names, XPath objects, node sets); glibc's free and malloc slow paths were a
 * fifth of a cold build's instructions (README, "Speed"). Freed blocks of up to
 * XMLMEM_MAX_SMALL bytes go on a list per 16-byte size class and are handed out again
 * by the next allocation of that class.
 *
 * Every block is a malloc block (no header): the size class is malloc_usable_size's,
 * so a block libxml2 allocated may be released with free() and a malloc'd one with
 * xmlFree(), as before. Installed only in the command (the library never touches a
 * process-wide allocator), only where malloc_usable_size exists (glibc), and not under
 * AddressSanitizer or valgrind's memcheck (they must see every free), nor when
 * REGDOC_XMLMEM=off.
 */
#ifndef REGDOC_CLI_XMLMEM_H
#define REGDOC_CLI_XMLMEM_H

#include <stddef.h>

#define XMLMEM_MAX_SMALL 512

/* Installs the cache when it applies (see above): call first thing in main, before
 * any libxml2 allocation. Returns 1 when installed, 0 when libxml2 keeps malloc. */
int xmlmem_install(void);

/* The cache's functions, for its tests (they work whether or not it is installed). */
void *xmlmem_malloc(size_t n);
void *xmlmem_realloc(void *p, size_t n);
void xmlmem_free(void *p);
char *xmlmem_strdup(const char *s);

/* Gives every cached block back to malloc (at exit: no block is left reachable). */
void xmlmem_release(void);

#endif
