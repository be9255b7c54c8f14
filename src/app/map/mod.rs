//! The map: walkers with the offline basemap (and OpenStreetMap tiles when online), the
//! markers plugin (clustered, coloured by event kind, sized by count), the legend, the
//! controls and the attribution.

pub mod basemap;
pub mod labels;
pub mod markers;
pub mod tiles;
pub mod view;

use crate::app::command::Command;
use crate::app::state::{AppState, TilesMode};
use walkers::{Map, lon_lat};

pub use markers::MapCache;

/// Creates the tile sources: the bundled basemap always (rendered synchronously when every
/// frame must be complete, as for a screenshot), OpenStreetMap only when not offline.
pub fn install_tiles(state: &mut AppState, ctx: &egui::Context, synchronous: bool) {
    state.rt.basemap = Some(Box::new(
        basemap::BasemapTiles::new(ctx).synchronous(synchronous),
    ));
    state.rt.osm =
        tiles::osm_tiles(ctx, state.rt.offline).map(|t| Box::new(t) as Box<dyn walkers::Tiles>);
}

/// The central map panel.
pub fn map_ui(ui: &mut egui::Ui, state: &mut AppState) {
    fly_step(ui.ctx(), state);
    state.rt.map_size = Some(ui.available_size());
    let rt = &mut state.rt;
    let mut cmds: Vec<Command> = Vec::new();
    let mut overlay_cmds: Vec<Command> = Vec::new();
    let no_basemap = rt.basemap.is_none();
    let plugin = markers::Markers {
        corpus: &rt.library,
        moment: &rt.moment,
        selected: rt.masks.selected,
        cache: &mut rt.map,
        commands: &mut cmds,
    };
    let tiles_mode = state.tiles;
    let offline = rt.offline;
    // Both tile sources go in as layers: the basemap underneath, OSM over it.
    let mut map = Map::new(None, &mut state.map_memory, lon_lat(38.0, 40.0));
    if let Some(basemap) = rt.basemap.as_deref_mut() {
        map = map.with_layer(basemap, 1.0);
    }
    if tiles_mode == TilesMode::Osm
        && !offline
        && let Some(osm) = rt.osm.as_deref_mut()
    {
        map = map.with_layer(osm, 1.0);
    }
    let dark = ui.visuals().dark_mode;
    map = map
        .with_plugin(markers::Graticule {
            enabled: no_basemap,
        })
        .with_plugin(labels::CountryLabels::new(dark))
        .with_plugin(plugin);
    map.show(ui, |ui, _response, _projector, _memory| {
        overlay_ui(ui, tiles_mode, offline, &mut overlay_cmds);
    });
    for c in cmds.into_iter().chain(overlay_cmds) {
        state.emit(c);
    }
}

fn overlay_ui(ui: &mut egui::Ui, tiles: TilesMode, offline: bool, cmds: &mut Vec<Command>) {
    let rect = ui.max_rect();
    // Controls, top left.
    let controls =
        egui::Rect::from_min_size(rect.min + egui::vec2(8.0, 8.0), egui::vec2(400.0, 30.0));
    ui.scope_builder(egui::UiBuilder::new().max_rect(controls), |ui| {
        ui.horizontal(|ui| {
            let frame = egui::Frame::popup(ui.style()).inner_margin(4.0);
            frame.show(ui, |ui| {
                ui.horizontal(|ui| {
                    let zin = ui.button("+").on_hover_text("Zoom in");
                    zin.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::Button, true, "Zoom in")
                    });
                    if zin.clicked() {
                        cmds.push(Command::Zoom(1));
                    }
                    let zout = ui.button("-").on_hover_text("Zoom out");
                    zout.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::Button, true, "Zoom out")
                    });
                    if zout.clicked() {
                        cmds.push(Command::Zoom(-1));
                    }
                    if ui.button("Fit to data").clicked() {
                        cmds.push(Command::FitToData);
                    }
                    ui.separator();
                    ui.add_enabled_ui(!offline, |ui| {
                        if ui
                            .selectable_label(tiles == TilesMode::Osm, "OSM")
                            .on_hover_text("OpenStreetMap tiles (online)")
                            .clicked()
                        {
                            cmds.push(Command::SetTiles(TilesMode::Osm));
                        }
                    });
                    if ui
                        .selectable_label(tiles == TilesMode::Offline || offline, "offline")
                        .on_hover_text("Bundled basemap only: no network")
                        .clicked()
                    {
                        cmds.push(Command::SetTiles(TilesMode::Offline));
                    }
                });
            });
        });
    });
    // Legend, bottom left.
    let legend_h = 20.0 + 21.0 * 7.0;
    let legend = egui::Rect::from_min_size(
        egui::pos2(rect.left() + 8.0, rect.bottom() - legend_h - 8.0),
        egui::vec2(210.0, legend_h),
    );
    ui.scope_builder(egui::UiBuilder::new().max_rect(legend), |ui| {
        egui::Frame::popup(ui.style())
            .inner_margin(6.0)
            .show(ui, |ui| {
                ui.spacing_mut().item_spacing.y = 1.0;
                for g in crate::core::model::KindGroup::ALL {
                    ui.horizontal(|ui| {
                        crate::app::panels::swatch_ui(
                            ui,
                            crate::app::panels::group_colour(g),
                            false,
                        );
                        ui.label(egui::RichText::new(g.label()).small());
                    });
                }
                ui.horizontal(|ui| {
                    crate::app::panels::swatch_ui(ui, ui.visuals().text_color(), true);
                    ui.label(egui::RichText::new("mentioned, no event in window").small());
                });
            });
    });
    // Attribution, bottom right, clear of the legend.
    let attribution = if tiles == TilesMode::Osm && !offline {
        "© OpenStreetMap contributors · Natural Earth · GeoNames"
    } else {
        "Natural Earth · GeoNames (CC-BY 4.0)"
    };
    let galley = ui.painter().layout_no_wrap(
        attribution.to_string(),
        egui::FontId::proportional(10.0),
        ui.visuals().text_color(),
    );
    let size = galley.size() + egui::vec2(8.0, 4.0);
    let r = egui::Rect::from_min_size(rect.right_bottom() - size, size);
    ui.painter()
        .rect_filled(r, 0.0, ui.visuals().extreme_bg_color.gamma_multiply(0.8));
    ui.painter().galley(
        r.min + egui::vec2(4.0, 2.0),
        galley,
        ui.visuals().text_color(),
    );
}

