//! A small tokenizer for French date expressions: words are classified once (months, weekdays,
//! keywords, number words) so the matchers compare enums, not strings.
//!
//! Tokens keep byte offsets into the original text; the tokenizer allocates one `Vec` per call
//! and a single reusable lower-case buffer.

use crate::core::text;
use std::sync::LazyLock;

/// Keywords that matter to date expressions (lower case, accents optional where writers drop them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kw {
    Le,
    La,
    Les,
    L,
    Ce,
    Cet,
    Cette,
    Du,
    De,
    D,
    Des,
    Au,
    Aux,
    En,
    A,
    Et,
    Ou,
    Depuis,
    Des2,
    Debut,
    Fin,
    Mi,
    Courant,
    Mois,
    Dernier,
    Prochain,
    Passe,
    Hier,
    Aujourd,
    Hui,
    Demain,
    Avant,
    Apres,
    Veille,
    Lendemain,
    Semaine,
    Semaines,
    An,
    Ans,
    Annee,
    Annees,
    Jour,
    Jours,
    Il,
    Y,
    Week,
    End,
    Weekend,
    Er,
    Premier,
    Nuit,
    Entre,
    Matin,
    Soir,
    Jusqu,
    Ici,
    Partir,
    Saison,
    Plus,
    Moins,
    Pres,
    Environ,
    Quelque,
    Au2,
    Dans,
    Ci,
    Cours,
    Pour,
    Durant,
    Vers,
    Trimestre,
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum K {
    /// A month name, 1..=12.
    Month(u8),
    /// A month abbreviation (`janv`, `févr`, `déc`), 1..=12; needs a `.` or a year to count.
    Abbr(u8),
    /// A weekday, 0 = Monday.
    Wd(u8),
    /// A number word (`trois`, `dix`). `sept` is also checked as a month abbreviation.
    NumWord(u32),
    /// A keyword.
    Kw(Kw),
    /// Any other word.
    Word,
    /// A run of ASCII digits: value (saturating) and number of digits.
    Num(u32, u8),
    /// Any other non-space character.
    P(char),
}

/// One token with its byte range.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub s: usize,
    pub e: usize,
    pub k: K,
    /// First letter upper case.
    pub cap: bool,
    /// The whitespace before this token contains a line break (or it is the first token).
    pub nl: bool,
}

