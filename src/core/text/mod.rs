//! Text normalisation: case and accent folding with a map back to original byte offsets,
//! and sentence splitting.
//!
//! Folding turns `Saint-Pétersbourg, l’Élysée` into ` saint petersbourg l elysee`: letters
//! lower-cased and stripped of diacritics (NFD, combining marks dropped, a few letters without a
//! decomposition such as `ø`, `ł`, `ı`, `œ` spelled out), every run of non-alphanumeric
//! characters (spaces, hyphens, apostrophes, punctuation) turned into one space, and one leading
//! space. Place names are folded the same way, so a pattern ` name` found in the folded text
//! always starts on a word boundary, elisions (`d'Idleb`) and hyphenation (`Tel-Aviv`) included.

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
fn push_folded_char(c: char, out: &mut String) {
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
fn fold_latin(c: char) -> Option<u8> {
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
fn is_word_char(c: char) -> bool {
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

/// One word of a [`FoldedWords`]: a run of folded letters and digits, with where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoldedWord {
    /// Start of the word in [`FoldedWords::text`] (bytes).
    pub fs: usize,
    /// End of the word in [`FoldedWords::text`] (bytes, exclusive).
    pub fe: usize,
    /// Start of the word's first source character in the original text (bytes).
    pub os: usize,
    /// End of its last source character in the original text (bytes, exclusive).
    pub oe: usize,
    /// The first source character is upper case.
    pub cap: bool,
    /// A source character after the first is lower case (`Poutine`, not `AFP`).
    pub lower_rest: bool,
    /// First word of the text, or the text between it and the previous word holds a line
    /// break or sentence punctuation (`. ! ? : « " “ ( [ | • – —`).
    pub initial: bool,
}

/// A folded text cut into words (what the place spotter reads).
#[derive(Debug, Clone, Default)]
pub struct FoldedWords {
    /// Exactly [`fold`]'s text.
    pub text: String,
    /// The maximal runs of non-space bytes of `text`, in order.
    pub words: Vec<FoldedWord>,
}

/// Characters between two words that make the second one start a sentence or a line.
fn breaks_sentence(c: char) -> bool {
    matches!(
        c,
        '\n' | '.' | '!' | '?' | ':' | '«' | '"' | '“' | '(' | '[' | '|' | '•' | '–' | '—'
    )
}

/// [`fold`] and the words of the folded text in one pass, without a per-byte offset map: the
/// place spotter only ever asks for whole words.
pub fn fold_words(text: &str) -> FoldedWords {
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(text.len() + 1);
    let mut words: Vec<FoldedWord> = Vec::with_capacity(text.len() / 5 + 1);
    out.push(b' ');
    let mut buf = String::new();
    // The word being read (its `fs` is set; `fe`, `oe` when it ends), and whether a sentence
    // break was seen since the last word.
    let mut cur: Option<FoldedWord> = None;
    let mut brk = true;
    let mut last_end = 0usize;
    // A lowercase combining mark since the last letter (it counts once a letter follows).
    let mut pending_lower = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_alphanumeric() {
                match &mut cur {
                    Some(w) => w.lower_rest |= pending_lower || b.is_ascii_lowercase(),
                    None => {
                        cur = Some(FoldedWord {
                            fs: out.len(),
                            fe: 0,
                            os: i,
                            oe: 0,
                            cap: b.is_ascii_uppercase(),
                            lower_rest: false,
                            initial: std::mem::take(&mut brk),
                        })
                    }
                }
                out.push(b.to_ascii_lowercase());
                pending_lower = false;
                i += 1;
                last_end = i;
                continue;
            }
            if let Some(mut w) = cur.take() {
                (w.fe, w.oe) = (out.len(), last_end);
                words.push(w);
                out.push(b' ');
            }
            pending_lower = false;
            brk |= breaks_sentence(b as char);
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let start = i;
        i += c.len_utf8();
        let before = out.len();
        if let Some(f) = fold_latin(c) {
            out.push(f);
        } else if is_word_char(c) {
            buf.clear();
            push_folded_char(c, &mut buf);
            for f in buf.chars().filter(|f| is_word_char(*f)) {
                let mut tmp = [0u8; 4];
                out.extend_from_slice(f.encode_utf8(&mut tmp).as_bytes());
            }
            if out.len() == before {
                // A lone combining mark: part of the word only if another letter follows.
                pending_lower |= c.is_lowercase();
                continue;
            }
        } else {
            if let Some(mut w) = cur.take() {
                (w.fe, w.oe) = (out.len(), last_end);
                words.push(w);
                out.push(b' ');
            }
            pending_lower = false;
            brk |= breaks_sentence(c);
            continue;
        }
        match &mut cur {
            Some(w) => w.lower_rest |= pending_lower || c.is_lowercase(),
            None => {
                cur = Some(FoldedWord {
                    fs: before,
                    fe: 0,
                    os: start,
                    oe: 0,
                    cap: c.is_uppercase(),
                    lower_rest: false,
                    initial: std::mem::take(&mut brk),
                })
            }
        }
        pending_lower = false;
        last_end = i;
    }
    if let Some(mut w) = cur.take() {
        (w.fe, w.oe) = (out.len(), last_end);
        words.push(w);
    }
    // Only whole UTF-8 sequences were pushed.
    let text = String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    FoldedWords { text, words }
}

/// Appends `s` lower-cased to `out`: the same as `str::to_lowercase`, without its temporary
/// and with Latin-1 letters (French accents) handled without the Unicode case tables.
pub fn push_lowercase(out: &mut String, s: &str) {
    let from = out.len();
    out.reserve(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        // Runs of ASCII are copied and lower-cased in bulk; most of French text is ASCII.
        let ascii = rest.bytes().position(|b| b >= 0x80).unwrap_or(rest.len());
        if ascii > 0 {
            let at = out.len();
            out.push_str(&rest[..ascii]);
            out[at..].make_ascii_lowercase();
            rest = &rest[ascii..];
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        // A capital sigma lower-cases by its context (final `ς`): leave it all to std.
        if c == 'Σ' {
            out.truncate(from);
            out.push_str(&s.to_lowercase());
            return;
        }
        push_lowercase_char(out, c);
        rest = &rest[c.len_utf8()..];
    }
}

/// `char::is_alphabetic`, with the answers for ASCII, Latin-1 and general punctuation (the
/// typographic apostrophe and quotes of French text) given without the Unicode tables.
pub fn is_alphabetic(c: char) -> bool {
    match c {
        '\0'..='\u{7f}' => c.is_ascii_alphabetic(),
        'ª' | 'µ' | 'º' => true,
        '×' | '÷' => false,
        '\u{c0}'..='\u{ff}' => true,
        '\u{80}'..='\u{bf}' | '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphabetic(),
    }
}

/// Appends the lower case of `c` to `out`: `char::to_lowercase` with Latin-1 handled without
/// the Unicode tables (see [`push_lowercase`] for whole strings).
pub fn push_lowercase_char(out: &mut String, c: char) {
    match c {
        'A'..='Z' => out.push(c.to_ascii_lowercase()),
        '\0'..='\u{7f}' | '\u{df}'..='\u{ff}' | '\u{d7}' => out.push(c),
        '\u{c0}'..='\u{de}' => out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
        _ => out.extend(c.to_lowercase()),
    }
}

/// `s` starts with `prefix` (lower case), whatever the case of `s`'s ASCII letters, without
/// lower-casing a copy.
pub fn starts_with_caseless(s: &str, prefix: &str) -> bool {
    s.as_bytes()
        .get(..prefix.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// `s` ends with `suffix` (lower case), whatever the case of `s`'s ASCII letters.
pub fn ends_with_caseless(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len()
        && s.as_bytes()[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
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

/// Common French abbreviations that end with a period without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "M", "MM", "Mme", "Mmes", "Mlle", "Dr", "Pr", "Me", "Mgr", "St", "Ste", "av", "cf", "etc", "p",
    "n", "no", "vol", "art", "env", "ex", "Gal", "Gén", "Col", "Cdt", "Lt", "Sgt", "J.-C", "apr",
    "janv", "févr", "avr", "juil", "sept", "oct", "nov", "déc",
];

/// The forms of `word` met in running text, whatever its case: as written (lower case),
/// capitalised and in capitals; with no-break spaces too when it has spaces. Matched with ASCII
/// letters in any case.
fn caseless_forms(word: &str) -> Vec<String> {
    let mut capitalised = String::new();
    let mut chars = word.chars();
    if let Some(first) = chars.next() {
        capitalised.extend(first.to_uppercase());
        capitalised.push_str(chars.as_str());
    }
    let mut forms = Vec::new();
    for form in [word.to_string(), capitalised, word.to_uppercase()] {
        if form.contains(' ') {
            forms.push(form.replace(' ', "\u{a0}"));
        }
        forms.push(form);
    }
    forms
}

/// An automaton finding `words` in running text whatever their case ([`caseless_forms`]),
/// cheaper than a case-insensitive Unicode regex. The longest word wins where several start at
/// the same place.
pub fn caseless_automaton<'a>(words: impl Iterator<Item = &'a str>) -> aho_corasick::AhoCorasick {
    let patterns: Vec<String> = words.flat_map(caseless_forms).collect();
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        // A few hundred patterns: a DFA fits and scans with one lookup a byte.
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(&patterns)
        .expect("plain literal patterns always build")
}

/// Stems looked for at given positions of a text (word starts), whatever their case
/// ([`caseless_forms`]). Where only word starts can match, this is cheaper than an automaton
/// stepped on every byte: a position is compared only with the stems that share a hash of its
/// first three bytes, and most word starts share it with none.
#[derive(Debug)]
pub struct CaselessStems {
    /// For each hash of three bytes ([`prefix_slot`]): 1 + the index of its bucket, or 0.
    slots: Vec<u16>,
    /// The forms in ASCII lower case whose first three bytes hash alike, longest first.
    buckets: Vec<Vec<Box<[u8]>>>,
    /// Forms shorter than three bytes, longest first: tested everywhere.
    short: Vec<Box<[u8]>>,
}

/// The number of hash slots of [`CaselessStems`]: a few kilobytes, for the CPU's first cache.
const PREFIX_SLOTS: usize = 4096;

/// The slot of three bytes, the same whatever the case of ASCII letters (bit 5 is set, which
/// lower-cases ASCII capitals and leaves lower case as is).
fn prefix_slot(a: u8, b: u8, c: u8) -> usize {
    let h = (u32::from(a) | u32::from(b) << 8 | u32::from(c) << 16 | 0x20_2020)
        .wrapping_mul(0x9e37_79b1);
    (h >> 20) as usize % PREFIX_SLOTS
}

impl CaselessStems {
    /// The stems `words`.
    pub fn new<'a>(words: impl Iterator<Item = &'a str>) -> CaselessStems {
        let mut slots = vec![0u16; PREFIX_SLOTS];
        let mut buckets: Vec<Vec<Box<[u8]>>> = Vec::new();
        let mut short: Vec<Box<[u8]>> = Vec::new();
        for form in words.flat_map(caseless_forms) {
            let lower = form.to_ascii_lowercase().into_bytes().into_boxed_slice();
            let bucket = match *lower {
                [a, b, c, ..] => {
                    let slot = &mut slots[prefix_slot(a, b, c)];
                    if *slot == 0 {
                        buckets.push(Vec::new());
                        *slot = u16::try_from(buckets.len()).expect("fewer than 65 535 stems");
                    }
                    &mut buckets[usize::from(*slot) - 1]
                }
                [] => continue,
                _ => &mut short,
            };
            if !bucket.contains(&lower) {
                bucket.push(lower);
            }
        }
        for bucket in buckets.iter_mut().chain([&mut short]) {
            bucket.sort_by_key(|f| std::cmp::Reverse(f.len()));
        }
        CaselessStems {
            slots,
            buckets,
            short,
        }
    }

    /// The byte length of the longest stem that starts at byte `at` of `text`.
    pub fn longest_at(&self, text: &[u8], at: usize) -> Option<usize> {
        let rest = text.get(at..)?;
        // A plain loop: it stops at the first byte that differs, where the library's
        // vectorised comparison would look at them all.
        let matches = |f: &[u8]| {
            f.len() <= rest.len()
                && f.iter()
                    .zip(rest)
                    .all(|(x, y)| *x == y.to_ascii_lowercase())
        };
        if let [a, b, c, ..] = *rest {
            let slot = self.slots[prefix_slot(a, b, c)];
            if slot != 0
                && let Some(f) = self.buckets[usize::from(slot) - 1]
                    .iter()
                    .find(|f| matches(f))
            {
                return Some(f.len());
            }
        }
        self.short.iter().find(|f| matches(f)).map(|f| f.len())
    }
}

/// Bytes where a sentence can end: `\n . ! ?` and the lead byte of `…`.
static SPLIT_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\n' as usize] = true;
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[0xE2] = true;
    t
};

/// Sentence spans of `text` (byte offsets), in order.
///
/// Splits at line breaks and at `.`, `!`, `?`, `…` followed by a space (or a closing quote and a
/// space), except after abbreviations (`M.`, `St.`, `etc.` before a lower-case word) and single
/// capital initials (`Recep T. Erdogan`).
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    // Every split character but `…` is ASCII: look at bytes, decode only at candidates.
    let mut i = 0;
    while i < bytes.len() {
        // Skip to the next byte that can split (a table test a byte, no branch per kind).
        match bytes[i..].iter().position(|&b| SPLIT_BYTES[b as usize]) {
            Some(k) => i += k,
            None => break,
        }
        let c = match bytes[i] {
            b'\n' => '\n',
            b'.' => '.',
            b'!' => '!',
            b'?' => '?',
            0xE2 if bytes[i + 1..].starts_with(&[0x80, 0xA6]) => '…',
            _ => {
                i += 1;
                continue;
            }
        };
        let end = i + c.len_utf8();
        let split = if c == '\n' {
            true
        } else if matches!(c, '.' | '!' | '?' | '…') {
            let rest = &text[end..];
            let rest_trim = rest.trim_start_matches(['»', '"', '”', ')', '\u{a0}', '\u{202f}']);
            let followed_by_space =
                rest_trim.is_empty() || rest_trim.starts_with([' ', '\n', '\t']);
            followed_by_space && !(c == '.' && is_abbreviation_before(text, i, rest_trim))
        } else {
            false
        };
        if split {
            // Take closing quotes with the sentence.
            let mut e = end;
            while e < bytes.len() {
                let next = text[e..].chars().next();
                match next {
                    Some(q @ ('»' | '"' | '”' | ')')) if c != '\n' => e += q.len_utf8(),
                    _ => break,
                }
            }
            if e > start && !text[start..e].trim().is_empty() {
                out.push(Span::new(start, e));
                start = e;
            } else if e > start {
                start = e;
            }
        }
        i = end;
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push(Span::new(start, text.len()));
    }
    // Split points inside a closing-quote run may leave `start` mid-run: spans stay ordered
    // and disjoint because `start` only moves forward.
    out
}

/// True when the period at byte `dot` ends an abbreviation or an initial rather than a sentence.
fn is_abbreviation_before(text: &str, dot: usize, rest: &str) -> bool {
    let before = &text[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || c == '(' || c == '«')
        .map(|(p, c)| p + c.len_utf8())
        .unwrap_or(0);
    let word = before[word_start..].trim_start_matches(['(', '«', '"', '\'']);
    if word.is_empty() {
        return false;
    }
    let next_lower = rest
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase());
    // A single capital letter: an initial (`Recep T. Erdogan`, `J. Biden`).
    let mut chars = word.chars();
    if let (Some(first), None) = (chars.next(), chars.next())
        && first.is_uppercase()
    {
        return true;
    }
    if ABBREVIATIONS.contains(&word) {
        // `M.` and titles never end sentences; lower-case abbreviations only when the next word
        // is lower case.
        return word.chars().next().is_some_and(|c| c.is_uppercase()) || next_lower;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_lowercase_matches_std_to_lowercase() {
        let samples = [
            "Élysée À Ÿ ÀÉÎÕÜ ×÷ ß Straße İstanbul ΣΑΣ Ǆ",
            "Recep Tayyip ERDOĞAN, Kyiv, ÇA VA, Øresund",
            "ASCII RUNS Between Accents: Évry, MOSCOU, ÎLE-de-FRANCE.",
            "ends in Σ",
            "",
        ];
        for s in samples {
            let mut out = String::from("x");
            push_lowercase(&mut out, s);
            assert_eq!(out, format!("x{}", s.to_lowercase()), "{s}");
        }
        // Every char of Latin-1 and Latin Extended-A.
        let all: String = (0u32..0x180).filter_map(char::from_u32).collect();
        let mut out = String::new();
        push_lowercase(&mut out, &all);
        assert_eq!(out, all.to_lowercase());
    }

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

    /// `fold_words` against `fold` and its offset map: same text, and each word's spans and
    /// flags as read back from the map and the original text.
    fn check_fold_words(t: &str) {
        let f = fold(t);
        let w = fold_words(t);
        assert_eq!(w.text, f.text, "{t:?}");
        let b = f.text.as_bytes();
        let mut expected = Vec::new();
        let mut i = 0;
        let mut prev_end = 0;
        while i < b.len() {
            if b[i] == b' ' {
                i += 1;
                continue;
            }
            let s = i;
            while i < b.len() && b[i] != b' ' {
                i += 1;
            }
            let span = f.original_span(s, i).unwrap();
            let orig = &t[span.start..span.end];
            let gap = &t[prev_end..span.start];
            expected.push(FoldedWord {
                fs: s,
                fe: i,
                os: span.start,
                oe: span.end,
                cap: orig.chars().next().is_some_and(char::is_uppercase),
                lower_rest: orig.chars().skip(1).any(char::is_lowercase),
                initial: prev_end == 0 || gap.chars().any(breaks_sentence),
            });
            prev_end = span.end;
        }
        assert_eq!(w.words, expected, "{t:?}");
    }

    #[test]
    fn fast_char_classes_agree_with_std() {
        for c in ('\0'..='\u{3000}').chain(['œ', 'Œ', 'ſ', 'ǅ', '\u{10400}']) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric() || is_combining_mark(c),
                "{c:?}"
            );
            let mut fast = String::new();
            push_lowercase_char(&mut fast, c);
            assert_eq!(fast, c.to_lowercase().collect::<String>(), "{c:?}");
        }
    }

    #[test]
    fn fold_words_agree_with_the_offset_map() {
        for t in [
            "",
            "   ",
            "Saint-Pétersbourg, l’Élysée. À Téhéran : « Non » — AFP",
            "  Łódź  Œuvre ẞtraße İstanbul",
            "a\u{301}b-c x\u{301} \u{301}y a \u{301} b \u{301}Ab Ǆ\u{345}x",
            "M. Lavrov (Moscou) [Idleb] | Ankara • 12 h 30\nAstana? Sotchi!",
            "ΣΑΣ σας 42ème 1er",
        ] {
            check_fold_words(t);
        }
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut n = 0;
        for e in std::fs::read_dir(seeds).unwrap() {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            check_fold_words(&text);
            n += 1;
        }
        assert!(n >= 5);
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

    #[test]
    fn sentences_skip_abbreviations_and_initials() {
        let t = "M. Lavrov a parlé. Recep T. Erdogan est venu à Ankara. Fin";
        let s: Vec<&str> = sentences(t).iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(
            s,
            vec![
                "M. Lavrov a parlé.",
                " Recep T. Erdogan est venu à Ankara.",
                " Fin"
            ]
        );
    }

    #[test]
    fn sentences_keep_closing_quotes() {
        let t = "Il a dit «non.» Puis il est parti.";
        let s: Vec<&str> = sentences(t).iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(s, vec!["Il a dit «non.»", " Puis il est parti."]);
    }

    #[test]
    fn caseless_stems_find_the_longest_form_at_a_position() {
        let stems =
            CaselessStems::new(["évacu", "entretien", "entretien téléphonique", "tu"].into_iter());
        let at = |t: &str, i: usize| stems.longest_at(t.as_bytes(), i);
        assert_eq!(
            at("entretien téléphonique", 0),
            Some("entretien téléphonique".len())
        );
        assert_eq!(
            at("ENTRETIEN\u{a0}TÉLÉPHONIQUE", 0),
            Some("entretien\u{a0}téléphonique".len())
        );
        assert_eq!(at("Entretien", 0), Some(9));
        assert_eq!(at("un EnTrEtIeN", 3), Some(9));
        // Accented capitals: as written, capitalised or all capitals, not mixed.
        assert_eq!(at("Évacuation", 0), Some("évacu".len()));
        assert_eq!(at("ÉVACUATION", 0), Some("évacu".len()));
        assert_eq!(at("éVACUATION", 0), Some("évacu".len()));
        assert_eq!(at("évACU", 0), Some("évacu".len()));
        assert_eq!(at("entre", 0), None);
        // A stem shorter than the hashed prefix, and the end of the text.
        assert_eq!(at("tu", 0), Some(2));
        assert_eq!(at("Tue", 0), Some(2));
        assert_eq!(at("ent", 0), None);
        assert_eq!(at("x", 5), None);
    }
}
