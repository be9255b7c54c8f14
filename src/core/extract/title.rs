//! The title of an article: the headline, not the page furniture above it.
//!
//! A metadata table's title wins (it is put on the document as its title), then an HTML
//! `<title>`. Otherwise the first lines of the text are read until the story starts: a line
//! shaped like a headline (a few words, not a sentence ending with a period) that is not page
//! furniture is the title; when the story starts first (the text opens on a paragraph), its
//! first sentence, shortened at a word boundary, is.

use super::{furniture, marker};
use crate::core::model::{Document, Span, inside_any};
use crate::core::text::push_lowercase;

/// Longest title kept, in characters.
const MAX_TITLE: usize = 140;
/// A first sentence standing in for a headline is cut shorter.
const MAX_SENTENCE_TITLE: usize = 120;
/// Longest line that can be a headline, in characters.
const MAX_HEADLINE: usize = 200;
/// Lines read for a headline before giving up on finding one.
const HEAD_LINES: usize = 10;
/// A line of this many words that is not a headline is the story's first paragraph.
const PROSE_WORDS: usize = 8;

/// Why a line is page furniture rather than a headline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleFurniture {
    /// Cookie or consent banner text.
    Consent,
    /// A section kicker in capitals (`INTERNATIONAL`, `NOUVELLES DU JOUR`).
    Kicker,
    /// Only a date and a time, perhaps with a `Publié le` label.
    DateLine,
    /// A label (`Publié`, `Auteur :`, `Par AFP`, `Mis à jour`), or a line ending with a colon.
    Label,
    /// Share buttons and menu words (`Partager Facebook Twitter`, `Accueil | Monde`).
    Menu,
    /// A programme grid line, starting with a clock time (`20h50 Journal`).
    Programme,
}

/// The title of `doc` (see the module docs).
pub fn title_of(doc: &Document) -> String {
    title_with(doc, &furniture::furniture_ranges(&doc.text))
}

/// [`title_of`] with the text's furniture ranges already found.
pub fn title_with(doc: &Document, furniture: &[Span]) -> String {
    if let Some(t) = doc
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        return shorten(t, MAX_TITLE);
    }
    let text = doc.text.as_str();
    let body_start = text.len() - marker::strip_marker(text).len();
    let mut lower = String::new();
    let mut seen = 0;
    let mut fallback: Option<&str> = None;
    let mut pos = body_start;
    for raw in text.get(body_start..).unwrap_or("").split_inclusive('\n') {
        let start = pos;
        pos += raw.len();
        let line = raw.trim();
        if line.chars().filter(|c| c.is_alphabetic()).count() < 3 {
            continue;
        }
        let lead = raw.len() - raw.trim_start().len();
        let span = Span::new(start + lead, start + lead + line.len());
        lower.clear();
        push_lowercase(&mut lower, line);
        if inside_any(furniture, span) || furniture_class(line, &lower).is_some() {
            continue;
        }
        if fallback.is_none() {
            fallback = Some(line);
        }
        seen += 1;
        if seen <= HEAD_LINES && is_headline(line) {
            return shorten(line, MAX_TITLE);
        }
        if line.split_whitespace().count() >= PROSE_WORDS {
            return first_sentence(line);
        }
    }
    match fallback {
        Some(l) => first_sentence(l),
        None => doc.id.clone(),
    }
}

/// A line shaped like a headline: a few words, not too long, not ending like a sentence or a
/// label.
fn is_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let ends_open = line
        .trim_end_matches(['"', '»', '”', '\'', '’', ' ', '\u{a0}'])
        .ends_with(['.', ':', ',', ';']);
    // `…` and `...` close headlines of teasers; a single period closes a sentence.
    let ellipsis = line.ends_with("...") || line.ends_with('…');
    words >= 3 && line.chars().count() <= MAX_HEADLINE && (!ends_open || ellipsis)
}

