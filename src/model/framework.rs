//! The outcomes frameworks in `assets/frameworks.ron`: when each applied, its sources and
//! licence, and each outcome's wording as published. The frameworks and their outcomes are
//! types ([`Framework`], [`Outcome`]); this is what a handout cites for them.

use std::sync::OnceLock;

use serde::Deserialize;

use super::pay::Source;
use super::team::{Framework, Outcome};

const FRAMEWORKS_RON: &str = include_str!("../../assets/frameworks.ron");

#[derive(Deserialize)]
struct Library {
    frameworks: Vec<About>,
}

/// What is known of one framework, with where it comes from.
#[derive(Deserialize, Debug)]
pub struct About {
    pub framework: Framework,
    /// "2003–2010", "since December 2023".
    pub period: String,
    /// What it is and whether it is current, in one sentence for a chart's caption.
    pub summary: String,
    /// The same at length, for the handout.
    pub status: String,
    pub sources: Vec<Source>,
    pub licence: String,
    /// What could not be confirmed.
    #[serde(default)]
    pub note: String,
    pub outcomes: Vec<Wording>,
}

/// An outcome's wording as its framework publishes it.
#[derive(Deserialize, Debug)]
pub struct Wording {
    pub outcome: Outcome,
    pub wording: String,
}

fn library() -> &'static [About] {
    static LIBRARY: OnceLock<Vec<About>> = OnceLock::new();
    LIBRARY.get_or_init(|| {
        ron::from_str::<Library>(FRAMEWORKS_RON)
            .map(|l| l.frameworks)
            .unwrap_or_default()
    })
}

/// The sourced account of `framework` (a test holds the asset to one for each).
pub fn about(framework: Framework) -> Option<&'static About> {
    library().iter().find(|a| a.framework == framework)
}

/// "Every Child Matters (2003–2010)": the name with its period, so no slide shows a
/// framework undated.
pub fn dated(framework: Framework) -> String {
    match about(framework) {
        Some(a) => format!("{} ({})", framework.name(), a.period),
        None => framework.name().to_owned(),
    }
}

/// The one-sentence account for a caption, or the name where the asset has none.
pub fn summary(framework: Framework) -> &'static str {
    about(framework).map_or(framework.name(), |a| a.summary.as_str())
}

/// The outcome's published wording, or its short label where the asset has none.
pub fn wording(outcome: Outcome) -> &'static str {
    about(outcome.framework())
        .and_then(|a| a.outcomes.iter().find(|w| w.outcome == outcome))
        .map_or(outcome.label(), |w| w.wording.as_str())
}

/// The framework's account for a handout, in Markdown: what it is, where its wording comes
/// from, its licence, and what could not be confirmed.
pub fn markdown(framework: Framework) -> String {
    let Some(a) = about(framework) else {
        return String::new();
    };
    let sources: Vec<String> = a
        .sources
        .iter()
        .map(|s| {
            let copy = if s.secondary { ", a copy" } else { "" };
            format!("[{}]({}){copy}", s.title, s.url)
        })
        .collect();
    let mut out = format!(
        "{}

Sources: {}. Licence: {}",
        a.status,
        sources.join("; "),
        a.licence
    );
    if !a.note.is_empty() {
        out.push_str(" Not confirmed: ");
        out.push_str(&a.note);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_asset_describes_every_framework_and_outcome_in_order() {
        let parsed = ron::from_str::<Library>(FRAMEWORKS_RON);
        assert!(parsed.is_ok(), "{:?}", parsed.err());
        for f in Framework::ALL {
            let a = about(f).unwrap_or_else(|| panic!("{f:?} missing"));
            let listed: Vec<Outcome> = a.outcomes.iter().map(|w| w.outcome).collect();
            assert_eq!(listed, f.outcomes(), "{f:?}");
            assert!(!a.sources.is_empty() && !a.licence.is_empty() && !a.period.is_empty());
            for o in f.outcomes() {
                assert_eq!(o.framework(), f);
            }
        }
        assert_eq!(library().len(), Framework::ALL.len());
    }

    #[test]
    fn every_child_matters_is_dated_and_names_its_successor() {
        assert_eq!(
            dated(Framework::EveryChildMatters),
            "Every Child Matters (2003–2010)"
        );
        let status = &about(Framework::EveryChildMatters).map(|a| &a.status);
        assert!(status.is_some_and(|s| s.contains("Children Act 2004, section 10(2)")));
        assert_eq!(wording(Outcome::StaySafe), "Stay safe");
    }
}
