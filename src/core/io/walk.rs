//! Walking folders: which files are articles, link loops, unreadable entries. Each problem
//! becomes a [`LoadWarning`] naming the file and the reason, and the walk goes on.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use super::metadata;
use super::warning::{LoadWarning, WarningKind, io_reason};

/// What kind of file an extension says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FileClass {
    Text,
    Html,
    /// A known type that is not an article, and what it is ("an image", "a PDF"…).
    Unsupported(&'static str),
    /// Data (JSON, XML, CSV, TSV): not an article; said apart, since a user may have meant it
    /// as one (an export, a table of sources).
    Data,
    /// Unknown or no extension.
    Unknown,
}

pub(super) fn classify(path: &Path) -> FileClass {
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return FileClass::Unknown;
    };
    let ext = ext.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "md" | "markdown" | "text" => FileClass::Text,
        "html" | "htm" | "xhtml" => FileClass::Html,
        "json" | "xml" | "csv" | "tsv" => FileClass::Data,
        "pdf" => FileClass::Unsupported("a PDF"),
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "bmp" | "tif" | "tiff" | "svg" | "ico"
        | "heic" => FileClass::Unsupported("an image"),
        "zip" | "gz" | "tgz" | "bz2" | "xz" | "zst" | "7z" | "rar" | "tar" | "iso" | "dmg" => {
            FileClass::Unsupported("an archive")
        }
        "doc" | "docx" | "odt" | "rtf" | "epub" | "xls" | "xlsx" | "ods" | "ppt" | "pptx" => {
            FileClass::Unsupported("an office document")
        }
        "mp3" | "mp4" | "m4a" | "wav" | "ogg" | "flac" | "avi" | "mkv" | "mov" | "webm" => {
            FileClass::Unsupported("audio or video")
        }
        "exe" | "dll" | "so" | "bin" => FileClass::Unsupported("a program"),
        "js" | "css" | "woff" | "woff2" | "ttf" | "otf" => {
            FileClass::Unsupported("a web page's script, style or font")
        }
        "db" | "sqlite" => FileClass::Unsupported("a database"),
        _ => FileClass::Unknown,
    }
}

/// True for a file the walk reads as an article (by its extension).
pub fn is_article_file(path: &Path) -> bool {
    matches!(classify(path), FileClass::Text | FileClass::Html)
}

/// Hidden and system files that nobody wants a warning about.
fn is_noise(name: &std::ffi::OsStr) -> bool {
    let b = name.as_encoded_bytes();
    b.first() == Some(&b'.')
        || b.ends_with(b"~")
        || matches!(
            name.to_str(),
            Some(
                "Thumbs.db"
                    | "desktop.ini"
                    | "__MACOSX"
                    | "Icon\r"
                    | "$RECYCLE.BIN"
                    | "System Volume Information"
            )
        )
}

/// Identity of a directory, to detect loops and folders reached twice.
#[cfg(unix)]
fn dir_id(meta: &std::fs::Metadata, _path: &Path) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn dir_id(_meta: &std::fs::Metadata, path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(unix)]
type DirId = (u64, u64);
#[cfg(not(unix))]
type DirId = PathBuf;

/// Lists the article files under `paths` (files or folders, recursive), in a stable order.
///
/// Folders are walked without recursion (any depth is fine). Hidden files and folders are
/// ignored silently; other unsupported files, link loops, dangling links, unreadable folders
/// and non-UTF-8 names each give a warning. A path given explicitly is read whatever its
/// extension, unless the extension names a known non-text type.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<LoadWarning>) {
    discover_cancellable(paths, &AtomicBool::new(false))
}

/// [`discover`], stopping early (with what it found so far) when `cancel` is set: listing a
/// home folder can take a while.
pub fn discover_cancellable(
    paths: &[PathBuf],
    cancel: &AtomicBool,
) -> (Vec<PathBuf>, Vec<LoadWarning>) {
    let mut walker = Walker {
        files: Vec::new(),
        warnings: Vec::new(),
        visited: HashSet::new(),
        ancestors: Vec::new(),
        tables: Vec::new(),
        cancel,
    };
    for root in paths {
        if cancel.load(Ordering::Relaxed) {
            break;
        }
        walker.walk_root(root);
    }
    let Walker {
        mut files,
        warnings,
        ..
    } = walker;
    files.sort();
    files.dedup();
    (files, warnings)
}

