/*
 * rngexplain.c - see rngexplain.h.
 *
 * The model is made per <element> node of the schema (the same name may be defined
 * differently in two places: a child is looked up in the model of the element its
 * parent's definition names). Patterns are read as writers use them: optional,
 * zeroOrMore and choice make what is inside them not required; zeroOrMore and
 * oneOrMore make it repeatable; group, interleave and mixed only gather; ref follows its
 * define. A choice between alternatives is not checked as a whole: what it holds is
 * each allowed, none required.
 */
#include "util/rngexplain.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlregexp.h>

#include "util/buf.h"
#include "util/text.h"

#define RNG_NS "http://relaxng.org/ns/structure/1.0"
#define MAX_DEPTH 48    /* ref chains followed at most */
#define MAX_ITEMS 128   /* attributes or children of one element */

typedef struct item {
	const char *name;  /* NULL: any name (anyName) */
	int required, repeat;
	xmlNodePtr node;   /* the <element> or <attribute> node of the schema */
	xmlNodePtr value;  /* an attribute's value pattern (NULL: any text) */
} item;

typedef struct model {
	xmlNodePtr elem;   /* the <element> node */
	item attrs[MAX_ITEMS], kids[MAX_ITEMS];
	size_t nattrs, nkids;
	int text;          /* text allowed */
	xmlNodePtr value;  /* the text's value pattern (data, value, choice of values) */
	int value_optional; /* the text may be left out (an optional value pattern) */
	int any_attrs, any_kids;
} model;

typedef struct ctx {
	xmlDocPtr rng;
	xmlNodePtr grammar;
	model **models;
	size_t nmodels, cap;
	const char *name, *schema;
	diag *d;
	size_t errors;
} ctx;

static int is_rng(xmlNodePtr n, const char *local)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       !strcmp((const char *)n->ns->href, RNG_NS) && (!local || !strcmp((const char *)n->name, local));
}

static const char *attr(xmlNodePtr n, const char *name)
{
	for (xmlAttrPtr a = n ? n->properties : NULL; a; a = a->next)
		if (!strcmp((const char *)a->name, name) && a->children && a->children->content)
			return (const char *)a->children->content;
	return NULL;
}

static const char *node_text(xmlNodePtr n)
{
	return n && n->children && n->children->type == XML_TEXT_NODE && n->children->content
	           ? (const char *)n->children->content
	           : "";
}

/* The names an <element> or <attribute> pattern matches: its name attribute, else a
 * <name> child or a <choice> of them; *any when it is anyName/nsName. */
static size_t pattern_names(xmlNodePtr p, const char **out, size_t max, int *any)
{
	const char *n = attr(p, "name");
	size_t k = 0;
	*any = 0;
	if (n) {
		out[0] = n;
		return 1;
	}
	for (xmlNodePtr c = p->children; c; c = c->next) {
		if (is_rng(c, "name") && k < max) {
			out[k++] = node_text(c);
			return k;
		}
		if (is_rng(c, "anyName") || is_rng(c, "nsName")) {
			*any = 1;
			return 0;
		}
		if (is_rng(c, "choice")) {
			for (xmlNodePtr cc = c->children; cc; cc = cc->next)
				if (is_rng(cc, "name") && k < max)
					out[k++] = node_text(cc);
				else if (is_rng(cc, "anyName") || is_rng(cc, "nsName"))
					*any = 1;
			return k;
		}
	}
	return 0;
}

/* The first pattern child of an <element>/<attribute>, past its name class. */
static xmlNodePtr first_pattern(xmlNodePtr p)
{
	xmlNodePtr c = p->children;
	while (c && (!is_rng(c, NULL) || (!attr(p, "name") && (is_rng(c, "name") || is_rng(c, "anyName") ||
	                                                        is_rng(c, "nsName") || is_rng(c, "choice")))))
		c = c->next;
	return c;
}

