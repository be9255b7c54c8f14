//! Where extracted articles are kept: the on-disk extraction cache, the NDJSON event table
//! (written and read), and the in-memory time index the timeline queries.

pub mod cache;
pub mod event_table;
pub mod recovery;
pub mod time_index;
