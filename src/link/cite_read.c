/*
 * cite_read.c - the reading primitives of the citation scanner (cite_impl.h): words,
 * keywords, spaces and separators, numbers, Roman numerals, "(a)" tokens, dotted
 * numbers ("4.6"), article numbers ("6a") and ordinal words. Every one checks bounds
 * and returns the end through *end; none calls another file of the scanner.
 */
#include "link/cite_impl.h"

/* Words are ASCII; bytes of other UTF-8 characters (‘ ’, no-break space) separate them. */
bool cite_word_starts(const struct scanner *sc, size_t i)
{
	return i < sc->n && is_alnum(ch(sc, i)) && (i == 0 || !is_alnum(ch(sc, i - 1)));
}

bool cite_word_ends(const struct scanner *sc, size_t i)
{
	return !is_alnum(ch(sc, i));
}

bool cite_lit(const struct scanner *sc, size_t p, const char *str, size_t *end)
{
	size_t k = strlen(str);
	if (p > sc->n || sc->n - p < k || memcmp(sc->s + p, str, k) != 0)
		return false;
	*end = p + k;
	return true;
}

/* The whole word w at p; with any_case its first letter may be either case
 * ("Article" opens a sentence, "article" does not). */
bool cite_word(const struct scanner *sc, size_t p, const char *w, bool any_case, size_t *end)
{
	int c = ch(sc, p);
	size_t e;
	if (c < 0)
		return false;
	if (c != (unsigned char)w[0]) {
		if (!any_case || (c | 0x20) != ((unsigned char)w[0] | 0x20) || !is_alnum(c))
			return false;
	}
	if (!cite_lit(sc, p + 1, w + 1, &e) || !cite_word_ends(sc, e))
		return false;
	*end = e;
	return true;
}

/* "Article" or "Articles" (plural given in full: "Annexes"). */
bool cite_keyword(const struct scanner *sc, size_t p, const char *singular,
                  const char *plural, bool any_case, size_t *end)
{
	return cite_word(sc, p, plural, any_case, end) || cite_word(sc, p, singular, any_case, end);
}

/* One or more spaces; the OJ's no-break space (U+00A0) counts as one. */
bool cite_sp(const struct scanner *sc, size_t p, size_t *end)
{
	size_t i = p;
	for (;;) {
		int c = ch(sc, i);
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			i++;
		else if (c == 0xC2 && ch(sc, i + 1) == 0xA0)
			i += 2;
		else
			break;
	}
	if (i == p)
		return false;
	*end = i;
	return true;
}

/* A space, the word, a space: " and ", " to ". */
bool cite_spaced_word(const struct scanner *sc, size_t p, const char *w, size_t *end)
{
	size_t a, b;
	return cite_sp(sc, p, &a) && cite_word(sc, a, w, false, &b) && cite_sp(sc, b, end);
}

bool cite_comma(const struct scanner *sc, size_t p, size_t *end)
{
	return ch(sc, p) == ',' && cite_sp(sc, p + 1, end);
}

/* Between two list items: ", ", " and ", " or ", ", and ", ", or ", " and/or ". */
bool cite_list_sep(const struct scanner *sc, size_t p, size_t *end)
{
	size_t a, b;
	if (cite_comma(sc, p, &a)) {
		if ((cite_word(sc, a, "and", false, &b) || cite_word(sc, a, "or", false, &b)) &&
		    cite_sp(sc, b, end))
			return true;
		*end = a;
		return true;
	}
	return cite_spaced_word(sc, p, "and", end) || cite_spaced_word(sc, p, "or", end) ||
	       (cite_sp(sc, p, &a) && cite_lit(sc, a, "and/or", &b) && cite_sp(sc, b, end));
}

/* " of " or ", of ": what follows names where the cited element is. */
bool cite_of_sep(const struct scanner *sc, size_t p, size_t *end)
{
	if (ch(sc, p) == ',')
		p++;
	return cite_spaced_word(sc, p, "of", end);
}

/* A decimal number of at most MAX_NUMBER_DIGITS digits; longer runs are not
 * citation numbers, and refusing them keeps the arithmetic overflow-free. */
bool cite_number(const struct scanner *sc, size_t p, uint64_t *value, size_t *end)
{
	uint64_t v = 0;
	size_t i = p;
	while (is_digit(ch(sc, i))) {
		if (i - p == MAX_NUMBER_DIGITS)
			return false;
		v = v * 10 + (uint64_t)(ch(sc, i) - '0');
		i++;
	}
	if (i == p)
		return false;
	*value = v;
	*end = i;
	return true;
}

/* A short number, as used for paragraphs, points and sections. */
bool cite_small_number(const struct scanner *sc, size_t p, uint64_t *value, size_t *end)
{
	size_t e;
	if (!cite_number(sc, p, value, &e) || e - p > MAX_TOKEN_DIGITS)
		return false;
	*end = e;
	return true;
}