static xmlNodePtr find_define(ctx *c, const char *name, xmlNodePtr after)
{
	for (xmlNodePtr n = after ? after->next : c->grammar->children; n; n = n->next)
		if (is_rng(n, "define") && attr(n, "name") && !strcmp(attr(n, "name"), name))
			return n;
		else if (is_rng(n, "include") || is_rng(n, "div"))
			continue;
	return NULL;
}

static int is_value_pattern(xmlNodePtr p)
{
	if (is_rng(p, "value") || is_rng(p, "data") || is_rng(p, "list"))
		return 1;
	if (is_rng(p, "choice")) {
		for (xmlNodePtr c = p->children; c; c = c->next)
			if (is_rng(c, NULL) && !is_value_pattern(c))
				return 0;
		return 1;
	}
	return 0;
}

static void add_item(item *v, size_t *n, const char *name, int required, int repeat,
                     xmlNodePtr node, xmlNodePtr value)
{
	for (size_t i = 0; i < *n; i++)
		if (v[i].name && name && !strcmp(v[i].name, name)) {
			v[i].required |= required; /* the same name twice: allowed if either allows */
			v[i].repeat = 1;
			return;
		}
	if (*n < MAX_ITEMS)
		v[(*n)++] = (item){name, required, repeat, node, value};
}

static void walk(ctx *c, model *m, xmlNodePtr p, int required, int repeat, int depth);

static void walk_children(ctx *c, model *m, xmlNodePtr p, int required, int repeat, int depth)
{
	for (xmlNodePtr k = p->children; k; k = k->next)
		if (is_rng(k, NULL))
			walk(c, m, k, required, repeat, depth);
}

static void walk(ctx *c, model *m, xmlNodePtr p, int required, int repeat, int depth)
{
	const char *names[32];
	int any;
	size_t n;
	if (depth > MAX_DEPTH)
		return;
	if (is_rng(p, "element")) {
		n = pattern_names(p, names, 32, &any);
		if (any)
			m->any_kids = 1;
		for (size_t i = 0; i < n; i++)
			add_item(m->kids, &m->nkids, names[i], required && n == 1, repeat, p, NULL);
	} else if (is_rng(p, "attribute")) {
		xmlNodePtr v = first_pattern(p);
		n = pattern_names(p, names, 32, &any);
		if (any)
			m->any_attrs = 1;
		for (size_t i = 0; i < n; i++)
			add_item(m->attrs, &m->nattrs, names[i], required && n == 1, 0, p,
			         v && !is_rng(v, "text") ? v : NULL);
	} else if (is_rng(p, "optional")) {
		walk_children(c, m, p, 0, repeat, depth + 1);
	} else if (is_rng(p, "zeroOrMore")) {
		walk_children(c, m, p, 0, 1, depth + 1);
	} else if (is_rng(p, "oneOrMore")) {
		walk_children(c, m, p, required, 1, depth + 1);
	} else if (is_value_pattern(p)) {
		m->text = 1;
		if (!m->value) {
			m->value = p;
			m->value_optional = !required;
		}
	} else if (is_rng(p, "choice")) {
		walk_children(c, m, p, 0, repeat, depth + 1);
	} else if (is_rng(p, "group") || is_rng(p, "interleave")) {
		walk_children(c, m, p, required, repeat, depth + 1);
	} else if (is_rng(p, "mixed")) {
		m->text = 1;
		walk_children(c, m, p, required, repeat, depth + 1);
	} else if (is_rng(p, "text")) {
		m->text = 1;
	} else if (is_rng(p, "ref")) {
		const char *name = attr(p, "name");
		for (xmlNodePtr def = name ? find_define(c, name, NULL) : NULL; def;
		     def = find_define(c, name, def))
			/* a define combined as a choice is one of several: nothing in it required */
			walk_children(c, m, def, required && !(attr(def, "combine") &&
			                                       !strcmp(attr(def, "combine"), "choice")),
			              repeat, depth + 1);
	}
	/* empty, notAllowed, parentRef, externalRef: nothing to say */
}

