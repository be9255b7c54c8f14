//! Actors: person names in a sentence, the role phrase before each (`le président russe`), and
//! surnames alone mapped to the full name seen earlier in the article.

use crate::core::extract::dates::{MONTHS_FR, WEEKDAYS_FR};
use crate::core::model::{Actor, PlaceMention, Span};
use crate::core::text;
use aho_corasick::AhoCorasick;
use regex::Regex;
use std::sync::LazyLock;

static NAME_RE: LazyLock<Regex> = LazyLock::new(|| {
    let word = r"(?:\p{Lu}[\p{Ll}\p{Lu}’'-]*\p{Ll}[\p{Ll}’'-]*|\p{Lu}\.)";
    let particle = r"(?:(?:al|el|ben|bin|ibn|de|du|von|van|der|Le|La|Al|El|Ben)[-\s])?";
    Regex::new(&format!(r"{word}(?:\s+{particle}{word})+")).expect("name regex")
});

/// The role nouns of [`ROLE_RE`]: a window without any cannot hold a role, and the
/// end-anchored role pattern is costly (its reverse automaton is big), so it runs only after
/// this cheap test.
static ROLE_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    text::caseless_automaton(
        [
            "président",
            "ministre",
            "chef",
            "porte-parole",
            "secrétaire",
            "homologue",
            "roi",
            "reine",
            "émir",
            "prince",
            "général",
            "maréchal",
            "chancelier",
            "pape",
            "dirigeant",
            "leader",
            "ambassadeur",
            "émissaire",
            "envoyé",
            "patron",
            "maire",
            "gouverneur",
        ]
        .into_iter(),
    )
});

