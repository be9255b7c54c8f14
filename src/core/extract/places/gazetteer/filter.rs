//! The Bloom filter of words that spares the name index a lookup for most words of a text.

use super::index::key_hash;

/// A Bloom filter of words (two probes from one 64-bit hash): `false` means surely absent.
#[derive(Debug, Default)]
pub(super) struct WordFilter {
    bits: Vec<u64>,
    /// The bit count less one (the bit count is a power of two).
    mask: u64,
}

impl WordFilter {
    /// A filter for `words`, 8 to 16 bits a word: two probes then answer "maybe" for a few
    /// percent of absent words.
    pub(super) fn new<'a>(words: impl Iterator<Item = &'a str>) -> WordFilter {
        let hashes: Vec<u64> = words.map(key_hash).collect();
        WordFilter::of_hashes(&hashes)
    }

    /// A filter for the keys whose [`key_hash`]es are `hashes`.
    pub(super) fn of_hashes(hashes: &[u64]) -> WordFilter {
        let nbits = (hashes.len().max(1) * 8).next_power_of_two().max(64);
        let mut f = WordFilter {
            bits: vec![0; nbits / 64],
            mask: nbits as u64 - 1,
        };
        for &h in hashes {
            let (a, b) = f.probes(h);
            f.bits[(a >> 6) as usize] |= 1 << (a & 63);
            f.bits[(b >> 6) as usize] |= 1 << (b & 63);
        }
        f
    }

    /// The two bits of the word whose [`key_hash`] is `h`.
    #[inline]
    fn probes(&self, h: u64) -> (u64, u64) {
        // The multiply spreads the low bits into the high ones the second probe takes.
        let h2 = h.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (h & self.mask, (h2 >> 40) & self.mask)
    }

    /// `false` when the word whose [`key_hash`] is `h` was surely not among the words; an
    /// empty filter says "maybe".
    #[inline]
    pub(super) fn may_contain(&self, h: u64) -> bool {
        if self.bits.is_empty() {
            return true;
        }
        let (a, b) = self.probes(h);
        self.bits[(a >> 6) as usize] & (1 << (a & 63)) != 0
            && self.bits[(b >> 6) as usize] & (1 << (b & 63)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_filter_keeps_every_word_and_rejects_most_others() {
        let words: Vec<String> = (0..20_000).map(|i| format!("w{i}")).collect();
        let f = WordFilter::new(words.iter().map(String::as_str));
        let has = |w: &str| f.may_contain(key_hash(w));
        assert!(words.iter().all(|w| has(w)));
        let false_positives = (0..20_000).filter(|i| has(&format!("x{i}"))).count();
        assert!(false_positives < 2_000, "{false_positives} of 20 000");
        // No filter built: everything may be there (a gazetteer still being built).
        assert!(WordFilter::default().may_contain(key_hash("anything")));
    }
}
