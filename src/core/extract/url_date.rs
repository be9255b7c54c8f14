//! The publication date in a news URL's path, and its rank among the other evidence.
//!
//! News sites put the day of publication in their paths (`/2018/06/08/slug`, `/2018-06-08/`,
//! `/fr/20130602-slug`, `/2019/4/14/`, `/03062017-amp`) or the month (`/2018/06/slug`). Such a
//! date ranks below what the text says about itself (a marker, a dateline, a `Publié le` line)
//! and the explicit metadata, and above an inference from the story and above nothing: it is
//! `published_source: "url"`. An explicit source that the URL date falls within (a month
//! marker, a URL giving the day) takes the URL's precision.

use super::dates;
use super::published::Published;
use crate::core::model::{DateMention, DateValue, Precision, PublishedSource, Span, inside_any};
use chrono::Datelike;
use regex::Regex;
use std::sync::LazyLock;

/// Confidence of a URL date: the site's own stamp, rarely wrong, but not read in the text.
const URL_CONFIDENCE: f32 = 0.8;

/// Years a news URL can carry (a wider span lets article numbers pass for dates).
const YEARS: std::ops::RangeInclusive<i32> = 1990..=2069;

/// The path of a URL: after the host, before the query and the fragment.
fn url_path(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    rest.find('/').map_or("", |i| &rest[i..])
}

/// The publication date a URL's path carries, at day or month precision.
pub fn date_in_url(url: &str) -> Option<DateValue> {
    // Separated day: `/2018/06/08/`, `/2018-06-08-slug`, `/2019/4/14/`.
    static YMD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^0-9])((?:19|20)\d{2})([/_.-])(0?[1-9]|1[0-2])[/_.-](0?[1-9]|[12]\d|3[01])(?:[^0-9]|$)")
            .expect("valid regex")
    });
    // Compact day: `20130602-slug` (year first) or `03062017-amp` (day first); the two cannot
    // both fit eight digits (a year starts 19/20, which no month is).
    static COMPACT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:^|[^0-9])(\d{8})(?:[^0-9]|$)").expect("valid regex"));
    // Month alone, between slashes: `/2018/06/slug`.
    static YM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])(?:/|$)").expect("valid regex")
    });
    let path = url_path(url);
    if let Some(c) = YMD.captures(path)
        && let Some(v) = ymd(&c[1], &c[3], &c[4])
    {
        return Some(v);
    }
    for c in COMPACT.captures_iter(path) {
        let d = &c[1];
        if let Some(v) = ymd(&d[..4], &d[4..6], &d[6..]).or_else(|| ymd(&d[4..], &d[2..4], &d[..2]))
        {
            return Some(v);
        }
    }
    let c = YM.captures(path)?;
    let y: i32 = c[1].parse().ok()?;
    if !YEARS.contains(&y) {
        return None;
    }
    DateValue::ym(y, c[2].parse().ok()?)
}

/// A day from its year, month and day digits, when it exists and the year is plausible.
fn ymd(y: &str, m: &str, d: &str) -> Option<DateValue> {
    let y: i32 = y.parse().ok()?;
    if !YEARS.contains(&y) {
        return None;
    }
    DateValue::ymd(y, m.parse().ok()?, d.parse().ok()?)
}

/// True when `inner` lies within `outer`'s period and is more precise (a day of a month).
fn refines(outer: DateValue, inner: DateValue) -> bool {
    let finer = match outer.precision {
        Precision::Year => inner.precision != Precision::Year,
        Precision::Month => inner.precision == Precision::Day,
        Precision::Day => false,
    };
    finer
        && inner.start.year() == outer.start.year()
        && (outer.precision == Precision::Year || inner.start.month() == outer.start.month())
}

/// The publication date once the URL date `url` is weighed against what detection found.
pub fn rank(found: Option<Published>, url: Option<DateValue>) -> Option<Published> {
    let Some(u) = url else { return found };
    let from_url = |warnings: Vec<String>, confidence: f32| Published {
        value: u,
        source: PublishedSource::Url,
        confidence,
        warnings,
    };
    let Some(p) = found else {
        return Some(from_url(Vec::new(), URL_CONFIDENCE));
    };
    if p.source == PublishedSource::Inferred {
        return Some(from_url(Vec::new(), URL_CONFIDENCE));
    }
    if refines(p.value, u) {
        return Some(from_url(p.warnings, p.confidence.max(URL_CONFIDENCE)));
    }
    // A marker the text already doubts (its confidence lowered) gives way to the URL.
    if p.source == PublishedSource::Marker && p.confidence < 0.9 && !refines(u, p.value) {
        let mut w = p.warnings;
        w.push(format!(
            "date marker {} contradicts the URL date {}; using the URL",
            p.value.iso(),
            u.iso()
        ));
        return Some(from_url(w, URL_CONFIDENCE));
    }
    Some(p)
}

