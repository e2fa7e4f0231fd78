//! Team files on disk: RON versions and errors, safe saving, and spreadsheets in and out.

use crate::common;

use std::path::Path;

use teamscape::analysis::workbook::{self, Names};
use teamscape::model::csv as sheet;
use teamscape::model::io::{
    backup_path, from_ron, load, open_team, parse_team, save_team, to_ron, write_atomically,
    FileKind, MAX_FILE_BYTES,
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
fn a_framework_other_than_every_child_matters_needs_version_7_and_ecm_files_stay_as_they_were() {
    let old = open_team(Path::new("tests/data/version-1.ron")).unwrap();
    assert_eq!(
        old.framework,
        teamscape::model::Framework::EveryChildMatters
    );
    let camhs = common::sample("camhs");
    let text = to_ron(&camhs).unwrap();
    assert!(
        !text.contains("framework:"),
        "left out while it is the default"
    );
    assert!(!text.contains("version: 7,"));
    let youth = to_ron(&common::sample("youth")).unwrap();
    assert!(youth.contains("version: 7,") && youth.contains("framework: ChildFirst,"));
    // One Child First tag on an Every Child Matters team is also beyond version 6.
    let mut tagged = camhs;
    tagged.disciplines[0]
        .outcomes
        .push(teamscape::model::Outcome::AsChildren);
    assert_eq!(teamscape::model::io::version_for(&tagged), 7);
}

#[test]
fn a_newer_version_is_refused_clearly() {
    let team = common::sample("camhs");
    let text = to_ron(&team).unwrap().replace(
        &format!("version: {},", teamscape::model::io::version_for(&team)),
        "version: 8,",
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
fn a_team_file_that_is_not_utf8_is_reported_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.ron");
    std::fs::write(
        &path,
        b"(format: \"teamscape-team\", version: 2,\n team: (name: \"Jos\xe9\"))",
    )
    .unwrap();
    let err = open_team(&path).unwrap_err();
    assert_eq!(err.line, Some(2));
    assert!(err.message.contains("UTF-8"), "{err}");
}

#[test]
fn extensions_name_every_kind_teamscape_reads() {
    assert_eq!(
        FileKind::of(Path::new("team.xlsx")).unwrap(),
        FileKind::Xlsx
    );
    assert_eq!(FileKind::of(Path::new("TEAM.CSV")).unwrap(), FileKind::Csv);
    assert_eq!(FileKind::of(Path::new("team.ods")).unwrap(), FileKind::Ods);
    let err = FileKind::of(Path::new("team.txt")).unwrap_err();
    assert!(err.message.contains(".xlsx, .ods"), "{err}");
}

// ---- spreadsheets in the encoding, and of the kind, their program chose ----

/// Siân's row as Excel's "CSV (Comma delimited)" writes it on a UK Windows machine.
const WINDOWS_1252_CSV: &[u8] =
    b"name,discipline,salary,fte\r\nSi\xe2n Evans,Nursing,\"\xa337,338\",60%\r\n";

#[test]
fn a_windows_1252_csv_reads_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("staff.csv");
    std::fs::write(&path, WINDOWS_1252_CSV).unwrap();
    let loaded = load(&path, None).unwrap();
    let m = &loaded.team.members[0];
    assert_eq!(m.name, "Siân Evans");
    assert_eq!(m.pay, Pay::Salary(37338.0));
    assert!((m.fte - 0.6).abs() < 1e-12);
    assert_eq!(loaded.notices.len(), 1);
    assert!(
        loaded.notices[0].contains("Windows-1252"),
        "{:?}",
        loaded.notices
    );
}

#[test]
fn utf16_and_utf8_with_a_bom_read_without_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    // Excel's "Unicode text": UTF-16 little-endian with a byte-order mark, tab-separated.
    let text = "name\tdiscipline\tsalary\r\nSiân Evans\tNursing\t£37,338\r\n";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let utf8_bom = "\u{feff}name,discipline,salary\r\nSiân Evans,Nursing,\"£37,338\"\r\n";
    for (name, bytes) in [
        ("unicode.txt", utf16),
        ("bom.csv", utf8_bom.as_bytes().to_vec()),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let loaded = load(&path, None).unwrap();
        assert_eq!(loaded.team.members[0].name, "Siân Evans", "{name}");
        assert_eq!(loaded.team.members[0].pay, Pay::Salary(37338.0), "{name}");
        assert!(loaded.notices.is_empty(), "{name}: {:?}", loaded.notices);
    }
}

