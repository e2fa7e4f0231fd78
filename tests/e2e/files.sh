#!/usr/bin/env bash
# End to end in a real window under Xvfb, driven with xdotool (issue 6):
#  1. open a file, press N over the map, Ctrl+S: one more member, and .bak holds the old file;
#  2. another change, wait past the autosave (every 2 s here, not 30: TEAMSCAPE_AUTOSAVE_SECONDS),
#     kill -9: the recovery file loads and holds the change;
#  3. Ctrl+Q with unsaved changes: the app asks and does not quit.
# Usage: tests/e2e/files.sh path/to/teamscape
set -euo pipefail
bin=$(realpath "$1")
display_base=90
source "$(dirname "$0")/common.sh"
export TEAMSCAPE_AUTOSAVE_SECONDS=2

cp sample_teams/camhs-team.ron "$work/team.ron"
before=$(count "$work/team.ron")
"$bin" "$work/team.ron" 2>>"$work/team.err" &
app=$!
win=$(window Teamscape)
sleep 2
xdotool windowfocus --sync "$win"
eval "$(xdotool getwindowgeometry --shell "$win")"
# The map's middle: between the team panel on the left and the inspector on the right.
xdotool mousemove --window "$win" $((WIDTH / 2 - 20)) $((HEIGHT / 2))
sleep 0.5
xdotool key --window "$win" n
sleep 0.5
xdotool key --window "$win" ctrl+s
sleep 1
after=$(count "$work/team.ron")
cp "$work/team.ron.bak" "$work/previous.ron"
bak=$(count "$work/previous.ron")
echo "1. members before $before, after Ctrl+S $after, in .bak $bak"
[ "$after" -eq $((before + 1)) ] && [ "$bak" -eq "$before" ]

xdotool mousemove --window "$win" $((WIDTH / 2 + 30)) $((HEIGHT / 2 + 40))
sleep 0.3
xdotool key --window "$win" n
echo "2. waiting 5 s for the autosave (every 2 s here)"
sleep 5
kill -9 "$app"
recovery=$(ls "$XDG_DATA_HOME"/teamscape/recovery/window-*.ron)
"$bin" check "$recovery"
recovered=$(count "$recovery")
echo "   recovery file holds $recovered members"
[ "$recovered" -eq $((after + 1)) ]
rm -rf "$XDG_DATA_HOME/teamscape"

"$bin" "$work/team.ron" 2>>"$work/team.err" &
app=$!
win=$(window Teamscape)
sleep 2
xdotool windowfocus --sync "$win"
xdotool mousemove --window "$win" $((WIDTH / 2 - 20)) $((HEIGHT / 2 + 80))
sleep 0.3
xdotool key --window "$win" n
sleep 0.5
xdotool key --window "$win" ctrl+q
sleep 2
if kill -0 "$app" 2>/dev/null; then
  echo "3. Ctrl+Q with unsaved changes: still running, asking"
  import -window root "$work/asking.png" 2>/dev/null && cp "$work/asking.png" "${E2E_SCREENSHOT:-/dev/null}" 2>/dev/null || true
  kill -9 "$app"
else
  echo "3. Ctrl+Q quit without asking"; exit 1
fi
echo "e2e files: ok"
