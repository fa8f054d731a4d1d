<?xml version="1.0" encoding="UTF-8"?>
<!--
  diff/html.xsl - diff.xml (templates/schema/diff.rng) -> diff.html, the report of
  `regdoc diff OLD NEW -o DIR`: per regulation a summary, what it does to the example
  products (routes, checklists), then every changed, added and removed unit with its
  paragraphs and points, changed texts word by word (<del>, <ins>). One self-contained
  page: no script, no external resource. doc/diff.md.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>

  <xsl:template match="/diff">
    <html lang="en">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="{@generator}"/>
        <title>What changed: <xsl:value-of select="@old"/> → <xsl:value-of select="@new"/></title>
        <style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;margin:0 auto;max-width:64rem;padding:1rem 1.5rem;color:#1b1b1b}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:2px solid #003399;padding-bottom:.2rem}
h3{margin:1.5rem 0 .3rem}h4{margin:.8rem 0 .2rem;font-size:1rem}
.meta{color:#555}.id{font-family:ui-monospace,monospace;font-size:.85rem;color:#555}
.badge{display:inline-block;font-size:.75rem;font-weight:600;padding:0 .4rem;border-radius:3px;margin-right:.4rem;vertical-align:.1rem}
.changed>.badge,.badge.changed{background:#fff1c2;color:#6b4e00}.added>.badge,.badge.added{background:#dff3e4;color:#1e5e2c}
.removed>.badge,.badge.removed{background:#fde2e1;color:#8a1c14}
.text{margin:.2rem 0 .6rem 1rem;padding:.3rem .6rem;border-left:3px solid #ccd}
del{background:#fde2e1;color:#8a1c14;text-decoration:line-through}ins{background:#dff3e4;color:#1e5e2c;text-decoration:none}
.old{border-left-color:#e5a19c}.new{border-left-color:#93c9a0}
table{border-collapse:collapse;width:100%;font-size:.93rem}th,td{border:1px solid #bbb;padding:.3rem .45rem;text-align:left;vertical-align:top}th{background:#eef1f7}
tr.route td:first-child{border-left:4px solid #b3261e}tr.checklist td:first-child{border-left:4px solid #d18b00}tr.fails td:first-child{border-left:4px solid #6b6b6b}
ul.changes{margin:.2rem 0;padding-left:1.1rem}
        </style>
      </head>
      <body>
        <h1>What changed</h1>
        <p class="meta">Old version <code><xsl:value-of select="@old"/></code>, new version
          <code><xsl:value-of select="@new"/></code> · <xsl:value-of select="@generator"/></p>
        <xsl:apply-templates select="regulation"/>
        <xsl:if test="only-in">
          <h2>Regulations in one version only</h2>
          <ul>
            <xsl:for-each select="only-in">
              <li><xsl:value-of select="concat(@id, ': only in the ', @side, ' version (', @dir, ')')"/></li>
            </xsl:for-each>
          </ul>
        </xsl:if>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="regulation">
    <section id="reg-{@id}">
      <h2>
        <xsl:choose>
          <xsl:when test="@title"><xsl:value-of select="@title"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="@id"/></xsl:otherwise>
        </xsl:choose>
      </h2>
      <p class="meta"><code><xsl:value-of select="@old"/></code> → <code><xsl:value-of select="@new"/></code></p>
      <table class="summary">
        <thead><tr><th></th><th>changed</th><th>added</th><th>removed</th></tr></thead>
        <tbody>
          <tr><th>Recitals, articles, annexes</th><td><xsl:value-of select="summary/@units-changed"/></td>
              <td><xsl:value-of select="summary/@units-added"/></td><td><xsl:value-of select="summary/@units-removed"/></td></tr>
          <tr><th>Paragraphs, points, sections</th><td><xsl:value-of select="summary/@elements-changed"/></td>
              <td><xsl:value-of select="summary/@elements-added"/></td><td><xsl:value-of select="summary/@elements-removed"/></td></tr>
        </tbody>
      </table>
      <xsl:if test="@new-version">
        <p class="meta">Versions <xsl:value-of select="@old-version"/> → <xsl:value-of select="@new-version"/>:
          <xsl:value-of select="summary/@amendments"/> amendments (rows of the amendment tables, per element
          named), <xsl:value-of select="summary/@elements-amended"/> elements amended with the same words.</p>
      </xsl:if>
      <xsl:apply-templates select="products"/>
      <h3 id="text-{@id}">The text</h3>
      <xsl:if test="not(unit)"><p>The text is the same.</p></xsl:if>
      <xsl:apply-templates select="unit"/>
    </section>
  </xsl:template>

  <xsl:template match="products">
    <h3 id="products-{../@id}">Example products</h3>
    <p>Each product assessed with the graph and the rules of each version.</p>
    <table class="products">
      <thead><tr><th>Product</th><th>What changes</th></tr></thead>
      <tbody>
        <xsl:for-each select="product">
          <tr class="{@change}" id="product-{@id}">
            <td><xsl:value-of select="@name"/><br/><span class="id"><xsl:value-of select="@id"/></span></td>
            <td>
              <xsl:choose>
                <xsl:when test="@change = 'none'">No change.</xsl:when>
                <xsl:when test="@change = 'route'"><strong>The route changes.</strong></xsl:when>
                <xsl:when test="@change = 'checklist'"><strong>The checklist changes.</strong></xsl:when>
                <xsl:when test="@change = 'fails'"><strong>Cannot be assessed under both versions.</strong></xsl:when>
                <xsl:when test="@change = 'added'">New in the new version.</xsl:when>
                <xsl:otherwise>Gone from the new version.</xsl:otherwise>
              </xsl:choose>
              <xsl:if test="conclusion | item | error">
                <ul class="changes">
                  <xsl:for-each select="conclusion">
                    <li><xsl:value-of select="@title"/>: <del><xsl:value-of select="@old-label"/></del><xsl:text> </xsl:text><ins><xsl:value-of select="@new-label"/></ins></li>
                  </xsl:for-each>
                  <xsl:for-each select="item">
                    <li>
                      <span class="badge {@change}"><xsl:value-of select="translate(@change, '-', ' ')"/></span>
                      <xsl:value-of select="@title"/>
                      <xsl:if test="@label"> (<xsl:value-of select="@label"/>)</xsl:if>
                      <span class="id"><xsl:value-of select="concat(' ', @id)"/></span>
                    </li>
                  </xsl:for-each>
                  <xsl:for-each select="error">
                    <li>Under the <xsl:value-of select="@side"/> version: <xsl:value-of select="."/></li>
                  </xsl:for-each>
                </ul>
              </xsl:if>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="unit">
    <section class="unit {@change}" id="{@id}">
      <h3 class="{@change}">
        <span class="badge"><xsl:value-of select="@change"/></span>
        <xsl:value-of select="@label"/>
        <xsl:if test="@title">: <xsl:value-of select="@title"/></xsl:if>
        <span class="id"><xsl:value-of select="concat(' ', @id)"/></span>
      </h3>
      <xsl:if test="@elements &gt; 0">
        <p class="meta">With <xsl:value-of select="@elements"/> paragraphs, points or sections.</p>
      </xsl:if>
      <xsl:apply-templates select="amendment"/>
      <xsl:apply-templates select="old | new"/>
      <xsl:apply-templates select="element"/>
    </section>
  </xsl:template>

  <!-- what amended it (regdoc diff of one folder's versions) -->
  <xsl:template match="amendment">
    <p class="meta amendment {@action}">
      <xsl:if test="@element"><code><xsl:value-of select="@element"/></code>: </xsl:if>
      <xsl:if test="@part">its <xsl:value-of select="@part"/><xsl:text> </xsl:text></xsl:if>
      <xsl:value-of select="concat(@action, ' by ', @act, ', ', @label)"/>
      <span class="id"><xsl:value-of select="concat(' ', @by, ' (', @src, ':', @line, ')')"/></span>
    </p>
  </xsl:template>

  <xsl:template match="element">
    <div class="element {@change}" id="{@id}">
      <h4 class="{@change}">
        <span class="badge"><xsl:value-of select="@change"/></span>
        <xsl:value-of select="@label"/>
        <span class="id"><xsl:value-of select="concat(' ', @id)"/></span>
      </h4>
      <xsl:apply-templates select="amendment"/>
      <xsl:for-each select="title">
        <p class="text">Title: <del><xsl:value-of select="@old"/></del><xsl:text> </xsl:text><ins><xsl:value-of select="@new"/></ins></p>
      </xsl:for-each>
      <xsl:choose>
        <xsl:when test="words">
          <p class="text">
            <xsl:for-each select="words/*">
              <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
              <xsl:choose>
                <xsl:when test="self::del"><del><xsl:value-of select="."/></del></xsl:when>
                <xsl:when test="self::ins"><ins><xsl:value-of select="."/></ins></xsl:when>
                <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
          </p>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates select="old | new"/></xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>

  <xsl:template match="old"><p class="text old"><del><xsl:value-of select="."/></del></p></xsl:template>
  <xsl:template match="new"><p class="text new"><ins><xsl:value-of select="."/></ins></p></xsl:template>
</xsl:stylesheet>
