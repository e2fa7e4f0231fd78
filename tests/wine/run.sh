#!/usr/bin/env bash
# The Windows build under Wine, as .ci/run runs it (under xvfb-run, so the window has a
# display):
#   tests/wine/run.sh LINUX_BINARY target/windows/Teamscape-V-windows-x64.zip SETUP.exe OUT_DIR
# - the zip unpacked into a OneDrive folder with spaces and a non-ASCII name;
# - `check` and `report --format json` on every sample, the JSON byte for byte the Linux
#   binary's;
# - `convert` twice to .ron (the second keeps a .bak) and once to .csv (UTF-8 with a BOM),
#   byte for byte the Linux binary's files;
# - the app's window, saved by --screenshot to OUT_DIR/wine-window.png, its preferences in
#   %APPDATA%, its log in %LOCALAPPDATA%, and unsaved work found there and offered back;
# - the installer, silent: files, Start-menu shortcut, file association and Settings > Apps
#   entry; then the uninstaller, which must leave none of them.
#
# What Wine cannot show, and a real Windows machine must:
# - drawing: Wine's Direct3D 12 cannot present to the window here, so what draws under Wine
#   is always the glow fallback; wgpu's own path on real drivers (and old Intel ones) is
#   not exercised;
# - files: Wine's NTFS is the Linux file system, so a rename over a file is Linux's; files
#   held open by Excel, OneDrive's sync or an antivirus, and OneDrive's on-demand files,
#   are not simulated (the folder is only named like OneDrive's);
# - the file dialog is Wine's own drawing of the same Windows API, not Windows';
# - cmd and PowerShell with a windowed program (the console attach), SmartScreen, AppLocker
#   on managed laptops, display scaling above 100%, and how Explorer and the Start menu show
#   the icon and version (checked here only in the files and registry).
#
# Wine 8 (Debian 12) lacks bcryptprimitives.dll, which Rust's standard library needs, so the
# test-only shim built from tests/wine/bcryptprimitives.c sits beside the exe here. It is
# never packed.
set -euo pipefail
linux_bin=$(realpath "$1")
zip=$(realpath "$2")
setup=$(realpath "$3")
out=$(realpath "$4")
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

export PATH="/usr/lib/wine:$PATH" WINEDEBUG=-all WINEARCH=win64 WINEDLLOVERRIDES="mscoree,mshtml="
wine_root=$(mktemp -d)
scratch=$(mktemp -d)
export WINEPREFIX="$wine_root/prefix"
trap 'wineserver -k >/dev/null 2>&1 || true; rm -rf "$wine_root" "$scratch"' EXIT
step() { echo "[wine] $* (${SECONDS}s)"; }

