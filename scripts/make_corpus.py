#!/usr/bin/env python3
"""Generates the evaluation corpus fixtures/corpus/ and its labels.yaml.

Deterministic (fixed seed): running it again reproduces the committed files. The
sentence pools below are written for the corpus and kept apart from the rules' own
examples and fixtures/sentences/, so that `formlos eval fixtures/corpus` measures how
well the rules generalize. Real wording keeps its source URL (shared/real-wording.md).

Usage: python3 scripts/make_corpus.py   (from the repository root)
"""
import os
import random
import textwrap

OUT = os.path.join(os.path.dirname(__file__), "..", "fixtures", "corpus")
rng = random.Random(20261125)

# ------------------------------------------------------------------ agencies
AGENCIES = [
    ("Jobcenter Musterstadt", "Hauptstraße 1", "12345 Musterstadt", "jobcenter-musterstadt@jobcenter-ge.de"),
    ("Jobcenter Landkreis Beispielkreis", "Am Markt 4", "54321 Beispielstadt", "jobcenter-beispielkreis@jobcenter-ge.de"),
    ("Jobcenter Nordstadt", "Bahnhofstraße 22", "20001 Nordstadt", None),
    ("Sozialamt Neustadt", "Rathausplatz 1", "11111 Neustadt", "sozialamt@neustadt.example"),
    ("Kreisverwaltung Südkreis – Fachdienst Soziales", "Schlossallee 9", "79000 Südhausen", "soziales@suedkreis.example"),
    ("Jobcenter Region Weststadt", "Industriestraße 15", "40210 Weststadt", "jobcenter-weststadt.leistung@jobcenter-ge.de"),
    ("Jobcenter Oststadt", "Lindenweg 3", "01067 Oststadt", None),
    ("Stadt Talheim – Amt für Soziales", "Marktplatz 2", "74388 Talheim", "soziales@talheim.example"),
]
PEOPLE = ["Frau Yilmaz", "Herr Nowak", "Frau Schneider", "Herr Okafor", "Frau Petrović", "Herr Becker", "Frau Haddad", "Herr Kowalski"]
DATES = ["3. März 2026", "17. April 2026", "2. Juni 2026", "9. September 2026", "14. Oktober 2026", "25. November 2026"]

