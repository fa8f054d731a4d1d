/*
 * suggest.c - computed recital ↔ article/annex relations (suggest.h, doc/graph.md).
 *
 * Documents: every recital (all its text), every passage of an article or annex (each
 * top-level para, point, sub or section with everything inside it, plus the unit's own
 * leading text) and every whole unit. A unit's title words are added to its passages
 * and to the whole unit. Each document has two sparse vectors (ids in order of first
 * use):
 *   words  (1 + ln tf) × ln(N / df), N and df over recitals and passages, L2-normalised;
 *   terms  the same over defined-term ids (<term ref>); the passage holding a
 *          definition counts its own term once.
 * Inverted indexes (CSR) of the passage and whole-unit vectors give, for one recital,
 * every dot product in one pass over its postings: recitals × postings, no pairwise
 * loop over vocabularies.
 *
 *   S0(r,u) = w_cite·[r cites inside u]
 *           + w_term·(α·max_p cos_t(r,p) + (1−α)·cos_t(r,u))
 *           + w_lex ·(α·max_p cos_w(r,p) + (1−α)·cos_w(r,u))
 *   S(r,u)  = S0(r,u) + w_via·max { S0(r,v) : u cites v, v ≠ u }
 *
 * S is kept in thousandths (what the graph prints) so that ranking and printing agree;
 * ties go to document order. Only the pairs a recital reaches (a shared word or term,
 * a citation, a via link) are stored, recital by recital; every other pair scores 0.
 * A recital whose words have more postings than suggest_params.budget (never in the
 * embedded regulations, whose scores are exact) reads a bounded share of them and
 * scores at most max_units units: without that, a regulation K times larger costs K²
 * (every common word's postings grow with it, and so does what every recital reaches). The scorer (suggest_compute) never reads <edges>; the
 * emitter reads the relates-to edges only to leave their pairs out. The evidence of
 * the emitted pairs is computed unit by unit, against the unit's vectors scattered
 * into dense arrays.
 */
#include "link/suggest.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/hash.h>

#include "graph/graph.h"
#include "util/fsio.h"

#define WORD_MAX 64     /* bytes of a token kept (longer ones are cut) */
#define NONE ((uint32_t)-1)

void suggest_params_default(suggest_params *p)
{
	/* tuned on the AI Act's 83 sourced pairs (README, "Computed relations") */
	p->w_cite = 0.3;
	p->w_term = 0.1;
	p->w_lex = 0.9;
	p->alpha = 0.7;
	p->w_via = 0.2;
	p->title_repeat = 2;
	p->quoted = 0;
	p->k_recital = 5;
	p->k_unit = 5;
	p->min_score = 50;
	p->max_words = 4;
	p->max_terms = 3;
	p->max_cites = 3;
	/* above what any recital of both embedded regulations reads (5,008 postings of
	 * the AI Act's): their scores are exact; only a regulation larger than they are
	 * is cut */
	p->budget = 6144;
	p->max_units = 128;
}

/* ---- an arena of strings and a string → id table ---------------------------------- */

typedef struct arena_block {
	struct arena_block *next;
	size_t used, cap;
	_Alignas(8) char data[];
} arena_block;

typedef struct arena {
	arena_block *head;
} arena;

/* size bytes, 8-aligned, that live as long as the arena. */
static void *arena_alloc(arena *a, size_t size)
{
	arena_block *b = a->head;
	void *p;
	size = (size + 7) & ~(size_t)7;
	if (!b || b->cap - b->used < size) {
		size_t cap = size > 65536 ? size : 65536;
		b = malloc(sizeof *b + cap);
		if (!b)
			return NULL;
		b->next = a->head;
		b->used = 0;
		b->cap = cap;
		a->head = b;
	}
	p = b->data + b->used;
	b->used += size;
	return p;
}

static char *arena_strndup(arena *a, const char *s, size_t len)
{
	char *p = arena_alloc(a, len + 1);
	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

static void arena_free(arena *a)
{
	while (a->head) {
		arena_block *n = a->head->next;
		free(a->head);
		a->head = n;
	}
}

typedef struct slot {
	uint32_t id1;  /* id + 1; 0 = empty */
	uint32_t hash;
} slot;

typedef struct strtab {
	slot *slots;
	size_t cap;      /* power of two */
	char **keys;
	uint32_t *lens;
	size_t n, keycap;
} strtab;

/* 8 bytes at a time (tokens are short); the hash only orders probes, never ids. */
static uint32_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 0x9E3779B97F4A7C15u ^ len, w;
	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDu;
		h ^= h >> 32;
	}
	w = 0;
	for (size_t k = 0; k < len; k++)
		w |= (uint64_t)(unsigned char)s[k] << (8 * k);
	h = (h ^ w) * 0xC4CEB9FE1A85EC53u;
	h ^= h >> 29;
	return (uint32_t)(h ^ (h >> 32));
}

static void strtab_free(strtab *t)
{
	free(t->slots);
	free(t->keys);
	free(t->lens);
	memset(t, 0, sizeof *t);
}

/* memcmp(a, b, n) == 0 for short strings, without the call */
static int same_bytes(const char *a, const char *b, size_t n)
{
	uint64_t x, y;
	for (; n >= 8; a += 8, b += 8, n -= 8) {
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y)
			return 0;
	}
	for (; n; n--)
		if (*a++ != *b++)
			return 0;
	return 1;
}

static uint32_t lookup_h(const strtab *t, const char *s, size_t len, uint32_t h)
{
	if (!t->cap)
		return NONE;
	for (size_t i = h & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
		const slot *sl = &t->slots[i];
		if (!sl->id1)
			return NONE;
		if (sl->hash == h && t->lens[sl->id1 - 1] == len && same_bytes(t->keys[sl->id1 - 1], s, len))
			return sl->id1 - 1;
	}
}

static uint32_t strtab_lookup(const strtab *t, const char *s, size_t len)
{
	return lookup_h(t, s, len, hash_bytes(s, len));
}

static int strtab_grow(strtab *t)
{
	size_t ncap = t->cap ? t->cap * 2 : 4096;
	slot *ns = calloc(ncap, sizeof *ns);
	if (!ns)
		return -1;
	for (size_t k = 0; k < t->cap; k++)
		if (t->slots[k].id1) {
			size_t i = t->slots[k].hash & (ncap - 1);
			while (ns[i].id1)
				i = (i + 1) & (ncap - 1);
			ns[i] = t->slots[k];
		}
	free(t->slots);
	t->slots = ns;
	t->cap = ncap;
	return 0;
}

/* The id of s (added, its key copied into a, when new); NONE when out of memory. */
static uint32_t strtab_intern(strtab *t, arena *a, const char *s, size_t len, int *added)
{
	uint32_t h = hash_bytes(s, len), id = lookup_h(t, s, len, h);
	size_t i;
	*added = 0;
	if (id != NONE)
		return id;
	if ((t->n + 1) * 2 > t->cap && strtab_grow(t) != 0)
		return NONE;
	if (t->n == t->keycap) {
		size_t nk = t->keycap ? t->keycap * 2 : 2048;
		char **keys = realloc(t->keys, nk * sizeof *keys);
		uint32_t *lens;
		if (!keys)
			return NONE;
		t->keys = keys;
		lens = realloc(t->lens, nk * sizeof *lens);
		if (!lens)
			return NONE;
		t->lens = lens;
		t->keycap = nk;
	}
	if (!(t->keys[t->n] = arena_strndup(a, s, len)))
		return NONE;
	t->lens[t->n] = (uint32_t)len;
	for (i = h & (t->cap - 1); t->slots[i].id1; i = (i + 1) & (t->cap - 1))
		;
	t->slots[i].id1 = (uint32_t)t->n + 1;
	t->slots[i].hash = h;
	*added = 1;
	return (uint32_t)t->n++;
}

/* ---- stop words and suffix rules -------------------------------------------------- */

typedef struct suffix_rule {
	char *suffix, *replacement;
	size_t slen, rlen;
} suffix_rule;

struct suggest_words {
	arena a;
	strtab stop;
	suffix_rule *rules;
	size_t nrules, caprules;
	unsigned min_length; /* shorter tokens are dropped */
	unsigned min_stem;   /* a suffix rule applies only when this much stem is left */
};

suggest_words *suggest_words_new(void)
{
	suggest_words *w = calloc(1, sizeof *w);
	if (w) {
		w->min_length = 3;
		w->min_stem = 4;
	}
	return w;
}

