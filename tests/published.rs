//! Publication date: marker, datelines in the usual French press forms, metadata, file name,
//! inference from the text, contradictions with a wrong marker. The cases are the table of
//! `tests/published_golden.toml`; what is not one case (agreement between the two entry
//! points, furniture flags) stays here.

use chronocarte::core::extract::published::{Published, detect, detect_with_dates};
use serde::Deserialize;

/// A neutral sentence with no date in it, the `{BODY}` of the table's texts.
const BODY: &str = "Les deux dirigeants se sont entretenus longuement sur la situation en Syrie et sur les moyens de parvenir à une solution politique durable, a indiqué le Kremlin dans un communiqué.";

#[derive(Deserialize)]
struct Table {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    file: Option<String>,
    meta: Option<String>,
    published: String,
    source: Option<String>,
    confidence_at_least: Option<f32>,
    confidence_over: Option<f32>,
    confidence_under: Option<f32>,
    warnings: Option<String>,
    warning_mentions: Option<String>,
    dates: Option<Vec<String>>,
}

impl Case {
    fn text(&self) -> String {
        self.text.replace("{BODY}", BODY)
    }

    fn file(&self) -> &str {
        self.file.as_deref().unwrap_or("article.txt")
    }

    /// Every way `detect` (and `detect_with_dates` when `dates` is given) misses the case.
    fn problems(&self) -> Vec<String> {
        let text = self.text();
        let got = detect(&text, self.file(), self.meta.as_deref());
        let mut problems = match &got {
            None if self.published == "none" => Vec::new(),
            None => vec![format!("no date, want {}", self.published)],
            Some(p) => self.published_problems(p),
        };
        if let Some(want) = &self.dates {
            let (p, d) = detect_with_dates(&text, self.file(), self.meta.as_deref(), &[]);
            if p != got {
                problems.push(format!("detect_with_dates found {p:?}, detect {got:?}"));
            }
            let values: Vec<String> = d.iter().map(|m| m.value.iso()).collect();
            if &values != want {
                problems.push(format!("dates {values:?}, want {want:?}"));
            }
        }
        problems
    }

    fn published_problems(&self, p: &Published) -> Vec<String> {
        let mut problems = Vec::new();
        let (value, source) = (p.value.iso(), p.source.as_str());
        if value != self.published || self.source.as_deref().is_some_and(|s| s != source) {
            problems.push(format!(
                "got {value} ({source}), want {} ({})",
                self.published,
                self.source.as_deref().unwrap_or("any source")
            ));
        }
        let c = p.confidence;
        if self.confidence_at_least.is_some_and(|m| c < m)
            || self.confidence_over.is_some_and(|m| c <= m)
            || self.confidence_under.is_some_and(|m| c >= m)
        {
            problems.push(format!("confidence {c}"));
        }
        let warnings_ok = match self.warnings.as_deref() {
            None => true,
            Some("none") => p.warnings.is_empty(),
            Some("some") => !p.warnings.is_empty(),
            Some(other) => panic!("{}: warnings = {other:?}", self.name),
        };
        let mentioned = self
            .warning_mentions
            .as_deref()
            .is_none_or(|m| p.warnings.iter().any(|w| w.contains(m)));
        if !warnings_ok || !mentioned {
            problems.push(format!("warnings {:?}", p.warnings));
        }
        problems
    }
}

fn load() -> Table {
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/published_golden.toml"
    ))
    .expect("golden table readable");
    toml::from_str(&src).expect("golden table parses")
}

#[test]
fn golden_table_has_its_cases_with_unique_names() {
    let t = load();
    assert!(t.case.len() >= 36, "only {} cases", t.case.len());
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
            let problems = c.problems();
            (!problems.is_empty()).then(|| format!("{}: {}", c.name, problems.join("; ")))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} publication-date cases fail:\n{}",
        failures.len(),
        t.case.len(),
        failures.join("\n")
    );
}

#[test]
fn detect_with_dates_agrees_with_detect_and_flags_furniture() {
    use chronocarte::core::extract::furniture::furniture_ranges;
    let text = format!(
        "Titre\nPublié le 29 décembre 2018 - 14:26\n{BODY} Ils ont convenu samedi. {BODY} {BODY}\nDessin de la semaine\n04 mai 2024 - 13:17\n"
    );
    let furn = furniture_ranges(&text);
    let (p, d) = detect_with_dates(&text, "x.txt", None, &furn);
    assert_eq!(p, detect(&text, "x.txt", None));
    let flagged: Vec<(&str, bool)> = d.iter().map(|m| (m.text.as_str(), m.furniture)).collect();
    assert_eq!(
        flagged,
        [
            ("le 29 décembre 2018", false),
            ("samedi", false),
            ("04 mai 2024", true)
        ]
    );
}
