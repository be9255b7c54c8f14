//! Corpus I/O: walk folders, read and decode files (UTF-8, UTF-16, Windows-1252), turn HTML
//! into text, read the metadata tables beside the articles, write files atomically. No
//! extraction.
//!
//! Everything here is defensive: whatever a folder holds (binary files, broken encodings,
//! link loops, files vanishing while we read), each problem becomes a [`LoadWarning`] naming
//! the file and the reason, and the load goes on.

pub mod atomic;
pub mod decode;
pub mod html;
pub mod metadata;
pub mod read;
pub mod walk;
pub mod warning;

pub use decode::{Decoded, decode};
pub use html::{HtmlDoc, strip_html};
pub use metadata::{ArticleMeta, meta_for};
pub use read::{
    DEFAULT_MAX_BYTES, ReadOptions, document_from_bytes, read_document, read_document_with,
};
pub use walk::{discover, discover_cancellable};
pub use warning::{LoadWarning, WarningKind};
