//! What a new team starts from: the current pay year's scales (see [`pay`]) and the typical disciplines
//! of children's services teams, used to fill in sensible defaults a manager then corrects.

use super::pay;
use super::team::{
    Agency, Discipline, DisciplineId, Family, Outcome, ProfessionalModel, Rgb, Sector, Team,
    OKABE_ITO,
};

/// A new, empty team on the current pay year, able to use every scale in the library.
pub fn new_team() -> Team {
    Team {
        pay_year: Some(pay::CURRENT_YEAR.to_owned()),
        pay_scales: pay::scales_for_year(pay::CURRENT_YEAR),
        ..Team::default()
    }
}

/// Defaults for a discipline the team does not have yet, matched on words in its name.
pub struct TypicalDiscipline {
    pub keywords: &'static [&'static str],
    pub models: &'static [ProfessionalModel],
    pub outcomes: &'static [Outcome],
    /// Administration and the like: members, but not a profession to compare.
    pub support_role: bool,
    pub family: Family,
}

// Each typical discipline is tagged in every framework (Every Child Matters, then the
// National Framework, then Child First), so a team that changes framework keeps defaults.
use Outcome::{
    AchieveEconomicWellBeing as Econ, AsChildren, BeHealthy as Healthy,
    CollaboratingWithChildren as Collab, DivertingFromStigma as Divert, EnjoyAndAchieve as Enjoy,
    MakeAPositiveContribution as Contribute, ProSocialIdentity as Identity,
    SafeInAndOutsideHome as SafeHome, StableLovingHomes as Stable, StaySafe as Safe,
    StayTogetherWithHelp as Together, SupportedByFamilyNetwork as Network,
};
use ProfessionalModel::{Educational, Justice, Medical, Social, Therapeutic};

/// Typical disciplines of these teams (usual employer, models and outcomes; local practice
/// varies, so each is only a default). Order matters: the first match wins, so
/// "educational psychologist" is tested before "psychologist", and "nursery nurse" (early
/// years) before "nurse".
pub const TYPICAL_DISCIPLINES: &[TypicalDiscipline] = &[
    TypicalDiscipline {
        keywords: &["psychiatr"],
        models: &[Medical, Therapeutic],
        outcomes: &[Healthy, Safe, Together, SafeHome, AsChildren],
        support_role: false,
        family: Family::MedicinePsychology,
    },
    TypicalDiscipline {
        keywords: &["paediatric", "pediatric"],
        models: &[Medical],
        outcomes: &[Healthy, Together, AsChildren],
        support_role: false,
        family: Family::MedicinePsychology,
    },
    TypicalDiscipline {
        keywords: &["educational psych"],
        models: &[Educational, Therapeutic],
        outcomes: &[Enjoy, Healthy, Together, AsChildren, Identity],
        support_role: false,
        family: Family::MedicinePsychology,
    },
    TypicalDiscipline {
        keywords: &["psycholog"],
        models: &[Therapeutic, Medical],
        outcomes: &[Healthy, Enjoy, Together, Network, AsChildren, Identity],
        support_role: false,
        family: Family::MedicinePsychology,
    },
    TypicalDiscipline {
        keywords: &["health visit", "school nurs"],
        models: &[Medical, Social],
        outcomes: &[Healthy, Safe, Together, SafeHome, AsChildren],
        support_role: false,
        family: Family::NursingTherapies,
    },
    TypicalDiscipline {
        keywords: &["early years", "early-years", "nursery"],
        models: &[Educational, Social],
        outcomes: &[Enjoy, Healthy, Together, Network, AsChildren],
        support_role: false,
        family: Family::EducationYouth,
    },
    TypicalDiscipline {
        keywords: &["nurs", "camhs"],
        models: &[Medical, Therapeutic],
        outcomes: &[Healthy, Safe, Together, SafeHome, AsChildren],
        support_role: false,
        family: Family::NursingTherapies,
    },
    TypicalDiscipline {
        keywords: &["speech", "occupational", "physio", "therap"],
        models: &[Therapeutic],
        outcomes: &[Healthy, Enjoy, Together, AsChildren, Collab],
        support_role: false,
        family: Family::NursingTherapies,
    },
    TypicalDiscipline {
        keywords: &["social work"],
        models: &[Social],
        outcomes: &[
            Safe, Econ, Together, Network, SafeHome, Stable, AsChildren, Divert,
        ],
        support_role: false,
        family: Family::SocialWork,
    },
    TypicalDiscipline {
        keywords: &["family support"],
        models: &[Social],
        outcomes: &[Safe, Econ, Together, Network, Collab],
        support_role: false,
        family: Family::SocialWork,
    },
    TypicalDiscipline {
        keywords: &["youth justice", "youth offending"],
        models: &[Justice, Social],
        outcomes: &[Safe, Contribute, SafeHome, Identity, Collab, Divert],
        support_role: false,
        family: Family::Justice,
    },
    TypicalDiscipline {
        keywords: &["police"],
        models: &[Justice],
        outcomes: &[Safe, SafeHome, Divert],
        support_role: false,
        family: Family::Justice,
    },
    TypicalDiscipline {
        keywords: &["probation"],
        models: &[Justice, Social],
        outcomes: &[Safe, Contribute, SafeHome, Identity],
        support_role: false,
        family: Family::Justice,
    },
    TypicalDiscipline {
        keywords: &["teach", "senco"],
        models: &[Educational],
        outcomes: &[Enjoy, Together, Identity],
        support_role: false,
        family: Family::EducationYouth,
    },
    TypicalDiscipline {
        keywords: &["youth work"],
        models: &[Social, Educational],
        outcomes: &[Contribute, Enjoy, SafeHome, Identity, Collab],
        support_role: false,
        family: Family::EducationYouth,
    },
    TypicalDiscipline {
        keywords: &["careers", "employment"],
        models: &[Educational],
        outcomes: &[Econ, Identity],
        support_role: false,
        family: Family::EducationYouth,
    },
    TypicalDiscipline {
        keywords: &["substance", "drug", "alcohol"],
        models: &[Therapeutic, Medical],
        outcomes: &[Healthy, SafeHome, AsChildren, Divert],
        support_role: false,
        family: Family::NursingTherapies,
    },
    TypicalDiscipline {
        keywords: &["admin", "secretar", "clerk"],
        models: &[],
        outcomes: &[],
        support_role: true,
        family: Family::Support,
    },
];

