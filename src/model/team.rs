//! The team file's data. No egui here: the analysis, the command line and the UI all read this.

use serde::{Deserialize, Serialize};

use super::perceptions::PerceptionRound;
use super::presentation::Presentation;

/// A stable identifier. Renaming a discipline or a member never changes its id, so links
/// (a member's discipline, a line manager) survive renames.
macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub struct $name(pub u32);
    };
}

id_type!(
    /// Identifies a [`Discipline`] within a team.
    DisciplineId
);
id_type!(
    /// Identifies an [`Agency`] within a team.
    AgencyId
);
id_type!(
    /// Identifies a [`PayScale`] within a team.
    PayScaleId
);
id_type!(
    /// Identifies a [`Member`] within a team.
    MemberId
);

/// The kind of service a team provides: the five team types of the `MATCh` study (by their
/// 2026 names), the services a manager is as likely to run today, and "other".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Service {
    /// The study's "youth crime" teams: youth offending teams, now mostly called youth
    /// justice services. The file keeps the old name, so every file reads as before.
    YouthCrime,
    /// CAMHS; NHS England also speaks of children and young people's mental health
    /// services (CYPMHS).
    ChildMentalHealth,
    SpecialNeedsNursery,
    NeuroRehabilitation,
    ChildDevelopment,
    /// Services a manager runs in 2026 that the 2006 study did not look at.
    MultiAgencySafeguardingHub,
    FamilyHelp,
    MentalHealthSupportTeam,
    #[default]
    Other,
}

impl Service {
    pub const ALL: [Self; 9] = [
        Self::YouthCrime,
        Self::ChildMentalHealth,
        Self::SpecialNeedsNursery,
        Self::NeuroRehabilitation,
        Self::ChildDevelopment,
        Self::MultiAgencySafeguardingHub,
        Self::FamilyHelp,
        Self::MentalHealthSupportTeam,
        Self::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::YouthCrime => "Youth justice service (youth offending team)",
            Self::ChildMentalHealth => "Child mental health (CAMHS, CYPMHS)",
            Self::SpecialNeedsNursery => "Special-needs nursery",
            Self::NeuroRehabilitation => "Neuro-rehabilitation",
            Self::ChildDevelopment => "Child development",
            Self::MultiAgencySafeguardingHub => "Multi-agency safeguarding hub (MASH)",
            Self::FamilyHelp => "Family Help team",
            Self::MentalHealthSupportTeam => "Mental health support team in schools",
            Self::Other => "Other",
        }
    }
}

/// Place on the integration continuum (after Frost, 2005), loosest first.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub enum Integration {
    Cooperation,
    Collaboration,
    #[default]
    Coordination,
    Integration,
}

impl Integration {
    pub const ALL: [Self; 4] = [
        Self::Cooperation,
        Self::Collaboration,
        Self::Coordination,
        Self::Integration,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Cooperation => "Cooperation",
            Self::Collaboration => "Collaboration",
            Self::Coordination => "Coordination",
            Self::Integration => "Integration (one team, unitary management)",
        }
    }
}

/// A professional model: a framework of need a discipline works from. A discipline can hold
/// several (the research asks that medical and social models complement each other).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub enum ProfessionalModel {
    Medical,
    Social,
    Educational,
    Justice,
    Therapeutic,
    /// Administrators and others who do not practise from a professional model.
    #[default]
    NoModel,
}

impl ProfessionalModel {
    pub const ALL: [Self; 6] = [
        Self::Medical,
        Self::Social,
        Self::Educational,
        Self::Justice,
        Self::Therapeutic,
        Self::NoModel,
    ];

    /// The word the JSON report uses (stable: "justice" stays "justice").
    pub fn key(self) -> &'static str {
        match self {
            Self::Justice => "justice",
            other => other.label(),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Medical => "medical",
            Self::Social => "social",
            Self::Educational => "educational",
            Self::Justice => "criminal justice",
            Self::Therapeutic => "therapeutic",
            Self::NoModel => "none",
        }
    }
}

