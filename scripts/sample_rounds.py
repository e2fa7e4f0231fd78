#!/usr/bin/env python3
"""Made-up answers for the CAMHS sample's relational rounds (issue 31).

Nobody answered these: they are drawn from a fixed seed to show what the charts and
findings look like, in the shape the research warns of (status from profession predicting
psychological safety; the edge feeling the restructure most). Re-run to rebuild the sample:

    python3 scripts/sample_rounds.py OUTDIR
    teamscape perceptions import sample_teams/camhs-team.ron OUTDIR/climate-before.csv \
        --instrument "Team climate (adapted from team psychological safety)" \
        --round "Team climate, before the restructure"
    (then climate-after.csv and collaboration-after.csv the same way; the round dates
    are then set by hand in the file: 2026-03-06, 2026-11-27, 2026-11-27)

The climate rounds also ask each respondent's side of the core (sample_teams/camhs-team.ron
puts one psychiatrist and both social workers on the periphery): the periphery sits a little lower before the restructure and well lower after.

Each respondent has their own level on each factor (their group's level plus a personal
offset); each answer is that level plus noise, rounded and kept on the scale, turned round
for a reverse-scored item. Standard library only, so it runs anywhere.
"""

import csv
import os
import random
import sys

# The CAMHS sample's disciplines and headcounts (sample_teams/camhs-team.ron).
DISCIPLINES = [
    ("Child and adolescent psychiatry", 2, "medicine"),
    ("Family therapy", 1, "therapies"),
    ("Clinical psychology", 3, "medicine"),
    ("Mental health nursing", 5, "nursing"),
    ("Social work", 2, "social"),
    ("Occupational therapy", 1, "therapies"),
    ("Administration", 2, "support"),
]

SAFE_REVERSE = {"safe1", "safe3", "safe5"}
CLIMATE = [f"safe{k}" for k in range(1, 8)] + [f"debate{k}" for k in range(1, 4)]

# Group levels on the 1-7 climate scale: psychological safety, open debate.
CLIMATE_BEFORE = {
    "medicine": (5.6, 5.4),
    "therapies": (5.0, 4.9),
    "nursing": (5.1, 5.0),
    "social": (4.6, 4.5),
    "support": (4.4, 4.6),
}
CLIMATE_AFTER = {
    "medicine": (5.7, 5.5),
    "therapies": (3.9, 4.0),
    "nursing": (3.4, 3.6),
    "social": (4.1, 4.0),
    "support": (4.0, 4.3),
}

# Who works on the team's periphery (by discipline and index), and how far the periphery's levels sit below their group's, before and after.
PERIPHERY = {("Child and adolescent psychiatry", 1), ("Social work", 0), ("Social work", 1)}
EDGE_BEFORE = -0.2
EDGE_AFTER = -0.9

COLLAB = (
    [("communication", f"comm{k}") for k in range(1, 6)]
    + [("accommodation", f"acc{k}") for k in range(1, 6)]
    + [("isolation", f"iso{k}") for k in range(1, 4)]
)


def collab_level(factor, rater, rated):
    """How a rater group sees a rated discipline's collaboration, 1-5: the medical core
    is seen by the rest as hard to reach and keeping to itself, and sees the rest well."""
    rated_group = next(g for name, _, g in DISCIPLINES if name == rated)
    base = {"communication": 3.7, "accommodation": 3.5, "isolation": 2.4}[factor]
    if rated_group == "medicine" and rater != "medicine":
        base += {"communication": -0.9, "accommodation": -1.2, "isolation": 1.3}[factor]
    if rater == "medicine" and rated_group != "medicine":
        base += {"communication": 0.6, "accommodation": 0.5, "isolation": -0.6}[factor]
    if rated_group == rater:
        base += {"communication": 0.6, "accommodation": 0.5, "isolation": -0.8}[factor]
    return base


def answer(rng, level, low, high):
    return max(low, min(high, round(level + rng.gauss(0, 0.7))))


def people(absent=()):
    for name, count, group in DISCIPLINES:
        for k in range(count):
            if (name, k) not in absent:
                yield name, group, k


def side(name, k):
    return "periphery" if (name, k) in PERIPHERY else "core"


def climate(rng, levels, absent, edge):
    header = ["respondent", "rater_discipline", "side"] + CLIMATE
    rows = []
    for i, (name, group, k) in enumerate(people(absent), start=1):
        safe, debate = levels[group]
        if (name, k) in PERIPHERY:
            safe += edge
            debate += edge
        safe += rng.gauss(0, 0.45)
        debate += rng.gauss(0, 0.45)
        row = [str(i), name, side(name, k)]
        for item in CLIMATE:
            level = safe if item.startswith("safe") else debate
            a = answer(rng, level, 1, 7)
            # A reverse-scored item is worded the other way: a high level, a low answer.
            row.append(str(8 - a if item in SAFE_REVERSE else a))
        rows.append(row)
    return header, rows


def collaboration(rng):
    rated = [name for name, _, _ in DISCIPLINES]
    header = ["respondent", "rater_discipline"] + [
        f"{item}: {d}" for _, item in COLLAB for d in rated
    ]
    rows = []
    for i, (name, group, _) in enumerate(people(), start=1):
        offset = rng.gauss(0, 0.35)
        # Administration seldom works with the therapists, and says so.
        apart = {
            d
            for d in rated
            if group == "support" and d in ("Family therapy", "Occupational therapy") and rng.random() < 0.6
        }
        row = [str(i), name]
        for factor, _ in COLLAB:
            for d in rated:
                if d in apart:
                    row.append("n/a")
                    continue
                row.append(str(answer(rng, collab_level(factor, group, d) + offset, 1, 5)))
        rows.append(row)
    return header, rows


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(out, exist_ok=True)
    rng = random.Random(31)
    # One psychologist was away for the first round.
    write(os.path.join(out, "climate-before.csv"), *climate(rng, CLIMATE_BEFORE, {("Clinical psychology", 2)}, EDGE_BEFORE))
    write(os.path.join(out, "climate-after.csv"), *climate(rng, CLIMATE_AFTER, set(), EDGE_AFTER))
    write(os.path.join(out, "collaboration-after.csv"), *collaboration(rng))


if __name__ == "__main__":
    main()
