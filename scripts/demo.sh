#!/usr/bin/env bash
# Set up (if needed), create a demo township data folder in ./demo-data, and start TownDesk on it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
DATA=${TOWNDESK_DEMO_DIR:-demo-data}
if [ ! -f "$DATA/towndesk.db" ]; then
  .venv/bin/towndesk --data-dir "$DATA" init --role township --region-code 533401102000 --name 小中甸镇
  .venv/bin/towndesk --data-dir "$DATA" demo
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "${QT_QPA_PLATFORM:-}" != offscreen ]; then
  echo "没有图形显示（DISPLAY 未设置）。数据已就绪：$DATA；命令行示例：.venv/bin/towndesk --data-dir $DATA projects list"
  echo "No display found. Demo data is ready in $DATA; try: .venv/bin/towndesk --data-dir $DATA projects list"
  exit 0
fi
exec .venv/bin/towndesk --data-dir "$DATA" gui "$@"