/// Web-Mercator x, y in 0..1 of a position.
fn mercator(lat: f64, lon: f64) -> (f64, f64) {
    let lat = lat.clamp(-85.0, 85.0).to_radians();
    let x = (lon + 180.0) / 360.0;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0;
    (x, y)
}

fn inverse_mercator_lat(y: f64) -> f64 {
    let n = std::f64::consts::PI * (1.0 - 2.0 * y);
    n.sinh().atan().to_degrees()
}

/// Centre and zoom that fit `points` (lat, lon) into a `w` x `h` pixel map.
pub fn fit_bounds(
    points: impl IntoIterator<Item = (f64, f64)>,
    w: f32,
    h: f32,
) -> Option<(f64, f64, f64)> {
    let mut bb: Option<(f64, f64, f64, f64)> = None;
    for (lat, lon) in points {
        if !(lat.is_finite() && lon.is_finite()) {
            continue;
        }
        let (x, y) = mercator(lat, lon);
        bb = Some(match bb {
            None => (x, y, x, y),
            Some((x0, y0, x1, y1)) => (x0.min(x), y0.min(y), x1.max(x), y1.max(y)),
        });
    }
    let (x0, y0, x1, y1) = bb?;
    let (w, h) = ((w as f64 - 120.0).max(100.0), (h as f64 - 160.0).max(100.0));
    let dx = (x1 - x0).max(1e-6);
    let dy = (y1 - y0).max(1e-6);
    let zoom = (w / (dx * 256.0))
        .min(h / (dy * 256.0))
        .log2()
        .clamp(1.5, 9.0);
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    Some((inverse_mercator_lat(cy), cx * 360.0 - 180.0, zoom))
}

/// Fits the map to the places of the moment (or of all data when the moment has none).
pub fn fit_to_data(state: &mut AppState) {
    let c = &state.rt.library;
    let m = &state.rt.moment;
    let size = state.rt.map_size.unwrap_or(egui::vec2(880.0, 560.0));
    let from_moment: Vec<(f64, f64)> = m
        .places
        .iter()
        .filter(|p| p.events > 0)
        .filter_map(|p| c.places.get(p.place as usize))
        .map(|p| (p.lat, p.lon))
        .collect();
    let pts: Vec<(f64, f64)> = if from_moment.len() >= 2 {
        from_moment
    } else {
        c.places.iter().map(|p| (p.lat, p.lon)).collect()
    };
    if let Some((lat, lon, zoom)) = fit_bounds(pts, size.x, size.y) {
        state.map_memory.center_at(lon_lat(lon, lat));
        let _ = state.map_memory.set_zoom(zoom);
        state.rt.fly = None;
    }
}

/// Moves the map a step towards the fly target.
fn fly_step(ctx: &egui::Context, state: &mut AppState) {
    let Some(f) = state.rt.fly else { return };
    let cur = state.map_memory.detached().unwrap_or(lon_lat(38.0, 40.0));
    let (lon, lat) = (cur.x(), cur.y());
    let z = state.map_memory.zoom();
    let k = 0.25;
    let (nlon, nlat, nz) = (
        lon + (f.lon - lon) * k,
        lat + (f.lat - lat) * k,
        z + (f.zoom - z) * k,
    );
    if (f.lon - nlon).abs() < 0.01 && (f.lat - nlat).abs() < 0.01 && (f.zoom - nz).abs() < 0.02 {
        state.map_memory.center_at(lon_lat(f.lon, f.lat));
        let _ = state.map_memory.set_zoom(f.zoom);
        state.rt.fly = None;
    } else {
        state.map_memory.center_at(lon_lat(nlon, nlat));
        let _ = state.map_memory.set_zoom(nz);
        ctx.request_repaint();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_bounds_contains_the_points() {
        let pts = [(39.93, 32.86), (55.76, 37.62), (35.93, 36.63)];
        let (lat, lon, zoom) = fit_bounds(pts, 900.0, 600.0).unwrap();
        assert!(lat > 35.0 && lat < 56.0, "{lat}");
        assert!(lon > 32.0 && lon < 38.0, "{lon}");
        assert!((3.0..=9.0).contains(&zoom), "{zoom}");
        assert!(fit_bounds([], 900.0, 600.0).is_none());
    }
}
