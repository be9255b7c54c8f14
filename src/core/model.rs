//! The core data model: articles, places, dates, events and the spans that tie them to text.
//!
//! Everything here is plain data (serde-able) so the CLI, the app, the cache and the benches
//! share one vocabulary. Byte offsets always point into the decoded UTF-8 article text.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// A half-open byte range `[start, end)` into an article's decoded text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    /// True when the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// True when `other` lies inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Of `ranges`, sorted by start and disjoint (what `furniture::furniture_ranges` returns), the
/// ones that overlap `s`: a binary search, not a scan, so long texts stay linear.
pub fn overlapping(ranges: &[Span], s: Span) -> &[Span] {
    let a = ranges.partition_point(|r| r.end <= s.start);
    let b = a + ranges[a..].partition_point(|r| r.start < s.end);
    &ranges[a..b]
}

/// True when one of `ranges` (sorted by start and disjoint) contains `s`. Only the last range
/// starting at or before `s` can: every earlier one ends before that one starts.
pub fn inside_any(ranges: &[Span], s: Span) -> bool {
    let i = ranges.partition_point(|r| r.start <= s.start);
    i > 0 && ranges[i - 1].contains(s)
}

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Precision {
    /// Only the year (`en 2011`).
    Year,
    /// Year and month (`en mars 2011`).
    Month,
    /// A calendar day (`le 28 septembre 2017`).
    Day,
}

/// A calendar date at the precision the text supports.
///
/// `start` is the first day of the period (1 January for a year, the 1st for a month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DateValue {
    /// First day of the period.
    pub start: NaiveDate,
    /// How much of `start` is meaningful.
    pub precision: Precision,
}

impl DateValue {
    /// A day-precision date; `None` if it is not a real calendar day.
    pub fn ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        Some(Self {
            start: NaiveDate::from_ymd_opt(year, month, day)?,
            precision: Precision::Day,
        })
    }
    /// A month-precision date; `None` if the month is out of range.
    pub fn ym(year: i32, month: u32) -> Option<Self> {
        Some(Self {
            start: NaiveDate::from_ymd_opt(year, month, 1)?,
            precision: Precision::Month,
        })
    }
    /// A year-precision date; `None` if the year is out of chrono's range.
    pub fn y(year: i32) -> Option<Self> {
        Some(Self {
            start: NaiveDate::from_ymd_opt(year, 1, 1)?,
            precision: Precision::Year,
        })
    }
    /// A day-precision value from a `NaiveDate`.
    pub fn day(date: NaiveDate) -> Self {
        Self {
            start: date,
            precision: Precision::Day,
        }
    }
    /// Last day (inclusive) of the period.
    pub fn end(&self) -> NaiveDate {
        match self.precision {
            Precision::Day => self.start,
            Precision::Month => {
                let (y, m) = (self.start.year(), self.start.month());
                let next = if m == 12 {
                    NaiveDate::from_ymd_opt(y + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(y, m + 1, 1)
                };
                next.and_then(|d| d.pred_opt()).unwrap_or(self.start)
            }
            Precision::Year => {
                NaiveDate::from_ymd_opt(self.start.year(), 12, 31).unwrap_or(self.start)
            }
        }
    }
    /// The ISO 8601 prefix at this precision: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        match self.precision {
            Precision::Year => format!("{:04}", self.start.year()),
            Precision::Month => format!("{:04}-{:02}", self.start.year(), self.start.month()),
            Precision::Day => self.start.format("%Y-%m-%d").to_string(),
        }
    }
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Self> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str| p.parse::<i64>().ok();
        match parts.as_slice() {
            [y] if y.len() == 4 => Self::y(num(y)? as i32),
            [y, m] if y.len() == 4 => Self::ym(num(y)? as i32, num(m)? as u32),
            [y, m, d] if y.len() == 4 => Self::ymd(num(y)? as i32, num(m)? as u32, num(d)? as u32),
            _ => None,
        }
    }
    /// True when the period of `self` overlaps `[from, to]` (inclusive days).
    pub fn overlaps(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.start <= to && self.end() >= from
    }
}

impl std::fmt::Display for DateValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.iso())
    }
}

/// What sort of temporal expression a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DateKind {
    /// An explicit calendar expression (`le 28 septembre`, `en 2011`, `28/09/2017`).
    Explicit,
    /// Relative to the reference date (`hier`, `la semaine dernière`, `il y a trois ans`).
    Relative,
    /// A bare weekday (`samedi`, `mercredi dernier`): dates events, not listed as a date.
    Weekday,
}

