#!/usr/bin/env python3
"""An independent oracle for relational rounds (issue 31), written from the contract in
docs/measures.md and the issue, not from the Rust code.

For each of several held-out teams (made by `teamscape generate`, so none is a sample) it
writes a random instrument and random responses (empty answers, "n/a", raters named by
discipline, by family and "prefer not to say"), imports them with
`teamscape perceptions import`, and checks every cell, count, network mean, alpha, group
mean and response rate in `report --format json` against numpy; every interval must hold
its mean.

Usage: python3 tests/oracle/relational.py path/to/teamscape [teams]
"""

import csv
import json
import os
import random
import subprocess
import sys
import tempfile

import numpy as np

MIN_GROUP = 3  # the team's minimum group size: generated teams keep the default
MIN_ALPHA_ROWS = 10
TOL = 1e-9


def run(binary, *args):
    out = subprocess.run([binary, *args], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"teamscape {' '.join(args)} failed: {out.stderr}")
    return out.stdout


def make_instrument(rng):
    items = []
    for f in range(rng.randint(2, 4)):
        about = rng.choice(["team", "each"])
        low, high = rng.choice([(1, 5), (1, 7), (0, 4)])
        for i in range(rng.randint(1, 4)):
            items.append(
                {
                    "id": f"f{f}i{i}",
                    "factor": f"factor {f}",
                    "about": about,
                    "reverse": rng.random() < 0.3,
                    "min": low,
                    "max": high,
                }
            )
    return items


def answer(rng, item, about_group):
    r = rng.random()
    if r < 0.08:
        return ""
    if about_group and r < 0.14:
        return "n/a"
    return str(rng.randint(item["min"], item["max"]))


def scored(item, a):
    return item["min"] + item["max"] - a if item["reverse"] else a


def stored_side(side, on_side):
    """A side is kept where the team has at least MIN_GROUP members on it."""
    if side is None:
        return None
    return side if sum(c[side] for c in on_side.values()) >= MIN_GROUP else None


def stored_group(rater, side, disciplines, families, headcount, on_side):
    """Where the file keeps a rater (the storage rule): their discipline if it has at least
    MIN_GROUP members, and as many on the side they gave (as kept), else their family if
    that has, else no group."""
    if rater is None:
        return None

    def big(names):
        if sum(headcount[d] for d in names) < MIN_GROUP:
            return False
        return side is None or sum(on_side[d][side] for d in names) >= MIN_GROUP

    if rater in families:
        fam = rater
    else:
        if big([rater]):
            return rater
        fam = disciplines[rater]
    return fam if big(families[fam]) else None


def alpha(rows):
    rows = np.array(rows, dtype=float)
    if rows.ndim != 2 or rows.shape[0] < MIN_ALPHA_ROWS or rows.shape[1] < 2:
        return None
    k = rows.shape[1]
    total = rows.sum(axis=1).var(ddof=1)
    if total <= 0:
        return None
    return k / (k - 1) * (1 - rows.var(axis=0, ddof=1).sum() / total)


def close(a, b, what):
    if a is None or b is None:
        assert a is None and b is None, f"{what}: {a} against {b}"
    else:
        assert abs(a - b) < TOL, f"{what}: {a} against {b}"


def check_means(got, expected, factor):
    """Each expected group's n and mean, and an interval that holds the mean; how many."""
    assert set(got) == set(expected), (set(got), set(expected))
    for g, scores in expected.items():
        x = got[g]
        assert x["n"] == len(scores), (g, x["n"], len(scores))
        close(x["mean"], float(np.mean(scores)), f"{factor} {g}")
        assert x["ci_low"] - TOL <= x["mean"] <= x["ci_high"] + TOL, x
    return len(expected)


