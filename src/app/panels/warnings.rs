//! The warnings window: every skipped or repaired file, with why.

use crate::app::command::Command;
use crate::app::state::AppState;

/// The warnings window (opened from the badge in the top bar).
pub fn warnings_window_ui(ctx: &egui::Context, state: &mut AppState) {
    let mut open = state.rt.window.show_warnings;
    if !open {
        return;
    }
    let mut clear = false;
    egui::Window::new("Warnings")
        .open(&mut open)
        .default_size([560.0, 320.0])
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.label(format!(
                    "{} files skipped or repaired",
                    state.rt.loading.warnings.len()
                ));
                if ui.button("Clear").clicked() {
                    clear = true;
                }
            });
            ui.separator();
            let row_h = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
            let warnings = &state.rt.loading.warnings;
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show_rows(ui, row_h, warnings.len(), |ui, range| {
                    for w in &warnings[range] {
                        ui.horizontal(|ui| {
                            ui.label(egui::RichText::new(format!("{:?}", w.kind)).strong());
                            ui.label(w.path.display().to_string())
                                .on_hover_text(w.path.display().to_string());
                            ui.weak(&w.message);
                        });
                    }
                });
        });
    if clear {
        state.emit(Command::ClearWarnings);
    }
    if !open {
        state.emit(Command::ShowWarnings(false));
    }
}
