#!/usr/bin/env python3
"""The pictures (issue 9), checked against the data they are drawn from.

usage: check.py diagram OUT_DIR      OUT_DIR: `regdoc build corpus -o OUT_DIR`
       check.py links-map OUT_DIR

diagram: every AI Act product page (OUT/ai-act/products/*/checklist.html) has one decision
  diagram (templates/checklist/diagram.xsl) that is well-formed SVG; each of its five
  stages (Articles 2, 5, 6, 43 route, 43 assessor) shows the labels of the conclusions
  the assessment (assessment.xml) reached for it, or "Not reached" exactly for the stages
  after the one where the path ended; the path ends where the law says (outside the
  scope, a prohibited practice, not high-risk); every link goes to an existing site page
  and fragment. Known products are checked in detail. Products of other regulations
  (OUT/cra/products) have no diagram.

links-map: every chapter page of every regulation links to chp-N-links.html, and that
  page's SVG matrix (templates/site/links-map.xsl) has, in order, one row per article of
  the chapter and one column per recital linked to them, article of the chapter and
  annex linked to them (from graph.xml's edges, computed here independently), and a
  filled cell exactly where graph.xml has a relates-to edge (blue), a citation (orange)
  or both (blue with an orange dot) between the row and the column, in either direction.
"""
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

SVG = '{http://www.w3.org/2000/svg}'
fails = []


def fail(msg):
    fails.append(msg)
    print('FAIL: ' + msg)


def svg_of(html, marker):
    """The first <svg …>…</svg> whose start tag contains marker, parsed."""
    for m in re.finditer(r'<svg\b[^>]*>.*?</svg>', html, re.S):
        if marker in m.group(0)[:400]:
            text = m.group(0)
            if 'xmlns=' not in text[:200]:
                text = text.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"', 1)
            return ET.fromstring(text)
    return None


def texts(el):
    return ' '.join(' '.join(t.itertext()) for t in el.iter(SVG + 'text'))


def check_href(page_dir, href, what):
    path, _, frag = href.partition('#')
    target = os.path.normpath(os.path.join(page_dir, path))
    if not os.path.isfile(target):
        fail('%s: link %s: no file %s' % (what, href, target))
        return
    if frag and ('id="%s"' % frag) not in open(target, encoding='utf-8').read():
        fail('%s: link %s: no id %s in %s' % (what, href, frag, target))


STAGES = ['in-scope', 'prohibited', 'risk', 'route', 'assessor']
GO_ON = {'in-scope': lambda v: 'yes' in v, 'prohibited': lambda v: not v,
         'risk': lambda v: bool(set(v) & {'high-risk-6-1', 'high-risk-6-2', 'high-risk-section-b'}),
         'route': lambda v: bool(v), 'assessor': lambda v: bool(v)}
# product: {stage: (class, text that must appear)}
KNOWN = {
    'hirerank-cv-screening': {'in-scope': ('dd-on', 'Within the scope'), 'prohibited': ('dd-on', 'No: none'),
                              'risk': ('dd-on', 'Article 6(2)'), 'route': ('dd-on', 'Annex VI'),
                              'assessor': ('dd-on', 'The provider')},
    'research-prototype': {'in-scope': ('dd-out', 'the path ends here'), 'prohibited': ('dd-off', 'Not reached'),
                           'assessor': ('dd-off', 'Not reached')},
    'moodsense-workplace': {'prohibited': ('dd-stop', 'Yes, prohibited: Article 5(1)(f)'),
                            'risk': ('dd-off', 'Not reached')},
    'atlas-foundation-model': {'prohibited': ('dd-on', 'Does not apply: not an AI system'),
                               'risk': ('dd-low', 'not an AI system'), 'route': ('dd-off', 'Not reached')},
    'mailguard-spam-filter': {'risk': ('dd-low', 'Not high-risk'), 'route': ('dd-off', 'Not reached')},
    'police-live-facial-recognition': {'route': ('dd-on', 'Annex VII'), 'assessor': ('dd-on', 'Article 74(8)')},
}


