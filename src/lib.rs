//! Teamscape: draw a multi-agency children's services team and see what its structure does
//! to it. The library holds everything, so tests and benches can build the app.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod command;
pub mod document;
pub mod format;
pub mod model;
pub mod platform;
pub mod samples;
pub mod ui;
