#include "assess/rules.h"
#include "assess/rversion.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/fsio.h"
#include "util/xmlsafe.h"

void ruleset_init(ruleset *rs)
{
	rs->v = NULL;
	rs->n = rs->cap = 0;
	rs->schemas = NULL;
}

void ruleset_free(ruleset *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		free(rs->v[i].path);
		xmlFreeDoc(rs->v[i].doc);
	}
	free(rs->v);
	ruleset_init(rs);
}

static int is_elem(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static const char *attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (!a->ns && !strcmp((const char *)a->name, name) && a->children &&
		    a->children->type == XML_TEXT_NODE)
			return (const char *)a->children->content;
	return NULL;
}

static unsigned long line_of(const xmlNode *n)
{
	long l = xmlGetLineNo((xmlNodePtr)n);
	return l > 0 ? (unsigned long)l : 1;
}

char *rules_expand_template(const char *tmpl, xmlNodePtr elem, int *bad)
{
	buf out;
	size_t opt_start = 0;
	int in_opt = 0, opt_missing = 0;
	*bad = 0;
	buf_init(&out);
	for (const char *p = tmpl; *p; p++) {
		if (*p == '[') {
			if (in_opt)
				goto malformed;
			in_opt = 1;
			opt_missing = 0;
			opt_start = out.len;
		} else if (*p == ']') {
			if (!in_opt)
				goto malformed;
			if (opt_missing) {
				out.len = opt_start;
				if (out.s)
					out.s[out.len] = '\0';
			}
			in_opt = 0;
		} else if (*p == '{') {
			const char *end = strchr(p, '}');
			char name[64];
			const char *v;
			size_t len;
			if (!end || end == p + 1 || (size_t)(end - p - 1) >= sizeof name)
				goto malformed;
			len = (size_t)(end - p - 1);
			memcpy(name, p + 1, len);
			name[len] = '\0';
			v = elem ? attr(elem, name) : NULL;
			if (v)
				buf_puts(&out, v);
			else if (in_opt)
				opt_missing = 1;
			else {
				buf_free(&out);
				return NULL;
			}
			p = end;
		} else {
			buf_putc(&out, *p);
		}
	}
	if (in_opt)
		goto malformed;
	if (out.oom) {
		buf_free(&out);
		return NULL;
	}
	if (!out.s) {
		buf_puts(&out, "");
		if (out.oom)
			return NULL;
	}
	return out.s;
malformed:
	*bad = 1;
	buf_free(&out);
	return NULL;
}

/* A graph id a rule names: it must exist in g when it is of g's regulation. */
static void check_ref(const xmlNode *n, const char *idattr, const char *path,
                      const gindex *g, diag *d)
{
	const char *id = attr(n, idattr);
	const char *reg = attr(n, "regulation");
	if (!id || !g)
		return;
	if (reg && strcmp(reg, g->regulation) != 0)
		return; /* another regulation's graph: checked when that graph is loaded */
	if (!gindex_find(g, id))
		diag_error(d, path, line_of(n),
		           "<%s %s=\"%s\">: provision %s does not exist in the graph of %s",
		           (const char *)n->name, idattr, id, id, g->regulation);
}

static void walk_refs(const xmlNode *n, const char *path, const gindex *g, diag *d)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_elem(n, "cite"))
			check_ref(n, "ref", path, g, d);
		else if (is_elem(n, "item"))
			check_ref(n, "provision", path, g, d);
		else if (is_elem(n, "documentation")) {
			check_ref(n, "annex", path, g, d);
			check_ref(n, "basis", path, g, d);
			check_ref(n, "simplified-form", path, g, d);
		}
		walk_refs(n->children, path, g, d);
	}
}

/* Checks across all files loaded so far, for the file just added (index k). */
static void check_file(ruleset *rs, size_t k, const gindex *g, diag *d)
{
	const rulefile *f = &rs->v[k];
	xmlNodePtr root = xmlDocGetRootElement(f->doc);
	const char *reg = attr(root, "regulation");

	if (g && reg && strcmp(reg, g->regulation) != 0)
		diag_error(d, f->path, line_of(root),
		           "rules for regulation \"%s\" cannot be used with the graph of \"%s\"", reg,
		           g->regulation);
	walk_refs(root->children, f->path, g, d);

	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (is_elem(c, "exists")) {
			int bad = 0;
			char *s = rules_expand_template(attr(c, "id") ? attr(c, "id") : "", NULL, &bad);
			free(s);
			if (bad)
				diag_error(d, f->path, line_of(c),
				           "malformed id template \"%s\" (use {attribute} and [optional part])",
				           attr(c, "id") ? attr(c, "id") : "");
		}
		if (!is_elem(c, "decision"))
			continue;
		for (xmlNodePtr r = c->children; r; r = r->next) {
			const char *id;
			if (!is_elem(r, "rule"))
				continue;
			id = attr(r, "id");
			/* rule ids are unique over every file */
			for (size_t j = 0; j <= k && id; j++) {
				xmlNodePtr root2 = xmlDocGetRootElement(rs->v[j].doc);
				for (xmlNodePtr c2 = root2->children; c2; c2 = c2->next) {
					if (!is_elem(c2, "decision"))
						continue;
					for (xmlNodePtr r2 = c2->children; r2; r2 = r2->next) {
						const char *id2;
						if (r2 == r)
							goto next_rule;
						if (!is_elem(r2, "rule"))
							continue;
						id2 = attr(r2, "id");
						if (id2 && !strcmp(id, id2)) {
							diag_error(d, f->path, line_of(r),
							           "rule id \"%s\" is already used at %s:%lu", id,
							           rs->v[j].path, line_of(r2));
							goto next_rule;
						}
					}
				}
			}
		next_rule:;
		}
	}
}

