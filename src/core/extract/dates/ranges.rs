//! The second half of ranges: days (`du 26 au 29 août`, `les 29 et 30 janvier`, `26-29 août`,
//! `du 30 avril au 2 mai`), months (`entre mars et mai 2015`) and years (`entre 2011 et 2015`,
//! `de 2014 à 2016`, `2011-2015`). The first half is parsed in [`super::absolute`].

use super::lex::{K, Kw};
use super::parser::{Hit, Parser, Point};
use super::resolve::{self, Qual};
use crate::core::model::DateValue;
use chrono::{Datelike, NaiveDate};

impl Parser<'_> {
    /// The second day of a range that starts with `p1` (after the determiner `det`), if there
    /// is one: `du 26 au 29 août`, `les 29 et 30 janvier`, `26-29 août`, `du 30 avril au 2 mai`.
    pub(super) fn day_range_end(&self, p1: &Point, det: Option<Kw>) -> Option<Point> {
        let mut k = p1.end_tok;
        let connector = match self.k(k) {
            Some(K::Kw(Kw::Au | Kw::Et | Kw::A)) if self.same_line(k) => true,
            Some(K::P('-' | '–'))
                if p1.month.is_none() && self.touching(k) && self.touching(k + 1) =>
            {
                true
            }
            _ => false,
        };
        if !(connector && self.same_line(k + 1)) {
            return None;
        }
        k += 1;
        if self.is_kw(k, Kw::Le) {
            k += 1;
        }
        let p = self.point_at(k).filter(|_| self.same_line(k))?;
        // `du 28 décembre 2018 au 3 janvier 2019` needs both years; `les 29 et 30 janvier`.
        let years_ok = p1.year.is_none() || p.year.is_some();
        let range_ok = p1.month.is_none() || det.is_some();
        (p.month.is_some() && years_ok && range_ok).then_some(p)
    }

    /// The range from `p1` to `p2` (from byte `s`); the first month and year default to the
    /// second's, and without a written year the first day is resolved against the reference.
    pub(super) fn day_range(&self, s: usize, p1: Point, p2: Point) -> Option<Hit> {
        let m2 = p2.month?;
        let m1 = p1.month.unwrap_or(m2);
        let mut end_tok = p2.end_tok;
        let (d1, d2) = match p2.year {
            Some(y2) => {
                let y1 = p1.year.unwrap_or(if m1 > m2 { y2 - 1 } else { y2 });
                (
                    NaiveDate::from_ymd_opt(y1, m1, p1.day)?,
                    NaiveDate::from_ymd_opt(y2, m2, p2.day)?,
                )
            }
            None => {
                let q = self.qual_at(end_tok);
                if q.is_some() {
                    end_tok += 1;
                }
                let r = &self.reference(q.is_some())?;
                let d1 = resolve::day_month(m1, p1.day, r, q.unwrap_or(Qual::None), p1.wd)?;
                let y2 = if m2 < m1 { d1.year() + 1 } else { d1.year() };
                (d1, NaiveDate::from_ymd_opt(y2, m2, p2.day)?)
            }
        };
        if d2 < d1 {
            return None;
        }
        Some(Hit::explicit(
            s,
            end_tok,
            DateValue::day(d1),
            Some(DateValue::day(d2)),
        ))
    }

    /// `entre mars et mai 2015`, `de janvier à mars 2016`: the year written after a range
    /// whose first month `m` ends before token `j2`, as the year of that first month.
    pub(super) fn year_after_month_range(&self, j2: usize, m: u32) -> Option<i32> {
        if !matches!(
            self.k(j2),
            Some(K::Kw(Kw::Et | Kw::A | Kw::Au)) | Some(K::P('-' | '–'))
        ) {
            return None;
        }
        self.month_at(j2 + 1, false)
            .and_then(|(m2, k)| self.year_at(k).map(|(y, _)| if m2 < m { y - 1 } else { y }))
    }

    /// The end of a range after the year `y` (expression from token `i`, year at `j`, next
    /// token `j2`): `entre 2011 et 2015`, `de 2014 à 2016`, `2011-2015`. The end year, if
    /// any, and the token after the expression.
    pub(super) fn year_range_end(
        &self,
        i: usize,
        j: usize,
        j2: usize,
        y: i32,
    ) -> (Option<DateValue>, usize) {
        // `et` only closes `entre … et …`; `à` only `de … à …`.
        let prev_de = j == i
            && i > 0
            && matches!(
                self.k(i - 1),
                Some(K::Kw(Kw::De | Kw::D)) | Some(K::P('\'' | '’'))
            );
        let entre = self.is_kw(i, Kw::Entre) || (i > 0 && self.is_kw(i - 1, Kw::Entre));
        let conn = match self.k(j2) {
            Some(K::Kw(Kw::Et)) => entre && self.same_line(j2),
            Some(K::Kw(Kw::A)) => (prev_de || entre) && self.same_line(j2),
            Some(K::P('-' | '–')) => self.touching(j2) && self.touching(j2 + 1),
            _ => false,
        };
        if conn
            && let Some((y2, j3)) = self.year_at(j2 + 1)
            && y2 > y
            && y2 - y < 100
        {
            return (DateValue::y(y2), j3);
        }
        (None, j2)
    }
}
