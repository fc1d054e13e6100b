//! The knowledge base: who the entities are, how they are named, and how they relate.
//!
//! The built-in KB is compiled in from `data/kb/*.toml` (validated by `build.rs`); users add their own
//! dictionaries at run time in the KB's JSON or TOML schema (TOML with the `toml` cargo feature), CSV,
//! or FollowTheMoney JSON lines (see [`load`]). Either way the records are [`EntityRecord`]s, so every later stage sees one shape.

pub mod ftm;
mod ids;
pub mod list;
pub mod load;
pub(crate) mod packed;
pub mod schema;
#[cfg(feature = "toml")]
pub mod toml_file;
pub mod validate;

pub use load::{parse_dictionary, parse_dictionary_with_warnings, Format, MergeMode};
pub use schema::{
    Designation, DesignationAction, EntityRecord, EntityType, KbError, List, NameField, Note,
    PmfBrigades, Relation, RelationKind, Role, RoleKind, Status, StatusState,
};

/// The built-in KB's JSON, [`packed`] (its source URLs once).
const BUILTIN_PACKED: &str = generated!(str "kb.packed");
const BUILTIN_AS_OF: &str = generated!(str "kb_as_of.txt");

/// The date the built-in KB's facts were last checked, without decoding its records.
pub(crate) fn builtin_as_of() -> &'static str {
    BUILTIN_AS_OF.trim()
}

/// A set of entities with unique ids.
#[derive(Clone, Debug, Default)]
pub struct KnowledgeBase {
    entities: Vec<EntityRecord>,
    /// Per entity: where it came from, an index into `origin_names`.
    origins: Vec<u32>,
    /// Each origin once (`builtin`, a dictionary's name): a big dictionary's records share theirs.
    origin_names: Vec<String>,
    /// Which entity has an id (see [`ids`]).
    by_id: ids::Ids,
    as_of: Option<String>,
}

impl KnowledgeBase {
    /// The built-in knowledge base.
    ///
    /// ```
    /// let kb = factionlens::KnowledgeBase::builtin();
    /// assert!(kb.len() > 0);
    /// ```
    pub fn builtin() -> KnowledgeBase {
        let records: Vec<EntityRecord> = serde_json::from_str(&packed::unpack(BUILTIN_PACKED))
            .expect("the built-in KB was validated by build.rs");
        let mut kb = KnowledgeBase {
            as_of: Some(builtin_as_of().to_string()),
            ..KnowledgeBase::default()
        };
        for r in records {
            kb.insert(r, "builtin");
        }
        kb
    }

    /// The date the built-in facts were last checked against sources (`YYYY-MM-DD`, from
    /// `data/kb/meta.toml`); `None` for a KB built only from dictionaries.
    ///
    /// ```
    /// let kb = factionlens::KnowledgeBase::builtin();
    /// assert_eq!(kb.as_of().map(str::len), Some(10));
    /// ```
    pub fn as_of(&self) -> Option<&str> {
        self.as_of.as_deref()
    }

    /// A knowledge base from its records, each one's origin and the as-of date (see
    /// [`crate::compiled`]); `None` when two records share an id.
    pub(crate) fn from_parts(
        records: Vec<EntityRecord>,
        origins: Vec<String>,
        as_of: Option<String>,
    ) -> Option<KnowledgeBase> {
        let mut kb = KnowledgeBase {
            as_of,
            ..KnowledgeBase::default()
        };
        for (r, o) in records.into_iter().zip(origins) {
            kb.insert(r, &o);
        }
        (kb.by_id.len() == kb.entities.len()).then_some(kb)
    }

    /// An empty knowledge base.
    pub fn empty() -> KnowledgeBase {
        KnowledgeBase::default()
    }

    fn insert(&mut self, r: EntityRecord, origin: &str) {
        let o = self.origin_index(origin);
        if let Some(i) = self.index_of(&r.id) {
            self.entities[i] = r;
            self.origins[i] = o;
        } else {
            self.entities.push(r);
            self.origins.push(o);
            self.by_id.insert(self.entities.len() - 1, &self.entities);
        }
    }

