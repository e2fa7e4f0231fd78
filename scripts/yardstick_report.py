#!/usr/bin/env python3
"""A speed yardstick for `teamscape report` on a members sheet: the same core figures
(per discipline: headcount, FTE in the team, mean and median salary, leave, training days,
autonomy, the conditions index; core and periphery; pay quartiles; the Gini coefficient; the
rank correlation between conditions and time in team) worked out with numpy and scipy, as an
analyst would script them. It is not an oracle (tests/oracle/ holds those): it only sets the
time a scripted analysis takes beside Teamscape's (BENCHMARKS.md, issue 33).

    python3 scripts/yardstick_report.py MEMBERS.csv
"""
import csv
import json
import sys

import warnings

import numpy as np
from scipy import stats

# Disciplines without leave (teachers) have an empty mean, as Teamscape reports n/a.
warnings.simplefilter("ignore", RuntimeWarning)
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")))


def column(name, default=np.nan):
    return np.array([float(r[name]) if r.get(name, "").strip() else default for r in rows])


discipline = np.array([r["discipline"] for r in rows])
salary = column("salary")
fte = column("fte", 1.0)
share = column("team_share", 1.0)
leave = column("leave_days")
training = column("training_days")
autonomy = column("autonomy")
in_team = fte * share
core = in_team >= 0.5


def percentile_ranks(v):
    out = np.full(v.shape, np.nan)
    ok = ~np.isnan(v)
    out[ok] = (stats.rankdata(v[ok]) - 1) / max(ok.sum() - 1, 1)
    return out


conditions = np.nanmean(
    np.vstack([percentile_ranks(v) for v in (salary, leave, training, autonomy)]), axis=0
)
report = {"headcount": len(rows), "team_fte": float(in_team.sum()), "disciplines": []}
names = np.unique(discipline)
index_by_discipline, time_by_discipline = [], []
for name in names:
    m = discipline == name
    figures = {
        "name": str(name),
        "headcount": int(m.sum()),
        "team_fte": float(in_team[m].sum()),
        "mean_salary": float(np.nanmean(salary[m])),
        "median_salary": float(np.nanmedian(salary[m])),
        "mean_leave": float(np.nanmean(leave[m])),
        "mean_training": float(np.nanmean(training[m])),
        "mean_autonomy": float(np.nanmean(autonomy[m])),
        "conditions_index": float(np.nanmean(conditions[m])),
    }
    report["disciplines"].append(figures)
    index_by_discipline.append(figures["conditions_index"])
    time_by_discipline.append(float(np.mean(in_team[m])))
paid = np.sort(salary[~np.isnan(salary)])
report["quartiles"] = [float(q) for q in np.percentile(paid, [25, 50, 75])]
cumulative = np.cumsum(paid)
report["gini"] = float(1 - 2 * np.sum(cumulative) / (len(paid) * cumulative[-1]) + 1 / len(paid))
report["core"] = {"headcount": int(core.sum()), "mean_salary": float(np.nanmean(salary[core]))}
report["peripheral"] = {
    "headcount": int((~core).sum()),
    "mean_salary": float(np.nanmean(salary[~core])) if (~core).any() else None,
}
rho, p = stats.spearmanr(index_by_discipline, time_by_discipline)
report["conditions_vs_time_in_team"] = {"rho": float(rho), "p": float(p)}
json.dump(report, sys.stdout, indent=2)
print()
