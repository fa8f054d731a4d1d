#include "tool/questionnaire.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlstring.h>

#include "tool/qnhelp.h"
#include "util/buf.h"
#include "util/fsio.h"
#include "util/rngexplain.h"
#include "util/xmlsafe.h"

#define COND_MAX_DEPTH 32 /* nesting of conditions and <ref>s */
#define WRAP 78           /* columns of the interactive text */

struct questionnaire {
	xmlDocPtr doc;
	char *path;
	char *regulation;
};

/* ------------------------------------------------------------------ helpers */

static int is_elem(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static xmlNodePtr first_elem(xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next)
		if (is_elem(c, name))
			return c;
	return NULL;
}

/* An attribute's value, borrowed from the tree (NULL when absent). */
static const char *attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a = xmlHasProp(n, (const xmlChar *)name);
	if (!a || !a->children || a->children->type != XML_TEXT_NODE || a->children->next)
		return NULL;
	return (const char *)a->children->content;
}

static unsigned long line_of(xmlNodePtr n)
{
	long l = xmlGetLineNo(n);
	return l > 0 ? (unsigned long)l : 0;
}

/* The text of an element with its white space collapsed, in a new string. */
static char *text_of(xmlNodePtr n)
{
	xmlChar *raw = n ? xmlNodeGetContent(n) : NULL;
	buf b;
	int space = 0;
	buf_init(&b);
	for (const xmlChar *p = raw; p && *p; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
			space = b.len > 0;
			continue;
		}
		if (space)
			buf_putc(&b, ' ');
		space = 0;
		buf_putc(&b, (char)*p);
	}
	xmlFree(raw);
	if (b.oom) {
		buf_free(&b);
		return NULL;
	}
	if (!b.s)
		buf_puts(&b, "");
	return b.s;
}

/* s[0..n) and word[0..n) are equal ignoring ASCII case. */
static int text_ncase_eq_local(const char *s, const char *word, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char a = s[i], b = word[i];
		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (b >= 'A' && b <= 'Z')
			b = (char)(b - 'A' + 'a');
		if (a != b)
			return 0;
	}
	return 1;
}

static int ieq(const char *a, const char *b)
{
	size_t n = strlen(b);
	return strlen(a) == n && text_ncase_eq_local(a, b, n);
}

/* ------------------------------------------------------------------ loading */

static xmlNodePtr find_define(xmlNodePtr root, const char *name, xmlNodePtr before)
{
	for (xmlNodePtr c = root->children; c && c != before; c = c->next)
		if (is_elem(c, "define") && attr(c, "name") && !strcmp(attr(c, "name"), name))
			return c;
	return NULL;
}

/* Every <ref> under n names a define declared before `scope` (the define holding it,
 * or the first section for questions). */
static int check_refs(const questionnaire *q, xmlNodePtr n, xmlNodePtr scope, diag *d)
{
	int bad = 0;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_elem(c, "ref")) {
			const char *name = attr(c, "name");
			if (!name || !find_define(xmlDocGetRootElement(q->doc), name, scope)) {
				diag_error(d, q->path, line_of(c), "<ref name=\"%s\">: no <define> of that name before it",
				           name ? name : "");
				bad = 1;
			}
		}
		bad |= check_refs(q, c, scope, d);
	}
	return bad;
}

/* The element a multi question's option writes: every <set fact="E.A"> has the same
 * E. Returns 0 and the element name length, -1 with a diagnostic. */
static int option_element(const questionnaire *q, xmlNodePtr opt, size_t *elen, diag *d)
{
	const char *first = NULL;
	size_t n = 0;
	for (xmlNodePtr s = opt->children; s; s = s->next) {
		const char *f, *dot;
		if (!is_elem(s, "set"))
			continue;
		f = attr(s, "fact");
		dot = f ? strchr(f, '.') : NULL;
		if (!dot) {
			diag_error(d, q->path, line_of(s), "<set fact=\"%s\">: a multi option sets attributes (element.attribute)",
			           f ? f : "");
			return -1;
		}
		if (!first) {
			first = f;
			n = (size_t)(dot - f);
		} else if ((size_t)(dot - f) != n || strncmp(f, first, n) != 0) {
			diag_error(d, q->path, line_of(s), "<set fact=\"%s\">: the sets of one option must be attributes of one element (%.*s)",
			           f, (int)n, first);
			return -1;
		}
	}
	*elen = n;
	return 0;
}

