<?xml version="1.0" encoding="UTF-8"?>
<!--
  layout.xsl - the page shell (head, header, contents sidebar, footer) and the main
  content of each kind of page: home, search, chapter, unit. Included by site.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:rd="urn:x-regdoc:xslt" extension-element-prefixes="rd">

  <!-- The Content-Security-Policy of every page: scripts and styles only from files of
       the site; no inline script, no inline style, nothing remote. -->
  <xsl:variable name="csp"
      select="&quot;default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'&quot;"/>

  <!-- ===================================================== the shell -->
  <!-- context: the node the page is about (regulation, contents/chapter, unit).
       A page is <rd:page href="FILE"><html>…</html></rd:page>, or <page …> in the
       principal result; src/render/html5.c writes it as HTML5 to FILE in the output
       directory. -->
  <xsl:template name="page">
    <xsl:param name="file"/>
    <xsl:param name="kind"/>
    <xsl:param name="title"/>
    <xsl:param name="current" select="''"/>
    <xsl:param name="chapter" select="''"/>
    <xsl:choose>
      <!-- regdoc writes each page as soon as it is built (src/render/xslt.h, rd:page), so
           that it never holds the whole site; other processors get <page> elements -->
      <xsl:when test="element-available('rd:page')">
        <rd:page href="{$file}">
          <xsl:call-template name="page-html">
            <xsl:with-param name="file" select="$file"/>
            <xsl:with-param name="kind" select="$kind"/>
            <xsl:with-param name="title" select="$title"/>
            <xsl:with-param name="current" select="$current"/>
            <xsl:with-param name="chapter" select="$chapter"/>
          </xsl:call-template>
        </rd:page>
      </xsl:when>
      <xsl:otherwise>
        <page href="{$file}">
          <xsl:call-template name="page-html">
            <xsl:with-param name="file" select="$file"/>
            <xsl:with-param name="kind" select="$kind"/>
            <xsl:with-param name="title" select="$title"/>
            <xsl:with-param name="current" select="$current"/>
            <xsl:with-param name="chapter" select="$chapter"/>
          </xsl:call-template>
        </page>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The <html> element of a page (parameters: those of "page"). -->
  <xsl:template name="page-html">
    <xsl:param name="file" select="''"/>
    <xsl:param name="kind"/>
    <xsl:param name="title"/>
    <xsl:param name="current" select="''"/>
    <xsl:param name="chapter" select="''"/>
    <html lang="{$lang}">
      <!-- rd:cache (src/render/xslt.h): what is the same on many pages is built once;
           its key says everything it depends on -->
      <head>
        <rd:cache key="head">
          <xsl:fallback>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <meta http-equiv="Content-Security-Policy" content="{$csp}"/>
            <meta name="generator" content="regdoc"/>
          </xsl:fallback>
        </rd:cache>
        <title><xsl:value-of select="$title"/></title>
        <rd:cache key="head-links|{$kind = 'search'}">
          <xsl:fallback>
            <link rel="stylesheet" href="static/site.css"/>
            <link rel="stylesheet" href="static/print.css" media="print"/>
            <xsl:if test="$kind = 'search'">
              <script src="search-index.js" defer="defer"></script>
              <script src="static/minisearch.js" defer="defer"></script>
              <script src="static/search.js" defer="defer"></script>
            </xsl:if>
            <script src="static/site.js" defer="defer"></script>
          </xsl:fallback>
        </rd:cache>
      </head>
      <body class="page-{$kind}">
        <rd:cache key="top">
        <xsl:fallback>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
          <xsl:if test="$lib">
            <a class="lib-home" href="{$library-href}index.html">Library</a>
          </xsl:if>
          <a class="brand" href="index.html"><xsl:value-of select="$short-title"/></a>
          <form class="qform" action="search.html" method="get" role="search">
            <label class="vh" for="q-top">Search the regulation</label>
            <input id="q-top" name="q" type="search" placeholder="Search the regulation"
                   autocomplete="off"/>
            <button type="submit">Search</button>
          </form>
          <a class="to-toc" href="#toc">Contents</a>
        </header>
        </xsl:fallback>
        </rd:cache>
        <div class="layout">
          <main id="main" tabindex="-1">
            <xsl:call-template name="version-banner">
              <xsl:with-param name="page" select="$file"/>
              <xsl:with-param name="kind" select="$kind"/>
            </xsl:call-template>
            <xsl:apply-templates select="." mode="main">
              <xsl:with-param name="kind" select="$kind"/>
              <xsl:with-param name="current" select="$current"/>
            </xsl:apply-templates>
          </main>
          <xsl:call-template name="toc-nav">
            <xsl:with-param name="current" select="$current"/>
            <xsl:with-param name="chapter" select="$chapter"/>
            <xsl:with-param name="kind" select="$kind"/>
          </xsl:call-template>
        </div>
        <rd:cache key="foot">
        <xsl:fallback>
        <footer class="foot">
          <p>
            <xsl:text>Text: </xsl:text>
            <xsl:choose>
              <xsl:when test="$celex">
                <a href="https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{$celex}">
                  <xsl:value-of select="$short-title"/>
                  <xsl:text> on EUR-Lex</xsl:text>
                </a>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="$short-title"/></xsl:otherwise>
            </xsl:choose>
            <xsl:text>. © European Union. Only the Official Journal version is authentic.</xsl:text>
          </p>
          <p>Generated by regdoc.</p>
        </footer>
        </xsl:fallback>
        </rd:cache>
      </body>
    </html>
  </xsl:template>

  <!-- ===================================================== contents sidebar -->
  <!-- Compact: every chapter is one link; the current chapter lists its sections and
       the articles outside sections, the current section its articles; recital and
       annex pages list their neighbours. -->
  <xsl:template name="toc-nav">
    <xsl:param name="current"/>
    <xsl:param name="chapter"/>
    <xsl:param name="kind"/>
    <nav class="toc" id="toc" aria-label="Contents">
      <ul>
        <li>
          <a href="index.html">
            <xsl:if test="$kind = 'home'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
            <xsl:text>Overview</xsl:text>
          </a>
        </li>
        <xsl:if test="$reg/recitals/recital">
          <li class="grp">
            <a href="index.html#recitals">Recitals</a>
            <xsl:if test="starts-with($current, 'rec-')">
              <xsl:variable name="cur" select="key('unit', $current)"/>
              <ul class="grid">
                <!-- [9] … [1], not [position() &lt;= 9]: libxml2 stops walking an axis
                     early only at a literal position, so a page costs the same however
                     many recitals there are -->
                <xsl:for-each select="$cur/preceding-sibling::recital[9] | $cur/preceding-sibling::recital[8] |
                                      $cur/preceding-sibling::recital[7] | $cur/preceding-sibling::recital[6] |
                                      $cur/preceding-sibling::recital[5] | $cur/preceding-sibling::recital[4] |
                                      $cur/preceding-sibling::recital[3] | $cur/preceding-sibling::recital[2] |
                                      $cur/preceding-sibling::recital[1] | $cur |
                                      $cur/following-sibling::recital[1] | $cur/following-sibling::recital[2] |
                                      $cur/following-sibling::recital[3] | $cur/following-sibling::recital[4] |
                                      $cur/following-sibling::recital[5] | $cur/following-sibling::recital[6] |
                                      $cur/following-sibling::recital[7] | $cur/following-sibling::recital[8] |
                                      $cur/following-sibling::recital[9]">
                  <xsl:choose>
                    <xsl:when test="@id = $current">
                      <li><a href="{@id}.html" aria-current="page"><xsl:value-of select="@n"/></a></li>
                    </xsl:when>
                    <xsl:otherwise>
                      <rd:cache key="toc-rec|{@id}">
                        <xsl:fallback><li><a href="{@id}.html"><xsl:value-of select="@n"/></a></li></xsl:fallback>
                      </rd:cache>
                    </xsl:otherwise>
                  </xsl:choose>
                </xsl:for-each>
              </ul>
            </xsl:if>
          </li>
        </xsl:if>
        <!-- Every chapter when there are at most 13 (the AI Act's number; the CRA has 8);
             beyond, the 6 before and after the current one (the first 13 on other pages)
             and a link to the contents: a page's size must not grow with the regulation's.
             [6] … [1]: libxml2 stops walking an axis early only at a literal position.
             Each chapter but the current one is the same on every page: rd:cache. -->
        <xsl:choose>
          <xsl:when test="not(key('chapter', $chapter))">
            <!-- no current chapter: the same list on every such page -->
            <rd:cache key="toc-chapters">
              <xsl:fallback>
                <xsl:for-each select="$reg/contents[not(chapter[14])]/chapter |
                                      $reg/contents/chapter[1] | $reg/contents/chapter[2] |
                                      $reg/contents/chapter[3] | $reg/contents/chapter[4] |
                                      $reg/contents/chapter[5] | $reg/contents/chapter[6] |
                                      $reg/contents/chapter[7] | $reg/contents/chapter[8] |
                                      $reg/contents/chapter[9] | $reg/contents/chapter[10] |
                                      $reg/contents/chapter[11] | $reg/contents/chapter[12] |
                                      $reg/contents/chapter[13]">
                  <xsl:call-template name="toc-chapter-li"/>
                </xsl:for-each>
                <xsl:if test="$reg/contents/chapter[14]">
                  <li class="chp more"><a href="index.html#h-contents">All chapters</a></li>
                </xsl:if>
              </xsl:fallback>
            </rd:cache>
          </xsl:when>
          <xsl:when test="not($reg/contents/chapter[14])">
            <xsl:for-each select="$reg/contents/chapter">
              <xsl:choose>
                <xsl:when test="@id = $chapter">
                  <xsl:call-template name="toc-chapter">
                    <xsl:with-param name="current" select="$current"/>
                    <xsl:with-param name="chapter" select="$chapter"/>
                    <xsl:with-param name="kind" select="$kind"/>
                  </xsl:call-template>
                </xsl:when>
                <xsl:otherwise>
                  <rd:cache key="toc-chp|{@id}">
                    <xsl:fallback><xsl:call-template name="toc-chapter-li"/></xsl:fallback>
                  </rd:cache>
                </xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise>
            <xsl:variable name="cur" select="key('chapter', $chapter)"/>
            <xsl:for-each select="$cur/preceding-sibling::chapter[6] |
                                    $cur/preceding-sibling::chapter[5] |
                                    $cur/preceding-sibling::chapter[4] |
                                    $cur/preceding-sibling::chapter[3] |
                                    $cur/preceding-sibling::chapter[2] |
                                    $cur/preceding-sibling::chapter[1] |
                                    $cur |
                                    $cur/following-sibling::chapter[1] |
                                    $cur/following-sibling::chapter[2] |
                                    $cur/following-sibling::chapter[3] |
                                    $cur/following-sibling::chapter[4] |
                                    $cur/following-sibling::chapter[5] |
                                    $cur/following-sibling::chapter[6]">
              <xsl:choose>
                <xsl:when test="@id = $chapter">
                  <xsl:call-template name="toc-chapter">
                    <xsl:with-param name="current" select="$current"/>
                    <xsl:with-param name="chapter" select="$chapter"/>
                    <xsl:with-param name="kind" select="$kind"/>
                  </xsl:call-template>
                </xsl:when>
                <xsl:otherwise>
                  <rd:cache key="toc-chp|{@id}">
                    <xsl:fallback><xsl:call-template name="toc-chapter-li"/></xsl:fallback>
                  </rd:cache>
                </xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
            <li class="chp more"><a href="index.html#h-contents">All chapters</a></li>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$reg/annexes/annex">
          <li class="grp">
            <a href="index.html#annexes">Annexes</a>
            <xsl:if test="starts-with($current, 'anx-')">
              <ul>
                <!-- every annex when there are at most 13 (the AI Act's number); beyond, the
                     6 before and after this one ([6] … [1]: an axis stops early only at a
                     literal position), so that a page's size does not grow with the
                     regulation's -->
                <xsl:choose>
                  <xsl:when test="not($reg/annexes/annex[14])">
                    <xsl:for-each select="$reg/annexes/annex">
                      <xsl:call-template name="toc-annex-entry"><xsl:with-param name="current" select="$current"/></xsl:call-template>
                    </xsl:for-each>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:variable name="cur" select="key('unit', $current)"/>
                    <xsl:for-each select="$cur/preceding-sibling::annex[6] |
                                          $cur/preceding-sibling::annex[5] |
                                          $cur/preceding-sibling::annex[4] |
                                          $cur/preceding-sibling::annex[3] |
                                          $cur/preceding-sibling::annex[2] |
                                          $cur/preceding-sibling::annex[1] |
                                          $cur |
                                          $cur/following-sibling::annex[1] |
                                          $cur/following-sibling::annex[2] |
                                          $cur/following-sibling::annex[3] |
                                          $cur/following-sibling::annex[4] |
                                          $cur/following-sibling::annex[5] |
                                          $cur/following-sibling::annex[6]">
                      <xsl:call-template name="toc-annex-entry"><xsl:with-param name="current" select="$current"/></xsl:call-template>
                    </xsl:for-each>
                    <li><a href="index.html#annexes">All annexes</a></li>
                  </xsl:otherwise>
                </xsl:choose>
              </ul>
            </xsl:if>
          </li>
        </xsl:if>
      </ul>
    </nav>
  </xsl:template>

  <!-- ===================================================== breadcrumb -->
  <xsl:template name="crumbs">
    <xsl:param name="items"/> <!-- RTF of <li> -->
    <nav class="crumbs" aria-label="Breadcrumb">
      <ol>
        <li><a href="index.html"><xsl:value-of select="$short-title"/></a></li>
        <xsl:copy-of select="$items"/>
      </ol>
    </nav>
  </xsl:template>

  <!-- A unit of the current chapter in the contents sidebar (context: the unit): the
       current one built, the others the same on every page of the chapter. -->
  <xsl:template name="toc-unit">
    <xsl:param name="current"/>
    <xsl:choose>
      <xsl:when test="@id = $current">
        <li>
          <a href="{@id}.html" aria-current="page">
            <span class="n"><xsl:value-of select="@n"/></span>
            <xsl:value-of select="@title"/>
          </a>
        </li>
      </xsl:when>
      <xsl:otherwise>
        <rd:cache key="toc-unit|{@id}">
          <xsl:fallback>
            <li>
              <a href="{@id}.html">
                <span class="n"><xsl:value-of select="@n"/></span>
                <xsl:value-of select="@title"/>
              </a>
            </li>
          </xsl:fallback>
        </rd:cache>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An annex in the contents sidebar (context: the annex): the current one built, the
       others the same on every annex page. -->
  <xsl:template name="toc-annex-entry">
    <xsl:param name="current"/>
    <xsl:choose>
      <xsl:when test="@id = $current">
        <xsl:call-template name="toc-annex"><xsl:with-param name="current" select="$current"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <rd:cache key="toc-anx|{@id}">
          <xsl:fallback>
            <xsl:call-template name="toc-annex"><xsl:with-param name="current" select="$current"/></xsl:call-template>
          </xsl:fallback>
        </rd:cache>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An annex in the contents sidebar (context: the annex). -->
  <xsl:template name="toc-annex">
    <xsl:param name="current"/>
    <li>
      <a href="{@id}.html">
        <xsl:if test="@id = $current"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
        <span class="n"><xsl:value-of select="@number"/></span>
        <xsl:value-of select="@title"/>
      </a>
    </li>
  </xsl:template>

  <!-- A chapter of the contents sidebar other than the current one (context: the
       chapter): toc-nav calls it directly, without toc-chapter's parameters, as most
       entries of every page are these. -->
  <xsl:template name="toc-chapter-li">
    <li class="chp">
      <a href="{@id}.html">
        <span class="n"><xsl:value-of select="@number"/></span>
        <xsl:value-of select="@title"/>
      </a>
    </li>
  </xsl:template>

  <!-- One chapter of the contents sidebar (context: the chapter); the current one with
       its sections and units. -->
  <xsl:template name="toc-chapter">
    <xsl:param name="current"/>
    <xsl:param name="chapter"/>
    <xsl:param name="kind"/>
    <xsl:choose>
      <xsl:when test="not(@id = $chapter)">
        <xsl:call-template name="toc-chapter-li"/>
      </xsl:when>
      <xsl:otherwise>
        <li class="chp">
          <a href="{@id}.html">
            <xsl:if test="$kind = 'chapter'">
              <xsl:attribute name="aria-current">page</xsl:attribute>
            </xsl:if>
            <span class="n"><xsl:value-of select="@number"/></span>
            <xsl:value-of select="@title"/>
          </a>
          <ul>
            <xsl:for-each select="unit | section">
              <xsl:choose>
                <xsl:when test="self::section">
                  <li class="sec">
                    <a href="{../@id}.html#{@id}">
                      <span class="n"><xsl:value-of select="concat('§', @number)"/></span>
                      <xsl:value-of select="@title"/>
                    </a>
                    <xsl:if test=".//unit[@ref = $current]">
                      <ul>
                        <xsl:for-each select="key('unit', .//unit/@ref)">
                          <xsl:call-template name="toc-unit"><xsl:with-param name="current" select="$current"/></xsl:call-template>
                        </xsl:for-each>
                      </ul>
                    </xsl:if>
                  </li>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:for-each select="key('unit', @ref)">
                    <xsl:call-template name="toc-unit"><xsl:with-param name="current" select="$current"/></xsl:call-template>
                  </xsl:for-each>
                </xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
          </ul>
        </li>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>


  <!-- ===================================================== home -->
  <xsl:template match="regulation" mode="main">
    <xsl:param name="kind"/>
    <xsl:param name="current" select="''"/>
    <xsl:choose>
      <xsl:when test="$kind = 'search'"><xsl:call-template name="search-main"/></xsl:when>
      <xsl:when test="$kind = 'changes'">
        <xsl:call-template name="changes-main"><xsl:with-param name="vid" select="$current"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="home-main"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="home-main">
    <div class="hero">
      <p class="kicker"><xsl:value-of select="$short-title"/></p>
      <h1><xsl:value-of select="normalize-space(title)"/></h1>
      <p class="src">
        <xsl:variable name="eli-ok" select="starts-with(@eli, 'http://') or starts-with(@eli, 'https://')"/>
        <xsl:if test="$celex">
          <a href="https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{$celex}">
            <xsl:value-of select="concat('CELEX ', $celex, ' on EUR-Lex')"/>
          </a>
        </xsl:if>
        <xsl:if test="$celex and $eli-ok"><xsl:text> · </xsl:text></xsl:if>
        <xsl:if test="$eli-ok">
          <a href="{@eli}">ELI</a>
        </xsl:if>
      </p>
      <form class="qform big" action="search.html" method="get" role="search">
        <label class="vh" for="q-home">Search the full text</label>
        <input id="q-home" name="q" type="search" placeholder="Search the full text, e.g. conformity assessment"/>
        <button type="submit">Search</button>
      </form>
      <xsl:if test="$products-href != ''">
        <p class="stats"><a href="{$products-href}">Example products assessed under the <xsl:value-of select="$short-title"/>: checklists and technical documentation</a></p>
      </xsl:if>
      <p class="stats">
        <xsl:value-of select="concat(count(recitals/recital), ' recitals · ',
                              count(articles/article), ' articles in ',
                              count(contents/chapter), ' chapters · ',
                              count(annexes/annex), ' annexes')"/>
      </p>
      <xsl:call-template name="version-home"/>
    </div>

    <section class="home-sec" aria-labelledby="h-contents">
      <h2 id="h-contents">Contents</h2>
      <xsl:for-each select="contents/chapter">
        <div class="chp-block">
          <h3>
            <a href="{@id}.html">
              <span class="n"><xsl:value-of select="concat('Chapter ', @number)"/></span>
              <xsl:text> </xsl:text>
              <span class="t"><xsl:value-of select="@title"/></span>
            </a>
          </h3>
          <xsl:call-template name="unit-list">
            <xsl:with-param name="refs" select="unit"/>
          </xsl:call-template>
          <xsl:for-each select="section">
            <h4>
              <a href="{../@id}.html#{@id}">
                <xsl:value-of select="concat('Section ', @number, ': ', @title)"/>
              </a>
            </h4>
            <xsl:call-template name="unit-list">
              <xsl:with-param name="refs" select=".//unit"/>
            </xsl:call-template>
          </xsl:for-each>
        </div>
      </xsl:for-each>
    </section>

    <xsl:if test="recitals/recital">
      <section class="home-sec" id="recitals" aria-labelledby="h-recitals">
        <h2 id="h-recitals">Recitals</h2>
        <ul class="grid rec-grid">
          <xsl:for-each select="recitals/recital">
            <li><a href="{@id}.html" title="Recital {@n}"><xsl:value-of select="@n"/></a></li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>

    <xsl:if test="annexes/annex">
      <section class="home-sec" id="annexes" aria-labelledby="h-annexes">
        <h2 id="h-annexes">Annexes</h2>
        <ul class="units">
          <xsl:for-each select="annexes/annex">
            <li>
              <a href="{@id}.html">
                <span class="n"><xsl:value-of select="concat('Annex ', @number)"/></span>
                <xsl:text> </xsl:text>
                <span class="t"><xsl:value-of select="@title"/></span>
              </a>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>

    <xsl:if test="$lib-in">
      <!-- where the other regulations of the library cite this one -->
      <section class="home-sec" id="cited-in-library" aria-labelledby="h-lib-in">
        <h2 id="h-lib-in">Cited by other regulations</h2>
        <xsl:for-each select="$lib/regulation[@id != $self-id]">
          <xsl:variable name="rid" select="@id"/>
          <xsl:variable name="in" select="$lib-in[starts-with(@from, concat($rid, ':'))]"/>
          <xsl:if test="$in">
            <h3><xsl:value-of select="normalize-space(short-title)"/></h3>
            <ul class="lib-cited">
              <!-- each citing element once: the first of its edges into this regulation -->
              <xsl:for-each select="$in[generate-id() = generate-id(key('lib-in-from', concat(@from, '|', $self-id))[1])]">
                <li><xsl:call-template name="lib-citer"/></li>
              </xsl:for-each>
            </ul>
          </xsl:if>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="unit-list">
    <xsl:param name="refs"/>
    <xsl:if test="$refs">
      <ul class="units">
        <xsl:for-each select="$refs">
          <xsl:variable name="u" select="key('unit', @ref)"/>
          <xsl:if test="$u">
            <li>
              <a href="{@ref}.html">
                <span class="n"><xsl:apply-templates select="$u" mode="label"/></span>
                <xsl:text> </xsl:text>
                <span class="t"><xsl:value-of select="$u/@title"/></span>
              </a>
            </li>
          </xsl:if>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <!-- ===================================================== search page -->
  <xsl:template name="search-main">
    <xsl:call-template name="crumbs">
      <xsl:with-param name="items"><li aria-current="page">Search</li></xsl:with-param>
    </xsl:call-template>
    <h1>Search</h1>
    <xsl:call-template name="version-switcher">
      <xsl:with-param name="pid" select="''"/>
      <xsl:with-param name="file" select="'search.html'"/>
    </xsl:call-template>
    <form class="qform big" id="search-form" action="search.html" method="get" role="search">
      <label class="vh" for="q">Search the full text</label>
      <input id="q" name="q" type="search" placeholder="Words to find, e.g. conformity assessment"
             autocomplete="off"/>
      <button type="submit">Search</button>
    </form>
    <p id="search-status" class="status" role="status" aria-live="polite"></p>
    <ol id="search-results" class="results"></ol>
    <noscript>
      <p class="note">Search runs in your browser and needs JavaScript. Without it, use the
        <a href="index.html">contents</a>.</p>
    </noscript>
  </xsl:template>

  <!-- ===================================================== chapter page -->
  <xsl:template match="contents/chapter" mode="main">
    <xsl:call-template name="crumbs">
      <xsl:with-param name="items">
        <li aria-current="page"><xsl:value-of select="concat('Chapter ', @number)"/></li>
      </xsl:with-param>
    </xsl:call-template>
    <h1>
      <span class="u-num"><xsl:value-of select="concat('Chapter ', @number)"/></span>
      <xsl:text> </xsl:text>
      <span class="u-title"><xsl:value-of select="@title"/></span>
    </h1>
    <xsl:call-template name="version-switcher"/>
    <xsl:apply-templates select="@id" mode="links-map-link"/>
    <xsl:call-template name="unit-list">
      <xsl:with-param name="refs" select="unit"/>
    </xsl:call-template>
    <xsl:for-each select="section">
      <section class="chp-sec" id="{@id}" aria-labelledby="h-{@id}">
        <h2 id="h-{@id}">
          <a class="pl" href="#{@id}" aria-label="Permalink to Section {@number}">¶</a>
          <xsl:value-of select="concat('Section ', @number, ': ', @title)"/>
        </h2>
        <xsl:call-template name="unit-list">
          <xsl:with-param name="refs" select=".//unit"/>
        </xsl:call-template>
      </section>
    </xsl:for-each>
    <!-- citations of this chapter or its sections in the other regulations of the library
         (Regulation (EU) 2026/1744 cites Chapter III, Sections 1 to 3), one per citing element -->
    <xsl:variable name="chp-q" select="concat($self-id, ':', @id)"/>
    <xsl:for-each select="$lib">
      <xsl:variable name="in" select="key('lib-cites-unit', $chp-q)"/>
      <xsl:if test="$in">
        <aside class="box cited-by" aria-labelledby="h-cited-by">
          <h2 id="h-cited-by">Cited by</h2>
          <ul>
            <xsl:for-each select="$in[generate-id() = generate-id(key('lib-cites-unit-from', concat($chp-q, '|', @from))[1])]">
              <li class="lib"><xsl:call-template name="lib-citer"/></li>
            </xsl:for-each>
          </ul>
        </aside>
      </xsl:if>
    </xsl:for-each>
    <nav class="pager" aria-label="Previous and next chapter">
      <xsl:for-each select="preceding-sibling::chapter[1]">
        <a class="prev" rel="prev" href="{@id}.html">
          <span class="dir">Previous</span>
          <span class="what"><xsl:value-of select="concat('Chapter ', @number, ': ', @title)"/></span>
        </a>
      </xsl:for-each>
      <xsl:for-each select="following-sibling::chapter[1]">
        <a class="next" rel="next" href="{@id}.html">
          <span class="dir">Next</span>
          <span class="what"><xsl:value-of select="concat('Chapter ', @number, ': ', @title)"/></span>
        </a>
      </xsl:for-each>
    </nav>
  </xsl:template>

  <!-- ===================================================== unit page -->
  <xsl:template match="recital|article|annex" mode="main">
    <xsl:variable name="id" select="@id"/>
    <xsl:call-template name="crumbs">
      <xsl:with-param name="items">
        <xsl:choose>
          <xsl:when test="self::recital">
            <li><a href="index.html#recitals">Recitals</a></li>
          </xsl:when>
          <xsl:when test="self::annex">
            <li><a href="index.html#annexes">Annexes</a></li>
          </xsl:when>
          <xsl:otherwise>
            <xsl:variable name="chp" select="key('chapter', @chapter) | key('toc-unit', @id)/ancestor::chapter"/>
            <xsl:variable name="sec" select="key('node', @section)/parent::*[parent::chapter] | key('toc-unit', @id)/ancestor::section"/>
            <xsl:for-each select="$chp[1]">
              <li><a href="{@id}.html"><xsl:value-of select="concat('Chapter ', @number)"/></a></li>
            </xsl:for-each>
            <xsl:for-each select="$sec[1]">
              <li><a href="{../@id}.html#{@id}"><xsl:value-of select="concat('Section ', @number)"/></a></li>
            </xsl:for-each>
          </xsl:otherwise>
        </xsl:choose>
        <li aria-current="page"><xsl:apply-templates select="." mode="label"/></li>
      </xsl:with-param>
    </xsl:call-template>

    <div class="unit-wrap">
      <article class="unit" id="{@id}">
        <h1>
          <xsl:if test="string-length(@title) > 80"><xsl:attribute name="class">long</xsl:attribute></xsl:if>
          <span class="u-num"><xsl:apply-templates select="." mode="label"/></span>
          <xsl:if test="normalize-space(@title) != ''">
            <xsl:text> </xsl:text>
            <span class="u-title"><xsl:value-of select="@title"/></span>
          </xsl:if>
        </h1>
        <xsl:call-template name="version-switcher"/>
        <xsl:call-template name="amend-mark"/>
        <xsl:call-template name="applies-note"><xsl:with-param name="unit" select="true()"/></xsl:call-template>
        <div class="body">
          <xsl:call-template name="children"/>
          <xsl:call-template name="version-gone"/>
        </div>
      </article>
      <xsl:call-template name="rail"/>
    </div>
    <xsl:call-template name="version-history"/>
    <xsl:call-template name="pager"/>
  </xsl:template>

  <!-- related units and "cited by" (context: the unit) -->
  <xsl:template name="rail">
    <xsl:variable name="id" select="@id"/>
    <xsl:variable name="related" select="key('unit', key('edge-from', $id)[@kind = 'relates-to']/@to) |
                                         key('unit', key('rel-to', $id)/@from)"/>
    <xsl:variable name="citers" select="key('node', key('cites-into', $id)/@from)/parent::*"/>
    <xsl:variable name="ext-citers"
        select="$citers[substring-before(concat(@id, '.'), '.') != $id]"/>
    <!-- citations of this unit in the other regulations of the library -->
    <xsl:variable name="unit-q" select="concat($self-id, ':', $id)"/>
    <!-- how many (key() finds the links document's edges from a node of it only; a
         filter of every library edge on every page was quadratic) -->
    <xsl:variable name="lib-citers">
      <xsl:for-each select="$lib"><xsl:value-of select="count(key('lib-cites-unit', $unit-q))"/></xsl:for-each>
    </xsl:variable>
    <!-- computed, never official: its own box under the official relations -->
    <xsl:variable name="suggested" select="key('edge-from', $id)[@kind = 'suggests'][key('unit', @to)]"/>
    <xsl:if test="$related or $suggested or $ext-citers or $lib-citers > 0">
      <div class="rail">
        <xsl:if test="$related">
          <aside class="box related" aria-labelledby="h-related">
            <h2 id="h-related">
              <xsl:choose>
                <xsl:when test="self::recital and not($related[not(self::article)])">Related articles</xsl:when>
                <xsl:when test="self::recital">Related articles and annexes</xsl:when>
                <xsl:otherwise>Related recitals</xsl:otherwise>
              </xsl:choose>
            </h2>
            <ul>
              <xsl:for-each select="$related">
                <rd:cache key="rel-li|{@id}">
                  <xsl:fallback><li><a href="{@id}.html"><xsl:apply-templates select="." mode="title"/></a></li></xsl:fallback>
                </rd:cache>
              </xsl:for-each>
            </ul>
          </aside>
        </xsl:if>
        <xsl:if test="$suggested">
          <aside class="box computed" aria-labelledby="h-computed">
            <h2 id="h-computed">Possibly related (computed)</h2>
            <p class="note">Not from a source: computed from the text (citations, shared defined terms, words).</p>
            <ul>
              <xsl:for-each select="$suggested">
                <li>
                  <rd:cache key="unit-a|{@to}">
                    <xsl:fallback><a href="{@to}.html"><xsl:apply-templates select="key('unit', @to)" mode="title"/></a></xsl:fallback>
                  </rd:cache>
                  <span class="score"><xsl:value-of select="concat(' score ', @score)"/></span>
                  <span class="evidence"><xsl:value-of select="@evidence"/></span>
                </li>
              </xsl:for-each>
            </ul>
          </aside>
        </xsl:if>
        <xsl:if test="$ext-citers or $lib-citers > 0">
          <aside class="box cited-by" aria-labelledby="h-cited-by">
            <h2 id="h-cited-by">Cited by</h2>
            <ul>
              <xsl:for-each select="$ext-citers">
                <xsl:variable name="from" select="@id"/>
                <li>
                  <a>
                    <xsl:attribute name="href">
                      <xsl:call-template name="href-of"><xsl:with-param name="id" select="$from"/></xsl:call-template>
                    </xsl:attribute>
                    <xsl:apply-templates select="." mode="label"/>
                  </a>
                  <xsl:variable name="targets" select="key('node', key('edge-from', $from)[@kind = 'cites'][substring-before(concat(@to, '.'), '.') = $id]/@to)/parent::*[@id != $id]"/>
                  <xsl:if test="$targets">
                    <span class="to">
                      <xsl:text> → </xsl:text>
                      <xsl:for-each select="$targets">
                        <xsl:if test="position() > 1"><xsl:text>, </xsl:text></xsl:if>
                        <a href="#{@id}">
                          <xsl:call-template name="short-label"><xsl:with-param name="unit-id" select="$id"/></xsl:call-template>
                        </a>
                      </xsl:for-each>
                    </span>
                  </xsl:if>
                </li>
              </xsl:for-each>
              <!-- one entry per citing element of another regulation, with the targets -->
              <xsl:for-each select="$lib">
              <xsl:for-each select="key('lib-cites-unit', $unit-q)[generate-id() =
                                    generate-id(key('lib-cites-unit-from', concat($unit-q, '|', @from))[1])]">
                <xsl:variable name="from" select="@from"/>
                <li class="lib">
                  <xsl:call-template name="lib-citer"/>
                  <xsl:variable name="targets" select="key('lib-cites-unit-from', concat($unit-q, '|', $from))[substring-after(@to, ':') != $id]"/>
                  <xsl:if test="$targets">
                    <span class="to">
                      <xsl:text> → </xsl:text>
                      <xsl:for-each select="$targets">
                        <xsl:variable name="t" select="substring-after(@to, ':')"/>
                        <xsl:if test="position() > 1"><xsl:text>, </xsl:text></xsl:if>
                        <xsl:for-each select="$reg">
                          <xsl:for-each select="key('node', $t)/parent::*">
                            <a href="#{@id}">
                              <xsl:call-template name="short-label"><xsl:with-param name="unit-id" select="$id"/></xsl:call-template>
                            </a>
                          </xsl:for-each>
                        </xsl:for-each>
                      </xsl:for-each>
                    </span>
                  </xsl:if>
                </li>
              </xsl:for-each>
              </xsl:for-each>
            </ul>
          </aside>
        </xsl:if>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- the citing element of a library edge (context: the edge), as a link to its page
       in its regulation's site: "Cyber Resilience Act, Article 12(1)" -->
  <xsl:template name="lib-citer">
    <xsl:variable name="from-reg" select="substring-before(@from, ':')"/>
    <xsl:variable name="from-id" select="substring-after(@from, ':')"/>
    <xsl:variable name="entry" select="$lib/regulation[@id = $from-reg]"/>
    <xsl:variable name="href">
      <xsl:call-template name="lib-href-of">
        <xsl:with-param name="reg" select="$from-reg"/>
        <xsl:with-param name="id" select="$from-id"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="label">
      <xsl:value-of select="concat(normalize-space($entry/short-title), ', ')"/>
      <xsl:for-each select="document($entry/@graph, $entry)">
        <xsl:apply-templates select="key('node', $from-id)/parent::*" mode="label"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$href != ''"><a class="lib" href="{$href}"><xsl:value-of select="$label"/></a></xsl:when>
      <xsl:otherwise><xsl:value-of select="$label"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the label of an element without its unit's label: "(1)", "point 4.6" -->
  <xsl:template name="short-label">
    <xsl:param name="unit-id"/>
    <xsl:variable name="full"><xsl:apply-templates select="." mode="label"/></xsl:variable>
    <xsl:variable name="unit-label"><xsl:apply-templates select="key('unit', $unit-id)" mode="label"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="starts-with($full, concat($unit-label, ', '))">
        <xsl:value-of select="substring-after($full, concat($unit-label, ', '))"/>
      </xsl:when>
      <xsl:when test="starts-with($full, $unit-label)">
        <xsl:value-of select="substring-after($full, $unit-label)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$full"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- previous / next unit in reading order: recitals, articles, annexes -->
  <xsl:template name="pager">
    <!-- the last unit of the kind before is looked for only on the first page of a kind
         (*[last()] walks all of that kind: on every page, the site was quadratic); "first
         of its kind" is tested with preceding-sibling::*[1], which stops at once, where
         preceding-sibling::* collected every unit before this one -->
    <xsl:variable name="prev" select="(preceding-sibling::*[1] | ../preceding-sibling::*[self::recitals or self::articles or self::annexes][*][1][not(current()/preceding-sibling::*[1])]/*[last()])[last()]"/>
    <xsl:variable name="next" select="(following-sibling::*[1] | ../following-sibling::*[self::recitals or self::articles or self::annexes][*][1]/*[1])[1]"/>
    <nav class="pager" aria-label="Previous and next">
      <xsl:for-each select="$prev">
        <a class="prev" rel="prev" href="{@id}.html">
          <span class="dir">Previous</span>
          <span class="what"><xsl:apply-templates select="." mode="title"/></span>
        </a>
      </xsl:for-each>
      <xsl:for-each select="$next">
        <a class="next" rel="next" href="{@id}.html">
          <span class="dir">Next</span>
          <span class="what"><xsl:apply-templates select="." mode="title"/></span>
        </a>
      </xsl:for-each>
    </nav>
  </xsl:template>

</xsl:stylesheet>
