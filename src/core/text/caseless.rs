//! Caseless search: prefix and suffix tests, an automaton for words anywhere, and stems looked
//! for at word starts, all matching a word whatever its case.

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

#[cfg(test)]
mod tests {
    use super::*;

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
