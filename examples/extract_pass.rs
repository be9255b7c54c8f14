//! Extraction in steady state, for instruction counts (issue 5): reads every article of the
//! folders given, extracts them all once (lazy automata warm up), then again inside
//! `measured_pass`, and prints the bytes and time of that second pass.
//!
//! Timings on a shared 2-core VM swing by 2x; instruction counts do not. Count the second
//! pass alone with callgrind:
//!
//! ```text
//! cargo build --release --no-default-features --features fast-alloc --example extract_pass
//! valgrind --tool=callgrind --toggle-collect='extract_pass::measured_pass' \
//!     target/release/examples/extract_pass /tmp/c1k
//! callgrind_annotate --inclusive=yes callgrind.out.* | head -60
//! ```

use chronocarte::core::extract::extract;
use chronocarte::core::extract::places::gazetteer::Gazetteer;
use chronocarte::core::io;
use chronocarte::core::model::Document;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

#[inline(never)]
fn measured_pass(docs: &[Document], gazetteer: &Gazetteer) -> usize {
    docs.iter()
        .map(|d| black_box(extract(d, gazetteer)).events.len())
        .sum()
}

fn main() -> anyhow::Result<()> {
    let roots: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    anyhow::ensure!(!roots.is_empty(), "usage: extract_pass FOLDER...");
    let (files, warnings) = io::discover(&roots);
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    let docs: Vec<Document> = files
        .iter()
        .filter_map(|p| io::read_document(p).ok().map(|(d, _)| d))
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let gazetteer = Gazetteer::global();
    let warm = warm_up(&docs, gazetteer);
    let t = Instant::now();
    let events = measured_pass(&docs, gazetteer);
    let took = t.elapsed();
    anyhow::ensure!(events == warm, "the two passes disagree");
    println!(
        "{} documents, {:.1} MB, {events} events; second pass {:.3} s = {:.1} MB/s (one thread)",
        docs.len(),
        bytes as f64 / 1e6,
        took.as_secs_f64(),
        bytes as f64 / 1e6 / took.as_secs_f64()
    );
    Ok(())
}

/// The first pass, a separate function (with another body, so the two are not merged) that
/// callgrind's toggle leaves out.
#[inline(never)]
fn warm_up(docs: &[Document], gazetteer: &Gazetteer) -> usize {
    let mut events = 0;
    for d in docs {
        events += black_box(extract(d, gazetteer)).events.len();
    }
    events
}
