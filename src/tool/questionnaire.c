/*
 * questionnaire.c - reading the questionnaire (questionnaire.h): the schema, the checks
 * a schema cannot make, the route and the citations it names; and the tree readers the
 * other questionnaire files share (qnimpl.h).
 */
#include "tool/qnimpl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmlsafe.h"

/* ------------------------------------------------------------------ helpers */

int qn_is_elem(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

xmlNodePtr qn_first_elem(xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next)
		if (qn_is_elem(c, name))
			return c;
	return NULL;
}

const char *qn_attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a = xmlHasProp(n, (const xmlChar *)name);
	if (!a || !a->children || a->children->type != XML_TEXT_NODE || a->children->next)
		return NULL;
	return (const char *)a->children->content;
}

unsigned long qn_line_of(xmlNodePtr n)
{
	long l = xmlGetLineNo(n);
	return l > 0 ? (unsigned long)l : 0;
}

char *qn_text_of(xmlNodePtr n)
{
	xmlChar *raw = n ? xmlNodeGetContent(n) : NULL;
	buf b;
	buf_init(&b);
	buf_put_collapsed(&b, (const char *)raw);
	buf_trim_end(&b);
	xmlFree(raw);
	if (b.oom) {
		buf_free(&b);
		return NULL;
	}
	if (!b.s)
		buf_puts(&b, "");
	return b.s;
}

int qn_ncase_eq(const char *s, const char *word, size_t n)
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

int qn_ieq(const char *a, const char *b)
{
	size_t n = strlen(b);
	return strlen(a) == n && qn_ncase_eq(a, b, n);
}

/* ------------------------------------------------------------------ loading */

xmlNodePtr qn_find_define(xmlNodePtr root, const char *name, xmlNodePtr before)
{
	for (xmlNodePtr c = root->children; c && c != before; c = c->next)
		if (qn_is_elem(c, "define") && qn_attr(c, "name") && !strcmp(qn_attr(c, "name"), name))
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
		if (qn_is_elem(c, "ref")) {
			const char *name = qn_attr(c, "name");
			if (!name || !qn_find_define(xmlDocGetRootElement(q->doc), name, scope)) {
				diag_error(d, q->path, qn_line_of(c), "<ref name=\"%s\">: no <define> of that name before it",
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
		if (!qn_is_elem(s, "set"))
			continue;
		f = qn_attr(s, "fact");
		dot = f ? strchr(f, '.') : NULL;
		if (!dot) {
			diag_error(d, q->path, qn_line_of(s), "<set fact=\"%s\">: a multi option sets attributes (element.attribute)",
			           f ? f : "");
			return -1;
		}
		if (!first) {
			first = f;
			n = (size_t)(dot - f);
		} else if ((size_t)(dot - f) != n || strncmp(f, first, n) != 0) {
			diag_error(d, q->path, qn_line_of(s), "<set fact=\"%s\">: the sets of one option must be attributes of one element (%.*s)",
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
	xmlNodePtr first_section = qn_first_elem(root, "section");
	int bad = 0;
	for (xmlNodePtr c = root->children; c; c = c->next)
		if (qn_is_elem(c, "define"))
			bad |= check_refs(q, c, c, d);
	for (xmlNodePtr s = root->children; s; s = s->next) {
		if (!qn_is_elem(s, "section"))
			continue;
		bad |= check_refs(q, s, first_section, d);
		for (xmlNodePtr qu = s->children; qu; qu = qu->next) {
			const char *id, *kind;
			if (!qn_is_elem(qu, "question"))
				continue;
			id = qn_attr(qu, "id");
			kind = qn_attr(qu, "kind");
			/* unique ids */
			for (xmlNodePtr s2 = root->children; s2 && s2 != s->next; s2 = s2->next)
				for (xmlNodePtr q2 = qn_is_elem(s2, "section") ? s2->children : NULL; q2 && q2 != qu; q2 = q2->next)
					if (qn_is_elem(q2, "question") && id && qn_attr(q2, "id") && !strcmp(id, qn_attr(q2, "id"))) {
						diag_error(d, q->path, qn_line_of(qu), "question id \"%s\" is also used on line %lu", id,
						           qn_line_of(q2));
						bad = 1;
					}
			if (!kind)
				continue;
			if (!strcmp(kind, "multi")) {
				int nopt = 0;
				if (qn_attr(qu, "fact")) {
					diag_error(d, q->path, qn_line_of(qu), "question \"%s\": a multi question's options say the facts, not fact=", id);
					bad = 1;
				}
				for (xmlNodePtr o = qu->children; o; o = o->next) {
					size_t n;
					if (!qn_is_elem(o, "option"))
						continue;
					nopt++;
					if (option_element(q, o, &n, d) != 0)
						bad = 1;
					else if (!n && !(qn_attr(o, "write") && !strcmp(qn_attr(o, "write"), "no"))) {
						diag_error(d, q->path, qn_line_of(o), "option \"%s\" sets no fact", qn_attr(o, "value"));
						bad = 1;
					}
				}
				if (!nopt) {
					diag_error(d, q->path, qn_line_of(qu), "question \"%s\": a multi question needs options", id);
					bad = 1;
				}
			} else {
				int nopt = 0;
				if (!qn_attr(qu, "fact")) {
					diag_error(d, q->path, qn_line_of(qu), "question \"%s\": kind %s needs fact=", id, kind);
					bad = 1;
				}
				for (xmlNodePtr o = qu->children; o; o = o->next) {
					if (!qn_is_elem(o, "option"))
						continue;
					nopt++;
					if (qn_first_elem(o, "set")) {
						diag_error(d, q->path, qn_line_of(o), "option \"%s\": only multi options have <set>", qn_attr(o, "value"));
						bad = 1;
					}
				}
				if (!strcmp(kind, "choice") != !!nopt) {
					diag_error(d, q->path, qn_line_of(qu), "question \"%s\": %s", id,
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
	q->regulation = strdup(qn_attr(root, "regulation") ? qn_attr(root, "regulation") : "");
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
	xmlNodePtr route = qn_first_elem(xmlDocGetRootElement(q->doc), "route");
	size_t n = 0;
	for (xmlNodePtr c = route ? route->children : NULL; c && n < max; c = c->next)
		if (qn_is_elem(c, "conclusion") && qn_attr(c, "name"))
			names[n++] = qn_attr(c, "name");
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
		if (qn_is_elem(c, "cite")) {
			const char *ref = qn_attr(c, "ref"), *reg = qn_attr(c, "regulation");
			if (reg && strcmp(reg, q->regulation) != 0)
				continue; /* another regulation's provision: its graph is not loaded */
			if (!ref || !exists(ctx, ref)) {
				diag_error(d, q->path, qn_line_of(c), "<cite ref=\"%s\">: provision %s does not exist in the graph of %s",
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

