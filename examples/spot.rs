//! Prints the places `spot_places` finds in each file given (or every `.txt` in a folder):
//! `cargo run --no-default-features --example spot -- ../shared/seeds`.
//! With `--json`, prints places grouped per article in the evaluation format (places only).
use chronocarte::core::extract::places::gazetteer::Gazetteer;
use chronocarte::core::extract::places::geocode::spot_places;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let t = Instant::now();
    let g = Gazetteer::global();
    eprintln!(
        "gazetteer: {} places, {} names, loaded in {:?}",
        g.len(),
        g.names.len(),
        t.elapsed()
    );
    if let Some(e) = &g.error {
        eprintln!("error: {e}");
    }
    let mut files: Vec<PathBuf> = Vec::new();
    for a in args.iter().filter(|a| !a.starts_with("--")) {
        let p = PathBuf::from(a);
        if p.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(&p)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect();
            v.sort();
            files.extend(v);
        } else {
            files.push(p);
        }
    }
    let mut arts = Vec::new();
    let mut bytes = 0usize;
    let t = Instant::now();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        bytes += text.len();
        let ms = spot_places(&text, g);
        let id = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if json {
            let mut places: Vec<serde_json::Value> = Vec::new();
            let mut seen = std::collections::HashMap::new();
            for m in &ms {
                let k = m.place.gid;
                let i = *seen.entry(k).or_insert_with(|| {
                    places.push(serde_json::json!({"name": m.place.name, "kind": m.place.kind.as_str(), "country": m.place.country, "lat": m.place.lat, "lon": m.place.lon, "mentions": []}));
                    places.len() - 1
                });
                if let Some(arr) = places[i]["mentions"].as_array_mut() {
                    arr.push(serde_json::json!({"start": m.span.start, "end": m.span.end, "surface": m.surface}));
                }
            }
            arts.push(serde_json::json!({"id": id, "places": places}));
        } else {
            println!("== {id}");
            let mut seen = std::collections::BTreeMap::new();
            for m in &ms {
                seen.entry((
                    m.place.kind.as_str(),
                    m.place.name.clone(),
                    m.place.country.clone(),
                ))
                .or_insert_with(Vec::new)
                .push(format!(
                    "{}@{}:{:.2}",
                    m.surface, m.span.start, m.confidence
                ));
            }
            for ((k, n, c), s) in seen {
                println!("  {k:8} {c} {n:25} {}", s.join(", "));
            }
        }
    }
    let dt = t.elapsed();
    eprintln!(
        "{} files, {} bytes in {:?} ({:.1} MB/s)",
        files.len(),
        bytes,
        dt,
        bytes as f64 / dt.as_secs_f64() / 1e6
    );
    if json {
        println!("{}", serde_json::json!({"articles": arts}));
    }
}
