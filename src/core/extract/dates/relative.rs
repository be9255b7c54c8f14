//! The grammar of relative expressions (kind `Relative`: `hier`, `avant-hier`, `la veille`,
//! `ce week-end`, `la semaine dernière`, `le mois dernier`, `l'an dernier`, `il y a trois
//! ans`) and of bare weekdays (kind `Weekday`: `samedi`, `jeudi prochain`), all resolved
//! against the reference (only `la veille` / `le lendemain` follow the text).
//!
//! Under a reference coarser than the expression (a day named against a month), the
//! expression takes the reference's own value.

use super::lex::{K, Kw};
use super::parser::{Hit, Parser};
use super::resolve::{self, Qual, Ref};
use crate::core::model::{DateKind, DateValue, Precision};
use chrono::{Datelike, NaiveDate};

impl Parser<'_> {
    /// Relative expressions.
    pub(super) fn relative(&self, i: usize) -> Option<Hit> {
        let r = self.r?;
        match self.k(i)? {
            K::Kw(Kw::Hier | Kw::Demain | Kw::Aujourd | Kw::Avant | Kw::Apres) => {
                self.day_word(i, r)
            }
            K::Kw(Kw::La | Kw::Le)
                if self.same_line(i + 1)
                    && matches!(self.k(i + 1), Some(K::Kw(Kw::Veille | Kw::Lendemain))) =>
            {
                self.eve_or_morrow(i, r)
            }
            K::Kw(kw @ (Kw::Ce | Kw::Le)) => self.after_ce_or_le(i, kw, r),
            K::Kw(Kw::La) if self.is_kw(i + 1, Kw::Semaine) && self.same_line(i + 1) => {
                self.last_or_next_week(i, r)
            }
            K::Kw(Kw::La) if self.is_kw(i + 1, Kw::Nuit) && self.same_line(i + 1) => {
                self.last_night(i, r)
            }
            K::Kw(Kw::Cette) if self.same_line(i + 1) => self.after_cette(i, r),
            K::Kw(Kw::L)
                if self.is_apos(i + 1)
                    && matches!(self.k(i + 2), Some(K::Kw(Kw::An | Kw::Annee))) =>
            {
                self.last_or_next_year(i, r)
            }
            K::Kw(Kw::Il)
                if self.is_kw(i + 1, Kw::Y)
                    && self.is_kw(i + 2, Kw::A)
                    && self.same_line(i + 3) =>
            {
                self.ago(i, r)
            }
            _ => None,
        }
    }

    /// A relative expression from token `i` to before `end_tok` naming the day `d` (`None`:
    /// out of range): that day under a day reference, else the reference itself.
    fn day_hit(&self, i: usize, end_tok: usize, d: Option<NaiveDate>, r: Ref) -> Option<Hit> {
        let value = if r.is_day() {
            DateValue::day(d?)
        } else {
            r.val
        };
        Some(Hit::relative(self.t[i].s, end_tok, value, None))
    }

    /// A relative expression from token `i` to before `end_tok` naming the week (Monday to
    /// Sunday) of the day `d` (`None`: out of range); under a coarser reference, the reference.
    fn week_hit(&self, i: usize, end_tok: usize, d: Option<NaiveDate>, r: Ref) -> Option<Hit> {
        let s = self.t[i].s;
        if !r.is_day() {
            return Some(Hit::relative(s, end_tok, r.val, None));
        }
        let mon = resolve::monday(d?);
        let sun = resolve::add_days(mon, 6)?;
        Some(Hit::relative(
            s,
            end_tok,
            DateValue::day(mon),
            Some(DateValue::day(sun)),
        ))
    }

    /// `hier`, `demain`, `aujourd'hui`, `avant-hier`, `après-demain`.
    fn day_word(&self, i: usize, r: Ref) -> Option<Hit> {
        let rd = r.anchor;
        match self.k(i)? {
            K::Kw(Kw::Hier) => self.day_hit(i, i + 1, resolve::add_days(rd, -1), r),
            K::Kw(Kw::Demain) => self.day_hit(i, i + 1, resolve::add_days(rd, 1), r),
            K::Kw(Kw::Aujourd) if self.is_apos(i + 1) && self.is_kw(i + 2, Kw::Hui) => {
                self.day_hit(i, i + 3, Some(rd), r)
            }
            K::Kw(Kw::Avant) if self.is_dash(i + 1) && self.is_kw(i + 2, Kw::Hier) => {
                self.day_hit(i, i + 3, resolve::add_days(rd, -2), r)
            }
            K::Kw(Kw::Apres) if self.is_dash(i + 1) && self.is_kw(i + 2, Kw::Demain) => {
                self.day_hit(i, i + 3, resolve::add_days(rd, 2), r)
            }
            _ => None,
        }
    }

    /// `la veille`, `le lendemain`: the day before or after the latest explicit day of the
    /// text, else of the reference.
    fn eve_or_morrow(&self, i: usize, r: Ref) -> Option<Hit> {
        // `la veille de l'ouverture` is relative to something else: skip.
        if matches!(self.k(i + 2), Some(K::Kw(Kw::De | Kw::D | Kw::Du))) {
            return None;
        }
        let n = if self.is_kw(i + 1, Kw::Veille) { -1 } else { 1 };
        match self.last_day {
            Some(d) => Some(Hit::relative(
                self.t[i].s,
                i + 2,
                DateValue::day(resolve::add_days(d, n)?),
                None,
            )),
            None => self.day_hit(i, i + 2, resolve::add_days(r.anchor, n), r),
        }
    }

    /// After `ce` or `le` (`kw`, at `i`): `ce week-end`, `le week-end dernier`, `le mois
    /// prochain`, `ce matin`, `ce soir`, `ce mois-ci`.
    fn after_ce_or_le(&self, i: usize, kw: Kw, r: Ref) -> Option<Hit> {
        let j = i + 1;
        if !self.same_line(j) {
            return None;
        }
        if let Some(j) = self.weekend_at(j) {
            return self.weekend(i, kw, j, r);
        }
        match (kw, self.k(j)) {
            (Kw::Le, Some(K::Kw(Kw::Mois))) => self.last_or_next_month(i, j, r),
            (Kw::Ce, Some(K::Kw(Kw::Matin | Kw::Soir))) => {
                self.day_hit(i, j + 1, Some(r.anchor), r)
            }
            // `ce mois-ci`, `ce mois`
            (Kw::Ce, Some(K::Kw(Kw::Mois))) => self.this_month(i, j, r),
            _ => None,
        }
    }

    /// `week-end` or `weekend` at `j`: the token after it.
    fn weekend_at(&self, j: usize) -> Option<usize> {
        if self.is_kw(j, Kw::Weekend) {
            Some(j + 1)
        } else if self.is_kw(j, Kw::Week) && self.is_dash(j + 1) && self.is_kw(j + 2, Kw::End) {
            Some(j + 3)
        } else {
            None
        }
    }

    /// `ce week-end`, `le week-end dernier` (from token `i`, after `ce`/`le` = `kw`; `j` follows
    /// `week-end`): Saturday to Sunday. `le week-end` needs its `dernier`/`prochain`.
    fn weekend(&self, i: usize, kw: Kw, j: usize, r: Ref) -> Option<Hit> {
        let mut end_tok = j;
        let q = self.qual_at(end_tok);
        if q.is_some() {
            end_tok += 1;
        } else if kw == Kw::Le {
            return None;
        }
        let q = self.qual_or_tense(q, i);
        let sat = if r.is_day() {
            Some(resolve::weekday(5, r.anchor, q))
        } else {
            None
        };
        let value = if r.is_day() {
            DateValue::day(sat?)
        } else {
            r.val
        };
        let end = sat
            .and_then(|d| resolve::add_days(d, 1))
            .map(DateValue::day);
        Some(Hit::relative(self.t[i].s, end_tok, value, end))
    }

    /// `le mois dernier`, `le mois prochain` (`mois` at `j`).
    fn last_or_next_month(&self, i: usize, j: usize, r: Ref) -> Option<Hit> {
        let q = self.qual_at(j + 1)?;
        let n = if q == Qual::Future { 1 } else { -1 };
        let (y, m) = resolve::add_months(r.year(), r.val.start.month(), n)?;
        let value = if r.val.precision == Precision::Year {
            r.val
        } else {
            DateValue::ym(y, m)?
        };
        Some(Hit::relative(self.t[i].s, j + 2, value, None))
    }

    /// `ce mois`, `ce mois-ci` (`mois` at `j`).
    fn this_month(&self, i: usize, j: usize, r: Ref) -> Option<Hit> {
        let mut end_tok = j + 1;
        if self.is_dash(end_tok) && self.is_kw(end_tok + 1, Kw::Ci) {
            end_tok += 2;
        }
        let value = if r.val.precision == Precision::Year {
            r.val
        } else {
            DateValue::ym(r.year(), r.val.start.month())?
        };
        Some(Hit::relative(self.t[i].s, end_tok, value, None))
    }

    /// `la semaine dernière`, `la semaine prochaine`.
    fn last_or_next_week(&self, i: usize, r: Ref) -> Option<Hit> {
        let q = self.qual_at(i + 2)?;
        let n = if q == Qual::Future { 7 } else { -7 };
        self.week_hit(i, i + 3, resolve::add_days(r.anchor, n), r)
    }

    /// `la nuit dernière`.
    fn last_night(&self, i: usize, r: Ref) -> Option<Hit> {
        self.qual_at(i + 2).filter(|q| *q == Qual::Past)?;
        self.day_hit(i, i + 3, resolve::add_days(r.anchor, -1), r)
    }

    /// `cette année`, `cette nuit`, `cette semaine`.
    fn after_cette(&self, i: usize, r: Ref) -> Option<Hit> {
        match self.k(i + 1)? {
            K::Kw(Kw::Annee) => Some(Hit::relative(
                self.t[i].s,
                i + 2,
                DateValue::y(r.year())?,
                None,
            )),
            K::Kw(Kw::Nuit) => self.day_hit(i, i + 2, Some(r.anchor), r),
            K::Kw(Kw::Semaine) => self.week_hit(i, i + 2, Some(r.anchor), r),
            _ => None,
        }
    }

    /// `l'an dernier`, `l'année prochaine`.
    fn last_or_next_year(&self, i: usize, r: Ref) -> Option<Hit> {
        let q = self.qual_at(i + 3)?;
        let y = if q == Qual::Future {
            r.year() + 1
        } else {
            r.year() - 1
        };
        Some(Hit::relative(self.t[i].s, i + 4, DateValue::y(y)?, None))
    }

    /// `il y a trois jours`, `il y a 2 semaines`, `il y a six mois`, `il y a dix ans`.
    fn ago(&self, i: usize, r: Ref) -> Option<Hit> {
        let n: i64 = match self.k(i + 3)? {
            K::Num(v, nd) if nd <= 3 => v as i64,
            K::NumWord(v) => v as i64,
            _ => return None,
        };
        if n == 0 {
            return None;
        }
        let rd = r.anchor;
        let value = match self.k(i + 4)? {
            K::Kw(Kw::Jour | Kw::Jours) => {
                if r.is_day() {
                    DateValue::day(resolve::add_days(rd, -n)?)
                } else {
                    r.val
                }
            }
            K::Kw(Kw::Semaine | Kw::Semaines) => {
                if r.is_day() {
                    DateValue::day(resolve::add_days(rd, -7 * n)?)
                } else {
                    r.val
                }
            }
            K::Kw(Kw::Mois) => {
                if r.val.precision == Precision::Year {
                    r.val
                } else {
                    let (y, m) = resolve::add_months(r.year(), r.val.start.month(), -n)?;
                    DateValue::ym(y, m)?
                }
            }
            K::Kw(Kw::An | Kw::Ans | Kw::Annee | Kw::Annees) => {
                DateValue::y(r.year() - i32::try_from(n).ok()?)?
            }
            _ => return None,
        };
        Some(Hit::relative(self.t[i].s, i + 5, value, None))
    }

    /// A bare weekday (`samedi`, `le mercredi`, `jeudi dernier`, `ce jeudi`).
    pub(super) fn weekday(&self, i: usize) -> Option<Hit> {
        let r = self.r?;
        let s = self.t[i].s;
        let mut j = i;
        if matches!(self.k(j), Some(K::Kw(Kw::Le | Kw::Ce))) {
            j += 1;
            if !self.same_line(j) {
                return None;
            }
        }
        let K::Wd(w) = self.k(j)? else { return None };
        let mut end_tok = j + 1;
        if matches!(self.k(end_tok), Some(K::Kw(Kw::Matin | Kw::Soir))) && self.same_line(end_tok) {
            end_tok += 1;
        }
        let q = self.qual_at(end_tok);
        if q.is_some() {
            end_tok += 1;
        }
        let q = self.qual_or_tense(q, j);
        let value = match r.val.precision {
            Precision::Day => DateValue::day(resolve::weekday(w, r.anchor, q)),
            Precision::Month => r.val,
            Precision::Year => return None,
        };
        Some(Hit {
            s,
            end_tok,
            value,
            end: None,
            kind: DateKind::Weekday,
        })
    }

    /// The written qualifier `q`, else `FromNow` when a future tense is near token `at`.
    fn qual_or_tense(&self, q: Option<Qual>, at: usize) -> Qual {
        match q {
            Some(q) => q,
            None if self.future_near(at) => Qual::FromNow,
            None => Qual::None,
        }
    }

    /// A verb in the future tense (or `doit`, `prévu`) within a few words, same sentence.
    fn future_near(&self, i: usize) -> bool {
        let lo = i.saturating_sub(6);
        let hi = (i + 7).min(self.t.len());
        let mut j = i;
        // Stay inside the sentence: walk left then right, stopping at `.` or a line break.
        while j > lo && !self.t[j].nl && !matches!(self.k(j - 1), Some(K::P('.' | '!' | '?'))) {
            j -= 1;
        }
        let start = j;
        let mut end = i + 1;
        while end < hi && !self.t[end].nl && !matches!(self.k(end), Some(K::P('.' | '!' | '?'))) {
            end += 1;
        }
        (start..end)
            .any(|k| self.t[k].k == K::Word && !self.t[k].cap && is_future_word(self.word(k)))
    }
}

/// A French future-tense verb form or a word announcing something scheduled.
fn is_future_word(w: &str) -> bool {
    const SCHEDULED: &[&str] = &[
        "doit",
        "doivent",
        "devrait",
        "devraient",
        "prévu",
        "prévue",
        "prévus",
        "prévues",
        "attendu",
        "attendus",
        "attendue",
    ];
    if SCHEDULED.contains(&w) {
        return true;
    }
    let n = w.chars().count();
    if n >= 5 && w.ends_with("ront") {
        return true;
    }
    n >= 3
        && ["era", "ira", "dra", "rra", "vra", "ura"]
            .iter()
            .any(|e| w.ends_with(e))
        && !["extra", "ultra", "zébra"].contains(&w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn future_words() {
        assert!(is_future_word("organiseront"));
        assert!(is_future_word("tiendra"));
        assert!(is_future_word("sera"));
        assert!(!is_future_word("opéra"));
        assert!(!is_future_word("déclaré"));
    }
}
