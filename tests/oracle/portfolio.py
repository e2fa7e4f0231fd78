#!/usr/bin/env python3
"""An independent oracle for portfolios across teams (issue 34), written from the contract in
the issue and docs/measures.md ("Across teams"), not from the Rust code.

For several held-out services it writes a random staffing sheet (one row per post: people in
one to four teams, FTEs that add up to at most their contract, two people sharing a name,
teams with their own core threshold or the default, FTEs exactly at a threshold, person
fields repeated on some rows and left empty on others, line managers by person_id), and
checks every figure of `teamscape portfolio report --format json` against its own
arithmetic: read from the sheet directly, and from the portfolio file `portfolio import`
writes. For each it also makes a later version (posts ended, people leaving, joining and
taking on more teams) and checks `teamscape portfolio compare --format json` of the two,
file against file and, after `portfolio snapshot`, snapshot against file: each team's
figures then and now, and the people who joined, left, or work in more or fewer teams. It
then checks that a sheet whose rows disagree about a person, or that gives a person two
posts in one team, is refused with the rows named and nothing written.

Usage: python3 tests/oracle/portfolio.py path/to/teamscape [services]
"""

import csv
import io
import json
import os
import random
import subprocess
import sys
import tempfile

TOL = 1e-9
DISCIPLINES = ["Educational psychology", "Speech and language therapy", "Social work",
               "Clinical psychology", "Paediatrics", "Occupational therapy", "Youth work",
               "Early years", "Mental health nursing", "Police"]
AGENCIES = ["County Council", "NHS Trust", "Police", "Charity"]
STEPS = [0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0]
HEADER = ["person_id", "name", "discipline", "agency", "team", "fte_in_team", "fte",
          "salary", "leave_days", "training_days", "years_of_service", "line_manager",
          "core_threshold"]


def run(binary, *args):
    return subprocess.run([binary, *args], capture_output=True, text=True)


def service(rng):
    """People, teams and posts of one random service."""
    teams = [f"Team {c}" for c in rng.sample("ABCDEFGHJK", rng.randint(3, 7))]
    thresholds = {t: (rng.choice([0.3, 0.4, 0.6]) if rng.random() < 0.4 else None)
                  for t in teams}
    people = []
    for k in range(rng.randint(12, 45)):
        people.append({
            "id": f"P{rng.randint(100, 999)}-{k}",
            "name": f"Person {k}",
            "discipline": rng.choice(DISCIPLINES),
            "agency": rng.choice(AGENCIES),
            "salary": rng.choice([None, 28000 + 500 * rng.randint(0, 60)]),
            "leave": rng.choice([None, 27, 30, 33]),
            "training": rng.choice([None, 2, 5]),
            "years": rng.choice([None, rng.randint(0, 30)]),
        })
    # Two people share a name: a person is their id.
    people[1]["name"] = people[0]["name"]
    posts = []
    for p in people:
        n = rng.choices([1, 2, 3, 4], weights=[5, 3, 2, 1])[0]
        chosen = rng.sample(teams, min(n, len(teams)))
        # Posts within a full-time contract: each leaves at least 0.1 for those after it.
        ftes, budget = [], 1.0
        for k, t in enumerate(chosen):
            room = budget - 0.1 * (len(chosen) - k - 1)
            at = thresholds[t] if thresholds[t] is not None else 0.5
            # Someone exactly at their team's threshold, now and then.
            f = at if rng.random() < 0.3 and at <= room + 1e-9 else \
                rng.choice([x for x in STEPS if x <= room + 1e-9])
            ftes.append(f)
            budget -= f
        total = sum(ftes)
        p["fte"] = rng.choice([None, round(total + rng.choice([0.0, 0.1, 0.2]), 2)])
        for t, f in zip(chosen, ftes):
            posts.append({"person": p["id"], "team": t, "fte": f})
    rng.shuffle(posts)
    by_id = {p["id"]: p for p in people}
    for post in posts:
        same_team = [q["person"] for q in posts if q["team"] == post["team"] and q["person"] != post["person"]]
        post["manager"] = rng.choice(same_team) if same_team and rng.random() < 0.5 else ""
    return teams, thresholds, by_id, posts


def sheet(teams, thresholds, by_id, posts, rng):
    out = io.StringIO()
    w = csv.writer(out, lineterminator=rng.choice(["\n", "\r\n"]))
    w.writerow(HEADER)
    given = set()
    for post in posts:
        p = by_id[post["person"]]
        # A person's own fields on their first row; on later rows repeated or left empty.
        full = p["id"] not in given or rng.random() < 0.5
        given.add(p["id"])
        opt = lambda v: "" if v is None or not full else v
        w.writerow([p["id"], p["name"], p["discipline"], p["agency"], post["team"], post["fte"],
                    opt(p["fte"]), opt(p["salary"]), opt(p["leave"]), opt(p["training"]),
                    opt(p["years"]), post["manager"],
                    thresholds[post["team"]] if thresholds[post["team"]] is not None else ""])
    return out.getvalue()


