#include "assess/engine.h"
#include "assess/timeline.h"
#include "assess/touch.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/* One fact a fired rule tested, as it stood then. */
typedef struct used_fact {
	char *name;
	char *value; /* values joined with ", "; NULL when not stated */
	unsigned long line;
} used_fact;

/* A regulation of the assessment: regs[0] is the product's own (primary), the others
 * come in through a <combine> of the primary's rules. */
typedef struct ereg {
	const char *id;      /* the graph's root id */
	const gindex *g;
	const ruleset *rs;
	char *site_base;     /* owned: link prefix into its site */
	int active;          /* its rules are evaluated */
	xmlNodePtr combine;  /* the <combine> that brought it in (others) */
} ereg;

typedef struct step {
	xmlNodePtr decision; /* NULL: a <combine> (rule is the <combine> element) */
	xmlNodePtr rule;
	const ereg *home;    /* the regulation whose rules hold it */
	used_fact *used;
	size_t nused;
} step;

typedef struct fired_item {
	xmlNodePtr item;
	xmlNodePtr rule;
	const ereg *home;
} fired_item;

/* A notice the engine itself adds (not from a rule's <notice>). */
typedef struct extra_notice {
	char *text;
	char *rule;
} extra_notice;

typedef struct engine {
	const product *p;
	const gindex *g;     /* the primary graph (regs[0].g) */
	ereg *regs;
	size_t nregs;
	engine_options o;
	diag *d;
	factset concl;
	/* missing facts already reported by a <require> (names borrowed from rule files) */
	const char **missing;
	size_t nmissing, capmissing;
	extra_notice *notes;
	size_t nnotes, capnotes;
	/* names tested while evaluating the current rule's condition */
	const char **tested;
	size_t ntested, captested;
	step *steps;
	size_t nsteps, capsteps;
	fired_item *items;
	size_t nitems, capitems;
	int oom;
} engine;

static int is_elem(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static const char *attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (!a->ns && !strcmp((const char *)a->name, name) && a->children &&
		    a->children->type == XML_TEXT_NODE)
			return (const char *)a->children->content;
	return NULL;
}

static unsigned long line_of(const xmlNode *n)
{
	long l = xmlGetLineNo((xmlNodePtr)n);
	return l > 0 ? (unsigned long)l : 1;
}

