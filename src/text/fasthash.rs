//! A fast hasher for the hot in-memory maps (doc ids while ranking candidates, the word
//! lists of the speaker finder): the multiply-rotate hash of rustc's `FxHasher`. Not
//! resistant to chosen keys, which is fine for keys that are our own ids and word lists;
//! SipHash, std's default, was a tenth of a check's time.

use std::hash::{BuildHasherDefault, Hasher};

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

#[derive(Debug, Default, Clone, Copy)]
pub struct FastHasher {
    hash: u64,
}

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or_default()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A string's hash as `FastHasher` takes its bytes: what the word tables compiled into the
/// binary are laid out by (the build script hashes their keys with this same file).
pub fn hash_str(s: &str) -> u64 {
    let mut h = FastHasher::default();
    h.write(s.as_bytes());
    h.finish()
}

/// `HashMap<K, V, FastHash>` / `HashSet<K, FastHash>`.
pub type FastHash = BuildHasherDefault<FastHasher>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn tells_words_and_ids_apart() {
        let words: HashSet<&str, FastHash> = ["said", "says", "told", "tells", "s", ""]
            .into_iter()
            .collect();
        assert!(words.contains("said") && words.contains("") && words.contains("s"));
        assert!(!words.contains("sai") && !words.contains("saidx") && !words.contains("Said"));
        let ids: HashSet<u32, FastHash> = (0..10_000).collect();
        assert_eq!(ids.len(), 10_000);
        assert!(ids.contains(&9_999) && !ids.contains(&10_000));
    }
}
