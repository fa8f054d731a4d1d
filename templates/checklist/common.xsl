<?xml version="1.0" encoding="UTF-8"?>
<!--
  common.xsl - shared by the checklist and Annex IV stylesheets (HTML, Markdown, FODT).
  Input: assessment.xml (templates/schema/assessment.rng). No other document is read.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:variable name="product" select="/assessment/product"/>
  <xsl:variable name="site-base" select="/assessment/@site-base"/>

  <!-- The label of a conclusion (empty when not concluded). -->
  <xsl:template name="conclusion">
    <xsl:param name="name"/>
    <xsl:for-each select="/assessment/conclusions/conclusion[@name = $name]">
      <xsl:if test="position() &gt; 1">; </xsl:if>
      <xsl:value-of select="@label"/>
    </xsl:for-each>
  </xsl:template>

  <!-- The value of a product fact (first), or empty. -->
  <xsl:template name="fact">
    <xsl:param name="name"/>
    <xsl:value-of select="/assessment/facts/fact[@name = $name][1]/@value"/>
  </xsl:template>

  <!-- A regulation's display name. -->
  <xsl:template name="regulation-name-of">
    <xsl:param name="id"/>
    <xsl:param name="fallback" select="$id"/>
    <xsl:choose>
      <xsl:when test="$id = 'ai-act'">AI Act (Regulation (EU) 2024/1689)</xsl:when>
      <xsl:when test="$id = 'cra'">Cyber Resilience Act (Regulation (EU) 2024/2847)</xsl:when>
      <xsl:otherwise><xsl:value-of select="$fallback"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The product's own regulation's display name. -->
  <xsl:variable name="primary-name">
    <xsl:call-template name="regulation-name-of">
      <xsl:with-param name="id" select="/assessment/@regulation"/>
    </xsl:call-template>
  </xsl:variable>

  <!-- The regulation's display name, and those assessed together with it. -->
  <xsl:variable name="regulation-name">
    <xsl:call-template name="regulation-name-of">
      <xsl:with-param name="id" select="/assessment/@regulation"/>
    </xsl:call-template>
    <xsl:for-each select="/assessment/combined/regulation">
      <xsl:text> and </xsl:text>
      <xsl:call-template name="regulation-name-of">
        <xsl:with-param name="id" select="@id"/>
        <xsl:with-param name="fallback" select="@name"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:variable>

  <!-- Who is responsible: the AI Act's provider, the Cyber Resilience Act's manufacturer. -->
  <xsl:variable name="provider-word">
    <xsl:choose>
      <xsl:when test="/assessment/@regulation = 'cra'">manufacturer</xsl:when>
      <xsl:otherwise>provider</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="Provider-word">
    <xsl:choose>
      <xsl:when test="/assessment/@regulation = 'cra'">Manufacturer</xsl:when>
      <xsl:otherwise>Provider</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- The technical documentation template: "Annex IV", or "Annex IV and Cyber
       Resilience Act Annex VII" for a combined product; empty when there is none. -->
  <xsl:variable name="doc-annexes">
    <xsl:for-each select="/assessment/documentation/part[annex]">
      <xsl:if test="position() &gt; 1"> and </xsl:if>
      <xsl:value-of select="annex/@label"/>
    </xsl:for-each>
  </xsl:variable>

  <!-- Markdown: escape the characters that would start markup inside running text. -->
  <xsl:template name="md-escape">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="$s = ''"/>
      <xsl:otherwise>
        <xsl:variable name="c" select="substring($s, 1, 1)"/>
        <xsl:if test="contains('\`*_[]&lt;&gt;|#', $c)">\</xsl:if>
        <xsl:value-of select="$c"/>
        <xsl:call-template name="md-escape-fast">
          <xsl:with-param name="s" select="substring($s, 2)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- Copies runs without special characters in one step (keeps recursion shallow). -->
  <xsl:template name="md-escape-fast">
    <xsl:param name="s"/>
    <xsl:variable name="plain" select="translate($s, '\`*_[]&lt;&gt;|#', '')"/>
    <xsl:choose>
      <xsl:when test="$plain = $s"><xsl:value-of select="$s"/></xsl:when>
      <xsl:otherwise>
        <!-- the longest prefix of plain characters -->
        <xsl:variable name="head">
          <xsl:call-template name="plain-prefix"><xsl:with-param name="s" select="$s"/></xsl:call-template>
        </xsl:variable>
        <xsl:value-of select="$head"/>
        <xsl:call-template name="md-escape">
          <xsl:with-param name="s" select="substring($s, string-length($head) + 1)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template name="plain-prefix">
    <xsl:param name="s"/>
    <!-- cut at the first special character: try each and keep the earliest -->
    <xsl:variable name="marked" select="translate($s, '\`*_[]&lt;&gt;|#', '&#xE000;&#xE000;&#xE000;&#xE000;&#xE000;&#xE000;&#xE000;&#xE000;&#xE000;&#xE000;')"/>
    <xsl:value-of select="substring-before($marked, '&#xE000;')"/>
  </xsl:template>

  <!-- Markdown link to a reference: [label](href). -->
  <xsl:template name="md-link">
    <xsl:param name="ref" select="."/>
    <xsl:text>[</xsl:text>
    <xsl:call-template name="md-escape"><xsl:with-param name="s" select="$ref/@label"/></xsl:call-template>
    <xsl:text>](</xsl:text>
    <xsl:value-of select="$ref/@href"/>
    <xsl:text>)</xsl:text>
  </xsl:template>
</xsl:stylesheet>
