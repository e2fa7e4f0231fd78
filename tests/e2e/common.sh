# Sourced by the end-to-end scripts: a private Xvfb display and data folder, and helpers.
# Needs: bin (the teamscape binary) and display_base (a number; scripts use different ones).
work=$(mktemp -d)
export XDG_DATA_HOME="$work/data"
export TEAMSCAPE_FILE_DIALOG=builtin
display=":$((display_base + RANDOM % 9))"
Xvfb "$display" -screen 0 1440x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
export DISPLAY=$display
sleep 1
# The number of members in a team file.
count() { "$bin" report "$1" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["team"]["headcount"])'; }
# The first window whose title matches $1 (a regular expression).
window() {
  for _ in $(seq 1 100); do
    id=$(xdotool search --name "$1" 2>/dev/null | head -n 1 || true)
    [ -n "$id" ] && { echo "$id"; return; }
    sleep 0.2
  done
  echo "no window named $1" >&2; exit 1
}
