/*
 * help.c - see help.h. One entry per command: synopsis, what it does, its options, its
 * output and an example. Options every command takes are listed by `regdoc --help`.
 */
#include "cli/help.h"

#include <string.h>

typedef struct command_help {
	const char *name;
	const char *text;
} command_help;

static const command_help commands[] = {
	{"build",
	 "usage: regdoc build [CORPUS_DIR] [-o DIR] [--templates DIR]\n"
	 "\n"
	 "Every regulation under CORPUS_DIR into DIR/<regulation-id>/ (default DIR: output):\n"
	 "  graph.xml              the XML graph (doc/graph.md)\n"
	 "  site/                  the HTML reference site (doc/site.md)\n"
	 "  products/<id>/         assessment, checklist and Annex IV template of every\n"
	 "                         example product in <regulation>/products/ (doc/product.md)\n"
	 "CORPUS_DIR is a regulation folder (one with a manifest.xml) or a folder of them.\n"
	 "Default: ./corpus when it exists, else the corpus installed with regdoc.\n"
	 "Output is all-or-nothing: on any error the previous DIR is left as it was.\n"
	 "A rebuild takes over from DIR what did not change (its inputs' hashes are kept in\n"
	 "DIR/.regdoc-cache; doc/cache.md); the output is the same as a cold build's.\n"
	 "When done, one line per regulation and one for the run go to stderr:\n"
	 "  regdoc: built ID: 306 units, 390 pages, 28 products, 0 warnings -> output/ID/ (2.1 s)\n"
	 "\n"
	 "Options:\n"
	 "  -o, --output DIR     where to write (default: output)\n"
	 "  -q, --quiet          no summary lines\n"
	 "  -v, --verbose        also every file written (regdoc: wrote PATH)\n"
	 "      --templates DIR  restyle: the site and product documents from the templates\n"
	 "                       in DIR (a copy made with 'regdoc templates --export DIR')\n"
	 "      --validate       also validate each graph against graph.rng\n"
	 "      --no-cache, --clean  a cold build: take nothing over from DIR\n"
	 "\n"
	 "Example: regdoc build corpus -o output\n"},
	{"graph",
	 "usage: regdoc graph [CORPUS_DIR] [-o FILE]\n"
	 "\n"
	 "The XML graph of one regulation (doc/graph.md; schema templates/schema/graph.rng):\n"
	 "units, structure, citations, relations. CORPUS_DIR must hold exactly one regulation.\n"
	 "\n"
	 "Options:\n"
	 "  -o, --output FILE    where to write (default, and -o -: stdout)\n"
	 "      --validate       validate the graph against graph.rng before writing it\n"
	 "\n"
	 "Example: regdoc graph corpus/ai-act -o ai-act.graph.xml\n"},
	{"check",
	 "usage: regdoc check [CORPUS_DIR]\n"
	 "\n"
	 "Read and check every regulation under CORPUS_DIR (pages, manifest, citations,\n"
	 "relations, schema validation of the graph); write nothing. Exit status 0 when all\n"
	 "is well, 1 when the input has errors (each printed as PATH:LINE: error: ...).\n"
	 "\n"
	 "Example: regdoc check -W corpus/ai-act\n"},
	{"links",
	 "usage: regdoc links [CORPUS_DIR] ID...\n"
	 "\n"
	 "Every edge into and out of each ID, one per line:\n"
	 "  KIND<TAB>FROM<TAB>TO<TAB>SOURCE:LINE\n"
	 "KIND is relates-to, cites or cites-act. An ID covers the elements inside it\n"
	 "(art-3.1 covers art-3.1.a). A qualified ID (cra:art-12.3) names its regulation.\n"
	 "The first argument is the corpus when it is a folder or a path with a '/'.\n"
	 "An ID that is not in the corpus, or a corpus path that is not one, is an error\n"
	 "(exit status 1). Ids are printed qualified (REG:art-15) when the question\n"
	 "is: a qualified ID, or a folder of several regulations.\n"
	 "\n"
	 "Example: regdoc links corpus/ai-act rec-78\n"},
	{"site",
	 "usage: regdoc site [CORPUS_DIR] -o DIR [--templates DIR]\n"
	 "\n"
	 "The HTML reference site of one regulation into DIR (doc/site.md): index.html,\n"
	 "one page per unit (art-43.html), chapter pages, search.html, sitemap.xml.\n"
	 "\n"
	 "Options:\n"
	 "  -o, --output DIR     where to write (required)\n"
	 "      --templates DIR  the templates to use (site/site.xsl, site/static/)\n"
	 "\n"
	 "Example: regdoc site corpus/ai-act -o ai-act-site\n"},
	{"assess",
	 "usage: regdoc assess PRODUCT.xml [-o DIR] [--regulation DIR] [--templates DIR]\n"
	 "\n"
	 "Assess one product description (doc/product.md) against the rules of its\n"
	 "regulation (doc/rules.md) and write into DIR: assessment.xml, checklist.html,\n"
	 "checklist.md, checklist.fodt, annex-iv.html, annex-iv.md, annex-iv.fodt.\n"
	 "\n"
	 "PRODUCT.xml '-' reads the product from standard input (then -o DIR is needed).\n"
	 "A product file that does not exist or cannot be read is an I/O error (exit 3).\n"
	 "\n"
	 "Options:\n"
	 "  -o, --output DIR       where to write (default: output/products/<file name>)\n"
	 "      --regulation DIR   the regulation whose rules apply (default: the folder\n"
	 "                         above the product's products/ folder, else the one the\n"
	 "                         product names, <product regulation=\"ID\">, in the\n"
	 "                         default corpus: ./corpus, else the installed one)\n"
	 "      --templates DIR    the templates to use (checklist/, annex-iv/, schema/)\n"
	 "\n"
	 "Example: regdoc assess corpus/ai-act/products/hirerank-cv-screening.xml -o out\n"
	 "         regdoc assess my-product.xml\n"
	 "         regdoc assess - -o out < my-product.xml\n"},
	{"new",
	 "usage: regdoc new PRODUCT.xml [--set ID=VALUE]... [--batch] [--force]\n"
	 "                  [--regulation DIR] [--templates DIR]\n"
	 "\n"
	 "Describe a product by answering questions, one at a time, in the order the law\n"
	 "decides things: the product, what it is (Article 3), scope (Article 2), prohibited\n"
	 "practices (Article 5), Annex I (Article 6(1)), Annex III (Article 6(2)), the\n"
	 "derogation (Article 6(3)), standards (Articles 40, 41, 43), who puts it into service\n"
	 "(Article 43(1)), changes (Article 43(4)), transparency (Article 50), general-purpose\n"
	 "AI models (Articles 51-55) and cybersecurity. Each question cites its\n"
	 "provision; questions that no longer matter are skipped. Writes PRODUCT.xml (valid\n"
	 "against product.rng), assesses it and prints the route it leads to.\n"
	 "The questions are templates/questionnaire.xml (doc/questionnaire.md).\n"
	 "\n"
	 "At a terminal: prompts; Enter takes the [default]; '?' shows the law's text of\n"
	 "the provision the question is about and the Article 3 definitions of the terms\n"
	 "it uses; 'back' undoes the previous answer (any number of times); a wrong answer\n"
	 "is asked again; Ctrl-C or Ctrl-D stops with nothing written.\n"
	 "From a script (stdin not a terminal): one answer per line, no prompts ('back' and\n"
	 "'?' work too); a wrong or missing answer is an error (stdin:LINE) and nothing is\n"
	 "written. At the end: the route, under each regulation that applies to it.\n"
	 "\n"
	 "Options:\n"
	 "      --set ID=VALUE     the answer to question ID (its id in questionnaire.xml),\n"
	 "                         given in advance; repeatable\n"
	 "      --batch            read no answers: --set answers and defaults only; every\n"
	 "                         question left without one is reported, in one run\n"
	 "      --force            replace PRODUCT.xml if it exists\n"
	 "      --regulation DIR   the regulation whose rules assess it (default: the\n"
	 "                         corpus folder of the questionnaire's regulation)\n"
	 "      --templates DIR    the questionnaire and schemas of DIR\n"
	 "\n"
	 "Example: regdoc new my-product.xml\n"
	 "         regdoc new my.xml --batch --set name=X --set ai-system=yes ...\n"},
	{"diff",
	 "usage: regdoc diff OLD_CORPUS NEW_CORPUS [-o DIR]\n"
	 "       regdoc diff CORPUS_DIR [--as-of DATE] [--from DATE] [-o DIR]\n"
	 "\n"
	 "What changed between two versions of a regulation (e.g. before and after an\n"
	 "amendment): the units (recitals, articles, annexes) and their paragraphs, points\n"
	 "and sections changed, added or removed, each changed text word by word; and for\n"
	 "every example product (products/*.xml) how its assessment changes under the new\n"
	 "version's graph and rules: the route and other conclusions, checklist items added,\n"
	 "removed, or whose provision's text changed. OLD_CORPUS and NEW_CORPUS are\n"
	 "regulation folders or folders of them (paired by manifest id). Elements are the\n"
	 "same when their ids are (ids follow the law's numbering: a renumbered paragraph\n"
	 "is one removed and one added).\n"
	 "With one folder: two versions of each regulation in it that has several\n"
	 "(manifest <versions>): the one in force on --as-of (default: the latest) and the\n"
	 "one before it, or the one in force on --from; each change says the amending\n"
	 "provision (the version's amendments.tsv: replaced, inserted, deleted), and an\n"
	 "element an amendment left with the same words is listed as amended.\n"
	 "The report goes to stdout as text; differences are not errors (exit status 0).\n"
	 "\n"
	 "Options:\n"
	 "  -o, --output DIR     also write DIR/diff.html (a report to read), diff.xml\n"
	 "                       (templates/schema/diff.rng) and diff.txt\n"
	 "      --as-of DATE     the version in force on DATE (both folders; with one\n"
	 "                       folder, the newer side)\n"
	 "      --from DATE      one folder: the older side is the version in force on DATE\n"
	 "      --templates DIR  diff/text.xsl and diff/html.xsl of DIR\n"
	 "\n"
	 "Example: regdoc diff corpus-2024/ai-act corpus/ai-act -o ai-act-changes\n"
	 "         regdoc diff corpus/ai-act -o ai-act-2026   (what changed on 27 July 2026)\n"},
	{"templates",
	 "usage: regdoc templates [--export DIR]\n"
	 "\n"
	 "Without --export: print the templates folder regdoc uses (--templates DIR, else\n"
	 "the shipped one). With --export DIR: write a copy of it into DIR (which must not\n"
	 "exist, or be empty): schema/ (RELAX NG), site/ (site.xsl, layout.xsl, static/\n"
	 "site.css ...), checklist/ and annex-iv/ (the product documents).\n"
	 "Restyle the copy, then build with it:\n"
	 "  regdoc templates --export my-style\n"
	 "  (edit my-style/site/static/site.css, my-style/site/layout.xsl, ...)\n"
	 "  regdoc build --templates my-style\n"
	 "Custom templates run under the same XSLT security preferences as the shipped\n"
	 "ones: no network, no writing outside the output folder.\n"
	 "\n"
	 "Options:\n"
	 "      --export DIR     where to write the copy\n"},
};

int help_command(const char *name, FILE *f)
{
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (!strcmp(commands[i].name, name)) {
			fputs(commands[i].text, f);
			fputs("\nEvery command also takes the options of 'regdoc --help'; see regdoc(1).\n", f);
			return 0;
		}
	return -1;
}