/// Every word that matters, lower case.
const WORDS: &[(&str, K)] = &[
    ("janvier", K::Month(1)),
    ("février", K::Month(2)),
    ("fevrier", K::Month(2)),
    ("mars", K::Month(3)),
    ("avril", K::Month(4)),
    ("mai", K::Month(5)),
    ("juin", K::Month(6)),
    ("juillet", K::Month(7)),
    ("août", K::Month(8)),
    ("aout", K::Month(8)),
    ("septembre", K::Month(9)),
    ("octobre", K::Month(10)),
    ("novembre", K::Month(11)),
    ("décembre", K::Month(12)),
    ("decembre", K::Month(12)),
    ("janv", K::Abbr(1)),
    ("févr", K::Abbr(2)),
    ("fevr", K::Abbr(2)),
    ("fév", K::Abbr(2)),
    ("fev", K::Abbr(2)),
    ("avr", K::Abbr(4)),
    ("juil", K::Abbr(7)),
    ("oct", K::Abbr(10)),
    ("nov", K::Abbr(11)),
    ("déc", K::Abbr(12)),
    ("dec", K::Abbr(12)),
    ("lundi", K::Wd(0)),
    ("mardi", K::Wd(1)),
    ("mercredi", K::Wd(2)),
    ("jeudi", K::Wd(3)),
    ("vendredi", K::Wd(4)),
    ("samedi", K::Wd(5)),
    ("dimanche", K::Wd(6)),
    ("un", K::NumWord(1)),
    ("une", K::NumWord(1)),
    ("deux", K::NumWord(2)),
    ("trois", K::NumWord(3)),
    ("quatre", K::NumWord(4)),
    ("cinq", K::NumWord(5)),
    ("six", K::NumWord(6)),
    ("sept", K::NumWord(7)),
    ("huit", K::NumWord(8)),
    ("neuf", K::NumWord(9)),
    ("dix", K::NumWord(10)),
    ("onze", K::NumWord(11)),
    ("douze", K::NumWord(12)),
    ("treize", K::NumWord(13)),
    ("quatorze", K::NumWord(14)),
    ("quinze", K::NumWord(15)),
    ("seize", K::NumWord(16)),
    ("vingt", K::NumWord(20)),
    ("trente", K::NumWord(30)),
    ("quarante", K::NumWord(40)),
    ("cinquante", K::NumWord(50)),
    ("soixante", K::NumWord(60)),
    ("cent", K::NumWord(100)),
    ("le", K::Kw(Kw::Le)),
    ("la", K::Kw(Kw::La)),
    ("les", K::Kw(Kw::Les)),
    ("l", K::Kw(Kw::L)),
    ("ce", K::Kw(Kw::Ce)),
    ("cet", K::Kw(Kw::Cet)),
    ("cette", K::Kw(Kw::Cette)),
    ("du", K::Kw(Kw::Du)),
    ("de", K::Kw(Kw::De)),
    ("d", K::Kw(Kw::D)),
    ("des", K::Kw(Kw::Des)),
    ("dès", K::Kw(Kw::Des2)),
    ("au", K::Kw(Kw::Au)),
    ("aux", K::Kw(Kw::Aux)),
    ("en", K::Kw(Kw::En)),
    ("à", K::Kw(Kw::A)),
    ("a", K::Kw(Kw::A)),
    ("et", K::Kw(Kw::Et)),
    ("ou", K::Kw(Kw::Ou)),
    ("depuis", K::Kw(Kw::Depuis)),
    ("début", K::Kw(Kw::Debut)),
    ("debut", K::Kw(Kw::Debut)),
    ("fin", K::Kw(Kw::Fin)),
    ("mi", K::Kw(Kw::Mi)),
    ("courant", K::Kw(Kw::Courant)),
    ("mois", K::Kw(Kw::Mois)),
    ("dernier", K::Kw(Kw::Dernier)),
    ("dernière", K::Kw(Kw::Dernier)),
    ("derniere", K::Kw(Kw::Dernier)),
    ("derniers", K::Kw(Kw::Dernier)),
    ("dernières", K::Kw(Kw::Dernier)),
    ("dernieres", K::Kw(Kw::Dernier)),
    ("prochain", K::Kw(Kw::Prochain)),
    ("prochaine", K::Kw(Kw::Prochain)),
    ("prochains", K::Kw(Kw::Prochain)),
    ("prochaines", K::Kw(Kw::Prochain)),
    ("passé", K::Kw(Kw::Passe)),
    ("passée", K::Kw(Kw::Passe)),
    ("passee", K::Kw(Kw::Passe)),
    ("hier", K::Kw(Kw::Hier)),
    ("aujourd", K::Kw(Kw::Aujourd)),
    ("hui", K::Kw(Kw::Hui)),
    ("demain", K::Kw(Kw::Demain)),
    ("avant", K::Kw(Kw::Avant)),
    ("après", K::Kw(Kw::Apres)),
    ("apres", K::Kw(Kw::Apres)),
    ("veille", K::Kw(Kw::Veille)),
    ("lendemain", K::Kw(Kw::Lendemain)),
    ("semaine", K::Kw(Kw::Semaine)),
    ("semaines", K::Kw(Kw::Semaines)),
    ("an", K::Kw(Kw::An)),
    ("ans", K::Kw(Kw::Ans)),
    ("année", K::Kw(Kw::Annee)),
    ("annee", K::Kw(Kw::Annee)),
    ("années", K::Kw(Kw::Annees)),
    ("annees", K::Kw(Kw::Annees)),
    ("jour", K::Kw(Kw::Jour)),
    ("jours", K::Kw(Kw::Jours)),
    ("il", K::Kw(Kw::Il)),
    ("y", K::Kw(Kw::Y)),
    ("week", K::Kw(Kw::Week)),
    ("end", K::Kw(Kw::End)),
    ("weekend", K::Kw(Kw::Weekend)),
    ("er", K::Kw(Kw::Er)),
    ("premier", K::Kw(Kw::Premier)),
    ("nuit", K::Kw(Kw::Nuit)),
    ("entre", K::Kw(Kw::Entre)),
    ("matin", K::Kw(Kw::Matin)),
    ("soir", K::Kw(Kw::Soir)),
    ("jusqu", K::Kw(Kw::Jusqu)),
    ("ici", K::Kw(Kw::Ici)),
    ("partir", K::Kw(Kw::Partir)),
    ("printemps", K::Kw(Kw::Saison)),
    ("été", K::Kw(Kw::Saison)),
    ("automne", K::Kw(Kw::Saison)),
    ("hiver", K::Kw(Kw::Saison)),
    ("plus", K::Kw(Kw::Plus)),
    ("moins", K::Kw(Kw::Moins)),
    ("près", K::Kw(Kw::Pres)),
    ("pres", K::Kw(Kw::Pres)),
    ("environ", K::Kw(Kw::Environ)),
    ("quelque", K::Kw(Kw::Quelque)),
    ("aussi", K::Kw(Kw::Au2)),
    ("dans", K::Kw(Kw::Dans)),
    ("ci", K::Kw(Kw::Ci)),
    ("cours", K::Kw(Kw::Cours)),
    ("pour", K::Kw(Kw::Pour)),
    ("durant", K::Kw(Kw::Durant)),
    ("pendant", K::Kw(Kw::Durant)),
    ("vers", K::Kw(Kw::Vers)),
    ("trimestre", K::Kw(Kw::Trimestre)),
    ("semestre", K::Kw(Kw::Trimestre)),
];

