//! The map: walkers with the offline basemap (and OpenStreetMap tiles when online), the
//! markers plugin (clustered, coloured by event kind, sized by count), the legend, the
//! controls and the attribution. [`MapView`] owns what only the map uses (the marker clusters,
//! the tile sources); the rest of the app reaches the map through commands and [`fit_to_data`].

pub mod basemap;
pub mod labels;
pub mod markers;
pub mod osm;
pub mod tiles;
pub mod view;

use crate::app::command::Command;
use crate::app::library::Library;
use crate::app::moment::Moment;
use crate::app::state::{AppState, TilesMode};
use view::{Framing, LatLonBounds};
use walkers::{Map, Tiles, lon_lat};

pub use markers::MapCache;

/// How "Fit to data" frames the places: room for the controls and the legend around them,
/// never zoomed out to a blur nor in to the streets.
pub const DATA_FRAMING: Framing = Framing {
    padding: egui::Vec2 { x: 60.0, y: 80.0 },
    min_room: 100.0,
    min_zoom: 1.5,
    max_zoom: 9.0,
};

/// The map's own runtime data: the marker clusters and the tile sources. The app owns it beside
/// the [`AppState`]; nothing outside `map/` touches it.
#[derive(Default)]
pub struct MapView {
    /// Marker clusters, cached per moment and zoom.
    cache: MapCache,
    /// The offline basemap tiles (rasterised from bundled data).
    basemap: Option<Box<dyn Tiles>>,
    /// OpenStreetMap tiles (absent when offline).
    osm: Option<osm::OsmTiles>,
}

impl MapView {
    /// A map with its tile sources: the bundled basemap always (rendered synchronously when
    /// every frame must be complete, as for a screenshot), OpenStreetMap only when not offline.
    pub fn with_tiles(ctx: &egui::Context, offline: bool, synchronous: bool) -> Self {
        Self {
            cache: MapCache::default(),
            basemap: Some(Box::new(
                basemap::BasemapTiles::new(ctx).synchronous(synchronous),
            )),
            osm: tiles::osm_tiles(ctx, offline).map(osm::OsmTiles::new),
        }
    }

    /// The central map panel.
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &mut AppState) {
        if std::mem::take(&mut state.rt.view.fit_requested) {
            fit_to_data(state);
        }
        fly_step(ui.ctx(), state);
        state.rt.view.map_size = Some(ui.available_size());
        let rt = &mut state.rt;
        let mut cmds: Vec<Command> = Vec::new();
        let mut overlay_cmds: Vec<Command> = Vec::new();
        let no_basemap = self.basemap.is_none();
        let plugin = markers::Markers {
            corpus: &rt.library,
            moment: &rt.moment,
            selected: rt.masks.selected,
            cache: &mut self.cache,
            commands: &mut cmds,
        };
        let tiles_mode = state.tiles;
        let offline = rt.system.offline;
        if let Some(o) = self.osm.as_mut() {
            o.begin_frame();
        }
        let osm_on = tiles_mode == TilesMode::Osm && !offline;
        let info = TilesInfo {
            mode: tiles_mode,
            offline,
            osm_drawn: osm_on && self.osm.as_ref().is_some_and(|o| o.drawn()),
            unavailable: self
                .osm
                .as_ref()
                .and_then(|o| o.unavailable())
                .map(str::to_string),
        };
        // Both tile sources go in as layers: the basemap underneath, OSM over it.
        let mut map = Map::new(None, &mut state.map_memory, lon_lat(38.0, 40.0));
        if let Some(basemap) = self.basemap.as_deref_mut() {
            map = map.with_layer(basemap, 1.0);
        }
        if osm_on && let Some(osm) = self.osm.as_mut() {
            map = map.with_layer(osm as &mut dyn Tiles, 1.0);
        }
        let dark = ui.visuals().dark_mode;
        map = map
            .with_plugin(markers::Graticule {
                enabled: no_basemap,
            })
            .with_plugin(labels::CountryLabels::new(dark))
            .with_plugin(plugin);
        map.show(ui, |ui, _response, _projector, _memory| {
            overlay_ui(ui, &info, &mut overlay_cmds);
        });
        for c in cmds.into_iter().chain(overlay_cmds) {
            state.emit(c);
        }
    }
}

/// What the overlay says of the tile sources.
struct TilesInfo {
    mode: TilesMode,
    offline: bool,
    /// OSM tiles were on screen last frame.
    osm_drawn: bool,
    /// Why OSM tiles cannot be had, when they cannot.
    unavailable: Option<String>,
}

/// The controls, the legend and the attribution drawn over the map.
fn overlay_ui(ui: &mut egui::Ui, tiles: &TilesInfo, cmds: &mut Vec<Command>) {
    let rect = ui.max_rect();
    controls_ui(ui, rect, tiles, cmds);
    legend_ui(ui, rect);
    attribution_ui(ui, rect, tiles.osm_drawn);
}

