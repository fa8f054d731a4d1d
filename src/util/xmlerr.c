#include "util/xmlerr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmlsafe.h"

/* s, or "" for NULL */
static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* libxml2's message without its trailing newline and its second line ("Bytes: …") */
static void first_line(const char *m, char *out, size_t n)
{
	size_t len = strcspn(or_empty(m), "\n");
	if (len >= n)
		len = n - 1;
	memcpy(out, or_empty(m), len);
	out[len] = '\0';
}

static int starts(const char *m, const char *prefix)
{
	return m && strncmp(m, prefix, strlen(prefix)) == 0;
}

int xmlerr_say(const xmlError *err, char *out, size_t n)
{
	const char *m = err->message, *s1 = or_empty(err->str1), *s2 = or_empty(err->str2);
	char raw[256];
	if (err->domain != XML_FROM_PARSER && err->domain != XML_FROM_NAMESPACE)
		return 0;
	first_line(m, raw, sizeof raw);
	switch (err->code) {
	case XML_ERR_DOCUMENT_EMPTY:
		if (starts(m, "Document is empty"))
			snprintf(out, n, "the file is empty: an XML document was expected");
		else
			snprintf(out, n, "this is not XML: the file must start with '<' (its first "
			                 "element, or <?xml version=\"1.0\"?>)");
		return 1;
	case XML_ERR_DOCUMENT_END:
		snprintf(out, n, "text after the last element has closed: an XML file has one "
		                 "outermost element, and everything else goes inside it");
		return 1;
	case XML_ERR_TAG_NOT_FINISHED:
		snprintf(out, n, "the file ends before <%s> (opened on line %d) is closed: "
		                 "add </%s>", s1, err->int1, s1);
		return 1;
	case XML_ERR_TAG_NAME_MISMATCH:
		snprintf(out, n, "</%s> where </%s> was expected: <%s> (opened on line %d) must "
		                 "be closed first", s2, s1, s1, err->int1);
		return 1;
	case XML_ERR_GT_REQUIRED:
		snprintf(out, n, "the start tag of <%s> (line %d) has no closing '>'", s1,
		         err->int1);
		return 1;
	case XML_ERR_ENTITYREF_SEMICOL_MISSING:
		snprintf(out, n, "'&' starts an entity reference that never ends with ';': write "
		                 "a lone '&' as &amp;");
		return 1;
	case XML_ERR_UNDECLARED_ENTITY:
	case XML_WAR_UNDECLARED_ENTITY:
		snprintf(out, n, "&%s; is not an XML entity (XML has only &amp; &lt; &gt; &quot; "
		                 "&apos;): write the character itself, or its number as &#NNN;", s1);
		return 1;
	case XML_ERR_NAME_REQUIRED:
		if (starts(m, "StartTag"))
			snprintf(out, n, "'<' that does not start an element: write a '<' in text "
			                 "as &lt;");
		else if (starts(m, "xmlParseEntityRef"))
			snprintf(out, n, "'&' that does not start an entity reference: write a "
			                 "lone '&' as &amp;");
		else
			snprintf(out, n, "a tag is not closed before what follows it (a '>' missing?)");
		return 1;
	case XML_ERR_LT_IN_ATTRIBUTE:
		snprintf(out, n, "'<' inside an attribute's value: write it as &lt;");
		return 1;
	case XML_ERR_ATTRIBUTE_NOT_STARTED:
		snprintf(out, n, "an attribute's value must be in quotes: name=\"value\"");
		return 1;
	case XML_ERR_ATTRIBUTE_NOT_FINISHED:
		if (strstr(raw, "too long")) /* XML_MAX_TEXT_LENGTH, without XML_PARSE_HUGE */
			snprintf(out, n, "an attribute's value is over the limit of 10,000,000 "
			                 "bytes");
		else
			snprintf(out, n, "an attribute's value has no closing quote");
		return 1;
	case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
		snprintf(out, n, "attribute %s has no value: write %s=\"...\"", s1, s1);
		return 1;
	case XML_ERR_ATTRIBUTE_REDEFINED:
		snprintf(out, n, "attribute %s is given twice in the same tag", s1);
		return 1;
	case XML_ERR_SPACE_REQUIRED: /* libxml2 2.9: "attributes construct error" */
		snprintf(out, n, "a tag's attributes are malformed: each is name=\"value\", "
		                 "separated from the next by a space");
		return 1;
	case XML_ERR_RESERVED_XML_NAME:
		snprintf(out, n, "<?xml ...?> must be the very first thing in the file, with "
		                 "nothing before it (not even a space)");
		return 1;
	case XML_ERR_MISPLACED_CDATA_END:
		snprintf(out, n, "']]>' is not allowed in text: write it as ]]&gt;");
		return 1;
	case XML_ERR_HYPHEN_IN_COMMENT:
		snprintf(out, n, "'--' inside a comment <!-- ... -->: XML does not allow it");
		return 1;
	case XML_ERR_INVALID_CHAR:
	case XML_ERR_INVALID_ENCODING:
		if (starts(m, "Input is not proper UTF-8")) {
			/* str1 is "Bytes: 0xFF 0x3C …": the first is the one at fault */
			const char *b = starts(s1, "Bytes: ") ? s1 + 7 : "";
			snprintf(out, n, "byte %.4s is not UTF-8 text: save the file as UTF-8",
			         *b ? b : "here");
		} else {
			/* "PCDATA invalid Char value 1", "xmlParseCharRef: invalid xmlChar value 0" */
			const char *v = strrchr(raw, ' ');
			unsigned long c = v ? strtoul(v + 1, NULL, 10) : 0;
			snprintf(out, n, "character U+%04lX is not allowed in XML (a control "
			                 "character: delete it)", c);
		}
		return 1;
	case XML_NS_ERR_UNDEFINED_NAMESPACE:
		snprintf(out, n, "<%s:%s> uses the prefix %s:, which no xmlns:%s=\"...\" "
		                 "declares", s1, s2, s1, s1);
		return 1;
	default:
		break;
	}
	if (strstr(raw, "Excessive depth")) /* libxml2 2.9's own limit, 256, and its advice */
		snprintf(out, n, "elements nested deeper than %d levels are refused",
		         XMLSAFE_MAX_DEPTH);
	else
		snprintf(out, n, "not well-formed XML: %s", raw);
	return 1;
}