    /// `origin`'s index in `origin_names`, added if new. Searched from the last: records of one origin
    /// come together.
    fn origin_index(&mut self, origin: &str) -> u32 {
        match self.origin_names.iter().rposition(|o| o == origin) {
            Some(i) => i as u32,
            None => {
                self.origin_names.push(origin.to_string());
                (self.origin_names.len() - 1) as u32
            }
        }
    }

    /// Adds records; a record whose id is already present replaces the old one.
    pub fn extend(&mut self, records: Vec<EntityRecord>, origin: &str) {
        // Records of new ids only (a dictionary's, as a rule) move in whole: their vector becomes the
        // entities', the entities already there moved in front. Filling a second vector while the
        // records' own is still held was the peak of a big dictionary's load (BENCHMARKS.md, "Names in
        // one arena").
        let mut seen = rustc_hash::FxHashSet::default();
        seen.reserve(records.len());
        if records
            .iter()
            .all(|r| !self.contains(&r.id) && seen.insert(r.id.as_str()))
        {
            drop(seen);
            let o = self.origin_index(origin);
            let start = self.entities.len();
            let added = records.len();
            self.origins.extend(std::iter::repeat_n(o, added));
            let old = std::mem::take(&mut self.entities);
            let mut all = records;
            // Exact: `splice` alone grows the vector by doubling it.
            all.reserve_exact(old.len());
            all.splice(0..0, old);
            self.entities = all;
            self.by_id.reserve(added, &self.entities);
            for i in start..start + added {
                self.by_id.insert(i, &self.entities);
            }
            return;
        }
        drop(seen);
        self.entities.reserve(records.len());
        self.origins.reserve(records.len());
        self.by_id.reserve(records.len(), &self.entities);
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
        self.index_of(id).map(|i| &self.entities[i])
    }

    /// The index of the entity with this id (indexes are stable until the KB changes).
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id, &self.entities)
    }

    /// The entity at an index.
    pub fn at(&self, index: usize) -> &EntityRecord {
        &self.entities[index]
    }

    /// Where the entity at an index came from: `builtin` or a dictionary's name.
    pub fn origin(&self, index: usize) -> &str {
        &self.origin_names[self.origins[index] as usize]
    }

    /// All entities, in KB order.
    pub fn entities(&self) -> &[EntityRecord] {
        &self.entities
    }

    /// Whether an id is present.
    pub fn contains(&self, id: &str) -> bool {
        self.index_of(id).is_some()
    }
}

/// An entity card: the record, where it came from, its roles and the relations and roles that point at
/// it, with names resolved and currentness decided, so a UI can show them without more lookups.
#[derive(Clone, Debug, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct EntityCard<'a> {
    /// The record.
    #[serde(flatten)]
    pub record: &'a EntityRecord,
    /// `builtin` or the dictionary it came from.
    pub origin: &'a str,
    /// The date the built-in facts were last checked (`YYYY-MM-DD`; see `KnowledgeBase::as_of`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<&'a str>,
    /// Names of the targets of `record.relations`, in the same order (the id when the target is unknown).
    pub relation_names: Vec<&'a str>,
    /// Relations of other entities that point at this one.
    pub incoming: Vec<IncomingRelation<'a>>,
    /// The person's roles, current ones first (each group in the record's order).
    pub role_views: Vec<RoleView<'a>>,
    /// Roles other entities (people) hold or held in this body, current ones first.
    pub holders: Vec<RoleView<'a>>,
}

/// A relation of another entity that points at the card's entity.
#[derive(Clone, Debug, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct IncomingRelation<'a> {
    /// The relation kind, read from the other entity (`backed_by`: the other entity is backed by this one).
    pub rel: RelationKind,
    /// The other entity's id.
    pub source: &'a str,
    /// The other entity's name.
    pub source_name: &'a str,
    /// When the relation began.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<&'a str>,
    /// When it ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<&'a str>,
    /// The relation's sources.
    pub sources: &'a [String],
}

/// A role as a card shows it: who, what, of which body, when, and whether it is held now.
#[derive(Clone, Debug, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct RoleView<'a> {
    /// The role.
    pub role: RoleKind,
    /// Its title in words ("deputy chairman").
    pub label: &'static str,
    /// The person's id.
    pub person: &'a str,
    /// The person's name.
    pub person_name: &'a str,
    /// The body's id.
    pub of: &'a str,
    /// The body's name (its id when unknown).
    pub of_name: &'a str,
    /// When it began.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<&'a str>,
    /// When it ended: the role's `until`, or the person's death.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<&'a str>,
    /// Held now.
    pub current: bool,
    /// The role's note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
    /// The role's sources.
    pub sources: &'a [String],
}

