//! The persisted state on disk: `state.json` in the user's config folder, written atomically
//! (temporary file + rename). A file that cannot be read, or was written by a newer version,
//! is moved aside (never overwritten) and the app starts clean, saying where it went.
//!
//! eframe's own storage keeps only the window geometry: its file is rewritten in place and
//! dropped when unreadable, which is not good enough for what the user built up.

use crate::app::state::AppState;
use crate::core::io::atomic;
use std::path::{Path, PathBuf};

/// Where the state lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateFile {
    /// The JSON file.
    pub path: PathBuf,
}

impl StateFile {
    /// A state file at `path` (tests, or a portable install).
    pub fn at(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into() }
    }

    /// `CHRONOCARTE_STATE` if set, else `state.json` in the user's config folder.
    pub fn default_location() -> Option<Self> {
        if let Some(p) = std::env::var_os("CHRONOCARTE_STATE") {
            return Some(Self::at(p));
        }
        directories::ProjectDirs::from("", "", "chronocarte")
            .map(|d| Self::at(d.config_dir().join("state.json")))
    }

    /// True when a state was saved here.
    pub fn exists(&self) -> bool {
        self.path.exists()
    }

    /// Reads the state. A missing file is a clean start without a word; a bad one is moved
    /// aside and the message says why and where it went.
    pub fn load(&self) -> (AppState, Option<String>) {
        // What a crash during a save left (the saved file itself is always whole).
        atomic::sweep_dead_temps(&self.path);
        let raw = match std::fs::read(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return (AppState::default(), None);
            }
            Err(e) => {
                return (
                    AppState::default(),
                    Some(format!(
                        "The saved state {} could not be read ({e}); starting clean.",
                        self.path.display()
                    )),
                );
            }
        };
        let text = String::from_utf8_lossy(&raw);
        let (state, problem) = AppState::from_saved(Some(&text));
        let Some(problem) = problem else {
            return (state, None);
        };
        let why = if problem.contains("newer") {
            "newer"
        } else {
            "unreadable"
        };
        let kept = match atomic::set_aside(&self.path, why) {
            Some(aside) => format!("it was kept as {}", aside.display()),
            None => "it could not be moved aside and will be replaced at exit".to_string(),
        };
        (state, Some(format!("{problem} Starting clean; {kept}.")))
    }

    /// Writes the state atomically.
    pub fn save(&self, state: &AppState) -> std::io::Result<()> {
        let raw = state
            .to_saved()
            .ok_or_else(|| std::io::Error::other("the state could not be serialised"))?;
        atomic::write_atomic(&self.path, raw.as_bytes())
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_then_load_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let f = StateFile::at(dir.path().join("cfg/state.json"));
        let mut s = AppState::default();
        s.remember_recent(PathBuf::from("/news/2019"));
        f.save(&s).unwrap();
        let (back, msg) = f.load();
        assert!(msg.is_none(), "{msg:?}");
        assert_eq!(back.recent, vec![PathBuf::from("/news/2019")]);
    }

    #[test]
    fn missing_file_is_a_silent_clean_start() {
        let dir = tempfile::tempdir().unwrap();
        let (s, msg) = StateFile::at(dir.path().join("none.json")).load();
        assert!(msg.is_none());
        assert!(s.recent.is_empty());
    }

    #[test]
    fn corrupt_file_is_kept_aside_with_its_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let garbage = b"{\"version\": 1, \"recent\": [[[\xff\xfe";
        std::fs::write(&path, garbage).unwrap();
        let f = StateFile::at(&path);
        let (s, msg) = f.load();
        let msg = msg.expect("a message");
        assert!(msg.contains("could not be read"), "{msg}");
        assert!(msg.contains("state.json.unreadable"), "{msg}");
        assert!(s.recent.is_empty());
        assert!(
            !path.exists(),
            "the bad file is moved, not left to be overwritten"
        );
        let aside = dir.path().join("state.json.unreadable");
        assert_eq!(std::fs::read(aside).unwrap(), garbage);
    }

    #[test]
    fn newer_file_is_kept_aside_as_newer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        std::fs::write(&path, "{\"version\": 999}").unwrap();
        let (_, msg) = StateFile::at(&path).load();
        assert!(msg.is_some_and(|m| m.contains("newer")));
        assert!(dir.path().join("state.json.newer").exists());
    }
}