/// A temporal expression found in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    /// Where it is in the text.
    pub span: Span,
    /// The text of the span.
    pub text: String,
    /// Its value (for a range, the start).
    pub value: DateValue,
    /// The end of a range (`du 26 au 29 août`), if any.
    pub end: Option<DateValue>,
    /// Explicit, relative or weekday.
    pub kind: DateKind,
    /// True when the mention sits in page furniture (newsletter, teaser, forum stamp…):
    /// kept for display, kept out of events and the timeline.
    pub furniture: bool,
}

/// The broad class of a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    /// A populated place.
    City,
    /// A first-level region, province or governorate.
    Region,
    /// A sovereign country.
    Country,
    /// A river, sea, gulf or lake.
    Water,
    /// A building or site used as a metonym, a base, a border crossing, a dam.
    Landmark,
}

impl PlaceKind {
    /// Lower-case name as in the JSON format.
    pub fn as_str(&self) -> &'static str {
        match self {
            PlaceKind::City => "city",
            PlaceKind::Region => "region",
            PlaceKind::Country => "country",
            PlaceKind::Water => "water",
            PlaceKind::Landmark => "landmark",
        }
    }
}

/// A place of the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Stable id within the gazetteer (GeoNames id for cities; synthetic for the supplement).
    pub gid: u32,
    /// French display name (`Moscou`).
    pub name: String,
    /// Canonical (usually English/GeoNames) name (`Moscow`).
    pub canonical: String,
    /// City, region, country, water or landmark.
    pub kind: PlaceKind,
    /// ISO 3166-1 alpha-2 country code, upper case; empty for international waters.
    pub country: String,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// Population (0 when unknown or not applicable).
    pub population: u64,
}

impl Place {
    /// True when the coordinates are real degrees in range (a place that can be drawn).
    pub fn has_valid_coordinates(&self) -> bool {
        valid_coordinates(self.lat, self.lon)
    }
}

/// True when `lat`, `lon` are finite and within ±90° / ±180°.
pub fn valid_coordinates(lat: f64, lon: f64) -> bool {
    lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0
}

/// One occurrence of a place name in an article, resolved to a place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceMention {
    /// Where it is in the text.
    pub span: Span,
    /// The text as written (`Idleb`, `la capitale turque`).
    pub surface: String,
    /// The chosen place.
    pub place: Place,
    /// 0..1: how sure the resolver is.
    pub confidence: f32,
    /// Other candidates considered, best first (at most a few).
    pub alternatives: Vec<Place>,
    /// True when the mention sits in page furniture.
    pub furniture: bool,
}

/// A person (or organisation) taking part in an event.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Actor {
    /// The name as written (`Vladimir Poutine`).
    pub name: String,
    /// The role, when the text gives one (`président russe`).
    pub role: Option<String>,
}

/// What kind of thing happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    /// Two or more parties met.
    Meeting,
    /// A summit of leaders.
    Summit,
    /// Negotiations, peace talks.
    Talks,
    /// An agreement, accord, ceasefire signed or agreed.
    Agreement,
    /// A phone call.
    Call,
    /// A declaration, announcement, statement.
    Statement,
    /// A strike, bombing, attack.
    Attack,
    /// A military offensive or advance.
    Offensive,
    /// Clashes, fighting.
    Fighting,
    /// A withdrawal of troops.
    Withdrawal,
    /// People fleeing, displaced.
    Displacement,
    /// A visit, election or anything else.
    Other,
}

impl EventKind {
    /// All kinds, in display order.
    pub const ALL: [EventKind; 12] = [
        EventKind::Meeting,
        EventKind::Summit,
        EventKind::Talks,
        EventKind::Agreement,
        EventKind::Call,
        EventKind::Statement,
        EventKind::Attack,
        EventKind::Offensive,
        EventKind::Fighting,
        EventKind::Withdrawal,
        EventKind::Displacement,
        EventKind::Other,
    ];
    /// Lower-case name as in the JSON format.
    pub fn as_str(&self) -> &'static str {
        match self {
            EventKind::Meeting => "meeting",
            EventKind::Summit => "summit",
            EventKind::Talks => "talks",
            EventKind::Agreement => "agreement",
            EventKind::Call => "call",
            EventKind::Statement => "statement",
            EventKind::Attack => "attack",
            EventKind::Offensive => "offensive",
            EventKind::Fighting => "fighting",
            EventKind::Withdrawal => "withdrawal",
            EventKind::Displacement => "displacement",
            EventKind::Other => "other",
        }
    }
    /// The colour group used across the UI (legend, markers, histogram stacks).
    pub fn group(&self) -> KindGroup {
        match self {
            EventKind::Meeting | EventKind::Summit | EventKind::Talks => KindGroup::Diplomacy,
            EventKind::Agreement => KindGroup::Agreement,
            EventKind::Call | EventKind::Statement => KindGroup::Statement,
            EventKind::Attack | EventKind::Offensive | EventKind::Fighting => KindGroup::Violence,
            EventKind::Withdrawal | EventKind::Displacement => KindGroup::Movement,
            EventKind::Other => KindGroup::Other,
        }
    }
}

