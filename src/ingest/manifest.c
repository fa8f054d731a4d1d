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

static void load_versions(xmlNodePtr n, manifest *m, diag *d)
{
	for (xmlNodePtr v = n->children; v; v = v->next) {
		manifest_version *mv;
		if (!is_elem(v, "version"))
			continue;
		if (m->nversions == MANIFEST_MAX_VERSIONS) {
			diag_error(d, m->path, (unsigned long)xmlGetLineNo(v), "more than %d versions",
			           MANIFEST_MAX_VERSIONS);
			return;
		}
		mv = &m->versions[m->nversions++];
		mv->line = (unsigned long)xmlGetLineNo(v);
		mv->id = attr_dup(v, "id");
		mv->applies_from = attr_dup(v, "applies-from");
		mv->dir = attr_dup(v, "dir");
		mv->celex = attr_dup(v, "celex");
		mv->eli = attr_dup(v, "eli");
		mv->label = attr_dup(v, "label");
		mv->amended_by = attr_dup(v, "amended-by");
		mv->amended_by_celex = attr_dup(v, "amended-by-celex");
		mv->amendments = attr_dup(v, "amendments");
		mv->application = attr_dup(v, "application");
		for (xmlNodePtr u = v->children; u; u = u->next) {
			manifest_unit_change *c;
			if (is_elem(u, "correct")) {
				manifest_correction *k;
				if (mv->ncorrections == MANIFEST_MAX_CORRECTIONS) {
					diag_error(d, m->path, (unsigned long)xmlGetLineNo(u),
					           "more than %d corrections", MANIFEST_MAX_CORRECTIONS);
					break;
				}
				k = &mv->corrections[mv->ncorrections++];
				k->path = attr_dup(u, "path");
				k->active_loc = attr_dup(u, "active-loc");
				k->why = phrase_dup(u);
				continue;
			}
			if (!is_elem(u, "unit"))
				continue;
			if (mv->nunits == MANIFEST_MAX_KINDS) {
				diag_error(d, m->path, (unsigned long)xmlGetLineNo(u),
				           "more than %d unit kinds", MANIFEST_MAX_KINDS);
				break;
			}
			c = &mv->units[mv->nunits++];
			c->kind = attr_dup(u, "kind");
			c->count = attr_uint(u, "count");
			c->inserted = attr_dup(u, "inserted");
		}
	}
}

/* A version's folder: "." or plain names joined by '/', never "..". */
static int version_dir_ok(const char *dir)
{
	const char *p = dir;
	if (!dir || !strcmp(dir, "."))
		return dir != NULL;
	while (*p) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char part[80];
		if (n == 0 || n >= sizeof part)
			return 0;
		memcpy(part, p, n);
		part[n] = '\0';
		if (!text_is_slug(part) || strchr(part, '.'))
			return 0;
		p += n;
		if (*p == '/')
			p++;
		if (e && !*p)
			return 0;
	}
	return 1;
}

