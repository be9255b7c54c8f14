//! The compare window: what one collection reports in the moment that another does not.

use crate::app::command::Command;
use crate::app::compare::{CompareCommand, MATCH_DAYS};
use crate::app::state::AppState;

/// The compare window, while it is open.
pub fn compare_window_ui(ctx: &egui::Context, state: &mut AppState) {
    let Some(cmp) = state.rt.window.compare.as_mut() else {
        return;
    };
    cmp.refresh(
        &state.rt.library,
        &state.rt.moment.events,
        state.rt.moment.generation,
    );
    let lib = &state.rt.library;
    let name = |id: u32| {
        lib.collection(id)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| "(closed)".into())
    };
    let mut cmds: Vec<Command> = Vec::new();
    let mut open = true;
    egui::Window::new("Compare collections")
        .id(egui::Id::unique("compare-window"))
        .open(&mut open)
        .default_size([520.0, 360.0])
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.label("Reported by");
                collection_choice_ui(ui, "compare-a", cmp.a, state_ids(lib), &name, |id| {
                    cmds.push(Command::Compare(CompareCommand::SetA(id)))
                });
                ui.label("and not by");
                collection_choice_ui(ui, "compare-b", cmp.b, state_ids(lib), &name, |id| {
                    cmds.push(Command::Compare(CompareCommand::SetB(id)))
                });
                if ui.button("Swap").clicked() {
                    cmds.push(Command::Compare(CompareCommand::Swap));
                }
            });
            ui.weak(format!(
                "In this moment: {} of {} placed events of {} have no event of {} at the same \
                 place within {MATCH_DAYS} days.",
                cmp.only_in_a.len(),
                cmp.placed_in_a,
                name(cmp.a),
                name(cmp.b),
            ));
            ui.separator();
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    for &r in &cmp.only_in_a {
                        let e = &lib.events[r as usize];
                        let place = e
                            .place
                            .and_then(|p| lib.places.get(p as usize))
                            .map(|p| p.name.as_str())
                            .unwrap_or("");
                        let title = &lib.articles[e.article as usize].article.title;
                        let text = format!("{} · {} · {place} — {title}", e.start, e.kind.as_str());
                        if ui
                            .selectable_label(false, text)
                            .on_hover_text("Open the article")
                            .clicked()
                        {
                            cmds.push(Command::OpenArticle(Some(e.article as usize)));
                        }
                    }
                });
        });
    if !open {
        cmds.push(Command::Compare(CompareCommand::Close));
    }
    for c in cmds {
        state.emit(c);
    }
}

fn state_ids(lib: &crate::app::library::Library) -> Vec<u32> {
    lib.collections.iter().map(|c| c.id).collect()
}

fn collection_choice_ui(
    ui: &mut egui::Ui,
    id: &str,
    current: u32,
    ids: Vec<u32>,
    name: &dyn Fn(u32) -> String,
    mut pick: impl FnMut(u32),
) {
    egui::ComboBox::from_id_salt(id)
        .selected_text(name(current))
        .show_ui(ui, |ui| {
            for c in ids {
                if ui.selectable_label(c == current, name(c)).clicked() {
                    pick(c);
                }
            }
        });
}
