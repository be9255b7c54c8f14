//! Names inside other names: a place name that is only a part of the name of an organisation,
//! a military operation or unit, a news outlet or a site's rubric is no place mention
//! (`Parti des travailleurs du Kurdistan (PKK)`, `opération «Bouclier de l'Euphrate»`,
//! `la brigade Al-Qods`, `le site d'information kurde Rojava`, `NOUVELLES D'IRAK`).
//!
//! Each test reads the written text around a name at tokens `[t0, t1)`: what frames it, not
//! the name itself. Words are folded (`text::fold_words`).

use super::cues::is_function_word;
use crate::core::text::{FoldedWord, FoldedWords};

/// Nouns that name a military operation or unit when a capitalised name follows them
/// directly (`l'opération Bouclier…`, `la division Hamza`): French military usage.
const UNIT_NOUNS: &[&str] = &[
    "operation",
    "operations",
    "brigade",
    "brigades",
    "division",
    "divisions",
    "bataillon",
    "bataillons",
    "regiment",
    "escadron",
    "escadrille",
    "katiba",
    "liwa",
    "force",
    "unite",
    "groupement",
    "flottille",
];

/// Nouns whose `de X` complement names a group of people, not a place (`la plate-forme de
/// Moscou`, an opposition group): the last folded word of the noun.
const GROUP_NOUNS: &[&str] = &["plateforme"];

/// Nouns of news outlets: a name set after them (with adjectives, `d'information`) is the
/// outlet's name (`la chaîne Al-Mayadeen`, `le site d'information kurde, Rojava`).
const MEDIA_NOUNS: &[&str] = &[
    "site",
    "website",
    "agence",
    "journal",
    "quotidien",
    "hebdomadaire",
    "magazine",
    "chaine",
    "television",
    "radio",
    "media",
    "portail",
    "newspaper",
    "outlet",
];

/// Lower-case words allowed between a media noun and the outlet's name.
const MEDIA_FILLERS: &[&str] = &[
    "d",
    "de",
    "information",
    "informations",
    "presse",
    "officielle",
    "officiel",
    "en",
    "ligne",
    "satellitaire",
    "publique",
    "public",
    "privee",
    "prive",
    "etat",
    "news",
];

/// First words of a site's rubric written in capitals (`NOUVELLES D'IRAK`, `ACTUALITÉ DU
/// LIBAN`): the rubric is page chrome, not a place of the story.
const RUBRIC_WORDS: &[&str] = &[
    "nouvelles",
    "actualite",
    "actualites",
    "actu",
    "actus",
    "infos",
    "info",
    "rubrique",
    "dossier",
    "dossiers",
    "news",
];

/// News agencies written as an acronym in parentheses after a dateline (`BEYROUTH (AFP)`):
/// never the acronym of the name before them.
const AGENCY_ACRONYMS: &[&str] = &[
    "AFP", "AP", "ATS", "ANSA", "DPA", "UPI", "APS", "MAP", "SANA", "IRNA", "TASS", "RIA", "EFE",
    "BELGA", "KUNA", "WAFA", "QNA", "SPA", "WAM", "MENA",
];

/// Articles and prepositions that join the words of a name (`Bouclier de l'Euphrate`).
const CONNECTORS: &[&str] = &[
    "de", "d", "du", "des", "l", "la", "le", "les", "en", "et", "a", "au", "aux", "pour",
];

/// Sentence punctuation: a name never runs across it.
fn breaks_name(gap: &str) -> bool {
    gap.chars().any(|c| {
        matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | '\n' | '(' | ')' | '[' | ']'
        )
    })
}

/// Quotation marks that open a quoted name: the gap before a word ends with one, and a
/// straight quote has a space or a bracket before it (`, "Bouclier`, not `Alep" Damas`).
fn opens_quote(gap: &str) -> bool {
    let g = gap.trim_end_matches(['\u{a0}', '\u{202f}']);
    g.ends_with(['«', '“']) || (g.ends_with('"') && g.len() > 1)
}

/// Quotation marks that close a quoted name: the gap after a word starts with one.
fn closes_quote(gap: &str) -> bool {
    gap.trim_start_matches(['\u{a0}', '\u{202f}'])
        .starts_with(['»', '"', '”'])
}

