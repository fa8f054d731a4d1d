/* regdoc reference site: client-side full-text search (search.html).
 * Data: search-index.js (window.REGDOC_SEARCH, written by regdoc); engine: MiniSearch
 * (minisearch.js, MIT, see minisearch.LICENSE.txt). No network: works from file://.
 * Results are built with DOM calls and text nodes only (never innerHTML). */
(function () {
  'use strict';

  var MAX_UNITS = 60;
  var HITS_PER_UNIT = 3;
  var SNIPPET = 240;

  function el(name, cls, text) {
    var e = document.createElement(name);
    if (cls) { e.className = cls; }
    if (text) { e.appendChild(document.createTextNode(text)); }
    return e;
  }

  function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

  /* Append text to parent with every match of re wrapped in <mark>. */
  function appendMarked(parent, text, re) {
    var last = 0, m;
    if (re) {
      re.lastIndex = 0;
      while ((m = re.exec(text)) !== null) {
        if (m[0].length === 0) { re.lastIndex++; continue; }
        if (m.index > last) { parent.appendChild(document.createTextNode(text.slice(last, m.index))); }
        parent.appendChild(el('mark', null, m[0]));
        last = m.index + m[0].length;
      }
    }
    if (last < text.length) { parent.appendChild(document.createTextNode(text.slice(last))); }
  }

  /* A window of the text around the first match. */
  function snippet(text, re) {
    var start = 0, m;
    if (text.length <= SNIPPET) { return text; }
    if (re) {
      re.lastIndex = 0;
      m = re.exec(text);
      if (m) { start = Math.max(0, m.index - 60); }
    }
    if (start > 0) {
      var sp = text.indexOf(' ', start);
      if (sp >= 0 && sp < start + 20) { start = sp + 1; }
    }
    var s = text.slice(start, start + SNIPPET);
    var cut = s.lastIndexOf(' ');
    if (start + SNIPPET < text.length && cut > SNIPPET * 0.6) { s = s.slice(0, cut); }
    return (start > 0 ? '… ' : '') + s + (start + s.length < text.length ? ' …' : '');
  }

  function init() {
    var form = document.getElementById('search-form');
    var input = document.getElementById('q');
    var status = document.getElementById('search-status');
    var list = document.getElementById('search-results');
    var data = window.REGDOC_SEARCH;
    var timer = null;
    if (!form || !input || !status || !list) { return; }
    if (!data || !data.docs || typeof window.MiniSearch !== 'function') {
      status.textContent = 'The search index could not be loaded.';
      return;
    }
    var units = data.units, docs = data.docs;
    status.textContent = 'Loading the search index…';

    var ms = new window.MiniSearch({
      idField: 'i',
      fields: ['t', 'l', 'x'],
      storeFields: [],
      extractField: function (d, field) {
        var doc = docs[d.i];
        if (field === 'i') { return d.i; }
        if (field === 't') { return doc[1] === '' ? units[doc[0]][1] : ''; }
        if (field === 'l') { return doc[1] === '' ? '' : doc[2]; }
        return doc[3];
      },
      searchOptions: {
        boost: { t: 4, l: 1.5, x: 1 },
        prefix: function (term) { return term.length > 2; },
        fuzzy: function (term) { return term.length > 5 ? 0.15 : false; },
        combineWith: 'AND'
      }
    });
    var ids = new Array(docs.length);
    for (var k = 0; k < docs.length; k++) { ids[k] = { i: k }; }
    ms.addAll(ids);

    // the version switcher (a regulation in several versions) runs the same search in
    // the other version: its links carry the words searched
    var switches = document.querySelectorAll('nav.v-switch a[href$="search.html"]');
    for (var n = 0; n < switches.length; n++) {
      switches[n].setAttribute('data-href', switches[n].getAttribute('href'));
    }
    function carry(q) {
      for (var n = 0; n < switches.length; n++) {
        var base = switches[n].getAttribute('data-href');
        switches[n].setAttribute('href', q ? base + '?q=' + encodeURIComponent(q) : base);
      }
    }

    function run(q, updateUrl) {
      q = q.trim();
      carry(q);
      while (list.firstChild) { list.removeChild(list.firstChild); }
      if (updateUrl) {
        try {
          history.replaceState(null, '', q ? '?q=' + encodeURIComponent(q) : location.pathname);
        } catch (e) { /* file:// may refuse: not needed for search to work */ }
      }
      if (!q) { status.textContent = 'Type words to search the full text.'; return; }
      var results = ms.search(q);
      if (results.length === 0) { results = ms.search(q, { combineWith: 'OR' }); }
      var terms = {};
      results.forEach(function (r) { r.terms.forEach(function (t) { terms[t] = true; }); });
      q.toLowerCase().split(/[\s\p{P}]+/u).forEach(function (t) { if (t.length > 1) { terms[t] = true; } });
      var tl = Object.keys(terms).sort(function (a, b) { return b.length - a.length; });
      var re = tl.length ? new RegExp(tl.map(escapeRe).join('|'), 'giu') : null;

      var groups = [], byUnit = {};
      results.forEach(function (r) {
        var doc = docs[r.id], u = doc[0];
        var g = byUnit[u];
        if (!g) {
          if (groups.length >= MAX_UNITS) { return; }
          g = byUnit[u] = { unit: u, hits: [], top: false };
          groups.push(g);
        }
        if (doc[1] === '') { g.top = true; }
        if (g.hits.length < HITS_PER_UNIT && (doc[1] !== '' || doc[3] !== '')) { g.hits.push(doc); }
      });
      var nunits = Object.keys(byUnit).length;
      status.textContent = results.length === 0 ? 'No results for “' + q + '”.' :
        results.length + ' matching passage' + (results.length === 1 ? '' : 's') + ' in ' +
        nunits + ' unit' + (nunits === 1 ? '' : 's') +
        (groups.length < nunits ? ' (first ' + groups.length + ' shown)' : '') + '.';

      groups.forEach(function (g) {
        var unit = units[g.unit];
        var li = el('li', 'result');
        var h = el('h2');
        var a = el('a');
        var first = g.hits[0];
        a.href = unit[0] + (!g.top && first && first[1] ? '#' + first[1] : '');
        appendMarked(a, unit[1], re);
        h.appendChild(a);
        li.appendChild(h);
        if (g.hits.length) {
          var ul = el('ul');
          g.hits.forEach(function (doc) {
            var hl = el('li');
            var ha = el('a', 'hit-label', doc[2]);
            ha.href = unit[0] + (doc[1] ? '#' + doc[1] : '');
            hl.appendChild(ha);
            var sn = el('span', 'snippet');
            appendMarked(sn, snippet(doc[3], re), re);
            hl.appendChild(sn);
            ul.appendChild(hl);
          });
          li.appendChild(ul);
        }
        list.appendChild(li);
      });
    }

    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      run(input.value, true);
    });
    input.addEventListener('input', function () {
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(function () { run(input.value, true); }, 180);
    });

    var q0 = new URLSearchParams(location.search).get('q') || '';
    input.value = q0;
    run(q0, false);
    document.body.setAttribute('data-search-ready', 'true');
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