def expected(teams, thresholds, by_id, posts):
    """The contract's figures, worked out here."""
    teams_of = {}
    for post in posts:
        teams_of.setdefault(post["person"], []).append((post["team"], post["fte"]))
    order = []
    for post in posts:  # teams in the order the sheet first names them
        if post["team"] not in order:
            order.append(post["team"])
    team_rows = []
    for t in order:
        here = [q for q in posts if q["team"] == t]
        threshold = thresholds[t] if thresholds[t] is not None else 0.5
        core = sum(1 for q in here if q["fte"] >= threshold - TOL)
        team_rows.append({
            "name": t,
            "headcount": len({q["person"] for q in here}),
            "team_fte": sum(q["fte"] for q in here),
            "core": core,
            "peripheral": len(here) - core,
            "shared_people": sum(1 for q in here if len(teams_of[q["person"]]) > 1),
        })
    counts = [len(v) for v in teams_of.values()]
    people = {"count": len(teams_of), "in_one_team": counts.count(1),
              "in_two_teams": counts.count(2),
              "in_three_or_more": sum(1 for c in counts if c >= 3)}
    disciplines = {}
    for pid, held in teams_of.items():
        d = disciplines.setdefault(by_id[pid]["discipline"], [0, 0.0, 0])
        d[0] += 1
        d[1] += sum(f for _, f in held)
        d[2] += len(held)
    discipline_rows = {name: {"people": n, "team_fte": fte, "mean_teams_per_person": k / n}
                       for name, (n, fte, k) in disciplines.items()}
    shared = {}
    for held in teams_of.values():
        for i in range(len(held)):
            for j in range(i + 1, len(held)):
                (a, fa), (b, fb) = sorted([held[i], held[j]])
                shared[(a, b)] = shared.get((a, b), 0.0) + min(fa, fb)
    return team_rows, people, discipline_rows, shared


def later(teams, by_id, posts, rng):
    """A later version of the service: some posts end (a person may leave), some people take
    a post in another team, and two people join."""
    by_id = {k: dict(v) for k, v in by_id.items()}
    kept = [dict(q) for q in posts if rng.random() > 0.15]
    held = {}
    for q in kept:
        held.setdefault(q["person"], []).append(q)
    for pid, mine in held.items():
        total = sum(q["fte"] for q in mine)
        free = [t for t in teams if t not in {q["team"] for q in mine}]
        if free and total <= 0.8 + 1e-9 and rng.random() < 0.3:
            kept.append({"person": pid, "team": rng.choice(free), "fte": 0.2, "manager": ""})
            by_id[pid]["fte"] = None  # their contract is now their posts
    for k in range(2):
        pid = f"NEW-{k}"
        by_id[pid] = {"id": pid, "name": f"Newcomer {k}", "discipline": rng.choice(DISCIPLINES),
                      "agency": rng.choice(AGENCIES), "salary": None, "leave": None,
                      "training": None, "years": None, "fte": None}
        kept.append({"person": pid, "team": rng.choice(teams), "fte": 0.5, "manager": ""})
    # A manager who left no longer manages anyone here.
    ids = {q["person"] for q in kept}
    for q in kept:
        if q["manager"] and (q["manager"] not in ids or not any(
                x["person"] == q["manager"] and x["team"] == q["team"] for x in kept)):
            q["manager"] = ""
    return by_id, kept


def check_compare(got, before, after, label):
    """`portfolio compare` JSON against the two versions' own figures and the people moving."""
    (b_teams, b_people, _, _), (a_teams, a_people, _, _) = before[0], after[0]
    teams_then = {t["name"]: t for t in b_teams}
    teams_now = {t["name"]: t for t in a_teams}
    order = [t["name"] for t in a_teams] + [t["name"] for t in b_teams if t["name"] not in teams_now]
    assert [t["name"] for t in got["teams"]] == order, (label, got["teams"])
    n = 0
    for t in got["teams"]:
        for side, want in (("before", teams_then), ("after", teams_now)):
            exp = want.get(t["name"])
            if exp is None:
                assert t[side] is None, (label, t)
                continue
            for key in ["headcount", "core", "peripheral", "shared_people"]:
                assert t[side][key] == exp[key], (label, t["name"], side, key)
            assert close(t[side]["team_fte"], exp["team_fte"]), (label, t["name"], side)
            n += 5
    teams_of = lambda posts: {q["person"]: len([x for x in posts if x["person"] == q["person"]]) for q in posts}
    was, now = teams_of(before[1]), teams_of(after[1])
    people = got["people"]
    assert people["before"] == b_people and people["after"] == a_people, (label, people)
    assert people["joined"] == len(set(now) - set(was)), (label, people)
    assert people["left"] == len(set(was) - set(now)), (label, people)
    assert people["in_more_teams"] == sum(1 for p in now if p in was and now[p] > was[p]), (label, people)
    assert people["in_fewer_teams"] == sum(1 for p in now if p in was and now[p] < was[p]), (label, people)
    return n + 12


def close(a, b):
    return abs(a - b) <= 1e-7


