//! The loaded corpus as the app sees it: articles by collection, and the tables and time
//! indexes derived from them (places, event rows, per-article place lists).
//!
//! Articles arrive one by one while loading; the derived tables are rebuilt lazily (at most
//! once per frame, see [`Corpus::refresh`]) so a stream of thousands of articles stays cheap.

use crate::core::model::{Article, EventKind, KindGroup, PlaceKind};
use crate::core::timeline::TimeIndex;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::PathBuf;

/// A set of articles opened together (one folder, or the bundled seeds).
#[derive(Debug, Clone)]
pub struct Collection {
    /// Stable id within the session.
    pub id: u32,
    /// Display name (folder name).
    pub name: String,
    /// The folders (or files) it was loaded from.
    pub roots: Vec<PathBuf>,
    /// Colour of its chip and density track.
    pub colour: [u8; 3],
    /// Shown on the map, the list and the histogram.
    pub visible: bool,
    /// Loaded from the texts embedded in the binary (the reader reads them from there).
    pub embedded: bool,
    /// Number of articles loaded so far.
    pub articles: usize,
}

/// An article and the collection it belongs to.
#[derive(Debug, Clone)]
pub struct LoadedArticle {
    /// The engine's result, as a summary ([`Article::slim`]) whose place mentions are moved
    /// to `places` and whose event places keep only their id and position: names live once
    /// per corpus in [`Corpus::place`].
    pub article: Article,
    /// Its collection id.
    pub collection: u32,
    /// Gazetteer ids of its distinct places outside page furniture, in order of mention (then
    /// those only its events name).
    pub places: Vec<u32>,
}

/// A place that appears somewhere in the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceInfo {
    /// Gazetteer id.
    pub gid: u32,
    /// French display name.
    pub name: String,
    /// Country code.
    pub country: String,
    /// City, region, country…
    pub kind: PlaceKind,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
}

/// One event report: an event of one article.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EventRow {
    /// Index into [`Corpus::articles`].
    pub article: u32,
    /// Index into that article's `events`.
    pub event: u32,
    /// Index into [`Corpus::places`], if the event has a place.
    pub place: Option<u32>,
    /// Kind of event.
    pub kind: EventKind,
    /// Colour group of the kind.
    pub group: KindGroup,
    /// First day.
    pub start: NaiveDate,
    /// Last day (inclusive).
    pub end: NaiveDate,
    /// Collection id.
    pub collection: u32,
    /// True for month- or year-precision dates (drawn as spans on the timeline).
    pub imprecise: bool,
}

/// Everything loaded, with derived tables.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Collections, in opening order.
    pub collections: Vec<Collection>,
    /// Articles, in arrival order.
    pub articles: Vec<LoadedArticle>,
    /// Distinct places (derived).
    pub places: Vec<PlaceInfo>,
    /// Gazetteer id to index in `places` (derived).
    pub place_index: HashMap<u32, u32>,
    /// Every place any loaded article named, by gazetteer id (kept across removals, so
    /// articles need not carry place names).
    known: HashMap<u32, PlaceInfo>,
    /// Every event report (derived).
    pub events: Vec<EventRow>,
    /// Events by date interval; item `i` is `events[i]` (derived).
    pub event_time: TimeIndex,
    /// Articles by publication date; item `i` is `published_items[i]` (derived).
    pub published_time: TimeIndex,
    /// Article index of each item of `published_time` (derived).
    pub published_items: Vec<u32>,
    /// For article `i`, its distinct non-furniture places are
    /// `article_places[article_place_start[i]..article_place_start[i + 1]]` (derived).
    pub article_places: Vec<u32>,
    /// Offsets into `article_places` (derived; `articles.len() + 1` entries).
    pub article_place_start: Vec<u32>,
    /// For article `i`, its event rows start at `article_event_start[i]` (derived).
    pub article_event_start: Vec<u32>,
    /// Lower-case searchable text per article: title, place names, actors, evidence (derived).
    pub search_text: Vec<String>,
    /// Article indexes sorted by publication date then title (derived).
    pub by_date: Vec<u32>,
    /// Article indexes sorted by title (derived).
    pub by_title: Vec<u32>,
    /// Bumped when anything derived changes: views keyed on it recompute.
    pub generation: u64,
    /// True when articles changed since the last refresh.
    dirty: bool,
    /// True when articles were removed (a full rebuild is needed, not an append).
    removed: bool,
    /// Number of articles already folded into the derived tables.
    built: usize,
    next_collection: u32,
}

