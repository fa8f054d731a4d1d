/*
 * report.c - see report.h.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/diag.h"
#include "util/fsio.h"

size_t report_count_units(xmlDocPtr doc, const manifest *m)
{
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	size_t n = 0;
	for (xmlNodePtr g = root ? root->children : NULL; g; g = g->next) {
		if (g->type != XML_ELEMENT_NODE)
			continue;
		for (size_t k = 0; k < m->nkinds; k++)
			if (!strcmp((const char *)g->name, m->kinds[k].dir))
				for (xmlNodePtr u = g->children; u; u = u->next)
					n += u->type == XML_ELEMENT_NODE &&
					     !strcmp((const char *)u->name, m->kinds[k].kind);
	}
	return n;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcmp(s + n - k, suffix);
}

/* depth: 0 at the regulation's folder, so products/<id>/ is at 1 under "products" */
static int walk(const regdoc_options *o, const char *dir, int in_products,
                regdoc_build_report *r, diag *d)
{
	fsio_names names;
	unsigned char *is_dir;
	int rc = 0;
	/* the listing says which are folders: no stat of each of the output's files */
	if (fsio_list_dir_kinds(dir, &names, &is_dir, d) != 0)
		return -1;
	for (size_t i = 0; i < names.n; i++) {
		char *p = fsio_join(dir, names.v[i]);
		if (!p) {
			rc = -1;
			continue;
		}
		if (is_dir[i]) {
			if (in_products == 1)
				r->products++;
			if (walk(o, p, in_products ? in_products + 1
			                : !strcmp(names.v[i], "products") ? 1 : 0, r, d) != 0)
				rc = -1;
		} else {
			r->files++;
			r->pages += ends_with(names.v[i], ".html");
			if (o->on_file)
				o->on_file(o->report_ctx, p);
		}
		free(p);
	}
	fsio_names_free(&names);
	free(is_dir);
	return rc;
}

int report_walk(const regdoc_options *o, const char *dir, regdoc_build_report *r)
{
	diag quiet;
	diag_init(&quiet, NULL);
	return walk(o, dir, 0, r, &quiet);
}

double report_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
