//! Finding the events of one article, sentence by sentence: each cluster of trigger words takes
//! the date and the place nearest to it (see [the module documentation](super)).

use super::actors::{FullName, actors_in};
use super::merge::merge_within;
use super::place_role::{Role, place_role};
use super::triggers::{Cluster, clusters_in, trigger_words};
use crate::core::model::{
    Actor, Article, DateKind, DateMention, DateValue, Event, EventKind, EventSource, PlaceKind,
    PlaceMention, Precision, Span, overlapping,
};
use crate::core::text::{self, FoldedWord};
use regex::Regex;
use std::cell::OnceCell;
use std::ops::Range;
use std::sync::LazyLock;

/// Words that announce the future or a hypothesis: such a sentence does not report something
/// that happened on the publication date.
static FUTURE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[^\p{L}\p{N}_])(?:se tiendra|aura lieu|auront lieu|devrait|devraient|pourrait|pourraient|prévue?s?|organiser(?:a|ont)|va|vont|envisag\p{L}*|projet\p{L}*|si)(?:$|[^\p{L}\p{N}_])|\p{L}{3,}(?:era|eront|ira|iront)(?:$|[^\p{L}\p{N}_])")
        .expect("future regex")
});

fn distance(a: Span, b: Span) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

fn usable_date(d: &DateMention) -> bool {
    !d.furniture && d.value.precision != Precision::Year
}

fn place_for_event(m: &PlaceMention) -> bool {
    !m.furniture && m.place.kind != PlaceKind::Country
}

/// The items of `items` that start inside `sentence`, found by binary search when `sorted`
/// (by span start); all of them otherwise. Callers still check containment.
fn starting_in<T>(items: &[T], sorted: bool, span: impl Fn(&T) -> Span, sentence: Span) -> &[T] {
    if !sorted {
        return items;
    }
    let a = items.partition_point(|x| span(x).start < sentence.start);
    let b = a + items[a..].partition_point(|x| span(x).start < sentence.end);
    &items[a..b]
}

/// Events of one article, from its text and its already-extracted dates and places.
/// `furniture` are the page-furniture ranges: nothing in them makes an event.
pub fn find_events(text: &str, article: &Article, furniture: &[Span]) -> Vec<Event> {
    find_events_in(text, &text::fold_words(text).words, article, furniture)
}

/// [`find_events`], given the words of `text` ([`text::fold_words`], which the place spotter
/// also reads: [`extract`](crate::core::extract::extract) cuts them once for both).
pub fn find_events_in(
    text: &str,
    words: &[FoldedWord],
    article: &Article,
    furniture: &[Span],
) -> Vec<Event> {
    let mut events = ArticleEvents::new(text, words, article, furniture);
    for sentence in text::sentences(text) {
        events.find_in_sentence(sentence);
    }
    events.finish()
}

/// What finding the events of one article carries from one sentence to the next.
struct ArticleEvents<'a> {
    text: &'a str,
    article: &'a Article,
    /// The page-furniture ranges: nothing in them makes an event.
    furniture: &'a [Span],
    /// The trigger words of the whole text, in text order.
    triggers: Vec<Span>,
    /// The first of `triggers` that no sentence has taken yet.
    next_trigger: usize,
    /// The extractor lists mentions in text order; then each sentence looks only at its own.
    places_sorted: bool,
    dates_sorted: bool,
    /// The full names seen so far: a surname alone stands for one of them.
    full_names: Vec<FullName>,
    /// The current sentence's places and usable dates, reused from one sentence to the next.
    places: Vec<&'a PlaceMention>,
    dates: Vec<&'a DateMention>,
    /// Events with a place, each with whether its date is the publication-date fallback.
    candidates: Vec<(Event, bool)>,
    /// Events without a place but with a date of their own.
    placeless: Vec<Event>,
}

