/*
 * cite.c - the citation scanner (see cite.h).
 *
 * How it reads. A citation is a *group*: one or more *segments* joined by "of",
 * followed by an optional qualifier that names the act:
 *
 *   points (a) and (b)   of   Article 5(1)   of   Regulation (EU) 2016/679
 *   \_ segment _______/       \_ segment _/       \_ qualifier __________/
 *
 * A segment is a head ("Article 43(1)", "points 2", "the fifth paragraph", "this
 * Chapter") followed by list items ("and (9)", ", 41", "to 109") and refinements
 * (", first subparagraph", ", point (h)(iii)", ", Section 2"). Every element is kept
 * as a typed component (article, paragraph, point, ...) rather than as text, because
 * the same words make different ids depending on what they end up attached to:
 * "Section 2" is chp-3.sec-2 under a chapter but anx-1.A is "Section A" of an annex.
 *
 * The first segment gives the cited items; each later segment is a *base* that the
 * items sit in. A base applies only to items finer than itself, which is what makes
 * "Points 4.3., 4.4. and the fifth paragraph of point 4.6 of Annex VII" come out
 * right: "point 4.6" holds only the fifth paragraph (a point is not inside a point),
 * while "Annex VII" holds all of them. Items that end without an absolute base are
 * resolved against the context ("point (a)" against ctx->container).
 *
 * The qualifier decides whose citation it is: "of this Regulation" keeps it internal,
 * "of Regulation (EU) 2016/679" (or "Annex I to Decision No 768/2008/EC") makes the
 * whole group one external citation, and "of that Directive", "of the Charter",
 * "TFEU", "thereof" drop it, because the numbers then belong to an act we cannot
 * name. Groups joined only by ", " / "and" / "or" form an enumeration that shares
 * the qualifier at its end: in "Article 6(4) and Article 9(2), point (g), of
 * Regulation (EU) 2016/679" both articles are the GDPR's.
 *
 * Linear time: the parser never backtracks over what it accepted. Each attempt that
 * fails does so within a few words (every number, numeral and token has a length
 * cap), the chain of bases is bounded by the number of levels, and the main loop
 * always resumes after what a group consumed.
 */
#include "link/cite.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COMPS 10          /* art-5.1.sub2.h.iii is 5; nothing real comes close to 10 */
#define COMP_TEXT 24          /* one component: an 18-digit number plus a letter fits */
#define MAX_NUMBER_DIGITS 18  /* below 10^18, so uint64_t arithmetic cannot overflow */
#define MAX_TOKEN_DIGITS 4    /* "(44)", "point 4.6": parts of a structure number */
#define MAX_TOKEN_LETTERS 6   /* "(a)", "(xviii)" */
#define MAX_ROMAN_CHARS 12    /* enough for every numeral up to 399 */
#define VALUE_TEXT (2 * COMP_TEXT) /* a range value: the prefix "4." and a number */

/* ------------------------------------------------------------------------------ */
/* The model: components, items, the scanner                                       */
/* ------------------------------------------------------------------------------ */

enum level {
	LV_PAREN,   /* "(a)", "(iii)", "(44)": point, sub-point or definition */
	LV_ORD,     /* "second subparagraph", "fifth paragraph": text = the ordinal */
	LV_APOINT,  /* "point 4.6" of an annex */
	LV_PARA,    /* numbered paragraph of an article */
	LV_SECTION, /* "Section 2" (of a chapter) or "Section A" (of an annex) */
	LV_PART,    /* "Part I" of an annex */
	LV_ARTICLE,
	LV_ANNEX,
	LV_CHAPTER,
	LV_RECITAL,
	LV_CTX,     /* "this Article": an id taken from the context */
};

struct comp {
	enum level lv;
	enum level ctx_level;  /* LV_CTX: what the context id stands for */
	bool paren;            /* written "(x)": a later "(y)" in a list replaces it */
	const char *ctx;       /* LV_CTX: the context id; NULL when the context lacks it */
	char text[COMP_TEXT];  /* "43", "6a", "h", "4.6", "A"; annexes etc. in arabic */
};

/* One cited element: components from the coarsest to the finest. */
struct item {
	size_t start, end;      /* span in the text */
	size_t n;
	struct comp c[MAX_COMPS];
	int range_at;           /* the component that is a range ("to"), or -1 */
	char range_hi[COMP_TEXT];
	bool dead;              /* consumed, but too deep to be an id */
};

struct scanner {
	const char *s;
	size_t n;
	const cite_context *ctx;
	size_t max_range;
	cite_list *out;
	struct item *items;     /* the group being read; bases are pushed after it */
	size_t nitems, cap;
	bool oom;
	/* The enumeration being read ("Chapter III, Section 1, Chapters V and VII, and
	 * Chapters IX to XI of that Regulation"): its first citation in out, and where
	 * its last group ended. A qualifier at its end applies to all of it. */
	bool run_open;
	size_t run_first, run_end;
	/* cite_act_targets: a group qualified by an act yields its items as internal
	 * citations (ids in that act's own scheme) instead of one external citation */
	bool act_items;
};

/* An act of the Union named with its number. */
struct act {
	char celex[16];
	char label[80];
};

static int rank(const struct comp *c)
{
	switch (c->lv == LV_CTX ? c->ctx_level : c->lv) {
	case LV_PAREN: return 1;
	case LV_ORD: return 2;
	case LV_APOINT: return 3;
	case LV_PARA: return 3;
	case LV_SECTION: return 4;
	case LV_PART: return 5;
	case LV_ARTICLE: return 6;
	case LV_ANNEX: return 7;
	case LV_CHAPTER: return 7;
	case LV_RECITAL: return 7;
	case LV_CTX: return 0; /* not reached: a context id stands for a real level */
	}
	return 0;
}

/* Anchored items already say which unit they are in; the others need a base. */
static bool anchored(const struct item *it)
{
	switch (it->c[0].lv) {
	case LV_ARTICLE: case LV_ANNEX: case LV_CHAPTER: case LV_RECITAL: case LV_CTX:
		return true;
	default:
		return false;
	}
}

static void item_init(struct item *it, size_t start)
{
	memset(it, 0, sizeof *it);
	it->start = start;
	it->end = start;
	it->range_at = -1;
}

/* Appends a component; an item that would be deeper than MAX_COMPS is marked dead. */
static void add_comp(struct item *it, enum level lv, const char *text, bool paren)
{
	if (it->n == MAX_COMPS) {
		it->dead = true;
		return;
	}
	struct comp *c = &it->c[it->n++];
	memset(c, 0, sizeof *c);
	c->lv = lv;
	c->ctx_level = lv;
	c->paren = paren;
	snprintf(c->text, sizeof c->text, "%s", text);
}

static void add_number_comp(struct item *it, enum level lv, uint64_t v, bool paren)
{
	char text[COMP_TEXT];
	snprintf(text, sizeof text, "%llu", (unsigned long long)v);
	add_comp(it, lv, text, paren);
}