/// The publication date and dates of a text after weighing the date in its `url`: when the
/// publication date changes, the text's dates are resolved again against the new one.
pub fn with_url_date(
    text: &str,
    furniture: &[Span],
    url: Option<&str>,
    published: Option<Published>,
    dates_found: Vec<DateMention>,
) -> (Option<Published>, Vec<DateMention>) {
    let before = published.as_ref().map(|p| p.value);
    let ranked = rank(published, url.and_then(date_in_url));
    let after = ranked.as_ref().map(|p| p.value);
    if after == before || after.is_none() {
        return (ranked, dates_found);
    }
    let mut found = dates::find_dates(text, after);
    for d in &mut found {
        d.furniture |= inside_any(furniture, d.span);
    }
    (ranked, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(url: &str) -> Option<String> {
        date_in_url(url).map(|v| v.iso())
    }

    #[test]
    fn days_in_paths() {
        let cases = [
            ("https://ex.com/monde/2018/06/08/un-titre", "2018-06-08"),
            ("https://ex.com/a/2018-06-08/un-titre", "2018-06-08"),
            ("https://ex.com/news/2019/4/14/titre", "2019-04-14"),
            ("https://ex.com/fr/monde/20130602-un-titre", "2013-06-02"),
            ("https://ex.com/english/syria/03062017-amp", "2017-06-03"),
            ("http://ex.org/2016/12/16/titre/", "2016-12-16"),
            ("https://ex.com/2018_06_08_titre.html", "2018-06-08"),
        ];
        for (url, want) in cases {
            assert_eq!(iso(url).as_deref(), Some(want), "{url}");
        }
    }

    #[test]
    fn months_in_paths() {
        assert_eq!(
            iso("https://ex.com/blog/2018/06/un-titre").as_deref(),
            Some("2018-06")
        );
        assert_eq!(iso("https://ex.com/2017-11/").as_deref(), Some("2017-11"));
    }

    #[test]
    fn no_date_in_numbers_hosts_or_queries() {
        let cases = [
            "https://ex.com/monde/531378/un-titre",
            "https://ex.com/article-105031-titre",
            "https://ex.com/titre_a180934.html",
            "https://ex.com/info/titre-1232551612",
            "https://ex.com/x/688340-5038150-5pdq38/index.html",
            "https://2018.ex.com/06/08/titre",
            "https://ex.com/titre?utm=2018-06-08",
            "https://ex.com/titre#2018/06/08",
            "https://ex.com/2018/13/40/titre",
            "https://ex.com/1850/06/08/titre",
            "https://ex.com/12345678/titre",
            "https://ex.com/annee/2018/titre",
            "",
            "pas une adresse",
            "https://é.com/€/2018",
        ];
        for url in cases {
            assert_eq!(iso(url), None, "{url}");
        }
    }

    fn found(source: PublishedSource, value: DateValue, confidence: f32) -> Option<Published> {
        Some(Published {
            value,
            source,
            confidence,
            warnings: Vec::new(),
        })
    }

    fn ymd_(y: i32, m: u32, d: u32) -> DateValue {
        DateValue::ymd(y, m, d).expect("valid day")
    }

    #[test]
    fn url_beats_inference_and_nothing() {
        let u = Some(ymd_(2018, 6, 8));
        let r = rank(None, u).expect("a date");
        assert_eq!(
            (r.value, r.source),
            (ymd_(2018, 6, 8), PublishedSource::Url)
        );
        let inferred = found(PublishedSource::Inferred, ymd_(2018, 5, 30), 0.5);
        let r = rank(inferred, u).expect("a date");
        assert_eq!(r.source, PublishedSource::Url);
        assert_eq!(rank(None, None), None);
    }

    #[test]
    fn text_evidence_beats_url() {
        let u = Some(ymd_(2018, 6, 8));
        for src in [
            PublishedSource::Dateline,
            PublishedSource::Metadata,
            PublishedSource::File,
        ] {
            let p = found(src, ymd_(2018, 6, 9), 0.9);
            assert_eq!(rank(p.clone(), u), p, "{src:?}");
        }
        // A marker nothing contradicts keeps its place against a URL of another month.
        let mk = found(
            PublishedSource::Marker,
            DateValue::ym(2018, 4).expect("m"),
            0.9,
        );
        assert_eq!(rank(mk.clone(), u), mk);
    }

    #[test]
    fn url_refines_a_coarser_source_it_agrees_with() {
        let u = Some(ymd_(2018, 4, 12));
        let mk = found(
            PublishedSource::Marker,
            DateValue::ym(2018, 4).expect("m"),
            0.9,
        );
        let r = rank(mk, u).expect("a date");
        assert_eq!(
            (r.value, r.source),
            (ymd_(2018, 4, 12), PublishedSource::Url)
        );
        assert!(r.confidence >= 0.9);
    }

    #[test]
    fn url_replaces_a_doubted_marker() {
        let u = Some(ymd_(2015, 5, 21));
        let mk = found(
            PublishedSource::Marker,
            DateValue::ym(2021, 10).expect("m"),
            0.4,
        );
        let r = rank(mk, u).expect("a date");
        assert_eq!(r.value, ymd_(2015, 5, 21));
        assert_eq!(r.warnings.len(), 1);
    }

    #[test]
    fn dates_are_resolved_again_against_the_url_date() {
        let text = "Les forces se sont retirées mardi 5 juin de la ville.";
        let (p, d) = with_url_date(
            text,
            &[],
            Some("https://ex.com/2018/06/08/titre"),
            None,
            Vec::new(),
        );
        assert_eq!(p.map(|p| p.value), Some(ymd_(2018, 6, 8)));
        assert!(d.iter().any(|m| m.value == ymd_(2018, 6, 5)), "{d:?}");
    }
}
