//! Fast, non-cryptographic hashing: one mixing step shared by the tagger's
//! feature ids, the gazetteer's keys, the hash maps and the content
//! fingerprints, so there is one definition of each.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// The starting state of every hash chain built from [`mix`].
pub const SEED: u64 = 0xcbf2_9ce4_8422_2325;
const K: u64 = 0x517c_c1b7_2722_0a95;

/// One FxHash-style multiply-rotate step: folds `x` into the state `h`.
#[inline(always)]
pub fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// A 64-bit hash of bytes, eight at a time, with a final avalanche so that
/// nearby inputs spread. For change detection and fingerprints, not
/// security. Read marks are keyed by this hash of a body: changing it
/// forgets every user's marks.
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = SEED ^ bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = mix(h, u64::from_le_bytes(c.try_into().expect("eight bytes")));
    }
    for &b in chunks.remainder() {
        h = mix(h, u64::from(b));
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// A [`Hasher`] built on [`mix`], for maps keyed by integers and short
/// strings (not for keys an attacker chooses in bulk).
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0, u64::from(b));
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.0 = mix(self.0, u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = mix(self.0, i);
    }
    fn write_usize(&mut self, i: usize) {
        self.0 = mix(self.0, i as u64);
    }
}

pub type FxBuild = BuildHasherDefault<FxHasher>;
pub type FxHashMap<K, V> = HashMap<K, V, FxBuild>;
pub type FxHashSet<K> = HashSet<K, FxBuild>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_bytes_sees_every_byte_and_the_length() {
        assert_ne!(hash_bytes(b"abcdefghij"), hash_bytes(b"abcdefghik"));
        assert_ne!(hash_bytes(b"abc"), hash_bytes(b"abd"));
        assert_ne!(hash_bytes(b""), hash_bytes(b"\0"));
        assert_eq!(hash_bytes(b"same"), hash_bytes(b"same"));
    }

    #[test]
    fn fingerprints_are_stable_across_versions() {
        // Read marks saved by earlier versions are keyed by this value.
        assert_eq!(hash_bytes(b"Khalifa Haftar"), 0x15e3_4db9_f678_4676);
    }
}
