//! The service across its teams: each team's people, time, core and edge counted from its
//! posts; how many teams each person works in; how thinly each discipline is spread; and the
//! time each pair of teams shares. Definitions in `docs/measures.md`, "Across teams".

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use serde::Serialize;

use super::report::Format;
use crate::format::count;
use crate::model::portfolio::{Portfolio, Post};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ServiceFigures {
    #[serde(skip)]
    pub name: String,
    pub teams: Vec<TeamFigures>,
    pub people: PeopleFigures,
    pub disciplines: Vec<DisciplineSpread>,
    pub shared_fte: Vec<SharedFte>,
    /// People in three teams or more, by name, with their teams (never in the JSON, and not
    /// shown with names hidden).
    #[serde(skip)]
    pub widest: Vec<(String, String, Vec<String>)>,
    /// What the figures say across teams, in sentences that name no one (not in the JSON,
    /// whose keys are the contract).
    #[serde(skip)]
    pub findings: Vec<String>,
    /// The employers across the partnership, the most time first (not in the JSON).
    #[serde(skip)]
    pub employers: Vec<EmployerShare>,
    /// Each team's employers, in the order of `teams`, the most time first.
    #[serde(skip)]
    pub team_employers: Vec<Vec<EmployerShare>>,
}

/// An agency's people and time in a team or across the service.
#[derive(Clone, Debug, PartialEq)]
pub struct EmployerShare {
    pub agency: String,
    /// Its distinct people.
    pub people: usize,
    /// Their FTE in teams, summed.
    pub fte: f64,
}

