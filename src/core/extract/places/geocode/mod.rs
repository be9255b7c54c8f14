//! Spotting place names in text and resolving them to gazetteer places.
//!
//! 1. The text is folded (`text::fold_words`) and cut into words; at each word the gazetteer gives
//!    the longest name made of whole words starting there (one hash lookup per word).
//! 2. Each match is checked against the written text: capitals (`Iran`, not `iran`), person
//!    names (`Vladimir Poutine`: a city name glued to another capitalised word is a name),
//!    stoplist, country adjectives (`turque` is not a place, it gives context), names that are
//!    also French words (`Orange`, `Tours` need `à` before them or a big population).
//! 3. Capitalised words the gazetteer did not know are looked up by transliteration key
//!    (`Qamichli` → Al Qamishli), then by consonant skeleton (`Minbej` → Manbij) when a
//!    candidate lies in a country the article is about.
//! 4. Each distinct name is resolved once per article ("one sense per discourse") by
//!    population, the countries of the article (named countries, adjectives, unambiguous
//!    cities) and cues (`province d'Idlib` → the region, `à Djibouti` → the city).
//! 5. `la capitale turque` becomes a mention of the capital.
//!
//! `spot` finds the candidate mentions (1, 2, 3, 5), one step per method of its `Spotter`;
//! `resolve` chooses among homonyms (4); `cues` holds the word lists both read.

mod cues;
mod frames;
mod resolve;
mod spot;

use crate::core::extract::places::gazetteer::{Gazetteer, NameInfo};
use crate::core::model::PlaceMention;
use crate::core::text::{FoldedWords, fold_words};
use spot::Spotter;

/// Every place mention in `text`, resolved and disambiguated (furniture flag left false:
/// the caller marks it).
pub fn spot_places(text: &str, gazetteer: &Gazetteer) -> Vec<PlaceMention> {
    spot_places_in(text, &fold_words(text), gazetteer)
}

/// [`spot_places`], given the folded words of `text` ([`fold_words`]).
pub fn spot_places_in(text: &str, f: &FoldedWords, gazetteer: &Gazetteer) -> Vec<PlaceMention> {
    if gazetteer.names.is_empty() || f.words.is_empty() {
        return Vec::new();
    }
    let mut spotter = Spotter::new(text, f, gazetteer);
    spotter.find_gazetteer_names();
    spotter.find_surnames();
    spotter.count_context_countries();
    spotter.add_gazetteer_candidates();
    spotter.add_transliterated_candidates();
    spotter.add_capital_candidates();
    resolve::resolve_names(text, gazetteer, &spotter.cands, &spotter.context)
}

/// Convenience: the gazetteer entry behind a pattern id (for debugging tools).
pub fn describe(gazetteer: &Gazetteer, info: &NameInfo) -> String {
    let places: Vec<String> = info
        .places
        .iter()
        .filter_map(|r| gazetteer.place(r.place))
        .map(|p| {
            format!(
                "{} ({}, {}, {})",
                p.name,
                p.kind.as_str(),
                p.country,
                p.population
            )
        })
        .collect();
    format!("{} → {}", info.folded, places.join("; "))
}