/* The model of the element pattern e (made once per context). */
static model *model_of(ctx *c, xmlNodePtr e)
{
	model *m;
	for (size_t i = 0; i < c->nmodels; i++)
		if (c->models[i]->elem == e)
			return c->models[i];
	if (c->nmodels == c->cap) {
		size_t ncap = c->cap ? c->cap * 2 : 16;
		model **nv = realloc(c->models, ncap * sizeof *nv);
		if (!nv)
			return NULL;
		c->models = nv;
		c->cap = ncap;
	}
	m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	m->elem = e;
	c->models[c->nmodels++] = m;
	for (xmlNodePtr k = first_pattern(e); k; k = k->next)
		if (is_rng(k, NULL))
			walk(c, m, k, 1, 0, 0);
	return m;
}

/* What an element or define is for: the first sentence of the comment just before it
 * (or before the define that holds it), into b; 0 when there is none. */
static int why(xmlNodePtr node, buf *b)
{
	for (xmlNodePtr n = node; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		xmlNodePtr prev = n->prev;
		while (prev && prev->type == XML_TEXT_NODE)
			prev = prev->prev;
		if (prev && prev->type == XML_COMMENT_NODE && prev->content) {
			const char *s = (const char *)prev->content, *end;
			size_t len;
			while (*s == ' ' || *s == '\n' || *s == '\t')
				s++;
			end = s;
			while (*end && !(end[0] == '.' && (end[1] == ' ' || end[1] == '\n' || !end[1])))
				end++;
			len = (size_t)(end - s);
			if (len > 300)
				len = 300;
			for (size_t i = 0; i < len; i++) { /* runs of blanks as one space */
				char ch = s[i] == '\n' || s[i] == '\t' ? ' ' : s[i];
				if (ch != ' ' || (b->len && b->s[b->len - 1] != ' '))
					buf_putc(b, ch);
			}
			return 1;
		}
		if (is_rng(n, "define") || is_rng(n, "start"))
			break;
	}
	return 0;
}

/* ---- values ---- */

static const char *param(xmlNodePtr data, const char *name)
{
	for (xmlNodePtr p = data->children; p; p = p->next)
		if (is_rng(p, "param") && attr(p, "name") && !strcmp(attr(p, "name"), name))
			return node_text(p);
	return NULL;
}

static int parse_number(const char *s, int decimal, double *v)
{
	char *end;
	size_t len = strlen(s);
	const char *t = text_trim(s, &len);
	char tmp[64];
	if (!len || len >= sizeof tmp)
		return -1;
	memcpy(tmp, t, len);
	tmp[len] = '\0';
	if (decimal && strpbrk(tmp, "eEnNiI"))
		return -1; /* xsd:decimal has no exponent, NaN or INF */
	errno = 0;
	*v = strtod(tmp, &end);
	return *end || end == tmp ? -1 : 0;
}

static int pattern_words(const char *pat, buf *out);