/// Employers of the given posts: distinct people and FTE per agency, the most time first
/// (ties by name).
fn employers<'a>(
    posts: impl Iterator<Item = &'a Post>,
    agency_of: &HashMap<&str, &str>,
) -> Vec<EmployerShare> {
    let mut by: BTreeMap<&str, (std::collections::HashSet<&str>, f64)> = BTreeMap::new();
    for post in posts {
        let agency = agency_of.get(post.person.as_str()).copied().unwrap_or("");
        let e = by.entry(agency).or_default();
        e.0.insert(post.person.as_str());
        e.1 += post.fte;
    }
    let mut out: Vec<EmployerShare> = by
        .into_iter()
        .map(|(agency, (people, fte))| EmployerShare {
            agency: agency.to_owned(),
            people: people.len(),
            fte,
        })
        .collect();
    out.sort_by(|a, b| b.fte.total_cmp(&a.fte));
    out
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TeamFigures {
    pub name: String,
    /// Its distinct people.
    pub headcount: usize,
    /// Their FTE in this team, summed.
    pub team_fte: f64,
    /// Those whose FTE here reaches the team's core threshold.
    pub core: usize,
    pub peripheral: usize,
    /// Those who also hold a post in another team.
    pub shared_people: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PeopleFigures {
    pub count: usize,
    pub in_one_team: usize,
    pub in_two_teams: usize,
    pub in_three_or_more: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DisciplineSpread {
    pub name: String,
    /// Its distinct people.
    pub people: usize,
    /// Their FTE over all their posts in all teams.
    pub team_fte: f64,
    /// The mean number of teams its people work in.
    pub mean_teams_per_person: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SharedFte {
    /// The pair of teams, `team_a` before `team_b` by name.
    pub team_a: String,
    pub team_b: String,
    /// Over the people in both, the smaller of their two FTEs, summed.
    pub fte: f64,
}

/// The service's figures.
pub fn analyse(p: &Portfolio) -> ServiceFigures {
    // Each team's posts, gathered once: scanning every post for each of 50 teams, three
    // times over, was most of the time at service scale.
    let mut by_team: HashMap<&str, Vec<&Post>> = HashMap::new();
    for post in &p.posts {
        by_team.entry(post.team.as_str()).or_default().push(post);
    }
    let posts_in = |team: &str| by_team.get(team).into_iter().flatten().copied();
    // Each person's posts: (team, FTE in it), in the order of the posts.
    let mut posts_of: HashMap<&str, Vec<(&str, f64)>> = HashMap::new();
    for post in &p.posts {
        posts_of
            .entry(post.person.as_str())
            .or_default()
            .push((post.team.as_str(), post.fte));
    }
    let teams: Vec<TeamFigures> = p
        .teams
        .iter()
        .map(|team| {
            let mut f = TeamFigures {
                name: team.name.clone(),
                headcount: 0,
                team_fte: 0.0,
                core: 0,
                peripheral: 0,
                shared_people: 0,
            };
            for post in posts_in(&team.name) {
                f.headcount += 1;
                f.team_fte += post.fte;
                if post.is_core(team.core_threshold) {
                    f.core += 1;
                } else {
                    f.peripheral += 1;
                }
                if posts_of
                    .get(post.person.as_str())
                    .is_some_and(|v| v.len() > 1)
                {
                    f.shared_people += 1;
                }
            }
            f
        })
        .collect();
    let mut people = PeopleFigures {
        count: 0,
        in_one_team: 0,
        in_two_teams: 0,
        in_three_or_more: 0,
    };
    // Discipline name → (people, FTE, teams over its people).
    let mut spread: BTreeMap<&str, (usize, f64, usize)> = BTreeMap::new();
    let mut widest = Vec::new();
    for person in &p.people {
        let Some(posts) = posts_of.get(person.id.as_str()) else {
            continue;
        };
        people.count += 1;
        match posts.len() {
            1 => people.in_one_team += 1,
            2 => people.in_two_teams += 1,
            _ => {
                people.in_three_or_more += 1;
                let teams = posts.iter().map(|(t, _)| (*t).to_owned()).collect();
                widest.push((person.name.clone(), person.discipline.clone(), teams));
            }
        }
        let d = spread.entry(person.discipline.as_str()).or_default();
        d.0 += 1;
        d.1 += posts.iter().map(|(_, fte)| fte).sum::<f64>();
        d.2 += posts.len();
    }
    let mut disciplines: Vec<DisciplineSpread> = spread
        .into_iter()
        .map(|(name, (n, fte, teams))| DisciplineSpread {
            name: name.to_owned(),
            people: n,
            team_fte: fte,
            mean_teams_per_person: teams as f64 / n as f64,
        })
        .collect();
    // The most thinly spread first; ties by name (the map's order, kept by a stable sort).
    disciplines.sort_by(|a, b| b.mean_teams_per_person.total_cmp(&a.mean_teams_per_person));
    let mut findings = findings(p, &teams, &disciplines, &by_team);
    let agency_of: HashMap<&str, &str> = p
        .people
        .iter()
        .map(|q| (q.id.as_str(), q.agency.as_str()))
        .collect();
    let service_employers = employers(p.posts.iter(), &agency_of);
    let team_employers: Vec<Vec<EmployerShare>> = p
        .teams
        .iter()
        .map(|t| employers(posts_in(&t.name), &agency_of))
        .collect();
    findings.extend(dominance(&service_employers));
    ServiceFigures {
        name: p.name.clone(),
        teams,
        people,
        disciplines,
        shared_fte: shared_fte(&posts_of),
        widest,
        findings,
        employers: service_employers,
        team_employers,
    }
}

/// Where one employer holds more than half of the service's time in teams: the research's
/// warning that some agencies dominate a partnership.
fn dominance(employers: &[EmployerShare]) -> Option<String> {
    let total: f64 = employers.iter().map(|e| e.fte).sum();
    let top = employers.first()?;
    (employers.len() > 1 && top.fte * 2.0 > total).then(|| {
        format!(
            "{} employs {:.0}% of the service's time in teams ({:.1} of {:.1} FTE).",
            top.agency,
            100.0 * top.fte / total,
            top.fte,
            total
        )
    })
}

/// Disciplines with people in three teams or more that get a sentence each.
const MAX_WIDE_FINDINGS: usize = 5;

/// The edge the research describes, in sentences: people in three teams or more and how
/// many of those teams they are on the edge of; teams whose edge is mostly people shared
/// with other teams. A person is described by discipline, never by name.
fn findings(
    p: &Portfolio,
    teams: &[TeamFigures],
    disciplines: &[DisciplineSpread],
    by_team: &HashMap<&str, Vec<&Post>>,
) -> Vec<String> {
    let threshold = p.thresholds();
    let posts_of = p.posts_by_person();
    let edge =
        |post: &Post| !post.is_core(threshold.get(post.team.as_str()).copied().unwrap_or(0.5));
    // Discipline → (teams, teams on the edge of) of each person in three teams or more.
    let mut wide: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    for person in &p.people {
        let Some(posts) = posts_of.get(person.id.as_str()) else {
            continue;
        };
        if posts.len() >= 3 {
            let on_edge = posts.iter().filter(|post| edge(post)).count();
            wide.entry(person.discipline.as_str())
                .or_default()
                .push((posts.len(), on_edge));
        }
    }
    let mut wide: Vec<(&str, Vec<(usize, usize)>)> = wide.into_iter().collect();
    // The most people first; a stable sort keeps ties by name.
    wide.sort_by_key(|(_, people)| std::cmp::Reverse(people.len()));
    let mut out = Vec::new();
    for (discipline, people) in wide.iter().take(MAX_WIDE_FINDINGS) {
        let sentence = match people.as_slice() {
            [(n, on_edge)] => {
                let of_them = match *on_edge {
                    0 => "core in all of them".to_owned(),
                    e if e == *n => "on the edge of all of them".to_owned(),
                    e => format!("on the edge of {e} of them"),
                };
                let only = disciplines
                    .iter()
                    .any(|d| d.name == *discipline && d.people == 1);
                let who = if only { "The one" } else { "One" };
                format!(
                    "{who} {} works in {n} teams and is {of_them}.",
                    role(discipline)
                )
            }
            many => {
                let everywhere = many.iter().filter(|(n, e)| n == e).count();
                format!(
                    "{discipline}: {} people work in three teams or more, {everywhere} of them on the edge of every one.",
                    many.len()
                )
            }
        };
        out.push(sentence);
    }
    if wide.len() > MAX_WIDE_FINDINGS {
        out.push(format!(
            "People in {} other disciplines work in three teams or more too.",
            wide.len() - MAX_WIDE_FINDINGS
        ));
    }
    // Teams whose edge is mostly people shared with other teams.
    let mut borrowed = Vec::new();
    for t in teams {
        let edge_shared = by_team
            .get(t.name.as_str())
            .into_iter()
            .flatten()
            .filter(|post| {
                edge(post)
                    && posts_of
                        .get(post.person.as_str())
                        .is_some_and(|v| v.len() > 1)
            })
            .count();
        if t.peripheral >= 2 && edge_shared * 2 > t.peripheral {
            borrowed.push((t.name.as_str(), edge_shared, t.peripheral));
        }
    }
    match borrowed.as_slice() {
        [] => {}
        few if few.len() <= 3 => {
            for (name, shared, edge) in few {
                out.push(format!(
                    "Most of {name}'s edge ({shared} of {edge}) is people who also work in other teams."
                ));
            }
        }
        many => {
            let names: Vec<&str> = many.iter().take(5).map(|(n, _, _)| *n).collect();
            out.push(format!(
                "In {} of {} teams most of the edge is people who also work in other teams: {}{}.",
                many.len(),
                teams.len(),
                names.join(", "),
                if many.len() > 5 { " and others" } else { "" }
            ));
        }
    }
    out
}

/// A discipline's practitioner, for a sentence: "Educational psychology" → "educational
/// psychology practitioner" would be stilted, so the discipline is named as a role.
pub(crate) fn role(discipline: &str) -> String {
    let lower = discipline.to_lowercase();
    match lower.as_str() {
        "educational psychology" => "educational psychologist".to_owned(),
        "clinical psychology" => "clinical psychologist".to_owned(),
        "speech and language therapy" => "speech and language therapist".to_owned(),
        "occupational therapy" => "occupational therapist".to_owned(),
        "physiotherapy" => "physiotherapist".to_owned(),
        "social work" => "social worker".to_owned(),
        "family therapy" => "family therapist".to_owned(),
        _ => format!("person in {lower}"),
    }
}

/// Each pair of teams that share a person, with the smaller of each shared person's two
/// FTEs summed, in order of the pair's names.
fn shared_fte(posts_of: &HashMap<&str, Vec<(&str, f64)>>) -> Vec<SharedFte> {
    let mut pairs: BTreeMap<(&str, &str), f64> = BTreeMap::new();
    for posts in posts_of.values() {
        for (i, (a, fte_a)) in posts.iter().enumerate() {
            for (b, fte_b) in &posts[i + 1..] {
                let key = if a <= b { (*a, *b) } else { (*b, *a) };
                *pairs.entry(key).or_default() += fte_a.min(*fte_b);
            }
        }
    }
    pairs
        .into_iter()
        .map(|((a, b), fte)| SharedFte {
            team_a: a.to_owned(),
            team_b: b.to_owned(),
            fte,
        })
        .collect()
}

/// The figures as text, Markdown or JSON (the contract in `docs/measures.md`). With
/// `hide_names`, no person is named (the JSON names nobody either way).
pub fn render(f: &ServiceFigures, format: Format, hide_names: bool) -> String {
    match format {
        Format::Json => {
            serde_json::to_string_pretty(f).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
        }
        Format::Text | Format::Markdown => words(f, format == Format::Markdown, hide_names),
    }
}

fn words(f: &ServiceFigures, md: bool, hide_names: bool) -> String {
    let mut out = String::new();
    let heading = |out: &mut String, text: &str| {
        let _ = if md {
            writeln!(out, "\n## {text}\n")
        } else {
            writeln!(out, "\n{text}")
        };
    };
    let _ = writeln!(
        out,
        "{}{}: {} teams, {} people",
        if md { "# " } else { "" },
        f.name,
        f.teams.len(),
        f.people.count
    );
    let _ = writeln!(
        out,
        "{}{} in one team, {} in two, {} in three or more.",
        if md { "\n" } else { "" },
        f.people.in_one_team,
        f.people.in_two_teams,
        f.people.in_three_or_more
    );
    if !f.findings.is_empty() {
        heading(&mut out, "Findings");
        for finding in &f.findings {
            let _ = writeln!(out, "{}{finding}", if md { "- " } else { "  " });
        }
    }
    heading(&mut out, "Teams");
    for t in &f.teams {
        let _ = writeln!(
            out,
            "{}{}: {}, {:.2} FTE; {} core, {} on the edge; {} shared with other teams",
            if md { "- " } else { "  " },
            t.name,
            count(t.headcount, "person", "people"),
            t.team_fte,
            t.core,
            t.peripheral,
            t.shared_people
        );
    }
    heading(&mut out, "Disciplines, most thinly spread first");
    for d in &f.disciplines {
        let _ = writeln!(
            out,
            "{}{}: {}, {:.2} FTE in all, {:.2} teams each on average",
            if md { "- " } else { "  " },
            d.name,
            count(d.people, "person", "people"),
            d.team_fte,
            d.mean_teams_per_person
        );
    }
    heading(&mut out, "Employers, the most time first");
    let total: f64 = f.employers.iter().map(|e| e.fte).sum();
    for e in &f.employers {
        let _ = writeln!(
            out,
            "{}{}: {}, {:.2} FTE ({:.0}%)",
            if md { "- " } else { "  " },
            e.agency,
            count(e.people, "person", "people"),
            e.fte,
            100.0 * e.fte / total.max(f64::MIN_POSITIVE)
        );
    }
    heading(&mut out, "Each team's largest employer");
    for (t, employers) in f.teams.iter().zip(&f.team_employers) {
        if let Some(top) = employers.first() {
            let _ = writeln!(
                out,
                "{}{}: {} ({:.0}% of its FTE; {} employers in all)",
                if md { "- " } else { "  " },
                t.name,
                top.agency,
                100.0 * top.fte / t.team_fte.max(f64::MIN_POSITIVE),
                employers.len()
            );
        }
    }
    heading(&mut out, "Time the teams share");
    if f.shared_fte.is_empty() {
        let _ = writeln!(
            out,
            "{}No one works in two teams.",
            if md { "" } else { "  " }
        );
    }
    for s in &f.shared_fte {
        let _ = writeln!(
            out,
            "{}{} and {}: {:.2} FTE",
            if md { "- " } else { "  " },
            s.team_a,
            s.team_b,
            s.fte
        );
    }
    if !hide_names && !f.widest.is_empty() {
        heading(&mut out, "People in three teams or more");
        for (name, discipline, teams) in &f.widest {
            let _ = writeln!(
                out,
                "{}{name} ({discipline}): {}",
                if md { "- " } else { "  " },
                teams.join(", ")
            );
        }
    }
    out
}

/// The sums each team's own workshop may show of the service's people (by member of the
/// service as one team): the team's people as that team's room sees them, at its own
/// minimum group, with its own core and edge. The service's figures are checked against
/// these, so that no team's figures less the service's give anyone away.
pub fn team_sums(
    p: &Portfolio,
    whole: &crate::model::portfolio_team::ServiceAsTeam,
    group_by: crate::model::families::GroupBy,
) -> Vec<super::Known> {
    use crate::model::Membership;
    let mut out = Vec::new();
    for st in &p.teams {
        let posts: std::collections::HashMap<&str, &crate::model::portfolio::Post> = p
            .posts_in(&st.name)
            .map(|post| (post.person.as_str(), post))
            .collect();
        let mut team = whole.team.clone();
        team.members.retain_mut(|m| {
            let Some(post) = whole
                .person_of
                .get(&m.id)
                .and_then(|&i| posts.get(p.people[i].id.as_str()))
            else {
                return false;
            };
            m.membership = if post.is_core(st.core_threshold) {
                Membership::Core
            } else {
                Membership::Peripheral
            };
            true
        });
        if team.members.is_empty() {
            continue;
        }
        let min = st
            .settings
            .as_ref()
            .map_or(crate::model::team::DEFAULT_MIN_GROUP_SIZE, |t| {
                t.min_group_size
            });
        let room = crate::model::presentation::for_the_room(&team, min, group_by);
        out.extend(super::shown_sums(&room, min));
    }
    out
}
