/*
 * cite_element.c - the model's items and components, and the element after a keyword
 * (cite_impl.h): "43(1)", "(a)(iii)", "4.6", "III", "A"; the ordinals ("the fifth
 * paragraph") and the context words ("this Article") that stand for an element.
 */
#include "link/cite_impl.h"

int cite_rank(const struct comp *c)
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
bool cite_anchored(const struct item *it)
{
	switch (it->c[0].lv) {
	case LV_ARTICLE: case LV_ANNEX: case LV_CHAPTER: case LV_RECITAL: case LV_CTX:
		return true;
	default:
		return false;
	}
}

void cite_item_init(struct item *it, size_t start)
{
	memset(it, 0, sizeof *it);
	it->start = start;
	it->end = start;
	it->range_at = -1;
}

/* Appends a component; an item that would be deeper than MAX_COMPS is marked dead. */
void cite_add_comp(struct item *it, enum level lv, const char *text, bool paren)
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

void cite_add_number_comp(struct item *it, enum level lv, uint64_t v, bool paren)
{
	char text[COMP_TEXT];
	snprintf(text, sizeof text, "%llu", (unsigned long long)v);
	cite_add_comp(it, lv, text, paren);
}

/* Zero or more "(x)" in a row; the first becomes `first`, later ones `rest`
 * ("Article 5(1)(a)": a paragraph, then a point). */
size_t cite_paren_chain(const struct scanner *sc, size_t p, struct item *it,
                        enum level first, enum level rest)
{
	char text[COMP_TEXT];
	size_t e, count = 0;
	while (cite_paren_token(sc, p, text, &e)) {
		cite_add_comp(it, count == 0 ? first : rest, text, true);
		count++;
		p = e;
	}
	return p;
}

/* Reads one element of level lv at p (no keyword) and appends its components. */
bool cite_parse_element(const struct scanner *sc, size_t p, enum level lv,
                        struct item *it, size_t *end)
{
	char text[COMP_TEXT];
	uint64_t v;
	unsigned r;
	size_t e, e2, e3;

	switch (lv) {
	case LV_ARTICLE:
		if (!cite_article_number(sc, p, text, &e))
			return false;
		cite_add_comp(it, LV_ARTICLE, text, false);
		*end = cite_paren_chain(sc, e, it, LV_PARA, LV_PAREN);
		return true;
	case LV_PARA:
	case LV_RECITAL:
		/* "paragraph 2", or "paragraphs (1) to (3)" in quoted amendments */
		if (cite_paren_token(sc, p, text, &e) && is_digit((unsigned char)text[0]))
			cite_add_comp(it, lv, text, true);
		else if (lv == LV_PARA && cite_article_number(sc, p, text, &e) && !is_digit(
		                 (unsigned char)text[strlen(text) - 1]))
			cite_add_comp(it, lv, text, false); /* "paragraph 1a", inserted after 1 */
		else if (cite_small_number(sc, p, &v, &e) && cite_word_ends(sc, e))
			cite_add_number_comp(it, lv, v, false);
		else
			return false;
		*end = lv == LV_PARA ? cite_paren_chain(sc, e, it, LV_PAREN, LV_PAREN) : e;
		return true;
	case LV_APOINT:
		if (!cite_dotted(sc, p, text, &e))
			return false;
		cite_add_comp(it, LV_APOINT, text, false);
		/* "point 2(f)", and the OJ's occasional "points 2 (d) and (e)" */
		if (ch(sc, e) != '(' && cite_sp(sc, e, &e2) && cite_paren_token(sc, e2, text, &e3))
			e = e2;
		*end = cite_paren_chain(sc, e, it, LV_PAREN, LV_PAREN);
		return true;
	case LV_PAREN:
		e = cite_paren_chain(sc, p, it, LV_PAREN, LV_PAREN);
		*end = e;
		return e != p;
	case LV_ANNEX:
	case LV_CHAPTER:
		if (!cite_roman(sc, p, true, &r, &e))
			return false;
		cite_add_number_comp(it, lv, r, false);
		*end = e;
		return true;
	case LV_PART:
		if (cite_roman(sc, p, true, &r, &e))
			v = r;
		else if (!cite_small_number(sc, p, &v, &e) || !cite_word_ends(sc, e))
			return false;
		cite_add_number_comp(it, lv, v, false);
		*end = e;
		return true;
	case LV_SECTION:
		if (cite_small_number(sc, p, &v, &e) && cite_word_ends(sc, e)) {
			cite_add_number_comp(it, lv, v, false);
		} else if (is_upper(ch(sc, p)) && cite_word_ends(sc, p + 1)) {
			text[0] = (char)ch(sc, p);
			text[1] = '\0';
			cite_add_comp(it, lv, text, false);
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
bool cite_ordinal_phrase(const struct scanner *sc, size_t p, struct item *it, size_t *end)
{
	size_t q = p, e;
	unsigned n;
	if (!(cite_word(sc, p, "the", true, &e) && cite_sp(sc, e, &q)))
		q = p; /* "the" is optional: "paragraph 1, first subparagraph" has none */
	if (!cite_ordinal(sc, q, &n, &e) || !cite_sp(sc, e, &q))
		return false;
	if (!cite_word(sc, q, "subparagraph", false, &e) && !cite_word(sc, q, "paragraph", false, &e))
		return false;
	cite_item_init(it, p);
	cite_add_number_comp(it, LV_ORD, n, false);
	*end = e;
	return true;
}

bool cite_has_prefix(const char *s, const char *prefix)
{
	return s != NULL && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* "this Article", "this paragraph": the element the text stands in. */
bool cite_this_phrase(const struct scanner *sc, size_t p, struct item *it, size_t *end)
{
	const cite_context *ctx = sc->ctx;
	const char *unit = ctx ? ctx->unit : NULL;
	struct { const char *w; enum level lv; const char *id; } const what[] = {
		{"Article", LV_ARTICLE, cite_has_prefix(unit, "art-") ? unit : NULL},
		{"Annex", LV_ANNEX, cite_has_prefix(unit, "anx-") ? unit : NULL},
		{"Chapter", LV_CHAPTER, ctx ? ctx->chapter : NULL},
		{"Section", LV_SECTION, ctx ? ctx->section : NULL},
		{"paragraph", LV_PARA, ctx ? ctx->para : NULL},
		{"subparagraph", LV_ORD, ctx ? ctx->container : NULL},
	};
	size_t q;
	if (!cite_word(sc, p, "this", true, &q) || !cite_sp(sc, q, &q))
		return false;
	for (size_t i = 0; i < sizeof what / sizeof what[0]; i++) {
		if (cite_word(sc, q, what[i].w, false, end)) {
			cite_item_init(it, p);
			cite_add_comp(it, LV_CTX, "", false);
			it->c[0].ctx_level = what[i].lv;
			it->c[0].ctx = what[i].id;
			return true;
		}
	}
	return false;
}
