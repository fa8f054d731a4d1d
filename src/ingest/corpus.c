#include "ingest/corpus.h"

#include <errno.h>
#include <libxml/hash.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ingest/contents.h"
#include "ingest/page.h"
#include "ingest/relations.h"
#include "util/fsio.h"
#include "util/text.h"

static void set_prop(xmlNodePtr el, const char *name, const char *value)
{
	if (value)
		xmlNewProp(el, (const xmlChar *)name, (const xmlChar *)value);
}

static void add_text_child(xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr el = xmlNewChild(parent, NULL, (const xmlChar *)name, NULL);
	if (text)
		xmlNodeAddContent(el, (const xmlChar *)text);
}

/* Expected file name of unit number n (and letters, "" or "a" for 4a) of kind k. */
static void page_file_name(const unit_kind *k, unsigned n, const char *suffix, char *out,
                           size_t outsz)
{
	snprintf(out, outsz, "%s%0*u%s.md", k->file_prefix, k->digits, n, suffix);
}

/* Files in the kind's folder that the manifest does not promise. */
static void report_extra_pages(const char *kdir, const unit_kind *k, diag *d)
{
	fsio_names names;
	if (fsio_list_dir(kdir, &names, d) != 0)
		return;
	for (size_t i = 0; i < names.n; i++) {
		const char *name = names.v[i];
		size_t pl = strlen(k->file_prefix), nl = strlen(name);
		unsigned num = 0;
		char expect[64], suffix[8], label[32];
		size_t z = pl;
		int ok = nl > pl + 3 && nl - pl - 3 < 16 && !strncmp(name, k->file_prefix, pl) &&
		         !strcmp(name + nl - 3, ".md");
		/* the number as printed: the padded digits without their leading zeros */
		while (ok && z + 1 < nl - 3 && name[z] == '0')
			z++;
		ok = ok && text_parse_numbered(name + z, nl - 3 - z, &num, suffix) == 0;
		if (ok) {
			snprintf(label, sizeof label, "%u%s", num, suffix);
			ok = manifest_kind_has(k, label);
		}
		if (ok) {
			page_file_name(k, num, suffix, expect, sizeof expect);
			ok = !strcmp(expect, name);
		}
		if (!ok) {
			char *p = fsio_join(kdir, name);
			diag_error(d, p ? p : name, 0,
			           "unexpected file: the manifest promises %u %s pages, %s%0*u.md to %s%0*u.md%s",
			           k->count, k->kind, k->file_prefix, k->digits, 1u, k->file_prefix,
			           k->digits, k->count,
			           k->ninserted ? ", and the inserted numbers its version lists" : "");
			free(p);
		}
	}
	fsio_names_free(&names);
}

/* The page of unit number n (+ suffix letters) of kind k, into parent. */
static void load_page(regulation *r, const unit_kind *k, page_ctx *pc, const char *kdir,
                      unsigned n, const char *suffix, xmlNodePtr parent, xmlHashTablePtr seen,
                      diag *d)
{
	{
		char name[64], expect_id[ID_MAX];
		char *path, *text;
		size_t len;
		struct stat st;
		xmlNodePtr unit;
		page_file_name(k, n, suffix, name, sizeof name);
		path = fsio_join(kdir, name);
		if (!path)
			return;
		/* A promised page that is not there is an input error (exit 1), not an I/O one. */
		if (lstat(path, &st) != 0 && errno == ENOENT) {
			if (*suffix)
				diag_error(d, path, 0, "missing page: the manifest's version inserts %s %u%s",
				           k->kind, n, suffix);
			else
				diag_error(d, path, 0, "missing page: the manifest promises %u %s pages",
				           k->count, k->kind);
			free(path);
			return;
		}
		if (fsio_read_text(path, PAGE_MAX_BYTES, &text, &len, d) != 0) {
			free(path);
			return;
		}
		pc->path = path;
		/* the page's relates-to edges join the graph only if its unit does */
		pc->edges = xmlNewDocNode(r->doc, NULL, (const xmlChar *)"edges", NULL);
		unit = page_parse(pc, text, len);
		free(text);
		if (unit) {
			xmlChar *id = xmlGetProp(unit, (const xmlChar *)"id");
			const char *other = xmlHashLookup(seen, id);
			/* the heading's line: a node made with xmlNewDocNode has no line of its own */
			xmlChar *line_attr = xmlGetProp(unit, (const xmlChar *)"line");
			unsigned long line = line_attr ? strtoul((const char *)line_attr, NULL, 10) : 0;
			xmlFree(line_attr);
			snprintf(expect_id, sizeof expect_id, "%s-%u%s", k->id_prefix, n, suffix);
			if (other) {
				diag_error(d, path, line,
				           "two pages claim the same unit %s (the other is %s)", (const char *)id,
				           other);
				xmlFreeNode(unit);
			} else if (strcmp((const char *)id, expect_id) != 0) {
				diag_error(d, path, line,
				           "page claims %s but its file name says %s", (const char *)id, expect_id);
				xmlFreeNode(unit);
			} else {
				xmlHashAddEntry(seen, id, xmlGetProp(unit, (const xmlChar *)"src"));
				xmlAddChild(parent, unit);
				while (pc->edges->children) {
					xmlNodePtr e = pc->edges->children;
					xmlUnlinkNode(e);
					xmlAddChild(r->edges, e);
				}
			}
			xmlFree(id);
		}
		xmlFreeNode(pc->edges);
		free(path);
	}
}

