//! No article of the seeds or of the visible French corpus gets page furniture as its title.
//!
//! Furniture is defined here on its own terms, not as a list of the corpus's titles: what the
//! furniture detector itself flags, cookie and consent vocabulary, a section kicker in
//! capitals, a line that is only a date (with perhaps a `Publié le` label), a bare label, a
//! menu word. A user's clone has no `../shared`: the visible corpus is then skipped with a
//! message.

use chronocarte::core::extract::{dates, furniture};
use chronocarte::core::model::{DateKind, Span};
use chronocarte::core::pipeline;
use std::path::PathBuf;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Why `title` is furniture, if it is.
fn furniture_reason(title: &str) -> Option<&'static str> {
    let lower = title.to_lowercase();
    if !furniture::furniture_ranges(title).is_empty() {
        return Some("the furniture detector flags it");
    }
    const CONSENT: &[&str] = &[
        "cookie",
        "consent",
        "confidentialité",
        "données personnelles",
        "privacy",
        "traceurs",
        "publicitaire",
    ];
    if CONSENT.iter().any(|w| lower.contains(w)) {
        return Some("cookie or consent vocabulary");
    }
    let letters: Vec<char> = title.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        return Some("a kicker in capitals");
    }
    if is_date_only(title) {
        return Some("only a date");
    }
    let words = title.split_whitespace().count();
    if words <= 2 {
        return Some("a label or a menu word");
    }
    None
}

/// The title is dates (and times, label words, punctuation) and nothing else.
fn is_date_only(title: &str) -> bool {
    let found: Vec<Span> = dates::find_dates(title, None)
        .into_iter()
        .filter(|d| d.kind == DateKind::Explicit)
        .map(|d| d.span)
        .collect();
    if found.is_empty() {
        return false;
    }
    let mut rest = String::new();
    let mut at = 0;
    for s in &found {
        rest.push_str(title.get(at..s.start).unwrap_or(""));
        rest.push(' ');
        at = s.end;
    }
    rest.push_str(title.get(at..).unwrap_or(""));
    const LABEL: &[&str] = &[
        "publié",
        "publiée",
        "le",
        "à",
        "mis",
        "à",
        "jour",
        "updated",
        "published",
        "on",
        "at",
        "h",
        "gmt",
        "utc",
    ];
    rest.to_lowercase()
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .all(|w| LABEL.contains(&w))
}

fn check_folder(folder: PathBuf) {
    let (articles, _) = pipeline::load_all(std::slice::from_ref(&folder));
    assert!(!articles.is_empty(), "{} has articles", folder.display());
    let bad: Vec<String> = articles
        .iter()
        .filter_map(|a| {
            furniture_reason(&a.title).map(|r| format!("{}: {:?} ({r})", a.id, a.title))
        })
        .collect();
    assert!(bad.is_empty(), "furniture titles:\n{}", bad.join("\n"));
}

#[test]
fn seed_titles_are_headlines() {
    check_folder(repo().join("seeds"));
}

#[test]
fn visible_corpus_titles_are_headlines() {
    let folder = repo().join("../shared/corpus/visible");
    if !folder.is_dir() {
        eprintln!(
            "skipped: {} is absent (no ../shared here)",
            folder.display()
        );
        return;
    }
    check_folder(folder);
}

#[test]
fn the_definition_catches_each_class() {
    for t in [
        "Nous utilisons des cookies pour mesurer l'audience",
        "INTERNATIONAL",
        "Publié le 3 mars 2019 à 10h05",
        "19:15, 19 décembre 2016",
        "Publié",
        "Partager",
        "Lire aussi : la suite de l'affaire",
    ] {
        assert!(furniture_reason(t).is_some(), "{t}");
    }
    for t in [
        "Le conseil vote une trêve dans le nord du pays",
        "L'ONU réunit son Conseil de sécurité le 3 mars",
    ] {
        assert_eq!(furniture_reason(t), None, "{t}");
    }
}
