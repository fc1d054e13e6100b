//! [`List`]: the type of a record's lists that most records leave empty (roles, relations, countries,
//! weak aliases …).
//!
//! A `Vec` takes 24 bytes (12 in WebAssembly) even when empty, and [`super::EntityRecord`] had fourteen of
//! them: a big dictionary's records (a name, aliases and an acronym each) held by the hundred thousand
//! were mostly empty vectors (BENCHMARKS.md, "A big dictionary's records and facts"). A `List` is one
//! pointer, null when empty; a non-empty one points at its `Vec`. It reads as a slice, and serializes,
//! deserializes and compares as a `Vec` does.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::{Deref, DerefMut};

/// A list that is usually empty: a pointer, null when empty. Reads as a slice (`Deref<Target = [T]>`);
/// made from a `Vec` (`vec![…].into()`) or an iterator (`collect()`).
#[derive(Clone, PartialEq, Eq, Hash)]
// The box is the point: one pointer in the record instead of a `Vec`'s three words.
#[allow(clippy::box_collection)]
pub struct List<T>(Option<Box<Vec<T>>>);

impl<T> List<T> {
    /// An empty list (allocates nothing).
    pub const fn new() -> List<T> {
        List(None)
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        // Never `Some` of an empty vector: every constructor and `push` keep that.
        self.0.is_none()
    }

    /// Appends an item.
    pub fn push(&mut self, item: T) {
        self.0.get_or_insert_with(Box::default).push(item);
    }

    /// The items, as a slice.
    pub fn as_slice(&self) -> &[T] {
        self.0.as_deref().map_or(&[], Vec::as_slice)
    }

    /// The items, as a `Vec`.
    pub fn into_vec(self) -> Vec<T> {
        self.0.map_or_else(Vec::new, |v| *v)
    }
}

impl<T> Default for List<T> {
    fn default() -> List<T> {
        List::new()
    }
}

impl<T> From<Vec<T>> for List<T> {
    fn from(v: Vec<T>) -> List<T> {
        List((!v.is_empty()).then(|| Box::new(v)))
    }
}

impl<T> From<List<T>> for Vec<T> {
    fn from(l: List<T>) -> Vec<T> {
        l.into_vec()
    }
}

impl<T> FromIterator<T> for List<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> List<T> {
        List::from(iter.into_iter().collect::<Vec<T>>())
    }
}

impl<T> Deref for List<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        self.as_slice()
    }
}

impl<T> DerefMut for List<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        self.0.as_deref_mut().map_or(&mut [], Vec::as_mut_slice)
    }
}

impl<'a, T> IntoIterator for &'a List<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl<T> IntoIterator for List<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.into_vec().into_iter()
    }
}

impl<T: fmt::Debug> fmt::Debug for List<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.as_slice()).finish()
    }
}

impl<T: PartialEq<U>, U> PartialEq<Vec<U>> for List<T> {
    fn eq(&self, other: &Vec<U>) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<T: PartialEq<U>, U, const N: usize> PartialEq<[U; N]> for List<T> {
    fn eq(&self, other: &[U; N]) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<T: Serialize> Serialize for List<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.as_slice().serialize(s)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<List<T>, D::Error> {
        Vec::deserialize(d).map(List::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_as_a_vec() {
        assert_eq!(
            std::mem::size_of::<List<String>>(),
            std::mem::size_of::<usize>()
        );
        let mut l: List<String> = List::new();
        assert!(l.is_empty() && l.is_empty() == l.as_slice().is_empty());
        l.push("a".into());
        l.push("b".into());
        assert_eq!(l, vec!["a", "b"]);
        assert_eq!(l.len(), 2);
        assert!(!l.is_empty());
        // An empty `Vec` makes the empty list, equal to the one `new` makes.
        assert_eq!(List::<String>::from(Vec::new()), List::new());
        assert!(List::<u8>::from_iter(std::iter::empty()).is_empty());
        let v: Vec<u16> = vec![3, 1, 2];
        let mut l = List::from(v.clone());
        assert_eq!(
            serde_json::to_string(&l).unwrap(),
            serde_json::to_string(&v).unwrap()
        );
        let back: List<u16> = serde_json::from_str("[3,1,2]").unwrap();
        assert_eq!(back, l);
        let none: List<u16> = serde_json::from_str("[]").unwrap();
        assert!(none.is_empty() && none == List::new());
        l.sort_unstable();
        assert_eq!(l, [1, 2, 3]);
        assert_eq!(format!("{l:?}"), "[1, 2, 3]");
        assert_eq!(l.into_iter().collect::<Vec<_>>(), vec![1, 2, 3]);
    }
}
