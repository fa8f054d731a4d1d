#include "util/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(buf *b)
{
	b->s = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
}

void buf_free(buf *b)
{
	free(b->s);
	buf_init(b);
}

void buf_clear(buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

static int buf_reserve(buf *b, size_t extra)
{
	size_t need, ncap;
	char *ns;
	if (b->oom)
		return -1;
	if (extra > (size_t)-1 / 2 - b->len) {
		b->oom = 1;
		return -1;
	}
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	ncap = b->cap ? b->cap : 64;
	while (ncap < need)
		ncap *= 2;
	ns = realloc(b->s, ncap);
	if (!ns) {
		b->oom = 1;
		return -1;
	}
	b->s = ns;
	b->cap = ncap;
	return 0;
}

void buf_append(buf *b, const char *s, size_t len)
{
	if ((b->oom || len >= b->cap - b->len) && buf_reserve(b, len) != 0)
		return;
	if (len)
		memcpy(b->s + b->len, s, len);
	b->len += len;
	b->s[b->len] = '\0';
}

void buf_puts(buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void buf_putc(buf *b, char c)
{
	/* the common case without a call: serializers write a character at a time */
	if (!b->oom && b->len + 1 < b->cap) {
		b->s[b->len++] = c;
		b->s[b->len] = '\0';
		return;
	}
	buf_append(b, &c, 1);
}

void buf_put_collapsed(buf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
			if (b->len && b->s[b->len - 1] != ' ')
				buf_putc(b, ' ');
		} else {
			buf_putc(b, *s);
		}
	}
}

void buf_trim_end(buf *b)
{
	while (b->len && b->s[b->len - 1] == ' ')
		b->s[--b->len] = '\0';
}

void buf_printf(buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || buf_reserve(b, (size_t)n) != 0)
		return;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}
