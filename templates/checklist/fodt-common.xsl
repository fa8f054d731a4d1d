<?xml version="1.0" encoding="UTF-8"?>
<!--
  fodt-common.xsl - the Flat OpenDocument frame (office:document with styles) shared by
  checklist/fodt.xsl and annex-iv/fodt.xsl. A stylesheet that imports it calls
  "fodt-document" and gives the body as its template for the context node in mode
  "fodt-body" (built in place, not as a result tree fragment copied in: half the work).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
    xmlns:xlink="http://www.w3.org/1999/xlink"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
    xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
    xmlns:exsl="http://exslt.org/common" exclude-result-prefixes="exsl">

  <xsl:template name="fodt-document">
    <xsl:param name="title"/>
    <office:document office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
      <office:meta>
        <dc:title><xsl:value-of select="$title"/></dc:title>
        <meta:generator><xsl:value-of select="/assessment/@generator"/></meta:generator>
        <!-- the ids regdoc import reads (checklist/answers.xsl) -->
        <meta:user-defined meta:name="regdoc:product"><xsl:value-of select="/assessment/product/@id"/></meta:user-defined>
        <meta:user-defined meta:name="regdoc:regulation"><xsl:value-of select="/assessment/@regulation"/></meta:user-defined>
        <xsl:for-each select="/assessment/law[@version]">
          <meta:user-defined meta:name="regdoc:law:{@regulation}"><xsl:value-of select="@version"/></meta:user-defined>
        </xsl:for-each>
      </office:meta>
      <office:font-face-decls>
        <style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" style:font-family-generic="swiss"/>
        <style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'" style:font-family-generic="roman"/>
      </office:font-face-decls>
      <office:styles>
        <style:default-style style:family="paragraph">
          <style:paragraph-properties fo:margin-bottom="0.12cm"/>
          <style:text-properties style:font-name="Liberation Sans" fo:font-size="10pt" fo:language="en" fo:country="GB"/>
        </style:default-style>
        <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
        <style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard"/>
        <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard">
          <style:paragraph-properties fo:margin-bottom="0.3cm"/>
          <style:text-properties fo:font-size="18pt" fo:font-weight="bold" fo:color="#003399"/>
        </style:style>
        <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="1">
          <style:paragraph-properties fo:margin-top="0.5cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/>
          <style:text-properties fo:font-size="14pt" fo:font-weight="bold" fo:color="#003399"/>
        </style:style>
        <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="2">
          <style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.15cm" fo:keep-with-next="always"/>
          <style:text-properties fo:font-size="12pt" fo:font-weight="bold"/>
        </style:style>
        <style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="3">
          <style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.1cm" fo:keep-with-next="always"/>
          <style:text-properties fo:font-size="10.5pt" fo:font-weight="bold"/>
        </style:style>
        <style:style style:name="Law" style:family="paragraph" style:parent-style-name="Standard">
          <style:paragraph-properties fo:margin-left="0.5cm" fo:padding="0.1cm" fo:border-left="0.06cm solid #8da2d4"/>
          <style:text-properties fo:font-style="italic" style:font-name="Liberation Serif" fo:font-size="10pt"/>
        </style:style>
        <style:style style:name="Note" style:family="paragraph" style:parent-style-name="Standard">
          <style:text-properties fo:font-size="9pt" fo:color="#555555"/>
        </style:style>
        <style:style style:name="Warning" style:family="paragraph" style:parent-style-name="Standard">
          <style:paragraph-properties fo:background-color="#fff2cc" fo:padding="0.1cm"/>
        </style:style>
        <style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph" style:parent-style-name="Standard">
          <style:text-properties fo:font-size="9pt"/>
        </style:style>
        <style:style style:name="Table_20_Heading" style:display-name="Table Heading" style:family="paragraph" style:parent-style-name="Table_20_Contents">
          <style:text-properties fo:font-weight="bold"/>
        </style:style>
        <style:style style:name="Strong" style:family="text">
          <style:text-properties fo:font-weight="bold"/>
        </style:style>
        <style:style style:name="Code" style:family="text">
          <style:text-properties style:font-name="Liberation Mono" fo:font-size="9pt"/>
        </style:style>
      </office:styles>
      <office:automatic-styles>
        <style:style style:name="Grid" style:family="table">
          <style:table-properties style:width="17cm" table:align="margins"/>
        </style:style>
        <!-- the columns to fill in (E-G: status, evidence, responsible) wide enough to write in -->
        <style:style style:name="Grid.A" style:family="table-column"><style:table-column-properties style:column-width="1.8cm"/></style:style>
        <style:style style:name="Grid.B" style:family="table-column"><style:table-column-properties style:column-width="4.4cm"/></style:style>
        <style:style style:name="Grid.C" style:family="table-column"><style:table-column-properties style:column-width="2.6cm"/></style:style>
        <style:style style:name="Grid.D" style:family="table-column"><style:table-column-properties style:column-width="1.8cm"/></style:style>
        <style:style style:name="Grid.E" style:family="table-column"><style:table-column-properties style:column-width="1.6cm"/></style:style>
        <style:style style:name="Grid.F" style:family="table-column"><style:table-column-properties style:column-width="2.6cm"/></style:style>
        <style:style style:name="Grid.G" style:family="table-column"><style:table-column-properties style:column-width="2.2cm"/></style:style>
        <style:style style:name="Box" style:family="table">
          <style:table-properties style:width="17cm" table:align="margins"/>
        </style:style>
        <style:style style:name="Box.A" style:family="table-column"><style:table-column-properties style:column-width="17cm"/></style:style>
        <style:style style:name="Cell" style:family="table-cell">
          <style:table-cell-properties fo:padding="0.08cm" fo:border="0.03cm solid #888888"/>
        </style:style>
        <style:style style:name="HeadCell" style:family="table-cell">
          <style:table-cell-properties fo:padding="0.08cm" fo:border="0.03cm solid #888888" fo:background-color="#e8ecf6"/>
        </style:style>
        <style:style style:name="FillCell" style:family="table-cell">
          <style:table-cell-properties fo:padding="0.15cm" fo:border="0.03cm solid #888888" fo:background-color="#fcfcf0"/>
        </style:style>
        <style:page-layout style:name="Page">
          <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.8cm" fo:margin-bottom="1.8cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
        </style:page-layout>
      </office:automatic-styles>
      <office:master-styles>
        <!-- header: the document and product; footer: page N of M -->
        <style:master-page style:name="Standard" style:page-layout-name="Page">
          <style:header><text:p text:style-name="Note"><xsl:value-of select="$title"/></text:p></style:header>
          <style:footer><text:p text:style-name="Note"><xsl:value-of select="/assessment/@generator"/> · page <text:page-number text:select-page="current"/> of <text:page-count/></text:p></style:footer>
        </style:master-page>
      </office:master-styles>
      <office:body>
        <office:text>
          <xsl:call-template name="fodt-control"><xsl:with-param name="title" select="$title"/></xsl:call-template>
          <xsl:apply-templates select="." mode="fodt-body"/>
        </office:text>
      </office:body>
    </office:document>
  </xsl:template>

  <!-- Document control (title page, contents, revisions, signatures): the frame's
       first pages. -->
  <xsl:template name="fodt-control">
    <xsl:param name="title"/>
    <xsl:variable name="a" select="/assessment"/>
    <text:p text:style-name="Title"><xsl:value-of select="$title"/></text:p>
    <table:table table:name="regdoc-control" table:style-name="Box">
      <table:table-column table:style-name="Grid.C"/>
      <table:table-column table:style-name="Box.A"/>
      <xsl:call-template name="fodt-control-row"><xsl:with-param name="k" select="'Product'"/><xsl:with-param name="v" select="$a/product/name"/></xsl:call-template>
      <xsl:call-template name="fodt-control-row"><xsl:with-param name="k" select="'Version'"/><xsl:with-param name="v" select="$a/product/version"/></xsl:call-template>
      <xsl:call-template name="fodt-control-row"><xsl:with-param name="k" select="$Provider-word"/><xsl:with-param name="v" select="$a/product/provider"/></xsl:call-template>
      <xsl:call-template name="fodt-control-row"><xsl:with-param name="k" select="'Date'"/><xsl:with-param name="v" select="$document-date"/></xsl:call-template>
      <xsl:call-template name="fodt-control-row"><xsl:with-param name="k" select="'Generated by'"/><xsl:with-param name="v" select="$a/@generator"/></xsl:call-template>
      <xsl:call-template name="fodt-control-row"><xsl:with-param name="k" select="'Law'"/><xsl:with-param name="v" select="$law-versions"/></xsl:call-template>
    </table:table>
    <text:table-of-content text:name="regdoc-contents">
      <text:table-of-content-source text:outline-level="2">
        <text:index-title-template>Contents</text:index-title-template>
      </text:table-of-content-source>
      <text:index-body>
        <text:index-title text:name="regdoc-contents-title"><text:p text:style-name="Heading_20_2">Contents</text:p></text:index-title>
        <text:p text:style-name="Note">(Update the table of contents: Tools, Update, Update All.)</text:p>
      </text:index-body>
    </text:table-of-content>
    <text:p text:style-name="Heading_20_2">Revisions</text:p>
    <table:table table:name="regdoc-revisions" table:style-name="Box">
      <table:table-column table:style-name="Grid.D"/>
      <table:table-column table:style-name="Grid.C"/>
      <table:table-column table:style-name="Grid.C"/>
      <table:table-column table:style-name="Grid.B"/>
      <table:table-row>
        <xsl:call-template name="fodt-cell"><xsl:with-param name="style" select="'HeadCell'"/><xsl:with-param name="content" select="'Version'"/></xsl:call-template>
        <xsl:call-template name="fodt-cell"><xsl:with-param name="style" select="'HeadCell'"/><xsl:with-param name="content" select="'Date'"/></xsl:call-template>
        <xsl:call-template name="fodt-cell"><xsl:with-param name="style" select="'HeadCell'"/><xsl:with-param name="content" select="'Author'"/></xsl:call-template>
        <xsl:call-template name="fodt-cell"><xsl:with-param name="style" select="'HeadCell'"/><xsl:with-param name="content" select="'Change'"/></xsl:call-template>
      </table:table-row>
      <xsl:for-each select="$a/answers/revision">
        <table:table-row>
          <xsl:call-template name="fodt-cell"><xsl:with-param name="content" select="string(@version)"/></xsl:call-template>
          <xsl:call-template name="fodt-cell"><xsl:with-param name="content" select="string(@date)"/></xsl:call-template>
          <xsl:call-template name="fodt-cell"><xsl:with-param name="content" select="string(@author)"/></xsl:call-template>
          <xsl:call-template name="fodt-cell"><xsl:with-param name="content" select="string(.)"/></xsl:call-template>
        </table:table-row>
      </xsl:for-each>
      <table:table-row>
        <xsl:call-template name="fodt-cell"><xsl:with-param name="style" select="'FillCell'"/></xsl:call-template>
        <xsl:call-template name="fodt-cell"><xsl:with-param name="style" select="'FillCell'"/></xsl:call-template>
        <xsl:call-template name="fodt-cell"><xsl:with-param name="style" select="'FillCell'"/></xsl:call-template>
        <xsl:call-template name="fodt-cell"><xsl:with-param name="style" select="'FillCell'"/></xsl:call-template>
      </table:table-row>
    </table:table>
    <text:p text:style-name="Heading_20_2">Approval</text:p>
    <table:table table:name="regdoc-signatures" table:style-name="Box">
      <table:table-column table:style-name="Grid.C"/>
      <table:table-column table:style-name="Grid.B"/>
      <table:table-column table:style-name="Grid.C"/>
      <table:table-column table:style-name="Grid.B"/>
      <table:table-row>
        <xsl:call-template name="fodt-cell"><xsl:with-param name="style" select="'HeadCell'"/><xsl:with-param name="content" select="'Role'"/></xsl:call-template>
        <xsl:call-template name="fodt-cell"><xsl:with-param name="style" select="'HeadCell'"/><xsl:with-param name="content" select="'Name'"/></xsl:call-template>
        <xsl:call-template name="fodt-cell"><xsl:with-param name="style" select="'HeadCell'"/><xsl:with-param name="content" select="'Date'"/></xsl:call-template>
        <xsl:call-template name="fodt-cell"><xsl:with-param name="style" select="'HeadCell'"/><xsl:with-param name="content" select="'Signature'"/></xsl:call-template>
      </table:table-row>
      <xsl:for-each select="exsl:node-set($signature-roles)/role">
        <table:table-row>
          <xsl:call-template name="fodt-cell"><xsl:with-param name="content" select="string(.)"/></xsl:call-template>
          <xsl:call-template name="fodt-cell"><xsl:with-param name="style" select="'FillCell'"/></xsl:call-template>
          <xsl:call-template name="fodt-cell"><xsl:with-param name="style" select="'FillCell'"/></xsl:call-template>
          <xsl:call-template name="fodt-cell"><xsl:with-param name="style" select="'FillCell'"/></xsl:call-template>
        </table:table-row>
      </xsl:for-each>
    </table:table>
  </xsl:template>
  <xsl:template name="fodt-control-row">
    <xsl:param name="k"/>
    <xsl:param name="v"/>
    <table:table-row>
      <xsl:call-template name="fodt-cell"><xsl:with-param name="style" select="'HeadCell'"/><xsl:with-param name="content" select="string($k)"/></xsl:call-template>
      <xsl:call-template name="fodt-cell"><xsl:with-param name="content" select="string($v)"/></xsl:call-template>
    </table:table-row>
  </xsl:template>

  <!-- A hyperlink to a reference (label, href). -->
  <xsl:template name="fodt-link">
    <xsl:param name="ref" select="."/>
    <text:a xlink:type="simple" xlink:href="{$ref/@href}"><xsl:value-of select="$ref/@label"/></text:a>
  </xsl:template>

  <!-- A cell holding one paragraph of text. -->
  <xsl:template name="fodt-cell">
    <xsl:param name="style" select="'Cell'"/>
    <xsl:param name="pstyle" select="'Table_20_Contents'"/>
    <xsl:param name="content"/>
    <table:table-cell table:style-name="{$style}" office:value-type="string">
      <text:p text:style-name="{$pstyle}"><xsl:copy-of select="$content"/></text:p>
    </table:table-cell>
  </xsl:template>
</xsl:stylesheet>
