//! The one handler of [`Command`]s: the UI emits them, this applies them to the state.

use crate::app::command::Command;
use crate::app::compare::{Compare, CompareCommand};
use crate::app::export::{self, ExportCommand, ExportForm, ExportFormat, ExportScope};
use crate::app::folder_chooser::{
    self, ChooserCommand, DIALOG_MIN_HUMAN_TIME, FolderChooser, Purpose,
};
use crate::app::loading::EMBEDDED_ROOT;
use crate::app::saved_moments::{MomentsCommand, SavedMoment, Tour};
use crate::app::state::{AppState, DialogAnswer, Fly, ReaderState, RightTab, ThemeChoice};
use crate::app::time_control::{Clock, TimeCommand};
use crate::core::model::KindGroup;
use std::path::PathBuf;

/// Applies one command.
pub fn handle(state: &mut AppState, ctx: &egui::Context, cmd: Command) {
    match cmd {
        Command::Time(t) => time_command(state, t),
        Command::JumpToMatch { forward } => jump_to_match(state, forward),
        cmd @ (Command::OpenFolderDialog
        | Command::OpenTableDialog
        | Command::OpenFolders(_)
        | Command::Chooser(_)
        | Command::Export(_)
        | Command::OpenSeeds
        | Command::CancelLoad(_)
        | Command::RemoveCollection(_)
        | Command::SetCollectionVisible(..)) => data_command(state, ctx, cmd),
        cmd @ (Command::SelectPlace(_)
        | Command::OpenArticle(_)
        | Command::SetSearch(_)
        | Command::SetKindShown(..)
        | Command::SetActor(_)
        | Command::ClearFilters
        | Command::Escape) => selection_command(state, cmd),
        Command::Moments(c) => moments_command(state, c),
        Command::Compare(c) => compare_command(state, c),
        cmd => view_command(state, ctx, cmd),
    }
}

/// Cursor, window and playback; moving the cursor by hand pins it, and a change of clock
/// takes the bounds of the data on the new clock.
fn time_command(state: &mut AppState, t: TimeCommand) {
    if matches!(
        t,
        TimeCommand::SetCursor(_) | TimeCommand::StepBack | TimeCommand::StepForward
    ) {
        state.rt.view.cursor_pinned = true;
    }
    let clock_before = state.time.clock;
    state.time.handle(t);
    bounds_after_clock_change(state, clock_before);
}

/// A change of clock takes the bounds of the data on the new clock.
fn bounds_after_clock_change(state: &mut AppState, clock_before: Clock) {
    if state.time.clock != clock_before {
        let b = state.rt.library.extent(state.time.clock);
        state.time.set_bounds(b);
    }
}

/// The cursor to the nearest match outside the window, or a notice when there is none.
fn jump_to_match(state: &mut AppState, forward: bool) {
    let rt = &mut state.rt;
    rt.masks.update(&rt.library, &state.filters, rt.filters_gen);
    let (from, to) = state.time.window_range();
    let found =
        crate::app::moment::matches_outside(&rt.library, &rt.masks, state.time.clock, from, to);
    match if forward { found.next } else { found.previous } {
        Some(d) => time_command(state, TimeCommand::SetCursor(d)),
        None => state.notify(
            if forward {
                "No match after this window."
            } else {
                "No match before this window."
            },
            false,
        ),
    }
}

/// Loading, closing and showing collections.
fn data_command(state: &mut AppState, ctx: &egui::Context, cmd: Command) {
    match cmd {
        Command::OpenFolderDialog => open_dialog(state, ctx, false),
        Command::OpenTableDialog => open_dialog(state, ctx, true),
        Command::OpenFolders(paths) => open_folders(state, ctx, paths),
        Command::Chooser(c) => chooser_command(state, ctx, c),
        Command::Export(c) => export_command(state, ctx, c),
        Command::OpenSeeds => open_seeds(state, ctx),
        Command::CancelLoad(job) => state.rt.loading.loader.cancel(job),
        Command::RemoveCollection(id) => {
            state.rt.loading.loader.cancel_collection(id);
            state.rt.library.remove_collection(id);
            state.rt.window.reader = None;
            state.rt.window.right_tab = RightTab::Articles;
            state.rt.filters_gen += 1;
        }
        Command::SetCollectionVisible(id, v) => {
            state.rt.library.set_visible(id, v);
            state.rt.filters_gen += 1;
        }
        other => unreachable!("not a data command: {other:?}"),
    }
}