/// A professional family: the level at which the research's hierarchy runs (medicine and
/// psychology "seen as expert", early years and youth work "perceived as less skilled",
/// social work "in the middle"), and large enough to show with names hidden where single
/// disciplines are not. Defaults follow the professional regulators and NHS occupation
/// groups (docs/measures.md, "Professional families"); a team may regroup.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub enum Family {
    /// Doctors (GMC) and practitioner psychologists (HCPC).
    MedicinePsychology,
    /// Nurses and health visitors (NMC) and the allied health professions (HCPC).
    NursingTherapies,
    /// Social workers (Social Work England) and family support.
    SocialWork,
    /// Teachers (Teaching Regulation Agency), early years, youth work and careers.
    EducationYouth,
    /// Youth justice, police and probation.
    Justice,
    /// Administration, reception and other support roles.
    Support,
    /// Roles the defaults do not recognise.
    #[default]
    Other,
}

impl Family {
    pub const ALL: [Self; 7] = [
        Self::MedicinePsychology,
        Self::NursingTherapies,
        Self::SocialWork,
        Self::EducationYouth,
        Self::Justice,
        Self::Support,
        Self::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::MedicinePsychology => "Medicine and psychology",
            Self::NursingTherapies => "Nursing and therapies",
            Self::SocialWork => "Social work and family support",
            Self::EducationYouth => "Education, early years and youth work",
            Self::Justice => "Justice and policing",
            Self::Support => "Administration and support",
            Self::Other => "Other roles",
        }
    }

    /// The word the JSON report and the file's readers can rely on.
    pub fn key(self) -> &'static str {
        match self {
            Self::MedicinePsychology => "medicine_psychology",
            Self::NursingTherapies => "nursing_therapies",
            Self::SocialWork => "social_work",
            Self::EducationYouth => "education_youth",
            Self::Justice => "justice",
            Self::Support => "support",
            Self::Other => "other",
        }
    }
}

/// The outcomes framework a team describes its work in. Each one's period, status, source
/// and licence are in `assets/frameworks.ron` (see [`super::framework`]). Files written
/// before frameworks have none and read as Every Child Matters, which they were tagged in.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub enum Framework {
    /// Every Child Matters (policy 2003 to 2010) and its five outcomes.
    #[default]
    EveryChildMatters,
    /// The Children's Social Care National Framework (Department for Education, December
    /// 2023): four outcomes.
    NationalFramework,
    /// Youth justice's Child First principle (Youth Justice Board): four tenets.
    ChildFirst,
}

impl Framework {
    pub const ALL: [Self; 3] = [
        Self::EveryChildMatters,
        Self::NationalFramework,
        Self::ChildFirst,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::EveryChildMatters => "Every Child Matters",
            Self::NationalFramework => "Children's Social Care National Framework",
            Self::ChildFirst => "Child First",
        }
    }

    /// What the framework calls its parts: "outcomes", or "tenets".
    pub fn parts(self) -> &'static str {
        match self {
            Self::ChildFirst => "tenets",
            _ => "outcomes",
        }
    }

    /// Its outcomes (or tenets), in the framework's own order.
    pub fn outcomes(self) -> &'static [Outcome] {
        use Outcome::{
            AchieveEconomicWellBeing, AsChildren, BeHealthy, CollaboratingWithChildren,
            DivertingFromStigma, EnjoyAndAchieve, MakeAPositiveContribution, ProSocialIdentity,
            SafeInAndOutsideHome, StableLovingHomes, StaySafe, StayTogetherWithHelp,
            SupportedByFamilyNetwork,
        };
        match self {
            Self::EveryChildMatters => &[
                BeHealthy,
                StaySafe,
                EnjoyAndAchieve,
                MakeAPositiveContribution,
                AchieveEconomicWellBeing,
            ],
            Self::NationalFramework => &[
                StayTogetherWithHelp,
                SupportedByFamilyNetwork,
                SafeInAndOutsideHome,
                StableLovingHomes,
            ],
            Self::ChildFirst => &[
                AsChildren,
                ProSocialIdentity,
                CollaboratingWithChildren,
                DivertingFromStigma,
            ],
        }
    }

    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

