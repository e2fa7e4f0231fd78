//! The command line: `teamscape [FILE]`, `check`, `convert`, `--help`. Everything except
//! opening the window happens here, so it can be tested without a display.

use std::path::{Path, PathBuf};

mod feedback;
mod help;
mod parse;
mod pay_year;
mod perceptions;
mod portfolio;

pub use help::help;
pub use parse::parse;
use pay_year::pay_year;
use perceptions::{import_perceptions, link_round, read_instrument, read_responses};

use crate::analysis::{self, report::Format};
use crate::model::families::GroupBy;
use crate::model::io::{self, FileKind};

/// The largest synthetic team `generate` writes.
pub const MAX_GENERATED: usize = 1_000_000;

/// A pay year the library does not hold, made by the manager.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MadeYear {
    /// From an announced award: every figure estimated.
    Uplift(crate::model::pay::Uplift),
    /// From a published table (`scale, point, salary`).
    Table { table: PathBuf, source: String },
}

/// What the command line asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Open the window.
    Run(RunOptions),
    Check {
        file: PathBuf,
        sheet: Option<String>,
    },
    Convert {
        input: PathBuf,
        output: PathBuf,
        sheet: Option<String>,
        hide_names: bool,
        min_group: Option<usize>,
        group_by: GroupBy,
    },
    Report {
        file: PathBuf,
        sheet: Option<String>,
        format: Format,
        hide_names: bool,
        /// Overrides the team's minimum group size (with `hide_names`).
        min_group: Option<usize>,
        /// Disciplines or professional families (with `hide_names`).
        group_by: GroupBy,
        /// A perception responses sheet to analyse in place of the file's rounds.
        perceptions: Option<PathBuf>,
    },
    Compare {
        /// A file, or `FILE#LABEL` for one of its snapshots.
        old: String,
        new: String,
        format: Format,
        hide_names: bool,
        min_group: Option<usize>,
        group_by: GroupBy,
    },
    ImportPerceptions {
        team: PathBuf,
        responses: PathBuf,
        round: Option<String>,
        /// An instrument file (CSV or workbook), or the name of one Teamscape ships.
        instrument: Option<String>,
    },
    /// Link a round to a snapshot (a restructure's before), or unlink it with an empty label.
    LinkRound {
        team: PathBuf,
        round: String,
        snapshot: String,
    },
    /// Add a round of families' feedback (ESQ or FFT) from a sheet.
    ImportFeedback {
        team: PathBuf,
        responses: PathBuf,
        kind: crate::model::feedback::Kind,
        round: Option<String>,
        /// For `--kind own`: the team's questionnaire (an instrument file).
        instrument: Option<String>,
    },
    /// Link a feedback round to a snapshot, or unlink it with an empty label.
    LinkFeedback {
        team: PathBuf,
        round: String,
        snapshot: String,
    },
    /// Pick a comment to quote in workshops (refused where it holds a name).
    QuoteFeedback {
        team: PathBuf,
        round: String,
        quote: String,
    },
    /// How service users were involved in the change a snapshot marks.
    SetInvolvement {
        team: PathBuf,
        snapshot: String,
        involvement: Option<crate::model::feedback::Involvement>,
        note: String,
    },
    Generate {
        members: usize,
        output: PathBuf,
    },
    /// A synthetic portfolio of `teams` teams and `people` people.
    GeneratePortfolio {
        teams: usize,
        people: usize,
        output: PathBuf,
    },
    PayYear {
        file: PathBuf,
        year: Option<String>,
        /// How to make `year` where the library does not hold it.
        made: Option<MadeYear>,
    },
    /// The years a team file made by hand, kept in the manager's own pay library.
    KeepPayYears {
        file: PathBuf,
    },
    /// A staffing sheet (one row per post) made into a portfolio file.
    PortfolioImport {
        sheet: PathBuf,
        output: PathBuf,
    },
    /// A team file added to a portfolio (made if missing) as a new team.
    PortfolioAdd {
        team: PathBuf,
        portfolio: PathBuf,
        /// Who members whose match is unsure are, by member name.
        answers: Vec<(String, crate::model::portfolio_team::Answer)>,
    },
    /// The service's figures across its teams, from a portfolio file or a staffing sheet.
    PortfolioReport {
        file: PathBuf,
        format: Format,
        hide_names: bool,
    },
    /// The portfolio as it is now, kept in it as a snapshot called `label`.
    PortfolioSnapshot {
        file: PathBuf,
        label: String,
    },
    /// Two versions of a service: files, or `FILE#LABEL` for a snapshot.
    PortfolioCompare {
        before: String,
        after: String,
        format: Format,
        hide_names: bool,
    },
    Help,
    /// `--version`: the name and version, for scripts and bug reports.
    Version,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct RunOptions {
    pub file: Option<PathBuf>,
    /// The part of FILE to read, by name: a workbook's sheet (`--sheet`) or a portfolio's
    /// team (`--team`).
    pub sheet: Option<String>,
    pub view: Option<String>,
    pub screenshot: Option<PathBuf>,
    /// With `--screenshot`: the map's geometry in the pictured frame, as JSON.
    pub dump_layout: Option<PathBuf>,
    /// `Some(true)` for the dark theme, `Some(false)` for light, `None` to follow the system.
    pub dark: Option<bool>,
    /// Start in the workshop presentation.
    pub present: bool,
    pub hide_names: bool,
    /// Overrides the team's minimum group size for workshop-safe mode.
    pub min_group: Option<usize>,
    /// `--group-by family`: the room sees professional families throughout.
    pub group_by: GroupBy,
    /// Render every chosen slide into this folder, write the handout, and exit.
    pub export_slides: Option<PathBuf>,
    /// Which graphics renderer to start with (`None`: `TEAMSCAPE_RENDERER`, else automatic).
    pub renderer: Option<RendererChoice>,
}

