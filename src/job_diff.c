/*
 * job_diff.c - regdoc diff: two corpus folders, or the versions of one.
 */
#include "job.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/xslt.h"
#include "tool/diff.h"
#include "util/fsout.h"
#include "versions.h"

/* Render the diff document with templates/diff/NAME.xsl into memory. */
static char *render_diff(job *j, xmlDocPtr doc, const char *name, size_t *len)
{
	char rel[64];
	char *path, *res = NULL;
	xslt_sheet *s;
	snprintf(rel, sizeof rel, "diff/%s.xsl", name);
	path = fsio_join(j->templates, rel);
	s = path ? xslt_sheet_load(path, &j->d) : NULL;
	if (s && xslt_apply_to_memory(s, doc, NULL, NULL, &res, len, &j->d) != 0)
		res = NULL;
	xslt_sheet_free(s);
	free(path);
	return res;
}

/* "DIR, version ID (LABEL)": one side of a comparison of versions. */
static char *version_side(const char *dir, const manifest_version *mv)
{
	size_t n = strlen(dir) + strlen(mv->id) + (mv->label ? strlen(mv->label) : 0) + 32;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%s, version %s%s%s%s", dir, mv->id, mv->label ? " (" : "",
		         mv->label ? mv->label : "", mv->label ? ")" : "");
	return s;
}

/* regs[i] at the version the job chose (--as-of) against the one before it, or the one
 * in force on --from: its text, products and the amendments between them
 * (diff_amendments). 1 compared, 0 nothing to compare (one version), -1 errors. */
static int diff_one_versions(job *j, library *L, size_t i, xmlDocPtr doc, char **old_label,
                             char **new_label)
{
	const regulation *v[MANIFEST_MAX_VERSIONS];
	regulation *r = &L->regs[i];
	size_t n = library_versions(L, i, v), kn = r->m.current;
	long ko;
	xmlDocPtr h, *graphs;
	diff_side so, sn;
	int rc = -1;
	if (n < 2)
		return 0;
	if (j->o->from) {
		ko = manifest_version_as_of(&r->m, j->o->from, &j->d);
		if (ko >= 0 && (size_t)ko >= kn) {
			diag_error(&j->d, r->m.path, 0,
			           "--from %s: %s is at version %s then, not before the version compared "
			           "with it (%s; --as-of picks that one)",
			           j->o->from, r->m.id, r->m.versions[ko].id, r->m.versions[kn].id);
			ko = -1;
		}
	} else if (kn == 0) {
		diag_error(&j->d, r->m.path, 0,
		           "%s: version %s is its first; no version before it to compare with "
		           "(--as-of DATE picks a later one; its versions apply from %s on)",
		           r->m.id, r->m.versions[0].id, r->m.versions[0].applies_from);
		ko = -1;
	} else {
		ko = (long)kn - 1;
	}
	if (ko < 0 || (size_t)ko >= n)
		return -1;
	h = job_make_history(j, L, i);
	graphs = calloc(L->n + 1, sizeof *graphs);
	if (!h || !graphs) {
		if (!j->d.errors)
			diag_sys(&j->d, r->dir, "cannot compare", ENOMEM);
		goto done;
	}
	for (size_t k = 0; k < L->n; k++)
		graphs[k] = L->regs[k].doc;
	memset(&so, 0, sizeof so);
	memset(&sn, 0, sizeof sn);
	so.dir = sn.dir = r->dir;
	so.graph = v[ko]->doc;
	sn.graph = r->doc;
	so.others = sn.others = job_library_others(L, r, &so.nothers);
	sn.nothers = so.nothers;
	free(*old_label);
	free(*new_label);
	*old_label = version_side(r->dir, &r->m.versions[ko]);
	*new_label = version_side(r->dir, &r->m.versions[kn]);
	if (diff_regulation(doc, &so, &sn, j->templates, &j->d) == 0 &&
	    diff_amendments(doc, h, r->m.versions[ko].id, r->m.versions[kn].id, r->doc,
	                    (const xmlDocPtr *)graphs, L->n, &j->d) == 0) {
		xmlNodePtr reg = xmlGetLastChild(xmlDocGetRootElement(doc));
		if (reg && *old_label && *new_label) {
			xmlSetProp(reg, (const xmlChar *)"old", (const xmlChar *)*old_label);
			xmlSetProp(reg, (const xmlChar *)"new", (const xmlChar *)*new_label);
			xmlSetProp(reg, (const xmlChar *)"old-version", (const xmlChar *)r->m.versions[ko].id);
			xmlSetProp(reg, (const xmlChar *)"new-version", (const xmlChar *)r->m.versions[kn].id);
			rc = 1;
		} else {
			diag_sys(&j->d, r->dir, "cannot compare", ENOMEM);
		}
	}
	job_free_others((assess_regulation *)so.others, so.nothers);
done:
	free(graphs);
	if (h)
		xmlFreeDoc(h);
	return rc;
}