/// An outcome (or tenet) of one of the [`Framework`]s. A discipline carries the outcomes it
/// contributes to in every framework; a team's figures read those of its own framework.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Outcome {
    BeHealthy,
    StaySafe,
    EnjoyAndAchieve,
    MakeAPositiveContribution,
    AchieveEconomicWellBeing,
    StayTogetherWithHelp,
    SupportedByFamilyNetwork,
    SafeInAndOutsideHome,
    StableLovingHomes,
    AsChildren,
    ProSocialIdentity,
    CollaboratingWithChildren,
    DivertingFromStigma,
}

impl Outcome {
    pub fn framework(self) -> Framework {
        Framework::ALL
            .into_iter()
            .find(|f| f.outcomes().contains(&self))
            .unwrap_or_default()
    }

    /// A short label for charts and tables; the full wording, with its source, is in
    /// [`super::framework::about`].
    pub fn label(self) -> &'static str {
        match self {
            Self::BeHealthy => "be healthy",
            Self::StaySafe => "stay safe",
            Self::EnjoyAndAchieve => "enjoy and achieve",
            Self::MakeAPositiveContribution => "make a positive contribution",
            Self::AchieveEconomicWellBeing => "achieve economic well-being",
            Self::StayTogetherWithHelp => "families stay together, with help",
            Self::SupportedByFamilyNetwork => "supported by the family network",
            Self::SafeInAndOutsideHome => "safe in and outside the home",
            Self::StableLovingHomes => "stable, loving homes in care",
            Self::AsChildren => "as children",
            Self::ProSocialIdentity => "building pro-social identity",
            Self::CollaboratingWithChildren => "collaborating with children",
            Self::DivertingFromStigma => "diverting from stigma",
        }
    }
}

/// The sector an agency belongs to.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub enum Sector {
    Health,
    LocalAuthority,
    Education,
    Police,
    Voluntary,
    #[default]
    Other,
}

impl Sector {
    pub const ALL: [Self; 6] = [
        Self::Health,
        Self::LocalAuthority,
        Self::Education,
        Self::Police,
        Self::Voluntary,
        Self::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Health => "health",
            Self::LocalAuthority => "local authority",
            Self::Education => "education",
            Self::Police => "police",
            Self::Voluntary => "voluntary",
            Self::Other => "other",
        }
    }
}

/// Autonomy in decisions, on five worded levels (1 = least).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Autonomy {
    ActsOnInstruction,
    ActsWithinAgreedPlans,
    DecidesWithSupervision,
    DecidesAndAdvises,
    FinalSayOnCases,
}

impl Autonomy {
    pub const ALL: [Self; 5] = [
        Self::ActsOnInstruction,
        Self::ActsWithinAgreedPlans,
        Self::DecidesWithSupervision,
        Self::DecidesAndAdvises,
        Self::FinalSayOnCases,
    ];

    /// The level as a number from 1 to 5.
    pub fn level(self) -> u8 {
        match self {
            Self::ActsOnInstruction => 1,
            Self::ActsWithinAgreedPlans => 2,
            Self::DecidesWithSupervision => 3,
            Self::DecidesAndAdvises => 4,
            Self::FinalSayOnCases => 5,
        }
    }

    pub fn from_level(level: u8) -> Option<Self> {
        Self::ALL.get(usize::from(level).checked_sub(1)?).copied()
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::ActsOnInstruction => "acts on instruction",
            Self::ActsWithinAgreedPlans => "acts within agreed plans",
            Self::DecidesWithSupervision => "decides own casework with supervision",
            Self::DecidesAndAdvises => "decides independently and advises others",
            Self::FinalSayOnCases => "has the final say on cases",
        }
    }
}

/// The kind of contract a member works on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Contract {
    #[default]
    Permanent,
    FixedTerm,
    Secondment,
    Sessional,
    Agency,
}

impl Contract {
    pub const ALL: [Self; 5] = [
        Self::Permanent,
        Self::FixedTerm,
        Self::Secondment,
        Self::Sessional,
        Self::Agency,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Permanent => "permanent",
            Self::FixedTerm => "fixed-term",
            Self::Secondment => "secondment",
            Self::Sessional => "sessional",
            Self::Agency => "agency",
        }
    }
}

/// Whether a member counts as core or peripheral.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Membership {
    /// Decided by time in team against the team's core threshold.
    #[default]
    Automatic,
    Core,
    Peripheral,
}

