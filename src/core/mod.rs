//! The headless engine. Never imports egui.
//!
//! The data flows down this list (see `docs/ARCHITECTURE.md`): [`io`] turns files into
//! [`model::Document`]s, [`extract`] turns one document into one [`model::Article`] (pure, no
//! I/O), [`store`] keeps articles (the extraction cache, the event table, the time index),
//! [`pipeline`] runs io → extract → store in parallel for the app and the CLI, and [`export`]
//! writes what was found. [`text`] and [`hash`] serve every layer; [`dev`] holds the tools that
//! measure the engine (scoring, generated corpora) and is never called by production code.

pub mod dev;
pub mod export;
pub mod extract;
pub mod hash;
pub mod io;
pub mod model;
pub mod pipeline;
pub mod store;
pub mod text;