# ------------------------------------------------------------------ violations (direct)
V = {
    "email-refused": [
        "Nachrichten, die uns per E-Mail erreichen, werden seit dem 1. Juli nicht mehr bearbeitet.",
        "Per E-Mail eingehende Anliegen können leider nicht berücksichtigt werden.",
        "Wir beantworten keine E-Mails mehr.",
        "Das Funktionspostfach wurde zum Monatsende stillgelegt.",
        "Die Kommunikation über E-Mail ist bei unserer Behörde nicht vorgesehen.",
        "E-Mails werden nach Eingang ungelesen gelöscht.",
        "Auf elektronischem Wege eingereichte Schreiben werden nicht zur Kenntnis genommen.",
        "Eine Bearbeitung von Anfragen per Mail erfolgt nicht mehr.",
        "Dieses Postfach wird nicht gelesen.",
        "Wir bieten keinen E-Mail-Kontakt mehr an.",
        "Bitte schreiben Sie uns nicht per E-Mail.",
    ],
    "channel-exclusivity": [
        "Unterlagen reichen Sie bitte ausschließlich über jobcenter.digital ein.",
        "Ihre Veränderungsmitteilung nehmen wir nur noch online entgegen.",
        "Anträge können nur noch über das Kundenportal gestellt werden.",
        "Die Kontaktaufnahme ist ausschließlich über unser Kontaktformular möglich.",
        "Nachweise akzeptieren wir nur, wenn sie über die App hochgeladen werden.",
        "Sämtliche Unterlagen sind allein über den Upload im Portal zu übermitteln.",
        "Der Schriftverkehr mit uns findet nur noch digital statt.",
        "Anliegen können Sie uns lediglich telefonisch mitteilen.",
    ],
    "oral-application-refused": [
        "Telefonische Anträge nehmen wir nicht entgegen.",
        "Ein Antrag am Telefon ist bei uns nicht möglich.",
        "Mündliche Anträge werden nicht aufgenommen.",
        "Anträge, die nur mündlich gestellt werden, sind unwirksam.",
        "Per Telefon gestellte Anträge können wir nicht anerkennen.",
        "Das Jobcenter ist telefonisch nicht mehr erreichbar.",
        "Telefonische Anliegen werden nicht mehr bearbeitet.",
    ],
    "form-required": [
        "Ihr Antrag gilt erst als gestellt, wenn der ausgefüllte Vordruck vorliegt.",
        "Anträge ohne amtliches Formular werden nicht bearbeitet.",
        "Formlose Anträge können wir nicht annehmen.",
        "Ein Antrag kann nur mit dem offiziellen Antragsformular gestellt werden.",
        "Als Tag der Antragstellung gilt der Eingang des vollständig ausgefüllten Formulars.",
        "Ohne Ihre Unterschrift auf dem Vordruck ist Ihr Antrag nicht gültig.",
        "Wir nehmen Ihren Antrag erst entgegen, wenn Sie den Hauptantrag ausgefüllt haben.",
    ],
    "receipt-refused": [
        "Unvollständige Unterlagen werden nicht angenommen.",
        "Anträge ohne Kundennummer gelten als nicht eingegangen.",
        "Schreiben ohne Unterschrift werden ungelesen zurückgeschickt.",
        "Unterlagen, die in den Briefkasten geworfen werden, werden nicht berücksichtigt.",
        "Eine Entgegennahme von Anträgen am Schalter erfolgt nicht.",
        "Nachweise in Papierform werden nicht mehr bearbeitet.",
        "Antragsteller ohne vollständige Unterlagen werden nach Hause geschickt.",
    ],
    "fax-refused": [
        "Faxe an das Jobcenter werden nicht mehr bearbeitet.",
        "Unser Telefax wurde abgeschaltet.",
        "Der Faxempfang ist eingestellt.",
        "Per Fax übermittelte Unterlagen können nicht angenommen werden.",
        "Eine Übersendung von Unterlagen per Telefax ist nicht mehr zulässig.",
        "Faxe gelten als nicht zugegangen.",
    ],
    "representative-refused": [
        "Mit Ihrem Bevollmächtigten führen wir keine Korrespondenz.",
        "Schreiben Ihres Rechtsanwalts werden nicht beantwortet.",
        "Wir verhandeln ausschließlich mit den Antragstellern selbst.",
        "Vertreter werden bei uns nicht zugelassen.",
        "Beratungsstellen erteilen wir keine Auskunft.",
        "Auch bei vorliegender Vollmacht informieren wir Dritte nicht.",
    ],
    "appointment-gate": [
        "Anträge werden nur nach Terminvereinbarung entgegengenommen.",
        "Unterlagen können ausschließlich zwischen 8 und 10 Uhr am Empfang abgegeben werden.",
        "Eine Vorsprache ohne vorherige Terminvereinbarung ist ausnahmslos nicht möglich.",
        "Ohne Einladung werden Besucher abgewiesen.",
        "Kunden ohne Termin werden an der Tür zurückgewiesen.",
        "Der Publikumsverkehr ist eingestellt.",
        "Persönliche Vorsprachen sind nicht mehr gestattet.",
        "Anträge können erst nach einem Clearinggespräch gestellt werden.",
    ],
    "attachments-refused": [
        "Anhänge werden von uns grundsätzlich nicht geöffnet.",
        "Dateianhänge werden automatisch gelöscht.",
        "E-Mail-Anhänge leiten wir nicht weiter.",
        "Angehängte Dokumente werden nicht berücksichtigt.",
        "Attachments werden aus Sicherheitsgründen entfernt.",
    ],
    "wrong-statement-of-law": [
        "Anträge per E-Mail sind rechtlich unwirksam.",
        "Eine E-Mail ersetzt keinen schriftlichen Antrag.",
        "Der Antrag muss schriftlich und eigenhändig unterschrieben eingereicht werden.",
        "Leistungsanträge bedürfen der Schriftform.",
        "Ein Antrag per Fax ist nicht ausreichend.",
        "Für den Antrag auf Bürgergeld ist die Schriftform vorgeschrieben.",
    ],
    "not-responsible": [
        "Da wir nicht zuständig sind, geben wir Ihnen den Antrag zurück.",
        "Für Sozialhilfe sind wir nicht zuständig; stellen Sie Ihren Antrag bitte beim Sozialamt.",
        "Sie sind nicht antragsberechtigt, daher nehmen wir Ihren Antrag nicht an.",
        "Ihr Antrag ist aussichtslos und wird deshalb nicht aufgenommen.",
        "Wir sind hierfür nicht zuständig und können Ihren Antrag nicht bearbeiten.",
    ],
    "companion-excluded": [
        "Bitte kommen Sie allein; Begleitpersonen sind nicht zugelassen.",
        "Ein Beistand darf an dem Gespräch nicht teilnehmen.",
        "Zum Termin dürfen Sie keine weiteren Personen mitbringen.",
        "Die Mitnahme einer Begleitperson ist untersagt.",
        "Sie müssen allein zum Termin erscheinen.",
    ],
}

