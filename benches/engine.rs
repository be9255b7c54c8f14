//! Engine benchmarks (issue 5): extraction throughput per stage, folder load end to end, time
//! index at a million events. Each bench asserts what it times.
//!
//! `cargo bench --bench engine` runs them all (or, without building the viewer but with the
//! app's allocator, `cargo bench --no-default-features --features fast-alloc --bench engine`);
//! filter with a name, e.g. `cargo bench --bench engine -- load/`. The 100 000-file load runs
//! only with `CHRONO_BENCH_100K=1` (it writes ~250 MB).

use chrono::NaiveDate;
use chronocarte::core::dev::synth;
use chronocarte::core::extract::extract;
use chronocarte::core::extract::places::gazetteer::Gazetteer;
use chronocarte::core::extract::places::geocode;
use chronocarte::core::extract::{dates, events, furniture, published};
use chronocarte::core::model::Document;
use chronocarte::core::pipeline::{self, LoadOptions};
use chronocarte::core::store::time_index::{Bucket, TimeIndex};
use criterion::{BenchmarkId, Criterion, Throughput, black_box, criterion_group, criterion_main};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seeds plus, when present, the shared visible corpus (more varied French text).
fn sources() -> Vec<String> {
    let mut s = synth::read_sources(&manifest().join("seeds"));
    for rel in ["../shared/corpus/visible", "../../shared/corpus/visible"] {
        let more = synth::read_sources(&manifest().join(rel));
        if !more.is_empty() {
            s.extend(more);
            break;
        }
    }
    assert!(!s.is_empty(), "seeds/ must hold the sample articles");
    s
}

fn doc(text: &str, name: &str) -> Document {
    Document {
        id: name.into(),
        path: PathBuf::from(format!("{name}.txt")),
        title: None,
        text: text.into(),
        meta_published: None,
        url: None,
        site: None,
    }
}

/// Text sets to measure on: the seeds as they are, and 200 generated articles.
fn texts() -> Vec<(&'static str, Vec<Document>)> {
    let seeds: Vec<Document> = synth::read_sources(&manifest().join("seeds"))
        .iter()
        .enumerate()
        .map(|(i, t)| doc(t, &format!("seed{i}")))
        .collect();
    let pool = synth::sentence_pool(&sources());
    let generated: Vec<Document> = (0..200)
        .filter_map(|i| {
            let (p, t) = synth::article(i, 42, &pool);
            // Benchmarks time the plain-text path; HTML is decoded by the load benches.
            (p.extension().is_some_and(|e| e == "txt")).then(|| doc(&t, &format!("gen{i}")))
        })
        .collect();
    vec![("seeds", seeds), ("generated", generated)]
}

fn bytes_of(docs: &[Document]) -> u64 {
    docs.iter().map(|d| d.text.len() as u64).sum()
}

fn extraction(c: &mut Criterion) {
    let gaz = Gazetteer::global();
    let mut g = c.benchmark_group("extract");
    g.sample_size(20)
        .measurement_time(Duration::from_secs(4))
        .warm_up_time(Duration::from_secs(1));
    for (name, docs) in texts() {
        g.throughput(Throughput::Bytes(bytes_of(&docs)));
        let reference: Vec<_> = docs
            .iter()
            .map(|d| published::detect(&d.text, "", None).map(|p| p.value))
            .collect();
        let arts: Vec<_> = docs.iter().map(|d| extract(d, gaz)).collect();
        // What is timed must find something: the seeds and the generated text are full of
        // dates and places.
        let n_dates: usize = docs
            .iter()
            .zip(&reference)
            .map(|(d, r)| dates::find_dates(&d.text, *r).len())
            .sum();
        let n_places: usize = docs
            .iter()
            .map(|d| geocode::spot_places(&d.text, gaz).len())
            .sum();
        let n_events: usize = arts.iter().map(|a| a.events.len()).sum();
        eprintln!(
            "[{name}] {} docs, {} bytes: {n_dates} dates, {n_places} places, {n_events} events",
            docs.len(),
            bytes_of(&docs)
        );
        assert!(n_dates >= docs.len(), "{name}: dates found ({n_dates})");
        assert!(n_places >= docs.len(), "{name}: places found ({n_places})");
        assert!(n_events > 0, "{name}: events found");
        g.bench_with_input(BenchmarkId::new("dates", name), &docs, |b, docs| {
            b.iter(|| {
                docs.iter()
                    .zip(&reference)
                    .map(|(d, r)| dates::find_dates(black_box(&d.text), *r).len())
                    .sum::<usize>()
            })
        });
        g.bench_with_input(BenchmarkId::new("places", name), &docs, |b, docs| {
            b.iter(|| {
                docs.iter()
                    .map(|d| geocode::spot_places(black_box(&d.text), gaz).len())
                    .sum::<usize>()
            })
        });
        g.bench_with_input(BenchmarkId::new("events", name), &docs, |b, docs| {
            b.iter(|| {
                docs.iter()
                    .zip(&arts)
                    .map(|(d, a)| {
                        let furniture = furniture::furniture_ranges(&d.text);
                        events::find_events(black_box(&d.text), a, &furniture).len()
                    })
                    .sum::<usize>()
            })
        });
        g.bench_with_input(BenchmarkId::new("whole", name), &docs, |b, docs| {
            b.iter(|| {
                let n: usize = docs
                    .iter()
                    .map(|d| extract(black_box(d), gaz).dates.len())
                    .sum();
                assert_eq!(n, arts.iter().map(|a| a.dates.len()).sum::<usize>());
                n
            })
        });
    }
    g.finish();
}

