/*
 * cite_emit.c - the output of the citation scanner (cite_impl.h): the cite records,
 * items rendered as ids relative to the context, and ranges expanded ("Articles 102 to
 * 109", "points (a) to (c)", "Annexes I to III"), cut at max_range.
 */
#include "link/cite_impl.h"

static bool push_cite(struct scanner *sc, cite *c)
{
	cite_list *l = sc->out;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		cite *v;
		if (cap > SIZE_MAX / sizeof *v || (v = realloc(l->v, cap * sizeof *v)) == NULL) {
			free(c->targets);
			sc->oom = true;
			return false;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = *c;
	return true;
}

bool cite_emit_external(struct scanner *sc, size_t start, size_t end, const struct act *a)
{
	cite c;
	memset(&c, 0, sizeof c);
	c.start = start;
	c.end = end;
	c.kind = CITE_EXTERNAL;
	memcpy(c.celex, a->celex, sizeof c.celex);
	memcpy(c.act, a->label, sizeof c.act);
	return push_cite(sc, &c);
}

/* Appends to an id; false when it would not fit in CITE_ID_MAX. */
static bool id_append(char *id, size_t *len, const char *a, const char *b)
{
	int k = snprintf(id + *len, CITE_ID_MAX - *len, "%s%s", a, b);
	if (k < 0 || (size_t)k >= CITE_ID_MAX - *len)
		return false;
	*len += (size_t)k;
	return true;
}

/* Where an item without an absolute base stands: "point (a)" in the element holding
 * points, "paragraph 2" in the unit, "Section 2" in the chapter. */
static const char *relative_base(const cite_context *ctx, const struct comp *first)
{
	if (ctx == NULL)
		return NULL;
	bool in_annex = cite_has_prefix(ctx->unit, "anx-");
	switch (first->lv) {
	case LV_PAREN: return ctx->container;
	case LV_ORD: return ctx->para ? ctx->para : ctx->unit;
	case LV_PARA: return ctx->unit;
	case LV_APOINT:
	case LV_PART: return in_annex ? ctx->unit : NULL;
	case LV_SECTION:
		if (in_annex)
			return ctx->unit;
		return is_digit((unsigned char)first->text[0]) ? ctx->chapter : NULL;
	default: return NULL;
	}
}

/* Writes the id of it into id, with the range component (if any) set to value. */
static bool render(const struct scanner *sc, const struct item *it, const char *value,
                   char id[CITE_ID_MAX])
{
	size_t len = 0, i = 0;
	const char *base = NULL;
	const struct comp *c0 = &it->c[0];
	id[0] = '\0';
	if (it->dead || it->n == 0)
		return false;

	switch (c0->lv) {
	case LV_ARTICLE: base = "art-"; break;
	case LV_ANNEX: base = "anx-"; break;
	case LV_CHAPTER: base = "chp-"; break;
	case LV_RECITAL: base = "rec-"; break;
	default: break;
	}
	if (base != NULL) {
		const char *t = it->range_at == 0 ? value : c0->text;
		if (!id_append(id, &len, base, t))
			return false;
		i = 1;
	} else {
		base = c0->lv == LV_CTX ? c0->ctx : relative_base(sc->ctx, c0);
		if (base == NULL || base[0] == '\0' || !id_append(id, &len, base, ""))
			return false;
		i = c0->lv == LV_CTX ? 1 : 0;
	}
	bool in_chapter = cite_has_prefix(id, "chp-");

	for (; i < it->n; i++) {
		const struct comp *c = &it->c[i];
		const char *t = (int)i == it->range_at ? value : c->text;
		bool ok;
		switch (c->lv) {
		case LV_PAREN: case LV_PARA: case LV_APOINT:
			ok = id_append(id, &len, ".", t);
			break;
		case LV_ORD: /* the first subparagraph is the paragraph itself */
			ok = strcmp(t, "1") == 0 || id_append(id, &len, ".sub", t);
			break;
		case LV_SECTION:
			ok = id_append(id, &len, in_chapter ? ".sec-" : ".", t);
			break;
		case LV_PART:
			ok = id_append(id, &len, ".part-", t);
			break;
		default: /* a unit inside something else: not an id */
			ok = false;
			break;
		}
		if (!ok)
			return false;
	}
	return true;
}

static bool all_digits(const char *s)
{
	if (*s == '\0' || strlen(s) > MAX_NUMBER_DIGITS)
		return false;
	for (; *s; s++)
		if (!is_digit((unsigned char)*s))
			return false;
	return true;
}

static uint64_t to_u64(const char *s)
{
	uint64_t v = 0;
	for (; *s; s++)
		v = v * 10 + (uint64_t)(*s - '0');
	return v;
}

/* The value of a lower-case roman numeral, or 0. */
static unsigned roman_value(const char *s)
{
	struct scanner tmp = {.s = s, .n = strlen(s)};
	unsigned v;
	size_t e;
	return cite_roman(&tmp, 0, false, &v, &e) && e == tmp.n ? v : 0;
}

/* How a range "lo to hi" counts. */
enum range_kind { RANGE_NUMBERS, RANGE_LETTERS, RANGE_ROMAN, RANGE_SUFFIX, RANGE_ENDS };

/* "75a" and "75d": one number with a letter each, the letters in order (Articles
 * 75a to 75d, inserted by Regulation (EU) 2026/1744): the length of the digits. */
static size_t suffix_range(const char *lo, const char *hi)
{
	size_t d = strspn(lo, "0123456789");
	if (d == 0 || d != strspn(hi, "0123456789") || memcmp(lo, hi, d) != 0 ||
	    !is_lower((unsigned char)lo[d]) || lo[d + 1] != '\0' ||
	    !is_lower((unsigned char)hi[d]) || hi[d + 1] != '\0' || lo[d] > hi[d])
		return 0;
	return d;
}

struct range {
	enum range_kind kind;
	char prefix[COMP_TEXT];  /* "4." for points 4.3 to 4.5 */
	uint64_t lo, count;
};

/* "(i) to (iii)" counts in roman numerals, "(a) to (c)" in letters. Single letters
 * are read as roman only from "(i)" to "(v)" or "(x)", the sub-point habit. */
static bool roman_range(const char *lo, const char *hi)
{
	unsigned a = roman_value(lo), b = roman_value(hi);
	if (a == 0 || b == 0)
		return false;
	if (strlen(lo) > 1 || strlen(hi) > 1)
		return true;
	return lo[0] == 'i' && (hi[0] == 'v' || hi[0] == 'x');
}

static struct range classify_range(const char *lo, const char *hi)
{
	struct range r;
	memset(&r, 0, sizeof r);
	r.kind = RANGE_ENDS;
	const char *ldot = strrchr(lo, '.'), *hdot = strrchr(hi, '.');
	size_t plen = ldot ? (size_t)(ldot - lo) + 1 : 0;
	bool same_prefix = (ldot == NULL && hdot == NULL) ||
	                   (ldot && hdot && (size_t)(hdot - hi) + 1 == plen &&
	                    memcmp(lo, hi, plen) == 0);
	uint64_t a, b;

	if (same_prefix && all_digits(lo + plen) && all_digits(hi + plen)) {
		a = to_u64(lo + plen);
		b = to_u64(hi + plen);
		if (a <= b) {
			r.kind = RANGE_NUMBERS;
			memcpy(r.prefix, lo, plen);
			r.lo = a;
			r.count = b - a + 1;
		}
	} else if (roman_range(lo, hi)) {
		a = roman_value(lo);
		b = roman_value(hi);
		if (a <= b) {
			r.kind = RANGE_ROMAN;
			r.lo = a;
			r.count = b - a + 1;
		}
	} else if (suffix_range(lo, hi)) {
		size_t d = suffix_range(lo, hi);
		r.kind = RANGE_SUFFIX;
		memcpy(r.prefix, lo, d);
		r.lo = (uint64_t)lo[d];
		r.count = (uint64_t)(hi[d] - lo[d]) + 1;
	} else if (is_lower((unsigned char)lo[0]) && lo[1] == '\0' &&
	           is_lower((unsigned char)hi[0]) && hi[1] == '\0' && lo[0] <= hi[0]) {
		r.kind = RANGE_LETTERS;
		r.lo = (uint64_t)lo[0];
		r.count = (uint64_t)(hi[0] - lo[0]) + 1;
	}
	if (r.kind == RANGE_ENDS)
		r.count = strcmp(lo, hi) == 0 ? 1 : 2;
	return r;
}

static void range_value(const struct range *r, const char *lo, const char *hi, uint64_t i,
                        char out[VALUE_TEXT])
{
	switch (r->kind) {
	case RANGE_NUMBERS:
		snprintf(out, VALUE_TEXT, "%s%llu", r->prefix, (unsigned long long)(r->lo + i));
		break;
	case RANGE_LETTERS:
		out[0] = (char)(r->lo + i);
		out[1] = '\0';
		break;
	case RANGE_ROMAN:
		cite_to_roman((unsigned)(r->lo + i), out);
		break;
	case RANGE_SUFFIX:
		snprintf(out, VALUE_TEXT, "%s%c", r->prefix, (char)(r->lo + i));
		break;
	case RANGE_ENDS:
		snprintf(out, VALUE_TEXT, "%s", i == 0 ? lo : hi);
		break;
	}
}

/* One internal citation for an item, its range expanded up to max_range ids. */
bool cite_emit_internal(struct scanner *sc, const struct item *it)
{
	cite c;
	char id[CITE_ID_MAX];
	memset(&c, 0, sizeof c);
	c.start = it->start;
	c.end = it->end;
	c.kind = CITE_INTERNAL;

	if (it->range_at < 0) {
		if (!render(sc, it, NULL, id))
			return true; /* no id to give: the context lacks it, or too deep */
		if ((c.targets = malloc(sizeof *c.targets)) == NULL) {
			sc->oom = true;
			return false;
		}
		memcpy(c.targets[0].s, id, CITE_ID_MAX);
		c.ntargets = 1;
		return push_cite(sc, &c);
	}

	const char *lo = it->c[it->range_at].text, *hi = it->range_hi;
	struct range r = classify_range(lo, hi);
	uint64_t limit = sc->max_range;
	if (r.count > limit) {
		c.truncated = 1;
		r.count = limit;
	}
	if (r.count > SIZE_MAX / sizeof *c.targets) {
		sc->oom = true; /* a caller's max_range larger than memory can hold */
		return false;
	}
	if ((c.targets = malloc((size_t)r.count * sizeof *c.targets)) == NULL) {
		sc->oom = true;
		return false;
	}
	for (uint64_t i = 0; i < r.count; i++) {
		char value[VALUE_TEXT];
		range_value(&r, lo, hi, i, value);
		if (render(sc, it, value, id))
			memcpy(c.targets[c.ntargets++].s, id, CITE_ID_MAX);
	}
	if (c.ntargets == 0) {
		free(c.targets);
		return true;
	}
	return push_cite(sc, &c);
}
