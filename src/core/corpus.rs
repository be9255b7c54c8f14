//! Corpus I/O: walk folders, decode (UTF-8, UTF-16, Windows-1252), strip HTML. No extraction.
//!
//! Everything here is defensive: whatever a folder holds (binary files, broken encodings,
//! link loops, files vanishing while we read), each problem becomes a [`LoadWarning`] naming
//! the file and the reason, and the load goes on.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

pub use crate::core::html::{HtmlDoc, strip_html};

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

impl WarningKind {
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

/// Default cap on the bytes read from one file (8 MiB): a news article is a few KB; anything
/// bigger is a dump, and reading only its head keeps memory bounded.
pub const DEFAULT_MAX_BYTES: u64 = 8 << 20;

/// How files are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Files longer than this are read only up to it (with a `TooLarge` warning).
    pub max_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// What kind of file an extension says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileClass {
    Text,
    Html,
    /// A known non-text type (image, PDF, archive, office document, media).
    Unsupported,
    /// Unknown or no extension.
    Unknown,
}

fn classify(path: &Path) -> FileClass {
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

/// A human reason for an I/O error, with the warning kind it maps to.
fn io_reason(e: &std::io::Error) -> (WarningKind, String) {
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

/// Reads and decodes one file with the default options. `Err` when it must be skipped; `Ok`
/// may carry warnings about repairs (encoding, truncation).
pub fn read_document(path: &Path) -> Result<(Document, Vec<LoadWarning>), LoadWarning> {
    read_document_with(path, &ReadOptions::default())
}

/// Reads and decodes one file. The file is read once, at most `opts.max_bytes` of it.
pub fn read_document_with(
    path: &Path,
    opts: &ReadOptions,
) -> Result<(Document, Vec<LoadWarning>), LoadWarning> {
    let fail = |e: &std::io::Error| {
        let (kind, msg) = io_reason(e);
        LoadWarning::new(path, kind, msg)
    };
    let meta = std::fs::metadata(path).map_err(|e| fail(&e))?;
    // Opening a pipe or a device could block forever: only regular files are read.
    if !meta.is_file() {
        return Err(LoadWarning::new(
            path,
            WarningKind::Unsupported,
            "not a regular file: skipped",
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| fail(&e))?;
    let cap = opts.max_bytes.max(1);
    let expected = meta.len().min(cap) as usize;
    let mut bytes = Vec::with_capacity(expected);
    let mut limited = (&file).take(cap);
    limited.read_to_end(&mut bytes).map_err(|e| fail(&e))?;
    let mut warnings = Vec::new();
    if bytes.len() as u64 >= cap {
        let mut probe = [0u8; 1];
        let more = (&file).read(&mut probe).map(|n| n > 0).unwrap_or(false);
        if more || meta.len() > cap {
            warnings.push(LoadWarning::new(
                path,
                WarningKind::TooLarge,
                format!(
                    "too large ({}): only the first {} read",
                    human_size(meta.len().max(cap + 1)),
                    human_size(cap)
                ),
            ));
        }
    }
    drop(file);
    let (doc, ws) = document_from_bytes(path, bytes)?;
    warnings.extend(ws);
    Ok((doc, warnings))
}

fn human_size(n: u64) -> String {
    if n >= 1 << 20 {
        format!("{:.1} MB", n as f64 / (1u64 << 20) as f64)
    } else if n >= 1 << 10 {
        format!("{:.1} KB", n as f64 / 1024.0)
    } else {
        format!("{n} bytes")
    }
}

/// Builds a document from raw bytes as if read from `path` (its extension says whether it is
/// HTML; the content can say so too). Pure: used by `read_document`, the fuzzers and tests.
pub fn document_from_bytes(
    path: &Path,
    bytes: Vec<u8>,
) -> Result<(Document, Vec<LoadWarning>), LoadWarning> {
    let mut warnings = Vec::new();
    if bytes.is_empty() {
        return Err(LoadWarning::new(
            path,
            WarningKind::Empty,
            "empty file: skipped",
        ));
    }
    let decoded =
        decode(bytes).map_err(|reason| LoadWarning::new(path, WarningKind::Binary, reason))?;
    if let Some(msg) = decoded.repair {
        warnings.push(LoadWarning::new(path, WarningKind::Encoding, msg));
    }
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let is_html = classify(path) == FileClass::Html || looks_like_html(&decoded.text);
    let doc = if is_html {
        let h = strip_html(&decoded.text);
        Document {
            id,
            path: path.into(),
            title: h.title,
            text: h.text,
            meta_published: h.published,
        }
    } else {
        Document {
            id,
            path: path.into(),
            title: None,
            text: decoded.text,
            meta_published: None,
        }
    };
    if doc.text.trim().is_empty() {
        let why = if is_html {
            "no text left after removing the markup: skipped"
        } else {
            "only blank text: skipped"
        };
        return Err(LoadWarning::new(path, WarningKind::Empty, why));
    }
    Ok((doc, warnings))
}

/// True when a text file is in fact an HTML page (saved with a wrong extension).
fn looks_like_html(text: &str) -> bool {
    let t = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let head = t.get(..t.len().min(15)).unwrap_or("");
    let head = head.to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// Text decoded from bytes, with a note when it had to be repaired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// `Some(reason)` when the bytes were not clean UTF-8 (other encoding, invalid sequences,
    /// control bytes removed).
    pub repair: Option<String>,
}

/// Known binary formats by their first bytes.
fn magic(bytes: &[u8]) -> Option<&'static str> {
    const MAGICS: &[(&[u8], &str)] = &[
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"PK\x03\x04", "a ZIP archive (or office document)"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"7z\xBC\xAF", "a 7-Zip archive"),
        (b"Rar!", "a RAR archive"),
        (b"\x7FELF", "an executable"),
        (b"MZ", "a Windows executable"),
        (b"\xD0\xCF\x11\xE0", "an old Office document"),
        (b"SQLite format 3", "an SQLite database"),
        (b"BZh", "a bzip2 archive"),
        (b"\xFD7zXZ", "an xz archive"),
        (b"\x28\xB5\x2F\xFD", "a zstd archive"),
        (b"OggS", "an audio file"),
        (b"ID3", "an MP3 file"),
        (b"RIFF", "a RIFF media file"),
        (b"wOFF", "a font"),
    ];
    let (m, what) = MAGICS.iter().find(|(m, _)| bytes.starts_with(m))?;
    // Magics made of letters (`ID3`, `RIFF`, `MZ`…) can also start a sentence: trust them only
    // with NUL or control bytes nearby, as real headers have. `%PDF` is trusted as is.
    let textual = m.iter().all(|b| b.is_ascii_graphic() || *b == b' ') && *what != "a PDF document";
    if textual
        && !bytes
            .iter()
            .take(256)
            .any(|b| *b == 0 || is_bad_control(*b))
    {
        return None;
    }
    Some(*what)
}

/// Byte is a C0 control character that text files do not contain (tab, newlines, form feed
/// and escape excepted), or DEL.
fn is_bad_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B)) || b == 0x7F
}

