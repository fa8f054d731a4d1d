<?xml version="1.0" encoding="UTF-8"?>
<!--
  annex-iv/common.xsl - what the Annex IV templates (HTML, Markdown, FODT) share: the
  status line, the SME note of Article 11(1), the trace of each point (checklist items
  that cite it, provisions of the regulation that cite it), and the facts of the product
  description that pre-fill a point.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../checklist/common.xsl"/>

  <xsl:variable name="aiv" select="/assessment/annex-iv"/>

  <xsl:variable name="status-text">
    <xsl:choose>
      <xsl:when test="$aiv/@required = 'yes'">Required: this product is a high-risk AI system, so its technical documentation contains at least the elements below before it is placed on the market or put into service (Article 11(1)).</xsl:when>
      <xsl:otherwise>Not required for this product (classification: <xsl:call-template name="conclusion"><xsl:with-param name="name" select="'classification'"/></xsl:call-template>). The template is given for reference and voluntary use.</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:variable name="sme-text">
    <xsl:choose>
      <xsl:when test="$aiv/@sme = 'yes'">The provider is an SME: it may provide these elements in a simplified manner, using the simplified technical documentation form established by the Commission; notified bodies accept that form (Article 11(1), second subparagraph). Each section below maps to that form.</xsl:when>
      <xsl:otherwise>The simplified form of Article 11(1), second subparagraph, is available only to SMEs, including start-ups; this provider is not stated to be one.</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- Checklist items that cite this point (as provision or citation). -->
  <xsl:template name="items-citing">
    <xsl:param name="ref"/>
    <xsl:copy-of select="/assessment/checklist/group/item[provision/@ref = $ref or cite/@ref = $ref]"/>
  </xsl:template>

  <!-- What the product description already says for a point, as "label: value" lines. -->
  <xsl:template name="prefill">
    <xsl:param name="ref"/>
    <xsl:choose>
      <xsl:when test="$ref = 'anx-4.1.a'">
        <line>Intended purpose: <xsl:value-of select="$product/intended-purpose"/></line>
        <line>Provider: <xsl:value-of select="$product/provider"/></line>
        <line>Version: <xsl:value-of select="$product/version"/></line>
      </xsl:when>
      <xsl:when test="$ref = 'anx-4.2.f'">
        <xsl:for-each select="/assessment/facts/fact[starts-with(@name, 'history.')]">
          <line><xsl:value-of select="@name"/>: <xsl:value-of select="@value"/></line>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$ref = 'anx-4.2.h'">
        <xsl:for-each select="/assessment/facts/fact[starts-with(@name, 'cybersecurity')]">
          <line><xsl:value-of select="@name"/>: <xsl:value-of select="@value"/></line>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$ref = 'anx-4.6'">
        <xsl:for-each select="/assessment/facts/fact[starts-with(@name, 'history.')]">
          <line><xsl:value-of select="@name"/>: <xsl:value-of select="@value"/></line>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$ref = 'anx-4.7'">
        <xsl:for-each select="/assessment/facts/fact[starts-with(@name, 'standards.')]">
          <line><xsl:value-of select="@name"/>: <xsl:value-of select="@value"/></line>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$ref = 'anx-4.8'">
        <line>Conformity assessment: <xsl:call-template name="conclusion"><xsl:with-param name="name" select="'route'"/></xsl:call-template></line>
        <line>Assessed by: <xsl:call-template name="conclusion"><xsl:with-param name="name" select="'assessor'"/></xsl:call-template></line>
      </xsl:when>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
