//! The time index: items (events or articles) by date interval, with range queries and
//! histograms cheap enough to run every frame.

use chrono::{Datelike, Months, NaiveDate};

/// Days since 1970-01-01 (negative before).
pub fn day_number(d: NaiveDate) -> i32 {
    (d - NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid epoch")).num_days() as i32
}

/// The date of a day number.
pub fn from_day_number(n: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid epoch") + chrono::Duration::days(n as i64)
}

/// Histogram bucket sizes, following the zoom of the time axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Bucket {
    /// One bucket a day.
    Day,
    /// Monday-based weeks.
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

impl Bucket {
    /// The first day of the bucket containing `d`.
    pub fn floor(&self, d: NaiveDate) -> NaiveDate {
        match self {
            Bucket::Day => d,
            Bucket::Week => d - chrono::Duration::days(d.weekday().num_days_from_monday() as i64),
            Bucket::Month => d.with_day(1).unwrap_or(d),
            Bucket::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d),
        }
    }
    /// The first day of the next bucket after the one starting at `d`.
    pub fn next(&self, d: NaiveDate) -> NaiveDate {
        match self {
            Bucket::Day => d.succ_opt().unwrap_or(d),
            Bucket::Week => d + chrono::Duration::days(7),
            Bucket::Month => d.checked_add_months(Months::new(1)).unwrap_or(d),
            Bucket::Year => d.checked_add_months(Months::new(12)).unwrap_or(d),
        }
    }
    /// The bucket size that gives at most about `max_buckets` buckets over `days` days.
    pub fn for_span(days: i64, max_buckets: i64) -> Bucket {
        let max_buckets = max_buckets.max(1);
        if days <= max_buckets {
            Bucket::Day
        } else if days / 7 <= max_buckets {
            Bucket::Week
        } else if days / 30 <= max_buckets {
            Bucket::Month
        } else {
            Bucket::Year
        }
    }
}

/// One histogram bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BucketCount {
    /// First day of the bucket.
    pub start: NaiveDate,
    /// First day of the next bucket.
    pub end: NaiveDate,
    /// Items starting in the bucket.
    pub count: u32,
}

/// Items (by caller index) sorted by start day, with a per-day prefix count for O(buckets)
/// histograms.
#[derive(Debug, Clone, Default)]
pub struct TimeIndex {
    /// (start day, end day inclusive, caller index), sorted by start.
    items: Vec<(i32, i32, u32)>,
    /// Longest item in days, to bound range scans.
    max_len: i32,
    /// First day covered by `prefix`.
    first_day: i32,
    /// `prefix[i]` = number of items starting before `first_day + i`.
    prefix: Vec<u32>,
}

impl TimeIndex {
    /// Builds the index from inclusive day intervals; item `i` of the input keeps index `i`.
    pub fn build(intervals: impl IntoIterator<Item = (NaiveDate, NaiveDate)>) -> Self {
        let mut index = Self::default();
        index.extend(intervals);
        index
    }

