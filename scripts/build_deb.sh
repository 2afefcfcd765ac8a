#!/usr/bin/env bash
# 信创 package: build build/dist/<appid>_<version>_amd64.deb for UOS / Kylin (glibc ≥ 2.31), in the UOS
# app-store layout (everything under /opt/apps/<appid>/), then check it:
#   layout and info JSON, no maintainer scripts, the highest GLIBC any ELF file needs (≤ 2.31), and the
#   frozen --self-test run from the extracted package inside Debian 11 (glibc 2.31) and on this machine.
#
#   sudo bash scripts/build_deb.sh        (root: debootstrap and chroot need it)
#
# Why a chroot: PyInstaller bundles the build machine's Python and libstdc++, so the build machine's
# glibc is the program's floor. Debian 11 (bullseye, glibc 2.31) is made with debootstrap; its Python is
# 3.9, so Python 3.11 is built there from Debian's own python3.11 source package (apt-get source, from
# bookworm's deb-src). Wheels come from PyPI, pinned in installer/requirements-frozen.txt, all tagged
# manylinux ≤ 2_28/2_31 (PySide6 6.9.3). Everything slow is cached outside the clone in $CACHE
# (default /var/cache/towndesk-deb): the chroot with its Python, and the wheels. First run ≈ 25–40 min on
# 2 cores (debootstrap, Python, ≈ 450 MB of wheels); later runs ≈ 5–10 min. Not part of .ci/run (see
# docs/installer.md for why and how it is verified).
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=$PWD
APPID=${TOWNDESK_APPID:-cn.towndesk.ledger}        # lowercase; is the package name
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' desktop/__init__.py)
ARCH=$(dpkg --print-architecture)
CACHE=${TOWNDESK_DEB_CACHE:-/var/cache/towndesk-deb}
ROOT=$CACHE/bullseye-$ARCH
WHEELS=$CACHE/wheels-$ARCH
PY=/opt/python3.11/bin/python3.11
GLIBC_MAX=2.31
OUT=build/dist/${APPID}_${VERSION}_${ARCH}.deb
NICE="nice -n 19"
log() { printf '== %s  %s\n' "$(date -u +%H:%M:%S)" "$*"; }

[ "$(id -u)" = 0 ] || { echo "需要 root 权限（debootstrap、chroot）/ run as root" >&2; exit 1; }
[[ "$APPID" =~ ^[a-z0-9][a-z0-9.+-]+$ ]] || { echo "appid 必须是小写的包名: $APPID" >&2; exit 1; }
for tool in debootstrap objdump dpkg-deb; do
  command -v $tool >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap binutils dpkg-dev >/dev/null; }
done
mkdir -p "$CACHE" build/dist

# ---- 1. Debian 11 build root (cached) --------------------------------------------------------------
# Build tools and Python's build dependencies, plus what Qt needs to run offscreen and a CJK font, so the
# self-test can run in the same glibc 2.31 system.
PKGS=build-essential,ca-certificates,dpkg-dev,libssl-dev,zlib1g-dev,libffi-dev,libsqlite3-dev,libbz2-dev,\
liblzma-dev,libreadline-dev,uuid-dev,libgdbm-dev,libncursesw5-dev,libexpat1-dev,binutils,xz-utils,fontconfig,\
libfontconfig1,libglib2.0-0,libgl1,libegl1,libxkbcommon0,libdbus-1-3,fonts-wqy-microhei
if [ ! -e "$ROOT/.towndesk-ready" ]; then
  log "debootstrap bullseye -> $ROOT"
  rm -rf "$ROOT.tmp"
  $NICE debootstrap --variant=minbase --include="$PKGS" bullseye "$ROOT.tmp" http://deb.debian.org/debian \
    > "$CACHE/debootstrap.log" 2>&1 || { tail -20 "$CACHE/debootstrap.log"; exit 1; }
  rm -rf "$ROOT"; mv "$ROOT.tmp" "$ROOT"; touch "$ROOT/.towndesk-ready"
fi
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"