static int check_questions(const questionnaire *q, diag *d)
{
	xmlNodePtr root = xmlDocGetRootElement(q->doc);
	xmlNodePtr first_section = first_elem(root, "section");
	int bad = 0;
	for (xmlNodePtr c = root->children; c; c = c->next)
		if (is_elem(c, "define"))
			bad |= check_refs(q, c, c, d);
	for (xmlNodePtr s = root->children; s; s = s->next) {
		if (!is_elem(s, "section"))
			continue;
		bad |= check_refs(q, s, first_section, d);
		for (xmlNodePtr qu = s->children; qu; qu = qu->next) {
			const char *id, *kind;
			if (!is_elem(qu, "question"))
				continue;
			id = attr(qu, "id");
			kind = attr(qu, "kind");
			/* unique ids */
			for (xmlNodePtr s2 = root->children; s2 && s2 != s->next; s2 = s2->next)
				for (xmlNodePtr q2 = is_elem(s2, "section") ? s2->children : NULL; q2 && q2 != qu; q2 = q2->next)
					if (is_elem(q2, "question") && id && attr(q2, "id") && !strcmp(id, attr(q2, "id"))) {
						diag_error(d, q->path, line_of(qu), "question id \"%s\" is also used on line %lu", id,
						           line_of(q2));
						bad = 1;
					}
			if (!kind)
				continue;
			if (!strcmp(kind, "multi")) {
				int nopt = 0;
				if (attr(qu, "fact")) {
					diag_error(d, q->path, line_of(qu), "question \"%s\": a multi question's options say the facts, not fact=", id);
					bad = 1;
				}
				for (xmlNodePtr o = qu->children; o; o = o->next) {
					size_t n;
					if (!is_elem(o, "option"))
						continue;
					nopt++;
					if (option_element(q, o, &n, d) != 0)
						bad = 1;
					else if (!n && !(attr(o, "write") && !strcmp(attr(o, "write"), "no"))) {
						diag_error(d, q->path, line_of(o), "option \"%s\" sets no fact", attr(o, "value"));
						bad = 1;
					}
				}
				if (!nopt) {
					diag_error(d, q->path, line_of(qu), "question \"%s\": a multi question needs options", id);
					bad = 1;
				}
			} else {
				int nopt = 0;
				if (!attr(qu, "fact")) {
					diag_error(d, q->path, line_of(qu), "question \"%s\": kind %s needs fact=", id, kind);
					bad = 1;
				}
				for (xmlNodePtr o = qu->children; o; o = o->next) {
					if (!is_elem(o, "option"))
						continue;
					nopt++;
					if (first_elem(o, "set")) {
						diag_error(d, q->path, line_of(o), "option \"%s\": only multi options have <set>", attr(o, "value"));
						bad = 1;
					}
				}
				if (!strcmp(kind, "choice") != !!nopt) {
					diag_error(d, q->path, line_of(qu), "question \"%s\": %s", id,
					           nopt ? "only choice and multi questions have options" : "a choice question needs options");
					bad = 1;
				}
			}
		}
	}
	return bad ? -1 : 0;
}

questionnaire *qn_load(const char *path, const char *schema, diag *d)
{
	questionnaire *q = calloc(1, sizeof *q);
	xmlNodePtr root;
	if (!q || !(q->path = strdup(path))) {
		free(q);
		diag_sys(d, path, "cannot load", ENOMEM);
		return NULL;
	}
	q->doc = xmlsafe_read_file(path, d);
	if (!q->doc || xmlsafe_validate(q->doc, schema, path, d) != 0 || check_questions(q, d) != 0) {
		qn_free(q);
		return NULL;
	}
	root = xmlDocGetRootElement(q->doc);
	q->regulation = strdup(attr(root, "regulation") ? attr(root, "regulation") : "");
	if (!q->regulation) {
		qn_free(q);
		diag_sys(d, path, "cannot load", ENOMEM);
		return NULL;
	}
	return q;
}