/* 1 when s is a value of the pattern p; when it is not, say what is (into want). */
static int value_ok(ctx *c, xmlNodePtr p, const char *s, buf *want, int depth)
{
	if (depth > MAX_DEPTH)
		return 1;
	if (is_rng(p, "value")) {
		size_t len = strlen(s);
		const char *t = text_trim(s, &len);
		const char *v = node_text(p);
		if (strlen(v) == len && !strncmp(t, v, len))
			return 1;
		buf_printf(want, "%s%s", want->len ? ", " : "", v);
		return 0;
	}
	if (is_rng(p, "choice")) {
		int ok = 0;
		for (xmlNodePtr k = p->children; k; k = k->next)
			if (is_rng(k, NULL) && value_ok(c, k, s, want, depth + 1))
				ok = 1;
		return ok;
	}
	if (is_rng(p, "ref")) {
		xmlNodePtr def = attr(p, "name") ? find_define(c, attr(p, "name"), NULL) : NULL;
		for (xmlNodePtr k = def ? def->children : NULL; k; k = k->next)
			if (is_rng(k, NULL))
				return value_ok(c, k, s, want, depth + 1);
		return 1;
	}
	if (is_rng(p, "data")) {
		const char *type = attr(p, "type") ? attr(p, "type") : "string";
		const char *pat = param(p, "pattern"), *minl = param(p, "minLength"),
		           *maxl = param(p, "maxLength"), *mini = param(p, "minInclusive");
		int ok = 1;
		double v = 0;
		size_t before = want->len;
		if (!strcmp(type, "double") || !strcmp(type, "decimal") || !strcmp(type, "float")) {
			ok = parse_number(s, strcmp(type, "decimal") == 0, &v) == 0;
			buf_printf(want, "%sa number", want->len ? ", or " : "");
			if (!strcmp(type, "decimal"))
				buf_puts(want, " written with digits and a decimal point (such as 3 or 2.5)");
			else
				buf_puts(want, " (such as 12, 2.5 or 3.8e25)");
		} else if (!strcmp(type, "integer") || strstr(type, "Integer") || !strcmp(type, "int") ||
		           !strcmp(type, "long")) {
			char *end;
			strtol(s, &end, 10);
			ok = *s && !*end;
			v = ok ? strtod(s, NULL) : 0;
			buf_printf(want, "%sa whole number", want->len ? ", or " : "");
			if (!strcmp(type, "positiveInteger"))
				ok = ok && v > 0, buf_puts(want, " of 1 or more");
			else if (!strcmp(type, "nonNegativeInteger"))
				ok = ok && v >= 0, buf_puts(want, " of 0 or more");
		} else if (!strcmp(type, "date")) {
			unsigned y, mo, da;
			char extra;
			ok = sscanf(s, "%4u-%2u-%2u%c", &y, &mo, &da, &extra) == 3 && strlen(s) == 10 &&
			     mo >= 1 && mo <= 12 && da >= 1 && da <= 31;
			buf_printf(want, "%sa date written YYYY-MM-DD", want->len ? ", or " : "");
		} else if (!strcmp(type, "boolean")) {
			ok = !strcmp(s, "true") || !strcmp(s, "false") || !strcmp(s, "1") || !strcmp(s, "0");
			buf_printf(want, "%strue or false", want->len ? ", or " : "");
		} else if (!strcmp(type, "language")) {
			/* xsd:language: [a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})* */
			size_t run = 0, part = 0;
			ok = *s != '\0';
			for (const char *q = s; ok && *q; q++) {
				if (*q == '-') {
					ok = run > 0;
					run = 0;
					part++;
				} else {
					ok = ++run <= 8 && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
					                    (part && *q >= '0' && *q <= '9'));
				}
			}
			ok = ok && run > 0;
			buf_printf(want, "%sa language code such as en or pt-PT", want->len ? ", or " : "");
		} else {
			buf_printf(want, "%stext", want->len ? ", or " : "");
		}
		if (mini) {
			double lo = strtod(mini, NULL);
			ok = ok && v >= lo;
			buf_printf(want, ", %s or more", mini);
		}
		if (minl || maxl) {
			size_t n = (size_t)xmlUTF8Strlen((const xmlChar *)s);
			unsigned long lo = minl ? strtoul(minl, NULL, 10) : 0, hi = maxl ? strtoul(maxl, NULL, 10) : 0;
			if (minl && n < lo)
				ok = 0;
			if (maxl && n > hi)
				ok = 0;
			if (lo == 1 && maxl)
				buf_printf(want, ", not empty, at most %lu characters", hi);
			else if (lo == 1)
				buf_puts(want, ", not empty");
			else if (minl && maxl)
				buf_printf(want, " of %lu to %lu characters", lo, hi);
			else if (maxl)
				buf_printf(want, " of at most %lu characters", hi);
			else
				buf_printf(want, " of at least %lu characters", lo);
		}
		if (pat) {
			xmlRegexpPtr re = xmlRegexpCompile((const xmlChar *)pat);
			if (re) {
				if (xmlRegexpExec(re, (const xmlChar *)s) != 1)
					ok = 0;
				xmlRegFreeRegexp(re);
			}
			{
				buf words;
				buf_init(&words);
				if (pattern_words(pat, &words) && words.s) {
					/* "text: lower-case letters, ..." reads better without "text" */
					if (want->len >= 4 && !strcmp(want->s + want->len - 4, "text")) {
						want->len -= 4;
						want->s[want->len] = '\0';
					} else {
						buf_puts(want, ": ");
					}
					buf_puts(want, words.s);
				} else {
					buf_printf(want, " of the form %s", pat);
				}
				buf_free(&words);
			}
		}
		if (ok && want->s) {
			want->len = before;
			want->s[before] = '\0';
		}
		return ok;
	}
	return 1; /* text, list, empty, anything else: not checked here */
}