impl Membership {
    pub const ALL: [Self; 3] = [Self::Automatic, Self::Core, Self::Peripheral];

    pub fn label(self) -> &'static str {
        match self {
            Self::Automatic => "automatic",
            Self::Core => "core",
            Self::Peripheral => "peripheral",
        }
    }
}

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// The Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
pub const OKABE_ITO: [Rgb; 8] = [
    Rgb(230, 159, 0),   // orange
    Rgb(86, 180, 233),  // sky blue
    Rgb(0, 158, 115),   // bluish green
    Rgb(240, 228, 66),  // yellow
    Rgb(0, 114, 178),   // blue
    Rgb(213, 94, 0),    // vermillion
    Rgb(204, 121, 167), // reddish purple
    Rgb(153, 153, 153), // grey
];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "DisciplineInFile")]
pub struct Discipline {
    pub id: DisciplineId,
    pub name: String,
    pub colour: Rgb,
    /// The professional models the discipline practises from; empty for none.
    pub models: Vec<ProfessionalModel>,
    /// The outcomes this discipline mainly contributes to, in each framework it has been
    /// tagged in (files written before frameworks hold Every Child Matters only).
    pub outcomes: Vec<Outcome>,
    /// A support role (administration, reception): a member of the team, but left out of
    /// comparisons between the top and the bottom of the ladder, which compare professions.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub support_role: bool,
    /// The professional family it belongs to (read as the default for its name from files
    /// written before families).
    pub family: Family,
}

impl Discipline {
    pub fn holds(&self, model: ProfessionalModel) -> bool {
        self.models.contains(&model)
    }

    /// "medical, social", or "none".
    pub fn models_label(&self) -> String {
        if self.models.is_empty() {
            ProfessionalModel::NoModel.label().to_owned()
        } else {
            self.models
                .iter()
                .map(|m| m.label())
                .collect::<Vec<_>>()
                .join(", ")
        }
    }
}

/// A discipline as files hold it: files written before a discipline could hold several
/// models have `model: Medical`; newer ones have `models: [Medical, Social]`.
#[derive(Deserialize)]
#[serde(rename = "Discipline")]
struct DisciplineInFile {
    id: DisciplineId,
    name: String,
    colour: Rgb,
    /// Written bare (`model: Medical`), so read as a value and wrapped.
    #[serde(default, deserialize_with = "present")]
    model: Option<ProfessionalModel>,
    #[serde(default)]
    models: Vec<ProfessionalModel>,
    outcomes: Vec<Outcome>,
    #[serde(default)]
    support_role: bool,
    /// Written bare (`family: Justice`), so read as a value and wrapped.
    #[serde(default, deserialize_with = "present_family")]
    family: Option<Family>,
}

fn present_family<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Family>, D::Error> {
    Family::deserialize(d).map(Some)
}

fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<ProfessionalModel>, D::Error> {
    ProfessionalModel::deserialize(d).map(Some)
}

