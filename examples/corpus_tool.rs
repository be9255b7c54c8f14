//! Headless corpus tool for scale measurements (issue 5):
//!
//! ```text
//! cargo run --release --no-default-features --features fast-alloc --example corpus_tool -- synth OUT_DIR N [SEED]
//! /usr/bin/time -v cargo run --release --no-default-features --features fast-alloc --example corpus_tool -- load DIR [CACHE_DIR]
//! ```
//!
//! `synth` writes N generated articles (sources: `seeds/`, plus the shared visible corpus when
//! present); `load` runs the same load path as the app (parallel, streamed, optional cache) and
//! keeps the articles in memory like the app does, then prints counts and timings.

use anyhow::{Context, bail};
use chronocarte::core::dev::synth;
use chronocarte::core::pipeline::{self, LoadEvent, LoadOptions};
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("synth") => {
            let dir = PathBuf::from(args.get(1).context("OUT_DIR")?);
            let n: usize = args.get(2).context("N")?.parse()?;
            let seed: u64 = args.get(3).map(|s| s.parse()).transpose()?.unwrap_or(2026);
            let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
            let mut sources = synth::read_sources(&root.join("seeds"));
            sources.extend(synth::read_sources(&root.join("../shared/corpus/visible")));
            let t = Instant::now();
            let stats = synth::write_corpus(&dir, n, seed, &sources)?;
            println!(
                "wrote {} files, {:.1} MB in {:.2?}",
                stats.files,
                stats.bytes as f64 / 1e6,
                t.elapsed()
            );
        }
        Some("load") => {
            let dir = PathBuf::from(args.get(1).context("DIR")?);
            let opts = LoadOptions {
                cache_dir: args.get(2).map(PathBuf::from),
                // The app's load path: article summaries (the reader re-extracts one).
                slim: true,
                ..LoadOptions::default()
            };
            let articles = Mutex::new(Vec::new());
            let warnings = Mutex::new(0usize);
            let t = Instant::now();
            let stats = pipeline::load_with(&[dir], &opts, &AtomicBool::new(false), &|e| match e {
                LoadEvent::Article(a) => articles.lock().unwrap_or_else(|p| p.into_inner()).push(a),
                LoadEvent::Warning(_) => *warnings.lock().unwrap_or_else(|p| p.into_inner()) += 1,
                _ => {}
            });
            let took = t.elapsed();
            let arts = articles.into_inner().unwrap_or_else(|p| p.into_inner());
            let events: usize = arts.iter().map(|a| a.events.len()).sum();
            let bytes: usize = arts.iter().map(|a| a.text_len).sum();
            println!(
                "{} files, {} articles ({} events, {:.1} MB of text), {} from cache, {} duplicates, {} warnings in {:.2?} ({:.1} MB/s)",
                stats.files,
                stats.articles,
                events,
                bytes as f64 / 1e6,
                stats.cache_hits,
                stats.duplicates,
                stats.warnings,
                took,
                bytes as f64 / 1e6 / took.as_secs_f64()
            );
            if stats.articles == 0 {
                bail!("nothing could be read");
            }
        }
        _ => bail!("usage: corpus_tool synth OUT_DIR N [SEED] | corpus_tool load DIR [CACHE_DIR]"),
    }
    Ok(())
}
