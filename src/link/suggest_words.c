/*
 * suggest_words.c - stop words, suffix rules and stemming of the suggest scorer
 * (suggest.h; the file format: templates/suggest/en.txt).
 */
#include "link/suggest_impl.h"

#include <errno.h>
#include <unistd.h>

#include "util/fsio.h"

typedef struct suffix_rule {
	char *suffix, *replacement;
	size_t slen, rlen;
} suffix_rule;

struct suggest_words {
	arena a;
	strtab stop;
	suffix_rule *rules;
	size_t nrules, caprules;
	unsigned min_length; /* shorter tokens are dropped */
	unsigned min_stem;   /* a suffix rule applies only when this much stem is left */
};

suggest_words *suggest_words_new(void)
{
	suggest_words *w = calloc(1, sizeof *w);
	if (w) {
		w->min_length = 3;
		w->min_stem = 4;
	}
	return w;
}

void suggest_words_free(suggest_words *w)
{
	if (!w)
		return;
	strtab_free(&w->stop);
	free(w->rules);
	arena_free(&w->a);
	free(w);
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* One line of the file: "word", "-suffix [replacement]", "@min-length N",
 * "@min-stem N", "# comment" or blank. */
static int words_line(suggest_words *w, const char *s, size_t len, const char *name,
                      unsigned long line, diag *d)
{
	const char *end = s + len, *tok2;
	size_t l1;
	while (s < end && is_space(*s))
		s++;
	while (end > s && is_space(end[-1]))
		end--;
	if (s == end || *s == '#')
		return 0;
	for (l1 = 0; s + l1 < end && !is_space(s[l1]); l1++)
		;
	tok2 = s + l1;
	while (tok2 < end && is_space(*tok2))
		tok2++;
	for (size_t i = 0; i < (size_t)(end - s); i++)
		if ((s[i] >= 'A' && s[i] <= 'Z') || s[i] == '\t') {
			diag_error(d, name, line, "upper case or tab in a word list: write words in lower case");
			return -1;
		}
	if (*s == '@') {
		char *e;
		unsigned long v = strtoul(tok2, &e, 10);
		if (tok2 == end || e != end || v == 0 || v >= WORD_MAX) {
			diag_error(d, name, line, "'%.*s' needs a number from 1 to %d", (int)l1, s, WORD_MAX - 1);
			return -1;
		}
		if (l1 == 11 && !memcmp(s, "@min-length", 11))
			w->min_length = (unsigned)v;
		else if (l1 == 9 && !memcmp(s, "@min-stem", 9))
			w->min_stem = (unsigned)v;
		else {
			diag_error(d, name, line, "unknown setting '%.*s' (@min-length, @min-stem)", (int)l1, s);
			return -1;
		}
		return 0;
	}
	if (*s == '-') {
		suffix_rule *r;
		size_t rl = (size_t)(end - tok2);
		if (l1 < 2 || l1 >= WORD_MAX || rl >= WORD_MAX || memchr(tok2, ' ', rl)) {
			diag_error(d, name, line, "a suffix rule is '-SUFFIX' or '-SUFFIX REPLACEMENT'");
			return -1;
		}
		if (w->nrules == w->caprules) {
			size_t nc = w->caprules ? w->caprules * 2 : 16;
			suffix_rule *nr = realloc(w->rules, nc * sizeof *nr);
			if (!nr)
				return -1;
			w->rules = nr;
			w->caprules = nc;
		}
		r = &w->rules[w->nrules];
		r->suffix = arena_strndup(&w->a, s + 1, l1 - 1);
		r->replacement = arena_strndup(&w->a, tok2, rl);
		if (!r->suffix || !r->replacement)
			return -1;
		r->slen = l1 - 1;
		r->rlen = rl;
		w->nrules++;
		return 0;
	}
	if (tok2 != end || l1 >= WORD_MAX) {
		diag_error(d, name, line, "one stop word per line");
		return -1;
	}
	{
		int added;
		return strtab_intern(&w->stop, &w->a, s, l1, &added) == NONE ? -1 : 0;
	}
}

int suggest_words_parse(suggest_words *w, const char *text, size_t len, const char *name,
                        diag *d)
{
	unsigned long line = 1;
	int rc = 0;
	for (size_t at = 0; at < len; line++) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t l = nl ? (size_t)(nl - (text + at)) : len - at;
		if (words_line(w, text + at, l, name, line, d) != 0)
			rc = -1;
		at += l + 1;
	}
	return rc;
}

int suggest_words_load(suggest_words *w, const char *path, int optional, diag *d)
{
	char *text;
	size_t len;
	int rc;
	if (optional && access(path, F_OK) != 0 && errno == ENOENT)
		return 1;
	if (fsio_read_text(path, 1u << 20, &text, &len, d) != 0)
		return -1;
	rc = suggest_words_parse(w, text, len, path, d);
	free(text);
	return rc;
}

static int all_digits(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* tok is lower case already. */
size_t suggest_stem_lower(const suggest_words *w, const char *tok, size_t len, char *out,
                          size_t outsz)
{
	if (len < w->min_length || all_digits(tok, len) || strtab_lookup(&w->stop, tok, len) != NONE)
		return 0;
	for (size_t k = 0; k < w->nrules; k++) {
		const suffix_rule *r = &w->rules[k];
		if (r->slen <= len && len - r->slen >= w->min_stem &&
		    !memcmp(tok + len - r->slen, r->suffix, r->slen) &&
		    len - r->slen + r->rlen < outsz) {
			memcpy(out, tok, len - r->slen);
			memcpy(out + len - r->slen, r->replacement, r->rlen);
			out[len - r->slen + r->rlen] = '\0';
			return len - r->slen + r->rlen;
		}
	}
	if (len >= outsz)
		len = outsz - 1;
	memcpy(out, tok, len);
	out[len] = '\0';
	return len;
}

int suggest_words_stem(const suggest_words *w, const char *tok, size_t len, char *out,
                       size_t outsz)
{
	char low[WORD_MAX];
	if (!outsz)
		return 0;
	if (len >= sizeof low)
		len = sizeof low - 1;
	for (size_t i = 0; i < len; i++)
		low[i] = (tok[i] >= 'A' && tok[i] <= 'Z') ? (char)(tok[i] - 'A' + 'a') : tok[i];
	return suggest_stem_lower(w, low, len, out, outsz) > 0;
}
