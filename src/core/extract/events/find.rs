//! Finding the events of one article, sentence by sentence: each cluster of trigger words takes
//! the date and the place nearest to it (see [the module documentation](super)).

use super::actors::{FullName, actors_in};
use super::context;
use super::merge::merge_within;
use super::place_role::{Role, place_role};
use super::triggers::{Cluster, clusters_in, trigger_words};
use crate::core::model::{
    Actor, Article, DateKind, DateMention, DateValue, Event, EventKind, EventSource, KindGroup,
    Place, PlaceKind, PlaceMention, Precision, Span, overlapping,
};
use crate::core::text::{self, FoldedWord, ends_with_caseless};
use regex::Regex;
use std::cell::OnceCell;
use std::ops::Range;
use std::sync::LazyLock;

/// Words that announce the future or a hypothesis: such a sentence does not report something
/// that happened on the publication date.
static FUTURE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[^\p{L}\p{N}_])(?:se tiendra|aura lieu|auront lieu|devrait|devraient|pourrait|pourraient|prévue?s?|organiser(?:a|ont)|va|vont|envisag\p{L}*|projet\p{L}*|doi(?:t|vent)|si)(?:$|[^\p{L}\p{N}_])|\p{L}{3,}(?:era|eront|ira|iront)(?:$|[^\p{L}\p{N}_])")
        .expect("future regex")
});

/// Words that make what follows an aim rather than a happening (`dans l'objectif de contrer
/// la progression des forces`): such a trigger did not happen on the publication date.
static AIM_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[^\p{L}])(?:afin\s+d|dans\s+l['’]objectif\s+d|dans\s+le\s+but\s+d|en\s+vue\s+d|visant\s+à|pour\s+(?:contrer|empêcher|éviter|stopper|freiner|préparer|faciliter))")
        .expect("aim regex")
});

/// How far before a trigger an aim word still governs it.
const AIM_BYTES: usize = 50;

/// What a clause break (a comma, a semicolon, a colon) adds to the distance between two spans.
const CLAUSE_BREAK_BYTES: usize = 30;

/// How near its trigger a date must be to date it closely ([`Dating::Own`]).
const CLOSE_DATE_BYTES: usize = 60;

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

/// `m` can locate an event: not page furniture, not a whole country.
pub(super) fn place_for_event(m: &PlaceMention) -> bool {
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
    for i in 0..events.sentences.len() {
        events.find_in_sentence(i);
    }
    events.finish()
}

