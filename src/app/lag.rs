//! Reporting lag: how long after an event its article was published (publication date minus
//! event date, in days). Only day-precise dates on both sides count; an article published
//! before its event announced it ahead (a scheduled meeting) and is counted apart.

use crate::app::library::Library;
use crate::core::model::{DateValue, Precision};

/// The lags of a set of events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LagSummary {
    /// Events reported on or after their day.
    pub count: usize,
    /// Median lag of those, in days.
    pub median: i64,
    /// 90th percentile, in days.
    pub p90: i64,
    /// Events announced before their day.
    pub ahead: usize,
}

/// Publication minus event date in days, when both are known to the day.
pub fn lag_between(published: Option<DateValue>, event: DateValue) -> Option<i64> {
    let p = published.filter(|p| p.precision == Precision::Day)?;
    (event.precision == Precision::Day).then(|| (p.start - event.start).num_days())
}

/// How an event's reporting reads: "reported the same day", "reported 3 days later",
/// "announced 2 days ahead".
pub fn lag_phrase(days: i64) -> String {
    match days {
        0 => "reported the same day".into(),
        d if d > 0 => format!("reported {} later", days_label(d)),
        d => format!("announced {} ahead", days_label(-d)),
    }
}

/// The lag of one event row, when both its date and its article's are known to the day.
pub fn event_lag_days(library: &Library, row: u32) -> Option<i64> {
    library.events.get(row as usize)?.lag_days.map(i64::from)
}

/// Summarises the lags of `rows`, using `scratch` (reused between calls) to avoid allocating.
pub fn summarize(library: &Library, rows: &[u32], scratch: &mut Vec<i64>) -> Option<LagSummary> {
    scratch.clear();
    let mut ahead = 0;
    for &r in rows {
        match event_lag_days(library, r) {
            Some(l) if l < 0 => ahead += 1,
            Some(l) => scratch.push(l),
            None => {}
        }
    }
    if scratch.is_empty() {
        return None;
    }
    let count = scratch.len();
    let mut nth = |q: f64| {
        let i = (((count - 1) as f64) * q).round() as usize;
        *scratch.select_nth_unstable(i).1
    };
    let median = nth(0.5);
    let p90 = nth(0.9);
    Some(LagSummary {
        count,
        median,
        p90,
        ahead,
    })
}

/// "same day", "1 day", "12 days".
pub fn days_label(d: i64) -> String {
    match d {
        0 => "same day".into(),
        1 => "1 day".into(),
        n => format!("{n} days"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::synthetic::synthetic_articles;

    /// The lags of `rows` the slow way: every event, from its article's own dates.
    fn naive(lib: &Library, rows: &[u32]) -> (Vec<i64>, usize) {
        let mut lags = Vec::new();
        let mut ahead = 0;
        for &r in rows {
            let row = &lib.events[r as usize];
            let a = &lib.articles[row.article as usize].article;
            let e = &a.events[row.event as usize];
            let (Some(p), false) = (a.published, row.imprecise) else {
                continue;
            };
            if p.precision != Precision::Day || e.date.precision != Precision::Day {
                continue;
            }
            let l = (p.start - e.date.start).num_days();
            if l < 0 {
                ahead += 1;
            } else {
                lags.push(l);
            }
        }
        lags.sort_unstable();
        (lags, ahead)
    }

    #[test]
    fn the_summary_is_the_sorted_lags_median_and_90th_percentile() {
        let mut lib = Library::default();
        let c = lib.add_collection("c".into(), vec![], false);
        for a in synthetic_articles(400, 3, 30, 11) {
            lib.push_article(c, a);
        }
        lib.refresh();
        let rows: Vec<u32> = (0..lib.events.len() as u32).collect();
        let (sorted, ahead) = naive(&lib, &rows);
        assert!(sorted.len() > 50, "the synthetic corpus has lags");
        let at = |q: f64| sorted[(((sorted.len() - 1) as f64) * q).round() as usize];
        let s = summarize(&lib, &rows, &mut Vec::new()).expect("lags");
        assert_eq!(
            s,
            LagSummary {
                count: sorted.len(),
                median: at(0.5),
                p90: at(0.9),
                ahead
            }
        );
        assert_eq!(summarize(&lib, &[], &mut Vec::new()), None);
        assert_eq!(days_label(0), "same day");
        assert_eq!(days_label(12), "12 days");
        let day = |d| DateValue::ymd(2019, 2, d);
        assert_eq!(lag_between(day(14), day(11).unwrap()), Some(3));
        assert_eq!(lag_between(DateValue::ym(2019, 2), day(11).unwrap()), None);
        assert_eq!(lag_between(day(14), DateValue::ym(2019, 2).unwrap()), None);
        assert_eq!(lag_phrase(3), "reported 3 days later");
        assert_eq!(lag_phrase(-1), "announced 1 day ahead");
        assert_eq!(lag_phrase(0), "reported the same day");
    }
}
