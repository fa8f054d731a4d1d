'use strict';
/*
 * Real-browser test of the regdoc site: Debian's chromium driven by playwright-core.
 *
 * usage: node site.test.js LIBRARY_DIR OUT_DIR
 *
 * Serves LIBRARY_DIR (regdoc build corpus) from a tiny HTTP server on 127.0.0.1, then,
 * on the AI Act's site (ai-act/site/): home page → search
 * "conformity assessment" → open Article 43 from the results → follow its link to
 * Annex VII → back → Recital 78 via the related-recitals box → back; the law in time:
 * Article 43 in force shows the version switcher and its history, the mark of Article
 * 43(3) replaced by Regulation (EU) 2026/1744 is followed to that act's Article 1, point
 * (19), and back from its link to what it replaced; then it switches to the 2024
 * text (v/2024-08-01/art-43.html: the banner, the old wording of Article 43(3), no
 * Article 42(3) in that version's Article 42), whose own search finds the old wording,
 * and back. Also runs the search from file://. Every request that leaves 127.0.0.1 / file:// is blocked and
 * fails the test, as do console errors, page errors and CSP violations. Screenshots
 * go to OUT_DIR (home.png, search.png, article-43.png, recital-78.png, annex-7.png,
 * phone-article-43.png).
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml'
};

function serve(root) {
  const server = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://127.0.0.1');
    let p = decodeURIComponent(u.pathname);
    if (p.endsWith('/')) p += 'index.html';
    const file = path.resolve(root, '.' + p);
    if (!file.startsWith(path.resolve(root) + path.sep)) {
      res.writeHead(403); res.end(); return;
    }
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404, { 'Content-Type': 'text/plain' }); res.end('not found'); return; }
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
      res.end(data);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function main() {
  const [libDir, outDir] = process.argv.slice(2);
  if (!libDir || !outDir) {
    console.error('usage: node site.test.js LIBRARY_DIR OUT_DIR');
    process.exit(2);
  }
  const lib = path.resolve(libDir);
  const site = path.join(lib, 'ai-act', 'site');
  fs.mkdirSync(outDir, { recursive: true });
  const server = await serve(lib);
  const root = `http://127.0.0.1:${server.address().port}/`;
  const base = root + 'ai-act/site/';
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regdoc-chromium-'));
  const problems = [];
  const blocked = [];
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
      viewport: { width: 1280, height: 900 }
    });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(root) || url.startsWith('file://')) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    const page = context.pages()[0] || await context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error on ${page.url()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error on ${page.url()}: ${err.message}`));

    // home page
    await page.goto(base + 'index.html');
    assert.match(await page.title(), /AI Act/);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.ok(await page.locator('a.skip[href="#main"]').count() === 1, 'skip link');
    assert.ok(await page.locator('#h-contents').count() === 1, 'contents heading');
    await page.screenshot({ path: path.join(outDir, 'home.png') });

    // search "conformity assessment" from the home page form
    await page.fill('#q-home', 'conformity assessment');
    await Promise.all([page.waitForURL(/search\.html\?q=conformity/), page.press('#q-home', 'Enter')]);
    await page.waitForSelector('body[data-search-ready="true"]');
    await page.waitForSelector('#search-results > li');
    const status = await page.textContent('#search-status');
    assert.match(status, /matching passage/, `search status: ${status}`);
    const art43 = page.locator('#search-results h2 a', { hasText: 'Article 43: Conformity assessment' });
    assert.equal(await art43.count(), 1, 'Article 43 is among the results');
    // results link to the paragraph that matched
    const hit = page.locator('#search-results a.hit-label[href*="art-43.html#art-43."]');
    assert.ok(await hit.count() >= 1, 'a paragraph of Article 43 is linked');
    assert.ok(await page.locator('#search-results mark').count() > 0, 'matches are marked');
    await page.screenshot({ path: path.join(outDir, 'search.png') });

    // open Article 43 from the results
    await Promise.all([page.waitForURL(/art-43\.html/), art43.click()]);
    assert.match(await page.textContent('h1'), /Conformity assessment/);
    assert.equal(await page.locator('#art-43\\.1').count(), 1, 'paragraph 1 has its anchor');
    // the permalink shows on keyboard focus
    const pl = page.locator('#art-43\\.1 > a.pl');
    await pl.focus();
    await page.waitForFunction((e) => getComputedStyle(e).opacity === '1', await pl.elementHandle(),
      { timeout: 5000 });
    // a defined term carries its definition as tooltip
    const termTitle = await page.locator('a.term').first().getAttribute('title');
    assert.ok(termTitle && termTitle.includes('means'), `term tooltip: ${termTitle}`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(outDir, 'article-43.png') });

    // follow its link to Annex VII, then back
    const toAnx7 = page.locator('.body a.cite[href^="anx-7.html"]').first();
    await Promise.all([page.waitForURL(/anx-7\.html/), toAnx7.click()]);
    assert.match(await page.textContent('h1'), /Annex VII/);
    await page.screenshot({ path: path.join(outDir, 'annex-7.png') });
    await Promise.all([page.waitForURL(/art-43\.html/), page.goBack()]);
    assert.match(await page.textContent('h1'), /Conformity assessment/);

    // Recital 78 via the related-recitals box, then back
    const rel = page.locator('aside.related a[href="rec-78.html"]');
    assert.equal(await rel.count(), 1, 'Recital 78 is in the related-recitals box');
    await Promise.all([page.waitForURL(/rec-78\.html/), rel.click()]);
    assert.match(await page.textContent('h1'), /Recital 78/);
    assert.ok(await page.locator('aside.related a[href="art-43.html"]').count() === 1,
      'Recital 78 lists Article 43 back');
    await page.screenshot({ path: path.join(outDir, 'recital-78.png') });
    await Promise.all([page.waitForURL(/art-43\.html/), page.goBack()]);
    assert.match(await page.textContent('h1'), /Conformity assessment/);

    // the law in time (Regulation (EU) 2026/1744 amended the AI Act from 27 July 2026):
    // Article 43 in force, its version switcher and history
    await page.goto(base + 'art-43.html');
    const current = page.locator('nav.v-switch a[aria-current="page"]');
    assert.match(await current.textContent(), /27 July 2026/, 'the version shown is the law in force');
    assert.ok(await page.locator('#history .v-el ins').count() > 0, 'the history shows inserted words');
    // Article 43(3) as replaced: notified bodies "have the power to assess the conformity" (2026 text)
    assert.match(await page.textContent('#art-43\\.3'), /have the power to assess the conformity/);
    // the amendment mark of Article 43(3): replaced by Regulation (EU) 2026/1744, Article 1,
    // point (19) (amendments.tsv of the consolidation); follow it to the amending act and back
    const mark = page.locator('#art-43\\.3 > .amend-replaced a.amend-by');
    assert.equal(await mark.count(), 1, 'Article 43(3) is marked replaced');
    assert.match(await mark.textContent(), /Regulation \(EU\) 2026\/1744, Article 1, point \(19\)/);
    await Promise.all([page.waitForURL(/digital-omnibus-ai\/site\/art-1\.html#art-1\.19$/), mark.click()]);
    assert.match(await page.textContent('h1'), /Article 1/);
    const back = page.locator('[id="art-1.19"] a.amends-to[href$="ai-act/site/art-43.html#art-43.3"]');
    assert.equal(await back.count(), 1, 'Article 1, point (19) links back to Article 43(3)');
    await page.screenshot({ path: path.join(outDir, 'omnibus-article-1.png') });
    await Promise.all([page.waitForURL(/ai-act\/site\/art-43\.html#art-43\.3$/), back.click()]);
    assert.match(await page.textContent('h1'), /Conformity assessment/);

    // switch to the 2024 text of Article 43
    const to2024 = page.locator('nav.v-switch a[href="v/2024-08-01/art-43.html"]');
    assert.equal(await to2024.count(), 1, 'the switcher links the 2024 text');
    await Promise.all([page.waitForURL(/\/v\/2024-08-01\/art-43\.html$/), to2024.click()]);
    assert.match(await page.textContent('p.v-banner'), /applicable from 1 August 2024/);
    assert.match(await page.textContent('nav.v-switch a[aria-current="page"]'), /1 August 2024/);
    // the 2024 wording of Article 43(3): notified bodies "entitled to control" (2024 text)
    assert.match(await page.textContent('#art-43\\.3'), /entitled to control/);
    await page.screenshot({ path: path.join(outDir, 'article-43-2024.png') });
    // Article 42(3) was inserted in 2026: not in the 2024 Article 42
    await page.goto(base + 'v/2024-08-01/art-42.html');
    assert.equal(await page.locator('#art-42\\.3').count(), 0, 'no Article 42(3) in 2024');
    // search covers the version shown: the 2024 site's own index finds the old words
    await page.fill('#q-top', 'entitled to control');
    await Promise.all([page.waitForURL(/v\/2024-08-01\/search\.html\?q=/), page.press('#q-top', 'Enter')]);
    await page.waitForSelector('body[data-search-ready="true"]');
    await page.waitForSelector('#search-results > li');
    assert.ok(await page.locator('#search-results a.hit-label[href="art-43.html#art-43.3.sub2"]').count() >= 1,
      'the 2024 search finds Article 43(3), second subparagraph');
    // and back to the law in force from the banner
    await page.goto(base + 'v/2024-08-01/art-43.html');
    await Promise.all([page.waitForURL(/ai-act\/site\/art-43\.html$/), page.locator('p.v-banner a').click()]);
    assert.match(await page.textContent('nav.v-switch a[aria-current="page"]'), /27 July 2026/);

    // the same search from file://, without a server
    await page.goto('file://' + path.join(site, 'search.html') + '?q=conformity%20assessment');
    await page.waitForSelector('body[data-search-ready="true"]');
    await page.waitForSelector('#search-results > li');
    assert.ok(await page.locator('#search-results h2 a', { hasText: 'Article 43' }).count() >= 1,
      'search works from file://');

    // readable on a phone
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(base + 'art-43.html');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling on a phone (overflow ${overflow}px)`);
    await page.screenshot({ path: path.join(outDir, 'phone-article-43.png') });

    assert.deepEqual(blocked, [], 'no request left the site');
    assert.deepEqual(problems, [], 'no console errors, page errors or CSP violations');
    console.log(`ok: browser test passed; screenshots in ${outDir}`);
  } finally {
    if (context) await context.close();
    server.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error('FAIL:', err && err.stack ? err.stack : err);
  process.exit(1);
});