void suggest_words_free(suggest_words *w)
{
	if (!w)
		return;
	strtab_free(&w->stop);
	free(w->rules);
	arena_free(&w->a);
	free(w);
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* One line of the file: "word", "-suffix [replacement]", "@min-length N",
 * "@min-stem N", "# comment" or blank. */
static int words_line(suggest_words *w, const char *s, size_t len, const char *name,
                      unsigned long line, diag *d)
{
	const char *end = s + len, *tok2;
	size_t l1;
	while (s < end && is_space(*s))
		s++;
	while (end > s && is_space(end[-1]))
		end--;
	if (s == end || *s == '#')
		return 0;
	for (l1 = 0; s + l1 < end && !is_space(s[l1]); l1++)
		;
	tok2 = s + l1;
	while (tok2 < end && is_space(*tok2))
		tok2++;
	for (size_t i = 0; i < (size_t)(end - s); i++)
		if ((s[i] >= 'A' && s[i] <= 'Z') || s[i] == '\t') {
			diag_error(d, name, line, "upper case or tab in a word list: write words in lower case");
			return -1;
		}
	if (*s == '@') {
		char *e;
		unsigned long v = strtoul(tok2, &e, 10);
		if (tok2 == end || e != end || v == 0 || v >= WORD_MAX) {
			diag_error(d, name, line, "'%.*s' needs a number from 1 to %d", (int)l1, s, WORD_MAX - 1);
			return -1;
		}
		if (l1 == 11 && !memcmp(s, "@min-length", 11))
			w->min_length = (unsigned)v;
		else if (l1 == 9 && !memcmp(s, "@min-stem", 9))
			w->min_stem = (unsigned)v;
		else {
			diag_error(d, name, line, "unknown setting '%.*s' (@min-length, @min-stem)", (int)l1, s);
			return -1;
		}
		return 0;
	}
	if (*s == '-') {
		suffix_rule *r;
		size_t rl = (size_t)(end - tok2);
		if (l1 < 2 || l1 >= WORD_MAX || rl >= WORD_MAX || memchr(tok2, ' ', rl)) {
			diag_error(d, name, line, "a suffix rule is '-SUFFIX' or '-SUFFIX REPLACEMENT'");
			return -1;
		}
		if (w->nrules == w->caprules) {
			size_t nc = w->caprules ? w->caprules * 2 : 16;
			suffix_rule *nr = realloc(w->rules, nc * sizeof *nr);
			if (!nr)
				return -1;
			w->rules = nr;
			w->caprules = nc;
		}
		r = &w->rules[w->nrules];
		r->suffix = arena_strndup(&w->a, s + 1, l1 - 1);
		r->replacement = arena_strndup(&w->a, tok2, rl);
		if (!r->suffix || !r->replacement)
			return -1;
		r->slen = l1 - 1;
		r->rlen = rl;
		w->nrules++;
		return 0;
	}
	if (tok2 != end || l1 >= WORD_MAX) {
		diag_error(d, name, line, "one stop word per line");
		return -1;
	}
	{
		int added;
		return strtab_intern(&w->stop, &w->a, s, l1, &added) == NONE ? -1 : 0;
	}
}

int suggest_words_parse(suggest_words *w, const char *text, size_t len, const char *name,
                        diag *d)
{
	unsigned long line = 1;
	int rc = 0;
	for (size_t at = 0; at < len; line++) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t l = nl ? (size_t)(nl - (text + at)) : len - at;
		if (words_line(w, text + at, l, name, line, d) != 0)
			rc = -1;
		at += l + 1;
	}
	return rc;
}

int suggest_words_load(suggest_words *w, const char *path, int optional, diag *d)
{
	char *text;
	size_t len;
	int rc;
	if (optional && access(path, F_OK) != 0 && errno == ENOENT)
		return 1;
	if (fsio_read_text(path, 1u << 20, &text, &len, d) != 0)
		return -1;
	rc = suggest_words_parse(w, text, len, path, d);
	free(text);
	return rc;
}

static int all_digits(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* tok is lower case already. */
static size_t stem_lower(const suggest_words *w, const char *tok, size_t len, char *out,
                         size_t outsz)
{
	if (len < w->min_length || all_digits(tok, len) || strtab_lookup(&w->stop, tok, len) != NONE)
		return 0;
	for (size_t k = 0; k < w->nrules; k++) {
		const suffix_rule *r = &w->rules[k];
		if (r->slen <= len && len - r->slen >= w->min_stem &&
		    !memcmp(tok + len - r->slen, r->suffix, r->slen) &&
		    len - r->slen + r->rlen < outsz) {
			memcpy(out, tok, len - r->slen);
			memcpy(out + len - r->slen, r->replacement, r->rlen);
			out[len - r->slen + r->rlen] = '\0';
			return len - r->slen + r->rlen;
		}
	}
	if (len >= outsz)
		len = outsz - 1;
	memcpy(out, tok, len);
	out[len] = '\0';
	return len;
}

int suggest_words_stem(const suggest_words *w, const char *tok, size_t len, char *out,
                       size_t outsz)
{
	char low[WORD_MAX];
	if (!outsz)
		return 0;
	if (len >= sizeof low)
		len = sizeof low - 1;
	for (size_t i = 0; i < len; i++)
		low[i] = (tok[i] >= 'A' && tok[i] <= 'Z') ? (char)(tok[i] - 'A' + 'a') : tok[i];
	return stem_lower(w, low, len, out, outsz) > 0;
}

/* ---- documents -------------------------------------------------------------------- */


typedef struct svec {
	uint32_t *id; /* in order of first use */
	float *w;     /* tf while building, then the normalised weight */
	uint32_t n;
} svec;

typedef struct sdoc {
	svec words, terms;
} sdoc;

typedef struct cited {
	const char *id; /* the cited id (in the model's arena) */
	uint32_t unit;  /* unit index it falls in */
} cited;

/* Growable arrays of 32- and 64-bit numbers: NAME, and NAME_push (-1: no memory). */
#define DEFINE_VEC(name, T)                                                                   \
	typedef struct name {                                                                     \
		T *v;                                                                                 \
		size_t n, cap;                                                                        \
	} name;                                                                                   \
	static int name##_push(name *a, T x)                                                      \
	{                                                                                         \
		if (a->n == a->cap) {                                                                 \
			size_t nc = a->cap ? a->cap * 2 : 256;                                            \
			T *nv = realloc(a->v, nc * sizeof *nv);                                           \
			if (!nv)                                                                          \
				return -1;                                                                    \
			a->v = nv;                                                                        \
			a->cap = nc;                                                                      \
		}                                                                                     \
		a->v[a->n++] = x;                                                                     \
		return 0;                                                                             \
	}

DEFINE_VEC(u32s, uint32_t)
DEFINE_VEC(u64s, uint64_t)

/* Sort v[0..n) ascending: quicksort (median of three, the smaller side first so the
 * stack stays logarithmic) down to insertion sort; qsort's indirect calls cost more
 * than the sorting here. One body for 32- and 64-bit keys. */
#define DEFINE_SORT(name, T)                                                                  \
	static void name(T *v, size_t n)                                                          \
	{                                                                                         \
		while (n > 16) {                                                                      \
			T a = v[0], b = v[n / 2], c = v[n - 1];                                           \
			T pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));  \
			size_t i = 0, j = n - 1;                                                          \
			for (;;) {                                                                        \
				while (v[i] < pivot)                                                          \
					i++;                                                                      \
				while (v[j] > pivot)                                                          \
					j--;                                                                      \
				if (i >= j)                                                                   \
					break;                                                                    \
				{                                                                             \
					T t = v[i];                                                               \
					v[i] = v[j];                                                              \
					v[j] = t;                                                                 \
				}                                                                             \
				i++;                                                                          \
				j--;                                                                          \
			}                                                                                 \
			/* [0, j] <= pivot <= [j + 1, n) */                                               \
			if (j + 1 < n - j - 1) {                                                          \
				name(v, j + 1);                                                               \
				v += j + 1;                                                                   \
				n -= j + 1;                                                                   \
			} else {                                                                          \
				name(v + j + 1, n - j - 1);                                                   \
				n = j + 1;                                                                    \
			}                                                                                 \
		}                                                                                     \
		for (size_t i = 1; i < n; i++) {                                                      \
			T x = v[i];                                                                       \
			size_t k = i;                                                                     \
			for (; k > 0 && v[k - 1] > x; k--)                                                \
				v[k] = v[k - 1];                                                              \
			v[k] = x;                                                                         \
		}                                                                                     \
	}

DEFINE_SORT(sort_u32, uint32_t)
DEFINE_SORT(sort_u64, uint64_t)

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

/* Compressed rows: postings of id k are [start[k], start[k+1]). A row that a budget
 * cut (accumulate) is sorted heaviest first, once (by_weight[k]). */
