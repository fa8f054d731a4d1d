<?xml version="1.0" encoding="UTF-8"?>
<!--
  annex-iv/common.xsl - what the technical documentation templates (HTML, Markdown, FODT)
  share: the title, the status line and the note on the simplified form of each part
  (one part per regulation: the AI Act's Annex IV, the Cyber Resilience Act's Annex VII;
  a combined product has both, CRA Article 31(3)), the trace of each point (checklist
  items that cite it, provisions of the regulation that cite it), and the facts of the
  product description that pre-fill a point.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../checklist/common.xsl"/>

  <!-- The checklist items that name an id as their provision or cite it (a point's
       items: key() rather than a scan of every item for every point). -->
  <xsl:key name="item-by-ref" match="/assessment/checklist/group/item" use="provision/@ref | cite/@ref"/>

  <xsl:variable name="doc" select="/assessment/documentation"/>
  <xsl:variable name="parts" select="$doc/part"/>

  <xsl:variable name="doc-title">
    <xsl:text>Technical documentation</xsl:text>
    <xsl:if test="$doc-annexes != ''"> (<xsl:value-of select="$doc-annexes"/>)</xsl:if>
  </xsl:variable>

  <!-- The status of a part (context: the part). -->
  <xsl:template name="status-text">
    <xsl:choose>
      <xsl:when test="@regulation = 'ai-act' and @required = 'yes'">Required: this product is a high-risk AI system, so its technical documentation contains at least the elements below before it is placed on the market or put into service (Article 11(1)).</xsl:when>
      <xsl:when test="@regulation = 'cra' and @required = 'yes' and position() &gt; 1">Required: this product with digital elements is also a high-risk AI system, so a single set of technical documentation holds the information of Annex VII of the Cyber Resilience Act below as well as that of the AI Act above (Cyber Resilience Act Article 31(3)); it is drawn up before the product is placed on the market and kept up to date at least during the support period (Article 31(2)).</xsl:when>
      <xsl:when test="@regulation = 'cra' and @required = 'yes'">Required: the manufacturer draws up the technical documentation before the product with digital elements is placed on the market and keeps it up to date at least during the support period; it contains at least the elements below (Article 31(1) and (2), Article 13(12)).</xsl:when>
      <xsl:when test="@required = 'yes'">Required: the technical documentation contains at least the elements below (<xsl:value-of select="basis/@label"/>).</xsl:when>
      <xsl:when test="@regulation = 'cra'">Not required for this product (classification: <xsl:call-template name="conclusion"><xsl:with-param name="name" select="'cra-classification'"/></xsl:call-template>). The template is given for reference and voluntary use.</xsl:when>
      <xsl:otherwise>Not required for this product (classification: <xsl:call-template name="conclusion"><xsl:with-param name="name" select="'classification'"/></xsl:call-template>). The template is given for reference and voluntary use.</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The note on the simplified form (context: the part), and its heading. -->
  <xsl:template name="sme-heading">
    <xsl:choose>
      <xsl:when test="@regulation = 'cra'">Micro and small enterprises.</xsl:when>
      <xsl:otherwise>SMEs.</xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template name="sme-text">
    <xsl:choose>
      <xsl:when test="@regulation = 'cra' and @simplified = 'yes'">The manufacturer is a microenterprise or small enterprise: it may provide these elements in the simplified technical documentation form the Commission specifies; notified bodies accept that form (Article 33(5)).</xsl:when>
      <xsl:when test="@regulation = 'cra'">The simplified form of Article 33(5) is open only to microenterprises and small enterprises; this manufacturer is not stated to be one.</xsl:when>
      <xsl:when test="@simplified = 'yes'">The provider is an SME: it may provide these elements in a simplified manner, using the simplified technical documentation form established by the Commission; notified bodies accept that form (Article 11(1), second subparagraph). Each section below maps to that form.</xsl:when>
      <xsl:otherwise>The simplified form of Article 11(1), second subparagraph, is available only to SMEs, including start-ups; this provider is not stated to be one.</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Every ref that prefill below has lines for, space-separated and space-padded. The
       stylesheets call prefill only for these (most points have none, and the call with
       its result tree fragment costs far more than this test): a ref given lines below
       must be added here. -->
  <xsl:variable name="prefill-refs"
      select="' anx-7.1.a anx-7.1.b anx-7.4 anx-7.5 anx-7.7 anx-4.1.a anx-4.2.f anx-4.2.h anx-4.6 anx-4.7 anx-4.8 '"/>

  <!-- What the product description already says for a point of a part, as "label: value"
       lines (context: the point; only for the refs of $prefill-refs). -->
  <xsl:template name="prefill">
    <xsl:param name="ref"/>
    <xsl:variable name="reg" select="ancestor::part/@regulation"/>
    <xsl:choose>
      <xsl:when test="$reg = 'cra'">
        <xsl:choose>
          <xsl:when test="$ref = 'anx-7.1.a'">
            <line>Intended purpose: <xsl:value-of select="$product/intended-purpose"/></line>
            <line>Manufacturer: <xsl:value-of select="$product/provider"/></line>
          </xsl:when>
          <xsl:when test="$ref = 'anx-7.1.b'">
            <line>Version: <xsl:value-of select="$product/version"/></line>
          </xsl:when>
          <xsl:when test="$ref = 'anx-7.4'">
            <xsl:for-each select="/assessment/facts/fact[@name = 'cybersecurity.cra-support-period-years' or @name = 'cybersecurity.cra-expected-use-years']">
              <line><xsl:value-of select="@name"/>: <xsl:value-of select="@value"/></line>
            </xsl:for-each>
          </xsl:when>
          <xsl:when test="$ref = 'anx-7.5'">
            <xsl:for-each select="/assessment/facts/fact[@name = 'cybersecurity.cra-standards-applied' or starts-with(@name, 'cybersecurity-certificate.')]">
              <line><xsl:value-of select="@name"/>: <xsl:value-of select="@value"/></line>
            </xsl:for-each>
          </xsl:when>
          <xsl:when test="$ref = 'anx-7.7'">
            <line>Conformity assessment: <xsl:call-template name="conclusion"><xsl:with-param name="name" select="'cra-procedure'"/></xsl:call-template></line>
          </xsl:when>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="$ref = 'anx-4.1.a'">
        <line>Intended purpose: <xsl:value-of select="$product/intended-purpose"/></line>
        <line>Provider: <xsl:value-of select="$product/provider"/></line>
        <line>Version: <xsl:value-of select="$product/version"/></line>
      </xsl:when>
      <xsl:when test="$ref = 'anx-4.2.f'">
        <xsl:for-each select="/assessment/facts/fact[starts-with(@name, 'history.')]">
          <line><xsl:value-of select="@name"/>: <xsl:value-of select="@value"/></line>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$ref = 'anx-4.2.h'">
        <xsl:for-each select="/assessment/facts/fact[starts-with(@name, 'cybersecurity')]">
          <line><xsl:value-of select="@name"/>: <xsl:value-of select="@value"/></line>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$ref = 'anx-4.6'">
        <xsl:for-each select="/assessment/facts/fact[starts-with(@name, 'history.')]">
          <line><xsl:value-of select="@name"/>: <xsl:value-of select="@value"/></line>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$ref = 'anx-4.7'">
        <xsl:for-each select="/assessment/facts/fact[starts-with(@name, 'standards.')]">
          <line><xsl:value-of select="@name"/>: <xsl:value-of select="@value"/></line>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$ref = 'anx-4.8'">
        <line>Conformity assessment: <xsl:call-template name="conclusion"><xsl:with-param name="name" select="'route'"/></xsl:call-template></line>
        <line>Assessed by: <xsl:call-template name="conclusion"><xsl:with-param name="name" select="'assessor'"/></xsl:call-template></line>
      </xsl:when>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
