//! The About window: versions and data credits.

use crate::app::command::Command;
use crate::app::state::AppState;

/// Versions of the main libraries (kept in step with Cargo.toml).
const LIBS: &[(&str, &str)] = &[
    ("egui / eframe", "0.37"),
    ("walkers", "0.65"),
    ("chrono", "0.4"),
];

/// The About window.
pub fn about_window_ui(ctx: &egui::Context, state: &mut AppState) {
    let mut open = state.rt.window.show_about;
    if !open {
        return;
    }
    egui::Window::new("About chronocarte").open(&mut open).collapsible(false).resizable(false).show(ctx, |ui| {
        ui.heading(format!("chronocarte {}", env!("CARGO_PKG_VERSION")));
        ui.label("A desktop atlas of the news: when and where things happened, on a map tied to a timeline.");
        ui.separator();
        ui.strong("Built with");
        for (name, v) in LIBS {
            ui.label(format!("{name} {v}"));
        }
        ui.separator();
        ui.strong("Data credits");
        ui.label("Places: GeoNames (geonames.org), licensed CC-BY 4.0.");
        ui.label("Offline basemap: Natural Earth (naturalearthdata.com), public domain, via world-atlas 2.0.2.");
        ui.label("Map tiles: © OpenStreetMap contributors (openstreetmap.org/copyright), ODbL.");
        ui.separator();
        ui.strong("Keyboard");
        ui.label("Space play/pause · <-/→ step · Home/End first/last day · Ctrl+O open folder · Esc clear selection");
    });
    if !open {
        state.emit(Command::ShowAbout(false));
    }
}
