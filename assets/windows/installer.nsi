; Teamscape's Windows installer, built by scripts/package-windows.sh with NSIS (makensis):
;   makensis -DVERSION=0.1.0 -DVERSION_NUMBER=0.1.0 -DSTAGE=<folder with teamscape.exe>
;            -DOUTFILE=<setup.exe> installer.nsi
;
; It installs for the current user only, into %LOCALAPPDATA%\Programs\Teamscape, so that it
; needs no administrator rights: most managers work on managed laptops that do not give them.
; It adds a Start-menu shortcut, lets team files (.ron) open with Teamscape, appears in
; Settings > Apps, and its uninstaller removes exactly what it installed. Preferences and
; unsaved-work recovery files (%APPDATA%\teamscape, %LOCALAPPDATA%\Teamscape) are the user's
; and are left alone.

Unicode true
Target amd64-unicode
; LZMA packs a release exe small, but takes minutes over CI's large unoptimised one.
!ifdef FAST_COMPRESSION
  SetCompressor zlib
!else
  SetCompressor /SOLID lzma
!endif

!ifndef VERSION | VERSION_NUMBER | STAGE | OUTFILE
  !error "Give -DVERSION=, -DVERSION_NUMBER=, -DSTAGE= and -DOUTFILE= (scripts/package-windows.sh does)."
!endif

!define APP "Teamscape"
!define PROGID "Teamscape.Team"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Teamscape"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Teamscape"
InstallDirRegKey HKCU "Software\Teamscape" "InstallDir"
RequestExecutionLevel user
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VERSION_NUMBER}.0"
VIAddVersionKey "ProductName" "${APP}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APP} ${VERSION} installer"
VIAddVersionKey "LegalCopyright" "MIT OR Apache-2.0"

!include "MUI2.nsh"
!define MUI_ICON "teamscape.ico"
!define MUI_UNICON "teamscape.ico"
!define MUI_FINISHPAGE_RUN "$INSTDIR\teamscape.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Open Teamscape with a sample team"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "${STAGE}/LICENSE-MIT"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section "Teamscape" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${STAGE}/teamscape.exe"
  File "${STAGE}/README.md"
  File "${STAGE}/LICENSE-MIT"
  File "${STAGE}/LICENSE-APACHE"
  SetOutPath "$INSTDIR\sample_teams"
  ; One File line per sample, written by the packaging script (so is the uninstaller's list).
  !include "${STAGE}/../install-samples.nsh"
  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "Software\Teamscape" "InstallDir" "$INSTDIR"

  CreateShortcut "$SMPROGRAMS\Teamscape.lnk" "$INSTDIR\teamscape.exe" "" "$INSTDIR\teamscape.exe" 0

  ; Team files open with Teamscape. .ron is a general format, so Teamscape is added to the
  ; files' "Open with" list, and made their default only where no program had claimed them.
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "Teamscape team"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\teamscape.exe,0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\teamscape.exe" "%1"'
  WriteRegStr HKCU "Software\Classes\.ron\OpenWithProgids" "${PROGID}" ""
  ReadRegStr $0 HKCR ".ron" ""
  StrCmp $0 "" 0 +2
    WriteRegStr HKCU "Software\Classes\.ron" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\Applications\teamscape.exe\shell\open\command" "" '"$INSTDIR\teamscape.exe" "%1"'
  WriteRegStr HKCU "Software\Classes\Applications\teamscape.exe\SupportedTypes" ".ron" ""

  ; Settings > Apps.
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Teamscape"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\teamscape.exe,0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1

  ; Tell Explorer the associations changed (SHCNE_ASSOCCHANGED).
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  ; A running Teamscape holds its exe: stop here, before anything is removed, rather than
  ; take away the shortcut and associations of a program still on disk.
  ClearErrors
  Delete "$INSTDIR\teamscape.exe"
  IfErrors 0 +3
    MessageBox MB_OK|MB_ICONEXCLAMATION "Teamscape is still open. Close it, then uninstall again." /SD IDOK
    Abort
  ; Only what the installer put there: never a recursive delete of a folder the user chose.
  Delete "$INSTDIR\README.md"
  Delete "$INSTDIR\LICENSE-MIT"
  Delete "$INSTDIR\LICENSE-APACHE"
  !include "${STAGE}/../uninstall-samples.nsh"
  RMDir "$INSTDIR\sample_teams"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\Teamscape.lnk"

  ReadRegStr $0 HKCU "Software\Classes\.ron" ""
  StrCmp $0 "${PROGID}" 0 +2
    DeleteRegValue HKCU "Software\Classes\.ron" ""
  DeleteRegValue HKCU "Software\Classes\.ron\OpenWithProgids" "${PROGID}"
  DeleteRegKey /ifempty HKCU "Software\Classes\.ron\OpenWithProgids"
  DeleteRegKey /ifempty HKCU "Software\Classes\.ron"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegKey HKCU "Software\Classes\Applications\teamscape.exe"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\Teamscape"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