def check_team(binary, seed, folder):
    rng = random.Random(seed)
    team_path = os.path.join(folder, f"team{seed}.ron")
    run(binary, "generate", "--members", str(rng.randint(25, 80)), team_path)
    report = json.loads(run(binary, "report", team_path, "--format", "json"))
    headcount = {d["name"]: d["headcount"] for d in report["disciplines"]}
    on_side = {d["name"]: {"core": d["core"], "periphery": d["peripheral"]}
               for d in report["disciplines"]}
    disciplines = {d["name"]: None for d in report["disciplines"]}
    families = {f["name"]: f["disciplines"] for f in report["families"]}
    for fam, members in families.items():
        for d in members:
            disciplines[d] = fam
    # Disciplines with members are asked about; a generated team has members in each.
    rated = [d for d in headcount if headcount[d] > 0]

    items = make_instrument(rng)
    instrument_path = os.path.join(folder, f"instrument{seed}.csv")
    with open(instrument_path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "factor", "about", "reverse", "min", "max", "text"])
        for i in items:
            w.writerow([i["id"], i["factor"], i["about"], "yes" if i["reverse"] else "no",
                        i["min"], i["max"], f"Question {i['id']}"])
    columns = []
    for i in items:
        if i["about"] == "team":
            columns.append((i, None))
        else:
            columns.extend((i, d) for d in rated)
    respondents = []
    for r in range(rng.randint(15, 90)):
        pick = rng.random()
        if pick < 0.1:
            rater = None
        elif pick < 0.2:
            rater = rng.choice(list(families))
        else:
            rater = rng.choice(rated)
        side = rng.choice([None, "core", "core", "periphery"])
        respondents.append((rater, side, [answer(rng, i, d) for i, d in columns]))
    responses_path = os.path.join(folder, f"responses{seed}.csv")
    with open(responses_path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["respondent", "rater_discipline", "side"]
                   + [i["id"] if d is None else f"{i['id']}: {d}" for i, d in columns])
        for k, (rater, side, cells) in enumerate(respondents, start=1):
            w.writerow([k, rater or "prefer not to say", side or ""] + cells)
    run(binary, "perceptions", "import", team_path, responses_path,
        "--instrument", instrument_path, "--round", "Oracle")
    got = json.loads(run(binary, "report", team_path, "--format", "json"))
    rounds = [r for r in got["relational"]["rounds"] if r["label"] == "Oracle"]
    assert len(rounds) == 1, [r["label"] for r in got["relational"]["rounds"]]
    got = rounds[0]

    sides = [stored_side(side, on_side) for _, side, _ in respondents]
    groups = [stored_group(rater, side, disciplines, families, headcount, on_side)
              for (rater, _, _), side in zip(respondents, sides)]
    assert got["respondents"] == len(respondents)
    assert got["ungrouped"] == sum(g is None for g in groups), got["ungrouped"]

    # Response rate: disciplines that are groups, or have members and are in no family group.
    counts = {}
    for g in groups:
        if g is not None:
            counts[g] = counts.get(g, 0) + 1
    expected_rates = {}
    for d in headcount:
        if headcount[d] == 0:
            continue
        if disciplines[d] in counts and d not in counts:
            continue
        expected_rates[d] = (counts.get(d, 0), headcount[d])
    for fam, members in families.items():
        if fam in counts and fam not in expected_rates:
            expected_rates[fam] = (
                counts[fam],
                sum(headcount[d] for d in members if d not in counts),
            )
    got_rates = {g["group"]: (g["respondents"], g["headcount"]) for g in got["response_rate"]}
    assert got_rates == expected_rates, (got_rates, expected_rates)

    checked = 0
    for factor in sorted({i["factor"] for i in items}):
        its = [i for i in items if i["factor"] == factor]
        about = its[0]["about"]
        mine = [g for g in got["factors"] if g["factor"] == factor]
        assert len(mine) == 1, factor
        f = mine[0]
        assert f["about"] == about and f["items"] == len(its), f
        # scores[r][target] and complete rows
        def values(cells, target):
            out = []
            for i in its:
                k = columns.index((i, target))
                a = cells[k]
                out.append(None if a in ("", "n/a") else scored(i, int(a)))
            return out

        rows = []
        if about == "team":
            by_group = {}
            by_side = {}
            everyone = []
            for (rater, _, cells), g, side in zip(respondents, groups, sides):
                v = values(cells, None)
                if all(x is not None for x in v):
                    rows.append(v)
                answered = [x for x in v if x is not None]
                if not answered:
                    continue
                s = float(np.mean(answered))
                everyone.append(s)
                if g is not None:
                    by_group.setdefault(g, []).append(s)
                if side is not None:
                    by_side.setdefault(side, []).append(s)
            checked += check_means({x["group"].lower(): x for x in f["sides"]}, by_side, factor)
            if len(by_side) == 2:
                gap = f["core_gap"]
                d = float(np.mean(by_side["core"]) - np.mean(by_side["periphery"]))
                close(gap["difference"], d, f"{factor} core less periphery")
                assert gap["ci_low"] - TOL <= d <= gap["ci_high"] + TOL, gap
                assert gap["clear"] == (gap["ci_low"] > 0 or gap["ci_high"] < 0), gap
                checked += 1
            else:
                assert f["core_gap"] is None, f["core_gap"]
            checked += check_means({g["group"]: g for g in f["groups"]}, by_group, factor)
            if everyone:
                close(f["everyone"]["mean"], float(np.mean(everyone)), f"{factor} everyone")
                assert f["everyone"]["n"] == len(everyone)
                e = f["everyone"]
                assert e["ci_low"] - TOL <= e["mean"] <= e["ci_high"] + TOL, e
        else:
            cells_expected = {}
            for (rater, _, cells), g in zip(respondents, groups):
                for target in rated:
                    v = values(cells, target)
                    if all(x is not None for x in v):
                        rows.append(v)
                    answered = [x for x in v if x is not None]
                    if g is None or not answered:
                        continue
                    cells_expected.setdefault((g, target), []).append(float(np.mean(answered)))
            got_cells = {(c["rater"], c["rated"]): c for c in f["cells"]}
            assert set(got_cells) == set(cells_expected), (
                set(got_cells) ^ set(cells_expected))
            means = {}
            for key, scores in cells_expected.items():
                c = got_cells[key]
                assert c["n"] == len(scores), (key, c["n"], len(scores))
                close(c["mean"], float(np.mean(scores)), f"{factor} {key}")
                means[key] = float(np.mean(scores))
                checked += 1
            off = [m for (a, b), m in means.items() if a != b]
            close(f["network_mean"], float(np.mean(off)) if off else None, f"{factor} network mean")
        assert f["alpha_rows"] == len(rows), (factor, f["alpha_rows"], len(rows))
        close(f["alpha"], alpha(rows), f"{factor} alpha")
    return checked, len(respondents)


def main():
    binary = os.path.abspath(sys.argv[1])
    teams = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    total = 0
    people = 0
    with tempfile.TemporaryDirectory() as folder:
        for seed in range(1, teams + 1):
            checked, n = check_team(binary, seed, folder)
            total += checked
            people += n
    print(f"relational oracle: {teams} held-out teams, {people} respondents, "
          f"{total} cells and group means agree with numpy; every interval holds its mean")


if __name__ == "__main__":
    main()
