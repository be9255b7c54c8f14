//! The bundled basemap renders recognisable tiles, headlessly.
#![cfg(feature = "gui")]

use chronocarte::app::map::basemap::{BasemapTiles, LabelKind, basemap, render_tile};
use chronocarte::app::map::labels::country_labels_ui;
use chronocarte::app::map::view::to_mercator;
use chronocarte::app::palette::basemap_palette as palette;
use tiny_skia::Pixmap;
use walkers::{MapMemory, MercatorProjection, Projector, TileId, Tiles, lon_lat};

/// The tile at `zoom` containing (lat, lon).
fn tile_at(zoom: u8, lat: f64, lon: f64) -> (u32, u32) {
    let (x, y) = to_mercator(lat, lon);
    let n = f64::from(1u32 << zoom);
    ((x * n) as u32, (y * n) as u32)
}

fn render(zoom: u8, lat: f64, lon: f64, dark: bool) -> Pixmap {
    let (x, y) = tile_at(zoom, lat, lon);
    let p = render_tile(zoom, x, y, dark).expect("tile in range");
    // Kept for looking at: target/tmp/basemap-*.png
    let name = format!(
        "basemap-z{zoom}-{x}-{y}{}.png",
        if dark { "-dark" } else { "" }
    );
    let _ = p.save_png(std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name));
    p
}

/// The colour of the pixel at (lat, lon) in its tile.
fn pixel_at(zoom: u8, lat: f64, lon: f64) -> [u8; 3] {
    let (x, y) = tile_at(zoom, lat, lon);
    let p = render_tile(zoom, x, y, false).expect("tile in range");
    let (mx, my) = to_mercator(lat, lon);
    let n = f64::from(1u32 << zoom);
    let (px, py) = (
        ((mx * n - f64::from(x)) * 256.0) as u32,
        ((my * n - f64::from(y)) * 256.0) as u32,
    );
    let c = p.pixel(px.min(255), py.min(255)).expect("pixel in tile");
    [c.red(), c.green(), c.blue()]
}

/// Share of pixels exactly of colour `c`.
fn share(p: &Pixmap, c: [u8; 3]) -> f64 {
    let n = p
        .pixels()
        .iter()
        .filter(|px| [px.red(), px.green(), px.blue()] == c)
        .count();
    n as f64 / p.pixels().len() as f64
}

/// Pixels much closer to `c` than to the land colour: border strokes (anti-aliased).
fn count_near(p: &Pixmap, c: [u8; 3], land: [u8; 3]) -> usize {
    let d = |px: &tiny_skia::PremultipliedColorU8, q: [u8; 3]| {
        let (r, g, b) = (
            i32::from(px.red()),
            i32::from(px.green()),
            i32::from(px.blue()),
        );
        (r - i32::from(q[0])).abs() + (g - i32::from(q[1])).abs() + (b - i32::from(q[2])).abs()
    };
    p.pixels()
        .iter()
        .filter(|px| d(px, c) * 3 < d(px, land))
        .count()
}

#[test]
fn the_bundled_basemap_decodes_with_french_names() {
    let map = basemap();
    let (land, borders, points) = map.detail_counts();
    assert!(
        land > 1000 && borders > 300 && points > 70_000,
        "{land} {borders} {points}"
    );
    let name = |code: &str| {
        map.labels
            .iter()
            .find(|l| l.code == code)
            .map(|l| l.name.as_str())
    };
    assert_eq!(name("FR"), Some("France"));
    assert_eq!(name("DE"), Some("Allemagne"));
    assert_eq!(name("SY"), Some("Syrie"));
    assert_eq!(name("US"), Some("États-Unis"));
    let countries = map
        .labels
        .iter()
        .filter(|l| l.kind == LabelKind::Country)
        .count();
    assert!(countries > 200, "{countries}");
    // Label anchors sit inside their country: Russia's in Siberia, France's in France.
    let at = |code: &str| {
        map.labels
            .iter()
            .find(|l| l.code == code)
            .map(|l| (l.lat, l.lon))
    };
    let (lat, lon) = at("FR").expect("France");
    assert!(
        (43.0..50.0).contains(&lat) && (-1.0..6.0).contains(&lon),
        "{lat} {lon}"
    );
    let (lat, lon) = at("RU").expect("Russia");
    assert!(
        (50.0..72.0).contains(&lat) && (60.0..140.0).contains(&lon),
        "{lat} {lon}"
    );
}

#[test]
fn sahara_is_land_and_the_pacific_is_sea() {
    for dark in [false, true] {
        let pal = palette(dark);
        // Southern Algeria: lon 0..11.25, lat 22..32 at zoom 5.
        let sahara = render(5, 26.0, 5.0, dark);
        assert!(
            share(&sahara, pal.land) > 0.9,
            "Sahara land share {}",
            share(&sahara, pal.land)
        );
        // North-east of Hawaii: lon -157.5..-135, lat 22..41 at zoom 4.
        let pacific = render(4, 30.0, -145.0, dark);
        assert!(
            share(&pacific, pal.sea) > 0.99,
            "Pacific sea share {}",
            share(&pacific, pal.sea)
        );
    }
}

