//! What belongs to the current moment: the events and articles in the time window that pass
//! the filters, and per-place aggregates for the map.
//!
//! Recomputed only when its key changes (data, filters, window, clock), never per frame, so
//! scrubbing costs one range query plus a pass over what is inside the window.

use crate::app::library::Library;
use crate::app::time_control::Clock;
use crate::core::model::KindGroup;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// User filters, applied to the map, the histogram and the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filters {
    /// Shown kind groups, in [`KindGroup::ALL`] order.
    pub kinds: [bool; 6],
    /// Keep events with an actor whose name contains this (case-insensitive); empty = all.
    pub actor: String,
    /// Keep articles whose title, places, actors or evidence contain this; empty = all.
    pub search: String,
    /// The selected place (gazetteer id): filters the list and the histogram.
    pub place: Option<u32>,
}

impl Default for Filters {
    fn default() -> Self {
        Self {
            kinds: [true; 6],
            actor: String::new(),
            search: String::new(),
            place: None,
        }
    }
}

impl Filters {
    /// True when a kind group is shown.
    pub fn kind_shown(&self, g: KindGroup) -> bool {
        let i = KindGroup::ALL.iter().position(|x| *x == g).unwrap_or(0);
        self.kinds[i]
    }
}

/// How the list of articles is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortKey {
    /// By publication date, oldest first.
    Date,
    /// Most events in the window first.
    Events,
    /// Alphabetically by title.
    Title,
}

/// Per-place totals for the current moment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlaceAgg {
    /// Index into [`Library::places`].
    pub place: u32,
    /// Event reports at this place in the window.
    pub events: u32,
    /// Articles of the moment that mention the place.
    pub articles: u32,
    /// Event reports by kind group ([`KindGroup::ALL`] order).
    pub groups: [u32; 6],
    /// A few event rows, to show in the tooltip.
    pub top: [Option<u32>; 3],
}

impl PlaceAgg {
    /// The most frequent kind group, if there are events.
    pub fn dominant(&self) -> Option<KindGroup> {
        if self.events == 0 {
            return None;
        }
        let (i, _) = self
            .groups
            .iter()
            .enumerate()
            .max_by_key(|(i, c)| (**c, usize::MAX - i))?;
        Some(KindGroup::ALL[i])
    }
}

/// A row of the articles list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleRow {
    /// Index into [`Library::articles`].
    pub article: u32,
    /// Its events in the window (after filters).
    pub events_in_window: u32,
}

/// The key a [`Moment`] was computed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MomentKey {
    /// [`Library::generation`].
    pub corpus: u64,
    /// Bumped by every filter or visibility change.
    pub filters: u64,
    /// Window, inclusive.
    pub from: Option<NaiveDate>,
    /// Window end, inclusive.
    pub to: Option<NaiveDate>,
    /// Publication clock instead of event clock.
    pub published_clock: bool,
    /// List order.
    pub sort: Option<SortKey>,
}

/// Filter results that do not depend on the window.
#[derive(Debug, Default)]
pub struct Masks {
    key: (u64, u64),
    /// Event row passes the filters (collection, kind, actor, search).
    pub event_ok: Vec<bool>,
    /// Article passes the filters (collection, search; kind/actor when those are narrowed).
    pub article_ok: Vec<bool>,
    /// Event row passes the filters and is at the selected place (or no place is selected).
    pub event_hist: Vec<bool>,
    /// Article passes the filters and concerns the selected place (or none is selected).
    pub article_hist: Vec<bool>,
    /// Index of the selected place in [`Library::places`].
    pub selected: Option<u32>,
}

