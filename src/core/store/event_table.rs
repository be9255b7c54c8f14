//! The event table: newline-delimited JSON, one flat record per event (and one per article
//! without events), so a corpus too big for one machine can be extracted in shards
//! (`chronocarte extract SHARD --ndjson > shard.ndjson` on each node), merged or queried by an
//! existing engine (DataFusion, Spark, DuckDB read NDJSON natively), and opened back in the
//! app (`chronocarte events.ndjson`).
//!
//! Records are self-contained: each carries its article's id, path, title and publication
//! date, so shards concatenate with `cat` and rows can be filtered or reordered freely.
//! Reading groups rows back into articles by path, in order of first appearance.

use crate::core::io::{LoadWarning, WarningKind};
use crate::core::model::{
    Actor, Article, DateValue, Event, EventKind, EventSource, Place, PlaceKind, PublishedSource,
    Span,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// Bumped when a field changes meaning; readers accept this version and older.
pub const TABLE_VERSION: u32 = 1;

/// File extensions read as event tables (explicit files only, never while walking folders).
pub const TABLE_EXTENSIONS: [&str; 2] = ["ndjson", "jsonl"];

/// Most bad lines reported one by one per file; the rest are counted in one warning.
const MAX_LINE_WARNINGS: usize = 20;

/// One row of the event table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// Table format version ([`TABLE_VERSION`]).
    pub v: u32,
    /// `"event"`, or `"article"` for an article with no event (event fields are then null).
    pub record: String,
    /// Article id (file stem).
    pub article_id: String,
    /// Article path as read by the extractor.
    pub path: String,
    /// Article title.
    pub title: String,
    /// Publication date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub published: Option<String>,
    /// How the publication date was found (`marker`, `dateline`…).
    pub published_source: Option<PublishedSource>,
    /// 0..1.
    pub published_confidence: f32,
    /// Length of the article text in bytes.
    pub text_len: usize,
    /// Hash of the article text (identical texts load once).
    pub content_hash: u64,
    /// Event date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub date: Option<String>,
    /// End of a date range.
    pub date_end: Option<String>,
    /// Event kind (`meeting`, `attack`…).
    pub kind: Option<EventKind>,
    /// The trigger word.
    pub trigger: Option<String>,
    /// Place, French name.
    pub place: Option<String>,
    /// Place, canonical (GeoNames) name.
    pub place_canonical: Option<String>,
    /// Gazetteer id of the place.
    pub place_gid: Option<u32>,
    /// City, region, country, water or landmark.
    pub place_kind: Option<PlaceKind>,
    /// ISO 3166-1 alpha-2 country code of the place.
    pub country: Option<String>,
    /// Latitude in degrees.
    pub lat: Option<f64>,
    /// Longitude in degrees.
    pub lon: Option<f64>,
    /// Who, with roles.
    pub actors: Vec<Actor>,
    /// The evidence sentence.
    pub sentence: Option<String>,
    /// Evidence sentence start (byte offset in the article text).
    pub start: Option<usize>,
    /// Evidence sentence end.
    pub end: Option<usize>,
    /// 0..1.
    pub confidence: Option<f32>,
}

impl EventRecord {
    fn of_article(a: &Article) -> Self {
        EventRecord {
            v: TABLE_VERSION,
            record: "article".into(),
            article_id: a.id.clone(),
            path: a.path.to_string_lossy().into_owned(),
            title: a.title.clone(),
            published: a.published.map(|d| d.iso()),
            published_source: a.published_source,
            published_confidence: a.published_confidence,
            text_len: a.text_len,
            content_hash: a.content_hash,
            date: None,
            date_end: None,
            kind: None,
            trigger: None,
            place: None,
            place_canonical: None,
            place_gid: None,
            place_kind: None,
            country: None,
            lat: None,
            lon: None,
            actors: Vec::new(),
            sentence: None,
            start: None,
            end: None,
            confidence: None,
        }
    }

    fn of_event(a: &Article, e: &Event) -> Self {
        let p = e.place.as_ref();
        EventRecord {
            record: "event".into(),
            date: Some(e.date.iso()),
            date_end: e.date_end.map(|d| d.iso()),
            kind: Some(e.kind),
            trigger: Some(e.trigger.clone()),
            place: p.map(|p| p.name.clone()),
            place_canonical: p.map(|p| p.canonical.clone()),
            place_gid: p.map(|p| p.gid),
            place_kind: p.map(|p| p.kind),
            country: p.map(|p| p.country.clone()),
            lat: p.map(|p| p.lat),
            lon: p.map(|p| p.lon),
            actors: e.actors.clone(),
            sentence: Some(e.sentence.clone()),
            start: Some(e.span.start),
            end: Some(e.span.end),
            confidence: Some(e.confidence),
            ..Self::of_article(a)
        }
    }

