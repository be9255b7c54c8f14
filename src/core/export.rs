//! Export: the extraction JSON of `shared/eval/FORMAT.md`, GeoJSON and CSV of events.

use crate::core::model::{Article, DateKind, Event, Place};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// The extraction document: `{"articles": [...]}` as FORMAT.md describes.
pub fn articles_json(articles: &[Article]) -> Value {
    json!({ "articles": articles.iter().map(article_json).collect::<Vec<_>>() })
}

/// One article in the FORMAT.md shape, plus `source` (its URL, or null) as the gold files
/// have it. Furniture dates and places are left out; places are grouped, one entry per
/// distinct place with all its mentions.
pub fn article_json(a: &Article) -> Value {
    let mut places: Vec<(u32, &Place, Vec<Value>)> = Vec::new();
    let mut index: BTreeMap<u32, usize> = BTreeMap::new();
    for m in a.places.iter().filter(|m| !m.furniture) {
        let i = *index.entry(m.place.gid).or_insert_with(|| {
            places.push((m.place.gid, &m.place, Vec::new()));
            places.len() - 1
        });
        places[i].2.push(json!({"start": m.span.start, "end": m.span.end, "surface": m.surface, "confidence": m.confidence}));
    }
    let places: Vec<Value> = places
        .into_iter()
        .map(|(_, p, mentions)| {
            json!({"name": p.canonical, "name_fr": p.name, "kind": p.kind.as_str(), "country": p.country,
                   "lat": round(p.lat), "lon": round(p.lon), "gid": p.gid, "mentions": mentions})
        })
        .collect();
    let dates: Vec<Value> = a
        .dates
        .iter()
        .filter(|d| !d.furniture && d.kind == DateKind::Explicit)
        .map(|d| {
            let mut v = json!({"value": d.value.iso(), "start": d.span.start, "end": d.span.end, "text": d.text});
            if let Some(e) = d.end {
                v["range_end"] = json!(e.iso());
            }
            v
        })
        .collect();
    let events: Vec<Value> = a.events.iter().map(event_json).collect();
    json!({
        "id": a.id,
        "path": a.path.to_string_lossy(),
        "title": a.title,
        // The web address, under the key the gold annotations use for it.
        "source": a.url,
        "published": a.published.map(|d| d.iso()),
        "published_source": a.published_source.map(|s| s.as_str()),
        "published_confidence": a.published_confidence,
        "places": places,
        "dates": dates,
        "events": events,
        "warnings": a.warnings,
    })
}

/// One event as JSON (FORMAT.md fields plus sources and trigger).
pub fn event_json(e: &Event) -> Value {
    json!({
        "date": e.date.iso(),
        "date_end": e.date_end.map(|d| d.iso()),
        "place": e.place.as_ref().map(|p| p.canonical.clone()),
        "place_fr": e.place.as_ref().map(|p| p.name.clone()),
        "lat": e.place.as_ref().map(|p| round(p.lat)),
        "lon": e.place.as_ref().map(|p| round(p.lon)),
        "actors": e.actors.iter().map(|a| a.name.clone()).collect::<Vec<_>>(),
        "roles": e.actors.iter().map(|a| a.role.clone()).collect::<Vec<_>>(),
        "kind": e.kind.as_str(),
        "trigger": e.trigger,
        "sentence": e.sentence,
        "start": e.span.start,
        "end": e.span.end,
        "confidence": e.confidence,
        "sources": e.sources.iter().map(|s| json!({"article": s.article_id, "start": s.span.start, "end": s.span.end})).collect::<Vec<_>>(),
    })
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Events with a place as a GeoJSON FeatureCollection of points.
pub fn events_geojson(events: &[Event]) -> Value {
    let features: Vec<Value> = events
        .iter()
        .filter_map(|e| {
            let p = e.place.as_ref()?;
            Some(json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(p.lon), round(p.lat)]},
                "properties": {
                    "date": e.date.iso(),
                    "date_end": e.date_end.map(|d| d.iso()),
                    "place": p.name,
                    "country": p.country,
                    "kind": e.kind.as_str(),
                    "actors": e.actors.iter().map(|a| a.name.clone()).collect::<Vec<_>>(),
                    "sentence": e.sentence,
                    // f32 → f64 would print 0.6000000238418579.
                    "confidence": (f64::from(e.confidence) * 100.0).round() / 100.0,
                    "sources": e.sources.iter().map(|s| s.article_id.clone()).collect::<Vec<_>>(),
                }
            }))
        })
        .collect();
    json!({"type": "FeatureCollection", "features": features})
}

