//! A hash index of the automaton's keys, for big dictionaries: it finds what the Aho-Corasick automaton
//! finds, without building one.
//!
//! Building `aho-corasick`'s automaton over a 100k-entity dictionary's ~300k keys takes most of the load
//! time and memory (its failure transitions, then the copy into the contiguous NFA; BENCHMARKS.md). But a
//! name only matches where a word starts (or behind Arabic proclitics: [`super::boundary_ok`]), so the
//! matcher never needs the automaton's power to find keys starting anywhere: at each position where a
//! match may start, it walks the text forward, hashing as it goes, and looks each prefix up in a hash
//! table of the keys. A bit set of every key's prefixes (a one-hash Bloom filter) stops the walk as soon
//! as no key starts with what was read. Building is one pass over the keys' bytes.
//!
//! [`KeyIndex::longest_at`] gives the longest key starting at a position, which is what a
//! leftmost-longest automaton reports for its leftmost hit: the matcher runs the same acceptance rules on
//! either (a test checks both give the same matches on a generated dictionary and text).

/// The keys, a hash table over them and a filter of their prefixes.
#[derive(Clone, Debug)]
pub(crate) struct KeyIndex {
    /// Every key's bytes, one after another; key `p` is `bytes[ends[p - 1]..ends[p]]` (from 0 for `p = 0`).
    bytes: Vec<u8>,
    ends: Vec<u32>,
    /// Open addressing: `slots[i]` is a key's index plus one, 0 for an empty slot.
    slots: Vec<u32>,
    /// The low 32 bits of each key's hash, compared before its bytes.
    hashes: Vec<u32>,
    /// One bit per hash of every prefix of every key (the keys themselves included).
    prefixes: Vec<u64>,
    /// The longest key, in bytes.
    max_len: usize,
}

const SEED: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a, one byte on: a prefix's hash extends to the next byte in O(1), so a walk hashes as it reads.
#[inline]
fn step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
}

/// Spreads a hash's bits over its top bits, for table indexes.
#[inline]
fn mix(h: u64) -> u64 {
    (h ^ (h >> 29)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

impl KeyIndex {
    /// The index of `keys` (distinct; key `p` gets index `p`).
    pub(crate) fn new(keys: &[String]) -> KeyIndex {
        let total: usize = keys.iter().map(String::len).sum();
        let mut bytes = Vec::with_capacity(total);
        let mut ends = Vec::with_capacity(keys.len());
        let mut hashes = Vec::with_capacity(keys.len());
        let slot_bits = (keys.len() * 2).next_power_of_two().max(2).trailing_zeros();
        let mut slots = vec![0u32; 1 << slot_bits];
        // About 8 bits per prefix: a walk past a prefix no key has goes on one byte in eight.
        let prefix_bits = (total * 8).next_power_of_two().max(64).trailing_zeros();
        let mut prefixes = vec![0u64; (1usize << prefix_bits) / 64];
        let mut max_len = 0;
        for (p, k) in keys.iter().enumerate() {
            let mut h = SEED;
            for &b in k.as_bytes() {
                h = step(h, b);
                let bit = (mix(h) >> (64 - prefix_bits)) as usize;
                prefixes[bit / 64] |= 1 << (bit % 64);
            }
            bytes.extend_from_slice(k.as_bytes());
            ends.push(bytes.len() as u32);
            hashes.push(h as u32);
            max_len = max_len.max(k.len());
            let mask = slots.len() - 1;
            let mut i = (mix(h) >> (64 - slot_bits)) as usize;
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = p as u32 + 1;
        }
        KeyIndex {
            bytes,
            ends,
            slots,
            hashes,
            prefixes,
            max_len,
        }
    }

    fn key(&self, p: usize) -> &[u8] {
        let start = if p == 0 { 0 } else { self.ends[p - 1] as usize };
        &self.bytes[start..self.ends[p] as usize]
    }

    /// Whether some key may start with the bytes whose hash is `h` (false: none does).
    #[inline]
    fn may_prefix(&self, h: u64) -> bool {
        let bits = (self.prefixes.len() * 64).trailing_zeros();
        let bit = (mix(h) >> (64 - bits)) as usize;
        self.prefixes[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The key equal to `s`, whose hash is `h`.
    #[inline]
    fn get(&self, h: u64, s: &[u8]) -> Option<u32> {
        let bits = self.slots.len().trailing_zeros();
        let mask = self.slots.len() - 1;
        let mut i = (mix(h) >> (64 - bits)) as usize;
        loop {
            let p = self.slots[i];
            if p == 0 {
                return None;
            }
            let k = (p - 1) as usize;
            if self.hashes[k] == h as u32 && self.key(k) == s {
                return Some(k as u32);
            }
            i = (i + 1) & mask;
        }
    }

    /// The longest key that `hay[start..until]` starts with, and where it ends in `hay`.
    pub(crate) fn longest_at(&self, hay: &str, start: usize, until: usize) -> Option<(u32, usize)> {
        let b = hay.as_bytes();
        let end = until.min(start + self.max_len).min(b.len());
        let mut h = SEED;
        let mut best = None;
        for i in start..end {
            h = step(h, b[i]);
            if !self.may_prefix(h) {
                break;
            }
            // Only whole characters: a key is a string.
            if hay.is_char_boundary(i + 1) {
                if let Some(p) = self.get(h, &b[start..i + 1]) {
                    best = Some((p, i + 1));
                }
            }
        }
        best
    }

    /// Every key, in index order (to build the automaton from: see `Warming`).
    pub(crate) fn keys(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.ends.len()).map(|p| self.key(p))
    }

    /// Heap memory used, in bytes.
    pub(crate) fn memory_usage(&self) -> usize {
        self.bytes.capacity()
            + 4 * (self.ends.capacity() + self.slots.capacity() + self.hashes.capacity())
            + 8 * self.prefixes.capacity()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_key_at_a_position() {
        let keys: Vec<String> = ["kataib", "kataib hezbollah", "hamas", "حماس"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let ix = KeyIndex::new(&keys);
        let hay = "kataib hezbollah said; hamas and حماس";
        assert_eq!(ix.longest_at(hay, 0, hay.len()), Some((1, 16)));
        // Bounded: the longer key does not fit.
        assert_eq!(ix.longest_at(hay, 0, 10), Some((0, 6)));
        assert_eq!(ix.longest_at(hay, 1, hay.len()), None);
        let h = hay.find("hamas").unwrap();
        assert_eq!(ix.longest_at(hay, h, hay.len()), Some((2, h + 5)));
        let a = hay.find("حماس").unwrap();
        assert_eq!(ix.longest_at(hay, a, hay.len()), Some((3, hay.len())));
        assert_eq!(KeyIndex::new(&[]).longest_at(hay, 0, hay.len()), None);
        let back: Vec<&[u8]> = ix.keys().collect();
        let want: Vec<&[u8]> = keys.iter().map(|k| k.as_bytes()).collect();
        assert_eq!(back, want);
    }
}
