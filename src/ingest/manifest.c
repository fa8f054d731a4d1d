#include "ingest/manifest.h"

#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "util/fsio.h"
#include "util/text.h"
#include "util/xmlsafe.h"

static char *attr_dup(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *r;
	if (!v)
		return NULL;
	r = strdup((const char *)v);
	xmlFree(v);
	return r;
}

static char *content_dup(xmlNodePtr n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *r;
	if (!v)
		return NULL;
	r = strdup((const char *)v);
	xmlFree(v);
	return r;
}

static int is_elem(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static unsigned attr_uint(xmlNodePtr n, const char *name)
{
	char *s = attr_dup(n, name);
	unsigned v = 0;
	if (s && text_parse_uint(s, strlen(s), &v) != 0)
		v = 0;
	free(s);
	return v;
}

static void load_unit_kind(xmlNodePtr n, unit_kind *k)
{
	char *numerals = attr_dup(n, "numerals");
	k->kind = attr_dup(n, "kind");
	k->heading = attr_dup(n, "heading");
	k->id_prefix = attr_dup(n, "id-prefix");
	k->dir = attr_dup(n, "dir");
	k->file_prefix = attr_dup(n, "file-prefix");
	k->link_prefix = attr_dup(n, "link-prefix");
	k->relates_heading = attr_dup(n, "relates-heading");
	k->digits = (int)attr_uint(n, "digits");
	k->count = attr_uint(n, "count");
	k->roman = numerals && !strcmp(numerals, "roman");
	free(numerals);
}

/* The alias phrase with every run of white space made one space, trimmed. */
static char *phrase_dup(xmlNodePtr n)
{
	char *s = content_dup(n), *w = s;
	int space = 1; /* drops leading white space */
	if (!s)
		return NULL;
	for (const char *r = s; *r; r++) {
		if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r') {
			if (!space)
				*w++ = ' ';
			space = 1;
		} else {
			*w++ = *r;
			space = 0;
		}
	}
	if (w > s && w[-1] == ' ')
		w--;
	*w = '\0';
	return s;
}

static void load_aliases(xmlNodePtr n, manifest *m, diag *d)
{
	for (xmlNodePtr a = n->children; a; a = a->next) {
		manifest_alias *al;
		if (!is_elem(a, "alias"))
			continue;
		if (m->naliases == MANIFEST_MAX_ALIASES) {
			diag_error(d, m->path, (unsigned long)xmlGetLineNo(a), "more than %d aliases",
			           MANIFEST_MAX_ALIASES);
			return;
		}
		al = &m->aliases[m->naliases++];
		al->celex = attr_dup(a, "act");
		al->phrase = phrase_dup(a);
		if (!al->phrase || strlen(al->phrase) < 8)
			diag_error(d, m->path, (unsigned long)xmlGetLineNo(a),
			           "an alias phrase must have at least 8 characters");
	}
}

