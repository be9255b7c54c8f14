//! How a place mention relates to its sentence: where the event happened (`à Ankara`), what
//! names the event (`accords de Sotchi`), or neither (a subject, a government by metonymy).

use super::triggers::{TRIGGER_AC, is_weak, kind_of};
use crate::core::model::{PlaceMention, Span};
use crate::core::text::{ends_with_caseless, starts_with_caseless};
use regex::Regex;
use std::sync::LazyLock;

/// The text just before a place that makes it a location rather than a subject or a name.
static LOCATIVE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?:^|[\s'’(])(?:à|au|aux|dans|en|près\sde|près\sd['’]|vers|sur|depuis|devant)\s(?:la\s|le\s|les\s|l['’])?$)|(?:(?:ville|région|province|gouvernorat|capitale|localité|village|banlieue|périphérie|environs|enclave|bastion|poche|secteur|district|cité|port|base|camp|aéroport|quartiers?|faubourgs?|abords|alentours)(?:\s[\p{Ll}-]+){0,3}\s(?:d['’]|de\s|du\s)$)|(?:(?:^|[\s'’])(?:le|au|l['’])\s?(?:nord|sud|est|ouest|nord-est|nord-ouest|sud-est|sud-ouest)\s(?:d['’]|de\s|du\s)$)")
        .expect("locative regex")
});

/// The text just after a place that makes it the host of what happens (`Sotchi accueille le
/// congrès`, `Genève sera l'hôte des pourparlers`): a subject, yet where it happens.
static HOST_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:accueill\p{L}*|a\s+accueilli|abrit\p{L}*|a\s+abrité|(?:est|sera|était|a\s+été|fut)\s+l['’]hôte)(?:$|[^\p{L}])")
        .expect("host regex")
});

/// The text just before a place that makes it where someone or something comes from
/// (`provenant de la ville de X`, `originaires d'X`, `en provenance de X`): not where the event
/// happens, though `la ville de` alone would make it locative.
static ORIGIN_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[^\p{L}])(?:provenan\p{L}*|provien\p{L}*|proviendr\p{L}*|venu[es]{0,2}|venant|originaires?|en\sprovenance)\s(?:[\p{L}'’-]+\s){0,5}?(?:d['’]|de\s|du\s|des\s)$")
        .expect("origin regex")
});

/// The text just before a place that makes it where people or goods are taken to
/// (`évacués et transportés vers des régions de la province d'X`, `acheminés vers X`): the
/// evacuation or transfer happens where they leave, not where they go.
static DESTINATION_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[^\p{L}])(?:transport|évacu|achemin|transfér|emmen|envoy|conduit|déport)\p{L}*\s+vers\s(?:[\p{L}'’-]+\s){0,5}?(?:[\p{L}'’-]+['’]|[\p{L}'’-]+\s)?$")
        .expect("destination regex")
});

/// The words that, ending the text between a trigger and a place, make the place a party
/// rather than where it happens (`la rencontre entre Moscou et Ankara`, `signé par Damas`).
const NOT_OBJECT: &[&str] = &[" entre", " et", " avec", " par", " selon", " ou", " à"];

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
    if ORIGIN_RE.is_match(clause) || DESTINATION_RE.is_match(clause) {
        return Role::Bare;
    }
    if starts_with_caseless(&m.surface, "la capitale")
        || LOCATIVE_RE.is_match(clause)
        || is_host(text, m.span.end)
    {
        return Role::Locative;
    }
    let tail = clause.trim_end();
    let genitive = [" de", " d'", " d’", " du"]
        .iter()
        .any(|g| ends_with_caseless(tail, g));
    // `accords de Sotchi`, `processus de paix d'Astana`: the place names the event right after
    // its trigger; `implication de Washington` does not.
    let near = &clause[clause.floor_char_boundary(clause.len().saturating_sub(30))..];
    if genitive && has_trigger(near, true) {
        return Role::Naming;
    }
    if is_object(clause, tail) {
        return Role::Naming;
    }
    Role::Bare
}

/// The place ending at byte `end` of `text` is followed by a host verb.
fn is_host(text: &str, end: usize) -> bool {
    let after = text.get(end..).unwrap_or("");
    let after = &after[..after.floor_char_boundary(after.len().min(40))];
    HOST_RE.is_match(after)
}

/// The place after `clause` (whose end trimmed is `tail`) is the object of a trigger verb a
/// few words before it (`ont quitté samedi la Ghouta`, `a pris lundi Afrine`): what the event
/// happened to. Announcing verbs do not count (`a déclaré Moscou` is a speaker).
fn is_object(clause: &str, tail: &str) -> bool {
    if NOT_OBJECT.iter().any(|w| ends_with_caseless(tail, w)) {
        return false;
    }
    let near = &clause[clause.floor_char_boundary(clause.len().saturating_sub(45))..];
    has_trigger(near, false)
}

