<?xml version="1.0" encoding="UTF-8"?>
<!--
  annex-iv/html.xsl - assessment.xml -> annex-iv.html (documentation/@file): every point
  and sub-point of the documentation annex (Annex IV; Annex VII of the Cyber Resilience
  Act, also as a second part for a combined product) as a section with the law's text as guidance, a field to fill in, what the
  product description already says, and the trace (Article 11(1), the provisions citing
  the point, the checklist items citing it).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
  <xsl:import href="common.xsl"/>
  <xsl:include href="../checklist/html-look.xsl"/>
  <xsl:output method="html" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>

  <xsl:template match="/assessment">
    <html lang="en">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="{@generator}"/>
        <title><xsl:value-of select="$doc-title"/>: <xsl:value-of select="product/name"/></title>
        <style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.45;margin:0 auto;max-width:60rem;padding:1rem 1.5rem;color:#1b1b1b}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:2px solid #003399}h3{margin-top:1.4rem}
.status{border:1px solid #c8d3ee;background:#f3f6fc;padding:.6rem 1rem;border-radius:6px}
.law{font-style:italic;border-left:3px solid #8da2d4;padding-left:.7rem;color:#333}
.fill{border:1px dashed #999;min-height:4rem;padding:.5rem;background:#fcfcf4;white-space:pre-wrap}
.trace{font-size:.88rem;color:#444}.known{font-size:.9rem;background:#eef6ee;padding:.3rem .6rem}
nav a{margin-right:1rem}section.point{margin-left:0}section.sub{margin-left:1.2rem}
        </style>
        <xsl:call-template name="product-look"/>
      </head>
      <body>
        <nav>
          <a><xsl:attribute name="href"><xsl:call-template name="site-page"><xsl:with-param name="base" select="$site-base"/><xsl:with-param name="page" select="'index'"/></xsl:call-template></xsl:attribute>The <xsl:value-of select="$primary-name"/></a>
          <xsl:for-each select="/assessment/combined/regulation">
            <a><xsl:attribute name="href"><xsl:call-template name="site-page"><xsl:with-param name="base" select="@site-base"/><xsl:with-param name="page" select="'index'"/></xsl:call-template></xsl:attribute>The <xsl:call-template name="regulation-name-of"><xsl:with-param name="id" select="@id"/><xsl:with-param name="fallback" select="@name"/></xsl:call-template></a>
          </xsl:for-each>
          <a href="checklist.html">Checklist</a>
          <a href="{$doc/@file}.md">Markdown</a>
          <a href="{$doc/@file}.fodt">OpenDocument</a>
          <a href="{$doc/@file}.docx">Word</a>
          <a href="{$doc/@file}.odt">ODT</a>
        </nav>
        <h1><xsl:value-of select="$doc-title"/>: <xsl:value-of select="product/name"/></h1>
        <p>Version <xsl:value-of select="product/version"/> · <xsl:value-of select="$provider-word"/><xsl:text> </xsl:text><xsl:value-of select="product/provider"/> · <xsl:value-of select="@generator"/></p>
        <xsl:if test="law[1]">
          <p class="law-version">Version of the law: <xsl:call-template name="law-text"/><xsl:if test="law[1]/@href"> · <a href="{law[1]/@href}">EUR-Lex</a></xsl:if></p>
        </xsl:if>
        <xsl:for-each select="$parts">
          <xsl:if test="position() &gt; 1">
            <h2 class="part" id="part-{@regulation}"><xsl:value-of select="annex/@label"/></h2>
          </xsl:if>
          <p class="status"><strong>Status. </strong><xsl:call-template name="status-text"/></p>
          <p class="status"><strong><xsl:call-template name="sme-heading"/><xsl:text> </xsl:text></strong><xsl:call-template name="sme-text"/>
            <xsl:if test="sme-form"> (<a href="{sme-form/@href}"><xsl:value-of select="sme-form/@label"/></a>)</xsl:if>
          </p>
          <xsl:if test="annex">
            <p class="law"><a href="{annex/@href}"><xsl:value-of select="annex/@label"/></a>: <xsl:value-of select="annex/law"/></p>
            <p class="trace">Required by <a href="{basis/@href}"><xsl:value-of select="basis/@label"/></a>: <xsl:value-of select="basis/law"/></p>
          </xsl:if>
          <xsl:apply-templates select="point | sub | section"/>
        </xsl:for-each>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="point | sub | section">
    <xsl:variable name="depth" select="count(ancestor::point | ancestor::sub | ancestor::section)"/>
    <section class="{name()}{substring(' sub', 1, 4 * ($depth &gt; 0))}" id="{@ref}">
      <xsl:choose>
        <xsl:when test="$depth = 0">
          <h2>Point <xsl:value-of select="substring-after(@label, 'point ')"/>: <xsl:value-of select="@title"/><xsl:if test="not(@title)"><xsl:value-of select="substring(law, 1, 90)"/><xsl:if test="string-length(law) &gt; 90">…</xsl:if></xsl:if></h2>
        </xsl:when>
        <xsl:otherwise>
          <h3>Point <xsl:value-of select="substring-after(@label, 'point ')"/></h3>
        </xsl:otherwise>
      </xsl:choose>
      <p class="law"><a href="{@href}"><xsl:value-of select="@label"/></a>: <xsl:value-of select="law"/></p>
      <xsl:call-template name="trace"/>
      <xsl:if test="contains($prefill-refs, concat(' ', @ref, ' '))">
        <xsl:variable name="known">
          <xsl:call-template name="prefill"><xsl:with-param name="ref" select="@ref"/></xsl:call-template>
        </xsl:variable>
        <xsl:if test="exsl:node-set($known)/line">
          <div class="known"><strong>From the product description:</strong>
            <xsl:for-each select="exsl:node-set($known)/line"><br/><xsl:value-of select="."/></xsl:for-each>
          </div>
        </xsl:if>
      </xsl:if>
      <xsl:if test="not(point | sub)">
        <xsl:call-template name="html-point-answer"/>
      </xsl:if>
      <xsl:apply-templates select="point | sub | section"/>
    </section>
  </xsl:template>

  <xsl:template name="trace">
    <xsl:variable name="ref" select="@ref"/>
    <xsl:variable name="reg" select="string(@regulation)"/>
    <xsl:variable name="items" select="key('item-by-ref', $ref)[provision[@ref = $ref and string(@regulation) = $reg] or cite[@ref = $ref and string(@regulation) = $reg]]"/>
    <xsl:if test="cited-by or $items">
      <p class="trace">
        <xsl:if test="cited-by">Cited by
          <xsl:for-each select="cited-by">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <a href="{@href}"><xsl:value-of select="@label"/></a>
          </xsl:for-each>.
        </xsl:if>
        <xsl:if test="$items"> Checklist:
          <xsl:for-each select="$items">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <a href="checklist.html#{@id}"><xsl:value-of select="@id"/></a>
          </xsl:for-each>.
        </xsl:if>
      </p>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