def diagram(out):
    pages = sorted(glob.glob(os.path.join(out, 'ai-act', 'products', '*', 'checklist.html')))
    if len(pages) < 19:
        fail('only %d AI Act product pages under %s' % (len(pages), out))
    seen = set()
    for page in pages:
        pid = os.path.basename(os.path.dirname(page))
        html = open(page, encoding='utf-8').read()
        if html.count('class="decision-diagram"') != 1:
            fail('%s: %d decision diagrams' % (pid, html.count('class="decision-diagram"')))
            continue
        try:
            svg = svg_of(html, 'dd-title')
        except ET.ParseError as e:
            fail('%s: the diagram is not well-formed: %s' % (pid, e))
            continue
        a = ET.parse(os.path.join(os.path.dirname(page), 'assessment.xml')).getroot()
        conc = {}
        for c in a.iter('conclusion'):
            conc.setdefault(c.get('name'), []).append(c)
        facts = {f.get('name'): f.get('value') for f in a.iter('fact')}
        groups = {g.get('id')[3:]: g for g in svg.iter(SVG + 'g') if (g.get('id') or '').startswith('dd-')}
        if sorted(groups) != sorted(STAGES):
            fail('%s: stages %s' % (pid, sorted(groups)))
            continue
        reached = True
        for st in STAGES:
            g = groups[st]
            cls = g.get('class').split()[1]
            t = texts(g)
            vals = [c.get('value') for c in conc.get(st, [])]
            if not reached:
                if cls != 'dd-off' or 'Not reached' not in t:
                    fail('%s: stage %s is drawn as reached (%s) after the path ended' % (pid, st, cls))
                continue
            if cls == 'dd-off':
                fail('%s: stage %s is drawn as not reached' % (pid, st))
            applies = st not in ('prohibited', 'risk') or facts.get('what.ai-system') == 'yes'
            if applies:
                for c in conc.get(st, []):
                    label = ' '.join(c.get('label').split())
                    if label[:40] not in ' '.join(t.split()).replace('…', ''):
                        fail('%s: stage %s does not show "%s"' % (pid, st, label))
            reached = GO_ON[st](vals)
            if not reached and st != 'assessor' and 'the path ends here' not in ' '.join(t.split()):
                fail('%s: stage %s ends the path but does not say so' % (pid, st))
        for st, (cls, want) in KNOWN.get(pid, {}).items():
            g = groups[st]
            if g.get('class').split()[1] != cls:
                fail('%s: stage %s is %s, want %s' % (pid, st, g.get('class'), cls))
            if want not in ' '.join(texts(g).split()):
                fail('%s: stage %s lacks "%s": %s' % (pid, st, want, texts(g)))
        seen.add(pid)
        for el in svg.iter(SVG + 'a'):
            check_href(os.path.dirname(page), el.get('href'), pid)
        if svg.find('.//' + SVG + 'script') is not None or 'style=' in ET.tostring(svg, encoding='unicode').split('>', 1)[1]:
            fail('%s: script or style inside the diagram' % pid)
    for k in KNOWN:
        if k not in seen:
            fail('no diagram checked for %s' % k)
    for page in glob.glob(os.path.join(out, 'cra', 'products', '*', 'checklist.html')):
        if 'decision-diagram' in open(page, encoding='utf-8').read():
            fail('%s: a CRA product has the AI Act decision diagram' % page)
    print('diagram: %d product pages checked' % len(pages))


def unit(i):
    return i.split('.', 1)[0]


