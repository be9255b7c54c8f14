//! View helpers for the walkers map: Web Mercator conversions and "fit these bounds".

use walkers::{MapMemory, Position, lon_lat};

/// Latitude limit of the Web Mercator square.
pub const MAX_LAT: f64 = 85.051_128_779_806_6;

/// Walkers' tiles are 256 px at zoom 0.
const TILE: f64 = 256.0;

/// Size of the world in walkers pixels at `zoom`.
pub fn world_size(zoom: f64) -> f64 {
    TILE * 2f64.powf(zoom)
}

/// Latitude/longitude (degrees) to normalised Web Mercator: x east and y south, both in [0, 1].
pub fn to_mercator(lat: f64, lon: f64) -> (f64, f64) {
    let lat = lat.clamp(-MAX_LAT, MAX_LAT).to_radians();
    let x = (lon + 180.0) / 360.0;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0;
    (x, y)
}

/// Normalised Web Mercator back to (latitude, longitude) in degrees.
pub fn from_mercator(x: f64, y: f64) -> (f64, f64) {
    let lon = x * 360.0 - 180.0;
    let lat = ((1.0 - 2.0 * y) * std::f64::consts::PI)
        .sinh()
        .atan()
        .to_degrees();
    (lat, lon)
}

/// A latitude/longitude box (degrees).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatLonBounds {
    /// Southern edge.
    pub min_lat: f64,
    /// Western edge.
    pub min_lon: f64,
    /// Northern edge.
    pub max_lat: f64,
    /// Eastern edge.
    pub max_lon: f64,
}

impl LatLonBounds {
    /// The box around `(lat, lon)` points; `None` when there is no finite point.
    pub fn from_points(points: impl IntoIterator<Item = (f64, f64)>) -> Option<Self> {
        let mut b: Option<Self> = None;
        for (lat, lon) in points
            .into_iter()
            .filter(|(a, o)| a.is_finite() && o.is_finite())
        {
            let lat = lat.clamp(-90.0, 90.0);
            let lon = lon.clamp(-180.0, 180.0);
            b = Some(match b {
                None => Self {
                    min_lat: lat,
                    min_lon: lon,
                    max_lat: lat,
                    max_lon: lon,
                },
                Some(b) => Self {
                    min_lat: b.min_lat.min(lat),
                    min_lon: b.min_lon.min(lon),
                    max_lat: b.max_lat.max(lat),
                    max_lon: b.max_lon.max(lon),
                },
            });
        }
        b
    }
}

/// A map view: what to centre on and at which (fractional) walkers zoom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    /// Centre of the map.
    pub center: Position,
    /// Walkers zoom level (0 = the world in one 256-px tile).
    pub zoom: f64,
}

impl View {
    /// Points `memory` at this view.
    pub fn apply(&self, memory: &mut MapMemory) {
        memory.center_at(self.center);
        // The zoom is clamped to walkers' valid range by `fit_bounds`, so this cannot fail;
        // if it did, keeping the old zoom is the right fallback.
        let _ = memory.set_zoom(self.zoom);
    }
}

/// How [`fit_bounds`] frames a box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Framing {
    /// Points left free on the left and on the right (`x`), on the top and on the bottom (`y`).
    pub padding: egui::Vec2,
    /// The room left for the box is never narrower or shorter than this, in points, however
    /// small the map.
    pub min_room: f64,
    /// Zoomed out no further than this.
    pub min_zoom: f64,
    /// Zoomed in no further than this (a single place, or a tight cluster, would otherwise
    /// zoom to street level).
    pub max_zoom: f64,
}

