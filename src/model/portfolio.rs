//! A portfolio: the teams of one service and the people they share. A person is held once,
//! with the posts that put them in teams: their FTE in each, and who manages them there. So
//! the educational psychologist shared by three teams is one person with three posts, not
//! three part-time members of three files that may disagree about her.
//!
//! Read from a staffing sheet in the long form HR and finance systems export
//! (`portfolio_csv`), and kept in a RON file of its own format, `teamscape-portfolio`.

use serde::{Deserialize, Serialize};

use super::team::{Autonomy, Contract, Membership, Pay, Position, Team};
use super::FileError;

/// The `format` field of a portfolio file.
pub const FORMAT_NAME: &str = "teamscape-portfolio";
/// The newest portfolio file version this build writes and reads. Version 2 holds a team
/// whose settings need team file version 7 (an outcomes framework other than Every Child
/// Matters, or a discipline tagged in one); any other portfolio is still written as 1.
pub const FORMAT_VERSION: u32 = 2;

/// The oldest version that holds everything in `portfolio`.
pub fn version_for(portfolio: &Portfolio) -> u32 {
    let needs_frameworks = |teams: &[ServiceTeam]| {
        teams
            .iter()
            .filter_map(|t| t.settings.as_deref())
            .any(|t| super::io::version_for(t) >= 7)
    };
    if needs_frameworks(&portfolio.teams)
        || portfolio
            .snapshots
            .iter()
            .any(|s| needs_frameworks(&s.teams))
    {
        2
    } else {
        1
    }
}

/// The core threshold a team has unless it says otherwise: FTE in the team that makes a
/// person core there (reaching it counts).
pub const DEFAULT_CORE_THRESHOLD: f64 = super::DEFAULT_CORE_THRESHOLD;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Portfolio {
    pub name: String,
    /// Everyone who holds a post, once.
    pub people: Vec<Person>,
    /// The service's teams, in the order the sheet first names them.
    pub teams: Vec<ServiceTeam>,
    /// Who works in which team, and how much.
    pub posts: Vec<Post>,
    /// The service as it was at earlier moments, oldest first, to compare with now.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub snapshots: Vec<ServiceSnapshot>,
}

/// The service's people, teams and posts at a moment a manager wants to compare with later
/// (before a restructure, say). The teams' settings and the posts' records are left out: a
/// comparison of the service reads neither, and a portfolio would otherwise hold every
/// team file again in each snapshot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceSnapshot {
    pub label: String,
    /// When it was taken, as `YYYY-MM-DD`.
    pub taken: String,
    pub people: Vec<Person>,
    pub teams: Vec<ServiceTeam>,
    pub posts: Vec<Post>,
}

/// One person, whatever teams they work in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// The staffing system's id: two people may share a name, never an id.
    pub id: String,
    pub name: String,
    pub discipline: String,
    /// Their employer.
    pub agency: String,
    /// Contracted FTE over all their posts, where the sheet gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fte: Option<f64>,
    /// Full-time equivalent salary in pounds a year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leave_days: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training_days: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years_of_service: Option<u32>,
}

/// A team of the service.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceTeam {
    pub name: String,
    /// FTE in this team that makes a person core in it (reaching it counts).
    pub core_threshold: f64,
    /// Everything else a team file says about the team (its disciplines, agencies, pay
    /// scales, rounds, snapshots, workshop), with no members: its members are its posts.
    /// `None` for a team read from a staffing sheet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Box<Team>>,
}

/// A person's place in a team.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Post {
    /// A [`Person::id`].
    pub person: String,
    /// A [`ServiceTeam::name`].
    pub team: String,
    /// Their FTE in this team (not a share of their contract).
    pub fte: f64,
    /// Their line manager in this team, a [`Person::id`], where the sheet says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line_manager: Option<String>,
    /// How the team's own file recorded the post, where it came from one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<Box<PostRecord>>,
}

/// What a team file says about a member that the portfolio does not hold per person: kept
/// with the post so that a team taken out again is the team that was put in. The person's
/// own facts (name, discipline, agency, contract, salary, leave, training days, service)
/// are the [`Person`]'s, and win over anything here.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostRecord {
    /// The member's id in the team file: snapshots and rounds of the team refer to it.
    pub member_id: super::team::MemberId,
    pub job_title: String,
    /// A point on one of the team's pay scales (its settings hold them), where the team
    /// file gave one for the person's salary.
    pub pay: Pay,
    pub training_budget: Option<f64>,
    pub autonomy: Option<Autonomy>,
    pub contract: Contract,
    pub co_located: bool,
    /// An explicit core or peripheral mark, which wins over the threshold in the team.
    pub membership: Membership,
    /// A line manager outside the team: their name and employer.
    pub external_manager: Option<(String, String)>,
    pub position: Position,
}