    /// The event this row describes (`None` for an article row or an unreadable date).
    fn event(&self) -> Result<Option<Event>, String> {
        if self.record != "event" {
            return Ok(None);
        }
        let date = self.date.as_deref().ok_or("event without a date")?;
        let date = DateValue::parse_iso(date).ok_or_else(|| format!("bad date {date:?}"))?;
        let date_end = match self.date_end.as_deref() {
            Some(s) => Some(DateValue::parse_iso(s).ok_or_else(|| format!("bad date_end {s:?}"))?),
            None => None,
        };
        let place = match (self.lat, self.lon) {
            (Some(lat), Some(lon)) => {
                if !crate::core::model::valid_coordinates(lat, lon) {
                    return Err(format!("coordinates out of range ({lat}, {lon})"));
                }
                let name = self.place.clone().unwrap_or_default();
                Some(Place {
                    gid: self.place_gid.unwrap_or(0),
                    canonical: self.place_canonical.clone().unwrap_or_else(|| name.clone()),
                    name,
                    kind: self.place_kind.unwrap_or(PlaceKind::City),
                    country: self.country.clone().unwrap_or_default(),
                    lat,
                    lon,
                    population: 0,
                })
            }
            _ => None,
        };
        let span = Span::new(self.start.unwrap_or(0), self.end.unwrap_or(0));
        Ok(Some(Event {
            date,
            date_end,
            place,
            actors: self.actors.clone(),
            kind: self.kind.unwrap_or(EventKind::Other),
            trigger: self.trigger.clone().unwrap_or_default(),
            sentence: self.sentence.clone().unwrap_or_default(),
            span,
            confidence: self.confidence.unwrap_or(0.5).clamp(0.0, 1.0),
            sources: vec![EventSource {
                article_id: self.article_id.clone(),
                span,
            }],
        }))
    }

    fn article(&self) -> Article {
        Article {
            id: self.article_id.clone(),
            path: PathBuf::from(&self.path),
            title: self.title.clone(),
            url: None,
            published: self.published.as_deref().and_then(DateValue::parse_iso),
            published_source: self.published_source,
            published_confidence: self.published_confidence.clamp(0.0, 1.0),
            places: Vec::new(),
            dates: Vec::new(),
            events: Vec::new(),
            warnings: Vec::new(),
            text_len: self.text_len,
            content_hash: self.content_hash,
        }
    }
}

/// The rows of one article: one per event, or a single article row when it has none.
pub fn records(a: &Article) -> Vec<EventRecord> {
    if a.events.is_empty() {
        return vec![EventRecord::of_article(a)];
    }
    a.events
        .iter()
        .map(|e| EventRecord::of_event(a, e))
        .collect()
}

