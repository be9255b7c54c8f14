//! Page furniture: newsletter boxes, donation appeals, teasers, programme grids, forum stamps,
//! cookie banners. Dates and places inside these ranges stay out of events and the timeline.

use crate::core::model::Span;

/// Byte ranges of `text` that are page furniture rather than the article's story.
pub fn furniture_ranges(text: &str) -> Vec<Span> {
    let _ = text;
    Vec::new()
}
