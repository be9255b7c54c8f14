//! The eframe application: state and commands, map plugins, panels.

pub mod map;

use std::path::PathBuf;

/// How the desktop app is launched (from the command line).
#[derive(Debug, Clone, Default)]
pub struct LaunchOptions {
    /// Folders to open; empty = the bundled `seeds/`.
    pub folders: Vec<PathBuf>,
    /// No network at all (no map tiles fetched).
    pub offline: bool,
    /// Render the window once, save a PNG here and exit.
    pub screenshot: Option<PathBuf>,
    /// Put the time cursor on this date at start.
    pub at: Option<chrono::NaiveDate>,
}

/// Opens the window and runs until it is closed.
pub fn run(options: LaunchOptions) -> anyhow::Result<()> {
    let _ = options;
    anyhow::bail!("the viewer is not built yet")
}
