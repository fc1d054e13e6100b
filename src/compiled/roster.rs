//! The built-in knowledge base's roster: each entity's id, type and canonical name, in KB order, as
//! build.rs writes them (one line per entity: `id`, type, name, tab-separated).
//!
//! Why it exists: a scan's output needs, per mention, only its entity's id, type and name (and a page
//! asks for all of them once: `entityIds()`, `entityTypes()`, `entityNames()`), not the records. With the
//! roster, the built-in lens decodes its records (the KB's JSON) only when something needs them (a card,
//! a dictionary, an export), not at start (BENCHMARKS.md, "Cold start: the resolver's facts and the
//! records at build time"). Read without copying: the strings are slices of the embedded text.

use crate::kb::schema::EntityType;

/// One line per entity (see the module's documentation).
#[derive(Debug)]
pub(crate) struct Roster {
    entries: Vec<(&'static str, EntityType, &'static str)>,
}

impl Roster {
    /// Reads a roster; `None` when a line is not `id`, a type and a name separated by tabs.
    pub(crate) fn parse(text: &'static str) -> Option<Roster> {
        let entries = text
            .lines()
            .map(|line| {
                let mut cells = line.split('\t');
                let id = cells.next()?;
                let kind = EntityType::parse(cells.next()?)?;
                let name = cells.next()?;
                cells.next().is_none().then_some((id, kind, name))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Roster { entries })
    }

    /// The roster's text for records given as (id, type, name): what build.rs writes.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn text<'a>(
        records: impl IntoIterator<Item = (&'a str, EntityType, &'a str)>,
    ) -> String {
        let mut out = String::new();
        for (id, kind, name) in records {
            assert!(
                !(id.contains(['\t', '\n', '\r']) || name.contains(['\t', '\n', '\r'])),
                "an id or name with a tab or line break: {id}"
            );
            out.push_str(id);
            out.push('\t');
            out.push_str(kind.as_str());
            out.push('\t');
            out.push_str(name);
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
        self.entries[i].0
    }

    /// Entity `i`'s type.
    pub(crate) fn kind(&self, i: usize) -> EntityType {
        self.entries[i].1
    }

    /// Entity `i`'s canonical name.
    pub(crate) fn name(&self, i: usize) -> &'static str {
        self.entries[i].2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_roster_reads_back_and_refuses_other_lines() {
        let text = Roster::text([
            ("a", EntityType::Person, "Abu A"),
            ("b-c", EntityType::ArmedGroup, "كتائب"),
        ]);
        let text: &'static str = Box::leak(text.into_boxed_str());
        let r = Roster::parse(text).unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(
            (r.id(1), r.kind(1), r.name(1)),
            ("b-c", EntityType::ArmedGroup, "كتائب")
        );
        assert_eq!(
            (r.id(0), r.kind(0), r.name(0)),
            ("a", EntityType::Person, "Abu A")
        );
        for bad in ["a\tperson\n", "a\tnobody\tA\n", "a\tperson\tA\tmore\n"] {
            assert!(Roster::parse(bad).is_none(), "{bad:?}");
        }
    }
}
