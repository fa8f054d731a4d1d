#!/usr/bin/env python3
"""Real-browser test of the regdoc site: Debian's chromium driven over the Chrome
DevTools Protocol (--remote-debugging-pipe), with Python 3's standard library only (no
Node, no npm, nothing fetched).

usage: site_test.py SITE_DIR OUT_DIR [--chromium PATH]

Serves SITE_DIR from a small HTTP server on 127.0.0.1, then, as a reader would: the home
page -> types "conformity assessment" into the search box and presses Enter -> opens
Article 43 from the results -> follows its link to Annex VII -> back -> Recital 78 via the
related-recitals box -> back. Also runs the search from file:// and reads Article 43 on a
phone-sized screen. Every request that leaves 127.0.0.1 / file:// is blocked (Fetch
domain) and fails the test, as do console errors, uncaught exceptions and CSP violations
(Runtime and Log domains). Screenshots go to OUT_DIR (home.png, search.png,
article-43.png, annex-7.png, recital-78.png, phone-article-43.png).
"""
import base64
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

TIMEOUT = 30.0


class Fail(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Fail(what)


class Browser:
    """chromium with the DevTools protocol on file descriptors 3 (commands) and 4
    (replies and events), messages NUL-terminated JSON."""

    def __init__(self, chromium, profile, allowed):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def fds():  # in the child: the pipe ends at 3 and 4, nothing else inherited
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)
            os.closerange(5, 1024)

        args = [chromium, '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
                '--disable-background-networking', '--disable-component-update', '--disable-sync',
                '--disable-default-apps', '--disable-extensions', '--mute-audio',
                '--remote-debugging-pipe', '--user-data-dir=' + profile, 'about:blank']
        # close_fds would close 3 and 4 after fds() ran: fds() closes the rest itself
        self.proc = subprocess.Popen(args, preexec_fn=fds, close_fds=False,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.allowed = allowed
        self.next_id = 0
        self.replies = {}
        self.cond = threading.Condition()
        self.write_lock = threading.Lock()
        self.session = None
        self.blocked = []
        self.problems = []
        self.url = ''
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _send(self, method, params=None, session=True):
        with self.cond:
            self.next_id += 1
            mid = self.next_id
        msg = {'id': mid, 'method': method, 'params': params or {}}
        if session and self.session:
            msg['sessionId'] = self.session
        data = json.dumps(msg).encode() + b'\0'
        with self.write_lock:
            os.write(self.to_chrome, data)
        return mid

    def call(self, method, params=None, session=True, timeout=TIMEOUT):
        mid = self._send(method, params, session)
        end = time.monotonic() + timeout
        with self.cond:
            while mid not in self.replies:
                left = end - time.monotonic()
                if left <= 0 or not self.reader.is_alive():
                    raise Fail('no reply from chromium to %s' % method)
                self.cond.wait(left)
            reply = self.replies.pop(mid)
        if 'error' in reply:
            raise Fail('%s: %s' % (method, reply['error'].get('message')))
        return reply.get('result', {})

    def _read(self):
        pending = b''
        while True:
            try:
                chunk = os.read(self.from_chrome, 1 << 16)
            except OSError:
                chunk = b''
            if not chunk:
                with self.cond:
                    self.cond.notify_all()
                return
            pending += chunk
            while b'\0' in pending:
                raw, pending = pending.split(b'\0', 1)
                msg = json.loads(raw)
                if 'id' in msg:
                    with self.cond:
                        self.replies[msg['id']] = msg
                        self.cond.notify_all()
                else:
                    self._event(msg.get('method'), msg.get('params', {}))

    def _event(self, method, p):
        if method == 'Fetch.requestPaused':
            url = p['request']['url']
            if any(url.startswith(a) for a in self.allowed):
                self._send('Fetch.continueRequest', {'requestId': p['requestId']})
            else:
                self.blocked.append(url)
                self._send('Fetch.failRequest', {'requestId': p['requestId'],
                                                 'errorReason': 'BlockedByClient'})
        elif method == 'Runtime.consoleAPICalled' and p.get('type') == 'error':
            text = ' '.join(str(a.get('value', a.get('description', ''))) for a in p.get('args', []))
            self.problems.append('console error on %s: %s' % (self.url, text))
        elif method == 'Runtime.exceptionThrown':
            d = p.get('exceptionDetails', {})
            self.problems.append('page error on %s: %s' % (
                self.url, d.get('exception', {}).get('description') or d.get('text')))
        elif method == 'Log.entryAdded' and p.get('entry', {}).get('level') == 'error':
            e = p['entry']
            if e.get('source') == 'network' and e.get('url', '').endswith('/favicon.ico'):
                return  # the browser's own request (the site declares no icon), not the site's
            self.problems.append('%s error on %s: %s%s' % (e.get('source'), self.url, e.get('text'),
                                                           ' (%s)' % e['url'] if e.get('url') else ''))
        elif method == 'Page.frameNavigated' and not p.get('frame', {}).get('parentId'):
            self.url = p['frame'].get('url', '')

    def open_page(self, width, height):
        target = self.call('Target.createTarget', {'url': 'about:blank'}, session=False)
        att = self.call('Target.attachToTarget', {'targetId': target['targetId'], 'flatten': True},
                        session=False)
        self.session = att['sessionId']
        for domain in ('Page', 'Runtime', 'Log'):
            self.call(domain + '.enable')
        self.call('Fetch.enable', {'patterns': [{'urlPattern': '*'}]})
        self.viewport(width, height)

    def viewport(self, width, height):
        self.call('Emulation.setDeviceMetricsOverride',
                  {'width': width, 'height': height, 'deviceScaleFactor': 1, 'mobile': False})

    def js(self, expr):
        r = self.call('Runtime.evaluate', {'expression': expr, 'returnByValue': True,
                                           'awaitPromise': True})
        if 'exceptionDetails' in r:
            raise Fail('script failed: %s: %s' % (expr, r['exceptionDetails'].get('text')))
        return r.get('result', {}).get('value')

    def wait(self, expr, what, timeout=TIMEOUT):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                if self.js('!!(%s)' % expr):
                    return
            except Fail:
                pass  # the page is between documents
            time.sleep(0.05)
        raise Fail('timed out waiting for %s (at %s; status: %s)' % (
            what, self.url, self.js('(document.querySelector("#search-status") || {}).textContent')))

    def wait_page(self, pattern):
        """the page whose URL matches pattern is loaded"""
        self.wait('/%s/.test(location.href) && document.readyState === "complete"' % pattern,
                  'a page matching /%s/' % pattern)

    def goto(self, url, pattern):
        self.call('Page.navigate', {'url': url})
        self.wait_page(pattern)

    def count(self, selector):
        return self.js('document.querySelectorAll(%s).length' % json.dumps(selector))

    def text(self, selector):
        return self.js('(document.querySelector(%s) || {}).textContent || ""' % json.dumps(selector))

    def click(self, selector):
        """a real mouse click at the middle of the element"""
        box = self.js('''(() => { const e = document.querySelector(%s); if (!e) return null;
            e.scrollIntoView({block: "center"}); const r = e.getBoundingClientRect();
            return [r.left + r.width / 2, r.top + r.height / 2]; })()''' % json.dumps(selector))
        check(box, 'nothing to click: %s' % selector)
        for kind in ('mousePressed', 'mouseReleased'):
            self.call('Input.dispatchMouseEvent', {'type': kind, 'x': box[0], 'y': box[1],
                                                   'button': 'left', 'clickCount': 1})

    def type_enter(self, selector, text):
        self.js('document.querySelector(%s).focus()' % json.dumps(selector))
        self.call('Input.insertText', {'text': text})
        for kind in ('keyDown', 'keyUp'):
            self.call('Input.dispatchKeyEvent', {'type': kind, 'key': 'Enter', 'code': 'Enter',
                                                 'windowsVirtualKeyCode': 13, 'text': '\r'})

    def back(self, pattern):
        self.js('history.back()')
        self.wait_page(pattern)

    def screenshot(self, path):
        data = self.call('Page.captureScreenshot', {'format': 'png'})['data']
        with open(path, 'wb') as f:
            f.write(base64.b64decode(data))

    def close(self):
        try:
            self.call('Browser.close', session=False, timeout=5)
        except (Fail, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.to_chrome)
        os.close(self.from_chrome)


class Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = dict(http.server.SimpleHTTPRequestHandler.extensions_map,
                          **{'.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html',
                             '.xml': 'application/xml', '.svg': 'image/svg+xml'})

    def log_message(self, *args):
        pass


def run(b, base, site, out):
    shot = lambda name: b.screenshot(os.path.join(out, name))  # noqa: E731
    # home page
    b.goto(base + 'index.html', r'index\.html')
    check(re.search('AI Act', b.js('document.title')), 'home page title: %s' % b.js('document.title'))
    check(b.js('document.documentElement.lang') == 'en', 'html lang is not en')
    check(b.count('a.skip[href="#main"]') == 1, 'skip link')
    check(b.count('#h-contents') == 1, 'contents heading')
    shot('home.png')

    # search "conformity assessment" from the home page's form
    b.type_enter('#q-home', 'conformity assessment')
    b.wait_page(r'search\.html\?q=conformity')
    b.wait('document.body.dataset.searchReady === "true"', 'the search index')
    b.wait('document.querySelector("#search-results > li")', 'search results')
    status = b.text('#search-status')
    check(re.search('matching passage', status), 'search status: %s' % status)
    titles = b.js('[...document.querySelectorAll("#search-results h2 a")].map(a => a.textContent)')
    check(titles.count('Article 43: Conformity assessment') == 1, 'Article 43 is among the results')
    check(b.count('#search-results a.hit-label[href*="art-43.html#art-43."]') >= 1,
          'a paragraph of Article 43 is linked')
    check(b.count('#search-results mark') > 0, 'matches are marked')
    shot('search.png')

    # open Article 43 from the results
    b.js('''[...document.querySelectorAll("#search-results h2 a")]
            .find(a => a.textContent === "Article 43: Conformity assessment").id = "regdoc-test-art43"''')
    b.click('#regdoc-test-art43')
    b.wait_page(r'art-43\.html')
    check(re.search('Conformity assessment', b.text('h1')), 'Article 43 heading: %s' % b.text('h1'))
    check(b.count('#art-43\\.1') == 1, 'paragraph 1 has its anchor')
    # the permalink shows on keyboard focus
    b.js('document.querySelector("#art-43\\\\.1 > a.pl").focus()')
    b.wait('getComputedStyle(document.querySelector("#art-43\\\\.1 > a.pl")).opacity === "1"',
           'the focused permalink to show', timeout=5)
    # a defined term carries its definition as tooltip
    tip = b.js('(document.querySelector("a.term") || {}).title')
    check(tip and 'means' in tip, 'term tooltip: %s' % tip)
    b.js('window.scrollTo(0, 0)')
    shot('article-43.png')

    # follow its link to Annex VII, then back
    b.click('.body a.cite[href^="anx-7.html"]')
    b.wait_page(r'anx-7\.html')
    check(re.search('Annex VII', b.text('h1')), 'Annex VII heading: %s' % b.text('h1'))
    shot('annex-7.png')
    b.back(r'art-43\.html')
    check(re.search('Conformity assessment', b.text('h1')), 'back on Article 43')

    # Recital 78 via the related-recitals box, then back
    check(b.count('aside.related a[href="rec-78.html"]') == 1, 'Recital 78 is in the related-recitals box')
    b.click('aside.related a[href="rec-78.html"]')
    b.wait_page(r'rec-78\.html')
    check(re.search('Recital 78', b.text('h1')), 'Recital 78 heading: %s' % b.text('h1'))
    check(b.count('aside.related a[href="art-43.html"]') == 1, 'Recital 78 lists Article 43 back')
    shot('recital-78.png')
    b.back(r'art-43\.html')
    check(re.search('Conformity assessment', b.text('h1')), 'back on Article 43')

    # the same search from file://, without a server
    b.goto('file://' + os.path.join(site, 'search.html') + '?q=conformity%20assessment', r'^file:')
    b.wait('document.body.dataset.searchReady === "true"', 'the search index (file://)')
    b.wait('document.querySelector("#search-results > li")', 'search results (file://)')
    check(b.js('[...document.querySelectorAll("#search-results h2 a")]'
               '.some(a => a.textContent.includes("Article 43"))'), 'search works from file://')

    # readable on a phone
    b.viewport(390, 844)
    b.goto(base + 'art-43.html', r'art-43\.html')
    overflow = b.js('document.documentElement.scrollWidth - window.innerWidth')
    check(overflow <= 0, 'no horizontal scrolling on a phone (overflow %spx)' % overflow)
    shot('phone-article-43.png')

    time.sleep(0.2)  # late console messages
    check(not b.blocked, 'requests left the site: %s' % b.blocked)
    check(not b.problems, 'console errors, page errors or CSP violations:\n  ' + '\n  '.join(b.problems))


def main():
    args = sys.argv[1:]
    chromium = '/usr/bin/chromium'
    if '--chromium' in args:
        i = args.index('--chromium')
        chromium = args[i + 1]
        del args[i:i + 2]
    if len(args) != 2:
        print(__doc__.split('\n\n')[1], file=sys.stderr)
        return 2
    site, out = os.path.abspath(args[0]), os.path.abspath(args[1])
    os.makedirs(out, exist_ok=True)
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0),
                                             functools.partial(Quiet, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = 'http://127.0.0.1:%d/' % server.server_address[1]
    profile = tempfile.mkdtemp(prefix='regdoc-chromium-')
    b = None
    try:
        b = Browser(chromium, profile, [base, 'file://', 'data:', 'about:', 'blob:'])
        b.open_page(1280, 900)
        run(b, base, site, out)
        print('ok: browser test passed; screenshots in %s' % out)
        return 0
    except Fail as e:
        print('FAIL: %s' % e)
        more = [m for m in (b.problems if b else []) + ['blocked: ' + u for u in (b.blocked if b else [])]
                if m not in str(e)]
        if more:
            print('  and: %s' % '\n  '.join(more))
        return 1
    finally:
        if b:
            b.close()
        server.shutdown()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
