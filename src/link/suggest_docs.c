/*
 * suggest_docs.c - the documents of the suggest scorer, read from a linked graph.
 *
 * Documents: every recital (all its text), every passage of an article or annex (each
 * top-level para, point, sub or section with everything inside it, plus the unit's own
 * leading text) and every whole unit. A unit's title words are added to its passages
 * and to the whole unit. Each document gets two count vectors (ids in order of first
 * use): its words (lower-cased, stemmed: suggest_words.c) and its defined terms
 * (<term ref>; the passage holding a definition counts its own term once); a recital
 * also keeps the ids it cites, a unit the other units it cites. Weighing and scoring
 * them is suggest_score.c's.
 */
#include "link/suggest_impl.h"

#include "graph/graph.h"

/* Term frequencies of the document being built: dense counts, and the ids touched. */
typedef struct bag {
	uint32_t *tf;
	size_t cap;
	u32s touched;
} bag;

static int bag_add(bag *b, uint32_t id, uint32_t times)
{
	if (id >= b->cap) {
		size_t nc = b->cap ? b->cap : 4096;
		uint32_t *nt;
		while (nc <= id)
			nc *= 2;
		nt = realloc(b->tf, nc * sizeof *nt);
		if (!nt)
			return -1;
		memset(nt + b->cap, 0, (nc - b->cap) * sizeof *nt);
		b->tf = nt;
		b->cap = nc;
	}
	if (!b->tf[id] && u32s_push(&b->touched, id) != 0)
		return -1;
	b->tf[id] += times;
	return 0;
}

/* The bag as a vector allocated in a (ids in order of first use); the bag is emptied. */
static int bag_take(bag *b, svec *v, arena *a)
{
	size_t n = b->touched.n;
	memset(v, 0, sizeof *v);
	if (!n)
		return 0;
	v->id = arena_alloc(a, n * sizeof *v->id);
	v->w = arena_alloc(a, n * sizeof *v->w);
	if (!v->id || !v->w)
		return -1;
	for (size_t k = 0; k < n; k++) {
		uint32_t id = b->touched.v[k];
		v->id[k] = id;
		v->w[k] = (float)b->tf[id];
		b->tf[id] = 0;
	}
	v->n = (uint32_t)n;
	b->touched.n = 0;
	return 0;
}

static void bag_free(bag *b)
{
	free(b->tf);
	free(b->touched.v);
}

/* What the walk collects into the documents being built. */
typedef struct collector {
	suggest_model *m;
	const suggest_words *w;
	xmlHashTablePtr unit_ix;   /* unit id → index + 1 */
	bag words, terms;          /* the recital or passage */
	bag uwords, uterms;        /* the whole unit, when in_unit */
	int in_unit;
	u32s *sink;                /* when set, word ids go here instead (a title) */
	u32s cites;                /* cited unit indices */
	cited *rc;                 /* a recital's cited ids */
	size_t nrc, caprc;
	int want_cite_ids;
	char tok[WORD_MAX];
	size_t toklen;
	int oom;
} collector;

static void add_word(collector *c, uint32_t id)
{
	if (c->sink) {
		if (u32s_push(c->sink, id) != 0)
			c->oom = 1;
	} else if (bag_add(&c->words, id, 1) != 0 ||
	           (c->in_unit && bag_add(&c->uwords, id, 1) != 0)) {
		c->oom = 1;
	}
}

static void add_term(collector *c, uint32_t id)
{
	if (bag_add(&c->terms, id, 1) != 0 || (c->in_unit && bag_add(&c->uterms, id, 1) != 0))
		c->oom = 1;
}

/* The word id of a token as written (stemmed once per spelling), or NONE. */
static uint32_t word_of(collector *c, const char *tok, size_t len)
{
	suggest_model *m = c->m;
	uint32_t r = strtab_lookup(&m->raw, tok, len), id = NONE;
	char stem[WORD_MAX];
	size_t sl;
	int added;
	if (r != NONE)
		return m->raw_word[r];
	if ((sl = suggest_stem_lower(c->w, tok, len, stem, sizeof stem)) != 0) {
		id = strtab_intern(&m->words, &m->a, stem, sl, &added);
		if (id == NONE) {
			c->oom = 1;
			return NONE;
		}
		if (added) {
			if (m->nsurface < m->words.keycap) {
				const char **ns = realloc(m->surface, m->words.keycap * sizeof *ns);
				if (!ns) {
					c->oom = 1;
					return NONE;
				}
				m->surface = ns;
				m->nsurface = m->words.keycap;
			}
			if (!(m->surface[id] = arena_strndup(&m->a, tok, len)))
				c->oom = 1;
		}
	}
	r = strtab_intern(&m->raw, &m->a, tok, len, &added);
	if (r == NONE) {
		c->oom = 1;
		return NONE;
	}
	if (m->nraw_word < m->raw.keycap) {
		uint32_t *nr = realloc(m->raw_word, m->raw.keycap * sizeof *nr);
		if (!nr) {
			c->oom = 1;
			return NONE;
		}
		m->raw_word = nr;
		m->nraw_word = m->raw.keycap;
	}
	m->raw_word[r] = id;
	return id;
}

