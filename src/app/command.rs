//! Everything the UI can ask for, and the one handler that applies it.
//!
//! Panels read the state and push [`Command`]s; [`handle`] is the only code that changes the
//! state in response to the user, so tests drive the app through the same commands.

use crate::app::loading::EMBEDDED_ROOT;
use crate::app::moment::SortKey;
use crate::app::state::{AppState, Fly, ReaderState, RightTab, ThemeChoice, TilesMode};
use crate::app::time_control::TimeCommand;
use crate::core::model::KindGroup;
use std::path::PathBuf;

/// A request from the UI.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Cursor, window, playback…
    Time(TimeCommand),
    /// Show the folder chooser (its result becomes [`Command::OpenFolders`]).
    OpenFolderDialog,
    /// Show the file chooser for event tables (`.ndjson`, `.jsonl`); its result becomes
    /// [`Command::OpenFolders`].
    OpenTableDialog,
    /// Load folders (or files) as one new collection. The dialog, drag-and-drop, the recent
    /// menu and the command line all end here.
    OpenFolders(Vec<PathBuf>),
    /// Load the bundled sample articles.
    OpenSeeds,
    /// Stop a load.
    CancelLoad(u64),
    /// Close a collection.
    RemoveCollection(u32),
    /// Show or hide a collection.
    SetCollectionVisible(u32, bool),
    /// Select a place (gazetteer id), or clear the selection.
    SelectPlace(Option<u32>),
    /// Open an article in the reader, or close it.
    OpenArticle(Option<usize>),
    /// Centre the map on a point.
    FlyTo {
        /// Latitude.
        lat: f64,
        /// Longitude.
        lon: f64,
    },
    /// Fit the map to the places of the data.
    FitToData,
    /// Zoom the map in (+1) or out (-1).
    Zoom(i32),
    /// Search titles and text.
    SetSearch(String),
    /// Show or hide a kind group.
    SetKindShown(KindGroup, bool),
    /// Filter by actor name.
    SetActor(String),
    /// Clear every filter and the selection.
    ClearFilters,
    /// Sort the list.
    SetSort(SortKey),
    /// Tile source.
    SetTiles(TilesMode),
    /// Theme.
    SetTheme(ThemeChoice),
    /// Right panel tab.
    SetRightTab(RightTab),
    /// Open or close the warnings window.
    ShowWarnings(bool),
    /// Clear the warnings.
    ClearWarnings,
    /// Open or close the About window.
    ShowAbout(bool),
    /// Dismiss the messages of the top bar.
    DismissNotices,
    /// Esc: clear the selection, or close the reader.
    Escape,
}

