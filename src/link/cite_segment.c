/*
 * cite_segment.c - the grammar of one segment (cite_impl.h): a head ("Article 43(1)",
 * "points 2", "the fifth paragraph", "this Chapter"), list items ("and (9)", ", 41"),
 * ranges ("to 109") and refinements (", first subparagraph", ", point (h)(iii)").
 */
#include "link/cite_impl.h"

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
		return cite_parse_element(sc, p, LV_PAREN, it, end);
	return cite_parse_element(sc, p, LV_APOINT, it, end);
}

/* The first element of a segment. *level is the index of the component that later
 * bare list items replace ("Articles 40 and 41": 0). */
bool cite_parse_head(const struct scanner *sc, size_t p, struct item *it,
                     size_t *level, size_t *end)
{
	size_t q;
	*level = 0;
	for (size_t i = 0; i < sizeof head_keywords / sizeof head_keywords[0]; i++) {
		const struct head_keyword *k = &head_keywords[i];
		if (!cite_keyword(sc, p, k->singular, k->plural, k->any_case, &q) || !cite_sp(sc, q, &q))
			continue;
		cite_item_init(it, p);
		if (k->lv == LV_APOINT)
			return point_element(sc, q, it, end);
		return cite_parse_element(sc, q, k->lv, it, end);
	}
	return cite_ordinal_phrase(sc, p, it, end) || cite_this_phrase(sc, p, it, end);
}

/* ", first subparagraph", ", point (h)", ", Section 2", ", Part I": a finer element
 * inside the last item, appended to it. */
static bool parse_refinement(const struct scanner *sc, size_t p, struct item *it,
                             size_t *level, size_t *end)
{
	struct item add;
	size_t q, e;
	unsigned n;

	cite_item_init(&add, p);
	if (cite_ordinal(sc, p, &n, &q) && cite_sp(sc, q, &q) &&
	    (cite_word(sc, q, "subparagraph", false, &e) || cite_word(sc, q, "paragraph", false, &e))) {
		cite_add_number_comp(&add, LV_ORD, n, false);
	} else if (cite_keyword(sc, p, "point", "points", false, &q) && cite_sp(sc, q, &q)) {
		if (!point_element(sc, q, &add, &e))
			return false;
	} else if (cite_keyword(sc, p, "Section", "Sections", false, &q) && cite_sp(sc, q, &q)) {
		if (!cite_parse_element(sc, q, LV_SECTION, &add, &e))
			return false;
	} else if (cite_keyword(sc, p, "Part", "Parts", false, &q) && cite_sp(sc, q, &q)) {
		if (!cite_parse_element(sc, q, LV_PART, &add, &e))
			return false;
	} else {
		return false;
	}
	if (add.dead || it->n + add.n > MAX_COMPS ||
	    cite_rank(&add.c[0]) >= cite_rank(&it->c[it->n - 1]))
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
	cite_item_init(it, p);
	memcpy(it->c, prev->c, level * sizeof prev->c[0]);
	it->n = level;
	switch (lv) {
	case LV_APOINT:
	case LV_PAREN:
		/* "points 8" repeats "points 1", "point (c)" repeats "point (a)"; the
		 * kind must match too, or "point (c)" would list beside "points 1" */
		ok = cite_keyword(sc, p, "point", "points", false, &q) && cite_sp(sc, q, &q) &&
		     point_element(sc, q, it, &e) && it->c[level].lv == lv;
		break;
	case LV_SECTION:
		ok = cite_keyword(sc, p, "Section", "Sections", false, &q) && cite_sp(sc, q, &q) &&
		     cite_parse_element(sc, q, LV_SECTION, it, &e);
		break;
	case LV_PART:
		ok = cite_keyword(sc, p, "Part", "Parts", false, &q) && cite_sp(sc, q, &q) &&
		     cite_parse_element(sc, q, LV_PART, it, &e);
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
		cite_item_init(&tmp, p);
		size_t e = cite_paren_chain(sc, p, &tmp, LV_PAREN, LV_PAREN);
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
		cite_item_init(it, p);
		memcpy(it->c, prev->c, level * sizeof prev->c[0]);
		it->n = level;
		if (cite_parse_element(sc, p, lv, it, end)) {
			*changed = level;
			return true;
		}
	}
	/* Only a list of relative points mixes in ordinals ("Points 4.3., 4.4. and the
	 * fifth paragraph of point 4.6"); after "Article 43(1) and" an ordinal starts
	 * a citation of its own. */
	if (!cite_anchored(prev) && cite_ordinal_phrase(sc, p, it, end)) {
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
	if ((lv != LV_CHAPTER && lv != LV_ANNEX) || !cite_sp(sc, p, &q))
		return false;
	if (!cite_keyword(sc, q, "Section", "Sections", false, &e) &&
	    !(lv == LV_ANNEX && cite_keyword(sc, q, "Part", "Parts", false, &e)))
		return false;
	*end = q;
	return true;
}

/* Reads one segment at p and pushes its items. */
bool cite_parse_segment(struct scanner *sc, size_t p, size_t *end)
{
	struct item it;
	size_t level, q;
	if (!cite_parse_head(sc, p, &it, &level, &q))
		return false;
	it.end = q;
	if (!push_item(sc, &it))
		return false;

	for (;;) {
		struct item *last = &sc->items[sc->nitems - 1];
		size_t r, e, changed;
		if (last->range_at < 0 && cite_comma(sc, q, &r) &&
		    parse_refinement(sc, r, last, &level, &e)) {
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
		if (cite_spaced_word(sc, s, "to", &r) && parse_range(sc, r, last, level, &e)) {
			q = e;
			continue;
		}
		if (cite_list_sep(sc, s, &r) && parse_sibling(sc, r, last, level, &it, &changed, &e)) {
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

bool cite_is_internal_keyword(const struct scanner *sc, size_t p)
{
	size_t e;
	for (size_t i = 0; i < sizeof head_keywords / sizeof head_keywords[0]; i++)
		if (cite_keyword(sc, p, head_keywords[i].singular, head_keywords[i].plural, true, &e))
			return true;
	return false;
}
