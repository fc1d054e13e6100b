//! The matcher's name entries, their strings in one arena.
//!
//! A big dictionary has hundreds of thousands of names, and each entry has three strings (the name as
//! written, folded, and the letters a case-sensitive name must show). As three `String`s per entry they
//! were the biggest part of a loaded 100k-entity dictionary (80 bytes an entry plus three allocations,
//! each with the allocator's own overhead; BENCHMARKS.md, "Names in one arena"). Here every string is
//! appended to one `String` and an entry keeps where its strings end: [`Names::get`] gives the same
//! fields as borrowed strings ([`NameEntry`]).

use super::NameKind;

/// One name of one entity, as written in the knowledge base: a view into [`Names`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameEntry<'a> {
    /// Index of the entity in the knowledge base.
    pub entity: u32,
    /// Which list it comes from.
    pub kind: NameKind,
    /// The name as written.
    pub text: &'a str,
    /// For case-sensitive names, the letters and digits the original text must show exactly.
    pub exact: Option<&'a str>,
    /// Whether the name is in Latin script (and so must be capitalized in text).
    pub latin: bool,
    /// Whether the entity is a person.
    pub person: bool,
    /// The name folded (see [`crate::fold::fold_name`]): a match whose text folds otherwise is a variant.
    pub folded: &'a str,
}

/// Where an entry's strings are in the arena: `text`, then `folded`, then `exact` (empty and `has_exact`
/// false for none), starting where the previous entry's end. The end of `text` and the lengths of the
/// other two: 24 bytes natively instead of 32 with three ends (a big dictionary has hundreds of
/// thousands of entries; BENCHMARKS.md, "A big dictionary's records and facts").
#[derive(Clone, Copy, Debug)]
struct Packed {
    text_end: usize,
    folded_len: u32,
    exact_len: u32,
    entity: u32,
    kind: NameKind,
    has_exact: bool,
    latin: bool,
    person: bool,
}

impl Packed {
    /// Where the entry's strings end (its exact string's end).
    #[inline]
    fn end(&self) -> usize {
        self.text_end + self.folded_len as usize + self.exact_len as usize
    }
}

/// Every name entry of a matcher (index = [`super::Candidate::name`]), the strings in one arena.
///
/// ```
/// use factionlens::matcher::{NameEntry, NameKind, Names};
/// let mut names = Names::default();
/// let entry = NameEntry {
///     entity: 7,
///     kind: NameKind::Acronym,
///     text: "KH",
///     exact: Some("KH"),
///     latin: true,
///     person: false,
///     folded: "kh",
/// };
/// assert_eq!(names.push(entry), 0);
/// assert_eq!(names.get(0), entry);
/// assert_eq!(names.len(), 1);
/// ```
#[derive(Clone, Default)]
pub struct Names {
    arena: String,
    entries: Vec<Packed>,
}

impl Names {
    /// Room for `n` entries.
    pub(crate) fn with_capacity(n: usize) -> Names {
        Names {
            arena: String::new(),
            entries: Vec::with_capacity(n),
        }
    }

    /// Room for `bytes` more bytes of strings (each entry's text, folded and exact, together).
    pub(crate) fn reserve_bytes(&mut self, bytes: usize) {
        self.arena.reserve(bytes);
    }

    /// Appends an entry; returns its index.
    ///
    /// Panics if its folded or exact string is 4 GiB or longer.
    pub fn push(&mut self, e: NameEntry<'_>) -> u32 {
        let exact = e.exact.unwrap_or("");
        let len = |s: &str| u32::try_from(s.len()).expect("a name shorter than 4 GiB");
        let (folded_len, exact_len) = (len(e.folded), len(exact));
        self.arena.push_str(e.text);
        let text_end = self.arena.len();
        self.arena.push_str(e.folded);
        self.arena.push_str(exact);
        self.entries.push(Packed {
            text_end,
            folded_len,
            exact_len,
            entity: e.entity,
            kind: e.kind,
            has_exact: e.exact.is_some(),
            latin: e.latin,
            person: e.person,
        });
        (self.entries.len() - 1) as u32
    }

