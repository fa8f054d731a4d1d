#!/usr/bin/env python3
"""Links of product documents work where the documents are opened (issue 16).

1. `regdoc build CORPUS -o OUT --site-url URL`; the product folders are copied out of
   OUT; every link of every document (HTML, Markdown, FODT, the DOCX's
   word/document.xml, the ODT's content.xml) is either a sibling document that is
   there, or an absolute URL under URL that names a file of OUT (with its #fragment an
   id of that page); each sitemap lists absolute URLs under URL.
2. `regdoc assess PRODUCT -o ELSEWHERE` (no site): every link is a sibling document or a
   well-formed EUR-Lex URL of the regulation's CELEX number, with an anchor of the form
   EUR-Lex gives (#art_43, #043.002 for Article 43(2), #rct_78, #anx_IV), and the
   anchor names an element the graph has.
Prints the counts; exits 1 on any dead or malformed link.

usage: product_links_anywhere.py --regdoc REGDOC --corpus CORPUS_DIR
"""
import argparse, html, os, re, shutil, subprocess, sys, tempfile, zipfile

URL = "https://regdoc.example/pub/"
# an act (3YYYYRNNNN) or a consolidated text of it (0YYYYRNNNN-YYYYMMDD: the version
# assessed under), at a provision or at the document itself
EURLEX = re.compile(r"^https://eur-lex\.europa\.eu/legal-content/EN/TXT/(HTML/)?\?uri=CELEX:"
                    r"(?P<celex>3\d{4}R\d{4}|0\d{4}R\d{4}-\d{8})"
                    r"(#(?P<anchor>art_\d+|rct_\d+|anx_[IVXLC]+|\d{3}\.\d{3}))?$")
fails = []


def links_of(path):
    """Every link target in a product document."""
    if path.endswith(".docx"):
        with zipfile.ZipFile(path) as z:
            text = z.read("word/document.xml").decode()
        return [html.unescape(u) for u in re.findall(r'HYPERLINK &quot;([^&]*)&quot;', text)]
    if path.endswith(".odt"):
        with zipfile.ZipFile(path) as z:
            text = z.read("content.xml").decode()
        return [html.unescape(u) for u in re.findall(r'xlink:href="([^"]*)"', text)]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".md"):
        return re.findall(r"\]\(([^)\s]+)\)", text)
    if path.endswith(".fodt"):
        return [html.unescape(u) for u in re.findall(r'xlink:href="([^"]*)"', text)]
    if path.endswith(".html"):
        return [html.unescape(u) for u in re.findall(r'\s(?:href|src)="([^"]*)"', text)]
    return []


ids_cache = {}


def has_id(page, frag):
    if page not in ids_cache:
        with open(page, encoding="utf-8") as f:
            ids_cache[page] = set(re.findall(r'\sid="([^"]*)"', f.read()))
    return frag in ids_cache[page]