void qn_free(questionnaire *q)
{
	if (!q)
		return;
	if (q->doc)
		xmlFreeDoc(q->doc);
	free(q->path);
	free(q->regulation);
	free(q);
}

size_t qn_route(const questionnaire *q, const char **names, size_t max)
{
	xmlNodePtr route = first_elem(xmlDocGetRootElement(q->doc), "route");
	size_t n = 0;
	for (xmlNodePtr c = route ? route->children : NULL; c && n < max; c = c->next)
		if (is_elem(c, "conclusion") && attr(c, "name"))
			names[n++] = attr(c, "name");
	return n;
}

const char *qn_regulation(const questionnaire *q)
{
	return q->regulation;
}

static size_t cites_under(const questionnaire *q, xmlNodePtr n, int (*exists)(void *, const char *),
                          void *ctx, diag *d)
{
	size_t bad = 0;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_elem(c, "cite")) {
			const char *ref = attr(c, "ref"), *reg = attr(c, "regulation");
			if (reg && strcmp(reg, q->regulation) != 0)
				continue; /* another regulation's provision: its graph is not loaded */
			if (!ref || !exists(ctx, ref)) {
				diag_error(d, q->path, line_of(c), "<cite ref=\"%s\">: provision %s does not exist in the graph of %s",
				           ref ? ref : "", ref ? ref : "", q->regulation);
				bad++;
			}
		} else {
			bad += cites_under(q, c, exists, ctx, d);
		}
	}
	return bad;
}

size_t qn_check_cites(const questionnaire *q, int (*exists)(void *ctx, const char *id), void *ctx,
                      diag *d)
{
	return cites_under(q, xmlDocGetRootElement(q->doc), exists, ctx, d);
}

/* ------------------------------------------------------------------ answers */

typedef struct fact {
	char *name, *value;
} fact;

typedef struct run {
	const questionnaire *q;
	const qn_io *io;
	FILE *out;
	diag *d;
	fact *facts;
	size_t nfacts, capfacts;
	xmlDocPtr doc;     /* the product being built */
	xmlNodePtr root;
	unsigned long in_line;
	unsigned asked;
	const char *const *presets;
	size_t npresets;
	unsigned char *preset_used;
	const char *file_stem;
	char *line;        /* getline's buffer */
	size_t linecap;
	int oom;
	/* the answers read so far, in order (not the presets): replayed after "back" */
	char **hist;
	unsigned char *hist_empty; /* an optional question left out */
	size_t nhist, caphist;
	size_t replay;     /* during a walk: the next answer of hist to replay */
	size_t missing;    /* batch: questions without preset or default */
	xmlNodePtr shown_section; /* interactive: the section whose title was printed last */
} run;

enum { ASK_OK = 0, ASK_FAIL = -1, ASK_BACK = 1, ASK_MISSING = 2 };

static int remember(run *r, const char *answer, int empty)
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
	if (r->nfacts == r->capfacts) {
		size_t cap = r->capfacts ? 2 * r->capfacts : 64;
		fact *v = realloc(r->facts, cap * sizeof *v);
		if (!v)
			return -1;
		r->facts = v;
		r->capfacts = cap;
	}
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
	const char *name = attr(c, "name"), *v;
	size_t present = 0;
	int any = 0;
	if (!name)
		return 0;
	for (size_t i = 0; i < r->nfacts; i++)
		if (!strcmp(r->facts[i].name, name))
			present++;
	if ((v = attr(c, "present")))
		return !strcmp(v, "yes") ? present > 0 : present == 0;
	for (size_t i = 0; i < r->nfacts && !any; i++) {
		const char *val = r->facts[i].value;
		if (strcmp(r->facts[i].name, name) != 0)
			continue;
		if ((v = attr(c, "is")))
			any = !strcmp(val, v);
		else if ((v = attr(c, "in")) || (v = attr(c, "not-in")))
			any = in_list(v, val);
		else
			for (size_t k = 0; k < 4; k++)
				if ((v = attr(c, ops[k])))
					any = compare(val, ops[k], strtod(v, NULL));
	}
	return attr(c, "not-in") ? !any : any;
}

