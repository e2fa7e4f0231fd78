//! Every test that needs no window: the model, the analysis, files, the command line, the
//! workshop's privacy, and the fuzz targets. One binary, so the library and eframe are linked
//! once for all of them rather than once a file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::float_cmp)]

#[path = "../common/mod.rs"]
mod common;
mod memory;

mod analysis;
mod cli;
mod compare;
mod files;
mod fuzz;
mod hostile_files;
mod pay;
mod perceptions;
mod portfolio;
mod relational;
mod robustness;
mod round_trip_props;
mod validation;
mod workshop;
mod workshop_safe;