/// The graphics renderer the window draws with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RendererChoice {
    /// wgpu (Vulkan, DirectX 12, Metal or OpenGL ES), falling back to OpenGL through glow
    /// when it cannot start: the default.
    Auto,
    /// wgpu only.
    Wgpu,
    /// OpenGL through glow only: for old graphics drivers that start wgpu but draw badly.
    Glow,
}

impl RendererChoice {
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "auto" | "" => Some(Self::Auto),
            "wgpu" => Some(Self::Wgpu),
            "glow" | "opengl" | "gl" => Some(Self::Glow),
            _ => None,
        }
    }
}

/// A wrong command line, with the message to print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageError(pub String);

/// Run a command that does not need a window. Returns the exit code; messages go to the
/// given writers so tests can read them.
pub fn run_headless(
    command: &Command,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> i32 {
    let result = match command {
        Command::Help => writeln!(out, "{}", help()).map_err(|e| e.to_string()),
        Command::Version => {
            writeln!(out, "teamscape {}", env!("CARGO_PKG_VERSION")).map_err(|e| e.to_string())
        }
        Command::Check { file, sheet } => check(&Input::new(file, sheet.as_ref()), out, err),
        Command::Convert {
            input,
            output,
            sheet,
            hide_names,
            min_group,
            group_by,
        } => convert(
            &Input::new(input, sheet.as_ref()),
            output,
            (*hide_names, *min_group, *group_by),
            out,
            err,
        ),
        Command::Report {
            file,
            sheet,
            format,
            hide_names,
            min_group,
            group_by,
            perceptions,
        } => report(
            &Input::new(file, sheet.as_ref()),
            *format,
            (*hide_names, *min_group, *group_by),
            perceptions.as_deref(),
            out,
            err,
        ),
        Command::ImportPerceptions {
            team,
            responses,
            round,
            instrument,
        } => import_perceptions(
            team,
            responses,
            round.as_deref(),
            instrument.as_deref(),
            out,
        ),
        Command::LinkRound {
            team,
            round,
            snapshot,
        } => link_round(team, round, snapshot, out),
        Command::Compare {
            old,
            new,
            format,
            hide_names,
            min_group,
            group_by,
        } => compare(
            old,
            new,
            *format,
            (*hide_names, *min_group, *group_by),
            out,
            err,
        ),
        Command::ImportFeedback {
            team,
            responses,
            kind,
            round,
            instrument,
        } => feedback::import(
            team,
            responses,
            (*kind, instrument.as_deref()),
            round.as_deref(),
            out,
        ),
        Command::LinkFeedback {
            team,
            round,
            snapshot,
        } => feedback::link(team, round, snapshot, out),
        Command::QuoteFeedback { team, round, quote } => feedback::quote(team, round, quote, out),
        Command::SetInvolvement {
            team,
            snapshot,
            involvement,
            note,
        } => feedback::involvement(team, snapshot, *involvement, note, out),
        Command::Generate { members, output } => generate(*members, output, out),
        Command::GeneratePortfolio {
            teams,
            people,
            output,
        } => portfolio::generate(*teams, *people, output, out),
        Command::PayYear { file, year, made } => {
            pay_year(file, year.as_deref(), made.as_ref(), out)
        }
        Command::KeepPayYears { file } => pay_year::keep(
            file,
            crate::platform::data_dir()
                .map(|d| d.join(crate::model::pay::own::FILE_NAME))
                .as_ref(),
            out,
        ),
        Command::PortfolioImport { sheet, output } => portfolio::import(sheet, output, out, err),
        Command::PortfolioAdd {
            team,
            portfolio: file,
            answers,
        } => portfolio::add(team, file, answers, out, err),
        Command::PortfolioReport {
            file,
            format,
            hide_names,
        } => portfolio::report(file, *format, *hide_names, out, err),
        Command::PortfolioSnapshot { file, label } => portfolio::snapshot(file, label, out, err),
        Command::PortfolioCompare {
            before,
            after,
            format,
            hide_names,
        } => portfolio::compare(before, after, *format, *hide_names, out, err),
        Command::Run(_) => Ok(()),
    };
    match result {
        Ok(()) => 0,
        Err(message) => {
            let _ = writeln!(err, "{message}");
            1
        }
    }
}

/// A team file or spreadsheet to read, and the sheet of a workbook given with `--sheet`.
struct Input<'a> {
    file: &'a Path,
    sheet: Option<&'a str>,
}

