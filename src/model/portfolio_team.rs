//! A team file in and out of a portfolio. A team is added as posts of people the portfolio
//! may already hold, matched by name and discipline, with a question where unsure; any team
//! of a portfolio can be taken out as a team file again, and a team put in comes out as it
//! went in (the sample teams are tested for it).

use std::collections::{HashMap, HashSet};

use super::portfolio::{Person, Portfolio, Post, PostRecord, ServiceTeam};
use super::team::{LineManager, Member, MemberId, Membership, Pay, Team};

/// Salaries this close are the same figure (a pay point read back from a scale).
const SAME_SALARY: f64 = 0.5;

/// What a member of a team being added is, where the portfolio may already hold them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// This person of the portfolio (a `person_id`).
    Same(String),
    /// Someone the portfolio does not hold yet, whoever shares their name.
    Separate,
}

/// A member who may or may not be a person the portfolio holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    pub member: String,
    pub discipline: String,
    pub agency: String,
    /// The people of that name: their `person_id` and who they are.
    pub candidates: Vec<(String, String)>,
}

#[derive(Debug, PartialEq)]
pub enum AddError {
    /// The team cannot be added as it is; the text says why and what to do.
    Refused(String),
    /// Members who may be people the portfolio already holds: answer each by name.
    Questions(Vec<Question>),
}

/// A portfolio with a team added.
#[derive(Debug)]
pub struct Added {
    pub portfolio: Portfolio,
    /// Who was matched to a person already held, and each fact on which the team file and
    /// the portfolio disagree (the portfolio's is kept).
    pub notices: Vec<String>,
}

fn key(text: &str) -> String {
    text.trim().to_lowercase()
}

/// A portfolio of one team: the team file as a service of its own.
pub fn from_team(team: &Team) -> Result<Portfolio, AddError> {
    let empty = Portfolio {
        name: team.name.clone(),
        ..Portfolio::default()
    };
    add_team(&empty, team, &HashMap::<String, Answer>::new()).map(|added| added.portfolio)
}