# ------------------------------------------------------------------ reported (third parties)
REPORTED = [
    ("Das Jobcenter teilte mit, E-Mails würden künftig nicht mehr bearbeitet.", ["email-refused"], None),
    ("Nach Angaben der Behörde sei eine Kommunikation per E-Mail nicht mehr möglich.", ["email-refused"], None),
    ("Ein Sprecher erklärte, Anträge könnten nur noch über das Portal gestellt werden.", ["channel-exclusivity"], None),
    ("Laut den Betroffenen habe die Behörde erklärt, Faxe würden nicht mehr angenommen.", ["fax-refused"], None),
    ("Die Stadt behauptete, mündliche Anträge seien unwirksam.", ["oral-application-refused"], None),
    ("Es hieß, Bevollmächtigte würden bei Vorsprachen nicht zugelassen.", ["representative-refused"], None),
    ("Stimmt es, dass formlose Anträge nicht bearbeitet werden?", ["form-required"], None),
    ("Es ist nicht richtig, dass Anträge erst mit dem Formular als gestellt gelten.", ["form-required"], None),
    ("Die Behörde habe Begleitpersonen nicht zugelassen, berichtet die Beratungsstelle.", ["companion-excluded"], None),
    ("Betroffene berichten, Unterlagen würden ungelesen zurückgeschickt.", ["receipt-refused"], None),
    ("Hilfesuchende erhielten eine E-Mail, in der zu lesen war, dass eine Kommunikation per E-Mail nicht mehr möglich sei.", ["email-refused"],
     "https://www.gegen-hartz.de/news/hartz-iv-jobcenter-hagen-rudert-nach-e-mail-affaere-zurueck"),
    ("Einem Leistungsbeziehenden wurde mitgeteilt, dass die eingehende Mail zwar angekommen sei, aber nicht mehr bearbeitet werde.", ["email-refused"],
     "https://www.gegen-hartz.de/news/hartz-iv-jobcenter-hagen-rudert-nach-e-mail-affaere-zurueck"),
]

