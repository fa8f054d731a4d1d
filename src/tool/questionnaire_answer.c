/*
 * questionnaire_answer.c - a questionnaire run's answers (questionnaire_impl.h): the
 * facts the answers set, the conditions evaluated on them (the rule files' condition
 * language, plus <ref>), an answer parsed and checked for its question, and the
 * product tree it is recorded in.
 */
#include "tool/questionnaire_impl.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/fsio.h"
#include "util/grow.h"
#include "util/rngexplain.h"

#define COND_MAX_DEPTH 32 /* nesting of conditions and <ref>s */

int qn_remember(run *r, const char *answer, int empty)
{
	if (r->nhist == r->caphist) {
		size_t cap = r->caphist ? 2 * r->caphist : 64;
		char **v = realloc(r->hist, cap * sizeof *v);
		unsigned char *e = v ? realloc(r->hist_empty, cap) : NULL;
		if (v)
			r->hist = v;
		if (!e)
			return -1;
		r->hist_empty = e;
		r->caphist = cap;
	}
	if (!(r->hist[r->nhist] = strdup(answer)))
		return -1;
	r->hist_empty[r->nhist++] = (unsigned char)empty;
	r->replay = r->nhist; /* nothing to replay until the next "back" */
	return 0;
}

static int add_fact(run *r, const char *name, const char *value)
{
	if (GROW_FOR_ONE(r->facts, r->nfacts, r->capfacts, 64) != 0)
		return -1;
	r->facts[r->nfacts].name = strdup(name);
	r->facts[r->nfacts].value = strdup(value);
	if (!r->facts[r->nfacts].name || !r->facts[r->nfacts].value) {
		free(r->facts[r->nfacts].name);
		free(r->facts[r->nfacts].value);
		return -1;
	}
	r->nfacts++;
	return 0;
}

/* ------------------------------------------------------------------ conditions */

/* Is the token list (space-separated) holding v? */
static int in_list(const char *list, const char *v)
{
	size_t n = strlen(v);
	const char *p = list;
	while (*p) {
		size_t k;
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		k = strcspn(p, " \t\n");
		if (k == n && k && !strncmp(p, v, n))
			return 1;
		p += k;
	}
	return 0;
}

static int compare(const char *value, const char *op, double bound)
{
	char *end;
	double v = strtod(value, &end);
	if (end == value || *end || !isfinite(v))
		return 0;
	if (!strcmp(op, "gt"))
		return v > bound;
	if (!strcmp(op, "ge"))
		return v >= bound;
	if (!strcmp(op, "lt"))
		return v < bound;
	return v <= bound;
}

static int holds(const run *r, xmlNodePtr c, int depth);

static int fact_test(const run *r, xmlNodePtr c)
{
	static const char *const ops[] = {"gt", "ge", "lt", "le"};
	const char *name = qn_attr(c, "name"), *v;
	size_t present = 0;
	int any = 0;
	if (!name)
		return 0;
	for (size_t i = 0; i < r->nfacts; i++)
		if (!strcmp(r->facts[i].name, name))
			present++;
	if ((v = qn_attr(c, "present")))
		return !strcmp(v, "yes") ? present > 0 : present == 0;
	for (size_t i = 0; i < r->nfacts && !any; i++) {
		const char *val = r->facts[i].value;
		if (strcmp(r->facts[i].name, name) != 0)
			continue;
		if ((v = qn_attr(c, "is")))
			any = !strcmp(val, v);
		else if ((v = qn_attr(c, "in")) || (v = qn_attr(c, "not-in")))
			any = in_list(v, val);
		else
			for (size_t k = 0; k < 4; k++)
				if ((v = qn_attr(c, ops[k])))
					any = compare(val, ops[k], strtod(v, NULL));
	}
	return qn_attr(c, "not-in") ? !any : any;
}

