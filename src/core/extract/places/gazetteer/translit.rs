//! Phonetic keys for transliterated names (`Qamichli` and `Al Qamishli`), their consonant
//! skeletons (`Minbej` and `Manbij`), and the two indexes of the gazetteer built on them.

use super::{Gazetteer, NameFlag, Source};
use crate::core::model::PlaceKind;
use rustc_hash::FxHashMap;

/// Countries whose place names reach French through transliteration (Arabic, Persian, Pashto,
/// Kurdish, Russian and other Cyrillic, Turkic): their names are also indexed by a phonetic key.
const TRANSLIT_COUNTRIES: &[&str] = &[
    "SY", "IQ", "IR", "AF", "PK", "TR", "LB", "JO", "PS", "IL", "SA", "YE", "OM", "AE", "QA", "KW",
    "BH", "EG", "LY", "TN", "DZ", "MA", "SD", "MR", "SO", "DJ", "RU", "UA", "BY", "KZ", "UZ", "TM",
    "TJ", "KG", "AZ", "AM", "GE", "MD", "CY",
];

/// French articles and particles dropped by the transliteration key.
const ARTICLES: &[&str] = &[
    "al", "el", "al", "as", "ash", "ach", "ech", "ad", "ar", "at", "az", "an", "es", "ez", "ed",
    "er", "en", "et", "ul", "il", "l",
];

/// A phonetic key for transliterated names: French and English spellings of the same Arabic,
/// Persian, Russian or Turkish name get the same key (`Qamichli` / `Al Qamishli` → `kamishli`,
/// `Jisr al-Choughour` / `Jisr ash Shughur`, `Kirkouk` / `Kirkuk`, `Idleb` / `Idlib`).
///
/// Input is a folded name. Rules, in order: drop articles (`al`, `el`, `ash`…); `tch`→`ch`,
/// `dj`→`j`, `ou`/`oo`/`w`→`u`, `qu`/`q`/`ck`/`c` (hard)→`k`, `kh`→`k`, `gh`→`g`, `ph`→`f`,
/// `th`/`dh` → `t`/`d`, `ch`→`sh`, `y`/`e`→`i` (French `é`/`e` and English `i` for kasra),
/// remaining `h` dropped except in `sh`, doubled letters collapsed, final `e` dropped.
pub fn translit_key(folded: &str) -> String {
    let many = folded.split(' ').filter(|w| !w.is_empty()).nth(1).is_some();
    // Words are joined without spaces: transliterations split names differently
    // (`Mouadamyat al-Cham` / `Mu'addamiyat ash Sham`).
    let mut out = String::with_capacity(folded.len());
    for w in folded.split(' ').filter(|w| !w.is_empty()) {
        if !(many && ARTICLES.contains(&w)) {
            push_key_word(&mut out, w);
        }
    }
    out
}

/// Appends the key of one folded word to `out`: one pass over its characters, with no
/// allocation (this runs for every unknown capitalised word of every article).
fn push_key_word(out: &mut String, w: &str) {
    // French mute final e (Mayadine → Mayadin).
    let w = if w.len() > 3 && w.ends_with('e') {
        &w[..w.len() - 1]
    } else {
        w
    };
    // Doubled letters collapse within the word, so the first letter is never compared with
    // the previous word's last.
    let mut last: Option<char> = None;
    let mut push = |c: char| {
        if last != Some(c) {
            out.push(c);
        }
        last = Some(c);
    };
    let mut chars = w.chars();
    loop {
        let rest = chars.as_str();
        let Some(c) = chars.next() else {
            break;
        };
        let mut ahead = rest[c.len_utf8()..].chars();
        let n = ahead.next();
        let n2 = ahead.next();
        // Two- and three-letter spellings: what they become and how many letters they take.
        let digraph: Option<(&str, usize)> = match (c, n, n2) {
            ('t', Some('c'), Some('h')) => Some(("sh", 3)),
            ('d', Some('j'), _) => Some(("j", 2)),
            ('o', Some('u'), _) | ('o', Some('o'), _) => Some(("u", 2)),
            ('q', Some('u'), _) | ('c', Some('k'), _) | ('k', Some('h'), _) => Some(("k", 2)),
            ('g', Some('h'), _) => Some(("g", 2)),
            ('p', Some('h'), _) => Some(("f", 2)),
            ('t', Some('h'), _) => Some(("t", 2)),
            ('d', Some('h'), _) => Some(("d", 2)),
            ('c', Some('h'), _) | ('s', Some('h'), _) => Some(("sh", 2)),
            ('z', Some('h'), _) => Some(("j", 2)),
            _ => None,
        };
        if let Some((key, taken)) = digraph {
            key.chars().for_each(&mut push);
            // The first letter is already consumed; the others are ASCII.
            for _ in 1..taken {
                chars.next();
            }
            continue;
        }
        match c {
            'q' | 'c' => push('k'),
            'w' => push('u'),
            'y' | 'e' => push('i'),
            'h' => {}
            _ => push(c),
        }
    }
}

