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
    /// log2 of the number of bits in `prefixes`, and of `slots.len()`.
    prefix_bits: u32,
    slot_bits: u32,
    /// The longest key, in bytes.
    max_len: usize,
}

/// Whether `count` keys of `total` bytes fit the index's 32-bit offsets (`ends`) and slot numbers (a
/// key's index plus one).
fn fits(total: usize, count: usize) -> bool {
    u32::try_from(total).is_ok() && count < u32::MAX as usize
}

/// About 8 bits per prefix for `total` bytes of keys: a walk past a prefix no key has goes on one byte
/// in eight.
fn default_prefix_bits(total: usize) -> u32 {
    total
        .saturating_mul(8)
        .checked_next_power_of_two()
        .map_or(usize::BITS - 1, usize::trailing_zeros)
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

/// The length of the longest common prefix of `a` and `b`, compared eight bytes at a time.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let (a8, b8) = (a[..n].chunks_exact(8), b[..n].chunks_exact(8));
    let mut i = 0;
    for (x, y) in a8.zip(b8) {
        let d = u64::from_le_bytes(x.try_into().expect("8 bytes"))
            ^ u64::from_le_bytes(y.try_into().expect("8 bytes"));
        if d != 0 {
            return i + (d.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + a[i..n]
        .iter()
        .zip(&b[i..n])
        .take_while(|(x, y)| x == y)
        .count()
}

impl KeyIndex {
    /// The index of `keys` (distinct; key `p` gets index `p`), as [`KeyIndex::from_keys`] without taking
    /// them; `None` when they do not fit 32-bit offsets. For the tests.
    #[cfg(test)]
    pub(crate) fn new(keys: &[String]) -> Option<KeyIndex> {
        let total: usize = keys.iter().map(String::len).sum();
        KeyIndex::with_prefix_bits(keys, default_prefix_bits(total))
    }

    /// The index of `keys` (distinct; key `p` gets index `p`). An empty key is never found (a match is
    /// never empty; the matcher's tables have none). It takes the keys: each key's `String` is freed
    /// once its bytes are copied, and the keys' vector before the table and the filter are made, so the
    /// keys and the index are not both held whole (for a 100k-entity dictionary they were, at the
    /// load's peak: BENCHMARKS.md, "A big dictionary's records and facts"). The keys come back when
    /// they do not fit 32-bit offsets (4 GiB of keys, or 4G keys: see [`fits`]).
    pub(crate) fn from_keys(keys: Vec<String>) -> Result<KeyIndex, Vec<String>> {
        let total: usize = keys.iter().map(String::len).sum();
        if !fits(total, keys.len()) {
            return Err(keys);
        }
        let mut bytes = Vec::with_capacity(total);
        let mut ends = Vec::with_capacity(keys.len());
        for k in keys {
            bytes.extend_from_slice(k.as_bytes());
            // Fits: checked above.
            ends.push(bytes.len() as u32);
        }
        Ok(KeyIndex::from_arena(
            bytes,
            ends,
            default_prefix_bits(total),
        ))
    }

    /// [`KeyIndex::new`] with a filter of 2^`prefix_bits` bits (at least 64).
    #[cfg(test)]
    fn with_prefix_bits(keys: &[String], prefix_bits: u32) -> Option<KeyIndex> {
        let total: usize = keys.iter().map(String::len).sum();
        if !fits(total, keys.len()) {
            return None;
        }
        let mut bytes = Vec::with_capacity(total);
        let mut ends = Vec::with_capacity(keys.len());
        for k in keys {
            bytes.extend_from_slice(k.as_bytes());
            // Fits: checked above.
            ends.push(bytes.len() as u32);
        }
        Some(KeyIndex::from_arena(bytes, ends, prefix_bits))
    }

    /// The index of keys given as their bytes one after another and where each ends (key `p` is
    /// `bytes[ends[p - 1]..ends[p]]`, from 0 for `p = 0`), as a reader of stored keys has them: no key
    /// is copied into a string of its own (see `compiled::tables::from_bytes_indexed`). The keys are
    /// distinct, `ends` increasing and its last `bytes.len()`; both fit 32-bit offsets by construction.
    pub(crate) fn from_parts(bytes: Vec<u8>, ends: Vec<u32>) -> KeyIndex {
        debug_assert_eq!(ends.last().map_or(0, |&e| e as usize), bytes.len());
        let bits = default_prefix_bits(bytes.len());
        KeyIndex::from_arena(bytes, ends, bits)
    }

    /// The index of the keys in `bytes`, key `p` ending at `ends[p]` (which fit: see [`fits`]).
    fn from_arena(bytes: Vec<u8>, ends: Vec<u32>, prefix_bits: u32) -> KeyIndex {
        let prefix_bits = prefix_bits.clamp(6, usize::BITS - 1);

        let mut hashes = Vec::with_capacity(ends.len());
        // At most half the slots full: a probe always reaches an empty slot, and soon.
        let slot_bits = (ends.len() * 2).next_power_of_two().max(2).trailing_zeros();
        let mut slots = vec![0u32; 1 << slot_bits];
        let mut prefixes = vec![0u64; (1usize << prefix_bits) / 64];
        let mut max_len = 0;
        let mut start = 0;
        // The hashes of the key before's prefixes (`states[i]`: its first `i + 1` bytes; stale past its
        // length). The bytes a key shares with the key before have the same prefixes, whose bits are
        // set: only the rest is hashed and set. Sorted keys share most (the built-in KB's keys 70 % of
        // their bytes: 96 K of 323 K hashed; issue 15, P4).
        let mut prev: &[u8] = &[];
        let mut states: Vec<u64> = Vec::new();
        for (p, &end) in ends.iter().enumerate() {
            let k = &bytes[start..end as usize];
            start = end as usize;
            let shared = common_prefix(k, prev);
            if states.len() < k.len() {
                states.resize(k.len(), SEED);
            }
            let mut h = if shared == 0 {
                SEED
            } else {
                states[shared - 1]
            };
            for (&b, state) in k[shared..].iter().zip(&mut states[shared..]) {
                h = step(h, b);
                let bit = (mix(h) >> (64 - prefix_bits)) as usize;
                prefixes[bit / 64] |= 1 << (bit % 64);
                *state = h;
            }
            prev = k;
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
            prefix_bits,
            slot_bits,
            max_len,
        }
    }

    /// The keys' bytes together.
    pub(crate) fn total_len(&self) -> usize {
        self.bytes.len()
    }

    fn key(&self, p: usize) -> &[u8] {
        let start = if p == 0 { 0 } else { self.ends[p - 1] as usize };
        &self.bytes[start..self.ends[p] as usize]
    }

    /// Whether some key may start with the bytes whose hash is `h` (false: none does).
    #[inline]
    fn may_prefix(&self, h: u64) -> bool {
        let bit = (mix(h) >> (64 - self.prefix_bits)) as usize;
        self.prefixes[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The key equal to `s`, whose hash is `h`.
    #[inline]
    fn get(&self, h: u64, s: &[u8]) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut i = (mix(h) >> (64 - self.slot_bits)) as usize;
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
        let end = until.min(start.saturating_add(self.max_len)).min(b.len());
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

    fn strings(keys: &[&str]) -> Vec<String> {
        keys.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn taking_the_keys_builds_the_same_index() {
        let keys = strings(&[
            "kataib hezbollah",
            "",
            "حزب الله",
            "k",
            "kataib",
            "asaib ahl al haq",
        ]);
        let (a, b) = (
            KeyIndex::new(&keys).unwrap(),
            KeyIndex::from_keys(keys.clone()).unwrap(),
        );
        assert_eq!(
            (&a.bytes, &a.ends, &a.slots, &a.hashes, &a.prefixes),
            (&b.bytes, &b.ends, &b.slots, &b.hashes, &b.prefixes)
        );
        assert_eq!(
            (a.prefix_bits, a.slot_bits, a.max_len),
            (b.prefix_bits, b.slot_bits, b.max_len)
        );
        assert!(b.keys().eq(keys.iter().map(String::as_bytes)));
        assert_eq!(b.longest_at("kataib hezbollah said", 0, 21), Some((0, 16)));
    }

    /// What `longest_at` must give, by trying every key: the longest key that `hay[start..until]`
    /// starts with (keys are distinct, so the longest is one key).
    fn reference(keys: &[String], hay: &str, start: usize, until: usize) -> Option<(u32, usize)> {
        let window =
            &hay.as_bytes()[start.min(hay.len())..until.min(hay.len()).max(start.min(hay.len()))];
        keys.iter()
            .enumerate()
            .filter(|(_, k)| !k.is_empty() && window.starts_with(k.as_bytes()))
            .max_by_key(|(_, k)| k.len())
            .map(|(p, k)| (p as u32, start + k.len()))
    }

    /// Every start and several ends of `hay` give what [`reference`] gives.
    fn agrees(ix: &KeyIndex, keys: &[String], hay: &str) {
        for start in (0..=hay.len()).filter(|&i| hay.is_char_boundary(i)) {
            for until in [hay.len(), start + 3, start + 7, start] {
                assert_eq!(
                    ix.longest_at(hay, start, until),
                    reference(keys, hay, start, until),
                    "at {start}..{until} of {hay:?}"
                );
            }
        }
    }

    #[test]
    fn the_longest_key_at_a_position() {
        let keys = strings(&["kataib", "kataib hezbollah", "hamas", "حماس"]);
        let ix = KeyIndex::new(&keys).unwrap();
        let hay = "kataib hezbollah said; hamas and حماس";
        assert_eq!(ix.longest_at(hay, 0, hay.len()), Some((1, 16)));
        // Bounded: the longer key does not fit.
        assert_eq!(ix.longest_at(hay, 0, 10), Some((0, 6)));
        // `until` is exclusive: a key ending exactly there fits, one byte short it does not.
        assert_eq!(ix.longest_at(hay, 0, 16), Some((1, 16)));
        assert_eq!(ix.longest_at(hay, 0, 15), Some((0, 6)));
        assert_eq!(ix.longest_at(hay, 0, 5), None);
        assert_eq!(ix.longest_at(hay, 1, hay.len()), None);
        let h = hay.find("hamas").unwrap();
        assert_eq!(ix.longest_at(hay, h, hay.len()), Some((2, h + 5)));
        let a = hay.find("حماس").unwrap();
        assert_eq!(ix.longest_at(hay, a, hay.len()), Some((3, hay.len())));
        let back: Vec<&[u8]> = ix.keys().collect();
        let want: Vec<&[u8]> = keys.iter().map(|k| k.as_bytes()).collect();
        assert_eq!(back, want);
        // At and past the end of the text.
        assert_eq!(ix.longest_at(hay, hay.len(), hay.len()), None);
        assert_eq!(ix.longest_at(hay, hay.len() + 4, usize::MAX), None);
        assert_eq!(
            KeyIndex::new(&[]).unwrap().longest_at(hay, 0, hay.len()),
            None
        );
        agrees(&ix, &keys, hay);
    }

    #[test]
    fn the_longest_key_may_be_longer_in_bytes_than_in_characters() {
        // The walk is bounded by the longest key in bytes: `كتائب حزب الله` has 14 characters but 26
        // bytes; bounded by characters, the walk would stop before its end and find the shorter key.
        let keys = strings(&["كتائب", "كتائب حزب الله"]);
        let ix = KeyIndex::new(&keys).unwrap();
        let hay = "وقالت كتائب حزب الله";
        let s = hay.find("كتائب").unwrap();
        assert_eq!(ix.longest_at(hay, s, hay.len()), Some((1, hay.len())));
        agrees(&ix, &keys, hay);
    }

    #[test]
    fn an_empty_key_is_never_found_and_moves_no_other_key() {
        let keys = strings(&["", "ab", "", "abc"]);
        let ix = KeyIndex::new(&keys).unwrap();
        assert_eq!(ix.longest_at("abc", 0, 3), Some((3, 3)));
        assert_eq!(ix.longest_at("ab c", 0, 4), Some((1, 2)));
        assert_eq!(ix.longest_at("x", 0, 1), None);
        assert_eq!(ix.longest_at("", 0, 0), None);
        agrees(&ix, &keys, "abcab xab abab");
    }

    #[test]
    fn keys_whose_hashes_share_the_compared_bits_are_told_apart_by_their_bytes() {
        // FNV-1a of these two agrees in the low 32 bits (the ones the table keeps) and, in a table of
        // two keys (four slots), in the slot: looking up the second reads the first one's entry first.
        let (a, b) = ("aufgy", "dctcd");
        let hash = |s: &str| s.bytes().fold(SEED, step);
        assert_eq!(hash(a) as u32, hash(b) as u32);
        assert_ne!(hash(a), hash(b));
        assert_eq!(mix(hash(a)) >> 62, mix(hash(b)) >> 62);
        let keys = strings(&[a, b]);
        let ix = KeyIndex::new(&keys).unwrap();
        assert_eq!(ix.slots.len(), 4);
        assert_eq!(ix.longest_at(b, 0, 5), Some((1, 5)));
        assert_eq!(ix.longest_at(a, 0, 5), Some((0, 5)));
        // A string with the same compared bits that is no key: none.
        let keys = strings(&[a]);
        let ix = KeyIndex::new(&keys).unwrap();
        assert_eq!(ix.longest_at(b, 0, 5), None);
    }

    /// Keys and text from a small alphabet (so keys share prefixes and the text is full of near
    /// misses), Latin and Arabic.
    fn generated(seed: u64, n: usize) -> (Vec<String>, String) {
        let mut x = seed;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        const LETTERS: [&str; 6] = ["a", "b", " ", "ك", "ت", "ab"];
        let mut word = |len: u64| -> String {
            (0..1 + len)
                .map(|_| LETTERS[next() as usize % LETTERS.len()])
                .collect()
        };
        let mut keys: Vec<String> = Vec::new();
        let mut i = 0u64;
        while keys.len() < n {
            let k = word(i % 7);
            if !keys.contains(&k) {
                keys.push(k);
            }
            i += 1;
        }
        let text = (0..60).map(|j| word(j % 9)).collect::<Vec<_>>().join("");
        (keys, text)
    }

    #[test]
    fn the_prefix_filter_costs_only_time() {
        for seed in [1, 7, 1234] {
            for n in [1, 2, 3, 5, 40, 300] {
                let (keys, text) = generated(seed, n);
                // The filter as built, and the smallest one (64 bits): with hundreds of prefixes every
                // bit is set, so it passes every walk to the longest key's length (false positives).
                let small = KeyIndex::with_prefix_bits(&keys, 0).unwrap();
                assert_eq!(small.prefixes.len(), 1);
                if n == 300 {
                    assert_eq!(
                        small.prefixes[0],
                        u64::MAX,
                        "seed {seed}: the filter is full"
                    );
                }
                agrees(&KeyIndex::new(&keys).unwrap(), &keys, &text);
                agrees(&small, &keys, &text);
            }
        }
    }

    #[test]
    fn the_common_prefix_is_where_the_bytes_first_differ() {
        let a: Vec<u8> = (0..40u8).collect();
        for len in 0..a.len() {
            for at in 0..=len {
                let mut b = a[..len].to_vec();
                if at < len {
                    b[at] ^= 0x40;
                }
                let want = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
                assert_eq!(common_prefix(&a, &b), want, "len {len}, at {at}");
                assert_eq!(common_prefix(&b, &a), want, "len {len}, at {at}");
            }
        }
    }

    #[test]
    fn the_filter_has_a_bit_for_every_prefix_and_no_other() {
        // The build hashes only what a key does not share with the key before: the filter and the
        // hashes must be those of hashing every prefix of every key from scratch, in any key order.
        for seed in [3, 99] {
            let (mut keys, _) = generated(seed, 300);
            for sorted in [false, true] {
                if sorted {
                    keys.sort();
                }
                let ix = KeyIndex::new(&keys).unwrap();
                let mut want = vec![0u64; ix.prefixes.len()];
                let mut hashes = Vec::new();
                for k in &keys {
                    for i in 1..=k.len() {
                        let h = k.as_bytes()[..i].iter().fold(SEED, |h, &b| step(h, b));
                        let bit = (mix(h) >> (64 - ix.prefix_bits)) as usize;
                        want[bit / 64] |= 1 << (bit % 64);
                    }
                    hashes.push(k.bytes().fold(SEED, step) as u32);
                }
                assert_eq!(ix.prefixes, want, "seed {seed}, sorted {sorted}");
                assert_eq!(ix.hashes, hashes, "seed {seed}, sorted {sorted}");
            }
        }
    }

    #[test]
    fn keys_beyond_32_bit_offsets_are_refused() {
        assert!(fits(0, 0));
        assert!(fits(u32::MAX as usize, 1000));
        assert!(fits(10, u32::MAX as usize - 1));
        // One more key would make a slot number (index + 1) wrap to 0, the empty slot.
        assert!(!fits(10, u32::MAX as usize));
        #[cfg(target_pointer_width = "64")]
        assert!(!fits(u32::MAX as usize + 1, 10));
    }
}
