//! The right panel: the articles of the moment (published in the window or reporting events
//! in it), sortable, filtered by the selected place; and the reader tab.

use crate::app::command::Command;
use crate::app::library::{Library, LoadedArticle};
use crate::app::moment::{ArticleRow, SortKey};
use crate::app::state::{AppState, RightTab};

/// The right panel with its two tabs.
pub fn right_panel_ui(ui: &mut egui::Ui, state: &mut AppState) {
    egui::Panel::right("articles")
        .resizable(true)
        .default_size(360.0)
        .min_size(240.0)
        .show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                let tab = state.rt.window.right_tab;
                if ui
                    .selectable_label(tab == RightTab::Articles, "Articles")
                    .clicked()
                {
                    state.emit(Command::SetRightTab(RightTab::Articles));
                }
                let has_reader = state.rt.window.reader.is_some();
                let r = ui.add_enabled(
                    has_reader,
                    egui::Button::selectable(tab == RightTab::Reader, "Reader"),
                );
                if r.clicked() {
                    state.emit(Command::SetRightTab(RightTab::Reader));
                }
                let n = state.moments.list.len();
                let label = if n == 0 {
                    "Moments".to_string()
                } else {
                    format!("Moments ({n})")
                };
                if ui
                    .selectable_label(tab == RightTab::Moments, label)
                    .on_hover_text("Saved moments (Ctrl+D saves the one on screen)")
                    .clicked()
                {
                    state.emit(Command::SetRightTab(RightTab::Moments));
                }
            });
            ui.separator();
            match (state.rt.window.right_tab, state.rt.window.reader.is_some()) {
                (RightTab::Reader, true) => super::reader::reader_ui(ui, state),
                (RightTab::Moments, _) => super::moments_panel::moments_ui(ui, state),
                _ => articles_ui(ui, state),
            }
        });
}

/// The list of articles of the moment.
pub fn articles_ui(ui: &mut egui::Ui, state: &mut AppState) {
    moment_summary_ui(ui, state);
    sort_ui(ui, state);
    ui.separator();
    if state.rt.moment.articles.is_empty() {
        if state.rt.library.articles.is_empty() {
            ui.weak("No articles loaded yet.");
        } else {
            elsewhere_ui(ui, state);
        }
        return;
    }
    if let Some(i) = article_rows_ui(ui, state) {
        state.emit(Command::OpenArticle(Some(i)));
    }
}

/// An empty window: where the matches are instead, with buttons (and keys) to go there.
fn elsewhere_ui(ui: &mut egui::Ui, state: &mut AppState) {
    let e = state.rt.moment.elsewhere;
    if e.before + e.after == 0 {
        ui.weak(
            "No match in this window or in any other: widen the filters or open more articles.",
        );
        return;
    }
    let what = match state.time.clock {
        crate::app::time_control::Clock::EventTime => "matching events",
        crate::app::time_control::Clock::PublishedTime => "matching articles",
    };
    ui.label(format!(
        "No article in this window: {} {what} before, {} after.",
        e.before, e.after
    ));
    ui.horizontal(|ui| {
        let prev = ui
            .add_enabled(e.previous.is_some(), egui::Button::new("Previous"))
            .on_hover_text("The nearest match before the window (Page Up)");
        if prev.clicked() {
            state.emit(Command::JumpToMatch { forward: false });
        }
        let next = ui
            .add_enabled(e.next.is_some(), egui::Button::new("Next"))
            .on_hover_text("The nearest match after the window (Page Down)");
        if next.clicked() {
            state.emit(Command::JumpToMatch { forward: true });
        }
    });
}

/// The window's description, what it holds, and the selected place (with its clear button).
fn moment_summary_ui(ui: &mut egui::Ui, state: &mut AppState) {
    let m = &state.rt.moment;
    let (n_articles, n_unfiltered, n_events, n_places) = (
        m.articles.len(),
        m.articles_unfiltered,
        m.events.len(),
        m.places.len(),
    );
    ui.heading(state.time.describe());
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    ui.label(format!(
        "{n_articles} article{} · {n_events} event{} · {n_places} place{}",
        plural(n_articles),
        plural(n_events),
        plural(n_places),
    ));
    if let Some(lag) = state.rt.moment.lag {
        lag_ui(ui, &lag);
    }
    let selected_place = state
        .filters
        .place
        .and_then(|gid| state.rt.library.place(gid).cloned());
    if let Some(p) = selected_place {
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(format!("Place: {}", p.name)).strong());
            ui.weak(format!("({n_articles} of {n_unfiltered} articles)"));
            let r = ui.small_button("x").on_hover_text("Show all places (Esc)");
            r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, "Clear place"));
            if r.clicked() {
                state.emit(Command::SelectPlace(None));
            }
        });
    }
}