mounts=()
cleanup() { for m in "${mounts[@]}"; do umount -l "$m" 2>/dev/null || true; done; }
trap cleanup EXIT
bind() { mkdir -p "$ROOT$2"; mount --bind "$1" "$ROOT$2"; mounts=("$ROOT$2" "${mounts[@]}"); }
mountpoint -q "$ROOT/proc" || { mount -t proc proc "$ROOT/proc"; mounts=("$ROOT/proc" "${mounts[@]}"); }
bind /dev /dev
# The host's CA bundle (it may include an office or proxy CA) and proxy settings serve pip in the root too.
CA=${PIP_CERT:-${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}}
[ -f "$CA" ] && cp "$CA" "$ROOT/etc/towndesk-build-ca.crt"
in_root() { chroot "$ROOT" /usr/bin/env -i HOME=/root PATH=/opt/python3.11/bin:/usr/bin:/bin LANG=C.UTF-8 \
  PIP_CERT=/etc/towndesk-build-ca.crt SSL_CERT_FILE=/etc/towndesk-build-ca.crt \
  ${http_proxy:+http_proxy=$http_proxy} ${https_proxy:+https_proxy=$https_proxy} \
  ${HTTPS_PROXY:+HTTPS_PROXY=$HTTPS_PROXY} ${HTTP_PROXY:+HTTP_PROXY=$HTTP_PROXY} "$@"; }

# Qt's xcb platform plugin links these X11 libraries: present in the root, PyInstaller bundles them, so the
# window opens on a UOS/Kylin desktop that lacks one of them (libxcb-cursor0 is new in Qt 6.5's needs).
XCB_PKGS="libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-render0
 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-shm0 libxcb-sync1 libxcb-xfixes0 libxkbcommon-x11-0"
if [ "$(cat "$ROOT/.towndesk-xcb" 2>/dev/null)" != "$XCB_PKGS" ]; then
  log "X11 libraries for Qt's xcb plugin in the root"
  in_root apt-get update -qq
  in_root sh -c "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(echo $XCB_PKGS)" >/dev/null
  echo "$XCB_PKGS" > "$ROOT/.towndesk-xcb"
fi

# ---- 2. Python 3.11 built in the root (cached) --------------------------------------------------------
if [ ! -x "$ROOT$PY" ]; then
  log "Python 3.11 from Debian's python3.11 source package, built in bullseye (make -j1, nice)"
  echo "deb-src http://deb.debian.org/debian bookworm main" > "$ROOT/etc/apt/sources.list.d/bookworm-src.list"
  in_root apt-get update -qq
  in_root sh -c 'rm -rf /usr/src/py && mkdir -p /usr/src/py && cd /usr/src/py && apt-get source --download-only -qq python3.11'
  in_root sh -c "cd /usr/src/py && tar xf python3.11_*.orig.tar.* && cd Python-3.11*/ \
    && ./configure -q --prefix=/opt/python3.11 --enable-shared LDFLAGS=-Wl,-rpath,/opt/python3.11/lib \
    && nice -n 19 make -j1 -s && make -s altinstall" > "$CACHE/python-build.log" 2>&1 \
    || { tail -30 "$CACHE/python-build.log"; exit 1; }
  in_root $PY -c 'import sqlite3, ssl, zlib, lzma, bz2, ctypes, uuid; print("python ok", sqlite3.sqlite_version)'
fi

# ---- 2b. SQLite ≥ 3.35 (cached): bullseye's 3.34 has no UPDATE … RETURNING, which the program uses; Python's
# sqlite3 module loads whichever libsqlite3.so.0 it finds, and PyInstaller bundles the one LD_LIBRARY_PATH names.
if [ ! -e "$ROOT/opt/sqlite/lib/libsqlite3.so.0" ]; then
  log "SQLite from Debian's sqlite3 source package (bookworm), built in bullseye"
  in_root sh -c 'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends tcl >/dev/null'
  in_root sh -c 'rm -rf /usr/src/sqlite && mkdir -p /usr/src/sqlite && cd /usr/src/sqlite \
    && apt-get source --download-only -qq sqlite3 && tar xf sqlite3_*.orig.tar.* && cd sqlite*/ \
    && ./configure -q --prefix=/opt/sqlite --disable-tcl --enable-fts5 --enable-fts4 --enable-rtree \
       CFLAGS="-O2 -DSQLITE_ENABLE_COLUMN_METADATA -DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_ENABLE_MATH_FUNCTIONS" \
    && nice -n 19 make -j1 -s libsqlite3.la && mkdir -p /opt/sqlite/lib && cp -a .libs/libsqlite3.so* /opt/sqlite/lib/' > "$CACHE/sqlite-build.log" 2>&1 \
    || { tail -30 "$CACHE/sqlite-build.log"; exit 1; }
