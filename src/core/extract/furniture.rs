//! Page furniture: newsletter boxes, donation appeals, teasers, programme grids, forum stamps,
//! cookie banners, social embeds. Dates and places inside these ranges stay out of events and
//! the timeline.
//!
//! Works line by line on a lower-cased copy of each line (lines are short; the copy is reused).
//! Three sorts of evidence:
//! - a line that is furniture by itself (cookie text, "Lire aussi : …", a tweet signature
//!   `— Name (@handle) 1 novembre 2017`, "0 COMMENTAIRE(S)", share buttons);
//! - a heading that opens a tail of furniture ("La rédaction vous conseille", "Dessin de la
//!   semaine", "Sur le même sujet", "Les plus lus"): everything after it, when it sits in the
//!   second half of the text;
//! - a run of short lines starting with a clock time (programme grid), or a short stamp line
//!   with a date and a time after the story started (forum post, teaser date).

use crate::core::model::Span;
use crate::core::text::push_lowercase;
use aho_corasick::AhoCorasick;
use std::sync::LazyLock;

/// How much of a line is lower-cased for prefix tests.
const HEAD_CHARS: usize = 48;

/// Byte ranges of `text` that are page furniture rather than the article's story.
pub fn furniture_ranges(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut lower = String::new();
    let mut ascii_lower: Vec<u8> = Vec::new();
    let mut grid_run: Vec<Span> = Vec::new();
    let mut pos = 0;
    let n = text.len();
    for raw in text.split_inclusive('\n') {
        let start = pos;
        pos += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let span = Span::new(start + lead, start + lead + trimmed.len());
        let chars = trimmed.chars().count();
        // Prefix tests only need the head of a long line (prose); short lines are copied whole.
        lower.clear();
        let take = if chars <= 160 { chars } else { HEAD_CHARS };
        let head = trimmed
            .char_indices()
            .nth(take)
            .map_or(trimmed, |(i, _)| &trimmed[..i]);
        push_lowercase(&mut lower, head);

        if starts_with_clock(&lower) && chars <= 120 {
            grid_run.push(span);
        } else {
            flush_grid(&mut grid_run, &mut out);
        }

        if tail_heading(&lower, chars) && start * 2 >= n {
            out.push(Span::new(span.start, n));
            break;
        }
        if is_furniture_line(&lower, trimmed, chars, &mut ascii_lower)
            || (chars <= 60 && start * 10 >= n * 3 && is_stamp(&lower))
        {
            out.push(span);
        }
    }
    flush_grid(&mut grid_run, &mut out);
    out.sort();
    // Merge overlaps so the result is sorted and disjoint.
    let mut merged: Vec<Span> = Vec::with_capacity(out.len());
    for s in out {
        match merged.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => merged.push(s),
        }
    }
    merged
}

fn flush_grid(run: &mut Vec<Span>, out: &mut Vec<Span>) {
    if run.len() >= 2 {
        out.append(run);
    }
    run.clear();
}

