#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Team files on disk: RON versions and errors, safe saving, and spreadsheets in and out.

mod common;

use std::path::Path;

use teamscape::model::csv as sheet;
use teamscape::model::io::{
    backup_path, from_ron, open_team, parse_team, save_team, to_ron, write_atomically, FileKind,
    MAX_FILE_BYTES,
};
use teamscape::model::{library, Autonomy, Contract, LineManager, Membership, Pay, Team};

#[test]
fn samples_round_trip_through_ron() {
    for (name, team) in common::samples() {
        let again = from_ron(&to_ron(&team).unwrap(), name).unwrap();
        assert_eq!(again, team, "{name}");
    }
}

#[test]
fn version_1_test_file_still_opens() {
    // Kept byte for byte as version 1 wrote it: every later version must open it.
    let team = open_team(Path::new("tests/data/version-1.ron")).unwrap();
    assert_eq!(team.name, "Version 1 test team");
    assert_eq!(team.members.len(), 2);
    assert_eq!(team.members[1].leave_days, None);
}

#[test]
fn a_newer_version_is_refused_clearly() {
    let text = to_ron(&common::sample("camhs")).unwrap().replace(
        &format!("version: {},", teamscape::model::io::CURRENT_VERSION),
        "version: 7,",
    );
    let err = from_ron(&text, "future.ron").unwrap_err();
    assert!(err.message.contains("newer Teamscape"), "{err}");
    assert!(err.hint.contains("Update Teamscape"), "{err}");
}

#[test]
fn another_format_is_refused() {
    let err = from_ron(r#"(format: "something-else", version: 1)"#, "x.ron").unwrap_err();
    assert!(err.message.contains("not a Teamscape team file"), "{err}");
}

#[test]
fn parse_errors_give_line_column_and_hint() {
    let text = to_ron(&common::sample("youth")).unwrap();
    // Break line 5 by removing its closing quote.
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let target = lines
        .iter()
        .position(|l| l.contains("description:"))
        .unwrap();
    lines[target] = lines[target].replace("\",", ",");
    let err = from_ron(&lines.join("\n"), "broken.ron").unwrap_err();
    assert!(err.line.is_some() && err.column.is_some(), "{err}");
    assert!(err.line.unwrap() > target, "{err}");
    assert!(!err.hint.is_empty());
    let shown = err.to_string();
    assert!(shown.starts_with("broken.ron:"), "{shown}");
    assert!(shown.contains("hint:"), "{shown}");
}

#[test]
fn a_truncated_file_says_it_was_cut_off() {
    let text = to_ron(&common::sample("youth")).unwrap();
    let err = from_ron(&text[..text.len() / 2], "cut.ron").unwrap_err();
    assert!(err.hint.contains("cut off"), "{err}");
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let text = format!(
        r#"(format: "teamscape-team", version: 1, team: {}{})"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(from_ron(&text, "deep.ron").is_err());
}

#[test]
fn oversized_files_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(MAX_FILE_BYTES + 1).unwrap(); // sparse: costs no disk
    let err = open_team(&path).unwrap_err();
    assert!(err.message.contains("larger than"), "{err}");
}

#[test]
fn not_utf8_is_reported_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.csv");
    std::fs::write(
        &path,
        b"name,discipline,salary\nJos\xe9,Social work,30000\n",
    )
    .unwrap();
    let err = open_team(&path).unwrap_err();
    assert_eq!(err.line, Some(2));
    assert!(err.hint.contains("UTF-8"));
}

#[test]
fn unknown_extension_is_refused() {
    assert!(FileKind::of(Path::new("team.xlsx")).is_err());
    assert_eq!(FileKind::of(Path::new("TEAM.CSV")).unwrap(), FileKind::Csv);
}

// ---- safe saving ----

#[test]
fn save_keeps_a_backup_of_the_previous_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.ron");
    let mut team = common::sample("youth");
    save_team(&team, &path).unwrap();
    let first = std::fs::read(&path).unwrap();
    team.name = "Renamed".into();
    save_team(&team, &path).unwrap();
    assert_eq!(std::fs::read(backup_path(&path)).unwrap(), first);
    assert_eq!(open_team(&path).unwrap().name, "Renamed");
    assert_eq!(backup_path(&path).file_name().unwrap(), "team.ron.bak");
}

#[cfg(unix)]
#[test]
fn save_keeps_private_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("private.ron");
    std::fs::write(&path, "old").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    save_team(&common::sample("camhs"), &path).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let bak_mode = std::fs::metadata(backup_path(&path))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(bak_mode, 0o600, "the backup holds the same personal data");
}

#[cfg(unix)]
#[test]
fn save_through_a_symlink_writes_the_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.ron");
    let link = dir.path().join("link.ron");
    std::fs::write(&target, "old").unwrap();
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let team = common::sample("camhs");
    save_team(&team, &link).unwrap();
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(open_team(&target).unwrap(), team);
}

