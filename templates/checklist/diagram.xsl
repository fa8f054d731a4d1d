<?xml version="1.0" encoding="UTF-8"?>
<!--
  diagram.xsl - the decision diagram of a product page: the path the assessment took
  through Article 2 (scope), Article 5 (prohibited practices), Article 6 (high-risk)
  and Article 43 (procedure, who assesses), drawn as inline SVG from assessment.xml
  alone (its trace and conclusions; every answer is a conclusion the trace sets or, for
  a stage whose steps concluded nothing, those steps' titles, so the diagram cannot say
  what the trace does not). Included by checklist/html.xsl, which calls
  <xsl:call-template name="decision-diagram"/>.

  One row per stage: the question the law asks (left, linked to the provision the
  fired rule cites) and this product's answer (right: the conclusion's label). The
  path runs down while the law goes on asking; a stage that ends it (outside the scope,
  a prohibited practice, not high-risk) is drawn as an exit, and the stages after it as
  "not reached". The stages are data (the variable dd-stages below): a stage names the
  decision of the rule files whose conclusion it shows and the conclusion values that
  lead on to the next stage. No stage of them in the trace (a product of another
  regulation): no diagram.

  SVG presentation attributes only (no style attributes, no script): the page's own
  CSS and a Content-Security-Policy stay in charge. Text is wrapped in XSLT.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="exsl">

  <!-- The stages, in the order the law decides.
       decision: the decision (rule files) whose conclusion the stage shows;
       go-on: the conclusion values that lead to the next stage ("*": any value;
              "-": none, i.e. the stage goes on when nothing was concluded);
       exit: how an exit looks (out, stop, low);
       none: the answer shown when the stage was reached but concluded nothing;
       say: put before the conclusions' labels;
       steps-say: put before the titles of the stage's trace steps when they concluded
              nothing (an exception the law makes: Article 5(1)(h)(i) to (iii));
       needs, needs-value: the stage applies only when the product fact needs has that
              value; otherwise not-applicable is the answer (and the path goes on
              when go-on is "-");
       page: the site page of the article (when the fired rule cites nothing). -->
  <xsl:variable name="dd-stages-rtf">
    <stage decision="in-scope" law="Article 2" question="Within the scope of the AI Act?"
           go-on="yes" exit="out" none="Not assessed" page="art-2"/>
    <stage decision="prohibited" law="Article 5" question="A prohibited AI practice?"
           go-on="-" exit="stop" say="Yes, prohibited: " steps-say="Not prohibited. " none="No: none of the practices of Article 5(1) applies" page="art-5"
           needs="what.ai-system" needs-value="yes" not-applicable="Does not apply: not an AI system"/>
    <stage decision="risk" law="Article 6" question="A high-risk AI system?"
           go-on="high-risk-6-1 high-risk-6-2 high-risk-section-b" exit="low"
           none="Not high-risk" page="art-6"
           needs="what.ai-system" needs-value="yes" not-applicable="Does not apply: not an AI system"/>
    <stage decision="route" law="Article 43" question="Which assessment procedure?"
           go-on="*" exit="low" none="No procedure" page="art-43"/>
    <stage decision="assessor" law="Article 43" question="Who carries it out?"
           go-on="*" exit="low" none="Not decided" page="art-43"/>
  </xsl:variable>
  <xsl:variable name="dd-stages" select="exsl:node-set($dd-stages-rtf)/stage"/>
  <!-- the assessment (inside a for-each over the stages, "/" is the stages' document) -->
  <xsl:variable name="dd-a" select="/assessment"/>

  <!-- geometry (px) -->
  <xsl:variable name="dd-row" select="92"/>
  <xsl:variable name="dd-box-h" select="64"/>
  <xsl:variable name="dd-top" select="16"/>
  <xsl:variable name="dd-qx" select="16"/>
  <xsl:variable name="dd-qw" select="290"/>
  <xsl:variable name="dd-ax" select="346"/>
  <xsl:variable name="dd-aw" select="418"/>
  <xsl:variable name="dd-width" select="780"/>

  <xsl:template name="decision-diagram">
    <xsl:variable name="a" select="$dd-a"/>
    <xsl:if test="$a/trace/step[@decision = $dd-stages/@decision]">
      <section id="path" class="decision-diagram">
        <h2>The path through Articles 2, 5, 6 and 43</h2>
        <figure>
          <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="dd-title dd-desc"
               width="{$dd-width}" height="{$dd-top * 2 + count($dd-stages) * $dd-row - ($dd-row - $dd-box-h)}"
               viewBox="0 0 {$dd-width} {$dd-top * 2 + count($dd-stages) * $dd-row - ($dd-row - $dd-box-h)}"
               font-family="system-ui, sans-serif" font-size="13" style="max-width:100%;height:auto">
            <title id="dd-title">The decision path of <xsl:value-of select="$a/product/name"/></title>
            <desc id="dd-desc">
              <xsl:call-template name="dd-summary"/>
            </desc>
            <defs>
              <marker id="dd-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7"
                      markerHeight="7" orient="auto-start-reverse">
                <path d="M0,0 L10,5 L0,10 z" fill="#003399"/>
              </marker>
              <marker id="dd-arrow-off" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7"
                      markerHeight="7" orient="auto-start-reverse">
                <path d="M0,0 L10,5 L0,10 z" fill="#b0b0b0"/>
              </marker>
            </defs>
            <xsl:call-template name="dd-stage">
              <xsl:with-param name="i" select="1"/>
              <xsl:with-param name="reached" select="true()"/>
            </xsl:call-template>
          </svg>
          <figcaption>The questions the law asks, in its order, and this product's answers (from the decision trace below). Each question links to its provision.</figcaption>
        </figure>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- One stage and, recursively, the ones after it. -->
  <xsl:template name="dd-stage" xmlns="http://www.w3.org/2000/svg">
    <xsl:param name="i"/>
    <xsl:param name="reached"/>
    <xsl:variable name="s" select="$dd-stages[$i]"/>
    <xsl:if test="$s">
      <xsl:variable name="a" select="$dd-a"/>
      <!-- strings, not the stage's attributes: comparing a node-set with a node-set costs
           far more per step, conclusion and fact than comparing it with a string -->
      <xsl:variable name="decision" select="string($s/@decision)"/>
      <xsl:variable name="steps" select="$a/trace/step[@decision = $decision]"/>
      <xsl:variable name="values" select="$a/conclusions/conclusion[@name = $decision]"/>
      <xsl:variable name="needs" select="string($s/@needs)"/>
      <xsl:variable name="needs-value" select="string($s/@needs-value)"/>
      <xsl:variable name="applies"
          select="not($s/@needs) or $a/facts/fact[@name = $needs and @value = $needs-value]"/>
      <xsl:variable name="goes-on"
          select="$reached and (($s/@go-on = '*' and $values) or ($s/@go-on = '-' and not($values)) or
                  ($values[contains(concat(' ', $s/@go-on, ' '), concat(' ', @value, ' '))]))"/>
      <xsl:variable name="last" select="$i = count($dd-stages)"/>
      <xsl:variable name="y" select="$dd-top + ($i - 1) * $dd-row"/>
      <xsl:variable name="href">
        <xsl:choose>
          <xsl:when test="$steps/cite/@href"><xsl:value-of select="$steps/cite/@href"/></xsl:when>
          <xsl:otherwise><xsl:call-template name="site-page"><xsl:with-param name="base" select="$a/@site-base"/><xsl:with-param name="page" select="$s/@page"/></xsl:call-template></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <!-- how the answer box looks -->
      <xsl:variable name="tone">
        <xsl:choose>
          <xsl:when test="not($reached)">off</xsl:when>
          <xsl:when test="$goes-on or $last">on</xsl:when>
          <xsl:otherwise><xsl:value-of select="$s/@exit"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:variable name="fill">
        <xsl:choose>
          <xsl:when test="$tone = 'off'">#f5f5f5</xsl:when>
          <xsl:when test="$tone = 'stop'">#fdecea</xsl:when>
          <xsl:when test="$tone = 'out'">#fff4e0</xsl:when>
          <xsl:when test="$tone = 'low'">#e9f5ec</xsl:when>
          <xsl:otherwise>#e8effc</xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:variable name="stroke">
        <xsl:choose>
          <xsl:when test="$tone = 'off'">#b0b0b0</xsl:when>
          <xsl:when test="$tone = 'stop'">#b3261e</xsl:when>
          <xsl:when test="$tone = 'out'">#a15c00</xsl:when>
          <xsl:when test="$tone = 'low'">#2e7d32</xsl:when>
          <xsl:otherwise>#003399</xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:variable name="ink">
        <xsl:choose>
          <xsl:when test="$reached">#1b1b1b</xsl:when>
          <xsl:otherwise>#8a8a8a</xsl:otherwise>
        </xsl:choose>
      </xsl:variable>

      <g id="dd-{$s/@decision}" class="dd-stage dd-{$tone}">
        <!-- the question -->
        <a href="{$href}">
          <title>
            <xsl:value-of select="$s/@law"/>
            <xsl:if test="$steps">
              <xsl:text>: </xsl:text>
              <xsl:value-of select="normalize-space($steps[1]/because)"/>
            </xsl:if>
          </title>
          <rect x="{$dd-qx}" y="{$y}" width="{$dd-qw}" height="{$dd-box-h}" rx="6"
                fill="#ffffff" stroke="{$stroke}" stroke-width="{1 + number($reached)}">
            <xsl:if test="not($reached)"><xsl:attribute name="stroke-dasharray">4 3</xsl:attribute></xsl:if>
          </rect>
          <text x="{$dd-qx + 12}" y="{$y + 24}" fill="{$ink}" font-weight="700">
            <xsl:value-of select="$s/@law"/>
          </text>
          <text x="{$dd-qx + 12}" y="{$y + 44}" fill="{$ink}">
            <xsl:value-of select="$s/@question"/>
          </text>
        </a>
        <!-- question -> answer -->
        <line x1="{$dd-qx + $dd-qw}" y1="{$y + $dd-box-h div 2}" x2="{$dd-ax - 2}" y2="{$y + $dd-box-h div 2}"
              stroke="{$stroke}" stroke-width="{1 + number($reached)}">
          <xsl:attribute name="marker-end">
            <xsl:choose>
              <xsl:when test="$reached">url(#dd-arrow)</xsl:when>
              <xsl:otherwise>url(#dd-arrow-off)</xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
          <xsl:if test="not($reached)"><xsl:attribute name="stroke-dasharray">4 3</xsl:attribute></xsl:if>
        </line>
        <!-- the answer -->
        <rect x="{$dd-ax}" y="{$y}" width="{$dd-aw}" height="{$dd-box-h}" rx="6" fill="{$fill}"
              stroke="{$stroke}" stroke-width="{1 + number($reached)}">
          <xsl:if test="not($reached)"><xsl:attribute name="stroke-dasharray">4 3</xsl:attribute></xsl:if>
        </rect>
        <text x="{$dd-ax + 12}" y="{$y + 21}" fill="{$ink}">
          <xsl:call-template name="dd-wrap">
            <xsl:with-param name="text">
              <xsl:choose>
                <xsl:when test="not($reached)">Not reached</xsl:when>
                <xsl:when test="not($applies)"><xsl:value-of select="$s/@not-applicable"/></xsl:when>
                <xsl:when test="$values">
                  <xsl:value-of select="$s/@say"/>
                  <xsl:for-each select="$values">
                    <xsl:if test="position() &gt; 1">; </xsl:if>
                    <xsl:value-of select="@label"/>
                  </xsl:for-each>
                </xsl:when>
                <xsl:when test="$steps">
                  <xsl:value-of select="$s/@steps-say"/>
                  <xsl:for-each select="$steps">
                    <xsl:if test="position() &gt; 1">; </xsl:if>
                    <xsl:value-of select="@title"/>
                  </xsl:for-each>
                </xsl:when>
                <xsl:otherwise><xsl:value-of select="$s/@none"/></xsl:otherwise>
              </xsl:choose>
              <xsl:if test="$reached and not($goes-on) and not($last)"> (the path ends here)</xsl:if>
            </xsl:with-param>
            <xsl:with-param name="x" select="$dd-ax + 12"/>
          </xsl:call-template>
        </text>
        <!-- on to the next question -->
        <xsl:if test="not($last)">
          <line x1="{$dd-qx + $dd-qw div 2}" y1="{$y + $dd-box-h}" x2="{$dd-qx + $dd-qw div 2}"
                y2="{$y + $dd-row - 2}">
            <xsl:choose>
              <xsl:when test="$goes-on">
                <xsl:attribute name="stroke">#003399</xsl:attribute>
                <xsl:attribute name="stroke-width">2</xsl:attribute>
                <xsl:attribute name="marker-end">url(#dd-arrow)</xsl:attribute>
              </xsl:when>
              <xsl:otherwise>
                <xsl:attribute name="stroke">#b0b0b0</xsl:attribute>
                <xsl:attribute name="stroke-width">1</xsl:attribute>
                <xsl:attribute name="stroke-dasharray">4 3</xsl:attribute>
                <xsl:attribute name="marker-end">url(#dd-arrow-off)</xsl:attribute>
              </xsl:otherwise>
            </xsl:choose>
          </line>
        </xsl:if>
      </g>
      <xsl:call-template name="dd-stage">
        <xsl:with-param name="i" select="$i + 1"/>
        <xsl:with-param name="reached" select="$goes-on"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The path in words (the SVG's description, for screen readers). -->
  <xsl:template name="dd-summary">
    <xsl:for-each select="$dd-stages">
      <xsl:variable name="d" select="string(@decision)"/>
      <xsl:variable name="values" select="$dd-a/conclusions/conclusion[@name = $d]"/>
      <xsl:variable name="steps" select="$dd-a/trace/step[@decision = $d]"/>
      <xsl:if test="$values">
        <xsl:value-of select="concat(@law, ', ', @question, ' ')"/>
        <xsl:for-each select="$values">
          <xsl:if test="position() &gt; 1">; </xsl:if>
          <xsl:value-of select="@label"/>
        </xsl:for-each>
        <xsl:text>. </xsl:text>
      </xsl:if>
      <xsl:if test="not($values) and $steps">
        <xsl:value-of select="concat(@law, ', ', @question, ' ', @steps-say)"/>
        <xsl:for-each select="$steps">
          <xsl:if test="position() &gt; 1">; </xsl:if>
          <xsl:value-of select="@title"/>
        </xsl:for-each>
        <xsl:text>. </xsl:text>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- text as <tspan> lines of at most $width characters, at most $lines lines (the last
       one cut with an ellipsis). -->
  <xsl:template name="dd-wrap" xmlns="http://www.w3.org/2000/svg">
    <xsl:param name="text"/>
    <xsl:param name="x"/>
    <xsl:param name="width" select="56"/>
    <xsl:param name="lines" select="3"/>
    <xsl:param name="first" select="true()"/>
    <xsl:variable name="t" select="normalize-space($text)"/>
    <xsl:if test="$t != '' and $lines &gt; 0">
      <!-- the line: all of $t when it fits; else up to its last space within $width + 1
           characters (looked for only then); else (one long word) $width characters -->
      <xsl:variable name="line">
        <xsl:choose>
          <xsl:when test="string-length($t) &lt;= $width"><xsl:value-of select="$t"/></xsl:when>
          <xsl:otherwise>
            <xsl:variable name="cut">
              <xsl:call-template name="dd-before-last-space">
                <xsl:with-param name="s" select="substring($t, 1, $width + 1)"/>
              </xsl:call-template>
            </xsl:variable>
            <xsl:choose>
              <xsl:when test="string-length($cut) &gt; 0"><xsl:value-of select="$cut"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="substring($t, 1, $width)"/></xsl:otherwise>
            </xsl:choose>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:variable name="rest" select="normalize-space(substring($t, string-length($line) + 1))"/>
      <tspan x="{$x}">
        <xsl:if test="not($first)"><xsl:attribute name="dy">17</xsl:attribute></xsl:if>
        <xsl:value-of select="$line"/>
        <xsl:if test="$rest != '' and $lines = 1">…</xsl:if>
      </tspan>
      <xsl:call-template name="dd-wrap">
        <xsl:with-param name="text" select="$rest"/>
        <xsl:with-param name="x" select="$x"/>
        <xsl:with-param name="width" select="$width"/>
        <xsl:with-param name="lines" select="$lines - 1"/>
        <xsl:with-param name="first" select="false()"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- s up to (not including) its last space; '' when it has none. -->
  <xsl:template name="dd-before-last-space">
    <xsl:param name="s"/>
    <xsl:if test="contains($s, ' ')">
      <xsl:value-of select="substring-before($s, ' ')"/>
      <xsl:if test="contains(substring-after($s, ' '), ' ')">
        <xsl:text> </xsl:text>
        <xsl:call-template name="dd-before-last-space">
          <xsl:with-param name="s" select="substring-after($s, ' ')"/>
        </xsl:call-template>
      </xsl:if>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
