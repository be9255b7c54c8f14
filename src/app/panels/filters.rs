//! Filters: event kinds, actor, collections, selected place. Reflected on the map, the
//! histogram and the list (see `moment::Masks`).

use crate::app::command::Command;
use crate::app::state::AppState;
use crate::core::model::KindGroup;

/// The "Filters v" menu of the top bar.
pub fn filters_menu_ui(ui: &mut egui::Ui, state: &mut AppState) {
    let active = state.filters.kinds.iter().any(|k| !k)
        || !state.filters.actor.is_empty()
        || state.filters.place.is_some()
        || state.rt.library.collections.iter().any(|c| !c.visible);
    let title = if active { "Filters * v" } else { "Filters v" };
    ui.menu_button(title, |ui| {
        ui.strong("Event kinds");
        for (i, g) in KindGroup::ALL.iter().enumerate() {
            let mut shown = state.filters.kinds[i];
            ui.horizontal(|ui| {
                super::swatch_ui(ui, super::group_colour(*g), false);
                if ui.checkbox(&mut shown, g.label()).changed() {
                    state.emit(Command::SetKindShown(*g, shown));
                }
            });
        }
        ui.separator();
        ui.horizontal(|ui| {
            let label = ui.label("Actor:");
            let mut actor = state.filters.actor.clone();
            let resp = ui
                .add(
                    egui::TextEdit::singleline(&mut actor)
                        .hint_text("e.g. Poutine")
                        .desired_width(160.0),
                )
                .labelled_by(label.id);
            if resp.changed() {
                state.emit(Command::SetActor(actor));
            }
        });
        ui.separator();
        ui.strong("Collections");
        collections_ui(ui, state);
        ui.separator();
        let place = state
            .filters
            .place
            .and_then(|gid| state.rt.library.place(gid).cloned());
        match place {
            Some(p) => {
                ui.horizontal(|ui| {
                    ui.label(format!("Place: {}", p.name));
                    if ui
                        .small_button("x")
                        .on_hover_text("Clear the place (Esc)")
                        .clicked()
                    {
                        state.emit(Command::SelectPlace(None));
                    }
                });
            }
            None => {
                ui.weak("Place: click a marker on the map");
            }
        }
        if ui.button("Clear all filters").clicked() {
            state.emit(Command::ClearFilters);
        }
    });
}

/// One line per collection: colour, visibility toggle with name and count, remove.
pub fn collections_ui(ui: &mut egui::Ui, state: &mut AppState) {
    let cols = state.rt.library.collections.clone();
    if cols.is_empty() {
        ui.weak("No collection: open a folder.");
    }
    for c in cols {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, super::rgb(c.colour));
            let mut vis = c.visible;
            let text = format!("{} ({})", c.name, c.articles);
            if ui
                .checkbox(&mut vis, text)
                .on_hover_text(roots_text(&c.roots))
                .changed()
            {
                state.emit(Command::SetCollectionVisible(c.id, vis));
            }
            let rm = ui
                .small_button("x")
                .on_hover_text(format!("Remove {}", c.name));
            rm.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Remove {}", c.name))
            });
            if rm.clicked() {
                state.emit(Command::RemoveCollection(c.id));
            }
        });
    }
    if state.rt.library.collections.len() >= 2
        && ui
            .small_button("Compare…")
            .on_hover_text("What one collection reports in this moment that another does not")
            .clicked()
    {
        state.emit(Command::Compare(crate::app::compare::CompareCommand::Show));
    }
}

fn roots_text(roots: &[std::path::PathBuf]) -> String {
    roots
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}