static void check_versions(manifest *m, diag *d)
{
	for (size_t i = 0; i < m->nversions; i++) {
		const manifest_version *v = &m->versions[i];
		if (!v->id || !text_is_slug(v->id))
			diag_error(d, m->path, v->line, "a version id must be a slug ([a-z0-9][a-z0-9._-]*)");
		if (!v->applies_from || !manifest_is_date(v->applies_from))
			diag_error(d, m->path, v->line, "version %s: applies-from must be a date YYYY-MM-DD",
			           v->id ? v->id : "?");
		if (!version_dir_ok(v->dir))
			diag_error(d, m->path, v->line,
			           "version %s: dir must be '.' or a relative folder of plain names",
			           v->id ? v->id : "?");
		for (size_t k = 0; k < i; k++)
			if (v->id && m->versions[k].id && !strcmp(v->id, m->versions[k].id))
				diag_error(d, m->path, v->line, "two versions have the id %s", v->id);
		if (i && v->applies_from && m->versions[i - 1].applies_from &&
		    strcmp(v->applies_from, m->versions[i - 1].applies_from) <= 0)
			diag_error(d, m->path, v->line,
			           "version %s: list the versions oldest first, each applying from a later "
			           "date than the one before (%s is not after %s)",
			           v->id ? v->id : "?", v->applies_from, m->versions[i - 1].applies_from);
		for (size_t u = 0; u < v->nunits; u++) {
			const manifest_unit_change *c = &v->units[u];
			int known = 0;
			for (size_t k = 0; k < m->nkinds; k++)
				known |= c->kind && !strcmp(c->kind, m->kinds[k].kind);
			if (!known)
				diag_error(d, m->path, v->line, "version %s: no unit kind '%s' in <units>",
				           v->id ? v->id : "?", c->kind ? c->kind : "");
		}
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
		if ((is_elem(n, "short-title") || is_elem(n, "title")) && n->children) {
			xmlChar *t = xmlNodeGetContent(n);
			unsigned cp = t ? text_first_invisible((const char *)t) : 0;
			if (cp)
				diag_warning(d, m->path, (unsigned long)xmlGetLineNo(n),
				             "invisible character U+%04X (bidirectional control or "
				             "zero-width) in <%s>: it can make the title display as other "
				             "text", cp, (const char *)n->name);
			xmlFree(t);
		}
		if (is_elem(n, "celex"))
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
		else if (is_elem(n, "versions"))
			load_versions(n, m, d);
		else if (is_elem(n, "application")) {
			m->application = attr_dup(n, "file");
			m->application_line = (unsigned long)xmlGetLineNo(n);
		}
		else if (is_elem(n, "amends")) {
			m->amends_celex = attr_dup(n, "act");
			m->amends_label = phrase_dup(n);
		}
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
	if (m->application && m->nversions)
		diag_error(d, m->path, m->application_line,
		           "<application> is for a regulation with one text; with <versions>, each "
		           "<version application=\"...\"> names its own");
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
	check_versions(m, d);
	return d->errors == errors ? 0 : -1;
}

static void free_inserted(unit_kind *k)
{
	for (size_t i = 0; i < k->ninserted; i++)
		free(k->inserted[i]);
	free(k->inserted);
	k->inserted = NULL;
	k->ninserted = 0;
}

/* "4a 60a 75a" → the kind's inserted numbers; each must be NUMBER + letters. */
static int set_inserted(unit_kind *k, const char *list, const manifest *m, unsigned long line,
                        diag *d)
{
	const char *p = list;
	while (p && *p) {
		size_t n;
		unsigned num;
		char suffix[8];
		char **v;
		while (*p == ' ')
			p++;
		n = strcspn(p, " ");
		if (!n)
			break;
		if (text_parse_numbered(p, n, &num, suffix) != 0 || !suffix[0] || num == 0) {
			diag_error(d, m->path, line,
			           "unit kind '%s': inserted number '%.*s' must be a number and letters (4a)",
			           k->kind, (int)(n > 20 ? 20 : n), p);
			return -1;
		}
		v = realloc(k->inserted, (k->ninserted + 1) * sizeof *v);
		if (!v)
			return -1;
		k->inserted = v;
		if (!(k->inserted[k->ninserted] = text_ndup(p, n)))
			return -1;
		k->ninserted++;
		p += n;
	}
	return 0;
}

int manifest_use_version(manifest *m, size_t i, diag *d)
{
	const manifest_version *v;
	m->current = i;
	if (!m->nversions)
		return 0;
	v = &m->versions[i];
	for (size_t u = 0; u < v->nunits; u++)
		for (size_t k = 0; k < m->nkinds; k++) {
			unit_kind *uk = &m->kinds[k];
			if (strcmp(v->units[u].kind, uk->kind) != 0)
				continue;
			if (v->units[u].count)
				uk->count = v->units[u].count;
			free_inserted(uk);
			if (v->units[u].inserted && set_inserted(uk, v->units[u].inserted, m, v->line, d) != 0)
				return -1;
		}
	return 0;
}

static void print_dates(const manifest *m, char *out, size_t sz)
{
	size_t n = 0;
	out[0] = '\0';
	for (size_t i = 0; i < m->nversions && n + 1 < sz; i++) {
		int w = snprintf(out + n, sz - n, "%s%s (%s)", i ? ", " : "", m->versions[i].applies_from,
		                 m->versions[i].id);
		if (w < 0 || (size_t)w >= sz - n)
			break;
		n += (size_t)w;
	}
}

long manifest_version_by_id(const manifest *m, const char *id, diag *d)
{
	char dates[512];
	if (!m->nversions || !id)
		return m->nversions ? (long)m->nversions - 1 : 0;
	for (size_t i = 0; i < m->nversions; i++)
		if (!strcmp(m->versions[i].id, id))
			return (long)i;
	print_dates(m, dates, sizeof dates);
	diag_error(d, m->path, 0, "%s has no version %s; its versions: %s", m->id, id, dates);
	return -1;
}

long manifest_version_as_of(const manifest *m, const char *date, diag *d)
{
	char dates[512];
	long found = -1;
	if (!date)
		return m->nversions ? (long)m->nversions - 1 : 0;
	if (!manifest_is_date(date)) {
		diag_error(d, NULL, 0, "--as-of %s: not a date; write YYYY-MM-DD (e.g. 2025-01-01)", date);
		return -1;
	}
	if (!m->nversions)
		return 0;
	for (size_t i = 0; i < m->nversions; i++)
		if (strcmp(m->versions[i].applies_from, date) <= 0)
			found = (long)i;
	if (found < 0) {
		print_dates(m, dates, sizeof dates);
		diag_error(d, m->path, 0, "--as-of %s: %s has no version in force then; its versions apply from %s",
		           date, m->id, dates);
	}
	return found;
}

int manifest_is_date(const char *s)
{
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	unsigned y, mo, da;
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' || text_parse_uint(s, 4, &y) != 0 ||
	    text_parse_uint(s + 5, 2, &mo) != 0 || text_parse_uint(s + 8, 2, &da) != 0)
		return 0;
	if (y < 1000 || mo < 1 || mo > 12 || da < 1 || (int)da > mdays[mo - 1])
		return 0;
	if (mo == 2 && da == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}

int manifest_kind_has(const unit_kind *k, const char *label)
{
	unsigned num;
	char suffix[8];
	if (text_parse_numbered(label, strlen(label), &num, suffix) != 0)
		return 0;
	if (!suffix[0])
		return num >= 1 && num <= k->count;
	for (size_t i = 0; i < k->ninserted; i++)
		if (!strcmp(k->inserted[i], label))
			return 1;
	return 0;
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
	free_inserted(k);
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
	free(m->amends_celex);
	free(m->amends_label);
	free(m->application);
	for (size_t i = 0; i < m->nkinds; i++)
		unit_kind_free(&m->kinds[i]);
	for (size_t i = 0; i < m->naliases; i++) {
		free(m->aliases[i].phrase);
		free(m->aliases[i].celex);
	}
	for (size_t i = 0; i < m->nversions; i++) {
		manifest_version *v = &m->versions[i];
		free(v->id);
		free(v->applies_from);
		free(v->dir);
		free(v->celex);
		free(v->eli);
		free(v->label);
		free(v->amended_by);
		free(v->amended_by_celex);
		free(v->amendments);
		free(v->application);
		for (size_t u = 0; u < v->nunits; u++) {
			free(v->units[u].kind);
			free(v->units[u].inserted);
		}
		for (size_t k = 0; k < v->ncorrections; k++) {
			free(v->corrections[k].path);
			free(v->corrections[k].active_loc);
			free(v->corrections[k].why);
		}
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
                                       char *number)
{
	size_t base = strlen(m->link_prefix);
	if (len <= base || memcmp(link, m->link_prefix, base) != 0)
		return NULL;
	link += base;
	len -= base;
	for (size_t i = 0; i < m->nkinds; i++) {
		size_t k = strlen(m->kinds[i].link_prefix);
		unsigned v;
		char suffix[8];
		if (len > k && len - k < 12 && !memcmp(link, m->kinds[i].link_prefix, k) &&
		    text_parse_numbered(link + k, len - k, &v, suffix) == 0 && v > 0) {
			memcpy(number, link + k, len - k);
			number[len - k] = '\0';
			return &m->kinds[i];
		}
	}
	return NULL;
}