/// Current roles first, each group in its original order (the sort is stable).
fn current_first(mut v: Vec<RoleView<'_>>) -> Vec<RoleView<'_>> {
    v.sort_by_key(|r| !r.current);
    v
}

impl KnowledgeBase {
    fn role_view<'a>(&'a self, person: &'a EntityRecord, r: &'a Role) -> RoleView<'a> {
        let current = r.is_current(person.status.as_deref());
        let death = person
            .status
            .as_ref()
            .filter(|s| s.state == StatusState::Deceased && r.role != RoleKind::Founder)
            .and_then(|s| s.date.as_deref());
        RoleView {
            role: r.role,
            label: r.role.label(),
            person: &person.id,
            person_name: &person.name,
            of: &r.of,
            of_name: self.get(&r.of).map_or(r.of.as_str(), |t| t.name.as_str()),
            from: r.from.as_deref(),
            until: r.until.as_deref().or(death),
            current,
            note: r.note.as_deref(),
            sources: &r.sources,
        }
    }

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
                from: r.from.as_deref(),
                until: r.until.as_deref(),
                sources: &r.sources,
            })
            .collect();
        let role_views = current_first(
            record
                .roles
                .iter()
                .map(|r| self.role_view(record, r))
                .collect(),
        );
        let holders = current_first(
            self.entities
                .iter()
                .flat_map(|e| e.roles.iter().map(move |r| (e, r)))
                .filter(|(_, r)| r.of == record.id)
                .map(|(e, r)| self.role_view(e, r))
                .collect(),
        );
        Some(EntityCard {
            record,
            origin: self.origin(i),
            as_of: self.as_of(),
            relation_names,
            incoming,
            role_views,
            holders,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_entity_keeps_its_own_origin() {
        let rec = |id: &str| EntityRecord::new(id, id, EntityType::ArmedGroup);
        let mut kb = KnowledgeBase::empty();
        kb.extend(vec![rec("a"), rec("b")], "one.csv");
        kb.extend(vec![rec("c")], "two.csv");
        // `b` replaced from a third origin, then `d` from the first again.
        kb.extend(vec![rec("b")], "three.csv");
        kb.extend(vec![rec("d")], "one.csv");
        // New ids and a known one in one batch (the record-by-record path), then a batch of new ids
        // with one twice (the later one replaces the earlier, as record by record).
        let mut e = rec("e");
        e.description = "first".into();
        let mut e2 = rec("e");
        e2.description = "second".into();
        kb.extend(vec![rec("f"), e, rec("g"), e2], "four.csv");
        assert_eq!(kb.get("e").unwrap().description, "second");
        let ids: Vec<&str> = kb.entities().iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c", "d", "f", "e", "g"]);
        assert!(ids
            .iter()
            .enumerate()
            .all(|(i, id)| kb.index_of(id) == Some(i)));
        let mut a = rec("a");
        a.description = "again".into();
        kb.extend(vec![rec("h"), a], "five.csv");
        assert_eq!(kb.index_of("a"), Some(0));
        assert_eq!(kb.at(0).description, "again");
        assert_eq!(kb.index_of("h"), Some(7));
        let origins: Vec<&str> = (0..kb.len()).map(|i| kb.origin(i)).collect();
        assert_eq!(
            origins,
            [
                "five.csv",
                "three.csv",
                "two.csv",
                "one.csv",
                "four.csv",
                "four.csv",
                "four.csv",
                "five.csv"
            ]
        );
        assert_eq!(
            kb.origin_names,
            ["one.csv", "two.csv", "three.csv", "four.csv", "five.csv"]
        );
        let back = KnowledgeBase::from_parts(
            kb.entities().to_vec(),
            origins.iter().map(|o| o.to_string()).collect(),
            None,
        )
        .unwrap();
        assert!((0..kb.len()).all(|i| back.origin(i) == origins[i]));
    }
}
