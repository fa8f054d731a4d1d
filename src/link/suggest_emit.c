/*
 * suggest_emit.c - why a pair goes together, and the suggests edges (suggest.h,
 * doc/graph.md "Computed relations").
 *
 * The evidence of a pair reads the recital's vectors against the unit's, scattered into
 * dense arrays; the emitter computes it unit by unit for the pairs it adds (one scatter
 * per unit). The emitter reads the relates-to edges only to leave their pairs out.
 * graph_suggest is the graph stage: word lists, default parameters, compute, emit.
 */
#include "link/suggest_impl.h"

#include <errno.h>
#include <stdio.h>

#include "util/fsio.h"

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
			double s0 = suggest_s0(m, i, m->unit_cites[j][k]);
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

/* The edges of one list: the k best of list a (recital a's units when from_recital,
 * else unit a's recitals) that score at least min_score, skipping sourced pairs
 * (nsourced of them in the list: that many more are ranked). */
static size_t choose_list(const suggest_model *m, const unsigned char *sourced, int from_recital,
                          size_t a, size_t k, unsigned nsourced, size_t *order, pending *out)
{
	size_t n = from_recital ? suggest_rank_units(m, a, order, k + nsourced)
	                        : suggest_rank_recitals(m, a, order, k + nsourced),
	       got = 0;
	for (size_t x = 0; x < n && got < k; x++) {
		size_t i = from_recital ? a : order[x], j = from_recital ? order[x] : a;
		unsigned s = suggest_score(m, i, j);
		if (!s || s < m->p.min_score)
			break;
		if (sourced[i * m->nunit + j])
			continue;
		out[got++] = (pending){(uint32_t)i, (uint32_t)j, from_recital, s, NULL};
	}
	return got;
}

/* The edges to add, in order: each recital's best units, then each unit's best
 * recitals, skipping sourced pairs. */
static size_t choose(const suggest_model *m, const unsigned char *sourced,
                     const unsigned *nsourced_rec, const unsigned *nsourced_unit, size_t *order,
                     pending *out)
{
	size_t np = 0;
	for (size_t i = 0; i < m->nrec; i++)
		np += choose_list(m, sourced, 1, i, m->p.k_recital, nsourced_rec[i], order, out + np);
	for (size_t j = 0; j < m->nunit; j++)
		np += choose_list(m, sourced, 0, j, m->p.k_unit, nsourced_unit[j], order, out + np);
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
	const char *src = xmlnode_attr(from_el, "src"), *line = xmlnode_attr(from_el, "line");
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
	edges = xmlnode_child(root, "edges");
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
		if (!xmlnode_is(e, "edge") || !(kind = xmlnode_attr(e, "kind")) || strcmp(kind, "relates-to") != 0 ||
		    !(from = xmlnode_attr(e, "from")) || !(to = xmlnode_attr(e, "to")))
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
	const char *lang = root ? xmlnode_attr(root, "lang") : NULL;
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
