//! French temporal expressions: find them in text and resolve them against a reference date.
//!
//! The text is tokenized once ([`lex`]); matchers then walk the tokens left to right and take
//! the first expression that starts at each position, so spans never overlap. Words are
//! classified into enums while tokenizing, which keeps matching allocation-free and linear.
//!
//! What is recognised:
//! - full and partial dates: `le 28 septembre 2017`, `1er mars`, `jeudi 14 février`,
//!   `28/09/2017`, `12.03.2018`, `2017-09-28`, ranges `du 26 au 29 août`, `les 29 et 30 janvier`,
//!   `26-29 août`, `entre le 5 et le 8 mars`;
//! - months: `mars 2011`, `octobre dernier`, `depuis décembre`, `début février`, `mi-octobre`;
//! - years: `en 2011`, `depuis 2016`, `début 2019`, `fin 2018`, `mi-2017`, `entre 2011 et 2015`;
//! - relative expressions (kind `Relative`): `hier`, `aujourd'hui`, `avant-hier`, `demain`,
//!   `la veille`, `le lendemain`, `ce week-end`, `la semaine dernière`, `le mois dernier`,
//!   `l'an dernier`, `il y a trois ans`…;
//! - weekdays (kind `Weekday`): `samedi`, `mercredi dernier`, `jeudi prochain`.
//!
//! Day + month without a year resolve against the reference (the article's date), never
//! against the previous date found; only `la veille` / `le lendemain` follow the text.

mod lex;
mod resolve;

use crate::core::model::{DateKind, DateMention, DateValue, Precision, Span};
use chrono::{Datelike, NaiveDate};
use lex::{K, Kw, Tok};
use resolve::{Qual, Ref};

/// French month names, January first, as written in running text.
pub const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// French weekday names, Monday first.
pub const WEEKDAYS_FR: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

/// Finds every temporal expression in `text`, resolved against `reference` (the article's
/// publication date; `None` leaves expressions that need it unresolved and drops them).
///
/// A leading ` date YYYY-MM` marker is metadata and is skipped. Spans are sorted and disjoint.
pub fn find_dates(text: &str, reference: Option<DateValue>) -> Vec<DateMention> {
    let toks = lex::tokenize(text);
    scan(text, &toks, reference)
}

/// A tokenized text, to run several date scans (publication date, then resolved dates) without
/// tokenizing twice. Only valid for the text it was built from.
pub struct Tokens(Vec<Tok>, usize);

impl Tokens {
    /// Tokenizes `text`.
    pub fn new(text: &str) -> Self {
        Self(lex::tokenize(text), text.len())
    }
    /// `find_dates` on the text these tokens came from.
    pub fn find_dates(&self, text: &str, reference: Option<DateValue>) -> Vec<DateMention> {
        if self.1 != text.len() {
            return find_dates(text, reference);
        }
        scan(text, &self.0, reference)
    }
    /// The explicit dates that need no reference and the `weekday day month` without a year
    /// (what the publication-date detector needs).
    pub fn explicit_and_weekday_dates(&self, text: &str) -> (Vec<DateMention>, Vec<WeekdayDate>) {
        if self.1 != text.len() {
            let t = Tokens::new(text);
            return (scan(text, &t.0, None), weekdays_in(text, &t.0));
        }
        (scan(text, &self.0, None), weekdays_in(text, &self.0))
    }
}

fn scan(text: &str, toks: &[Tok], reference: Option<DateValue>) -> Vec<DateMention> {
    let body = text.len() - crate::core::extract::marker::strip_marker(text).len();
    let mut p = Parser {
        text,
        t: toks,
        r: reference.map(Ref::new),
        out: Vec::new(),
        last_day: None,
    };
    let mut i = toks.iter().position(|t| t.s >= body).unwrap_or(toks.len());
    while i < toks.len() {
        match p.at(i) {
            Some(m) => {
                if m.kind == DateKind::Explicit && m.value.precision == Precision::Day {
                    p.last_day = Some(m.end.unwrap_or(m.value).start);
                }
                let end_tok = m.end_tok.max(i + 1);
                p.push(m);
                i = end_tok;
            }
            None => i += 1,
        }
    }
    p.out
}

/// A weekday written with a day and month but no year (`jeudi 14 février`): the raw parts,
/// for inferring the year of an undated article. Weekday 0 = Monday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekdayDate {
    /// Where it is.
    pub span: Span,
    /// 0 = Monday.
    pub weekday: u8,
    /// Day of month.
    pub day: u32,
    /// Month 1..=12.
    pub month: u32,
}

