//! The command line, run as a user runs it: the real binary, its exit codes and messages.

use std::process::{Command, Output};

use teamscape::cli::RendererChoice;

fn teamscape(args: &[&str]) -> Output {
    // A data folder that does not exist: no pay library of the developer's own comes in.
    with_data_folder(std::path::Path::new("/nonexistent/teamscape-tests"))
        .args(args)
        .output()
        .unwrap()
}

/// The command with its data folder (where the manager's pay library is) at `data`, on
/// Linux and on Windows alike.
fn with_data_folder(data: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_teamscape"));
    c.env("XDG_DATA_HOME", data).env("LOCALAPPDATA", data);
    c
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn every_sample_passes_check() {
    // The sample teams, and the sample portfolio that joins them (every team of it checked).
    let portfolio =
        std::path::PathBuf::from("sample_teams/service/children-and-families-service.ron");
    let teams = std::fs::read_dir("sample_teams")
        .unwrap()
        .map(|e| e.unwrap().path());
    for path in teams.filter(|p| p.is_file()).chain([portfolio]) {
        let out = teamscape(&["check", path.to_str().unwrap()]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {}",
            path.display(),
            text(&out.stderr)
        );
        assert!(text(&out.stdout).contains("ok"));
    }
}

#[test]
fn check_lists_every_problem_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.csv");
    std::fs::write(
        &path,
        "name,discipline,salary,fte\nAnn,Social work,lots,1\nBob,Nursing,30000,7\n",
    )
    .unwrap();
    let out = teamscape(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("line 2, column “salary”"), "{err}");
    assert!(err.contains("line 3, column “fte”"), "{err}");
}

#[test]
fn missing_and_garbage_files_exit_1_not_101() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = dir.path().join("garbage.ron");
    std::fs::write(&garbage, [0xffu8, 0x00, 0x13, 0x37]).unwrap();
    for args in [
        vec!["check", "/no/such/team.ron"],
        vec!["check", garbage.to_str().unwrap()],
        vec!["check", "Cargo.toml"],
        vec!["convert", "/no/such.csv", "/tmp/x.ron"],
    ] {
        let out = teamscape(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(!text(&out.stderr).contains("panicked"), "{args:?}");
        assert!(!text(&out.stderr).is_empty());
    }
}

