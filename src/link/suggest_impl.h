/*
 * suggest_impl.h - what the files of the suggest scorer share (private to src/link).
 *
 * Owns: the model (struct suggest_model: vocabularies, documents and their sparse
 * vectors, the sparse scores), the growable arrays and sorts of the scorer, and the
 * calls between its files:
 *   suggest_words.c  stop words, suffix rules, stemming (suggest_words_*)
 *   suggest_docs.c   the graph → documents: tokens, terms, citations, passages
 *   suggest_score.c  TF-IDF weights, inverted indexes, the scores of every recital
 *   suggest.c        suggest_compute (docs, then score), the model's queries and ranks
 *   suggest_emit.c   evidence, the suggests edges, the graph stage (graph_suggest)
 * They call one way: emit → suggest.c → docs, score; docs → words (emit and suggest.c
 * also make and free word lists). The public interface is suggest.h; nothing outside
 * src/link/suggest*.c includes this.
 */
#ifndef REGDOC_SUGGEST_IMPL_H
#define REGDOC_SUGGEST_IMPL_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>
#include <libxml/tree.h>

#include "link/suggest.h"
#include "util/strtab.h"
#include "util/xmlnode.h"

#define WORD_MAX 64     /* bytes of a token kept (longer ones are cut) */
#define NONE STRTAB_NONE

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

/* Growable arrays: NAME, and NAME_push (-1: no memory). */
#define DEFINE_VEC(name, T)                                                                   \
	typedef struct name {                                                                     \
		T *v;                                                                                 \
		size_t n, cap;                                                                        \
	} name;                                                                                   \
	static inline int name##_push(name *a, T x)                                               \
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
	static inline void name(T *v, size_t n)                                                   \
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

/* The recitals, units or passages of a graph, in document order. */
DEFINE_VEC(node_list, xmlNodePtr)

/* suggest_words.c: stem one lower-case token into out (outsz bytes, NUL-terminated);
 * its length, 0 when it is a stop word, too short or all digits. */
size_t suggest_stem_lower(const suggest_words *w, const char *tok, size_t len, char *out,
                          size_t outsz);

/* suggest_docs.c: the recitals, units and passages of the graph under root (in
 * document order; unit_ix: unit id → index + 1) and the defined terms used. */
int suggest_docs_index(suggest_model *m, xmlNodePtr root, node_list *recs, node_list *units,
                       node_list *pass, xmlHashTablePtr unit_ix);
/* suggest_docs.c: the word and term counts of every recital, passage and unit, and
 * what each cites (m's arrays allocated, its counts set). */
int suggest_docs_build(suggest_model *m, const suggest_words *w, const node_list *pass,
                       xmlHashTablePtr unit_ix);

/* suggest_score.c: weigh the vectors and score every recital (rows and columns). */
int suggest_score_all(suggest_model *m);

/* suggest.c: S0 of (i, j) as stored (0 when not reached). */
double suggest_s0(const suggest_model *m, size_t i, size_t j);

#endif