typedef struct csr {
	uint32_t *start;
	uint32_t *doc;
	float *w;
	unsigned char *by_weight;
} csr;

struct suggest_model {
	suggest_params p;
	arena a;                   /* strings and vectors */
	strtab words, terms;
	strtab raw;                /* a token as written (lower case) → raw_word */
	uint32_t *raw_word;        /* its word id, or NONE (stop word, too short) */
	size_t nraw_word;
	const char **surface;      /* per word id: its first spelling in the text */
	size_t nsurface;
	const char **term_name;    /* per term id: the defined term ("AI system") */
	size_t nrec, nunit, npass;
	xmlNodePtr *rec_el, *unit_el;
	const char **rec_id, **unit_id;
	sdoc *rec, *unit, *pass;
	uint32_t *unit_pass0;      /* passages of unit j: [unit_pass0[j], unit_pass0[j+1]) */
	cited **rec_cites;         /* per recital, the ids it cites (in units) */
	size_t *rec_ncites;
	uint32_t **unit_cites;     /* per unit, the other units it cites (sorted, distinct) */
	size_t *unit_ncites;
	/* The scores, sparse: a recital's row holds the units its postings, citations or
	 * via links reach (by unit index); every other pair scores 0. A dense nrec × nunit
	 * matrix grows with the square of the regulation. */
	uint32_t *row_unit;        /* rows of recital i: [row0[i], row0[i + 1]), by unit */
	unsigned *row_score;       /* thousandths */
	double *row_s0;            /* before propagation (evidence: via) */
	size_t *row0;
	size_t nrows, caprows;
	uint32_t *col_rec;         /* unit j's nonzero scores: [col0[j], col0[j + 1]), by recital */
	unsigned *col_score;
	size_t *col0;
};

static int is_el(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->name[0] == (unsigned char)name[0] &&
	       !strcmp((const char *)n->name, name);
}

static const char *attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (!a->ns && a->name[0] == (unsigned char)name[0] &&
		    !strcmp((const char *)a->name, name) && a->children &&
		    a->children->type == XML_TEXT_NODE)
			return (const char *)a->children->content;
	return NULL;
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
	if ((sl = stem_lower(c->w, tok, len, stem, sizeof stem)) != 0) {
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
		if (is_el(n, "term")) {
			const char *ref = attr(n, "ref");
			uint32_t id = ref ? strtab_lookup(&c->m->terms, ref, strlen(ref)) : NONE;
			if (id != NONE)
				add_term(c, id);
		} else if (is_el(n, "cite")) {
			add_cites(c, attr(n, "to"));
		}
		if (depth < 16)
			collect_inline(c, n->children, depth + 1);
	}
}

/* Every <text> in the subtree of n (n included), in document order. */
static void collect_texts(collector *c, xmlNodePtr n)
{
	for (xmlNodePtr cur = n; cur; cur = graph_walk_next(n, cur, !is_el(cur, "text"))) {
		if (!is_el(cur, "text"))
			continue;
		if (c->m->p.quoted || !attr(cur, "quoted"))
			collect_inline(c, cur->children, 0);
		if (c->toklen)
			flush_token(c);
	}
}

static void weigh(svec *v, const double *idf)
{
	double norm = 0;
	for (uint32_t k = 0; k < v->n; k++) {
		double x = (1 + log(v->w[k])) * idf[v->id[k]];
		v->w[k] = (float)x;
		norm += x * x;
	}
	norm = sqrt(norm);
	for (uint32_t k = 0; k < v->n; k++)
		v->w[k] = norm > 0 ? (float)(v->w[k] / norm) : 0;
}

static void count_df(const svec *v, uint32_t *df)
{
	for (uint32_t k = 0; k < v->n; k++)
		df[v->id[k]]++;
}

static int build_csr(csr *c, const sdoc *docs, size_t ndocs, size_t nids, int terms)
{
	size_t total = 0;
	memset(c, 0, sizeof *c);
	c->start = calloc(nids + 2, sizeof *c->start);
	c->by_weight = calloc(nids + 1, 1);
	if (!c->start || !c->by_weight)
		return -1;
	for (size_t d = 0; d < ndocs; d++) {
		const svec *v = terms ? &docs[d].terms : &docs[d].words;
		for (uint32_t k = 0; k < v->n; k++)
			c->start[v->id[k] + 2]++;
		total += v->n;
	}
	for (size_t k = 2; k < nids + 2; k++)
		c->start[k] += c->start[k - 1];
	c->doc = malloc((total ? total : 1) * sizeof *c->doc);
	c->w = malloc((total ? total : 1) * sizeof *c->w);
	if (!c->doc || !c->w)
		return -1;
	/* start[k + 1] is the fill cursor of id k; once filled, start[k] begins row k */
	for (size_t d = 0; d < ndocs; d++) {
		const svec *v = terms ? &docs[d].terms : &docs[d].words;
		for (uint32_t k = 0; k < v->n; k++) {
			uint32_t at = c->start[v->id[k] + 1]++;
			c->doc[at] = (uint32_t)d;
			c->w[at] = v->w[k];
		}
	}
	return 0;
}

static void csr_free(csr *c)
{
	free(c->start);
	free(c->doc);
	free(c->w);
	free(c->by_weight);
}

/* The documents one recital reaches: stamp[d] == cur marks d as touched in this
 * recital (its accumulators valid), so nothing is cleared between recitals. */
typedef struct reach {
	uint32_t *stamp;
	double *acc[2];  /* words, terms */
	u32s touched;
} reach;

/* Row id heaviest first (equal weights: document order), once. Weights are never
 * negative, so their bits order as unsigned integers. */
static int sort_row(csr *c, uint32_t id, u64s *keys)
{
	uint32_t from = c->start[id], n = c->start[id + 1] - from;
	if (c->by_weight[id])
		return 0;
	keys->n = 0;
	for (uint32_t x = 0; x < n; x++) {
		uint32_t bits;
		memcpy(&bits, &c->w[from + x], sizeof bits);
		if (u64s_push(keys, (uint64_t)(UINT32_MAX - bits) << 32 | c->doc[from + x]) != 0)
			return -1;
	}
	sort_u64(keys->v, n);
	for (uint32_t x = 0; x < n; x++) {
		uint32_t bits = UINT32_MAX - (uint32_t)(keys->v[x] >> 32);
		memcpy(&c->w[from + x], &bits, sizeof bits);
		c->doc[from + x] = (uint32_t)keys->v[x];
	}
	c->by_weight[id] = 1;
	return 0;
}

static uint32_t row_len(const csr *c, uint32_t id)
{
	return c->start[id + 1] - c->start[id];
}

/* Every posting of q's ids, in the order of q (the sums are those of a dense pass). */
static void accumulate(const csr *c, const svec *q, reach *r, int which, uint32_t cur, int *oom)
{
	double *acc = r->acc[which];
	for (uint32_t k = 0; k < q->n; k++) {
		uint32_t id = q->id[k];
		double w = q->w[k];
		for (uint32_t at = c->start[id]; at < c->start[id + 1]; at++) {
			uint32_t d = c->doc[at];
			if (r->stamp[d] != cur) {
				r->stamp[d] = cur;
				r->acc[0][d] = r->acc[1][d] = 0;
				if (u32s_push(&r->touched, d) != 0)
					*oom = 1;
			}
			acc[d] += w * c->w[at];
		}
	}
}

/* As accumulate, into documents all marked as reached already (dense). */
static void accumulate_dense(const csr *c, const svec *q, double *acc)
{
	for (uint32_t k = 0; k < q->n; k++) {
		uint32_t id = q->id[k];
		double w = q->w[k];
		for (uint32_t at = c->start[id]; at < c->start[id + 1]; at++)
			acc[c->doc[at]] += w * c->w[at];
	}
}

/* Every document of r marked as reached by recital cur, its sums 0. */
static void reach_every(reach *r, size_t n, uint32_t cur, int *oom)
{
	r->touched.n = 0;
	for (size_t d = 0; d < n; d++) {
		r->stamp[d] = cur;
		r->acc[0][d] = r->acc[1][d] = 0;
		if (u32s_push(&r->touched, (uint32_t)d) != 0)
			*oom = 1;
	}
}

static size_t postings_of(const csr *c, const svec *q)
{
	size_t n = 0;
	for (uint32_t k = 0; k < q->n; k++)
		n += row_len(c, q->id[k]);
	return n;
}

static double reached(const reach *r, int which, uint32_t d, uint32_t cur)
{
	return r->stamp[d] == cur ? r->acc[which][d] : 0;
}

/* ---- the walk --------------------------------------------------------------------- */

