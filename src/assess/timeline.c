/* timeline.c - see timeline.h */
#include "assess/timeline.h"

#include <string.h>

#include "util/buf.h"

static const char *rattr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n ? n->properties : NULL; a; a = a->next)
		if (!strcmp((const char *)a->name, name) && a->children &&
		    a->children->type == XML_TEXT_NODE)
			return (const char *)a->children->content;
	return NULL;
}

static int put(xmlNodePtr n, const char *name, const char *value)
{
	if (!value)
		return 0;
	return xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)value) ? 0 : -1;
}

static const char *child_text(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, name) && c->children &&
		    c->children->type == XML_TEXT_NODE)
			return (const char *)c->children->content;
	return NULL;
}

int timeline_law(xmlNodePtr root, const gindex *g, const timeline_choice *c,
                 const char *site_base)
{
	xmlNodePtr graph = xmlDocGetRootElement(g->doc);
	xmlNodePtr law = xmlNewChild(root, NULL, (const xmlChar *)"law", NULL);
	const char *celex = c && c->celex ? c->celex : rattr(graph, "celex");
	buf href;
	int rc = 0;
	if (!law)
		return -1;
	buf_init(&href);
	if (celex) {
		buf_puts(&href, "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:");
		buf_puts(&href, celex);
	}
	rc |= put(law, "regulation", g->regulation);
	rc |= put(law, "version", g->version);
	rc |= put(law, "applies-from", g->applies_from);
	rc |= put(law, "celex", celex);
	rc |= put(law, "eli", c && c->eli ? c->eli : rattr(graph, "eli"));
	rc |= put(law, "title", child_text(graph, "short-title"));
	rc |= put(law, "label", c ? c->label : NULL);
	rc |= put(law, "href", href.len ? href.s : NULL);
	rc |= put(law, "site", site_base);
	if (g->version && c) {
		rc |= put(law, "chosen-by", c->chosen_by ? c->chosen_by : "latest");
		rc |= put(law, "date", c->date);
	}
	buf_free(&href);
	return rc ? -1 : 0;
}

static int is_elem(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* The <applies> of the graph's <application> whose by is by, or NULL. */
static const xmlNode *application_rule(const gindex *g, const char *by)
{
	const xmlNode *root = xmlDocGetRootElement(g->doc);
	for (const xmlNode *a = root ? root->children : NULL; a; a = a->next) {
		if (!is_elem(a, "application"))
			continue;
		for (const xmlNode *r = a->children; r; r = r->next) {
			const char *b = rattr(r, "by");
			if (is_elem(r, "applies") && b && !strcmp(b, by))
				return r;
		}
	}
	return NULL;
}

static int listed(const char *v, const char *const *conds, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		if (conds[i] && !strcmp(conds[i], v))
			return 1;
	return 0;
}

size_t timeline_dates(const gindex *g, const char *id, const char *const *conds, size_t nconds,
                      timeline_date *out, size_t max)
{
	const xmlNode *n = id ? gindex_find(g, id) : NULL;
	const xmlNode *unit = n ? gindex_unit(g, id) : NULL;
	/* up to the unit (recital, article, annex), not above: the root's applies-from is
	 * the version's, not a provision's */
	for (; n && unit && n->type == XML_ELEMENT_NODE; n = n == unit ? NULL : n->parent) {
		const char *from = rattr(n, "applies-from"), *by = rattr(n, "applies-by");
		const xmlNode *rule;
		size_t k = 0;
		int any = 0;
		if (from) {
			if (!max)
				return 0;
			out[0].from = from;
			out[0].by = by;
			return 1;
		}
		if (!by)
			continue;
		/* the dates depend on the case: the cases the assessment concluded, else all */
		if (!(rule = application_rule(g, by)))
			return 0;
		for (const xmlNode *w = rule->children; w; w = w->next)
			any |= is_elem(w, "when") && listed(rattr(w, "condition"), conds, nconds);
		for (const xmlNode *w = rule->children; w && k < max; w = w->next) {
			if (!is_elem(w, "when") || !rattr(w, "date") ||
			    (any && !listed(rattr(w, "condition"), conds, nconds)))
				continue;
			out[k].from = rattr(w, "date");
			out[k].by = rattr(w, "by") ? rattr(w, "by") : by;
			k++;
		}
		return k;
	}
	return 0;
}
