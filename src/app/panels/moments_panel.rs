//! The "Moments" tab of the right panel: save what the window shows, jump back to it, play the
//! saved moments as a tour.

use crate::app::command::Command;
use crate::app::saved_moments::MomentsCommand;
use crate::app::state::AppState;

/// The saved moments list.
pub fn moments_ui(ui: &mut egui::Ui, state: &mut AppState) {
    let mut cmds: Vec<MomentsCommand> = Vec::new();
    let hint = state.moments.default_name(state.time.cursor);
    ui.horizontal(|ui| {
        let field = ui.add(
            egui::TextEdit::singleline(&mut state.moments.name_edit)
                .desired_width(ui.available_width() - 130.0)
                .hint_text(hint),
        );
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui
            .button("Save this moment")
            .on_hover_text("Time window, map view, filters and selected place (Ctrl+D)")
            .clicked()
            || enter
        {
            cmds.push(MomentsCommand::Save(state.moments.name_edit.clone()));
        }
    });
    let list = &state.moments.list;
    ui.horizontal(|ui| {
        let touring = state.moments.tour.is_some();
        let label = if touring {
            "Stop the tour"
        } else {
            "Play as a tour"
        };
        if ui
            .add_enabled(!list.is_empty(), egui::Button::new(label))
            .on_hover_text("Each saved moment in turn, a few seconds each")
            .clicked()
        {
            cmds.push(MomentsCommand::Tour(!touring));
        }
        ui.weak("[ and ] go to the previous / next one");
    });
    ui.separator();
    if list.is_empty() {
        ui.weak(
            "No saved moment yet. A moment keeps the time window, the map view, the filters and \
             the selected place; save one to come back to it, or to build a tour.",
        );
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (i, m) in list.iter().enumerate() {
                ui.horizontal(|ui| {
                    let current = state.moments.current == Some(i);
                    let text = format!("{} — {} · {}", m.name, m.cursor, m.window.label());
                    if ui
                        .selectable_label(current, text)
                        .on_hover_text("Go to this moment")
                        .clicked()
                    {
                        cmds.push(MomentsCommand::Go(i));
                    }
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if ui.small_button("x").on_hover_text("Delete").clicked() {
                            cmds.push(MomentsCommand::Delete(i));
                        }
                        if i > 0
                            && ui
                                .small_button("up")
                                .on_hover_text("Earlier in the tour")
                                .clicked()
                        {
                            cmds.push(MomentsCommand::MoveUp(i));
                        }
                    });
                });
            }
        });
    for c in cmds {
        state.emit(Command::Moments(c));
    }
}
