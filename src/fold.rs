//! Text folding with an offset map back into the original.
//!
//! Names reach us in many forms: `Kata’ib`, `Kata'ib`, `KATAIB`, `Kataʾib`; `al-Hashd` and `al Hashd`;
//! `الحشد` with or without tashkeel, with `أ` or `ا`. Matching all of them against one alias list is only
//! practical if both the aliases and the article text are first brought to one *folded* form. Folding
//! changes lengths (apostrophes vanish, `ﬁ` becomes `fi`, tashkeel is dropped), so every folded byte
//! remembers which original character it came from: a match in the folded text maps back to an exact
//! span of the original, which is what users see highlighted.
//!
//! The fold, per character:
//! * Unicode compatibility decomposition (NFKD, from `unicode-normalization`), then every combining mark
//!   is dropped: Latin diacritics (`ā ḥ ṣ é` → `a h s e`), Arabic tashkeel, hamza on alef (`أ إ آ` → `ا`).
//!   Dropping marks after NFKD gives the same result as NFKC followed by mark removal.
//! * Lowercase (full Unicode case mapping).
//! * Apostrophe-like letters (`' ’ ‘ ` ´ ʿ ʾ ʼ ʻ`) are removed (`Kata'ib` → `kataib`); an English
//!   possessive `'s` becomes a word break (`Hezbollah's` → `hezbollah `).
//! * Arabic letters: `ٱ` → `ا`, `ى ی` → `ي`, `ک` → `ك`, `ة ھ ە` → `ه`; tatweel and invisible format
//!   characters (ZWJ, ZWNJ, bidi marks, soft hyphen) are removed.
//! * Every other character that is not a letter or digit (spaces, dashes, quotes, commas) becomes a
//!   single space; runs collapse to one space.
//! * Except the characters a name never runs across: brackets, sentence punctuation (`. ? ! ; : ؟ ؛`) and
//!   a blank line (two line breaks with only spaces between). They become `;` (a break), which no
//!   folded name contains, so no match crosses them. A single line break inside a paragraph, or a hyphen
//!   at a line end, is an ordinary space. A period right after a single letter (`U.S.`, `George W.`) is an
//!   abbreviation, not a sentence end: a space.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Text after folding, with a map from each folded byte to the original character it came from.
#[derive(Clone, Debug, Default)]
pub struct Folded {
    text: String,
    /// For every byte of `text`, the byte offset in the original of the character that produced it.
    map: Vec<u32>,
    /// For a transform that merges characters (see [`crate::key`]: `aa` → `a`), the original offset of
    /// the *last* character each byte stands for; empty when every byte stands for one character (`map`).
    last: Vec<u32>,
}

impl Folded {
    /// A folded text from its parts (for transforms of folded text that keep the map, see
    /// [`crate::key`]): `map` has one original offset per byte of `text`.
    pub(crate) fn from_parts(text: String, map: Vec<u32>, last: Vec<u32>) -> Folded {
        debug_assert_eq!(text.len(), map.len());
        debug_assert_eq!(text.len(), last.len());
        Folded { text, map, last }
    }

    /// The offset map and the last-character map (see [`Folded::last_source`]), as slices.
    pub(crate) fn maps(&self) -> (&[u32], &[u32]) {
        let last = if self.last.is_empty() {
            &self.map
        } else {
            &self.last
        };
        (&self.map, last)
    }

