/*
 * qnask.c - asking (questionnaire.h, qn_run): a question shown with its options and
 * default, its help, reading a line, presets (--set), "back" replaying the answers
 * kept, and the walk through the questions that apply, section by section.
 */
#include "tool/qnimpl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool/qnhelp.h"

#define WRAP 78 /* columns of the interactive text */

/* ------------------------------------------------------------------ asking */

/* Write the words of s from column col, where the cursor is (at col == indent nothing
 * precedes the first word), wrapping at WRAP columns onto lines indented by indent.
 * Returns the column it ends at. */
static int put_words(FILE *f, const char *s, int indent, int col)
{
	int fresh = col == indent; /* no word on this line yet */
	while (*s) {
		size_t w;
		while (*s == ' ')
			s++;
		w = strcspn(s, " ");
		if (!w)
			break;
		if (!fresh && col + 1 + (int)w > WRAP) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
			fresh = 1;
		}
		if (!fresh) {
			fputc(' ', f);
			col++;
		}
		fwrite(s, 1, w, f);
		col += (int)w;
		s += w;
		fresh = 0;
	}
	return col;
}

/* Print s wrapped at WRAP columns, every line starting with indent spaces (nothing
 * when s has no word). */
static void put_wrapped(FILE *f, const char *s, int indent)
{
	if (!s[strspn(s, " ")])
		return;
	fprintf(f, "%*s", indent, "");
	put_words(f, s, indent, indent);
	fputc('\n', f);
}

static void show_question(run *r, xmlNodePtr qu)
{
	FILE *f = r->out;
	const char *kind = qn_attr(qu, "kind"), *def = qn_default_of(r, qu);
	char *text = qn_text_of(qn_first_elem(qu, "text"));
	int first = 1;
	fprintf(f, "\n(%u) ", r->asked);
	for (xmlNodePtr c = qu->children; c; c = c->next) {
		if (!qn_is_elem(c, "cite"))
			continue;
		char *label = qn_text_of(c);
		const char *reg = qn_attr(c, "regulation");
		fprintf(f, "%s%s [%s%s%s]", first ? "" : "; ", label ? label : "", reg ? reg : "",
		        reg ? ":" : "", qn_attr(c, "ref"));
		free(label);
		first = 0;
	}
	fputc('\n', f);
	put_wrapped(f, text ? text : "", 0);
	free(text);
	for (xmlNodePtr o = qu->children; o; o = o->next) {
		if (!qn_is_elem(o, "option"))
			continue;
		fprintf(f, "  %-18s", qn_attr(o, "value"));
		if (qn_attr(o, "label")) {
			char line[512];
			snprintf(line, sizeof line, "%s", qn_attr(o, "label"));
			/* the label on the same line, wrapped under itself */
			put_words(f, line, 20, 20);
		}
		fputc('\n', f);
	}
	if (!strcmp(kind, "yes-no"))
		fputs("[yes/no", f);
	else if (!strcmp(kind, "multi"))
		fputs(qn_attr(qu, "none") && !strcmp(qn_attr(qu, "none"), "yes")
		          ? "[one or more of the values above, separated by spaces, or none"
		          : "[one or more of the values above, separated by spaces",
		      f);
	else if (!strcmp(kind, "choice"))
		fputs("[one of the values above", f);
	else if (!strcmp(kind, "number"))
		fputs("[a number", f);
	else
		fputs("[text", f);
	if (def)
		fprintf(f, "; Enter: %s", def);
	else if (qn_attr(qu, "optional") && !strcmp(qn_attr(qu, "optional"), "yes"))
		fputs("; Enter: leave it out", f);
	fputs(r->nhist ? "; ?: help; back: undo the previous answer]\n> " : "; ?: help]\n> ", f);
	fflush(f);
}

/* "?": the question's own help, then the law's text of what it cites and the
 * definitions of the terms it uses, from the graphs (qnhelp.h). */
