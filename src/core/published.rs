//! The publication date of an article: marker, dateline, metadata, file name or inference.

use crate::core::model::{DateValue, PublishedSource};

/// The publication date found for an article, with how it was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    /// The date.
    pub value: DateValue,
    /// Where it came from.
    pub source: PublishedSource,
    /// 0..1.
    pub confidence: f32,
    /// Problems noticed (e.g. a marker the text contradicts).
    pub warnings: Vec<String>,
}

/// Finds the publication date of `text` (file name and HTML metadata help when present).
pub fn detect(text: &str, file_name: &str, meta_published: Option<&str>) -> Option<Published> {
    let _ = (text, file_name, meta_published);
    None
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
