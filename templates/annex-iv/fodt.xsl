<?xml version="1.0" encoding="UTF-8"?>
<!--
  annex-iv/fodt.xsl - assessment.xml -> annex-iv.fodt: the Annex IV template as a Flat
  OpenDocument text for the dossier. Each point is a heading, the law's text a quote,
  and the field to fill in an OpenDocument placeholder (click it in LibreOffice or Word
  and type).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
  <xsl:import href="common.xsl"/>
  <xsl:import href="../checklist/fodt-common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:template match="/assessment">
    <xsl:call-template name="fodt-document">
      <xsl:with-param name="title"><xsl:value-of select="$doc-title"/>: <xsl:value-of select="product/name"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="/assessment" mode="fodt-body">
        <text:p text:style-name="Title"><xsl:value-of select="$doc-title"/>: <xsl:value-of select="product/name"/></text:p>
        <text:p text:style-name="Note">Version <xsl:value-of select="product/version"/> · <xsl:value-of select="$provider-word"/><xsl:text> </xsl:text><xsl:value-of select="product/provider"/> · <xsl:value-of select="$regulation-name"/> · <xsl:value-of select="@generator"/></text:p>
        <xsl:if test="law[1]">
          <text:p text:style-name="Note">Version of the law: <xsl:call-template name="law-text"/><xsl:if test="law[1]/@href"> · EUR-Lex: <xsl:value-of select="law[1]/@href"/></xsl:if></text:p>
        </xsl:if>
        <xsl:for-each select="$parts">
          <xsl:if test="position() &gt; 1">
            <text:h text:style-name="Heading_20_1" text:outline-level="1"><xsl:value-of select="annex/@label"/></text:h>
          </xsl:if>
          <text:p text:style-name="Warning"><text:span text:style-name="Strong">Status. </text:span><xsl:call-template name="status-text"/></text:p>
          <text:p text:style-name="Warning"><text:span text:style-name="Strong"><xsl:call-template name="sme-heading"/><xsl:text> </xsl:text></text:span><xsl:call-template name="sme-text"/>
            <xsl:if test="sme-form"> (<xsl:call-template name="fodt-link"><xsl:with-param name="ref" select="sme-form"/></xsl:call-template>)</xsl:if>
          </text:p>
          <xsl:if test="annex">
            <text:p text:style-name="Law"><xsl:call-template name="fodt-link"><xsl:with-param name="ref" select="annex"/></xsl:call-template>: <xsl:value-of select="annex/law"/></text:p>
            <text:p text:style-name="Note">Required by <xsl:call-template name="fodt-link"><xsl:with-param name="ref" select="basis"/></xsl:call-template>.</text:p>
          </xsl:if>
          <xsl:apply-templates select="point | sub | section"/>
        </xsl:for-each>
  </xsl:template>

  <xsl:template match="point | sub | section">
    <xsl:variable name="depth" select="count(ancestor::point | ancestor::sub | ancestor::section)"/>
    <xsl:variable name="ref" select="@ref"/>
    <xsl:variable name="reg" select="string(@regulation)"/>
    <xsl:variable name="items" select="key('item-by-ref', $ref)[provision[@ref = $ref and string(@regulation) = $reg] or cite[@ref = $ref and string(@regulation) = $reg]]"/>
    <xsl:choose>
      <xsl:when test="$depth = 0">
        <text:h text:style-name="Heading_20_1" text:outline-level="1">Point <xsl:value-of select="substring-after(@label, 'point ')"/>: <xsl:value-of select="substring(law, 1, 90)"/><xsl:if test="string-length(law) &gt; 90">…</xsl:if></text:h>
      </xsl:when>
      <xsl:otherwise>
        <text:h text:style-name="Heading_20_2" text:outline-level="2">Point <xsl:value-of select="substring-after(@label, 'point ')"/></text:h>
      </xsl:otherwise>
    </xsl:choose>
    <text:p text:style-name="Law"><xsl:call-template name="fodt-link"/>: <xsl:value-of select="law"/></text:p>
    <xsl:if test="cited-by or $items">
      <text:p text:style-name="Note">
        <xsl:if test="cited-by">Cited by
          <xsl:for-each select="cited-by">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <xsl:call-template name="fodt-link"/>
          </xsl:for-each>.
        </xsl:if>
        <xsl:if test="$items"> Checklist items:
          <xsl:for-each select="$items">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <xsl:value-of select="@id"/>
          </xsl:for-each>.
        </xsl:if>
      </text:p>
    </xsl:if>
    <xsl:if test="contains($prefill-refs, concat(' ', @ref, ' '))">
      <xsl:variable name="known">
        <xsl:call-template name="prefill"><xsl:with-param name="ref" select="@ref"/></xsl:call-template>
      </xsl:variable>
      <xsl:for-each select="exsl:node-set($known)/line">
        <text:p text:style-name="Text_20_body"><xsl:value-of select="."/></text:p>
      </xsl:for-each>
    </xsl:if>
    <xsl:if test="not(point | sub)">
      <table:table table:name="fill-{@ref}" table:style-name="Box">
        <table:table-column table:style-name="Box.A"/>
        <table:table-row>
          <table:table-cell table:style-name="FillCell" office:value-type="string">
            <xsl:call-template name="fodt-point-answer"/>
          </table:table-cell>
        </table:table-row>
      </table:table>
    </xsl:if>
    <xsl:apply-templates select="point | sub | section"/>
  </xsl:template>
</xsl:stylesheet>
