#!/usr/bin/env python3
"""An independent oracle for families' feedback rounds (issue 32), written from the
contract in the issue and docs/measures.md, not from the Rust code.

For several held-out teams (made by `teamscape generate`, so none is a sample) it writes
random ESQ response sheets (three forms, answers in any case and spacing, curly and straight
apostrophes, empty cells, both date orders, a form's timestamp) and FFT sheets (answer words
or 1-5, don't know, empty) and sheets of a team's own questionnaire (a random instrument of
items on their own scales), imports them with `teamscape feedback import`, and checks every
count, share, mean score, subscale and percentage in `report --format json`, names shown and
hidden (where a figure from fewer than 5 responses must be null). It also checks that a
sheet with a misspelt answer, or an item the ESQ does not have, is refused with its line and
column and leaves the team file byte for byte as it was; and that no comment reaches the
hidden report.

Usage: python3 tests/oracle/feedback.py path/to/teamscape [teams]
"""

import csv
import json
import os
import random
import subprocess
import sys
import tempfile

MIN = 5  # the team's minimum of responses: generated teams keep the default
TOL = 1e-9
ESQ = ["certainly true", "partly true", "not true", "don't know"]
SCORE = {"certainly true": 2, "partly true": 1, "not true": 0}
# The publisher's subscales, by item number (docs/measures.md).
ENVIRONMENT = {8, 9, 10}
FFT = ["very good", "good", "neither good nor poor", "poor", "very poor", "don't know"]
FORMS = {"parent": ["Parent", "parent/carer", "PARENT"],
         "young person": ["young person", "12-18"],
         "child": ["child", "9-11"]}


def run(binary, *args, ok=True):
    out = subprocess.run([binary, *args], capture_output=True, text=True)
    if ok and out.returncode != 0:
        sys.exit(f"teamscape {' '.join(args)} failed: {out.stderr}")
    return out


def messy(rng, word):
    """The same answer as a person or a form might write it."""
    w = rng.choice([word, word.upper(), word.title(), f"  {word} "])
    if "'" in w and rng.random() < 0.5:
        w = w.replace("'", "\u2019")
    return w


def esq_sheet(rng, path, first_id):
    sizes = {"parent": rng.randint(0, 14), "young person": rng.randint(0, 9),
             "child": rng.randint(0, 6)}
    if sum(sizes.values()) == 0:
        sizes["parent"] = 3
    rows, truth, comments = [], [], []
    k = first_id
    for form, count in sizes.items():
        for _ in range(count):
            answers = []
            for _q in range(12):
                r = rng.random()
                answers.append("" if r < 0.1 else rng.choice(ESQ))
            day = rng.randint(1, 28)
            date = rng.choice([f"2026-05-{day:02d}", f"{day:02d}/05/2026",
                               f"{day}/05/2026 10:{day:02d}:00"])
            liked = f"secret comment {k} liked" if rng.random() < 0.5 else ""
            improve = f"secret comment {k} improve" if rng.random() < 0.3 else ""
            comments += [c for c in (liked, improve) if c]
            rows.append([f"ID{k}", rng.choice(FORMS[form]), date]
                        + [messy(rng, a) if a else "" for a in answers]
                        + [liked, improve, ""])
            truth.append((form, answers))
            k += 1
    rng.shuffle(rows)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["respondent", "form", "date"] + [f"q{i}" for i in range(1, 13)]
                   + ["liked", "improve", "other"])
        w.writerows(rows)
    return truth, comments


def fft_sheet(rng, path):
    n = rng.randint(1, 30)
    truth, comments, rows = [], [], []
    for k in range(n):
        r = rng.random()
        answer = "" if r < 0.08 else rng.choice(FFT)
        truth.append(answer)
        written = answer
        if answer and answer != "don't know" and rng.random() < 0.4:
            written = str(FFT.index(answer) + 1)
        comment = f"secret fft comment {k}" if rng.random() < 0.5 else ""
        if comment:
            comments.append(comment)
        rows.append([f"2026-06-{rng.randint(1, 28):02d}",
                     messy(rng, written) if written else "", comment])
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["date", "rating", "comment"])
        w.writerows(rows)
    return truth, comments


def close(a, b, what):
    if a is None or b is None:
        assert a is None and b is None, f"{what}: {a} against {b}"
    else:
        assert abs(a - b) < TOL, f"{what}: {a} against {b}"


def mean(xs):
    return sum(xs) / len(xs) if xs else None


