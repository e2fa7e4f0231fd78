//! The command line: `teamscape [FILE]`, `check`, `convert`, `--help`. Everything except
//! opening the window happens here, so it can be tested without a display.

use std::path::{Path, PathBuf};

mod feedback;

use crate::analysis::{self, report::Format};
use crate::model::families::GroupBy;
use crate::model::io::{self, FileKind};

const HELP: &str = "\
Teamscape: draw a multi-agency children's services team and see what its structure does to it.

USAGE:
    teamscape [FILE [--sheet NAME]] [--view VIEW] [--present] [--hide-names] [--theme light|dark]
              [--screenshot PNG [--dump-layout JSON]] [--renderer auto|wgpu|glow]
        Open the app, with FILE (a .ron team file, a workbook: .xlsx, .ods or .xls, or a
        .csv spreadsheet) or a sample team. A file is known by its content, whatever its
        name ends in; a CSV file may be UTF-8, UTF-16 or Windows-1252.
        VIEW is map, rings, ladder, table, compare (the latest snapshot against now; also
        compare-map, compare-slopes), charts, or chart:ID with ID one of {charts}.
        --present starts the workshop presentation (full screen; arrows step, Esc leaves);
        names show unless --hide-names is given (F5 in the app hides them by default).
        --hide-names shows members by job title or “Member N”, in workshop-safe mode: no
        figure for a group under the team's minimum size (3 unless the team sets another),
        or --min-group N. Each discipline that meets the minimum is shown on its own, the
        rest of each professional family together where there are enough of them, and only
        then “Other disciplines”; --group-by family shows professional families throughout.
        --screenshot saves a picture of the window once it has settled, then exits;
        --dump-layout FILE.json beside it writes where that frame drew each member, label
        and external manager's box, in screen points (for tests and layout checks).
        --renderer auto|wgpu|glow chooses how the window is drawn (also the environment
        variable TEAMSCAPE_RENDERER). auto, the default, starts wgpu and falls back to
        OpenGL (glow) if wgpu cannot start; glow suits old graphics drivers that draw badly.
    teamscape FILE --export-slides DIR [--hide-names [--group-by discipline|family]]
                                       [--theme light|dark]
        Render the team's chosen slides at 1920×1080 to DIR/NN-<id>.png, write
        DIR/handout.md and DIR/handout.pdf (A4), then exit. Needs a display (Xvfb will
        do) but no user.
    teamscape check FILE [--sheet NAME]
        Check a team file or spreadsheet. Exits 0 if it is valid, or 1 listing every
        problem. A workbook is read from its first sheet with name and discipline columns
        in its header row, or from the sheet NAME.
    teamscape convert IN OUT [--sheet NAME] [--hide-names [--min-group N] [--group-by G]]
        Convert a team file or spreadsheet to .ron, .csv or .xlsx (by OUT's extension).
        An .xlsx holds the members (money in £, time shares in %), the figures per
        discipline and the findings; with --hide-names, only the figures, small groups
        withheld, and the findings. OUT is written safely.
    teamscape report FILE [--sheet NAME] [--format text|json|md]
                     [--hide-names [--min-group N] [--group-by discipline|family]]
                     [--perceptions RESPONSES]
        The team's figures and findings: text for the terminal, md (Markdown) for workshop
        handouts, json for other tools. --hide-names applies workshop-safe mode: every
        figure of a group under the minimum size (the team's, or N) is withheld, and no
        combination of what is shown gives one person's pay, leave, training, autonomy or
        conditions away; small disciplines are shown by professional family where there are
        enough of them (--group-by family: families throughout). --perceptions analyses a responses sheet with the team without
        storing it (in place of the rounds in FILE).
    teamscape compare OLD NEW [--format text|json|md]
                      [--hide-names [--min-group N] [--group-by discipline|family]]
        What changed between two versions of a team: members added, removed and changed
        (each field, old → new), moves between the core and the edge, each discipline's
        figures side by side, and findings. OLD and NEW are team files or spreadsheets, or
        FILE#LABEL for the snapshot LABEL kept in FILE. Members are matched by id within one
        file, and by name and discipline across files that do not share ids. --hide-names
        counts members instead of naming them, groups disciplines and withholds figures
        as the report does.
    teamscape pay-year FILE [YEAR]
        Without YEAR, list the team's pay year and the year, date and source of each of its
        scales. With YEAR (such as 2025/26), re-rate every member on a national scale point
        to that year's figures and save FILE (the old one is kept as FILE.bak).
    teamscape perceptions import TEAM.ron RESPONSES.csv [--round LABEL] [--instrument INSTRUMENT]
    teamscape perceptions link TEAM.ron --round LABEL --snapshot LABEL
        Add a round of anonymous perception responses (a form's export: one row per
        respondent with rater_discipline, feel_valued, “say: <discipline>” and
        “valued: <discipline>” columns; or one row per pairwise choice with respondent,
        rater_discipline, higher and lower) to TEAM.ron, saved safely (TEAM.ron.bak kept).
        With --instrument (a file of items: id,factor,about,reverse,min,max,text; or the
        name of one Teamscape ships: “Collaboration”, “Team climate”, “Teamscape short
        form”), a relational round: one row per respondent with rater_discipline (or a
        professional family), a column “<id>” per item about the team and “<id>:
        <discipline>” per item about each group; n/a is “I don't work with them”.
    teamscape feedback import TEAM.ron RESPONSES.csv --kind esq|fft [--round LABEL]
    teamscape feedback import TEAM.ron RESPONSES.csv --kind own --instrument FILE [--round LABEL]
    teamscape feedback link TEAM.ron --round LABEL --snapshot LABEL
    teamscape feedback quote TEAM.ron --round LABEL TEXT
    teamscape feedback involvement TEAM.ron --snapshot LABEL --involvement HOW [--note TEXT]
        What children and families told the team. import adds a round from a sheet: for
        the Experience of Service Questionnaire (esq) one row per response with respondent,
        form (parent, young person or child), date, q1 … q12 (certainly true, partly true,
        not true, don't know, or empty) and the free text liked, improve and other; for the
        Friends and Family Test (fft) date, rating (very good … very poor, or 1–5 with 1 the
        best, or don't know) and comment; for the team's own questionnaire (own, with an
        instrument file of items about the team: id,factor,about,reverse,min,max,text)
        respondent, date, a column per item id (a number on its scale, or don't know) and
        comment. Every bad cell is named and nothing is stored
        from a refused sheet; no respondent id or response date is kept. link pairs a round
        with a snapshot (a restructure's before); quote picks a comment for workshops,
        refused where it holds a team member's name or one the manager keeps for the round;
        involvement records how service users were involved in the change a snapshot marks
        (co-designed, consulted, informed or not-involved). TEAM.ron is saved safely.
    teamscape generate --members N OUT
        Write a synthetic team of N members (.ron or .csv), for trying Teamscape at scale.
    teamscape --help
        Show this help.
    teamscape --version
        Show the version.

EXIT CODES: 0 success, 1 a problem with the input (explained on stderr), 2 a wrong command line.
";

/// The help text, with the charts listed from [`crate::ui::charts::ChartId`] (so a new chart
/// is in it without another list to edit), wrapped to the text's width.
pub fn help() -> String {
    let ids: Vec<&str> = crate::ui::charts::ChartId::all()
        .map(crate::ui::charts::ChartId::id)
        .collect();
    let mut lines: Vec<String> = Vec::new();
    let mut line = "        VIEW is map, rings, ladder, table, compare (the latest snapshot against now; also\n        compare-map, compare-slopes), charts, or chart:ID with ID one of".to_owned();
    for (k, id) in ids.iter().enumerate() {
        let word = format!(" {id}{}", if k + 1 == ids.len() { "." } else { "," });
        let last = line.rsplit('\n').next().unwrap_or("");
        if last.chars().count() + word.chars().count() > 92 {
            lines.push(std::mem::replace(&mut line, format!("       {word}")));
        } else {
            line.push_str(&word);
        }
    }
    lines.push(line);
    HELP.replace(
        "        VIEW is map, rings, ladder, table, compare (the latest snapshot against now; also\n        compare-map, compare-slopes), charts, or chart:ID with ID one of {charts}.",
        &lines.join("\n"),
    )
}

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
/// A responses sheet (CSV or workbook), and the round's label: the one given, or "Imported
/// from FILE".
fn responses_sheet(
    sheet: &Path,
    label: Option<&str>,
) -> Result<(crate::model::csv::Sheet, String), String> {
    let (responses, _) = io::read_sheet(
        sheet,
        None,
        crate::model::workbook::is_responses_header,
        "a rater_discipline column",
    )
    .map_err(|e| e.to_string())?;
    let name = sheet.file_stem().map_or_else(
        || "responses".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    let label = label.map_or_else(|| format!("Imported from {name}"), str::to_owned);
    Ok((responses, label))
}

fn read_responses(
    team: &crate::model::Team,
    sheet: &Path,
    label: Option<&str>,
) -> Result<
    (
        crate::model::PerceptionRound,
        crate::model::perceptions_csv::SheetLayout,
    ),
    String,
> {
    let (responses, label) = responses_sheet(sheet, label)?;
    crate::model::perceptions_csv::import_sheet(
        team,
        &responses,
        &label,
        &crate::format::today_iso(),
    )
    .map_err(|e| e.into_file_error(&io::display_path(sheet)).to_string())
}

/// An instrument: a file of items (`id,factor,about,reverse,min,max,text`), or the name
/// (or the start of it) of one Teamscape ships.
fn read_instrument(spec: &str) -> Result<crate::model::instrument::Instrument, String> {
    use crate::model::instrument;
    let path = Path::new(spec);
    if path.exists() {
        let (sheet, _) = io::read_sheet(
            path,
            None,
            |cells| {
                let keys: Vec<String> = cells.iter().map(|c| c.trim().to_lowercase()).collect();
                ["id", "factor", "about"]
                    .iter()
                    .all(|k| keys.iter().any(|h| h == k))
            },
            "the columns id, factor, about, reverse, min, max and text",
        )
        .map_err(|e| e.to_string())?;
        let name = path.file_stem().map_or_else(
            || "Imported instrument".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        return instrument::from_sheet(&sheet, &name)
            .map_err(|e| e.into_file_error(&io::display_path(path)).to_string());
    }
    let shipped = instrument::shipped();
    let wanted = spec.trim().to_lowercase();
    shipped
        .iter()
        .find(|i| i.name.to_lowercase().starts_with(&wanted))
        .cloned()
        .ok_or_else(|| {
            let names: Vec<String> = shipped.iter().map(|i| format!("“{}”", i.name)).collect();
            format!(
                "“{}”: no such instrument file, nor an instrument Teamscape ships ({})",
                crate::format::shorten(spec, 100),
                names.join(", ")
            )
        })
}

/// Add a round to the team (stored so nobody can trace an answer), check the team and save
/// it; the file is left as it was unless all of that succeeds. Returns the respondents.
fn store_round(
    team: &mut crate::model::Team,
    round: crate::model::PerceptionRound,
    team_path: &Path,
    sheet: &Path,
) -> Result<usize, String> {
    let n = round.responses.len();
    team.add_round(round);
    if let Some(p) = crate::model::validate(team).first() {
        return Err(format!(
            "{}: the round would not be valid ({p}); the team file is unchanged",
            sheet.display()
        ));
    }
    io::save_team(team, team_path).map_err(|e| e.to_string())?;
    Ok(n)
}

/// Link the round labelled `round` to the snapshot labelled `snapshot` ("" unlinks), and
/// save (safe save, `.bak`); the file is unchanged if either is not found.
fn link_round(
    team_path: &Path,
    round: &str,
    snapshot: &str,
    out: &mut dyn std::io::Write,
) -> Result<(), String> {
    let mut team = io::open_team(team_path).map_err(|e| e.to_string())?;
    let labels = |v: Vec<&str>| v.join("”, “");
    if !snapshot.is_empty() && !team.snapshots.iter().any(|s| s.label == snapshot) {
        return Err(format!(
            "{}: no snapshot is labelled “{snapshot}” (it holds “{}”); the team file is unchanged",
            team_path.display(),
            labels(team.snapshots.iter().map(|s| s.label.as_str()).collect())
        ));
    }
    let known = labels(team.perceptions.iter().map(|r| r.label.as_str()).collect());
    let Some(r) = team.perceptions.iter_mut().find(|r| r.label == round) else {
        return Err(format!(
            "{}: no round is labelled “{round}” (it holds “{known}”); the team file is unchanged",
            team_path.display()
        ));
    };
    r.snapshot = (!snapshot.is_empty()).then(|| snapshot.to_owned());
    io::save_team(&team, team_path).map_err(|e| e.to_string())?;
    let _ = writeln!(
        out,
        "{}: the round “{round}” is {}",
        team_path.display(),
        if snapshot.is_empty() {
            "linked to no snapshot".to_owned()
        } else {
            format!("linked to the snapshot “{snapshot}”")
        }
    );
    Ok(())
}

fn import_perceptions(
    team_path: &Path,
    sheet: &Path,
    label: Option<&str>,
    instrument: Option<&str>,
    out: &mut dyn std::io::Write,
) -> Result<(), String> {
    if io::FileKind::of(team_path).map_err(|e| e.to_string())? != FileKind::Ron {
        return Err(format!(
            "{}: perception rounds are kept in a .ron team file; convert the spreadsheet first (teamscape convert team.csv team.ron)",
            team_path.display()
        ));
    }
    let mut team = io::open_team(team_path).map_err(|e| e.to_string())?;
    if let Some(spec) = instrument {
        let instrument = read_instrument(spec)?;
        let (responses, label) = responses_sheet(sheet, label)?;
        let round = crate::model::perceptions_csv::import_instrument_round(
            &team,
            &responses,
            &instrument,
            &label,
            &crate::format::today_iso(),
        )
        .map_err(|e| e.into_file_error(&io::display_path(sheet)).to_string())?;
        let n = store_round(&mut team, round, team_path, sheet)?;
        return writeln!(
            out,
            "{}: added the round “{label}” of “{}”, {n} respondents, from {}",
            team_path.display(),
            instrument.name,
            sheet.display()
        )
        .map_err(|e| e.to_string());
    }
    let (round, layout) = read_responses(&team, sheet, label)?;
    let label = round.label.clone();
    let n = store_round(&mut team, round, team_path, sheet)?;
    writeln!(
        out,
        "{}: added the round “{label}”, {n} respondents ({}), from {}",
        team_path.display(),
        match layout {
            crate::model::perceptions_csv::SheetLayout::Ratings => "ratings",
            crate::model::perceptions_csv::SheetLayout::Pairwise => "pairwise choices",
        },
        sheet.display()
    )
    .map_err(|e| e.to_string())
}