/* The defined term of a definition point: the first ‘…’ of its text, else NULL. */
static const char *definition_name(suggest_model *m, xmlNodePtr def)
{
	for (xmlNodePtr t = def->children; t; t = t->next)
		if (is_el(t, "text")) {
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

typedef struct node_list {
	xmlNodePtr *v;
	size_t n, cap;
} node_list;

static int list_push(node_list *l, xmlNodePtr n)
{
	if (l->n == l->cap) {
		size_t nc = l->cap ? l->cap * 2 : 256;
		xmlNodePtr *nv = realloc(l->v, nc * sizeof *nv);
		if (!nv)
			return -1;
		l->v = nv;
		l->cap = nc;
	}
	l->v[l->n++] = n;
	return 0;
}

/* The units, the passages, and the defined terms that are used (in document order). */
static int first_pass(suggest_model *m, xmlNodePtr root, node_list *recs, node_list *units,
                      node_list *pass, xmlHashTablePtr unit_ix)
{
	for (xmlNodePtr g = root->children; g; g = g->next) {
		if (g->type != XML_ELEMENT_NODE || is_el(g, "edges") || is_el(g, "contents"))
			continue;
		for (xmlNodePtr u = g->children; u; u = u->next) {
			if (is_el(u, "recital") && attr(u, "id")) {
				if (list_push(recs, u) != 0)
					return -1;
			} else if ((is_el(u, "article") || is_el(u, "annex")) && attr(u, "id")) {
				if (list_push(units, u) != 0)
					return -1;
				xmlHashAddEntry(unit_ix, (const xmlChar *)attr(u, "id"),
				                (void *)(uintptr_t)units->n);
			}
		}
	}
	for (xmlNodePtr cur = root; cur;) {
		const char *ref = is_el(cur, "term") ? attr(cur, "ref") : NULL;
		int added;
		if (ref && strtab_intern(&m->terms, &m->a, ref, strlen(ref), &added) == NONE)
			return -1;
		cur = graph_walk_next(root, cur, !ref && !is_el(cur, "edges"));
	}
	/* passages: the unit itself when it has leading text, then each id'd child */
	m->unit_pass0 = malloc((units->n + 1) * sizeof *m->unit_pass0);
	if (!m->unit_pass0)
		return -1;
	for (size_t j = 0; j < units->n; j++) {
		m->unit_pass0[j] = (uint32_t)pass->n;
		for (xmlNodePtr c = units->v[j]->children; c; c = c->next)
			if (is_el(c, "text")) {
				if (list_push(pass, units->v[j]) != 0)
					return -1;
				break;
			}
		for (xmlNodePtr c = units->v[j]->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE && !is_el(c, "text") && attr(c, "id"))
				if (list_push(pass, c) != 0)
					return -1;
	}
	m->unit_pass0[units->n] = (uint32_t)pass->n;
	return 0;
}

/* A definition point inside el (or el itself) counts its own term. */
static void add_defined_terms(collector *c, xmlNodePtr el)
{
	const char *id = attr(el, "id");
	uint32_t t = id ? strtab_lookup(&c->m->terms, id, strlen(id)) : NONE;
	if (t != NONE) {
		add_term(c, t);
		if (!c->m->term_name[t])
			c->m->term_name[t] = definition_name(c->m, el);
	}
	for (xmlNodePtr ch = el->children; ch; ch = ch->next)
		if (ch->type == XML_ELEMENT_NODE && !is_el(ch, "text"))
			add_defined_terms(c, ch);
}

static void build_recitals(collector *c)
{
	suggest_model *m = c->m;
	c->want_cite_ids = 1;
	for (size_t i = 0; i < m->nrec && !c->oom; i++) {
		c->nrc = 0;
		collect_texts(c, m->rec_el[i]);
		if (bag_take(&c->words, &m->rec[i].words, &m->a) != 0 ||
		    bag_take(&c->terms, &m->rec[i].terms, &m->a) != 0)
			c->oom = 1;
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
		const char *t = attr(u, "title");
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
					if (is_el(x, "text"))
						collect_texts(c, x);
			} else {
				collect_texts(c, el);
				add_defined_terms(c, el);
			}
			for (size_t k = 0; k < title.n; k++)
				if (bag_add(&c->words, title.v[k], rep) != 0)
					c->oom = 1;
			if (bag_take(&c->words, &m->pass[p].words, &m->a) != 0 ||
			    bag_take(&c->terms, &m->pass[p].terms, &m->a) != 0)
				c->oom = 1;
		}
		c->in_unit = 0;
		for (size_t k = 0; k < title.n; k++)
			if (bag_add(&c->uwords, title.v[k], rep) != 0)
				c->oom = 1;
		if (bag_take(&c->uwords, &m->unit[j].words, &m->a) != 0 ||
		    bag_take(&c->uterms, &m->unit[j].terms, &m->a) != 0)
			c->oom = 1;
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

static int build_docs(suggest_model *m, const suggest_words *w, const node_list *pass,
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

/* ---- scoring ---------------------------------------------------------------------- */

/* Append a pair to the rows being built. */
static int push_scored(suggest_model *m, uint32_t j, unsigned score, double s0)
{
	if (m->nrows == m->caprows) {
		size_t nc = m->caprows ? m->caprows * 2 : 4096;
		uint32_t *nu = realloc(m->row_unit, nc * sizeof *nu);
		unsigned *ns = nu ? realloc(m->row_score, nc * sizeof *ns) : NULL;
		double *n0 = ns ? realloc(m->row_s0, nc * sizeof *n0) : NULL;
		if (nu)
			m->row_unit = nu;
		if (ns)
			m->row_score = ns;
		if (!n0)
			return -1;
		m->row_s0 = n0;
		m->caprows = nc;
	}
	m->row_unit[m->nrows] = j;
	m->row_score[m->nrows] = score;
	m->row_s0[m->nrows++] = s0;
	return 0;
}

/* The units that cite each unit (unit_cites reversed): the units whose via term a
 * recital's reached units can raise. by[start[v] .. start[v + 1]). */
static int cited_by(const suggest_model *m, uint32_t **start, uint32_t **by)
{
	size_t total = 0;
	*start = calloc(m->nunit + 2, sizeof **start);
	for (size_t j = 0; *start && j < m->nunit; j++) {
		for (size_t k = 0; k < m->unit_ncites[j]; k++)
			(*start)[m->unit_cites[j][k] + 2]++;
		total += m->unit_ncites[j];
	}
	*by = malloc((total + 1) * sizeof **by);
	if (!*start || !*by)
		return -1;
	for (size_t v = 2; v < m->nunit + 2; v++)
		(*start)[v] += (*start)[v - 1];
	for (size_t j = 0; j < m->nunit; j++)
		for (size_t k = 0; k < m->unit_ncites[j]; k++)
			(*by)[(*start)[m->unit_cites[j][k] + 1]++] = (uint32_t)j;
	return 0;
}

/* The columns: each unit's nonzero scores, by recital (rank by unit). */
static int build_columns(suggest_model *m)
{
	size_t total = 0;
	m->col0 = calloc(m->nunit + 2, sizeof *m->col0);
	if (!m->col0)
		return -1;
	for (size_t x = 0; x < m->nrows; x++)
		if (m->row_score[x]) {
			m->col0[m->row_unit[x] + 2]++;
			total++;
		}
	for (size_t j = 2; j < m->nunit + 2; j++)
		m->col0[j] += m->col0[j - 1];
	m->col_rec = malloc((total + 1) * sizeof *m->col_rec);
	m->col_score = malloc((total + 1) * sizeof *m->col_score);
	if (!m->col_rec || !m->col_score)
		return -1;
	for (size_t i = 0; i < m->nrec; i++)
		for (size_t x = m->row0[i]; x < m->row0[i + 1]; x++)
			if (m->row_score[x]) {
				size_t at = m->col0[m->row_unit[x] + 1]++;
				m->col_rec[at] = (uint32_t)i;
				m->col_score[at] = m->row_score[x];
			}
	return 0;
}

/* What scoring one recital after another reuses. */
typedef struct scorer {
	csr pw, pt, uw, ut;    /* passages' and whole units' words and terms */
	reach rp, ru;          /* passages, units */
	double *s0;            /* per unit (valid where ru.stamp is the recital's) */
	unsigned char *mark;   /* units the recital cites */
	uint32_t *pass_unit;   /* passage → unit */
	uint32_t *by0, *by;    /* cited_by */
	u64s order;            /* a recital's ids, rarer first (rarer_first) */
	u64s keys;             /* sort_row */
} scorer;

static void add_candidate(reach *ru, uint32_t j, uint32_t cur, int *oom)
{
	if (ru->stamp[j] != cur) {
		ru->stamp[j] = cur;
		ru->acc[0][j] = ru->acc[1][j] = 0;
		if (u32s_push(&ru->touched, j) != 0)
			*oom = 1;
	}
}

/* s0 of every candidate unit (ru.touched) from what recital i reached. */
static void score_reached(suggest_model *m, scorer *sc, size_t i, uint32_t cur)
{
	for (size_t k = 0; k < m->rec_ncites[i]; k++)
		sc->mark[m->rec_cites[i][k].unit] = 1;
	for (size_t x = 0; x < sc->ru.touched.n; x++) {
		uint32_t j = sc->ru.touched.v[x];
		double bw = 0, bt = 0, lex, term;
		for (uint32_t p = m->unit_pass0[j]; p < m->unit_pass0[j + 1]; p++) {
			double a = reached(&sc->rp, 0, p, cur), b = reached(&sc->rp, 1, p, cur);
			if (a > bw)
				bw = a;
			if (b > bt)
				bt = b;
		}
		lex = m->p.alpha * bw + (1 - m->p.alpha) * sc->ru.acc[0][j];
		term = m->p.alpha * bt + (1 - m->p.alpha) * sc->ru.acc[1][j];
		sc->s0[j] = m->p.w_cite * sc->mark[j] + m->p.w_term * term + m->p.w_lex * lex;
	}
	for (size_t k = 0; k < m->rec_ncites[i]; k++)
		sc->mark[m->rec_cites[i][k].unit] = 0;
}

/* Recital i over its postings, every one: the scores a dense pass over all units
 * gives, for the units its words, terms and citations reach. */
static void reach_all(suggest_model *m, scorer *sc, size_t i, uint32_t cur, size_t postings, int *oom)
{
	if (postings >= m->npass + m->nunit) {
		/* it reaches most of a small regulation: every unit, without marking each
		 * document as it is reached (the same sums, in the same order) */
		reach_every(&sc->rp, m->npass, cur, oom);
		reach_every(&sc->ru, m->nunit, cur, oom);
		accumulate_dense(&sc->pw, &m->rec[i].words, sc->rp.acc[0]);
		accumulate_dense(&sc->pt, &m->rec[i].terms, sc->rp.acc[1]);
		accumulate_dense(&sc->uw, &m->rec[i].words, sc->ru.acc[0]);
		accumulate_dense(&sc->ut, &m->rec[i].terms, sc->ru.acc[1]);
		score_reached(m, sc, i, cur);
		return;
	}
	accumulate(&sc->pw, &m->rec[i].words, &sc->rp, 0, cur, oom);
	accumulate(&sc->pt, &m->rec[i].terms, &sc->rp, 1, cur, oom);
	accumulate(&sc->uw, &m->rec[i].words, &sc->ru, 0, cur, oom);
	accumulate(&sc->ut, &m->rec[i].terms, &sc->ru, 1, cur, oom);
	for (size_t k = 0; k < sc->rp.touched.n; k++)
		add_candidate(&sc->ru, sc->pass_unit[sc->rp.touched.v[k]], cur, oom);
	for (size_t k = 0; k < m->rec_ncites[i]; k++)
		add_candidate(&sc->ru, m->rec_cites[i][k].unit, cur, oom);
	score_reached(m, sc, i, cur);
}

/* The ids of q, rarer first (shorter rows of c; equal: q's order), into keys (the
 * low 32 bits of each: the index into q). */
static int rarer_first(const csr *c, const svec *q, u64s *keys)
{
	keys->n = 0;
	for (uint32_t k = 0; k < q->n; k++)
		if (u64s_push(keys, (uint64_t)row_len(c, q->id[k]) << 32 | k) != 0)
			return -1;
	sort_u64(keys->v, keys->n);
	return 0;
}

/* Up to budget postings of q's ids, rarer ids first and each id's heaviest postings
 * first, into the documents of r (unit_of: their units; NULL when r holds units). A
 * document counts when its unit is a candidate already, or (grow) becomes one while
 * there are fewer than max_units. */
static void accumulate_capped(suggest_model *m, scorer *sc, csr *c, const svec *q, size_t budget,
                              reach *r, int which, const uint32_t *unit_of, uint32_t cur,
                              int grow, int *oom)
{
	size_t read = 0;
	if (rarer_first(c, q, &sc->order) != 0) {
		*oom = 1;
		return;
	}
	for (uint32_t x = 0; x < q->n && read < budget; x++) {
		uint32_t k = (uint32_t)sc->order.v[x], id = q->id[k];
		double w = q->w[k];
		/* a row read in part: its heaviest postings */
		if (row_len(c, id) > budget - read && sort_row(c, id, &sc->keys) != 0)
			*oom = 1;
		for (uint32_t at = c->start[id]; at < c->start[id + 1] && read < budget; at++, read++) {
			uint32_t d = c->doc[at], j = unit_of ? unit_of[d] : d;
			if (r->stamp[d] != cur) {
				if (sc->ru.stamp[j] != cur) {
					if (!grow || sc->ru.touched.n >= m->p.max_units)
						continue;
					add_candidate(&sc->ru, j, cur, oom);
				}
				if (r != &sc->ru) {
					r->stamp[d] = cur;
					r->acc[0][d] = r->acc[1][d] = 0;
				}
			}
			r->acc[which][d] += w * c->w[at];
		}
	}
}

/* A recital whose words have more postings than the budget (a regulation larger than
 * the embedded ones): its scores count what it read, a third of the budget (about
 * what a recital of the embedded regulations reads in full), and only the max_units
 * units its rarer words reach first (and the ones it cites) are scored. */
static void reach_capped(suggest_model *m, scorer *sc, size_t i, uint32_t cur, int *oom)
{
	size_t b = m->p.budget / 3;
	accumulate_capped(m, sc, &sc->pw, &m->rec[i].words, b, &sc->rp, 0, sc->pass_unit, cur, 1, oom);
	for (size_t k = 0; k < m->rec_ncites[i]; k++)
		add_candidate(&sc->ru, m->rec_cites[i][k].unit, cur, oom);
	accumulate_capped(m, sc, &sc->pt, &m->rec[i].terms, b / 6, &sc->rp, 1, sc->pass_unit, cur, 0, oom);
	accumulate_capped(m, sc, &sc->uw, &m->rec[i].words, b / 2, &sc->ru, 0, NULL, cur, 0, oom);
	accumulate_capped(m, sc, &sc->ut, &m->rec[i].terms, b / 16, &sc->ru, 1, NULL, cur, 0, oom);
	score_reached(m, sc, i, cur);
}

/* Score recital i against the units it reaches; every other unit scores 0 (no shared
 * word or term, no citation, nothing cited that it reaches). */
static int score_recital(suggest_model *m, scorer *sc, size_t i)
{
	uint32_t cur = (uint32_t)i + 1;
	size_t b = m->p.budget;
	int oom = 0;
	u32s *cand = &sc->ru.touched;
	sc->rp.touched.n = 0;
	cand->n = 0;
	/* terms are fewer than words, and a unit's postings fewer than its passages' */
	size_t pw = postings_of(&sc->pw, &m->rec[i].words), pt = postings_of(&sc->pt, &m->rec[i].terms);
	size_t uw = postings_of(&sc->uw, &m->rec[i].words), ut = postings_of(&sc->ut, &m->rec[i].terms);
	int exact = !b || (pw <= b && pt <= b / 6 && uw <= b / 2 && ut <= b / 16);
	if (exact)
		reach_all(m, sc, i, cur, pw + pt + uw + ut, &oom);
	else
		reach_capped(m, sc, i, cur, &oom);
	/* the units that cite a reached one get its via share; their own s0 is 0. A capped
	 * recital only where that share can reach min_score. */
	for (size_t x = 0, n = cand->n; x < n; x++) {
		if (!exact && m->p.w_via * sc->s0[cand->v[x]] * 1000 < m->p.min_score - 0.5)
			continue;
		for (uint32_t v = sc->by0[cand->v[x]]; v < sc->by0[cand->v[x] + 1]; v++)
			if (sc->ru.stamp[sc->by[v]] != cur) {
				sc->ru.stamp[sc->by[v]] = cur;
				sc->s0[sc->by[v]] = 0;
				if (u32s_push(cand, sc->by[v]) != 0)
					oom = 1;
			}
	}
	if (oom)
		return -1;
	{
		size_t x = 1; /* a dense pass listed every unit in order already */
		while (x < cand->n && cand->v[x - 1] < cand->v[x])
			x++;
		if (x < cand->n)
			sort_u32(cand->v, cand->n);
	}
	m->row0[i] = m->nrows;
	for (size_t x = 0; x < cand->n; x++) {
		uint32_t j = cand->v[x];
		double best = 0, s;
		unsigned score;
		for (size_t k = 0; k < m->unit_ncites[j]; k++) {
			uint32_t v = m->unit_cites[j][k];
			if (sc->ru.stamp[v] == cur && sc->s0[v] > best)
				best = sc->s0[v];
		}
		s = sc->s0[j] + m->p.w_via * best;
		score = s > 0 ? (unsigned)lround(s * 1000) : 0;
		if ((score || sc->s0[j] > 0) && push_scored(m, j, score, sc->s0[j]) != 0)
			return -1;
	}
	return 0;
}

static void scorer_free(scorer *sc)
{
	csr_free(&sc->pw);
	csr_free(&sc->pt);
	csr_free(&sc->uw);
	csr_free(&sc->ut);
	free(sc->s0);
	free(sc->mark);
	free(sc->pass_unit);
	free(sc->by0);
	free(sc->by);
	free(sc->order.v);
	free(sc->keys.v);
	for (int k = 0; k < 2; k++) {
		reach *r = k ? &sc->ru : &sc->rp;
		free(r->stamp);
		free(r->acc[0]);
		free(r->acc[1]);
		free(r->touched.v);
	}
}

static int reach_init(reach *r, size_t n)
{
	r->stamp = calloc(n + 1, sizeof *r->stamp);
	r->acc[0] = malloc((n + 1) * sizeof *r->acc[0]);
	r->acc[1] = malloc((n + 1) * sizeof *r->acc[1]);
	return r->stamp && r->acc[0] && r->acc[1] ? 0 : -1;
}

static int score_all(suggest_model *m)
{
	size_t nw = m->words.n, nt = m->terms.n, ndocs = m->nrec + m->npass;
	uint32_t *df = calloc(nw + nt + 1, sizeof *df);
	double *idf = malloc((nw + nt + 1) * sizeof *idf);
	scorer sc;
	int rc = -1;
	memset(&sc, 0, sizeof sc);
	sc.s0 = malloc((m->nunit + 1) * sizeof *sc.s0);
	sc.mark = calloc(m->nunit + 1, 1);
	sc.pass_unit = malloc((m->npass + 1) * sizeof *sc.pass_unit);
	m->row0 = calloc(m->nrec + 1, sizeof *m->row0);
	if (!df || !idf || !sc.s0 || !sc.mark || !sc.pass_unit ||
	    !m->row0 || reach_init(&sc.rp, m->npass) != 0 || reach_init(&sc.ru, m->nunit) != 0 ||
	    cited_by(m, &sc.by0, &sc.by) != 0)
		goto out;
	for (size_t j = 0; j < m->nunit; j++)
		for (uint32_t p = m->unit_pass0[j]; p < m->unit_pass0[j + 1]; p++)
			sc.pass_unit[p] = (uint32_t)j;
	for (size_t i = 0; i < m->nrec; i++) {
		count_df(&m->rec[i].words, df);
		count_df(&m->rec[i].terms, df + nw);
	}
	for (size_t p = 0; p < m->npass; p++) {
		count_df(&m->pass[p].words, df);
		count_df(&m->pass[p].terms, df + nw);
	}
	for (size_t k = 0; k < nw + nt; k++)
		idf[k] = log((double)ndocs / (df[k] ? df[k] : 1));
	for (size_t i = 0; i < m->nrec; i++) {
		weigh(&m->rec[i].words, idf);
		weigh(&m->rec[i].terms, idf + nw);
	}
	for (size_t p = 0; p < m->npass; p++) {
		weigh(&m->pass[p].words, idf);
		weigh(&m->pass[p].terms, idf + nw);
	}
	for (size_t j = 0; j < m->nunit; j++) {
		weigh(&m->unit[j].words, idf);
		weigh(&m->unit[j].terms, idf + nw);
	}
	if (build_csr(&sc.pw, m->pass, m->npass, nw, 0) || build_csr(&sc.pt, m->pass, m->npass, nt, 1) ||
	    build_csr(&sc.uw, m->unit, m->nunit, nw, 0) || build_csr(&sc.ut, m->unit, m->nunit, nt, 1))
		goto out;
	for (size_t i = 0; i < m->nrec; i++)
		if (score_recital(m, &sc, i) != 0)
			goto out;
	m->row0[m->nrec] = m->nrows;
	if (build_columns(m) != 0)
		goto out;
	rc = 0;
out:
	scorer_free(&sc);
	free(df);
	free(idf);
	return rc;
}

suggest_model *suggest_compute(xmlDocPtr doc, const suggest_words *w, const suggest_params *p)
{
	suggest_model *m = calloc(1, sizeof *m);
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	node_list recs = {NULL, 0, 0}, units = {NULL, 0, 0}, pass = {NULL, 0, 0};
	xmlHashTablePtr unit_ix = xmlHashCreate(256);
	suggest_words *none = NULL;
	int ok = 0;
	if (!m || !root || !unit_ix)
		goto out;
	if (!w && !(w = none = suggest_words_new()))
		goto out;
	m->p = *p;
	if (first_pass(m, root, &recs, &units, &pass, unit_ix) != 0)
		goto out;
	m->nrec = recs.n;
	m->nunit = units.n;
	m->npass = pass.n;
	m->rec_el = recs.v;
	m->unit_el = units.v;
	recs.v = units.v = NULL;
	m->rec_id = calloc(m->nrec + 1, sizeof *m->rec_id);
	m->unit_id = calloc(m->nunit + 1, sizeof *m->unit_id);
	m->rec = calloc(m->nrec + 1, sizeof *m->rec);
	m->unit = calloc(m->nunit + 1, sizeof *m->unit);
	m->pass = calloc(m->npass + 1, sizeof *m->pass);
	m->rec_cites = calloc(m->nrec + 1, sizeof *m->rec_cites);
	m->rec_ncites = calloc(m->nrec + 1, sizeof *m->rec_ncites);
	m->unit_cites = calloc(m->nunit + 1, sizeof *m->unit_cites);
	m->unit_ncites = calloc(m->nunit + 1, sizeof *m->unit_ncites);
	if (!m->rec_id || !m->unit_id || !m->rec || !m->unit || !m->pass || !m->rec_cites ||
	    !m->rec_ncites || !m->unit_cites || !m->unit_ncites)
		goto out;
	for (size_t i = 0; i < m->nrec; i++)
		m->rec_id[i] = attr(m->rec_el[i], "id");
	for (size_t j = 0; j < m->nunit; j++)
		m->unit_id[j] = attr(m->unit_el[j], "id");
	if (build_docs(m, w, &pass, unit_ix) != 0 || score_all(m) != 0)
		goto out;
	ok = 1;
out:
	free(recs.v);
	free(units.v);
	free(pass.v);
	if (unit_ix)
		xmlHashFree(unit_ix, NULL);
	suggest_words_free(none);
	if (!ok) {
		suggest_model_free(m);
		return NULL;
	}
	return m;
}

void suggest_model_free(suggest_model *m)
{
	if (!m)
		return;
	for (size_t i = 0; m->rec_cites && i < m->nrec; i++)
		free(m->rec_cites[i]);
	for (size_t j = 0; m->unit_cites && j < m->nunit; j++)
		free(m->unit_cites[j]);
	free(m->rec);
	free(m->unit);
	free(m->pass);
	free(m->unit_pass0);
	free(m->rec_cites);
	free(m->rec_ncites);
	free(m->unit_cites);
	free(m->unit_ncites);
	free(m->rec_el);
	free(m->unit_el);
	free(m->rec_id);
	free(m->unit_id);
	free(m->row_unit);
	free(m->row_score);
	free(m->row_s0);
	free(m->row0);
	free(m->col_rec);
	free(m->col_score);
	free(m->col0);
	free(m->surface);
	free(m->raw_word);
	free(m->term_name);
	strtab_free(&m->words);
	strtab_free(&m->terms);
	strtab_free(&m->raw);
	arena_free(&m->a);
	free(m);
}

size_t suggest_nrecitals(const suggest_model *m)
{
	return m->nrec;
}

size_t suggest_nunits(const suggest_model *m)
{
	return m->nunit;
}

const char *suggest_recital_id(const suggest_model *m, size_t i)
{
	return i < m->nrec ? m->rec_id[i] : NULL;
}

const char *suggest_unit_id(const suggest_model *m, size_t j)
{
	return j < m->nunit ? m->unit_id[j] : NULL;
}

size_t suggest_find_recital(const suggest_model *m, const char *id)
{
	for (size_t i = 0; id && i < m->nrec; i++)
		if (!strcmp(m->rec_id[i], id))
			return i;
	return (size_t)-1;
}

size_t suggest_find_unit(const suggest_model *m, const char *id)
{
	for (size_t j = 0; id && j < m->nunit; j++)
		if (!strcmp(m->unit_id[j], id))
			return j;
	return (size_t)-1;
}

/* Where the pair (i, j) is in recital i's row, or (size_t)-1 (it scores 0). */
static size_t find_scored(const suggest_model *m, size_t i, size_t j)
{
	size_t lo = m->row0[i], hi = m->row0[i + 1];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->row_unit[mid] < j)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->row0[i + 1] && m->row_unit[lo] == j ? lo : (size_t)-1;
}

unsigned suggest_score(const suggest_model *m, size_t i, size_t j)
{
	size_t x = i < m->nrec && j < m->nunit ? find_scored(m, i, j) : (size_t)-1;
	return x != (size_t)-1 ? m->row_score[x] : 0;
}

static double s0_of(const suggest_model *m, size_t i, size_t j)
{
	size_t x = find_scored(m, i, j);
	return x != (size_t)-1 ? m->row_s0[x] : 0;
}

/* The k best of n indices into out (score, then index: an equal score never passes a
 * lower index). idx[0..len) ascending with their scores sc: the nonzero ones; every
 * other index scores 0 and fills what is left of the k in index order. */
static size_t rank_sparse(const uint32_t *idx, const unsigned *sc, size_t len, size_t n,
                          size_t *out, size_t k)
{
	size_t got = 0;
	if (k > n)
		k = n;
	if (!k)
		return 0;
	for (size_t x = 0; x < len; x++) {
		unsigned sx = sc[x];
		size_t at;
		if (!sx || (got == k && sx <= sc[out[got - 1]]))
			continue;
		if (got < k)
			got++;
		for (at = got - 1; at > 0 && sc[out[at - 1]] < sx; at--)
			out[at] = out[at - 1];
		out[at] = x;
	}
	for (size_t x = 0; x < got; x++)
		out[x] = idx[out[x]];
	/* the zero scores, lowest index first */
	for (size_t x = 0, y = 0; got < k && x < n; x++) {
		while (y < len && idx[y] < x)
			y++;
		if (y < len && idx[y] == x && sc[y])
			continue;
		out[got++] = x;
	}
	return got;
}

size_t suggest_rank_units(const suggest_model *m, size_t i, size_t *out, size_t k)
{
	if (i >= m->nrec)
		return 0;
	return rank_sparse(m->row_unit + m->row0[i], m->row_score + m->row0[i],
	                   m->row0[i + 1] - m->row0[i], m->nunit, out, k);
}

size_t suggest_rank_recitals(const suggest_model *m, size_t j, size_t *out, size_t k)
{
	if (j >= m->nunit)
		return 0;
	return rank_sparse(m->col_rec + m->col0[j], m->col_score + m->col0[j],
	                   m->col0[j + 1] - m->col0[j], m->nrec, out, k);
}

/* ---- evidence --------------------------------------------------------------------- */

typedef struct contrib {
	double c;
	uint32_t id;
} contrib;

/* The ids of v (a recital's vector) whose weight times dense[id] (the unit's vector,
 * scattered) is biggest, at most max, biggest first (equal: the lower id first). */
static size_t shared(const svec *v, const float *dense, contrib *out, size_t max)
{
	size_t n = 0;
	for (uint32_t x = 0; max && x < v->n; x++) {
		uint32_t id = v->id[x];
		double c = (double)v->w[x] * dense[id];
		size_t at;
		if (c <= 0 || (n == max && (c < out[n - 1].c || (c == out[n - 1].c && id > out[n - 1].id))))
			continue;
		if (n < max)
			n++;
		for (at = n - 1; at > 0 && (out[at - 1].c < c || (out[at - 1].c == c && out[at - 1].id > id));
		     at--)
			out[at] = out[at - 1];
		out[at].c = c;
		out[at].id = id;
	}
	return n;
}

static void scatter(const svec *v, float *dense, int set)
{
	for (uint32_t k = 0; k < v->n; k++)
		dense[v->id[k]] = set ? v->w[k] : 0;
}

/* The evidence of (i, j) with unit j's vectors scattered into uw and ut. */
static void evidence(const suggest_model *m, size_t i, size_t j, const float *uw, const float *ut,
                     buf *out)
{
	contrib top[16];
	size_t n, shown = 0, more = 0;
	const char *sep = "";
	for (size_t k = 0; k < m->rec_ncites[i]; k++) {
		const cited *c = &m->rec_cites[i][k];
		int dup = 0;
		if (c->unit != j)
			continue;
		for (size_t q = 0; q < k && !dup; q++)
			dup = m->rec_cites[i][q].unit == j && !strcmp(m->rec_cites[i][q].id, c->id);
		if (dup)
			continue;
		if (shown < m->p.max_cites) {
			buf_puts(out, shown++ ? ", " : "cites: ");
			buf_puts(out, c->id);
		} else {
			more++;
		}
	}
	if (more)
		buf_printf(out, ", +%zu more", more);
	if (shown)
		sep = "; ";
	n = shared(&m->rec[i].terms, ut, top, m->p.max_terms < 16 ? m->p.max_terms : 16);
	for (size_t k = 0; k < n; k++) {
		const char *name = m->term_name[top[k].id] ? m->term_name[top[k].id]
		                                            : m->terms.keys[top[k].id];
		buf_puts(out, k ? ", " : *sep ? "; terms: " : "terms: ");
		buf_puts(out, name);
	}
	if (n)
		sep = "; ";
	n = shared(&m->rec[i].words, uw, top, m->p.max_words < 16 ? m->p.max_words : 16);
	for (size_t k = 0; k < n; k++) {
		buf_puts(out, k ? ", " : *sep ? "; words: " : "words: ");
		buf_puts(out, m->surface[top[k].id]);
	}
	if (n)
		sep = "; ";
	{
		/* the cited unit that lent the most, when it lent a quarter of the score */
		double best = 0;
		size_t bv = (size_t)-1;
		for (size_t k = 0; k < m->unit_ncites[j]; k++) {
			double s0 = s0_of(m, i, m->unit_cites[j][k]);
			if (s0 > best) {
				best = s0;
				bv = m->unit_cites[j][k];
			}
		}
		if (bv != (size_t)-1 && m->p.w_via * best * 4000 >= suggest_score(m, i, j)) {
			buf_puts(out, sep);
			buf_puts(out, "via: ");
			buf_puts(out, m->unit_id[bv]);
		}
	}
}

void suggest_evidence(const suggest_model *m, size_t i, size_t j, buf *out)
{
	float *uw, *ut;
	if (i >= m->nrec || j >= m->nunit)
		return;
	uw = calloc(m->words.n + 1, sizeof *uw);
	ut = calloc(m->terms.n + 1, sizeof *ut);
	if (uw && ut) {
		scatter(&m->unit[j].words, uw, 1);
		scatter(&m->unit[j].terms, ut, 1);
		evidence(m, i, j, uw, ut, out);
	}
	free(uw);
	free(ut);
}

/* ---- the edges -------------------------------------------------------------------- */

typedef struct pending {
	uint32_t i, j;      /* recital, unit */
	int from_recital;   /* the recital's list (else the unit's) */
	unsigned score;
	const char *evidence;
} pending;

/* The edges to add, in order: each recital's best units, then each unit's best
 * recitals, skipping sourced pairs. */
static size_t choose(const suggest_model *m, const unsigned char *sourced,
                     const unsigned *nsourced_rec, const unsigned *nsourced_unit, size_t *order,
                     pending *out)
{
	size_t np = 0;
	for (size_t i = 0; i < m->nrec; i++) {
		size_t n = suggest_rank_units(m, i, order, m->p.k_recital + nsourced_rec[i]), got = 0;
		for (size_t x = 0; x < n && got < m->p.k_recital; x++) {
			size_t j = order[x];
			unsigned s = suggest_score(m, i, j);
			if (!s || s < m->p.min_score)
				break;
			if (sourced[i * m->nunit + j])
				continue;
			out[np++] = (pending){(uint32_t)i, (uint32_t)j, 1, s, NULL};
			got++;
		}
	}
	for (size_t j = 0; j < m->nunit; j++) {
		size_t n = suggest_rank_recitals(m, j, order, m->p.k_unit + nsourced_unit[j]), got = 0;
		for (size_t x = 0; x < n && got < m->p.k_unit; x++) {
			size_t i = order[x];
			unsigned s = suggest_score(m, i, j);
			if (!s || s < m->p.min_score)
				break;
			if (sourced[i * m->nunit + j])
				continue;
			out[np++] = (pending){(uint32_t)i, (uint32_t)j, 0, s, NULL};
			got++;
		}
	}
	return np;
}

/* Every pending edge's evidence, unit by unit (one scatter of each unit's vectors). */
static int explain(suggest_model *m, pending *pe, size_t np)
{
	float *uw = calloc(m->words.n + 1, sizeof *uw), *ut = calloc(m->terms.n + 1, sizeof *ut);
	size_t *by_unit = malloc((np + 1) * sizeof *by_unit), *first = calloc(m->nunit + 2, sizeof *first);
	buf b;
	int rc = -1;
	buf_init(&b);
	if (!uw || !ut || !by_unit || !first)
		goto out;
	for (size_t k = 0; k < np; k++) /* counting sort by unit */
		first[pe[k].j + 2]++;
	for (size_t j = 2; j < m->nunit + 2; j++)
		first[j] += first[j - 1];
	for (size_t k = 0; k < np; k++)
		by_unit[first[pe[k].j + 1]++] = k;
	for (size_t j = 0; j < m->nunit; j++) {
		if (first[j] == first[j + 1])
			continue;
		scatter(&m->unit[j].words, uw, 1);
		scatter(&m->unit[j].terms, ut, 1);
		for (size_t x = first[j]; x < first[j + 1]; x++) {
			pending *p = &pe[by_unit[x]];
			buf_clear(&b);
			evidence(m, p->i, p->j, uw, ut, &b);
			if (b.oom || !(p->evidence = arena_strndup(&m->a, b.s ? b.s : "", b.len)))
				goto out;
		}
		scatter(&m->unit[j].words, uw, 0);
		scatter(&m->unit[j].terms, ut, 0);
	}
	rc = 0;
out:
	buf_free(&b);
	free(uw);
	free(ut);
	free(by_unit);
	free(first);
	return rc;
}

static int add_edge(xmlNodePtr edges, xmlNodePtr from_el, const char *from, const char *to,
                    const pending *p)
{
	char score[32];
	xmlNodePtr e = xmlNewChild(edges, NULL, (const xmlChar *)"edge", NULL);
	const char *src = attr(from_el, "src"), *line = attr(from_el, "line");
	if (!e)
		return -1;
	{
		/* "%u.%03u" of thousandths, without printf */
		char digits[16];
		size_t n = 0, at = 0;
		unsigned whole = p->score / 1000, frac = p->score % 1000;
		do
			digits[n++] = (char)('0' + whole % 10);
		while ((whole /= 10) != 0 && n < sizeof digits);
		while (n)
			score[at++] = digits[--n];
		score[at++] = '.';
		score[at++] = (char)('0' + frac / 100);
		score[at++] = (char)('0' + frac / 10 % 10);
		score[at++] = (char)('0' + frac % 10);
		score[at] = '\0';
	}
	if (!xmlNewProp(e, (const xmlChar *)"kind", (const xmlChar *)"suggests") ||
	    !xmlNewProp(e, (const xmlChar *)"from", (const xmlChar *)from) ||
	    !xmlNewProp(e, (const xmlChar *)"to", (const xmlChar *)to) ||
	    !xmlNewProp(e, (const xmlChar *)"score", (const xmlChar *)score) ||
	    !xmlNewProp(e, (const xmlChar *)"evidence", (const xmlChar *)p->evidence) ||
	    !xmlNewProp(e, (const xmlChar *)"src", (const xmlChar *)(src ? src : "")) ||
	    !xmlNewProp(e, (const xmlChar *)"line", (const xmlChar *)(line ? line : "0")))
		return -1;
	return 0;
}

long suggest_emit(xmlDocPtr doc, suggest_model *m)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), edges = NULL;
	/* sourced[i * nunit + j]: a relates-to edge joins recital i and unit j */
	unsigned char *sourced = calloc(m->nrec * m->nunit + 1, 1);
	unsigned *nsourced_rec = calloc(m->nrec + 1, sizeof *nsourced_rec);
	unsigned *nsourced_unit = calloc(m->nunit + 1, sizeof *nsourced_unit);
	size_t *order = malloc((m->nrec + m->nunit + 1) * sizeof *order);
	pending *pe = malloc((m->nrec * m->p.k_recital + m->nunit * m->p.k_unit + 1) * sizeof *pe);
	xmlHashTablePtr rec_ix = xmlHashCreate(256), unit_ix = xmlHashCreate(256);
	size_t np;
	long added = -1;
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
		if (is_el(c, "edges"))
			edges = c;
	if (!edges) {
		added = 0; /* nothing to add to */
		goto out;
	}
	if (!sourced || !nsourced_rec || !nsourced_unit || !order || !pe || !rec_ix || !unit_ix)
		goto out;
	for (size_t i = 0; i < m->nrec; i++)
		xmlHashAddEntry(rec_ix, (const xmlChar *)m->rec_id[i], (void *)(uintptr_t)(i + 1));
	for (size_t j = 0; j < m->nunit; j++)
		xmlHashAddEntry(unit_ix, (const xmlChar *)m->unit_id[j], (void *)(uintptr_t)(j + 1));
	/* the pairs the pages (or relations.xml) give, whichever way round */
	for (xmlNodePtr e = edges->children; e; e = e->next) {
		const char *kind, *from, *to;
		uintptr_t ri, uj;
		if (!is_el(e, "edge") || !(kind = attr(e, "kind")) || strcmp(kind, "relates-to") != 0 ||
		    !(from = attr(e, "from")) || !(to = attr(e, "to")))
			continue;
		ri = (uintptr_t)xmlHashLookup(rec_ix, (const xmlChar *)from);
		uj = (uintptr_t)xmlHashLookup(unit_ix, (const xmlChar *)to);
		if (!ri || !uj) {
			ri = (uintptr_t)xmlHashLookup(rec_ix, (const xmlChar *)to);
			uj = (uintptr_t)xmlHashLookup(unit_ix, (const xmlChar *)from);
		}
		if (ri && uj && !sourced[(ri - 1) * m->nunit + uj - 1]) {
			sourced[(ri - 1) * m->nunit + uj - 1] = 1;
			nsourced_rec[ri - 1]++;
			nsourced_unit[uj - 1]++;
		}
	}
	np = choose(m, sourced, nsourced_rec, nsourced_unit, order, pe);
	if (explain(m, pe, np) != 0)
		goto out;
	for (size_t k = 0; k < np; k++) {
		const pending *p = &pe[k];
		int rc = p->from_recital
		             ? add_edge(edges, m->rec_el[p->i], m->rec_id[p->i], m->unit_id[p->j], p)
		             : add_edge(edges, m->unit_el[p->j], m->unit_id[p->j], m->rec_id[p->i], p);
		if (rc != 0)
			goto out;
	}
	added = (long)np;
out:
	free(sourced);
	free(nsourced_rec);
	free(nsourced_unit);
	free(order);
	free(pe);
	if (rec_ix)
		xmlHashFree(rec_ix, NULL);
	if (unit_ix)
		xmlHashFree(unit_ix, NULL);
	return added;
}

