//! The in-app folder chooser's window ([`crate::app::folder_chooser`]).

use crate::app::command::Command;
use crate::app::folder_chooser::{ChooserCommand, FolderChooser, Purpose};
use crate::app::state::AppState;
use std::path::PathBuf;

/// The chooser window, while it is open.
pub fn chooser_window_ui(ctx: &egui::Context, state: &mut AppState) {
    let Some(chooser) = state.rt.window.chooser.as_mut() else {
        return;
    };
    let title = match chooser.purpose {
        Purpose::Folder => "Open a folder of articles",
        Purpose::Table => "Open an event table",
    };
    let mut cmds: Vec<ChooserCommand> = Vec::new();
    let mut open = true;
    egui::Window::new(title)
        .id(egui::Id::unique("folder-chooser"))
        .open(&mut open)
        .collapsible(false)
        .default_size([560.0, 420.0])
        .show(ctx, |ui| {
            if let Some(m) = &chooser.message {
                ui.colored_label(ui.visuals().warn_fg_color, m);
                ui.separator();
            }
            path_row_ui(ui, chooser, &mut cmds);
            ui.separator();
            entries_ui(ui, chooser, &mut cmds);
            ui.separator();
            footer_ui(ui, chooser, &mut cmds);
        });
    if ctx.input_mut(|i| i.consume_key(egui::Modifiers::ALT, egui::Key::ArrowUp)) {
        cmds.push(ChooserCommand::Up);
    }
    if !open {
        cmds.push(ChooserCommand::Close);
    }
    for c in cmds {
        state.emit(Command::Chooser(c));
    }
}

/// Up, Home and the path field (Enter goes there).
fn path_row_ui(ui: &mut egui::Ui, chooser: &mut FolderChooser, cmds: &mut Vec<ChooserCommand>) {
    ui.horizontal(|ui| {
        if ui
            .button("Up")
            .on_hover_text("The parent folder (Alt+Up)")
            .clicked()
        {
            cmds.push(ChooserCommand::Up);
        }
        if let Some(home) = directories::UserDirs::new().map(|u| u.home_dir().to_path_buf())
            && ui.button("Home").clicked()
        {
            cmds.push(ChooserCommand::Go(home));
        }
        let field = ui.add(
            egui::TextEdit::singleline(&mut chooser.path_edit)
                .desired_width(f32::INFINITY)
                .hint_text("a folder path, Enter to go"),
        );
        if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            cmds.push(ChooserCommand::Go(PathBuf::from(chooser.path_edit.trim())));
        }
    });
}

/// The sub-folders (click to enter) and, for tables, the table files (click to open).
fn entries_ui(ui: &mut egui::Ui, chooser: &FolderChooser, cmds: &mut Vec<ChooserCommand>) {
    let footer_h = ui.spacing().interact_size.y * 2.0;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .max_height((ui.available_height() - footer_h).max(80.0))
        .show(ui, |ui| {
            if chooser.entries.is_empty() {
                ui.weak("No sub-folders here.");
            }
            for e in &chooser.entries {
                let label = if e.is_dir {
                    format!("{}/", e.name)
                } else {
                    e.name.clone()
                };
                if ui.selectable_label(false, label).clicked() {
                    cmds.push(if e.is_dir {
                        ChooserCommand::Go(e.path.clone())
                    } else {
                        ChooserCommand::Pick(e.path.clone())
                    });
                }
            }
        });
}

/// "Open this folder" with what it holds, and Cancel.
fn footer_ui(ui: &mut egui::Ui, chooser: &FolderChooser, cmds: &mut Vec<ChooserCommand>) {
    ui.horizontal(|ui| {
        if chooser.purpose == Purpose::Folder {
            let here = chooser.dir.clone();
            if ui
                .button("Open this folder")
                .on_hover_text(here.display().to_string())
                .clicked()
            {
                cmds.push(ChooserCommand::Pick(here));
            }
            ui.weak(match chooser.articles_here {
                0 => "no article file at this level (sub-folders are read too)".to_string(),
                1 => "1 article file at this level".to_string(),
                n => format!("{n} article files at this level"),
            });
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Cancel").clicked() {
                cmds.push(ChooserCommand::Close);
            }
        });
    });
}