/// The six colour groups of event kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum KindGroup {
    /// Meetings, summits, talks.
    Diplomacy,
    /// Agreements.
    Agreement,
    /// Calls and statements.
    Statement,
    /// Attacks, offensives, fighting.
    Violence,
    /// Withdrawals and displacement.
    Movement,
    /// Everything else.
    Other,
}

impl KindGroup {
    /// All groups in legend order.
    pub const ALL: [KindGroup; 6] = [
        KindGroup::Diplomacy,
        KindGroup::Agreement,
        KindGroup::Statement,
        KindGroup::Violence,
        KindGroup::Movement,
        KindGroup::Other,
    ];
    /// Legend label.
    pub fn label(&self) -> &'static str {
        match self {
            KindGroup::Diplomacy => "meeting / summit / talks",
            KindGroup::Agreement => "agreement",
            KindGroup::Statement => "call / statement",
            KindGroup::Violence => "attack / fighting",
            KindGroup::Movement => "withdrawal / displacement",
            KindGroup::Other => "other",
        }
    }
    /// Okabe–Ito colour-blind-safe palette, as RGB.
    pub fn rgb(&self) -> [u8; 3] {
        match self {
            KindGroup::Diplomacy => [0, 114, 178],
            KindGroup::Agreement => [0, 158, 115],
            KindGroup::Statement => [204, 121, 167],
            KindGroup::Violence => [213, 94, 0],
            KindGroup::Movement => [230, 159, 0],
            KindGroup::Other => [120, 120, 120],
        }
    }
}

/// Where an event was reported: an article and the evidence sentence in it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EventSource {
    /// The article id.
    pub article_id: String,
    /// The evidence sentence span in that article.
    pub span: Span,
}

/// Something that happened (or is scheduled) at a place on a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// When (for a range, its start).
    pub date: DateValue,
    /// End of a range, if any.
    pub date_end: Option<DateValue>,
    /// Where, if known.
    pub place: Option<Place>,
    /// Who.
    pub actors: Vec<Actor>,
    /// What kind of thing.
    pub kind: EventKind,
    /// The trigger word that gave the kind (`rencontre`, `sommet`).
    pub trigger: String,
    /// The evidence sentence as written.
    pub sentence: String,
    /// The evidence sentence span in the first source article.
    pub span: Span,
    /// 0..1.
    pub confidence: f32,
    /// Every article that reports it (one for a fresh extraction; more after merging).
    pub sources: Vec<EventSource>,
}

impl Event {
    /// The inclusive day interval the event covers.
    pub fn interval(&self) -> (NaiveDate, NaiveDate) {
        let end = self
            .date_end
            .map(|d| d.end())
            .unwrap_or_else(|| self.date.end());
        (self.date.start, end.max(self.date.start))
    }
}

/// How the publication date of an article was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PublishedSource {
    /// A leading ` date YYYY-MM` marker line.
    Marker,
    /// A dateline or "Publié le …" line.
    Dateline,
    /// HTML metadata (`article:published_time`, `datePublished`), or the date column of a
    /// metadata table beside the file (`"metadata"` in the JSON: an explicit source).
    Metadata,
    /// A date in the file name.
    File,
    /// Inferred from the text (weekday + day of month, latest explicit date).
    Inferred,
    /// A date in the path of the article's URL (`/2018/06/08/`, `20130602-`). Appended last:
    /// the cache stores the variant's index.
    Url,
}

