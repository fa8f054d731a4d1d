/*
 * library.h - the regulations of one run, and the links between them.
 *
 * Owns: holding every regulation a job loads (the ones it is about, "named", and the
 * ones that only resolve citations, e.g. the sibling folders of the one regulation
 * `regdoc graph corpus/ai-act` names), the table the link stage resolves citations
 * across regulations with (manifest id, CELEX, the ids of each graph), and the
 * links document (links.xml, templates/schema/links.rng): the named regulations and
 * every edge from one of them into another.
 *
 * Nothing here names a regulation: which act a citation names comes from the CELEX
 * numbers and alias phrases of the manifests.
 */
#ifndef REGDOC_LIBRARY_H
#define REGDOC_LIBRARY_H

#include <libxml/hash.h>
#include <libxml/tree.h>

#include "graph/graph.h"
#include "ingest/corpus.h"
#include "util/diag.h"

/* One regulation of the table the link stage resolves citations across regulations
 * with (link/link.h, link_resolve_library): a citation of an act whose CELEX is one of
 * the table's names its units, as ids qualified by its manifest id (cra:art-12.3).
 * The regulation being linked may be in the table too; its own CELEX always maps to
 * itself. */
typedef struct link_regulation {
	const char *id;       /* manifest id ("cra") */
	const char *celex;    /* "32024R2847" */
	xmlHashTablePtr ids;  /* every id of its graph (graph_index_ids) */
	const char *dir;      /* its folder (to load another version of it) */
	const char *version;  /* the version the ids are of (NULL: a text without versions) */
	int other_version;    /* 1: not the version the library holds (library_view_for) */
} link_regulation;

typedef struct link_library {
	const link_regulation *v;
	size_t n;
} link_library;

typedef struct library {
	regulation *regs;       /* loaded (pages → units; linked by the job) */
	int *named;             /* 1: the job is about it; 0: it only resolves citations */
	link_regulation *table; /* id, CELEX and ids of regs[i] */
	size_t n, cap;
	link_library view;      /* the table, for link_resolve_library */
	/* the other versions of the named regulations (manifest <versions>), when the job
	 * wants them (regdoc build, diff): each linked against the library like its
	 * regulation; versions[k] is a version of regs[version_of[k]], oldest first */
	regulation *versions;
	size_t *version_of;
	size_t nversions, capversions;
} library;

void library_init(library *L);

/* Take over *r (loaded, r->doc set): index its ids. Refuses (returns -1, *r left to
 * the caller) a regulation whose manifest id or CELEX another one already has: an
 * error when named, else a warning. */
int library_add(library *L, regulation *r, int named, diag *d);

void library_free(library *L);

/* The table to link r with: lib, except the regulation r amends (manifest <amends
 * act>) when lib holds another version of it than the one r made (its manifest
 * <version amended-by="r's id">, e.g. under --as-of a date before the amendment): an
 * amending act's citations of the act it amends name the text it made, so that entry's
 * ids are that version's (read from its pages, quietly) and other_version is 1.
 * view->v is then a copy owned by own; else view is *lib. A version that cannot be
 * read leaves lib as it is (its citations then warn as dangling). 0, or -1 when out
 * of memory (reported). Free with library_view_free. */
typedef struct library_view {
	link_regulation *table;
	size_t at;       /* the entry of table whose ids it made */
	regulation made; /* the version r made, when loaded */
	int loaded;
} library_view;
int library_view_for(const link_library *lib, const regulation *r, const char *datadir,
                     link_library *view, library_view *own, diag *d);
void library_view_free(library_view *own);

/* Take over *r, another version of regs[i] (r->doc set). -1 when out of memory (*r is
 * then the caller's). */
int library_add_version(library *L, size_t i, regulation *r, diag *d);

/* The graph of every version of regs[i], oldest first, the one in regs[i] among them:
 * into out (room for MANIFEST_MAX_VERSIONS); returns how many. A regulation without
 * versions has one. For the site and the history: every version and its graph. */
size_t library_versions(const library *L, size_t i, const regulation **out);

/* The links document of the named regulations: each with its titles, CELEX, unit
 * counts and where its graph and site are (relative to the document: "ID/graph.xml",
 * "ID/site/"), and every cites / cites-act edge of one into another, ids qualified
 * ("cra:art-12.3"; a cites-act edge's to is the regulation's id). A qualified target
 * that is not in the other graph is an error (the link stage never makes one). */
xmlDocPtr library_links(const library *L, diag *d);

#endif