static void show_help(run *r, xmlNodePtr qu)
{
	char *help = qn_text_of(qn_first_elem(qu, "help"));
	buf b;
	if (help && *help)
		put_wrapped(r->out, help, 2);
	free(help);
	buf_init(&b);
	qnhelp_text(&b, qu, r->q->regulation, r->io->graphs, r->io->ngraphs);
	for (char *line = b.s, *nl; line && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			break;
		*nl = '\0';
		put_wrapped(r->out, line, line[0] == ' ' ? 4 : 2);
	}
	buf_free(&b);
	fflush(r->out);
}

/* Read one line into r->line; 1 read, 0 end of input, -1 error or interrupted. */
static int read_line(run *r)
{
	ssize_t n;
	for (;;) {
		errno = 0;
		n = getline(&r->line, &r->linecap, r->io->in);
		if (n >= 0)
			break;
		if (errno == EINTR && !diag_interrupted(r->d)) {
			clearerr(r->io->in);
			continue;
		}
		if (diag_interrupted(r->d))
			return -1;
		if (ferror(r->io->in)) {
			diag_sys(r->d, r->io->in_name, "cannot read the answers", errno ? errno : EIO);
			return -1;
		}
		return 0;
	}
	r->in_line++;
	if ((size_t)n > QN_MAX_ANSWER) {
		diag_error(r->d, r->io->in_name, r->in_line, "answer of %zd bytes is over the limit of %d",
		           n, QN_MAX_ANSWER);
		return -1;
	}
	if (strlen(r->line) != (size_t)n) {
		diag_error(r->d, r->io->in_name, r->in_line, "NUL byte in an answer");
		return -1;
	}
	return 1;
}

/* The preset for question id, or NULL; marks it used. */
static const char *preset_for(run *r, const char *id)
{
	size_t n = strlen(id);
	for (size_t i = 0; i < r->npresets; i++)
		if (!strncmp(r->presets[i], id, n) && r->presets[i][n] == '=') {
			r->preset_used[i] = 1;
			return r->presets[i] + n + 1;
		}
	return NULL;
}

/* Ask question qu (or take its preset, its replayed answer, its default). ASK_OK,
 * ASK_BACK ("back": the last answer dropped from the history), ASK_MISSING (batch:
 * reported, the run goes on to report the others), ASK_FAIL. */
