/*
 * strtab.h - an arena of bytes and a string → id table interned into it.
 *
 * Owns: arena (blocks of 64 KiB or more, 8-aligned allocations that live until
 * arena_free, no per-object free) and strtab (open addressing, ids 0, 1, 2 … in order
 * of first intern, keys copied into an arena). The hash only orders probes, never ids:
 * what a table gives is deterministic. Used by the suggest scorer (src/link/suggest*.c)
 * for its vocabularies; a zeroed arena or strtab is empty and ready.
 */
#ifndef REGDOC_STRTAB_H
#define REGDOC_STRTAB_H

#include <stddef.h>
#include <stdint.h>

#define STRTAB_NONE ((uint32_t)-1)

typedef struct arena_block {
	struct arena_block *next;
	size_t used, cap;
	_Alignas(8) char data[];
} arena_block;

typedef struct arena {
	arena_block *head;
} arena;

/* size bytes, 8-aligned, that live as long as the arena; NULL when out of memory. */
void *arena_alloc(arena *a, size_t size);
/* s[0..len) NUL-terminated in the arena. */
char *arena_strndup(arena *a, const char *s, size_t len);
void arena_free(arena *a);

typedef struct strtab_slot {
	uint32_t id1;  /* id + 1; 0 = empty */
	uint32_t hash;
} strtab_slot;

typedef struct strtab {
	strtab_slot *slots;
	size_t cap;      /* power of two */
	char **keys;     /* keys[id], in the arena given to strtab_intern */
	uint32_t *lens;
	size_t n, keycap; /* ids in use; keys/lens have room for keycap ids */
} strtab;

void strtab_free(strtab *t);
/* The id of s[0..len), or STRTAB_NONE. */
uint32_t strtab_lookup(const strtab *t, const char *s, size_t len);
/* The id of s (added, its key copied into a, when new: *added set); STRTAB_NONE when
 * out of memory. */
uint32_t strtab_intern(strtab *t, arena *a, const char *s, size_t len, int *added);

#endif