static xmlNodePtr first_elem(xmlNodePtr n)
{
	for (; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

static xmlNodePtr child(const xmlNode *n, const char *name)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (is_elem(c, name))
			return c;
	return NULL;
}

/* The fact values with that name: product facts first, then conclusions. Calls fn for
 * each; stops when fn returns nonzero and returns that. */
typedef int (*value_fn)(const fact *f, void *arg);

static int each_value(const engine *e, const char *name, value_fn fn, void *arg)
{
	const factset *sets[2] = {&e->p->facts, &e->concl};
	for (int s = 0; s < 2; s++)
		for (size_t i = 0; i < sets[s]->n; i++)
			if (!strcmp(sets[s]->v[i].name, name)) {
				int r = fn(&sets[s]->v[i], arg);
				if (r)
					return r;
			}
	return 0;
}

static const fact *first_fact(const engine *e, const char *name)
{
	const factset *sets[2] = {&e->p->facts, &e->concl};
	for (int s = 0; s < 2; s++)
		for (size_t i = 0; i < sets[s]->n; i++)
			if (!strcmp(sets[s]->v[i].name, name))
				return &sets[s]->v[i];
	return NULL;
}

static int fn_count(const fact *f, void *arg)
{
	(void)f;
	(*(size_t *)arg)++;
	return 0;
}

static int fn_is(const fact *f, void *arg)
{
	return !strcmp(f->value, (const char *)arg);
}

/* 1 when word is one of the whitespace-separated tokens of list. */
static int in_list(const char *word, const char *list)
{
	size_t wl = strlen(word);
	const char *p = list;
	while (*p) {
		const char *q;
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		q = p;
		while (*q && *q != ' ' && *q != '\t' && *q != '\n' && *q != '\r')
			q++;
		if ((size_t)(q - p) == wl && wl && !memcmp(p, word, wl))
			return 1;
		p = q;
	}
	return 0;
}

static int fn_in(const fact *f, void *arg)
{
	return in_list(f->value, (const char *)arg);
}

struct cmp_arg {
	const char *op;
	double bound;
};

static int parse_number(const char *s, double *v)
{
	char *end;
	errno = 0;
	*v = strtod(s, &end);
	if (end == s || errno == ERANGE || !isfinite(*v))
		return -1;
	while (*end == ' ')
		end++;
	return *end ? -1 : 0;
}

static int fn_cmp(const fact *f, void *arg)
{
	const struct cmp_arg *c = arg;
	double v;
	if (parse_number(f->value, &v) != 0)
		return 0;
	if (!strcmp(c->op, "gt"))
		return v > c->bound;
	if (!strcmp(c->op, "ge"))
		return v >= c->bound;
	if (!strcmp(c->op, "lt"))
		return v < c->bound;
	return v <= c->bound;
}

static void note_tested(engine *e, const char *name)
{
	for (size_t i = 0; i < e->ntested; i++)
		if (!strcmp(e->tested[i], name))
			return;
	if (e->ntested == e->captested) {
		size_t ncap = e->captested ? e->captested * 2 : 16;
		const char **nv = realloc(e->tested, ncap * sizeof *nv);
		if (!nv) {
			e->oom = 1;
			return;
		}
		e->tested = nv;
		e->captested = ncap;
	}
	e->tested[e->ntested++] = name;
}

static int eval_fact(engine *e, xmlNodePtr t)
{
	const char *name = attr(t, "name");
	const char *v;
	if (!name)
		return 0;
	note_tested(e, name);
	if ((v = attr(t, "is")) != NULL)
		return each_value(e, name, fn_is, (void *)v) != 0;
	if ((v = attr(t, "in")) != NULL)
		return each_value(e, name, fn_in, (void *)v) != 0;
	if ((v = attr(t, "not-in")) != NULL)
		return each_value(e, name, fn_in, (void *)v) == 0;
	if ((v = attr(t, "present")) != NULL) {
		size_t n = 0;
		each_value(e, name, fn_count, &n);
		return !strcmp(v, "yes") ? n > 0 : n == 0;
	}
	{
		static const char *const ops[] = {"gt", "ge", "lt", "le"};
		for (size_t i = 0; i < sizeof ops / sizeof *ops; i++) {
			struct cmp_arg c;
			if ((v = attr(t, ops[i])) == NULL)
				continue;
			if (parse_number(v, &c.bound) != 0)
				return 0;
			c.op = ops[i];
			return each_value(e, name, fn_cmp, &c) != 0;
		}
	}
	return 0;
}

static int eval(engine *e, xmlNodePtr c)
{
	if (!c)
		return 0;
	if (is_elem(c, "all")) {
		for (xmlNodePtr k = first_elem(c->children); k; k = first_elem(k->next))
			if (!eval(e, k))
				return 0;
		return 1;
	}
	if (is_elem(c, "any")) {
		for (xmlNodePtr k = first_elem(c->children); k; k = first_elem(k->next))
			if (eval(e, k))
				return 1;
		return 0;
	}
	if (is_elem(c, "not"))
		return !eval(e, first_elem(c->children));
	if (is_elem(c, "always"))
		return 1;
	if (is_elem(c, "fact"))
		return eval_fact(e, c);
	return 0;
}

/* The condition held by a <when> element (absent: true). */
static int eval_when(engine *e, xmlNodePtr when)
{
	if (!when)
		return 1;
	return eval(e, first_elem(when->children));
}

/* The values of a fact joined with ", ", or NULL when not stated. */
static char *joined_values(const engine *e, const char *name, unsigned long *line)
{
	buf b;
	const factset *sets[2] = {&e->p->facts, &e->concl};
	*line = 0;
	buf_init(&b);
	for (int s = 0; s < 2; s++)
		for (size_t i = 0; i < sets[s]->n; i++)
			if (!strcmp(sets[s]->v[i].name, name)) {
				if (b.s)
					buf_puts(&b, ", ");
				buf_puts(&b, sets[s]->v[i].value);
				if (!*line)
					*line = sets[s]->v[i].line;
			}
	if (b.oom) {
		buf_free(&b);
		return NULL;
	}
	return b.s;
}

/* ---- product checks ---------------------------------------------------------- */

/* Line of the product element that holds the facts "group.*" (e.g. "practices" for
 * "practices.social-scoring"), else the root's. */
static unsigned long line_for_missing(const engine *e, const char *name)
{
	const char *dot = strrchr(name, '.');
	xmlNodePtr root = xmlDocGetRootElement(e->p->doc);
	if (dot) {
		size_t glen = (size_t)(dot - name);
		for (xmlNodePtr c = root->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE && strlen((const char *)c->name) == glen &&
			    !memcmp(c->name, name, glen))
				return line_of(c);
	}
	return line_of(root);
}

static void describe_test(const engine *e, xmlNodePtr t, buf *out, unsigned long *line)
{
	const char *name = attr(t, "name");
	char *v = name ? joined_values(e, name, line) : NULL;
	buf_printf(out, "%s=\"%s\"", name ? name : "?", v ? v : "(not stated)");
	if (*line)
		buf_printf(out, " (line %lu)", *line);
	free(v);
}

/* 1 when a missing fact was reported already (by another regulation's <require>);
 * otherwise remembers it and returns 0. */
static int missing_reported(engine *e, const char *name)
{
	for (size_t i = 0; i < e->nmissing; i++)
		if (!strcmp(e->missing[i], name))
			return 1;
	if (e->nmissing == e->capmissing) {
		size_t ncap = e->capmissing ? e->capmissing * 2 : 16;
		const char **nv = realloc(e->missing, ncap * sizeof *nv);
		if (!nv) {
			e->oom = 1;
			return 0;
		}
		e->missing = nv;
		e->capmissing = ncap;
	}
	e->missing[e->nmissing++] = name;
	return 0;
}

static void run_checks(engine *e, const ereg *reg, const rulefile *f)
{
	xmlNodePtr root = xmlDocGetRootElement(f->doc);
	const char *ppath = e->p->path;
	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (is_elem(c, "require")) {
			const char *name = attr(c, "fact");
			size_t n = 0;
			if (!name || !eval_when(e, child(c, "when")))
				continue;
			each_value(e, name, fn_count, &n);
			if (n == 0 && !missing_reported(e, name))
				diag_error(e->d, ppath, line_for_missing(e, name),
				           "missing required fact \"%s\": %s (required by %s:%lu)", name,
				           attr(c, "message") ? attr(c, "message") : "", f->path,
				           line_of(c));
		} else if (is_elem(c, "conflict")) {
			int all = 1, ntests = 0;
			buf msg;
			unsigned long first_line = 0;
			for (xmlNodePtr t = c->children; t && all; t = t->next)
				if (is_elem(t, "fact")) {
					ntests++;
					all = eval_fact(e, t);
				}
			if (!all || ntests < 2)
				continue;
			buf_init(&msg);
			ntests = 0;
			for (xmlNodePtr t = c->children; t; t = t->next) {
				unsigned long l = 0;
				if (!is_elem(t, "fact"))
					continue;
				if (ntests++)
					buf_puts(&msg, " and ");
				describe_test(e, t, &msg, &l);
				if (!first_line)
					first_line = l;
			}
			diag_error(e->d, ppath, first_line ? first_line : line_for_missing(e, "x"),
			           "contradictory facts: %s: %s (%s:%lu)", msg.s ? msg.s : "",
			           attr(c, "message") ? attr(c, "message") : "", f->path, line_of(c));
			buf_free(&msg);
		} else if (is_elem(c, "exists")) {
			const char *el = attr(c, "element");
			const char *tmpl = attr(c, "id");
			xmlNodePtr proot = xmlDocGetRootElement(e->p->doc);
			if (!el || !tmpl)
				continue;
			for (xmlNodePtr pe = proot->children; pe; pe = pe->next) {
				int bad = 0;
				char *id, *msg;
				if (!is_elem(pe, el))
					continue;
				id = rules_expand_template(tmpl, pe, &bad);
				if (!id)
					continue;
				msg = rules_expand_template(attr(c, "message") ? attr(c, "message") : "",
				                            pe, &bad);
				if (!gindex_find(reg->g, id))
					diag_error(e->d, ppath, line_of(pe),
					           "<%s>: %s (%s does not exist in the graph of %s)", el,
					           msg ? msg : "", id, reg->id);
				else if (attr(c, "leaf") && !strcmp(attr(c, "leaf"), "yes") &&
				         gindex_has_points(reg->g, id))
				{
					buf pts;
					buf_init(&pts);
					for (xmlNodePtr k = gindex_find(reg->g, id)->children; k; k = k->next)
						if (is_elem(k, "point") && attr(k, "label"))
							buf_printf(&pts, "%s%s", pts.len ? ", " : "", attr(k, "label"));
					diag_error(e->d, ppath, line_of(pe),
					           "<%s>: %s has points below it (%s): name one of them", el, id,
					           pts.s ? pts.s : "");
					buf_free(&pts);
				}
				free(msg);
				free(id);
			}
		}
	}
}

