//! The in-app folder chooser: used where the system has no file dialog (no desktop portal and
//! no `zenity`: a minimal window manager, a container), or when the system dialog failed to
//! open. rfd then returns `None` at once, which looks exactly like a Cancel; without this
//! "Open folder…" would do nothing at all.
//!
//! Written here rather than taken from a crate: `egui-file-dialog`, the chooser most egui apps
//! use, has no release for egui 0.37 yet, and a folder list with a path field is all we need.

use std::path::{Path, PathBuf};
use std::time::Duration;

/// A system dialog that answers "nothing picked" faster than this never showed itself: no
/// person can cancel a dialog so quickly.
pub const DIALOG_MIN_HUMAN_TIME: Duration = Duration::from_millis(400);

/// What the chooser picks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A folder of articles.
    Folder,
    /// An event table file (`.ndjson`, `.jsonl`).
    Table,
}

/// One line of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// File name.
    pub name: String,
    /// Full path.
    pub path: PathBuf,
    /// A folder (else a table file).
    pub is_dir: bool,
}

/// The chooser's state while it is open.
#[derive(Debug, Clone, PartialEq)]
pub struct FolderChooser {
    /// What it picks.
    pub purpose: Purpose,
    /// The folder shown.
    pub dir: PathBuf,
    /// The path field (the folder shown, or what is being typed).
    pub path_edit: String,
    /// Sub-folders (and, for tables, table files) of `dir`, folders first, by name.
    pub entries: Vec<Entry>,
    /// Article files directly in `dir` (what "Open this folder" would read at first level).
    pub articles_here: usize,
    /// Why the folder could not be listed, or why the chooser is shown instead of the
    /// system's.
    pub message: Option<String>,
}

/// What the user asked the chooser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChooserCommand {
    /// Show a folder.
    Go(PathBuf),
    /// Show the parent folder.
    Up,
    /// Open this folder (or table file) and close the chooser.
    Pick(PathBuf),
    /// Close without opening anything.
    Close,
}

/// True when rfd can show a dialog here. On Linux its portal backend needs a D-Bus session (for
/// the desktop portal) or `zenity` on the `PATH`; elsewhere the system's own dialogs exist.
pub fn system_dialog_available() -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty()) || in_path("zenity")
}

fn in_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(program).is_file()))
}

fn is_table(p: &Path) -> bool {
    crate::core::store::event_table::is_event_table(p)
}

fn is_article(p: &Path) -> bool {
    crate::core::io::walk::is_article_file(p)
}

impl FolderChooser {
    /// A chooser showing `dir` (or, if it cannot be listed, the nearest folder above it that
    /// can).
    pub fn new(purpose: Purpose, dir: &Path, message: Option<String>) -> Self {
        let mut c = FolderChooser {
            purpose,
            dir: PathBuf::new(),
            path_edit: String::new(),
            entries: Vec::new(),
            articles_here: 0,
            message,
        };
        let keep = c.message.clone();
        let mut at = Some(dir);
        while let Some(d) = at {
            if c.go(d) {
                break;
            }
            at = d.parent();
        }
        if c.dir.as_os_str().is_empty() {
            c.dir = dir.to_path_buf();
            c.path_edit = dir.display().to_string();
        }
        if keep.is_some() && c.message.is_none() {
            c.message = keep;
        }
        c
    }

    /// Shows `dir`; on failure the listing is kept and the message names the folder and the
    /// cause. Returns whether it could be listed.
    pub fn go(&mut self, dir: &Path) -> bool {
        let rd = match std::fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => {
                self.message = Some(format!("{}: {e}", dir.display()));
                self.path_edit = self.dir.display().to_string();
                return false;
            }
        };
        let mut entries = Vec::new();
        let mut articles = 0;
        for e in rd.flatten() {
            let path = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            // Hidden folders are config and caches, not archives.
            if name.starts_with('.') {
                continue;
            }
            let is_dir = path.is_dir();
            if is_dir || (self.purpose == Purpose::Table && is_table(&path)) {
                entries.push(Entry { name, path, is_dir });
            } else if is_article(&path) {
                articles += 1;
            }
        }
        entries.sort_by(|a, b| {
            b.is_dir
                .cmp(&a.is_dir)
                .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
        self.dir = dir.to_path_buf();
        self.path_edit = dir.display().to_string();
        self.entries = entries;
        self.articles_here = articles;
        self.message = None;
        true
    }

    /// Shows the parent folder, if there is one.
    pub fn up(&mut self) {
        if let Some(p) = self.dir.parent().map(Path::to_path_buf) {
            self.go(&p);
        }
    }
}

/// Where the chooser starts: the parent of the most recent folder, else the home folder, else
/// the current one.
pub fn start_dir(recent: &[PathBuf]) -> PathBuf {
    recent
        .iter()
        .filter_map(|p| p.parent())
        .find(|p| p.is_dir())
        .map(Path::to_path_buf)
        .or_else(|| directories::UserDirs::new().map(|u| u.home_dir().to_path_buf()))
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_folders_first_and_counts_articles() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir(d.path().join("b-folder")).unwrap();
        std::fs::create_dir(d.path().join("A-folder")).unwrap();
        std::fs::create_dir(d.path().join(".hidden")).unwrap();
        std::fs::write(d.path().join("one.txt"), "x").unwrap();
        std::fs::write(d.path().join("two.html"), "x").unwrap();
        std::fs::write(d.path().join("t.ndjson"), "").unwrap();
        std::fs::write(d.path().join("picture.png"), "x").unwrap();
        let c = FolderChooser::new(Purpose::Folder, d.path(), None);
        let names: Vec<&str> = c.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["A-folder", "b-folder"]);
        assert_eq!(c.articles_here, 2);
        let t = FolderChooser::new(Purpose::Table, d.path(), None);
        let names: Vec<&str> = t.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["A-folder", "b-folder", "t.ndjson"]);
    }

    #[test]
    fn a_folder_that_cannot_be_listed_is_said_and_the_listing_stays() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir(d.path().join("sub")).unwrap();
        let mut c = FolderChooser::new(Purpose::Folder, d.path(), None);
        let missing = d.path().join("nope");
        assert!(!c.go(&missing));
        assert_eq!(c.dir, d.path());
        assert_eq!(c.entries.len(), 1);
        let msg = c.message.clone().unwrap();
        assert!(msg.contains("nope"), "{msg}");
        // Starting at a missing folder shows the nearest one above it.
        let c = FolderChooser::new(Purpose::Folder, &missing.join("deeper"), None);
        assert_eq!(c.dir, d.path());
    }

    #[test]
    fn up_goes_to_the_parent() {
        let d = tempfile::tempdir().unwrap();
        let sub = d.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        let mut c = FolderChooser::new(Purpose::Folder, &sub, Some("why".into()));
        assert_eq!(c.message.as_deref(), Some("why"));
        c.up();
        assert_eq!(c.dir, d.path());
        assert!(c.message.is_none());
    }
}
