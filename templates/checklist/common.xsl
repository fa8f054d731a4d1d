<?xml version="1.0" encoding="UTF-8"?>
<!--
  common.xsl - shared by the checklist and Annex IV stylesheets (HTML, Markdown, FODT).
  Input: assessment.xml (templates/schema/assessment.rng). No other document is read.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="answers.xsl"/>

  <xsl:variable name="product" select="/assessment/product"/>
  <xsl:variable name="site-base" select="/assessment/@site-base"/>
  <!-- A page of a regulation's site under base: base + PAGE.html; a base ending in '#' is
       the regulation's text on EUR-Lex (assessed without a site, engine.c eurlex_base),
       which has no such pages: the document itself. -->
  <xsl:template name="site-page">
    <xsl:param name="base"/>
    <xsl:param name="page"/>
    <xsl:choose>
      <xsl:when test="substring($base, string-length($base)) = '#'">
        <xsl:value-of select="substring($base, 1, string-length($base) - 1)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="concat($base, $page, '.html')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The label of a conclusion (empty when not concluded). -->
  <xsl:template name="conclusion">
    <xsl:param name="name"/>
    <xsl:for-each select="/assessment/conclusions/conclusion[@name = $name]">
      <xsl:if test="position() &gt; 1">; </xsl:if>
      <xsl:value-of select="@label"/>
    </xsl:for-each>
  </xsl:template>

  <!-- The version of the law the product was assessed under, in words (assessment
       <law>; doc/product.md, "Which version of the law"). -->
  <xsl:template name="law-text">
    <xsl:variable name="law" select="/assessment/law[1]"/>
    <xsl:value-of select="$law/@title"/>
    <xsl:choose>
      <xsl:when test="$law/@version">
        <xsl:if test="$law/@label">: <xsl:value-of select="$law/@label"/></xsl:if>
        <xsl:text>, the text in force from </xsl:text><xsl:value-of select="$law/@applies-from"/>
        <xsl:text> (version </xsl:text><xsl:value-of select="$law/@version"/>
        <xsl:if test="$law/@celex">, CELEX <xsl:value-of select="$law/@celex"/></xsl:if>
        <xsl:text>), chosen </xsl:text>
        <xsl:choose>
          <xsl:when test="$law/@chosen-by = 'as-of'">as in force on <xsl:value-of select="$law/@date"/> (--as-of)</xsl:when>
          <xsl:when test="$law/@chosen-by = 'placing-on-market'">as in force on the date the product is placed on the market or put into service, <xsl:value-of select="$law/@date"/></xsl:when>
          <xsl:otherwise>as the latest version (no date given)</xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="$law/@celex"> (CELEX <xsl:value-of select="$law/@celex"/>)</xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- From when an item's obligation applies, in words (item <applies>), or empty. -->
  <xsl:template name="applies-text">
    <xsl:param name="item" select="."/>
    <xsl:for-each select="$item/applies">
      <xsl:if test="position() &gt; 1">; </xsl:if>
      <xsl:value-of select="@from"/>
      <xsl:if test="@label"> (<xsl:value-of select="@label"/>)</xsl:if>
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

  <!-- Markdown: escape the characters that would start markup inside running text: a
       backslash before each of \ ` * _ [ ] < > | #. Linear in the text: the text is
       split at each occurrence of each character (contains, substring-before/-after),
       never walked a character at a time. Most strings have none of them: the test
       then is all the work, so the string is converted once ($t; each contains() of
       the node-set $s would copy its text again). -->
  <xsl:template name="md-escape">
    <xsl:param name="s"/>
    <xsl:variable name="t" select="string($s)"/>
    <xsl:choose>
      <xsl:when test="not(contains($t, '\') or contains($t, '`') or contains($t, '*') or
                          contains($t, '_') or contains($t, '[') or contains($t, ']') or
                          contains($t, '&lt;') or contains($t, '&gt;') or contains($t, '|') or
                          contains($t, '#'))">
        <xsl:value-of select="$t"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="md-escape-chars">
          <xsl:with-param name="s" select="$t"/>
          <xsl:with-param name="chars" select="'\`*_[]&lt;&gt;|#'"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- $s with every character of $chars escaped -->
  <xsl:template name="md-escape-chars">
    <xsl:param name="s"/>
    <xsl:param name="chars"/>
    <xsl:variable name="c" select="substring($chars, 1, 1)"/>
    <xsl:choose>
      <xsl:when test="$c = ''"><xsl:value-of select="$s"/></xsl:when>
      <xsl:when test="contains($s, $c)">
        <xsl:call-template name="md-escape-chars">
          <xsl:with-param name="s" select="substring-before($s, $c)"/>
          <xsl:with-param name="chars" select="substring($chars, 2)"/>
        </xsl:call-template>
        <xsl:text>\</xsl:text>
        <xsl:value-of select="$c"/>
        <xsl:call-template name="md-escape-chars">
          <xsl:with-param name="s" select="substring-after($s, $c)"/>
          <xsl:with-param name="chars" select="$chars"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="md-escape-chars">
          <xsl:with-param name="s" select="$s"/>
          <xsl:with-param name="chars" select="substring($chars, 2)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Markdown code span of any string: the string on one line (a line break inside a
       code span could start a block: an HTML block, a heading), fenced by a run of
       backticks longer than any run in it, padded with a space on each side when it
       holds a backtick (CommonMark 6.1: the padding is stripped, the text shown as is).
       A file name or an id with a backtick cannot end the span early. -->
  <xsl:template name="md-code">
    <xsl:param name="s"/>
    <xsl:variable name="t" select="translate(string($s), '&#10;&#13;', '  ')"/>
    <xsl:choose>
      <xsl:when test="not(contains($t, '`'))">
        <xsl:text>`</xsl:text><xsl:value-of select="$t"/><xsl:text>`</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="fence">
          <xsl:call-template name="md-fence"><xsl:with-param name="s" select="$t"/></xsl:call-template>
        </xsl:variable>
        <xsl:value-of select="concat($fence, ' ', $t, ' ', $fence)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- The shortest run of backticks that $s does not contain (so longer than any in it). -->
  <xsl:template name="md-fence">
    <xsl:param name="s"/>
    <xsl:param name="f" select="'`'"/>
    <xsl:choose>
      <xsl:when test="contains($s, $f)">
        <xsl:call-template name="md-fence">
          <xsl:with-param name="s" select="$s"/>
          <xsl:with-param name="f" select="concat($f, '`')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$f"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Text inside an HTML comment (<!- - text - ->): every "- -" pair broken with a space,
       so the text can neither end the comment ("- ->", "- -!>") nor make it invalid; on
       one line. -->
  <xsl:template name="md-comment-text">
    <xsl:param name="s"/>
    <xsl:variable name="t" select="translate(string($s), '&#10;&#13;', '  ')"/>
    <xsl:choose>
      <xsl:when test="contains($t, '--')">
        <xsl:value-of select="substring-before($t, '--')"/>
        <xsl:text>- </xsl:text>
        <xsl:call-template name="md-comment-text">
          <xsl:with-param name="s" select="concat('-', substring-after($t, '--'))"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$t"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Markdown link to a reference: [label](href). A label is short, so one translate()
       tests it for the characters of md-escape more cheaply than ten contains(). -->
  <xsl:template name="md-link">
    <xsl:param name="ref" select="."/>
    <xsl:variable name="label" select="string($ref/@label)"/>
    <xsl:text>[</xsl:text>
    <xsl:choose>
      <xsl:when test="translate($label, '\`*_[]&lt;&gt;|#', '') = $label">
        <xsl:value-of select="$label"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="md-escape-chars">
          <xsl:with-param name="s" select="$label"/>
          <xsl:with-param name="chars" select="'\`*_[]&lt;&gt;|#'"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>](</xsl:text>
    <xsl:value-of select="$ref/@href"/>
    <xsl:text>)</xsl:text>
  </xsl:template>

  <!-- md-link for the context node: the same, without the parameter, which costs as
       much as the rest of the call; for the loops over every item's citations and
       recitals and every point. -->
  <xsl:template name="md-link-here">
    <xsl:variable name="label" select="string(@label)"/>
    <xsl:text>[</xsl:text>
    <xsl:choose>
      <xsl:when test="translate($label, '\`*_[]&lt;&gt;|#', '') = $label">
        <xsl:value-of select="$label"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="md-escape-chars">
          <xsl:with-param name="s" select="$label"/>
          <xsl:with-param name="chars" select="'\`*_[]&lt;&gt;|#'"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>](</xsl:text>
    <xsl:value-of select="@href"/>
    <xsl:text>)</xsl:text>
  </xsl:template>
</xsl:stylesheet>
