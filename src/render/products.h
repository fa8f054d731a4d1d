/*
 * products.h - the products page of a regulation's site (site/products.html): every
 * example product assessed under it, its route, links to its documents.
 *
 * Owns: gathering what the page shows from each product's assessment.xml (the product,
 * the headline conclusions, the documentation file; a <products> document in memory)
 * and rendering it with templates/site/products.xsl in the site's look.
 */
#ifndef REGDOC_RENDER_PRODUCTS_H
#define REGDOC_RENDER_PRODUCTS_H

#include "render/site.h"
#include "util/diag.h"

/* products_dir: the folder of product folders (each with its assessment.xml), as
 * regdoc build writes it beside site/; out_path: the page to write. The page links to
 * the documents at ../products/<id>/. 0, or -1 with diagnostics. */
int site_products_page(const char *regulation, const char *short_title, const char *products_dir,
                       const char *templates_dir, const char *out_path,
                       const site_library *lib, diag *d);

#endif
