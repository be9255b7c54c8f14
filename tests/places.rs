//! Place spotting: the traps of French news text (elisions, hyphenated and multi-word names,
//! first names, common words, transliterations, cues) and the embedded gazetteer. The cases
//! are the table of `tests/places_golden.toml`; the gazetteer's size and lookups, odd inputs
//! and the properties stay here.

use chronocarte::core::extract::places::gazetteer::Gazetteer;
use chronocarte::core::extract::places::geocode::spot_places;
use chronocarte::core::model::PlaceMention;
use chronocarte::core::text::fold;
use proptest::prelude::*;
use serde::Deserialize;

fn spot(text: &str) -> Vec<PlaceMention> {
    spot_places(text, Gazetteer::global())
}

#[derive(Deserialize)]
struct Table {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    #[serde(default)]
    has: Vec<Wanted>,
    #[serde(default)]
    not_containing: Vec<String>,
    #[serde(default)]
    no_places: bool,
}

/// A mention the case wants: its surface and whichever of the other fields are given.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Wanted {
    surface: String,
    canonical: Option<String>,
    country: Option<String>,
    kind: Option<String>,
    times: Option<usize>,
    #[serde(default)]
    with_alternatives: bool,
}

impl Wanted {
    fn matches(&self, m: &PlaceMention) -> bool {
        let p = &m.place;
        m.surface == self.surface
            && self.canonical.as_ref().is_none_or(|c| *c == p.canonical)
            && self.country.as_ref().is_none_or(|c| *c == p.country)
            && self.kind.as_deref().is_none_or(|k| k == p.kind.as_str())
            && (!self.with_alternatives || !m.alternatives.is_empty())
    }

    fn is_met_by(&self, found: &[PlaceMention]) -> bool {
        let n = found.iter().filter(|m| self.matches(m)).count();
        match self.times {
            Some(times) => n == times,
            None => n > 0,
        }
    }
}

impl Case {
    /// Every way the mentions spotted in the text miss the case.
    fn problems(&self, found: &[PlaceMention]) -> Vec<String> {
        let mut problems = Vec::new();
        for m in found {
            if self.text.get(m.span.start..m.span.end) != Some(m.surface.as_str()) {
                problems.push(format!("span {:?} is not {:?}", m.span, m.surface));
            }
            if !(m.confidence > 0.0 && m.confidence <= 1.0) {
                problems.push(format!("{}: confidence {}", m.surface, m.confidence));
            }
        }
        for w in self.has.iter().filter(|w| !w.is_met_by(found)) {
            problems.push(format!("missing {w:?}"));
        }
        for word in &self.not_containing {
            if found.iter().any(|m| m.surface.contains(word.as_str())) {
                problems.push(format!("a surface contains {word:?}"));
            }
        }
        if self.no_places && !found.is_empty() {
            problems.push("places found where none should be".into());
        }
        problems
    }
}

/// (surface, canonical name, kind, country) of every mention, for failure reports.
fn summary(found: &[PlaceMention]) -> Vec<(&str, &str, &str, &str)> {
    found
        .iter()
        .map(|m| {
            let p = &m.place;
            (
                m.surface.as_str(),
                p.canonical.as_str(),
                p.kind.as_str(),
                p.country.as_str(),
            )
        })
        .collect()
}

fn load() -> Table {
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/places_golden.toml"
    ))
    .expect("golden table readable");
    toml::from_str(&src).expect("golden table parses")
}

#[test]
fn golden_table_has_its_cases_with_unique_names() {
    let t = load();
    assert!(t.case.len() >= 34, "only {} cases", t.case.len());
    let mut names: Vec<&str> = t.case.iter().map(|c| c.name.as_str()).collect();
    names.sort();
    let before = names.len();
    names.dedup();
    assert_eq!(before, names.len(), "duplicate case names");
}

#[test]
fn golden_table_passes() {
    let t = load();
    let failures: Vec<String> = t
        .case
        .iter()
        .filter_map(|c| {
            let found = spot(&c.text);
            let problems = c.problems(&found);
            (!problems.is_empty()).then(|| {
                format!(
                    "{}: {}\n   found {:?}",
                    c.name,
                    problems.join("; "),
                    summary(&found)
                )
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} place cases fail:\n{}",
        failures.len(),
        t.case.len(),
        failures.join("\n")
    );
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