impl From<DisciplineInFile> for Discipline {
    fn from(d: DisciplineInFile) -> Self {
        let mut models = d.models;
        if let Some(m) = d.model {
            if !models.contains(&m) {
                models.insert(0, m);
            }
        }
        models.retain(|m| *m != ProfessionalModel::NoModel);
        let family = d
            .family
            .unwrap_or_else(|| super::library::default_family(&d.name));
        Self {
            id: d.id,
            name: d.name,
            colour: d.colour,
            models,
            outcomes: d.outcomes,
            support_role: d.support_role,
            family,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Agency {
    pub id: AgencyId,
    pub name: String,
    pub sector: Sector,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PayPoint {
    pub name: String,
    /// Full-time annual salary in pounds.
    pub salary: f64,
    /// Why the figure is estimated, where no primary document confirms it ("the 2024/25
    /// value raised by the 3.2% award"). `None` for a published figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PayScale {
    pub id: PayScaleId,
    pub name: String,
    /// The library scale this copies ("agenda-for-change"), so that a change of the team's
    /// pay year can re-rate it. `None` for a scale the manager made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The pay year the figures apply to, such as "2025/26".
    pub year: String,
    /// The day the figures took effect, as YYYY-MM-DD.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub effective: String,
    /// The title of the document the figures come from (in files older than version 2, the
    /// source and any caveat in one).
    pub source: String,
    /// The source document's address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source_url: String,
    /// The source is a copy of the official figures, not the awarding body's own document.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub source_secondary: bool,
    /// The manager made these figures (from an announced award, or a table they read in),
    /// rather than the library: the handout never calls them confirmed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub supplied: bool,
    /// A caveat: how posts are graded locally, which figures are estimated and why.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    pub points: Vec<PayPoint>,
}

impl PayScale {
    pub fn point(&self, name: &str) -> Option<&PayPoint> {
        self.points.iter().find(|p| p.name == name)
    }
}

/// How a member is paid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Pay {
    /// A named point on one of the team's pay scales.
    Point { scale: PayScaleId, point: String },
    /// An explicit full-time annual salary in pounds.
    Salary(f64),
}

/// Who line-manages a member.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub enum LineManager {
    #[default]
    NoManager,
    /// Another member of this team.
    Member(MemberId),
    /// Someone outside the team, employed by the given agency.
    External { name: String, agency: AgencyId },
}

/// A position on the map, in map units.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Position {
    pub x: f32,
    pub y: f32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub id: MemberId,
    pub name: String,
    pub job_title: String,
    pub discipline: DisciplineId,
    pub agency: AgencyId,
    pub pay: Pay,
    /// Contracted fraction of a full-time week, 0 < fte ≤ 1.
    pub fte: f64,
    /// Share of the contracted time spent in this team, 0 < share ≤ 1.
    pub team_share: f64,
    /// Full-time annual leave entitlement in days, without bank holidays. `None` where there
    /// is no entitlement to compare (teachers take holidays when schools close).
    pub leave_days: Option<f64>,
    /// Completed years of service that count towards leave (NHS service for Agenda for
    /// Change, continuous local government service for the Green Book), where recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years_of_service: Option<u32>,
    /// Funded training days a year.
    pub training_days: Option<f64>,
    /// Training budget in pounds a year.
    pub training_budget: Option<f64>,
    pub autonomy: Option<Autonomy>,
    pub contract: Contract,
    pub co_located: bool,
    pub membership: Membership,
    pub line_manager: LineManager,
    pub position: Position,
}

impl Member {
    /// A full-time, permanent, co-located member wholly in this team, with no leave,
    /// training or autonomy recorded, no line manager, at the origin: the base that builders
    /// and tests change with struct update syntax. Importers that read every field write the
    /// whole struct, so a new field is a compile error there rather than a silent default.
    pub fn new(
        id: MemberId,
        name: &str,
        discipline: DisciplineId,
        agency: AgencyId,
        pay: Pay,
    ) -> Self {
        Self {
            id,
            name: name.to_owned(),
            job_title: String::new(),
            discipline,
            agency,
            pay,
            fte: 1.0,
            team_share: 1.0,
            leave_days: None,
            years_of_service: None,
            training_days: None,
            training_budget: None,
            autonomy: None,
            contract: Contract::Permanent,
            co_located: true,
            membership: Membership::Automatic,
            line_manager: LineManager::NoManager,
            position: Position::default(),
        }
    }

    /// Time in team: `fte × team_share`.
    pub fn team_fte(&self) -> f64 {
        self.fte * self.team_share
    }