impl Masks {
    /// Recomputes when the corpus or filters changed. Returns true when it did.
    pub fn update(&mut self, corpus: &Library, filters: &Filters, filters_gen: u64) -> bool {
        let key = (corpus.generation, filters_gen);
        if key == self.key && self.event_ok.len() == corpus.events.len() {
            return false;
        }
        self.key = key;
        let visible = corpus.visible_collections();
        let search = filters.search.trim().to_lowercase();
        let actor = filters.actor.trim().to_lowercase();
        let narrowed = !actor.is_empty() || filters.kinds.iter().any(|k| !k);
        self.selected = filters
            .place
            .and_then(|gid| corpus.place_index.get(&gid).copied());
        let n_art = corpus.articles.len();
        self.article_ok.clear();
        self.article_ok.extend((0..n_art).map(|i| {
            let la = &corpus.articles[i];
            visible
                .get(la.collection as usize)
                .copied()
                .unwrap_or(false)
                && (search.is_empty() || corpus.search_text(i).is_some_and(|t| t.contains(&search)))
        }));
        self.event_ok.clear();
        self.event_ok.extend(corpus.events.iter().map(|e| {
            self.article_ok[e.article as usize]
                && filters.kind_shown(e.group)
                && (actor.is_empty() || {
                    let a = &corpus.articles[e.article as usize].article;
                    a.events.get(e.event as usize).is_some_and(|ev| {
                        ev.actors
                            .iter()
                            .any(|x| x.name.to_lowercase().contains(&actor))
                    })
                })
        }));
        if narrowed {
            // With kinds or actors narrowed, an article stays only if one of its events does.
            for i in 0..n_art {
                if self.article_ok[i] {
                    self.article_ok[i] = corpus.events_of(i).any(|e| self.event_ok[e]);
                }
            }
        }
        self.event_hist.clear();
        self.event_hist.extend(
            corpus
                .events
                .iter()
                .zip(&self.event_ok)
                .map(|(e, ok)| *ok && (self.selected.is_none() || e.place == self.selected)),
        );
        self.article_hist.clear();
        self.article_hist.extend((0..n_art).map(|i| {
            self.article_ok[i]
                && match self.selected {
                    None => true,
                    Some(p) => {
                        corpus.places_of(i).contains(&p)
                            || corpus
                                .events_of(i)
                                .any(|e| corpus.events[e].place == Some(p))
                    }
                }
        }));
        true
    }
}

/// The events, places and articles of the current window.
#[derive(Debug, Default)]
pub struct Moment {
    /// What this was computed for.
    pub key: MomentKey,
    /// Event rows in the window that pass the filters.
    pub events: Vec<u32>,
    /// Places with events or articles in the window.
    pub places: Vec<PlaceAgg>,
    /// Articles of the moment, filtered by the selected place, sorted.
    pub articles: Vec<ArticleRow>,
    /// Articles of the moment before the place filter.
    pub articles_unfiltered: usize,
    /// Bumped at each recompute (map clustering caches on it).
    pub generation: u64,
    /// Where the filters match outside the window, when the list is empty (else zero).
    pub elsewhere: Elsewhere,
    /// How long after its events the articles reported them.
    pub lag: Option<crate::app::lag::LagSummary>,
    // Scratch, reused between recomputes.
    art_events: Vec<u32>,
    art_in: Vec<bool>,
    place_slot: Vec<u32>,
    lag_scratch: Vec<i64>,
}

impl Moment {
    /// Recomputes if `key` differs from the last one. Returns true when it did.
    pub fn update(&mut self, corpus: &Library, masks: &Masks, key: MomentKey) -> bool {
        if key == self.key {
            return false;
        }
        self.key = key;
        self.generation += 1;
        self.clear_for(corpus);
        let (Some(from), Some(to)) = (key.from, key.to) else {
            return true;
        };
        let clock = if key.published_clock {
            Clock::PublishedTime
        } else {
            Clock::EventTime
        };
        match clock {
            Clock::EventTime => self.collect_by_event_time(corpus, masks, from, to),
            Clock::PublishedTime => self.collect_by_published_time(corpus, masks, from, to),
        }
        self.aggregate_places(corpus);
        self.list_articles(corpus, masks, key.sort);
        self.lag = crate::app::lag::summarize(corpus, &self.events, &mut self.lag_scratch);
        // Only for an empty list: it scans every match, too much for each step of playback.
        if self.articles.is_empty() {
            self.elsewhere = matches_outside(corpus, masks, clock, from, to);
        }
        true
    }

    /// Empties the results and sizes the scratch for `corpus`.
    fn clear_for(&mut self, corpus: &Library) {
        self.events.clear();
        self.places.clear();
        self.articles.clear();
        self.elsewhere = Elsewhere::default();
        self.lag = None;
        let n_art = corpus.articles.len();
        self.art_events.clear();
        self.art_events.resize(n_art, 0);
        self.art_in.clear();
        self.art_in.resize(n_art, false);
        self.place_slot.clear();
        self.place_slot.resize(corpus.places.len(), u32::MAX);
    }

    /// Events that happened in the window, and articles reporting them or published in it.
    fn collect_by_event_time(
        &mut self,
        corpus: &Library,
        masks: &Masks,
        from: NaiveDate,
        to: NaiveDate,
    ) {
        corpus.event_time.for_each_overlapping(from, to, |i| {
            if masks.event_ok.get(i).copied().unwrap_or(false) {
                self.events.push(i as u32);
            }
        });
        for &e in &self.events {
            let a = corpus.events[e as usize].article as usize;
            self.art_events[a] += 1;
            self.art_in[a] = true;
        }
        self.mark_published_in(corpus, masks, from, to);
    }

