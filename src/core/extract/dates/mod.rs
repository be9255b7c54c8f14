//! French temporal expressions: find them in text and resolve them against a reference date.
//!
//! The text is tokenized once ([`lex`]); matchers then walk the tokens left to right and take
//! the first expression that starts at each position, so spans never overlap. Words are
//! classified into enums while tokenizing, which keeps matching allocation-free and linear.
//! The matchers are methods of one [`parser::Parser`], by grammar: [`parser`] holds the parts
//! (a day, a month name, a year, a qualifier) and tries the grammars at each token;
//! [`absolute`] parses numeric dates, days, months and years, [`ranges`] the second half of a
//! range, [`relative`] relative expressions and weekdays; [`resolve`] anchors partial dates to
//! the reference.
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

mod absolute;
mod lex;
mod parser;
mod ranges;
mod relative;
mod resolve;

use crate::core::model::{DateKind, DateMention, DateValue, Precision, Span};
use lex::{K, Tok};
use parser::Parser;
use resolve::Ref;

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
    /// `find_dates` for a text with no date of its own: a day or month without a written
    /// year takes the year the text last stated before it (`En 2015, … le 12 mars` is
    /// 2015-03-12), else `fallback` (a year-precision stand-in, or `None`: left out).
    pub fn find_dates_in_stated_years(
        &self,
        text: &str,
        fallback: Option<DateValue>,
    ) -> Vec<DateMention> {
        if self.1 != text.len() {
            return scan_with(text, &lex::tokenize(text), fallback, true);
        }
        scan_with(text, &self.0, fallback, true)
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
    scan_with(text, toks, reference, false)
}

/// The scan; `follow_stated_years`: for undated texts, a day-month takes the year the text
/// stated last before it (see [`Tokens::find_dates_in_stated_years`]).
fn scan_with(
    text: &str,
    toks: &[Tok],
    reference: Option<DateValue>,
    follow_stated_years: bool,
) -> Vec<DateMention> {
    let body = text.len() - crate::core::extract::marker::strip_marker(text).len();
    let mut p = Parser::new(text, toks, reference.map(Ref::new));
    p.follow_stated_years = follow_stated_years;
    let mut i = toks.iter().position(|t| t.s >= body).unwrap_or(toks.len());
    while i < toks.len() {
        match p.at(i) {
            Some(m) => {
                if m.kind == DateKind::Explicit && m.value.precision == Precision::Day {
                    p.last_day = Some(m.end.unwrap_or(m.value).start);
                }
                let end_tok = m.end_tok.max(i + 1);
                let before = p.out.len();
                p.push(m);
                if follow_stated_years
                    && p.out.len() > before
                    && let Some(y) = p.out.last().and_then(|m| p.anchoring_year(i, end_tok, m))
                {
                    p.stated_year = Some(y);
                }
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
    let p = Parser::new(text, toks, None);
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
