/*
 * cite_act.c - acts of the Union named with their number (cite_impl.h): "Regulation
 * (EU) 2016/679", "Directive 2006/42/EC", "Decision No 768/2008/EC", and their CELEX.
 */
#include "link/cite_impl.h"

struct act_type {
	const char *word, *plural;
	char letter;               /* the CELEX type letter */
};

static const struct act_type act_types[] = {
	{"Regulation", "Regulations", 'R'},
	{"Directive", "Directives", 'L'},
	{"Decision", "Decisions", 'D'},
	{"Recommendation", "Recommendations", 'H'},
};

/* "EU", "EC", "Euratom", "JHA": an issuing series. */
static bool series_word(const struct scanner *sc, size_t p, size_t *end)
{
	size_t i = p;
	if (!is_upper(ch(sc, i)))
		return false;
	while (is_alnum(ch(sc, i)) && i - p < 10)
		i++;
	if (!cite_word_ends(sc, i))
		return false;
	*end = i;
	return true;
}

/* Converts the year as printed (2 or 4 digits) to four digits; 0 when invalid. */
static unsigned full_year(uint64_t y, size_t digits)
{
	if (digits == 2)
		return (unsigned)(y >= 50 ? 1900 + y : 2000 + y);
	if (digits == 4 && y >= 1950 && y <= 2099)
		return (unsigned)y;
	return 0;
}

/* The number of an act after its type word, for example "(EU) 2016/679",
 * "(EU) No 1025/2012", "(EU, Euratom) 2018/1046", "2006/42/EC", "No 768/2008/EC".
 * With "No" the number comes before the year (the numbering before 2015). */
bool cite_act_number(const struct scanner *sc, size_t p, const char *type, char letter,
                     struct act *a, size_t *end)
{
	char series[40] = "";
	size_t q = p, e, len = 0;
	bool parens = ch(sc, p) == '(';
	bool has_no = false;

	if (parens) {
		q = p + 1;
		for (int words = 0;; words++) {
			if (words == 3 || !series_word(sc, q, &e))
				return false;
			len += (size_t)snprintf(series + len, sizeof series - len, "%s%.*s",
			                        words ? ", " : "", (int)(e - q), sc->s + q);
			q = e;
			if (ch(sc, q) == ')')
				break;
			if (!cite_comma(sc, q, &q))
				return false;
		}
		if (!cite_sp(sc, q + 1, &q))
			return false;
	}
	if (cite_word(sc, q, "No", false, &e) && cite_sp(sc, e, &e)) {
		has_no = true;
		q = e;
	}
	uint64_t first, second;
	size_t first_at = q, second_at;
	if (!cite_number(sc, q, &first, &e) || e - q > 5 || ch(sc, e) != '/')
		return false;
	second_at = e + 1;
	if (!cite_number(sc, second_at, &second, &q) || q - second_at > 5)
		return false;
	size_t first_len = e - first_at, second_len = q - second_at;
	char old_series[16] = "";
	if (!parens) {
		/* old numbering carries its series after a second slash: 2006/42/EC */
		if (ch(sc, q) != '/' || !series_word(sc, q + 1, &e))
			return false;
		snprintf(old_series, sizeof old_series, "%.*s", (int)(e - q - 1), sc->s + q + 1);
		q = e;
	} else if (is_alnum(ch(sc, q)) || ch(sc, q) == '/') {
		return false;
	}

	uint64_t num = has_no ? first : second;
	unsigned year = has_no ? full_year(second, second_len) : full_year(first, first_len);
	if (year == 0 || num == 0 || num > 99999)
		return false;
	/* year < 2100 and num < 100000: at most 11 characters */
	snprintf(a->celex, sizeof a->celex, "3%04u%c%04u", year % 10000u, letter,
	         (unsigned)num % 100000u);
	snprintf(a->label, sizeof a->label, "%s%s%s%s%s%.*s/%.*s%s%s", type,
	         parens ? " (" : " ", series, parens ? ") " : "", has_no ? "No " : "",
	         (int)first_len, sc->s + first_at, (int)second_len, sc->s + second_at,
	         old_series[0] ? "/" : "", old_series);
	*end = q;
	return true;
}

/* The type words of an act: "Regulation", "Council Framework Decision",
 * "Commission Implementing Regulation". The issuing institution is left out of the
 * label so that one act always gets one label. */
bool cite_act_type_words(const struct scanner *sc, size_t p, bool plural_ok, char type[40],
                         char *letter, size_t *end)
{
	size_t q = p, e;
	const char *adjective = "";
	if ((cite_word(sc, q, "Council", false, &e) || cite_word(sc, q, "Commission", false, &e)) &&
	    cite_sp(sc, e, &e))
		q = e;
	if (cite_word(sc, q, "Implementing", false, &e) && cite_sp(sc, e, &e)) {
		adjective = "Implementing ";
		q = e;
	} else if (cite_word(sc, q, "Delegated", false, &e) && cite_sp(sc, e, &e)) {
		adjective = "Delegated ";
		q = e;
	} else if (cite_word(sc, q, "Framework", false, &e) && cite_sp(sc, e, &e) &&
	           cite_word(sc, e, "Decision", false, &e)) {
		snprintf(type, 40, "Framework Decision");
		*letter = 'F';
		*end = e;
		return true;
	}
	for (size_t i = 0; i < sizeof act_types / sizeof act_types[0]; i++) {
		const struct act_type *t = &act_types[i];
		if ((plural_ok && cite_word(sc, q, t->plural, false, &e)) ||
		    cite_word(sc, q, t->word, false, &e)) {
			snprintf(type, 40, "%s%s", adjective, t->word);
			*letter = t->letter;
			*end = e;
			return true;
		}
	}
	return false;
}

/* One act with its number; with plural_ok also "Regulations (EU) ..." (the caller
 * then reads the rest of the list). */
bool cite_parse_act(const struct scanner *sc, size_t p, bool plural_ok, struct act *a,
                    char type[40], char *letter, size_t *end)
{
	size_t q;
	return cite_act_type_words(sc, p, plural_ok, type, letter, &q) && cite_sp(sc, q, &q) &&
	       cite_act_number(sc, q, type, *letter, a, end);
}
