#!/usr/bin/env bash
# Seeds the fuzz corpora from fixtures/: each file prefixed with its format's selector
# byte (the index in Format::ALL: text 0, markdown 1, html 2, email 3, mbox 4, pdf 5,
# docx 6, odt 7).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/extract corpus/engine
selector() {
  case "$1" in
    *.md) echo 1 ;; *.html) echo 2 ;; *.eml) echo 3 ;; *.mbox) echo 4 ;;
    *.pdf) echo 5 ;; *.docx) echo 6 ;; *.odt) echo 7 ;; *) echo 0 ;;
  esac
}
for file in ../fixtures/documents/* ../fixtures/renditions/* ../fixtures/broken/*; do
  name=$(basename "$file")
  { printf "\\$(printf '%03o' "$(selector "$name")")"; cat "$file"; } > "corpus/extract/$name"
done
cp ../fixtures/documents/*.txt corpus/engine/