/// `20h50 …`, `20:50 …`, `6h …` at the start of a line.
fn starts_with_clock(l: &str) -> bool {
    let b = l.as_bytes();
    let d = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&d) || b.len() <= d {
        return false;
    }
    match b[d] {
        b'h' => b
            .get(d + 1)
            .is_none_or(|c| c.is_ascii_digit() || *c == b' '),
        b':' => b.get(d + 1).is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// A heading after which the rest of the page is not the story.
fn tail_heading(l: &str, chars: usize) -> bool {
    const HEADS: &[&str] = &[
        "la rédaction vous conseille",
        "dessin de la semaine",
        "sur le même sujet",
        "les plus lus",
        "les plus partagés",
        "articles similaires",
        "articles liés",
        "dans la même rubrique",
        "à lire également",
        "a lire également",
        "nos dernières vidéos",
        "vous aimerez aussi",
        "vous aimerez peut-être",
        "à découvrir aussi",
        "les titres du matin",
        "l'article vous a plu",
        "l’article vous a plu",
        "derniers articles",
        "dernières infos",
        "les dernières actualités",
        "ailleurs sur le web",
    ];
    chars <= 80 && HEADS.iter().any(|h| l.starts_with(h))
}

/// Phrases that make a whole line furniture wherever they occur, in lower case. They are
/// searched case-sensitively in lower-cased text: a short line is lower-cased whole (accented
/// capitals too), a long one only in ASCII (prose is long; a vectorised ASCII pass is cheap).
const ANYWHERE_PHRASES: &[&str] = &[
    "cookies",
    "newsletter",
    "politique de confidentialité",
    "données personnelles",
    "pic.twitter.com",
    "t.co/",
    "vos dons",
    "faire un don",
    "vous acceptez",
    "accepter et fermer",
    "commentaire (s)",
    "commentaire(s)",
    "commentaires (",
    "champ nécessaire",
    "tous droits réservés",
    "votre inscription",
    "votre adresse e-mail",
    "votre adresse email",
];

/// The searcher for [`ANYWHERE_PHRASES`]. Case-sensitive on purpose: with ASCII case folding,
/// aho-corasick can use no SIMD prefilter and steps its automaton on every byte of every line.
enum PhraseSearcher {
    /// SIMD (Teddy) search, where the CPU has it.
    Packed(aho_corasick::packed::Searcher),
    Automaton(AhoCorasick),
}

impl PhraseSearcher {
    fn is_match(&self, lower: &[u8]) -> bool {
        match self {
            PhraseSearcher::Packed(s) => s.find(lower).is_some(),
            PhraseSearcher::Automaton(a) => a.is_match(lower),
        }
    }
}

static ANYWHERE: LazyLock<PhraseSearcher> = LazyLock::new(|| {
    let mut packed = aho_corasick::packed::Config::new().builder();
    packed.extend(ANYWHERE_PHRASES);
    match packed.build() {
        Some(s) => PhraseSearcher::Packed(s),
        None => {
            PhraseSearcher::Automaton(AhoCorasick::new(ANYWHERE_PHRASES).expect("valid phrases"))
        }
    }
});

/// A line that is furniture by what it says.
fn is_furniture_line(l: &str, line: &str, chars: usize, ascii_lower: &mut Vec<u8>) -> bool {
    const PREFIXES: &[&str] = &[
        "lire aussi",
        "à lire aussi",
        "a lire aussi",
        "à lire :",
        "lire la suite",
        "voir aussi",
        "à voir aussi",
        "a voir aussi",
        "à voir :",
        "en savoir plus",
        "abonnez-vous",
        "inscrivez-vous",
        "connectez-vous",
        "aimez-vous cet article",
        "vous avez aimé cet article",
        "je fais un don",
        "faites un don",
        "posté par",
        "postée par",
        "répondre",
        "signaler un abus",
        "suivez-nous",
        "retrouvez-nous",
        "téléchargez l'application",
    ];
    // Button-like words: only when the line is short (a sentence may start with them).
    const SHORT_PREFIXES: &[&str] = &[
        "partager",
        "tweeter",
        "imprimer",
        "réagir",
        "commentaires",
        "soutenez",
        "publicité",
        "crédits",
    ];
    // Teasers often start with a bullet or an arrow: `» Lire aussi`, `► À voir aussi`.
    let l_nobullet =
        l.trim_start_matches(['»', '>', '•', '*', '►', '▶', '→', '➡', '\u{fe0f}', ' ']);
    if PREFIXES.iter().any(|p| l_nobullet.starts_with(p)) {
        return true;
    }
    if chars <= 60 && SHORT_PREFIXES.iter().any(|p| l.starts_with(p)) {
        return true;
    }
    // Short lines were lower-cased whole (accented capitals too); long ones only in ASCII.
    let found = if chars <= 160 {
        ANYWHERE.is_match(l.as_bytes())
    } else {
        ascii_lower.clear();
        ascii_lower.extend(line.bytes().map(|b| b.to_ascii_lowercase()));
        ANYWHERE.is_match(ascii_lower)
    };
    if found {
        return true;
    }
    // A social embed signature: `— Name (@handle) 1 novembre 2017`.
    if chars <= 160
        && (l.starts_with('—') || l.starts_with('-') || l.starts_with('–'))
        && l.contains("(@")
    {
        return true;
    }
    false
}

/// A short stamp line: a date with a clock time and little else (`04 mai 2024 - 13:17`,
/// `Pseudo le 12/03/2018 à 10h05`). Publication lines (`Publié le …`) are not stamps.
fn is_stamp(l: &str) -> bool {
    if l.starts_with("publié")
        || l.starts_with("mis à jour")
        || l.starts_with("mise à jour")
        || l.starts_with("par ")
        || l.contains("afp")
    {
        return false;
    }
    let b = l.as_bytes();
    let has_time = b
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && (w[1] == b':' || w[1] == b'h') && w[2].is_ascii_digit());
    let digits = b.iter().filter(|c| c.is_ascii_digit()).count();
    has_time && digits >= 6
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covered(text: &str, needle: &str) -> bool {
        let i = text.find(needle).unwrap();
        let s = Span::new(i, i + needle.len());
        furniture_ranges(text).iter().any(|f| f.contains(s))
    }

    #[test]
    fn teaser_tail_after_heading() {
        let text = "Un long article qui parle de la Syrie le 28 novembre 2018 à Genève.\nEncore du texte pour remplir.\nEt encore.\n\nDessin de la semaine\n\nJeff Bezos veut devenir…\n04 mai 2024 - 13:17\nPolitique\n";
        assert!(covered(text, "04 mai 2024"));
        assert!(!covered(text, "28 novembre 2018"));
    }

    #[test]
    fn tweet_signature_and_lire_aussi() {
        let text = "L'armée syrienne a annoncé ce 3 novembre 2017 la prise de la ville.\nE. #Syria: footage https://t.co/abc\n— Qalaat Al Mudiq (@QalaatAlMudiq) 1 novembre 2017\nLire aussi: Idlib, le 5 mars\nSuite de l'article.";
        assert!(covered(text, "1 novembre 2017"));
        assert!(covered(text, "le 5 mars"));
        assert!(!covered(text, "3 novembre 2017"));
        assert!(!covered(text, "Suite de l'article"));
    }

    #[test]
    fn programme_grid_and_cookies() {
        let text = "Le texte.\n20h50 Journal\n21h00 Film du 3 mai\nEn cliquant, vous acceptez les cookies.\nLa suite du texte le 4 mai.";
        assert!(covered(text, "Film du 3 mai"));
        assert!(covered(text, "vous acceptez les cookies"));
        assert!(!covered(text, "le 4 mai"));
    }

    #[test]
    fn phrases_in_any_case_on_short_and_long_lines() {
        let prose = "Le texte de l'article parle longuement de la guerre, des villes et des gens qui y vivent encore aujourd'hui, sans rien qui ressemble à un bandeau de site web";
        let long = format!("{prose} : EN POURSUIVANT, VOUS ACCEPTEZ LES COOKIES.");
        let text = format!("{prose}.\n{long}\nProtection des DONNÉES PERSONNELLES\nFin.");
        assert!(
            long.chars().count() > 160,
            "the long line must take the ASCII path"
        );
        assert!(covered(&text, &long));
        // Only a Unicode lower-casing turns `É` into the phrase's `é`: short lines get one.
        assert!(covered(&text, "Protection des DONNÉES PERSONNELLES"));
        assert!(!covered(&text, "Fin."));
        // An accented capital in a long line is not folded (ASCII only, as before).
        let long_accent = format!("{prose} : DONNÉES PERSONNELLES.");
        assert!(!covered(&format!("{long_accent}\nFin."), &long_accent));
    }

    #[test]
    fn publication_line_is_not_furniture() {
        let text = "Titre\nPublié le 29 décembre 2018 - 14:26\nTexte de l'article, assez long pour compter comme une histoire entière.";
        assert!(furniture_ranges(text).is_empty());
    }

    #[test]
    fn ranges_are_disjoint_and_on_boundaries() {
        let text = "é\nLire aussi é\nNewsletter é\n— X (@x) 1 mai 2018\n";
        let r = furniture_ranges(text);
        for w in r.windows(2) {
            assert!(w[0].end < w[1].start);
        }
        for s in r {
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
    }
}