    /// Part-time or split between this team and others: drawn with a dashed outline.
    pub fn is_part_time_or_split(&self) -> bool {
        self.fte < 1.0 || self.team_share < 1.0
    }
}

pub const DEFAULT_CORE_THRESHOLD: f64 = 0.5;

/// Workshop-safe mode withholds every figure of a group smaller than this
/// (docs/measures.md, "Workshop-safe mode").
pub const DEFAULT_MIN_GROUP_SIZE: usize = 3;

fn default_min_group_size() -> usize {
    DEFAULT_MIN_GROUP_SIZE
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_default_min_group_size(n: &usize) -> bool {
    *n == DEFAULT_MIN_GROUP_SIZE
}

fn default_min_responses() -> usize {
    super::feedback::DEFAULT_MIN_RESPONSES
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_default_min_responses(n: &usize) -> bool {
    *n == super::feedback::DEFAULT_MIN_RESPONSES
}

fn default_core_threshold() -> f64 {
    DEFAULT_CORE_THRESHOLD
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Team {
    pub name: String,
    pub service: Service,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub notes: String,
    pub integration: Integration,
    /// The outcomes framework the team describes its work in; left out of the file while it
    /// is Every Child Matters, so older files read and write byte for byte the same.
    #[serde(default, skip_serializing_if = "Framework::is_default")]
    pub framework: Framework,
    pub host_agency: Option<AgencyId>,
    /// Members whose team FTE reaches this are core (unless marked otherwise).
    #[serde(default = "default_core_threshold")]
    pub core_threshold: f64,
    /// With names hidden, groups smaller than this show no figures (workshop-safe mode).
    #[serde(
        default = "default_min_group_size",
        skip_serializing_if = "is_default_min_group_size"
    )]
    pub min_group_size: usize,
    /// With names hidden, no service-user feedback figure from fewer responses than this.
    #[serde(
        default = "default_min_responses",
        skip_serializing_if = "is_default_min_responses"
    )]
    pub min_responses: usize,
    pub disciplines: Vec<Discipline>,
    pub agencies: Vec<Agency>,
    /// The pay year of the library scales the team uses ("2025/26"); `None` for a team on
    /// scales of its own only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_year: Option<String>,
    pub pay_scales: Vec<PayScale>,
    pub members: Vec<Member>,
    /// The workshop slides and their order. Left out of the file while it is the default,
    /// so files written before workshops existed read and write byte for byte the same.
    #[serde(default, skip_serializing_if = "Presentation::is_default")]
    pub presentation: Presentation,
    /// Rounds of anonymous responses on how the professions see each other.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub perceptions: Vec<PerceptionRound>,
    /// The team as it was at earlier moments, oldest first (file version 3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub snapshots: Vec<super::snapshot::Snapshot>,
    /// Rounds of what children and families told the team (file version 6).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub feedback: Vec<super::feedback::FeedbackRound>,
}

impl Default for Team {
    fn default() -> Self {
        Self {
            name: "Untitled team".to_owned(),
            service: Service::Other,
            description: String::new(),
            notes: String::new(),
            integration: Integration::default(),
            framework: Framework::default(),
            host_agency: None,
            core_threshold: DEFAULT_CORE_THRESHOLD,
            min_group_size: DEFAULT_MIN_GROUP_SIZE,
            min_responses: super::feedback::DEFAULT_MIN_RESPONSES,
            disciplines: Vec::new(),
            agencies: Vec::new(),
            pay_year: None,
            pay_scales: Vec::new(),
            members: Vec::new(),
            presentation: Presentation::default(),
            perceptions: Vec::new(),
            snapshots: Vec::new(),
            feedback: Vec::new(),
        }
    }
}

impl Team {
    pub fn discipline(&self, id: DisciplineId) -> Option<&Discipline> {
        self.disciplines.iter().find(|d| d.id == id)
    }

    pub fn agency(&self, id: AgencyId) -> Option<&Agency> {
        self.agencies.iter().find(|a| a.id == id)
    }

    pub fn pay_scale(&self, id: PayScaleId) -> Option<&PayScale> {
        self.pay_scales.iter().find(|s| s.id == id)
    }

    pub fn member(&self, id: MemberId) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    pub fn member_mut(&mut self, id: MemberId) -> Option<&mut Member> {
        self.members.iter_mut().find(|m| m.id == id)
    }

    pub fn discipline_by_name(&self, name: &str) -> Option<&Discipline> {
        self.disciplines
            .iter()
            .find(|d| d.name.trim().eq_ignore_ascii_case(name.trim()))
    }

    pub fn agency_by_name(&self, name: &str) -> Option<&Agency> {
        self.agencies
            .iter()
            .find(|a| a.name.trim().eq_ignore_ascii_case(name.trim()))
    }

    pub fn pay_scale_by_name(&self, name: &str) -> Option<&PayScale> {
        self.pay_scales
            .iter()
            .find(|s| s.name.trim().eq_ignore_ascii_case(name.trim()))
    }

    /// The full-time annual salary of a member's pay, or `None` if the pay point is unknown.
    pub fn fte_salary(&self, member: &Member) -> Option<f64> {
        self.salary_of(&member.pay)
    }

