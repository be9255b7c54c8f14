//! Datelines: which explicit day of the text is the article's own date, and how strongly the
//! line says so.
//!
//! Two tables drive it. [`LABELS`] lists the words that announce a date on a publication line
//! (`Publié le`, `Mis en ligne le`, `Mis à jour le`, `Date de publication :`…) with what they
//! say; a date takes the nearest label before it on its line, so `Publié le 12 mars | Mis à
//! jour le 13 mars` gives each date its own label. [`SHAPES`] lists the unlabelled lines that
//! still date an article (a bare date line, a site or byline before the date, an agency lead,
//! an agency credit), each a small named test. Numeric (`12/03/2018`, `12.03.18`,
//! `12-03-2018`), dashed (`12-mars-2018`) and spelled-out dates are all parsed upstream by
//! the date grammar, so every shape works with every way of writing the date.

use crate::core::model::{DateMention, DateValue, Precision};

/// Strength of a dateline: an explicit publication line beats a bare short date line, which
/// beats an update line (an update says when the article was last changed, not written).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Strength {
    /// `Mis à jour le …`
    Updated,
    /// A short date line near the head, or an agency credit `(©AFP / 12 avril 2018)`.
    Short,
    /// `Publié le …`
    Published,
}

/// Words that announce a date on a publication line, lower case, longest first among those
/// that share a start (the first that ends nearest the date wins).
pub(super) const LABELS: &[(&str, Strength)] = &[
    ("date de publication", Strength::Published),
    ("publié le", Strength::Published),
    ("publiée le", Strength::Published),
    ("publie le", Strength::Published),
    ("publié", Strength::Published),
    ("mis en ligne le", Strength::Published),
    ("mis en ligne", Strength::Published),
    ("paru le", Strength::Published),
    ("dernière mise à jour", Strength::Updated),
    ("mis à jour le", Strength::Updated),
    ("mis à jour", Strength::Updated),
    ("mise à jour", Strength::Updated),
    ("modifié le", Strength::Updated),
    ("modifié", Strength::Updated),
    ("actualisé le", Strength::Updated),
    ("actualisé", Strength::Updated),
];

/// An unlabelled line shape that dates an article: its name (for tests) and its test.
pub(super) struct Shape {
    /// What the shape is, as in the tests.
    pub name: &'static str,
    /// Whether the date at hand is in this shape.
    pub test: fn(&Line) -> bool,
    /// Only near the head of the text (a bare date deep in the text is a teaser or a stamp).
    pub head_only: bool,
}

/// The unlabelled shapes, each tested in `tests/published_golden.toml`.
pub(super) const SHAPES: &[Shape] = &[
    Shape {
        // `12 mars 2018 à 10h05`, `— 12 mars 2018 —`, `12/03/2018 10:05 | Par Jean Dupont`
        name: "bare_date_line",
        test: bare_date_line,
        head_only: true,
    },
    Shape {
        // `Le Figaro | 12 mars 2018`, `Par Jean Dupont - 12/03/2018 - 10:05`, `Jean Dupont, le …`
        name: "site_or_byline_before",
        test: site_or_byline_before,
        head_only: true,
    },
    Shape {
        // `BEYROUTH (AFP) - 12 mars 2018 -`, `Moscou, 5 mars 2019 (AFP) —`
        name: "agency_lead",
        test: agency_lead,
        head_only: true,
    },
    Shape {
        // `(©AFP / 12 avril 2018 08h03)`, anywhere in the text
        name: "agency_credit",
        test: agency_credit,
        head_only: false,
    },
];

/// One date mention seen on its line.
pub(super) struct Line<'a> {
    /// The line up to the date, trimmed.
    pub before: &'a str,
    /// The rest of the line after the date, up to the next label (`| Mis à jour …`).
    pub after: &'a str,
    /// The whole line, trimmed.
    pub line: &'a str,
    /// Byte offset of the date in `line`-relative terms (for the agency credit).
    pub at: usize,
    /// The date opens with its determiner (`le 12/03/2018`), as after a byline.
    pub led: bool,
}