/* ---- patterns in words ---- */

/* The characters of a [class] as words into b ("lower-case letters, digits and
 * hyphens"); 0 when the class is not one of the simple ranges and characters below. */
static int class_words(const char *cls, size_t n, buf *b, int *only_digits)
{
	const char *words[8];
	size_t k = 0;
	*only_digits = 1;
	for (size_t i = 0; i < n;) {
		const char *w = NULL;
		if (i + 2 < n && cls[i + 1] == '-') {
			char lo = cls[i], hi = cls[i + 2];
			if (lo == 'a' && hi == 'z')
				w = "lower-case letters", *only_digits = 0;
			else if (lo == 'A' && hi == 'Z')
				w = "capital letters", *only_digits = 0;
			else if (lo >= '0' && hi <= '9')
				w = "digits";
			else
				return 0;
			i += 3;
		} else {
			char c = cls[i] == '\\' && i + 1 < n ? cls[++i] : cls[i];
			*only_digits = 0;
			w = c == '-' ? "hyphens" : c == '.' ? "dots" : c == '_' ? "underscores" : NULL;
			if (!w)
				return 0;
			i++;
		}
		if (k < 8)
			words[k++] = w;
	}
	for (size_t i = 0; i < k; i++) {
		int dup = 0;
		for (size_t j = 0; j < i; j++)
			dup |= !strcmp(words[i], words[j]);
		if (!dup)
			buf_printf(b, "%s%s", i == 0 ? "" : i + 1 == k ? " and " : ", ", words[i]);
	}
	return k > 0;
}

/* A pattern of [class] atoms with ?, {m,n} quantifiers, in words ("lower-case letters,
 * digits and hyphens, starting with a lower-case letter or digit, 1 to 64 characters");
 * 0 when it has another shape (then it is shown as it is). */
static int pattern_words(const char *pat, buf *out)
{
	struct atom {
		const char *cls;
		size_t n;
		unsigned lo, hi;
	} a[4];
	size_t na = 0;
	unsigned lo = 0, hi = 0;
	const char *p = pat;
	buf all, first;
	int digits_all = 1, d;
	while (*p) {
		const char *end;
		if (*p != '[' || na == 4 || !(end = strchr(p, ']')) || end == p + 1)
			return 0;
		a[na].cls = p + 1;
		a[na].n = (size_t)(end - p - 1);
		a[na].lo = a[na].hi = 1;
		p = end + 1;
		if (*p == '?')
			a[na].lo = 0, p++;
		else if (*p == '{') {
			unsigned m, x;
			int used = 0;
			if (sscanf(p, "{%u,%u}%n", &m, &x, &used) != 2 || !used)
				return 0;
			a[na].lo = m, a[na].hi = x, p += used;
		} else if (*p == '*' || *p == '+')
			return 0;
		lo += a[na].lo;
		hi += a[na].hi;
		na++;
	}
	if (!na)
		return 0;
	buf_init(&all);
	buf_init(&first);
	/* the widest class says what it is made of; the first, what it starts with */
	size_t widest = 0;
	{
		for (size_t i = 1; i < na; i++)
			if (a[i].n > a[widest].n)
				widest = i;
		if (!class_words(a[widest].cls, a[widest].n, &all, &digits_all) ||
		    !class_words(a[0].cls, a[0].n, &first, &d)) {
			buf_free(&all);
			buf_free(&first);
			return 0;
		}
	}
	if (digits_all && na <= 2 && a[0].n == 3 && a[0].cls[0] == '1' && a[0].cls[2] == '9' && hi <= 3)
		buf_printf(out, "a number from 1 to %s", hi == 1 ? "9" : hi == 2 ? "99" : "999");
	else {
		buf_printf(out, "%s", all.s);
		size_t fn = a[0].n;
		const char *rest = a[widest].cls + fn;
		size_t nrest = a[widest].n - (a[widest].n > fn ? fn : a[widest].n);
		if (na > 1 && a[widest].n > fn && !strncmp(a[widest].cls, a[0].cls, fn) &&
		    ((nrest == 2 && !strncmp(rest, "\\-", 2)) || (nrest == 1 && *rest == '-')))
			buf_puts(out, ", not starting with a hyphen");
		else if (na > 1 && strcmp(all.s, first.s) != 0)
			buf_printf(out, ", starting with %s", first.s);
		if (lo == hi)
			buf_printf(out, ", %u character%s", lo, lo == 1 ? "" : "s");
		else
			buf_printf(out, ", %u to %u characters", lo ? lo : 1, hi);
	}
	buf_free(&all);
	buf_free(&first);
	return 1;
}

