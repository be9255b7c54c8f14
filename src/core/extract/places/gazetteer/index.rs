//! The name index: folded names and every word prefix of them, by hash, so the spotter finds
//! the longest name starting at a word with one lookup per word
//! ([`Gazetteer::longest_name`]).

use super::filter::WordFilter;
use super::{Gazetteer, NameFlag, NameInfo};

/// What the name index holds for a folded word sequence.
#[derive(Debug, Clone, Copy)]
pub(super) struct Slot {
    /// The name id, or [`NO_NAME`] when the sequence only starts longer names.
    name: u32,
    /// Some longer name starts with this sequence and a space.
    longer: bool,
    /// This name or a longer one, met in running text starting with a lower-case word, can
    /// matter: an adjective (`turque`), a longer lower-case name (`mer Noire`), a longer stop
    /// or macro phrase (they must still take their words from shorter names).
    lower: bool,
}

impl Slot {
    const EMPTY: Slot = Slot {
        name: NO_NAME,
        longer: false,
        lower: false,
    };
}

const NO_NAME: u32 = u32::MAX;

/// The key of a folded name or prefix in the name index.
#[inline]
pub(super) fn key_hash(folded: &str) -> u64 {
    key_hash_bytes(folded.as_bytes())
}

#[inline]
fn key_hash_bytes(b: &[u8]) -> u64 {
    crate::core::hash::hash64(b)
}

impl Gazetteer {
    /// The id of the folded name `folded`, a new name if it is none yet.
    pub(super) fn name_id(&mut self, folded: &str) -> u32 {
        if let Some(i) = self.name_index(folded) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(NameInfo {
            folded: folded.to_string(),
            ..Default::default()
        });
        let slot = self
            .by_folded
            .entry(key_hash(folded))
            .or_insert(Slot::EMPTY);
        if slot.name != NO_NAME {
            // Two folded names with one 64-bit hash: the later one stays unfindable.
            log::warn!("gazetteer: hash collision for {folded:?}");
        } else {
            slot.name = i;
        }
        i
    }

    /// The id of the folded name `folded`, if it is a name.
    #[inline]
    pub(super) fn name_index(&self, folded: &str) -> Option<u32> {
        self.by_folded
            .get(&key_hash(folded))
            .map(|s| s.name)
            .filter(|&n| self.is_name(n, folded))
    }

    /// True when name id `n` is the folded name `folded` (not a prefix slot, not a collision).
    #[inline]
    fn is_name(&self, n: u32, folded: &str) -> bool {
        self.is_name_bytes(n, folded.as_bytes())
    }

    #[inline]
    fn is_name_bytes(&self, n: u32, folded: &[u8]) -> bool {
        n != NO_NAME
            && self
                .names
                .get(n as usize)
                .is_some_and(|info| info.folded.as_bytes() == folded)
    }

    /// Indexes every word prefix of every multi-word name, so a lookup can tell whether a
    /// longer name may follow.
    pub(super) fn finish(&mut self) {
        // (key hash, lower, number of words)
        let mut prefixes: Vec<(u64, bool, usize)> = Vec::new();
        for n in &self.names {
            // A one-word name met in lower case is dropped by the spotter (no capital in it)
            // unless it is an adjective; longer ones may hold a capital (`mer Noire`) or be a
            // stop phrase that must take its words.
            let lower = n.adjective.is_some()
                || (n.folded.contains(' ')
                    && (n.flag != NameFlag::Place || n.places.iter().any(|r| r.lower_initial)));
            prefixes.extend(
                n.folded
                    .match_indices(' ')
                    .enumerate()
                    .map(|(k, (i, _))| (key_hash(&n.folded[..i]), lower, k + 1)),
            );
            if lower && let Some(slot) = self.by_folded.get_mut(&key_hash(&n.folded)) {
                slot.lower = true;
            }
        }
        let mut longer_keys: Vec<u64> = self
            .names
            .iter()
            .filter(|n| n.folded.contains(' '))
            .map(|n| key_hash(&n.folded))
            .collect();
        for (p, lower, words) in prefixes {
            let slot = self.by_folded.entry(p).or_insert(Slot::EMPTY);
            slot.longer = true;
            slot.lower |= lower;
            if words > 1 {
                longer_keys.push(p);
            }
        }
        longer_keys.sort_unstable();
        longer_keys.dedup();
        self.longer_keys = WordFilter::of_hashes(&longer_keys);
        self.build_first_word_filters();
    }

    /// The filters of the first words of the keys, and of those a lower-case word can start.
    fn build_first_word_filters(&mut self) {
        // Every key starts with the first word of some name, and that word is a key itself.
        let first_words: rustc_hash::FxHashSet<&str> = self
            .names
            .iter()
            .map(|n| n.folded.split(' ').next().unwrap_or(""))
            .collect();
        let lower_first: Vec<&str> = first_words
            .iter()
            .copied()
            .filter(|w| self.by_folded.get(&key_hash(w)).is_some_and(|s| s.lower))
            .collect();
        self.first_words = WordFilter::new(first_words.iter().copied());
        self.lower_first_words = WordFilter::new(lower_first.iter().copied());
    }

    /// The longest name made of whole words of the folded text `folded`, starting at byte
    /// `start` (a word start); `ends` are the end bytes of that word and of the words after it,
    /// in order. Returns how many words it spans and its name id (an index of
    /// [`Gazetteer::names`]). With `lower_case` (the first word is written in lower case),
    /// only names that can start that way are looked for (see `Slot::lower`). One hash
    /// lookup per word, stopping as soon as no longer name can follow.
    pub fn longest_name(
        &self,
        folded: &str,
        start: usize,
        ends: impl IntoIterator<Item = usize>,
        lower_case: bool,
    ) -> Option<(usize, u32)> {
        let mut ends = ends.into_iter().peekable();
        // Keys are compared as bytes: word ends are character boundaries already.
        let folded = folded.as_bytes();
        // Most calls end at the first word: the filter answers them without the big map.
        let first_hash = key_hash_bytes(folded.get(start..*ends.peek()?)?);
        let filter = if lower_case {
            &self.lower_first_words
        } else {
            &self.first_words
        };
        if !filter.may_contain(first_hash) {
            return None;
        }
        let mut best = None;
        for (i, end) in ends.enumerate() {
            let Some(key) = folded.get(start..end) else {
                break;
            };
            // The first word's hash is already known from the filter.
            let hash = if i == 0 {
                first_hash
            } else {
                let h = key_hash_bytes(key);
                if !self.longer_keys.may_contain(h) {
                    break;
                }
                h
            };
            let Some(slot) = self.by_folded.get(&hash) else {
                break;
            };
            if lower_case && !slot.lower {
                break;
            }
            if self.is_name_bytes(slot.name, key) {
                best = Some((i + 1, slot.name));
            }
            if !slot.longer {
                break;
            }
        }
        best
    }
}
