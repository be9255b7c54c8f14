//! Tile rendering cost of the bundled basemap: `cargo bench --bench basemap`.

use chronocarte::app::map::basemap::basemap;
use chronocarte::app::map::view::to_mercator;
use criterion::{Criterion, criterion_group, criterion_main};

fn tile(zoom: u8, lat: f64, lon: f64) -> (u8, u32, u32) {
    let (x, y) = to_mercator(lat, lon);
    let n = f64::from(1u32 << zoom);
    (zoom, (x * n) as u32, (y * n) as u32)
}

fn bench(c: &mut Criterion) {
    let map = basemap();
    let cases = [
        ("world z0", tile(0, 0.0, 0.0)),
        ("europe z3", tile(3, 48.0, 10.0)),
        ("middle east z5", tile(5, 37.0, 38.0)),
        ("alsace z6", tile(6, 48.3, 7.6)),
        ("siberia z8 (inside Eurasia)", tile(8, 62.0, 100.0)),
        ("aegean z7 (islands)", tile(7, 37.5, 25.0)),
    ];
    for (name, (z, x, y)) in cases {
        c.bench_function(&format!("render 256px {name}"), |b| {
            b.iter(|| map.render_tile(z, x, y, 256, false))
        });
    }
    // A 1280x800 window at zoom 5 over the Middle East: about 6x5 tiles.
    let (_, cx, cy) = tile(5, 37.0, 38.0);
    c.bench_function("render a 6x5 screen at z5", |b| {
        b.iter(|| {
            for dx in 0..6 {
                for dy in 0..5 {
                    let _ = map.render_tile(5, cx + dx - 3, cy + dy - 2, 256, false);
                }
            }
        })
    });
    c.bench_function("decode the bundled asset", |b| {
        b.iter(|| {
            chronocarte::app::map::basemap::Basemap::decode(include_bytes!(
                "../assets/basemap.bin.zst"
            ))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