/* ---- the document ---- */

/* 0 (no line) for a node built in memory: never a made-up ":1:" */
static unsigned long line_of(xmlNodePtr n)
{
	long l = xmlGetLineNo(n);
	return l > 0 ? (unsigned long)l : 0;
}

/* ", did you mean X?" and the allowed names, after a message; the name suggested, or
 * NULL. */
static const char *list_names(buf *b, const item *v, size_t n, const char *word, const char *open,
                              const char *close)
{
	const char *names[MAX_ITEMS] = {0}, *near;
	for (size_t i = 0; i < n; i++)
		names[i] = v[i].name;
	near = text_nearest(word, names, n);
	if (near)
		buf_printf(b, " (did you mean %s%s%s?)", open, near, close);
	if (!n) {
		buf_puts(b, "; none is allowed here");
		return near;
	}
	buf_puts(b, "; allowed here: ");
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%s%s%s%s", i ? ", " : "", open, v[i].name ? v[i].name : "*", close);
	return near;
}

/* The index of name in v, or n. */
static size_t find_item(const item *v, size_t n, const char *name)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (v[i].name && name && !strcmp(v[i].name, name))
			break;
	return i;
}

static void report(ctx *c, xmlNodePtr at, buf *b)
{
	diag_error(c->d, c->name, line_of(at), "%s", b->s ? b->s : "");
	c->errors++;
	buf_free(b);
}

static void check_value(ctx *c, xmlNodePtr at, xmlNodePtr pattern, const char *value,
                        const char *what)
{
	buf want, msg;
	buf_init(&want);
	buf_init(&msg);
	if (!value_ok(c, pattern, value, &want, 0)) {
		buf_printf(&msg, "bad value \"%s\" for %s; ", value, what);
		if (is_rng(pattern, "choice") || is_rng(pattern, "value") || is_rng(pattern, "ref"))
			buf_printf(&msg, "%s: %s", strchr(want.s ? want.s : "", ' ') &&
			                                  !strchr(want.s, ',') ? "expected" : "allowed",
			           want.s ? want.s : "");
		else
			buf_printf(&msg, "expected %s", want.s ? want.s : "");
		report(c, at, &msg);
	}
	buf_free(&want);
}

