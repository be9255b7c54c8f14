//! Per-frame cost of the viewer while scrubbing: map markers + clustering + timeline + list,
//! with 100 000 synthetic events over 10 000 places (issue 5). Each iteration moves the
//! cursor one day (so the moment is recomputed) and runs a full headless frame, tessellated.
//!
//! `cargo bench --bench frame`

use chrono::NaiveDate;
use chronocarte::app::{ChronocarteApp, bench_frame, synthetic_articles};
use criterion::{Criterion, criterion_group, criterion_main};

fn raw_input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    }
}

fn scrub(c: &mut Criterion) {
    let ctx = egui::Context::default();
    let articles = synthetic_articles(20_000, 5, 10_000, 42);
    let mut app = ChronocarteApp::from_articles(&ctx, "synthetic", articles);
    assert_eq!(app.state.rt.library.event_count(), 100_000);
    let start = NaiveDate::from_ymd_opt(2015, 1, 1).expect("date");
    // Warm up: fonts, first layout, caches.
    for _ in 0..3 {
        bench_frame(&mut app, &ctx, raw_input());
    }
    let mut day = 0i64;
    let mut group = c.benchmark_group("frame");
    group.sample_size(30);
    for (name, window) in [
        (
            "scrub/week/100k_events_10k_places",
            chronocarte::app::time_control::WindowSize::Week,
        ),
        (
            "scrub/year/100k_events_10k_places",
            chronocarte::app::time_control::WindowSize::Year,
        ),
    ] {
        app.state.time.window = window;
        group.bench_function(name, |b| {
            b.iter(|| {
                day = (day + 1) % 3000;
                app.state.time.cursor = start + chrono::Duration::days(day);
                let prims = bench_frame(&mut app, &ctx, raw_input());
                assert!(prims > 0, "something was drawn");
                prims
            })
        });
    }
    group.bench_function("idle/100k_events_10k_places", |b| {
        b.iter(|| bench_frame(&mut app, &ctx, raw_input()))
    });
    group.finish();
    assert!(
        !app.state.rt.moment.places.is_empty(),
        "the moment has places"
    );
}

criterion_group!(benches, scrub);
criterion_main!(benches);
