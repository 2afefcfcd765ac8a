# Build the Windows setup.exe in one step, on 64-bit Windows 10/11 (PyInstaller cannot cross-compile).
#
#   powershell -ExecutionPolicy Bypass -File scripts\build_windows.ps1
#
# Needs: Python 3.11 (64-bit, from python.org or `winget install Python.Python.3.11`) and Inno Setup 6
# (`winget install JRSoftware.InnoSetup`). Everything else comes from PyPI, pinned in
# installer\requirements-frozen.txt (PySide6 6.9.3: the same Qt as the 信创 .deb, QtPdf included).
# Steps: a build venv (.venv-build), PyInstaller one-folder build (build\dist\TownDesk), the frozen
# self-test (towndesk-cli.exe --self-test, which also checks the PDF print preview and the Chinese font
# lookup), then Inno Setup -> build\dist\TownDesk-<version>-setup.exe.
# Options: -Python "C:\path\python.exe" (default: py -3.11), -SkipInstaller (stop after the self-test).
param(
    [string]$Python = "",
    [switch]$SkipInstaller
)
$ErrorActionPreference = "Stop"
Set-Location (Split-Path $PSScriptRoot -Parent)
$root = (Get-Location).Path

function Step($text) { Write-Host "== $(Get-Date -Format HH:mm:ss)  $text" -ForegroundColor Cyan }
function Fail($text) { Write-Host "失败 / failed: $text" -ForegroundColor Red; exit 1 }
function Run($exe, [string[]]$arguments) {
    & $exe @arguments
    if ($LASTEXITCODE -ne 0) { Fail "$exe $($arguments -join ' ') (exit $LASTEXITCODE)" }
}

# ---- Python 3.11, 64-bit
if ($Python -eq "") {
    if (-not (Get-Command py -ErrorAction SilentlyContinue)) { Fail "找不到 Python 启动器 py。请安装 Python 3.11（64 位）。" }
    $Python = (& py -3.11 -c "import sys; print(sys.executable)")
    if ($LASTEXITCODE -ne 0) { Fail "没有 Python 3.11。请安装：winget install Python.Python.3.11" }
}
$check = & $Python -c "import sys, struct; print(sys.version_info[:2] >= (3, 11) and struct.calcsize('P') == 8)"
if ($check -ne "True") { Fail "$Python 不是 64 位 Python 3.11 或更新版本。" }
$version = (Select-String -Path desktop\__init__.py -Pattern '^__version__ = "(.+)"').Matches[0].Groups[1].Value
Step "TownDesk $version, Python $Python"

# ---- Build venv with the pinned wheels
$venv = Join-Path $root ".venv-build"
if (-not (Test-Path "$venv\Scripts\python.exe")) {
    Step "creating $venv"
    Run $Python @("-m", "venv", $venv)
}
$vpy = "$venv\Scripts\python.exe"
Step "installing pinned dependencies (installer\requirements-frozen.txt)"
Run $vpy @("-m", "pip", "install", "-q", "--disable-pip-version-check", "--only-binary", ":all:", "-r", "installer\requirements-frozen.txt")

# ---- PyInstaller one-folder build
Step "PyInstaller (build_installer.spec) -> build\dist\TownDesk"
$started = Get-Date
Run $vpy @("-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", "build\dist",
           "--workpath", "build\work", "build_installer.spec")
$dist = Join-Path $root "build\dist\TownDesk"
foreach ($exe in @("TownDesk.exe", "towndesk-cli.exe")) {
    if (-not (Test-Path "$dist\$exe")) { Fail "打包结果中没有 $exe" }
}

# ---- Frozen self-test, from an unrelated folder with an empty data folder
Step "frozen self-test (towndesk-cli.exe --self-test)"
$work = Join-Path $env:TEMP "towndesk-selftest-$PID"
New-Item -ItemType Directory -Force -Path $work | Out-Null
Push-Location $work
try {
    $env:QT_QPA_PLATFORM = "offscreen"
    & "$dist\towndesk-cli.exe" --self-test
    $rc = $LASTEXITCODE
} finally {
    Remove-Item Env:QT_QPA_PLATFORM -ErrorAction SilentlyContinue
    Pop-Location
}
if ($rc -ne 0) { Fail "打包版自检未通过（见上面的 [失败] 行）" }
$mb = [math]::Round(((Get-ChildItem $dist -Recurse -File | Measure-Object Length -Sum).Sum) / 1MB)
Step "build ok: $mb MiB in $dist, $([int]((Get-Date) - $started).TotalSeconds) s"
if ($SkipInstaller) { exit 0 }

# ---- Inno Setup
$iscc = @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
          "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe") | Where-Object { Test-Path $_ } | Select-Object -First 1
if (-not $iscc) { Fail "找不到 Inno Setup 6 的 ISCC.exe。请安装：winget install JRSoftware.InnoSetup" }
$isl = "installer\ChineseSimplified.isl"
if (-not (Test-Path $isl)) {
    $innoDir = Split-Path $iscc -Parent
    $found = @("$innoDir\Languages\ChineseSimplified.isl", "$innoDir\Languages\Unofficial\ChineseSimplified.isl") |
             Where-Object { Test-Path $_ } | Select-Object -First 1
    if (-not $found) { Fail "Inno Setup 中没有 ChineseSimplified.isl（Languages 或 Languages\Unofficial）。" }
    Copy-Item $found $isl
}
Step "Inno Setup -> build\dist\TownDesk-$version-setup.exe"
Run $iscc @("/Q", "/DAppVersion=$version", "/DSrcDir=$dist", "/DOutDir=$root\build\dist", "installer\towndesk.iss")
$setup = "build\dist\TownDesk-$version-setup.exe"
if (-not (Test-Path $setup)) { Fail "没有生成 $setup" }
Step "done: $setup ($([math]::Round((Get-Item $setup).Length / 1MB)) MiB)"
