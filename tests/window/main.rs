//! Every test that drives the real app in an `egui_kittest` window: find widgets by label,
//! click, type, drag, assert on the team; and the few snapshot images (`tests/snapshots/`).
//! One binary, so the app is linked once for all of them; `support` makes every window.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::float_cmp)]

#[path = "../common/mod.rs"]
mod common;
mod support;

mod compare;
mod document;
mod editor;
mod files;
mod keyboard;
mod present;
mod service;
mod table;
mod tidy;
