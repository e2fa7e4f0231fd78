# Sourced by the end-to-end scripts: a private Xvfb display and data folder, and helpers.
# Needs: bin (the teamscape binary) and display_base (a number; scripts use different ones).
work=$(mktemp -d)
export XDG_DATA_HOME="$work/data"
export TEAMSCAPE_FILE_DIALOG=builtin
display=":$((display_base + RANDOM % 9))"
# -noreset: by default Xvfb resets when its last client goes, and an app started right after
# one is killed (the autosave test) can find no server: "Failed to open connection to X
# server". That was the e2e flake seen twice.
Xvfb "$display" -screen 0 1440x900x24 -noreset >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
export DISPLAY=$display
# Wait for the display to answer (a fixed second was not always enough).
for _ in $(seq 1 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.2; done
# The number of members in a team file.
count() { "$bin" report "$1" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["team"]["headcount"])'; }
# The first window whose title matches $1 (a regular expression).
# Up to 60 s: a cold start of the GL stack under Xvfb has been seen to take over 20 s on a
# busy 2-core machine. On failure, say what the apps wrote to stderr ($work/*.err).
window() {
  for _ in $(seq 1 300); do
    id=$(xdotool search --name "$1" 2>/dev/null | head -n 1 || true)
    [ -n "$id" ] && { echo "$id"; return; }
    sleep 0.2
  done
  echo "no window named $1 after 60 s; teamscape processes: $(pgrep -c teamscape || true)" >&2
  for f in "$work"/*.err; do [ -f "$f" ] && { echo "--- $f" >&2; tail -n 20 "$f" >&2; }; done
  exit 1
}
