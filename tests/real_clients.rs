#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Real clients: `LibreOffice` Calc writes the workbooks and CSV that Teamscape must read, and
//! reads back the workbook Teamscape writes; poppler checks the PDF handout. `.ci/run`
//! installs `libreoffice-calc-nogui` and `poppler-utils`. Elsewhere these tests say they
//! were skipped, unless `CI` is set, where a missing tool is a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use teamscape::analysis::workbook::{self, Names};
use teamscape::model::csv::export;
use teamscape::model::io::{load, open_team};

/// Whether `tool` is installed (it runs with `version_flag`); a missing tool fails in CI and
/// skips elsewhere.
fn have(tool: &str, version_flag: &str, package: &str) -> bool {
    let found = Command::new(tool)
        .arg(version_flag)
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{tool} is needed in CI: apt-get install {package}"
        );
        eprintln!("skipped: {tool} is not installed (apt-get install {package})");
    }
    found
}

/// Calc converts `input` to `format` in `out`, with a profile of its own: parallel
/// calls must not share one.
fn soffice(input: &Path, format: &str, out: &Path) -> PathBuf {
    let profile = out.join(format!("profile-{}", format.replace([':', ' ', '"'], "-")));
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", format, "--outdir"])
        .arg(out)
        .arg(input)
        .output()
        .unwrap();
    assert!(status.status.success(), "soffice: {status:?}");
    let ext = format.split(':').next().unwrap();
    let stem = input.file_stem().unwrap().to_string_lossy();
    let written = out.join(format!("{stem}.{ext}"));
    assert!(
        written.exists(),
        "soffice wrote no {}: {}{}",
        written.display(),
        String::from_utf8_lossy(&status.stdout),
        String::from_utf8_lossy(&status.stderr)
    );
    written
}

#[test]
fn libreoffice_workbooks_and_csv_read_to_the_same_team() {
    if !have("soffice", "--version", "libreoffice-calc-nogui") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let source = Path::new("tests/data/real_clients/staff.fods");
    // Three conversions at once, each with its own profile.
    let converted: Vec<PathBuf> = std::thread::scope(|s| {
        let jobs: Vec<_> = ["xlsx", "ods", "csv"]
            .iter()
            .map(|format| {
                let out = dir.path().join(format);
                std::fs::create_dir_all(&out).unwrap();
                s.spawn(move || soffice(source, format, &out))
            })
            .collect();
        jobs.into_iter().map(|j| j.join().unwrap()).collect()
    });
    // LibreOffice's default CSV is Windows-1252 here, because of the accented names.
    let csv_bytes = std::fs::read(&converted[2]).unwrap();
    assert!(std::str::from_utf8(&csv_bytes).is_err(), "the CSV is UTF-8");
    let teams: Vec<_> = converted.iter().map(|p| load(p, None).unwrap()).collect();
    assert!(teams[2].notices.iter().any(|n| n.contains("Windows-1252")));
    let first = &teams[0].team;
    let [sian, tomas] = &first.members[..] else {
        panic!("two members expected: {:?}", first.members);
    };
    assert_eq!(sian.name, "Siân Evans");
    assert_eq!(sian.pay, teamscape::model::Pay::Salary(37338.0));
    assert!((sian.fte - 0.75).abs() < 1e-12 && (sian.team_share - 0.6).abs() < 1e-12);
    assert!(!sian.co_located);
    assert_eq!(tomas.name, "Tomás Ó Briain");
    assert!(tomas.co_located && (tomas.team_share - 0.8).abs() < 1e-12);
    for (path, loaded) in converted.iter().zip(&teams).skip(1) {
        assert_eq!(
            export(&loaded.team).unwrap(),
            export(first).unwrap(),
            "{}",
            path.display()
        );
    }
    // Pence survive all three: the fixture's currency style has no format of its own, so
    // LibreOffice writes the CSV's figure in full.
    for loaded in &teams {
        assert_eq!(
            loaded.team.members[1].pay,
            teamscape::model::Pay::Salary(41511.5)
        );
    }
}

#[test]
fn libreoffice_reads_back_the_workbook_teamscape_writes() {
    if !have("soffice", "--version", "libreoffice-calc-nogui") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (name, team) in common::samples().into_iter().take(2) {
        let xlsx = dir
            .path()
            .join(format!("{}.xlsx", name.trim_end_matches(".ron")));
        workbook::save(&team, Names::Shown, "2026-11-28", &xlsx).unwrap();
        // LibreOffice saves the first sheet, Members, as CSV, the cells as shown: £, %, Yes.
        let csv = soffice(&xlsx, "csv", dir.path());
        let text = String::from_utf8_lossy(&std::fs::read(&csv).unwrap()).into_owned();
        assert!(text.contains('%'), "{name}: no percentages shown");
        let again = open_team(&csv).unwrap();
        assert_eq!(export(&again).unwrap(), export(&team).unwrap(), "{name}");
    }
}

