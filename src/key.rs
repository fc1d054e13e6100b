//! Romanization keys: whole classes of spelling folded to one form, in names and in text alike.
//!
//! Why it exists: Arabic and Persian names reach English news under spellings no list can enumerate
//! (Kaabi/Kabi, Muqtada/Moqtada, Qais/Qays, Kadhimi/Kazimi, Mustafa/Mustapha, Hussein/Husayn). Instead of
//! generating every spelling of every name (which is what made big dictionaries slow), the folded text
//! and every folded name are brought to a *key* in which those differences vanish; the automaton holds
//! keys, and a hit is mapped back to the original text through the composed offset map (key byte →
//! folded byte → original character), where the usual checks (word boundaries, breaks, acronym case,
//! capital letters) verify it.
//!
//! The key works on runs of ASCII letters (romanized words) only; Arabic script, digits, spaces and
//! breaks pass through unchanged, so word boundaries and breaks are the fold's. Per word, left to right:
//! * the digraphs and letters of [`RULES`] (longest first): `ph`→`f`, `dh`/`z`→`d`, `q`→`k`, the vowel
//!   classes `ou`/`oo`/`o`→`u`, `ee`→`i` (`e` stays itself: merged with `a` it would make `Daesh` the
//!   English `dash` and `Sharaa` the English `share`);
//! * `y` after a vowel and before a consonant or the word's end is the vowel `i` (`Qays` = `Qais`);
//! * a letter written twice is written once (`Kaabi` = `Kabi`, `Sayyid` = `Sayid`, `-iyya` = `-iya`);
//! * a final `ia` is `iya` (`Shia` = `Shiya`).
//!
//! The function is pure and table-driven (one table, [`RULES`]), so it can be compiled ahead of time.
//!
//! Status: not yet wired into the matcher. Wired in (commit 23f1ae2 on wt/engine), it shrank the built-in
//! automaton from 8,332 to 2,636 patterns and found Kabi, Mustapha, Taqqadum, Ghani in the evaluation
//! corpus, but keying every byte of the text as a second pass after the fold doubled scan time (1 MB:
//! ~22 ms → ~40 ms). The way in is to key inside the fold's ASCII fast path (one pass, no second set of
//! maps) and to key only words that can be part of a name.
//! Keys only merge spellings: whether a merge turns an ordinary English word into a name is checked by
//! `tests/variants_english.rs` against a word list.

use crate::fold::Folded;

/// The rewrites of a romanized word, tried longest first at each position: (spelling, key).
pub const RULES: &[(&[u8], &[u8])] = &[
    (b"ph", b"f"),
    (b"dh", b"d"),
    (b"ou", b"u"),
    (b"oo", b"u"),
    (b"ee", b"i"),
    (b"z", b"d"),
    (b"q", b"k"),
    (b"o", b"u"),
];

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// [`RULES`] compiled at build time: the one-letter rules as a byte table (identity elsewhere), the
/// two-letter rules as a letter-by-letter table (0 where there is none).
const SINGLE: [u8; 256] = {
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
            t[(from[0] - b'a') as usize][(from[1] - b'a') as usize] = RULES[r].1[0];
        }
        r += 1;
    }
    t
};

/// Keys one folded word (ASCII lowercase letters) into `out`, calling `src(first, last, merged)` for each
/// key byte written, with the first and last index into the word of the letters it stands for, or with
/// `merged` for a letter merged into the byte before (`last` then extends that byte).
#[inline]
fn key_word(word: &[u8], out: &mut Vec<u8>, mut src: impl FnMut(Src)) {
    let start = out.len();
    let mut i = 0;
    while i < word.len() {
        let c = word[i];
        let next = word.get(i + 1).copied();
        let digraph = match next {
            Some(n) if n.is_ascii_lowercase() => DIGRAPH[(c - b'a') as usize][(n - b'a') as usize],
            _ => 0,
        };
        let (b, used) = if digraph != 0 {
            (digraph, 2)
        } else if c == b'y' {
            // `y` after a vowel and before a consonant or the word's end is the vowel `i`.
            let vowel_before = out.len() > start && is_vowel(out[out.len() - 1]);
            let consonant_after = next.is_none_or(|n| !is_vowel(n) && n != b'y');
            (
                if vowel_before && consonant_after {
                    b'i'
                } else {
                    c
                },
                1,
            )
        } else {
            (SINGLE[c as usize], 1)
        };
        // A letter written twice is written once (and stands for both).
        if out.len() > start && out[out.len() - 1] == b {
            src(Src::Merge(i + used - 1));
        } else {
            out.push(b);
            src(Src::New(i, i + used - 1));
        }
        i += used;
    }
    // A final `ia` is `iya`.
    let n = out.len();
    if n >= start + 3 && out[n - 2] == b'i' && out[n - 1] == b'a' && out[n - 3] != b'i' {
        out.insert(n - 1, b'y');
        src(Src::InsertBeforeLast);
    }
}

