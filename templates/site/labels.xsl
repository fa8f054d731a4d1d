<?xml version="1.0" encoding="UTF-8"?>
<!--
  labels.xsl - human labels and page links for graph ids ("Article 43(1)(a)",
  "Annex VII, point 4.6", "art-43.html#art-43.1.a"). Included by site.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- Characters an id may contain for it to become a link (anything else: no link). -->
  <xsl:variable name="id-chars" select="'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-'"/>

  <!-- The page (unit or chapter) holding an id: the part before the first dot. -->
  <xsl:template name="page-of">
    <xsl:param name="id"/>
    <xsl:value-of select="substring-before(concat($id, '.'), '.')"/>
  </xsl:template>

  <!-- href of an id, or nothing when the id is unsafe or unknown. -->
  <xsl:template name="href-of">
    <xsl:param name="id"/>
    <xsl:variable name="page" select="substring-before(concat($id, '.'), '.')"/>
    <xsl:if test="$id != '' and translate($id, $id-chars, '') = '' and key('page', $page) and key('node', $id)/parent::*">
      <xsl:value-of select="concat($page, '.html', substring(concat('#', $id), 1, ($id != $page) * 1000))"/>
    </xsl:if>
  </xsl:template>

  <!-- href of an id of another regulation of the library, from a page of this site
       (../../cra/site/art-12.html#art-12.3), or nothing when the library does not have
       the regulation or its graph not the id. -->
  <xsl:template name="lib-href-of">
    <xsl:param name="reg"/>
    <xsl:param name="id"/>
    <xsl:variable name="entry" select="$lib/regulation[@id = $reg]"/>
    <xsl:variable name="page" select="substring-before(concat($id, '.'), '.')"/>
    <xsl:if test="$entry and $reg != $self-id and $id != '' and translate(concat($reg, $id), $id-chars, '') = ''
                  and starts-with($entry/@site, concat($reg, '/'))">
      <xsl:for-each select="document($entry/@graph, $entry)">
        <xsl:if test="key('page', $page) and key('node', $id)/parent::*">
          <xsl:value-of select="concat($library-href, $entry/@site, $page, '.html',
                                       substring(concat('#', $id), 1, ($id != $page) * 1000))"/>
        </xsl:if>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- the href of id in version `version` of regulation reg when that version's pages
       are under its site's v/<version>/ (the versions document, site-versions.rng) and
       have it, else '': an amending act's citations of the text it made -->
  <xsl:template name="lib-version-href-of">
    <xsl:param name="reg"/>
    <xsl:param name="id"/>
    <xsl:param name="version"/>
    <xsl:variable name="entry" select="$lib/regulation[@id = $reg]"/>
    <xsl:variable name="page" select="substring-before(concat($id, '.'), '.')"/>
    <xsl:if test="$versions != '' and $entry and $reg != $self-id and $id != ''
                  and translate(concat($reg, $id), $id-chars, '') = ''
                  and starts-with($entry/@site, concat($reg, '/'))">
      <xsl:variable name="v" select="document($versions)/versions/regulation[@id = $reg]/version[@id = $version][@href]"/>
      <xsl:for-each select="$v">
        <xsl:variable name="href" select="string(@href)"/>
        <xsl:for-each select="document(@graph, .)">
          <xsl:if test="key('page', $page) and key('node', $id)/parent::*">
            <xsl:value-of select="concat($library-href, $entry/@site, $href, $page, '.html',
                                         substring(concat('#', $id), 1, ($id != $page) * 1000))"/>
          </xsl:if>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- ===================================================== labels (mode label) -->
  <xsl:template match="recital" mode="label">
    <xsl:value-of select="concat('Recital ', @n)"/>
  </xsl:template>
  <xsl:template match="article" mode="label">
    <xsl:value-of select="concat('Article ', @n)"/>
  </xsl:template>
  <xsl:template match="annex" mode="label">
    <xsl:value-of select="concat('Annex ', @number)"/>
  </xsl:template>
  <xsl:template match="contents/chapter" mode="label">
    <xsl:value-of select="concat('Chapter ', @number)"/>
  </xsl:template>
  <xsl:template match="contents/chapter/section" mode="label">
    <xsl:value-of select="concat('Chapter ', ../@number, ', Section ', @number)"/>
  </xsl:template>

  <xsl:template match="para" mode="label">
    <xsl:apply-templates select=".." mode="label"/>
    <xsl:value-of select="concat('(', @n, ')')"/>
  </xsl:template>

  <xsl:template match="sub" mode="label">
    <xsl:apply-templates select=".." mode="label"/>
    <xsl:value-of select="concat(', subparagraph ', @n)"/>
  </xsl:template>

  <!-- points in articles and recitals: Article 43(1)(a), Article 3(1) -->
  <xsl:template match="point" mode="label">
    <xsl:apply-templates select=".." mode="label"/>
    <xsl:choose>
      <xsl:when test="parent::sub">
        <xsl:value-of select="concat(', point (', @label, ')')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat('(', @label, ')')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- points in annexes: Annex VII, point 4.6; Annex III, point 1(a) -->
  <xsl:template match="annex//point" mode="label">
    <xsl:choose>
      <xsl:when test="parent::section[@kind != 'numbered']">
        <xsl:apply-templates select=".." mode="label"/>
        <xsl:value-of select="concat(', point ', @label)"/>
      </xsl:when>
      <xsl:when test="parent::annex or parent::section">
        <xsl:apply-templates select="ancestor::annex[1]" mode="label"/>
        <xsl:value-of select="concat(', point ', @label)"/>
      </xsl:when>
      <xsl:when test="parent::sub">
        <xsl:apply-templates select=".." mode="label"/>
        <xsl:value-of select="concat(', point (', @label, ')')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select=".." mode="label"/>
        <xsl:value-of select="concat('(', @label, ')')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="annex//section" mode="label">
    <xsl:apply-templates select="ancestor::annex[1]" mode="label"/>
    <xsl:text>, </xsl:text>
    <xsl:call-template name="section-name"/>
  </xsl:template>

  <xsl:template match="*" mode="label">
    <xsl:value-of select="@id"/>
  </xsl:template>

  <!-- "Section A", "Part I", "point 4" (annex sections; context: the section) -->
  <xsl:template name="section-name">
    <xsl:choose>
      <xsl:when test="@kind = 'numbered'">
        <xsl:value-of select="concat('point ', @label)"/>
      </xsl:when>
      <xsl:when test="@kind = 'part' and not(starts-with(@label, 'Part'))">
        <xsl:value-of select="concat('Part ', @label)"/>
      </xsl:when>
      <xsl:when test="@kind = 'section' and not(starts-with(@label, 'Section'))">
        <xsl:value-of select="concat('Section ', @label)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="@label"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The heading of a unit page or a contents entry: "Article 43" + title -->
  <xsl:template match="recital|article|annex" mode="title">
    <xsl:apply-templates select="." mode="label"/>
    <xsl:if test="normalize-space(@title) != ''">
      <xsl:value-of select="concat(': ', @title)"/>
    </xsl:if>
  </xsl:template>

  <!-- "2026-07-27" as "27 July 2026" -->
  <xsl:template name="date-long">
    <xsl:param name="d"/>
    <xsl:variable name="m" select="number(substring($d, 6, 2))"/>
    <xsl:value-of select="concat(number(substring($d, 9, 2)), ' ')"/>
    <xsl:value-of select="substring-before(substring-after(
        '|1January|2February|3March|4April|5May|6June|7July|8August|9September|10October|11November|12December|',
        concat('|', $m)), '|')"/>
    <xsl:value-of select="concat(' ', substring($d, 1, 4))"/>
  </xsl:template>

</xsl:stylesheet>
