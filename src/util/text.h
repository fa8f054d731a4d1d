/*
 * text.h - small string helpers shared by the stages: Roman numerals, id-safe
 * slugs, whitespace trimming, the characters XML 1.0 forbids and the invisible ones
 * that change how text is displayed. Pure functions, no allocation unless named *_dup.
 */
#ifndef REGDOC_TEXT_H
#define REGDOC_TEXT_H

#include <stddef.h>

/* Value of an upper- or lower-case Roman numeral s[0..len) in 1..3999, or 0. */
unsigned text_roman_value(const char *s, size_t len);

/* Upper-case Roman numeral of v (1..3999) into out (at least 16 bytes). */
void text_roman_format(unsigned v, char *out);

/* Parse decimal digits s[0..len) into *v (no sign, no overflow past 10^9). */
int text_parse_uint(const char *s, size_t len, unsigned *v);

/* A unit or paragraph number as printed, s[0..len): decimal digits (no leading zero)
 * then at most 3 lower-case letters ("4", "4a", "75d", "1a": numbers the law inserted
 * between two others). The digits into *v, the letters into suffix (at least 4 bytes,
 * "" when none). Returns 0, or -1 when s is not such a number. */
int text_parse_numbered(const char *s, size_t len, unsigned *v, char *suffix);

/* 1 when s is a safe slug: [a-z0-9] first, then [a-z0-9._-], at most 64 bytes,
 * no "..": usable as a file name and a URL fragment. */
int text_is_slug(const char *s);

/* Pointer past leading ASCII spaces/tabs; *len shrunk for trailing ones. */
const char *text_trim(const char *s, size_t *len);

/* Duplicate s[0..len) as a NUL-terminated string (NULL when out of memory). */
char *text_ndup(const char *s, size_t len);

/* 1 when s starts with prefix. */
int text_starts_with(const char *s, const char *prefix);

/* 1 when s[0..n) equals lower-case ASCII word[0..n) ignoring ASCII case. */
int text_ncase_eq(const char *s, const char *word, size_t n);

/* Characters that change how text is displayed without being seen: bidirectional
 * controls (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069) and zero-width
 * ones (U+200B..U+200D, U+2060, U+FEFF). When valid UTF-8 at s[0..len) starts with one,
 * its length in bytes (2 or 3) and *cp its code point; 0 otherwise. */
size_t text_invisible_at(const char *s, size_t len, unsigned *cp);

/* The first invisible character (above) in the NUL-terminated s: its code point, 0
 * when none. */
unsigned text_first_invisible(const char *s);

/* The first character of valid UTF-8 s[0..len) that XML 1.0 forbids (C0 controls but
 * TAB, LF and CR; U+FFFE, U+FFFF): its byte offset, *cp its code point; len when none. */
size_t text_xml_forbidden_at(const char *s, size_t len, unsigned *cp);
/* The edit distance (Levenshtein: insertions, deletions, substitutions, and swaps of
 * two neighbouring bytes) of a and b,
 * counting at most cap: a result of cap + 1 means "more than cap". Strings longer than
 * 63 bytes are compared on their first 63. */
size_t text_distance(const char *a, const char *b, size_t cap);

/* The candidate nearest to word for a "did you mean": within a distance of 1 for a
 * word of up to 4 bytes, 2 up to 8, else 3; NULL when none is that near (or word is
 * one of them). */
const char *text_nearest(const char *word, const char *const *candidates, size_t n);

#endif