#[test]
fn a_save_that_fails_before_the_rename_leaves_the_old_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.ron");
    save_team(&common::sample("youth"), &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let files_before = std::fs::read_dir(dir.path()).unwrap().count();
    // Half the data is written, then the disk "fills up".
    let result = write_atomically(&path, |w| {
        w.write_all(b"(format: \"teamscape-team\", vers")?;
        Err(std::io::Error::new(
            std::io::ErrorKind::StorageFull,
            "no space left on device",
        ))
    });
    let err = result.unwrap_err();
    assert!(err.hint.contains("disk is full"), "{err}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "old file must be byte for byte the same"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        files_before,
        "no temporary file left behind"
    );
}

#[test]
fn saving_into_a_missing_folder_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no/such/folder/team.ron");
    assert!(save_team(&common::sample("youth"), &path).is_err());
}

// ---- spreadsheets ----

/// What a spreadsheet in a decimal-comma locale writes: BOM, CRLF, semicolons, pound signs
/// with thousands separators, percentages, yes/no, worded autonomy and odd header spelling.
const SPREADSHEET: &str = "\u{feff}Name;Job Title;DISCIPLINE;Agency;Salary;FTE;Team-Share;Leave Days;Training_Days;Training Budget;Autonomy;Contract;Co-located;Membership;Line Manager;Line Manager Agency\r\n\
Ann Lee;Team manager;Social work;Northbrook Council;£48,710;100%;100%;28;5;£800;5;permanent;yes;;Director;Northbrook Council\r\n\
Bob Kay;Nurse;Mental health nursing;Northbrook NHS Trust;£37,338;0,6;50%;27,5;3;300;decides own casework with supervision;Secondment;no;peripheral;Ann Lee;\r\n\
Cat Roe;Teacher;Teaching;Northbrook School;\"£31,650\";1;1;;;;acts on instruction;fixed term;Y;;Ann Lee;\r\n\
;;;;;;;;;;;;;;;\r\n";

#[test]
fn a_real_spreadsheet_imports_with_the_right_numbers() {
    let team = parse_team(SPREADSHEET, FileKind::Csv, "staff.csv").unwrap();
    assert_eq!(team.members.len(), 3, "the blank last row is skipped");
    let ann = &team.members[0];
    assert_eq!(ann.pay, Pay::Salary(48710.0));
    assert_eq!((ann.fte, ann.team_share), (1.0, 1.0));
    assert_eq!(ann.training_budget, Some(800.0));
    assert_eq!(ann.autonomy, Some(Autonomy::FinalSayOnCases));
    assert!(matches!(&ann.line_manager, LineManager::External { name, .. } if name == "Director"));
    let bob = &team.members[1];
    assert_eq!(bob.pay, Pay::Salary(37338.0));
    assert!((bob.fte - 0.6).abs() < 1e-12);
    assert!((bob.team_share - 0.5).abs() < 1e-12);
    assert_eq!(bob.leave_days, Some(27.5));
    assert_eq!(bob.autonomy, Some(Autonomy::DecidesWithSupervision));
    assert_eq!(bob.contract, Contract::Secondment);
    assert!(!bob.co_located);
    assert_eq!(bob.membership, Membership::Peripheral);
    assert_eq!(bob.line_manager, LineManager::Member(ann.id));
    let cat = &team.members[2];
    assert_eq!(cat.pay, Pay::Salary(31650.0));
    assert_eq!(cat.leave_days, None);
    assert_eq!(cat.contract, Contract::FixedTerm);
    assert!(cat.co_located);
    // New disciplines and agencies are created with typical defaults.
    assert_eq!(team.disciplines.len(), 3);
    assert_eq!(team.agencies.len(), 2 + 1);
    let nursing = team.discipline_by_name("mental health nursing").unwrap();
    assert_eq!(
        nursing.models,
        vec![
            teamscape::model::ProfessionalModel::Medical,
            teamscape::model::ProfessionalModel::Therapeutic
        ]
    );
    assert!(teamscape::model::validate(&team).is_empty());
}

#[test]
fn pay_points_come_from_the_library() {
    // A new team is on the current pay year (2025/26), and takes the scale from it.
    let csv = "name,discipline,pay_scale,pay_point,salary\nAsha,Nursing,NHS Agenda for Change,Band 6 entry,\nBen,Nursing,nhs agenda for change,band 5 top,37796\n";
    let team = parse_team(csv, FileKind::Csv, "x.csv").unwrap();
    assert_eq!(team.pay_year.as_deref(), Some("2025/26"));
    assert_eq!(team.fte_salary(&team.members[0]), Some(38682.0));
    assert_eq!(team.fte_salary(&team.members[1]), Some(37796.0));
    // A scale's former name still finds it.
    let csv = "name,discipline,pay_scale,pay_point\nDr A,Psychiatry,Consultant (2003 contract),Point 1 (start)\n";
    let team = parse_team(csv, FileKind::Csv, "x.csv").unwrap();
    assert_eq!(
        team.pay_scales
            .iter()
            .filter(|s| s.key.as_deref() == Some("consultant"))
            .count(),
        1
    );
    assert_eq!(team.fte_salary(&team.members[0]), Some(109_725.0));
}

