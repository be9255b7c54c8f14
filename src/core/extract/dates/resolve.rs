//! Resolving partial dates (day + month, bare month, weekday) against a reference date.

use crate::core::model::{DateValue, Precision};
use chrono::{Datelike, Duration, Months, NaiveDate};

/// A modifier that says which side of the reference a date lies on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Qual {
    /// No indication: nearest to the reference.
    None,
    /// `dernier`, `passé`: strictly before.
    Past,
    /// `depuis`: before or at.
    Since,
    /// `prochain`: strictly after.
    Future,
    /// Future tense around it: at or after.
    FromNow,
}

/// The reference date with the anchor day used for distances.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ref {
    /// The reference value as given.
    pub val: DateValue,
    /// The day used for distances: the day itself, the 15th of a month, 1 July of a year.
    pub anchor: NaiveDate,
}

impl Ref {
    pub(crate) fn new(val: DateValue) -> Self {
        let s = val.start;
        let anchor = match val.precision {
            Precision::Day => s,
            Precision::Month => s.with_day(15).unwrap_or(s),
            Precision::Year => s.with_month(7).unwrap_or(s),
        };
        Self { val, anchor }
    }
    pub(crate) fn year(&self) -> i32 {
        self.val.start.year()
    }
    pub(crate) fn is_day(&self) -> bool {
        self.val.precision == Precision::Day
    }
    /// First and last day of the reference period.
    fn period(&self) -> (NaiveDate, NaiveDate) {
        (self.val.start, self.val.end())
    }
}

/// Month index (year * 12 + month0) for distance arithmetic.
fn midx(y: i32, m: u32) -> i64 {
    y as i64 * 12 + (m as i64 - 1)
}

/// The year for `day month` (no year written), given the reference, a side qualifier and an
/// optional weekday (0 = Monday) that must agree when it can.
pub(crate) fn day_month(m: u32, d: u32, r: &Ref, q: Qual, wd: Option<u8>) -> Option<NaiveDate> {
    if r.val.precision == Precision::Year {
        let ry = r.year();
        // Only the year is known: a weekday may still pick a neighbouring year.
        if let Some(w) = wd {
            for y in [ry, ry - 1, ry + 1] {
                if let Some(dt) = NaiveDate::from_ymd_opt(y, m, d)
                    && dt.weekday().num_days_from_monday() == w as u32
                {
                    return Some(dt);
                }
            }
        }
        return NaiveDate::from_ymd_opt(ry, m, d);
    }
    let ry = r.year();
    let (pstart, pend) = r.period();
    let cands: Vec<NaiveDate> = (ry - 1..=ry + 1)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
        .collect();
    let ok_side = |dt: &NaiveDate| match q {
        Qual::None => true,
        Qual::Past => {
            if r.is_day() {
                *dt < r.anchor
            } else {
                *dt <= pend
            }
        }
        Qual::Since => *dt <= pend,
        Qual::Future => {
            if r.is_day() {
                *dt > r.anchor
            } else {
                *dt >= pstart
            }
        }
        Qual::FromNow => *dt >= pstart,
    };
    let wd_ok = |dt: &NaiveDate| wd.is_none_or(|w| dt.weekday().num_days_from_monday() == w as u32);
    let dist = |dt: &NaiveDate| (*dt - r.anchor).num_days().abs();
    let pick = |f: &dyn Fn(&NaiveDate) -> bool| {
        cands
            .iter()
            .filter(|c| f(c))
            .min_by_key(|c| dist(c))
            .copied()
    };
    pick(&|c| ok_side(c) && wd_ok(c))
        .or_else(|| pick(&|c| ok_side(c)))
        .or_else(|| pick(&|_| true))
}

/// The year for a bare month name (no year written).
pub(crate) fn month(m: u32, r: &Ref, q: Qual) -> Option<(i32, u32)> {
    let ry = r.year();
    if r.val.precision == Precision::Year {
        return Some((ry, m));
    }
    let rm = midx(ry, r.val.start.month());
    let mut best: Option<(i64, i32)> = None;
    for y in ry - 1..=ry + 1 {
        let k = midx(y, m);
        let ok = match q {
            Qual::None => true,
            Qual::Past => k < rm,
            Qual::Since => k <= rm,
            Qual::Future => k > rm,
            Qual::FromNow => k >= rm,
        };
        if !ok {
            continue;
        }
        // Ties go to the past: news reports more than it announces.
        let score = (k - rm).abs() * 2 + i64::from(k > rm);
        if best.is_none_or(|(s, _)| score < s) {
            best = Some((score, y));
        }
    }
    best.map(|(_, y)| (y, m))
}