/// Whether the key of `word` (ASCII lowercase letters) changes letters only one for one: no two-letter
/// rule, no doubled letter, no `y`, no final `ia`. Such a word is keyed by [`SINGLE`] alone.
#[inline]
fn letter_for_letter(word: &[u8]) -> bool {
    let n = word.len();
    if n >= 2 && word[n - 2] == b'i' && word[n - 1] == b'a' {
        return false;
    }
    let mut prev = 0u8;
    for &c in word {
        if c == b'y' || c == prev || SINGLE[c as usize] == SINGLE[prev as usize] {
            return false;
        }
        if prev != 0 && DIGRAPH[(prev - b'a') as usize][(c - b'a') as usize] != 0 {
            return false;
        }
        prev = c;
    }
    true
}

/// What [`key_word`] wrote.
#[derive(Clone, Copy)]
enum Src {
    /// A new key byte standing for the word's letters `first..=last`.
    New(usize, usize),
    /// A letter (ending at this index) merged into the last key byte.
    Merge(usize),
    /// A byte inserted before the last one, standing for the same letters.
    InsertBeforeLast,
}

/// The key of folded text, with an offset map into the original the text was folded from.
///
/// ```
/// use factionlens::{fold::fold, key::key};
/// assert_eq!(key(&fold("Akram al-Kaabi")).as_str(), key(&fold("Akram al-Kabi")).as_str());
/// assert_eq!(key(&fold("Moqtada")).as_str(), key(&fold("Muqtada")).as_str());
/// assert_eq!(key(&fold("Qays; كتائب")).as_str(), "kais;كتايب");
/// ```
pub fn key(folded: &Folded) -> Folded {
    let text = folded.as_str().as_bytes();
    let (fmap, flast) = folded.maps();
    let mut out: Vec<u8> = Vec::with_capacity(text.len());
    let mut map: Vec<u32> = Vec::with_capacity(text.len());
    let mut last: Vec<u32> = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if text[i].is_ascii_lowercase() {
            let end = text[i..]
                .iter()
                .position(|b| !b.is_ascii_lowercase())
                .map_or(text.len(), |n| i + n);
            // A word glued to a non-ASCII letter or digit (`kataib2`, `حزبx`) is keyed all the same:
            // only its letters change.
            let word = &text[i..end];
            if letter_for_letter(word) {
                // Most words: one-letter rules only, so the maps are the fold's.
                out.extend(word.iter().map(|&c| SINGLE[c as usize]));
                map.extend_from_slice(&fmap[i..end]);
                last.extend_from_slice(&flast[i..end]);
            } else {
                key_word(word, &mut out, |s| match s {
                    Src::New(f, l) => {
                        map.push(fmap[i + f]);
                        last.push(flast[i + l]);
                    }
                    Src::Merge(l) => {
                        if let Some(x) = last.last_mut() {
                            *x = flast[i + l];
                        }
                    }
                    Src::InsertBeforeLast => {
                        let (m, l) = (map[map.len() - 1], last[last.len() - 1]);
                        map.insert(map.len() - 1, m);
                        last.insert(last.len() - 1, l);
                    }
                });
            }
            i = end;
        } else {
            // Everything up to the next lowercase ASCII letter passes through.
            let end = text[i..]
                .iter()
                .position(u8::is_ascii_lowercase)
                .map_or(text.len(), |n| i + n);
            out.extend_from_slice(&text[i..end]);
            map.extend_from_slice(&fmap[i..end]);
            last.extend_from_slice(&flast[i..end]);
            i = end;
        }
    }
    Folded::from_parts(
        String::from_utf8(out).expect("the key changes ASCII letters only"),
        map,
        last,
    )
}

/// The key of a folded name (see [`crate::fold::fold_name`]).
///
/// ```
/// assert_eq!(factionlens::key::key_name("mustapha al kazimi"), factionlens::key::key_name("mustafa al kadhimi"));
/// ```
pub fn key_name(folded: &str) -> String {
    let mut out = Vec::with_capacity(folded.len());
    for (n, part) in folded.split(' ').enumerate() {
        if n > 0 {
            out.push(b' ');
        }
        let b = part.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let end = b[i..]
                .iter()
                .position(|c| c.is_ascii_lowercase() != b[i].is_ascii_lowercase())
                .map_or(b.len(), |k| i + k);
            if b[i].is_ascii_lowercase() {
                key_word(&b[i..end], &mut out, |_| {});
            } else {
                out.extend_from_slice(&b[i..end]);
            }
            i = end;
        }
    }
    String::from_utf8(out).expect("the key changes ASCII letters only")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold;

    fn k(s: &str) -> String {
        key(&fold(s)).as_str().to_string()
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
        let f = fold(original);
        let kf = key(&f);
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
            assert_eq!(key_name(f.as_str().trim()), key(&f).as_str().trim(), "{s}");
        }
    }
}
