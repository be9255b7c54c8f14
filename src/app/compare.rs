//! Collections compared: what one collection reports in the moment that another does not.
//! Two events match when they are at the same place and start within
//! [`MATCH_DAYS`] of each other (until merged stories exist, this is what "the same event"
//! means here). Events without a place cannot be matched and are left out.

use crate::app::library::Library;
use rustc_hash::FxHashMap;

/// Days apart two reports of the same event may be dated.
pub const MATCH_DAYS: i64 = 3;

/// What the compare window asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum CompareCommand {
    /// Open the window (on the first two collections).
    Show,
    /// Close it.
    Close,
    /// Choose the collection whose reports are listed.
    SetA(u32),
    /// Choose the collection they are checked against.
    SetB(u32),
    /// Swap the two.
    Swap,
}

/// The compare window's state and its cached result.
#[derive(Debug, Clone, PartialEq)]
pub struct Compare {
    /// Collection listed.
    pub a: u32,
    /// Collection checked against.
    pub b: u32,
    /// Event rows of the moment in `a` with no match in `b`, by date.
    pub only_in_a: Vec<u32>,
    /// Placed events of the moment in `a`.
    pub placed_in_a: usize,
    /// What the result was computed for: (corpus generation, moment generation, a, b).
    pub key: Option<(u64, u64, u32, u32)>,
}

impl Compare {
    /// A comparison of `a` against `b`, computed at the next [`Compare::refresh`].
    pub fn new(a: u32, b: u32) -> Self {
        Compare {
            a,
            b,
            only_in_a: Vec::new(),
            placed_in_a: 0,
            key: None,
        }
    }

    /// Recomputes when the data, the moment or the pair changed.
    pub fn refresh(&mut self, library: &Library, moment_rows: &[u32], moment_generation: u64) {
        let key = (library.generation, moment_generation, self.a, self.b);
        if self.key == Some(key) {
            return;
        }
        self.key = Some(key);
        let in_a: Vec<u32> = moment_rows
            .iter()
            .copied()
            .filter(|&r| {
                let e = &library.events[r as usize];
                e.collection == self.a && e.place.is_some()
            })
            .collect();
        self.placed_in_a = in_a.len();
        self.only_in_a = unmatched(library, &in_a, self.b, MATCH_DAYS);
    }
}

/// The rows of `rows` with no event of collection `other` at the same place within
/// `tolerance` days, sorted by date.
pub fn unmatched(library: &Library, rows: &[u32], other: u32, tolerance: i64) -> Vec<u32> {
    // Start days of `other`'s events by place, sorted: one binary search per row.
    let mut by_place: FxHashMap<u32, Vec<i64>> = FxHashMap::default();
    for e in library.events.iter().filter(|e| e.collection == other) {
        if let Some(p) = e.place {
            by_place
                .entry(p)
                .or_default()
                .push(e.start.num_days_from_ce() as i64);
        }
    }
    for days in by_place.values_mut() {
        days.sort_unstable();
    }
    let mut out: Vec<u32> = rows
        .iter()
        .copied()
        .filter(|&r| {
            let e = &library.events[r as usize];
            let Some(days) = e.place.and_then(|p| by_place.get(&p)) else {
                return true;
            };
            let d = e.start.num_days_from_ce() as i64;
            let i = days.partition_point(|&x| x < d - tolerance);
            days.get(i).is_none_or(|&x| x > d + tolerance)
        })
        .collect();
    out.sort_by_key(|&r| library.events[r as usize].start);
    out
}

use chrono::Datelike as _;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::synthetic::synthetic_articles;

    #[test]
    fn only_events_without_a_report_nearby_in_the_other_collection_are_listed() {
        let mut lib = Library::default();
        let a = lib.add_collection("a".into(), vec![], false);
        let b = lib.add_collection("b".into(), vec![], false);
        let arts = synthetic_articles(200, 3, 12, 5);
        for (i, art) in arts.into_iter().enumerate() {
            lib.push_article(if i % 2 == 0 { a } else { b }, art);
        }
        lib.refresh();
        let rows_a: Vec<u32> = (0..lib.events.len() as u32)
            .filter(|&r| {
                lib.events[r as usize].collection == a && lib.events[r as usize].place.is_some()
            })
            .collect();
        let only = unmatched(&lib, &rows_a, b, MATCH_DAYS);
        // Checked the slow way: no event of b at the place within the tolerance.
        for &r in &rows_a {
            let e = &lib.events[r as usize];
            let matched = lib.events.iter().any(|o| {
                o.collection == b
                    && o.place == e.place
                    && (o.start - e.start).num_days().abs() <= MATCH_DAYS
            });
            assert_eq!(only.contains(&r), !matched, "row {r}");
        }
        assert!(
            !only.is_empty() && only.len() < rows_a.len(),
            "{} of {}",
            only.len(),
            rows_a.len()
        );
        // Against itself, everything matches.
        assert!(unmatched(&lib, &rows_a, a, 0).is_empty());
    }
}