/// The selected place, the open article and the filters.
fn selection_command(state: &mut AppState, cmd: Command) {
    match cmd {
        Command::SelectPlace(p) => {
            state.filters.place = p;
            state.rt.filters_gen += 1;
        }
        Command::OpenArticle(None) => {
            state.rt.window.reader = None;
            state.rt.window.right_tab = RightTab::Articles;
        }
        Command::OpenArticle(Some(i)) => {
            let Some(la) = state.rt.library.articles.get(i) else {
                return;
            };
            state.rt.window.reader = Some(open_reader(i, &la.article));
            state.rt.window.right_tab = RightTab::Reader;
        }
        Command::SetSearch(s) => {
            state.rt.window.search_edit = s.clone();
            if state.filters.search != s {
                state.filters.search = s;
                state.rt.filters_gen += 1;
            }
        }
        Command::SetKindShown(g, v) => {
            if let Some(i) = KindGroup::ALL.iter().position(|x| *x == g) {
                state.filters.kinds[i] = v;
                state.rt.filters_gen += 1;
            }
        }
        Command::SetActor(a) => {
            state.filters.actor = a;
            state.rt.filters_gen += 1;
        }
        Command::ClearFilters => {
            state.filters = Default::default();
            state.rt.window.search_edit.clear();
            state.rt.filters_gen += 1;
        }
        Command::Escape => escape(state),
        other => unreachable!("not a selection command: {other:?}"),
    }
}

/// Esc undoes the innermost thing: the selected place, then the reader, then the windows.
fn escape(state: &mut AppState) {
    if state.rt.window.chooser.is_some() {
        state.rt.window.chooser = None;
    } else if state.rt.window.export.is_some() {
        state.rt.window.export = None;
    } else if state.rt.window.compare.is_some() {
        state.rt.window.compare = None;
    } else if state.filters.place.is_some() {
        state.filters.place = None;
        state.rt.filters_gen += 1;
    } else if state.rt.window.reader.is_some() {
        state.rt.window.reader = None;
        state.rt.window.right_tab = RightTab::Articles;
    } else {
        state.rt.window.show_about = false;
        state.rt.window.show_warnings = false;
    }
}

/// The map's view, the list's order, the theme, the tabs, windows and messages.
fn view_command(state: &mut AppState, ctx: &egui::Context, cmd: Command) {
    match cmd {
        Command::FlyTo { lat, lon } => {
            let zoom = state.map_memory.zoom().max(5.0);
            state.rt.view.fly = Some(Fly { lat, lon, zoom });
        }
        Command::FitToData => state.rt.view.fit_requested = true,
        Command::Zoom(z) => {
            let _ = if z > 0 {
                state.map_memory.zoom_in()
            } else {
                state.map_memory.zoom_out()
            };
        }
        Command::SetSort(s) => state.sort = s,
        Command::SetTiles(t) => state.tiles = t,
        Command::SetTheme(t) => {
            state.theme = t;
            apply_theme(ctx, t);
        }
        Command::SetRightTab(t) => state.rt.window.right_tab = t,
        Command::ShowWarnings(v) => state.rt.window.show_warnings = v,
        Command::ClearWarnings => state.rt.loading.warnings.clear(),
        Command::ShowAbout(v) => state.rt.window.show_about = v,
        Command::DismissNotices => state.rt.window.notices.clear(),
        other => unreachable!("not a view command: {other:?}"),
    }
}

/// Applies a theme choice to egui.
pub fn apply_theme(ctx: &egui::Context, t: ThemeChoice) {
    ctx.set_theme(match t {
        ThemeChoice::System => egui::ThemePreference::System,
        ThemeChoice::Light => egui::ThemePreference::Light,
        ThemeChoice::Dark => egui::ThemePreference::Dark,
    });
}

