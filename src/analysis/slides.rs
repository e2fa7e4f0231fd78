//! What each workshop slide says under its picture, and the handout that goes with the
//! exported slides. Text only: the app draws the slides, the command line writes the files.

use std::fmt::Write as _;

use super::findings::FindingKind;
use super::{report, Analysis};
use crate::model::SlideId;

/// The sentence under a slide: its strongest finding, or a plain description where no
/// finding belongs to it.
#[derive(Clone, Debug, PartialEq)]
pub struct Caption {
    pub text: String,
    /// Whether the text is a finding (cleared its threshold) rather than a description.
    pub is_finding: bool,
}

/// The findings that belong on each slide, best first.
fn kinds(slide: SlideId) -> &'static [FindingKind] {
    use FindingKind::{
        AutonomyGap, CorePeripheryPay, DominantAgency, DominantModel, LeaveGap, MostlyPeripheral,
        PayRatio, PeripheryAgency, StatusCoreness, StatusLadder, TrainingGap, UnservedOutcome,
    };
    match slide {
        SlideId::Title | SlideId::Quartiles | SlideId::Lorenz => &[],
        SlideId::Map => &[DominantAgency, PeripheryAgency, DominantModel],
        SlideId::MapRings => &[
            StatusCoreness,
            MostlyPeripheral,
            PeripheryAgency,
            CorePeripheryPay,
        ],
        SlideId::MapLadder => &[StatusLadder, StatusCoreness],
        SlideId::StatusLadder => &[StatusLadder, AutonomyGap],
        SlideId::Pay => &[PayRatio],
        SlideId::Conditions => &[TrainingGap, LeaveGap, AutonomyGap],
        SlideId::CorePeriphery => &[
            CorePeripheryPay,
            MostlyPeripheral,
            PeripheryAgency,
            StatusCoreness,
        ],
        SlideId::Composition => &[DominantAgency, DominantModel],
        SlideId::Outcomes => &[UnservedOutcome],
    }
}

/// The caption of one slide on its own: its strongest finding, or a description.
pub fn caption(slide: SlideId, a: &Analysis) -> Option<Caption> {
    caption_avoiding(slide, a, &[])
}

/// Captions for a whole presentation: each slide takes the strongest of its findings that
/// an earlier slide has not already said, so three slides about the core do not repeat one
/// sentence (a slide whose every finding was said repeats the strongest).
pub fn captions(slides: &[SlideId], a: &Analysis) -> Vec<Option<Caption>> {
    let mut said: Vec<String> = Vec::new();
    slides
        .iter()
        .map(|slide| {
            let c = caption_avoiding(*slide, a, &said);
            if let Some(c) = &c {
                if c.is_finding {
                    said.push(c.text.clone());
                }
            }
            c
        })
        .collect()
}

fn caption_avoiding(slide: SlideId, a: &Analysis, said: &[String]) -> Option<Caption> {
    // Findings are ranked strongest first; the slide takes the strongest of its kinds, even
    // one that did not make the list of the team's top findings.
    let mut own = a
        .findings
        .iter()
        .chain(&a.further_findings)
        .filter(|f| kinds(slide).contains(&f.kind));
    let first = own.clone().next();
    if let Some(f) = own.find(|f| !said.contains(&f.text)).or(first) {
        return Some(Caption {
            text: f.text.clone(),
            is_finding: true,
        });
    }
    let text = match slide {
        SlideId::Title => return None,
        _ if a.headcount == 0 => "No members yet.".to_owned(),
        SlideId::Quartiles => quartile_description(a)?,
        SlideId::Lorenz => {
            let gini = a.hierarchy.salary_gini?;
            format!(
                "Gini of full-time pay {gini:.2}: 0 would mean everyone is paid the same, 1 that one person is paid everything (n = {}).",
                a.members.iter().filter(|m| m.salary.is_some()).count()
            )
        }
        SlideId::Outcomes => {
            let top = a
                .outcomes
                .iter()
                .max_by(|x, y| x.team_fte.total_cmp(&y.team_fte))?;
            format!(
                "Every outcome is served. The most time goes to “{}”: {:.1} FTE from {} members.",
                top.outcome.label(),
                top.team_fte,
                top.headcount
            )
        }
        SlideId::CorePeriphery | SlideId::MapRings => {
            let cp = &a.core_periphery;
            format!(
                "{} core and {} peripheral members: the core works {} FTE or more in this team.",
                cp.core.headcount, cp.peripheral.headcount, cp.threshold
            )
        }
        _ => format!(
            "{} members from {} agencies and {} disciplines; {:.1} FTE of their time is this team's.",
            a.headcount,
            a.agencies.iter().filter(|x| x.figures.headcount > 0).count(),
            a.disciplines
                .iter()
                .filter(|d| d.figures.headcount > 0)
                .count(),
            a.team_fte
        ),
    };
    Some(Caption {
        text,
        is_finding: false,
    })
}