/// The first sentence of `line`, shortened at a word boundary.
fn first_sentence(line: &str) -> String {
    let s = crate::core::text::sentences(line)
        .into_iter()
        .map(|s| line.get(s.start..s.end).unwrap_or("").trim())
        .find(|s| !s.is_empty())
        .unwrap_or(line);
    shorten(s, MAX_SENTENCE_TITLE)
}

/// `s` cut to `max_chars` at a word boundary, with `…` when cut.
pub fn shorten(s: &str, max_chars: usize) -> String {
    let Some((end, _)) = s.char_indices().nth(max_chars) else {
        return s.to_string();
    };
    let cut = &s[..end];
    let cut = match cut.rfind(' ') {
        Some(i) if cut[..i].chars().count() > max_chars / 2 => &cut[..i],
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([' ', ',', ';', ':']))
}

/// Why `line` (and `lower`, its lower-case copy) is page furniture, if it is.
pub fn furniture_class(line: &str, lower: &str) -> Option<TitleFurniture> {
    if is_consent(lower) {
        return Some(TitleFurniture::Consent);
    }
    // A date line may open on its clock time (`19:15, 19 December 2016`): dates first.
    if is_date_line(lower) {
        return Some(TitleFurniture::DateLine);
    }
    if starts_with_clock(lower) {
        return Some(TitleFurniture::Programme);
    }
    if is_label(lower) {
        return Some(TitleFurniture::Label);
    }
    if is_menu(lower) {
        return Some(TitleFurniture::Menu);
    }
    if is_kicker(line) {
        return Some(TitleFurniture::Kicker);
    }
    None
}

/// Cookie and consent banners, in French and English.
fn is_consent(l: &str) -> bool {
    const WORDS: &[&str] = &[
        "cookie",
        "consentement",
        "consent",
        "traceurs",
        "ciblage publicitaire",
        "politique de confidentialité",
        "données personnelles",
        "privacy policy",
        "accepter et fermer",
        "tout accepter",
        "j'accepte",
        "j’accepte",
        "vous acceptez",
        "you agree",
        "accept all",
    ];
    WORDS.iter().any(|w| l.contains(w))
}

/// `20h50 …`, `20:50 …` at the start of a line.
fn starts_with_clock(l: &str) -> bool {
    let b = l.as_bytes();
    let d = b.iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=2).contains(&d)
        && matches!(b.get(d), Some(b'h' | b':'))
        && b.get(d + 1).is_some_and(|c| c.is_ascii_digit())
}

/// Words a date line is made of besides numbers: months, weekdays, clock and label words.
const DATE_WORDS: &[&str] = &[
    "janvier",
    "février",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "decembre",
    "janv",
    "févr",
    "avr",
    "juil",
    "sept",
    "oct",
    "nov",
    "déc",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "dec",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "le",
    "à",
    "a",
    "h",
    "at",
    "on",
    "the",
    "of",
    "gmt",
    "utc",
    "cet",
    "cest",
    "am",
    "pm",
    "er",
    "publié",
    "publiée",
    "mis",
    "mise",
    "jour",
    "modifié",
    "updated",
    "published",
    "posted",
    "et",
    "min",
    "heure",
    "heures",
];

/// A line made only of a date (and a time, a `Publié le` label): `19:15, 19 December 2016`,
/// `Publié le 3 mars 2019 à 10h05`, `12/03/2018`.
fn is_date_line(l: &str) -> bool {
    let mut digits = false;
    for w in l
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if w.starts_with(|c: char| c.is_ascii_digit()) {
            if !is_number_word(w) {
                return false;
            }
            digits = true;
        } else if !DATE_WORDS.contains(&w) {
            return false;
        }
    }
    digits
}

/// A number, alone or glued to a unit or an ordinal: `2019`, `10h05`, `1er`, `3rd`.
fn is_number_word(w: &str) -> bool {
    let rest = w.trim_start_matches(|c: char| c.is_ascii_digit());
    match rest.strip_prefix('h') {
        Some(min) => min.bytes().all(|b| b.is_ascii_digit()),
        None => matches!(
            rest,
            "" | "er" | "e" | "st" | "nd" | "rd" | "th" | "am" | "pm"
        ),
    }
}

