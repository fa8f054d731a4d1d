/*
 * assess.h - assess one product: the top level of src/assess/.
 *
 * Reads the product description (templates/schema/product.rng), the regulation's rule
 * files (rules_dir/ *.xml, templates/schema/rules.rng), evaluates them against the
 * regulation's graph and writes, into outdir (created when missing):
 *
 *   assessment.xml   the assessment (templates/schema/assessment.rng): facts,
 *                    conclusions, decision trace, checklist, Annex IV skeleton
 *   checklist.html   the checklist: route and why, then every item (HTML, links into
 *                    the site at ../../site/<unit>.html#<id>)
 *   checklist.md     the same in Markdown
 *   checklist.fodt   the same as a Flat OpenDocument text (LibreOffice, Word)
 *   FILE.html        the technical documentation template the rules declare
 *   FILE.md          (<documentation file="annex-iv">: annex-iv.html, .md, .fodt for
 *   FILE.fodt        the AI Act; annex-vii.* for the Cyber Resilience Act)
 *
 * The outputs are rendered by templates_dir/checklist/{html,md,fodt}.xsl and
 * templates_dir/annex-iv/{html,md,fodt}.xsl from assessment.xml alone.
 *
 * Combined assessments: o->others lists further regulations of the library (graph and
 * rules folder). The product's own rules say, with <combine>, when another regulation
 * applies too (the AI Act's rules bring in the Cyber Resilience Act for a product with
 * digital elements); its rules then run over the same facts and its items, ids and
 * documentation join the outputs (doc/rules.md, "Combined assessments"). The rules of
 * every given regulation are loaded and checked, also when no <combine> brings them in. Nothing is
 * written unless every output rendered: on any error the previous output stays intact.
 * Output bytes depend only on the inputs (no dates, no absolute paths).
 */
#ifndef REGDOC_ASSESS_H
#define REGDOC_ASSESS_H

#include <libxml/tree.h>

#include "util/diag.h"

/* Another regulation of the library, for combined assessments. */
typedef struct assess_regulation {
	const char *id;        /* its id (NULL: the graph's root id); must match the graph */
	xmlDocPtr graph;       /* its graph (borrowed) */
	const char *rules_dir; /* its rules folder (NULL: none; its ids are then only labelled
	                          and linked) */
} assess_regulation;

/* What a job that assesses many products keeps between them (regdoc build): the
 * compiled stylesheets and schemas, the index of each graph, each regulation's rules
 * (read, validated and checked once) and the checks across rule sets that passed. Only
 * what loaded without an error is kept, so an error is reported by every product it
 * affects, as without a cache. The graphs, rule files and templates must not change
 * while it is in use. */
typedef struct assess_cache assess_cache;

assess_cache *assess_cache_new(void); /* NULL: out of memory */
void assess_cache_free(assess_cache *c); /* NULL is a no-op */

typedef struct assess_options {
	const char *site_base;    /* default "../../site/" */
	const char *library_base; /* default "../../../" */
	const char *product_src;  /* path recorded in the assessment; default product_path */
	/* further regulations (may include the product's own, which is skipped) */
	const assess_regulation *others;
	size_t nothers;
	assess_cache *cache; /* NULL: load everything for this product alone */
	/* the writer's answers (doc/answers.md), merged into the assessment: NULL means
	 * PRODUCT.answers.xml beside the product when it exists; "" none */
	const char *answers;
	int eurlex; /* links to the law on EUR-Lex, not into the sites (engine.h) */
	/* how the graph's version of the law was chosen, recorded in the assessment's <law>
	 * (doc/product.md, "Which version of the law"): "as-of", "placing-on-market",
	 * "latest" (NULL: latest), and the date it was chosen by (NULL: none) */
	const char *law_chosen_by;
	const char *law_date;
	/* that version's CELEX, ELI and label (manifest <version>), NULL: the graph's */
	const char *law_celex, *law_eli, *law_label;
	/* the product's XML itself (regdoc assess - : read from stdin), named product_path
	 * in diagnostics; NULL: read the file at product_path */
	const char *product_text;
	size_t product_len;
} assess_options;

/*
 * graph: the regulation's graph (regdoc graph), borrowed.
 * outdir: NULL means "output/<regulation>/products/<product id>" (relative to the
 *   current directory).
 * Returns 0; or -1 with diagnostics: input errors are path:line errors (exit status 1),
 * I/O failures set d->sys_error (exit status 3).
 */
int assess_product(xmlDocPtr graph, const char *product_path, const char *rules_dir,
                   const char *templates_dir, const char *outdir, diag *d);

/* As assess_product, with options (o may be NULL). */
int assess_product_opts(xmlDocPtr graph, const char *product_path, const char *rules_dir,
                        const char *templates_dir, const char *outdir,
                        const assess_options *o, diag *d);

/* The product's placing-on-market date (<placing-on-market date="YYYY-MM-DD"/>, the
 * version of the law in force on it is the one it is assessed under) into date (at least
 * 11 bytes; "" when the product states none) and its line into *line (may be NULL). Reads
 * the product only (it is validated when assessed): text/len when text is not NULL (named
 * product_path in diagnostics), else the file. Returns 0, or -1 with a diagnostic when it
 * cannot be read. */
int assess_product_date(const char *product_path, const char *text, size_t len, char *date,
                        size_t n, unsigned long *line, diag *d);

/* Only the assessment document (no rendering, nothing written): for tests and tools.
 * NULL with diagnostics. */
xmlDocPtr assess_product_doc(xmlDocPtr graph, const char *product_path, const char *rules_dir,
                             const char *templates_dir, const assess_options *o, diag *d);

#endif
