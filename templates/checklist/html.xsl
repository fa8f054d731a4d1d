<?xml version="1.0" encoding="UTF-8"?>
<!--
  checklist/html.xsl - assessment.xml -> checklist.html (output/<reg>/products/<id>/).
  Links into the site with the assessment's site-base (../../site/<unit>.html#<id>).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="common.xsl"/>
  <xsl:include href="diagram.xsl"/>
  <xsl:include href="html-look.xsl"/>
  <xsl:output method="html" encoding="UTF-8" indent="no"
              doctype-system="about:legacy-compat"/>

  <!-- the conclusions of each name, in document order -->
  <xsl:key name="conclusion-by-name" match="/assessment/conclusions/conclusion" use="@name"/>

  <xsl:template match="/assessment">
    <html lang="en">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="{@generator}"/>
        <title>Checklist: <xsl:value-of select="product/name"/> (<xsl:value-of select="$regulation-name"/>)</title>
        <style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.45;margin:0 auto;max-width:72rem;padding:1rem 1.5rem;color:#1b1b1b}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:2px solid #003399;padding-bottom:.2rem}
.meta{color:#555}.summary{border:1px solid #c8d3ee;background:#f3f6fc;padding:.8rem 1rem;border-radius:6px}
.summary dt{font-weight:600}.summary dd{margin:0 0 .5rem 0}
.notice{border-left:4px solid #d18b00;background:#fff7e6;padding:.4rem .8rem;margin:.4rem 0}
.notice.note{border-color:#3a6ecf;background:#eef3fd}
ol.trace>li{margin-bottom:.7rem}.used{font-size:.9rem;color:#444}
table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{border:1px solid #bbb;padding:.35rem .45rem;vertical-align:top;text-align:left}
th{background:#eef1f7}td.fill{min-width:6rem;background:#fcfcf4}
.id{font-family:ui-monospace,monospace;font-size:.85rem;white-space:nowrap}
details summary{cursor:pointer;color:#003399}.law{font-style:italic;color:#333}.computed{color:#666;font-size:.85em}
nav a{margin-right:1rem}
@media print{nav{display:none}td.fill{background:none}}
        </style>
        <xsl:call-template name="product-look"/>
      </head>
      <body>
        <nav>
          <a><xsl:attribute name="href"><xsl:call-template name="site-page"><xsl:with-param name="base" select="$site-base"/><xsl:with-param name="page" select="'index'"/></xsl:call-template></xsl:attribute>The <xsl:value-of select="$primary-name"/></a>
          <xsl:for-each select="/assessment/combined/regulation">
            <a><xsl:attribute name="href"><xsl:call-template name="site-page"><xsl:with-param name="base" select="@site-base"/><xsl:with-param name="page" select="'index'"/></xsl:call-template></xsl:attribute>The <xsl:call-template name="regulation-name-of"><xsl:with-param name="id" select="@id"/><xsl:with-param name="fallback" select="@name"/></xsl:call-template></a>
          </xsl:for-each>
          <xsl:if test="documentation">
            <a href="{documentation/@file}.html"><xsl:value-of select="$doc-annexes"/> technical documentation template</a>
          </xsl:if>
          <a href="checklist.md">Markdown</a>
          <a href="checklist.fodt">OpenDocument</a>
          <a href="checklist.docx">Word</a>
          <a href="checklist.odt">ODT</a>
          <a href="checklist.csv">CSV</a>
        </nav>
        <h1>Conformity checklist: <xsl:value-of select="product/name"/></h1>
        <p class="meta">
          Version <xsl:value-of select="product/version"/> · <xsl:value-of select="$provider-word"/><xsl:text> </xsl:text><xsl:value-of select="product/provider"/>
          · product description <code><xsl:value-of select="product/@src"/></code> · <xsl:value-of select="@generator"/>
        </p>
        <p><strong>Intended purpose:</strong><xsl:text> </xsl:text><xsl:value-of select="product/intended-purpose"/></p>

        <section class="summary" id="summary">
          <dl>
            <xsl:if test="law[1]">
              <dt>Version of the law</dt>
              <dd id="law"><xsl:call-template name="law-text"/>
                <xsl:if test="law[1]/@href"> · <a href="{law[1]/@href}">EUR-Lex</a></xsl:if>
                <xsl:if test="law[1]/@site and substring(law[1]/@site, string-length(law[1]/@site)) != '#'"> · <a href="{law[1]/@site}index.html">this text on the site</a></xsl:if>
              </dd>
            </xsl:if>
            <!-- the headline first, then the route, then the rest in the order concluded;
                 each name once (the first conclusion of each name, by key, not by a scan
                 of the preceding ones) -->
            <xsl:for-each select="conclusions/conclusion[count(. | key('conclusion-by-name', @name)[1]) = 1]">
              <xsl:sort select="string-length(substring-before('classification route procedure assessor cra-classification cra-route cra-procedure cra-assessor ', concat(@name, ' '))) + 1000 * number(not(contains('classification route procedure assessor cra-classification cra-route cra-procedure cra-assessor ', concat(@name, ' '))))" data-type="number"/>
              <xsl:variable name="n" select="string(@name)"/>
              <dt><xsl:call-template name="conclusion-title"/></dt>
              <dd>
                <xsl:for-each select="key('conclusion-by-name', $n)">
                  <xsl:if test="position() &gt; 1"><br/></xsl:if>
                  <xsl:value-of select="@label"/>
                </xsl:for-each>
              </dd>
            </xsl:for-each>
          </dl>
        </section>

        <xsl:for-each select="notices/notice">
          <p class="notice {@level}"><strong><xsl:value-of select="@level"/>:</strong><xsl:text> </xsl:text><xsl:value-of select="."/></p>
        </xsl:for-each>

        <xsl:call-template name="decision-diagram"/>
        <h2 id="why">Why: the decision trace</h2>
        <ol class="trace">
          <xsl:for-each select="trace/step">
            <li id="step-{@n}">
              <strong><xsl:value-of select="@decision-title"/></strong>
              <xsl:if test="@title"> — <xsl:value-of select="@title"/></xsl:if>
              <span class="id"> (rule <xsl:value-of select="@rule"/>)</span>
              <br/><xsl:value-of select="because"/>
              <xsl:if test="cite">
                <br/>Provisions:
                <xsl:for-each select="cite">
                  <xsl:if test="position() &gt; 1">, </xsl:if>
                  <a href="{@href}"><xsl:value-of select="@label"/></a>
                </xsl:for-each>
              </xsl:if>
              <xsl:if test="used">
                <div class="used">Facts:
                  <xsl:for-each select="used">
                    <xsl:if test="position() &gt; 1">; </xsl:if>
                    <code><xsl:value-of select="@fact"/></code> =
                    <xsl:choose>
                      <xsl:when test="@value"><xsl:value-of select="@value"/></xsl:when>
                      <xsl:otherwise><em>not stated</em></xsl:otherwise>
                    </xsl:choose>
                    <xsl:if test="@line"> (line <xsl:value-of select="@line"/>)</xsl:if>
                  </xsl:for-each>
                </div>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ol>

        <h2 id="checklist">Checklist</h2>
        <xsl:if test="not(checklist/group)">
          <p>No obligation of the <xsl:value-of select="$regulation-name"/> applies to this product.</p>
        </xsl:if>
        <xsl:for-each select="checklist/group">
          <section id="group-{@id}">
            <h3><xsl:value-of select="@title"/></h3>
            <xsl:if test="intro"><p><xsl:value-of select="intro"/></p></xsl:if>
            <table>
              <thead>
                <tr><th>Item</th><th>What to do</th><th>Provision</th><th>Recitals</th>
                    <th>Status</th><th>Evidence</th><th>Responsible</th></tr>
              </thead>
              <tbody>
                <xsl:for-each select="item">
                  <tr id="{@id}">
                    <td class="id"><xsl:value-of select="@id"/></td>
                    <td><strong><xsl:value-of select="title"/></strong><br/><xsl:value-of select="statement"/></td>
                    <td>
                      <a href="{provision/@href}"><xsl:value-of select="provision/@label"/></a>
                      <xsl:if test="cite">
                        <br/>See also:
                        <xsl:for-each select="cite">
                          <xsl:if test="position() &gt; 1">, </xsl:if>
                          <a href="{@href}"><xsl:value-of select="@label"/></a>
                        </xsl:for-each>
                      </xsl:if>
                      <xsl:if test="applies">
                        <br/><span class="applies">Applies from
                        <xsl:for-each select="applies">
                          <xsl:if test="position() &gt; 1">; </xsl:if>
                          <xsl:value-of select="@from"/>
                          <xsl:if test="@label"> (<a href="{@href}"><xsl:value-of select="@label"/></a>)</xsl:if>
                        </xsl:for-each></span>
                      </xsl:if>
                      <xsl:if test="provision/law">
                        <details><summary>The law</summary><p class="law"><xsl:value-of select="provision/law"/></p></details>
                      </xsl:if>
                    </td>
                    <td>
                      <xsl:for-each select="recital">
                        <xsl:if test="position() &gt; 1">, </xsl:if>
                        <a href="{@href}"><xsl:value-of select="@label"/></a>
                        <xsl:if test="@computed = 'yes'"><xsl:text> </xsl:text><span class="computed">(computed)</span></xsl:if>
                      </xsl:for-each>
                    </td>
                    <xsl:call-template name="html-item-fields"/>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </section>
        </xsl:for-each>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="conclusion-title">
    <xsl:choose>
      <xsl:when test="@name = 'classification'">Classification</xsl:when>
      <xsl:when test="@name = 'in-scope'">Scope</xsl:when>
      <xsl:when test="@name = 'risk'">Risk</xsl:when>
      <xsl:when test="@name = 'route'">Route the law gives</xsl:when>
      <xsl:when test="@name = 'procedure'">Procedure followed</xsl:when>
      <xsl:when test="@name = 'assessor'">Who assesses</xsl:when>
      <xsl:when test="@name = 'annex-iv'">Technical documentation</xsl:when>
      <xsl:when test="@name = 'annex-iv-form'">Technical documentation form</xsl:when>
      <xsl:when test="@name = 'cyber-procedure'">Cybersecurity procedure</xsl:when>
      <xsl:when test="@name = 'art-15-presumption'">Article 15 presumption</xsl:when>
      <xsl:when test="@name = 'binding'">Binding for this product</xsl:when>
      <xsl:when test="@name = 'application'">Dates of application</xsl:when>
      <xsl:when test="@name = 'cra-scope'">Cyber Resilience Act: scope</xsl:when>
      <xsl:when test="@name = 'cra-classification'">Cyber Resilience Act: classification</xsl:when>
      <xsl:when test="@name = 'cra-route'">Cyber Resilience Act: procedures the law allows</xsl:when>
      <xsl:when test="@name = 'cra-procedure'">Cyber Resilience Act: procedure followed</xsl:when>
      <xsl:when test="@name = 'cra-assessor'">Cyber Resilience Act: who assesses</xsl:when>
      <xsl:when test="@name = 'cra-coverage'">Which procedure covers which requirements</xsl:when>
      <xsl:when test="@name = 'cra-technical-documentation'">Cyber Resilience Act: technical documentation</xsl:when>
      <xsl:otherwise><xsl:value-of select="translate(substring(@name, 1, 1), 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')"/><xsl:value-of select="translate(substring(@name, 2), '-', ' ')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