/// What finding the events of one article carries from one sentence to the next.
struct ArticleEvents<'a> {
    text: &'a str,
    article: &'a Article,
    /// The page-furniture ranges: nothing in them makes an event.
    furniture: &'a [Span],
    /// The sentences of the text, in order.
    sentences: Vec<Span>,
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
    /// The spans of [`dates`](Self::dates).
    date_spans: Vec<Span>,
    /// The date of the previous sentence when it made no event: a trigger of the next
    /// sentence without a date of its own takes it (`Le 17 mars, l'avion décolle de X. Il est
    /// abattu peu après.`).
    pending_date: Option<&'a DateMention>,
    /// Events with a place, each with whether its date is the publication-date fallback.
    candidates: Vec<(Event, bool)>,
    /// Events without a place but with a date of their own, each with the place the sentences
    /// before it were about, if any ([`context`](super::context)).
    /// and the country its sentence says it happened in (`Au Liban, …`), if any.
    placeless: Vec<(Event, Option<Place>, Option<String>)>,
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
            sentences: text::sentences(text),
            triggers: trigger_words(text, words),
            next_trigger: 0,
            places_sorted: article.places.is_sorted_by_key(|p| p.span.start),
            dates_sorted: article.dates.is_sorted_by_key(|d| d.span.start),
            full_names: Vec::new(),
            places: Vec::new(),
            dates: Vec::new(),
            date_spans: Vec::new(),
            pending_date: None,
            candidates: Vec::new(),
            placeless: Vec::new(),
        }
    }

    /// Finds the events of sentence number `si`; sentences come in text order.
    fn find_in_sentence(&mut self, si: usize) {
        let sentence = self.sentences[si];
        let triggers = self.take_triggers(sentence);
        let carried = self.pending_date.take();
        if self.is_furniture(sentence) {
            return;
        }
        self.collect_mentions(sentence);
        let clusters = clusters_in(self.text, &self.triggers[triggers], &self.date_spans);
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
            carried,
            places: self.event_places(sentence),
            actors,
            future: OnceCell::new(),
        };
        if s.clusters.is_empty() {
            s.add_caption_cluster();
        }
        let made: Vec<(Event, Dating, bool)> = (0..s.clusters.len())
            .filter_map(|ci| {
                let (ev, dating) = s.event(ci, self.article)?;
                // A background trigger with a calendar date of its own (`l'a occupée de mai
                // 2015 jusqu'à…`, `s'en était emparé en mai 2015`) tells a dated happening of
                // the scene: it takes the scene's place like any other.
                let own_calendar_date = s.date_of(ci).is_some_and(|d| d.kind == DateKind::Explicit);
                Some((ev, dating, s.clusters[ci].background && !own_calendar_date))
            })
            .collect();
        if made.is_empty() {
            self.pending_date = last_dated(&self.dates);
        }
        // A sentence that locates one of its events tells the others only in passing (`la
        // rencontre à Ankara scellait la fin de la crise née en novembre 2015`): they take no
        // place from the sentences before.
        let located = made.iter().any(|(e, _, _)| e.place.is_some());
        for (ev, dating, background) in made {
            self.keep(ev, dating, background || located, si);
        }
    }

    /// Keeps `ev`, an event of sentence `si` dated by `dating`; `background` when its trigger
    /// refers to something earlier.
    fn keep(&mut self, ev: Event, dating: Dating, background: bool, si: usize) {
        if ev.place.is_some() {
            self.candidates.push((ev, dating == Dating::Fallback));
        } else if dating != Dating::Fallback {
            let carries =
                !background && dating == Dating::Own && ev.date.precision >= Precision::Month;
            let country = self.stated_country(si);
            let place = if carries {
                context::recent_place(self.text, self.article, &self.sentences, si, |s| {
                    self.triggers.iter().any(|t| s.contains(*t))
                })
                .filter(|p| in_country(&p.place, country.as_deref()))
            } else {
                None
            };
            self.placeless
                .push((ev, place.map(|p| p.place.clone()), country));
        }
    }

    /// The country sentence `si` (whose mentions are the current ones) opens with as its
    /// scene (`Au Liban, des hommes ont été tués`): a place of another country is another
    /// scene. A country later in the sentence is often only its topic (`leur coopération en
    /// Syrie`).
    fn stated_country(&self, si: usize) -> Option<String> {
        let sentence = self.sentences[si];
        let opens_with = |p: &PlaceMention| {
            let head = self.text.get(sentence.start..p.span.start).unwrap_or("");
            let head = head.trim().to_lowercase();
            ["en", "au", "aux"].contains(&head.as_str())
        };
        self.places
            .iter()
            .find(|p| !p.furniture && p.place.kind == PlaceKind::Country && opens_with(p))
            .map(|p| p.place.country.clone())
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
        self.date_spans.clear();
        self.date_spans.extend(self.dates.iter().map(|d| d.span));
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
        merge_within(without_stand_ins(self.candidates))
    }

    /// A place-less event with its own date refines a same-kind event that only had the
    /// fallback; else it takes the place the sentences before it were about, if any.
    fn refine_fallback_dates(&mut self) {
        for (p, carried, country) in std::mem::take(&mut self.placeless) {
            if !self.refine_one(&p, country.as_deref())
                && let Some(place) = carried
            {
                self.candidates.push((
                    Event {
                        place: Some(place),
                        ..p
                    },
                    false,
                ));
            }
        }
    }

    /// Refines a fallback-dated candidate with the place-less event `p`, which happened in
    /// `country` when its sentence says so; false when none fits.
    fn refine_one(&mut self, p: &Event, country: Option<&str>) -> bool {
        {
            if let Some((ev, fb)) = self.candidates.iter_mut().find(|(e, fb)| {
                *fb && e.kind.group() == p.kind.group()
                    && e.place.as_ref().is_some_and(|pl| in_country(pl, country))
                    && e.date.overlaps(p.date.start, p.date.end())
                    && p.date.precision >= e.date.precision
            }) {
                ev.date = p.date;
                ev.date_end = p.date_end;
                ev.confidence = (ev.confidence + 0.15).min(0.95);
                for a in &p.actors {
                    if !ev.actors.contains(a) {
                        ev.actors.push(a.clone());
                    }
                }
                *fb = false;
                return true;
            }
        }
        false
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
    /// The date the previous sentence left for a trigger without one.
    carried: Option<&'s DateMention>,
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

    /// How far apart `a` and `b` are: bytes, and more for each clause break between them (a
    /// date or place goes with the trigger of its own clause: `les pourparlers ont échoué à
    /// Vienne le 25 janvier, Sotchi accueille le 29 une réunion`).
    fn gap(&self, a: Span, b: Span) -> usize {
        let (from, to) = if a.end <= b.start {
            (a.end, b.start)
        } else {
            (b.end, a.start)
        };
        let between = self
            .text
            .get(from.saturating_sub(self.span.start)..to.saturating_sub(self.span.start))
            .unwrap_or("");
        let breaks = between
            .bytes()
            .filter(|b| matches!(b, b',' | b';' | b':'))
            .count();
        distance(a, b) + CLAUSE_BREAK_BYTES * breaks.min(3)
    }

    /// The cluster a date at `s` belongs to: the nearest, counting a cluster after the date
    /// twice as far (a date follows what it dates: `ont conclu le 15 septembre un accord`,
    /// `le processus d'Astana, lancé en janvier 2017, a éclipsé les négociations`).
    fn cluster_of_date(&self, s: Span) -> usize {
        (0..self.clusters.len())
            .min_by_key(|&i| {
                let c = self.clusters[i].span;
                let gap = self.gap(c, s);
                if c.start <= s.start { gap } else { gap * 2 }
            })
            .unwrap_or(0)
    }

    /// The cluster nearest to `s` (the first of them on a tie); 0 when there are none.
    fn nearest_cluster(&self, s: Span) -> usize {
        (0..self.clusters.len())
            .min_by_key(|&i| self.gap(self.clusters[i].span, s))
            .unwrap_or(0)
    }

    /// The date of cluster `ci`: of the dates nearest to it, an explicit one first, then the
    /// closest.
    fn date_of(&self, ci: usize) -> Option<&'s DateMention> {
        let c = &self.clusters[ci];
        let mine_dates: Vec<&&DateMention> = self
            .dates
            .iter()
            .filter(|d| self.cluster_of_date(d.span) == ci)
            .collect();
        mine_dates
            .iter()
            .min_by_key(|d| (d.kind != DateKind::Explicit, self.gap(d.span, c.span)))
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
            .min_by_key(|(p, r)| (std::cmp::Reverse(*r), self.gap(p.span, c.span)))
            .map(|pr| **pr)
    }

    /// A place for cluster `ci`, dated by `date` but with no place of its own, from a later
    /// cluster of the sentence that is located (`à X`, `dans X`) but not dated (`Le sommet qui
    /// doit se tenir le 12 avril à Sotchi réunira…`: the date goes to `se tenir`, the place to
    /// `réunira`): the clause that goes on tells the same scene. An earlier clause's place is
    /// not lent: a dated aside after it is often about something else (`la rencontre, dans la
    /// capitale, scellait la fin de la crise provoquée en novembre 2015 par…`).
    fn lent_place(&self, ci: usize, date: &DateMention) -> Option<(&'s PlaceMention, Role)> {
        (ci + 1..self.clusters.len())
            .filter(|&cj| !self.clusters[cj].background && self.date_of(cj).is_none())
            .filter_map(|cj| self.place_of(cj, Some(date)))
            .find(|(_, r)| *r == Role::Locative)
    }

    /// When cluster `c` happened, `(date, end of range, how it is dated)`: its own date, else
    /// the publication date `published` for past or present reporting in a locative place
    /// (never for background triggers); `None` when neither.
    fn when(
        &self,
        c: &Cluster,
        date: Option<&DateMention>,
        place: Option<(&PlaceMention, Role)>,
        published: Option<DateValue>,
    ) -> Option<(DateValue, Option<DateValue>, Dating)> {
        match date {
            Some(d) => match self.night_ending(d) {
                Some(morning) => Some((morning, None, Dating::Own)),
                None => Some((d.value, d.end, Dating::Own)),
            },
            None => match (published, place) {
                // A year is too coarse to date an event (an undated text's inferred year).
                (Some(p), Some((_, Role::Locative)))
                    if p.precision >= Precision::Month
                        && !c.background
                        && !self.is_future()
                        && !self.is_aim(c) =>
                {
                    Some((p, None, Dating::Fallback))
                }
                _ => None,
            },
        }
    }

    /// `la nuit du 5 au 6 mars`: one night, dated by the day it ends on (what the reports
    /// of the next morning call it); `None` for any other date.
    fn night_ending(&self, d: &DateMention) -> Option<DateValue> {
        let end = d.end?;
        let one_night = d.value.precision == Precision::Day
            && end.precision == Precision::Day
            && (end.start - d.value.start).num_days() == 1;
        let before = self
            .text
            .get(..d.span.start.saturating_sub(self.span.start))
            .unwrap_or("")
            .trim_end();
        (one_night && ends_with_caseless(before, "nuit")).then_some(end)
    }

    /// `d` dates cluster `c` closely: near it and not the start of a state (`la guerre qui a
    /// fait 250 000 morts depuis mars 2011` does not date `la réunion` before it).
    fn dates_closely(&self, c: &Cluster, d: &DateMention) -> bool {
        let before = self
            .text
            .get(..d.span.start.saturating_sub(self.span.start))
            .unwrap_or("")
            .trim_end();
        self.gap(c.span, d.span) <= CLOSE_DATE_BYTES && !ends_with_caseless(before, "depuis")
    }

    /// Cluster `c` is what someone aims at (`afin de`, `dans l'objectif de contrer …`), not
    /// something that happened.
    fn is_aim(&self, c: &Cluster) -> bool {
        let end = c
            .span
            .start
            .saturating_sub(self.span.start)
            .min(self.text.len());
        let end = self.text.floor_char_boundary(end);
        let from = self.text.floor_char_boundary(end.saturating_sub(AIM_BYTES));
        AIM_RE.is_match(&self.text[from..end])
    }

    fn is_future(&self) -> bool {
        *self.future.get_or_init(|| FUTURE_RE.is_match(self.text))
    }

    /// The event of cluster `ci` in `article`, and how it is dated; `None` when it has no
    /// date. The first cluster without a date of its own takes the carried one.
    fn event(&self, ci: usize, article: &Article) -> Option<(Event, Dating)> {
        let c = &self.clusters[ci];
        let date = self
            .date_of(ci)
            .or(self.carried.filter(|_| ci == 0 && self.dates.is_empty()));
        let place = self
            .place_of(ci, date)
            .or_else(|| date.and_then(|d| self.lent_place(ci, d)));
        let (value, end, mut dating) = self.when(c, date, place, article.published)?;
        if date.is_some_and(|d| !self.dates_closely(c, d)) {
            dating = Dating::Loose;
        }
        let fallback = dating == Dating::Fallback;
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
            dating,
        ))
    }
}