/// Every `weekday day month` without a written year.
pub fn weekday_dates(text: &str) -> Vec<WeekdayDate> {
    weekdays_in(text, &lex::tokenize(text))
}

fn weekdays_in(text: &str, toks: &[Tok]) -> Vec<WeekdayDate> {
    let p = Parser {
        text,
        t: toks,
        r: None,
        out: Vec::new(),
        last_day: None,
    };
    let mut out = Vec::new();
    for (i, tok) in toks.iter().enumerate() {
        if let K::Wd(w) = tok.k
            && let Some((d, j)) = p.day_at(i + 1)
            && let Some((m, j2)) = p.month_at(j, true)
            && p.year_at(j2).is_none()
        {
            out.push(WeekdayDate {
                span: Span::new(tok.s, toks[j2 - 1].e),
                weekday: w,
                day: d,
                month: m,
            });
        }
    }
    out
}

/// A match before it becomes a `DateMention`.
struct Hit {
    s: usize,
    end_tok: usize,
    value: DateValue,
    end: Option<DateValue>,
    kind: DateKind,
}

struct Parser<'a> {
    text: &'a str,
    t: &'a [Tok],
    r: Option<Ref>,
    out: Vec<DateMention>,
    last_day: Option<NaiveDate>,
}

/// A date point as parsed before resolution.
#[derive(Clone, Copy)]
struct Point {
    day: u32,
    month: Option<u32>,
    year: Option<i32>,
    wd: Option<u8>,
    end_tok: usize,
}

impl<'a> Parser<'a> {
    fn push(&mut self, h: Hit) {
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

    fn k(&self, j: usize) -> Option<K> {
        self.t.get(j).map(|t| t.k)
    }
    fn is_kw(&self, j: usize, kw: Kw) -> bool {
        self.k(j) == Some(K::Kw(kw))
    }
    /// Token `j` exists and continues the line of token `j - 1`.
    fn same_line(&self, j: usize) -> bool {
        self.t.get(j).is_some_and(|t| !t.nl)
    }
    /// Tokens `j - 1` and `j` touch (no space between).
    fn touching(&self, j: usize) -> bool {
        j > 0 && j < self.t.len() && self.t[j - 1].e == self.t[j].s
    }
    fn is_p(&self, j: usize, c: char) -> bool {
        self.k(j) == Some(K::P(c))
    }
    fn is_dash(&self, j: usize) -> bool {
        matches!(self.k(j), Some(K::P('-' | '‐' | '‑' | '–' | '—')))
    }
    fn is_apos(&self, j: usize) -> bool {
        matches!(self.k(j), Some(K::P(c)) if lex::apostrophe(c))
    }
    fn word(&self, j: usize) -> &'a str {
        self.t
            .get(j)
            .and_then(|t| self.text.get(t.s..t.e))
            .unwrap_or("")
    }

