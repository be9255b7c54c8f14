//! The pipeline, pure: one decoded document in, one `Article` out (no I/O). The CLI, the app,
//! the benches and the fuzzers all call `extract`.

pub mod dates;
pub mod events;
pub mod explain;
pub mod furniture;
pub mod marker;
pub mod names;
pub mod places;
pub mod published;
pub mod title;
pub mod url_date;

use crate::core::model::{Article, Document, inside_any};
use crate::core::text;
use places::gazetteer::Gazetteer;
use places::geocode;

/// Bump when extraction output changes, so cached results are recomputed.
pub const EXTRACTOR_VERSION: u32 = 7;

/// Extracts publication date, dates, places and events from one document.
pub fn extract(doc: &Document, gazetteer: &Gazetteer) -> Article {
    let text = doc.text.as_str();
    let file_name = doc
        .path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let furniture = furniture::furniture_ranges(text);
    // One tokenization for the publication date and the dates resolved against it.
    let (published, dates) =
        published::detect_with_dates(text, &file_name, doc.meta_published.as_deref(), &furniture);
    // A date in the article's URL ranks below the text's own evidence, above inference.
    let (published, dates) =
        url_date::with_url_date(text, &furniture, doc.url.as_deref(), published, dates);
    // One cut into words for the place spotter and the event triggers.
    let words = text::fold_words(text);
    let mut places = geocode::spot_places_in(text, &words, gazetteer);
    for p in &mut places {
        p.furniture |= inside_any(&furniture, p.span);
    }
    let mut warnings = Vec::new();
    if let Some(p) = &published {
        warnings.extend(p.warnings.iter().cloned());
    }
    let mut article = Article {
        id: doc.id.clone(),
        path: doc.path.clone(),
        title: title::title_with(doc, &furniture),
        url: doc.url.clone(),
        published: published.as_ref().map(|p| p.value),
        published_source: published.as_ref().map(|p| p.source),
        published_confidence: published.as_ref().map(|p| p.confidence).unwrap_or(0.0),
        places,
        dates,
        events: Vec::new(),
        warnings,
        text_len: text.len(),
        content_hash: content_hash(text),
    };
    article.events = events::find_events_in(text, &words.words, &article, &furniture);
    names::name_places_as_written(&mut article.places, &mut article.events);
    article
}

/// [`extract`], with a panic inside the engine caught: `None` then (the caller says so). Every
/// caller that extracts user files goes through here, so no input can take the app down.
pub fn extract_guarded(doc: &Document, gazetteer: &Gazetteer) -> Option<Article> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extract(doc, gazetteer))).ok()
}

pub use title::title_of;

/// A 64-bit hash of the text ([`hash64`](crate::core::hash::hash64)): stable across runs and
/// platforms (used for dedup, kept in the cache and exported tables).
pub fn content_hash(text: &str) -> u64 {
    crate::core::hash::hash64(text.as_bytes())
}

/// FNV-1a 64 of `s`: names cache files after the folders they hold, so it must not change
/// (a new name would leave the old file behind).
pub fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.as_bytes() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}