    /// The original byte offset of the last character folded byte `i` stands for (the one of
    /// [`Folded::source_offset`] unless a transform merged several).
    pub fn last_source(&self, i: usize) -> usize {
        self.last
            .get(i)
            .map_or(self.map[i] as usize, |&l| l as usize)
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original byte offset of the character that produced folded byte `i`.
    pub fn source_offset(&self, i: usize) -> usize {
        self.map[i] as usize
    }

    /// The first folded byte that comes from original byte `original` or later (the folded length if none).
    ///
    /// ```
    /// let f = factionlens::fold::fold("Kata’ib Hezbollah");
    /// assert_eq!(f.folded_offset("Kata’ib ".len()), "kataib ".len());
    /// ```
    pub fn folded_offset(&self, original: usize) -> usize {
        self.map.partition_point(|&m| (m as usize) < original)
    }

    /// Maps the folded byte range `fs..fe` (non-empty, on char boundaries of the folded text) back to a
    /// byte range of `original`, the text this was folded from. The range covers every original character
    /// that produced the folded range, plus any combining marks or invisible characters that directly
    /// follow it (they belong to its last letter).
    ///
    /// ```
    /// let original = "the Kata’ib Hezbollah’s drones";
    /// let folded = factionlens::fold::fold(original);
    /// let fs = folded.as_str().find("kataib hezbollah").unwrap();
    /// let (s, e) = folded.original_span(original, fs, fs + "kataib hezbollah".len());
    /// assert_eq!(&original[s..e], "Kata’ib Hezbollah");
    /// ```
    pub fn original_span(&self, original: &str, fs: usize, fe: usize) -> (usize, usize) {
        debug_assert!(fs < fe && fe <= self.text.len());
        let start = self.map[fs] as usize;
        let last = self.last_source(fe - 1);
        let mut end = last + original[last..].chars().next().map_or(0, char::len_utf8);
        for c in original[end..].chars() {
            if is_combining_mark(c) || is_ignorable(c) {
                end += c.len_utf8();
            } else {
                break;
            }
        }
        (start, end)
    }
}

/// Characters that fold to nothing: tatweel and invisible format characters.
#[inline]
fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{0640}' | '\u{00AD}' | '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// Apostrophe-like characters, including the Arabic-transliteration letters for ʿayn and hamza.
#[inline]
pub fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '’' | '‘' | '`' | '´' | 'ʿ' | 'ʾ' | 'ʼ' | 'ʻ' | '′' | 'ʹ' | 'ˈ'
    )
}

/// Arabic-script letter normalization applied after decomposition.
#[inline]
fn arabic_letter(c: char) -> char {
    match c {
        'ٱ' | 'ٲ' | 'ٳ' | 'ٵ' => 'ا',
        'ى' | 'ی' | 'ې' | 'ۍ' => 'ي',
        'ک' | 'ڪ' => 'ك',
        'ة' | 'ھ' | 'ە' | 'ۃ' => 'ه',
        _ => c,
    }
}

/// What a name never runs across: brackets and sentence punctuation (Latin, Arabic, full-width forms
/// arrive here already decomposed to these).
#[inline]
pub fn is_break(c: char) -> bool {
    matches!(
        c,
        '(' | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '.'
            | '?'
            | '!'
            | ';'
            | ':'
            | '؟'
            | '؛'
            | '。'
            | '\u{2029}'
    )
}

/// The folded form of a break (see [`is_break`]): no folded name contains it.
pub const BREAK: u8 = b';';

struct Out {
    text: Vec<u8>,
    map: Vec<u32>,
    /// A line break was folded since the last letter or digit (a second one is a blank line).
    newline: bool,
}

impl Out {
    #[inline]
    fn push(&mut self, c: char, src: usize) {
        self.newline = false;
        let mut buf = [0u8; 4];
        let enc = c.encode_utf8(&mut buf);
        self.text.extend_from_slice(enc.as_bytes());
        for _ in 0..enc.len() {
            self.map.push(src as u32);
        }
    }

    #[inline]
    fn space(&mut self, src: usize) {
        if self.text.last().is_some_and(|&b| b != b' ' && b != BREAK) {
            self.text.push(b' ');
            self.map.push(src as u32);
        }
    }

    /// A break: replaces a space just written, and absorbs the spaces after it.
    #[inline]
    fn brk(&mut self, src: usize) {
        match self.text.last() {
            Some(&b' ') => *self.text.last_mut().expect("non-empty") = BREAK,
            Some(&BREAK) | None => {}
            Some(_) => {
                self.text.push(BREAK);
                self.map.push(src as u32);
            }
        }
    }

    /// A separator character `c` (not a letter or digit) at original byte `src`; `initial` tells whether
    /// it is a period right after a lone letter (`U.S.`), an abbreviation rather than a sentence end.
    #[inline(always)]
    fn separator(&mut self, c: char, src: usize, initial: bool) {
        if c == '\n' {
            if self.newline {
                self.brk(src);
            } else {
                self.newline = true;
                self.space(src);
            }
        } else if is_break(c) && !(c == '.' && initial) {
            self.brk(src);
        } else {
            self.space(src);
        }
    }

    /// Whether the folded text ends in a single letter standing alone (`u` of `u s`): a period after it
    /// is an abbreviation.
    #[inline]
    fn ends_in_initial(&self) -> bool {
        let t = &self.text;
        let n = t.len();
        n >= 1 && t[n - 1].is_ascii_alphabetic() && (n == 1 || matches!(t[n - 2], b' ' | BREAK))
    }
}