/// The consonant skeleton of a transliteration key (`minbij` and `manbij` → `mnbj`): a fallback
/// for names whose vowels vary between transliterations; only trusted with country context.
pub fn skeleton_key(key: &str) -> String {
    key.chars()
        .filter(|c| !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | ' '))
        .collect()
}

impl Gazetteer {
    /// Indexes the places of [`TRANSLIT_COUNTRIES`] by the transliteration key and the
    /// consonant skeleton of each of their names.
    pub(super) fn build_translit(&mut self) {
        let mut translit: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        let mut skeleton: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        for info in &self.names {
            if info.flag != NameFlag::Place {
                continue;
            }
            for r in &info.places {
                let p = &self.places[r.place as usize];
                if p.kind == PlaceKind::Country || !TRANSLIT_COUNTRIES.contains(&p.country.as_str())
                {
                    continue;
                }
                // GeoNames alternates written in lower case are machine romanisations of
                // Arabic, Persian or Chinese script, mostly without vowels (`stat` for Settat,
                // `mhr`): as phonetic keys they meet ordinary words (`State`, `More`).
                if r.lower_initial && self.sources.get(r.place as usize) == Some(&Source::GeoNames)
                {
                    continue;
                }
                let key = translit_key(&info.folded);
                if key.len() < 3 {
                    continue;
                }
                let sk = skeleton_key(&key);
                let v = translit.entry(key).or_default();
                if !v.contains(&r.place) {
                    v.push(r.place);
                }
                if sk.len() >= 3 {
                    let v = skeleton.entry(sk).or_default();
                    if !v.contains(&r.place) {
                        v.push(r.place);
                    }
                }
            }
        }
        self.translit = translit;
        self.skeleton = skeleton;
    }

    /// Places whose transliteration key ([`translit_key`]) equals that of `folded`.
    pub fn by_translit(&self, folded: &str) -> &[u32] {
        self.translit
            .get(&translit_key(folded))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Places whose consonant skeleton equals that of `folded`.
    pub fn by_skeleton(&self, folded: &str) -> &[u32] {
        self.skeleton
            .get(&skeleton_key(&translit_key(folded)))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::text::fold_name;

    #[test]
    fn translit_keys_match_french_and_english_spellings() {
        let k = |s: &str| translit_key(&fold_name(s));
        assert_eq!(k("Qamichli"), k("Al Qamishli"));
        assert_eq!(k("Saraqeb"), k("Saraqib"));
        assert_eq!(k("Jisr al-Choughour"), k("Jisr ash Shughur"));
        assert_eq!(k("Mayadine"), k("Al Mayadin"));
        assert_eq!(k("Kirkouk"), k("Kirkuk"));
        assert_eq!(k("Idleb"), k("Idlib"));
        assert_eq!(k("Sotchi"), k("Sochi"));
        assert_ne!(k("Minbej"), k("Manbij"));
        assert_eq!(skeleton_key(&k("Minbej")), skeleton_key(&k("Manbij")));
        assert_ne!(k("Homs"), k("Hama"));
    }
}
