#!/usr/bin/env python3
"""Print the `regdoc new --set ID=VALUE` answers that describe an existing product file.

usage: answers_from_product.py QUESTIONNAIRE.xml PRODUCT.xml

For every question of the questionnaire, the answer the product's facts give: an
attribute (element.attribute), an element's text (element), the product id
(product.id); for a multi question, the options whose <set>s match one of the
product's elements; for the Annex I gate (write="no"), whether <annex-i> is there; for
a yes-no question whose fact the product leaves out, "no" (the rules treat an absent
optional yes/no fact as not "yes"). One ID=VALUE per line; a question the product says
nothing about and that has no sensible answer is left out (regdoc new --batch then
takes its default or reports it)."""
import sys
import xml.etree.ElementTree as ET


def main():
    qdoc = ET.parse(sys.argv[1]).getroot()
    prod = ET.parse(sys.argv[2]).getroot()

    def fact(name):
        if name.startswith('product.'):
            return prod.get(name[len('product.'):])
        el, _, at = name.partition('.')
        e = prod.find(el)
        if e is None:
            return None
        if not at:
            return ' '.join((e.text or '').split()) or None
        return e.get(at)

    for q in qdoc.iter('question'):
        qid, kind = q.get('id'), q.get('kind')
        if kind == 'multi':
            chosen = []
            for o in q.findall('option'):
                sets = o.findall('set')
                if not sets:
                    continue
                elname = sets[0].get('fact').split('.')[0]
                for e in prod.findall(elname):
                    if all(e.get(s.get('fact').split('.', 1)[1]) == s.get('value') for s in sets):
                        chosen.append(o.get('value'))
                        break
            if chosen:
                print('%s=%s' % (qid, ' '.join(chosen)))
            elif q.get('none') == 'yes':
                print('%s=none' % qid)
            continue
        name = q.get('fact')
        # the gates (write="no"): is the element they open there?
        gates = {'annex-i-covered': 'annex-i', 'certificate': 'cybersecurity-certificate'}
        if q.get('write') == 'no' and name in gates:
            print('%s=%s' % (qid, 'yes' if prod.find(gates[name]) is not None else 'no'))
            continue
        v = fact(name)
        if v is None:
            nowrite = [o.get('value') for o in q.findall('option') if o.get('write') == 'no']
            if nowrite:
                v = nowrite[0]
            elif kind == 'yes-no' and q.get('default') is None:
                v = 'no'
            else:
                continue
        print('%s=%s' % (qid, v))


if __name__ == '__main__':
    main()