/// Folds `text`. Offsets in the result map back into `text`.
///
/// Input longer than `u32::MAX` bytes is not supported (offsets are stored as `u32`); callers scan
/// such input in pieces (see [`crate::Lens::scan`]).
///
/// ```
/// use factionlens::fold::fold;
/// assert_eq!(fold("Kata’ib Ḥezbollah's").as_str(), "kataib hezbollah ");
/// assert_eq!(fold("al-Hashd  al–Shaabi").as_str(), "al hashd al shaabi");
/// assert_eq!(fold("بِالْحَشْدِ").as_str(), "بالحشد");
/// ```
pub fn fold(text: &str) -> Folded {
    let bytes = text.as_bytes();
    let mut out = Out {
        text: Vec::with_capacity(text.len()),
        map: Vec::with_capacity(text.len()),
        newline: false,
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII fast path: most news text is ASCII.
        if b < 0x80 && b != b'\'' && b != b'`' {
            if b.is_ascii_alphanumeric() {
                // A whole run of ASCII letters and digits at once: two exact-size extends the compiler
                // vectorizes, instead of two pushes per byte.
                let run = bytes[i..]
                    .iter()
                    .position(|c| !c.is_ascii_alphanumeric())
                    .map_or(bytes.len(), |n| i + n);
                out.text
                    .extend(bytes[i..run].iter().map(u8::to_ascii_lowercase));
                out.map.extend(i as u32..run as u32);
                out.newline = false;
                i = run;
            } else if b == b' ' {
                out.space(i); // the common case first
                i += 1;
            } else {
                let initial = b == b'.' && out.ends_in_initial();
                out.separator(b as char, i, initial);
                i += 1;
            }
            continue;
        }
        let c = text[i..].chars().next().expect("char boundary");
        let next = i + c.len_utf8();
        if is_apostrophe(c) {
            // An English possessive: a letter, the apostrophe, `s`, then a non-letter.
            let after_letter = out.text.last().is_some_and(|&p| p != b' ' && p != BREAK);
            if after_letter {
                let mut look = text[next..].chars();
                if matches!(look.next(), Some('s' | 'S'))
                    && !look.next().is_some_and(char::is_alphanumeric)
                {
                    out.space(i);
                    i = next + 1; // skip the `s`
                    continue;
                }
            }
            i = next;
            continue;
        }
        i = next;
        if is_ignorable(c) {
            continue;
        }
        let src = next - c.len_utf8();
        decompose_compatible(c, |d| {
            if is_combining_mark(d) {
                return;
            }
            let d = arabic_letter(d);
            if is_apostrophe(d) || is_ignorable(d) {
                // Checked before `is_alphanumeric`: tatweel and `ʼ` count as letters. They come out of
                // compatibility forms such as `ﹽ` (tatweel + shadda) and `ŉ` (`ʼn`): drop them.
            } else if d.is_alphanumeric() {
                for l in d.to_lowercase() {
                    if !is_combining_mark(l) {
                        out.push(l, src);
                    }
                }
            } else {
                out.separator(d, src, false);
            }
        });
    }
    let text = String::from_utf8(out.text).expect("the fold writes whole UTF-8 characters");
    Folded {
        text,
        map: out.map,
        last: Vec::new(),
    }
}

/// Folds a name (an alias from the knowledge base) for matching: [`fold`] without the offset map, trimmed.
///
/// ```
/// assert_eq!(factionlens::fold::fold_name(" Asa’ib Ahl al-Ḥaq "), "asaib ahl al haq");
/// ```
pub fn fold_name(name: &str) -> String {
    fold(name).text.trim().to_string()
}

/// Whether a character is Arabic script (the letter blocks the fold produces; defined in
/// [`crate::script`]).
pub use crate::script::is_arabic;

#[cfg(test)]
mod tests {
    use super::*;