static int ask(run *r, xmlNodePtr qu)
{
	const char *id = qn_attr(qu, "id"), *preset = preset_for(r, id), *why = NULL;
	const char *def = qn_default_of(r, qu);
	int optional = qn_attr(qu, "optional") && !strcmp(qn_attr(qu, "optional"), "yes");
	answer *a = malloc(sizeof *a);
	buf whybuf;
	int rc = ASK_FAIL;
	if (!a) {
		diag_sys(r->d, r->q->path, "cannot ask", ENOMEM);
		return ASK_FAIL;
	}
	buf_init(&whybuf);
	if (preset) {
		char tmp[QN_MAX_ANSWER + 1];
		if (r->io->interactive && r->replay >= r->nhist) {
			show_question(r, qu);
			fprintf(r->out, "%s (from --set %s)\n", preset, id);
		}
		snprintf(tmp, sizeof tmp, "%s", preset);
		if (qn_parse_answer(r, qu, qn_trim(tmp), a, &why, &whybuf)) {
			rc = qn_record(r, qu, a);
		} else {
			diag_error(r->d, NULL, 0, "--set %s=%s: %s", id, preset, why);
			/* batch: reported, the others are looked at too; else it stops here */
			rc = r->io->in ? ASK_FAIL : ASK_MISSING;
		}
		goto out;
	}
	if (r->replay < r->nhist) { /* after "back": the answers before it, again */
		size_t k = r->replay++;
		if (r->hist_empty[k])
			rc = ASK_OK;
		else if (qn_parse_answer(r, qu, r->hist[k], a, &why, &whybuf))
			rc = qn_record(r, qu, a);
		goto out;
	}
	if (!r->io->in) {
		if (!def && optional)
			rc = ASK_OK;
		else if (def && qn_parse_answer(r, qu, def, a, &why, &whybuf))
			rc = qn_record(r, qu, a);
		else {
			diag_error(r->d, r->q->path, qn_line_of(qu),
			           "question \"%s\" has no default: answer it with --set %s=VALUE", id, id);
			rc = ASK_MISSING;
		}
		goto out;
	}
	for (;;) {
		int got;
		const char *s;
		char tmp[QN_MAX_ANSWER + 1];
		r->asked = (unsigned)r->nhist + 1;
		if (r->io->interactive)
			show_question(r, qu);
		got = read_line(r);
		if (got < 0)
			goto out;
		if (got == 0) {
			if (r->io->interactive)
				fputc('\n', r->out);
			diag_error(r->d, r->io->in_name, 0,
			           "the answers ended before question \"%s\" (line %lu of %s): nothing written",
			           id, qn_line_of(qu), r->q->path);
			goto out;
		}
		snprintf(tmp, sizeof tmp, "%s", r->line);
		s = qn_trim(tmp);
		if (!strcmp(s, "?")) {
			show_help(r, qu);
			continue;
		}
		if (qn_ieq(s, "back")) {
			if (!r->nhist) {
				if (!r->io->interactive) {
					diag_error(r->d, r->io->in_name, r->in_line,
					           "question \"%s\": 'back': there is no earlier answer to undo", id);
					goto out;
				}
				fputs("  There is no earlier answer to go back to.\n", r->out);
				continue;
			}
			free(r->hist[--r->nhist]);
			if (r->io->interactive)
				fprintf(r->out, "  Back to question (%zu).\n", r->nhist + 1);
			rc = ASK_BACK;
			goto out;
		}
		if (!*s && def)
			s = def;
		if (!*s && optional) {
			rc = qn_remember(r, "", 1) == 0 ? ASK_OK : ASK_FAIL;
			break;
		}
		if (qn_parse_answer(r, qu, s, a, &why, &whybuf)) {
			rc = qn_remember(r, s, 0) == 0 ? qn_record(r, qu, a) : ASK_FAIL;
			break;
		}
		if (!r->io->interactive) {
			diag_error(r->d, r->io->in_name, r->in_line, "question \"%s\": '%.60s': %s", id, s, why);
			goto out;
		}
		fprintf(r->out, "  %s.\n", why);
	}
out:
	if (rc == ASK_FAIL && !r->d->errors && !r->d->sys_error)
		diag_sys(r->d, r->q->path, "cannot record the answer", ENOMEM);
	buf_free(&whybuf);
	free(a);
	return rc;
}

/* Forget every fact and start the product again (before a walk that replays). */
static int restart(run *r)
{
	for (size_t i = 0; i < r->nfacts; i++) {
		free(r->facts[i].name);
		free(r->facts[i].value);
	}
	r->nfacts = 0;
	if (r->doc)
		xmlFreeDoc(r->doc);
	r->doc = xmlNewDoc((const xmlChar *)"1.0");
	r->root = r->doc ? xmlNewDocNode(r->doc, NULL, (const xmlChar *)"product", NULL) : NULL;
	if (!r->root)
		return -1;
	xmlDocSetRootElement(r->doc, r->root);
	memset(r->preset_used, 0, r->npresets);
	r->replay = 0;
	r->missing = 0;
	return 0;
}

/* One walk through the questions that apply: ASK_OK when all are answered, ASK_BACK
 * when an answer was undone (walk again), ASK_FAIL. */
static int walk(run *r, xmlNodePtr qroot)
{
	for (xmlNodePtr s = qroot->children; s; s = s->next) {
		if (!qn_is_elem(s, "section") || !qn_applies(r, s))
			continue;
		for (xmlNodePtr qu = s->children; qu; qu = qu->next) {
			int rc;
			if (!qn_is_elem(qu, "question") || !qn_applies(r, qu))
				continue;
			if (r->io->interactive && r->replay >= r->nhist && r->shown_section != s &&
			    !preset_for(r, qn_attr(qu, "id"))) {
				fprintf(r->out, "\n== %s ==\n", qn_attr(s, "title"));
				r->shown_section = s;
			}
			rc = ask(r, qu);
			if (diag_interrupted(r->d))
				return ASK_FAIL;
			if (rc == ASK_MISSING) {
				r->missing++;
				continue;
			}
			if (rc != ASK_OK) {
				if (rc == ASK_BACK)
					r->shown_section = NULL;
				return rc;
			}
		}
	}
	return r->missing ? ASK_FAIL : ASK_OK;
}