    /// The number at `j` is a standalone number, not the tail of `3,15`, `10:30`, `1.000`.
    fn num_free_before(&self, j: usize) -> bool {
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
    fn day_at(&self, j: usize) -> Option<(u32, usize)> {
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
    fn month_at(&self, j: usize, after_day: bool) -> Option<(u32, usize)> {
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
    fn year_at(&self, j: usize) -> Option<(i32, usize)> {
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
    fn quantity_after(&self, j: usize) -> bool {
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

    fn qual_at(&self, j: usize) -> Option<Qual> {
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
    fn point_at(&self, j: usize) -> Option<Point> {
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
        }
        Some(p)
    }

    /// Tries every matcher at token `i`.
    fn at(&self, i: usize) -> Option<Hit> {
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

    /// Numeric dates: `28/09/2017`, `12.03.2018`, `12-03-2018`, `2018-03-12`, `28/09/17`.
    fn numeric(&self, i: usize) -> Option<Hit> {
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
        } else if na == 2 && nb == 2 && nc == 2 && sep == '/' {
            let y = if c <= 49 { 2000 + c } else { 1900 + c };
            NaiveDate::from_ymd_opt(y as i32, b, a)
        } else {
            None
        }?;
        if !(1000..=2100).contains(&date.year()) {
            return None;
        }
        Some(Hit {
            s,
            end_tok: j + 5,
            value: DateValue::day(date),
            end: None,
            kind: DateKind::Explicit,
        })
    }

    /// Day + month (+ year), with optional determiner and weekday, and day ranges.
    fn day_month(&self, i: usize) -> Option<Hit> {
        let s = self.t[i].s;
        let mut j = i;
        let mut det = None;
        if let Some(K::Kw(k @ (Kw::Le | Kw::Ce | Kw::Du | Kw::Les | Kw::Entre))) = self.k(j) {
            det = Some(k);
            j += 1;
            if k == Kw::Entre && self.is_kw(j, Kw::Le) {
                j += 1;
            }
        }
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
        // A range: `du 26 au 29 août`, `les 29 et 30 janvier`, `26-29 août`, `du 30 avril au 2 mai`.
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
        let mut p2 = None;
        if connector && self.same_line(k + 1) {
            k += 1;
            if self.is_kw(k, Kw::Le) {
                k += 1;
            }
            if let Some(p) = self.point_at(k).filter(|_| self.same_line(k)) {
                // `du 28 décembre 2018 au 3 janvier 2019` needs both years; `les 29 et 30 janvier`.
                let years_ok = p1.year.is_none() || p.year.is_some();
                let range_ok = p1.month.is_none() || det.is_some();
                if p.month.is_some() && years_ok && range_ok {
                    p2 = Some(p);
                }
            }
        }
        if p1.month.is_none() && p2.is_none() {
            return None;
        }
        match p2 {
            None => {
                let m = p1.month?;
                let mut end_tok = p1.end_tok;
                let (date, q) = match p1.year {
                    Some(y) => (NaiveDate::from_ymd_opt(y, m, p1.day)?, None),
                    None => {
                        let q = self.qual_at(end_tok);
                        if q.is_some() {
                            end_tok += 1;
                        }
                        let r = self.r.as_ref()?;
                        (
                            resolve::day_month(m, p1.day, r, q.unwrap_or(Qual::None), p1.wd)?,
                            q,
                        )
                    }
                };
                let _ = q;
                Some(Hit {
                    s,
                    end_tok,
                    value: DateValue::day(date),
                    end: None,
                    kind: DateKind::Explicit,
                })
            }
            Some(p2) => {
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
                        let r = self.r.as_ref()?;
                        let d1 = resolve::day_month(m1, p1.day, r, q.unwrap_or(Qual::None), p1.wd)?;
                        let y2 = if m2 < m1 { d1.year() + 1 } else { d1.year() };
                        (d1, NaiveDate::from_ymd_opt(y2, m2, p2.day)?)
                    }
                };
                if d2 < d1 {
                    return None;
                }
                Some(Hit {
                    s,
                    end_tok,
                    value: DateValue::day(d1),
                    end: Some(DateValue::day(d2)),
                    kind: DateKind::Explicit,
                })
            }
        }
    }

    /// Month + year, or a bare month in a dating context; with `début`/`fin`/`mi-`/`courant`.
    fn month(&self, i: usize) -> Option<Hit> {
        let s = self.t[i].s;
        let mut j = i;
        let mut modifier = false;
        match self.k(j)? {
            K::Kw(Kw::Debut | Kw::Fin | Kw::Courant) => {
                modifier = true;
                j += 1;
            }
            K::Kw(Kw::Mi) => {
                if !(self.is_dash(j + 1) && self.touching(j + 1) && self.touching(j + 2)) {
                    return None;
                }
                modifier = true;
                j += 2;
            }
            _ => {}
        }
        if modifier && !self.same_line(j) {
            return None;
        }
        let (m, j2) = self.month_at(j, false)?;
        if let Some((y, j3)) = self.year_at(j2) {
            return Some(Hit {
                s,
                end_tok: j3,
                value: DateValue::ym(y, m)?,
                end: None,
                kind: DateKind::Explicit,
            });
        }
        if matches!(self.k(j), Some(K::Abbr(_))) {
            return None;
        }
        // A bare month needs something that makes it a date.
        let prev = if i > 0 { self.k(i - 1) } else { None };
        let prev_ok = i > 0
            && !self.t[i].nl
            && match prev {
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
            };
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
        // `entre mars et mai 2015`, `de janvier à mars 2016`: the year written after the range.
        let later_year = if matches!(
            self.k(j2),
            Some(K::Kw(Kw::Et | Kw::A | Kw::Au)) | Some(K::P('-' | '–'))
        ) {
            self.month_at(j2 + 1, false)
                .and_then(|(m2, k)| self.year_at(k).map(|(y, _)| if m2 < m { y - 1 } else { y }))
        } else {
            None
        };
        let (y, m) = match later_year {
            Some(y) => (y, m),
            None => {
                let q = q.unwrap_or(if matches!(prev, Some(K::Kw(Kw::Depuis))) {
                    Qual::Since
                } else {
                    Qual::None
                });
                resolve::month(m, self.r.as_ref()?, q)?
            }
        };
        Some(Hit {
            s,
            end_tok,
            value: DateValue::ym(y, m)?,
            end: None,
            kind: DateKind::Explicit,
        })
    }

    /// Years in a dating context: `en 2011`, `depuis 2016`, `début 2019`, `mi-2017`, ranges.
    fn year(&self, i: usize) -> Option<Hit> {
        let s = self.t[i].s;
        let mut j = i;
        let mut modifier = false;
        let mut ctx = false;
        match self.k(j)? {
            K::Kw(Kw::Debut | Kw::Fin | Kw::Courant) => {
                modifier = true;
                j += 1;
            }
            K::Kw(Kw::Mi) => {
                if !(self.is_dash(j + 1) && self.touching(j + 1) && self.touching(j + 2)) {
                    return None;
                }
                modifier = true;
                j += 2;
            }
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
                modifier = true;
                j += 1;
            }
            K::Kw(Kw::Entre) => {
                ctx = true;
                j += 1;
            }
            _ => {}
        }
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
        // Ranges `entre 2011 et 2015`, `de 2014 à 2016`, `2011-2015`.
        let mut end = None;
        let mut end_tok = j2;
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
            end = DateValue::y(y2);
            end_tok = j3;
        }
        Some(Hit {
            s,
            end_tok,
            value: DateValue::y(y)?,
            end,
            kind: DateKind::Explicit,
        })
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

    /// Relative expressions.
    fn relative(&self, i: usize) -> Option<Hit> {
        let r = self.r?;
        let s = self.t[i].s;
        let rd = r.anchor;
        let day_hit = |end_tok: usize, d: Option<NaiveDate>| -> Option<Hit> {
            let value = if r.is_day() {
                DateValue::day(d?)
            } else {
                r.val
            };
            Some(Hit {
                s,
                end_tok,
                value,
                end: None,
                kind: DateKind::Relative,
            })
        };
        match self.k(i)? {
            K::Kw(Kw::Hier) => day_hit(i + 1, resolve::add_days(rd, -1)),
            K::Kw(Kw::Demain) => day_hit(i + 1, resolve::add_days(rd, 1)),
            K::Kw(Kw::Aujourd) if self.is_apos(i + 1) && self.is_kw(i + 2, Kw::Hui) => {
                day_hit(i + 3, Some(rd))
            }
            K::Kw(Kw::Avant) if self.is_dash(i + 1) && self.is_kw(i + 2, Kw::Hier) => {
                day_hit(i + 3, resolve::add_days(rd, -2))
            }
            K::Kw(Kw::Apres) if self.is_dash(i + 1) && self.is_kw(i + 2, Kw::Demain) => {
                day_hit(i + 3, resolve::add_days(rd, 2))
            }
            K::Kw(Kw::La | Kw::Le)
                if self.same_line(i + 1)
                    && matches!(self.k(i + 1), Some(K::Kw(Kw::Veille | Kw::Lendemain))) =>
            {
                // `la veille de l'ouverture` is relative to something else: skip.
                if matches!(self.k(i + 2), Some(K::Kw(Kw::De | Kw::D | Kw::Du))) {
                    return None;
                }
                let n = if self.is_kw(i + 1, Kw::Veille) { -1 } else { 1 };
                match self.last_day {
                    Some(d) => Some(Hit {
                        s,
                        end_tok: i + 2,
                        value: DateValue::day(resolve::add_days(d, n)?),
                        end: None,
                        kind: DateKind::Relative,
                    }),
                    None => day_hit(i + 2, resolve::add_days(rd, n)),
                }
            }
            K::Kw(kw @ (Kw::Ce | Kw::Le)) => {
                let mut j = i + 1;
                if !self.same_line(j) {
                    return None;
                }
                let weekend = if self.is_kw(j, Kw::Weekend) {
                    j += 1;
                    true
                } else if self.is_kw(j, Kw::Week)
                    && self.is_dash(j + 1)
                    && self.is_kw(j + 2, Kw::End)
                {
                    j += 3;
                    true
                } else {
                    false
                };
                if weekend {
                    let q = self.qual_at(j);
                    if q.is_some() {
                        j += 1;
                    } else if kw == Kw::Le {
                        return None;
                    }
                    let q = match q {
                        Some(q) => q,
                        None if self.future_near(i) => Qual::FromNow,
                        None => Qual::None,
                    };
                    let sat = if r.is_day() {
                        Some(resolve::weekday(5, rd, q))
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
                    return Some(Hit {
                        s,
                        end_tok: j,
                        value,
                        end,
                        kind: DateKind::Relative,
                    });
                }
                match (kw, self.k(j)) {
                    (Kw::Le, Some(K::Kw(Kw::Mois))) => {
                        let q = self.qual_at(j + 1)?;
                        let n = if q == Qual::Future { 1 } else { -1 };
                        let (y, m) = resolve::add_months(r.year(), r.val.start.month(), n)?;
                        let value = if r.val.precision == Precision::Year {
                            r.val
                        } else {
                            DateValue::ym(y, m)?
                        };
                        Some(Hit {
                            s,
                            end_tok: j + 2,
                            value,
                            end: None,
                            kind: DateKind::Relative,
                        })
                    }
                    (Kw::Ce, Some(K::Kw(Kw::Matin | Kw::Soir))) => day_hit(j + 1, Some(rd)),
                    // `ce mois-ci`, `ce mois`
                    (Kw::Ce, Some(K::Kw(Kw::Mois))) => {
                        let mut end_tok = j + 1;
                        if self.is_dash(end_tok) && self.is_kw(end_tok + 1, Kw::Ci) {
                            end_tok += 2;
                        }
                        let value = if r.val.precision == Precision::Year {
                            r.val
                        } else {
                            DateValue::ym(r.year(), r.val.start.month())?
                        };
                        Some(Hit {
                            s,
                            end_tok,
                            value,
                            end: None,
                            kind: DateKind::Relative,
                        })
                    }
                    _ => None,
                }
            }
            K::Kw(Kw::La) if self.is_kw(i + 1, Kw::Semaine) && self.same_line(i + 1) => {
                let q = self.qual_at(i + 2)?;
                let n = if q == Qual::Future { 7 } else { -7 };
                if !r.is_day() {
                    return Some(Hit {
                        s,
                        end_tok: i + 3,
                        value: r.val,
                        end: None,
                        kind: DateKind::Relative,
                    });
                }
                let mon = resolve::monday(resolve::add_days(rd, n)?);
                let sun = resolve::add_days(mon, 6)?;
                Some(Hit {
                    s,
                    end_tok: i + 3,
                    value: DateValue::day(mon),
                    end: Some(DateValue::day(sun)),
                    kind: DateKind::Relative,
                })
            }
            K::Kw(Kw::La) if self.is_kw(i + 1, Kw::Nuit) && self.same_line(i + 1) => {
                self.qual_at(i + 2).filter(|q| *q == Qual::Past)?;
                day_hit(i + 3, resolve::add_days(rd, -1))
            }
            K::Kw(Kw::Cette) if self.same_line(i + 1) => match self.k(i + 1)? {
                K::Kw(Kw::Annee) => Some(Hit {
                    s,
                    end_tok: i + 2,
                    value: DateValue::y(r.year())?,
                    end: None,
                    kind: DateKind::Relative,
                }),
                K::Kw(Kw::Nuit) => day_hit(i + 2, Some(rd)),
                K::Kw(Kw::Semaine) => {
                    if !r.is_day() {
                        return Some(Hit {
                            s,
                            end_tok: i + 2,
                            value: r.val,
                            end: None,
                            kind: DateKind::Relative,
                        });
                    }
                    let mon = resolve::monday(rd);
                    let sun = resolve::add_days(mon, 6)?;
                    Some(Hit {
                        s,
                        end_tok: i + 2,
                        value: DateValue::day(mon),
                        end: Some(DateValue::day(sun)),
                        kind: DateKind::Relative,
                    })
                }
                _ => None,
            },
            K::Kw(Kw::L)
                if self.is_apos(i + 1)
                    && matches!(self.k(i + 2), Some(K::Kw(Kw::An | Kw::Annee))) =>
            {
                let q = self.qual_at(i + 3)?;
                let y = if q == Qual::Future {
                    r.year() + 1
                } else {
                    r.year() - 1
                };
                Some(Hit {
                    s,
                    end_tok: i + 4,
                    value: DateValue::y(y)?,
                    end: None,
                    kind: DateKind::Relative,
                })
            }
            K::Kw(Kw::Il)
                if self.is_kw(i + 1, Kw::Y)
                    && self.is_kw(i + 2, Kw::A)
                    && self.same_line(i + 3) =>
            {
                let n: i64 = match self.k(i + 3)? {
                    K::Num(v, nd) if nd <= 3 => v as i64,
                    K::NumWord(v) => v as i64,
                    _ => return None,
                };
                if n == 0 {
                    return None;
                }
                let unit = self.k(i + 4)?;
                let end_tok = i + 5;
                let value = match unit {
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
                Some(Hit {
                    s,
                    end_tok,
                    value,
                    end: None,
                    kind: DateKind::Relative,
                })
            }
            _ => None,
        }
    }

    /// A bare weekday (`samedi`, `le mercredi`, `jeudi dernier`, `ce jeudi`).
    fn weekday(&self, i: usize) -> Option<Hit> {
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
        let q = match q {
            Some(q) => q,
            None if self.future_near(j) => Qual::FromNow,
            None => Qual::None,
        };
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

    fn vals(text: &str, r: &str) -> Vec<(String, String, Option<String>, DateKind)> {
        find_dates(text, DateValue::parse_iso(r))
            .into_iter()
            .map(|m| (m.text, m.value.iso(), m.end.map(|e| e.iso()), m.kind))
            .collect()
    }

    #[test]
    fn seeds_like_sentences() {
        let v = vals(
            " date 2017-09 la destruction, en novembre 2015, d'un bombardier, le 28 septembre, le 15 septembre à Astana",
            "2017-09",
        );
        let got: Vec<&str> = v.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(got, ["2015-11", "2017-09-28", "2017-09-15"]);
    }

    #[test]
    fn future_words() {
        assert!(is_future_word("organiseront"));
        assert!(is_future_word("tiendra"));
        assert!(is_future_word("sera"));
        assert!(!is_future_word("opéra"));
        assert!(!is_future_word("déclaré"));
    }

    /// Random soups of date-like fragments and odd characters never panic and always give
    /// sorted, disjoint spans on char boundaries whose text matches, with real dates.
    #[test]
    fn random_soups_keep_invariants() {
        const FRAGS: &[&str] = &[
            "le ",
            "1er ",
            "31 ",
            "29 ",
            "février ",
            "mars",
            "2018",
            "2100",
            "0000",
            "-",
            "/",
            ".",
            "é",
            "’",
            "'",
            "\n",
            " ",
            "du ",
            "au ",
            "et ",
            "il y a ",
            "trois ",
            "hier",
            "samedi ",
            "dernier ",
            "mi-",
            "début ",
            "99999999999",
            "entre ",
            "l",
            "an ",
            "semaine ",
            "la ",
            "veille",
            "ce ",
            "week-end ",
            "aujourd",
            "hui",
            "😀",
            "sept",
            "déc",
            "12",
            "03",
            "Publié le ",
            "(©AFP / ",
            ")",
            "— X (@x) ",
            "Lire aussi ",
            "20h50 ",
            "\r\n",
            "\u{2028}",
            "ﬁ",
            "İ",
            "ß",
        ];
        let refs = [
            None,
            DateValue::parse_iso("2018-12-29"),
            DateValue::parse_iso("2020-02"),
            DateValue::parse_iso("1999"),
            DateValue::ymd(262_000, 12, 31),
            DateValue::ymd(-262_000, 1, 1),
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let n = (next() % 40) as usize;
            let text: String = (0..n)
                .map(|_| FRAGS[(next() % FRAGS.len() as u64) as usize])
                .collect();
            for r in refs {
                let got = find_dates(&text, r);
                for m in &got {
                    assert!(
                        text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end),
                        "{text:?}"
                    );
                    assert_eq!(&text[m.span.start..m.span.end], m.text);
                    if let Some(e) = m.end {
                        assert!(e.start >= m.value.start, "{text:?}");
                    }
                }
                for w in got.windows(2) {
                    assert!(w[0].span.end <= w[1].span.start, "{text:?}");
                }
            }
            let _ = crate::core::extract::published::detect(&text, &text, Some(&text));
            for f in crate::core::extract::furniture::furniture_ranges(&text) {
                assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
            }
        }
    }

    #[test]
    fn marker_is_not_a_date() {
        assert!(vals(" date 2021-10 rien", "2021-10").is_empty());
    }
}
