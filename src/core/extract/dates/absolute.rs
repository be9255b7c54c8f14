//! The grammar of absolute dates: numeric dates (`28/09/2017`), day + month (+ year) with an
//! optional determiner and weekday, months (`mars 2011`, `octobre dernier`, `début février`)
//! and years in a dating context (`en 2011`, `mi-2017`). Ranges are finished in
//! [`super::ranges`].

use super::lex::{self, K, Kw};
use super::parser::{Hit, Parser, Point};
use super::resolve::{self, Qual};
use crate::core::model::DateValue;
use chrono::{Datelike, NaiveDate};

impl Parser<'_> {
    /// Numeric dates: `28/09/2017`, `12.03.2018`, `12-03-2018`, `2018-03-12`, `28/09/17`.
    pub(super) fn numeric(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        let s = self.t[i].s;
        if self.is_kw(j, Kw::Le) {
            j += 1;
            if !self.same_line(j) {
                return None;
            }
        }
        let (
            K::Num(a, na),
            Some(K::P(sep)),
            Some(K::Num(b, nb)),
            Some(K::P(sep2)),
            Some(K::Num(c, nc)),
        ) = (
            self.k(j)?,
            self.k(j + 1),
            self.k(j + 2),
            self.k(j + 3),
            self.k(j + 4),
        )
        else {
            return None;
        };
        if sep != sep2 || !matches!(sep, '/' | '.' | '-') || !(1..=4).all(|k| self.touching(j + k))
        {
            return None;
        }
        if !self.num_free_before(j) {
            return None;
        }
        // Not the head of a longer chain (`06.12.34.56.78`, `1.2.3.4`).
        if self.touching(j + 5) && matches!(self.k(j + 5), Some(K::P(_) | K::Num(..) | K::Word)) {
            let glued_num = self.touching(j + 6) && matches!(self.k(j + 6), Some(K::Num(..)));
            if !matches!(self.k(j + 5), Some(K::P(_))) || glued_num {
                return None;
            }
        }
        let date = if na == 4 && nb <= 2 && nc <= 2 && sep != '.' {
            NaiveDate::from_ymd_opt(a as i32, b, c)
        } else if na <= 2 && nb <= 2 && nc == 4 {
            NaiveDate::from_ymd_opt(c as i32, b, a)
        } else if na == 2 && nb == 2 && nc == 2 && (sep == '/' || self.dateline_slot(i, j + 5)) {
            let y = if c <= 49 { 2000 + c } else { 1900 + c };
            NaiveDate::from_ymd_opt(y as i32, b, a)
        } else {
            None
        }?;
        if !(1000..=2100).contains(&date.year()) {
            return None;
        }
        Some(Hit::explicit(s, j + 5, DateValue::day(date), None))
    }

    /// A two-digit year with `.` or `-` (`12.03.18`, `12-03-18`) is only read where a dateline
    /// puts it: after `le`, at the start of a line or after a separator, or before a clock time
    /// (`12-03-18 10:05`); elsewhere it is as likely a score or a reference number.
    fn dateline_slot(&self, i: usize, after: usize) -> bool {
        let lead = i == 0
            || self.t[i].nl
            || self.is_kw(i, Kw::Le)
            || matches!(
                self.k(i - 1),
                Some(K::P('|' | '-' | '–' | '—' | ':' | ',' | '('))
            );
        lead || self.clock_at(after)
    }

    /// A clock time at `j` on the same line: `10:05`, `10h05`, `10h`, `à 10h05`.
    pub(super) fn clock_at(&self, j: usize) -> bool {
        let j = if self.is_kw(j, Kw::A) { j + 1 } else { j };
        if !self.same_line(j) {
            return false;
        }
        let Some(K::Num(h, nh)) = self.k(j) else {
            return false;
        };
        if nh > 2 || h > 23 || !self.touching(j + 1) {
            return false;
        }
        match self.k(j + 1) {
            Some(K::P(':')) => matches!(self.k(j + 2), Some(K::Num(_, 2))) && self.touching(j + 2),
            Some(K::Word) => {
                let w = self.word(j + 1);
                w == "h" || w == "H" || (w.len() <= 3 && w.starts_with(['h', 'H']))
            }
            _ => false,
        }
    }

    /// Day + month (+ year), with optional determiner and weekday, and day ranges.
    pub(super) fn day_month(&self, i: usize) -> Option<Hit> {
        let s = self.t[i].s;
        let (det, j) = self.determiner(i);
        if j > i && !self.same_line(j) {
            return None;
        }
        let day_tok = if matches!(self.k(j), Some(K::Wd(_))) {
            j + 1
        } else {
            j
        };
        if matches!(self.k(day_tok), Some(K::Num(..))) && !self.num_free_before(day_tok) {
            return None;
        }
        let p1 = self.point_at(j)?;
        match self.day_range_end(&p1, det) {
            None => self.single_day(s, p1),
            Some(p2) => self.day_range(s, p1, p2),
        }
    }

    /// The determiner of a day at `i` (`le`, `ce`, `du`, `les`, `entre [le]`), if any, and the
    /// token after it.
    fn determiner(&self, i: usize) -> (Option<Kw>, usize) {
        match self.k(i) {
            Some(K::Kw(k @ (Kw::Le | Kw::Ce | Kw::Du | Kw::Les | Kw::Entre))) => {
                if k == Kw::Entre && self.is_kw(i + 1, Kw::Le) {
                    (Some(k), i + 2)
                } else {
                    (Some(k), i + 1)
                }
            }
            _ => (None, i),
        }
    }

    /// One day, `p` (from byte `s`): `le 28 septembre 2017`, or without a year resolved
    /// against the reference (`jeudi 14 février`, `le 8 décembre dernier`). A day without a
    /// month is not a date.
    fn single_day(&self, s: usize, p: Point) -> Option<Hit> {
        let m = p.month?;
        let mut end_tok = p.end_tok;
        let date = match p.year {
            Some(y) => NaiveDate::from_ymd_opt(y, m, p.day)?,
            None => {
                let q = self.qual_at(end_tok);
                if q.is_some() {
                    end_tok += 1;
                }
                let r = &self.reference(q.is_some())?;
                resolve::day_month(m, p.day, r, q.unwrap_or(Qual::None), p.wd)?
            }
        };
        Some(Hit::explicit(s, end_tok, DateValue::day(date), None))
    }

    /// Month + year, or a bare month in a dating context; with `début`/`fin`/`mi-`/`courant`.
    pub(super) fn month(&self, i: usize) -> Option<Hit> {
        let s = self.t[i].s;
        let (modifier, j) = self.lead_modifier(i)?;
        if modifier && !self.same_line(j) {
            return None;
        }
        let (m, j2) = self.month_at(j, false)?;
        if !modifier && let Some(h) = self.month_day_comma_year(s, m, j2) {
            return Some(h);
        }
        if let Some((y, j3)) = self.year_at(j2) {
            return Some(Hit::explicit(s, j3, DateValue::ym(y, m)?, None));
        }
        if matches!(self.k(j), Some(K::Abbr(_))) {
            return None;
        }
        // A bare month needs something that makes it a date.
        let prev = if i > 0 { self.k(i - 1) } else { None };
        let prev_ok = self.month_context(i, j2);
        let q = self.qual_at(j2);
        if !(modifier || prev_ok || q.is_some()) {
            return None;
        }
        if self.t[j].cap && !modifier && !prev_ok {
            return None;
        }
        let mut end_tok = j2;
        if q.is_some() {
            end_tok += 1;
        }
        let (y, m) = match self.year_after_month_range(j2, m) {
            Some(y) => (y, m),
            None => {
                let q = q.unwrap_or(if matches!(prev, Some(K::Kw(Kw::Depuis))) {
                    Qual::Since
                } else {
                    Qual::None
                });
                resolve::month(m, &self.reference(q != Qual::None)?, q)?
            }
        };
        Some(Hit::explicit(s, end_tok, DateValue::ym(y, m)?, None))
    }

    /// `mars 12, 2018` (the English order some site templates print, `m` ending before `j`):
    /// only with its comma and year, so `mai 12` alone stays out.
    fn month_day_comma_year(&self, s: usize, m: u32, j: usize) -> Option<Hit> {
        let (d, k) = self.day_at(j).filter(|_| self.same_line(j))?;
        if !(self.is_p(k, ',') && self.touching(k)) {
            return None;
        }
        let (y, end) = self.year_at(k + 1)?;
        let date = NaiveDate::from_ymd_opt(y, m, d)?;
        Some(Hit::explicit(s, end, DateValue::day(date), None))
    }

    /// A `début`, `fin`, `courant` or `mi-` at `i`: whether there is one and the token after
    /// it. `None` for a `mi` without its dash (no date starts there).
    fn lead_modifier(&self, i: usize) -> Option<(bool, usize)> {
        match self.k(i)? {
            K::Kw(Kw::Debut | Kw::Fin | Kw::Courant) => Some((true, i + 1)),
            K::Kw(Kw::Mi) => {
                if !(self.is_dash(i + 1) && self.touching(i + 1) && self.touching(i + 2)) {
                    return None;
                }
                Some((true, i + 2))
            }
            _ => Some((false, i)),
        }
    }

    /// The words before the bare month at `i` make it a date (`en mai`, `depuis décembre`,
    /// `au mois de mai`); `j2` is the token after the month.
    fn month_context(&self, i: usize, j2: usize) -> bool {
        if i == 0 || self.t[i].nl {
            return false;
        }
        match self.k(i - 1) {
            Some(K::Kw(Kw::En | Kw::Depuis | Kw::Des2 | Kw::Entre | Kw::Ici)) => true,
            Some(K::Kw(Kw::De | Kw::D)) => {
                // `au mois de mai`, `de mai à juillet`
                (i >= 2 && self.is_kw(i - 2, Kw::Mois))
                    || (i >= 3 && self.is_apos(i - 2) && self.is_kw(i - 3, Kw::Mois))
                    || (matches!(self.k(j2), Some(K::Kw(Kw::A | Kw::Au)))
                        && matches!(self.k(j2 + 1), Some(K::Month(_))))
            }
            Some(K::P(c)) if lex::apostrophe(c) => {
                i >= 2 && self.is_kw(i - 2, Kw::D) && i >= 3 && self.is_kw(i - 3, Kw::Mois)
            }
            // `entre mars et mai`, `de mai à juillet`: the second month follows a month.
            Some(K::Kw(Kw::Et | Kw::A | Kw::Au)) => {
                i >= 2 && matches!(self.k(i - 2), Some(K::Month(_)))
            }
            _ => false,
        }
    }

    /// Years in a dating context: `en 2011`, `depuis 2016`, `début 2019`, `mi-2017`, ranges.
    pub(super) fn year(&self, i: usize) -> Option<Hit> {
        let s = self.t[i].s;
        let (modifier, mut ctx, j) = match self.k(i)? {
            K::Kw(Kw::Saison) => {
                // `l'été 2016`, `au printemps 2016` (not `a été 2016`).
                let prev_ok = i > 0
                    && matches!(
                        self.k(i - 1),
                        Some(K::Kw(Kw::Au | Kw::En | Kw::Cet | Kw::Ce | Kw::De))
                            | Some(K::P('\'' | '’'))
                    );
                if !prev_ok {
                    return None;
                }
                (true, false, i + 1)
            }
            K::Kw(Kw::Entre) => (false, true, i + 1),
            _ => {
                let (modifier, j) = self.lead_modifier(i)?;
                (modifier, false, j)
            }
        };
        if j > i && !self.same_line(j) {
            return None;
        }
        if !self.num_free_before(j) {
            return None;
        }
        let (y, j2) = self.year_at(j)?;
        // `plus de 2000 morts`, `à 1500 km`: a quantity, not a year (after a month it is a year).
        if self.quantity_after(j2) {
            return None;
        }
        if !modifier && !ctx {
            ctx = self.year_context(i);
        }
        if !(modifier || ctx) {
            return None;
        }
        let (end, end_tok) = self.year_range_end(i, j, j2, y);
        Some(Hit::explicit(s, end_tok, DateValue::y(y)?, end))
    }

    /// The words before the year at `i` make it a date (`en`, `depuis`, `de`, `jusqu'en`…).
    fn year_context(&self, i: usize) -> bool {
        if i == 0 || self.t[i].nl {
            return false;
        }
        let prev = self.k(i - 1);
        let quantity_before = |k: usize| {
            k > 0
                && matches!(
                    self.k(k - 1),
                    Some(K::Kw(
                        Kw::Plus | Kw::Moins | Kw::Pres | Kw::Environ | Kw::Quelque
                    ))
                )
        };
        match prev {
            Some(K::Kw(
                Kw::En
                | Kw::Depuis
                | Kw::Des2
                | Kw::Avant
                | Kw::Apres
                | Kw::Entre
                | Kw::Annee
                | Kw::An
                | Kw::Ici
                | Kw::Durant
                | Kw::Trimestre,
            )) => true,
            // `prévu pour 2019`, `vers 2015`; counted nouns were rejected before.
            Some(K::Kw(Kw::Pour | Kw::Vers)) => !quantity_before(i - 1),
            // `il y a 2000…` is not `à 2000`.
            Some(K::Kw(Kw::A)) if i >= 2 && self.is_kw(i - 2, Kw::Y) => false,
            Some(K::Kw(Kw::De | Kw::D | Kw::A)) => !quantity_before(i - 1),
            Some(K::P(c)) if lex::apostrophe(c) => {
                i >= 2 && self.is_kw(i - 2, Kw::D) && !quantity_before(i - 2)
            }
            // `en 2004 et 2012`, `en 2014, 2015`: a year right after another year.
            Some(K::Kw(Kw::Et | Kw::Ou)) | Some(K::P(',')) => {
                i >= 2
                    && matches!(self.k(i - 2), Some(K::Num(v, 4)) if (1000..=2100).contains(&v))
                    && self
                        .out
                        .last()
                        .is_some_and(|m| m.span.end == self.t[i - 2].e)
            }
            Some(K::P('(')) => self.is_p(i + 1, ')') || self.is_dash(i + 1),
            _ => false,
        }
    }
}