static int holds(const run *r, xmlNodePtr c, int depth)
{
	if (depth > COND_MAX_DEPTH)
		return 0;
	if (qn_is_elem(c, "fact"))
		return fact_test(r, c);
	if (qn_is_elem(c, "not")) {
		for (xmlNodePtr k = c->children; k; k = k->next)
			if (k->type == XML_ELEMENT_NODE)
				return !holds(r, k, depth + 1);
		return 0;
	}
	if (qn_is_elem(c, "all") || qn_is_elem(c, "any")) {
		int all = qn_is_elem(c, "all");
		for (xmlNodePtr k = c->children; k; k = k->next) {
			if (k->type != XML_ELEMENT_NODE)
				continue;
			if (holds(r, k, depth + 1) != all)
				return !all;
		}
		return all;
	}
	if (qn_is_elem(c, "ref")) {
		const char *name = qn_attr(c, "name");
		xmlNodePtr def = name ? qn_find_define(xmlDocGetRootElement(r->q->doc), name, NULL) : NULL;
		for (xmlNodePtr k = def ? def->children : NULL; k; k = k->next)
			if (k->type == XML_ELEMENT_NODE)
				return holds(r, k, depth + 1);
		return 0;
	}
	return 0;
}

int qn_applies(const run *r, xmlNodePtr n)
{
	xmlNodePtr w = qn_first_elem(n, "when");
	if (!w)
		return 1;
	for (xmlNodePtr k = w->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE)
			return holds(r, k, 0);
	return 1;
}