# ------------------------------------------------------------------ lawful look-alikes
LAWFUL = [
    ("Sie können uns Ihre Unterlagen auch per E-Mail senden.", None),
    ("Für schnelle Rückmeldungen empfehlen wir das Portal; Post und E-Mail bleiben selbstverständlich möglich.", None),
    ("Ein Widerspruch kann nicht wirksam per einfacher E-Mail erhoben werden.", None),
    ("Bitte senden Sie Gesundheitsdaten nicht unverschlüsselt per E-Mail.", None),
    ("Bescheide stellen wir Ihnen ausschließlich per Post zu.", None),
    ("Die App steht ausschließlich für Smartphones zur Verfügung.", None),
    ("Bitte benutzen Sie für Ihre Veränderungsmitteilung den beigefügten Vordruck.", None),
    ("Fehlen Unterlagen, können Leistungen nach § 66 SGB I versagt werden, nachdem wir Sie schriftlich darauf hingewiesen haben.", None),
    ("Telefonisch sind wir montags bis donnerstags von 8 bis 16 Uhr erreichbar.", None),
    ("Ihre Anrufe nimmt unser Servicecenter entgegen.", None),
    ("Eine Vollmacht muss uns schriftlich vorliegen, bevor wir Auskünfte an Ihre Vertreterin geben.", None),
    ("Zu Ihrem Gespräch können Sie eine Person Ihres Vertrauens mitbringen.", None),
    ("Ihr Beistand muss sich mit einem gültigen Ausweis legitimieren.", None),
    ("Formlos gestellte Anträge wahren die Frist; die Formulare reichen Sie bitte nach.", None),
    ("Wir können erst über Ihren Antrag entscheiden, wenn alle Unterlagen vorliegen.", None),
    ("Nur wer einen Antrag stellt, kann Leistungen erhalten.", None),
    ("Für Beratungsgespräche vereinbaren Sie bitte vorher einen Termin.", None),
    ("Elterngeld muss schriftlich beantragt werden.", None),
    ("Die Arbeitslosmeldung ist persönlich oder online möglich.", None),
    ("Dateien im Format .exe oder .zip werden aus Sicherheitsgründen nicht angenommen; bitte senden Sie PDF-Dateien.", None),
    ("Dieses Postfach ist ein reines Versandpostfach; Ihre Fragen richten Sie bitte an info@jobcenter-beispiel.de.", None),
    ("Ihre E-Mail ist eingegangen und wird bearbeitet.", None),
    ("Wir haben Ihren Antrag an die zuständige Familienkasse weitergeleitet.", None),
    ("Der Antrag kann formlos, also auch mündlich oder per E-Mail, gestellt werden.", None),
    ("Falls Sie kein Internet haben, können Sie Ihre Unterlagen gern persönlich abgeben.", None),
    ("Antworten auf Ihre E-Mail erhalten Sie in der Regel innerhalb einer Woche.", None),
    ("Unser Faxgerät ist rund um die Uhr empfangsbereit.", None),
    ("Auskünfte am Telefon geben wir nur, wenn Sie Ihre Kundennummer nennen.", None),
    ("Ohne Termin kann es zu längeren Wartezeiten kommen.", None),
    ("Die Sprechstunde am Donnerstag entfällt.", None),
    ("Bitte beachten Sie: Widersprüche per E-Mail sind ohne qualifizierte elektronische Signatur nicht wirksam.", None),
    ("Wir bitten darum, Unterlagen möglichst digital einzureichen.", None),
    ("Die Bearbeitung von E-Mails kann derzeit bis zu zwei Wochen dauern.", None),
    ("Kopien sind ausreichend; Originale müssen Sie nicht einreichen.", None),
    ("Sie müssen den Antrag nicht persönlich abgeben.", None),
    ("Post für das Jobcenter werfen Sie bitte in den Hausbriefkasten am Haupteingang.", None),
    ("E-Mails an unsere alte Adresse werden automatisch an das neue Postfach weitergeleitet.", None),
    ("Der Antrag kann grundsätzlich formlos persönlich, telefonisch, per E-Mail, online oder per (Haus-) Post gestellt werden.",
     "https://www.jobcenter-rvsbr.de/aktuelles"),
    ("Sie können Ihren Antrag auch telefonisch unter 0561-929990 (Mo.-Fr. 08:00 – 18:00 Uhr) stellen.",
     "https://www.jobcenter-kassel.de"),
    ("Anträge und Unterlagen können dennoch per Post, über die Hausbriefkästen des Rathauses, per E- Mail oder Telefax übersendet werden.",
     "https://service.berlin.de/dienstleistung/121829/standort/122623"),
    ("Wird durch das Gesetz die Schriftform angeordnet, kann diese nur durch Verwendung einer qualifizierten elektronischen Signatur ersetzt werden.",
     "https://jobcenter-altmarkkreis.de/?p=23349"),
    ("Die Übertragung einer E-Mail in unser elektronisches Aktensystem dauert in der Regel 1-2 Arbeitstage.",
     "https://berlin.de/jobcenter-lichtenberg/buergergeld/jobcenter-digital/artikel.1467307.php"),
    ("Formlos eingereichte Anträge wirken nur fristwahrend, ein formeller Antrag muss nachgereicht werden.",
     "https://www.bremen.de/wohngeld"),
    ("Telefonisch ist die Agentur für Arbeit Hamburg aber weiterhin erreichbar.",
     "https://www.hamburger-allgemeine.de/agentur-fuer-arbeit-hamburg-am-27-september-geschlossen/"),
    ("Persönliches Vorsprechen beim Berater ist derzeit nicht mehr nötig.",
     "https://www.elbe-wochenblatt.de/2020/03/24/alle-termine-fallen-aus/"),
]

