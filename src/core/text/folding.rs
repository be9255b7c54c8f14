//! Folding (see [the module documentation](super)) with the map back to the original byte
//! offsets, and names folded the same way.

use crate::core::model::Span;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A folded text with, for every folded byte, the original character it came from.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// The folded text: lower-case ASCII-ish letters, digits and single spaces; starts with a
    /// space.
    pub text: String,
    /// For each byte of `text`: `(start, end)` byte offsets of the source character in the
    /// original text. The leading space maps to `(0, 0)`.
    map: Vec<(u32, u32)>,
}

impl Folded {
    /// The original span of folded bytes `[start, end)`; `None` when out of range or empty.
    pub fn original_span(&self, start: usize, end: usize) -> Option<Span> {
        if start >= end || end > self.map.len() {
            return None;
        }
        let s = self.map[start].0 as usize;
        let e = self.map[end - 1].1 as usize;
        (s <= e).then_some(Span::new(s, e))
    }
    /// Original byte offset where the character behind folded byte `i` starts.
    pub fn original_start(&self, i: usize) -> Option<usize> {
        self.map.get(i).map(|m| m.0 as usize)
    }
}

/// Appends the folded form of `c` to `out` (nothing for combining marks).
pub(super) fn push_folded_char(c: char, out: &mut String) {
    match c {
        'ı' => out.push('i'),
        'ł' | 'Ł' => out.push('l'),
        'ø' | 'Ø' => out.push('o'),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'ß' => out.push_str("ss"),
        'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
        'þ' | 'Þ' => out.push_str("th"),
        'ħ' | 'Ħ' => out.push('h'),
        _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        _ if let Some(b) = fold_latin(c) => out.push(b as char),
        _ => {
            for d in std::iter::once(c).nfd() {
                if is_combining_mark(d) {
                    continue;
                }
                for l in d.to_lowercase() {
                    out.push(l);
                }
            }
        }
    }
}

/// The folded letter of a common accented Latin letter (what decomposition, dropping the
/// marks and lower-casing give), without the decomposition: French text is full of them.
pub(super) fn fold_latin(c: char) -> Option<u8> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => b'a',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => b'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => b'i',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => b'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => b'u',
        'ç' | 'Ç' => b'c',
        'ñ' | 'Ñ' => b'n',
        'ý' | 'ÿ' | 'Ý' => b'y',
        _ => return None,
    })
}

/// True for characters that belong to words (letters, digits, combining marks).
pub(super) fn is_word_char(c: char) -> bool {
    match c {
        // General punctuation (typographic apostrophes, quotes, dashes) and Latin-1 letters
        // are most of the non-ASCII characters of French text: answered without the tables.
        '\u{2000}'..='\u{206f}' => false,
        '\u{c0}'..='\u{ff}' => c != '×' && c != '÷',
        _ => c.is_alphanumeric() || is_combining_mark(c),
    }
}

/// Folds `text` (see the module documentation), keeping the offset map.
pub fn fold(text: &str) -> Folded {
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(text.len() + 1);
    let mut map: Vec<(u32, u32)> = Vec::with_capacity(text.len() + 1);
    out.push(b' ');
    map.push((0, 0));
    let mut buf = String::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let start = i as u32;
        // ASCII fast path: most of a French text, handled a byte at a time.
        if b < 0x80 {
            if b.is_ascii_alphanumeric() {
                out.push(b.to_ascii_lowercase());
                map.push((start, start + 1));
            } else if out.last() != Some(&b' ') {
                out.push(b' ');
                map.push((start, start + 1));
            }
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let end = (i + c.len_utf8()) as u32;
        i = end as usize;
        if let Some(f) = fold_latin(c) {
            out.push(f);
            map.push((start, end));
        } else if is_word_char(c) {
            buf.clear();
            push_folded_char(c, &mut buf);
            // Keep only word characters from the folding (e.g. drop stray symbols).
            for f in buf.chars() {
                if is_word_char(f) {
                    let mut tmp = [0u8; 4];
                    let s = f.encode_utf8(&mut tmp);
                    out.extend_from_slice(s.as_bytes());
                    for _ in 0..s.len() {
                        map.push((start, end));
                    }
                }
            }
        } else if out.last() != Some(&b' ') {
            out.push(b' ');
            map.push((start, end));
        }
    }
    // Only whole UTF-8 sequences were pushed.
    let text = String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Folded { text, map }
}

/// Folds a name the same way as text, without the leading space and without a trailing space.
pub fn fold_name(name: &str) -> String {
    // Same rules as `fold`, without the offset map (the gazetteer folds a million names).
    let mut out = String::with_capacity(name.len());
    let mut buf = String::new();
    let mut pending_space = false;
    for c in name.chars() {
        if is_word_char(c) {
            buf.clear();
            if c.is_ascii() {
                buf.push(c.to_ascii_lowercase());
            } else {
                push_folded_char(c, &mut buf);
                buf.retain(is_word_char);
            }
            if buf.is_empty() {
                continue;
            }
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push_str(&buf);
        } else {
            pending_space = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_fast_path_folds_like_the_decomposition() {
        let mut checked = 0;
        for c in ('\u{80}'..='\u{24f}').filter(|c| fold_latin(*c).is_some()) {
            let slow: String = std::iter::once(c)
                .nfd()
                .filter(|d| !is_combining_mark(*d))
                .flat_map(char::to_lowercase)
                .collect();
            assert_eq!(slow, (fold_latin(c).unwrap() as char).to_string(), "{c}");
            checked += 1;
        }
        assert!(checked > 50);
        assert_eq!(fold("Élysée à Téhéran").text, " elysee a teheran");
    }

    #[test]
    fn folds_accents_case_and_punctuation() {
        assert_eq!(
            fold("Saint-Pétersbourg, l’Élysée").text,
            " saint petersbourg l elysee"
        );
        assert_eq!(fold("  Łódź  ").text, " lodz ");
        assert_eq!(fold("Œuvre").text, " oeuvre");
        assert_eq!(fold_name("Jisr ash-Shughūr"), "jisr ash shughur");
        for s in [
            "  Łódź  ",
            "a\u{301}b-c",
            "‘Afrīn",
            "İstanbul",
            "x\u{301} \u{301}y",
            "a \u{301} b",
            "Ǆ",
        ] {
            assert_eq!(fold_name(s), fold(s).text.trim(), "{s:?}");
        }
    }

    #[test]
    fn word_chars_agree_with_std() {
        for c in ('\0'..='\u{3000}').chain(['œ', 'Œ', 'ſ', 'ǅ', '\u{10400}']) {
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric() || is_combining_mark(c),
                "{c:?}"
            );
        }
    }

    #[test]
    fn maps_back_to_original_offsets() {
        let t = "à Téhéran, d'Idleb";
        let f = fold(t);
        let i = f.text.find("teheran").unwrap();
        let s = f.original_span(i, i + "teheran".len()).unwrap();
        assert_eq!(&t[s.start..s.end], "Téhéran");
        let i = f.text.find("idleb").unwrap();
        let s = f.original_span(i, i + 5).unwrap();
        assert_eq!(&t[s.start..s.end], "Idleb");
    }
}
