//! What loading reports: a file skipped or repaired, and why.

use std::path::PathBuf;

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
    /// A data file (JSON, XML, CSV, TSV), not an article. After `Other`: caches store the
    /// variant's index.
    DataFile,
    /// A line of a metadata table (`SOURCES.tsv`, `metadata.csv`) that could not be used.
    /// Appended last: the cache stores the variant's index.
    Metadata,
}

impl WarningKind {
    /// Every kind, in declaration order.
    pub const ALL: [WarningKind; 13] = [
        WarningKind::Binary,
        WarningKind::Encoding,
        WarningKind::Unsupported,
        WarningKind::TooLarge,
        WarningKind::Unreadable,
        WarningKind::LinkLoop,
        WarningKind::DanglingLink,
        WarningKind::Duplicate,
        WarningKind::FileName,
        WarningKind::Empty,
        WarningKind::Other,
        WarningKind::DataFile,
        WarningKind::Metadata,
    ];

    /// A short label for grouping warnings (CLI summary, warnings panel).
    pub fn label(&self) -> &'static str {
        match self {
            WarningKind::Binary => "binary",
            WarningKind::Encoding => "encoding",
            WarningKind::Unsupported => "unsupported type",
            WarningKind::TooLarge => "too large",
            WarningKind::Unreadable => "unreadable",
            WarningKind::LinkLoop => "link loop",
            WarningKind::DanglingLink => "dangling link",
            WarningKind::Duplicate => "duplicate",
            WarningKind::FileName => "file name",
            WarningKind::Empty => "empty",
            WarningKind::Other => "other",
            WarningKind::DataFile => "data file",
            WarningKind::Metadata => "metadata table",
        }
    }
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

impl LoadWarning {
    /// A warning about `path`.
    pub fn new(path: impl Into<PathBuf>, kind: WarningKind, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            kind,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// A human reason for an I/O error, with the warning kind it maps to.
pub(super) fn io_reason(e: &std::io::Error) -> (WarningKind, String) {
    use std::io::ErrorKind as K;
    // ELOOP has no stable ErrorKind yet: 40 on Linux, 62 on the BSDs and macOS.
    if matches!(e.raw_os_error(), Some(40) if cfg!(target_os = "linux"))
        || matches!(e.raw_os_error(), Some(62) if cfg!(any(target_os = "macos", target_os = "freebsd")))
    {
        return (WarningKind::LinkLoop, "symbolic link loop: skipped".into());
    }
    match e.kind() {
        K::NotFound => (
            WarningKind::Unreadable,
            "vanished before it could be read (deleted or moved)".into(),
        ),
        K::PermissionDenied => (WarningKind::Unreadable, "permission denied: skipped".into()),
        _ => (
            WarningKind::Unreadable,
            format!("could not be read ({e}): skipped"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_has_its_own_label() {
        let mut labels: Vec<&str> = WarningKind::ALL.iter().map(|k| k.label()).collect();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), WarningKind::ALL.len(), "{labels:?}");
    }

    #[test]
    fn kinds_keep_their_cached_index() {
        // Caches written by older versions store these indices: new kinds go at the end.
        let index = |k: WarningKind| postcard::to_allocvec(&k).expect("serialises")[0];
        assert_eq!(index(WarningKind::Binary), 0);
        assert_eq!(index(WarningKind::Other), 10);
        assert_eq!(index(WarningKind::DataFile), 11);
    }
}
