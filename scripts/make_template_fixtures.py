#!/usr/bin/env python3
"""Writes fixtures/templates/: a small agency template repository (plain text, Jinja,
HTML, Markdown, Word) with findings, inline suppressions in each comment syntax, a
suppression without a reason and one that suppresses nothing. tests/ci.rs checks every
CI format and the suppression report on it.

Usage: python3 scripts/make_template_fixtures.py   (from the repository root)
"""
import os

from fixturelib import write_zip

OUT = os.path.join(os.path.dirname(__file__), "..", "fixtures", "templates")
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

FILES = {
    "antwort.txt": """Sehr geehrte/r {{ anrede }},

vielen Dank für Ihre Nachricht.
E-Mails werden nicht bearbeitet.
# formlos-disable-next-line FL601 -- Hinweis des Rechtsamts vom 2. Mai, wird ersetzt
Faxe werden nicht angenommen.

Mit freundlichen Grüßen
Ihr Jobcenter Musterstadt
""",
    "eingang.txt.j2": """{# formlos-disable-file FL901 -- Anhänge prüft die Poststelle, Text folgt #}
Guten Tag {{ kunde.name }},
Anhänge werden nicht geöffnet.
Anträge können nur mit Formular gestellt werden.
""",
    "rueckruf.txt.hbs": """{{!-- formlos-disable-next-line FL302 -- Rückrufservice, Text mit dem Rechtsamt abgestimmt --}}
Telefonische Anfragen werden nicht beantwortet.
Faxe werden nicht angenommen. // formlos-disable-line FL601 -- Übergangstext bis Juni
Guten Tag {{name}}, Anhänge werden nicht geöffnet.
""",
    "seite.html": """<html><body>
<p>Kontakt: info@jobcenter-musterstadt.de</p>
<!-- formlos-disable-next-line FL201 -- Zitat aus der Hausmitteilung, keine eigene Aussage -->
<p>Kommunikation ausschließlich über das Portal.</p>
<p>Faxe werden nicht mehr angenommen.</p>
<!-- formlos-disable-next-line FL601 -->
<p>Sie erreichen uns telefonisch.</p>
</body></html>
""",
    "hinweise.md": """# Hinweise zur Erreichbarkeit

<!-- formlos-disable FL101 -- Schulungsbeispiel für unzulässige Sätze -->
Anträge per E-Mail werden nicht bearbeitet.
<!-- formlos-enable FL101 -->

Anträge per E-Mail werden nicht bearbeitet.
""",
}


def p(text):
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def commented(text, comment_id):
    return (f'<w:p><w:commentRangeStart w:id="{comment_id}"/><w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
            f'<w:commentRangeEnd w:id="{comment_id}"/><w:r><w:commentReference w:id="{comment_id}"/></w:r></w:p>')


document = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W}><w:body>
{p("Sehr geehrte Frau Beispiel,")}
{commented("Anträge per E-Mail werden nicht bearbeitet.", 0)}
{p("Faxe werden nicht angenommen.")}
{p("Mit freundlichen Grüßen")}
</w:body></w:document>'''
comments = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments {W}><w:comment w:id="0" w:author="Redaktion"><w:p><w:r><w:t>formlos-disable-next-line FL101 -- Zitat aus der alten Dienstanweisung, wird ersetzt</w:t></w:r></w:p></w:comment></w:comments>'''


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, text in FILES.items():
        with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
    write_zip(os.path.join(OUT, "bescheid.docx"), [
        ("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
         '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>'),
        ("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
        ("word/_rels/document.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>'),
        ("word/document.xml", document),
        ("word/comments.xml", comments),
    ])


if __name__ == "__main__":
    main()