/* ---- decisions --------------------------------------------------------------- */

static void free_step(step *s)
{
	for (size_t i = 0; i < s->nused; i++) {
		free(s->used[i].name);
		free(s->used[i].value);
	}
	free(s->used);
}

static int record_step(engine *e, const ereg *home, xmlNodePtr decision, xmlNodePtr rule)
{
	step *s;
	if (e->nsteps == e->capsteps) {
		size_t ncap = e->capsteps ? e->capsteps * 2 : 32;
		step *nv = realloc(e->steps, ncap * sizeof *nv);
		if (!nv)
			return -1;
		e->steps = nv;
		e->capsteps = ncap;
	}
	s = &e->steps[e->nsteps];
	s->decision = decision;
	s->rule = rule;
	s->home = home;
	s->nused = 0;
	s->used = e->ntested ? calloc(e->ntested, sizeof *s->used) : NULL;
	if (e->ntested && !s->used)
		return -1;
	e->nsteps++;
	for (size_t i = 0; i < e->ntested; i++) {
		used_fact *u = &s->used[s->nused];
		u->name = strdup(e->tested[i]);
		if (!u->name)
			return -1;
		u->value = joined_values(e, e->tested[i], &u->line);
		s->nused++;
	}
	return 0;
}

static int fire(engine *e, const ereg *home, xmlNodePtr decision, xmlNodePtr rule)
{
	const char *rid = attr(rule, "id");
	if (record_step(e, home, decision, rule) != 0)
		return -1;
	for (xmlNodePtr c = rule->children; c; c = c->next) {
		if (is_elem(c, "set")) {
			const char *name = attr(c, "name"), *value = attr(c, "value");
			int dup = 0;
			if (!name || !value)
				continue;
			for (size_t i = 0; i < e->concl.n; i++)
				if (!strcmp(e->concl.v[i].name, name) && !strcmp(e->concl.v[i].value, value))
					dup = 1;
			if (!dup && factset_add(&e->concl, name, value, 0, NULL, rid, attr(c, "label")) != 0)
				return -1;
		} else if (is_elem(c, "item")) {
			const char *iid = attr(c, "id");
			int dup = 0;
			for (size_t i = 0; i < e->nitems && iid; i++) {
				const char *other = attr(e->items[i].item, "id");
				if (other && !strcmp(other, iid))
					dup = 1;
			}
			if (dup)
				continue;
			if (e->nitems == e->capitems) {
				size_t ncap = e->capitems ? e->capitems * 2 : 64;
				fired_item *nv = realloc(e->items, ncap * sizeof *nv);
				if (!nv)
					return -1;
				e->items = nv;
				e->capitems = ncap;
			}
			e->items[e->nitems].item = c;
			e->items[e->nitems].rule = rule;
			e->items[e->nitems].home = home;
			e->nitems++;
		}
	}
	return 0;
}

static int run_decisions(engine *e, const ereg *home, const rulefile *f)
{
	xmlNodePtr root = xmlDocGetRootElement(f->doc);
	for (xmlNodePtr dn = root->children; dn; dn = dn->next) {
		const char *mode;
		int first;
		if (!is_elem(dn, "decision"))
			continue;
		mode = attr(dn, "mode");
		first = mode && !strcmp(mode, "first");
		e->ntested = 0;
		if (!eval_when(e, child(dn, "when")))
			continue;
		for (xmlNodePtr r = dn->children; r; r = r->next) {
			if (!is_elem(r, "rule"))
				continue;
			e->ntested = 0;
			if (!eval_when(e, child(r, "when")))
				continue;
			if (e->oom || fire(e, home, dn, r) != 0)
				return -1;
			if (first)
				break;
		}
	}
	return 0;
}

/* ---- the assessment document --------------------------------------------------- */

static xmlNodePtr add(xmlNodePtr parent, const char *name, const char *text)
{
	return xmlNewTextChild(parent, NULL, (const xmlChar *)name, (const xmlChar *)text);
}

