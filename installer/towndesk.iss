; Inno Setup script: turns the PyInstaller folder dist\TownDesk into one TownDesk-<version>-setup.exe.
;
; Build on Windows 10/11 (64-bit), in the checkout (see docs/installer.md):
;   1. py -3.11 -m venv .venv && .venv\Scripts\pip install -e ".[build,postgres]"
;   2. .venv\Scripts\pyinstaller --noconfirm build_installer.spec        -> dist\TownDesk\
;   3. dist\TownDesk\towndesk-cli.exe --self-test                         (every line [通过])
;   4. "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" installer\towndesk.iss
;      (or: ISCC /DAppVersion=0.2.0 installer\towndesk.iss)          -> dist\TownDesk-<version>-setup.exe
;
; What the setup does: installs the program folder (no admin rights needed: per-user by default,
; for all users if run as administrator), adds Start-menu entries (TownDesk, 自检, 卸载; the user guide opens from the program's 帮助 button) and an
; optional desktop icon. Uninstall removes only the program folder: the data folder
; (%LOCALAPPDATA%\TownDesk — database, attachments, backups, keys) is never touched, so reinstalling
; or installing a newer version over the old one keeps all data; the first start migrates after a backup.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "TownDesk 乡镇项目台账"
; scripts\build_windows.ps1 passes /DSrcDir=…\build\dist\TownDesk /DOutDir=…\build\dist
#ifndef SrcDir
  #define SrcDir "..\dist\TownDesk"
#endif
#ifndef OutDir
  #define OutDir "..\dist"
#endif

[Setup]
; Never change AppId: it is how a newer setup finds and replaces the installed version.
AppId={{6E1B8E52-3C8A-4F0B-9E0C-5A7D2C1F9B31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=TownDesk
DefaultDirName={autopf}\TownDesk
DefaultGroupName=TownDesk
DisableProgramGroupPage=yes
; Per-user install without administrator rights (township PCs often have none); an administrator may
; choose "for all users" in the dialog.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
; Python 3.11 and Qt 6 need 64-bit Windows 10 or newer; Windows 7 cannot run this build.
MinVersion=10.0
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutDir}
OutputBaseFilename=TownDesk-{#AppVersion}-setup
SetupIconFile=..\resources\icons\towndesk.ico
UninstallDisplayIcon={app}\TownDesk.exe
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running TownDesk before replacing its files (an upgrade over the old version).
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=no

[Languages]
; ChineseSimplified.isl ships in Inno Setup's "Languages\Unofficial" folder; copy it next to this script
; (installer\ChineseSimplified.isl) before building. English stays as the fallback.
Name: "chs"; MessagesFile: "ChineseSimplified.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chs.DesktopIcon=在桌面上创建图标
en.DesktopIcon=Create a desktop icon
chs.SelfTest=TownDesk 自检
en.SelfTest=TownDesk self-test
chs.Launch=现在启动 TownDesk
en.Launch=Start TownDesk now
chs.DataKept=程序已卸载。您的数据（数据库、附件、备份、密钥）仍保存在 %1 中，重新安装后会继续使用。如确定不再需要，可手动删除该文件夹。
chs.BackupFailed=升级前备份现有数据没有成功（数据文件夹 %1）。仍然继续安装吗？%n%n选“否”则停止安装，什么都不改动；可以先在旧版本中手动备份（设置 → 备份）。
en.BackupFailed=Backing up the existing data before the upgrade did not succeed (data folder %1). Continue anyway?%n%nChoose No to stop without changing anything; you can back up by hand in the old version first.
chs.BackupStopped=安装已停止：升级前的备份没有成功，未做任何更改。
en.BackupStopped=Setup stopped: the backup before the upgrade did not succeed; nothing was changed.
en.DataKept=TownDesk was removed. Your data (database, attachments, backups, keys) is kept in %1 and will be used again after reinstalling. Delete that folder by hand only if you are sure.

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[Files]
; The whole PyInstaller folder. Files the old version had and this one lacks are removed by
; [InstallDelete] below, so an upgrade never mixes two versions' libraries.
Source: "{#SrcDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\TownDesk"; Filename: "{app}\TownDesk.exe"; WorkingDir: "{app}"
Name: "{group}\{cm:SelfTest}"; Filename: "{cmd}"; Parameters: "/k ""{app}\towndesk-cli.exe"" --self-test"; WorkingDir: "{app}"
Name: "{group}\{uninstallshortcut}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\TownDesk"; Filename: "{app}\TownDesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\TownDesk.exe"; Description: "{cm:Launch}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] entry for the data folder: uninstall keeps the user's data on purpose.

[Code]
{ Upgrade over an older version: the old program (which knows its own schema) first backs the data folder
  up into its backups\ folder; if that fails the clerk decides. The new version then migrates on first start,
  after one more backup (backups\before-migrate-*.db). }
function PrepareToInstall(var NeedsRestart: Boolean): String;
var
  OldCli, DataDir: String;
  ResultCode: Integer;
begin
  Result := '';
  OldCli := ExpandConstant('{app}\towndesk-cli.exe');
  DataDir := ExpandConstant('{localappdata}\TownDesk');
  if FileExists(OldCli) and FileExists(DataDir + '\towndesk.db') then
  begin
    if not Exec(OldCli, '--data-dir "' + DataDir + '" backup', '', SW_HIDE, ewWaitUntilTerminated, ResultCode)
       or (ResultCode <> 0) then
      if SuppressibleMsgBox(FmtMessage(CustomMessage('BackupFailed'), [DataDir]), mbConfirmation, MB_YESNO, IDNO) = IDNO then
        Result := CustomMessage('BackupStopped');
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\TownDesk');
    if DirExists(DataDir) and not UninstallSilent then
      MsgBox(FmtMessage(CustomMessage('DataKept'), [DataDir]), mbInformation, MB_OK);
  end;
end;
