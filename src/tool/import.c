#include "tool/import.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "util/buf.h"
#include "util/fsio.h"
#include "util/fsout.h"
#include "util/text.h"
#include "util/xmlsafe.h"
#include "util/zipio.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_META "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"

/* What a filled document says: an <answers> document (product, law, point, item) and
 * the product's own regulation (points of it are not qualified). */
typedef struct imported {
	xmlDocPtr doc;
	xmlNodePtr root;
	char *regulation;
	const char *path;
	size_t fields; /* fields with a value */
} imported;

static int is_el(xmlNodePtr n, const char *ns, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name) &&
	       (!ns || (n->ns && !strcmp((const char *)n->ns->href, ns)));
}

static int attr_eq(xmlNodePtr n, const char *name, const char *v)
{
	xmlChar *a = xmlGetProp(n, (const xmlChar *)name);
	int eq = !strcmp(a ? (const char *)a : "", v ? v : "");
	xmlFree(a);
	return eq;
}

/* The child element name of root whose attribute attr is val (and, for points, whose
 * regulation is reg: NULL or "" for the product's own), or NULL. */
static xmlNodePtr find_el(xmlNodePtr root, const char *name, const char *attr, const char *val,
                          const char *reg, const char *primary)
{
	for (xmlNodePtr c = root->children; c; c = c->next) {
		xmlChar *r;
		int same;
		if (!is_el(c, NULL, name) || !attr_eq(c, attr, val))
			continue;
		if (!reg)
			return c;
		r = xmlGetProp(c, (const xmlChar *)"regulation");
		same = !strcmp(r && primary && strcmp((const char *)r, primary) ? (const char *)r
		                                                                 : (r && !primary ? (const char *)r : ""),
		               reg);
		xmlFree(r);
		if (same)
			return c;
	}
	return NULL;
}

static int imp_init(imported *im, const char *path)
{
	memset(im, 0, sizeof *im);
	im->path = path;
	im->doc = xmlNewDoc((const xmlChar *)"1.0");
	im->root = im->doc ? xmlNewDocNode(im->doc, NULL, (const xmlChar *)"answers", NULL) : NULL;
	if (!im->root)
		return -1;
	xmlDocSetRootElement(im->doc, im->root);
	return 0;
}

static void imp_free(imported *im)
{
	if (im->doc)
		xmlFreeDoc(im->doc);
	free(im->regulation);
}

/* "done", "Done", "not applicable", "N/A", "in progress" -> the schema's token; NULL
 * when it is none of them. */
