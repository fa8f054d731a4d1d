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
 *   annex-iv.html    the Annex IV technical documentation template
 *   annex-iv.md
 *   annex-iv.fodt
 *
 * The outputs are rendered by templates_dir/checklist/{html,md,fodt}.xsl and
 * templates_dir/annex-iv/{html,md,fodt}.xsl from assessment.xml alone. Nothing is
 * written unless every output rendered: on any error the previous output stays intact.
 * Output bytes depend only on the inputs (no dates, no absolute paths).
 */
#ifndef REGDOC_ASSESS_H
#define REGDOC_ASSESS_H

#include <libxml/tree.h>

#include "util/diag.h"

typedef struct assess_options {
	const char *site_base;    /* default "../../site/" */
	const char *library_base; /* default "../../../" */
	const char *product_src;  /* path recorded in the assessment; default product_path */
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

/* Only the assessment document (no rendering, nothing written): for tests and tools.
 * NULL with diagnostics. */
xmlDocPtr assess_product_doc(xmlDocPtr graph, const char *product_path, const char *rules_dir,
                             const char *templates_dir, const assess_options *o, diag *d);

#endif
