//! Walking folders: which files are articles, link loops, unreadable entries. Each problem
//! becomes a [`LoadWarning`] naming the file and the reason, and the walk goes on.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use super::warning::{LoadWarning, WarningKind, io_reason};

/// What kind of file an extension says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FileClass {
    Text,
    Html,
    /// A known non-text type (image, PDF, archive, office document, media).
    Unsupported,
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
        "pdf" | "png" | "jpg" | "jpeg" | "gif" | "webp" | "bmp" | "tif" | "tiff" | "svg"
        | "ico" | "heic" | "zip" | "gz" | "tgz" | "bz2" | "xz" | "zst" | "7z" | "rar" | "tar"
        | "doc" | "docx" | "odt" | "rtf" | "epub" | "xls" | "xlsx" | "ods" | "ppt" | "pptx"
        | "mp3" | "mp4" | "m4a" | "wav" | "ogg" | "flac" | "avi" | "mkv" | "mov" | "webm"
        | "exe" | "dll" | "so" | "bin" | "iso" | "dmg" | "json" | "xml" | "csv" | "tsv" | "js"
        | "css" | "db" | "sqlite" | "woff" | "woff2" | "ttf" | "otf" => FileClass::Unsupported,
        _ => FileClass::Unknown,
    }
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
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    let mut visited: HashSet<DirId> = HashSet::new();
    for root in paths {
        if cancel.load(Ordering::Relaxed) {
            break;
        }
        walk_root(root, &mut files, &mut warnings, &mut visited, cancel);
    }
    files.sort();
    files.dedup();
    (files, warnings)
}

/// Pushes a file to the list after checking its type; warns about names that are not UTF-8.
fn consider_file(
    path: &Path,
    explicit: bool,
    files: &mut Vec<PathBuf>,
    warnings: &mut Vec<LoadWarning>,
) {
    match classify(path) {
        FileClass::Text | FileClass::Html => {}
        FileClass::Unknown if explicit => {}
        FileClass::Unknown => {
            warnings.push(LoadWarning::new(
                path,
                WarningKind::Unsupported,
                "not a .txt, .md or .html file: skipped",
            ));
            return;
        }
        FileClass::Unsupported => {
            warnings.push(LoadWarning::new(
                path,
                WarningKind::Unsupported,
                "unsupported file type (image, PDF, archive, office or media file): skipped",
            ));
            return;
        }
    }
    files.push(path.to_path_buf());
}

