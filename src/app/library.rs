//! The library: every loaded article as the app sees it, by collection, with the tables and time
//! indexes derived from them (places, event rows, per-article place lists).
//!
//! Articles arrive one by one while loading; the derived tables are rebuilt lazily (at most
//! once per frame, see [`Library::refresh`]) so a stream of thousands of articles stays cheap.

use crate::core::model::{Article, EventKind, KindGroup, PlaceKind};
use crate::core::store::time_index::TimeIndex;
use crate::core::text::push_lowercase;
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
    /// per corpus in [`Library::place`].
    pub article: Article,
    /// Its collection id.
    pub collection: u32,
    /// Gazetteer ids of its distinct places outside page furniture, in order of mention (then
    /// those only its events name).
    pub places: Vec<u32>,
    /// Lower-case searchable text: title, place names, actors, evidence.
    pub search: String,
}

/// An article made ready for the corpus ([`Intake::prepare`]), before it joins a collection.
#[derive(Debug, Clone)]
pub struct PreparedArticle {
    /// As [`LoadedArticle::article`].
    pub article: Article,
    /// As [`LoadedArticle::places`].
    pub places: Vec<u32>,
    /// As [`LoadedArticle::search`].
    pub search: String,
    /// The name this article gives each of its places (the corpus shows the most common one).
    pub spellings: Vec<(u32, String)>,
}

/// Turns engine articles into what the corpus keeps (summary, place ids, search text) and
/// remembers the places they name. A load worker runs one per job, so the UI thread only
/// appends what it made; the corpus runs one for articles pushed to it directly.
#[derive(Debug, Default)]
pub struct Intake {
    /// Every drawable place seen, by gazetteer id.
    known: HashMap<u32, PlaceInfo>,
    /// Places seen for the first time since the last [`Intake::take_new_places`].
    fresh: Vec<PlaceInfo>,
}

impl Intake {
    /// Slims `article` ([`Article::slim`]), moves its place mentions to gazetteer ids, strips
    /// the names from its events' places (they live once in the registry) and drops event
    /// places that cannot be drawn.
    pub fn prepare(&mut self, mut article: Article) -> PreparedArticle {
        // Learnt before the summary drops the canonical names (the tooltips show them).
        for m in article.places.iter().filter(|m| !m.furniture) {
            self.learn(&m.place);
        }
        article.slim();
        let mut places = Vec::with_capacity(article.places.len());
        let mut spellings = Vec::with_capacity(article.places.len());
        for m in std::mem::take(&mut article.places) {
            if self.learn(&m.place) && !places.contains(&m.place.gid) {
                places.push(m.place.gid);
                spellings.push((m.place.gid, m.place.name));
            }
        }
        for e in &mut article.events {
            if let Some(p) = e.place.as_mut() {
                if self.learn(p) {
                    // An event table carries no mentions: its events name the places.
                    if !places.contains(&p.gid) {
                        places.push(p.gid);
                        spellings.push((p.gid, std::mem::take(&mut p.name)));
                    }
                    p.name = String::new();
                    p.country = String::new();
                } else {
                    e.place = None;
                }
            }
        }
        places.shrink_to_fit();
        let mut search = String::new();
        push_lowercase(&mut search, &article.title);
        for gid in &places {
            if let Some(info) = self.known.get(gid) {
                search.push('\n');
                push_lowercase(&mut search, &info.name);
            }
        }
        for e in &article.events {
            for actor in &e.actors {
                search.push('\n');
                push_lowercase(&mut search, &actor.name);
            }
            search.push('\n');
            push_lowercase(&mut search, &e.sentence);
        }
        search.shrink_to_fit();
        PreparedArticle {
            article,
            places,
            search,
            spellings,
        }
    }

    /// The places first seen since the last call (what the corpus must learn with them).
    pub fn take_new_places(&mut self) -> Vec<PlaceInfo> {
        std::mem::take(&mut self.fresh)
    }