/// The best dateline among explicit full dates (strongest, then first): a publication line,
/// an unlabelled shape near the head, an update line.
pub(super) fn best_dateline(text: &str, mentions: &[DateMention]) -> Option<(DateValue, Strength)> {
    let head_limit = (text.len() / 4).max(600);
    let mut best: Option<(DateValue, Strength)> = None;
    for m in mentions
        .iter()
        .filter(|m| m.value.precision == Precision::Day && m.end.is_none())
    {
        let (start, end) = (m.span.start, m.span.end);
        let (Some(head), Some(tail)) = (text.get(..start), text.get(end..)) else {
            continue;
        };
        let ls = head.rfind('\n').map_or(0, |i| i + 1);
        let le = tail.find('\n').map_or(text.len(), |i| end + i);
        let raw_line = text.get(ls..le).unwrap_or("");
        // A label sits right before its date: the last 160 bytes of a long line are enough
        // (a line cut there is long, so its label cannot open it).
        let raw_before = head.get(ls..).unwrap_or("");
        let mut cut = raw_before.len().saturating_sub(160);
        while !raw_before.is_char_boundary(cut) {
            cut += 1;
        }
        let lower_before = raw_before.get(cut..).unwrap_or("").to_lowercase();
        let raw_after = text.get(end..le).unwrap_or("");
        let after = raw_after
            .get(..next_label_at(raw_after).unwrap_or(raw_after.len()))
            .unwrap_or(raw_after);
        let line = Line {
            before: raw_before.trim(),
            after,
            line: raw_line.trim(),
            at: start - ls,
            led: m
                .text
                .get(..3)
                .is_some_and(|d| d.eq_ignore_ascii_case("le ")),
        };
        let strength = match label_before(&lower_before) {
            Some((st, at_start)) if at_start || (line.line.len() <= 160 && tail_is_time(after)) => {
                Some(st)
            }
            Some(_) => None,
            None => unlabelled_shape(&line, ls <= head_limit).map(|_| Strength::Short),
        };
        if let Some(st) = strength
            && best.is_none_or(|(_, b)| st > b)
        {
            best = Some((m.value, st));
        }
    }
    best
}

/// The name of the first unlabelled shape the date at hand is in (`near_head`: the line
/// starts in the head of the text).
pub(super) fn unlabelled_shape(line: &Line, near_head: bool) -> Option<&'static str> {
    SHAPES
        .iter()
        .find(|s| (near_head || !s.head_only) && (s.test)(line))
        .map(|s| s.name)
}

/// The label that applies to a date whose line starts with `before` (lower case): the label
/// ending nearest the date, if only glue (`le`, `:`, a weekday abbreviation, a byline `par
/// …`) separates them; and whether the label opens the line (after separators or a site name
/// of a few words).
fn label_before(before: &str) -> Option<(Strength, bool)> {
    let (pos, len, st) = LABELS
        .iter()
        .filter_map(|(w, st)| before.rfind(w).map(|p| (p, w.len(), *st)))
        .max_by_key(|(p, len, _)| (p + len, *len))?;
    let gap = before.get(pos + len..)?.trim();
    if !is_glue(gap) {
        return None;
    }
    let lead = before.get(..pos)?.trim();
    let at_start = lead.is_empty()
        || (lead.chars().count() <= 40
            && lead.ends_with(['|', '-', '–', '—', ',', '•', '/', ':'])
            // A lead holding a date is another label's dateline, not a byline.
            && !lead.contains(|c: char| c.is_ascii_digit()));
    Some((st, at_start))
}

/// What may stand between a label and its date: nothing, `:`, `le`, a weekday abbreviation
/// (`mar.`), a byline (`par Jean Dupont le`).
fn is_glue(gap: &str) -> bool {
    let gap = gap.trim_start_matches([':', ' ', '\u{a0}']);
    if gap.is_empty() || gap == "le" || gap == ":" {
        return true;
    }
    if let Some(rest) = gap.strip_prefix("par ") {
        return rest.chars().count() <= 40 && !rest.contains(['.', ';']);
    }
    gap.chars().count() <= 8 && !gap.contains(|c: char| c.is_ascii_digit())
}

/// Byte offset of the next label in `after` (the date's own part of the line ends there).
fn next_label_at(after: &str) -> Option<usize> {
    let lower = after.to_lowercase();
    // Offsets are taken in the lower-cased copy: only valid when lower-casing kept the length.
    if lower.len() != after.len() {
        return None;
    }
    LABELS.iter().filter_map(|(w, _)| lower.find(w)).min()
}