const char *qn_trim(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static int text_ok(const char *s, size_t max, const char **why)
{
	size_t n = strlen(s);
	if (!n) {
		*why = "an answer is needed";
		return 0;
	}
	if (n > max) {
		*why = max == 200 ? "too long (at most 200 bytes)" : "too long (at most 4000 bytes)";
		return 0;
	}
	if (fsio_utf8_invalid_at(s, n) != n) {
		*why = "not valid UTF-8";
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) {
			*why = "control characters are not allowed";
			return 0;
		}
	return 1;
}

static int slug_ok(const char *s)
{
	size_t n = strlen(s);
	if (n < 1 || n > 64 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

/* An xsd:double written the plain way: digits, an optional fraction and exponent. */
/* YYYY-MM-DD, a day of the calendar (the version of the law in force on it is looked up
 * when the product is assessed) */
static int date_ok(const char *s)
{
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, dd;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = atoi(s);
	m = atoi(s + 5);
	dd = atoi(s + 8);
	if (m < 1 || m > 12 || dd < 1 || dd > days[m - 1])
		return 0;
	return !(m == 2 && dd == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
}

static int number_ok(const char *s)
{
	const char *p = s;
	int digits = 0;
	char *end;
	double v;
	while (*p >= '0' && *p <= '9')
		p++, digits++;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			digits++;
	if (!digits)
		return 0;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p)
		return 0;
	v = strtod(s, &end);
	return *end == '\0' && isfinite(v);
}

static xmlNodePtr find_option(xmlNodePtr qu, const char *v, size_t n)
{
	xmlNodePtr ci = NULL;
	for (xmlNodePtr o = qu->children; o; o = o->next) {
		const char *ov = qn_is_elem(o, "option") ? qn_attr(o, "value") : NULL;
		if (!ov || strlen(ov) != n)
			continue;
		if (!strncmp(ov, v, n))
			return o;
		if (!ci && qn_ncase_eq(v, ov, n))
			ci = o;
	}
	return ci;
}

/* The answer value fits what product.rng allows for the question's fact (element.attr,
 * or element: its text): 1 when it does (or the schema says nothing of the fact), 0
 * with *why "expected ..." in the schema's terms (rngexplain.h). */
static int schema_ok(run *r, xmlNodePtr qu, const char *value, const char **why, buf *whybuf)
{
	const char *fact = qn_attr(qu, "fact"), *dot;
	char el[128], *want = NULL;
	int ok;
	if (!r->io->product_schema || !fact || !strncmp(fact, "product.", 8))
		return 1;
	dot = strchr(fact, '.');
	snprintf(el, sizeof el, "%.*s", (int)(dot ? (size_t)(dot - fact) : strlen(fact)), fact);
	ok = rngexplain_value(r->io->product_schema, el, dot ? dot + 1 : NULL, value, &want);
	if (!ok) {
		buf_clear(whybuf);
		buf_printf(whybuf, "expected %s", want ? want : "another value");
		*why = whybuf->oom ? "not a value the product schema allows" : whybuf->s;
	}
	free(want);
	return ok;
}

int qn_parse_answer(run *r, xmlNodePtr qu, const char *s, answer *a, const char **why, buf *whybuf)
{
	const char *kind = qn_attr(qu, "kind");
	a->nopts = 0;
	a->value[0] = '\0';
	if (!strcmp(kind, "yes-no")) {
		if (qn_ieq(s, "yes") || qn_ieq(s, "y"))
			strcpy(a->value, "yes");
		else if (qn_ieq(s, "no") || qn_ieq(s, "n"))
			strcpy(a->value, "no");
		else {
			*why = "answer yes or no";
			return 0;
		}
		return 1;
	}
	if (!strcmp(kind, "choice")) {
		xmlNodePtr o = find_option(qu, s, strlen(s));
		if (!o) {
			buf_clear(whybuf);
			buf_puts(whybuf, "answer one of:");
			for (xmlNodePtr k = qu->children; k; k = k->next)
				if (qn_is_elem(k, "option"))
					buf_printf(whybuf, " %s", qn_attr(k, "value"));
			*why = whybuf->oom ? "not one of the options" : whybuf->s;
			return 0;
		}
		a->opts[a->nopts++] = o;
		snprintf(a->value, sizeof a->value, "%s", qn_attr(o, "value"));
		return 1;
	}
	if (!strcmp(kind, "multi")) {
		const char *p = s;
		int none = 0, alone = 0;
		while (*p) {
			size_t n;
			xmlNodePtr o;
			while (*p == ' ' || *p == ',' || *p == '\t')
				p++;
			n = strcspn(p, " ,\t");
			if (!n)
				break;
			if (n == 4 && qn_ncase_eq(p, "none", 4) && !find_option(qu, p, n)) {
				if (!(qn_attr(qu, "none") && !strcmp(qn_attr(qu, "none"), "yes"))) {
					*why = "at least one option is needed";
					return 0;
				}
				none = 1;
				p += n;
				continue;
			}
			o = find_option(qu, p, n);
			if (!o) {
				buf_clear(whybuf);
				buf_printf(whybuf, "'%.*s' is not one of the options", (int)(n > 40 ? 40 : n), p);
				*why = whybuf->oom ? "not one of the options" : whybuf->s;
				return 0;
			}
			{
				int dup = 0;
				for (size_t i = 0; i < a->nopts; i++)
					dup |= a->opts[i] == o;
				if (!dup) {
					if (a->nopts == sizeof a->opts / sizeof *a->opts) {
						*why = "too many options";
						return 0;
					}
					a->opts[a->nopts++] = o;
					if (qn_attr(o, "alone") && !strcmp(qn_attr(o, "alone"), "yes"))
						alone = 1;
				}
			}
			p += n;
		}
		if (none && a->nopts) {
			*why = "'none' cannot be given with options";
			return 0;
		}
		if (!none && !a->nopts) {
			*why = "an answer is needed";
			return 0;
		}
		if (alone && a->nopts > 1) {
			*why = "an option given cannot be combined with others";
			return 0;
		}
		snprintf(a->value, sizeof a->value, "%s", none ? "none" : s);
		return 1;
	}
	if (!strcmp(kind, "text") || !strcmp(kind, "prose")) {
		if (!text_ok(s, !strcmp(kind, "text") ? 200 : 4000, why))
			return 0;
		snprintf(a->value, sizeof a->value, "%s", s);
		return schema_ok(r, qu, a->value, why, whybuf);
	}
	if (!strcmp(kind, "slug")) {
		if (!slug_ok(s)) {
			*why = "lower-case letters, digits and hyphens (at most 64), starting with a letter or digit";
			return 0;
		}
		snprintf(a->value, sizeof a->value, "%s", s);
		return 1;
	}
	if (!strcmp(kind, "date")) {
		if (!date_ok(s)) {
			*why = "a date written YYYY-MM-DD, such as 2026-09-01";
			return 0;
		}
		snprintf(a->value, sizeof a->value, "%s", s);
		return 1;
	}
	if (!strcmp(kind, "number")) {
		/* not a number at all: what the schema says this fact takes (a number of years
		 * 0 or more, a number such as 3.8e25 ...), checked with a value no number is */
		if (!number_ok(s)) {
			*why = "a number";
			schema_ok(r, qu, "?", why, whybuf);
			return 0;
		}
		snprintf(a->value, sizeof a->value, "%s", s);
		return schema_ok(r, qu, a->value, why, whybuf);
	}
	*why = "unknown kind of question";
	return 0;
}

const char *qn_default_of(const run *r, xmlNodePtr qu)
{
	const char *def = qn_attr(qu, "default");
	if (def && !strcmp(def, "{file}"))
		return r->file_stem && slug_ok(r->file_stem) ? r->file_stem : NULL;
	return def;
}

/* ------------------------------------------------------------------ the product */

static xmlNodePtr element_for(run *r, const char *name, size_t n)
{
	char el[128];
	xmlNodePtr e;
	if (n >= sizeof el)
		return NULL;
	memcpy(el, name, n);
	el[n] = '\0';
	for (e = r->root->children; e; e = e->next)
		if (qn_is_elem(e, el) && !e->_private)
			return e;
	return xmlNewChild(r->root, NULL, (const xmlChar *)el, NULL);
}

int qn_record(run *r, xmlNodePtr qu, const answer *a)
{
	const char *kind = qn_attr(qu, "kind");
	int write = !(qn_attr(qu, "write") && !strcmp(qn_attr(qu, "write"), "no"));
	if (!strcmp(kind, "multi")) {
		for (size_t i = 0; i < a->nopts; i++) {
			xmlNodePtr o = a->opts[i], e = NULL;
			int owrite = write && !(qn_attr(o, "write") && !strcmp(qn_attr(o, "write"), "no"));
			for (xmlNodePtr s = o->children; s; s = s->next) {
				const char *f, *v, *dot;
				if (!qn_is_elem(s, "set"))
					continue;
				f = qn_attr(s, "fact");
				v = qn_attr(s, "value");
				dot = strchr(f, '.');
				if (add_fact(r, f, v) != 0)
					return -1;
				if (!owrite)
					continue;
				if (!e) {
					char el[128];
					snprintf(el, sizeof el, "%.*s", (int)(dot - f), f);
					e = xmlNewChild(r->root, NULL, (const xmlChar *)el, NULL);
					if (!e)
						return -1;
					e->_private = e; /* a repeated element: never merged into */
				}
				if (!xmlSetProp(e, (const xmlChar *)(dot + 1), (const xmlChar *)v))
					return -1;
			}
		}
		return 0;
	}
	{
		const char *f = qn_attr(qu, "fact");
		const char *dot = strchr(f, '.');
		if (a->nopts == 1 && qn_attr(a->opts[0], "write") && !strcmp(qn_attr(a->opts[0], "write"), "no"))
			write = 0;
		if (add_fact(r, f, a->value) != 0)
			return -1;
		if (!write)
			return 0;
		if (!strncmp(f, "product.", 8))
			return xmlSetProp(r->root, (const xmlChar *)(f + 8), (const xmlChar *)a->value) ? 0 : -1;
		if (!dot) {
			xmlNodePtr e = element_for(r, f, strlen(f));
			if (!e)
				return -1;
			xmlNodeAddContentLen(e, (const xmlChar *)a->value, (int)strlen(a->value));
			return 0;
		}
		{
			xmlNodePtr e = element_for(r, f, (size_t)(dot - f));
			return e && xmlSetProp(e, (const xmlChar *)(dot + 1), (const xmlChar *)a->value) ? 0 : -1;
		}
	}
}