impl PublishedSource {
    /// Lower-case name as in the JSON format.
    pub fn as_str(&self) -> &'static str {
        match self {
            PublishedSource::Marker => "marker",
            PublishedSource::Dateline => "dateline",
            PublishedSource::Metadata => "metadata",
            PublishedSource::File => "file",
            PublishedSource::Inferred => "inferred",
            PublishedSource::Url => "url",
        }
    }
}

/// One article after extraction. The full text is not kept: the reader reads it on demand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// File name without extension.
    pub id: String,
    /// Where it was read from.
    pub path: PathBuf,
    /// Title (a metadata table's, else the HTML `<title>`, else the headline line or the
    /// first sentence, shortened).
    pub title: String,
    /// The web address it was saved from (a metadata table beside the file), if known.
    pub url: Option<String>,
    /// The article's own date.
    pub published: Option<DateValue>,
    /// How `published` was found.
    pub published_source: Option<PublishedSource>,
    /// 0..1 confidence in `published` (lowered when the text contradicts a marker).
    pub published_confidence: f32,
    /// Every place mention, resolved.
    pub places: Vec<PlaceMention>,
    /// Every temporal expression.
    pub dates: Vec<DateMention>,
    /// Events found in this article.
    pub events: Vec<Event>,
    /// Problems noticed while reading or extracting this article.
    pub warnings: Vec<String>,
    /// Length of the decoded text in bytes.
    pub text_len: usize,
    /// Hash of the decoded text (identical texts load once).
    pub content_hash: u64,
}

impl Article {
    /// Drops what only a reader of this one article needs (every date mention, repeated place
    /// mentions, furniture, alternative candidates, whole evidence sentences, trigger words,
    /// canonical names, the names of event places that a mention names), keeping one
    /// mention per distinct place and the events with a snippet of their evidence: the
    /// summary a corpus-wide view holds. Most of an article's memory is
    /// in what goes; with 100 000 articles loaded the difference is gigabytes. The full
    /// article is extracted again from its text when it is opened.
    pub fn slim(&mut self) {
        self.dates = Vec::new();
        let mut seen: Vec<u32> = Vec::new();
        self.places.retain(|m| {
            let keep = !m.furniture && !seen.contains(&m.place.gid);
            if keep {
                seen.push(m.place.gid);
            }
            keep
        });
        for m in &mut self.places {
            m.alternatives = Vec::new();
            m.surface = String::new();
            m.place.canonical = String::new();
        }
        self.places.shrink_to_fit();
        for e in &mut self.events {
            // Cheap on a summary already made: a short, trimmed sentence stays where it is.
            if e.sentence.len() > SNIPPET_CHARS || e.sentence.trim().len() != e.sentence.len() {
                let cut = snippet(&e.sentence, SNIPPET_CHARS);
                if cut != e.sentence {
                    e.sentence = cut;
                }
            }
            // The article itself is the only source of a fresh extraction.
            e.sources = Vec::new();
            // The trigger word is reader detail; a place already among the mentions keeps its
            // names there (a summary of 100 000 articles decodes millions fewer strings).
            e.trigger = String::new();
            if let Some(p) = e.place.as_mut() {
                p.canonical = String::new();
                if seen.contains(&p.gid) {
                    p.name = String::new();
                    p.country = String::new();
                }
            }
        }
        self.events.shrink_to_fit();
        self.warnings.shrink_to_fit();
    }
}

/// Length (in characters) of the evidence snippets kept by [`Article::slim`].
pub const SNIPPET_CHARS: usize = 90;

/// `s` trimmed, or when it is longer than `max` characters its head cut at a word when one
/// is near, with `…`: at most `max` characters in all, so snipping a snippet changes nothing.
pub fn snippet(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().nth(max).is_none() {
        return s.to_string();
    }
    let cut = s
        .char_indices()
        .nth(max.saturating_sub(1))
        .map_or(s.len(), |(i, _)| i);
    let head = &s[..cut];
    let head = match head.rfind(' ') {
        Some(i) if i > cut / 2 => &head[..i],
        _ => head,
    };
    format!("{}…", head.trim_end())
}

