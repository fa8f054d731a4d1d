/*
 * buf.h - a growable byte buffer, always NUL-terminated.
 */
#ifndef REGDOC_BUF_H
#define REGDOC_BUF_H

#include <stddef.h>

typedef struct buf {
	char *s;
	size_t len, cap;
	int oom; /* an append failed: the content is incomplete */
} buf;

void buf_init(buf *b);
void buf_free(buf *b);
void buf_clear(buf *b);
void buf_append(buf *b, const char *s, size_t len);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

#endif