/// Longest word of the lexicon in bytes: longer words are never looked up.
const MAX_WORD: usize = 12;

/// The lexicon as an open-addressing table of words packed into integers (bytes, then the
/// length in the top byte): a lookup is a multiply, a shift and integer compares, with no
/// byte-by-byte hashing and no string compare. Empty slots hold 0 (no word packs to 0).
struct Lexicon {
    keys: Box<[u128]>,
    kinds: Box<[K]>,
    shift: u32,
}

/// `w` packed into an integer; `None` for words longer than [`MAX_WORD`].
fn pack(w: &[u8]) -> Option<u128> {
    if w.is_empty() || w.len() > MAX_WORD {
        return None;
    }
    let mut a = [0u8; 16];
    a[..w.len()].copy_from_slice(w);
    a[15] = w.len() as u8;
    Some(u128::from_le_bytes(a))
}

impl Lexicon {
    fn new() -> Lexicon {
        let slots = (WORDS.len() * 4).next_power_of_two();
        let mut lex = Lexicon {
            keys: vec![0; slots].into_boxed_slice(),
            kinds: vec![K::Word; slots].into_boxed_slice(),
            shift: 64 - slots.trailing_zeros(),
        };
        for (w, k) in WORDS {
            let key = pack(w.as_bytes()).expect("lexicon words are short");
            let mut i = lex.slot(key);
            while lex.keys[i] != 0 && lex.keys[i] != key {
                i = (i + 1) & (slots - 1);
            }
            lex.keys[i] = key;
            lex.kinds[i] = *k;
        }
        lex
    }
    fn slot(&self, key: u128) -> usize {
        let x = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        (x.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }
    fn get(&self, w: &str) -> K {
        let Some(key) = pack(w.as_bytes()) else {
            return K::Word;
        };
        let mask = self.keys.len() - 1;
        let mut i = self.slot(key);
        loop {
            match self.keys[i] {
                0 => return K::Word,
                k if k == key => return self.kinds[i],
                _ => i = (i + 1) & mask,
            }
        }
    }
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::new);

fn classify(w: &str) -> K {
    LEXICON.get(w)
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’' || c == 'ʼ'
}

/// Splits `text` into tokens. Letters (with inner apostrophes split off), digit runs, and single
/// punctuation characters; whitespace is skipped but line breaks are remembered.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::with_capacity(text.len() / 5 + 4);
    let mut buf = String::with_capacity(32);
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut nl = true;
    while i < text.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            let s = i;
            let mut v: u32 = 0;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                v = v
                    .saturating_mul(10)
                    .saturating_add((bytes[i] - b'0') as u32);
                i += 1;
            }
            let nd = (i - s).min(255) as u8;
            out.push(Tok {
                s,
                e: i,
                k: K::Num(v, nd),
                cap: false,
                nl,
            });
            nl = false;
            continue;
        }
        if b < 0x80 {
            if b == b'\n' || b == b'\r' {
                nl = true;
                i += 1;
                continue;
            }
            if b.is_ascii_whitespace() {
                i += 1;
                continue;
            }
            if b.is_ascii_alphabetic() {
                i = word(text, i, &mut buf, &mut out, &mut nl);
                continue;
            }
            out.push(Tok {
                s: i,
                e: i + 1,
                k: K::P(b as char),
                cap: false,
                nl,
            });
            nl = false;
            i += 1;
            continue;
        }
        // Non-ASCII: decode one char.
        let c = match text[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        let l = c.len_utf8();
        if text::is_alphabetic(c) {
            i = word(text, i, &mut buf, &mut out, &mut nl);
        } else if c.is_whitespace() {
            if c == '\u{2028}' || c == '\u{2029}' || c == '\u{85}' {
                nl = true;
            }
            i += l;
        } else {
            out.push(Tok {
                s: i,
                e: i + l,
                k: K::P(c),
                cap: false,
                nl,
            });
            nl = false;
            i += l;
        }
    }
    out
}

