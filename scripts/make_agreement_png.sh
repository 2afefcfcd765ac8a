#!/usr/bin/env bash
# Render the 利益联结机制协议 for the demo's 联合村 project and picture its first page and annex
# for docs/templates.md. Needs LibreOffice (soffice) and poppler-utils (pdftoppm); not used by tests.
set -euo pipefail
cd "$(dirname "$0")/.."
TD=.venv/bin/towndesk
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
$TD --data-dir "$WORK/data" init --role township --region-code 533401102000 --name 小中甸镇 >/dev/null
$TD --data-dir "$WORK/data" demo >/dev/null
$TD --data-dir "$WORK/data" template render 利益联结机制协议 --project 2020-102-001 \
    --out "$WORK/agreement.docx" --date 2020-04-01 --pdf
pdftoppm -r 80 -png -singlefile -f 1 -l 1 "$WORK/agreement.pdf" docs/agreement-page
pdftoppm -r 80 -png -singlefile -f 5 -l 5 "$WORK/agreement.pdf" docs/agreement-annex
echo "docs/agreement-page.png docs/agreement-annex.png"
