/*
 * diff_amend.c - the amendments in a comparison of two versions of one regulation
 * (diff.h, diff_amendments): which amending provision replaced, inserted or deleted
 * each element the comparison lists, read from the regulation's history document
 * (graph/history.h), so that every row of the versions' amendment tables is accounted
 * for. Nothing here names a regulation.
 */
#include "tool/diff.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>

#include "assess/gindex.h"
#include "util/buf.h"
#include "util/xmlnode.h"

/* The acts that made the versions, indexed for labels ("Article 1, point (19)"). */
typedef struct acts {
	gindex *g;
	const char **id;
	size_t n;
} acts;

typedef struct amend_ctx {
	xmlHashTablePtr listed; /* id → <unit>/<element> of the comparison */
	acts a;
	int oom;
	size_t rows, unlisted;
} amend_ctx;

/* "Regulation (EU) 2026/1744" from a CELEX number of a regulation or directive of the
 * sector of legislation (3YYYYRNNNN, 3YYYYLNNNN); the number itself otherwise. */
static void act_name(const char *celex, buf *out)
{
	size_t n = celex ? strlen(celex) : 0;
	if (n == 10 && celex[0] == '3' && (celex[5] == 'R' || celex[5] == 'L')) {
		const char *num = celex + 6;
		while (*num == '0' && num[1])
			num++;
		buf_printf(out, "%s (EU) %.4s/%s", celex[5] == 'R' ? "Regulation" : "Directive",
		           celex + 1, num);
	} else if (celex) {
		buf_puts(out, celex);
	}
}

/* The label of an amending provision: "Article 1, point (19)(a)" for the points an
 * article holds without paragraphs (an amending act's article of numbered points),
 * else the index's ("Article 4(2)"). */
static void provision_label(const gindex *g, const char *id, buf *out)
{
	xmlNodePtr n = gindex_find(g, id), chain[16];
	size_t k = 0;
	for (xmlNodePtr p = n; p && p->type == XML_ELEMENT_NODE && k < 16; p = p->parent) {
		if (!xmlnode_is(p, "point")) {
			if (!xmlnode_is(p, "article"))
				k = 0; /* inside a paragraph: the index says it */
			break;
		}
		chain[k++] = p;
	}
	if (!k) {
		gindex_label(g, id, out);
		return;
	}
	gindex_label(g, xmlnode_attr(gindex_unit(g, id), "id"), out);
	buf_puts(out, ", point ");
	while (k--)
		buf_printf(out, "(%s)", xmlnode_attr(chain[k], "label") ? xmlnode_attr(chain[k], "label") : "?");
}

/* The <amendment> of one history change, first among parent's children (after its
 * other amendments). */
static void add_amendment(amend_ctx *c, xmlNodePtr parent, xmlNodePtr ch, const char *id,
                          const char *celex)
{
	static const char *const copied[] = {"part", "level", "src", "line", NULL};
	const char *by = xmlnode_attr(ch, "by");
	xmlNodePtr am = xmlNewNode(NULL, (const xmlChar *)"amendment"), before = NULL;
	buf label, act;
	size_t rl = by ? strcspn(by, ":") : 0;
	if (!am) {
		c->oom = 1;
		return;
	}
	buf_init(&label);
	buf_init(&act);
	xmlSetProp(am, (const xmlChar *)"action", (const xmlChar *)xmlnode_attr(ch, "status"));
	xmlSetProp(am, (const xmlChar *)"by", (const xmlChar *)by);
	for (size_t k = 0; k < c->a.n && by && by[rl]; k++)
		if (strlen(c->a.id[k]) == rl && !strncmp(c->a.id[k], by, rl))
			provision_label(&c->a.g[k], by + rl + 1, &label);
	act_name(celex, &act);
	xmlSetProp(am, (const xmlChar *)"label", (const xmlChar *)(label.s ? label.s : by));
	xmlSetProp(am, (const xmlChar *)"act", (const xmlChar *)(act.s ? act.s : ""));
	if (id)
		xmlSetProp(am, (const xmlChar *)"element", (const xmlChar *)id);
	for (size_t k = 0; copied[k]; k++)
		if (xmlnode_attr(ch, copied[k]))
			xmlSetProp(am, (const xmlChar *)copied[k], (const xmlChar *)xmlnode_attr(ch, copied[k]));
	if (label.oom || act.oom)
		c->oom = 1;
	buf_free(&label);
	buf_free(&act);
	for (xmlNodePtr k = parent->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE && !xmlnode_is(k, "amendment")) {
			before = k;
			break;
		}
	if (before)
		xmlAddPrevSibling(before, am);
	else
		xmlAddChild(parent, am);
	c->rows++;
}

