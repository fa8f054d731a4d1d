<?xml version="1.0" encoding="UTF-8"?>
<!--
  html-look.xsl - what the product pages (checklist.html, annex-iv.html) share with the
  site's look (templates/site/static/site.css: its header bar, colours and fonts) and
  what makes them work at phone width: tables become one card per row. Inline, as the
  pages are also read where no site is (regdoc assess -o elsewhere). Included by
  checklist/html.xsl and annex-iv/html.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template name="product-look">
    <style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Liberation Sans",Arial,sans-serif;color:#1b1f24}
body>nav{position:sticky;top:0;z-index:10;display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center;margin:-1rem -1.5rem 1rem;padding:.6rem 1.25rem;background:#10275a}
body>nav a{color:#fff;margin:0;text-decoration:none;font-size:.95rem}
body>nav a:first-child{font-weight:700;font-size:1.05rem}
body>nav a:hover,body>nav a:focus{text-decoration:underline}
a{color:#1846a3}h2{border-bottom-color:#1846a3}
.fill p{margin:0 0 .5rem}
@media (max-width:44rem){
body{padding:1rem .75rem}body>nav{margin:-1rem -.75rem 1rem;padding:.5rem .75rem}
table,thead,tbody,tr,th,td{display:block;width:auto}thead{display:none}
tr{border:1px solid #bbb;border-radius:6px;margin-bottom:.8rem}
td{border:0;border-bottom:1px solid #eee}td.fill{min-height:2rem}
td.fill::before{content:attr(data-label);display:block;font-size:.8rem;color:#5b6470}
svg{max-width:100%;height:auto}}
@media print{body>nav{display:none}}
    </style>
  </xsl:template>
</xsl:stylesheet>