/// The day of a bare weekday (0 = Monday) relative to a day-precision reference.
pub(crate) fn weekday(w: u8, r: NaiveDate, q: Qual) -> NaiveDate {
    let cur = r.weekday().num_days_from_monday() as i64;
    let w = w as i64 % 7;
    let back = (cur - w).rem_euclid(7); // days back to the most recent such weekday (0 = today)
    let fwd = (w - cur).rem_euclid(7);
    let shift = match q {
        Qual::Past => -(if back == 0 { 7 } else { back }),
        Qual::Future => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        Qual::FromNow => fwd,
        Qual::None | Qual::Since => -back,
    };
    r.checked_add_signed(Duration::days(shift)).unwrap_or(r)
}

/// `r` shifted by a number of days, keeping day precision.
pub(crate) fn add_days(r: NaiveDate, n: i64) -> Option<NaiveDate> {
    r.checked_add_signed(Duration::days(n))
}

/// `r` shifted by a signed number of months (first of month).
pub(crate) fn add_months(y: i32, m: u32, n: i64) -> Option<(i32, u32)> {
    let d = NaiveDate::from_ymd_opt(y, m, 1)?;
    let d = if n >= 0 {
        d.checked_add_months(Months::new(u32::try_from(n).ok()?))?
    } else {
        d.checked_sub_months(Months::new(u32::try_from(-n).ok()?))?
    };
    Some((d.year(), d.month()))
}

/// Monday of the week of `d`.
pub(crate) fn monday(d: NaiveDate) -> NaiveDate {
    let k = d.weekday().num_days_from_monday() as i64;
    d.checked_sub_signed(Duration::days(k)).unwrap_or(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> Ref {
        Ref::new(DateValue::parse_iso(s).unwrap())
    }

    #[test]
    fn day_month_nearest_year() {
        let got = day_month(12, 28, &r("2019-01"), Qual::None, None).unwrap();
        assert_eq!(got.to_string(), "2018-12-28");
        let got = day_month(10, 15, &r("2018-09"), Qual::None, None).unwrap();
        assert_eq!(got.to_string(), "2018-10-15");
        let got = day_month(3, 18, &r("2018-04"), Qual::Past, None).unwrap();
        assert_eq!(got.to_string(), "2018-03-18");
        let got = day_month(4, 20, &r("2018-04-10"), Qual::Past, None).unwrap();
        assert_eq!(got.to_string(), "2017-04-20");
    }

    #[test]
    fn weekday_picks_the_year() {
        // 14 February was a Thursday in 2019 (and not in 2018 or 2020).
        let got = day_month(2, 14, &r("2018-12"), Qual::None, Some(3)).unwrap();
        assert_eq!(got.to_string(), "2019-02-14");
    }

    #[test]
    fn bare_month_sides() {
        assert_eq!(month(12, &r("2020-03"), Qual::None), Some((2019, 12)));
        assert_eq!(month(10, &r("2020-02-12"), Qual::Past), Some((2019, 10)));
        assert_eq!(month(10, &r("2018-09"), Qual::None), Some((2018, 10)));
        assert_eq!(month(9, &r("2018-09"), Qual::Past), Some((2017, 9)));
        assert_eq!(month(9, &r("2018-03"), Qual::None), Some((2017, 9)));
    }

    #[test]
    fn weekdays_relative_to_reference() {
        let d = NaiveDate::from_ymd_opt(2018, 12, 29).unwrap(); // a Saturday
        assert_eq!(weekday(5, d, Qual::None), d);
        assert_eq!(weekday(5, d, Qual::Past).to_string(), "2018-12-22");
        assert_eq!(weekday(2, d, Qual::None).to_string(), "2018-12-26");
        assert_eq!(weekday(2, d, Qual::Future).to_string(), "2019-01-02");
        assert_eq!(weekday(5, d, Qual::Future).to_string(), "2019-01-05");
    }
}
