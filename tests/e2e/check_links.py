#!/usr/bin/env python3
"""Link checker for a regdoc HTML site.

Every internal href/src/action of every page (and every <loc> of sitemap.xml) must
resolve to an existing file, and every #fragment to an element id in that file. Ids
must be unique within a page. External links (http:, https:, mailto:) are counted, not
fetched. Prints the counts; exits 1 on any broken link.

usage: check_links.py SITE_DIR
       check_links.py --regdoc REGDOC --corpus CORPUS_DIR   (builds the site into a
                                                            temporary directory first)
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


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.dup_ids = set()
        self.refs = []  # (attribute, value)

    def handle_starttag(self, tag, attrs):
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

    handle_startendtag = handle_starttag


def parse(path):
    p = Page()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    return p


def check(site):
    site = os.path.abspath(site)
    pages = {}
    for root, _dirs, files in os.walk(site):
        for name in sorted(files):
            if name.endswith(".html"):
                path = os.path.join(root, name)
                pages[path] = parse(path)

    errors = []
    counts = {"pages": len(pages), "internal": 0, "with_fragment": 0, "external": 0,
              "assets": 0, "ids": 0}
    for path in sorted(pages):
        page = pages[path]
        rel = os.path.relpath(path, site)
        counts["ids"] += len(page.ids)
        for dup in sorted(page.dup_ids):
            errors.append(f"{rel}: duplicate id {dup!r}")
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

    sitemap = os.path.join(site, "sitemap.xml")
    locs = 0
    if os.path.isfile(sitemap):
        ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        for loc in ET.parse(sitemap).getroot().findall("s:url/s:loc", ns):
            locs += 1
            u = urllib.parse.urlsplit(loc.text or "")
            if not u.scheme and not os.path.isfile(os.path.join(site, urllib.parse.unquote(u.path))):
                errors.append(f"sitemap.xml: <loc>{loc.text}</loc>: no such page")
    else:
        errors.append("sitemap.xml: missing")
    counts["sitemap"] = locs
    return counts, errors


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", nargs="?")
    ap.add_argument("--regdoc")
    ap.add_argument("--corpus")
    args = ap.parse_args()
    tmp = None
    try:
        if args.regdoc:
            if not args.corpus:
                ap.error("--regdoc needs --corpus")
            tmp = tempfile.mkdtemp(prefix="regdoc-links.")
            site = os.path.join(tmp, "site")
            t0 = time.monotonic()
            r = subprocess.run([args.regdoc, "site", args.corpus, "-o", site],
                               stderr=subprocess.PIPE, text=True)
            dt = time.monotonic() - t0
            if r.returncode != 0:
                sys.stderr.write(r.stderr)
                print(f"FAIL: regdoc site {args.corpus} exited with {r.returncode}")
                return 1
            print(f"built {args.corpus} into {site} in {dt * 1000:.0f} ms")
        elif args.site:
            site = args.site
        else:
            ap.error("give SITE_DIR or --regdoc and --corpus")
        counts, errors = check(site)
        for e in errors[:200]:
            print("BROKEN:", e)
        if len(errors) > 200:
            print(f"... and {len(errors) - 200} more")
        print(f"{counts['pages']} pages, {counts['ids']} ids; "
              f"{counts['internal']} internal links checked "
              f"({counts['with_fragment']} with a #fragment), "
              f"{counts['assets']} asset references, {counts['sitemap']} sitemap entries, "
              f"{counts['external']} external links (not fetched); {len(errors)} broken")
        return 1 if errors or counts["pages"] == 0 else 0
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
