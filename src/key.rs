//! Romanization keys: whole classes of spelling folded to one form, in names and in text alike.
//!
//! Why it exists: Arabic and Persian names reach English news under spellings no list can enumerate
//! (Kaabi/Kabi, Muqtada/Moqtada, Qais/Qays, Kadhimi/Kazimi, Mustafa/Mustapha, Hussein/Husayn). Instead of
//! generating every spelling of every name (which is what made big dictionaries slow), the folded text
//! and every folded name are brought to a *key* in which those differences vanish; the automaton holds
//! keys, and a hit is mapped back to the original text through the fold's offset map (a key byte maps to
//! the first letter it stands for; a span's end extends over the letters merged into its last byte),
//! where the usual checks (word boundaries, breaks, acronym case, capital letters) verify it.
//!
//! The key works on runs of ASCII letters (romanized words) only; Arabic script, digits, spaces and
//! breaks pass through unchanged, so word boundaries and breaks are the fold's. Per word:
//! * the one-letter rules of [`RULES`] on every letter: `z`→`d`, `q`→`k`, `o`→`u`;
//! * then left to right the two-letter rules: `ph`→`f`, `dh`→`d`, `kh`→`k`, `ee`→`i` (`e` stays itself:
//!   merged with `a` it would make `Daesh` the English `dash` and `Sharaa` the English `share`);
//! * `y` after a vowel and before a consonant or the word's end is the vowel `i` (`Qays` = `Qais`);
//! * a letter written twice is written once (`Kaabi` = `Kabi`, `Sayyid` = `Sayid`, `ou` = `oo` = `u`,
//!   `-iyya` = `-iya`);
//! * a final `ia` is `iya` (`Shia` = `Shiya`).
//!
//! Pure and table-driven (one table, [`RULES`], compiled to byte tables at compile time), so it can be
//! compiled ahead of time. Names are keyed by [`key_name`] (in `matcher::tables`, after
//! `VariantRules::expand_forms`); text by [`crate::fold::fold_key`], which keys each word as the fold ends
//! it, in the same pass and the same offset map: its ASCII fast path writes the one-letter rules through
//! one table and watches every byte for a pair that needs more ([`Watch`]); only such words (about one in
//! six in English news) are compacted in place ([`key_word`]). Both call [`key_word`], so names and text key
//! alike by construction.
//!
//! Status: wired in. Names are expanded at the key level (`VariantRules::expand_keys`): the built-in
//! automaton holds 13,436 keys where the spelling rules give 51,478 folded spellings (`cargo run
//! --release --example startup`), and the evaluation corpus gains Kabi, Mustapha, Khadimi, Taqqadum,
//! Ghani. The key costs `key::compact` about 7.5M instructions per 1 MB scan; the scan as a whole is back
//! to the instructions it executed before the key (BENCHMARKS.md, "Romanization keys"). Levers left: a
//! search automaton built ahead of time (a DFA over the keys is about 41 MB and takes 250+ ms to build at
//! run time), an offset map that stores only
//! where the offset jumps instead of one `u32` per byte.
//! Keys only merge spellings: whether a merge turns an ordinary English word into a name is checked by
//! `tests/variants_english.rs` against a word list.

use crate::fold::BREAK;

/// The rewrites of a romanized word: one-letter rules first, over every letter; then the two-letter rules,
/// left to right over the result (so `ou` → `uu` → `u`, `oo` likewise): (spelling, key).
pub const RULES: &[(&[u8], &[u8])] = &[
    (b"z", b"d"),
    (b"q", b"k"),
    (b"o", b"u"),
    (b"ph", b"f"),
    (b"dh", b"d"),
    (b"ee", b"i"),
    (b"kh", b"k"),
];

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// [`RULES`] compiled at build time: the one-letter rules as a byte table (identity elsewhere, so bytes
/// that are no lowercase ASCII letter pass through), the two-letter rules as a letter-by-letter table
/// (0 where there is none).
pub(crate) const SINGLE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = i as u8;
        i += 1;
    }
    let mut r = 0;
    while r < RULES.len() {
        if RULES[r].0.len() == 1 {
            t[RULES[r].0[0] as usize] = RULES[r].1[0];
        }
        r += 1;
    }
    t
};

const DIGRAPH: [[u8; 26]; 26] = {
    let mut t = [[0u8; 26]; 26];
    let mut r = 0;
    while r < RULES.len() {
        let from = RULES[r].0;
        if from.len() == 2 {
            // A two-letter rule sees letters after the one-letter rules: its letters must be keys.
            assert!(SINGLE[from[0] as usize] == from[0] && SINGLE[from[1] as usize] == from[1]);
            t[(from[0] - b'a') as usize][(from[1] - b'a') as usize] = RULES[r].1[0];
        }
        r += 1;
    }
    t
};

/// The offset map that moves with the key's bytes: the fold's (one original offset per byte), or none
/// (names).
pub(crate) trait Offsets {
    /// Entry `to` takes the value of entry `from` (`to <= from`).
    fn copy(&mut self, to: usize, from: usize);
    /// A copy of entry `at` is inserted at `at`.
    fn dup(&mut self, at: usize);
    /// Only the first `len` entries are kept.
    fn truncate(&mut self, len: usize);
}

