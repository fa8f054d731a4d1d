/*
 * report.h - what a build wrote, for regdoc_options.on_built / on_file.
 *
 * Owns: counting the units of a graph and walking a finished output folder (files,
 * HTML pages, product folders) in byte order, handing each file to on_file. Reads
 * only; called after the output is in place.
 */
#ifndef REGDOC_REPORT_H
#define REGDOC_REPORT_H

#include <libxml/tree.h>

#include "ingest/manifest.h"
#include "regdoc.h"

/* The units of graph doc: the children of each unit-kind folder of the manifest. */
size_t report_count_units(xmlDocPtr doc, const manifest *m);

/* Add the files under dir (pages: *.html; products: folders of dir/products/) to *r,
 * calling o->on_file for each. 0, or -1 when a folder cannot be read. */
int report_walk(const regdoc_options *o, const char *dir, regdoc_build_report *r);

/* Seconds on the monotonic clock. */
double report_now(void);

#endif
