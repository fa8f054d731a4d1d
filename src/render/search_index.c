#include "render/search_index.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/fsio.h"

/* Append s as a JSON string literal that is also safe inside HTML and old JS. */
static void put_json_string(buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	buf_putc(b, '"');
	while (*p) {
		const unsigned char *run = p;
		while (*p >= 0x20 && *p != '"' && *p != '\\' && *p != '<' && *p != 0xE2)
			p++;
		if (p > run)
			buf_append(b, (const char *)run, (size_t)(p - run));
		if (!*p)
			break;
		if (*p == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
			/* U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR */
			buf_puts(b, p[2] == 0xA8 ? "\\u2028" : "\\u2029");
			p += 3;
			continue;
		}
		if (*p == 0xE2) {
			buf_putc(b, (char)*p++);
			continue;
		}
		switch (*p) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\t': buf_puts(b, "\\t"); break;
		case '\r': buf_puts(b, "\\r"); break;
		default: {
			char esc[7] = {'\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15], '\0'};
			buf_puts(b, esc);
		}
		}
		p++;
	}
	buf_putc(b, '"');
}

int search_index_build(xmlNodePtr entries, char **out, size_t *len, diag *d)
{
	xmlNodePtr root = entries;
	xmlNodePtr n;
	buf units, docs, all;
	xmlChar *last_title = NULL;
	long unit_index = -1;
	int first_doc = 1, oom;

	*out = NULL;
	*len = 0;
	if (!root || !xmlStrEqual(root->name, BAD_CAST "search")) {
		diag_error(d, NULL, 0, "search index: the site stylesheet returned no <search> result");
		return -1;
	}
	buf_init(&units);
	buf_init(&docs);
	for (n = root->children; n; n = n->next) {
		xmlChar *p, *f, *l, *x;
		if (n->type != XML_ELEMENT_NODE || !xmlStrEqual(n->name, BAD_CAST "d"))
			continue;
		p = xmlGetProp(n, BAD_CAST "p");
		if (p) {
			/* a unit: starts a group; its label is its title */
			xmlChar *t = xmlGetProp(n, BAD_CAST "t");
			unit_index++;
			if (unit_index > 0)
				buf_putc(&units, ',');
			buf_putc(&units, '[');
			put_json_string(&units, (const char *)p);
			buf_putc(&units, ',');
			put_json_string(&units, (const char *)t);
			buf_putc(&units, ']');
			xmlFree(last_title);
			last_title = t;
			xmlFree(p);
		} else if (unit_index < 0) {
			continue; /* an entry before any unit: nothing to attach it to */
		}
		f = xmlGetProp(n, BAD_CAST "f");
		l = xmlGetProp(n, BAD_CAST "l");
		x = xmlNodeGetContent(n);
		if (!first_doc)
			buf_puts(&docs, ",\n");
		first_doc = 0;
		buf_printf(&docs, "[%ld,", unit_index);
		put_json_string(&docs, (const char *)f);
		buf_putc(&docs, ',');
		put_json_string(&docs, (const char *)(l ? l : last_title));
		buf_putc(&docs, ',');
		put_json_string(&docs, (const char *)x);
		buf_putc(&docs, ']');
		xmlFree(f);
		xmlFree(l);
		xmlFree(x);
	}
	xmlFree(last_title);
	oom = units.oom || docs.oom;
	buf_init(&all);
	buf_puts(&all, "/* regdoc search index (generated) */\n"
	               "window.REGDOC_SEARCH = {\"v\":1,\n\"units\":[");
	buf_append(&all, units.s ? units.s : "", units.len);
	buf_puts(&all, "],\n\"docs\":[\n");
	buf_append(&all, docs.s ? docs.s : "", docs.len);
	buf_puts(&all, "]};\n");
	buf_free(&units);
	buf_free(&docs);
	if (all.oom || oom) {
		buf_free(&all);
		diag_sys(d, NULL, "search index", ENOMEM);
		return -1;
	}
	*out = all.s;
	*len = all.len;
	return 0;
}

int search_index_write(xmlNodePtr entries, const char *path, diag *d)
{
	char *s;
	size_t len;
	int rc;
	if (search_index_build(entries, &s, &len, d) != 0)
		return -1;
	rc = fsio_write_file(path, s, len, 0, d);
	free(s);
	return rc;
}
