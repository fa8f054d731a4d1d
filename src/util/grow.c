#include "util/grow.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int grow_for_one(void *pv, size_t *cap, size_t n, size_t size, size_t first)
{
	void *v, *nv;
	size_t ncap;
	if (n < *cap)
		return 0;
	ncap = *cap ? 2 * *cap : first;
	if (ncap <= *cap || ncap > SIZE_MAX / size)
		return -1;
	memcpy(&v, pv, sizeof v); /* the caller's T *, as the void * realloc takes */
	if (!(nv = realloc(v, ncap * size)))
		return -1;
	memcpy(pv, &nv, sizeof nv);
	*cap = ncap;
	return 0;
}
