//! The app's state: what is persisted between runs (`#[serde(default)]`, so a state from an
//! older or newer version still loads) and what only lives while it runs (`#[serde(skip)]`).

use crate::app::command::Command;
use crate::app::library::Library;
use crate::app::loading::Loader;
use crate::app::moment::{Filters, Masks, Moment, SortKey};
use crate::app::time_control::TimeControl;
use crate::core::io::LoadWarning;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Version of the persisted layout; a state written by a newer version is set aside.
pub const STATE_VERSION: u32 = 1;

/// Storage key of the persisted state.
pub const STATE_KEY: &str = "chronocarte-state";

/// A collection as remembered between runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct SavedCollection {
    /// Folders it was loaded from (empty for the embedded seeds).
    pub roots: Vec<PathBuf>,
    /// Shown or hidden.
    pub visible: bool,
}

pub use crate::app::settings::{RightTab, ThemeChoice, TilesMode};

/// An open article in the reader.
#[derive(Debug, Clone)]
pub struct ReaderState {
    /// Index into [`Library::articles`].
    pub article: usize,
    /// The decoded text, read on demand (`Err` with the reason when it could not be read).
    pub text: std::sync::Arc<Result<String, String>>,
    /// The article extracted again from that text (every date and place mention, for the
    /// highlights), or the loaded summary when the text could not be read.
    pub detail: std::sync::Arc<crate::core::model::Article>,
}

/// A short message shown in the top bar (errors, "folder is empty"…).
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// What to say.
    pub text: String,
    /// True for problems.
    pub is_error: bool,
}

/// A map animation towards a place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fly {
    /// Target latitude.
    pub lat: f64,
    /// Target longitude.
    pub lon: f64,
    /// Target zoom.
    pub zoom: f64,
}

/// Everything that only lives while the app runs.
#[derive(Default)]
pub struct Runtime {
    /// Loaded collections and articles.
    pub library: Library,
    /// Filter results (recomputed on filter or data change).
    pub masks: Masks,
    /// Events, places and articles of the current window.
    pub moment: Moment,
    /// Bumped by every filter change.
    pub filters_gen: u64,
    /// Commands emitted by the UI this frame, applied at its end.
    pub commands: Vec<Command>,
    /// Background loads and what they reported.
    pub loading: Loading,
    /// What the window shows besides the map and the timeline: reader, dialogs, notices,
    /// text being edited.
    pub window: WindowState,
    /// Requests to the map and the time cursor (fit, fly, pinned cursor).
    pub view: ViewRequests,
    /// The app's place in the system: network, file dialog.
    pub system: SystemState,
}

/// Background folder loads and their warnings.
#[derive(Default)]
pub struct Loading {
    /// Background folder loads.
    pub loader: Loader,
    /// Every warning (skipped or repaired file) of this session.
    pub warnings: Vec<LoadWarning>,
}

/// The parts of the window that open and close, and the text being typed.
#[derive(Default)]
pub struct WindowState {
    /// Messages for the user.
    pub notices: Vec<Notice>,
    /// Warnings window open.
    pub show_warnings: bool,
    /// About window open.
    pub show_about: bool,
    /// The open article.
    pub reader: Option<ReaderState>,
    /// Right panel tab.
    pub right_tab: RightTab,
    /// Text of the date field while it is being edited.
    pub date_edit: Option<String>,
    /// The search box text (applied as a filter when it changes).
    pub search_edit: String,
    /// The compare window, while open.
    pub compare: Option<crate::app::compare::Compare>,
    /// The export window's form, while open.
    pub export: Option<crate::app::export::ExportForm>,
    /// The in-app folder chooser, while open.
    pub chooser: Option<crate::app::folder_chooser::FolderChooser>,
}

/// What the map and the cursor were asked to do, applied at the next frame.
#[derive(Default)]
pub struct ViewRequests {
    /// Fit the map to the data once the first results are in.
    pub pending_fit: bool,
    /// Fit the map to the data at its next frame ("Fit to data").
    pub fit_requested: bool,
    /// Map animation in progress.
    pub fly: Option<Fly>,
    /// The cursor was set by the user or `--at`: do not move it to the data.
    pub cursor_pinned: bool,
    /// Collections opened in this session whose data the cursor goes to when they finish
    /// loading, if the window shows none of it ([`crate::app::reveal`]).
    pub reveal: Vec<u32>,
    /// Map size of the last frame (for fitting).
    pub map_size: Option<egui::Vec2>,
}

/// Network and the file dialog.
#[derive(Default)]
pub struct SystemState {
    /// No network at all.
    pub offline: bool,
    /// The answer of the system dialog's thread, once it closes.
    pub dialog: Option<crossbeam_channel::Receiver<DialogAnswer>>,
    /// The system can show a file dialog ([`crate::app::folder_chooser::system_dialog_available`]);
    /// without one, "Open folder…" shows the in-app chooser.
    pub dialog_available: bool,
    /// The destination picked by the save dialog's thread.
    pub save_dialog: Option<crossbeam_channel::Receiver<Option<PathBuf>>>,
}

/// What the system file dialog answered.
#[derive(Debug, Clone, PartialEq)]
pub struct DialogAnswer {
    /// The folder or file picked; `None` for Cancel, or for a dialog that never showed.
    pub picked: Option<PathBuf>,
    /// How long it was open.
    pub open_for: std::time::Duration,
    /// What was asked for.
    pub purpose: crate::app::folder_chooser::Purpose,
}

