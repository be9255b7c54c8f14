//! Whoever opens data sees data: when a folder opened in this session finishes loading and the
//! time window holds none of its dates, the cursor goes to the folder's busiest week (the
//! latest one on a tie) and the map fits the new moment. A restored session, `--at` and a
//! cursor the user moves while the folder loads keep their cursor.

use crate::app::state::AppState;
use crate::app::time_control::Clock;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// Handles the collections waiting to be revealed whose load has finished (once the library
/// holds all their articles).
pub fn reveal_finished_loads(st: &mut AppState) {
    if st.rt.view.reveal.is_empty() || st.rt.library.is_dirty() {
        return;
    }
    let loading: Vec<u32> = st
        .rt
        .loading
        .loader
        .jobs
        .iter()
        .map(|j| j.collection)
        .collect();
    let (done, waiting): (Vec<u32>, Vec<u32>) = std::mem::take(&mut st.rt.view.reveal)
        .into_iter()
        .partition(|c| !loading.contains(c));
    st.rt.view.reveal = waiting;
    for c in done {
        reveal(st, c);
    }
}

/// Moves the cursor to collection `c`'s data if its window shows none of it.
fn reveal(st: &mut AppState, c: u32) {
    if st.rt.view.cursor_pinned {
        return;
    }
    let dates = collection_dates(st, c);
    if dates.is_empty() {
        return;
    }
    let (from, to) = st.time.window_range();
    if dates.iter().any(|&(a, b)| a <= to && b >= from) {
        return;
    }
    if let Some(d) = busiest_week(&dates) {
        st.time.cursor = st.time.bounds.map_or(d, |(lo, hi)| d.clamp(lo, hi));
        st.rt.view.fit_requested = true;
    }
}

/// The date intervals of collection `c` on the current clock: its events' on event time, its
/// articles' publication dates on published time.
fn collection_dates(st: &AppState, c: u32) -> Vec<(NaiveDate, NaiveDate)> {
    let lib = &st.rt.library;
    match st.time.clock {
        Clock::EventTime => lib
            .events
            .iter()
            .filter(|e| e.collection == c)
            .map(|e| (e.start, e.end))
            .collect(),
        Clock::PublishedTime => lib
            .articles
            .iter()
            .filter(|a| a.collection == c)
            .filter_map(|a| a.article.published)
            .map(|p| (p.start, p.end()))
            .collect(),
    }
}

/// The middle (Thursday) of the ISO week where most intervals start, the latest such week on
/// a tie; `None` without intervals.
pub fn busiest_week(dates: &[(NaiveDate, NaiveDate)]) -> Option<NaiveDate> {
    let mut weeks: HashMap<NaiveDate, usize> = HashMap::new();
    for &(start, _) in dates {
        let monday = start - chrono::Duration::days(start.weekday().num_days_from_monday() as i64);
        *weeks.entry(monday).or_default() += 1;
    }
    let (monday, _) = weeks.into_iter().max_by_key(|&(w, n)| (n, w))?;
    Some(monday + chrono::Duration::days(3))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_busiest_week_wins_and_the_latest_on_a_tie() {
        let one = |x| (x, x);
        let dates = [
            one(d(2018, 3, 5)),
            one(d(2018, 3, 6)),
            one(d(2019, 9, 2)),
            one(d(2019, 9, 4)),
            one(d(2017, 1, 1)),
        ];
        // Two weeks hold two dates each: the later one (2019-09-02..08) wins, at its Thursday.
        assert_eq!(busiest_week(&dates), Some(d(2019, 9, 5)));
        assert_eq!(busiest_week(&dates[..3]), Some(d(2018, 3, 8)));
        assert_eq!(busiest_week(&[]), None);
    }
}