static void check_element(ctx *c, xmlNodePtr e, model *m, int depth)
{
	size_t counts[MAX_ITEMS] = {0};
	unsigned char suggested_attr[MAX_ITEMS] = {0}, suggested_kid[MAX_ITEMS] = {0};
	int has_text = 0;
	size_t bad_kids = 0;
	if (!m || depth > 256)
		return;
	for (xmlAttrPtr a = e->properties; a; a = a->next) {
		size_t i;
		xmlChar *v;
		if (a->ns) /* xml:lang and other namespaced attributes: not the vocabulary's */
			continue;
		for (i = 0; i < m->nattrs; i++)
			if (m->attrs[i].name && !strcmp(m->attrs[i].name, (const char *)a->name))
				break;
		if (i == m->nattrs) {
			buf b;
			if (m->any_attrs)
				continue;
			buf_init(&b);
			buf_printf(&b, "unknown attribute %s on <%s>", (const char *)a->name, (const char *)e->name);
			i = find_item(m->attrs, m->nattrs,
			              list_names(&b, m->attrs, m->nattrs, (const char *)a->name, "", ""));
			if (i < m->nattrs)
				suggested_attr[i] = 1; /* its absence is this typo: not reported again */
			report(c, e, &b);
			continue;
		}
		if (!m->attrs[i].value)
			continue;
		v = xmlNodeListGetString(e->doc, a->children, 1);
		{
			char what[160];
			snprintf(what, sizeof what, "attribute %s of <%s>", (const char *)a->name,
			         (const char *)e->name);
			check_value(c, e, m->attrs[i].value, v ? (const char *)v : "", what);
		}
		xmlFree(v);
	}
	for (size_t i = 0; i < m->nattrs; i++)
		if (m->attrs[i].required && m->attrs[i].name && !suggested_attr[i] &&
		    !xmlHasNsProp(e, (const xmlChar *)m->attrs[i].name, NULL)) {
			buf b;
			buf_init(&b);
			buf_printf(&b, "<%s> lacks the attribute %s, which is required", (const char *)e->name,
			           m->attrs[i].name);
			if (m->attrs[i].value) {
				buf want;
				buf_init(&want);
				value_ok(c, m->attrs[i].value, "\x01", &want, 0);
				if (want.s && want.len) /* nothing when any text will do */
					buf_printf(&b, " (%s%s)", strchr(want.s, ',') ? "one of: " : "", want.s);
				buf_free(&want);
			}
			{
				buf w;
				buf_init(&w);
				if (why(m->attrs[i].node, &w) || why(m->elem, &w))
					buf_printf(&b, ": %s", w.s);
				buf_free(&w);
			}
			report(c, e, &b);
		}
	for (xmlNodePtr k = e->children; k; k = k->next) {
		size_t i;
		if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
			const char *t = (const char *)k->content;
			while (t && *t && (*t == ' ' || *t == '\n' || *t == '\t' || *t == '\r'))
				t++;
			if (t && *t)
				has_text = 1;
			continue;
		}
		if (k->type != XML_ELEMENT_NODE)
			continue;
		for (i = 0; i < m->nkids; i++)
			if (m->kids[i].name && !strcmp(m->kids[i].name, (const char *)k->name))
				break;
		if (i == m->nkids) {
			buf b;
			char qname[160];
			if (m->any_kids)
				continue;
			snprintf(qname, sizeof qname, "%s%s%s", k->ns && k->ns->prefix ? (const char *)k->ns->prefix : "",
			         k->ns && k->ns->prefix ? ":" : "", (const char *)k->name);
			buf_init(&b);
			bad_kids++;
			if (!m->nkids) {
				buf_printf(&b, "<%s> takes %s, not elements: <%s> is not allowed in it",
				           (const char *)e->name, m->text ? "text" : "attributes only", qname);
				report(c, k, &b);
				continue;
			}
			buf_printf(&b, "unknown element <%s> in <%s>", qname, (const char *)e->name);
			i = find_item(m->kids, m->nkids,
			              list_names(&b, m->kids, m->nkids, (const char *)k->name, "<", ">"));
			if (i < m->nkids)
				suggested_kid[i] = 1;
			report(c, k, &b);
			continue;
		}
		if (++counts[i] == 2 && !m->kids[i].repeat) {
			buf b;
			buf_init(&b);
			buf_printf(&b, "<%s> may appear only once in <%s>", (const char *)k->name,
			           (const char *)e->name);
			report(c, k, &b);
		}
		check_element(c, k, model_of(c, m->kids[i].node), depth + 1);
	}
	for (size_t i = 0; i < m->nkids; i++)
		if (m->kids[i].required && !counts[i] && m->kids[i].name && !suggested_kid[i]) {
			buf b, w;
			buf_init(&b);
			buf_init(&w);
			buf_printf(&b, "<%s> lacks <%s>, which is required", (const char *)e->name,
			           m->kids[i].name);
			if (why(m->kids[i].node, &w))
				buf_printf(&b, ": %s", w.s);
			buf_free(&w);
			report(c, e, &b);
		}
	if (has_text && !m->text) {
		buf b;
		buf_init(&b);
		buf_printf(&b, "<%s> takes no text", (const char *)e->name);
		if (m->nkids || m->nattrs)
			buf_puts(&b, m->nkids ? ", only elements" : ", only attributes");
		report(c, e, &b);
	} else if (m->value && !m->nkids && !bad_kids && (has_text || !m->value_optional)) {
		xmlChar *t = xmlNodeGetContent(e);
		char what[96];
		snprintf(what, sizeof what, "<%s>", (const char *)e->name);
		check_value(c, e, m->value, t ? (const char *)t : "", what);
		xmlFree(t);
	}
}