step "a new Wine prefix"
wine64 wineboot --init >/dev/null 2>&1
wineserver -w
drive_c="$WINEPREFIX/drive_c"
home="$drive_c/users/$(id -un)"
test -d "$home"
# The Windows path of a file: C: is drive_c, and Z: the whole Linux file system.
win() {
  local p="$1" drive=Z:
  case "$p" in "$drive_c"/*) p="${p#"$drive_c"}" drive=C: ;; esac
  p="${p//\//\\}"
  printf '%s%s' "$drive" "$p"
}

step "the shim"
x86_64-w64-mingw32-gcc -shared -O2 -o "$scratch/bcryptprimitives.dll" \
  "$here/bcryptprimitives.c" "$here/bcryptprimitives.def" -ladvapi32

# A OneDrive folder, as on a council laptop, with a space and a non-ASCII name.
folder="$home/OneDrive - Riverside Council/Équipe pluridisciplinaire"
mkdir -p "$folder"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$zip" "$folder"
app_dir=$(find "$folder" -maxdepth 1 -mindepth 1 -type d -name 'Teamscape-*')
test -f "$app_dir/teamscape.exe" && test -f "$app_dir/README.md" && test -f "$app_dir/LICENSE-MIT"
if [ -e "$app_dir/bcryptprimitives.dll" ]; then
  echo "the zip holds the test-only shim" >&2
  exit 1
fi
cp "$scratch/bcryptprimitives.dll" "$app_dir/"
exe=$(win "$app_dir/teamscape.exe")

step "--version"
version=$(wine64 "$exe" --version | tr -d '\r')
test "$version" = "$("$linux_bin" --version)"
echo "$version"

samples=("$app_dir"/sample_teams/*.ron)
test ${#samples[@]} -ge 5
for f in "${samples[@]}"; do
  b=$(basename "$f" .ron)
  wine64 "$exe" check "$(win "$f")" > "$scratch/$b.check" || {
    cat "$scratch/$b.check"; echo "check failed on $b under Wine" >&2; exit 1; }
  wine64 "$exe" report "$(win "$f")" --format json > "$scratch/$b.windows.json"
  "$linux_bin" report "$repo/sample_teams/$b.ron" --format json > "$scratch/$b.linux.json"
  cmp "$scratch/$b.windows.json" "$scratch/$b.linux.json"
  step "$b: check passes, report --format json is byte-identical ($(wc -c < "$scratch/$b.linux.json") bytes)"
done

# Safe saves on the Windows side: the second keeps the first as .bak; CSV starts with a BOM.
sample="$app_dir/sample_teams/camhs-team.ron"
copy="$folder/Copy of the CAMHS team.ron"
wine64 "$exe" convert "$(win "$sample")" "$(win "$copy")"
test ! -e "$copy.bak"
wine64 "$exe" convert "$(win "$sample")" "$(win "$copy")"
cmp "$copy" "$copy.bak"
"$linux_bin" convert "$repo/sample_teams/camhs-team.ron" "$scratch/linux-copy.ron"
cmp "$copy" "$scratch/linux-copy.ron"
csv="$folder/Équipe CAMHS.csv"
wine64 "$exe" convert "$(win "$sample")" "$(win "$csv")"
test "$(head -c 3 "$csv" | od -An -tx1 | tr -d ' ')" = "efbbbf"
"$linux_bin" convert "$repo/sample_teams/camhs-team.ron" "$scratch/linux.csv"
cmp "$csv" "$scratch/linux.csv"
# atomic-write-file's temporary files are named .NAME.xxxxxx.
if find "$folder" -maxdepth 1 \( -name '.*' -o -name '*.tmp' \) | grep -q .; then
  ls -la "$folder"; echo "a save left a temporary file behind" >&2; exit 1
fi
step "convert: .ron saved twice with its .bak, .csv with a BOM, both as on Linux"

step "the window"
log="$home/AppData/Local/Teamscape/teamscape.log"
rm -f "$log"
# Work left by a window that died, in %LOCALAPPDATA%\Teamscape\recovery: the window must
# find it and offer it, taking the offer's lock (the picture shows the question).
recovery="$home/AppData/Local/Teamscape/recovery"
mkdir -p "$recovery"
{ printf '// source: %s\n' "$(win "$sample")"; cat "$sample"; } > "$recovery/window-1-1.ron"
# Wine's Direct3D 12 cannot draw to the window ("Parent device is lost"), so wgpu fails and
# glow draws; WGPU_BACKEND=metal makes that failure certain, whatever a later Wine can do.
WGPU_BACKEND=metal timeout 300 wine64 "$exe" "$(win "$sample")" \
  --screenshot "$(win "$folder/window.png")" 2> "$scratch/window.err" || {
  cat "$scratch/window.err"; exit 1; }
cp "$folder/window.png" "$out/wine-window.png"
# Preferences in %APPDATA% (eframe's storage), and the log, once, in %LOCALAPPDATA%.
test -f "$home/AppData/Roaming/teamscape/data/app.ron"
cat "$log"
test "$(grep -c 'drawing with OpenGL (glow) instead' "$log")" = 1
test -f "$recovery/window-1-1.lock"
wineserver -w

step "the installer"
mkdir -p "$home/Downloads"
cp "$setup" "$home/Downloads/"
wine64 "$(win "$home/Downloads/$(basename "$setup")")" /S
wineserver -w
installed="$home/AppData/Local/Programs/Teamscape"
for f in teamscape.exe uninstall.exe README.md LICENSE-MIT LICENSE-APACHE; do test -f "$installed/$f"; done
for f in "${samples[@]}"; do cmp "$f" "$installed/sample_teams/$(basename "$f")"; done
shortcut="$home/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Teamscape.lnk"
test -f "$shortcut"
query() { wine64 reg query "$@" 2>/dev/null | tr -d '\r'; }
query 'HKCU\Software\Classes\Teamscape.Team\shell\open\command' | grep -F 'teamscape.exe" "%1"'
query 'HKCU\Software\Classes\.ron' | grep -F 'Teamscape.Team'
query 'HKCU\Software\Classes\.ron\OpenWithProgids' | grep -F 'Teamscape.Team'
query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Teamscape' | grep -F "${version#teamscape }"
cp "$scratch/bcryptprimitives.dll" "$installed/"
test "$(wine64 "$(win "$installed/teamscape.exe")" --version | tr -d '\r')" = "$version"
rm "$installed/bcryptprimitives.dll"
step "installed: files, shortcut, association, Settings > Apps; the installed exe runs"

wine64 "$(win "$installed/uninstall.exe")" /S
wineserver -w
if [ -e "$installed" ] || [ -e "$shortcut" ]; then
  find "$installed" "$shortcut" 2>/dev/null; echo "the uninstaller left files behind" >&2; exit 1
fi
for key in 'HKCU\Software\Classes\Teamscape.Team' 'HKCU\Software\Classes\.ron' \
  'HKCU\Software\Classes\Applications\teamscape.exe' 'HKCU\Software\Teamscape' \
  'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Teamscape'; do
  if query "$key" | grep -q .; then
    query "$key"; echo "the uninstaller left $key behind" >&2; exit 1
  fi
done
step "uninstalled: nothing left"
echo "Windows build under Wine: passed"
