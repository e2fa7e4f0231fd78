#!/usr/bin/env bash
# End to end in real windows under Xvfb, driven with xdotool (issue 12, the document core):
#  1. N, F2, type a name, Ctrl+S: the saved file holds that name;
#  2. two windows on two files, each with an unsaved new member; after their autosaves (every
#     2 s here, not 30: TEAMSCAPE_AUTOSAVE_SECONDS), kill -9 both:
#     two recovery files, each with its team; the next start offers both, and restoring
#     each (Enter on the focused Restore, then Ctrl+S) gives back its team.
# Usage: tests/e2e/document.sh path/to/teamscape
set -euo pipefail
bin=$(realpath "$1")
display_base=80
source "$(dirname "$0")/common.sh"
export TEAMSCAPE_AUTOSAVE_SECONDS=2
# Press N over the middle of the map of window $1.
add_member() {
  # No window manager: the windows overlap, so bring this one to the top first.
  xdotool windowraise "$1"
  sleep 0.3
  xdotool windowfocus --sync "$1"
  eval "$(xdotool getwindowgeometry --shell "$1")"
  xdotool mousemove --window "$1" $((WIDTH / 2 - 20)) $((HEIGHT / 2))
  sleep 0.5
  xdotool key --window "$1" n
  sleep 0.5
}
wait_gone() { for _ in $(seq 1 50); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.2; done; echo "still running" >&2; exit 1; }

# 1. N, F2, a name, Ctrl+S.
cp sample_teams/youth-offending-team.ron "$work/a.ron"
"$bin" "$work/a.ron" 2>"$work/a.err" &
app=$!
win=$(window 'a\.ron')
sleep 2
add_member "$win"
xdotool key --window "$win" F2
sleep 0.3
xdotool key --window "$win" ctrl+a
xdotool type --window "$win" --delay 40 "Zara Quinn"
sleep 0.3
xdotool key --window "$win" ctrl+s
sleep 1
grep -q '"Zara Quinn"' "$work/a.ron" || { echo "1. the saved file does not hold the name"; exit 1; }
echo "1. N, F2, typed a name, Ctrl+S: a.ron holds \"Zara Quinn\""
xdotool key --window "$win" ctrl+q
wait_gone "$app"

# 2. Two windows, each with unsaved work, killed.
cp sample_teams/camhs-team.ron "$work/b.ron"
cp sample_teams/special-needs-nursery.ron "$work/c.ron"
b0=$(count "$work/b.ron"); c0=$(count "$work/c.ron")
"$bin" "$work/b.ron" 2>"$work/b.err" &
app_b=$!
win_b=$(window 'b\.ron')
"$bin" "$work/c.ron" 2>"$work/c.err" &
app_c=$!
win_c=$(window 'c\.ron')
sleep 2
add_member "$win_b"
add_member "$win_c"
echo "2. waiting 5 s for both autosaves (every 2 s here)"
sleep 5
kill -9 "$app_b" "$app_c"
recovery="$XDG_DATA_HOME/teamscape/recovery"
files=("$recovery"/window-*.ron)
echo "   recovery files: ${#files[@]}"
[ "${#files[@]}" -eq 2 ]
found=""
for f in "${files[@]}"; do
  "$bin" check "$f" >/dev/null
  n=$(count "$f")
  src=$(head -n 1 "$f" | sed 's|^// source: ||')
  case "$src" in
    */b.ron) [ "$n" -eq $((b0 + 1)) ] && found="$found b" ;;
    */c.ron) [ "$n" -eq $((c0 + 1)) ] && found="$found c" ;;
  esac
  echo "   $(basename "$f"): $n members, for $(basename "$src")"
done
[ "$found" = " b c" ] || [ "$found" = " c b" ] || { echo "   not one file per team: $found"; exit 1; }

# The next start offers both; restore one, save it, quit; the start after offers the other.
for round in 1 2; do
  "$bin" 2>"$work/start-$round.err" &
  app=$!
  win=$(window Teamscape)
  sleep 2
  xdotool windowfocus --sync "$win"
  import -window root "$work/offer-$round.png" 2>/dev/null && cp "$work/offer-$round.png" "${E2E_SCREENSHOT_DIR:-/dev/null}/offer-$round.png" 2>/dev/null || true
  xdotool key --window "$win" Return   # the first Restore has the keyboard
  sleep 1
  xdotool key --window "$win" ctrl+s   # saves to the file the work belongs to
  sleep 1
  xdotool key --window "$win" ctrl+q
  wait_gone "$app"
  echo "   start $round: restored and saved; b.ron $(count "$work/b.ron"), c.ron $(count "$work/c.ron") members"
done
[ "$(count "$work/b.ron")" -eq $((b0 + 1)) ] && [ "$(count "$work/c.ron")" -eq $((c0 + 1)) ]
left=$(find "$recovery" -name 'window-*.ron' | wc -l)
[ "$left" -eq 0 ] || { echo "   $left recovery files left"; exit 1; }
echo "e2e document: ok"
