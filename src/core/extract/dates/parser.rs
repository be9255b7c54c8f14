//! The parser's state and the parts every date expression is made of: token tests, a day of
//! month, a month name, a year, a `dernier`/`prochain` qualifier, a `[weekday] day [month
//! [year]]` point; and the dispatch that tries each grammar at a token.
//!
//! The grammars themselves live next door: [`super::absolute`] (numeric dates, day + month,
//! months, years), [`super::ranges`] (the second half of `du 26 au 29 août`, `entre 2011 et
//! 2015`) and [`super::relative`] (`hier`, `la semaine dernière`, weekdays).

use super::lex::{self, K, Kw, Tok};
use super::resolve::{Qual, Ref};
use crate::core::model::{DateKind, DateMention, DateValue, Span};
use chrono::NaiveDate;

/// A match before it becomes a `DateMention`.
pub(super) struct Hit {
    pub(super) s: usize,
    pub(super) end_tok: usize,
    pub(super) value: DateValue,
    pub(super) end: Option<DateValue>,
    pub(super) kind: DateKind,
}

impl Hit {
    /// An explicit date from byte `s` to the end of token `end_tok - 1`.
    pub(super) fn explicit(
        s: usize,
        end_tok: usize,
        value: DateValue,
        end: Option<DateValue>,
    ) -> Self {
        Self {
            s,
            end_tok,
            value,
            end,
            kind: DateKind::Explicit,
        }
    }

    /// A relative expression from byte `s` to the end of token `end_tok - 1`.
    pub(super) fn relative(
        s: usize,
        end_tok: usize,
        value: DateValue,
        end: Option<DateValue>,
    ) -> Self {
        Self {
            s,
            end_tok,
            value,
            end,
            kind: DateKind::Relative,
        }
    }
}

/// One scan over the tokens of a text: the matchers read the tokens, the reference and what
/// was found so far (`out`; `last_day`, the latest explicit day, which `la veille` follows).
pub(super) struct Parser<'a> {
    pub(super) text: &'a str,
    pub(super) t: &'a [Tok],
    pub(super) r: Option<Ref>,
    pub(super) out: Vec<DateMention>,
    pub(super) last_day: Option<NaiveDate>,
    /// Undated texts only: the year the text last stated (`En 2015, … le 12 mars`), which
    /// the day-month dates after it take instead of the reference.
    pub(super) stated_year: Option<i32>,
    /// Whether `stated_year` is followed (off when the article's own date is known).
    pub(super) follow_stated_years: bool,
}

/// A date point as parsed before resolution.
#[derive(Clone, Copy)]
pub(super) struct Point {
    pub(super) day: u32,
    pub(super) month: Option<u32>,
    pub(super) year: Option<i32>,
    pub(super) wd: Option<u8>,
    pub(super) end_tok: usize,
}

impl<'a> Parser<'a> {
    /// A parser over `toks`, the tokens of `text`, resolving against `r`.
    pub(super) fn new(text: &'a str, toks: &'a [Tok], r: Option<Ref>) -> Self {
        Self {
            text,
            t: toks,
            r,
            out: Vec::new(),
            last_day: None,
            stated_year: None,
            follow_stated_years: false,
        }
    }

    /// What a date without a written year resolves against: the year the text last stated
    /// when following stated years, else the reference. A date `qualified` by `dernier`,
    /// `prochain` or `depuis` speaks from the time of writing, not of the story told: the
    /// reference.
    pub(super) fn reference(&self, qualified: bool) -> Option<Ref> {
        match self.stated_year.and_then(DateValue::y) {
            Some(y) if self.follow_stated_years && !qualified => Some(Ref::new(y)),
            _ => self.r,
        }
    }

    /// The year the mention just found (tokens `i..end_tok`) states, if it anchors what follows:
    /// written in the mention, one point (not `entre 2011 et 2015`), not a bound (`depuis 2011`,
    /// `avant 2015`, `jusqu'en 2016` say nothing of when the next events happened).
    pub(super) fn anchoring_year(&self, i: usize, end_tok: usize, m: &DateMention) -> Option<i32> {
        if m.kind != DateKind::Explicit || m.end.is_some() {
            return None;
        }
        let written = (i..end_tok.min(self.t.len()))
            .any(|k| matches!(self.k(k), Some(K::Num(v, 4)) if (1000..=2100).contains(&v)));
        let bound = i > 0
            && matches!(
                self.k(i - 1),
                Some(K::Kw(
                    Kw::Depuis | Kw::Des2 | Kw::Avant | Kw::Apres | Kw::Jusqu | Kw::Partir
                ))
            );
        let bound = bound || (i > 1 && self.is_kw(i - 1, Kw::En) && self.is_apos(i - 2));
        (written && !bound).then(|| chrono::Datelike::year(&m.value.start))
    }