int manifest_load(const char *regdir, const char *schema_path, manifest *m, diag *d)
{
	xmlDocPtr doc;
	xmlNodePtr root;
	size_t errors = d->errors;

	memset(m, 0, sizeof *m);
	m->path = fsio_join(regdir, "manifest.xml");
	if (!m->path)
		return -1;
	doc = xmlsafe_read_file(m->path, d);
	if (!doc)
		return -1;
	if (xmlsafe_validate(doc, schema_path, m->path, d) != 0) {
		xmlFreeDoc(doc);
		return -1;
	}
	root = xmlDocGetRootElement(doc);
	m->id = attr_dup(root, "id");
	m->lang = attr_dup(root, "lang");
	for (xmlNodePtr n = root->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_elem(n, "short-title"))
			m->short_title = content_dup(n);
		else if (is_elem(n, "title"))
			m->title = content_dup(n);
		else if (is_elem(n, "celex"))
			m->celex = content_dup(n);
		else if (is_elem(n, "eli"))
			m->eli = content_dup(n);
		else if (is_elem(n, "site-url"))
			m->site_url = content_dup(n);
		else if (is_elem(n, "contents"))
			m->contents_file = attr_dup(n, "file");
		else if (is_elem(n, "link-prefix"))
			m->link_prefix = content_dup(n);
		else if (is_elem(n, "chrome"))
			m->chrome_starts_with = attr_dup(n, "starts-with");
		else if (is_elem(n, "definitions"))
			m->definitions_unit = attr_dup(n, "unit");
		else if (is_elem(n, "aliases"))
			load_aliases(n, m, d);
		else if (is_elem(n, "units")) {
			for (xmlNodePtr u = n->children; u; u = u->next) {
				if (!is_elem(u, "unit"))
					continue;
				if (m->nkinds == MANIFEST_MAX_KINDS) {
					diag_error(d, m->path, (unsigned long)xmlGetLineNo(u),
					           "more than %d unit kinds", MANIFEST_MAX_KINDS);
					break;
				}
				load_unit_kind(u, &m->kinds[m->nkinds++]);
			}
		}
	}
	xmlFreeDoc(doc);
	if (!m->id || !text_is_slug(m->id))
		diag_error(d, m->path, 0, "manifest id must be a slug ([a-z0-9][a-z0-9._-]*)");
	for (size_t i = 0; i < m->nkinds; i++)
		if (m->kinds[i].count > MANIFEST_MAX_UNITS)
			diag_error(d, m->path, 0, "unit kind '%s': count %u is over the limit of %u pages",
			           m->kinds[i].kind, m->kinds[i].count, MANIFEST_MAX_UNITS);
	for (size_t i = 0; i < m->nkinds; i++)
		if (!text_is_slug(m->kinds[i].id_prefix) || strchr(m->kinds[i].id_prefix, '.') ||
		    strchr(m->kinds[i].dir, '/') || !strcmp(m->kinds[i].dir, ".."))
			diag_error(d, m->path, 0, "unit kind '%s': id-prefix and dir must be plain names",
			           m->kinds[i].kind);
	return d->errors == errors ? 0 : -1;
}

static void unit_kind_free(unit_kind *k)
{
	free(k->kind);
	free(k->heading);
	free(k->id_prefix);
	free(k->dir);
	free(k->file_prefix);
	free(k->link_prefix);
	free(k->relates_heading);
}

void manifest_free(manifest *m)
{
	free(m->path);
	free(m->id);
	free(m->lang);
	free(m->short_title);
	free(m->title);
	free(m->celex);
	free(m->eli);
	free(m->site_url);
	free(m->contents_file);
	free(m->link_prefix);
	free(m->chrome_starts_with);
	free(m->definitions_unit);
	for (size_t i = 0; i < m->nkinds; i++)
		unit_kind_free(&m->kinds[i]);
	for (size_t i = 0; i < m->naliases; i++) {
		free(m->aliases[i].phrase);
		free(m->aliases[i].celex);
	}
	memset(m, 0, sizeof *m);
}

const unit_kind *manifest_kind_by_heading(const manifest *m, const char *word, size_t len)
{
	for (size_t i = 0; i < m->nkinds; i++)
		if (strlen(m->kinds[i].heading) == len && !memcmp(m->kinds[i].heading, word, len))
			return &m->kinds[i];
	return NULL;
}

const unit_kind *manifest_kind_by_prefix(const manifest *m, const char *id_prefix, size_t len)
{
	for (size_t i = 0; i < m->nkinds; i++)
		if (strlen(m->kinds[i].id_prefix) == len && !memcmp(m->kinds[i].id_prefix, id_prefix, len))
			return &m->kinds[i];
	return NULL;
}

const unit_kind *manifest_kind_by_link(const manifest *m, const char *link, size_t len,
                                       unsigned *number)
{
	size_t base = strlen(m->link_prefix);
	if (len <= base || memcmp(link, m->link_prefix, base) != 0)
		return NULL;
	link += base;
	len -= base;
	for (size_t i = 0; i < m->nkinds; i++) {
		size_t k = strlen(m->kinds[i].link_prefix);
		if (len > k && !memcmp(link, m->kinds[i].link_prefix, k) &&
		    text_parse_uint(link + k, len - k, number) == 0)
			return &m->kinds[i];
	}
	return NULL;
}
