/* regdoc reference site: small enhancements; every page works without this file. */
(function () {
  'use strict';
  function init() {
    /* keep the current entry of the contents sidebar in view */
    var toc = document.querySelector('.toc');
    var cur = toc && toc.querySelector('[aria-current="page"]');
    if (toc && cur && toc.scrollHeight > toc.clientHeight) {
      toc.scrollTop = Math.max(0, cur.offsetTop - toc.clientHeight / 3);
    }
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