def check_esq(round_json, truth, hidden, label):
    by_form = {}
    for form, answers in truth:
        by_form.setdefault(form, []).append(answers)
    got = [r for r in round_json if r["label"] == label]
    assert [r["form"] for r in got] == [f for f in ["parent", "young person", "child"]
                                        if f in by_form], f"{label}: forms {got}"
    checked = 0
    for r in got:
        rows = by_form[r["form"]]
        small = hidden and len(rows) < MIN
        assert r["respondents"] == (None if small else len(rows)), r["respondents"]
        # A small form's days could say who answered: withheld with its figures.
        assert (r["from"] is None) == small and (r["to"] is None) == small, r
        for q in range(12):
            given = [a[q] for a in rows if a[q]]
            counts = [given.count(x) for x in ESQ]
            scored = [SCORE[a] for a in given if a in SCORE]
            item = r["items"][q]
            assert item["item"] == q + 1
            if hidden and len(given) < MIN:
                assert all(item[k] is None for k in
                           ["n", "certainly", "partly", "not", "dont_know", "mean_score"]), item
                continue
            assert item["n"] == len(given), (label, q, item, given)
            assert [item["certainly"], item["partly"], item["not"], item["dont_know"]] == counts
            expected = mean(scored) if not (hidden and len(scored) < MIN) else None
            close(item["mean_score"], expected, f"{label} {r['form']} q{q + 1} mean")
            checked += 6
        for sub in r["subscales"]:
            items = ENVIRONMENT if sub["subscale"] == "environment" else \
                set(range(1, 13)) - ENVIRONMENT
            per = [mean([SCORE[a[q - 1]] for q in items if a[q - 1] in SCORE]) for a in rows]
            per = [p for p in per if p is not None]
            if hidden and len(per) < MIN:
                assert sub["n"] is None and sub["mean_score"] is None
                continue
            assert sub["n"] == len(per)
            close(sub["mean_score"], mean(per), f"{label} {sub['subscale']}")
            checked += 2
        assert r["percent_positive"] is None and r["percent_negative"] is None
    return checked


def check_fft(round_json, truth, hidden, label):
    got = [r for r in round_json if r["label"] == label]
    assert len(got) == 1 and got[0]["form"] is None and got[0]["items"] == []
    r = got[0]
    rated = [a for a in truth if a]
    if hidden and len(rated) < MIN:
        assert r["percent_positive"] is None and r["percent_negative"] is None
        assert r["ratings"] is None
        return 0
    positive = 100 * sum(a in ("very good", "good") for a in rated) / len(rated)
    negative = 100 * sum(a in ("poor", "very poor") for a in rated) / len(rated)
    close(r["percent_positive"], positive, f"{label} positive")
    close(r["percent_negative"], negative, f"{label} negative")
    assert r["ratings"] == len(rated)
    answers = r["answers"]
    assert [answers[k] for k in ["very_good", "good", "neither", "poor", "very_poor",
                                 "dont_know"]] == [rated.count(x) for x in FFT]
    return 9


