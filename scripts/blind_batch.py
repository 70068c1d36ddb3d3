#!/usr/bin/env python3
"""Score a blind batch, and add it to the corpus once it has been recorded.

A blind batch is a YAML file written by a helper who saw only the legal briefs and the
real-wording files (docs/eval.md, shared/blind-batches.md):

    documents:
      - id: b11-01
        ext: txt            # txt, md, html or eml
        text: |
          ...
        labels:
          - text: "verbatim fragment"
            kind: v         # v own restriction, r reported/quoted, b borderline (not scored)

Usage:
    python3 scripts/blind_batch.py score BATCH.yaml [--show] [--bin PATH] [--live]
    python3 scripts/blind_batch.py add BATCH.yaml [--bin PATH]

`score` prints recall (v labels covered by a direct finding), precision (sentences with a
direct finding that are a v or b label) and context (r labels whose findings are all
quoted or reported), the untuned figure to record in docs/eval.md before any rule
changes. `--live` loads the rules from rules/ instead of the built-in pack. `add` copies
the documents to fixtures/corpus/<batch>/ and appends their labels (families taken from
the findings; borderline labels as `label: borderline`, not scored) to fixtures/corpus/labels.yaml.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import tempfile

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QUOTES = re.compile("[„“”»«‚‘’]")


def norm(text):
    """As formlos normalizes text: soft hyphens dropped, a word hyphenated across a line
    end joined ("Kommuni-\nkation"; "E-\nMail" keeps its hyphen), quotes, dashes and
    whitespace folded — so that a label copied from the document covers the finding."""
    text = text.replace("\u00ad", "")
    text = re.sub(r"(\w)-[ \t]*\n\s*([a-zäöüß])", r"\1\2", text)
    return re.sub(r"\s+", " ", QUOTES.sub('"', text).replace("–", "-")).strip()


def covers(label, finding):
    a, b = norm(label), norm(finding["text"])
    return a in b or b in a


def findings_by_document(binary, folder, live):
    command = [binary, "check", "--format", "json"]
    if live:
        command += ["--rules", os.path.join(ROOT, "rules"), "--no-default-rules"]
    output = subprocess.run(command + [folder], capture_output=True, text=True).stdout
    found = {}
    for finding in json.loads(output)["findings"]:
        found.setdefault(os.path.basename(finding["path"]), []).append(finding)
    return found


def write_documents(documents, folder):
    for document in documents:
        with open(os.path.join(folder, f"{document['id']}.{document['ext']}"), "w", encoding="utf-8") as f:
            f.write(document["text"])


def score(args, documents):
    folder = tempfile.mkdtemp(prefix="blind-")
    try:
        write_documents(documents, folder)
        found = findings_by_document(args.bin, folder, args.live)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    hits = misses = alarms = reported_right = reported = 0
    shown = {"misses": [], "false alarms": [], "context": []}
    for document in documents:
        name = f"{document['id']}.{document['ext']}"
        labels = document.get("labels") or []
        direct = [f for f in found.get(name, []) if f["context"] == "direct"]
        for label in labels:
            if label["kind"] == "v":
                if any(covers(label["text"], f) for f in direct):
                    hits += 1
                else:
                    misses += 1
                    shown["misses"].append(f"{document['id']}  {label['text']}")
            elif label["kind"] == "r":
                reported += 1
                covering = [f for f in found.get(name, []) if covers(label["text"], f)]
                if covering and all(f["context"] != "direct" for f in covering):
                    reported_right += 1
                else:
                    why = ",".join(f"{f['rule']} direct" for f in covering if f["context"] == "direct")
                    shown["context"].append(f"{document['id']}  [{why or 'not found'}]  {label['text']}")
        sentences = {norm(f["text"]): f for f in direct}
        for sentence, finding in sentences.items():
            if not any(covers(label["text"], finding) for label in labels if label["kind"] in ("v", "b")):
                alarms += 1
                shown["false alarms"].append(f"{document['id']}  {finding['rule']}  {sentence[:200]}")
    ratio = lambda a, b: f"{a}/{b} = {a / b:.3f}" if b else "-"
    print(f"recall {ratio(hits, hits + misses)}  precision {ratio(hits, hits + alarms)}  "
          f"context {ratio(reported_right, reported)}")
    if args.show:
        for title, lines in shown.items():
            print(f"--- {title}")
            print("\n".join(f"  {line}" for line in lines))


def add(args, documents, batch):
    folder = os.path.join(ROOT, "fixtures", "corpus", batch)
    os.makedirs(folder, exist_ok=True)
    write_documents(documents, folder)
    found = findings_by_document(args.bin, folder, False)
    quote = lambda text: "'" + text.replace("'", "''") + "'"
    lines = []
    for document in documents:
        name = f"{document['id']}.{document['ext']}"
        entries = []
        for label in document.get("labels") or []:
            if label["kind"] == "b":
                entries.append("\n".join([f"    - text: {quote(label['text'])}", "      label: borderline"]))
                continue
            covering = [f for f in found.get(name, []) if covers(label["text"], f)]
            own = label["kind"] == "v"
            families = sorted({f["family"] for f in covering if (f["context"] == "direct") == own})
            entry = [f"    - text: {quote(label['text'])}", "      label: violation"]
            if families:
                entry.append(f"      families: [{', '.join(families)}]")
            if not own:
                context = next((f["context"] for f in covering if f["context"] != "direct"), "reported")
                entry.append(f"      context: {context}")
            entries.append("\n".join(entry))
        lines.append(f"  {name}:")
        lines.append(f"    source: 'blind batch {batch} (docs/eval.md)'")
        lines.append("    sentences:" if entries else "    sentences: []")
        lines.extend(entries)
    with open(os.path.join(ROOT, "fixtures", "corpus", "labels.yaml"), "a", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{len(documents)} documents added to fixtures/corpus/{batch}/")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["score", "add"])
    parser.add_argument("batch")
    parser.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "formlos"))
    parser.add_argument("--show", action="store_true", help="list misses, false alarms and context errors")
    parser.add_argument("--live", action="store_true", help="use the rules in rules/ instead of the built-in pack")
    args = parser.parse_args()
    with open(args.batch, encoding="utf-8") as f:
        documents = yaml.safe_load(f)["documents"]
    batch = os.path.splitext(os.path.basename(args.batch))[0]
    if args.command == "score":
        score(args, documents)
    else:
        add(args, documents, batch)


if __name__ == "__main__":
    main()