int ruleset_check_groups(const ruleset *rs, diag *d)
{
	size_t errors = d->errors;
	for (size_t k = 0; k < rs->n; k++) {
		xmlNodePtr root = xmlDocGetRootElement(rs->v[k].doc);
		for (xmlNodePtr c = root->children; c; c = c->next) {
			if (!is_elem(c, "decision"))
				continue;
			for (xmlNodePtr r = c->children; r; r = r->next) {
				if (!is_elem(r, "rule"))
					continue;
				for (xmlNodePtr it = r->children; it; it = it->next) {
					const char *grp;
					int found = 0;
					if (!is_elem(it, "item"))
						continue;
					grp = attr(it, "group");
					for (size_t j = 0; j < rs->n && grp && !found; j++) {
						xmlNodePtr root2 = xmlDocGetRootElement(rs->v[j].doc);
						for (xmlNodePtr c2 = root2->children; c2 && !found; c2 = c2->next)
							if (is_elem(c2, "group") && attr(c2, "id") &&
							    !strcmp(attr(c2, "id"), grp))
								found = 1;
					}
					if (!found)
						diag_error(d, rs->v[k].path, line_of(it),
						           "item \"%s\" names group \"%s\", which no rule file "
						           "declares (<group id=\"%s\" title=\"...\"/>)",
						           attr(it, "id") ? attr(it, "id") : "?", grp ? grp : "",
						           grp ? grp : "");
				}
			}
		}
	}
	return d->errors > errors ? -1 : 0;
}

/* A graph id of another regulation a rule names: it must exist in that regulation's
 * graph when that graph is among graphs. */
static void check_other_ref(const xmlNode *n, const char *idattr, const char *path,
                            const char *home, const gindex *const *graphs, size_t ngraphs,
                            diag *d)
{
	const char *id = attr(n, idattr);
	const char *reg = attr(n, "regulation");
	if (!id || !reg || (home && !strcmp(reg, home)))
		return;
	for (size_t i = 0; i < ngraphs; i++)
		if (graphs[i] && !strcmp(graphs[i]->regulation, reg) && !gindex_find(graphs[i], id))
			diag_error(d, path, line_of(n),
			           "<%s %s=\"%s\" regulation=\"%s\">: provision %s does not exist in the "
			           "graph of %s",
			           (const char *)n->name, idattr, id, reg, id, reg);
}

static void walk_other_refs(const xmlNode *n, const char *path, const char *home,
                            const gindex *const *graphs, size_t ngraphs, diag *d)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_elem(n, "cite"))
			check_other_ref(n, "ref", path, home, graphs, ngraphs, d);
		else if (is_elem(n, "item"))
			check_other_ref(n, "provision", path, home, graphs, ngraphs, d);
		walk_other_refs(n->children, path, home, graphs, ngraphs, d);
	}
}

int ruleset_check_other_refs(const ruleset *rs, const gindex *const *graphs, size_t ngraphs,
                             diag *d)
{
	size_t errors = d->errors;
	for (size_t k = 0; k < rs->n; k++) {
		xmlNodePtr root = xmlDocGetRootElement(rs->v[k].doc);
		walk_other_refs(root->children, rs->v[k].path, attr(root, "regulation"), graphs,
		                ngraphs, d);
	}
	return d->errors > errors ? -1 : 0;
}

/* Call fn for every rule and every item of rs. */
static void each_rule_and_item(const ruleset *rs,
                               void (*fn)(const xmlNode *n, const char *path, void *arg),
                               void *arg)
{
	for (size_t k = 0; k < rs->n; k++) {
		xmlNodePtr root = xmlDocGetRootElement(rs->v[k].doc);
		for (xmlNodePtr c = root->children; c; c = c->next) {
			if (!is_elem(c, "decision"))
				continue;
			for (xmlNodePtr r = c->children; r; r = r->next) {
				if (!is_elem(r, "rule"))
					continue;
				fn(r, rs->v[k].path, arg);
				for (xmlNodePtr it = r->children; it; it = it->next)
					if (is_elem(it, "item"))
						fn(it, rs->v[k].path, arg);
			}
		}
	}
}