impl Offsets for () {
    fn copy(&mut self, _: usize, _: usize) {}
    fn dup(&mut self, _: usize) {}
    fn truncate(&mut self, _: usize) {}
}

impl Offsets for Vec<u32> {
    #[inline]
    fn copy(&mut self, to: usize, from: usize) {
        self[to] = self[from];
    }
    fn dup(&mut self, at: usize) {
        self.insert(at, self[at]);
    }
    #[inline]
    fn truncate(&mut self, len: usize) {
        Vec::truncate(self, len);
    }
}

/// Pairs of key bytes (by their low five bits, so a few non-letters alias letters: harmless) after which
/// a word needs [`compact`]: a doubled letter, a two-letter rule of [`RULES`], or `y` after a vowel.
/// Built at compile time from [`RULES`].
const PAIR: [u32; 32] = {
    let mut t = [0u32; 32];
    let mut i = 0;
    while i < 32 {
        t[i] |= 1 << i; // doubled
        i += 1;
    }
    // `y` after a vowel (the rule for `y` needs one before it).
    let vowels = b"aeiou";
    let mut v = 0;
    while v < vowels.len() {
        t[(vowels[v] & 31) as usize] |= 1 << (b'y' & 31);
        v += 1;
    }
    let mut r = 0;
    while r < RULES.len() {
        let from = RULES[r].0;
        if from.len() == 2 {
            t[(from[0] & 31) as usize] |= 1 << (from[1] & 31);
        }
        r += 1;
    }
    t
};

/// What the fold's ASCII fast path writes for a byte when it keys: lowercasing and the one-letter rules in
/// one table; 0 for a byte that is no ASCII letter or digit (the end of the run).
pub(crate) const LOWER_SINGLE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        if (i as u8).is_ascii_alphanumeric() {
            t[i] = SINGLE[(i as u8).to_ascii_lowercase() as usize];
        }
        i += 1;
    }
    t
};

/// Watches the bytes of a word as they are written (after [`single`]) and tells whether it needs more
/// than the one-letter rules: most words do not, and finding out costs a table look-up per byte, no
/// branch.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Watch {
    prev: u8,
    special: bool,
}

impl Watch {
    /// One more byte of the word.
    #[inline(always)]
    pub(crate) fn see(&mut self, b: u8) {
        self.special |= PAIR[(self.prev & 31) as usize] & (1 << (b & 31)) != 0;
        self.prev = b;
    }
}

/// Keys the word `text[start..]` in place, after [`single`] (the fold applies it as it writes), `watch`
/// having seen every byte of it (see [`Watch`]). A word here is what lies between two separators of the
/// fold (spaces, breaks): runs of lowercase ASCII letters in it (a romanized word, as the fold writes it)
/// change; every other byte (digits, Arabic script) passes through. `offs` moves with the bytes: a key
/// byte keeps the offset of the first letter it stands for (a merged letter leaves no entry of its own;
/// [`crate::fold::Folded::original_span`] extends a span over it).
///
/// Per run, left to right: the two-letter rules (`ph`→`f`, `dh`→`d`, `ee`→`i`); `y` after a vowel and
/// before a consonant or the run's end is the vowel `i` (`Qays` = `Qais`); a letter written twice is
/// written once (`Kaabi` = `Kabi`, `Sayyid` = `Sayid`, `ou` → `uu` → `u`); a word's final `ia` is `iya`
/// (`Shia` = `Shiya`).
///
/// This is the one key function: names ([`key_name`]) and text ([`crate::fold::fold_key`]) both go
/// through it, so they key alike by construction.
#[inline(always)]
pub(crate) fn key_word<O: Offsets>(text: &mut Vec<u8>, offs: &mut O, start: usize, watch: Watch) {
    let n = text.len();
    if watch.special || (n >= start + 3 && text[n - 2] == b'i' && text[n - 1] == b'a') {
        compact(text, offs, start);
    }
}

