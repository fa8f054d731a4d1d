/*
 * engine.c - the rules run over a product (engine.h): conditions, product checks,
 * decisions and <combine>s, in order; engine_doc.c writes the result.
 */
#include "assess/engine_impl.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

int eng_is_elem(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

const char *eng_attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (!a->ns && !strcmp((const char *)a->name, name) && a->children &&
		    a->children->type == XML_TEXT_NODE)
			return (const char *)a->children->content;
	return NULL;
}


xmlNodePtr eng_first_elem(xmlNodePtr n)
{
	for (; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

xmlNodePtr eng_child(const xmlNode *n, const char *name)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (eng_is_elem(c, name))
			return c;
	return NULL;
}

static unsigned long line_of(const xmlNode *n)
{
	long l = xmlGetLineNo((xmlNodePtr)n);
	return l > 0 ? (unsigned long)l : 1;
}

int eng_each_value(const engine *e, const char *name, value_fn fn, void *arg)
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

const fact *eng_first_fact(const engine *e, const char *name)
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
	const char *name = eng_attr(t, "name");
	const char *v;
	if (!name)
		return 0;
	note_tested(e, name);
	if ((v = eng_attr(t, "is")) != NULL)
		return eng_each_value(e, name, fn_is, (void *)v) != 0;
	if ((v = eng_attr(t, "in")) != NULL)
		return eng_each_value(e, name, fn_in, (void *)v) != 0;
	if ((v = eng_attr(t, "not-in")) != NULL)
		return eng_each_value(e, name, fn_in, (void *)v) == 0;
	if ((v = eng_attr(t, "present")) != NULL) {
		size_t n = 0;
		eng_each_value(e, name, fn_count, &n);
		return !strcmp(v, "yes") ? n > 0 : n == 0;
	}
	{
		static const char *const ops[] = {"gt", "ge", "lt", "le"};
		for (size_t i = 0; i < sizeof ops / sizeof *ops; i++) {
			struct cmp_arg c;
			if ((v = eng_attr(t, ops[i])) == NULL)
				continue;
			if (parse_number(v, &c.bound) != 0)
				return 0;
			c.op = ops[i];
			return eng_each_value(e, name, fn_cmp, &c) != 0;
		}
	}
	return 0;
}

int eng_eval(engine *e, xmlNodePtr c)
{
	if (!c)
		return 0;
	if (eng_is_elem(c, "all")) {
		for (xmlNodePtr k = eng_first_elem(c->children); k; k = eng_first_elem(k->next))
			if (!eng_eval(e, k))
				return 0;
		return 1;
	}
	if (eng_is_elem(c, "any")) {
		for (xmlNodePtr k = eng_first_elem(c->children); k; k = eng_first_elem(k->next))
			if (eng_eval(e, k))
				return 1;
		return 0;
	}
	if (eng_is_elem(c, "not"))
		return !eng_eval(e, eng_first_elem(c->children));
	if (eng_is_elem(c, "always"))
		return 1;
	if (eng_is_elem(c, "fact"))
		return eval_fact(e, c);
	return 0;
}