int graph_suggest(xmlDocPtr doc, const char *datadir, const char *regdir, diag *d)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	const char *lang = root ? attr(root, "lang") : NULL;
	suggest_words *w = suggest_words_new();
	suggest_params p;
	suggest_model *m = NULL;
	int rc = -1;
	if (!w) {
		diag_sys(d, regdir, "cannot compute suggested relations", ENOMEM);
		return -1;
	}
	/* the language's words: lang="en" (or "en-GB") → templates/suggest/en.txt */
	if (datadir && lang) {
		char name[64];
		size_t n = 0;
		char *path;
		int r;
		while (n < 8 && ((lang[n] >= 'a' && lang[n] <= 'z') || (lang[n] >= 'A' && lang[n] <= 'Z')))
			n++;
		snprintf(name, sizeof name, "templates/suggest/%.*s.txt", (int)n, lang);
		path = n ? fsio_join(datadir, name) : NULL;
		r = path ? suggest_words_load(w, path, 1, d) : 1;
		free(path);
		if (r < 0)
			goto out;
	}
	if (regdir) {
		char *path = fsio_join(regdir, "suggest-stopwords.txt");
		int r = path ? suggest_words_load(w, path, 1, d) : -1;
		free(path);
		if (r < 0)
			goto out;
	}
	suggest_params_default(&p);
	m = suggest_compute(doc, w, &p);
	if (m && suggest_emit(doc, m) >= 0)
		rc = 0;
	else
		diag_sys(d, regdir, "cannot compute suggested relations", ENOMEM);
out:
	suggest_model_free(m);
	suggest_words_free(w);
	return rc;
}