impl<'a> ArticleEvents<'a> {
    fn new(
        text: &'a str,
        words: &[FoldedWord],
        article: &'a Article,
        furniture: &'a [Span],
    ) -> ArticleEvents<'a> {
        ArticleEvents {
            text,
            article,
            furniture,
            triggers: trigger_words(text, words),
            next_trigger: 0,
            places_sorted: article.places.is_sorted_by_key(|p| p.span.start),
            dates_sorted: article.dates.is_sorted_by_key(|d| d.span.start),
            full_names: Vec::new(),
            places: Vec::new(),
            dates: Vec::new(),
            candidates: Vec::new(),
            placeless: Vec::new(),
        }
    }

    /// Finds the events of `sentence`; sentences come in text order.
    fn find_in_sentence(&mut self, sentence: Span) {
        let triggers = self.take_triggers(sentence);
        if self.is_furniture(sentence) {
            return;
        }
        self.collect_mentions(sentence);
        let clusters = clusters_in(self.text, &self.triggers[triggers]);
        // Without a trigger or a date the sentence makes no event: it only lends its full
        // names to the later ones, and the costly role lookup is skipped.
        let has_event = !clusters.is_empty() || !self.dates.is_empty();
        let actors = actors_in(
            self.text,
            sentence,
            &self.places,
            &self.full_names,
            has_event,
        );
        self.keep_full_names(&actors);
        if !has_event {
            return;
        }
        let mut s = SentenceEvents {
            span: sentence,
            text: &self.text[sentence.start..sentence.end],
            clusters,
            dates: &self.dates,
            places: self.event_places(sentence),
            actors,
            future: OnceCell::new(),
        };
        if s.clusters.is_empty() && !s.add_caption_cluster() {
            return;
        }
        for ci in 0..s.clusters.len() {
            let Some((ev, fallback)) = s.event(ci, self.article) else {
                continue;
            };
            if ev.place.is_some() {
                self.candidates.push((ev, fallback));
            } else if !fallback {
                self.placeless.push(ev);
            }
        }
    }

    /// The range of [`triggers`](Self::triggers) inside `sentence`: sentences and trigger words
    /// are both in text order.
    fn take_triggers(&mut self, sentence: Span) -> Range<usize> {
        let first = self.next_trigger
            + self.triggers[self.next_trigger..].partition_point(|t| t.start < sentence.start);
        let last = first + self.triggers[first..].partition_point(|t| t.end <= sentence.end);
        self.next_trigger = last;
        first..last
    }

    /// Page furniture covers half of `sentence` or more.
    fn is_furniture(&self, sentence: Span) -> bool {
        overlapping(self.furniture, sentence)
            .iter()
            .any(|f| f.len() * 2 >= sentence.len())
    }

    /// Fills [`places`](Self::places) and [`dates`](Self::dates) with the mentions inside
    /// `sentence`.
    fn collect_mentions(&mut self, sentence: Span) {
        let article = self.article;
        self.places.clear();
        self.places.extend(
            starting_in(&article.places, self.places_sorted, |p| p.span, sentence)
                .iter()
                .filter(|p| sentence.contains(p.span)),
        );
        self.dates.clear();
        self.dates.extend(
            starting_in(&article.dates, self.dates_sorted, |d| d.span, sentence)
                .iter()
                .filter(|d| sentence.contains(d.span) && usable_date(d)),
        );
    }

    /// Keeps the full names of `actors` not seen before, for the later sentences.
    fn keep_full_names(&mut self, actors: &[Actor]) {
        for a in actors {
            if a.name.split_whitespace().count() >= 2
                && !self.full_names.iter().any(|f| f.name == a.name)
            {
                self.full_names.push(FullName::new(a.name.clone()));
            }
        }
    }

    /// The sentence's places that can locate an event, each with its role in `sentence`.
    fn event_places(&self, sentence: Span) -> Vec<(&'a PlaceMention, Role)> {
        self.places
            .iter()
            .copied()
            .filter(|p| place_for_event(p))
            .map(|p| (p, place_role(self.text, sentence, p)))
            .collect()
    }

    /// The article's events: the fallback dates refined, then the same events merged.
    fn finish(mut self) -> Vec<Event> {
        self.refine_fallback_dates();
        merge_within(self.candidates.into_iter().map(|(e, _)| e).collect())
    }

    /// A place-less event with its own date refines a same-kind event that only had the
    /// fallback.
    fn refine_fallback_dates(&mut self) {
        for p in std::mem::take(&mut self.placeless) {
            if let Some((ev, fb)) = self.candidates.iter_mut().find(|(e, fb)| {
                *fb && e.kind.group() == p.kind.group()
                    && e.date.overlaps(p.date.start, p.date.end())
                    && p.date.precision >= e.date.precision
            }) {
                ev.date = p.date;
                ev.date_end = p.date_end;
                ev.confidence = (ev.confidence + 0.15).min(0.95);
                for a in p.actors {
                    if !ev.actors.contains(&a) {
                        ev.actors.push(a);
                    }
                }
                *fb = false;
            }
        }
    }
}

/// One sentence that makes events: its clusters and what they share out between them.
struct SentenceEvents<'s> {
    span: Span,
    /// The text of the sentence.
    text: &'s str,
    clusters: Vec<Cluster>,
    /// Its usable dates.
    dates: &'s [&'s DateMention],
    /// Its places that can locate an event, with their roles.
    places: Vec<(&'s PlaceMention, Role)>,
    actors: Vec<Actor>,
    /// Whether the sentence speaks of the future: only a fallback date asks.
    future: OnceCell<bool>,
}