    /// Remembers a place; false when it cannot be drawn (coordinates out of range).
    fn learn(&mut self, p: &crate::core::model::Place) -> bool {
        if !p.has_valid_coordinates() {
            return false;
        }
        if let std::collections::hash_map::Entry::Vacant(v) = self.known.entry(p.gid) {
            let info = PlaceInfo {
                gid: p.gid,
                name: p.name.clone(),
                canonical: p.canonical.clone(),
                country: p.country.clone(),
                kind: p.kind,
                lat: p.lat,
                lon: p.lon,
            };
            self.fresh.push(info.clone());
            v.insert(info);
        }
        true
    }

    /// Remembers a place another intake saw first (an earlier spelling wins).
    fn adopt(&mut self, info: PlaceInfo) {
        self.known.entry(info.gid).or_insert(info);
    }

    fn get(&self, gid: u32) -> Option<&PlaceInfo> {
        self.known.get(&gid)
    }
}

/// How the articles write each place: one vote per article and spelling. The corpus shows the
/// form written most (the first one on a tie), so one English article does not rename "Damas"
/// for the French ones, and a corpus in English keeps "Damascus".
#[derive(Debug, Default)]
pub struct Spellings {
    votes: HashMap<u32, Vec<(String, u32)>>,
}

impl Spellings {
    /// Counts `name` for place `gid`; returns the form now written most (`None` for an empty
    /// name, which does not vote).
    pub fn vote(&mut self, gid: u32, name: String) -> Option<&str> {
        if name.is_empty() {
            return None;
        }
        let forms = self.votes.entry(gid).or_default();
        match forms.iter_mut().find(|(n, _)| *n == name) {
            Some(f) => f.1 += 1,
            None => forms.push((name, 1)),
        }
        let mut lead = 0;
        for (i, f) in forms.iter().enumerate() {
            if f.1 > forms[lead].1 {
                lead = i;
            }
        }
        Some(forms[lead].0.as_str())
    }
}

/// A place that appears somewhere in the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceInfo {
    /// Gazetteer id.
    pub gid: u32,
    /// Display name: the form the corpus's articles write most (see [`Spellings`]).
    pub name: String,
    /// The gazetteer's (GeoNames) name, for tooltips; empty when unknown.
    pub canonical: String,
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
    /// Index into [`Library::articles`].
    pub article: u32,
    /// Index into that article's `events`.
    pub event: u32,
    /// Index into [`Library::places`], if the event has a place.
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
    /// Publication minus event date in days, when both are known to the day (see
    /// [`crate::app::lag`]); kept here so a moment's lag reads no article.
    pub lag_days: Option<i32>,
}

/// Everything loaded, with derived tables.
#[derive(Debug, Default)]
pub struct Library {
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
    known: Intake,
    /// How the articles write each place (kept across removals, like `known`).
    spellings: Spellings,
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
    /// Article indexes sorted by publication date then title (derived).
    pub by_date: Vec<u32>,
    /// Article indexes sorted by title (derived).
    pub by_title: Vec<u32>,
    /// [`TimeIndex::extent`] of `event_time`, kept (it is asked every frame).
    event_extent: Option<(NaiveDate, NaiveDate)>,
    /// [`TimeIndex::extent`] of `published_time`, kept.
    published_extent: Option<(NaiveDate, NaiveDate)>,
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

impl Library {
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
        let colour = crate::app::palette::COLLECTION_COLOURS
            [id as usize % crate::app::palette::COLLECTION_COLOURS.len()];
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
    pub fn push_article(&mut self, collection: u32, article: Article) {
        if self.collection(collection).is_none() {
            return;
        }
        let prepared = self.known.prepare(article);
        // This registry is the corpus's own: what it learns needs no forwarding.
        self.known.fresh.clear();
        self.push_prepared(collection, std::iter::once(prepared));
    }

    /// Adds articles a load worker prepared ([`Intake::prepare`]), with the places its intake
    /// saw first, to a collection (ignored if the collection is gone). Articles keep their order.
    pub fn push_prepared_batch(
        &mut self,
        collection: u32,
        places: Vec<PlaceInfo>,
        articles: Vec<PreparedArticle>,
    ) {
        if self.collection(collection).is_none() {
            return;
        }
        for p in places {
            self.known.adopt(p);
        }
        self.push_prepared(collection, articles);
    }

