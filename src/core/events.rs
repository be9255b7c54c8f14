//! Events: sentences x dates x places x actors -> `Event`, and merging the same event reported
//! by several articles.

use crate::core::model::{Article, Event};

/// Events of one article, from its text and its already-extracted dates and places.
pub fn find_events(text: &str, article: &Article) -> Vec<Event> {
    let _ = (text, article);
    Vec::new()
}

/// Merges events of several articles: the same event (same kind group, overlapping date,
/// same place) becomes one with every source listed.
pub fn merge_events<'a>(articles: impl IntoIterator<Item = &'a Article>) -> Vec<Event> {
    articles.into_iter().flat_map(|a| a.events.iter().cloned()).collect()
}