static int holds(const run *r, xmlNodePtr c, int depth)
{
	if (depth > COND_MAX_DEPTH)
		return 0;
	if (is_elem(c, "fact"))
		return fact_test(r, c);
	if (is_elem(c, "not")) {
		for (xmlNodePtr k = c->children; k; k = k->next)
			if (k->type == XML_ELEMENT_NODE)
				return !holds(r, k, depth + 1);
		return 0;
	}
	if (is_elem(c, "all") || is_elem(c, "any")) {
		int all = is_elem(c, "all");
		for (xmlNodePtr k = c->children; k; k = k->next) {
			if (k->type != XML_ELEMENT_NODE)
				continue;
			if (holds(r, k, depth + 1) != all)
				return !all;
		}
		return all;
	}
	if (is_elem(c, "ref")) {
		const char *name = attr(c, "name");
		xmlNodePtr def = name ? find_define(xmlDocGetRootElement(r->q->doc), name, NULL) : NULL;
		for (xmlNodePtr k = def ? def->children : NULL; k; k = k->next)
			if (k->type == XML_ELEMENT_NODE)
				return holds(r, k, depth + 1);
		return 0;
	}
	return 0;
}

/* A <when> child holds (or there is none). */
static int applies(const run *r, xmlNodePtr n)
{
	xmlNodePtr w = first_elem(n, "when");
	if (!w)
		return 1;
	for (xmlNodePtr k = w->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE)
			return holds(r, k, 0);
	return 1;
}

/* ------------------------------------------------------------------ answers */

/* One parsed answer: the chosen options (multi), or the value. */
typedef struct answer {
	char value[QN_MAX_ANSWER + 1];
	xmlNodePtr opts[64];
	size_t nopts;
} answer;

static const char *trim(char *s)
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
		const char *ov = is_elem(o, "option") ? attr(o, "value") : NULL;
		if (!ov || strlen(ov) != n)
			continue;
		if (!strncmp(ov, v, n))
			return o;
		if (!ci && text_ncase_eq_local(v, ov, n))
			ci = o;
	}
	return ci;
}

/* The answer value fits what product.rng allows for the question's fact (element.attr,
 * or element: its text): 1 when it does (or the schema says nothing of the fact), 0
 * with *why "expected ..." in the schema's terms (rngexplain.h). */