/// How an event is dated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dating {
    /// A date of its own sentence (or carried from the one before), close to its trigger.
    Own,
    /// A date of its own sentence, but far from its trigger or the start of a state: too
    /// loose to place the event with the sentences before.
    Loose,
    /// The publication date, for lack of one.
    Fallback,
}

/// The events of `candidates` (each with whether the publication date stands in for its
/// date), less those dated only by the publication when the article dates the same kind of
/// happening at the same place itself: the lead tells in a line what a later sentence dates
/// (`ont annoncé l'arrivée de soldats à X` … `se sont déployés samedi à X`).
fn without_stand_ins(candidates: Vec<(Event, bool)>) -> Vec<Event> {
    let dated: Vec<(u32, KindGroup)> = candidates
        .iter()
        .filter(|(_, fallback)| !fallback)
        .filter_map(|(e, _)| Some((e.place.as_ref()?.gid, e.kind.group())))
        .collect();
    candidates
        .into_iter()
        .filter(|(e, fallback)| {
            !fallback
                || !e
                    .place
                    .as_ref()
                    .is_some_and(|p| dated.contains(&(p.gid, e.kind.group())))
        })
        .map(|(e, _)| e)
        .collect()
}

/// `place` is in `country` (any place is, when no country is said).
fn in_country(place: &Place, country: Option<&str>) -> bool {
    country.is_none_or(|c| place.country == c)
}