/// Events with a place as KML 2.2 placemarks (Google Earth, QGIS), each with its time: a
/// `TimeStamp` for a single day, month or year (KML takes `2019`, `2019-02` and `2019-02-14`),
/// a `TimeSpan` for a range, so Google Earth's time slider plays them.
pub fn events_kml(events: &[Event]) -> String {
    events_kml_with_tour(events, &[])
}

/// A stop of a KML tour: where the camera looks, from how high, and which days it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct TourStop {
    /// Shown in Google Earth's tour list.
    pub name: String,
    /// Latitude looked at.
    pub lat: f64,
    /// Longitude looked at.
    pub lon: f64,
    /// Distance of the camera from that point, in metres.
    pub range_m: f64,
    /// First day shown; `None` for everything up to `end` (a cumulative window).
    pub begin: Option<chrono::NaiveDate>,
    /// Last day shown.
    pub end: chrono::NaiveDate,
}

/// Seconds of flight to a tour stop, then of wait at it.
const TOUR_FLY_S: f64 = 3.0;
const TOUR_WAIT_S: f64 = 3.0;

/// [`events_kml`] plus, when `stops` is not empty, a `gx:Tour` that flies to each stop in turn
/// with its time span (Google Earth's time slider follows), after the placemarks.
pub fn events_kml_with_tour(events: &[Event], stops: &[TourStop]) -> String {
    // The structure is fixed and small; the text is escaped by quick-xml.
    use quick_xml::escape::escape;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <kml xmlns=\"http://www.opengis.net/kml/2.2\" \
         xmlns:gx=\"http://www.google.com/kml/ext/2.2\">\n<Document>\n\
         <name>chronocarte events</name>\n",
    );
    for e in events {
        let Some(p) = &e.place else { continue };
        let when = match e.date_end {
            Some(end) => format!(
                "<TimeSpan><begin>{}</begin><end>{}</end></TimeSpan>",
                e.date.iso(),
                end.iso()
            ),
            None => format!("<TimeStamp><when>{}</when></TimeStamp>", e.date.iso()),
        };
        let sources: Vec<&str> = e.sources.iter().map(|s| s.article_id.as_str()).collect();
        let description = format!("{}\n\nSources: {}", e.sentence, sources.join(", "));
        out.push_str(&format!(
            "<Placemark>\n<name>{} · {}</name>\n<description>{}</description>\n{when}\n\
             <Point><coordinates>{},{}</coordinates></Point>\n</Placemark>\n",
            escape(e.kind.as_str()),
            escape(p.name.as_str()),
            escape(description.as_str()),
            round(p.lon),
            round(p.lat),
        ));
    }
    if !stops.is_empty() {
        // The stops' names, in order, as the tour's description (flights have no name).
        let listing: Vec<String> = stops
            .iter()
            .enumerate()
            .map(|(i, s)| match s.begin {
                Some(b) => format!("{}. {} ({b} – {})", i + 1, s.name, s.end),
                None => format!("{}. {} (up to {})", i + 1, s.name, s.end),
            })
            .collect();
        out.push_str(&format!(
            "<gx:Tour>\n<name>chronocarte moments</name>\n<description>{}</description>\n\
             <gx:Playlist>\n",
            escape(listing.join("\n").as_str())
        ));
        for s in stops {
            out.push_str(&format!(
                "<gx:FlyTo>\n<gx:duration>{TOUR_FLY_S}</gx:duration>\n\
                 <gx:flyToMode>smooth</gx:flyToMode>\n<LookAt>\n\
                 <gx:TimeSpan>{}<end>{}</end></gx:TimeSpan>\n\
                 <longitude>{}</longitude><latitude>{}</latitude><altitude>0</altitude>\n\
                 <heading>0</heading><tilt>0</tilt><range>{:.0}</range>\n\
                 <altitudeMode>relativeToGround</altitudeMode>\n</LookAt>\n</gx:FlyTo>\n\
                 <gx:Wait><gx:duration>{TOUR_WAIT_S}</gx:duration></gx:Wait>\n",
                s.begin
                    .map(|b| format!("<begin>{b}</begin>"))
                    .unwrap_or_default(),
                s.end,
                round(s.lon),
                round(s.lat),
                s.range_m.max(1.0),
            ));
        }
        out.push_str("</gx:Playlist>\n</gx:Tour>\n");
    }
    out.push_str("</Document>\n</kml>\n");
    out
}