impl<'s> SentenceEvents<'s> {
    /// A sentence without a trigger word makes an event only as a caption or a dateline
    /// (`X, le 28 novembre 2018 à Genève`): a day date with a city close to it becomes a
    /// cluster. False when the sentence is not one.
    fn add_caption_cluster(&mut self) -> bool {
        let day = self
            .dates
            .iter()
            .find(|d| d.kind == DateKind::Explicit && d.value.precision == Precision::Day);
        let loc = self.places.iter().find(|(p, r)| {
            *r == Role::Locative
                && p.place.kind == PlaceKind::City
                && day.is_some_and(|d| distance(d.span, p.span) < 40)
        });
        if let (Some(d), Some(_)) = (day, loc) {
            self.clusters.push(Cluster {
                span: d.span,
                kind: EventKind::Other,
                trigger: String::new(),
                background: false,
            });
            true
        } else {
            false
        }
    }

    /// The cluster nearest to `s` (the first of them on a tie); 0 when there are none.
    fn nearest_cluster(&self, s: Span) -> usize {
        (0..self.clusters.len())
            .min_by_key(|&i| distance(self.clusters[i].span, s))
            .unwrap_or(0)
    }

    /// The date of cluster `ci`: of the dates nearest to it, an explicit one first, then the
    /// closest.
    fn date_of(&self, ci: usize) -> Option<&'s DateMention> {
        let c = &self.clusters[ci];
        let mine_dates: Vec<&&DateMention> = self
            .dates
            .iter()
            .filter(|d| self.nearest_cluster(d.span) == ci)
            .collect();
        mine_dates
            .iter()
            .min_by_key(|d| (d.kind != DateKind::Explicit, distance(d.span, c.span)))
            .map(|d| **d)
    }

    /// The place of cluster `ci`, whose date is `date`: of the places nearest to it (all of
    /// them when it is the only cluster), a locative one, or a naming one with an explicit
    /// date; locative first, then the closest.
    fn place_of(&self, ci: usize, date: Option<&DateMention>) -> Option<(&'s PlaceMention, Role)> {
        let c = &self.clusters[ci];
        let mine_places: Vec<&(&PlaceMention, Role)> = self
            .places
            .iter()
            .filter(|(p, r)| {
                *r != Role::Bare && (self.nearest_cluster(p.span) == ci || self.clusters.len() == 1)
            })
            .collect();
        mine_places
            .iter()
            .filter(|(_, r)| {
                *r == Role::Locative || date.is_some_and(|d| d.kind == DateKind::Explicit)
            })
            .min_by_key(|(p, r)| (std::cmp::Reverse(*r), distance(p.span, c.span)))
            .map(|pr| **pr)
    }

    /// When cluster `c` happened, `(date, end of range, is the fallback)`: its own date, else
    /// the publication date `published` for past or present reporting in a locative place
    /// (never for background triggers); `None` when neither.
    fn when(
        &self,
        c: &Cluster,
        date: Option<&DateMention>,
        place: Option<(&PlaceMention, Role)>,
        published: Option<DateValue>,
    ) -> Option<(DateValue, Option<DateValue>, bool)> {
        match date {
            Some(d) => Some((d.value, d.end, false)),
            None => match (published, place) {
                (Some(p), Some((_, Role::Locative))) if !c.background && !self.is_future() => {
                    Some((p, None, true))
                }
                _ => None,
            },
        }
    }

    fn is_future(&self) -> bool {
        *self.future.get_or_init(|| FUTURE_RE.is_match(self.text))
    }

    /// The event of cluster `ci` in `article`, and whether its date is the fallback; `None`
    /// when it has no date.
    fn event(&self, ci: usize, article: &Article) -> Option<(Event, bool)> {
        let c = &self.clusters[ci];
        let date = self.date_of(ci);
        let place = self.place_of(ci, date);
        let (value, end, fallback) = self.when(c, date, place, article.published)?;
        let locative = place.is_some_and(|(_, r)| r == Role::Locative);
        Some((
            Event {
                date: value,
                date_end: end,
                place: place.map(|(p, _)| p.place.clone()),
                actors: self.actors.clone(),
                kind: c.kind,
                trigger: c.trigger.clone(),
                sentence: self.text.trim().to_string(),
                span: self.span,
                confidence: confidence(fallback, locative, !self.actors.is_empty()),
                sources: vec![EventSource {
                    article_id: article.id.clone(),
                    span: self.span,
                }],
            },
            fallback,
        ))
    }
}

/// An event's confidence: higher with a date of its own, a locative place and actors.
fn confidence(fallback: bool, locative: bool, has_actors: bool) -> f32 {
    let mut confidence = 0.45;
    if !fallback {
        confidence += 0.25;
    }
    if locative {
        confidence += 0.15;
    }
    if has_actors {
        confidence += 0.1;
    }
    f32::min(confidence, 0.95)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn future_sentences_are_detected() {
        assert!(FUTURE_RE.is_match("Le sommet se tiendra à Sotchi"));
        assert!(FUTURE_RE.is_match("ils organiseront un sommet"));
        assert!(!FUTURE_RE.is_match("ils ont organisé un sommet"));
    }
}