static const char *status_token(const char *s)
{
	static const struct {
		const char *in, *out;
	} map[] = {
		{"open", "open"},     {"todo", "open"},
		{"to do", "open"},    {"in-progress", "in-progress"},
		{"in progress", "in-progress"}, {"started", "in-progress"},
		{"done", "done"},     {"complete", "done"},
		{"completed", "done"}, {"not-applicable", "not-applicable"},
		{"not applicable", "not-applicable"}, {"n/a", "not-applicable"},
		{"na", "not-applicable"},
	};
	char low[32];
	size_t n = strlen(s);
	if (n >= sizeof low)
		return NULL;
	for (size_t i = 0; i <= n; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (!strcmp(low, map[i].in))
			return map[i].out;
	return NULL;
}

/* A one-line field (status, evidence, responsible) of checklist item id. */
static int imp_item_field(imported *im, const char *kind, const char *id, const char *value,
                          unsigned long line, diag *d)
{
	xmlNodePtr item;
	size_t n = strlen(value);
	const char *v = text_trim(value, &n);
	char *val = text_ndup(v, n);
	int rc = -1;
	if (!val) {
		diag_sys(d, im->path, "cannot import", ENOMEM);
		return -1;
	}
	if (!text_is_slug(id)) {
		diag_error(d, im->path, line, "\"%s\" is not a checklist item id", id);
		goto out;
	}
	if (!*val) {
		rc = 0; /* left empty: the answers file keeps what it has */
		goto out;
	}
	item = find_el(im->root, "item", "id", id, NULL, NULL);
	if (!item && !(item = xmlNewChild(im->root, NULL, (const xmlChar *)"item", NULL))) {
		diag_sys(d, im->path, "cannot import", ENOMEM);
		goto out;
	}
	if (!xmlHasProp(item, (const xmlChar *)"id"))
		xmlNewProp(item, (const xmlChar *)"id", (const xmlChar *)id);
	if (!strcmp(kind, "status")) {
		const char *t = status_token(val);
		if (!t) {
			diag_error(d, im->path, line,
			           "the status of checklist item %s is \"%s\": write one of open, "
			           "in-progress, done, not-applicable",
			           id, val);
			goto out;
		}
		xmlSetProp(item, (const xmlChar *)"status", (const xmlChar *)t);
	} else {
		xmlNodePtr c = NULL;
		for (xmlNodePtr k = item->children; k; k = k->next)
			if (is_el(k, NULL, kind))
				c = k;
		if (c)
			xmlNodeSetContent(c, NULL), xmlNodeAddContent(c, (const xmlChar *)val);
		else
			xmlNewTextChild(item, NULL, (const xmlChar *)kind, (const xmlChar *)val);
	}
	im->fields++;
	rc = 0;
out:
	free(val);
	return rc;
}

/* The text of a documentation point qref ("anx-4.1.a", "cra:anx-7.1"): paragraphs. */
static int imp_point(imported *im, const char *qref, char *const *paras, size_t n,
                     unsigned long line, diag *d)
{
	const char *colon = strchr(qref, ':');
	char *reg = colon ? text_ndup(qref, (size_t)(colon - qref)) : NULL;
	const char *ref = colon ? colon + 1 : qref;
	xmlNodePtr p;
	size_t kept = 0;
	int rc = -1;
	for (size_t i = 0; i < n; i++)
		kept += paras[i][0] != '\0';
	if (!kept) {
		free(reg);
		return 0;
	}
	if ((colon && !reg) || !*ref || strspn(ref, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") != strlen(ref)) {
		diag_error(d, im->path, line, "\"%s\" is not the id of a point", qref);
		goto out;
	}
	p = xmlNewChild(im->root, NULL, (const xmlChar *)"point", NULL);
	if (!p) {
		diag_sys(d, im->path, "cannot import", ENOMEM);
		goto out;
	}
	xmlNewProp(p, (const xmlChar *)"ref", (const xmlChar *)ref);
	if (reg)
		xmlNewProp(p, (const xmlChar *)"regulation", (const xmlChar *)reg);
	for (size_t i = 0; i < n; i++)
		if (paras[i][0])
			xmlNewTextChild(p, NULL, (const xmlChar *)"p", (const xmlChar *)paras[i]);
	im->fields++;
	rc = 0;
out:
	free(reg);
	return rc;
}

static int imp_law(imported *im, const char *reg, const char *version)
{
	xmlNodePtr l = xmlNewChild(im->root, NULL, (const xmlChar *)"law", NULL);
	if (!l)
		return -1;
	xmlNewProp(l, (const xmlChar *)"regulation", (const xmlChar *)reg);
	xmlNewProp(l, (const xmlChar *)"version", (const xmlChar *)version);
	return 0;
}

/* The ids of a document: "regdoc:product ID REG" and "regdoc:law REG VERSION". */
static int imp_ids(imported *im, const char *what, const char *a, const char *b)
{
	if (!strcmp(what, "product")) {
		if (!xmlHasProp(im->root, (const xmlChar *)"product"))
			xmlNewProp(im->root, (const xmlChar *)"product", (const xmlChar *)a);
		if (b && *b && !im->regulation && !(im->regulation = strdup(b)))
			return -1;
		return 0;
	}
	return imp_law(im, a, b ? b : "");
}

/* ---- Markdown --------------------------------------------------------------------- */

/* The marker "<!-- regdoc:KIND ARG... -->" in line: kind and up to two args (copied,
 * space-separated, at most 255 bytes each), and where the text after it starts. 0 when
 * there is none. */
static int md_marker(const char *line, size_t len, char kind[32], char a[256], char b[256],
                     size_t *after)
{
	const char *s = NULL, *e;
	char tmp[600];
	size_t n;
	for (size_t i = 0; i + 11 < len && !s; i++)
		if (!strncmp(line + i, "<!-- regdoc:", 12))
			s = line + i + 12;
	if (!s)
		return 0;
	e = NULL;
	for (const char *p = s; p + 2 < line + len + 1 && !e; p++)
		if (p + 3 <= line + len && !strncmp(p, "-->", 3))
			e = p;
	if (!e || (size_t)(e - s) >= sizeof tmp)
		return 0;
	n = (size_t)(e - s);
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	kind[0] = a[0] = b[0] = '\0';
	if (sscanf(tmp, "%31s %255s %255s", kind, a, b) < 1)
		return 0;
	*after = (size_t)(e + 3 - line);
	return 1;
}

static void rstrip(buf *b)
{
	while (b->len && (b->s[b->len - 1] == ' ' || b->s[b->len - 1] == '\t' || b->s[b->len - 1] == '\r'))
		b->s[--b->len] = '\0';
}

/* paragraphs: blocks of lines separated by blank lines */
typedef struct paras {
	char **v;
	size_t n, cap;
	buf cur;
} paras;

static void paras_init(paras *p)
{
	memset(p, 0, sizeof *p);
	buf_init(&p->cur);
}

static void paras_free(paras *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
	buf_free(&p->cur);
	memset(p, 0, sizeof *p);
}

static int paras_end(paras *p)
{
	char *s;
	while (p->cur.len && p->cur.s[p->cur.len - 1] == '\n')
		p->cur.s[--p->cur.len] = '\0';
	if (!p->cur.len)
		return 0;
	if (p->cur.oom || !(s = strdup(p->cur.s)))
		return -1;
	if (p->n == p->cap) {
		size_t nc = p->cap ? 2 * p->cap : 8;
		char **nv = realloc(p->v, nc * sizeof *nv);
		if (!nv) {
			free(s);
			return -1;
		}
		p->v = nv;
		p->cap = nc;
	}
	p->v[p->n++] = s;
	buf_clear(&p->cur);
	return 0;
}

static int import_md(imported *im, diag *d)
{
	char *text = NULL;
	size_t len = 0, pos = 0;
	unsigned long lineno = 0, open_line = 0;
	char kind[32], a[256], b[256], open_ref[256] = "";
	int in_answer = 0, rc = 0;
	paras ps;
	paras_init(&ps);
	if (fsio_read_text(im->path, XMLSAFE_MAX_BYTES, &text, &len, d) != 0)
		return -1;
	while (pos < len && rc == 0) {
		const char *line = text + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t ll = nl ? (size_t)(nl - line) : len - pos;
		size_t after = 0;
		int has = md_marker(line, ll, kind, a, b, &after);
		pos += ll + (nl ? 1 : 0);
		lineno++;
		if (in_answer) {
			if (has && !strcmp(kind, "end")) {
				if (paras_end(&ps) != 0 ||
				    imp_point(im, open_ref, ps.v, ps.n, open_line, d) != 0)
					rc = -1;
				for (size_t i = 0; i < ps.n; i++)
					free(ps.v[i]);
				ps.n = 0;
				in_answer = 0;
				continue;
			}
			if (has) {
				diag_error(d, im->path, lineno,
				           "the text of %s (from line %lu) has no end marker "
				           "<!-- regdoc:end %s --> before this one",
				           open_ref, open_line, open_ref);
				rc = -1;
				break;
			}
			{
				size_t start = 0;
				while (start < ll && (line[start] == ' ' || line[start] == '\t' || line[start] == '\r'))
					start++;
				if (start == ll) {
					if (paras_end(&ps) != 0)
						rc = -1;
					continue;
				}
				if (ps.cur.len)
					buf_putc(&ps.cur, '\n');
				buf_append(&ps.cur, line, ll);
				rstrip(&ps.cur);
			}
			continue;
		}
		if (!has)
			continue;
		if (!strcmp(kind, "product") || !strcmp(kind, "law")) {
			if (!a[0] || imp_ids(im, kind, a, b) != 0) {
				diag_error(d, im->path, lineno, "a regdoc:%s marker without its value", kind);
				rc = -1;
			}
		} else if (!strcmp(kind, "status") || !strcmp(kind, "evidence") ||
		           !strcmp(kind, "responsible")) {
			char *v = text_ndup(line + after, ll - after);
			if (!v || imp_item_field(im, kind, a, v, lineno, d) != 0)
				rc = -1;
			free(v);
		} else if (!strcmp(kind, "answer")) {
			snprintf(open_ref, sizeof open_ref, "%s", a);
			open_line = lineno;
			in_answer = 1;
		}
	}
	if (rc == 0 && in_answer) {
		diag_error(d, im->path, open_line, "the text of %s has no end marker <!-- regdoc:end %s -->",
		           open_ref, open_ref);
		rc = -1;
	}
	paras_free(&ps);
	free(text);
	return rc;
}

/* ---- DOCX and OpenDocument --------------------------------------------------------- */

/* 1 when a DOCX run is in the style PlaceholderText (what regdoc writes in an empty
 * content control; whatever a writer types there is in another run). */
static int is_placeholder_run(xmlNodePtr r)
{
	for (xmlNodePtr pr = r->children; pr; pr = pr->next)
		if (is_el(pr, NS_W, "rPr"))
			for (xmlNodePtr k = pr->children; k; k = k->next)
				if (is_el(k, NS_W, "rStyle")) {
					xmlChar *v = xmlGetNsProp(k, (const xmlChar *)"val", (const xmlChar *)NS_W);
					int yes = v && !strcmp((const char *)v, "PlaceholderText");
					xmlFree(v);
					return yes;
				}
	return 0;
}

/* The text of a paragraph: DOCX (w:t, w:tab, w:br, w:cr; not w:delText) or ODF (text,
 * text:s, text:tab, text:line-break; not text:placeholder). */
static void para_text(xmlNodePtr n, int odf, buf *out)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE) {
			if (odf || is_el(n, NS_W, "t"))
				buf_puts(out, (const char *)c->content);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!odf) {
			if (is_el(c, NS_W, "r") && is_placeholder_run(c))
				continue; /* the placeholder text of an empty content control */
			if (is_el(c, NS_W, "tab"))
				buf_putc(out, '\t');
			else if (is_el(c, NS_W, "br") || is_el(c, NS_W, "cr"))
				buf_putc(out, '\n');
			else if (!is_el(c, NS_W, "delText") && !is_el(c, NS_W, "instrText"))
				para_text(c, odf, out);
		} else if (is_el(c, NS_TEXT, "s")) {
			xmlChar *k = xmlGetNsProp(c, (const xmlChar *)"c", (const xmlChar *)NS_TEXT);
			long cnt = k ? strtol((const char *)k, NULL, 10) : 1;
			xmlFree(k);
			for (long i = 0; i < cnt && i < 1000; i++)
				buf_putc(out, ' ');
		} else if (is_el(c, NS_TEXT, "tab")) {
			buf_putc(out, '\t');
		} else if (is_el(c, NS_TEXT, "line-break")) {
			buf_putc(out, '\n');
		} else if (!is_el(c, NS_TEXT, "placeholder") && !is_el(c, NS_TEXT, "note")) {
			para_text(c, odf, out);
		}
	}
}

