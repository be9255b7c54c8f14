//! A fast 64-bit hash of byte strings, stable across runs and platforms: 8 bytes at a time,
//! each folded in with a full 64 x 64 -> 128-bit multiply (wyhash's mixing step). It hashes
//! every word of every text (the gazetteer's keys) and every article (dedup), so it must cost
//! well under an instruction a byte on long inputs; FNV-1a costs four.

const K1: u64 = 0x9e37_79b9_7f4a_7c15;
const K2: u64 = 0xbf58_476d_1ce4_e5b9;

fn mix(a: u64, b: u64) -> u64 {
    let m = u128::from(a) * u128::from(b);
    (m as u64) ^ ((m >> 64) as u64)
}

/// The hash of `b`. Changing it changes stored values (cached articles' content hashes):
/// bump the extractor version with it.
pub fn hash64(b: &[u8]) -> u64 {
    let mut h = mix(b.len() as u64 ^ K1, K2);
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().expect("chunks of 8"));
        h = mix(h ^ w, K1);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = 0u64;
        for (i, &x) in rest.iter().enumerate() {
            w |= u64::from(x) << (8 * i);
        }
        h = mix(h ^ w, K1);
    }
    mix(h, K2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_sensitive_to_every_byte_and_the_length() {
        // A fixed value: the hash is stored in caches and exported tables.
        assert_eq!(hash64(b"Idlib"), 6_999_038_845_054_517_387);
        let base = b"Le sommet de Sotchi, le 17 septembre 2018.".to_vec();
        let h = hash64(&base);
        for i in 0..base.len() {
            let mut v = base.clone();
            v[i] ^= 1;
            assert_ne!(hash64(&v), h, "byte {i}");
        }
        assert_ne!(hash64(b"ab"), hash64(b"ab\0"));
        assert_ne!(hash64(b""), hash64(b"\0"));
        let mut low_bits = std::collections::HashSet::new();
        for i in 0..1000u32 {
            low_bits.insert(hash64(format!("mot{i}").as_bytes()) & 0xfff);
        }
        assert!(low_bits.len() > 700, "low bits spread: {}", low_bits.len());
    }
}