#[test]
fn every_bad_row_is_listed_and_nothing_is_imported() {
    let csv = "name,discipline,salary,fte,autonomy,line_manager\n\
               Ann,Social work,30000,1,3,\n\
               ,Social work,30000,1,3,\n\
               Cal,Nursing,lots,1,3,\n\
               Dee,Nursing,30000,1.5,9,Nobody\n";
    let mut team = library::new_team();
    let before = team.clone();
    let err = sheet::import_into(&mut team, csv, "x.csv").unwrap_err();
    assert_eq!(team, before, "a failed import changes nothing");
    let where_: Vec<(u64, Option<&str>)> = err
        .rows
        .iter()
        .map(|r| (r.line, r.column.as_deref()))
        .collect();
    assert_eq!(
        where_,
        vec![
            (3, Some("name")),
            (4, Some("salary")),
            (5, Some("fte")),
            (5, Some("autonomy")),
            (5, Some("line_manager")),
        ],
        "{err}"
    );
    let file_error = err.into_file_error("x.csv");
    assert!(file_error.message.contains("nothing was imported"));
}

#[test]
fn missing_required_columns_are_named() {
    let err = sheet::import_into(
        &mut library::new_team(),
        "name,agency\nAnn,Council\n",
        "x.csv",
    )
    .unwrap_err();
    let columns: Vec<&str> = err
        .rows
        .iter()
        .filter_map(|r| r.column.as_deref())
        .collect();
    assert_eq!(columns, vec!["discipline", "salary"]);
}

#[test]
fn a_salary_that_contradicts_its_pay_point_is_refused() {
    let csv = "name,discipline,pay_scale,pay_point,salary\nAsha,Nursing,NHS Agenda for Change,Band 6 entry,50000\n";
    let err = parse_team(csv, FileKind::Csv, "x.csv").unwrap_err();
    assert!(err.message.contains("does not match pay point"), "{err}");
}

#[test]
fn samples_round_trip_through_csv() {
    for (name, team) in common::samples() {
        let csv = sheet::export(&team).unwrap();
        let again = parse_team(&csv, FileKind::Csv, name).unwrap();
        assert_eq!(sheet::export(&again).unwrap(), csv, "{name}");
        assert_eq!(again.members.len(), team.members.len());
        for (a, b) in team.members.iter().zip(&again.members) {
            assert_eq!(team.fte_salary(a), again.fte_salary(b));
            assert_eq!(
                (a.fte, a.team_share, a.leave_days, a.autonomy),
                (b.fte, b.team_share, b.leave_days, b.autonomy)
            );
        }
    }
}

#[test]
fn csv_to_ron_to_csv_loses_nothing() {
    for entry in std::fs::read_dir("tests/data/samples_csv").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        let csv = std::fs::read_to_string(&path).unwrap();
        let team = parse_team(&csv, FileKind::Csv, "x.csv").unwrap();
        let via_ron = from_ron(&to_ron(&team).unwrap(), "x.ron").unwrap();
        let out = sheet::export(&via_ron).unwrap();
        let back = parse_team(&out, FileKind::Csv, "x.csv").unwrap();
        assert_eq!(sheet::export(&back).unwrap(), out, "{}", path.display());
        assert_eq!(back.members.len(), team.members.len());
    }
}

#[test]
fn exported_csv_reads_like_a_spreadsheet() {
    let team = common::sample("special-needs");
    let csv = sheet::export(&team).unwrap();
    let header = csv.lines().next().unwrap();
    assert_eq!(header, sheet::COLUMNS.join(","));
    // Money as plain numbers, shares as fractions, autonomy as 1–5.
    let teacher = csv
        .lines()
        .find(|l| l.contains("Special-needs teacher"))
        .unwrap();
    assert!(teacher.contains(",45352,"), "{teacher}");
    // fte, team share, leave (none: a teacher), years of service, training days, budget.
    assert!(teacher.contains(",1,0.6,,,5,600,4,"), "{teacher}");
}

#[test]
fn an_empty_team_saves_and_opens() {
    let dir = tempfile::tempdir().unwrap();
    for ext in ["ron", "csv"] {
        let path = dir.path().join(format!("empty.{ext}"));
        let team = Team::default();
        save_team(&team, &path).unwrap();
        assert!(open_team(&path).unwrap().members.is_empty());
    }
}