/* id → where the comparison lists it; the first place wins (a unit before the
 * <element> of its own text, which has the unit's id). */
static void add_listed(amend_ctx *c, const char *id, xmlNodePtr at)
{
	if (id && !xmlHashLookup(c->listed, (const xmlChar *)id) &&
	    xmlHashAddEntry(c->listed, (const xmlChar *)id, at) != 0)
		c->oom = 1;
}

/* Where the comparison lists id, or the innermost element that holds it (art-4a.1 in
 * the inserted Article 4a); NULL when it lists none of them. *exact: it is id's own. */
static xmlNodePtr listed_at(const amend_ctx *c, const char *id, int *exact)
{
	char tmp[256];
	size_t n = strlen(id);
	if (n >= sizeof tmp)
		return NULL;
	memcpy(tmp, id, n + 1);
	*exact = 1;
	for (;;) {
		xmlNodePtr at = xmlHashLookup(c->listed, (const xmlChar *)tmp);
		char *dot;
		if (at)
			return at;
		*exact = 0;
		dot = strrchr(tmp, '.');
		if (!dot)
			return NULL;
		*dot = '\0';
	}
}

/* An element the amendment left with the same words: listed as change="amended" in
 * its unit (added to the comparison, as changed, when it has nothing else). */
static xmlNodePtr list_unchanged(amend_ctx *c, xmlNodePtr reg, xmlNodePtr hel, const gindex *g)
{
	const char *id = xmlnode_attr(hel, "id");
	size_t ul = strcspn(id, ".");
	char unit[256];
	xmlNodePtr u, e;
	buf label;
	if (ul >= sizeof unit)
		return NULL;
	memcpy(unit, id, ul);
	unit[ul] = '\0';
	u = xmlHashLookup(c->listed, (const xmlChar *)unit);
	if (!u) {
		xmlNodePtr sum = xmlnode_child(reg, "summary");
		xmlNodePtr gu = gindex_find(g, unit);
		u = xmlNewNode(NULL, (const xmlChar *)"unit");
		if (!u || !sum) {
			xmlFreeNode(u);
			c->oom = 1;
			return NULL;
		}
		/* after the units before it in the text: at the end of the units listed */
		{
			xmlNodePtr last = sum;
			for (xmlNodePtr k = sum->next; k; k = k->next)
				if (xmlnode_is(k, "unit"))
					last = k;
			xmlAddNextSibling(last, u);
		}
		xmlSetProp(u, (const xmlChar *)"id", (const xmlChar *)unit);
		xmlSetProp(u, (const xmlChar *)"change", (const xmlChar *)"amended");
		buf_init(&label);
		gindex_label(g, unit, &label);
		xmlSetProp(u, (const xmlChar *)"label", (const xmlChar *)(label.s ? label.s : unit));
		buf_free(&label);
		if (gu && xmlnode_attr(gu, "title"))
			xmlSetProp(u, (const xmlChar *)"title", (const xmlChar *)xmlnode_attr(gu, "title"));
		add_listed(c, unit, u);
	}
	if (!strcmp(unit, id))
		return u;
	e = xmlNewChild(u, NULL, (const xmlChar *)"element", NULL);
	if (!e) {
		c->oom = 1;
		return NULL;
	}
	xmlSetProp(e, (const xmlChar *)"id", (const xmlChar *)id);
	xmlSetProp(e, (const xmlChar *)"change", (const xmlChar *)"amended");
	buf_init(&label);
	gindex_label(g, id, &label);
	xmlSetProp(e, (const xmlChar *)"label", (const xmlChar *)(label.s ? label.s : id));
	buf_free(&label);
	add_listed(c, id, e);
	c->unlisted++;
	return e;
}

static void index_listed(amend_ctx *c, xmlNodePtr reg)
{
	for (xmlNodePtr u = reg->children; u; u = u->next) {
		if (!xmlnode_is(u, "unit"))
			continue;
		add_listed(c, xmlnode_attr(u, "id"), u);
		for (xmlNodePtr e = u->children; e; e = e->next)
			if (xmlnode_is(e, "element"))
				add_listed(c, xmlnode_attr(e, "id"), e);
	}
}