static void load_kind(regulation *r, const unit_kind *k, xmlNodePtr parent, xmlHashTablePtr seen,
                      diag *d)
{
	char *kdir = fsio_join(r->pages, k->dir);
	page_ctx pc;
	if (!kdir)
		return;
	if (!fsio_is_dir(kdir)) {
		diag_error(d, kdir, 0, "missing folder of %s pages (the manifest promises %u)", k->kind,
		           k->count);
		free(kdir);
		return;
	}
	report_extra_pages(kdir, k, d);
	pc.m = &r->m;
	pc.doc = r->doc;
	pc.d = d;
	/* 1..count, each followed by the numbers inserted after it (4, 4a, 5) */
	for (unsigned n = 1; n <= k->count && !diag_interrupted(d); n++) {
		load_page(r, k, &pc, kdir, n, "", parent, seen, d);
		for (size_t i = 0; i < k->ninserted && !diag_interrupted(d); i++) {
			unsigned base;
			char suffix[8];
			if (text_parse_numbered(k->inserted[i], strlen(k->inserted[i]), &base, suffix) == 0 &&
			    base == n)
				load_page(r, k, &pc, kdir, n, suffix, parent, seen, d);
		}
	}
	for (size_t i = 0; i < k->ninserted; i++) {
		unsigned base;
		char suffix[8];
		if (text_parse_numbered(k->inserted[i], strlen(k->inserted[i]), &base, suffix) == 0 &&
		    base > k->count)
			diag_error(d, r->m.path, 0, "%s %s is inserted after %s %u, past the last one (%u)",
			           k->kind, k->inserted[i], k->kind, base, k->count);
	}
	free(kdir);
}

static void free_seen_entry(void *payload, const xmlChar *name)
{
	(void)name;
	xmlFree(payload);
}

/* Give each article the chapter and section the contents page puts it in. */
static void place_units(xmlNodePtr contents, xmlHashTablePtr ids)
{
	for (xmlNodePtr ch = contents->children; ch; ch = ch->next) {
		xmlChar *cid = xmlGetProp(ch, (const xmlChar *)"id");
		for (xmlNodePtr c = ch->children; c; c = c->next) {
			int is_section = !xmlStrcmp(c->name, (const xmlChar *)"section");
			xmlChar *sid = is_section ? xmlGetProp(c, (const xmlChar *)"id") : NULL;
			xmlNodePtr first = is_section ? c->children : c;
			for (xmlNodePtr u = first; u; u = is_section ? u->next : NULL) {
				xmlChar *ref = xmlGetProp(u, (const xmlChar *)"ref");
				xmlNodePtr unit = ref ? xmlHashLookup(ids, ref) : NULL;
				if (unit) {
					xmlSetProp(unit, (const xmlChar *)"chapter", cid);
					if (sid)
						xmlSetProp(unit, (const xmlChar *)"section", sid);
				}
				xmlFree(ref);
			}
			xmlFree(sid);
		}
		xmlFree(cid);
	}
}

static void load_contents(regulation *r, xmlNodePtr root, xmlNodePtr before, diag *d)
{
	char *path = fsio_join(r->pages, r->m.contents_file);
	char *text, *title = NULL;
	size_t len;
	page_ctx pc = {&r->m, path, r->doc, r->edges, d};
	xmlNodePtr contents;
	xmlHashTablePtr ids;
	if (!path)
		return;
	if (fsio_read_text(path, PAGE_MAX_BYTES, &text, &len, d) != 0) {
		free(path);
		return;
	}
	contents = contents_parse(&pc, text, len, &title);
	xmlNewProp(contents, (const xmlChar *)"src", (const xmlChar *)path);
	free(text);
	xmlAddPrevSibling(before, contents);
	/* index units by id to place them in chapters */
	ids = xmlHashCreate(512);
	for (xmlNodePtr grp = root->children; grp; grp = grp->next)
		for (xmlNodePtr u = grp->children; u; u = u->next) {
			xmlChar *id = u->type == XML_ELEMENT_NODE ? xmlGetProp(u, (const xmlChar *)"id") : NULL;
			if (id)
				xmlHashAddEntry(ids, id, u);
			xmlFree(id);
		}
	place_units(contents, ids);
	xmlHashFree(ids, NULL);
	free(title);
	free(path);
}