/* The condition held by a <when> element (absent: true). */
static int eval_when(engine *e, xmlNodePtr when)
{
	if (!when)
		return 1;
	return eng_eval(e, eng_first_elem(when->children));
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
	const char *name = eng_attr(t, "name");
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
		if (eng_is_elem(c, "require")) {
			const char *name = eng_attr(c, "fact");
			size_t n = 0;
			if (!name || !eval_when(e, eng_child(c, "when")))
				continue;
			eng_each_value(e, name, fn_count, &n);
			if (n == 0 && !missing_reported(e, name))
				diag_error(e->d, ppath, line_for_missing(e, name),
				           "missing required fact \"%s\": %s (required by %s:%lu)", name,
				           eng_attr(c, "message") ? eng_attr(c, "message") : "", f->path,
				           line_of(c));
		} else if (eng_is_elem(c, "conflict")) {
			int all = 1, ntests = 0;
			buf msg;
			unsigned long first_line = 0;
			for (xmlNodePtr t = c->children; t && all; t = t->next)
				if (eng_is_elem(t, "fact")) {
					ntests++;
					all = eval_fact(e, t);
				}
			if (!all || ntests < 2)
				continue;
			buf_init(&msg);
			ntests = 0;
			for (xmlNodePtr t = c->children; t; t = t->next) {
				unsigned long l = 0;
				if (!eng_is_elem(t, "fact"))
					continue;
				if (ntests++)
					buf_puts(&msg, " and ");
				describe_test(e, t, &msg, &l);
				if (!first_line)
					first_line = l;
			}
			diag_error(e->d, ppath, first_line ? first_line : line_for_missing(e, "x"),
			           "contradictory facts: %s: %s (%s:%lu)", msg.s ? msg.s : "",
			           eng_attr(c, "message") ? eng_attr(c, "message") : "", f->path, line_of(c));
			buf_free(&msg);
		} else if (eng_is_elem(c, "exists")) {
			const char *el = eng_attr(c, "element");
			const char *tmpl = eng_attr(c, "id");
			xmlNodePtr proot = xmlDocGetRootElement(e->p->doc);
			if (!el || !tmpl)
				continue;
			for (xmlNodePtr pe = proot->children; pe; pe = pe->next) {
				int bad = 0;
				char *id, *msg;
				if (!eng_is_elem(pe, el))
					continue;
				id = rules_expand_template(tmpl, pe, &bad);
				if (!id)
					continue;
				msg = rules_expand_template(eng_attr(c, "message") ? eng_attr(c, "message") : "",
				                            pe, &bad);
				if (!gindex_find(reg->g, id))
					diag_error(e->d, ppath, line_of(pe),
					           "<%s>: %s (%s does not exist in the graph of %s)", el,
					           msg ? msg : "", id, reg->id);
				else if (eng_attr(c, "leaf") && !strcmp(eng_attr(c, "leaf"), "yes") &&
				         gindex_has_points(reg->g, id))
				{
					buf pts;
					buf_init(&pts);
					for (xmlNodePtr k = gindex_find(reg->g, id)->children; k; k = k->next)
						if (eng_is_elem(k, "point") && eng_attr(k, "label"))
							buf_printf(&pts, "%s%s", pts.len ? ", " : "", eng_attr(k, "label"));
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
	const char *rid = eng_attr(rule, "id");
	if (record_step(e, home, decision, rule) != 0)
		return -1;
	for (xmlNodePtr c = rule->children; c; c = c->next) {
		if (eng_is_elem(c, "set")) {
			const char *name = eng_attr(c, "name"), *value = eng_attr(c, "value");
			int dup = 0;
			if (!name || !value)
				continue;
			for (size_t i = 0; i < e->concl.n; i++)
				if (!strcmp(e->concl.v[i].name, name) && !strcmp(e->concl.v[i].value, value))
					dup = 1;
			if (!dup && factset_add(&e->concl, name, value, 0, NULL, rid, eng_attr(c, "label")) != 0)
				return -1;
		} else if (eng_is_elem(c, "item")) {
			const char *iid = eng_attr(c, "id");
			int dup = 0;
			for (size_t i = 0; i < e->nitems && iid; i++) {
				const char *other = eng_attr(e->items[i].item, "id");
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
		if (!eng_is_elem(dn, "decision"))
			continue;
		mode = eng_attr(dn, "mode");
		first = mode && !strcmp(mode, "first");
		e->ntested = 0;
		if (!eval_when(e, eng_child(dn, "when")))
			continue;
		for (xmlNodePtr r = dn->children; r; r = r->next) {
			if (!eng_is_elem(r, "rule"))
				continue;
			e->ntested = 0;
			if (!eval_when(e, eng_child(r, "when")))
				continue;
			if (e->oom || fire(e, home, dn, r) != 0)
				return -1;
			if (first)
				break;
		}
	}
	return 0;
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
			if (!eng_is_elem(c, "combine") || !(rid = eng_attr(c, "regulation")))
				continue;
			e->ntested = 0;
			if (!eval_when(e, eng_child(c, "when")))
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
				char *why = eng_child(c, "because") ? eng_node_text(eng_child(c, "because")) : NULL;
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
	out = eng_build(&e);
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
