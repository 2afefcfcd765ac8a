#!/usr/bin/env bash
# Build the frozen one-folder TownDesk with PyInstaller (build_installer.spec), run its --self-test
# headless, and print the build's size and times. Used by CI (.ci/run) and by hand.
#   bash scripts/build_frozen.sh            -> build/dist/TownDesk/
# The target is under 150 MiB (a warning above it); TOWNDESK_MAX_MB (default 200) fails the build above it,
# so that a slip such as Qt WebEngine or a second Python in the folder cannot pass unnoticed.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build
started=$(date +%s)
bash scripts/setup.sh > build/setup.log 2>&1 || { tail -20 build/setup.log; exit 1; }

# Frozen builds use their own venv with the pins of installer/requirements-frozen.txt (PySide6 6.9.3 with
# QtPdf, PyInstaller, the PostgreSQL driver): the same versions as the Windows setup.exe and the 信创 .deb,
# none of which needs ui/core/qt_guard.py's run-time patch. The development .venv keeps pyproject's versions.
BUILD_VENV=.venv-build
if [ ! -x "$BUILD_VENV/bin/python" ]; then
  .venv/bin/python -m venv "$BUILD_VENV" > build/pip.log 2>&1 || { tail -20 build/pip.log; exit 1; }
fi
if ! cmp -s installer/requirements-frozen.txt "$BUILD_VENV/.requirements-frozen.txt"; then
  "$BUILD_VENV/bin/python" -m pip install -q --disable-pip-version-check --only-binary :all: \
    -r installer/requirements-frozen.txt > build/pip.log 2>&1 \
    || { tail -20 build/pip.log; echo "无法安装打包所需的依赖 / cannot install the frozen build's pins" >&2; exit 1; }
  cp installer/requirements-frozen.txt "$BUILD_VENV/.requirements-frozen.txt"
fi

# PyInstaller needs the ldd/objdump tools of binutils on Linux to analyse and strip libraries.
if ! command -v objdump >/dev/null 2>&1 || ! command -v strip >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends binutils >/dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq binutils >/dev/null; }
  else
    echo "需要 binutils（objdump、strip）/ please install binutils" >&2; exit 1
  fi
fi

DIST=build/dist
rm -rf "$DIST/TownDesk"
"$BUILD_VENV/bin/python" -m PyInstaller --noconfirm --log-level WARN --distpath "$DIST" --workpath build/work build_installer.spec \
  > build/pyinstaller.log 2>&1 || { tail -40 build/pyinstaller.log; echo "PyInstaller 打包失败 / build failed" >&2; exit 1; }
built=$(date +%s)

exe="$DIST/TownDesk/TownDesk"
[ -x "$exe" ] || { echo "打包结果中没有 $exe / no executable in the build" >&2; exit 1; }

# The frozen self-test, headless, run from an unrelated folder so nothing can come from the checkout.
echo "== 打包版自检 / frozen self-test"
t0=$(date +%s%N)
(cd /tmp && env -u PYTHONPATH QT_QPA_PLATFORM=offscreen "$OLDPWD/$exe" --self-test)
t1=$(date +%s%N)

bytes=$(du -sb "$DIST/TownDesk" | cut -f1)
mib=$(( (bytes + 1048575) / 1048576 ))
files=$(find "$DIST/TownDesk" -type f | wc -l)
max=${TOWNDESK_MAX_MB:-200}
printf '打包大小 / frozen build size: %s MiB (%s bytes, %s files) in %s\n' "$mib" "$bytes" "$files" "$DIST/TownDesk"
ms=$(( (t1 - t0) / 1000000 ))
printf '打包用时 / build time: %ss; 自检用时 / self-test time: %s.%03ds\n' "$((built - started))" "$((ms / 1000))" "$((ms % 1000))"
if [ "$mib" -gt 150 ]; then
  echo "注意：打包结果超过 150 MiB 的目标 / warning: above the 150 MiB target" >&2
fi
if [ "$mib" -gt "$max" ]; then
  echo "打包结果超过 ${max} MiB / the frozen build is larger than ${max} MiB" >&2
  exit 1
fi