#[test]
fn convert_csv_to_ron_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let ron = dir.path().join("yot.ron");
    let csv = dir.path().join("yot.csv");
    let out = teamscape(&[
        "convert",
        "tests/data/samples_csv/youth-offending-team.csv",
        ron.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = teamscape(&["convert", ron.to_str().unwrap(), csv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(written.lines().count(), 20, "header and 19 members");
    assert!(written.contains("Denise Okafor,YOT manager,Social work"));
}

#[test]
fn convert_refuses_to_overwrite_its_input() {
    let out = teamscape(&[
        "convert",
        "sample_teams/camhs-team.ron",
        "sample_teams/camhs-team.ron",
    ]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn help_and_usage_errors() {
    let out = teamscape(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout);
    for word in [
        "check FILE",
        "convert IN OUT",
        "--screenshot",
        "feedback import",
    ] {
        assert!(help.contains(word), "{word}");
    }
    // The charts are listed from the registry: every one, however the text is wrapped.
    let flat = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        !help.contains("{charts}"),
        "the chart list was not filled in"
    );
    for chart in teamscape::ui::charts::ChartId::all() {
        assert!(
            flat.contains(&format!(" {},", chart.id()))
                || flat.contains(&format!(" {}.", chart.id())),
            "{}",
            chart.id()
        );
    }
    let out = teamscape(&["--bogus"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("unknown option --bogus"));
    assert_eq!(teamscape(&["check"]).status.code(), Some(2));
    // The layout dump describes the pictured frame: without a picture there is none.
    let out = teamscape(&["--dump-layout", "/tmp/never.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("give --screenshot too"));
    assert!(!std::path::Path::new("/tmp/never.json").exists());
}

#[test]
fn version_and_renderer_choice() {
    let out = teamscape(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        concat!("teamscape ", env!("CARGO_PKG_VERSION"), "\n")
    );
    assert!(text(&teamscape(&["--help"]).stdout).contains("--renderer auto|wgpu|glow"));
    // A wrong renderer is a wrong command line, said before any window opens.
    let out = teamscape(&["--renderer", "directx9"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--renderer must be auto, wgpu or glow, not directx9"));
    for (word, choice) in [
        ("auto", RendererChoice::Auto),
        ("WGPU", RendererChoice::Wgpu),
        ("glow", RendererChoice::Glow),
        (" opengl ", RendererChoice::Glow),
    ] {
        assert_eq!(RendererChoice::parse(word), Some(choice), "{word}");
    }
    assert_eq!(RendererChoice::parse("vulkan"), None);
}

#[test]
fn report_in_every_format() {
    let out = teamscape(&["report", "sample_teams/youth-offending-team.ron"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let t = text(&out.stdout);
    assert!(
        t.contains("Conditions ladder") && t.contains("Findings"),
        "{t}"
    );
    // --min-group needs --hide-names, and a sensible number.
    let out = teamscape(&[
        "report",
        "sample_teams/youth-offending-team.ron",
        "--min-group",
        "4",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("only with --hide-names"));
    let out = teamscape(&[
        "report",
        "sample_teams/youth-offending-team.ron",
        "--hide-names",
        "--min-group",
        "0",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let out = teamscape(&[
        "report",
        "sample_teams/youth-offending-team.ron",
        "--hide-names",
        "--min-group",
        "4",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(v["team"]["min_group_size"], 4);
    let out = teamscape(&[
        "report",
        "sample_teams/youth-offending-team.ron",
        "--format",
        "md",
    ]);
    assert!(text(&out.stdout).starts_with("# Northbrook Youth Offending Team"));
    let out = teamscape(&[
        "report",
        "tests/data/samples_csv/camhs-team.csv",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["team"]["headcount"], 16);
    assert_eq!(
        teamscape(&["report", "x.ron", "--format", "pdf"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn generate_writes_a_valid_team() {
    let dir = tempfile::tempdir().unwrap();
    for ext in ["ron", "csv"] {
        let path = dir.path().join(format!("big.{ext}"));
        let out = teamscape(&["generate", "--members", "300", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let out = teamscape(&["check", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert!(text(&out.stdout).contains("300 members"));
    }
    assert_eq!(
        teamscape(&["generate", "--members", "lots", "x.ron"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn an_unknown_view_is_a_wrong_command_line_and_exits_2() {
    // Decided before any window opens, so no display is needed.
    let out = teamscape(&["sample_teams/camhs-team.ron", "--view", "spiral"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains("unknown view “spiral”"), "{err}");
    assert!(
        err.contains("chart:pay"),
        "the message lists what is allowed: {err}"
    );
}

#[test]
fn pay_year_lists_sources_and_re_rates_a_file_keeping_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.ron");
    std::fs::copy("sample_teams/camhs-team.ron", &path).unwrap();
    let file = path.to_str().unwrap();
    let out = teamscape(&["pay-year", file]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let listing = text(&out.stdout);
    assert!(listing.contains("pay year 2025/26"), "{listing}");
    assert!(
        listing.contains("NHS Agenda for Change 2025/26 from 2025-04-01: "),
        "{listing}"
    );
    assert!(
        listing.contains("Library years: 2024/25, 2025/26"),
        "{listing}"
    );

    let before = std::fs::read(&path).unwrap();
    let out = teamscape(&["pay-year", file, "2024/25"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Pay year 2024/25: 16 of 16 salaries"));
    assert_eq!(
        std::fs::read(dir.path().join("team.ron.bak")).unwrap(),
        before
    );
    let team = teamscape::model::io::open_team(&path).unwrap();
    assert_eq!(team.pay_year.as_deref(), Some("2024/25"));
    // Dr Qureshi, five years a consultant, is on the point after 4 years: £114,894 in 2024/25.
    assert_eq!(team.fte_salary(&team.members[0]), Some(114_894.0));

    // A year the library lacks changes nothing and says which it has.
    let saved = std::fs::read(&path).unwrap();
    let out = teamscape(&["pay-year", file, "2031/32"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("it has 2024/25, 2025/26"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read(&path).unwrap(), saved);
}

#[test]
fn pay_year_reads_a_published_table_and_names_the_line_of_a_bad_row() {
    use std::fmt::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.ron");
    std::fs::copy("sample_teams/camhs-team.ron", &path).unwrap();
    let file = path.to_str().unwrap();
    let team = teamscape::model::io::open_team(&path).unwrap();
    let afc = team
        .pay_scales
        .iter()
        .find(|s| s.name == "NHS Agenda for Change")
        .unwrap();
    // Every Agenda for Change point, £1,000 more than in 2025/26 (Band 5 entry 31,049 →
    // 32,049), with Windows line ends and the columns in another order.
    let mut table = "Salary,Scale,Point\r\n".to_owned();
    for p in &afc.points {
        let _ = write!(
            table,
            "\"£{}\",NHS Agenda for Change,{}\r\n",
            p.salary + 1000.0,
            p.name
        );
    }
    let good = dir.path().join("afc.csv");
    std::fs::write(&good, &table).unwrap();
    // A point the scale does not have, on line 4: refused, naming it, the file untouched.
    let mut lines: Vec<&str> = table.split("\r\n").collect();
    lines[3] = "30000,NHS Agenda for Change,Band 99";
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, lines.join("\r\n")).unwrap();
    let saved = std::fs::read(&path).unwrap();
    let args = |t: &str| {
        vec![
            "pay-year".to_owned(),
            file.to_owned(),
            "2026/27".to_owned(),
            "--table".to_owned(),
            t.to_owned(),
            "--source".to_owned(),
            "NHS Employers pay table 2026/27 (test)".to_owned(),
        ]
    };
    let run = |a: Vec<String>| {
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        teamscape(&a)
    };
    let out = run(args(bad.to_str().unwrap()));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr)
            .contains("line 4, column point: NHS Agenda for Change has no point called “Band 99”"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read(&path).unwrap(), saved);
    let out = run(args(good.to_str().unwrap()));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Pay year 2026/27: NHS Agenda for Change read from the table")
    );
    let team = teamscape::model::io::open_team(&path).unwrap();
    let afc = team
        .pay_scales
        .iter()
        .find(|s| s.name == "NHS Agenda for Change")
        .unwrap();
    assert_eq!(afc.point("Band 5 entry").unwrap().salary, 32_049.0);
    assert!(afc.points.iter().all(|p| p.estimated.is_none()));
    assert_eq!(
        (afc.year.as_str(), afc.effective.as_str()),
        ("2026/27", "2026-04-01")
    );
    // The other scales are still 2025/26, so the team's pay year stays.
    assert_eq!(team.pay_year.as_deref(), Some("2025/26"));
}

#[test]
fn pay_year_makes_a_year_from_an_announced_award_every_figure_estimated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.ron");
    std::fs::copy("sample_teams/camhs-team.ron", &path).unwrap();
    let file = path.to_str().unwrap();
    // No source, no year: refused before anything is read or written.
    let saved = std::fs::read(&path).unwrap();
    let out = teamscape(&["pay-year", file, "2026/27", "--uplift", "3.0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--uplift needs --source"));
    assert_eq!(std::fs::read(&path).unwrap(), saved);
    let out = teamscape(&[
        "pay-year",
        file,
        "2026/27",
        "--uplift",
        "3.0",
        "--source",
        "Announced award, 2026 (test)",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("Pay year 2026/27: "), "{said}");
    assert!(said.contains("raised by 3%"), "{said}");
    let team = teamscape::model::io::open_team(&path).unwrap();
    assert_eq!(team.pay_year.as_deref(), Some("2026/27"));
    // Dr Qureshi, on the consultants' point after 4 years, £119,490 in 2025/26 (a point the
    // library estimates): £123,074.70, so £123,075.
    assert_eq!(team.fte_salary(&team.members[0]), Some(123_075.0));
    assert!(team.pay_scales.iter().flat_map(|s| &s.points).all(|p| p
        .estimated
        .as_deref()
        .is_some_and(|e| e.contains("Announced award, 2026 (test)"))));
    // Listed: no longer out of date; the file's old version kept.
    let out = teamscape(&["pay-year", file]);
    assert!(
        !text(&out.stdout).contains("Out of date"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(
        std::fs::read(dir.path().join("team.ron.bak")).unwrap(),
        saved
    );
}

#[test]
fn convert_to_xlsx_with_and_without_names_and_read_back_by_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("camhs.xlsx");
    let b = book.to_str().unwrap();
    let out = teamscape(&["convert", "sample_teams/camhs-team.ron", b]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // Read back, by name, and by content under a name that says CSV.
    let out = teamscape(&["check", b, "--sheet", "Members"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("16 members"),
        "{}",
        text(&out.stdout)
    );
    assert!(text(&out.stderr).contains("Read the sheet “Members”"));
    let out = teamscape(&["check", b, "--sheet", "Findings"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("“name”"),
        "{}",
        text(&out.stderr)
    );
    // Names hidden: only figures and findings, so no team to open.
    let hidden = dir.path().join("hidden.xlsx");
    let h = hidden.to_str().unwrap();
    let out = teamscape(&["convert", "sample_teams/camhs-team.ron", h, "--hide-names"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = teamscape(&["report", h]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("no sheet of the workbook"),
        "{}",
        text(&out.stderr)
    );
    // A .ron or .csv lists every member by name: --hide-names cannot apply to it.
    let csv = dir.path().join("x.csv");
    let out = teamscape(&[
        "convert",
        "sample_teams/camhs-team.ron",
        csv.to_str().unwrap(),
        "--hide-names",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!csv.exists());
    // Teamscape writes .xlsx, not .ods.
    let ods = dir.path().join("x.ods");
    let out = teamscape(&[
        "convert",
        "sample_teams/camhs-team.ron",
        ods.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains(".xlsx"), "{}", text(&out.stderr));
}

#[test]
fn a_windows_1252_csv_is_read_with_a_notice_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("staff.csv");
    std::fs::write(
        &path,
        b"name,discipline,salary\r\nSi\xe2n Evans,Nursing,37338\r\n",
    )
    .unwrap();
    let out = teamscape(&["report", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("Windows-1252"));
    // The notice goes to stderr, so the JSON on stdout stays clean.
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["team"]["headcount"], 1, "{json}");
    assert_eq!(json["disciplines"][0]["name"], "Nursing");
}

#[test]
fn compare_a_snapshot_with_now_and_with_a_csv_copy() {
    let before = "sample_teams/camhs-team.ron#Before the locality restructure";
    let out = teamscape(&[
        "compare",
        before,
        "sample_teams/camhs-team.ron",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["members"]["removed"],
        serde_json::json!(["Dr Rachel Adams"])
    );
    assert_eq!(
        json["members"]["moved_to_periphery"],
        serde_json::json!(["Karen Doyle", "Paul Jennings"])
    );
    assert_eq!(json["members"]["changed"][0]["matched_by"], "id");

    // The same team as a spreadsheet, one FTE changed: a spreadsheet's ids are made up as
    // it is read, so every member is matched by name and discipline.
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("camhs.csv");
    let sample = std::path::Path::new("sample_teams/camhs-team.ron");
    let mut team = teamscape::model::io::open_team(sample).unwrap();
    team.members[2].fte = 0.5;
    let changed = team.members[2].name.clone();
    teamscape::model::io::save_team(&team, &csv).unwrap();
    let out = teamscape(&[
        "compare",
        "sample_teams/camhs-team.ron",
        csv.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["members"]["added"], serde_json::json!([]));
    assert_eq!(json["members"]["removed"], serde_json::json!([]));
    let only = &json["members"]["changed"];
    assert_eq!(only.as_array().map(Vec::len), Some(1), "{only}");
    assert_eq!(only[0]["name"], changed.as_str());
    assert_eq!(only[0]["matched_by"], "name");
    assert_eq!(only[0]["fields"]["fte"][1], 0.5);

    // With names hidden nobody is named.
    let out = teamscape(&[
        "compare",
        before,
        "sample_teams/camhs-team.ron",
        "--hide-names",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    for name in ["Rachel Adams", "Karen Doyle", "Amy Cartwright"] {
        assert!(!report.contains(name), "{name} named:\n{report}");
    }
    // A label is free text that may name someone: with names hidden, snapshots go by number.
    assert!(report.contains("Snapshot 1 (13 March 2026)"), "{report}");
    assert!(!report.contains("locality restructure"), "{report}");

    // With names hidden, across files, members are still matched by name: the one change
    // is counted, nobody joined or left.
    let out = teamscape(&[
        "compare",
        "sample_teams/camhs-team.ron",
        csv.to_str().unwrap(),
        "--hide-names",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["members"],
        serde_json::json!({"added": 0, "removed": 0, "changed": 1, "moved_to_core": 0, "moved_to_periphery": 0})
    );
}

/// With names hidden, the comparison shows the room's groups, as the report does: small
/// disciplines by family, or families throughout with --group-by family.
#[test]
fn compare_with_names_hidden_groups_as_the_report_does() {
    let yot = "sample_teams/youth-offending-team.ron";
    let groups = |by: &str| -> Vec<(String, u64)> {
        let out = teamscape(&[
            "compare",
            yot,
            yot,
            "--hide-names",
            "--group-by",
            by,
            "--format",
            "json",
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json["disciplines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["name"].as_str().unwrap().to_owned(),
                    d["old"]["headcount"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let by_discipline = groups("discipline");
    assert!(
        by_discipline.contains(&("Youth justice".to_owned(), 6)),
        "{by_discipline:?}"
    );
    // Two youth workers and a careers adviser: alone each is too small, as a family they show.
    assert!(
        by_discipline.contains(&("Education, early years and youth work".to_owned(), 3)),
        "{by_discipline:?}"
    );
    let by_family = groups("family");
    // Youth justice (6), police (1) and probation (1).
    assert!(
        by_family.contains(&("Justice and policing".to_owned(), 8)),
        "{by_family:?}"
    );
    assert!(
        !by_family.iter().any(|(n, _)| n == "Youth justice"),
        "{by_family:?}"
    );
}

#[test]
fn compare_names_the_snapshots_a_file_has_when_a_label_is_wrong() {
    let out = teamscape(&[
        "compare",
        "sample_teams/camhs-team.ron#March",
        "sample_teams/camhs-team.ron",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("no snapshot is called “March”")
            && err.contains("“Before the locality restructure”"),
        "{err}"
    );
    let out = teamscape(&["compare", "sample_teams/camhs-team.ron"]);
    assert_eq!(out.status.code(), Some(2));
}

/// Excel writes CSV with CRLF line endings; the csv crate counts lines wrongly after a CRLF
/// record (rust-csv #395), so Teamscape counts them itself. The problem is on line 5 either
/// way, for `check` and for `perceptions import`.
#[test]
fn line_numbers_are_right_for_crlf_and_lf_files() {
    let dir = tempfile::tempdir().unwrap();
    let rows = [
        "name,discipline,salary,fte",
        "Ann,Social work,30000,1",
        "Bob,Social work,31000,1",
        "Cat,Social work,32000,1",
        "Dan,Nursing,lots,1",
    ];
    for (ending, name) in [("\r\n", "crlf.csv"), ("\n", "lf.csv")] {
        let path = dir.path().join(name);
        std::fs::write(&path, rows.join(ending) + ending).unwrap();
        let out = teamscape(&["check", path.to_str().unwrap()]);
        let err = text(&out.stderr);
        assert!(err.contains("line 5, column “salary”"), "{name}: {err}");
    }
    let team = dir.path().join("team.ron");
    let out = teamscape(&[
        "convert",
        "sample_teams/youth-offending-team.ron",
        team.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let answers = [
        "rater_discipline,feel_valued,say: Social work",
        "Social work,4,3",
        "Social work,4,3",
        "Social work,4,3",
        "Social work,9,3",
    ];
    for (ending, name) in [("\r\n", "crlf-answers.csv"), ("\n", "lf-answers.csv")] {
        let path = dir.path().join(name);
        std::fs::write(&path, answers.join(ending) + ending).unwrap();
        let out = teamscape(&[
            "perceptions",
            "import",
            team.to_str().unwrap(),
            path.to_str().unwrap(),
        ]);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(
            err.contains("line 5, column “feel_valued”"),
            "{name}: {err}"
        );
    }
}

/// A round imported into a team with a one-person discipline stores no response under that
/// discipline: read back from the saved file, the clinical psychologist's answers stand under
/// no discipline (her family, medicine and psychology, has no one else here), and the order
/// of the rows is not kept.
#[test]
fn an_imported_round_stores_no_answer_under_a_one_person_discipline() {
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("team.ron");
    let out = teamscape(&[
        "convert",
        "sample_teams/youth-offending-team.ron",
        team.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let before = teamscape::model::io::open_team(&team).unwrap();
    let psychology = before.discipline_by_name("Clinical psychology").unwrap().id;
    let justice = before.discipline_by_name("Youth justice").unwrap().id;
    assert_eq!(
        before
            .members
            .iter()
            .filter(|m| m.discipline == psychology)
            .count(),
        1
    );
    let sheet = dir.path().join("answers.csv");
    let mut rows = vec!["rater_discipline,feel_valued,say: Social work".to_owned()];
    rows.push("Clinical psychology,5,4".to_owned());
    rows.push("Police,3,4".to_owned());
    for k in 0..12 {
        rows.push(format!("Youth justice,{},{}", 1 + k % 5, 1 + (k + 2) % 5));
    }
    std::fs::write(&sheet, rows.join("\n") + "\n").unwrap();
    let out = teamscape(&[
        "perceptions",
        "import",
        team.to_str().unwrap(),
        sheet.to_str().unwrap(),
        "--round",
        "Away day",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let saved = std::fs::read_to_string(&team).unwrap();
    let after = teamscape::model::io::from_ron(&saved, "team.ron").unwrap();
    let round = after
        .perceptions
        .iter()
        .find(|r| r.label == "Away day")
        .unwrap();
    assert!(round.protected);
    assert_eq!(round.responses.len(), 14);
    assert!(
        round.responses.iter().all(|r| r.rater != Some(psychology)),
        "no answer under the one-person discipline"
    );
    // Police (1) and probation (1) are in youth justice's family, which is large: the
    // police officer's answers are kept with the family, not the discipline.
    let police = before.discipline_by_name("Police").unwrap().id;
    assert!(round.responses.iter().all(|r| r.rater != Some(police)));
    assert_eq!(
        round
            .responses
            .iter()
            .filter(|r| r.rater_family == Some(teamscape::model::Family::Justice))
            .count(),
        1
    );
    // The large discipline is stored as it was given.
    assert_eq!(
        round
            .responses
            .iter()
            .filter(|r| r.rater == Some(justice))
            .count(),
        12
    );
    // Shuffled: the 12 youth justice rows' answers, in file order, are not the order given
    // (feel-valued 1 to 5 three, three, two, two and two times: 12!/(3!·3!·2!·2!·2!) =
    // 1,663,200 orders, so a shuffle keeps this one about once in 1.7 million).
    let given: Vec<u8> = (0..12).map(|k| 1 + (k % 5) as u8).collect();
    let stored: Vec<u8> = round
        .responses
        .iter()
        .filter(|r| r.rater == Some(justice))
        .filter_map(|r| r.feel_valued)
        .collect();
    assert_ne!(stored, given, "the order given is not kept");
    assert!(!saved.contains("Clinical psychology,5"));
}

/// Families' feedback through the command line, figures worked by hand. Six parents answer
/// item 7 (working together): certainly ×3, partly ×1, not ×1, don't know ×1, so n = 6,
/// the share certainly true 3/6, and the mean score (2+2+2+1+0)/5 = 1.4. Four young people
/// answer it certainly ×2, partly ×2. With names hidden (minimum 5) the young people's form
/// is withheld, and so is the figure over both forms: 10 − 6 would give away their 4.
#[test]
fn feedback_import_measures_by_hand_and_the_room_sees_no_small_form() {
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("team.ron");
    std::fs::copy("sample_teams/youth-offending-team.ron", &team).unwrap();
    let sheet = dir.path().join("esq.csv");
    let row = |id: &str, form: &str, q7: &str, liked: &str| {
        let mut cells = vec![id.to_owned(), form.to_owned(), "2026-05-01".to_owned()];
        for q in 1..=12 {
            cells.push(if q == 7 { q7 } else { "certainly true" }.to_owned());
        }
        cells.extend([liked.to_owned(), String::new(), String::new()]);
        cells.join(",")
    };
    let mut lines = vec![format!(
        "respondent,form,date,{},liked,improve,other",
        (1..=12)
            .map(|q| format!("q{q}"))
            .collect::<Vec<_>>()
            .join(",")
    )];
    for (k, q7) in [
        "Certainly true",
        "certainly true",
        "CERTAINLY TRUE",
        "partly true",
        "not true",
        "Don’t know",
    ]
    .iter()
    .enumerate()
    {
        lines.push(row(&format!("p{k}"), "parent", q7, "Family secret alpha"));
    }
    for (k, q7) in [
        "certainly true",
        "certainly true",
        "partly true",
        "partly true",
    ]
    .iter()
    .enumerate()
    {
        lines.push(row(&format!("y{k}"), "12-18", q7, ""));
    }
    std::fs::write(&sheet, lines.join("\n")).unwrap();
    let out = teamscape(&[
        "feedback",
        "import",
        team.to_str().unwrap(),
        sheet.to_str().unwrap(),
        "--kind",
        "esq",
        "--round",
        "Spring",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report = |hidden: bool| {
        let mut args = vec!["report", team.to_str().unwrap(), "--format", "json"];
        if hidden {
            args.push("--hide-names");
        }
        let out = teamscape(&args);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let shown: serde_json::Value = serde_json::from_str(&report(false)).unwrap();
    let rounds = shown["service_users"]["rounds"].as_array().unwrap();
    assert_eq!(rounds.len(), 2);
    let parents = &rounds[0];
    assert_eq!(
        (parents["form"].as_str(), parents["respondents"].as_u64()),
        (Some("parent"), Some(6))
    );
    let q7 = &parents["items"][6];
    assert_eq!(
        [
            &q7["n"],
            &q7["certainly"],
            &q7["partly"],
            &q7["not"],
            &q7["dont_know"]
        ]
        .map(serde_json::Value::as_u64),
        [Some(6), Some(3), Some(1), Some(1), Some(1)]
    );
    assert!((q7["mean_score"].as_f64().unwrap() - 1.4).abs() < 1e-12);
    assert!(parents["percent_positive"].is_null());
    let now = &shown["service_users"]["side_by_side"][0]["families"][0];
    assert_eq!(now["n"].as_u64(), Some(10));
    assert!(
        (now["share"].as_f64().unwrap() - 0.5).abs() < 1e-12,
        "5 of 10 certainly true"
    );

    let hidden_text = report(true);
    assert!(
        !hidden_text.contains("Family secret alpha"),
        "a comment reached the room"
    );
    let hidden: serde_json::Value = serde_json::from_str(&hidden_text).unwrap();
    let rounds = hidden["service_users"]["rounds"].as_array().unwrap();
    assert_eq!(rounds[0]["items"][6]["n"].as_u64(), Some(6));
    assert!(rounds[1]["respondents"].is_null() && rounds[1]["items"][6]["certainly"].is_null());
    let now = &hidden["service_users"]["side_by_side"][0]["families"][0];
    assert!(now["n"].is_null() && now["share"].is_null(), "{now}");
    for format in ["md", "text"] {
        let out = teamscape(&[
            "report",
            team.to_str().unwrap(),
            "--format",
            format,
            "--hide-names",
        ]);
        assert!(!text(&out.stdout).contains("Family secret alpha"));
    }
}

/// A misspelt answer, an item the ESQ does not have, or an FFT rating out of range: each is
/// refused with its line and column, and the team file is byte for byte as it was.
#[test]
fn a_bad_feedback_sheet_is_refused_by_cell_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("team.ron");
    std::fs::copy("sample_teams/camhs-team.ron", &team).unwrap();
    let before = std::fs::read(&team).unwrap();
    let header = format!(
        "respondent,form,date,{}",
        (1..=12)
            .map(|q| format!("q{q}"))
            .collect::<Vec<_>>()
            .join(",")
    );
    let answers = |third: &str| {
        let mut a = ["certainly true"; 12];
        a[2] = third;
        a.join(",")
    };
    let cases = [
        (
            "esq",
            format!(
                "{header}\r\na,parent,2026-05-01,{}\r\nb,parent,2026-05-01,{}\r\n",
                answers("partly true"),
                answers("partley true")
            ),
            "line 3, column “q3”",
        ),
        (
            "esq",
            "respondent,form,q1,q13\na,parent,not true,not true\n".to_owned(),
            "line 1, column “q13”",
        ),
        (
            "esq",
            format!(
                "{header}\na,grandparent,2026-05-01,{}\n",
                answers("not true")
            ),
            "line 2, column “form”",
        ),
        (
            "fft",
            "date,rating,comment\n2026-05-01,6,\n".to_owned(),
            "line 2, column “rating”",
        ),
        (
            "fft",
            "date,rating,coment\n2026-05-01,1,lost?\n".to_owned(),
            "line 1, column “coment”",
        ),
    ];
    for (kind, sheet, place) in cases {
        let path = dir.path().join("bad.csv");
        std::fs::write(&path, sheet).unwrap();
        let out = teamscape(&[
            "feedback",
            "import",
            team.to_str().unwrap(),
            path.to_str().unwrap(),
            "--kind",
            kind,
        ]);
        assert_eq!(out.status.code(), Some(1), "{place}");
        assert!(
            text(&out.stderr).contains(place),
            "{place}: {}",
            text(&out.stderr)
        );
        assert_eq!(
            std::fs::read(&team).unwrap(),
            before,
            "{place}: the file changed"
        );
    }
    // A quote naming a member is refused the same way.
    let out = teamscape(&[
        "feedback",
        "quote",
        team.to_str().unwrap(),
        "--round",
        "Families, autumn 2026",
        "Joanne Price sorted it all out",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("it holds “Joanne”, part of a team member's name"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read(&team).unwrap(), before);
}

/// A team file edited by hand into an ESQ response of eleven answers, or an own answer off
/// its scale, opens with a problem named, not a crash or a wrong figure.
#[test]
fn a_hand_edited_feedback_round_is_a_problem_not_a_crash() {
    let text_of = std::fs::read_to_string("sample_teams/camhs-team.ron").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.ron");
    let mut team = teamscape::model::io::from_ron(&text_of, "t").unwrap();
    team.feedback[0].responses[0].answers = match &team.feedback[0].responses[0].answers {
        teamscape::model::feedback::Answers::Esq { form, items } => {
            teamscape::model::feedback::Answers::Esq {
                form: *form,
                items: items[..11].to_vec(),
            }
        }
        other => other.clone(),
    };
    std::fs::write(&path, teamscape::model::io::to_ron(&team).unwrap()).unwrap();
    let out = teamscape(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("holds 11 ESQ answers; the ESQ has 12")
            || text(&out.stderr).contains("holds 11 ESQ answers; the ESQ has 12"),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
}

/// A year the manager kept in their own pay library is one every command can re-rate to.
#[test]
fn pay_year_re_rates_to_a_year_kept_in_the_managers_library() {
    use teamscape::model::pay::own;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (team, raised) = crate::common::camhs_with_a_year_of_its_own();
    let made = dir.path().join("made.ron");
    teamscape::model::io::save_team(&raised, &made).unwrap();
    let run =
        |data: &std::path::Path, args: &[&str]| with_data_folder(data).args(args).output().unwrap();
    // Kept from the team file that made it.
    let out = run(&data, &["pay-year", made.to_str().unwrap(), "--keep"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("kept Consultants (England) 2031/32 in your pay library"),
        "{}",
        text(&out.stdout)
    );
    // The Linux data folder is $XDG_DATA_HOME/teamscape; Windows's is %LOCALAPPDATA%\Teamscape.
    let library = if cfg!(windows) {
        data.join("Teamscape")
    } else {
        data.join("teamscape")
    };
    assert_eq!(
        own::read(&library.join(own::FILE_NAME))
            .unwrap()
            .years
            .len(),
        1
    );
    // Another team, on 2025/26, re-rated to the kept year.
    let file = dir.path().join("camhs.ron");
    teamscape::model::io::save_team(&team, &file).unwrap();
    let out = run(&data, &["pay-year", file.to_str().unwrap(), "2031/32"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let team = teamscape::model::io::open_team(&file).unwrap();
    // Dr Qureshi on point 3: £119,490 × 1.1 = £131,439.
    assert_eq!(team.fte_salary(&team.members[0]), Some(131_439.0));
    // Without the manager's library, the year is unknown and the file is left alone.
    let out = run(
        &dir.path().join("elsewhere"),
        &["pay-year", file.to_str().unwrap(), "2031/32"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("no pay year “2031/32”"),
        "{}",
        text(&out.stderr)
    );
    // A broken library is named, and every command carries on with the built-in one.
    std::fs::write(library.join(own::FILE_NAME), "(years: [\n  (key: 3),\n])\n").unwrap();
    let out = run(&data, &["pay-year", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("pay_years.ron:2"),
        "{}",
        text(&out.stderr)
    );
}
