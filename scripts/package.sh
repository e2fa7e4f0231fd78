#!/usr/bin/env bash
# Build the Debian package, target/debian/teamscape_<version>-1_<arch>.deb, with cargo-deb
# (installed from crates.io when missing). What it holds is listed in Cargo.toml under
# [package.metadata.deb]: /usr/bin/teamscape, the desktop entry, the icons, the AppStream
# metainfo, the README and the sample teams.
#
# By default cargo-deb builds the release binary, which is what ships. BINARY=path packs a
# binary built already instead, in a target folder of its own so that a real release build
# is never overwritten: .ci/run packs the one its tests just ran, since a release build would
# take a third of CI's time on two cores. The package is then in
# target/package-prebuilt/debian/.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo deb --version >/dev/null 2>&1; then
  cargo install cargo-deb --locked --version "=3.8.0"
fi

if [ -n "${BINARY:-}" ]; then
  export CARGO_TARGET_DIR=target/package-prebuilt
  mkdir -p "$CARGO_TARGET_DIR/release"
  cp "$BINARY" "$CARGO_TARGET_DIR/release/teamscape"
  cargo deb --no-build
else
  cargo deb
fi