static void set(xmlNodePtr n, const char *name, const char *value)
{
	if (value)
		xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

static void set_ulong(xmlNodePtr n, const char *name, unsigned long v)
{
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%lu", v);
	set(n, name, tmp);
}

/* The element's text content, whitespace collapsed (a new string). */
static char *node_text(const xmlNode *n)
{
	xmlChar *raw = xmlNodeGetContent(n);
	buf b;
	buf_init(&b);
	for (const char *s = raw ? (const char *)raw : ""; *s; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
			if (b.len && b.s[b.len - 1] != ' ')
				buf_putc(&b, ' ');
		} else {
			buf_putc(&b, *s);
		}
	}
	while (b.len && b.s[b.len - 1] == ' ')
		b.s[--b.len] = '\0';
	xmlFree(raw);
	if (!b.s)
		buf_puts(&b, "");
	return b.s;
}

/* A label for an id of a regulation whose graph is not loaded: "Article 12(3)". */
static void fallback_label(const char *reg, const char *id, buf *out)
{
	const char *p = id;
	int first = 1;
	if (!strncmp(id, "art-", 4)) {
		buf_puts(out, "Article ");
		p += 4;
	} else if (!strncmp(id, "anx-", 4)) {
		buf_puts(out, "Annex ");
		p += 4;
	} else if (!strncmp(id, "rec-", 4)) {
		buf_puts(out, "Recital ");
		p += 4;
	} else {
		buf_puts(out, id);
		p = "";
	}
	while (*p) {
		const char *dot = strchr(p, '.');
		size_t len = dot ? (size_t)(dot - p) : strlen(p);
		if (first)
			buf_append(out, p, len);
		else if (len > 3 && !strncmp(p, "sub", 3))
			buf_printf(out, ", subparagraph %.*s", (int)(len - 3), p + 3);
		else
			buf_printf(out, "(%.*s)", (int)len, p);
		first = 0;
		p += len;
		if (*p == '.')
			p++;
	}
	if (reg) {
		buf_puts(out, " (");
		buf_puts(out, reg);
		buf_putc(out, ')');
	}
}

/* The regulation of the assessment with that id (NULL: not loaded). */
static const ereg *find_reg(const engine *e, const char *id)
{
	for (size_t i = 0; id && i < e->nregs; i++)
		if (!strcmp(e->regs[i].id, id))
			return &e->regs[i];
	return NULL;
}

/* The short title of a graph ("Cyber Resilience Act"), or NULL. */
static const char *short_title(const gindex *g)
{
	xmlNodePtr root = xmlDocGetRootElement(g->doc);
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
		if (is_elem(c, "short-title") && c->children && c->children->type == XML_TEXT_NODE)
			return (const char *)c->children->content;
	return NULL;
}

/* <name ref= label= href= [regulation=]> for a provision of regulation reg (NULL: the
 * primary); text = its law when asked. A provision of another regulation is labelled
 * with that regulation's short title ("Cyber Resilience Act Article 13(8)") unless the
 * rule gives a label, and linked into that regulation's site. */
static xmlNodePtr add_ref(engine *e, xmlNodePtr parent, const char *name, const char *id,
                          const char *reg, const char *given_label, int with_text)
{
	xmlNodePtr n = add(parent, name, NULL);
	buf label, href;
	int other = reg && strcmp(reg, e->regs[0].id) != 0;
	const ereg *r = other ? find_reg(e, reg) : &e->regs[0];
	buf_init(&label);
	buf_init(&href);
	if (given_label && *given_label) {
		buf_puts(&label, given_label);
	} else if (other && r) {
		const char *st = short_title(r->g);
		if (st)
			buf_printf(&label, "%s ", st);
		gindex_label(r->g, id, &label);
	} else if (other) {
		fallback_label(reg, id, &label);
	} else {
		gindex_label(e->g, id, &label);
	}
	if (r && e->o.eurlex) {
		gindex_href_eurlex(r->g, id, &href);
	} else if (r) {
		gindex_href(r->g, id, r->site_base, &href);
	} else {
		const char *dot = strchr(id, '.');
		buf_printf(&href, "%s%s/site/", e->o.library_base, reg);
		buf_append(&href, id, dot ? (size_t)(dot - id) : strlen(id));
		buf_printf(&href, ".html#%s", id);
	}
	set(n, "ref", id);
	if (other)
		set(n, "regulation", reg);
	set(n, "label", label.s ? label.s : id);
	set(n, "href", href.s ? href.s : "");
	if (with_text && r) {
		buf t;
		buf_init(&t);
		gindex_text(r->g, id, &t);
		if (t.s && t.len)
			add(n, "law", t.s);
		buf_free(&t);
	}
	if (label.oom || href.oom)
		e->oom = 1;
	buf_free(&label);
	buf_free(&href);
	return n;
}

/* The regulation a reference in a rule file names: its regulation attribute, else the
 * regulation whose rules hold it. */
static const char *ref_reg(const xmlNode *n, const ereg *home)
{
	return attr(n, "regulation") ? attr(n, "regulation") : home->id;
}

static void add_cites(engine *e, xmlNodePtr parent, const xmlNode *from, const ereg *home)
{
	for (xmlNodePtr c = from->children; c; c = c->next) {
		char *given;
		if (!is_elem(c, "cite") || !attr(c, "ref"))
			continue;
		given = node_text(c);
		add_ref(e, parent, "cite", attr(c, "ref"), ref_reg(c, home), given, 0);
		free(given);
	}
}

/* computed recitals listed per checklist item, after the official ones */
#define ENGINE_COMPUTED_RECITALS 3

typedef struct rec_ref {
	const ereg *reg;
	const gindex_pair *pair;
} rec_ref;

/* Recitals of the units of the item's provision and citations, each from the graph of
 * the regulation it belongs to, deduplicated, primary regulation first, in recital
 * order. */