/// Add a team file's members to a portfolio as posts in a new team. A member is the person
/// the portfolio holds with the same name, discipline and employer; one whose name is held
/// with another discipline or employer, or by several people, is a [`Question`] unless
/// `answers` (keyed by the member's name, any case) says who they are.
pub fn add_team<S: std::hash::BuildHasher>(
    p: &Portfolio,
    team: &Team,
    answers: &HashMap<String, Answer, S>,
) -> Result<Added, AddError> {
    if p.team(&team.name).is_some() {
        return Err(AddError::Refused(format!(
            "the portfolio already has a team called “{}”: rename one of them first",
            team.name
        )));
    }
    let mut out = p.clone();
    let mut notices = Vec::new();
    let mut questions = Vec::new();
    // Member id → person_id, for line managers inside the team.
    let mut person_of: HashMap<MemberId, String> = HashMap::new();
    let mut taken: HashSet<String> = out.people.iter().map(|p| p.id.clone()).collect();
    let discipline = |m: &Member| {
        team.discipline(m.discipline)
            .map_or_else(String::new, |d| d.name.clone())
    };
    let agency = |m: &Member| {
        team.agency(m.agency)
            .map_or_else(String::new, |a| a.name.clone())
    };
    for m in &team.members {
        let (d, a) = (discipline(m), agency(m));
        let found = match answers.get(&key(&m.name)) {
            Some(Answer::Same(id)) => match p.person(id) {
                Some(person) => Some(person.id.clone()),
                None => {
                    return Err(AddError::Refused(format!(
                        "{} is answered as the person_id {id}, whom the portfolio does not hold",
                        m.name
                    )))
                }
            },
            Some(Answer::Separate) => None,
            None => {
                let named: Vec<&Person> = p
                    .people
                    .iter()
                    .filter(|q| key(&q.name) == key(&m.name))
                    .collect();
                match named.as_slice() {
                    [] => None,
                    [q] if key(&q.discipline) == key(&d) && key(&q.agency) == key(&a) => {
                        Some(q.id.clone())
                    }
                    _ => {
                        questions.push(Question {
                            member: m.name.clone(),
                            discipline: d.clone(),
                            agency: a.clone(),
                            candidates: named.iter().map(|q| (q.id.clone(), who(p, q))).collect(),
                        });
                        continue;
                    }
                }
            }
        };
        let facts = person_facts(team, m, &d, &a);
        let id = if let Some(id) = found {
            if person_of.values().any(|v| *v == id) {
                return Err(AddError::Refused(format!(
                        "two members of {} are the person_id {id}: answer that one of them is someone else",
                        team.name
                    )));
            }
            if let Some(held) = out.people.iter_mut().find(|q| q.id == id) {
                notices.extend(reconcile(held, &facts));
            }
            notices.push(format!(
                "{} is the person_id {id}, who already works in {}",
                m.name,
                teams_of(p, &id).join(", ")
            ));
            id
        } else {
            let id = fresh_id(&team.name, m.id, &taken);
            taken.insert(id.clone());
            out.people.push(Person {
                id: id.clone(),
                ..facts
            });
            id
        };
        person_of.insert(m.id, id);
    }
    if !questions.is_empty() {
        return Err(AddError::Questions(questions));
    }
    for m in &team.members {
        let Some(person) = person_of.get(&m.id) else {
            continue;
        };
        let (line_manager, external_manager) = match &m.line_manager {
            LineManager::NoManager => (None, None),
            LineManager::Member(boss) => (person_of.get(boss).cloned(), None),
            LineManager::External { name, agency } => (
                None,
                Some((
                    name.clone(),
                    team.agency(*agency)
                        .map_or_else(String::new, |a| a.name.clone()),
                )),
            ),
        };
        out.posts.push(Post {
            person: person.clone(),
            team: team.name.clone(),
            fte: m.team_fte(),
            line_manager,
            record: Some(Box::new(PostRecord {
                member_id: m.id,
                job_title: m.job_title.clone(),
                pay: m.pay.clone(),
                training_budget: m.training_budget,
                autonomy: m.autonomy,
                contract: m.contract,
                co_located: m.co_located,
                membership: m.membership,
                external_manager,
                position: m.position,
            })),
        });
    }
    out.teams.push(ServiceTeam {
        name: team.name.clone(),
        core_threshold: team.core_threshold,
        settings: Some(Box::new(Team {
            members: Vec::new(),
            ..team.clone()
        })),
    });
    Ok(Added {
        portfolio: out,
        notices,
    })
}

/// The person a member is, by the team file's account.
fn person_facts(team: &Team, m: &Member, discipline: &str, agency: &str) -> Person {
    Person {
        id: String::new(),
        name: m.name.clone(),
        discipline: discipline.to_owned(),
        agency: agency.to_owned(),
        fte: Some(m.fte),
        salary: team.fte_salary(m),
        leave_days: m.leave_days,
        training_days: m.training_days,
        years_of_service: m.years_of_service,
    }
}

/// Fill what the portfolio does not know about a person from the team file, and say where
/// the two disagree (the portfolio's figure is kept).
fn reconcile(held: &mut Person, file: &Person) -> Vec<String> {
    let mut notices = Vec::new();
    let name = held.name.clone();
    let mut one = |field: &str, h: &mut Option<f64>, f: Option<f64>, close: f64| match (*h, f) {
        (None, Some(v)) => *h = Some(v),
        (Some(a), Some(b)) if (a - b).abs() > close => notices.push(format!(
            "{name}: the portfolio's {field} {a} is kept; the team file says {b}"
        )),
        _ => {}
    };
    one("contracted FTE", &mut held.fte, file.fte, 1e-9);
    one("salary", &mut held.salary, file.salary, SAME_SALARY);
    one("leave days", &mut held.leave_days, file.leave_days, 1e-9);
    one(
        "training days",
        &mut held.training_days,
        file.training_days,
        1e-9,
    );
    let mut years = held.years_of_service.map(f64::from);
    one(
        "years of service",
        &mut years,
        file.years_of_service.map(f64::from),
        0.5,
    );
    held.years_of_service = held.years_of_service.or(file.years_of_service);
    notices
}

/// Who a person is, for a question: discipline, employer and teams.
fn who(p: &Portfolio, person: &Person) -> String {
    format!(
        "{}, {}, in {}",
        person.discipline,
        person.agency,
        teams_of(p, &person.id).join(", ")
    )
}

