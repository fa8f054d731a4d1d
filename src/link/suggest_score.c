/*
 * suggest_score.c - the scores of the suggest scorer (suggest.h, doc/graph.md).
 *
 * Each document's two vectors (suggest_docs.c) are weighed
 *   (1 + ln tf) × ln(N / df), N and df over recitals and passages, L2-normalised,
 * words and defined terms alike. Inverted indexes (CSR) of the passage and whole-unit
 * vectors give, for one recital, every dot product in one pass over its postings:
 * recitals × postings, no pairwise loop over vocabularies.
 *
 *   S0(r,u) = w_cite·[r cites inside u]
 *           + w_term·(α·max_p cos_t(r,p) + (1−α)·cos_t(r,u))
 *           + w_lex ·(α·max_p cos_w(r,p) + (1−α)·cos_w(r,u))
 *   S(r,u)  = S0(r,u) + w_via·max { S0(r,v) : u cites v, v ≠ u }
 *
 * S is kept in thousandths (what the graph prints) so that ranking and printing agree.
 * Only the pairs a recital reaches (a shared word or term, a citation, a via link) are
 * stored, recital by recital (the model's rows, then its columns); every other pair
 * scores 0. A recital whose words have more postings than suggest_params.budget (never
 * in the embedded regulations, whose scores are exact) reads a bounded share of them
 * and scores at most max_units units: without that, a regulation K times larger costs
 * K² (every common word's postings grow with it, and so does what every recital
 * reaches).
 */
#include "link/suggest_impl.h"

#include <math.h>

/* Compressed rows: postings of id k are [start[k], start[k+1]). A row that a budget
 * cut (accumulate) is sorted heaviest first, once (by_weight[k]). */
typedef struct csr {
	uint32_t *start;
	uint32_t *doc;
	float *w;
	unsigned char *by_weight;
} csr;

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

/* The document frequencies of docs[0..n): words into df[0..nw), terms into df + nw. */
static void count_docs(const sdoc *docs, size_t n, size_t nw, uint32_t *df)
{
	for (size_t d = 0; d < n; d++) {
		count_df(&docs[d].words, df);
		count_df(&docs[d].terms, df + nw);
	}
}

/* The vectors of docs[0..n) weighed: words by idf[0..nw), terms by idf + nw. */
static void weigh_docs(sdoc *docs, size_t n, size_t nw, const double *idf)
{
	for (size_t d = 0; d < n; d++) {
		weigh(&docs[d].words, idf);
		weigh(&docs[d].terms, idf + nw);
	}
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

int suggest_score_all(suggest_model *m)
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
	/* df over recitals and passages; every document weighed with the idf */
	count_docs(m->rec, m->nrec, nw, df);
	count_docs(m->pass, m->npass, nw, df);
	for (size_t k = 0; k < nw + nt; k++)
		idf[k] = log((double)ndocs / (df[k] ? df[k] : 1));
	weigh_docs(m->rec, m->nrec, nw, idf);
	weigh_docs(m->pass, m->npass, nw, idf);
	weigh_docs(m->unit, m->nunit, nw, idf);
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