fn sort_ui(ui: &mut egui::Ui, state: &mut AppState) {
    ui.horizontal(|ui| {
        let sort = state.sort;
        egui::ComboBox::from_label("sort")
            .selected_text(match sort {
                SortKey::Date => "date",
                SortKey::Events => "events",
                SortKey::Title => "title",
            })
            .show_ui(ui, |ui| {
                for (k, l) in [
                    (SortKey::Date, "date"),
                    (SortKey::Events, "events"),
                    (SortKey::Title, "title"),
                ] {
                    if ui.selectable_label(sort == k, l).clicked() {
                        state.rt.commands.push(Command::SetSort(k));
                    }
                }
            });
    });
}

/// The rows of the moment's articles (only the visible ones are laid out); returns the
/// article clicked, if any.
fn article_rows_ui(ui: &mut egui::Ui, state: &AppState) -> Option<usize> {
    let row_h = ui.text_style_height(&egui::TextStyle::Body)
        + ui.text_style_height(&egui::TextStyle::Small)
        + 10.0;
    let open = state.rt.window.reader.as_ref().map(|r| r.article);
    let mut clicked = None;
    let corpus = &state.rt.library;
    let rows = &state.rt.moment.articles;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, row_h, rows.len(), |ui, range| {
            for row in &rows[range] {
                let Some(la) = corpus.articles.get(row.article as usize) else {
                    continue;
                };
                let is_open = open == Some(row.article as usize);
                if article_row_ui(ui, corpus, la, row, is_open, row_h) {
                    clicked = Some(row.article as usize);
                }
            }
        });
    clicked
}

/// One row: the title (a button) over the date, collection and counts. True when clicked.
fn article_row_ui(
    ui: &mut egui::Ui,
    corpus: &Library,
    la: &LoadedArticle,
    row: &ArticleRow,
    is_open: bool,
    row_h: f32,
) -> bool {
    let a = &la.article;
    let mut clicked = false;
    ui.allocate_ui(egui::vec2(ui.available_width(), row_h), |ui| {
        ui.vertical(|ui| {
            let title = if a.title.trim().is_empty() {
                a.id.as_str()
            } else {
                a.title.as_str()
            };
            let r = ui.add(
                egui::Button::selectable(is_open, title)
                    .truncate()
                    .min_size(egui::vec2(ui.available_width(), 0.0)),
            );
            if r.clicked() {
                clicked = true;
            }
            let date = a
                .published
                .map(|p| p.iso())
                .unwrap_or_else(|| "undated".into());
            let col = corpus
                .collection(la.collection)
                .map(|c| c.name.as_str())
                .unwrap_or("");
            let n_places = corpus.places_of(row.article as usize).len();
            let n_events = corpus.events_of(row.article as usize).len();
            ui.horizontal(|ui| {
                if let Some(c) = corpus.collection(la.collection) {
                    let (rect, _) =
                        ui.allocate_exact_size(egui::vec2(8.0, 8.0), egui::Sense::hover());
                    ui.painter().rect_filled(rect, 2.0, super::rgb(c.colour));
                }
                ui.label(
                    egui::RichText::new(format!(
                        "{date} · {col} · {n_places} places · {n_events} events ({} in window)",
                        row.events_in_window
                    ))
                    .small()
                    .weak(),
                );
            });
        });
    });
    clicked
}

/// The reporting lag of the moment's events: how long after them they were published.
fn lag_ui(ui: &mut egui::Ui, lag: &crate::app::lag::LagSummary) {
    use crate::app::lag::days_label;
    let mut text = if lag.median == lag.p90 {
        format!("reporting lag: {}", days_label(lag.median))
    } else {
        format!(
            "reporting lag: median {}, 90 % within {}",
            days_label(lag.median),
            days_label(lag.p90)
        )
    };
    if lag.ahead > 0 {
        text.push_str(&format!(" · {} announced ahead", lag.ahead));
    }
    ui.weak(text).on_hover_text(format!(
        "Publication date minus event date, over the {} events of this moment dated to the day \
         on both sides{}.",
        lag.count,
        if lag.ahead > 0 {
            "; events published before they happened (scheduled) are counted apart"
        } else {
            ""
        }
    ));
}
