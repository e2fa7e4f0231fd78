//! The command line read into a [`Command`]: every option and its value, then the words,
//! checked as one command with a message for each way it can be wrong.

use std::path::PathBuf;

use super::{Command, RendererChoice, RunOptions, UsageError, MAX_GENERATED};
use crate::analysis::report::Format;
use crate::model::families::GroupBy;

/// Everything the command line gave, before it is checked as one command.
#[derive(Default)]
struct Given {
    positional: Vec<String>,
    run: RunOptions,
    format: Option<Format>,
    members: Option<usize>,
    teams: Option<usize>,
    people: Option<usize>,
    round: Option<String>,
    instrument: Option<String>,
    snapshot: Option<String>,
    perceptions: Option<PathBuf>,
    kind: Option<crate::model::feedback::Kind>,
    involvement: Option<crate::model::feedback::Involvement>,
    note: Option<String>,
    /// `--same NAME=PERSON_ID` and `--separate NAME`, in order.
    answers: Vec<(String, crate::model::portfolio_team::Answer)>,
    /// `pay-year`'s announced award: `--uplift PERCENT`, `--source TEXT`, `--scale NAME`.
    uplift: Option<f64>,
    source: Option<String>,
    scale: Option<String>,
    /// `pay-year --table FILE`: a published table of the year's figures.
    table: Option<PathBuf>,
    /// `pay-year FILE --keep`: keep the file's own years in the manager's pay library.
    keep: bool,
}

/// What reading the arguments found: help or the version, which stop reading at once, or
/// everything given.
enum Read {
    Early(Command),
    Given(Box<Given>),
}

pub fn parse(args: &[String]) -> Result<Command, UsageError> {
    match read(args)? {
        Read::Early(command) => Ok(command),
        Read::Given(given) => command(*given),
    }
}