/// One listing of files: what it found, and the folders it went through.
struct Walker<'a> {
    files: Vec<PathBuf>,
    warnings: Vec<LoadWarning>,
    /// Every folder listed so far, whatever the root.
    visited: HashSet<DirId>,
    /// The ids of the folders on the current path, so a link back to one of them is
    /// reported as a loop, while a folder merely reached twice (two links to it) is skipped
    /// quietly.
    ancestors: Vec<DirId>,
    /// The CSV and TSV files of the folder being listed: metadata tables, or data files.
    tables: Vec<PathBuf>,
    cancel: &'a AtomicBool,
}

/// The warning for a symbolic link whose target cannot be read: a loop, else a link to
/// nothing when `missing` says the error means the target is missing, else the I/O reason.
fn broken_link(path: &Path, e: &std::io::Error, missing: bool) -> LoadWarning {
    let (kind, msg) = io_reason(e);
    if kind == WarningKind::LinkLoop || !missing {
        LoadWarning::new(path, kind, msg)
    } else {
        LoadWarning::new(
            path,
            WarningKind::DanglingLink,
            "symbolic link to nothing: skipped",
        )
    }
}

fn bad_file_name(path: &Path) -> LoadWarning {
    LoadWarning::new(
        path,
        WarningKind::FileName,
        "file name is not valid UTF-8 (shown lossily)",
    )
}