/// The rules of [`key_word`] beyond the one-letter rules, compacting `text[start..]` in place from the
/// first pair of bytes that needs one (before it, nothing changes).
#[inline(never)]
fn compact<O: Offsets>(text: &mut Vec<u8>, offs: &mut O, start: usize) {
    let n = text.len();
    let mut i = start;
    let mut prev = 0u8;
    while i < n && PAIR[(prev & 31) as usize] & (1 << (text[i] & 31)) == 0 {
        prev = text[i];
        i += 1;
    }
    let from = if i > start { i - 1 } else { start };
    // The run of letters `from` is in starts after the last other byte before it.
    let mut run = from;
    while run > start && text[run - 1].is_ascii_lowercase() {
        run -= 1;
    }
    let (mut r, mut w) = (from, from);
    let t = &mut text[..n];
    while r < n {
        let c = t[r];
        if !c.is_ascii_lowercase() {
            t[w] = c;
            offs.copy(w, r);
            w += 1;
            r += 1;
            run = w;
            continue;
        }
        let next = if r + 1 < n { t[r + 1] } else { 0 };
        let mut k = c;
        let mut used = 1;
        if next.is_ascii_lowercase() {
            let d = DIGRAPH[(c - b'a') as usize][(next - b'a') as usize];
            if d != 0 {
                k = d;
                used = 2;
            }
        }
        if used == 1 && c == b'y' {
            let vowel_before = w > run && is_vowel(t[w - 1]);
            let consonant_after = !next.is_ascii_lowercase() || !(is_vowel(next) || next == b'y');
            if vowel_before && consonant_after {
                k = b'i';
            }
        }
        if w == run || t[w - 1] != k {
            t[w] = k;
            offs.copy(w, r);
            w += 1;
        }
        r += used;
    }
    text.truncate(w);
    offs.truncate(w);
    // A final `ia` (after a letter other than `i`) is `iya`; the `y` takes the offset of the `a`.
    if w >= run + 3 && text[w - 2] == b'i' && text[w - 1] == b'a' && text[w - 3] != b'i' {
        text.insert(w - 1, b'y');
        offs.dup(w - 1);
    }
}

/// The key of a folded name (see [`crate::fold::fold_name`]): what [`crate::fold::fold_key`] makes of
/// the same text.
///
/// ```
/// use factionlens::key::key_name;
/// assert_eq!(key_name("mustapha al kazimi"), key_name("mustafa al kadhimi"));
/// assert_eq!(key_name("qays al khazaali"), "kais al kadali");
/// ```
pub fn key_name(folded: &str) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(folded.len() + 2);
    // Word by word, as the fold keys text: a word ends at a space or a break.
    for part in folded
        .as_bytes()
        .split_inclusive(|&b| b == b' ' || b == BREAK)
    {
        let (word, sep) = match part.split_last() {
            Some((&s, w)) if s == b' ' || s == BREAK => (w, Some(s)),
            _ => (part, None),
        };
        let start = out.len();
        let mut watch = Watch::default();
        out.extend(word.iter().map(|&b| {
            let k = SINGLE[b as usize];
            watch.see(k);
            k
        }));
        key_word(&mut out, &mut (), start, watch);
        out.extend(sep);
    }
    String::from_utf8(out).expect("the key changes ASCII letters only")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::{fold, fold_key};

    fn k(s: &str) -> String {
        fold_key(s).as_str().to_string()
    }

    #[test]
    fn spellings_of_one_name_share_a_key() {
        for group in [
            &["Kaabi", "Kabi", "Ka'abi"][..],
            &["Muqtada", "Moqtada", "Muktada"],
            &["Qais", "Qays", "Kais"],
            &["Kadhimi", "Kazimi", "Kadimi"],
            &["Mustafa", "Mustapha", "Moustafa"],
            &["Husain", "Husayn", "Hussain"],
            &["Sayyid", "Sayid"],
            &["Fayyadh", "Fayad", "Fayyad"],
            &["Shia", "Shiya"],
            &["Hashimiyya", "Hashimiya", "Hashimia"],
            &["Taqaddum", "Taqadum", "Takaddum", "Taqqadum"],
            &["Khorasani", "Khourasani"],
            &["Kadhimi", "Khadimi"],
            &["Ghaani", "Ghani"],
        ] {
            let keys: Vec<String> = group.iter().map(|s| k(s)).collect();
            assert!(keys.iter().all(|x| *x == keys[0]), "{group:?} → {keys:?}");
        }
        // Different names stay apart.
        assert_ne!(k("Sadr"), k("Sudani"));
        assert_ne!(k("Badr"), k("Bader Khan"));
    }

    #[test]
    fn only_romanized_words_change_and_offsets_compose() {
        let original = "Moqtada (مقتدى) 2024; Al-Kaabi’s";
        let kf = fold_key(original);
        assert_eq!(kf.as_str(), "muktada;مقتدي;2024;al kabi ");
        // English words stay apart from the names they resemble.
        assert_ne!(k("Daesh"), k("dash"));
        assert_ne!(k("Sharaa"), k("share"));
        // Every key byte maps into the original, in order; a key span maps to the original word.
        let ks = kf.as_str().find("kabi").unwrap();
        let (s, e) = kf.original_span(original, ks, ks + 4);
        assert_eq!(&original[s..e], "Kaabi");
        let (s, e) = kf.original_span(original, 0, "muktada".len());
        assert_eq!(&original[s..e], "Moqtada");
        let mut prev = 0;
        for i in 0..kf.as_str().len() {
            assert!(kf.source_offset(i) >= prev);
            prev = kf.source_offset(i);
        }
    }

    #[test]
    fn key_name_matches_the_key_of_text() {
        for s in [
            "Abu Fadak al-Muhammadawi",
            "Kata'ib Sayyid al-Shuhada",
            "IRGC-QF",
            "Liwa 313",
        ] {
            let f = fold(s);
            assert_eq!(
                key_name(f.as_str().trim()),
                fold_key(s).as_str().trim(),
                "{s}"
            );
        }
    }
}
