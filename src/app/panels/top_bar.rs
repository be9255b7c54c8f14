//! The top bar: open folders, recent folders, search, filters, loading progress, warnings
//! badge, theme and About.

use crate::app::command::Command;
use crate::app::state::{AppState, ThemeChoice};

/// The top bar.
pub fn top_bar_ui(ui: &mut egui::Ui, state: &mut AppState) {
    egui::Panel::top("top_bar").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            if ui
                .button("Open folder…")
                .on_hover_text("Open a folder of articles (Ctrl+O)")
                .clicked()
            {
                state.emit(Command::OpenFolderDialog);
            }
            if ui
                .button("Open event table…")
                .on_hover_text(
                    "Open an event table (.ndjson) written by `chronocarte extract --ndjson`, \
                     e.g. merged from shards extracted elsewhere",
                )
                .clicked()
            {
                state.emit(Command::OpenTableDialog);
            }
            recent_menu_ui(ui, state);
            if ui
                .button("Export…")
                .on_hover_text("Export events as GeoJSON, CSV or KML (Ctrl+E)")
                .clicked()
            {
                state.emit(Command::Export(crate::app::export::ExportCommand::Show));
            }
            ui.separator();
            search_ui(ui, state);
            super::filters::filters_menu_ui(ui, state);
            ui.separator();
            loading_ui(ui, state);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("?").on_hover_text("About chronocarte").clicked() {
                    state.emit(Command::ShowAbout(true));
                }
                theme_ui(ui, state);
                let n = state.rt.loading.warnings.len();
                if n > 0 {
                    let badge = egui::RichText::new(format!("Warnings: {n}"))
                        .color(ui.visuals().warn_fg_color);
                    if ui
                        .button(badge)
                        .on_hover_text("Files skipped or repaired")
                        .clicked()
                    {
                        state.emit(Command::ShowWarnings(!state.rt.window.show_warnings));
                    }
                }
            });
        });
        notices_ui(ui, state);
    });
}

fn recent_menu_ui(ui: &mut egui::Ui, state: &mut AppState) {
    let recent = state.recent.clone();
    ui.menu_button("Recent v", |ui| {
        if recent.is_empty() {
            ui.weak("No recent folders");
        }
        for p in recent {
            if ui.button(p.display().to_string()).clicked() {
                state.emit(Command::OpenFolders(vec![p]));
                ui.close();
            }
        }
        ui.separator();
        if ui.button("Sample articles (seeds)").clicked() {
            state.emit(Command::OpenSeeds);
            ui.close();
        }
    });
}

fn search_ui(ui: &mut egui::Ui, state: &mut AppState) {
    let label = ui.label("Search:");
    let edit = egui::TextEdit::singleline(&mut state.rt.window.search_edit)
        .hint_text("search titles, places, actors…")
        .desired_width(220.0);
    let resp = ui.add(edit).labelled_by(label.id);
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Search"));
    if resp.changed() {
        let s = state.rt.window.search_edit.clone();
        state.emit(Command::SetSearch(s));
    }
}

fn loading_ui(ui: &mut egui::Ui, state: &mut AppState) {
    let jobs: Vec<_> = state
        .rt
        .loading
        .loader
        .jobs
        .iter()
        .filter(|j| !j.finished)
        .cloned()
        .collect();
    for j in jobs {
        let name = state
            .rt
            .library
            .collection(j.collection)
            .map(|c| c.name.clone())
            .unwrap_or_default();
        let frac = if j.total > 0 {
            j.done as f32 / j.total as f32
        } else {
            0.0
        };
        let current = j
            .current
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "listing files…".into());
        ui.add(
            egui::ProgressBar::new(frac)
                .desired_width(260.0)
                .text(format!("{name}: {}/{} files · {current}", j.done, j.total)),
        );
        if ui
            .button("Cancel")
            .on_hover_text(format!("Stop loading {name}"))
            .clicked()
        {
            state.emit(Command::CancelLoad(j.id));
        }
    }
    if !state.rt.loading.loader.busy() {
        let c = &state.rt.library;
        ui.weak(format!(
            "{} articles · {} events · {} places",
            c.articles.len(),
            c.event_count(),
            c.places.len()
        ));
    }
}

fn theme_ui(ui: &mut egui::Ui, state: &mut AppState) {
    let (icon, next) = match state.theme {
        ThemeChoice::System => ("Theme: system", ThemeChoice::Light),
        ThemeChoice::Light => ("Theme: light", ThemeChoice::Dark),
        ThemeChoice::Dark => ("Theme: dark", ThemeChoice::System),
    };
    if ui
        .button(icon)
        .on_hover_text("Theme: system / light / dark")
        .clicked()
    {
        state.emit(Command::SetTheme(next));
    }
}

fn notices_ui(ui: &mut egui::Ui, state: &mut AppState) {
    if state.rt.window.notices.is_empty() {
        return;
    }
    let notices = state.rt.window.notices.clone();
    ui.horizontal_wrapped(|ui| {
        for n in &notices {
            let colour = if n.is_error {
                ui.visuals().warn_fg_color
            } else {
                ui.visuals().text_color()
            };
            ui.label(egui::RichText::new(&n.text).color(colour));
        }
        if ui.small_button("x").on_hover_text("Dismiss").clicked() {
            state.emit(Command::DismissNotices);
        }
    });
}
