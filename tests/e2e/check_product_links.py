#!/usr/bin/env python3
"""Links of the product pages of a library, across regulations.

Builds the library (`regdoc build CORPUS -o TMP`) and checks every page under
TMP/<regulation>/products/<id>/ (checklist.html and the technical documentation
template, annex-iv.html or annex-vii.html) with the site link checker (check_links.py):
every href resolves to a file of the library and every #fragment to an element id of
that page, so a combined product's links into the other regulation's site
(../../../cra/site/art-12.html#art-12.3 from output/ai-act/products/<id>/) resolve.
Also checks that each regulation's products link into the other regulation's site when
they are assessed under both. Prints the counts; exits 1 on any broken link.

usage: check_product_links.py --regdoc REGDOC --corpus CORPUS_DIR
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_links  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--regdoc", required=True)
    ap.add_argument("--corpus", required=True)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="regdoc-product-links.")
    try:
        out = os.path.join(tmp, "lib")
        wrapper = os.environ.get("REGDOC_WRAPPER", "").split()
        r = subprocess.run(wrapper + [a.regdoc, "build", a.corpus, "-o", out],
                           stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            print(r.stderr)
            print(f"FAIL: regdoc build {a.corpus} exited {r.returncode}")
            return 1
        regs = sorted(d for d in os.listdir(out) if os.path.isdir(os.path.join(out, d, "site")))
        sites = [os.path.join(out, d, "site") for d in regs]
        pages = []
        for reg in regs:
            pdir = os.path.join(out, reg, "products")
            if not os.path.isdir(pdir):
                continue
            for pid in sorted(os.listdir(pdir)):
                for name in sorted(os.listdir(os.path.join(pdir, pid))):
                    if name.endswith(".html"):
                        pages.append(os.path.join(pdir, pid, name))
        counts, errors = check_links.check(out, site_dirs=sites, extra_pages=pages)
        parsed = counts["_pages"]
        cross = {}
        for path in pages:
            reg = os.path.relpath(path, out).split(os.sep)[0]
            for _tag, _attr, value in parsed[os.path.abspath(path)].refs:
                if value.startswith("../../../"):
                    other = value[len("../../../"):].split("/", 1)[0]
                    if other != reg:
                        cross[(reg, other)] = cross.get((reg, other), 0) + 1
        for e in errors:
            print(f"FAIL: {e}")
        print(f"{len(pages)} product pages, {counts['internal']} internal links "
              f"({counts['with_fragment']} with a fragment) resolve over {len(regs)} regulations")
        for (reg, other), n in sorted(cross.items()):
            print(f"{reg} products -> {other} site: {n} links")
        if len(regs) > 1 and not cross:
            print("FAIL: no product page links into another regulation's site")
            return 1
        return 1 if errors else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
