//! What each workshop slide says under its picture, and the handout that goes with the
//! exported slides. Text only: the app draws the slides, the command line writes the files.

use std::fmt::Write as _;

use super::findings::FindingKind;
use super::{report, Analysis};
use crate::model::{ChartId, SlideId};

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
        AutonomyGap, ConditionsCoreness, ConditionsLadder, CorePeripheryPay, DominantAgency,
        DominantModel, IntegrationMismatch, LeaveGap, ModelGap, MostlyPeripheral, PayRatio,
        PerceptionGap, PeripheryAgency, TrainingGap, UntaggedOutcome,
    };
    use FindingKind::{ClimateGap, FamiliesChange, RoundChange};
    match slide {
        SlideId::Title
        | SlideId::Chart(
            ChartId::Quartiles
            | ChartId::Lorenz
            | ChartId::SayByRater
            | ChartId::SelfVsOthers
            | ChartId::FeelValued
            | ChartId::WorkingTogether,
        )
        | SlideId::Changes
        | SlideId::ChangesMap => &[],
        SlideId::Chart(ChartId::TeamClimate) => &[ClimateGap],
        SlideId::Chart(ChartId::RoundChange) => &[RoundChange],
        SlideId::Chart(ChartId::Families) => &[FamiliesChange],
        SlideId::Map => &[IntegrationMismatch, DominantAgency, PeripheryAgency],
        SlideId::MapRings => &[
            ConditionsCoreness,
            MostlyPeripheral,
            PeripheryAgency,
            CorePeripheryPay,
        ],
        SlideId::MapLadder => &[ConditionsLadder, ConditionsCoreness],
        SlideId::Chart(ChartId::StatusLadder) => &[ConditionsLadder, AutonomyGap],
        SlideId::Chart(ChartId::Pay) => &[PayRatio],
        SlideId::Chart(ChartId::Conditions) => &[TrainingGap, LeaveGap, AutonomyGap],
        SlideId::Chart(ChartId::CorePeriphery) => &[
            CorePeripheryPay,
            MostlyPeripheral,
            PeripheryAgency,
            ConditionsCoreness,
        ],
        SlideId::Chart(ChartId::Composition) => {
            &[DominantAgency, IntegrationMismatch, DominantModel, ModelGap]
        }
        SlideId::Chart(ChartId::Outcomes) => &[UntaggedOutcome],
        SlideId::Chart(ChartId::SeenVsGiven) => &[PerceptionGap],
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
    let mut own = a.all_findings().filter(|f| kinds(slide).contains(&f.kind));
    let first = own.clone().next();
    if let Some(f) = own.find(|f| !said.contains(&f.text)).or(first) {
        return Some(Caption {
            text: f.text.clone(),
            is_finding: true,
        });
    }
    if slide.needs_snapshot() {
        let Some(c) = a.changes.as_ref() else {
            return Some(Caption {
                text: "This team has no snapshot to compare with yet.".to_owned(),
                is_finding: false,
            });
        };
        // The map's caption is who came, went or moved; the other slide's, the first
        // figure that changed.
        let wanted = |f: &&String| {
            let moved = f.contains("moved")
                || f.contains("joined")
                || f.starts_with("Joined")
                || f.starts_with("Left");
            (slide == SlideId::ChangesMap) == moved
        };
        let text = c
            .findings
            .iter()
            .skip(1)
            .find(|f| wanted(f) && !said.contains(f))
            .or_else(|| c.findings.first())?;
        return Some(Caption {
            text: text.clone(),
            is_finding: true,
        });
    }
    let text = match slide {
        SlideId::Title => return None,
        _ if a.headcount == 0 => "No members yet.".to_owned(),
        SlideId::Chart(ChartId::Quartiles) => quartile_description(a)?,
        SlideId::Chart(ChartId::Lorenz) => format!(
            "Gini of full-time pay {} (n = {}).",
            report::gini_reading(a)?,
            a.paid_headcount()
        ),
        SlideId::Chart(ChartId::Outcomes) => {
            let staffed = a.disciplines.iter().filter(|d| d.figures.headcount > 0).count();
            let tags: usize = a.outcomes.iter().map(|o| o.disciplines.len()).sum();
            format!(
                "Every {} of {} has a discipline tagged with it; each discipline is tagged with {:.1} of the {} on average ({} disciplines, n = {}).",
                a.framework.parts().trim_end_matches('s'),
                crate::model::framework::dated(a.framework),
                tags as f64 / staffed.max(1) as f64,
                a.outcomes.len(),
                staffed,
                a.headcount
            )
        }
        SlideId::Chart(ChartId::SeenVsGiven) => seen_vs_given_description(a.perceptions.as_ref()?),
        SlideId::Chart(ChartId::SayByRater) => say_by_rater_description(a.perceptions.as_ref()?),
        SlideId::Chart(ChartId::SelfVsOthers) => self_vs_others_description(a.perceptions.as_ref()?),
        SlideId::Chart(ChartId::FeelValued) => feel_valued_description(a.perceptions.as_ref()?)?,
        SlideId::Chart(ChartId::WorkingTogether) => working_together_description(a)?,
        SlideId::Chart(ChartId::TeamClimate) => team_climate_description(a)?,
        SlideId::Chart(ChartId::RoundChange) => round_change_description(a)?,
        SlideId::Changes | SlideId::ChangesMap if a.involvement.is_some() => {
            let c = a.changes.as_ref()?;
            format!(
                "Then: {}, {} members, {:.1} FTE. Now: {} members, {:.1} FTE. {}",
                c.old.title,
                c.old.headcount,
                c.old.team_fte,
                c.new.headcount,
                c.new.team_fte,
                a.involvement.as_deref().unwrap_or_default()
            )
        }
        SlideId::Chart(ChartId::Families) => families_description(a)?,
        SlideId::Chart(ChartId::CorePeriphery) | SlideId::MapRings => {
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

/// Where no gap is large enough for a finding: how far apart the two ranks are at most.
fn seen_vs_given_description(p: &super::perceptions::Perceptions) -> String {
    let largest = p
        .disciplines
        .iter()
        .filter_map(|d| d.rank_gap)
        .map(f64::abs)
        .fold(0.0, f64::max);
    if p.ranked < 2 {
        return format!(
            "Too few disciplines have both a conditions rank and {} or more ratings by others to compare ({} respondents).",
            p.min_group, p.respondents
        );
    }
    let places = if largest < 0.5 {
        "Every discipline ranked holds the same place on both sides".to_owned()
    } else {
        format!(
            "No discipline's seen rank is more than {largest:.0} place{} from its conditions rank",
            if largest >= 1.5 { "s" } else { "" }
        )
    };
    format!(
        "{places} ({} disciplines ranked, {} respondents).",
        p.ranked, p.respondents
    )
}

/// The column of the heat map whose shown cells differ most: "Views of Nursing's say differ
/// most by who rates: 2.1 from Psychiatry, 3.8 from Social work."
fn say_by_rater_description(p: &super::perceptions::Perceptions) -> String {
    /// A rated discipline's spread: its column, and the (row, mean) at each end.
    type Spread = (f64, usize, (usize, f64), (usize, f64));
    let h = &p.say_by_rater;
    let mut widest: Option<Spread> = None;
    for col in 0..h.rated.len() {
        let shown: Vec<(usize, f64)> = (0..h.raters.len())
            .filter_map(|row| h.cells[row][col].mean.map(|m| (row, m)))
            .collect();
        let low = shown.iter().copied().min_by(|x, y| x.1.total_cmp(&y.1));
        let high = shown.iter().copied().max_by(|x, y| x.1.total_cmp(&y.1));
        if let (Some(low), Some(high), true) = (low, high, shown.len() >= 2) {
            let spread = high.1 - low.1;
            if widest.is_none_or(|w| spread > w.0) {
                widest = Some((spread, col, low, high));
            }
        }
    }
    let Some((spread, col, low, high)) = widest.filter(|w| w.0 >= 0.05) else {
        return format!(
            "Mean say seen in each discipline by each group of raters ({} respondents); too few groups rated the same discipline to compare.",
            p.respondents
        );
    };
    format!(
        "Views of {}'s say differ most by who rates it: {:.1} from {}, {:.1} from {} (a spread of {spread:.1} on the 1–5 scale).",
        h.rated[col].1,
        low.1,
        h.raters[low.0].name,
        high.1,
        h.raters[high.0].name,
    )
}

/// The discipline whose own view of its say differs most from everyone else's.
fn self_vs_others_description(p: &super::perceptions::Perceptions) -> String {
    let widest = p
        .disciplines
        .iter()
        .filter_map(|d| Some((d, d.say.self_mean?, d.say.others_mean?)))
        .max_by(|x, y| (x.1 - x.2).abs().total_cmp(&(y.1 - y.2).abs()));
    match widest {
        Some((d, own, others)) if (own - others).abs() >= 0.05 => format!(
            "{} rates its own say {own:.1}; everyone else rates it {others:.1} (1 to 5).",
            d.name
        ),
        Some(_) => "Where a discipline's own view can be shown, it matches how everyone else rates its say.".to_owned(),
        None => format!(
            "No discipline had {} or more of its own members rating it, so only everyone else's view is shown.",
            p.min_group
        ),
    }
}

/// The range of feeling valued across the rater groups shown.
fn feel_valued_description(p: &super::perceptions::Perceptions) -> Option<String> {
    let shown: Vec<&super::perceptions::FeelValued> =
        p.feel_valued.iter().filter(|g| g.mean.is_some()).collect();
    let key = |g: &&super::perceptions::FeelValued| g.mean.unwrap_or(0.0);
    let low = shown.iter().min_by(|x, y| key(x).total_cmp(&key(y)))?;
    let high = shown.iter().max_by(|x, y| key(x).total_cmp(&key(y)))?;
    Some(if shown.len() < 2 {
        format!("{} answered: {:.1} on average (1 to 5).", low.n, key(low))
    } else {
        format!(
            "How valued people feel ranges from {:.1} ({}, n = {}) to {:.1} ({}, n = {}), on a scale of 1 to 5.",
            key(low),
            low.group,
            low.n,
            key(high),
            high.group,
            high.n
        )
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

/// The groups a slide would show but leaves out because workshop-safe mode withheld them,
/// so the slide can say why.
pub fn withheld(slide: SlideId, a: &Analysis) -> Vec<String> {
    if a.min_group().is_none() {
        return Vec::new();
    }
    match slide {
        SlideId::MapLadder
        | SlideId::Chart(ChartId::StatusLadder | ChartId::Pay | ChartId::Conditions) => a
            .withheld_disciplines()
            .into_iter()
            .map(str::to_owned)
            .collect(),
        SlideId::Chart(ChartId::CorePeriphery) => {
            let cp = &a.core_periphery;
            [("core", &cp.core), ("peripheral", &cp.peripheral)]
                .into_iter()
                .filter(|(_, side)| side.headcount > 0 && side.suppressed)
                .map(|(name, side)| format!("{name} members, n = {}", side.headcount))
                .collect()
        }
        SlideId::Chart(ChartId::Lorenz) => {
            let n = a.paid_headcount();
            if n > 0 && a.hierarchy.salary_gini.is_none() {
                vec![format!("the whole team, n = {n}")]
            } else {
                Vec::new()
            }
        }
        _ => Vec::new(),
    }
}

/// The question a slide puts to the room, drawn from the research (Anning, Cottrell, Frost,
/// Green and Robinson, 2006: valuing every member, the status hierarchy, core and peripheral
/// members, a dominant agency, Every Child Matters as shared frame, now the team's outcomes framework). A team file can replace
/// it ([`prompt`]).
pub fn default_prompt(slide: SlideId) -> &'static str {
    match slide {
        SlideId::Title => "What do we each bring to this team that nobody else does?",
        SlideId::Map => "Where does line management sit, and does everyone know who decides what?",
        SlideId::MapRings => "Who spends much of their week elsewhere, and how do we keep them part of the team?",
        SlideId::MapLadder | SlideId::Chart(ChartId::StatusLadder) => "Which professions are seen as expert here, and whose contribution do we undervalue?",
        SlideId::Chart(ChartId::Pay) => "Pay is set by each agency: what can this team do about the differences it cannot change?",
        SlideId::Chart(ChartId::Conditions) => "Who gets time and money to learn, and who gets to decide on their own cases?",
        SlideId::Chart(ChartId::Quartiles) => "Who sits in the lowest-paid quarter, and is their contribution equally valued?",
        SlideId::Chart(ChartId::CorePeriphery) => "What would help the people at the edge of the team take part as fully as the core?",
        SlideId::Chart(ChartId::Composition) => "Does one agency's way of working set the rules for everyone?",
        SlideId::Chart(ChartId::Outcomes) => "How does each profession contribute to each outcome of our framework, in its own terms?",
        SlideId::Chart(ChartId::Lorenz) => "Which of these differences come from national scales, and which from choices made here?",
        SlideId::Chart(ChartId::SeenVsGiven) => "Where do how we see each other and how we are treated part company, and what do we make of it?",
        SlideId::Chart(ChartId::SayByRater) => "Where one group sees a profession's say differently from the rest, what has each seen that the others have not?",
        SlideId::Chart(ChartId::SelfVsOthers) => "Where a profession sees its own say differently from how the rest of us see it, what are we each missing?",
        SlideId::Chart(ChartId::FeelValued) => "What would help the people who feel least valued here feel that their contribution counts?",
        SlideId::Chart(ChartId::WorkingTogether) => "Where one group sees working with another differently from how the other sees it, what does each know that the other does not?",
        SlideId::Chart(ChartId::TeamClimate) => "What would make it as safe for everyone here to raise a problem, or disagree, as it is for those who find it safest?",
        SlideId::Chart(ChartId::RoundChange) => "For the groups whose answers moved between these rounds, what changed for them, and what would we keep or undo?",
        SlideId::Chart(ChartId::Families) => "Where the families' view of how we work together differs from our own, what do they see that we do not, and how do we ask them next time?",
        SlideId::Changes => "Did the change do what we meant it to for each profession, and what did it do that we did not mean?",
        SlideId::ChangesMap => "Who has moved closer to the centre of the team, who further out, and what would bring them back in?",
    }
}

/// The question on a slide: the team's own where it set one, otherwise the default.
pub fn prompt(team: &crate::model::Team, slide: SlideId) -> &str {
    team.presentation
        .prompts
        .get(&slide)
        .map(String::as_str)
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| default_prompt(slide))
}

/// The picture file of the slide at `index` (from 0): `01-title.png`.
pub fn file_name(index: usize, slide: SlideId) -> String {
    format!("{:02}-{}.png", index + 1, slide.id())
}

/// What kind of team this is and the framework it works to, with the framework's period:
/// "Child mental health (CAMHS, CYPMHS) · outcomes framework: Every Child Matters
/// (2003–2010)", under a handout's title.
pub fn kind_line(team: &crate::model::Team) -> String {
    format!(
        "{} · outcomes framework: {}",
        team.service.label(),
        crate::model::framework::dated(team.framework)
    )
}

/// The workshop handout: each slide's picture with its caption and question, then the report.
pub fn handout(team: &crate::model::Team, a: &Analysis, slides: &[SlideId], date: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {}: workshop handout\n", a.team_name);
    let _ = writeln!(s, "{date}\n");
    let _ = writeln!(s, "{}\n", kind_line(team));
    if let Some(note) = report::withheld_note(a) {
        let _ = writeln!(s, "_{note}_\n");
    }
    let _ = writeln!(s, "## Slides\n");
    let captions = captions(slides, a);
    for (i, slide) in slides.iter().enumerate() {
        let _ = writeln!(s, "### {}. {}\n", i + 1, slide.label());
        let caption = captions[i].as_ref().map(|c| c.text.as_str());
        let _ = writeln!(
            s,
            "![{}: {}]({})\n",
            slide.label(),
            caption.unwrap_or(slide.label()).replace(['[', ']'], ""),
            file_name(i, *slide)
        );
        if let Some(c) = caption {
            let _ = writeln!(s, "{c}\n");
        }
        if let Some(note) = quotes_note(team, *slide) {
            let _ = writeln!(s, "_{note}_\n");
        }
        let _ = writeln!(s, "**To discuss:** {}\n", prompt(team, *slide));
    }
    s.push_str(&report::markdown_body(a));
    s.push_str(&crate::model::pay::sources_markdown(
        team,
        a.workshop_safe.is_some(),
    ));
    s
}

/// The matrix slide: the round, each round-robin factor's network mean, and the widest
/// shown gap between how two groups see each other (a description: cells carry no interval).
fn working_together_description(a: &Analysis) -> Option<String> {
    use super::relational::{latest_matrix, scale_text};
    use crate::model::instrument::About;
    let round = latest_matrix(&a.relational)?;
    let mut parts: Vec<String> = Vec::new();
    let mut widest: Option<(f64, &str, &str, &str)> = None;
    for f in round.factors.iter().filter(|f| f.about == About::Each) {
        parts.push(match f.network_mean {
            Some(m) => format!("{} {m:.1}", f.factor),
            None => format!("{} withheld", f.factor),
        });
        let (raters, rated) = f.matrix_groups();
        for x in &raters {
            for y in rated.iter().filter(|y| *y != x) {
                // Each pair is met both ways round: the positive way names it.
                if let Some(d) = f.asymmetry(x, y).filter(|d| *d > 0.0) {
                    if widest.is_none_or(|w| d > w.0) {
                        widest = Some((d, x, y, &f.factor));
                    }
                }
            }
        }
    }
    let scale = round
        .factors
        .iter()
        .find(|f| f.about == About::Each)
        .map(scale_text)
        .unwrap_or_default();
    let mut text = format!(
        "{} ({} respondents): network mean {} ({scale}).",
        round.label,
        round.respondents,
        parts.join(", ")
    );
    if let Some((d, x, y, factor)) = widest {
        let _ = write!(
            text,
            " Widest gap: on {factor}, {x} rates {y} {d:.1} higher than {y} rates {x}."
        );
    }
    Some(text)
}

/// The climate slide: each team factor for the whole team, with its interval.
fn team_climate_description(a: &Analysis) -> Option<String> {
    use super::relational::{latest_team, scale_text};
    use crate::model::instrument::About;
    let round = latest_team(&a.relational)?;
    let parts: Vec<String> = round
        .factors
        .iter()
        .filter(|f| f.about == About::Team)
        .filter_map(|f| {
            let e = f.everyone.as_ref()?;
            Some(match (e.mean, e.interval) {
                (Some(m), Some((lo, hi))) => format!(
                    "{} {m:.1} ({}; 95 % interval {lo:.1} to {hi:.1}, n = {})",
                    f.factor,
                    scale_text(f),
                    e.n
                ),
                (Some(m), None) => format!("{} {m:.1} ({}, n = {})", f.factor, scale_text(f), e.n),
                (None, _) => format!("{} withheld (n = {})", f.factor, e.n),
            })
        })
        .collect();
    // Core against periphery, where the room shows both sides.
    let sides: Vec<String> = round
        .factors
        .iter()
        .filter(|f| f.about == About::Team)
        .filter_map(|f| {
            let side = |s: crate::model::Side| f.sides.iter().find(|g| g.group == s.label());
            let (core, edge) = (
                side(crate::model::Side::Core)?,
                side(crate::model::Side::Peripheral)?,
            );
            let gap = f.core_gap.as_ref()?;
            gap.difference?;
            Some(format!(
                "{} {:.1} against {:.1} (n = {} and {}; {})",
                f.factor,
                core.mean?,
                edge.mean?,
                core.n,
                edge.n,
                if gap.clear() {
                    "a clear difference"
                } else {
                    "no clear difference"
                }
            ))
        })
        .collect();
    let sides = if sides.is_empty() {
        String::new()
    } else {
        format!(" The core against the periphery: {}.", sides.join("; "))
    };
    Some(format!(
        "{}, the whole team: {}.{sides}",
        round.label,
        parts.join("; ")
    ))
}

/// The round against round slide: the whole team's change on each team factor, or the
/// network mean's on each round-robin one.
fn round_change_description(a: &Analysis) -> Option<String> {
    let change = a.relational_changes.last()?;
    let parts: Vec<String> = change
        .factors
        .iter()
        .filter_map(|f| {
            let c = f
                .changes
                .iter()
                .find(|c| c.what == "Everyone" || c.what == "Network mean")?;
            Some(match (c.before, c.after) {
                (Some(b), Some(x)) if c.what == "Everyone" => format!(
                    "{} from {b:.1} to {x:.1} (n = {} and {})",
                    f.factor, c.n_before, c.n_after
                ),
                (Some(b), Some(x)) => format!(
                    "{} network mean from {b:.1} to {x:.1} (n = {} and {} ratings)",
                    f.factor, c.n_before, c.n_after
                ),
                _ => format!("{} withheld", f.factor),
            })
        })
        .collect();
    Some(format!(
        "{} against {}, the whole team: {}.",
        change.after,
        change.before,
        parts.join("; ")
    ))
}

/// Period by period: the families' view of the team working together, then the staff's
/// own team factors, each with its n.
fn families_description(a: &Analysis) -> Option<String> {
    if a.side_by_side.is_empty() {
        return None;
    }
    let parts: Vec<String> = a
        .side_by_side
        .iter()
        .map(|p| {
            let when = p
                .snapshot
                .as_ref()
                .map_or_else(|| "Now".to_owned(), |s| format!("At “{s}”"));
            let families: Vec<String> = p.families.iter().map(super::feedback::view_text).collect();
            let staff: Vec<String> = p
                .staff
                .iter()
                .map(|f| match f.mean {
                    Some(m) => format!(
                        "{} {m:.1} on {}–{} (n = {})",
                        f.factor, f.scale.0, f.scale.1, f.n
                    ),
                    None => format!("{} withheld (n = {})", f.factor, f.n),
                })
                .collect();
            format!(
                "{when}: families, {}; staff, {}",
                if families.is_empty() {
                    "no round".to_owned()
                } else {
                    families.join("; ")
                },
                if staff.is_empty() {
                    "no round".to_owned()
                } else {
                    staff.join(", ")
                }
            )
        })
        .collect();
    Some(format!("{}.", parts.join(". ")))
}

/// " Service users consulted: two parents saw the plans.", or what says nobody recorded it:
/// the research's advice is that service users are central to a change, so the slides of
/// change say whether they were.
pub fn involvement_words(snapshot: &crate::model::Snapshot) -> String {
    match (snapshot.involvement, snapshot.involvement_note.trim()) {
        (Some(i), "") => format!(" {}.", i.label()),
        (Some(i), note) => format!(" {}: {}.", i.label(), note.trim_end_matches('.')),
        (None, _) => " How service users were involved in this change is not recorded.".to_owned(),
    }
}

/// What a handout says under a slide beyond its caption: that the families' quotes on it
/// were chosen by the manager, where it carries any.
pub fn quotes_note(team: &crate::model::Team, slide: SlideId) -> Option<&'static str> {
    (slide == SlideId::Chart(ChartId::Families) && team.feedback.iter().any(|r| !r.quotes.is_empty())).then_some(
        "The quotes on this slide were chosen by the manager from the families' comments, each checked against the team's names and the names kept for its round.",
    )
}
