<?xml version="1.0" encoding="UTF-8"?>
<!--
  site/products.xsl - the products page of a regulation's site (site/products.html):
  every example product of corpus/<regulation>/products/ with its classification and
  route, and links to its documents (../products/<id>/...). Input: the <products>
  document src/render/products.c gathers from the assessments (<entry dir=
  regulation= documentation=> with the product, conclusions and combined regulations
  of each). The site's look: static/site.css, the same header.
  Parameters: library-href  path to the library's home from a site page ('' = none).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>
  <xsl:param name="library-href" select="''"/>

  <xsl:template match="/products">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="regdoc"/>
        <title>Products – <xsl:value-of select="@short-title"/></title>
        <link rel="stylesheet" href="static/site.css"/>
        <link rel="stylesheet" href="static/print.css" media="print"/>
        <style>
.prod-table{border-collapse:collapse;width:100%;font-size:.95rem}
.prod-table th,.prod-table td{border-bottom:1px solid var(--line,#dde1e6);padding:.5rem;text-align:left;vertical-align:top}
.prod-table .docs a{margin-right:.6rem;white-space:nowrap}
@media (max-width:44rem){.prod-table thead{display:none}.prod-table tr,.prod-table td{display:block}
.prod-table tr{border:1px solid var(--line,#dde1e6);border-radius:6px;margin-bottom:.8rem;padding:.3rem}
.prod-table td{border:0;padding:.25rem .5rem}}
        </style>
      </head>
      <body class="page-products">
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
          <xsl:if test="$library-href != ''">
            <a class="lib-home" href="{$library-href}index.html">Library</a>
          </xsl:if>
          <a class="brand" href="index.html"><xsl:value-of select="@short-title"/></a>
          <a class="to-toc" href="products.html">Products</a>
        </header>
        <div class="layout">
          <main id="main" tabindex="-1">
            <div class="hero">
              <p class="kicker">Products</p>
              <h1>
                <xsl:value-of select="count(entry)"/>
                <xsl:text> example product</xsl:text>
                <xsl:if test="count(entry) != 1">s</xsl:if>
                <xsl:text> assessed under the </xsl:text>
                <xsl:value-of select="@short-title"/>
              </h1>
              <p class="src">Each product is described by its facts
                (<code>products/&lt;id&gt;.xml</code>); regdoc derives its route from the
                rules and writes its checklist and technical documentation template.</p>
            </div>
            <table class="prod-table">
              <thead><tr><th>Product</th><th>Classification and route</th><th>Documents</th></tr></thead>
              <tbody>
                <xsl:for-each select="entry">
                  <xsl:variable name="base" select="concat('../products/', @dir, '/')"/>
                  <tr id="{@dir}">
                    <td>
                      <strong><xsl:value-of select="product/name"/></strong>
                      <xsl:text> </xsl:text><xsl:value-of select="product/version"/>
                      <br/><span class="src"><xsl:value-of select="product/provider"/></span>
                    </td>
                    <td>
                      <xsl:for-each select="conclusions/conclusion[@name = 'classification' or @name = 'route' or @name = 'cra-classification' or @name = 'cra-route']">
                        <xsl:if test="position() &gt; 1"><br/></xsl:if>
                        <xsl:value-of select="@label"/>
                      </xsl:for-each>
                      <xsl:if test="combined/regulation">
                        <br/><em>Assessed together with the <xsl:value-of select="combined/regulation/@name"/></em>
                      </xsl:if>
                    </td>
                    <td class="docs">
                      <a href="{$base}checklist.html">Checklist</a>
                      <xsl:if test="@documentation">
                        <a href="{$base}{@documentation}.html">Technical documentation</a>
                      </xsl:if>
                      <br/>
                      <a href="{$base}checklist.docx">Word</a>
                      <a href="{$base}checklist.odt">ODT</a>
                      <a href="{$base}checklist.md">Markdown</a>
                      <a href="{$base}checklist.csv">CSV</a>
                      <xsl:if test="@documentation">
                        <br/>
                        <a href="{$base}{@documentation}.docx">Template (Word)</a>
                        <a href="{$base}{@documentation}.odt">(ODT)</a>
                        <a href="{$base}{@documentation}.md">(Markdown)</a>
                      </xsl:if>
                    </td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </main>
        </div>
        <footer class="foot">
          <p>Texts: © European Union. Only the Official Journal versions are authentic.</p>
          <p>Generated by regdoc. An assessment is a guide, not legal advice.</p>
        </footer>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
