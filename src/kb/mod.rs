//! The knowledge base: who the entities are, how they are named, and how they relate.
//!
//! The built-in KB is compiled in from `data/kb/*.toml` (validated by `build.rs`); users add their own
//! dictionaries at run time in the KB's JSON or TOML schema, CSV, or FollowTheMoney JSON lines
//! (see [`load`]). Either way the records are [`EntityRecord`]s, so every later stage sees one shape.

pub mod load;
pub mod schema;

pub use load::{parse_dictionary, Format, MergeMode};
pub use schema::{
    Designation, DesignationAction, EntityRecord, EntityType, KbError, NameField, Note, Relation,
    RelationKind,
};

use std::collections::HashMap;

const BUILTIN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/kb.json"));

/// A set of entities with unique ids.
#[derive(Clone, Debug, Default)]
pub struct KnowledgeBase {
    entities: Vec<EntityRecord>,
    origins: Vec<String>,
    by_id: HashMap<String, usize>,
}

impl KnowledgeBase {
    /// The built-in knowledge base.
    ///
    /// ```
    /// let kb = factionlens::KnowledgeBase::builtin();
    /// assert!(kb.len() > 0);
    /// ```
    pub fn builtin() -> KnowledgeBase {
        let records: Vec<EntityRecord> =
            serde_json::from_str(BUILTIN_JSON).expect("the built-in KB was validated by build.rs");
        let mut kb = KnowledgeBase::default();
        for r in records {
            kb.insert(r, "builtin");
        }
        kb
    }

    /// An empty knowledge base.
    pub fn empty() -> KnowledgeBase {
        KnowledgeBase::default()
    }

    fn insert(&mut self, r: EntityRecord, origin: &str) {
        if let Some(&i) = self.by_id.get(&r.id) {
            self.entities[i] = r;
            self.origins[i] = origin.to_string();
        } else {
            self.by_id.insert(r.id.clone(), self.entities.len());
            self.entities.push(r);
            self.origins.push(origin.to_string());
        }
    }

    /// Adds records; a record whose id is already present replaces the old one.
    pub fn extend(&mut self, records: Vec<EntityRecord>, origin: &str) {
        for r in records {
            self.insert(r, origin);
        }
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// Whether there are no entities.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// The entity with this id.
    pub fn get(&self, id: &str) -> Option<&EntityRecord> {
        self.by_id.get(id).map(|&i| &self.entities[i])
    }

    /// The index of the entity with this id (indexes are stable until the KB changes).
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The entity at an index.
    pub fn at(&self, index: usize) -> &EntityRecord {
        &self.entities[index]
    }

    /// Where the entity at an index came from: `builtin` or a dictionary's name.
    pub fn origin(&self, index: usize) -> &str {
        &self.origins[index]
    }

    /// All entities, in KB order.
    pub fn entities(&self) -> &[EntityRecord] {
        &self.entities
    }

    /// Whether an id is present.
    pub fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }
}

/// An entity card: the record, where it came from, and the relations that point at it, with names
/// resolved so a UI can show them without more lookups.
#[derive(Clone, Debug, serde::Serialize)]
pub struct EntityCard<'a> {
    /// The record.
    #[serde(flatten)]
    pub record: &'a EntityRecord,
    /// `builtin` or the dictionary it came from.
    pub origin: &'a str,
    /// Names of the targets of `record.relations`, in the same order (the id when the target is unknown).
    pub relation_names: Vec<&'a str>,
    /// Relations of other entities that point at this one.
    pub incoming: Vec<IncomingRelation<'a>>,
}

/// A relation of another entity that points at the card's entity.
#[derive(Clone, Debug, serde::Serialize)]
pub struct IncomingRelation<'a> {
    /// The relation kind, read from the other entity (`leads`: the other entity leads this one).
    pub rel: RelationKind,
    /// The other entity's id.
    pub source: &'a str,
    /// The other entity's name.
    pub source_name: &'a str,
    /// The relation's sources.
    pub sources: &'a [String],
}

impl KnowledgeBase {
    /// The card of the entity with this id.
    ///
    /// ```
    /// let kb = factionlens::KnowledgeBase::builtin();
    /// if let Some(card) = kb.card("popular-mobilization-forces") {
    ///     assert!(card.incoming.iter().any(|r| r.source == "kataib-hezbollah"));
    /// }
    /// ```
    pub fn card(&self, id: &str) -> Option<EntityCard<'_>> {
        let i = self.index_of(id)?;
        let record = &self.entities[i];
        let relation_names = record
            .relations
            .iter()
            .map(|r| {
                self.get(&r.target)
                    .map_or(r.target.as_str(), |t| t.name.as_str())
            })
            .collect();
        let incoming = self
            .entities
            .iter()
            .flat_map(|e| e.relations.iter().map(move |r| (e, r)))
            .filter(|(_, r)| r.target == record.id)
            .map(|(e, r)| IncomingRelation {
                rel: r.rel,
                source: &e.id,
                source_name: &e.name,
                sources: &r.sources,
            })
            .collect();
        Some(EntityCard {
            record,
            origin: &self.origins[i],
            relation_names,
            incoming,
        })
    }
}