fn teams_of(p: &Portfolio, id: &str) -> Vec<String> {
    p.posts
        .iter()
        .filter(|post| post.person == id)
        .map(|post| post.team.clone())
        .collect()
}

/// A `person_id` for a member new to the portfolio: the team's name and the member's id,
/// made unique.
fn fresh_id(team: &str, member: MemberId, taken: &HashSet<String>) -> String {
    let slug: String = team
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-");
    let base = format!("{slug}-{}", member.0);
    std::iter::once(base.clone())
        .chain((2..=taken.len() + 2).map(|n| format!("{base}-{n}")))
        .find(|id| !taken.contains(id))
        .unwrap_or(base)
}

/// Take a team out of a portfolio as a team file: its settings as they were put in (or a
/// team's defaults, for one read from a staffing sheet), and a member for each post, with
/// the person's own facts. Refused where a member would have no pay.
pub fn take_team(p: &Portfolio, name: &str) -> Result<Team, String> {
    take(p, name).map(|taken| taken.team)
}

/// A team taken out of a portfolio, and which person each of its members is: what
/// [`put_back`] needs to put it back after it was edited.
#[derive(Clone, Debug)]
pub struct Taken {
    pub team: Team,
    /// Each member's `person_id`.
    pub person_of: HashMap<MemberId, String>,
}

/// [`take_team`], keeping who each member is.
pub fn take(p: &Portfolio, name: &str) -> Result<Taken, String> {
    let Some(st) = p.team(name) else {
        return Err(format!(
            "the portfolio has no team called “{name}”; it has {}",
            team_names(p)
        ));
    };
    let mut team = st.settings.as_deref().cloned().unwrap_or_default();
    team.name.clone_from(&st.name);
    team.core_threshold = st.core_threshold;
    team.members.clear();
    let people: HashMap<&str, &Person> = p.people.iter().map(|q| (q.id.as_str(), q)).collect();
    let mut contract: HashMap<&str, f64> = HashMap::new();
    for post in &p.posts {
        *contract.entry(post.person.as_str()).or_default() += post.fte;
    }
    // Posts with a record first, in order, then the rest: the rest are placed afterwards.
    let mut posts: Vec<&Post> = p.posts_in(name).collect();
    posts.sort_by_key(|post| post.record.is_none());
    // A record keeps its member's id (the team's snapshots know them by it); a post new to
    // the team takes an id no member has now or had in a snapshot.
    let mut used: HashSet<MemberId> = HashSet::new();
    let mut next = posts
        .iter()
        .filter_map(|post| {
            post.record
                .as_ref()
                .map(|r| r.member_id.0.saturating_add(1))
        })
        .chain([team.next_member_id().0])
        .max()
        .unwrap_or(1);
    let mut member_of: HashMap<&str, MemberId> = HashMap::new();
    let mut no_pay = Vec::new();
    // The post of each member, in the members' order.
    let mut placed: Vec<&Post> = Vec::with_capacity(posts.len());
    for post in &posts {
        let Some(person) = people.get(post.person.as_str()) else {
            continue;
        };
        let id = match post.record.as_ref().map(|r| r.member_id) {
            Some(id) if used.insert(id) => id,
            _ => {
                let id = MemberId(next);
                next = next.saturating_add(1);
                used.insert(id);
                id
            }
        };
        member_of.insert(post.person.as_str(), id);
        let fte = person
            .fte
            .unwrap_or_else(|| contract.get(person.id.as_str()).copied().unwrap_or(1.0));
        let Some(pay) = pay_of(&team, person, post.record.as_deref()) else {
            no_pay.push(person.name.clone());
            continue;
        };
        let discipline = discipline_id(&mut team, &person.discipline);
        let agency = agency_id(&mut team, &person.agency);
        let base = Member::new(id, &person.name, discipline, agency, pay);
        let member = match post.record.as_deref() {
            Some(r) => Member {
                job_title: r.job_title.clone(),
                training_budget: r.training_budget,
                autonomy: r.autonomy,
                contract: r.contract,
                co_located: r.co_located,
                membership: r.membership,
                position: r.position,
                ..base
            },
            None => Member {
                job_title: person.discipline.clone(),
                ..base
            },
        };
        placed.push(*post);
        team.members.push(Member {
            fte,
            team_share: share(post.fte, fte),
            leave_days: person.leave_days,
            years_of_service: person.years_of_service,
            training_days: person.training_days,
            ..member
        });
    }
    if !no_pay.is_empty() {
        return Err(format!(
            "{} has no salary in the portfolio, and a team file needs each member's pay: add a salary column to the staffing sheet for {}",
            crate::format::count(no_pay.len(), "person", "people"),
            no_pay.join(", ")
        ));
    }
    for (i, post) in placed.iter().enumerate() {
        let line_manager = match (&post.line_manager, post.record.as_deref()) {
            (Some(boss), _) => {
                if let Some(id) = member_of.get(boss.as_str()) {
                    LineManager::Member(*id)
                } else {
                    let (name, agency) = people
                        .get(boss.as_str())
                        .map_or((boss.clone(), String::new()), |b| {
                            (b.name.clone(), b.agency.clone())
                        });
                    LineManager::External {
                        name,
                        agency: agency_id(&mut team, &agency),
                    }
                }
            }
            (
                None,
                Some(PostRecord {
                    external_manager: Some((name, agency)),
                    ..
                }),
            ) => LineManager::External {
                name: name.clone(),
                agency: agency_id(&mut team, agency),
            },
            _ => LineManager::NoManager,
        };
        if let Some(m) = team.members.get_mut(i) {
            m.line_manager = line_manager;
        }
    }
    place(
        &mut team,
        posts.iter().filter(|p| p.record.is_some()).count(),
    );
    let person_of = member_of
        .into_iter()
        .map(|(person, id)| (id, person.to_owned()))
        .collect();
    Ok(Taken { team, person_of })
}

