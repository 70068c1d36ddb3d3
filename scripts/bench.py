#!/usr/bin/env python3
"""Benchmark: formlos against ripgrep on a synthetic archive of agency letters.

Generates (once, deterministically) a folder of realistic letters and e-mails with a
known share of planted restriction sentences, then times in the same run
  - formlos check (every rule, JSON Lines out) and
  - ripgrep searching the rule pack's trigger words (`formlos rules triggers`)
over the same files, and prints MB/s, peak memory and the ratio. It checks that every
planted restriction was found and nothing else, times a single letter end to end, and
with --mbox-mb also an mbox archive (peak memory at two sizes shows it stays flat).
The worst case follows: keyword-dense text (every word a trigger word, sentences of 24
words) of 1, 8 and 64 MB, with time, peak memory and exit code; a file over the time
budget (`--file-timeout`, 60 s) ends with exit code 2.

Usage (from the repository root):
    python3 scripts/bench.py                      # 200 MB in 35,000 files
    python3 scripts/bench.py --files 5000 --size-mb 30 --mbox-mb 100 --mbox-mb 400
    python3 scripts/bench.py --dense-mb 1 --dense-mb 8   # other keyword-dense sizes

Needs python3 and ripgrep (`rg`; installed with apt-get or cargo when missing).
"""
import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
FORMLOS = os.path.join(ROOT, "target", "release", "formlos")

AGENCIES = [
    ("Jobcenter Musterstadt", "jobcenter-musterstadt@jobcenter-ge.de"),
    ("Jobcenter Beispielkreis", "jobcenter-beispielkreis@jobcenter-ge.de"),
    ("Jobcenter Nordstadt", "info@jobcenter-nordstadt.de"),
    ("Sozialamt Neustadt", "sozialamt@neustadt.de"),
    ("Jobcenter Landkreis Oberland", "kontakt@jobcenter-oberland.de"),
    ("Agentur für Arbeit Südstadt", "suedstadt@arbeitsagentur.de"),
]
PEOPLE = ["Frau Anna Schneider", "Herrn Mehmet Yılmaz", "Frau Olga Petrenko", "Herrn Jan Kowalski",
          "Frau Sabine Krüger", "Herrn Ahmad Haidari", "Frau Lena Fischer", "Herrn Peter Wagner"]
STREETS = ["Lindenstraße 12", "Am Markt 3", "Bahnhofstraße 45a", "Gartenweg 7", "Schillerplatz 2"]
PLACES = ["45127 Musterstadt", "12345 Beispielhausen", "80331 Südstadt", "20095 Nordstadt"]
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember"]

# Paragraphs of ordinary agency letters, lawful look-alikes among them.
PARAGRAPHS = [
    "wir haben Ihre Unterlagen vom {d} erhalten und prüfen Ihren Antrag auf Bürgergeld. Über das Ergebnis erhalten Sie einen schriftlichen Bescheid.",
    "Bitte reichen Sie bis zum {d} die fehlenden Kontoauszüge der letzten drei Monate sowie den aktuellen Mietvertrag ein.",
    "Sie können uns Unterlagen per Post, per E-Mail, per Fax, über unser Kundenportal oder persönlich zukommen lassen.",
    "Für die Übermittlung von Unterlagen empfehlen wir unser Kundenportal, weil große Dateien dort sicher übertragen werden. Selbstverständlich können Sie uns auch per E-Mail oder Post erreichen.",
    "Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden. Der Widerspruch ist schriftlich oder zur Niederschrift bei der im Briefkopf genannten Stelle einzulegen.",
    "Ihr Termin bei Ihrer persönlichen Ansprechpartnerin findet am {d} um 10:00 Uhr in Raum 2.14 statt. Sie dürfen eine Person Ihres Vertrauens mitbringen.",
    "Am {d} bleibt unser Haus wegen einer Betriebsversammlung geschlossen. In dringenden Fällen erreichen Sie uns telefonisch.",
    "Die Leistungen werden für den Zeitraum vom {d} bis zum Ende des Bewilligungszeitraums in der bisherigen Höhe weiter gezahlt.",
    "Bitte geben Sie bei allen Schreiben Ihre BG-Nummer an, damit wir Ihr Anliegen schnell zuordnen können.",
    "Wenn Sie Fragen haben, rufen Sie uns gerne an oder schreiben Sie uns eine E-Mail. Wir helfen Ihnen weiter.",
    "Eine Mitwirkungspflicht besteht nach den §§ 60 ff. SGB I. Kommen Sie ihr nicht nach, können Leistungen ganz oder teilweise versagt werden.",
    "Die Kosten der Unterkunft werden in tatsächlicher Höhe übernommen, soweit sie angemessen sind. Bitte teilen Sie uns Änderungen der Miete umgehend mit.",
    "Dieser Brief wurde maschinell erstellt und ist ohne Unterschrift gültig.",
    "Anträge können Sie formlos stellen, auch per E-Mail oder telefonisch; das Formular reichen Sie bitte später nach.",
]