/// Writes the rows of `a`, one JSON object per line.
pub fn write_article(out: &mut impl Write, a: &Article) -> std::io::Result<()> {
    for r in records(a) {
        serde_json::to_writer(&mut *out, &r)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// True when `path` names an event table (by extension).
pub fn is_event_table(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TABLE_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Reads an event table back into articles (with their events; places and dates are those
/// of the events only). Bad lines are skipped with warnings naming the file and line; a file
/// that cannot be opened is one warning and no article.
pub fn read(path: &Path) -> (Vec<Article>, Vec<LoadWarning>) {
    match std::fs::File::open(path) {
        Ok(f) => read_from(path, std::io::BufReader::new(f)),
        Err(e) => (
            Vec::new(),
            vec![LoadWarning::new(
                path,
                WarningKind::Unreadable,
                format!("event table could not be opened: {e}"),
            )],
        ),
    }
}

/// [`read`] from any buffered reader; `path` names the source in warnings.
pub fn read_from(path: &Path, mut input: impl BufRead) -> (Vec<Article>, Vec<LoadWarning>) {
    let mut articles: Vec<Article> = Vec::new();
    let mut by_path: HashMap<String, usize> = HashMap::new();
    let mut warnings = Vec::new();
    let mut bad = 0usize;
    let mut line = Vec::new();
    let mut n = 0usize;
    loop {
        line.clear();
        match input.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                warnings.push(LoadWarning::new(
                    path,
                    WarningKind::Unreadable,
                    format!("reading stopped at line {}: {e}", n + 1),
                ));
                break;
            }
        }
        n += 1;
        let text = String::from_utf8_lossy(&line);
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let parsed = serde_json::from_str::<EventRecord>(text)
            .map_err(|e| e.to_string())
            .and_then(|r| {
                if r.v > TABLE_VERSION {
                    return Err(format!(
                        "written by a newer chronocarte (table version {})",
                        r.v
                    ));
                }
                let ev = r.event()?;
                Ok((r, ev))
            });
        match parsed {
            Ok((r, ev)) => {
                let i = *by_path.entry(r.path.clone()).or_insert_with(|| {
                    articles.push(r.article());
                    articles.len() - 1
                });
                if let Some(ev) = ev {
                    articles[i].events.push(ev);
                }
            }
            Err(e) => {
                bad += 1;
                if bad <= MAX_LINE_WARNINGS {
                    warnings.push(LoadWarning::new(
                        path,
                        WarningKind::Other,
                        format!("line {n} skipped: {e}"),
                    ));
                }
            }
        }
    }
    if bad > MAX_LINE_WARNINGS {
        warnings.push(LoadWarning::new(
            path,
            WarningKind::Other,
            format!(
                "{} more bad lines skipped ({bad} in all)",
                bad - MAX_LINE_WARNINGS
            ),
        ));
    }
    if articles.is_empty() && bad == 0 {
        warnings.push(LoadWarning::new(
            path,
            WarningKind::Empty,
            "event table has no rows",
        ));
    }
    (articles, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::extract::extract;
    use crate::core::extract::places::gazetteer::Gazetteer;
    use crate::core::model::Document;

    fn article(text: &str, id: &str) -> Article {
        let doc = Document {
            id: id.into(),
            path: PathBuf::from(format!("/corpus/{id}.txt")),
            title: None,
            text: text.into(),
            meta_published: None,
            url: None,
            site: None,
        };
        extract(&doc, Gazetteer::global())
    }

    #[test]
    fn events_round_trip_through_the_table() {
        let a = article(
            " date 2019-02\n\nLe président turc a rencontré jeudi 14 février 2019 à Sotchi \
             son homologue russe. Des frappes ont visé Idleb le 12 février 2019.",
            "a",
        );
        let b = article(" date 2020-01\n\nUn texte sans événement.", "b");
        assert!(!a.events.is_empty(), "the sample text has events");
        let mut buf = Vec::new();
        write_article(&mut buf, &a).unwrap();
        write_article(&mut buf, &b).unwrap();
        let lines = buf.iter().filter(|&&c| c == b'\n').count();
        assert_eq!(lines, a.events.len() + 1);
        let (back, warnings) = read_from(Path::new("t.ndjson"), &buf[..]);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(back.len(), 2);
        assert_eq!(back[0].id, "a");
        assert_eq!(back[0].published, a.published);
        assert_eq!(back[0].events.len(), a.events.len());
        for (x, y) in back[0].events.iter().zip(&a.events) {
            assert_eq!(x.date, y.date);
            assert_eq!(x.kind, y.kind);
            assert_eq!(x.sentence, y.sentence);
            assert_eq!(x.actors, y.actors);
            assert_eq!(
                x.place.as_ref().map(|p| p.gid),
                y.place.as_ref().map(|p| p.gid)
            );
        }
        assert!(back[1].events.is_empty());
        assert_eq!(back[1].title, b.title);
    }

    #[test]
    fn bad_lines_are_skipped_and_named() {
        let a = article(
            " date 2019-02\n\nDes frappes ont visé Idleb le 12 février 2019.",
            "a",
        );
        let mut buf = Vec::new();
        write_article(&mut buf, &a).unwrap();
        buf.extend_from_slice(b"{not json\n\n");
        buf.extend_from_slice(
            br#"{"v":99,"record":"article","article_id":"z","path":"z","title":"","published":null,"published_source":null,"published_confidence":0,"text_len":0,"content_hash":0,"date":null,"date_end":null,"kind":null,"trigger":null,"place":null,"place_canonical":null,"place_gid":null,"place_kind":null,"country":null,"lat":null,"lon":null,"actors":[],"sentence":null,"start":null,"end":null,"confidence":null}"#,
        );
        let (back, warnings) = read_from(Path::new("t.ndjson"), &buf[..]);
        assert_eq!(back.len(), 1);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        let bad_line = a.events.len().max(1) + 1;
        assert!(
            warnings[0]
                .message
                .starts_with(&format!("line {bad_line} skipped"))
        );
        assert!(warnings[1].message.contains("newer"));
        assert!(warnings.iter().all(|w| w.path == Path::new("t.ndjson")));
    }

    #[test]
    fn many_bad_lines_are_counted_not_listed() {
        let buf = "garbage\n".repeat(100);
        let (back, warnings) = read_from(Path::new("t.ndjson"), buf.as_bytes());
        assert!(back.is_empty());
        assert_eq!(warnings.len(), MAX_LINE_WARNINGS + 1);
        assert!(warnings.last().unwrap().message.contains("100 in all"));
    }

    #[test]
    fn table_extensions_are_recognised() {
        assert!(is_event_table(Path::new("x/events.ndjson")));
        assert!(is_event_table(Path::new("x/events.JSONL")));
        assert!(!is_event_table(Path::new("x/events.json")));
        assert!(!is_event_table(Path::new("x/ndjson")));
    }
}