    fn push_prepared(
        &mut self,
        collection: u32,
        articles: impl IntoIterator<Item = PreparedArticle, IntoIter: ExactSizeIterator>,
    ) {
        let articles = articles.into_iter();
        let n = articles.len();
        let Some(c) = self.collection_mut(collection) else {
            return;
        };
        c.articles += n;
        self.articles.reserve(n);
        for p in articles {
            for (gid, name) in p.spellings {
                self.count_spelling(gid, name);
            }
            self.articles.push(LoadedArticle {
                article: p.article,
                collection,
                places: p.places,
                search: p.search,
            });
        }
        self.dirty |= n > 0;
    }

    /// Counts one article's name for a place and renames the place when that changes which
    /// form the corpus writes most.
    fn count_spelling(&mut self, gid: u32, name: String) {
        let Some(lead) = self.spellings.vote(gid, name) else {
            return;
        };
        let Some(info) = self.known.known.get_mut(&gid) else {
            return;
        };
        if info.name != lead {
            info.name = lead.to_string();
            if let Some(p) = self
                .place_index
                .get(&gid)
                .and_then(|&i| self.places.get_mut(i as usize))
            {
                p.name = lead.to_string();
            }
        }
    }

    /// True when articles changed since the last [`Library::refresh`].
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
        let info = self.known.get(gid)?.clone();
        let i = self.places.len() as u32;
        self.places.push(info);
        self.place_index.insert(gid, i);
        Some(i)
    }

    /// Folds new articles into the tables, time indexes and sort orders (all of them after a
    /// removal). Only the new ones are sorted, then merged in: a refresh while a big load
    /// streams in costs about what arrived since the last one, not the whole corpus.
    fn rebuild(&mut self) {
        if self.removed || self.built > self.articles.len() {
            self.clear_derived();
        }
        let (old_articles, old_events) = (self.built, self.events.len());
        self.fold_new_articles();
        self.index_new_times(old_articles, old_events);
        self.merge_new_orders(old_articles);
        self.event_extent = self.event_time.extent();
        self.published_extent = self.published_time.extent();
    }

    /// Forgets every derived table, so the next fold starts from the first article.
    fn clear_derived(&mut self) {
        self.removed = false;
        self.built = 0;
        self.places.clear();
        self.place_index.clear();
        self.events.clear();
        self.article_places.clear();
        self.article_place_start.clear();
        self.article_event_start.clear();
        self.event_time = TimeIndex::default();
        self.published_time = TimeIndex::default();
        self.published_items.clear();
        self.by_date.clear();
        self.by_title.clear();
    }

