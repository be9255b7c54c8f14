//! The export window (`Ctrl+E`): which events, which format, which file.

use crate::app::command::Command;
use crate::app::export::{ExportCommand, ExportForm, ExportFormat, ExportScope};
use crate::app::state::AppState;

/// The export window, while it is open.
pub fn export_window_ui(ctx: &egui::Context, state: &mut AppState) {
    if state.rt.window.export.is_none() {
        return;
    }
    let moment_n = state.rt.moment.events.len();
    let shown_n = crate::app::export::shown_rows(&state.rt.library).count();
    let can_browse = state.rt.system.dialog_available && state.rt.system.save_dialog.is_none();
    let Some(form) = state.rt.window.export.as_mut() else {
        return;
    };
    let mut cmds: Vec<ExportCommand> = Vec::new();
    let mut open = true;
    egui::Window::new("Export events")
        .id(egui::Id::unique("export-window"))
        .open(&mut open)
        .collapsible(false)
        .default_width(520.0)
        .show(ctx, |ui| {
            scope_ui(ui, form, (moment_n, shown_n), &mut cmds);
            ui.add_space(4.0);
            format_ui(ui, form, &mut cmds);
            ui.add_space(4.0);
            file_ui(ui, form, can_browse, &mut cmds);
            if let Some(e) = &form.error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button("Export").clicked() {
                    cmds.push(ExportCommand::Write);
                }
                if ui.button("Cancel").clicked() {
                    cmds.push(ExportCommand::Close);
                }
            });
        });
    if !open {
        cmds.push(ExportCommand::Close);
    }
    for c in cmds {
        state.emit(Command::Export(c));
    }
}

/// Which events: the moment's or all of the shown collections'.
fn scope_ui(
    ui: &mut egui::Ui,
    form: &ExportForm,
    (moment_n, shown_n): (usize, usize),
    cmds: &mut Vec<ExportCommand>,
) {
    ui.strong("Events");
    for (scope, label) in [
        (
            ExportScope::Moment,
            format!("shown now: time window and filters ({moment_n})"),
        ),
        (
            ExportScope::Shown,
            format!("all of the shown collections ({shown_n})"),
        ),
    ] {
        if ui.radio(form.scope == scope, label).clicked() {
            cmds.push(ExportCommand::Scope(scope));
        }
    }
}

/// GeoJSON, CSV or KML.
fn format_ui(ui: &mut egui::Ui, form: &ExportForm, cmds: &mut Vec<ExportCommand>) {
    ui.strong("Format");
    ui.horizontal(|ui| {
        for f in ExportFormat::ALL {
            if ui.radio(form.format == f, f.label()).clicked() {
                cmds.push(ExportCommand::Format(f));
            }
        }
    });
    if form.format != ExportFormat::Csv {
        ui.weak("Events without a place are left out of maps (CSV keeps them).");
    }
}

/// The destination: typed (Enter writes) or picked with the system's save dialog.
fn file_ui(
    ui: &mut egui::Ui,
    form: &mut ExportForm,
    can_browse: bool,
    cmds: &mut Vec<ExportCommand>,
) {
    ui.strong("File");
    ui.horizontal(|ui| {
        let browse = ui
            .add_enabled(can_browse, egui::Button::new("Browse…"))
            .on_disabled_hover_text("No system file dialog here: type the path.");
        if browse.clicked() {
            cmds.push(ExportCommand::Browse);
        }
        let field = ui.add(
            egui::TextEdit::singleline(&mut form.path_edit)
                .desired_width(f32::INFINITY)
                .hint_text("where to write the file"),
        );
        if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            cmds.push(ExportCommand::Write);
        }
    });
}