size_t rngexplain(xmlDocPtr rng, xmlDocPtr doc, const char *name, const char *schema, diag *d)
{
	ctx c;
	model start;
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	memset(&c, 0, sizeof c);
	c.rng = rng;
	c.grammar = rng ? xmlDocGetRootElement(rng) : NULL;
	c.name = name;
	c.schema = schema;
	c.d = d;
	if (!c.grammar || !root)
		return 0;
	memset(&start, 0, sizeof start);
	if (is_rng(c.grammar, "grammar")) {
		for (xmlNodePtr s = c.grammar->children; s; s = s->next)
			if (is_rng(s, "start"))
				walk_children(&c, &start, s, 1, 0, 0);
	} else if (is_rng(c.grammar, "element")) {
		walk(&c, &start, c.grammar, 1, 0, 0);
	}
	{
		size_t i;
		for (i = 0; i < start.nkids; i++)
			if (start.kids[i].name && !strcmp(start.kids[i].name, (const char *)root->name))
				break;
		if (i == start.nkids && !start.any_kids) {
			buf b;
			buf_init(&b);
			buf_printf(&b, "the document is a <%s>, not what %s describes", (const char *)root->name, schema);
			list_names(&b, start.kids, start.nkids, (const char *)root->name, "<", ">");
			report(&c, root, &b);
		} else if (i < start.nkids) {
			check_element(&c, root, model_of(&c, start.kids[i].node), 0);
		}
	}
	for (size_t i = 0; i < c.nmodels; i++)
		free(c.models[i]);
	free(c.models);
	return c.errors;
}

/* The first <element> pattern of the schema named name, in document order. */
static xmlNodePtr element_named(xmlNodePtr n, const char *name, int depth)
{
	for (xmlNodePtr c = n ? n->children : NULL; c && depth < 64; c = c->next) {
		xmlNodePtr found;
		if (is_rng(c, "element") && attr(c, "name") && !strcmp(attr(c, "name"), name))
			return c;
		if (c->type == XML_ELEMENT_NODE && (found = element_named(c, name, depth + 1)))
			return found;
	}
	return NULL;
}

int rngexplain_value(xmlDocPtr rng, const char *element, const char *attr_name, const char *value,
                     char **want)
{
	ctx c;
	xmlNodePtr e, pattern = NULL;
	model *m;
	buf w;
	int ok = 1;
	*want = NULL;
	memset(&c, 0, sizeof c);
	c.rng = rng;
	c.grammar = rng ? xmlDocGetRootElement(rng) : NULL;
	if (!c.grammar || !(e = element_named(c.grammar, element, 0)) || !(m = model_of(&c, e)))
		goto out;
	if (attr_name) {
		size_t i = find_item(m->attrs, m->nattrs, attr_name);
		pattern = i < m->nattrs ? m->attrs[i].value : NULL;
	} else {
		pattern = m->value;
	}
	if (!pattern)
		goto out;
	buf_init(&w);
	ok = value_ok(&c, pattern, value, &w, 0);
	if (!ok && w.s)
		*want = strdup(w.s);
	buf_free(&w);
out:
	for (size_t i = 0; i < c.nmodels; i++)
		free(c.models[i]);
	free(c.models);
	return ok;
}
