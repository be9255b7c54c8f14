//! Places are named as the articles write them: where the gazetteer has no French name, the
//! map, the lists and the exports show the form the article uses ("Damas", not "Damascus").
//! Checked over the bundled seeds and, when `../shared` is there, over the dev corpora.

use chronocarte::core::extract::names::written_as_a_name;
use chronocarte::core::model::Article;
use chronocarte::core::pipeline;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every place whose article writes it as a name shows one of the article's forms, unless
/// its name is a French one from the gazetteer (then it differs from the canonical name).
fn english_names_shown(articles: &[Article]) -> Vec<String> {
    let mut wrong = Vec::new();
    for a in articles {
        for m in a.places.iter().filter(|m| !m.furniture) {
            let forms: Vec<&str> = a
                .places
                .iter()
                .filter(|o| o.place.gid == m.place.gid && !o.furniture)
                .map(|o| o.surface.trim())
                .filter(|s| written_as_a_name(s))
                .collect();
            let shown = &m.place.name;
            if !forms.is_empty() && !forms.contains(&shown.as_str()) && *shown == m.place.canonical
            {
                wrong.push(format!(
                    "{}: {shown} shown, the text writes {forms:?}",
                    a.id
                ));
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    wrong
}

#[test]
fn the_seeds_show_places_under_the_names_they_write() {
    let (articles, _) = pipeline::load_all(&[root().join("seeds")]);
    assert_eq!(articles.len(), 5);
    let wrong = english_names_shown(&articles);
    assert!(wrong.is_empty(), "{wrong:#?}");
    let damas = articles
        .iter()
        .flat_map(|a| &a.places)
        .find(|m| m.surface == "Damas")
        .expect("the seeds write Damas");
    assert_eq!(damas.place.name, "Damas");
}

#[test]
fn the_dev_corpora_show_places_under_the_names_they_write() {
    let shared = root().join("../shared/corpus");
    if !shared.is_dir() {
        eprintln!("skipped: {} is absent (a user's clone)", shared.display());
        return;
    }
    let (articles, _) = pipeline::load_all(&[shared.join("visible"), shared.join("english")]);
    assert!(articles.len() >= 30);
    let wrong = english_names_shown(&articles);
    assert!(wrong.is_empty(), "{wrong:#?}");
}
