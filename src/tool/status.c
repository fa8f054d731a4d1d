#include "tool/status.h"

#include <string.h>

static int is_el(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static xmlNodePtr child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (is_el(c, name))
			return c;
	return NULL;
}

/* an attribute as a string ("" when absent), in a small buffer */
static const char *attr(xmlNodePtr n, const char *name, char *b, size_t size)
{
	xmlChar *v = n ? xmlGetProp(n, (const xmlChar *)name) : NULL;
	snprintf(b, size, "%s", v ? (const char *)v : "");
	xmlFree(v);
	return b;
}

static int has_text(xmlNodePtr n)
{
	xmlChar *t = n ? xmlNodeGetContent(n) : NULL;
	int yes = 0;
	for (const xmlChar *p = t; p && *p && !yes; p++)
		yes = *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r';
	xmlFree(t);
	return yes;
}

typedef struct ctx {
	xmlNodePtr answers;
	const char *primary;
	status_changed_fn changed;
	void *arg;
	FILE *out;
	status_counts *c;
} ctx;

/* the version of regulation reg the answers were written against, or "" */
static const char *law_version(const ctx *x, const char *reg, char *b, size_t size)
{
	char r[128];
	b[0] = '\0';
	for (xmlNodePtr l = x->answers ? x->answers->children : NULL; l; l = l->next)
		if (is_el(l, "law") && !strcmp(attr(l, "regulation", r, sizeof r), reg))
			return attr(l, "version", b, size);
	return b;
}

static void line(const ctx *x, int answered, const char *kind, const char *reg, const char *id,
                 const char *ref, const char *label, const char *note)
{
	char since[128];
	int review = 0;
	law_version(x, reg, since, sizeof since);
	if (answered && x->changed && since[0] && x->changed(x->arg, reg, since, ref))
		review = 1;
	x->c->review += (size_t)review;
	fprintf(x->out, "%s\t%s\t%s%s%s\t%s", review ? "review" : answered ? "answered" : "missing",
	        kind, strcmp(reg, x->primary) ? reg : "", strcmp(reg, x->primary) ? ":" : "", id,
	        label);
	if (review)
		fprintf(x->out, ": the law changed since version %s", since);
	else if (note)
		fprintf(x->out, " (%s)", note);
	fputc('\n', x->out);
}

static void points(const ctx *x, xmlNodePtr n)
{
	for (xmlNodePtr p = n->children; p; p = p->next) {
		char ref[256], reg[128], label[512], r2[128], ref2[256];
		xmlNodePtr a = NULL;
		if (!(is_el(p, "point") || is_el(p, "sub") || is_el(p, "section")))
			continue;
		if (child(p, "point") || child(p, "sub")) {
			points(x, p);
			continue;
		}
		attr(p, "ref", ref, sizeof ref);
		attr(p, "regulation", reg, sizeof reg);
		for (xmlNodePtr k = x->answers ? x->answers->children : NULL; k && !a; k = k->next)
			if (is_el(k, "point") && !strcmp(attr(k, "ref", ref2, sizeof ref2), ref) &&
			    !strcmp(attr(k, "regulation", r2, sizeof r2), reg))
				a = k;
		x->c->points++;
		if (a && has_text(a))
			x->c->points_answered++;
		line(x, a && has_text(a), "point", reg[0] ? reg : x->primary, ref, ref,
		     attr(p, "label", label, sizeof label), NULL);
		points(x, p);
	}
}

void status_report(xmlDocPtr assessment, status_changed_fn changed, void *arg, FILE *out,
                   status_counts *c)
{
	xmlNodePtr root = xmlDocGetRootElement(assessment);
	char primary[128], pid[128];
	ctx x;
	memset(c, 0, sizeof *c);
	attr(root, "regulation", primary, sizeof primary);
	x.answers = child(root, "answers");
	x.primary = primary;
	x.changed = changed;
	x.arg = arg;
	x.out = out;
	x.c = c;
	for (xmlNodePtr g = child(root, "checklist") ? child(root, "checklist")->children : NULL; g;
	     g = g->next)
		for (xmlNodePtr i = is_el(g, "group") ? g->children : NULL; i; i = i->next) {
			char id[128], id2[128], st[32], reg[128], ref[256], title[512];
			xmlNodePtr a = NULL, prov;
			int answered;
			if (!is_el(i, "item"))
				continue;
			attr(i, "id", id, sizeof id);
			for (xmlNodePtr k = x.answers ? x.answers->children : NULL; k && !a; k = k->next)
				if (is_el(k, "item") && !strcmp(attr(k, "id", id2, sizeof id2), id))
					a = k;
			attr(a, "status", st, sizeof st);
			answered = !strcmp(st, "done") || !strcmp(st, "not-applicable");
			prov = child(i, "provision");
			attr(prov, "regulation", reg, sizeof reg);
			attr(prov, "ref", ref, sizeof ref);
			{
				xmlChar *t = xmlNodeGetContent(child(i, "title"));
				snprintf(title, sizeof title, "%s", t ? (const char *)t : "");
				xmlFree(t);
			}
			c->items++;
			c->items_answered += (size_t)answered;
			/* checklist ids are unique across regulations: no prefix */
			{
				ctx y = x;
				y.primary = reg[0] ? reg : primary;
				line(&y, answered, "item", reg[0] ? reg : primary, id, ref, title,
				     st[0] && !answered ? st : NULL);
			}
		}
	for (xmlNodePtr doc = child(root, "documentation"); doc; doc = NULL)
		for (xmlNodePtr part = doc->children; part; part = part->next)
			if (is_el(part, "part"))
				points(&x, part);
	fprintf(out, "%s: %zu of %zu items answered, %zu to review (checklist %zu of %zu, "
	             "technical documentation %zu of %zu)\n",
	        attr(child(root, "product"), "id", pid, sizeof pid),
	        c->items_answered + c->points_answered, c->items + c->points, c->review,
	        c->items_answered, c->items, c->points_answered, c->points);
}

int status_complete(const status_counts *c)
{
	return c->items_answered == c->items && c->points_answered == c->points && !c->review;
}