/// What follows the date is at most a clock time, a time zone, a short parenthesis, a reading
/// time or a byline (`à 10h05`, `- 14:26 (heure de Paris)`, `| Par X`, `par Jean Dupont`),
/// not prose (`Attentat du 13 novembre 2015 : le procès` is a title, not a dateline).
pub(super) fn tail_is_time(after: &str) -> bool {
    let core = without_byline(after);
    let mut letters = 0;
    let mut depth = 0usize;
    let mut in_paren = 0;
    for w in core.split_inclusive(|c: char| !c.is_alphabetic()) {
        let word = w.trim_end_matches(|c: char| !c.is_alphabetic());
        let n = word.chars().count();
        if depth > 0 {
            in_paren += n;
        } else if !TIME_WORDS.iter().any(|t| word.eq_ignore_ascii_case(t)) {
            letters += n;
        }
        match w.chars().last() {
            Some('(') => depth += 1,
            Some(')') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    letters <= 4 && in_paren <= 24
}

/// Words of a clock time or a time zone.
const TIME_WORDS: &[&str] = &["à", "h", "gmt", "utc", "heure", "heures", "min", "cet"];

/// `after` without a trailing byline or reading time: one after a separator (`| Par X`,
/// `— Lecture 3 min`), or `par` and a name of capitalised words that ends the line.
fn without_byline(after: &str) -> &str {
    for (i, c) in after.char_indices() {
        let rest = after.get(i + c.len_utf8()..).unwrap_or("").trim_start();
        let cut = match c {
            '|' | '—' | '–' | '-' | '•' | ',' => is_byline(rest),
            ' ' => {
                rest.get(..4)
                    .is_some_and(|p| p.eq_ignore_ascii_case("par "))
                    && rest.split_whitespace().count() <= 4
                    && rest
                        .split_whitespace()
                        .skip(1)
                        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            }
            _ => false,
        };
        if cut {
            return &after[..i];
        }
    }
    after
}

/// A byline or a reading time opens `s` (`Par Jean Dupont`, `Lecture 3 min`).
fn is_byline(s: &str) -> bool {
    let head: String = s.chars().take(8).flat_map(char::to_lowercase).collect();
    head.starts_with("par ") || head.starts_with("lecture") || head.starts_with("by ")
}

/// `12 mars 2018 à 10h05`, `— 12 mars 2018 —`: nothing but separators before the date.
fn bare_date_line(l: &Line) -> bool {
    l.before
        .chars()
        .all(|c| matches!(c, '-' | '–' | '—' | '|' | '•' | '(' | '[') || c.is_whitespace())
        && l.line.chars().count() <= 80
        && tail_is_time(l.after)
}

/// `Le Figaro | 12 mars 2018`, `Par Jean Dupont - 12/03/2018 - 10:05`, `(AFP) 12 mars 2018`,
/// `Par la rédaction le 12/03/2018`: a short site name or byline, then a separator (or `le`
/// after a name), then the date and a time at most.
fn site_or_byline_before(l: &Line) -> bool {
    let b = l.before;
    let separated = b.ends_with(['|', '-', '–', '—', ',', '•', ':', '/', ')']);
    // `le` alone joins a name to its date, not prose to its date (`Il est arrivé le …`).
    let named = (l.led || b.ends_with(" le"))
        && (is_byline(b)
            || b.split_whitespace()
                .filter(|w| !w.eq_ignore_ascii_case("le"))
                .all(|w| {
                    w.chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
                }));
    !b.is_empty()
        && b.chars().count() <= 40
        && (separated || named)
        && l.line.chars().count() <= 100
        && tail_is_time(l.after)
}

/// `MOSCOU, 5 mars 2019 (AFP) - …`, `BEYROUTH (AFP) - 12 mars 2018 -`, `Beyrouth, 12 mars
/// 2018 (AFP) —`: a place (in capitals, or with an agency) before the date, an agency or a
/// dash after it.
fn agency_lead(l: &Line) -> bool {
    let after = l.after.trim_start();
    let b = l.before;
    let capitals = b.split_whitespace().all(|w| {
        w.chars()
            .find(|c| c.is_alphabetic())
            .is_none_or(char::is_uppercase)
    });
    let head = after
        .char_indices()
        .nth(20)
        .map_or(after, |(i, _)| &after[..i]);
    let agency_after = after.starts_with('(') && has_agency(Some(head));
    !b.is_empty()
        && b.chars().count() <= 40
        && (capitals || has_agency(Some(b)) || agency_after)
        && (after.starts_with('(') || after.starts_with(['-', '–', '—']))
}

/// The date sits in parentheses with an agency or copyright mark: `(©AFP / 12 avril 2018 08h03)`.
fn agency_credit(l: &Line) -> bool {
    let at = l.at.min(l.line.len());
    let Some(head) = l.line.get(..at) else {
        return false;
    };
    let Some(open) = head.rfind('(') else {
        return false;
    };
    let inner = &head[open..];
    inner.len() <= 30 && (inner.contains('©') || has_agency(Some(inner)))
}

/// `s` names a news agency (`AFP`, `Reuters`, `AP `, `ATS`, `Belga`, `APS`, `MAP`, `ANSA`).
fn has_agency(s: Option<&str>) -> bool {
    const AGENCIES: &[&str] = &[
        "AFP", "Reuters", "AP ", "AP)", "ATS", "Belga", "APS", "ANSA",
    ];
    s.is_some_and(|s| AGENCIES.iter().any(|a| s.contains(a)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line<'a>(before: &'a str, after: &'a str, line: &'a str) -> Line<'a> {
        Line {
            before,
            after,
            line,
            at: before.len(),
            led: false,
        }
    }

    /// Each shape accepts its own example and refuses prose that looks like it.
    #[test]
    fn every_shape_has_a_case_and_a_trap() {
        let cases: &[(&str, &str, &str, Option<&str>)] = &[
            (
                "",
                " à 10h05",
                "12 mars 2018 à 10h05",
                Some("bare_date_line"),
            ),
            ("—", " —", "— 12 mars 2018 —", Some("bare_date_line")),
            (
                "",
                " 10:05 | Par Jean Dupont",
                "12/03/2018 10:05 | Par Jean Dupont",
                Some("bare_date_line"),
            ),
            (
                "Le Figaro |",
                "",
                "Le Figaro | 12 mars 2018",
                Some("site_or_byline_before"),
            ),
            (
                "Par Jean Dupont -",
                " - 10:05",
                "Par Jean Dupont - 12 mars 2018 - 10:05",
                Some("site_or_byline_before"),
            ),
            (
                "Jean Dupont,",
                " à 10:05",
                "Jean Dupont, le 12/03/2018 à 10:05",
                Some("site_or_byline_before"),
            ),
            (
                "BEYROUTH (AFP) -",
                " - Les rebelles",
                "BEYROUTH (AFP) - 12 mars 2018 - Les rebelles",
                Some("agency_lead"),
            ),
            (
                "Beyrouth,",
                " (AFP) — Les rebelles",
                "Beyrouth, 12 mars 2018 (AFP) — Les rebelles",
                Some("agency_lead"),
            ),
            (
                "Le ministre a parlé le",
                " à Paris devant les députés",
                "Le ministre a parlé le 12 mars 2018 à Paris devant les députés",
                None,
            ),
            (
                "Attentat du",
                " : le procès s'ouvre",
                "Attentat du 13 novembre 2015 : le procès s'ouvre",
                None,
            ),
            (
                "Beyrouth,",
                " les rebelles ont fui",
                "Beyrouth, 12 mars 2018 les rebelles ont fui",
                None,
            ),
        ];
        for (before, after, l, want) in cases {
            assert_eq!(
                unlabelled_shape(&line(before, after, l), true),
                *want,
                "{l}"
            );
        }
        let credit = Line {
            before: "Le texte. (©AFP /",
            after: " 08h03)",
            line: "Le texte. (©AFP / 12 avril 2018 08h03)",
            at: "Le texte. (©AFP / ".len(),
            led: false,
        };
        let prose = Line {
            led: true,
            ..line("Il est arrivé", ".", "Il est arrivé le 12 mars 2018.")
        };
        assert_eq!(unlabelled_shape(&prose, true), None);
        let byline = Line {
            led: true,
            ..line(
                "Par la rédaction",
                " à 10h05",
                "Par la rédaction le 12/03/2018 à 10h05",
            )
        };
        assert_eq!(
            unlabelled_shape(&byline, true),
            Some("site_or_byline_before")
        );
        assert_eq!(unlabelled_shape(&credit, false), Some("agency_credit"));
    }

    /// Each label applies to the date right after it, not across prose.
    #[test]
    fn labels_apply_to_the_nearest_date() {
        assert_eq!(label_before("publié"), Some((Strength::Published, true)));
        assert_eq!(
            label_before("par afp | publié"),
            Some((Strength::Published, true))
        );
        assert_eq!(
            label_before("publié le 12 mars 2018 à 10:05 | mis à jour"),
            Some((Strength::Updated, false))
        );
        assert_eq!(
            label_before("date de publication :"),
            Some((Strength::Published, true))
        );
        assert_eq!(
            label_before("mis en ligne"),
            Some((Strength::Published, true))
        );
        assert_eq!(
            label_before("dernière mise à jour :"),
            Some((Strength::Updated, true))
        );
        assert_eq!(
            label_before("publié par jean dupont"),
            Some((Strength::Published, true))
        );
        assert_eq!(
            label_before("l'onu a publié"),
            Some((Strength::Published, false))
        );
        assert_eq!(label_before("publié un rapport sur les combats du"), None);
        assert_eq!(label_before("le figaro |"), None);
    }

    #[test]
    fn tails_that_are_times_and_tails_that_are_prose() {
        for t in [
            "",
            " à 10h05",
            " - 14:26",
            " à 10:05 (heure de Paris)",
            " 09:30 GMT",
            ", 10:05, par Jean Dupont, envoyé spécial",
            " — Lecture 3 min",
            " | Par Jean Dupont",
        ] {
            assert!(tail_is_time(t), "{t:?}");
        }
        for t in [
            " : le procès s'ouvre",
            " un rapport accablant",
            " les rebelles ont fui",
            " par l'ONU dénonce les exactions commises",
            " (une longue parenthèse qui raconte toute une histoire)",
        ] {
            assert!(!tail_is_time(t), "{t:?}");
        }
    }
}