/// Put a team taken out with [`take`] back into the portfolio after it was edited, in place
/// of the team `name` as it was: its settings and posts are the edited team's, and for the
/// people it already held (`person_of`) the team's figures now win (it was edited from the
/// portfolio's own, so a difference is the manager's change, for every team they work in).
/// Members added since are matched as [`add_team`] matches them, asking where unsure
/// (`answers`). Someone taken out of the team who works in no other team, and manages no
/// one, leaves the portfolio. The team keeps its place among the teams, and its posts
/// theirs among the posts.
pub fn put_back<S: std::hash::BuildHasher>(
    p: &Portfolio,
    name: &str,
    taken: &Taken,
    answers: &HashMap<String, Answer, S>,
) -> Result<Added, AddError> {
    let team = &taken.team;
    // Unchanged, it goes back as it was: a post the portfolio holds without a team file's
    // record (from a staffing sheet) keeps it that way.
    if take(p, name).is_ok_and(|now| now.team == *team) {
        return Ok(Added {
            portfolio: p.clone(),
            notices: Vec::new(),
        });
    }
    let Some(at) = p.teams.iter().position(|t| t.name == name) else {
        return Err(AddError::Refused(format!(
            "the portfolio no longer has a team called “{name}” to put it back in place of"
        )));
    };
    let first_post = p.posts.iter().position(|post| post.team == name);
    let mut rest = p.clone();
    rest.teams.remove(at);
    rest.posts.retain(|post| post.team != name);
    let mut contract: HashMap<&str, f64> = HashMap::new();
    for post in &p.posts {
        *contract.entry(post.person.as_str()).or_default() += post.fte;
    }
    let mut all: HashMap<String, Answer> =
        answers.iter().map(|(k, a)| (key(k), a.clone())).collect();
    for m in &team.members {
        let Some(id) = taken.person_of.get(&m.id) else {
            continue;
        };
        let Some(held) = rest.people.iter_mut().find(|q| q.id == *id) else {
            continue;
        };
        let discipline = team
            .discipline(m.discipline)
            .map_or_else(String::new, |d| d.name.clone());
        let agency = team
            .agency(m.agency)
            .map_or_else(String::new, |a| a.name.clone());
        let facts = person_facts(team, m, &discipline, &agency);
        // A figure the editor left as it was stays as the portfolio held it (a contract it
        // derived from the posts stays derived; a salary read from a pay point stays exact).
        let kept = |held: Option<f64>, now: Option<f64>, close: f64| match (held, now) {
            (Some(h), Some(n)) if (h - n).abs() <= close => Some(h),
            _ => now,
        };
        let derived = contract.get(id.as_str()).copied();
        let fte = match (held.fte, facts.fte, derived) {
            (None, Some(n), Some(sum)) if (n - sum).abs() <= 1e-9 => None,
            (h, n, _) => kept(h, n, 1e-9),
        };
        *held = Person {
            id: held.id.clone(),
            fte,
            salary: kept(held.salary, facts.salary, SAME_SALARY),
            leave_days: kept(held.leave_days, facts.leave_days, 1e-9),
            training_days: kept(held.training_days, facts.training_days, 1e-9),
            ..facts
        };
        all.insert(key(&m.name), Answer::Same(id.clone()));
    }
    let mut added = add_team(&rest, team, &all)?;
    let out = &mut added.portfolio;
    if let Some(back) = out.teams.pop() {
        out.teams.insert(at.min(out.teams.len()), back);
    }
    if let Some(first) = first_post {
        let mine: Vec<Post> = out.posts.drain(rest.posts.len()..).collect();
        let before = p.posts[..first]
            .iter()
            .filter(|post| post.team != name)
            .count();
        out.posts.splice(before..before, mine);
    }
    let working: HashSet<&str> = out
        .posts
        .iter()
        .flat_map(|post| [Some(post.person.as_str()), post.line_manager.as_deref()])
        .flatten()
        .collect();
    let gone: HashSet<String> = out
        .people
        .iter()
        .filter(|q| !working.contains(q.id.as_str()))
        .map(|q| q.id.clone())
        .collect();
    out.people.retain(|q| !gone.contains(&q.id));
    // That the people it held are still themselves is no news; a newcomer matched to
    // someone of another team is.
    let known: Vec<String> = team
        .members
        .iter()
        .filter_map(|m| {
            let id = taken.person_of.get(&m.id)?;
            Some(format!("{} is the person_id {id}, ", m.name))
        })
        .collect();
    added
        .notices
        .retain(|n| !known.iter().any(|k| n.starts_with(k.as_str())));
    Ok(added)
}