/* ------------------------------------------------------------------------------ */
/* Reading primitives: every one checks bounds and returns the end through *end    */
/* ------------------------------------------------------------------------------ */

/* The byte at i, or -1 past the end: callers never index the text themselves. */
static int ch(const struct scanner *sc, size_t i)
{
	return i < sc->n ? (unsigned char)sc->s[i] : -1;
}

static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_lower(int c) { return c >= 'a' && c <= 'z'; }
static bool is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static bool is_alnum(int c) { return is_digit(c) || is_lower(c) || is_upper(c); }

/* Words are ASCII; bytes of other UTF-8 characters (‘ ’, no-break space) separate them. */
static bool word_starts(const struct scanner *sc, size_t i)
{
	return i < sc->n && is_alnum(ch(sc, i)) && (i == 0 || !is_alnum(ch(sc, i - 1)));
}

static bool word_ends(const struct scanner *sc, size_t i)
{
	return !is_alnum(ch(sc, i));
}

static bool lit(const struct scanner *sc, size_t p, const char *str, size_t *end)
{
	size_t k = strlen(str);
	if (p > sc->n || sc->n - p < k || memcmp(sc->s + p, str, k) != 0)
		return false;
	*end = p + k;
	return true;
}

/* The whole word w at p; with any_case its first letter may be either case
 * ("Article" opens a sentence, "article" does not). */
static bool word(const struct scanner *sc, size_t p, const char *w, bool any_case, size_t *end)
{
	int c = ch(sc, p);
	size_t e;
	if (c < 0)
		return false;
	if (c != (unsigned char)w[0]) {
		if (!any_case || (c | 0x20) != ((unsigned char)w[0] | 0x20) || !is_alnum(c))
			return false;
	}
	if (!lit(sc, p + 1, w + 1, &e) || !word_ends(sc, e))
		return false;
	*end = e;
	return true;
}

/* "Article" or "Articles" (plural given in full: "Annexes"). */
static bool keyword(const struct scanner *sc, size_t p, const char *singular,
                    const char *plural, bool any_case, size_t *end)
{
	return word(sc, p, plural, any_case, end) || word(sc, p, singular, any_case, end);
}

/* One or more spaces; the OJ's no-break space (U+00A0) counts as one. */
static bool sp(const struct scanner *sc, size_t p, size_t *end)
{
	size_t i = p;
	for (;;) {
		int c = ch(sc, i);
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			i++;
		else if (c == 0xC2 && ch(sc, i + 1) == 0xA0)
			i += 2;
		else
			break;
	}
	if (i == p)
		return false;
	*end = i;
	return true;
}

/* A space, the word, a space: " and ", " to ". */
static bool spaced_word(const struct scanner *sc, size_t p, const char *w, size_t *end)
{
	size_t a, b;
	return sp(sc, p, &a) && word(sc, a, w, false, &b) && sp(sc, b, end);
}

static bool comma(const struct scanner *sc, size_t p, size_t *end)
{
	return ch(sc, p) == ',' && sp(sc, p + 1, end);
}

/* Between two list items: ", ", " and ", " or ", ", and ", ", or ", " and/or ". */
static bool list_sep(const struct scanner *sc, size_t p, size_t *end)
{
	size_t a, b;
	if (comma(sc, p, &a)) {
		if ((word(sc, a, "and", false, &b) || word(sc, a, "or", false, &b)) && sp(sc, b, end))
			return true;
		*end = a;
		return true;
	}
	return spaced_word(sc, p, "and", end) || spaced_word(sc, p, "or", end) ||
	       (sp(sc, p, &a) && lit(sc, a, "and/or", &b) && sp(sc, b, end));
}

/* " of " or ", of ": what follows names where the cited element is. */
static bool of_sep(const struct scanner *sc, size_t p, size_t *end)
{
	if (ch(sc, p) == ',')
		p++;
	return spaced_word(sc, p, "of", end);
}

/* A decimal number of at most MAX_NUMBER_DIGITS digits; longer runs are not
 * citation numbers, and refusing them keeps the arithmetic overflow-free. */
static bool number(const struct scanner *sc, size_t p, uint64_t *value, size_t *end)
{
	uint64_t v = 0;
	size_t i = p;
	while (is_digit(ch(sc, i))) {
		if (i - p == MAX_NUMBER_DIGITS)
			return false;
		v = v * 10 + (uint64_t)(ch(sc, i) - '0');
		i++;
	}
	if (i == p)
		return false;
	*value = v;
	*end = i;
	return true;
}

/* A short number, as used for paragraphs, points and sections. */
static bool small_number(const struct scanner *sc, size_t p, uint64_t *value, size_t *end)
{
	size_t e;
	if (!number(sc, p, value, &e) || e - p > MAX_TOKEN_DIGITS)
		return false;
	*end = e;
	return true;
}

static const char *const roman_digits[3][10] = {
	{"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"},
	{"", "x", "xx", "xxx", "xl", "l", "lx", "lxx", "lxxx", "xc"},
	{"", "c", "cc", "ccc", "", "", "", "", "", ""},
};

/* Writes v (1..399) as a lower-case roman numeral. */
static void to_roman(unsigned v, char out[COMP_TEXT])
{
	snprintf(out, COMP_TEXT, "%s%s%s", roman_digits[2][v / 100 % 10],
	         roman_digits[1][v / 10 % 10], roman_digits[0][v % 10]);
}

/* Reads a canonical roman numeral of the given case ("IV", not "IIII"), 1..399. */
static bool roman(const struct scanner *sc, size_t p, bool upper, unsigned *value, size_t *end)
{
	static const char letters[] = "ivxlc";
	static const unsigned values[] = {1, 5, 10, 50, 100};
	char seen[MAX_ROMAN_CHARS + 1];
	size_t k = 0;
	unsigned total = 0, prev = 0;

	for (;;) {
		int c = ch(sc, p + k);
		const char *at = (c > 0 && (upper ? is_upper(c) : is_lower(c)))
		                 ? strchr(letters, c | 0x20) : NULL;
		if (at == NULL || *at == '\0')
			break;
		if (k == MAX_ROMAN_CHARS)
			return false;
		seen[k++] = (char)(c | 0x20);
	}
	if (k == 0 || !word_ends(sc, p + k))
		return false;
	seen[k] = '\0';
	/* Right to left: a smaller digit before a larger one subtracts. */
	for (size_t i = k; i-- > 0;) {
		unsigned v = values[strchr(letters, seen[i]) - letters];
		if (v < prev && v >= total)
			return false; /* "IIX": more subtracted than there is */
		total = v < prev ? total - v : total + v;
		if (v > prev)
			prev = v;
		if (total > 399)
			return false;
	}
	char canonical[COMP_TEXT];
	to_roman(total, canonical);
	if (strcmp(canonical, seen) != 0)
		return false;
	*value = total;
	*end = p + k;
	return true;
}