static void add_recitals(engine *e, xmlNodePtr parent, const xmlNode *item, const ereg *home)
{
	const char *ids[64];
	const ereg *regs[64];
	size_t nids = 0;
	rec_ref recs[256];
	size_t nrecs = 0;
	ids[0] = attr(item, "provision");
	regs[0] = find_reg(e, ref_reg(item, home));
	nids = 1;
	for (xmlNodePtr c = item->children; c && nids < 64; c = c->next)
		if (is_elem(c, "cite") && attr(c, "ref")) {
			ids[nids] = attr(c, "ref");
			regs[nids] = find_reg(e, ref_reg(c, home));
			nids++;
		}
	for (size_t i = 0; i < nids; i++) {
		const gindex_pair *first;
		size_t n;
		if (!ids[i] || !regs[i] || !strncmp(ids[i], "rec-", 4))
			continue;
		n = gindex_recitals(regs[i]->g, ids[i], &first);
		for (size_t k = 0; k < n; k++) {
			int dup = 0;
			for (size_t j = 0; j < nrecs; j++)
				if (recs[j].reg == regs[i] && !strcmp(recs[j].pair->recital, first[k].recital))
					dup = 1;
			if (!dup && nrecs < 256) {
				recs[nrecs].reg = regs[i];
				recs[nrecs].pair = &first[k];
				nrecs++;
			}
		}
	}
	/* insertion sort by regulation (primary first), then recital number */
	for (size_t i = 1; i < nrecs; i++) {
		rec_ref x = recs[i];
		size_t j = i;
		while (j > 0 && (recs[j - 1].reg > x.reg ||
		                 (recs[j - 1].reg == x.reg && recs[j - 1].pair->n > x.pair->n))) {
			recs[j] = recs[j - 1];
			j--;
		}
		recs[j] = x;
	}
	for (size_t i = 0; i < nrecs; i++)
		add_ref(e, parent, "recital", recs[i].pair->recital, recs[i].reg->id, NULL, 0);
	/* then, marked computed, the best recitals computed for the unit of the provision
	 * (its suggests edges; README "Computed relations") whose evidence touches the
	 * provision itself, never one listed above */
	if (ids[0] && regs[0] && strncmp(ids[0], "rec-", 4) != 0) {
		const gindex_pair *first;
		size_t n = gindex_suggested(regs[0]->g, ids[0], &first), shown = 0;
		for (size_t k = 0; k < n && shown < ENGINE_COMPUTED_RECITALS; k++) {
			int dup = 0;
			for (size_t j = 0; j < nrecs && !dup; j++)
				dup = recs[j].reg == regs[0] && !strcmp(recs[j].pair->recital, first[k].recital);
			/* a unit's suggestion, shown under one of its paragraphs or points only
			 * when its evidence touches that provision (touch.h) */
			if (dup || !touch_evidence(regs[0]->g, ids[0], first[k].evidence))
				continue;
			set(add_ref(e, parent, "recital", first[k].recital, regs[0]->id, NULL, 0), "computed",
			    "yes");
			shown++;
		}
	}
}

static void build_product(engine *e, xmlNodePtr root)
{
	xmlNodePtr pn = add(root, "product", NULL);
	static const char *const leaves[] = {"name", "version", "provider", "intended-purpose"};
	const fact *f;
	set(pn, "id", e->p->id);
	set(pn, "src", e->o.product_src ? e->o.product_src : e->p->path);
	for (size_t i = 0; i < sizeof leaves / sizeof *leaves; i++) {
		f = first_fact(e, leaves[i]);
		add(pn, leaves[i], f ? f->value : "");
	}
	f = first_fact(e, "provider.established-in-union");
	set(pn, "established-in-union", f ? f->value : NULL);
	f = first_fact(e, "provider.sme");
	set(pn, "sme", f ? f->value : "no");
}

/* The regulations assessed together with the primary one, and why. */
static void build_combined(engine *e, xmlNodePtr root)
{
	xmlNodePtr cn = NULL;
	for (size_t i = 1; i < e->nregs; i++) {
		const ereg *r = &e->regs[i];
		xmlNodePtr rn;
		if (!r->active)
			continue;
		if (!cn)
			cn = add(root, "combined", NULL);
		rn = add(cn, "regulation", NULL);
		set(rn, "id", r->id);
		set(rn, "name", short_title(r->g) ? short_title(r->g) : r->id);
		set(rn, "site-base", r->site_base);
	}
}

static void build_facts(engine *e, xmlNodePtr root)
{
	xmlNodePtr fs = add(root, "facts", NULL);
	for (size_t i = 0; i < e->p->facts.n; i++) {
		const fact *f = &e->p->facts.v[i];
		xmlNodePtr n = add(fs, "fact", NULL);
		set(n, "name", f->name);
		set(n, "value", f->value);
		set_ulong(n, "line", f->line);
	}
}

static void build_conclusions(engine *e, xmlNodePtr root)
{
	xmlNodePtr cs = add(root, "conclusions", NULL);
	for (size_t i = 0; i < e->concl.n; i++) {
		const fact *f = &e->concl.v[i];
		xmlNodePtr n = add(cs, "conclusion", NULL);
		set(n, "name", f->name);
		set(n, "value", f->value);
		set(n, "rule", f->rule);
		set(n, "label", f->label ? f->label : f->value);
	}
}

