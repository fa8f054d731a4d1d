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
/* s with each run of white space (space, tab, CR, LF) written as one space, and none
 * at the start of b or after a space b ends with: text as XML and HTML read it. */
void buf_put_collapsed(buf *b, const char *s);
/* Drop the spaces b ends with. */
void buf_trim_end(buf *b);
void buf_printf(buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

#endif