/// If `bytes` look like UTF-16 without a BOM (many zero bytes, all on the same parity), the
/// byte order.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let half = sample.len() / 2;
    let even_zero = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_zero = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    // Latin text in UTF-16: the high byte of nearly every unit is zero, the low byte almost
    // never.
    if odd_zero * 10 >= half * 7 && even_zero * 50 <= half {
        Some(encoding_rs::UTF_16LE)
    } else if even_zero * 10 >= half * 7 && odd_zero * 50 <= half {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Decodes bytes: UTF-8 (with or without BOM), UTF-16 with BOM (or clearly UTF-16 without),
/// otherwise Windows-1252, or lossy UTF-8 when the bytes are mostly UTF-8 with a few invalid
/// sequences. `Err(reason)` when the bytes look binary.
///
/// The text keeps the file's byte layout where it can (offsets of the evaluation point into
/// it): only stray control bytes are replaced by spaces, lone carriage returns become line
/// feeds, and decomposed accents are composed (NFC).
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, String> {
    let mut notes: Vec<String> = Vec::new();
    let text: String = if bytes.starts_with(b"\xEF\xBB\xBF") {
        match String::from_utf8(bytes) {
            Ok(mut s) => {
                s.drain(..3);
                s
            }
            Err(e) => {
                let bytes = e.into_bytes();
                let (s, _) = decode_utf8_tail_aware(&bytes[3..]);
                notes.push("invalid UTF-8 sequences replaced by \u{FFFD}".into());
                s
            }
        }
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let body = &bytes[2..];
        let body = &body[..body.len() & !1];
        let (s, had_errors) = enc.decode_without_bom_handling(body);
        if had_errors {
            notes.push(format!(
                "{} with invalid sequences, replaced by \u{FFFD}",
                enc.name()
            ));
        }
        check_decoded_text(&s)?;
        s.into_owned()
    } else if let Some(enc) = utf16_without_bom(&bytes) {
        let body = &bytes[..bytes.len() & !1];
        let (s, _) = enc.decode_without_bom_handling(body);
        check_decoded_text(&s)?;
        notes.push(format!("no byte order mark: decoded as {}", enc.name()));
        s.into_owned()
    } else {
        if let Some(what) = magic(&bytes) {
            return Err(format!("binary file ({what}): skipped"));
        }
        let sample = &bytes[..bytes.len().min(64 * 1024)];
        let bad = sample.iter().filter(|b| is_bad_control(**b)).count();
        // Random or compressed bytes have ~11 % control bytes, text has none: 5 % is a safe
        // line between them (a few stray NULs in a text file pass and are cleaned below).
        if bad * 20 > sample.len() {
            return Err(format!(
                "binary file ({}% control bytes): skipped",
                (bad * 100).div_ceil(sample.len().max(1))
            ));
        }
        match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                let bytes = e.into_bytes();
                let (valid_multi, invalid) = utf8_census(&bytes);
                if invalid == 0 {
                    // Only a sequence cut at the end (a file truncated by the size cap).
                    let (s, _) = decode_utf8_tail_aware(&bytes);
                    s
                } else if valid_multi > invalid * 4 {
                    let (s, _) = decode_utf8_tail_aware(&bytes);
                    notes.push(format!(
                        "not valid UTF-8: {invalid} invalid byte sequence(s) replaced by \u{FFFD}"
                    ));
                    s
                } else {
                    let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
                    notes.push("not valid UTF-8: decoded as Windows-1252".into());
                    s.into_owned()
                }
            }
        }
    };
    let (text, cleaned) = clean_text(text);
    if cleaned > 0 {
        notes.push(format!(
            "{cleaned} control byte(s) (NUL…) replaced by spaces"
        ));
    }
    let text = if unicode_normalization::is_nfc_quick(text.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        text
    } else {
        use unicode_normalization::UnicodeNormalization;
        text.nfc().collect()
    };
    Ok(Decoded {
        text,
        repair: if notes.is_empty() {
            None
        } else {
            Some(notes.join("; "))
        },
    })
}

