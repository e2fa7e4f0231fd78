//! The command line: `teamscape [FILE]`, `check`, `convert`, `--help`. Everything except
//! opening the window happens here, so it can be tested without a display.

use std::path::{Path, PathBuf};

use crate::analysis::{self, report::Format};
use crate::model::io::{self, FileKind};

pub const HELP: &str = "\
Teamscape: draw a multi-agency children's services team and see what its structure does to it.

USAGE:
    teamscape [FILE] [--view VIEW] [--present] [--hide-names] [--theme light|dark]
              [--screenshot PNG [--dump-layout JSON]]
        Open the app, with FILE (.ron team file or .csv spreadsheet) or a sample team.
        VIEW is map, rings, ladder, table, charts, or chart:ID with ID one of status-ladder,
        pay, conditions, quartiles, core-periphery, composition, outcomes, lorenz,
        seen-vs-given, say-by-rater, self-vs-others, feel-valued.
        --present starts the workshop presentation (full screen; arrows step, Esc leaves);
        names show unless --hide-names is given (F5 in the app hides them by default).
        --hide-names shows members by job title or “Member N”, in workshop-safe mode: no
        figure for a group under the team's minimum size (3 unless the team sets another),
        or --min-group N.
        --screenshot saves a picture of the window once it has settled, then exits;
        --dump-layout FILE.json beside it writes where that frame drew each member, label
        and external manager's box, in screen points (for tests and layout checks).
    teamscape FILE --export-slides DIR [--hide-names] [--theme light|dark]
        Render the team's chosen slides at 1920×1080 to DIR/NN-<id>.png, write
        DIR/handout.md, then exit. Needs a display (Xvfb will do) but no user.
    teamscape check FILE
        Check a .ron or .csv team file. Exits 0 if it is valid, or 1 listing every problem.
    teamscape convert IN OUT
        Convert between .csv and .ron (by file extension). OUT is written safely.
    teamscape report FILE [--format text|json|md] [--hide-names [--min-group N]]
                     [--perceptions RESPONSES.csv]
        The team's figures and findings: text for the terminal, md (Markdown) for workshop
        handouts, json for other tools. --hide-names applies workshop-safe mode: every
        figure of a group under the minimum size (the team's, or N) is withheld, and no
        combination of what is shown gives one person's pay, leave, training, autonomy or
        conditions away. --perceptions analyses a responses sheet with the team without
        storing it (in place of the rounds in FILE).
    teamscape pay-year FILE [YEAR]
        Without YEAR, list the team's pay year and the year, date and source of each of its
        scales. With YEAR (such as 2025/26), re-rate every member on a national scale point
        to that year's figures and save FILE (the old one is kept as FILE.bak).
    teamscape perceptions import TEAM.ron RESPONSES.csv [--round LABEL]
        Add a round of anonymous perception responses (a form's export: one row per
        respondent with rater_discipline, feel_valued, “say: <discipline>” and
        “valued: <discipline>” columns; or one row per pairwise choice with respondent,
        rater_discipline, higher and lower) to TEAM.ron, saved safely (TEAM.ron.bak kept).
    teamscape generate --members N OUT
        Write a synthetic team of N members (.ron or .csv), for trying Teamscape at scale.
    teamscape --help
        Show this help.

EXIT CODES: 0 success, 1 a problem with the input (explained on stderr), 2 a wrong command line.
";

/// The largest synthetic team `generate` writes.
pub const MAX_GENERATED: usize = 1_000_000;

/// What the command line asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Open the window.
    Run(RunOptions),
    Check(PathBuf),
    Convert {
        input: PathBuf,
        output: PathBuf,
    },
    Report {
        file: PathBuf,
        format: Format,
        hide_names: bool,
        /// Overrides the team's minimum group size (with `hide_names`).
        min_group: Option<usize>,
        /// A perception responses sheet to analyse in place of the file's rounds.
        perceptions: Option<PathBuf>,
    },
    ImportPerceptions {
        team: PathBuf,
        responses: PathBuf,
        round: Option<String>,
    },
    Generate {
        members: usize,
        output: PathBuf,
    },
    PayYear {
        file: PathBuf,
        year: Option<String>,
    },
    Help,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct RunOptions {
    pub file: Option<PathBuf>,
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
    /// Render every chosen slide into this folder, write the handout, and exit.
    pub export_slides: Option<PathBuf>,
}

/// A wrong command line, with the message to print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageError(pub String);

pub fn parse(args: &[String]) -> Result<Command, UsageError> {
    let mut positional = Vec::new();
    let mut run = RunOptions::default();
    let mut format = None;
    let mut members = None;
    let mut round = None;
    let mut perceptions = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |flag: &str| {
            iter.next()
                .cloned()
                .ok_or_else(|| UsageError(format!("{flag} needs a value")))
        };
        match arg.as_str() {
            "-h" | "--help" | "help" => return Ok(Command::Help),
            "--format" => {
                let f = value("--format")?;
                format = Some(Format::parse(&f).ok_or_else(|| {
                    UsageError(format!("--format must be text, json or md, not {f}"))
                })?);
            }
            "--members" => {
                let n = value("--members")?;
                members = Some(
                    n.parse::<usize>()
                        .ok()
                        .filter(|n| *n <= MAX_GENERATED)
                        .ok_or_else(|| {
                            UsageError(format!(
                                "--members must be a whole number up to {MAX_GENERATED}, not {n}"
                            ))
                        })?,
                );
            }
            "--view" => run.view = Some(value("--view")?),
            "--round" => round = Some(value("--round")?),
            "--perceptions" => perceptions = Some(PathBuf::from(value("--perceptions")?)),
            "--theme" => {
                run.dark = match value("--theme")?.as_str() {
                    "dark" => Some(true),
                    "light" => Some(false),
                    other => {
                        return Err(UsageError(format!(
                            "--theme must be light or dark, not {other}"
                        )))
                    }
                };
            }
            "--screenshot" => run.screenshot = Some(PathBuf::from(value("--screenshot")?)),
            "--dump-layout" => run.dump_layout = Some(PathBuf::from(value("--dump-layout")?)),
            "--present" => run.present = true,
            "--hide-names" => run.hide_names = true,
            "--min-group" => {
                let n = value("--min-group")?;
                let range = crate::model::validate::MIN_GROUP_SIZE_RANGE;
                run.min_group = Some(
                    n.parse::<usize>()
                        .ok()
                        .filter(|n| range.contains(n))
                        .ok_or_else(|| {
                            UsageError(format!(
                                "--min-group must be a whole number from {} to {}, not {n}",
                                range.start(),
                                range.end()
                            ))
                        })?,
                );
            }
            "--export-slides" => {
                run.export_slides = Some(PathBuf::from(value("--export-slides")?));
            }
            flag if flag.starts_with("--") => {
                return Err(UsageError(format!("unknown option {flag}")));
            }
            _ => positional.push(arg.clone()),
        }
    }
    match positional.first().map(String::as_str) {
        Some("check") => match &positional[1..] {
            [file] => Ok(Command::Check(PathBuf::from(file))),
            _ => Err(UsageError("check takes one FILE".to_owned())),
        },
        Some("report") if run.min_group.is_some() && !run.hide_names => Err(UsageError(
            "--min-group applies only with --hide-names (workshop-safe mode)".to_owned(),
        )),
        Some("report") => match &positional[1..] {
            [file] => Ok(Command::Report {
                file: PathBuf::from(file),
                format: format.unwrap_or(Format::Text),
                hide_names: run.hide_names,
                min_group: run.min_group,
                perceptions,
            }),
            _ => Err(UsageError("report takes one FILE".to_owned())),
        },
        Some("generate") => match (&positional[1..], members) {
            ([output], Some(members)) => Ok(Command::Generate {
                members,
                output: PathBuf::from(output),
            }),
            _ => Err(UsageError("generate takes --members N and OUT".to_owned())),
        },
        Some("perceptions") => match &positional[1..] {
            [import, team, responses] if import == "import" => Ok(Command::ImportPerceptions {
                team: PathBuf::from(team),
                responses: PathBuf::from(responses),
                round,
            }),
            _ => Err(UsageError(
                "perceptions import takes TEAM.ron and RESPONSES.csv (and --round LABEL)"
                    .to_owned(),
            )),
        },
        Some("pay-year") => match &positional[1..] {
            [file] => Ok(Command::PayYear {
                file: PathBuf::from(file),
                year: None,
            }),
            [file, year] => Ok(Command::PayYear {
                file: PathBuf::from(file),
                year: Some(year.clone()),
            }),
            _ => Err(UsageError(
                "pay-year takes FILE and an optional YEAR".to_owned(),
            )),
        },
        Some("convert") => match &positional[1..] {
            [input, output] => Ok(Command::Convert {
                input: PathBuf::from(input),
                output: PathBuf::from(output),
            }),
            _ => Err(UsageError("convert takes IN and OUT".to_owned())),
        },
        Some(file) if positional.len() == 1 => {
            run.file = Some(PathBuf::from(file));
            checked_run(run)
        }
        Some(_) => Err(UsageError("give at most one FILE to open".to_owned())),
        None => checked_run(run),
    }
}