    /// Keeps `h` unless it overlaps the previous mention.
    pub(super) fn push(&mut self, h: Hit) {
        let e = self.t[h.end_tok - 1].e;
        let span = Span::new(h.s, e);
        if let Some(last) = self.out.last()
            && last.span.end > span.start
        {
            return;
        }
        self.out.push(DateMention {
            span,
            text: self
                .text
                .get(span.start..span.end)
                .unwrap_or("")
                .to_string(),
            value: h.value,
            end: h.end,
            kind: h.kind,
            furniture: false,
        });
    }

    pub(super) fn k(&self, j: usize) -> Option<K> {
        self.t.get(j).map(|t| t.k)
    }
    pub(super) fn is_kw(&self, j: usize, kw: Kw) -> bool {
        self.k(j) == Some(K::Kw(kw))
    }
    /// Token `j` exists and continues the line of token `j - 1`.
    pub(super) fn same_line(&self, j: usize) -> bool {
        self.t.get(j).is_some_and(|t| !t.nl)
    }
    /// Tokens `j - 1` and `j` touch (no space between).
    pub(super) fn touching(&self, j: usize) -> bool {
        j > 0 && j < self.t.len() && self.t[j - 1].e == self.t[j].s
    }
    pub(super) fn is_p(&self, j: usize, c: char) -> bool {
        self.k(j) == Some(K::P(c))
    }
    pub(super) fn is_dash(&self, j: usize) -> bool {
        matches!(self.k(j), Some(K::P('-' | '‐' | '‑' | '–' | '—')))
    }
    pub(super) fn is_apos(&self, j: usize) -> bool {
        matches!(self.k(j), Some(K::P(c)) if lex::apostrophe(c))
    }
    pub(super) fn word(&self, j: usize) -> &'a str {
        self.t
            .get(j)
            .and_then(|t| self.text.get(t.s..t.e))
            .unwrap_or("")
    }

    /// The number at `j` is a standalone number, not the tail of `3,15`, `10:30`, `1.000`.
    pub(super) fn num_free_before(&self, j: usize) -> bool {
        if j == 0 || !self.touching(j) {
            return true;
        }
        match self.k(j - 1) {
            Some(K::P('.' | ',' | ':' | '/' | '-' | '–')) => {
                !(j >= 2 && self.touching(j - 1) && matches!(self.k(j - 2), Some(K::Num(..))))
            }
            Some(K::Num(..)) => false,
            Some(K::Word) => false,
            _ => true,
        }
    }

    /// A day of month at `j`: `14`, `1er`, `premier`.
    pub(super) fn day_at(&self, j: usize) -> Option<(u32, usize)> {
        match self.k(j)? {
            K::Num(v, nd) if nd <= 2 && (1..=31).contains(&v) => {
                if self.touching(j + 1) {
                    if self.is_kw(j + 1, Kw::Er) && v == 1 {
                        return Some((1, j + 2));
                    }
                    // `15h`, `3e`, `2km`: a number glued to letters is not a day.
                    if matches!(self.k(j + 1), Some(K::Word | K::Kw(_) | K::Num(..))) {
                        return None;
                    }
                }
                Some((v, j + 1))
            }
            K::Kw(Kw::Premier) => Some((1, j + 1)),
            _ => None,
        }
    }

    /// A month name at `j` (abbreviations need a following `.` or a year).
    /// `after_day`: the `sept` abbreviation is only considered right after a day number.
    pub(super) fn month_at(&self, j: usize, after_day: bool) -> Option<(u32, usize)> {
        if after_day && !self.same_line(j) {
            return None;
        }
        match self.k(j)? {
            K::Month(m) => {
                if self.touching(j + 1) && matches!(self.k(j + 1), Some(K::Num(..))) {
                    return None;
                }
                Some((m as u32, j + 1))
            }
            K::Abbr(m) => self.abbr_tail(m as u32, j),
            K::NumWord(7) if after_day && self.word(j).eq_ignore_ascii_case("sept") => {
                self.abbr_tail(9, j)
            }
            _ => None,
        }
    }

    fn abbr_tail(&self, m: u32, j: usize) -> Option<(u32, usize)> {
        if self.is_p(j + 1, '.') && self.touching(j + 1) {
            return Some((m, j + 2));
        }
        if self.year_at(j + 1).is_some() {
            return Some((m, j + 1));
        }
        None
    }

    /// A four-digit year at `j` (1000..=2100) that is not part of a larger number or a quantity.
    pub(super) fn year_at(&self, j: usize) -> Option<(i32, usize)> {
        if !self.same_line(j) {
            return None;
        }
        match self.k(j)? {
            K::Num(v, 4) if (1000..=2100).contains(&v) => {
                if self.touching(j + 1) {
                    match self.k(j + 1) {
                        Some(K::Word | K::Kw(_) | K::Num(..) | K::Month(_) | K::NumWord(_)) => {
                            return None;
                        }
                        Some(K::P('.' | ',' | '/' | ':'))
                            if matches!(self.k(j + 2), Some(K::Num(..)))
                                && self.touching(j + 2) =>
                        {
                            return None;
                        }
                        Some(K::P('%' | '€' | '$')) => return None,
                        _ => {}
                    }
                }
                Some((v as i32, j + 1))
            }
            _ => None,
        }
    }

    /// The word at `j` is a unit or a counted noun (`2000 morts`, `1500 km`).
    pub(super) fn quantity_after(&self, j: usize) -> bool {
        if !self.same_line(j) {
            return false;
        }
        match self.k(j) {
            Some(K::P('%' | '€' | '$' | '£')) => true,
            Some(K::Kw(Kw::Ans | Kw::Annees | Kw::Jours | Kw::Semaines | Kw::Mois)) => true,
            Some(K::Word) => {
                let w = self.word(j);
                if w.chars().next().is_some_and(|c| c.is_uppercase()) {
                    return false;
                }
                const UNITS: &[&str] = &[
                    "km", "m", "kg", "t", "ha", "mm", "cm", "mw", "gw", "kw", "mètres", "euros",
                    "dollars",
                ];
                const FUNCTION_S: &[&str] = &[
                    "puis",
                    "mais",
                    "sous",
                    "sans",
                    "vers",
                    "lors",
                    "alors",
                    "jamais",
                    "pas",
                    "très",
                    "tous",
                    "toutes",
                    "nous",
                    "vous",
                    "ils",
                    "elles",
                    "selon",
                    "désormais",
                    "lorsqu",
                    "pendant",
                ];
                if UNITS.contains(&w) {
                    return true;
                }
                (w.ends_with('s') || w.ends_with('x')) && !FUNCTION_S.contains(&w)
            }
            _ => false,
        }
    }

    pub(super) fn qual_at(&self, j: usize) -> Option<Qual> {
        if !self.same_line(j) {
            return None;
        }
        match self.k(j)? {
            K::Kw(Kw::Dernier | Kw::Passe) => Some(Qual::Past),
            K::Kw(Kw::Prochain) => Some(Qual::Future),
            _ => None,
        }
    }

    /// `[weekday] day [month [year]]` starting at `j`.
    pub(super) fn point_at(&self, j: usize) -> Option<Point> {
        let mut j = j;
        let mut wd = None;
        if let Some(K::Wd(w)) = self.k(j) {
            wd = Some(w);
            j += 1;
            if !self.same_line(j) {
                return None;
            }
        }
        let (day, j2) = self.day_at(j)?;
        let mut p = Point {
            day,
            month: None,
            year: None,
            wd,
            end_tok: j2,
        };
        if let Some((m, j3)) = self.month_at(j2, true) {
            p.month = Some(m);
            p.end_tok = j3;
            if let Some((y, j4)) = self.year_at(j3) {
                p.year = Some(y);
                p.end_tok = j4;
            }
        } else if let Some((m, y, j4)) = self.dashed_month_year(j2) {
            p.month = Some(m);
            p.year = Some(y);
            p.end_tok = j4;
        }
        Some(p)
    }

    /// `-mars-2018` after a day at `j - 1` (`12-mars-2018`, `12-mar-2018`, the dateline of some
    /// sites and of URLs): dashes glued on both sides, and the year required (`26-29 août` is
    /// a range, not this).
    fn dashed_month_year(&self, j: usize) -> Option<(u32, i32, usize)> {
        let glued = |k: usize| self.is_dash(k) && self.touching(k) && self.touching(k + 1);
        if !glued(j) {
            return None;
        }
        let m = match self.k(j + 1)? {
            K::Month(m) | K::Abbr(m) => m as u32,
            _ => return None,
        };
        if !glued(j + 2) {
            return None;
        }
        let (y, end) = self.year_at(j + 3)?;
        Some((m, y, end))
    }

    /// Tries every matcher at token `i`.
    pub(super) fn at(&self, i: usize) -> Option<Hit> {
        match self.k(i)? {
            K::Num(..) => self
                .numeric(i)
                .or_else(|| self.day_month(i))
                .or_else(|| self.year(i)),
            K::Kw(Kw::Le | Kw::Ce | Kw::Du | Kw::Les | Kw::Entre) => self
                .numeric(i)
                .or_else(|| self.day_month(i))
                .or_else(|| self.relative(i))
                .or_else(|| self.weekday(i))
                .or_else(|| self.year(i)),
            K::Wd(_) => self.day_month(i).or_else(|| self.weekday(i)),
            K::Kw(Kw::Premier) => self.day_month(i),
            K::Month(_) | K::Abbr(_) => self.month(i),
            K::Kw(Kw::Debut | Kw::Fin | Kw::Courant | Kw::Mi) => {
                self.month(i).or_else(|| self.year(i))
            }
            K::Kw(Kw::Saison) => self.year(i),
            K::Kw(_) => self.relative(i),
            _ => None,
        }
    }
}
