//! Place spotting: the traps of French news text (elisions, hyphenated and multi-word names,
//! first names, common words, transliterations, cues) and the embedded gazetteer.

use chronocarte::core::extract::places::gazetteer::Gazetteer;
use chronocarte::core::extract::places::geocode::spot_places;
use chronocarte::core::model::{PlaceKind, PlaceMention};
use chronocarte::core::text::fold;
use proptest::prelude::*;

fn spot(text: &str) -> Vec<PlaceMention> {
    spot_places(text, Gazetteer::global())
}

/// (surface, canonical name, kind, country) of every mention.
fn found(text: &str) -> Vec<(String, String, PlaceKind, String)> {
    spot(text)
        .into_iter()
        .map(|m| (m.surface, m.place.canonical, m.place.kind, m.place.country))
        .collect()
}

fn has(text: &str, surface: &str, country: &str, kind: PlaceKind) -> bool {
    found(text)
        .iter()
        .any(|(s, _, k, c)| s == surface && c == country && *k == kind)
}

fn surfaces(text: &str) -> Vec<String> {
    spot(text).into_iter().map(|m| m.surface).collect()
}

#[test]
fn gazetteer_loads_with_expected_size() {
    let g = Gazetteer::global();
    assert!(g.error.is_none(), "{:?}", g.error);
    // cities1000: ~170 000 places, plus ~250 countries and the supplement.
    assert!(g.len() > 100_000 && g.len() < 400_000, "{} places", g.len());
    assert!(g.names.len() > 200_000, "{} names", g.names.len());
    assert_eq!(
        g.capital_of("TR").map(|p| p.canonical.as_str()),
        Some("Ankara")
    );
    assert_eq!(g.adjective_country("turque").as_deref(), Some("TR"));
    assert_eq!(g.adjective_country("Syriens").as_deref(), Some("SY"));
    assert_eq!(g.country("SY").map(|p| p.name.as_str()), Some("Syrie"));
    let s = g.search("mosc", 5);
    assert_eq!(s.first().map(|p| p.canonical.as_str()), Some("Moscow"));
}

#[test]
fn elisions() {
    assert!(has(
        "La zone de désescalade d'Idleb est menacée.",
        "Idleb",
        "SY",
        PlaceKind::City
    ));
    assert!(has(
        "Les sanctions contre l'Iran continuent.",
        "Iran",
        "IR",
        PlaceKind::Country
    ));
    assert!(has(
        "Il a dit qu'Alep était tombée.",
        "Alep",
        "SY",
        PlaceKind::City
    ));
    assert!(has(
        "Il a dit qu’Alep était tombée.",
        "Alep",
        "SY",
        PlaceKind::City
    ));
}

#[test]
fn hyphenated_and_multi_word_names() {
    assert!(has(
        "Le forum de Saint-Pétersbourg s'ouvre.",
        "Saint-Pétersbourg",
        "RU",
        PlaceKind::City
    ));
    assert!(has(
        "Un sommet s'est tenu à Charm el-Cheikh en Égypte.",
        "Charm el-Cheikh",
        "EG",
        PlaceKind::City
    ));
    assert!(has(
        "Le prince est arrivé à Abou Dhabi.",
        "Abou Dhabi",
        "AE",
        PlaceKind::City
    ));
    assert!(has(
        "Des roquettes ont visé Tel-Aviv.",
        "Tel-Aviv",
        "IL",
        PlaceKind::City
    ));
    assert!(has(
        "Des roquettes ont visé Tel Aviv.",
        "Tel Aviv",
        "IL",
        PlaceKind::City
    ));
    assert!(has(
        "Les relations Russie-Turquie se tendent.",
        "Russie",
        "RU",
        PlaceKind::Country
    ));
    assert!(has(
        "Les relations Russie-Turquie se tendent.",
        "Turquie",
        "TR",
        PlaceKind::Country
    ));
    assert!(has(
        "Les Etats-Unis et la Chine.",
        "Etats-Unis",
        "US",
        PlaceKind::Country
    ));
}