    /// The full-time annual salary of a pay, or `None` if the pay point is unknown.
    pub fn salary_of(&self, pay: &Pay) -> Option<f64> {
        match pay {
            Pay::Salary(s) => Some(*s),
            Pay::Point { scale, point } => self.pay_scale(*scale)?.point(point).map(|p| p.salary),
        }
    }

    /// Whether a member counts as core: explicit marks win, otherwise time in team against
    /// the team's threshold.
    pub fn is_core(&self, member: &Member) -> bool {
        match member.membership {
            Membership::Core => true,
            Membership::Peripheral => false,
            Membership::Automatic => member.team_fte() >= self.core_threshold - 1e-9,
        }
    }

    pub fn next_discipline_id(&self) -> DisciplineId {
        DisciplineId(
            self.disciplines
                .iter()
                .map(|d| d.id.0.saturating_add(1))
                .max()
                .unwrap_or(1),
        )
    }

    pub fn next_agency_id(&self) -> AgencyId {
        AgencyId(
            self.agencies
                .iter()
                .map(|a| a.id.0.saturating_add(1))
                .max()
                .unwrap_or(1),
        )
    }

    pub fn next_pay_scale_id(&self) -> PayScaleId {
        PayScaleId(
            self.pay_scales
                .iter()
                .map(|s| s.id.0.saturating_add(1))
                .max()
                .unwrap_or(1),
        )
    }

    /// An id no member has now or had in a snapshot: a comparison with a snapshot matches
    /// members by id, so a newcomer must never take a leaver's.
    /// Add a perception round, stored so no answer can be traced
    /// ([`super::perceptions::protect`]).
    pub fn add_round(&mut self, mut round: PerceptionRound) {
        super::perceptions::protect(&mut round, self);
        self.perceptions.push(round);
    }

    /// Protect every round stored before rounds were protected; whether any changed (the
    /// file is then to be saved again, and the manager told).
    pub fn protect_rounds(&mut self) -> bool {
        let mut rounds = std::mem::take(&mut self.perceptions);
        let mut changed = false;
        for r in rounds.iter_mut().filter(|r| !r.protected) {
            changed |= super::perceptions::protect(r, self);
        }
        self.perceptions = rounds;
        // A snapshot keeps the rounds the team had when it was taken: each is protected
        // by the snapshot's own disciplines, the ones its raters belonged to.
        for s in &mut self.snapshots {
            if s.team.perceptions.iter().any(|r| !r.protected) {
                changed |= std::sync::Arc::make_mut(&mut s.team).protect_rounds();
            }
        }
        changed
    }

    pub fn next_member_id(&self) -> MemberId {
        MemberId(
            self.members
                .iter()
                .chain(self.snapshots.iter().flat_map(|s| &s.team.members))
                .map(|m| m.id.0.saturating_add(1))
                .max()
                .unwrap_or(1),
        )
    }

    /// Total time in team over all members.
    pub fn team_fte(&self) -> f64 {
        self.members.iter().map(Member::team_fte).sum()
    }
}

/// Members by id, for lookups that must not scan the team (selection, hit-testing, the
/// inspector). Built from a team; valid for that team and for copies that keep its members'
/// order (the anonymised team a workshop shows).
#[derive(Clone, Debug, Default)]
pub struct MemberIndex(std::collections::HashMap<MemberId, usize>);

impl MemberIndex {
    pub fn of(team: &Team) -> Self {
        Self(
            team.members
                .iter()
                .enumerate()
                .map(|(i, m)| (m.id, i))
                .collect(),
        )
    }

    /// The member with this id in `team` (checked, so a stale index finds nothing wrong).
    pub fn get<'a>(&self, team: &'a Team, id: MemberId) -> Option<&'a Member> {
        let i = *self.0.get(&id)?;
        team.members.get(i).filter(|m| m.id == id)
    }

    pub fn contains(&self, id: MemberId) -> bool {
        self.0.contains_key(&id)
    }

    /// The member's place in the team's order, from 0.
    pub fn position(&self, id: MemberId) -> Option<usize> {
        self.0.get(&id).copied()
    }
}
