/*
 * cite_group.c - groups of segments and their qualifier (cite_impl.h): "of this
 * Regulation", "of Regulation (EU) 2016/679", "of that Directive"; the bases the items
 * sit in, and the enumeration that shares a qualifier at its end.
 */
#include "link/cite_impl.h"

enum qualifier {
	Q_NONE,      /* nothing names the act: this Regulation, unless a later group of
	                the same enumeration names another */
	Q_THIS,      /* "of this Regulation" */
	Q_EXTERNAL,  /* "of Regulation (EU) 2016/679" */
	Q_FOREIGN,   /* "of that Directive", "TFEU", "thereof": another act, unnamed */
};

/* "that Regulation", "those Directives": an act named by reference. */
static bool that_act(const struct scanner *sc, size_t p, size_t *end)
{
	size_t e;
	return (cite_word(sc, p, "that", false, &e) || cite_word(sc, p, "those", false, &e)) &&
	       cite_sp(sc, e, &e) &&
	       (cite_keyword(sc, e, "Regulation", "Regulations", false, end) ||
	        cite_keyword(sc, e, "Directive", "Directives", false, end) ||
	        cite_keyword(sc, e, "Decision", "Decisions", false, end));
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
	if (cite_parse_act(sc, q, false, a, type, &letter, end))
		return Q_EXTERNAL;
	if (cite_word(sc, q, "this", false, &e) && cite_sp(sc, e, &e) &&
	    cite_word(sc, e, "Regulation", false, end))
		return Q_THIS; /* the caller keeps it out of the span */
	bool foreign = that_act(sc, q, &e);
	if (broad)
		foreign = foreign || cite_word(sc, q, "that", false, &e) ||
		          cite_word(sc, q, "those", false, &e) ||
		          (cite_word(sc, q, "this", false, &e) && cite_sp(sc, e, &e) &&
		           is_upper(ch(sc, e)) && !cite_is_internal_keyword(sc, e)) ||
		          (cite_word(sc, q, "the", false, &e) && cite_sp(sc, e, &e) &&
		           is_upper(ch(sc, e))) ||
		          (cite_word_starts(sc, q) && is_upper(ch(sc, q)) &&
		           !cite_is_internal_keyword(sc, q));
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

	if (cite_sp(sc, s, &q) &&
	    (cite_word(sc, q, "thereof", false, end) || cite_word(sc, q, "TFEU", false, end) ||
	     cite_word(sc, q, "TEU", false, end)))
		return Q_FOREIGN;
	if (cite_of_sep(sc, p, &q))
		return read_act_words(sc, q, true, a, end);
	if (cite_spaced_word(sc, p, "to", &q))
		return read_act_words(sc, q, false, a, end);
	return Q_NONE;
}

/* Applies base (a one-item segment) to the group's items finer than it. Returns
 * how many it applied to. */
static size_t apply_base(struct scanner *sc, size_t first, size_t count, const struct item *base)
{
	int finest = cite_rank(&base->c[base->n - 1]);
	size_t applied = 0;
	for (size_t i = first; i < first + count; i++) {
		struct item *it = &sc->items[i];
		if (cite_anchored(it) || cite_rank(&it->c[0]) >= finest)
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
		takes_base = takes_base || !cite_anchored(&sc->items[i]);
	if (!takes_base)
		return q; /* "Article 5 of ..." is never "of" an internal element */
	for (;;) {
		size_t r, e;
		if (!cite_of_sep(sc, q, &r))
			break;
		size_t mark = sc->nitems;
		if (!cite_parse_segment(sc, r, &e)) {
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
		if (cite_rank(&base.c[base.n - 1]) <= outer || apply_base(sc, first, count, &base) == 0)
			break;
		outer = cite_rank(&base.c[0]);
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
		if (!cite_anchored(it) || it->c[0].lv == LV_CTX)
			return false;
	}
	return true;
}

/* Reads and emits the citation group at p, if there is one. *end is past what it
 * consumed (always > p on success), even when nothing could be emitted. */
bool cite_scan_group(struct scanner *sc, size_t p, size_t *end)
{
	size_t first = sc->nitems, q, r, abandon_at = 0;
	bool abandon;
	if (!cite_parse_segment(sc, p, &q))
		return false;
	if (!(sc->run_open && cite_list_sep(sc, sc->run_end, &r) && r == p))
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
				if (cite_anchored(&sc->items[first + i]) &&
				    sc->items[first + i].c[0].lv != LV_CTX)
					cite_emit_internal(sc, &sc->items[first + i]);
			q = qe;
			break;
		}
		requalify_run(sc, &a);
		cite_emit_external(sc, sc->items[first].start, qe, &a);
		q = qe;
		break;
	case Q_FOREIGN:
		requalify_run(sc, NULL);
		q = qe;
		break;
	case Q_NONE:
	case Q_THIS:
		for (size_t i = 0; i < count && !sc->oom; i++)
			cite_emit_internal(sc, &sc->items[first + i]);
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
bool cite_scan_acts(struct scanner *sc, size_t p, size_t *end)
{
	struct act a;
	char type[40], letter;
	size_t q, r, e;
	if (!cite_parse_act(sc, p, true, &a, type, &letter, &q))
		return false;
	sc->run_open = false;
	*end = q;
	if (!cite_emit_external(sc, p, q, &a))
		return true;
	while (cite_list_sep(sc, q, &r) && cite_act_number(sc, r, type, letter, &a, &e)) {
		if (!cite_emit_external(sc, r, e, &a))
			break;
		*end = q = e;
	}
	return true;
}