int regulation_load(const char *dir, const char *datadir, regulation *r, diag *d)
{
	return regulation_load_version(dir, datadir, NULL, NULL, r, d);
}

const manifest_version *regulation_version(const regulation *r)
{
	return r->m.nversions ? &r->m.versions[r->m.current] : NULL;
}

int regulation_open_version(const char *dir, const char *datadir, const char *version,
                            const char *as_of, regulation *r, diag *d)
{
	char *schema;
	long vi;
	const manifest_version *mv;

	memset(r, 0, sizeof *r);
	r->dir = strdup(dir);
	schema = fsio_join(datadir, "templates/schema/manifest.rng");
	if (!r->dir || !schema || manifest_load(dir, schema, &r->m, d) != 0) {
		free(schema);
		return -1;
	}
	free(schema);
	vi = version ? manifest_version_by_id(&r->m, version, d) : manifest_version_as_of(&r->m, as_of, d);
	if (vi < 0 || manifest_use_version(&r->m, (size_t)vi, d) != 0)
		return -1;
	mv = regulation_version(r);
	r->pages = mv && strcmp(mv->dir, ".") != 0 ? fsio_join(dir, mv->dir) : strdup(dir);
	if (!r->pages) {
		diag_sys(d, dir, "cannot allocate", ENOMEM);
		return -1;
	}
	if (mv && !fsio_is_dir(r->pages)) {
		diag_error(d, r->m.path, mv->line, "version %s: its folder %s is not there", mv->id,
		           r->pages);
		return -1;
	}
	return 0;
}

int regulation_load_version(const char *dir, const char *datadir, const char *version,
                            const char *as_of, regulation *r, diag *d)
{
	xmlNodePtr root, first_group = NULL;
	xmlHashTablePtr seen;
	const manifest_version *mv;

	if (regulation_open_version(dir, datadir, version, as_of, r, d) != 0)
		return -1;
	mv = regulation_version(r);
	r->doc = xmlNewDoc((const xmlChar *)"1.0");
	/* the element and attribute names interned once (the graph has a few dozen, on
	 * ~130 nodes a unit) instead of a copy each: 7 % of a large graph's memory; a
	 * graph read back (ingest/reload.c) has its parser's dictionary the same way */
	if (r->doc)
		r->doc->dict = xmlDictCreate();
	root = xmlNewDocNode(r->doc, NULL, (const xmlChar *)"regulation", NULL);
	xmlDocSetRootElement(r->doc, root);
	set_prop(root, "id", r->m.id);
	set_prop(root, "lang", r->m.lang);
	set_prop(root, "celex", r->m.celex);
	set_prop(root, "eli", r->m.eli);
	if (mv) {
		set_prop(root, "version", mv->id);
		set_prop(root, "applies-from", mv->applies_from);
		/* the text itself (a consolidation has its own CELEX): links to the law on
		 * EUR-Lex go to the text this graph holds, not to the original act */
		if (mv->celex && r->m.celex && strcmp(mv->celex, r->m.celex) != 0)
			set_prop(root, "version-celex", mv->celex);
	}
	add_text_child(root, "title", r->m.title);
	add_text_child(root, "short-title", r->m.short_title);
	r->edges = xmlNewDocNode(r->doc, NULL, (const xmlChar *)"edges", NULL);
	seen = xmlHashCreate(512);
	for (size_t i = 0; i < r->m.nkinds; i++) {
		xmlNodePtr group = xmlNewChild(root, NULL, (const xmlChar *)r->m.kinds[i].dir, NULL);
		if (!first_group)
			first_group = group;
		load_kind(r, &r->m.kinds[i], group, seen, d);
	}
	xmlHashFree(seen, free_seen_entry);
	if (first_group && r->m.contents_file)
		load_contents(r, root, first_group, d);
	/* sourced pairs added without editing pages (errors are reported, like a page's) */
	relations_load(r, datadir, d);
	xmlAddChild(root, r->edges);
	return 0;
}

void regulation_free(regulation *r)
{
	if (r->doc)
		xmlFreeDoc(r->doc);
	manifest_free(&r->m);
	free(r->dir);
	free(r->pages);
	memset(r, 0, sizeof *r);
}