/// Reads one word starting at `start` (an alphabetic char) and pushes its token.
fn word(text: &str, start: usize, buf: &mut String, out: &mut Vec<Tok>, nl: &mut bool) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    let mut upper = false;
    // ASCII fast path: most words of a French text are plain ASCII, most are lower case.
    while end < bytes.len() && bytes[end].is_ascii_alphabetic() {
        upper |= bytes[end].is_ascii_uppercase();
        end += 1;
    }
    let (k, cap) = if end < bytes.len() && bytes[end] >= 0x80 || end == start {
        // Some non-ASCII letter: walk chars.
        buf.clear();
        end = start;
        let mut cap = false;
        for (k, c) in text[start..].char_indices() {
            if !text::is_alphabetic(c) {
                break;
            }
            if k == 0 {
                cap = c.is_uppercase();
            }
            end = start + k + c.len_utf8();
            if buf.len() <= MAX_WORD {
                text::push_lowercase_char(buf, c);
            }
        }
        (classify(buf), cap)
    } else if end - start > MAX_WORD {
        (K::Word, bytes[start].is_ascii_uppercase())
    } else if upper {
        buf.clear();
        buf.push_str(&text[start..end]);
        buf.make_ascii_lowercase();
        (classify(buf), bytes[start].is_ascii_uppercase())
    } else {
        (classify(&text[start..end]), false)
    };
    out.push(Tok {
        s: start,
        e: end,
        k,
        cap,
        nl: *nl,
    });
    *nl = false;
    end
}

/// True when the char is an apostrophe (straight or typographic).
pub(crate) fn apostrophe(c: char) -> bool {
    is_apostrophe(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_offsets_and_classes() {
        let t = tokenize("Le 1er février 2019, aujourd’hui à 15h30");
        let kinds: Vec<K> = t.iter().map(|t| t.k).collect();
        assert_eq!(kinds[0], K::Kw(Kw::Le));
        assert_eq!(kinds[1], K::Num(1, 1));
        assert_eq!(kinds[2], K::Kw(Kw::Er));
        assert_eq!(kinds[3], K::Month(2));
        assert_eq!(kinds[4], K::Num(2019, 4));
        assert_eq!(kinds[6], K::Kw(Kw::Aujourd));
        assert_eq!(kinds[7], K::P('’'));
        assert_eq!(kinds[8], K::Kw(Kw::Hui));
        for tok in &t {
            assert!("Le 1er février 2019, aujourd’hui à 15h30".is_char_boundary(tok.s));
        }
        assert!(t[0].cap && t[0].nl && !t[1].nl);
    }

    #[test]
    fn the_lexicon_finds_its_words_and_nothing_else() {
        for (w, k) in WORDS {
            assert_eq!(classify(w), *k, "{w}");
        }
        for w in [
            "",
            "x",
            "janvie",
            "janvierr",
            "lundis",
            "deuxième",
            "abcdefghijklmnop",
            "Mars",
        ] {
            assert_eq!(classify(w), K::Word, "{w}");
        }
    }

    #[test]
    fn huge_numbers_saturate() {
        let t = tokenize("99999999999999999999");
        assert_eq!(t.len(), 1);
        assert!(matches!(t[0].k, K::Num(u32::MAX, 20)));
    }
}
