#!/usr/bin/env bash
# Pictures for docs/templates.md: the 利益联结机制协议 rendered for the demo's 联合村 project (first
# page and annex, through LibreOffice) and the 文书模板 page. Needs LibreOffice (soffice) and
# poppler-utils (pdftoppm) on this machine; the test suite does not use this script.
set -euo pipefail
cd "$(dirname "$0")/.."
TD=.venv/bin/towndesk
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
$TD --data-dir "$WORK/data" init --role township --region-code 533401102000 --name 小中甸镇 >/dev/null
$TD --data-dir "$WORK/data" demo >/dev/null
$TD --data-dir "$WORK/data" template render 利益联结机制协议 --project 2020-102-001 \
    --out "$WORK/agreement.docx" --date 2020-04-01 --pdf --item benefit_agreement
pdftoppm -r 80 -png -singlefile -f 1 -l 1 "$WORK/agreement.pdf" docs/agreement-page
pdftoppm -r 80 -png -singlefile -f 5 -l 5 "$WORK/agreement.pdf" docs/agreement-annex
QT_QPA_PLATFORM=offscreen .venv/bin/python - "$WORK/data/ui.ini" <<'PY'
import sys
from PySide6.QtCore import QSettings
s = QSettings(sys.argv[1], QSettings.IniFormat)
s.setValue("templates/project", "2020-102-001")
s.sync()
PY
QT_QPA_PLATFORM=offscreen $TD --data-dir "$WORK/data" gui --screenshot docs/templates-page.png --page templates
