//! How a place mention relates to its sentence: where the event happened (`à Ankara`), what
//! names the event (`accords de Sotchi`), or neither (a subject, a government by metonymy).

use super::triggers::TRIGGER_AC;
use crate::core::model::{PlaceMention, Span};
use crate::core::text::{ends_with_caseless, starts_with_caseless};
use regex::Regex;
use std::sync::LazyLock;

/// The text just before a place that makes it a location rather than a subject or a name.
static LOCATIVE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?:^|[\s'’(])(?:à|au|aux|dans|en|près\sde|près\sd['’]|vers|sur|depuis|devant)\s(?:la\s|le\s|les\s|l['’])?$)|(?:(?:ville|région|province|gouvernorat|capitale|localité|village|banlieue|périphérie|environs|enclave|bastion|poche|secteur|district|cité|port|base|camp|aéroport)(?:\s[\p{Ll}-]+){0,3}\s(?:d['’]|de\s|du\s)$)")
        .expect("locative regex")
});

/// How a place mention relates to its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Role {
    /// Neither locative nor naming: a subject or a government by metonymy.
    Bare,
    /// `accords de Sotchi`, `processus d'Astana`: names an event, locates it only with a date.
    Naming,
    /// `à Ankara`, `dans la région de Minbej`.
    Locative,
}

/// How the place mention `m` of `sentence` (a span of `text`) relates to it.
pub(super) fn place_role(text: &str, sentence: Span, m: &PlaceMention) -> Role {
    let from = text.floor_char_boundary(m.span.start.saturating_sub(80).max(sentence.start));
    let before = &text[from..m.span.start];
    let clause = match before
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ',' | ';' | ':' | '(' | ')' | '«' | '»' | '"' | '–'))
    {
        Some((i, c)) => &before[i + c.len_utf8()..],
        None => before,
    };
    if starts_with_caseless(&m.surface, "la capitale") || LOCATIVE_RE.is_match(clause) {
        return Role::Locative;
    }
    let tail = clause.trim_end();
    let genitive = [" de", " d'", " d’", " du"]
        .iter()
        .any(|g| ends_with_caseless(tail, g));
    // `accords de Sotchi`, `processus de paix d'Astana`: the place names the event right after
    // its trigger; `implication de Washington` does not.
    let near = &clause[clause.floor_char_boundary(clause.len().saturating_sub(30))..];
    if genitive && TRIGGER_AC.is_match(near) {
        return Role::Naming;
    }
    Role::Bare
}
