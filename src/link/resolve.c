/*
 * resolve.c - the link stage: every citation in the text becomes a <cite> pointing at
 * the finest element that exists, and an edge.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph.h"
#include "ingest/page.h"
#include "link/cite.h"
#include "link/link.h"

const char *const link_kind_names[8] = {
	"recital", "article", "paragraph or point of an article", "annex",
	"section or point of an annex", "chapter or section", "other", "",
};

typedef struct linker {
	regulation *r;
	const link_library *lib;
	xmlHashTablePtr ids;
	xmlHashTablePtr edges_seen; /* "kind\tfrom\tto" already made */
	xmlHashTablePtr acts;       /* "ext:CELEX" → <act> */
	xmlNodePtr acts_el;
	link_stats *stats;
	diag *d;
	cite_list cites;
} linker;

static int is_named(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static const char *prop(xmlNodePtr n, const char *name)
{
	/* Attribute values of nodes we built are single text children: read in place. */
	xmlAttrPtr a = xmlHasProp(n, (const xmlChar *)name);
	if (!a || !a->children || !a->children->content)
		return NULL;
	return (const char *)a->children->content;
}

/* s appended to dst[0..at) as snprintf would write it (cut to size - 1 bytes; NULL
 * as "(null)"), without parsing a format for every id; returns the new length. */
static size_t put(char *dst, size_t size, size_t at, const char *s)
{
	size_t n;
	if (!s)
		s = "(null)";
	n = strlen(s);
	if (at + n > size - 1)
		n = size - 1 - at;
	memcpy(dst + at, s, n);
	dst[at + n] = '\0';
	return at + n;
}

/* "kind\tfrom\tto", the key of an edge in edges_seen. */
static void edge_key(char *key, size_t size, const char *kind, const char *from, const char *to)
{
	size_t at = put(key, size, 0, kind);
	at = put(key, size, at, "\t");
	at = put(key, size, at, from);
	at = put(key, size, at, "\t");
	put(key, size, at, to);
}

/* The new edge, or NULL when it is there already. */
static xmlNodePtr add_edge(linker *lk, const char *kind, const char *from, const char *to,
                           const char *src, unsigned long line)
{
	char key[3 * ID_MAX + 32], lbuf[24];
	xmlNodePtr e;
	edge_key(key, sizeof key, kind, from, to);
	if (xmlHashLookup(lk->edges_seen, (const xmlChar *)key))
		return NULL;
	xmlHashAddEntry(lk->edges_seen, (const xmlChar *)key, (void *)1);
	e = xmlNewChild(lk->r->edges, NULL, (const xmlChar *)"edge", NULL);
	xmlNewProp(e, (const xmlChar *)"kind", (const xmlChar *)kind);
	xmlNewProp(e, (const xmlChar *)"from", (const xmlChar *)from);
	xmlNewProp(e, (const xmlChar *)"to", (const xmlChar *)to);
	xmlNewProp(e, (const xmlChar *)"src", (const xmlChar *)src);
	snprintf(lbuf, sizeof lbuf, "%lu", line);
	xmlNewProp(e, (const xmlChar *)"line", (const xmlChar *)lbuf);
	return e;
}

static unsigned target_kind(const char *id)
{
	int fine = strchr(id, '.') != NULL;
	if (!strncmp(id, "rec-", 4))
		return 0;
	if (!strncmp(id, "art-", 4))
		return fine ? 2 : 1;
	if (!strncmp(id, "anx-", 4))
		return fine ? 4 : 3;
	if (!strncmp(id, "chp-", 4))
		return 5;
	return 6;
}

/* Where a text block stands, for relative citations. */
typedef struct place {
	xmlNodePtr unit;
	const char *from;      /* id of the innermost element holding the text */
	const char *src;
	unsigned long line;
	char para[ID_MAX];
	char container[ID_MAX];
	char alt_container[ID_MAX];
	char section[ID_MAX]; /* innermost annex section (part, numbered heading) */
	cite_context ctx;
	/* the act an amending provision amends ("Regulation (EU) 2024/1689 is amended as
	 * follows:" above this text): its citations without an act are of that act */
	xmlNodePtr amended; /* its <act>, or NULL */
} place;

static void locate(xmlNodePtr text, place *p)
{
	xmlNodePtr owner = text->parent, n;
	memset(p, 0, sizeof *p);
	p->from = prop(owner, "id");
	for (n = owner; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		if (!p->para[0] && is_named(n, "para"))
			put(p->para, sizeof p->para, 0, prop(n, "id"));
		if (!p->section[0] && is_named(n, "section"))
			put(p->section, sizeof p->section, 0, prop(n, "id"));
		if (prop(n, "src")) {
			p->unit = n;
			break;
		}
	}
	/* "point (b)" in the text of point (a) means its sibling; in a paragraph's own
	 * text, one of its points. Sub-points are tried second (alt_container). */
	if (is_named(owner, "point")) {
		put(p->container, sizeof p->container, 0, prop(owner->parent, "id"));
		put(p->alt_container, sizeof p->alt_container, 0, p->from);
	} else if (is_named(owner, "sub")) {
		/* "point (e)" in a later subparagraph of point 2 still means point 2(e) */
		put(p->container, sizeof p->container, 0, p->from);
		put(p->alt_container, sizeof p->alt_container, 0, prop(owner->parent, "id"));
	} else {
		put(p->container, sizeof p->container, 0, p->from ? p->from : "");
	}
	p->src = p->unit ? prop(p->unit, "src") : "";
	p->line = (unsigned long)strtoul(prop(text, "line") ? prop(text, "line") : "0", NULL, 10);
	p->ctx.unit = p->unit ? prop(p->unit, "id") : NULL;
	p->ctx.para = p->para[0] ? p->para : NULL;
	p->ctx.container = p->container[0] ? p->container : NULL;
	p->ctx.chapter = p->unit ? prop(p->unit, "chapter") : NULL;
	p->ctx.section = p->unit ? prop(p->unit, "section") : NULL;
}

/* The highest subparagraph number looked at under one element: well above any real
 * one (17 is the most either embedded regulation has), it bounds the lookups per
 * citation. */
#define MAX_SUBS 64

/* cand's last component looked for in the later subparagraphs of its parent: "point
 * 3.1 (b)" of CRA Annex VIII Part IV cites the point (b) that hangs off the second
 * subparagraph of point 3.1 ("The application shall include:"), which the id scheme
 * numbers anx-8.part-4.3.1.sub2.b. The law names no subparagraph because only one of
 * them has a point (b); when several have one, the citation does not say which, and
 * this finds nothing. Writes the id into got; 1 when found. */
static int in_later_sub(xmlHashTablePtr ids, const char *cand, char *got)
{
	const char *dot = strrchr(cand, '.');
	char parent[ID_MAX], sub[ID_MAX], try_id[ID_MAX];
	int found = 0;
	if (!dot || dot == cand || (size_t)(dot - cand) >= ID_MAX || !strncmp(dot + 1, "sub", 3))
		return 0;
	snprintf(parent, sizeof parent, "%.*s", (int)(dot - cand), cand);
	if (!xmlHashLookup(ids, (const xmlChar *)parent))
		return 0;
	/* subparagraphs are numbered 2, 3, … without gaps: stop at the first missing */
	for (int k = 2; k <= MAX_SUBS; k++) {
		int n = snprintf(sub, sizeof sub, "%s.sub%d", parent, k);
		if (n < 0 || (size_t)n >= sizeof sub || !xmlHashLookup(ids, (const xmlChar *)sub))
			break;
		n = snprintf(try_id, sizeof try_id, "%s%s", sub, dot);
		if (n < 0 || (size_t)n >= sizeof try_id || !xmlHashLookup(ids, (const xmlChar *)try_id))
			continue;
		if (found++)
			return 0; /* in two subparagraphs: ambiguous */
		put(got, ID_MAX, 0, try_id);
	}
	return found == 1;
}

/* The finest existing element of ids for a cited id: as cited, as a sub-point, or
 * its nearest existing ancestor. Returns 0 exact, 1 coarser, -1 nothing. p gives the
 * relative rules of the citing text (another regulation's ids: a blank place). */
static int resolve_in(xmlHashTablePtr ids, const place *p, const char *want, char *got)
{
	size_t cl = strlen(p->container);
	/* the readings of want tried again, one subparagraph deeper, when none exists
	 * as cited: as cited, in the alternative container, in this Part */
	char alt[ID_MAX] = "", in_section[ID_MAX] = "";
	put(got, ID_MAX, 0, want);
	if (xmlHashLookup(ids, (const xmlChar *)got))
		return 0;
	if (p->alt_container[0] && cl && !strncmp(want, p->container, cl) && want[cl] == '.') {
		snprintf(got, ID_MAX, "%s%s", p->alt_container, want + cl);
		if (xmlHashLookup(ids, (const xmlChar *)got))
			return 0;
		put(alt, ID_MAX, 0, got);
		put(got, ID_MAX, 0, want);
	}
	/* "Article 113(3), point (a)" where Article 113 has no numbered paragraphs: the
	 * law counts its subparagraphs (art-113.sub3.a; the first is art-113 itself). */
	{
		const char *dot = strchr(want, '.');
		char *end;
		unsigned long k = dot ? strtoul(dot + 1, &end, 10) : 0;
		if (k > 0 && end != dot + 1 && (*end == '.' || *end == '\0')) {
			if (k == 1)
				snprintf(got, ID_MAX, "%.*s%s", (int)(dot - want), want, end);
			else
				snprintf(got, ID_MAX, "%.*s.sub%lu%s", (int)(dot - want), want, k, end);
			if (xmlHashLookup(ids, (const xmlChar *)got)) {
				char unit_para[ID_MAX];
				/* only when the unit really has no paragraph k */
				snprintf(unit_para, ID_MAX, "%.*s.%lu", (int)(dot - want), want, k);
				if (!xmlHashLookup(ids, (const xmlChar *)unit_para))
					return 0;
			}
			put(got, ID_MAX, 0, want);
		}
	}
	/* "point 3.1" inside Part IV of an annex: that Part's point 3.1 */
	if (p->section[0] && p->ctx.unit) {
		size_t ul = strlen(p->ctx.unit);
		if (!strncmp(want, p->ctx.unit, ul) && want[ul] == '.' &&
		    strncmp(want, p->section, strlen(p->section)) != 0) {
			snprintf(got, ID_MAX, "%s%s", p->section, want + ul);
			if (xmlHashLookup(ids, (const xmlChar *)got))
				return 0;
			put(in_section, ID_MAX, 0, got);
			put(got, ID_MAX, 0, want);
		}
	}
	/* last of the exact readings, so that a point that exists as cited always wins */
	if (in_later_sub(ids, want, got) || (alt[0] && in_later_sub(ids, alt, got)) ||
	    (in_section[0] && in_later_sub(ids, in_section, got)))
		return 0;
	put(got, ID_MAX, 0, want);
	for (char *dot = strrchr(got, '.'); dot; dot = strrchr(got, '.')) {
		*dot = '\0';
		if (xmlHashLookup(ids, (const xmlChar *)got))
			return 1;
	}
	return -1;
}

/* id, qualified by into's id when into is another regulation ("cra:art-12.3"). */
static const char *qualify(char *dst, size_t size, const link_regulation *into, const char *id)
{
	size_t at = into ? put(dst, size, put(dst, size, 0, into->id), ":") : 0;
	put(dst, size, at, id);
	return dst;
}

/* A <cite to="…"> for targets, with its cites edges: into NULL resolves them in this
 * regulation (relative to p), into a library regulation in its ids (qualified
 * "cra:art-12.3"). NULL when no target exists. */
static xmlNodePtr make_cite_to(linker *lk, const place *p, const link_regulation *into,
                               const cite_id *targets, size_t ntargets, int truncated,
                               const char *span, size_t span_len)
{
	char got[ID_MAX], qual[2 * ID_MAX + 2];
	char *to = NULL;
	size_t to_len = 0, to_cap = 0;
	xmlNodePtr el = NULL;
	place blank;
	int shown = (int)(span_len > 80 ? 80 : span_len);
	memset(&blank, 0, sizeof blank);
	for (size_t i = 0; i < ntargets; i++) {
		const char *want = targets[i].s;
		int r = resolve_in(into ? into->ids : lk->ids, into ? &blank : p, want, got);
		char wantq[2 * ID_MAX + 2]; /* for the diagnostics */
		qualify(qual, sizeof qual, into, got);
		if (into)
			lk->stats->cross_targets++;
		else
			lk->stats->targets++;
		if (r < 0) {
			if (into)
				lk->stats->cross_unresolved++;
			else
				lk->stats->unresolved++;
			diag_warning(lk->d, p->src, p->line, "'%.*s' cites %s, which does not exist", shown,
			             span, qualify(wantq, sizeof wantq, into, want));
			continue;
		}
		if (!into) {
			if (r == 0)
				lk->stats->exact++;
			else
				lk->stats->coarsened++;
			lk->stats->by_kind[target_kind(got)]++;
		}
		if (r != 0)
			diag_warning(lk->d, p->src, p->line,
			             "'%.*s' cites %s, which does not exist; linked to %s", shown, span,
			             qualify(wantq, sizeof wantq, into, want), qual);
		{
			/* into another version than the library's (an amending act's citation of
			 * the text it made, library_view_for): the edge says which */
			xmlNodePtr e = add_edge(lk, "cites", p->from, qual, p->src, p->line);
			if (e && into && into->other_version && into->version)
				xmlNewProp(e, (const xmlChar *)"version", (const xmlChar *)into->version);
		}
		{
			size_t gl = strlen(qual);
			if (to_len + gl + 2 > to_cap) {
				size_t ncap = (to_cap ? to_cap * 2 : 64) + gl;
				char *nt = realloc(to, ncap);
				if (!nt)
					break;
				to = nt;
				to_cap = ncap;
			}
			if (to_len)
				to[to_len++] = ' ';
			memcpy(to + to_len, qual, gl + 1);
			to_len += gl;
		}
	}
	if (to) {
		el = xmlNewDocNode(lk->r->doc, NULL, (const xmlChar *)"cite", NULL);
		xmlNewProp(el, (const xmlChar *)"to", (const xmlChar *)to);
		if (into && into->other_version && into->version)
			xmlNewProp(el, (const xmlChar *)"version", (const xmlChar *)into->version);
		xmlNodeAddContentLen(el, (const xmlChar *)span, (int)span_len);
		if (into)
			lk->stats->cross++;
		else
			lk->stats->internal++;
		lk->stats->cites++;
	}
	free(to);
	if (truncated)
		diag_warning(lk->d, p->src, p->line, "range '%.*s' is longer than %d; cut", shown, span,
		             LINK_MAX_RANGE);
	return el;
}

static xmlNodePtr make_internal_cite(linker *lk, const place *p, const cite *c, const char *span,
                                     size_t span_len);

const link_regulation *link_library_find(const link_library *lib, const char *celex)
{
	for (size_t i = 0; lib && celex && i < lib->n; i++)
		if (lib->v[i].celex && !strcmp(lib->v[i].celex, celex))
			return &lib->v[i];
	return NULL;
}

/* A citation of an act that is a regulation of the library (or this one): its
 * provisions, resolved there. NULL when it names none that exists (a bare act). */
static xmlNodePtr make_library_cite(linker *lk, const place *p, const link_regulation *into,
                                    const char *span, size_t span_len)
{
	cite_list t;
	cite_id *all = NULL;
	size_t n = 0, cap = 0;
	int truncated = 0;
	xmlNodePtr el = NULL;
	memset(&t, 0, sizeof t);
	if (cite_act_targets(span, span_len, LINK_MAX_RANGE, &t) != 0 || t.n == 0) {
		cite_list_free(&t);
		return NULL;
	}
	for (size_t i = 0; i < t.n; i++) {
		truncated |= t.v[i].truncated;
		if (n + t.v[i].ntargets > cap) {
			size_t ncap = (cap ? cap * 2 : 8) + t.v[i].ntargets;
			cite_id *nv = realloc(all, ncap * sizeof *nv);
			if (!nv)
				break;
			all = nv;
			cap = ncap;
		}
		memcpy(all + n, t.v[i].targets, t.v[i].ntargets * sizeof *all);
		n += t.v[i].ntargets;
	}
	if (n)
		el = make_cite_to(lk, p, into, all, n, truncated, span, span_len);
	free(all);
	cite_list_free(&t);
	return el;
}

/* The label of an act cited by an alias phrase: the phrase. */
static const char *alias_label(const linker *lk, const char *celex)
{
	for (size_t i = 0; i < lk->r->m.naliases; i++)
		if (!strcmp(lk->r->m.aliases[i].celex, celex))
			return lk->r->m.aliases[i].phrase;
	return "";
}

/* The <act> of c's CELEX (made on its first citation); its id into act_id. */
static void add_act(linker *lk, const cite *c, const link_regulation *reg, char *act_id,
                    size_t size)
{
	snprintf(act_id, size, "ext:%s", c->celex);
	if (!xmlHashLookup(lk->acts, (const xmlChar *)act_id)) {
		xmlNodePtr a = xmlNewChild(lk->acts_el, NULL, (const xmlChar *)"act", NULL);
		xmlNewProp(a, (const xmlChar *)"id", (const xmlChar *)act_id);
		xmlNewProp(a, (const xmlChar *)"celex", (const xmlChar *)c->celex);
		xmlNewProp(a, (const xmlChar *)"label",
		           (const xmlChar *)(c->act[0] ? c->act : alias_label(lk, c->celex)));
		if (reg)
			xmlNewProp(a, (const xmlChar *)"regulation", (const xmlChar *)reg->id);
		xmlHashAddEntry(lk->acts, (const xmlChar *)act_id, a);
		lk->stats->acts++;
	}
}

/* The regulation a CELEX number names: this one (its manifest's celex), one of the
 * library, or NULL (an act outside the corpus). */
static const link_regulation *regulation_of(const linker *lk, const char *celex,
                                            link_regulation *self)
{
	const link_regulation *lr;
	if (lk->r->m.celex && !strcmp(lk->r->m.celex, celex)) {
		self->id = lk->r->m.id;
		self->celex = lk->r->m.celex;
		self->ids = lk->ids;
		return self;
	}
	lr = link_library_find(lk->lib, celex);
	return lr && lr->id && strcmp(lr->id, lk->r->m.id) != 0 ? lr : NULL;
}

/* 1 when the unit (or chapter) of one of c's targets exists here: "Article 5" in an
 * act of four articles does not. */
static int has_any_unit(const linker *lk, const cite *c)
{
	for (size_t i = 0; i < c->ntargets; i++) {
		char unit[ID_MAX];
		size_t n = strcspn(c->targets[i].s, ".");
		snprintf(unit, sizeof unit, "%.*s", (int)(n < ID_MAX - 1 ? n : ID_MAX - 1), c->targets[i].s);
		if (xmlHashLookup(lk->ids, (const xmlChar *)unit))
			return 1;
	}
	return 0;
}

/* In an amending provision, a citation without an act ("in Article 43, paragraph 3
 * is replaced") names a provision of the act amended (p->amended): resolved in it when
 * it is a regulation of the library (ai-act:art-43.3), else a citation of the act. */
static xmlNodePtr make_amended_cite(linker *lk, const place *p, const cite *c, const char *celex,
                                    const char *label, const char *span, size_t span_len)
{
	cite a;
	char act_id[32];
	link_regulation self;
	const link_regulation *reg;
	xmlNodePtr el;
	memset(&a, 0, sizeof a);
	snprintf(a.celex, sizeof a.celex, "%s", celex);
	snprintf(a.act, sizeof a.act, "%s", label ? label : "");
	reg = regulation_of(lk, a.celex, &self);
	if (reg && reg != &self)
		return make_cite_to(lk, p, reg, c->targets, c->ntargets, c->truncated, span, span_len);
	add_act(lk, &a, reg, act_id, sizeof act_id);
	add_edge(lk, "cites-act", p->from, act_id, p->src, p->line);
	el = xmlNewDocNode(lk->r->doc, NULL, (const xmlChar *)"cite", NULL);
	xmlNewProp(el, (const xmlChar *)"act", (const xmlChar *)act_id);
	xmlNodeAddContentLen(el, (const xmlChar *)span, (int)span_len);
	lk->stats->external++;
	lk->stats->cites++;
	return el;
}

static xmlNodePtr make_internal_cite(linker *lk, const place *p, const cite *c, const char *span,
                                     size_t span_len)
{
	if (p->amended)
		return make_amended_cite(lk, p, c, prop(p->amended, "celex"), prop(p->amended, "label"),
		                         span, span_len);
	if (lk->r->m.amends_celex && c->ntargets && !has_any_unit(lk, c)) {
		/* an amending act's recitals: "Article 5 is to be kept under review" */
		return make_amended_cite(lk, p, c, lk->r->m.amends_celex, lk->r->m.amends_label, span,
		                         span_len);
	}
	return make_cite_to(lk, p, NULL, c->targets, c->ntargets, c->truncated, span, span_len);
}

static xmlNodePtr make_external_cite(linker *lk, const place *p, const cite *c, const char *span,
                                     size_t span_len)
{
	char act_id[32];
	xmlNodePtr el;
	link_regulation self;
	const link_regulation *reg = regulation_of(lk, c->celex, &self);
	/* "Article 12(3) of Regulation (EU) 2024/2847" when that is in the library: its
	 * unit, qualified (or ours, when a regulation cites itself by number) */
	if (reg) {
		el = make_library_cite(lk, p, reg == &self ? NULL : reg, span, span_len);
		if (el) {
			/* the act's node stays (it says which regulation the act is); the cites
			 * edges say what of it is cited */
			if (reg != &self)
				add_act(lk, c, reg, act_id, sizeof act_id);
			return el;
		}
	}
	add_act(lk, c, reg, act_id, sizeof act_id);
	add_edge(lk, "cites-act", p->from, act_id, p->src, p->line);
	el = xmlNewDocNode(lk->r->doc, NULL, (const xmlChar *)"cite", NULL);
	xmlNewProp(el, (const xmlChar *)"act", (const xmlChar *)act_id);
	xmlNodeAddContentLen(el, (const xmlChar *)span, (int)span_len);
	lk->stats->external++;
	lk->stats->cites++;
	return el;
}

static int is_alnum_byte(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int is_space_byte(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int lower_byte(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* The end of phrase ph matched at s[i], or 0: a space in ph matches a run of white
 * space, the first letter either case, the rest byte for byte; whole words only. */
static size_t alias_at(const char *s, size_t len, size_t i, const char *ph)
{
	size_t j = i;
	if (i > 0 && is_alnum_byte((unsigned char)s[i - 1]))
		return 0;
	for (size_t k = 0; ph[k]; k++) {
		if (ph[k] == ' ') {
			if (j >= len || !is_space_byte((unsigned char)s[j]))
				return 0;
			while (j < len && is_space_byte((unsigned char)s[j]))
				j++;
		} else if (j < len && (k == 0 ? lower_byte((unsigned char)s[j]) == lower_byte((unsigned char)ph[0])
		                              : s[j] == ph[k])) {
			j++;
		} else {
			return 0;
		}
	}
	return j < len && is_alnum_byte((unsigned char)s[j]) ? 0 : j;
}

static int cmp_cite_start(const void *a, const void *b)
{
	const cite *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* The manifest's alias phrases in s become citations of their act; a citation the
 * scanner found inside or across an alias gives way to it. */
static void add_alias_cites(linker *lk, const char *s, size_t len)
{
	const manifest *m = &lk->r->m;
	cite_list *l = &lk->cites;
	int added = 0;
	for (size_t a = 0; a < m->naliases; a++) {
		const char *ph = m->aliases[a].phrase;
		for (size_t i = 0; ph && ph[0] && i < len; i++) {
			size_t end;
			cite c;
			if (lower_byte((unsigned char)s[i]) != lower_byte((unsigned char)ph[0]) ||
			    (end = alias_at(s, len, i, ph)) == 0)
				continue;
			/* an alias found earlier wins; the scanner's citations give way */
			{
				int blocked = 0;
				size_t w = 0;
				for (size_t k = 0; k < l->n && !blocked; k++)
					blocked = l->v[k].start < end && i < l->v[k].end &&
					          l->v[k].kind == CITE_EXTERNAL && !l->v[k].act[0];
				if (blocked)
					continue;
				for (size_t k = 0; k < l->n; k++) {
					if (l->v[k].start < end && i < l->v[k].end) {
						free(l->v[k].targets);
						continue;
					}
					l->v[w++] = l->v[k];
				}
				l->n = w;
			}
			if (l->n == l->cap) {
				size_t cap = l->cap ? l->cap * 2 : 8;
				cite *v = realloc(l->v, cap * sizeof *v);
				if (!v)
					return;
				l->v = v;
				l->cap = cap;
			}
			memset(&c, 0, sizeof c);
			c.start = i;
			c.end = end;
			c.kind = CITE_EXTERNAL;
			snprintf(c.celex, sizeof c.celex, "%s", m->aliases[a].celex);
			/* c.act empty: the act's label is the phrase (alias_label) */
			l->v[l->n++] = c;
			lk->stats->aliases++;
			added = 1;
			i = end - 1;
		}
	}
	if (added)
		qsort(l->v, l->n, sizeof *l->v, cmp_cite_start);
}

/* Replace one text node by text, <cite>, text, … */
static void link_text_node(linker *lk, const place *p, xmlNodePtr tn)
{
	const char *s = (const char *)tn->content;
	size_t len = s ? strlen(s) : 0, at = 0;
	xmlNodePtr anchor = tn;
	cite_list_free(&lk->cites);
	if (!len || cite_scan(s, len, &p->ctx, LINK_MAX_RANGE, &lk->cites) != 0)
		return;
	if (lk->r->m.naliases)
		add_alias_cites(lk, s, len);
	if (lk->cites.n == 0)
		return;
	for (size_t i = 0; i < lk->cites.n; i++) {
		const cite *c = &lk->cites.v[i];
		xmlNodePtr el;
		if (c->start < at || c->end > len || c->end <= c->start)
			continue;
		el = c->kind == CITE_EXTERNAL
		         ? make_external_cite(lk, p, c, s + c->start, c->end - c->start)
		         : make_internal_cite(lk, p, c, s + c->start, c->end - c->start);
		if (!el)
			continue;
		if (c->start > at) {
			xmlNodePtr before = xmlNewDocTextLen(lk->r->doc, (const xmlChar *)s + at,
			                                     (int)(c->start - at));
			graph_insert_after(anchor, before);
			anchor = before;
		}
		graph_insert_after(anchor, el);
		anchor = el;
		at = c->end;
	}
	if (anchor == tn)
		return;
	if (at < len)
		graph_insert_after(anchor, xmlNewDocTextLen(lk->r->doc, (const xmlChar *)s + at,
		                                            (int)(len - at)));
	xmlUnlinkNode(tn);
	xmlFreeNode(tn);
}

/* 1 when the text node s ends with "amended as follows:" (white space aside). */
static int ends_amended_as_follows(const char *s)
{
	static const char tail[] = "amended as follows:";
	size_t n = s ? strlen(s) : 0;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\n'))
		n--;
	return n >= sizeof tail - 1 && !memcmp(s + n - (sizeof tail - 1), tail, sizeof tail - 1);
}

/*
 * The act amended by the provision that holds text: the <act> of the nearest
 * enclosing element whose own first text (not this one) names an act and ends "is
 * amended as follows:" ("Regulation (EU) 2024/1689 is amended as follows:", the
 * first words of an amending act's Article 1; linked already, being earlier in the
 * document). NULL when there is none.
 */
static xmlNodePtr amended_act(linker *lk, xmlNodePtr text)
{
	for (xmlNodePtr n = text->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		xmlNodePtr intro = n->children;
		while (intro && !is_named(intro, "text"))
			intro = intro->next;
		if (intro && intro != text && intro->last && intro->last->type == XML_TEXT_NODE &&
		    ends_amended_as_follows((const char *)intro->last->content)) {
			for (xmlNodePtr c = intro->children; c; c = c->next) {
				const char *act = is_named(c, "cite") ? prop(c, "act") : NULL;
				if (act)
					return xmlHashLookup(lk->acts, (const xmlChar *)act);
			}
		}
		if (prop(n, "src"))
			break; /* the unit */
	}
	return NULL;
}

/* Text nodes of a <text>, also inside em/strong, never inside a link or code. */
static void link_text_element(linker *lk, xmlNodePtr text)
{
	place p;
	xmlNodePtr stack[32], nodes[256];
	size_t sp = 0, nn = 0;
	/* A quoted amendment's citations are to the act it amends, not to this one. */
	if (xmlHasProp(text, (const xmlChar *)"quoted"))
		return;
	locate(text, &p);
	if (!p.from || !p.unit)
		return;
	/* In an amending provision, relative citations ("paragraph 3") are of the amended
	 * act's article named before them: not read, rather than misread as ours. */
	if ((p.amended = amended_act(lk, text)) != NULL)
		memset(&p.ctx, 0, sizeof p.ctx);
	stack[sp++] = text;
	while (sp) {
		xmlNodePtr el = stack[--sp];
		for (xmlNodePtr c = el->last; c; c = c->prev) {
			if (c->type == XML_TEXT_NODE) {
				if (nn < sizeof nodes / sizeof nodes[0])
					nodes[nn++] = c;
			} else if ((is_named(c, "em") || is_named(c, "strong")) &&
			           sp < sizeof stack / sizeof stack[0]) {
				stack[sp++] = c;
			}
		}
	}
	/* collected last-to-first within each element; order does not matter for
	 * correctness (each node is replaced in place) */
	for (size_t i = 0; i < nn; i++)
		link_text_node(lk, &p, nodes[i]);
}

static void collect_texts(xmlNodePtr root, xmlNodePtr **out, size_t *n, size_t *cap)
{
	xmlNodePtr cur;
	for (cur = root; cur; cur = graph_walk_next(root, cur, !is_named(cur, "text"))) {
		if (!is_named(cur, "text"))
			continue;
		if (*n == *cap) {
			size_t ncap = *cap ? *cap * 2 : 1024;
			xmlNodePtr *nv = realloc(*out, ncap * sizeof *nv);
			if (!nv)
				return;
			*out = nv;
			*cap = ncap;
		}
		(*out)[(*n)++] = cur;
	}
}

/* A relates-to link to a unit that does not exist is reported here, with the page
 * line, and dropped so that the graph check does not report it a second time. */
static void check_relations(linker *lk)
{
	xmlNodePtr next;
	for (xmlNodePtr e = lk->r->edges->children; e; e = next) {
		const char *to = prop(e, "to");
		next = e->next;
		if (!is_named(e, "edge") || strcmp(prop(e, "kind"), "relates-to") != 0)
			continue;
		if (!xmlHashLookup(lk->ids, (const xmlChar *)to)) {
			diag_error(lk->d, prop(e, "src"), strtoul(prop(e, "line"), NULL, 10),
			           "relates-to link to %s, which does not exist", to);
			xmlUnlinkNode(e);
			xmlFreeNode(e);
		}
	}
}

int link_resolve(regulation *r, link_stats *stats, diag *d)
{
	return link_resolve_library(r, NULL, stats, d);
}

int link_resolve_library(regulation *r, const link_library *lib, link_stats *stats, diag *d)
{
	linker lk;
	xmlNodePtr root = xmlDocGetRootElement(r->doc);
	xmlNodePtr *texts = NULL;
	size_t ntexts = 0, cap = 0;

	memset(&lk, 0, sizeof lk);
	memset(stats, 0, sizeof *stats);
	lk.r = r;
	lk.lib = lib;
	lk.stats = stats;
	lk.d = d;
	lk.ids = graph_index_ids(r->doc, d);
	/* about one edge per id (cites, cites-act, relates-to: 14.7k for 16k ids at 10x
	 * the AI Act); graph_hash_for: a fixed 4,096 never grows */
	lk.edges_seen = graph_hash_for(lk.ids ? (size_t)xmlHashSize(lk.ids) : 0);
	lk.acts = xmlHashCreate(256);
	lk.acts_el = xmlNewDocNode(r->doc, NULL, (const xmlChar *)"acts", NULL);
	xmlAddPrevSibling(r->edges, lk.acts_el);
	/* relates-to edges from the pages are already there: never duplicate them */
	for (xmlNodePtr e = r->edges->children; e; e = e->next) {
		char key[3 * ID_MAX + 32];
		edge_key(key, sizeof key, prop(e, "kind"), prop(e, "from"), prop(e, "to"));
		xmlHashAddEntry(lk.edges_seen, (const xmlChar *)key, (void *)1);
	}
	check_relations(&lk);
	collect_texts(root, &texts, &ntexts, &cap);
	for (size_t i = 0; i < ntexts; i++)
		link_text_element(&lk, texts[i]);
	free(texts);
	stats->terms = link_mark_terms(r->doc, r->m.definitions_unit, lk.ids);
	cite_list_free(&lk.cites);
	xmlHashFree(lk.edges_seen, NULL);
	xmlHashFree(lk.acts, NULL);
	xmlHashFree(lk.ids, NULL);
	return 0;
}
