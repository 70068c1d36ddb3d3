#!/usr/bin/env python3
"""Writes fixtures/renditions/: the same letters in every format formlos reads.

tests/renditions.rs checks that every rendition yields the same rules on the same
sentences as the plain-text letter. Inline markup is placed inside the restricting
sentences on purpose (a bold word, runs split mid-sentence), as real templates do.

With --produced DIR it writes multi-page letters made by real producers instead:
LibreOffice (headless, from flat ODF with a two-column letterhead, a justified body and
a footer with page numbers) to PDF, DOCX, ODT and text; pandoc to DOCX, ODT, HTML and
text (and LibreOffice turns pandoc's DOCX into PDF); fpdf2, a generator library that
writes one text object per line, with double spaces, a hyphenated e-mail address and a
footer. The violating sentence moves across the page break from letter to letter. Each
letter's plain text is written beside it as NAME.txt. Exits 3 when a producer is
missing (soffice, pandoc, or the Python package fpdf2).

Usage: python3 scripts/make_renditions.py                      (from the repository root)
       python3 scripts/make_renditions.py --produced target/renditions-produced
"""
import base64
import hashlib
import os
import quopri
import shutil
import subprocess
import sys
import textwrap
from email.utils import formatdate
from xml.sax.saxutils import escape

from fixturelib import pdf, text_page, write_zip

OUT = os.path.join(os.path.dirname(__file__), "..", "fixtures", "renditions")

LETTERS = {
    "jobcenter-email": {
        "sender": ("Jobcenter Musterstadt", "jobcenter-musterstadt@jobcenter-ge.de"),
        "subject": "Ihre Nachricht vom 3. März",
        "paragraphs": [
            "Sehr geehrte Frau Beispiel,",
            "vielen Dank für Ihre Nachricht. Anfragen per E-Mail werden ab dem 1. Oktober **nicht** mehr bearbeitet.",
            "Unterlagen nehmen wir künftig nur noch über unser **Online-Portal** entgegen. Bescheide versenden wir ausschließlich per Post.",
            "Ein Widerspruch per einfacher E-Mail ist nicht formwirksam.",
            "Mit freundlichen Grüßen",
        ],
    },
    "sozialamt-fax": {
        "sender": ("Sozialamt Neustadt", "sozialamt@neustadt.example"),
        "subject": "Hinweise zur Antragstellung",
        "paragraphs": [
            "Sehr geehrter Herr Nowak,",
            "wir empfehlen, Unterlagen über das Portal zu senden; selbstverständlich erreichen Sie uns auch per E-Mail oder Post.",
            "Faxe werden ab dem 1. Januar **nicht mehr** angenommen. Anträge können nur nach vorheriger **Terminvereinbarung** abgegeben werden.",
            "Begleitpersonen sind bei Gesprächen im Amt nicht gestattet.",
            "Mit freundlichen Grüßen",
        ],
    },
}


def plain(paragraph):
    return paragraph.replace("**", "")


def as_text(letter):
    return "\n\n".join(textwrap.fill(plain(p), 76) for p in letter["paragraphs"]) + "\n"


def as_html(letter):
    body = []
    for p in letter["paragraphs"]:
        parts = p.split("**")
        body.append("<p>" + "".join(f"<b>{part}</b>" if i % 2 else part for i, part in enumerate(parts))
                    .replace("ä", "&auml;").replace("ß", "&szlig;") + "</p>")
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Brief</title>"
            "<style>b{font-weight:bold}</style></head>\n<body>\n" + "\n".join(body) + "\n</body></html>\n")


def headers(letter, extra):
    name, address = letter["sender"]
    return (f"From: {name} <{address}>\nTo: empfaenger@example.org\n"
            f"Subject: =?UTF-8?B?{base64.b64encode(letter['subject'].encode()).decode()}?=\n"
            f"Date: {formatdate(1790000000, localtime=False)}\nMIME-Version: 1.0\n" + extra)


def eml_qp_latin1(letter):
    body = quopri.encodestring(as_text(letter).encode("latin-1")).decode("ascii")
    return headers(letter, "Content-Type: text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n") + body


def eml_base64_utf8(letter):
    body = base64.encodebytes(as_text(letter).encode("utf-8")).decode("ascii")
    return headers(letter, "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n") + body


