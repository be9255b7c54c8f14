//! The publication date of an article: marker, dateline, metadata, file name or inference.
//!
//! Order of evidence:
//! 1. a leading ` date YYYY-MM` marker, refined to the day by a dateline of the same month;
//!    a marker that a dateline of the text contradicts (a `Publié le …` line, a short dateline,
//!    an update line older than the marker) or that a weekday + day + month puts in another
//!    year is replaced by the text's date (source `dateline` or `inferred`, with a warning);
//!    a marker only doubted (explicit dates all much older) keeps its place with a lower
//!    confidence and a warning;
//! 2. a `Publié le …` / `Mis à jour le …` line;
//! 3. HTML metadata (`article:published_time`, `datePublished`);
//! 4. a short dateline (`Le Monde, 5 mars 2019`, `lundi 3 février 2020`, `(©AFP / 12 avril
//!    2018 08h03)`) near the head of the text or in an agency credit;
//! 5. a date in the file name (`2018-06-08`, `20180608`);
//! 6. inferred: a weekday + day + month that fixes the year near the other explicit years
//!    (month precision: the article may precede that day), else the latest explicit full date;
//! 7. inferred from a past date the text calls recent (`le 8 décembre dernier`: that month;
//!    `en décembre dernier`: the year after the month is over), its year taken from the years
//!    the text states.
//!
//! Never the file's modification time.

mod dateline;

use super::marker::parse_marker;
use crate::core::extract::dates::{self, WeekdayDate};
use crate::core::extract::furniture;
use crate::core::model::{
    DateKind, DateMention, DateValue, Precision, PublishedSource, Span, inside_any,
};
use crate::core::text::ends_with_caseless;
use chrono::{Datelike, NaiveDate};
use dateline::{Strength, best_dateline};
use regex::Regex;
use std::sync::LazyLock;

/// The publication date found for an article, with how it was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    /// The date.
    pub value: DateValue,
    /// Where it came from.
    pub source: PublishedSource,
    /// 0..1.
    pub confidence: f32,
    /// Problems noticed (e.g. a marker the text contradicts).
    pub warnings: Vec<String>,
}

/// Finds the publication date of `text` (file name and HTML metadata help when present).
pub fn detect(text: &str, file_name: &str, meta_published: Option<&str>) -> Option<Published> {
    let furn = furniture::furniture_ranges(text);
    detect_with_dates(text, file_name, meta_published, &furn).0
}

/// The publication date and every temporal expression resolved against it, from a single
/// tokenization of `text`; `furniture` is `furniture::furniture_ranges(text)` (mentions inside
/// it come back flagged). What the pipeline calls: cheaper than `detect` + `find_dates`.
pub fn detect_with_dates(
    text: &str,
    file_name: &str,
    meta_published: Option<&str>,
    furniture: &[Span],
) -> (Option<Published>, Vec<DateMention>) {
    let toks = dates::Tokens::new(text);
    let mut published = detect_in(text, &toks, file_name, meta_published, furniture);
    let mut found = match &published {
        Some(p) => toks.find_dates(text, Some(p.value)),
        None => {
            // No publication date: resolve `le 8 décembre dernier` in the year the text stated
            // last before it, else in the year of the latest month or day the text names, but
            // keep relative words and weekdays out (a year is too coarse to date an event).
            let y = fallback_year(text, &toks, furniture);
            let mut f = toks.find_dates_in_stated_years(text, y);
            f.retain(|d| d.kind == DateKind::Explicit);
            // The dates stay resolved in the stated years: the inferred date is too loose a
            // reference for weekdays, and `décembre dernier` would move into its own year.
            published = infer_after_recent_past(&f, furniture);
            f
        }
    };
    for d in &mut found {
        d.furniture |= inside_any(furniture, d.span);
    }
    (published, found)
}

/// The mention follows `depuis` (`depuis 2011`, `depuis le 9 octobre`).
fn after_depuis(text: &str, span: Span) -> bool {
    ends_with_caseless(text.get(..span.start).unwrap_or("").trim_end(), "depuis")
}

