<?xml version="1.0" encoding="UTF-8"?>
<!--
  diff/text.xsl - diff.xml (templates/schema/diff.rng) -> the text report of `regdoc diff`
  (stdout, and diff.txt with -o). A changed text is shown word by word, [-deleted-] and
  {+inserted+}, with long unchanged stretches shortened to their ends; added and removed
  texts are shown whole after + and -. doc/diff.md.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:variable name="nl" select="'&#10;'"/>
  <!-- words kept on each side of an unchanged stretch -->
  <xsl:variable name="context" select="6"/>

  <xsl:template match="/diff">
    <xsl:value-of select="concat('regdoc diff: ', @old, ' -> ', @new, $nl)"/>
    <xsl:apply-templates select="regulation"/>
    <xsl:for-each select="only-in">
      <xsl:value-of select="concat($nl, 'Only in the ', @side, ' version: ', @id, ' (', @dir, ')', $nl)"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="regulation">
    <xsl:variable name="s" select="summary"/>
    <xsl:value-of select="concat($nl, @id)"/>
    <xsl:if test="@title"><xsl:value-of select="concat(' (', @title, ')')"/></xsl:if>
    <xsl:value-of select="concat(': ', $s/@units-changed, ' units changed, ', $s/@units-added, ' added, ',
                                 $s/@units-removed, ' removed; ', $s/@elements-changed,
                                 ' paragraphs, points or sections changed, ', $s/@elements-added,
                                 ' added, ', $s/@elements-removed, ' removed', $nl)"/>
    <xsl:if test="@new-version">
      <xsl:value-of select="concat('  versions ', @old-version, ' -> ', @new-version, ': ', $s/@amendments,
                                   ' amendments (rows of the amendment tables, per element named); ',
                                   $s/@elements-amended, ' elements amended with the same words', $nl)"/>
    </xsl:if>
    <xsl:if test="not(unit)">
      <xsl:value-of select="concat('  The text is the same.', $nl)"/>
    </xsl:if>
    <xsl:apply-templates select="unit"/>
    <xsl:apply-templates select="products"/>
  </xsl:template>

  <xsl:template match="unit">
    <xsl:value-of select="concat($nl, '  ', @change, ' ', @label)"/>
    <xsl:if test="@title"><xsl:value-of select="concat(': ', @title)"/></xsl:if>
    <xsl:value-of select="concat(' [', @id, ']', $nl)"/>
    <xsl:if test="@elements &gt; 0">
      <xsl:value-of select="concat('    (', @elements, ' paragraphs, points or sections ', @change, ')', $nl)"/>
    </xsl:if>
    <xsl:apply-templates select="amendment"><xsl:with-param name="indent" select="'    '"/></xsl:apply-templates>
    <xsl:apply-templates select="old | new"/>
    <xsl:apply-templates select="element"/>
  </xsl:template>

  <!-- what amended it (regdoc diff of one folder's versions): "replaced by Regulation
       (EU) 2026/1744, Article 1, point (19)" -->
  <xsl:template match="amendment">
    <xsl:param name="indent" select="'      '"/>
    <xsl:value-of select="concat($indent, '  ')"/>
    <xsl:if test="@element"><xsl:value-of select="concat(@element, ': ')"/></xsl:if>
    <xsl:if test="@part"><xsl:value-of select="concat('its ', @part, ' ')"/></xsl:if>
    <xsl:value-of select="concat(@action, ' by ', @act, ', ', @label, ' (', @src, ':', @line, ')', $nl)"/>
  </xsl:template>

  <xsl:template match="element">
    <xsl:value-of select="concat('    ', @change, ' ', @label, ' [', @id, ']', $nl)"/>
    <xsl:apply-templates select="amendment"/>
    <xsl:for-each select="title">
      <xsl:value-of select="concat('      title: ', @old, ' -> ', @new, $nl)"/>
    </xsl:for-each>
    <xsl:choose>
      <xsl:when test="words">
        <xsl:text>      </xsl:text>
        <xsl:apply-templates select="words/*"/>
        <xsl:value-of select="$nl"/>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates select="old | new"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="unit/old | element/old">
    <xsl:value-of select="concat('      - ', ., $nl)"/>
  </xsl:template>
  <xsl:template match="unit/new | element/new">
    <xsl:value-of select="concat('      + ', ., $nl)"/>
  </xsl:template>

  <xsl:template match="words/del">
    <xsl:if test="preceding-sibling::*"><xsl:text> </xsl:text></xsl:if>
    <xsl:value-of select="concat('[-', ., '-]')"/>
  </xsl:template>
  <xsl:template match="words/ins">
    <xsl:if test="preceding-sibling::*"><xsl:text> </xsl:text></xsl:if>
    <xsl:value-of select="concat('{+', ., '+}')"/>
  </xsl:template>
  <!-- an unchanged stretch: its ends next to the changes -->
  <xsl:template match="words/same">
    <xsl:variable name="n" select="string-length(.) - string-length(translate(., ' ', '')) + 1"/>
    <xsl:variable name="first" select="not(preceding-sibling::*)"/>
    <xsl:variable name="last" select="not(following-sibling::*)"/>
    <xsl:if test="not($first)"><xsl:text> </xsl:text></xsl:if>
    <xsl:choose>
      <xsl:when test="$first and $last"><xsl:value-of select="."/></xsl:when>
      <xsl:when test="$first and $n &gt; $context">
        <xsl:text>… </xsl:text>
        <xsl:call-template name="skip-words">
          <xsl:with-param name="s" select="."/>
          <xsl:with-param name="k" select="$n - $context"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$last and $n &gt; $context">
        <xsl:call-template name="first-words">
          <xsl:with-param name="s" select="."/>
          <xsl:with-param name="k" select="$context"/>
        </xsl:call-template>
        <xsl:text> …</xsl:text>
      </xsl:when>
      <xsl:when test="not($first) and not($last) and $n &gt; 2 * $context">
        <xsl:call-template name="first-words">
          <xsl:with-param name="s" select="."/>
          <xsl:with-param name="k" select="$context"/>
        </xsl:call-template>
        <xsl:text> … </xsl:text>
        <xsl:call-template name="skip-words">
          <xsl:with-param name="s" select="."/>
          <xsl:with-param name="k" select="$n - $context"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="first-words">
    <xsl:param name="s"/>
    <xsl:param name="k"/>
    <xsl:if test="$k &gt; 0 and $s != ''">
      <xsl:value-of select="substring-before(concat($s, ' '), ' ')"/>
      <xsl:if test="$k &gt; 1 and contains($s, ' ')">
        <xsl:text> </xsl:text>
        <xsl:call-template name="first-words">
          <xsl:with-param name="s" select="substring-after($s, ' ')"/>
          <xsl:with-param name="k" select="$k - 1"/>
        </xsl:call-template>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <xsl:template name="skip-words">
    <xsl:param name="s"/>
    <xsl:param name="k"/>
    <xsl:choose>
      <xsl:when test="$k &gt; 0 and contains($s, ' ')">
        <xsl:call-template name="skip-words">
          <xsl:with-param name="s" select="substring-after($s, ' ')"/>
          <xsl:with-param name="k" select="$k - 1"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== the example products ===== -->
  <xsl:template match="products">
    <xsl:value-of select="concat($nl, '  Example products (each assessed with its own version: graph and rules):', $nl)"/>
    <xsl:for-each select="product">
      <xsl:value-of select="concat('    ', @id)"/>
      <xsl:if test="@name"><xsl:value-of select="concat(' (', @name, ')')"/></xsl:if>
      <xsl:text>: </xsl:text>
      <xsl:choose>
        <xsl:when test="@change = 'none'">no change</xsl:when>
        <xsl:when test="@change = 'route'">the route changes</xsl:when>
        <xsl:when test="@change = 'checklist'">the checklist changes</xsl:when>
        <xsl:when test="@change = 'fails'">cannot be assessed under both versions</xsl:when>
        <xsl:when test="@change = 'added'">new in the new version</xsl:when>
        <xsl:otherwise>gone from the new version</xsl:otherwise>
      </xsl:choose>
      <xsl:value-of select="$nl"/>
      <xsl:for-each select="conclusion">
        <xsl:value-of select="concat('      ', @title, ' [', @name, ']: ')"/>
        <xsl:choose>
          <xsl:when test="@old-label != ''"><xsl:value-of select="@old-label"/></xsl:when>
          <xsl:otherwise>(none)</xsl:otherwise>
        </xsl:choose>
        <xsl:text> -> </xsl:text>
        <xsl:choose>
          <xsl:when test="@new-label != ''"><xsl:value-of select="@new-label"/></xsl:when>
          <xsl:otherwise>(none)</xsl:otherwise>
        </xsl:choose>
        <xsl:value-of select="$nl"/>
      </xsl:for-each>
      <xsl:for-each select="item">
        <xsl:value-of select="concat('      item ', @id)"/>
        <xsl:if test="@label"><xsl:value-of select="concat(' (', @label, ')')"/></xsl:if>
        <xsl:text>: </xsl:text>
        <xsl:choose>
          <xsl:when test="@change = 'added'">added</xsl:when>
          <xsl:when test="@change = 'removed'">removed</xsl:when>
          <xsl:when test="@change = 'law-changed'">the law's text of its provision changed</xsl:when>
          <xsl:when test="@change = 'statement-changed'">its statement changed</xsl:when>
          <xsl:otherwise>a provision it rests on changed</xsl:otherwise>
        </xsl:choose>
        <xsl:if test="@refs"><xsl:value-of select="concat(' (', @refs, ')')"/></xsl:if>
        <xsl:value-of select="$nl"/>
      </xsl:for-each>
      <xsl:for-each select="error">
        <xsl:value-of select="concat('      under the ', @side, ' version: ', ., $nl)"/>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