xmlDocPtr qn_run(const questionnaire *q, const char *const *presets, size_t npresets,
                 const char *file_stem, const qn_io *io, diag *d)
{
	run r;
	xmlNodePtr qroot = xmlDocGetRootElement(q->doc);
	xmlDocPtr out = NULL;
	int ok = 1;
	memset(&r, 0, sizeof r);
	r.q = q;
	r.io = io;
	r.out = io->out ? io->out : stdout;
	r.d = d;
	r.presets = presets;
	r.npresets = npresets;
	r.file_stem = file_stem;
	r.preset_used = calloc(npresets + 1, 1);
	r.doc = xmlNewDoc((const xmlChar *)"1.0");
	r.root = r.doc ? xmlNewDocNode(r.doc, NULL, (const xmlChar *)"product", NULL) : NULL;
	if (!r.preset_used || !r.root) {
		diag_sys(d, q->path, "cannot ask", ENOMEM);
		goto done;
	}
	xmlDocSetRootElement(r.doc, r.root);
	/* every preset names a question */
	for (size_t i = 0; i < npresets; i++) {
		const char *eq = strchr(presets[i], '=');
		int found = 0;
		if (eq)
			for (xmlNodePtr s = qroot->children; s && !found; s = s->next)
				for (xmlNodePtr qu = qn_is_elem(s, "section") ? s->children : NULL; qu && !found; qu = qu->next)
					found = qn_is_elem(qu, "question") && strlen(qn_attr(qu, "id")) == (size_t)(eq - presets[i]) &&
					        !strncmp(qn_attr(qu, "id"), presets[i], (size_t)(eq - presets[i]));
		if (!found) {
			diag_error(d, NULL, 0, "--set %s: %s", presets[i],
			           eq ? "no question has that id (see the ids in questionnaire.xml)" : "give ID=VALUE");
			ok = 0;
		}
	}
	if (!ok)
		goto done;
	if (io->interactive) {
		char *title = qn_text_of(qn_first_elem(qroot, "title"));
		char *intro = qn_text_of(qn_first_elem(qroot, "intro"));
		fprintf(r.out, "%s\n", title ? title : "");
		if (intro && *intro)
			put_wrapped(r.out, intro, 0);
		free(title);
		free(intro);
	}
	for (;;) {
		int rc = walk(&r, qroot);
		if (rc == ASK_BACK && restart(&r) == 0)
			continue;
		if (rc == ASK_BACK)
			diag_sys(d, q->path, "cannot ask", ENOMEM);
		ok = rc == ASK_OK;
		break;
	}
	if (!ok)
		goto done;
	if (q->regulation[0] &&
	    !xmlSetProp(r.root, (const xmlChar *)"regulation", (const xmlChar *)q->regulation)) {
		diag_sys(d, q->path, "cannot ask", ENOMEM);
		goto done;
	}
	for (xmlNodePtr e = r.root->children; e; e = e->next)
		e->_private = NULL;
	for (size_t i = 0; i < npresets; i++)
		if (!r.preset_used[i])
			diag_warning(d, NULL, 0, "--set %s: not used: the question does not apply to this product",
			             presets[i]);
	out = r.doc;
	r.doc = NULL;
done:
	if (r.doc)
		xmlFreeDoc(r.doc);
	for (size_t i = 0; i < r.nfacts; i++) {
		free(r.facts[i].name);
		free(r.facts[i].value);
	}
	free(r.facts);
	free(r.preset_used);
	free(r.line);
	for (size_t i = 0; i < r.nhist; i++)
		free(r.hist[i]);
	free(r.hist);
	free(r.hist_empty);
	return out;
}