#[test]
fn first_names_are_not_places() {
    let t = "Le président russe Vladimir Poutine a reçu Charles Michel. Jordan Bardella a répondu.";
    let s = surfaces(t);
    assert!(!s.iter().any(|x| x.contains("Vladimir")), "{s:?}");
    assert!(
        !s.iter()
            .any(|x| x.contains("Michel") || x.contains("Charles")),
        "{s:?}"
    );
    assert!(!s.iter().any(|x| x.contains("Jordan")), "{s:?}");
    let t = "Hassan Rohani et Recep Tayyip Erdogan se sont vus. Plus tard, Erdogan a parlé.";
    assert!(surfaces(t).is_empty(), "{:?}", surfaces(t));
    // The city Vladimir on its own is a place.
    assert!(has(
        "Une usine a brûlé à Vladimir, en Russie.",
        "Vladimir",
        "RU",
        PlaceKind::City
    ));
}

#[test]
fn adjectives_and_organisations_are_not_places() {
    let t = "Le président turc et son homologue russe ont critiqué l'Otan, l'ONU et l'Union européenne. Les Russes ont répondu.";
    assert!(surfaces(t).is_empty(), "{:?}", found(t));
    let t = "Le Moyen-Orient et l'Europe sont concernés.";
    assert!(surfaces(t).is_empty(), "{:?}", found(t));
}

#[test]
fn page_furniture_words_are_not_places() {
    let t = "Lire aussi: les dernières nouvelles\nCrédits\n© Photo Keystone\nImage\nAuteur:\nPublié le 3 mars";
    assert!(surfaces(t).is_empty(), "{:?}", found(t));
}

#[test]
fn common_words_need_evidence() {
    // Orange the company, Tours the plural noun, Mars the month.
    let t = "Orange a annoncé des résultats. Tours et détours. Mars sera chaud.";
    assert!(surfaces(t).is_empty(), "{:?}", found(t));
    assert!(has(
        "Le festival a lieu à Orange cet été.",
        "Orange",
        "FR",
        PlaceKind::City
    ));
    // Lower-case words are never places.
    assert!(surfaces("la nice et la paris, une orange").is_empty());
}

#[test]
fn transliterations_match_geonames_spellings() {
    let t = "En Syrie, les combats ont repris à Qamichli, Saraqeb, Jisr al-Choughour et Mayadine.";
    let f = found(t);
    for (surface, canonical) in [
        ("Qamichli", "Al Qāmishlī"),
        ("Saraqeb", "Saraqib"),
        ("Jisr al-Choughour", "Jisr ash Shughūr"),
        ("Mayadine", "Al Mayādīn"),
    ] {
        assert!(
            f.iter()
                .any(|(s, c, _, cc)| s == surface && c == canonical && cc == "SY"),
            "{surface}: {f:?}"
        );
    }
    assert!(has(
        "La ville irakienne de Kirkouk est disputée.",
        "Kirkouk",
        "IQ",
        PlaceKind::City
    ));
    let f =
        found("L'armée syrienne est entrée dans la région de Minbej, dans le nord de la Syrie.");
    assert!(
        f.iter().any(|(s, c, _, _)| s == "Minbej" && c == "Manbij"),
        "{f:?}"
    );
}

#[test]
fn cues_pick_regions_and_capitals() {
    let f = found("Les combats dans la province d'Idlib, en Syrie, continuent.");
    assert!(
        f.iter()
            .any(|(s, _, k, c)| s == "Idlib" && *k == PlaceKind::Region && c == "SY"),
        "{f:?}"
    );
    let f = found("La rencontre, dans la capitale turque, a duré trois heures.");
    assert!(
        f.iter()
            .any(|(s, c, _, _)| s == "la capitale turque" && c == "Ankara"),
        "{f:?}"
    );
    // Without a cue, Idlib is the city.
    assert!(has(
        "Des frappes ont touché Idlib.",
        "Idlib",
        "SY",
        PlaceKind::City
    ));
}

