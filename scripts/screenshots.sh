#!/bin/sh
# The README's pictures of the app, made from the samples by the real binary in a virtual
# display, so they never go stale: run it after a change to what they show.
#
#   scripts/screenshots.sh [BIN]     BIN: the teamscape binary (default: the debug build,
#                                    built if missing)
#   OUT=DIR scripts/screenshots.sh   write them to DIR instead of docs/images (CI does)
#
# Needs xvfb-run (Debian: xvfb, xauth). Each picture is the window at 1440x900, with no
# remembered window size or preference (a fresh data folder), in the dark theme.
set -eu
cd "$(dirname "$0")/.."
bin=${1:-${CARGO_TARGET_DIR:-target}/debug/teamscape}
[ -x "$bin" ] || cargo build
out=${OUT:-docs/images}
mkdir -p "$out"
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
export XDG_DATA_HOME="$fresh/data" XDG_CONFIG_HOME="$fresh/config"
if [ -z "${XDG_RUNTIME_DIR:-}" ] || [ ! -d "$XDG_RUNTIME_DIR" ]; then
  XDG_RUNTIME_DIR="$fresh/run" && mkdir -m 700 "$XDG_RUNTIME_DIR" && export XDG_RUNTIME_DIR
fi
shot() {
  name=$1
  shift
  timeout 120 xvfb-run -a -s "-screen 0 1440x900x24" "$bin" "$@" --theme dark \
    --screenshot "$out/$name.png"
  echo "$out/$name.png"
}
# The team drawn: who is core, who is on the edge, who manages whom.
shot map sample_teams/camhs-team.ron --view map
# The rings with names hidden, as the room sees them in a workshop.
shot rings-names-hidden sample_teams/youth-offending-team.ron --view rings --hide-names
# A workshop slide, names hidden: the deck is exported (each slide at 1920x1080) and its
# conditions ladder kept.
deck="$fresh/deck"
timeout 300 xvfb-run -a -s "-screen 0 1920x1080x24" "$bin" sample_teams/camhs-team.ron \
  --theme dark --hide-names --export-slides "$deck" >/dev/null
cp "$deck"/*-status-ladder.png "$out/workshop-slide.png"
echo "$out/workshop-slide.png"
# The table: every member's terms, side by side.
shot table sample_teams/special-needs-nursery.ron --view table
# Across teams: the sample service, people in several teams drawn once.
shot service-map sample_teams/service/children-and-families-service.ron --view service