def links_map(out):
    n = 0
    for reg_dir in sorted(glob.glob(os.path.join(out, '*', 'graph.xml'))):
        reg_dir = os.path.dirname(reg_dir)
        g = ET.parse(os.path.join(reg_dir, 'graph.xml')).getroot()
        site = os.path.join(reg_dir, 'site')
        rel, cite = set(), set()
        for e in g.iter('edge'):
            pair = (unit(e.get('from')), unit(e.get('to')))
            if e.get('kind') == 'relates-to':
                rel.add(pair)
            elif e.get('kind') == 'cites':
                cite.add(pair)
        recitals = [r.get('id') for r in g.find('recitals')]
        annexes = [x.get('id') for x in g.find('annexes')] if g.find('annexes') is not None else []
        articles = {a.get('id') for a in g.find('articles')}
        order = {u: k for k, u in enumerate(recitals + [a.get('id') for a in g.find('articles')] + annexes)}
        for ch in g.find('contents').findall('chapter'):
            cid = ch.get('id')
            chapter_page = open(os.path.join(site, cid + '.html'), encoding='utf-8').read()
            if 'href="%s-links.html"' % cid not in chapter_page:
                fail('%s: no link to %s-links.html' % (cid, cid))
            path = os.path.join(site, cid + '-links.html')
            if not os.path.isfile(path):
                fail('no page %s' % path)
                continue
            html = open(path, encoding='utf-8').read()
            arts = sorted({u.get('ref') for u in ch.iter('unit') if u.get('ref') in articles}, key=order.get)
            if not arts:
                continue
            n += 1

            def linked(x):
                return any((x, a) in rel or (a, x) in rel or (x, a) in cite or (a, x) in cite for a in arts)
            cols = [r for r in recitals if linked(r)] + arts + [x for x in annexes if linked(x)]
            svg = svg_of(html, 'lm-title')
            if svg is None:
                fail('%s: no matrix' % path)
                continue
            # column and row labels: the <a href="UNIT.html"> around a <text>, by position
            col_links = [a.get('href')[:-5] for a in svg.findall(SVG + 'a')
                         if a.find(SVG + 'text') is not None and a.find(SVG + 'text').get('transform')]
            row_links = [a.get('href')[:-5] for a in svg.findall(SVG + 'a')
                         if a.find(SVG + 'text') is not None and a.find(SVG + 'text').get('text-anchor') == 'end']
            if col_links != cols:
                fail('%s: columns %s…, want %s…' % (cid, col_links[:8], cols[:8]))
            if row_links != arts:
                fail('%s: rows %s…, want %s…' % (cid, row_links[:8], arts[:8]))
            cell, left, top = 14, 84, 96
            got = {}
            for a in svg.iter(SVG + 'a'):
                rect = a.find(SVG + 'rect')
                if rect is None:
                    continue
                c = (int(float(rect.get('x'))) - 1 - left) // cell
                r = (int(float(rect.get('y'))) - 1 - top) // cell
                kind = ('both' if a.find(SVG + 'circle') is not None else
                        'rel' if rect.get('fill') == '#3a6ecf' else 'cite')
                if not (0 <= r < len(arts) and 0 <= c < len(cols)):
                    fail('%s: a cell outside the matrix at %s' % (cid, rect.attrib))
                    continue
                got[(arts[r], cols[c])] = kind
                if a.get('href') != cols[c] + '.html':
                    fail('%s: cell %s/%s links to %s' % (cid, arts[r], cols[c], a.get('href')))
            want = {}
            for a in arts:
                for x in cols:
                    if x == a:
                        continue
                    r = (a, x) in rel or (x, a) in rel
                    c = (a, x) in cite or (x, a) in cite
                    if r or c:
                        want[(a, x)] = 'both' if r and c else 'rel' if r else 'cite'
            if got != want:
                diff = sorted(set(got.items()) ^ set(want.items()))[:6]
                fail('%s: cells differ from the graph (got ^ want): %s' % (cid, diff))
    if n < 5:
        fail('only %d chapters with articles checked' % n)
    print('links-map: %d chapter matrices checked' % n)


def main():
    what, out = sys.argv[1], sys.argv[2]
    {'diagram': diagram, 'links-map': links_map}[what](out)
    sys.exit(1 if fails else 0)


if __name__ == '__main__':
    main()