def check(report, want, label):
    team_rows, people, discipline_rows, shared = want
    got_teams = report["teams"]
    assert [t["name"] for t in got_teams] == [t["name"] for t in team_rows], (label, got_teams)
    n = 0
    for got, exp in zip(got_teams, team_rows):
        for key in ["headcount", "core", "peripheral", "shared_people"]:
            assert got[key] == exp[key], (label, got["name"], key, got[key], exp[key])
            n += 1
        assert close(got["team_fte"], exp["team_fte"]), (label, got, exp)
        n += 1
    assert report["people"] == people, (label, report["people"], people)
    n += 4
    got_d = {d["name"]: d for d in report["disciplines"]}
    assert set(got_d) == set(discipline_rows), (label, set(got_d), set(discipline_rows))
    for name, exp in discipline_rows.items():
        got = got_d[name]
        assert got["people"] == exp["people"], (label, name, got, exp)
        assert close(got["team_fte"], exp["team_fte"]), (label, name, got, exp)
        assert close(got["mean_teams_per_person"], exp["mean_teams_per_person"]), (label, name, got, exp)
        n += 3
    means = [d["mean_teams_per_person"] for d in report["disciplines"]]
    assert means == sorted(means, reverse=True), (label, "disciplines not most spread first", means)
    got_s = {(s["team_a"], s["team_b"]): s["fte"] for s in report["shared_fte"]}
    assert list(got_s) == sorted(got_s), (label, "pairs out of order", list(got_s))
    assert set(got_s) == set(shared), (label, set(got_s) ^ set(shared))
    for key, fte in shared.items():
        assert key[0] < key[1], key
        assert close(got_s[key], fte), (label, key, got_s[key], fte)
        n += 1
    return n


def refused(binary, work, text, label, must_name):
    path = os.path.join(work, f"{label}.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    out = os.path.join(work, f"{label}.ron")
    r = run(binary, "portfolio", "import", path, out)
    assert r.returncode == 1, (label, r.returncode, r.stdout, r.stderr)
    assert not os.path.exists(out), f"{label}: a refused sheet wrote {out}"
    for words in must_name:
        assert words in r.stderr, (label, words, r.stderr)


def main():
    binary = os.path.abspath(sys.argv[1])
    services = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    rng = random.Random(34)
    figures = posts_total = compared = 0
    with tempfile.TemporaryDirectory() as work:
        for s in range(services):
            teams, thresholds, by_id, posts = service(rng)
            text = sheet(teams, thresholds, by_id, posts, rng)
            path = os.path.join(work, f"service-{s}.csv")
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            want = expected(teams, thresholds, by_id, posts)
            r = run(binary, "portfolio", "report", path, "--format", "json")
            assert r.returncode == 0, (path, r.stderr)
            figures += check(json.loads(r.stdout), want, f"service {s} from the sheet")
            ron = os.path.join(work, f"service-{s}.ron")
            r = run(binary, "portfolio", "import", path, ron)
            assert r.returncode == 0, (path, r.stderr)
            r = run(binary, "portfolio", "report", ron, "--format", "json")
            assert r.returncode == 0, (ron, r.stderr)
            figures += check(json.loads(r.stdout), want, f"service {s} from its portfolio file")
            posts_total += len(posts)
            # A later version, compared file against file, then snapshot against file.
            later_by_id, later_posts = later(teams, by_id, posts, rng)
            later_path = os.path.join(work, f"service-{s}-later.csv")
            with open(later_path, "w", encoding="utf-8", newline="") as f:
                f.write(sheet(teams, thresholds, later_by_id, later_posts, rng))
            want_later = expected(teams, thresholds, later_by_id, later_posts)
            for older in [ron, f"{ron}#Before"]:
                if older.endswith("#Before"):
                    r = run(binary, "portfolio", "snapshot", ron, "Before")
                    assert r.returncode == 0, (ron, r.stderr)
                r = run(binary, "portfolio", "compare", older, later_path, "--format", "json")
                assert r.returncode == 0, (older, r.stderr)
                figures += check_compare(json.loads(r.stdout), (want, posts),
                                         (want_later, later_posts), f"service {s}: {older}")
            compared += 1
        # A person whose salary differs between two rows: both rows named.
        lines = [HEADER,
                 ["P1", "Ann Lee", "Social work", "County Council", "Team A", "0.5", "1", "36000", "", "", "", "", ""],
                 ["P2", "Bo Ray", "Youth work", "County Council", "Team A", "1", "", "", "", "", "", "", ""],
                 ["P1", "Ann Lee", "Social work", "County Council", "Team B", "0.5", "1", "38000", "", "", "", "", ""]]
        text = "\n".join(",".join(l) for l in lines) + "\n"
        refused(binary, work, text, "disagree", ["line 4", "salary", "line 2", "P1"])
        # Two posts for one person in one team.
        lines[3][4] = "Team A"
        lines[3][7] = "36000"
        text = "\n".join(",".join(l) for l in lines) + "\n"
        refused(binary, work, text, "twice", ["line 4", "line 2", "Team A"])
    print(f"portfolio oracle: {services} held-out services, {posts_total} posts, {figures} figures "
          "agree from the sheet and from the portfolio file, and with a later version of each "
          f"({compared} compared, file and snapshot); disagreeing rows refused, nothing written")


if __name__ == "__main__":
    main()