/// Refuses decoded text that is mostly control characters or replacement characters (binary
/// data that happened to look like UTF-16).
fn check_decoded_text(s: &str) -> Result<(), String> {
    let (mut n, mut bad) = (0usize, 0usize);
    for c in s.chars().take(32 * 1024) {
        n += 1;
        if c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}')) {
            bad += 1;
        }
    }
    if bad * 20 > n {
        return Err(format!(
            "binary file ({}% control or invalid characters): skipped",
            (bad * 100).div_ceil(n.max(1))
        ));
    }
    Ok(())
}

/// Counts valid multi-byte UTF-8 sequences and invalid sequences (a sequence cut by the end of
/// the buffer is neither).
fn utf8_census(mut bytes: &[u8]) -> (usize, usize) {
    let (mut multi, mut invalid) = (0usize, 0usize);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                multi += s.chars().filter(|c| !c.is_ascii()).count();
                return (multi, invalid);
            }
            Err(e) => {
                let good = e.valid_up_to();
                multi += std::str::from_utf8(&bytes[..good])
                    .map(|s| s.chars().filter(|c| !c.is_ascii()).count())
                    .unwrap_or(0);
                match e.error_len() {
                    Some(n) => {
                        invalid += 1;
                        bytes = &bytes[good + n..];
                    }
                    None => return (multi, invalid),
                }
            }
        }
    }
}

