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
	if (g->version) {
		rc |= put(law, "chosen-by", c && c->chosen_by ? c->chosen_by : "latest");
		rc |= put(law, "date", c ? c->date : NULL);
	}
	buf_free(&href);
	return rc ? -1 : 0;
}
