#!/usr/bin/env python3
"""Link checker for a regdoc HTML site.

Every internal href/src/action of every page (and every <loc> of sitemap.xml) must
resolve to an existing file, and every #fragment to an element id in that file. Ids
must be unique within a page, and each page passes a few structural HTML checks
(doctype, one h1, heading order, nesting; see Page). External links (http:, https:, mailto:) are counted, not
fetched. Prints the counts; exits 1 on any broken link.

usage: check_links.py SITE_DIR
       check_links.py --regdoc REGDOC --corpus CORPUS_DIR   (builds the site into a
                                                            temporary directory first)
       check_links.py --library LIBRARY_DIR
       check_links.py --library --regdoc REGDOC --corpus CORPUS_DIR

With --library, LIBRARY_DIR is the output of `regdoc build` over a folder of
regulations: its home page index.html and every regulation's site (the <regulation
site="..."> of its links.xml) are checked as one site, so links from one regulation's
site into another's (../../cra/site/art-12.html#art-12.3) must resolve too. Then every
edge of links.xml must be a link both ways: the citing page links to the cited element
(a citation of several elements links to its first, so another target of the same
citing element will do; for a citation of a whole act, that regulation's home page),
and the cited page's "cited by" (or that home page's "Cited by other regulations")
links back to the citing element. Prints how many cross-regulation links resolve in
each direction.
"""
import argparse
import html.parser
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import xml.etree.ElementTree as ET


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}
BLOCK = {"div", "p", "ul", "ol", "li", "section", "article", "aside", "nav", "main",
         "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "form", "table"}
PHRASING_ONLY = {"p", "span", "a", "em", "strong", "code", "h1", "h2", "h3", "h4", "h5",
                 "h6", "label", "button", "title"}


class Page(html.parser.HTMLParser):
    """Collects ids and references, and checks the HTML structure regdoc relies on:
    one h1, no heading level skipped, no block inside phrasing content, no link in a
    link, <li> only in lists, every element closed in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.dup_ids = set()
        self.refs = []  # (tag, attribute, value)
        self.stack = []
        self.problems = []
        self.resolved = []  # (file, fragment) of every internal link that resolved
        self.h1 = 0
        self.last_level = 0

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK:
            for open_tag in self.stack:
                if open_tag in PHRASING_ONLY:
                    self.problems.append(f"<{tag}> inside <{open_tag}>")
                    break
        if tag == "a" and "a" in self.stack:
            self.problems.append("<a> inside <a>")
        if tag == "li" and (not self.stack or self.stack[-1] not in ("ul", "ol")):
            self.problems.append(f"<li> inside <{self.stack[-1] if self.stack else '(root)'}>")
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            level = int(tag[1])
            if level == 1:
                self.h1 += 1
            elif level > self.last_level + 1:
                self.problems.append(f"<{tag}> after <h{self.last_level}> (heading level skipped)")
            self.last_level = level
        if tag not in VOID:
            self.stack.append(tag)
        self._attrs(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        if tag not in VOID:
            self.problems.append(f"self-closed <{tag}/>")
        self._attrs(tag, attrs)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else '(nothing)'}>")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()

    def _attrs(self, tag, attrs):
        if tag == "span" and "cite" in (dict(attrs).get("class") or "").split():
            self.problems.append("a citation that is not a link (<span class=\"cite\">): "
                                 "its target is unknown or refused")
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                if value in self.ids:
                    self.dup_ids.add(value)
                self.ids.add(value)
            elif (name == "href" and tag in ("a", "link", "area")) or \
                    (name == "src" and tag in ("script", "img", "iframe")) or \
                    (name == "action" and tag == "form"):
                self.refs.append((tag, name, value))


def parse(path):
    p = Page()
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if not text.startswith("<!DOCTYPE html>"):
        p.problems.append("no <!DOCTYPE html>")
    p.feed(text)
    p.close()
    if p.stack:
        p.problems.append(f"unclosed <{'> <'.join(p.stack)}>")
    if p.h1 != 1:
        p.problems.append(f"{p.h1} <h1> elements (want 1)")
    return p


def check(site, site_dirs=None, extra_pages=()):
    """site: the folder every link must stay inside; site_dirs: the folders whose
    pages are checked (default: site itself), each with its sitemap.xml; extra_pages:
    more pages (a library's home page)."""
    site = os.path.abspath(site)
    site_dirs = [os.path.abspath(d) for d in (site_dirs or [site])]
    pages = {}
    for top in site_dirs:
        for root, _dirs, files in os.walk(top):
            for name in sorted(files):
                if name.endswith(".html"):
                    path = os.path.join(root, name)
                    pages[path] = parse(path)
    for path in extra_pages:
        pages[os.path.abspath(path)] = parse(path)

    errors = []
    counts = {"pages": len(pages), "internal": 0, "with_fragment": 0, "external": 0,
              "assets": 0, "ids": 0}
    for path in sorted(pages):
        page = pages[path]
        rel = os.path.relpath(path, site)
        counts["ids"] += len(page.ids)
        for dup in sorted(page.dup_ids):
            errors.append(f"{rel}: duplicate id {dup!r}")
        for problem in page.problems[:20]:
            errors.append(f"{rel}: {problem}")
        for tag, attr, value in page.refs:
            u = urllib.parse.urlsplit(value)
            if u.scheme in ("http", "https", "mailto"):
                counts["external"] += 1
                continue
            if u.scheme or value.startswith("//"):
                errors.append(f"{rel}: <{tag} {attr}={value!r}>: unexpected scheme")
                continue
            if u.path:
                target = os.path.normpath(os.path.join(os.path.dirname(path),
                                                       urllib.parse.unquote(u.path)))
            else:
                target = path
            if not (target == site or target.startswith(site + os.sep)):
                errors.append(f"{rel}: <{tag} {attr}={value!r}>: points outside the site")
                continue
            if not os.path.isfile(target):
                errors.append(f"{rel}: <{tag} {attr}={value!r}>: no file {os.path.relpath(target, site)}")
                continue
            page.resolved.append((target, urllib.parse.unquote(u.fragment)))
            if tag in ("link", "script"):
                counts["assets"] += 1
                continue
            counts["internal"] += 1
            if u.fragment:
                counts["with_fragment"] += 1
                frag = urllib.parse.unquote(u.fragment)
                tpage = pages.get(target)
                if tpage is None or frag not in tpage.ids:
                    errors.append(f"{rel}: <{tag} {attr}={value!r}>: no id {frag!r} in "
                                  f"{os.path.relpath(target, site)}")

    locs = 0
    for top in site_dirs:
        sitemap = os.path.join(top, "sitemap.xml")
        srel = os.path.relpath(sitemap, site)
        if os.path.isfile(sitemap):
            ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
            for loc in ET.parse(sitemap).getroot().findall("s:url/s:loc", ns):
                locs += 1
                u = urllib.parse.urlsplit(loc.text or "")
                if not u.scheme and not os.path.isfile(os.path.join(top, urllib.parse.unquote(u.path))):
                    errors.append(f"{srel}: <loc>{loc.text}</loc>: no such page")
        else:
            errors.append(f"{srel}: missing")
    counts["sitemap"] = locs
    counts["_pages"] = pages
    return counts, errors


def page_of(site_dir, ident):
    """The page file of a graph id and its fragment ('' for the page itself)."""
    page = ident.split(".", 1)[0]
    return os.path.join(site_dir, page + ".html"), ("" if ident == page else ident)


def check_library(lib):
    """The library's pages as one site, then every edge of links.xml both ways."""
    lib = os.path.abspath(lib)
    tree = ET.parse(os.path.join(lib, "links.xml")).getroot()
    sites = {}
    for reg in tree.findall("regulation"):
        sites[reg.get("id")] = os.path.normpath(os.path.join(lib, reg.get("site")))
    home = os.path.join(lib, "index.html")
    counts, errors = check(lib, list(sites.values()), [home])
    pages = counts.pop("_pages")

    def site_of(path):
        for rid, d in sites.items():
            if path.startswith(d + os.sep):
                return rid
        return None

    # every resolved link from one regulation's site into another's, by direction
    cross = {}
    for path, page in pages.items():
        a = site_of(path)
        for target, _frag in page.resolved:
            b = site_of(target)
            if a and b and a != b:
                cross[(a, b)] = cross.get((a, b), 0) + 1
    counts["cross"] = cross

    def links_to(src, target, frag):
        page = pages.get(src)
        return page is not None and (target, frag) in page.resolved

    # the targets of each citing element ("Articles 1 and 2 of ..." links to Article 1)
    targets_of = {}
    for edge in tree.findall("edges/edge"):
        if edge.get("kind") == "cites":
            b, y = edge.get("to").split(":", 1)
            if b in sites:
                targets_of.setdefault(edge.get("from"), []).append(page_of(sites[b], y))
    both = {}
    for edge in tree.findall("edges/edge"):
        a, x = edge.get("from").split(":", 1)
        if a not in sites:
            errors.append(f"links.xml: edge from {edge.get('from')}: no such regulation")
            continue
        src, xfrag = page_of(sites[a], x)
        if edge.get("kind") in ("cites", "amends"):
            b, y = edge.get("to").split(":", 1)
            dst, yfrag = page_of(sites.get(b, ""), y)
        else:
            b = edge.get("to")
            dst, yfrag = os.path.join(sites.get(b, ""), "index.html"), ""
        if b not in sites:
            errors.append(f"links.xml: edge to {edge.get('to')}: no such regulation")
            continue
        if edge.get("kind") == "amends" and not AMENDS_RENDERED:
            continue  # its ends exist (checked above); the pages do not show it yet
        what = f"{edge.get('kind')} {edge.get('from')} -> {edge.get('to')}"
        fwd = links_to(src, dst, yfrag) or (
            edge.get("kind") == "cites" and
            any(links_to(src, t, f) for t, f in targets_of.get(edge.get("from"), [])))
        back = links_to(dst, src, xfrag)
        if not fwd:
            errors.append(f"{os.path.relpath(src, lib)}: no link to {os.path.relpath(dst, lib)}"
                          f"{'#' + yfrag if yfrag else ''} ({what})")
        if not back:
            errors.append(f"{os.path.relpath(dst, lib)}: no link back to {os.path.relpath(src, lib)}"
                          f"{'#' + xfrag if xfrag else ''} ({what})")
        key = (a, b)
        n = both.setdefault(key, [0, 0])
        n[0] += 1
        n[1] += 1 if fwd and back else 0
    counts["edges"] = both
    # the home page links to every regulation's site
    for rid, d in sites.items():
        if not links_to(home, os.path.join(d, "index.html"), ""):
            errors.append(f"index.html: no link to {rid}'s site")
    return counts, errors


# The amends edges (issue 14: a provision of an amending act -> the element it replaced,
# inserted or deleted) are data of the graphs and links.xml; the pages that show them
# ("Replaced by Regulation (EU) 2026/1744, Article 1, point (35)" and back) are the site
# part of issue 14. Set this when the site renders them: each is then checked both ways
# like a citation.
AMENDS_RENDERED = False


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", nargs="?")
    ap.add_argument("--regdoc")
    ap.add_argument("--corpus")
    ap.add_argument("--library", nargs="?", const="", default=None, metavar="LIBRARY_DIR")
    args = ap.parse_args()
    tmp = None
    try:
        if args.regdoc:
            if not args.corpus:
                ap.error("--regdoc needs --corpus")
            tmp = tempfile.mkdtemp(prefix="regdoc-links.")
            site = os.path.join(tmp, "site")
            cmd = "build" if args.library is not None else "site"
            t0 = time.monotonic()
            r = subprocess.run([args.regdoc, cmd, args.corpus, "-o", site, "--validate"],
                               stderr=subprocess.PIPE, text=True)
            dt = time.monotonic() - t0
            if r.returncode != 0:
                sys.stderr.write(r.stderr)
                print(f"FAIL: regdoc {cmd} {args.corpus} exited with {r.returncode}")
                return 1
            print(f"built {args.corpus} into {site} in {dt * 1000:.0f} ms")
        elif args.library:
            site = args.library
        elif args.site:
            site = args.site
        else:
            ap.error("give SITE_DIR, --library LIBRARY_DIR, or --regdoc and --corpus")
        if args.library is not None:
            counts, errors = check_library(site)
        else:
            counts, errors = check(site)
            counts.pop("_pages")
        for e in errors[:200]:
            print("BROKEN:", e)
        if len(errors) > 200:
            print(f"... and {len(errors) - 200} more")
        print(f"{counts['pages']} pages, {counts['ids']} ids; "
              f"{counts['internal']} internal links checked "
              f"({counts['with_fragment']} with a #fragment), "
              f"{counts['assets']} asset references, {counts['sitemap']} sitemap entries, "
              f"{counts['external']} external links (not fetched); {len(errors)} broken")
        if args.library is not None:
            for (a, b), n in sorted(counts["cross"].items()):
                print(f"cross-regulation links {a} -> {b}: {n} in the pages")
            for (a, b), (n, ok) in sorted(counts["edges"].items()):
                print(f"links.xml {a} -> {b}: {n} edges, {ok} resolve both ways")
            if not counts["edges"]:
                errors.append("links.xml has no edge between the regulations")
                print("BROKEN: links.xml has no edge between the regulations")
        return 1 if errors or counts["pages"] == 0 else 0
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