/// Colours given to collections in turn (distinct from the event-kind palette).
const COLLECTION_COLOURS: [[u8; 3]; 8] = [
    [86, 180, 233],
    [240, 228, 66],
    [0, 0, 0],
    [153, 102, 204],
    [102, 153, 51],
    [204, 51, 51],
    [51, 153, 153],
    [170, 120, 60],
];

impl Corpus {
    /// The place with gazetteer id `gid`, if the corpus mentions it.
    pub fn place(&self, gid: u32) -> Option<&PlaceInfo> {
        self.place_index
            .get(&gid)
            .and_then(|&i| self.places.get(i as usize))
    }

    /// Adds an empty collection and returns its id.
    pub fn add_collection(&mut self, name: String, roots: Vec<PathBuf>, embedded: bool) -> u32 {
        let id = self.next_collection;
        self.next_collection += 1;
        let colour = COLLECTION_COLOURS[id as usize % COLLECTION_COLOURS.len()];
        self.collections.push(Collection {
            id,
            name,
            roots,
            colour,
            visible: true,
            embedded,
            articles: 0,
        });
        self.dirty = true;
        id
    }

    /// The collection with this id.
    pub fn collection(&self, id: u32) -> Option<&Collection> {
        self.collections.iter().find(|c| c.id == id)
    }

    /// The collection with this id, mutable.
    pub fn collection_mut(&mut self, id: u32) -> Option<&mut Collection> {
        self.collections.iter_mut().find(|c| c.id == id)
    }

    /// Removes a collection and its articles.
    pub fn remove_collection(&mut self, id: u32) {
        self.collections.retain(|c| c.id != id);
        self.articles.retain(|a| a.collection != id);
        self.dirty = true;
        self.removed = true;
    }

    /// Shows or hides a collection.
    pub fn set_visible(&mut self, id: u32, visible: bool) {
        if let Some(c) = self.collection_mut(id) {
            c.visible = visible;
            // Visibility is a filter, not data: views see it through their key.
        }
    }

    /// Adds an article to a collection (ignored if the collection is gone). Only what the
    /// map, timeline and lists need is kept (see [`Article::slim`]): the reader extracts the open
    /// article again from its text.
    pub fn push_article(&mut self, collection: u32, mut article: Article) {
        let Some(c) = self.collection_mut(collection) else {
            return;
        };
        c.articles += 1;
        article.slim();
        let mut places = Vec::with_capacity(article.places.len());
        for m in std::mem::take(&mut article.places) {
            if self.learn(&m.place) && !places.contains(&m.place.gid) {
                places.push(m.place.gid);
            }
        }
        for e in &mut article.events {
            if let Some(p) = e.place.as_mut() {
                if self.learn(p) {
                    // An event table carries no mentions: its events name the places.
                    if !places.contains(&p.gid) {
                        places.push(p.gid);
                    }
                    p.name = String::new();
                    p.country = String::new();
                } else {
                    e.place = None;
                }
            }
        }
        places.shrink_to_fit();
        self.articles.push(LoadedArticle {
            article,
            collection,
            places,
        });
        self.dirty = true;
    }

    /// Remembers a place; false when it cannot be drawn (coordinates out of range).
    fn learn(&mut self, p: &crate::core::model::Place) -> bool {
        if !p.has_valid_coordinates() {
            return false;
        }
        self.known.entry(p.gid).or_insert_with(|| PlaceInfo {
            gid: p.gid,
            name: p.name.clone(),
            country: p.country.clone(),
            kind: p.kind,
            lat: p.lat,
            lon: p.lon,
        });
        true
    }

    /// True when articles changed since the last [`Corpus::refresh`].
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Rebuilds the derived tables if articles changed. Returns true when it did.
    pub fn refresh(&mut self) -> bool {
        if !self.dirty {
            return false;
        }
        self.dirty = false;
        self.rebuild();
        self.generation += 1;
        true
    }

    fn place_idx(&mut self, gid: u32) -> Option<u32> {
        if let Some(&i) = self.place_index.get(&gid) {
            return Some(i);
        }
        let info = self.known.get(&gid)?.clone();
        let i = self.places.len() as u32;
        self.places.push(info);
        self.place_index.insert(gid, i);
        Some(i)
    }

