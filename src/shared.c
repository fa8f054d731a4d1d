/*
 * shared.c - the one source of libregdoc.so of its own: the shared library is the
 * static library's objects linked whole (cmake/install.cmake), exporting the public
 * API only (cmake/regdoc.map). ISO C wants a translation unit to declare something.
 */
#include "regdoc.h"

typedef int regdoc_shared_unit;