/// True when written word `w` is a verb form that never sits inside a name: the auxiliaries
/// and past participles (`a bombardé Alep`, `sont entrés à Homs`).
fn verb_like(w: &str) -> bool {
    const AUX: &[&str] = &[
        "a", "ont", "est", "sont", "était", "étaient", "avait", "avaient", "sera", "seront", "fut",
        "has", "have", "is", "are", "was", "were",
    ];
    AUX.contains(&w)
        || w.ends_with(['é', 'è'])
        || w.ends_with("ée")
        || w.ends_with("és")
        || w.ends_with("ées")
        || w.ends_with("ait")
        || w.ends_with("aient")
}

/// Lower-case words that read as adjectives by their ending (`islamique`, `international`,
/// `syrienne`): they may sit inside a quoted name.
fn adjective_like(w: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ique", "iques", "al", "ale", "aux", "ien", "ienne", "iens", "iennes", "ais", "aise",
        "aire", "if", "ive", "el", "elle", "ain", "aine", "ois", "oise",
    ];
    ENDINGS
        .iter()
        .any(|e| w.len() > e.len() + 2 && w.ends_with(e))
}

/// The written text of one article and its folded words, read around a name.
pub(super) struct Frames<'a> {
    text: &'a str,
    f: &'a FoldedWords,
    /// Whether a place name of the gazetteer starts at a token.
    is_place_start: &'a dyn Fn(usize) -> bool,
    /// Whether a country adjective of the gazetteer starts at a token (`kurde`, `syrienne`).
    is_adjective: &'a dyn Fn(usize) -> bool,
}

impl<'a> Frames<'a> {
    /// The frames of `text`, whose folded words are `f`; the closures say, by token,
    /// where the gazetteer's place names and country adjectives start.
    pub(super) fn new(
        text: &'a str,
        f: &'a FoldedWords,
        is_place_start: &'a dyn Fn(usize) -> bool,
        is_adjective: &'a dyn Fn(usize) -> bool,
    ) -> Self {
        Frames {
            text,
            f,
            is_place_start,
            is_adjective,
        }
    }