fi
in_root env LD_LIBRARY_PATH=/opt/sqlite/lib $PY -c 'import sqlite3; v = sqlite3.sqlite_version_info; print("sqlite", sqlite3.sqlite_version); assert v >= (3, 35)'

# ---- 3. Wheels (cached): only manylinux tags glibc 2.31 can load ---------------------------------------
log "wheels (pinned, binary only; pip in the glibc 2.31 root takes only wheels it can load) -> $WHEELS"
mkdir -p "$WHEELS"
bind "$WHEELS" /wheels
bind "$SRC/installer" /req
if ! in_root $PY -m pip --version >/dev/null 2>&1; then  # pip for the built Python: its own, else from PyPI
  in_root $PY -m ensurepip -q >/dev/null 2>&1 || {
    in_root sh -c 'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pip >/dev/null \
      && python3 -m pip download -q pip -d /wheels' && in_root sh -c "$PY \$(ls /wheels/pip-*.whl | tail -1)/pip install -q --no-index --find-links /wheels pip"; }
fi
# The build Python is the chroot's own (/opt/python3.11): no venv needed; pins make re-runs converge.
in_root $PY -m pip download -q --disable-pip-version-check --only-binary :all: -d /wheels -r /req/requirements-frozen.txt \
  > "$CACHE/pip.log" 2>&1 || { tail -20 "$CACHE/pip.log"; echo "下载依赖失败 / wheel download failed" >&2; exit 1; }
in_root $PY -m pip install -q --disable-pip-version-check --no-index --find-links /wheels -r /req/requirements-frozen.txt \
  >> "$CACHE/pip.log" 2>&1 || { tail -20 "$CACHE/pip.log"; exit 1; }

# ---- 4. PyInstaller in the root, from a copy of this checkout -------------------------------------------
log "PyInstaller (build_installer.spec) in bullseye"
rm -rf "$ROOT/build/towndesk"; mkdir -p "$ROOT/build/towndesk"
tar -C "$SRC" --exclude=./.git --exclude=./build --exclude=./.venv --exclude='__pycache__' -cf - . \
  | tar -C "$ROOT/build/towndesk" -xf -
in_root sh -c "cd /build/towndesk && LD_LIBRARY_PATH=/opt/sqlite/lib nice -n 19 $PY -m PyInstaller --noconfirm --log-level WARN \
  --distpath /build/dist --workpath /build/work build_installer.spec" > build/deb-pyinstaller.log 2>&1 \
  || { tail -40 build/deb-pyinstaller.log; echo "PyInstaller 打包失败 / build failed" >&2; exit 1; }

# ---- 5. The UOS app-store layout, then the .deb --------------------------------------------------------
log "package layout /opt/apps/$APPID"
PKG=build/deb/pkgroot
APPDIR=$PKG/opt/apps/$APPID
rm -rf build/deb; mkdir -p "$APPDIR/entries/applications" "$APPDIR/entries/icons/hicolor/256x256/apps" "$PKG/DEBIAN"
cp -a "$ROOT/build/dist/TownDesk" "$APPDIR/files"
python3 - "$SRC/resources/icons/towndesk.png" "$APPDIR/entries/icons/hicolor/256x256/apps/$APPID.png" <<'PY'
import shutil, sys
shutil.copyfile(sys.argv[1], sys.argv[2])
PY
cat > "$APPDIR/entries/applications/$APPID.desktop" <<EOF
[Desktop Entry]
Type=Application
Name=TownDesk 乡镇项目台账
Name[zh_CN]=乡镇项目台账
Comment=Township project ledger, synced with the county office by package files
Comment[zh_CN]=乡镇项目台账：项目资料、资金进度、风险与县乡同步
Exec=/opt/apps/$APPID/files/TownDesk
Icon=$APPID
Terminal=false
Categories=Office;
StartupNotify=true
EOF
cat > "$APPDIR/info" <<EOF
{
  "appid": "$APPID",
  "name": "TownDesk 乡镇项目台账",
  "version": "$VERSION",
  "arch": ["$ARCH"],
  "permissions": {
    "autostart": false, "notification": false, "trayicon": false, "clipboard": true, "account": false,
    "bluetooth": false, "camera": false, "audio_record": false, "installed_apps": false
  }
}
EOF
size_kb=$(du -sk "$PKG/opt" | cut -f1)
cat > "$PKG/DEBIAN/control" <<EOF
Package: $APPID
Version: $VERSION
Architecture: $ARCH
Maintainer: TownDesk <towndesk@localhost>
Installed-Size: $size_kb
Section: office
Priority: optional
Depends: libc6 (>= 2.31), libgl1, libegl1, libfontconfig1, libxkbcommon0, libdbus-1-3, libglib2.0-0
Recommends: libxkbcommon-x11-0, libxcb-cursor0, fonts-wqy-microhei | fonts-noto-cjk
Description: TownDesk 乡镇项目台账 (township project ledger)
 Offline project ledger for township offices; synced with the county office by
 signed, encrypted package files. Everything is under /opt/apps/$APPID/.