/// One decoded document, ready for extraction.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// File name without extension.
    pub id: String,
    /// Where it was read from.
    pub path: PathBuf,
    /// `<title>` of an HTML page.
    pub title: Option<String>,
    /// The decoded text (HTML stripped).
    pub text: String,
    /// `article:published_time` / `datePublished` metadata of an HTML page, or the date column
    /// of a metadata table beside the file (which wins).
    pub meta_published: Option<String>,
    /// The web address the article was saved from (a metadata table beside the file).
    pub url: Option<String>,
    /// The site or outlet that published it (a metadata table beside the file).
    pub site: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_searches_agree_with_scans() {
        // Sorted, disjoint ranges with gaps, touching none of each other.
        let ranges: Vec<Span> = (0..40)
            .map(|i| Span::new(i * 10 + 2, i * 10 + 2 + i % 7))
            .collect();
        for start in 0..420 {
            for len in [0, 1, 3, 9, 25] {
                let s = Span::new(start, start + len);
                let scan: Vec<Span> = ranges.iter().copied().filter(|r| r.overlaps(s)).collect();
                assert_eq!(overlapping(&ranges, s), &scan[..], "{s:?}");
                assert_eq!(
                    inside_any(&ranges, s),
                    ranges.iter().any(|r| r.contains(s)),
                    "{s:?}"
                );
            }
        }
        assert!(overlapping(&[], Span::new(0, 5)).is_empty());
        assert!(!inside_any(&[], Span::new(0, 0)));
    }

    fn place(gid: u32) -> Place {
        Place {
            gid,
            name: format!("p{gid}"),
            canonical: format!("P{gid}"),
            kind: PlaceKind::City,
            country: "FR".into(),
            lat: 1.0,
            lon: 2.0,
            population: 0,
        }
    }

    fn mention(gid: u32, furniture: bool) -> PlaceMention {
        PlaceMention {
            span: Span::new(0, 1),
            surface: "x".into(),
            place: place(gid),
            confidence: 1.0,
            alternatives: vec![place(gid + 100)],
            furniture,
        }
    }

    #[test]
    fn slim_keeps_one_mention_per_place_outside_furniture() {
        let mut a = Article {
            id: "a".into(),
            path: PathBuf::from("a.txt"),
            title: "t".into(),
            url: None,
            published: None,
            published_source: None,
            published_confidence: 0.0,
            places: vec![
                mention(1, false),
                mention(2, true),
                mention(1, false),
                mention(3, false),
                mention(2, false),
            ],
            dates: vec![DateMention {
                span: Span::new(0, 1),
                text: "x".into(),
                value: DateValue::y(2019).unwrap(),
                end: None,
                kind: DateKind::Explicit,
                furniture: false,
            }],
            events: [1, 9]
                .into_iter()
                .map(|gid| Event {
                    date: DateValue::y(2019).unwrap(),
                    date_end: None,
                    place: Some(place(gid)),
                    actors: Vec::new(),
                    kind: EventKind::Meeting,
                    trigger: "rencontre".into(),
                    sentence: "La rencontre.".into(),
                    span: Span::new(0, 1),
                    confidence: 0.5,
                    sources: Vec::new(),
                })
                .collect(),
            warnings: vec!["w".into()],
            text_len: 1,
            content_hash: 0,
        };
        a.slim();
        let gids: Vec<u32> = a.places.iter().map(|m| m.place.gid).collect();
        assert_eq!(gids, vec![1, 3, 2]);
        // Names live once: in the mention when there is one, else in the event.
        let names: Vec<&str> = a
            .events
            .iter()
            .map(|e| e.place.as_ref().unwrap().name.as_str())
            .collect();
        assert_eq!(names, vec!["", place(9).name.as_str()]);
        assert!(!a.places[0].place.name.is_empty());
        assert!(
            a.events
                .iter()
                .all(|e| e.trigger.is_empty() && e.place.is_some())
        );
        let again = a.clone();
        a.slim();
        assert_eq!(a, again, "slimming a summary changes nothing");
        assert!(a.places.iter().all(|m| m.alternatives.is_empty()));
        assert!(a.dates.is_empty());
        assert_eq!(a.warnings, vec!["w".to_string()]);
    }

    #[test]
    fn snippets_cut_at_a_word_on_char_boundaries() {
        assert_eq!(snippet("  court  ", 10), "court");
        let long = "Les frappes aériennes ont visé Idleb et Maarat al-Noomane à l'aube";
        let s = snippet(long, 20);
        assert!(s.ends_with('…'), "{s}");
        assert!(s.chars().count() <= 20, "{s}");
        assert!(long.starts_with(s.trim_end_matches('…')), "{s}");
        assert_eq!(snippet("ééééé", 3), "éé…");
        assert_eq!(snippet("ééé", 3), "ééé");
        let once = snippet(long, 20);
        assert_eq!(snippet(&once, 20), once, "idempotent");
    }
}