/// Applies one command.
pub fn handle(state: &mut AppState, ctx: &egui::Context, cmd: Command) {
    match cmd {
        Command::Time(t) => {
            if matches!(
                t,
                TimeCommand::SetCursor(_) | TimeCommand::StepBack | TimeCommand::StepForward
            ) {
                state.rt.cursor_pinned = true;
            }
            let clock_before = state.time.clock;
            state.time.handle(t);
            if state.time.clock != clock_before {
                let b = state.rt.library.extent(state.time.clock);
                state.time.set_bounds(b);
            }
        }
        Command::OpenFolderDialog => open_dialog(state, ctx, false),
        Command::OpenTableDialog => open_dialog(state, ctx, true),
        Command::OpenFolders(paths) => open_folders(state, ctx, paths),
        Command::OpenSeeds => open_seeds(state, ctx),
        Command::CancelLoad(job) => state.rt.loader.cancel(job),
        Command::RemoveCollection(id) => {
            state.rt.loader.cancel_collection(id);
            state.rt.library.remove_collection(id);
            state.rt.reader = None;
            state.rt.right_tab = RightTab::Articles;
            state.rt.filters_gen += 1;
        }
        Command::SetCollectionVisible(id, v) => {
            state.rt.library.set_visible(id, v);
            state.rt.filters_gen += 1;
        }
        Command::SelectPlace(p) => {
            state.filters.place = p;
            state.rt.filters_gen += 1;
        }
        Command::OpenArticle(None) => {
            state.rt.reader = None;
            state.rt.right_tab = RightTab::Articles;
        }
        Command::OpenArticle(Some(i)) => {
            let Some(la) = state.rt.library.articles.get(i) else {
                return;
            };
            state.rt.reader = Some(open_reader(i, &la.article));
            state.rt.right_tab = RightTab::Reader;
        }
        Command::FlyTo { lat, lon } => {
            let zoom = state.map_memory.zoom().max(5.0);
            state.rt.fly = Some(Fly { lat, lon, zoom });
        }
        Command::FitToData => state.rt.fit_requested = true,
        Command::Zoom(z) => {
            let _ = if z > 0 {
                state.map_memory.zoom_in()
            } else {
                state.map_memory.zoom_out()
            };
        }
        Command::SetSearch(s) => {
            state.rt.search_edit = s.clone();
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
            state.rt.search_edit.clear();
            state.rt.filters_gen += 1;
        }
        Command::SetSort(s) => state.sort = s,
        Command::SetTiles(t) => state.tiles = t,
        Command::SetTheme(t) => {
            state.theme = t;
            apply_theme(ctx, t);
        }
        Command::SetRightTab(t) => state.rt.right_tab = t,
        Command::ShowWarnings(v) => state.rt.show_warnings = v,
        Command::ClearWarnings => state.rt.warnings.clear(),
        Command::ShowAbout(v) => state.rt.show_about = v,
        Command::DismissNotices => state.rt.notices.clear(),
        Command::Escape => {
            if state.filters.place.is_some() {
                state.filters.place = None;
                state.rt.filters_gen += 1;
            } else if state.rt.reader.is_some() {
                state.rt.reader = None;
                state.rt.right_tab = RightTab::Articles;
            } else {
                state.rt.show_about = false;
                state.rt.show_warnings = false;
            }
        }
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

/// The folder chooser blocks until closed: run it on its own thread and send the answer back.
fn open_dialog(state: &mut AppState, ctx: &egui::Context, table: bool) {
    if state.rt.dialog.is_some() {
        return;
    }
    let (tx, rx) = crossbeam_channel::bounded(1);
    let ctx = ctx.clone();
    let spawned = std::thread::Builder::new()
        .name("folder-dialog".into())
        .spawn(move || {
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
            let _ = tx.send(picked);
            ctx.request_repaint();
        });
    match spawned {
        Ok(_) => state.rt.dialog = Some(rx),
        Err(e) => state.notify(format!("Could not open the folder chooser: {e}"), true),
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
fn collection_name(paths: &[PathBuf]) -> String {
    let first = paths
        .first()
        .map(|p| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.display().to_string())
        })
        .unwrap_or_else(|| "collection".into());
    if paths.len() > 1 {
        format!("{first} +{}", paths.len() - 1)
    } else {
        first
    }
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
    if ok.is_empty() {
        return;
    }
    for p in &ok {
        state.remember_recent(p.clone());
    }
    let name = collection_name(&ok);
    let id = state.rt.library.add_collection(name, ok.clone(), false);
    state.rt.loader.start(id, ok, ctx);
    state.rt.filters_gen += 1;
}

fn open_seeds(state: &mut AppState, ctx: &egui::Context) {
    match crate::app::loading::find_seeds_folder() {
        Some(dir) => {
            let id = state
                .rt
                .library
                .add_collection("seeds".into(), vec![dir.clone()], false);
            state.rt.loader.start(id, vec![dir], ctx);
        }
        None => {
            let id = state.rt.library.add_collection(
                "seeds".into(),
                vec![PathBuf::from(EMBEDDED_ROOT)],
                true,
            );
            state.rt.loader.start_embedded(id, ctx);
        }
    }
    state.rt.filters_gen += 1;
}