static int schema_ok(run *r, xmlNodePtr qu, const char *value, const char **why, buf *whybuf)
{
	const char *fact = attr(qu, "fact"), *dot;
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

/* Parse s as an answer to qu into *a. 1 when good; 0 with *why. */
static int parse_answer(run *r, xmlNodePtr qu, const char *s, answer *a, const char **why, buf *whybuf)
{
	const char *kind = attr(qu, "kind");
	a->nopts = 0;
	a->value[0] = '\0';
	if (!strcmp(kind, "yes-no")) {
		if (ieq(s, "yes") || ieq(s, "y"))
			strcpy(a->value, "yes");
		else if (ieq(s, "no") || ieq(s, "n"))
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
				if (is_elem(k, "option"))
					buf_printf(whybuf, " %s", attr(k, "value"));
			*why = whybuf->oom ? "not one of the options" : whybuf->s;
			return 0;
		}
		a->opts[a->nopts++] = o;
		snprintf(a->value, sizeof a->value, "%s", attr(o, "value"));
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
			if (n == 4 && text_ncase_eq_local(p, "none", 4) && !find_option(qu, p, n)) {
				if (!(attr(qu, "none") && !strcmp(attr(qu, "none"), "yes"))) {
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
					if (attr(o, "alone") && !strcmp(attr(o, "alone"), "yes"))
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

/* The question's default, with {file} replaced; NULL when none applies. */
static const char *default_of(const run *r, xmlNodePtr qu)
{
	const char *def = attr(qu, "default");
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
		if (is_elem(e, el) && !e->_private)
			return e;
	return xmlNewChild(r->root, NULL, (const xmlChar *)el, NULL);
}

/* Record the answer: facts for the conditions, and the product tree unless write="no". */
static int record(run *r, xmlNodePtr qu, const answer *a)
{
	const char *kind = attr(qu, "kind");
	int write = !(attr(qu, "write") && !strcmp(attr(qu, "write"), "no"));
	if (!strcmp(kind, "multi")) {
		for (size_t i = 0; i < a->nopts; i++) {
			xmlNodePtr o = a->opts[i], e = NULL;
			int owrite = write && !(attr(o, "write") && !strcmp(attr(o, "write"), "no"));
			for (xmlNodePtr s = o->children; s; s = s->next) {
				const char *f, *v, *dot;
				if (!is_elem(s, "set"))
					continue;
				f = attr(s, "fact");
				v = attr(s, "value");
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
		const char *f = attr(qu, "fact");
		const char *dot = strchr(f, '.');
		if (a->nopts == 1 && attr(a->opts[0], "write") && !strcmp(attr(a->opts[0], "write"), "no"))
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

/* ------------------------------------------------------------------ asking */

/* Print s wrapped at WRAP columns, every line starting with indent spaces. */
static void put_wrapped(FILE *f, const char *s, int indent)
{
	int col = 0;
	while (*s) {
		size_t w;
		while (*s == ' ')
			s++;
		w = strcspn(s, " ");
		if (!w)
			break;
		if (col && col + 1 + (int)w > WRAP) {
			fputc('\n', f);
			col = 0;
		}
		if (!col) {
			fprintf(f, "%*s", indent, "");
			col = indent;
		} else {
			fputc(' ', f);
			col++;
		}
		fwrite(s, 1, w, f);
		col += (int)w;
		s += w;
	}
	if (col)
		fputc('\n', f);
}

static void show_question(run *r, xmlNodePtr qu)
{
	FILE *f = r->out;
	const char *kind = attr(qu, "kind"), *def = default_of(r, qu);
	char *text = text_of(first_elem(qu, "text"));
	int first = 1;
	fprintf(f, "\n(%u) ", r->asked);
	for (xmlNodePtr c = qu->children; c; c = c->next) {
		if (!is_elem(c, "cite"))
			continue;
		char *label = text_of(c);
		const char *reg = attr(c, "regulation");
		fprintf(f, "%s%s [%s%s%s]", first ? "" : "; ", label ? label : "", reg ? reg : "",
		        reg ? ":" : "", attr(c, "ref"));
		free(label);
		first = 0;
	}
	fputc('\n', f);
	put_wrapped(f, text ? text : "", 0);
	free(text);
	for (xmlNodePtr o = qu->children; o; o = o->next) {
		if (!is_elem(o, "option"))
			continue;
		fprintf(f, "  %-18s", attr(o, "value"));
		if (attr(o, "label")) {
			char line[512];
			snprintf(line, sizeof line, "%s", attr(o, "label"));
			/* the label on the same line, wrapped under itself */
			{
				const char *s = line;
				int col = 20;
				while (*s) {
					size_t w;
					while (*s == ' ')
						s++;
					w = strcspn(s, " ");
					if (!w)
						break;
					if (col > 20 && col + 1 + (int)w > WRAP) {
						fprintf(f, "\n%20s", "");
						col = 20;
					} else if (col > 20) {
						fputc(' ', f);
						col++;
					}
					fwrite(s, 1, w, f);
					col += (int)w;
					s += w;
				}
			}
		}
		fputc('\n', f);
	}
	if (!strcmp(kind, "yes-no"))
		fputs("[yes/no", f);
	else if (!strcmp(kind, "multi"))
		fputs(attr(qu, "none") && !strcmp(attr(qu, "none"), "yes")
		          ? "[one or more of the values above, separated by spaces, or none"
		          : "[one or more of the values above, separated by spaces",
		      f);
	else if (!strcmp(kind, "choice"))
		fputs("[one of the values above", f);
	else if (!strcmp(kind, "number"))
		fputs("[a number", f);
	else
		fputs("[text", f);
	if (def)
		fprintf(f, "; Enter: %s", def);
	else if (attr(qu, "optional") && !strcmp(attr(qu, "optional"), "yes"))
		fputs("; Enter: leave it out", f);
	fputs(r->nhist ? "; ?: help; back: undo the previous answer]\n> " : "; ?: help]\n> ", f);
	fflush(f);
}

/* "?": the question's own help, then the law's text of what it cites and the
 * definitions of the terms it uses, from the graphs (qnhelp.h). */
static void show_help(run *r, xmlNodePtr qu)
{
	char *help = text_of(first_elem(qu, "help"));
	buf b;
	if (help && *help)
		put_wrapped(r->out, help, 2);
	free(help);
	buf_init(&b);
	qnhelp_text(&b, qu, r->q->regulation, r->io->graphs, r->io->ngraphs);
	for (char *line = b.s, *nl; line && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			break;
		*nl = '\0';
		put_wrapped(r->out, line, line[0] == ' ' ? 4 : 2);
	}
	buf_free(&b);
	fflush(r->out);
}

/* Read one line into r->line; 1 read, 0 end of input, -1 error or interrupted. */
static int read_line(run *r)
{
	ssize_t n;
	for (;;) {
		errno = 0;
		n = getline(&r->line, &r->linecap, r->io->in);
		if (n >= 0)
			break;
		if (errno == EINTR && !diag_interrupted(r->d)) {
			clearerr(r->io->in);
			continue;
		}
		if (diag_interrupted(r->d))
			return -1;
		if (ferror(r->io->in)) {
			diag_sys(r->d, r->io->in_name, "cannot read the answers", errno ? errno : EIO);
			return -1;
		}
		return 0;
	}
	r->in_line++;
	if ((size_t)n > QN_MAX_ANSWER) {
		diag_error(r->d, r->io->in_name, r->in_line, "answer of %zd bytes is over the limit of %d",
		           n, QN_MAX_ANSWER);
		return -1;
	}
	if (strlen(r->line) != (size_t)n) {
		diag_error(r->d, r->io->in_name, r->in_line, "NUL byte in an answer");
		return -1;
	}
	return 1;
}

/* The preset for question id, or NULL; marks it used. */
static const char *preset_for(run *r, const char *id)
{
	size_t n = strlen(id);
	for (size_t i = 0; i < r->npresets; i++)
		if (!strncmp(r->presets[i], id, n) && r->presets[i][n] == '=') {
			r->preset_used[i] = 1;
			return r->presets[i] + n + 1;
		}
	return NULL;
}

/* Ask question qu (or take its preset, its replayed answer, its default). ASK_OK,
 * ASK_BACK ("back": the last answer dropped from the history), ASK_MISSING (batch:
 * reported, the run goes on to report the others), ASK_FAIL. */
static int ask(run *r, xmlNodePtr qu)
{
	const char *id = attr(qu, "id"), *preset = preset_for(r, id), *why = NULL;
	const char *def = default_of(r, qu);
	int optional = attr(qu, "optional") && !strcmp(attr(qu, "optional"), "yes");
	answer *a = malloc(sizeof *a);
	buf whybuf;
	int rc = ASK_FAIL;
	if (!a) {
		diag_sys(r->d, r->q->path, "cannot ask", ENOMEM);
		return ASK_FAIL;
	}
	buf_init(&whybuf);
	if (preset) {
		char tmp[QN_MAX_ANSWER + 1];
		if (r->io->interactive && r->replay >= r->nhist) {
			show_question(r, qu);
			fprintf(r->out, "%s (from --set %s)\n", preset, id);
		}
		snprintf(tmp, sizeof tmp, "%s", preset);
		if (parse_answer(r, qu, trim(tmp), a, &why, &whybuf)) {
			rc = record(r, qu, a);
		} else {
			diag_error(r->d, NULL, 0, "--set %s=%s: %s", id, preset, why);
			/* batch: reported, the others are looked at too; else it stops here */
			rc = r->io->in ? ASK_FAIL : ASK_MISSING;
		}
		goto out;
	}
	if (r->replay < r->nhist) { /* after "back": the answers before it, again */
		size_t k = r->replay++;
		if (r->hist_empty[k])
			rc = ASK_OK;
		else if (parse_answer(r, qu, r->hist[k], a, &why, &whybuf))
			rc = record(r, qu, a);
		goto out;
	}
	if (!r->io->in) {
		if (!def && optional)
			rc = ASK_OK;
		else if (def && parse_answer(r, qu, def, a, &why, &whybuf))
			rc = record(r, qu, a);
		else {
			diag_error(r->d, r->q->path, line_of(qu),
			           "question \"%s\" has no default: answer it with --set %s=VALUE", id, id);
			rc = ASK_MISSING;
		}
		goto out;
	}
	for (;;) {
		int got;
		const char *s;
		char tmp[QN_MAX_ANSWER + 1];
		r->asked = (unsigned)r->nhist + 1;
		if (r->io->interactive)
			show_question(r, qu);
		got = read_line(r);
		if (got < 0)
			goto out;
		if (got == 0) {
			if (r->io->interactive)
				fputc('\n', r->out);
			diag_error(r->d, r->io->in_name, 0,
			           "the answers ended before question \"%s\" (line %lu of %s): nothing written",
			           id, line_of(qu), r->q->path);
			goto out;
		}
		snprintf(tmp, sizeof tmp, "%s", r->line);
		s = trim(tmp);
		if (!strcmp(s, "?")) {
			show_help(r, qu);
			continue;
		}
		if (ieq(s, "back")) {
			if (!r->nhist) {
				if (!r->io->interactive) {
					diag_error(r->d, r->io->in_name, r->in_line,
					           "question \"%s\": 'back': there is no earlier answer to undo", id);
					goto out;
				}
				fputs("  There is no earlier answer to go back to.\n", r->out);
				continue;
			}
			free(r->hist[--r->nhist]);
			if (r->io->interactive)
				fprintf(r->out, "  Back to question (%zu).\n", r->nhist + 1);
			rc = ASK_BACK;
			goto out;
		}
		if (!*s && def)
			s = def;
		if (!*s && optional) {
			rc = remember(r, "", 1) == 0 ? ASK_OK : ASK_FAIL;
			break;
		}
		if (parse_answer(r, qu, s, a, &why, &whybuf)) {
			rc = remember(r, s, 0) == 0 ? record(r, qu, a) : ASK_FAIL;
			break;
		}
		if (!r->io->interactive) {
			diag_error(r->d, r->io->in_name, r->in_line, "question \"%s\": '%.60s': %s", id, s, why);
			goto out;
		}
		fprintf(r->out, "  %s.\n", why);
	}
out:
	if (rc == ASK_FAIL && !r->d->errors && !r->d->sys_error)
		diag_sys(r->d, r->q->path, "cannot record the answer", ENOMEM);
	buf_free(&whybuf);
	free(a);
	return rc;
}

/* Forget every fact and start the product again (before a walk that replays). */
static int restart(run *r)
{
	for (size_t i = 0; i < r->nfacts; i++) {
		free(r->facts[i].name);
		free(r->facts[i].value);
	}
	r->nfacts = 0;
	if (r->doc)
		xmlFreeDoc(r->doc);
	r->doc = xmlNewDoc((const xmlChar *)"1.0");
	r->root = r->doc ? xmlNewDocNode(r->doc, NULL, (const xmlChar *)"product", NULL) : NULL;
	if (!r->root)
		return -1;
	xmlDocSetRootElement(r->doc, r->root);
	memset(r->preset_used, 0, r->npresets);
	r->replay = 0;
	r->missing = 0;
	return 0;
}

/* One walk through the questions that apply: ASK_OK when all are answered, ASK_BACK
 * when an answer was undone (walk again), ASK_FAIL. */
static int walk(run *r, xmlNodePtr qroot)
{
	for (xmlNodePtr s = qroot->children; s; s = s->next) {
		if (!is_elem(s, "section") || !applies(r, s))
			continue;
		for (xmlNodePtr qu = s->children; qu; qu = qu->next) {
			int rc;
			if (!is_elem(qu, "question") || !applies(r, qu))
				continue;
			if (r->io->interactive && r->replay >= r->nhist && r->shown_section != s &&
			    !preset_for(r, attr(qu, "id"))) {
				fprintf(r->out, "\n== %s ==\n", attr(s, "title"));
				r->shown_section = s;
			}
			rc = ask(r, qu);
			if (diag_interrupted(r->d))
				return ASK_FAIL;
			if (rc == ASK_MISSING) {
				r->missing++;
				continue;
			}
			if (rc != ASK_OK) {
				if (rc == ASK_BACK)
					r->shown_section = NULL;
				return rc;
			}
		}
	}
	return r->missing ? ASK_FAIL : ASK_OK;
}

xmlDocPtr qn_run(const questionnaire *q, const char *const *presets, size_t npresets,
                 const char *file_stem, const qn_io *io, diag *d)
{
	run r;
	xmlNodePtr qroot = xmlDocGetRootElement(q->doc);
	xmlDocPtr out = NULL;
	int ok = 1;
	memset(&r, 0, sizeof r);
	r.q = q;
	r.io = io;
	r.out = io->out ? io->out : stdout;
	r.d = d;
	r.presets = presets;
	r.npresets = npresets;
	r.file_stem = file_stem;
	r.preset_used = calloc(npresets + 1, 1);
	r.doc = xmlNewDoc((const xmlChar *)"1.0");
	r.root = r.doc ? xmlNewDocNode(r.doc, NULL, (const xmlChar *)"product", NULL) : NULL;
	if (!r.preset_used || !r.root) {
		diag_sys(d, q->path, "cannot ask", ENOMEM);
		goto done;
	}
	xmlDocSetRootElement(r.doc, r.root);
	/* every preset names a question */
	for (size_t i = 0; i < npresets; i++) {
		const char *eq = strchr(presets[i], '=');
		int found = 0;
		if (eq)
			for (xmlNodePtr s = qroot->children; s && !found; s = s->next)
				for (xmlNodePtr qu = is_elem(s, "section") ? s->children : NULL; qu && !found; qu = qu->next)
					found = is_elem(qu, "question") && strlen(attr(qu, "id")) == (size_t)(eq - presets[i]) &&
					        !strncmp(attr(qu, "id"), presets[i], (size_t)(eq - presets[i]));
		if (!found) {
			diag_error(d, NULL, 0, "--set %s: %s", presets[i],
			           eq ? "no question has that id (see the ids in questionnaire.xml)" : "give ID=VALUE");
			ok = 0;
		}
	}
	if (!ok)
		goto done;
	if (io->interactive) {
		char *title = text_of(first_elem(qroot, "title"));
		char *intro = text_of(first_elem(qroot, "intro"));
		fprintf(r.out, "%s\n", title ? title : "");
		if (intro && *intro)
			put_wrapped(r.out, intro, 0);
		free(title);
		free(intro);
	}
	for (;;) {
		int rc = walk(&r, qroot);
		if (rc == ASK_BACK && restart(&r) == 0)
			continue;
		if (rc == ASK_BACK)
			diag_sys(d, q->path, "cannot ask", ENOMEM);
		ok = rc == ASK_OK;
		break;
	}
	if (!ok)
		goto done;
	if (q->regulation[0] &&
	    !xmlSetProp(r.root, (const xmlChar *)"regulation", (const xmlChar *)q->regulation)) {
		diag_sys(d, q->path, "cannot ask", ENOMEM);
		goto done;
	}
	for (xmlNodePtr e = r.root->children; e; e = e->next)
		e->_private = NULL;
	for (size_t i = 0; i < npresets; i++)
		if (!r.preset_used[i])
			diag_warning(d, NULL, 0, "--set %s: not used: the question does not apply to this product",
			             presets[i]);
	out = r.doc;
	r.doc = NULL;
done:
	if (r.doc)
		xmlFreeDoc(r.doc);
	for (size_t i = 0; i < r.nfacts; i++) {
		free(r.facts[i].name);
		free(r.facts[i].value);
	}
	free(r.facts);
	free(r.preset_used);
	free(r.line);
	for (size_t i = 0; i < r.nhist; i++)
		free(r.hist[i]);
	free(r.hist);
	free(r.hist_empty);
	return out;
}
