/*
 * cite_impl.h - what the files of the citation scanner share (private to src/link).
 *
 * Owns: the model (components, items, the scanner, acts), the byte reads every file
 * makes, and the calls between the scanner's files:
 *   cite_read.c     reading primitives: words, separators, numbers, numerals, tokens
 *   cite_element.c  items and components; the element after a keyword ("43(1)", "(a)")
 *   cite_segment.c  a segment: head, list items, ranges, refinements
 *   cite_act.c      acts named with their number ("Regulation (EU) 2016/679"), CELEX
 *   cite_emit.c     the output: cite records, ids relative to the context, ranges
 *   cite_group.c    groups of segments, their qualifier and bases; enumerations
 *   cite.c          the entry points (cite_scan, cite_act_targets) and how it reads
 * They call one way, down this chain: cite.c → group → segment, act, emit → element →
 * read (a file may call any file below it, never one above: read calls none). The
 * public interface is cite.h; nothing outside src/link/cite*.c includes this.
 */
#ifndef REGDOC_CITE_IMPL_H
#define REGDOC_CITE_IMPL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link/cite.h"

#define MAX_COMPS 10          /* art-5.1.sub2.h.iii is 5; nothing real comes close to 10 */
#define COMP_TEXT 24          /* one component: an 18-digit number plus a letter fits */
#define MAX_NUMBER_DIGITS 18  /* below 10^18, so uint64_t arithmetic cannot overflow */
#define MAX_TOKEN_DIGITS 4    /* "(44)", "point 4.6": parts of a structure number */
#define MAX_TOKEN_LETTERS 6   /* "(a)", "(xviii)" */
#define MAX_ROMAN_CHARS 12    /* enough for every numeral up to 399 */
#define VALUE_TEXT (2 * COMP_TEXT) /* a range value: the prefix "4." and a number */

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

/* The byte at i, or -1 past the end: callers never index the text themselves. */
static inline int ch(const struct scanner *sc, size_t i)
{
	return i < sc->n ? (unsigned char)sc->s[i] : -1;
}

static inline bool is_digit(int c) { return c >= '0' && c <= '9'; }
static inline bool is_lower(int c) { return c >= 'a' && c <= 'z'; }
static inline bool is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static inline bool is_alnum(int c) { return is_digit(c) || is_lower(c) || is_upper(c); }

/* cite_read.c */
bool cite_word_starts(const struct scanner *sc, size_t i);
bool cite_word_ends(const struct scanner *sc, size_t i);
bool cite_lit(const struct scanner *sc, size_t p, const char *str, size_t *end);
bool cite_word(const struct scanner *sc, size_t p, const char *w, bool any_case, size_t *end);
bool cite_keyword(const struct scanner *sc, size_t p, const char *singular,
                  const char *plural, bool any_case, size_t *end);
bool cite_sp(const struct scanner *sc, size_t p, size_t *end);
bool cite_spaced_word(const struct scanner *sc, size_t p, const char *w, size_t *end);
bool cite_comma(const struct scanner *sc, size_t p, size_t *end);
bool cite_list_sep(const struct scanner *sc, size_t p, size_t *end);
bool cite_of_sep(const struct scanner *sc, size_t p, size_t *end);
bool cite_number(const struct scanner *sc, size_t p, uint64_t *value, size_t *end);
bool cite_small_number(const struct scanner *sc, size_t p, uint64_t *value, size_t *end);
void cite_to_roman(unsigned v, char out[COMP_TEXT]);
bool cite_roman(const struct scanner *sc, size_t p, bool upper, unsigned *value, size_t *end);
bool cite_paren_token(const struct scanner *sc, size_t p, char text[COMP_TEXT], size_t *end);
bool cite_dotted(const struct scanner *sc, size_t p, char text[COMP_TEXT], size_t *end);
bool cite_article_number(const struct scanner *sc, size_t p, char text[COMP_TEXT], size_t *end);
bool cite_ordinal(const struct scanner *sc, size_t p, unsigned *n, size_t *end);

/* cite_element.c */
int cite_rank(const struct comp *c);
bool cite_anchored(const struct item *it);
void cite_item_init(struct item *it, size_t start);
void cite_add_comp(struct item *it, enum level lv, const char *text, bool paren);
void cite_add_number_comp(struct item *it, enum level lv, uint64_t v, bool paren);
size_t cite_paren_chain(const struct scanner *sc, size_t p, struct item *it,
                        enum level first, enum level rest);
bool cite_parse_element(const struct scanner *sc, size_t p, enum level lv,
                        struct item *it, size_t *end);
bool cite_ordinal_phrase(const struct scanner *sc, size_t p, struct item *it, size_t *end);
bool cite_has_prefix(const char *s, const char *prefix);
bool cite_this_phrase(const struct scanner *sc, size_t p, struct item *it, size_t *end);

/* cite_segment.c */
bool cite_parse_head(const struct scanner *sc, size_t p, struct item *it,
                     size_t *level, size_t *end);
bool cite_parse_segment(struct scanner *sc, size_t p, size_t *end);
bool cite_is_internal_keyword(const struct scanner *sc, size_t p);

/* cite_act.c */
bool cite_act_number(const struct scanner *sc, size_t p, const char *type, char letter,
                     struct act *a, size_t *end);
bool cite_act_type_words(const struct scanner *sc, size_t p, bool plural_ok, char type[40],
                         char *letter, size_t *end);
bool cite_parse_act(const struct scanner *sc, size_t p, bool plural_ok, struct act *a,
                    char type[40], char *letter, size_t *end);

/* cite_emit.c */
bool cite_emit_external(struct scanner *sc, size_t start, size_t end, const struct act *a);
bool cite_emit_internal(struct scanner *sc, const struct item *it);

/* cite_group.c */
bool cite_scan_group(struct scanner *sc, size_t p, size_t *end);
bool cite_scan_acts(struct scanner *sc, size_t p, size_t *end);

#endif
