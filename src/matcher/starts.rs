//! A filter of where a key may start: the first bytes of every key, checked before the engine walks.
//!
//! The matcher asks its engine (the automaton, or the key index) for the longest key at every position
//! where a name may start: in English news, every word. Most words start no key, and the engine's
//! anchored walk costs about as much there as where one does (an automaton search's set-up, or the
//! index's hashing). A key starts at a position only if the text there begins with the key's first four
//! bytes (its whole self, for a shorter key): a few table look-ups tell that most positions start none,
//! and the engine walks only the rest (about a third of the words of English news; BENCHMARKS.md, "Core
//! scan speed"). The filter never refuses a position where a key starts (no false negatives), so the
//! matcher finds what it found without it.

/// Bit sets over the keys' prefixes: exact for the first two bytes of keys of one or two bytes; hashed
/// (a one-hash Bloom filter) for the first three and four bytes of longer keys.
#[derive(Clone, Debug)]
pub(crate) struct Starts {
    /// Bit `b0 << 8 | b1`: a key of one byte `b0`, or two bytes `b0 b1`, starts there.
    short: Vec<u64>,
    /// Bits by the hash of three bytes: a key of exactly three bytes.
    three: Vec<u64>,
    /// Bits by the hash of four bytes: the first four bytes of a key of four or more.
    four: Vec<u64>,
}

/// log2 of the bits of each hashed set: 8 KB each, in the first-level cache.
const BITS: u32 = 16;

/// The bit of a prefix read as a little-endian number (three or four bytes).
#[inline(always)]
fn bit(x: u32) -> usize {
    (x.wrapping_mul(0x9E37_79B1) >> (32 - BITS)) as usize
}

#[inline(always)]
fn set(v: &mut [u64], i: usize) {
    v[i / 64] |= 1 << (i % 64);
}

#[inline(always)]
fn get(v: &[u64], i: usize) -> bool {
    v[i / 64] & (1 << (i % 64)) != 0
}

/// Four bytes as a number; the missing ones (past the end) 0.
#[inline(always)]
fn word(b: &[u8]) -> u32 {
    let mut w = [0u8; 4];
    let n = b.len().min(4);
    w[..n].copy_from_slice(&b[..n]);
    u32::from_le_bytes(w)
}

impl Starts {
    /// The filter of `keys` (an empty key starts nothing: the matcher never finds one).
    pub(crate) fn new<'k>(keys: impl IntoIterator<Item = &'k [u8]>) -> Starts {
        let words = (1usize << BITS) / 64;
        let mut s = Starts {
            short: vec![0; words],
            three: vec![0; words],
            four: vec![0; words],
        };
        for k in keys {
            match k.len() {
                0 => {}
                1 => {
                    // Any second byte.
                    let b0 = usize::from(k[0]) << 8;
                    for b1 in 0..256 {
                        set(&mut s.short, b0 | b1);
                    }
                }
                2 => set(&mut s.short, usize::from(k[0]) << 8 | usize::from(k[1])),
                3 => set(&mut s.three, bit(word(k))),
                _ => set(&mut s.four, bit(word(k))),
            }
        }
        s
    }

    /// Whether a key may start at `hay[0]`, given the text from there on (`hay`, to the end of the
    /// span searched): false only where none does.
    #[inline(always)]
    pub(crate) fn may_start(&self, hay: &[u8]) -> bool {
        if hay.len() < 4 {
            return !hay.is_empty(); // near the end: the engine decides
        }
        let w = u32::from_le_bytes([hay[0], hay[1], hay[2], hay[3]]);
        get(&self.four, bit(w))
            || get(&self.three, bit(w & 0x00FF_FFFF))
            || get(&self.short, usize::from(hay[0]) << 8 | usize::from(hay[1]))
    }

    /// Heap memory used, in bytes.
    pub(crate) fn memory_usage(&self) -> usize {
        8 * (self.short.capacity() + self.three.capacity() + self.four.capacity())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// At every position of a text, the filter passes wherever a key starts (computed by comparing the
    /// bytes), and refuses most positions where none does.
    #[test]
    fn never_refuses_a_position_where_a_key_starts() {
        let keys: Vec<&[u8]> = vec![
            b"k",
            b"is",
            b"pmf",
            b"kataib hidbulah",
            b"al hashd",
            "الحشد".as_bytes(),
        ];
        let f = Starts::new(keys.iter().copied());
        let hay = "the k is pmf kataib hidbulah, al hashd, الحشد والحشد ka i pm kataxb".as_bytes();
        let (mut starts, mut refused) = (0, 0);
        for s in 0..hay.len() {
            let any = keys.iter().any(|k| hay[s..].starts_with(k));
            let pass = f.may_start(&hay[s..]);
            assert!(pass || !any, "{s}");
            starts += usize::from(any);
            refused += usize::from(!pass);
        }
        assert!(starts >= 8, "{starts}");
        // Not a vacuous pass: most positions are refused.
        assert!(refused > hay.len() / 2, "{refused} of {}", hay.len());
    }
}