/// CSV injection (CWE-1236): names that begin like formulas, exported to CSV and opened by
/// Calc with formulas evaluated (as Excel always does), stay text, and read back as they
/// were. The same names written raw become formulas there, so the test can fail.
#[test]
fn libreoffice_opens_formula_like_names_in_an_exported_csv_as_text() {
    if !have("soffice", "--version", "libreoffice-calc-nogui") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let names = [
        "=1+1",
        "+2+3",
        "-4+5",
        "@SUM(1;2)",
        "=HYPERLINK(\"http://example.org\";\"x\")",
        "\t=6+7",
        " =8+9",
    ];
    let mut team = common::sample("youth");
    for (m, name) in team.members.iter_mut().zip(names) {
        m.name = name.to_owned();
    }
    let safe = dir.path().join("safe.csv");
    teamscape::model::io::save_team(&team, &safe).unwrap();
    let raw = dir.path().join("raw.csv");
    let text = std::fs::read_to_string(&safe).unwrap();
    std::fs::write(&raw, text.replace("\"'", "\"").replace("\n'", "\n")).unwrap();
    let convert = |input: &Path| {
        let out = dir.path().join(input.file_stem().unwrap());
        let profile = out.join("profile");
        // Token 13 of Calc's CSV filter options: evaluate formulas.
        let status = Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args([
                "--headless",
                "--infilter=CSV:44,34,76,1,,0,false,true,false,false,false,false,true",
                "--convert-to",
                "xlsx",
                "--outdir",
            ])
            .arg(&out)
            .arg(input)
            .output()
            .unwrap();
        assert!(status.status.success(), "soffice: {status:?}");
        out.join(format!(
            "{}.xlsx",
            input.file_stem().unwrap().to_string_lossy()
        ))
    };
    let formulas = |xlsx: &Path| {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(xlsx).unwrap()).unwrap();
        let mut sheet = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
            &mut sheet,
        )
        .unwrap();
        sheet.matches("<f").count()
    };
    let raw_book = convert(&raw);
    assert!(formulas(&raw_book) > 0, "the control CSV made no formula");
    let safe_book = convert(&safe);
    assert_eq!(formulas(&safe_book), 0, "a name became a formula");
    let back = open_team(&safe_book).unwrap();
    for (m, name) in back.members.iter().zip(names) {
        assert_eq!(m.name, name);
    }
}

#[test]
fn the_pdf_handout_is_a4_with_real_text_and_no_names_when_hidden() {
    if !have("pdftotext", "-v", "poppler-utils") || !have("pdfinfo", "-v", "poppler-utils") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let team = common::sample("youth");
    let min = team.min_group_size;
    let shown = teamscape::model::presentation::anonymised(&team);
    let analysis = teamscape::analysis::analyse_workshop_safe(&shown, min);
    let slides = team.presentation.for_team(&team);
    let mut png = Vec::new();
    image::RgbaImage::from_pixel(64, 36, image::Rgba([40, 60, 90, 255]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let pictures = vec![png; slides.len()];
    let pdf =
        teamscape::analysis::handout_pdf::render(&teamscape::analysis::handout_pdf::HandoutPdf {
            team: &shown,
            analysis: &analysis,
            slides: &slides,
            pictures: &pictures,
            date: "28 November 2026",
        })
        .unwrap();
    let path = dir.path().join("handout.pdf");
    std::fs::write(&path, pdf).unwrap();
    // The font is embedded (a subset), and the language is set.
    let fonts = Command::new("pdffonts").arg(&path).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts: {fonts}");
    for row in &rows {
        // name type encoding emb sub uni object ID
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(
            cols.len() >= 7 && cols[cols.len() - 5] == "yes",
            "not embedded: {row}"
        );
    }
    let bytes = std::fs::read(&path).unwrap();
    let lang = b"/Lang (en-GB)";
    assert!(bytes.windows(lang.len()).any(|w| w == lang), "no language");
    let info = Command::new("pdfinfo").arg(&path).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("(A4)"), "{info}");
    assert!(info.contains("workshop handout"), "no title: {info}");
    let text = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let all = words(&text);
    assert!(!analysis.findings.is_empty());
    for finding in &analysis.findings {
        assert!(
            all.contains(&words(&finding.text)),
            "missing: {}",
            finding.text
        );
    }
    assert!(all.contains("Names hidden"));
    for m in &team.members {
        assert!(!all.contains(&m.name), "the handout names {}", m.name);
    }
}
