<?xml version="1.0" encoding="UTF-8"?>
<!--
  odt/package.xsl - a Flat OpenDocument text (checklist.fodt, annex-iv.fodt) -> the parts
  of the same document as a zipped .odt (a package description that regdoc zips:
  templates/schema/package.rng): the mimetype first and uncompressed, the manifest,
  content.xml (the body and its automatic styles), styles.xml (styles, page layouts,
  master pages with header and footer), meta.xml (with the ids regdoc import reads).
  Input: the .fodt regdoc made; nothing in it is changed, only split.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:pkg="urn:x-regdoc:package"
    xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
    xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">
  <xsl:output method="xml" encoding="UTF-8"/>

  <xsl:template match="/office:document">
    <xsl:variable name="mime" select="@office:mimetype"/>
    <pkg:package>
      <pkg:part name="mimetype" store="yes"><xsl:value-of select="$mime"/></pkg:part>
      <pkg:part name="META-INF/manifest.xml">
        <manifest:manifest manifest:version="{@office:version}">
          <manifest:file-entry manifest:full-path="/" manifest:version="{@office:version}" manifest:media-type="{$mime}"/>
          <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
          <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
          <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
        </manifest:manifest>
      </pkg:part>
      <pkg:part name="content.xml">
        <office:document-content office:version="{@office:version}">
          <xsl:copy-of select="office:font-face-decls"/>
          <office:automatic-styles>
            <xsl:copy-of select="office:automatic-styles/*[not(self::style:page-layout)]"/>
          </office:automatic-styles>
          <xsl:copy-of select="office:body"/>
        </office:document-content>
      </pkg:part>
      <pkg:part name="styles.xml">
        <office:document-styles office:version="{@office:version}">
          <xsl:copy-of select="office:font-face-decls"/>
          <xsl:copy-of select="office:styles"/>
          <office:automatic-styles>
            <xsl:copy-of select="office:automatic-styles/style:page-layout"/>
          </office:automatic-styles>
          <xsl:copy-of select="office:master-styles"/>
        </office:document-styles>
      </pkg:part>
      <pkg:part name="meta.xml">
        <office:document-meta office:version="{@office:version}">
          <xsl:copy-of select="office:meta"/>
        </office:document-meta>
      </pkg:part>
    </pkg:package>
  </xsl:template>
</xsl:stylesheet>
