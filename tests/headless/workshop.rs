//! Workshop mode without a window: the names a workshop shows, pay withheld for small
//! groups, slide captions, the handout, the slide list in the team file, and the command
//! line's `report --hide-names`.

use crate::common;

use std::process::Command;

use teamscape::analysis::{analyse, analyse_workshop_safe, report, slides};
use teamscape::model::presentation::{anonymised, display_labels};
use teamscape::model::{io, validate, ChartId, LineManager, SlideId, Team};

/// Every person's name in a team: members and external line managers.
fn names_in(team: &Team) -> Vec<String> {
    let mut names: Vec<String> = team.members.iter().map(|m| m.name.clone()).collect();
    for m in &team.members {
        if let LineManager::External { name, .. } = &m.line_manager {
            names.push(name.clone());
        }
    }
    names.sort();
    names.dedup();
    names
}

fn assert_no_names(text: &str, names: &[String], what: &str) {
    for name in names {
        assert!(!text.contains(name.as_str()), "{what} still names {name}");
    }
}

#[test]
fn members_are_shown_by_unique_job_title_or_by_number() {
    let mut team = common::sample("youth");
    team.members.truncate(5);
    team.members[0].job_title = "Team manager".into();
    team.members[1].job_title = "Youth justice officer".into();
    team.members[2].job_title = "youth justice officer ".into(); // same title, other spelling
    team.members[3].job_title = String::new();
    // Somebody's name typed into the title field must not give it away.
    team.members[4].job_title = team.members[0].name.clone();
    let labels = display_labels(&team);
    let of = |i: usize| labels[&team.members[i].id].clone();
    assert_eq!(of(0), "Team manager");
    assert_eq!(of(1), "Member 2");
    assert_eq!(of(2), "Member 3");
    assert_eq!(of(3), "Member 4");
    assert_eq!(of(4), "Member 5");
}

#[test]
fn an_anonymised_team_names_nobody_and_keeps_every_figure() {
    for (sample, team) in common::samples() {
        let names = names_in(&team);
        let hidden = anonymised(&team);
        assert_no_names(&io::to_ron(&hidden).unwrap(), &names, sample);
        assert_eq!(hidden.members.len(), team.members.len());
        // Ids, disciplines, pay and time are untouched, so every figure is the same.
        let (a, b) = (analyse(&team), analyse(&hidden));
        assert_eq!(a.members, b.members, "{sample}");
        assert_eq!(a.disciplines, b.disciplines, "{sample}");
        assert_eq!(a.findings, b.findings, "{sample}");
    }
}