/// Options that cannot go together are refused before any window opens.
fn checked_run(run: RunOptions) -> Result<Command, UsageError> {
    if run.min_group.is_some() && !run.hide_names {
        return Err(UsageError(
            "--min-group applies only with --hide-names (workshop-safe mode)".to_owned(),
        ));
    }
    if run.dump_layout.is_some() && run.screenshot.is_none() {
        return Err(UsageError(
            "--dump-layout writes the geometry of the frame --screenshot pictures: give --screenshot too".to_owned(),
        ));
    }
    if run.export_slides.is_some() && (run.screenshot.is_some() || run.present) {
        return Err(UsageError(
            "--export-slides writes its own pictures: leave out --screenshot and --present"
                .to_owned(),
        ));
    }
    Ok(Command::Run(run))
}

/// Run a command that does not need a window. Returns the exit code; messages go to the
/// given writers so tests can read them.
pub fn run_headless(
    command: &Command,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> i32 {
    let result = match command {
        Command::Help => writeln!(out, "{HELP}").map_err(|e| e.to_string()),
        Command::Check(file) => check(file, out),
        Command::Convert { input, output } => convert(input, output, out),
        Command::Report {
            file,
            format,
            hide_names,
            min_group,
            perceptions,
        } => report(
            file,
            *format,
            *hide_names,
            *min_group,
            perceptions.as_deref(),
            out,
        ),
        Command::ImportPerceptions {
            team,
            responses,
            round,
        } => import_perceptions(team, responses, round.as_deref(), out),
        Command::Generate { members, output } => generate(*members, output, out),
        Command::PayYear { file, year } => pay_year(file, year.as_deref(), out),
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

fn check(file: &Path, out: &mut dyn std::io::Write) -> Result<(), String> {
    let team = io::open_team(file).map_err(|e| e.to_string())?;
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

fn convert(input: &Path, output: &Path, out: &mut dyn std::io::Write) -> Result<(), String> {
    FileKind::of(output).map_err(|e| e.to_string())?;
    if same_file(input, output) {
        return Err(format!(
            "{}: IN and OUT are the same file; give another OUT",
            output.display()
        ));
    }
    let team = io::open_team(input).map_err(|e| e.to_string())?;
    io::save_team(&team, output).map_err(|e| e.to_string())?;
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
    file: &Path,
    format: Format,
    hide_names: bool,
    min_group: Option<usize>,
    perceptions: Option<&Path>,
    out: &mut dyn std::io::Write,
) -> Result<(), String> {
    let mut team = io::open_team(file).map_err(|e| e.to_string())?;
    if let Some(sheet) = perceptions {
        let (round, _) = read_responses(&team, sheet, None)?;
        team.perceptions = vec![round];
    }
    let analysis = if hide_names {
        let min = min_group.unwrap_or(team.min_group_size);
        analysis::analyse_workshop_safe(&crate::model::presentation::anonymised(&team), min)
    } else {
        analysis::analyse(&team)
    };
    let text = analysis::report::render(&analysis, format);
    writeln!(out, "{text}").map_err(|e| e.to_string())
}

fn generate(members: usize, output: &Path, out: &mut dyn std::io::Write) -> Result<(), String> {
    let team = crate::model::generate::synthetic_team(members, 2024);
    io::save_team(&team, output).map_err(|e| e.to_string())?;
    writeln!(out, "{}: {members} members", output.display()).map_err(|e| e.to_string())
}

fn pay_year(file: &Path, year: Option<&str>, out: &mut dyn std::io::Write) -> Result<(), String> {
    use crate::model::pay;
    use std::fmt::Write as _;
    let team = io::open_team(file).map_err(|e| e.to_string())?;
    let text = match year {
        None => {
            let mut text = format!(
                "{}: pay year {}\n",
                file.display(),
                team.pay_year
                    .as_deref()
                    .unwrap_or("none (the team's own scales)")
            );
            for s in &team.pay_scales {
                let estimated = s.points.iter().filter(|p| p.estimated.is_some()).count();
                let _ = writeln!(
                    text,
                    "  {} {}{}: {}{}{}",
                    s.name,
                    s.year,
                    if s.effective.is_empty() {
                        String::new()
                    } else {
                        format!(" from {}", s.effective)
                    },
                    s.source,
                    if s.source_url.is_empty() {
                        String::new()
                    } else {
                        format!(" <{}>", s.source_url)
                    },
                    if estimated > 0 {
                        format!(" ({estimated} points estimated)")
                    } else {
                        String::new()
                    }
                );
            }
            let _ = write!(text, "Library years: {}", pay::years().join(", "));
            text
        }
        Some(year) => {
            let (new, done) =
                pay::rerate(&team, year).map_err(|e| format!("{}: {e}", file.display()))?;
            let problems = crate::model::validate(&new);
            if let Some(p) = problems.first() {
                return Err(format!(
                    "{}: the re-rated team would not be valid ({p}); the file is unchanged",
                    file.display()
                ));
            }
            io::save_team(&new, file).map_err(|e| e.to_string())?;
            format!("{}: {}", file.display(), done.summary(true))
        }
    };
    writeln!(out, "{text}").map_err(|e| e.to_string())
}

/// A responses sheet read as one round for `team`, labelled `label` or after the file.
fn read_responses(
    team: &crate::model::Team,
    sheet: &Path,
    label: Option<&str>,
) -> Result<
    (
        crate::model::PerceptionRound,
        crate::model::perceptions_csv::Layout,
    ),
    String,
> {
    let text = io::read_text(sheet).map_err(|e| e.to_string())?;
    let name = sheet.file_stem().map_or_else(
        || "responses".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    let label = label.map_or_else(|| format!("Imported from {name}"), str::to_owned);
    crate::model::perceptions_csv::import(team, &text, &label, &crate::format::today_iso())
        .map_err(|e| e.into_file_error(&io::display_path(sheet)).to_string())
}

fn import_perceptions(
    team_path: &Path,
    sheet: &Path,
    label: Option<&str>,
    out: &mut dyn std::io::Write,
) -> Result<(), String> {
    if io::FileKind::of(team_path).map_err(|e| e.to_string())? != FileKind::Ron {
        return Err(format!(
            "{}: perception rounds are kept in a .ron team file; convert the spreadsheet first (teamscape convert team.csv team.ron)",
            team_path.display()
        ));
    }
    let mut team = io::open_team(team_path).map_err(|e| e.to_string())?;
    let (round, layout) = read_responses(&team, sheet, label)?;
    let n = round.responses.len();
    let label = round.label.clone();
    team.perceptions.push(round);
    if let Some(p) = crate::model::validate(&team).first() {
        return Err(format!(
            "{}: the round would not be valid ({p}); the team file is unchanged",
            sheet.display()
        ));
    }
    io::save_team(&team, team_path).map_err(|e| e.to_string())?;
    writeln!(
        out,
        "{}: added the round “{label}”, {n} respondents ({}), from {}",
        team_path.display(),
        match layout {
            crate::model::perceptions_csv::Layout::Ratings => "ratings",
            crate::model::perceptions_csv::Layout::Pairwise => "pairwise choices",
        },
        sheet.display()
    )
    .map_err(|e| e.to_string())
}