impl Post {
    /// Core in its team: a team file's explicit mark wins, as it does in the team; otherwise
    /// FTE in the team reaching the team's threshold (within 1e-9, so 0.1 + 0.4 reaches 0.5).
    pub fn is_core(&self, threshold: f64) -> bool {
        match self.record.as_ref().map(|r| r.membership) {
            Some(Membership::Core) => true,
            Some(Membership::Peripheral) => false,
            _ => self.fte + 1e-9 >= threshold,
        }
    }
}

impl Portfolio {
    /// The service as it is now, as a snapshot labelled `label`, taken on `taken`.
    pub fn snapshot(&self, label: &str, taken: &str) -> ServiceSnapshot {
        ServiceSnapshot {
            label: label.to_owned(),
            taken: taken.to_owned(),
            people: self.people.clone(),
            teams: self
                .teams
                .iter()
                .map(|t| ServiceTeam {
                    settings: None,
                    ..t.clone()
                })
                .collect(),
            posts: self
                .posts
                .iter()
                .map(|post| Post {
                    record: None,
                    ..post.clone()
                })
                .collect(),
        }
    }

    /// The service as it was at the snapshot `label`, as a portfolio of its own.
    pub fn as_of(&self, label: &str) -> Option<Self> {
        self.snapshots
            .iter()
            .find(|s| s.label == label)
            .map(|s| Self {
                name: self.name.clone(),
                people: s.people.clone(),
                teams: s.teams.clone(),
                posts: s.posts.clone(),
                snapshots: Vec::new(),
            })
    }

    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }

    pub fn team(&self, name: &str) -> Option<&ServiceTeam> {
        self.teams.iter().find(|t| t.name == name)
    }

    /// Each person's index in `people`, by id.
    pub fn person_index(&self) -> std::collections::HashMap<&str, usize> {
        self.people
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.as_str(), i))
            .collect()
    }

    /// Each team's core threshold, by name.
    pub fn thresholds(&self) -> std::collections::HashMap<&str, f64> {
        self.teams
            .iter()
            .map(|t| (t.name.as_str(), t.core_threshold))
            .collect()
    }

    /// Each person's posts, by person id, in the order of the posts.
    pub fn posts_by_person(&self) -> std::collections::HashMap<&str, Vec<&Post>> {
        let mut out: std::collections::HashMap<&str, Vec<&Post>> = std::collections::HashMap::new();
        for post in &self.posts {
            out.entry(post.person.as_str()).or_default().push(post);
        }
        out
    }

    /// The posts of one team.
    pub fn posts_in<'a>(&'a self, team: &'a str) -> impl Iterator<Item = &'a Post> + 'a {
        self.posts.iter().filter(move |p| p.team == team)
    }
}

/// The file's outer struct, written by name: `PortfolioFile(format: …, version: …, …)`.
#[derive(Serialize)]
#[serde(rename = "PortfolioFile")]
struct FileOut<'a> {
    format: &'static str,
    version: u32,
    portfolio: &'a Portfolio,
}

#[derive(Deserialize)]
#[serde(rename = "PortfolioFile")]
struct FileIn {
    format: String,
    version: u32,
    portfolio: Portfolio,
}

/// The portfolio as RON text, ready to save.
pub fn to_ron(portfolio: &Portfolio) -> Result<String, FileError> {
    let file = FileOut {
        format: FORMAT_NAME,
        version: version_for(portfolio),
        portfolio,
    };
    ron::ser::to_string_pretty(&file, super::io::pretty()).map_err(|e| {
        FileError::new(
            portfolio.name.clone(),
            format!("the portfolio could not be written: {e}"),
            "Nothing was saved and the file on disk is unchanged. Please report this as a bug.",
        )
    })
}

fn newer(source: &str, version: u32) -> FileError {
    FileError::new(
        source,
        format!("this portfolio is version {version}, newer than this Teamscape reads ({FORMAT_VERSION})"),
        "Open it with a newer Teamscape.",
    )
}

