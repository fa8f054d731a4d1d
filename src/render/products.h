/*
 * products.h - the products page of a regulation's site (site/products.html): every
 * example product assessed under it, its route, links to its documents.
 *
 * Owns: what the page shows of each product's assessment.xml (the product, the headline
 * conclusions, the documentation file: an <entry>, which regdoc build keeps with the
 * product's cache group so that an unchanged product is not read again) and rendering
 * the entries with templates/site/products.xsl in the site's look.
 */
#ifndef REGDOC_RENDER_PRODUCTS_H
#define REGDOC_RENDER_PRODUCTS_H

#include <stddef.h>

#include "render/site.h"
#include "util/diag.h"

/* What the page shows of the product folder stem of products_dir (the folder of product
 * folders, each with its assessment.xml, as regdoc build writes it beside site/): an
 * <entry> element, serialized (malloc'd); NULL with diagnostics. */
char *site_products_entry(const char *products_dir, const char *stem, diag *d);

/* The page of entries[0..n) (site_products_entry's, in the order of the product
 * folders' names) at out_path. The page links to the documents at ../products/<id>/.
 * 0, or -1 with diagnostics. */
int site_products_page(const char *regulation, const char *short_title,
                       const char *const *entries, size_t n, const char *templates_dir,
                       const char *out_path, const site_library *lib, diag *d);

#endif