static void build_trace(engine *e, xmlNodePtr root)
{
	xmlNodePtr tr = add(root, "trace", NULL);
	xmlNodePtr notices = add(root, "notices", NULL);
	for (size_t i = 0; i < e->nsteps; i++) {
		const step *s = &e->steps[i];
		xmlNodePtr n = add(tr, "step", NULL);
		xmlNodePtr because = child(s->rule, "because");
		char *txt = because ? node_text(because) : NULL;
		set_ulong(n, "n", i + 1);
		if (s->decision) {
			set(n, "decision", attr(s->decision, "name"));
			set(n, "decision-title", attr(s->decision, "title") ? attr(s->decision, "title")
			                                                    : attr(s->decision, "name"));
			set(n, "rule", attr(s->rule, "id"));
			set(n, "title", attr(s->rule, "title"));
		} else {
			/* a <combine>: why another regulation is assessed too */
			buf rid;
			buf_init(&rid);
			buf_printf(&rid, "combine-%s", attr(s->rule, "regulation"));
			set(n, "decision", "combine");
			set(n, "decision-title", "Regulations assessed together");
			set(n, "rule", rid.s ? rid.s : "combine");
			if (rid.oom)
				e->oom = 1;
			buf_free(&rid);
		}
		add(n, "because", txt ? txt : "");
		free(txt);
		for (size_t k = 0; k < s->nused; k++) {
			xmlNodePtr u = add(n, "used", NULL);
			set(u, "fact", s->used[k].name);
			set(u, "value", s->used[k].value);
			if (s->used[k].line)
				set_ulong(u, "line", s->used[k].line);
		}
		for (xmlNodePtr c = s->rule->children; c; c = c->next)
			if (is_elem(c, "set")) {
				xmlNodePtr u = add(n, "concludes", NULL);
				set(u, "name", attr(c, "name"));
				set(u, "value", attr(c, "value"));
				set(u, "label", attr(c, "label") ? attr(c, "label") : attr(c, "value"));
			}
		add_cites(e, n, s->rule, s->home);
		for (xmlNodePtr c = s->rule->children; c; c = c->next)
			if (is_elem(c, "notice")) {
				char *t = node_text(c);
				xmlNodePtr nn = add(notices, "notice", t ? t : "");
				free(t);
				set(nn, "level", attr(c, "level"));
				set(nn, "rule", attr(s->rule, "id"));
			}
	}
	for (size_t i = 0; i < e->nnotes; i++) {
		xmlNodePtr nn = add(notices, "notice", e->notes[i].text);
		set(nn, "level", "warning");
		set(nn, "rule", e->notes[i].rule);
	}
}

/* The conclusions (or product facts) named "application": the cases of the dates of
 * application (<when condition=...>) that hold for this product (doc/rules.md). */
#define MAX_CASES 8
static int fn_case(const fact *f, void *arg)
{
	const char **v = arg;
	size_t i = 0;
	while (i < MAX_CASES && v[i])
		i++;
	if (i < MAX_CASES)
		v[i] = f->value;
	return 0;
}

/* <applies from=DATE ref=BY label=...> for each date of application of the item's
 * provision in its regulation's graph (timeline.h); none when the graph has no dates. */
static void add_dates(engine *e, xmlNodePtr in, const xmlNode *it, const ereg *home)
{
	const char *cases[MAX_CASES + 1] = {NULL};
	timeline_date d[4];
	const ereg *r = find_reg(e, ref_reg(it, home));
	size_t nc = 0, n;
	if (!r || !attr(it, "provision"))
		return;
	each_value(e, "application", fn_case, cases);
	while (nc < MAX_CASES && cases[nc])
		nc++;
	n = timeline_dates(r->g, attr(it, "provision"), cases, nc, d, sizeof d / sizeof d[0]);
	for (size_t i = 0; i < n; i++) {
		const char *colon = strchr(d[i].by ? d[i].by : "", ':');
		xmlNodePtr a;
		if (!d[i].by) {
			set(add(in, "applies", NULL), "from", d[i].from);
			continue;
		}
		if (colon) { /* a provision of another regulation ("digital-omnibus-ai:art-4") */
			char *reg = strndup(d[i].by, (size_t)(colon - d[i].by));
			if (!reg) {
				e->oom = 1;
				return;
			}
			a = add_ref(e, in, "applies", colon + 1, reg, NULL, 0);
			free(reg);
		} else {
			a = add_ref(e, in, "applies", d[i].by, r->id, NULL, 0);
		}
		set(a, "from", d[i].from);
	}
}

static void build_checklist(engine *e, xmlNodePtr root)
{
	xmlNodePtr cl = add(root, "checklist", NULL);
	for (size_t r = 0; r < e->nregs; r++) {
		const ereg *reg = &e->regs[r];
		if (!reg->active)
			continue;
		for (size_t f = 0; f < reg->rs->n; f++) {
			xmlNodePtr rroot = xmlDocGetRootElement(reg->rs->v[f].doc);
			for (xmlNodePtr gdecl = rroot->children; gdecl; gdecl = gdecl->next) {
				const char *gid;
				xmlNodePtr gn = NULL;
				char *intro;
				if (!is_elem(gdecl, "group") || !(gid = attr(gdecl, "id")))
					continue;
				for (size_t i = 0; i < e->nitems; i++) {
					const xmlNode *it = e->items[i].item;
					const char *grp = attr(it, "group");
					xmlNodePtr in, title, statement;
					char *t;
					if (e->items[i].home != reg || !grp || strcmp(grp, gid) != 0)
						continue;
					if (!gn) {
						gn = add(cl, "group", NULL);
						set(gn, "id", gid);
						set(gn, "title", attr(gdecl, "title"));
						if (r > 0)
							set(gn, "regulation", reg->id);
						intro = node_text(gdecl);
						if (intro && *intro)
							add(gn, "intro", intro);
						free(intro);
					}
					in = add(gn, "item", NULL);
					set(in, "id", attr(it, "id"));
					set(in, "rule", attr(e->items[i].rule, "id"));
					title = child(it, "title");
					statement = child(it, "statement");
					t = title ? node_text(title) : NULL;
					add(in, "title", t ? t : "");
					free(t);
					t = statement ? node_text(statement) : NULL;
					add(in, "statement", t ? t : "");
					free(t);
					add_ref(e, in, "provision", attr(it, "provision"), ref_reg(it, reg), NULL, 1);
					add_cites(e, in, it, reg);
					add_recitals(e, in, it, reg);
					add_dates(e, in, it, reg);
				}
			}
		}
	}
}

