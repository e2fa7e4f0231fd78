//! The team file's data and everything that reads, checks and writes it. No egui here.

pub mod csv;
pub mod families;
pub mod feedback;
pub mod feedback_csv;
pub mod framework;
pub mod generate;
pub mod instrument;
pub mod io;
pub mod library;
pub mod pay;
pub mod perceptions;
pub mod perceptions_csv;
pub mod placement;
pub mod portfolio;
pub mod portfolio_csv;
pub mod portfolio_team;
pub mod presentation;
pub mod snapshot;
pub mod team;
pub mod validate;
pub mod workbook;
pub mod workbook_limits;

pub use io::FileError;
pub use perceptions::{Answers, Choice, ItemAnswer, PerceptionRound, Rating, Response, Side};
pub use presentation::{ChartId, Presentation, SlideId};
pub use snapshot::Snapshot;
pub use team::*;
pub use validate::{member_problems, validate, validate_after_edit, Problem};
