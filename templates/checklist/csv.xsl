<?xml version="1.0" encoding="UTF-8"?>
<!--
  checklist/csv.xsl - assessment.xml -> checklist.csv: one row per checklist item for
  trackers and spreadsheets (RFC 4180: comma-separated, CRLF line ends, a field with a
  comma, quote or line break in double quotes with its quotes doubled). A field that
  starts with = + - @ (or a tab or carriage return) is prefixed with ' so that no
  spreadsheet reads it as a formula. Columns: id, obligation, provision, recitals,
  applies from, status, evidence, responsible (the last three from the answers).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="common.xsl"/>
  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/assessment">
    <xsl:text>id,obligation,provision,recitals,applies from,status,evidence,responsible&#13;&#10;</xsl:text>
    <xsl:for-each select="checklist/group/item">
      <xsl:variable name="a" select="key('answer-item', @id)"/>
      <xsl:call-template name="csv-field"><xsl:with-param name="s" select="@id"/></xsl:call-template>
      <xsl:text>,</xsl:text>
      <xsl:call-template name="csv-field"><xsl:with-param name="s" select="concat(title, ': ', statement)"/></xsl:call-template>
      <xsl:text>,</xsl:text>
      <xsl:call-template name="csv-field"><xsl:with-param name="s" select="provision/@label"/></xsl:call-template>
      <xsl:text>,</xsl:text>
      <xsl:variable name="recitals">
        <xsl:for-each select="recital">
          <xsl:if test="position() &gt; 1">; </xsl:if>
          <xsl:value-of select="@label"/>
          <xsl:if test="@computed = 'yes'"> (computed)</xsl:if>
        </xsl:for-each>
      </xsl:variable>
      <xsl:call-template name="csv-field"><xsl:with-param name="s" select="$recitals"/></xsl:call-template>
      <xsl:text>,</xsl:text>
      <xsl:call-template name="csv-field"><xsl:with-param name="s" select="(@applies-from | provision/@applies-from)[1]"/></xsl:call-template>
      <xsl:text>,</xsl:text>
      <xsl:call-template name="csv-field"><xsl:with-param name="s" select="$a/@status"/></xsl:call-template>
      <xsl:text>,</xsl:text>
      <xsl:call-template name="csv-field"><xsl:with-param name="s" select="$a/evidence"/></xsl:call-template>
      <xsl:text>,</xsl:text>
      <xsl:call-template name="csv-field"><xsl:with-param name="s" select="$a/responsible"/></xsl:call-template>
      <xsl:text>&#13;&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>

  <!-- One field: the formula guard, then RFC 4180 quoting when needed. -->
  <xsl:template name="csv-field">
    <xsl:param name="s"/>
    <xsl:variable name="t" select="string($s)"/>
    <!-- a string, not a tree fragment: each test below would convert a fragment again -->
    <xsl:variable name="g" select="concat(substring(&quot;'&quot;, 1, number($t != '' and contains('=+-@&#9;&#13;', substring($t, 1, 1)))), $t)"/>
    <xsl:choose>
      <xsl:when test="contains($g, ',') or contains($g, '&quot;') or contains($g, '&#10;') or contains($g, '&#13;')">
        <xsl:text>"</xsl:text>
        <xsl:call-template name="csv-double"><xsl:with-param name="s" select="string($g)"/></xsl:call-template>
        <xsl:text>"</xsl:text>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$g"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template name="csv-double">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, '&quot;')">
        <xsl:value-of select="substring-before($s, '&quot;')"/>
        <xsl:text>""</xsl:text>
        <xsl:call-template name="csv-double"><xsl:with-param name="s" select="substring-after($s, '&quot;')"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