#[test]
fn borders_are_drawn_where_countries_meet_and_nowhere_else() {
    let pal = palette(false);
    // Alsace: the French-German border on the Rhine, and the Swiss one.
    let alsace = render(6, 48.3, 7.6, false);
    let near_border = count_near(&alsace, pal.border, pal.land);
    assert!(near_border > 150, "{near_border} border pixels in Alsace");
    // Central Australia: land with no international border.
    let outback = render(6, -24.5, 133.5, false);
    assert!(share(&outback, pal.land) > 0.99);
    assert_eq!(count_near(&outback, pal.border, pal.land), 0);
    // The Caspian Sea is water (a hole in Natural Earth's land); the Kazakh steppe is not.
    assert_eq!(pixel_at(6, 42.0, 51.0), pal.sea);
    assert_eq!(pixel_at(6, 50.0, 70.0), pal.land);
}

#[test]
fn the_world_tile_has_plausible_land_and_bad_tiles_are_refused() {
    let pal = palette(false);
    let world = render(0, 0.0, 0.0, false);
    let land = share(&world, pal.land);
    let sea = share(&world, pal.sea);
    assert!(
        (0.2..0.5).contains(&land) && (0.4..0.75).contains(&sea),
        "land {land} sea {sea}"
    );
    assert!(render_tile(2, 4, 0, false).is_none());
    assert!(render_tile(30, 0, 0, false).is_none());
    // Deep zoom still renders (tile in Paris at zoom 14).
    let (x, y) = tile_at(14, 48.8566, 2.3522);
    let paris = render_tile(14, x, y, false).expect("paris");
    assert!(share(&paris, pal.land) > 0.99);
}

#[test]
fn tiles_come_from_the_cache_or_a_zoomed_out_stand_in() {
    let ctx = egui::Context::default();
    let mut sync = BasemapTiles::new(&ctx).synchronous(true);
    let piece = sync
        .at(TileId {
            x: 8,
            y: 5,
            zoom: 4,
        })
        .expect("tile");
    assert_eq!(
        piece.uv,
        egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0))
    );
    assert!(
        sync.at(TileId {
            x: 16,
            y: 0,
            zoom: 4
        })
        .is_none()
    );

    let mut tiles = BasemapTiles::new(&ctx);
    let id = TileId {
        x: 17,
        y: 11,
        zoom: 5,
    };
    let first = tiles.at(id).expect("a stand-in on the first frame");
    assert!(
        first.uv.width() < 1.0,
        "stand-in is a part of a zoomed-out tile"
    );
    assert_eq!(tiles.pending(), 1);
    let mut full = None;
    for _ in 0..500 {
        std::thread::sleep(std::time::Duration::from_millis(10));
        let p = tiles.at(id).expect("tile");
        if p.uv.width() == 1.0 {
            full = Some(p);
            break;
        }
    }
    assert!(full.is_some(), "the background renderer delivered the tile");
    assert_eq!(tiles.pending(), 0);
}

#[test]
fn labels_fit_the_zoom_and_never_overlap() {
    let ctx = egui::Context::default();
    let mut by_zoom = Vec::new();
    for zoom in [2.0, 4.0, 6.0] {
        let mut names: Vec<(String, egui::Rect)> = Vec::new();
        let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
            let rect = egui::Rect::from_min_size(egui::pos2(0.0, 0.0), egui::vec2(1000.0, 700.0));
            let mut memory = MapMemory::default();
            memory.center_at(lon_lat(30.0, 45.0));
            let _ = memory.set_zoom(zoom);
            let projector = Projector::new(rect, &MercatorProjection, &memory, lon_lat(0.0, 0.0));
            let painter = ui.painter().with_clip_rect(rect);
            names = country_labels_ui(&painter, &projector, false, &[])
                .into_iter()
                .map(|(n, r)| (n.to_string(), r))
                .collect();
        });
        // Nothing uploads the font atlas here; egui insists that is said explicitly.
        out.textures_delta.clear();
        for (i, (a, ra)) in names.iter().enumerate() {
            for (b, rb) in &names[i + 1..] {
                assert!(!ra.intersects(*rb), "{a} overlaps {b} at zoom {zoom}");
            }
        }
        by_zoom.push(names);
    }
    let has = |names: &Vec<(String, egui::Rect)>, n: &str| names.iter().any(|(x, _)| x == n);
    assert!(has(&by_zoom[0], "Russie") && !has(&by_zoom[0], "Moldavie"));
    assert!(has(&by_zoom[1], "Turquie") && has(&by_zoom[1], "Ukraine"));
    assert!(
        has(&by_zoom[2], "Moldavie"),
        "{:?}",
        by_zoom[2].iter().map(|x| &x.0).collect::<Vec<_>>()
    );
    assert!(by_zoom[1].len() > by_zoom[0].len());
}
