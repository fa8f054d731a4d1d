/*
 * cite.c - the citation scanner's entry points (see cite.h; cite_impl.h lists
 * the files of the scanner).
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
#include "link/cite_impl.h"

static char lower_ascii(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/*
 * Whether a citation could start with the word at p, from its first three letters
 * (any case): every word that cite_parse_head, cite_ordinal_phrase, cite_this_phrase and
 * cite_act_type_words accept first. Most words of the law start no citation; this test
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
		if (!cite_word_starts(&sc, p)) {
			p++;
			continue;
		}
		if (may_open_citation(&sc, p) &&
		    (cite_scan_group(&sc, p, &e) || cite_scan_acts(&sc, p, &e))) {
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