fn walk_root(
    root: &Path,
    files: &mut Vec<PathBuf>,
    warnings: &mut Vec<LoadWarning>,
    visited: &mut HashSet<DirId>,
    cancel: &AtomicBool,
) {
    let meta = match std::fs::metadata(root) {
        Ok(m) => m,
        Err(e) => {
            if std::fs::symlink_metadata(root).is_ok_and(|m| m.file_type().is_symlink()) {
                let (kind, msg) = io_reason(&e);
                let (kind, msg) = if kind == WarningKind::LinkLoop {
                    (kind, msg)
                } else {
                    (
                        WarningKind::DanglingLink,
                        "symbolic link to nothing: skipped".to_string(),
                    )
                };
                warnings.push(LoadWarning::new(root, kind, msg));
            } else if e.kind() == std::io::ErrorKind::NotFound {
                warnings.push(LoadWarning::new(
                    root,
                    WarningKind::Unreadable,
                    "does not exist",
                ));
            } else {
                let (kind, msg) = io_reason(&e);
                warnings.push(LoadWarning::new(root, kind, msg));
            }
            return;
        }
    };
    if meta.is_file() {
        if root.to_str().is_none() {
            warnings.push(LoadWarning::new(
                root,
                WarningKind::FileName,
                "file name is not valid UTF-8 (shown lossily)",
            ));
        }
        consider_file(root, true, files, warnings);
        return;
    }
    if !meta.is_dir() {
        warnings.push(LoadWarning::new(
            root,
            WarningKind::Unsupported,
            "not a regular file or folder: skipped",
        ));
        return;
    }
    // Depth-first with an explicit stack; `ancestors` holds the ids of the folders on the
    // current path so a link back to one of them is reported as a loop, while a folder merely
    // reached twice (two links to it) is skipped quietly.
    let mut stack: Vec<(PathBuf, usize)> = Vec::new();
    let mut ancestors: Vec<DirId> = Vec::new();
    let id = dir_id(&meta, root);
    if !visited.insert(id) {
        return;
    }
    stack.push((root.to_path_buf(), 0));
    let mut ids: Vec<DirId> = vec![id];
    while let Some((dir, depth)) = stack.pop() {
        let Some(id) = ids.pop() else { break };
        if cancel.load(Ordering::Relaxed) {
            return;
        }
        ancestors.truncate(depth);
        ancestors.push(id);
        let rd = match std::fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(e) => {
                let (kind, msg) = io_reason(&e);
                let msg = if kind == WarningKind::Unreadable {
                    format!("folder {msg}")
                } else {
                    msg
                };
                warnings.push(LoadWarning::new(&dir, kind, msg));
                continue;
            }
        };
        let mut subdirs: Vec<(PathBuf, DirId)> = Vec::new();
        for entry in rd {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let (kind, msg) = io_reason(&e);
                    warnings.push(LoadWarning::new(
                        &dir,
                        kind,
                        format!("a folder entry could not be listed: {msg}"),
                    ));
                    continue;
                }
            };
            let name = entry.file_name();
            if is_noise(&name) {
                continue;
            }
            let path = entry.path();
            let ft = match entry.file_type() {
                Ok(ft) => ft,
                Err(e) => {
                    let (kind, msg) = io_reason(&e);
                    warnings.push(LoadWarning::new(&path, kind, msg));
                    continue;
                }
            };
            let name_ok = name.to_str().is_some();
            let (is_dir, is_file, meta) = if ft.is_symlink() {
                match std::fs::metadata(&path) {
                    Ok(m) => (m.is_dir(), m.is_file(), Some(m)),
                    Err(e) => {
                        let (kind, msg) = io_reason(&e);
                        let (kind, msg) = if kind == WarningKind::LinkLoop {
                            (kind, msg)
                        } else if e.kind() == std::io::ErrorKind::NotFound {
                            (
                                WarningKind::DanglingLink,
                                "symbolic link to nothing: skipped".to_string(),
                            )
                        } else {
                            (kind, msg)
                        };
                        warnings.push(LoadWarning::new(&path, kind, msg));
                        continue;
                    }
                }
            } else {
                (ft.is_dir(), ft.is_file(), None)
            };
            if is_dir {
                let meta = match meta {
                    Some(m) => m,
                    None => match std::fs::metadata(&path) {
                        Ok(m) => m,
                        Err(e) => {
                            let (kind, msg) = io_reason(&e);
                            warnings.push(LoadWarning::new(&path, kind, msg));
                            continue;
                        }
                    },
                };
                let id = dir_id(&meta, &path);
                if ancestors.contains(&id) {
                    warnings.push(LoadWarning::new(
                        &path,
                        WarningKind::LinkLoop,
                        "symbolic link loop (points back to a parent folder): skipped",
                    ));
                    continue;
                }
                if !visited.insert(id) {
                    // Reached before through another link: its files are already listed.
                    continue;
                }
                if !name_ok {
                    warnings.push(LoadWarning::new(
                        &path,
                        WarningKind::FileName,
                        "folder name is not valid UTF-8 (shown lossily)",
                    ));
                }
                subdirs.push((path, id));
            } else if is_file {
                if !name_ok && !matches!(classify(&path), FileClass::Unsupported) {
                    warnings.push(LoadWarning::new(
                        &path,
                        WarningKind::FileName,
                        "file name is not valid UTF-8 (shown lossily)",
                    ));
                }
                consider_file(&path, false, files, warnings);
            } else {
                warnings.push(LoadWarning::new(
                    &path,
                    WarningKind::Unsupported,
                    "not a regular file (device, pipe or socket): skipped",
                ));
            }
        }
        // Reverse so the stack pops folders in name order (only for tidy warnings; the file
        // list is sorted at the end anyway).
        subdirs.sort();
        for (p, id) in subdirs.into_iter().rev() {
            stack.push((p, depth + 1));
            ids.push(id);
        }
    }
}
