#!/usr/bin/env bash
# Turns the AsciiDoc man page sources the build writes (target/man/*.adoc, picocli's generator)
# into gzipped roff pages in OUT_DIR (a man1 folder), with Debian's asciidoctor. Used by
# install.sh and scripts/package.sh. Dates come from SOURCE_DATE_EPOCH when it is set.
#   bash scripts/man-pages.sh SOURCE_DIR OUT_DIR
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 SOURCE_DIR OUT_DIR" >&2; exit 2; }
src="$1" out="$2"
command -v asciidoctor >/dev/null || { echo "man-pages.sh: asciidoctor not found: apt-get install -y asciidoctor" >&2; exit 3; }
roff="$(mktemp -d)"
trap 'rm -rf "$roff"' EXIT
asciidoctor -b manpage -D "$roff" "$src"/*.adoc
mkdir -p "$out"
for page in "$roff"/*.1; do
    name="$(basename "$page").gz"
    gzip -9n <"$page" >"$out/$name.new"
    mv -f "$out/$name.new" "$out/$name"
done
