#include "ingest/contents.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"

/* "CHAPTER III: HIGH-RISK AI SYSTEMS" with word "chapter" → number 3, title. */
static unsigned numbered_heading(const char *t, const char *word, const char **title,
                                 const char **label, size_t *label_len)
{
	size_t wl = strlen(word), ll = 0;
	unsigned v = 0;
	const char *p;
	if (strlen(t) <= wl || !text_ncase_eq(t, word, wl) || t[wl] != ' ')
		return 0;
	p = t + wl + 1;
	*label = p;
	while (p[ll] && p[ll] != ':' && p[ll] != ' ' && p[ll] != '.')
		ll++;
	*label_len = ll;
	if (!(v = text_roman_value(p, ll)) && text_parse_uint(p, ll, &v) != 0)
		return 0;
	p += ll;
	while (*p == ':' || *p == ' ' || *p == '.')
		p++;
	*title = p;
	return v;
}

static void add_unit_refs(const page_ctx *pc, cmark_node *list, xmlNodePtr parent, int line_offset)
{
	cmark_iter *it = cmark_iter_new(list);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *url;
		char num[16];
		const unit_kind *k;
		char id[ID_MAX], line[24];
		xmlNodePtr ref;
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_LINK)
			continue;
		url = cmark_node_get_url(n);
		k = url ? manifest_kind_by_link(pc->m, url, strlen(url), num) : NULL;
		if (!k) {
			diag_error(pc->d, pc->path, (unsigned long)(cmark_node_get_start_line(n) + line_offset),
			           "contents link is not a unit of this regulation (%s)", url ? url : "");
			continue;
		}
		snprintf(id, sizeof id, "%s-%s", k->id_prefix, num);
		snprintf(line, sizeof line, "%d", cmark_node_get_start_line(n) + line_offset);
		ref = xmlNewChild(parent, NULL, (const xmlChar *)"unit", NULL);
		xmlNewProp(ref, (const xmlChar *)"ref", (const xmlChar *)id);
		xmlNewProp(ref, (const xmlChar *)"line", (const xmlChar *)line);
	}
	cmark_iter_free(it);
}

xmlNodePtr contents_parse(const page_ctx *pc, const char *text, size_t len, char **title)
{
	int offset;
	cmark_node *doc = page_parse_markdown(text, len, &offset);
	xmlNodePtr contents = xmlNewDocNode(pc->doc, NULL, (const xmlChar *)"contents", NULL);
	xmlNodePtr chapter = NULL, section = NULL;
	*title = NULL;
	if (!doc) {
		diag_error(pc->d, pc->path, 0, "cannot parse the contents page");
		return contents;
	}
	for (cmark_node *n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
		cmark_node_type t = cmark_node_get_type(n);
		unsigned long line = (unsigned long)(cmark_node_get_start_line(n) + offset);
		char *plain;
		if (t == CMARK_NODE_PARAGRAPH && pc->m->chrome_starts_with) {
			plain = page_plain_text(n);
			if (plain && text_starts_with(plain, pc->m->chrome_starts_with)) {
				free(plain);
				break;
			}
			free(plain);
		}
		if (t == CMARK_NODE_LIST) {
			if (section)
				add_unit_refs(pc, n, section, offset);
			else if (chapter)
				add_unit_refs(pc, n, chapter, offset);
			continue;
		}
		if (t != CMARK_NODE_HEADING)
			continue;
		plain = page_plain_text(n);
		if (!plain)
			continue;
		if (cmark_node_get_heading_level(n) == 1) {
			free(*title);
			*title = plain;
			continue;
		}
		{
			const char *ttl = NULL, *label = NULL;
			size_t ll = 0;
			unsigned v;
			char id[ID_MAX], nbuf[16], lab[16], lbuf[24];
			snprintf(lbuf, sizeof lbuf, "%lu", line);
			if ((v = numbered_heading(plain, "chapter", &ttl, &label, &ll)) != 0) {
				snprintf(id, sizeof id, "chp-%u", v);
				chapter = xmlNewChild(contents, NULL, (const xmlChar *)"chapter", NULL);
				section = NULL;
			} else if (chapter && (v = numbered_heading(plain, "section", &ttl, &label, &ll)) != 0) {
				xmlChar *cid = xmlGetProp(chapter, (const xmlChar *)"id");
				snprintf(id, sizeof id, "%s.sec-%u", (const char *)cid, v);
				xmlFree(cid);
				section = xmlNewChild(chapter, NULL, (const xmlChar *)"section", NULL);
			} else {
				/* "Recitals", "Annexes": lists outside any chapter */
				chapter = section = NULL;
				free(plain);
				continue;
			}
			snprintf(nbuf, sizeof nbuf, "%u", v);
			snprintf(lab, sizeof lab, "%.*s", (int)(ll < 15 ? ll : 15), label);
			{
				xmlNodePtr el = section ? section : chapter;
				xmlNewProp(el, (const xmlChar *)"id", (const xmlChar *)id);
				xmlNewProp(el, (const xmlChar *)"number", (const xmlChar *)lab);
				xmlNewProp(el, (const xmlChar *)"n", (const xmlChar *)nbuf);
				xmlNewProp(el, (const xmlChar *)"title", (const xmlChar *)ttl);
				xmlNewProp(el, (const xmlChar *)"line", (const xmlChar *)lbuf);
			}
		}
		free(plain);
	}
	cmark_node_free(doc);
	return contents;
}
