//! The comparison's findings in words: who joined, left or moved between the core and the
//! edge, and which disciplines' figures moved, said only where the data carries it.

use super::{
    count, key, money, Comparison, DisciplineChange, Lookup, MemberRef, Summary, AUTONOMY_STEP,
    DAYS_STEP, FTE_STEP, PAY_STEP,
};

fn number_word(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

pub(super) fn fte(v: f64) -> String {
    format!("{v:.1}")
}

fn names(list: &[&MemberRef]) -> String {
    let names: Vec<&str> = list.iter().map(|m| m.name.as_str()).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., final_name] => format!("{} and {final_name}", rest.join(", ")),
    }
}

/// The findings of change, in the order a workshop reads them: the team, who came and went,
/// who moved between the core and the edge, then each discipline's figures.
pub(super) fn findings(c: &Comparison, new: &Lookup) -> Vec<String> {
    let hidden = c.names_hidden();
    let mut out = Vec::new();
    out.push(format!(
        "The team went from {} ({} FTE) to {} ({} FTE).",
        count(c.old.headcount, "member", "members"),
        fte(c.old.team_fte),
        count(c.new.headcount, "member", "members"),
        fte(c.new.team_fte),
    ));
    if hidden {
        if !c.added.is_empty() || !c.removed.is_empty() {
            out.push(format!(
                "{} joined and {} left.",
                count(c.added.len(), "member", "members"),
                c.removed.len()
            ));
        }
    } else {
        let who = |list: &[MemberRef]| {
            list.iter()
                .map(|m| format!("{} ({})", m.name, m.discipline))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !c.added.is_empty() {
            out.push(format!("Joined: {}.", who(&c.added)));
        }
        if !c.removed.is_empty() {
            out.push(format!("Left: {}.", who(&c.removed)));
        }
    }
    for (list, direction) in [
        (&c.moved_to_core, "from the edge to the core"),
        (&c.moved_to_periphery, "from the core to the edge"),
    ] {
        out.extend(move_findings(c, list, direction, new));
    }
    for d in &c.disciplines {
        match (&d.old, &d.new) {
            (None, Some(n)) => out.push(format!(
                "{} is new to the team ({}).",
                d.name,
                count(n.headcount, "member", "members")
            )),
            (Some(_), None) => out.push(format!("The team no longer has anyone in {}.", d.name)),
            _ if c.comparable(d) => {
                let of_d = |list: &[MemberRef]| {
                    list.iter()
                        .filter(|m| key(&m.discipline) == key(&d.name))
                        .count()
                };
                let churn = (of_d(&c.added), of_d(&c.removed));
                out.extend(discipline_findings(d, hidden, churn));
            }
            _ => {}
        }
    }
    let share = |s: &Summary| {
        (s.headcount > 0).then(|| (s.core as f64 / s.headcount as f64 * 100.0).round())
    };
    if let (Some(a), Some(b)) = (share(&c.old), share(&c.new)) {
        if (a - b).abs() >= 1.0 {
            out.push(format!(
                "The share of members in the core went from {a:.0}% to {b:.0}%."
            ));
        }
    }
    if out.len() == 1 && c.is_unchanged() {
        out.push("Nothing else that the comparison measures changed.".to_owned());
    }
    out
}

/// "Two seconded members of Social work moved from the edge to the core: A and B." Grouped
/// by discipline; with names hidden, only disciplines shown in both versions are named.
fn move_findings(c: &Comparison, list: &[MemberRef], direction: &str, new: &Lookup) -> Vec<String> {
    if list.is_empty() {
        return Vec::new();
    }
    let mut by_discipline: std::collections::BTreeMap<&str, Vec<&MemberRef>> =
        std::collections::BTreeMap::new();
    for m in list {
        by_discipline.entry(&m.discipline).or_default().push(m);
    }
    let shown = |name: &str| {
        c.disciplines
            .iter()
            .find(|d| key(&d.name) == key(name))
            .is_some_and(|d| c.comparable(d))
    };
    let mut out = Vec::new();
    let mut unnamed = 0;
    for (discipline, members) in by_discipline {
        if c.names_hidden() && !shown(discipline) {
            unnamed += members.len();
            continue;
        }
        let contracts: Vec<_> = members
            .iter()
            .filter_map(|m| new.member(m.id).map(|x| x.contract))
            .collect();
        let kind = match contracts.first() {
            Some(first)
                if contracts.iter().all(|k| k == first)
                    && *first != crate::model::Contract::Permanent =>
            {
                let word = match first {
                    crate::model::Contract::Secondment => "seconded",
                    other => other.label(),
                };
                format!("{word} ")
            }
            _ => String::new(),
        };
        let n = members.len();
        let subject = format!(
            "{} {kind}{} of {discipline}",
            number_word(n),
            if n == 1 { "member" } else { "members" }
        );
        if c.names_hidden() {
            out.push(format!("{subject} moved {direction}."));
        } else {
            out.push(format!("{subject} moved {direction}: {}.", names(&members)));
        }
    }
    if unnamed > 0 {
        out.push(format!(
            "{} moved {direction}.",
            if out.is_empty() {
                count(unnamed, "member", "members")
            } else {
                format!(
                    "{} in other disciplines",
                    count(unnamed, "member", "members")
                )
            }
        ));
    }
    out
}

/// `churn`: how many joined and left the discipline. A figure over a group whose members
/// changed says so, since it may have moved with who is in the group, not with anyone's
/// conditions.
fn discipline_findings(
    d: &DisciplineChange,
    hidden: bool,
    (joined, left): (usize, usize),
) -> Vec<String> {
    let mut out = Vec::new();
    let rose = |change: f64| if change > 0.0 { "rose" } else { "fell" };
    let with = match (joined, left) {
        (0, 0) => String::new(),
        (j, 0) => format!(", with {j} joining"),
        (0, l) => format!(", with {l} leaving"),
        (j, l) => format!(", with {j} joining and {l} leaving"),
    };
    let (Some(o), Some(n)) = (&d.old, &d.new) else {
        return out;
    };
    if let (Some(a), Some(b)) = (o.team_fte, n.team_fte) {
        if (b - a).abs() >= FTE_STEP - 1e-9 {
            out.push(format!(
                "{}'s time in the team {} from {} to {} FTE.",
                d.name,
                rose(b - a),
                fte(a),
                fte(b)
            ));
        }
    }
    if let (Some(a), Some(b)) = (o.central_salary(hidden), n.central_salary(hidden)) {
        if a > 0.0 && ((b - a) / a).abs() >= PAY_STEP {
            out.push(format!(
                "{} full-time pay in {} {} from {} to {}{with}.",
                if hidden { "Mean" } else { "Median" },
                d.name,
                rose(b - a),
                money(a),
                money(b)
            ));
        }
    }
    for (what, a, b, step) in [
        ("leave", o.mean_leave_days, n.mean_leave_days, DAYS_STEP),
        (
            "training",
            o.mean_training_days,
            n.mean_training_days,
            DAYS_STEP,
        ),
    ] {
        if let (Some(a), Some(b)) = (a, b) {
            if (b - a).abs() >= step {
                out.push(format!(
                    "Mean {what} in {} {} from {a:.1} to {b:.1} days a year{with}.",
                    d.name,
                    rose(b - a)
                ));
            }
        }
    }
    if let (Some(a), Some(b)) = (o.mean_autonomy, n.mean_autonomy) {
        if (b - a).abs() >= AUTONOMY_STEP {
            out.push(format!(
                "Mean autonomy in {} {} from {a:.1} to {b:.1} on the 1–5 scale{with}.",
                d.name,
                rose(b - a)
            ));
        }
    }
    out
}