impl<'a> Input<'a> {
    fn new(file: &'a Path, sheet: Option<&'a String>) -> Self {
        Self {
            file,
            sheet: sheet.map(String::as_str),
        }
    }
}

/// Open a team file or spreadsheet, valid, telling `err` how it was read (the sheet, an
/// encoding assumed).
fn open(input: &Input, err: &mut dyn std::io::Write) -> Result<crate::model::Team, String> {
    let loaded = io::open_team_from(input.file, input.sheet).map_err(|e| e.to_string())?;
    for notice in &loaded.notices {
        writeln!(err, "{notice}").map_err(|e| e.to_string())?;
    }
    Ok(loaded.team)
}

fn check(
    input: &Input,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> Result<(), String> {
    let file = input.file;
    if input.sheet.is_none() {
        if let Some(checked) = portfolio::check_every_team(file, out) {
            return checked;
        }
    }
    let team = open(input, err)?;
    writeln!(
        out,
        "{}: ok — “{}”, {} members, {} disciplines, {} agencies",
        file.display(),
        team.name,
        team.members.len(),
        team.disciplines.len(),
        team.agencies.len()
    )
    .map_err(|e| e.to_string())
}

fn convert(
    from: &Input,
    output: &Path,
    (hide_names, min_group, group_by): (bool, Option<usize>, GroupBy),
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> Result<(), String> {
    let input = from.file;
    let kind = FileKind::of(output).map_err(|e| e.to_string())?;
    if matches!(kind, FileKind::Ods | FileKind::Xls) {
        return Err(format!(
            "{}: Teamscape writes workbooks as .xlsx, which Excel and LibreOffice Calc both open; give OUT a .xlsx name",
            output.display()
        ));
    }
    if hide_names && kind != FileKind::Xlsx {
        return Err(format!(
            "{}: --hide-names applies to a .xlsx workbook; a .ron or .csv file lists every member by name",
            output.display()
        ));
    }
    if same_file(input, output) {
        return Err(format!(
            "{}: IN and OUT are the same file; give another OUT",
            output.display()
        ));
    }
    let team = open(from, err)?;
    if kind == FileKind::Xlsx {
        let names = if hide_names {
            analysis::workbook::Names::Hidden {
                min_group: min_group.unwrap_or(team.min_group_size),
                group_by,
            }
        } else {
            analysis::workbook::Names::Shown
        };
        analysis::workbook::save(&team, names, &crate::format::today_iso(), output)
            .map_err(|e| e.to_string())?;
    } else {
        io::save_team(&team, output).map_err(|e| e.to_string())?;
    }
    writeln!(
        out,
        "{} → {}: {} members",
        input.display(),
        output.display(),
        team.members.len()
    )
    .map_err(|e| e.to_string())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn report(
    input: &Input,
    format: Format,
    (hide_names, min_group, group_by): (bool, Option<usize>, GroupBy),
    perceptions: Option<&Path>,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> Result<(), String> {
    let mut team = open(input, err)?;
    if let Some(sheet) = perceptions {
        let (round, _) = read_responses(&team, sheet, None)?;
        team.perceptions.clear();
        team.add_round(round);
    }
    let analysis = if hide_names {
        let min = min_group.unwrap_or(team.min_group_size);
        analysis::analyse_workshop_safe(
            &crate::model::presentation::for_the_room(&team, min, group_by),
            min,
        )
    } else {
        analysis::analyse(&team)
    };
    let text = analysis::report::render(&analysis, format);
    writeln!(out, "{text}").map_err(|e| e.to_string())
}

/// One side of `compare`: a file, or `FILE#LABEL` for a snapshot in it. A path that exists
/// is a file even with a `#` in its name.
struct Version {
    title: String,
    file: PathBuf,
    team: crate::model::Team,
    /// The whole file: now and every snapshot (the other versions the room may see).
    whole: crate::model::Team,
    /// Which of `whole`'s snapshots `team` is; `None` for the file as it is now.
    snapshot: Option<usize>,
}

impl Version {
    /// Regrouped as the room sees it, a snapshot by the groups of its file as it is now,
    /// so that the two line up (as in the window's Compare view). Names stay: across files
    /// members are matched by name, and the comparison names nobody.
    fn regrouped(self, min: usize, by: GroupBy) -> Self {
        let whole = crate::model::presentation::regrouped(&self.whole, min, by);
        let team = match self.snapshot {
            Some(i) => whole
                .snapshots
                .get(i)
                .map_or_else(|| whole.clone(), |s| crate::model::Team::clone(&s.team)),
            None => whole.clone(),
        };
        Self {
            team,
            whole,
            ..self
        }
    }
}

/// `hide_names`: a snapshot is called "Snapshot N (date)", since a label is free text that
/// may name someone ("Before Dr Adams left").
fn version(spec: &str, hide_names: bool, err: &mut dyn std::io::Write) -> Result<Version, String> {
    let whole = Path::new(spec);
    let name_of = |p: &Path| {
        p.file_name().map_or_else(
            || p.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    };
    if whole.exists() {
        let team = open(&Input::new(whole, None), err)?;
        return Ok(Version {
            title: name_of(whole),
            file: whole.to_owned(),
            whole: team.clone(),
            team,
            snapshot: None,
        });
    }
    // The file is the longest part before a '#' that exists: a label may hold a '#' too.
    let split = spec
        .match_indices('#')
        .map(|(i, _)| (&spec[..i], &spec[i + 1..]))
        .find(|(file, _)| Path::new(file).is_file());
    let Some((file, label)) = split.or_else(|| spec.split_once('#')) else {
        return Err(format!(
            "{}: no such file",
            crate::format::shorten(spec, 200)
        ));
    };
    if file.is_empty() {
        return Err(format!(
            "“{}”: name the file before the #, as in team.ron#{}",
            crate::format::shorten(spec, 200),
            crate::format::shorten(label, 60)
        ));
    }
    let path = Path::new(file);
    let team = open(&Input::new(path, None), err)?;
    let Some(snapshot) = team.snapshot(label) else {
        let labels: Vec<String> = team
            .snapshots
            .iter()
            .map(|s| format!("“{}”", s.label))
            .collect();
        return Err(if labels.is_empty() {
            format!("{file}: this team has no snapshots, so there is no “{label}”")
        } else {
            format!(
                "{file}: no snapshot is called “{label}”; it has {}",
                labels.join(", ")
            )
        });
    };
    let key = crate::model::snapshot::label_key(label);
    let index = team
        .snapshots
        .iter()
        .position(|s| crate::model::snapshot::label_key(&s.label) == key)
        .unwrap_or(0);
    Ok(Version {
        title: if hide_names {
            snapshot.hidden_title(index)
        } else {
            snapshot.title()
        },
        file: path.to_owned(),
        team: crate::model::Team::clone(&snapshot.team),
        whole: team.clone(),
        snapshot: Some(index),
    })
}

fn compare(
    old: &str,
    new: &str,
    format: Format,
    (hide_names, min_group, group_by): (bool, Option<usize>, GroupBy),
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> Result<(), String> {
    use analysis::compare::{Comparison, Ids};
    let old = version(old, hide_names, err)?;
    let new = version(new, hide_names, err)?;
    let hidden = hide_names.then(|| min_group.unwrap_or(new.team.min_group_size));
    let (old, new) = match hidden {
        Some(min) => (old.regrouped(min, group_by), new.regrouped(min, group_by)),
        None => (old, new),
    };
    let team_file = |v: &Version| io::read_kind(&v.file) == Some(FileKind::Ron);
    let ids = if same_file(&old.file, &new.file) {
        Ids::Shared
    } else if team_file(&old) && team_file(&new) {
        Ids::Check
    } else {
        Ids::Absent
    };
    let seen: Vec<&crate::model::Team> = [&old.whole, &new.whole]
        .into_iter()
        .flat_map(|t| std::iter::once(t).chain(t.snapshots.iter().map(|s| &*s.team)))
        .collect();
    let c = Comparison::of(
        (&old.title, &old.team),
        (&new.title, &new.team),
        ids,
        hidden,
        &seen,
    );
    let text = analysis::compare::render(&c, format);
    writeln!(out, "{text}").map_err(|e| e.to_string())
}

fn generate(members: usize, output: &Path, out: &mut dyn std::io::Write) -> Result<(), String> {
    let team = crate::model::generate::synthetic_team(members, 2024);
    io::save_team(&team, output).map_err(|e| e.to_string())?;
    writeln!(out, "{}: {members} members", output.display()).map_err(|e| e.to_string())
}