/// Members read from a staffing sheet have no place on the map: the whole team is tidied
/// when none has one; otherwise the newcomers stand in a row below the rest, where they
/// cover no one.
fn place(team: &mut Team, placed: usize) {
    use super::placement::{TIDY_COLUMN, TIDY_ROW};
    if placed == 0 {
        let at = super::team::MemberIndex::of(team);
        for (id, p) in super::placement::tidy_positions(team) {
            if let Some(m) = at.position(id).and_then(|i| team.members.get_mut(i)) {
                m.position = p;
            }
        }
        return;
    }
    let (left, bottom) = team.members[..placed]
        .iter()
        .fold((f32::INFINITY, f32::NEG_INFINITY), |(l, b), m| {
            (l.min(m.position.x), b.max(m.position.y))
        });
    for (k, m) in team.members[placed..].iter_mut().enumerate() {
        m.position = super::team::Position {
            x: left + k as f32 * TIDY_COLUMN,
            y: bottom + TIDY_ROW,
        };
    }
}

/// The member's pay: the team file's pay point while it still gives the person's salary,
/// otherwise the salary itself.
fn pay_of(team: &Team, person: &Person, record: Option<&PostRecord>) -> Option<Pay> {
    if let Some(r) = record {
        match (team.salary_of(&r.pay), person.salary) {
            (Some(s), Some(held)) if (s - held).abs() <= SAME_SALARY => return Some(r.pay.clone()),
            (Some(_), None) => return Some(r.pay.clone()),
            _ => {}
        }
    }
    person.salary.map(Pay::Salary)
}

/// A member's share of their contract in the team, to six decimals where it is one
/// (0.3 of a 0.6 contract is a half, not 0.49999999999999994).
fn share(team_fte: f64, contract: f64) -> f64 {
    let share = team_fte / contract;
    let rounded = (share * 1e6).round() / 1e6;
    if (share - rounded).abs() < 1e-9 {
        rounded
    } else {
        share
    }
}

fn discipline_id(team: &mut Team, name: &str) -> super::team::DisciplineId {
    if let Some(d) = team.discipline_by_name(name) {
        return d.id;
    }
    let d = super::library::new_discipline(team, name);
    let id = d.id;
    team.disciplines.push(d);
    id
}

