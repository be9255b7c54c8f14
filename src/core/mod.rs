//! The headless engine: corpus loading, text normalisation, French dates, gazetteer and
//! geocoding, events, the time index and export. Never imports egui.

pub mod cache;
pub mod corpus;
pub mod dates;
pub mod eval;
pub mod event_table;
pub mod events;
pub mod export;
pub mod extract;
pub mod fsio;
pub mod furniture;
pub mod gazetteer;
pub mod geocode;
pub mod hash;
pub mod html;
pub mod model;
pub mod pipeline;
pub mod published;
pub mod synth;
pub mod text;
pub mod timeline;