#[test]
fn homonyms_with_an_article_are_not_towns() {
    // The Russian parliament takes an article, the Syrian town does not.
    let f = found("La Douma a voté la loi. Les rebelles de la ville de Douma, en Syrie, ont cédé.");
    assert_eq!(
        f.iter().filter(|(s, _, _, _)| s == "Douma").count(),
        1,
        "{f:?}"
    );
    assert!(
        f.iter().any(|(s, _, _, c)| s == "Douma" && c == "SY"),
        "{f:?}"
    );
    // A town GeoNames lists with population 0 (unknown) is found in its country's news.
    assert!(has(
        "Les forces turques ont pris la ville de Tall Abyad, en Syrie.",
        "Tall Abyad",
        "SY",
        PlaceKind::City
    ));
}

#[test]
fn landmarks_waters_and_regions() {
    let t = "Le Kremlin et la Maison-Blanche ont discuté de l'Euphrate, du golfe Persique et de la mer Noire.";
    let f = found(t);
    for (s, k) in [
        ("Kremlin", PlaceKind::Landmark),
        ("Maison-Blanche", PlaceKind::Landmark),
        ("Euphrate", PlaceKind::Water),
        ("golfe Persique", PlaceKind::Water),
        ("mer Noire", PlaceKind::Water),
    ] {
        assert!(
            f.iter().any(|(x, _, kk, _)| x == s && *kk == k),
            "{s}: {f:?}"
        );
    }
    assert!(has(
        "Les forces russes ont avancé dans le Donbass.",
        "Donbass",
        "UA",
        PlaceKind::Region
    ));
}

#[test]
fn disambiguation_uses_population_and_context() {
    // Tripoli: Libya by default, Lebanon when the article is about Lebanon.
    assert!(has(
        "Des combats ont éclaté à Tripoli, au Liban.",
        "Tripoli",
        "LB",
        PlaceKind::City
    ));
    assert!(has(
        "Le gouvernement libyen siège à Tripoli.",
        "Tripoli",
        "LY",
        PlaceKind::City
    ));
    assert!(has(
        "Washington a réagi.",
        "Washington",
        "US",
        PlaceKind::City
    ));
    let m = spot("Des combats ont éclaté à Tripoli, au Liban.");
    let trip = m.iter().find(|m| m.surface == "Tripoli").expect("Tripoli");
    assert!(!trip.alternatives.is_empty());
    assert!(trip.confidence > 0.0 && trip.confidence <= 1.0);
}

#[test]
fn spans_point_at_the_surface() {
    let t = "À Téhéran, l’Élysée et Moscou…";
    for m in spot(t) {
        assert_eq!(&t[m.span.start..m.span.end], m.surface);
    }
}

#[test]
fn no_panic_on_odd_input() {
    for t in [
        "",
        " ",
        "'",
        "-",
        "\u{0}",
        "É",
        "d'",
        "l’",
        "Ǆ",
        "ﬁ Paris",
        "İstanbul İzmir",
        "a\u{301}b",
        "🇫🇷 France",
    ] {
        let _ = spot(t);
    }
}

proptest! {
    #[test]
    fn folding_maps_back_to_the_original(s in "\\PC{0,60}") {
        let f = fold(&s);
        // Every folded word maps to an original span whose folding is that word.
        let mut start = None;
        for (i, b) in f.text.bytes().enumerate().chain(std::iter::once((f.text.len(), b' '))) {
            match (b == b' ', start) {
                (false, None) => start = Some(i),
                (true, Some(st)) => {
                    let span = f.original_span(st, i).expect("span");
                    let orig = &s[span.start..span.end];
                    let refolded = fold(orig);
                    prop_assert_eq!(refolded.text.trim(), &f.text[st..i]);
                    start = None;
                }
                _ => {}
            }
        }
    }

    #[test]
    fn spotting_never_panics(s in "\\PC{0,200}") {
        let _ = spot(&s);
    }
}