RBB = [
    "Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden. "
    "Der Widerspruch ist schriftlich, in elektronischer Form nach § 36a Abs. 2 SGB I oder zur Niederschrift bei der oben genannten Stelle einzulegen.",
    "Gegen diese Entscheidung können Sie innerhalb eines Monats Widerspruch einlegen, schriftlich oder zur Niederschrift bei uns. "
    "Ein Widerspruch per einfacher E-Mail genügt nicht.",
]
RBB_LAWFUL = ["Ein Widerspruch per einfacher E-Mail genügt nicht."]

FILLER = [
    "vielen Dank für Ihr Schreiben vom {date}.",
    "Ihre Unterlagen haben wir erhalten.",
    "Bitte geben Sie bei Rückfragen Ihre BG-Nummer an.",
    "Wir bewilligen Ihnen Leistungen für die Zeit vom 1. Januar bis 30. Juni.",
    "Der monatliche Regelbedarf beträgt 563 Euro.",
    "Für Rückfragen stehen wir Ihnen gern zur Verfügung.",
    "Die Miete wird in tatsächlicher Höhe berücksichtigt.",
    "Ihr Einkommen aus der Nebentätigkeit wird angerechnet.",
    "Bitte teilen Sie uns jede Änderung Ihrer Verhältnisse unverzüglich mit.",
    "Die Auszahlung erfolgt zum Monatsanfang auf Ihr Konto.",
    "Ihr nächster Termin bei Ihrer Arbeitsvermittlerin ist am 14. Mai um 10 Uhr.",
    "Wir haben Ihren Antrag geprüft.",
    "Anliegend erhalten Sie den Bewilligungsbescheid.",
    "Bitte reichen Sie die Lohnabrechnung für den Monat Mai bis zum {date} ein.",
    "Die Kosten der Unterkunft werden direkt an Ihren Vermieter überwiesen.",
    "Wir weisen darauf hin, dass die Leistungen vorläufig bewilligt werden.",
]

SUBJECTS = ["Ihre Nachricht", "Weiterbewilligungsantrag", "Veränderungsmitteilung", "Nachweise", "Antrag auf Bürgergeld", "Ihr Anliegen"]

labels = {}
files = {}


def wrap(paragraph, width=78):
    return "\n".join(textwrap.wrap(paragraph, width=width, break_long_words=False, break_on_hyphens=True))


def pick(pool, n):
    return rng.sample(pool, n)


def violation(family=None):
    family = family or rng.choice(sorted(V))
    return rng.choice(V[family]), family


def add(name, text, sentences, source=None):
    files[name] = text
    labels[name] = {"source": source, "sentences": sentences}


def letterhead(agency):
    name, street, city, email = agency
    contact = f"Telefon 0123 456-0 · E-Mail: {email}" if email else "Telefon 0123 456-0"
    return f"{name} · {street} · {city}\n{contact}\n"


def letter(index, violations, lawful, with_rbb):
    agency = rng.choice(AGENCIES)
    person = rng.choice(PEOPLE)
    body = [rng.choice(FILLER).format(date=rng.choice(DATES))]
    sentences = []
    middle = [s for s, _ in violations] + [s for s, _ in lawful] + [f.format(date=rng.choice(DATES)) for f in pick(FILLER, 2)]
    rng.shuffle(middle)
    body += middle
    for text, family in violations:
        sentences.append({"text": text, "label": "violation", "families": [family]})
    for text, source in lawful:
        sentences.append({"text": text, "label": "lawful", "source": source})
    paragraphs = [" ".join(body[i:i + 3]) for i in range(0, len(body), 3)]
    salutation = ("Sehr geehrte " if person.startswith("Frau") else "Sehr geehrter ") + person + ","
    text = letterhead(agency) + f"\n{agency[2].split(' ', 1)[1]}, {rng.choice(DATES)}\n\n{salutation}\n\n"
    text += "\n\n".join(wrap(p) for p in paragraphs)
    if with_rbb:
        rbb = rng.choice(RBB)
        text += "\n\nRechtsbehelfsbelehrung\n" + wrap(rbb)
        for lawful_rbb in RBB_LAWFUL:
            if lawful_rbb in rbb:
                sentences.append({"text": lawful_rbb, "label": "lawful"})
    text += "\n\nMit freundlichen Grüßen\nIm Auftrag\n" + rng.choice(["Meier", "Schulz", "Aydın", "Wagner"]) + "\n"
    add(f"c{index:03d}-brief.txt", text, sentences)