static void flush_token(collector *c)
{
	size_t len = c->toklen;
	uint32_t id;
	c->toklen = 0;
	while (len && c->tok[len - 1] == '-')
		len--;
	if (len && (id = word_of(c, c->tok, len)) != NONE)
		add_word(c, id);
}

/* Byte classes of the tokenizer: 1 a-z 0-9, 2 A-Z, 3 '-', 4 a byte of a UTF-8
 * sequence, 0 any other ASCII (a separator). */
static const unsigned char byte_class[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
	0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
};

/* Split text into tokens: ASCII letters and digits, UTF-8 letters, inner hyphens;
 * ASCII is lower-cased. U+0080–U+00BF (no-break space, «, §, …) and U+2000–U+207F
 * (quotation marks, dashes) separate words. A token may continue across inline
 * elements; the caller flushes it at the end of a text block. */
static void feed(collector *c, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		switch (byte_class[*p]) {
		case 1: {
			const unsigned char *q = p + 1;
			size_t n;
			while (byte_class[*q] == 1)
				q++;
			n = (size_t)(q - p);
			if (n > WORD_MAX - 1 - c->toklen)
				n = WORD_MAX - 1 - c->toklen;
			memcpy(c->tok + c->toklen, p, n);
			c->toklen += n;
			p = q;
			break;
		}
		case 2:
			if (c->toklen < WORD_MAX - 1)
				c->tok[c->toklen++] = (char)(*p - 'A' + 'a');
			p++;
			break;
		case 3:
			if (c->toklen && c->toklen < WORD_MAX - 1)
				c->tok[c->toklen++] = '-';
			else if (c->toklen)
				flush_token(c);
			p++;
			break;
		case 4:
			if ((p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0xBF) ||
			    (p[0] == 0xE2 && (p[1] == 0x80 || p[1] == 0x81) && p[2])) {
				if (c->toklen)
					flush_token(c);
				p += p[0] == 0xC2 ? 2 : 3;
			} else {
				if (c->toklen < WORD_MAX - 1)
					c->tok[c->toklen++] = (char)*p;
				p++;
			}
			break;
		default:
			if (c->toklen)
				flush_token(c);
			p++;
		}
	}
}

static uint32_t unit_index_of(xmlHashTablePtr unit_ix, const char *id, size_t len)
{
	char buf[128];
	const char *dot = memchr(id, '.', len);
	size_t n = dot ? (size_t)(dot - id) : len;
	void *v;
	if (n >= sizeof buf)
		return NONE;
	memcpy(buf, id, n);
	buf[n] = '\0';
	v = xmlHashLookup(unit_ix, (const xmlChar *)buf);
	return v ? (uint32_t)((uintptr_t)v - 1) : NONE;
}

/* Every target of a <cite to="ID ID …">. */
static void add_cites(collector *c, const char *to)
{
	while (to && *to) {
		const char *sp = strchr(to, ' ');
		size_t len = sp ? (size_t)(sp - to) : strlen(to);
		uint32_t u = len ? unit_index_of(c->unit_ix, to, len) : NONE;
		if (u != NONE) {
			if (u32s_push(&c->cites, u) != 0)
				c->oom = 1;
			if (c->want_cite_ids) {
				if (c->nrc == c->caprc) {
					size_t nc = c->caprc ? c->caprc * 2 : 8;
					cited *nv = realloc(c->rc, nc * sizeof *nv);
					if (!nv) {
						c->oom = 1;
						return;
					}
					c->rc = nv;
					c->caprc = nc;
				}
				c->rc[c->nrc].unit = u;
				if (!(c->rc[c->nrc++].id = arena_strndup(&c->m->a, to, len)))
					c->oom = 1;
			}
		}
		to = sp ? sp + 1 : NULL;
	}
}

