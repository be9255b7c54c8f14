//! Events: sentences x dates x places x actors -> `Event`, and merging the same event reported
//! by several articles.
//!
//! Per sentence: trigger words (a French lexicon) are grouped into clusters of the same kind
//! group; each cluster takes the place it governs (a locative `à X`, `dans X`, `région de X`
//! is preferred; a bare subject like `Moscou et Ankara ont convenu` is a government, not a
//! location) and the date nearest to it (a date goes to its nearest cluster). A cluster with no
//! date of its own falls back to the publication date only for past or present reporting with
//! a locative place. Place-less clusters with an explicit date lend their date to a same-kind
//! event of the article that only had the fallback date.
//!
//! The files follow those steps: `triggers` (the lexicon, trigger words and their clusters),
//! `actors` (names and roles), `place_role` (locative, naming or bare places), `find` (the
//! sentence-by-sentence search of one article) and `merge` (within an article and across
//! articles).

mod actors;
mod context;
mod find;
mod merge;
mod place_role;
mod triggers;

pub use find::{find_events, find_events_in};
pub use merge::merge_events;

/// The spans of the event trigger words of `text` (its folded `words`), whether or not they
/// made an event: what `--explain` accounts for.
pub fn trigger_spans(
    text: &str,
    words: &[crate::core::text::FoldedWord],
) -> Vec<crate::core::model::Span> {
    triggers::trigger_words(text, words)
}
