/*
 * strtab.c - an arena of bytes and a string → id table (strtab.h).
 */
#include "util/strtab.h"

#include <stdlib.h>
#include <string.h>

#define NONE STRTAB_NONE

/* size bytes, 8-aligned, that live as long as the arena. */
void *arena_alloc(arena *a, size_t size)
{
	arena_block *b = a->head;
	void *p;
	size = (size + 7) & ~(size_t)7;
	if (!b || b->cap - b->used < size) {
		size_t cap = size > 65536 ? size : 65536;
		b = malloc(sizeof *b + cap);
		if (!b)
			return NULL;
		b->next = a->head;
		b->used = 0;
		b->cap = cap;
		a->head = b;
	}
	p = b->data + b->used;
	b->used += size;
	return p;
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
	char *p = arena_alloc(a, len + 1);
	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void arena_free(arena *a)
{
	while (a->head) {
		arena_block *n = a->head->next;
		free(a->head);
		a->head = n;
	}
}

/* 8 bytes at a time (tokens are short); the hash only orders probes, never ids. */
static inline uint32_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 0x9E3779B97F4A7C15u ^ len, w;
	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDu;
		h ^= h >> 32;
	}
	w = 0;
	for (size_t k = 0; k < len; k++)
		w |= (uint64_t)(unsigned char)s[k] << (8 * k);
	h = (h ^ w) * 0xC4CEB9FE1A85EC53u;
	h ^= h >> 29;
	return (uint32_t)(h ^ (h >> 32));
}

void strtab_free(strtab *t)
{
	free(t->slots);
	free(t->keys);
	free(t->lens);
	memset(t, 0, sizeof *t);
}

/* memcmp(a, b, n) == 0 for short strings, without the call */
static int same_bytes(const char *a, const char *b, size_t n)
{
	uint64_t x, y;
	for (; n >= 8; a += 8, b += 8, n -= 8) {
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y)
			return 0;
	}
	for (; n; n--)
		if (*a++ != *b++)
			return 0;
	return 1;
}

static inline uint32_t lookup_h(const strtab *t, const char *s, size_t len, uint32_t h)
{
	if (!t->cap)
		return NONE;
	for (size_t i = h & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
		const strtab_slot *sl = &t->slots[i];
		if (!sl->id1)
			return NONE;
		if (sl->hash == h && t->lens[sl->id1 - 1] == len && same_bytes(t->keys[sl->id1 - 1], s, len))
			return sl->id1 - 1;
	}
}

uint32_t strtab_lookup(const strtab *t, const char *s, size_t len)
{
	return lookup_h(t, s, len, hash_bytes(s, len));
}

static int strtab_grow(strtab *t)
{
	size_t ncap = t->cap ? t->cap * 2 : 4096;
	strtab_slot *ns = calloc(ncap, sizeof *ns);
	if (!ns)
		return -1;
	for (size_t k = 0; k < t->cap; k++)
		if (t->slots[k].id1) {
			size_t i = t->slots[k].hash & (ncap - 1);
			while (ns[i].id1)
				i = (i + 1) & (ncap - 1);
			ns[i] = t->slots[k];
		}
	free(t->slots);
	t->slots = ns;
	t->cap = ncap;
	return 0;
}

/* The id of s (added, its key copied into a, when new); NONE when out of memory. */
uint32_t strtab_intern(strtab *t, arena *a, const char *s, size_t len, int *added)
{
	uint32_t h = hash_bytes(s, len), id = lookup_h(t, s, len, h);
	size_t i;
	*added = 0;
	if (id != NONE)
		return id;
	if ((t->n + 1) * 2 > t->cap && strtab_grow(t) != 0)
		return NONE;
	if (t->n == t->keycap) {
		size_t nk = t->keycap ? t->keycap * 2 : 2048;
		char **keys = realloc(t->keys, nk * sizeof *keys);
		uint32_t *lens;
		if (!keys)
			return NONE;
		t->keys = keys;
		lens = realloc(t->lens, nk * sizeof *lens);
		if (!lens)
			return NONE;
		t->lens = lens;
		t->keycap = nk;
	}
	if (!(t->keys[t->n] = arena_strndup(a, s, len)))
		return NONE;
	t->lens[t->n] = (uint32_t)len;
	for (i = h & (t->cap - 1); t->slots[i].id1; i = (i + 1) & (t->cap - 1))
		;
	t->slots[i].id1 = (uint32_t)t->n + 1;
	t->slots[i].hash = h;
	*added = 1;
	return (uint32_t)t->n++;
}
