<?xml version="1.0" encoding="UTF-8"?>
<!--
  checklist/fodt.xsl - assessment.xml -> checklist.fodt (Flat OpenDocument text: one XML
  file that LibreOffice and Word open and edit). Status, evidence and responsible
  person are empty cells to fill in.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    xmlns:xlink="http://www.w3.org/1999/xlink"
    exclude-result-prefixes="">
  <xsl:import href="common.xsl"/>
  <xsl:import href="fodt-common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:template match="/assessment">
    <xsl:call-template name="fodt-document">
      <xsl:with-param name="title">Conformity checklist: <xsl:value-of select="product/name"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="/assessment" mode="fodt-body">
        <text:p text:style-name="Title">Conformity checklist: <xsl:value-of select="product/name"/></text:p>
        <text:p text:style-name="Note">Version <xsl:value-of select="product/version"/> · <xsl:value-of select="$provider-word"/><xsl:text> </xsl:text><xsl:value-of select="product/provider"/> · <xsl:value-of select="$regulation-name"/> · product description <xsl:value-of select="product/@src"/> · <xsl:value-of select="@generator"/></text:p>
        <text:p text:style-name="Text_20_body"><text:span text:style-name="Strong">Intended purpose: </text:span><xsl:value-of select="product/intended-purpose"/></text:p>

        <text:h text:style-name="Heading_20_1" text:outline-level="1">Result</text:h>
        <xsl:if test="law[1]">
          <text:p text:style-name="Text_20_body"><text:span text:style-name="Strong">Version of the law: </text:span><xsl:call-template name="law-text"/><xsl:if test="law[1]/@href"> · <text:a xlink:type="simple" xlink:href="{law[1]/@href}">EUR-Lex</text:a></xsl:if></text:p>
        </xsl:if>
        <xsl:for-each select="conclusions/conclusion">
          <text:p text:style-name="Text_20_body"><text:span text:style-name="Strong"><xsl:value-of select="@name"/>: </text:span><xsl:value-of select="@label"/></text:p>
        </xsl:for-each>
        <xsl:for-each select="notices/notice">
          <text:p text:style-name="Warning"><text:span text:style-name="Strong"><xsl:value-of select="@level"/>: </text:span><xsl:value-of select="."/></text:p>
        </xsl:for-each>

        <text:h text:style-name="Heading_20_1" text:outline-level="1">Why: the decision trace</text:h>
        <xsl:for-each select="trace/step">
          <text:p text:style-name="Text_20_body">
            <text:span text:style-name="Strong"><xsl:value-of select="@n"/>. <xsl:value-of select="@decision-title"/></text:span>
            <xsl:text> (rule </xsl:text><text:span text:style-name="Code"><xsl:value-of select="@rule"/></text:span><xsl:text>): </xsl:text>
            <xsl:value-of select="because"/>
            <xsl:if test="cite">
              <text:line-break/><xsl:text>Provisions: </xsl:text>
              <xsl:for-each select="cite">
                <xsl:if test="position() &gt; 1">, </xsl:if>
                <text:a xlink:type="simple" xlink:href="{@href}"><xsl:value-of select="@label"/></text:a>
              </xsl:for-each>
            </xsl:if>
            <xsl:if test="used">
              <text:line-break/><xsl:text>Facts: </xsl:text>
              <xsl:for-each select="used">
                <xsl:if test="position() &gt; 1">; </xsl:if>
                <text:span text:style-name="Code"><xsl:value-of select="@fact"/></text:span>
                <xsl:text> = </xsl:text>
                <xsl:choose>
                  <xsl:when test="@value"><xsl:value-of select="@value"/></xsl:when>
                  <xsl:otherwise>not stated</xsl:otherwise>
                </xsl:choose>
                <xsl:if test="@line"> (line <xsl:value-of select="@line"/>)</xsl:if>
              </xsl:for-each>
            </xsl:if>
          </text:p>
        </xsl:for-each>

        <text:h text:style-name="Heading_20_1" text:outline-level="1">Checklist</text:h>
        <xsl:if test="not(checklist/group)">
          <text:p text:style-name="Text_20_body">No obligation of the <xsl:value-of select="$regulation-name"/> applies to this product.</text:p>
        </xsl:if>
        <xsl:for-each select="checklist/group">
          <text:h text:style-name="Heading_20_2" text:outline-level="2"><xsl:value-of select="@title"/></text:h>
          <xsl:if test="intro"><text:p text:style-name="Text_20_body"><xsl:value-of select="intro"/></text:p></xsl:if>
          <table:table table:name="group-{@id}" table:style-name="Grid">
            <table:table-column table:style-name="Grid.A"/>
            <table:table-column table:style-name="Grid.B"/>
            <table:table-column table:style-name="Grid.C"/>
            <table:table-column table:style-name="Grid.D"/>
            <table:table-column table:style-name="Grid.E"/>
            <table:table-column table:style-name="Grid.F"/>
            <table:table-column table:style-name="Grid.G"/>
            <table:table-header-rows>
              <table:table-row>
                <table:table-cell table:style-name="HeadCell" office:value-type="string"><text:p text:style-name="Table_20_Heading">Item</text:p></table:table-cell>
                <table:table-cell table:style-name="HeadCell" office:value-type="string"><text:p text:style-name="Table_20_Heading">What to do</text:p></table:table-cell>
                <table:table-cell table:style-name="HeadCell" office:value-type="string"><text:p text:style-name="Table_20_Heading">Provision</text:p></table:table-cell>
                <table:table-cell table:style-name="HeadCell" office:value-type="string"><text:p text:style-name="Table_20_Heading">Recitals</text:p></table:table-cell>
                <table:table-cell table:style-name="HeadCell" office:value-type="string"><text:p text:style-name="Table_20_Heading">Status</text:p></table:table-cell>
                <table:table-cell table:style-name="HeadCell" office:value-type="string"><text:p text:style-name="Table_20_Heading">Evidence</text:p></table:table-cell>
                <table:table-cell table:style-name="HeadCell" office:value-type="string"><text:p text:style-name="Table_20_Heading">Responsible</text:p></table:table-cell>
              </table:table-row>
            </table:table-header-rows>
            <xsl:for-each select="item">
              <table:table-row>
                <table:table-cell table:style-name="Cell" office:value-type="string">
                  <text:p text:style-name="Table_20_Contents"><text:span text:style-name="Code"><xsl:value-of select="@id"/></text:span></text:p>
                </table:table-cell>
                <table:table-cell table:style-name="Cell" office:value-type="string">
                  <text:p text:style-name="Table_20_Contents"><text:span text:style-name="Strong"><xsl:value-of select="title"/></text:span></text:p>
                  <text:p text:style-name="Table_20_Contents"><xsl:value-of select="statement"/></text:p>
                </table:table-cell>
                <table:table-cell table:style-name="Cell" office:value-type="string">
                  <text:p text:style-name="Table_20_Contents"><text:a xlink:type="simple" xlink:href="{provision/@href}"><xsl:value-of select="provision/@label"/></text:a></text:p>
                  <xsl:if test="applies">
                    <text:p text:style-name="Table_20_Contents">Applies from <xsl:call-template name="applies-text"/></text:p>
                  </xsl:if>
                  <xsl:if test="cite">
                    <text:p text:style-name="Table_20_Contents">See also:
                      <xsl:for-each select="cite">
                        <xsl:if test="position() &gt; 1">, </xsl:if>
                        <text:a xlink:type="simple" xlink:href="{@href}"><xsl:value-of select="@label"/></text:a>
                      </xsl:for-each>
                    </text:p>
                  </xsl:if>
                </table:table-cell>
                <table:table-cell table:style-name="Cell" office:value-type="string">
                  <text:p text:style-name="Table_20_Contents">
                    <xsl:for-each select="recital">
                      <xsl:if test="position() &gt; 1">, </xsl:if>
                      <text:a xlink:type="simple" xlink:href="{@href}"><xsl:value-of select="@label"/></text:a>
                      <xsl:if test="@computed = 'yes'"> (computed)</xsl:if>
                    </xsl:for-each>
                  </text:p>
                </table:table-cell>
                <xsl:call-template name="fodt-item-fields"/>
              </table:table-row>
            </xsl:for-each>
          </table:table>
        </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