/* Every paragraph under n (w:p; text:p, text:h), in order. */
static int collect_paras(xmlNodePtr n, int odf, paras *ps)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (odf ? (is_el(c, NS_TEXT, "p") || is_el(c, NS_TEXT, "h")) : is_el(c, NS_W, "p")) {
			para_text(c, odf, &ps->cur);
			/* trailing spaces of each line */
			{
				buf t;
				buf_init(&t);
				for (size_t i = 0; i < ps->cur.len; i++) {
					buf_putc(&t, ps->cur.s[i]);
					if (ps->cur.s[i + 1] == '\n' || ps->cur.s[i + 1] == '\0')
						rstrip(&t);
				}
				buf_clear(&ps->cur);
				if (t.len)
					buf_append(&ps->cur, t.s, t.len);
				buf_free(&t);
			}
			if (paras_end(ps) != 0)
				return -1;
		} else if (collect_paras(c, odf, ps) != 0) {
			return -1;
		}
	}
	return 0;
}

/* A field named "regdoc:KIND:ID" (KIND product, regulation, law, status, evidence,
 * responsible, answer) with its content node. */
static int imp_field(imported *im, const char *name, xmlNodePtr content, int odf, diag *d)
{
	const char *k = name + 7, *id = strchr(k, ':');
	char kind[32];
	paras ps;
	int rc = 0;
	if (!id || (size_t)(id - k) >= sizeof kind)
		return 0;
	memcpy(kind, k, (size_t)(id - k));
	kind[id - k] = '\0';
	id++;
	if (!strcmp(kind, "product"))
		return imp_ids(im, "product", id, NULL);
	if (!strcmp(kind, "regulation")) {
		if (!im->regulation && !(im->regulation = strdup(id)))
			return -1;
		return 0;
	}
	if (!strcmp(kind, "law")) {
		const char *c = strchr(id, ':');
		char *reg = c ? text_ndup(id, (size_t)(c - id)) : NULL;
		rc = reg ? imp_law(im, reg, c + 1) : 0;
		free(reg);
		return rc;
	}
	paras_init(&ps);
	if (content && collect_paras(content, odf, &ps) != 0) {
		paras_free(&ps);
		diag_sys(d, im->path, "cannot import", ENOMEM);
		return -1;
	}
	if (!strcmp(kind, "answer")) {
		rc = imp_point(im, id, ps.v, ps.n, 0, d);
	} else if (!strcmp(kind, "status") || !strcmp(kind, "evidence") ||
	           !strcmp(kind, "responsible")) {
		buf one;
		buf_init(&one);
		for (size_t i = 0; i < ps.n; i++) {
			if (i)
				buf_putc(&one, ' ');
			for (const char *s = ps.v[i]; *s; s++)
				buf_putc(&one, *s == '\n' || *s == '\t' ? ' ' : *s);
		}
		rc = imp_item_field(im, kind, id, one.s ? one.s : "", 0, d);
		buf_free(&one);
	}
	paras_free(&ps);
	return rc;
}

