//! chronocarte: a desktop atlas of the news.
//!
//! `core` is the headless engine (no egui); `app` is the eframe viewer (feature `gui`).
#![forbid(unsafe_code)]

#[cfg(feature = "gui")]
pub mod app;
pub mod core;

/// Extraction makes many small, short-lived allocations (tokens, folded words, mentions);
/// mimalloc's thread-local free lists serve them at a fraction of glibc's cost (issue 5). Set
/// here so the app, the CLI, the benches and the tests all measure the same allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