/// Parse a portfolio file's text (`source` names it in messages), and check it.
pub fn from_ron(text: &str, source: &str) -> Result<Portfolio, FileError> {
    // A newer file is refused by its header, before what this build cannot read in it.
    if let Some(header) = super::io::quick_header(text) {
        if header.format == FORMAT_NAME && header.version > FORMAT_VERSION {
            return Err(newer(source, header.version));
        }
    }
    let file: FileIn = ron::from_str(text).map_err(|e| super::io::ron_error(source, text, &e))?;
    if file.format != FORMAT_NAME {
        return Err(FileError::new(
            source,
            format!(
                "this is not a Teamscape portfolio (its format is “{}”)",
                crate::format::shorten(&file.format, 60)
            ),
            "Give a portfolio file, made with `teamscape portfolio import`.",
        ));
    }
    if file.version > FORMAT_VERSION {
        return Err(newer(source, file.version));
    }
    let mut problems = check(&file.portfolio);
    let mut labels = std::collections::HashSet::new();
    for s in &file.portfolio.snapshots {
        if !labels.insert(s.label.as_str()) {
            problems.push(format!("the snapshot “{}” is named twice", s.label));
        }
        if let Some(then) = file.portfolio.as_of(&s.label) {
            problems.extend(
                check(&then)
                    .into_iter()
                    .map(|p| format!("in the snapshot “{}”, {p}", s.label)),
            );
        }
    }
    if let Some(first) = problems.first() {
        return Err(FileError::new(
            source,
            format!(
                "the portfolio breaks {}: {}",
                crate::format::count(problems.len(), "rule", "rules"),
                problems.join("; ")
            ),
            format!("Correct the file, or import the staffing sheet again. First: {first}."),
        ));
    }
    Ok(file.portfolio)
}

/// Every rule the portfolio breaks: ids and team names used once, posts that name a person
/// and a team it holds, each person at most once in a team, FTEs and thresholds in range.
pub fn check(p: &Portfolio) -> Vec<String> {
    let mut problems = Vec::new();
    let mut ids = std::collections::HashSet::new();
    for person in &p.people {
        if person.id.trim().is_empty() {
            problems.push(format!("{} has no person_id", person.name));
        } else if !ids.insert(person.id.as_str()) {
            problems.push(format!("the person_id {} is used twice", person.id));
        }
        if let Some(fte) = person.fte {
            if !(fte.is_finite() && fte > 0.0 && fte <= MAX_FTE) {
                problems.push(format!(
                    "{}'s contracted FTE {fte} is not above 0 and at most {MAX_FTE}",
                    person.id
                ));
            }
        }
    }
    let mut names = std::collections::HashSet::new();
    for team in &p.teams {
        if team.name.trim().is_empty() {
            problems.push("a team has no name".to_owned());
        } else if !names.insert(team.name.as_str()) {
            problems.push(format!("the team {} is named twice", team.name));
        }
        if !(team.core_threshold.is_finite()
            && team.core_threshold > 0.0
            && team.core_threshold <= 1.0)
        {
            problems.push(format!(
                "{}'s core threshold {} is not above 0 and at most 1",
                team.name, team.core_threshold
            ));
        }
    }
    let mut placed = std::collections::HashSet::new();
    for post in &p.posts {
        if !ids.contains(post.person.as_str()) {
            problems.push(format!(
                "a post names the person_id {}, who is not in the portfolio",
                post.person
            ));
        }
        if !names.contains(post.team.as_str()) {
            problems.push(format!(
                "a post names the team {}, which is not in the portfolio",
                post.team
            ));
        }
        if !placed.insert((post.person.as_str(), post.team.as_str())) {
            problems.push(format!("{} holds two posts in {}", post.person, post.team));
        }
        if !(post.fte.is_finite() && post.fte > 0.0 && post.fte <= MAX_FTE) {
            problems.push(format!(
                "{}'s FTE in {} is {}: it must be above 0 and at most {MAX_FTE}",
                post.person, post.team, post.fte
            ));
        }
        if let Some(boss) = &post.line_manager {
            if !ids.contains(boss.as_str()) {
                problems.push(format!(
                    "{}'s line manager in {} is the person_id {boss}, who is not in the portfolio",
                    post.person, post.team
                ));
            }
        }
    }
    problems
}

/// No post, and no person's contract, is more than this many FTE.
pub const MAX_FTE: f64 = 1.5;