def auto_reply(index, violations, lawful):
    agency = rng.choice([a for a in AGENCIES if a[3]])
    sentences = []
    body = ["Ihre Nachricht ist bei uns eingegangen."] + [s for s, _ in violations] + [s for s, _ in lawful]
    for text, family in violations:
        sentences.append({"text": text, "label": "violation", "families": [family]})
    for text, source in lawful:
        sentences.append({"text": text, "label": "lawful", "source": source})
    text = (f"Von: {agency[0]} <{agency[3]}>\nBetreff: Automatische Antwort: {rng.choice(SUBJECTS)}\n\n"
            "Sehr geehrte Damen und Herren,\n\n" + wrap(" ".join(body)) + f"\n\nMit freundlichen Grüßen\n{agency[0]}\n")
    add(f"c{index:03d}-autoreply.txt", text, sentences)


def entry(sentence, label, extra):
    """A label entry: a violation with its family, or a lawful sentence with its source."""
    if label == "violation":
        return {"text": sentence, "label": label, "families": [extra]}
    return {"text": sentence, "label": label, "source": extra}


def faq(index, violations, lawful):
    questions = ["Wie erreiche ich das Jobcenter?", "Wie stelle ich einen Antrag?", "Wie reiche ich Unterlagen ein?",
                 "Was muss ich zum Termin mitbringen?", "Wie lange dauert die Bearbeitung?"]
    items = [(s, "violation", f) for s, f in violations] + [(s, "lawful", src) for s, src in lawful]
    rng.shuffle(items)
    text = f"# Häufige Fragen – {rng.choice(AGENCIES)[0]}\n\n"
    sentences = []
    for (sentence, label, extra), question in zip(items, rng.sample(questions, len(items))):
        text += f"## {question}\n\n{wrap(sentence)}\n\n"
        sentences.append(entry(sentence, label, extra))
    text += "## Wo finde ich Formulare?\n\nAlle Formulare finden Sie auf unserer [Website](https://example.org/formulare).\n"
    add(f"c{index:03d}-faq.md", text, sentences)


def notice(index, violations, lawful):
    items = [(s, "violation", f) for s, f in violations] + [(s, "lawful", src) for s, src in lawful]
    rng.shuffle(items)
    title = rng.choice(["Wichtiger Hinweis", "Merkblatt für Antragstellende", "Aushang", "Information für unsere Kundinnen und Kunden"])
    text = f"{title}\n\n"
    sentences = []
    for sentence, label, extra in items:
        text += "- " + sentence + "\n"
        sentences.append(entry(sentence, label, extra))
    add(f"c{index:03d}-aushang.txt", text, sentences)


def press(index):
    chosen = rng.sample(REPORTED, 2)
    agency = rng.choice(AGENCIES)[0]
    text = f"Ärger um Erreichbarkeit beim {agency}\n\n"
    body = [f"Beim {agency} häufen sich Beschwerden über die Erreichbarkeit."] + [s for s, _, _ in chosen]
    body.append("Eine Sozialberatung rät Betroffenen, Anträge trotzdem auf jedem Weg zu stellen und den Eingang zu belegen.")
    text += wrap(" ".join(body)) + "\n"
    sentences = [{"text": s, "label": "violation", "families": f, "context": "reported", "source": src} for s, f, src in chosen]
    add(f"c{index:03d}-presse.txt", text, sentences)


def advocacy(index):
    quote, family = violation()
    agency = rng.choice(AGENCIES)[0]
    lawful_own = "Nach § 9 SGB X und § 37 SGB II ist das Verfahren formlos; wir bitten Sie, Ihre Praxis zu ändern."
    text = (f"Sozialberatung Lichtblick e.V.\n\nAn: {agency}\n\nBeschwerde\n\nSehr geehrte Damen und Herren,\n\n"
            + wrap(f"in Ihrem Schreiben an unsere Klientin vom {rng.choice(DATES)} heißt es: „{quote}“ {lawful_own}")
            + "\n\nMit freundlichen Grüßen\nLichtblick e.V.\n")
    add(f"c{index:03d}-beratung.txt", text, [{"text": quote, "label": "violation", "families": [family], "context": "quoted"}])