#[test]
fn a_saved_csv_is_utf8_with_a_bom_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.csv");
    let team = common::sample("special-needs");
    save_team(&team, &path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with("\u{feff}name,".as_bytes()));
    let again = open_team(&path).unwrap();
    assert_eq!(
        sheet::export(&again).unwrap(),
        sheet::export(&team).unwrap()
    );
}

#[test]
fn the_content_decides_where_the_name_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let team = common::sample("camhs");
    // A workbook renamed .csv, and a backup opened to restore it.
    let renamed = dir.path().join("staff.csv");
    std::fs::write(
        &renamed,
        workbook::to_xlsx(&team, Names::Shown, "2026-11-28").unwrap(),
    )
    .unwrap();
    assert_eq!(
        open_team(&renamed).unwrap().members.len(),
        team.members.len()
    );
    let bak = dir.path().join("team.ron.bak");
    std::fs::write(&bak, to_ron(&team).unwrap()).unwrap();
    assert_eq!(open_team(&bak).unwrap(), team);
    // A PDF, whatever its name, is named for what it is, with what Teamscape reads.
    let pdf = dir.path().join("team.csv");
    std::fs::write(&pdf, b"%PDF-1.7\n%\xe2\xe3\n1 0 obj").unwrap();
    let err = open_team(&pdf).unwrap_err();
    assert!(err.message.contains("a PDF document"), "{err}");
    assert!(err.message.contains(".xlsx, .ods"), "{err}");
}

#[test]
fn every_sample_reads_back_from_its_workbook_as_from_its_csv() {
    let dir = tempfile::tempdir().unwrap();
    for (name, team) in common::samples() {
        let path = dir.path().join(format!("{name}.xlsx"));
        workbook::save(&team, Names::Shown, "2026-11-28", &path).unwrap();
        let from_xlsx = open_team(&path).unwrap();
        let csv = sheet::export(&team).unwrap();
        let from_csv = parse_team(&csv, FileKind::Csv, name).unwrap();
        assert_eq!(sheet::export(&from_xlsx).unwrap(), csv, "{name}");
        assert_eq!(from_xlsx.members, from_csv.members, "{name}");
    }
}

#[test]
fn a_workbook_with_names_hidden_names_nobody_and_withholds_small_groups() {
    let dir = tempfile::tempdir().unwrap();
    for (name, team) in common::samples() {
        let bytes = workbook::to_xlsx(
            &team,
            Names::Hidden {
                min_group: 3,
                group_by: teamscape::model::families::GroupBy::Discipline,
            },
            "2026-11-28",
        )
        .unwrap();
        let path = dir.path().join("hidden.xlsx");
        std::fs::write(&path, &bytes).unwrap();
        let sheets =
            teamscape::model::workbook::read(bytes, FileKind::Xlsx, "hidden.xlsx").unwrap();
        let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Disciplines", "Findings"], "{name}");
        let text = sheets
            .into_iter()
            .map(|s| {
                let read = s.into_sheet(|_| true);
                let mut cells: Vec<String> = read.headers.iter().map(str::to_owned).collect();
                for (_, row) in read.rows.iter().flatten() {
                    cells.extend(row.iter().map(str::to_owned));
                }
                cells.join("\n")
            })
            .collect::<Vec<_>>()
            .join("\n");
        for m in &team.members {
            assert!(
                !text.contains(&m.name),
                "{name}: the workbook names {}",
                m.name
            );
        }
        let small = team.disciplines.iter().any(|d| {
            (1..3).contains(&team.members.iter().filter(|m| m.discipline == d.id).count())
        });
        if small {
            assert!(text.contains("fewer than 3"), "{name}: nothing withheld");
        }
        // Only figures: there is no members sheet to open as a team.
        let err = open_team(&path).unwrap_err();
        assert!(err.message.contains("no sheet"), "{err}");
    }
}