/// Zoom, fit and tile-source buttons, top left of `rect`.
fn controls_ui(ui: &mut egui::Ui, rect: egui::Rect, tiles: &TilesInfo, cmds: &mut Vec<Command>) {
    let controls =
        egui::Rect::from_min_size(rect.min + egui::vec2(8.0, 8.0), egui::vec2(400.0, 30.0));
    ui.scope_builder(egui::UiBuilder::new().max_rect(controls), |ui| {
        ui.horizontal(|ui| {
            let frame = egui::Frame::popup(ui.style()).inner_margin(4.0);
            frame.show(ui, |ui| {
                ui.horizontal(|ui| {
                    view_buttons_ui(ui, cmds);
                    ui.separator();
                    tiles_buttons_ui(ui, tiles, cmds);
                });
            });
        });
    });
}

/// Zoom in, zoom out, fit to data.
fn view_buttons_ui(ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
    let zin = ui.button("+").on_hover_text("Zoom in");
    zin.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, "Zoom in"));
    if zin.clicked() {
        cmds.push(Command::Zoom(1));
    }
    let zout = ui.button("-").on_hover_text("Zoom out");
    zout.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, "Zoom out"));
    if zout.clicked() {
        cmds.push(Command::Zoom(-1));
    }
    if ui.button("Fit to data").clicked() {
        cmds.push(Command::FitToData);
    }
}

/// The OSM / offline switch; OSM says when its tiles cannot be had, and why.
fn tiles_buttons_ui(ui: &mut egui::Ui, tiles: &TilesInfo, cmds: &mut Vec<Command>) {
    let (mode, offline) = (tiles.mode, tiles.offline);
    ui.add_enabled_ui(!offline, |ui| {
        let (label, hover) = match &tiles.unavailable {
            Some(reason) => (
                "OSM unavailable",
                format!(
                    "OpenStreetMap tiles cannot be fetched ({reason}); the bundled basemap shows."
                ),
            ),
            None => ("OSM", "OpenStreetMap tiles (online)".to_string()),
        };
        let r = ui
            .selectable_label(mode == TilesMode::Osm, label)
            .on_hover_text(hover)
            .on_disabled_hover_text("Started with --offline: no network");
        if r.clicked() {
            cmds.push(Command::SetTiles(TilesMode::Osm));
        }
    });
    if ui
        .selectable_label(mode == TilesMode::Offline || offline, "offline")
        .on_hover_text("Bundled basemap only: no network")
        .clicked()
    {
        cmds.push(Command::SetTiles(TilesMode::Offline));
    }
}

/// The colour of each kind group and of mentioned-only places, bottom left of `rect`.
fn legend_ui(ui: &mut egui::Ui, rect: egui::Rect) {
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
                            crate::app::palette::group_colour(g),
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
}

/// The data credits, bottom right of `rect`, clear of the legend: OpenStreetMap's only when
/// its tiles are on screen (a label, so screen readers and tests see it too).
fn attribution_ui(ui: &mut egui::Ui, rect: egui::Rect, osm_drawn: bool) {
    let text = egui::RichText::new(osm::credit(osm_drawn)).size(10.0);
    let galley = ui.painter().layout_no_wrap(
        osm::credit(osm_drawn).to_string(),
        egui::FontId::proportional(10.0),
        ui.visuals().text_color(),
    );
    let size = galley.size() + egui::vec2(8.0, 4.0);
    let r = egui::Rect::from_min_size(rect.right_bottom() - size, size);
    ui.painter()
        .rect_filled(r, 0.0, ui.visuals().extreme_bg_color.gamma_multiply(0.8));
    ui.put(
        r.shrink2(egui::vec2(4.0, 2.0)),
        egui::Label::new(text).extend(),
    );
}

/// The box around the places to show: those with events in the moment when there are at
/// least two, else every place of the data. `None` when there is no place.
pub fn data_bounds(library: &Library, moment: &Moment) -> Option<LatLonBounds> {
    let from_moment: Vec<(f64, f64)> = moment
        .places
        .iter()
        .filter(|p| p.events > 0)
        .filter_map(|p| library.places.get(p.place as usize))
        .map(|p| (p.lat, p.lon))
        .collect();
    if from_moment.len() >= 2 {
        LatLonBounds::from_points(from_moment)
    } else {
        LatLonBounds::from_points(library.places.iter().map(|p| (p.lat, p.lon)))
    }
}

/// Fits the map to the places of the moment (or of all data when the moment has none).
pub fn fit_to_data(state: &mut AppState) {
    let size = state.rt.view.map_size.unwrap_or(egui::vec2(880.0, 560.0));
    if let Some(bounds) = data_bounds(&state.rt.library, &state.rt.moment) {
        view::fit_bounds(bounds, size, &DATA_FRAMING).apply(&mut state.map_memory);
        state.rt.view.fly = None;
    }
}

/// Moves the map a step towards the fly target.
fn fly_step(ctx: &egui::Context, state: &mut AppState) {
    let Some(f) = state.rt.view.fly else { return };
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
        state.rt.view.fly = None;
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
        let bounds = LatLonBounds::from_points(pts).unwrap();
        let fitted = view::fit_bounds(bounds, egui::vec2(900.0, 600.0), &DATA_FRAMING);
        let (lat, lon, zoom) = (fitted.center.y(), fitted.center.x(), fitted.zoom);
        assert!(lat > 35.0 && lat < 56.0, "{lat}");
        assert!(lon > 32.0 && lon < 38.0, "{lon}");
        assert!((3.0..=9.0).contains(&zoom), "{zoom}");
        assert!(LatLonBounds::from_points([]).is_none());
    }
}
