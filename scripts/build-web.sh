#!/usr/bin/env bash
# Builds the browser page into web/dist/: formlos compiled to WebAssembly (feature `web`),
# bound with wasm-bindgen, the page's HTML, script and style. The page loads nothing from
# the network and works from a static host or straight from disk (file://), so the .wasm
# is embedded in a script: browsers refuse to fetch files from file:// pages.
#
#   scripts/build-web.sh            # then open web/dist/index.html
#
# Needs the Rust target wasm32-unknown-unknown and wasm-bindgen-cli at exactly the
# version of the wasm-bindgen crate in Cargo.lock (installed here when missing).
# wasm-opt is not used: Debian's binaryen (version 108) breaks the reference-typed table
# wasm-bindgen now generates ("Table.set(): Argument 1 is invalid"), it takes two minutes
# on two cores, and it saves only 1 MB of a module that compresses to 2.4 MB.
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir="${CARGO_TARGET_DIR:-target}"
out=web/dist
work="$target_dir/web"

version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$version" ]; then
    echo "build-web: no wasm-bindgen in Cargo.lock" >&2
    exit 1
fi
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }')" != "$version" ]; then
    echo "== wasm-bindgen-cli $version"
    # --locked builds the CLI's own tested dependencies; a registry mirror that lacks
    # one of them gets the newest compatible ones instead.
    cargo install --locked wasm-bindgen-cli --version "$version" \
        || cargo install wasm-bindgen-cli --version "$version"
fi

echo "== formlos for wasm32-unknown-unknown"
# A cdylib only here: the native build keeps its plain library.
cargo rustc --locked --release --lib --target wasm32-unknown-unknown \
    --no-default-features --features web --crate-type cdylib

rm -rf "$work" "$out"
mkdir -p "$work" "$out"
wasm-bindgen --target no-modules --no-typescript --out-dir "$work" \
    "$target_dir/wasm32-unknown-unknown/release/formlos.wasm"

cp web/index.html web/app.js web/app.css web/favicon.svg "$out/"
cp src/present/report.css "$out/report.css"
cp "$work/formlos.js" "$out/formlos.js"
{
    printf '// formlos compiled to WebAssembly (%s), base64: pages opened from disk may not fetch it.\n' \
        "$(sha256sum "$work/formlos_bg.wasm" | cut -c1-16)"
    printf 'self.FORMLOS_WASM = "'
    base64 -w0 "$work/formlos_bg.wasm"
    printf '";\n'
} > "$out/formlos-wasm.js"

wasm_bytes=$(stat -c %s "$work/formlos_bg.wasm")
gzip_bytes=$(gzip -9 -c "$work/formlos_bg.wasm" | wc -c)
echo "== web/dist written: wasm $((wasm_bytes / 1024)) KiB, gzip -9 $((gzip_bytes / 1024)) KiB"
ls -l "$out"
