<?xml version="1.0" encoding="UTF-8"?>
<!--
  site.xsl - the HTML reference site of one regulation, from its graph (doc/graph.md).

  One pass. The principal result is <site>: one <page href="FILE"><html>…</html></page>
  per page, which src/render/site.c writes as HTML5 (src/render/html5.c), and the search
  entries (<search><d …/></search>) it turns into search-index.js. sitemap.xml is an
  exsl:document. All lookups go through xsl:key.
  URL scheme: doc/site.md. Restyle by editing this folder (templates, static/site.css),
  never C.

  Parameters: base-url      prefix of the <loc> URLs in sitemap.xml ('' = relative).
              library       URI of the links document of the library the site is part of
                            (templates/schema/links.rng; '' = none): citations of the
                            other regulations link to their sites and "cited by" lists
                            theirs. It names each regulation's graph, read with document().
              library-href  the library's folder from a page of this site ('../../').
              versions      URI of the versions document (templates/schema/site-versions.rng;
                            '' = one version): versions.xsl.
              version       the id of the version this site shows.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="exsl"
    exclude-result-prefixes="exsl">

  <xsl:include href="labels.xsl"/>
  <xsl:include href="text.xsl"/>
  <xsl:include href="layout.xsl"/>
  <xsl:include href="links-map.xsl"/>
  <xsl:include href="versions.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:param name="base-url" select="''"/>
  <xsl:param name="library" select="''"/>
  <xsl:param name="library-href" select="'../../'"/>
  <!-- the regulation's products page ('' = none), linked from its home page -->
  <xsl:param name="products-href" select="''"/>
  <xsl:param name="versions" select="''"/>
  <xsl:param name="version" select="''"/>

  <!-- Patterns start at the root: libxslt evaluates a key's "a/b" as "//a/b", a walk
       of the whole document per key and per document read (the graphs of a library,
       links.xml), which was a tenth of the site's cost. -->
  <xsl:key name="unit" match="/regulation/recitals/recital | /regulation/articles/article | /regulation/annexes/annex" use="@id"/>
  <xsl:key name="chapter" match="/regulation/contents/chapter" use="@id"/>
  <!-- everything that has its own page -->
  <xsl:key name="page" match="/regulation/recitals/recital | /regulation/articles/article | /regulation/annexes/annex | /regulation/contents/chapter" use="@id"/>
  <!-- every element with an id, by it: the key holds the id attributes (the element is
       key('node', $id)/parent::*); a match of "*[@id]" tested the predicate on every
       element of every document, twice the cost (issue 19) -->
  <xsl:key name="node" match="@id" use="."/>
  <xsl:key name="act" match="/regulation/acts/act" use="@id"/>
  <!-- every edge by the element it comes from; a lookup keeps the kind it wants
       (key('edge-from', $id)[@kind = 'relates-to']): one key instead of one per kind.
       libxslt computes every key of a document the first time any key is asked of it, the
       graphs of the library once per site, and a match with a predicate cost about as
       much per edge as the key's value (issue 19) -->
  <xsl:key name="edge-from" match="/regulation/edges/edge" use="@from"/>
  <xsl:key name="rel-to" match="/regulation/edges/edge[@kind = 'relates-to']" use="@to"/>
  <xsl:key name="cites-into" match="/regulation/edges/edge[@kind = 'cites']"
           use="substring-before(concat(@to, '.'), '.')"/>
  <xsl:key name="toc-unit" match="/regulation/contents//unit" use="@ref"/>
  <!-- acts that are regulations of the library, by its id -->
  <xsl:key name="act-reg" match="/regulation/acts/act[@regulation]" use="@regulation"/>
  <!-- the links document's edges (only its nodes match): citations by the qualified id
       of the unit they cite (ai-act:art-15); by that and the citing element; every
       edge into a regulation by the citing element and the regulation cited -->
  <xsl:key name="lib-cites-unit" match="/library/edges/edge[@kind = 'cites']"
           use="substring-before(concat(@to, '.'), '.')"/>
  <xsl:key name="lib-cites-unit-from" match="/library/edges/edge[@kind = 'cites']"
           use="concat(substring-before(concat(@to, '.'), '.'), '|', @from)"/>
  <xsl:key name="lib-in-from" match="/library/edges/edge[@kind = 'cites' or @kind = 'cites-act']"
           use="concat(@from, '|', substring-before(concat(@to, ':'), ':'))"/>

  <!-- the library (none: empty; document('') is this stylesheet, which has no <library>) -->
  <xsl:variable name="lib" select="document($library)/library"/>
  <xsl:variable name="self-id" select="string(/regulation/@id)"/>
  <!-- edges of the other regulations into this one: to a unit (cites) or to it as an act -->
  <xsl:variable name="lib-in"
      select="$lib/edges/edge[@kind = 'cites' and starts-with(@to, concat($self-id, ':'))] |
              $lib/edges/edge[@kind = 'cites-act' and @to = $self-id]"/>

  <xsl:variable name="reg" select="/regulation"/>
  <xsl:variable name="lang">
    <xsl:choose>
      <xsl:when test="normalize-space(/regulation/@lang) != '' and
                      translate(/regulation/@lang, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-', '') = ''">
        <xsl:value-of select="normalize-space(/regulation/@lang)"/>
      </xsl:when>
      <xsl:otherwise>en</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="short-title">
    <xsl:choose>
      <xsl:when test="normalize-space(/regulation/short-title) != ''">
        <xsl:value-of select="normalize-space(/regulation/short-title)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space(/regulation/title)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <!-- the regulation's CELEX number when it is one (digits, capitals, parentheses) -->
  <xsl:variable name="celex"
      select="/regulation/@celex[. != '' and translate(., '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ()_', '') = '']"/>
  <xsl:variable name="units" select="/regulation/recitals/recital | /regulation/articles/article |
                                     /regulation/annexes/annex"/>

  <!-- ===================================================== driver -->
  <xsl:template match="/">
    <xsl:apply-templates select="regulation" mode="site"/>
  </xsl:template>

  <xsl:template match="regulation" mode="site">
    <site>
    <xsl:call-template name="page">
      <xsl:with-param name="file" select="'index.html'"/>
      <xsl:with-param name="kind" select="'home'"/>
      <xsl:with-param name="title" select="$short-title"/>
    </xsl:call-template>
    <xsl:call-template name="page">
      <xsl:with-param name="file" select="'search.html'"/>
      <xsl:with-param name="kind" select="'search'"/>
      <xsl:with-param name="title" select="concat('Search – ', $short-title)"/>
    </xsl:call-template>
    <xsl:for-each select="contents/chapter">
      <xsl:call-template name="page">
        <xsl:with-param name="file" select="concat(@id, '.html')"/>
        <xsl:with-param name="kind" select="'chapter'"/>
        <xsl:with-param name="title">
          <xsl:value-of select="concat('Chapter ', @number, ': ', @title, ' – ', $short-title)"/>
        </xsl:with-param>
        <xsl:with-param name="chapter" select="@id"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:for-each select="$units">
      <xsl:call-template name="page">
        <xsl:with-param name="file" select="concat(@id, '.html')"/>
        <xsl:with-param name="kind" select="'unit'"/>
        <xsl:with-param name="title">
          <xsl:apply-templates select="." mode="title"/>
          <xsl:value-of select="concat(' – ', $short-title)"/>
        </xsl:with-param>
        <xsl:with-param name="current" select="@id"/>
        <xsl:with-param name="chapter" select="(@chapter | key('toc-unit', @id)/ancestor::chapter/@id)[1]"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:apply-templates select="contents/chapter" mode="links-map-page"/>
    <xsl:call-template name="version-changes-pages"/>
    <xsl:call-template name="sitemap"/>
    <!-- what search-index.js is made of -->
    <search>
      <xsl:apply-templates select="$units" mode="search"/>
    </search>
    </site>
  </xsl:template>

  <!-- ===================================================== search entries -->
  <!-- one entry per unit (page, title, own text), then one per element with its own
       text (fragment, label, text); search_index.c groups them by the unit before -->
  <xsl:template match="recital|article|annex" mode="search">
    <d p="{@id}.html" f="">
      <xsl:attribute name="t"><xsl:apply-templates select="." mode="title"/></xsl:attribute>
      <xsl:for-each select="text">
        <xsl:if test="position() > 1"><xsl:text> </xsl:text></xsl:if>
        <xsl:value-of select="normalize-space(.)"/>
      </xsl:for-each>
    </d>
    <xsl:apply-templates select=".//*[@id][text or self::section]" mode="search"/>
  </xsl:template>

  <xsl:template match="*" mode="search">
    <d f="{@id}">
      <xsl:attribute name="l"><xsl:apply-templates select="." mode="label"/></xsl:attribute>
      <xsl:if test="self::section">
        <xsl:call-template name="section-heading"/>
        <xsl:if test="text"><xsl:text> </xsl:text></xsl:if>
      </xsl:if>
      <xsl:for-each select="text">
        <xsl:if test="position() > 1"><xsl:text> </xsl:text></xsl:if>
        <xsl:value-of select="normalize-space(.)"/>
      </xsl:for-each>
    </d>
  </xsl:template>

  <!-- ===================================================== sitemap.xml -->
  <xsl:template name="sitemap">
    <exsl:document href="sitemap.xml" method="xml" encoding="UTF-8" indent="yes">
      <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <url><loc><xsl:value-of select="concat($base-url, 'index.html')"/></loc></url>
        <url><loc><xsl:value-of select="concat($base-url, 'search.html')"/></loc></url>
        <xsl:for-each select="contents/chapter | $units">
          <url><loc><xsl:value-of select="concat($base-url, @id, '.html')"/></loc></url>
        </xsl:for-each>
        <xsl:apply-templates select="contents/chapter" mode="links-map-loc"/>
        <xsl:if test="$vshown and $vers/@root = $version">
          <xsl:for-each select="$vers/version[@changes]">
            <url><loc><xsl:value-of select="$base-url"/><xsl:apply-templates select="." mode="changes-file"/></loc></url>
          </xsl:for-each>
        </xsl:if>
      </urlset>
    </exsl:document>
  </xsl:template>

</xsl:stylesheet>
