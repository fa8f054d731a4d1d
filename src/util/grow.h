/*
 * grow.h - room for one more element in a growable array.
 *
 * Owns: the growth rule every such array of regdoc follows (double, from a first size
 * the caller picks; never overflow the size computation). The array itself stays
 * typed at the caller: T *v; size_t n, cap.
 */
#ifndef REGDOC_UTIL_GROW_H
#define REGDOC_UTIL_GROW_H

#include <stddef.h>

/* When n == *cap, make the array at *pv (a T **, elements of size bytes) hold twice as
 * many (first when empty). 0, or -1 without memory: the array is then as it was. */
int grow_for_one(void *pv, size_t *cap, size_t n, size_t size, size_t first);

#define GROW_FOR_ONE(v, n, cap, first) grow_for_one(&(v), &(cap), (n), sizeof *(v), (first))

#endif