static void copy_annex_points(engine *e, const ereg *reg, xmlNodePtr out, xmlNodePtr gnode)
{
	for (xmlNodePtr c = gnode->children; c; c = c->next) {
		const char *id;
		xmlNodePtr pn;
		if (!(is_elem(c, "point") || is_elem(c, "sub") || is_elem(c, "section")))
			continue;
		id = attr(c, "id");
		if (!id)
			continue;
		pn = add_ref(e, out, is_elem(c, "point") ? "point" : (const char *)c->name, id,
		             reg->id, NULL, 1);
		set(pn, "n", attr(c, "label") ? attr(c, "label") : attr(c, "n"));
		set(pn, "title", attr(c, "title"));
		/* the provisions of the regulation that cite this point (the graph's index of
		 * cites edges by target: a scan of every edge per point was quadratic) */
		{
			xmlNodePtr const *ed;
			size_t ned = gindex_cited_by(reg->g, id, &ed);
			for (size_t k = 0; k < ned; k++) {
				const char *from = attr(ed[k], "from");
				if (from && strncmp(from, id, strlen(id)) != 0)
					add_ref(e, pn, "cited-by", from, reg->id, NULL, 0);
			}
		}
		copy_annex_points(e, reg, pn, c);
	}
}

/* The first <documentation> of a regulation's rules, or NULL. */
static xmlNodePtr find_documentation(const ereg *reg)
{
	for (size_t f = 0; f < reg->rs->n; f++) {
		xmlNodePtr root = xmlDocGetRootElement(reg->rs->v[f].doc);
		for (xmlNodePtr c = root->children; c; c = c->next)
			if (is_elem(c, "documentation"))
				return c;
	}
	return NULL;
}

/* The condition inside <required> or <simplified> (absent: dflt). */
static int doc_condition(engine *e, xmlNodePtr decl, const char *name, int dflt)
{
	xmlNodePtr c = child(decl, name);
	if (!c)
		return dflt;
	e->ntested = 0;
	return eval(e, first_elem(c->children));
}

/* One part of the technical documentation template: the annex a regulation's rules
 * declare, every point of it with its law and the provisions citing it. */
static void build_doc_part(engine *e, xmlNodePtr parent, const ereg *reg, xmlNodePtr decl,
                           int required)
{
	xmlNodePtr part = add(parent, "part", NULL);
	const char *annex = attr(decl, "annex");
	const char *basis = attr(decl, "basis");
	const char *simple = attr(decl, "simplified-form");
	xmlNodePtr ganx = annex ? gindex_find(reg->g, annex) : NULL;
	set(part, "regulation", reg->id);
	set(part, "required", required ? "yes" : "no");
	set(part, "simplified", doc_condition(e, decl, "simplified", 0) ? "yes" : "no");
	if (!ganx)
		return;
	add_ref(e, part, "annex", annex, reg->id, NULL, 1);
	if (basis && gindex_find(reg->g, basis))
		add_ref(e, part, "basis", basis, reg->id, NULL, 1);
	if (simple && gindex_find(reg->g, simple))
		add_ref(e, part, "sme-form", simple, reg->id, NULL, 1);
	copy_annex_points(e, reg, part, ganx);
}

/* The technical documentation template: the primary regulation's documentation, then
 * that of every combined regulation whose documentation is required. */
static void build_documentation(engine *e, xmlNodePtr root)
{
	xmlNodePtr decl = find_documentation(&e->regs[0]);
	xmlNodePtr dn;
	if (!decl)
		return;
	dn = add(root, "documentation", NULL);
	set(dn, "file", attr(decl, "file"));
	build_doc_part(e, dn, &e->regs[0], decl, doc_condition(e, decl, "required", 1));
	for (size_t i = 1; i < e->nregs; i++) {
		xmlNodePtr od;
		if (!e->regs[i].active || !(od = find_documentation(&e->regs[i])))
			continue;
		if (doc_condition(e, od, "required", 1))
			build_doc_part(e, dn, &e->regs[i], od, 1);
	}
}

static xmlDocPtr build(engine *e)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root;
	if (!doc)
		return NULL;
	root = xmlNewNode(NULL, (const xmlChar *)"assessment");
	xmlDocSetRootElement(doc, root);
	set(root, "regulation", e->g->regulation);
	set(root, "generator", e->o.generator);
	set(root, "site-base", e->regs[0].site_base);
	if (timeline_law(root, e->g, &e->o.law, e->regs[0].site_base) != 0)
		e->oom = 1;
	/* then the text of each regulation assessed with it, in <combined>'s order */
	for (size_t i = 1; i < e->nregs; i++)
		if (e->regs[i].active &&
		    timeline_law(root, e->regs[i].g, NULL, e->regs[i].site_base) != 0)
			e->oom = 1;
	build_combined(e, root);
	build_product(e, root);
	build_facts(e, root);
	build_conclusions(e, root);
	build_trace(e, root);
	build_checklist(e, root);
	build_documentation(e, root);
	if (e->oom) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

static int add_note(engine *e, const char *text, const char *rule)
{
	extra_notice *n;
	if (e->nnotes == e->capnotes) {
		size_t ncap = e->capnotes ? e->capnotes * 2 : 4;
		extra_notice *nv = realloc(e->notes, ncap * sizeof *nv);
		if (!nv)
			return -1;
		e->notes = nv;
		e->capnotes = ncap;
	}
	n = &e->notes[e->nnotes];
	n->text = strdup(text);
	n->rule = strdup(rule);
	if (!n->text || !n->rule) {
		free(n->text);
		free(n->rule);
		return -1;
	}
	e->nnotes++;
	return 0;
}

/* The <combine>s of the primary rules whose condition holds on the product's facts:
 * bring in the regulations they name (a trace step each), or note that one is
 * missing. */