    fn span_text<'a>(orig: &'a str, needle: &str) -> &'a str {
        let f = fold(orig);
        let fs = f.as_str().find(needle).expect("needle in folded");
        let (s, e) = f.original_span(orig, fs, fs + needle.len());
        &orig[s..e]
    }

    #[test]
    fn latin_case_quotes_dashes_diacritics() {
        assert_eq!(fold("KATAʾIB Hizbullāh").as_str(), "kataib hizbullah");
        assert_eq!(
            fold("“Coordination Framework”").as_str(),
            " coordination framework ".trim_start()
        );
        assert_eq!(
            fold("Syria–Jordan—border‐x").as_str(),
            "syria jordan border x"
        );
        assert_eq!(
            fold("Mohammed Shia’ al-Sūdānī").as_str(),
            "mohammed shia al sudani"
        );
        assert_eq!(fold("ﬁnance ＩＲＧＣ").as_str(), "finance irgc");
    }

    #[test]
    fn possessive_is_a_word_break_but_inner_apostrophe_is_dropped() {
        assert_eq!(
            fold("Kata'ib Hezbollah's sites").as_str(),
            "kataib hezbollah sites"
        );
        assert_eq!(fold("Iraq’s Central Bank").as_str(), "iraq central bank");
        assert_eq!(fold("Asa'ib").as_str(), "asaib");
        assert_eq!(fold("groups' leaders").as_str(), "groups leaders");
        assert_eq!(fold("ŉ").as_str(), "n"); // decomposes to `ʼn`
    }

    #[test]
    fn arabic_normalization() {
        assert_eq!(fold("أإآٱ").as_str(), "اااا");
        assert_eq!(fold("مصطفى").as_str(), "مصطفي");
        assert_eq!(fold("الكاظمیة").as_str(), "الكاظميه");
        // Persian keheh (U+06A9) is Arabic kaf (U+0643); the yeh with hamza above (U+0626) is yeh
        // (U+064A): written out by code point, not with the function under test.
        assert_eq!(
            fold("\u{06A9}\u{062A}\u{0627}\u{0626}\u{0628}").as_str(),
            "\u{0643}\u{062A}\u{0627}\u{064A}\u{0628}"
        );
        assert_eq!(fold("حـــزب").as_str(), "حزب");
        assert_eq!(fold("حِزْبُ اللّٰهِ").as_str(), "حزب الله");
        // Presentation forms that decompose to tatweel + a mark (PDF text): the tatweel goes too.
        assert_eq!(fold("اللﹽه ﳲ").as_str(), "الله ");
    }

    #[test]
    fn spans_point_into_the_original() {
        assert_eq!(
            span_text("The Kata’ib Hezbollah’s sites", "kataib hezbollah"),
            "Kata’ib Hezbollah"
        );
        assert_eq!(span_text("x Kadhimí y", "kadhimi"), "Kadhimí");
        assert_eq!(span_text("x Kadhimi\u{301} y", "kadhimi"), "Kadhimi\u{301}");
        assert_eq!(span_text("وَالْحَشْدِ الشَّعْبِيِّ", "الحشد الشعبي"), "الْحَشْدِ الشَّعْبِيِّ");
        assert_eq!(span_text("a ﬁnance b", "finance"), "ﬁnance");
    }

    #[test]
    fn brackets_sentence_punctuation_and_blank_lines_are_breaks() {
        assert_eq!(fold("Corps's (IRGC) Quds").as_str(), "corps;irgc;quds");
        assert_eq!(fold("Kataib. Hezbollah").as_str(), "kataib;hezbollah");
        assert_eq!(fold("a: b; c? d! e").as_str(), "a;b;c;d;e");
        assert_eq!(fold("كتائب؟ حزب").as_str(), "كتايب;حزب");
        assert_eq!(fold("Kataib\n\nHezbollah").as_str(), "kataib;hezbollah");
        assert_eq!(
            fold("Kataib \r\n \r\n Hezbollah").as_str(),
            "kataib;hezbollah"
        );
        // One line break, or a hyphen at a line end, is a space.
        assert_eq!(fold("Kataib\nHezbollah").as_str(), "kataib hezbollah");
        assert_eq!(fold("al-\nHashd").as_str(), "al hashd");
        // Abbreviations with periods are not sentence ends.
        assert_eq!(fold("the U.S. Treasury").as_str(), "the u s treasury");
        assert_eq!(fold("George W. Bush").as_str(), "george w bush");
        assert_eq!(fold("in Iraq. Kataib").as_str(), "in iraq;kataib");
        // Full-width forms decompose to the ASCII breaks.
        assert_eq!(fold("a（b）").as_str(), "a;b;");
    }

    #[test]
    fn map_has_one_entry_per_folded_byte() {
        for s in [
            "",
            "abc",
            "Ḥ’ﬁ ال😀\u{0}",
            "x\u{200D}y",
            "'s",
            "’",
            "a. (b)\n\n c",
        ] {
            let f = fold(s);
            assert_eq!(f.map.len(), f.text.len(), "{s:?}");
            for &m in &f.map {
                assert!(s.is_char_boundary(m as usize));
            }
        }
    }
}
