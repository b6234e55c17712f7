#!/usr/bin/env bash
# Regenerates the golden files of tests/golden/tiny after an intended change
# to the workbooks or the PDF: the XML parts of the upload workbook (xlsx/)
# and of the QA workbook (xlsx_qa/), and pdftotext per page.
# Review the diff before committing it.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
./build/annexa generate --config tests/golden/tiny/config.yaml --out "$out" --generated-at 2026-11-23T09:30:00 --no-history --quiet >/dev/null || true
golden=tests/golden/tiny
rm -rf "$golden/xlsx" "$golden/xlsx_qa" "$golden/pdf"
mkdir -p "$golden/xlsx" "$golden/xlsx_qa" "$golden/pdf"
(cd "$golden/xlsx" && unzip -q "$out/annex_a_001_2026-11-23.xlsx")
(cd "$golden/xlsx_qa" && unzip -q "$out/annex_a_001_2026-11-23_qa.xlsx")
pages=$(pdfinfo "$out/annex_a_001_2026-11-23_pack.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
echo "$pages" > "$golden/pdf/pages.txt"
for p in $(seq "$pages"); do
  pdftotext -layout -f "$p" -l "$p" "$out/annex_a_001_2026-11-23_pack.pdf" "$golden/pdf/page-$p.txt" 2>/dev/null
done
echo "golden files written: $(find "$golden/xlsx" -type f | wc -l) + $(find "$golden/xlsx_qa" -type f | wc -l) xlsx parts, $pages PDF pages"