/* `regdoc diff DIR`: every named regulation of L with several versions. */
static xmlDocPtr diff_versions(job *j, library *L, const char *dir)
{
	xmlDocPtr doc = diff_new(dir, dir, "regdoc " REGDOC_VERSION);
	char *ol = NULL, *nl = NULL;
	size_t compared = 0;
	if (!doc) {
		diag_sys(&j->d, dir, "cannot compare", ENOMEM);
		return NULL;
	}
	for (size_t i = 0; i < L->n && !j->d.errors && !diag_interrupted(&j->d); i++) {
		int rc = L->named[i] ? diff_one_versions(j, L, i, doc, &ol, &nl) : 0;
		compared += rc > 0;
	}
	if (!compared && !j->d.errors && !diag_interrupted(&j->d))
		diag_error(&j->d, dir, 0,
		           "no regulation here has several versions to compare (manifest <versions>, "
		           "doc/manifest.md); to compare two folders: regdoc diff OLD NEW");
	if (compared == 1 && ol && nl) {
		/* one regulation: the report's first line names its two versions */
		xmlSetProp(xmlDocGetRootElement(doc), (const xmlChar *)"old", (const xmlChar *)ol);
		xmlSetProp(xmlDocGetRootElement(doc), (const xmlChar *)"new", (const xmlChar *)nl);
	}
	free(ol);
	free(nl);
	if (j->d.errors || diag_interrupted(&j->d)) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

static int write_mem(const char *dir, const char *name, const char *data, size_t len, diag *d)
{
	/* through fsio_write_file: one fclose whatever fails (a second one, after a
	 * failed close on a full disk, was a double free) */
	char *p = fsio_join(dir, name);
	int rc;
	if (!p) {
		diag_sys(d, dir, "cannot create", ENOMEM);
		return -1;
	}
	rc = fsio_write_file(p, data, len, 0, d);
	free(p);
	return rc;
}

int regdoc_diff(const regdoc_options *o, const char *old_dir, const char *new_dir,
                const char *outdir, FILE *out)
{
	job j;
	library Lo, Ln;
	xmlDocPtr doc = NULL;
	char *text = NULL, *html = NULL;
	size_t tlen = 0, hlen = 0;
	job_init(&j, o);
	library_init(&Lo);
	library_init(&Ln);
	if (!new_dir) {
		/* one folder: the versions of each regulation in it */
		j.want_versions = 1;
		if (job_load_library(&j, old_dir, 1, &Ln) != 0 || !(doc = diff_versions(&j, &Ln, old_dir)))
			goto done;
		goto render;
	}
	if (job_load_library(&j, old_dir, 1, &Lo) != 0 || job_load_library(&j, new_dir, 1, &Ln) != 0)
		goto done;
	doc = diff_new(old_dir, new_dir, "regdoc " REGDOC_VERSION);
	if (!doc) {
		diag_sys(&j.d, new_dir, "cannot compare", ENOMEM);
		goto done;
	}
	/* the regulations of the new version, in its order, then those only in the old */
	for (size_t i = 0; i < Ln.n && !j.d.errors && !diag_interrupted(&j.d); i++) {
		regulation *nr = &Ln.regs[i], *orr;
		if (!Ln.named[i])
			continue;
		orr = job_named_reg(&Lo, nr->m.id);
		if (!orr) {
			if (diff_only_in(doc, "new", nr->m.id, nr->dir) != 0)
				diag_sys(&j.d, new_dir, "cannot compare", ENOMEM);
			continue;
		}
		{
			diff_side so, sn;
			memset(&so, 0, sizeof so);
			memset(&sn, 0, sizeof sn);
			so.dir = orr->dir;
			so.graph = orr->doc;
			so.others = job_library_others(&Lo, orr, &so.nothers);
			sn.dir = nr->dir;
			sn.graph = nr->doc;
			sn.others = job_library_others(&Ln, nr, &sn.nothers);
			diff_regulation(doc, &so, &sn, j.templates, &j.d);
			job_free_others((assess_regulation *)so.others, so.nothers);
			job_free_others((assess_regulation *)sn.others, sn.nothers);
		}
	}
	for (size_t i = 0; i < Lo.n && !j.d.errors; i++)
		if (Lo.named[i] && !job_named_reg(&Ln, Lo.regs[i].m.id) &&
		    diff_only_in(doc, "old", Lo.regs[i].m.id, Lo.regs[i].dir) != 0)
			diag_sys(&j.d, old_dir, "cannot compare", ENOMEM);
render:
	if (j.d.errors || diag_interrupted(&j.d))
		goto done;
	text = render_diff(&j, doc, "text", &tlen);
	if (!text)
		goto done;
	if (outdir) {
		fsout fo;
		xmlChar *xml = NULL;
		int xml_len = 0;
		html = render_diff(&j, doc, "html", &hlen);
		xmlDocDumpFormatMemoryEnc(doc, &xml, &xml_len, "UTF-8", 1);
		if (html && xml && xml_len > 0 && fsout_begin_dir(&fo, outdir, &j.d) == 0) {
			if (write_mem(fo.tmp, "diff.xml", (const char *)xml, (size_t)xml_len, &j.d) == 0 &&
			    write_mem(fo.tmp, "diff.html", html, hlen, &j.d) == 0 &&
			    write_mem(fo.tmp, "diff.txt", text, tlen, &j.d) == 0 && !diag_interrupted(&j.d))
				fsout_commit(&fo, &j.d);
			fsout_abort(&fo);
		} else if (!xml) {
			diag_sys(&j.d, outdir, "cannot write", ENOMEM);
		}
		xmlFree(xml);
	}
	if (!j.d.errors && !j.d.sys_error) {
		fwrite(text, 1, tlen, out);
		fflush(out);
	}
done:
	free(text);
	free(html);
	if (doc)
		xmlFreeDoc(doc);
	library_free(&Lo);
	library_free(&Ln);
	return job_status(&j);
}