# Restriction sentences and the rules that report them (each checked alone).
PLANTED = [
    ("E-Mails werden nicht bearbeitet.", ["FL101"]),
    ("Anträge per E-Mail werden nicht bearbeitet.", ["FL101"]),
    ("Faxe werden nicht mehr angenommen.", ["FL601"]),
    ("Unterlagen nehmen wir nur noch über unser Kundenportal entgegen.", ["FL201"]),
    ("Anträge können telefonisch nicht gestellt werden.", ["FL301"]),
    ("Ohne das vollständig ausgefüllte Formular können wir Ihren Antrag nicht annehmen.", ["FL401"]),
    ("Anhänge werden grundsätzlich nicht geöffnet.", ["FL901"]),
    ("Persönliche Vorsprachen sind im Jobcenter nicht mehr möglich.", ["FL803"]),
    ("Besucher ohne Termin werden ausnahmslos abgewiesen.", ["FL802"]),
    ("Bevollmächtigte werden in unserem Haus nicht zugelassen.", ["FL701"]),
    ("Begleitpersonen sind beim Termin nicht zugelassen.", ["FL1201"]),
    ("Die Kommunikation erfolgt ausschließlich über das Portal.", ["FL201"]),
]


def date(rng):
    return f"{rng.randint(1, 28)}.{rng.randint(1, 12):02d}.{rng.randint(2016, 2026)}"


def letter(rng, planted):
    agency, address = rng.choice(AGENCIES)
    year, month, day = rng.randint(2016, 2026), rng.randint(1, 12), rng.randint(1, 28)
    person = rng.choice(PEOPLE)
    lines = [agency, f"Postfach 10 20 30 · {rng.choice(PLACES)} · E-Mail: {address}", "",
             person, rng.choice(STREETS), rng.choice(PLACES), "",
             f"{agency.split()[-1]}, {day}. {MONTHS[month - 1]} {year}", "",
             f"BG-Nummer: {rng.randint(10000, 99999)}BG{rng.randint(1000000, 9999999)}", "",
             "Sehr geehrte Damen und Herren," if rng.random() < 0.3 else f"Sehr geehrte{'r' if person.startswith('Herrn') else ''} {person.replace('Herrn', 'Herr')},", ""]
    body = [p.format(d=date(rng)) for p in rng.sample(PARAGRAPHS, rng.randint(4, 7))]
    if planted:
        body.insert(rng.randint(0, len(body)), planted)
    for paragraph in body:
        lines += [paragraph, ""]
    lines += ["Mit freundlichen Grüßen", "Ihr " + agency, ""]
    return "\n".join(lines), agency, address, (year, month, day)


def as_eml(text, agency, address, when, index):
    year, month, day = when
    return (f"From: {agency} <{address}>\nTo: kunde{index}@web.de\nSubject: Ihr Anliegen\n"
            f"Date: {day:02d} {['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'][month-1]} {year} 09:00:00 +0100\n"
            "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
            + text + "\n")


