//! What the sentences before a sentence were about: the place an event without one of its own
//! took place at (`Les combats se poursuivent dans la ville de Palmyre. Elle a été prise en mai
//! 2015.`). Only a sentence that tells a happening sets the scene: a place in a description
//! or a background remark (`La cité de Palmyre est classée par l'Unesco.`) does not.

use super::find::place_for_event;
use super::place_role::{Role, place_role};
use crate::core::model::{Article, PlaceKind, PlaceMention, Span};

/// How far back (in bytes, from the sentence start) a place still sets the scene: about two
/// or three sentences of news prose.
const SCENE_BYTES: usize = 500;

/// The place the sentences before sentence `si` of `sentences` (spans of `text`) were about:
/// the last place of `article` before it, within [`SCENE_BYTES`], in a sentence that is
/// `eventful` (holds a trigger word), that can locate an event and
/// is a location or names an event there (not a subject, not a government by metonymy), and
/// not a sea or a lake (`frappes lancées depuis la Méditerranée`: where the attackers were,
/// seldom where the next event happens).
pub(super) fn recent_place<'a>(
    text: &str,
    article: &'a Article,
    sentences: &[Span],
    si: usize,
    eventful: impl Fn(Span) -> bool,
) -> Option<&'a PlaceMention> {
    let start = sentences.get(si)?.start;
    let before = article.places.partition_point(|p| p.span.start < start);
    let places = if article.places.is_sorted_by_key(|p| p.span.start) {
        &article.places[..before]
    } else {
        &article.places[..]
    };
    places
        .iter()
        .rev()
        .filter(|p| p.span.end <= start)
        .filter(|p| p.span.end + SCENE_BYTES >= start)
        .filter(|p| place_for_event(p) && p.place.kind != PlaceKind::Water)
        .find(|p| {
            sentence_of(sentences, p.span)
                .is_some_and(|s| eventful(s) && place_role(text, s, p) != Role::Bare)
        })
}

/// The sentence of `sentences` (in order) that holds `span`.
fn sentence_of(sentences: &[Span], span: Span) -> Option<Span> {
    let i = sentences.partition_point(|s| s.start <= span.start);
    sentences
        .get(i.checked_sub(1)?)
        .copied()
        .filter(|s| s.contains(span))
}
