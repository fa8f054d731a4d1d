<?xml version="1.0" encoding="UTF-8"?>
<!--
  text.xsl - the body of a unit: paragraphs, subparagraphs, points, annex sections
  (mode "body") and inline content of <text> (default mode). Included by site.xsl.
  Every element with an id gets that id as its HTML id and a permalink "¶".
  Text nodes are output as text: the serializer escapes them; nothing here uses
  disable-output-escaping.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:rd="urn:x-regdoc:xslt" extension-element-prefixes="rd">

  <!-- ===================================================== permalink -->
  <xsl:template name="permalink">
    <a class="pl" href="#{@id}">
      <xsl:attribute name="aria-label">
        <xsl:text>Permalink to </xsl:text>
        <xsl:apply-templates select="." mode="label"/>
      </xsl:attribute>
      <xsl:text>¶</xsl:text>
    </a>
  </xsl:template>

  <!-- ===================================================== structure (mode body) -->

  <!-- The children of a container, in order: its text blocks, points, subs, sections.
       Consecutive points are one list. -->
  <xsl:template name="children">
    <xsl:for-each select="*">
      <xsl:choose>
        <xsl:when test="self::point">
          <xsl:if test="not(preceding-sibling::*[1][self::point])">
            <ol class="points">
              <xsl:apply-templates select="." mode="point-run"/>
            </ol>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="." mode="body"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- a run of sibling points: this one, then the next if it is a point -->
  <xsl:template match="point" mode="point-run">
    <xsl:apply-templates select="." mode="body"/>
    <xsl:apply-templates select="following-sibling::*[1][self::point]" mode="point-run"/>
  </xsl:template>

  <xsl:template match="text" mode="body">
    <p><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="para" mode="body">
    <div class="para" id="{@id}">
      <xsl:call-template name="permalink"/>
      <span class="num"><xsl:value-of select="concat(@n, '.')"/></span>
      <xsl:call-template name="amend-mark"/>
      <xsl:call-template name="applies-note"/>
      <xsl:call-template name="children"/>
    </div>
  </xsl:template>

  <xsl:template match="sub" mode="body">
    <div class="sub" id="{@id}">
      <xsl:call-template name="permalink"/>
      <xsl:call-template name="amend-mark"/>
      <xsl:call-template name="applies-note"/>
      <xsl:call-template name="children"/>
    </div>
  </xsl:template>

  <xsl:template match="point" mode="body">
    <li id="{@id}">
      <xsl:call-template name="permalink"/>
      <span class="lbl">
        <xsl:choose>
          <xsl:when test="ancestor::annex and translate(substring(@label, 1, 1), '0123456789', '') = ''">
            <xsl:value-of select="concat(@label, '.')"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="concat('(', @label, ')')"/>
          </xsl:otherwise>
        </xsl:choose>
      </span>
      <xsl:call-template name="amend-mark"/>
      <xsl:call-template name="applies-note"/>
      <xsl:call-template name="children"/>
    </li>
  </xsl:template>

  <!-- annex sections: nested headings h2..h6 -->
  <xsl:template match="section" mode="body">
    <xsl:variable name="depth" select="count(ancestor::section) + 2"/>
    <section class="asec" id="{@id}">
      <xsl:variable name="hl">
        <xsl:choose>
          <xsl:when test="$depth > 6">6</xsl:when>
          <xsl:otherwise><xsl:value-of select="$depth"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:element name="h{$hl}">
        <xsl:call-template name="permalink"/>
        <xsl:call-template name="section-heading"/>
      </xsl:element>
      <xsl:call-template name="amend-mark"/>
      <xsl:call-template name="applies-note"/>
      <xsl:call-template name="children"/>
    </section>
  </xsl:template>

  <xsl:template name="section-heading">
    <xsl:choose>
      <xsl:when test="@kind = 'numbered'">
        <xsl:value-of select="concat(@label, '. ')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="section-name"/>
        <xsl:if test="normalize-space(@title) != ''">
          <xsl:text>: </xsl:text>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:value-of select="@title"/>
  </xsl:template>

  <!-- anything else in a container (future elements): its text, never markup -->
  <xsl:template match="*" mode="body">
    <xsl:if test="normalize-space(.) != ''">
      <p><xsl:value-of select="."/></p>
    </xsl:if>
  </xsl:template>

  <!-- ===================================================== inline (default mode) -->

  <xsl:template match="em">
    <em><xsl:apply-templates/></em>
  </xsl:template>
  <xsl:template match="strong">
    <strong><xsl:apply-templates/></strong>
  </xsl:template>
  <xsl:template match="code">
    <code><xsl:apply-templates/></code>
  </xsl:template>

  <!-- an internal citation: link to its first target -->
  <xsl:template match="cite[@to]">
    <xsl:variable name="first" select="substring-before(concat(normalize-space(@to), ' '), ' ')"/>
    <xsl:variable name="page" select="substring-before(concat($first, '.'), '.')"/>
    <xsl:choose>
      <xsl:when test="contains($first, ':')">
        <xsl:call-template name="cross-cite">
          <xsl:with-param name="reg" select="substring-before($first, ':')"/>
          <xsl:with-param name="id" select="substring-after($first, ':')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="translate($first, $id-chars, '') = '' and key('page', $page) and key('node', $first)/parent::*">
        <a class="cite" href="{$page}.html{substring(concat('#', $first), 1, ($first != $page) * 1000)}">
          <xsl:apply-templates mode="nolink"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="cite"><xsl:apply-templates mode="nolink"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a citation of a unit of another regulation (cra:art-12.3): its page in that
       regulation's site when the library has it, else the act on EUR-Lex; one that
       names the version it cites (version="…": an amending act's, of the text it made)
       links to that version's page, under v/<version>/ when it is not the root's -->
  <xsl:template name="cross-cite">
    <xsl:param name="reg"/>
    <xsl:param name="id"/>
    <xsl:variable name="vhref">
      <xsl:if test="@version">
        <xsl:call-template name="lib-version-href-of">
          <xsl:with-param name="reg" select="$reg"/>
          <xsl:with-param name="id" select="$id"/>
          <xsl:with-param name="version" select="@version"/>
        </xsl:call-template>
      </xsl:if>
    </xsl:variable>
    <xsl:variable name="href">
      <xsl:choose>
        <xsl:when test="$vhref != ''"><xsl:value-of select="$vhref"/></xsl:when>
        <!-- a version whose pages are not the site's root and lack it: the root's page
             of that id would be another text of the law -->
        <xsl:when test="@version and $versions != '' and document($versions)/versions/regulation[@id = $reg]/version[@id = current()/@version][@href]"/>
        <xsl:otherwise>
          <xsl:call-template name="lib-href-of">
            <xsl:with-param name="reg" select="$reg"/>
            <xsl:with-param name="id" select="$id"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="celex" select="string(key('act-reg', $reg)[1]/@celex)"/>
    <xsl:choose>
      <xsl:when test="$href != ''">
        <a class="cite lib" href="{$href}" title="{normalize-space($lib/regulation[@id = $reg]/short-title)}">
          <xsl:apply-templates mode="nolink"/>
        </a>
      </xsl:when>
      <xsl:when test="$celex != '' and translate($celex, '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ()_', '') = ''">
        <a class="cite ext" href="https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{$celex}">
          <xsl:apply-templates mode="nolink"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="cite ext"><xsl:apply-templates mode="nolink"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a citation of another act: EUR-Lex by CELEX; the home page of its site when it
       is a regulation of the library (or this one) -->
  <xsl:template match="cite[@act][key('act', @act)/@regulation]" priority="1">
    <xsl:variable name="reg" select="string(key('act', @act)/@regulation)"/>
    <xsl:variable name="entry" select="$lib/regulation[@id = $reg]"/>
    <xsl:choose>
      <xsl:when test="$reg = $self-id">
        <a class="cite" href="index.html"><xsl:apply-templates mode="nolink"/></a>
      </xsl:when>
      <xsl:when test="$entry and translate($reg, $id-chars, '') = '' and starts-with($entry/@site, concat($reg, '/'))">
        <a class="cite lib" href="{$library-href}{$entry/@site}index.html" title="{normalize-space($entry/short-title)}">
          <xsl:apply-templates mode="nolink"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="act-cite"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="cite[@act]">
    <xsl:call-template name="act-cite"/>
  </xsl:template>

  <xsl:template name="act-cite">
    <xsl:variable name="act" select="key('act', @act)"/>
    <xsl:variable name="celex">
      <xsl:choose>
        <xsl:when test="$act/@celex"><xsl:value-of select="$act/@celex"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="substring-after(@act, 'ext:')"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$celex != '' and translate($celex, '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ()_', '') = ''">
        <a class="cite ext" href="https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{$celex}">
          <xsl:apply-templates mode="nolink"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="cite ext"><xsl:apply-templates mode="nolink"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a use of a defined term: link to the definition, its text (up to 300 characters)
       as tooltip -->
  <xsl:template match="term">
    <xsl:choose>
      <!-- a term of words only is the same link wherever it is: built once per
           definition and words (a regulation uses each a dozen times) -->
      <xsl:when test="not(*)">
        <rd:cache key="term|{string-length(@ref)}:{@ref}|{.}">
          <xsl:fallback><xsl:call-template name="term"/></xsl:fallback>
        </rd:cache>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="term"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="term">
    <xsl:variable name="page" select="substring-before(concat(@ref, '.'), '.')"/>
    <xsl:variable name="def" select="key('node', @ref)/parent::*"/>
    <xsl:choose>
      <xsl:when test="$def and translate(@ref, $id-chars, '') = '' and key('page', $page)">
        <xsl:variable name="t" select="normalize-space(substring($def, 1, 700))"/>
        <a class="term" href="{$page}.html{substring(concat('#', @ref), 1, (@ref != $page) * 1000)}"
           title="{substring($t, 1, 300)}{substring('…', 1, string-length($t) > 300)}">
          <xsl:apply-templates mode="nolink"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="term"><xsl:apply-templates mode="nolink"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a link kept from Markdown: only http, https and mailto become links -->
  <xsl:template match="a">
    <xsl:variable name="h" select="normalize-space(@href)"/>
    <xsl:variable name="lh" select="translate($h, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <xsl:choose>
      <xsl:when test="starts-with($lh, 'https://') or starts-with($lh, 'http://') or starts-with($lh, 'mailto:')">
        <a class="ext" href="{$h}"><xsl:apply-templates mode="nolink"/></a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates mode="nolink"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- unknown inline elements: their content only -->
  <xsl:template match="text//*" priority="-1">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- inside a link: no nested links -->
  <xsl:template match="em" mode="nolink">
    <em><xsl:apply-templates mode="nolink"/></em>
  </xsl:template>
  <xsl:template match="strong" mode="nolink">
    <strong><xsl:apply-templates mode="nolink"/></strong>
  </xsl:template>
  <xsl:template match="code" mode="nolink">
    <code><xsl:apply-templates mode="nolink"/></code>
  </xsl:template>
  <xsl:template match="*" mode="nolink">
    <xsl:apply-templates mode="nolink"/>
  </xsl:template>

</xsl:stylesheet>