def check_folder(folder, resolve_abs):
    n = 0
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        for url in links_of(path):
            n += 1
            if url.startswith("http://") or url.startswith("https://"):
                err = resolve_abs(url)
                if err:
                    fails.append("%s: %s: %s" % (path, url, err))
            elif url.startswith("#"):
                if name.endswith(".html") and not has_id(path, url[1:]):
                    fails.append("%s: %s: no such id" % (path, url))
            else:
                target = url.split("#")[0]
                if "/" in target or not os.path.exists(os.path.join(folder, target)):
                    fails.append("%s: %s: a relative link to nothing beside the document" % (path, url))
    return n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--regdoc", required=True)
    ap.add_argument("--corpus", required=True)
    a = ap.parse_args()
    wrap = os.environ.get("REGDOC_WRAPPER", "").split()
    tmp = tempfile.mkdtemp(prefix="regdoc-links-anywhere.")
    try:
        out = os.path.join(tmp, "out")
        r = subprocess.run(wrap + [a.regdoc, "build", a.corpus, "-o", out, "--site-url", URL.rstrip("/")],
                           capture_output=True, text=True)
        if r.returncode:
            print(r.stderr)
            print("FAIL: regdoc build --site-url exited %d" % r.returncode)
            return 1

        def resolve_site(url):
            if not url.startswith(URL):
                return None if EURLEX.match(url) else "not under the site URL"
            rel, _, frag = url[len(URL):].partition("#")
            page = os.path.join(out, rel)
            if not os.path.isfile(page):
                return "no such file in the site"
            if frag and page.endswith(".html") and not has_id(page, frag):
                return "no id %s in the page" % frag
            return None

        docs = site_links = 0
        else_dir = os.path.join(tmp, "elsewhere")
        for reg in sorted(os.listdir(out)):
            pdir = os.path.join(out, reg, "products")
            sm = os.path.join(out, reg, "site", "sitemap.xml")
            if os.path.exists(sm):
                locs = re.findall(r"<loc>([^<]*)</loc>", open(sm, encoding="utf-8").read())
                bad = [l for l in locs if not l.startswith(URL + reg + "/site/")]
                if not locs or bad:
                    fails.append("%s: %d of %d locations not absolute under %s" % (sm, len(bad), len(locs), URL))
            if not os.path.isdir(pdir):
                continue
            for pid in sorted(os.listdir(pdir)):
                dst = os.path.join(else_dir, reg + "-" + pid)
                shutil.copytree(os.path.join(pdir, pid), dst)
                site_links += check_folder(dst, resolve_site)
                docs += len(os.listdir(dst))
        print("--site-url: %d links in %d documents copied out of the output folder" % (site_links, docs))

        # without a site: EUR-Lex
        graphs = {}
        for reg in sorted(os.listdir(out)):
            g = os.path.join(out, reg, "graph.xml")
            if os.path.exists(g):
                text = open(g, encoding="utf-8").read()
                celex = re.search(r'<regulation [^>]*celex="([^"]+)"', text).group(1)
                graphs[celex] = set(re.findall(r'\sid="([^"]*)"', text)), text
                # the text assessed under: the latest version (a consolidation's CELEX)
                vc = re.search(r'<regulation [^>]*version-celex="([^"]+)"', text)
                if vc:
                    graphs[vc.group(1)] = graphs[celex]

        def anchor_exists(celex, anchor):
            ids, text = graphs[celex]
            m = re.match(r"(\d{3})\.(\d{3})$", anchor)
            if m:
                return "art-%d.%d" % (int(m.group(1)), int(m.group(2))) in ids
            m = re.match(r"(art|rct)_(\d+)$", anchor)
            if m:
                return ("art-" if m.group(1) == "art" else "rec-") + m.group(2) in ids
            m = re.match(r"anx_([IVXLC]+)$", anchor)
            if m:
                return re.search(r'<annex [^>]*number="%s"' % m.group(1), text) is not None
            return True  # a page name after the document: its top

        def resolve_eurlex(url):
            m = EURLEX.match(url)
            if not m:
                return "not a well-formed EUR-Lex link"
            if m.group("celex") not in graphs:
                return "CELEX %s is no regulation of the corpus" % m.group("celex")
            if m.group("anchor") and not anchor_exists(m.group("celex"), m.group("anchor")):
                return "anchor %s names nothing of the text" % m.group("anchor")
            return None

        n = 0
        for product in ["ai-act/products/hirerank-cv-screening.xml",
                        "ai-act/products/sentrylog-siem.xml",
                        "cra/products/bastion-firewall-appliance.xml"]:
            dst = os.path.join(tmp, "assessed", os.path.basename(product)[:-4])
            r = subprocess.run(wrap + [a.regdoc, "assess", os.path.join(a.corpus, product), "-o", dst],
                               capture_output=True, text=True)
            if r.returncode:
                fails.append("regdoc assess %s exited %d: %s" % (product, r.returncode, r.stderr))
                continue
            n += check_folder(dst, resolve_eurlex)
        print("EUR-Lex: %d links in 3 products assessed elsewhere" % n)
        for f in fails[:50]:
            print("FAIL:", f)
        if fails:
            print("%d failures" % len(fails))
        return 1 if fails else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
