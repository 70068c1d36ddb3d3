#!/usr/bin/env python3
"""Writes the PDF fixtures in fixtures/documents/ (reproducible, no PDF library needed).

A letter of two pages in Helvetica with WinAnsiEncoding (umlauts as Windows-1252 bytes),
a word hyphenated at a line end, and a scanned page without a text layer (an image only).

Usage: python3 scripts/make_pdf_fixtures.py   (from the repository root)
"""
import os

from fixturelib import pdf, text_page

OUT = os.path.join(os.path.dirname(__file__), "..", "fixtures", "documents")


letter = pdf([
    text_page([
        "Jobcenter Musterstadt - Hauptstraße 1 - 12345 Musterstadt",
        "E-Mail: jobcenter-musterstadt@jobcenter-ge.de",
        "",
        "Sehr geehrte Frau Beispiel,",
        "",
        "vielen Dank für Ihr Schreiben vom 3. März 2026.",
        "Bitte beachten Sie: Anfragen per E-Mail werden ab dem 1. Oktober nicht mehr",
        "bearbeitet. Bescheide versenden wir ausschließlich per Post.",
    ]),
    text_page([
        "Rechtsbehelfsbelehrung",
        "Gegen diesen Bescheid kann innerhalb eines Monats Widerspruch erhoben werden.",
        "Ein Widerspruch per einfacher E-Mail ist nicht formwirksam.",
        "",
        "Unterlagen nehmen wir künftig nur noch über unser Kunden-",
        "portal entgegen.",
    ]),
])
scan = pdf([b"q 400 0 0 400 100 300 cm /Im1 Do Q"], images={0: bytes(range(0, 256, 4))})
with open(os.path.join(OUT, "letter-two-pages.pdf"), "wb") as f:
    f.write(letter)
with open(os.path.join(OUT, "..", "broken", "scan-without-text.pdf"), "wb") as f:
    f.write(scan)
print("written")