/// The family a discipline of this name belongs to by default: the typical discipline's, or
/// [`Family::Other`] for a name the library does not recognise.
pub fn default_family(name: &str) -> Family {
    typical_discipline(name).map_or(Family::Other, |t| t.family)
}

pub fn typical_discipline(name: &str) -> Option<&'static TypicalDiscipline> {
    let lower = name.to_lowercase();
    TYPICAL_DISCIPLINES
        .iter()
        .find(|t| t.keywords.iter().any(|k| lower.contains(k)))
}

/// A new discipline for the team, with the typical model and outcomes where the name is
/// recognised, and the next unused colour of the palette.
pub fn new_discipline(team: &Team, name: &str) -> Discipline {
    let typical = typical_discipline(name);
    let colour = next_colour(team);
    Discipline {
        id: team.next_discipline_id(),
        name: name.trim().to_owned(),
        colour,
        models: typical.map(|t| t.models.to_vec()).unwrap_or_default(),
        outcomes: typical.map(|t| t.outcomes.to_vec()).unwrap_or_default(),
        support_role: typical.is_some_and(|t| t.support_role),
        family: typical.map_or(Family::Other, |t| t.family),
    }
}

/// The Okabe–Ito colours first, then darker shades of them for teams with more than eight
/// disciplines (labels and shapes remain the second cue).
pub fn palette() -> impl Iterator<Item = Rgb> {
    let dark = |Rgb(r, g, b): Rgb| Rgb(r / 5 * 3, g / 5 * 3, b / 5 * 3);
    OKABE_ITO.into_iter().chain(OKABE_ITO.into_iter().map(dark))
}

fn next_colour(team: &Team) -> Rgb {
    palette()
        .find(|c| team.disciplines.iter().all(|d| d.colour != *c))
        .unwrap_or(OKABE_ITO[team.disciplines.len() % OKABE_ITO.len()])
}

/// A new agency, with its sector guessed from its name.
pub fn new_agency(team: &Team, name: &str) -> Agency {
    let lower = name.to_lowercase();
    let sector = if ["nhs", "trust", "health", "hospital"]
        .iter()
        .any(|k| lower.contains(k))
    {
        Sector::Health
    } else if lower.contains("police") || lower.contains("constabulary") {
        Sector::Police
    } else if ["council", "borough", "county", "local authority", "city of"]
        .iter()
        .any(|k| lower.contains(k))
    {
        Sector::LocalAuthority
    } else if ["school", "academy", "college", "education"]
        .iter()
        .any(|k| lower.contains(k))
    {
        Sector::Education
    } else if [
        "charity",
        "voluntary",
        "barnardo",
        "nspcc",
        "action for children",
        "trust fund",
    ]
    .iter()
    .any(|k| lower.contains(k))
    {
        Sector::Voluntary
    } else {
        Sector::Other
    };
    Agency {
        id: team.next_agency_id(),
        name: name.trim().to_owned(),
        sector,
    }
}

/// The discipline with this name, created with typical defaults if the team lacks it.
pub fn discipline_named(team: &mut Team, name: &str) -> DisciplineId {
    if let Some(d) = team.discipline_by_name(name) {
        return d.id;
    }
    let d = new_discipline(team, name);
    let id = d.id;
    team.disciplines.push(d);
    id
}

/// The agency with this name, created if the team lacks it.
pub fn agency_named(team: &mut Team, name: &str) -> super::team::AgencyId {
    if let Some(a) = team.agency_by_name(name) {
        return a.id;
    }
    let a = new_agency(team, name);
    let id = a.id;
    team.agencies.push(a);
    id
}