EOF
$NICE dpkg-deb --root-owner-group -Zxz -z3 --build "$PKG" "$OUT" >/dev/null

# ---- 6. Checks on the built file ----------------------------------------------------------------------
log "checks on $OUT"
X=build/deb/extract; rm -rf "$X"; mkdir -p "$X"
dpkg-deb -x "$OUT" "$X"; dpkg-deb -e "$OUT" "$X/DEBIAN"
bad=$(cd "$X" && find . -mindepth 1 -not -path ./DEBIAN -not -path './DEBIAN/*' -not -path ./opt -not -path ./opt/apps \
      -not -path "./opt/apps/$APPID" -not -path "./opt/apps/$APPID/*" | head)
[ -z "$bad" ] || { echo "包中有 /opt/apps/$APPID 以外的文件: $bad" >&2; exit 1; }
scripts=$(ls "$X/DEBIAN" | grep -v -x -e control -e md5sums || true)
[ -z "$scripts" ] || { echo "包中有维护脚本（不允许）: $scripts" >&2; exit 1; }
[ "$(dpkg-deb -f "$OUT" Package)" = "$APPID" ] || { echo "Package 字段与 appid 不同" >&2; exit 1; }
python3 - "$X/opt/apps/$APPID/info" "$APPID" "$VERSION" "$ARCH" <<'PY'
import json, sys
info = json.load(open(sys.argv[1], encoding="utf-8"))
assert info["appid"] == sys.argv[2] == sys.argv[2].lower(), info
assert info["version"] == sys.argv[3] and info["arch"] == [sys.argv[4]], info
assert isinstance(info["permissions"], dict) and info["name"], info
print("info JSON ok:", info["appid"], info["version"], info["arch"])
PY
for f in "entries/applications/$APPID.desktop" "entries/icons/hicolor/256x256/apps/$APPID.png" files/TownDesk; do
  [ -e "$X/opt/apps/$APPID/$f" ] || { echo "缺少 $f" >&2; exit 1; }
done
echo "layout ok: everything under /opt/apps/$APPID, no maintainer scripts"
python3 scripts/glibc_ceiling.py "$X/opt/apps/$APPID" --max $GLIBC_MAX

log "self-test from the extracted package, in Debian 11 (glibc $(in_root ldd --version | head -1 | awk '{print $NF}'))"
rm -rf "$ROOT/tmp/td-extract"; cp -a "$X/opt/apps/$APPID" "$ROOT/tmp/td-extract"
in_root sh -c "cd /tmp && HOME=/tmp/td-home QT_QPA_PLATFORM=offscreen /tmp/td-extract/files/TownDesk --self-test"
log "self-test from the extracted package on this machine ($(ldd --version | head -1))"
(cd /tmp && env -u PYTHONPATH HOME=/tmp/td-deb-home QT_QPA_PLATFORM=offscreen "$SRC/$X/opt/apps/$APPID/files/TownDesk" --self-test)

bytes=$(stat -c %s "$OUT")
log "built $OUT ($(( bytes / 1048576 )) MiB; installed $(( size_kb / 1024 )) MiB)"
