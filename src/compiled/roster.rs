//! The built-in knowledge base's roster: each entity's id, type, canonical name and the two ids a
//! summary joins on (Wikidata, OpenSanctions), in KB order, as build.rs writes them (one line per
//! entity: `id`, type, name, Wikidata id, OpenSanctions id, tab-separated; an id may be empty).
//!
//! Why it exists: a scan's output needs, per mention, only its entity's id, type and name (and a page
//! asks for all of them once: `entityIds()`, `entityTypes()`, `entityNames()`), and a summary those
//! plus the two ids, not the records. With the roster, the built-in lens decodes its records (the KB's
//! JSON) only when something needs them (a card, a dictionary, an export), not at start, and the
//! scan-only `.wasm` does without them (BENCHMARKS.md, "Cold start: the resolver's facts and the
//! records at build time"). Read without copying: the strings are slices of the embedded text.

use crate::kb::schema::EntityType;
use std::sync::OnceLock;

/// One entity's line.
#[derive(Debug)]
struct Entry {
    id: &'static str,
    kind: EntityType,
    name: &'static str,
    wikidata: &'static str,
    opensanctions: &'static str,
}

/// One line per entity (see the module's documentation).
#[derive(Debug)]
pub(crate) struct Roster {
    entries: Vec<Entry>,
    /// Entity indexes by id, made on the first [`Roster::index_of`] (summaries only). The map's type is
    /// the one `Lens::summarize` counts with, so the `.wasm` carries its code once.
    by_id: OnceLock<rustc_hash::FxHashMap<&'static str, usize>>,
}

/// What one line says about an entity (the argument of [`Roster::text`]).
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct Line<'a> {
    pub(crate) id: &'a str,
    pub(crate) kind: EntityType,
    pub(crate) name: &'a str,
    pub(crate) wikidata: Option<&'a str>,
    pub(crate) opensanctions: Option<&'a str>,
}

impl Roster {
    /// Reads a roster; `None` when a line is not five tab-separated cells: an id, a type, a name and
    /// the two (possibly empty) ids.
    pub(crate) fn parse(text: &'static str) -> Option<Roster> {
        let entries = text
            .lines()
            .map(|line| {
                let mut cells = line.split('\t');
                let entry = Entry {
                    id: cells.next()?,
                    kind: EntityType::parse(cells.next()?)?,
                    name: cells.next()?,
                    wikidata: cells.next()?,
                    opensanctions: cells.next()?,
                };
                cells.next().is_none().then_some(entry)
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Roster {
            entries,
            by_id: OnceLock::new(),
        })
    }

    /// The roster's text for these records: what build.rs writes.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn text<'a>(records: impl IntoIterator<Item = Line<'a>>) -> String {
        let mut out = String::new();
        for r in records {
            let cells = [
                r.id,
                r.kind.as_str(),
                r.name,
                r.wikidata.unwrap_or(""),
                r.opensanctions.unwrap_or(""),
            ];
            assert!(
                !cells.iter().any(|c| c.contains(['\t', '\n', '\r'])),
                "a roster cell with a tab or line break: {}",
                r.id
            );
            out.push_str(&cells.join("\t"));
            out.push('\n');
        }
        out
    }

    /// Number of entities.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Entity `i`'s id.
    pub(crate) fn id(&self, i: usize) -> &'static str {
        self.entries[i].id
    }

    /// Entity `i`'s type.
    pub(crate) fn kind(&self, i: usize) -> EntityType {
        self.entries[i].kind
    }

    /// Entity `i`'s canonical name.
    pub(crate) fn name(&self, i: usize) -> &'static str {
        self.entries[i].name
    }

    /// Entity `i`'s Wikidata id, if it has one.
    pub(crate) fn wikidata(&self, i: usize) -> Option<&'static str> {
        Some(self.entries[i].wikidata).filter(|s| !s.is_empty())
    }

    /// Entity `i`'s OpenSanctions id, if it has one.
    pub(crate) fn opensanctions(&self, i: usize) -> Option<&'static str> {
        Some(self.entries[i].opensanctions).filter(|s| !s.is_empty())
    }

    /// The index of the entity with this id.
    pub(crate) fn index_of(&self, id: &str) -> Option<usize> {
        let by_id = self.by_id.get_or_init(|| {
            let mut map = rustc_hash::FxHashMap::default();
            for (i, e) in self.entries.iter().enumerate() {
                map.entry(e.id).or_insert(i);
            }
            map
        });
        by_id.get(id).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_roster_reads_back_and_refuses_other_lines() {
        let text = Roster::text([
            Line {
                id: "a",
                kind: EntityType::Person,
                name: "Abu A",
                wikidata: Some("Q1"),
                opensanctions: None,
            },
            Line {
                id: "b-c",
                kind: EntityType::ArmedGroup,
                name: "كتائب",
                wikidata: None,
                opensanctions: Some("NK-x"),
            },
        ]);
        let text: &'static str = Box::leak(text.into_boxed_str());
        let r = Roster::parse(text).unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(
            (r.id(1), r.kind(1), r.name(1)),
            ("b-c", EntityType::ArmedGroup, "كتائب")
        );
        assert_eq!((r.wikidata(1), r.opensanctions(1)), (None, Some("NK-x")));
        assert_eq!(
            (r.id(0), r.kind(0), r.name(0)),
            ("a", EntityType::Person, "Abu A")
        );
        assert_eq!((r.wikidata(0), r.opensanctions(0)), (Some("Q1"), None));
        assert_eq!((r.index_of("b-c"), r.index_of("a")), (Some(1), Some(0)));
        assert_eq!(r.index_of("b"), None);
        for bad in [
            "a\tperson\tA\t\n",
            "a\tnobody\tA\t\t\n",
            "a\tperson\tA\t\t\tmore\n",
        ] {
            assert!(Roster::parse(bad).is_none(), "{bad:?}");
        }
    }
}
