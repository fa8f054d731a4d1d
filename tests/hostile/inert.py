#!/usr/bin/env python3
"""inert.py DIR...: fail (exit 1, one line per problem) when any output under DIR could
run code or load something from outside in a reader's browser or editor.

*.html  parsed as HTML: every <script> has a src naming a file of the site (no scheme,
        no //host, no inline code); no on* event-handler attribute; no iframe, object,
        embed, base or <meta http-equiv=refresh>; every href, src, action, formaction,
        poster, srcset and xlink:href is http:, https:, mailto: or relative.
*.md    rendered by the CommonMark reference renderer (`cmark --unsafe`, so raw HTML
        would come through as it is) and the HTML checked as above, and for tags that
        Markdown does not make (raw HTML: an <img> in a code span is text, one that
        escaped a code span or a comment is a tag). Without cmark: no raw HTML tag
        outside backslash escapes by a regular expression (a stricter test, which
        flags tags inside code spans too) and no javascript:/data:/vbscript: link.
*.xml, *.fodt  parsed as XML: no xlink:href or href with a scheme other than the above.
"""
import html.parser
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

SAFE = ("http", "https", "mailto")
URL_ATTRS = {"href", "src", "action", "formaction", "poster", "xlink:href", "data", "codebase"}
problems = []


def url_ok(v):
    v = v.strip()
    m = re.match(r"^([A-Za-z][A-Za-z0-9+.\-]*):", v)
    # a scheme is what comes before the first ':' if no '/', '?' or '#' precedes it
    first = re.search(r"[:/?#]", v)
    if not first or v[first.start()] != ":":
        return True
    return bool(m) and m.group(1).lower() in SAFE


class Checker(html.parser.HTMLParser):
    def __init__(self, path):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.in_script = False

    def bad(self, what):
        problems.append("%s:%d: %s" % (self.path, self.getpos()[0], what))

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        for k, v in a.items():
            if k.startswith("on"):
                self.bad("event-handler attribute %s=%r on <%s>" % (k, v, tag))
            if k in URL_ATTRS and not url_ok(v):
                self.bad("unsafe URL %s=%r on <%s>" % (k, v, tag))
            if k == "srcset" and any(not url_ok(p.split()[0]) for p in v.split(",") if p.strip()):
                self.bad("unsafe srcset on <%s>" % tag)
            if k == "srcdoc":
                self.bad("srcdoc on <%s>" % tag)
        if tag in ("iframe", "object", "embed", "base", "frame", "frameset", "applet"):
            self.bad("<%s> element" % tag)
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            self.bad("<meta http-equiv=refresh>")
        if tag == "script":
            src = a.get("src", "")
            if not src or re.match(r"^([A-Za-z][A-Za-z0-9+.\-]*:|//)", src):
                self.bad("<script> without a local src (%r)" % src)
            self.in_script = True

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and data.strip():
            self.bad("inline script code %r" % data.strip()[:60])


# the tags CommonMark produces from Markdown syntax
MD_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "em", "strong", "code",
           "pre", "a", "img", "blockquote", "hr", "br"}
CMARK = shutil.which("cmark")


class MdChecker(Checker):
    def handle_starttag(self, tag, attrs):
        if tag not in MD_TAGS:
            self.bad("raw HTML tag <%s> in Markdown" % tag)
        super().handle_starttag(tag, attrs)


def check_md(path, text):
    if CMARK:
        out = subprocess.run([CMARK, "--unsafe"], input=text.encode("utf-8"),
                             capture_output=True, check=True).stdout.decode("utf-8")
        c = MdChecker(path + " (rendered)")
        c.feed(out)
        c.close()
        return
    for n, line in enumerate(text.split("\n"), 1):
        for m in re.finditer(r"(?<!\\)<(/?[A-Za-z][A-Za-z0-9-]*)", line):
            problems.append("%s:%d: raw HTML tag <%s> in Markdown" % (path, n, m.group(1)))
        for m in re.finditer(r"(?<!\\)\]\(\s*<?([^)\s>]*)", line):
            if not url_ok(m.group(1)):
                problems.append("%s:%d: unsafe link destination %r" % (path, n, m.group(1)))


def check_xml(path):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        problems.append("%s: not well-formed: %s" % (path, e))
        return
    for el in root.iter():
        for k, v in el.attrib.items():
            local = k.rsplit("}", 1)[-1]
            if local == "href" and not url_ok(v):
                problems.append("%s: unsafe %s=%r" % (path, k, v))


for top in sys.argv[1:]:
    for dirpath, dirs, files in os.walk(top):
        for name in sorted(files):
            p = os.path.join(dirpath, name)
            with open(p, "rb") as f:
                raw = f.read()
            if name.endswith(".html"):
                c = Checker(p)
                c.feed(raw.decode("utf-8", "replace"))
                c.close()
            elif name.endswith(".md"):
                check_md(p, raw.decode("utf-8", "replace"))
            elif name.endswith(".xml") or name.endswith(".fodt"):
                check_xml(p)

for line in problems:
    print(line)
sys.exit(1 if problems else 0)