/* "(a)", "(iii)", "(44)": a short token of lower-case letters or of digits. */
static bool paren_token(const struct scanner *sc, size_t p, char text[COMP_TEXT], size_t *end)
{
	size_t i = p + 1, k = 0;
	if (ch(sc, p) != '(')
		return false;
	if (is_digit(ch(sc, i))) {
		while (is_digit(ch(sc, i + k)) && k <= MAX_TOKEN_DIGITS)
			k++;
		if (k > MAX_TOKEN_DIGITS)
			return false;
	} else {
		while (is_lower(ch(sc, i + k)) && k <= MAX_TOKEN_LETTERS)
			k++;
		if (k == 0 || k > MAX_TOKEN_LETTERS)
			return false;
	}
	if (ch(sc, i + k) != ')')
		return false;
	memcpy(text, sc->s + i, k);
	text[k] = '\0';
	*end = i + k + 1;
	return true;
}

/* Zero or more "(x)" in a row; the first becomes `first`, later ones `rest`
 * ("Article 5(1)(a)": a paragraph, then a point). */
static size_t paren_chain(const struct scanner *sc, size_t p, struct item *it,
                          enum level first, enum level rest)
{
	char text[COMP_TEXT];
	size_t e, count = 0;
	while (paren_token(sc, p, text, &e)) {
		add_comp(it, count == 0 ? first : rest, text, true);
		count++;
		p = e;
	}
	return p;
}

/* "4", "4.6", "1.2.3": the numbering of annex points. A dot belongs to the number
 * only when a digit follows, so the full stop in "point 4." stays out. */
static bool dotted(const struct scanner *sc, size_t p, char text[COMP_TEXT], size_t *end)
{
	uint64_t v;
	size_t e, parts = 0, q = p;
	for (;;) {
		if (!small_number(sc, q, &v, &e))
			return false;
		q = e;
		if (++parts == 4 || ch(sc, q) != '.' || !is_digit(ch(sc, q + 1)))
			break;
		q++;
	}
	if (is_alnum(ch(sc, q)) || (ch(sc, q) == '.' && is_digit(ch(sc, q + 1))))
		return false;
	memcpy(text, sc->s + p, q - p);
	text[q - p] = '\0';
	*end = q;
	return true;
}

/* "43", "6a" (Protocols and amending acts insert lettered articles). */
static bool article_number(const struct scanner *sc, size_t p, char text[COMP_TEXT], size_t *end)
{
	uint64_t v;
	size_t e;
	if (!number(sc, p, &v, &e))
		return false;
	char suffix[2] = {0, 0};
	if (is_lower(ch(sc, e)) && word_ends(sc, e + 1))
		suffix[0] = (char)ch(sc, e++);
	if (!word_ends(sc, e))
		return false;
	snprintf(text, COMP_TEXT, "%llu%s", (unsigned long long)v, suffix);
	*end = e;
	return true;
}

static const char *const ordinal_words[] = {
	"first", "second", "third", "fourth", "fifth",
	"sixth", "seventh", "eighth", "ninth", "tenth",
};

static bool ordinal(const struct scanner *sc, size_t p, unsigned *n, size_t *end)
{
	for (size_t i = 0; i < sizeof ordinal_words / sizeof ordinal_words[0]; i++) {
		if (word(sc, p, ordinal_words[i], true, end)) {
			*n = (unsigned)i + 1;
			return true;
		}
	}
	return false;
}

/* ------------------------------------------------------------------------------ */
/* Elements: the part after the keyword, which list items repeat                  */
/* ------------------------------------------------------------------------------ */

/* Reads one element of level lv at p (no keyword) and appends its components. */
static bool parse_element(const struct scanner *sc, size_t p, enum level lv,
                          struct item *it, size_t *end)
{
	char text[COMP_TEXT];
	uint64_t v;
	unsigned r;
	size_t e, e2, e3;

	switch (lv) {
	case LV_ARTICLE:
		if (!article_number(sc, p, text, &e))
			return false;
		add_comp(it, LV_ARTICLE, text, false);
		*end = paren_chain(sc, e, it, LV_PARA, LV_PAREN);
		return true;
	case LV_PARA:
	case LV_RECITAL:
		/* "paragraph 2", or "paragraphs (1) to (3)" in quoted amendments */
		if (paren_token(sc, p, text, &e) && is_digit((unsigned char)text[0]))
			add_comp(it, lv, text, true);
		else if (lv == LV_PARA && article_number(sc, p, text, &e) && !is_digit(
		                 (unsigned char)text[strlen(text) - 1]))
			add_comp(it, lv, text, false); /* "paragraph 1a", inserted after 1 */
		else if (small_number(sc, p, &v, &e) && word_ends(sc, e))
			add_number_comp(it, lv, v, false);
		else
			return false;
		*end = lv == LV_PARA ? paren_chain(sc, e, it, LV_PAREN, LV_PAREN) : e;
		return true;
	case LV_APOINT:
		if (!dotted(sc, p, text, &e))
			return false;
		add_comp(it, LV_APOINT, text, false);
		/* "point 2(f)", and the OJ's occasional "points 2 (d) and (e)" */
		if (ch(sc, e) != '(' && sp(sc, e, &e2) && paren_token(sc, e2, text, &e3))
			e = e2;
		*end = paren_chain(sc, e, it, LV_PAREN, LV_PAREN);
		return true;
	case LV_PAREN:
		e = paren_chain(sc, p, it, LV_PAREN, LV_PAREN);
		*end = e;
		return e != p;
	case LV_ANNEX:
	case LV_CHAPTER:
		if (!roman(sc, p, true, &r, &e))
			return false;
		add_number_comp(it, lv, r, false);
		*end = e;
		return true;
	case LV_PART:
		if (roman(sc, p, true, &r, &e))
			v = r;
		else if (!small_number(sc, p, &v, &e) || !word_ends(sc, e))
			return false;
		add_number_comp(it, lv, v, false);
		*end = e;
		return true;
	case LV_SECTION:
		if (small_number(sc, p, &v, &e) && word_ends(sc, e)) {
			add_number_comp(it, lv, v, false);
		} else if (is_upper(ch(sc, p)) && word_ends(sc, p + 1)) {
			text[0] = (char)ch(sc, p);
			text[1] = '\0';
			add_comp(it, lv, text, false);
			e = p + 1;
		} else {
			return false;
		}
		*end = e;
		return true;
	case LV_ORD:
	case LV_CTX:
		return false;
	}
	return false;
}