/* Every w:sdt (DOCX) or text:section (ODF) named regdoc:... under n. */
static int walk_fields(imported *im, xmlNodePtr n, int odf, diag *d)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!odf && is_el(c, NS_W, "sdt")) {
			xmlNodePtr pr = NULL, content = NULL;
			xmlChar *tag = NULL;
			for (xmlNodePtr k = c->children; k; k = k->next) {
				if (is_el(k, NS_W, "sdtPr"))
					pr = k;
				else if (is_el(k, NS_W, "sdtContent"))
					content = k;
			}
			for (xmlNodePtr k = pr ? pr->children : NULL; k; k = k->next) {
				if (is_el(k, NS_W, "tag") && !tag)
					tag = xmlGetNsProp(k, (const xmlChar *)"val", (const xmlChar *)NS_W);
			}
			if (tag && !strncmp((const char *)tag, "regdoc:", 7)) {
				int rc = imp_field(im, (const char *)tag, content, 0, d);
				xmlFree(tag);
				if (rc != 0)
					return -1;
				continue;
			}
			xmlFree(tag);
		} else if (odf && is_el(c, NS_TEXT, "section")) {
			xmlChar *name = xmlGetNsProp(c, (const xmlChar *)"name", (const xmlChar *)NS_TEXT);
			if (name && !strncmp((const char *)name, "regdoc:", 7)) {
				int rc = imp_field(im, (const char *)name, c, 1, d);
				xmlFree(name);
				if (rc != 0)
					return -1;
				continue;
			}
			xmlFree(name);
		} else if (odf && is_el(c, NS_META, "user-defined")) {
			xmlChar *name = xmlGetNsProp(c, (const xmlChar *)"name", (const xmlChar *)NS_META);
			xmlChar *v = xmlNodeGetContent(c);
			int rc = 0;
			if (name && v && !strncmp((const char *)name, "regdoc:", 7)) {
				buf f;
				buf_init(&f);
				buf_printf(&f, "%s:%s", (const char *)name, (const char *)v);
				rc = f.oom ? -1 : imp_field(im, f.s, NULL, 1, d);
				buf_free(&f);
			}
			xmlFree(name);
			xmlFree(v);
			if (rc != 0)
				return -1;
			continue;
		}
		if (walk_fields(im, c, odf, d) != 0)
			return -1;
	}
	return 0;
}