#[test]
fn external_managers_are_numbered_one_per_person() {
    let team = common::sample("youth");
    let hidden = anonymised(&team);
    let externals: Vec<&str> = hidden
        .members
        .iter()
        .filter_map(|m| match &m.line_manager {
            LineManager::External { name, .. } => Some(name.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        !externals.is_empty(),
        "the YOT sample has external managers"
    );
    assert!(externals.iter().all(|n| n.starts_with("External manager ")));
    // As many numbers as there were distinct managers.
    let mut distinct: Vec<&str> = externals.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let mut before: Vec<String> = team
        .members
        .iter()
        .filter_map(|m| match &m.line_manager {
            LineManager::External { name, .. } => Some(name.clone()),
            _ => None,
        })
        .collect();
    before.sort();
    before.dedup();
    assert_eq!(distinct.len(), before.len());
}

#[test]
fn small_groups_are_withheld_whole_and_large_ones_keep_their_figures() {
    let team = common::sample("youth");
    let full = analyse(&team);
    let safe = analyse_workshop_safe(&team, 3);
    assert_eq!(safe.min_group(), Some(3));
    assert_eq!(full.min_group(), None);
    for d in &safe.disciplines {
        let g = &d.figures;
        if g.headcount > 0 && g.headcount < 3 {
            assert!(g.suppressed, "{}", g.name);
            assert_eq!(
                (g.median_salary, g.mean_leave_days, g.mean_training_days),
                (None, None, None)
            );
            assert_eq!((g.mean_autonomy, g.conditions_index), (None, None));
        }
    }
    // YOT: social work has 3 members and youth justice 6: both keep their figures, as the
    // manager's own analysis has them.
    let by_name = |a: &teamscape::analysis::Analysis, name: &str| {
        a.disciplines
            .iter()
            .find(|d| d.figures.name == name)
            .unwrap()
            .figures
            .clone()
    };
    for name in ["Social work", "Youth justice"] {
        let (s, f) = (by_name(&safe, name), by_name(&full, name));
        assert!(!s.suppressed);
        // Means, not medians: a median would be one person's pay.
        assert_eq!(s.mean_salary, f.mean_salary, "{name}");
        assert_eq!(s.median_salary, None, "{name}");
        assert_eq!(s.conditions_index, f.conditions_index, "{name}");
    }
    // The ten withheld members are shown together: 19 − 3 − 6.
    let other = safe.other_disciplines.as_ref().unwrap();
    assert_eq!(other.headcount, 10);
    // No finding names a withheld group.
    for f in safe.all_findings() {
        for name in safe.withheld_disciplines() {
            assert!(!f.text.contains(name), "{name} in {}", f.text);
        }
    }
    // The team as a whole (n = 19) keeps its mean and Gini; its median (the middle person's
    // pay) goes.
    assert_eq!(safe.team_mean_salary, full.team_mean_salary);
    assert_eq!(safe.team_median_salary, None);
    assert_eq!(safe.hierarchy.salary_gini, full.hierarchy.salary_gini);
}

#[test]
fn the_report_with_hidden_names_marks_what_it_leaves_out() {
    let team = common::sample("youth");
    let hidden = analyse_workshop_safe(&anonymised(&team), 3);
    let md = report::render(&hidden, report::Format::Markdown);
    assert_no_names(&md, &names_in(&team), "the Markdown report");
    assert!(
        md.contains("Names are hidden. No figure is shown for any group of fewer than 3 people")
    );
    let row = md
        .lines()
        .find(|l| l.starts_with("| Clinical psychology |"))
        .unwrap();
    assert!(row.contains("fewer than 3"), "{row}");
    assert!(!row.contains('£'), "{row}");
    let row = md
        .lines()
        .find(|l| l.starts_with("| Youth justice |"))
        .unwrap();
    assert!(row.contains('£'), "a group of 6 keeps its pay: {row}");
}

#[test]
fn a_larger_minimum_withholds_more() {
    let team = common::sample("youth");
    // Youth justice has 6 members, social work 3: a minimum of 4 keeps only youth justice.
    let safe = analyse_workshop_safe(&team, 4);
    let shown: Vec<&str> = safe
        .disciplines
        .iter()
        .filter(|d| d.figures.headcount > 0 && !d.figures.suppressed)
        .map(|d| d.figures.name.as_str())
        .collect();
    assert_eq!(shown, vec!["Youth justice"]);
}

#[test]
fn captions_take_the_strongest_finding_of_their_kind_or_describe_the_chart() {
    let team = common::sample("youth");
    let a = analyse(&team);
    assert_eq!(slides::caption(SlideId::Title, &a), None);
    let pay = slides::caption(SlideId::Chart(ChartId::Pay), &a).unwrap();
    assert!(pay.is_finding);
    // Band 8a top in 2025/26 against a charity salary: 62,682 / 27,500 = 2.28. One person
    // on each side: the sentence speaks of the people, not the professions.
    assert!(
        pay.text.starts_with(
            "Full-time pay for the one person in Clinical psychology is 2.3 times that of the one person in Substance misuse (£62,682 against £27,500"
        ),
        "{}",
        pay.text
    );
    let rings = slides::caption(SlideId::MapRings, &a).unwrap();
    // The strongest finding for the rings: the loose, possibly-chance correlation
    // (p = 0.06) ranks below the peripheral members' agency.
    assert_eq!(
        rings.text,
        "3 of the 4 peripheral members work for Northbrook NHS Foundation Trust (n = 3 from that agency)"
    );
    // No finding is about quartiles: the caption describes the first and last quartile.
    // From the chart: Q1 (5 members) is youth work 2, careers, substance misuse and
    // administration 1 each; Q4 (4 members) is psychology, SLT, probation and social work,
    // one each, so no group leads it.
    let q = slides::caption(SlideId::Chart(ChartId::Quartiles), &a).unwrap();
    assert!(!q.is_finding);
    assert_eq!(
        q.text,
        "The lowest-paid quarter is led by Youth work (2 of 5); the highest-paid quarter is spread across 4 disciplines (n = 4)."
    );
}

#[test]
fn a_presentation_does_not_repeat_a_finding_while_a_slide_has_another() {
    let a = analyse(&common::sample("youth"));
    let deck = [
        SlideId::MapRings,
        SlideId::MapLadder,
        SlideId::Chart(ChartId::StatusLadder),
        SlideId::Chart(ChartId::CorePeriphery),
    ];
    let texts: Vec<String> = slides::captions(&deck, &a)
        .into_iter()
        .map(|c| c.unwrap().text)
        .collect();
    assert!(
        texts[0].starts_with("3 of the 4 peripheral members"),
        "{}",
        texts[0]
    );
    assert!(
        texts[1].starts_with("On pay, leave, training and autonomy together, conditions are best in Clinical psychology"),
        "{}",
        texts[1]
    );
    assert!(
        texts[2].starts_with("Autonomy in decisions is 5.0 of 5 for the one person in"),
        "{}",
        texts[2]
    );
    for (i, t) in texts.iter().enumerate() {
        assert!(!texts[..i].contains(t), "slide {} repeats {t}", i + 1);
    }
    // Alone, each slide takes its strongest finding, repeats and all: the chart of the
    // ladder says what the deck gave to the ladder map.
    assert_eq!(
        slides::caption(SlideId::Chart(ChartId::StatusLadder), &a)
            .unwrap()
            .text,
        texts[1]
    );
}

#[test]
fn a_slide_takes_its_finding_even_when_it_missed_the_top_eight() {
    // The nursery has more findings than the list shows; the pay ratio is not among the
    // first eight, but the pay slide still says it.
    let a = analyse(&common::sample("special"));
    assert!(a.findings.iter().all(|f| !f.text.contains(" times ")));
    let pay = slides::caption(SlideId::Chart(ChartId::Pay), &a).unwrap();
    assert!(pay.is_finding, "{}", pay.text);
    assert!(pay.text.contains(" times that of "), "{}", pay.text);
    // With names hidden it goes: both groups have one member; the slide describes instead.
    let safe = analyse_workshop_safe(&common::sample("special"), 3);
    let hidden = slides::caption(SlideId::Chart(ChartId::Pay), &safe).unwrap();
    assert!(!hidden.is_finding, "{}", hidden.text);
    assert!(!hidden.text.contains('£'));
}

#[test]
fn captions_on_an_empty_team_do_not_fail() {
    let a = analyse(&Team::default());
    for slide in SlideId::all() {
        let c = slides::caption(slide, &a);
        if slide != SlideId::Title {
            assert!(c.is_some(), "{slide:?}");
        }
    }
}

#[test]
fn the_handout_links_every_slide_in_order_then_the_report() {
    let team = common::sample("camhs");
    let shown = anonymised(&team);
    let hidden = analyse_workshop_safe(&shown, 3);
    let chosen = [
        SlideId::Title,
        SlideId::Chart(ChartId::Pay),
        SlideId::MapRings,
    ];
    let text = slides::handout(&shown, &hidden, &chosen, "26 November 2026");
    assert!(text.starts_with("# Riverside Community CAMHS: workshop handout\n\n26 November 2026\n\nChild mental health (CAMHS, CYPMHS) · outcomes framework: Every Child Matters (2003–2010)\n"), "{text}");
    // Its framework's section says what became of it, and where its words come from.
    let ecm = &text[text
        .find("## Every Child Matters (2003–2010): outcomes")
        .unwrap()..];
    assert!(
        ecm.contains("Children Act 2004's well-being duty (section 10(2))")
            || ecm.contains("Children Act 2004, section 10(2)"),
        "{ecm}"
    );
    assert!(ecm.contains("Licence: "), "{ecm}");
    let first = text.find("(01-title.png)").unwrap();
    let second = text.find("(02-pay.png)").unwrap();
    let third = text.find("(03-map-rings.png)").unwrap();
    assert!(first < second && second < third);
    // Each picture's alt text is its label and caption; each slide has its question.
    assert!(text.contains("![Chart: pay by discipline: "), "{text}");
    assert_eq!(text.matches("**To discuss:**").count(), 3);
    assert!(text.contains(slides::default_prompt(SlideId::MapRings)));
    assert!(text.find("## Findings").unwrap() > third);
    // The notes say which year's pay figures these are and where they come from.
    let notes = &text[text.find("\n## Pay figures\n").unwrap()..];
    // Each says how far it can be relied on: Agenda for Change copied from a secondary
    // table, every consultants' point estimated from the award.
    assert!(
        notes.contains(
            "- **NHS Agenda for Change**, 2025/26, from 1 April 2025: [NHS pay bands 2025/26"
        ),
        "{notes}"
    );
    assert!(notes.contains("the library holds entry and top. *Copied: the official figures as another body published them, not the awarding body's own document (check against it before quoting)*.\n"), "{notes}");
    assert!(notes.contains("- **Consultants (England)**, 2025/26, from 1 April 2025: "));
    assert!(notes.contains("*Estimated: no figure is confirmed by a published table; treat them as approximate, not as anyone's actual pay*.\n"), "{notes}");
    assert!(notes.contains("5 of 5 points are estimated"));
    // With names hidden every library scale is listed, used or not: the list says nothing
    // of who is on which (pay.rs has the manager's own list).
    assert!(notes.contains("**Teachers (outside London)**"));
    assert_no_names(&text, &names_in(&team), "the handout");
}

#[test]
fn the_slide_list_is_saved_in_the_team_file_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.ron");
    let mut team = common::sample("youth");
    // The default list is left out, so older files stay byte for byte the same.
    assert!(!io::to_ron(&team).unwrap().contains("presentation"));
    team.presentation.slides = vec![SlideId::Chart(ChartId::Pay), SlideId::Title];
    io::save_team(&team, &path).unwrap();
    let back = io::open_team(&path).unwrap();
    assert_eq!(
        back.presentation.slides,
        vec![SlideId::Chart(ChartId::Pay), SlideId::Title]
    );
    assert_eq!(back, team);

    team.presentation.slides = vec![SlideId::Chart(ChartId::Pay), SlideId::Chart(ChartId::Pay)];
    let problems = validate(&team);
    assert!(
        problems
            .iter()
            .any(|p| p.place == "Presentation" && p.message.contains("“pay” is listed twice")),
        "{problems:?}"
    );
    // A slide this version does not know is refused with its line, not skipped silently.
    let text = io::to_ron(&common::sample("youth")).unwrap().replacen(
        "    members: [",
        "    presentation: (slides: [title, \"nonsense\"]),\n    members: [",
        1,
    );
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, text).unwrap();
    let err = io::open_team(&bad).unwrap_err();
    assert!(err.line.is_some(), "{err}");
}

#[test]
fn a_version_1_file_from_before_workshops_presents_every_slide() {
    let team = io::open_team(std::path::Path::new("tests/data/version-1.ron")).unwrap();
    assert_eq!(team.presentation.chosen(), SlideId::all());
}

#[test]
fn report_hide_names_on_the_command_line() {
    let samples = std::fs::read_dir("sample_teams")
        .unwrap()
        .map(|e| e.unwrap().path());
    for path in samples.filter(|p| p.is_file()) {
        let team = io::open_team(&path).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_teamscape"))
            .args([
                "report",
                path.to_str().unwrap(),
                "--format",
                "md",
                "--hide-names",
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("Names are hidden."), "{}", path.display());
        assert_no_names(&text, &names_in(&team), &path.display().to_string());
    }
}

#[test]
fn conflicting_workshop_options_are_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_teamscape"))
        .args(["--export-slides", "/tmp/x", "--screenshot", "/tmp/x.png"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--export-slides"));
}