/* "the second subparagraph", "fifth paragraph" (ordinal paragraphs of annex points). */
static bool ordinal_phrase(const struct scanner *sc, size_t p, struct item *it, size_t *end)
{
	size_t q = p, e;
	unsigned n;
	if (!(word(sc, p, "the", true, &e) && sp(sc, e, &q)))
		q = p; /* "the" is optional: "paragraph 1, first subparagraph" has none */
	if (!ordinal(sc, q, &n, &e) || !sp(sc, e, &q))
		return false;
	if (!word(sc, q, "subparagraph", false, &e) && !word(sc, q, "paragraph", false, &e))
		return false;
	item_init(it, p);
	add_number_comp(it, LV_ORD, n, false);
	*end = e;
	return true;
}

static bool has_prefix(const char *s, const char *prefix)
{
	return s != NULL && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* "this Article", "this paragraph": the element the text stands in. */
static bool this_phrase(const struct scanner *sc, size_t p, struct item *it, size_t *end)
{
	const cite_context *ctx = sc->ctx;
	const char *unit = ctx ? ctx->unit : NULL;
	struct { const char *w; enum level lv; const char *id; } const what[] = {
		{"Article", LV_ARTICLE, has_prefix(unit, "art-") ? unit : NULL},
		{"Annex", LV_ANNEX, has_prefix(unit, "anx-") ? unit : NULL},
		{"Chapter", LV_CHAPTER, ctx ? ctx->chapter : NULL},
		{"Section", LV_SECTION, ctx ? ctx->section : NULL},
		{"paragraph", LV_PARA, ctx ? ctx->para : NULL},
		{"subparagraph", LV_ORD, ctx ? ctx->container : NULL},
	};
	size_t q;
	if (!word(sc, p, "this", true, &q) || !sp(sc, q, &q))
		return false;
	for (size_t i = 0; i < sizeof what / sizeof what[0]; i++) {
		if (word(sc, q, what[i].w, false, end)) {
			item_init(it, p);
			add_comp(it, LV_CTX, "", false);
			it->c[0].ctx_level = what[i].lv;
			it->c[0].ctx = what[i].id;
			return true;
		}
	}
	return false;
}

/* ------------------------------------------------------------------------------ */
/* Segments: head, list items, refinements                                        */
/* ------------------------------------------------------------------------------ */

struct head_keyword {
	const char *singular, *plural;
	bool any_case;
	enum level lv;
};

static const struct head_keyword head_keywords[] = {
	{"article", "articles", true, LV_ARTICLE},
	{"Annex", "Annexes", false, LV_ANNEX},
	{"Chapter", "Chapters", false, LV_CHAPTER},
	{"Section", "Sections", false, LV_SECTION},
	{"Part", "Parts", false, LV_PART},
	{"paragraph", "paragraphs", true, LV_PARA},
	{"recital", "recitals", true, LV_RECITAL},
	{"point", "points", true, LV_APOINT}, /* or LV_PAREN: decided by what follows */
};

/* "points (a)" are points of an article; "points 2" are points of an annex. */
static bool point_element(const struct scanner *sc, size_t p, struct item *it, size_t *end)
{
	if (ch(sc, p) == '(')
		return parse_element(sc, p, LV_PAREN, it, end);
	return parse_element(sc, p, LV_APOINT, it, end);
}

/* The first element of a segment. *level is the index of the component that later
 * bare list items replace ("Articles 40 and 41": 0). */
static bool parse_head(const struct scanner *sc, size_t p, struct item *it,
                       size_t *level, size_t *end)
{
	size_t q;
	*level = 0;
	for (size_t i = 0; i < sizeof head_keywords / sizeof head_keywords[0]; i++) {
		const struct head_keyword *k = &head_keywords[i];
		if (!keyword(sc, p, k->singular, k->plural, k->any_case, &q) || !sp(sc, q, &q))
			continue;
		item_init(it, p);
		if (k->lv == LV_APOINT)
			return point_element(sc, q, it, end);
		return parse_element(sc, q, k->lv, it, end);
	}
	return ordinal_phrase(sc, p, it, end) || this_phrase(sc, p, it, end);
}

/* ", first subparagraph", ", point (h)", ", Section 2", ", Part I": a finer element
 * inside the last item, appended to it. */
static bool parse_refinement(const struct scanner *sc, size_t p, struct item *it,
                             size_t *level, size_t *end)
{
	struct item add;
	size_t q, e;
	unsigned n;

	item_init(&add, p);
	if (ordinal(sc, p, &n, &q) && sp(sc, q, &q) &&
	    (word(sc, q, "subparagraph", false, &e) || word(sc, q, "paragraph", false, &e))) {
		add_number_comp(&add, LV_ORD, n, false);
	} else if (keyword(sc, p, "point", "points", false, &q) && sp(sc, q, &q)) {
		if (!point_element(sc, q, &add, &e))
			return false;
	} else if (keyword(sc, p, "Section", "Sections", false, &q) && sp(sc, q, &q)) {
		if (!parse_element(sc, q, LV_SECTION, &add, &e))
			return false;
	} else if (keyword(sc, p, "Part", "Parts", false, &q) && sp(sc, q, &q)) {
		if (!parse_element(sc, q, LV_PART, &add, &e))
			return false;
	} else {
		return false;
	}
	if (add.dead || it->n + add.n > MAX_COMPS || rank(&add.c[0]) >= rank(&it->c[it->n - 1]))
		return false;
	*level = it->n;
	memcpy(&it->c[it->n], add.c, add.n * sizeof add.c[0]);
	it->n += add.n;
	*end = e;
	return true;
}

/* "(2)" and "(h)" are different kinds of element: digits number paragraphs and
 * definitions, letters number points. */
static bool same_token_class(const char *a, const char *b)
{
	return is_digit((unsigned char)a[0]) == is_digit((unsigned char)b[0]);
}

/* Where k new "(x)" components go in prev: the deepest run of k components that
 * were written "(x)" and match them in class. In "Article 74(8) or (9)" that is the
 * (8); in "Article 5(1), first subparagraph, point (h), (2) to (6)" the (2) skips
 * the letter (h) and replaces the (1). SIZE_MAX when there is none. */
static size_t paren_slot(const struct item *prev, const struct item *add)
{
	size_t k = add->n;
	for (size_t j = prev->n >= k ? prev->n - k + 1 : 0; j-- > 0;) {
		size_t i = 0;
		while (i < k && prev->c[j + i].paren &&
		       same_token_class(prev->c[j + i].text, add->c[i].text))
			i++;
		if (i == k)
			return j;
	}
	return SIZE_MAX;
}

/* "Section B, points 1 to 5, and points 8 and 9 of Annex VIII" (AI Act Article
 * 49(4)(b)): a list item that repeats the keyword of the element a refinement listed
 * ("points" after ", points 1 to 5") is another element of the same kind in the same
 * place, so the components before it (Section B) carry over. Only after a refinement
 * (level > 0): "points 2 and points 5" with nothing before them have nothing to
 * carry, and are read as they always were. */
static bool repeated_keyword(const struct scanner *sc, size_t p, const struct item *prev,
                             size_t level, struct item *it, size_t *end)
{
	size_t q, e;
	if (level == 0 || level >= prev->n)
		return false;
	enum level lv = prev->c[level].lv;
	bool ok;
	item_init(it, p);
	memcpy(it->c, prev->c, level * sizeof prev->c[0]);
	it->n = level;
	switch (lv) {
	case LV_APOINT:
	case LV_PAREN:
		/* "points 8" repeats "points 1", "point (c)" repeats "point (a)"; the
		 * kind must match too, or "point (c)" would list beside "points 1" */
		ok = keyword(sc, p, "point", "points", false, &q) && sp(sc, q, &q) &&
		     point_element(sc, q, it, &e) && it->c[level].lv == lv;
		break;
	case LV_SECTION:
		ok = keyword(sc, p, "Section", "Sections", false, &q) && sp(sc, q, &q) &&
		     parse_element(sc, q, LV_SECTION, it, &e);
		break;
	case LV_PART:
		ok = keyword(sc, p, "Part", "Parts", false, &q) && sp(sc, q, &q) &&
		     parse_element(sc, q, LV_PART, it, &e);
		break;
	default:
		ok = false;
		break;
	}
	if (!ok || it->dead)
		return false;
	*end = e;
	return true;
}

/* A list item after `prev`: "(9)" replaces parenthesised components of prev,
 * "41" replaces the component at `level`, "the fifth paragraph" starts afresh.
 * *changed is the first replaced component, or SIZE_MAX for a fresh item. */
static bool parse_sibling(const struct scanner *sc, size_t p, const struct item *prev,
                          size_t level, struct item *it, size_t *changed, size_t *end)
{
	if (ch(sc, p) == '(') {
		struct item tmp;
		item_init(&tmp, p);
		size_t e = paren_chain(sc, p, &tmp, LV_PAREN, LV_PAREN);
		size_t j = tmp.n == 0 || tmp.dead ? SIZE_MAX : paren_slot(prev, &tmp);
		if (j == SIZE_MAX)
			return false;
		*it = *prev;
		it->start = p;
		it->range_at = -1;
		it->n = j + tmp.n; /* what came after the replaced ones belonged to them */
		for (size_t i = 0; i < tmp.n; i++)
			memcpy(it->c[j + i].text, tmp.c[i].text, COMP_TEXT);
		*changed = j;
		*end = e;
		return true;
	}
	if (repeated_keyword(sc, p, prev, level, it, end)) {
		*changed = level;
		return true;
	}
	enum level lv = level < prev->n ? prev->c[level].lv : LV_CTX;
	if (lv != LV_PAREN && lv != LV_ORD && lv != LV_CTX) {
		item_init(it, p);
		memcpy(it->c, prev->c, level * sizeof prev->c[0]);
		it->n = level;
		if (parse_element(sc, p, lv, it, end)) {
			*changed = level;
			return true;
		}
	}
	/* Only a list of relative points mixes in ordinals ("Points 4.3., 4.4. and the
	 * fifth paragraph of point 4.6"); after "Article 43(1) and" an ordinal starts
	 * a citation of its own. */
	if (!anchored(prev) && ordinal_phrase(sc, p, it, end)) {
		*changed = SIZE_MAX;
		return true;
	}
	return false;
}

static bool push_item(struct scanner *sc, const struct item *it)
{
	if (sc->nitems == sc->cap) {
		size_t cap = sc->cap ? sc->cap * 2 : 8;
		struct item *v;
		if (cap > SIZE_MAX / sizeof *v || (v = realloc(sc->items, cap * sizeof *v)) == NULL) {
			sc->oom = true;
			return false;
		}
		sc->items = v;
		sc->cap = cap;
	}
	sc->items[sc->nitems++] = *it;
	return true;
}

/* "to 109" after "Articles 102": turns the last item into a range when the upper
 * end differs from it only in its last component. */
static bool parse_range(const struct scanner *sc, size_t p, struct item *last,
                        size_t level, size_t *end)
{
	struct item hi;
	size_t changed, e;
	if (last->range_at >= 0 || !parse_sibling(sc, p, last, level, &hi, &changed, &e))
		return false;
	if (changed == SIZE_MAX || hi.dead || hi.n != last->n || changed != last->n - 1)
		return false;
	last->range_at = (int)changed;
	memcpy(last->range_hi, hi.c[changed].text, COMP_TEXT);
	last->end = e;
	*end = e;
	return true;
}

/* A space then "Section" after a chapter or annex, or "Part" after an annex: the
 * divisions those units have. *end is where the division's keyword starts. */
static bool divided_unit(const struct scanner *sc, const struct item *last, size_t p,
                         size_t *end)
{
	enum level lv = last->c[last->n - 1].lv;
	size_t q, e;
	if ((lv != LV_CHAPTER && lv != LV_ANNEX) || !sp(sc, p, &q))
		return false;
	if (!keyword(sc, q, "Section", "Sections", false, &e) &&
	    !(lv == LV_ANNEX && keyword(sc, q, "Part", "Parts", false, &e)))
		return false;
	*end = q;
	return true;
}

/* Reads one segment at p and pushes its items. */
static bool parse_segment(struct scanner *sc, size_t p, size_t *end)
{
	struct item it;
	size_t level, q;
	if (!parse_head(sc, p, &it, &level, &q))
		return false;
	it.end = q;
	if (!push_item(sc, &it))
		return false;

	for (;;) {
		struct item *last = &sc->items[sc->nitems - 1];
		size_t r, e, changed;
		if (last->range_at < 0 && comma(sc, q, &r) && parse_refinement(sc, r, last, &level, &e)) {
			last->end = q = e;
			continue;
		}
		/* "Chapter III Section 4" (AI Act Article 113(b)): a unit's own division
		 * written straight after it, without the comma, is still inside it, not a
		 * Section of the chapter the text stands in */
		if (last->range_at < 0 && divided_unit(sc, last, q, &r) &&
		    parse_refinement(sc, r, last, &level, &e)) {
			last->end = q = e;
			continue;
		}
		/* "Points 4.3., 4.4.": the OJ ends multi-level numbers with a dot */
		size_t s = q;
		if (last->c[last->n - 1].lv == LV_APOINT && ch(sc, q) == '.')
			s = q + 1;
		if (spaced_word(sc, s, "to", &r) && parse_range(sc, r, last, level, &e)) {
			q = e;
			continue;
		}
		if (list_sep(sc, s, &r) && parse_sibling(sc, r, last, level, &it, &changed, &e)) {
			it.end = e;
			if (changed == SIZE_MAX || changed < level)
				level = 0; /* a fresh item, or "(2)" back up at the paragraph */
			if (!push_item(sc, &it))
				return false;
			q = e;
			continue;
		}
		break;
	}
	*end = q;
	return true;
}

/* ------------------------------------------------------------------------------ */
/* Acts: "Regulation (EU) 2016/679", "Directive 2006/42/EC"                       */
/* ------------------------------------------------------------------------------ */

struct act_type {
	const char *word, *plural;
	char letter;               /* the CELEX type letter */
};

static const struct act_type act_types[] = {
	{"Regulation", "Regulations", 'R'},
	{"Directive", "Directives", 'L'},
	{"Decision", "Decisions", 'D'},
	{"Recommendation", "Recommendations", 'H'},
};

/* "EU", "EC", "Euratom", "JHA": an issuing series. */
static bool series_word(const struct scanner *sc, size_t p, size_t *end)
{
	size_t i = p;
	if (!is_upper(ch(sc, i)))
		return false;
	while (is_alnum(ch(sc, i)) && i - p < 10)
		i++;
	if (!word_ends(sc, i))
		return false;
	*end = i;
	return true;
}

/* Converts the year as printed (2 or 4 digits) to four digits; 0 when invalid. */
static unsigned full_year(uint64_t y, size_t digits)
{
	if (digits == 2)
		return (unsigned)(y >= 50 ? 1900 + y : 2000 + y);
	if (digits == 4 && y >= 1950 && y <= 2099)
		return (unsigned)y;
	return 0;
}

/* The number of an act after its type word, for example "(EU) 2016/679",
 * "(EU) No 1025/2012", "(EU, Euratom) 2018/1046", "2006/42/EC", "No 768/2008/EC".
 * With "No" the number comes before the year (the numbering before 2015). */
static bool act_number(const struct scanner *sc, size_t p, const char *type, char letter,
                       struct act *a, size_t *end)
{
	char series[40] = "";
	size_t q = p, e, len = 0;
	bool parens = ch(sc, p) == '(';
	bool has_no = false;

	if (parens) {
		q = p + 1;
		for (int words = 0;; words++) {
			if (words == 3 || !series_word(sc, q, &e))
				return false;
			len += (size_t)snprintf(series + len, sizeof series - len, "%s%.*s",
			                        words ? ", " : "", (int)(e - q), sc->s + q);
			q = e;
			if (ch(sc, q) == ')')
				break;
			if (!comma(sc, q, &q))
				return false;
		}
		if (!sp(sc, q + 1, &q))
			return false;
	}
	if (word(sc, q, "No", false, &e) && sp(sc, e, &e)) {
		has_no = true;
		q = e;
	}
	uint64_t first, second;
	size_t first_at = q, second_at;
	if (!number(sc, q, &first, &e) || e - q > 5 || ch(sc, e) != '/')
		return false;
	second_at = e + 1;
	if (!number(sc, second_at, &second, &q) || q - second_at > 5)
		return false;
	size_t first_len = e - first_at, second_len = q - second_at;
	char old_series[16] = "";
	if (!parens) {
		/* old numbering carries its series after a second slash: 2006/42/EC */
		if (ch(sc, q) != '/' || !series_word(sc, q + 1, &e))
			return false;
		snprintf(old_series, sizeof old_series, "%.*s", (int)(e - q - 1), sc->s + q + 1);
		q = e;
	} else if (is_alnum(ch(sc, q)) || ch(sc, q) == '/') {
		return false;
	}

	uint64_t num = has_no ? first : second;
	unsigned year = has_no ? full_year(second, second_len) : full_year(first, first_len);
	if (year == 0 || num == 0 || num > 99999)
		return false;
	/* year < 2100 and num < 100000: at most 11 characters */
	snprintf(a->celex, sizeof a->celex, "3%04u%c%04u", year % 10000u, letter,
	         (unsigned)num % 100000u);
	snprintf(a->label, sizeof a->label, "%s%s%s%s%s%.*s/%.*s%s%s", type,
	         parens ? " (" : " ", series, parens ? ") " : "", has_no ? "No " : "",
	         (int)first_len, sc->s + first_at, (int)second_len, sc->s + second_at,
	         old_series[0] ? "/" : "", old_series);
	*end = q;
	return true;
}

/* The type words of an act: "Regulation", "Council Framework Decision",
 * "Commission Implementing Regulation". The issuing institution is left out of the
 * label so that one act always gets one label. */
static bool act_type_words(const struct scanner *sc, size_t p, bool plural_ok, char type[40],
                           char *letter, size_t *end)
{
	size_t q = p, e;
	const char *adjective = "";
	if ((word(sc, q, "Council", false, &e) || word(sc, q, "Commission", false, &e)) &&
	    sp(sc, e, &e))
		q = e;
	if (word(sc, q, "Implementing", false, &e) && sp(sc, e, &e)) {
		adjective = "Implementing ";
		q = e;
	} else if (word(sc, q, "Delegated", false, &e) && sp(sc, e, &e)) {
		adjective = "Delegated ";
		q = e;
	} else if (word(sc, q, "Framework", false, &e) && sp(sc, e, &e) &&
	           word(sc, e, "Decision", false, &e)) {
		snprintf(type, 40, "Framework Decision");
		*letter = 'F';
		*end = e;
		return true;
	}
	for (size_t i = 0; i < sizeof act_types / sizeof act_types[0]; i++) {
		const struct act_type *t = &act_types[i];
		if ((plural_ok && word(sc, q, t->plural, false, &e)) || word(sc, q, t->word, false, &e)) {
			snprintf(type, 40, "%s%s", adjective, t->word);
			*letter = t->letter;
			*end = e;
			return true;
		}
	}
	return false;
}

/* One act with its number; with plural_ok also "Regulations (EU) ..." (the caller
 * then reads the rest of the list). */
static bool parse_act(const struct scanner *sc, size_t p, bool plural_ok, struct act *a,
                      char type[40], char *letter, size_t *end)
{
	size_t q;
	return act_type_words(sc, p, plural_ok, type, letter, &q) && sp(sc, q, &q) &&
	       act_number(sc, q, type, *letter, a, end);
}

/* ------------------------------------------------------------------------------ */
/* Output                                                                          */
/* ------------------------------------------------------------------------------ */

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

static bool emit_external(struct scanner *sc, size_t start, size_t end, const struct act *a)
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
	bool in_annex = has_prefix(ctx->unit, "anx-");
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
	bool in_chapter = has_prefix(id, "chp-");

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
	return roman(&tmp, 0, false, &v, &e) && e == tmp.n ? v : 0;
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
		to_roman((unsigned)(r->lo + i), out);
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
static bool emit_internal(struct scanner *sc, const struct item *it)
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

/* ------------------------------------------------------------------------------ */
/* Groups                                                                          */
/* ------------------------------------------------------------------------------ */

enum qualifier {
	Q_NONE,      /* nothing names the act: this Regulation, unless a later group of
	                the same enumeration names another */
	Q_THIS,      /* "of this Regulation" */
	Q_EXTERNAL,  /* "of Regulation (EU) 2016/679" */
	Q_FOREIGN,   /* "of that Directive", "TFEU", "thereof": another act, unnamed */
};

static bool is_internal_keyword(const struct scanner *sc, size_t p)
{
	size_t e;
	for (size_t i = 0; i < sizeof head_keywords / sizeof head_keywords[0]; i++)
		if (keyword(sc, p, head_keywords[i].singular, head_keywords[i].plural, true, &e))
			return true;
	return false;
}

/* "that Regulation", "those Directives": an act named by reference. */
static bool that_act(const struct scanner *sc, size_t p, size_t *end)
{
	size_t e;
	return (word(sc, p, "that", false, &e) || word(sc, p, "those", false, &e)) &&
	       sp(sc, e, &e) &&
	       (keyword(sc, e, "Regulation", "Regulations", false, end) ||
	        keyword(sc, e, "Directive", "Directives", false, end) ||
	        keyword(sc, e, "Decision", "Decisions", false, end));
}

/* After "of" or "to" at q: the act the group belongs to. With broad ("of") also the
 * words that can only name another act: "of that Article", "of the Charter", "of
 * Protocol No 21", "of this Directive" (inside a quoted amendment). "to" is kept
 * narrow because "to that end" and "to Member States" are ordinary prose. */
static enum qualifier read_act_words(const struct scanner *sc, size_t q, bool broad,
                                     struct act *a, size_t *end)
{
	size_t e;
	char type[40], letter;
	if (parse_act(sc, q, false, a, type, &letter, end))
		return Q_EXTERNAL;
	if (word(sc, q, "this", false, &e) && sp(sc, e, &e) && word(sc, e, "Regulation", false, end))
		return Q_THIS; /* the caller keeps it out of the span */
	bool foreign = that_act(sc, q, &e);
	if (broad)
		foreign = foreign || word(sc, q, "that", false, &e) || word(sc, q, "those", false, &e) ||
		          (word(sc, q, "this", false, &e) && sp(sc, e, &e) && is_upper(ch(sc, e)) &&
		           !is_internal_keyword(sc, e)) ||
		          (word(sc, q, "the", false, &e) && sp(sc, e, &e) && is_upper(ch(sc, e))) ||
		          (word_starts(sc, q) && is_upper(ch(sc, q)) && !is_internal_keyword(sc, q));
	if (foreign) {
		*end = q;
		return Q_FOREIGN;
	}
	return Q_NONE;
}

/* What follows a group at p: an act ("of Regulation (EU) 2016/679", "Annex I to
 * Decision No 768/2008/EC"), another act's words ("TFEU", "thereof"), or nothing. */
static enum qualifier read_qualifier(const struct scanner *sc, size_t p, struct act *a,
                                     size_t *end)
{
	size_t q;
	size_t s = ch(sc, p) == ',' ? p + 1 : p;

	if (sp(sc, s, &q) && (word(sc, q, "thereof", false, end) ||
	                      word(sc, q, "TFEU", false, end) || word(sc, q, "TEU", false, end)))
		return Q_FOREIGN;
	if (of_sep(sc, p, &q))
		return read_act_words(sc, q, true, a, end);
	if (spaced_word(sc, p, "to", &q))
		return read_act_words(sc, q, false, a, end);
	return Q_NONE;
}

/* Applies base (a one-item segment) to the group's items finer than it. Returns
 * how many it applied to. */
static size_t apply_base(struct scanner *sc, size_t first, size_t count, const struct item *base)
{
	int finest = rank(&base->c[base->n - 1]);
	size_t applied = 0;
	for (size_t i = first; i < first + count; i++) {
		struct item *it = &sc->items[i];
		if (anchored(it) || rank(&it->c[0]) >= finest)
			continue;
		applied++;
		if (base->dead || it->n + base->n > MAX_COMPS) {
			it->dead = true;
			continue;
		}
		memmove(it->c + base->n, it->c, it->n * sizeof it->c[0]);
		memcpy(it->c, base->c, base->n * sizeof base->c[0]);
		it->n += base->n;
		if (it->range_at >= 0)
			it->range_at += (int)base->n;
	}
	return applied;
}

/* Reads the bases of the group's items ("of paragraph 1 of Article 5"). Returns the
 * end of what was read, or sets *abandon when a base lists several elements ("point
 * (a) of Articles 5 and 6"), which we do not pair up. */
static size_t read_bases(struct scanner *sc, size_t first, size_t q, bool *abandon,
                         size_t *abandon_at)
{
	int outer = 0; /* each base must be coarser than the one before */
	size_t count = sc->nitems - first;
	bool takes_base = false;
	*abandon = false;
	for (size_t i = first; i < first + count; i++)
		takes_base = takes_base || !anchored(&sc->items[i]);
	if (!takes_base)
		return q; /* "Article 5 of ..." is never "of" an internal element */
	for (;;) {
		size_t r, e;
		if (!of_sep(sc, q, &r))
			break;
		size_t mark = sc->nitems;
		if (!parse_segment(sc, r, &e)) {
			sc->nitems = mark;
			break;
		}
		if (sc->nitems - mark != 1 || sc->items[mark].range_at >= 0) {
			sc->nitems = mark;
			*abandon = true;
			*abandon_at = r;
			return q;
		}
		struct item base = sc->items[mark];
		sc->nitems = mark;
		if (rank(&base.c[base.n - 1]) <= outer || apply_base(sc, first, count, &base) == 0)
			break;
		outer = rank(&base.c[0]);
		sc->items[first + count - 1].end = e;
		q = e;
	}
	return q;
}

/* The earlier groups of an enumeration turn out to cite another act: drop their
 * citations (act unnamed, a == NULL) or make them citations of the named act. */
static void requalify_run(struct scanner *sc, const struct act *a)
{
	cite_list *l = sc->out;
	for (size_t i = sc->run_first; i < l->n; i++) {
		cite *c = &l->v[i];
		free(c->targets);
		c->targets = NULL;
		c->ntargets = 0;
		c->truncated = 0;
		if (a != NULL) {
			c->kind = CITE_EXTERNAL;
			memcpy(c->celex, a->celex, sizeof c->celex);
			memcpy(c->act, a->label, sizeof c->act);
		}
	}
	if (a == NULL)
		l->n = sc->run_first;
}

/* Only "Article 6(4)", "Chapter III": what another act could also have. "this
 * paragraph" or "point (a)" are always ours, so they never join another act's
 * enumeration ("reference is made to this paragraph, Article 5 of Regulation ..."). */
static bool all_absolute(const struct scanner *sc, size_t first, size_t count)
{
	for (size_t i = first; i < first + count; i++) {
		const struct item *it = &sc->items[i];
		if (!anchored(it) || it->c[0].lv == LV_CTX)
			return false;
	}
	return true;
}

/* Reads and emits the citation group at p, if there is one. *end is past what it
 * consumed (always > p on success), even when nothing could be emitted. */
static bool scan_group(struct scanner *sc, size_t p, size_t *end)
{
	size_t first = sc->nitems, q, r, abandon_at = 0;
	bool abandon;
	if (!parse_segment(sc, p, &q))
		return false;
	if (!(sc->run_open && list_sep(sc, sc->run_end, &r) && r == p))
		sc->run_first = sc->out->n;
	sc->run_open = false;
	q = read_bases(sc, first, q, &abandon, &abandon_at);
	if (abandon) {
		sc->nitems = first;
		*end = abandon_at;
		return true;
	}

	struct act a;
	size_t qe, count = sc->nitems - first;
	enum qualifier kind = read_qualifier(sc, q, &a, &qe);
	switch (kind) {
	case Q_EXTERNAL:
		if (sc->act_items) {
			/* only what names its unit itself: "paragraph 2" of another act
			 * would need that act's context */
			for (size_t i = 0; i < count && !sc->oom; i++)
				if (anchored(&sc->items[first + i]) && sc->items[first + i].c[0].lv != LV_CTX)
					emit_internal(sc, &sc->items[first + i]);
			q = qe;
			break;
		}
		requalify_run(sc, &a);
		emit_external(sc, sc->items[first].start, qe, &a);
		q = qe;
		break;
	case Q_FOREIGN:
		requalify_run(sc, NULL);
		q = qe;
		break;
	case Q_NONE:
	case Q_THIS:
		for (size_t i = 0; i < count && !sc->oom; i++)
			emit_internal(sc, &sc->items[first + i]);
		sc->run_open = kind == Q_NONE && all_absolute(sc, first, count);
		sc->run_end = q;
		break;
	}
	/* running out of memory is seen by the main loop through sc->oom */
	sc->nitems = first;
	*end = q;
	return true;
}

/* "Regulation (EU) 2016/679", or a list "Regulations (EU) 2016/679 and (EU)
 * 2018/1725": one external citation per act. The OJ also lists after a singular
 * type ("Directive 2002/58/EC or (EU) 2016/680"), so both continue. */
static bool scan_acts(struct scanner *sc, size_t p, size_t *end)
{
	struct act a;
	char type[40], letter;
	size_t q, r, e;
	if (!parse_act(sc, p, true, &a, type, &letter, &q))
		return false;
	sc->run_open = false;
	*end = q;
	if (!emit_external(sc, p, q, &a))
		return true;
	while (list_sep(sc, q, &r) && act_number(sc, r, type, letter, &a, &e)) {
		if (!emit_external(sc, r, e, &a))
			break;
		*end = q = e;
	}
	return true;
}

/* ------------------------------------------------------------------------------ */
/* Entry points                                                                    */
/* ------------------------------------------------------------------------------ */

static char lower_ascii(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/*
 * Whether a citation could start with the word at p, from its first three letters
 * (any case): every word that parse_head, ordinal_phrase, this_phrase and
 * act_type_words accept first. Most words of the law start no citation; this test
 * keeps the scanner from trying every grammar rule on each of them.
 */
static bool may_open_citation(const struct scanner *sc, size_t p)
{
	char a = lower_ascii((char)ch(sc, p)), b = lower_ascii((char)ch(sc, p + 1)),
	     c = lower_ascii((char)ch(sc, p + 2));
	switch (a) {
	case 'a': /* article, annex */
		return (b == 'r' && c == 't') || (b == 'n' && c == 'n');
	case 'c': /* chapter, council, commission */
		return (b == 'h' && c == 'a') || (b == 'o' && (c == 'u' || c == 'm'));
	case 's': /* section, second, seventh, sixth */
		return (b == 'e' && (c == 'c' || c == 'v')) || (b == 'i' && c == 'x');
	case 'p': /* part, paragraph, point */
		return (b == 'a' && c == 'r') || (b == 'o' && c == 'i');
	case 'r': /* recital, recommendation, regulation */
		return b == 'e' && (c == 'c' || c == 'g');
	case 't': /* the, this, third, tenth */
		return (b == 'h' && (c == 'e' || c == 'i')) || (b == 'e' && c == 'n');
	case 'f': /* first, fourth, fifth, framework */
		return (b == 'i' && (c == 'r' || c == 'f')) || (b == 'o' && c == 'u') ||
		       (b == 'r' && c == 'a');
	case 'e': /* eighth */
		return b == 'i' && c == 'g';
	case 'n': /* ninth */
		return b == 'i' && c == 'n';
	case 'i': /* implementing */
		return b == 'm' && c == 'p';
	case 'd': /* delegated, directive, decision */
		return (b == 'e' && (c == 'l' || c == 'c')) || (b == 'i' && c == 'r');
	default:
		return false;
	}
}

static int scan(const char *text, size_t len, const cite_context *ctx, size_t max_range,
                bool act_items, cite_list *out)
{
	struct scanner sc;
	if (out == NULL)
		return -1;
	memset(&sc, 0, sizeof sc);
	sc.s = text;
	sc.n = text ? len : 0;
	sc.ctx = ctx;
	sc.max_range = max_range ? max_range : 1; /* a range always yields its first id */
	sc.out = out;
	sc.act_items = act_items;

	size_t p = 0;
	while (p < sc.n && !sc.oom) {
		size_t e;
		if (!word_starts(&sc, p)) {
			p++;
			continue;
		}
		if (may_open_citation(&sc, p) && (scan_group(&sc, p, &e) || scan_acts(&sc, p, &e))) {
			p = e;
			continue;
		}
		while (p < sc.n && is_alnum(ch(&sc, p)))
			p++;
	}
	free(sc.items);
	return sc.oom ? -1 : 0;
}

int cite_scan(const char *text, size_t len, const cite_context *ctx,
              size_t max_range, cite_list *out)
{
	return scan(text, len, ctx, max_range, false, out);
}

int cite_act_targets(const char *span, size_t len, size_t max_range, cite_list *out)
{
	cite_list all;
	memset(&all, 0, sizeof all);
	if (out == NULL || scan(span, len, NULL, max_range, true, &all) != 0) {
		cite_list_free(&all);
		return -1;
	}
	/* keep the internal citations only: a bare act ("Regulation (EU) 2016/679")
	 * in the span names no provision */
	for (size_t i = 0; i < all.n; i++) {
		if (all.v[i].kind != CITE_INTERNAL) {
			free(all.v[i].targets);
			continue;
		}
		if (out->n == out->cap) {
			size_t cap = out->cap ? out->cap * 2 : 4;
			cite *v = cap > SIZE_MAX / sizeof *v ? NULL : realloc(out->v, cap * sizeof *v);
			if (v == NULL) {
				for (size_t k = i; k < all.n; k++)
					free(all.v[k].targets);
				free(all.v);
				return -1;
			}
			out->v = v;
			out->cap = cap;
		}
		out->v[out->n++] = all.v[i];
	}
	free(all.v);
	return 0;
}

void cite_list_free(cite_list *list)
{
	if (list == NULL)
		return;
	for (size_t i = 0; i < list->n; i++)
		free(list->v[i].targets);
	free(list->v);
	list->v = NULL;
	list->n = list->cap = 0;
}
