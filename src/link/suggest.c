/*
 * suggest.c - computed recital ↔ article/annex relations (suggest.h, doc/graph.md):
 * the model.
 *
 * suggest_compute reads the graph's documents (suggest_docs.c), then scores every
 * recital (suggest_score.c); what is kept is sparse: only the pairs a recital reaches
 * (suggest_score.c says which), by recital (rows) and by unit (columns). This file
 * answers the queries on the model: ids, scores, and the best pairs either way, ties
 * going to document order. The scorer never reads <edges>; evidence and edges are
 * suggest_emit.c's. What the files share: suggest_impl.h.
 */
#include "link/suggest_impl.h"

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
	if (suggest_docs_index(m, root, &recs, &units, &pass, unit_ix) != 0)
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
		m->rec_id[i] = xmlnode_attr(m->rec_el[i], "id");
	for (size_t j = 0; j < m->nunit; j++)
		m->unit_id[j] = xmlnode_attr(m->unit_el[j], "id");
	if (suggest_docs_build(m, w, &pass, unit_ix) != 0 || suggest_score_all(m) != 0)
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

/* The index of id in ids[0..n), or (size_t)-1. */
static size_t find_id(const char *const *ids, size_t n, const char *id)
{
	for (size_t k = 0; id && k < n; k++)
		if (!strcmp(ids[k], id))
			return k;
	return (size_t)-1;
}

size_t suggest_find_recital(const suggest_model *m, const char *id)
{
	return find_id(m->rec_id, m->nrec, id);
}

size_t suggest_find_unit(const suggest_model *m, const char *id)
{
	return find_id(m->unit_id, m->nunit, id);
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

double suggest_s0(const suggest_model *m, size_t i, size_t j)
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