/// The year of the latest explicit month or day in the story (not furniture, not the `depuis`
/// of a long-running conflict): a year-precision stand-in reference for undated articles.
fn fallback_year(text: &str, toks: &dates::Tokens, furn: &[Span]) -> Option<DateValue> {
    let (mentions, _) = toks.explicit_and_weekday_dates(text);
    let y = mentions
        .iter()
        .filter(|m| m.kind == DateKind::Explicit && m.value.precision != Precision::Year)
        .filter(|m| !inside_any(furn, m.span))
        .filter(|m| !after_depuis(text, m.span))
        .map(|m| m.end.unwrap_or(m.value).start.year())
        .max()?;
    DateValue::y(y)
}

/// The publication date from the evidence, strongest first (see the module docs).
fn detect_in(
    text: &str,
    toks: &dates::Tokens,
    file_name: &str,
    meta_published: Option<&str>,
    furn: &[Span],
) -> Option<Published> {
    let marker = parse_marker(text);
    let in_furn = |s: Span| inside_any(furn, s);
    let (mut mentions, mut weekdays) = toks.explicit_and_weekday_dates(text);
    mentions.retain(|m| m.kind == DateKind::Explicit && !in_furn(m.span));
    weekdays.retain(|w| !in_furn(w.span));
    let dateline = best_dateline(text, &mentions);

    if let Some(mk) = marker {
        return marker_refined_by_dateline(mk, dateline)
            .or_else(|| marker_checked_against_text(text, mk, &mentions, &weekdays));
    }
    if let Some((d, Strength::Published)) = dateline {
        return Some(Published::plain(d, PublishedSource::Dateline, 0.9));
    }
    if let Some(v) = meta_published.and_then(parse_meta) {
        return Some(Published::plain(v, PublishedSource::Metadata, 0.9));
    }
    if let Some((d, _)) = dateline {
        return Some(Published::plain(d, PublishedSource::Dateline, 0.8));
    }
    if let Some(v) = date_in_file_name(file_name) {
        return Some(Published::plain(v, PublishedSource::File, 0.8));
    }
    infer(text, &mentions, &weekdays)
}

impl Published {
    /// A date found with no problem to report.
    fn plain(value: DateValue, source: PublishedSource, confidence: f32) -> Self {
        Self {
            value,
            source,
            confidence,
            warnings: Vec::new(),
        }
    }
}

/// The marker `mk` and the dateline: a dateline of the marker's month (or year, for a year
/// marker) refines it to the day. A publication line or a short dateline of another month
/// replaces it, and so does an update line older than the marker (an article is not updated
/// before it is published), each with a warning: the text, not the marker, is what the article
/// says of itself.
fn marker_refined_by_dateline(
    mk: DateValue,
    dateline: Option<(DateValue, Strength)>,
) -> Option<Published> {
    let (d, strength) = dateline?;
    if d.start.year() == mk.start.year()
        && (mk.precision == Precision::Year || d.start.month() == mk.start.month())
    {
        return Some(Published::plain(d, PublishedSource::Dateline, 0.95));
    }
    let (what, confidence) = match strength {
        Strength::Published => ("the publication line", 0.7),
        Strength::Short => ("the dateline", 0.65),
        Strength::Updated if d.start < mk.start => ("the update line", 0.6),
        Strength::Updated => return None,
    };
    let warning = format!(
        "date marker {} contradicts {what} ({}); using the {}",
        mk.iso(),
        d.iso(),
        what.trim_start_matches("the ")
    );
    Some(Published {
        value: d,
        source: PublishedSource::Dateline,
        confidence,
        warnings: vec![warning],
    })
}

