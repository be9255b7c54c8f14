//! Reading one file into a [`Document`]: capped read, decoding, HTML to text.

use std::io::Read;
use std::path::Path;

use super::decode::decode;
use super::html::strip_html;
use super::walk::{FileClass, classify};
use super::warning::{LoadWarning, WarningKind, io_reason};
use crate::core::model::Document;

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

/// Reads and decodes one file with the default options. `Err` when it must be skipped; `Ok`
/// may carry warnings about repairs (encoding, truncation).
pub fn read_document(path: &Path) -> Result<(Document, Vec<LoadWarning>), LoadWarning> {
    read_document_with(path, &ReadOptions::default())
}

/// Reads and decodes one file. The file is read once, at most `opts.max_bytes` of it. What a
/// metadata table beside it says (URL, title, date, site) is put on the document.
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
    let (mut doc, ws) = document_from_bytes(path, bytes)?;
    warnings.extend(ws);
    if let Some(meta) = super::metadata::meta_for(path) {
        meta.apply_to(&mut doc);
    }
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
            url: None,
            site: None,
        }
    } else {
        Document {
            id,
            path: path.into(),
            title: None,
            text: decoded.text,
            meta_published: None,
            url: None,
            site: None,
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

#[cfg(test)]
mod tests {
    use super::*;

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
