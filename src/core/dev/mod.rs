//! Tools that measure the engine: scoring against gold annotations and generating benchmark
//! corpora. Production code (extraction, loading, the app) never calls them.

pub mod eval;
pub mod synth;