/// The system's folder chooser blocks until closed: run it on its own thread and send the
/// answer back. Where the system has none, the in-app chooser opens instead.
fn open_dialog(state: &mut AppState, ctx: &egui::Context, table: bool) {
    let purpose = if table {
        Purpose::Table
    } else {
        Purpose::Folder
    };
    if state.rt.system.dialog.is_some() {
        return;
    }
    if !state.rt.system.dialog_available {
        open_chooser(state, purpose, None);
        return;
    }
    let (tx, rx) = crossbeam_channel::bounded(1);
    let ctx = ctx.clone();
    let spawned = std::thread::Builder::new()
        .name("folder-dialog".into())
        .spawn(move || {
            let started = std::time::Instant::now();
            let picked = if table {
                rfd::FileDialog::new()
                    .set_title("Open an event table")
                    .add_filter(
                        "event table",
                        &crate::core::store::event_table::TABLE_EXTENSIONS,
                    )
                    .pick_file()
            } else {
                rfd::FileDialog::new()
                    .set_title("Open a folder of articles")
                    .pick_folder()
            };
            let _ = tx.send(DialogAnswer {
                picked,
                open_for: started.elapsed(),
                purpose,
            });
            ctx.request_repaint();
        });
    match spawned {
        Ok(_) => state.rt.system.dialog = Some(rx),
        Err(e) => open_chooser(
            state,
            purpose,
            Some(format!("The system's file dialog could not start ({e}).")),
        ),
    }
}

/// The system dialog closed: open what it picked. One that answered "nothing" faster than a
/// person can press Cancel never showed: the in-app chooser takes over, saying why.
pub fn dialog_answered(state: &mut AppState, ctx: &egui::Context, answer: DialogAnswer) {
    match answer.picked {
        Some(p) => handle(state, ctx, Command::OpenFolders(vec![p])),
        None if answer.open_for < DIALOG_MIN_HUMAN_TIME => {
            // Once failed, it will fail again this session.
            state.rt.system.dialog_available = false;
            open_chooser(
                state,
                answer.purpose,
                Some(
                    "The system's file dialog did not open (no desktop portal or zenity): \
                     choose here."
                        .into(),
                ),
            );
        }
        None => {}
    }
}

fn open_chooser(state: &mut AppState, purpose: Purpose, why: Option<String>) {
    let start = folder_chooser::start_dir(&state.recent);
    state.rt.window.chooser = Some(FolderChooser::new(purpose, &start, why));
}

fn chooser_command(state: &mut AppState, ctx: &egui::Context, c: ChooserCommand) {
    let Some(chooser) = state.rt.window.chooser.as_mut() else {
        return;
    };
    match c {
        ChooserCommand::Go(dir) => {
            chooser.go(&dir);
        }
        ChooserCommand::Up => chooser.up(),
        ChooserCommand::Pick(p) => {
            state.rt.window.chooser = None;
            handle(state, ctx, Command::OpenFolders(vec![p]));
        }
        ChooserCommand::Close => state.rt.window.chooser = None,
    }
}

/// Reads an article's text again and extracts it in full for the reader. The text is read
/// now (not kept from the load) so the highlights always match what is shown, even if the
/// file changed since; a text that cannot be read leaves the loaded summary.
fn open_reader(i: usize, loaded: &crate::core::model::Article) -> ReaderState {
    let doc = match crate::app::loading::embedded_document(&loaded.path) {
        Some(doc) => Ok(doc),
        None => crate::core::io::read_document(&loaded.path)
            .map(|(doc, _)| doc)
            .map_err(|w| w.message),
    };
    let detail = doc
        .as_ref()
        .ok()
        .and_then(|doc| {
            crate::core::extract::extract_guarded(
                doc,
                crate::core::extract::places::gazetteer::Gazetteer::global(),
            )
        })
        .unwrap_or_else(|| loaded.clone());
    ReaderState {
        article: i,
        text: std::sync::Arc::new(doc.map(|d| d.text)),
        detail: std::sync::Arc::new(detail),
    }
}

/// A display name for a set of roots: the first folder's name (+ how many more).
/// A collection's name: its folder's (or file's) name.
fn collection_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn open_folders(state: &mut AppState, ctx: &egui::Context, paths: Vec<PathBuf>) {
    let mut ok = Vec::new();
    for p in paths {
        if p.as_os_str() == EMBEDDED_ROOT {
            open_seeds(state, ctx);
        } else if p.exists() {
            ok.push(p);
        } else {
            state.notify(format!("{} does not exist.", p.display()), true);
        }
    }
    // Each folder is a collection of its own (its colour, its toggle, its track): folders
    // picked or dropped together are often one per source, to be compared.
    for p in ok {
        state.remember_recent(p.clone());
        let name = collection_name(&p);
        let id = state
            .rt
            .library
            .add_collection(name, vec![p.clone()], false);
        state.rt.loading.loader.start(id, vec![p], ctx);
        reveal_when_loaded(state, id);
        state.rt.filters_gen += 1;
    }
}

