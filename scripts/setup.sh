#!/usr/bin/env bash
# Set up everything TownDesk needs on a fresh Debian/Ubuntu machine with Python 3.11+ and git:
# system libraries for Qt, a Chinese font, PDF tools, then a virtual environment in .venv.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  echo "需要 Python 3.11 或更高版本 / Python 3.11+ is required" >&2; exit 1
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
fi

# System packages: Qt runtime libraries (also for offscreen tests), CJK font, poppler for PDF checks.
APT_PACKAGES="libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0 libxcb-image0
 libxcb-xinerama0 libxcb-xkb1 fonts-wqy-microhei poppler-utils"
VENV_OK=1
"$PYTHON" -c 'import ensurepip, venv' 2>/dev/null || VENV_OK=0
missing=""
if command -v dpkg-query >/dev/null 2>&1; then
  for p in $APT_PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  if [ "$VENV_OK" = 0 ]; then
    pyver=$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
    missing="$missing python3-venv python${pyver}-venv"
  fi
fi
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] || [ -n "$SUDO" ]; then
    echo "安装系统组件 / installing system packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    # python3.X-venv may not exist under that name on every release: install what exists.
    for p in $missing; do
      $SUDO apt-get install -y -qq --no-install-recommends "$p" >/dev/null 2>&1 || echo "  (跳过 $p)"
    done
  else
    echo "缺少系统组件，请用管理员权限安装 / please install:$missing" >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[dev]"
# Bytecode for the program's own modules (an editable install has none, and with PYTHONDONTWRITEBYTECODE
# set every `towndesk` process, test worker and forked helper compiled them again: ~0.3 s CPU each).
.venv/bin/python -m compileall -q -j 0 db desktop ui tests >/dev/null || true
echo "环境已就绪 / environment ready: .venv"
