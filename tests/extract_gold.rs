//! Extraction vs. the seeds' gold annotations (copied from the dev set into `tests/gold/`),
//! through the same `chronocarte eval` scoring the CLI uses. The thresholds are those of the
//! engine's acceptance criteria.

use chronocarte::core::dev::eval;
use chronocarte::core::{export, pipeline};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scores() -> eval::Scores {
    let (articles, warnings) = pipeline::load_all(&[root().join("seeds")]);
    assert!(
        warnings.is_empty(),
        "seeds load without warnings: {warnings:?}"
    );
    assert_eq!(articles.len(), 5);
    let doc = export::articles_json(&articles);
    let s = eval::score(&root().join("tests/gold"), &doc).expect("gold files readable");
    eprintln!("{s}");
    for d in &s.details {
        eprintln!("{d}");
    }
    s
}

#[test]
fn seeds_meet_the_extraction_thresholds() {
    let s = scores();
    assert!(s.missing.is_empty(), "every gold article has a prediction");
    assert!(s.places.f1() >= 0.95, "places F1 {:.3}", s.places.f1());
    assert!(
        s.countries.f1() >= 0.98,
        "countries F1 {:.3}",
        s.countries.f1()
    );
    assert!(s.dates.f1() >= 0.92, "dates F1 {:.3}", s.dates.f1());
    assert!(s.events.f1() >= 0.75, "events F1 {:.3}", s.events.f1());
    assert_eq!(s.published, (3, 3), "published dates");
    assert_eq!(s.inferred, (2, 2), "inferred published dates");
}

#[test]
fn cli_eval_prints_scores_and_cli_extract_prints_format_json() {
    let exe = env!("CARGO_BIN_EXE_chronocarte");
    let out = std::process::Command::new(exe)
        .args([
            "eval",
            root().join("tests/gold").to_str().unwrap(),
            root().join("seeds").to_str().unwrap(),
        ])
        .output()
        .expect("run chronocarte eval");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("places") && stdout.contains("F1"),
        "{stdout}"
    );

    let out = std::process::Command::new(exe)
        .args(["extract", "--json", root().join("seeds").to_str().unwrap()])
        .output()
        .expect("run chronocarte extract");
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let arts = doc["articles"].as_array().expect("articles array");
    assert_eq!(arts.len(), 5);
    for a in arts {
        for k in [
            "id",
            "path",
            "title",
            "published",
            "places",
            "dates",
            "events",
        ] {
            assert!(a.get(k).is_some(), "field {k} in {a}");
        }
    }
}

#[test]
fn cli_extract_fails_clearly_when_nothing_is_readable() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("picture.png"),
        [0x89, b'P', b'N', b'G', 0, 0, 1],
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_chronocarte"))
        .args(["extract", "--json", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no readable article"), "{err}");
}

#[test]
fn cli_ndjson_shards_concatenate_and_read_back_as_the_same_events() {
    let exe = env!("CARGO_BIN_EXE_chronocarte");
    let seeds = root().join("seeds");
    let mut files: Vec<_> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    // Two shards of the seeds, extracted separately, then concatenated like a batch job would.
    let (a, b) = files.split_at(2);
    let mut table = Vec::new();
    for shard in [a, b] {
        let out = std::process::Command::new(exe)
            .arg("extract")
            .arg("--ndjson")
            .arg("--quiet")
            .args(shard)
            .output()
            .expect("run chronocarte extract --ndjson");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        for line in out.stdout.split(|&c| c == b'\n').filter(|l| !l.is_empty()) {
            let v: serde_json::Value = serde_json::from_slice(line).expect("one JSON per line");
            assert!(v["record"] == "event" || v["record"] == "article", "{v}");
            assert!(v["article_id"].is_string() && v["path"].is_string(), "{v}");
        }
        table.extend_from_slice(&out.stdout);
    }
    let (from_table, warnings) = chronocarte::core::store::event_table::read_from(
        std::path::Path::new("all.ndjson"),
        &table[..],
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    let (direct, _) = chronocarte::core::pipeline::load_all(&[seeds]);
    assert_eq!(from_table.len(), direct.len(), "every article has a row");
    let key = |e: &chronocarte::core::model::Event| {
        (
            e.date,
            e.kind,
            e.place.as_ref().map(|p| p.gid),
            e.sentence.clone(),
        )
    };
    let mut x: Vec<_> = from_table
        .iter()
        .flat_map(|a| a.events.iter().map(key))
        .collect();
    let mut y: Vec<_> = direct
        .iter()
        .flat_map(|a| a.events.iter().map(key))
        .collect();
    x.sort();
    y.sort();
    assert!(!y.is_empty());
    assert_eq!(x, y);
}

#[test]
fn cli_explain_gives_the_rule_behind_each_decision() {
    let exe = env!("CARGO_BIN_EXE_chronocarte");
    let seed = root().join("seeds/001_a967ac592b044efa.txt");
    let out = std::process::Command::new(exe)
        .args(["extract", "--explain", seed.to_str().unwrap()])
        .output()
        .expect("run chronocarte extract --explain");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for part in [
        "published:",
        "DATES:",
        "PLACES:",
        "EVENTS:",
        "rule:",
        "also considered:",
    ] {
        assert!(text.contains(part), "{part} missing in:\n{text}");
    }
    let out = std::process::Command::new(exe)
        .args(["extract", "--explain", "--json", seed.to_str().unwrap()])
        .output()
        .expect("run chronocarte extract --explain --json");
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let decisions = doc[0]["decisions"].as_array().expect("decisions");
    assert!(
        decisions
            .iter()
            .any(|d| d["stage"] == "event" && d["kept"] == true)
    );
    assert!(
        decisions
            .iter()
            .all(|d| d["rule"].as_str().is_some_and(|r| !r.is_empty()))
    );
    let out = std::process::Command::new(exe)
        .args([
            "extract",
            "--explain",
            root().join("seeds").to_str().unwrap(),
        ])
        .output()
        .expect("run");
    assert!(!out.status.success(), "a folder is refused");
    assert!(String::from_utf8_lossy(&out.stderr).contains("takes files"));
}