/// A label line: `Publié`, `Mis à jour`, `Auteur :`, `Par AFP - Moscou`, `By Jane Roe`, or any
/// short line ending with a colon (`Ce qu'il faut savoir :`).
fn is_label(l: &str) -> bool {
    const LABELS: &[&str] = &[
        "publié",
        "publiée",
        "mis à jour",
        "mise à jour",
        "modifié",
        "auteur",
        "auteurs",
        "par ",
        "by ",
        "source",
        "crédit",
        "credit",
        "photo",
        "vidéo",
        "video",
        "lecture",
        "temps de lecture",
        "écouter",
        "updated",
        "published",
        "posted",
        "fyi",
        "this story is over",
    ];
    let words = l
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    let trimmed = l.trim_end();
    (trimmed.ends_with(':') && words <= 8)
        || (words <= 5 && LABELS.iter().any(|p| l.starts_with(p)))
        || l.starts_with("this story is over")
}

/// Share buttons and menus: a short line mostly of button and network words, or a breadcrumb
/// (`Accueil > Monde > Syrie`, `Monde | Europe | Afrique`).
fn is_menu(l: &str) -> bool {
    const BUTTONS: &[&str] = &[
        "partager",
        "partagez",
        "share",
        "tweeter",
        "tweet",
        "facebook",
        "twitter",
        "whatsapp",
        "linkedin",
        "messenger",
        "telegram",
        "email",
        "e-mail",
        "mail",
        "imprimer",
        "print",
        "envoyer",
        "copier",
        "lien",
        "link",
        "menu",
        "accueil",
        "home",
        "rechercher",
        "search",
        "s'abonner",
        "abonnez-vous",
        "subscribe",
        "connexion",
        "login",
        "commenter",
        "réagir",
        "x",
        "sur",
        "par",
        "on",
        "via",
        "le",
        "la",
        "les",
        "the",
        "et",
        "ou",
        "or",
    ];
    let separators = l
        .chars()
        .filter(|c| matches!(c, '|' | '›' | '>' | '•' | '·'))
        .count();
    if separators >= 2 {
        return true;
    }
    let words: Vec<&str> = l
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '|'))
        .filter(|w| !w.is_empty())
        .collect();
    let buttons = words.iter().filter(|w| BUTTONS.contains(w)).count();
    !words.is_empty() && words.len() <= 8 && buttons * 4 >= words.len() * 3
}

