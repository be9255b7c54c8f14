//! The ` date YYYY-MM` marker some corpora put on an article's first line: metadata, not
//! prose. Read by the publication-date finder, skipped by the date finder.

use crate::core::model::DateValue;

/// The date of the leading ` date YYYY-MM` (or `YYYY`, `YYYY-MM-DD`) marker.
pub fn parse_marker(text: &str) -> Option<DateValue> {
    let t = text.trim_start();
    let rest = t.strip_prefix("date ")?.trim_start();
    let n = rest
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'-')
        .count();
    DateValue::parse_iso(rest[..n].trim_end_matches('-'))
}

/// `text` without a leading ` date YYYY-MM` marker (the marker is metadata, not prose).
pub fn strip_marker(text: &str) -> &str {
    let t = text.trim_start();
    if let Some(rest) = t.strip_prefix("date ") {
        let rest = rest.trim_start();
        let n = rest
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b'-')
            .count();
        if n >= 4 {
            return &rest[n..];
        }
    }
    text
}
