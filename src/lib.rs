//! chronocarte: a desktop atlas of the news.
//!
//! `core` is the headless engine (no egui); `app` is the eframe viewer (feature `gui`).
#![forbid(unsafe_code)]

#[cfg(feature = "gui")]
pub mod app;
pub mod core;