    /// Entry `i`. Panics if there is none.
    #[inline]
    pub fn get(&self, i: usize) -> NameEntry<'_> {
        let p = &self.entries[i];
        let start = match i {
            0 => 0,
            _ => self.entries[i - 1].end(),
        };
        let folded_end = p.text_end + p.folded_len as usize;
        let exact_end = folded_end + p.exact_len as usize;
        assert!(exact_end <= self.arena.len());
        // SAFETY: `start <= text_end <= folded_end <= exact_end <= arena.len()` (asserted for the last),
        // and each is where `push` ended a whole string it appended (or 0): a character boundary. With
        // checked slices this was 4.8 % of a CLI scan's instructions (the resolver reads entries
        // often; BENCHMARKS.md, "Core scan speed").
        let slice = |a: usize, b: usize| unsafe { self.arena.get_unchecked(a..b) };
        NameEntry {
            entity: p.entity,
            kind: p.kind,
            text: slice(start, p.text_end),
            exact: p.has_exact.then(|| slice(folded_end, exact_end)),
            latin: p.latin,
            person: p.person,
            folded: slice(p.text_end, folded_end),
        }
    }

    /// Entry `i`'s entity, without reading its strings (as `get(i).entity`).
    #[inline]
    pub fn entity(&self, i: usize) -> u32 {
        self.entries[i].entity
    }

    /// Entry `i`'s kind, without reading its strings (as `get(i).kind`).
    #[inline]
    pub fn kind(&self, i: usize) -> NameKind {
        self.entries[i].kind
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every entry, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = NameEntry<'_>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Drops the room reserved beyond what is held (the tables are built once and kept).
    pub(crate) fn shrink_to_fit(&mut self) {
        self.arena.shrink_to_fit();
        self.entries.shrink_to_fit();
    }

    /// Heap memory held, in bytes.
    pub fn memory_usage(&self) -> usize {
        self.arena.capacity() + self.entries.capacity() * std::mem::size_of::<Packed>()
    }
}

impl std::fmt::Debug for Names {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<'a> IntoIterator for &'a Names {
    type Item = NameEntry<'a>;
    type IntoIter = Box<dyn ExactSizeIterator<Item = NameEntry<'a>> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry<'a>(text: &'a str, folded: &'a str, exact: Option<&'a str>) -> NameEntry<'a> {
        NameEntry {
            entity: text.len() as u32,
            kind: NameKind::Alias,
            text,
            exact,
            latin: text.is_ascii(),
            person: text.starts_with('A'),
            folded,
        }
    }

    #[test]
    fn entries_read_back_as_pushed() {
        // Empty strings at the start, in the middle and at the end of the arena; an empty exact that
        // is not the same as none.
        let given = [
            entry("", "", None),
            entry("Abu Fadak", "abu fadak", None),
            entry("KH", "kh", Some("KH")),
            entry("--", "", Some("")),
            entry("حماس", "حماس", None),
            entry("Asa'ib", "asaib", Some("Asaib")),
            entry("", "x", None),
        ];
        let mut names = Names::with_capacity(1);
        for (i, e) in given.iter().enumerate() {
            assert_eq!(names.push(*e), i as u32);
        }
        names.shrink_to_fit();
        assert_eq!(names.len(), given.len());
        for (i, e) in given.iter().enumerate() {
            assert_eq!(names.get(i), *e, "entry {i}");
        }
        assert!(names.iter().eq(given.iter().copied()));
        assert!((0..given.len())
            .all(|i| names.entity(i) == given[i].entity && names.kind(i) == given[i].kind));
        assert_eq!(names.get(3).exact, Some(""));
        assert_eq!(names.get(0).exact, None);
        assert!(Names::default().is_empty());
    }
}