def citizen_reply(index):
    quote, family = violation(rng.choice(["email-refused", "channel-exclusivity", "fax-refused", "form-required"]))
    agency = rng.choice([a for a in AGENCIES if a[3]])
    own = "Ich bitte Sie, meinen Antrag vom 2. Oktober zu bearbeiten; er wurde formlos und damit wirksam gestellt."
    text = (f"Von: {rng.choice(PEOPLE).split()[1]} <buerger{index}@example.org>\nAn: {agency[0]} <{agency[3]}>\n"
            f"Betreff: Re: {rng.choice(SUBJECTS)}\n\nSehr geehrte Damen und Herren,\n\n{wrap(own)}\n\nMit freundlichen Grüßen\n\n"
            + "\n".join("> " + line for line in wrap(f"Sehr geehrte Kundin, sehr geehrter Kunde, {quote}", 70).split("\n")) + "\n")
    add(f"c{index:03d}-antwort.txt", text, [{"text": quote, "label": "violation", "families": [family], "context": "quoted"}])


def lawful_sample(n):
    return pick(LAWFUL, n)


index = 1
families = sorted(V)
# Documents with direct restrictions: every family appears several times.
for round_ in range(5):
    for family in families:
        v = [violation(family)]
        if rng.random() < 0.3:
            v.append(violation())
        kind = (round_ + families.index(family)) % 4
        if kind == 0:
            letter(index, v, lawful_sample(rng.randint(0, 1)), with_rbb=rng.random() < 0.6)
        elif kind == 1:
            auto_reply(index, v, lawful_sample(rng.randint(0, 1)))
        elif kind == 2:
            faq(index, v, lawful_sample(rng.randint(1, 2)))
        else:
            notice(index, v, lawful_sample(rng.randint(1, 2)))
        index += 1
# Lawful documents.
for i in range(64):
    kind = i % 4
    if kind == 0:
        letter(index, [], lawful_sample(rng.randint(1, 3)), with_rbb=True)
    elif kind == 1:
        auto_reply(index, [], lawful_sample(rng.randint(1, 2)))
    elif kind == 2:
        faq(index, [], lawful_sample(rng.randint(2, 3)))
    else:
        notice(index, [], lawful_sample(rng.randint(2, 4)))
    index += 1
for _ in range(12):
    press(index)
    index += 1
for _ in range(10):
    advocacy(index)
    index += 1
for _ in range(8):
    citizen_reply(index)
    index += 1

os.makedirs(OUT, exist_ok=True)
for old in os.listdir(OUT):
    os.remove(os.path.join(OUT, old))
for name, text in files.items():
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        f.write(text)


def quote(value):
    return "'" + value.replace("'", "''") + "'"


lines = ["# Labels of the evaluation corpus, generated by scripts/make_corpus.py; see docs/eval.md.",
         "# The rules are tuned on these documents; `formlos eval` says so next to its figures.",
         "tuning: true",
         "documents:"]
for name in sorted(labels):
    doc = labels[name]
    lines.append(f"  {name}:")
    if doc["source"]:
        lines.append(f"    source: {quote(doc['source'])}")
    if not doc["sentences"]:
        lines.append("    sentences: []")
        continue
    lines.append("    sentences:")
    for s in doc["sentences"]:
        lines.append(f"      - text: {quote(s['text'])}")
        lines.append(f"        label: {s['label']}")
        if s.get("families"):
            lines.append(f"        families: [{', '.join(s['families'])}]")
        if s.get("context"):
            lines.append(f"        context: {s['context']}")
        if s.get("source"):
            lines.append(f"        source: {quote(s['source'])}")
with open(os.path.join(OUT, "labels.yaml"), "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
lawful_docs = sum(1 for d in labels.values() if not any(s["label"] == "violation" and s.get("context", "direct") == "direct" for s in d["sentences"]))
print(f"{len(files)} documents, {lawful_docs} without a direct restriction")
