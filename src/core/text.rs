//! Text normalisation: case and accent folding with a map back to original byte offsets,
//! and sentence splitting.

use crate::core::model::Span;

/// Sentence spans of `text` (byte offsets), in order.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n'
            || ((c == '.' || c == '!' || c == '?') && text[i + 1..].starts_with([' ', '\n']))
        {
            let end = i + c.len_utf8();
            if text[start..end].trim().len() > 0 {
                out.push(Span::new(start, end));
            }
            start = end;
        }
    }
    if text[start..].trim().len() > 0 {
        out.push(Span::new(start, text.len()));
    }
    out
}