/// Lossy UTF-8 decoding that drops (rather than replaces) a sequence cut by the end.
fn decode_utf8_tail_aware(bytes: &[u8]) -> (String, bool) {
    let end = match std::str::from_utf8(bytes) {
        Ok(_) => bytes.len(),
        Err(e) if e.error_len().is_none() => e.valid_up_to(),
        Err(_) => {
            // Find a cut sequence at the very end (at most 3 bytes of a started character).
            let mut end = bytes.len();
            for back in 1..=3.min(bytes.len()) {
                let b = bytes[bytes.len() - back];
                if (0xC2..=0xF4).contains(&b) {
                    let need = if b >= 0xF0 {
                        4
                    } else if b >= 0xE0 {
                        3
                    } else {
                        2
                    };
                    if need > back {
                        end = bytes.len() - back;
                    }
                    break;
                }
                if b & 0xC0 != 0x80 {
                    break;
                }
            }
            end
        }
    };
    let s = String::from_utf8_lossy(&bytes[..end]);
    let lossy = matches!(s, std::borrow::Cow::Owned(_));
    (s.into_owned(), lossy)
}

/// Replaces stray control characters by spaces and lone CRs by LFs, keeping byte offsets.
fn clean_text(text: String) -> (String, usize) {
    let needs = text.bytes().any(|b| is_bad_control(b) || b == b'\r');
    if !needs {
        return (text, 0);
    }
    let mut bytes = text.into_bytes();
    let mut cleaned = 0;
    for i in 0..bytes.len() {
        let b = bytes[i];
        if is_bad_control(b) {
            bytes[i] = b' ';
            cleaned += 1;
        } else if b == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    // Only ASCII bytes were replaced by ASCII bytes: still valid UTF-8.
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    (text, cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(b: &[u8]) -> Decoded {
        decode(b.to_vec()).expect("decodes")
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(dec("été".as_bytes()).text, "été");
        assert_eq!(dec("été".as_bytes()).repair, None);
        assert_eq!(dec(b"\xEF\xBB\xBFet\xC3\xA9").text, "eté");
    }

    #[test]
    fn utf16_both_orders_with_bom_and_le_without() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Idleb, été".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Idleb, été".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(dec(&le).text, "Idleb, été");
        assert_eq!(dec(&be).text, "Idleb, été");
        let nobom: Vec<u8> = "Le 28 septembre à Ankara"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let d = dec(&nobom);
        assert_eq!(d.text, "Le 28 septembre à Ankara");
        assert!(d.repair.is_some());
    }

    #[test]
    fn windows_1252_and_lossy_utf8() {
        let d = dec(b"L\x92arm\xE9e turque \x96 Afrine");
        assert_eq!(d.text, "L\u{2019}armée turque \u{2013} Afrine");
        assert!(d.repair.unwrap().contains("Windows-1252"));
        // Mostly UTF-8 with one bad byte: stays UTF-8.
        let d = dec("é à è ç ô û î ê â "
            .repeat(3)
            .as_bytes()
            .iter()
            .copied()
            .chain([0xFF])
            .collect::<Vec<_>>()
            .as_slice());
        assert!(d.text.starts_with("é à"));
        assert!(d.text.ends_with('\u{FFFD}'));
    }

    #[test]
    fn binary_is_refused_and_stray_nuls_are_cleaned() {
        assert!(
            decode(b"%PDF-1.4 ...".to_vec())
                .unwrap_err()
                .contains("PDF")
        );
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        assert!(decode(noise).is_err());
        let mut text = "Une phrase assez longue pour un article de presse. "
            .repeat(20)
            .into_bytes();
        text[10] = 0;
        let d = dec(&text);
        assert_eq!(d.text.len(), text.len());
        assert_eq!(d.text.as_bytes()[10], b' ');
        assert!(d.repair.is_some());
    }

    #[test]
    fn cut_utf8_at_the_end_is_dropped_quietly() {
        let mut b = "Un été".as_bytes().to_vec();
        b.pop();
        let d = dec(&b);
        assert_eq!(d.text, "Un ét");
        assert_eq!(d.repair, None);
    }

    #[test]
    fn nfd_is_composed() {
        assert_eq!(dec("e\u{301}te\u{301}".as_bytes()).text, "été");
    }

    #[test]
    fn html_by_extension_or_content() {
        let (d, _) = document_from_bytes(
            Path::new("a.txt"),
            b"<!DOCTYPE html><title>T</title><p>Bonjour</p>".to_vec(),
        )
        .unwrap();
        assert_eq!(d.title.as_deref(), Some("T"));
        assert_eq!(d.text.trim(), "Bonjour");
        assert_eq!(
            document_from_bytes(Path::new("a.txt"), Vec::new())
                .unwrap_err()
                .kind,
            WarningKind::Empty
        );
    }
}