def generate(folder, files, size_mb, share, seed=7):
    """Writes the archive and returns {relative path: [rules]} of the planted sentences."""
    manifest_path = os.path.join(folder, "..", os.path.basename(folder) + ".json")
    if os.path.exists(manifest_path):
        with open(manifest_path, encoding="utf-8") as f:
            return json.load(f)
    rng = random.Random(seed)
    target_bytes = size_mb * 1_000_000
    per_file = max(target_bytes // files, 1)
    expected = {}
    os.makedirs(folder, exist_ok=True)
    for index in range(files):
        planted = rng.choice(PLANTED) if rng.random() < share else None
        text, agency, address, when = letter(rng, planted[0] if planted else None)
        # Pad with ordinary paragraphs to reach the size per file.
        while len(text.encode()) < per_file * 0.95:
            text += "\n" + rng.choice(PARAGRAPHS).format(d=date(rng)) + "\n"
        sub = os.path.join(folder, f"{index // 500:03d}")
        os.makedirs(sub, exist_ok=True)
        is_mail = index % 7 == 0
        name = f"brief-{index:06d}." + ("eml" if is_mail else "txt")
        with open(os.path.join(sub, name), "w", encoding="utf-8") as f:
            f.write(as_eml(text, agency, address, when, index) if is_mail else text)
        if planted:
            expected[os.path.join(folder, os.path.basename(sub), name)] = planted[1]
    with open(manifest_path, "w", encoding="utf-8") as f:
        json.dump(expected, f)
    return expected


def generate_mbox(path, size_mb, share, seed=11):
    if os.path.exists(path):
        return
    rng = random.Random(seed)
    written = 0
    with open(path, "w", encoding="utf-8") as f:
        index = 0
        while written < size_mb * 1_000_000:
            planted = rng.choice(PLANTED)[0] if rng.random() < share else None
            text, agency, address, when = letter(rng, planted)
            message = "From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n" + as_eml(text, agency, address, when, index) + "\n"
            f.write(message)
            written += len(message.encode())
            index += 1


# Every word a trigger word: the most costly text to check.
DENSE_WORDS = ("E-Mail nicht bearbeitet nur Antrag Portal ausschließlich Telefon Fax Termin "
               "Formular Anträge werden angenommen persönlich Vorsprache Anhänge geöffnet "
               "zugelassen Bevollmächtigte telefonisch schriftlich Kundenportal möglich").split()


def generate_dense(path, size_mb, seed=3):
    """Keyword-dense text: sentences of 24 trigger words, a blank line now and then."""
    if os.path.exists(path):
        return
    rng = random.Random(seed)
    written = 0
    with open(path, "w", encoding="utf-8") as f:
        while written < size_mb * 1_000_000:
            sentence = " ".join(rng.choice(DENSE_WORDS) for _ in range(24)) + ". "
            if rng.random() < 0.1:
                sentence += "\n\n"
            f.write(sentence)
            written += len(sentence.encode())


def run(command, stdout_path=None):
    """Runs a command; returns (wall seconds, peak RSS in MB, exit code)."""
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if stdout_path:
        out.close()
    return wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def best_of(n, command, stdout_path=None):
    runs = [run(command, stdout_path) for _ in range(n)]
    return min(runs, key=lambda r: r[0])


def ensure_ripgrep():
    if shutil.which("rg"):
        return "rg"
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "ripgrep"], check=False,
                       stdout=subprocess.DEVNULL)
    if not shutil.which("rg"):
        subprocess.run(["cargo", "install", "--locked", "ripgrep"], check=True)
    return shutil.which("rg") or os.path.expanduser("~/.cargo/bin/rg")


