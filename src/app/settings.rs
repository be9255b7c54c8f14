//! The small choices the user makes (tile source, theme, right tab): plain values that the
//! state saves and the commands carry, so neither module needs the other for them.

use serde::{Deserialize, Serialize};

/// The map's tile source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TilesMode {
    /// OpenStreetMap tiles over the offline basemap.
    Osm,
    /// Only the bundled basemap: no network.
    Offline,
}

/// Light, dark or the system's theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the system.
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

/// Which tab the right panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RightTab {
    /// Articles of the moment.
    #[default]
    Articles,
    /// The reader.
    Reader,
    /// Saved moments.
    Moments,
}