static ROLE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|\s)(?:le|la|les|son|sa|leur|du|de la|l['’])\s*((?:vice-|ex-)?(?:président|présidente|présidents|ministre|ministres|premier ministre|chef|cheffe|porte-parole|secrétaire général|secrétaire d'état|homologue|roi|reine|émir|prince|général|maréchal|chancelier|chancelière|pape|dirigeant|leader|ambassadeur|émissaire|envoyé spécial|patron|maire|gouverneur)(?:\s+(?:[\p{Ll}’'-]+|\p{Lu}[\p{Ll}]+)){0,5}),?\s*$")
        .expect("role regex")
});

const NOT_NAME_START: &[&str] = &[
    "Le",
    "La",
    "Les",
    "L",
    "Un",
    "Une",
    "Des",
    "De",
    "Du",
    "Ce",
    "Ces",
    "Cet",
    "Cette",
    "Après",
    "Avant",
    "Selon",
    "Pour",
    "Dans",
    "En",
    "Au",
    "Aux",
    "A",
    "À",
    "Et",
    "Mais",
    "Ou",
    "Si",
    "Son",
    "Sa",
    "Ses",
    "Leur",
    "Leurs",
    "Nous",
    "Vous",
    "Il",
    "Elle",
    "Ils",
    "Elles",
    "On",
    "Lors",
    "Depuis",
    "Par",
    "Sur",
    "Sous",
    "Avec",
    "Sans",
    "Entre",
    "Contre",
    "Alors",
    "Comme",
    "Quand",
    "Lire",
    "Publié",
    "Mis",
    "Photo",
    "Crédits",
    "Image",
    "Source",
    "Conseil",
    "Union",
    "Nations",
    "Organisation",
    "Agence",
    "Etat",
    "État",
    "Etats",
    "États",
    "Forces",
    "Front",
    "Armée",
    "Parti",
    "Maison",
    "Assemblée",
    "Cour",
    "Ministère",
    "Commission",
    "Parlement",
    "Sénat",
    "Croix",
    "Moyen",
    "Proche",
    "Golfe",
    "Mer",
];

/// [`NOT_NAME_START`] as a set: every word of every name candidate is looked up.
static NOT_NAME_START_SET: LazyLock<rustc_hash::FxHashSet<&'static str>> =
    LazyLock::new(|| NOT_NAME_START.iter().copied().collect());

const HONORIFICS: &[&str] = &[
    "M.", "MM.", "Mme", "Mmes", "Mlle", "Dr", "Pr", "Me", "Mgr", "Sir", "Lord",
];

/// A full name seen in the article, with a searcher for its surname alone.
pub(super) struct FullName {
    pub(super) name: String,
    /// The surname (last word), when it has 3 characters or more.
    surname: Option<memchr::memmem::Finder<'static>>,
}

impl FullName {
    pub(super) fn new(name: String) -> FullName {
        let surname = name
            .split_whitespace()
            .last()
            .filter(|last| last.chars().count() >= 3)
            .map(|last| memchr::memmem::Finder::new(last.as_bytes()).into_owned());
        FullName { name, surname }
    }
}

/// Person names in `sentence` with their roles, mapped to the fullest form seen in the article.
/// With `roles` false, only the names are found (what a sentence without an event lends to
/// the later ones): the role lookup is most of the cost.
pub(super) fn actors_in(
    text: &str,
    sentence: Span,
    places: &[&PlaceMention],
    full_names: &[FullName],
    roles: bool,
) -> Vec<Actor> {
    let s = &text[sentence.start..sentence.end];
    let mut out: Vec<Actor> = Vec::new();
    fn push(out: &mut Vec<Actor>, name: String, role: Option<String>) {
        if let Some(a) = out.iter_mut().find(|a| a.name == name) {
            if a.role.is_none() {
                a.role = role;
            }
        } else {
            out.push(Actor { name, role });
        }
    }
    for m in NAME_RE.find_iter(s) {
        if s[..m.start()]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let span = Span::new(sentence.start + m.start(), sentence.start + m.end());
        if places.iter().any(|p| p.span.overlaps(span)) {
            continue;
        }
        let Some(name) = clean_name(m.as_str()) else {
            continue;
        };
        // The role phrase ends right before the name: look only at a short window so the
        // end-anchored regex stays linear in the sentence length.
        let role = if roles {
            let window = &s[s.floor_char_boundary(m.start().saturating_sub(120))..m.start()];
            Some(window)
                .filter(|w| ROLE_WORDS.is_match(*w))
                .and_then(|w| ROLE_RE.captures(w))
                .and_then(|c| c.get(1))
                .map(|r| r.as_str().trim().to_lowercase())
        } else {
            None
        };
        push(&mut out, name, role);
    }
    if !roles {
        return out;
    }
    // Surnames alone ("Poutine", "M. Lavrov") map to a full name seen in the article.
    for full in full_names {
        let Some(surname) = &full.surname else {
            continue;
        };
        if word_in(s, surname) && !out.iter().any(|a| a.name == full.name) {
            push(&mut out, full.name.clone(), None);
        }
    }
    out
}

/// The needle of `finder` is in `hay` as a whole word (no letter or digit on either side).
fn word_in(hay: &str, finder: &memchr::memmem::Finder) -> bool {
    let len = finder.needle().len();
    finder.find_iter(hay.as_bytes()).any(|i| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + len..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn clean_name(raw: &str) -> Option<String> {
    let mut tokens: Vec<&str> = raw.split_whitespace().collect();
    while let Some(first) = tokens.first() {
        let bare = first.trim_end_matches(['\'', '’']);
        if NOT_NAME_START_SET.contains(bare)
            || HONORIFICS.contains(&bare)
            || first.contains('\'')
            || first.contains('’')
        {
            tokens.remove(0);
        } else {
            break;
        }
    }
    if tokens.len() < 2 {
        return None;
    }
    if tokens.iter().any(|t| {
        let lower = t.to_lowercase();
        MONTHS_FR.contains(&lower.as_str())
            || WEEKDAYS_FR.contains(&lower.as_str())
            || NOT_NAME_START_SET.contains(t)
    }) {
        return None;
    }
    Some(tokens.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_particles_and_roles() {
        let text = "Le président russe Vladimir Poutine a reçu Bachar al-Assad.";
        let actors = actors_in(text, Span::new(0, text.len()), &[], &[], true);
        let names: Vec<&str> = actors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, vec!["Vladimir Poutine", "Bachar al-Assad"]);
        assert_eq!(actors[0].role.as_deref(), Some("président russe"));
    }

    #[test]
    fn surname_alone_maps_to_full_name_seen_before() {
        let text = "M. Lavrov s'est dit optimiste.";
        let actors = actors_in(
            text,
            Span::new(0, text.len()),
            &[],
            &[FullName::new("Sergueï Lavrov".to_string())],
            true,
        );
        assert_eq!(actors.len(), 1);
        assert_eq!(actors[0].name, "Sergueï Lavrov");
    }
}