def folder_bytes(folder):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(folder) for f in fs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=35000)
    parser.add_argument("--size-mb", type=int, default=200)
    parser.add_argument("--share", type=float, default=0.05, help="share of letters with a planted restriction")
    parser.add_argument("--mbox-mb", type=int, action="append", default=[], help="also time an mbox of this size (repeatable)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per tool (the fastest counts)")
    parser.add_argument("--dense-mb", type=int, action="append", default=None,
                        help="sizes of the keyword-dense worst case (repeatable; default 1, 8, 64)")
    parser.add_argument("--only-dense", action="store_true", help="time the keyword-dense worst case only")
    args = parser.parse_args()

    subprocess.run(["cargo", "build", "--release", "--locked", "--quiet"], cwd=ROOT, check=True)
    bench = os.path.join(ROOT, "target", "bench")
    os.makedirs(bench, exist_ok=True)
    if args.only_dense:
        dense(bench, args.dense_mb or [1, 8, 64])
        return 0
    folder = os.path.join(bench, f"archive-{args.files}-{args.size_mb}mb")
    print(f"archive: {folder}", flush=True)
    expected = generate(folder, args.files, args.size_mb, args.share)
    size = folder_bytes(folder)
    triggers = os.path.join(bench, "triggers.txt")
    with open(triggers, "w", encoding="utf-8") as f:
        f.write(subprocess.run([FORMLOS, "rules", "triggers"], check=True, capture_output=True, text=True).stdout)
    rg = ensure_ripgrep()

    # Warm the page cache so that both tools read from memory.
    run([rg, "-c", "-i", "-f", triggers, folder])
    findings_path = os.path.join(bench, "findings.jsonl")
    formlos_cmd = [FORMLOS, "check", folder, "--isolated", "--quiet", "--format", "jsonl", "--fail-on", "error"]
    rg_cmd = [rg, "-c", "-i", "-f", triggers, folder]
    f_wall, f_rss, f_code = best_of(args.runs, formlos_cmd, findings_path)
    r_wall, r_rss, _ = best_of(args.runs, rg_cmd)

    # Paths compared relative to the archive, however the manifest or formlos spell them.
    def relative(path):
        return os.path.relpath(os.path.abspath(path), os.path.abspath(folder))

    expected = {relative(path): rules for path, rules in expected.items()}
    found = {}
    with open(findings_path, encoding="utf-8") as f:
        for line in f:
            finding = json.loads(line)
            if finding["context"] == "direct":
                found.setdefault(relative(finding["path"]), set()).add(finding["rule"])
    missed = {p: r for p, r in expected.items() if not set(r) <= found.get(p, set())}
    extra = {p: sorted(r - set(expected.get(p, []))) for p, r in found.items() if r - set(expected.get(p, []))}

    one = os.path.join(folder, "000", "brief-000001.txt")
    single = statistics.median(run([FORMLOS, "check", one, "--isolated", "--quiet"])[0] for _ in range(20))

    mb = size / 1_000_000
    print(f"\n{len(expected)} planted restrictions in {args.files} files, {mb:.0f} MB, {os.cpu_count()} cores")
    print(f"{'tool':<42}{'wall s':>9}{'MB/s':>9}{'peak MB':>9}")
    print(f"{'formlos check (all rules, jsonl)':<42}{f_wall:>9.2f}{mb / f_wall:>9.1f}{f_rss:>9.0f}")
    print(f"{'rg -c -i -f <rule-pack triggers>':<42}{r_wall:>9.2f}{mb / r_wall:>9.1f}{r_rss:>9.0f}")
    print(f"ratio formlos / ripgrep: {f_wall / r_wall:.1f}x")
    print(f"single letter end to end (median of 20): {single * 1000:.1f} ms")
    print(f"planted found: {len(expected) - len(missed)}/{len(expected)}; unexpected findings in {len(extra)} files (exit {f_code})")
    for path, rules in list(missed.items())[:10]:
        print(f"  missed {rules} in {path}")
    for path, rules in list(extra.items())[:10]:
        print(f"  unexpected {rules} in {path}")

    for mbox_mb in args.mbox_mb:
        mbox = os.path.join(bench, f"archive-{mbox_mb}mb.mbox")
        generate_mbox(mbox, mbox_mb, args.share)
        run(["cat", mbox])
        wall, rss, _ = run([FORMLOS, "check", mbox, "--isolated", "--quiet", "--format", "jsonl"])
        print(f"mbox {os.path.getsize(mbox) / 1e6:.0f} MB: {wall:.1f} s, {os.path.getsize(mbox) / 1e6 / wall:.1f} MB/s, peak {rss:.0f} MB")
    dense(bench, args.dense_mb or [1, 8, 64])
    return 1 if missed or extra else 0


def dense(bench, sizes):
    """Times the worst case: keyword-dense text, one file per size."""
    print(f"\n{'keyword-dense text':<42}{'wall s':>9}{'MB/s':>9}{'peak MB':>9}{'exit':>6}")
    for size_mb in sizes:
        path = os.path.join(bench, f"dense-{size_mb}mb.txt")
        generate_dense(path, size_mb)
        run(["cat", path])
        wall, rss, code = run([FORMLOS, "check", path, "--isolated", "--quiet", "--format", "jsonl"])
        mb = os.path.getsize(path) / 1e6
        print(f"{f'{mb:.0f} MB':<42}{wall:>9.1f}{mb / wall:>9.2f}{rss:>9.0f}{code:>6}")


if __name__ == "__main__":
    sys.exit(main())