/// Read every option and its value, and the words between them.
fn read(args: &[String]) -> Result<Read, UsageError> {
    let mut o = Given::default();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |flag: &str| {
            iter.next()
                .cloned()
                .ok_or_else(|| UsageError(format!("{flag} needs a value")))
        };
        match arg.as_str() {
            "-h" | "--help" | "help" => return Ok(Read::Early(Command::Help)),
            "-V" | "--version" => return Ok(Read::Early(Command::Version)),
            "--renderer" => {
                let r = value("--renderer")?;
                o.run.renderer = Some(RendererChoice::parse(&r).ok_or_else(|| {
                    UsageError(format!("--renderer must be auto, wgpu or glow, not {r}"))
                })?);
            }
            "--format" => {
                let f = value("--format")?;
                o.format = Some(Format::parse(&f).ok_or_else(|| {
                    UsageError(format!("--format must be text, json or md, not {f}"))
                })?);
            }
            "--members" => {
                let n = value("--members")?;
                o.members = Some(
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
            "--teams" | "--people" => {
                let n = value(arg)?;
                let n = n
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=MAX_GENERATED).contains(n))
                    .ok_or_else(|| {
                        UsageError(format!(
                            "{arg} must be a whole number from 1 to {MAX_GENERATED}, not {n}"
                        ))
                    })?;
                if arg == "--teams" {
                    o.teams = Some(n);
                } else {
                    o.people = Some(n);
                }
            }
            "--view" => o.run.view = Some(value("--view")?),
            // A workbook's sheet and a portfolio's team are the part of FILE to read.
            "--sheet" | "--team" => {
                if o.run.sheet.is_some() {
                    return Err(UsageError(
                        "give one --sheet or --team: a file has one part to read".to_owned(),
                    ));
                }
                o.run.sheet = Some(value(arg)?);
            }
            "--round" => o.round = Some(value("--round")?),
            "--instrument" => o.instrument = Some(value("--instrument")?),
            "--snapshot" => o.snapshot = Some(value("--snapshot")?),
            "--kind" => {
                let k = value("--kind")?;
                o.kind = Some(crate::model::feedback::Kind::parse(&k).ok_or_else(|| {
                    UsageError(format!("--kind must be esq, fft or own, not {k}"))
                })?);
            }
            "--involvement" => {
                let v = value("--involvement")?;
                o.involvement = Some(crate::model::feedback::Involvement::parse(&v).ok_or_else(
                    || {
                        UsageError(format!(
                            "--involvement must be co-designed, consulted, informed or not-involved, not {v}"
                        ))
                    },
                )?);
            }
            "--note" => o.note = Some(value("--note")?),
            "--uplift" => {
                let v = value("--uplift")?;
                o.uplift = Some(
                    v.trim_end_matches('%')
                        .parse::<f64>()
                        .ok()
                        .filter(|p| p.is_finite() && (-50.0..=50.0).contains(p))
                        .ok_or_else(|| {
                            UsageError(format!(
                                "--uplift must be a percentage such as 3.0, from -50 to 50, not {v}"
                            ))
                        })?,
                );
            }
            "--source" => o.source = Some(value("--source")?),
            "--scale" => o.scale = Some(value("--scale")?),
            "--table" => o.table = Some(PathBuf::from(value("--table")?)),
            "--keep" => o.keep = true,
            "--same" => {
                let v = value("--same")?;
                let (name, id) = v
                    .split_once('=')
                    .ok_or_else(|| UsageError(format!("--same takes NAME=PERSON_ID, not {v}")))?;
                o.answers.push((
                    name.trim().to_owned(),
                    crate::model::portfolio_team::Answer::Same(id.trim().to_owned()),
                ));
            }
            "--separate" => {
                let name = value("--separate")?;
                o.answers
                    .push((name, crate::model::portfolio_team::Answer::Separate));
            }
            "--perceptions" => o.perceptions = Some(PathBuf::from(value("--perceptions")?)),
            "--theme" => {
                o.run.dark = match value("--theme")?.as_str() {
                    "dark" => Some(true),
                    "light" => Some(false),
                    other => {
                        return Err(UsageError(format!(
                            "--theme must be light or dark, not {other}"
                        )))
                    }
                };
            }
            "--screenshot" => o.run.screenshot = Some(PathBuf::from(value("--screenshot")?)),
            "--dump-layout" => o.run.dump_layout = Some(PathBuf::from(value("--dump-layout")?)),
            "--present" => o.run.present = true,
            "--hide-names" => o.run.hide_names = true,
            "--min-group" => {
                let n = value("--min-group")?;
                let range = crate::model::validate::MIN_GROUP_SIZE_RANGE;
                o.run.min_group = Some(
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
                o.run.group_by = GroupBy::from_key(&v).ok_or_else(|| {
                    UsageError(format!("--group-by must be discipline or family, not {v}"))
                })?;
            }
            "--export-slides" => {
                o.run.export_slides = Some(PathBuf::from(value("--export-slides")?));
            }
            flag if flag.starts_with("--") => {
                return Err(UsageError(format!("unknown option {flag}")));
            }
            _ => o.positional.push(arg.clone()),
        }
    }
    Ok(Read::Given(Box::new(o)))
}

