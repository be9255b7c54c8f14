//! The panels around the map: top bar, timeline, articles and reader, filters, and the
//! warnings and About windows. Each reads the state and emits commands.

pub mod about;
pub mod articles_panel;
pub mod chooser;
pub mod compare_window;
pub mod export_window;
pub mod filters;
pub mod moments_panel;
pub mod reader;
pub mod timeline_panel;
pub mod top_bar;
pub mod warnings;

use crate::app::state::AppState;

/// The floating windows (About, Warnings, export, compare, the folder chooser).
pub fn windows_ui(ctx: &egui::Context, state: &mut AppState) {
    about::about_window_ui(ctx, state);
    warnings::warnings_window_ui(ctx, state);
    export_window::export_window_ui(ctx, state);
    compare_window::compare_window_ui(ctx, state);
    chooser::chooser_window_ui(ctx, state);
}

pub use crate::app::palette::{group_colour, rgb};

/// A small filled circle in a colour, as a legend swatch.
pub fn swatch_ui(ui: &mut egui::Ui, colour: egui::Color32, hollow: bool) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    if hollow {
        ui.painter()
            .circle_stroke(rect.center(), 4.5, egui::Stroke::new(2.0, colour));
    } else {
        ui.painter().circle_filled(rect.center(), 5.0, colour);
    }
}