/// The marker `mk` checked against the text: a weekday that fixes a clearly older year
/// replaces it (with a warning); explicit dates much older than the marker, or a weekday that
/// does not fit its year, lower its confidence (with warnings).
fn marker_checked_against_text(
    text: &str,
    mk: DateValue,
    mentions: &[DateMention],
    weekdays: &[WeekdayDate],
) -> Option<Published> {
    let mut warnings = Vec::new();
    let years: Vec<i32> = mentions
        .iter()
        .map(|m| m.end.unwrap_or(m.value).start.year())
        .collect();
    let max_year = years.iter().copied().max();
    if let Some((w, y, maxy)) = weekday_of_older_year(mk, weekdays, &years, max_year) {
        warnings.push(format!(
            "date marker {} contradicts the text: '{}' fixes the year {} and no explicit date is later than {}; using the text",
            mk.iso(),
            &text[w.span.start..w.span.end],
            y,
            maxy
        ));
        return Some(Published {
            value: DateValue::ym(y, w.month)?,
            source: PublishedSource::Inferred,
            confidence: 0.6,
            warnings,
        });
    }
    let mut confidence = 0.9;
    if let Some(maxy) = max_year
        && maxy + 4 <= mk.start.year()
    {
        confidence = 0.4;
        warnings.push(format!(
                "date marker {} may be wrong: the latest explicit date in the text is from {} ({} years earlier)",
                mk.iso(),
                maxy,
                mk.start.year() - maxy
            ));
    }
    if let Some(w) = weekdays
        .iter()
        .find(|w| !weekday_fits_year(w, nearest_year(w, mk)))
    {
        confidence = f32::min(confidence, 0.6);
        warnings.push(format!(
            "date marker {} contradicts '{}' (wrong weekday for that year)",
            mk.iso(),
            &text[w.span.start..w.span.end]
        ));
    }
    Some(Published {
        value: mk,
        source: PublishedSource::Marker,
        confidence,
        warnings,
    })
}

/// The first weekday that does not fit the marker `mk` and fixes a year near the explicit
/// `years` of a clearly older text (latest `max_year`): the weekday, that year and `max_year`.
fn weekday_of_older_year<'w>(
    mk: DateValue,
    weekdays: &'w [WeekdayDate],
    years: &[i32],
    max_year: Option<i32>,
) -> Option<(&'w WeekdayDate, i32, i32)> {
    for w in weekdays {
        if weekday_fits_year(w, nearest_year(w, mk)) {
            continue;
        }
        let Some(maxy) = max_year else { continue };
        // Only a clearly older text (the 2021 markers on 2015 stories) overrides the marker;
        // a typo in a weekday of a recent story must not.
        if maxy + 3 > mk.start.year() {
            continue;
        }
        if let Some(y) = weekday_year(w, years) {
            return Some((w, y, maxy));
        }
    }
    None
}

/// Inference from the text alone.
fn infer(text: &str, mentions: &[DateMention], weekdays: &[WeekdayDate]) -> Option<Published> {
    // `depuis 2011` (the start of a long war) says nothing about when the article was written.
    let years: Vec<i32> = mentions
        .iter()
        .filter(|m| !after_depuis(text, m.span))
        .flat_map(|m| [Some(m.value), m.end])
        .flatten()
        .map(|v| v.start.year())
        .collect();
    for w in weekdays {
        if let Some(y) = weekday_year(w, &years) {
            return Some(Published {
                value: DateValue::ym(y, w.month)?,
                source: PublishedSource::Inferred,
                confidence: 0.6,
                warnings: Vec::new(),
            });
        }
    }
    let latest = mentions
        .iter()
        .filter(|m| m.value.precision == Precision::Day)
        .map(|m| m.value)
        .max()?;
    Some(Published {
        value: latest,
        source: PublishedSource::Inferred,
        confidence: 0.5,
        warnings: Vec::new(),
    })
}

/// Inference from the latest date the text calls recent (`le 8 décembre dernier`, `en décembre
/// dernier`), resolved in the years the text states: the article follows it within the year.
/// A day gives its month (news of `le 8 décembre dernier` is usually days old); a month gives
/// the year in which it is over (`décembre dernier`: the next year). Low confidence.
fn infer_after_recent_past(found: &[DateMention], furn: &[Span]) -> Option<Published> {
    let latest = found
        .iter()
        .filter(|m| m.kind == DateKind::Explicit && m.end.is_none())
        .filter(|m| !inside_any(furn, m.span) && qualified_as_last(&m.text))
        .map(|m| m.value)
        .max()?;
    let value = match latest.precision {
        Precision::Day => DateValue::ym(latest.start.year(), latest.start.month())?,
        Precision::Month => {
            let after = latest.start.checked_add_months(chrono::Months::new(1))?;
            DateValue::y(after.year())?
        }
        Precision::Year => return None,
    };
    Some(Published {
        value,
        source: PublishedSource::Inferred,
        confidence: 0.4,
        warnings: Vec::new(),
    })
}

/// `décembre dernier`, `le 8 décembre dernier`: a past date named by its distance from the
/// day of writing (not `la semaine dernière`, which is relative and kept out).
fn qualified_as_last(mention: &str) -> bool {
    let t = mention.trim_end().to_lowercase();
    ["dernier", "dernière", "derniere"]
        .iter()
        .any(|w| t.ends_with(w))
}