def eml_html_only(letter):
    html = base64.encodebytes(as_html(letter).encode("utf-8")).decode("ascii")
    return headers(letter, 'Content-Type: multipart/alternative; boundary="grenze"\n\n') + (
        "--grenze\nContent-Type: text/plain; charset=utf-8\n\nBitte HTML aktivieren.\n"
        "--grenze\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n" + html + "--grenze--\n")


def docx(letter):
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    paragraphs = []
    for p in letter["paragraphs"]:
        runs = []
        for i, part in enumerate(p.split("**")):
            words = part.split(" ")
            # Split every few words into a new run, as Word does at formatting changes.
            for start in range(0, len(words), 3):
                chunk = " ".join(words[start:start + 3]) + (" " if start + 3 < len(words) else "")
                if chunk:
                    props = "<w:rPr><w:b/></w:rPr>" if i % 2 else ""
                    runs.append(f'<w:r>{props}<w:t xml:space="preserve">{chunk}</w:t></w:r>')
        paragraphs.append("<w:p>" + "".join(runs) + "</w:p>")
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {w}><w:body>' + "".join(paragraphs) + "</w:body></w:document>"
    return [("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'),
            ("word/document.xml", document)]


def odt(letter):
    paragraphs = []
    for p in letter["paragraphs"]:
        parts = p.split("**")
        paragraphs.append("<text:p>" + "".join(f"<text:span>{part}</text:span>" if i % 2 else part for i, part in enumerate(parts)) + "</text:p>")
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>' + "".join(paragraphs) + "</office:text></office:body></office:document-content>")
    return [("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", content)]


def as_pdf(letter):
    lines = []
    for p in letter["paragraphs"]:
        lines += textwrap.wrap(plain(p), 80) + [""]
    return pdf([text_page(lines)])


def write_fixtures():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    for name, letter in LETTERS.items():
        write_letter(name, letter)
    print("written", sorted(os.listdir(OUT)))


def write_letter(name, letter):
    def path(suffix):
        return os.path.join(OUT, f"{name}{suffix}")
    open(path(".txt"), "w", encoding="utf-8").write(as_text(letter))
    open(path("-cp1252.txt"), "wb").write(as_text(letter).replace("\n", "\r\n").encode("cp1252"))
    open(path("-qp-latin1.eml"), "w").write(eml_qp_latin1(letter))
    open(path("-base64-utf8.eml"), "w").write(eml_base64_utf8(letter))
    open(path("-html-only.eml"), "w").write(eml_html_only(letter))
    open(path(".mbox"), "w").write(f"From {letter['sender'][1]} Mon Sep 21 10:00:00 2026\n" + eml_qp_latin1(letter) + "\n")
    open(path(".html"), "w", encoding="utf-8").write(as_html(letter))
    write_zip(path(".docx"), docx(letter))
    write_zip(path(".odt"), odt(letter))
    open(path(".pdf"), "wb").write(as_pdf(letter))


# --- Multi-page letters made by real producers (--produced DIR) ---------------------

AGENCY = "Jobcenter Musterstadt"
ADDRESS = "jobcenter-musterstadt@jobcenter-ge.de"
LETTERHEAD = (
    [AGENCY, "Musterstraße 1", "12345 Musterstadt"],
    ["Telefon: 0123 456789", f"E-Mail: {ADDRESS}", "Datum: 3. März 2026"],
)
FOOTER = f"{AGENCY} · Musterstraße 1 · 12345 Musterstadt · {ADDRESS}"
# Lawful sentences that fill page one; how many words of them stand before the
# violation decides where the page break falls in it.
FILLER = (
    "Wir haben Ihren Antrag auf Leistungen zur Sicherung des Lebensunterhalts erhalten und prüfen ihn sorgfältig. "
    "Die Prüfung dauert in der Regel einige Wochen, weil wir Angaben zu Einkommen, Vermögen und Wohnkosten benötigen. "
    "Sobald alle Angaben vorliegen, erhalten Sie von uns einen schriftlichen Bescheid mit einer Begründung. "
    "Für Rückfragen stehen Ihnen Ihre Ansprechpartnerin und Ihr Ansprechpartner gern zur Verfügung. "
    "Die Leistungen werden in der Regel monatlich im Voraus auf Ihr Konto überwiesen. "
    "Änderungen Ihrer persönlichen Verhältnisse teilen Sie uns bitte so bald wie möglich mit. "
).split()
VIOLATION = ("Anfragen per E-Mail werden ab dem 1. Oktober nicht mehr bearbeitet. "
             "Unterlagen nehmen wir künftig nur noch über unser Online-Portal entgegen.")
CLOSING = [
    "Anhänge werden grundsätzlich nicht geöffnet.",
    "Ein Widerspruch per einfacher E-Mail ist nicht formwirksam.",
    "Mit freundlichen Grüßen",
    "Im Auftrag",
    "Erika Mustermann",
]


# Lawful sentences of growing length that open the violation's paragraph, so that the
# violation starts further on in its paragraph and the page break cuts it elsewhere.
LEADS = [
    "",
    "Vielen Dank.",
    "Vielen Dank für Ihre Geduld.",
    "Vielen Dank für Ihre Geduld und Ihr Verständnis.",
    "Vielen Dank für Ihre Geduld und Ihr Verständnis in dieser Sache.",
    "Vielen Dank für Ihre Geduld und Ihr Verständnis in dieser Sache, die uns wichtig ist.",
    "Vielen Dank für Ihre Geduld und Ihr Verständnis in dieser Sache, die uns allen sehr am Herzen liegt.",
]


def produced_letter(filler_words, lead):
    """The paragraphs of a letter: `filler_words` words of lawful text, then the
    violation's paragraph opened by `LEADS[lead]`."""
    words = (FILLER * (filler_words // len(FILLER) + 1))[:filler_words]
    filler, paragraphs = [], []
    for start in range(0, len(words), 60):
        filler.append(" ".join(words[start:start + 60]))
    paragraphs += ["Ihr Antrag vom 1. März 2026", "Sehr geehrte Frau Beispiel,"]
    paragraphs += filler
    paragraphs += [(LEADS[lead] + " Bitte beachten Sie. " + VIOLATION).strip()] + CLOSING
    return paragraphs


def produced_text(paragraphs):
    head = "\n".join(LETTERHEAD[0]) + "\n\n" + "\n".join(LETTERHEAD[1])
    return head + "\n\n" + "\n\n".join(textwrap.fill(p, 76) for p in paragraphs) + "\n"


def fodt(paragraphs):
    """Flat ODF for LibreOffice: a two-column letterhead table, a justified body and a
    footer with the agency's address and the page number."""
    cell = lambda lines: "<table:table-cell office:value-type=\"string\">" + "".join(
        f"<text:p>{escape(line)}</text:p>" for line in lines) + "</table:table-cell>"
    body = "".join(f'<text:p text:style-name="Body">{escape(p)}</text:p>' for p in paragraphs)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
<style:default-style style:family="paragraph"><style:text-properties fo:font-size="11pt" style:font-name="Liberation Sans"/></style:default-style>
<style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" fo:margin-bottom="0.25cm" fo:orphans="1" fo:widows="1"/></style:style>
<style:style style:name="Footer" style:family="paragraph"><style:text-properties fo:font-size="8pt"/></style:style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="1.5cm" fo:margin-left="2.5cm" fo:margin-right="2cm"/><style:footer-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"><style:footer>
<text:p text:style-name="Footer">{escape(FOOTER)}</text:p>
<text:p text:style-name="Footer">Seite <text:page-number text:select-page="current">1</text:page-number> von <text:page-count>2</text:page-count></text:p>
</style:footer></style:master-page></office:master-styles>
<office:body><office:text>
<table:table table:name="Briefkopf"><table:table-column table:number-columns-repeated="2"/><table:table-row>{cell(LETTERHEAD[0])}{cell(LETTERHEAD[1])}</table:table-row></table:table>
{body}
</office:text></office:body></office:document>
"""


def markdown(paragraphs):
    """Markdown for pandoc: the letterhead as a table, each paragraph its own block."""
    rows = "\n".join(f"| {left} | {right} |" for left, right in zip(*LETTERHEAD))
    return f"|   |   |\n|---|---|\n{rows}\n\n" + "\n\n".join(paragraphs) + "\n"


def fpdf_letter(paragraphs, path):
    """A PDF by fpdf2: one text object per line, sentences joined by two spaces, the
    e-mail address hyphenated in a narrow letterhead column, a footer on every page."""
    from fpdf import FPDF

    class Letter(FPDF):
        def footer(self):
            self.set_y(-18)
            self.set_font("Helvetica", size=8)
            self.cell(0, 4, FOOTER.replace("·", "-"), new_x="LMARGIN", new_y="NEXT")
            self.cell(0, 4, f"Seite {self.page_no()} von {{nb}}")

    pdf = Letter(format="A4")
    pdf.set_margins(25, 20, 20)
    pdf.set_auto_page_break(True, margin=25)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    top = pdf.get_y()
    for line in LETTERHEAD[0]:
        pdf.cell(70, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_xy(125, top)
    right = ["Telefon: 0123 456789", "E-Mail: jobcenter-", ADDRESS.split("-", 1)[1], "Datum: 3. März 2026"]
    for line in right:
        pdf.set_x(125)
        pdf.cell(60, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 5, paragraph.replace(". ", ".  "), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.output(path)


def missing_producers():
    missing = [tool for tool in ("soffice", "pandoc") if shutil.which(tool) is None]
    try:
        import fpdf  # noqa: F401
    except ImportError:
        missing.append("fpdf2 (pip install fpdf2)")
    return missing


# (producer, words of filler, lead): calibrated so that for each producer the page break
# falls before, into (at different words) and after the violating sentences.
PRODUCED = (
    [("libreoffice", 540, lead) for lead in range(7)]
    + [("pandoc", 660, lead) for lead in range(2, 7)]
    + [("fpdf", 412, lead) for lead in (0, 2, 3, 4, 6)]
)


def start_output(out, stamp, work):
    """Empties OUT and the work folder WORK for new output, unless OUT already holds the
    output of `stamp` (a hash of what it is made from): then returns False."""
    stamp_path = os.path.join(out, "stamp")
    if os.path.exists(stamp_path) and open(stamp_path).read() == stamp:
        print("up to date", out)
        return False
    for folder in (out, work):
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
    return True


def write_produced(out):
    missing = missing_producers()
    if missing:
        print("missing: " + ", ".join(missing), file=sys.stderr)
        sys.exit(3)
    stamp = hashlib.sha256(open(__file__, "rb").read()).hexdigest()
    sources = out + "-sources"
    if not start_output(out, stamp, sources):
        return
    for producer, words, lead in PRODUCED:
        name = f"{producer}-{words}-{lead}"
        paragraphs = produced_letter(words, lead)
        open(os.path.join(out, f"{name}.txt"), "w", encoding="utf-8").write(produced_text(paragraphs))
        if producer == "libreoffice":
            open(os.path.join(sources, f"{name}.fodt"), "w", encoding="utf-8").write(fodt(paragraphs))
        elif producer == "pandoc":
            md = os.path.join(sources, f"{name}.md")
            open(md, "w", encoding="utf-8").write(markdown(paragraphs))
            for ext, extra in (("docx", []), ("odt", []), ("html", ["-s", "--metadata", "title=Brief"]), ("txt", ["-t", "plain"])):
                target = os.path.join(out, f"{name}.pandoc.{ext}")
                subprocess.run(["pandoc", md, "-o", target, *extra], check=True)
        else:
            fpdf_letter(paragraphs, os.path.join(out, f"{name}.fpdf.pdf"))
    converted = os.path.join(out, "converted")
    # A profile of its own (kept beside the output: the first start of LibreOffice with
    # a new profile is slow), so that no other LibreOffice running here interferes.
    profile = os.path.abspath(os.path.join(out, "..", "soffice-profile"))
    soffice = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore"]
    fodts = sorted(os.path.join(sources, f) for f in os.listdir(sources) if f.endswith(".fodt"))
    pandoc_docx = sorted(os.path.join(out, f) for f in os.listdir(out) if f.endswith(".pandoc.docx"))
    for target, files in (("pdf", fodts + pandoc_docx), ("docx", fodts), ("odt", fodts), ("txt:Text (encoded):UTF8", fodts)):
        subprocess.run(soffice + ["--convert-to", target, "--outdir", converted, *files],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for file in os.listdir(converted):
        base, ext = file.rsplit(".", 1)
        if base.endswith(".pandoc"):
            name, producer = base[: -len(".pandoc")], "pandoc-libreoffice"
        else:
            name, producer = base, "libreoffice"
        os.replace(os.path.join(converted, file), os.path.join(out, f"{name}.{producer}.{ext}"))
    os.rmdir(converted)
    shutil.rmtree(sources)
    open(os.path.join(out, "stamp"), "w").write(stamp)
    print("written", out)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--produced":
        write_produced(sys.argv[2])
    else:
        write_fixtures()