/// Events as CSV (RFC 4180 quoting), one row per event, with a header.
pub fn events_csv(events: &[Event]) -> String {
    // The `csv` crate's defaults are the RFC 4180 rules: a field is quoted only when it holds
    // a comma, a quote or a line break, quotes are doubled, and rows end with `\n`.
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_HEADER).expect(CSV_IN_MEMORY);
    for e in events {
        w.write_record(csv_row(e)).expect(CSV_IN_MEMORY);
    }
    let bytes = w.into_inner().expect(CSV_IN_MEMORY);
    String::from_utf8(bytes).expect("CSV of UTF-8 fields is UTF-8")
}

const CSV_HEADER: [&str; 11] = [
    "date",
    "date_end",
    "kind",
    "place",
    "country",
    "lat",
    "lon",
    "actors",
    "confidence",
    "sources",
    "sentence",
];

/// Writing to a `Vec` cannot fail, and every row has the header's length.
const CSV_IN_MEMORY: &str = "CSV rows of equal length written to memory";

/// The fields of one event's row, in `CSV_HEADER` order.
fn csv_row(e: &Event) -> [String; 11] {
    let (place, country, lat, lon) = match &e.place {
        Some(p) => (
            p.name.clone(),
            p.country.clone(),
            format!("{:.4}", p.lat),
            format!("{:.4}", p.lon),
        ),
        None => Default::default(),
    };
    let actors = e
        .actors
        .iter()
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    let sources = e
        .sources
        .iter()
        .map(|s| s.article_id.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    [
        e.date.iso(),
        e.date_end.map(|d| d.iso()).unwrap_or_default(),
        e.kind.as_str().to_string(),
        place,
        country,
        lat,
        lon,
        actors,
        format!("{:.2}", e.confidence),
        sources,
        e.sentence.clone(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Actor, DateValue, EventKind, EventSource, Span};

    fn event(sentence: &str, actors: &[&str]) -> Event {
        Event {
            date: DateValue::parse_iso("2018-03-12").unwrap(),
            date_end: None,
            place: None,
            actors: actors
                .iter()
                .map(|a| Actor {
                    name: a.to_string(),
                    role: None,
                })
                .collect(),
            kind: EventKind::Meeting,
            trigger: "rencontre".into(),
            sentence: sentence.into(),
            span: Span::new(0, sentence.len()),
            confidence: 0.5,
            sources: vec![EventSource {
                article_id: "a1".into(),
                span: Span::new(0, sentence.len()),
            }],
        }
    }

    #[test]
    fn a_tour_flies_to_each_stop_with_its_time_span() {
        let d = |m, day| chrono::NaiveDate::from_ymd_opt(2019, m, day).unwrap();
        let stops = [
            TourStop {
                name: "Idlib <nord> -- avant".into(),
                lat: 35.93,
                lon: 36.63,
                range_m: 250_000.0,
                begin: Some(d(1, 1)),
                end: d(1, 7),
            },
            TourStop {
                name: "Sotchi".into(),
                lat: 43.6,
                lon: 39.73,
                range_m: 90_000.0,
                begin: None,
                end: d(2, 16),
            },
        ];
        let kml = events_kml_with_tour(&[], &stops);
        let doc = roxmltree::Document::parse(&kml).expect("well-formed XML");
        let gx = "http://www.google.com/kml/ext/2.2";
        let tours: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name((gx, "Tour")))
            .collect();
        assert_eq!(tours.len(), 1);
        let flights: Vec<_> = tours[0]
            .descendants()
            .filter(|n| n.has_tag_name((gx, "FlyTo")))
            .collect();
        assert_eq!(flights.len(), 2);
        let text = |n: roxmltree::Node, tag: &str| {
            n.descendants()
                .find(|c| c.tag_name().name() == tag)
                .and_then(|c| c.text())
                .map(str::to_string)
        };
        assert_eq!(text(flights[0], "begin").as_deref(), Some("2019-01-01"));
        assert_eq!(
            text(flights[1], "begin"),
            None,
            "a cumulative window has no begin"
        );
        assert_eq!(text(flights[1], "end").as_deref(), Some("2019-02-16"));
        assert_eq!(text(flights[1], "longitude").as_deref(), Some("39.73"));
        assert_eq!(text(flights[0], "range").as_deref(), Some("250000"));
        let listing = text(tours[0], "description").unwrap_or_default();
        assert!(listing.contains("1. Idlib <nord> -- avant"), "{listing}");
        // No tour without stops.
        assert!(!events_kml(&[]).contains("gx:Tour"));
    }

    #[test]
    fn kml_is_well_formed_with_times_and_escaped_text() {
        use crate::core::model::{Place, PlaceKind};
        let mut day = event("Combats <près> de l'usine & du pont", &[]);
        day.place = Some(Place {
            gid: 1,
            name: "Alep".into(),
            canonical: "Aleppo".into(),
            kind: PlaceKind::City,
            country: "SY".into(),
            lat: 36.2,
            lon: 37.16,
            population: 0,
        });
        let mut span = day.clone();
        span.date = DateValue::parse_iso("2018-03").unwrap();
        span.date_end = Some(DateValue::parse_iso("2018-05").unwrap());
        let placeless = event("Nowhere", &[]);
        let kml = events_kml(&[day, span, placeless]);
        let doc = roxmltree::Document::parse(&kml).expect("well-formed XML");
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "kml");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.opengis.net/kml/2.2")
        );
        let marks: Vec<_> = root
            .descendants()
            .filter(|n| n.has_tag_name("Placemark"))
            .collect();
        assert_eq!(marks.len(), 2, "events without a place are left out");
        let text = |n: roxmltree::Node, tag: &str| {
            n.descendants()
                .find(|c| c.has_tag_name(tag))
                .and_then(|c| c.text())
                .map(str::to_string)
        };
        assert_eq!(text(marks[0], "when").as_deref(), Some("2018-03-12"));
        assert_eq!(text(marks[0], "coordinates").as_deref(), Some("37.16,36.2"));
        assert!(
            text(marks[0], "description")
                .unwrap()
                .contains("<près> de l'usine & du pont")
        );
        assert_eq!(text(marks[1], "begin").as_deref(), Some("2018-03"));
        assert_eq!(text(marks[1], "end").as_deref(), Some("2018-05"));
    }

    #[test]
    fn csv_quotes_commas_quotes_and_newlines() {
        let csv = events_csv(&[
            event("a,b", &["plain"]),
            event("say \"hi\"", &[]),
            event("two\nlines", &[]),
            event("carriage\rreturn", &[]),
            event("plain", &["A", "B"]),
        ]);
        let rows: Vec<&str> = csv.split_inclusive('\n').collect();
        assert_eq!(
            rows,
            [
                "date,date_end,kind,place,country,lat,lon,actors,confidence,sources,sentence\n",
                "2018-03-12,,meeting,,,,,plain,0.50,a1,\"a,b\"\n",
                "2018-03-12,,meeting,,,,,,0.50,a1,\"say \"\"hi\"\"\"\n",
                "2018-03-12,,meeting,,,,,,0.50,a1,\"two\n",
                "lines\"\n",
                "2018-03-12,,meeting,,,,,,0.50,a1,\"carriage\rreturn\"\n",
                "2018-03-12,,meeting,,,,,A; B,0.50,a1,plain\n",
            ]
        );
    }
}