/// The command the words and options make, or why they make none.
fn command(given: Given) -> Result<Command, UsageError> {
    let Given {
        positional,
        mut run,
        format,
        members,
        teams,
        people,
        round,
        instrument,
        snapshot,
        perceptions,
        kind,
        involvement,
        note,
        answers,
        uplift,
        source,
        scale,
        table,
        keep,
    } = given;
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
        Some("generate") => match (&positional[1..], members, teams, people) {
            ([output], Some(members), None, None) => Ok(Command::Generate {
                members,
                output: PathBuf::from(output),
            }),
            ([output], None, Some(teams), Some(people)) => Ok(Command::GeneratePortfolio {
                teams,
                people,
                output: PathBuf::from(output),
            }),
            _ => Err(UsageError(
                "generate takes --members N and OUT (a team), or --teams T --people P and OUT (a portfolio)"
                    .to_owned(),
            )),
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
        Some("portfolio") => match &positional[1..] {
            [import, sheet, output] if import == "import" => Ok(Command::PortfolioImport {
                sheet: PathBuf::from(sheet),
                output: PathBuf::from(output),
            }),
            [add, team, portfolio] if add == "add" => Ok(Command::PortfolioAdd {
                team: PathBuf::from(team),
                portfolio: PathBuf::from(portfolio),
                answers,
            }),
            [report, file] if report == "report" => Ok(Command::PortfolioReport {
                file: PathBuf::from(file),
                format: format.unwrap_or(Format::Text),
                hide_names: run.hide_names,
            }),
            [snapshot, file, label] if snapshot == "snapshot" => Ok(Command::PortfolioSnapshot {
                file: PathBuf::from(file),
                label: label.clone(),
            }),
            [compare, before, after] if compare == "compare" => Ok(Command::PortfolioCompare {
                before: before.clone(),
                after: after.clone(),
                format: format.unwrap_or(Format::Text),
                hide_names: run.hide_names,
            }),
            _ => Err(UsageError(
                "portfolio import takes STAFF.csv and OUT.ron; portfolio add takes TEAM and PORTFOLIO.ron; portfolio report takes FILE (and --format, --hide-names); portfolio snapshot takes PORTFOLIO.ron and LABEL; portfolio compare takes BEFORE and AFTER, each FILE or FILE#LABEL"
                    .to_owned(),
            )),
        },
        Some("feedback") => feedback_command(
            &positional[1..],
            kind,
            round,
            instrument,
            snapshot,
            involvement,
            note,
        ),
        Some("pay-year") if keep => match (&positional[1..], uplift, table) {
            ([file], None, None) => Ok(Command::KeepPayYears {
                file: PathBuf::from(file),
            }),
            _ => Err(UsageError(
                "pay-year FILE --keep takes only FILE: it keeps the years FILE made by hand in your pay library".to_owned(),
            )),
        },
        Some("pay-year") => match (&positional[1..], uplift, source, table) {
            ([file], None, None, None) => Ok(Command::PayYear {
                file: PathBuf::from(file),
                year: None,
                made: None,
            }),
            ([file, year], None, None, None) => Ok(Command::PayYear {
                file: PathBuf::from(file),
                year: Some(year.clone()),
                made: None,
            }),
            ([file, year], Some(percent), Some(source), None) => Ok(Command::PayYear {
                file: PathBuf::from(file),
                year: Some(year.clone()),
                made: Some(crate::cli::MadeYear::Uplift(crate::model::pay::Uplift {
                    percent,
                    source,
                    scale,
                })),
            }),
            ([file, year], None, Some(source), Some(table)) => Ok(Command::PayYear {
                file: PathBuf::from(file),
                year: Some(year.clone()),
                made: Some(crate::cli::MadeYear::Table { table, source }),
            }),
            ([_, _], Some(_), _, Some(_)) => Err(UsageError(
                "pay-year takes --uplift or --table, not both".to_owned(),
            )),
            ([_, _], None, None, Some(_)) => Err(UsageError(
                "--table needs --source \"…\": the published table's title and date".to_owned(),
            )),
            ([_, _], Some(_), None, None) => Err(UsageError(
                "--uplift needs --source \"…\": where the award was announced, and when".to_owned(),
            )),
            _ => Err(UsageError(
                "pay-year takes FILE and an optional YEAR (with --uplift PERCENT --source TEXT [--scale NAME] for a year the library does not hold)".to_owned(),
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

/// `teamscape feedback import|link|quote|involvement`.
fn feedback_command(
    rest: &[String],
    kind: Option<crate::model::feedback::Kind>,
    round: Option<String>,
    instrument: Option<String>,
    snapshot: Option<String>,
    involvement: Option<crate::model::feedback::Involvement>,
    note: Option<String>,
) -> Result<Command, UsageError> {
    match (rest, kind) {
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
