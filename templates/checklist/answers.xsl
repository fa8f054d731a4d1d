<?xml version="1.0" encoding="UTF-8"?>
<!--
  answers.xsl - the writer's answers (/assessment/answers, from PRODUCT.answers.xml;
  doc/answers.md) in every rendering, and the ids that `regdoc import` reads them back
  by. Included by checklist/common.xsl.

  A field's id: "status ID", "evidence ID", "responsible ID" for checklist item ID, and
  "answer REF" for a point of the technical documentation (REF qualified by its
  regulation when it is not the product's own: cra:anx-7.1.a). They are carried
  - in Markdown by an HTML comment before the value: <!- - regdoc:status ID - ->done,
    and <!- - regdoc:answer REF - -> ... <!- - regdoc:end REF - -> around a point's text;
  - in DOCX by the tag of a content control (w:sdt/w:sdtPr/w:tag/@w:val =
    "regdoc:status:ID", "regdoc:answer:REF");
  - in OpenDocument by the name of a section (text:section/@text:name, the same).
  The writer's text is written as it is (in Markdown too: it is the writer's Markdown).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
                xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
                xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0">

  <xsl:key name="answer-item" match="/assessment/answers/item" use="@id"/>
  <xsl:key name="answer-point" match="/assessment/answers/point" use="concat(@regulation, ' ', @ref)"/>

  <!-- The document's date: the latest revision of the answers, else the date the build
       was given (SOURCE_DATE_EPOCH, as the parameter date), else none: never the clock. -->
  <xsl:param name="date" select="''"/>
  <xsl:variable name="document-date">
    <xsl:choose>
      <xsl:when test="/assessment/answers/revision"><xsl:value-of select="/assessment/answers/revision[last()]/@date"/></xsl:when>
      <xsl:when test="$date != ''"><xsl:value-of select="$date"/></xsl:when>
      <xsl:otherwise>(not dated)</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <!-- The versions of the law the document was made for. -->
  <xsl:variable name="law-versions">
    <xsl:for-each select="/assessment/law[@version]">
      <xsl:if test="position() &gt; 1">; </xsl:if>
      <xsl:value-of select="@regulation"/><xsl:text> </xsl:text><xsl:value-of select="@version"/>
    </xsl:for-each>
    <xsl:if test="not(/assessment/law[@version])">the text in the corpus (no versions)</xsl:if>
  </xsl:variable>
  <!-- Who signs the document off. -->
  <xsl:variable name="signature-roles">
    <role>Prepared by</role>
    <role>Reviewed by</role>
    <role>Approved by (<xsl:value-of select="$provider-word"/>)</role>
  </xsl:variable>

  <!-- the qualified ref of a point (context: the point) -->
  <xsl:template name="point-qref">
    <xsl:if test="@regulation"><xsl:value-of select="@regulation"/>:</xsl:if>
    <xsl:value-of select="@ref"/>
  </xsl:template>

  <!-- A value on one line (Markdown list entries, table cells): line breaks become spaces
       (normalize-space takes tabs and line breaks for spaces already). -->
  <xsl:template name="one-line">
    <xsl:param name="s"/>
    <xsl:value-of select="normalize-space($s)"/>
  </xsl:template>

  <!-- Markdown: the three fields of a checklist item (context: the item). -->
  <xsl:template name="md-item-fields">
    <xsl:variable name="a" select="key('answer-item', @id)"/>
    <xsl:text>&#10;  - Status: &lt;!-- regdoc:status </xsl:text><xsl:value-of select="@id"/><xsl:text> --&gt;</xsl:text>
    <xsl:value-of select="$a/@status"/>
    <xsl:text>&#10;  - Evidence: &lt;!-- regdoc:evidence </xsl:text><xsl:value-of select="@id"/><xsl:text> --&gt;</xsl:text>
    <xsl:call-template name="one-line"><xsl:with-param name="s" select="$a/evidence"/></xsl:call-template>
    <xsl:text>&#10;  - Responsible: &lt;!-- regdoc:responsible </xsl:text><xsl:value-of select="@id"/><xsl:text> --&gt;</xsl:text>
    <xsl:call-template name="one-line"><xsl:with-param name="s" select="$a/responsible"/></xsl:call-template>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- Markdown: the text of a point between its markers (context: the point). -->
  <xsl:template name="md-point-answer">
    <xsl:variable name="q"><xsl:call-template name="point-qref"/></xsl:variable>
    <xsl:text>&#10;**To be completed:**&#10;&#10;&lt;!-- regdoc:answer </xsl:text>
    <xsl:value-of select="$q"/>
    <xsl:text> --&gt;&#10;</xsl:text>
    <xsl:for-each select="key('answer-point', concat(@regulation, ' ', @ref))/p">
      <xsl:if test="position() &gt; 1"><xsl:text>&#10;</xsl:text></xsl:if>
      <xsl:value-of select="."/>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
    <xsl:text>&lt;!-- regdoc:end </xsl:text>
    <xsl:value-of select="$q"/>
    <xsl:text> --&gt;&#10;</xsl:text>
  </xsl:template>

  <!-- Markdown: the product and the versions of the law the document was made for, as
       comments under its header (regdoc import reads them). -->
  <xsl:template name="md-document-ids">
    <xsl:text>&#10;&#10;&lt;!-- regdoc:product </xsl:text><xsl:value-of select="/assessment/product/@id"/><xsl:text> </xsl:text><xsl:value-of select="/assessment/@regulation"/><xsl:text> --&gt;</xsl:text>
    <xsl:for-each select="/assessment/law[@version]">
      <xsl:text>&#10;&lt;!-- regdoc:law </xsl:text><xsl:value-of select="@regulation"/><xsl:text> </xsl:text><xsl:value-of select="@version"/><xsl:text> --&gt;</xsl:text>
    </xsl:for-each>
  </xsl:template>

  <!-- HTML: a point's text, or the empty field (context: the point). -->
  <xsl:template name="html-point-answer">
    <xsl:variable name="q"><xsl:call-template name="point-qref"/></xsl:variable>
    <xsl:variable name="ps" select="key('answer-point', concat(@regulation, ' ', @ref))/p"/>
    <div class="fill" data-field="regdoc:answer:{$q}" aria-label="To be completed: {@label}">
      <xsl:for-each select="$ps"><p><xsl:value-of select="."/></p></xsl:for-each>
      <xsl:if test="not($ps)">[To be completed by the <xsl:value-of select="$provider-word"/>]</xsl:if>
    </div>
  </xsl:template>

  <!-- HTML: the three cells of a checklist item (context: the item). -->
  <xsl:template name="html-item-fields">
    <xsl:variable name="a" select="key('answer-item', @id)"/>
    <td class="fill" data-label="Status" data-field="regdoc:status:{@id}"><xsl:value-of select="$a/@status"/></td>
    <td class="fill" data-label="Evidence" data-field="regdoc:evidence:{@id}"><xsl:value-of select="$a/evidence"/></td>
    <td class="fill" data-label="Responsible" data-field="regdoc:responsible:{@id}"><xsl:value-of select="$a/responsible"/></td>
  </xsl:template>

  <!-- OpenDocument: the three cells of a checklist item (context: the item). -->
  <xsl:template name="fodt-item-fields">
    <xsl:variable name="a" select="key('answer-item', @id)"/>
    <xsl:call-template name="fodt-fill-cell">
      <xsl:with-param name="name" select="concat('regdoc:status:', @id)"/>
      <xsl:with-param name="value" select="string($a/@status)"/>
    </xsl:call-template>
    <xsl:call-template name="fodt-fill-cell">
      <xsl:with-param name="name" select="concat('regdoc:evidence:', @id)"/>
      <xsl:with-param name="value" select="string($a/evidence)"/>
    </xsl:call-template>
    <xsl:call-template name="fodt-fill-cell">
      <xsl:with-param name="name" select="concat('regdoc:responsible:', @id)"/>
      <xsl:with-param name="value" select="string($a/responsible)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template name="fodt-fill-cell">
    <xsl:param name="name"/>
    <xsl:param name="value"/>
    <table:table-cell table:style-name="FillCell" office:value-type="string">
      <text:section text:name="{$name}">
        <text:p text:style-name="Table_20_Contents"><xsl:call-template name="one-line"><xsl:with-param name="s" select="$value"/></xsl:call-template></text:p>
      </text:section>
    </table:table-cell>
  </xsl:template>

  <!-- OpenDocument: the paragraphs of a point's text in its named section (context: the
       point); a placeholder when there is none yet. -->
  <xsl:template name="fodt-point-answer">
    <xsl:variable name="q"><xsl:call-template name="point-qref"/></xsl:variable>
    <xsl:variable name="ps" select="key('answer-point', concat(@regulation, ' ', @ref))/p"/>
    <text:section text:name="regdoc:answer:{$q}">
      <xsl:for-each select="$ps">
        <text:p text:style-name="Text_20_body"><xsl:call-template name="fodt-lines"><xsl:with-param name="s" select="string(.)"/></xsl:call-template></text:p>
      </xsl:for-each>
      <xsl:if test="not($ps)">
        <text:p text:style-name="Text_20_body"><text:placeholder text:placeholder-type="text" text:description="{@label}">&lt;To be completed: <xsl:value-of select="@label"/>&gt;</text:placeholder></text:p>
      </xsl:if>
    </text:section>
  </xsl:template>
  <!-- a paragraph's lines, separated by line breaks -->
  <xsl:template name="fodt-lines">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, '&#10;')">
        <xsl:value-of select="substring-before($s, '&#10;')"/>
        <text:line-break/>
        <xsl:call-template name="fodt-lines"><xsl:with-param name="s" select="substring-after($s, '&#10;')"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
