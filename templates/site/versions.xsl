<?xml version="1.0" encoding="UTF-8"?>
<!--
  versions.xsl - the law in time (doc/site.md, "Versions"): which version a page shows,
  the version switcher and the history of a unit page, the anchors of provisions an
  amendment deleted, and the page of what changed on a version's date. Included by
  site.xsl.

  Data: the versions document (templates/schema/site-versions.rng, parameter
  `versions`), which names each version's graph and its changes from the version before
  (a diff document, templates/schema/diff.rng, computed by regdoc in C with the word
  differences), read with document(). Without it (one version) nothing here shows.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common" exclude-result-prefixes="exsl">

  <!-- the changes documents' units, by id (root-anchored: see site.xsl) -->
  <xsl:key name="chg-unit" match="/diff/regulation/unit" use="@id"/>
  <!-- the history document's elements (templates/schema/history.rng), by id -->
  <xsl:key name="hist" match="/history/element" use="@id"/>

  <xsl:variable name="vers" select="document($versions)/versions/regulation[@id = $self-id]"/>
  <xsl:variable name="vshown" select="$vers/version[@id = $version]"/>
  <!-- from a page of the version shown to the site's root ('' or '../../') -->
  <xsl:variable name="to-root">
    <xsl:if test="$vshown and $vers/@root != $version">../../</xsl:if>
  </xsl:variable>
  <!-- the versions up to the one shown, and the changes that made them -->
  <xsl:variable name="vupto" select="$vshown | $vshown/preceding-sibling::version"/>
  <!-- the history of the regulation (its amended elements and the amending provisions) -->
  <xsl:variable name="hist" select="document($vers/@history)/history"/>
  <!-- "|id|id|…|": the elements an amendment marked up to the version shown (one
       contains() per element of a page, not a lookup in another document) -->
  <xsl:variable name="amended">
    <xsl:text>|</xsl:text>
    <xsl:for-each select="$hist/element[change[@by and @version = $vupto/@id]]">
      <xsl:value-of select="concat(@id, '|')"/>
    </xsl:for-each>
  </xsl:variable>
  <!-- this graph's amends edges (an amending act's site), once -->
  <xsl:variable name="has-amends" select="boolean(/regulation/edges/edge[@kind = 'amends'])"/>

  <!-- "Regulation (EU) 2026/1744" from a CELEX number of a regulation (3YYYYRNNNN) -->
  <xsl:template name="act-of-celex">
    <xsl:param name="celex"/>
    <xsl:choose>
      <xsl:when test="string-length($celex) = 10 and substring($celex, 6, 1) = 'R'">
        <xsl:value-of select="concat('Regulation (EU) ', substring($celex, 2, 4), '/', number(substring($celex, 7)))"/>
      </xsl:when>
      <xsl:when test="string-length($celex) = 10 and substring($celex, 6, 1) = 'L'">
        <xsl:value-of select="concat('Directive (EU) ', substring($celex, 2, 4), '/', number(substring($celex, 7)))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="concat('CELEX ', $celex)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- an amending provision's label: "Article 1, point (35)", "Article 1, point (2)(a)"
       (the points of an amending article are its numbered amendments) -->
  <xsl:template match="*" mode="amend-label">
    <xsl:variable name="top" select="ancestor-or-self::point[parent::article][1]"/>
    <xsl:choose>
      <xsl:when test="$top">
        <xsl:apply-templates select="$top/.." mode="label"/>
        <xsl:value-of select="concat(', point (', $top/@label, ')')"/>
        <xsl:for-each select="ancestor-or-self::point[ancestor::point[parent::article]]">
          <xsl:value-of select="concat('(', @label, ')')"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates select="." mode="label"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The same label from the id alone, when the amending act is not in the library:
       art-1.35.a → "Article 1, point (35)(a)"; other ids as they are. -->
  <xsl:template name="amend-id-label">
    <xsl:param name="id"/>
    <xsl:variable name="rest" select="substring-after($id, '.')"/>
    <xsl:choose>
      <xsl:when test="starts-with($id, 'art-')">
        <xsl:value-of select="concat('Article ', substring-before(concat(substring-after($id, 'art-'), '.'), '.'))"/>
        <xsl:if test="$rest != ''">
          <xsl:value-of select="concat(', point (', substring-before(concat($rest, '.'), '.'), ')')"/>
          <xsl:call-template name="amend-id-points">
            <xsl:with-param name="rest" select="substring-after($rest, '.')"/>
          </xsl:call-template>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$id"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="amend-id-points">
    <xsl:param name="rest"/>
    <xsl:if test="$rest != ''">
      <xsl:value-of select="concat('(', substring-before(concat($rest, '.'), '.'), ')')"/>
      <xsl:call-template name="amend-id-points">
        <xsl:with-param name="rest" select="substring-after($rest, '.')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ===================================================== dates of application -->
  <!-- From when the element applies, and the provision that says so (doc/application.md:
       applies-from / applies-by on the units, and on an element inside one where they
       differ; applies-by alone: the dates depend on the case, the application rule's
       <when>s). Context: an element; unit: 1 on the unit itself. -->
  <xsl:template name="applies-note">
    <xsl:param name="unit" select="false()"/>
    <xsl:if test="@applies-from or @applies-by">
      <xsl:variable name="by" select="string(@applies-by)"/>
      <p class="applies">
        <xsl:choose>
          <xsl:when test="@applies-from">
            <xsl:text>Applies from </xsl:text>
            <xsl:call-template name="date-long"><xsl:with-param name="d" select="@applies-from"/></xsl:call-template>
            <xsl:if test="$by != ''">
              <xsl:text>, </xsl:text>
              <xsl:call-template name="applies-by-link"><xsl:with-param name="by" select="$by"/></xsl:call-template>
            </xsl:if>
          </xsl:when>
          <xsl:otherwise>
            <xsl:text>Applies from </xsl:text>
            <xsl:for-each select="$reg/application/applies[@by = $by][1]/when">
              <xsl:if test="position() > 1"><xsl:text>; from </xsl:text></xsl:if>
              <xsl:call-template name="date-long"><xsl:with-param name="d" select="@date"/></xsl:call-template>
              <xsl:value-of select="concat(' for ', normalize-space(.), ', ')"/>
              <xsl:call-template name="applies-by-link"><xsl:with-param name="by" select="@by"/></xsl:call-template>
            </xsl:for-each>
          </xsl:otherwise>
        </xsl:choose>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- the provision a date comes from, linked: an id of this graph or a qualified one -->
  <xsl:template name="applies-by-link">
    <xsl:param name="by"/>
    <xsl:choose>
      <xsl:when test="contains($by, ':')">
        <xsl:variable name="reg" select="substring-before($by, ':')"/>
        <xsl:variable name="id" select="substring-after($by, ':')"/>
        <xsl:variable name="entry" select="$lib/regulation[@id = $reg]"/>
        <xsl:variable name="href">
          <xsl:call-template name="lib-href-of">
            <xsl:with-param name="reg" select="$reg"/>
            <xsl:with-param name="id" select="$id"/>
          </xsl:call-template>
        </xsl:variable>
        <!-- not in the library (a site on its own): an act that amended this one is
             known to the history by its CELEX number -->
        <xsl:variable name="celex" select="($entry/@celex | $hist/version[@amended-by = $reg]/@amended-by-celex)[1]"/>
        <xsl:variable name="label">
          <xsl:choose>
            <xsl:when test="$entry">
              <xsl:call-template name="act-of-celex"><xsl:with-param name="celex" select="$entry/@celex"/></xsl:call-template>
              <xsl:text>, </xsl:text>
              <xsl:for-each select="document($entry/@graph, $entry)">
                <xsl:apply-templates select="key('node', $id)/parent::*" mode="label"/>
              </xsl:for-each>
            </xsl:when>
            <xsl:when test="$celex">
              <xsl:call-template name="act-of-celex"><xsl:with-param name="celex" select="$celex"/></xsl:call-template>
              <xsl:text>, </xsl:text>
              <xsl:call-template name="amend-id-label"><xsl:with-param name="id" select="$id"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="$by"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="$href != ''"><a href="{$href}"><xsl:value-of select="$label"/></a></xsl:when>
          <xsl:when test="$celex">
            <a href="https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{$celex}"><xsl:value-of select="$label"/></a>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$label"/></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="href">
          <xsl:call-template name="href-of"><xsl:with-param name="id" select="$by"/></xsl:call-template>
        </xsl:variable>
        <xsl:variable name="label"><xsl:apply-templates select="key('node', $by)/parent::*" mode="label"/></xsl:variable>
        <xsl:choose>
          <xsl:when test="$href != '' and $label != ''"><a href="{$href}"><xsl:value-of select="$label"/></a></xsl:when>
          <xsl:otherwise><xsl:value-of select="$by"/></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===================================================== amendment marks -->
  <!-- What an amendment did to this element (context: an element with an id), with a
       link to the amending provision on the amending act's site (EUR-Lex without a
       library): "Replaced by Regulation (EU) 2026/1744, Article 1, point (19)". -->
  <xsl:template name="amend-mark">
    <!-- the versions whose amendments to show (the history of a unit: one) -->
    <xsl:param name="in" select="$vupto"/>
    <xsl:param name="own" select="true()"/>
    <xsl:if test="($own and contains($amended, concat('|', @id, '|'))) or (not($own) and $hist)">
      <xsl:variable name="id" select="@id"/>
      <xsl:for-each select="$hist">
        <xsl:for-each select="key('hist', $id)/change[@by and @version = $in/@id]">
          <xsl:variable name="reg" select="substring-before(@by, ':')"/>
          <xsl:variable name="pid" select="substring-after(@by, ':')"/>
          <xsl:variable name="v" select="$hist/version[@id = current()/@version]"/>
          <xsl:variable name="entry" select="$lib/regulation[@id = $reg]"/>
          <xsl:variable name="href">
            <xsl:call-template name="lib-href-of">
              <xsl:with-param name="reg" select="$reg"/>
              <xsl:with-param name="id" select="$pid"/>
            </xsl:call-template>
          </xsl:variable>
          <span class="amend amend-{@status}">
            <xsl:choose>
              <xsl:when test="@part = 'title'">Title replaced</xsl:when>
              <xsl:when test="@part = 'intro'">Introductory wording replaced</xsl:when>
              <xsl:when test="@part = 'sub1'">First subparagraph replaced</xsl:when>
              <xsl:when test="@status = 'inserted'">Inserted</xsl:when>
              <xsl:when test="@status = 'deleted'">Deleted</xsl:when>
              <xsl:when test="@level = 'text'">Punctuation amended</xsl:when>
              <xsl:otherwise>Replaced</xsl:otherwise>
            </xsl:choose>
            <xsl:text> by </xsl:text>
            <xsl:variable name="label">
              <xsl:call-template name="act-of-celex">
                <xsl:with-param name="celex" select="($entry/@celex | $v/@amended-by-celex)[1]"/>
              </xsl:call-template>
              <xsl:text>, </xsl:text>
              <xsl:choose>
                <xsl:when test="$entry">
                  <xsl:for-each select="document($entry/@graph, $entry)">
                    <xsl:apply-templates select="key('node', $pid)/parent::*" mode="amend-label"/>
                  </xsl:for-each>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:call-template name="amend-id-label"><xsl:with-param name="id" select="$pid"/></xsl:call-template>
                </xsl:otherwise>
              </xsl:choose>
            </xsl:variable>
            <xsl:choose>
              <xsl:when test="$href != ''"><a class="amend-by" href="{$href}"><xsl:value-of select="$label"/></a></xsl:when>
              <xsl:when test="$v/@amended-by-celex">
                <a class="amend-by" href="https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{$v/@amended-by-celex}">
                  <xsl:value-of select="$label"/>
                </a>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="$label"/></xsl:otherwise>
            </xsl:choose>
            <xsl:text>, from </xsl:text>
            <xsl:call-template name="date-long"><xsl:with-param name="d" select="$v/@applies-from"/></xsl:call-template>
          </span>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:if>
    <xsl:if test="$has-amends and $own">
      <xsl:call-template name="amends-list"/>
    </xsl:if>
  </xsl:template>

  <!-- On the amending act's pages: what each provision amended (context: an element
       with an id), linked into the amended regulation's site: "Replaces AI Act,
       Article 43(3)". -->
  <xsl:template name="amends-list">
    <xsl:variable name="edges" select="key('edge-from', @id)[@kind = 'amends']"/>
    <xsl:if test="$edges">
      <span class="amends">
        <xsl:for-each select="$edges">
          <xsl:variable name="reg" select="substring-before(@to, ':')"/>
          <xsl:variable name="tid" select="substring-after(@to, ':')"/>
          <xsl:variable name="entry" select="$lib/regulation[@id = $reg]"/>
          <xsl:variable name="href">
            <xsl:call-template name="lib-href-of">
              <xsl:with-param name="reg" select="$reg"/>
              <xsl:with-param name="id" select="$tid"/>
            </xsl:call-template>
          </xsl:variable>
          <xsl:if test="position() > 1"><xsl:text> · </xsl:text></xsl:if>
          <span class="amend amend-{@action}">
            <xsl:choose>
              <xsl:when test="@part = 'title'">Replaces the title of</xsl:when>
              <xsl:when test="@part = 'intro'">Replaces the introductory wording of</xsl:when>
              <xsl:when test="@part = 'sub1'">Replaces the first subparagraph of</xsl:when>
              <xsl:when test="@action = 'inserted'">Inserts</xsl:when>
              <xsl:when test="@action = 'deleted'">Deletes</xsl:when>
              <xsl:otherwise>Replaces</xsl:otherwise>
            </xsl:choose>
            <xsl:text> </xsl:text>
            <xsl:variable name="label">
              <xsl:choose>
                <xsl:when test="$entry">
                  <xsl:value-of select="concat(normalize-space($entry/short-title), ', ')"/>
                  <xsl:for-each select="document($entry/@graph, $entry)">
                    <xsl:apply-templates select="key('node', $tid)/parent::*" mode="label"/>
                  </xsl:for-each>
                </xsl:when>
                <xsl:otherwise><xsl:value-of select="@to"/></xsl:otherwise>
              </xsl:choose>
            </xsl:variable>
            <xsl:choose>
              <xsl:when test="$href != ''"><a class="amends-to" href="{$href}"><xsl:value-of select="$label"/></a></xsl:when>
              <xsl:otherwise><xsl:value-of select="$label"/></xsl:otherwise>
            </xsl:choose>
          </span>
        </xsl:for-each>
      </span>
    </xsl:if>
  </xsl:template>


  <!-- the file of the page of what changed on a version's date (context: version) -->
  <xsl:template match="version" mode="changes-file">
    <xsl:value-of select="concat('changes-', @id, '.html')"/>
  </xsl:template>

  <!-- ===================================================== banner -->
  <!-- On every page of a version that is not the latest: which text it is, and the
       same page in the latest version (page: its file name). -->
  <xsl:template name="version-banner">
    <xsl:param name="page"/>
    <xsl:param name="kind"/>
    <xsl:variable name="latest" select="$vers/version[last()]"/>
    <xsl:if test="$vshown and $vshown/@id != $latest/@id">
      <xsl:variable name="there">
        <xsl:choose>
          <xsl:when test="$kind = 'unit' or $kind = 'chapter'">
            <xsl:variable name="pid" select="substring-before($page, '.html')"/>
            <xsl:for-each select="document($latest/@graph)">
              <xsl:if test="key('page', $pid)">1</xsl:if>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise>1</xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <p class="v-banner" role="note">
        <xsl:text>This is the text applicable from </xsl:text>
        <xsl:call-template name="date-long"><xsl:with-param name="d" select="$vshown/@applies-from"/></xsl:call-template>
        <xsl:value-of select="concat(' (', $vshown/@label, '). ')"/>
        <xsl:text>It was amended: </xsl:text>
        <a href="{$to-root}{$latest/@href}{substring('index.html', 1, 10 * ($there != '1'))}{substring($page, 1, string-length($page) * ($there = '1'))}">
          <xsl:text>the text applicable from </xsl:text>
          <xsl:call-template name="date-long"><xsl:with-param name="d" select="$latest/@applies-from"/></xsl:call-template>
        </a>
        <xsl:text>.</xsl:text>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- ===================================================== home -->
  <!-- On a regulation's home page: every version's home, and the pages of what
       changed (context: the regulation). -->
  <xsl:template name="version-home">
    <xsl:if test="$vshown">
      <nav class="v-switch v-home" aria-label="Versions">
        <span class="v-h">Version: </span>
        <ul>
          <xsl:for-each select="$vers/version">
            <li>
              <a href="{$to-root}{@href}index.html" title="{@label}">
                <xsl:if test="@id = $version"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
                <xsl:text>from </xsl:text>
                <xsl:call-template name="date-long"><xsl:with-param name="d" select="@applies-from"/></xsl:call-template>
              </a>
            </li>
          </xsl:for-each>
        </ul>
        <ul class="v-changes">
          <xsl:for-each select="$vers/version[@changes]">
            <li>
              <a href="{$to-root}changes-{@id}.html">
                <xsl:text>What changed on </xsl:text>
                <xsl:call-template name="date-long"><xsl:with-param name="d" select="@applies-from"/></xsl:call-template>
              </a>
            </li>
          </xsl:for-each>
        </ul>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- ===================================================== switcher -->
  <!-- The same page in each version: a link, the current one marked, "not in this
       version" where the version has no such page. On every page of a regulation in
       several versions but its home (version-home): units and chapters (pid: the
       unit's or chapter's id, looked up in each version's graph), a chapter's links
       map, the search (pid '': in every version); the page of what changed is at the
       root only (file ''): each version's home. Context: any node of the graph. -->
  <xsl:template name="version-switcher">
    <xsl:param name="pid" select="string(@id)"/>
    <xsl:param name="file" select="concat($pid, '.html')"/>
    <xsl:if test="$vshown">
      <nav class="v-switch" aria-label="Versions">
        <span class="v-h">Version: </span>
        <ul>
          <xsl:for-each select="$vers/version">
            <li>
              <xsl:variable name="date">
                <xsl:call-template name="date-long"><xsl:with-param name="d" select="@applies-from"/></xsl:call-template>
              </xsl:variable>
              <xsl:variable name="in">
                <xsl:choose>
                  <xsl:when test="@id = $version or $pid = ''">1</xsl:when>
                  <xsl:otherwise>
                    <xsl:for-each select="document(@graph)">
                      <xsl:if test="key('page', $pid)">1</xsl:if>
                    </xsl:for-each>
                  </xsl:otherwise>
                </xsl:choose>
              </xsl:variable>
              <xsl:choose>
                <xsl:when test="$file = ''">
                  <a href="{$to-root}{@href}index.html" title="{@label}" hreflang="{$lang}">
                    <xsl:value-of select="concat('from ', $date)"/>
                  </a>
                </xsl:when>
                <xsl:when test="@id = $version">
                  <a href="{$file}" aria-current="page" title="{@label}">
                    <xsl:value-of select="concat('from ', $date)"/>
                  </a>
                </xsl:when>
                <xsl:when test="$in = '1'">
                  <a href="{$to-root}{@href}{$file}" title="{@label}" hreflang="{$lang}">
                    <xsl:value-of select="concat('from ', $date)"/>
                  </a>
                </xsl:when>
                <xsl:otherwise>
                  <span class="v-absent" title="{@label}">
                    <xsl:value-of select="concat('from ', $date, ': not in this version')"/>
                  </span>
                </xsl:otherwise>
              </xsl:choose>
            </li>
          </xsl:for-each>
        </ul>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- ===================================================== deleted anchors -->
  <!-- Every permalink ever published keeps resolving: an element of an earlier version
       that this version no longer has keeps its anchor here, marked [deleted] (context:
       the unit). -->
  <xsl:template name="version-gone">
    <xsl:variable name="id" select="@id"/>
    <xsl:variable name="here" select="/"/>
    <xsl:variable name="gone">
      <xsl:for-each select="$vupto[@changes]">
        <xsl:variable name="vid" select="@id"/>
        <xsl:for-each select="document(@changes)">
          <xsl:for-each select="key('chg-unit', $id)/element[@change = 'removed']">
            <xsl:variable name="eid" select="@id"/>
            <xsl:variable name="label" select="@label"/>
            <xsl:for-each select="$here">
              <xsl:if test="not(key('node', $eid)/parent::*)">
                <g id="{$eid}" label="{$label}" v="{$vid}"/>
              </xsl:if>
            </xsl:for-each>
          </xsl:for-each>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:variable>
    <xsl:if test="exsl:node-set($gone)/g">
      <div class="v-gone">
        <xsl:for-each select="exsl:node-set($gone)/g">
          <p class="gone" id="{@id}">
            <xsl:variable name="v" select="$vers/version[@id = current()/@v]"/>
            <xsl:value-of select="@label"/>
            <xsl:text> [deleted] </xsl:text>
            <a class="v-when" href="#history">
              <xsl:text>since </xsl:text>
              <xsl:call-template name="date-long"><xsl:with-param name="d" select="$v/@applies-from"/></xsl:call-template>
            </a>
          </p>
        </xsl:for-each>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- ===================================================== history -->
  <!-- Every version's wording of the unit (context: the unit): newest first, each
       change from the version before word by word; the versions without a change. -->
  <xsl:template name="version-history">
    <xsl:variable name="id" select="@id"/>
    <xsl:if test="$vshown">
      <section class="history" id="history" aria-labelledby="h-history">
        <h2 id="h-history">History</h2>
        <ol class="v-list">
          <xsl:for-each select="$vers/version">
            <xsl:sort select="position()" data-type="number" order="descending"/>
            <xsl:variable name="v" select="."/>
            <li>
              <h3>
                <xsl:call-template name="date-long"><xsl:with-param name="d" select="@applies-from"/></xsl:call-template>
                <xsl:value-of select="concat(': ', @label)"/>
                <xsl:if test="@id = $version"><span class="v-cur"> (shown)</span></xsl:if>
              </h3>
              <xsl:choose>
                <xsl:when test="not(@changes)">
                  <p class="v-note">The first version.</p>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:for-each select="document(@changes)">
                    <xsl:variable name="u" select="key('chg-unit', $id)"/>
                    <xsl:choose>
                      <xsl:when test="not($u)">
                        <p class="v-note">No change to this unit.</p>
                      </xsl:when>
                      <xsl:when test="$u/@change = 'added'">
                        <p class="v-note">Inserted.</p>
                        <xsl:apply-templates select="$u/new" mode="v-diff"/>
                      </xsl:when>
                      <xsl:when test="$u/@change = 'removed'">
                        <p class="v-note">Deleted.</p>
                        <xsl:apply-templates select="$u/old" mode="v-diff"/>
                      </xsl:when>
                      <xsl:otherwise>
                        <xsl:apply-templates select="$u/element" mode="v-diff">
                          <xsl:with-param name="v" select="$v"/>
                        </xsl:apply-templates>
                      </xsl:otherwise>
                    </xsl:choose>
                  </xsl:for-each>
                </xsl:otherwise>
              </xsl:choose>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- one changed element (context: diff element): its label in the version that has
       it, what happened, the words -->
  <xsl:template match="element" mode="v-diff">
    <xsl:param name="v"/>
    <div class="v-el v-{@change}">
      <p class="v-what">
        <xsl:variable name="side" select="$v[current()/@change != 'removed'] |
                                          $v/preceding-sibling::version[1][current()/@change = 'removed']"/>
        <a href="{$to-root}{$side/@href}{substring-before(concat(@id, '.'), '.')}.html#{@id}">
          <xsl:value-of select="@label"/>
        </a>
        <xsl:choose>
          <xsl:when test="@change = 'added'"> inserted</xsl:when>
          <xsl:when test="@change = 'removed'"> deleted</xsl:when>
          <xsl:otherwise> changed</xsl:otherwise>
        </xsl:choose>
        <xsl:text> </xsl:text>
        <xsl:call-template name="amend-mark">
          <xsl:with-param name="in" select="$v"/>
          <xsl:with-param name="own" select="false()"/>
        </xsl:call-template>
      </p>
      <xsl:for-each select="title">
        <p class="v-text">Title: <del><xsl:value-of select="@old"/></del><xsl:text> </xsl:text><ins><xsl:value-of select="@new"/></ins></p>
      </xsl:for-each>
      <xsl:choose>
        <xsl:when test="words">
          <p class="v-text">
            <xsl:for-each select="words/*">
              <xsl:if test="position() > 1"><xsl:text> </xsl:text></xsl:if>
              <xsl:choose>
                <xsl:when test="self::del"><del><xsl:value-of select="."/></del></xsl:when>
                <xsl:when test="self::ins"><ins><xsl:value-of select="."/></ins></xsl:when>
                <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
          </p>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates select="old | new" mode="v-diff"/></xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>

  <xsl:template match="old" mode="v-diff"><p class="v-text"><del><xsl:value-of select="."/></del></p></xsl:template>
  <xsl:template match="new" mode="v-diff"><p class="v-text"><ins><xsl:value-of select="."/></ins></p></xsl:template>

  <!-- ===================================================== what changed -->
  <!-- The pages of what changed on each version's date, on the site at the root. -->
  <xsl:template name="version-changes-pages">
    <xsl:if test="$vshown and $vers/@root = $version">
      <xsl:for-each select="$vers/version[@changes]">
        <xsl:variable name="date">
          <xsl:call-template name="date-long"><xsl:with-param name="d" select="@applies-from"/></xsl:call-template>
        </xsl:variable>
        <xsl:variable name="file"><xsl:apply-templates select="." mode="changes-file"/></xsl:variable>
        <xsl:variable name="vid" select="@id"/>
        <xsl:for-each select="$reg">
          <xsl:call-template name="page">
            <xsl:with-param name="file" select="$file"/>
            <xsl:with-param name="kind" select="'changes'"/>
            <xsl:with-param name="title" select="concat('What changed on ', $date, ' – ', $short-title)"/>
            <xsl:with-param name="current" select="$vid"/>
          </xsl:call-template>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- its main content (context: the regulation; vid: the version) -->
  <xsl:template name="changes-main">
    <xsl:param name="vid"/>
    <xsl:variable name="v" select="$vers/version[@id = $vid]"/>
    <xsl:variable name="old" select="$v/preceding-sibling::version[1]"/>
    <xsl:variable name="date">
      <xsl:call-template name="date-long"><xsl:with-param name="d" select="$v/@applies-from"/></xsl:call-template>
    </xsl:variable>
    <xsl:call-template name="crumbs">
      <xsl:with-param name="items"><li aria-current="page">What changed</li></xsl:with-param>
    </xsl:call-template>
    <h1><xsl:value-of select="concat('What changed on ', $date)"/></h1>
    <xsl:call-template name="version-switcher">
      <xsl:with-param name="file" select="''"/>
    </xsl:call-template>
    <p class="v-src">
      <xsl:value-of select="concat($v/@label, '. The text before: ', $old/@label, ', applicable from ')"/>
      <xsl:call-template name="date-long"><xsl:with-param name="d" select="$old/@applies-from"/></xsl:call-template>
      <xsl:text>.</xsl:text>
    </p>
    <xsl:for-each select="document($v/@changes)/diff/regulation">
      <p class="stats">
        <xsl:value-of select="concat(summary/@elements-changed, ' provisions changed, ',
                              summary/@elements-added, ' inserted, ',
                              summary/@elements-removed, ' deleted; ',
                              summary/@units-added, ' units inserted, ',
                              summary/@units-removed, ' deleted')"/>
      </p>
      <xsl:for-each select="unit">
        <section class="v-unit">
          <h2>
            <xsl:choose>
              <xsl:when test="@change = 'removed'">
                <a href="{$to-root}{$old/@href}{@id}.html"><xsl:value-of select="@label"/></a>
              </xsl:when>
              <xsl:otherwise>
                <a href="{$to-root}{$v/@href}{@id}.html"><xsl:value-of select="@label"/></a>
              </xsl:otherwise>
            </xsl:choose>
            <xsl:if test="@title"><xsl:value-of select="concat(' ', @title)"/></xsl:if>
            <xsl:choose>
              <xsl:when test="@change = 'added'"> (inserted)</xsl:when>
              <xsl:when test="@change = 'removed'"> (deleted)</xsl:when>
            </xsl:choose>
          </h2>
          <xsl:call-template name="amend-mark">
            <xsl:with-param name="in" select="$v"/>
            <xsl:with-param name="own" select="false()"/>
          </xsl:call-template>
          <xsl:if test="@change = 'changed'">
            <p class="v-both">
              <a href="{$to-root}{$old/@href}{@id}.html">Before</a>
              <xsl:text> · </xsl:text>
              <a href="{$to-root}{$v/@href}{@id}.html">After</a>
            </p>
          </xsl:if>
          <xsl:apply-templates select="element" mode="v-diff">
            <xsl:with-param name="v" select="$v"/>
          </xsl:apply-templates>
        </section>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