static int import_xml_part(imported *im, const char *data, size_t len, const char *name, int odf,
                           diag *d)
{
	xmlDocPtr doc = xmlsafe_read_memory(data, len, name, d);
	int rc;
	if (!doc)
		return -1;
	rc = walk_fields(im, xmlDocGetRootElement(doc), odf, d);
	xmlFreeDoc(doc);
	return rc;
}

static int import_package(imported *im, const char *const *members, int odf, diag *d)
{
	for (size_t i = 0; members[i]; i++) {
		char *data = NULL;
		size_t len = 0;
		buf name;
		int r = zipio_read_member(im->path, members[i], XMLSAFE_MAX_BYTES, &data, &len, d);
		if (r < 0)
			return -1;
		if (r > 0) {
			if (i == 0) {
				diag_error(d, im->path, 0, "not a document regdoc made: it has no %s",
				           members[i]);
				return -1;
			}
			continue;
		}
		buf_init(&name);
		buf_printf(&name, "%s:%s", im->path, members[i]);
		r = import_xml_part(im, data, len, name.oom ? im->path : name.s, odf, d);
		buf_free(&name);
		free(data);
		if (r != 0)
			return -1;
	}
	return 0;
}

/* ---- merging into the answers file ------------------------------------------------ */

/* Whitespace-only text between elements goes (the file is written indented again);
 * text inside p, evidence, responsible, revision stays. */