/* Inline content of a <text>: text nodes, and em, strong, cite, term, a, code. */
static void collect_inline(collector *c, xmlNodePtr n, int depth)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE) {
			if (n->content)
				feed(c, (const char *)n->content);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlnode_is(n, "term")) {
			const char *ref = xmlnode_attr(n, "ref");
			uint32_t id = ref ? strtab_lookup(&c->m->terms, ref, strlen(ref)) : NONE;
			if (id != NONE)
				add_term(c, id);
		} else if (xmlnode_is(n, "cite")) {
			add_cites(c, xmlnode_attr(n, "to"));
		}
		if (depth < 16)
			collect_inline(c, n->children, depth + 1);
	}
}

/* Every <text> in the subtree of n (n included), in document order. */
static void collect_texts(collector *c, xmlNodePtr n)
{
	for (xmlNodePtr cur = n; cur; cur = graph_walk_next(n, cur, !xmlnode_is(cur, "text"))) {
		if (!xmlnode_is(cur, "text"))
			continue;
		if (c->m->p.quoted || !xmlnode_attr(cur, "quoted"))
			collect_inline(c, cur->children, 0);
		if (c->toklen)
			flush_token(c);
	}
}

/* ---- the walk --------------------------------------------------------------------- */

/* The defined term of a definition point: the first ‘…’ of its text, else NULL. */
static const char *definition_name(suggest_model *m, xmlNodePtr def)
{
	for (xmlNodePtr t = def->children; t; t = t->next)
		if (xmlnode_is(t, "text")) {
			xmlChar *content = xmlNodeGetContent(t);
			const char *s = content ? strstr((const char *)content, "\xE2\x80\x98") : NULL;
			const char *e = s ? strstr(s + 3, "\xE2\x80\x99") : NULL;
			const char *name = NULL;
			if (e && e > s + 3 && e - (s + 3) < 120)
				name = arena_strndup(&m->a, s + 3, (size_t)(e - (s + 3)));
			xmlFree(content);
			return name;
		}
	return NULL;
}

/* The units, the passages, and the defined terms that are used (in document order). */
int suggest_docs_index(suggest_model *m, xmlNodePtr root, node_list *recs, node_list *units,
                       node_list *pass, xmlHashTablePtr unit_ix)
{
	for (xmlNodePtr g = root->children; g; g = g->next) {
		if (g->type != XML_ELEMENT_NODE || xmlnode_is(g, "edges") || xmlnode_is(g, "contents"))
			continue;
		for (xmlNodePtr u = g->children; u; u = u->next) {
			if (xmlnode_is(u, "recital") && xmlnode_attr(u, "id")) {
				if (node_list_push(recs, u) != 0)
					return -1;
			} else if ((xmlnode_is(u, "article") || xmlnode_is(u, "annex")) && xmlnode_attr(u, "id")) {
				if (node_list_push(units, u) != 0)
					return -1;
				xmlHashAddEntry(unit_ix, (const xmlChar *)xmlnode_attr(u, "id"),
				                (void *)(uintptr_t)units->n);
			}
		}
	}
	for (xmlNodePtr cur = root; cur;) {
		const char *ref = xmlnode_is(cur, "term") ? xmlnode_attr(cur, "ref") : NULL;
		int added;
		if (ref && strtab_intern(&m->terms, &m->a, ref, strlen(ref), &added) == NONE)
			return -1;
		cur = graph_walk_next(root, cur, !ref && !xmlnode_is(cur, "edges"));
	}
	/* passages: the unit itself when it has leading text, then each id'd child */
	m->unit_pass0 = malloc((units->n + 1) * sizeof *m->unit_pass0);
	if (!m->unit_pass0)
		return -1;
	for (size_t j = 0; j < units->n; j++) {
		m->unit_pass0[j] = (uint32_t)pass->n;
		for (xmlNodePtr c = units->v[j]->children; c; c = c->next)
			if (xmlnode_is(c, "text")) {
				if (node_list_push(pass, units->v[j]) != 0)
					return -1;
				break;
			}
		for (xmlNodePtr c = units->v[j]->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE && !xmlnode_is(c, "text") && xmlnode_attr(c, "id"))
				if (node_list_push(pass, c) != 0)
					return -1;
	}
	m->unit_pass0[units->n] = (uint32_t)pass->n;
	return 0;
}