/// A folder opened now brings the cursor to its data when it has loaded (unless the user
/// moves the cursor meanwhile): an older choice of cursor does not hide the new data.
fn reveal_when_loaded(state: &mut AppState, collection: u32) {
    state.rt.view.cursor_pinned = false;
    state.rt.view.reveal.push(collection);
}

fn open_seeds(state: &mut AppState, ctx: &egui::Context) {
    match crate::app::loading::find_seeds_folder() {
        Some(dir) => {
            let id = state
                .rt
                .library
                .add_collection("seeds".into(), vec![dir.clone()], false);
            state.rt.loading.loader.start(id, vec![dir], ctx);
            reveal_when_loaded(state, id);
        }
        None => {
            let id = state.rt.library.add_collection(
                "seeds".into(),
                vec![PathBuf::from(EMBEDDED_ROOT)],
                true,
            );
            state.rt.loading.loader.start_embedded(id, ctx);
            reveal_when_loaded(state, id);
        }
    }
    state.rt.filters_gen += 1;
}

fn export_command(state: &mut AppState, ctx: &egui::Context, c: ExportCommand) {
    if c == ExportCommand::Show {
        if state.rt.window.export.is_none() {
            state.rt.window.export = Some(ExportForm::new(
                &export::default_dir(),
                ExportFormat::GeoJson,
            ));
        }
        return;
    }
    let Some(form) = state.rt.window.export.as_mut() else {
        return;
    };
    match c {
        ExportCommand::Show => {}
        ExportCommand::Close => state.rt.window.export = None,
        ExportCommand::Format(f) => form.set_format(f),
        ExportCommand::Scope(s) => form.scope = s,
        ExportCommand::Browse => {
            let path = PathBuf::from(form.path_edit.trim());
            save_dialog(state, ctx, &path);
        }
        ExportCommand::Write => {
            let path = PathBuf::from(form.path_edit.trim());
            let format = ExportFormat::of_path(&path).unwrap_or(form.format);
            let lib = &state.rt.library;
            let rows = match form.scope {
                ExportScope::Moment => state.rt.moment.events.clone(),
                ExportScope::Shown => export::shown_rows(lib).collect(),
            };
            let events = export::gather(lib, rows);
            let placed = events.iter().filter(|e| e.place.is_some()).count();
            let stops = export::tour_stops(&state.moments.list);
            match export::write(&path, &events, format, &stops) {
                Ok(()) => {
                    state.rt.window.export = None;
                    let what = match format {
                        // CSV keeps the events without a place too.
                        ExportFormat::Csv => format!("{} events", events.len()),
                        ExportFormat::Kml if !stops.is_empty() => format!(
                            "{placed} placed events and a tour of {} saved moments",
                            stops.len()
                        ),
                        _ => format!("{placed} placed events"),
                    };
                    state.notify(format!("Exported {what} to {}.", path.display()), false);
                }
                Err(e) => {
                    form.error = Some(e.clone());
                    state.notify(e, true);
                }
            }
        }
    }
}

/// The system's save dialog, on its own thread (it blocks until closed).
fn save_dialog(state: &mut AppState, ctx: &egui::Context, current: &std::path::Path) {
    if state.rt.system.save_dialog.is_some() {
        return;
    }
    let (tx, rx) = crossbeam_channel::bounded(1);
    let ctx = ctx.clone();
    let dir = current.parent().map(PathBuf::from);
    let name = current
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    let spawned = std::thread::Builder::new()
        .name("save-dialog".into())
        .spawn(move || {
            let mut d = rfd::FileDialog::new().set_title("Export events");
            for f in ExportFormat::ALL {
                d = d.add_filter(f.label(), &[f.extension()]);
            }
            if let Some(dir) = dir {
                d = d.set_directory(dir);
            }
            if let Some(name) = name {
                d = d.set_file_name(name);
            }
            let _ = tx.send(d.save_file());
            ctx.request_repaint();
        });
    match spawned {
        Ok(_) => state.rt.system.save_dialog = Some(rx),
        Err(e) => state.notify(
            format!("The system's save dialog could not start ({e}); type the file name."),
            true,
        ),
    }
}