static void drop_blanks(xmlNodePtr n)
{
	xmlNodePtr c = n->children, next;
	for (; c; c = next) {
		next = c->next;
		if (c->type == XML_TEXT_NODE && xmlIsBlankNode(c)) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		} else if (is_el(c, NULL, "point") || is_el(c, NULL, "item")) {
			drop_blanks(c);
		}
	}
}

static int same_text(xmlNodePtr a, xmlNodePtr b)
{
	xmlChar *x = xmlNodeGetContent(a), *y = xmlNodeGetContent(b);
	int eq = x && y && xmlStrEqual(x, y);
	xmlFree(x);
	xmlFree(y);
	return eq;
}

/* Merge im into root (an answers file's root, for product id); the number of fields
 * that changed. */
static size_t merge_into(xmlNodePtr root, const imported *im)
{
	size_t changed = 0;
	int has_law = 0;
	const char *primary = im->regulation;
	for (xmlNodePtr c = root->children; c; c = c->next)
		has_law |= is_el(c, NULL, "law");
	for (xmlNodePtr c = im->root->children; c; c = c->next) {
		if (is_el(c, NULL, "law")) {
			if (!has_law) {
				xmlAddChild(root, xmlDocCopyNode(c, root->doc, 1));
				changed++;
			}
		} else if (is_el(c, NULL, "point")) {
			xmlChar *ref = xmlGetProp(c, (const xmlChar *)"ref");
			xmlChar *reg = xmlGetProp(c, (const xmlChar *)"regulation");
			xmlNodePtr e = find_el(root, "point", "ref", (const char *)ref,
			                       reg ? (const char *)reg : "", primary);
			if (!e) {
				xmlAddChild(root, xmlDocCopyNode(c, root->doc, 1));
				changed++;
			} else {
				/* the same paragraphs? */
				xmlNodePtr x = e->children, y = c->children;
				int same = 1;
				while (x && !is_el(x, NULL, "p"))
					x = x->next;
				for (; y; y = y->next) {
					if (!x || !same_text(x, y)) {
						same = 0;
						break;
					}
					do
						x = x->next;
					while (x && !is_el(x, NULL, "p"));
				}
				if (x)
					same = 0;
				if (!same) {
					xmlNodePtr k = e->children, nk;
					for (; k; k = nk) {
						nk = k->next;
						if (is_el(k, NULL, "p") || k->type == XML_TEXT_NODE) {
							xmlUnlinkNode(k);
							xmlFreeNode(k);
						}
					}
					for (y = c->children; y; y = y->next)
						xmlAddChild(e, xmlDocCopyNode(y, root->doc, 1));
					changed++;
				}
			}
			xmlFree(ref);
			xmlFree(reg);
		} else if (is_el(c, NULL, "item")) {
			xmlChar *id = xmlGetProp(c, (const xmlChar *)"id");
			xmlChar *st = xmlGetProp(c, (const xmlChar *)"status");
			xmlNodePtr e = find_el(root, "item", "id", (const char *)id, NULL, NULL);
			if (!e) {
				xmlAddChild(root, xmlDocCopyNode(c, root->doc, 1));
				changed++;
			} else {
				if (st && !attr_eq(e, "status", (const char *)st)) {
					xmlSetProp(e, (const xmlChar *)"status", st);
					changed++;
				}
				for (xmlNodePtr f = c->children; f; f = f->next) {
					xmlNodePtr old = NULL;
					if (f->type != XML_ELEMENT_NODE)
						continue;
					for (xmlNodePtr k = e->children; k; k = k->next)
						if (is_el(k, NULL, (const char *)f->name))
							old = k;
					if (old && same_text(old, f))
						continue;
					if (old) {
						xmlNodePtr nw = xmlDocCopyNode(f, root->doc, 1);
						if (nw) {
							xmlReplaceNode(old, nw);
							xmlFreeNode(old);
						}
					} else {
						xmlAddChild(e, xmlDocCopyNode(f, root->doc, 1));
					}
					changed++;
				}
			}
			xmlFree(id);
			xmlFree(st);
		}
	}
	return changed;
}

