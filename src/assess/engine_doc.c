/*
 * engine_doc.c - the assessment document (engine_impl.h, eng_build): the product, its
 * facts and conclusions, the decision trace, the checklist with each item's provision,
 * citations, recitals, dates and the law's text, and the Annex IV skeleton.
 */
#include "assess/engine_impl.h"
#include "assess/timeline.h"
#include "assess/touch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

static xmlNodePtr add(xmlNodePtr parent, const char *name, const char *text)
{
	return xmlNewTextChild(parent, NULL, (const xmlChar *)name, (const xmlChar *)text);
}

static void set(xmlNodePtr n, const char *name, const char *value)
{
	if (value)
		xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

static void set_ulong(xmlNodePtr n, const char *name, unsigned long v)
{
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%lu", v);
	set(n, name, tmp);
}

char *eng_node_text(const xmlNode *n)
{
	xmlChar *raw = xmlNodeGetContent(n);
	buf b;
	buf_init(&b);
	buf_put_collapsed(&b, (const char *)raw);
	buf_trim_end(&b);
	xmlFree(raw);
	if (!b.s)
		buf_puts(&b, "");
	return b.s;
}

/* A label for an id of a regulation whose graph is not loaded: "Article 12(3)". */
static void fallback_label(const char *reg, const char *id, buf *out)
{
	const char *p = id;
	int first = 1;
	if (!strncmp(id, "art-", 4)) {
		buf_puts(out, "Article ");
		p += 4;
	} else if (!strncmp(id, "anx-", 4)) {
		buf_puts(out, "Annex ");
		p += 4;
	} else if (!strncmp(id, "rec-", 4)) {
		buf_puts(out, "Recital ");
		p += 4;
	} else {
		buf_puts(out, id);
		p = "";
	}
	while (*p) {
		const char *dot = strchr(p, '.');
		size_t len = dot ? (size_t)(dot - p) : strlen(p);
		if (first)
			buf_append(out, p, len);
		else if (len > 3 && !strncmp(p, "sub", 3))
			buf_printf(out, ", subparagraph %.*s", (int)(len - 3), p + 3);
		else
			buf_printf(out, "(%.*s)", (int)len, p);
		first = 0;
		p += len;
		if (*p == '.')
			p++;
	}
	if (reg) {
		buf_puts(out, " (");
		buf_puts(out, reg);
		buf_putc(out, ')');
	}
}

/* The regulation of the assessment with that id (NULL: not loaded). */
static const ereg *find_reg(const engine *e, const char *id)
{
	for (size_t i = 0; id && i < e->nregs; i++)
		if (!strcmp(e->regs[i].id, id))
			return &e->regs[i];
	return NULL;
}

/* The short title of a graph ("Cyber Resilience Act"), or NULL. */
static const char *short_title(const gindex *g)
{
	xmlNodePtr root = xmlDocGetRootElement(g->doc);
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
		if (eng_is_elem(c, "short-title") && c->children && c->children->type == XML_TEXT_NODE)
			return (const char *)c->children->content;
	return NULL;
}

/* <name ref= label= href= [regulation=]> for a provision of regulation reg (NULL: the
 * primary); text = its law when asked. A provision of another regulation is labelled
 * with that regulation's short title ("Cyber Resilience Act Article 13(8)") unless the
 * rule gives a label, and linked into that regulation's site. */
static xmlNodePtr add_ref(engine *e, xmlNodePtr parent, const char *name, const char *id,
                          const char *reg, const char *given_label, int with_text)
{
	xmlNodePtr n = add(parent, name, NULL);
	buf label, href;
	int other = reg && strcmp(reg, e->regs[0].id) != 0;
	const ereg *r = other ? find_reg(e, reg) : &e->regs[0];
	buf_init(&label);
	buf_init(&href);
	if (given_label && *given_label) {
		buf_puts(&label, given_label);
	} else if (other && r) {
		const char *st = short_title(r->g);
		if (st)
			buf_printf(&label, "%s ", st);
		gindex_label(r->g, id, &label);
	} else if (other) {
		fallback_label(reg, id, &label);
	} else {
		gindex_label(e->g, id, &label);
	}
	if (r && e->o.eurlex) {
		gindex_href_eurlex(r->g, id, &href);
	} else if (r) {
		gindex_href(r->g, id, r->site_base, &href);
	} else {
		const char *dot = strchr(id, '.');
		buf_printf(&href, "%s%s/site/", e->o.library_base, reg);
		buf_append(&href, id, dot ? (size_t)(dot - id) : strlen(id));
		buf_printf(&href, ".html#%s", id);
	}
	set(n, "ref", id);
	if (other)
		set(n, "regulation", reg);
	set(n, "label", label.s ? label.s : id);
	set(n, "href", href.s ? href.s : "");
	if (with_text && r) {
		buf t;
		buf_init(&t);
		gindex_text(r->g, id, &t);
		if (t.s && t.len)
			add(n, "law", t.s);
		buf_free(&t);
	}
	if (label.oom || href.oom)
		e->oom = 1;
	buf_free(&label);
	buf_free(&href);
	return n;
}

/* The regulation a reference in a rule file names: its regulation attribute, else the
 * regulation whose rules hold it. */
static const char *ref_reg(const xmlNode *n, const ereg *home)
{
	return eng_attr(n, "regulation") ? eng_attr(n, "regulation") : home->id;
}

static void add_cites(engine *e, xmlNodePtr parent, const xmlNode *from, const ereg *home)
{
	for (xmlNodePtr c = from->children; c; c = c->next) {
		char *given;
		if (!eng_is_elem(c, "cite") || !eng_attr(c, "ref"))
			continue;
		given = eng_node_text(c);
		add_ref(e, parent, "cite", eng_attr(c, "ref"), ref_reg(c, home), given, 0);
		free(given);
	}
}

/* computed recitals listed per checklist item, after the official ones */
#define ENGINE_COMPUTED_RECITALS 3

typedef struct rec_ref {
	const ereg *reg;
	const gindex_pair *pair;
} rec_ref;

/* Recitals of the units of the item's provision and citations, each from the graph of
 * the regulation it belongs to, deduplicated, primary regulation first, in recital
 * order. */
static void add_recitals(engine *e, xmlNodePtr parent, const xmlNode *item, const ereg *home)
{
	const char *ids[64];
	const ereg *regs[64];
	size_t nids = 0;
	rec_ref recs[256];
	size_t nrecs = 0;
	ids[0] = eng_attr(item, "provision");
	regs[0] = find_reg(e, ref_reg(item, home));
	nids = 1;
	for (xmlNodePtr c = item->children; c && nids < 64; c = c->next)
		if (eng_is_elem(c, "cite") && eng_attr(c, "ref")) {
			ids[nids] = eng_attr(c, "ref");
			regs[nids] = find_reg(e, ref_reg(c, home));
			nids++;
		}
	for (size_t i = 0; i < nids; i++) {
		const gindex_pair *first;
		size_t n;
		if (!ids[i] || !regs[i] || !strncmp(ids[i], "rec-", 4))
			continue;
		n = gindex_recitals(regs[i]->g, ids[i], &first);
		for (size_t k = 0; k < n; k++) {
			int dup = 0;
			for (size_t j = 0; j < nrecs; j++)
				if (recs[j].reg == regs[i] && !strcmp(recs[j].pair->recital, first[k].recital))
					dup = 1;
			if (!dup && nrecs < 256) {
				recs[nrecs].reg = regs[i];
				recs[nrecs].pair = &first[k];
				nrecs++;
			}
		}
	}
	/* insertion sort by regulation (primary first), then recital number */
	for (size_t i = 1; i < nrecs; i++) {
		rec_ref x = recs[i];
		size_t j = i;
		while (j > 0 && (recs[j - 1].reg > x.reg ||
		                 (recs[j - 1].reg == x.reg && recs[j - 1].pair->n > x.pair->n))) {
			recs[j] = recs[j - 1];
			j--;
		}
		recs[j] = x;
	}
	for (size_t i = 0; i < nrecs; i++)
		add_ref(e, parent, "recital", recs[i].pair->recital, recs[i].reg->id, NULL, 0);
	/* then, marked computed, the best recitals computed for the unit of the provision
	 * (its suggests edges; README "Computed relations") whose evidence touches the
	 * provision itself, never one listed above */
	if (ids[0] && regs[0] && strncmp(ids[0], "rec-", 4) != 0) {
		const gindex_pair *first;
		size_t n = gindex_suggested(regs[0]->g, ids[0], &first), shown = 0;
		for (size_t k = 0; k < n && shown < ENGINE_COMPUTED_RECITALS; k++) {
			int dup = 0;
			for (size_t j = 0; j < nrecs && !dup; j++)
				dup = recs[j].reg == regs[0] && !strcmp(recs[j].pair->recital, first[k].recital);
			/* a unit's suggestion, shown under one of its paragraphs or points only
			 * when its evidence touches that provision (touch.h) */
			if (dup || !touch_evidence(regs[0]->g, ids[0], first[k].evidence))
				continue;
			set(add_ref(e, parent, "recital", first[k].recital, regs[0]->id, NULL, 0), "computed",
			    "yes");
			shown++;
		}
	}
}

static void build_product(engine *e, xmlNodePtr root)
{
	xmlNodePtr pn = add(root, "product", NULL);
	static const char *const leaves[] = {"name", "version", "provider", "intended-purpose"};
	const fact *f;
	set(pn, "id", e->p->id);
	set(pn, "src", e->o.product_src ? e->o.product_src : e->p->path);
	for (size_t i = 0; i < sizeof leaves / sizeof *leaves; i++) {
		f = eng_first_fact(e, leaves[i]);
		add(pn, leaves[i], f ? f->value : "");
	}
	f = eng_first_fact(e, "provider.established-in-union");
	set(pn, "established-in-union", f ? f->value : NULL);
	f = eng_first_fact(e, "provider.sme");
	set(pn, "sme", f ? f->value : "no");
}

/* The regulations assessed together with the primary one, and why. */
static void build_combined(engine *e, xmlNodePtr root)
{
	xmlNodePtr cn = NULL;
	for (size_t i = 1; i < e->nregs; i++) {
		const ereg *r = &e->regs[i];
		xmlNodePtr rn;
		if (!r->active)
			continue;
		if (!cn)
			cn = add(root, "combined", NULL);
		rn = add(cn, "regulation", NULL);
		set(rn, "id", r->id);
		set(rn, "name", short_title(r->g) ? short_title(r->g) : r->id);
		set(rn, "site-base", r->site_base);
	}
}

static void build_facts(engine *e, xmlNodePtr root)
{
	xmlNodePtr fs = add(root, "facts", NULL);
	for (size_t i = 0; i < e->p->facts.n; i++) {
		const fact *f = &e->p->facts.v[i];
		xmlNodePtr n = add(fs, "fact", NULL);
		set(n, "name", f->name);
		set(n, "value", f->value);
		set_ulong(n, "line", f->line);
	}
}

static void build_conclusions(engine *e, xmlNodePtr root)
{
	xmlNodePtr cs = add(root, "conclusions", NULL);
	for (size_t i = 0; i < e->concl.n; i++) {
		const fact *f = &e->concl.v[i];
		xmlNodePtr n = add(cs, "conclusion", NULL);
		set(n, "name", f->name);
		set(n, "value", f->value);
		set(n, "rule", f->rule);
		set(n, "label", f->label ? f->label : f->value);
	}
}

static void build_trace(engine *e, xmlNodePtr root)
{
	xmlNodePtr tr = add(root, "trace", NULL);
	xmlNodePtr notices = add(root, "notices", NULL);
	for (size_t i = 0; i < e->nsteps; i++) {
		const step *s = &e->steps[i];
		xmlNodePtr n = add(tr, "step", NULL);
		xmlNodePtr because = eng_child(s->rule, "because");
		char *txt = because ? eng_node_text(because) : NULL;
		set_ulong(n, "n", i + 1);
		if (s->decision) {
			set(n, "decision", eng_attr(s->decision, "name"));
			set(n, "decision-title", eng_attr(s->decision, "title") ? eng_attr(s->decision, "title")
			                                                    : eng_attr(s->decision, "name"));
			set(n, "rule", eng_attr(s->rule, "id"));
			set(n, "title", eng_attr(s->rule, "title"));
		} else {
			/* a <combine>: why another regulation is assessed too */
			buf rid;
			buf_init(&rid);
			buf_printf(&rid, "combine-%s", eng_attr(s->rule, "regulation"));
			set(n, "decision", "combine");
			set(n, "decision-title", "Regulations assessed together");
			set(n, "rule", rid.s ? rid.s : "combine");
			if (rid.oom)
				e->oom = 1;
			buf_free(&rid);
		}
		add(n, "because", txt ? txt : "");
		free(txt);
		for (size_t k = 0; k < s->nused; k++) {
			xmlNodePtr u = add(n, "used", NULL);
			set(u, "fact", s->used[k].name);
			set(u, "value", s->used[k].value);
			if (s->used[k].line)
				set_ulong(u, "line", s->used[k].line);
		}
		for (xmlNodePtr c = s->rule->children; c; c = c->next)
			if (eng_is_elem(c, "set")) {
				xmlNodePtr u = add(n, "concludes", NULL);
				set(u, "name", eng_attr(c, "name"));
				set(u, "value", eng_attr(c, "value"));
				set(u, "label", eng_attr(c, "label") ? eng_attr(c, "label") : eng_attr(c, "value"));
			}
		add_cites(e, n, s->rule, s->home);
		for (xmlNodePtr c = s->rule->children; c; c = c->next)
			if (eng_is_elem(c, "notice")) {
				char *t = eng_node_text(c);
				xmlNodePtr nn = add(notices, "notice", t ? t : "");
				free(t);
				set(nn, "level", eng_attr(c, "level"));
				set(nn, "rule", eng_attr(s->rule, "id"));
			}
	}
	for (size_t i = 0; i < e->nnotes; i++) {
		xmlNodePtr nn = add(notices, "notice", e->notes[i].text);
		set(nn, "level", "warning");
		set(nn, "rule", e->notes[i].rule);
	}
}

/* The conclusions (or product facts) named "application": the cases of the dates of
 * application (<when condition=...>) that hold for this product (doc/rules.md). */
#define MAX_CASES 8
static int fn_case(const fact *f, void *arg)
{
	const char **v = arg;
	size_t i = 0;
	while (i < MAX_CASES && v[i])
		i++;
	if (i < MAX_CASES)
		v[i] = f->value;
	return 0;
}

/* <applies from=DATE ref=BY label=...> for each date of application of the item's
 * provision in its regulation's graph (timeline.h); none when the graph has no dates. */
static void add_dates(engine *e, xmlNodePtr in, const xmlNode *it, const ereg *home)
{
	const char *cases[MAX_CASES + 1] = {NULL};
	timeline_date d[4];
	const ereg *r = find_reg(e, ref_reg(it, home));
	size_t nc = 0, n;
	if (!r || !eng_attr(it, "provision"))
		return;
	eng_each_value(e, "application", fn_case, cases);
	while (nc < MAX_CASES && cases[nc])
		nc++;
	n = timeline_dates(r->g, eng_attr(it, "provision"), cases, nc, d, sizeof d / sizeof d[0]);
	for (size_t i = 0; i < n; i++) {
		const char *colon = strchr(d[i].by ? d[i].by : "", ':');
		xmlNodePtr a;
		if (!d[i].by) {
			set(add(in, "applies", NULL), "from", d[i].from);
			continue;
		}
		if (colon) { /* a provision of another regulation ("digital-omnibus-ai:art-4") */
			char *reg = strndup(d[i].by, (size_t)(colon - d[i].by));
			if (!reg) {
				e->oom = 1;
				return;
			}
			a = add_ref(e, in, "applies", colon + 1, reg, NULL, 0);
			free(reg);
		} else {
			a = add_ref(e, in, "applies", d[i].by, r->id, NULL, 0);
		}
		set(a, "from", d[i].from);
	}
}

static void build_checklist(engine *e, xmlNodePtr root)
{
	xmlNodePtr cl = add(root, "checklist", NULL);
	for (size_t r = 0; r < e->nregs; r++) {
		const ereg *reg = &e->regs[r];
		if (!reg->active)
			continue;
		for (size_t f = 0; f < reg->rs->n; f++) {
			xmlNodePtr rroot = xmlDocGetRootElement(reg->rs->v[f].doc);
			for (xmlNodePtr gdecl = rroot->children; gdecl; gdecl = gdecl->next) {
				const char *gid;
				xmlNodePtr gn = NULL;
				char *intro;
				if (!eng_is_elem(gdecl, "group") || !(gid = eng_attr(gdecl, "id")))
					continue;
				for (size_t i = 0; i < e->nitems; i++) {
					const xmlNode *it = e->items[i].item;
					const char *grp = eng_attr(it, "group");
					xmlNodePtr in, title, statement;
					char *t;
					if (e->items[i].home != reg || !grp || strcmp(grp, gid) != 0)
						continue;
					if (!gn) {
						gn = add(cl, "group", NULL);
						set(gn, "id", gid);
						set(gn, "title", eng_attr(gdecl, "title"));
						if (r > 0)
							set(gn, "regulation", reg->id);
						intro = eng_node_text(gdecl);
						if (intro && *intro)
							add(gn, "intro", intro);
						free(intro);
					}
					in = add(gn, "item", NULL);
					set(in, "id", eng_attr(it, "id"));
					set(in, "rule", eng_attr(e->items[i].rule, "id"));
					title = eng_child(it, "title");
					statement = eng_child(it, "statement");
					t = title ? eng_node_text(title) : NULL;
					add(in, "title", t ? t : "");
					free(t);
					t = statement ? eng_node_text(statement) : NULL;
					add(in, "statement", t ? t : "");
					free(t);
					add_ref(e, in, "provision", eng_attr(it, "provision"), ref_reg(it, reg), NULL, 1);
					add_cites(e, in, it, reg);
					add_recitals(e, in, it, reg);
					add_dates(e, in, it, reg);
				}
			}
		}
	}
}

static void copy_annex_points(engine *e, const ereg *reg, xmlNodePtr out, xmlNodePtr gnode)
{
	for (xmlNodePtr c = gnode->children; c; c = c->next) {
		const char *id;
		xmlNodePtr pn;
		if (!(eng_is_elem(c, "point") || eng_is_elem(c, "sub") || eng_is_elem(c, "section")))
			continue;
		id = eng_attr(c, "id");
		if (!id)
			continue;
		pn = add_ref(e, out, eng_is_elem(c, "point") ? "point" : (const char *)c->name, id,
		             reg->id, NULL, 1);
		set(pn, "n", eng_attr(c, "label") ? eng_attr(c, "label") : eng_attr(c, "n"));
		set(pn, "title", eng_attr(c, "title"));
		/* the provisions of the regulation that cite this point (the graph's index of
		 * cites edges by target: a scan of every edge per point was quadratic) */
		{
			xmlNodePtr const *ed;
			size_t ned = gindex_cited_by(reg->g, id, &ed);
			for (size_t k = 0; k < ned; k++) {
				const char *from = eng_attr(ed[k], "from");
				if (from && strncmp(from, id, strlen(id)) != 0)
					add_ref(e, pn, "cited-by", from, reg->id, NULL, 0);
			}
		}
		copy_annex_points(e, reg, pn, c);
	}
}

/* The first <documentation> of a regulation's rules, or NULL. */
static xmlNodePtr find_documentation(const ereg *reg)
{
	for (size_t f = 0; f < reg->rs->n; f++) {
		xmlNodePtr root = xmlDocGetRootElement(reg->rs->v[f].doc);
		for (xmlNodePtr c = root->children; c; c = c->next)
			if (eng_is_elem(c, "documentation"))
				return c;
	}
	return NULL;
}

/* The condition inside <required> or <simplified> (absent: dflt). */
static int doc_condition(engine *e, xmlNodePtr decl, const char *name, int dflt)
{
	xmlNodePtr c = eng_child(decl, name);
	if (!c)
		return dflt;
	e->ntested = 0;
	return eng_eval(e, eng_first_elem(c->children));
}

/* One part of the technical documentation template: the annex a regulation's rules
 * declare, every point of it with its law and the provisions citing it. */
static void build_doc_part(engine *e, xmlNodePtr parent, const ereg *reg, xmlNodePtr decl,
                           int required)
{
	xmlNodePtr part = add(parent, "part", NULL);
	const char *annex = eng_attr(decl, "annex");
	const char *basis = eng_attr(decl, "basis");
	const char *simple = eng_attr(decl, "simplified-form");
	xmlNodePtr ganx = annex ? gindex_find(reg->g, annex) : NULL;
	set(part, "regulation", reg->id);
	set(part, "required", required ? "yes" : "no");
	set(part, "simplified", doc_condition(e, decl, "simplified", 0) ? "yes" : "no");
	if (!ganx)
		return;
	add_ref(e, part, "annex", annex, reg->id, NULL, 1);
	if (basis && gindex_find(reg->g, basis))
		add_ref(e, part, "basis", basis, reg->id, NULL, 1);
	if (simple && gindex_find(reg->g, simple))
		add_ref(e, part, "sme-form", simple, reg->id, NULL, 1);
	copy_annex_points(e, reg, part, ganx);
}

/* The technical documentation template: the primary regulation's documentation, then
 * that of every combined regulation whose documentation is required. */
static void build_documentation(engine *e, xmlNodePtr root)
{
	xmlNodePtr decl = find_documentation(&e->regs[0]);
	xmlNodePtr dn;
	if (!decl)
		return;
	dn = add(root, "documentation", NULL);
	set(dn, "file", eng_attr(decl, "file"));
	build_doc_part(e, dn, &e->regs[0], decl, doc_condition(e, decl, "required", 1));
	for (size_t i = 1; i < e->nregs; i++) {
		xmlNodePtr od;
		if (!e->regs[i].active || !(od = find_documentation(&e->regs[i])))
			continue;
		if (doc_condition(e, od, "required", 1))
			build_doc_part(e, dn, &e->regs[i], od, 1);
	}
}

xmlDocPtr eng_build(engine *e)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root;
	if (!doc)
		return NULL;
	root = xmlNewNode(NULL, (const xmlChar *)"assessment");
	xmlDocSetRootElement(doc, root);
	set(root, "regulation", e->g->regulation);
	set(root, "generator", e->o.generator);
	set(root, "site-base", e->regs[0].site_base);
	if (timeline_law(root, e->g, &e->o.law, e->regs[0].site_base) != 0)
		e->oom = 1;
	/* then the text of each regulation assessed with it, in <combined>'s order */
	for (size_t i = 1; i < e->nregs; i++)
		if (e->regs[i].active &&
		    timeline_law(root, e->regs[i].g, NULL, e->regs[i].site_base) != 0)
			e->oom = 1;
	build_combined(e, root);
	build_product(e, root);
	build_facts(e, root);
	build_conclusions(e, root);
	build_trace(e, root);
	build_checklist(e, root);
	build_documentation(e, root);
	if (e->oom) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

