/*
 * render_graph - render the site of a graph file (test helper for the site goldens,
 * the link checker and the browser test, which start from a graph, not a corpus).
 *
 * usage: render_graph GRAPH.xml OUTDIR [TEMPLATES_DIR [BASE_URL]]
 * OUTDIR is created (its parent must exist) and must not exist yet. TEMPLATES_DIR
 * defaults to the source tree's templates/. Exit 0, 1 (diagnostics printed) or 2.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>

#include "render/site.h"
#include "util/xmlsafe.h"

int main(int argc, char **argv)
{
	diag d;
	xmlDocPtr g;
	site_options o = {NULL};
	const char *templates = argc > 3 ? argv[3] : SOURCE_DIR "/templates";
	int rc;

	if (argc < 3 || argc > 5) {
		fprintf(stderr, "usage: render_graph GRAPH.xml OUTDIR [TEMPLATES_DIR [BASE_URL]]\n");
		return 2;
	}
	if (argc > 4)
		o.base_url = argv[4];
	diag_init(&d, stderr);
	g = xmlsafe_read_file(argv[1], &d);
	if (!g)
		return 1;
	if (mkdir(argv[2], 0755) != 0) {
		fprintf(stderr, "render_graph: %s: %s\n", argv[2], strerror(errno));
		xmlFreeDoc(g);
		return 2;
	}
	rc = site_render_opts(g, templates, argv[2], &o, &d);
	xmlFreeDoc(g);
	diag_summary(&d);
	return rc == 0 && !diag_failed(&d) ? 0 : 1;
}