/// "In the lowest-paid quarter the largest group is X (3 of 5); in the highest-paid
/// quarter, Y (2 of 4)", or "… is spread across 4 disciplines" where no one group leads.
fn quartile_description(a: &Analysis) -> Option<String> {
    let describe = |q: &super::Quartile| -> Option<String> {
        let top = q.disciplines.iter().map(|(_, n)| *n).max()?;
        let leaders: Vec<_> = q.disciplines.iter().filter(|(_, n)| *n == top).collect();
        Some(match leaders.as_slice() {
            [(d, n)] if *n >= 2 => {
                format!("{} ({n} of {})", a.discipline_name(*d), q.headcount)
            }
            _ => format!(
                "spread across {} disciplines (n = {})",
                q.disciplines.len(),
                q.headcount
            ),
        })
    };
    let (low, high) = (a.quartiles.first()?, a.quartiles.last()?);
    let (low, high) = (describe(low)?, describe(high)?);
    let lead = |d: &str| {
        if d.starts_with("spread") {
            format!("is {d}")
        } else {
            format!("is led by {d}")
        }
    };
    Some(format!(
        "The lowest-paid quarter {}; the highest-paid quarter {}.",
        lead(&low),
        lead(&high)
    ))
}

/// The groups whose pay a slide would show but leaves out because names are hidden and
/// they have fewer than three people, so the slide can say why.
pub fn hidden_pay(slide: SlideId, a: &Analysis) -> Vec<String> {
    if !a.pay_withheld {
        return Vec::new();
    }
    match slide {
        SlideId::Pay | SlideId::Conditions => a
            .hidden_pay_disciplines()
            .into_iter()
            .map(str::to_owned)
            .collect(),
        SlideId::CorePeriphery => {
            let cp = &a.core_periphery;
            [
                ("core", cp.core.headcount),
                ("peripheral", cp.peripheral.headcount),
            ]
            .into_iter()
            .filter(|(_, n)| *n > 0 && a.pay_hidden(*n))
            .map(|(side, n)| format!("{side} members, n = {n}"))
            .collect()
        }
        SlideId::Lorenz => {
            let n = a.members.iter().filter(|m| m.salary.is_some()).count();
            if n > 0 && a.pay_hidden(n) {
                vec![format!("the whole team, n = {n}")]
            } else {
                Vec::new()
            }
        }
        _ => Vec::new(),
    }
}

/// The picture file of the slide at `index` (from 0): `01-title.png`.
pub fn file_name(index: usize, slide: SlideId) -> String {
    format!("{:02}-{}.png", index + 1, slide.id())
}

/// The workshop handout: each slide's picture with its caption, then the report.
pub fn handout(a: &Analysis, slides: &[SlideId], date: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {}: workshop handout\n", a.team_name);
    let _ = writeln!(s, "{date}\n");
    if let Some(note) = report::withheld_note(a) {
        let _ = writeln!(s, "_{note}_\n");
    }
    let _ = writeln!(s, "## Slides\n");
    let captions = captions(slides, a);
    for (i, slide) in slides.iter().enumerate() {
        let _ = writeln!(s, "### {}. {}\n", i + 1, slide.label());
        let _ = writeln!(s, "![{}]({})\n", slide.label(), file_name(i, *slide));
        if let Some(c) = &captions[i] {
            let _ = writeln!(s, "{}\n", c.text);
        }
    }
    s.push_str(&report::markdown_body(a));
    s
}