/// Saved moments: the list changes here, and going to one sets the time, the map and the
/// filters as they were saved.
fn moments_command(state: &mut AppState, c: MomentsCommand) {
    let moments = &mut state.moments;
    match c {
        MomentsCommand::Save(name) => {
            let name = match name.trim() {
                "" => moments.default_name(state.time.cursor),
                n => n.to_string(),
            };
            // The app always places the map itself (never follows a GPS position).
            let center = state
                .map_memory
                .detached()
                .unwrap_or(walkers::lon_lat(38.0, 40.0));
            moments.save(SavedMoment {
                name: name.clone(),
                cursor: state.time.cursor,
                window: state.time.window,
                mode: state.time.mode,
                clock: state.time.clock,
                lat: center.y(),
                lon: center.x(),
                zoom: state.map_memory.zoom(),
                filters: state.filters.clone(),
            });
            moments.name_edit.clear();
            state.notify(format!("Saved the moment \u{201c}{name}\u{201d}."), false);
        }
        MomentsCommand::Go(i) => go_to_moment(state, i),
        MomentsCommand::Next | MomentsCommand::Previous => {
            match moments.step(c == MomentsCommand::Next) {
                Some(i) => go_to_moment(state, i),
                None => state.notify(
                    "No saved moment yet: Ctrl+D saves the one on screen.",
                    false,
                ),
            }
        }
        MomentsCommand::MoveUp(i) => moments.move_up(i),
        MomentsCommand::Delete(i) => moments.delete(i),
        MomentsCommand::Tour(false) => moments.tour = None,
        MomentsCommand::Tour(true) => {
            if moments.list.is_empty() {
                state.notify(
                    "No saved moment to tour: Ctrl+D saves the one on screen.",
                    false,
                );
                return;
            }
            moments.tour = Some(Tour {
                at_stop: std::time::Duration::ZERO,
            });
            go_to_moment(state, 0);
        }
    }
}

fn go_to_moment(state: &mut AppState, i: usize) {
    let Some(m) = state.moments.list.get(i).cloned() else {
        return;
    };
    state.moments.current = Some(i);
    let clock_before = state.time.clock;
    state.time.window = m.window;
    state.time.mode = m.mode;
    state.time.clock = m.clock;
    state.time.playing = false;
    bounds_after_clock_change(state, clock_before);
    // Not clamped to the data: a moment may be saved on a collection not open now.
    state.time.cursor = m.cursor;
    state.rt.view.cursor_pinned = true;
    state.rt.window.search_edit = m.filters.search.clone();
    state.filters = m.filters;
    state.rt.filters_gen += 1;
    state.rt.view.fly = Some(Fly {
        lat: m.lat,
        lon: m.lon,
        zoom: m.zoom,
    });
}