/// The whole app state: persisted fields plus [`Runtime`].
#[derive(Serialize, Deserialize)]
#[serde(default)]
pub struct AppState {
    /// Layout version (see [`STATE_VERSION`]).
    pub version: u32,
    /// Cursor, window, mode, speed, clock.
    pub time: TimeControl,
    /// Map centre and zoom.
    pub map_memory: walkers::MapMemory,
    /// The collections open at the last exit.
    pub collections: Vec<SavedCollection>,
    /// Recently opened folders, most recent first.
    pub recent: Vec<PathBuf>,
    /// Theme.
    pub theme: ThemeChoice,
    /// Tile source.
    pub tiles: TilesMode,
    /// Order of the articles list.
    pub sort: SortKey,
    /// Filters.
    pub filters: Filters,
    /// Visible span of the timeline axis, in days since 1970 (start, end).
    pub axis: Option<(f64, f64)>,
    /// Named bookmarks of the window, the map view and the filters.
    pub moments: crate::app::saved_moments::SavedMoments,
    /// Runtime data.
    #[serde(skip)]
    pub rt: Runtime,
}

impl Default for AppState {
    fn default() -> Self {
        let mut map_memory = walkers::MapMemory::default();
        let _ = map_memory.set_zoom(4.0);
        map_memory.center_at(walkers::lon_lat(38.0, 40.0));
        Self {
            version: STATE_VERSION,
            time: TimeControl::default(),
            map_memory,
            collections: Vec::new(),
            recent: Vec::new(),
            theme: ThemeChoice::System,
            tiles: TilesMode::Osm,
            sort: SortKey::Date,
            filters: Filters::default(),
            axis: None,
            moments: Default::default(),
            rt: Runtime::default(),
        }
    }
}

impl AppState {
    /// Reads a persisted state. Returns a clean state and a message when `raw` is present but
    /// unreadable or from a newer version (the caller keeps `raw` aside).
    pub fn from_saved(raw: Option<&str>) -> (AppState, Option<String>) {
        let Some(raw) = raw else {
            return (AppState::default(), None);
        };
        match serde_json::from_str::<AppState>(raw) {
            Ok(s) if s.version <= STATE_VERSION => (s, None),
            Ok(s) => (
                AppState::default(),
                Some(format!(
                    "The saved state is from a newer version ({}).",
                    s.version
                )),
            ),
            Err(e) => (
                AppState::default(),
                Some(format!("The saved state could not be read ({e}).")),
            ),
        }
    }

    /// Serialises the persisted part.
    pub fn to_saved(&self) -> Option<String> {
        serde_json::to_string(self).ok()
    }

    /// Adds a folder to the recent list (most recent first, no duplicates, at most 10).
    pub fn remember_recent(&mut self, path: PathBuf) {
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(10);
    }

    /// Queues a command (applied at the end of the frame).
    pub fn emit(&mut self, cmd: Command) {
        self.rt.commands.push(cmd);
    }

    /// Says something to the user in the top bar.
    pub fn notify(&mut self, text: impl Into<String>, is_error: bool) {
        self.rt.window.notices.push(Notice {
            text: text.into(),
            is_error,
        });
        if self.rt.window.notices.len() > 5 {
            self.rt.window.notices.remove(0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_state_starts_clean_silently() {
        let (s, msg) = AppState::from_saved(None);
        assert!(msg.is_none());
        assert_eq!(s.version, STATE_VERSION);
    }

    #[test]
    fn corrupt_state_starts_clean_and_says_so() {
        let (s, msg) = AppState::from_saved(Some("{\"version\": 1, \"time\": [[[garbage"));
        assert!(msg.is_some_and(|m| m.contains("could not be read")));
        assert!(s.collections.is_empty());
    }

    #[test]
    fn newer_state_is_set_aside() {
        let (_, msg) = AppState::from_saved(Some("{\"version\": 999}"));
        assert!(msg.is_some_and(|m| m.contains("newer")));
    }

    #[test]
    fn state_round_trips_and_tolerates_unknown_fields() {
        let mut s = AppState::default();
        s.recent.push(PathBuf::from("/tmp/x"));
        s.time.cursor = chrono::NaiveDate::from_ymd_opt(2019, 2, 14).unwrap();
        let raw = s.to_saved().unwrap();
        let (back, msg) = AppState::from_saved(Some(&raw));
        assert!(msg.is_none());
        assert_eq!(back.recent, s.recent);
        assert_eq!(back.time.cursor, s.time.cursor);
        let partial = r#"{"version": 1, "recent": ["/a"], "from_the_future": 3}"#;
        let (p, msg) = AppState::from_saved(Some(partial));
        assert!(msg.is_none(), "{msg:?}");
        assert_eq!(p.recent, vec![PathBuf::from("/a")]);
    }

    #[test]
    fn recent_folders_are_deduplicated() {
        let mut s = AppState::default();
        s.remember_recent("/a".into());
        s.remember_recent("/b".into());
        s.remember_recent("/a".into());
        assert_eq!(s.recent, vec![PathBuf::from("/a"), PathBuf::from("/b")]);
    }
}