/// `near` holds a trigger word (taken whole: `département` is none), of a weak kind too when
/// `weak_ok`.
fn has_trigger(near: &str, weak_ok: bool) -> bool {
    TRIGGER_AC.find_iter(near).any(|t| {
        let rest = &near[t.start()..];
        let end = rest
            .char_indices()
            .find(|&(i, c)| i >= t.len() && !c.is_alphabetic())
            .map_or(rest.len(), |(i, _)| i);
        kind_of(&rest[..end]).is_some_and(|k| weak_ok || !is_weak(k))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Place, PlaceKind};

    /// The role of the place `name` in the sentence `t`.
    fn role(t: &str, name: &str) -> Role {
        let at = t.find(name).unwrap_or(0);
        let m = PlaceMention {
            span: Span::new(at, at + name.len()),
            surface: name.to_string(),
            place: Place {
                gid: 1,
                name: name.to_string(),
                canonical: name.to_string(),
                kind: PlaceKind::City,
                country: "XX".into(),
                lat: 0.0,
                lon: 0.0,
                population: 0,
            },
            confidence: 1.0,
            alternatives: Vec::new(),
            furniture: false,
        };
        place_role(t, Span::new(0, t.len()), &m)
    }

    /// A city that hosts the event is where it happens, though it is the subject.
    #[test]
    fn hosts_are_locative() {
        let cases: &[(&str, &str, Role)] = &[
            (
                "Valmont accueille le 3 mai un congrès",
                "Valmont",
                Role::Locative,
            ),
            (
                "Valmont sera l'hôte d'une réunion",
                "Valmont",
                Role::Locative,
            ),
            ("Valmont a annoncé une réunion", "Valmont", Role::Bare),
        ];
        for (t, name, want) in cases {
            assert_eq!(role(t, name), *want, "{t}");
        }
    }

    /// A district of a place, or a side of it, is where the event happens.
    #[test]
    fn districts_and_sides_are_locative() {
        let cases: &[(&str, &str, Role)] = &[
            (
                "les attentats qui ont visé un quartier chrétien de Valmont",
                "Valmont",
                Role::Locative,
            ),
            (
                "des soldats se sont déployés dans le nord de Valmont",
                "Valmont",
                Role::Locative,
            ),
            ("des combats à l'est d'Valmont", "Valmont", Role::Locative),
            (
                "une frappe au sud-ouest de Valmont",
                "Valmont",
                Role::Locative,
            ),
            ("les abords de Valmont", "Valmont", Role::Locative),
            (
                "la situation est différente de Valmont",
                "Valmont",
                Role::Bare,
            ),
            ("l'envoyé de Valmont", "Valmont", Role::Bare),
        ];
        for (t, name, want) in cases {
            assert_eq!(role(t, name), *want, "{t}");
        }
    }

    /// Where people or things come from, or are taken to, is not where the event happens,
    /// even after `la ville de`.
    #[test]
    fn origins_are_not_locative() {
        let cases: &[(&str, &str, Role)] = &[
            (
                "des combattants, dont beaucoup proviendraient de la ville de Valmont",
                "Valmont",
                Role::Bare,
            ),
            (
                "des renforts venus de Valmont sont arrivés",
                "Valmont",
                Role::Bare,
            ),
            ("un convoi en provenance de Valmont", "Valmont", Role::Bare),
            ("des déplacés originaires d'Valmont", "Valmont", Role::Bare),
            (
                "des combats dans la ville de Valmont",
                "Valmont",
                Role::Locative,
            ),
            (
                "l'armée a été chassée de la ville de Valmont",
                "Valmont",
                Role::Locative,
            ),
            (
                "ont été évacués et transportés vers des régions de la province de Valmont",
                "Valmont",
                Role::Bare,
            ),
            ("des blessés acheminés vers Valmont", "Valmont", Role::Bare),
            ("une colonne avance vers Valmont", "Valmont", Role::Locative),
            (
                "des combats dans la province de Valmont",
                "Valmont",
                Role::Locative,
            ),
            (
                "l'avion venait de décoller à Valmont",
                "Valmont",
                Role::Locative,
            ),
        ];
        for (t, name, want) in cases {
            assert_eq!(role(t, name), *want, "{t}");
        }
    }

    /// The object of a trigger verb a few words on is what the event happened to; parties
    /// and speakers are not.
    #[test]
    fn objects_of_trigger_verbs_name_the_event() {
        let cases: &[(&str, &str, Role)] = &[
            (
                "Les rebelles quittent depuis samedi la Valmonte",
                "Valmonte",
                Role::Naming,
            ),
            ("L'armée a repris lundi Valmont", "Valmont", Role::Naming),
            (
                "la rencontre entre Valmont et Pradel",
                "Valmont",
                Role::Bare,
            ),
            ("a déclaré Valmont", "Valmont", Role::Bare),
            ("le département de Valmont", "Valmont", Role::Bare),
        ];
        for (t, name, want) in cases {
            assert_eq!(role(t, name), *want, "{t}");
        }
    }
}