/// A generated corpus of `n` files under the target dir, reused across runs.
fn corpus_dir(n: usize) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest().join("target"));
    let dir = target.join(format!("bench-corpus-{n}"));
    let stamp = dir.join(".complete");
    if !stamp.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("bench corpus dir");
        let stats = synth::write_corpus(&dir, n, 20_26, &sources()).expect("write bench corpus");
        eprintln!(
            "generated {} files, {} MB in {}",
            stats.files,
            stats.bytes >> 20,
            dir.display()
        );
        std::fs::write(&stamp, format!("{}\n", stats.bytes)).expect("stamp");
    }
    dir
}

fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_to_string(dir.join(".complete"))
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0)
}

/// The app's load options: article summaries, optionally cached.
fn app_options(cache_dir: Option<PathBuf>) -> LoadOptions {
    LoadOptions {
        cache_dir,
        slim: true,
        ..LoadOptions::default()
    }
}

/// Loads like the app does (streamed articles kept) and builds the event time index.
fn load_and_index(roots: &[PathBuf], opts: &LoadOptions) -> (pipeline::LoadStats, TimeIndex) {
    let kept = std::sync::Mutex::new(Vec::new());
    let stats = pipeline::load_with(roots, opts, &AtomicBool::new(false), &|e| {
        if let pipeline::LoadEvent::Article(a) = e {
            kept.lock().unwrap_or_else(|p| p.into_inner()).push(a);
        }
    });
    let articles = kept.into_inner().unwrap_or_else(|p| p.into_inner());
    let index = TimeIndex::build(
        articles
            .iter()
            .flat_map(|a| a.events.iter().map(|e| e.interval())),
    );
    (stats, index)
}

fn load(c: &mut Criterion) {
    let mut sizes = vec![10_000];
    if std::env::var_os("CHRONO_BENCH_100K").is_some() {
        sizes.push(100_000);
    }
    let mut g = c.benchmark_group("load");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(10));
    for n in sizes {
        let dir = corpus_dir(n);
        g.throughput(Throughput::Bytes(dir_bytes(&dir)));
        let roots = vec![dir.clone()];
        g.bench_function(BenchmarkId::new("cold", n), |b| {
            b.iter(|| {
                let (stats, index) = load_and_index(&roots, &app_options(None));
                assert_eq!(stats.files, n);
                assert_eq!(
                    stats.articles + stats.duplicates,
                    n,
                    "every generated file loads"
                );
                assert!(index.len() > n, "events indexed");
                stats
            })
        });
        let cache = tempfile::tempdir().expect("cache dir");
        let opts = app_options(Some(cache.path().to_path_buf()));
        let first = pipeline::load_with(&roots, &opts, &AtomicBool::new(false), &|_| {});
        assert_eq!(first.cache_hits, 0);
        g.bench_function(BenchmarkId::new("from_cache", n), |b| {
            b.iter(|| {
                let (stats, index) = load_and_index(&roots, &opts);
                assert_eq!(stats.cache_hits, n, "all from the cache");
                assert!(index.len() > n, "events indexed");
                stats
            })
        });
    }
    g.finish();
}

fn time_index(c: &mut Criterion) {
    let n = 1_000_000u32;
    let mut rng = synth::Rng::new(9);
    let base = NaiveDate::from_ymd_opt(2011, 1, 1).expect("date");
    let intervals: Vec<(NaiveDate, NaiveDate)> = (0..n)
        .map(|_| {
            let start = base + chrono::Duration::days(rng.below(14 * 365) as i64);
            // Mostly days, some months (31 days) and a few longer ranges.
            let len = match rng.below(20) {
                0 => 30,
                1 => rng.below(10) as i64,
                _ => 0,
            };
            (start, start + chrono::Duration::days(len))
        })
        .collect();
    let idx = TimeIndex::build(intervals.iter().copied());
    let (from, to) = (
        NaiveDate::from_ymd_opt(2018, 3, 1).expect("d"),
        NaiveDate::from_ymd_opt(2018, 3, 31).expect("d"),
    );
    let expected = intervals
        .iter()
        .filter(|(a, b)| *a <= to && *b >= from)
        .count();
    let mut g = c.benchmark_group("time_index_1M");
    g.sample_size(50);
    g.bench_function("range_query_month", |b| {
        b.iter(|| {
            let mut k = 0usize;
            idx.for_each_overlapping(black_box(from), black_box(to), |_| k += 1);
            assert_eq!(k, expected);
            k
        })
    });
    let (lo, hi) = idx.extent().expect("non-empty");
    g.bench_function("histogram_week_14y", |b| {
        b.iter(|| {
            let h = idx.histogram(
                black_box(lo),
                black_box(hi + chrono::Duration::days(1)),
                Bucket::Week,
            );
            assert_eq!(
                h.iter().map(|x| x.count as usize).sum::<usize>(),
                n as usize
            );
            h.len()
        })
    });
    g.bench_function("range_query_plus_day_histogram", |b| {
        b.iter(|| {
            let k = idx.query(black_box(from), black_box(to)).len();
            let h = idx.histogram(from, to + chrono::Duration::days(1), Bucket::Day);
            assert_eq!(k, expected);
            (k, h.len())
        })
    });
    g.bench_function("histogram_filtered_month", |b| {
        b.iter(|| {
            let h =
                idx.histogram_filtered(lo, hi + chrono::Duration::days(1), Bucket::Month, |i| {
                    i % 3 == 0
                });
            let total: usize = h.iter().map(|x| x.count as usize).sum();
            assert_eq!(total, (n as usize).div_ceil(3));
            total
        })
    });
    g.finish();
}

criterion_group!(benches, extraction, load, time_index);
criterion_main!(benches);
