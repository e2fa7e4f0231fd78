#!/usr/bin/env bash
# Build Teamscape for 64-bit Windows, from Linux:
#   target/windows/Teamscape-<version>-windows-x64.zip        the exe, samples, README, licences
#   target/windows/Teamscape-<version>-windows-x64-setup.exe  an installer (NSIS), per user
# (in target/windows/<profile>/ for a PROFILE other than release).
# Adds the Rust target with rustup and mingw and NSIS with apt-get (as root) when missing.
#
# PROFILE=release (the default) builds what is shipped. .ci/run sets PROFILE=windows-ci, which
# optimises nothing (see Cargo.toml): a second target's optimised build would take a third of
# CI's time on two cores. Everything else, the zip and the installer, is made the same way.
set -euo pipefail
cd "$(dirname "$0")/.."
target=x86_64-pc-windows-gnu
profile="${PROFILE:-release}"

if ! rustup target list --installed | grep -qx "$target"; then
  rustup target add "$target"
fi
missing=()
command -v x86_64-w64-mingw32-gcc >/dev/null || missing+=(gcc-mingw-w64-x86-64)
command -v makensis >/dev/null || missing+=(nsis)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "package-windows: please install ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cargo build --locked --bin teamscape --target "$target" --profile "$profile"
case "$profile" in dev) dir=debug ;; *) dir="$profile" ;; esac
exe="${CARGO_TARGET_DIR:-target}/$target/$dir/teamscape.exe"

# The exe must run on a bare Windows: it may import system DLLs only, not mingw's runtime.
imports=$(x86_64-w64-mingw32-objdump -p "$exe" | sed -n 's/^\s*DLL Name: //p' | tr 'A-Z' 'a-z' | sort -u)
if echo "$imports" | grep -E '^(libgcc|libstdc|libwinpthread)'; then
  echo "package-windows: teamscape.exe needs mingw's runtime DLLs (above); link them statically" >&2
  exit 1
fi

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
name="Teamscape-$version-windows-x64"
# Only a release build is what ships; any other goes in a folder named after its profile.
out=target/windows
[ "$profile" = release ] || out="target/windows/$profile"
stage="$out/$name"
rm -rf "$stage"
mkdir -p "$stage/sample_teams"
cp "$exe" "$stage/teamscape.exe"
cp README.md LICENSE-MIT LICENSE-APACHE "$stage/"
cp sample_teams/*.ron "$stage/sample_teams/"

# The zip, with one top folder; python's zipfile, since the zip tool is not always there.
python3 - "$out" "$name" <<'PY'
import os, sys, zipfile
out, name = sys.argv[1], sys.argv[2]
path = os.path.join(out, name + ".zip")
with zipfile.ZipFile(path + ".part", "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
    for root, _, files in sorted(os.walk(os.path.join(out, name))):
        for f in sorted(files):
            full = os.path.join(root, f)
            z.write(full, os.path.relpath(full, out))
os.replace(path + ".part", path)
PY

# The installer: its sample lists are written here, so a new sample needs no change there.
: > "$out/install-samples.nsh"
: > "$out/uninstall-samples.nsh"
for f in "$stage"/sample_teams/*.ron; do
  b=$(basename "$f")
  echo "  File \"$(realpath "$f")\"" >> "$out/install-samples.nsh"
  echo "  Delete \"\$INSTDIR\\sample_teams\\$b\"" >> "$out/uninstall-samples.nsh"
done
fast=()
[ "$profile" = release ] || fast=(-DFAST_COMPRESSION)
# Windows' version resource takes numbers only: 0.2.0-beta.1 is 0.2.0 there.
makensis -V2 "${fast[@]}" -DVERSION="$version" -DVERSION_NUMBER="${version%%[-+]*}" -DSTAGE="$(realpath "$stage")" \
  -DOUTFILE="$(realpath "$out")/$name-setup.exe" assets/windows/installer.nsi

ls -l "$out/$name.zip" "$out/$name-setup.exe"
