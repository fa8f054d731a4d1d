/*
 * cite.h - the citation scanner.
 *
 * Owns: finding the citations in one run of plain text (the text of one paragraph or
 * point, already stripped of Markdown) and turning each into graph ids, relative to
 * where the text stands. It knows the citation grammar of EU legal English
 * ("Article 74(8) or (9)", "points 2 to 8 of Annex III", "Article 6(1) of Regulation
 * (EU) 2016/679"), never the contents of any regulation: it does not check that a
 * target exists (link/resolve.c does, against the graph).
 *
 * Id scheme (README, "Ids"): rec-78; art-43; art-43.1 (paragraph 1); art-43.1.a
 * (point (a) of the first subparagraph); art-43.1.a.i (sub-point); art-43.1.sub2
 * (second subparagraph of paragraph 1; the first subparagraph is the paragraph
 * itself); art-43.1.sub2.a (point (a) of that subparagraph); art-3.44 (definition
 * 44); anx-3 (Annex III, arabic); anx-3.1.a; anx-7.4.3 (point 4.3 of Annex VII);
 * anx-7.4.6.sub5 (fifth paragraph of point 4.6); anx-1.A (Section A of Annex I);
 * anx-8.part-1 (Part I of an annex); chp-3 (Chapter III); chp-3.sec-2 (its Section 2).
 */
#ifndef REGDOC_CITE_H
#define REGDOC_CITE_H

#include <stddef.h>

#define CITE_ID_MAX 64

/* Where the scanned text stands; any field may be NULL when it does not apply. */
typedef struct cite_context {
	const char *unit;    /* "art-43", "rec-78", "anx-7": "this Article", "this Annex" */
	const char *para;    /* "art-43.1": "paragraph 2" resolves against its unit, "the
	                        second subparagraph" against this */
	const char *container; /* innermost element that holds points: "point (a)" resolves
	                          to container + ".a" (e.g. "art-43.1", "art-43.1.sub2",
	                          "art-5.1.h" for "point (i)" inside point (h)) */
	const char *chapter; /* "chp-3": "this Chapter", "Section 2 of this Chapter" */
	const char *section; /* "chp-3.sec-2": "this Section" */
} cite_context;

enum cite_kind {
	CITE_INTERNAL, /* targets are ids in this regulation */
	CITE_EXTERNAL, /* another act, identified by CELEX number */
};

typedef struct cite_id {
	char s[CITE_ID_MAX];
} cite_id;

typedef struct cite {
	size_t start, end;     /* byte span [start, end) in the scanned text */
	enum cite_kind kind;
	char celex[16];        /* CITE_EXTERNAL: "32016R0679" */
	char act[80];          /* CITE_EXTERNAL: the act as cited, normalised:
	                          "Regulation (EU) 2016/679" */
	int truncated;         /* a range was longer than max_range and was cut */
	size_t ntargets;       /* CITE_INTERNAL: ids, ranges expanded, in order */
	cite_id *targets;
} cite;

typedef struct cite_list {
	cite *v;
	size_t n, cap;
} cite_list;

/*
 * Scan text[0..len) (UTF-8, not NUL-terminated) and append every citation found to
 * out, in text order, spans not overlapping. Ranges ("Articles 102 to 109") expand to
 * at most max_range targets; longer ones are cut and flagged (0 counts as 1). Runs in
 * time linear in len (plus the targets produced). ctx, and any of its fields, may be
 * NULL: a relative citation whose field is missing ("point (a)" with no container)
 * is read but not emitted. Returns 0, or -1 when memory ran out (or out is NULL).
 */
int cite_scan(const char *text, size_t len, const cite_context *ctx,
              size_t max_range, cite_list *out);

/*
 * The provisions an external citation names, read from its span alone (span: the
 * bytes of one CITE_EXTERNAL citation that cite_scan found), as CITE_INTERNAL
 * citations whose targets are ids in the cited act's own scheme: "Article 12(3) of
 * Regulation (EU) 2024/2847" gives art-12.3, "Annex VI to Regulation (EU)
 * 2024/1689" anx-6, a bare "Regulation (EU) 2016/679" nothing. Only what names its
 * unit ("Article", "Annex", "Recital", "Chapter") counts: relative provisions of
 * another act have no context. The link stage resolves these against another
 * regulation of the library. Returns 0, or -1 when memory ran out.
 */
int cite_act_targets(const char *span, size_t len, size_t max_range, cite_list *out);

void cite_list_free(cite_list *list);

#endif