    /// Articles published in the window, and all their events.
    fn collect_by_published_time(
        &mut self,
        corpus: &Library,
        masks: &Masks,
        from: NaiveDate,
        to: NaiveDate,
    ) {
        self.mark_published_in(corpus, masks, from, to);
        for a in 0..corpus.articles.len() {
            if self.art_in[a] {
                for e in corpus.events_of(a) {
                    if masks.event_ok[e] {
                        self.events.push(e as u32);
                        self.art_events[a] += 1;
                    }
                }
            }
        }
    }

    /// Marks the articles published in the window that pass the filters.
    fn mark_published_in(
        &mut self,
        corpus: &Library,
        masks: &Masks,
        from: NaiveDate,
        to: NaiveDate,
    ) {
        corpus.published_time.for_each_overlapping(from, to, |i| {
            if let Some(&a) = corpus.published_items.get(i)
                && masks.article_ok.get(a as usize).copied().unwrap_or(false)
            {
                self.art_in[a as usize] = true;
            }
        });
    }

    /// Per-place aggregates: events first, then article mentions.
    fn aggregate_places(&mut self, corpus: &Library) {
        for &e in &self.events {
            let row = &corpus.events[e as usize];
            let Some(p) = row.place else { continue };
            let agg = slot(&mut self.places, &mut self.place_slot, p);
            agg.events += 1;
            let gi = KindGroup::ALL
                .iter()
                .position(|g| *g == row.group)
                .unwrap_or(5);
            agg.groups[gi] += 1;
            if let Some(t) = agg.top.iter_mut().find(|t| t.is_none()) {
                *t = Some(e);
            }
        }
        for a in 0..corpus.articles.len() {
            if !self.art_in[a] {
                continue;
            }
            for &p in corpus.places_of(a) {
                slot(&mut self.places, &mut self.place_slot, p).articles += 1;
            }
        }
    }

    /// The list, filtered by the selected place, in the chosen order.
    fn list_articles(&mut self, corpus: &Library, masks: &Masks, sort: Option<SortKey>) {
        let order: &[u32] = match sort {
            Some(SortKey::Title) => &corpus.by_title,
            _ => &corpus.by_date,
        };
        for &a in order {
            if self.art_in[a as usize]
                && masks.article_hist.get(a as usize).copied().unwrap_or(false)
            {
                self.articles.push(ArticleRow {
                    article: a,
                    events_in_window: self.art_events[a as usize],
                });
            }
        }
        self.articles_unfiltered = self.art_in.iter().filter(|x| **x).count();
        if sort == Some(SortKey::Events) {
            self.articles
                .sort_by_key(|x| std::cmp::Reverse(x.events_in_window));
        }
    }

    /// The aggregate of a place (by index in [`Library::places`]), if it is in the moment.
    pub fn place(&self, place: u32) -> Option<&PlaceAgg> {
        let i = *self.place_slot.get(place as usize)?;
        self.places.get(i as usize)
    }
}

fn slot<'a>(places: &'a mut Vec<PlaceAgg>, slots: &mut [u32], p: u32) -> &'a mut PlaceAgg {
    let i = match slots.get(p as usize) {
        Some(&s) if s != u32::MAX => s as usize,
        _ => {
            places.push(PlaceAgg {
                place: p,
                events: 0,
                articles: 0,
                groups: [0; 6],
                top: [None; 3],
            });
            if let Some(s) = slots.get_mut(p as usize) {
                *s = (places.len() - 1) as u32;
            }
            places.len() - 1
        }
    };
    &mut places[i]
}

/// The matches of the filters (and the selected place) before and after a window: events on
/// event time, articles on published time. What an empty list points to.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Elsewhere {
    /// Matches that end before the window.
    pub before: usize,
    /// Matches that start after the window.
    pub after: usize,
    /// The last day of the latest match before the window (a cursor there shows it).
    pub previous: Option<NaiveDate>,
    /// The first day of the earliest match after the window.
    pub next: Option<NaiveDate>,
}

/// Counts the matches outside `[from, to]` and finds the nearest on each side.
pub fn matches_outside(
    corpus: &Library,
    masks: &Masks,
    clock: Clock,
    from: NaiveDate,
    to: NaiveDate,
) -> Elsewhere {
    let mut out = Elsewhere::default();
    let mut count = |start: NaiveDate, end: NaiveDate| {
        if end < from {
            out.before += 1;
            out.previous = out.previous.max(Some(end));
        } else if start > to {
            out.after += 1;
            out.next = Some(out.next.map_or(start, |n| n.min(start)));
        }
    };
    match clock {
        Clock::EventTime => {
            for (e, ok) in corpus.events.iter().zip(&masks.event_hist) {
                if *ok {
                    count(e.start, e.end);
                }
            }
        }
        Clock::PublishedTime => {
            for (a, ok) in corpus.articles.iter().zip(&masks.article_hist) {
                if let (true, Some(p)) = (*ok, a.article.published) {
                    count(p.start, p.end());
                }
            }
        }
    }
    out
}