/// The compare window: which two collections.
fn compare_command(state: &mut AppState, c: CompareCommand) {
    let ids: Vec<u32> = state.rt.library.collections.iter().map(|c| c.id).collect();
    match c {
        CompareCommand::Show => {
            if ids.len() < 2 {
                state.notify("Open a second folder to compare two collections.", false);
                return;
            }
            if state.rt.window.compare.is_none() {
                state.rt.window.compare = Some(Compare::new(ids[0], ids[1]));
            }
        }
        CompareCommand::Close => state.rt.window.compare = None,
        CompareCommand::SetA(a) => {
            if let Some(cmp) = state.rt.window.compare.as_mut() {
                cmp.a = a;
            }
        }
        CompareCommand::SetB(b) => {
            if let Some(cmp) = state.rt.window.compare.as_mut() {
                cmp.b = b;
            }
        }
        CompareCommand::Swap => {
            if let Some(cmp) = state.rt.window.compare.as_mut() {
                std::mem::swap(&mut cmp.a, &mut cmp.b);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::moment::SortKey;
    use crate::app::settings::TilesMode;
    use crate::app::time_control::WindowSize;
    use chrono::NaiveDate;

    /// A state with one collection of 20 synthetic articles (3 events each over 8 places),
    /// as a finished load leaves it, and the time bounds of its data.
    fn state_with_articles() -> AppState {
        let mut state = AppState::default();
        let id = state
            .rt
            .library
            .add_collection("synthetic".into(), Vec::new(), false);
        for a in crate::app::synthetic_articles(20, 3, 8, 7) {
            state.rt.library.push_article(id, a);
        }
        state.rt.library.refresh();
        let bounds = state.rt.library.extent(state.time.clock);
        state.time.set_bounds(bounds);
        state
    }

    /// Applies a command as the end of a frame does; the context is a bare one (no window),
    /// only needed by the handlers that start loads or change the theme.
    fn apply(state: &mut AppState, cmd: Command) {
        handle(state, &egui::Context::default(), cmd);
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn selecting_a_place_filters_by_it() {
        let mut s = state_with_articles();
        let gid = s.rt.library.places[0].gid;
        let before = s.rt.filters_gen;
        apply(&mut s, Command::SelectPlace(Some(gid)));
        assert_eq!(s.filters.place, Some(gid));
        assert_eq!(s.rt.filters_gen, before + 1);
        apply(&mut s, Command::SelectPlace(None));
        assert_eq!(s.filters.place, None);
        assert_eq!(s.rt.filters_gen, before + 2);
    }

    #[test]
    fn filters_are_set_and_cleared() {
        let mut s = state_with_articles();
        let before = s.rt.filters_gen;
        apply(&mut s, Command::SetKindShown(KindGroup::ALL[2], false));
        assert!(!s.filters.kinds[2]);
        apply(&mut s, Command::SetActor("Acteur 1".into()));
        assert_eq!(s.filters.actor, "Acteur 1");
        apply(&mut s, Command::SetSearch("synthétique".into()));
        assert_eq!(s.filters.search, "synthétique");
        assert_eq!(s.rt.window.search_edit, "synthétique");
        assert_eq!(s.rt.filters_gen, before + 3);
        // The same search again changes nothing the views depend on.
        apply(&mut s, Command::SetSearch("synthétique".into()));
        assert_eq!(s.rt.filters_gen, before + 3);
        apply(&mut s, Command::ClearFilters);
        assert_eq!(s.filters, crate::app::moment::Filters::default());
        assert!(s.rt.window.search_edit.is_empty());
        assert_eq!(s.rt.filters_gen, before + 4);
    }

    #[test]
    fn stepping_the_cursor_pins_it_and_stays_in_bounds() {
        let mut s = state_with_articles();
        let (start, end) = s.time.bounds.expect("the data has dates");
        assert!(!s.rt.view.cursor_pinned);
        apply(
            &mut s,
            Command::Time(TimeCommand::SetWindow(WindowSize::Week)),
        );
        assert!(!s.rt.view.cursor_pinned, "changing the window does not pin");
        apply(&mut s, Command::Time(TimeCommand::SetCursor(start)));
        assert!(s.rt.view.cursor_pinned);
        apply(&mut s, Command::Time(TimeCommand::StepForward));
        assert_eq!(s.time.cursor, start + chrono::Duration::days(7));
        apply(&mut s, Command::Time(TimeCommand::StepBack));
        assert_eq!(s.time.cursor, start);
        apply(
            &mut s,
            Command::Time(TimeCommand::SetCursor(day(2100, 1, 1))),
        );
        assert_eq!(s.time.cursor, end);
    }

    #[test]
    fn changing_the_clock_takes_its_bounds() {
        let mut s = state_with_articles();
        let published = crate::app::time_control::Clock::PublishedTime;
        apply(&mut s, Command::Time(TimeCommand::SetClock(published)));
        assert_eq!(s.time.clock, published);
        assert_eq!(s.time.bounds, s.rt.library.extent(published));
    }

    #[test]
    fn removing_a_collection_drops_its_articles_and_closes_the_reader() {
        let mut s = state_with_articles();
        let id = s.rt.library.collections[0].id;
        apply(&mut s, Command::OpenArticle(Some(0)));
        assert_eq!(s.rt.window.right_tab, RightTab::Reader);
        let before = s.rt.filters_gen;
        apply(&mut s, Command::RemoveCollection(id));
        assert!(s.rt.library.collections.is_empty());
        assert!(s.rt.library.articles.is_empty());
        assert!(s.rt.window.reader.is_none());
        assert_eq!(s.rt.window.right_tab, RightTab::Articles);
        assert_eq!(s.rt.filters_gen, before + 1);
    }

    #[test]
    fn hiding_a_collection_is_a_filter_change() {
        let mut s = state_with_articles();
        let id = s.rt.library.collections[0].id;
        let before = s.rt.filters_gen;
        apply(&mut s, Command::SetCollectionVisible(id, false));
        assert!(!s.rt.library.collections[0].visible);
        assert_eq!(s.rt.filters_gen, before + 1);
    }

    #[test]
    fn opening_an_article_shows_the_reader() {
        let mut s = state_with_articles();
        apply(&mut s, Command::OpenArticle(Some(3)));
        let reader = s.rt.window.reader.as_ref().expect("reader open");
        assert_eq!(reader.article, 3);
        // Synthetic articles have no file: the reader says so and keeps the loaded summary.
        assert!(reader.text.is_err());
        assert_eq!(reader.detail.id, s.rt.library.articles[3].article.id);
        assert_eq!(s.rt.window.right_tab, RightTab::Reader);
        apply(&mut s, Command::OpenArticle(Some(10_000)));
        assert_eq!(s.rt.window.reader.as_ref().map(|r| r.article), Some(3));
        apply(&mut s, Command::OpenArticle(None));
        assert!(s.rt.window.reader.is_none());
        assert_eq!(s.rt.window.right_tab, RightTab::Articles);
    }

    #[test]
    fn escape_clears_the_place_then_the_reader_then_the_windows() {
        let mut s = state_with_articles();
        let gid = s.rt.library.places[0].gid;
        apply(&mut s, Command::OpenArticle(Some(0)));
        apply(&mut s, Command::SelectPlace(Some(gid)));
        apply(&mut s, Command::ShowAbout(true));
        apply(&mut s, Command::ShowWarnings(true));
        apply(&mut s, Command::Escape);
        assert_eq!(s.filters.place, None);
        assert!(s.rt.window.reader.is_some());
        apply(&mut s, Command::Escape);
        assert!(s.rt.window.reader.is_none());
        assert_eq!(s.rt.window.right_tab, RightTab::Articles);
        assert!(s.rt.window.show_about && s.rt.window.show_warnings);
        apply(&mut s, Command::Escape);
        assert!(!s.rt.window.show_about && !s.rt.window.show_warnings);
    }

    #[test]
    fn view_commands_set_what_they_name() {
        let mut s = state_with_articles();
        apply(
            &mut s,
            Command::FlyTo {
                lat: 48.8,
                lon: 2.3,
            },
        );
        let fly = s.rt.view.fly.expect("flying");
        assert_eq!((fly.lat, fly.lon), (48.8, 2.3));
        assert!(fly.zoom >= 5.0);
        let zoom = s.map_memory.zoom();
        apply(&mut s, Command::Zoom(1));
        assert!(s.map_memory.zoom() > zoom);
        apply(&mut s, Command::SetSort(SortKey::Title));
        assert_eq!(s.sort, SortKey::Title);
        apply(&mut s, Command::SetTiles(TilesMode::Offline));
        assert_eq!(s.tiles, TilesMode::Offline);
        apply(&mut s, Command::SetTheme(ThemeChoice::Dark));
        assert_eq!(s.theme, ThemeChoice::Dark);
        apply(&mut s, Command::SetRightTab(RightTab::Reader));
        assert_eq!(s.rt.window.right_tab, RightTab::Reader);
        s.notify("hello", false);
        apply(&mut s, Command::DismissNotices);
        assert!(s.rt.window.notices.is_empty());
    }

    #[test]
    fn opening_a_missing_folder_says_so_and_loads_nothing() {
        let mut s = state_with_articles();
        let before = s.rt.filters_gen;
        apply(
            &mut s,
            Command::OpenFolders(vec!["/no/such/folder/at/all".into()]),
        );
        assert_eq!(s.rt.library.collections.len(), 1);
        assert_eq!(s.rt.filters_gen, before);
        assert!(s.rt.window.notices.iter().any(|n| n.is_error));
        assert!(s.recent.is_empty());
    }
}