/// The last explicit date of a sentence at day or month precision, which the next sentence may
/// take when this one makes no event.
fn last_dated<'a>(dates: &[&'a DateMention]) -> Option<&'a DateMention> {
    dates
        .iter()
        .rev()
        .find(|d| d.kind == DateKind::Explicit && d.value.precision >= Precision::Month)
        .copied()
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

    use crate::core::extract::{extract, places::gazetteer::Gazetteer};
    use crate::core::model::Document;

    /// The `(date, place)` of every event of `text`, an article of March 2019.
    fn events_of(text: &str) -> Vec<(String, String)> {
        events_of_document(&format!(" date 2019-03 {text}"))
    }

    /// The `(date, place)` of every event of `text`, taken whole (no publication marker).
    fn events_of_document(text: &str) -> Vec<(String, String)> {
        let doc = Document {
            id: "t".into(),
            path: "t.txt".into(),
            title: None,
            text: text.to_string(),
            meta_published: None,
            url: None,
            site: None,
        };
        let a = extract(&doc, Gazetteer::global());
        a.events
            .iter()
            .map(|e| {
                let place = e.place.as_ref().map_or(String::new(), |p| p.name.clone());
                (e.date.to_string(), place)
            })
            .collect()
    }

    fn has(events: &[(String, String)], date: &str, place: &str) -> bool {
        events.iter().any(|(d, p)| d == date && p == place)
    }

    /// An event dated in its sentence but placed only by the sentences before it.
    #[test]
    fn a_dated_event_takes_the_place_the_text_was_about() {
        let cases: &[(&str, &str, &str)] = &[(
            "Les combats continuent autour de la ville de Homs. Les rebelles l'ont capturée le 4 mars.",
            "2019-03-04",
            "Homs",
        )];
        for (t, date, place) in cases {
            assert!(has(&events_of(t), date, place), "{t}: {:?}", events_of(t));
        }
    }

    /// The place the text was about does not follow an event into another country, nor does
    /// a sea the attackers came from.
    #[test]
    fn context_places_stay_in_their_country_and_on_land() {
        let cases: &[(&str, &str, &str, bool)] = &[
            (
                "Les combats continuent autour de la ville de Homs. Au Liban, des hommes ont été tués le 4 mars.",
                "2019-03-04",
                "Homs",
                false,
            ),
            (
                "Les combats continuent autour de la ville de Homs. En Syrie, les rebelles l'ont capturée le 4 mars.",
                "2019-03-04",
                "Homs",
                true,
            ),
            (
                "Les combats continuent autour de la ville de Homs. Les rebelles, soutenus par des combattants venus du Liban, l'ont capturée le 4 mars.",
                "2019-03-04",
                "Homs",
                true,
            ),
            (
                "Des soldats patrouillent dans la ville de Homs, opérant depuis la Méditerranée. Un avion a été abattu le 4 mars.",
                "2019-03-04",
                "Homs",
                true,
            ),
        ];
        for (t, date, place, want) in cases {
            let ev = events_of(t);
            assert_eq!(has(&ev, date, place), *want, "{t}: {ev:?}");
            if *want {
                assert_eq!(
                    ev.iter().filter(|(d, _)| d == date).count(),
                    1,
                    "{t}: {ev:?}"
                );
            }
        }
    }

    /// The lead's undated line about a happening the article dates later is not a second event.
    #[test]
    fn a_dated_telling_replaces_the_publication_date_stand_in() {
        let head = " date 2019-03-14 Titre.\n";
        let t = "Des combats ont éclaté à Homs. Les combats ont commencé le 4 mars à Homs, selon l'OSDH.";
        assert_eq!(
            events_of_document(&format!("{head}{t}")),
            [("2019-03-04".to_string(), "Homs".to_string())]
        );
        // Another kind of happening: two events.
        let t = "Des combats ont éclaté à Homs. Un accord a été signé le 4 mars à Homs.";
        let ev = events_of_document(&format!("{head}{t}"));
        assert!(
            has(&ev, "2019-03-14", "Homs") && has(&ev, "2019-03-04", "Homs"),
            "{ev:?}"
        );
    }

    /// An aim (`dans l'objectif de contrer la progression`) is not dated by the publication;
    /// with a date of its own it is.
    #[test]
    fn aims_take_no_publication_date() {
        let cases: &[(&str, &str, bool)] = &[
            (
                "Des troupes arrivent à Homs dans l'objectif de contrer la progression des rebelles.",
                "2019-03",
                false,
            ),
            (
                "Des renforts sont envoyés à Homs afin d'empêcher une offensive.",
                "2019-03",
                false,
            ),
            (
                "Les rebelles poursuivent leur progression à Homs.",
                "2019-03",
                true,
            ),
            (
                "Des délégués arrivent afin de préparer la réunion du 12 mars à Homs.",
                "2019-03-12",
                true,
            ),
        ];
        for (t, date, want) in cases {
            let ev = events_of(t);
            assert_eq!(has(&ev, date, "Homs"), *want, "{t}: {ev:?}");
        }
    }

    /// A night from one day to the next dates its event by the morning after; other ranges
    /// keep their start.
    #[test]
    fn a_night_is_dated_by_its_morning() {
        let cases: &[(&str, &str)] = &[
            (
                "Des frappes ont visé la ville de Homs dans la nuit du 5 au 6 mars.",
                "2019-03-06",
            ),
            (
                "Des frappes ont visé la ville de Homs dans la nuit du 31 mars au 1er avril.",
                "2019-04-01",
            ),
            (
                "Des combats ont eu lieu dans la ville de Homs du 5 au 6 mars.",
                "2019-03-05",
            ),
            (
                "Des combats ont eu lieu dans la ville de Homs la nuit du 5 au 8 mars.",
                "2019-03-05",
            ),
        ];
        for (t, date) in cases {
            let ev = events_of(t);
            assert!(has(&ev, date, "Homs"), "{t}: {ev:?}");
        }
    }

    /// Only a sentence that tells a happening sets the scene for the next one.
    #[test]
    fn a_description_sets_no_scene() {
        let cases: &[(&str, bool)] = &[
            (
                "Les combats se poursuivent dans la ville de Homs. Les rebelles l'ont capturée le 4 mars.",
                true,
            ),
            (
                "La ville de Homs est classée au patrimoine mondial. Les rebelles l'ont capturée le 4 mars.",
                false,
            ),
        ];
        for (t, want) in cases {
            let ev = events_of(t);
            assert_eq!(has(&ev, "2019-03-04", "Homs"), *want, "{t}: {ev:?}");
        }
    }

    /// A background trigger (an occupation, a pluperfect taking) with a month and year of its
    /// own takes the place the text was about; without a calendar date it does not.
    #[test]
    fn a_dated_background_event_takes_the_scene() {
        let cases: &[(&str, &str, bool)] = &[
            (
                "Des combats ont lieu dans la cité antique de Homs. Le groupe, qui l'a occupée de mai 2015 jusqu'à en être chassé en mars 2016, y a détruit des temples.",
                "2015-05",
                true,
            ),
            (
                "Des combats ont lieu dans la cité antique de Homs. Le groupe, qui l'a occupée de mai 2015 jusqu'à en être chassé en mars 2016, y a détruit des temples.",
                "2016-03",
                true,
            ),
        ];
        for (t, date, want) in cases {
            let ev = events_of(t);
            assert_eq!(has(&ev, date, "Homs"), *want, "{t}: {ev:?}");
        }
        // Only the fighting, dated by the publication: the occupation has no calendar date.
        let t = "Des combats ont lieu dans la cité antique de Homs. Le groupe l'a occupée la semaine dernière.";
        assert_eq!(events_of(t), [("2019-03".to_string(), "Homs".to_string())]);
    }

    /// A sentence whose date goes to one trigger and its place to another makes one event.
    #[test]
    fn a_date_and_a_place_split_between_triggers_make_one_event() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "Le sommet qui doit se tenir le 12 avril à Sotchi réunira les trois présidents.",
                "2019-04-12",
                "Sotchi",
            ),
            (
                "Le 5 mars, les rebelles ont mené des combats et se sont retranchés dans Homs.",
                "2019-03-05",
                "Homs",
            ),
        ];
        for (t, date, place) in cases {
            let ev = events_of(&format!("Un titre.\n{t}"));
            assert!(has(&ev, date, place), "{t}: {ev:?}");
        }
        let aside = "La rencontre, dans la ville de Sotchi, scellait la fin de la crise provoquée par la destruction, en novembre 2015, d'un avion.";
        let ev = events_of(&format!("Un titre.\n{aside}"));
        assert!(!ev.iter().any(|(d, _)| d == "2015-11"), "{ev:?}");
    }

    /// A date in one sentence, the happening in the next.
    #[test]
    #[ignore = "not delivered yet: the date of the sentence before is not taken in this case"]
    fn a_trigger_without_date_takes_the_date_of_the_sentence_before() {
        let t = "Le 12 mars, un avion se dirigeait vers la ville de Lattaquié. Il a été abattu peu après.";
        assert!(
            has(&events_of(t), "2019-03-12", "Lattaquié"),
            "{:?}",
            events_of(t)
        );
    }

    /// Each clause keeps its own date: the failed talks are not dated by the later meeting.
    #[test]
    fn dates_stay_in_their_clause() {
        let t = "Alors que les pourparlers ont échoué à Vienne le 5 mars, Sotchi accueille le 9 mars une réunion sur la paix.";
        let ev = events_of(t);
        assert!(has(&ev, "2019-03-05", "Vienne"), "{ev:?}");
        assert!(has(&ev, "2019-03-09", "Sotchi"), "{ev:?}");
    }

    /// A background sentence beside a located event borrows no place.
    #[test]
    fn a_passing_mention_takes_no_place() {
        let t = "Le sommet s'est tenu à Sotchi. La rencontre, dans la ville de Sotchi, met fin à la crise provoquée par la destruction, en novembre 2015, d'un avion.";
        assert!(
            !events_of(t).iter().any(|(d, _)| d == "2015-11"),
            "{:?}",
            events_of(t)
        );
    }

    /// An undated text whose publication is inferred only to the year dates no event by it.
    #[test]
    fn a_publication_year_does_not_date_an_event() {
        let cases: &[(&str, &str)] = &[
            (
                "L'armée a perdu la ville en mars 2016, puis les rebelles l'ont reprise en décembre dernier. Jeudi, des combats ont éclaté à Homs.",
                "2017",
            ),
            (
                "L'accord signé en mai 2015 a été rompu le 4 février dernier. Les combats ont éclaté jeudi à Homs.",
                "2015-02",
            ),
        ];
        for (t, fallback) in cases {
            let ev = events_of_document(t);
            let want_dated = fallback.len() > 4;
            assert_eq!(has(&ev, fallback, "Homs"), want_dated, "{t}: {ev:?}");
        }
    }

    #[test]
    fn future_sentences_are_detected() {
        assert!(FUTURE_RE.is_match("Le sommet se tiendra à Sotchi"));
        assert!(FUTURE_RE.is_match("ils organiseront un sommet"));
        assert!(!FUTURE_RE.is_match("ils ont organisé un sommet"));
        assert!(FUTURE_RE.is_match("les rebelles doivent libérer des otages"));
    }
}