fn agency_id(team: &mut Team, name: &str) -> super::team::AgencyId {
    if let Some(a) = team.agency_by_name(name) {
        return a.id;
    }
    let a = super::library::new_agency(team, name);
    let id = a.id;
    team.agencies.push(a);
    id
}

/// The whole service as one team, each person once: what the conditions ladder across the
/// service is drawn from, with the same workshop-safe rules as a team's (a person counts
/// once in every group, whatever their number of posts).
pub struct ServiceAsTeam {
    pub team: Team,
    /// People left out because the portfolio holds no salary for them, by name.
    pub no_salary: Vec<String>,
    /// Each member's person, by index in `Portfolio::people`.
    pub person_of: HashMap<MemberId, usize>,
}

/// The service as one team. A person's contract is their FTE (or the sum of their posts);
/// they are core if they are core in any of their teams, and on the service's edge if on
/// the edge of every one. Disciplines and employers keep the first definition a team gives
/// them (its colour and professional family); the minimum group is the largest any team
/// sets, so no team's people are shown in smaller groups than their own team allows.
pub fn service_as_team(p: &Portfolio) -> ServiceAsTeam {
    let mut team = super::library::new_team();
    team.name.clone_from(&p.name);
    team.members.clear();
    team.disciplines.clear();
    team.agencies.clear();
    let settings: Vec<&Team> = p
        .teams
        .iter()
        .filter_map(|t| t.settings.as_deref())
        .collect();
    team.min_group_size = settings
        .iter()
        .map(|t| t.min_group_size)
        .chain([team.min_group_size])
        .max()
        .unwrap_or(team.min_group_size);
    for d in settings.iter().flat_map(|t| &t.disciplines) {
        if team.discipline_by_name(&d.name).is_none() {
            let id = team.next_discipline_id();
            team.disciplines
                .push(super::team::Discipline { id, ..d.clone() });
        }
    }
    for a in settings.iter().flat_map(|t| &t.agencies) {
        if team.agency_by_name(&a.name).is_none() {
            let id = team.next_agency_id();
            team.agencies.push(super::team::Agency { id, ..a.clone() });
        }
    }
    let threshold = p.thresholds();
    let posts_of = p.posts_by_person();
    let mut no_salary = Vec::new();
    let mut person_of = HashMap::new();
    for (index, person) in p.people.iter().enumerate() {
        let posts = posts_of
            .get(person.id.as_str())
            .map_or(&[][..], Vec::as_slice);
        if posts.is_empty() {
            continue;
        }
        let Some(salary) = person.salary else {
            no_salary.push(person.name.clone());
            continue;
        };
        let core = posts.iter().any(|post| {
            let at = threshold.get(post.team.as_str()).copied().unwrap_or(0.5);
            post.is_core(at)
        });
        let records: Vec<&PostRecord> = posts.iter().filter_map(|q| q.record.as_deref()).collect();
        let discipline = discipline_id(&mut team, &person.discipline);
        let agency = agency_id(&mut team, &person.agency);
        let id = team.next_member_id();
        person_of.insert(id, index);
        let base = Member::new(id, &person.name, discipline, agency, Pay::Salary(salary));
        team.members.push(Member {
            job_title: records
                .first()
                .map_or_else(|| person.discipline.clone(), |r| r.job_title.clone()),
            fte: person
                .fte
                .unwrap_or_else(|| posts.iter().map(|q| q.fte).sum()),
            team_share: 1.0,
            leave_days: person.leave_days,
            years_of_service: person.years_of_service,
            training_days: person.training_days,
            training_budget: records.iter().find_map(|r| r.training_budget),
            autonomy: records.iter().find_map(|r| r.autonomy),
            contract: records.first().map_or(base.contract, |r| r.contract),
            co_located: records.iter().any(|r| r.co_located) || records.is_empty(),
            membership: if core {
                Membership::Core
            } else {
                Membership::Peripheral
            },
            ..base
        });
    }
    place(&mut team, 0);
    ServiceAsTeam {
        team,
        no_salary,
        person_of,
    }
}

/// The portfolio's team names, for messages.
pub fn team_names(p: &Portfolio) -> String {
    p.teams
        .iter()
        .map(|t| format!("“{}”", t.name))
        .collect::<Vec<_>>()
        .join(", ")
}
