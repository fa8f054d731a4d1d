/*
 * suggest.h - computed recital ↔ article/annex relations ("suggests" edges).
 *
 * Owns: scoring every (recital, article or annex) pair of a linked graph from its text
 * alone — explicit citations in the recital (<cite to>), shared defined terms (<term
 * ref>), and TF-IDF cosine similarity of the recital to the unit's passages and to the
 * whole unit (lower-cased, lightly stemmed words; stop words and suffix rules come from
 * a data file, templates/suggest/<lang>.txt) — ranking the pairs both ways, explaining
 * a pair (the evidence), and adding the top ones to the graph as
 * <edge kind="suggests" score="0.812" evidence="…"/> (doc/graph.md, "Computed
 * relations").
 *
 * The scorer reads units and their text only, never <edges>: a relates-to pair is never
 * an input, so evaluating against the sourced pairs is leave-one-out by construction.
 * Emission skips every pair a relates-to edge already gives (either direction).
 * Deterministic: scores are rounded to thousandths, ties go to document order.
 */
#ifndef REGDOC_SUGGEST_H
#define REGDOC_SUGGEST_H

#include <stddef.h>
#include <libxml/tree.h>

#include "util/buf.h"
#include "util/diag.h"

/* The tuned weights (README, "Computed relations"). */
typedef struct suggest_params {
	double w_cite;        /* the recital cites the unit (or an element inside it) */
	double w_term;        /* cosine of the IDF-weighted defined-term vectors */
	double w_lex;         /* cosine of the TF-IDF word vectors */
	double alpha;         /* share of the best passage vs the whole unit (terms, words) */
	double w_via;         /* + w_via × the best score of a unit this unit cites */
	unsigned title_repeat; /* a unit's title words count this many times */
	int quoted;           /* include quoted amendments' text (text quoted="true") */
	unsigned k_recital;   /* suggestions per recital */
	unsigned k_unit;      /* suggested recitals per article / annex */
	unsigned min_score;   /* in thousandths: lower scores are never suggested */
	unsigned max_words;   /* evidence: at most this many shared words … */
	unsigned max_terms;   /* … defined terms … */
	unsigned max_cites;   /* … and cited ids */
	size_t budget;        /* postings one recital may read in the passages' word index
	                         (a sixth of it in the term index, a half and a sixteenth in
	                         the whole units'); 0: no limit. A recital over it is scored
	                         against the max_units units its rarer words reach first (and
	                         the ones it cites): a word used all over a large regulation
	                         would otherwise make every recital meet every unit, and the
	                         scoring grow with the square of its size. */
	unsigned max_units;
} suggest_params;

void suggest_params_default(suggest_params *p);

/* Stop words and suffix rules of a language (templates/suggest/en.txt; format there). */
typedef struct suggest_words suggest_words;

suggest_words *suggest_words_new(void);
/* Add the words and rules of the file at path. A missing file is not an error when
 * optional is set (returns 1); otherwise -1 with a diagnostic. 0 when read. */
int suggest_words_load(suggest_words *w, const char *path, int optional, diag *d);
/* Add from memory (tests); name is used in diagnostics. */
int suggest_words_parse(suggest_words *w, const char *text, size_t len, const char *name,
                        diag *d);
void suggest_words_free(suggest_words *w);
/* Lower-case, stem and filter one token; out gets the stem (NUL-terminated, at most
 * outsz - 1 bytes). Returns 0 when the token is a stop word or too short. */
int suggest_words_stem(const suggest_words *w, const char *tok, size_t len, char *out,
                       size_t outsz);

/* The scores of every pair of one graph. */
typedef struct suggest_model suggest_model;

/* Score doc (a linked <regulation> graph). NULL when out of memory. The model borrows
 * doc (its units and their ids): doc must outlive it and keep its units. w may be NULL
 * (no stop words, no suffix rules). */
suggest_model *suggest_compute(xmlDocPtr doc, const suggest_words *w, const suggest_params *p);
void suggest_model_free(suggest_model *m);

size_t suggest_nrecitals(const suggest_model *m);
size_t suggest_nunits(const suggest_model *m);
const char *suggest_recital_id(const suggest_model *m, size_t i);
const char *suggest_unit_id(const suggest_model *m, size_t j);
/* Index of a recital / unit id, or (size_t)-1. */
size_t suggest_find_recital(const suggest_model *m, const char *id);
size_t suggest_find_unit(const suggest_model *m, const char *id);

/* Score of recital i and unit j in thousandths (what is printed: 812 = "0.812"). */
unsigned suggest_score(const suggest_model *m, size_t i, size_t j);

/* The best units of recital i (ranked: score, then document order) into out[0..k);
 * returns how many (≤ k; every unit is ranked, including zero scores). */
size_t suggest_rank_units(const suggest_model *m, size_t i, size_t *out, size_t k);
/* The best recitals of unit j. */
size_t suggest_rank_recitals(const suggest_model *m, size_t j, size_t *out, size_t k);

/* Why recital i and unit j go together: "cites: art-43.1; terms: AI system, provider;
 * words: conformity, notified; via: anx-6" (doc/graph.md). */
void suggest_evidence(const suggest_model *m, size_t i, size_t j, buf *out);

/* Add the suggests edges of m to doc's <edges>: for each recital its k_recital best
 * units, for each unit its k_unit best recitals, skipping pairs below min_score and
 * pairs a relates-to edge gives. Returns the number of edges added, -1 on failure. */
long suggest_emit(xmlDocPtr doc, suggest_model *m);

/* The graph stage: words from <datadir>/templates/suggest/<lang>.txt (and the optional
 * <regdir>/suggest-stopwords.txt), default parameters, score and emit. */
int graph_suggest(xmlDocPtr doc, const char *datadir, const char *regdir, diag *d);

#endif
