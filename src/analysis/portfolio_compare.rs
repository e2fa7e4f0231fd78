//! The service then and now: each team's people, time, core, edge and shared people before
//! and after; how many people work in one, two, or three teams or more; and who works in
//! more or fewer teams than before. A person is matched by `person_id`. Definitions in
//! `docs/measures.md`, "Across teams".

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use serde::Serialize;

use super::portfolio::{analyse, PeopleFigures, TeamFigures};
use super::report::Format;
use crate::format::count;
use crate::model::portfolio::Portfolio;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ServiceChanges {
    pub before: String,
    pub after: String,
    /// The teams of after, in its order, then those only before.
    pub teams: Vec<TeamChange>,
    pub people: PeopleChange,
    /// Each person whose number of teams changed (joining or leaving the service counts
    /// from or to none), the most teams now first (not in the JSON: it names people).
    #[serde(skip)]
    pub movers: Vec<Mover>,
    /// What changed, in sentences that name no one (not in the JSON).
    #[serde(skip)]
    pub findings: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TeamChange {
    pub name: String,
    pub before: Option<TeamFigures>,
    pub after: Option<TeamFigures>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PeopleChange {
    pub before: PeopleFigures,
    pub after: PeopleFigures,
    /// People in after, not before; and the other way.
    pub joined: usize,
    pub left: usize,
    /// People in the service both times who work in more teams now; in fewer.
    pub in_more_teams: usize,
    pub in_fewer_teams: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Mover {
    pub name: String,
    pub discipline: String,
    /// Their teams before and after, in the order of their posts.
    pub before: Vec<String>,
    pub after: Vec<String>,
}

/// `before` and `after` compared; the labels name them ("Before the secondments", "now").
pub fn compare(before: &Portfolio, after: &Portfolio, labels: (&str, &str)) -> ServiceChanges {
    let (b, a) = (analyse(before), analyse(after));
    let mut teams: Vec<TeamChange> = a
        .teams
        .iter()
        .map(|t| TeamChange {
            name: t.name.clone(),
            before: b.teams.iter().find(|x| x.name == t.name).cloned(),
            after: Some(t.clone()),
        })
        .collect();
    for t in b
        .teams
        .iter()
        .filter(|t| a.teams.iter().all(|x| x.name != t.name))
    {
        teams.push(TeamChange {
            name: t.name.clone(),
            before: Some(t.clone()),
            after: None,
        });
    }
    let (teams_before, teams_after) = (teams_of(before), teams_of(after));
    let mut ids: Vec<&str> = teams_after.keys().copied().collect();
    ids.extend(
        teams_before
            .keys()
            .filter(|id| !teams_after.contains_key(*id)),
    );
    let mut movers = Vec::new();
    let (mut joined, mut left, mut more, mut fewer) = (0, 0, 0, 0);
    for id in ids {
        let was = teams_before.get(id).cloned().unwrap_or_default();
        let now = teams_after.get(id).cloned().unwrap_or_default();
        match (was.len(), now.len()) {
            (0, _) => joined += 1,
            (_, 0) => left += 1,
            (w, n) if n > w => more += 1,
            (w, n) if n < w => fewer += 1,
            _ => {}
        }
        if was.len() != now.len() {
            let person = after.person(id).or_else(|| before.person(id));
            movers.push(Mover {
                name: person.map(|p| p.name.clone()).unwrap_or_default(),
                discipline: person.map(|p| p.discipline.clone()).unwrap_or_default(),
                before: was,
                after: now,
            });
        }
    }
    movers.sort_by(|x, y| {
        y.after
            .len()
            .cmp(&x.after.len())
            .then_with(|| x.discipline.cmp(&y.discipline))
            .then_with(|| x.name.cmp(&y.name))
    });
    let people = PeopleChange {
        before: b.people,
        after: a.people,
        joined,
        left,
        in_more_teams: more,
        in_fewer_teams: fewer,
    };
    let findings = findings(&teams, &people, &movers, labels.0, after);
    ServiceChanges {
        before: labels.0.to_owned(),
        after: labels.1.to_owned(),
        teams,
        people,
        movers,
        findings,
    }
}

/// Each person's teams, by id, in the order of their posts.
fn teams_of(p: &Portfolio) -> BTreeMap<&str, Vec<String>> {
    let mut out: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for post in &p.posts {
        out.entry(post.person.as_str())
            .or_default()
            .push(post.team.clone());
    }
    out
}

/// Sentences naming no one: the people in two teams or more, then and now; each person now
/// in more teams, by role ("The one educational psychologist now works in 4 teams, 2 at
/// …"); each team whose shared people changed.
fn findings(
    teams: &[TeamChange],
    people: &PeopleChange,
    movers: &[Mover],
    before: &str,
    after: &Portfolio,
) -> Vec<String> {
    let mut out = Vec::new();
    let shared = |f: &PeopleFigures| f.in_two_teams + f.in_three_or_more;
    let (was, now) = (shared(&people.before), shared(&people.after));
    if was != now {
        out.push(format!(
            "{} now work in two teams or more, against {was} at “{before}”.",
            count(now, "person", "people")
        ));
    }
    let mut in_discipline: HashMap<&str, usize> = HashMap::new();
    for p in &after.people {
        *in_discipline.entry(p.discipline.as_str()).or_default() += 1;
    }
    for m in movers
        .iter()
        .filter(|m| m.after.len() > m.before.len() && !m.before.is_empty())
        .take(5)
    {
        let article = if in_discipline.get(m.discipline.as_str()) == Some(&1) {
            "The one"
        } else {
            "One"
        };
        out.push(format!(
            "{article} {} now works in {}, {} at “{before}”.",
            super::portfolio::role(&m.discipline),
            count(m.after.len(), "team", "teams"),
            m.before.len()
        ));
    }
    for t in teams {
        if let (Some(b), Some(a)) = (&t.before, &t.after) {
            if a.shared_people != b.shared_people {
                out.push(format!(
                    "{} shares {} with other teams, against {} at “{before}”.",
                    t.name,
                    count(a.shared_people, "person", "people"),
                    b.shared_people
                ));
            }
        }
    }
    out
}

/// The changes as text, Markdown or JSON. With `hide_names`, the people whose teams changed
/// are not listed (the findings name no one).
pub fn render(c: &ServiceChanges, format: Format, hide_names: bool) -> String {
    if format == Format::Json {
        return serde_json::to_string_pretty(c).unwrap_or_default();
    }
    let md = format == Format::Markdown;
    let mut s = String::new();
    let title = format!("{} against {}", c.after, c.before);
    if md {
        let _ = writeln!(s, "# {title}\n");
    } else {
        let _ = writeln!(s, "{title}\n");
    }
    let p = &c.people;
    let _ = writeln!(
        s,
        "People: {} (was {}); {} joined, {} left; {} in more teams, {} in fewer.",
        p.after.count, p.before.count, p.joined, p.left, p.in_more_teams, p.in_fewer_teams
    );
    let _ = writeln!(
        s,
        "In one / two / three or more teams: {} / {} / {} (was {} / {} / {}).\n",
        p.after.in_one_team,
        p.after.in_two_teams,
        p.after.in_three_or_more,
        p.before.in_one_team,
        p.before.in_two_teams,
        p.before.in_three_or_more
    );
    if md {
        let _ = writeln!(
            s,
            "| Team | People | FTE | Core | Edge | Shared |\n|---|---:|---:|---:|---:|---:|"
        );
    } else {
        let _ = writeln!(s, "Teams (before → after): people, FTE, core, edge, shared");
    }
    for t in &c.teams {
        let cell = |f: fn(&TeamFigures) -> String| {
            format!(
                "{} → {}",
                t.before.as_ref().map_or_else(|| "–".to_owned(), f),
                t.after.as_ref().map_or_else(|| "–".to_owned(), f)
            )
        };
        let cells = [
            cell(|x| x.headcount.to_string()),
            cell(|x| format!("{:.2}", x.team_fte)),
            cell(|x| x.core.to_string()),
            cell(|x| x.peripheral.to_string()),
            cell(|x| x.shared_people.to_string()),
        ];
        if md {
            let _ = writeln!(s, "| {} | {} |", t.name, cells.join(" | "));
        } else {
            let _ = writeln!(s, "  {}: {}", t.name, cells.join(", "));
        }
    }
    if !c.findings.is_empty() {
        let _ = writeln!(s, "\n{}", if md { "## Findings\n" } else { "Findings:" });
        for f in &c.findings {
            let _ = writeln!(s, "{} {f}", if md { "-" } else { " -" });
        }
    }
    if !hide_names && !c.movers.is_empty() {
        let _ = writeln!(
            s,
            "\n{}",
            if md {
                "## Whose teams changed\n"
            } else {
                "Whose teams changed:"
            }
        );
        for m in &c.movers {
            let _ = writeln!(
                s,
                "{} {} ({}): {} → {}",
                if md { "-" } else { " -" },
                m.name,
                m.discipline,
                teams_text(&m.before),
                teams_text(&m.after)
            );
        }
    }
    s
}

/// A person's teams in a sentence: "none", or the names.
pub fn teams_text(teams: &[String]) -> String {
    if teams.is_empty() {
        "none".to_owned()
    } else {
        teams.join(", ")
    }
}