    /// Appends the places and events of the articles not built yet, with their offsets.
    fn fold_new_articles(&mut self) {
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
            for &gid in &la.places {
                if let Some(pi) = self.place_idx(gid)
                    && !seen.contains(&pi)
                {
                    seen.push(pi);
                }
            }
            self.article_places.extend_from_slice(&seen);
            for (ei, e) in a.events.iter().enumerate() {
                let imprecise = e.date.precision != crate::core::model::Precision::Day;
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
                    imprecise,
                    lag_days: crate::app::lag::lag_between(a.published, e.date).map(|d| d as i32),
                });
            }
        }
        self.article_place_start
            .push(self.article_places.len() as u32);
        self.article_event_start.push(self.events.len() as u32);
        self.articles = articles;
        self.built = self.articles.len();
    }

    /// Adds the new events and published dates to the time indexes.
    fn index_new_times(&mut self, old_articles: usize, old_events: usize) {
        self.event_time
            .extend(self.events[old_events..].iter().map(|e| (e.start, e.end)));
        let published_from = self.published_items.len();
        for (ai, la) in self.articles.iter().enumerate().skip(old_articles) {
            if la.article.published.is_some() {
                self.published_items.push(ai as u32);
            }
        }
        self.published_time
            .extend(
                self.published_items[published_from..]
                    .iter()
                    .filter_map(|&ai| {
                        let p = self.articles[ai as usize].article.published?;
                        Some((p.start, p.end()))
                    }),
            );
    }

    /// Sorts the new articles by date and by title and merges them into the orders.
    fn merge_new_orders(&mut self, old_articles: usize) {
        let articles = &self.articles;
        let date_order = |x: u32, y: u32| {
            let (a, b) = (&articles[x as usize].article, &articles[y as usize].article);
            a.published
                .map(|p| p.start)
                .cmp(&b.published.map(|p| p.start))
                .then_with(|| a.title.cmp(&b.title))
        };
        merge_new(&mut self.by_date, old_articles, articles.len(), date_order);
        let title_order = |x: u32, y: u32| {
            articles[x as usize]
                .article
                .title
                .cmp(&articles[y as usize].article.title)
        };
        merge_new(
            &mut self.by_title,
            old_articles,
            articles.len(),
            title_order,
        );
    }

    /// Lower-case searchable text of article `i`: title, place names, actors, evidence.
    pub fn search_text(&self, i: usize) -> Option<&str> {
        self.articles.get(i).map(|a| a.search.as_str())
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
            crate::app::time_control::Clock::EventTime => {
                self.event_extent.or(self.published_extent)
            }
            crate::app::time_control::Clock::PublishedTime => {
                self.published_extent.or(self.event_extent)
            }
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

/// Adds `old..n` to `order` (a stable sort of `0..old` by `cmp`), leaving the stable sort of
/// `0..n`: the new indexes are sorted alone, then merged from the back in place.
fn merge_new(
    order: &mut Vec<u32>,
    old: usize,
    n: usize,
    cmp: impl Fn(u32, u32) -> std::cmp::Ordering,
) {
    debug_assert_eq!(order.len(), old);
    let mut new: Vec<u32> = (old as u32..n as u32).collect();
    new.sort_by(|&x, &y| cmp(x, y));
    let (mut i, mut j) = (old, new.len());
    order.resize(n, 0);
    while j > 0 {
        let w = i + j - 1;
        // On a tie the older (smaller) index stays first, as in a stable sort of everything.
        if i > 0 && cmp(order[i - 1], new[j - 1]) == std::cmp::Ordering::Greater {
            order[w] = order[i - 1];
            i -= 1;
        } else {
            order[w] = new[j - 1];
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::synthetic_articles;
    use crate::app::time_control::Clock;

    /// Four articles on one place, three written "Damas" and one "Damascus" (the second).
    fn damascus_articles() -> Vec<Article> {
        let mut all = synthetic_articles(4, 1, 1, 3);
        for (i, a) in all.iter_mut().enumerate() {
            let mentioned = a.places.iter_mut().map(|m| &mut m.place);
            for p in a
                .events
                .iter_mut()
                .filter_map(|e| e.place.as_mut())
                .chain(mentioned)
            {
                p.canonical = "Damascus".into();
                p.name = if i == 1 { "Damascus" } else { "Damas" }.into();
            }
        }
        all
    }

    #[test]
    fn a_place_is_shown_under_the_form_most_articles_write() {
        let mut lib = Library::default();
        let c = lib.add_collection("c".into(), Vec::new(), false);
        for a in damascus_articles().into_iter().take(2) {
            lib.push_article(c, a);
        }
        lib.refresh();
        // One vote each: the first form written leads.
        assert_eq!(lib.places.len(), 1);
        assert_eq!(lib.places[0].name, "Damas");
        assert_eq!(lib.places[0].canonical, "Damascus");
        let mut lib = Library::default();
        let c = lib.add_collection("c".into(), Vec::new(), false);
        let mut arts = damascus_articles();
        arts.swap(0, 1);
        for a in arts {
            lib.push_article(c, a);
        }
        lib.refresh();
        // "Damascus" came first, but three articles of four write "Damas".
        assert_eq!(lib.places[0].name, "Damas");
        let gid = lib.places[0].gid;
        assert_eq!(lib.place(gid).map(|p| p.name.as_str()), Some("Damas"));
    }

    #[test]
    fn an_empty_name_does_not_vote() {
        let mut s = Spellings::default();
        assert_eq!(s.vote(1, String::new()), None);
        assert_eq!(s.vote(1, "Idleb".into()), Some("Idleb"));
        assert_eq!(s.vote(1, "Idlib".into()), Some("Idleb"));
        assert_eq!(s.vote(1, "Idlib".into()), Some("Idlib"));
    }

    /// Synthetic articles with repeated titles and missing dates, so sort ties happen.
    fn articles() -> Vec<Article> {
        let mut all = synthetic_articles(300, 3, 25, 7);
        for (i, a) in all.iter_mut().enumerate() {
            if i % 7 == 0 {
                a.title = "Même titre".into();
            }
            if i % 11 == 0 {
                a.published = None;
            }
        }
        all
    }

    fn everything(c: &Library) -> impl PartialEq + std::fmt::Debug {
        let (from, to) = c.extent(Clock::EventTime).expect("dated events");
        let searches: Vec<String> = (0..c.articles.len())
            .map(|i| c.search_text(i).unwrap_or_default().to_string())
            .collect();
        (
            (
                c.events.clone(),
                c.places.clone(),
                c.article_places.clone(),
                c.article_place_start.clone(),
                c.article_event_start.clone(),
            ),
            (
                c.by_date.clone(),
                c.by_title.clone(),
                c.published_items.clone(),
            ),
            (
                c.event_time.query(from, to),
                c.published_time.query(from, to),
                c.extent(Clock::EventTime),
                c.extent(Clock::PublishedTime),
            ),
            searches,
        )
    }

    #[test]
    fn tables_grown_batch_by_batch_are_the_tables_built_at_once() {
        let all = articles();
        let mut once = Library::default();
        let id = once.add_collection("a".into(), Vec::new(), false);
        for a in all.clone() {
            once.push_article(id, a);
        }
        once.refresh();

        // As a load does it: a worker-side intake prepares, the corpus takes batches and
        // refreshes between them.
        let mut grown = Library::default();
        let id = grown.add_collection("a".into(), Vec::new(), false);
        let mut intake = Intake::default();
        for chunk in all.chunks(37) {
            let prepared: Vec<PreparedArticle> =
                chunk.iter().cloned().map(|a| intake.prepare(a)).collect();
            grown.push_prepared_batch(id, intake.take_new_places(), prepared);
            grown.refresh();
        }
        assert_eq!(everything(&grown), everything(&once));
        assert_eq!(grown.collection(id).map(|c| c.articles), Some(all.len()));

        // The orders are the stable sorts of everything.
        let mut by_title: Vec<u32> = (0..all.len() as u32).collect();
        by_title.sort_by(|&x, &y| all[x as usize].title.cmp(&all[y as usize].title));
        assert_eq!(grown.by_title, by_title);
        let mut by_date: Vec<u32> = (0..all.len() as u32).collect();
        by_date.sort_by_key(|&x| {
            let a = &all[x as usize];
            (a.published.map(|p| p.start), a.title.clone())
        });
        assert_eq!(grown.by_date, by_date);
    }

    #[test]
    fn a_removal_rebuilds_the_tables_of_what_is_left() {
        let all = articles();
        let (first, second) = all.split_at(120);
        let mut c = Library::default();
        let gone = c.add_collection("gone".into(), Vec::new(), false);
        let kept = c.add_collection("kept".into(), Vec::new(), false);
        for a in first.iter().cloned() {
            c.push_article(gone, a);
        }
        c.refresh();
        for a in second.iter().cloned() {
            c.push_article(kept, a);
        }
        c.refresh();
        c.remove_collection(gone);
        c.refresh();

        let mut only = Library::default();
        only.add_collection("unused".into(), Vec::new(), false);
        let kept_alone = only.add_collection("kept".into(), Vec::new(), false);
        for a in second.iter().cloned() {
            only.push_article(kept_alone, a);
        }
        only.refresh();
        assert_eq!(everything(&c), everything(&only));
    }
}