/// The year that puts `day month` nearest to the middle of the marker's period.
fn nearest_year(w: &WeekdayDate, mk: DateValue) -> i32 {
    let y = mk.start.year();
    let anchor = match mk.precision {
        Precision::Day => mk.start,
        Precision::Month => mk.start.with_day(15).unwrap_or(mk.start),
        Precision::Year => mk.start.with_month(7).unwrap_or(mk.start),
    };
    (y - 1..=y + 1)
        .filter_map(|yy| {
            NaiveDate::from_ymd_opt(yy, w.month, w.day).map(|d| (yy, (d - anchor).num_days().abs()))
        })
        .min_by_key(|(_, dist)| *dist)
        .map(|(yy, _)| yy)
        .unwrap_or(y)
}

fn weekday_fits_year(w: &WeekdayDate, y: i32) -> bool {
    NaiveDate::from_ymd_opt(y, w.month, w.day)
        .is_some_and(|d| d.weekday().num_days_from_monday() == w.weekday as u32)
}

/// The year that makes `weekday day month` true, close to the explicit years of the text:
/// preferably at or just after the latest of them (an article postdates what it recalls).
fn weekday_year(w: &WeekdayDate, years: &[i32]) -> Option<i32> {
    let (lo, hi) = (*years.iter().min()?, *years.iter().max()?);
    (lo - 2..=hi + 4)
        .filter(|y| weekday_fits_year(w, *y))
        .min_by_key(|y| {
            if *y >= hi {
                (*y - hi) * 2
            } else {
                (hi - *y) * 3 + 1
            }
        })
}

/// `2018-03-12T10:05:00+01:00`, `2018-03-12`, or a French date.
fn parse_meta(s: &str) -> Option<DateValue> {
    static ISO: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?").expect("valid regex"));
    if let Some(c) = ISO.captures(s) {
        let y: i32 = c[1].parse().ok()?;
        let m: u32 = c[2].parse().ok()?;
        return match c.get(3) {
            Some(d) => DateValue::ymd(y, m, d.as_str().parse().ok()?),
            None => DateValue::ym(y, m),
        };
    }
    dates::find_dates(s, None)
        .into_iter()
        .find(|m| m.kind == DateKind::Explicit)
        .map(|m| m.value)
}

/// A date in a file name: `2018-06-08`, `2018_06_08`, `20180608`, `08-06-2018`.
pub fn date_in_file_name(name: &str) -> Option<DateValue> {
    static YMD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^0-9])((?:19|20)\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?:[^0-9]|$)").expect("valid regex")
    });
    static DMY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^0-9])(0[1-9]|[12]\d|3[01])[-_.](0[1-9]|1[0-2])[-_.]((?:19|20)\d{2})(?:[^0-9]|$)").expect("valid regex")
    });
    if let Some(c) = YMD.captures(name)
        && let Some(v) = DateValue::ymd(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
    {
        return Some(v);
    }
    let c = DMY.captures(name)?;
    DateValue::ymd(c[3].parse().ok()?, c[2].parse().ok()?, c[1].parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        assert_eq!(
            date_in_file_name("2018-06-08-newsbrief.txt").unwrap().iso(),
            "2018-06-08"
        );
        assert_eq!(
            date_in_file_name("article_20180608.html").unwrap().iso(),
            "2018-06-08"
        );
        assert_eq!(
            date_in_file_name("x-08-06-2018.txt").unwrap().iso(),
            "2018-06-08"
        );
        assert_eq!(date_in_file_name("000_dc075c6f9cdc61a3.txt"), None);
        assert_eq!(date_in_file_name("id-1234567890.txt"), None);
    }

    #[test]
    fn weekday_year_prefers_after_latest() {
        let w = WeekdayDate {
            span: Span::new(0, 1),
            weekday: 3,
            day: 14,
            month: 2,
        };
        assert_eq!(weekday_year(&w, &[2011, 2017]), Some(2019));
    }

    #[test]
    fn marker_parse() {
        assert_eq!(
            parse_marker(" date 2017-09 Après").unwrap().iso(),
            "2017-09"
        );
        assert_eq!(parse_marker("Après"), None);
    }
}