static int link_new(const char *tmp, const char *path, diag *d)
{
	if (link(tmp, path) != 0) {
		diag_sys(d, path, errno == EEXIST ? "not replaced: it appeared while importing"
		                                  : "cannot write", errno);
		return -1;
	}
	return 0;
}

int import_answers(const char *filled, const char *answers_path, const char *rng, FILE *out,
                   diag *d)
{
	imported im;
	size_t n = strlen(filled);
	xmlDocPtr target = NULL;
	xmlChar *xml = NULL;
	int xml_len = 0, rc = -1, exists;
	size_t changed;
	fsout fo;

	if (imp_init(&im, filled) != 0) {
		diag_sys(d, filled, "cannot import", ENOMEM);
		imp_free(&im);
		return -1;
	}
	if (n > 3 && !strcmp(filled + n - 3, ".md")) {
		rc = import_md(&im, d);
	} else if (n > 5 && !strcmp(filled + n - 5, ".docx")) {
		static const char *const m[] = {"word/document.xml", NULL};
		rc = import_package(&im, m, 0, d);
	} else if (n > 4 && !strcmp(filled + n - 4, ".odt")) {
		static const char *const m[] = {"content.xml", "meta.xml", NULL};
		rc = import_package(&im, m, 1, d);
	} else if (n > 5 && !strcmp(filled + n - 5, ".fodt")) {
		xmlDocPtr doc = xmlsafe_read_file(filled, d);
		rc = doc ? walk_fields(&im, xmlDocGetRootElement(doc), 1, d) : -1;
		if (doc)
			xmlFreeDoc(doc);
	} else {
		diag_error(d, filled, 0,
		           "regdoc reads answers back from .md, .docx, .odt and .fodt documents it made");
	}
	if (rc != 0)
		goto out;
	rc = -1;
	if (!xmlHasProp(im.root, (const xmlChar *)"product")) {
		diag_error(d, filled, 0,
		           "not a document regdoc made: it names no product (regdoc:product)");
		goto out;
	}
	exists = access(answers_path, F_OK) == 0;
	if (exists) {
		xmlChar *a, *b;
		int same;
		target = xmlsafe_read_file(answers_path, d);
		if (!target)
			goto out;
		if (xmlsafe_validate(target, rng, answers_path, d) != 0) {
			diag_error(d, answers_path, 0,
			           "not replaced: this file is not an answers file regdoc can update "
			           "(templates/schema/answers.rng); write to another file");
			goto out;
		}
		a = xmlGetProp(xmlDocGetRootElement(target), (const xmlChar *)"product");
		b = xmlGetProp(im.root, (const xmlChar *)"product");
		same = a && b && xmlStrEqual(a, b);
		if (!same)
			diag_error(d, answers_path, (unsigned long)xmlGetLineNo(xmlDocGetRootElement(target)),
			           "not replaced: these are the answers for product \"%s\", the document "
			           "is for \"%s\"",
			           a ? (const char *)a : "", b ? (const char *)b : "");
		xmlFree(a);
		xmlFree(b);
		if (!same)
			goto out;
	} else {
		xmlNodePtr root;
		target = xmlNewDoc((const xmlChar *)"1.0");
		root = target ? xmlNewDocNode(target, NULL, (const xmlChar *)"answers", NULL) : NULL;
		if (!root) {
			diag_sys(d, answers_path, "cannot import", ENOMEM);
			goto out;
		}
		xmlDocSetRootElement(target, root);
		xmlSetProp(root, (const xmlChar *)"product",
		           xmlHasProp(im.root, (const xmlChar *)"product")->children->content);
	}
	drop_blanks(xmlDocGetRootElement(target));
	changed = merge_into(xmlDocGetRootElement(target), &im);
	if (xmlsafe_validate(target, rng, answers_path, d) != 0) {
		diag_error(d, filled, 0, "the answers read from this document are not valid answers");
		goto out;
	}
	if (exists && !changed) {
		fprintf(out, "%s: %zu fields filled in, all as in %s already: not rewritten\n", filled,
		        im.fields, answers_path);
		rc = 0;
		goto out;
	}
	xmlDocDumpFormatMemoryEnc(target, &xml, &xml_len, "UTF-8", 1);
	if (!xml || xml_len < 0) {
		diag_sys(d, answers_path, "cannot write", ENOMEM);
		goto out;
	}
	if (fsout_begin_file(&fo, answers_path, d) != 0)
		goto out;
	/* a new file only where there is none still (link fails on an existing name); an
	 * existing one replaced by rename: a reader sees the old or the new file */
	if (fsio_write_file(fo.tmp, xml, (size_t)xml_len, 0, d) == 0 &&
	    (exists ? fsout_commit(&fo, d) == 0 : link_new(fo.tmp, answers_path, d) == 0)) {
		fprintf(out, "%s: %zu fields filled in, %zu changed: %s %s\n", filled, im.fields, changed,
		        exists ? "updated" : "wrote", answers_path);
		rc = 0;
	}
	fsout_abort(&fo);
out:
	xmlFree(xml);
	if (target)
		xmlFreeDoc(target);
	imp_free(&im);
	return rc;
}
