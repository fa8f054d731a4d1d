#include "util/text.h"

#include <stdlib.h>
#include <string.h>

static unsigned roman_digit(char c)
{
	switch (c) {
	case 'I': case 'i': return 1;
	case 'V': case 'v': return 5;
	case 'X': case 'x': return 10;
	case 'L': case 'l': return 50;
	case 'C': case 'c': return 100;
	case 'D': case 'd': return 500;
	case 'M': case 'm': return 1000;
	default: return 0;
	}
}

unsigned text_roman_value(const char *s, size_t len)
{
	unsigned total = 0;
	char check[16];
	if (len == 0 || len > 15)
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned v = roman_digit(s[i]);
		unsigned next = i + 1 < len ? roman_digit(s[i + 1]) : 0;
		if (!v)
			return 0;
		if (next > v)
			total -= v;
		else
			total += v;
	}
	if (total == 0 || total > 3999)
		return 0;
	/* Only canonical numerals: "IIII" or "VX" are not numbers in the law. */
	text_roman_format(total, check);
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (check[i] != c)
			return 0;
	}
	return check[len] == '\0' ? total : 0;
}

void text_roman_format(unsigned v, char *out)
{
	static const struct { unsigned v; const char *s; } table[] = {
		{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"},
		{50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"},
	};
	size_t n = 0;
	for (size_t i = 0; i < sizeof table / sizeof table[0] && n < 15; i++) {
		while (v >= table[i].v && n + strlen(table[i].s) < 16) {
			size_t k = strlen(table[i].s);
			memcpy(out + n, table[i].s, k);
			n += k;
			v -= table[i].v;
		}
	}
	out[n] = '\0';
}

int text_parse_uint(const char *s, size_t len, unsigned *v)
{
	unsigned r = 0;
	if (len == 0 || len > 9)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		r = r * 10 + (unsigned)(s[i] - '0');
	}
	*v = r;
	return 0;
}

int text_parse_numbered(const char *s, size_t len, unsigned *v, char *suffix)
{
	size_t d = 0;
	while (d < len && s[d] >= '0' && s[d] <= '9')
		d++;
	if (d == 0 || s[0] == '0' || len - d > 3 || text_parse_uint(s, d, v) != 0)
		return -1;
	for (size_t i = d; i < len; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return -1;
	memcpy(suffix, s + d, len - d);
	suffix[len - d] = '\0';
	return 0;
}

int text_is_slug(const char *s)
{
	size_t n = 0;
	if (!s || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return 0;
	for (; s[n]; n++) {
		char c = s[n];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		      c == '.'))
			return 0;
		if (c == '.' && s[n + 1] == '.')
			return 0;
	}
	return n <= 64;
}

const char *text_trim(const char *s, size_t *len)
{
	while (*len && (*s == ' ' || *s == '\t')) {
		s++;
		(*len)--;
	}
	while (*len && (s[*len - 1] == ' ' || s[*len - 1] == '\t' || s[*len - 1] == '\n'))
		(*len)--;
	return s;
}

char *text_ndup(const char *s, size_t len)
{
	char *p = malloc(len + 1);
	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

int text_starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int text_ncase_eq(const char *s, const char *word, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != word[i])
			return 0;
	}
	return 1;
}

size_t text_invisible_at(const char *s, size_t len, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned c;
	if (len >= 2 && u[0] == 0xD8 && u[1] == 0x9C) {
		*cp = 0x061C;
		return 2;
	}
	if (len < 3 || (u[0] != 0xE2 && u[0] != 0xEF) || (u[1] & 0xC0) != 0x80 ||
	    (u[2] & 0xC0) != 0x80)
		return 0;
	c = ((unsigned)(u[0] & 0x0F) << 12) | ((unsigned)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
	if ((c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || c == 0x2060 ||
	    (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF) {
		*cp = c;
		return 3;
	}
	return 0;
}

size_t text_xml_forbidden_at(const char *s, size_t len, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < len; i++) {
		if (u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' && u[i] != '\r') {
			*cp = u[i];
			return i;
		}
		if (u[i] == 0xEF && i + 2 < len && u[i + 1] == 0xBF && (u[i + 2] == 0xBE || u[i + 2] == 0xBF)) {
			*cp = u[i + 2] == 0xBE ? 0xFFFE : 0xFFFF;
			return i;
		}
	}
	return len;
}

unsigned text_first_invisible(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++) {
		unsigned cp;
		if (text_invisible_at(s + i, n - i, &cp))
			return cp;
	}
	return 0;
}

size_t text_distance(const char *a, const char *b, size_t cap)
{
	/* optimal string alignment: Levenshtein plus the swap of two neighbours ("nmae") */
	size_t la = strlen(a), lb = strlen(b), rows[3][64];
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	if (la > 63)
		la = 63;
	if (lb > 63)
		lb = 63;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t best = cur[0] = i, *t;
		for (size_t j = 1; j <= lb; j++) {
			size_t v = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (best > cap)
			return cap + 1;
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb] > cap ? cap + 1 : prev[lb];
}

const char *text_nearest(const char *word, const char *const *candidates, size_t n)
{
	size_t len = strlen(word), cap = len <= 4 ? 1 : len <= 8 ? 2 : 3, best = cap + 1;
	const char *found = NULL;
	for (size_t i = 0; i < n; i++) {
		size_t dist;
		if (!candidates[i])
			continue;
		dist = text_distance(word, candidates[i], cap);
		if (dist == 0)
			return NULL;
		if (dist < best) {
			best = dist;
			found = candidates[i];
		}
	}
	return found;
}
