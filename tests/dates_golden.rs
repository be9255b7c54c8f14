//! The golden table of French temporal expressions (`tests/dates_golden.toml`): every case
//! lists the full output of `find_dates` (span text, value, range end, kind).

use chronocarte::core::extract::dates::find_dates;
use chronocarte::core::model::{DateKind, DateValue};
use serde::Deserialize;

#[derive(Deserialize)]
struct Table {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    #[serde(rename = "ref")]
    reference: Option<String>,
    expect: Vec<Expect>,
}

#[derive(Deserialize, Debug, PartialEq)]
struct Expect {
    text: String,
    value: String,
    end: Option<String>,
    kind: Option<String>,
}

fn kind_name(k: DateKind) -> &'static str {
    match k {
        DateKind::Explicit => "explicit",
        DateKind::Relative => "relative",
        DateKind::Weekday => "weekday",
    }
}

fn load() -> Table {
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/dates_golden.toml"
    ))
    .expect("golden table readable");
    toml::from_str(&src).expect("golden table parses")
}

#[test]
fn golden_table_has_enough_cases_with_unique_names() {
    let t = load();
    assert!(t.case.len() >= 120, "only {} cases", t.case.len());
    let mut names: Vec<&str> = t.case.iter().map(|c| c.name.as_str()).collect();
    names.sort();
    let before = names.len();
    names.dedup();
    assert_eq!(before, names.len(), "duplicate case names");
    let traps = t.case.iter().filter(|c| c.expect.is_empty()).count();
    assert!(traps >= 30, "only {traps} no-date traps");
}

#[test]
fn golden_table_passes() {
    let t = load();
    let mut failures = Vec::new();
    for c in &t.case {
        let reference = c
            .reference
            .as_deref()
            .map(|r| DateValue::parse_iso(r).unwrap_or_else(|| panic!("{}: bad ref {r}", c.name)));
        let got = find_dates(&c.text, reference);
        for m in &got {
            assert_eq!(
                &c.text[m.span.start..m.span.end],
                m.text,
                "{}: span text",
                c.name
            );
        }
        for w in got.windows(2) {
            assert!(
                w[0].span.end <= w[1].span.start,
                "{}: overlapping or unsorted spans",
                c.name
            );
        }
        let got: Vec<Expect> = got
            .iter()
            .map(|m| Expect {
                text: m.text.clone(),
                value: m.value.iso(),
                end: m.end.map(|e| e.iso()),
                kind: Some(kind_name(m.kind).to_string()),
            })
            .collect();
        let want: Vec<Expect> = c
            .expect
            .iter()
            .map(|e| Expect {
                text: e.text.clone(),
                value: e.value.clone(),
                end: e.end.clone(),
                kind: Some(e.kind.clone().unwrap_or_else(|| "explicit".into())),
            })
            .collect();
        if got != want {
            failures.push(format!(
                "{}: {:?}\n   want {:?}\n   got  {:?}",
                c.name, c.text, want, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} golden cases fail:\n{}",
        failures.len(),
        t.case.len(),
        failures.join("\n")
    );
}