struct disjoint_arg {
	const xmlNode *n;   /* the element of a looked for */
	const char *path;   /* its file */
	const xmlNode *hit; /* the element of b with the same kind and id */
	const char *hit_path;
	diag *d;
	const ruleset *b;
};

static void find_same(const xmlNode *n, const char *path, void *arg)
{
	struct disjoint_arg *x = arg;
	const char *id = attr(n, "id"), *want = attr(x->n, "id");
	if (!x->hit && id && want && !strcmp(id, want) &&
	    !strcmp((const char *)n->name, (const char *)x->n->name)) {
		x->hit = n;
		x->hit_path = path;
	}
}

static void check_in_b(const xmlNode *n, const char *path, void *arg)
{
	struct disjoint_arg *x = arg;
	x->n = n;
	x->path = path;
	x->hit = NULL;
	each_rule_and_item(x->b, find_same, x);
	if (x->hit)
		diag_error(x->d, x->hit_path, line_of(x->hit),
		           "%s id \"%s\" is already used by the rules of another regulation at %s:%lu; "
		           "the rules of regulations assessed together need distinct ids",
		           (const char *)n->name, attr(n, "id"), path, line_of(n));
}

int ruleset_check_disjoint(const ruleset *a, const ruleset *b, diag *d)
{
	size_t errors = d->errors;
	struct disjoint_arg x;
	memset(&x, 0, sizeof x);
	x.d = d;
	x.b = b;
	each_rule_and_item(a, check_in_b, &x);
	return d->errors > errors ? -1 : 0;
}

int ruleset_add_doc(ruleset *rs, xmlDocPtr doc, const char *name, const char *schema_path,
                    const gindex *g, diag *d)
{
	size_t errors = d->errors;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	char *path = strdup(name ? name : "rules");

	if (!path) {
		xmlFreeDoc(doc);
		diag_sys(d, name, "cannot load rules", ENOMEM);
		return -1;
	}
	if (!root || !is_elem(root, "rules")) {
		diag_error(d, path, root ? line_of(root) : 1, "not a rule file: the root must be <rules>");
		goto fail;
	}
	if (schema_path && xmlsafe_validate_cached(rs->schemas, doc, schema_path, path, d) != 0)
		goto fail;
	/* only what holds for the graph's version of the law (rversion.h) */
	if (rversion_prune(doc, path, g ? g->version : NULL, d) != 0)
		goto fail;
	if (rs->n == rs->cap) {
		size_t ncap = rs->cap ? rs->cap * 2 : 8;
		rulefile *nv = realloc(rs->v, ncap * sizeof *nv);
		if (!nv) {
			diag_sys(d, path, "cannot load rules", ENOMEM);
			goto fail;
		}
		rs->v = nv;
		rs->cap = ncap;
	}
	rs->v[rs->n].path = path;
	rs->v[rs->n].doc = doc;
	rs->n++;
	check_file(rs, rs->n - 1, g, d);
	return d->errors > errors ? -1 : 0;
fail:
	free(path);
	xmlFreeDoc(doc);
	return -1;
}

int ruleset_add_file(ruleset *rs, const char *path, const char *schema_path,
                     const gindex *g, diag *d)
{
	xmlDocPtr doc = xmlsafe_read_file(path, d);
	if (!doc)
		return -1;
	return ruleset_add_doc(rs, doc, path, schema_path, g, d);
}

int ruleset_load_dir(ruleset *rs, const char *dir, const char *schema_path, const gindex *g,
                     diag *d)
{
	fsio_names names;
	int rc = 0;
	size_t loaded = 0;
	if (fsio_list_dir(dir, &names, d) != 0)
		return -1;
	for (size_t i = 0; i < names.n; i++) {
		size_t len = strlen(names.v[i]);
		char *path;
		if (len < 5 || strcmp(names.v[i] + len - 4, ".xml") != 0 || names.v[i][0] == '.')
			continue;
		path = fsio_join(dir, names.v[i]);
		if (!path) {
			diag_sys(d, dir, "cannot load rules", ENOMEM);
			rc = -1;
			break;
		}
		if (ruleset_add_file(rs, path, schema_path, g, d) != 0)
			rc = -1;
		free(path);
		loaded++;
	}
	fsio_names_free(&names);
	if (rc == 0 && loaded > 0 && ruleset_check_groups(rs, d) != 0)
		rc = -1;
	if (rc == 0 && loaded == 0) {
		diag_error(d, dir, 0, "no rule files (*.xml) in this folder");
		rc = -1;
	}
	return rc;
}
