//! chronocarte: a desktop atlas of the news.
//!
//! `core` is the headless engine (no egui); `app` is the eframe viewer (feature `gui`).
#![deny(unsafe_code)]

#[cfg(feature = "gui")]
pub mod app;
pub mod core;

// The one module allowed unsafe code: the global allocator's dispatch.
#[cfg(feature = "fast-alloc")]
#[allow(unsafe_code)]
pub mod allocator;

/// Set here so the app, the CLI, the benches and the tests all measure the same allocator
/// (issue 5; see [`allocator`]).
#[cfg(feature = "fast-alloc")]
#[global_allocator]
static ALLOCATOR: allocator::SplitAllocator = allocator::SplitAllocator;
