<?xml version="1.0" encoding="UTF-8"?>
<!--
  docx/checklist.xsl - assessment.xml -> checklist.docx (as a package description that
  regdoc zips; docx/common.xsl): the result, the decision trace and every checklist item
  in a landscape table whose status, evidence and responsible cells are content controls.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:pkg="urn:x-regdoc:package"
    xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <xsl:import href="../checklist/common.xsl"/>
  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8"/>

  <xsl:template match="/assessment">
    <xsl:call-template name="docx-package">
      <xsl:with-param name="title" select="concat('Conformity checklist: ', product/name)"/>
      <xsl:with-param name="landscape" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="/assessment" mode="docx-body">
    <xsl:call-template name="w-p"><xsl:with-param name="style" select="'Heading1'"/><xsl:with-param name="text" select="'Result'"/></xsl:call-template>
    <xsl:call-template name="w-p"><xsl:with-param name="text" select="concat('Intended purpose: ', product/intended-purpose)"/></xsl:call-template>
    <xsl:for-each select="conclusions/conclusion">
      <w:p>
        <xsl:call-template name="w-r"><xsl:with-param name="text" select="concat(@name, ': ')"/><xsl:with-param name="strong" select="true()"/></xsl:call-template>
        <xsl:call-template name="w-r"><xsl:with-param name="text" select="@label"/></xsl:call-template>
      </w:p>
    </xsl:for-each>
    <xsl:for-each select="notices/notice">
      <xsl:call-template name="w-p"><xsl:with-param name="style" select="'Warning'"/><xsl:with-param name="text" select="concat(@level, ': ', .)"/></xsl:call-template>
    </xsl:for-each>

    <xsl:call-template name="w-p"><xsl:with-param name="style" select="'Heading1'"/><xsl:with-param name="text" select="'Why: the decision trace'"/></xsl:call-template>
    <xsl:for-each select="trace/step">
      <w:p>
        <xsl:call-template name="w-r"><xsl:with-param name="text" select="concat(@n, '. ', @decision-title, ': ')"/><xsl:with-param name="strong" select="true()"/></xsl:call-template>
        <xsl:call-template name="w-r"><xsl:with-param name="text" select="because"/></xsl:call-template>
        <xsl:for-each select="cite">
          <xsl:call-template name="w-r"><xsl:with-param name="text" select="substring(' (', 1 + 2 * (position() &gt; 1), 2)"/></xsl:call-template>
          <xsl:if test="position() &gt; 1"><xsl:call-template name="w-r"><xsl:with-param name="text" select="', '"/></xsl:call-template></xsl:if>
          <xsl:call-template name="w-link-here"/>
          <xsl:if test="position() = last()"><xsl:call-template name="w-r"><xsl:with-param name="text" select="')'"/></xsl:call-template></xsl:if>
        </xsl:for-each>
      </w:p>
    </xsl:for-each>

    <xsl:call-template name="w-p"><xsl:with-param name="style" select="'Heading1'"/><xsl:with-param name="text" select="'Checklist'"/></xsl:call-template>
    <xsl:if test="not(checklist/group)">
      <xsl:call-template name="w-p"><xsl:with-param name="text" select="concat('No obligation of the ', $regulation-name, ' applies to this product.')"/></xsl:call-template>
    </xsl:if>
    <xsl:for-each select="checklist/group">
      <xsl:call-template name="w-p"><xsl:with-param name="style" select="'Heading2'"/><xsl:with-param name="text" select="@title"/></xsl:call-template>
      <xsl:if test="intro">
        <xsl:call-template name="w-p"><xsl:with-param name="text" select="intro"/></xsl:call-template>
      </xsl:if>
      <w:tbl>
        <!-- 14570 twips: the fill-in columns (status, evidence, responsible) get 5570 -->
        <xsl:call-template name="w-table-start"><xsl:with-param name="widths" select="'1300 3700 2300 1700 1300 2570 1700'"/></xsl:call-template>
        <w:tr>
          <w:trPr><w:tblHeader/></w:trPr>
          <xsl:call-template name="w-cell"><xsl:with-param name="text" select="'Id'"/><xsl:with-param name="head" select="true()"/></xsl:call-template>
          <xsl:call-template name="w-cell"><xsl:with-param name="text" select="'Obligation'"/><xsl:with-param name="head" select="true()"/></xsl:call-template>
          <xsl:call-template name="w-cell"><xsl:with-param name="text" select="'Provision'"/><xsl:with-param name="head" select="true()"/></xsl:call-template>
          <xsl:call-template name="w-cell"><xsl:with-param name="text" select="'Recitals'"/><xsl:with-param name="head" select="true()"/></xsl:call-template>
          <xsl:call-template name="w-cell"><xsl:with-param name="text" select="'Status'"/><xsl:with-param name="head" select="true()"/></xsl:call-template>
          <xsl:call-template name="w-cell"><xsl:with-param name="text" select="'Evidence'"/><xsl:with-param name="head" select="true()"/></xsl:call-template>
          <xsl:call-template name="w-cell"><xsl:with-param name="text" select="'Responsible'"/><xsl:with-param name="head" select="true()"/></xsl:call-template>
        </w:tr>
        <xsl:for-each select="item">
          <xsl:variable name="a" select="key('answer-item', @id)"/>
          <w:tr>
            <w:trPr><w:cantSplit/></w:trPr>
            <xsl:call-template name="w-cell"><xsl:with-param name="text" select="@id"/></xsl:call-template>
            <w:tc>
              <w:p><w:pPr><w:pStyle w:val="TableContents"/></w:pPr><xsl:call-template name="w-r"><xsl:with-param name="text" select="title"/><xsl:with-param name="strong" select="true()"/></xsl:call-template></w:p>
              <xsl:call-template name="w-p"><xsl:with-param name="style" select="'TableContents'"/><xsl:with-param name="text" select="statement"/></xsl:call-template>
            </w:tc>
            <w:tc>
              <w:p>
                <w:pPr><w:pStyle w:val="TableContents"/></w:pPr>
                <xsl:for-each select="provision"><xsl:call-template name="w-link-here"/></xsl:for-each>
                <xsl:for-each select="cite">
                  <xsl:call-template name="w-r"><xsl:with-param name="text" select="substring('; see also , ', 1 + 11 * (position() &gt; 1), 11 - 9 * (position() &gt; 1))"/></xsl:call-template>
                  <xsl:call-template name="w-link-here"/>
                </xsl:for-each>
              </w:p>
            </w:tc>
            <w:tc>
              <w:p>
                <w:pPr><w:pStyle w:val="TableContents"/></w:pPr>
                <xsl:for-each select="recital">
                  <xsl:if test="position() &gt; 1"><xsl:call-template name="w-r"><xsl:with-param name="text" select="', '"/></xsl:call-template></xsl:if>
                  <xsl:call-template name="w-link-here"/>
                  <xsl:if test="@computed = 'yes'"><xsl:call-template name="w-r"><xsl:with-param name="text" select="' (computed)'"/></xsl:call-template></xsl:if>
                </xsl:for-each>
              </w:p>
            </w:tc>
            <w:tc>
              <xsl:call-template name="w-sdt">
                <xsl:with-param name="tag" select="concat('regdoc:status:', @id)"/>
                <xsl:with-param name="alias" select="concat('Status of ', @id, ': open, in-progress, done or not-applicable')"/>
                <xsl:with-param name="values" select="$a/@status"/>
                <xsl:with-param name="style" select="'TableContents'"/>
                <xsl:with-param name="placeholder" select="'open / in-progress / done / not-applicable'"/>
              </xsl:call-template>
            </w:tc>
            <w:tc>
              <xsl:call-template name="w-sdt">
                <xsl:with-param name="tag" select="concat('regdoc:evidence:', @id)"/>
                <xsl:with-param name="alias" select="concat('Evidence for ', @id)"/>
                <xsl:with-param name="values" select="$a/evidence"/>
                <xsl:with-param name="style" select="'TableContents'"/>
                <xsl:with-param name="placeholder" select="'Evidence'"/>
              </xsl:call-template>
            </w:tc>
            <w:tc>
              <xsl:call-template name="w-sdt">
                <xsl:with-param name="tag" select="concat('regdoc:responsible:', @id)"/>
                <xsl:with-param name="alias" select="concat('Responsible for ', @id)"/>
                <xsl:with-param name="values" select="$a/responsible"/>
                <xsl:with-param name="style" select="'TableContents'"/>
                <xsl:with-param name="placeholder" select="'Who'"/>
              </xsl:call-template>
            </w:tc>
          </w:tr>
        </xsl:for-each>
      </w:tbl>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
