<?xml version="1.0" encoding="UTF-8"?>
<!--
  docx/annex-iv.xsl - assessment.xml -> annex-iv.docx (or annex-vii.docx,
  documentation/@file; a package description that regdoc zips, docx/common.xsl): every
  point of each part with the law as guidance, what the product description says, the
  trace, and a content control to write the point's text in.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:pkg="urn:x-regdoc:package"
    xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xmlns:exsl="http://exslt.org/common" exclude-result-prefixes="exsl">
  <xsl:import href="../annex-iv/common.xsl"/>
  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8"/>

  <xsl:template match="/assessment">
    <xsl:call-template name="docx-package">
      <xsl:with-param name="title" select="concat($doc-title, ': ', product/name)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="/assessment" mode="docx-body">
    <xsl:for-each select="$parts">
      <xsl:call-template name="w-p"><xsl:with-param name="style" select="'Heading1'"/><xsl:with-param name="text" select="annex/@label"/></xsl:call-template>
      <w:p>
        <w:pPr><w:pStyle w:val="Warning"/></w:pPr>
        <xsl:call-template name="w-r"><xsl:with-param name="text" select="'Status. '"/><xsl:with-param name="strong" select="true()"/></xsl:call-template>
        <xsl:call-template name="w-r"><xsl:with-param name="text"><xsl:call-template name="status-text"/></xsl:with-param></xsl:call-template>
      </w:p>
      <w:p>
        <xsl:call-template name="w-r"><xsl:with-param name="text"><xsl:call-template name="sme-heading"/><xsl:text> </xsl:text></xsl:with-param><xsl:with-param name="strong" select="true()"/></xsl:call-template>
        <xsl:call-template name="w-r"><xsl:with-param name="text"><xsl:call-template name="sme-text"/></xsl:with-param></xsl:call-template>
      </w:p>
      <xsl:if test="annex">
        <w:p>
          <w:pPr><w:pStyle w:val="Law"/></w:pPr>
          <xsl:for-each select="annex"><xsl:call-template name="w-link-here"/></xsl:for-each>
          <xsl:call-template name="w-r"><xsl:with-param name="text" select="concat(': ', annex/law)"/></xsl:call-template>
        </w:p>
      </xsl:if>
      <xsl:apply-templates select="point | sub | section"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="point | sub | section">
    <xsl:variable name="depth" select="count(ancestor::point | ancestor::sub | ancestor::section)"/>
    <xsl:variable name="heading">
      <xsl:text>Point </xsl:text><xsl:value-of select="substring-after(@label, 'point ')"/>
      <xsl:if test="$depth = 0">
        <xsl:text>: </xsl:text><xsl:value-of select="substring(law, 1, 90)"/>
        <xsl:if test="string-length(law) &gt; 90">…</xsl:if>
      </xsl:if>
    </xsl:variable>
    <xsl:call-template name="w-p">
      <xsl:with-param name="style" select="substring('Heading2Heading3', 1 + 8 * ($depth &gt; 0), 8)"/>
      <xsl:with-param name="text" select="$heading"/>
    </xsl:call-template>
    <w:p>
      <w:pPr><w:pStyle w:val="Law"/></w:pPr>
      <xsl:call-template name="w-r"><xsl:with-param name="text" select="concat(law, ' (')"/></xsl:call-template>
      <xsl:call-template name="w-link-here"/>
      <xsl:call-template name="w-r"><xsl:with-param name="text" select="')'"/></xsl:call-template>
    </w:p>
    <xsl:variable name="ref" select="@ref"/>
    <xsl:variable name="reg" select="string(@regulation)"/>
    <xsl:variable name="items" select="key('item-by-ref', $ref)[provision[@ref = $ref and string(@regulation) = $reg] or cite[@ref = $ref and string(@regulation) = $reg]]"/>
    <xsl:if test="cited-by or $items">
      <w:p>
        <w:pPr><w:pStyle w:val="Note"/></w:pPr>
        <xsl:for-each select="cited-by">
          <xsl:call-template name="w-r"><xsl:with-param name="text" select="substring('Cited by , ', 1 + 9 * (position() &gt; 1), 9 - 7 * (position() &gt; 1))"/></xsl:call-template>
          <xsl:call-template name="w-link-here"/>
        </xsl:for-each>
        <xsl:if test="$items">
          <xsl:if test="cited-by"><xsl:call-template name="w-r"><xsl:with-param name="text" select="'. '"/></xsl:call-template></xsl:if>
          <xsl:call-template name="w-r"><xsl:with-param name="text" select="'Checklist: '"/></xsl:call-template>
          <xsl:for-each select="$items">
            <xsl:if test="position() &gt; 1"><xsl:call-template name="w-r"><xsl:with-param name="text" select="', '"/></xsl:call-template></xsl:if>
            <xsl:call-template name="w-r"><xsl:with-param name="text" select="@id"/></xsl:call-template>
          </xsl:for-each>
        </xsl:if>
      </w:p>
    </xsl:if>
    <xsl:if test="contains($prefill-refs, concat(' ', @ref, ' '))">
      <xsl:variable name="known">
        <xsl:call-template name="prefill"><xsl:with-param name="ref" select="@ref"/></xsl:call-template>
      </xsl:variable>
      <xsl:if test="exsl:node-set($known)/line">
        <xsl:call-template name="w-p"><xsl:with-param name="style" select="'Note'"/><xsl:with-param name="text" select="'From the product description:'"/></xsl:call-template>
        <xsl:for-each select="exsl:node-set($known)/line">
          <xsl:call-template name="w-p"><xsl:with-param name="style" select="'Note'"/><xsl:with-param name="text" select="."/></xsl:call-template>
        </xsl:for-each>
      </xsl:if>
    </xsl:if>
    <xsl:if test="not(point | sub)">
      <xsl:variable name="q"><xsl:call-template name="point-qref"/></xsl:variable>
      <xsl:call-template name="w-sdt">
        <xsl:with-param name="tag" select="concat('regdoc:answer:', $q)"/>
        <xsl:with-param name="alias" select="concat('To be completed: ', @label)"/>
        <xsl:with-param name="values" select="key('answer-point', concat(@regulation, ' ', @ref))/p"/>
        <xsl:with-param name="placeholder" select="concat('To be completed by the ', $provider-word, ': ', @label)"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:apply-templates select="point | sub | section"/>
  </xsl:template>
</xsl:stylesheet>