    #[inline]
    fn tok(&self, i: usize) -> Option<&'a FoldedWord> {
        self.f.words.get(i)
    }

    /// The folded word of token `i` (`""` past the end).
    #[inline]
    fn word(&self, i: usize) -> &'a str {
        self.tok(i)
            .and_then(|t| self.f.text.get(t.fs..t.fe))
            .unwrap_or("")
    }

    /// The written text between tokens `a` and `a + 1` (`""` when either is missing).
    #[inline]
    fn gap_after(&self, a: usize) -> &'a str {
        match (self.tok(a), self.tok(a + 1)) {
            (Some(x), Some(y)) => self.text.get(x.oe..y.os).unwrap_or(""),
            _ => "",
        }
    }

    /// True when the name at tokens `[t0, t1)` is a part of another name (an organisation
    /// with its acronym, a quoted code name, a unit, a group, an outlet, a rubric).
    pub(super) fn inside_other_name(&self, t0: usize, t1: usize) -> bool {
        t1 > t0
            && (self.after_unit_noun(t0)
                || self.after_group_noun(t0)
                || self.after_media_noun(t0, t1)
                || self.in_rubric(t0)
                || self.in_acronym_name(t0, t1)
                || self.in_quoted_name(t0, t1))
    }

    /// `l'opération Bouclier de l'Euphrate`, `la brigade Al-Qods`: walking back from `t0`
    /// over connectors and capitalised words, a unit noun directly followed by a capitalised
    /// word (or a quotation mark) is met.
    fn after_unit_noun(&self, t0: usize) -> bool {
        let mut k = t0;
        for _ in 0..6 {
            let Some(prev) = k.checked_sub(1) else {
                return false;
            };
            let gap = self.gap_after(prev);
            if breaks_name(gap) {
                return false;
            }
            let w = self.word(prev);
            let after = self.tok(k).is_some_and(|t| t.cap) || opens_quote(gap);
            if UNIT_NOUNS.contains(&w) && after {
                return true;
            }
            let t = self.tok(prev);
            if opens_quote(gap) || !(CONNECTORS.contains(&w) || t.is_some_and(|t| t.cap)) {
                return false;
            }
            k = prev;
        }
        false
    }

    /// `la plate-forme de Moscou`: a group noun, `de`, the name.
    fn after_group_noun(&self, t0: usize) -> bool {
        let (Some(p), Some(p2)) = (t0.checked_sub(1), t0.checked_sub(2)) else {
            return false;
        };
        let noun = if self.word(p2) == "forme" && self.word(p2.wrapping_sub(1)) == "plate" {
            "plateforme"
        } else {
            self.word(p2)
        };
        matches!(self.word(p), "de" | "d" | "du")
            && GROUP_NOUNS.contains(&noun)
            && !breaks_name(self.gap_after(p2))
    }

    /// `la chaîne Al-Mayadeen`, `le site d'information kurde, Rojava.`: a media noun, then
    /// lower-case fillers or adjectives, then the name, with no preposition right before it
    /// (`le journal de Genève` is about Geneva). Across a comma the name must close the
    /// apposition (`selon le journal, Damas a…` is about Damascus).
    fn after_media_noun(&self, t0: usize, t1: usize) -> bool {
        let mut k = t0;
        let mut commas = 0;
        for step in 0..5 {
            let Some(prev) = k.checked_sub(1) else {
                return false;
            };
            let gap = self.gap_after(prev);
            commas += gap.matches(',').count();
            if commas > 1
                || gap
                    .chars()
                    .any(|c| matches!(c, '.' | ';' | ':' | '\n' | '('))
            {
                return false;
            }
            let w = self.word(prev);
            if MEDIA_NOUNS.contains(&w) {
                return commas == 0 || self.closes_clause(t1 - 1);
            }
            if !self.media_filler(prev, step) {
                return false;
            }
            k = prev;
        }
        false
    }

    /// True when lower-case token `i`, `step` words before a name, may sit between a media
    /// noun and the outlet's name: a filler (`d'information`) or an adjective.
    fn media_filler(&self, i: usize, step: usize) -> bool {
        let w = self.word(i);
        let lower = self.tok(i).is_some_and(|t| !t.cap);
        if !lower || (step == 0 && matches!(w, "d" | "de" | "du" | "a" | "au" | "en")) {
            return false;
        }
        MEDIA_FILLERS.contains(&w)
            || (self.is_adjective)(i)
            || !(is_function_word(w) || verb_like(self.written(i)))
    }

    /// True when sentence or clause punctuation (or the end of the text) follows token `i`.
    fn closes_clause(&self, i: usize) -> bool {
        self.tok(i + 1).is_none()
            || self
                .gap_after(i)
                .chars()
                .any(|c| matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '\n' | ')'))
    }

    /// `NOUVELLES D'IRAK`: a short line written in capitals that starts with a rubric word.
    fn in_rubric(&self, t0: usize) -> bool {
        // A rubric's name is in capitals too; checking that first keeps the line scans
        // below off every ordinary name (and off long lines).
        let Some(t) = self.tok(t0).filter(|t| t.cap && !t.lower_rest) else {
            return false;
        };
        let before = self.text.get(..t.os).unwrap_or("");
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let after = self.text.get(t.os..).unwrap_or("");
        let line_end = t.os + after.find('\n').unwrap_or(after.len());
        let Some(line) = self.text.get(line_start..line_end) else {
            return false;
        };
        let first = line
            .split(|c: char| !c.is_alphabetic())
            .find(|w| !w.is_empty());
        let words = line.split_whitespace().count();
        let shouting =
            line.chars().any(char::is_alphabetic) && !line.chars().any(char::is_lowercase);
        shouting
            && words <= 6
            && first.is_some_and(|w| {
                let folded = crate::core::text::fold_name(w);
                RUBRIC_WORDS.contains(&folded.as_str())
            })
    }

    /// `Groupe international de soutien à la Syrie (ISSG)`: a capitalised head that is not a
    /// place, lower-case words, the name, a few more words, then an acronym in parentheses.
    fn in_acronym_name(&self, t0: usize, t1: usize) -> bool {
        self.acronym_follows(t1 - 1) && self.head_before(t0, 6, |_| true)
    }

    /// True when an acronym in parentheses follows token `last` within six words, with no
    /// sentence punctuation before it.
    fn acronym_follows(&self, last: usize) -> bool {
        for k in last..last + 6 {
            let gap = self.gap_after(k);
            if gap.contains('(') {
                let rest = gap.trim_start_matches([' ', '\u{a0}', '"', '»', '”']);
                return rest.starts_with('(') && self.is_acronym(k + 1);
            }
            if breaks_name(gap) || closes_quote(gap) {
                return false;
            }
        }
        false
    }

    /// Token `i` is an acronym closed by a parenthesis (`ISSG)`), not a news agency.
    fn is_acronym(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else {
            return false;
        };
        let Some(w) = self.text.get(t.os..t.oe) else {
            return false;
        };
        let n = w.chars().count();
        (2..=8).contains(&n)
            && w.chars().all(|c| c.is_uppercase())
            && !AGENCY_ACRONYMS.contains(&w)
            && self.gap_after(i).trim_start().starts_with(')')
    }

    /// The written word of token `i` (`""` past the end).
    #[inline]
    fn written(&self, i: usize) -> &'a str {
        self.tok(i)
            .and_then(|t| self.text.get(t.os..t.oe))
            .unwrap_or("")
    }

    /// Walking back from `t0` (at most `max` words, no sentence punctuation), a capitalised
    /// head that is neither a function word nor a place, with at least one lower-case word
    /// between it and `t0`, none a verb form and every one accepted by `inner` (given the
    /// folded word). Places on the way are passed over (`en Iraq et en Syrie`).
    fn head_before(&self, t0: usize, max: usize, inner: impl Fn(&str) -> bool) -> bool {
        let mut k = t0;
        let mut lower_words = 0;
        for _ in 0..max {
            let Some(prev) = k.checked_sub(1) else {
                return false;
            };
            if breaks_name(self.gap_after(prev)) {
                return false;
            }
            let Some(t) = self.tok(prev) else {
                return false;
            };
            let w = self.word(prev);
            if t.cap && !(self.is_place_start)(prev) {
                return lower_words > 0 && !is_function_word(w);
            }
            if !t.cap {
                if verb_like(self.written(prev)) || !inner(w) {
                    return false;
                }
                lower_words += 1;
            }
            k = prev;
        }
        false
    }

    /// `"Bouclier de l'Euphrate"`, `«l'Etat islamique en Irak»`: a short quotation that
    /// starts with a capitalised head (not a place, not a function word) joined to the name
    /// by connectors and adjectives only.
    fn in_quoted_name(&self, t0: usize, t1: usize) -> bool {
        let Some(open) = self.quote_open_before(t0) else {
            return false;
        };
        let head =
            if CONNECTORS.contains(&self.word(open)) && self.tok(open).is_some_and(|t| !t.cap) {
                open + 1
            } else {
                open
            };
        head < t0
            && self.quote_closes_after(t1 - 1, 8 - (t1 - open).min(8))
            && self.head_before(t0, t0 - head, |w| {
                CONNECTORS.contains(&w) || adjective_like(w)
            })
    }

    /// The first token of a quotation that opens at most six words before `t0`, with no
    /// sentence punctuation or closing quote between.
    fn quote_open_before(&self, t0: usize) -> Option<usize> {
        let mut k = t0;
        for _ in 0..6 {
            let prev = k.checked_sub(1)?;
            let gap = self.gap_after(prev);
            if opens_quote(gap) {
                return Some(k);
            }
            if breaks_name(gap) || closes_quote(gap) {
                return None;
            }
            k = prev;
        }
        None
    }

    /// True when a closing quote follows token `last` within `max` words, with no sentence
    /// punctuation before it.
    fn quote_closes_after(&self, last: usize, max: usize) -> bool {
        for k in last..=last + max {
            let gap = self.gap_after(k);
            if closes_quote(gap) {
                return true;
            }
            if breaks_name(gap) || opens_quote(gap) || self.tok(k + 1).is_none() {
                return false;
            }
        }
        false
    }
}
