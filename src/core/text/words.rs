//! Folding and cutting into words in one pass: what the place spotter and the event triggers
//! read.

use super::folding::{fold_latin, is_word_char, push_folded_char};

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
    /// Exactly [`fold`](super::fold)'s text.
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

/// [`fold`](super::fold) and the words of the folded text in one pass, without a per-byte
/// offset map: the place spotter only ever asks for whole words.
pub fn fold_words(text: &str) -> FoldedWords {
    let bytes = text.as_bytes();
    let mut folder = WordFolder::new(text.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            folder.ascii(b, i);
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let start = i;
        i += c.len_utf8();
        folder.non_ascii(c, start, i);
    }
    folder.finish()
}

/// What [`fold_words`] carries from one character to the next.
struct WordFolder {
    /// The folded text so far.
    out: Vec<u8>,
    /// The words ended so far.
    words: Vec<FoldedWord>,
    /// The folding of one character, reused.
    buf: String,
    /// The word being read (its `fs` is set; `fe`, `oe` when it ends).
    cur: Option<FoldedWord>,
    /// A sentence break was seen since the last word.
    brk: bool,
    /// Where the last letter read ends in the original text.
    last_end: usize,
    /// A lowercase combining mark since the last letter (it counts once a letter follows).
    pending_lower: bool,
}

impl WordFolder {
    /// The state before a text of `len` bytes: the folded text is its leading space.
    #[inline]
    fn new(len: usize) -> WordFolder {
        let mut out = Vec::with_capacity(len + 1);
        out.push(b' ');
        WordFolder {
            out,
            words: Vec::with_capacity(len / 5 + 1),
            buf: String::new(),
            cur: None,
            brk: true,
            last_end: 0,
            pending_lower: false,
        }
    }

    /// Reads the ASCII byte `b`, at byte `at` of the text: a letter or digit, or a separator.
    #[inline]
    fn ascii(&mut self, b: u8, at: usize) {
        if !b.is_ascii_alphanumeric() {
            self.separator(b as char);
            return;
        }
        let fs = self.out.len();
        self.letter(fs, at, || b.is_ascii_uppercase(), || b.is_ascii_lowercase());
        self.out.push(b.to_ascii_lowercase());
        self.pending_lower = false;
        self.last_end = at + 1;
    }

    /// Reads the non-ASCII character `c`, at bytes `start..end` of the text: a letter, a lone
    /// combining mark or a separator.
    #[inline]
    fn non_ascii(&mut self, c: char, start: usize, end: usize) {
        let before = self.out.len();
        if let Some(f) = fold_latin(c) {
            self.out.push(f);
        } else if is_word_char(c) {
            self.push_folded(c);
            if self.out.len() == before {
                // A lone combining mark: part of the word only if another letter follows.
                self.pending_lower |= c.is_lowercase();
                return;
            }
        } else {
            self.separator(c);
            return;
        }
        self.letter(before, start, || c.is_uppercase(), || c.is_lowercase());
        self.pending_lower = false;
        self.last_end = end;
    }

    /// Appends the word characters of the folding of `c`.
    #[inline]
    fn push_folded(&mut self, c: char) {
        self.buf.clear();
        push_folded_char(c, &mut self.buf);
        for f in self.buf.chars().filter(|f| is_word_char(*f)) {
            let mut tmp = [0u8; 4];
            self.out
                .extend_from_slice(f.encode_utf8(&mut tmp).as_bytes());
        }
    }

    /// A letter or digit, folded from byte `fs` of the folded text, read from byte `os` of
    /// the original: it starts a word or goes on with the current one. `upper` and `lower`
    /// tell its case, each asked only when it matters.
    #[inline]
    fn letter(
        &mut self,
        fs: usize,
        os: usize,
        upper: impl FnOnce() -> bool,
        lower: impl FnOnce() -> bool,
    ) {
        match &mut self.cur {
            Some(w) => w.lower_rest |= self.pending_lower || lower(),
            None => {
                self.cur = Some(FoldedWord {
                    fs,
                    fe: 0,
                    os,
                    oe: 0,
                    cap: upper(),
                    lower_rest: false,
                    initial: std::mem::take(&mut self.brk),
                })
            }
        }
    }

    /// A character between words: it ends the current word and may break the sentence.
    #[inline]
    fn separator(&mut self, c: char) {
        if let Some(mut w) = self.cur.take() {
            (w.fe, w.oe) = (self.out.len(), self.last_end);
            self.words.push(w);
            self.out.push(b' ');
        }
        self.pending_lower = false;
        self.brk |= breaks_sentence(c);
    }

    /// The folded text and its words, the last word ended at the end of the text.
    fn finish(mut self) -> FoldedWords {
        if let Some(mut w) = self.cur.take() {
            (w.fe, w.oe) = (self.out.len(), self.last_end);
            self.words.push(w);
        }
        // Only whole UTF-8 sequences were pushed.
        let text = String::from_utf8(self.out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        FoldedWords {
            text,
            words: self.words,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::text::fold;

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
}
