//! The knowledge base's index of ids: which entity has an id, without a second copy of the id.
//!
//! A `HashMap<String, usize>` held a clone of every id (an allocation each) and 32-byte entries: about
//! 7 MB for a 100k-entity dictionary (BENCHMARKS.md, "A big dictionary's records and facts"). This
//! table holds only entity indexes, 4 bytes a slot, and compares the ids where the records keep them.

use super::EntityRecord;
use std::hash::BuildHasher;

/// Open addressing over entity indexes: `slots[i]` is an index plus one, 0 for an empty slot; at most
/// half the slots are full, so a probe soon reaches an empty one.
#[derive(Clone, Debug, Default)]
pub(crate) struct Ids {
    slots: Vec<u32>,
    len: usize,
}

/// FxHash of an id: the ids are the user's own, not chosen against the table.
fn hash(id: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(id)
}

impl Ids {
    /// The slot where `id` is or would go.
    fn probe(&self, id: &str, entities: &[EntityRecord]) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = (hash(id) as usize) & mask;
        loop {
            match self.slots[i] {
                0 => return i,
                s if entities[s as usize - 1].id == id => return i,
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// The index of the entity with this id.
    pub(crate) fn get(&self, id: &str, entities: &[EntityRecord]) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        match self.slots[self.probe(id, entities)] {
            0 => None,
            s => Some(s as usize - 1),
        }
    }

    /// Room for `more` ids besides those indexed: the slots grow, and every id of `entities[..len]`
    /// (the ones indexed) is placed again.
    pub(crate) fn reserve(&mut self, more: usize, entities: &[EntityRecord]) {
        let want = ((self.len + more) * 2).next_power_of_two().max(8);
        if want <= self.slots.len() {
            return;
        }
        let old = std::mem::replace(&mut self.slots, vec![0; want]);
        for s in old.into_iter().filter(|&s| s != 0) {
            let i = self.probe(&entities[s as usize - 1].id, entities);
            self.slots[i] = s;
        }
    }

    /// Indexes `entities[index]` under its id, or moves the id to it from the entity that had it.
    ///
    /// Panics past 4G entities (the knowledge base holds far fewer: `MAX_NAMES`).
    pub(crate) fn insert(&mut self, index: usize, entities: &[EntityRecord]) {
        self.reserve(1, entities);
        let i = self.probe(&entities[index].id, entities);
        if self.slots[i] == 0 {
            self.len += 1;
        }
        self.slots[i] = u32::try_from(index + 1).expect("fewer than 4G entities");
    }

    /// Number of ids indexed.
    pub(crate) fn len(&self) -> usize {
        self.len
    }
}