impl Walker<'_> {
    fn warn(&mut self, path: &Path, kind: WarningKind, msg: impl Into<String>) {
        self.warnings.push(LoadWarning::new(path, kind, msg));
    }

    /// Lists a path given by the user: a file (read whatever its extension, unless it names
    /// a known non-text type) or a folder.
    fn walk_root(&mut self, root: &Path) {
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                self.root_error(root, &e);
                return;
            }
        };
        if meta.is_file() {
            if root.to_str().is_none() {
                self.warnings.push(bad_file_name(root));
            }
            self.consider_file(root, true);
            return;
        }
        if !meta.is_dir() {
            self.warn(
                root,
                WarningKind::Unsupported,
                "not a regular file or folder: skipped",
            );
            return;
        }
        self.walk_tree(root, &meta);
    }

    /// A root that cannot be read. A root given as a link counts as a link to nothing
    /// whatever keeps its target from being read, a loop excepted.
    fn root_error(&mut self, root: &Path, e: &std::io::Error) {
        if std::fs::symlink_metadata(root).is_ok_and(|m| m.file_type().is_symlink()) {
            self.warnings.push(broken_link(root, e, true));
        } else if e.kind() == std::io::ErrorKind::NotFound {
            self.warn(root, WarningKind::Unreadable, "does not exist");
        } else {
            let (kind, msg) = io_reason(e);
            self.warn(root, kind, msg);
        }
    }

    /// Lists the folder `root` and every folder below it, depth-first with an explicit stack
    /// (any depth is fine).
    fn walk_tree(&mut self, root: &Path, meta: &std::fs::Metadata) {
        let id = dir_id(meta, root);
        if !self.visited.insert(id) {
            return;
        }
        let mut stack: Vec<(PathBuf, DirId, usize)> = vec![(root.to_path_buf(), id, 0)];
        while let Some((dir, id, depth)) = stack.pop() {
            if self.cancel.load(Ordering::Relaxed) {
                return;
            }
            self.ancestors.truncate(depth);
            self.ancestors.push(id);
            let subdirs = self.visit_dir(&dir);
            // Reverse so the stack pops folders in name order (only for tidy warnings; the
            // file list is sorted at the end anyway).
            for (p, id) in subdirs.into_iter().rev() {
                stack.push((p, id, depth + 1));
            }
        }
    }

    /// Lists the entries of one folder; returns its subfolders still to visit, sorted.
    fn visit_dir(&mut self, dir: &Path) -> Vec<(PathBuf, DirId)> {
        let mut subdirs: Vec<(PathBuf, DirId)> = Vec::new();
        let rd = match std::fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => {
                let (kind, msg) = io_reason(&e);
                let msg = if kind == WarningKind::Unreadable {
                    format!("folder {msg}")
                } else {
                    msg
                };
                self.warn(dir, kind, msg);
                return subdirs;
            }
        };
        for entry in rd {
            match entry {
                Ok(entry) => subdirs.extend(self.consider_entry(&entry)),
                Err(e) => {
                    let (kind, msg) = io_reason(&e);
                    self.warn(
                        dir,
                        kind,
                        format!("a folder entry could not be listed: {msg}"),
                    );
                }
            }
        }
        self.read_tables(dir);
        subdirs.sort();
        subdirs
    }

    /// Reads the metadata tables of the folder just listed (every listing refreshes them, so
    /// an edited or removed table is seen on the next load); a CSV or TSV that is not one is
    /// reported as an unsupported file.
    fn read_tables(&mut self, dir: &Path) {
        let candidates = std::mem::take(&mut self.tables);
        let (used, warnings) = metadata::refresh_folder(dir, &candidates);
        self.warnings.extend(warnings);
        for p in candidates.iter().filter(|p| !used.contains(p)) {
            self.check_type(p, false);
        }
    }

    /// Lists a file of a folder, or returns a subfolder to visit.
    fn consider_entry(&mut self, entry: &std::fs::DirEntry) -> Option<(PathBuf, DirId)> {
        let name = entry.file_name();
        if is_noise(&name) {
            return None;
        }
        let path = entry.path();
        let ft = match entry.file_type() {
            Ok(ft) => ft,
            Err(e) => {
                let (kind, msg) = io_reason(&e);
                self.warn(&path, kind, msg);
                return None;
            }
        };
        let name_ok = name.to_str().is_some();
        let (is_dir, is_file, meta) = if ft.is_symlink() {
            let m = self.follow_link(&path)?;
            (m.is_dir(), m.is_file(), Some(m))
        } else {
            (ft.is_dir(), ft.is_file(), None)
        };
        if is_dir {
            return self.consider_subdir(path, meta, name_ok);
        }
        if is_file {
            if !name_ok && !matches!(classify(&path), FileClass::Unsupported(_)) {
                self.warnings.push(bad_file_name(&path));
            }
            self.consider_file(&path, false);
        } else {
            self.warn(
                &path,
                WarningKind::Unsupported,
                "not a regular file (device, pipe or socket): skipped",
            );
        }
        None
    }

    /// The metadata of a link's target; `None` (and a warning) when it cannot be read.
    fn follow_link(&mut self, path: &Path) -> Option<std::fs::Metadata> {
        match std::fs::metadata(path) {
            Ok(m) => Some(m),
            Err(e) => {
                let missing = e.kind() == std::io::ErrorKind::NotFound;
                self.warnings.push(broken_link(path, &e, missing));
                None
            }
        }
    }

    /// A subfolder to visit, unless it loops back to a folder on the current path or was
    /// listed already. `meta` is its metadata when it was reached through a link.
    fn consider_subdir(
        &mut self,
        path: PathBuf,
        meta: Option<std::fs::Metadata>,
        name_ok: bool,
    ) -> Option<(PathBuf, DirId)> {
        let meta = match meta {
            Some(m) => m,
            None => match std::fs::metadata(&path) {
                Ok(m) => m,
                Err(e) => {
                    let (kind, msg) = io_reason(&e);
                    self.warn(&path, kind, msg);
                    return None;
                }
            },
        };
        let id = dir_id(&meta, &path);
        if self.ancestors.contains(&id) {
            self.warn(
                &path,
                WarningKind::LinkLoop,
                "symbolic link loop (points back to a parent folder): skipped",
            );
            return None;
        }
        if !self.visited.insert(id) {
            // Reached before through another link: its files are already listed.
            return None;
        }
        if !name_ok {
            self.warn(
                &path,
                WarningKind::FileName,
                "folder name is not valid UTF-8 (shown lossily)",
            );
        }
        Some((path, id))
    }

    /// Pushes a file to the list after checking its type.
    fn consider_file(&mut self, path: &Path, explicit: bool) {
        if !explicit && metadata::is_table_candidate(path) {
            // Read with the rest of its folder: a metadata table, or a data file to report.
            self.tables.push(path.to_path_buf());
            return;
        }
        self.check_type(path, explicit);
    }

    /// Pushes a file to the list if its type is one we read; else warns.
    fn check_type(&mut self, path: &Path, explicit: bool) {
        match classify(path) {
            FileClass::Text | FileClass::Html => {}
            FileClass::Unknown if explicit => {}
            FileClass::Unknown => {
                self.warn(
                    path,
                    WarningKind::Unsupported,
                    "not a .txt, .md or .html file: skipped",
                );
                return;
            }
            FileClass::Unsupported(what) => {
                self.warn(
                    path,
                    WarningKind::Unsupported,
                    format!("not an article ({what}): skipped"),
                );
                return;
            }
            FileClass::Data => {
                self.warn(
                    path,
                    WarningKind::DataFile,
                    "not an article (data file): skipped",
                );
                return;
            }
        }
        self.files.push(path.to_path_buf());
    }
}
