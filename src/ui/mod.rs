//! The panels and views. Each reads the team and its own view state, and queues changes.

pub mod charts;
pub mod compare;
pub mod feedback_panel;
pub mod field;
pub mod file_dialog;
pub mod inspector;
pub mod kiosk;
pub mod map;
pub mod member_fields;
pub mod present;
pub mod service;
pub mod style;
pub mod table;
pub mod team_panel;
