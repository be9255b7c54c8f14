//! Everything the UI can ask for.
//!
//! Panels read the state and push [`Command`]s; [`handle`](crate::app::handler::handle) is the
//! only code that changes the state in response to the user, so tests drive the app through
//! the same commands.

use crate::app::compare::CompareCommand;
use crate::app::export::ExportCommand;
use crate::app::folder_chooser::ChooserCommand;
use crate::app::moment::SortKey;
use crate::app::saved_moments::MomentsCommand;
use crate::app::settings::{RightTab, ThemeChoice, TilesMode};
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
    /// Load folders (or files), each as a new collection. The dialog, drag-and-drop, the
    /// recent menu and the command line all end here.
    OpenFolders(Vec<PathBuf>),
    /// Browse, pick in or close the in-app folder chooser.
    Chooser(ChooserCommand),
    /// The compare window: open, choose the collections, close.
    Compare(CompareCommand),
    /// The export window: open, fill in, write.
    Export(ExportCommand),
    /// Save, go to, rename, reorder, delete saved moments; play them as a tour.
    Moments(MomentsCommand),
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
    /// Move the cursor to the nearest match of the filters after the window (`true`) or
    /// before it (`false`).
    JumpToMatch {
        /// Forward in time.
        forward: bool,
    },
}
