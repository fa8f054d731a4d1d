/*
 * eval_suggest.c - how well the computed relations (src/link/suggest.c) find the
 * sourced ones: reads a graph (regdoc graph … -o GRAPH), scores it again with the
 * library's scorer (which never reads edges, so every sourced pair is held out: a
 * leave-one-out evaluation by construction), and compares the rankings with the
 * graph's relates-to pairs.
 *
 * usage: eval_suggest [--words FILE]... [--set NAME=VALUE]... [--min-recall5 X]
 *                     [--report ID,ID,...] [--misses] [--time N] GRAPH.xml
 *
 *   recitals: for each recital with a sourced pair, its 5 best articles/annexes;
 *   articles: for each article/annex with a sourced pair, its 5 best recitals.
 *   recall@k  = sourced pairs found in the top k / all sourced pairs (micro);
 *   precision@3 = mean over the evaluated recitals (articles) of hits in the top 3 / 3.
 * --min-recall5 X: exit 1 when recall@5 of the recitals is below X (the ctest guard).
 * --report: the top 3 recitals of each listed unit, with score and evidence.
 * --time N: the median wall time of N runs of scoring and emitting (ms).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>

#include "link/suggest.h"

typedef struct pair {
	size_t rec, unit;
} pair;

static int set_param(suggest_params *p, const char *nv)
{
	const char *eq = strchr(nv, '=');
	double v;
	if (!eq)
		return -1;
	v = strtod(eq + 1, NULL);
#define D(name) if (!strncmp(nv, #name, (size_t)(eq - nv)) && strlen(#name) == (size_t)(eq - nv)) { p->name = v; return 0; }
#define U(name) if (!strncmp(nv, #name, (size_t)(eq - nv)) && strlen(#name) == (size_t)(eq - nv)) { p->name = (unsigned)v; return 0; }
	D(w_cite) D(w_term) D(w_lex) D(alpha) D(w_via)
	U(title_repeat) U(k_recital) U(k_unit) U(min_score) U(max_words) U(max_terms) U(max_cites)
	if (!strncmp(nv, "quoted=", 7)) {
		p->quoted = (int)v;
		return 0;
	}
#undef D
#undef U
	return -1;
}

static int is_gold(const pair *g, size_t n, size_t rec, size_t unit)
{
	for (size_t k = 0; k < n; k++)
		if (g[k].rec == rec && g[k].unit == unit)
			return 1;
	return 0;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	suggest_params p;
	suggest_words *w = suggest_words_new();
	suggest_model *m;
	const char *graph = NULL, *report = NULL;
	double min_recall5 = -1;
	int misses = 0, times = 0, status = 0;
	diag d;
	xmlDocPtr doc;
	pair *gold = NULL;
	size_t ngold = 0, cap = 0;
	size_t top[5];

	diag_init(&d, stderr);
	suggest_params_default(&p);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--words") && i + 1 < argc) {
			if (suggest_words_load(w, argv[++i], 0, &d) != 0)
				return 2;
		} else if (!strcmp(argv[i], "--set") && i + 1 < argc) {
			if (set_param(&p, argv[++i]) != 0) {
				fprintf(stderr, "eval_suggest: unknown parameter %s\n", argv[i]);
				return 2;
			}
		} else if (!strcmp(argv[i], "--min-recall5") && i + 1 < argc) {
			min_recall5 = strtod(argv[++i], NULL);
		} else if (!strcmp(argv[i], "--report") && i + 1 < argc) {
			report = argv[++i];
		} else if (!strcmp(argv[i], "--time") && i + 1 < argc) {
			times = atoi(argv[++i]);
		} else if (!strcmp(argv[i], "--misses")) {
			misses = 1;
		} else if (argv[i][0] != '-' && !graph) {
			graph = argv[i];
		} else {
			fprintf(stderr, "usage: eval_suggest [--words FILE]... [--set NAME=VALUE]... "
			                "[--min-recall5 X] [--report IDS] [--misses] [--time N] GRAPH.xml\n");
			return 2;
		}
	}
	if (!graph || !w)
		return 2;
	doc = xmlReadFile(graph, NULL, XML_PARSE_NONET);
	if (!doc) {
		fprintf(stderr, "eval_suggest: cannot read %s\n", graph);
		return 2;
	}
	m = suggest_compute(doc, w, &p);
	if (!m)
		return 3;

	/* the sourced pairs: relates-to edges, either direction */
	for (xmlNodePtr c = xmlDocGetRootElement(doc)->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "edges") != 0)
			continue;
		for (xmlNodePtr e = c->children; e; e = e->next) {
			xmlChar *kind, *from, *to;
			size_t r, u;
			if (e->type != XML_ELEMENT_NODE)
				continue;
			kind = xmlGetProp(e, (const xmlChar *)"kind");
			from = xmlGetProp(e, (const xmlChar *)"from");
			to = xmlGetProp(e, (const xmlChar *)"to");
			if (kind && from && to && !strcmp((const char *)kind, "relates-to")) {
				r = suggest_find_recital(m, (const char *)from);
				u = suggest_find_unit(m, (const char *)to);
				if (r == (size_t)-1) {
					r = suggest_find_recital(m, (const char *)to);
					u = suggest_find_unit(m, (const char *)from);
				}
				if (r != (size_t)-1 && u != (size_t)-1 && !is_gold(gold, ngold, r, u)) {
					if (ngold == cap) {
						cap = cap ? cap * 2 : 64;
						gold = realloc(gold, cap * sizeof *gold);
						if (!gold)
							return 3;
					}
					gold[ngold].rec = r;
					gold[ngold++].unit = u;
				}
			}
			xmlFree(kind);
			xmlFree(from);
			xmlFree(to);
		}
	}

	if (ngold) {
		size_t h3 = 0, h5 = 0, nr = 0, hu3 = 0, hu5 = 0, nu = 0, ceil5 = 0, ceil3r = 0, ceil3u = 0;
		double p3 = 0, pu3 = 0, r5;
		for (size_t i = 0; i < suggest_nrecitals(m); i++) {
			size_t n = 0, k = 0, hits3 = 0;
			for (size_t g = 0; g < ngold; g++)
				n += gold[g].rec == i;
			if (!n)
				continue;
			nr++;
			ceil3r += n < 3 ? n : 3;
			k = suggest_rank_units(m, i, top, 5);
			for (size_t x = 0; x < k; x++)
				if (is_gold(gold, ngold, i, top[x])) {
					h5++;
					if (x < 3)
						hits3++;
				}
			h3 += hits3;
			p3 += hits3 / 3.0;
			if (misses)
				for (size_t g = 0; g < ngold; g++) {
					int found = 0;
					if (gold[g].rec != i)
						continue;
					for (size_t x = 0; x < k; x++)
						found |= top[x] == gold[g].unit;
					if (!found) {
						printf("miss: %s -> %s (score %u; top:", suggest_recital_id(m, i),
						       suggest_unit_id(m, gold[g].unit), suggest_score(m, i, gold[g].unit));
						for (size_t x = 0; x < k; x++)
							printf(" %s %u", suggest_unit_id(m, top[x]), suggest_score(m, i, top[x]));
						printf(")\n");
					}
				}
		}
		for (size_t j = 0; j < suggest_nunits(m); j++) {
			size_t n = 0, k, hits3 = 0;
			for (size_t g = 0; g < ngold; g++)
				n += gold[g].unit == j;
			if (!n)
				continue;
			nu++;
			ceil5 += n < 5 ? n : 5;
			ceil3u += n < 3 ? n : 3;
			k = suggest_rank_recitals(m, j, top, 5);
			for (size_t x = 0; x < k; x++)
				if (is_gold(gold, ngold, top[x], j)) {
					hu5++;
					if (x < 3)
						hits3++;
				}
			hu3 += hits3;
			pu3 += hits3 / 3.0;
		}
		r5 = (double)h5 / (double)ngold;
		printf("| direction | evaluated | sourced pairs | recall@3 | recall@5 | precision@3 |\n");
		printf("| --- | --- | --- | --- | --- | --- |\n");
		printf("| recital → articles/annexes | %zu recitals | %zu | %.3f | %.3f | %.3f |\n", nr,
		       ngold, (double)h3 / (double)ngold, r5, p3 / (double)nr);
		printf("| article/annex → recitals | %zu units | %zu | %.3f | %.3f | %.3f |\n", nu, ngold,
		       (double)hu3 / (double)ngold, (double)hu5 / (double)ngold, pu3 / (double)nu);
		printf("\nAt most: precision@3 %.3f for recitals (most have one sourced pair); "
		       "recall@5 %.3f and precision@3 %.3f for articles/annexes (most have more "
		       "than 5 sourced recitals).\n",
		       (double)ceil3r / (3.0 * (double)nr), (double)ceil5 / (double)ngold,
		       (double)ceil3u / (3.0 * (double)nu));
		if (min_recall5 >= 0 && r5 < min_recall5) {
			printf("FAIL: recall@5 of recitals %.3f is below the guard %.3f\n", r5, min_recall5);
			status = 1;
		}
	} else {
		printf("no sourced relations in %s: nothing to measure\n", graph);
		if (min_recall5 >= 0)
			status = 1;
	}

	while (report && *report) {
		const char *comma = strchr(report, ',');
		size_t len = comma ? (size_t)(comma - report) : strlen(report);
		char id[64];
		size_t j, k;
		snprintf(id, sizeof id, "%.*s", (int)len, report);
		report = comma ? comma + 1 : NULL;
		j = suggest_find_unit(m, id);
		if (j == (size_t)-1) {
			printf("%s: not an article or annex of this graph\n", id);
			continue;
		}
		k = suggest_rank_recitals(m, j, top, 3);
		printf("\n%s\n", id);
		for (size_t x = 0; x < k; x++) {
			buf ev;
			unsigned s = suggest_score(m, top[x], j);
			buf_init(&ev);
			suggest_evidence(m, top[x], j, &ev);
			printf("  %-8s %u.%03u  %s\n", suggest_recital_id(m, top[x]), s / 1000, s % 1000,
			       ev.s ? ev.s : "");
			buf_free(&ev);
		}
	}

	if (times > 0) {
		double *t = calloc((size_t)times, sizeof *t);
		for (int r = 0; t && r < times; r++) {
			xmlDocPtr copy = xmlCopyDoc(doc, 1);
			double t0 = now_ms();
			suggest_model *mm = suggest_compute(copy, w, &p);
			if (mm)
				suggest_emit(copy, mm);
			t[r] = now_ms() - t0;
			suggest_model_free(mm);
			xmlFreeDoc(copy);
		}
		if (t) {
			qsort(t, (size_t)times, sizeof *t, cmp_double);
			printf("\nscoring and emitting: median %.2f ms over %d runs\n", t[times / 2], times);
		}
		free(t);
	}

	suggest_model_free(m);
	suggest_words_free(w);
	free(gold);
	xmlFreeDoc(doc);
	return status;
}