static const char *const roman_digits[3][10] = {
	{"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"},
	{"", "x", "xx", "xxx", "xl", "l", "lx", "lxx", "lxxx", "xc"},
	{"", "c", "cc", "ccc", "", "", "", "", "", ""},
};

/* Writes v (1..399) as a lower-case roman numeral. */
void cite_to_roman(unsigned v, char out[COMP_TEXT])
{
	snprintf(out, COMP_TEXT, "%s%s%s", roman_digits[2][v / 100 % 10],
	         roman_digits[1][v / 10 % 10], roman_digits[0][v % 10]);
}

/* Reads a canonical roman numeral of the given case ("IV", not "IIII"), 1..399. */
bool cite_roman(const struct scanner *sc, size_t p, bool upper, unsigned *value, size_t *end)
{
	static const char letters[] = "ivxlc";
	static const unsigned values[] = {1, 5, 10, 50, 100};
	char seen[MAX_ROMAN_CHARS + 1];
	size_t k = 0;
	unsigned total = 0, prev = 0;

	for (;;) {
		int c = ch(sc, p + k);
		const char *at = (c > 0 && (upper ? is_upper(c) : is_lower(c)))
		                 ? strchr(letters, c | 0x20) : NULL;
		if (at == NULL || *at == '\0')
			break;
		if (k == MAX_ROMAN_CHARS)
			return false;
		seen[k++] = (char)(c | 0x20);
	}
	if (k == 0 || !cite_word_ends(sc, p + k))
		return false;
	seen[k] = '\0';
	/* Right to left: a smaller digit before a larger one subtracts. */
	for (size_t i = k; i-- > 0;) {
		unsigned v = values[strchr(letters, seen[i]) - letters];
		if (v < prev && v >= total)
			return false; /* "IIX": more subtracted than there is */
		total = v < prev ? total - v : total + v;
		if (v > prev)
			prev = v;
		if (total > 399)
			return false;
	}
	char canonical[COMP_TEXT];
	cite_to_roman(total, canonical);
	if (strcmp(canonical, seen) != 0)
		return false;
	*value = total;
	*end = p + k;
	return true;
}

/* "(a)", "(iii)", "(44)": a short token of lower-case letters or of digits. */
bool cite_paren_token(const struct scanner *sc, size_t p, char text[COMP_TEXT], size_t *end)
{
	size_t i = p + 1, k = 0;
	if (ch(sc, p) != '(')
		return false;
	if (is_digit(ch(sc, i))) {
		while (is_digit(ch(sc, i + k)) && k <= MAX_TOKEN_DIGITS)
			k++;
		if (k > MAX_TOKEN_DIGITS)
			return false;
	} else {
		while (is_lower(ch(sc, i + k)) && k <= MAX_TOKEN_LETTERS)
			k++;
		if (k == 0 || k > MAX_TOKEN_LETTERS)
			return false;
	}
	if (ch(sc, i + k) != ')')
		return false;
	memcpy(text, sc->s + i, k);
	text[k] = '\0';
	*end = i + k + 1;
	return true;
}

/* "4", "4.6", "1.2.3": the numbering of annex points. A dot belongs to the number
 * only when a digit follows, so the full stop in "point 4." stays out. */
bool cite_dotted(const struct scanner *sc, size_t p, char text[COMP_TEXT], size_t *end)
{
	uint64_t v;
	size_t e, parts = 0, q = p;
	for (;;) {
		if (!cite_small_number(sc, q, &v, &e))
			return false;
		q = e;
		if (++parts == 4 || ch(sc, q) != '.' || !is_digit(ch(sc, q + 1)))
			break;
		q++;
	}
	if (is_alnum(ch(sc, q)) || (ch(sc, q) == '.' && is_digit(ch(sc, q + 1))))
		return false;
	memcpy(text, sc->s + p, q - p);
	text[q - p] = '\0';
	*end = q;
	return true;
}

/* "43", "6a" (Protocols and amending acts insert lettered articles). */
bool cite_article_number(const struct scanner *sc, size_t p, char text[COMP_TEXT], size_t *end)
{
	uint64_t v;
	size_t e;
	if (!cite_number(sc, p, &v, &e))
		return false;
	char suffix[2] = {0, 0};
	if (is_lower(ch(sc, e)) && cite_word_ends(sc, e + 1))
		suffix[0] = (char)ch(sc, e++);
	if (!cite_word_ends(sc, e))
		return false;
	snprintf(text, COMP_TEXT, "%llu%s", (unsigned long long)v, suffix);
	*end = e;
	return true;
}

static const char *const ordinal_words[] = {
	"first", "second", "third", "fourth", "fifth",
	"sixth", "seventh", "eighth", "ninth", "tenth",
};

bool cite_ordinal(const struct scanner *sc, size_t p, unsigned *n, size_t *end)
{
	for (size_t i = 0; i < sizeof ordinal_words / sizeof ordinal_words[0]; i++) {
		if (cite_word(sc, p, ordinal_words[i], true, end)) {
			*n = (unsigned)i + 1;
			return true;
		}
	}
	return false;
}
