#!/usr/bin/env python3
"""Made-up families' feedback for the CAMHS sample (issue 32): an ESQ round before the
locality restructure and one after it.

Nobody answered these: they are drawn from a fixed seed to show what the families' chart,
slide and findings look like. The story they tell is one a workshop could meet: after the
restructure families see the staff working together better (item 7), while the staff's own
team climate fell. Re-run to rebuild the sample:

    python3 scripts/sample_feedback.py OUTDIR
    teamscape feedback import sample_teams/camhs-team.ron OUTDIR/esq-before.csv \
        --kind esq --round "Families, spring 2026"
    teamscape feedback link sample_teams/camhs-team.ron --round "Families, spring 2026" \
        --snapshot "Before the locality restructure"
    teamscape feedback import sample_teams/camhs-team.ron OUTDIR/esq-after.csv \
        --kind esq --round "Families, autumn 2026"
    teamscape feedback involvement sample_teams/camhs-team.ron \
        --snapshot "Before the locality restructure" --involvement consulted \
        --note "Two parents and a young person from the participation group saw the plans"
    teamscape feedback quote sample_teams/camhs-team.ron --round "Families, autumn 2026" \
        "For the first time it felt like everyone knew what the others were doing."

and, in the app (team panel, What families said), keep the names "Jayden" and "Oakfield"
for the autumn round.

Comments are made up too; two of them name people, to show the quote check refusing them.
Standard library only, so it runs anywhere.
"""

import csv
import os
import random
import sys

ANSWERS = ["certainly true", "partly true", "not true", "don't know"]

LIKED = [
    "They listened to what we had to say",
    "My son felt safe talking to them",
    "Dr Forsyth explained everything clearly",
    "The groups for parents",
    "Being seen quickly once we were in",
    "For the first time it felt like everyone knew what the others were doing.",
    "Jayden liked the art sessions",
    "Friendly reception staff",
]
IMPROVE = [
    "The wait before the first appointment",
    "Having to tell our story again to each new person",
    "Appointments in school hours",
    "The waiting room at Oakfield is cramped",
    "Parking",
    "Letters came after the appointment",
]

# Per item (q1..q12), the chance of "certainly true" before and after; partly true takes
# most of the rest. Item 7 (working together) is the one the restructure moved.
BEFORE = [0.70, 0.66, 0.78, 0.62, 0.55, 0.50, 0.30, 0.45, 0.40, 0.55, 0.62, 0.64]
AFTER = [0.72, 0.68, 0.80, 0.66, 0.60, 0.58, 0.84, 0.42, 0.38, 0.50, 0.66, 0.70]


def rows(rng, forms, chances, start, days, first_id):
    out = []
    k = first_id
    for form, count in forms:
        for _ in range(count):
            day = start + rng.randrange(days)
            answers = []
            for q, p in enumerate(chances):
                # Children skip more; a few leave an item empty or don't know.
                r = rng.random()
                if r < 0.04:
                    answers.append("")
                elif r < 0.08 and q in (7, 8, 9):
                    answers.append("don't know")
                else:
                    x = rng.random()
                    if x < p:
                        answers.append("certainly true")
                    elif x < p + (1 - p) * 0.78:
                        answers.append("partly true")
                    else:
                        answers.append("not true")
            liked = rng.choice(LIKED) if rng.random() < 0.45 else ""
            improve = rng.choice(IMPROVE) if rng.random() < 0.4 else ""
            out.append(
                [f"R{k:03d}", form, f"2026-{day // 100:02d}-{day % 100:02d}"]
                + answers
                + [liked, improve, ""]
            )
            k += 1
    rng.shuffle(out)
    return out


def write(path, table):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(
            ["respondent", "form", "date"]
            + [f"q{i}" for i in range(1, 13)]
            + ["liked", "improve", "other"]
        )
        w.writerows(table)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(out, exist_ok=True)
    rng = random.Random(32)
    # Days as MMDD: 2–27 February, and 1–26 October.
    before = rows(rng, [("parent", 17), ("young person", 6)], BEFORE, 202, 26, 1)
    after = rows(
        rng, [("parent", 18), ("young person", 4), ("child", 3)], AFTER, 1001, 26, 100
    )
    write(os.path.join(out, "esq-before.csv"), before)
    write(os.path.join(out, "esq-after.csv"), after)


if __name__ == "__main__":
    main()