def own_sheet(rng, folder, seed):
    """The team's own questionnaire: an instrument of 1-4 items on their own scales, and a
    sheet of answers (numbers, don't know, empty)."""
    items = []
    for k in range(rng.randint(1, 4)):
        low, high = rng.choice([(1, 5), (0, 4), (1, 7), (1, 3)])
        items.append((f"own{k}", low, high))
    instrument = os.path.join(folder, f"own-items{seed}.csv")
    with open(instrument, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "factor", "about", "reverse", "min", "max", "text"])
        for item, low, high in items:
            w.writerow([item, "service", "team", "false", low, high, f"Question {item}"])
    truth, comments, rows = [], [], []
    for k in range(rng.randint(1, 25)):
        answers = []
        for _, low, high in items:
            r = rng.random()
            answers.append("" if r < 0.1 else "don't know" if r < 0.2 else rng.randint(low, high))
        comment = f"secret own comment {seed}-{k}" if rng.random() < 0.4 else ""
        if comment:
            comments.append(comment)
        truth.append(answers)
        rows.append([f"P{k}", f"2026-07-{rng.randint(1, 28):02d}"]
                    + [messy(rng, a) if isinstance(a, str) and a else a for a in answers]
                    + [comment])
    path = os.path.join(folder, f"own{seed}.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["respondent", "date"] + [i for i, _, _ in items] + ["comment"])
        w.writerows(rows)
    return instrument, path, items, truth, comments


def check_own(round_json, truth, hidden, label, items):
    got = [r for r in round_json if r["label"] == label]
    assert len(got) == 1 and got[0]["items"] == [] and got[0]["form"] is None
    checked = 0
    for k, (item, low, high) in enumerate(items):
        j = got[0]["own_items"][k]
        assert j["item"] == item and (j["scale_min"], j["scale_max"]) == (low, high)
        given = [a[k] for a in truth if a[k] != ""]
        values = [a for a in given if a != "don't know"]
        if hidden and len(given) < MIN:
            assert j["n"] is None and j["counts"] is None and j["mean"] is None, j
            continue
        assert j["n"] == len(given)
        assert j["dont_know"] == len(given) - len(values)
        assert j["counts"] == [values.count(v) for v in range(low, high + 1)], (j, values)
        close(j["mean"], None if hidden and len(values) < MIN else mean(values),
              f"{label} {item} mean")
        checked += 4
    return checked


def check_refusals(binary, team, folder):
    before = open(team, "rb").read()
    bad = os.path.join(folder, "bad.csv")
    with open(bad, "w", encoding="utf-8") as f:
        f.write("respondent,form,date," + ",".join(f"q{i}" for i in range(1, 13)) + "\n")
        f.write("a,parent,2026-05-01," + ",".join(["certainly true"] * 12) + "\n")
        f.write("b,parent,2026-05-02," + ",".join(["certainly true"] * 5 + ["partly ture"]
                                                  + ["not true"] * 6) + "\n")
    out = run(binary, "feedback", "import", team, bad, "--kind", "esq", "--round", "Bad",
              ok=False)
    assert out.returncode == 1 and "line 3, column “q6”" in out.stderr, out.stderr
    unknown = os.path.join(folder, "unknown.csv")
    with open(unknown, "w", encoding="utf-8") as f:
        f.write("respondent,form,date,q1,q13\n")
        f.write("a,parent,2026-05-01,certainly true,not true\n")
    out = run(binary, "feedback", "import", team, unknown, "--kind", "esq", "--round", "Bad",
              ok=False)
    assert out.returncode == 1 and "line 1, column “q13”" in out.stderr, out.stderr
    assert open(team, "rb").read() == before, "a refused sheet changed the team file"


def check_team(binary, seed, folder):
    rng = random.Random(seed)
    team = os.path.join(folder, f"team{seed}.ron")
    run(binary, "generate", "--members", str(rng.randint(8, 40)), team)
    rounds = []
    for k in range(rng.randint(1, 3)):
        path = os.path.join(folder, f"esq{seed}-{k}.csv")
        truth, comments = esq_sheet(rng, path, 100 * k)
        label = f"ESQ {k}"
        run(binary, "feedback", "import", team, path, "--kind", "esq", "--round", label)
        rounds.append(("esq", label, truth, comments))
    path = os.path.join(folder, f"fft{seed}.csv")
    truth, comments = fft_sheet(rng, path)
    run(binary, "feedback", "import", team, path, "--kind", "fft", "--round", "FFT")
    rounds.append(("fft", "FFT", truth, comments))
    instrument, path, items, truth, comments = own_sheet(rng, folder, seed)
    run(binary, "feedback", "import", team, path, "--kind", "own", "--instrument", instrument,
        "--round", "Own")
    rounds.append(("own", "Own", truth, comments))
    check_refusals(binary, team, folder)
    checked = 0
    responses = sum(len(t) for _, _, t, _ in rounds)
    for hidden in (False, True):
        args = ["report", team, "--format", "json"] + (["--hide-names"] if hidden else [])
        text = run(binary, *args).stdout
        users = json.loads(text)["service_users"]
        assert users["min_responses"] == (MIN if hidden else None)
        for kind, label, truth, comments in rounds:
            if kind == "own":
                checked += check_own(users["rounds"], truth, hidden, label, items)
            else:
                check = check_esq if kind == "esq" else check_fft
                checked += check(users["rounds"], truth, hidden, label)
            if hidden:
                for c in comments:
                    assert c not in text, f"a comment reached the hidden report: {c}"
    return checked, responses


def main():
    binary = os.path.abspath(sys.argv[1])
    teams = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    total = people = 0
    with tempfile.TemporaryDirectory() as folder:
        for seed in range(1, teams + 1):
            checked, n = check_team(binary, seed, folder)
            total += checked
            people += n
    print(f"feedback oracle: {teams} held-out teams, {people} responses, {total} counts, "
          f"shares, mean scores and percentages agree; refused sheets changed nothing")


if __name__ == "__main__":
    main()