/* Is version v one of the versions after old up to new (history's order)? */
static int in_range(xmlNodePtr hroot, const char *v, const char *old_version,
                    const char *new_version)
{
	int after_old = 0;
	for (xmlNodePtr k = hroot->children; k; k = k->next) {
		const char *id = xmlnode_is(k, "version") ? xmlnode_attr(k, "id") : NULL;
		if (!id)
			continue;
		if (after_old && !strcmp(id, v))
			return 1;
		if (!strcmp(id, old_version))
			after_old = 1;
		if (!strcmp(id, new_version))
			return 0;
	}
	return 0;
}

static const char *version_celex(xmlNodePtr hroot, const char *v)
{
	for (xmlNodePtr k = hroot->children; k; k = k->next)
		if (xmlnode_is(k, "version") && !strcmp(xmlnode_attr(k, "id"), v))
			return xmlnode_attr(k, "amended-by-celex");
	return NULL;
}

int diff_amendments(xmlDocPtr doc, xmlDocPtr history, const char *old_version,
                    const char *new_version, xmlDocPtr new_graph, const xmlDocPtr *graphs,
                    size_t ngraphs, diag *d)
{
	int have_new = 0;
	xmlNodePtr root = xmlDocGetRootElement(doc), reg = NULL, hroot = xmlDocGetRootElement(history);
	amend_ctx c;
	gindex gnew;
	int rc = -1;
	char num[32];
	memset(&c, 0, sizeof c);
	for (xmlNodePtr k = root ? root->children : NULL; k; k = k->next)
		if (xmlnode_is(k, "regulation"))
			reg = k;
	if (!reg || !hroot)
		return 0;
	c.listed = xmlHashCreate(256);
	c.a.g = calloc(ngraphs + 1, sizeof *c.a.g);
	c.a.id = calloc(ngraphs + 1, sizeof *c.a.id);
	memset(&gnew, 0, sizeof gnew);
	if (!c.listed || !c.a.g || !c.a.id)
		goto done;
	/* labels: of the amending acts' provisions, and of the new version's elements */
	for (size_t k = 0; k < ngraphs; k++) {
		const char *id = xmlnode_attr(xmlDocGetRootElement(graphs[k]), "id");
		if (!id || gindex_init(&c.a.g[c.a.n], graphs[k], id, d) != 0)
			goto done;
		c.a.id[c.a.n++] = id;
	}
	if (gindex_init(&gnew, new_graph, new_version, d) != 0)
		goto done;
	have_new = 1;
	index_listed(&c, reg);
	for (xmlNodePtr el = hroot->children; el && !c.oom; el = el->next) {
		if (!xmlnode_is(el, "element"))
			continue;
		for (xmlNodePtr ch = el->children; ch; ch = ch->next) {
			const char *v = xmlnode_attr(ch, "version"), *id = xmlnode_attr(el, "id");
			xmlNodePtr at;
			int exact;
			if (!xmlnode_is(ch, "change") || !xmlnode_attr(ch, "by") || !v ||
			    !in_range(hroot, v, old_version, new_version))
				continue; /* not a row of a table between the two versions */
			at = listed_at(&c, id, &exact);
			/* inside a unit added or removed whole: said on the unit; else an
			 * element whose words the amendment left as they were */
			if (!exact && !(at && xmlnode_is(at, "unit") &&
			                (!strcmp(xmlnode_attr(at, "change"), "added") ||
			                 !strcmp(xmlnode_attr(at, "change"), "removed")))) {
				at = list_unchanged(&c, reg, el, &gnew);
				exact = 1;
			}
			if (at)
				add_amendment(&c, at, ch, exact ? NULL : id, version_celex(hroot, v));
		}
	}
	snprintf(num, sizeof num, "%zu", c.rows);
	xmlSetProp(xmlnode_child(reg, "summary"), (const xmlChar *)"amendments", (const xmlChar *)num);
	snprintf(num, sizeof num, "%zu", c.unlisted);
	xmlSetProp(xmlnode_child(reg, "summary"), (const xmlChar *)"elements-amended", (const xmlChar *)num);
	rc = c.oom ? -1 : 0;
done:
	if (rc != 0 && !d->errors)
		diag_sys(d, NULL, "cannot compare", ENOMEM);
	for (size_t k = 0; k < c.a.n; k++)
		gindex_free(&c.a.g[k]);
	if (have_new)
		gindex_free(&gnew);
	free(c.a.g);
	free(c.a.id);
	xmlHashFree(c.listed, NULL);
	return rc;
}