/// The view that shows `bounds` inside a map of `size` points, framed as `framing` says. The
/// centre is the middle of the box in Mercator space, so the box is centred on screen, not
/// just its mid-latitude.
pub fn fit_bounds(bounds: LatLonBounds, size: egui::Vec2, framing: &Framing) -> View {
    let (x0, y1) = to_mercator(bounds.min_lat, bounds.min_lon);
    let (x1, y0) = to_mercator(bounds.max_lat, bounds.max_lon);
    let (dx, dy) = ((x1 - x0).abs(), (y1 - y0).abs());
    let room = |side: f32, padding: f32| {
        (f64::from(side) - 2.0 * f64::from(padding)).max(framing.min_room)
    };
    let avail_w = room(size.x, framing.padding.x);
    let avail_h = room(size.y, framing.padding.y);
    let max_zoom = if framing.max_zoom.is_finite() {
        framing.max_zoom.clamp(0.0, 26.0)
    } else {
        26.0
    };
    let min_zoom = if framing.min_zoom.is_finite() {
        framing.min_zoom.clamp(0.0, max_zoom)
    } else {
        0.0
    };
    let fit = |avail: f64, d: f64| {
        if d > 0.0 {
            (avail / (d * TILE)).log2()
        } else {
            f64::INFINITY
        }
    };
    let zoom = fit(avail_w, dx).min(fit(avail_h, dy));
    let zoom = if zoom.is_finite() {
        zoom.clamp(min_zoom, max_zoom)
    } else {
        max_zoom
    };
    let (lat, lon) = from_mercator((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    View {
        center: lon_lat(lon, lat),
        zoom,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Even padding, no lower zoom limit.
    fn framing(padding: f32, max_zoom: f64) -> Framing {
        Framing {
            padding: egui::vec2(padding, padding),
            min_room: 1.0,
            min_zoom: 0.0,
            max_zoom,
        }
    }

    #[test]
    fn mercator_round_trips() {
        for (lat, lon) in [(0.0, 0.0), (48.85, 2.35), (-33.9, 151.2), (64.1, -21.9)] {
            let (x, y) = to_mercator(lat, lon);
            let (la, lo) = from_mercator(x, y);
            assert!(
                (la - lat).abs() < 1e-9 && (lo - lon).abs() < 1e-9,
                "{lat},{lon} -> {la},{lo}"
            );
        }
        assert_eq!(to_mercator(0.0, 0.0), (0.5, 0.5));
        let (_, y) = to_mercator(90.0, 0.0);
        assert!(y.abs() < 1e-12, "the pole is clamped to the top edge");
    }

    #[test]
    fn fitting_a_box_makes_it_fill_the_limiting_side() {
        // Turkey to the Caspian: wider than tall.
        let b = LatLonBounds {
            min_lat: 36.0,
            min_lon: 26.0,
            max_lat: 52.0,
            max_lon: 72.0,
        };
        let size = egui::vec2(800.0, 600.0);
        let v = fit_bounds(b, size, &framing(20.0, 12.0));
        let world = TILE * 2f64.powf(v.zoom);
        let (x0, y1) = to_mercator(b.min_lat, b.min_lon);
        let (x1, y0) = to_mercator(b.max_lat, b.max_lon);
        let (w, h) = ((x1 - x0) * world, (y1 - y0) * world);
        assert!(
            (w - 760.0).abs() < 0.5 || (h - 560.0).abs() < 0.5,
            "{w} x {h}"
        );
        assert!(w <= 760.5 && h <= 560.5, "{w} x {h}");
        // The centre is the Mercator middle, which is north of the mean latitude.
        assert!((v.center.x() - 49.0).abs() < 1e-9);
        assert!(
            v.center.y() > 44.0 && v.center.y() < 45.0,
            "{}",
            v.center.y()
        );
    }

    #[test]
    fn a_single_point_uses_the_max_zoom_and_degenerate_input_stays_finite() {
        let b = LatLonBounds::from_points([(43.6, 39.7)]).expect("one point");
        let v = fit_bounds(b, egui::vec2(800.0, 600.0), &framing(20.0, 9.0));
        assert_eq!(v.zoom, 9.0);
        assert!((v.center.y() - 43.6).abs() < 1e-9 && (v.center.x() - 39.7).abs() < 1e-9);
        assert!(LatLonBounds::from_points([(f64::NAN, 1.0)]).is_none());
        let world = LatLonBounds {
            min_lat: -90.0,
            min_lon: -180.0,
            max_lat: 90.0,
            max_lon: 180.0,
        };
        let v = fit_bounds(world, egui::vec2(0.0, 0.0), &framing(50.0, f64::NAN));
        assert!(v.zoom.is_finite() && v.zoom >= 0.0);
    }
}
