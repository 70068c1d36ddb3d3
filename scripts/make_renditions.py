#!/usr/bin/env python3
"""Writes fixtures/renditions/: the same letters in every format formlos reads.

tests/renditions.rs checks that every rendition yields the same rules on the same
sentences as the plain-text letter. Inline markup is placed inside the restricting
sentences on purpose (a bold word, runs split mid-sentence), as real templates do.

Usage: python3 scripts/make_renditions.py   (from the repository root)
"""
import base64
import os
import quopri
import shutil
import textwrap
from email.utils import formatdate

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


shutil.rmtree(OUT, ignore_errors=True)
os.makedirs(OUT)
for name, letter in LETTERS.items():
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
print("written", sorted(os.listdir(OUT)))
