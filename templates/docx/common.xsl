<?xml version="1.0" encoding="UTF-8"?>
<!--
  docx/common.xsl - the Word (DOCX, Office Open XML) frame shared by docx/checklist.xsl
  and docx/annex-iv.xsl: the package description (templates/schema/package.rng) with its
  parts ([Content_Types].xml, relationships, styles, settings, header and footer with page
  N of M, document properties) and word/document.xml: document control first (title
  block, table of contents, revisions, approval), then the body a stylesheet gives in mode
  "docx-body". Fill-in places are content controls (w:sdt) tagged with the ids of
  checklist/answers.xsl, which regdoc import reads back. Links are HYPERLINK fields (no
  relationship per link). Input: assessment.xml only; every string goes through
  xsl:value-of (escaped by the serialiser).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:pkg="urn:x-regdoc:package"
    xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="exsl">

  <!-- page sizes in twentieths of a point: A4, 2 cm margins -->
  <xsl:variable name="page-short" select="11906"/>
  <xsl:variable name="page-long" select="16838"/>
  <xsl:variable name="margin" select="1134"/>

  <xsl:template name="docx-package">
    <xsl:param name="title"/>
    <xsl:param name="landscape" select="false()"/>
    <pkg:package>
      <pkg:part name="[Content_Types].xml">
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
          <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
          <Default Extension="xml" ContentType="application/xml"/>
          <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
          <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
          <Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
          <Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
          <Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
          <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
          <Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
        </Types>
      </pkg:part>
      <pkg:part name="_rels/.rels">
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
          <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
          <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
          <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
        </Relationships>
      </pkg:part>
      <pkg:part name="docProps/core.xml">
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
                           xmlns:dc="http://purl.org/dc/elements/1.1/">
          <dc:title><xsl:value-of select="$title"/></dc:title>
          <dc:creator><xsl:value-of select="/assessment/product/provider"/></dc:creator>
          <dc:identifier><xsl:value-of select="/assessment/product/@id"/></dc:identifier>
          <cp:version><xsl:value-of select="/assessment/product/version"/></cp:version>
        </cp:coreProperties>
      </pkg:part>
      <pkg:part name="docProps/app.xml">
        <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">
          <Application><xsl:value-of select="/assessment/@generator"/></Application>
        </Properties>
      </pkg:part>
      <pkg:part name="word/_rels/document.xml.rels">
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
          <Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
          <Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
          <Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
          <Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
        </Relationships>
      </pkg:part>
      <pkg:part name="word/settings.xml">
        <w:settings>
          <!-- the table of contents is a field: Word offers to update it on opening -->
          <w:updateFields w:val="true"/>
          <w:defaultTabStop w:val="709"/>
          <w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>
        </w:settings>
      </pkg:part>
      <pkg:part name="word/styles.xml">
        <xsl:call-template name="docx-styles"/>
      </pkg:part>
      <pkg:part name="word/header1.xml">
        <w:hdr>
          <w:p><w:pPr><w:pStyle w:val="Note"/></w:pPr><w:r><w:t xml:space="preserve"><xsl:value-of select="$title"/></w:t></w:r></w:p>
        </w:hdr>
      </pkg:part>
      <pkg:part name="word/footer1.xml">
        <w:ftr>
          <w:p>
            <w:pPr><w:pStyle w:val="Note"/></w:pPr>
            <w:r><w:t xml:space="preserve"><xsl:value-of select="/assessment/@generator"/> · page </w:t></w:r>
            <w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>
            <w:r><w:t xml:space="preserve"> of </w:t></w:r>
            <w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple>
          </w:p>
        </w:ftr>
      </pkg:part>
      <pkg:part name="word/document.xml">
        <w:document>
          <w:body>
            <xsl:call-template name="docx-control"><xsl:with-param name="title" select="$title"/></xsl:call-template>
            <xsl:apply-templates select="." mode="docx-body"/>
            <w:sectPr>
              <w:headerReference w:type="default" r:id="rIdHeader"/>
              <w:footerReference w:type="default" r:id="rIdFooter"/>
              <xsl:choose>
                <xsl:when test="$landscape"><w:pgSz w:w="{$page-long}" w:h="{$page-short}" w:orient="landscape"/></xsl:when>
                <xsl:otherwise><w:pgSz w:w="{$page-short}" w:h="{$page-long}"/></xsl:otherwise>
              </xsl:choose>
              <w:pgMar w:top="{$margin}" w:right="{$margin}" w:bottom="{$margin}" w:left="{$margin}" w:header="567" w:footer="567" w:gutter="0"/>
            </w:sectPr>
          </w:body>
        </w:document>
      </pkg:part>
    </pkg:package>
  </xsl:template>

  <xsl:template name="docx-styles">
    <w:styles>
      <w:docDefaults>
        <w:rPrDefault><w:rPr><w:rFonts w:ascii="Liberation Sans" w:hAnsi="Liberation Sans" w:cs="Liberation Sans"/><w:sz w:val="20"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>
        <w:pPrDefault><w:pPr><w:spacing w:after="80"/></w:pPr></w:pPrDefault>
      </w:docDefaults>
      <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
      <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:color w:val="003399"/><w:sz w:val="36"/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="280" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:color w:val="003399"/><w:sz w:val="28"/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="220" w:after="100"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="160" w:after="60"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:sz w:val="21"/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="Law"><w:name w:val="Law"/><w:basedOn w:val="Normal"/><w:pPr><w:pBdr><w:left w:val="single" w:sz="12" w:space="6" w:color="8DA2D4"/></w:pBdr><w:ind w:left="284"/></w:pPr><w:rPr><w:rFonts w:ascii="Liberation Serif" w:hAnsi="Liberation Serif"/><w:i/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="Note"><w:name w:val="Note"/><w:basedOn w:val="Normal"/><w:rPr><w:color w:val="555555"/><w:sz w:val="18"/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="Warning"><w:name w:val="Warning"/><w:basedOn w:val="Normal"/><w:pPr><w:shd w:val="clear" w:color="auto" w:fill="FFF2CC"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="TableContents"><w:name w:val="Table Contents"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="TableHeading"><w:name w:val="Table Heading"/><w:basedOn w:val="TableContents"/><w:rPr><w:b/></w:rPr></w:style>
      <!-- a place to write: shaded, framed, at least three lines high -->
      <w:style w:type="paragraph" w:styleId="Fill"><w:name w:val="Fill"/><w:basedOn w:val="Normal"/><w:pPr><w:pBdr><w:top w:val="dashed" w:sz="4" w:space="4" w:color="999999"/><w:left w:val="dashed" w:sz="4" w:space="4" w:color="999999"/><w:bottom w:val="dashed" w:sz="4" w:space="4" w:color="999999"/><w:right w:val="dashed" w:sz="4" w:space="4" w:color="999999"/></w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="FCFCF0"/><w:spacing w:before="60" w:after="60" w:line="360" w:lineRule="auto"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/><w:basedOn w:val="Normal"/></w:style>
      <w:style w:type="paragraph" w:styleId="TOC2"><w:name w:val="toc 2"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="200"/></w:pPr></w:style>
      <w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="003399"/><w:u w:val="single"/></w:rPr></w:style>
      <w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
      <w:style w:type="character" w:styleId="PlaceholderText"><w:name w:val="Placeholder Text"/><w:rPr><w:color w:val="808080"/></w:rPr></w:style>
      <w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:color="888888"/><w:left w:val="single" w:sz="4" w:color="888888"/><w:bottom w:val="single" w:sz="4" w:color="888888"/><w:right w:val="single" w:sz="4" w:color="888888"/><w:insideH w:val="single" w:sz="4" w:color="888888"/><w:insideV w:val="single" w:sz="4" w:color="888888"/></w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
    </w:styles>
  </xsl:template>

  <!-- ==== building blocks ==== -->

  <!-- A paragraph of one text in a style. -->
  <xsl:template name="w-p">
    <xsl:param name="style" select="'Normal'"/>
    <xsl:param name="text"/>
    <w:p><w:pPr><w:pStyle w:val="{$style}"/></w:pPr><w:r><w:t xml:space="preserve"><xsl:value-of select="$text"/></w:t></w:r></w:p>
  </xsl:template>

  <!-- A run of text (bold when strong). -->
  <xsl:template name="w-r">
    <xsl:param name="text"/>
    <xsl:param name="strong" select="false()"/>
    <w:r>
      <xsl:if test="$strong"><w:rPr><w:b/></w:rPr></xsl:if>
      <w:t xml:space="preserve"><xsl:value-of select="$text"/></w:t>
    </w:r>
  </xsl:template>

  <!-- A link to a reference (context: an element with label and href), as a HYPERLINK
       field; the URL loses any quote or backslash, which no URL regdoc makes has. -->
  <xsl:template name="w-link-here">
    <w:fldSimple w:instr=" HYPERLINK &quot;{translate(@href, '&quot;\', '')}&quot; ">
      <w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t xml:space="preserve"><xsl:value-of select="@label"/></w:t></w:r>
    </w:fldSimple>
  </xsl:template>

  <!-- A content control: tag (the id regdoc import reads), alias (what Word shows), the
       paragraphs of its value (their lines), or a placeholder when there is none. -->
  <xsl:template name="w-sdt">
    <xsl:param name="tag"/>
    <xsl:param name="alias"/>
    <xsl:param name="values"/>   <!-- node-set: one paragraph per node -->
    <xsl:param name="style" select="'Fill'"/>
    <xsl:param name="placeholder" select="'Click here to write.'"/>
    <w:sdt>
      <w:sdtPr>
        <w:alias w:val="{$alias}"/>
        <w:tag w:val="{$tag}"/>
        <xsl:if test="not($values[normalize-space(.) != ''])"><w:showingPlcHdr/></xsl:if>
      </w:sdtPr>
      <w:sdtContent>
        <xsl:for-each select="$values[normalize-space(.) != '']">
          <w:p><w:pPr><w:pStyle w:val="{$style}"/></w:pPr><xsl:call-template name="w-lines"><xsl:with-param name="s" select="string(.)"/></xsl:call-template></w:p>
        </xsl:for-each>
        <xsl:if test="not($values[normalize-space(.) != ''])">
          <w:p><w:pPr><w:pStyle w:val="{$style}"/></w:pPr><w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr><w:t xml:space="preserve"><xsl:value-of select="$placeholder"/></w:t></w:r></w:p>
        </xsl:if>
      </w:sdtContent>
    </w:sdt>
  </xsl:template>
  <xsl:template name="w-lines">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, '&#10;')">
        <w:r><w:t xml:space="preserve"><xsl:value-of select="substring-before($s, '&#10;')"/></w:t><w:br/></w:r>
        <xsl:call-template name="w-lines"><xsl:with-param name="s" select="substring-after($s, '&#10;')"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><w:r><w:t xml:space="preserve"><xsl:value-of select="$s"/></w:t></w:r></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A table: its column widths (twips, space-separated) and its header cells. -->
  <xsl:template name="w-table-start">
    <xsl:param name="widths"/>
    <w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:tblLayout w:type="fixed"/></w:tblPr>
    <w:tblGrid>
      <xsl:call-template name="w-grid"><xsl:with-param name="widths" select="concat(normalize-space($widths), ' ')"/></xsl:call-template>
    </w:tblGrid>
  </xsl:template>
  <xsl:template name="w-grid">
    <xsl:param name="widths"/>
    <xsl:if test="contains($widths, ' ')">
      <w:gridCol w:w="{substring-before($widths, ' ')}"/>
      <xsl:call-template name="w-grid"><xsl:with-param name="widths" select="substring-after($widths, ' ')"/></xsl:call-template>
    </xsl:if>
  </xsl:template>
  <xsl:template name="w-cell">
    <xsl:param name="text"/>
    <xsl:param name="head" select="false()"/>
    <w:tc>
      <xsl:if test="$head"><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="E8ECF6"/></w:tcPr></xsl:if>
      <w:p>
        <w:pPr><w:pStyle w:val="TableContents"/></w:pPr>
        <xsl:call-template name="w-r"><xsl:with-param name="text" select="$text"/><xsl:with-param name="strong" select="$head"/></xsl:call-template>
      </w:p>
    </w:tc>
  </xsl:template>
  <!-- an empty cell to write in -->
  <xsl:template name="w-fill-cell">
    <w:tc><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="FCFCF0"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TableContents"/></w:pPr></w:p></w:tc>
  </xsl:template>

  <!-- ==== document control ==== -->

  <xsl:template name="docx-control">
    <xsl:param name="title"/>
    <xsl:variable name="a" select="/assessment"/>
    <xsl:call-template name="w-p"><xsl:with-param name="style" select="'Title'"/><xsl:with-param name="text" select="$title"/></xsl:call-template>
    <w:tbl>
      <xsl:call-template name="w-table-start"><xsl:with-param name="widths" select="'2600 7000'"/></xsl:call-template>
      <xsl:call-template name="w-control-row"><xsl:with-param name="k" select="'Product'"/><xsl:with-param name="v" select="$a/product/name"/><xsl:with-param name="tag" select="concat('regdoc:product:', $a/product/@id)"/></xsl:call-template>
      <xsl:call-template name="w-control-row"><xsl:with-param name="k" select="'Version'"/><xsl:with-param name="v" select="$a/product/version"/></xsl:call-template>
      <xsl:call-template name="w-control-row"><xsl:with-param name="k" select="$Provider-word"/><xsl:with-param name="v" select="$a/product/provider"/></xsl:call-template>
      <xsl:call-template name="w-control-row"><xsl:with-param name="k" select="'Date'"/><xsl:with-param name="v" select="$document-date"/></xsl:call-template>
      <xsl:call-template name="w-control-row"><xsl:with-param name="k" select="'Generated by'"/><xsl:with-param name="v" select="$a/@generator"/></xsl:call-template>
      <xsl:call-template name="w-control-row"><xsl:with-param name="k" select="'Regulation'"/><xsl:with-param name="v" select="$regulation-name"/><xsl:with-param name="tag" select="concat('regdoc:regulation:', $a/@regulation)"/></xsl:call-template>
      <xsl:call-template name="w-control-row"><xsl:with-param name="k" select="'Law'"/><xsl:with-param name="v" select="$law-versions"/></xsl:call-template>
    </w:tbl>
    <xsl:for-each select="$a/law[@version]">
      <w:sdt><w:sdtPr><w:tag w:val="regdoc:law:{@regulation}:{@version}"/></w:sdtPr><w:sdtContent>
        <xsl:call-template name="w-p"><xsl:with-param name="style" select="'Note'"/><xsl:with-param name="text" select="concat('Written against ', @regulation, ' version ', @version)"/></xsl:call-template>
      </w:sdtContent></w:sdt>
    </xsl:for-each>
    <xsl:call-template name="w-p"><xsl:with-param name="style" select="'Heading2'"/><xsl:with-param name="text" select="'Contents'"/></xsl:call-template>
    <w:p>
      <w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>
      <w:r><w:instrText xml:space="preserve"> TOC \o "1-2" \h \z \u </w:instrText></w:r>
      <w:r><w:fldChar w:fldCharType="separate"/></w:r>
      <w:r><w:t>Update the table of contents (right-click, Update Field) to list the sections.</w:t></w:r>
      <w:r><w:fldChar w:fldCharType="end"/></w:r>
    </w:p>
    <xsl:call-template name="w-p"><xsl:with-param name="style" select="'Heading2'"/><xsl:with-param name="text" select="'Revisions'"/></xsl:call-template>
    <w:tbl>
      <xsl:call-template name="w-table-start"><xsl:with-param name="widths" select="'1300 1500 2300 4500'"/></xsl:call-template>
      <w:tr>
        <xsl:call-template name="w-cell"><xsl:with-param name="text" select="'Version'"/><xsl:with-param name="head" select="true()"/></xsl:call-template>
        <xsl:call-template name="w-cell"><xsl:with-param name="text" select="'Date'"/><xsl:with-param name="head" select="true()"/></xsl:call-template>
        <xsl:call-template name="w-cell"><xsl:with-param name="text" select="'Author'"/><xsl:with-param name="head" select="true()"/></xsl:call-template>
        <xsl:call-template name="w-cell"><xsl:with-param name="text" select="'Change'"/><xsl:with-param name="head" select="true()"/></xsl:call-template>
      </w:tr>
      <xsl:for-each select="$a/answers/revision">
        <w:tr>
          <xsl:call-template name="w-cell"><xsl:with-param name="text" select="@version"/></xsl:call-template>
          <xsl:call-template name="w-cell"><xsl:with-param name="text" select="@date"/></xsl:call-template>
          <xsl:call-template name="w-cell"><xsl:with-param name="text" select="@author"/></xsl:call-template>
          <xsl:call-template name="w-cell"><xsl:with-param name="text" select="."/></xsl:call-template>
        </w:tr>
      </xsl:for-each>
      <w:tr><xsl:call-template name="w-fill-cell"/><xsl:call-template name="w-fill-cell"/><xsl:call-template name="w-fill-cell"/><xsl:call-template name="w-fill-cell"/></w:tr>
    </w:tbl>
    <xsl:call-template name="w-p"><xsl:with-param name="style" select="'Heading2'"/><xsl:with-param name="text" select="'Approval'"/></xsl:call-template>
    <w:tbl>
      <xsl:call-template name="w-table-start"><xsl:with-param name="widths" select="'2600 2800 1500 2700'"/></xsl:call-template>
      <w:tr>
        <xsl:call-template name="w-cell"><xsl:with-param name="text" select="'Role'"/><xsl:with-param name="head" select="true()"/></xsl:call-template>
        <xsl:call-template name="w-cell"><xsl:with-param name="text" select="'Name'"/><xsl:with-param name="head" select="true()"/></xsl:call-template>
        <xsl:call-template name="w-cell"><xsl:with-param name="text" select="'Date'"/><xsl:with-param name="head" select="true()"/></xsl:call-template>
        <xsl:call-template name="w-cell"><xsl:with-param name="text" select="'Signature'"/><xsl:with-param name="head" select="true()"/></xsl:call-template>
      </w:tr>
      <xsl:for-each select="exsl:node-set($signature-roles)/role">
        <w:tr>
          <w:trPr><w:trHeight w:val="680"/></w:trPr>
          <xsl:call-template name="w-cell"><xsl:with-param name="text" select="."/></xsl:call-template>
          <xsl:call-template name="w-fill-cell"/><xsl:call-template name="w-fill-cell"/><xsl:call-template name="w-fill-cell"/>
        </w:tr>
      </xsl:for-each>
    </w:tbl>
    <w:p><w:r><w:br w:type="page"/></w:r></w:p>
  </xsl:template>

  <xsl:template name="w-control-row">
    <xsl:param name="k"/>
    <xsl:param name="v"/>
    <xsl:param name="tag" select="''"/>
    <w:tr>
      <xsl:call-template name="w-cell"><xsl:with-param name="text" select="$k"/><xsl:with-param name="head" select="true()"/></xsl:call-template>
      <xsl:choose>
        <xsl:when test="$tag != ''">
          <w:tc><w:sdt><w:sdtPr><w:tag w:val="{$tag}"/></w:sdtPr><w:sdtContent>
            <w:p><w:pPr><w:pStyle w:val="TableContents"/></w:pPr><xsl:call-template name="w-r"><xsl:with-param name="text" select="$v"/></xsl:call-template></w:p>
          </w:sdtContent></w:sdt></w:tc>
        </xsl:when>
        <xsl:otherwise><xsl:call-template name="w-cell"><xsl:with-param name="text" select="$v"/></xsl:call-template></xsl:otherwise>
      </xsl:choose>
    </w:tr>
  </xsl:template>
</xsl:stylesheet>
