#!/usr/bin/env bash
# End to end in a real window under Xvfb, by keys only (issue 31): the kiosk runs an
# imported instrument. An instrument file (two items about the team, two about each other
# group, 1-5) comes into the team with a round imported from a sheet; Ctrl+Shift+R opens the
# kiosk, 3 chooses that instrument (the team's own come first), Enter starts each person, 0
# is "prefer not to say" (so every discipline is asked about), 1 or 2 is the side of the core,
# digits answer, N is "I don't
# work with them" for a whole group, Enter passes the laptop on, Ctrl+Shift+E ends the round
# and Ctrl+S saves. The report then measures the new round: 2 respondents; complete rows 2 for
# the team factor; for the round-robin one n + (n - 1), since the second person did not work
# with one group.
# Usage: tests/e2e/instrument.sh path/to/teamscape
set -euo pipefail
bin=$(realpath "$1")
display_base=110
source "$(dirname "$0")/common.sh"
k() { xdotool key --window "$win" "$@"; sleep 0.25; }

cp sample_teams/special-needs-nursery.ron "$work/t.ron"
n=$(python3 -c 'import re,sys; t=open(sys.argv[1]).read(); print(len(re.findall(r"\n      Discipline\(", t)))' "$work/t.ron")
cat > "$work/ours.csv" <<'CSV'
id,factor,about,reverse,min,max,text
t1,climate,team,no,1,5,I can raise a problem in this team.
t2,climate,team,yes,1,5,Mistakes are held against you here.
e1,joint work,each,no,1,5,This group tells us what we need to know.
e2,joint work,each,no,1,5,This group shares decisions with us.
CSV
printf 'respondent,rater_discipline,t1\n1,prefer not to say,3\n' > "$work/seed.csv"
"$bin" perceptions import "$work/t.ron" "$work/seed.csv" --instrument "$work/ours.csv" --round Seed >/dev/null

"$bin" "$work/t.ron" 2>"$work/t.err" &
app=$!
win=$(window 't\.ron')
sleep 2
xdotool windowfocus --sync "$win"
k ctrl+shift+r
k 3                 # the team's own instrument, "ours"
for person in 1 2; do
  k Return          # start
  k 0               # prefer not to say
  k "$person"       # 1: works in the core; 2: on the periphery
  if [ "$person" = 1 ]; then
    k 4; k 2        # the two team items: 4, and 2 turned round to 4
  else
    k 2; k 4        # 2, and 4 turned round to 2
  fi
  for g in $(seq 1 "$n"); do
    if [ "$person" = 2 ] && [ "$g" = 1 ]; then
      k n           # I don't work with them: both items about this group
    else
      k "$person"; k 3
    fi
  done
  k Return          # done, pass it on
done
k ctrl+shift+e
k ctrl+s
sleep 1
"$bin" report "$work/t.ron" --format json | python3 -c '
import json, sys
n = int(sys.argv[1])
rounds = json.load(sys.stdin)["relational"]["rounds"]
new = [r for r in rounds if r["label"].startswith("Round of")]
assert len(new) == 1, [r["label"] for r in rounds]
r = new[0]
assert r["instrument"] == "ours", r["instrument"]
assert r["respondents"] == 2, r["respondents"]
f = {x["factor"]: x for x in r["factors"]}
assert f["climate"]["alpha_rows"] == 2, f["climate"]
assert f["joint work"]["alpha_rows"] == 2 * n - 1, (f["joint work"]["alpha_rows"], n)
# Everyone preferred not to say their profession, so no group shows; the team mean is
# (4 + 2) / 2 = 3; the first said core (4), the second periphery (2): a gap of 2.
c = f["climate"]
assert c["groups"] == [], c["groups"]
assert c["everyone"]["mean"] == 3.0, c["everyone"]
assert [(s["group"], s["n"], s["mean"]) for s in c["sides"]] == [("Core", 1, 4.0), ("Periphery", 1, 2.0)], c["sides"]
assert c["core_gap"]["difference"] == 2.0, c["core_gap"]
print(f"instrument round: 2 people answered an imported instrument by keys about {n} disciplines; the report measures it")
' "$n"
xdotool key --window "$win" ctrl+q
for _ in $(seq 1 50); do kill -0 "$app" 2>/dev/null || exit 0; sleep 0.2; done
echo "the app did not quit" >&2
exit 1
