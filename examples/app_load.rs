//! The viewer's load path, headless (issue 5): opens a folder in the real app state, runs
//! whole frames (layout + tessellation, no GPU) while the load streams in, and reports how
//! long the load took, how many frames came and how long the slowest ones were.
//!
//! ```text
//! cargo run --release --example corpus_tool -- synth /tmp/c100k 100000
//! /usr/bin/time -v cargo run --release --example app_load -- /tmp/c100k
//! ```
//!
//! Run it twice: the second run reads the extraction cache (in the user cache folder).

use anyhow::{Context, bail};
use chronocarte::app::{ChronocarteApp, LaunchOptions, bench_frame};
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn main() -> anyhow::Result<()> {
    let dir = PathBuf::from(std::env::args().nth(1).context("usage: app_load FOLDER")?);
    if !dir.is_dir() {
        bail!("{}: not a folder", dir.display());
    }
    let ctx = egui::Context::default();
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    };
    let t = Instant::now();
    let mut app = ChronocarteApp::with_state(
        &ctx,
        chronocarte::app::state::AppState::default(),
        LaunchOptions {
            folders: vec![dir],
            offline: true,
            ..Default::default()
        },
    );
    let mut frames: Vec<Duration> = Vec::new();
    let mut first_article = None;
    loop {
        let f = Instant::now();
        bench_frame(&mut app, &ctx, input());
        frames.push(f.elapsed());
        let rt = &app.state.rt;
        if first_article.is_none() && !rt.library.articles.is_empty() {
            first_article = Some(t.elapsed());
        }
        if !rt.loading.loader.busy() && !rt.loading.loader.has_pending() && !rt.library.is_dirty() {
            break;
        }
        // A display would pace frames at 60 Hz; do not spin faster than that.
        std::thread::sleep(Duration::from_millis(16).saturating_sub(f.elapsed()));
    }
    let took = t.elapsed();
    let rt = &app.state.rt;
    let mut sorted = frames.clone();
    sorted.sort();
    let pct = |q: f64| sorted[((sorted.len() - 1) as f64 * q) as usize];
    println!(
        "{} articles, {} events, {} places, {} warnings loaded in {:.2?} (first article after {:.2?})",
        rt.library.articles.len(),
        rt.library.event_count(),
        rt.library.places.len(),
        rt.loading.warnings.len(),
        took,
        first_article.unwrap_or_default(),
    );
    println!(
        "{} frames while loading ({:.1}/s): median {:.2?}, p99 {:.2?}, max {:.2?}",
        frames.len(),
        frames.len() as f64 / took.as_secs_f64(),
        pct(0.5),
        pct(0.99),
        sorted.last().copied().unwrap_or_default(),
    );
    // Linux: the resident memory with everything loaded (peak: `/usr/bin/time -v`).
    if let Some(rss) = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .map(str::to_string)
        })
    {
        println!(
            "resident once loaded: {}",
            rss.trim_start_matches("VmRSS:").trim()
        );
    }
    if rt.library.articles.is_empty() {
        bail!("nothing was loaded");
    }
    Ok(())
}
