<?xml version="1.0" encoding="UTF-8"?>
<!--
  links-map.xsl - one page per chapter, chp-N-links.html: how the chapter's articles link
  to recitals, to each other and to annexes, as an SVG matrix drawn from the graph's
  edges (doc/site.md, "Link maps"). Included by site.xsl, which generates the pages
  (mode links-map-page) and their sitemap entries (mode links-map-loc); the chapter page
  links to it (mode links-map-link, from layout.xsl).

  Rows: the chapter's articles. Columns: the recitals linked to any of them, the
  chapter's articles, the annexes linked to any of them. A cell is filled when the row
  and the column are linked: blue for relates-to (the "relates to" lists of the pages,
  either direction), orange for citations (either direction), blue with an orange dot
  for both. Each cell's tooltip says which; cells and labels link to the units' pages.
  The same links follow as a list, for readers who would rather read.

  SVG presentation attributes only: the site's Content-Security-Policy allows no inline
  style. Uses site.xsl's keys (unit, node, edge-from, rel-to, cites-into) and labels.xsl's
  labels.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- citations by the unit they come from (cites-into, in site.xsl, is by target unit) -->
  <xsl:key name="lm-cites-from-unit" match="/regulation/edges/edge[@kind = 'cites']"
           use="substring-before(concat(@from, '.'), '.')"/>

  <!-- geometry (px) -->
  <xsl:variable name="lm-cell" select="14"/>
  <xsl:variable name="lm-left" select="84"/>
  <xsl:variable name="lm-top" select="96"/>
  <!-- a cell's square, and the x of column 0's square (a cell is the commonest thing
       drawn: its attributes are one lookup each) -->
  <xsl:variable name="lm-in" select="$lm-cell - 2"/>
  <xsl:variable name="lm-x1" select="$lm-left - $lm-cell + 1"/>

  <!-- ===================================================== the hooks -->
  <xsl:template match="contents/chapter" mode="links-map-page">
    <xsl:variable name="title" select="concat('Chapter ', @number, ': how its recitals, articles and annexes link – ', $short-title)"/>
    <!-- the page's main content is the template for chapter/@id below -->
    <xsl:for-each select="@id">
      <xsl:call-template name="page">
        <xsl:with-param name="file" select="concat(., '-links.html')"/>
        <xsl:with-param name="kind" select="'links-map'"/>
        <xsl:with-param name="title" select="$title"/>
        <xsl:with-param name="chapter" select="string(.)"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="contents/chapter" mode="links-map-loc">
    <url xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <loc><xsl:value-of select="concat($base-url, @id, '-links.html')"/></loc>
    </url>
  </xsl:template>

  <xsl:template match="contents/chapter/@id" mode="links-map-link">
    <p class="links-map-link">
      <a href="{.}-links.html">How the recitals, articles and annexes of this chapter link to each other</a>
    </p>
  </xsl:template>

  <!-- ===================================================== the page -->
  <xsl:template match="contents/chapter/@id" mode="main">
    <xsl:variable name="c" select=".."/>
    <xsl:variable name="arts" select="key('unit', $c//unit/@ref)[self::article]"/>
    <xsl:variable name="ids" select="$arts/@id"/>
    <!-- a unit is linked to the chapter when an edge joins it to one of its articles:
         found from the articles' own edges (relates-to either way, citations either way,
         a cited or citing element standing for its unit), never by testing every
         recital and annex of the regulation (that was quadratic in its size) -->
    <xsl:variable name="linked-units"
        select="key('unit', key('rel-to', $ids)/@from | key('edge-from', $ids)[@kind = 'relates-to']/@to) |
                key('node', key('lm-cites-from-unit', $ids)/@to | key('cites-into', $ids)/@from)/parent::*
                  /ancestor-or-self::*[parent::recitals or parent::annexes]"/>
    <xsl:variable name="recs" select="$linked-units[self::recital]"/>
    <xsl:variable name="anxs" select="$linked-units[self::annex]"/>
    <xsl:variable name="cols" select="$recs | $arts | $anxs"/>
    <xsl:call-template name="crumbs">
      <xsl:with-param name="items">
        <li><a href="{$c/@id}.html"><xsl:value-of select="concat('Chapter ', $c/@number)"/></a></li>
        <li aria-current="page">Links</li>
      </xsl:with-param>
    </xsl:call-template>
    <h1>
      <span class="u-num"><xsl:value-of select="concat('Chapter ', $c/@number)"/></span>
      <xsl:text> </xsl:text>
      <span class="u-title">How its recitals, articles and annexes link</span>
    </h1>
    <xsl:for-each select="$c">
      <xsl:call-template name="version-switcher">
        <xsl:with-param name="file" select="concat(@id, '-links.html')"/>
      </xsl:call-template>
    </xsl:for-each>
    <p class="lm-intro">
      <xsl:text>Rows: the </xsl:text>
      <xsl:value-of select="count($arts)"/>
      <xsl:text> articles of </xsl:text>
      <a href="{$c/@id}.html"><xsl:value-of select="concat('Chapter ', $c/@number, ' (', $c/@title, ')')"/></a>
      <xsl:text>. Columns: the </xsl:text>
      <xsl:value-of select="count($recs)"/>
      <xsl:text> recitals and </xsl:text>
      <xsl:value-of select="count($anxs)"/>
      <xsl:text> annexes linked to them, and the articles themselves. Blue: the pages relate to each other; orange: one cites the other; blue with an orange dot: both. Point at a cell for the details; select it to open the unit.</xsl:text>
    </p>
    <xsl:choose>
      <xsl:when test="not($arts)">
        <p>This chapter has no articles.</p>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="w" select="$lm-left + count($cols) * $lm-cell + 16"/>
        <xsl:variable name="h" select="$lm-top + count($arts) * $lm-cell + 16"/>
        <figure class="links-map">
          <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="lm-title"
               width="{$w}" height="{$h}" viewBox="0 0 {$w} {$h}"
               font-family="system-ui, sans-serif" font-size="10">
            <title id="lm-title">
              <xsl:value-of select="concat('Links between the articles of Chapter ', $c/@number,
                                           ' and recitals, articles and annexes')"/>
            </title>
            <xsl:call-template name="lm-groups">
              <xsl:with-param name="recs" select="$recs"/>
              <xsl:with-param name="arts" select="$arts"/>
              <xsl:with-param name="anxs" select="$anxs"/>
            </xsl:call-template>
            <!-- column labels -->
            <xsl:for-each select="$cols">
              <xsl:variable name="x" select="$lm-left + (position() - 1) * $lm-cell + $lm-cell div 2 + 3"/>
              <a href="{@id}.html">
                <title><xsl:apply-templates select="." mode="label"/></title>
                <text x="{$x}" y="{$lm-top - 4}" transform="rotate(-90 {$x} {$lm-top - 4})" fill="#1b1b1b">
                  <xsl:call-template name="lm-short"/>
                </text>
              </a>
            </xsl:for-each>
            <!-- rows -->
            <xsl:for-each select="$arts">
              <xsl:variable name="a" select="."/>
              <xsl:variable name="y" select="$lm-top + (position() - 1) * $lm-cell"/>
              <xsl:variable name="links"><xsl:call-template name="lm-row-links"/></xsl:variable>
              <xsl:variable name="row" select="string($links)"/>
              <!-- the diagonal: this article's own column (columns are in document order,
                   recitals, articles, annexes, as lm-groups draws them) -->
              <xsl:variable name="self" select="count($recs) + position()"/>
              <xsl:variable name="y1" select="$y + 1"/>
              <a href="{@id}.html">
                <title><xsl:apply-templates select="." mode="title"/></title>
                <text x="{$lm-left - 6}" y="{$y + $lm-cell - 3}" text-anchor="end" fill="#1b1b1b">
                  <xsl:call-template name="lm-short"/>
                </text>
              </a>
              <!-- most cells are empty: one contains() on the row's links decides, and
                   only a linked cell looks its edges up -->
              <xsl:for-each select="$cols">
                <xsl:choose>
                  <xsl:when test="position() = $self">
                    <rect x="{$lm-x1 + position() * $lm-cell}" y="{$y1}" width="{$lm-in}" height="{$lm-in}" fill="#d6d6d6"/>
                  </xsl:when>
                  <xsl:when test="contains($row, concat(' ', @id, ' '))">
                    <xsl:call-template name="lm-cell">
                      <xsl:with-param name="a" select="$a"/>
                      <xsl:with-param name="row" select="$row"/>
                      <xsl:with-param name="x" select="$lm-left + (position() - 1) * $lm-cell"/>
                      <xsl:with-param name="y" select="$y"/>
                    </xsl:call-template>
                  </xsl:when>
                  <xsl:otherwise>
                    <rect x="{$lm-x1 + position() * $lm-cell}" y="{$y1}" width="{$lm-in}" height="{$lm-in}" fill="#f2f4f8"/>
                  </xsl:otherwise>
                </xsl:choose>
              </xsl:for-each>
            </xsl:for-each>
          </svg>
          <figcaption>
            <span class="lm-key lm-rel">relates to</span>
            <span class="lm-key lm-cite">cites or is cited by</span>
            <span class="lm-key lm-both">both</span>
          </figcaption>
        </figure>
        <details class="lm-list">
          <summary>The same links as a list</summary>
          <ul>
            <xsl:for-each select="$arts">
              <xsl:variable name="aid" select="string(@id)"/>
              <xsl:variable name="links"><xsl:call-template name="lm-row-links"/></xsl:variable>
              <xsl:variable name="row" select="string($links)"/>
              <li>
                <a href="{@id}.html"><xsl:apply-templates select="." mode="label"/></a>
                <xsl:text>: </xsl:text>
                <xsl:variable name="linked" select="$cols[@id != $aid and contains($row, concat(' ', @id, ' '))]"/>
                <xsl:choose>
                  <xsl:when test="$linked">
                    <xsl:for-each select="$linked">
                      <xsl:if test="position() &gt; 1">, </xsl:if>
                      <a href="{@id}.html"><xsl:apply-templates select="." mode="label"/></a>
                    </xsl:for-each>
                  </xsl:when>
                  <xsl:otherwise>no links in this map</xsl:otherwise>
                </xsl:choose>
              </li>
            </xsl:for-each>
          </ul>
        </details>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The units an article (the context) links to, each as " ID ", one per edge:
       "|" relates-to either way (its edges join units) "|" citations out, by the unit
       cited "|" citations in, by the citing unit. A row walks the article's own edges
       once; a cell is then a contains() (a key lookup per cell and direction was
       quadratic in the chapter's size) and a count of its token (a filter of the
       article's edges per linked cell cost more than all the empty cells). -->
  <xsl:template name="lm-row-links">
    <xsl:variable name="aid" select="string(@id)"/>
    <xsl:text>|</xsl:text>
    <xsl:for-each select="key('edge-from', $aid)[@kind = 'relates-to']"><xsl:value-of select="concat(' ', @to, ' ')"/></xsl:for-each>
    <xsl:for-each select="key('rel-to', $aid)"><xsl:value-of select="concat(' ', @from, ' ')"/></xsl:for-each>
    <xsl:text>|</xsl:text>
    <xsl:for-each select="key('lm-cites-from-unit', $aid)"><xsl:value-of select="concat(' ', substring-before(concat(@to, '.'), '.'), ' ')"/></xsl:for-each>
    <xsl:text>|</xsl:text>
    <xsl:for-each select="key('cites-into', $aid)"><xsl:value-of select="concat(' ', substring-before(concat(@from, '.'), '.'), ' ')"/></xsl:for-each>
  </xsl:template>

  <!-- How many times $t occurs in $s (tokens " ID " never overlap). -->
  <xsl:template name="lm-count">
    <xsl:param name="s"/>
    <xsl:param name="t"/>
    <xsl:param name="n" select="0"/>
    <xsl:choose>
      <xsl:when test="contains($s, $t)">
        <xsl:call-template name="lm-count">
          <xsl:with-param name="s" select="substring-after($s, $t)"/>
          <xsl:with-param name="t" select="$t"/>
          <xsl:with-param name="n" select="$n + 1"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$n"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One linked cell: row article $a, column unit (the context); $row its lm-row-links. -->
  <xsl:template name="lm-cell" xmlns="http://www.w3.org/2000/svg">
    <xsl:param name="a"/>
    <xsl:param name="row"/>
    <xsl:param name="x"/>
    <xsl:param name="y"/>
    <xsl:variable name="t" select="concat(' ', @id, ' ')"/>
    <xsl:variable name="u" select="string(@id)"/>
    <xsl:variable name="rest" select="substring-after(substring-after($row, '|'), '|')"/>
    <xsl:variable name="rel" select="contains(substring-before(substring-after($row, '|'), '|'), $t)"/>
    <xsl:variable name="out">
      <xsl:call-template name="lm-count">
        <xsl:with-param name="s" select="substring-before($rest, '|')"/>
        <xsl:with-param name="t" select="$t"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="in">
      <xsl:call-template name="lm-count">
        <xsl:with-param name="s" select="substring-after($rest, '|')"/>
        <xsl:with-param name="t" select="$t"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="a-label"><xsl:apply-templates select="$a" mode="label"/></xsl:variable>
    <xsl:variable name="u-label"><xsl:apply-templates select="." mode="label"/></xsl:variable>
    <a href="{$u}.html">
      <title>
        <xsl:value-of select="concat($a-label, ' – ', $u-label, ': ')"/>
        <xsl:if test="$rel">related</xsl:if>
        <xsl:if test="$out > 0">
          <xsl:if test="$rel">; </xsl:if>
          <xsl:value-of select="concat($a-label, ' cites ', $u-label, ' (', $out, ')')"/>
        </xsl:if>
        <xsl:if test="$in > 0">
          <xsl:if test="$rel or $out > 0">; </xsl:if>
          <xsl:value-of select="concat($u-label, ' cites ', $a-label, ' (', $in, ')')"/>
        </xsl:if>
      </title>
      <rect x="{$x + 1}" y="{$y + 1}" width="{$lm-cell - 2}" height="{$lm-cell - 2}" rx="2">
        <xsl:attribute name="fill">
          <xsl:choose>
            <xsl:when test="$rel">#3a6ecf</xsl:when>
            <xsl:otherwise>#e98a15</xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
      </rect>
      <xsl:if test="$rel and ($out > 0 or $in > 0)">
        <circle cx="{$x + $lm-cell div 2}" cy="{$y + $lm-cell div 2}" r="3" fill="#e98a15"/>
      </xsl:if>
    </a>
  </xsl:template>

  <!-- The bands over the columns: Recitals, Articles, Annexes. -->
  <xsl:template name="lm-groups" xmlns="http://www.w3.org/2000/svg">
    <xsl:param name="recs"/>
    <xsl:param name="arts"/>
    <xsl:param name="anxs"/>
    <xsl:variable name="x1" select="$lm-left + count($recs) * $lm-cell"/>
    <xsl:variable name="x2" select="$x1 + count($arts) * $lm-cell"/>
    <xsl:variable name="bottom" select="$lm-top + count($arts) * $lm-cell"/>
    <xsl:if test="$recs">
      <text x="{$lm-left}" y="12" fill="#555555" font-weight="700">Recitals</text>
    </xsl:if>
    <text x="{$x1}" y="12" fill="#555555" font-weight="700">Articles</text>
    <xsl:if test="$anxs">
      <text x="{$x2}" y="12" fill="#555555" font-weight="700">Annexes</text>
    </xsl:if>
    <line x1="{$x1}" y1="16" x2="{$x1}" y2="{$bottom}" stroke="#888888" stroke-width="1"/>
    <line x1="{$x2}" y1="16" x2="{$x2}" y2="{$bottom}" stroke="#888888" stroke-width="1"/>
  </xsl:template>

  <!-- A short label: R78, A43, Annex VI. -->
  <xsl:template name="lm-short">
    <xsl:choose>
      <xsl:when test="self::recital"><xsl:value-of select="concat('R', @n)"/></xsl:when>
      <xsl:when test="self::article"><xsl:value-of select="concat('Art ', @n)"/></xsl:when>
      <xsl:when test="self::annex"><xsl:value-of select="concat('Anx ', @number)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="@id"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