    /// Adds intervals after those already indexed (item `i` of the input gets index
    /// `len() + i`): the same index as building from all of them, for the cost of sorting the
    /// new ones and one merge, so a corpus that grows need not sort everything again.
    pub fn extend(&mut self, intervals: impl IntoIterator<Item = (NaiveDate, NaiveDate)>) {
        let base = self.items.len();
        let mut new: Vec<(i32, i32, u32)> = intervals
            .into_iter()
            .enumerate()
            .map(|(i, (a, b))| {
                let (a, b) = (day_number(a), day_number(b));
                (a, b.max(a), (base + i) as u32)
            })
            .collect();
        if new.is_empty() {
            return;
        }
        new.sort_unstable();
        self.max_len = new
            .iter()
            .map(|(a, b, _)| b - a)
            .fold(self.max_len, i32::max);
        // Merged from the back in place: new items have larger indexes, so on equal days the
        // old ones stay first, as a full sort would leave them.
        let (mut i, mut j) = (base, new.len());
        self.items.resize(base + new.len(), (0, 0, 0));
        while j > 0 {
            let w = i + j - 1;
            if i > 0 && self.items[i - 1] > new[j - 1] {
                self.items[w] = self.items[i - 1];
                i -= 1;
            } else {
                self.items[w] = new[j - 1];
                j -= 1;
            }
        }
        let (first, last) = (self.items[0].0, self.items[self.items.len() - 1].0);
        let n = (last - first + 2) as usize;
        let mut prefix = vec![0u32; n];
        for (a, _, _) in &self.items {
            prefix[(a - first + 1) as usize] += 1;
        }
        for i in 1..n {
            prefix[i] += prefix[i - 1];
        }
        self.first_day = first;
        self.prefix = prefix;
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when there is nothing indexed.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Earliest start and latest end of all items.
    pub fn extent(&self) -> Option<(NaiveDate, NaiveDate)> {
        let first = self.items.first()?.0;
        let last = self.items.iter().map(|i| i.1).max()?;
        Some((from_day_number(first), from_day_number(last)))
    }

    /// Calls `f` with the index of every item whose interval overlaps `[from, to]`.
    pub fn for_each_overlapping(&self, from: NaiveDate, to: NaiveDate, mut f: impl FnMut(usize)) {
        let (a, b) = (day_number(from), day_number(to));
        let lo = self
            .items
            .partition_point(|it| it.0 < a.saturating_sub(self.max_len));
        for it in &self.items[lo..] {
            if it.0 > b {
                break;
            }
            if it.1 >= a {
                f(it.2 as usize);
            }
        }
    }

    /// Indices of the items overlapping `[from, to]`, in start order.
    pub fn query(&self, from: NaiveDate, to: NaiveDate) -> Vec<usize> {
        let mut out = Vec::new();
        self.for_each_overlapping(from, to, |i| out.push(i));
        out
    }

    fn starts_before(&self, day: i32) -> u32 {
        if self.prefix.is_empty() {
            return 0;
        }
        let i = (day - self.first_day).clamp(0, self.prefix.len() as i32 - 1);
        self.prefix[i as usize]
    }

    /// Histogram of item starts over `[from, to)` in buckets of `bucket`.
    pub fn histogram(&self, from: NaiveDate, to: NaiveDate, bucket: Bucket) -> Vec<BucketCount> {
        let mut out = Vec::new();
        let mut d = bucket.floor(from);
        while d < to {
            let next = bucket.next(d);
            if next <= d {
                break;
            }
            let count = self.starts_before(day_number(next)) - self.starts_before(day_number(d));
            out.push(BucketCount {
                start: d,
                end: next,
                count,
            });
            d = next;
        }
        out
    }

    /// Histogram counting only the items for which `keep(index)` is true (filters).
    pub fn histogram_filtered(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        bucket: Bucket,
        keep: impl Fn(usize) -> bool,
    ) -> Vec<BucketCount> {
        let mut out = self.histogram(from, to, bucket);
        for b in &mut out {
            b.count = 0;
        }
        if out.is_empty() {
            return out;
        }
        let (a, z) = (day_number(out[0].start), day_number(to));
        let lo = self.items.partition_point(|it| it.0 < a);
        let mut bi = 0;
        for it in &self.items[lo..] {
            if it.0 >= z {
                break;
            }
            if !keep(it.2 as usize) {
                continue;
            }
            while bi + 1 < out.len() && day_number(out[bi].end) <= it.0 {
                bi += 1;
            }
            out[bi].count += 1;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn month_span_overlaps_a_day_inside_it() {
        let idx = TimeIndex::build([
            (d(2019, 2, 1), d(2019, 2, 28)),
            (d(2017, 9, 28), d(2017, 9, 28)),
        ]);
        assert_eq!(idx.query(d(2019, 2, 14), d(2019, 2, 14)), vec![0]);
        assert_eq!(
            idx.query(d(2017, 9, 1), d(2017, 9, 27)),
            Vec::<usize>::new()
        );
        assert_eq!(idx.query(d(2017, 1, 1), d(2019, 12, 31)), vec![1, 0]);
    }

    #[test]
    fn extending_gives_the_index_built_from_everything() {
        let all: Vec<(NaiveDate, NaiveDate)> = (0..200u32)
            .map(|i| {
                let start = d(2019, 1 + (i * 7) % 12, 1 + (i * 13) % 28);
                (start, start + chrono::Duration::days(((i * 5) % 40) as i64))
            })
            .collect();
        let built = TimeIndex::build(all.iter().copied());
        let mut grown = TimeIndex::default();
        for part in [&all[..0], &all[..70], &all[70..71], &all[71..]] {
            grown.extend(part.iter().copied());
        }
        assert_eq!(grown.items, built.items);
        assert_eq!(grown.max_len, built.max_len);
        assert_eq!(grown.first_day, built.first_day);
        assert_eq!(grown.prefix, built.prefix);
        assert_eq!(
            grown.query(d(2019, 3, 1), d(2019, 3, 31)),
            built.query(d(2019, 3, 1), d(2019, 3, 31))
        );
    }

    #[test]
    fn histogram_counts_starts_per_month() {
        let idx = TimeIndex::build([
            (d(2019, 2, 1), d(2019, 2, 28)),
            (d(2019, 2, 14), d(2019, 2, 14)),
            (d(2019, 4, 3), d(2019, 4, 3)),
        ]);
        let h = idx.histogram(d(2019, 1, 15), d(2019, 5, 1), Bucket::Month);
        let counts: Vec<u32> = h.iter().map(|b| b.count).collect();
        assert_eq!(counts, vec![0, 2, 0, 1]);
        assert_eq!(h[0].start, d(2019, 1, 1));
        let hf = idx.histogram_filtered(d(2019, 1, 15), d(2019, 5, 1), Bucket::Month, |i| i != 1);
        assert_eq!(
            hf.iter().map(|b| b.count).collect::<Vec<_>>(),
            vec![0, 1, 0, 1]
        );
    }

    #[test]
    fn bucket_follows_zoom() {
        assert_eq!(Bucket::for_span(60, 100), Bucket::Day);
        assert_eq!(Bucket::for_span(600, 100), Bucket::Week);
        assert_eq!(Bucket::for_span(3000, 100), Bucket::Month);
        assert_eq!(Bucket::for_span(30000, 100), Bucket::Year);
    }
}