/// A workbook as a manager's own: a title above the header, a notes column Teamscape does
/// not know, typed cells (currency, percentage, TRUE/FALSE), and the members on the second
/// sheet.
fn managers_workbook(bad_salary: bool) -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let pounds = Format::new().set_num_format("£#,##0");
    let percent = Format::new().set_num_format("0%");
    book.add_worksheet()
        .set_name("Notes")
        .unwrap()
        .write_string(0, 0, "Read me")
        .unwrap();
    let team = book.add_worksheet().set_name("Team").unwrap();
    team.write_string(0, 1, "Staff list, March 2026").unwrap();
    for (c, h) in [
        "Name",
        "Discipline",
        "Salary",
        "FTE",
        "Team share",
        "Co-located",
        "Notes",
    ]
    .iter()
    .enumerate()
    {
        team.write_string(2, c as u16 + 1, *h).unwrap();
    }
    team.write_string(3, 1, "Siân Evans").unwrap();
    team.write_string(3, 2, "Nursing").unwrap();
    team.write_number_with_format(3, 3, 37338, &pounds).unwrap();
    team.write_number_with_format(3, 4, 0.75, &percent).unwrap();
    team.write_string(3, 5, "60%").unwrap();
    team.write_boolean(3, 6, false).unwrap();
    team.write_string(3, 7, "back in May").unwrap();
    team.write_string(4, 1, "Tom Hale").unwrap();
    team.write_string(4, 2, "Social work").unwrap();
    if bad_salary {
        team.write_string(4, 3, "lots").unwrap();
    } else {
        team.write_number_with_format(4, 3, 39186, &pounds).unwrap();
    }
    team.write_number(4, 4, 1).unwrap();
    team.write_string(4, 6, "Yes").unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn a_managers_workbook_reads_its_typed_cells() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("staff.xlsx");
    std::fs::write(&path, managers_workbook(false)).unwrap();
    let loaded = load(&path, None).unwrap();
    assert_eq!(loaded.notices, ["Read the sheet “Team” of staff.xlsx."]);
    let [sian, tom] = &loaded.team.members[..] else {
        panic!("two members expected");
    };
    assert_eq!(sian.name, "Siân Evans");
    assert_eq!(sian.pay, Pay::Salary(37338.0));
    assert!((sian.fte - 0.75).abs() < 1e-12);
    assert!((sian.team_share - 0.6).abs() < 1e-12);
    assert!(!sian.co_located);
    assert!(tom.co_located);
    assert_eq!(tom.pay, Pay::Salary(39186.0));
    // --sheet names a sheet; one without the columns says so.
    let err = load(&path, Some("Notes")).unwrap_err();
    assert!(err.message.contains("name"), "{err}");
    let err = load(&path, Some("Staff")).unwrap_err();
    assert!(err.message.contains("“Notes”, “Team”"), "{err}");
}

#[test]
fn a_workbooks_problems_are_named_by_cell() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("staff.xlsx");
    std::fs::write(&path, managers_workbook(true)).unwrap();
    let err = open_team(&path).unwrap_err();
    // Tom's salary is in column D of row 5 (the header is on row 3, under a title).
    assert!(
        err.message
            .contains("Team!D5 (“salary”): “lots” is not an amount"),
        "{err}"
    );
    assert_eq!(err.line, None);
    assert!(err.hint.contains("workbook"), "{err}");
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

#[test]
fn a_huge_or_broken_workbook_is_refused_without_taking_memory_or_the_app() {
    let dir = tempfile::tempdir().unwrap();
    // Two cells, A1 and XFD1048576: laid out whole, 17 billion cells.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "name").unwrap();
    sheet.write_string(1_048_575, 16_383, "stray").unwrap();
    let path = dir.path().join("huge.xlsx");
    book.save(&path).unwrap();
    let err = open_team(&path).unwrap_err();
    assert!(err.message.contains("runs from A1 to XFD1048576"), "{err}");
    assert!(err.hint.contains("Ctrl+End"), "{err}");
    // A workbook cut off half-way is a message, not a crash.
    let whole = workbook::to_xlsx(&common::sample("camhs"), Names::Shown, "2026-11-28").unwrap();
    for cut in [whole.len() / 2, whole.len() - 30, 40] {
        let path = dir.path().join("cut.xlsx");
        std::fs::write(&path, &whole[..cut]).unwrap();
        let err = open_team(&path).unwrap_err();
        assert!(!err.message.is_empty(), "{cut}");
    }
}