/* A definition point inside el (or el itself) counts its own term. */
static void add_defined_terms(collector *c, xmlNodePtr el)
{
	const char *id = xmlnode_attr(el, "id");
	uint32_t t = id ? strtab_lookup(&c->m->terms, id, strlen(id)) : NONE;
	if (t != NONE) {
		add_term(c, t);
		if (!c->m->term_name[t])
			c->m->term_name[t] = definition_name(c->m, el);
	}
	for (xmlNodePtr ch = el->children; ch; ch = ch->next)
		if (ch->type == XML_ELEMENT_NODE && !xmlnode_is(ch, "text"))
			add_defined_terms(c, ch);
}

/* A document done: the title words (rep times each; none when title is NULL) added to
 * words, then words and terms taken as doc's vectors (the bags emptied). */
static void take_doc(collector *c, bag *words, bag *terms, const u32s *title, unsigned rep,
                     sdoc *doc)
{
	for (size_t k = 0; title && k < title->n; k++)
		if (bag_add(words, title->v[k], rep) != 0)
			c->oom = 1;
	if (bag_take(words, &doc->words, &c->m->a) != 0 || bag_take(terms, &doc->terms, &c->m->a) != 0)
		c->oom = 1;
}

static void build_recitals(collector *c)
{
	suggest_model *m = c->m;
	c->want_cite_ids = 1;
	for (size_t i = 0; i < m->nrec && !c->oom; i++) {
		c->nrc = 0;
		collect_texts(c, m->rec_el[i]);
		take_doc(c, &c->words, &c->terms, NULL, 0, &m->rec[i]);
		if (c->nrc) {
			m->rec_cites[i] = malloc(c->nrc * sizeof **m->rec_cites);
			if (!m->rec_cites[i]) {
				c->oom = 1;
				break;
			}
			memcpy(m->rec_cites[i], c->rc, c->nrc * sizeof **m->rec_cites);
			m->rec_ncites[i] = c->nrc;
		}
	}
	c->want_cite_ids = 0;
	c->cites.n = 0;
}

static void build_units(collector *c, const node_list *pass)
{
	suggest_model *m = c->m;
	u32s title = {NULL, 0, 0};
	unsigned rep = m->p.title_repeat; /* 0: titles are not read */
	for (size_t j = 0; j < m->nunit && !c->oom; j++) {
		xmlNodePtr u = m->unit_el[j];
		const char *t = xmlnode_attr(u, "title");
		title.n = 0;
		c->cites.n = 0;
		if (t && rep) {
			c->sink = &title;
			feed(c, t);
			if (c->toklen)
				flush_token(c);
			c->sink = NULL;
		}
		c->in_unit = 1;
		for (uint32_t p = m->unit_pass0[j]; p < m->unit_pass0[j + 1]; p++) {
			xmlNodePtr el = pass->v[p];
			if (el == u) {
				for (xmlNodePtr x = u->children; x; x = x->next) /* its leading text */
					if (xmlnode_is(x, "text"))
						collect_texts(c, x);
			} else {
				collect_texts(c, el);
				add_defined_terms(c, el);
			}
			take_doc(c, &c->words, &c->terms, &title, rep, &m->pass[p]);
		}
		c->in_unit = 0;
		take_doc(c, &c->uwords, &c->uterms, &title, rep, &m->unit[j]);
		/* the other units this one cites */
		if (c->cites.n) {
			size_t n = 0;
			uint32_t *v = malloc(c->cites.n * sizeof *v);
			if (!v) {
				c->oom = 1;
				break;
			}
			sort_u32(c->cites.v, c->cites.n);
			for (size_t k = 0; k < c->cites.n; k++)
				if (c->cites.v[k] != j && (!n || v[n - 1] != c->cites.v[k]))
					v[n++] = c->cites.v[k];
			m->unit_cites[j] = v;
			m->unit_ncites[j] = n;
		}
	}
	free(title.v);
}

int suggest_docs_build(suggest_model *m, const suggest_words *w, const node_list *pass,
                       xmlHashTablePtr unit_ix)
{
	collector c;
	int rc;
	memset(&c, 0, sizeof c);
	c.m = m;
	c.w = w;
	c.unit_ix = unit_ix;
	m->term_name = calloc(m->terms.n + 1, sizeof *m->term_name);
	if (!m->term_name)
		return -1;
	build_recitals(&c);
	if (!c.oom)
		build_units(&c, pass);
	rc = c.oom ? -1 : 0;
	bag_free(&c.words);
	bag_free(&c.terms);
	bag_free(&c.uwords);
	bag_free(&c.uterms);
	free(c.cites.v);
	free(c.rc);
	return rc;
}
