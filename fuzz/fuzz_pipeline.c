/*
 * fuzz_pipeline.c - libFuzzer target for the whole pipeline on a one-page corpus.
 *
 * LLVMFuzzerInitialize makes, once, a temporary folder holding a tiny regulation
 * ("tiny": a manifest promising one article, Article 1 also being the definitions
 * article, and a contents page) and an output folder. Each input is written, as is,
 * as that single article page (so fsio's checks of NUL bytes, UTF-8 and size are
 * fuzzed too) and `regdoc build` runs on it through the public API (regdoc_build:
 * pages → graph → checks → graph.xml and the HTML site, all-or-nothing).
 *
 * Checked beyond the sanitizers: the exit status is 0, 1 or 3; no temporary output
 * is left behind; a successful build has its graph, which parses back as well-formed
 * XML (fuzz_inert.h), and the article's page; and that page is inert: no <script> but the site's own (src to a file of the site, no
 * inline code), no on* event-handler attribute, no href/src/action with a scheme
 * other than http, https or mailto. A breach aborts, so the fuzzer reports it.
 * The folder is removed at exit.
 */
#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libxml/HTMLparser.h>

#include "fuzz_common.h"
#include "fuzz_inert.h"
#include "ingest/page.h"
#include "regdoc.h"
#include "util/fsio.h"
#include "util/fsout.h"

static char root[64];
static char regdir[128], page[192], outdir[128], article_html[192], graph_xml[192];
static FILE *devnull;

static const char manifest_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<manifest id=\"tiny\" lang=\"en\">\n"
	"  <short-title>Tiny Act</short-title>\n"
	"  <title>Regulation (EU) 2099/2 laying down tiny rules (Tiny Act)</title>\n"
	"  <celex>32099R0002</celex>\n"
	"  <eli>http://data.europa.eu/eli/reg/2099/2/oj</eli>\n"
	"  <contents file=\"contents.md\"/>\n"
	"  <link-prefix>/en/tiny/</link-prefix>\n"
	"  <chrome starts-with=\"View the official text\"/>\n"
	"  <units>\n"
	"    <unit kind=\"article\" heading=\"Article\" id-prefix=\"art\" dir=\"articles\"\n"
	"          file-prefix=\"article-\" digits=\"3\" link-prefix=\"article-\" numerals=\"arabic\"\n"
	"          count=\"1\" relates-heading=\"This Article relates to\"/>\n"
	"  </units>\n"
	"  <definitions unit=\"art-1\"/>\n"
	"</manifest>\n";

static const char contents_md[] =
	"```markdown\n"
	"# Regulation (EU) 2099/2 laying down tiny rules (Tiny Act)\n"
	"\n"
	"## CHAPTER I: GENERAL PROVISIONS\n"
	"\n"
	"*   [Article 1: Definitions](/en/tiny/article-1)\n"
	"```\n";

static int write_bytes(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	int ok;
	if (!f)
		return -1;
	ok = (len == 0 || fwrite(data, 1, len, f) == len);
	return fclose(f) == 0 && ok ? 0 : -1;
}

static void remove_root(void)
{
	if (root[0])
		fsout_remove_tree(root);
	if (devnull)
		fclose(devnull);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[192];
	diag d;
	const char *tmp = getenv("TMPDIR");
	(void)argc;
	(void)argv;
	fuzz_quiet_libxml();
	diag_init(&d, stderr);
	snprintf(root, sizeof root, "%s/regdoc-fuzz-XXXXXX",
	         tmp && *tmp && strlen(tmp) < 32 ? tmp : "/tmp");
	if (!mkdtemp(root))
		fuzz_setup_failed("mkdtemp");
	atexit(remove_root);
	snprintf(regdir, sizeof regdir, "%s/tiny", root);
	snprintf(outdir, sizeof outdir, "%s/out", root);
	snprintf(page, sizeof page, "%s/articles/article-001.md", regdir);
	snprintf(graph_xml, sizeof graph_xml, "%s/tiny/graph.xml", outdir);
	snprintf(article_html, sizeof article_html, "%s/tiny/site/art-1.html", outdir);
	snprintf(path, sizeof path, "%s/articles", regdir);
	if (fsout_mkdirs(path, &d) != 0)
		fuzz_setup_failed(path);
	snprintf(path, sizeof path, "%s/manifest.xml", regdir);
	if (write_bytes(path, manifest_xml, sizeof manifest_xml - 1) != 0)
		fuzz_setup_failed(path);
	snprintf(path, sizeof path, "%s/contents.md", regdir);
	if (write_bytes(path, contents_md, sizeof contents_md - 1) != 0)
		fuzz_setup_failed(path);
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		fuzz_setup_failed("/dev/null");
	return 0;
}

static void check_no_tmp(void)
{
	DIR *dp = opendir(outdir);
	struct dirent *de;
	if (!dp)
		return; /* no output yet */
	while ((de = readdir(dp)) != NULL)
		if (strstr(de->d_name, ".tmp-") || strstr(de->d_name, ".old-"))
			abort(); /* temporary output left behind */
	closedir(dp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	regdoc_options o;
	int status;

	if (size > PAGE_MAX_BYTES + 1)
		return 0; /* one byte over the page limit is enough to test it */
	if (write_bytes(page, data, size) != 0)
		fuzz_setup_failed(page);
	regdoc_options_init(&o);
	o.datadir = FUZZ_SOURCE_DIR;
	o.diagnostics = devnull;
	o.max_diagnostics = 0;
	status = regdoc_build(&o, regdir, outdir);
	if (status != REGDOC_EXIT_OK && status != REGDOC_EXIT_INPUT && status != REGDOC_EXIT_SYSTEM)
		abort();
	check_no_tmp();
	if (status == REGDOC_EXIT_OK) {
		htmlDocPtr html;
		char *g;
		size_t glen;
		diag q;
		if (!fsio_is_dir(outdir) || access(graph_xml, F_OK) != 0)
			abort(); /* success without the output */
		/* the graph it wrote is well-formed XML, whatever the page held (issue 18:
		 * control characters used to be written raw) */
		diag_init(&q, NULL);
		if (fsio_read_file(graph_xml, 64u << 20, &g, &glen, &q) != 0)
			abort();
		fuzz_check_xml(g, glen, graph_xml);
		free(g);
		html = htmlReadFile(article_html, "UTF-8",
		                    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
		if (!html)
			abort(); /* the article's page is missing */
		fuzz_check_inert(xmlDocGetRootElement(html), 0);
		xmlFreeDoc(html);
	}
	return 0;
}