static int run_combines(engine *e)
{
	const ereg *primary = &e->regs[0];
	for (size_t f = 0; f < primary->rs->n; f++) {
		xmlNodePtr root = xmlDocGetRootElement(primary->rs->v[f].doc);
		for (xmlNodePtr c = root->children; c; c = c->next) {
			const char *rid;
			ereg *r = NULL;
			if (!is_elem(c, "combine") || !(rid = attr(c, "regulation")))
				continue;
			e->ntested = 0;
			if (!eval_when(e, child(c, "when")))
				continue;
			for (size_t i = 1; i < e->nregs; i++)
				if (!strcmp(e->regs[i].id, rid))
					r = &e->regs[i];
			if (r && r->active)
				continue;
			if (record_step(e, primary, NULL, c) != 0)
				return -1;
			if (r) {
				r->active = 1;
				r->combine = c;
			} else {
				buf t, rule;
				int rc;
				char *why = child(c, "because") ? node_text(child(c, "because")) : NULL;
				buf_init(&t);
				buf_init(&rule);
				buf_printf(&t, "The product is also to be assessed under regulation \"%s\" (%s), "
				               "whose graph and rules were not given to this assessment: its "
				               "items are missing from this checklist.",
				           rid, why ? why : "");
				buf_printf(&rule, "combine-%s", rid);
				rc = t.oom || rule.oom ? -1 : add_note(e, t.s, rule.s);
				free(why);
				buf_free(&t);
				buf_free(&rule);
				if (rc != 0)
					return -1;
			}
		}
	}
	return e->oom ? -1 : 0;
}

/* The site base of a regulation read on EUR-Lex: its document, "#" (the templates add a
 * page name, which is then a fragment EUR-Lex does not know: the document's top). */
static char *eurlex_base(const gindex *g)
{
	buf b;
	buf_init(&b);
	gindex_eurlex_doc(g, &b);
	buf_putc(&b, '#');
	if (b.oom) {
		buf_free(&b);
		return NULL;
	}
	return b.s;
}

xmlDocPtr engine_assess(const ruleset *rs, const product *p, const gindex *g,
                        const engine_options *o, diag *d)
{
	engine e;
	xmlDocPtr out = NULL;
	size_t errors = d->errors;

	memset(&e, 0, sizeof e);
	e.p = p;
	e.g = g;
	e.d = d;
	e.o.site_base = o && o->site_base ? o->site_base : "../../site/";
	e.o.library_base = o && o->library_base ? o->library_base : "../../../";
	e.o.generator = o && o->generator ? o->generator : "regdoc";
	e.o.product_src = o ? o->product_src : NULL;
	e.o.eurlex = o ? o->eurlex : 0;
	if (o)
		e.o.law = o->law;
	factset_init(&e.concl);

	e.nregs = 1 + (o ? o->nothers : 0);
	e.regs = calloc(e.nregs, sizeof *e.regs);
	if (!e.regs) {
		diag_sys(d, p->path, "cannot assess", ENOMEM);
		goto done;
	}
	e.regs[0].id = g->regulation;
	e.regs[0].g = g;
	e.regs[0].rs = rs;
	e.regs[0].site_base = e.o.eurlex ? eurlex_base(g) : strdup(e.o.site_base);
	e.regs[0].active = 1;
	if (!e.regs[0].site_base)
		e.oom = 1;
	for (size_t i = 1; i < e.nregs; i++) {
		const engine_regulation *er = &o->others[i - 1];
		buf sb;
		buf_init(&sb);
		if (e.o.eurlex) {
			gindex_eurlex_doc(er->g, &sb);
			buf_putc(&sb, '#');
		} else {
			buf_printf(&sb, "%s%s/site/", e.o.library_base, er->g->regulation);
		}
		e.regs[i].id = er->g->regulation;
		e.regs[i].g = er->g;
		e.regs[i].rs = er->rs;
		e.regs[i].site_base = sb.s;
		if (sb.oom || !sb.s) {
			buf_free(&sb);
			e.regs[i].site_base = NULL;
			e.oom = 1;
		}
	}
	if (e.oom) {
		diag_sys(d, p->path, "cannot assess", ENOMEM);
		goto done;
	}

	if (ruleset_check_groups(rs, d) != 0)
		goto done;
	if (run_combines(&e) != 0) {
		diag_sys(d, p->path, "cannot assess", ENOMEM);
		goto done;
	}
	for (size_t r = 0; r < e.nregs; r++) {
		if (!e.regs[r].active)
			continue;
		if (r > 0 && ruleset_check_groups(e.regs[r].rs, d) != 0)
			goto done;
		for (size_t i = 0; i < e.regs[r].rs->n; i++)
			run_checks(&e, &e.regs[r], &e.regs[r].rs->v[i]);
	}
	if (e.oom) {
		diag_sys(d, p->path, "cannot assess", ENOMEM);
		goto done;
	}
	if (d->errors > errors)
		goto done;
	for (size_t r = 0; r < e.nregs; r++) {
		if (!e.regs[r].active)
			continue;
		for (size_t i = 0; i < e.regs[r].rs->n; i++)
			if (run_decisions(&e, &e.regs[r], &e.regs[r].rs->v[i]) != 0) {
				diag_sys(d, p->path, "cannot assess", ENOMEM);
				goto done;
			}
	}
	out = build(&e);
	if (!out)
		diag_sys(d, p->path, "cannot build the assessment", ENOMEM);
done:
	for (size_t i = 0; i < e.nsteps; i++)
		free_step(&e.steps[i]);
	free(e.steps);
	free(e.items);
	free(e.tested);
	free(e.missing);
	for (size_t i = 0; i < e.nnotes; i++) {
		free(e.notes[i].text);
		free(e.notes[i].rule);
	}
	free(e.notes);
	for (size_t i = 0; e.regs && i < e.nregs; i++)
		free(e.regs[i].site_base);
	free(e.regs);
	factset_free(&e.concl);
	return out;
}
