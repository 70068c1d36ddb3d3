#!/usr/bin/env python3
"""Writes the DOCX and ODT fixtures in fixtures/documents/ (reproducible, standard library only).

The Word letter splits its restriction across runs with a bold run in the middle, puts
the letterhead with the agency's e-mail address in a header part, and hides a decoy
restriction in a field code; the ODT notice has a decoy in a comment (annotation).

Usage: python3 scripts/make_office_fixtures.py   (from the repository root)
"""
import os

from fixturelib import write_zip

OUT = os.path.join(os.path.dirname(__file__), "..", "fixtures", "documents")
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def p(*runs):
    return "<w:p>" + "".join(runs) + "</w:p>"


def r(text, bold=False):
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


document = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W}><w:body>
{p(r("Sehr geehrter Herr Nowak,"))}
{p()}
{p(r("vielen Dank für Ihr Schreiben vom 3. März."))}
{p(r("Unterlagen nehmen wir "), r("nur noch", bold=True), r(" über unser Kunden"), r("portal entgegen."))}
{p('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MERGEFIELD E-Mails werden nicht bearbeitet </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')}
{p(r("Bescheide versenden wir ausschließlich per Post."))}
{p(r("Mit freundlichen Grüßen"))}
</w:body></w:document>'''
header = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr {W}>{p(r("Jobcenter Musterstadt · E-Mail: jobcenter-musterstadt@jobcenter-ge.de"))}</w:hdr>'''
write_zip(os.path.join(OUT, "letter-runs.docx"), [
    ("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
     '<Default Extension="xml" ContentType="application/xml"/>'
     '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
     '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>'),
    ("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
     '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    ("word/document.xml", document),
    ("word/header1.xml", header),
])

content = '''<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2"><office:body><office:text>
<text:h text:outline-level="1">Hinweis zur Erreichbarkeit</text:h>
<text:p>Ab dem 1. Januar werden Faxe <text:span>nicht mehr</text:span> angenommen.<office:annotation><dc:creator>Redaktion</dc:creator><text:p>E-Mails werden nicht bearbeitet.</text:p></office:annotation></text:p>
<text:p>Sie erreichen uns per Post,<text:s/>telefonisch oder per E-Mail.</text:p>
</office:text></office:body></office:document-content>'''
write_zip(os.path.join(OUT, "notice-fax.odt"), [
    ("mimetype", "application/vnd.oasis.opendocument.text"),
    ("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
     '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
     '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'),
    ("content.xml", content),
])
print("written")
