#!/usr/bin/env bash
# End to end in a real window under Xvfb, driven with xdotool keys (issue 14): a perception
# round in the room. Ctrl+Shift+R starts it; Enter chooses ratings and starts each person;
# 0 is "prefer not to say"; 1–5 answer; Enter passes the laptop on; Ctrl+Shift+E ends the
# round; Ctrl+S saves. The saved file holds the round with both people's answers.
# Usage: tests/e2e/perceptions.sh path/to/teamscape
set -euo pipefail
bin=$(realpath "$1")
display_base=90
source "$(dirname "$0")/common.sh"
k() { xdotool key --window "$win" "$@"; sleep 0.25; }

cp sample_teams/special-needs-nursery.ron "$work/t.ron"
n=$(python3 -c 'import re,sys; t=open(sys.argv[1]).read(); print(len(re.findall(r"\n      Discipline\(", t)))' "$work/t.ron")
"$bin" "$work/t.ron" 2>"$work/t.err" &
app=$!
win=$(window 't\.ron')
sleep 2
xdotool windowfocus --sync "$win"
k ctrl+shift+r
k Return            # ratings
for person in 1 2; do
  k Return          # start
  k 0               # prefer not to say
  k 0               # core or periphery: prefer not to say
  k 4               # feels valued: 4
  for _ in $(seq 1 "$n"); do k "$person"; k 3; done
  k Return          # done, pass it on
done
k ctrl+shift+e
k ctrl+s
sleep 1
python3 - "$work/t.ron" "$n" <<'PY'
import re, sys
text, n = open(sys.argv[1]).read(), int(sys.argv[2])
assert "perceptions: [" in text, "no perception round in the saved file"
says = re.findall(r"say: Some\((\d)\)", text)
assert len(says) == 2 * n, f"{len(says)} say answers, expected {2 * n}"
# A round is stored in an order nobody can repeat (so nobody can match answers to the order
# people sat down in), but each person's answers stay together.
people = sorted({tuple(says[:n]), tuple(says[n:])})
assert people == [("1",) * n, ("2",) * n], says
print(f"perception round: 2 people rated {n} disciplines by keys; the saved file holds every answer")
PY
xdotool key --window "$win" ctrl+q
for _ in $(seq 1 50); do kill -0 "$app" 2>/dev/null || exit 0; sleep 0.2; done
echo "the app did not quit" >&2
exit 1