/// A section kicker: a short line in capitals (`NOUVELLES D’IRAK`, `MONDE`).
fn is_kicker(line: &str) -> bool {
    let letters = line.chars().filter(|c| c.is_alphabetic());
    let (mut n, mut upper) = (0, 0);
    for c in letters {
        n += 1;
        upper += usize::from(c.is_uppercase());
    }
    n >= 2 && upper == n && line.split_whitespace().count() <= 6
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(line: &str) -> Option<TitleFurniture> {
        let mut lower = String::new();
        push_lowercase(&mut lower, line);
        furniture_class(line, &lower)
    }

    fn doc(text: &str) -> Document {
        Document {
            id: "id".into(),
            text: text.into(),
            ..Document::default()
        }
    }

    #[test]
    fn consent_banners() {
        for l in [
            "Nous utilisons des cookies pour améliorer votre expérience.",
            "En cliquant sur « Tout accepter », vous consentez au dépôt de traceurs.",
            "Gérer mon consentement",
            "We use cookies. By continuing you agree to our privacy policy.",
        ] {
            assert_eq!(class(l), Some(TitleFurniture::Consent), "{l}");
        }
    }

    #[test]
    fn capital_kickers() {
        for l in [
            "INTERNATIONAL",
            "LES ÉCHOS DU GOLFE",
            "MONDE – PROCHE-ORIENT",
        ] {
            assert_eq!(class(l), Some(TitleFurniture::Kicker), "{l}");
        }
        // A headline with an acronym is not a kicker, nor a long headline in capitals.
        assert_eq!(class("L'ONU réunit son Conseil de sécurité"), None);
        assert_eq!(
            class("LE PARLEMENT VOTE LA LOI SUR LES RETRAITES APRÈS UN LONG DÉBAT"),
            None
        );
    }

    #[test]
    fn date_lines() {
        for l in [
            "19:15, 19 December 2016",
            "Publié le 3 mars 2019 à 10h05",
            "12/03/2018",
            "Mis à jour le 1er avril 2020",
            "Lundi 4 mai 2020",
            "Updated on March 3, 2021 at 4:05 pm GMT",
        ] {
            assert_eq!(class(l), Some(TitleFurniture::DateLine), "{l}");
        }
        assert_eq!(class("Le 3 mars, la ville a été reprise"), None);
    }

    #[test]
    fn labels() {
        for l in [
            "Publié",
            "Mis à jour",
            "Auteur:",
            "Par AFP - Beyrouth",
            "By Jane Roe",
            "Ce qu'il faut retenir :",
            "Temps de lecture : 3 min",
        ] {
            assert_eq!(class(l), Some(TitleFurniture::Label), "{l}");
        }
        assert_eq!(
            class("Par la force, l'armée reprend le nord du pays après trois mois de siège"),
            None
        );
    }

    #[test]
    fn menus_and_share_buttons() {
        for l in [
            "Partager sur Facebook",
            "Facebook Twitter WhatsApp E-mail",
            "Accueil > Monde > Proche-Orient",
            "Monde | Europe | Afrique",
            "Partager Tweeter Imprimer",
        ] {
            assert_eq!(class(l), Some(TitleFurniture::Menu), "{l}");
        }
        assert_eq!(
            class("Facebook condamné à une amende record en Europe"),
            None
        );
    }

    #[test]
    fn programme_grids() {
        for l in ["20h50 Le journal de la nuit", "21:00 Film : Le retour"] {
            assert_eq!(class(l), Some(TitleFurniture::Programme), "{l}");
        }
        assert_eq!(class("2020 : une année de crise pour la région"), None);
    }

    #[test]
    fn headline_after_furniture() {
        let t = "Publié\nMONDE\n12 mars 2019 à 10h05\nPartager Tweeter\nLe conseil vote une trêve dans le nord\nLe texte commence ici, avec une phrase assez longue pour être la suite.";
        assert_eq!(title_of(&doc(t)), "Le conseil vote une trêve dans le nord");
    }

    #[test]
    fn first_sentence_when_the_text_starts_with_the_story() {
        let t = " date 2019-03 Les ministres se sont retrouvés mardi à Genève pour une nouvelle série de discussions. Ils doivent se revoir en mai.\nUn intertitre court\nSuite.";
        assert_eq!(
            title_of(&doc(t)),
            "Les ministres se sont retrouvés mardi à Genève pour une nouvelle série de discussions."
        );
        let long = format!(
            "{} et la suite.",
            "Une phrase qui ne finit jamais".repeat(10)
        );
        let title = title_of(&doc(&long));
        assert!(
            title.ends_with('…') && title.chars().count() <= MAX_SENTENCE_TITLE + 1,
            "{title}"
        );
    }

    #[test]
    fn a_given_title_wins() {
        let mut d = doc("Publié\nUn titre dans le texte\nLe texte.");
        d.title = Some("Le titre de la table".into());
        assert_eq!(title_of(&d), "Le titre de la table");
    }

    #[test]
    fn shorten_cuts_at_a_word_boundary_without_splitting_chars() {
        let s = "é".repeat(300);
        assert_eq!(shorten(&s, 10).chars().count(), 11);
        assert_eq!(shorten("un deux trois quatre", 12), "un deux…");
        assert_eq!(shorten("court", 12), "court");
    }
}
