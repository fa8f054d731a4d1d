/* touch.c - see touch.h */
#include "assess/touch.h"

#include <string.h>

#include "util/buf.h"

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int is_word_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c >= 0x80;
}

static void subtree_text(const xmlNode *n, buf *out)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content) {
				buf_puts(out, (const char *)n->content);
				buf_putc(out, ' ');
			}
		} else if (n->type == XML_ELEMENT_NODE) {
			subtree_text(n->children, out);
		}
	}
}

/* word (len bytes) occurs in text at the start of a word, ignoring ASCII case */
static int has_word(const char *text, const char *word, size_t len)
{
	if (len == 0)
		return 1;
	for (const char *p = text; *p; p++) {
		size_t i = 0;
		if (p != text && is_word_char((unsigned char)p[-1]))
			continue;
		while (i < len && p[i] && lower((unsigned char)p[i]) == lower((unsigned char)word[i]))
			i++;
		if (i == len)
			return 1;
	}
	return 0;
}

/* a is b, or one of them lies inside the other (ids are dotted paths: art-43.3.sub2) */
static int nested(const char *a, size_t alen, const char *b)
{
	size_t blen = strlen(b);
	size_t n = alen < blen ? alen : blen;
	if (strncmp(a, b, n) != 0)
		return 0;
	if (alen == blen)
		return 1;
	return (alen > blen ? a[n] : b[n]) == '.';
}

/* The group "name: " of evidence, as [*start, end) of its items; 0 when absent. */
static int group(const char *evidence, const char *name, const char **start, const char **end)
{
	size_t nl = strlen(name);
	const char *p = evidence;
	while (p && *p) {
		const char *semi = strstr(p, "; ");
		const char *stop = semi ? semi : p + strlen(p);
		if ((size_t)(stop - p) > nl + 2 && !strncmp(p, name, nl) && p[nl] == ':' &&
		    p[nl + 1] == ' ') {
			*start = p + nl + 2;
			*end = stop;
			return 1;
		}
		p = semi ? semi + 2 : NULL;
	}
	return 0;
}

/* each item of [s, e) separated by ", "; fn(item, len, arg) */
typedef int (*item_fn)(const char *item, size_t len, const void *arg);

static int any_item(const char *s, const char *e, item_fn fn, const void *arg)
{
	while (s < e) {
		const char *c = s;
		while (c < e && !(c[0] == ',' && c + 1 < e && c[1] == ' '))
			c++;
		if (c > s && fn(s, (size_t)(c - s), arg))
			return 1;
		s = c < e ? c + 2 : e;
	}
	return 0;
}

static int fn_nested(const char *item, size_t len, const void *arg)
{
	return nested(item, len, (const char *)arg);
}

static int fn_missing(const char *item, size_t len, const void *arg)
{
	return !has_word((const char *)arg, item, len);
}

int touch_evidence(const gindex *g, const char *provision, const char *evidence)
{
	xmlNodePtr n;
	const char *s, *e;
	buf text;
	int ok;

	if (!g || !provision || !evidence)
		return 0;
	n = gindex_find(g, provision);
	if (!n)
		return 0;
	if (gindex_unit(g, provision) == n)
		return 1;
	if (group(evidence, "cites", &s, &e) && any_item(s, e, fn_nested, provision))
		return 1;
	if (!group(evidence, "words", &s, &e) && !group(evidence, "terms", &s, &e))
		return 0;
	buf_init(&text);
	subtree_text(n->children, &text);
	ok = text.s && !any_item(s, e, fn_missing, text.s);
	buf_free(&text);
	return ok;
}