    /// Folds new articles into the tables (all of them after a removal), then rebuilds the
    /// time indexes and sort orders.
    fn rebuild(&mut self) {
        if self.removed || self.built > self.articles.len() {
            self.removed = false;
            self.built = 0;
            self.places.clear();
            self.place_index.clear();
            self.events.clear();
            self.article_places.clear();
            self.article_place_start.clear();
            self.article_event_start.clear();
            self.search_text.clear();
        }
        // The closing offsets are re-pushed after the new articles.
        self.article_place_start.truncate(self.built);
        self.article_event_start.truncate(self.built);
        let articles = std::mem::take(&mut self.articles);
        let mut seen: Vec<u32> = Vec::new();
        for (ai, la) in articles.iter().enumerate().skip(self.built) {
            let a = &la.article;
            self.article_place_start
                .push(self.article_places.len() as u32);
            self.article_event_start.push(self.events.len() as u32);
            seen.clear();
            let mut search = a.title.to_lowercase();
            for &gid in &la.places {
                if let Some(pi) = self.place_idx(gid)
                    && !seen.contains(&pi)
                {
                    seen.push(pi);
                    search.push('\n');
                    search.push_str(&self.places[pi as usize].name.to_lowercase());
                }
            }
            self.article_places.extend_from_slice(&seen);
            for (ei, e) in a.events.iter().enumerate() {
                let place = e.place.as_ref().and_then(|p| self.place_idx(p.gid));
                let (start, end) = e.interval();
                self.events.push(EventRow {
                    article: ai as u32,
                    event: ei as u32,
                    place,
                    kind: e.kind,
                    group: e.kind.group(),
                    start,
                    end,
                    collection: la.collection,
                    imprecise: e.date.precision != crate::core::model::Precision::Day,
                });
                for actor in &e.actors {
                    search.push('\n');
                    search.push_str(&actor.name.to_lowercase());
                }
                search.push('\n');
                search.push_str(&e.sentence.to_lowercase());
            }
            self.search_text.push(search);
        }
        self.article_place_start
            .push(self.article_places.len() as u32);
        self.article_event_start.push(self.events.len() as u32);
        self.articles = articles;
        self.built = self.articles.len();
        self.event_time = TimeIndex::build(self.events.iter().map(|e| (e.start, e.end)));
        self.published_items.clear();
        let mut intervals = Vec::new();
        for (ai, la) in self.articles.iter().enumerate() {
            if let Some(p) = la.article.published {
                self.published_items.push(ai as u32);
                intervals.push((p.start, p.end()));
            }
        }
        self.published_time = TimeIndex::build(intervals);
        let mut by_date: Vec<u32> = (0..self.articles.len() as u32).collect();
        by_date.sort_by(|&x, &y| {
            let (a, b) = (
                &self.articles[x as usize].article,
                &self.articles[y as usize].article,
            );
            a.published
                .map(|p| p.start)
                .cmp(&b.published.map(|p| p.start))
                .then_with(|| a.title.cmp(&b.title))
        });
        self.by_date = by_date;
        let mut by_title: Vec<u32> = (0..self.articles.len() as u32).collect();
        by_title.sort_by(|&x, &y| {
            self.articles[x as usize]
                .article
                .title
                .cmp(&self.articles[y as usize].article.title)
        });
        self.by_title = by_title;
    }

    /// Places of article `i` (distinct, outside page furniture).
    pub fn places_of(&self, i: usize) -> &[u32] {
        let (Some(&a), Some(&b)) = (
            self.article_place_start.get(i),
            self.article_place_start.get(i + 1),
        ) else {
            return &[];
        };
        self.article_places
            .get(a as usize..b as usize)
            .unwrap_or(&[])
    }

    /// Event row indexes of article `i`.
    pub fn events_of(&self, i: usize) -> std::ops::Range<usize> {
        match (
            self.article_event_start.get(i),
            self.article_event_start.get(i + 1),
        ) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        }
    }

    /// First and last day of the data on a clock.
    pub fn extent(&self, clock: crate::app::time_control::Clock) -> Option<(NaiveDate, NaiveDate)> {
        match clock {
            crate::app::time_control::Clock::EventTime => self
                .event_time
                .extent()
                .or_else(|| self.published_time.extent()),
            crate::app::time_control::Clock::PublishedTime => self
                .published_time
                .extent()
                .or_else(|| self.event_time.extent()),
        }
    }

    /// Visible-collection flags indexed by collection id (ids are small and dense).
    pub fn visible_collections(&self) -> Vec<bool> {
        let n = self
            .collections
            .iter()
            .map(|c| c.id as usize + 1)
            .max()
            .unwrap_or(0);
        let mut v = vec![false; n];
        for c in &self.collections {
            v[c.id as usize] = c.visible;
        }
        v
    }

    /// Total number of event reports.
    pub fn event_count(&self) -> usize {
        self.events.len()
    }
}
