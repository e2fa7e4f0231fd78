//! The command line: `teamscape [FILE]`, `check`, `convert`, `--help`. Everything except
//! opening the window happens here, so it can be tested without a display.

use std::path::{Path, PathBuf};

mod feedback;
mod help;
mod pay_year;
mod perceptions;

pub use help::help;
use pay_year::pay_year;
use perceptions::{import_perceptions, link_round, read_instrument, read_responses};

use crate::analysis::{self, report::Format};
use crate::model::families::GroupBy;
use crate::model::io::{self, FileKind};

/// The largest synthetic team `generate` writes.
pub const MAX_GENERATED: usize = 1_000_000;

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
    PayYear {
        file: PathBuf,
        year: Option<String>,
    },
    Help,
    /// `--version`: the name and version, for scripts and bug reports.
    Version,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct RunOptions {
    pub file: Option<PathBuf>,
    /// The sheet of a workbook FILE to read, by name.
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

pub fn parse(args: &[String]) -> Result<Command, UsageError> {
    let mut positional = Vec::new();
    let mut run = RunOptions::default();
    let mut format = None;
    let mut members = None;
    let mut round = None;
    let mut instrument = None;
    let mut snapshot = None;
    let mut perceptions = None;
    let mut kind = None;
    let mut involvement = None;
    let mut note = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |flag: &str| {
            iter.next()
                .cloned()
                .ok_or_else(|| UsageError(format!("{flag} needs a value")))
        };
        match arg.as_str() {
            "-h" | "--help" | "help" => return Ok(Command::Help),
            "-V" | "--version" => return Ok(Command::Version),
            "--renderer" => {
                let r = value("--renderer")?;
                run.renderer = Some(RendererChoice::parse(&r).ok_or_else(|| {
                    UsageError(format!("--renderer must be auto, wgpu or glow, not {r}"))
                })?);
            }
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
            "--sheet" => run.sheet = Some(value("--sheet")?),
            "--round" => round = Some(value("--round")?),
            "--instrument" => instrument = Some(value("--instrument")?),
            "--snapshot" => snapshot = Some(value("--snapshot")?),
            "--kind" => {
                let k = value("--kind")?;
                kind =
                    Some(crate::model::feedback::Kind::parse(&k).ok_or_else(|| {
                        UsageError(format!("--kind must be esq or fft, not {k}"))
                    })?);
            }
            "--involvement" => {
                let v = value("--involvement")?;
                involvement = Some(crate::model::feedback::Involvement::parse(&v).ok_or_else(
                    || {
                        UsageError(format!(
                            "--involvement must be co-designed, consulted, informed or not-involved, not {v}"
                        ))
                    },
                )?);
            }
            "--note" => note = Some(value("--note")?),
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
            "--group-by" => {
                let v = value("--group-by")?;
                run.group_by = GroupBy::from_key(&v).ok_or_else(|| {
                    UsageError(format!("--group-by must be discipline or family, not {v}"))
                })?;
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
            [file] => Ok(Command::Check {
                file: PathBuf::from(file),
                sheet: run.sheet,
            }),
            _ => Err(UsageError("check takes one FILE".to_owned())),
        },
        Some("report" | "convert" | "compare") if run.min_group.is_some() && !run.hide_names => {
            Err(UsageError(
                "--min-group applies only with --hide-names (workshop-safe mode)".to_owned(),
            ))
        }
        Some("report") => match &positional[1..] {
            [file] => Ok(Command::Report {
                file: PathBuf::from(file),
                sheet: run.sheet,
                format: format.unwrap_or(Format::Text),
                hide_names: run.hide_names,
                min_group: run.min_group,
                group_by: run.group_by,
                perceptions,
            }),
            _ => Err(UsageError("report takes one FILE".to_owned())),
        },
        Some("compare") => match &positional[1..] {
            [old, new] => Ok(Command::Compare {
                old: old.clone(),
                new: new.clone(),
                format: format.unwrap_or(Format::Text),
                hide_names: run.hide_names,
                min_group: run.min_group,
                group_by: run.group_by,
            }),
            _ => Err(UsageError(
                "compare takes OLD and NEW (files, or FILE#SNAPSHOT)".to_owned(),
            )),
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
                instrument,
            }),
            [link, team] if link == "link" => match (round, snapshot) {
                (Some(round), Some(snapshot)) => Ok(Command::LinkRound {
                    team: PathBuf::from(team),
                    round,
                    snapshot,
                }),
                _ => Err(UsageError(
                    "perceptions link takes TEAM.ron --round LABEL --snapshot LABEL".to_owned(),
                )),
            },
            _ => Err(UsageError(
                "perceptions import takes TEAM.ron and RESPONSES.csv (and --round LABEL); perceptions link takes TEAM.ron --round LABEL --snapshot LABEL"
                    .to_owned(),
            )),
        },
        Some("feedback") => match (&positional[1..], kind) {
            ([import, team, responses], Some(kind)) if import == "import" => {
                if (kind == crate::model::feedback::Kind::Own) != instrument.is_some() {
                    return Err(UsageError(
                        "feedback import takes --instrument FILE with --kind own, and only then"
                            .to_owned(),
                    ));
                }
                Ok(Command::ImportFeedback {
                    team: PathBuf::from(team),
                    responses: PathBuf::from(responses),
                    kind,
                    round,
                    instrument,
                })
            }
            ([link, team], _) if link == "link" => match (round, snapshot) {
                (Some(round), Some(snapshot)) => Ok(Command::LinkFeedback {
                    team: PathBuf::from(team),
                    round,
                    snapshot,
                }),
                _ => Err(UsageError(
                    "feedback link takes TEAM.ron --round LABEL --snapshot LABEL".to_owned(),
                )),
            },
            ([quote, team, text], _) if quote == "quote" => match round {
                Some(round) => Ok(Command::QuoteFeedback {
                    team: PathBuf::from(team),
                    round,
                    quote: text.clone(),
                }),
                None => Err(UsageError(
                    "feedback quote takes TEAM.ron --round LABEL and the quote".to_owned(),
                )),
            },
            ([involve, team], _) if involve == "involvement" => match snapshot {
                Some(snapshot) => Ok(Command::SetInvolvement {
                    team: PathBuf::from(team),
                    snapshot,
                    involvement,
                    note: note.unwrap_or_default(),
                }),
                None => Err(UsageError(
                    "feedback involvement takes TEAM.ron --snapshot LABEL --involvement co-designed|consulted|informed|not-involved [--note TEXT]".to_owned(),
                )),
            },
            _ => Err(UsageError(
                "feedback import takes TEAM.ron, RESPONSES.csv and --kind esq|fft (and --round LABEL); see teamscape --help for link, quote and involvement"
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
                sheet: run.sheet,
                hide_names: run.hide_names,
                min_group: run.min_group,
                group_by: run.group_by,
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
